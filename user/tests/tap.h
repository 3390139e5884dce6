/* tap.h - what every in-OS test suite shares: cases, expectations, TAP output (tap.c).
 *
 * A suite is a static musl program. Each test case is a function; the suite lists them in a
 * table at the bottom and hands it to tap_main():
 *
 *	static void argv_round_trip(void) { EXPECT_EQ(argc_seen, 3); ... }
 *	static const struct tap_case cases[] = { TAP_CASE(argv_round_trip), ... };
 *	int main(int argc, char **argv) { return TAP_MAIN("exec", cases, argc, argv); }
 *
 * Output, one line per case, then a closing line (the QEMU harness and tests/run-on-linux.sh
 * both read it):
 *	1..12
 *	ok 7 - exec/argv_round_trip
 *	# exec_test.c:88: EXPECT_EQ(n, 3): got 2 (0x2), expected 3 (0x3)
 *	not ok 8 - exec/auxv_pagesz # exec_test.c:88
 *	ok 9 - exec/auxv_uid # SKIP not root
 *	11 passed, 1 failed
 *
 * Every EXPECT_* prints the file, line, the expression and both values when it fails, marks
 * the case failed, and returns true if the check passed, so a case can stop early:
 *	if (!EXPECT_OK(fd = open(path, O_RDONLY))) return;
 *
 * Isolation: built with -DTAP_ISOLATE=1, each case runs in its own forked child with an
 * alarm() timeout of TAP_TIMEOUT seconds, so a crash or a hang fails one case, not the suite.
 * The default (0) runs cases in the suite's own process, which works before fork exists.
 *
 * Under reaper a suite may be init (pid 1): then, after the closing line, it syncs and powers
 * the machine off (reboot(RB_POWER_OFF)), so QEMU exits with status 0. Anywhere else it exits
 * 0 if every case passed, else 1. tap_on_reaper() lets a case skip a reaper-only check on the
 * Linux host (or a Linux-only one on reaper). Running `SUITE NAME` runs only the cases whose
 * name contains NAME.
 *
 * The case frame, for suites whose cases make processes (ptrace, pidns, proc): a case starts
 * with tap_case_begin(seconds) and ends with tap_case_end(), usually through a begin_case()
 * and end_case() of the suite's own that add its pipes or its proc mount.
 *  - Timeout: an alarm whose handler does not restart calls, so a hung wait() or read()
 *    fails with EINTR (again every second after the first) instead of hanging the suite;
 *    tap_case_end() then fails the case: "timed out after N s".
 *  - Cleanup: the case tap_track()s the processes it makes (and tap_untrack()s one it
 *    reaped: its number may be reused); tap_case_end() SIGKILLs them and reaps every child
 *    with waitpid(-1, __WALL). The suite makes itself a child subreaper in main()
 *    (prctl(PR_SET_CHILD_SUBREAPER, 1)), so orphaned grandchildren come back and are reaped
 *    too. No number <= 1 is ever signalled: on the Linux host kill(-1, ...) hits everything.
 * Children report to the case through pipes, a long at a time (tap_write_long() in the
 * child, tap_read_long() in the case), and wait for a byte from it (tap_wait_go(), tap_go());
 * the expectations are checked in the case's process. */
#ifndef REAPER_USER_TAP_H
#define REAPER_USER_TAP_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#ifndef TAP_ISOLATE
#define TAP_ISOLATE 0		/* 1: fork per case (needs fork: the processes issue) */
#endif
#define TAP_TIMEOUT 30		/* seconds a case may take when isolated */

struct tap_case {
	const char *name;	/* printed as SUITE/name */
	void (*fn)(void);
};

#define TAP_CASE(f) { #f, f }
#define TAP_MAIN(suite, cases, argc, argv) \
	tap_main((suite), (cases), sizeof(cases) / sizeof((cases)[0]), (argc), (argv))

int tap_main(const char *suite, const struct tap_case *cases, size_t n, int argc, char **argv);

bool tap_on_reaper(void);
void tap_skip(const char *why);
void tap_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *tap_errno_name(int e);
bool tap_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

bool tap_check_eq(const char *file, int line, const char *a_text, const char *b_text,
		  long long a, long long b, bool want_equal);
bool tap_check_str(const char *file, int line, const char *a_text, const char *b_text,
		   const char *a, const char *b);
bool tap_check_errno(const char *file, int line, const char *text, long ret, int got,
		     int want);
bool tap_check_ok(const char *file, int line, const char *text, long ret, int err);

/* SKIP_IF() - end the case as skipped ("ok N - name # SKIP why") when @cond holds. */
#define SKIP_IF(cond, why)            \
	do {                          \
		if (cond) {           \
			tap_skip(why); \
			return;       \
		}                     \
	} while (0)

#define EXPECT_TRUE(c) \
	((c) ? true : tap_fail(__FILE__, __LINE__, "EXPECT_TRUE(%s): false", #c))
#define EXPECT_EQ(a, b) \
	tap_check_eq(__FILE__, __LINE__, #a, #b, (long long)(a), (long long)(b), true)
#define EXPECT_NE(a, b) \
	tap_check_eq(__FILE__, __LINE__, #a, #b, (long long)(a), (long long)(b), false)
#define EXPECT_STREQ(a, b) tap_check_str(__FILE__, __LINE__, #a, #b, (a), (b))

/* EXPECT_ERRNO() - @expr (a syscall wrapper) must return -1 with errno == @e. The statement
 * expression sequences the call before errno is read, which function arguments would not. */
#define EXPECT_ERRNO(expr, e)                                                        \
	({                                                                           \
		errno = 0;                                                           \
		long tap_ret_ = (long)(expr);                                        \
		int tap_err_ = errno;                                                \
		tap_check_errno(__FILE__, __LINE__, #expr, tap_ret_, tap_err_, (e)); \
	})

/* EXPECT_OK() - @expr must not return -1 (prints errno if it does). */
#define EXPECT_OK(expr)                                                       \
	({                                                                    \
		errno = 0;                                                    \
		long tap_ret_ = (long)(expr);                                 \
		int tap_err_ = errno;                                         \
		tap_check_ok(__FILE__, __LINE__, #expr, tap_ret_, tap_err_); \
	})

/* The case frame (tap.c; see the top of this file). */
void tap_case_begin(unsigned int seconds);
bool tap_case_timed_out(void);
void tap_case_end(void);
pid_t tap_track(pid_t pid);
void tap_untrack(pid_t pid);
int tap_kill(pid_t pid, int sig);
bool tap_kill_and_reap(void);
pid_t tap_fork_child(void (*body)(void));

/* Processes and their status words, as waitpid() gives them. */
int tap_wait_status(pid_t pid, int options);
long tap_reap_status(pid_t pid);
int tap_exit_status(int code);
int tap_stop_status(int sig);
long tap_result(long ret);
void tap_sleep_ms(long ms);

/* Pipes between a case and its children. */
void tap_close_pipe(int p[2]);
void tap_write_long(int fd, long v);
long tap_read_long(int fd);
int tap_wait_go(const int p[2]);
void tap_go(const int p[2], unsigned char c);

/* A proc of the case's own, and text files as /proc gives them. */
bool tap_mount_proc(char *dir, size_t size, const char *prefix);
void tap_unmount_proc(const char *dir);
long tap_read_file(const char *path, char *buf, size_t size);
long tap_write_at(const char *dir, const char *name, const char *text);
bool tap_pid_max_is_per_ns(void);
const char *tap_field(const char *text, const char *name);

#endif
