/* procbench.c - how long the lifecycle of a process takes, measured from user space.
 *
 * One line per benchmark, from the timed samples (repetitions):
 *     bench NAME: median X UNIT, min Y UNIT (N reps)
 *     bench NAME: failed (ENAME)              when a sample failed, with the errno's name
 * Every sample is timed with clock_gettime(CLOCK_MONOTONIC); one untimed warm-up sample comes
 * first. The benchmarks (the table at the bottom; -o picks them by name):
 *   syscall-null         getppid(), averaged over a batch of NULL_BATCH calls per sample
 *   fork-exit-wait       fork(); the child _exit(0)s; waitpid() returns it
 *   vfork-exit-wait      the same with vfork(): no copy of the address space, the parent
 *                        sleeps until the child's _exit(0)
 *   fork-exec-wait       fork(); the child execs procbench itself with EXEC_ARG, which exits
 *                        at once (a small static program: no other file needed in the image)
 *   pidns-create         clone(CLONE_NEWPID) whose child (the new namespace's init) exits at
 *                        once: create, tear down, waitpid() returns init
 *   pidns-teardown-N     a namespace whose init has N sleeping children: from telling init to
 *                        exit until waitpid() returns it, divided by N (cost per member)
 *   pidns-traced-reap    a member traced from outside is the last zombie of a dying
 *                        namespace: from the tracer's wait returning (it has reaped the
 *                        member) to the parent's waitpid() returning init; event-driven, so
 *                        expected well under a timer tick (DESIGN.md §6, step 5)
 *   proc-walk            what ps does: list /proc and read every /proc/<pid>/status, with
 *                        WALK_SLEEPERS sleeping children of ours in it; per pid entry walked
 *   proc-growth          proc_inode_cache's active objects (/proc/slabinfo) after rounds of
 *                        "fork a child that exits, walk /proc, reap it", per round: what the
 *                        flush on reap saves (proc.flush=0 turns it off; docs/proc.md). A
 *                        count, not a time; on Linux it needs root (slabinfo is 0400)
 * The proc- benchmarks walk the system's /proc if it is a proc mount. Else procbench mounts one
 * before the first benchmark and unmounts it after the last: on /proc when it is the machine's
 * init (reaper starts it with nothing mounted), on a directory of its own under /tmp otherwise.
 * It is the same static binary on reaper and on Linux (DESIGN.md §1); on Linux the pidns
 * benchmarks need root. Reproducing the figures: docs/performance.md. Benchmarks are not
 * tests: nothing here judges a time.
 *
 * Never hang, never leak: each benchmark runs in a child of its own, the runner, which arms
 * alarm() before every sample. On SIGALRM the runner SIGKILLs the helpers it is tracking
 * (namespace inits, the tracer) - killing an init tears its namespace down - prints
 * "failed (timeout)" and exits; procbench goes on with the next benchmark. The init of every
 * new namespace first checks that it is pid 1 (a kernel that ignored CLONE_NEWPID would let
 * its members outlive it). proc-walk's sleepers block reading a pipe whose only writer is the
 * runner, so they end with it however it ends. procbench never signals pid 1 or -1.
 * As the machine's init under reaper it powers off at the end (as user/tests/tap.c does); as
 * Linux's pid 1 only with -p (make bench-linux), since there pid 1 may be a container's init.
 * This file runs the benchmarks; the samples are in lifecycle.c, pidns.c and procfs.c, their
 * helpers in report.c (procbench.h). See also: tools/bench.py (boots it on reaper and on
 * Linux, runs it on the host, compares), user/user.mk.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "procbench.h"

#define SAMPLE_TIMEOUT 30   /* seconds a sample may take (-t), setup included */
#define STRAY_WAIT_MS  5000 /* how long to wait for a timed-out runner's helpers to die */
#define MAX_ONLY       8    /* names -o may give */

struct options {
	int reps;		    /* -r: samples per benchmark; 0 = each one's default */
	const char *only[MAX_ONLY]; /* -o: only benchmarks whose name contains one of these */
	int nonly;		    /* how many; 0 = all benchmarks */
	bool quiet;		    /* -q: the bench lines only */
	unsigned timeout;	    /* -t: seconds per sample */
	bool power_off;		    /* -p: power off at the end as pid 1, on Linux too */
	unsigned settle;	    /* -w: seconds to sleep before the first benchmark */
};

static const char *running; /* the runner's benchmark, for the handler */

/* ---- The runner: one benchmark, in a process of its own ---- */

/* on_timeout() - a sample took longer than -t seconds: kill its helpers, say so, exit.
 * Only async-signal-safe calls. */
static void on_timeout(int sig)
{
	static const char failed[] = ": failed (timeout)\n";

	(void)sig;
	kill_tracked();
	if (write(STDOUT_FILENO, "bench ", 6) < 0 ||
	    write(STDOUT_FILENO, running, strlen(running)) < 0 ||
	    write(STDOUT_FILENO, failed, sizeof(failed) - 1) < 0)
		_exit(2);
	_exit(2);
}

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* format_value() - @v with three or four significant digits, for @buf. */
static const char *format_value(char *buf, size_t size, double v)
{
	double mag = v < 0 ? -v : v;

	snprintf(buf, size, "%.*f", mag < 10 ? 3 : mag < 100 ? 2 : 1, v);
	return buf;
}

/* print_result() - the bench line: median and minimum of @n samples (sorted here). */
static void print_result(const struct bench *b, double *samples, int n)
{
	double scale = strcmp(b->unit, "us") == 0 ? NS_PER_US : 1.0;
	double median;
	char med[32], min[32];

	qsort(samples, n, sizeof(*samples), compare_doubles);
	median = n % 2 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
	printf("bench %s: median %s %s, min %s %s (%d reps)\n", b->name,
	       format_value(med, sizeof(med), median / scale), b->unit,
	       format_value(min, sizeof(min), samples[0] / scale), b->unit, n);
}

/* run_samples() - the warm-up and @reps timed samples into @samples, each under alarm(). */
static int run_samples(const struct bench *b, const struct options *o, double *samples, int reps)
{
	double warm_up;
	int err;

	for (int i = -1; i < reps; i++) {
		alarm(o->timeout);
		err = b->sample(b, i < 0 ? &warm_up : &samples[i]);
		alarm(0);
		if (err)
			return err;
	}
	return 0;
}

/* runner_main() - run benchmark @b and print its line. Return: the runner's exit status. */
static int runner_main(const struct bench *b, const struct options *o)
{
	int reps = o->reps ? o->reps : b->reps;
	double *samples = calloc(reps, sizeof(*samples));
	int err;

	running = b->name;
	signal(SIGALRM, on_timeout);
	signal(SIGPIPE, SIG_IGN); /* a helper that died early: EPIPE, not death */
	reap_stamp = mmap(NULL, sizeof(*reap_stamp), PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!samples || reap_stamp == MAP_FAILED)
		err = ENOMEM;
	else
		err = run_samples(b, o, samples, reps);
	if (err)
		printf("bench %s: failed (%s)\n", b->name, err_name(err));
	else
		print_result(b, samples, reps);
	fflush(stdout);
	return err ? 1 : 0;
}

/* ---- procbench itself ---- */

static const struct bench benches[] = {
	{ "syscall-null", sample_syscall_null, 0, 20, "ns", false },
	{ "fork-exit-wait", sample_fork_exit_wait, 0, 100, "us", false },
	{ "vfork-exit-wait", sample_vfork_exit_wait, 0, 100, "us", false },
	{ "fork-exec-wait", sample_fork_exec_wait, 0, 50, "us", false },
	{ "pidns-create", sample_pidns_create, 0, 100, "us", false },
	{ "pidns-teardown-10", sample_pidns_teardown, 10, 20, "us", false },
	{ "pidns-teardown-100", sample_pidns_teardown, 100, 10, "us", false },
	{ "pidns-teardown-500", sample_pidns_teardown, 500, 5, "us", false },
	{ "pidns-traced-reap", sample_pidns_traced_reap, 0, 20, "us", false },
	{ "proc-walk", sample_proc_walk, 0, 20, "us", true },
	{ "proc-growth", sample_proc_growth, 0, 6, "obj/round", true },
};

/* reap_strays() - reap the helpers a timed-out runner left (they come to us: we are their
 * subreaper, or pid 1). A killed namespace init takes its teardown's time to die, so poll
 * until no child is left, but give up after STRAY_WAIT_MS: a kernel whose teardown hangs must
 * not stop the benchmarks that follow. */
static void reap_strays(void)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };
	pid_t got;

	for (int ms = 0; ms < STRAY_WAIT_MS; ms += 10) {
		while ((got = waitpid(-1, NULL, WNOHANG | __WALL)) > 0)
			;
		if (got < 0)
			return; /* ECHILD: none left */
		nanosleep(&tick, NULL);
	}
}

/* run_bench() - run @b in a runner; if the runner died without its line, print one. */
static void run_bench(const struct bench *b, const struct options *o)
{
	pid_t runner = fork();
	int status;

	if (runner == 0)
		_exit(runner_main(b, o));
	if (runner < 0) {
		printf("bench %s: failed (%s)\n", b->name, err_name(errno));
	} else if (reap(runner, &status) == 0 && WIFSIGNALED(status)) {
		printf("bench %s: failed (killed by signal %d)\n", b->name, WTERMSIG(status));
	}
	fflush(stdout);
	reap_strays();
}

/* add_only() - -o's argument: one name, or several separated by commas (-o may repeat).
 * Return: 0, or -1 if there are more than MAX_ONLY in all. */
static int add_only(struct options *o, char *arg)
{
	for (char *name = strtok(arg, ","); name; name = strtok(NULL, ",")) {
		if (o->nonly == MAX_ONLY)
			return -1;
		o->only[o->nonly++] = name;
	}
	return 0;
}

/* is_selected() - whether -o picked @b: its name contains one of the names given. */
static bool is_selected(const struct bench *b, const struct options *o)
{
	for (int i = 0; i < o->nonly; i++)
		if (strstr(b->name, o->only[i]))
			return true;
	return o->nonly == 0;
}

static int parse_options(int argc, char **argv, struct options *o)
{
	int c;

	*o = (struct options){ .timeout = SAMPLE_TIMEOUT };
	while ((c = getopt(argc, argv, "r:o:qt:pw:")) != -1) {
		switch (c) {
		case 'r':
			o->reps = atoi(optarg);
			break;
		case 'o':
			if (add_only(o, optarg) < 0)
				return -1;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 't':
			o->timeout = (unsigned)atoi(optarg);
			break;
		case 'p':
			o->power_off = true;
			break;
		case 'w':
			o->settle = (unsigned)atoi(optarg);
			break;
		default:
			return -1;
		}
	}
	return o->reps < 0 || o->timeout == 0 ? -1 : 0;
}

/* needs_proc() - whether a benchmark -o picked walks /proc. */
static bool needs_proc(const struct options *o)
{
	for (size_t i = 0; i < sizeof(benches) / sizeof(benches[0]); i++)
		if (benches[i].needs_proc && is_selected(&benches[i], o))
			return true;
	return false;
}

/* power_off_if_init() - as the machine's init, power off so that QEMU exits (on Linux pid 1
 * must not exit: the kernel would panic). On Linux only with -p (make bench-linux gives it):
 * else pid 1 there is the init of some container, and its reboot() is not ours to call. */
static void power_off_if_init(const struct options *o)
{
	struct utsname uts;

	if (getpid() != 1 || uname(&uts) < 0)
		return;
	if (strcmp(uts.sysname, "Linux") == 0 && !o->power_off)
		return;
	sync();
	reboot(RB_POWER_OFF);
	printf("procbench: reboot(RB_POWER_OFF) failed: %s\n", err_name(errno));
}

int main(int argc, char **argv)
{
	struct options o;
	struct utsname uts;
	uint64_t t0;

	if (argc == 2 && strcmp(argv[1], EXEC_ARG) == 0)
		return 0; /* fork-exec-wait's child: nothing else to do */
	t0 = now_ns();
	self_path = strchr(argv[0], '/') ? argv[0] : "/proc/self/exe";
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (parse_options(argc, argv, &o) < 0) {
		fprintf(stderr,
			"usage: %s [-r REPS] [-o NAME[,NAME...]]... [-q] [-t SECONDS] [-p] [-w SECONDS]\n",
			argv[0]);
		return 2;
	}
	if (!o.quiet && uname(&uts) == 0) /* the first line: boot-to-init ends here */
		printf("procbench: pid %d on %s %s\n", getpid(), uts.sysname, uts.release);
	/* A timed-out runner's helpers come back to us, not to the host's init. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	/* Mounted before the first benchmark, so that every one runs with the same mounts: with
	 * a proc mounted, each reap has a superblock to flush (fork-exit-wait pays for it). */
	if (needs_proc(&o))
		proc_setup();
	if (!o.quiet && procfs.mounted)
		printf("procbench: mounted a proc on %s\n", procfs.dir);
	/* A kernel just booted may still be busy (Linux finishes probing, seeding and writing back
	 * in kernel threads for a while after init starts): -w lets that pass first. */
	if (o.settle)
		sleep(o.settle);
	for (size_t i = 0; i < sizeof(benches) / sizeof(benches[0]); i++)
		if (is_selected(&benches[i], &o))
			run_bench(&benches[i], &o);
	proc_teardown();
	if (!o.quiet)
		printf("procbench: done in %.1f s\n", (double)(now_ns() - t0) / 1e9);
	power_off_if_init(&o);
	return 0;
}
