/* signal_table.c - the pure rules of signals: default actions, which pending signal goes
 * first, and what kill()'s pid argument addresses.
 *
 * No state, no locks: tests/host/test_signal_table.c runs these functions unchanged.
 *   - Default actions are Linux's (signal(7)): terminate, terminate with "core", stop,
 *     continue, ignore. Real-time signals terminate. No core file is ever written, so, as on
 *     Linux when no dump happened, a "core" death has no 0x80 bit in the wait status.
 *   - Order of delivery: the synchronous fault signals first (a handler must see the fault
 *     its instruction caused before anything else), then the lowest number - standard signals
 *     before real-time ones, and real-time ones in number order, as POSIX asks.
 *   - kill(pid): > 0 one process, 0 the caller's process group, -1 every process the caller
 *     may signal except init and itself, < -1 the process group -pid.
 * See also: kernel/signal.c, signal_deliver.c, signal_syscalls.c. Linux: kernel/signal.c
 *   (sig_kernel_* masks, next_signal, kill_something_info).
 */
#include "signal.h"

/* The default actions of the standard signals; real-time signals terminate. */
static const uint8_t default_actions[SIGRTMIN] = {
	[SIGHUP] = SIG_DEFAULT_TERM,	[SIGINT] = SIG_DEFAULT_TERM,
	[SIGQUIT] = SIG_DEFAULT_CORE,	[SIGILL] = SIG_DEFAULT_CORE,
	[SIGTRAP] = SIG_DEFAULT_CORE,	[SIGABRT] = SIG_DEFAULT_CORE,
	[SIGBUS] = SIG_DEFAULT_CORE,	[SIGFPE] = SIG_DEFAULT_CORE,
	[SIGKILL] = SIG_DEFAULT_TERM,	[SIGUSR1] = SIG_DEFAULT_TERM,
	[SIGSEGV] = SIG_DEFAULT_CORE,	[SIGUSR2] = SIG_DEFAULT_TERM,
	[SIGPIPE] = SIG_DEFAULT_TERM,	[SIGALRM] = SIG_DEFAULT_TERM,
	[SIGTERM] = SIG_DEFAULT_TERM,	[SIGSTKFLT] = SIG_DEFAULT_TERM,
	[SIGCHLD] = SIG_DEFAULT_IGN,	[SIGCONT] = SIG_DEFAULT_CONT,
	[SIGSTOP] = SIG_DEFAULT_STOP,	[SIGTSTP] = SIG_DEFAULT_STOP,
	[SIGTTIN] = SIG_DEFAULT_STOP,	[SIGTTOU] = SIG_DEFAULT_STOP,
	[SIGURG] = SIG_DEFAULT_IGN,	[SIGXCPU] = SIG_DEFAULT_CORE,
	[SIGXFSZ] = SIG_DEFAULT_CORE,	[SIGVTALRM] = SIG_DEFAULT_TERM,
	[SIGPROF] = SIG_DEFAULT_TERM,	[SIGWINCH] = SIG_DEFAULT_IGN,
	[SIGIO] = SIG_DEFAULT_TERM,	[SIGPWR] = SIG_DEFAULT_TERM,
	[SIGSYS] = SIG_DEFAULT_CORE,
};

/* The signals a faulting instruction raises: delivered before any other. */
#define SIG_SYNCHRONOUS_MASK (sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | \
			      sigmask(SIGTRAP) | sigmask(SIGFPE) | sigmask(SIGSYS))

/**
 * signal_default_action() - what SIG_DFL means for @sig.
 * @sig: 1..NSIG.
 *
 * Context: any; pure. Return: the action; SIG_DEFAULT_TERM for real-time signals.
 */
enum sig_default signal_default_action(int sig)
{
	if (sig >= SIGRTMIN)
		return SIG_DEFAULT_TERM;
	return (enum sig_default)default_actions[sig];
}

/* lowest() - the lowest signal number in a non-empty @set. */
static int lowest(sigset_t set)
{
	return __builtin_ctzll(set) + 1;
}

/**
 * signal_next() - which of the @pending signals not in @blocked is delivered first.
 * @pending: a pending set. @blocked: the mask.
 *
 * Context: any; pure. Return: the signal number, or 0 if none is deliverable.
 */
int signal_next(sigset_t pending, sigset_t blocked)
{
	sigset_t ready = pending & ~blocked;

	if (!ready)
		return 0;
	if (ready & SIG_SYNCHRONOUS_MASK)
		return lowest(ready & SIG_SYNCHRONOUS_MASK);
	return lowest(ready);
}

/**
 * signal_kill_target() - classify kill()'s @pid argument.
 * @pid: as passed to kill(). @self_pgid: the caller's process group.
 * @nr: set to the process or group number addressed (KILL_PROCESS, KILL_PGRP).
 *
 * Context: any; pure. Return: the kind of target; KILL_NONE for a pid that can name nothing
 * (INT_MIN, whose group number would overflow: ESRCH, as Linux).
 */
enum kill_target signal_kill_target(int32_t pid, int32_t self_pgid, int32_t *nr)
{
	if (pid > 0) {
		*nr = pid;
		return KILL_PROCESS;
	}
	if (pid == 0) {
		*nr = self_pgid;
		return KILL_PGRP;
	}
	if (pid == -1)
		return KILL_ALL;
	if (pid == INT32_MIN)
		return KILL_NONE;
	*nr = -pid;
	return KILL_PGRP;
}

/**
 * signal_valid() - is @sig a signal number kill() accepts (0 is the existence check)?
 * Context: any; pure. Return: true for 0..NSIG.
 */
bool signal_valid(int sig)
{
	return sig >= 0 && sig <= NSIG;
}
