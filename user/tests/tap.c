/* tap.c - the test runner every in-OS suite links with: TAP output, expectations, isolation,
 * and the case frame of the suites whose cases make processes.
 *
 * The state of the running case is two globals (failed, skip reason): expectations set them,
 * run_case() reads them. With TAP_ISOLATE the case runs in a child, so the state travels back
 * in the child's exit status (0 passed, 1 failed, 2 skipped: the reason is printed by the
 * child as a "# SKIP" note). The output is line-buffered, and flushed before every fork and
 * exit, so lines reach the serial console whole and in order.
 * The format is TAP version 12 as the harness reads it (tests/harness/qemu_run.py) plus our
 * closing line "N passed, M failed" (skipped cases count as passed, as TAP does).
 * The case frame (tap_case_begin/tap_case_end, tap.h) keeps its state in four more globals:
 * the alarm's flag and seconds, and the processes the case tracks. It lives in the suite's
 * process: a child a case forks inherits a copy and must not call tap_case_end().
 * The frame and its helpers (pipes, status words, /proc text) serve the suites whose cases
 * make processes: ptrace_test.c, pidns_test.c, pidns_teardown_test.c, proc_test.c,
 * proc_pid_test.c and stress_test.c.
 * See also: tap.h (the API and an example), tests/run-on-linux.sh, tests/boots.txt. */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static bool case_failed;		/* an expectation of the running case failed */
static char case_why[160];		/* where the first failure was, for the "not ok" line */
static char case_skip[160];		/* non-empty: the case skipped itself, and why */

/* The errno names tests compare against most; others print as numbers. */
static const char *const errno_names[] = {
	[EPERM] = "EPERM", [ENOENT] = "ENOENT", [ESRCH] = "ESRCH", [EINTR] = "EINTR",
	[EIO] = "EIO", [ENXIO] = "ENXIO", [E2BIG] = "E2BIG", [ENOEXEC] = "ENOEXEC",
	[EBADF] = "EBADF", [ECHILD] = "ECHILD", [EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM",
	[EACCES] = "EACCES", [EFAULT] = "EFAULT", [EBUSY] = "EBUSY", [EEXIST] = "EEXIST",
	[EXDEV] = "EXDEV", [ENODEV] = "ENODEV", [ENOTDIR] = "ENOTDIR", [EISDIR] = "EISDIR",
	[EINVAL] = "EINVAL", [ENFILE] = "ENFILE", [EMFILE] = "EMFILE", [ENOTTY] = "ENOTTY",
	[EFBIG] = "EFBIG", [ENOSPC] = "ENOSPC", [ESPIPE] = "ESPIPE", [EROFS] = "EROFS",
	[EMLINK] = "EMLINK", [EPIPE] = "EPIPE", [ERANGE] = "ERANGE",
	[ENAMETOOLONG] = "ENAMETOOLONG", [ENOSYS] = "ENOSYS", [ENOTEMPTY] = "ENOTEMPTY",
	[ELOOP] = "ELOOP", [EOVERFLOW] = "EOVERFLOW", [EOPNOTSUPP] = "EOPNOTSUPP",
	[ETIMEDOUT] = "ETIMEDOUT",
};

/**
 * tap_errno_name() - "ENOENT" for 2, and so on.
 * @e: an errno value.
 *
 * Return: a name, or a number as text (static buffer) for one not in the table.
 */
const char *tap_errno_name(int e)
{
	static char buf[16];

	if (e >= 0 && (size_t)e < sizeof(errno_names) / sizeof(errno_names[0]) && errno_names[e])
		return errno_names[e];
	snprintf(buf, sizeof(buf), "errno %d", e);
	return buf;
}

/**
 * tap_on_reaper() - whether this program runs under reaper rather than on the Linux host.
 *
 * The environment variable TAP_ON_REAPER=0/1 decides if set; otherwise uname's sysname
 * (reaper's kernel/sys.c reports "reaper").
 * Return: true under reaper.
 */
bool tap_on_reaper(void)
{
	const char *forced = getenv("TAP_ON_REAPER");
	struct utsname u;

	if (forced)
		return strcmp(forced, "1") == 0;
	return uname(&u) == 0 && strcmp(u.sysname, "Linux") != 0;
}

/* tap_note() - a TAP diagnostic line: "# text". */
void tap_note(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

/* tap_skip() - end the running case as skipped (see SKIP_IF()). */
void tap_skip(const char *why)
{
	snprintf(case_skip, sizeof(case_skip), "%s", why);
}

/**
 * tap_fail() - record a failed expectation of the running case and print why.
 * @file: source file of the expectation.
 * @line: its line.
 * @fmt: what failed, printf-style.
 *
 * Return: false, so expectations can return it.
 */
bool tap_fail(const char *file, int line, const char *fmt, ...)
{
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	va_list ap;

	printf("# %s:%d: ", base, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	if (!case_failed)
		snprintf(case_why, sizeof(case_why), "%s:%d", base, line);
	case_failed = true;
	return false;
}

/* tap_check_eq() - EXPECT_EQ / EXPECT_NE: both values in decimal and hex on failure. */
bool tap_check_eq(const char *file, int line, const char *a_text, const char *b_text,
		  long long a, long long b, bool want_equal)
{
	if ((a == b) == want_equal)
		return true;
	return tap_fail(file, line, "EXPECT_%s(%s, %s): got %lld (%#llx), %s %lld (%#llx)",
			want_equal ? "EQ" : "NE", a_text, b_text, a, (unsigned long long)a,
			want_equal ? "expected" : "must differ from", b, (unsigned long long)b);
}

/* tap_check_str() - EXPECT_STREQ; a NULL string fails and prints as (null). */
bool tap_check_str(const char *file, int line, const char *a_text, const char *b_text,
		   const char *a, const char *b)
{
	if (a && b && strcmp(a, b) == 0)
		return true;
	return tap_fail(file, line, "EXPECT_STREQ(%s, %s): got \"%s\", expected \"%s\"", a_text,
			b_text, a ? a : "(null)", b ? b : "(null)");
}

/* tap_check_errno() - EXPECT_ERRNO: the call must have failed with exactly @want. */
bool tap_check_errno(const char *file, int line, const char *text, long ret, int got,
		     int want)
{
	if (ret == -1 && got == want)
		return true;
	if (ret != -1)
		return tap_fail(file, line, "%s: returned %ld, expected -1 with %s", text, ret,
				tap_errno_name(want));
	return tap_fail(file, line, "%s: failed with %s, expected %s", text,
			tap_errno_name(got), tap_errno_name(want));
}

/* tap_check_ok() - EXPECT_OK: the call must not have returned -1. */
bool tap_check_ok(const char *file, int line, const char *text, long ret, int err)
{
	if (ret != -1)
		return true;
	return tap_fail(file, line, "%s: failed with %s", text, tap_errno_name(err));
}

/* --- The case frame: a timeout, the processes a case made, their cleanup --------------- */

#define MAX_TRACKED 16 /* processes one case may track */

static volatile sig_atomic_t case_timed_out; /* the running case's alarm went off */
static unsigned int case_seconds;	      /* its timeout, for the failure note */
static pid_t tracked[MAX_TRACKED];	      /* what it made, for tap_case_end() to kill */
static int ntracked;

static void on_alarm(int sig)
{
	(void)sig;
	case_timed_out = 1;
	alarm(1); /* keep interrupting the blocking calls that follow, too */
}

/**
 * tap_case_begin() - start a case's frame: forget the last case's processes, arm its alarm.
 * @seconds: how long the case may take before its blocking calls fail with EINTR.
 *
 * The handler is installed without SA_RESTART: that is what turns a hung wait() or read()
 * into EINTR. A case that loops longer may call alarm() again itself.
 */
void tap_case_begin(unsigned int seconds)
{
	struct sigaction sa = { .sa_handler = on_alarm };

	sigaction(SIGALRM, &sa, NULL);
	case_timed_out = 0;
	case_seconds = seconds;
	ntracked = 0;
	alarm(seconds);
}

/* tap_case_timed_out() - whether the running case's alarm went off (a loop stops on it). */
bool tap_case_timed_out(void)
{
	return case_timed_out;
}

/* tap_track() - remember @pid so that tap_case_end() kills it. Return: @pid. */
pid_t tap_track(pid_t pid)
{
	if (pid > 0 && ntracked < MAX_TRACKED)
		tracked[ntracked++] = pid;
	return pid;
}

/* tap_untrack() - @pid was reaped: its number may be reused, so never signal it again. */
void tap_untrack(pid_t pid)
{
	for (int i = 0; i < ntracked; i++)
		if (tracked[i] == pid)
			tracked[i] = tracked[--ntracked];
}

/**
 * tap_kill() - kill() that refuses every number <= 1.
 * @pid: a process of ours.
 * @sig: the signal, or 0.
 *
 * On the Linux host kill(-1, SIGKILL) would hit every process, and kill(0, ...) our own
 * group; pid 1 is the host's init (or, under reaper, maybe this suite). None is ever ours.
 * Return: kill()'s; -1 with ESRCH for a number <= 1.
 */
int tap_kill(pid_t pid, int sig)
{
	if (pid <= 1) {
		errno = ESRCH;
		return -1;
	}
	return kill(pid, sig);
}

/**
 * tap_kill_and_reap() - SIGKILL every tracked process and reap every child.
 *
 * A namespace init takes its members with it; orphans come to us, the subreaper, and are
 * reaped here too. Relies on the case's alarm: a child that never dies makes waitpid()
 * fail with EINTR, and after 3 of those (3 s) we give up on it.
 * Return: true if no child is left, false if one hung on.
 */
bool tap_kill_and_reap(void)
{
	int interrupted = 0;

	for (int i = 0; i < ntracked; i++)
		tap_kill(tracked[i], SIGKILL);
	ntracked = 0;
	while (interrupted < 3) {
		if (waitpid(-1, NULL, __WALL) > 0)
			continue;
		if (errno != EINTR)
			return true;
		interrupted++;
	}
	return false;
}

/* tap_case_end() - kill and reap what the case made, fail it if it timed out, disarm. */
void tap_case_end(void)
{
	tap_kill_and_reap();
	if (case_timed_out)
		tap_fail(__FILE__, __LINE__, "timed out after %u s", case_seconds);
	alarm(0);
	case_timed_out = 0;
}

/* tap_fork_child() - fork a child that runs @body, then exits 0. Return: its pid (tracked),
 * or -1 (the case has failed). */
pid_t tap_fork_child(void (*body)(void))
{
	pid_t child;

	fflush(stdout);
	child = fork();
	if (child == 0) {
		body();
		_exit(0);
	}
	EXPECT_TRUE(child > 0);
	return tap_track(child);
}

/* --- Processes and their status words -------------------------------------------------- */

/**
 * tap_wait_status() - wait for our child (or tracee) @pid; untrack it if it is gone.
 * @pid: its number; <= 0 (a failed fork) returns -1 at once.
 * @options: waitpid()'s (__WALL, WUNTRACED | __WALL: which stops the suite wants to see).
 *
 * Return: its status word, or -1 (a note says why; a timeout shows as EINTR).
 */
int tap_wait_status(pid_t pid, int options)
{
	int status;

	if (pid <= 0)
		return -1;
	if (waitpid(pid, &status, options) != pid) {
		tap_note("waitpid(%d): %s", pid, tap_errno_name(errno));
		return -1;
	}
	if (WIFEXITED(status) || WIFSIGNALED(status))
		tap_untrack(pid);
	return status;
}

/* tap_reap_status() - in a child: wait for its own child or tracee @pid (__WALL).
 * Return: its status word, or -errno (to report to the case). */
long tap_reap_status(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, __WALL) != pid)
		return -errno;
	return status;
}

/* The status words waitpid() gives, built the way the kernel builds them. */
int tap_exit_status(int code)
{
	return code << 8;
}

int tap_stop_status(int sig)
{
	return sig << 8 | 0x7f;
}

/* tap_result() - what a child reports for a call: its return value, or -errno. */
long tap_result(long ret)
{
	return ret == -1 ? -errno : ret;
}

void tap_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* --- Pipes between a case and its children --------------------------------------------- */

/* tap_close_pipe() - close both ends of @p if it is open; mark it closed (-1). */
void tap_close_pipe(int p[2])
{
	if (p[0] >= 0) {
		close(p[0]);
		close(p[1]);
	}
	p[0] = p[1] = -1;
}

/* tap_write_long() - in a child: report @v on @fd; exit 120 if it cannot. */
void tap_write_long(int fd, long v)
{
	if (write(fd, &v, sizeof(v)) != sizeof(v))
		_exit(120);
}

/* tap_read_long() - the next value on @fd. Return: it; LONG_MIN if the writers are gone or
 * the case timed out first. */
long tap_read_long(int fd)
{
	long v;

	if (read(fd, &v, sizeof(v)) != sizeof(v))
		return LONG_MIN;
	return v;
}

/* tap_wait_go() - in a child: block until the case writes a byte into @p; exit 121 if it
 * never does. Return: the byte. */
int tap_wait_go(const int p[2])
{
	unsigned char c = 0;

	if (read(p[0], &c, 1) != 1)
		_exit(121);
	return c;
}

/* tap_go() - let the child blocked in tap_wait_go(@p) go on, handing it @c. */
void tap_go(const int p[2], unsigned char c)
{
	if (write(p[1], &c, 1) != 1)
		tap_fail(__FILE__, __LINE__, "write to a child's pipe: %s",
			 tap_errno_name(errno));
}

/* --- A proc of the case's own, and text files ------------------------------------------ */

/**
 * tap_mount_proc() - mount a fresh proc on a new directory, /tmp/PREFIX.XXXXXX (mkdtemp).
 * @dir: gets the directory's path.
 * @size: @dir's size.
 * @prefix: the start of the directory's name (the suite's).
 *
 * The same under reaper and on the Linux host, where mounting needs root: without it the
 * case is skipped. A suite that mounts its own proc needs none at /proc.
 * Return: true if it is mounted; false if not (the case has failed, or skips).
 */
bool tap_mount_proc(char *dir, size_t size, const char *prefix)
{
	snprintf(dir, size, "/tmp/%s.XXXXXX", prefix);
	if (!mkdtemp(dir))
		return tap_fail(__FILE__, __LINE__, "mkdtemp: %s", tap_errno_name(errno));
	if (mount("proc", dir, "proc", 0, NULL) == 0)
		return true;
	if (errno == EPERM && !tap_on_reaper())
		tap_skip("mounting proc needs root");
	else
		tap_fail(__FILE__, __LINE__, "mount proc on %s: %s", dir, tap_errno_name(errno));
	rmdir(dir);
	return false;
}

/* tap_unmount_proc() - undo tap_mount_proc(@dir): both steps must succeed. */
void tap_unmount_proc(const char *dir)
{
	EXPECT_OK(umount(dir));
	EXPECT_OK(rmdir(dir));
}

/**
 * tap_read_file() - all of @path, NUL-terminated, in as many reads as it takes.
 * @path: the file.
 * @buf: where to put it.
 * @size: @buf's size; a longer file is cut at @size - 1 bytes.
 *
 * Return: its length, or -1 with errno set (open or read failed).
 */
long tap_read_file(const char *path, char *buf, size_t size)
{
	long total = 0, n = 0;
	int fd = open(path, O_RDONLY), err;

	if (fd < 0)
		return -1;
	while ((size_t)total < size - 1 &&
	       (n = read(fd, buf + total, size - 1 - (size_t)total)) > 0)
		total += n;
	err = n < 0 ? errno : 0;
	close(fd);
	buf[total] = '\0';
	errno = err;
	return err ? -1 : total;
}

/**
 * tap_write_at() - write @text to @dir/@name in one write(), through a fresh open (how a
 * /proc/sys file is set). Return: 0, or -errno (-EIO for a short write).
 */
long tap_write_at(const char *dir, const char *name, const char *text)
{
	char path[160];
	long ret;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	ret = write(fd, text, strlen(text));
	ret = ret == (long)strlen(text) ? 0 : ret < 0 ? -errno : -EIO;
	close(fd);
	return ret;
}

/* tap_pid_max_is_per_ns() - may a case write a child namespace's pid_max? Yes under reaper,
 * and on Linux 6.14 and later, which keep pid_max per namespace; before, the write would
 * change the host's. */
bool tap_pid_max_is_per_ns(void)
{
	struct utsname u;
	int major = 0, minor = 0;

	if (tap_on_reaper())
		return true;
	return uname(&u) == 0 && sscanf(u.release, "%d.%d", &major, &minor) == 2 &&
	       (major > 6 || (major == 6 && minor >= 14));
}

/* tap_field() - the value of line "NAME:\tvalue" of @text (/proc/<pid>/status), without its
 * newline. Return: a static buffer, "" if there is no such line. */
const char *tap_field(const char *text, const char *name)
{
	static char value[256];
	size_t len = strlen(name), n;

	value[0] = '\0';
	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		if (strncmp(l, name, len) != 0 || strncmp(l + len, ":\t", 2) != 0)
			continue;
		n = strcspn(l + len + 2, "\n");
		n = n < sizeof(value) - 1 ? n : sizeof(value) - 1;
		memcpy(value, l + len + 2, n);
		value[n] = '\0';
		break;
	}
	return value;
}

/* --- Running the suite ------------------------------------------------------------------- */

/* run_in_process() - run one case here. Return: 0 passed, 1 failed, 2 skipped. */
static int run_in_process(const struct tap_case *c)
{
	c->fn();
	fflush(stdout);
	if (case_failed)
		return 1;
	return case_skip[0] ? 2 : 0;
}

/* run_isolated() - run one case in a child with a timeout; its exit status is the verdict. */
static int run_isolated(const struct tap_case *c)
{
	int status;
	pid_t child;

	fflush(stdout);
	child = fork();
	if (child < 0)
		return tap_fail(__FILE__, __LINE__, "fork: %s", tap_errno_name(errno)), 1;
	if (child == 0) {
		int verdict;

		alarm(TAP_TIMEOUT);
		verdict = run_in_process(c);
		if (verdict == 2)
			tap_note("SKIP %s", case_skip);
		fflush(stdout);
		_exit(verdict);
	}
	if (waitpid(child, &status, 0) != child)
		return tap_fail(__FILE__, __LINE__, "waitpid: %s", tap_errno_name(errno)), 1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status) <= 2 ? WEXITSTATUS(status) : 1;
	tap_fail(__FILE__, __LINE__, "killed by signal %d%s", WTERMSIG(status),
		 WTERMSIG(status) == SIGALRM ? " (timeout)" : "");
	return 1;
}

/* report() - the TAP line of case @nr. */
static void report(int nr, const char *suite, const struct tap_case *c, int verdict)
{
	if (verdict == 1)
		printf("not ok %d - %s/%s # %s\n", nr, suite, c->name,
		       case_why[0] ? case_why : "failed in a child");
	else if (verdict == 2 && case_skip[0])
		printf("ok %d - %s/%s # SKIP %s\n", nr, suite, c->name, case_skip);
	else
		printf("ok %d - %s/%s\n", nr, suite, c->name);
	fflush(stdout);
}

/* finish() - the closing line, then power off (as init under reaper) or exit. */
static int finish(int passed, int failed)
{
	printf("%d passed, %d failed\n", passed, failed);
	fflush(stdout);
	if (getpid() == 1) {
		sync();
		reboot(RB_POWER_OFF);
		printf("# reboot(RB_POWER_OFF) failed: %s\n", tap_errno_name(errno));
		fflush(stdout);
	}
	return failed ? 1 : 0;
}

/* selected() - the cases to run: all, or those whose name contains argv[1]. */
static bool selected(const struct tap_case *c, int argc, char **argv)
{
	return argc < 2 || strstr(c->name, argv[1]) != NULL;
}

/**
 * tap_main() - run a suite's cases in order and print TAP.
 * @suite: the suite's name, the prefix of every case name ("exec").
 * @cases: the table.
 * @n: its length.
 * @argc: main()'s; with a second argument only matching cases run.
 * @argv: main()'s.
 *
 * Return: main()'s exit status: 0 if every case passed or skipped, else 1. As pid 1 it
 * powers the machine off instead of returning.
 */
int tap_main(const char *suite, const struct tap_case *cases, size_t n, int argc, char **argv)
{
	int passed = 0, failed = 0, nr = 0, planned = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (size_t i = 0; i < n; i++)
		planned += selected(&cases[i], argc, argv);
	printf("1..%d\n", planned);
	for (size_t i = 0; i < n; i++) {
		int verdict;

		if (!selected(&cases[i], argc, argv))
			continue;
		case_failed = false;
		case_why[0] = case_skip[0] = '\0';
		verdict = TAP_ISOLATE ? run_isolated(&cases[i]) : run_in_process(&cases[i]);
		report(++nr, suite, &cases[i], verdict);
		if (verdict == 1)
			failed++;
		else
			passed++;
	}
	return finish(passed, failed);
}
