/* rtc.c - the CMOS real-time clock: what time it was when we booted.
 *
 * The PC's battery-backed clock (the MC146818 of 1984, emulated by every chipset and by QEMU)
 * keeps the date and time in a few bytes of CMOS RAM, reached by writing a register number
 * to port 0x70 and reading port 0x71. It is read once, at boot; afterwards wall-clock time is
 * this boot epoch plus the monotonic clock (kernel/time_syscalls.c), as Linux's timekeeping
 * does after reading the RTC in its persistent-clock hook.
 *
 * Three wrinkles make the read careful:
 *   - the chip updates its registers once a second; while status A's "update in progress" bit
 *     is set they may be inconsistent, so we wait for it to clear, read everything, and read
 *     again until two reads agree (an update may still begin between the check and the reads);
 *   - the values are BCD (0x59 = 59) unless status B says binary;
 *   - the hour may be 12-hour with bit 7 = PM, unless status B says 24-hour.
 * The clock is assumed to hold UTC, as QEMU's does by default (`-rtc base=utc`). The century
 * register is not standardised, so years are taken as 2000-2099.
 *
 * Locking: boot only, interrupts off; nothing else uses ports 0x70/0x71.
 * See also: kernel/time_syscalls.c (CLOCK_REALTIME), setup.c. Linux:
 *   arch/x86/kernel/rtc.c (mach_get_cmos_time), kernel/time/time.c (mktime64).
 */
#include "arch.h"
#include "io.h"
#include "printk.h"
#include "rtc.h"

#define CMOS_INDEX	0x70
#define CMOS_DATA	0x71
#define NMI_DISABLE	0x80	/* bit 7 of the index port: keep NMIs masked while we read */

enum { RTC_SEC = 0x00, RTC_MIN = 0x02, RTC_HOUR = 0x04, RTC_DAY = 0x07, RTC_MONTH = 0x08,
       RTC_YEAR = 0x09, RTC_STATUS_A = 0x0a, RTC_STATUS_B = 0x0b };

#define STATUS_A_UIP	0x80	/* update in progress */
#define STATUS_B_24H	0x02
#define STATUS_B_BINARY	0x04
#define HOUR_PM		0x80

struct rtc_time {
	unsigned int sec, min, hour, day, month, year;	/* as read: maybe BCD, maybe 12-hour */
};

static uint64_t boot_epoch;	/* seconds since 1970 at rtc_init(); constant afterwards */

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, NMI_DISABLE | reg);
	return inb(CMOS_DATA);
}

static void read_once(struct rtc_time *t)
{
	while (cmos_read(RTC_STATUS_A) & STATUS_A_UIP)
		arch_cpu_relax();
	t->sec = cmos_read(RTC_SEC);
	t->min = cmos_read(RTC_MIN);
	t->hour = cmos_read(RTC_HOUR);
	t->day = cmos_read(RTC_DAY);
	t->month = cmos_read(RTC_MONTH);
	t->year = cmos_read(RTC_YEAR);
}

static bool same_time(const struct rtc_time *a, const struct rtc_time *b)
{
	return a->sec == b->sec && a->min == b->min && a->hour == b->hour && a->day == b->day &&
	       a->month == b->month && a->year == b->year;
}

static unsigned int bcd_to_bin(unsigned int v)
{
	return (v >> 4) * 10 + (v & 0x0f);
}

/* normalise() - binary, 24-hour, four-digit year. */
static void normalise(struct rtc_time *t, uint8_t status_b)
{
	bool pm = t->hour & HOUR_PM;

	t->hour &= ~HOUR_PM;
	if (!(status_b & STATUS_B_BINARY)) {
		t->sec = bcd_to_bin(t->sec);
		t->min = bcd_to_bin(t->min);
		t->hour = bcd_to_bin(t->hour);
		t->day = bcd_to_bin(t->day);
		t->month = bcd_to_bin(t->month);
		t->year = bcd_to_bin(t->year);
	}
	if (!(status_b & STATUS_B_24H))
		t->hour = (t->hour % 12) + (pm ? 12 : 0);	/* 12 AM is 0, 12 PM is 12 */
	t->year += 2000;
}

/**
 * rtc_mktime() - seconds since 1970-01-01 00:00:00 UTC of a Gregorian date and time.
 * @year: e.g. 2025. @month: 1-12. @day: 1-31. @hour, @min, @sec: a 24-hour time.
 *
 * The day count shifts the year to start in March, so February's leap day falls at the end
 * and each month's first day is a fixed formula (the same trick as Linux's mktime64).
 * Context: any; pure. Return: the seconds.
 */
uint64_t rtc_mktime(unsigned int year, unsigned int month, unsigned int day, unsigned int hour,
		    unsigned int min, unsigned int sec)
{
	uint64_t days;

	if (month <= 2) {	/* January and February count as months 11 and 12 of the year before */
		month += 12;
		year -= 1;
	}
	month -= 2;
	days = (uint64_t)year / 4 - year / 100 + year / 400 + 367 * month / 12 + day +
	       (uint64_t)year * 365 - 719499;
	return ((days * 24 + hour) * 60 + min) * 60 + sec;
}

/**
 * rtc_init() - read the real-time clock and remember the boot epoch.
 * Context: boot, interrupts off. Return: nothing.
 */
void rtc_init(void)
{
	struct rtc_time now, again;

	read_once(&now);
	for (;;) {
		read_once(&again);
		if (same_time(&now, &again))
			break;
		now = again;
	}
	normalise(&now, cmos_read(RTC_STATUS_B));
	boot_epoch = rtc_mktime(now.year, now.month, now.day, now.hour, now.min, now.sec);
	pr_info("rtc: %04u-%02u-%02u %02u:%02u:%02u UTC, %lu seconds since 1970\n", now.year,
		now.month, now.day, now.hour, now.min, now.sec, boot_epoch);
}

/**
 * arch_boot_epoch_seconds() - the wall-clock time at boot, read by rtc_init().
 * Context: any. Return: seconds since 1970-01-01 UTC.
 */
uint64_t arch_boot_epoch_seconds(void)
{
	return boot_epoch;
}
