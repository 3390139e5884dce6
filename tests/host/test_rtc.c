// sources: arch/x86_64/rtc.c
/* test_rtc.c - host unit tests of the date arithmetic behind the boot epoch
 * (rtc_mktime() in arch/x86_64/rtc.c).
 *
 * Reading the CMOS ports cannot run on the host, but turning a calendar date into seconds
 * since 1970 is pure, and easy to get subtly wrong (leap years, the century rules, months
 * before March). The expected values are what `date -u -d ... +%s` prints on Linux. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "types.h"

/* From arch/x86_64/rtc.h, which is private to arch/x86_64 and not on the test's path. */
uint64_t rtc_mktime(unsigned int year, unsigned int month, unsigned int day, unsigned int hour,
		    unsigned int min, unsigned int sec);

void printk(int level, const char *fmt, ...)
{
	(void)level;
	(void)fmt;
}

void arch_cpu_relax(void)
{
}

static void epoch_and_simple_dates(void **state)
{
	(void)state;
	assert_int_equal(rtc_mktime(1970, 1, 1, 0, 0, 0), 0);
	assert_int_equal(rtc_mktime(1970, 1, 2, 0, 0, 0), 86400);
	assert_int_equal(rtc_mktime(2000, 1, 1, 0, 0, 0), 946684800);
	assert_int_equal(rtc_mktime(2023, 11, 14, 22, 13, 20), 1700000000);
}

static void leap_years(void **state)
{
	(void)state;
	assert_int_equal(rtc_mktime(2000, 2, 29, 12, 0, 0), 951825600);	/* 400-year rule */
	assert_int_equal(rtc_mktime(2000, 3, 1, 0, 0, 0), 951868800);
	assert_int_equal(rtc_mktime(2024, 2, 29, 0, 0, 0), 1709164800);
	assert_int_equal(rtc_mktime(2024, 3, 1, 0, 0, 0) - rtc_mktime(2024, 2, 28, 0, 0, 0),
			 2 * 86400);
	assert_int_equal(rtc_mktime(2100, 3, 1, 0, 0, 0) - rtc_mktime(2100, 2, 28, 0, 0, 0),
			 86400);	/* 2100 is not a leap year */
}

static void end_of_year_and_day(void **state)
{
	(void)state;
	assert_int_equal(rtc_mktime(1999, 12, 31, 23, 59, 59), 946684799);
	assert_int_equal(rtc_mktime(2038, 1, 19, 3, 14, 8), 2147483648UL);	/* past int32 */
	assert_int_equal(rtc_mktime(2099, 12, 31, 23, 59, 59), 4102444799UL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(epoch_and_simple_dates),
		cmocka_unit_test(leap_years),
		cmocka_unit_test(end_of_year_and_day),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
