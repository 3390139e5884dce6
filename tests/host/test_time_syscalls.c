// sources: kernel/time_syscalls.c
/* test_time_syscalls.c - host unit tests of the clock and sleep system calls
 * (kernel/time_syscalls.c).
 *
 * The handlers run unchanged against a fake machine: the monotonic clock (time_ns) and the
 * boot epoch are variables the cases set, sched_sleep_ms() records how long it was asked to
 * sleep and advances the clock, and copy_to_user/copy_from_user treat user addresses as host
 * pointers, except NULL and BAD_PTR, which fault. So each case checks exactly what a program
 * would see: the errno for a bad clock id or timespec, EFAULT for bad pointers, the values
 * and their units, and how long a sleep really asked the scheduler for. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "fake_uaccess.h"
#include "sched.h"
#include "syscalls.h"
#include "time.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define EPOCH		1700000000UL	/* 2023-11-14 22:13:20 UTC */

static uint64_t now_ns;			/* what time_ns() returns */
static uint64_t slept_ms, nr_sleeps, nr_yields;

uint64_t time_ns(void)
{
	return now_ns;
}

uint64_t arch_boot_epoch_seconds(void)
{
	return EPOCH;
}

void sched_sleep_ms(uint64_t ms)
{
	slept_ms = ms;
	nr_sleeps++;
	now_ns += ms * NSEC_PER_MSEC;
}

void sched_yield(void)
{
	nr_yields++;
}

bool sched_sleep_ms_interruptible(uint64_t ms)
{
	sched_sleep_ms(ms);
	return true;	/* no signals here: every sleep runs to its end */
}

static struct thread self;
struct thread *sched_current_thread = &self;	/* what sched_current() reads */

static int reset(void **state)
{
	(void)state;
	now_ns = 5 * NSEC_PER_SEC + 250;
	slept_ms = nr_sleeps = nr_yields = 0;
	return 0;
}

static void gettime_clocks(void **state)
{
	struct timespec ts;

	(void)state;
	assert_int_equal(call(sys_clock_gettime, CLOCK_MONOTONIC, (uaddr_t)&ts, 0, 0), 0);
	assert_int_equal(ts.tv_sec, 5);
	assert_int_equal(ts.tv_nsec, 250);
	assert_int_equal(call(sys_clock_gettime, CLOCK_REALTIME, (uaddr_t)&ts, 0, 0), 0);
	assert_int_equal(ts.tv_sec, EPOCH + 5);
	for (int id = 0; id <= CLOCK_BOOTTIME; id++)
		assert_int_equal(call(sys_clock_gettime, id, (uaddr_t)&ts, 0, 0), 0);
}

static void gettime_errors(void **state)
{
	struct timespec ts;

	(void)state;
	assert_int_equal(call(sys_clock_gettime, 8, (uaddr_t)&ts, 0, 0), -EINVAL);
	assert_int_equal(call(sys_clock_gettime, 11, (uaddr_t)&ts, 0, 0), -EINVAL);	/* TAI */
	assert_int_equal(call(sys_clock_gettime, (uint64_t)-2, (uaddr_t)&ts, 0, 0), -EINVAL);
	assert_int_equal(call(sys_clock_gettime, CLOCK_MONOTONIC, 0, 0, 0), -EFAULT);
	/* an invalid clock is reported before the pointer is looked at, as Linux does */
	assert_int_equal(call(sys_clock_gettime, 99, BAD_PTR, 0, 0), -EINVAL);
}

static void getres(void **state)
{
	struct timespec res;

	(void)state;
	assert_int_equal(call(sys_clock_getres, CLOCK_MONOTONIC, (uaddr_t)&res, 0, 0), 0);
	assert_int_equal(res.tv_sec, 0);
	assert_int_equal(res.tv_nsec, 1);
	assert_int_equal(call(sys_clock_getres, CLOCK_MONOTONIC_COARSE, (uaddr_t)&res, 0, 0), 0);
	assert_int_equal(res.tv_nsec, NSEC_PER_SEC / HZ);
	assert_int_equal(call(sys_clock_getres, CLOCK_REALTIME, 0, 0, 0), 0);	/* NULL is ok */
	assert_int_equal(call(sys_clock_getres, 42, 0, 0, 0), -EINVAL);
	assert_int_equal(call(sys_clock_getres, CLOCK_REALTIME, BAD_PTR, 0, 0), -EFAULT);
}

static void gettimeofday_and_time(void **state)
{
	struct timeval tv;
	struct timezone tz = { 99, 99 };
	int64_t t = 0;

	(void)state;
	now_ns = 7 * NSEC_PER_SEC + 123456789;
	assert_int_equal(call(sys_gettimeofday, (uaddr_t)&tv, (uaddr_t)&tz, 0, 0), 0);
	assert_int_equal(tv.tv_sec, EPOCH + 7);
	assert_int_equal(tv.tv_usec, 123456);
	assert_int_equal(tz.tz_minuteswest, 0);
	assert_int_equal(call(sys_gettimeofday, 0, 0, 0, 0), 0);
	assert_int_equal(call(sys_gettimeofday, BAD_PTR, 0, 0, 0), -EFAULT);
	assert_int_equal(call(sys_time, 0, 0, 0, 0), EPOCH + 7);
	assert_int_equal(call(sys_time, (uaddr_t)&t, 0, 0, 0), EPOCH + 7);
	assert_int_equal(t, EPOCH + 7);
	assert_int_equal(call(sys_time, BAD_PTR, 0, 0, 0), -EFAULT);
}

static void nanosleep_rounds_up(void **state)
{
	struct timespec req = { 0, 1 };

	(void)state;
	assert_int_equal(call(sys_nanosleep, (uaddr_t)&req, 0, 0, 0), 0);
	assert_int_equal(slept_ms, 1);
	req = (struct timespec){ 2, 500 * NSEC_PER_MSEC };
	assert_int_equal(call(sys_nanosleep, (uaddr_t)&req, BAD_PTR, 0, 0), 0); /* rem unused */
	assert_int_equal(slept_ms, 2500);
	req = (struct timespec){ 0, 0 };
	assert_int_equal(call(sys_nanosleep, (uaddr_t)&req, 0, 0, 0), 0);
	assert_int_equal(nr_yields, 1);		/* a zero sleep still yields */
	assert_int_equal(nr_sleeps, 2);
}

static void nanosleep_errors(void **state)
{
	struct timespec bad[] = { { 0, 1000000000 }, { 0, -1 }, { -1, 0 } };

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(call(sys_nanosleep, (uaddr_t)&bad[i], 0, 0, 0), -EINVAL);
	assert_int_equal(call(sys_nanosleep, 0, 0, 0, 0), -EFAULT);
	assert_int_equal(nr_sleeps + nr_yields, 0);
}

/* A huge request must not overflow into a short sleep. */
static void nanosleep_huge_saturates(void **state)
{
	struct timespec req = { INT64_MAX, 999999999 };

	(void)state;
	assert_int_equal(call(sys_nanosleep, (uaddr_t)&req, 0, 0, 0), 0);
	assert_true(slept_ms >= (1ULL << 40));
}

static void clock_nanosleep_absolute(void **state)
{
	struct timespec req = { 6, 0 };		/* now is 5 s + 250 ns on CLOCK_MONOTONIC */

	(void)state;
	assert_int_equal(call(sys_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME,
			      (uaddr_t)&req, 0), 0);
	assert_int_equal(slept_ms, 1000);
	req.tv_sec = 1;				/* in the past: no sleep at all */
	assert_int_equal(call(sys_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME,
			      (uaddr_t)&req, 0), 0);
	assert_int_equal(nr_sleeps + nr_yields, 1);
	req.tv_sec = EPOCH + 10;		/* REALTIME deadlines are wall-clock times */
	assert_int_equal(call(sys_clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME,
			      (uaddr_t)&req, 0), 0);
	assert_true(slept_ms >= 3999 && slept_ms <= 4000);
}

static void clock_nanosleep_errors(void **state)
{
	struct timespec req = { 0, 1000 }, bad = { 0, NSEC_PER_SEC };

	(void)state;
	assert_int_equal(call(sys_clock_nanosleep, 99, 0, (uaddr_t)&req, 0), -EINVAL);
	assert_int_equal(call(sys_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, (uaddr_t)&req, 0),
			 -EOPNOTSUPP);
	assert_int_equal(call(sys_clock_nanosleep, CLOCK_MONOTONIC_RAW, 0, 0, 0), -EOPNOTSUPP);
	assert_int_equal(call(sys_clock_nanosleep, CLOCK_MONOTONIC_RAW, 0, (uaddr_t)&req, 0),
			 -EOPNOTSUPP);
	assert_int_equal(call(sys_clock_nanosleep, CLOCK_MONOTONIC, 0, 0, 0), -EFAULT);
	assert_int_equal(call(sys_clock_nanosleep, CLOCK_MONOTONIC, 0, (uaddr_t)&bad, 0),
			 -EINVAL);
	/* unknown flag bits are ignored, as on Linux */
	assert_int_equal(call(sys_clock_nanosleep, CLOCK_MONOTONIC, 0x10, (uaddr_t)&req, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(gettime_clocks, reset),
		cmocka_unit_test_setup(gettime_errors, reset),
		cmocka_unit_test_setup(getres, reset),
		cmocka_unit_test_setup(gettimeofday_and_time, reset),
		cmocka_unit_test_setup(nanosleep_rounds_up, reset),
		cmocka_unit_test_setup(nanosleep_errors, reset),
		cmocka_unit_test_setup(nanosleep_huge_saturates, reset),
		cmocka_unit_test_setup(clock_nanosleep_absolute, reset),
		cmocka_unit_test_setup(clock_nanosleep_errors, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
