/* run.c - /tests/run: every test suite in its own process, with a timeout and a leak check.
 *
 * Booted as init (init=/tests/run [-- --rounds N --timeout SECS SUITE...]) it runs each
 * program of its own directory (/tests) except itself and the suites in `not_run` below
 * (they need typed input: their own boots in tests/boots.txt type it). Each suite runs as a
 * child in a process group of its own, its output (stdout and stderr, through a pipe) copied
 * to the console as TAP comments ("# ok 3 - pipe/x"), so only the runner's own TAP lines
 * count:
 *	ok 1 - run/pipe_test             exit status 0 and its closing line says 0 failed
 *	ok 2 - run/pipe_test/no_leak     free memory came back to within LEAK_TOLERANCE
 * A suite still running after its timeout is killed (SIGKILL to its whole group). After each
 * suite the runner kills what is left of the group and reaps it, then compares free memory
 * (sysinfo: freeram * mem_unit) with the figure taken just before the suite started.
 *
 * The tolerance: after a suite the kernel legitimately keeps some memory it used - each slab
 * cache keeps its partly used slabs (one page each for most caches), the dcache keeps unused
 * and negative dentries (and their inodes) on its LRU until a shrinker trims them, and a
 * process's first exec of a binary leaves its dentries. These are bounded by the number of
 * caches and names touched, not by how much the suite did, so a fixed allowance covers them:
 * LEAK_TOLERANCE = 128 KiB (32 pages), twice the most any suite kept when first measured (16
 * pages; tests/README.md has the figures). A real leak grows with the work: a lost page per
 * process or per pipe shows up over the hundreds each suite creates. --rounds 2 runs the whole
 * list twice to prove the allowance is warm-up and not a leak: in round 2 the caches are warm,
 * and every suite measured came back to exactly 0 bytes lost.
 *	ok 3 - run/pipe_test/no_slab_leak  no slab cache has more active objects than before
 * The slab check reads /proc/slabinfo (mounting proc on /proc if nobody has) before and after
 * each suite and compares active_objs per cache, exactly (DESIGN.md §4). Only the caches in
 * caching_caches (the dcache and the inodes its unused dentries keep) may grow, and round 1
 * is warm-up: its growth is reported, failed only from round 2 on, so the run boot uses
 * --rounds 2 (tests/README.md has the measurements).
 * On the Linux host (tests/run-on-linux.sh) the leak check is meaningless - other processes
 * allocate all the time - so it is skipped there (tap_on_reaper()).
 * As pid 1 it powers the machine off after its closing line "N passed, M failed".
 * See also: tap.h, tests/README.md, tests/boots.txt (the "run" boot). */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/reboot.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

#define LEAK_TOLERANCE	(128 * 1024L)	/* bytes; see the header comment */
#define SUITE_TIMEOUT	120		/* seconds a suite may run */
#define MAX_SUITES	64
#define LINE_MAX_LEN	512
#define POLL_STEP_MS	200		/* how often watch() looks for the suite's exit */
#define MAX_CACHES	128		/* slab caches a snapshot holds */
#define SLABINFO	"/proc/slabinfo"

/* Suites the runner leaves out, and what they need instead. */
static const struct {
	const char *name;
	const char *needs;
} not_run[] = {
	{ "run", "it is this runner" },
	{ "tty_test", "typed input on the console: boot tty in tests/boots.txt types it" },
	{ "jobctl_test", "typed input (^C) on the console: boot jobctl in tests/boots.txt" },
	{ "stress_test", "about 45 s under TCG, twice would double the boot: boot stress in "
			 "tests/boots.txt; it checks its own slab counts" },
	{ "fuzz", "too long to run twice here, and its own leak check: boot fuzz in tests/boots.txt" },
};

/* Caches that keep objects on purpose after a suite: the dcache keeps unused and negative
 * dentries on its LRU (with their names, when longer than the inline 40 bytes, in kmalloc),
 * and an unused dentry keeps its inode. Their growth is reported, not failed; every other
 * cache must come back to exactly its count before the suite. */
static const char *const caching_caches[] = {
	"dentry", "shmem_inode_cache", "proc_inode_cache",
};

/* One cache's active_objs in a snapshot of /proc/slabinfo. */
struct slab_count {
	char name[32];
	long active;
};

struct slab_snapshot {
	int n;				/* caches; -1 if /proc/slabinfo could not be read */
	struct slab_count caches[MAX_CACHES];
};

static int cases_run, cases_failed;	/* the runner's own TAP cases */

/* ---- TAP lines of the runner ---- */

static void report(bool ok, const char *name, const char *why)
{
	cases_run++;
	cases_failed += !ok;
	printf("%sok %d - run/%s%s%s\n", ok ? "" : "not ", cases_run, name, why ? " # " : "",
	       why ? why : "");
	fflush(stdout);
}

/* ---- choosing the suites ---- */

static bool is_excluded(const char *name)
{
	for (size_t i = 0; i < sizeof(not_run) / sizeof(not_run[0]); i++)
		if (strcmp(name, not_run[i].name) == 0)
			return true;
	return name[0] == '.';
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* list_suites() - the suites of @dir, sorted, into @names. Return: how many. */
static int list_suites(const char *dir, char **names)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)) != NULL && n < MAX_SUITES)
		if (!is_excluded(e->d_name))
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, (size_t)n, sizeof(names[0]), compare_names);
	return n;
}

/* ---- running one suite ---- */

struct suite_run {
	pid_t pid;
	int out;			/* read end of the suite's output pipe */
	char line[LINE_MAX_LEN];	/* a partial output line */
	size_t len;
	int passed, failed;		/* from its closing line; -1 if none seen */
	bool timed_out;
	bool exited;			/* reaped already (check_exit()) */
	int status;			/* wait status */
};

/* free_bytes() - free memory now, as sysinfo reports it. */
static long free_bytes(void)
{
	struct sysinfo si;

	if (sysinfo(&si) < 0)
		return -1;
	return (long)(si.freeram * si.mem_unit);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* spawn() - start @path in its own process group with stdout/stderr to a new pipe. */
static bool spawn(struct suite_run *r, const char *path)
{
	int fds[2];

	if (pipe(fds) < 0)
		return false;
	fflush(stdout);
	r->pid = fork();
	if (r->pid == 0) {
		setpgid(0, 0);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		close(fds[1]);
		execl(path, path, (char *)NULL);
		printf("cannot run %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	r->out = fds[0];
	if (r->pid > 0)
		setpgid(r->pid, r->pid);	/* both sides, so neither races the other */
	return r->pid > 0;
}

/* take_line() - one complete output line: copy it as a comment, note a closing line. */
static void take_line(struct suite_run *r)
{
	int p, f;

	r->line[r->len] = '\0';
	printf("# %s\n", r->line);
	if (sscanf(r->line, "%d passed, %d failed", &p, &f) == 2) {
		r->passed = p;
		r->failed = f;
	}
	r->len = 0;
}

/* forward() - copy what the suite wrote; false at end of file. */
static bool forward(struct suite_run *r)
{
	char buf[1024];
	ssize_t n = read(r->out, buf, sizeof(buf));

	if (n < 0 && errno == EINTR)
		return true;
	for (ssize_t i = 0; i < n; i++) {
		if (buf[i] == '\n' || r->len == LINE_MAX_LEN - 1)
			take_line(r);
		if (buf[i] != '\n')
			r->line[r->len++] = buf[i];
	}
	return n > 0;
}

/* check_exit() - has the suite itself exited? Then its leftovers (a background child still
 * holding the output pipe) are killed, so the pipe reaches end of file. */
static void check_exit(struct suite_run *r)
{
	if (r->exited || waitpid(r->pid, &r->status, WNOHANG) != r->pid)
		return;
	r->exited = true;
	kill(-r->pid, SIGKILL);
}

/* watch() - forward output until the pipe closes, killing the group at the deadline; polls
 * in steps of POLL_STEP_MS to notice the suite's exit. */
static void watch(struct suite_run *r, int timeout_s)
{
	long deadline = now_ms() + timeout_s * 1000L;
	struct pollfd p = { .fd = r->out, .events = POLLIN };

	for (;;) {
		long left = deadline - now_ms();
		int n = poll(&p, 1, left > POLL_STEP_MS ? POLL_STEP_MS : left > 0 ? (int)left : 0);

		if (n > 0 && !forward(r))
			break;
		if (n == 0 && left <= 0 && (r->timed_out || r->exited))
			break;	/* killed, and the pipe still did not close: give up on it */
		if (n == 0 && left <= 0) {
			r->timed_out = true;
			kill(-r->pid, SIGKILL);
			kill(r->pid, SIGKILL);
			deadline = now_ms() + 5000;	/* for the pipe to close */
		}
		check_exit(r);
	}
	if (r->len)
		take_line(r);
	close(r->out);
}

/* reap() - the suite's status, then kill and reap whatever of its group is left (orphans
 * come to us: we are init, or a child subreaper on Linux). */
static void reap(struct suite_run *r)
{
	int status;

	while (!r->exited && waitpid(r->pid, &r->status, 0) < 0 && errno == EINTR)
		;
	kill(-r->pid, SIGKILL);
	while (waitpid(-r->pid, &status, 0) > 0 || errno == EINTR)
		;
}

/* verdict() - run/<suite>: how the suite ended. */
static void verdict(const char *name, const struct suite_run *r, int timeout_s)
{
	char why[128];

	if (r->timed_out)
		snprintf(why, sizeof(why), "killed after %d s", timeout_s);
	else if (WIFSIGNALED(r->status))
		snprintf(why, sizeof(why), "killed by signal %d", WTERMSIG(r->status));
	else if (WEXITSTATUS(r->status) != 0)
		snprintf(why, sizeof(why), "exit status %d", WEXITSTATUS(r->status));
	else if (r->failed != 0)
		snprintf(why, sizeof(why), r->failed < 0 ? "no closing line" : "%d case(s) failed",
			 r->failed);
	else
		why[0] = '\0';
	report(why[0] == '\0', name, why[0] ? why : NULL);
}

/* leak_check() - run/<suite>/no_leak: memory back to within the tolerance. */
static void leak_check(const char *name, long before, long after)
{
	char case_name[320], why[128];
	long lost = before - after;

	snprintf(case_name, sizeof(case_name), "%s/no_leak", name);
	if (!tap_on_reaper()) {
		report(true, case_name, "SKIP the leak check means something only on reaper");
		return;
	}
	snprintf(why, sizeof(why), "lost %ld bytes (%ld pages; tolerance %ld)", lost,
		 lost / 4096, LEAK_TOLERANCE);
	report(lost <= LEAK_TOLERANCE, case_name, why);
}

/* ---- the slab check: /proc/slabinfo before and after ---- */

/* slab_snapshot_take() - every cache's active_objs now (Linux's slabinfo 2.1 lines). */
static void slab_snapshot_take(struct slab_snapshot *snap)
{
	FILE *f = fopen(SLABINFO, "r");
	char line[LINE_MAX_LEN];

	snap->n = f ? 0 : -1;
	while (f && fgets(line, sizeof(line), f) && snap->n < MAX_CACHES) {
		struct slab_count *c = &snap->caches[snap->n];

		if (line[0] != '#' && strncmp(line, "slabinfo", 8) != 0 &&
		    sscanf(line, "%31s %ld", c->name, &c->active) == 2)
			snap->n++;
	}
	if (f)
		fclose(f);
}

static long slab_active_in(const struct slab_snapshot *snap, const char *name)
{
	for (int i = 0; i < snap->n; i++)
		if (strcmp(snap->caches[i].name, name) == 0)
			return snap->caches[i].active;
	return 0;	/* a cache created during the suite started at 0 */
}

static bool is_caching_cache(const char *name)
{
	for (size_t i = 0; i < sizeof(caching_caches) / sizeof(caching_caches[0]); i++)
		if (strcmp(name, caching_caches[i]) == 0)
			return true;
	return false;
}

/* slab_growth() - "name +N" for each cache that grew, into @out (@cached: the caching ones,
 * else the others). Return: how many grew. */
static int slab_growth(const struct slab_snapshot *before, const struct slab_snapshot *after,
		       bool cached, char *out, size_t size)
{
	int grew = 0;

	out[0] = '\0';
	for (int i = 0; i < after->n; i++) {
		const struct slab_count *c = &after->caches[i];
		long delta = c->active - slab_active_in(before, c->name);
		size_t len = strlen(out);

		if (delta <= 0 || is_caching_cache(c->name) != cached)
			continue;
		grew++;
		snprintf(out + len, size - len, "%s%s +%ld", len ? ", " : "", c->name, delta);
	}
	return grew;
}

/* slab_check() - run/<suite>/no_slab_leak: no cache but the caching ones grew. */
static void slab_check(const char *name, int round, const struct slab_snapshot *before,
		       const struct slab_snapshot *after)
{
	char case_name[320], grown[200], cached[200], why[420];
	int n;

	snprintf(case_name, sizeof(case_name), "%s/no_slab_leak", name);
	if (!tap_on_reaper()) {
		report(true, case_name, "SKIP the slab check means something only on reaper");
		return;
	}
	if (before->n < 0 || after->n < 0) {
		report(false, case_name, "cannot read " SLABINFO);
		return;
	}
	n = slab_growth(before, after, false, grown, sizeof(grown));
	slab_growth(before, after, true, cached, sizeof(cached));
	snprintf(why, sizeof(why), "%s%s%s%s%s", n ? "grew: " : "", grown, n && cached[0] ? "; " : "",
		 cached[0] ? "caching: " : "", cached);
	/* Round 1 is warm-up: a suite's first run may start something that stays (measured:
	 * signal_test task_struct +1, fork_test kmalloc-128 +1, never again in round 2). */
	if (n && round == 1)
		snprintf(why + strlen(why), sizeof(why) - strlen(why), " (round 1: warm-up)");
	report(n == 0 || round == 1, case_name, why[0] ? why : NULL);
}

/* proc_mount_if_needed() - under reaper as init nothing has mounted /proc yet. */
static void proc_mount_if_needed(void)
{
	if (tap_on_reaper() && access(SLABINFO, R_OK) != 0 &&
	    mount("proc", "/proc", "proc", 0, NULL) < 0)
		printf("# cannot mount proc on /proc: %s\n", strerror(errno));
}

/* run_suite() - one suite from start to leak check; cases of rounds after the first are
 * named "run/roundN/<suite>...", so every TAP name stays unique. */
static void run_suite(const char *dir, const char *suite, int round, int timeout_s)
{
	struct suite_run r = { .passed = -1, .failed = -1 };
	static struct slab_snapshot slabs_before, slabs_after;
	char path[600], name[300];
	long before, after;

	snprintf(path, sizeof(path), "%s/%s", dir, suite);
	if (round > 1)
		snprintf(name, sizeof(name), "round%d/%s", round, suite);
	else
		snprintf(name, sizeof(name), "%s", suite);
	printf("# == %s\n", name);
	fflush(stdout);
	slab_snapshot_take(&slabs_before);
	before = free_bytes();
	if (!spawn(&r, path)) {
		report(false, name, "cannot start it (pipe or fork failed)");
		return;
	}
	watch(&r, timeout_s);
	reap(&r);
	after = free_bytes();
	slab_snapshot_take(&slabs_after);
	verdict(name, &r, timeout_s);
	leak_check(name, before, after);
	slab_check(name, round, &slabs_before, &slabs_after);
}

/* ---- main ---- */

/* suite_dir() - where the suites are: beside this program. */
static const char *suite_dir(const char *argv0)
{
	static char dir[256];
	const char *slash = strrchr(argv0, '/');
	size_t len = slash ? (size_t)(slash - argv0) : 0;

	if (!slash || len >= sizeof(dir))
		return "/tests";
	memcpy(dir, argv0, len);
	dir[len] = '\0';
	return len ? dir : "/";
}

static void finish(void)
{
	printf("%d passed, %d failed\n", cases_run - cases_failed, cases_failed);
	fflush(stdout);
	if (getpid() == 1) {
		sync();
		reboot(RB_POWER_OFF);
	}
	exit(cases_failed ? 1 : 0);
}

int main(int argc, char **argv)
{
	char *names[MAX_SUITES];
	int rounds = 1, timeout_s = SUITE_TIMEOUT, n = 0;
	const char *dir = suite_dir(argv[0]);

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
			rounds = atoi(argv[++i]);
		else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
			timeout_s = atoi(argv[++i]);
		else if (n < MAX_SUITES)
			names[n++] = argv[i];
	}
	if (n == 0)
		n = list_suites(dir, names);
	prctl(PR_SET_CHILD_SUBREAPER, 1);	/* Linux: orphans come to us, as to init */
	for (size_t i = 0; i < sizeof(not_run) / sizeof(not_run[0]); i++)
		printf("# not run: %s (%s)\n", not_run[i].name, not_run[i].needs);
	proc_mount_if_needed();
	free_bytes();	/* the first sysinfo call may allocate; not inside a measurement */
	for (int round = 1; round <= rounds; round++) {
		printf("# round %d of %d\n", round, rounds);
		for (int i = 0; i < n; i++)
			run_suite(dir, names[i], round, timeout_s);
	}
	finish();
}
