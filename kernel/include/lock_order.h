/* lock_order.h - every spinlock's level, and the rule that keeps the kernel deadlock-free.
 *
 * Rule: a thread may take a lock only if every lock it already holds has a LOWER level.
 * spin_lock() checks this on every acquisition and panics on an inversion, naming both locks,
 * so an ordering bug shows up the first time the two locks meet, not as a rare deadlock.
 *
 * The order, outermost first (drawn as a tree: a lock may be taken under any of its ancestors):
 *
 *   LOCK_TEST_OUTER                 only the lock-order self-test uses the TEST levels
 *    └─ LOCK_TEST_INNER
 *   LOCK_WAIT_QUEUE                 a wait queue's own list of sleepers
 *    └─ LOCK_RUNQUEUE               the scheduler's run queue and thread states
 *        └─ LOCK_TIMER              the sleeping-until-a-tick list
 *   LOCK_SLAB_CACHES                the list of every slab cache
 *    └─ LOCK_SLAB                   one slab cache's lists
 *        └─ LOCK_FRAME              the physical frame bitmap
 *   LOCK_PRINTK                     the log ring; a leaf, so anyone may log under any lock
 *
 * Later subsystems slot their locks in between with the gaps left here. */
#ifndef REAPER_LOCK_ORDER_H
#define REAPER_LOCK_ORDER_H

enum lock_level {
	LOCK_TEST_OUTER = 10,
	LOCK_TEST_INNER = 20,
	LOCK_WAIT_QUEUE = 100,
	LOCK_RUNQUEUE = 110,
	LOCK_TIMER = 120,
	LOCK_SLAB_CACHES = 190,
	LOCK_SLAB = 200,
	LOCK_FRAME = 210,
	LOCK_PRINTK = 1000,
};

#endif
