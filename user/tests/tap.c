/* tap.c - the test runner every in-OS suite links with: TAP output, expectations, isolation.
 *
 * The state of the running case is two globals (failed, skip reason): expectations set them,
 * run_case() reads them. With TAP_ISOLATE the case runs in a child, so the state travels back
 * in the child's exit status (0 passed, 1 failed, 2 skipped: the reason is printed by the
 * child as a "# SKIP" note). The output is line-buffered, and flushed before every fork and
 * exit, so lines reach the serial console whole and in order.
 * The format is TAP version 12 as the harness reads it (tests/harness/qemu_run.py) plus our
 * closing line "N passed, M failed" (skipped cases count as passed, as TAP does).
 * See also: tap.h (the API and an example), tests/run-on-linux.sh, tests/boots.txt. */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <sys/wait.h>
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
