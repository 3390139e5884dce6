/* fuzz.c - /tests/fuzz: a system-call fuzzer with a watchdog and a leak check.
 *
 *	fuzz [--seed S] [--iterations N] [--procs P] [--timeout SECS] [--warmup N]
 *	     [--worker W --from I] [--trace]
 *
 * DESIGN.md §1.5 says nothing a program does may crash, hang or leak the kernel; this tries
 * hard to prove otherwise. P workers run at once, each as pid 1 of a pid namespace nested 1,
 * 2 or 3 levels below ours (worker w at depth 1 + w % 3), each making N iterations of random
 * system calls with random arguments plus fork/exit/kill/ptrace/unshare(CLONE_NEWPID)/clone
 * churn, from its own children and threads too (user/lib/fuzz_exec.c, the executor). The
 * seed is printed first; the same seed gives every worker the same sequence of iterations
 * (a worker that dies - exit_group, a garbage rt_sigreturn - is restarted at the next
 * iteration). `--worker W --from I --trace` replays one worker from iteration I, printing
 * each call before making it (docs/fuzz.md: how to reproduce a seed).
 *
 * The cases (TAP through tap.h):
 *	fuzz/warm_up        a short run (seed + 1) so every cache the fuzz touches exists
 *	fuzz/no_hang        every worker finished its N iterations within --timeout, and every
 *	                    executor the watchdog killed (no progress for STALL_S: a random
 *	                    call took away its SIGALRM and blocked) died within HANG_S
 *	fuzz/no_slab_leak   after the workers are gone and reaped and the scratch files removed,
 *	                    every /proc/slabinfo cache has exactly the active objects it had after
 *	                    the warm-up, except the dcache's (dentry, *_inode_cache), as in run.c
 *	fuzz/no_page_leak   free memory (sysinfo) back to within LEAK_TOLERANCE of the same point
 * Both leak checks drop the dcache's unused entries first (/proc/sys/vm/drop_caches).
 *
 * The deny list - calls left out or restricted, each with its reason (the point is to hit the
 * kernel hard, so it is short; fuzz_exec.c applies it in restrict_call() and pick_*()):
 *  - nothing at all for kill(-1), kill(0), reboot, exit: the executor is never in our
 *    namespace, so these reach only its own namespace (reboot kills its init: churn);
 *  - syslog actions 6-8 (console off/on/level): the harness judges the run by the console;
 *  - mount and umount2 only on the worker's scratch directory: a mount over /proc or /tests
 *    would break the leak check and every later exec; umount2 with UMOUNT_NOFOLLOW, since a
 *    scratch path may have become a symlink to /proc (mount follows it: clean_scratch()
 *    removes such a mount, and mounts /proc again if it went);
 *  - munmap, mprotect, madvise and MAP_FIXED mmap only inside the area the executor reserved
 *    (or on addresses that are not user memory): not the fuzzer's own text, stack or data;
 *  - execve only of the path pool, in which nothing is executable (a nested fuzzer or shell
 *    would take the worker over);
 *  - /proc/sys/kernel/pid_max is not in the path pool: written through our (root) proc it
 *    could stop the harness from forking;
 *  - the progress pipe's descriptor (FUZZ_PROGRESS_FD) is never drawn.
 * On the Linux host (tests/run-on-linux.sh) random calls would hit the machine we build on,
 * so there the executor uses only a safe subset (host_safe): the calls marked host in
 * fuzz_exec.c's table - no mount, umount2, reboot, syslog, sync, madvise (MADV_HWPOISON as
 * root) or fchmod (our fds include /dev/null) - numbers Linux does not have (>= 1024 or
 * negative), paths of calls that change the filesystem only under the scratch directory,
 * and mmap lengths capped. The pid/wait/signal/ptrace/namespace churn is the same, and safe:
 * it stays inside the workers' namespaces. The leak checks are skipped there.
 * See also: user/lib/fuzz_exec.c, docs/fuzz.md, tests/boots.txt (the fuzz boot), run.c. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../lib/fuzz_exec.h"
#include "tap.h"

#define MAX_WORKERS	16
#define STALL_S		5		/* no progress for this long: kill the executor */
#define MAX_FRUITLESS	50		/* executors dying at set-up, in a row: a failure */
#define HANG_S		30		/* killed and still not gone after this long: a hang */
#define LEAK_TOLERANCE	(128 * 1024L)	/* bytes; the reasoning is run.c's */
#define MAX_CACHES	128
#define SLABINFO	"/proc/slabinfo"

/* A worker as the harness sees it: the chain of namespace inits down to its executor. */
struct worker {
	pid_t pid;		/* the top of the chain (pid 1 of the first namespace); 0 = none */
	int progress;		/* read end of the executor's progress pipe */
	unsigned char buf[8];	/* a partial progress record */
	int have;
	long started;		/* the last iteration the executor said it started; -1 */
	long restarts;		/* executors that died before the end */
	long stalls;		/* executors killed for making no progress */
	int fruitless;		/* executors in a row that died before their first iteration */
	bool progressed;	/* this executor has reported an iteration */
	long last_progress_ms;
	long killed_ms;		/* when the watchdog killed it; 0 = not killed */
	bool done, hung;
};

struct options {
	struct fuzz_config cfg;
	int procs;
	int timeout_s;
	long iterations;	/* of the real round (cfg.iterations is the current round's) */
	long warmup;
	int only_worker;	/* -1: all */
	long from;
};

static struct options opt = {
	.iterations = 2000, .procs = 4, .timeout_s = 900, .warmup = 300,
	.only_worker = -1,
};
static struct worker workers[MAX_WORKERS];

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- the chain: namespace inits down to the executor ---- */

/* wait_for_next_level() - as a namespace init of the chain: wait for @child, the next
 * level, reaping orphans and undoing a PTRACE_TRACEME aimed at us; exit as it did. */
static __attribute__((noreturn)) void wait_for_next_level(pid_t child)
{
	pid_t pid;
	int status;

	close(FUZZ_PROGRESS_FD);
	for (;;) {
		pid = waitpid(-1, &status, __WALL);
		if (pid < 0 && errno != EINTR)
			_exit(113);
		if (pid > 0 && WIFSTOPPED(status))
			ptrace(PTRACE_DETACH, pid, 0, WSTOPSIG(status));
		else if (pid == child)
			_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	}
}

/* nest() - from pid 1 of a namespace, @levels more namespaces down, then the executor. */
static void nest(int levels, int w, long from)
{
	for (; levels > 0; levels--) {
		pid_t child;

		if (unshare(CLONE_NEWPID) < 0 || (child = fork()) < 0)
			_exit(112);
		if (child > 0)
			wait_for_next_level(child);
	}
	fuzz_executor(&opt.cfg, w, from);
}

/* start_chain() - worker @w's executor from iteration @from, 1 + w % 3 namespaces down. */
static bool start_chain(struct worker *wk, int w, long from)
{
	int fds[2];
	long pid;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return false;
	fflush(stdout);
	pid = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		dup2(fds[1], FUZZ_PROGRESS_FD);
		for (int k = 0; k < MAX_WORKERS; k++)
			if (workers[k].pid)
				close(workers[k].progress);
		nest(w % 3, w, from);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return false;
	}
	wk->pid = (pid_t)pid;
	wk->progress = fds[0];
	wk->have = 0;
	wk->last_progress_ms = now_ms();
	wk->killed_ms = 0;
	wk->progressed = false;
	return true;
}

/* read_progress() - take the iteration numbers the executor wrote. */
static void read_progress(struct worker *wk)
{
	ssize_t n = read(wk->progress, wk->buf + wk->have, sizeof(wk->buf) - (size_t)wk->have);

	if (n <= 0)
		return;
	wk->have += (int)n;
	if (wk->have < (int)sizeof(wk->buf))
		return;
	memcpy(&wk->started, wk->buf, sizeof(wk->started));
	wk->have = 0;
	wk->progressed = true;
	wk->last_progress_ms = now_ms();
}

/* chain_ended() - the chain's top exited: the worker is done, or starts again after the
 * iteration its executor died in. */
static void chain_ended(struct worker *wk, int w)
{
	while (wk->have == 0 && poll(&(struct pollfd){ .fd = wk->progress, .events = POLLIN },
				     1, 0) > 0) {
		long before = wk->started;

		read_progress(wk);
		if (wk->started == before)
			break;
	}
	close(wk->progress);
	wk->pid = 0;
	if (wk->killed_ms)
		wk->stalls++;
	if (wk->started + 1 >= opt.cfg.iterations) {
		wk->done = true;
		return;
	}
	wk->fruitless = wk->progressed ? 0 : wk->fruitless + 1;
	if (wk->fruitless >= MAX_FRUITLESS) {	/* its set-up fails: it would never finish */
		tap_note("worker %d: %d executors in a row died before their first iteration",
			 w, MAX_FRUITLESS);
		wk->hung = wk->done = true;
		return;
	}
	wk->restarts++;
	if (!start_chain(wk, w, wk->started + 1)) {
		tap_note("worker %d: cannot start an executor: %s", w, strerror(errno));
		wk->hung = wk->done = true;
	}
}

/* reap_any() - collect exited chains (and orphans that came to us); undo a TRACEME. */
static void reap_any(int nworkers)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG | __WALL)) > 0) {
		if (WIFSTOPPED(status)) {
			ptrace(PTRACE_DETACH, pid, 0, WSTOPSIG(status));
			continue;
		}
		for (int w = 0; w < nworkers; w++)
			if (workers[w].pid == pid)
				chain_ended(&workers[w], w);
	}
}

/* dump_tasks() - after a hang, every thread the kernel still has, as /proc shows it: what
 * is stuck, in which state, traced by whom. */
static void dump_tasks(void)
{
	static const char *const fields[] = { "Name", "State", "PPid", "TracerPid", "NSpid",
					      "SigPnd", "ShdPnd", "SigBlk" };
	DIR *d = opendir("/proc");
	struct dirent *e;
	char path[600], text[2048], line[600];

	while (d && (e = readdir(d)) != NULL) {
		DIR *td;
		struct dirent *te;

		if (e->d_name[0] < '1' || e->d_name[0] > '9' || atoi(e->d_name) == getpid())
			continue;
		snprintf(path, sizeof(path), "/proc/%s/task", e->d_name);
		td = opendir(path);
		while (td && (te = readdir(td)) != NULL) {
			if (te->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "/proc/%s/task/%s/status", e->d_name, te->d_name);
			if (tap_read_file(path, text, sizeof(text)) <= 0)
				continue;
			snprintf(line, sizeof(line), "task %s/%s:", e->d_name, te->d_name);
			for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
				const char *v = tap_field(text, fields[i]);

				if (strlen(line) + strlen(fields[i]) + strlen(v) + 3 > sizeof(line))
					break;
				strcat(strcat(strcat(strcat(line, " "), fields[i]), "="), v);
			}
			tap_note("%s", line);
		}
		if (td)
			closedir(td);
	}
	if (d)
		closedir(d);
}

/* watchdog() - kill an executor that made no progress for STALL_S (a random call took its
 * SIGALRM away and blocked: legitimate, and SIGKILL must end it); one that SIGKILL has not
 * ended after HANG_S is a kernel hang. */
static void watchdog(struct worker *wk, int w, long now)
{
	if (!wk->pid || wk->hung)
		return;
	if (!wk->killed_ms && now - wk->last_progress_ms > STALL_S * 1000L) {
		kill(wk->pid, SIGKILL);
		wk->killed_ms = now;
	} else if (wk->killed_ms && now - wk->killed_ms > HANG_S * 1000L) {
		tap_note("worker %d: pid %d still there %d s after SIGKILL, at iteration %ld", w,
			 wk->pid, HANG_S, wk->started);
		dump_tasks();
		wk->hung = wk->done = true;
	}
}

static bool all_done(int nworkers)
{
	for (int w = 0; w < nworkers; w++)
		if (!workers[w].done)
			return false;
	return true;
}

static void poll_progress(int nworkers)
{
	struct pollfd p[MAX_WORKERS];
	int n = 0, map[MAX_WORKERS];

	for (int w = 0; w < nworkers; w++)
		if (workers[w].pid && !workers[w].hung) {
			p[n] = (struct pollfd){ .fd = workers[w].progress, .events = POLLIN };
			map[n++] = w;
		}
	if (poll(p, (nfds_t)n, 50) <= 0)
		return;
	for (int k = 0; k < n; k++)
		if (p[k].revents & POLLIN)
			read_progress(&workers[map[k]]);
}

/* reap_everything() - after a round: kill what is left of each chain, reap every child. */
static void reap_everything(int nworkers)
{
	long deadline = now_ms() + HANG_S * 1000L;

	for (int w = 0; w < nworkers; w++)
		if (workers[w].pid)
			kill(workers[w].pid, SIGKILL);
	while (now_ms() < deadline) {
		int status;
		pid_t pid = waitpid(-1, &status, WNOHANG | __WALL);

		if (pid < 0 && errno == ECHILD)
			return;
		if (pid > 0 && WIFSTOPPED(status))
			ptrace(PTRACE_DETACH, pid, 0, 0);
		if (pid <= 0)
			usleep(20000);
	}
	tap_note("children still there %d s after the round", HANG_S);
}

static void note_progress(int nworkers, long elapsed_ms)
{
	char line[256] = "";

	for (int w = 0; w < nworkers; w++)
		snprintf(line + strlen(line), sizeof(line) - strlen(line), " w%d %ld", w,
			 workers[w].started + 1);
	tap_note("after %ld s, iterations:%s", elapsed_ms / 1000, line);
}

/* run_round() - @iterations per worker from @seed. Return: true if nothing hung. */
static bool run_round(uint64_t seed, long iterations)
{
	int n = opt.only_worker >= 0 ? opt.only_worker + 1 : opt.procs;
	long start = now_ms(), deadline = start + opt.timeout_s * 1000L;
	bool ok = true;

	opt.cfg.seed = seed;
	opt.cfg.iterations = iterations;
	memset(workers, 0, sizeof(workers));
	for (int w = 0; w < n; w++) {
		workers[w].started = -1;
		if (opt.only_worker >= 0 && w != opt.only_worker)
			workers[w].done = true;
		else if (!start_chain(&workers[w], w, opt.only_worker >= 0 ? opt.from : 0))
			workers[w].done = workers[w].hung = true;
	}
	long next_note = start + 30000;

	while (!all_done(n) && now_ms() < deadline) {
		if (now_ms() >= next_note) {	/* a long run says how far it is */
			next_note += 30000;
			note_progress(n, now_ms() - start);
		}
		poll_progress(n);
		reap_any(n);
		for (int w = 0; w < n; w++)
			watchdog(&workers[w], w, now_ms());
	}
	for (int w = 0; w < n; w++) {
		struct worker *wk = &workers[w];

		if (opt.only_worker >= 0 && w != opt.only_worker)
			continue;
		tap_note("worker %d: depth %d, reached iteration %ld of %ld, %ld restarts, %ld "
			 "stalls%s", w, 1 + w % 3,
			 wk->started >= iterations ? iterations : wk->started + 1, iterations, wk->restarts,
			 wk->stalls, wk->hung ? ", HUNG" : !wk->done ? ", NOT FINISHED" : "");
		ok = ok && wk->done && !wk->hung;
	}
	reap_everything(n);
	tap_note("round: %ld iterations x %d workers in %.1f s", iterations, n,
		 (now_ms() - start) / 1000.0);
	return ok;
}

/* ---- the scratch directory ---- */

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type == FTW_DP || type == FTW_D)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

/* The names in / before the fuzz: a random name made relative to a worker's current
 * directory (which a random chdir may have made /) is removed with the scratch directory. */
static char *root_names[256];
static int nroot_names;

static void list_root(void)
{
	DIR *d = opendir("/");
	struct dirent *e;

	while (d && (e = readdir(d)) != NULL && nroot_names < 256)
		root_names[nroot_names++] = strdup(e->d_name);
	if (d)
		closedir(d);
}

static bool was_in_root(const char *name)
{
	for (int i = 0; i < nroot_names; i++)
		if (strcmp(root_names[i], name) == 0)
			return true;
	return false;
}

/* remove_new_in_root() - remove what the workers made in / (reaper only: on Linux they
 * make nothing outside the scratch directory, see the header). */
static void remove_new_in_root(void)
{
	DIR *d = opendir("/");
	struct dirent *e;
	char path[300];

	while (d && (e = readdir(d)) != NULL) {
		if (was_in_root(e->d_name))
			continue;
		snprintf(path, sizeof(path), "/%s", e->d_name);
		nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
		rewinddir(d);
	}
	if (d)
		closedir(d);
}

/* The mount points before the fuzz: a worker may mount on a random relative name (a mount
 * target is drawn from the scratch paths, but now and then any pointer goes), so after the
 * round everything mounted since is unmounted, deepest (latest) first. */
static char *mounts_before[64];
static int nmounts_before;

static int read_mounts(char **dirs, int max)
{
	FILE *f = fopen("/proc/mounts", "r");
	char line[512], dev[128], dir[300];
	int n = 0;

	while (f && fgets(line, sizeof(line), f) && n < max)
		if (sscanf(line, "%127s %299s", dev, dir) == 2)
			dirs[n++] = strdup(dir);
	if (f)
		fclose(f);
	return n;
}

static int count_of(char **dirs, int n, const char *dir)
{
	int k = 0;

	for (int i = 0; i < n; i++)
		k += strcmp(dirs[i], dir) == 0;
	return k;
}

/* unmount_new() - a mount on a directory that had none, or one more on a directory than
 * before (a scratch path may be a symlink the workers made to /proc, and a mount target
 * follows it), goes; if /proc itself went that way, it comes back. */
static void unmount_new(void)
{
	char *dirs[256];

	for (int pass = 0; pass < 16; pass++) {
		int n = read_mounts(dirs, 256), found = 0;

		for (int i = n - 1; i >= 0; i--) {
			bool extra = count_of(dirs, i + 1, dirs[i]) >
				     count_of(mounts_before, nmounts_before, dirs[i]);

			if (extra && umount2(dirs[i], MNT_DETACH) == 0) {
				tap_note("unmounted %s, a worker's", dirs[i]);
				found++;
			}
		}
		for (int i = 0; i < n; i++)
			free(dirs[i]);
		if (!found)
			break;
	}
	if (access(SLABINFO, R_OK) != 0 && mount("proc", "/proc", "proc", 0, NULL) == 0)
		tap_note("mounted proc on /proc again: a worker had unmounted it");
}

/* clean_scratch() - unmount what the workers mounted and remove the scratch directory and
 * what they made in /. */
static void clean_scratch(void)
{
	if (tap_on_reaper())
		unmount_new();
	nftw(opt.cfg.scratch, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	if (tap_on_reaper())
		remove_new_in_root();
}

/* ---- the leak check ---- */

struct slab_count {
	char name[32];
	long active;
};

struct snapshot {
	int n;			/* caches; -1 if slabinfo could not be read */
	struct slab_count caches[MAX_CACHES];
	long free_bytes;
};

static struct snapshot baseline, after;

static bool is_caching_cache(const char *name)
{
	return strcmp(name, "dentry") == 0 || strstr(name, "inode_cache") != NULL;
}

static void drop_caches(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);

	if (fd >= 0) {
		if (write(fd, "3\n", 2) < 0)
			tap_note("drop_caches: %s", strerror(errno));
		close(fd);
	}
}

static void take_snapshot(struct snapshot *s)
{
	char line[512];
	struct sysinfo si;
	FILE *f;

	drop_caches();
	f = fopen(SLABINFO, "r");
	s->n = f ? 0 : -1;
	while (f && fgets(line, sizeof(line), f) && s->n < MAX_CACHES) {
		struct slab_count *c = &s->caches[s->n];

		if (line[0] != '#' && strncmp(line, "slabinfo", 8) != 0 &&
		    sscanf(line, "%31s %ld", c->name, &c->active) == 2)
			s->n++;
	}
	if (f)
		fclose(f);
	else
		tap_note("cannot open %s: %s", SLABINFO, strerror(errno));
	if (s->n == 0)
		tap_note("%s has no cache lines", SLABINFO);
	s->free_bytes = sysinfo(&si) == 0 ? (long)(si.freeram * si.mem_unit) : -1;
}

static long active_in(const struct snapshot *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->caches[i].name, name) == 0)
			return s->caches[i].active;
	return 0;
}

/* ---- the cases ---- */

static bool reaper_and_root(void)
{
	return tap_on_reaper() || geteuid() == 0;
}

static void warm_up(void)
{
	SKIP_IF(!reaper_and_root(), "pid namespaces need root on Linux");
	SKIP_IF(opt.only_worker >= 0, "replaying one worker");
	EXPECT_TRUE(run_round(opt.cfg.seed + 1, opt.warmup));
	clean_scratch();
	mkdir(opt.cfg.scratch, 0755);
	take_snapshot(&baseline);
}

static void no_hang(void)
{
	uint64_t seed = opt.cfg.seed;
	bool ok;

	SKIP_IF(!reaper_and_root(), "pid namespaces need root on Linux");
	ok = run_round(seed, opt.iterations);
	opt.cfg.seed = seed;
	clean_scratch();
	take_snapshot(&after);
	if (!ok)
		tap_fail(__FILE__, __LINE__, "a worker hung or did not finish (seed %llu)",
			 (unsigned long long)seed);
}

static void no_slab_leak(void)
{
	char grown[400] = "", cached[400] = "";

	SKIP_IF(!tap_on_reaper(), "the slab check means something only on reaper");
	SKIP_IF(opt.only_worker >= 0, "replaying one worker");
	if (!EXPECT_TRUE(baseline.n > 0 && after.n > 0))
		return;
	for (int i = 0; i < after.n; i++) {
		const struct slab_count *c = &after.caches[i];
		long delta = c->active - active_in(&baseline, c->name);
		char *out = is_caching_cache(c->name) ? cached : grown;
		size_t len = strlen(out);

		if (delta > 0)
			snprintf(out + len, 400 - len, "%s%s +%ld", len ? ", " : "", c->name, delta);
	}
	if (cached[0])
		tap_note("caching (allowed): %s", cached);
	if (grown[0])
		tap_fail(__FILE__, __LINE__, "slab caches grew: %s", grown);
}

static void no_page_leak(void)
{
	long lost = baseline.free_bytes - after.free_bytes;

	SKIP_IF(!tap_on_reaper(), "the page check means something only on reaper");
	SKIP_IF(opt.only_worker >= 0, "replaying one worker");
	tap_note("free memory: %ld bytes before, %ld after (lost %ld, %ld pages)",
		 baseline.free_bytes, after.free_bytes, lost, lost / 4096);
	if (lost > LEAK_TOLERANCE)
		tap_fail(__FILE__, __LINE__, "lost %ld bytes (tolerance %ld)", lost,
			 LEAK_TOLERANCE);
}

static const struct tap_case cases[] = {
	TAP_CASE(warm_up),
	TAP_CASE(no_hang),
	TAP_CASE(no_slab_leak),
	TAP_CASE(no_page_leak),
};

/* ---- main ---- */

static void parse_options(int argc, char **argv)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	opt.cfg.seed = (uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec;
	for (int i = 1; i + 1 < argc; i += 2) {
		const char *o = argv[i], *v = argv[i + 1];

		if (strcmp(o, "--seed") == 0)
			opt.cfg.seed = strtoull(v, NULL, 0);
		else if (strcmp(o, "--iterations") == 0)
			opt.iterations = atol(v);
		else if (strcmp(o, "--procs") == 0)
			opt.procs = atoi(v) < 1 ? 1 : atoi(v) > MAX_WORKERS ? MAX_WORKERS : atoi(v);
		else if (strcmp(o, "--timeout") == 0)
			opt.timeout_s = atoi(v);
		else if (strcmp(o, "--warmup") == 0)
			opt.warmup = atol(v);
		else if (strcmp(o, "--worker") == 0)
			opt.only_worker = atoi(v) % MAX_WORKERS;
		else if (strcmp(o, "--from") == 0)
			opt.from = atol(v);
		else
			i--;	/* a flag without a value */
		if (strcmp(o, "--trace") == 0)
			opt.cfg.trace = true;
	}
	if (argc > 1 && strcmp(argv[argc - 1], "--trace") == 0)
		opt.cfg.trace = true;
}

int main(int argc, char **argv)
{
	char *no_args[] = { argv[0], NULL };
	char cwd[128];

	parse_options(argc, argv);
	opt.cfg.host_safe = !tap_on_reaper();
	if (opt.cfg.host_safe)
		snprintf(opt.cfg.scratch, sizeof(opt.cfg.scratch), "%s/fuzz-scratch",
			 getcwd(cwd, sizeof(cwd)) ? cwd : "/tmp");
	else
		snprintf(opt.cfg.scratch, sizeof(opt.cfg.scratch), "/tmp/fuzz");
	printf("fuzz: seed %llu iterations %ld procs %d%s\n", (unsigned long long)opt.cfg.seed,
	       opt.iterations, opt.procs, opt.cfg.host_safe ? " (Linux host: safe subset)" : "");
	fflush(stdout);
	if (tap_on_reaper() && access(SLABINFO, R_OK) != 0 &&
	    mount("proc", "/proc", "proc", 0, NULL) < 0)
		printf("# cannot mount proc on /proc: %s\n", strerror(errno));
	prctl(PR_SET_CHILD_SUBREAPER, 1);	/* Linux: orphans come to us, as to init */
	signal(SIGPIPE, SIG_IGN);
	setrlimit(RLIMIT_CORE, &(struct rlimit){ 0, 0 });	/* no core files from the workers */
	list_root();
	nmounts_before = read_mounts(mounts_before, 64);
	mkdir(opt.cfg.scratch, 0755);
	return TAP_MAIN("fuzz", cases, 1, no_args);
}
