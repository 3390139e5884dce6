/* time.c - kernel time: the periodic tick that drives the scheduler, and a monotonic clock.
 *
 * Two clocks, for two jobs. jiffies counts ticks of 1/HZ s (HZ = 100): it is cheap, it is
 * what sleep deadlines are measured in, and it only moves when a timer interrupt says so -
 * but then it moves to the monotonic clock's own count of ticks, time_jiffies_now(), not just
 * one further. Under QEMU the timer interrupts are not evenly spaced: when the host stalls
 * QEMU, the missed ticks come afterwards in a quick burst. Counting interrupts, jiffies fell
 * behind the clock during the stall and caught up in the burst, and a sleep that started
 * during the stall (its deadline counted from the stale jiffies) ended early by the lag:
 * poll_test's "a 30 ms select() waits at least 30 ms" failed on a loaded host. Now jiffies
 * never runs ahead of the clock, and deadlines are counted from the clock (time_jiffies_now),
 * so no wait ends early, however the ticks arrive. time_ns() reads the CPU's cycle counter, calibrated against
 * the PIT at boot (arch/x86_64/timer.c), so it has nanosecond resolution between ticks and
 * keeps counting with interrupts off; it is what printk timestamps and measurements use.
 * Both start at time_init(): "since boot" here means since the kernel's clock started, not
 * since power-on (earlier log lines carry the timestamp 0).
 *
 * Converting cycles to nanoseconds: cycles * 1e9 overflows 64 bits after ~18e9 cycles (a few
 * seconds), so time_ns() splits the count into whole seconds and a remainder below one second,
 * and only the remainder is multiplied (< cycles_per_sec * 1e9, safe up to 18 GHz). This costs
 * two divisions; Linux precomputes a multiply-and-shift instead (clocksource mult/shift).
 *
 * Invariants: jiffies never decreases and never exceeds time_jiffies_now(); each tick sets it
 *   to time_jiffies_now() (a late tick makes it jump); time_ns() never goes backwards (one
 *   CPU, one TSC).
 * Locking: jiffies is written only by the tick handler (interrupts off) and read with
 *   READ_ONCE(); the calibration values are written once in time_init().
 * See also: arch/x86_64/timer.c (the hardware), kernel/sched.c (sched_tick: slices and
 *   sleepers). Linux: kernel/time/jiffies.c, kernel/time/timekeeping.c, kernel/time/tick-common.c.
 */
#include "time.h"
#include "arch.h"
#include "printk.h"
#include "sched.h"
#include "signal.h"

uint64_t jiffies;

static uint64_t boot_cycles;	/* the cycle counter at time_init() */
static uint64_t cycles_per_sec;	/* from the calibration; constant after time_init() */

/* time_tick() - the timer interrupt handler: jiffies catches up with the clock, then the
 * scheduler looks. Context: IRQ 0, interrupts off. */
static void time_tick(void)
{
	uint64_t by_clock = time_jiffies_now(), elapsed = 0;

	if (by_clock > jiffies) {
		elapsed = by_clock - jiffies;
		WRITE_ONCE(jiffies, by_clock);
	}
	sched_tick(elapsed);
	itimer_tick(jiffies);	/* SIGALRM: only wakes the itimer thread (kernel/itimer.c) */
}

/**
 * time_init() - start the tick at HZ and the monotonic clock; timestamp printk from now on.
 *
 * Context: boot, once, after the trap tables and before sched_init(); interrupts off.
 * Return: nothing.
 */
void time_init(void)
{
	arch_timer_init(HZ, time_tick);
	cycles_per_sec = arch_cycles_per_sec();
	boot_cycles = arch_read_cycles();
	printk_set_clock(time_ns);
	pr_info("time: %d Hz tick, monotonic clock from the cycle counter\n", HZ);
}

/**
 * time_ns() - monotonic nanoseconds since time_init().
 *
 * Context: any, including interrupt handlers and with interrupts off. Return: nanoseconds;
 * 0 before time_init().
 */
uint64_t time_ns(void)
{
	uint64_t cycles, secs, rem;

	if (cycles_per_sec == 0)
		return 0;
	cycles = arch_read_cycles() - boot_cycles;
	secs = cycles / cycles_per_sec;
	rem = cycles % cycles_per_sec;
	return secs * NSEC_PER_SEC + rem * NSEC_PER_SEC / cycles_per_sec;
}

/**
 * time_jiffies_now() - whole ticks of the monotonic clock since time_init(): what jiffies
 * would be had every tick come on time. Context: any. Return: ticks.
 */
uint64_t time_jiffies_now(void)
{
	return time_ns() / (NSEC_PER_SEC / HZ);
}

/**
 * time_ms_to_jiffies() - the number of ticks that covers @ms milliseconds, rounded up.
 * @ms: a duration.
 *
 * Context: any. Return: ticks; 0 only for 0 ms.
 */
uint64_t time_ms_to_jiffies(uint64_t ms)
{
	return (ms * HZ + MSEC_PER_SEC - 1) / MSEC_PER_SEC;
}

/**
 * time_deadline_after_ms() - the jiffy at which a wait of at least @ms, starting now, may end.
 * @ms: the shortest acceptable wait.
 *
 * Counted from the clock (time_jiffies_now), not from jiffies, which may lag it until the next
 * tick. One tick more than @ms needs: the current tick is already partly over, so counting it
 * would make the wait up to one tick short.
 * Context: any. Return: an absolute deadline in jiffies.
 */
uint64_t time_deadline_after_ms(uint64_t ms)
{
	return time_jiffies_now() + time_ms_to_jiffies(ms) + 1;
}
