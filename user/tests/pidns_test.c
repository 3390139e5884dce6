/* pidns_test.c - pid namespaces seen from user space: numbering, signals across the boundary,
 * and the clone/unshare rules. Their teardown is pidns_teardown_test.c.
 *
 * The behaviours are those of the reference (/work/shared/reference/linux-pidns-semantics.md
 * §2, numbered there): the child of clone(CLONE_NEWPID) is pid 1 with parent 0 (1-5), 32
 * levels of nesting and ENOSPC at the 33rd (10), kill() across the boundary (11-13), si_pid
 * translated from the sender's namespace into the receiver's (14, 19), the signal protection
 * of a namespace init (15-18), orphans (33), unshare/clone/vfork rules (35-39) and reboot()
 * inside a namespace (32). Linux is the oracle: every case passes on the Linux host
 * (tests/run-on-linux.sh) and asserts exact numbers, status words and errno values.
 *
 * Safety first: on the Linux host this runs as root, so kill(1, ...), kill(-1, ...),
 * kill(0, ...) and reboot() would hit the real machine. They are only made through ns_kill()
 * and ns_reboot(), which refuse unless become_ns_init() proved, in a process fresh out of
 * clone(CLONE_NEWPID) or fork-after-unshare, that it is pid 1 of a new namespace (a forked
 * child can never be pid 1 of its parent's namespace, whose pid 1 exists) with parent 0 and,
 * on Linux, a /proc/self/ns/pid different from the suite's own. The mark is inherited by the
 * members that init forks. On reaper the suite may itself be pid 1 of the root namespace, so
 * "getpid() == 1" alone proves nothing in the suite's own process.
 *
 * The case frame is tap.h's, as in ptrace_test.c: begin_case() arms an alarm (blocking calls
 * return EINTR after CASE_TIMEOUT), end_case() SIGKILLs what the case made and reaps
 * everything (the suite is a child subreaper, so orphans come back to it). Only the suite's
 * own children are tracked and killed by number: their numbers stay valid until we reap
 * them. Children report through a pipe (send_long/recv_long); the expectations are checked
 * in the suite's process.
 * A child of a raw clone(CLONE_NEWPID) keeps musl's cached thread id of its parent, so it uses
 * kill(getpid(), ...) and never raise().
 * setns() through /proc/<pid>/ns/pid (40): the suite mounts a proc at /proc if none is there
 * (reaper, as init). Left out (in the proc suites, or not in reaper: /proc/<pid>, mqueue,
 * F_SETOWN): behaviours 6-9, 20, 21, 41, 42, 49.
 * See also: pidns_teardown_test.c, ptrace_test.c, kernel/pid_namespace.c, Linux
 * kernel/pid_namespace.c and tools/testing/selftests/pid_namespace. */
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"

#define CASE_TIMEOUT	10 /* seconds before a case's blocking calls start failing */
#define MAX_PIDNS_LEVEL 32 /* Linux's MAX_PID_NS_LEVEL: levels below the initial one */
#define EXIT_NOT_INIT	99 /* become_ns_init() found we are not a namespace init */
#define EXIT_UNSAFE	98 /* ns_kill()/ns_reboot() refused outside a child namespace */
#define STACK_SIZE	(64 * 1024)

/* reboot(2) commands and magic numbers (Linux's <linux/reboot.h>; musl ships none). */
#define REBOOT_MAGIC1 0xfee1deadU
#define REBOOT_MAGIC2 672274793U
#define CMD_RESTART   0x01234567U
#define CMD_HALT      0xCDEF0123U
#define CMD_POWER_OFF 0x4321FEDCU
#define CMD_CAD_ON    0x89ABCDEFU

static char outer_ns_link[64]; /* Linux: readlink of /proc/self/ns/pid at start */
static bool in_child_ns;       /* set by become_ns_init(), inherited by fork */

/* Shared with the children a case forks (fork copies them): */
static int reports[2] = { -1, -1 }; /* children -> case: longs (send_long, recv_long) */
static int go_pipe[2] = { -1, -1 }; /* case -> a child: one byte, "go on" */
static long arg_a, arg_b;	    /* parameters of a child's body */

/* --- Case frame: tap_case_begin/end (tap.h) and the case's pipes ----------------------- */

/* begin_case() - arm the timeout (no SA_RESTART: a hung wait returns EINTR), open pipes. */
static void begin_case(void)
{
	tap_case_begin(CASE_TIMEOUT);
	if (pipe(reports) != 0 || pipe(go_pipe) != 0)
		tap_fail(__FILE__, __LINE__, "pipe: %s", tap_errno_name(errno));
}

/* end_case() - SIGKILL our children (a namespace init takes its members with it), reap
 * everything (orphans come to us, the subreaper), fail the case if it timed out. */
static void end_case(void)
{
	tap_case_end();
	tap_close_pipe(reports);
	tap_close_pipe(go_pipe);
}

/* --- Safety: who may signal 1, 0, -1 or call reboot ------------------------------------- */

/* ns_link_differs() - on Linux, is our /proc/self/ns/pid another namespace than the suite's?
 * Anywhere else (reaper, where /proc may not be mounted) there is nothing to compare. */
static bool ns_link_differs(void)
{
	char link[64] = "";
	struct utsname u;

	if (uname(&u) != 0 || strcmp(u.sysname, "Linux") != 0)
		return true;
	if (!outer_ns_link[0] || readlink("/proc/self/ns/pid", link, sizeof(link) - 1) <= 0)
		return false;
	return strcmp(link, outer_ns_link) != 0;
}

/* become_ns_init() - in a child fresh out of clone(CLONE_NEWPID) or fork-after-unshare:
 * prove it is pid 1 of a new namespace, else exit at once. Marks the process (and the
 * members it will fork) as allowed to use ns_kill() and ns_reboot(). */
static void become_ns_init(void)
{
	if (getpid() != 1 || getppid() != 0 || !ns_link_differs())
		_exit(EXIT_NOT_INIT);
	in_child_ns = true;
}

/* ns_kill() - kill() for the numbers that are dangerous outside a child namespace (1, 0,
 * -1): refused (the process exits) unless become_ns_init() marked this process. */
static int ns_kill(pid_t nr, int sig)
{
	if (!in_child_ns)
		_exit(EXIT_UNSAFE);
	return kill(nr, sig);
}

/* ns_reboot() - reboot(@cmd), only in a marked process still in its child namespace. */
static long ns_reboot(unsigned int cmd)
{
	if (!in_child_ns || !ns_link_differs())
		_exit(EXIT_UNSAFE);
	return syscall(SYS_reboot, REBOOT_MAGIC1, REBOOT_MAGIC2, cmd, 0);
}

/* --- Small tools ----------------------------------------------------------------------- */

/* send_long() - in a child: report @v to the case; recv_long() - the next value reported,
 * LONG_MIN if the case timed out first. */
static void send_long(long v)
{
	tap_write_long(reports[1], v);
}

static long recv_long(void)
{
	return tap_read_long(reports[0]);
}

static void wait_for_go(void)
{
	tap_wait_go(go_pipe);
}

static void go(void)
{
	tap_go(go_pipe, 'g');
}

/* wait_status() - wait for our child @pid (WUNTRACED: a wrong stop shows). Return: its
 * status word, or -1 (a note says why). */
static int wait_status(pid_t pid)
{
	return tap_wait_status(pid, WUNTRACED | __WALL);
}

/* spawn_ns_init() - clone(CLONE_NEWPID): a child that is pid 1 of a new namespace runs
 * @body, then exits 0. Return: its number in our namespace (tracked), or -1. */
static pid_t spawn_ns_init(void (*body)(void))
{
	long nr;

	fflush(stdout);
	nr = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (nr == 0) {
		become_ns_init();
		body();
		_exit(0);
	}
	if (!EXPECT_TRUE(nr > 0))
		tap_note("clone(CLONE_NEWPID): %s", tap_errno_name(errno));
	return tap_track(nr);
}

/* fork_member() - in a namespace init: fork a member that runs @body, then exits 0. */
static pid_t fork_member(void (*body)(void))
{
	pid_t nr = fork();

	if (nr == 0) {
		body();
		_exit(0);
	}
	return nr;
}

static void body_pause(void)
{
	for (;;)
		pause();
}

static void body_nothing(void)
{
}

/* --- 2.1 Identity and numbering -------------------------------------------------------- */

static void body_report_ids(void)
{
	send_long(getpid());
	send_long(getppid());
	_exit(42);
}

static void clone_child_is_pid_1(void)
{
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_report_ids);
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(wait_status(init), tap_exit_status(42));
	end_case();
}

static void clone_child_ppid_0(void)
{
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_report_ids);
	recv_long();
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(wait_status(init), tap_exit_status(42));
	end_case();
}

/* The creator sees the outer number: a live process it can signal and reap by that number. */
static void body_wait_go_exit_42(void)
{
	wait_for_go();
	_exit(42);
}

static void creator_gets_outer_nr(void)
{
	siginfo_t si;
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_wait_go_exit_42);
	EXPECT_TRUE(init > 1 && init != getpid());
	EXPECT_EQ(kill(init, 0), 0);
	go();
	memset(&si, 0, sizeof(si));
	EXPECT_EQ(waitid(P_PID, init, &si, WEXITED | WNOWAIT), 0);
	EXPECT_EQ(si.si_pid, init);
	EXPECT_EQ(wait_status(init), tap_exit_status(42));
	end_case();
}

static void body_fork_twice(void)
{
	for (int i = 0; i < 2; i++) {
		pid_t child = fork_member(body_report_ids);
		long status = tap_reap_status(child); /* its reports come first */

		send_long(child);
		send_long(status);
	}
}

static void first_fork_is_2(void)
{
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_fork_twice);
	for (int i = 0; i < 2; i++) {
		EXPECT_EQ(recv_long(), 2 + i); /* the child's getpid() */
		EXPECT_EQ(recv_long(), 1);     /* its getppid(): init */
		EXPECT_EQ(recv_long(), 2 + i); /* fork()'s return in init */
		EXPECT_EQ(recv_long(), tap_exit_status(42));
	}
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	end_case();
}

/* Numbers are handed out cyclically: a number freed by a reap is not given again at once. */
static void body_fork_reap_fork(void)
{
	for (int i = 0; i < 3; i++) {
		pid_t child = fork_member(body_nothing);

		send_long(child);
		tap_reap_status(child);
	}
}

static void numbers_cyclic(void)
{
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_fork_reap_fork);
	EXPECT_EQ(recv_long(), 2);
	EXPECT_EQ(recv_long(), 3);
	EXPECT_EQ(recv_long(), 4);
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	end_case();
}

static void body_sid_pgid(void)
{
	send_long(tap_result(getsid(0)));
	send_long(tap_result(getpgid(0)));
	send_long(tap_result(setsid()));
	send_long(tap_result(getsid(0)));
	send_long(tap_result(getpgid(0)));
}

static void fresh_init_sid_pgid_0(void)
{
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_sid_pgid);
	EXPECT_EQ(recv_long(), 0); /* session and group are led from outside: invisible */
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(recv_long(), 1); /* setsid() */
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	end_case();
}

/* --- 2.1 #10 Nesting depth -------------------------------------------------------------- */

static int level; /* of the running chain process; the suite is at level 0 */

/* body_clone_chain() - at each level clone(CLONE_NEWPID) the next one; at level 32 report
 * the depth, getpid() and what a 33rd clone(CLONE_NEWPID) gives. */
static void body_clone_chain(void)
{
	long child;

	level++;
	if (level == MAX_PIDNS_LEVEL) {
		send_long(level);
		send_long(getpid());
		child = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
		if (child == 0)
			_exit(0);
		send_long(tap_result(child));
		if (child > 0)
			tap_reap_status(child);
		return;
	}
	child = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (child == 0) {
		become_ns_init();
		body_clone_chain();
		_exit(0);
	}
	if (child < 0)
		send_long(-1000 - level); /* the chain broke at this level */
	_exit(child < 0 ? 1 : WEXITSTATUS(tap_reap_status(child)));
}

static void depth_33_clone_enospc(void)
{
	pid_t init;

	begin_case();
	level = 0;
	init = spawn_ns_init(body_clone_chain);
	EXPECT_EQ(recv_long(), MAX_PIDNS_LEVEL);
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(recv_long(), -ENOSPC);
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	end_case();
}

/* body_unshare_chain() - the same with unshare(CLONE_NEWPID) + fork() at every level. */
static void body_unshare_chain(void)
{
	pid_t child;

	if (level == MAX_PIDNS_LEVEL) {
		send_long(level);
		send_long(getpid());
		send_long(tap_result(unshare(CLONE_NEWPID)));
		return;
	}
	if (unshare(CLONE_NEWPID) != 0) {
		send_long(-1000 - level);
		_exit(1);
	}
	child = fork();
	if (child == 0) {
		become_ns_init();
		level++;
		body_unshare_chain();
		_exit(0);
	}
	_exit(child < 0 ? 1 : WEXITSTATUS(tap_reap_status(child)));
}

static void depth_33_unshare_enospc(void)
{
	pid_t helper;

	begin_case();
	level = 0;
	helper = tap_fork_child(body_unshare_chain);
	EXPECT_EQ(recv_long(), MAX_PIDNS_LEVEL);
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(recv_long(), -ENOSPC);
	EXPECT_EQ(wait_status(helper), tap_exit_status(0));
	end_case();
}

/* --- 2.2 Signals across the boundary --------------------------------------------------- */

/* Inside, the number of an outside process names nothing (arg_a: an outside sleeper). */
static void body_kill_outer(void)
{
	send_long(tap_result(kill(arg_a, 0)));
	send_long(tap_result(kill(arg_a, SIGKILL)));
	send_long(tap_result(ns_kill(1, 0))); /* ourselves, for contrast */
}

static void kill_outside_nr_esrch(void)
{
	pid_t sleeper, init;

	begin_case();
	sleeper = tap_fork_child(body_pause);
	arg_a = sleeper; /* > 1, and init has no child: no number but 1 exists inside */
	init = spawn_ns_init(body_kill_outer);
	EXPECT_EQ(recv_long(), -ESRCH);
	EXPECT_EQ(recv_long(), -ESRCH);
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	EXPECT_EQ(waitpid(sleeper, NULL, WNOHANG), 0); /* untouched */
	end_case();
}

static void body_kill_minus1_alone(void)
{
	send_long(tap_result(ns_kill(-1, SIGUSR1)));
}

static void kill_minus1_alone_esrch(void)
{
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_kill_minus1_alone);
	EXPECT_EQ(recv_long(), -ESRCH); /* init is never a target of kill(-1) */
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	end_case();
}

static void body_kill_minus1_members(void)
{
	pid_t member[3];

	for (int i = 0; i < 3; i++)
		member[i] = fork_member(body_pause);
	send_long(tap_result(ns_kill(-1, SIGUSR1)));
	for (int i = 0; i < 3; i++)
		send_long(tap_reap_status(member[i]));
}

static void kill_minus1_reaches_members(void)
{
	pid_t sleeper, init;

	begin_case();
	sleeper = tap_fork_child(body_pause); /* outside: kill(-1) inside must not reach it */
	init = spawn_ns_init(body_kill_minus1_members);
	EXPECT_EQ(recv_long(), 0);
	for (int i = 0; i < 3; i++)
		EXPECT_EQ(recv_long(), SIGUSR1); /* each member killed by it */
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	EXPECT_EQ(waitpid(sleeper, NULL, WNOHANG), 0);
	end_case();
}

static volatile sig_atomic_t usr_count[2]; /* SIGUSR1, SIGUSR2 handled */

static void count_usr(int sig)
{
	usr_count[sig == SIGUSR2]++;
}

static void body_member_kills_minus1(void)
{
	send_long(tap_result(ns_kill(-1, SIGUSR2)));
}

/* A member's kill(-1) reaches the other members, not init (even with a handler), not
 * itself, not the outside. */
static void body_kill_minus1_from_member(void)
{
	struct sigaction sa = { .sa_handler = count_usr };
	pid_t other, caller;

	other = fork_member(body_pause); /* SIGUSR2 at its default: fatal */
	sigaction(SIGUSR2, &sa, NULL);
	usr_count[1] = 0;
	caller = fork_member(body_member_kills_minus1);
	send_long(tap_reap_status(caller));
	send_long(tap_reap_status(other));
	send_long(usr_count[1]);
}

static void kill_minus1_spares_init(void)
{
	pid_t sleeper, init;

	begin_case();
	sleeper = tap_fork_child(body_pause);
	init = spawn_ns_init(body_kill_minus1_from_member);
	EXPECT_EQ(recv_long(), 0);		/* the caller's kill(-1) */
	EXPECT_EQ(recv_long(), tap_exit_status(0)); /* the caller survived */
	EXPECT_EQ(recv_long(), SIGUSR2);	/* the other member did not */
	EXPECT_EQ(recv_long(), 0);		/* init's handler never ran */
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	EXPECT_EQ(waitpid(sleeper, NULL, WNOHANG), 0);
	end_case();
}

static volatile sig_atomic_t info_got;
static volatile long info_pid, info_code, info_status;

static void record_info(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	info_pid = si->si_pid;
	info_code = si->si_code;
	info_status = si->si_status;
	info_got = 1;
}

/* catch_info() - block @sig and install record_info for it; the old mask goes to @old. */
static void catch_info(int sig, sigset_t *old)
{
	struct sigaction sa = { .sa_sigaction = record_info, .sa_flags = SA_SIGINFO };
	sigset_t block;

	sigemptyset(&block);
	sigaddset(&block, sig);
	sigprocmask(SIG_BLOCK, &block, old);
	sigaction(sig, &sa, NULL);
	info_got = 0;
}

/* await_info() - sleep with @mask until record_info ran (or the alarm went off). */
static void await_info(const sigset_t *mask)
{
	while (!info_got && !tap_case_timed_out())
		sigsuspend(mask);
}

/* SIGUSR1 from the parent namespace shows si_pid 0; from init itself si_pid 1. */
static void body_si_pid(void)
{
	sigset_t old;

	catch_info(SIGUSR1, &old);
	send_long(1); /* ready */
	await_info(&old);
	send_long(info_pid);
	send_long(info_code);
	info_got = 0;
	ns_kill(1, SIGUSR1);
	await_info(&old);
	send_long(info_pid);
}

static void si_pid_0_from_ancestor(void)
{
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_si_pid);
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(kill(init, SIGUSR1), 0);
	EXPECT_EQ(recv_long(), 0); /* we are invisible in init's namespace */
	EXPECT_EQ(recv_long(), SI_USER);
	EXPECT_EQ(recv_long(), 1); /* sent by itself */
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	end_case();
}

/* The other direction: no translation. A receiver outside, in init's process group, gets
 * init's kill(0, SIGUSR1) with si_pid 1 (init's own number). */
static void body_kill_own_group(void)
{
	signal(SIGUSR1, SIG_IGN);
	send_long(tap_result(ns_kill(0, SIGUSR1)));
}

static void body_group_receiver(void)
{
	sigset_t old;
	long status;
	pid_t init;

	if (setpgid(0, 0) != 0 || getpgrp() != getpid())
		_exit(2); /* kill(0) below must only reach this new group */
	catch_info(SIGUSR1, &old);
	init = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (init == 0) {
		become_ns_init();
		body_kill_own_group();
		_exit(0);
	}
	await_info(&old);
	status = tap_reap_status(init); /* init's own report comes first */
	send_long(info_pid);
	send_long(info_code);
	send_long(status);
}

static void si_pid_inner_nr_seen_outside(void)
{
	pid_t receiver;

	begin_case();
	receiver = tap_fork_child(body_group_receiver);
	EXPECT_EQ(recv_long(), 0); /* init's kill(0, SIGUSR1) */
	EXPECT_EQ(recv_long(), 1); /* si_pid: the sender's number in its own namespace */
	EXPECT_EQ(recv_long(), SI_USER);
	EXPECT_EQ(recv_long(), tap_exit_status(0));
	EXPECT_EQ(wait_status(receiver), tap_exit_status(0));
	end_case();
}

static void body_exit_7(void)
{
	_exit(7);
}

/* SIGCHLD and waitid() in the parent carry init's number in the parent's namespace. */
static void sigchld_si_pid_outer_nr(void)
{
	siginfo_t si;
	sigset_t old;
	pid_t init;

	begin_case();
	catch_info(SIGCHLD, &old);
	init = spawn_ns_init(body_exit_7);
	await_info(&old);
	EXPECT_EQ(info_pid, init);
	EXPECT_EQ(info_code, CLD_EXITED);
	EXPECT_EQ(info_status, 7);
	memset(&si, 0, sizeof(si));
	EXPECT_EQ(waitid(P_PID, init, &si, WEXITED), 0);
	EXPECT_EQ(si.si_pid, init);
	tap_untrack(init);
	signal(SIGCHLD, SIG_DFL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	end_case();
}

/* ... and init's SIGCHLD from a member carries the member's inner number. */
static void body_member_sigchld(void)
{
	siginfo_t si;
	sigset_t old;
	pid_t member;

	catch_info(SIGCHLD, &old);
	member = fork_member(body_exit_7);
	await_info(&old);
	send_long(member);
	send_long(info_pid);
	memset(&si, 0, sizeof(si));
	waitid(P_ALL, 0, &si, WEXITED);
	send_long(si.si_pid);
}

static void init_sigchld_si_pid_inner_nr(void)
{
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_member_sigchld);
	EXPECT_EQ(recv_long(), 2);
	EXPECT_EQ(recv_long(), 2);
	EXPECT_EQ(recv_long(), 2);
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	end_case();
}

/* --- 2.2 #15-18 The signal protection of a namespace init ------------------------------ */

static void body_kill_self_fatal(void)
{
	send_long(tap_result(ns_kill(1, SIGKILL)));
	send_long(tap_result(ns_kill(1, SIGTERM)));
	send_long(tap_result(ns_kill(1, SIGSTOP)));
	tap_sleep_ms(20);
	_exit(33); /* still here, and never stopped */
}

static void init_ignores_fatal_from_itself(void)
{
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_kill_self_fatal);
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(wait_status(init), tap_exit_status(33));
	end_case();
}

static void body_member_kills_init(void)
{
	send_long(tap_result(ns_kill(1, SIGKILL)));
	send_long(tap_result(ns_kill(1, SIGTERM)));
	send_long(tap_result(ns_kill(1, SIGSTOP)));
}

static void body_init_with_killer(void)
{
	tap_reap_status(fork_member(body_member_kills_init));
	tap_sleep_ms(20);
	_exit(34);
}

static void init_ignores_fatal_from_member(void)
{
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_init_with_killer);
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(wait_status(init), tap_exit_status(34));
	end_case();
}

static void body_ready_go_exit_35(void)
{
	send_long(1);
	wait_for_go();
	_exit(35);
}

static void outside_sigterm_discarded(void)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGUSR1 };
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_ready_go_exit_35);
	EXPECT_EQ(recv_long(), 1);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		EXPECT_EQ(kill(init, sigs[i]), 0);
	tap_sleep_ms(20);
	go();
	EXPECT_EQ(wait_status(init), tap_exit_status(35));
	end_case();
}

static void outside_sigstop_stops(void)
{
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_ready_go_exit_35);
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(kill(init, SIGSTOP), 0);
	EXPECT_EQ(wait_status(init), tap_stop_status(SIGSTOP));
	EXPECT_EQ(kill(init, SIGCONT), 0);
	go();
	EXPECT_EQ(wait_status(init), tap_exit_status(35));
	end_case();
}

static void outside_sigkill_kills(void)
{
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_ready_go_exit_35);
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(kill(init, SIGKILL), 0);
	EXPECT_EQ(wait_status(init), SIGKILL);
	end_case();
}

static void body_member_sends_usr2(void)
{
	send_long(tap_result(ns_kill(1, SIGUSR2)));
}

/* Handled signals reach init from outside and from inside; blocked ones wait, once each. */
static void body_handles_usr(void)
{
	struct sigaction sa = { .sa_handler = count_usr };
	sigset_t block, old;

	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	sigprocmask(SIG_BLOCK, &block, &old);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	usr_count[0] = usr_count[1] = 0;
	tap_reap_status(fork_member(body_member_sends_usr2));
	send_long(1); /* ready for the outside's SIGUSR1 */
	wait_for_go();
	send_long(usr_count[0] + usr_count[1]); /* nothing yet: blocked */
	sigprocmask(SIG_SETMASK, &old, NULL);
	send_long(usr_count[0]);
	send_long(usr_count[1]);
}

static void handled_signals_delivered(void)
{
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_handles_usr);
	EXPECT_EQ(recv_long(), 0); /* the member's kill(1, SIGUSR2) */
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(kill(init, SIGUSR1), 0);
	EXPECT_EQ(kill(init, SIGUSR1), 0);
	go();
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(recv_long(), 1); /* two SIGUSR1 while blocked: one delivery */
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	end_case();
}

static void body_segfault(void)
{
	struct rlimit no_core = { 0, 0 };

	setrlimit(RLIMIT_CORE, &no_core); /* no core file on the Linux host */
	*(volatile int *)8 = 1;
	_exit(37);
}

static void fault_kills_init(void)
{
	pid_t init;
	int status;

	begin_case();
	init = spawn_ns_init(body_segfault);
	status = wait_status(init);
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(WTERMSIG(status), SIGSEGV);
	end_case();
}

/* --- 2.3 #33 Orphans -------------------------------------------------------------------- */

/* body_orphan() - exit at once, leaving a child that reports its new parent's number. */
static void body_orphan_grandchild(void)
{
	for (int i = 0; i < 400 && getppid() == arg_b; i++)
		tap_sleep_ms(5);
	send_long(getppid());
}

static void body_orphan(void)
{
	arg_b = getpid(); /* the grandchild waits until its parent is no longer us */
	fork_member(body_orphan_grandchild);
}

/* reap_all() - in init or a subreaper: reap children until none is left; report how many. */
static void reap_all(void)
{
	long n = 0;

	while (waitpid(-1, NULL, __WALL) > 0)
		n++;
	send_long(n);
}

static void body_orphans_to_init(void)
{
	fork_member(body_orphan);
	reap_all();
}

static void orphan_reparented_to_init(void)
{
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_orphans_to_init);
	EXPECT_EQ(recv_long(), 1); /* the orphan's getppid() */
	EXPECT_EQ(recv_long(), 2); /* init reaped both */
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	end_case();
}

static void body_subreaper(void)
{
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	send_long(getpid());
	fork_member(body_orphan);
	reap_all();
}

static void body_orphans_to_subreaper(void)
{
	tap_reap_status(fork_member(body_subreaper));
}

static void orphan_goes_to_subreaper(void)
{
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_orphans_to_subreaper);
	EXPECT_EQ(recv_long(), 2); /* the subreaper's number */
	EXPECT_EQ(recv_long(), 2); /* the orphan's getppid() */
	EXPECT_EQ(recv_long(), 2); /* the subreaper reaped both */
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	end_case();
}

/* --- 2.4 unshare, clone and vfork rules ------------------------------------------------- */

static void body_unshare_keeps_pid(void)
{
	pid_t before = getpid(), parent = getppid();

	send_long(tap_result(unshare(CLONE_NEWPID)));
	send_long(getpid() == before);
	send_long(getppid() == parent);
	send_long(getpid());
}

static void unshare_keeps_caller_pid(void)
{
	pid_t helper;

	begin_case();
	helper = tap_fork_child(body_unshare_keeps_pid);
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(recv_long(), helper);
	EXPECT_EQ(wait_status(helper), tap_exit_status(0));
	end_case();
}

static void body_report_ids_exit_0(void)
{
	send_long(getpid());
	send_long(getppid());
}

static void body_unshare_fork(void)
{
	pid_t child;
	long status;

	send_long(tap_result(unshare(CLONE_NEWPID)));
	child = fork_member(body_report_ids_exit_0);
	status = tap_reap_status(child); /* its reports come first */
	send_long(child);
	send_long(status);
}

static void unshare_next_child_is_1(void)
{
	pid_t helper;
	long outer;

	begin_case();
	helper = tap_fork_child(body_unshare_fork);
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(recv_long(), 1); /* the child's getpid() */
	EXPECT_EQ(recv_long(), 0); /* its getppid(): we are outside */
	outer = recv_long();
	EXPECT_TRUE(outer > 1 && outer != helper);
	EXPECT_EQ(recv_long(), tap_exit_status(0));
	EXPECT_EQ(wait_status(helper), tap_exit_status(0));
	end_case();
}

/* After unshare(CLONE_NEWPID) the caller's children go to a namespace it is not in: it may
 * not unshare again, nor make a namespace or a thread (EINVAL), before or after the first
 * fork. */
static void body_unshare_twice(void)
{
	send_long(tap_result(unshare(CLONE_NEWPID)));
	send_long(tap_result(unshare(CLONE_NEWPID))); /* before its init exists */
	tap_reap_status(fork_member(body_nothing));
	send_long(tap_result(unshare(CLONE_NEWPID))); /* after */
}

static void unshare_twice_einval(void)
{
	pid_t helper;

	begin_case();
	helper = tap_fork_child(body_unshare_twice);
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(recv_long(), -EINVAL);
	EXPECT_EQ(recv_long(), -EINVAL);
	EXPECT_EQ(wait_status(helper), tap_exit_status(0));
	end_case();
}

/* raw_clone_result() - raw clone(@flags) (fork-like: no new stack); a child that should
 * not exist exits at once. Return: the result, or -errno. */
static long raw_clone_result(unsigned long flags)
{
	long nr = syscall(SYS_clone, flags, 0, 0, 0, 0);

	if (nr == 0)
		_exit(0);
	if (nr > 0)
		tap_reap_status(nr);
	return tap_result(nr);
}

static void body_unshare_clone_newpid(void)
{
	send_long(tap_result(unshare(CLONE_NEWPID)));
	send_long(raw_clone_result(CLONE_NEWPID | SIGCHLD));
	tap_reap_status(fork_member(body_nothing));
	send_long(raw_clone_result(CLONE_NEWPID | SIGCHLD));
}

static void unshare_then_clone_newpid_einval(void)
{
	pid_t helper;

	begin_case();
	helper = tap_fork_child(body_unshare_clone_newpid);
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(recv_long(), -EINVAL);
	EXPECT_EQ(recv_long(), -EINVAL);
	EXPECT_EQ(wait_status(helper), tap_exit_status(0));
	end_case();
}

static int thread_exit_at_once(void *unused)
{
	(void)unused;
	syscall(SYS_exit, 0);
	return 0;
}

static void *pthread_nothing(void *unused)
{
	return unused;
}

#define THREAD_FLAGS \
	(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM)

static char thread_stack[STACK_SIZE] __attribute__((aligned(16)));

static void body_unshare_thread(void)
{
	pthread_t th;
	int err;

	send_long(tap_result(unshare(CLONE_NEWPID)));
	send_long(tap_result(
		clone(thread_exit_at_once, thread_stack + STACK_SIZE, THREAD_FLAGS, NULL)));
	err = pthread_create(&th, NULL, pthread_nothing, NULL);
	send_long(err);
	if (err == 0)
		pthread_join(th, NULL);
}

static void unshare_then_thread_einval(void)
{
	pid_t helper;

	begin_case();
	helper = tap_fork_child(body_unshare_thread);
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(recv_long(), -EINVAL);
	EXPECT_NE(recv_long(), 0); /* musl's pthread_create maps the EINVAL to EAGAIN */
	EXPECT_EQ(wait_status(helper), tap_exit_status(0));
	end_case();
}

/* vfork is allowed after unshare, and its child is pid 1 of the new namespace. */
static void body_unshare_vfork(void)
{
	pid_t child;

	send_long(tap_result(unshare(CLONE_NEWPID)));
	child = vfork();
	if (child == 0) {
		send_long(getpid()); /* write(2) only: allowed in a vfork child */
		send_long(getppid());
		_exit(3);
	}
	send_long(child > 1);
	send_long(child > 0 ? tap_reap_status(child) : -errno);
}

static void unshare_then_vfork_child_is_1(void)
{
	pid_t helper;

	begin_case();
	helper = tap_fork_child(body_unshare_vfork);
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(recv_long(), tap_exit_status(3));
	EXPECT_EQ(wait_status(helper), tap_exit_status(0));
	end_case();
}

/* Once the unshare-made init has exited, the namespace is dead: fork into it is ENOMEM. */
static void body_fork_after_init_exit(void)
{
	pid_t child;

	send_long(tap_result(unshare(CLONE_NEWPID)));
	send_long(tap_reap_status(fork_member(body_nothing)));
	child = fork();
	if (child == 0)
		_exit(0);
	send_long(tap_result(child));
	if (child > 0)
		tap_reap_status(child);
}

static void fork_after_init_exit_enomem(void)
{
	pid_t helper;

	begin_case();
	helper = tap_fork_child(body_fork_after_init_exit);
	EXPECT_EQ(recv_long(), 0);
	EXPECT_EQ(recv_long(), tap_exit_status(0));
	EXPECT_EQ(recv_long(), -ENOMEM);
	EXPECT_EQ(wait_status(helper), tap_exit_status(0));
	end_case();
}

static void body_clone_parent(void)
{
	send_long(raw_clone_result(CLONE_PARENT | SIGCHLD));
}

static void clone_parent_from_init_einval(void)
{
	pid_t init;

	begin_case();
	init = spawn_ns_init(body_clone_parent);
	EXPECT_EQ(recv_long(), -EINVAL);
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	end_case();
}

/* In a helper, so that a wrongly made thread cannot disturb the suite. */
static void body_clone_newpid_thread(void)
{
	send_long(tap_result(clone(thread_exit_at_once, thread_stack + STACK_SIZE,
			       THREAD_FLAGS | CLONE_NEWPID, NULL)));
}

static void clone_newpid_thread_einval(void)
{
	pid_t helper;

	begin_case();
	helper = tap_fork_child(body_clone_newpid_thread);
	EXPECT_EQ(recv_long(), -EINVAL);
	EXPECT_EQ(wait_status(helper), tap_exit_status(0));
	end_case();
}

/* --- 2.3 #32 reboot() inside a namespace kills its init -------------------------------- */

static void body_reboot(void)
{
	send_long(1); /* about to call it */
	send_long(tap_result(ns_reboot(arg_a)));
	_exit(38); /* only for a command that does not reboot */
}

/* reboot_kills_init() - init calls reboot(@cmd): its parent sees it killed by @sig. */
static void reboot_kills_init(unsigned int cmd, int sig)
{
	pid_t init;

	begin_case();
	arg_a = cmd;
	init = spawn_ns_init(body_reboot);
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(wait_status(init), sig);
	end_case();
}

static void reboot_restart_sighup(void)
{
	reboot_kills_init(CMD_RESTART, SIGHUP);
}

static void reboot_power_off_sigint(void)
{
	reboot_kills_init(CMD_POWER_OFF, SIGINT);
}

/* Any process of the namespace may do it, not only init. */
static void body_member_halts(void)
{
	pid_t member = fork_member(body_reboot);

	tap_reap_status(member);
	for (;;)
		pause(); /* killed by the reboot */
}

static void reboot_halt_from_member_sigint(void)
{
	pid_t init;

	begin_case();
	arg_a = CMD_HALT;
	init = spawn_ns_init(body_member_halts);
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(wait_status(init), SIGINT);
	end_case();
}

static void reboot_cad_on_einval(void)
{
	pid_t init;

	begin_case();
	arg_a = CMD_CAD_ON;
	init = spawn_ns_init(body_reboot);
	EXPECT_EQ(recv_long(), 1);
	EXPECT_EQ(recv_long(), -EINVAL);
	EXPECT_EQ(wait_status(init), tap_exit_status(38));
	end_case();
}

/* --- setns (rule 40) -------------------------------------------------------------------- */

static pid_t setns_target;		/* the init whose namespace the helper joins */

/* open_ns() - /proc/<nr>/ns/pid opened (mounting a proc at /proc first if there is none:
 * reaper's suite runs as init, before anything mounted it). Return: the fd or -errno. */
static int open_ns(pid_t nr)
{
	char path[64];
	int fd;

	if (access("/proc/self/ns/pid", F_OK) != 0)
		mount("proc", "/proc", "proc", 0, NULL);
	snprintf(path, sizeof(path), "/proc/%d/ns/pid", (int)nr);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	return fd >= 0 ? fd : -errno;
}

static void body_setns_join(void)
{
	int fd = open_ns(setns_target);
	pid_t child;

	send_long(fd >= 0 ? tap_result(setns(fd, CLONE_NEWPID)) : fd);
	child = fork();
	if (child == 0) {
		send_long(getpid());
		send_long(getppid());
		_exit(0);
	}
	send_long(tap_reap_status(child));
	/* Our children's namespace is not ours now: no thread may be made (rule 36). */
	send_long(tap_result(
		syscall(SYS_clone, CLONE_VM | CLONE_SIGHAND | CLONE_THREAD, 0, 0, 0, 0)));
	_exit(0);
}

/* setns into a child namespace: our next child is a member there, whose parent is outside. */
static void setns_next_child_in_target(void)
{
	pid_t helper;

	begin_case();
	setns_target = spawn_ns_init(body_wait_go_exit_42);
	helper = tap_fork_child(body_setns_join);
	EXPECT_EQ(recv_long(), 0);	   /* setns */
	EXPECT_EQ(recv_long(), 2);	   /* the child's getpid(): the namespace's second */
	EXPECT_EQ(recv_long(), 0);	   /* its getppid(): we are outside */
	EXPECT_EQ(recv_long(), tap_exit_status(0));
	EXPECT_EQ(recv_long(), -EINVAL);   /* CLONE_THREAD */
	EXPECT_EQ(wait_status(helper), tap_exit_status(0));
	go();
	EXPECT_EQ(wait_status(setns_target), tap_exit_status(42));
	end_case();
}

static int outer_ns_fd = -1;		/* opened by the suite, inherited by the init */

static void body_setns_up(void)
{
	int p[2];

	send_long(tap_result(setns(outer_ns_fd, CLONE_NEWPID)));	/* an ancestor: EINVAL */
	send_long(tap_result(setns(-1, CLONE_NEWPID)));
	if (pipe(p) == 0)
		send_long(tap_result(setns(p[0], 0)));	/* not a namespace file */
	send_long(tap_result(setns(outer_ns_fd, 0x20000000 | 0x00020000)));	/* another type */
}

/* setns only downwards: an ancestor's namespace, a bad fd, a non-namespace file: errors. */
static void setns_errors(void)
{
	pid_t init;

	begin_case();
	outer_ns_fd = open_ns(getpid());
	EXPECT_TRUE(outer_ns_fd >= 0);
	init = spawn_ns_init(body_setns_up);
	EXPECT_EQ(recv_long(), -EINVAL);
	EXPECT_EQ(recv_long(), -EBADF);
	EXPECT_EQ(recv_long(), -EINVAL);
	EXPECT_EQ(recv_long(), -EINVAL);
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	if (outer_ns_fd >= 0)
		close(outer_ns_fd);
	end_case();
}

static const struct tap_case cases[] = {
	TAP_CASE(clone_child_is_pid_1),
	TAP_CASE(clone_child_ppid_0),
	TAP_CASE(creator_gets_outer_nr),
	TAP_CASE(first_fork_is_2),
	TAP_CASE(numbers_cyclic),
	TAP_CASE(fresh_init_sid_pgid_0),
	TAP_CASE(depth_33_clone_enospc),
	TAP_CASE(depth_33_unshare_enospc),
	TAP_CASE(kill_outside_nr_esrch),
	TAP_CASE(kill_minus1_alone_esrch),
	TAP_CASE(kill_minus1_reaches_members),
	TAP_CASE(kill_minus1_spares_init),
	TAP_CASE(si_pid_0_from_ancestor),
	TAP_CASE(si_pid_inner_nr_seen_outside),
	TAP_CASE(sigchld_si_pid_outer_nr),
	TAP_CASE(init_sigchld_si_pid_inner_nr),
	TAP_CASE(init_ignores_fatal_from_itself),
	TAP_CASE(init_ignores_fatal_from_member),
	TAP_CASE(outside_sigterm_discarded),
	TAP_CASE(outside_sigstop_stops),
	TAP_CASE(outside_sigkill_kills),
	TAP_CASE(handled_signals_delivered),
	TAP_CASE(fault_kills_init),
	TAP_CASE(orphan_reparented_to_init),
	TAP_CASE(orphan_goes_to_subreaper),
	TAP_CASE(unshare_keeps_caller_pid),
	TAP_CASE(unshare_next_child_is_1),
	TAP_CASE(unshare_twice_einval),
	TAP_CASE(unshare_then_clone_newpid_einval),
	TAP_CASE(unshare_then_thread_einval),
	TAP_CASE(unshare_then_vfork_child_is_1),
	TAP_CASE(fork_after_init_exit_enomem),
	TAP_CASE(clone_parent_from_init_einval),
	TAP_CASE(clone_newpid_thread_einval),
	TAP_CASE(reboot_restart_sighup),
	TAP_CASE(reboot_power_off_sigint),
	TAP_CASE(reboot_halt_from_member_sigint),
	TAP_CASE(reboot_cad_on_einval),
	TAP_CASE(setns_next_child_in_target),
	TAP_CASE(setns_errors),
};

int main(int argc, char **argv)
{
	if (readlink("/proc/self/ns/pid", outer_ns_link, sizeof(outer_ns_link) - 1) < 0)
		outer_ns_link[0] = '\0';  /* then, on Linux, ns_link_differs() refuses */
	prctl(PR_SET_CHILD_SUBREAPER, 1); /* orphans come to end_case() */
	return TAP_MAIN("pidns", cases, argc, argv);
}
