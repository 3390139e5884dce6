/* pid.c - struct pid: numbers for a thread in every pid namespace it is visible in.
 *
 * alloc_pid(ns) gives a new thread one number per level, innermost first (ns, then its
 * parent, ... up to the root), each from that namespace's cyclic allocator: after the number
 * last given it takes the next free one, wrapping at the namespace's pid_max (PID_MAX unless
 * /proc/sys/kernel/pid_max lowered it) to PID_WRAP (300, Linux's
 * RESERVED_PIDS) - or to 1 in a namespace that has not wrapped yet, so a new namespace's
 * first thread is 1, its init. A number stays taken while a thread holds it, and is skipped
 * while a process group or session is still named by it (the group outlives its leader).
 * Errors, as Linux: the thread's own namespace is dying (no longer `adding`) - ENOMEM; a
 * namespace has no free number - EAGAIN. A failure at any level gives back the levels done.
 *
 * free_pid_locked() gives the numbers back when the thread is reaped. It is the waker of
 * the teardown (DESIGN.md section 6, step 5): a dying namespace's init sleeps on
 * ns->reaper_wait until nr_pids is down to its own pids, and every free wakes it to look.
 * (The 2010 patch polled; Linux made it event-driven in 2012, and so do we.)
 *
 * Invariants: pid_nr_ns(pid, ns) != 0 iff ns is one of the pid's levels; a namespace's
 *   nr_pids is the number of its bits set.
 * Locking: tasklist_lock for the allocators and `freed`; the refcount is atomic.
 * Slab cache: "pid" (Linux sizes one cache per level; ours holds every level: 33 numbers).
 * See also: kernel/pid_namespace.c, kernel/process.c (lookups by number), kernel/fork.c.
 *   Linux: kernel/pid.c (alloc_pid, free_pid, put_pid, pid_nr_ns).
 */
#include "pid.h"
#include "err.h"
#include "panic.h"
#include "pid_namespace.h"
#include "process.h"
#include "sched.h"
#include "slab.h"
#include "uapi/errno.h"
#include "refcount.h"

#define PID_WRAP	300	/* where numbers start again after PID_MAX (Linux) */
#define PID_HASH_SIZE	256	/* buckets of the (namespace, number) hash */

static struct kmem_cache *pid_cache;	/* "pid" */

/* The pid hash: every allocated (namespace, number) -> its struct pid, for lookups that must
 * not take tasklist_lock - procfs looks /proc/<nr> up under vfs_dir_lock, which is taken
 * after tasklist_lock (Linux: the pid IDR, read under RCU). */
static struct spinlock pidmap_lock = SPINLOCK_INIT("pidmap", LOCK_PIDMAP);
static struct list_head pid_hash[PID_HASH_SIZE];	/* of struct upid, via chain */

static unsigned int pid_hashfn(pid_t nr, const struct pid_namespace *ns)
{
	return ((unsigned int)nr * 31u + (unsigned int)((uintptr_t)ns >> 6)) % PID_HASH_SIZE;
}

/**
 * pid_init() - the "pid" cache. Context: boot. Return: nothing; panics on failure.
 */
void pid_init(void)
{
	pid_cache = kmem_cache_create("pid", sizeof(struct pid), 8);
	if (!pid_cache)
		panic("pid: cannot create the pid cache");
	for (int i = 0; i < PID_HASH_SIZE; i++)
		list_init(&pid_hash[i]);
}

static bool nr_taken(const struct pid_namespace *ns, pid_t nr)
{
	return ns->bitmap[nr / 64] & (1ULL << (nr % 64));
}

/* alloc_nr_locked() - the next free number of @ns below its pid_max, cyclically. A pid_max
 * lowered under last_nr makes the next allocation wrap; numbers already given above it stay
 * valid until freed. Return: it, or 0 if full. */
static pid_t alloc_nr_locked(struct pid_namespace *ns)
{
	pid_t nr = ns->last_nr;
	int pid_max = ns->pid_max;	/* /proc/sys/kernel/pid_max: 301 .. PID_MAX */

	for (int tries = 0; tries < pid_max; tries++) {
		nr = nr + 1 >= pid_max ? (ns->last_nr ? PID_WRAP : 1) : nr + 1;
		if (nr_taken(ns, nr) || process_nr_names_group_locked(ns, nr))
			continue;
		ns->bitmap[nr / 64] |= 1ULL << (nr % 64);
		ns->last_nr = nr;
		ns->nr_pids++;
		return nr;
	}
	return 0;
}

/* free_nr_locked() - @nr of @ns may be given out again; a teardown waiting for the count to
 * drop looks again. */
static void free_nr_locked(struct pid_namespace *ns, pid_t nr)
{
	BUG_ON(nr <= 0 || nr >= PID_MAX || !nr_taken(ns, nr));
	ns->bitmap[nr / 64] &= ~(1ULL << (nr % 64));
	ns->nr_pids--;
	wake_up_all(&ns->reaper_wait);	/* zap_pid_ns_processes() step 5 */
}

/**
 * alloc_pid() - a struct pid with a number in @ns and in every namespace above it.
 * @ns: the new thread's own namespace (its parent's pid_ns_for_children, or a new one).
 *
 * Context: thread, tasklist_lock not held (taken here). Return: the pid (refcount 1), or
 * ERR_PTR(-ENOMEM) (no memory, or @ns is dying), ERR_PTR(-EAGAIN) (a namespace is full).
 */
struct pid *alloc_pid(struct pid_namespace *ns)
{
	struct pid *pid = kmem_cache_zalloc(pid_cache);
	struct pid_namespace *tmp;
	int err = -ENOMEM, i = ns->level;

	if (!pid)
		return ERR_PTR(-ENOMEM);
	pid->refcount = 1;
	pid->level = ns->level;
	spin_lock(&tasklist_lock);
	if (!ns->adding)
		goto out_undo;		/* "don't start children in a dying pid namespace" */
	err = -EAGAIN;
	for (tmp = ns, i = ns->level; tmp; tmp = tmp->parent, i--) {
		pid_t nr = alloc_nr_locked(tmp);

		if (!nr)
			goto out_undo;
		pid->numbers[i] = (struct upid){ .nr = nr, .ns = tmp };
	}
	spin_lock(&pidmap_lock);
	for (i = 0; i <= ns->level; i++)
		list_add(&pid->numbers[i].chain,
			 &pid_hash[pid_hashfn(pid->numbers[i].nr, pid->numbers[i].ns)]);
	spin_unlock(&pidmap_lock);
	spin_unlock(&tasklist_lock);
	get_pid_ns(ns);
	return pid;

out_undo:
	for (i = i + 1; i <= ns->level; i++)
		free_nr_locked(pid->numbers[i].ns, pid->numbers[i].nr);
	spin_unlock(&tasklist_lock);
	kmem_cache_free(pid_cache, pid);
	return ERR_PTR(err);
}

/**
 * free_pid_locked() - give @pid's numbers back, at every level: its thread was reaped. The
 * struct itself lives on while referenced (put_pid).
 * Context: tasklist_lock held. Return: nothing.
 */
void free_pid_locked(struct pid *pid)
{
	assert_held(&tasklist_lock);
	BUG_ON(pid->freed);
	pid->freed = true;
	spin_lock(&pidmap_lock);
	for (int i = 0; i <= pid->level; i++)
		list_del(&pid->numbers[i].chain);
	spin_unlock(&pidmap_lock);
	for (int i = 0; i <= pid->level; i++)
		free_nr_locked(pid->numbers[i].ns, pid->numbers[i].nr);
}

/**
 * find_get_pid_ns() - the struct pid numbered @nr in @ns, while its numbers are allocated.
 * @nr: a number (<= 0 finds nothing). @ns: the namespace it is in.
 *
 * Context: any thread; takes only pidmap_lock, so it may be called under vfs_dir_lock
 * (procfs lookups). Return: the pid with a reference (put_pid it), or NULL.
 */
struct pid *find_get_pid_ns(pid_t nr, struct pid_namespace *ns)
{
	struct upid *u;
	struct pid *found = NULL;

	if (nr <= 0)
		return NULL;
	spin_lock(&pidmap_lock);
	list_for_each_entry(u, &pid_hash[pid_hashfn(nr, ns)], chain) {
		if (u->nr == nr && u->ns == ns) {
			found = container_of(u, struct pid, numbers[ns->level]);
			get_pid(found);
			break;
		}
	}
	spin_unlock(&pidmap_lock);
	return found;
}

/**
 * get_pid() - one more reference on @pid's struct (NULL is allowed).
 * Context: any. Return: @pid.
 */
struct pid *get_pid(struct pid *pid)
{
	if (pid)
		ref_get(&pid->refcount, "pid");
	return pid;
}

/**
 * put_pid() - drop a reference; the last one frees the struct and drops its namespace.
 * @pid: a pid whose numbers were freed before its last reference goes (or NULL).
 * Context: thread, tasklist_lock not held (a namespace may be freed). Return: nothing.
 */
void put_pid(struct pid *pid)
{
	struct pid_namespace *ns;

	if (!pid || !ref_put(&pid->refcount, "pid"))
		return;
	BUG_ON(!pid->freed);
	ns = pid->numbers[pid->level].ns;
	kmem_cache_free(pid_cache, pid);
	put_pid_ns(ns);
}

/* nr_in_ns() and ns_of_thread() are the bodies of pid_nr_ns() and task_active_pid_ns(), in
 * line so that pid_vnr() - every getpid, getppid, gettid - makes no call of its own: under
 * QEMU's TCG each return costs a lookup (docs/performance.md). */
static inline pid_t nr_in_ns(const struct pid *pid, const struct pid_namespace *ns)
{
	if (!pid || !ns || ns->level > pid->level || pid->numbers[ns->level].ns != ns)
		return 0;
	return pid->numbers[ns->level].nr;
}

static inline struct pid_namespace *ns_of_thread(const struct thread *t)
{
	return t->pid ? pid_ns_of(t->pid) : &init_pid_ns;
}

/**
 * pid_nr_ns() - @pid's number in @ns.
 * Context: any. Return: the number, or 0 if @pid is not visible in @ns (or is NULL).
 */
pid_t pid_nr_ns(const struct pid *pid, const struct pid_namespace *ns)
{
	return nr_in_ns(pid, ns);
}

/**
 * task_active_pid_ns() - the namespace @t lives in: its own pid's innermost one. It never
 * changes (unshare and setns change only where children go). Kernel threads: the root.
 * Context: any. Return: the namespace.
 */
struct pid_namespace *task_active_pid_ns(const struct thread *t)
{
	return ns_of_thread(t);
}

/**
 * current_pid_ns() - the calling thread's namespace: the one user numbers are in.
 * Context: any thread. Return: the namespace.
 */
struct pid_namespace *current_pid_ns(void)
{
	return ns_of_thread(sched_current());
}

/**
 * pid_vnr() - @pid's number as the calling thread sees it ("virtual nr").
 * Context: any thread. Return: the number, 0 if invisible to the caller.
 */
pid_t pid_vnr(const struct pid *pid)
{
	return nr_in_ns(pid, ns_of_thread(sched_current()));
}
