/* wait_test.c - wait4 and waitid: every status word, the options, the selectors, waitid's
 * siginfo, __WCLONE children, and a thread-group leader that is reported only when its last
 * thread is gone (with that thread's exit code, as Linux 6.x). Linux is the oracle. */
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static pid_t child_exiting(int code, long delay_ms)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (delay_ms)
			sleep_ms(delay_ms);
		_exit(code);
	}
	return pid;
}

static void exit_codes(void)
{
	int codes[] = { 0, 1, 255, 256 + 7 };

	for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		int status = -1;
		pid_t pid = child_exiting(codes[i], 0);

		EXPECT_EQ(waitpid(pid, &status, 0), pid);
		EXPECT_EQ(status, (codes[i] & 0xff) << 8);
		EXPECT_TRUE(WIFEXITED(status));
	}
}

static void killed_by_signal(void)
{
	int sigs[] = { SIGKILL, SIGTERM };

	for (unsigned i = 0; i < 2; i++) {
		int status = -1;
		pid_t pid = child_exiting(0, 5000);

		sleep_ms(50);
		EXPECT_OK(kill(pid, sigs[i]));
		EXPECT_EQ(waitpid(pid, &status, 0), pid);
		EXPECT_EQ(status, sigs[i]);
	}
}

static void wnohang_nothing_ready(void)
{
	int status = 0;
	pid_t pid = child_exiting(0, 200);

	EXPECT_EQ(waitpid(pid, &status, WNOHANG), 0);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
}

static void echild_without_children(void)
{
	EXPECT_ERRNO(waitpid(-1, NULL, 0), ECHILD);
	EXPECT_ERRNO(waitpid(-1, NULL, WNOHANG), ECHILD);
	EXPECT_ERRNO(waitpid(12345678, NULL, 0), ECHILD);
}

static void invalid_options(void)
{
	siginfo_t si;

	EXPECT_ERRNO(syscall(SYS_wait4, -1, NULL, 0x100, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_wait4, -1, NULL, WNOWAIT, NULL), EINVAL);
	EXPECT_ERRNO(waitid(P_ALL, 0, &si, WNOHANG), EINVAL);
	EXPECT_ERRNO(waitid(P_ALL, 0, &si, WEXITED | 0x100), EINVAL);
	EXPECT_ERRNO(syscall(SYS_wait4, INT_MIN, NULL, 0, NULL), ESRCH);
}

static void wait_by_pid_and_any(void)
{
	pid_t a = child_exiting(1, 0), b = child_exiting(2, 0);
	int status = -1;

	EXPECT_EQ(waitpid(b, &status, 0), b);
	EXPECT_EQ(status, 2 << 8);
	EXPECT_EQ(waitpid(-1, &status, 0), a);
	EXPECT_EQ(status, 1 << 8);
}

static void wait_by_pgid(void)
{
	pid_t a = child_exiting(3, 0);
	int status = -1;

	EXPECT_EQ(waitpid(0, &status, 0), a);	/* same group as us */
	a = child_exiting(4, 0);
	EXPECT_EQ(waitpid(-getpgrp(), &status, 0), a);
	EXPECT_EQ(status, 4 << 8);
	a = child_exiting(5, 0);
	EXPECT_EQ(waitid(P_PGID, 0, &(siginfo_t){ 0 }, WEXITED), 0);
	EXPECT_ERRNO(waitpid(a, NULL, WNOHANG), ECHILD);
}

static void wnowait_then_wait(void)
{
	siginfo_t si;
	pid_t pid = child_exiting(9, 0);
	int status = -1;

	memset(&si, 0, sizeof(si));
	EXPECT_EQ(waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0);
	EXPECT_EQ(si.si_pid, pid);
	memset(&si, 0, sizeof(si));
	EXPECT_EQ(waitid(P_PID, pid, &si, WEXITED | WNOWAIT), 0);
	EXPECT_EQ(si.si_status, 9);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_EQ(status, 9 << 8);
}

static void waitid_siginfo(void)
{
	siginfo_t si;
	pid_t pid = child_exiting(3, 0);

	memset(&si, 0xff, sizeof(si));
	EXPECT_EQ(waitid(P_PID, pid, &si, WEXITED), 0);
	EXPECT_EQ(si.si_signo, SIGCHLD);
	EXPECT_EQ(si.si_errno, 0);
	EXPECT_EQ(si.si_code, CLD_EXITED);
	EXPECT_EQ(si.si_pid, pid);
	EXPECT_EQ(si.si_uid, getuid());
	EXPECT_EQ(si.si_status, 3);
	pid = child_exiting(0, 5000);
	sleep_ms(30);
	kill(pid, SIGKILL);
	EXPECT_EQ(waitid(P_PID, pid, &si, WEXITED), 0);
	EXPECT_EQ(si.si_code, CLD_KILLED);
	EXPECT_EQ(si.si_status, SIGKILL);
}

static void waitid_wnohang_leaves_pid_zero(void)
{
	siginfo_t si;
	pid_t pid = child_exiting(0, 200);

	memset(&si, 0xff, sizeof(si));
	EXPECT_EQ(waitid(P_PID, pid, &si, WEXITED | WNOHANG), 0);
	EXPECT_EQ(si.si_pid, 0);
	EXPECT_EQ(waitpid(pid, NULL, 0), pid);
}

static void wclone_children(void)
{
	int status = -1;
	long pid = syscall(SYS_clone, 0 /* exit signal 0 */, 0, 0, 0, 0);

	if (pid == 0)
		syscall(SYS_exit_group, 6);
	if (!EXPECT_TRUE(pid > 0))
		return;
	sleep_ms(50);
	EXPECT_ERRNO(waitpid(pid, &status, WNOHANG), ECHILD);
	EXPECT_EQ(waitpid(pid, &status, __WCLONE), pid);
	EXPECT_EQ(status, 6 << 8);
}

static void *late_thread(void *arg)
{
	(void)arg;
	sleep_ms(300);
	syscall(SYS_exit, 5);
	return NULL;
}

static void leader_reported_after_last_thread(void)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		pthread_t th;

		pthread_create(&th, NULL, late_thread, NULL);
		syscall(SYS_exit, 3);	/* the leader only */
	}
	sleep_ms(100);
	EXPECT_EQ(waitpid(pid, &status, WNOHANG), 0);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_EQ(status, 5 << 8);
}

static void rusage_zeroed(void)
{
	struct rusage ru;
	pid_t pid = child_exiting(0, 0);
	int status;

	memset(&ru, 0xff, sizeof(ru));
	EXPECT_EQ(wait4(pid, &status, 0, &ru), pid);
	EXPECT_TRUE(ru.ru_maxrss >= 0 && ru.ru_nvcsw >= 0);
}

/* autoreap_with() - SIGCHLD set to @handler with @flags: children are reaped as they exit
 * (auto-reap), so wait blocks until none is left, then fails with ECHILD; a child forked
 * after SIGCHLD is back to SIG_DFL is a zombie as usual. */
static void autoreap_with(void (*handler)(int), int flags)
{
	struct sigaction sa = { .sa_handler = handler, .sa_flags = flags }, old;
	pid_t late;
	int status;

	sigaction(SIGCHLD, &sa, &old);
	child_exiting(1, 0);
	child_exiting(2, 50);	/* still running when wait starts */
	EXPECT_ERRNO(waitpid(-1, &status, 0), ECHILD);
	EXPECT_ERRNO(waitpid(-1, &status, WNOHANG), ECHILD);
	sigaction(SIGCHLD, &old, NULL);
	late = child_exiting(3, 0);
	EXPECT_EQ(waitpid(late, &status, 0), late);
	EXPECT_EQ(status, 3 << 8);
}

static void on_sigchld(int sig)
{
	(void)sig;
}

static void sigchld_ignored_autoreaps(void)
{
	autoreap_with(SIG_IGN, 0);
}

static void nocldwait_autoreaps(void)
{
	autoreap_with(on_sigchld, SA_NOCLDWAIT | SA_RESTART);	/* the handler runs: restart */
}

static const struct tap_case cases[] = {
	TAP_CASE(exit_codes),
	TAP_CASE(killed_by_signal),
	TAP_CASE(wnohang_nothing_ready),
	TAP_CASE(echild_without_children),
	TAP_CASE(invalid_options),
	TAP_CASE(wait_by_pid_and_any),
	TAP_CASE(wait_by_pgid),
	TAP_CASE(wnowait_then_wait),
	TAP_CASE(waitid_siginfo),
	TAP_CASE(waitid_wnohang_leaves_pid_zero),
	TAP_CASE(wclone_children),
	TAP_CASE(leader_reported_after_last_thread),
	TAP_CASE(rusage_zeroed),
	TAP_CASE(sigchld_ignored_autoreaps),
	TAP_CASE(nocldwait_autoreaps),
};

int main(int argc, char **argv)
{
	return TAP_MAIN("wait", cases, argc, argv);
}
