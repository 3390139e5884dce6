/* ktest.c - the in-kernel self-test runner.
 *
 * `ktest=all` (or `ktest=frame,slab,...`) on the command line makes the boot flow run the
 * selected suites instead of user space. Each case is a function; it fails if any KTEST_EXPECT
 * inside it fails. Output is TAP, one line per case ("ok 3 - slab/zalloc_zeroes", or
 * "not ok 4 - ... # file:line: why"), then "ktest: N passed, M failed", and QEMU exits with
 * isa-debug-exit value 0 (all passed) or 1 (failures) - the harness in tests/ reads both.
 *
 * Some selections are negative controls that must end in a panic, to prove the checks work:
 * `panic` (a deliberate kernel fault: the panic must name ktest_deliberate_fault), `uaf` (a
 * write to freed slab memory: poisoning must catch it), `refcount` (a reference put once too
 * often: refcount.h must catch it), `stackguard` (a kernel stack's guard word trampled: the
 * scheduler must catch it) and `lockorder` (two locks taken in the
 * wrong order: the lock-order check must catch it).
 * Locking: runs in one kernel thread; the state below is touched only by it.
 * See also: kernel/ktest/<topic>_test.c (the suites), tests/harness/ (the host side). */
#include "ktest.h"
#include "arch.h"
#include "err.h"
#include "panic.h"
#include "pid_namespace.h"
#include "printk.h"
#include "slab.h"
#include "string.h"
#include "sched.h"
#include "sched_test.h"

#define KTEST_EXIT_PASSED	0
#define KTEST_EXIT_FAILED	1

extern const struct ktest_suite ktest_suite_boot;
extern const struct ktest_suite ktest_suite_frame;
extern const struct ktest_suite ktest_suite_slab;
extern const struct ktest_suite ktest_suite_kmalloc;
extern const struct ktest_suite ktest_suite_spinlock;
extern const struct ktest_suite ktest_suite_time;
extern const struct ktest_suite ktest_suite_sched;
extern const struct ktest_suite ktest_suite_waitqueue;
extern const struct ktest_suite ktest_suite_vm;
extern const struct ktest_suite ktest_suite_uaccess;
extern const struct ktest_suite ktest_suite_vfs;
extern const struct ktest_suite ktest_suite_procsys;

static const struct ktest_suite *const suites[] = {
	&ktest_suite_boot,
	&ktest_suite_frame,
	&ktest_suite_slab,
	&ktest_suite_kmalloc,
	&ktest_suite_spinlock,
	&ktest_suite_time,
	&ktest_suite_sched,
	&ktest_suite_waitqueue,
	&ktest_suite_vm,
	&ktest_suite_uaccess,
	&ktest_suite_vfs,
	&ktest_suite_procsys,
};

static int case_failures;	/* KTEST_EXPECT failures in the running case */
static int passed, failed, numbered;

/**
 * ktest_fail() - record a failed expectation in the running case and say why.
 * Context: the ktest thread (or a thread it started). Return: nothing; the case goes on.
 */
void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	case_failures++;
	printk(LOGLEVEL_ERR, "# %s:%d: ", file, line);
	va_start(ap, fmt);
	vprintk(LOGLEVEL_ERR, fmt, ap);
	va_end(ap);
	printk(LOGLEVEL_ERR, "\n");
}

/* ktest_selected() - is @suite named in @selection ("all" or a comma-separated list)? */
bool ktest_selected(const char *selection, const char *suite)
{
	size_t n = strlen(suite);

	if (strcmp(selection, "all") == 0)
		return true;
	for (const char *p = selection; *p; p++) {
		bool at_word = p == selection || p[-1] == ',';

		if (at_word && strncmp(p, suite, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return true;
	}
	return false;
}

static void run_case(const struct ktest_suite *suite, const struct ktest_case *c)
{
	case_failures = 0;
	c->fn();
	numbered++;
	if (case_failures == 0) {
		passed++;
		printk(LOGLEVEL_ERR, "ok %d - %s/%s\n", numbered, suite->name, c->name);
	} else {
		failed++;
		printk(LOGLEVEL_ERR, "not ok %d - %s/%s # %d expectation(s) failed\n", numbered,
		       suite->name, c->name, case_failures);
	}
}

static int count_selected_cases(const char *selection)
{
	int n = 0;

	for (size_t i = 0; i < ARRAY_SIZE(suites); i++)
		if (ktest_selected(selection, suites[i]->name))
			n += suites[i]->nr_cases;
	return n;
}

/* ktest_deliberate_fault() - write through a NULL pointer: the `ktest=panic` negative control.
 * noinline so it has a frame of its own for the backtrace to name. */
__attribute__((noinline)) void ktest_deliberate_fault(void)
{
	volatile int *null = NULL;

	/* Hide the NULL from the optimiser, which may otherwise replace the store by a trap. */
	__asm__ __volatile__("" : "+r"(null));
	pr_err("ktest: faulting on purpose in ktest_deliberate_fault()\n");
	*null = 42;
}

/* ktest_refcount_underflow() - the `ktest=refcount` negative control: a new pid namespace
 * (one reference) put twice. The first put frees it; the second finds the slab's poison
 * where the count was, and ref_put() (refcount.h) must panic with "refcount underflow". */
static void ktest_refcount_underflow(void)
{
	struct pid_namespace *ns = pidns_create(&init_pid_ns);

	if (IS_ERR(ns))
		panic("ktest: refcount: no namespace to test with (%ld)", PTR_ERR(ns));
	put_pid_ns(ns);
	pr_err("ktest: putting freed pid_namespace %#lx once more, on purpose\n",
	       (unsigned long)ns);
	put_pid_ns(ns);
}

/* ktest_stack_overflow() - the `ktest=stackguard` negative control: trample the lowest word of
 * our own kernel stack, which a real overflow reaches first, and sleep. The scheduler checks
 * the word of the thread it switches away from (kthread_check_stack) and must panic with
 * "stack overflow" naming this thread. (A real overflow would also have written over the
 * memory below the stack; this one stops at the guard word.) Sleeping, not yielding: with
 * nothing else runnable a yield would not switch at all. */
static void ktest_stack_overflow(void)
{
	struct thread *t = sched_current();

	pr_err("ktest: trampling the guard word of thread %d's stack on purpose\n", t->id);
	*(volatile uint64_t *)t->stack_base = 0;
	sched_sleep_ms(10);
}

/* run_negative_control() - selections that must panic; returns only if @selection is none. */
static void run_negative_control(const char *selection)
{
	if (strcmp(selection, "panic") == 0)
		ktest_deliberate_fault();
	else if (strcmp(selection, "uaf") == 0)
		mm_test_use_after_free();
	else if (strcmp(selection, "lockorder") == 0)
		sched_test_lock_inversion();
	else if (strcmp(selection, "refcount") == 0)
		ktest_refcount_underflow();
	else if (strcmp(selection, "stackguard") == 0)
		ktest_stack_overflow();
	else
		return;
	panic("ktest: negative control \"%s\" did not panic", selection);
}

/**
 * ktest_main() - run the suites named in @selection, print TAP and a summary, exit QEMU.
 * Context: a kernel thread, interrupts on. Return: never.
 */
void ktest_main(const char *selection)
{
	run_negative_control(selection);
	printk(LOGLEVEL_ERR, "TAP version 13\n1..%d\n", count_selected_cases(selection));
	for (size_t i = 0; i < ARRAY_SIZE(suites); i++) {
		if (!ktest_selected(selection, suites[i]->name))
			continue;
		for (int j = 0; j < suites[i]->nr_cases; j++)
			run_case(suites[i], &suites[i]->cases[j]);
	}
	printk(LOGLEVEL_ERR, "ktest: %d passed, %d failed\n", passed, failed);
	arch_qemu_exit(failed ? KTEST_EXIT_FAILED : KTEST_EXIT_PASSED);
}
