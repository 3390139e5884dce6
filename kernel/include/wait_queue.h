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
};

/* For a static queue: static struct wait_queue q = WAIT_QUEUE_INIT(q, "q"); */
#define WAIT_QUEUE_INIT(wq, wq_name) \
	{ .lock = SPINLOCK_INIT(wq_name, LOCK_WAIT_QUEUE), .waiters = LIST_HEAD_INIT((wq).waiters) }

void wait_queue_init(struct wait_queue *wq, const char *name);
void prepare_to_wait(struct wait_queue *wq);
void finish_wait(struct wait_queue *wq);
bool wake_up_one(struct wait_queue *wq);
int wake_up_all(struct wait_queue *wq);
int wait_queue_count(struct wait_queue *wq);

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

#endif
