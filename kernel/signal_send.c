/* signal_send.c - generating a signal: from kill() and tkill(), from the tty, a pipe, a timer,
 * a fault, a child's exit.
 *
 * Sending is decided at once, under the target's sighand->lock, in Linux's order:
 *   1. prepare: job-control side effects happen at send time, whatever the disposition -
 *      SIGCONT continues a stopped group and discards pending stop signals; a stop signal
 *      discards a pending SIGCONT. Then a signal that would be ignored (SIG_IGN, or SIG_DFL
 *      whose default is to ignore) is dropped here, unless blocked (the disposition may change
 *      before it is unblocked) or traced (the tracer sees every signal); init's protection
 *      drops default-action signals too;
 *   2. queue: set the bit; queue a siginfo - standard signals coalesce (one entry however
 *      often sent), real-time signals queue up to RLIMIT_SIGPENDING;
 *   3. complete: choose a thread that does not block it and wake it from an interruptible
 *      sleep. A fatal signal (default action terminate/core, not blocked, not handled) kills
 *      the whole group at once: every thread gets SIGKILL and is woken, stopped ones too.
 * Delivery happens later, on the target's way back to user mode (signal_deliver.c).
 *
 * Forced signals (faults): a fault signal the thread blocks or ignores would fault again at
 * once, forever, so force_sig_fault() unblocks it and resets SIG_IGN to SIG_DFL first
 * (Linux: force_sig_info_to_task), and init is not protected from it.
 *
 * Locking: tasklist_lock (to walk a process's threads and find a parent) outside the target's
 *   sighand->lock. The public send functions take both; *_locked variants expect
 *   tasklist_lock held. Two sighand locks are never held at once (same level): a parent is
 *   notified after the child's lock is dropped.
 * See also: signal.c, signal_deliver.c, signal_syscalls.c (kill, tkill, sigqueue).
 *   Linux: kernel/signal.c (__send_signal_locked, prepare_signal, complete_signal,
 *   do_notify_parent, do_notify_parent_cldstop).
 */
#include "signal.h"
#include "kmalloc.h"
#include "pid.h"
#include "process.h"
#include "ptrace.h"
#include "sched.h"
#include "string.h"
#include "wait_queue.h"
#include "uapi/errno.h"

/* handler_of() - @p's disposition of @sig. Context: sighand->lock held. */
static uint64_t handler_of(struct process *p, int sig)
{
	return p->sighand->action[sig - 1].handler;
}

/* is_ignored_locked() - would @p ignore @sig (and so may drop it at send time)? */
static bool is_ignored_locked(struct process *p, int sig)
{
	uint64_t h = handler_of(p, sig);

	if (h == SIG_IGN)
		return true;
	return h == SIG_DFL && signal_default_action(sig) == SIG_DEFAULT_IGN;
}

/* for each thread of @p: tasklist_lock held. */
#define for_each_thread(p, t) list_for_each_entry(t, &(p)->threads, thread_link)

/* flush_from_locked() - take every signal of @mask out of @sp (and its queue). */
static void flush_from_locked(struct process *p, struct sigpending *sp, sigset_t mask)
{
	struct sigqueue *q, *tmp;

	if (!(sp->signal & mask))
		return;
	sp->signal &= ~mask;
	list_for_each_entry_safe(q, tmp, &sp->list, link) {
		if (sigset_has(mask, q->info.si_signo)) {
			list_del(&q->link);
			kfree(q);
			p->sig.nr_queued--;
		}
	}
}

/**
 * signal_flush_locked() - discard every pending signal of @mask in @p, shared and per thread,
 * with its queued siginfo (SIGCONT vs stop signals; a disposition set to ignore).
 * Context: tasklist_lock and @p's sighand->lock held. Return: nothing.
 */
void signal_flush_locked(struct process *p, sigset_t mask)
{
	struct thread *t;

	flush_from_locked(p, &p->sig.shared_pending, mask);
	for_each_thread(p, t)
		flush_from_locked(p, &t->sig.pending, mask);
}

/* continue_group_locked() - SIGCONT: end a group stop (or one in progress); the parent hears
 * of it (CLD_CONTINUED) from the first woken thread, outside every lock (signal_deliver.c). */
static void continue_group_locked(struct process *p)
{
	struct thread *t;
	bool was_stopped = p->sig.flags & SIGNAL_STOP_STOPPED;

	p->sig.flags &= ~SIGNAL_STOP_STOPPED;
	p->sig.group_stop_count = 0;
	for_each_thread(p, t) {
		t->sig.stop_pending = false;
		sched_wake_stopped(t);
		ptrace_listen_wake_locked(t);	/* a listening tracee re-traps to say so */
	}
	if (was_stopped) {
		p->sig.flags |= SIGNAL_CLD_CONTINUED;
		p->sig.stop_report = false;
		p->sig.continue_report = true;
	}
}

/* blocked_by_target_locked() - is @sig blocked by the target: @t, or for a process-directed
 * signal its first thread (Linux looks at the task kill() named, the leader)? A blocked signal
 * is never dropped at send time: the disposition may change before it is unblocked, and
 * rt_sigtimedwait may take it. */
static bool blocked_by_target_locked(struct process *p, struct thread *t, int sig)
{
	if (!t && !list_empty(&p->threads))
		t = list_first_entry(&p->threads, struct thread, thread_link);
	return t && (sigset_has(t->sig.blocked, sig) || sigset_has(t->sig.waitset, sig));
}

/* is_traced_target_locked() - is the target traced: @t, or for a process-directed signal
 * any thread of @p? A tracer wants to see even an ignored signal (Linux: sig_ignored). */
static bool is_traced_target_locked(struct process *p, struct thread *t)
{
	if (t)
		return t->ptrace.tracer != NULL;
	for_each_thread(p, t)
		if (t->ptrace.tracer)
			return true;
	return false;
}

/* prepare_signal_locked() - step 1. Return: false if @sig is to be dropped. */
static bool prepare_signal_locked(struct process *p, struct thread *t, int sig, bool forced)
{
	if (p->sig.flags & SIGNAL_GROUP_EXIT)
		return sig == SIGKILL;	/* dying: only SIGKILL still matters */
	if (sigset_has(SIG_STOP_MASK, sig))
		signal_flush_locked(p, sigmask(SIGCONT));
	if (sig == SIGCONT) {
		signal_flush_locked(p, SIG_STOP_MASK);
		continue_group_locked(p);
	}
	if (forced && p->unkillable && sig != SIGKILL)
		p->sig.flags |= SIGNAL_UNPROTECTED;	/* rule 18: a fault, for good, as Linux */
	if (blocked_by_target_locked(p, t, sig))
		return true;
	if (signal_init_protected(p, sig, forced))
		return false;
	return !is_ignored_locked(p, sig) || forced || is_traced_target_locked(p, t);
}

/* queue_locked() - step 2: into @sp. Return: 0, or -EAGAIN for a real-time signal over
 * RLIMIT_SIGPENDING. A standard signal with no memory for its siginfo is still pending. */
static int queue_locked(struct process *p, struct sigpending *sp, int sig,
			const struct siginfo *info)
{
	struct sigqueue *q;

	if (sig < SIGRTMIN && sigset_has(sp->signal, sig))
		return 0;	/* coalesces with the one already pending */
	if (sig >= SIGRTMIN && (uint64_t)p->sig.nr_queued >= p->rlim[RLIMIT_SIGPENDING].rlim_cur)
		return -EAGAIN;
	q = kmalloc(sizeof(*q));
	if (!q && sig >= SIGRTMIN)
		return -EAGAIN;
	if (q) {
		q->info = *info;
		list_add_tail(&q->link, &sp->list);
		p->sig.nr_queued++;
	}
	sp->signal |= sigmask(sig);
	return 0;
}

/* wants_signal() - @t could take @sig now. */
static bool wants_signal(struct thread *t, int sig)
{
	if (t->state == THREAD_DEAD)
		return false;
	return !sigset_has(t->sig.blocked, sig) || sigset_has(t->sig.waitset, sig);
}

/* pick_thread_locked() - a thread of @p to take a process-wide @sig: the current thread if it
 * can (it is about to return to user mode anyway), else the first that does not block it. */
static struct thread *pick_thread_locked(struct process *p, int sig)
{
	struct thread *t = sched_current();

	if (t->proc == p && wants_signal(t, sig))
		return t;
	for_each_thread(p, t)
		if (wants_signal(t, sig))
			return t;
	return NULL;
}

/* is_fatal_locked() - delivering @sig to @t would kill the group. */
static bool is_fatal_locked(struct process *p, struct thread *t, int sig)
{
	enum sig_default act = signal_default_action(sig);

	if (sig == SIGKILL)
		return true;
	if (sigset_has(t->sig.blocked, sig) || handler_of(p, sig) != SIG_DFL)
		return false;
	if (t->ptrace.tracer)
		return false;	/* its tracer sees it first, and may suppress it */
	return act == SIG_DEFAULT_TERM || act == SIG_DEFAULT_CORE;
}

/* start_group_exit_locked() - @sig kills @p: every thread gets SIGKILL and wakes up; the
 * first to reach user mode's doorstep ends the group with @sig's status. */
static void start_group_exit_locked(struct process *p, int sig)
{
	struct thread *t;

	p->sig.flags |= SIGNAL_GROUP_EXIT;
	p->sig.group_exit_status = sig;	/* no core file, so no 0x80 bit (signal_deliver.c) */
	p->sig.group_stop_count = 0;
	for_each_thread(p, t) {
		t->sig.pending.signal |= sigmask(SIGKILL);
		t->sig.stop_pending = false;
		sched_wake_fatal(t);
	}
}

/* complete_signal_locked() - step 3. @t: the target thread, or NULL to choose one. */
static void complete_signal_locked(struct process *p, struct thread *t, int sig)
{
	if (!t)
		t = pick_thread_locked(p, sig);
	if (!t)
		return;		/* every thread blocks it: it waits in the shared set */
	if (is_fatal_locked(p, t, sig) && !p->is_init) {
		start_group_exit_locked(p, sig);
		return;
	}
	if (sig == SIGKILL)
		sched_wake_fatal(t);
	else
		sched_wake(t);
	ptrace_listen_wake_locked(t);	/* a new signal for a listening tracee: it re-traps */
}

/* send_locked() - the three steps. @t: a thread-directed signal's target, or NULL. */
static int send_locked(struct process *p, struct thread *t, int sig,
		       const struct siginfo *info, bool forced)
{
	struct sigpending *sp = t ? &t->sig.pending : &p->sig.shared_pending;
	struct siginfo kinfo;
	int err = 0;

	if (!info) {
		signal_info_kernel(&kinfo, sig, SI_KERNEL);
	} else {
		kinfo = *info;
		/* A sender the receiver cannot see (an ancestor namespace) is pid 0 to it. */
		if (kinfo.si_code <= 0 && !pid_nr_ns(sched_current()->pid, pid_ns_of(p->pid)))
			kinfo.proc.pid = 0;
	}
	info = &kinfo;
	spin_lock(&p->sighand->lock);
	/* A thread past signal_exit() (a zombie leader, say) would never free what we queue:
	 * the signal is lost, as it would be on Linux, and the call still succeeds. Before
	 * this check, tgkill to a zombie leader leaked a sigqueue (found by the fuzzer). */
	if (t && t->sig.exited) {
		spin_unlock(&p->sighand->lock);
		return 0;
	}
	if (prepare_signal_locked(p, t, sig, forced)) {
		err = queue_locked(p, sp, sig, info);
		if (!err)
			complete_signal_locked(p, t, sig);
	}
	spin_unlock(&p->sighand->lock);
	return err;
}

/**
 * signal_info_kernel() - a siginfo for a signal the kernel generates.
 * @info: filled in: zeroed, then si_signo = @sig, si_code = @code.
 *
 * Context: any. Return: nothing.
 */
void signal_info_kernel(struct siginfo *info, int sig, int code)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
}

/**
 * send_signal_to_thread_locked() - send @sig to thread @t only (tkill, SIGPIPE, faults).
 * @t: a live user thread. @sig: 1..NSIG. @info: its siginfo, or NULL for SI_KERNEL.
 *
 * Context: tasklist_lock held, no sighand lock. Return: 0, or -EAGAIN (queue limit).
 */
int send_signal_to_thread_locked(struct thread *t, int sig, const struct siginfo *info)
{
	assert_held(&tasklist_lock);
	return send_locked(t->proc, t, sig, info, false);
}

/**
 * send_signal_to_process_locked() - send @sig to process @p (kill): any of its threads that
 * does not block it will take it.
 * @p: a process with threads (a zombie takes nothing: 0). @sig, @info: as above.
 *
 * Context: tasklist_lock held, no sighand lock. Return: 0, or -EAGAIN.
 */
int send_signal_to_process_locked(struct process *p, int sig, const struct siginfo *info)
{
	assert_held(&tasklist_lock);
	if (!p->sighand || list_empty(&p->threads))
		return 0;
	return send_locked(p, NULL, sig, info, false);
}

/**
 * send_signal_to_thread() - send_signal_to_thread_locked() taking tasklist_lock.
 * Pipes call it for SIGPIPE: send_signal_to_thread(sched_current(), SIGPIPE, NULL).
 * Context: thread or kthread, no spinlock held. Return: 0, or -EAGAIN.
 */
int send_signal_to_thread(struct thread *t, int sig, const struct siginfo *info)
{
	int err;

	spin_lock(&tasklist_lock);
	err = send_signal_to_thread_locked(t, sig, info);
	spin_unlock(&tasklist_lock);
	return err;
}

/**
 * send_signal_to_process() - send_signal_to_process_locked() taking tasklist_lock.
 * Context: thread or kthread, no spinlock held. Return: 0, or -EAGAIN.
 */
int send_signal_to_process(struct process *p, int sig, const struct siginfo *info)
{
	int err;

	spin_lock(&tasklist_lock);
	err = send_signal_to_process_locked(p, sig, info);
	spin_unlock(&tasklist_lock);
	return err;
}

/* unblock_and_unignore_locked() - force's preparation: @sig must be deliverable to @t. */
static void unblock_and_unignore_locked(struct process *p, struct thread *t, int sig)
{
	struct kernel_sigaction *ka = &p->sighand->action[sig - 1];

	assert_held(&p->sighand->lock);
	t->sig.blocked &= ~sigmask(sig);
	if (ka->handler == SIG_IGN || sigset_has(t->sig.blocked, sig))
		ka->handler = SIG_DFL;
}

/**
 * force_sig_fault() - the current thread faulted: send it @sig, which it cannot block or
 * ignore (both are undone first), with si_code @code and si_addr @addr.
 * @sig: SIGSEGV, SIGBUS, SIGILL, SIGFPE or SIGTRAP. @code: SEGV_MAPERR ... @addr: the
 * faulting address (SIGSEGV, SIGBUS) or instruction.
 *
 * Delivered on the way back to user mode: a handler runs, or the default action kills the
 * process (init included: rule 18).
 * Context: the faulting thread, interrupts on, no spinlock held. Return: nothing.
 */
void force_sig_fault(int sig, int code, uaddr_t addr)
{
	struct thread *t = sched_current();
	struct process *p = t->proc;
	struct siginfo info;

	signal_info_kernel(&info, sig, code);
	info.fault.addr = addr;
	spin_lock(&tasklist_lock);
	spin_lock(&p->sighand->lock);
	unblock_and_unignore_locked(p, t, sig);
	spin_unlock(&p->sighand->lock);
	send_locked(p, t, sig, &info, true);
	spin_unlock(&tasklist_lock);
}

/**
 * signal_kill_forced_locked() - SIGKILL @p from the kernel: forced, so a namespace init's
 * protection does not stop it (zap_pid_ns_processes' step 3, reboot() in a namespace).
 * Context: tasklist_lock held. Return: nothing.
 */
void signal_kill_forced_locked(struct process *p)
{
	struct siginfo info;

	assert_held(&tasklist_lock);
	signal_info_kernel(&info, SIGKILL, SI_KERNEL);
	send_locked(p, NULL, SIGKILL, &info, true);
}

/**
 * signal_ignores_children() - does @p auto-reap its children (SIGCHLD SIG_IGN, or
 * SA_NOCLDWAIT)?
 * Context: no sighand lock held (takes @p's). Return: true if so.
 */
bool signal_ignores_children(struct process *p)
{
	struct kernel_sigaction *ka;
	bool ignore;

	if (!p->sighand)
		return false;
	spin_lock(&p->sighand->lock);
	ka = &p->sighand->action[SIGCHLD - 1];
	ignore = ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT);
	spin_unlock(&p->sighand->lock);
	return ignore;
}

/* parent_ignores_sigchld() - the auto-reap rule: SIGCHLD is SIG_IGN, or SA_NOCLDWAIT. */
static bool parent_ignores_sigchld(struct process *parent, bool *send)
{
	struct kernel_sigaction *ka;
	bool ignore;

	spin_lock(&parent->sighand->lock);
	ka = &parent->sighand->action[SIGCHLD - 1];
	ignore = ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT);
	*send = ka->handler != SIG_IGN;
	spin_unlock(&parent->sighand->lock);
	return ignore;
}

/* child_info() - the siginfo of a SIGCHLD about the child (process or traced thread)
 * numbered @nr, with si_code @code and si_status @status. */
static void child_info(struct siginfo *info, pid_t nr, int sig, int code, int status)
{
	signal_info_kernel(info, sig, code);
	info->proc.pid = nr;	/* TODO(pid): in the parent's namespace */
	info->proc.uid = 0;
	info->proc.status = status;
}

/* exit_info_code() - CLD_EXITED/KILLED/DUMPED and si_status from a wait status word. */
static int exit_info_code(int status, int *si_status)
{
	if ((status & 0x7f) == 0) {
		*si_status = (status >> 8) & 0xff;
		return CLD_EXITED;
	}
	*si_status = status & 0x7f;
	return (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
}

/**
 * do_notify_parent() - @p has exited: send its parent @sig (its exit_signal, usually SIGCHLD)
 * with si_code CLD_EXITED/KILLED/DUMPED, si_pid, si_uid 0, si_status, and wake the parent's
 * wait.
 * @p: the exiting process; p->exit_code holds its wait status word.
 * @sig: the signal to send, 0 for none.
 *
 * Return: true if @p must be reaped at once (auto-reap): @sig is SIGCHLD and the parent
 * ignores SIGCHLD (SIG_IGN) or set SA_NOCLDWAIT. Then, with SIG_IGN, nothing is sent.
 * Context: tasklist_lock held (exit_notify), no sighand lock.
 */
bool do_notify_parent(struct process *p, int sig)
{
	struct process *parent = p->parent;
	struct siginfo info;
	bool autoreap = false, send = true;
	int status;

	assert_held(&tasklist_lock);
	if (!parent || !parent->sighand)
		return false;
	/* A tracer never auto-reaps: it must see its tracee's exit (Linux: !tsk->ptrace). */
	if (sig == SIGCHLD && !(p->leader && p->leader->ptrace.tracer))
		autoreap = parent_ignores_sigchld(parent, &send);
	if (sig && send) {
		int code = exit_info_code(p->exit_code, &status);	/* sets status first */

		child_info(&info, pid_nr_ns(p->pid, pid_ns_of(parent->pid)), sig, code, status);
		send_signal_to_process_locked(parent, sig, &info);
	}
	wake_up_all(&parent->wait_chldexit);
	return autoreap;
}

/**
 * signal_notify_tracer_locked() - tell @tracer's process about its tracee numbered @nr: a
 * ptrace stop (CLD_TRAPPED, CLD_STOPPED: SIGCHLD unless SA_NOCLDSTOP) or a traced thread's
 * exit (@status is then its wait status word: SIGCHLD always, never an auto-reap); and
 * wake its wait.
 * @tracer: the tracing thread's process. @pid: the tracee's (si_pid: its number as the
 * tracer sees it). @why: CLD_*.
 * @status: si_status for a stop; the wait status word for an exit (@why CLD_EXITED).
 *
 * Context: tasklist_lock held, no sighand lock. Return: nothing.
 */
void signal_notify_tracer_locked(struct process *tracer, struct pid *pid, int why, int status)
{
	pid_t nr = pid_nr_ns(pid, pid_ns_of(tracer->pid));
	struct siginfo info;
	bool nocldstop;
	int si_status = status;

	assert_held(&tasklist_lock);
	if (!tracer->sighand)
		return;
	spin_lock(&tracer->sighand->lock);
	nocldstop = tracer->sighand->action[SIGCHLD - 1].flags & SA_NOCLDSTOP;
	spin_unlock(&tracer->sighand->lock);
	if (why == CLD_EXITED) {
		why = exit_info_code(status, &si_status);
		nocldstop = false;
	}
	child_info(&info, nr, SIGCHLD, why, si_status);
	if (!nocldstop)
		send_signal_to_process_locked(tracer, SIGCHLD, &info);
	wake_up_all(&tracer->wait_chldexit);
}

/**
 * signal_notify_parent_cldstop() - @p stopped (CLD_STOPPED, si_status = the stop signal) or
 * continued (CLD_CONTINUED, si_status = SIGCONT): wake the REAL parent's wait, and send it
 * SIGCHLD unless it set SA_NOCLDSTOP. (A tracer hears of stops from ptrace_stop instead.)
 * @p: the process. @why: CLD_STOPPED or CLD_CONTINUED. @sig: si_status.
 *
 * Context: a thread of @p, no spinlock held. Return: nothing.
 */
void signal_notify_parent_cldstop(struct process *p, int why, int sig)
{
	struct process *parent;
	struct siginfo info;
	bool nocldstop;

	spin_lock(&tasklist_lock);
	parent = p->real_parent;
	if (parent && parent->sighand) {
		spin_lock(&parent->sighand->lock);
		nocldstop = parent->sighand->action[SIGCHLD - 1].flags & SA_NOCLDSTOP;
		spin_unlock(&parent->sighand->lock);
		child_info(&info, pid_nr_ns(p->pid, pid_ns_of(parent->pid)), SIGCHLD, why, sig);
		if (!nocldstop)
			send_signal_to_process_locked(parent, SIGCHLD, &info);
		wake_up_all(&parent->wait_chldexit);
	}
	spin_unlock(&tasklist_lock);
}

/* take_report() - read and maybe clear one of @p's wait reports, under its lock. */
static bool take_report(struct process *p, bool *flag, int *sig, bool consume)
{
	bool had;

	if (!p->sighand)
		return false;
	spin_lock(&p->sighand->lock);
	had = *flag;
	if (had && sig)
		*sig = p->sig.stop_sig;
	if (had && consume)
		*flag = false;
	spin_unlock(&p->sighand->lock);
	return had;
}

/**
 * signal_take_stop_report() - wait(WUNTRACED): has @p stopped since it was last reported?
 * @p: a child. @sig: set to the signal that stopped it. @consume: clear the report (not for
 *	WNOWAIT).
 *
 * Context: thread; takes @p's sighand->lock (so not under another sighand lock).
 * Return: true if there is a stop to report; each stop is reported once.
 */
bool signal_take_stop_report(struct process *p, int *sig, bool consume)
{
	return take_report(p, &p->sig.stop_report, sig, consume);
}

/**
 * signal_take_continue_report() - wait(WCONTINUED): was @p continued since last reported?
 * @p: a child. @consume: clear the report.
 *
 * Context: as signal_take_stop_report(). Return: true if there is a continue to report.
 */
bool signal_take_continue_report(struct process *p, bool consume)
{
	return take_report(p, &p->sig.continue_report, NULL, consume);
}
