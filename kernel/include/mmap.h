/* mmap.h - the memory-mapping system calls' typed implementations (kernel/mm/mmap.c).
 * sys_brk, sys_mmap, sys_munmap, sys_mprotect and sys_madvise (syscalls.h) decode their
 * arguments and call these on the current process's mm; the self-tests call them on an mm of
 * their own. Each returns what the syscall returns: a result or -errno (Linux's numbers). */
#ifndef REAPER_MMAP_H
#define REAPER_MMAP_H

#include "types.h"

struct mm;

/* mmap(2)'s six arguments, typed. */
struct mmap_req {
	uaddr_t addr;	    /* a hint, or the place with MAP_FIXED */
	size_t len;	    /* bytes; rounded up to pages */
	unsigned int prot;  /* PROT_* */
	unsigned int flags; /* MAP_* */
	int fd;		    /* the file, unless MAP_ANONYMOUS */
	uint64_t offset;    /* into the file; page-aligned */
};

long do_mmap(struct mm *mm, const struct mmap_req *req);
int do_munmap(struct mm *mm, uaddr_t addr, size_t len);
int do_mprotect(struct mm *mm, uaddr_t addr, size_t len, unsigned long prot);
int do_madvise(struct mm *mm, uaddr_t addr, size_t len, int advice);
uaddr_t do_brk(struct mm *mm, uaddr_t brk);

#endif
