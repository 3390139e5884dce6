/* wait.c - waiting for children: wait4 and waitid.
 *
 * A parent learns what became of its children by waiting: a child that exited (a zombie,
 * kernel/exit.c) is reported once and then released - "reaped" - unless WNOWAIT asks only to
 * look; a child that stopped (WUNTRACED/WSTOPPED) or continued (WCONTINUED) is reported once
 * per event (the events are kept by kernel/signal*.c: signal_take_stop_report/continue_report).
 *
 * do_wait() is a loop: scan the children, hand the first reportable one to
 * wait_task_zombie / wait_task_stopped / wait_task_continued (chosen by wait_consider_task),
 * and if none is ready, sleep on the process's wait_chldexit queue, which a child's exit,
 * stop or continue wakes (do_notify_parent and friends). The scan runs under tasklist_lock
 * and only RECORDS the report (struct wait_report); the copy to user memory and the release
 * of a reaped zombie happen after the lock is dropped, since neither may happen under a
 * spinlock.
 *
 * Which children: any thread of a process may wait for the process's children (they belong
 * to the process), or with __WNOTHREAD only for those its own thread forked; and for the
 * threads its threads trace (kernel/ptrace.c), each by its tid: their ptrace stops (no
 * WUNTRACED needed, si_code CLD_TRAPPED) and their exits, which a tracer sees first. By default only
 * children whose exit signal is SIGCHLD; __WCLONE only the others; __WALL both. The
 * selectors: wait4's pid -1 (any), > 0 (that one), 0 (the caller's process group), < -1
 * (group -pid); waitid's P_ALL, P_PID, P_PGID (id 0: the caller's group).
 *
 * Results (reference section 3.4): the wait status word ((code & 0xff) << 8, the signal
 * | 0x80 for a core, (sig << 8) | 0x7f stopped, 0xffff continued); waitid's siginfo with
 * si_signo SIGCHLD, si_code CLD_*, si_pid, si_uid 0, si_status; rusage all zero (we keep no
 * accounting). ECHILD when nothing matches, 0 for WNOHANG with nothing ready (and si_pid 0),
 * -ERESTARTSYS when a signal interrupts the sleep (kernel/signal*.c turns it into EINTR or a
 * restart).
 *
 * Invariants: a zombie is reported by at most one waiter (it is marked EXIT_DEAD under the
 *   lock before anything else happens to it), and released exactly once.
 * Locking: tasklist_lock for the scan; the sleep is on current_process()->wait_chldexit.
 * See also: kernel/exit.c (zombies, reparenting), kernel/process.c (release_task),
 *   kernel/signal_send.c (do_notify_parent, stop/continue reports). Linux: kernel/exit.c
 *   (do_wait, wait_consider_task, wait_task_zombie, wait_task_stopped, wait_task_continued,
 *   kernel_wait4, kernel_waitid).
 */
#include "arch.h"
#include "exit.h"
#include "pid.h"
#include "process.h"
#include "ptrace.h"
#include "sched.h"
#include "signal.h"
#include "syscalls.h"
#include "uaccess.h"
#include "wait.h"
#include "wait_queue.h"
#include "uapi/errno.h"
#include "uapi/signal.h"
#include "uapi/wait.h"

#define WAIT4_OPTIONS	(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)
#define WAITID_OPTIONS	(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED | __WNOTHREAD | \
			 __WCLONE | __WALL)
#define WAITID_SIGINFO_BYTES	28	/* si_signo .. si_status: the fields waitid writes */
#define PIDTYPE_ALL	(-1)		/* our "type" for any child: P_ALL */
#define WAIT_KERNEL	0x00100000	/* internal: the kernel waits; pending signals do not
					 * end the sleep (zap_pid_ns_processes' step 4) */

/* What one report says, recorded under the lock and copied out after it. */
struct wait_report {
	pid_t pid;			/* the child's number, as the caller sees it; 0: none */
	int status;			/* wait status word */
	int code;			/* CLD_EXITED, CLD_KILLED, CLD_DUMPED, CLD_STOPPED... */
	int si_status;			/* exit code or signal number */
	struct process *release;	/* a zombie reaped: release it once the lock is dropped */
};

/* A wait in progress (Linux: struct wait_opts). */
struct wait_opts {
	int type;			/* P_ALL, P_PID or P_PGID */
	pid_t id;			/* P_PID: the number as the caller sees it; P_PGID: the
					 * group's root number (pgid_from_vnr) */
	struct pid_namespace *ns;	/* the caller's: selectors and reports are in it */
	int options;			/* W* */
	bool found_eligible;		/* some child matched, ready or not: no ECHILD */
	struct wait_report rep;
};

/* eligible_child() - does @p match the selector and the clone options of @wo? */
static bool eligible_child(const struct wait_opts *wo, const struct process *p)
{
	if (wo->type == P_PID && pid_nr_ns(p->pid, wo->ns) != wo->id)
		return false;
	if (wo->type == P_PGID && p->pgid != wo->id)
		return false;
	if (p->exit_state == EXIT_DEAD)
		return false;
	if ((wo->options & __WNOTHREAD) && p->parent_thread && p->parent_thread != sched_current())
		return false;
	/* Linux's rule: exit signal != SIGCHLD must agree with __WCLONE, unless __WALL. */
	if (((p->exit_signal != SIGCHLD) ^ !!(wo->options & __WCLONE)) && !(wo->options & __WALL))
		return false;
	return true;
}

/* exit_status_report() - the si_code and si_status of the status word @status. */
static void exit_status_report(struct wait_report *rep, int status)
{
	rep->status = status;
	if ((status & 0x7f) == 0) {
		rep->code = CLD_EXITED;
		rep->si_status = (status >> 8) & 0xff;
	} else {
		rep->code = status & 0x80 ? CLD_DUMPED : CLD_KILLED;
		rep->si_status = status & 0x7f;
	}
}

/* wait_task_zombie() - report the exited @p; unless WNOWAIT, it is ours to release. */
static int wait_task_zombie(struct wait_opts *wo, struct process *p)
{
	assert_held(&tasklist_lock);
	if (!(wo->options & WEXITED))
		return 0;
	wo->rep.pid = pid_nr_ns(p->pid, wo->ns);
	exit_status_report(&wo->rep, p->exit_code);
	if (!(wo->options & WNOWAIT)) {
		p->exit_state = EXIT_DEAD;	/* no other waiter can take it now */
		wo->rep.release = p;
	}
	return 1;
}

/* wait_task_stopped() - report @p's group stop, once (WUNTRACED / WSTOPPED). */
static int wait_task_stopped(struct wait_opts *wo, struct process *p)
{
	int sig = 0;

	assert_held(&tasklist_lock);
	if (!(wo->options & WUNTRACED))
		return 0;
	if (!signal_take_stop_report(p, &sig, !(wo->options & WNOWAIT)))
		return 0;
	wo->rep.pid = pid_nr_ns(p->pid, wo->ns);
	wo->rep.status = (sig << 8) | 0x7f;
	wo->rep.code = CLD_STOPPED;
	wo->rep.si_status = sig;
	return 1;
}

/* wait_task_continued() - report that @p was continued (SIGCONT), once (WCONTINUED). */
static int wait_task_continued(struct wait_opts *wo, struct process *p)
{
	assert_held(&tasklist_lock);
	if (!(wo->options & WCONTINUED))
		return 0;
	if (!signal_take_continue_report(p, !(wo->options & WNOWAIT)))
		return 0;
	wo->rep.pid = pid_nr_ns(p->pid, wo->ns);
	wo->rep.status = 0xffff;
	wo->rep.code = CLD_CONTINUED;
	wo->rep.si_status = SIGCONT;
	return 1;
}

/* wait_consider_task() - is child @p eligible, and has it something to report?
 * A child whose leader is traced: if by us, the tracee scan reports it; if by another, its
 * zombie is "not yet" - the tracer reaps it first (kernel/ptrace.c hands it back). A zombie
 * whose traced threads are not all reaped is "not yet" either (Linux: delay_group_leader).
 * Return: 1 if it reported (wo->rep is filled), 0 otherwise. */
static int wait_consider_task(struct wait_opts *wo, struct process *p)
{
	struct thread *tracer = p->leader ? p->leader->ptrace.tracer : NULL;

	if (!eligible_child(wo, p))
		return 0;
	if (tracer && tracer->proc == current_process())
		return 0;
	wo->found_eligible = true;
	if (p->exit_state == EXIT_ZOMBIE) {
		if (tracer || p->nr_thread_zombies > 0)
			return 0;
		return wait_task_zombie(wo, p);
	}
	if (wait_task_stopped(wo, p))
		return 1;
	return wait_task_continued(wo, p);
}

/* wait_tracee_zombie() - report the exited tracee @t: a non-leader thread by its tid and
 * status; a leader as its process, once the process is a zombie with no traced thread
 * zombies left. Reaping it is kernel/ptrace.c's: unlink, release or hand back. */
static int wait_tracee_zombie(struct wait_opts *wo, struct thread *t)
{
	struct process *p = t->ptrace.group;
	bool leader = p->leader == t;

	if (!(wo->options & WEXITED))
		return 0;
	if (leader && (p->exit_state != EXIT_ZOMBIE || p->nr_thread_zombies > 0))
		return 0;
	wo->rep.pid = pid_nr_ns(t->pid, wo->ns);
	exit_status_report(&wo->rep, leader ? p->exit_code : t->ptrace.exit_status);
	if (!(wo->options & WNOWAIT))
		wo->rep.release = leader ? ptrace_reap_leader_locked(t) :
					   ptrace_reap_thread_locked(t);
	return 1;
}

/* wait_tracee_stopped() - report @t's ptrace stop, once: no WUNTRACED needed, si_code
 * CLD_TRAPPED, si_status the whole report (Linux: wait_task_stopped with ptrace). */
static int wait_tracee_stopped(struct wait_opts *wo, struct thread *t)
{
	int code = t->ptrace.code;

	if (!ptrace_stopped_locked(t) || code == 0)
		return 0;
	wo->rep.pid = pid_nr_ns(t->pid, wo->ns);
	wo->rep.status = (code << 8) | 0x7f;
	wo->rep.code = CLD_TRAPPED;
	wo->rep.si_status = code;
	if (!(wo->options & WNOWAIT))
		t->ptrace.code = 0;
	return 1;
}

/* wait_consider_tracee() - does tracee @t match the selector (by its tid: threads are
 * waited for one by one, with or without __WALL), and has it something to report? */
static int wait_consider_tracee(struct wait_opts *wo, struct thread *t)
{
	if (wo->type == P_PID && pid_nr_ns(t->pid, wo->ns) != wo->id)
		return 0;
	if (wo->type == P_PGID && t->ptrace.group->pgid != wo->id)
		return 0;
	wo->found_eligible = true;
	if (t->ptrace.zombie)
		return wait_tracee_zombie(wo, t);
	return wait_tracee_stopped(wo, t);
}

/* wait_scan_tracees() - the threads traced by @tracer. Return: 1 if one reported. */
static int wait_scan_tracees(struct wait_opts *wo, struct thread *tracer)
{
	struct thread *t;

	list_for_each_entry(t, &tracer->ptrace.tracees, ptrace.entry)
		if (wait_consider_tracee(wo, t))
			return 1;
	return 0;
}

/* wait_scan() - one pass over the caller's children, then over the threads its threads
 * trace (only the calling thread's with __WNOTHREAD). Return: > 0 (a report), 0 (eligible
 * children, none ready), -ECHILD (none eligible). */
static long wait_scan(struct wait_opts *wo)
{
	struct process *p = current_process();
	struct process *child;
	struct thread *t;
	int found = 0;

	wo->found_eligible = false;
	spin_lock(&tasklist_lock);
	list_for_each_entry(child, &p->children, sibling) {
		found = wait_consider_task(wo, child);
		if (found)
			break;
	}
	if (!found && (wo->options & __WNOTHREAD)) {
		found = wait_scan_tracees(wo, sched_current());
	} else if (!found) {
		list_for_each_entry(t, &p->threads, thread_link) {
			found = wait_scan_tracees(wo, t);
			if (found)
				break;
		}
	}
	spin_unlock(&tasklist_lock);
	if (found)
		return wo->rep.pid;
	return wo->found_eligible ? 0 : -ECHILD;
}

/**
 * do_wait() - wait for a child as @wo says (see the header comment).
 * @wo: selector and options; wo->rep gets the report.
 *
 * Context: a user thread, no locks held; sleeps unless WNOHANG.
 * Return: the reported child's tgid, 0 (WNOHANG, nothing ready), -ECHILD, or -ERESTARTSYS
 * (a signal, or the caller's process is dying).
 */
static long do_wait(struct wait_opts *wo)
{
	struct wait_queue *wq = &current_process()->wait_chldexit;
	long ret;

	for (;;) {
		prepare_to_wait(wq);
		ret = wait_scan(wo);
		if (ret != 0 || (wo->options & WNOHANG))
			break;
		if (!(wo->options & WAIT_KERNEL) && exit_thread_is_dying()) {
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(wq);
	if (wo->rep.release)
		release_task(wo->rep.release);
	return ret;
}

/* pgid_from_vnr() - the root number of the group the caller numbers @nr; -1 if none. */
static pid_t pgid_from_vnr(pid_t nr)
{
	struct pid *group;
	pid_t pgid;

	spin_lock(&tasklist_lock);
	group = pgrp_find_vnr_locked(nr, false);
	pgid = group ? group->numbers[0].nr : -1;
	spin_unlock(&tasklist_lock);
	return pgid;
}

/* caller_pgid() - the caller's process group (for pid 0 and P_PGID 0). */
static pid_t caller_pgid(void)
{
	pid_t pgid;

	spin_lock(&tasklist_lock);
	pgid = current_process()->pgid;
	spin_unlock(&tasklist_lock);
	return pgid;
}

/* clear_rusage() - rusage is all zero: we keep no accounting. */
static int clear_rusage(uaddr_t urusage)
{
	return urusage ? clear_user(urusage, RUSAGE_SIZE) : 0;
}

/**
 * do_wait4() - wait4(@upid, @ustatus, @options, @urusage).
 * Context: a user thread; sleeps. Return: the child's tgid, 0 (WNOHANG), or -EINVAL (options),
 * -ESRCH (INT_MIN), -ECHILD, -EFAULT, -ERESTARTSYS.
 */
static long do_wait4(pid_t upid, uaddr_t ustatus, int options, uaddr_t urusage)
{
	struct wait_opts wo = { .type = P_ALL, .options = options | WEXITED,
				.ns = current_pid_ns() };
	long ret;

	if (options & ~WAIT4_OPTIONS)
		return -EINVAL;
	if (upid == INT32_MIN)
		return -ESRCH;	/* -upid would overflow (Linux checks the same) */
	if (upid > 0 || upid < -1) {
		wo.type = upid > 0 ? P_PID : P_PGID;
		wo.id = upid > 0 ? upid : pgid_from_vnr(-upid);
	} else if (upid == 0) {
		wo.type = P_PGID;
		wo.id = caller_pgid();
	}
	ret = do_wait(&wo);
	if (ret > 0 && ustatus && copy_to_user(ustatus, &wo.rep.status, sizeof(int)))
		return -EFAULT;
	if (ret > 0 && clear_rusage(urusage))
		return -EFAULT;
	return ret;
}

/* wait4(pid, int *status, int options, struct rusage *ru) */
long sys_wait4(const struct syscall_args *a)
{
	return do_wait4((pid_t)a->arg[0], a->arg[1], (int)a->arg[2], a->arg[3]);
}

/* waitid_selector() - waitid's (idtype, id) as a selector in @wo. Return: 0 or -EINVAL. */
static int waitid_selector(struct wait_opts *wo, int idtype, pid_t id)
{
	wo->type = idtype;
	wo->id = id;
	switch (idtype) {
	case P_ALL:
		return 0;
	case P_PID:
		return id > 0 ? 0 : -EINVAL;
	case P_PGID:
		if (id < 0)
			return -EINVAL;
		wo->id = id == 0 ? caller_pgid() : pgid_from_vnr(id);
		return 0;
	default:
		return -EINVAL;	/* P_PIDFD: no pidfds yet */
	}
}

/* put_waitid_info() - the siginfo fields waitid writes; all zero when nothing was found. */
static int put_waitid_info(uaddr_t uinfo, const struct wait_opts *wo, long found)
{
	struct siginfo info = { 0 };

	if (!uinfo)
		return 0;
	if (found > 0) {
		info.si_signo = SIGCHLD;
		info.si_code = wo->rep.code;
		info.proc.pid = wo->rep.pid;
		info.proc.uid = 0;
		info.proc.status = wo->rep.si_status;
	}
	return copy_to_user(uinfo, &info, WAITID_SIGINFO_BYTES);
}

/**
 * do_waitid() - waitid(@idtype, @id, @uinfo, @options, @urusage).
 * Context: a user thread; sleeps. Return: 0 (the report, if any, is in *@uinfo), or -EINVAL
 * (options, idtype, id), -ECHILD, -EFAULT, -ERESTARTSYS.
 */
static long do_waitid(int idtype, pid_t id, uaddr_t uinfo, int options, uaddr_t urusage)
{
	struct wait_opts wo = { .options = options, .ns = current_pid_ns() };
	long ret;

	if (options & ~WAITID_OPTIONS)
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	if (waitid_selector(&wo, idtype, id))
		return -EINVAL;
	ret = do_wait(&wo);
	if (ret < 0)
		return ret;
	if (put_waitid_info(uinfo, &wo, ret))
		return -EFAULT;
	if (ret > 0 && clear_rusage(urusage))
		return -EFAULT;
	return 0;
}

/* waitid(idtype, id, siginfo_t *info, int options, struct rusage *ru) */
long sys_waitid(const struct syscall_args *a)
{
	return do_waitid((int)a->arg[0], (pid_t)a->arg[1], a->arg[2], (int)a->arg[3], a->arg[4]);
}

/**
 * wait_reap_children() - reap every child of the calling process until none is left
 * (wait4(-1, __WALL) until ECHILD, from the kernel). Step 4 of zap_pid_ns_processes: it
 * sleeps while a child is alive or is a zombie that its tracer still holds, and ignores the
 * caller's pending signals (the caller is exiting, SIGKILL may well be pending).
 * Context: a user thread in do_exit, no locks held; sleeps. Return: nothing.
 */
void wait_reap_children(void)
{
	long ret;

	do {
		struct wait_opts wo = {
			.type = P_ALL,
			.options = __WALL | WEXITED | WAIT_KERNEL,
			.ns = current_pid_ns(),
		};

		ret = do_wait(&wo);
	} while (ret != -ECHILD);
}
