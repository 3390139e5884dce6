/* spinlock.h - mutual exclusion for short critical sections, with lock-order checking.
 * Taking a spinlock disables interrupts on this CPU (so an interrupt handler can never spin on
 * a lock its own CPU holds) and records the lock on this CPU's held-lock stack; releasing
 * restores the interrupt state saved at acquisition. A holder must not sleep.
 * Every lock has a level from lock_order.h; see kernel/spinlock.c. Linux: spin_lock_irqsave. */
#ifndef REAPER_SPINLOCK_H
#define REAPER_SPINLOCK_H

#include "compiler.h"
#include "lock_order.h"
#include "panic.h"

struct spinlock {
	volatile int locked;	/* 1 while held */
	int level;		/* enum lock_level */
	const char *name;	/* for lock-order and deadlock reports */
};

#define SPINLOCK_INIT(lock_name, lock_level) \
	{ .locked = 0, .level = (lock_level), .name = (lock_name) }

#define SPIN_MAX_HELD	8	/* deepest nesting of held locks on one CPU */

void spin_init(struct spinlock *lock, const char *name, int level);
void spin_lock(struct spinlock *lock);
void spin_unlock(struct spinlock *lock);
bool spin_is_held(const struct spinlock *lock);
int spin_held_count(void);

/* assert_held() - the function's caller must hold @lock (STYLE.md: functions that need a lock
 * start with this). */
#define assert_held(lock)                                                          \
	do {                                                                        \
		if (!spin_is_held(lock))                                            \
			panic("%s:%d: %s not held", __FILE__, __LINE__, (lock)->name); \
	} while (0)

#endif
