/* signal.h - signals: sending, pending sets, dispositions, delivery, job control
 * (kernel/signal.c, signal_send.c, signal_deliver.c, signal_syscalls.c, itimer.c, pgrp.c;
 * the machine part - the signal frame - is arch/x86_64/signal.c).
 *
 * Where the state lives (Linux: task_struct, signal_struct, sighand_struct):
 *   struct sighand          the 64 dispositions; shared by CLONE_SIGHAND, refcounted. Its lock
 *                           (LOCK_SIGHAND) protects everything signal-related below, of every
 *                           process and thread that shares it.
 *   struct process_signal   per process (p->sig): the shared pending set (kill), group stop and
 *                           group exit state, what wait() has still to report, ITIMER_REAL,
 *                           the controlling tty.
 *   struct thread_signal    per thread (t->sig): its own pending set (tkill, faults), its
 *                           blocked mask, the alternate stack, the restart block.
 * A pending set is a bit mask plus a queue of siginfo entries: a standard signal (< SIGRTMIN)
 * has at most one entry (they coalesce), a real-time signal one per send, up to
 * RLIMIT_SIGPENDING per process.
 *
 * The internal restart codes (-ERESTART*) are what a sleeping system call returns when a signal
 * interrupted it; signal delivery turns them into -EINTR or a restart of the call
 * (signal_deliver.c). They never reach user space. */
#ifndef REAPER_SIGNAL_H
#define REAPER_SIGNAL_H

#include "types.h"
#include "list.h"
#include "spinlock.h"
#include "uapi/signal.h"

/* Returned by interrupted system calls; never seen by user space (Linux's numbers). */
#define ERESTARTSYS		512	/* restart if the handler has SA_RESTART, else EINTR */
#define ERESTARTNOINTR		513	/* always restart */
#define ERESTARTNOHAND		514	/* restart only if no handler ran, else EINTR */
#define ERESTART_RESTARTBLOCK	516	/* restart through restart_syscall (t->sig.restart) */

typedef uint64_t sigset_t;	/* bit (sig - 1) for signal sig; one word holds all 64 */

static inline sigset_t sigmask(int sig)
{
	return 1ULL << (sig - 1);
}

static inline bool sigset_has(sigset_t set, int sig)
{
	return (set & sigmask(sig)) != 0;
}

/* The signals that cannot be caught, blocked or ignored. */
#define SIG_UNBLOCKABLE	(sigmask(SIGKILL) | sigmask(SIGSTOP))
#define SIG_STOP_MASK	(sigmask(SIGSTOP) | sigmask(SIGTSTP) | sigmask(SIGTTIN) | sigmask(SIGTTOU))

/* Default actions (signal_default_action()). */
enum sig_default {
	SIG_DEFAULT_TERM,	/* terminate */
	SIG_DEFAULT_CORE,	/* terminate, status | 0x80 (no core file is written) */
	SIG_DEFAULT_STOP,	/* stop the group */
	SIG_DEFAULT_CONT,	/* continue the group (the continuing happens at send time) */
	SIG_DEFAULT_IGN,	/* nothing */
};

struct sigqueue {
	struct list_head link;		/* on a sigpending's list, oldest first */
	struct siginfo info;
};

struct sigpending {
	sigset_t signal;		/* which signals are pending */
	struct list_head list;		/* of struct sigqueue: their siginfo */
};

struct sighand {
	struct spinlock lock;		/* LOCK_SIGHAND */
	/* Protected by lock: */
	int refcount;			/* processes sharing it (CLONE_SIGHAND) */
	struct kernel_sigaction action[NSIG];	/* action[sig - 1] */
};

/* What restart_syscall (219) resumes: nanosleep's remaining time. */
struct restart_block {
	long (*fn)(struct restart_block *rb);	/* NULL: nothing to restart (EINTR) */
	uint64_t arg[4];
};

/* Job-control and exit flags of a process (process_signal.flags). */
#define SIGNAL_STOP_STOPPED	0x1	/* the group is stopped */
#define SIGNAL_GROUP_EXIT	0x2	/* a fatal signal is killing the group */
#define SIGNAL_CLD_CONTINUED	0x4	/* continued: the parent is still to be told */
#define SIGNAL_UNPROTECTED	0x8	/* init took a forced fault signal: no protection */

struct tty;

struct process_signal {
	/* Protected by the process's sighand->lock: */
	struct sigpending shared_pending;	/* kill(): any thread may take them */
	unsigned int flags;			/* SIGNAL_* */
	int group_stop_count;			/* threads still to stop for a group stop */
	int group_exit_status;			/* wait status of a fatal signal */
	int stop_sig;				/* the signal that stopped the group */
	bool stop_report;			/* wait(WUNTRACED) has a stop to report */
	bool continue_report;			/* wait(WCONTINUED) has a continue to report */
	int nr_queued;				/* sigqueue entries, against RLIMIT_SIGPENDING */
	/* Protected by the itimer lock (kernel/itimer.c): */
	uint64_t itimer_deadline;		/* jiffies; 0 = ITIMER_REAL disarmed */
	uint64_t itimer_interval;		/* jiffies between reloads; 0 = one shot */
	struct list_head itimer_link;		/* on the armed-timers list while armed */
	/* Protected by tasklist_lock (pgrp.c): */
	struct tty *tty;			/* controlling terminal, NULL if none */
	bool did_exec;				/* set by execve: setpgid then gives EACCES */
};

struct thread_signal {
	/* Protected by the process's sighand->lock: */
	struct sigpending pending;		/* tkill(), faults: for this thread only */
	sigset_t blocked;			/* signals not delivered while set */
	sigset_t waitset;			/* rt_sigtimedwait: blocked, yet wake us */
	bool stop_pending;			/* must join a group stop before user mode */
	bool exited;				/* signal_exit() ran: queue nothing more */
	/* Changed only by the thread itself: */
	sigset_t saved_sigmask;			/* sigsuspend: mask to restore after delivery */
	bool restore_sigmask;			/* saved_sigmask is valid */
	struct user_stack altstack;		/* sigaltstack(); ss_size 0 = none */
	struct restart_block restart;		/* for -ERESTART_RESTARTBLOCK */
};

struct process;
struct thread;
struct pid;
struct trap_frame;

/* ---- lifetime (kernel/signal.c); called by fork, exec and exit (engineer P) ---- */
int signal_fork(struct process *child, struct process *parent, unsigned long clone_flags);
void signal_thread_init(struct thread *t, const struct thread *creator);
void signal_exit(struct thread *t);
void signal_process_release(struct process *p);
void signal_exec(struct process *p);

/* What kill()'s pid argument addresses (signal_kill_target()). */
enum kill_target {
	KILL_PROCESS,	/* pid > 0: that process */
	KILL_PGRP,	/* 0: the caller's group; < -1: group -pid */
	KILL_ALL,	/* -1: every process but init and the caller */
	KILL_NONE,	/* INT_MIN: nothing (ESRCH) */
};

/* ---- pure rules (kernel/signal_table.c) ---- */
enum sig_default signal_default_action(int sig);
int signal_next(sigset_t pending, sigset_t blocked);
enum kill_target signal_kill_target(int32_t pid, int32_t self_pgid, int32_t *nr);
bool signal_valid(int sig);

/* ---- queries (kernel/signal.c) ---- */
bool signal_pending(struct thread *t);
bool signal_fatal_pending(struct thread *t);
bool signal_init_protected(struct process *p, int sig, bool forced);
bool signal_has_handler(int sig);
int signal_dequeue(sigset_t set, struct siginfo *info);

/* ---- sending (kernel/signal_send.c) ---- */
int send_signal_to_thread(struct thread *t, int sig, const struct siginfo *info);
int send_signal_to_process(struct process *p, int sig, const struct siginfo *info);
int send_signal_to_thread_locked(struct thread *t, int sig, const struct siginfo *info);
int send_signal_to_process_locked(struct process *p, int sig, const struct siginfo *info);
void force_sig_fault(int sig, int code, uaddr_t addr);
void signal_kill_forced_locked(struct process *p);
void signal_flush_locked(struct process *p, sigset_t mask);
void signal_info_kernel(struct siginfo *info, int sig, int code);
bool do_notify_parent(struct process *p, int sig);
bool signal_ignores_children(struct process *p);
void signal_notify_parent_cldstop(struct process *p, int why, int sig);
void signal_notify_tracer_locked(struct process *tracer, struct pid *pid, int why, int status);

/* ---- wait() support ---- */
bool signal_take_stop_report(struct process *p, int *sig, bool consume);
bool signal_take_continue_report(struct process *p, bool consume);

/* ---- delivery (kernel/signal_deliver.c), from exit_to_user_mode() ---- */
void do_signal(struct trap_frame *tf);
bool signal_syscall_needs_restart(const struct trap_frame *tf);
void exit_to_user_mode(struct trap_frame *tf);

/* ---- process groups (kernel/pgrp.c) ---- */
bool pgrp_exists_in_session_locked(pid_t pgid, pid_t sid);
bool pgrp_is_orphaned_locked(pid_t pgid);
int pgrp_send_signal(pid_t pgid, int sig);

/* ---- ITIMER_REAL (kernel/itimer.c) ---- */
void itimer_tick(uint64_t now);
void itimer_process_exit(struct process *p);

#endif
