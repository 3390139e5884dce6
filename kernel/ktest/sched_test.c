/* sched_test.c - self-tests of threads, the scheduler, wait queues, time and spinlocks.
 *
 * Four suites (`ktest=sched,waitqueue,time,spinlock`): threads run, exit and give their memory
 * back; busy threads share the CPU without yielding (preemption works); yields go round robin;
 * sleeps last at least as long as asked; wake_up_one wakes one and wake_up_all all; timed
 * waits time out; a producer and a consumer pass 1000 items in order through wait queues; the
 * clocks agree; spinlocks nest, count, disable interrupts and block preemption.
 *
 * Timing checks are deliberately lenient: under QEMU's TCG a "10 ms" tick can be late and the
 * CPU is slow, so they assert the order of magnitude, never a precise figure. Every case waits
 * until the threads it started have been freed, so cases do not disturb each other.
 * Locking: the shared test state is either written before the threads start, read after they
 *   end, updated with atomics, or guarded by the fifo's lock (LOCK_TEST_OUTER).
 * See also: kernel/sched.c, kernel/kthread.c, kernel/wait_queue.c, kernel/time.c,
 *   kernel/spinlock.c; the `lockorder` negative control is sched_test_lock_inversion() below.
 */
#include "ktest.h"
#include "arch.h"
#include "frame.h"
#include "panic.h"
#include "printk.h"
#include "sched.h"
#include "sched_test.h"
#include "slab.h"
#include "spinlock.h"
#include "string.h"
#include "time.h"
#include "wait_queue.h"

#define REAP_TIMEOUT_MS		3000	/* how long dead threads may take to be freed */
#define NR_WORKERS		4

/* ---- helpers shared by the cases ---- */

/* Threads that have finished their work, and the queue the test sleeps on until they have. */
static int nr_finished;
static struct wait_queue finished_wq = WAIT_QUEUE_INIT(finished_wq, "test.finished");

static void worker_done(void)
{
	__atomic_add_fetch(&nr_finished, 1, __ATOMIC_SEQ_CST);
	wake_up_all(&finished_wq);
}

/* start_workers() - @n threads running @fn(&args[i]); returns how many were created. */
static int start_workers(int n, void (*fn)(void *), void *args, size_t arg_size)
{
	int created = 0;

	nr_finished = 0;
	for (int i = 0; i < n; i++)
		if (kthread_create(fn, (char *)args + i * arg_size, "ktest-worker"))
			created++;
	return created;
}

/* wait_reaped() - sleep until no more than @nr_threads threads exist (dead ones freed). */
static bool wait_reaped(int nr_threads)
{
	uint64_t deadline = time_ns() + REAP_TIMEOUT_MS * NSEC_PER_MSEC;

	while (sched_nr_threads() > nr_threads) {
		if (time_ns() > deadline)
			return false;
		sched_sleep_ms(1);
	}
	return true;
}

/* join_workers() - wait until @n workers have finished and been freed. */
static void join_workers(int n, int nr_threads_before)
{
	wait_event(&finished_wq, READ_ONCE(nr_finished) >= n);
	KTEST_EXPECT(wait_reaped(nr_threads_before));
}

static size_t task_struct_objects(void)
{
	struct slab_stats s;

	return slab_stats_find("task_struct", &s) ? s.active_objs : 0;
}

/* busy_wait_ms() - spin, interrupts on, for @ms of time_ns(). */
static void busy_wait_ms(uint64_t ms)
{
	uint64_t end = time_ns() + ms * NSEC_PER_MSEC;

	while (time_ns() < end)
		arch_cpu_relax();
}

/* ---- sched ---- */

static void count_and_exit(void *arg)
{
	(void)arg;
	worker_done();
}

/* One round of 8 short threads; their stacks and structs must all come back. Run once to warm
 * the slab cache up (it may keep a slab once it has one), then measure a second round. */
static void threads_exit_and_memory_returns(void)
{
	const int n = 8, before = sched_nr_threads();
	size_t frames, objs;

	KTEST_EXPECT_EQ(start_workers(n, count_and_exit, NULL, 0), n);
	join_workers(n, before);
	frames = frame_free_count();
	objs = task_struct_objects();
	KTEST_EXPECT_EQ(start_workers(n, count_and_exit, NULL, 0), n);
	join_workers(n, before);
	KTEST_EXPECT_EQ(sched_nr_threads(), before);
	KTEST_EXPECT_EQ(frame_free_count(), frames);
	KTEST_EXPECT_EQ(task_struct_objects(), objs);
}

/* A thread that returns from its function exits just like one that calls kthread_exit(). */
static void exit_explicitly(void *arg)
{
	(void)arg;
	worker_done();
	kthread_exit();
}

static void kthread_exit_frees_thread(void)
{
	const int before = sched_nr_threads();

	KTEST_EXPECT_EQ(start_workers(1, exit_explicitly, NULL, 0), 1);
	join_workers(1, before);
}

static volatile bool spinners_stop;

/* Spins without ever yielding or sleeping: only preemption can take the CPU from it. */
static void spin_counting(void *arg)
{
	uint64_t *count = arg;

	while (!spinners_stop)
		WRITE_ONCE(*count, *count + 1);
	worker_done();
}

static void round_robin_preempts_busy_threads(void)
{
	static uint64_t counts[NR_WORKERS];
	const int before = sched_nr_threads();
	uint64_t switches = sched_nr_switches();

	spinners_stop = false;
	for (int i = 0; i < NR_WORKERS; i++)
		counts[i] = 0;
	KTEST_EXPECT_EQ(start_workers(NR_WORKERS, spin_counting, counts, sizeof(counts[0])),
			NR_WORKERS);
	sched_sleep_ms(500);	/* ten 50 ms slices: each spinner gets about two */
	spinners_stop = true;
	join_workers(NR_WORKERS, before);
	for (int i = 0; i < NR_WORKERS; i++)
		KTEST_EXPECT(counts[i] > 0);
	KTEST_EXPECT(sched_nr_switches() - switches >= NR_WORKERS);
}

/* Each of three threads logs its letter and yields, three times over. */
static char yield_log[16];
static int yield_log_len;

static void log_and_yield(void *arg)
{
	for (int round = 0; round < 3; round++) {
		yield_log[yield_log_len++] = *(const char *)arg;
		sched_yield();
	}
	worker_done();
}

static void yield_goes_round_robin(void)
{
	static const char letters[3] = { 'A', 'B', 'C' };
	const int before = sched_nr_threads();

	yield_log_len = 0;
	KTEST_EXPECT_EQ(start_workers(3, log_and_yield, (void *)letters, 1), 3);
	join_workers(3, before);
	yield_log[yield_log_len] = '\0';
	KTEST_EXPECT_EQ(yield_log_len, 9);
	KTEST_EXPECT(memcmp(yield_log, "ABCABCABC", 9) == 0);
	if (memcmp(yield_log, "ABCABCABC", 9) != 0)
		pr_err("# yield order was %s\n", yield_log);
}

static void sleep_ms_sleeps_at_least_that_long(void)
{
	static const uint64_t durations_ms[] = { 1, 10, 50, 120 };

	for (size_t i = 0; i < ARRAY_SIZE(durations_ms); i++) {
		uint64_t t0 = time_ns(), ms = durations_ms[i], elapsed;

		sched_sleep_ms(ms);
		elapsed = time_ns() - t0;
		KTEST_EXPECT(elapsed >= ms * NSEC_PER_MSEC);
		KTEST_EXPECT(elapsed < (ms + 1000) * NSEC_PER_MSEC);	/* not absurdly long */
	}
}

static void current_is_running(void)
{
	struct thread *t = sched_current();

	KTEST_EXPECT(t != NULL);
	KTEST_EXPECT_EQ(t->state, THREAD_RUNNING);
	KTEST_EXPECT(t->stack_base != NULL);	/* the test runs in a kthread, not in idle */
	sched_dump();
}

static const struct ktest_case sched_cases[] = {
	{ "current_is_running", current_is_running },
	{ "threads_exit_and_memory_returns", threads_exit_and_memory_returns },
	{ "kthread_exit_frees_thread", kthread_exit_frees_thread },
	{ "round_robin_preempts_busy_threads", round_robin_preempts_busy_threads },
	{ "yield_goes_round_robin", yield_goes_round_robin },
	{ "sleep_ms_sleeps_at_least_that_long", sleep_ms_sleeps_at_least_that_long },
};
KTEST_SUITE(sched, sched_cases);

/* ---- waitqueue ---- */

static struct wait_queue gate_wq = WAIT_QUEUE_INIT(gate_wq, "test.gate");
static volatile bool gate_open;
static int nr_through;	/* threads that got past the gate */

static void wait_at_gate(void *arg)
{
	(void)arg;
	wait_event(&gate_wq, gate_open);
	__atomic_add_fetch(&nr_through, 1, __ATOMIC_SEQ_CST);
	worker_done();
}

/* start_gate_waiters() - @n threads asleep on gate_wq; true once all are on the queue. */
static bool start_gate_waiters(int n)
{
	uint64_t deadline = time_ns() + REAP_TIMEOUT_MS * NSEC_PER_MSEC;

	gate_open = false;
	nr_through = 0;
	if (start_workers(n, wait_at_gate, NULL, 0) != n)
		return false;
	while (wait_queue_count(&gate_wq) < n)
		if (time_ns() > deadline)
			return false;
		else
			sched_sleep_ms(1);
	return true;
}

/* The gate is open for all, but wake_up_one wakes one: the others sleep on, unaware. */
static void wake_up_one_wakes_exactly_one(void)
{
	const int before = sched_nr_threads();

	KTEST_EXPECT(start_gate_waiters(3));
	gate_open = true;
	KTEST_EXPECT(wake_up_one(&gate_wq));
	sched_sleep_ms(50);
	KTEST_EXPECT_EQ(READ_ONCE(nr_through), 1);
	KTEST_EXPECT_EQ(wait_queue_count(&gate_wq), 2);
	KTEST_EXPECT_EQ(wake_up_all(&gate_wq), 2);
	join_workers(3, before);
	KTEST_EXPECT_EQ(nr_through, 3);
}

static void wake_up_all_wakes_all(void)
{
	const int before = sched_nr_threads();

	KTEST_EXPECT(start_gate_waiters(NR_WORKERS));
	gate_open = true;
	KTEST_EXPECT_EQ(wake_up_all(&gate_wq), NR_WORKERS);
	join_workers(NR_WORKERS, before);
	KTEST_EXPECT_EQ(nr_through, NR_WORKERS);
	KTEST_EXPECT_EQ(wait_queue_count(&gate_wq), 0);
	KTEST_EXPECT(!wake_up_one(&gate_wq));	/* nobody left to wake */
}

static void wait_event_timeout_times_out(void)
{
	struct wait_queue wq;
	uint64_t t0 = time_ns(), elapsed;
	bool done;

	wait_queue_init(&wq, "test.timeout");
	done = wait_event_timeout(&wq, false, 50);
	elapsed = time_ns() - t0;
	KTEST_EXPECT(!done);
	KTEST_EXPECT(elapsed >= 50 * NSEC_PER_MSEC);
	KTEST_EXPECT(elapsed < 2000 * NSEC_PER_MSEC);
	KTEST_EXPECT_EQ(wait_queue_count(&wq), 0);
}

static void open_gate_later(void *arg)
{
	(void)arg;
	sched_sleep_ms(20);
	gate_open = true;
	wake_up_all(&gate_wq);
	worker_done();
}

static void wait_event_timeout_sees_wake_up(void)
{
	const int before = sched_nr_threads();
	uint64_t t0 = time_ns();
	bool done;

	gate_open = false;
	KTEST_EXPECT_EQ(start_workers(1, open_gate_later, NULL, 0), 1);
	done = wait_event_timeout(&gate_wq, gate_open, 5000);
	KTEST_EXPECT(done);
	KTEST_EXPECT(time_ns() - t0 < 4000 * NSEC_PER_MSEC);
	join_workers(1, before);
}

/* A bounded FIFO between one producer and one consumer: two wait queues, one lock. */
#define FIFO_SIZE	8
#define FIFO_ITEMS	1000

struct fifo {
	struct spinlock lock;		/* LOCK_TEST_OUTER */
	struct wait_queue not_empty;	/* the consumer sleeps here */
	struct wait_queue not_full;	/* the producer sleeps here */
	/* Protected by lock: */
	int items[FIFO_SIZE];
	unsigned int head, tail;	/* head - tail = items queued; free-running */
};

static struct fifo fifo;

static unsigned int fifo_count(void)
{
	unsigned int n;

	spin_lock(&fifo.lock);
	n = fifo.head - fifo.tail;
	spin_unlock(&fifo.lock);
	return n;
}

/* One producer, one consumer: only the producer fills, so "not full" stays true once seen. */
static void fifo_put(int v)
{
	wait_event(&fifo.not_full, fifo_count() < FIFO_SIZE);
	spin_lock(&fifo.lock);
	fifo.items[fifo.head++ % FIFO_SIZE] = v;
	spin_unlock(&fifo.lock);
	wake_up_one(&fifo.not_empty);
}

static int fifo_get(void)
{
	int v;

	wait_event(&fifo.not_empty, fifo_count() > 0);
	spin_lock(&fifo.lock);
	v = fifo.items[fifo.tail++ % FIFO_SIZE];
	spin_unlock(&fifo.lock);
	wake_up_one(&fifo.not_full);
	return v;
}

static void produce(void *arg)
{
	(void)arg;
	for (int i = 1; i <= FIFO_ITEMS; i++)
		fifo_put(i);
	worker_done();
}

static void producer_consumer_in_order(void)
{
	const int before = sched_nr_threads();
	int in_order = 0;

	spin_init(&fifo.lock, "test.fifo", LOCK_TEST_OUTER);
	wait_queue_init(&fifo.not_empty, "test.not_empty");
	wait_queue_init(&fifo.not_full, "test.not_full");
	fifo.head = fifo.tail = 0;
	KTEST_EXPECT_EQ(start_workers(1, produce, NULL, 0), 1);
	for (int i = 1; i <= FIFO_ITEMS; i++)
		in_order += fifo_get() == i;
	KTEST_EXPECT_EQ(in_order, FIFO_ITEMS);
	join_workers(1, before);
	KTEST_EXPECT_EQ(fifo_count(), 0);
}

static const struct ktest_case waitqueue_cases[] = {
	{ "wake_up_one_wakes_exactly_one", wake_up_one_wakes_exactly_one },
	{ "wake_up_all_wakes_all", wake_up_all_wakes_all },
	{ "wait_event_timeout_times_out", wait_event_timeout_times_out },
	{ "wait_event_timeout_sees_wake_up", wait_event_timeout_sees_wake_up },
	{ "producer_consumer_in_order", producer_consumer_in_order },
};
KTEST_SUITE(waitqueue, waitqueue_cases);

/* ---- time ---- */

static void time_ns_is_monotonic(void)
{
	uint64_t prev = time_ns(), backwards = 0;

	for (int i = 0; i < 100000; i++) {
		uint64_t now = time_ns();

		backwards += now < prev;
		prev = now;
	}
	KTEST_EXPECT_EQ(backwards, 0);
	KTEST_EXPECT(prev > 0);
}

static void cycle_counter_rate_is_plausible(void)
{
	uint64_t hz = arch_cycles_per_sec();

	KTEST_EXPECT(hz > 10000000ULL);		/* > 10 MHz */
	KTEST_EXPECT(hz < 100000000000ULL);	/* < 100 GHz */
}

/* Over 300 ms of time_ns(), jiffies must advance by about 30. Not fewer than a quarter: QEMU
 * drops ticks the guest is too slow to take, and on a host with five busy QEMUs per CPU we
 * measured 10 of 30; a PIT left at its power-on 18.2 Hz would give 5. Not more than double. */
static void jiffies_follow_time_ns(void)
{
	uint64_t j0 = READ_ONCE(jiffies), t0 = time_ns(), ticks, expected;
	bool plausible;

	busy_wait_ms(300);
	ticks = READ_ONCE(jiffies) - j0;
	expected = (time_ns() - t0) * HZ / NSEC_PER_SEC;
	plausible = ticks >= expected / 4 && ticks <= expected * 2 + 2;
	KTEST_EXPECT(plausible);
	if (!plausible)
		pr_err("# %llu ticks, expected about %llu\n", (unsigned long long)ticks,
		       (unsigned long long)expected);
}

static void ms_to_jiffies_rounds_up(void)
{
	KTEST_EXPECT_EQ(time_ms_to_jiffies(0), 0);
	KTEST_EXPECT_EQ(time_ms_to_jiffies(1), 1);
	KTEST_EXPECT_EQ(time_ms_to_jiffies(1000 / HZ), 1);
	KTEST_EXPECT_EQ(time_ms_to_jiffies(1000 / HZ + 1), 2);
	KTEST_EXPECT_EQ(time_ms_to_jiffies(1000), HZ);
}

/* The bug "a select() on a loaded host returned early" (poll_test): QEMU delivers the ticks a
 * stalled host missed in a burst afterwards, so jiffies may lag the clock by several ticks,
 * and a deadline counted from jiffies then came too soon. Make jiffies lag by 5 ticks, as
 * after a 50 ms stall (interrupts off, so no tick repairs it meanwhile): a 30 ms deadline
 * must still lie at least 30 ms after now, and the next tick must bring jiffies back. */
static void deadline_counts_from_the_clock_when_jiffies_lag(void)
{
	unsigned long flags = arch_irq_save();
	uint64_t now_ns, deadline, lagged;

	lagged = READ_ONCE(jiffies) >= 5 ? READ_ONCE(jiffies) - 5 : 0;
	WRITE_ONCE(jiffies, lagged);
	now_ns = time_ns();
	deadline = time_deadline_after_ms(30);
	arch_irq_restore(flags);
	KTEST_EXPECT(deadline * (NSEC_PER_SEC / HZ) >= now_ns + 30 * NSEC_PER_MSEC);
	busy_wait_ms(25);	/* a tick or two */
	KTEST_EXPECT(READ_ONCE(jiffies) >= time_jiffies_now() - 1);
}

static const struct ktest_case time_cases[] = {
	{ "time_ns_is_monotonic", time_ns_is_monotonic },
	{ "cycle_counter_rate_is_plausible", cycle_counter_rate_is_plausible },
	{ "jiffies_follow_time_ns", jiffies_follow_time_ns },
	{ "ms_to_jiffies_rounds_up", ms_to_jiffies_rounds_up },
	{ "deadline_counts_from_the_clock_when_jiffies_lag",
	  deadline_counts_from_the_clock_when_jiffies_lag },
};
KTEST_SUITE(time, time_cases);

/* ---- spinlock ---- */

static struct spinlock outer = SPINLOCK_INIT("test.outer", LOCK_TEST_OUTER);
static struct spinlock inner = SPINLOCK_INIT("test.inner", LOCK_TEST_INNER);

static void nested_in_order_counts_and_disables_irqs(void)
{
	KTEST_EXPECT_EQ(spin_held_count(), 0);
	KTEST_EXPECT(arch_irqs_enabled());
	spin_lock(&outer);
	KTEST_EXPECT_EQ(spin_held_count(), 1);
	KTEST_EXPECT(!arch_irqs_enabled());
	spin_lock(&inner);
	KTEST_EXPECT_EQ(spin_held_count(), 2);
	KTEST_EXPECT(spin_is_held(&outer) && spin_is_held(&inner));
	spin_unlock(&inner);
	KTEST_EXPECT(!arch_irqs_enabled());
	spin_unlock(&outer);
	KTEST_EXPECT_EQ(spin_held_count(), 0);
	KTEST_EXPECT(arch_irqs_enabled());
	KTEST_EXPECT(!spin_is_held(&outer));
}

/* Releasing the outer lock first must not turn interrupts on under the inner one. */
static void out_of_order_release_keeps_irqs_off(void)
{
	spin_lock(&outer);
	spin_lock(&inner);
	spin_unlock(&outer);
	KTEST_EXPECT_EQ(spin_held_count(), 1);
	KTEST_EXPECT(!arch_irqs_enabled());
	spin_unlock(&inner);
	KTEST_EXPECT_EQ(spin_held_count(), 0);
	KTEST_EXPECT(arch_irqs_enabled());
}

/* A holder is never preempted: with a busy thread waiting, 50 ms under a lock (several ticks)
 * must pass without a single context switch. */
static void holder_is_not_preempted(void)
{
	static uint64_t spun;
	const int before = sched_nr_threads();
	uint64_t switches;

	spinners_stop = false;
	KTEST_EXPECT_EQ(start_workers(1, spin_counting, &spun, 0), 1);
	spin_lock(&outer);
	switches = sched_nr_switches();
	busy_wait_ms(50);
	KTEST_EXPECT_EQ(sched_nr_switches(), switches);
	spin_unlock(&outer);
	sched_sleep_ms(20);	/* now the spinner gets the CPU */
	spinners_stop = true;
	join_workers(1, before);
	KTEST_EXPECT(spun > 0);
}

static const struct ktest_case spinlock_cases[] = {
	{ "nested_in_order_counts_and_disables_irqs", nested_in_order_counts_and_disables_irqs },
	{ "out_of_order_release_keeps_irqs_off", out_of_order_release_keeps_irqs_off },
	{ "holder_is_not_preempted", holder_is_not_preempted },
};
KTEST_SUITE(spinlock, spinlock_cases);

/**
 * sched_test_lock_inversion() - the `ktest=lockorder` negative control: take LOCK_TEST_INNER,
 * then LOCK_TEST_OUTER, against lock_order.h. spin_lock() must panic with "lock order".
 * Context: the ktest thread. Return: only if the check is broken (the caller then panics).
 */
void sched_test_lock_inversion(void)
{
	pr_err("ktest: taking %s, then %s: the lock-order check must panic\n", inner.name,
	       outer.name);
	spin_lock(&inner);
	spin_lock(&outer);
	spin_unlock(&outer);
	spin_unlock(&inner);
}
