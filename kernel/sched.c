/* sched.c - the scheduler: which thread runs, when it stops, and how sleepers come back.
 *
 * Policy: preemptive round robin. Runnable threads wait in one FIFO run queue. The running
 * thread keeps the CPU until it sleeps, yields, exits, or uses up its time slice of
 * SCHED_SLICE_TICKS timer ticks; then the timer interrupt sets need_resched and, on its way out
 * (sched_irq_exit), switches to the thread at the head of the queue, putting the old one at the
 * tail. When the queue is empty the idle thread - the boot flow itself, after sched_start() -
 * halts the CPU until the next interrupt. One CPU, so "the run queue" and "current" are plain
 * globals here; with SMP each CPU gets its own struct run_queue.
 *
 * A switch, step by step (schedule()):
 *   1. interrupts off, take the run-queue lock;
 *   2. if the current thread is still RUNNING, it goes to the back of the queue;
 *   3. pick the head of the queue (or idle) and make it RUNNING with a fresh slice;
 *   4. arch_context_switch() - the CPU now runs the other thread, which returns from *its*
 *      earlier switch (or starts in sched_thread_start() if it is new);
 *   5. that thread finishes the switch: releases the run-queue lock, frees the thread that
 *      switched to it if that one was DEAD, and restores its own interrupt state.
 * So the run-queue lock is the one lock held across a switch: taken by one thread, released by
 * the next (Linux: context_switch -> finish_task_switch). It must be, on SMP: until the switch is
 * done the old thread's registers are not saved, and no other CPU may pick it. Any other lock
 * held at a switch would stay held by a thread that is not running - schedule() panics.
 *
 * Dead threads: a thread cannot free the stack it is running on, so kthread_exit() marks it
 * DEAD and switches away for the last time; the next thread frees its stack and struct in step
 * 5 (Linux frees them from finish_task_switch too, via put_task_stack/put_task_struct).
 *
 * Timed sleep: a thread with a deadline sits on the sleepers list; each tick wakes those whose
 * deadline has come (a linear scan; Linux uses a timer wheel).
 *
 * Invariants: exactly one thread is RUNNING, and it is rq.current; a thread is on the run queue
 *   iff it is RUNNABLE and not idle; the idle thread is never on the queue, never sleeps, never
 *   exits; a SLEEPING thread is never preempted (see should_preempt()).
 * Locking: rq.lock (LOCK_RUNQUEUE) protects the run queue, every thread's state and the thread
 *   list; sleepers_lock (LOCK_TIMER) protects the sleepers list and is taken inside rq.lock.
 * See also: kernel/kthread.c (creation and freeing), kernel/wait_queue.c (sleeping on an
 *   event), kernel/time.c (the tick), arch/x86_64/switch.asm. Linux: kernel/sched/core.c
 *   (schedule, try_to_wake_up, scheduler_tick), kernel/time/timer.c (schedule_timeout).
 */
#include "sched.h"
#include "arch.h"
#include "panic.h"
#include "printk.h"
#include "spinlock.h"
#include "time.h"

struct run_queue {
	struct spinlock lock;		/* LOCK_RUNQUEUE */

	/* Protected by lock: */
	struct thread *current;		/* the RUNNING thread; see sched_current() */
	struct thread *idle;		/* runs when the queue is empty */
	struct list_head queue;		/* RUNNABLE threads via run_link, oldest first */
	struct list_head all_threads;	/* every thread via all_link, for sched_dump() */
	int nr_threads;			/* length of all_threads */
	bool need_resched;		/* switch at the next sched_irq_exit() */
	struct thread *dead;		/* a DEAD thread, to be freed after the switch */
	uint64_t nr_switches;		/* context switches since boot */
	uint64_t idle_ticks;		/* ticks that found the idle thread running, for
					 * /proc/stat and /proc/uptime (Linux: cpustat[CPUTIME_IDLE]) */
};

static struct run_queue rq = {
	.lock = SPINLOCK_INIT("runqueue", LOCK_RUNQUEUE),
	.queue = LIST_HEAD_INIT(rq.queue),
	.all_threads = LIST_HEAD_INIT(rq.all_threads),
};

/* Threads sleeping until a deadline, via timer_link. The tick takes the lock inside rq.lock;
 * arming and disarming take it alone. */
static struct spinlock sleepers_lock = SPINLOCK_INIT("sleepers", LOCK_TIMER);
static struct list_head sleepers = LIST_HEAD_INIT(sleepers);

/**
 * sched_current_thread - rq.current, in a variable of its own that sched_current() (sched.h)
 * reads in line, without the lock: it changes only in a switch, and a thread that is running
 * always finds itself there. Written with rq.current and nowhere else. (Linux keeps the same
 * pair: the per-CPU current_task beside rq->curr.) Every system call reads it several times;
 * a call to a function here cost more under QEMU's TCG than the read (docs/performance.md).
 */
struct thread *sched_current_thread;

/* enqueue_locked() - make @t RUNNABLE at the back of the queue (idle only changes state). */
static void enqueue_locked(struct thread *t)
{
	assert_held(&rq.lock);
	t->state = THREAD_RUNNABLE;
	if (t != rq.idle)
		list_add_tail(&t->run_link, &rq.queue);
}

/* pick_next_locked() - take the head of the queue (or idle) and make it RUNNING. */
static struct thread *pick_next_locked(void)
{
	struct thread *next = rq.idle;

	assert_held(&rq.lock);
	if (!list_empty(&rq.queue)) {
		next = list_first_entry(&rq.queue, struct thread, run_link);
		list_del(&next->run_link);
	}
	next->state = THREAD_RUNNING;
	next->slice_left = SCHED_SLICE_TICKS;
	rq.need_resched = false;
	return next;
}

/* context_switch_locked() - run @next; returns when some thread switches back to @prev,
 * with rq.lock held again (taken by that thread). */
static void context_switch_locked(struct thread *prev, struct thread *next)
{
	assert_held(&rq.lock);
	if (spin_held_count() != 1)
		panic("sched: switching from %s with %d locks held", prev->name, spin_held_count());
	kthread_check_stack(prev);
	if (prev->state == THREAD_DEAD)
		rq.dead = prev;
	rq.current = next;
	sched_current_thread = next;
	rq.nr_switches++;
	if (next->stack_base)
		arch_set_kernel_stack((char *)next->stack_base + next->stack_size);
	arch_switch_to(prev, next);	/* user FPU/TLS state and page tables */
	arch_context_switch(&prev->context, next->context);
}

/* finish_switch() - step 5 of a switch, run by the thread switched to: release the lock the
 * previous thread took, then free that thread if it was dead. Interrupts stay off.
 * Context: rq.lock held, handed over by the previous thread; returns without it. */
static void finish_switch(void)
{
	struct thread *dead = rq.dead;

	assert_held(&rq.lock);
	rq.dead = NULL;
	if (dead) {
		list_del(&dead->all_link);
		rq.nr_threads--;
	}
	spin_unlock(&rq.lock);
	if (dead)
		kthread_free(dead);
}

/**
 * schedule() - give the CPU to the next runnable thread.
 *
 * If the current thread is RUNNING it stays runnable (at the back of the queue: a yield); if it
 * is SLEEPING it stops here until sched_wake(); if DEAD it never comes back.
 * Context: thread or interrupt exit (sched_irq_exit); no spinlock held. Returns when the
 * current thread is chosen again, with its interrupt state as it was on entry.
 */
void schedule(void)
{
	unsigned long flags;
	struct thread *prev, *next;

	if (spin_held_count() != 0)
		panic("sched: schedule() with %d spinlock(s) held", spin_held_count());
	/* Interrupts off first, so the lock records "off" and hands that to the next thread;
	 * each thread restores its own state from its own stack (flags) at the end. */
	flags = arch_irq_save();
	spin_lock(&rq.lock);
	prev = rq.current;
	if (prev->state == THREAD_RUNNING)
		enqueue_locked(prev);
	next = pick_next_locked();
	if (next != prev)
		context_switch_locked(prev, next);
	finish_switch();
	arch_irq_restore(flags);
}

/**
 * sched_yield() - let every other runnable thread run once before this one continues.
 * Context: thread, no spinlock held. Return: nothing.
 */
void sched_yield(void)
{
	schedule();
}

/* wake_locked() - if @t sleeps, make it runnable. A thread that set itself SLEEPING but has not
 * reached schedule() yet is still current: it just becomes RUNNING again and will not sleep. */
static bool wake_locked(struct thread *t)
{
	assert_held(&rq.lock);
	if (t->state != THREAD_SLEEPING)
		return false;
	if (t == rq.current) {
		t->state = THREAD_RUNNING;
		return true;
	}
	enqueue_locked(t);
	/* Only an idle CPU is preempted for a wake-up; a busy thread keeps its slice. */
	if (rq.current == rq.idle)
		rq.need_resched = true;
	return true;
}

/* wake_from_locked() - make @t runnable if its state is @state (STOPPED, TRACED). */
static bool wake_from_locked(struct thread *t, enum thread_state state)
{
	if (t->state != state)
		return false;
	t->state = THREAD_SLEEPING;	/* so that wake_locked() treats it as a sleeper */
	return wake_locked(t);
}

/**
 * sched_wake() - make @t runnable if it is sleeping.
 * @t: any thread that cannot be freed meanwhile (a sleeping thread cannot exit).
 *
 * Context: any, including interrupt handlers; takes rq.lock. Return: true if @t was SLEEPING.
 */
bool sched_wake(struct thread *t)
{
	bool woke;

	spin_lock(&rq.lock);
	woke = wake_locked(t);
	spin_unlock(&rq.lock);
	return woke;
}

/**
 * sched_wake_stopped() - make @t runnable if it is STOPPED (a group stop ended: SIGCONT, or
 * SIGKILL). sched_wake() leaves stopped threads alone, so an ordinary wake-up cannot end a stop.
 * @t: any thread that cannot be freed meanwhile.
 *
 * Context: any; takes rq.lock. Return: true if @t was STOPPED.
 */
bool sched_wake_stopped(struct thread *t)
{
	bool woke;

	spin_lock(&rq.lock);
	woke = wake_from_locked(t, THREAD_STOPPED);
	spin_unlock(&rq.lock);
	return woke;
}

/**
 * sched_wake_traced() - make @t runnable if it is in a ptrace stop (TRACED): its tracer
 * resumed or detached it. Neither sched_wake() nor SIGCONT ends a ptrace stop.
 * @t: any thread that cannot be freed meanwhile.
 *
 * Context: any; takes rq.lock. Return: true if @t was TRACED.
 */
bool sched_wake_traced(struct thread *t)
{
	bool woke;

	spin_lock(&rq.lock);
	woke = wake_from_locked(t, THREAD_TRACED);
	spin_unlock(&rq.lock);
	return woke;
}

/**
 * sched_wake_fatal() - make @t runnable whatever it waits in - a sleep, a group stop, a
 * ptrace stop: SIGKILL and every group exit end them all.
 * @t: any thread that cannot be freed meanwhile.
 *
 * Context: any; takes rq.lock. Return: true if @t was woken.
 */
bool sched_wake_fatal(struct thread *t)
{
	bool woke;

	spin_lock(&rq.lock);
	woke = wake_locked(t) || wake_from_locked(t, THREAD_STOPPED);
	if (!woke && !t->ptrace.frozen)	/* a frozen tracee wakes when the request ends */
		woke = wake_from_locked(t, THREAD_TRACED);
	spin_unlock(&rq.lock);
	return woke;
}

/**
 * sched_traced_to_stopped() - @t leaves a ptrace stop for the group stop its process is in:
 * a detached tracee of a stopped group stays stopped, and SIGCONT will wake it (Linux:
 * __ptrace_unlink re-arms JOBCTL_STOP_PENDING for the same effect).
 * @t: any thread that cannot be freed meanwhile.
 *
 * Context: any; takes rq.lock. Return: true if @t was TRACED.
 */
bool sched_traced_to_stopped(struct thread *t)
{
	bool was = false;

	spin_lock(&rq.lock);
	if (t->state == THREAD_TRACED) {
		t->state = THREAD_STOPPED;
		was = true;
	}
	spin_unlock(&rq.lock);
	return was;
}

/**
 * sched_set_current_state() - announce that the current thread is about to sleep (SLEEPING),
 * has stopped waiting (RUNNING), stops for a group stop (STOPPED) or is exiting (DEAD). Only
 * schedule() acts on it.
 * @state: THREAD_SLEEPING, THREAD_STOPPED, THREAD_TRACED, THREAD_RUNNING or THREAD_DEAD.
 *
 * Context: thread, not idle; takes rq.lock. Return: nothing.
 */
void sched_set_current_state(enum thread_state state)
{
	BUG_ON(state == THREAD_RUNNABLE);
	spin_lock(&rq.lock);
	BUG_ON(rq.current == rq.idle && state != THREAD_RUNNING);
	rq.current->state = state;
	spin_unlock(&rq.lock);
}

/* sleepers_add() / sleepers_del() - arm and disarm @t's deadline. */
static void sleepers_add(struct thread *t, uint64_t deadline)
{
	spin_lock(&sleepers_lock);
	t->wake_deadline = deadline;
	list_add_tail(&t->timer_link, &sleepers);
	spin_unlock(&sleepers_lock);
}

static void sleepers_del(struct thread *t)
{
	spin_lock(&sleepers_lock);
	list_del(&t->timer_link);	/* harmless if the tick already took it off */
	spin_unlock(&sleepers_lock);
}

/**
 * schedule_until() - sleep until woken or until jiffies reaches @deadline.
 * @deadline: absolute, in jiffies (time_deadline_after_ms()).
 *
 * The caller has already set itself SLEEPING (prepare_to_wait() or sched_sleep_ms()), so a
 * wake-up between that and this call is not lost: it makes the thread RUNNING and schedule()
 * returns at once. Linux: schedule_timeout(), which takes a relative timeout instead.
 * Context: thread, no spinlock held; sleeps. Return: true if woken before the deadline.
 */
bool schedule_until(uint64_t deadline)
{
	struct thread *t = sched_current();

	if (READ_ONCE(jiffies) >= deadline) {
		sched_set_current_state(THREAD_RUNNING);
		return false;
	}
	sleepers_add(t, deadline);
	schedule();
	sleepers_del(t);
	return READ_ONCE(jiffies) < deadline;
}

/**
 * sched_sleep_ms() - sleep for at least @ms milliseconds (rounded up to whole ticks, plus one).
 * @ms: how long; 0 still sleeps until the next tick.
 *
 * Context: thread, no spinlock held; sleeps. A sched_wake() does not cut the sleep short.
 * Return: nothing.
 */
void sched_sleep_ms(uint64_t ms)
{
	uint64_t deadline = time_deadline_after_ms(ms);

	do
		sched_set_current_state(THREAD_SLEEPING);
	while (schedule_until(deadline));
}

/**
 * sched_sleep_ms_interruptible() - sched_sleep_ms() that a signal ends early (nanosleep).
 * @ms: how long, as for sched_sleep_ms().
 *
 * The thread is SLEEPING before it tests signal_pending(), and a sender marks the signal
 * pending before it wakes the thread, so a signal cannot slip in between unnoticed.
 * Context: thread, no spinlock held; sleeps. Return: true if the whole time passed, false if
 * a signal (or a stop) is pending.
 */
bool sched_sleep_ms_interruptible(uint64_t ms)
{
	struct thread *t = sched_current();
	uint64_t deadline = time_deadline_after_ms(ms);

	for (;;) {
		sched_set_current_state(THREAD_SLEEPING);
		if (signal_pending(t)) {
			sched_set_current_state(THREAD_RUNNING);
			return false;
		}
		if (!schedule_until(deadline))
			return true;
	}
}

/* wake_expired_locked() - wake every sleeper whose deadline is @now or earlier. */
static void wake_expired_locked(uint64_t now)
{
	struct thread *t, *tmp;

	assert_held(&rq.lock);
	spin_lock(&sleepers_lock);
	list_for_each_entry_safe(t, tmp, &sleepers, timer_link) {
		if (t->wake_deadline <= now) {
			list_del(&t->timer_link);
			wake_locked(t);
		}
	}
	spin_unlock(&sleepers_lock);
}

/* account_slice_locked() - one tick of @t's slice used; ask for a switch when it is gone (and
 * at once if @t is idle), but only if someone is waiting for the CPU. */
static void account_slice_locked(struct thread *t)
{
	assert_held(&rq.lock);
	if (t->slice_left > 0)
		t->slice_left--;
	if ((t == rq.idle || t->slice_left == 0) && !list_empty(&rq.queue))
		rq.need_resched = true;
}

/**
 * sched_tick() - the scheduler's part of a timer tick: wake expired sleepers, charge the slice.
 * @elapsed: the jiffies this tick moved on (0 to several: time.c's jiffies follow the clock),
 *           charged to idle time when it interrupted the idle thread - so idle time never
 *           runs ahead of jiffies and busy time (/proc/stat) never goes backwards.
 *
 * Context: the timer interrupt (time.c), interrupts off. Ticks before sched_init() are ignored.
 * Return: nothing; the switch itself happens in sched_irq_exit().
 */
void sched_tick(uint64_t elapsed)
{
	spin_lock(&rq.lock);
	if (rq.current) {
		wake_expired_locked(READ_ONCE(jiffies));
		account_slice_locked(rq.current);
		/* Tick sampling, as Linux's tick accounting: the whole tick is charged to
		 * whoever it interrupted. */
		if (rq.current == rq.idle)
			rq.idle_ticks += elapsed;
	}
	spin_unlock(&rq.lock);
}

/* should_preempt() - a switch is due and the current thread may be switched out now. */
static bool should_preempt(void)
{
	bool preempt;

	spin_lock(&rq.lock);
	/* A SLEEPING current thread is between prepare_to_wait() and its own schedule(). Switched
	 * out here it would sleep without having tested its condition, and if the wake-up it waits
	 * for came before prepare_to_wait(), no other will come. It is about to call schedule()
	 * anyway; need_resched stays set for the next interrupt. (Linux instead leaves a preempted
	 * sleeper on the run queue: preempt_schedule_irq.) */
	preempt = rq.current && rq.need_resched && rq.current->state == THREAD_RUNNING;
	spin_unlock(&rq.lock);
	return preempt;
}

/**
 * sched_irq_exit() - switch threads at the end of an interrupt if a switch is due.
 *
 * This is preemption: the interrupted thread stops in the middle of whatever it was doing, with
 * its registers saved in the trap frame on its stack, and resumes here later.
 * Context: trap.c, after the handler and the EOI, interrupts off, only if the interrupted code
 * had interrupts on (and so held no spinlock). Return: nothing; maybe much later.
 */
void sched_irq_exit(void)
{
	/* The common case, no switch due, is told without the lock: need_resched is set under
	 * it by the tick or a wake-up, and read here with interrupts off, so a set that comes
	 * after this read is seen at the next interrupt's exit. (Linux tests its
	 * TIF_NEED_RESCHED flag the same way, lock-free, on every return to user mode.) */
	if (READ_ONCE(rq.need_resched) && should_preempt())
		schedule();
}

/**
 * sched_thread_start() - the first thing a new thread runs (from arch_thread_trampoline):
 * step 5 of the switch that started it, then interrupts on.
 *
 * Context: a new thread, rq.lock held (handed over), interrupts off. Return: nothing.
 */
void sched_thread_start(void)
{
	finish_switch();
	arch_irq_enable();
}

/**
 * sched_add_thread() - make a new thread known and runnable.
 * @t: fully built by kthread_create(); not yet on any list.
 *
 * Context: any thread; takes rq.lock. Return: nothing.
 */
void sched_add_thread(struct thread *t)
{
	spin_lock(&rq.lock);
	list_add_tail(&t->all_link, &rq.all_threads);
	rq.nr_threads++;
	enqueue_locked(t);
	spin_unlock(&rq.lock);
}

/**
 * sched_exit_current() - stop running the current thread, for good.
 *
 * Nothing can wake a DEAD thread, and a thread that is not RUNNING is never preempted, so
 * nothing runs between setting the state and the final switch.
 * Context: a thread that is on no wait queue and no sleepers list; not idle. Return: never.
 */
NORETURN void sched_exit_current(void)
{
	sched_set_current_state(THREAD_DEAD);
	schedule();
	panic("sched: dead thread %s ran again", sched_current()->name);
}

/* runqueue_is_empty() - nothing but idle wants the CPU. */
static bool runqueue_is_empty(void)
{
	bool empty;

	spin_lock(&rq.lock);
	empty = list_empty(&rq.queue);
	spin_unlock(&rq.lock);
	return empty;
}

/* idle_loop() - run whatever is runnable, else halt until an interrupt. The queue is tested
 * with interrupts off and "sti; hlt" re-enables them atomically with the halt, so a wake-up
 * from an interrupt cannot slip in between the test and the halt and be slept through. */
static NORETURN void idle_loop(void)
{
	for (;;) {
		arch_irq_disable();
		if (runqueue_is_empty()) {
			arch_wait_for_interrupt();
		} else {
			arch_irq_enable();
			schedule();
		}
	}
}

/**
 * sched_init() - the boot flow becomes thread 0, "idle", the current thread.
 *
 * Context: boot, once, after the slab caches and time_init(), interrupts off. Threads may be
 * created from here on; none runs before sched_start(). Return: nothing.
 */
void sched_init(void)
{
	struct thread *idle;

	kthread_init();
	idle = kthread_adopt_boot("idle");
	spin_lock(&rq.lock);
	list_add_tail(&idle->all_link, &rq.all_threads);
	rq.nr_threads++;
	idle->state = THREAD_RUNNING;
	rq.idle = idle;
	rq.current = idle;
	sched_current_thread = idle;
	spin_unlock(&rq.lock);
}

/**
 * sched_start() - start scheduling: the boot flow turns into the idle loop.
 *
 * Interrupts come on here for the first time, so the tick, and with it preemption, starts.
 * Whatever kmain() still has to do must be in a thread created before this call.
 * Context: boot, after sched_init(), interrupts off. Return: never.
 */
NORETURN void sched_start(void)
{
	pr_info("sched: round robin, %d ms slices; %d thread(s) ready\n",
		SCHED_SLICE_TICKS * 1000 / HZ, sched_nr_threads() - 1);
	idle_loop();
}

/**
 * sched_nr_switches() - context switches since boot, for tests and benchmarks.
 * Context: any. Return: the count (a snapshot).
 */
uint64_t sched_nr_switches(void)
{
	return READ_ONCE(rq.nr_switches);
}

/**
 * sched_idle_ticks() - timer ticks that interrupted the idle thread since boot (/proc/stat's
 * idle column, /proc/uptime's second figure). Every other tick found some thread busy.
 * Context: any. Return: the count (a snapshot).
 */
uint64_t sched_idle_ticks(void)
{
	return READ_ONCE(rq.idle_ticks);
}

/**
 * sched_nr_running() - threads that want the CPU: the RUNNABLE ones on the queue and the
 * RUNNING one unless it is idle (/proc/stat's procs_running; Linux: nr_running()).
 * Context: no spinlock at or above LOCK_RUNQUEUE held; takes rq.lock. Return: the count.
 */
int sched_nr_running(void)
{
	struct thread *t;
	int n;

	spin_lock(&rq.lock);
	n = rq.current && rq.current != rq.idle ? 1 : 0;
	list_for_each_entry(t, &rq.queue, run_link)
		n++;
	spin_unlock(&rq.lock);
	return n;
}

/**
 * sched_nr_threads() - threads that exist: idle, and dead ones not yet freed, included.
 * Context: any. Return: the count (a snapshot).
 */
int sched_nr_threads(void)
{
	return READ_ONCE(rq.nr_threads);
}

/**
 * sched_state_name() - @state as a word ("RUNNING"), for dumps and gdb.
 * Context: any. Return: a static string; "?" for an unknown state.
 */
const char *sched_state_name(enum thread_state state)
{
	static const char *const names[] = {
		[THREAD_RUNNABLE] = "RUNNABLE",
		[THREAD_RUNNING] = "RUNNING",
		[THREAD_SLEEPING] = "SLEEPING",
		[THREAD_STOPPED] = "STOPPED",
		[THREAD_TRACED] = "TRACED",
		[THREAD_DEAD] = "DEAD",
	};

	if ((unsigned int)state >= ARRAY_SIZE(names) || !names[state])
		return "?";
	return names[state];
}

/**
 * sched_dump() - log every thread: id, name, state.
 *
 * Usable from a panic: if this CPU already holds rq.lock (it panicked under it), the list is
 * walked without taking it again.
 * Context: any. Return: nothing.
 */
void sched_dump(void)
{
	bool take = !spin_is_held(&rq.lock);
	struct thread *t;

	if (take)
		spin_lock(&rq.lock);
	pr_notice("sched: %d threads, %llu switches\n", rq.nr_threads,
		  (unsigned long long)rq.nr_switches);
	list_for_each_entry(t, &rq.all_threads, all_link)
		pr_notice("  %4d %-16s %s%s\n", t->id, t->name, sched_state_name(t->state),
			  t == rq.current ? " (current)" : "");
	if (take)
		spin_unlock(&rq.lock);
}
