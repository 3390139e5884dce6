/* signal_deliver.c - delivering signals: what a thread does with its pending signals on its
 * way back to user mode, and how an interrupted system call ends (EINTR) or starts again.
 *
 * Where: every return to ring 3 - after a system call, an exception or an interrupt that came
 * from user mode - passes through exit_to_user_mode() (arch/x86_64/signal.c, called from
 * trap.asm's trap_return), which calls do_signal() while signal_pending(). There, in order:
 *   1. a group exit in progress (SIGKILL, a fatal signal): the thread ends with the group;
 *   2. a group stop to join: the thread stops (THREAD_STOPPED) until SIGCONT or SIGKILL; the
 *      last thread to stop tells the parent (CLD_STOPPED); the first woken after SIGCONT tells
 *      it CLD_CONTINUED. A traced thread stops for its tracer instead (ptrace_group_stop),
 *      and a pending ptrace trap (PTRACE_INTERRUPT) is taken here too;
 *   3. take the next pending signal (its own set before the process's) and act on it - a
 *      traced thread first stops for its tracer (ptrace_signal), which may suppress the
 *      signal or put another in its place:
 *      SIG_IGN - drop; a handler - build its frame on the user stack (arch_setup_rt_frame) and
 *      block sa_mask plus the signal itself; SIG_DFL - the default action: ignore, continue
 *      (already done at send time), stop (start a group stop), terminate or dump core.
 *
 * Restart: a system call that slept interruptibly and saw a signal returns an internal code
 * (signal.h) which never reaches user space. With a handler about to run:
 *   -ERESTARTSYS -> restart if SA_RESTART, else -EINTR;   -ERESTARTNOINTR -> restart;
 *   -ERESTARTNOHAND, -ERESTART_RESTARTBLOCK -> -EINTR.
 * With no handler (the signal was ignored, or stopped and continued us) every code restarts;
 * -ERESTART_RESTARTBLOCK restarts as restart_syscall (219), which resumes t->sig.restart
 * (nanosleep's remaining time). "Restart" = rewind rip over the 2-byte `syscall` instruction
 * and put the original number back in rax (the frame keeps it: arch_syscall_nr()).
 *
 * Locking: tasklist_lock then sighand->lock while choosing a signal; none held while writing
 *   the frame (copy_to_user may fault and sleep) or stopping.
 * See also: signal_send.c, arch/x86_64/signal.c (the frame), kernel/include/signal.h.
 *   Linux: kernel/signal.c (get_signal, do_signal_stop), arch/x86/kernel/signal.c
 *   (arch_do_signal_or_restart, handle_signal).
 */
#include "signal.h"
#include "arch.h"
#include "exit.h"
#include "kmalloc.h"
#include "process.h"
#include "ptrace.h"
#include "sched.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/unistd.h"

/* A signal chosen for a handler. */
struct ksignal {
	int sig;
	struct siginfo info;
	struct kernel_sigaction ka;	/* the action as it was when the signal was taken */
};

/* collect_locked() - take @sig out of @sp: its first queued siginfo, or a plain one if it had
 * none (memory ran out at send time). The bit stays set while more entries of @sig wait. */
static void collect_locked(struct process *p, struct sigpending *sp, int sig,
			   struct siginfo *info)
{
	struct sigqueue *q, *found = NULL;
	bool more = false;

	list_for_each_entry(q, &sp->list, link) {
		if (q->info.si_signo != sig)
			continue;
		if (found) {
			more = true;
			break;
		}
		found = q;
	}
	if (!more)
		sp->signal &= ~sigmask(sig);
	if (!found) {
		signal_info_kernel(info, sig, SI_USER);
		return;
	}
	*info = found->info;
	list_del(&found->link);
	kfree(found);
	p->sig.nr_queued--;
}

/* dequeue_locked() - the next signal for @t outside @blocked: its own first, then the
 * process's. Return: the signal, 0 if none. */
static int dequeue_locked(struct thread *t, sigset_t blocked, struct siginfo *info)
{
	struct process *p = t->proc;
	struct sigpending *sp = &t->sig.pending;
	int sig = signal_next(sp->signal, blocked);

	assert_held(&p->sighand->lock);
	if (!sig) {
		sp = &p->sig.shared_pending;
		sig = signal_next(sp->signal, blocked);
	}
	if (sig)
		collect_locked(p, sp, sig, info);
	return sig;
}

/**
 * signal_dequeue() - take the next signal of @set pending for the current thread, blocked or
 * not (rt_sigtimedwait).
 * @set: the signals wanted. @info: its siginfo.
 *
 * Context: thread, no spinlock held. Return: the signal, or 0 if none of @set is pending.
 */
int signal_dequeue(sigset_t set, struct siginfo *info)
{
	struct thread *t = sched_current();
	int sig;

	spin_lock(&t->proc->sighand->lock);
	sig = dequeue_locked(t, ~set, info);
	spin_unlock(&t->proc->sighand->lock);
	return sig;
}

/* start_group_stop_locked() - @sig stops the group: every thread must stop; the others are
 * woken from interruptible sleeps so they can. */
static void start_group_stop_locked(struct process *p, int sig)
{
	struct thread *t;

	assert_held(&tasklist_lock);
	p->sig.stop_sig = sig;
	p->sig.group_stop_count = 0;
	list_for_each_entry(t, &p->threads, thread_link) {
		t->sig.stop_pending = true;
		p->sig.group_stop_count++;
		if (t != sched_current())
			sched_wake(t);
	}
}

/* do_signal_stop() - the current thread joins the group stop and sleeps STOPPED - or, if
 * traced, in a ptrace stop its tracer ends (kernel/ptrace_stop.c). Entered with tasklist_lock
 * and sighand->lock held; returns without them, after SIGCONT, SIGKILL or the tracer. */
static void do_signal_stop(struct process *p, struct thread *t)
{
	bool notify = false;
	bool traced = t->ptrace.tracer != NULL;
	int sig = p->sig.stop_sig;

	if (t->sig.stop_pending) {
		t->sig.stop_pending = false;
		if (--p->sig.group_stop_count == 0) {
			p->sig.flags |= SIGNAL_STOP_STOPPED;
			p->sig.stop_report = true;
			p->sig.continue_report = false;
			notify = true;
		}
	}
	/* STOPPED under the lock SIGCONT takes to wake us: its wake-up cannot be lost. */
	if (!traced)
		sched_set_current_state(THREAD_STOPPED);
	spin_unlock(&p->sighand->lock);
	spin_unlock(&tasklist_lock);
	if (notify)
		signal_notify_parent_cldstop(p, CLD_STOPPED, sig);	/* the real parent */
	if (traced)
		ptrace_group_stop(sig);
	else
		schedule();
}

/* report_continued() - step 2's second half: the first thread back tells the parent. */
static void report_continued(struct process *p)
{
	bool report;

	spin_lock(&p->sighand->lock);
	report = p->sig.flags & SIGNAL_CLD_CONTINUED;
	p->sig.flags &= ~SIGNAL_CLD_CONTINUED;
	spin_unlock(&p->sighand->lock);
	if (report)
		signal_notify_parent_cldstop(p, CLD_CONTINUED, SIGCONT);
}

/* group_exit() - step 1, and a fatal default action: the whole group ends with @status. */
static NORETURN void group_exit(int status)
{
	do_group_exit(status);
}

/* default_action_locked() - SIG_DFL for @sig: nothing (ignore, continue, init's protection),
 * start a group stop, or mark the group exit that get_signal() then carries out.
 * Context: tasklist_lock and sighand->lock held. */
static void default_action_locked(struct process *p, int sig)
{
	enum sig_default act = signal_default_action(sig);

	if (act == SIG_DEFAULT_IGN || act == SIG_DEFAULT_CONT)
		return;
	/* An init still ignores a default action queued while blocked - but SIGKILL and
	 * SIGSTOP got past the send-time check only because they came from an ancestor
	 * namespace or the kernel, and take effect (Linux: sig_kernel_only in get_signal). */
	if (p->unkillable && !(p->sig.flags & SIGNAL_UNPROTECTED) && sig != SIGKILL &&
	    sig != SIGSTOP)
		return;
	if (act == SIG_DEFAULT_STOP) {
		/* POSIX: the terminal's stop signals do not stop an orphaned group - no shell
		 * is left to continue it. SIGSTOP always does. */
		if (sig != SIGSTOP && pgrp_is_orphaned_locked(p->pgid))
			return;
		if (!(p->sig.flags & SIGNAL_STOP_STOPPED))
			start_group_stop_locked(p, sig);
		return;
	}
	p->sig.flags |= SIGNAL_GROUP_EXIT;
	/* No core file is ever written, so no 0x80 "core dumped" bit either: Linux sets it
	 * only when a dump really happened (with RLIMIT_CORE 0 a SIGSEGV death is plain 11). */
	p->sig.group_exit_status = sig;
}

/* take_signal_locked() - step 3 for one signal. Return: true if @ks has a handler to run. */
static bool take_signal_locked(struct process *p, struct ksignal *ks)
{
	struct kernel_sigaction *ka = &p->sighand->action[ks->sig - 1];

	if (ka->handler == SIG_IGN)
		return false;
	if (ka->handler == SIG_DFL) {
		default_action_locked(p, ks->sig);
		return false;
	}
	ks->ka = *ka;
	if (ka->flags & SA_RESETHAND)
		ka->handler = SIG_DFL;
	return true;
}

/* get_signal() - steps 1-3 until a handler is to run or nothing is left.
 * Return: true with @ks filled if a handler must run. */
static bool get_signal(struct ksignal *ks)
{
	struct thread *t = sched_current();
	struct process *p = t->proc;
	bool handler;

	for (;;) {
		if (READ_ONCE(p->sig.flags) & SIGNAL_GROUP_EXIT)
			group_exit(p->sig.group_exit_status);
		report_continued(p);
		if (READ_ONCE(t->ptrace.trap_pending)) {
			ptrace_jobctl_trap();	/* PTRACE_INTERRUPT and friends */
			continue;
		}
		spin_lock(&tasklist_lock);
		spin_lock(&p->sighand->lock);
		if (t->sig.stop_pending) {
			do_signal_stop(p, t);	/* drops both locks */
			continue;
		}
		ks->sig = dequeue_locked(t, t->sig.blocked, &ks->info);
		if (ks->sig && ks->sig != SIGKILL && t->ptrace.tracer) {
			/* Signal-delivery stop: the tracer may suppress or change it. */
			spin_unlock(&p->sighand->lock);
			spin_unlock(&tasklist_lock);
			ks->sig = ptrace_signal(ks->sig, &ks->info);
			if (!ks->sig)
				continue;
			spin_lock(&tasklist_lock);
			spin_lock(&p->sighand->lock);
		}
		handler = ks->sig && take_signal_locked(p, ks);
		spin_unlock(&p->sighand->lock);
		spin_unlock(&tasklist_lock);
		if (!ks->sig || handler)
			return handler;
	}
}

/**
 * signal_syscall_needs_restart() - does @tf return from a system call with an internal
 * -ERESTART* code? Then it must pass through do_signal() even if the signal that caused it
 * is gone, so the code never reaches user space.
 * Context: any. Return: true if so.
 */
bool signal_syscall_needs_restart(const struct trap_frame *tf)
{
	long ret = arch_syscall_return(tf);

	/* The result first: it rules out nearly every return, and arch_syscall_nr() is one
	 * more call on every system call's way out. */
	return ret <= -ERESTARTSYS && ret >= -ERESTART_RESTARTBLOCK && arch_syscall_nr(tf) >= 0;
}

/* restart_for_handler() - a handler with @flags is about to run: EINTR or restart. */
static void restart_for_handler(struct trap_frame *tf, uint64_t flags)
{
	long nr = arch_syscall_nr(tf);

	if (!signal_syscall_needs_restart(tf))
		return;
	switch (arch_syscall_return(tf)) {
	case -ERESTARTSYS:
		if (flags & SA_RESTART)
			arch_syscall_restart(tf, nr);
		else
			arch_syscall_set_return(tf, -EINTR);
		break;
	case -ERESTARTNOINTR:
		arch_syscall_restart(tf, nr);
		break;
	default:	/* -ERESTARTNOHAND, -ERESTART_RESTARTBLOCK, and 515 which is unused */
		arch_syscall_set_return(tf, -EINTR);
		break;
	}
	arch_syscall_forget(tf);	/* a second signal must not restart it again */
}

/* restart_without_handler() - no handler ran: the call starts again. */
static void restart_without_handler(struct trap_frame *tf)
{
	long nr = arch_syscall_nr(tf);

	if (!signal_syscall_needs_restart(tf))
		return;
	if (arch_syscall_return(tf) == -ERESTART_RESTARTBLOCK)
		nr = SYS_restart_syscall;
	arch_syscall_restart(tf, nr);
	arch_syscall_forget(tf);
}

/* block_for_handler() - while the handler runs: sa_mask, and the signal unless SA_NODEFER. */
static void block_for_handler(struct thread *t, const struct ksignal *ks)
{
	sigset_t add = ks->ka.mask;

	if (!(ks->ka.flags & SA_NODEFER))
		add |= sigmask(ks->sig);
	spin_lock(&t->proc->sighand->lock);
	t->sig.blocked = (t->sig.blocked | add) & ~SIG_UNBLOCKABLE;
	spin_unlock(&t->proc->sighand->lock);
}

/* force_sigsegv() - the frame could not be written (bad stack): SIGSEGV, and a SIGSEGV
 * handler that cannot get a frame either is reset, so the next attempt kills (Linux). */
static void force_sigsegv(struct process *p, int sig)
{
	if (sig == SIGSEGV) {
		spin_lock(&p->sighand->lock);
		p->sighand->action[SIGSEGV - 1].handler = SIG_DFL;
		spin_unlock(&p->sighand->lock);
	}
	force_sig_fault(SIGSEGV, SI_KERNEL, 0);
}

/* handle_signal() - run @ks's handler: restart decision, frame, mask. */
static void handle_signal(struct trap_frame *tf, struct ksignal *ks)
{
	struct thread *t = sched_current();
	sigset_t oldmask = t->sig.restore_sigmask ? t->sig.saved_sigmask : t->sig.blocked;

	restart_for_handler(tf, ks->ka.flags);
	if (arch_setup_rt_frame(tf, ks->sig, &ks->info, &ks->ka, oldmask) != 0) {
		force_sigsegv(t->proc, ks->sig);
		return;
	}
	t->sig.restore_sigmask = false;	/* the frame holds the old mask now */
	block_for_handler(t, ks);
}

/* restore_saved_sigmask() - sigsuspend's mask ends when no handler took its place. */
static void restore_saved_sigmask(struct thread *t)
{
	if (!t->sig.restore_sigmask)
		return;
	t->sig.restore_sigmask = false;
	spin_lock(&t->proc->sighand->lock);
	t->sig.blocked = t->sig.saved_sigmask;
	spin_unlock(&t->proc->sighand->lock);
}

/**
 * do_signal() - deliver what is pending for the current thread, or restart its system call.
 * @tf: its user registers, which a handler's frame or a restart edits.
 *
 * Context: the current user thread on its way to user mode, interrupts on, no spinlock held;
 * may sleep (stop), or not return (fatal signal). Return: nothing.
 */
void do_signal(struct trap_frame *tf)
{
	struct thread *t = sched_current();
	struct ksignal ks;

	if (get_signal(&ks)) {
		handle_signal(tf, &ks);
		return;
	}
	restart_without_handler(tf);
	restore_saved_sigmask(t);
}
