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
 * As the machine's init under reaper it powers off at the end (as user/tests/tap.c does).
 * See also: tools/bench.py (boots it, runs it on the host, compares), user/user.mk.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define NULL_BATCH     10000 /* getppid() calls per syscall-null sample */
#define SAMPLE_TIMEOUT 30    /* seconds a sample may take (-t), setup included */
#define MAX_TRACKED    4     /* helpers alive at once in one sample */
#define STRAY_WAIT_MS  5000  /* how long to wait for a timed-out runner's helpers to die */
#define MAX_ONLY       8     /* names -o may give */
#define NS_PER_US      1000.0
#define EXEC_ARG       "--exit-at-once" /* fork-exec-wait's child: main() returns 0 at once */

/* The proc- benchmarks */
#define WALK_SLEEPERS 40    /* proc-walk: our sleeping children in /proc during a walk */
#define GROWTH_ROUNDS 50    /* proc-growth: fork/walk/reap rounds per sample */
#define STATUS_MAX    4096  /* a /proc/<pid>/status (Linux's: ~1.5 kB) */
#define SLABINFO_MAX  65536 /* /proc/slabinfo (Linux's: ~200 caches, 30-40 kB) */
#define GROWTH_CACHE  "proc_inode_cache" /* proc-growth: the slab cache it watches */

/* What a sample returns: 0, a positive errno value, or one of these. */
#define ERR_NOT_INIT (-1) /* the child of clone(CLONE_NEWPID) is not pid 1 */
#define ERR_STATUS   (-2) /* a helper ended with an unexpected wait status */
#define ERR_EOF	     (-3) /* a helper closed its pipe without a report */
#define ERR_STOP     (-4) /* the tracer saw a ptrace stop it did not expect */
#define ERR_NO_SLAB  (-5) /* /proc/slabinfo has no GROWTH_CACHE line (some Linux hosts) */

/* Helpers (inits, members, the tracer) report an error as one byte on a pipe and as their exit
 * status: errno values as they are, ours from CODE_BASE on (ERR_NOT_INIT is CODE_BASE + 1). */
#define CODE_BASE 200

struct bench {
	const char *name;
	int (*sample)(const struct bench *b, double *ns); /* one timed repetition */
	int members;					  /* pidns-teardown-N: N; else unused */
	int reps;					  /* default number of timed samples */
	const char *unit; /* "ns" or "us", for the output line; else a count's, not scaled */
	bool needs_proc;  /* walks procfs.dir: procbench mounts a proc first if need be */
};

struct options {
	int reps;		    /* -r: samples per benchmark; 0 = each one's default */
	const char *only[MAX_ONLY]; /* -o: only benchmarks whose name contains one of these */
	int nonly;		    /* how many; 0 = all benchmarks */
	bool quiet;		    /* -q: the bench lines only */
	unsigned timeout;	    /* -t: seconds per sample */
	bool power_off;		    /* -p: power off at the end as pid 1, on Linux too */
};

/* The proc the proc- benchmarks walk, set up by main() before any runner is forked. */
struct proc_mount {
	char dir[64];  /* "/proc", or our directory under /tmp */
	int err;       /* why there is no proc to walk (an errno value); 0 if there is one */
	bool mounted;  /* we mounted it: unmount it at the end */
	bool made_dir; /* we made dir: remove it at the end */
};

/* A namespace init seen from its parent (the runner): its number there and our pipe ends. */
struct ns_init {
	pid_t pid;  /* in the runner's namespace */
	int go;	    /* write end: 'f' forks one more member, 'x' (or EOF) exits */
	int report; /* read end: a byte from init, one per member (0, or an error) */
};

/* The runner's helpers still alive, which the timeout handler kills. 0 = a free slot. */
static volatile pid_t tracked[MAX_TRACKED];
static const char *running;	      /* the runner's benchmark, for the handler */
static volatile uint64_t *reap_stamp; /* shared page: when the tracer's wait returned */
static const char *self_path;	      /* what fork-exec-wait execs: procbench itself */
static struct proc_mount procfs;

static const char *const errno_names[] = {
	[EPERM] = "EPERM",	     [ENOENT] = "ENOENT", [ESRCH] = "ESRCH",
	[EINTR] = "EINTR",	     [EIO] = "EIO",	  [EBADF] = "EBADF",
	[ECHILD] = "ECHILD",	     [EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM",
	[EACCES] = "EACCES",	     [EFAULT] = "EFAULT", [EBUSY] = "EBUSY",
	[EINVAL] = "EINVAL",	     [ENFILE] = "ENFILE", [EMFILE] = "EMFILE",
	[ENOSPC] = "ENOSPC",	     [EPIPE] = "EPIPE",	  [ENOSYS] = "ENOSYS",
	[EOPNOTSUPP] = "EOPNOTSUPP", [EUSERS] = "EUSERS", [ETIMEDOUT] = "ETIMEDOUT",
};

/* err_name() - "EINVAL" for EINVAL, a phrase for our ERR_ codes, a number otherwise. */
static const char *err_name(int err)
{
	static char buf[24];

	switch (err) {
	case ERR_NOT_INIT:
		return "not pid 1: CLONE_NEWPID ignored";
	case ERR_STATUS:
		return "unexpected wait status";
	case ERR_EOF:
		return "a helper ended without a report";
	case ERR_STOP:
		return "unexpected ptrace stop";
	case ERR_NO_SLAB:
		return "no " GROWTH_CACHE " in /proc/slabinfo";
	}
	if (err > 0 && (size_t)err < sizeof(errno_names) / sizeof(errno_names[0]) &&
	    errno_names[err])
		return errno_names[err];
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}

/* err_to_code() and code_to_err() - an error as a helper's report byte or exit status. */
static int err_to_code(int err)
{
	return err < 0 ? CODE_BASE - err : err;
}

static int code_to_err(int code)
{
	return code > CODE_BASE ? CODE_BASE - code : code;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* clone_newpid() - fork() into a new pid namespace. The raw clone without a new stack returns
 * twice, like fork(): 0 in the child (pid 1 of the new namespace), its pid to the parent. */
static pid_t clone_newpid(void)
{
	return syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, NULL, NULL, NULL, 0);
}

static void track(pid_t pid)
{
	for (int i = 0; i < MAX_TRACKED; i++) {
		if (tracked[i] == 0) {
			tracked[i] = pid;
			return;
		}
	}
}

/* kill_tracked() - SIGKILL every tracked helper. Each is a child the runner forked, so its
 * number is above 1: the check keeps a bug here from ever signalling init or everyone (-1).
 * Async-signal-safe (the timeout handler calls it). */
static void kill_tracked(void)
{
	for (int i = 0; i < MAX_TRACKED; i++)
		if (tracked[i] > 1)
			kill(tracked[i], SIGKILL);
}

/* reap() - wait for our child @pid and stop tracking it. Return: 0 or an errno value. */
static int reap(pid_t pid, int *status)
{
	pid_t got;

	while ((got = waitpid(pid, status, 0)) < 0 && errno == EINTR)
		;
	for (int i = 0; i < MAX_TRACKED; i++)
		if (tracked[i] == pid)
			tracked[i] = 0;
	return got < 0 ? errno : 0;
}

/* abandon() - a sample failed: kill and reap every helper still tracked. */
static void abandon(void)
{
	int status;

	kill_tracked();
	for (int i = 0; i < MAX_TRACKED; i++)
		if (tracked[i] > 1)
			reap(tracked[i], &status);
}

/* exit_error() - the error a helper's wait @status reports: 0 for _exit(0). */
static int exit_error(int status)
{
	if (!WIFEXITED(status))
		return ERR_STATUS;
	return code_to_err(WEXITSTATUS(status));
}

/* send_report() - a helper's one-byte report: 0, or the error. */
static void send_report(int fd, int err)
{
	unsigned char code = (unsigned char)err_to_code(err);

	if (write(fd, &code, 1) != 1)
		return; /* the reader is gone; our exit status still tells */
}

/* read_reports() - @n report bytes from @fd. Return: 0 when all are 0, else the first error
 * (ERR_EOF if the writers went away first). */
static int read_reports(int fd, int n)
{
	unsigned char buf[512];
	ssize_t got;

	while (n > 0) {
		got = read(fd, buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return got < 0 ? errno : ERR_EOF;
		for (ssize_t i = 0; i < got; i++)
			if (buf[i])
				return code_to_err(buf[i]);
		n -= (int)got;
	}
	return 0;
}

/* ---- Inside the namespace: its init and the members ---- */

/* spawn_member() - a child of init that reports and then sleeps until it is killed. */
static int spawn_member(int go, int report)
{
	pid_t pid = fork();

	if (pid < 0)
		return errno;
	if (pid == 0) {
		close(go);
		send_report(report, 0);
		for (;;)
			pause();
	}
	return 0;
}

/* ns_init_main() - the init of a benchmark's namespace: one report of its own, then @members
 * members at once, one more for each 'f' read from @go; exit at 'x' or end of file.
 * Return: its exit status. */
static int ns_init_main(int members, int go, int report)
{
	char cmd;
	int err = 0;

	/* If the kernel ignored CLONE_NEWPID we are an ordinary process, and our children would
	 * outlive us: create none. Our own report comes first. */
	if (getpid() != 1)
		err = ERR_NOT_INIT;
	send_report(report, err);
	for (int i = 0; i < members && !err; i++)
		if ((err = spawn_member(go, report)))
			send_report(report, err);
	while (!err && read(go, &cmd, 1) == 1 && cmd == 'f')
		if ((err = spawn_member(go, report)))
			send_report(report, err);
	return err_to_code(err);
}

/* ---- The runner's side of a namespace ---- */

/* init_start() - create a namespace whose init has @members members, and wait until init
 * and every member have reported. Return: 0, or an error (then nothing is left running). */
static int init_start(struct ns_init *init, int members)
{
	int go[2], report[2], err, status;

	if (pipe(go) < 0)
		return errno;
	if (pipe(report) < 0) {
		err = errno;
		close(go[0]);
		close(go[1]);
		return err;
	}
	init->pid = clone_newpid();
	if (init->pid == 0) {
		close(go[1]);
		close(report[0]);
		_exit(ns_init_main(members, go[0], report[1]));
	}
	err = init->pid < 0 ? errno : 0;
	close(go[0]);
	close(report[1]);
	init->go = go[1];
	init->report = report[0];
	if (err)
		goto out_close;
	track(init->pid);
	err = read_reports(init->report, 1 + members); /* init's own, then each member's */
	if (!err)
		return 0;
	/* End of file: init has exited (it holds the pipe until then); its status says why. */
	if (err == ERR_EOF && reap(init->pid, &status) == 0 && exit_error(status))
		err = exit_error(status);
	abandon();
out_close:
	close(init->go);
	close(init->report);
	return err;
}

/* init_finish() - tell init to exit and wait until waitpid() returns it, which means the
 * whole namespace is gone. Return: 0, or an error. */
static int init_finish(struct ns_init *init)
{
	int status, err;

	close(init->report);
	if (write(init->go, "x", 1) != 1) {
		err = errno;
		close(init->go);
		abandon();
		return err;
	}
	close(init->go);
	err = reap(init->pid, &status);
	return err ? err : exit_error(status);
}

/* ---- The tracer, outside the namespace ---- */

/* tracer_wait_stop() - wait for @pid's next ptrace stop; with @event, it must be that event's.
 * Return: 0 or an error. */
static int tracer_wait_stop(pid_t pid, int event)
{
	int status;

	while (waitpid(pid, &status, __WALL) < 0)
		if (errno != EINTR)
			return errno;
	if (!WIFSTOPPED(status))
		return ERR_STOP;
	if (event && status >> 8 != (SIGTRAP | event << 8))
		return ERR_STOP;
	return 0;
}

/* tracer_follow_fork() - seize @init with PTRACE_O_TRACEFORK, have it fork a member ('f' on
 * @go), learn the member's number in our namespace from the fork event (the only way we can:
 * inside, it is just 2), let init go and start the member, which stays traced by us. */
static int tracer_follow_fork(pid_t init, int go, pid_t *member)
{
	unsigned long msg;
	int err;

	if (ptrace(PTRACE_SEIZE, init, 0, PTRACE_O_TRACEFORK) < 0)
		return errno;
	err = write(go, "f", 1) == 1 ? 0 : errno;
	close(go);
	if (err || (err = tracer_wait_stop(init, PTRACE_EVENT_FORK)))
		return err;
	if (ptrace(PTRACE_GETEVENTMSG, init, 0, &msg) < 0)
		return errno;
	if (ptrace(PTRACE_DETACH, init, 0, 0) < 0)
		return errno;
	*member = (pid_t)msg;
	if ((err = tracer_wait_stop(*member, 0))) /* its first stop, as a new tracee */
		return err;
	return ptrace(PTRACE_CONT, *member, 0, 0) < 0 ? errno : 0;
}

/* tracer_main() - trace one member, report, then wait for the member's death and reap it:
 * the timestamp is taken right after that wait returns. Return: the exit status. */
static int tracer_main(pid_t init, int go, int report)
{
	pid_t member = 0;
	int status, err;

	err = tracer_follow_fork(init, go, &member);
	send_report(report, err);
	if (err)
		return err_to_code(err);
	while (waitpid(member, &status, __WALL) < 0)
		if (errno != EINTR)
			return err_to_code(errno);
	*reap_stamp = now_ns();
	/* The teardown's SIGKILL, reported to us first: a tracer sees its tracee's exit. */
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
		return err_to_code(ERR_STATUS);
	return 0;
}

/* tracer_start() - fork the tracer; return once it traces a member of @init's namespace and
 * that member runs. Return: 0, or an error (the caller abandons the helpers). */
static int tracer_start(struct ns_init *init, pid_t *tracer)
{
	int report[2], err;

	if (pipe(report) < 0)
		return errno;
	*tracer = fork();
	if (*tracer == 0) {
		close(report[0]);
		close(init->report);
		_exit(tracer_main(init->pid, init->go, report[1]));
	}
	err = *tracer < 0 ? errno : 0;
	close(report[1]);
	if (!err) {
		track(*tracer);
		err = read_reports(report[0], 1); /* the tracer's */
	}
	if (!err)
		err = read_reports(init->report, 1); /* the member's, once it runs */
	close(report[0]);
	return err;
}

/* ---- /proc: the walk, the sleepers in it, what slabinfo says ---- */

/* read_file() - the whole of @path into @buf, NUL-terminated, cut at @size - 1 bytes.
 * Return: the bytes read, or -1 (errno set). */
static long read_file(const char *path, char *buf, size_t size)
{
	long total = 0, n = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((size_t)total < size - 1 &&
	       (n = read(fd, buf + total, size - 1 - (size_t)total)) != 0) {
		if (n < 0 && errno != EINTR)
			break;
		total += n > 0 ? n : 0;
	}
	close(fd);
	buf[total] = '\0';
	return n < 0 ? -1 : total;
}

/* walk_proc() - what ps does: list procfs.dir and read every <pid>/status in it. A process
 * may be reaped between the listing and the open (ENOENT) or the read (ESRCH): its entry still
 * counts as walked. Return: the number of pid entries, or -errno if the listing failed. */
static int walk_proc(void)
{
	static char text[STATUS_MAX];
	char path[sizeof(procfs.dir) + 300];
	struct dirent *e;
	DIR *d = opendir(procfs.dir);
	int n = 0;

	if (!d)
		return -errno;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue; /* ".", "self", "slabinfo", ...: not a process */
		snprintf(path, sizeof(path), "%s/%s/status", procfs.dir, e->d_name);
		read_file(path, text, sizeof(text));
		n++;
	}
	closedir(d);
	return n;
}

/* sleepers_stop() - close @go, the write end of the sleepers' pipe: each reads end of file and
 * exits. Then reap the @n in @pids. */
static void sleepers_stop(int go, const pid_t *pids, int n)
{
	int status;

	close(go);
	for (int i = 0; i < n; i++)
		reap(pids[i], &status);
}

/* sleepers_start() - fork @n children (their pids into @pids) that sleep in read() on a pipe
 * whose only write end we keep: they end when we close it, or when we die, so a runner that
 * times out leaves none behind (they come back to procbench, which reaps them).
 * Return: the write end, or -errno (then none is left). */
static int sleepers_start(pid_t *pids, int n)
{
	int fds[2], err;
	char c;

	if (pipe(fds) < 0)
		return -errno;
	for (int i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			close(fds[1]);
			while (read(fds[0], &c, 1) < 0 && errno == EINTR)
				;
			_exit(0);
		}
		if (pids[i] < 0) {
			err = errno;
			close(fds[0]);
			sleepers_stop(fds[1], pids, i);
			return -err;
		}
	}
	close(fds[0]);
	return fds[1];
}

/* slab_active() - the active_objs column of cache @name's line in procfs.dir/slabinfo (the
 * first number after the name; two header lines come before any cache's line).
 * Return: 0 with *objs set; ERR_NO_SLAB if there is no such line; an errno value if slabinfo
 * cannot be read (EACCES on Linux without root). */
static int slab_active(const char *name, long *objs)
{
	static char text[SLABINFO_MAX];
	char path[sizeof(procfs.dir) + 16], key[64];
	const char *line;

	snprintf(path, sizeof(path), "%s/slabinfo", procfs.dir);
	if (read_file(path, text, sizeof(text)) < 0)
		return errno;
	snprintf(key, sizeof(key), "\n%s ", name);
	if (!(line = strstr(text, key)))
		return ERR_NO_SLAB;
	*objs = strtol(line + strlen(key), NULL, 10);
	return 0;
}

/* growth_round() - fork a child that exits at once, walk /proc while it is there (running, or
 * a zombie), reap it. Return: 0 or an error. */
static int growth_round(void)
{
	pid_t child = fork();
	int status, walked, err;

	if (child < 0)
		return errno;
	if (child == 0)
		_exit(0);
	track(child);
	walked = walk_proc();
	err = reap(child, &status);
	if (walked < 0)
		return -walked;
	return err ? err : exit_error(status);
}

/* ---- The samples: each times one repetition into *ns; returns 0 or an error ---- */

static int sample_syscall_null(const struct bench *b, double *ns)
{
	uint64_t t0 = now_ns();

	(void)b;
	for (int i = 0; i < NULL_BATCH; i++)
		getppid();
	*ns = (double)(now_ns() - t0) / NULL_BATCH;
	return 0;
}

static int sample_fork_exit_wait(const struct bench *b, double *ns)
{
	uint64_t t0 = now_ns();
	pid_t pid = fork();
	int status, err;

	(void)b;
	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(0);
	track(pid);
	err = reap(pid, &status);
	*ns = (double)(now_ns() - t0);
	return err ? err : exit_error(status);
}

/* vfork(): the child borrows our address space and we sleep until it exits. Only _exit() is
 * safe in the child; t0 is volatile because the child runs on our stack frame. */
static int sample_vfork_exit_wait(const struct bench *b, double *ns)
{
	volatile uint64_t t0 = now_ns();
	pid_t pid = vfork();
	int status, err;

	(void)b;
	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(0);
	track(pid);
	err = reap(pid, &status);
	*ns = (double)(now_ns() - t0);
	return err ? err : exit_error(status);
}

/* fork(), exec procbench itself with EXEC_ARG (its main() returns at once), wait: what a shell
 * does for every command. A failed exec exits with the errno as the status. */
static int sample_fork_exec_wait(const struct bench *b, double *ns)
{
	char *const argv[] = { (char *)self_path, EXEC_ARG, NULL };
	char *const envp[] = { NULL };
	uint64_t t0 = now_ns();
	pid_t pid = fork();
	int status, err;

	(void)b;
	if (pid < 0)
		return errno;
	if (pid == 0) {
		execve(self_path, argv, envp);
		_exit(err_to_code(errno));
	}
	track(pid);
	err = reap(pid, &status);
	*ns = (double)(now_ns() - t0);
	return err ? err : exit_error(status);
}

/* Create a namespace whose init exits at once: creation plus the teardown of an empty one. */
static int sample_pidns_create(const struct bench *b, double *ns)
{
	uint64_t t0 = now_ns();
	pid_t init = clone_newpid();
	int status, err;

	(void)b;
	if (init < 0)
		return errno;
	if (init == 0)
		_exit(getpid() == 1 ? 0 : err_to_code(ERR_NOT_INIT));
	track(init);
	err = reap(init, &status);
	*ns = (double)(now_ns() - t0);
	return err ? err : exit_error(status);
}

/* Only the teardown is timed: from the 'x' that makes init exit to waitpid() returning it.
 * The members have all reported, so they are in (or on their way into) pause(). */
static int sample_pidns_teardown(const struct bench *b, double *ns)
{
	struct ns_init init;
	uint64_t t0;
	int err;

	if ((err = init_start(&init, b->members)))
		return err;
	t0 = now_ns();
	err = init_finish(&init);
	*ns = (double)(now_ns() - t0) / b->members;
	return err;
}

/* The patch's scenario: init exits while a member is traced from outside; the member's zombie
 * keeps init from being reaped until the tracer reaps it. Timed: from the tracer's wait
 * returning (it reaped the last zombie) to ours returning init. */
static int sample_pidns_traced_reap(const struct bench *b, double *ns)
{
	struct ns_init init;
	pid_t tracer = 0;
	uint64_t t1;
	int status, err;

	(void)b;
	if ((err = init_start(&init, 0)))
		return err;
	if ((err = tracer_start(&init, &tracer))) {
		abandon();
		close(init.go);
		close(init.report);
		return err;
	}
	*reap_stamp = 0;
	err = init_finish(&init);
	t1 = now_ns();
	if (!err && !(err = reap(tracer, &status)))
		err = exit_error(status);
	if (!err && *reap_stamp == 0)
		err = ERR_STATUS;
	*ns = (double)(int64_t)(t1 - *reap_stamp);
	return err;
}

/* ps's walk with WALK_SLEEPERS more processes in /proc; timed: the walk, per pid entry. Each
 * sample's sleepers are new processes, so their lookups are first lookups (dentry, inode and
 * text made afresh), while procbench's own entries are cached from earlier samples. */
static int sample_proc_walk(const struct bench *b, double *ns)
{
	pid_t sleepers[WALK_SLEEPERS];
	uint64_t t0;
	int go, walked;

	(void)b;
	if (procfs.err)
		return procfs.err;
	if ((go = sleepers_start(sleepers, WALK_SLEEPERS)) < 0)
		return -go;
	t0 = now_ns();
	walked = walk_proc();
	*ns = walked > 0 ? (double)(now_ns() - t0) / walked : 0;
	sleepers_stop(go, sleepers, WALK_SLEEPERS);
	return walked < 0 ? -walked : walked == 0 ? ENOENT : 0;
}

/* Not a time: *objs is how many more GROWTH_CACHE objects are in use after GROWTH_ROUNDS
 * rounds than before, per round. With the flush every round's child takes its /proc entries
 * with it (~0); without, each round leaves at least /proc/<pid> and its status behind. On
 * Linux, SLUB counts whole per-CPU slabs as active, so there the figure is coarse. */
static int sample_proc_growth(const struct bench *b, double *objs)
{
	long before = 0, after = 0;
	int err;

	(void)b;
	if (procfs.err)
		return procfs.err;
	if ((err = slab_active(GROWTH_CACHE, &before)))
		return err;
	for (int i = 0; i < GROWTH_ROUNDS && !err; i++)
		err = growth_round();
	if (!err)
		err = slab_active(GROWTH_CACHE, &after);
	*objs = (double)(after - before) / GROWTH_ROUNDS;
	return err;
}

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
	while ((c = getopt(argc, argv, "r:o:qt:p")) != -1) {
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
		default:
			return -1;
		}
	}
	return o->reps < 0 || o->timeout == 0 ? -1 : 0;
}

/* is_proc() - whether @dir is a proc mount: its self/stat opens. (statfs()'s f_type would say
 * it directly, but reaper has no statfs yet.) */
static bool is_proc(const char *dir)
{
	char path[sizeof(procfs.dir) + 16];
	int fd;

	snprintf(path, sizeof(path), "%s/self/stat", dir);
	if ((fd = open(path, O_RDONLY)) < 0)
		return false;
	close(fd);
	return true;
}

/* proc_mount_tmp() - mount a proc of our own on a new directory under /tmp. */
static void proc_mount_tmp(void)
{
	snprintf(procfs.dir, sizeof(procfs.dir), "/tmp/procbench.XXXXXX");
	if (!mkdtemp(procfs.dir)) {
		procfs.err = errno;
		return;
	}
	procfs.made_dir = true;
	if (mount("proc", procfs.dir, "proc", 0, NULL) == 0)
		procfs.mounted = true;
	else
		procfs.err = errno;
}

/* proc_setup() - a proc for the proc- benchmarks to walk, in procfs: the system's /proc if it
 * is one. As the machine's init we set up /proc ourselves (reaper starts init with nothing
 * mounted; EBUSY: something is mounted there already, and if it is a proc we use it). Anyone
 * else, who may not own /proc, mounts a proc of its own under /tmp. */
static void proc_setup(void)
{
	snprintf(procfs.dir, sizeof(procfs.dir), "/proc");
	if (is_proc("/proc"))
		return;
	if (getpid() == 1) {
		if (mount("proc", "/proc", "proc", 0, NULL) == 0) {
			procfs.mounted = true;
			return;
		}
		if (errno == EBUSY && is_proc("/proc"))
			return;
	}
	proc_mount_tmp();
}

/* proc_teardown() - unmount what proc_setup() mounted, remove the directory it made. */
static void proc_teardown(void)
{
	if (procfs.mounted && umount(procfs.dir) < 0)
		printf("procbench: umount %s: %s\n", procfs.dir, err_name(errno));
	if (procfs.made_dir && rmdir(procfs.dir) < 0)
		printf("procbench: rmdir %s: %s\n", procfs.dir, err_name(errno));
	procfs = (struct proc_mount){ 0 };
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
		fprintf(stderr, "usage: %s [-r REPS] [-o NAME[,NAME...]]... [-q] [-t SECONDS] [-p]\n",
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
	for (size_t i = 0; i < sizeof(benches) / sizeof(benches[0]); i++)
		if (is_selected(&benches[i], &o))
			run_bench(&benches[i], &o);
	proc_teardown();
	if (!o.quiet)
		printf("procbench: done in %.1f s\n", (double)(now_ns() - t0) / 1e9);
	power_off_if_init(&o);
	return 0;
}
