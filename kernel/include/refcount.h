/* refcount.h - reference counts that check themselves.
 *
 * The kernel's objects with a lifetime (struct pid, pid_namespace, thread, inode, file, mount,
 * sighand) count their references in a plain int, changed atomically. A count that goes wrong
 * is a use-after-free waiting to happen, so every get and put goes through these two, which
 * panic instead of going on (DESIGN.md §11: the self-checks stay on):
 *   - ref_get() on a count <= 0: the object is being freed, or is gone;
 *   - ref_put() taking a count below 0: one put too many ("refcount underflow");
 *   - either on a count above REF_MAX: an overflow, or - far likelier - an object already
 *     freed, whose memory now holds the slab's poison 0x6b6b6b6b (slab.h): a get or put after
 *     the last put.
 * Each names the kind of object ("pid", "inode"...), which is what a student needs first.
 * The poison is found only if the count is not in the object's first 8 bytes, which a freed
 * object spends on the slab's free-list link: so no count is a struct's first field.
 * The panics are tested: ktest=refcount (kernel/ktest/ktest.c) puts a count once too often
 * and must panic with "refcount underflow" (tests/boots.txt, a negative control).
 * Counts whose 0 is a live state (a dentry's d_count while it sits on the LRU, a user page's
 * mapping count) keep their own checks in their files.
 * Linux: include/linux/refcount.h (which saturates and warns rather than panics). */
#ifndef REFCOUNT_H
#define REFCOUNT_H

#include <stdbool.h>
#include "panic.h"

#define REF_MAX	(1 << 24)	/* no object has this many users; poison is far above it */

/* ref_get() - one more reference on a live object of kind @what. Context: any. */
static inline void ref_get(int *count, const char *what)
{
	int old = __atomic_fetch_add(count, 1, __ATOMIC_RELAXED);

	if (old <= 0 || old >= REF_MAX)
		panic("refcount: get on a %s with count %d (%s)", what, old,
		      old <= 0 ? "already released" : "overflow, or freed memory");
}

/* ref_put() - drop a reference on an object of kind @what. Context: any.
 * Return: true if it was the last: the caller frees the object. */
static inline bool ref_put(int *count, const char *what)
{
	int old = __atomic_fetch_sub(count, 1, __ATOMIC_ACQ_REL);

	if (old <= 0 || old > REF_MAX)
		panic("refcount underflow: put on a %s with count %d%s", what, old,
		      old > REF_MAX ? " (freed memory?)" : "");
	return old == 1;
}

#endif
