/* time.h - the kernel's two clocks: the tick count (jiffies) and monotonic nanoseconds.
 * jiffies counts timer interrupts since time_init(), HZ a second; timeouts and time slices are
 * measured in it. time_ns() reads the calibrated cycle counter, so it has nanosecond
 * resolution between ticks; printk timestamps and measurements use it. See kernel/time.c. */
#ifndef REAPER_TIME_H
#define REAPER_TIME_H

#include "types.h"

#define HZ		100		/* timer interrupts per second */
#define NSEC_PER_SEC	1000000000ULL
#define NSEC_PER_MSEC	1000000ULL
#define MSEC_PER_SEC	1000ULL

/* Ticks since time_init(). Written only by the tick handler; read it with READ_ONCE(). */
extern uint64_t jiffies;

void time_init(void);
uint64_t time_ns(void);
uint64_t time_jiffies_now(void);
uint64_t time_ms_to_jiffies(uint64_t ms);
uint64_t time_deadline_after_ms(uint64_t ms);

#endif
