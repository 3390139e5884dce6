/* fork_test.c - fork, vfork and clone: return values, copy-on-write isolation, vfork's
 * suspension, clone's EINVAL cases, the process limit, inherited descriptors, getppid,
 * orphans going to a subreaper, exec after fork. Each case forks its own children and reaps
 * them. On Linux the suite makes itself a child subreaper so orphans come back to it there
 * as they come to init (pid 1) under reaper. */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"

static volatile int global = 1;

/* shared_page() - one MAP_SHARED anonymous page: children report through it. */
static volatile int *shared_page(void)
{
	void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static int wait_status(pid_t pid)
{
	int status = -1;

	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void fork_returns_twice(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(7);
	if (!EXPECT_TRUE(pid > 0))
		return;
	EXPECT_EQ(wait_status(pid), 7 << 8);
}

static void cow_child_write_invisible(void)
{
	pid_t pid;

	global = 1;
	pid = fork();
	if (pid == 0) {
		global = 2;
		_exit(global == 2 ? 0 : 1);
	}
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_EQ(global, 1);
}

static void cow_parent_write_invisible(void)
{
	volatile int *sh = shared_page();
	pid_t pid;

	if (!EXPECT_TRUE(sh != NULL))
		return;
	global = 1;
	pid = fork();
	if (pid == 0) {
		sleep_ms(100);
		sh[0] = global;
		_exit(0);
	}
	global = 3;
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_EQ(sh[0], 1);
	munmap((void *)sh, 4096);
}

static void cow_big_heap(void)
{
	size_t n = 64 * 4096;
	char *buf = malloc(n);
	pid_t pid;

	if (!EXPECT_TRUE(buf != NULL))
		return;
	memset(buf, 'a', n);
	pid = fork();
	if (pid == 0) {
		memset(buf, 'b', n);
		for (size_t i = 0; i < n; i++)
			if (buf[i] != 'b')
				_exit(1);
		_exit(0);
	}
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_EQ(buf[0], 'a');
	EXPECT_EQ(buf[n - 1], 'a');
	free(buf);
}

static void shared_anon_is_shared(void)
{
	volatile int *sh = shared_page();
	pid_t pid;

	if (!EXPECT_TRUE(sh != NULL))
		return;
	sh[1] = 5;
	pid = fork();
	if (pid == 0) {
		sh[1] = 6;
		_exit(0);
	}
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_EQ(sh[1], 6);
	munmap((void *)sh, 4096);
}

static void vfork_parent_waits(void)
{
	volatile int marker = 0;
	pid_t pid = vfork();

	if (pid == 0) {
		/* The parent is suspended and shares our memory: it sees this after we exit. */
		marker = 42;
		_exit(3);
	}
	EXPECT_EQ(marker, 42);
	EXPECT_EQ(wait_status(pid), 3 << 8);
}

static void vfork_exec(void)
{
	char *argv[] = { "true", NULL };
	pid_t pid = vfork();

	if (pid == 0) {
		execve("/bin/true", argv, environ);
		_exit(127);
	}
	EXPECT_EQ(wait_status(pid), 0);
}

static void clone_einval(void)
{
	EXPECT_ERRNO(syscall(SYS_clone, CLONE_THREAD | SIGCHLD, 0, 0, 0, 0), EINVAL);
	EXPECT_ERRNO(syscall(SYS_clone, CLONE_SIGHAND | SIGCHLD, 0, 0, 0, 0), EINVAL);
	EXPECT_ERRNO(syscall(SYS_clone, CLONE_THREAD | CLONE_SIGHAND, 0, 0, 0, 0), EINVAL);
	EXPECT_ERRNO(syscall(SYS_clone, CLONE_NEWNS | CLONE_FS | SIGCHLD, 0, 0, 0, 0), EINVAL);
}

static void process_limit_eagain(void)
{
	pid_t kids[300];
	int n = 0, err = 0;
	struct rlimit rl = { 40, 40 };

	SKIP_IF(!tap_on_reaper() && geteuid() == 0, "root ignores RLIMIT_NPROC on Linux");
	if (!EXPECT_OK(setrlimit(RLIMIT_NPROC, &rl)))
		return;
	while (n < 300) {
		pid_t pid = fork();

		if (pid == 0) {
			sleep_ms(300);
			_exit(0);
		}
		if (pid < 0) {
			err = errno;
			break;
		}
		kids[n++] = pid;
	}
	EXPECT_EQ(err, EAGAIN);
	while (n > 0)
		EXPECT_EQ(wait_status(kids[--n]), 0);
	/* The system is fine afterwards: one more fork works. */
	rl.rlim_cur = rl.rlim_max = 1024;
	setrlimit(RLIMIT_NPROC, &rl);
	n = fork();
	if (n == 0)
		_exit(0);
	EXPECT_EQ(wait_status(n), 0);
}

static void fds_shared_offset(void)
{
	int fd = open("/tmp/fork_test_fds", O_RDWR | O_CREAT | O_TRUNC, 0600);
	pid_t pid;

	if (fd < 0)
		fd = open("fork_test_fds", O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (!EXPECT_OK(fd))
		return;
	pid = fork();
	if (pid == 0)
		_exit(write(fd, "hello", 5) == 5 ? 0 : 1);
	EXPECT_EQ(wait_status(pid), 0);
	EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 5);
	close(fd);
}

static void getppid_is_parent(void)
{
	pid_t me = getpid();
	pid_t pid = fork();

	if (pid == 0)
		_exit(getppid() == me ? 0 : 1);
	EXPECT_EQ(wait_status(pid), 0);
}

static void orphan_reparented(void)
{
	volatile int *sh = shared_page();
	pid_t me = getpid(), mid;
	int reaper = tap_on_reaper() ? 1 : me;

	if (!EXPECT_TRUE(sh != NULL))
		return;
	if (!tap_on_reaper())
		prctl(PR_SET_CHILD_SUBREAPER, 1);
	sh[0] = 0;
	mid = fork();
	if (mid == 0) {
		if (fork() == 0) {
			while (getppid() == getpid() - 1 || getppid() != reaper) {
				if (++sh[1] > 500)
					break;
				sleep_ms(10);
			}
			sh[0] = getppid();
			_exit(0);
		}
		_exit(0);
	}
	EXPECT_EQ(wait_status(mid), 0);
	for (int i = 0; i < 300 && sh[0] == 0; i++)
		sleep_ms(20);
	EXPECT_EQ(sh[0], reaper);
	if (!tap_on_reaper())
		while (waitpid(-1, NULL, 0) > 0)
			;
	munmap((void *)sh, 4096);
}

static void exec_after_fork(void)
{
	char *argv[] = { "sh", "-c", "exit 4", NULL };
	pid_t pid = fork();

	if (pid == 0) {
		execve("/bin/sh", argv, environ);
		_exit(127);
	}
	EXPECT_EQ(wait_status(pid), 4 << 8);
}

static void many_forks_in_sequence(void)
{
	for (int i = 0; i < 100; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(i & 0xff);
		if (!EXPECT_EQ(wait_status(pid), (i & 0xff) << 8))
			return;
	}
}

/* ---- regressions found by the fuzzer (docs/fuzz.md) ---- */

/* vfork_parent_killable() - a vfork parent whose child stopped for good slept in a wait
 * that SIGKILL did not end: an unkillable process, a namespace that could never be torn
 * down (fuzz seed 3, the watchdog's "still there 30 s after SIGKILL"). */
static void vfork_parent_killable(void)
{
	pid_t parent;
	int status = 0;

	prctl(PR_SET_CHILD_SUBREAPER, 1);	/* the orphaned child comes back to us */
	parent = fork();
	if (parent == 0) {
		setpgid(0, 0);		/* a group of its own, for the clean-up below */
		if (vfork() == 0) {	/* the child stops itself, and is never continued */
			syscall(SYS_kill, syscall(SYS_getpid), SIGSTOP);
			_exit(0);
		}
		_exit(1);
	}
	tap_case_begin(10);
	tap_track(parent);
	usleep(200000);
	EXPECT_OK(kill(parent, SIGKILL));
	EXPECT_EQ(waitpid(parent, &status, 0), parent);	/* hung here before the fix */
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	tap_untrack(parent);
	kill(-parent, SIGKILL);	/* the stopped child, orphaned to us */
	tap_case_end();		/* reaps it */
	prctl(PR_SET_CHILD_SUBREAPER, 0);
}

/* ns_init_exits_with_tracee_in_exit_stop() - a namespace init tracing its own child, stopped
 * at PTRACE_EVENT_EXIT, exits: the teardown waited for the child to die before letting it
 * go, and the child waited for its tracer: the init never died (fuzz seed 4, the watchdog's
 * "still there 30 s after SIGKILL"). Linux detaches the tracees first. */
static void ns_init_exits_with_tracee_in_exit_stop(void)
{
	pid_t init;
	int status = 0;

	SKIP_IF(geteuid() != 0, "pid namespaces and ptrace need root");
	init = (pid_t)syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (init == 0) {
		pid_t m = fork();

		if (m == 0) {
			usleep(100000);
			_exit(0);	/* stops at PTRACE_EVENT_EXIT */
		}
		if (ptrace(PTRACE_SEIZE, m, 0, PTRACE_O_TRACEEXIT) < 0)
			_exit(2);
		if (waitpid(m, &status, __WALL) != m || status >> 8 != (SIGTRAP | (6 << 8)))
			_exit(3);
		_exit(0);	/* with the tracee stopped */
	}
	tap_case_begin(10);
	tap_track(init);
	EXPECT_EQ(waitpid(init, &status, 0), init);	/* hung here before the fix */
	EXPECT_EQ(status, 0);
	tap_untrack(init);
	tap_case_end();
}

static const struct tap_case cases[] = {
	TAP_CASE(fork_returns_twice),
	TAP_CASE(cow_child_write_invisible),
	TAP_CASE(cow_parent_write_invisible),
	TAP_CASE(cow_big_heap),
	TAP_CASE(shared_anon_is_shared),
	TAP_CASE(vfork_parent_waits),
	TAP_CASE(vfork_exec),
	TAP_CASE(clone_einval),
	TAP_CASE(process_limit_eagain),
	TAP_CASE(fds_shared_offset),
	TAP_CASE(getppid_is_parent),
	TAP_CASE(orphan_reparented),
	TAP_CASE(exec_after_fork),
	TAP_CASE(many_forks_in_sequence),
	TAP_CASE(vfork_parent_killable),
	TAP_CASE(ns_init_exits_with_tracee_in_exit_stop),
};

int main(int argc, char **argv)
{
	return TAP_MAIN("fork", cases, argc, argv);
}
