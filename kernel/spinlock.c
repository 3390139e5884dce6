/* spinlock.c - spinlocks that disable interrupts and enforce the lock order.
 *
 * One CPU for now, so a lock is never contended by another CPU; it still matters because it
 * disables interrupts (the timer cannot preempt a holder) and because the order checks make the
 * kernel ready for SMP. Each CPU keeps a stack of the locks it holds, with the interrupt state
 * saved when each was taken.
 *
 * Invariants: the levels on the held stack strictly increase from bottom to top; a lock is on
 *   at most one CPU's stack; interrupts are off while the stack is non-empty.
 * Locking: the held stack is per CPU and touched only with interrupts off.
 * See also: kernel/include/lock_order.h (the levels), kernel/wait_queue.c (sleeping instead of
 *   spinning). Linux: kernel/locking/spinlock.c and lockdep, which this imitates in miniature.
 */
#include "spinlock.h"
#include "arch.h"
#include "panic.h"

struct held_lock {
	struct spinlock *lock;
	unsigned long irq_flags;	/* interrupt state before this lock was taken */
};

/* This CPU's held locks, innermost last. (One CPU: a plain static; SMP makes it per CPU.) */
static struct held_lock held[SPIN_MAX_HELD];
static int nr_held;

void spin_init(struct spinlock *lock, const char *name, int level)
{
	lock->locked = 0;
	lock->name = name;
	lock->level = level;
}

/* check_order() - panic unless @lock may be taken now: every held lock has a lower level. */
static ALWAYS_INLINE void check_order(const struct spinlock *lock)
{
	const struct spinlock *top;

	if (nr_held == 0)
		return;
	top = held[nr_held - 1].lock;
	if (top == lock)
		panic("spinlock: recursive acquisition of %s", lock->name);
	if (top->level >= lock->level)
		panic("lock order: taking %s (level %d) while holding %s (level %d)",
		      lock->name, lock->level, top->name, top->level);
	if (nr_held == SPIN_MAX_HELD)
		panic("spinlock: more than %d locks held, taking %s", SPIN_MAX_HELD, lock->name);
}

/**
 * spin_lock() - disable interrupts and take @lock.
 * @lock: an initialised spinlock whose level is above every lock this CPU holds.
 *
 * Context: any, including interrupt handlers. Does not sleep.
 * Return: nothing; panics on a lock-order inversion or a recursive acquisition.
 */
void spin_lock(struct spinlock *lock)
{
	unsigned long flags = arch_irq_save();

	check_order(lock);
	while (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		arch_cpu_relax();
	held[nr_held].lock = lock;
	held[nr_held].irq_flags = flags;
	nr_held++;
}

/**
 * spin_unlock() - release @lock and restore the interrupt state from before spin_lock().
 * @lock: held by this CPU. Locks may be released in any order; the interrupt state restored is
 *        the one saved for this lock, so interrupts come back on only with the outermost lock.
 *
 * Context: holds @lock. Return: nothing; panics if @lock is not held here.
 */
void spin_unlock(struct spinlock *lock)
{
	unsigned long flags = 0;
	int i;

	for (i = nr_held - 1; i >= 0 && held[i].lock != lock; i--)
		;
	if (i < 0)
		panic("spinlock: releasing %s, which this CPU does not hold", lock->name);
	flags = held[i].irq_flags;
	/* Out-of-order release: the inner lock inherits the outer's saved state so the
	 * outermost release still restores what the CPU had before any lock. */
	if (i + 1 < nr_held)
		held[i + 1].irq_flags = flags, flags = 0;
	for (; i + 1 < nr_held; i++)
		held[i] = held[i + 1];
	nr_held--;
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
	arch_irq_restore(flags);
}

/* spin_is_held() - true if this CPU holds @lock (for assert_held). */
bool spin_is_held(const struct spinlock *lock)
{
	for (int i = 0; i < nr_held; i++)
		if (held[i].lock == lock)
			return true;
	return false;
}

/* spin_held_count() - how many locks this CPU holds; the scheduler refuses to switch if any. */
int spin_held_count(void)
{
	return nr_held;
}
