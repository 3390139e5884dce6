/* internal.h - what the files of kernel/fs/proc/ share: the text buffer a generated file is
 * printed into (a small cousin of Linux's seq_file) and the files' show functions.
 * A show function prints the whole file with proc_printf(); if the buffer was too small,
 * root.c doubles it and calls the function again, so a show function must be a pure function
 * of the kernel's state (no side effects), exactly as Linux's single_open() requires.
 * Linux: fs/proc/internal.h, include/linux/seq_file.h. */
#ifndef REAPER_PROC_INTERNAL_H
#define REAPER_PROC_INTERNAL_H

#include "compiler.h"
#include "types.h"

struct proc_buf {
	char *data;		/* kmalloc'd, @size bytes */
	size_t size;
	size_t len;		/* bytes printed; == size once it overflowed */
};

/* proc_printf() - append to @pb; on overflow mark it full (root.c retries bigger). */
void proc_printf(struct proc_buf *pb, const char *fmt, ...) PRINTF_LIKE(2, 3);
bool proc_buf_overflowed(const struct proc_buf *pb);

/* The show functions of the files in the proc root. Return: 0 or -errno (-ENOMEM). */
int proc_slabinfo_show(struct proc_buf *pb);	/* slabinfo.c */
int proc_meminfo_show(struct proc_buf *pb);	/* meminfo.c */

#endif
