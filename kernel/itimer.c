/* itimer.c - ITIMER_REAL: alarm(), setitimer() and getitimer(), which send SIGALRM when a
 * process's real-time timer runs out.
 *
 * Each process has one deadline in jiffies and an optional reload interval (struct
 * process_signal). Armed timers sit on one list; the earliest deadline is kept in
 * next_deadline so the timer tick tests a single number. Sending a signal allocates and takes
 * sleeping-unsafe locks, which an interrupt handler must not do, so the tick only wakes the
 * "itimer" kernel thread (created at the first setitimer), and that thread sends SIGALRM -
 * a deferred path, like Linux's hrtimer softirq calling it_real_fn.
 * Resolution is the tick (10 ms); a timer never fires early, and may fire up to a tick late.
 * ITIMER_VIRTUAL and ITIMER_PROF would need CPU-time accounting, which we do not have: they
 * are accepted and reported back as set, but never fire (documented choice; Linux makes them
 * fire on user/system CPU time).
 *
 * Invariant: a process is on the armed list iff its itimer_deadline != 0.
 * Locking: itimer_lock (LOCK_ITIMER, inside tasklist_lock, outside sighand) protects the
 *   list, the deadlines and intervals; the tick reads next_deadline without it (a stale value
 *   costs one extra wake-up, or one tick of delay).
 * See also: kernel/signal_send.c, kernel/time.c (the tick). Linux: kernel/time/itimer.c,
 *   kernel/time/alarm.c (alarm_setitimer).
 */
#include "signal.h"
#include "kthread.h"
#include "printk.h"
#include "process.h"
#include "sched.h"
#include "syscalls.h"
#include "time.h"
#include "uaccess.h"
#include "wait_queue.h"
#include "uapi/errno.h"
#include "uapi/time.h"

#define USEC_PER_SEC	1000000ULL
#define USEC_PER_TICK	(USEC_PER_SEC / HZ)

struct itimerval {
	struct timeval it_interval;	/* reload value; 0 = one shot */
	struct timeval it_value;	/* time to the next expiry; 0 = disarmed */
};

static struct spinlock itimer_lock = SPINLOCK_INIT("itimer", LOCK_ITIMER);
static struct list_head armed = LIST_HEAD_INIT(armed);	/* of process via sig.itimer_link */
static uint64_t next_deadline;		/* earliest armed deadline, 0 if none */
static struct wait_queue itimer_wait = WAIT_QUEUE_INIT(itimer_wait, "itimer");
static struct thread *itimer_thread;
/* ITIMER_VIRTUAL and ITIMER_PROF: stored, never fired (see the top). Per process in Linux;
 * here the last value set by anyone, reported back. TODO(signals): CPU-time accounting. */
static struct itimerval other_timers[2];

/* recompute_next_locked() - next_deadline from the list. */
static void recompute_next_locked(void)
{
	struct process *p;
	uint64_t next = 0;

	assert_held(&itimer_lock);
	list_for_each_entry(p, &armed, sig.itimer_link)
		if (!next || p->sig.itimer_deadline < next)
			next = p->sig.itimer_deadline;
	WRITE_ONCE(next_deadline, next);
}

/**
 * itimer_tick() - the timer interrupt's part: wake the itimer thread if a timer is due.
 * @now: jiffies.
 * Context: the timer interrupt, interrupts off; takes only the wait queue's lock.
 * Return: nothing.
 */
void itimer_tick(uint64_t now)
{
	uint64_t next = READ_ONCE(next_deadline);

	if (next && next <= now)
		wake_up_one(&itimer_wait);
}

/* fire_expired() - send SIGALRM to every process whose deadline has passed; reload or
 * disarm. Under tasklist_lock, so the processes cannot be released meanwhile. */
static void fire_expired(void)
{
	struct process *p, *tmp;
	uint64_t now = READ_ONCE(jiffies);

	spin_lock(&tasklist_lock);
	spin_lock(&itimer_lock);
	list_for_each_entry_safe(p, tmp, &armed, sig.itimer_link) {
		if (p->sig.itimer_deadline > now)
			continue;
		if (p->sig.itimer_interval) {
			p->sig.itimer_deadline = now + p->sig.itimer_interval;
		} else {
			p->sig.itimer_deadline = 0;
			list_del(&p->sig.itimer_link);
		}
		send_signal_to_process_locked(p, SIGALRM, NULL);	/* sighand: inside */
	}
	recompute_next_locked();
	spin_unlock(&itimer_lock);
	spin_unlock(&tasklist_lock);
}

static bool any_due(void)
{
	uint64_t next = READ_ONCE(next_deadline);

	return next && next <= READ_ONCE(jiffies);
}

/* itimer_main() - the deferred half: sleep until a deadline passes, then fire. */
static void itimer_main(void *arg)
{
	(void)arg;
	for (;;) {
		wait_event(&itimer_wait, any_due());
		fire_expired();
	}
}

/* ensure_thread() - start the itimer thread on first use. Return: 0 or -ENOMEM. */
static int ensure_thread(void)
{
	if (READ_ONCE(itimer_thread))
		return 0;
	itimer_thread = kthread_create(itimer_main, NULL, "itimer");
	return itimer_thread ? 0 : -ENOMEM;
}

/* tv_to_ticks() / ticks_to_tv() - between timevals and jiffies (rounded up: never early). */
static uint64_t tv_to_ticks(const struct timeval *tv)
{
	uint64_t us = (uint64_t)tv->tv_sec * USEC_PER_SEC + (uint64_t)tv->tv_usec;

	return (us + USEC_PER_TICK - 1) / USEC_PER_TICK;
}

static struct timeval ticks_to_tv(uint64_t ticks)
{
	uint64_t us = ticks * USEC_PER_TICK;

	return (struct timeval){ .tv_sec = (int64_t)(us / USEC_PER_SEC),
				 .tv_usec = (int64_t)(us % USEC_PER_SEC) };
}

/* get_real_locked() - ITIMER_REAL of @p as an itimerval. */
static void get_real_locked(struct process *p, struct itimerval *out)
{
	uint64_t now = time_jiffies_now(), dl = p->sig.itimer_deadline;

	out->it_interval = ticks_to_tv(p->sig.itimer_interval);
	/* The deadline has one tick of margin (set_real_locked); not reported, so a timer read
	 * back at once shows at most what was set, as on Linux. */
	out->it_value = ticks_to_tv(dl > now + 1 ? dl - now - 1 : (dl ? 1 : 0));
}

/* set_real_locked() - arm (or disarm, for a zero value) ITIMER_REAL of @p. */
static void set_real_locked(struct process *p, const struct itimerval *v)
{
	uint64_t ticks = tv_to_ticks(&v->it_value);

	if (p->sig.itimer_deadline)
		list_del(&p->sig.itimer_link);
	p->sig.itimer_deadline = 0;
	p->sig.itimer_interval = tv_to_ticks(&v->it_interval);
	if (ticks) {
		/* From the clock, +1: the current tick is partly over (as time_deadline_after_ms). */
		p->sig.itimer_deadline = time_jiffies_now() + ticks + 1;
		list_add_tail(&p->sig.itimer_link, &armed);
	}
	recompute_next_locked();
}

static bool timeval_valid(const struct timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 && tv->tv_usec < (int64_t)USEC_PER_SEC;
}

/**
 * do_setitimer() - set timer @which of the current process to @v; the old value in @old.
 * Context: thread, no spinlock held. Return: 0, -EINVAL (bad @which or timeval), -ENOMEM.
 */
long do_setitimer(int which, const struct itimerval *v, struct itimerval *old)
{
	struct process *p = current_process();

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (v && (!timeval_valid(&v->it_value) || !timeval_valid(&v->it_interval)))
		return -EINVAL;
	if (which != ITIMER_REAL) {
		if (old)
			*old = other_timers[which - 1];
		if (v)
			other_timers[which - 1] = *v;
		return 0;
	}
	if (v && ensure_thread())
		return -ENOMEM;
	spin_lock(&itimer_lock);
	if (old)
		get_real_locked(p, old);
	if (v)
		set_real_locked(p, v);
	spin_unlock(&itimer_lock);
	return 0;
}

/* setitimer(int which, const struct itimerval *new, struct itimerval *old) */
long sys_setitimer(const struct syscall_args *a)
{
	struct itimerval v, old;
	long err;

	if (a->arg[1] && copy_from_user(&v, a->arg[1], sizeof(v)))
		return -EFAULT;
	if (!a->arg[1])
		v = (struct itimerval){ 0 };	/* Linux: a NULL new value disarms */
	err = do_setitimer((int)a->arg[0], &v, &old);
	if (!err && a->arg[2] && copy_to_user(a->arg[2], &old, sizeof(old)))
		return -EFAULT;
	return err;
}

/* getitimer(int which, struct itimerval *curr) */
long sys_getitimer(const struct syscall_args *a)
{
	struct itimerval cur;
	long err = do_setitimer((int)a->arg[0], NULL, &cur);

	if (!err && copy_to_user(a->arg[1], &cur, sizeof(cur)))
		return -EFAULT;
	return err;
}

/* alarm(unsigned int seconds): ITIMER_REAL one shot; returns the seconds that were left,
 * rounded (a remainder of 0.5 s or more counts up, and never 0 if armed - as Linux). */
long sys_alarm(const struct syscall_args *a)
{
	struct itimerval v = { .it_value = { .tv_sec = (unsigned int)a->arg[0] } }, old;
	long secs;

	if (do_setitimer(ITIMER_REAL, &v, &old))
		return 0;
	secs = old.it_value.tv_sec;
	if (old.it_value.tv_usec >= 500000 || (!secs && old.it_value.tv_usec))
		secs++;
	return secs;
}

/**
 * itimer_process_exit() - disarm @p's timer: it is being released.
 * Context: thread, no spinlock held. Return: nothing.
 */
void itimer_process_exit(struct process *p)
{
	spin_lock(&itimer_lock);
	if (p->sig.itimer_deadline) {
		list_del(&p->sig.itimer_link);
		p->sig.itimer_deadline = 0;
		recompute_next_locked();
	}
	spin_unlock(&itimer_lock);
}
