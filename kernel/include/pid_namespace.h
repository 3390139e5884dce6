/* pid_namespace.h - nested pid namespaces and their teardown (kernel/pid_namespace.c).
 *
 * A pid namespace is a numbering: the threads created in it (and in every namespace below it)
 * get a number of its own, 1 for the first, its `init` and `child_reaper`. The root namespace
 * (init_pid_ns, level 0) is the machine's; clone(CLONE_NEWPID) and unshare(CLONE_NEWPID) make
 * a child namespace one level down, at most PIDNS_MAX_LEVEL (32) levels deep.
 *
 * References: a struct pid holds its innermost namespace; a namespace holds its parent; a
 * process holds its pid_ns_for_children (where its next children go). A namespace is freed
 * with its last reference.
 * See also: kernel/include/pid.h, DESIGN.md section 6. Linux: include/linux/pid_namespace.h.
 */
#ifndef REAPER_PID_NAMESPACE_H
#define REAPER_PID_NAMESPACE_H

#include "types.h"
#include "pid.h"
#include "wait_queue.h"

struct pid_namespace {
	/* Immutable after creation: */
	struct pid_namespace *parent;	/* NULL for the root namespace */
	/* Changed atomically (get_pid_ns, put_pid_ns). Not the first field: a freed object's
	 * first 8 bytes are the slab's free-list link, not poison (refcount.h): */
	int refcount;
	int level;			/* 0 for the root */
	unsigned int inum;		/* its identity, as /proc/<pid>/ns/pid shows it */
	/* Protected by tasklist_lock: */
	uint64_t *bitmap;		/* bit nr set: nr is allocated (PID_MAX bits) */
	pid_t last_nr;			/* cyclic allocation continues after it */
	int pid_max;			/* numbers are 1 .. pid_max - 1; 301 .. PID_MAX, set by
					 * /proc/sys/kernel/pid_max (kernel/fs/proc/sysfiles.c) */
	int nr_pids;			/* numbers allocated (Linux: pid_allocated) */
	bool adding;			/* new numbers may be allocated; false once dying */
	struct process *child_reaper;	/* its init (number 1), once it exists */
	int reboot;			/* reboot() inside: init dies with this signal */
	/* Its own lock: */
	struct wait_queue reaper_wait;	/* the teardown waits here for nr_pids to drop */
	/* Protected by proc_sbs_lock (kernel/fs/proc/root.c): */
	struct list_head proc_sbs;	/* proc superblocks mounted for it (they hold it; it
					 * does not hold them: no reference cycle) */
};

extern struct pid_namespace init_pid_ns;

struct pid_namespace *get_pid_ns(struct pid_namespace *ns);
void put_pid_ns(struct pid_namespace *ns);
struct pid_namespace *pidns_create(struct pid_namespace *parent);
bool pidns_is_ancestor(const struct pid_namespace *ancestor, const struct pid_namespace *ns);
bool pidns_is_init(const struct process *p);
void pidns_init(void);

void zap_pid_ns_processes(struct pid_namespace *ns);
int pidns_reboot(int sig);
bool pidns_zap_legacy(void);

#endif
