/* signal_test.c - signals: handlers and what they are told (siginfo, ucontext), masks and
 * pending sets, SA_RESTART against EINTR, SA_NODEFER/SA_RESETHAND, the alternate stack,
 * rt_sigtimedwait, sigsuspend, alarm and setitimer, stop and continue as wait() sees them,
 * fault signals (SIGSEGV, SIGFPE) caught and fatal, what cannot be caught, kill's errors,
 * and the FPU state surviving a handler.
 *
 * Cases run in the suite's own process (as init under reaper), so each puts back every
 * disposition and mask it changed. Cases that need a child fork one and reap it.
 * Every case also passes on the Linux host (tests/run-on-linux.sh). */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "tap.h"

static volatile sig_atomic_t hits;
static volatile int seen_sig, seen_code, seen_pid, seen_uid, seen_value;
static volatile uintptr_t seen_addr, seen_sp, seen_rip;
static volatile int seen_altflags;
static volatile sigset_t seen_mask;
static sigjmp_buf jump;
static int pipe_w = -1;

static void on_info(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	hits++;
	seen_sig = sig;
	seen_code = si->si_code;
	seen_pid = si->si_pid;
	seen_uid = (int)si->si_uid;
	seen_value = si->si_value.sival_int;
	seen_addr = (uintptr_t)si->si_addr;
	seen_rip = uc ? (uintptr_t)uc->uc_mcontext.gregs[REG_RIP] : 0;
	sigprocmask(SIG_BLOCK, NULL, (sigset_t *)&seen_mask);
}

static void on_plain(int sig)
{
	(void)sig;
	hits++;
}

static void on_write_pipe(int sig)
{
	(void)sig;
	hits++;
	if (pipe_w >= 0)
		(void)!write(pipe_w, "x", 1);
}

static void on_fault_jump(int sig, siginfo_t *si, void *ctx)
{
	(void)ctx;
	seen_sig = sig;
	seen_code = si->si_code;
	seen_addr = (uintptr_t)si->si_addr;
	siglongjmp(jump, 1);
}

static void on_altstack(int sig)
{
	stack_t ss;
	int local;

	(void)sig;
	hits++;
	seen_sp = (uintptr_t)&local;
	sigaltstack(NULL, &ss);
	seen_altflags = ss.ss_flags;
}

/* install() - a handler with @flags (SA_SIGINFO added for on_info-style handlers). */
static void install(int sig, void (*h)(int), void (*ha)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	if (ha) {
		sa.sa_sigaction = ha;
		flags |= SA_SIGINFO;
	} else {
		sa.sa_handler = h;
	}
	sa.sa_flags = flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void reset(int sig)
{
	signal(sig, SIG_DFL);
	hits = 0;
}

static void unblock_all(void)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static void handler_gets_siginfo_from_kill(void)
{
	install(SIGUSR1, NULL, on_info, 0);
	hits = 0;
	EXPECT_OK(kill(getpid(), SIGUSR1));
	EXPECT_EQ(hits, 1);		/* delivered before kill() returned */
	EXPECT_EQ(seen_sig, SIGUSR1);
	EXPECT_EQ(seen_code, SI_USER);
	EXPECT_EQ(seen_pid, getpid());
	EXPECT_EQ(seen_uid, getuid());
	EXPECT_NE(seen_rip, 0);		/* uc_mcontext holds the interrupted rip */
	EXPECT_TRUE(sigismember((sigset_t *)&seen_mask, SIGUSR1));	/* blocked inside */
	reset(SIGUSR1);
}

static void tkill_gives_si_tkill(void)
{
	install(SIGUSR2, NULL, on_info, 0);
	hits = 0;
	EXPECT_OK(syscall(SYS_tkill, (long)syscall(SYS_gettid), SIGUSR2));
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(seen_code, SI_TKILL);
	EXPECT_EQ(seen_pid, getpid());
	reset(SIGUSR2);
}

static void sigqueue_carries_value(void)
{
	union sigval v = { .sival_int = 42 };

	install(SIGRTMIN, NULL, on_info, 0);
	hits = 0;
	EXPECT_OK(sigqueue(getpid(), SIGRTMIN, v));
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(seen_code, SI_QUEUE);
	EXPECT_EQ(seen_value, 42);
	EXPECT_EQ(seen_pid, getpid());
	reset(SIGRTMIN);
}

static void blocked_signal_waits_in_pending(void)
{
	sigset_t set, pend;

	install(SIGUSR1, on_plain, NULL, 0);
	hits = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);	/* standard signals coalesce */
	EXPECT_EQ(hits, 0);
	sigpending(&pend);
	EXPECT_TRUE(sigismember(&pend, SIGUSR1));
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	EXPECT_EQ(hits, 1);
	sigpending(&pend);
	EXPECT_TRUE(!sigismember(&pend, SIGUSR1));
	reset(SIGUSR1);
}

static void realtime_signals_queue(void)
{
	sigset_t set;

	install(SIGRTMIN + 1, on_plain, NULL, 0);
	hits = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN + 1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (int i = 0; i < 3; i++)
		kill(getpid(), SIGRTMIN + 1);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	EXPECT_EQ(hits, 3);
	reset(SIGRTMIN + 1);
}

static void nodefer_and_resethand(void)
{
	struct sigaction old;

	install(SIGUSR1, NULL, on_info, SA_NODEFER | SA_RESETHAND);
	hits = 0;
	kill(getpid(), SIGUSR1);
	EXPECT_EQ(hits, 1);
	EXPECT_TRUE(!sigismember((sigset_t *)&seen_mask, SIGUSR1));	/* SA_NODEFER */
	sigaction(SIGUSR1, NULL, &old);
	EXPECT_TRUE(old.sa_handler == SIG_DFL);				/* SA_RESETHAND */
	reset(SIGUSR1);
}

static void ignored_signal_is_discarded(void)
{
	sigset_t set, pend;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGUSR2, SIG_IGN);
	kill(getpid(), SIGUSR2);		/* blocked: kept pending even though ignored */
	sigpending(&pend);
	EXPECT_TRUE(sigismember(&pend, SIGUSR2));
	signal(SIGUSR2, SIG_IGN);		/* setting SIG_IGN again discards it */
	sigpending(&pend);
	EXPECT_TRUE(!sigismember(&pend, SIGUSR2));
	unblock_all();
	reset(SIGUSR2);
}

static void handler_runs_on_altstack(void)
{
	static char stack[16384];
	stack_t ss = { .ss_sp = stack, .ss_size = sizeof(stack) }, small = ss, old;

	small.ss_size = 1024;
	EXPECT_ERRNO(sigaltstack(&small, NULL), ENOMEM);
	EXPECT_OK(sigaltstack(&ss, &old));
	EXPECT_EQ(old.ss_flags, SS_DISABLE);
	install(SIGUSR1, on_altstack, NULL, SA_ONSTACK);
	hits = 0;
	kill(getpid(), SIGUSR1);
	EXPECT_EQ(hits, 1);
	EXPECT_TRUE(seen_sp > (uintptr_t)stack && seen_sp < (uintptr_t)stack + sizeof(stack));
	EXPECT_EQ(seen_altflags, SS_ONSTACK);
	ss.ss_flags = SS_DISABLE;
	EXPECT_OK(sigaltstack(&ss, NULL));
	reset(SIGUSR1);
}

static void sigtimedwait_takes_blocked_signal(void)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = 50 * 1000 * 1000 };
	sigset_t set;
	siginfo_t si;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR2);
	EXPECT_EQ(sigtimedwait(&set, &si, NULL), SIGUSR2);
	EXPECT_EQ(si.si_code, SI_USER);
	EXPECT_EQ(si.si_pid, getpid());
	EXPECT_ERRNO(sigtimedwait(&set, &si, &ts), EAGAIN);
	unblock_all();
}

static void arm_timer_ms(long ms)
{
	struct itimerval it = { .it_value = { .tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000 } };

	setitimer(ITIMER_REAL, &it, NULL);
}

static void sigtimedwait_wakes_on_timer(void)
{
	sigset_t set;
	siginfo_t si;

	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_BLOCK, &set, NULL);
	arm_timer_ms(30);
	EXPECT_EQ(sigwaitinfo(&set, &si), SIGALRM);
	EXPECT_EQ(si.si_code, SI_KERNEL);
	unblock_all();
}

static void sigsuspend_returns_eintr(void)
{
	sigset_t set, none, now;

	install(SIGALRM, on_plain, NULL, 0);
	hits = 0;
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigemptyset(&none);
	sigprocmask(SIG_BLOCK, &set, NULL);
	arm_timer_ms(30);
	EXPECT_ERRNO(sigsuspend(&none), EINTR);
	EXPECT_EQ(hits, 1);
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT_TRUE(sigismember(&now, SIGALRM));	/* the old mask is back */
	unblock_all();
	reset(SIGALRM);
}

static void alarm_interrupts_pause(void)
{
	install(SIGALRM, on_plain, NULL, 0);
	hits = 0;
	EXPECT_EQ(alarm(5), 0);
	EXPECT_EQ(alarm(0), 5);			/* what was left, rounded */
	arm_timer_ms(20);
	EXPECT_ERRNO(pause(), EINTR);
	EXPECT_EQ(hits, 1);
	reset(SIGALRM);
}

static void setitimer_reports_remaining(void)
{
	struct itimerval it = { .it_value = { .tv_sec = 10 } }, cur;

	EXPECT_OK(setitimer(ITIMER_REAL, &it, NULL));
	EXPECT_OK(getitimer(ITIMER_REAL, &cur));
	EXPECT_TRUE(cur.it_value.tv_sec >= 9 && cur.it_value.tv_sec <= 10);
	memset(&it, 0, sizeof(it));
	EXPECT_OK(setitimer(ITIMER_REAL, &it, &cur));
	EXPECT_TRUE(cur.it_value.tv_sec >= 9);
	EXPECT_ERRNO(setitimer(7, &it, NULL), EINVAL);
}

/* read_pipe_with_timer() - a blocking read interrupted by SIGALRM, whose handler writes a
 * byte into the pipe. Return: read()'s result; *err its errno. */
static long read_pipe_with_timer(int flags, int *err)
{
	int fds[2];
	char c;
	long n;

	if (pipe(fds) != 0)
		return -2;
	pipe_w = fds[1];
	install(SIGALRM, on_write_pipe, NULL, flags);
	arm_timer_ms(30);
	errno = 0;
	n = read(fds[0], &c, 1);
	*err = errno;
	pipe_w = -1;
	close(fds[0]);
	close(fds[1]);
	reset(SIGALRM);
	return n;
}

static void sa_restart_restarts_read(void)
{
	int err;

	EXPECT_EQ(read_pipe_with_timer(SA_RESTART, &err), 1);
}

static void no_sa_restart_gives_eintr(void)
{
	int err;

	EXPECT_EQ(read_pipe_with_timer(0, &err), -1);
	EXPECT_EQ(err, EINTR);
}

static void nanosleep_interrupted_reports_rem(void)
{
	struct timespec req = { .tv_sec = 2 }, rem = { 0 };

	install(SIGALRM, on_plain, NULL, SA_RESTART);	/* nanosleep is never restarted */
	hits = 0;
	arm_timer_ms(30);
	EXPECT_ERRNO(nanosleep(&req, &rem), EINTR);
	EXPECT_EQ(hits, 1);
	EXPECT_TRUE(rem.tv_sec >= 1 && rem.tv_sec <= 2);	/* most of the 2 s was left */
	reset(SIGALRM);
}

/* sleep_300ms() - a child's nanosleep, stopped and continued meanwhile: it must still
 * return 0 (restart_syscall), after the full time. */
static void sleep_300ms(void)
{
	struct timespec req = { .tv_nsec = 300 * 1000 * 1000 }, t0, t1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (nanosleep(&req, NULL) != 0)
		_exit(1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	_exit((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 >= 290 ? 0 : 2);
}

static void nanosleep_survives_stop_and_continue(void)
{
	struct timespec pause_50ms = { .tv_nsec = 50 * 1000 * 1000 };
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		sleep_300ms();
	if (!EXPECT_TRUE(pid > 0))
		return;
	nanosleep(&pause_50ms, NULL);
	kill(pid, SIGSTOP);
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	EXPECT_TRUE(WIFSTOPPED(status));
	kill(pid, SIGCONT);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), 0);
}

static void sigsegv_caught_and_jumped_out(void)
{
	install(SIGSEGV, NULL, on_fault_jump, 0);
	if (sigsetjmp(jump, 1) == 0) {
		*(volatile int *)0 = 1;
		tap_fail(__FILE__, __LINE__, "the NULL write did not fault");
	}
	EXPECT_EQ(seen_sig, SIGSEGV);
	EXPECT_EQ(seen_code, SEGV_MAPERR);
	EXPECT_EQ(seen_addr, 0);
	reset(SIGSEGV);
}

static void sigfpe_on_division_by_zero(void)
{
	volatile int zero = 0, x = 1;

	install(SIGFPE, NULL, on_fault_jump, 0);
	if (sigsetjmp(jump, 1) == 0) {
		x = x / zero;
		tap_fail(__FILE__, __LINE__, "the division did not trap");
	}
	EXPECT_EQ(seen_sig, SIGFPE);
	EXPECT_EQ(seen_code, FPE_INTDIV);
	reset(SIGFPE);
}

/* child_status() - fork, run @fn in the child, reap it. Return: the wait status, or -1. */
static int child_status(void (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(99);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void segv_self(void)
{
	struct rlimit no_core = { 0, 0 };

	setrlimit(RLIMIT_CORE, &no_core);	/* so Linux dumps no core either */
	*(volatile int *)0 = 1;
}

static void term_self(void)
{
	kill(getpid(), SIGTERM);
}

static void child_killed_by_sigsegv(void)
{
	int status = child_status(segv_self);

	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGSEGV);
	EXPECT_TRUE(!WCOREDUMP(status));	/* no core file was written: no 0x80 bit */
}

static void child_killed_by_sigterm(void)
{
	int status = child_status(term_self);

	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGTERM);
}

static void loop_pausing(void)
{
	for (;;)
		pause();
}

static void stop_and_continue_seen_by_wait(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0)
		loop_pausing();
	if (!EXPECT_TRUE(pid > 0))
		return;
	EXPECT_OK(kill(pid, SIGSTOP));
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	EXPECT_TRUE(WIFSTOPPED(status));
	EXPECT_EQ(WSTOPSIG(status), SIGSTOP);
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED | WNOHANG), 0);	/* reported once */
	EXPECT_OK(kill(pid, SIGCONT));
	EXPECT_EQ(waitpid(pid, &status, WCONTINUED), pid);
	EXPECT_TRUE(WIFCONTINUED(status));
	EXPECT_OK(kill(pid, SIGKILL));
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGKILL);
}

static void exit_three(void)
{
	_exit(3);
}

static void sigchld_tells_child_status(void)
{
	int status;
	pid_t pid;

	install(SIGCHLD, NULL, on_info, 0);
	hits = 0;
	pid = fork();
	if (pid == 0)
		exit_three();
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(seen_sig, SIGCHLD);
	EXPECT_EQ(seen_code, CLD_EXITED);
	EXPECT_EQ(seen_pid, pid);
	reset(SIGCHLD);
}

static void sigkill_and_sigstop_cannot_be_caught(void)
{
	struct sigaction sa;
	sigset_t set, now;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_plain;
	EXPECT_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);
	EXPECT_ERRNO(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	sa.sa_handler = SIG_IGN;
	EXPECT_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);
	sigemptyset(&set);
	sigaddset(&set, SIGKILL);
	sigaddset(&set, SIGSTOP);
	EXPECT_OK(sigprocmask(SIG_BLOCK, &set, NULL));	/* silently not blocked */
	sigprocmask(SIG_BLOCK, NULL, &now);
	EXPECT_TRUE(!sigismember(&now, SIGKILL) && !sigismember(&now, SIGSTOP));
}

static void kill_errors(void)
{
	uint64_t mask = 0;

	EXPECT_ERRNO(kill(getpid(), 65), EINVAL);
	EXPECT_ERRNO(kill(getpid(), -1), EINVAL);
	EXPECT_ERRNO(kill(4000000, 0), ESRCH);
	EXPECT_ERRNO(kill(INT_MIN, 0), ESRCH);
	EXPECT_OK(kill(getpid(), 0));
	EXPECT_ERRNO(syscall(SYS_tgkill, getpid() + 1000000, (long)syscall(SYS_gettid), 0), ESRCH);
	EXPECT_ERRNO(syscall(SYS_tkill, 0, SIGUSR1), EINVAL);
	EXPECT_ERRNO(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &mask, NULL, 4), EINVAL);
	EXPECT_ERRNO(syscall(SYS_rt_sigaction, 0, NULL, NULL, 8), EINVAL);
	EXPECT_ERRNO(syscall(SYS_rt_sigaction, 65, NULL, NULL, 8), EINVAL);
}

static void on_clobber_fpu(int sig)
{
	volatile double d = 3.0;

	(void)sig;
	hits++;
	d = d * 7.5 + 1.0;
	__asm__ __volatile__("movq %0, %%xmm7" : : "r"((uint64_t)0xdeadbeefcafef00dULL) : "xmm7");
	(void)d;
}

static void fpu_state_survives_handler(void)
{
	uint64_t in = 0x3ff8000000000000ULL, out = 0;	/* 1.5 */
	long ret;

	install(SIGUSR1, on_clobber_fpu, NULL, 0);
	hits = 0;
	/* xmm7 holds a value across a raw kill() syscall whose return runs the handler. */
	__asm__ __volatile__("movq %[in], %%xmm7\n\t"
			     "syscall\n\t"
			     "movq %%xmm7, %[out]"
			     : [out] "=r"(out), "=a"(ret)
			     : [in] "r"(in), "a"((long)SYS_kill), "D"((long)getpid()),
			       "S"((long)SIGUSR1)
			     : "rcx", "r11", "xmm7", "memory");
	EXPECT_EQ(ret, 0);
	EXPECT_EQ(hits, 1);
	EXPECT_EQ(out, in);
	reset(SIGUSR1);
}

#define RFLAGS_NT 0x4000UL	/* "nested task", settable from user mode with popf */

/* nt_child() - with NT set, system calls, each followed by a signal delivery (the kernel's
 * iretq way back: with NT still set in the kernel, iretq faults). Exit 0 if all ten went. */
static void nt_child(void)
{
	install(SIGUSR1, on_plain, NULL, 0);
	hits = 0;
	__asm__ __volatile__("pushfq\n\torq %0, (%%rsp)\n\tpopfq" : : "r"(RFLAGS_NT) : "memory", "cc");
	for (int i = 0; i < 10; i++) {
		syscall(SYS_getppid);
		syscall(SYS_kill, getpid(), SIGUSR1);
	}
	__asm__ __volatile__("pushfq\n\tandq %0, (%%rsp)\n\tpopfq" : : "r"(~RFLAGS_NT) : "memory", "cc");
	_exit(hits == 10 ? 0 : 1);
}

/* A program may set the NT flag; the kernel must clear it for itself on entry (syscall's
 * FMASK), as Linux does: iretq with NT set raises #GP, and the process died of SIGSEGV. */
static void nt_flag_from_user_does_not_break_returns(void)
{
	pid_t child = tap_fork_child(nt_child);

	EXPECT_EQ(tap_wait_status(child, 0), tap_exit_status(0));
}

static const struct tap_case cases[] = {
	TAP_CASE(handler_gets_siginfo_from_kill),
	TAP_CASE(tkill_gives_si_tkill),
	TAP_CASE(sigqueue_carries_value),
	TAP_CASE(blocked_signal_waits_in_pending),
	TAP_CASE(realtime_signals_queue),
	TAP_CASE(nodefer_and_resethand),
	TAP_CASE(ignored_signal_is_discarded),
	TAP_CASE(handler_runs_on_altstack),
	TAP_CASE(sigtimedwait_takes_blocked_signal),
	TAP_CASE(sigtimedwait_wakes_on_timer),
	TAP_CASE(sigsuspend_returns_eintr),
	TAP_CASE(alarm_interrupts_pause),
	TAP_CASE(setitimer_reports_remaining),
	TAP_CASE(sa_restart_restarts_read),
	TAP_CASE(no_sa_restart_gives_eintr),
	TAP_CASE(nanosleep_interrupted_reports_rem),
	TAP_CASE(nanosleep_survives_stop_and_continue),
	TAP_CASE(sigsegv_caught_and_jumped_out),
	TAP_CASE(sigfpe_on_division_by_zero),
	TAP_CASE(child_killed_by_sigsegv),
	TAP_CASE(child_killed_by_sigterm),
	TAP_CASE(stop_and_continue_seen_by_wait),
	TAP_CASE(sigchld_tells_child_status),
	TAP_CASE(sigkill_and_sigstop_cannot_be_caught),
	TAP_CASE(kill_errors),
	TAP_CASE(fpu_state_survives_handler),
	TAP_CASE(nt_flag_from_user_does_not_break_returns),
};

int main(int argc, char **argv)
{
	return TAP_MAIN("signal", cases, argc, argv);
}
