/* pid.h - struct pid: the identity of one thread across nested pid namespaces (kernel/pid.c).
 *
 * A thread has one struct pid with one number per namespace level it is visible in: numbers[0]
 * in the root namespace, numbers[level] in its own (innermost) one. `pid_nr_ns(pid, ns)` is the
 * number in @ns, or 0 when the thread is not visible there (ns is not one of its levels).
 * Every number crossing the user boundary goes through it, with ns = the caller's namespace;
 * every number coming in is looked up the same way (kernel/process.c: process_find_vnr_locked,
 * thread_find_vnr_locked, pgrp_find_vnr_locked).
 *
 * Inside the kernel a thread and a process are also known by their ROOT-level number
 * (t->tid, p->tgid, p->pgid, p->sid: numbers[0]), which is what the kernel log shows and what
 * code that never talks to user space compares. Two lifetimes, as in Linux:
 *   - the NUMBERS are allocated from fork until release (free_pid_locked: the thread is
 *     reaped, or a non-leader thread self-reaps); free_pid_locked wakes a namespace's
 *     teardown when it is waiting for exactly that;
 *   - the STRUCT lives while referenced (get_pid/put_pid): by its thread and process, by
 *     processes using it as their process group or session, later by /proc inodes. The last
 *     put frees it and drops its reference on its namespace.
 * See also: kernel/include/pid_namespace.h. Linux: include/linux/pid.h, kernel/pid.c.
 */
#ifndef REAPER_PID_H
#define REAPER_PID_H

#include "types.h"
#include "list.h"

#define PIDNS_MAX_LEVEL	32	/* levels below the root namespace; the 33rd is ENOSPC */

struct pid_namespace;
struct process;
struct thread;

/* One number in one namespace. */
struct upid {
	pid_t nr;
	struct pid_namespace *ns;
	struct list_head chain;		/* in the pid hash while the number is allocated */
};

struct pid {
	/* Immutable after alloc_pid(): */
	int level;				/* of its innermost namespace */
	/* Changed atomically (get_pid, put_pid). Not the first field: in a freed object the
	 * first 8 bytes are the slab's free-list link, the rest poison (refcount.h): */
	int refcount;
	struct upid numbers[PIDNS_MAX_LEVEL + 1];	/* [0] root ... [level] its own */
	/* Protected by tasklist_lock: */
	bool freed;				/* its numbers went back (free_pid_locked) */
};

struct pid *alloc_pid(struct pid_namespace *ns);
void free_pid_locked(struct pid *pid);
struct pid *get_pid(struct pid *pid);
void put_pid(struct pid *pid);
void pid_init(void);
struct pid *find_get_pid_ns(pid_t nr, struct pid_namespace *ns);

pid_t pid_nr_ns(const struct pid *pid, const struct pid_namespace *ns);

/* pid_ns_of() - @pid's own (innermost) namespace. Context: any. Return: the namespace. */
static inline struct pid_namespace *pid_ns_of(const struct pid *pid)
{
	return pid->numbers[pid->level].ns;
}

pid_t pid_vnr(const struct pid *pid);
struct pid_namespace *task_active_pid_ns(const struct thread *t);
struct pid_namespace *current_pid_ns(void);

#endif
