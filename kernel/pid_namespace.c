/* pid_namespace.c - nested pid namespaces: creation, references, and the teardown that lets
 * no zombie escape (zap_pid_ns_processes, the subject of this kernel).
 *
 * A namespace is made by clone(CLONE_NEWPID) or, for the caller's next child, by
 * unshare(CLONE_NEWPID) (kernel/fork.c); its first thread is number 1, its init and
 * child_reaper: orphans inside it are reparented to it (kernel/exit.c), and it is protected
 * from signals its members send (kernel/signal.c). When its init's last thread exits, the
 * namespace dies with it: zap_pid_ns_processes() below, run by that thread inside do_exit().
 *
 * The invariant the teardown delivers (Linux's, from the 2010 patch "pidns: Fix wait for
 * zombies to be reaped in zap_pid_ns_processes v2"): when wait() returns a namespace's init,
 * no task that ever had a number in that namespace exists any more. The five steps and the
 * constraint of the patch each serves are in the function (the constraints, as patch.txt
 * numbers them: 1 - reaping pid 1 must mean every task of the namespace is reaped; 2 - each
 * reaped task's /proc entries are flushed; 3 - a proc mount holds its namespace; 4 - the
 * namespace needs its proc mount until its last task is flushed, so pid 1 must go last;
 * 5 - no cost on the fork/exec/wait fast paths). The teaching toggle
 * pidns.zap=legacy (read at boot, logged) leaves out step 5, which brings back the bug the
 * patch fixed: init can be reaped while a member is still a zombie held by a tracer outside
 * (user/pidns-demo.c shows it; the escape_ cases of the pidns suite catch it).
 *
 * Locking: tasklist_lock for the namespace's allocator fields and child_reaper; reaper_wait
 *   has its own lock; the refcount is atomic.
 * Slab cache: "pid_namespace"; the number bitmap of each namespace (4 KiB) is kmalloc'd.
 * See also: kernel/pid.c (numbers, free_pid wakes step 5), kernel/exit.c (who calls the
 *   teardown), kernel/wait.c (step 4), DESIGN.md section 6, the reference's section 1.
 *   Linux: kernel/pid_namespace.c (create_pid_namespace, zap_pid_ns_processes,
 *   reboot_pid_ns), kernel/exit.c (find_child_reaper).
 */
#include "pid_namespace.h"
#include "cmdline.h"
#include "err.h"
#include "exit.h"
#include "kmalloc.h"
#include "panic.h"
#include "printk.h"
#include "process.h"
#include "sched.h"
#include "signal.h"
#include "slab.h"
#include "string.h"
#include "wait.h"
#include "uapi/errno.h"
#include "uapi/reboot.h"
#include "refcount.h"

#define PIDNS_BITMAP_BYTES	(PID_MAX / 8)
#define INIT_PID_NS_INUM	0xeffffffcU	/* 4026531836, as Linux's init_pid_ns */

static uint64_t init_bitmap[PID_MAX / 64];
static struct kmem_cache *pidns_cache;		/* "pid_namespace" */
static unsigned int next_inum = INIT_PID_NS_INUM + 1;
static bool zap_legacy;				/* pidns.zap=legacy */

struct pid_namespace init_pid_ns = {
	.refcount = 1,		/* never freed */
	.level = 0,
	.inum = INIT_PID_NS_INUM,
	.bitmap = init_bitmap,
	.pid_max = PID_MAX,
	.adding = true,
	.proc_sbs = LIST_HEAD_INIT(init_pid_ns.proc_sbs),
};

/**
 * pidns_init() - the caches, and the teaching toggle pidns.zap=legacy.
 * Context: boot, after the slab allocator. Return: nothing; panics on failure.
 */
void pidns_init(void)
{
	const char *zap = cmdline_get("pidns.zap");

	pid_init();
	wait_queue_init(&init_pid_ns.reaper_wait, "pidns");
	pidns_cache = kmem_cache_create("pid_namespace", sizeof(struct pid_namespace), 64);
	if (!pidns_cache)
		panic("pidns: cannot create the pid_namespace cache");
	zap_legacy = zap && strcmp(zap, "legacy") == 0;
	if (zap_legacy)
		pr_warn("pidns: pidns.zap=legacy: the pre-2010 teardown, zombies CAN escape\n");
	else if (zap)
		pr_warn("pidns: pidns.zap=%s not understood: the fixed teardown\n", zap);
}

/**
 * pidns_zap_legacy() - is the teaching toggle pidns.zap=legacy on?
 * Context: any. Return: true if so.
 */
bool pidns_zap_legacy(void)
{
	return zap_legacy;
}

/**
 * get_pid_ns() - one more reference on @ns. Context: any. Return: @ns.
 */
struct pid_namespace *get_pid_ns(struct pid_namespace *ns)
{
	ref_get(&ns->refcount, "pid_namespace");
	return ns;
}

/**
 * put_pid_ns() - drop a reference on @ns; the last one frees it and drops its parent.
 * Context: thread, no spinlock held. Return: nothing.
 */
void put_pid_ns(struct pid_namespace *ns)
{
	while (ns && ref_put(&ns->refcount, "pid_namespace")) {
		struct pid_namespace *parent = ns->parent;

		BUG_ON(ns == &init_pid_ns);	/* its own reference (.refcount = 1) is never put */
		BUG_ON(ns->nr_pids != 0);
		kfree(ns->bitmap);
		kmem_cache_free(pidns_cache, ns);
		ns = parent;
	}
}

/**
 * pidns_create() - a new namespace one level below @parent, empty and open for numbers.
 * Context: thread. Return: it (one reference), or ERR_PTR(-ENOSPC) (32 levels below the
 * root already, as Linux), ERR_PTR(-ENOMEM).
 */
struct pid_namespace *pidns_create(struct pid_namespace *parent)
{
	struct pid_namespace *ns;

	if (parent->level >= PIDNS_MAX_LEVEL)
		return ERR_PTR(-ENOSPC);
	ns = kmem_cache_zalloc(pidns_cache);
	if (!ns)
		return ERR_PTR(-ENOMEM);
	ns->bitmap = kmalloc(PIDNS_BITMAP_BYTES);
	if (!ns->bitmap) {
		kmem_cache_free(pidns_cache, ns);
		return ERR_PTR(-ENOMEM);
	}
	memset(ns->bitmap, 0, PIDNS_BITMAP_BYTES);
	ns->refcount = 1;
	ns->parent = get_pid_ns(parent);
	ns->level = parent->level + 1;
	ns->inum = __atomic_fetch_add(&next_inum, 1, __ATOMIC_RELAXED);
	/* Not the parent's pid_max but the most there can be, as Linux 6.14+ (a new namespace
	 * reads PID_MAX_LIMIT there): the parent's limit still binds, because every new pid
	 * takes a number in the parent too. */
	ns->pid_max = PID_MAX;
	ns->adding = true;
	wait_queue_init(&ns->reaper_wait, "pidns");
	list_init(&ns->proc_sbs);
	return ns;
}

/**
 * pidns_is_ancestor() - is @ancestor @ns itself or one of the namespaces above it?
 * Context: any. Return: true if so.
 */
bool pidns_is_ancestor(const struct pid_namespace *ancestor, const struct pid_namespace *ns)
{
	for (; ns; ns = ns->parent)
		if (ns == ancestor)
			return true;
	return false;
}

/**
 * pidns_is_init() - is @p the init (number 1) of its own namespace - the root's or any?
 * Context: any. Return: true if so.
 */
bool pidns_is_init(const struct process *p)
{
	return p->pid && pid_nr_ns(p->pid, pid_ns_of(p->pid)) == 1;
}

/* ---- the teardown ----------------------------------------------------------------------- */

/* Step 1: no new number in @ns from now on; fork into it gives ENOMEM (alloc_pid). Linux:
 * disable_pid_allocation. (Not in the 2010 patch; added in 2012 so that no task can slip in
 * behind the SIGKILLs of step 3 - constraint 1.) fork.c re-checks `adding` under the lock when it links a
 * child, which closes the race with a fork that allocated its number just before. */
static void disable_pid_allocation(struct pid_namespace *ns)
{
	spin_lock(&tasklist_lock);
	ns->adding = false;
	spin_unlock(&tasklist_lock);
}

/* Step 2: init ignores SIGCHLD, so a child that becomes a zombie from now on - killed in step
 * 3, or handed back to init later by a tracer or an outside parent that goes away - is
 * released at once (auto-reap) instead of waiting for a wait() that nobody will call; so
 * step 5 can end (constraint 1). */
static void ignore_sigchld(struct process *init)
{
	spin_lock(&init->sighand->lock);
	init->sighand->action[SIGCHLD - 1].handler = SIG_IGN;
	init->sighand->action[SIGCHLD - 1].flags = 0;
	spin_unlock(&init->sighand->lock);
}

struct zap_scan {
	struct pid_namespace *ns;
	struct process *init;
};

/* kill_one_locked() - process_for_each_locked() callback of step 3. */
static bool kill_one_locked(struct process *p, void *arg)
{
	struct zap_scan *scan = arg;

	if (p == scan->init || p->exit_state || p->group_exit || p->live == 0)
		return false;	/* already dying: nothing to add */
	if (pid_nr_ns(p->pid, scan->ns) != 0)
		signal_kill_forced_locked(p);
	return false;
}

/* Step 3: SIGKILL every process that has a number in @ns - which includes every process of
 * every namespace below it. The signal is the kernel's (forced), so it gets through the
 * protection of nested inits, which then tear their own namespaces down (recursion: the
 * teardown is bottom-up, constraint 1 for every level). */
static void kill_every_member(struct pid_namespace *ns, struct process *init)
{
	struct zap_scan scan = { .ns = ns, .init = init };

	spin_lock(&tasklist_lock);
	process_for_each_locked(kill_one_locked, &scan);
	spin_unlock(&tasklist_lock);
}

/* Step 5's condition: only the reaper's own pids are left in @ns. */
static bool only_reaper_left(struct pid_namespace *ns, int init_pids)
{
	return READ_ONCE(ns->nr_pids) == init_pids;
}

/**
 * zap_pid_ns_processes() - tear down @ns: kill every task in it and wait until each one is
 * gone. Run by the last live thread of the namespace's init, inside do_exit(), after its mm
 * and files are gone and before it becomes a zombie - so its parent cannot reap it before
 * this returns (the patch's constraint 1: reaping pid 1 must mean the namespace is empty).
 * @ns: the caller's namespace; the caller is its init's last live thread, leader or not.
 *
 * Context: the exiting thread, no locks held; sleeps, possibly for long (a tracer or an
 * outside parent decides when the last member is reaped). Return: when only the caller's
 * own pids are left in @ns (or, with pidns.zap=legacy, when step 4 is done).
 */
void zap_pid_ns_processes(struct pid_namespace *ns)
{
	struct thread *me = sched_current();
	struct process *init = me->proc;
	/* The pids of init still allocated at the end: the caller's own, and the zombie
	 * leader's too when the caller is another thread (the "non-leader" of the patch). */
	int init_pids = me->pid == init->pid ? 1 : 2;

	disable_pid_allocation(ns);		/* 1. close the namespace */
	ignore_sigchld(init);			/* 2. auto-reap from now on */
	kill_every_member(ns, init);		/* 3. SIGKILL everyone, nested namespaces too */
	wait_reap_children();			/* 4. reap own children until ECHILD */
	if (!zap_legacy) {
		/* 5. Wait until every other pid of the namespace has been freed. Step 4 cannot
		 * see a zombie held by a tracer outside, a member whose parent is outside, a
		 * task being released elsewhere, or a nested namespace still tearing down;
		 * without this step init could be reaped while they exist (the 2010 bug:
		 * constraints 1 and 4 - every task is reaped, and flushed from /proc, before
		 * pid 1). free_pid_locked() wakes us at each free: no polling, and nothing on
		 * the fast paths but one counter per level in alloc/free (constraint 5). */
		wait_event(&ns->reaper_wait, only_reaper_left(ns, init_pids));
	}
	if (ns->reboot)				/* reboot() inside: its signal is init's fate */
		init->exit_code = EXIT_STATUS_SIGNAL(ns->reboot);
}

/**
 * pidns_reboot() - reboot(@cmd) called inside a namespace that is not the root's: the
 * machine is not touched; the namespace's init is killed, and its parent will see it die of
 * SIGHUP (restart) or SIGINT (halt, power off). The caller exits (Linux: reboot_pid_ns).
 * @cmd: LINUX_REBOOT_CMD_*.
 *
 * Context: a user thread, no locks held. Return: -EINVAL for another command; else never.
 */
int pidns_reboot(int cmd)
{
	struct pid_namespace *ns = current_pid_ns();
	int sig;

	switch ((unsigned int)cmd) {
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		sig = SIGHUP;
		break;
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_POWER_OFF:
		sig = SIGINT;
		break;
	default:
		return -EINVAL;
	}
	spin_lock(&tasklist_lock);
	ns->reboot = sig;
	if (ns->child_reaper && !ns->child_reaper->exit_state)
		signal_kill_forced_locked(ns->child_reaper);
	spin_unlock(&tasklist_lock);
	do_exit(EXIT_STATUS_CODE(0));
}
