/* pidns_teardown_test.c - what happens when the init of a pid namespace exits.
 *
 * The invariant (reference §1.2, DESIGN.md §6): when wait() returns the init of a namespace,
 * no task that ever had a number in it exists any more - not a sleeping, stopped, zombie or
 * multi-threaded member, not a member of a nested namespace, not a zombie held by a tracer
 * outside, not a member whose parent is outside. Until then waitpid(init, WNOHANG) is 0.
 * The behaviours are the reference's §2.3, numbers 22-31 and 34.
 *
 * The cases whose names start with escape_ are the ones a zombie ESCAPE breaks: with the
 * teaching toggle pidns.zap=legacy (the teardown before the 2010 patch: kill, then reap own
 * children, but no wait for the pids that are not init's children, DESIGN.md §9) exactly they
 * must fail, and every other case must pass (tests/harness/qemu_run.py --expect-fail-prefix).
 * An escape_ case therefore holds a member that init's own wait cannot see - its parent is
 * outside the namespace - and checks, right after wait() returned init, that the member is
 * gone; the holder lets go ESCAPE_WINDOW_MS after the members died, so that an init reaped
 * too early is seen while the member still exists. A traced child of init alone would not
 * do: init's wait blocks on it even in the legacy teardown.
 *
 * Finding the members' numbers in our namespace without /proc: init calls setsid(), so every
 * member (and every member of a nested namespace) is in the session whose id, seen from
 * here, is init's number. census() asks getsid() for every number allocated between init's
 * and that of a child forked afterwards (numbers are handed out cyclically; a wrap is
 * handled). A member that calls setpgid(0, 0) is told apart by getpgid(nr) == nr: that is
 * the one a tracer attaches to. Members whose parent is outside are numbered by fork().
 * After init is reaped, kill(nr, 0) must fail with ESRCH for every number of the census.
 *
 * The case frame (alarm, tracking, end_case: tap.h's) and the safety rules are pidns_test.c's:
 * only our own children are killed by number; nothing here signals 1, 0 or -1.
 * The stress case runs PIDNS_STRESS_ROUNDS (default 200) random rounds, within a time budget
 * (slow emulation), seeded by PIDNS_STRESS_SEED (default fixed); both are printed.
 * See also: pidns_test.c, ptrace_test.c, kernel/pid_namespace.c (zap_pid_ns_processes),
 * Linux kernel/pid_namespace.c. */
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"

#define CASE_TIMEOUT	 10  /* seconds before a case's blocking calls start failing */
#define MAX_MEMBERS	 64  /* numbers a census may find */
#define MAX_KINDS	 8   /* members a test init forks */
#define MAX_TARGETS	 8   /* tracees of one tracer */
#define ESCAPE_WINDOW_MS 300 /* a holder lets go this long after the members died */
#define SAMPLES		 5   /* waitpid(init, WNOHANG) checks while a member is held */
#define SAMPLE_GAP_MS	 20
#define STRESS_ROUNDS	 200	  /* default of PIDNS_STRESS_ROUNDS */
#define STRESS_SEED	 20100712 /* default of PIDNS_STRESS_SEED (the v1 posting's date) */
#define STRESS_BUDGET_S	 20	  /* no new round after this many seconds */
#define EXIT_NOT_INIT	 99	  /* become_ns_init() found we are not a namespace init */
#define READY		 0x5eadL  /* "set up" on a report pipe */

/* What a member does; each reports "set up" on its parent's ready pipe. */
enum kind {
	SLEEPER,   /* pause() */
	TRACEABLE, /* setpgid(0, 0), then pause(): the census can tell it apart */
	STOPPED,   /* stops itself with SIGSTOP */
	ZOMBIE,	   /* exits; init never reaps it */
	THREADED,  /* three more threads, all pause() */
	SUBTREE,   /* a child of its own, both pause() */
	NESTED,	   /* init of a nested namespace, with one member */
	NKINDS
};
static const int kind_tasks[NKINDS] = { 1, 1, 1, 1, 4, 2, 2 };	 /* tasks (threads) each */
static const int kind_readies[NKINDS] = { 1, 1, 1, 1, 1, 2, 1 }; /* NESTED: its init */

static char outer_ns_link[64]; /* Linux: readlink of /proc/self/ns/pid at start */
static pid_t pid_max = 32768;  /* numbers wrap here (Linux's default, reaper's) */

/* Shared with the children a case forks (fork copies them): */
static int reports[2] = { -1, -1 };	 /* helpers (outside parent, tracer) -> case */
static int init_reports[2] = { -1, -1 }; /* the namespace -> case */
static int go_init[2] = { -1, -1 };	 /* case -> init: "exit now" */
static int go_outer[2] = { -1, -1 };	 /* case -> outside parent */
static int go_tracer[2] = { -1, -1 };	 /* case -> tracer */
static int ready_pipe[2] = { -1, -1 };	 /* members -> the process that made them */

/* The plan of the running case, set before the fork that carries it out: */
static enum kind kinds[MAX_KINDS]; /* members init forks */
static int nkinds;
static int init_exit_code;	      /* what init exits with when told to */
static int outer_members;	      /* members the outside parent forks */
static bool outer_ignores_sigchld;    /* the outside parent lets them be auto-reaped */
static void (*outer_role)(void);      /* what the outside parent does once told to go */
static long outer_delay_ms;	      /* ... e.g. how long it holds its dead members */
static pid_t outer_kids[MAX_TARGETS]; /* in the outside parent: the members it forked */
static pid_t outer_parent;	      /* its number, set by spawn_outside_parent() */
static struct {
	pid_t target[MAX_TARGETS];
	int n;
	bool reap;     /* reap the targets (else exit holding them) */
	bool wait_go;  /* wait for a second go before letting go */
	long delay_ms; /* before letting go of the first */
	long gap_ms;   /* between two reaps */
} tplan;

/* --- Case frame: tap_case_begin/end (tap.h), the case's pipes and plan ------------------ */

static void open_pipes(void)
{
	int *all[] = { reports, init_reports, go_init, go_outer, go_tracer };

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (pipe(all[i]) != 0)
			tap_fail(__FILE__, __LINE__, "pipe: %s", tap_errno_name(errno));
}

static void close_pipes(void)
{
	tap_close_pipe(reports);
	tap_close_pipe(init_reports);
	tap_close_pipe(go_init);
	tap_close_pipe(go_outer);
	tap_close_pipe(go_tracer);
}

/* begin_case() - arm the timeout (no SA_RESTART: a hung wait returns EINTR), open pipes,
 * and forget the previous case's plan. */
static void begin_case(void)
{
	tap_case_begin(CASE_TIMEOUT);
	nkinds = outer_members = 0;
	init_exit_code = 0;
	outer_ignores_sigchld = false;
	outer_role = NULL;
	memset(&tplan, 0, sizeof(tplan));
	open_pipes();
}

/* end_case() - SIGKILL our children (a namespace init takes its members with it), reap
 * everything (orphans come to us, the subreaper), fail the case if it timed out. */
static void end_case(void)
{
	tap_case_end();
	close_pipes();
}

/* --- Small tools ----------------------------------------------------------------------- */

/* send_long() - a helper outside reports; init_send() - the namespace reports. */
static void send_long(long v)
{
	tap_write_long(reports[1], v);
}

static void init_send(long v)
{
	tap_write_long(init_reports[1], v);
}

/* recv_long(), recv_init() - the next value on either; LONG_MIN if the case timed out. */
static long recv_long(void)
{
	return tap_read_long(reports[0]);
}

static long recv_init(void)
{
	return tap_read_long(init_reports[0]);
}

static void wait_for_go(const int p[2])
{
	tap_wait_go(p);
}

static void go(const int p[2])
{
	tap_go(p, 'g');
}

/* wait_status() - wait for our child @pid. Return: its status word, or -1 (see the note). */
static int wait_status(pid_t pid)
{
	return tap_wait_status(pid, __WALL);
}

/* wait_dead() - in a child: block until its child or tracee @pid has died, without reaping
 * it. Return: the killing signal (CLD_KILLED), or -1000 - si_code, or -errno. */
static long wait_dead(pid_t pid)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, pid, &si, WEXITED | WNOWAIT | __WALL) != 0)
		return -errno;
	return si.si_code == CLD_KILLED ? si.si_status : -1000 - si.si_code;
}

/* expect_not_reapable() - @init must stay unreapable for SAMPLES checks SAMPLE_GAP_MS
 * apart, and @held must exist all along. */
static void expect_not_reapable(pid_t init, pid_t held)
{
	for (int i = 0; i < SAMPLES; i++) {
		pid_t got = waitpid(init, NULL, WNOHANG | __WALL);

		if (!EXPECT_EQ(got, 0)) {
			if (got == init)
				tap_untrack(init);
			return;
		}
		EXPECT_EQ(tap_kill(held, 0), 0);
		tap_sleep_ms(SAMPLE_GAP_MS);
	}
}

/* --- Namespaces and their members ------------------------------------------------------ */

/* become_ns_init() - in a child fresh out of clone(CLONE_NEWPID) or fork-after-unshare:
 * exit at once unless it is pid 1 of a new namespace (see pidns_test.c). */
static void become_ns_init(void)
{
	char link[64] = "";
	struct utsname u;

	if (getpid() != 1 || getppid() != 0)
		_exit(EXIT_NOT_INIT);
	if (uname(&u) == 0 && strcmp(u.sysname, "Linux") == 0 &&
	    (readlink("/proc/self/ns/pid", link, sizeof(link) - 1) <= 0 ||
	     strcmp(link, outer_ns_link) == 0))
		_exit(EXIT_NOT_INIT);
}

static void park(void)
{
	for (;;)
		pause();
}

static void *park_thread(void *unused)
{
	(void)unused;
	park();
	return NULL;
}

static void say_ready(void)
{
	if (write(ready_pipe[1], "r", 1) != 1)
		_exit(122);
}

/* new_ready_pipe() - a ready pipe of our own for the members we make. Return: the write end
 * of the one we inherited, to report our own readiness on. */
static int new_ready_pipe(void)
{
	int up = ready_pipe[1];

	if (pipe(ready_pipe) != 0)
		_exit(123);
	return up;
}

/* await_ready() - read @n "set up" bytes from our members, then tell @up (if >= 0). */
static void await_ready(int n, int up)
{
	char c;

	for (int i = 0; i < n; i++)
		if (read(ready_pipe[0], &c, 1) != 1)
			_exit(124);
	if (up >= 0 && write(up, "r", 1) != 1)
		_exit(125);
}

static void member_body(enum kind kind);

static pid_t fork_member(enum kind kind)
{
	pid_t nr = fork();

	if (nr == 0) {
		member_body(kind);
		_exit(0);
	}
	return nr;
}

/* nested_init() - pid 1 of a nested namespace with one sleeping member. */
static void nested_init(void)
{
	int up = new_ready_pipe();

	fork_member(SLEEPER);
	await_ready(1, up);
	park();
}

static void member_body(enum kind kind)
{
	switch (kind) {
	case TRACEABLE:
		setpgid(0, 0);
		break;
	case THREADED:
		for (int i = 0; i < 3; i++) {
			pthread_t th;

			if (pthread_create(&th, NULL, park_thread, NULL) != 0)
				_exit(126);
		}
		break;
	case SUBTREE:
		fork_member(SLEEPER);
		break;
	default:
		break;
	}
	say_ready();
	if (kind == ZOMBIE)
		_exit(0);
	if (kind == STOPPED)
		kill(getpid(), SIGSTOP);
	park();
}

/* spawn_kind() - in init: make one member of @kind. Return: its number in init's
 * namespace. */
static pid_t spawn_kind(enum kind kind)
{
	long nr;

	if (kind != NESTED)
		return fork_member(kind);
	nr = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (nr == 0) {
		become_ns_init();
		nested_init();
	}
	return nr;
}

/* init_body() - a test init: setsid() (for the census), make the planned members, wait
 * until they are set up and the stopped ones stopped, report READY, exit when told. */
static void init_body(void)
{
	pid_t member[MAX_KINDS];
	int need = 0;

	setsid();
	new_ready_pipe();
	for (int i = 0; i < nkinds; i++) {
		member[i] = spawn_kind(kinds[i]);
		need += kind_readies[kinds[i]];
	}
	await_ready(need, -1);
	for (int i = 0; i < nkinds; i++)
		if (kinds[i] == STOPPED)
			waitpid(member[i], NULL, WUNTRACED);
	init_send(READY);
	wait_for_go(go_init);
	_exit(init_exit_code);
}

/* plan() - the members init_body() will make. */
static void plan(int n, const enum kind *k)
{
	nkinds = n;
	memcpy(kinds, k, n * sizeof(*k));
}

static int planned_tasks(void)
{
	int n = 1; /* init */

	for (int i = 0; i < nkinds; i++)
		n += kind_tasks[kinds[i]];
	return n;
}

/* spawn_ns_init() - clone(CLONE_NEWPID) a child that runs init_body(). Return: its number
 * here (tracked), once it has reported READY; -1 if it did not. */
static pid_t spawn_ns_init(void)
{
	long nr;

	fflush(stdout);
	nr = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (nr == 0) {
		become_ns_init();
		init_body();
	}
	if (!EXPECT_TRUE(nr > 0))
		return -1;
	tap_track(nr);
	return EXPECT_EQ(recv_init(), READY) ? nr : -1;
}

/* body_outside_parent() - unshare(CLONE_NEWPID), make the namespace's init a child of the
 * suite (CLONE_PARENT), then fork outer_members more members: their parent is us, outside.
 * Reports init's number and theirs, then READY; then runs outer_role when told to go. */
static void body_outside_parent(void)
{
	long init;

	if (outer_ignores_sigchld)
		signal(SIGCHLD, SIG_IGN);
	if (unshare(CLONE_NEWPID) != 0)
		_exit(127);
	init = syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);
	if (init == 0) {
		become_ns_init();
		init_body();
	}
	send_long(tap_result(init));
	new_ready_pipe();
	for (int i = 0; i < outer_members; i++)
		send_long(outer_kids[i] = fork_member(i % 2 ? THREADED : TRACEABLE));
	await_ready(outer_members, -1);
	send_long(READY);
	wait_for_go(go_outer);
	if (outer_role)
		outer_role();
	wait_for_go(go_outer); /* stay: a member handed back to us must find its parent */
}

/* spawn_outside_parent() - fork body_outside_parent() (tracked) and wait until it and the
 * namespace are set up. Return: init's number (our child, tracked); members' numbers in
 * @member. */
static pid_t spawn_outside_parent(pid_t *member)
{
	pid_t parent, init;

	fflush(stdout);
	parent = fork();
	if (parent == 0) {
		body_outside_parent();
		_exit(0);
	}
	outer_parent = tap_track(parent);
	init = recv_long();
	if (!EXPECT_TRUE(init > 1))
		return -1;
	tap_track(init);
	for (int i = 0; i < outer_members; i++)
		member[i] = recv_long();
	EXPECT_EQ(recv_long(), READY);
	EXPECT_EQ(recv_init(), READY);
	return init;
}

/* Roles of the outside parent once the case says go. */
static void outer_reap_late(void)
{
	for (int i = 0; i < outer_members; i++)
		send_long(wait_dead(outer_kids[i]));
	tap_sleep_ms(outer_delay_ms);
	for (int i = 0; i < outer_members; i++)
		send_long(tap_reap_status(outer_kids[i]));
}

static void outer_fork_while_dying(void)
{
	pid_t child;

	send_long(wait_dead(outer_kids[0])); /* init is tearing down */
	child = fork();
	if (child == 0)
		_exit(0);
	send_long(tap_result(child));
	send_long(tap_reap_status(outer_kids[0]));
	child = fork();
	if (child == 0)
		_exit(0);
	send_long(tap_result(child));
}

/* body_tracer() - seize tplan's targets; on go, report each one's death, then (after a
 * second go if tplan says so, and tplan's delay) reap them one by one or exit holding them. */
static void body_tracer(void)
{
	for (int i = 0; i < tplan.n; i++)
		send_long(tap_result(ptrace(PTRACE_SEIZE, tplan.target[i], 0, 0)));
	wait_for_go(go_tracer);
	for (int i = 0; i < tplan.n; i++)
		send_long(wait_dead(tplan.target[i]));
	if (tplan.wait_go)
		wait_for_go(go_tracer);
	tap_sleep_ms(tplan.delay_ms);
	for (int i = 0; tplan.reap && i < tplan.n; i++) {
		if (i > 0)
			tap_sleep_ms(tplan.gap_ms);
		send_long(tap_reap_status(tplan.target[i]));
	}
}

/* spawn_tracer() - fork body_tracer() (tracked); expect every seize to succeed. */
static pid_t spawn_tracer(void)
{
	pid_t tracer;

	fflush(stdout);
	tracer = fork();
	if (tracer == 0) {
		body_tracer();
		_exit(0);
	}
	tap_track(tracer);
	for (int i = 0; i < tplan.n; i++)
		EXPECT_EQ(recv_long(), 0);
	return tracer;
}

/* --- The census ------------------------------------------------------------------------ */

/* probe_nr() - the number a new child of ours gets now (reaped at once). */
static pid_t probe_nr(void)
{
	pid_t nr = fork();
	int status;

	if (nr == 0)
		_exit(0);
	if (nr > 0)
		waitpid(nr, &status, 0);
	return nr;
}

static int scan(pid_t sid, pid_t lo, pid_t hi, pid_t *out, int n)
{
	for (pid_t nr = lo; nr <= hi && n < MAX_MEMBERS; nr++)
		if (getsid(nr) == sid)
			out[n++] = nr;
	return n;
}

/* census() - the numbers, here, of every task in the session of @init (init included):
 * those allocated from @init's number on, up to a fresh probe's, wrapping at pid_max.
 * Return: how many, stored in @out. */
static int census(pid_t init, pid_t *out)
{
	pid_t hi;

	if (init <= 1)
		return 0;
	hi = probe_nr();
	if (hi >= init)
		return scan(init, init, hi, out, 0);
	return scan(init, 1, hi, out, scan(init, init, pid_max - 1, out, 0));
}

/* count_alive() - how many of @nr[0..n) kill(nr, 0) still finds. */
static int count_alive(const pid_t *nr, int n)
{
	int alive = 0;

	for (int i = 0; i < n; i++)
		alive += tap_kill(nr[i], 0) == 0;
	return alive;
}

/* find_traceable() - the census entry (not @init) that leads its own process group. */
static pid_t find_traceable(pid_t init, const pid_t *nr, int n)
{
	for (int i = 0; i < n; i++)
		if (nr[i] != init && getpgid(nr[i]) == nr[i])
			return nr[i];
	return -1;
}

/* --- 2.3 #22-25 Teardown --------------------------------------------------------------- */

static const enum kind mixed[] = { SLEEPER, STOPPED, ZOMBIE, THREADED, SUBTREE, NESTED };

/* Every kind of member is gone when wait returns init; none before. */
static void teardown_kills_every_member(void)
{
	pid_t init, nr[MAX_MEMBERS];
	int n;

	begin_case();
	plan(6, mixed);
	init_exit_code = 42;
	init = spawn_ns_init();
	n = census(init, nr);
	EXPECT_EQ(n, planned_tasks());
	EXPECT_EQ(count_alive(nr, n), n);
	go(go_init);
	EXPECT_EQ(wait_status(init), tap_exit_status(42));
	EXPECT_EQ(count_alive(nr, n), 0);
	end_case();
}

/* init's status is its own, not the SIGKILL of its members: an exit code ... */
static void init_status_is_own_exit(void)
{
	static const enum kind k[] = { SLEEPER, SLEEPER, THREADED };
	pid_t init;

	begin_case();
	plan(3, k);
	init_exit_code = 7;
	init = spawn_ns_init();
	go(go_init);
	EXPECT_EQ(wait_status(init), tap_exit_status(7));
	end_case();
}

/* ... or the signal that killed init itself. */
static void init_status_is_own_signal(void)
{
	static const enum kind k[] = { SLEEPER, SUBTREE };
	pid_t init;

	begin_case();
	plan(2, k);
	init = spawn_ns_init();
	EXPECT_EQ(tap_kill(init, SIGUSR1), 0); /* discarded: init has no handler */
	EXPECT_EQ(tap_kill(init, SIGSTOP), 0); /* not fatal either */
	EXPECT_EQ(tap_kill(init, SIGCONT), 0);
	EXPECT_EQ(tap_kill(init, SIGKILL), 0);
	EXPECT_EQ(wait_status(init), SIGKILL);
	end_case();
}

/* --- 2.3 #26-28 Members held from outside ---------------------------------------------- */

/* A tracer outside holds two dead members: M1, a child of init (the classic reproducer),
 * and M2, whose parent is outside and auto-reaps. init is not reapable while the tracer
 * holds them; the tracer reaps M1, then M2 ESCAPE_WINDOW_MS later; when wait returns init,
 * both are gone. The legacy teardown is stuck on M1 (init's own child) but not on M2. */
static void escape_traced_zombie_holds_init(void)
{
	static const enum kind k[] = { TRACEABLE, SLEEPER };
	pid_t init, nr[MAX_MEMBERS], m2;
	int n;

	begin_case();
	plan(2, k);
	outer_members = 1;
	outer_ignores_sigchld = true;
	init = spawn_outside_parent(&m2);
	n = census(init, nr);
	EXPECT_EQ(n, planned_tasks());
	nr[n++] = m2;
	tplan.target[0] = find_traceable(init, nr, n - 1);
	tplan.target[1] = m2;
	tplan.n = 2;
	tplan.reap = tplan.wait_go = true;
	tplan.gap_ms = ESCAPE_WINDOW_MS;
	spawn_tracer();
	go(go_outer);
	go(go_tracer);
	go(go_init);
	EXPECT_EQ(recv_long(), SIGKILL); /* the tracer saw M1 die */
	EXPECT_EQ(recv_long(), SIGKILL); /* and M2 */
	expect_not_reapable(init, m2);
	go(go_tracer);
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	EXPECT_EQ(count_alive(nr, n), 0);
	EXPECT_EQ(recv_long(), SIGKILL); /* the tracer's waitpid status of M1 */
	EXPECT_EQ(recv_long(), SIGKILL); /* and of M2 */
	end_case();
}

/* The tracer exits instead: its dead tracee goes back to the dying init, which releases it;
 * then init is reapable. */
static void tracer_exit_hands_zombie_back(void)
{
	static const enum kind k[] = { TRACEABLE, SLEEPER };
	pid_t init, tracer, nr[MAX_MEMBERS];
	int n;

	begin_case();
	plan(2, k);
	init = spawn_ns_init();
	n = census(init, nr);
	tplan.target[0] = find_traceable(init, nr, n);
	tplan.n = 1;
	tplan.wait_go = true;
	tracer = spawn_tracer();
	go(go_tracer);
	go(go_init);
	EXPECT_EQ(recv_long(), SIGKILL);
	expect_not_reapable(init, tplan.target[0]);
	go(go_tracer);
	EXPECT_EQ(wait_status(tracer), tap_exit_status(0));
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	EXPECT_EQ(count_alive(nr, n), 0);
	end_case();
}

/* A member whose parent is outside (the second fork after unshare) is killed but stays a
 * zombie of that parent; init is not reapable until the parent reaps it. */
static void escape_outside_parent_holds_init(void)
{
	static const enum kind k[] = { SLEEPER };
	pid_t init, nr[MAX_MEMBERS], member;
	int n;

	begin_case();
	plan(1, k);
	outer_members = 1;
	outer_role = outer_reap_late;
	outer_delay_ms = ESCAPE_WINDOW_MS;
	init = spawn_outside_parent(&member);
	n = census(init, nr);
	EXPECT_EQ(n, planned_tasks());
	nr[n++] = member;
	go(go_outer);
	go(go_init);
	EXPECT_EQ(recv_long(), SIGKILL); /* the outside parent saw it die */
	expect_not_reapable(init, member);
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	EXPECT_EQ(count_alive(nr, n), 0);
	EXPECT_EQ(recv_long(), SIGKILL); /* its reap */
	end_case();
}

/* Three levels: N1 (init I1, sleeper) > N2 (I2, sleeper, P2) > N3 (I3, sleeper, K). P2 made
 * N3 by unshare and is K's parent, so K's parent is outside N3; a tracer outside everything
 * holds K. Teardown is bottom-up: I1 is not reapable until the tracer reaps K.
 * Not an escape_ case: when P2 dies, K is reparented to I2, whose own wait then blocks on it
 * (a traced child is "not yet", not "none") even in the legacy teardown - so the legacy
 * boot cannot make this one fail. It checks the fixed teardown's bottom-up order. */
static void nested_p2(void)
{
	int up = new_ready_pipe();
	long i3;

	if (unshare(CLONE_NEWPID) != 0)
		_exit(127);
	i3 = syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0); /* I3's parent: I2 */
	if (i3 == 0) {
		become_ns_init();
		nested_init();
	}
	fork_member(TRACEABLE);
	await_ready(2, up);
	park();
}

static void nested_i2(void)
{
	int up = new_ready_pipe();

	fork_member(SLEEPER);
	if (fork() == 0)
		nested_p2();
	await_ready(2, up);
	park();
}

static void nested_i1(void)
{
	long i2;

	setsid();
	new_ready_pipe();
	fork_member(SLEEPER);
	i2 = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (i2 == 0) {
		become_ns_init();
		nested_i2();
	}
	await_ready(2, -1);
	init_send(READY);
	wait_for_go(go_init);
	_exit(0);
}

static void nested_traced_zombie_holds_init(void)
{
	pid_t init, nr[MAX_MEMBERS];
	long ret;
	int n;

	begin_case();
	fflush(stdout);
	ret = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (ret == 0) {
		become_ns_init();
		nested_i1();
	}
	init = tap_track(ret);
	EXPECT_EQ(recv_init(), READY);
	n = census(init, nr);
	EXPECT_EQ(n, 8); /* I1 S1 I2 S2 P2 I3 S3 K */
	tplan.target[0] = find_traceable(init, nr, n);
	tplan.n = 1;
	tplan.reap = tplan.wait_go = true;
	tplan.delay_ms = ESCAPE_WINDOW_MS;
	spawn_tracer();
	go(go_tracer);
	go(go_init);
	EXPECT_EQ(recv_long(), SIGKILL);
	expect_not_reapable(init, tplan.target[0]);
	go(go_tracer);
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	EXPECT_EQ(count_alive(nr, n), 0);
	EXPECT_EQ(recv_long(), SIGKILL);
	end_case();
}

/* --- 2.3 #29-31 The last init thread is not the leader -------------------------------- */

static volatile int leader_alive = 1; /* cleared by the kernel when init's leader exits */
static pid_t orphan_parent;

static void orphan_child(void)
{
	for (int i = 0; i < 400 && getppid() == orphan_parent; i++)
		tap_sleep_ms(5);
	init_send(getppid());
	say_ready();
	park();
}

/* second_thread() - once the leader is gone: make an orphan (it reports its new parent),
 * report READY, exit (this thread only, code 5) when told. */
static void *second_thread(void *unused)
{
	pid_t parent;

	for (int i = 0; i < 2000 && leader_alive; i++)
		tap_sleep_ms(1);
	parent = fork();
	if (parent == 0) {
		orphan_parent = getpid();
		if (fork() == 0)
			orphan_child();
		_exit(0);
	}
	waitpid(parent, NULL, 0);
	await_ready(2, -1); /* the sleeper and the orphan */
	init_send(READY);
	wait_for_go(go_init);
	syscall(SYS_exit, 5);
	return unused;
}

/* leader_exit_body() - init: a sleeper, a second thread, then the leader alone exits (3). */
static void leader_exit_body(void)
{
	pthread_t th;

	setsid();
	new_ready_pipe();
	fork_member(SLEEPER);
	if (pthread_create(&th, NULL, second_thread, NULL) != 0)
		_exit(126);
	syscall(SYS_set_tid_address, &leader_alive);
	syscall(SYS_exit, 3);
}

/* spawn_leader_exit() - the namespace of leader_exit_body(), set up; its census in @nr. */
static pid_t spawn_leader_exit(pid_t *nr, int *n)
{
	long init;

	fflush(stdout);
	init = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (init == 0) {
		become_ns_init();
		leader_exit_body();
	}
	tap_track(init);
	EXPECT_EQ(recv_init(), 1); /* the orphan's getppid(): init, now its second thread */
	EXPECT_EQ(recv_init(), READY);
	*n = census(init, nr);
	return init;
}

static void leader_exit_keeps_ns(void)
{
	pid_t init, nr[MAX_MEMBERS];
	int n;

	begin_case();
	init = spawn_leader_exit(nr, &n);
	EXPECT_EQ(n, 4); /* init's zombie leader, its second thread, the sleeper, the orphan */
	expect_not_reapable(init, init);
	EXPECT_EQ(count_alive(nr, n), 4);
	end_case();
}

static void last_thread_exit_tears_down(void)
{
	pid_t init, nr[MAX_MEMBERS];
	int n;

	begin_case();
	init = spawn_leader_exit(nr, &n);
	go(go_init);
	EXPECT_NE(wait_status(init), -1);
	EXPECT_EQ(count_alive(nr, n), 0);
	end_case();
}

static void last_thread_sets_exit_code(void)
{
	pid_t init, nr[MAX_MEMBERS];
	int n;

	begin_case();
	init = spawn_leader_exit(nr, &n);
	go(go_init);
	EXPECT_EQ(wait_status(init), tap_exit_status(5)); /* Linux >= 6.1; 3.x/4.x said 3 */
	end_case();
}

/* --- 2.3 #34 fork into a dying namespace ---------------------------------------------- */

static void fork_enomem_while_dying(void)
{
	static const enum kind k[] = { SLEEPER };
	pid_t init, member;

	begin_case();
	plan(1, k);
	outer_members = 1;
	outer_role = outer_fork_while_dying;
	init = spawn_outside_parent(&member);
	go(go_outer);
	go(go_init);
	EXPECT_EQ(recv_long(), SIGKILL); /* the member died: init is tearing down */
	EXPECT_EQ(recv_long(), -ENOMEM); /* fork while init waits for that member */
	EXPECT_EQ(recv_long(), SIGKILL); /* its reap */
	EXPECT_EQ(recv_long(), -ENOMEM); /* fork after */
	EXPECT_EQ(wait_status(init), tap_exit_status(0));
	end_case();
}

/* --- Stress: random namespaces, random holders ------------------------------------------ */

static unsigned int stress_seed;

static int rnd(int n)
{
	return rand_r(&stress_seed) % n;
}

static long env_long(const char *name, long dflt)
{
	const char *v = getenv(name);

	return v && *v ? strtol(v, NULL, 0) : dflt;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* stress_plan() - a random namespace: 1-5 members of any kind inside, 0-2 members whose
 * parent is outside and either auto-reaps them or reaps them after 0-29 ms. */
static void stress_plan(void)
{
	nkinds = 1 + rnd(5);
	for (int i = 0; i < nkinds; i++)
		kinds[i] = (enum kind)rnd(NKINDS);
	init_exit_code = rnd(100);
	outer_members = rnd(3);
	outer_ignores_sigchld = rnd(2);
	outer_role = outer_ignores_sigchld ? NULL : outer_reap_late;
	outer_delay_ms = rnd(30);
}

/* stress_tracer_plan() - half the time a tracer outside seizes the traceable members and
 * some of the outside parent's, and, 0-29 ms after they died, reaps them or exits. */
static void stress_tracer_plan(pid_t init, const pid_t *nr, int n, const pid_t *outer)
{
	memset(&tplan, 0, sizeof(tplan));
	if (rnd(2))
		return;
	for (int i = 0; i < n && tplan.n < MAX_TARGETS; i++)
		if (nr[i] != init && getpgid(nr[i]) == nr[i])
			tplan.target[tplan.n++] = nr[i];
	for (int i = 0; i < outer_members && tplan.n < MAX_TARGETS; i++)
		if (rnd(2))
			tplan.target[tplan.n++] = outer[i];
	tplan.reap = rnd(2);
	tplan.delay_ms = rnd(30);
	tplan.gap_ms = rnd(10);
}

/* stress_end() - let the namespace die (init exits, or 1 time in 4 is SIGKILLed) and wait
 * for init. Return: whether its status was the expected one; *@escaped: members left. */
static bool stress_end(pid_t init, const pid_t *nr, int n, int *escaped)
{
	int want = tap_exit_status(init_exit_code);

	if (rnd(4) == 0) {
		tap_kill(init, SIGKILL);
		want = SIGKILL;
	} else {
		go(go_init);
	}
	if (wait_status(init) != want)
		return false;
	*escaped = count_alive(nr, n);
	return true;
}

/* stress_round() - one random namespace torn down. Return: 0 fine, 1 a member outlived the
 * reap of init (an escape), 2 init was not reaped as expected (or setup failed). */
static int stress_round(void)
{
	pid_t init, parent, nr[MAX_MEMBERS], outer[MAX_TARGETS];
	int n, escaped = 0, verdict;

	stress_plan();
	tap_case_begin(CASE_TIMEOUT); /* a round's frame; a hang is judged by the verdict */
	open_pipes();
	init = spawn_outside_parent(outer);
	parent = outer_parent;
	if (init <= 0) {
		verdict = 2;
		goto out;
	}
	n = census(init, nr);
	for (int i = 0; i < outer_members; i++)
		nr[n++] = outer[i];
	stress_tracer_plan(init, nr, n - outer_members, outer);
	if (tplan.n) {
		spawn_tracer();
		go(go_tracer);
	}
	go(go_outer);
	verdict = stress_end(init, nr, n, &escaped) ? escaped > 0 : 2;
	go(go_outer); /* the outside parent may leave */
	wait_status(parent);
out:
	if (!tap_kill_and_reap())
		verdict = 2;
	close_pipes();
	alarm(0);
	return verdict;
}

/* Hundreds of random rounds: in none may wait return init while a member still exists, and
 * every init must be reaped. Members: any kind, inside and outside-parented; holders: the
 * outside parent (auto-reap or late reap), a tracer (late reap or exit). */
static void escape_stress_rounds(void)
{
	long rounds = env_long("PIDNS_STRESS_ROUNDS", STRESS_ROUNDS);
	int count[3] = { 0, 0, 0 }, done = 0;
	double start = now_s();

	stress_seed = env_long("PIDNS_STRESS_SEED", STRESS_SEED);
	tap_note("stress: seed %u (PIDNS_STRESS_SEED), %ld rounds (PIDNS_STRESS_ROUNDS), "
		 "budget %d s",
		 stress_seed, rounds, STRESS_BUDGET_S);
	while (done < rounds && now_s() - start < STRESS_BUDGET_S) {
		int verdict = stress_round();

		count[verdict]++;
		done++;
		if (verdict && count[verdict] <= 3)
			tap_note("round %d: %s", done,
				 verdict == 1 ? "a member outlived init's reap" :
						"init not reaped as expected");
		if (verdict == 2 && tap_case_timed_out())
			break; /* a hang: do not pile more on */
	}
	tap_note("stress: %d rounds in %.1f s: %d escapes, %d bad inits", done, now_s() - start,
		 count[1], count[2]);
	EXPECT_TRUE(done > 0);
	EXPECT_EQ(count[1], 0);
	EXPECT_EQ(count[2], 0);
}

static const struct tap_case cases[] = {
	TAP_CASE(teardown_kills_every_member),	 TAP_CASE(init_status_is_own_exit),
	TAP_CASE(init_status_is_own_signal),	 TAP_CASE(escape_traced_zombie_holds_init),
	TAP_CASE(tracer_exit_hands_zombie_back), TAP_CASE(escape_outside_parent_holds_init),
	TAP_CASE(nested_traced_zombie_holds_init),	 TAP_CASE(leader_exit_keeps_ns),
	TAP_CASE(last_thread_exit_tears_down),	 TAP_CASE(last_thread_sets_exit_code),
	TAP_CASE(fork_enomem_while_dying),	 TAP_CASE(escape_stress_rounds),
};

int main(int argc, char **argv)
{
	FILE *f = fopen("/proc/sys/kernel/pid_max", "r");

	if (f) {
		if (fscanf(f, "%d", &pid_max) != 1)
			pid_max = 32768;
		fclose(f);
	}
	if (readlink("/proc/self/ns/pid", outer_ns_link, sizeof(outer_ns_link) - 1) < 0)
		outer_ns_link[0] = '\0';  /* then, on Linux, become_ns_init() refuses */
	prctl(PR_SET_CHILD_SUBREAPER, 1); /* orphans come to end_case() */
	return TAP_MAIN("pidns_teardown", cases, argc, argv);
}
