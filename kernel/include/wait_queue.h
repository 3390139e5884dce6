/* wait_queue.h - sleeping until a condition becomes true (kernel/wait_queue.c).
 *
 * A wait queue is a list of threads sleeping until something happens ("a byte arrived", "the
 * last pid was freed"). The waiter does not sleep on the event itself but on a *condition* it
 * can test - a C expression - and whoever makes the condition true wakes the queue:
 *
 *	waiter:  wait_event(&q, items > 0);        waker:  items++;
 *	                                                    wake_up_one(&q);
 *
 * No lost wake-ups. The danger is a waiter that tests the condition (false), then the waker
 * changes it and wakes the queue (nobody on it yet), then the waiter goes to sleep - forever.
 * The order below closes that window:
 *   1. prepare_to_wait(): under the queue's lock, join the queue and set our state SLEEPING;
 *   2. test the condition; if true, stop (finish_wait());
 *   3. schedule(): really sleeps only if our state is still SLEEPING.
 * A waker changes the condition, then takes the same lock to wake the queue. Either it wakes us
 * after step 1 - then our state is no longer SLEEPING and step 3 returns at once - or it was
 * done before step 1 began, and then its change is visible to our test in step 2. Preemption
 * cannot reorder this: the scheduler never preempts a SLEEPING thread (kernel/sched.c).
 *
 * Wake-ups may be spurious (a timed wait's deadline, a condition another thread made false
 * again), so a waiter always re-tests the condition in a loop; wait_event() does that.
 *
 * Pollers: poll() and select() wait on many queues at once, which a thread's one wait_link
 * cannot do, so they hang a struct wait_poller on each queue instead (kernel/fs/select.c).
 * A wake-up of either kind wakes every poller and does not take it off: it stays until its
 * poll ends, re-testing all its files after each wake-up (Linux: pollwake, a non-exclusive
 * waiter that is not auto-removed).
 * Linux: include/linux/wait.h, kernel/sched/wait.c. */
#ifndef REAPER_WAIT_QUEUE_H
#define REAPER_WAIT_QUEUE_H

#include "list.h"
#include "sched.h"
#include "spinlock.h"
#include "time.h"

struct wait_queue {
	struct spinlock lock;		/* LOCK_WAIT_QUEUE */
	/* Protected by lock: */
	struct list_head waiters;	/* of struct thread via wait_link, longest waiting first */
	struct list_head pollers;	/* of struct wait_poller via link (poll, select) */
};

/* One poll()/select() caller on one queue: woken by every wake-up, removed by its owner. */
struct wait_poller {
	struct list_head link;		/* on the queue's pollers; under the queue's lock */
	struct thread *t;		/* the polling thread */
};

/* For a static queue: static struct wait_queue q = WAIT_QUEUE_INIT(q, "q"); */
#define WAIT_QUEUE_INIT(wq, wq_name) \
	{ .lock = SPINLOCK_INIT(wq_name, LOCK_WAIT_QUEUE), .waiters = LIST_HEAD_INIT((wq).waiters), \
	  .pollers = LIST_HEAD_INIT((wq).pollers) }

void wait_queue_init(struct wait_queue *wq, const char *name);
void prepare_to_wait(struct wait_queue *wq);
void finish_wait(struct wait_queue *wq);
bool wake_up_one(struct wait_queue *wq);
int wake_up_all(struct wait_queue *wq);
int wait_queue_count(struct wait_queue *wq);
void wait_queue_add_poller(struct wait_queue *wq, struct wait_poller *p);
void wait_queue_del_poller(struct wait_queue *wq, struct wait_poller *p);

/*
 * wait_event() - sleep on @wq until @cond is true.
 *
 * A macro, not a function, because @cond must be evaluated again after every wake-up: a
 * function would receive its value once, at the call. (The alternative, a callback and a
 * context pointer, hides the condition from the reader.) Steps 1-3 of the header comment.
 * Context: thread, no spinlock held; sleeps. @cond may be evaluated any number of times.
 */
#define wait_event(wq, cond)                                                       \
	do {                                                                        \
		for (;;) {                                                          \
			prepare_to_wait(wq);                                        \
			if (cond)                                                   \
				break;                                              \
			schedule();                                                 \
		}                                                                   \
		finish_wait(wq);                                                    \
	} while (0)

/*
 * wait_event_timeout() - wait_event() for at most about @ms milliseconds.
 *
 * The deadline is rounded up to whole ticks (time_deadline_after_ms()). After the deadline the
 * condition is tested once more, so a wake-up that races with the timeout is not missed.
 * Context: as wait_event(). Value: true if @cond became true, false if the time ran out.
 */
#define wait_event_timeout(wq, cond, ms)                                           \
	({                                                                          \
		uint64_t wait_deadline_ = time_deadline_after_ms(ms);               \
		bool wait_done_;                                                    \
		for (;;) {                                                          \
			prepare_to_wait(wq);                                        \
			wait_done_ = (cond);                                        \
			if (wait_done_ || !schedule_until(wait_deadline_))          \
				break;                                              \
		}                                                                   \
		finish_wait(wq);                                                    \
		wait_done_ || (cond);                                               \
	})

/*
 * Interruptible waits: the same loops, but a signal pending for the waiter ends the wait too,
 * so a system call blocked in one can return to user mode, where the signal is delivered
 * (kernel/signal_deliver.c). Such a call returns the -ERESTARTSYS these macros give; delivery
 * then makes it -EINTR, or restarts the call if the handler has SA_RESTART. The sender wakes
 * the thread with sched_wake() after marking the signal pending, and the waiter tests
 * signal_pending() after prepare_to_wait(), so the wake-up cannot be lost (the same argument as
 * for the condition). A stop (SIGSTOP) also ends the wait: the thread stops on its way out and
 * the call restarts after SIGCONT. (Linux: wait_event_interruptible, TASK_INTERRUPTIBLE.)
 */

/*
 * wait_event_interruptible() - wait_event() that a signal can end.
 * Context: a thread, no spinlock held; sleeps.
 * Value: 0 when @cond is true, -ERESTARTSYS if a signal is pending (@cond still false).
 */
#define wait_event_interruptible(wq, cond)                                         \
	({                                                                          \
		int wait_ret_ = 0;                                                  \
		for (;;) {                                                          \
			prepare_to_wait(wq);                                        \
			if (cond)                                                   \
				break;                                              \
			if (signal_pending(sched_current())) {                      \
				wait_ret_ = -ERESTARTSYS;                           \
				break;                                              \
			}                                                           \
			schedule();                                                 \
		}                                                                   \
		finish_wait(wq);                                                    \
		wait_ret_;                                                          \
	})

/*
 * wait_event_interruptible_until() - wait_event_interruptible() with an absolute deadline in
 * jiffies (time_deadline_after_ms()); the condition is tested once more after the deadline.
 * Context: as wait_event_interruptible().
 * Value: 1 if @cond became true, 0 if the deadline passed, -ERESTARTSYS for a signal.
 */
#define wait_event_interruptible_until(wq, cond, deadline)                        \
	({                                                                          \
		long wait_ret_ = 0;                                                 \
		for (;;) {                                                          \
			prepare_to_wait(wq);                                        \
			if (cond) {                                                 \
				wait_ret_ = 1;                                      \
				break;                                              \
			}                                                           \
			if (signal_pending(sched_current())) {                      \
				wait_ret_ = -ERESTARTSYS;                           \
				break;                                              \
			}                                                           \
			if (!schedule_until(deadline))                              \
				break;                                              \
		}                                                                   \
		finish_wait(wq);                                                    \
		if (wait_ret_ == 0 && (cond))                                       \
			wait_ret_ = 1;                                              \
		wait_ret_;                                                          \
	})

/* wait_event_interruptible_timeout() - the same with a relative timeout of about @ms ms. */
#define wait_event_interruptible_timeout(wq, cond, ms) \
	wait_event_interruptible_until(wq, cond, time_deadline_after_ms(ms))

#endif
