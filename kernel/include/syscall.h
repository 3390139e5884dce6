/* syscall.h - the system call interface between the arch entry code and the handlers.
 *
 * arch/x86_64/syscall.asm builds a struct trap_frame for every `syscall` instruction and
 * calls syscall_dispatch(); the dispatcher (kernel/syscall.c) copies the number and the six
 * arguments into a struct syscall_args, looks the number up in the table and calls the
 * handler. Handlers are `long sys_X(const struct syscall_args *a)`: they decode a->arg[i] by
 * name, call a typed do_X(), and return the result or -errno. Numbers are Linux x86-64's
 * (uapi/unistd.h); an unknown number returns -ENOSYS and is logged once with its name.
 * See also: kernel/syscall.c (the table), DESIGN.md section 10. */
#ifndef REAPER_SYSCALL_H
#define REAPER_SYSCALL_H

#include "types.h"

struct trap_frame;

struct syscall_args {
	uint64_t nr;		/* rax at entry */
	uint64_t arg[6];	/* rdi, rsi, rdx, r10, r8, r9 */
};

struct syscall_entry {
	long (*fn)(const struct syscall_args *a);
	const char *name;	/* for syscall.trace=1 and the ENOSYS log */
	bool irqs_off;		/* runs with interrupts off: a few hundred instructions that
				 * never sleep and never touch user memory (kernel/syscall.c) */
};

void syscall_init(void);
void syscall_dispatch(struct trap_frame *tf);
const char *syscall_name(uint64_t nr);

#endif
