// sources: kernel/syslog.c kernel/lib/printk.c kernel/lib/vsprintf.c
/* test_syslog.c - host unit tests of the kernel log as syslog(2) reads it: printk's ring
 * (kernel/lib/printk.c) and the system call's actions and errors (kernel/syslog.c).
 *
 * Both files run unchanged. Faked: the clock (a fixed time each case sets, so the stamps are
 * known), the console (a string the case can read), the spinlock (a flag: taking it twice is
 * a deadlock, and copy_to_user() fails the case if it runs under log_lock, the bug the bounce
 * buffer exists to avoid), kmalloc (malloc, filled with 0xa5 like the kernel's), the user
 * copy (host pointers, except NULL and BAD_PTR, which fault) and READ's sleep (a case decides
 * whether a message arrives during it or a signal ends it).
 * The log is one static ring for the whole program, so each case first CLEARs or READs away
 * what earlier cases left. The expected texts are Linux's klogctl format (compare with
 * `klogctl(3, ...)` on the host: "<6>[    1.234567] text\n"). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kmalloc.h"
#include "printk.h"
#include "sched.h"
#include "spinlock.h"
#include "syscalls.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/syslog.h"

#define BAD_PTR		0xdead000UL
#define KERNEL_PTR	0xffffffff80000000UL
#define BIG		(2 * LOG_RING_SIZE)

/* ---- fakes ---- */

static bool log_locked;
static char console[4096];
static size_t console_len;
static uint64_t fake_ns = 1234567000;		/* "[    1.234567]" */
static enum { SLEEP_LOGS, SLEEP_SIGNALLED } sleep_mode;
static int sleeps;

void spin_lock(struct spinlock *lock)
{
	(void)lock;
	if (log_locked)
		fail_msg("log_lock taken twice: a deadlock");
	log_locked = true;
}

void spin_unlock(struct spinlock *lock)
{
	(void)lock;
	log_locked = false;
}

bool spin_is_held(const struct spinlock *lock)
{
	(void)lock;
	return log_locked;
}

void panic(const char *fmt, ...)
{
	fail_msg("panic: %s", fmt);
	abort();
}

void arch_console_putc(char c)
{
	if (console_len < sizeof(console) - 1)
		console[console_len++] = c;
	console[console_len] = '\0';
}

static uint64_t fake_clock(void)
{
	return fake_ns;
}

void *kmalloc(size_t size)
{
	void *p = malloc(size);

	return p ? memset(p, 0xa5, size) : NULL;
}

void kfree(void *ptr)
{
	free(ptr);
}

bool user_range_ok(uaddr_t addr, size_t n)
{
	return addr + n >= addr && addr + n <= USER_SPACE_END;
}

int copy_to_user(uaddr_t dst, const void *src, size_t n)
{
	if (log_locked)
		fail_msg("copy_to_user under log_lock: it may fault and take the mm locks");
	if (dst == 0 || dst == BAD_PTR)
		return -EFAULT;
	memcpy((void *)dst, src, n);
	return 0;
}

/* READ's wait: either a message arrives while it sleeps, or a signal ends the sleep. */
bool sched_sleep_ms_interruptible(uint64_t ms)
{
	(void)ms;
	sleeps++;
	if (sleep_mode == SLEEP_SIGNALLED)
		return false;
	printk(LOGLEVEL_INFO, "arrived while asleep\n");
	return true;
}

/* ---- helpers ---- */

static long klogctl(int action, void *buf, long len)
{
	struct syscall_args a = { 103, { (uint64_t)action, (uint64_t)buf, (uint64_t)len } };

	return sys_syslog(&a);
}

/* read_all() - READ_ALL into a static buffer, NUL-terminated. */
static const char *read_all(void)
{
	static char buf[BIG + 1];
	long n = klogctl(SYSLOG_ACTION_READ_ALL, buf, BIG);

	assert_true(n >= 0);
	buf[n] = '\0';
	return buf;
}

/* fresh() - a cleared log, an empty console record, the default console level. */
static int fresh(void **state)
{
	(void)state;
	printk_set_clock(fake_clock);
	printk_set_console_level(LOGLEVEL_DEFAULT_CONSOLE);
	assert_int_equal(klogctl(SYSLOG_ACTION_CLEAR, NULL, 0), 0);
	console_len = 0;
	console[0] = '\0';
	return 0;
}

/* ---- the text: "<level>[stamp] message\n" ---- */

static void read_all_gives_level_and_stamp(void **state)
{
	(void)state;
	printk(LOGLEVEL_INFO, "reaper: hello %d\n", 42);
	assert_string_equal(read_all(), "<6>[    1.234567] reaper: hello 42\n");
}

static void every_line_of_a_message_is_stamped(void **state)
{
	(void)state;
	printk(LOGLEVEL_ERR, "one\ntwo\n");
	fake_ns = 12000001000ULL;
	printk(LOGLEVEL_INFO, "three\n");
	assert_string_equal(read_all(), "<3>[    1.234567] one\n<3>[    1.234567] two\n"
					"<6>[   12.000001] three\n");
	fake_ns = 1234567000;
}

static void a_continued_line_keeps_its_first_level(void **state)
{
	(void)state;
	printk(LOGLEVEL_WARNING, "start ");
	printk(LOGLEVEL_DEBUG, "end\n");
	assert_string_equal(read_all(), "<4>[    1.234567] start end\n");
}

static void console_gets_no_level_prefix(void **state)
{
	(void)state;
	printk(LOGLEVEL_INFO, "shown\n");
	printk(LOGLEVEL_DEBUG, "hidden\n");	/* not below the default console level, 7 */
	assert_string_equal(console, "[    1.234567] shown\n");
	assert_non_null(strstr(read_all(), "<7>[    1.234567] hidden\n"));
}

/* ---- READ_ALL's length: whole lines, the newest that fit ---- */

static void a_short_buffer_gets_the_newest_whole_lines(void **state)
{
	char buf[64] = { 0 };
	const char *last = "<6>[    1.234567] second\n";

	(void)state;
	printk(LOGLEVEL_INFO, "first\n");
	printk(LOGLEVEL_INFO, "second\n");
	assert_int_equal(klogctl(SYSLOG_ACTION_READ_ALL, buf, strlen(last) + 10), strlen(last));
	assert_string_equal(buf, last);
	assert_int_equal(klogctl(SYSLOG_ACTION_READ_ALL, buf, strlen(last) - 1), 0);
}

static void a_wrapped_ring_starts_at_a_whole_line(void **state)
{
	const char *text, *line;
	int first, n = 0;

	(void)state;
	for (int i = 0; i < 5000; i++)		/* about 150 KiB: the ring wraps twice */
		printk(LOGLEVEL_INFO, "line %05d of the wrap test\n", i);
	text = read_all();
	assert_true(strlen(text) <= LOG_RING_SIZE);
	assert_true(strlen(text) > LOG_RING_SIZE - 64);
	assert_int_equal(sscanf(text, "<6>[    1.234567] line %d of", &first), 1);
	for (line = text; *line; line = strchr(line, '\n') + 1, n++) {
		int nr = -1;

		assert_int_equal(sscanf(line, "<6>[    1.234567] line %d of", &nr), 1);
		assert_int_equal(nr, first + n);	/* no line cut, none missing */
	}
	assert_int_equal(first + n, 5000);
	assert_true(klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0) <= LOG_RING_SIZE);
}

/* ---- CLEAR and READ_CLEAR ---- */

static void read_clear_then_only_newer_lines(void **state)
{
	char buf[256] = { 0 };

	(void)state;
	printk(LOGLEVEL_INFO, "old\n");
	assert_int_equal(klogctl(SYSLOG_ACTION_READ_CLEAR, buf, sizeof(buf)), 22);
	assert_string_equal(buf, "<6>[    1.234567] old\n");
	assert_string_equal(read_all(), "");
	printk(LOGLEVEL_INFO, "new\n");
	assert_string_equal(read_all(), "<6>[    1.234567] new\n");
}

static void clear_mid_line_keeps_the_whole_line(void **state)
{
	(void)state;
	printk(LOGLEVEL_INFO, "gone\n");
	printk(LOGLEVEL_INFO, "begun ");
	assert_int_equal(klogctl(SYSLOG_ACTION_CLEAR, NULL, 0), 0);
	printk(LOGLEVEL_INFO, "and ended\n");
	assert_string_equal(read_all(), "<6>[    1.234567] begun and ended\n");
}

/* ---- READ and SIZE_UNREAD: one reader's stream ---- */

static void drain(void)
{
	static char buf[LOG_RING_SIZE];

	while (klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0) > 0)
		assert_true(klogctl(SYSLOG_ACTION_READ, buf, sizeof(buf)) > 0);
}

static void read_consumes_bytes_in_order(void **state)
{
	char buf[64] = { 0 };

	(void)state;
	drain();
	printk(LOGLEVEL_NOTICE, "stream\n");
	assert_int_equal(klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0), 25);
	assert_int_equal(klogctl(SYSLOG_ACTION_READ, buf, 5), 5);
	assert_memory_equal(buf, "<5>[ ", 5);
	assert_int_equal(klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0), 20);
	assert_int_equal(klogctl(SYSLOG_ACTION_READ, buf, sizeof(buf)), 20);
	assert_memory_equal(buf, "   1.234567] stream\n", 20);
	assert_int_equal(klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0), 0);
	assert_string_equal(read_all(), "<5>[    1.234567] stream\n");	/* READ_ALL unaffected */
}

static void read_waits_for_new_text(void **state)
{
	char buf[64] = { 0 };

	(void)state;
	drain();
	sleeps = 0;
	sleep_mode = SLEEP_LOGS;
	assert_int_equal(klogctl(SYSLOG_ACTION_READ, buf, sizeof(buf) - 1), 39);
	assert_string_equal(buf, "<6>[    1.234567] arrived while asleep\n");
	assert_int_equal(sleeps, 1);
}

static void a_signal_ends_reads_wait(void **state)
{
	char buf[16];

	(void)state;
	drain();
	sleep_mode = SLEEP_SIGNALLED;
	assert_int_equal(klogctl(SYSLOG_ACTION_READ, buf, sizeof(buf)), -ERESTARTSYS);
	sleep_mode = SLEEP_LOGS;
}

/* ---- the console level ---- */

static void console_off_on_and_level(void **state)
{
	(void)state;
	assert_int_equal(klogctl(SYSLOG_ACTION_CONSOLE_OFF, NULL, 0), 0);
	assert_int_equal(printk_console_level(), 1);
	printk(LOGLEVEL_ERR, "quiet\n");
	printk(LOGLEVEL_EMERG, "loud\n");
	assert_string_equal(console, "[    1.234567] loud\n");
	assert_int_equal(klogctl(SYSLOG_ACTION_CONSOLE_OFF, NULL, 0), 0);	/* keeps the 7 */
	assert_int_equal(klogctl(SYSLOG_ACTION_CONSOLE_ON, NULL, 0), 0);
	assert_int_equal(printk_console_level(), 7);
	assert_int_equal(klogctl(SYSLOG_ACTION_CONSOLE_ON, NULL, 0), 0);	/* nothing saved */
	assert_int_equal(printk_console_level(), 7);
}

static void console_level_sets_and_forgets_off(void **state)
{
	(void)state;
	assert_int_equal(klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 0), -EINVAL);
	assert_int_equal(klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 9), -EINVAL);
	assert_int_equal(printk_console_level(), 7);
	assert_int_equal(klogctl(SYSLOG_ACTION_CONSOLE_OFF, NULL, 0), 0);
	assert_int_equal(klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 5), 0);
	assert_int_equal(klogctl(SYSLOG_ACTION_CONSOLE_ON, NULL, 0), 0);
	assert_int_equal(printk_console_level(), 5);
	assert_int_equal(klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 8), 0);
	printk(LOGLEVEL_DEBUG, "debug\n");
	assert_string_equal(console, "[    1.234567] debug\n");
}

/* ---- the other actions, and the errors (as the Linux host gives them) ---- */

static void sizes_and_no_ops(void **state)
{
	(void)state;
	assert_int_equal(klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0), LOG_RING_SIZE);
	assert_int_equal(klogctl(SYSLOG_ACTION_CLOSE, NULL, 0), 0);
	assert_int_equal(klogctl(SYSLOG_ACTION_OPEN, NULL, 0), 0);
}

static void errors_are_linuxs(void **state)
{
	char buf[8];

	(void)state;
	printk(LOGLEVEL_INFO, "something to read\n");
	assert_int_equal(klogctl(-1, buf, sizeof(buf)), -EINVAL);
	assert_int_equal(klogctl(11, buf, sizeof(buf)), -EINVAL);
	assert_int_equal(klogctl(SYSLOG_ACTION_READ_ALL, NULL, 8), -EINVAL);
	assert_int_equal(klogctl(SYSLOG_ACTION_READ_ALL, NULL, 0), -EINVAL);
	assert_int_equal(klogctl(SYSLOG_ACTION_READ_ALL, buf, -1), -EINVAL);
	assert_int_equal(klogctl(SYSLOG_ACTION_READ, buf, -1), -EINVAL);
	assert_int_equal(klogctl(SYSLOG_ACTION_READ_ALL, buf, 0), 0);
	assert_int_equal(klogctl(SYSLOG_ACTION_READ_ALL, (void *)BAD_PTR, 4096), -EFAULT);
	assert_int_equal(klogctl(SYSLOG_ACTION_READ_ALL, (void *)KERNEL_PTR, 64), -EFAULT);
	assert_int_equal(klogctl(SYSLOG_ACTION_READ_CLEAR, (void *)KERNEL_PTR, 64), -EFAULT);
	assert_int_equal(klogctl(SYSLOG_ACTION_READ, (void *)KERNEL_PTR, 64), -EFAULT);
	assert_non_null(strstr(read_all(), "something to read"));	/* not cleared */
}

#define CASE(fn) cmocka_unit_test_setup(fn, fresh)

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(read_all_gives_level_and_stamp),
		CASE(every_line_of_a_message_is_stamped),
		CASE(a_continued_line_keeps_its_first_level),
		CASE(console_gets_no_level_prefix),
		CASE(a_short_buffer_gets_the_newest_whole_lines),
		CASE(a_wrapped_ring_starts_at_a_whole_line),
		CASE(read_clear_then_only_newer_lines),
		CASE(clear_mid_line_keeps_the_whole_line),
		CASE(read_consumes_bytes_in_order),
		CASE(read_waits_for_new_text),
		CASE(a_signal_ends_reads_wait),
		CASE(console_off_on_and_level),
		CASE(console_level_sets_and_forgets_off),
		CASE(sizes_and_no_ops),
		CASE(errors_are_linuxs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
