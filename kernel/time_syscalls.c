/* time_syscalls.c - the clocks user space can read, and sleeping.
 *
 * Every clock here is derived from the kernel's one monotonic clock, time_ns() (the calibrated
 * cycle counter, kernel/time.c):
 *   - MONOTONIC, MONOTONIC_RAW, MONOTONIC_COARSE, BOOTTIME: time_ns() itself. (Linux's differ
 *     in NTP slewing, resolution and suspend; we have neither NTP nor suspend.)
 *   - REALTIME, REALTIME_COARSE: the wall-clock time at boot (read from the CMOS clock,
 *     arch_boot_epoch_seconds()) plus time_ns(). Nobody can set it (no settimeofday).
 *   - PROCESS_CPUTIME_ID, THREAD_CPUTIME_ID: approximated by the monotonic clock - we do not
 *     account CPU time per thread yet (TODO(cputime)); a program measuring its own run time
 *     then sees wall time, which is an upper bound.
 * Any other id (the CPU clocks of other processes, the ALARM clocks, TAI) is EINVAL.
 *
 * Sleeping: nanosleep and clock_nanosleep turn the request into milliseconds, rounded up, and
 * sleep with sched_sleep_ms_interruptible(), which wakes on the first tick at or after the
 * deadline (10 ms ticks: a 1 ms sleep takes 10-20 ms), or when a signal is pending. Then the
 * time left is written to *rem and the call returns -ERESTART_RESTARTBLOCK: EINTR if a handler
 * runs, else (a stop and SIGCONT, an ignored signal) restart_syscall sleeps on to the original
 * deadline (struct restart_block, kernel/signal_deliver.c). Absolute sleeps (TIMER_ABSTIME)
 * compute the remaining time against the same clock first and simply restart.
 * Locking: none; the clocks are read-only after boot.
 * See also: kernel/time.c, kernel/sched.c (sched_sleep_ms), arch/x86_64/rtc.c.
 *   Linux: kernel/time/posix-timers.c, kernel/time/posix-stubs.c, kernel/time/hrtimer.c
 *   (nanosleep), kernel/time/time.c (gettimeofday, time).
 */
#include "arch.h"
#include "sched.h"
#include "syscalls.h"
#include "time.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define NSEC_PER_USEC	1000ULL
#define COARSE_RES_NS	(NSEC_PER_SEC / HZ)	/* the coarse clocks advance a tick at a time */
#define MAX_SLEEP_MS	(1ULL << 50)		/* ~35,000 years: keeps the jiffies sum finite */

/* clock_ns() - now, on clock @id, in nanoseconds. Return: 0 or -EINVAL for an unknown id. */
static int clock_ns(int id, uint64_t *ns)
{
	switch (id) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = arch_boot_epoch_seconds() * NSEC_PER_SEC + time_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = time_ns();
		return 0;
	default:
		return -EINVAL;
	}
}

static struct timespec ns_to_timespec(uint64_t ns)
{
	struct timespec ts = { (int64_t)(ns / NSEC_PER_SEC), (int64_t)(ns % NSEC_PER_SEC) };

	return ts;
}

/* timespec_valid() - what Linux accepts as a sleep request: 0 <= nsec < 1e9, sec >= 0. */
static bool timespec_valid(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && (uint64_t)ts->tv_nsec < NSEC_PER_SEC;
}

/* timespec_to_ns() - a valid timespec in nanoseconds, saturating instead of overflowing. */
static uint64_t timespec_to_ns(const struct timespec *ts)
{
	if ((uint64_t)ts->tv_sec >= UINT64_MAX / NSEC_PER_SEC)
		return UINT64_MAX;
	return (uint64_t)ts->tv_sec * NSEC_PER_SEC + (uint64_t)ts->tv_nsec;
}

/* do_clock_gettime() - Return: 0, -EINVAL for an unknown clock, -EFAULT for a bad @utp. */
static long do_clock_gettime(int id, uaddr_t utp)
{
	struct timespec ts;
	uint64_t ns;
	int err = clock_ns(id, &ns);

	if (err)
		return err;
	ts = ns_to_timespec(ns);
	return copy_to_user(utp, &ts, sizeof(ts));
}

/* clock_gettime(clockid_t id, struct timespec *tp) */
long sys_clock_gettime(const struct syscall_args *a)
{
	return do_clock_gettime((int)a->arg[0], a->arg[1]);
}

/* do_clock_getres() - 1 ns for the fine clocks, one tick for the coarse ones; @ures may be
 * NULL (then only the id is checked). Return: 0, -EINVAL, or -EFAULT. */
static long do_clock_getres(int id, uaddr_t ures)
{
	struct timespec res = { 0, 1 };
	uint64_t ns;
	int err = clock_ns(id, &ns);

	if (err)
		return err;
	if (id == CLOCK_REALTIME_COARSE || id == CLOCK_MONOTONIC_COARSE)
		res.tv_nsec = COARSE_RES_NS;
	if (!ures)
		return 0;
	return copy_to_user(ures, &res, sizeof(res));
}

/* clock_getres(clockid_t id, struct timespec *res) */
long sys_clock_getres(const struct syscall_args *a)
{
	return do_clock_getres((int)a->arg[0], a->arg[1]);
}

/* do_gettimeofday() - wall-clock time in microseconds; the timezone, if asked for, is UTC.
 * Either pointer may be NULL. Return: 0 or -EFAULT. */
static long do_gettimeofday(uaddr_t utv, uaddr_t utz)
{
	uint64_t ns;
	struct timeval tv;
	struct timezone tz = { 0, 0 };

	clock_ns(CLOCK_REALTIME, &ns);
	tv.tv_sec = (int64_t)(ns / NSEC_PER_SEC);
	tv.tv_usec = (int64_t)(ns % NSEC_PER_SEC / NSEC_PER_USEC);
	if (utv && copy_to_user(utv, &tv, sizeof(tv)))
		return -EFAULT;
	if (utz && copy_to_user(utz, &tz, sizeof(tz)))
		return -EFAULT;
	return 0;
}

/* gettimeofday(struct timeval *tv, struct timezone *tz) */
long sys_gettimeofday(const struct syscall_args *a)
{
	return do_gettimeofday(a->arg[0], a->arg[1]);
}

/* do_time() - seconds since 1970, also stored at @utloc unless it is NULL.
 * Return: the seconds, or -EFAULT. */
static long do_time(uaddr_t utloc)
{
	uint64_t ns;
	int64_t secs;

	clock_ns(CLOCK_REALTIME, &ns);
	secs = (int64_t)(ns / NSEC_PER_SEC);
	if (utloc && copy_to_user(utloc, &secs, sizeof(secs)))
		return -EFAULT;
	return secs;
}

/* time(time_t *tloc) */
long sys_time(const struct syscall_args *a)
{
	return do_time(a->arg[0]);
}

/* sleep_ns() - sleep at least @ns nanoseconds; a signal ends the sleep early. A zero sleep
 * still gives up the CPU, as a zero nanosleep does on Linux.
 * The sleep itself counts timer ticks, but user space measures it with the monotonic clock
 * (the cycle counter), and under emulation the two can drift: QEMU may deliver late ticks in
 * a burst. So after each sleep the monotonic clock decides, and a short one sleeps again for
 * the rest: a sleep is never shorter than asked on CLOCK_MONOTONIC.
 * Return: 0, or the nanoseconds still to sleep (> 0) when a signal interrupted it. */
static uint64_t sleep_ns(uint64_t ns)
{
	uint64_t start = time_ns(), done = 0;

	if (ns == 0) {
		sched_yield();
		return 0;
	}
	while (done < ns) {
		uint64_t left = ns - done, before = done;
		uint64_t ms = left / NSEC_PER_MSEC + (left % NSEC_PER_MSEC ? 1 : 0);
		bool slept = sched_sleep_ms_interruptible(MIN(ms, MAX_SLEEP_MS));

		done = time_ns() - start;
		if (!slept)	/* a signal: report what is left (at least 1 ns) */
			return done < ns ? ns - done : 1;
		if (done <= before)	/* the clock wrapped: a near-infinite sleep has ended */
			return 0;
	}
	return 0;
}

static long nanosleep_restart(struct restart_block *rb);

/* write_rem() - the time left of an interrupted relative sleep, if the caller asked for it. */
static long write_rem(uaddr_t urem, uint64_t left)
{
	struct timespec rem = { .tv_sec = (int64_t)(left / NSEC_PER_SEC),
				.tv_nsec = (int64_t)(left % NSEC_PER_SEC) };

	if (urem && copy_to_user(urem, &rem, sizeof(rem)))
		return -EFAULT;
	return 0;
}

/* interrupted() - a relative sleep was cut short with @left to go: write *urem and arrange
 * that restart_syscall (after a stop, or a signal without handler) sleeps to the original
 * deadline. A handler makes it EINTR (kernel/signal_deliver.c). */
static long interrupted(uaddr_t urem, uint64_t left)
{
	struct restart_block *rb = &sched_current()->sig.restart;

	if (write_rem(urem, left))
		return -EFAULT;
	rb->fn = nanosleep_restart;
	rb->arg[0] = time_ns() + left;	/* the original deadline, on the monotonic clock */
	rb->arg[1] = urem;
	return -ERESTART_RESTARTBLOCK;
}

/* nanosleep_restart() - restart_syscall's half: sleep on to the deadline in @rb. */
static long nanosleep_restart(struct restart_block *rb)
{
	uint64_t now = time_ns(), left;

	if (now >= rb->arg[0])
		return 0;
	left = sleep_ns(rb->arg[0] - now);
	return left ? interrupted(rb->arg[1], left) : 0;
}

/* read_request() - copy in and check a sleep request. Return: 0, -EFAULT or -EINVAL. */
static long read_request(uaddr_t ureq, struct timespec *req)
{
	if (copy_from_user(req, ureq, sizeof(*req)))
		return -EFAULT;
	return timespec_valid(req) ? 0 : -EINVAL;
}

/* do_nanosleep() - sleep for the relative time at @ureq; if a signal interrupts it, the time
 * left goes to @urem (if not 0). Return: 0, -EFAULT, -EINVAL, or -ERESTART_RESTARTBLOCK
 * (EINTR for the caller if a handler ran). */
static long do_nanosleep(uaddr_t ureq, uaddr_t urem)
{
	struct timespec req;
	long err = read_request(ureq, &req);
	uint64_t left;

	if (err)
		return err;
	left = sleep_ns(timespec_to_ns(&req));
	return left ? interrupted(urem, left) : 0;
}

/* nanosleep(const struct timespec *req, struct timespec *rem) */
long sys_nanosleep(const struct syscall_args *a)
{
	return do_nanosleep(a->arg[0], a->arg[1]);
}

/* can_sleep_on() - the clocks Linux can sleep on. The other valid ids have no nanosleep
 * there and give EOPNOTSUPP: THREAD_CPUTIME, MONOTONIC_RAW and the COARSE ones (checked
 * against Linux 6.x). PROCESS_CPUTIME is allowed; Linux then waits for the process to USE
 * that much CPU time, we wait that much wall time (see the top of the file). */
static long can_sleep_on(int id)
{
	uint64_t ns;

	if (clock_ns(id, &ns))
		return -EINVAL;
	if (id == CLOCK_THREAD_CPUTIME_ID || id == CLOCK_MONOTONIC_RAW ||
	    id == CLOCK_REALTIME_COARSE || id == CLOCK_MONOTONIC_COARSE)
		return -EOPNOTSUPP;
	return 0;
}

/* do_clock_nanosleep() - sleep on clock @id for the time at @ureq, or until it if @flags has
 * TIMER_ABSTIME (other flag bits are ignored, as Linux does). A signal interrupts it: a
 * relative sleep then reports the time left in @urem and restarts like nanosleep; an absolute
 * one just starts again (-ERESTARTNOHAND, as Linux). Return: 0, -EINVAL, -EOPNOTSUPP,
 * -EFAULT, or a restart code. */
static long do_clock_nanosleep(int id, int flags, uaddr_t ureq, uaddr_t urem)
{
	struct timespec req;
	uint64_t ns, now;
	long err = can_sleep_on(id);

	if (!err)
		err = read_request(ureq, &req);
	if (err)
		return err;
	ns = timespec_to_ns(&req);
	if (flags & TIMER_ABSTIME) {
		clock_ns(id, &now);
		ns = ns > now ? ns - now : 0;
		if (ns == 0)
			return 0;	/* the deadline has passed: no sleep, no yield */
		return sleep_ns(ns) ? -ERESTARTNOHAND : 0;
	}
	ns = sleep_ns(ns);
	return ns ? interrupted(urem, ns) : 0;
}

/* clock_nanosleep(clockid_t id, int flags, const struct timespec *req, struct timespec *rem) */
long sys_clock_nanosleep(const struct syscall_args *a)
{
	return do_clock_nanosleep((int)a->arg[0], (int)a->arg[1], a->arg[2], a->arg[3]);
}

/* sched_yield() - let every other runnable thread run first. Always 0. */
long sys_sched_yield(const struct syscall_args *a)
{
	(void)a;
	sched_yield();
	return 0;
}
