/* ptrace_stop.c - the tracee's side of ptrace: the stops a traced thread makes and reports.
 *
 * Every stop is one call, ptrace_stop(code, why, message, info): the thread records what its
 * tracer's wait will report (`code`: the status word is (code << 8) | 0x7f), tells the tracer
 * (SIGCHLD with CLD_TRAPPED or CLD_STOPPED, and a wake-up of its wait), and sleeps TRACED
 * until the tracer resumes it (PTRACE_CONT...), detaches, or SIGKILL comes. It returns what
 * the tracer left in `code`: the signal to deliver, or 0. The stops, by where they happen:
 *   - signal-delivery stop (ptrace_signal, from get_signal): a signal is about to be
 *     delivered; code = the signal; the tracer may suppress it (resume with 0), change it,
 *     or edit its siginfo (SETSIGINFO). SIGKILL is never stopped for.
 *   - group stop (ptrace_group_stop, from do_signal_stop): a traced thread joins a group stop
 *     by stopping for its tracer: code = the stop signal, or for a seized tracee
 *     stop signal | PTRACE_EVENT_STOP << 8 (Linux: do_jobctl_trap).
 *   - event stops (ptrace_event): fork/vfork/clone (message = the child's number), exec
 *     (message = the old tid), exit (message = the exit status), and PTRACE_EVENT_STOP traps
 *     (ptrace_jobctl_trap: PTRACE_INTERRUPT, attach to a stopped thread, LISTEN's re-trap);
 *     code = SIGTRAP | event << 8.
 *   - syscall stops (ptrace_syscall_enter/exit, from the dispatcher, after PTRACE_SYSCALL):
 *     code = SIGTRAP, | 0x80 with PTRACE_O_TRACESYSGOOD; GETEVENTMSG says entry (1) or exit
 *     (2). A signal given on resume from a syscall stop is sent to the thread (Linux).
 *   - single-step and breakpoints need no stop of their own: #DB and int3 raise SIGTRAP
 *     (arch/x86_64/trap.c), which the tracee reports in a signal-delivery stop.
 * Invariants: a thread stops only while traced, and never with SIGKILL pending: every path
 *   that kills a thread wakes it from TRACED (sched_wake_fatal).
 * Locking: tasklist_lock while the stop is set up and torn down; none while asleep.
 * See also: kernel/ptrace.c, kernel/signal_deliver.c, kernel/syscall.c. Linux:
 *   kernel/signal.c (ptrace_stop, ptrace_do_notify, ptrace_signal, do_jobctl_trap),
 *   include/linux/ptrace.h (ptrace_event), kernel/entry/syscall-common.c.
 */
#include "ptrace.h"
#include "arch.h"
#include "pid.h"
#include "process.h"
#include "sched.h"
#include "signal.h"
#include "string.h"


/**
 * ptrace_stop() - stop for the tracer with report @code (see the header comment).
 * @code: the report. @why: CLD_TRAPPED or CLD_STOPPED, for the tracer's SIGCHLD.
 * @message: for GETEVENTMSG. @info: for GETSIGINFO/SETSIGINFO (lives on our stack), or NULL.
 *
 * Context: the current thread, no locks held; sleeps.
 * Return: what the tracer left in code on resume (a signal or 0), or -1 if the thread did
 * not stop (not traced, or SIGKILL pending).
 */
static int ptrace_stop(int code, int why, unsigned long message, struct siginfo *info)
{
	struct thread *t = sched_current();
	struct thread *tracer;

	spin_lock(&tasklist_lock);
	tracer = t->ptrace.tracer;
	if (!tracer || ptrace_kill_pending(t)) {
		spin_unlock(&tasklist_lock);
		return -1;
	}
	t->ptrace.code = code;
	t->ptrace.message = message;
	t->ptrace.siginfo = info;
	t->ptrace.stopped = true;
	/* TRACED before the lock goes: a resume or a SIGKILL after it finds us asleep. */
	sched_set_current_state(THREAD_TRACED);
	signal_notify_tracer_locked(tracer->proc, t->pid, why, code & 0x7f);
	spin_unlock(&tasklist_lock);
	schedule();
	spin_lock(&tasklist_lock);
	t->ptrace.siginfo = NULL;
	/* Still "stopped": nobody resumed us, SIGKILL woke us; the report is not a signal. */
	code = t->ptrace.stopped ? 0 : t->ptrace.code;
	t->ptrace.stopped = false;
	t->ptrace.listening = false;
	t->ptrace.code = 0;
	spin_unlock(&tasklist_lock);
	return code;
}

/* trap_info() - the siginfo of a trap the kernel reports (Linux: ptrace_do_notify). */
static void trap_info(struct siginfo *info, int sig, int code)
{
	signal_info_kernel(info, sig, code);
	info->proc.pid = pid_vnr(sched_current()->pid);	/* as Linux: the tracee's own view */
	info->proc.uid = 0;
}

/* tracer_tgid() - who "sent" a signal the tracer substituted: the tracer's process. */
static pid_t tracer_tgid(struct thread *t)
{
	pid_t nr = 0;

	spin_lock(&tasklist_lock);
	if (t->ptrace.tracer)
		nr = pid_vnr(t->ptrace.tracer->proc->pid);	/* 0 if outside our namespace */
	spin_unlock(&tasklist_lock);
	return nr;
}

/**
 * ptrace_signal() - signal-delivery stop: the traced current thread is about to deliver
 * @sig; its tracer decides.
 * @sig: the dequeued signal (never SIGKILL). @info: its siginfo; the tracer may rewrite it.
 *
 * Context: the current thread, no locks held; sleeps. Return: the signal to deliver now -
 * @sig, another one (its siginfo is then a plain SI_USER from the tracer, as Linux), or 0
 * (suppressed, or requeued because the new signal is blocked).
 */
int ptrace_signal(int sig, struct siginfo *info)
{
	struct thread *t = sched_current();
	int new = ptrace_stop(sig, CLD_TRAPPED, 0, info);

	if (new < 0)
		return sig;		/* not stopped: deliver as it is */
	if (new == 0)
		return 0;
	if (new != info->si_signo) {
		signal_info_kernel(info, new, SI_USER);
		info->proc.pid = tracer_tgid(t);
	}
	if (sigset_has(READ_ONCE(t->sig.blocked), new) || ptrace_kill_pending(t)) {
		send_signal_to_thread(t, new, info);	/* blocked now: it waits like any other */
		return 0;
	}
	return new;
}

/**
 * ptrace_group_stop() - the traced current thread joins its process's group stop (stopped by
 * @stop_sig) by stopping for its tracer. A tracer's PTRACE_CONT ends this stop even though
 * the group stays stopped (Linux's behaviour, a known wart of ptrace and job control).
 * Context: the current thread, no locks held; sleeps. Return: nothing.
 */
void ptrace_group_stop(int stop_sig)
{
	struct thread *t = sched_current();
	struct siginfo info;
	int code = stop_sig | PTRACE_EVENT_STOP << 8;

	if (!(READ_ONCE(t->ptrace.flags) & PT_SEIZED)) {
		ptrace_stop(stop_sig, CLD_STOPPED, 0, NULL);
		return;
	}
	trap_info(&info, stop_sig, code);
	ptrace_stop(code, CLD_STOPPED, 0, &info);
}

/**
 * ptrace_jobctl_trap() - a trap is pending (PTRACE_INTERRUPT, attach to a stopped thread,
 * a seized new child, the end of LISTEN): a seized tracee reports PTRACE_EVENT_STOP, with
 * the stop signal if its group is stopped, else SIGTRAP; an attached one re-enters the group
 * stop it was in, as a ptrace stop.
 * Context: the current thread, no locks held; sleeps. Return: nothing.
 */
void ptrace_jobctl_trap(void)
{
	struct thread *t = sched_current();
	struct process *p = t->proc;
	bool seized, group_stopped;
	int sig;

	spin_lock(&tasklist_lock);
	t->ptrace.trap_pending = false;
	seized = t->ptrace.flags & PT_SEIZED;
	group_stopped = READ_ONCE(p->sig.flags) & SIGNAL_STOP_STOPPED;
	sig = group_stopped ? p->sig.stop_sig : SIGTRAP;
	spin_unlock(&tasklist_lock);
	if (seized)
		ptrace_group_stop(sig);
	else if (group_stopped)
		ptrace_stop(sig, CLD_STOPPED, 0, NULL);
}

/**
 * ptrace_event_enabled() - did @t's tracer ask to stop @t at @event (PTRACE_O_TRACE*)?
 * Context: any. Return: true if so.
 */
bool ptrace_event_enabled(struct thread *t, int event)
{
	return t->ptrace.tracer && (t->ptrace.options & (1U << event));
}

/**
 * ptrace_event() - an event stop for @event with GETEVENTMSG @message, if the tracer asked
 * for it. Without PTRACE_O_TRACEEXEC a tracee attached the old way (not seized) gets a
 * SIGTRAP after a successful exec instead, as it always has on Unix.
 * Context: the current thread, no locks held; sleeps. Return: nothing.
 */
void ptrace_event(int event, unsigned long message)
{
	struct thread *t = sched_current();
	struct siginfo info;
	int code = SIGTRAP | event << 8;

	if (ptrace_event_enabled(t, event)) {
		trap_info(&info, SIGTRAP, code);
		ptrace_stop(code, CLD_TRAPPED, message, &info);
	} else if (event == PTRACE_EVENT_EXEC && t->ptrace.tracer &&
		   !(t->ptrace.flags & PT_SEIZED)) {
		signal_info_kernel(&info, SIGTRAP, SI_USER);
		send_signal_to_thread(t, SIGTRAP, &info);
	}
}

/**
 * ptrace_event_pid() - ptrace_event() whose message is @pid's number as the tracer sees it
 * (a new child's, the old tid at exec: the tracer may live in another namespace).
 * Context: the current thread, no locks held; sleeps. Return: nothing.
 */
void ptrace_event_pid(int event, struct pid *pid)
{
	struct thread *t = sched_current();
	unsigned long message = 0;

	spin_lock(&tasklist_lock);
	if (t->ptrace.tracer)
		message = (unsigned long)pid_nr_ns(pid, task_active_pid_ns(t->ptrace.tracer));
	spin_unlock(&tasklist_lock);
	ptrace_event(event, message);
}

/* report_syscall() - a syscall stop; a signal the tracer resumes with is sent to us. */
static void report_syscall(struct thread *t, unsigned long message)
{
	struct siginfo info;
	int code = SIGTRAP;
	int sig;

	if (t->ptrace.options & PTRACE_O_TRACESYSGOOD)
		code |= 0x80;
	trap_info(&info, SIGTRAP, code);
	sig = ptrace_stop(code, CLD_TRAPPED, message, &info);
	if (sig > 0 && sig <= NSIG)
		send_signal_to_thread(t, sig, NULL);
}

/**
 * ptrace_syscall_enter() - the syscall-entry stop. The tracer may change the number
 * (orig_rax: -1 skips the call) and the arguments in @tf.
 * @tf: the caller's registers, rax already -ENOSYS.
 * Context: the dispatcher, no locks held; sleeps.
 * Return: true to run the call (as @tf now says), false to skip it (rax is the result).
 */
bool ptrace_syscall_enter(struct trap_frame *tf)
{
	struct thread *t = sched_current();

	report_syscall(t, PTRACE_EVENTMSG_SYSCALL_ENTRY);
	return !ptrace_kill_pending(t) && arch_syscall_nr(tf) != -1;
}

/**
 * ptrace_syscall_exit() - after the call: the syscall-exit stop (the tracer may change the
 * result in rax); or, when single-stepping, the step's SIGTRAP - `syscall` was the one
 * instruction (Linux: user_single_step_report).
 * @tf: the caller's registers, the result in rax.
 * Context: the dispatcher, no locks held; sleeps. Return: nothing.
 */
void ptrace_syscall_exit(struct trap_frame *tf)
{
	struct thread *t = sched_current();
	struct siginfo info;

	if (t->ptrace.flags & PT_SINGLESTEP) {
		signal_info_kernel(&info, SIGTRAP, TRAP_BRKPT);
		info.fault.addr = arch_user_ip(tf);
		send_signal_to_thread(t, SIGTRAP, &info);
		return;
	}
	report_syscall(t, PTRACE_EVENTMSG_SYSCALL_EXIT);
}
