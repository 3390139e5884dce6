/* fork.h - making processes and threads: fork, vfork, clone (kernel/fork.c).
 * do_clone() is the one implementation; the three system calls only decode arguments. */
#ifndef REAPER_FORK_H
#define REAPER_FORK_H

#include "types.h"

struct process;

/* clone(2)'s arguments, typed (x86-64 order: flags, newsp, parent_tid, child_tid, tls). */
struct clone_req {
	unsigned long flags;	/* CLONE_* | exit signal in the low byte */
	uaddr_t newsp;		/* the child's stack; 0: the parent's (a fork) */
	uaddr_t parent_tid;	/* CLONE_PARENT_SETTID: the new tid goes here, in the parent */
	uaddr_t child_tid;	/* CLONE_CHILD_SETTID / CLONE_CHILD_CLEARTID, in the child */
	uaddr_t tls;		/* CLONE_SETTLS: the child's FS base */
};

long do_clone(const struct clone_req *req);
uint64_t fork_count(void);
void fork_vfork_done_locked(struct process *p);

#endif
