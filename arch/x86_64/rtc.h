/* rtc.h - the CMOS real-time clock (arch/x86_64/rtc.c), private to arch/x86_64; the kernel
 * reads the result through arch_boot_epoch_seconds() (arch.h). */
#ifndef REAPER_ARCH_RTC_H
#define REAPER_ARCH_RTC_H

#include "types.h"

void rtc_init(void);
uint64_t rtc_mktime(unsigned int year, unsigned int month, unsigned int day, unsigned int hour,
		    unsigned int min, unsigned int sec);

#endif
