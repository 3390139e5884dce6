/* sched_test.h - the scheduler's negative control (kernel/ktest/sched_test.c).
 * `ktest=lockorder` calls sched_test_lock_inversion(), which takes two locks against the order
 * of lock_order.h; the lock-order check must panic with "lock order". */
#ifndef REAPER_SCHED_TEST_H
#define REAPER_SCHED_TEST_H

void sched_test_lock_inversion(void);

#endif
