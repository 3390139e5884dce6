/* signal_syscalls.c - the signal system calls: dispositions, masks, waiting for signals, the
 * alternate stack, and sending (kill, tkill, tgkill, rt_sigqueueinfo).
 *
 * Each sys_X decodes its arguments and calls do_X. The rules that are easy to get wrong, all
 * Linux's:
 *   - every rt_sig* call that takes a sigset insists on sigsetsize == 8 (EINVAL);
 *   - SIGKILL and SIGSTOP: rt_sigaction on them fails (EINVAL), masks silently drop them;
 *   - setting a disposition that ignores a signal discards it where it is pending (POSIX);
 *   - kill(pid): > 0 one process, 0 the caller's group, -1 everyone but init and the caller
 *     (ESRCH if that is nobody), < -1 a group; sig 0 only checks existence; sig > 64: EINVAL;
 *   - rt_sigqueueinfo with si_code >= 0 (or SI_TKILL) to another process: EPERM, so a program
 *     cannot forge a kernel- or kill()-generated siginfo;
 *   - pause and rt_sigsuspend always end with EINTR after a handler (-ERESTARTNOHAND);
 *     rt_sigtimedwait returns the signal, EAGAIN on timeout, EINTR for another signal.
 * Locking: the current process's sighand->lock around masks and actions; tasklist_lock (via
 *   process_for_each or explicitly) while looking targets up and sending to them.
 * See also: signal_send.c, signal_deliver.c, itimer.c (alarm, setitimer), pgrp.c.
 *   Linux: kernel/signal.c (sys_rt_sigaction ... sys_kill), arch/x86/kernel/signal_64.c.
 */
#include "signal.h"
#include "arch.h"
#include "pid.h"
#include "process.h"
#include "sched.h"
#include "string.h"
#include "syscalls.h"
#include "time.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/time.h"

static struct sighand *my_sighand(void)
{
	return current_process()->sighand;
}

/* ---- rt_sigaction ---- */

/* discard_if_ignored_locked() - POSIX: setting SIG_IGN (or a SIG_DFL that ignores) drops a
 * pending @sig in every thread. */
static void discard_if_ignored_locked(struct process *p, int sig)
{
	uint64_t h = p->sighand->action[sig - 1].handler;

	if (h != SIG_IGN && !(h == SIG_DFL && signal_default_action(sig) == SIG_DEFAULT_IGN))
		return;
	signal_flush_locked(p, sigmask(sig));
}

/**
 * do_sigaction() - read and/or change the disposition of @sig.
 * @sig: 1..64. @act: the new action, or NULL. @oact: filled with the old one, or NULL.
 *
 * Context: thread, no spinlock held. Return: 0, or -EINVAL (bad @sig; SIGKILL/SIGSTOP with
 * @act).
 */
long do_sigaction(int sig, const struct kernel_sigaction *act, struct kernel_sigaction *oact)
{
	struct process *p = current_process();
	struct sighand *sh = p->sighand;

	if (sig < 1 || sig > NSIG || (act && sigset_has(SIG_UNBLOCKABLE, sig)))
		return -EINVAL;
	spin_lock(&tasklist_lock);
	spin_lock(&sh->lock);
	if (oact)
		*oact = sh->action[sig - 1];
	if (act) {
		sh->action[sig - 1] = *act;
		sh->action[sig - 1].mask &= ~SIG_UNBLOCKABLE;
		discard_if_ignored_locked(p, sig);
	}
	spin_unlock(&sh->lock);
	spin_unlock(&tasklist_lock);
	return 0;
}

/* rt_sigaction(int sig, const struct sigaction *act, struct sigaction *oact, size_t size) */
long sys_rt_sigaction(const struct syscall_args *a)
{
	struct kernel_sigaction act, oact;
	uaddr_t uact = a->arg[1], uoact = a->arg[2];
	long err;

	if (a->arg[3] != SIGSET_SIZE)
		return -EINVAL;
	if (uact && copy_from_user(&act, uact, sizeof(act)))
		return -EFAULT;
	err = do_sigaction((int)a->arg[0], uact ? &act : NULL, uoact ? &oact : NULL);
	if (!err && uoact && copy_to_user(uoact, &oact, sizeof(oact)))
		return -EFAULT;
	return err;
}

/* ---- masks ---- */

/**
 * signal_set_blocked() - the current thread's mask becomes @set (minus SIGKILL, SIGSTOP).
 * Context: thread, no spinlock held. Return: nothing.
 */
void signal_set_blocked(sigset_t set)
{
	struct thread *t = sched_current();

	spin_lock(&my_sighand()->lock);
	t->sig.blocked = set & ~SIG_UNBLOCKABLE;
	spin_unlock(&my_sighand()->lock);
}

/**
 * do_sigprocmask() - change the current thread's mask.
 * @how: SIG_BLOCK, SIG_UNBLOCK or SIG_SETMASK. @set: the operand, or NULL to only read.
 * @old: filled with the mask before, or NULL.
 *
 * Context: thread. Return: 0, or -EINVAL for an unknown @how (only checked with a @set).
 */
long do_sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	sigset_t cur = sched_current()->sig.blocked;

	if (old)
		*old = cur;
	if (!set)
		return 0;
	switch (how) {
	case SIG_BLOCK:
		cur |= *set;
		break;
	case SIG_UNBLOCK:
		cur &= ~*set;
		break;
	case SIG_SETMASK:
		cur = *set;
		break;
	default:
		return -EINVAL;
	}
	signal_set_blocked(cur);
	return 0;
}

/* rt_sigprocmask(int how, const sigset_t *set, sigset_t *oset, size_t size) */
long sys_rt_sigprocmask(const struct syscall_args *a)
{
	sigset_t set, old;
	uaddr_t uset = a->arg[1], uold = a->arg[2];
	long err;

	if (a->arg[3] != SIGSET_SIZE)
		return -EINVAL;
	if (uset && copy_from_user(&set, uset, sizeof(set)))
		return -EFAULT;
	err = do_sigprocmask((int)a->arg[0], uset ? &set : NULL, &old);
	if (!err && uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return err;
}

/* do_sigpending() - the blocked signals pending for the caller (its own and its process's). */
static sigset_t do_sigpending(void)
{
	struct thread *t = sched_current();
	sigset_t set;

	spin_lock(&my_sighand()->lock);
	set = (t->sig.pending.signal | t->proc->sig.shared_pending.signal) & t->sig.blocked;
	spin_unlock(&my_sighand()->lock);
	return set;
}

/* rt_sigpending(sigset_t *set, size_t size): Linux accepts a size up to 8. */
long sys_rt_sigpending(const struct syscall_args *a)
{
	sigset_t set;

	if (a->arg[1] > SIGSET_SIZE)
		return -EINVAL;
	set = do_sigpending();
	return copy_to_user(a->arg[0], &set, a->arg[1]);
}

/* ---- rt_sigreturn ---- */

/**
 * do_rt_sigreturn() - back from a handler: registers, FPU state and mask from the frame.
 * Context: the current thread. Return: the restored rax (the dispatcher puts it back in
 * rax), or 0 after sending SIGSEGV for a bad frame.
 */
long do_rt_sigreturn(void)
{
	struct trap_frame *tf = sched_current()->uregs;
	sigset_t mask;

	if (arch_rt_sigreturn(tf, &mask)) {
		force_sig_fault(SIGSEGV, SI_KERNEL, 0);
		return 0;
	}
	signal_set_blocked(mask);
	return arch_syscall_return(tf);
}

long sys_rt_sigreturn(const struct syscall_args *a)
{
	(void)a;
	return do_rt_sigreturn();
}

/* ---- waiting for a signal ---- */

/* sleep_until_signal() - sleep until signal_pending() (no wait queue: the sender wakes the
 * thread itself). Same lost-wake-up argument as wait_event_interruptible(). */
static void sleep_until_signal(void)
{
	struct thread *t = sched_current();

	for (;;) {
		sched_set_current_state(THREAD_SLEEPING);
		if (signal_pending(t))
			break;
		schedule();
	}
	sched_set_current_state(THREAD_RUNNING);
}

/* pause(): until a signal is delivered; EINTR after a handler, restarted otherwise. */
long sys_pause(const struct syscall_args *a)
{
	(void)a;
	sleep_until_signal();
	return -ERESTARTNOHAND;
}

/**
 * do_sigsuspend() - wait for a signal with @mask as the mask; the old mask comes back after
 * the handler (its frame saves it) or at once if no handler runs.
 * Context: thread. Return: -ERESTARTNOHAND (EINTR for the caller, as Linux).
 */
long do_sigsuspend(sigset_t mask)
{
	struct thread *t = sched_current();

	t->sig.saved_sigmask = t->sig.blocked;
	t->sig.restore_sigmask = true;
	signal_set_blocked(mask);
	sleep_until_signal();
	return -ERESTARTNOHAND;
}

/* rt_sigsuspend(const sigset_t *mask, size_t size) */
long sys_rt_sigsuspend(const struct syscall_args *a)
{
	sigset_t mask;

	if (a->arg[1] != SIGSET_SIZE)
		return -EINVAL;
	if (copy_from_user(&mask, a->arg[0], sizeof(mask)))
		return -EFAULT;
	return do_sigsuspend(mask);
}

/* set_waitset() - rt_sigtimedwait's signals wake us although blocked (signal_send.c). */
static void set_waitset(sigset_t set)
{
	spin_lock(&my_sighand()->lock);
	sched_current()->sig.waitset = set;
	spin_unlock(&my_sighand()->lock);
}

/* wait_for_set() - sleep until one of @set is pending, another signal is, or @deadline
 * (0 = none) passes. */
static void wait_for_set(sigset_t set, uint64_t deadline)
{
	struct thread *t = sched_current();
	struct process *p = t->proc;

	for (;;) {
		sched_set_current_state(THREAD_SLEEPING);
		if (((t->sig.pending.signal | p->sig.shared_pending.signal) & set) ||
		    signal_pending(t))
			break;
		if (!deadline)
			schedule();
		else if (!schedule_until(deadline))
			return;
	}
	sched_set_current_state(THREAD_RUNNING);
}

/**
 * do_sigtimedwait() - take one of @set that is (or becomes) pending, blocked or not.
 * @set: wanted signals (SIGKILL/SIGSTOP are ignored in it). @info: its siginfo.
 * @ms: how long to wait; < 0 = forever.
 *
 * Context: thread. Return: the signal, -EAGAIN on timeout, -EINTR if another signal came.
 */
long do_sigtimedwait(sigset_t set, struct siginfo *info, long ms)
{
	int sig;

	set &= ~SIG_UNBLOCKABLE;
	sig = signal_dequeue(set, info);
	if (sig || ms == 0)
		return sig ? sig : -EAGAIN;
	set_waitset(set);
	wait_for_set(set, ms < 0 ? 0 : time_deadline_after_ms((uint64_t)ms));
	set_waitset(0);
	sig = signal_dequeue(set, info);
	if (sig)
		return sig;
	return signal_pending(sched_current()) ? -EINTR : -EAGAIN;
}

/* timespec_to_ms() - a relative timeout, rounded up to whole ms. Return: ms or -EINVAL. */
static long timespec_to_ms(const struct timespec *ts)
{
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L)
		return -EINVAL;
	if (ts->tv_sec > 100000000L)
		return 100000000000L;	/* over three years: forever enough */
	return ts->tv_sec * 1000 + (ts->tv_nsec + 999999) / 1000000;
}

/* rt_sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *ts, size) */
long sys_rt_sigtimedwait(const struct syscall_args *a)
{
	struct siginfo info;
	struct timespec ts;
	sigset_t set;
	long ms = -1, sig;

	if (a->arg[3] != SIGSET_SIZE)
		return -EINVAL;
	if (copy_from_user(&set, a->arg[0], sizeof(set)))
		return -EFAULT;
	if (a->arg[2]) {
		if (copy_from_user(&ts, a->arg[2], sizeof(ts)))
			return -EFAULT;
		ms = timespec_to_ms(&ts);
		if (ms < 0)
			return ms;
	}
	sig = do_sigtimedwait(set, &info, ms);
	if (sig > 0 && a->arg[1] && copy_to_user(a->arg[1], &info, sizeof(info)))
		return -EFAULT;
	return sig;
}

/* ---- sigaltstack ---- */

/**
 * do_sigaltstack() - read and/or set the current thread's alternate signal stack.
 * @ss: the new one, or NULL. @oss: filled with the old one (ss_flags SS_ONSTACK if we run on
 *	it now, SS_DISABLE if there is none), or NULL. @sp: the caller's user rsp.
 *
 * Context: thread. Return: 0; -EPERM while running on it; -EINVAL for bad flags; -ENOMEM for
 * a size below MINSIGSTKSZ.
 */
long do_sigaltstack(const struct user_stack *ss, struct user_stack *oss, uint64_t sp)
{
	struct user_stack *cur = &sched_current()->sig.altstack;
	bool on = arch_on_altstack(sp);
	int mode;

	if (oss) {
		*oss = *cur;
		oss->ss_flags = cur->ss_size == 0 ? SS_DISABLE : on ? SS_ONSTACK : 0;
	}
	if (!ss)
		return 0;
	if (on)
		return -EPERM;
	mode = ss->ss_flags & ~(int)SS_AUTODISARM;
	if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		*cur = (struct user_stack){ .ss_flags = SS_DISABLE };
		return 0;
	}
	if (ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	*cur = (struct user_stack){ .ss_sp = ss->ss_sp, .ss_size = ss->ss_size };
	return 0;
}

/* sigaltstack(const stack_t *ss, stack_t *old_ss) */
long sys_sigaltstack(const struct syscall_args *a)
{
	struct user_stack ss, oss;
	long err;

	if (a->arg[0] && copy_from_user(&ss, a->arg[0], sizeof(ss)))
		return -EFAULT;
	err = do_sigaltstack(a->arg[0] ? &ss : NULL, &oss, arch_user_sp(sched_current()->uregs));
	if (!err && a->arg[1] && copy_to_user(a->arg[1], &oss, sizeof(oss)))
		return -EFAULT;
	return err;
}

/* ---- sending ---- */

/* user_info() - the siginfo of a signal sent by the current process with si_code @code. */
static void user_info(struct siginfo *info, int sig, int code)
{
	signal_info_kernel(info, sig, code);
	info->proc.pid = pid_vnr(current_process()->pid);	/* 0 for a receiver outside our
								 * view: signal_send.c */
	info->proc.uid = 0;
}

/* What a kill() walk over processes needs. */
struct kill_walk {
	enum kill_target kind;
	pid_t nr;			/* the group's root number, for KILL_PGRP */
	struct pid_namespace *ns;	/* the caller's, for KILL_ALL */
	int sig;
	const struct siginfo *info;
	int found;			/* processes that matched */
	int err;			/* the first error */
};

/* kill_one() - process_for_each() callback: send to @p if it is a target. */
static bool kill_one(struct process *p, void *arg)
{
	struct kill_walk *w = arg;
	int err;

	if (w->kind == KILL_PGRP && p->pgid != w->nr)
		return false;
	/* kill(-1): every process with a number above 1 in our namespace, but us. */
	if (w->kind == KILL_ALL && (pid_nr_ns(p->pid, w->ns) <= 1 || p == current_process()))
		return false;
	w->found++;		/* a zombie counts (Linux: kill succeeds, nothing happens) */
	err = w->sig && !p->exit_state ? send_signal_to_process_locked(p, w->sig, w->info) : 0;
	if (err && !w->err)
		w->err = err;
	return false;
}

/* kill_pid() - KILL_PROCESS: one process by number, as the caller sees it. */
static long kill_pid(pid_t nr, int sig, const struct siginfo *info)
{
	struct process *p;
	long err = 0;

	spin_lock(&tasklist_lock);
	p = process_find_vnr_locked(nr);
	if (!p)
		err = -ESRCH;
	else if (sig)
		err = send_signal_to_process_locked(p, sig, info);
	spin_unlock(&tasklist_lock);
	return err;
}

/* pgrp_global_nr() - turn the group number *@nr, as the caller sees it, into the root
 * namespace's. kill(0) needs none: the caller's own group is its group object, even one led
 * from outside its namespace (rule 13). Return: false if no such group is visible. */
static bool pgrp_global_nr(pid_t *nr)
{
	struct pid *group;

	spin_lock(&tasklist_lock);
	group = pgrp_find_vnr_locked(*nr, false);
	if (group)
		*nr = group->numbers[0].nr;
	spin_unlock(&tasklist_lock);
	return group != NULL;
}

/**
 * do_kill() - kill(@pid, @sig) with @info.
 * Context: thread, no spinlock held. Return: 0, -EINVAL, -ESRCH, or -EAGAIN (queue limit).
 */
long do_kill(pid_t pid, int sig, const struct siginfo *info)
{
	struct kill_walk w = { .sig = sig, .info = info, .ns = current_pid_ns() };

	if (!signal_valid(sig))
		return -EINVAL;
	w.kind = signal_kill_target(pid, current_process()->pgid, &w.nr);
	if (w.kind == KILL_NONE)
		return -ESRCH;
	if (w.kind == KILL_PROCESS)
		return kill_pid(w.nr, sig, info);
	if (w.kind == KILL_PGRP && pid != 0 && !pgrp_global_nr(&w.nr))
		return -ESRCH;	/* no group by that number in our namespace */
	process_for_each(kill_one, &w);
	if (!w.found)
		return -ESRCH;
	return w.err;
}

/* kill(pid_t pid, int sig) */
long sys_kill(const struct syscall_args *a)
{
	struct siginfo info;
	int sig = (int)a->arg[1];

	user_info(&info, sig, SI_USER);
	return do_kill((pid_t)a->arg[0], sig, &info);
}

/**
 * do_tkill() - send @sig to thread @tid, which must belong to @tgid unless @tgid is 0.
 * Context: thread, no spinlock held. Return: 0, -EINVAL, -ESRCH or -EAGAIN.
 */
long do_tkill(pid_t tgid, pid_t tid, int sig)
{
	struct siginfo info;
	struct thread *t;
	long err = 0;

	if (tid <= 0 || tgid < 0 || !signal_valid(sig))
		return -EINVAL;
	user_info(&info, sig, SI_TKILL);
	spin_lock(&tasklist_lock);
	/* TODO(zombie-leader): Linux still finds a leader that exited while its other threads
	 * run (tgkill says 0); ours has left p->threads, so this says ESRCH (docs/fuzz.md). */
	t = thread_find_vnr_locked(tid);
	if (!t || !t->proc || (tgid && pid_vnr(t->proc->pid) != tgid))
		err = -ESRCH;
	else if (sig)
		err = send_signal_to_thread_locked(t, sig, &info);
	spin_unlock(&tasklist_lock);
	return err;
}

/* tkill(pid_t tid, int sig) */
long sys_tkill(const struct syscall_args *a)
{
	return do_tkill(0, (pid_t)a->arg[0], (int)a->arg[1]);
}

/* tgkill(pid_t tgid, pid_t tid, int sig) */
long sys_tgkill(const struct syscall_args *a)
{
	if ((pid_t)a->arg[0] <= 0)
		return -EINVAL;
	return do_tkill((pid_t)a->arg[0], (pid_t)a->arg[1], (int)a->arg[2]);
}

/**
 * do_sigqueueinfo() - rt_sigqueueinfo: send @sig with a siginfo from user space.
 * Context: thread. Return: 0, -EINVAL, -EPERM (a forged kernel/kill siginfo for another
 * process), -ESRCH, -EAGAIN.
 */
long do_sigqueueinfo(pid_t tgid, int sig, struct siginfo *info)
{
	if (!signal_valid(sig))
		return -EINVAL;
	if ((info->si_code >= 0 || info->si_code == SI_TKILL) &&
	    tgid != pid_vnr(current_process()->pid))
		return -EPERM;
	info->si_signo = sig;
	return kill_pid(tgid, sig, info);
}

/* rt_sigqueueinfo(pid_t tgid, int sig, siginfo_t *info) */
long sys_rt_sigqueueinfo(const struct syscall_args *a)
{
	struct siginfo info;

	if (copy_from_user(&info, a->arg[2], sizeof(info)))
		return -EFAULT;
	return do_sigqueueinfo((pid_t)a->arg[0], (int)a->arg[1], &info);
}

/* restart_syscall(): resume what -ERESTART_RESTARTBLOCK left (nanosleep's remaining time). */
long sys_restart_syscall(const struct syscall_args *a)
{
	struct restart_block *rb = &sched_current()->sig.restart;
	long (*fn)(struct restart_block *) = rb->fn;

	(void)a;
	rb->fn = NULL;
	return fn ? fn(rb) : -EINTR;
}
