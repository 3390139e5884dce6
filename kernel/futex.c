/* futex.c - futexes: sleep until a word of user memory changes, wake who sleeps on it.
 *
 * A lock in user space is a 32-bit word. Taking an uncontended lock is one atomic instruction
 * with no system call; only a thread that must wait asks the kernel, with FUTEX_WAIT(addr,
 * val): "sleep, but only if *addr still holds val". The unlocking thread changes the word and
 * calls FUTEX_WAKE(addr, n). The kernel never interprets the word; it only keeps, per address,
 * the list of sleepers. The check of *addr and the queueing happen under futex_lock, and a
 * waker takes the same lock, so a wake-up between a waiter's check and its sleep cannot be
 * lost: that is the whole trick.
 *
 * Keys: which sleepers does an address name? In a private mapping (the usual case, and every
 * FUTEX_PRIVATE_FLAG operation) the key is (mm, address): threads share the mm. In a
 * MAP_SHARED mapping two processes may use the same memory at different addresses, so the
 * key is the physical frame and offset. (Linux does the same, with the inode and page index
 * for file mappings; our only shared mappings between processes are MAP_SHARED|MAP_ANONYMOUS
 * inherited across fork, whose frames never move.)
 *
 * Operations: WAIT (relative timeout), WAIT_BITSET (absolute timeout, CLOCK_MONOTONIC unless
 * FUTEX_CLOCK_REALTIME; the bitset selects which WAKE_BITSETs reach it), WAKE, WAKE_BITSET,
 * REQUEUE and CMP_REQUEUE (wake some, move the rest to another address: condvar broadcast).
 * Errors: EAGAIN if the word differs, ETIMEDOUT, EINTR/ERESTARTSYS on a signal, EINVAL for a
 * bad op or an unaligned address, EFAULT for an unmapped one.
 *
 * One global list of waiters (Linux hashes them into buckets: an optimisation we skip; the
 * list is short on this machine).
 * Invariants: a waiter is on the list iff it has not been woken, timed out or interrupted;
 *   a woken waiter has woken == true and is off the list.
 * Locking: futex_lock (LOCK_FUTEX) protects the list and every waiter's fields; a waiter
 *   struct lives on its thread's stack and is off the list before the thread returns.
 * See also: kernel/exit.c (clear_child_tid wake), kernel/fork.c (CLONE_CHILD_CLEARTID).
 *   Linux: kernel/futex/ (core.c get_futex_key, waitwake.c, requeue.c).
 */
#include "futex.h"
#include "arch.h"
#include "exit.h"
#include "mm_space.h"
#include "pgtable.h"
#include "process.h"
#include "sched.h"
#include "signal.h"
#include "spinlock.h"
#include "syscalls.h"
#include "time.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/time.h"

struct futex_key {
	struct mm *mm;		/* private: the address space; NULL: shared, addr is physical */
	uint64_t addr;
};

struct futex_waiter {
	struct list_head link;	/* on waiters while waiting */
	struct futex_key key;
	uint32_t bitset;	/* FUTEX_BITSET_MATCH_ANY for plain WAIT */
	struct thread *t;
	bool woken;		/* set by the waker, under futex_lock */
};

static struct spinlock futex_lock = SPINLOCK_INIT("futex", LOCK_FUTEX);
static struct list_head waiters = LIST_HEAD_INIT(waiters);

/* get_key() - the key of @uaddr in the current process. The word is read once here, which
 * also faults its page in (so the read under the lock later finds it). */
static int get_key(uaddr_t uaddr, bool private, struct futex_key *key)
{
	struct mm *mm = current_process()->mm;
	struct vm_area *a;
	uint32_t val;

	if (uaddr & 3)
		return -EINVAL;
	if (copy_from_user(&val, uaddr, sizeof(val)))
		return -EFAULT;
	key->mm = mm;
	key->addr = uaddr;
	a = private ? NULL : mm_find_area(mm, uaddr);
	if (a && (a->flags & VMA_SHARED)) {
		key->mm = NULL;
		key->addr = pgtable_user_frame(mm_pgtable_root(mm), uaddr, NULL) + (uaddr & 0xfff);
	}
	return 0;
}

static bool key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->mm == b->mm && a->addr == b->addr;
}

/* queue_locked() - check *@uaddr == @val and, if so, queue @w and mark us sleeping. */
static int queue_locked(struct futex_waiter *w, uaddr_t uaddr, uint32_t val)
{
	uint32_t cur;

	assert_held(&futex_lock);
	if (copy_from_user(&cur, uaddr, sizeof(cur)))
		return -EFAULT;
	if (cur != val)
		return -EAGAIN;
	list_add_tail(&w->link, &waiters);
	sched_set_current_state(THREAD_SLEEPING);
	return 0;
}

/* wait_result_locked() - after a wake-up: done (0), or why not, taking @w off the list.
 * Return: 0 woken, 1 spurious (sleep again, SLEEPING set), or -errno. */
static int wait_result_locked(struct futex_waiter *w, uint64_t deadline)
{
	assert_held(&futex_lock);
	if (w->woken)
		return 0;
	if (exit_thread_is_dying()) {
		list_del(&w->link);
		return deadline ? -EINTR : -ERESTARTSYS;
	}
	if (deadline && READ_ONCE(jiffies) >= deadline) {
		list_del(&w->link);
		return -ETIMEDOUT;
	}
	sched_set_current_state(THREAD_SLEEPING);
	return 1;
}

/* futex_wait() - sleep on @uaddr while it holds @val, until woken, @deadline (jiffies, 0 =
 * none) or a signal. */
static long futex_wait(uaddr_t uaddr, bool private, uint32_t val, uint64_t deadline,
		       uint32_t bitset)
{
	struct futex_waiter w = { .bitset = bitset, .t = sched_current() };
	int err = get_key(uaddr, private, &w.key);

	if (err)
		return err;
	if (!bitset)
		return -EINVAL;
	spin_lock(&futex_lock);
	err = queue_locked(&w, uaddr, val);
	while (!err) {
		spin_unlock(&futex_lock);
		if (deadline)
			schedule_until(deadline);
		else
			schedule();
		spin_lock(&futex_lock);
		err = wait_result_locked(&w, deadline);
		if (err != 1)
			break;
		err = 0;	/* spurious: sleep again */
	}
	spin_unlock(&futex_lock);
	return err;
}

/* wake_locked() - wake up to @nr waiters on @key whose bitset meets @bitset. */
static int wake_locked(const struct futex_key *key, int nr, uint32_t bitset)
{
	struct futex_waiter *w, *next;
	int woken = 0;

	assert_held(&futex_lock);
	list_for_each_entry_safe(w, next, &waiters, link) {
		if (woken >= nr)
			break;
		if (!key_eq(&w->key, key) || !(w->bitset & bitset))
			continue;
		list_del(&w->link);
		w->woken = true;
		sched_wake(w->t);
		woken++;
	}
	return woken;
}

/* futex_wake() - FUTEX_WAKE(_BITSET). Return: how many were woken, or -errno. */
static long futex_wake(uaddr_t uaddr, bool private, int nr, uint32_t bitset)
{
	struct futex_key key;
	int err = get_key(uaddr, private, &key);

	if (err)
		return err;
	if (!bitset)
		return -EINVAL;
	spin_lock(&futex_lock);
	err = wake_locked(&key, nr, bitset);
	spin_unlock(&futex_lock);
	return err;
}

/**
 * futex_wake_address() - wake up to @nr waiters on the word at @uaddr (shared key rules), as
 * a thread's exit does for its clear_child_tid word.
 * Context: a user thread with its mm, no locks held. Return: how many woke, or -errno.
 */
int futex_wake_address(uaddr_t uaddr, int nr)
{
	return (int)futex_wake(uaddr, false, nr, FUTEX_BITSET_MATCH_ANY);
}

/* requeue_locked() - move up to @nr waiters from @from to @to. */
static int requeue_locked(const struct futex_key *from, const struct futex_key *to, int nr)
{
	struct futex_waiter *w;
	int moved = 0;

	list_for_each_entry(w, &waiters, link) {
		if (moved >= nr)
			break;
		if (key_eq(&w->key, from)) {
			w->key = *to;
			moved++;
		}
	}
	return moved;
}

/* futex_requeue() - wake @nr_wake on @uaddr, move up to @nr_requeue to @uaddr2; with @cmp,
 * only if *@uaddr still holds @val3. Return: woken + moved, or -errno. */
static long futex_requeue(uaddr_t uaddr, uaddr_t uaddr2, bool private, int nr_wake,
			  int nr_requeue, bool cmp, uint32_t val3)
{
	struct futex_key k1, k2;
	uint32_t cur;
	long ret;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	ret = get_key(uaddr, private, &k1);
	if (!ret)
		ret = get_key(uaddr2, private, &k2);
	if (ret)
		return ret;
	spin_lock(&futex_lock);
	if (cmp && (copy_from_user(&cur, uaddr, sizeof(cur)) || cur != val3)) {
		spin_unlock(&futex_lock);
		return copy_from_user(&cur, uaddr, sizeof(cur)) ? -EFAULT : -EAGAIN;
	}
	ret = wake_locked(&k1, nr_wake, FUTEX_BITSET_MATCH_ANY);
	ret += requeue_locked(&k1, &k2, nr_requeue);
	spin_unlock(&futex_lock);
	return ret;
}

/* timeout_deadline() - the jiffies deadline of the user timespec at @uts: relative for
 * WAIT, absolute on CLOCK_MONOTONIC (or REALTIME) for WAIT_BITSET. 0: no timeout. */
static int timeout_deadline(uaddr_t uts, bool absolute, bool realtime, uint64_t *deadline)
{
	struct timespec ts;
	uint64_t ns, now = time_ns();

	*deadline = 0;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (long)NSEC_PER_SEC)
		return -EINVAL;
	ns = (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
	if (absolute && realtime)
		now += arch_boot_epoch_seconds() * NSEC_PER_SEC;
	if (absolute)
		ns = ns > now ? ns - now : 0;
	*deadline = time_deadline_after_ms((ns + NSEC_PER_MSEC - 1) / NSEC_PER_MSEC);
	return 0;
}

/* do_futex() - the operations (header comment). @utimeout is val2 for the requeues. */
static long do_futex(uaddr_t uaddr, int op, uint32_t val, uaddr_t utimeout, uaddr_t uaddr2,
		     uint32_t val3)
{
	bool private = op & FUTEX_PRIVATE_FLAG, realtime = op & FUTEX_CLOCK_REALTIME;
	int cmd = op & FUTEX_CMD_MASK;
	uint64_t deadline;
	int err;

	if (realtime && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT)
		return -ENOSYS;	/* Linux's answer for CLOCK_REALTIME on other ops */
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET:
		err = timeout_deadline(utimeout, cmd == FUTEX_WAIT_BITSET, realtime, &deadline);
		if (err)
			return err;
		return futex_wait(uaddr, private, val, deadline,
				  cmd == FUTEX_WAIT ? FUTEX_BITSET_MATCH_ANY : val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, private, (int)val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, private, (int)val, val3);
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, uaddr2, private, (int)val, (int)utimeout,
				     cmd == FUTEX_CMP_REQUEUE, val3);
	default:
		return -ENOSYS;	/* Linux: ENOSYS for an unknown command */
	}
}

/* futex(uint32_t *uaddr, int op, uint32_t val, const struct timespec *timeout or val2,
 *       uint32_t *uaddr2, uint32_t val3) */
long sys_futex(const struct syscall_args *a)
{
	return do_futex(a->arg[0], (int)a->arg[1], (uint32_t)a->arg[2], a->arg[3], a->arg[4],
			(uint32_t)a->arg[5]);
}
