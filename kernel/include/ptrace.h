/* ptrace.h - one thread controlling another: tracer and tracee (kernel/ptrace.c, the tracer's
 * side: the system call, attach, detach, what happens when either exits; kernel/ptrace_stop.c,
 * the tracee's side: the stops it reports; arch/x86_64/ptrace.c, the registers).
 *
 * A tracee is a THREAD, traced by one tracer THREAD (Linux: task->parent while ptraced), and
 * sits on that thread's `tracees` list. Any thread of the tracer's process may wait() for it;
 * only the tracer thread itself may issue requests. A ptrace stop is the tracee asleep in
 * THREAD_TRACED with a report for wait(): `code` is the 16 bits above 0x7f in the status word
 * - a signal (signal-delivery and group stops), SIGTRAP | 0x80 (syscall stops with
 * TRACESYSGOOD), or SIGTRAP | event << 8 (event stops). wait() takes the report (code = 0),
 * and a resume request puts the signal to deliver there instead, as Linux's exit_code does.
 *
 * A traced thread that exits stays a zombie for its tracer (`zombie`; its struct thread is
 * kept with a reference, its number stays allocated) until the tracer reaps it or goes away;
 * the traced leader's zombie stands for the whole process, reportable once the process is a
 * zombie and no traced non-leader zombie is left (process->nr_thread_zombies).
 * See also: DESIGN.md section 8, the reference's section 1.4, uapi/ptrace.h.
 */
#ifndef REAPER_PTRACE_H
#define REAPER_PTRACE_H

#include "types.h"
#include "list.h"
#include "uapi/ptrace.h"
#include "uapi/signal.h"

/* thread_ptrace.flags */
#define PT_SEIZED	0x1	/* attached by SEIZE: event stops for group stops, INTERRUPT */
#define PT_SYSCALL	0x2	/* resumed by PTRACE_SYSCALL: stop at the next entry and exit */
#define PT_SINGLESTEP	0x4	/* resumed by PTRACE_SINGLESTEP: trap after one instruction */
#define PT_FORCED_TF	0x8	/* we set RFLAGS.TF (the program had not): hide and clear it */

/* Seen from the tracer's report: the PTRACE_GETEVENTMSG of a syscall stop (Linux 5.3+). */
#define PTRACE_EVENTMSG_SYSCALL_ENTRY	1
#define PTRACE_EVENTMSG_SYSCALL_EXIT	2

struct thread;
struct process;
struct trap_frame;
struct pid;

struct thread_ptrace {
	/* Protected by tasklist_lock: */
	struct thread *tracer;		/* NULL while not traced */
	struct list_head entry;		/* on tracer->ptrace.tracees while traced */
	struct list_head tracees;	/* the threads this thread traces */
	struct process *group;		/* the tracee's process, still known once it exited */
	unsigned int flags;		/* PT_* */
	unsigned int options;		/* PTRACE_O_* */
	bool stopped;			/* in a ptrace stop: inspectable, resumable */
	bool listening;			/* PTRACE_LISTEN: stopped, not inspectable until it re-traps */
	bool frozen;			/* a request works on it: even SIGKILL waits (ptrace.c) */
	bool trap_pending;		/* trap into an event stop before user mode (INTERRUPT,
					 * attach to a stopped or a new seized thread) */
	int code;			/* the stop's report until wait takes it (then 0); after
					 * a resume, the signal to deliver (0: none) */
	bool zombie;			/* exited; its tracer has not reaped it yet */
	int exit_status;		/* wait status of a zombie non-leader thread */
	/* Valid while stopped (the tracee sleeps; its tracer reads and writes them): */
	struct siginfo *siginfo;	/* GETSIGINFO/SETSIGINFO; NULL for a stop without one */
	unsigned long message;		/* GETEVENTMSG: a new child's number, an exit status... */
};

static inline bool ptrace_is_traced(const struct thread_ptrace *pt)
{
	return pt->tracer != NULL;
}

/* ---- the tracee's stops (kernel/ptrace_stop.c) ---- */
int ptrace_signal(int sig, struct siginfo *info);
void ptrace_group_stop(int stop_sig);
void ptrace_jobctl_trap(void);
bool ptrace_event_enabled(struct thread *t, int event);
void ptrace_event(int event, unsigned long message);
void ptrace_event_pid(int event, struct pid *pid);
bool ptrace_syscall_enter(struct trap_frame *tf);
void ptrace_syscall_exit(struct trap_frame *tf);

/* ---- lifecycle (kernel/ptrace.c), called by fork, exec, exit, wait, release ---- */
void ptrace_fork_locked(struct thread *child, struct thread *parent, bool follow);
void exit_ptrace_locked(struct thread *tracer, struct list_head *dead);
bool ptrace_exit_tracee_locked(struct thread *t, int status);
struct process *ptrace_reap_thread_locked(struct thread *t);
struct process *ptrace_reap_leader_locked(struct thread *t);
void ptrace_release_leader_locked(struct process *p);
void ptrace_exec_locked(struct thread *self, struct process *p);
void ptrace_listen_wake_locked(struct thread *t);
bool ptrace_kill_pending(struct thread *t);
bool ptrace_stopped_locked(struct thread *t);

#endif
