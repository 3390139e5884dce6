/* process.h - struct process, the thread group: what the threads of one program share.
 *
 * A process owns an address space (struct mm), an open-file table (struct files_struct), a
 * filesystem context (root, cwd, umask: struct fs_struct), resource limits and, from the
 * processes issue on, signal handlers, a parent and children. Its threads (struct thread,
 * sched.h) are what the scheduler runs; thread->proc points back here. A kernel thread has
 * proc == NULL. (Linux: struct task_struct plays both roles, with signal_struct shared.)
 *
 * The processes form a tree under tasklist_lock: parent/children/sibling, with init (tgid 1)
 * at the root adopting orphans. A process lives from fork (kernel/fork.c) until its parent
 * reaps it (kernel/wait.c: release_task); between its last thread's exit and the reap it is
 * a zombie (exit_state EXIT_ZOMBIE) that keeps only this struct and its number. Its threads
 * are freed by the scheduler as they exit; a zombie has none.
 * Numbers: each thread has a struct pid with a number in every pid namespace it is visible in
 * (kernel/pid.c); tgid, tid, pgid and sid are the root namespace's, the kernel's own view.
 * See also: kernel/process.c, kernel/fork.c, kernel/exec.c, kernel/exit.c, kernel/wait.c. */
#ifndef REAPER_PROCESS_H
#define REAPER_PROCESS_H

#include "types.h"
#include "list.h"
#include "uapi/resource.h"
#include "signal.h"
#include "spinlock.h"
#include "wait_queue.h"

#define PROCESS_COMM_LEN 16	/* like Linux's TASK_COMM_LEN */
#define PROCESS_MAX	1024	/* processes at once, the whole system (fork: EAGAIN) */
#define PID_MAX		32768	/* numbers are 1 .. PID_MAX - 1, as Linux's default pid_max */

/* exit_state: where a process is after its last thread exited (Linux's EXIT_ZOMBIE...). */
#define EXIT_ZOMBIE	16	/* waiting for its parent to reap it */
#define EXIT_DEAD	32	/* being released; invisible to wait */

struct vfork_done;
struct pid;
struct pid_namespace;

struct mm;
struct files_struct;
struct fs_struct;
struct thread;

struct process {
	/* Immutable after creation: */
	struct pid *pid;		/* the leader's struct pid: the process's numbers */
	pid_t tgid;			/* its number in the root namespace (pid->numbers[0]) */

	/* Protected by tasklist_lock (kernel/process.c): the tree, the thread list, the exit: */
	struct process *real_parent;	/* who forked us (or the reaper that adopted us) */
	struct process *parent;		/* who is told of our exit and reaps us: real_parent,
					 * or the tracer's process while our leader is traced */
	struct thread *parent_thread;	/* thread of parent that forked us (__WNOTHREAD);
					 * NULL once that thread exited or we were adopted */
	struct list_head children;	/* of struct process, via sibling */
	struct list_head sibling;	/* on parent->children */
	struct list_head tasks;		/* on the list of every process (process_for_each) */
	struct list_head threads;	/* of struct thread, via thread_link */
	int nr_threads;			/* on threads; exiting ones leave at exit_notify */
	struct thread *leader;		/* the thread numbered tgid: while it lives, and while it
					 * is a traced zombie its tracer has not reaped */
	int nr_thread_zombies;		/* traced non-leader threads that exited and wait for
					 * their tracer: the zombie is not reported before 0 */
	int live;			/* threads that have not started do_exit yet */
	int exit_state;			/* 0 (alive), EXIT_ZOMBIE or EXIT_DEAD */
	int exit_signal;		/* sent to parent when we die: SIGCHLD, other, or 0 */
	int exit_code;			/* wait status word once the process has exited */
	bool group_exit;		/* exit_group or a fatal signal: every thread dies */
	int group_exit_code;		/* the status word they all die with */
	struct thread *group_exec_thread;	/* an execve waiting for the others to die */
	pid_t pgid;			/* process group, root-namespace number (kernel/pgrp.c) */
	pid_t sid;			/* session (likewise) */
	struct pid *pgrp;		/* the group's struct pid (a reference), for its number
					 * in other namespaces; set with pgid */
	struct pid *session;		/* likewise for sid */
	struct pid_namespace *pid_ns_for_children;	/* where our next children go (a
					 * reference); changed by unshare(CLONE_NEWPID) */
	bool unkillable;		/* a namespace init: protected from signals
					 * (Linux: SIGNAL_UNKILLABLE, kernel/signal.c) */
	bool is_child_subreaper;	/* prctl(PR_SET_CHILD_SUBREAPER) */
	bool has_child_subreaper;	/* some ancestor is a subreaper: orphans look up */
	struct vfork_done *vfork_done;	/* our vfork parent sleeps on it until exec/exit */

	/* Its own lock: */
	struct wait_queue wait_chldexit;	/* wait() sleeps here; children's exit, stop and
						 * continue wake it (Linux: signal->wait_chldexit) */

	/* Changed only by the process's own threads: */
	char comm[PROCESS_COMM_LEN];	/* program name, from execve's path */
	struct mm *mm;			/* the address space; replaced by execve */
	struct files_struct *files;	/* open files */
	struct fs_struct *fs;		/* root, cwd, umask */
	struct rlimit rlim[RLIM_NLIMITS];	/* getrlimit/prlimit64; only reported for now */
	bool is_init;			/* the first user process: its exit powers off */

	/* Signals (kernel/signal.c): the handlers, shared with CLONE_SIGHAND, and per-process
	 * state, both protected by sighand->lock (fields of sig say otherwise where not): */
	struct sighand *sighand;
	struct process_signal sig;
};

extern struct spinlock tasklist_lock;	/* LOCK_TASKLIST: the process tree */

struct process *process_create(const char *comm);
struct process *process_find(pid_t tgid);
struct thread *thread_find(pid_t tid);
struct process *process_find_vnr_locked(pid_t nr);
struct thread *thread_find_vnr_locked(pid_t nr);
struct pid *pgrp_find_vnr_locked(pid_t nr, bool session);
struct pid *pgrp_pid_locked(pid_t global_nr, bool session);
bool process_nr_names_group_locked(struct pid_namespace *ns, pid_t nr);
bool process_for_each(bool (*fn)(struct process *p, void *arg), void *arg);
bool process_for_each_locked(bool (*fn)(struct process *p, void *arg), void *arg);
int process_attach_thread(struct process *p, struct thread *t, struct pid *pid);
void process_link_locked(struct process *child, struct process *parent);
void release_task(struct process *p);
void process_set_pgrp_locked(struct process *p, struct pid *pgrp, bool session);
int process_count(void);
void process_destroy(struct process *p);
void process_set_comm(struct process *p, const char *path);
void process_detach_thread(struct thread *t);
/* process_start_init() - the calling kernel thread becomes init and runs @path with @argv
 * (kernel strings, NULL-terminated). Returns only on failure, with -errno. */
int process_start_init(const char *path, const char *const *argv);

#endif
