/* pidns-demo.c - pidns-demo(1): watch a pid namespace being torn down, and check that no
 * zombie escapes it. pidns-demo [-q] [-d MS] (-q: the verdict only; -d: look every MS ms).
 *
 * The scenario of the Linux patch "pidns: Fix wait for zombies to be reaped in
 * zap_pid_ns_processes v2": a debugger outside a pid namespace traces a process inside, the
 * namespace's init exits, and the debugger does not reap its dead tracee at once. The rule
 * the patch made true: init is reaped only after every other process of its namespace.
 * Besides us, "the parent": the debugger (forked first, so outside; it serves our requests
 * on a pipe, so that we print every line in order); init (unshare(CLONE_NEWPID), then our
 * next child is pid 1 of the new namespace); init's children, the sleeper and the stopped
 * member; the debuggee, our second child after the unshare: a member whose parent is
 * outside. Were it init's child, init's own wait4 loop (teardown step 4) would wait for it -
 * a traced child is still a child - and the old escape would be a narrow race; only step 5,
 * the patch's, waits for it, so pidns.zap=legacy (steps 1-4 only) shows the escape each time.
 *
 * Outer numbers: fork() gives us the debuggee's; the debugger follows init's forks
 * (PTRACE_O_TRACEFORK) and PTRACE_GETEVENTMSG gives each child's pid as the TRACER sees it.
 * Watching without /proc: each process of the namespace writes getpid() (its inner number)
 * into a "life" pipe and keeps the write end open; EOF on ours means it died (exit closes
 * files before the process becomes a zombie); kill(pid, 0) works while the pid exists,
 * zombie or not; waitid(WNOWAIT) in the debugger and in us tells who holds the zombie.
 *
 * Exit status: 0 no zombie escaped; 1 init was reaped while another process of its namespace
 * still existed; 2 the demo could not run (no pid namespaces, not root) or init was never
 * reaped. See also: docs/pidns-demo.md, tests/pidns-demo-on-linux.sh; Linux:
 * kernel/pid_namespace.c (zap_pid_ns_processes), pid_namespaces(7), ptrace(2).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define HOLD_MS	   3000	 /* how long the debugger sits on the zombie before reaping it */
#define SETTLE_MS  500	 /* how long we watch after the debugger's reap */
#define GIVE_UP_MS 10000 /* the longest we wait for anything the kernel does by itself */
#define MAX_FD	   64	 /* a child closes every descriptor below this but its own */

#define DBG_FOLLOW 'F' /* seize init; answer the pids of its next `value` children */
#define DBG_ATTACH 'A' /* PTRACE_SEIZE pid */
#define DBG_REAP   'R' /* reap pid; with value 1 only look (WNOWAIT): 1 if it could */

enum who {
	INIT,
	SLEEPER,
	STOPPED,
	DEBUGGEE,
	NR_PROCS
};
static const char *const names[NR_PROCS] = { "init", "sleeper", "stopped", "debuggee" };
enum state {
	ALIVE,
	ZOMBIE,
	GONE
};

/* A request to the debugger (op: DBG_* above) and its answer, the same layout both ways. */
struct dbg_msg {
	int op;
	pid_t pid; /* who it is about; DBG_FOLLOW's answers: a new child */
	int value; /* request: see DBG_*; answer: a result, a wait status or -errno */
};

/* Every pipe, made before the first fork so that each process can keep just its own ends. */
struct pipes {
	int cmd[2];	       /* requests: us -> the debugger */
	int ans[2];	       /* answers: the debugger -> us */
	int ctl[2];	       /* us -> init: 'f' fork your children; 'x' or EOF exit */
	int life[NR_PROCS][2]; /* one per process of the namespace, see above */
};

/* What the parent knows, indexed by enum who. */
struct demo {
	pid_t outer[NR_PROCS]; /* numbers in our namespace: what kill() and wait() take */
	pid_t inner[NR_PROCS]; /* numbers in the new one: what getpid() says there */
	int life[NR_PROCS];    /* read ends of the life pipes; -1 once at EOF */
	pid_t debugger;	       /* 0 until forked */
	int to_dbg, from_dbg, to_init;
	bool init_reaped;
	int init_status;  /* init's wait status, once reaped */
	enum who escaped; /* what still existed when init was reaped; INIT: nothing */
	char holder[48];  /* what that was then, e.g. "zombie held by the debugger" */
	bool exiting;	  /* init has been told to exit, at t0 */
	struct timespec t0;
	char last[200]; /* the last state line printed */
};

static bool quiet;				   /* -q */
static int delay_ms = 100;			   /* -d MS */
#define say(...) (quiet ? 0 : printf(__VA_ARGS__)) /* the story; -q keeps only the verdict */

/* ptrace with the argument types musl's variadic ptrace() reads. */
static long pt(int request, pid_t pid, long data)
{
	return ptrace(request, pid, NULL, (void *)data);
}

/* keep_only() - in a new child: close every descriptor from 3 up, except the @n in @keep. */
static void keep_only(const int *keep, int n)
{
	for (int fd = 3; fd < MAX_FD; fd++) {
		bool mine = false;

		for (int i = 0; i < n; i++)
			mine = mine || keep[i] == fd;
		if (!mine)
			close(fd);
	}
}

/* can_reap() - would waitpid(@pid) reap a zombie now? WNOWAIT looks and leaves it there.
 * Return: 1 yes, 0 not (yet) for us, -ECHILD not our child or tracee. */
static int can_reap(pid_t pid)
{
	siginfo_t si = { 0 };

	if (waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT) < 0)
		return -errno;
	return si.si_pid == pid;
}

/* reap() - wait until @pid can be reaped and reap it.
 * Return: its wait status; -ECHILD if it is not ours to reap; -ETIMEDOUT after GIVE_UP_MS. */
static int reap(pid_t pid)
{
	int status;

	for (int ms = 0; ms < GIVE_UP_MS; ms += 10) {
		pid_t r = waitpid(pid, &status, WNOHANG | __WALL);

		if (r == pid)
			return status;
		if (r < 0)
			return -errno;
		usleep(10000);
	}
	return -ETIMEDOUT;
}

static const char *status_text(int status)
{
	static char buf[48];

	if (status < 0)
		snprintf(buf, sizeof buf, "failed: %s", strerror(-status));
	else if (WIFSIGNALED(status))
		snprintf(buf, sizeof buf, "killed by signal %d%s", WTERMSIG(status),
			 WTERMSIG(status) == SIGKILL ? " (SIGKILL)" : "");
	else
		snprintf(buf, sizeof buf, "exit status %d", WEXITSTATUS(status));
	return buf;
}

/* ---- The processes of the namespace ---- */

/* member_main() - the sleeper, the stopped member or the debuggee: say its inner number,
 * then hold the life pipe until the SIGKILL of the teardown. */
static void member_main(enum who w, int life_w)
{
	pid_t self = getpid();

	keep_only(&life_w, 1);
	if (write(life_w, &self, sizeof self) != sizeof self)
		_exit(1);
	if (w == STOPPED)
		raise(SIGSTOP);
	for (;;)
		pause();
}

/* init_main() - pid 1 of the namespace: on 'f', fork the sleeper and the stopped member; on
 * 'x' (or EOF: the parent is gone), exit - and so tear the namespace down. */
static void init_main(const struct pipes *p)
{
	int keep[] = { p->ctl[0], p->life[INIT][1], p->life[SLEEPER][1], p->life[STOPPED][1] };
	pid_t self = getpid();
	char c = 0;

	keep_only(keep, 4);
	if (write(p->life[INIT][1], &self, sizeof self) != sizeof self)
		_exit(1);
	if (read(p->ctl[0], &c, 1) != 1 || c != 'f')
		_exit(0);
	for (enum who w = SLEEPER; w <= STOPPED; w++) {
		if (fork() == 0)
			member_main(w, p->life[w][1]);
		close(p->life[w][1]);
	}
	while (read(p->ctl[0], &c, 1) == 1 && c != 'x')
		;
	_exit(0);
}

/* ---- The debugger: outside the namespace, serving the parent's requests ---- */

static void answer(int fd, int op, pid_t pid, int value)
{
	struct dbg_msg m = { op, pid, value };

	if (write(fd, &m, sizeof m) != sizeof m)
		_exit(1);
}

/* dbg_next_fork() - wait for traced @init's next fork event. Return: the new child's pid as
 * the kernel reports it to us, the tracer - its number in OUR namespace - or -errno. */
static pid_t dbg_next_fork(pid_t init)
{
	unsigned long child;
	int status;

	for (;;) {
		if (waitpid(init, &status, __WALL) < 0)
			return -errno;
		if (!WIFSTOPPED(status))
			return -ESRCH;
		if (status >> 8 == (SIGTRAP | PTRACE_EVENT_FORK << 8))
			break;
		/* Some other stop (a signal for init): hand the signal on. */
		pt(PTRACE_CONT, init, status >> 16 ? 0 : WSTOPSIG(status));
	}
	if (pt(PTRACE_GETEVENTMSG, init, (long)&child) < 0)
		return -errno;
	return (pid_t)child;
}

/* dbg_follow() - DBG_FOLLOW: seize @init with PTRACE_O_TRACEFORK; answer each new child's
 * pid and let the child go (the kernel attached it before it ran: its first stop is
 * PTRACE_EVENT_STOP). At the last fork init goes first, so that the stopped member's
 * SIGSTOP, and init's SIGCHLD about it, come when init is no longer traced. */
static void dbg_follow(int ans, pid_t init, int forks)
{
	int status;

	if (pt(PTRACE_SEIZE, init, PTRACE_O_TRACEFORK) < 0) {
		answer(ans, DBG_FOLLOW, 0, -errno);
		return;
	}
	answer(ans, DBG_FOLLOW, 0, 0); /* attached: init may fork now */
	alarm(GIVE_UP_MS / 1000);      /* a kernel that never reports the fork kills us */
	for (int i = 0; i < forks; i++) {
		pid_t child = dbg_next_fork(init);

		if (child < 0) {
			answer(ans, DBG_FOLLOW, 0, child);
			return;
		}
		waitpid(child, &status, __WALL);
		pt(i == forks - 1 ? PTRACE_DETACH : PTRACE_CONT, init, 0);
		pt(PTRACE_DETACH, child, 0);
		answer(ans, DBG_FOLLOW, child, 0);
	}
	alarm(0);
}

/* debugger_main() - serve requests until the parent closes the pipe. */
static void debugger_main(int cmd, int ans)
{
	int keep[] = { cmd, ans };
	struct dbg_msg m;

	keep_only(keep, 2);
	while (read(cmd, &m, sizeof m) == sizeof m) {
		if (m.op == DBG_FOLLOW)
			dbg_follow(ans, m.pid, m.value);
		else if (m.op == DBG_ATTACH)
			answer(ans, m.op, m.pid, pt(PTRACE_SEIZE, m.pid, 0) < 0 ? -errno : 0);
		else
			answer(ans, m.op, m.pid, m.value ? can_reap(m.pid) : reap(m.pid));
	}
	_exit(0);
}

/* dbg_call() - send a request (op 0: none, read the next answer). Return: the answer. */
static struct dbg_msg dbg_call(struct demo *d, int op, pid_t pid, int value)
{
	struct dbg_msg m = { op, pid, value };

	if ((op && write(d->to_dbg, &m, sizeof m) != sizeof m) ||
	    read(d->from_dbg, &m, sizeof m) != sizeof m)
		m.value = -EPIPE;
	return m;
}

/* fork_into() - fork; the child becomes @w (NR_PROCS: the debugger) and never returns.
 * Return: the child's pid, or -errno. */
static pid_t fork_into(const struct pipes *p, enum who w)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid != 0)
		return pid < 0 ? -errno : pid;
	if (w == NR_PROCS)
		debugger_main(p->cmd[0], p->ans[1]);
	if (w == INIT)
		init_main(p);
	member_main(w, p->life[w][1]);
	return 0;
}

/* failed() - say which step of the setup failed. Return: @err, a -errno. */
static int failed(const char *what, int err)
{
	fprintf(stderr, "pidns-demo: %s: %s\n", what, strerror(-err));
	return err;
}

/* read_inner() - the inner number @w wrote into its life pipe. Return: 0 or -EPIPE. */
static int read_inner(struct demo *d, enum who w)
{
	if (read(d->life[w], &d->inner[w], sizeof(pid_t)) != sizeof(pid_t))
		return failed(names[w], -EPIPE);
	fcntl(d->life[w], F_SETFL, O_NONBLOCK); /* from now on, look() polls it */
	return 0;
}

/* start_namespace() - the debugger (outside: forked before the unshare), the namespace, and
 * its init, which forks the sleeper and the stopped member while the debugger follows.
 * After each fork we close the child's pipe ends. Return: 0 or -errno. */
static int start_namespace(struct demo *d, const struct pipes *p)
{
	struct dbg_msg m;

	if ((d->debugger = fork_into(p, NR_PROCS)) < 0)
		return failed("fork", d->debugger);
	close(p->cmd[0]);
	close(p->ans[1]);
	if (unshare(CLONE_NEWPID) < 0)
		return failed("unshare(CLONE_NEWPID)", -errno);
	if ((d->outer[INIT] = fork_into(p, INIT)) < 0)
		return failed("fork", d->outer[INIT]);
	close(p->ctl[0]);
	for (enum who w = INIT; w <= STOPPED; w++)
		close(p->life[w][1]);
	if ((m = dbg_call(d, DBG_FOLLOW, d->outer[INIT], 2)).value < 0)
		return failed("PTRACE_SEIZE of init", m.value);
	if (write(d->to_init, "f", 1) != 1)
		return failed("write to init", -errno);
	for (enum who w = SLEEPER; w <= STOPPED; w++) {
		if ((m = dbg_call(d, 0, 0, 0)).value < 0)
			return failed("following init's forks", m.value);
		d->outer[w] = m.pid;
	}
	for (enum who w = INIT; w <= STOPPED; w++)
		if (read_inner(d, w) < 0)
			return -EPIPE;
	return 0;
}

/* setup() - everything before init is told to exit; the debuggee is our second child since
 * the unshare, and the debugger attaches to it. Return: 0 or -errno. */
static int setup(struct demo *d)
{
	struct pipes p;
	int *all[] = { p.cmd, p.ans, p.ctl, p.life[0], p.life[1], p.life[2], p.life[3] };
	int err;

	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (pipe(all[i]) < 0)
			return failed("pipe", -errno);
	d->to_dbg = p.cmd[1];
	d->from_dbg = p.ans[0];
	d->to_init = p.ctl[1];
	for (int w = INIT; w < NR_PROCS; w++)
		d->life[w] = p.life[w][0];
	if ((err = start_namespace(d, &p)) < 0)
		return err;
	if ((d->outer[DEBUGGEE] = fork_into(&p, DEBUGGEE)) < 0)
		return failed("fork", d->outer[DEBUGGEE]);
	close(p.life[DEBUGGEE][1]);
	if ((err = read_inner(d, DEBUGGEE)) < 0)
		return err;
	if ((err = dbg_call(d, DBG_ATTACH, d->outer[DEBUGGEE], 0).value) < 0)
		return failed("PTRACE_SEIZE of the debuggee", err);
	return 0;
}

/* give_up() - the setup failed: SIGKILL and reap the children WE forked (never pid 1 or -1).
 * Return: 2, our exit status. */
static int give_up(struct demo *d)
{
	pid_t ours[] = { d->debugger, d->outer[DEBUGGEE], d->outer[INIT] };

	/* In this order: init becomes reapable only once the debuggee is reaped. */
	for (int i = 0; i < 3; i++)
		if (ours[i] > 1 && kill(ours[i], SIGKILL) == 0)
			waitpid(ours[i], NULL, __WALL);
	return 2;
}

/* ---- The parent: watch ---- */

/* look() - ALIVE, ZOMBIE (died: life pipe at EOF; still exists) or GONE (reaped). */
static enum state look(struct demo *d, enum who w)
{
	char c;

	if (d->life[w] >= 0 && read(d->life[w], &c, 1) == 0) {
		close(d->life[w]);
		d->life[w] = -1;
	}
	if (kill(d->outer[w], 0) < 0 && errno == ESRCH)
		return GONE;
	return d->life[w] < 0 ? ZOMBIE : ALIVE;
}

/* member_text() - @w's state in words. Who can reap the debuggee's zombie: first the
 * debugger, its tracer; once the debugger has reaped it, its real parent - us. */
static const char *member_text(struct demo *d, enum who w)
{
	enum state s = look(d, w);

	if (s != ZOMBIE || w != DEBUGGEE)
		return s == ALIVE ? "alive" : s == ZOMBIE ? "zombie" : "gone";
	if (dbg_call(d, DBG_REAP, d->outer[w], 1).value == 1)
		return "zombie held by the debugger";
	return can_reap(d->outer[w]) == 1 ? "zombie held by the parent" : "zombie";
}

/* check_init() - waitpid(init, WNOHANG); when it returns init, check the invariant at once:
 * no other process of the namespace may still exist. */
static void check_init(struct demo *d)
{
	enum who w;

	if (d->init_reaped || waitpid(d->outer[INIT], &d->init_status, WNOHANG) != d->outer[INIT])
		return;
	d->init_reaped = true;
	for (w = DEBUGGEE; w > INIT; w--)
		if (kill(d->outer[w], 0) == 0)
			break;
	if ((d->escaped = w) == INIT)
		return;
	/* It was SIGKILLed in step 3: give it a moment to become a zombie, then say what it is. */
	for (int ms = 0; look(d, w) == ALIVE && ms < 1000; ms += 10)
		usleep(10000);
	snprintf(d->holder, sizeof d->holder, "%s", member_text(d, w));
}

static void state_line(struct demo *d, char *buf, size_t size)
{
	size_t n;

	if (d->init_reaped)
		n = snprintf(buf, size, "init: reaped, %s", status_text(d->init_status));
	else
		n = snprintf(buf, size, "init: %s",
			     look(d, INIT) == ALIVE ? "running" : "exited, not reapable");
	for (enum who w = SLEEPER; w < NR_PROCS && n < size; w++)
		n += snprintf(buf + n, size - n, " | %s: %s", names[w], member_text(d, w));
}

/* watch() - look every delay_ms for @ms, or until init has been reaped, and print the state
 * line whenever it changes, stamped with the time since init was told to exit. */
static void watch(struct demo *d, int ms)
{
	bool changed = false;
	struct timespec now;
	char line[200], when[32] = "before";
	long t, start = -1;

	for (;; usleep(delay_ms * 1000)) {
		check_init(d);
		state_line(d, line, sizeof line);
		clock_gettime(CLOCK_MONOTONIC, &now);
		t = (now.tv_sec - d->t0.tv_sec) * 1000 + (now.tv_nsec - d->t0.tv_nsec) / 1000000;
		start = start < 0 ? t : start;
		if (d->exiting)
			snprintf(when, sizeof when, "+%ld.%02lds", t / 1000, t % 1000 / 10);
		changed = strcmp(line, d->last) != 0;
		if (changed)
			say("  %-7s %s\n", when, line);
		snprintf(d->last, sizeof d->last, "%s", line);
		if (d->init_reaped || t - start >= ms)
			break;
	}
	if (!changed)
		say("  %-7s (no change)\n", when);
}

/* ---- The parent: the story ---- */

static void tell_setup(struct demo *d)
{
	say("pidns-demo: how a pid namespace is torn down without letting a zombie escape\n"
	    "step 1: the parent (pid %d) calls unshare(CLONE_NEWPID), then fork(): the child is\n"
	    "        init of a new pid namespace, outer pid %d; getpid() there says %d. The\n"
	    "        debugger (pid %d) was forked before the unshare: it is outside.\n"
	    "step 2: init forks two members. The debugger follows the forks (PTRACE_O_TRACEFORK):\n"
	    "        the kernel gives it each child's pid as the debugger sees it, the outer one.\n"
	    "          sleeper   inner pid %d, outer pid %d: init's child, in pause()\n"
	    "          stopped   inner pid %d, outer pid %d: init's child, stopped by SIGSTOP\n"
	    "        The parent's second fork is a member too, whose parent is outside:\n"
	    "          debuggee  inner pid %d, outer pid %d: the parent's child, in pause()\n"
	    "step 3: the debugger attaches to the debuggee (PTRACE_SEIZE %d). The debuggee's\n"
	    "        death will be reported to the debugger first, which will not reap it yet.\n",
	    (int)getpid(), (int)d->outer[INIT], (int)d->inner[INIT], (int)d->debugger,
	    (int)d->inner[SLEEPER], (int)d->outer[SLEEPER], (int)d->inner[STOPPED],
	    (int)d->outer[STOPPED], (int)d->inner[DEBUGGEE], (int)d->outer[DEBUGGEE],
	    (int)d->outer[DEBUGGEE]);
}

static void tell_step4(struct demo *d)
{
	say("step 4: init exits. In exit() the kernel runs zap_pid_ns_processes(): 1 close the\n"
	    "        namespace to new pids, 2 ignore SIGCHLD, 3 SIGKILL every member, 4 reap\n"
	    "        init's own children, 5 wait until every other pid of it is freed. The\n"
	    "        parent tries waitpid(init, WNOHANG) every %d ms; the debugger holds on.\n",
	    delay_ms);
	clock_gettime(CLOCK_MONOTONIC, &d->t0);
	d->exiting = true;
	if (write(d->to_init, "x", 1) != 1)
		say("        (init was gone already)\n");
	watch(d, HOLD_MS);
	if (d->escaped != INIT)
		say("        init (outer pid %d) was reaped, but pid %d still exists\n"
		    "        (%s): it escaped its namespace. The kernel skipped step 5\n"
		    "        of zap_pid_ns_processes - the behaviour before the patch (pidns.zap=legacy).\n",
		    (int)d->outer[INIT], (int)d->outer[d->escaped], d->holder);
	else if (!d->init_reaped)
		say("        init (outer pid %d) has exited; its children were killed (step 3) and\n"
		    "        reaped by init (step 4), but waitpid() does not return init: the kernel is\n"
		    "        in zap_pid_ns_processes step 5, waiting for pid %d (%s).\n",
		    (int)d->outer[INIT], (int)d->outer[DEBUGGEE], member_text(d, DEBUGGEE));
}

static void tell_reaps(struct demo *d)
{
	int status = dbg_call(d, DBG_REAP, d->outer[DEBUGGEE], 0).value;

	say("step 5: the debugger reaps the debuggee: waitpid(%d) says %s.\n",
	    (int)d->outer[DEBUGGEE], status_text(status));
	watch(d, SETTLE_MS);
	if (!d->init_reaped && look(d, DEBUGGEE) == ZOMBIE)
		say("        Still not reapable: once its tracer has reaped it, a zombie goes back\n"
		    "        to its real parent, and its pid is freed when the parent reaps it.\n");
	status = reap(d->outer[DEBUGGEE]);
	say("step 6: the parent, the debuggee's real parent, reaps it: %s.\n",
	    status == -ECHILD ? "it was gone already" : status_text(status));
	watch(d, GIVE_UP_MS);
	if (d->init_reaped && d->escaped == INIT)
		say("        init became reapable: the last other pid of its namespace was freed, so\n"
		    "        step 5 ended and init finished exiting.\n");
}

/* verdict() - the last line, and our exit status. */
static int verdict(struct demo *d)
{
	if (d->escaped != INIT) {
		printf("pidns-demo: ESCAPE: init was reaped while pid %d (%s%s) still existed\n",
		       (int)d->outer[d->escaped], d->holder[0] == 'z' ? "a " : "", d->holder);
		return 1;
	}
	if (!d->init_reaped) {
		printf("pidns-demo: init was never reaped (waited %d s after the last member)\n",
		       GIVE_UP_MS / 1000);
		return 2;
	}
	printf("pidns-demo: init was reaped after every member: no zombie escaped\n");
	return 0;
}

int main(int argc, char **argv)
{
	struct demo d = { .escaped = INIT };
	int opt;

	while ((opt = getopt(argc, argv, "qd:")) != -1) {
		if (opt == 'q') {
			quiet = true;
		} else if (opt != 'd' || (delay_ms = atoi(optarg)) <= 0 || delay_ms > 10000) {
			fprintf(stderr, "usage: pidns-demo [-q] [-d MS]\n");
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN); /* a dead debugger is an error code, not our death */
	if (setup(&d) < 0)
		return give_up(&d);
	tell_setup(&d);
	watch(&d, 0);
	tell_step4(&d);
	tell_reaps(&d);
	close(d.to_dbg); /* the debugger exits on EOF */
	waitpid(d.debugger, NULL, 0);
	return verdict(&d);
}
