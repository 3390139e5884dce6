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
 * name contains NAME. */
#ifndef REAPER_USER_TAP_H
#define REAPER_USER_TAP_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>

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

#endif
