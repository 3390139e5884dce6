/* pipe.h - pipes: a one-way byte channel between two open files (kernel/fs/pipe.c).
 *
 * pipe()/pipe2() create an anonymous inode (S_IFIFO, on the internal pipefs superblock) that
 * holds the pipe, and two struct files on it: the read end and the write end. Everything else
 * (fork, dup, close, exit) only counts references on those files; the pipe sees its readers
 * and writers come and go through the files' ->release.
 * Linux: include/linux/pipe_fs_i.h. */
#ifndef REAPER_PIPE_H
#define REAPER_PIPE_H

#include "types.h"

#define PIPE_BUF	4096		/* writes of at most this many bytes are atomic (POSIX) */
#define PIPE_SIZE	65536		/* capacity in bytes: Linux's default, 16 pages */

void pipe_init(void);
long do_pipe2(uaddr_t ufds, unsigned int flags);

#endif
