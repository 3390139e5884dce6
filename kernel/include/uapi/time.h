/* uapi/time.h - clocks and time structs as Linux x86-64 user space sees them
 * (linux/time.h, linux/time_types.h). On x86-64 every field is 64 bits wide. */
#ifndef REAPER_UAPI_TIME_H
#define REAPER_UAPI_TIME_H

#include <stdint.h>

#define CLOCK_REALTIME			0
#define CLOCK_MONOTONIC			1
#define CLOCK_PROCESS_CPUTIME_ID	2
#define CLOCK_THREAD_CPUTIME_ID		3
#define CLOCK_MONOTONIC_RAW		4
#define CLOCK_REALTIME_COARSE		5
#define CLOCK_MONOTONIC_COARSE		6
#define CLOCK_BOOTTIME			7

#define TIMER_ABSTIME			0x01	/* clock_nanosleep: an absolute deadline */

struct timespec {
	int64_t tv_sec;		/* seconds */
	int64_t tv_nsec;	/* nanoseconds, 0 .. 999999999 */
};

struct timeval {
	int64_t tv_sec;		/* seconds */
	int64_t tv_usec;	/* microseconds, 0 .. 999999 */
};

struct timezone {
	int32_t tz_minuteswest;	/* always 0 here: the kernel keeps UTC */
	int32_t tz_dsttime;	/* always 0 */
};

#endif
