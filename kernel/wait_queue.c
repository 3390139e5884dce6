/* wait_queue.c - the list of threads sleeping until a condition, and waking them.
 *
 * The waiter's side is prepare_to_wait() / finish_wait() around a test of its condition
 * (usually through the wait_event() macro); the waker's side is wake_up_one() or
 * wake_up_all(), called after it has made the condition true. Why this order loses no
 * wake-up is explained in kernel/include/wait_queue.h.
 *
 * Waking removes the thread from the queue (Linux: autoremove_wake_function), so two
 * wake_up_one() calls wake two different threads even if the first has not run yet. A woken
 * thread that finds its condition false again joins the queue anew in prepare_to_wait().
 * wake_up_one() wakes the longest-waiting thread: fair, and what a producer/consumer wants.
 *
 * Pollers (poll, select: kernel/fs/select.c) are woken by every wake-up, one or all, and stay
 * on the queue until their owner removes them; they do not count as "the one" wake_up_one()
 * wakes, so a reader blocked in read() still gets its byte while a poller looks on.
 *
 * Invariants: a thread is on at most one wait queue, and only between prepare_to_wait() and
 *   finish_wait(); its wait_link is empty otherwise. (Pollers are not threads' wait_links.)
 * Locking: wq->lock (LOCK_WAIT_QUEUE) protects the list; the scheduler's run-queue lock is taken
 *   inside it to change thread states (lock_order.h: WAIT_QUEUE -> RUNQUEUE).
 * See also: kernel/sched.c (sched_wake, schedule_until). Linux: kernel/sched/wait.c.
 */
#include "wait_queue.h"
#include "panic.h"

/**
 * wait_queue_init() - an empty wait queue.
 * @wq: the queue.
 * @name: for lock-order reports; must outlive the queue (a string literal).
 *
 * Context: any. Return: nothing.
 */
void wait_queue_init(struct wait_queue *wq, const char *name)
{
	spin_init(&wq->lock, name, LOCK_WAIT_QUEUE);
	list_init(&wq->waiters);
	list_init(&wq->pollers);
}

/**
 * prepare_to_wait() - join @wq and become SLEEPING; the caller then tests its condition and
 * calls schedule() only if it is false.
 * @wq: the queue the waker will wake.
 *
 * Context: thread, no spinlock held. Return: nothing; does not sleep.
 */
void prepare_to_wait(struct wait_queue *wq)
{
	struct thread *t = sched_current();

	spin_lock(&wq->lock);
	if (list_empty(&t->wait_link))
		list_add_tail(&t->wait_link, &wq->waiters);
	/* Under the queue lock, so a waker that sees us on the list also sees us SLEEPING. */
	sched_set_current_state(THREAD_SLEEPING);
	spin_unlock(&wq->lock);
}

/**
 * finish_wait() - stop waiting: RUNNING again, and off @wq if no wake-up took us off.
 * @wq: the queue given to prepare_to_wait().
 *
 * Context: thread, no spinlock held. Return: nothing.
 */
void finish_wait(struct wait_queue *wq)
{
	struct thread *t = sched_current();

	spin_lock(&wq->lock);
	sched_set_current_state(THREAD_RUNNING);
	list_del(&t->wait_link);	/* harmless if a wake-up already did */
	spin_unlock(&wq->lock);
}

/* wake_first_locked() - take the longest waiter off @wq and wake it. Return: true if it was
 * asleep (false: it was already awake, e.g. woken by its deadline, and will re-test anyway). */
static bool wake_first_locked(struct wait_queue *wq)
{
	struct thread *t = list_first_entry(&wq->waiters, struct thread, wait_link);

	assert_held(&wq->lock);
	list_del(&t->wait_link);
	return sched_wake(t);
}

/* wake_pollers_locked() - wake every poller of @wq, leaving them on it. Return: how many slept. */
static int wake_pollers_locked(struct wait_queue *wq)
{
	struct wait_poller *p;
	int woken = 0;

	assert_held(&wq->lock);
	list_for_each_entry(p, &wq->pollers, link)
		woken += sched_wake(p->t);
	return woken;
}

/**
 * wake_up_one() - wake the thread that has waited longest on @wq (and every poller).
 * @wq: the queue.
 *
 * Waiters that are already awake are taken off on the way, so exactly one sleeper wakes if
 * there is one.
 * Context: any, including interrupt handlers; does not sleep. Return: true if one woke.
 */
bool wake_up_one(struct wait_queue *wq)
{
	bool woke = false;

	spin_lock(&wq->lock);
	while (!woke && !list_empty(&wq->waiters))
		woke = wake_first_locked(wq);
	wake_pollers_locked(wq);
	spin_unlock(&wq->lock);
	return woke;
}

/**
 * wake_up_all() - wake every thread waiting on @wq, pollers included.
 * @wq: the queue.
 *
 * Context: any, including interrupt handlers; does not sleep. Return: how many were asleep.
 */
int wake_up_all(struct wait_queue *wq)
{
	int woken = 0;

	spin_lock(&wq->lock);
	while (!list_empty(&wq->waiters))
		woken += wake_first_locked(wq);
	woken += wake_pollers_locked(wq);
	spin_unlock(&wq->lock);
	return woken;
}

/**
 * wait_queue_count() - how many threads are on @wq. A snapshot: it may change right after.
 * @wq: the queue.
 *
 * Context: any. Return: the number of waiters (awake ones not yet off the queue included).
 */
int wait_queue_count(struct wait_queue *wq)
{
	struct thread *t;
	int n = 0;

	spin_lock(&wq->lock);
	list_for_each_entry(t, &wq->waiters, wait_link)
		n++;
	spin_unlock(&wq->lock);
	return n;
}

/**
 * wait_queue_add_poller() - hang @p (its thread set by the caller) on @wq until removed.
 * Context: any thread; no spinlock above LOCK_WAIT_QUEUE held. Return: nothing.
 */
void wait_queue_add_poller(struct wait_queue *wq, struct wait_poller *p)
{
	spin_lock(&wq->lock);
	list_add_tail(&p->link, &wq->pollers);
	spin_unlock(&wq->lock);
}

/**
 * wait_queue_del_poller() - take @p off @wq; after this no wake-up of @wq touches @p.
 * Context: as wait_queue_add_poller(). Return: nothing.
 */
void wait_queue_del_poller(struct wait_queue *wq, struct wait_poller *p)
{
	spin_lock(&wq->lock);
	list_del(&p->link);
	spin_unlock(&wq->lock);
}
