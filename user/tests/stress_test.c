/* stress_test.c - the kernel under load: many processes, deep namespaces, a fork bomb, memory
 * exhaustion and a long pipe stream, each followed by proof that nothing was lost or leaked.
 *
 * Issue 9, "Reliability 2. Stress". Every case does something at a scale the functional suites
 * never reach, then checks that the kernel came back whole:
 *   1. ten_thousand_procs_in_nested_namespaces - 10,000 processes forked and reaped in batches
 *      by three namespace inits nested inside each other (levels 1, 2, 3, all at once), with a
 *      pid_max of 400 in each namespace so the numbers wrap about eight times: every child
 *      reaped with the status it chose (its own getpid()), no number handed out twice while
 *      alive, wrapped numbers at 300 or above, no child left over, slab counts back;
 *   2. nest_32_levels_torn_down_100_times - a chain of 32 nested namespaces (the 33rd clone
 *      gives ENOSPC), its outermost init SIGKILLed, 100 times: when wait returns that init,
 *      not one process of the chain is left (a pipe whose write end they all hold reads end
 *      of file at once) and every pid_namespace is freed;
 *   3. fork_bomb_stopped_by_nproc_limit - a fork bomb in a namespace under RLIMIT_NPROC gets
 *      EAGAIN while a process outside still forks, execs, waits and plays pipe ping-pong;
 *      killing the namespace's init takes the whole bomb, and the limit is free again;
 *      fork_bomb_fills_process_max - the same without RLIMIT_NPROC, up to reaper's
 *      system-wide PROCESS_MAX (reaper only): then nobody forks, but what runs goes on;
 *   4. memory_exhaustion_enomem_and_recovery - a process maps and touches memory until it
 *      gets ENOMEM (or its out-of-memory fault), then forks, vforks and execs, makes a pipe
 *      and writes a tmpfs file while memory is gone: each either works or fails with the
 *      documented errno; afterwards free memory is back and fork/exec work;
 *   5. pipe_100mb_checksum - 100 MB through a pipe in write and read sizes from 1 byte to
 *      100 KB: the reader checks every byte against the writer's sequence and both sides
 *      agree on the count and a checksum.
 * And one regression test, named after the bug case 3 found: fork_at_limit_copied_mm_first
 * (a fork over the process limit copied the address space before saying EAGAIN).
 * The pieces are in docs/stress.md, with what each case found and how long it takes.
 *
 * Linux is the oracle here too (tests/run-on-linux.sh, as root): every case runs on the host.
 * Two kinds of check are reaper-only (tap_on_reaper()), and say so where they are made:
 * /proc/slabinfo and sysinfo's freeram are system-wide on the host, where other work changes
 * them all the time; and memory is exhausted for real only under reaper - on the host the
 * hog runs under RLIMIT_AS (128 MB), so mmap gives ENOMEM without starving the machine.
 * reaper has no credentials and counts RLIMIT_NPROC against every process in the system
 * (kernel/fork.c), where Linux counts the processes of the caller's user and exempts root:
 * on the host the bomb becomes an unprivileged user (BOMB_UID) first.
 *
 * Sizes are the and are not scaled down for TCG; the times measured are in
 * docs/stress.md. The suite takes about a minute under QEMU/TCG, too long for the twice-over
 * leak-check runner (user/tests/run.c leaves it out); it has its own boot, `stress`.
 * See also: pidns_test.c (depth 33 is ENOSPC, once), pidns_teardown_test.c (the teardown's
 * corner cases), kernel/fork.c (the limits), kernel/mm/fault.c (out of frames), kernel/fs/
 * pipe.c, kernel/pid.c (wrapping at pid_max). */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"

#define CASE_TIMEOUT	300	/* seconds a case may take before its blocking calls fail */

/* Case 1 */
#define PROCS_TOTAL	10000	/* children forked and reaped, over all levels */
#define PROCS_LEVELS	3	/* namespaces nested: levels 1 .. 3, one worker (their init) each */
#define PROCS_BATCH	25	/* children alive at once per worker: level 1's namespace holds
				 * all three levels' (75 + 2 inits), and after a wrap it has only
				 * PID_WRAP .. SMALL_PID_MAX - 1, 100 numbers */
#define SMALL_PID_MAX	400	/* each namespace's pid_max (Linux's minimum is 301) */
#define PID_WRAP	300	/* Linux's RESERVED_PIDS: numbers restart here after a wrap */

/* Case 2 */
#define NEST_LEVELS	32	/* Linux's MAX_PID_NS_LEVEL */
#define NEST_ROUNDS	100

/* Case 3 */
#define BOMB_NPROC	200	/* the bomb's RLIMIT_NPROC */
#define BOMB_UID	61999	/* Linux: an unprivileged user for the bomb (root is exempt) */
#define BOMB_BACKOFF_MS	10	/* a bomb process sleeps this long after EAGAIN (as bash does) */
#define BOMB_BACKOFF_MAX_MS 50	/* the same without RLIMIT_NPROC: 5 times the processes, so
				 * the same number of retries per second as the limited bomb */
#define PING_ROUNDS	100	/* pipe round trips while the bomb runs */
#define PING_BOUND_S	30	/* generous liveness bound for them, not a performance goal */
#define REAPER_PROCESS_MAX 1024	/* reaper's processes at once (kernel/include/process.h) */

/* Case 4 */
#define HOG_CHUNK	(1L << 20)	/* mapped and touched at a time */
#define HOG_AS_LINUX	(128L << 20)	/* the hog's RLIMIT_AS on the host */
#define HOG_PROBES	5		/* probes made while memory is exhausted */
#define FREE_TOLERANCE	(512L << 10)	/* freeram may stay this much lower (see the case) */

/* Case 5 */
#define PIPE_TOTAL	(100L << 20)	/* bytes through the pipe */

#define EXIT_CODE_EXEC	7	/* what `stress_test --exit` exits with */
#define EXIT_EXEC_FAIL	120	/* a child whose execve failed */
#define EXIT_CHILD_FAULT 3	/* a hog's probe child that found no frame for its first write */

static const char *self_path;	/* argv[0]: the suite execs itself with --exit */

/* --- Slab counts (reaper only) --------------------------------------------------------- */

/* The caches a process and a namespace are made of (DESIGN.md §4). */
static const char *const tracked_caches[] = { "pid", "pid_namespace", "process", "task_struct" };
#define NR_TRACKED (sizeof(tracked_caches) / sizeof(tracked_caches[0]))
#define SLAB_SETTLE_MS	500	/* how long a count may take to come back (see slab_same) */

struct slab_snapshot {
	long active[NR_TRACKED];	/* active_objs of each tracked cache, -1 if missing */
};

/* slab_active() - @name's active_objs in /proc/slabinfo text @text, or -1. */
static long slab_active(const char *text, const char *name)
{
	size_t len = strlen(name);

	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
		if (strncmp(l, name, len) == 0 && l[len] == ' ')
			return atol(l + len);
	return -1;
}

/* slab_take() - a snapshot of the tracked caches. Return: false if slabinfo is unreadable. */
static bool slab_take(struct slab_snapshot *s)
{
	static char text[16384];

	if (tap_read_file("/proc/slabinfo", text, sizeof(text)) < 0)
		return tap_fail(__FILE__, __LINE__, "/proc/slabinfo: %s", tap_errno_name(errno));
	for (size_t i = 0; i < NR_TRACKED; i++)
		s->active[i] = slab_active(text, tracked_caches[i]);
	return true;
}

/* slab_differs() - the first tracked cache not at @before's count, or -1 (-2: unreadable). */
static int slab_differs(const struct slab_snapshot *before, struct slab_snapshot *now)
{
	if (!slab_take(now))
		return -2;
	for (size_t i = 0; i < NR_TRACKED; i++)
		if (now->active[i] != before->active[i])
			return (int)i;
	return -1;
}

/* slab_same() - is every tracked cache back at @before's count? Prints the first difference
 * (with @what: which round) when @loud. A thread's struct is freed by the next thread to run
 * after its last switch (kernel/sched.c), which may come a moment after its parent's wait
 * returned - as Linux frees a task_struct after its final schedule - so a difference gets
 * SLAB_SETTLE_MS to go away before it counts. Reaper only: on the host the counts are the
 * whole machine's, and other work changes them all the time. */
static bool slab_same(const struct slab_snapshot *before, const char *what, bool loud)
{
	struct slab_snapshot now;
	int i = -1;

	if (!tap_on_reaper())
		return true;
	for (int waited = 0; waited <= SLAB_SETTLE_MS; waited += 10) {
		i = slab_differs(before, &now);
		if (i < 0)
			return i == -1;
		tap_sleep_ms(10);
	}
	if (loud)
		tap_note("%s: slab %s has %ld active objects, %ld before", what,
			 tracked_caches[i], now.active[i], before->active[i]);
	return false;
}

/* slab_baseline() - take @s (reaper only; on the host there is nothing to compare). */
static bool slab_baseline(struct slab_snapshot *s)
{
	return !tap_on_reaper() || slab_take(s);
}

/* --- Small tools ----------------------------------------------------------------------- */

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* clone_newpid() - a child that is pid 1 of a new namespace runs @body and exits 0.
 * Return: its number here (tracked), or -1. */
static pid_t clone_newpid(void (*body)(void))
{
	long nr;

	fflush(stdout);
	nr = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (nr == 0) {
		body();
		_exit(0);
	}
	if (!EXPECT_TRUE(nr > 0))
		tap_note("clone(CLONE_NEWPID): %s", tap_errno_name(errno));
	return tap_track(nr);
}

/* pipe_is_orphaned() - no process holds the write end of the pipe @rd reads any more: a
 * non-blocking read gives end of file (after draining what was written), not EAGAIN.
 * Return: the bytes drained, or -1 if a writer is still there. */
static long pipe_is_orphaned(int rd)
{
	char buf[512];
	long total = 0, n;

	fcntl(rd, F_SETFL, O_NONBLOCK);
	while ((n = read(rd, buf, sizeof(buf))) > 0)
		total += n;
	return n == 0 ? total : -1;
}

/* fork_exec_wait() - fork, exec ourselves with --exit, wait. Return: the status word, or
 * -errno if fork or wait failed. */
static long fork_exec_wait(void)
{
	char *argv[] = { (char *)self_path, "--exit", NULL };
	int status;
	pid_t child;

	fflush(stdout);
	child = fork();
	if (child == 0) {
		execv(self_path, argv);
		_exit(EXIT_EXEC_FAIL);
	}
	if (child < 0)
		return -errno;
	if (waitpid(child, &status, 0) != child)
		return -errno;
	return status;
}

/* --- 1. 10,000 processes in nested namespaces ------------------------------------------- */

/* What one worker (the init of level @level) reports. */
struct worker_report {
	long level;
	long forked, reaped;	/* children made and reaped with the right status */
	long fork_errno;	/* first fork failure's errno, 0 if none */
	long bad_status;	/* reaped, but not with the status the child chose */
	long bad_nr;		/* a number out of range, given twice while alive, or < PID_WRAP
				 * after a wrap */
	long wraps;		/* times the numbers started again from below */
	long max_nr;		/* the highest number seen */
	long pid_max_set;	/* 1: pid_max was set to SMALL_PID_MAX, 0: left, -errno: failed */
	long inner_status;	/* the next level's worker's status word, 0 at the last level */
	long leftover;		/* 1: a child was still there after the last wait */
};

static int procs_reports[2] = { -1, -1 };	/* workers -> case: struct worker_report */
static int procs_level;				/* of the running worker */

/* set_small_pid_max() - in a namespace init: pid_max = SMALL_PID_MAX through a proc of
 * its own namespace, mounted for the write. Return: 1, 0 (not per namespace), or -errno. */
static long set_small_pid_max(void)
{
	char dir[64], value[16];
	long ret;

	if (!tap_pid_max_is_per_ns())
		return 0;
	snprintf(dir, sizeof(dir), "/tmp/stress.XXXXXX");
	if (!mkdtemp(dir))
		return -errno;
	if (mount("proc", dir, "proc", 0, NULL) != 0) {
		ret = -errno;
		rmdir(dir);
		return ret;
	}
	snprintf(value, sizeof(value), "%d\n", SMALL_PID_MAX);
	ret = tap_write_at(dir, "sys/kernel/pid_max", value);
	umount(dir);
	rmdir(dir);
	return ret ? ret : 1;
}

/* check_batch_nrs() - the numbers of one batch, all alive at once: in range, distinct,
 * increasing except where the allocator wrapped, and >= PID_WRAP after a wrap. */
static void check_batch_nrs(struct worker_report *r, const pid_t *nrs, int n, pid_t *last)
{
	for (int i = 0; i < n; i++) {
		bool bad = nrs[i] < 2 || (r->pid_max_set == 1 && nrs[i] >= SMALL_PID_MAX);

		for (int j = 0; j < i; j++)
			bad |= nrs[j] == nrs[i];
		if (nrs[i] < *last)
			r->wraps++;
		if (r->wraps && r->pid_max_set == 1 && nrs[i] < PID_WRAP)
			bad = true;
		r->bad_nr += bad;
		r->max_nr = nrs[i] > r->max_nr ? nrs[i] : r->max_nr;
		*last = nrs[i];
	}
}

/* run_batch() - fork @n children that exit with their own getpid() & 0xff, reap each by
 * number. Return: false if a fork failed (recorded in @r). */
static bool run_batch(struct worker_report *r, int n, pid_t *last)
{
	pid_t nrs[PROCS_BATCH];
	int made = 0, status;

	while (made < n) {
		pid_t c = fork();

		if (c == 0)
			_exit(getpid() & 0xff);
		if (c < 0) {
			r->fork_errno = errno;
			break;
		}
		nrs[made++] = c;
	}
	r->forked += made;
	check_batch_nrs(r, nrs, made, last);
	for (int i = 0; i < made; i++) {
		if (waitpid(nrs[i], &status, 0) == nrs[i] && WIFEXITED(status) &&
		    WEXITSTATUS(status) == (nrs[i] & 0xff))
			r->reaped++;
		else
			r->bad_status++;
	}
	return made == n;
}

static void body_procs_worker(void);

/* procs_share() - how many children the worker of @level forks (level 1 takes the rest). */
static long procs_share(int level)
{
	return PROCS_TOTAL / PROCS_LEVELS + (level == 1 ? PROCS_TOTAL % PROCS_LEVELS : 0);
}

/* body_procs_worker() - a namespace init at level procs_level (1..PROCS_LEVELS): start the
 * next level's worker, then fork and reap its share in batches, then reap the next level,
 * check nothing is left, and report. */
static void body_procs_worker(void)
{
	struct worker_report r = { .level = ++procs_level };
	pid_t inner = 0, last = 0;
	int status;

	r.pid_max_set = set_small_pid_max();
	if (procs_level < PROCS_LEVELS) {
		fflush(stdout);
		inner = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
		if (inner == 0) {
			body_procs_worker();
			_exit(0);
		}
	}
	while (r.forked < procs_share(r.level)) {
		long left = procs_share(r.level) - r.forked;

		if (!run_batch(&r, left < PROCS_BATCH ? left : PROCS_BATCH, &last))
			break;
	}
	if (inner > 0 && waitpid(inner, &status, 0) == inner)
		r.inner_status = status;
	else if (inner != 0)
		r.inner_status = -1;
	r.leftover = !(waitpid(-1, &status, WNOHANG | __WALL) == -1 && errno == ECHILD);
	/* One write of less than PIPE_BUF bytes: never interleaved with another level's. */
	if (write(procs_reports[1], &r, sizeof(r)) != sizeof(r))
		_exit(1);
}

/* check_worker() - one level's report. */
static void check_worker(const struct worker_report *r)
{
	tap_note("level %ld: %ld forked, %ld reaped, %ld wraps, highest number %ld", r->level,
		 r->forked, r->reaped, r->wraps, r->max_nr);
	EXPECT_EQ(r->fork_errno, 0);
	EXPECT_EQ(r->forked, procs_share(r->level));
	EXPECT_EQ(r->reaped, r->forked);
	EXPECT_EQ(r->bad_status, 0);
	EXPECT_EQ(r->bad_nr, 0);
	EXPECT_EQ(r->leftover, 0);
	EXPECT_EQ(r->inner_status, 0);
	EXPECT_TRUE(r->pid_max_set == 1 || r->pid_max_set == 0);
	if (r->pid_max_set == 1) {
		/* Every level's numbers are shared with the levels below it, so each wraps
		 * at least share / SMALL_PID_MAX times. */
		EXPECT_TRUE(r->wraps >= procs_share(r->level) / SMALL_PID_MAX);
		EXPECT_TRUE(r->max_nr < SMALL_PID_MAX);
	}
}

static void ten_thousand_procs_in_nested_namespaces(void)
{
	struct worker_report r[PROCS_LEVELS + 1];
	struct slab_snapshot before;
	long reaped = 0;
	double t0 = now_s();
	pid_t init;

	tap_case_begin(CASE_TIMEOUT);	/* first: its alarm() may start a kernel thread */
	if (!slab_baseline(&before))
		return tap_case_end();
	if (!EXPECT_OK(pipe(procs_reports)))
		return tap_case_end();
	procs_level = 0;
	init = clone_newpid(body_procs_worker);
	close(procs_reports[1]);
	memset(r, 0, sizeof(r));
	for (int i = 0; i < PROCS_LEVELS; i++) {
		struct worker_report one;

		if (read(procs_reports[0], &one, sizeof(one)) != sizeof(one)) {
			tap_fail(__FILE__, __LINE__, "only %d of %d levels reported", i,
				 PROCS_LEVELS);
			break;
		}
		if (EXPECT_TRUE(one.level >= 1 && one.level <= PROCS_LEVELS))
			r[one.level] = one;
	}
	EXPECT_EQ(tap_wait_status(init, 0), tap_exit_status(0));
	for (int l = 1; l <= PROCS_LEVELS; l++) {
		check_worker(&r[l]);
		reaped += r[l].reaped;
	}
	EXPECT_EQ(reaped, PROCS_TOTAL);
	EXPECT_TRUE(slab_same(&before, "after 10,000 processes", true));
	tap_note("%d processes in %.1f s", PROCS_TOTAL, now_s() - t0);
	close(procs_reports[0]);
	tap_case_end();
}

/* --- 2. 32 levels of namespaces, torn down 100 times ---------------------------------- */

static int nest_reports[2] = { -1, -1 };	/* the deepest level -> case: one long */
static int nest_alive[2] = { -1, -1 };		/* every level holds the write end */
static int nest_level;

/* body_nest_chain() - the init of level 1 clones level 2, which clones level 3 ... (each
 * child goes round the loop once more); level 32 reports what a 33rd clone(CLONE_NEWPID)
 * gives. Then every level waits to be killed. */
static void body_nest_chain(void)
{
	long child;

	for (;;) {
		nest_level++;
		child = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
		if (child != 0)
			break;
		if (nest_level == NEST_LEVELS)
			_exit(0);	/* level 33, which must not exist */
	}
	if (nest_level == NEST_LEVELS)
		tap_write_long(nest_reports[1], tap_result(child));
	else if (child < 0)
		tap_write_long(nest_reports[1], -1000 - nest_level);
	for (;;)
		pause();
}

/* nest_round() - one build and teardown. Return: true if everything checked out; the first
 * failure is described (@loud) and fails the case. */
static bool nest_round(const struct slab_snapshot *before, int round, bool loud)
{
	char what[48];
	long depth_result, drained;
	int status;
	pid_t init;

	if (pipe(nest_reports) != 0 || pipe(nest_alive) != 0)
		return tap_fail(__FILE__, __LINE__, "pipe: %s", tap_errno_name(errno));
	nest_level = 0;
	init = clone_newpid(body_nest_chain);
	close(nest_alive[1]);
	close(nest_reports[1]);
	depth_result = tap_read_long(nest_reports[0]);
	tap_kill(init, SIGKILL);
	status = tap_wait_status(init, 0);
	drained = pipe_is_orphaned(nest_alive[0]);
	close(nest_alive[0]);
	close(nest_reports[0]);
	snprintf(what, sizeof(what), "round %d", round);
	if (depth_result == -ENOSPC && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL &&
	    drained == 0 && slab_same(before, what, loud))
		return true;
	if (loud) {
		tap_note("round %d: clone at depth 33 gave %ld (want %d), init's status %#x, "
			 "orphaned pipe %ld", round, depth_result, -ENOSPC, status, drained);
		tap_fail(__FILE__, __LINE__, "round %d of %d went wrong", round, NEST_ROUNDS);
	}
	return false;
}

static void nest_32_levels_torn_down_100_times(void)
{
	struct slab_snapshot before;
	int bad = 0;
	double t0 = now_s();

	tap_case_begin(CASE_TIMEOUT);	/* first: its alarm() may start a kernel thread */
	if (!slab_baseline(&before))
		return tap_case_end();
	for (int round = 1; round <= NEST_ROUNDS && !tap_case_timed_out(); round++)
		bad += !nest_round(&before, round, bad == 0);
	EXPECT_EQ(bad, 0);
	tap_note("%d rounds of %d levels in %.1f s", NEST_ROUNDS, NEST_LEVELS, now_s() - t0);
	tap_case_end();
}

/* --- 3. A fork bomb in a namespace ------------------------------------------------------ */

static int bomb_members[2] = { -1, -1 };	/* each bomb process writes one byte, keeps it */
static int bomb_errors[2] = { -1, -1 };	/* each writes its first fork failure's errno */
static bool bomb_unlimited;			/* no RLIMIT_NPROC: only PROCESS_MAX stops it */

/* bomb_limit() - in the namespace init: RLIMIT_NPROC = BOMB_NPROC; on the host also a user
 * of its own, since Linux counts per user and lets root (ours) past the limit. */
static void bomb_limit(void)
{
	struct rlimit rl = { BOMB_NPROC, BOMB_NPROC };

	if (bomb_unlimited)
		rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
	if (setrlimit(RLIMIT_NPROC, &rl) != 0)
		_exit(2);
	if (bomb_unlimited)
		return;	/* reaper only (fork_bomb_fills_process_max) */
	/* Raw calls: musl's setuid() makes every thread it knows of switch, by signalling
	 * them - and a child of a raw clone still has its parent's thread id cached. */
	if (!tap_on_reaper() && (syscall(SYS_setgid, BOMB_UID) != 0 ||
				 syscall(SYS_setuid, BOMB_UID) != 0))
		_exit(3);
	/* If the suite dies, the bomb goes with it (its init's death takes the namespace).
	 * After setuid, which clears it on Linux. reaper has no parent-death signal: there
	 * the suite dying ends the boot anyway. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
}

/* body_bomb() - the bomb: every process forks for ever; the children do the same. After a
 * failure each reports the errno once and backs off BOMB_BACKOFF_MS before trying again. */
static void body_bomb(void)
{
	bool reported = false;

	bomb_limit();
	if (write(bomb_members[1], "m", 1) != 1)
		_exit(4);
	for (;;) {
		pid_t c = fork();

		if (c == 0) {
			reported = false;
			if (write(bomb_members[1], "m", 1) != 1)
				_exit(4);
			continue;
		}
		if (c > 0)
			continue;
		if (!reported) {
			int e = errno;

			reported = write(bomb_errors[1], &e, sizeof(e)) == sizeof(e);
		}
		tap_sleep_ms(bomb_unlimited ? BOMB_BACKOFF_MAX_MS : BOMB_BACKOFF_MS);
	}
}

/* body_refill() - after the bomb: the same limit, fork until it says no (children sleep);
 * a byte for each process made, so the case counts them. Then wait to be killed. The
 * parent writes each child's byte itself: a child that had not run yet when the case killed
 * it would have been missed (on a loaded host the refill once came out 14 short). */
static void body_refill(void)
{
	int e;

	bomb_limit();
	if (write(bomb_members[1], "m", 1) != 1)
		_exit(4);
	for (;;) {
		pid_t c = fork();

		if (c == 0)
			for (;;)
				pause();
		if (c < 0)
			break;
		if (write(bomb_members[1], "m", 1) != 1)
			_exit(4);
	}
	e = errno;
	if (write(bomb_errors[1], &e, sizeof(e)) != sizeof(e))
		_exit(5);
	for (;;)
		pause();
}

/* processes_outside() - reaper: how many processes there are (the numbered entries of
 * /proc, the root namespace's there); they count against the bomb's RLIMIT_NPROC too. 0 on
 * the host, where the bomb's user has no other process. */
static long processes_outside(void)
{
	struct dirent *e;
	long n = 0;
	DIR *d;

	if (!tap_on_reaper() || !(d = opendir("/proc")))
		return 0;
	while ((e = readdir(d)))
		n += e->d_name[0] >= '1' && e->d_name[0] <= '9';
	closedir(d);
	return n;
}

/* A child that echoes bytes back, for the ping-pong. */
struct pinger {
	int there[2], back[2];
	pid_t child;
};

/* ping_start() - fork the echoing child. Return: false if pipe or fork failed. */
static bool ping_start(struct pinger *pp)
{
	char c;

	pp->child = -1;
	pp->there[0] = pp->there[1] = pp->back[0] = pp->back[1] = -1;
	if (pipe(pp->there) != 0 || pipe(pp->back) != 0)
		return false;
	fflush(stdout);
	pp->child = fork();
	if (pp->child == 0) {
		close(pp->there[1]);
		close(pp->back[0]);
		while (read(pp->there[0], &c, 1) == 1 && write(pp->back[1], &c, 1) == 1)
			;
		_exit(0);
	}
	return pp->child > 0;
}

/* ping_run() - PING_ROUNDS one-byte round trips. Return: the seconds they took, or -1 if a
 * byte went missing. */
static double ping_run(struct pinger *pp)
{
	double t0 = now_s();
	char c = 'p';

	for (int i = 0; i < PING_ROUNDS; i++)
		if (write(pp->there[1], &c, 1) != 1 || read(pp->back[0], &c, 1) != 1)
			return -1;
	return now_s() - t0;
}

/* ping_stop() - end the child (end of file on its pipe) and reap it. */
static void ping_stop(struct pinger *pp)
{
	int status;

	for (int i = 0; i < 2; i++) {
		if (pp->there[i] >= 0)
			close(pp->there[i]);
		if (pp->back[i] >= 0)
			close(pp->back[i]);
	}
	if (pp->child > 0)
		EXPECT_EQ(waitpid(pp->child, &status, 0), pp->child);
}

/* ping_pong() - start, run, stop. Return: ping_run()'s. */
static double ping_pong(void)
{
	struct pinger pp;
	double secs = -1;

	if (ping_start(&pp))
		secs = ping_run(&pp);
	ping_stop(&pp);
	return secs;
}

/* start_bomb_ns() - a namespace init running @body with the bomb pipes. Return: its number,
 * after the first fork failure's errno has arrived in *@err (0 if it never did). */
static pid_t start_bomb_ns(void (*body)(void), int *err)
{
	pid_t init;

	*err = 0;
	if (pipe(bomb_members) != 0 || pipe(bomb_errors) != 0) {
		tap_fail(__FILE__, __LINE__, "pipe: %s", tap_errno_name(errno));
		return -1;
	}
	init = clone_newpid(body);
	close(bomb_members[1]);
	close(bomb_errors[1]);
	if (read(bomb_errors[0], err, sizeof(*err)) != sizeof(*err))
		tap_note("no fork failure reported by the bomb");
	return init;
}

/* stop_bomb_ns() - SIGKILL @init, reap it; every process of its namespace must be gone at
 * once (the members pipe has no writer). Return: how many members there were, or -1. */
static long stop_bomb_ns(pid_t init)
{
	long members;
	int status;

	tap_kill(init, SIGKILL);
	status = tap_wait_status(init, 0);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	members = pipe_is_orphaned(bomb_members[0]);
	EXPECT_TRUE(pipe_is_orphaned(bomb_errors[0]) >= 0);
	close(bomb_members[0]);
	close(bomb_errors[0]);
	return members;
}

static void fork_bomb_stopped_by_nproc_limit(void)
{
	struct slab_snapshot before;
	long members, refilled, others = processes_outside();
	double ping, t0 = now_s();
	int err;
	pid_t init;

	tap_case_begin(CASE_TIMEOUT);	/* first: its alarm() may start a kernel thread */
	if (!slab_baseline(&before))
		return tap_case_end();
	bomb_unlimited = false;
	init = start_bomb_ns(body_bomb, &err);
	EXPECT_EQ(err, EAGAIN);
	tap_sleep_ms(200);	/* let the rest of the bomb run into the limit too */
	/* The rest of the system: we are outside the namespace, under no such limit. */
	EXPECT_EQ(fork_exec_wait(), tap_exit_status(EXIT_CODE_EXEC));
	ping = ping_pong();
	tap_note("%d ping-pong round trips beside the bomb: %.3f s", PING_ROUNDS, ping);
	EXPECT_TRUE(ping >= 0 && ping < PING_BOUND_S);
	members = stop_bomb_ns(init);
	tap_note("the bomb had %ld processes, %ld more were outside (limit %d)", members, others,
		 BOMB_NPROC);
	/* Not one over: forks racing between the limit check and the count once went one
	 * over (kernel/fork.c link_child). */
	EXPECT_TRUE(members > BOMB_NPROC / 2 && members + others <= BOMB_NPROC);
	EXPECT_TRUE(slab_same(&before, "after the bomb", true));
	/* The limit is free again: a new namespace under it gets as far as the bomb did. */
	init = start_bomb_ns(body_refill, &err);
	EXPECT_EQ(err, EAGAIN);
	refilled = stop_bomb_ns(init);
	EXPECT_EQ(refilled, members);
	EXPECT_TRUE(slab_same(&before, "after the refill", true));
	tap_note("bomb, refill and teardowns in %.1f s", now_s() - t0);
	tap_case_end();
}

/* fork_bomb_fills_process_max - the same bomb without RLIMIT_NPROC, so reaper's system-wide
 * PROCESS_MAX (kernel/include/process.h) stops it: then nobody can fork, not even we outside
 * the namespace (EAGAIN), but the processes that exist go on (a ping-pong with a child forked
 * before), and SIGKILL to one init frees the whole table. Reaper only: on the host the
 * limits are the machine's (threads-max, pid_max), and a bomb there would fill them. */
static void fork_bomb_fills_process_max(void)
{
	struct slab_snapshot before;
	struct pinger pp;
	long members, others;
	double ping, t0 = now_s();
	int err;
	pid_t init;

	SKIP_IF(!tap_on_reaper(), "the host's process limits are the whole machine's");
	tap_case_begin(CASE_TIMEOUT);	/* first: its alarm() may start a kernel thread */
	if (!slab_baseline(&before) || !EXPECT_TRUE(ping_start(&pp)))
		return tap_case_end();
	others = processes_outside();
	bomb_unlimited = true;
	init = start_bomb_ns(body_bomb, &err);
	EXPECT_EQ(err, EAGAIN);
	tap_sleep_ms(200);
	EXPECT_EQ(processes_outside(), REAPER_PROCESS_MAX);	/* the table is full */
	EXPECT_EQ(fork_exec_wait(), -EAGAIN);			/* for everyone */
	ping = ping_run(&pp);
	tap_note("%d ping-pong round trips with the table full: %.3f s", PING_ROUNDS, ping);
	EXPECT_TRUE(ping >= 0 && ping < PING_BOUND_S);
	members = stop_bomb_ns(init);
	tap_note("the bomb had %ld processes, %ld more were outside", members, others);
	EXPECT_EQ(members + others, REAPER_PROCESS_MAX);
	ping_stop(&pp);
	EXPECT_EQ(fork_exec_wait(), tap_exit_status(EXIT_CODE_EXEC));
	EXPECT_TRUE(slab_same(&before, "after the bomb", true));
	tap_note("filled and emptied in %.1f s", now_s() - t0);
	tap_case_end();
}

/* --- 4. Memory exhaustion --------------------------------------------------------------- */

/* What the hog reports. How it stopped: mmap failed (errno), or a touch faulted. */
struct hog_report {
	long mb;			/* MiB mapped and touched when it stopped */
	long mmap_errno;		/* mmap's errno, 0 if it stopped by a fault */
	long fault_sig;			/* the signal of the fault, 0 if mmap failed */
	long probe[HOG_PROBES];		/* each probe's result (see hog_probes) */
};

static int hog_reports[2] = { -1, -1 };
static sigjmp_buf hog_jump;
static volatile sig_atomic_t hog_fault_sig;
static char hog_altstack[64 * 1024];
static char hog_block[64 * 1024];	/* what the tmpfs probe writes */
static pid_t hog_self;			/* the hog; its forked probes are not */

/* on_hog_fault() - a touch found no memory: back to hog_fill(). A child forked by a probe
 * inherits the handler; its first write to a page it shares with the hog needs a frame
 * too, and it must not go back into the hog's code: it exits EXIT_CHILD_FAULT. */
static void on_hog_fault(int sig)
{
	if (getpid() != hog_self)
		_exit(EXIT_CHILD_FAULT);
	hog_fault_sig = sig;
	siglongjmp(hog_jump, 1);
}

/* hog_prepare() - what the hog needs once memory is gone must exist before: its signal
 * stack and handlers, the stack it runs on (touched), and the report pipe's buffer page. */
static void hog_prepare(void)
{
	struct sigaction sa = { .sa_handler = on_hog_fault, .sa_flags = SA_ONSTACK };
	stack_t ss = { .ss_sp = hog_altstack, .ss_size = sizeof(hog_altstack) };
	volatile char deep[128 * 1024];

	hog_self = getpid();
	memset(hog_altstack, 0, sizeof(hog_altstack));
	memset(hog_block, 'h', sizeof(hog_block));
	for (size_t i = 0; i < sizeof(deep); i += 4096)
		deep[i] = 1;
	sigaltstack(&ss, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	if (!tap_on_reaper()) {
		struct rlimit rl = { HOG_AS_LINUX, HOG_AS_LINUX };

		setrlimit(RLIMIT_AS, &rl);
	}
}

/* hog_fill() - map and touch HOG_CHUNK at a time until mmap fails or a touch faults. */
static void hog_fill(struct hog_report *r)
{
	volatile char *p;

	if (sigsetjmp(hog_jump, 1)) {
		r->fault_sig = hog_fault_sig;
		return;
	}
	for (;;) {
		p = mmap(NULL, HOG_CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
		if (p == MAP_FAILED) {
			r->mmap_errno = errno;
			return;
		}
		for (long off = 0; off < HOG_CHUNK; off += 4096)
			p[off] = 1;
		r->mb++;
	}
}

/* probe_child_status() - a child's end, as a probe's result: 0 it exited 0 (or, for an exec
 * child, with EXIT_CODE_EXEC), 1000 + signal if killed, 2000 + code otherwise. */
static long probe_child_status(pid_t child, int ok_code)
{
	int status;

	if (waitpid(child, &status, 0) != child)
		return -3000 - errno;
	if (WIFEXITED(status))
		return WEXITSTATUS(status) == ok_code ? 0 : 2000 + WEXITSTATUS(status);
	return 1000 + WTERMSIG(status);
}

/* hog_probes() - with memory exhausted, each of these must work or fail with its errno;
 * a result is 0 (worked), -errno (the call failed) or a child's end (probe_child_status).
 *   0 fork  1 vfork + exec  2 pipe  3 a tmpfs file written and unlinked  4 a child that
 *   maps and touches 4 MB. */
static void hog_probes(struct hog_report *r)
{
	char *argv[] = { (char *)self_path, "--exit", NULL }, path[] = "/tmp/stress-oom.XXXXXX";
	int p[2], fd;
	pid_t c;

	c = fork();
	if (c == 0)
		_exit(0);
	r->probe[0] = c < 0 ? -errno : probe_child_status(c, 0);
	c = vfork();
	if (c == 0) {
		execv(self_path, argv);
		_exit(EXIT_EXEC_FAIL);
	}
	r->probe[1] = c < 0 ? -errno : probe_child_status(c, EXIT_CODE_EXEC);
	r->probe[2] = pipe(p) != 0 ? -errno : (close(p[0]), close(p[1]), 0);
	fd = mkstemp(path);
	r->probe[3] = fd < 0 ? -errno : 0;
	for (int i = 0; fd >= 0 && i < 4 && !r->probe[3]; i++)
		if (write(fd, hog_block, sizeof(hog_block)) != sizeof(hog_block))
			r->probe[3] = -errno;
	if (fd >= 0 && (close(fd), unlink(path) != 0))
		r->probe[3] = -5000 - errno;
	c = fork();
	if (c == 0) {
		char *m = mmap(NULL, 4L << 20, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m == MAP_FAILED)
			_exit(2);
		memset(m, 1, 4L << 20);
		_exit(0);
	}
	r->probe[4] = c < 0 ? -errno : probe_child_status(c, 0);
}

/* body_hog() - fill memory, probe, report, exit (which gives everything back). */
static void body_hog(void)
{
	struct hog_report r = { 0 };

	tap_write_long(hog_reports[1], 0);	/* the pipe's buffer page, allocated now */
	hog_prepare();
	hog_fill(&r);
	hog_probes(&r);
	if (write(hog_reports[1], &r, sizeof(r)) != sizeof(r))
		_exit(1);
}

/* probe_ok() - is @v an acceptable result for probe @i under exhaustion? */
static bool probe_ok(int i, long v)
{
	static const char *const names[HOG_PROBES] = { "fork", "vfork+exec", "pipe",
						       "tmpfs write", "map+touch child" };

	tap_note("probe %s under exhaustion: %ld", names[i], v);
	if (v == 0 || v == -ENOMEM)
		return true;
	switch (i) {
	case 0:
	case 1:
		/* fork: EAGAIN too; a fork child may find no frame for its first write
		 * (EXIT_CHILD_FAULT, or SIGSEGV if not even the signal frame fits); an exec
		 * that fails after the point of no return kills the child (SIGSEGV,
		 * SIGKILL), one that fails before exits EXIT_EXEC_FAIL. */
		return v == -EAGAIN || v == 1000 + SIGSEGV || v == 1000 + SIGKILL ||
		       v == 2000 + EXIT_CHILD_FAULT || (i == 1 && v == 2000 + EXIT_EXEC_FAIL);
	case 2:
		return v == -ENFILE;
	case 3:
		return v == -ENOSPC;
	default:
		/* reaper: a touch with no frame left is SIGSEGV (kernel/mm/fault.c); Linux's
		 * OOM killer sends SIGKILL; mmap itself may say ENOMEM (exit 2). */
		return v == -EAGAIN || v == 1000 + SIGSEGV || v == 1000 + SIGKILL ||
		       v == 1000 + SIGBUS || v == 2000 + 2 || v == 2000 + EXIT_CHILD_FAULT;
	}
}

/* free_bytes() - sysinfo's freeram in bytes. */
static long free_bytes(void)
{
	struct sysinfo si;

	return sysinfo(&si) == 0 ? (long)(si.freeram * si.mem_unit) : -1;
}

/* check_hog() - it really ran out: on reaper near all free memory went (a fault or ENOMEM);
 * on the host RLIMIT_AS stopped it (mmap ENOMEM near 256 MB). */
static void check_hog(const struct hog_report *r, long free_before)
{
	tap_note("hog: %ld MiB, mmap errno %ld, fault signal %ld (free before: %ld MiB)", r->mb,
		 r->mmap_errno, r->fault_sig, free_before >> 20);
	if (tap_on_reaper()) {
		EXPECT_TRUE(r->mmap_errno == ENOMEM || r->fault_sig == SIGSEGV);
		EXPECT_TRUE(r->mb * 10 >= (free_before >> 20) * 7);
	} else {
		EXPECT_EQ(r->mmap_errno, ENOMEM);
		EXPECT_TRUE(r->mb * 2 >= HOG_AS_LINUX >> 20);
	}
	for (int i = 0; i < HOG_PROBES; i++)
		EXPECT_TRUE(probe_ok(i, r->probe[i]));
}

static void memory_exhaustion_enomem_and_recovery(void)
{
	struct slab_snapshot before;
	struct hog_report r;
	long free_before, free_after;
	double t0 = now_s();
	bool got;
	pid_t hog;

	tap_case_begin(CASE_TIMEOUT);	/* first: its alarm() may start a kernel thread */
	/* Warm up what the check afterwards would otherwise count: the first exec of
	 * ourselves (dentries) and a fork. */
	EXPECT_EQ(fork_exec_wait(), tap_exit_status(EXIT_CODE_EXEC));
	if (!slab_baseline(&before))
		return tap_case_end();
	free_before = free_bytes();
	if (!EXPECT_OK(pipe(hog_reports)))
		return tap_case_end();
	hog = tap_fork_child(body_hog);
	close(hog_reports[1]);
	got = tap_read_long(hog_reports[0]) == 0 &&
	      read(hog_reports[0], &r, sizeof(r)) == (long)sizeof(r);
	/* Nothing else until the hog has exited: while it holds every frame, our first write
	 * to a page still shared with it since the fork (stdout's buffer, a counter) would need
	 * a copy, find no frame and kill us with SIGSEGV (reaper has no OOM killer). */
	EXPECT_EQ(tap_wait_status(hog, 0), tap_exit_status(0));
	if (EXPECT_TRUE(got))
		check_hog(&r, free_before);
	close(hog_reports[0]);
	/* Recovered: memory is back (reaper: exactly enough; the allowance is what slabs and the
	 * dcache may keep, as user/tests/run.c's), fork and exec work, a big mapping works. */
	free_after = free_bytes();
	tap_note("free memory: %ld KiB before, %ld KiB after", free_before >> 10,
		 free_after >> 10);
	if (tap_on_reaper())
		EXPECT_TRUE(free_after >= free_before - FREE_TOLERANCE);
	EXPECT_EQ(fork_exec_wait(), tap_exit_status(EXIT_CODE_EXEC));
	EXPECT_TRUE(slab_same(&before, "after the hog", true));
	tap_note("exhausted and recovered in %.1f s", now_s() - t0);
	tap_case_end();
}

/* fork_at_limit_copied_mm_first - regression: reaper's fork checked PROCESS_MAX and
 * RLIMIT_NPROC only when it allocated the child's number, after copying the address space.
 * A fork over the limit copied every page table (and marked every page copy-on-write) for
 * nothing, which made a fork bomb's failing forks slow enough to starve the rest of the
 * system (fork_bomb_stopped_by_nproc_limit's ping-pong took 27 s of its 30), and with memory
 * exhausted such a fork said ENOMEM where Linux says EAGAIN: Linux checks RLIMIT_NPROC in
 * copy_process() before copy_mm(). Here a process that holds all memory (on the host: all
 * its RLIMIT_AS) and is over its RLIMIT_NPROC forks: EAGAIN, on both. */
static void body_limit_hog(void)
{
	struct rlimit one = { 1, 1 };
	struct hog_report r = { 0 };
	pid_t c;

	tap_write_long(hog_reports[1], 0);
	hog_prepare();
	hog_fill(&r);
	if (setrlimit(RLIMIT_NPROC, &one) != 0)
		_exit(2);
	/* Linux lets root past RLIMIT_NPROC: become BOMB_UID (raw, see bomb_limit()). */
	if (!tap_on_reaper() && (syscall(SYS_setgid, BOMB_UID) != 0 ||
				 syscall(SYS_setuid, BOMB_UID) != 0))
		_exit(3);
	c = fork();
	if (c == 0)
		_exit(0);
	r.probe[0] = c < 0 ? -errno : probe_child_status(c, 0);
	if (write(hog_reports[1], &r, sizeof(r)) != sizeof(r))
		_exit(1);
}

static void fork_at_limit_copied_mm_first(void)
{
	struct hog_report r = { 0 };
	double t0 = now_s();
	bool got;
	pid_t hog;

	tap_case_begin(CASE_TIMEOUT);
	if (!EXPECT_OK(pipe(hog_reports)))
		return tap_case_end();
	hog = tap_fork_child(body_limit_hog);
	close(hog_reports[1]);
	got = tap_read_long(hog_reports[0]) == 0 &&
	      read(hog_reports[0], &r, sizeof(r)) == (long)sizeof(r);
	/* As in memory_exhaustion_enomem_and_recovery: no write until the hog is gone. */
	EXPECT_EQ(tap_wait_status(hog, 0), tap_exit_status(0));
	if (EXPECT_TRUE(got)) {
		tap_note("hog: %ld MiB, mmap errno %ld, fault signal %ld; fork over the limit: %ld",
			 r.mb, r.mmap_errno, r.fault_sig, r.probe[0]);
		EXPECT_TRUE(r.mmap_errno == ENOMEM || r.fault_sig == SIGSEGV);
		EXPECT_EQ(r.probe[0], -EAGAIN);
	}
	close(hog_reports[0]);
	tap_note("in %.1f s", now_s() - t0);
	tap_case_end();
}

/* --- 5. 100 MB through a pipe ----------------------------------------------------------- */

/* stream_word() - the 8 bytes at offset 8 * @k of the stream: a mix of @k, so a lost,
 * repeated or reordered byte changes what the reader sees at that offset. */
static uint64_t stream_word(uint64_t k)
{
	uint64_t x = k * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL;

	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9ULL;
	return x ^ (x >> 29);
}

/* stream_fill() - @n bytes of the stream from offset @off into @buf. */
static unsigned char stream_byte(long off)
{
	return stream_word((uint64_t)off >> 3) >> ((off & 7) * 8);
}

static void stream_fill(unsigned char *buf, long off, long n)
{
	long i = 0;

	for (; i < n && ((off + i) & 7); i++)
		buf[i] = stream_byte(off + i);
	for (; i + 8 <= n; i += 8) {
		uint64_t w = stream_word((uint64_t)(off + i) >> 3);

		memcpy(buf + i, &w, 8);	/* little-endian: byte j of the word is offset 8k + j */
	}
	for (; i < n; i++)
		buf[i] = stream_byte(off + i);
}

/* next_size() - the next write or read size: 1 byte to 100 KB, small ones often. */
static long next_size(uint64_t *seed)
{
	static const long sizes[] = { 1, 7, 100, 512, 4095, 4096, 4097, 8192, 65536, 100000 };

	*seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return sizes[(*seed >> 33) % (sizeof(sizes) / sizeof(sizes[0]))];
}

/* checksum_add() - a running checksum of the stream's bytes (FNV-1a, 64 bits). */
static uint64_t checksum_add(uint64_t h, const unsigned char *p, long n)
{
	for (long i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

#define FNV_START 0xcbf29ce484222325ULL

static int stream_pipe[2] = { -1, -1 };
static int stream_reports[2] = { -1, -1 };
static unsigned char stream_buf[100000];

/* body_stream_writer() - PIPE_TOTAL bytes of the stream in varied sizes; report the count
 * and checksum of what write() accepted. */
static void body_stream_writer(void)
{
	uint64_t seed = 1, sum = FNV_START;
	long off = 0;

	close(stream_pipe[0]);
	while (off < PIPE_TOTAL) {
		long n = next_size(&seed), w;

		n = n < PIPE_TOTAL - off ? n : PIPE_TOTAL - off;
		stream_fill(stream_buf, off, n);
		w = write(stream_pipe[1], stream_buf, n);
		if (w <= 0)
			break;
		sum = checksum_add(sum, stream_buf, w);
		off += w;
	}
	tap_write_long(stream_reports[1], off);
	tap_write_long(stream_reports[1], (long)sum);
}

/* body_stream_reader() - read to end of file in varied sizes, check every byte against the
 * stream; report the count, the checksum and the offset of the first wrong byte (-1). */
static void body_stream_reader(void)
{
	static unsigned char want[sizeof(stream_buf)];
	uint64_t seed = 2, sum = FNV_START;
	long off = 0, first_bad = -1, n;

	close(stream_pipe[1]);
	while ((n = read(stream_pipe[0], stream_buf, next_size(&seed))) > 0) {
		sum = checksum_add(sum, stream_buf, n);
		stream_fill(want, off, n);
		if (first_bad < 0 && memcmp(want, stream_buf, n) != 0)
			for (long i = 0; i < n && first_bad < 0; i++)
				if (want[i] != stream_buf[i])
					first_bad = off + i;
		off += n;
	}
	tap_write_long(stream_reports[1], n < 0 ? -errno : off);
	tap_write_long(stream_reports[1], (long)sum);
	tap_write_long(stream_reports[1], first_bad);
}

static void pipe_100mb_checksum(void)
{
	long w_count, w_sum, r_count, r_sum, first_bad;
	double t0 = now_s();
	pid_t writer, reader;

	tap_case_begin(CASE_TIMEOUT);
	if (!EXPECT_OK(pipe(stream_pipe)) || !EXPECT_OK(pipe(stream_reports)))
		return tap_case_end();
	writer = tap_fork_child(body_stream_writer);
	reader = tap_fork_child(body_stream_reader);
	tap_close_pipe(stream_pipe);
	close(stream_reports[1]);
	/* The writer reports first: the reader's end of file comes after the writer exits. */
	w_count = tap_read_long(stream_reports[0]);
	w_sum = tap_read_long(stream_reports[0]);
	r_count = tap_read_long(stream_reports[0]);
	r_sum = tap_read_long(stream_reports[0]);
	first_bad = tap_read_long(stream_reports[0]);
	close(stream_reports[0]);
	EXPECT_EQ(tap_wait_status(writer, 0), tap_exit_status(0));
	EXPECT_EQ(tap_wait_status(reader, 0), tap_exit_status(0));
	EXPECT_EQ(w_count, PIPE_TOTAL);
	EXPECT_EQ(r_count, PIPE_TOTAL);
	EXPECT_EQ(first_bad, -1);
	EXPECT_EQ(r_sum, w_sum);
	tap_note("%ld MB through a pipe in %.1f s", PIPE_TOTAL >> 20, now_s() - t0);
	tap_case_end();
}

/* --- The suite ---------------------------------------------------------------------------- */

static const struct tap_case cases[] = {
	TAP_CASE(ten_thousand_procs_in_nested_namespaces),
	TAP_CASE(nest_32_levels_torn_down_100_times),
	TAP_CASE(fork_bomb_stopped_by_nproc_limit),
	TAP_CASE(fork_bomb_fills_process_max),
	TAP_CASE(memory_exhaustion_enomem_and_recovery),
	TAP_CASE(fork_at_limit_copied_mm_first),
	TAP_CASE(pipe_100mb_checksum),
};

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--exit") == 0)
		return EXIT_CODE_EXEC;
	self_path = argv[0];
	/* Orphans come back to us, so tap_case_end() reaps them. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	/* As init under reaper nobody has mounted /proc yet: the slab checks read it. */
	if (tap_on_reaper() && access("/proc/slabinfo", R_OK) != 0)
		mount("proc", "/proc", "proc", 0, NULL);
	return TAP_MAIN("stress", cases, argc, argv);
}
