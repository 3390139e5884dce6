/* ktest.h - in-kernel self-tests, selected with `ktest=` on the command line.
 * A suite is a table of cases (functions) in kernel/ktest/<topic>_test.c; kernel/ktest/ktest.c
 * lists the suites, runs the selected ones after boot, prints TAP on the console
 * ("ok 3 - slab/poison_detects_write"), ends with "ktest: N passed, M failed" and exits QEMU.
 * `ktest=all` runs every suite, `ktest=slab,sched` a list, `ktest=panic` faults on purpose so the
 * harness can check that the panic names the faulting function.
 * A case fails if any KTEST_EXPECT in it fails; the failure line names file, line and values. */
#ifndef REAPER_KTEST_H
#define REAPER_KTEST_H

#include "compiler.h"

struct ktest_case {
	const char *name;
	void (*fn)(void);
};

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases;
	int nr_cases;
};

#define KTEST_SUITE(suite_name, table) \
	const struct ktest_suite ktest_suite_##suite_name = { #suite_name, table, ARRAY_SIZE(table) }

void ktest_fail(const char *file, int line, const char *fmt, ...) PRINTF_LIKE(3, 4);
bool ktest_selected(const char *selection, const char *suite);
NORETURN void ktest_main(const char *selection);

#define KTEST_EXPECT(cond)                                                         \
	do {                                                                        \
		if (!(cond))                                                        \
			ktest_fail(__FILE__, __LINE__, "expected %s", #cond);      \
	} while (0)

#define KTEST_EXPECT_EQ(a, b)                                                      \
	do {                                                                        \
		long long ktest_a_ = (long long)(a), ktest_b_ = (long long)(b);     \
		if (ktest_a_ != ktest_b_)                                           \
			ktest_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, \
				   ktest_a_, ktest_b_);                             \
	} while (0)

#endif
