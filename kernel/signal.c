/* signal.c - the signal state of processes and threads: creation, inheritance, release, and
 * the questions the rest of the kernel asks about it.
 *
 * A signal is a small number (1..64) that says "something happened" to a process or a thread.
 * What happens then is its disposition, one struct kernel_sigaction per signal in the
 * process's struct sighand: the default action (SIG_DFL: terminate, dump core, stop,
 * continue or ignore - signal_default_action()), SIG_IGN, or a handler in user space. Until
 * it is delivered a signal is pending: a bit in a set plus its siginfo in a queue
 * (struct sigpending), either the process's shared set (kill) or one thread's (tkill, faults).
 * Each thread blocks a mask of signals; a blocked signal stays pending.
 *
 * This file holds the lifetime of that state (fork: copy or share the handlers, the new thread
 * inherits the creator's mask, pending sets start empty; exec: handled signals go back to
 * SIG_DFL; exit: queued siginfo is freed) and the queries. Sending is signal_send.c, delivery
 * signal_deliver.c, the system calls signal_syscalls.c, the frame arch/x86_64/signal.c.
 *
 * Invariants: a sigpending's list holds one entry per queued signal, and only signals whose
 *   bit is set; SIGKILL and SIGSTOP are never blocked and always SIG_DFL.
 * Locking: sighand->lock (LOCK_SIGHAND) protects the handlers and every pending set, mask and
 *   stop flag of the processes sharing it (lock_order.h: inside tasklist_lock, outside the
 *   scheduler's locks, so waking a thread under it is allowed).
 * See also: kernel/include/signal.h, DESIGN.md section 4. Linux: kernel/signal.c,
 *   kernel/fork.c (copy_sighand, copy_signal), fs/exec.c (flush_signal_handlers).
 */
#include "signal.h"
#include "kmalloc.h"
#include "pid.h"
#include "process.h"
#include "sched.h"
#include "slab.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/sched.h"
#include "refcount.h"

static struct kmem_cache *sighand_cache;	/* "sighand_cache", as in Linux */

/* sigpending_init() / sigpending_flush() - an empty set; empty it, freeing its queue. */
static void sigpending_init(struct sigpending *sp)
{
	sp->signal = 0;
	list_init(&sp->list);
}

static int sigpending_flush(struct sigpending *sp)
{
	struct sigqueue *q, *tmp;
	int n = 0;

	list_for_each_entry_safe(q, tmp, &sp->list, link) {
		list_del(&q->link);
		kfree(q);
		n++;
	}
	sp->signal = 0;
	return n;
}

/* sighand_alloc() - a struct sighand with one reference, copying @from's actions (or all
 * SIG_DFL if @from is NULL). Return: it, or NULL if out of memory. */
static struct sighand *sighand_alloc(struct sighand *from)
{
	struct sighand *sh;

	if (!sighand_cache)	/* first use: init's start at boot, no race */
		sighand_cache = kmem_cache_create("sighand_cache", sizeof(*sh), 64);
	sh = sighand_cache ? kmem_cache_zalloc(sighand_cache) : NULL;
	if (!sh)
		return NULL;
	spin_init(&sh->lock, "sighand", LOCK_SIGHAND);
	sh->refcount = 1;
	if (from) {
		spin_lock(&from->lock);
		memcpy(sh->action, from->action, sizeof(sh->action));
		spin_unlock(&from->lock);
	}
	return sh;
}

static void sighand_put(struct sighand *sh)
{
	bool last;

	spin_lock(&sh->lock);
	last = ref_put(&sh->refcount, "sighand");
	spin_unlock(&sh->lock);
	if (last)
		kmem_cache_free(sighand_cache, sh);
}

/* process_signal_init() - @child's per-process state: nothing pending, not stopped, no
 * timer; the controlling tty is inherited from @parent (NULL for init). */
static void process_signal_init(struct process *child, struct process *parent)
{
	memset(&child->sig, 0, sizeof(child->sig));
	sigpending_init(&child->sig.shared_pending);
	list_init(&child->sig.itimer_link);
	if (parent)
		child->sig.tty = parent->sig.tty;
}

/**
 * signal_fork() - give a new process its signal state.
 * @child: the new process, not yet visible to anyone.
 * @parent: the creating process, or NULL for the first process (all SIG_DFL).
 * @clone_flags: CLONE_SIGHAND shares @parent's handlers (refcounted); otherwise they are
 *	copied. CLONE_THREAD does not come here: a thread joins its process's state.
 *
 * Pending sets start empty, the group is not stopped, ITIMER_REAL is disarmed (as Linux's
 * fork). The new thread's own state is signal_thread_init()'s job.
 * Context: thread, no spinlock held; allocates. Return: 0 or -ENOMEM.
 */
int signal_fork(struct process *child, struct process *parent, unsigned long clone_flags)
{
	if (parent && (clone_flags & CLONE_SIGHAND)) {
		spin_lock(&parent->sighand->lock);
		ref_get(&parent->sighand->refcount, "sighand");
		spin_unlock(&parent->sighand->lock);
		child->sighand = parent->sighand;
	} else {
		child->sighand = sighand_alloc(parent ? parent->sighand : NULL);
		if (!child->sighand)
			return -ENOMEM;
	}
	process_signal_init(child, parent);
	return 0;
}

/**
 * signal_thread_init() - a new thread's signal state: nothing pending, the blocked mask of
 * the thread that created it (none for init), no alternate stack unless @creator's is
 * inherited by a fork (same address space layout); nothing to restart.
 * @t: the new thread, not yet running.
 * @creator: the thread calling fork/clone, or NULL.
 *
 * Context: thread. Return: nothing.
 */
void signal_thread_init(struct thread *t, const struct thread *creator)
{
	memset(&t->sig, 0, sizeof(t->sig));
	sigpending_init(&t->sig.pending);
	if (creator) {
		t->sig.blocked = creator->sig.blocked;
		t->sig.altstack = creator->sig.altstack;
	}
}

/**
 * signal_exit() - free what is still queued for @t, which is exiting.
 * @t: the exiting thread (the current one); its process still exists.
 *
 * Context: thread, no spinlock held. Return: nothing.
 */
void signal_exit(struct thread *t)
{
	struct process *p = t->proc;
	int n;

	if (!p || !p->sighand)
		return;
	spin_lock(&p->sighand->lock);
	n = sigpending_flush(&t->sig.pending);
	p->sig.nr_queued -= n;
	t->sig.exited = true;	/* a later tkill to the zombie thread must not queue (send_locked) */
	spin_unlock(&p->sighand->lock);
}

/**
 * signal_process_release() - drop a process's signal state: its shared queue, its timer, its
 * reference on the handlers.
 * @p: a process whose threads are gone (reaped, or a failed fork).
 *
 * Context: thread, no spinlock held. Return: nothing.
 */
void signal_process_release(struct process *p)
{
	if (!p->sighand)
		return;
	itimer_process_exit(p);
	spin_lock(&p->sighand->lock);
	sigpending_flush(&p->sig.shared_pending);
	p->sig.nr_queued = 0;
	spin_unlock(&p->sighand->lock);
	sighand_put(p->sighand);
	p->sighand = NULL;
}

/* reset_handled_locked() - exec: a handler cannot survive its program; SIG_IGN does. */
static void reset_handled_locked(struct sighand *sh)
{
	assert_held(&sh->lock);
	for (int i = 0; i < NSIG; i++) {
		struct kernel_sigaction *ka = &sh->action[i];

		if (ka->handler != SIG_IGN)
			ka->handler = SIG_DFL;
		ka->flags = 0;
		ka->restorer = 0;
		ka->mask = 0;
	}
}

/**
 * signal_exec() - execve's part: handlers back to SIG_DFL (ignored signals stay ignored,
 * pending signals and the blocked mask survive, as POSIX says), no alternate stack, and the
 * process is marked as having exec'd (setpgid by its parent then fails with EACCES). A
 * sighand shared with another process (CLONE_SIGHAND) is unshared first.
 * @p: the current process, single-threaded by now.
 *
 * Context: the thread doing execve, no spinlock held; allocates. Return: nothing (if the copy
 * cannot be allocated the shared one is reset, which the sharers will see: Linux fails the
 * exec instead, TODO(signals)).
 */
void signal_exec(struct process *p)
{
	struct sighand *sh = p->sighand;
	struct sighand *copy;

	if (!sh)
		return;
	if (sh->refcount > 1 && (copy = sighand_alloc(sh))) {
		p->sighand = copy;
		sighand_put(sh);
		sh = copy;
	}
	spin_lock(&sh->lock);
	reset_handled_locked(sh);
	spin_unlock(&sh->lock);
	sched_current()->sig.altstack = (struct user_stack){ .ss_flags = SS_DISABLE };
	p->sig.did_exec = true;
}

/**
 * signal_pending() - does @t have something to do before it returns to user mode: an
 * unblocked pending signal (its own or its process's), a group stop to join, a group exit, or a
 * ptrace trap (PTRACE_INTERRUPT)?
 * @t: a thread; a kernel thread never has signals.
 *
 * Read without the lock: a stale answer only means one more trip through the delivery loop,
 * or a wake-up that comes a moment later (the sender wakes the thread after setting the bit).
 * Context: any. Return: true if delivery has work.
 */
bool signal_pending(struct thread *t)
{
	struct process *p = t->proc;
	sigset_t pending;

	if (!p || !p->sighand)
		return false;
	pending = READ_ONCE(t->sig.pending.signal) | READ_ONCE(p->sig.shared_pending.signal);
	return (pending & ~READ_ONCE(t->sig.blocked)) != 0 || READ_ONCE(t->sig.stop_pending) ||
	       (READ_ONCE(p->sig.flags) & SIGNAL_GROUP_EXIT) || READ_ONCE(t->ptrace.trap_pending);
}

/**
 * signal_fatal_pending() - is @t's process being killed (SIGKILL, or a fatal signal)?
 * @t: a thread.
 *
 * Context: any. Return: true if the group is exiting.
 */
bool signal_fatal_pending(struct thread *t)
{
	sigset_t pending;

	if (!t->proc)
		return false;
	/* A namespace init's SIGKILL starts no group exit when sent (it waits in a queue). */
	pending = READ_ONCE(t->sig.pending.signal) | READ_ONCE(t->proc->sig.shared_pending.signal);
	return (READ_ONCE(t->proc->sig.flags) & SIGNAL_GROUP_EXIT) ||
	       (pending & sigmask(SIGKILL));
}

/**
 * signal_init_protected() - does init's protection discard @sig sent to @p?
 * @p: the target process.
 * @sig: the signal.
 * @forced: the kernel forces it (a fault signal): then init is not protected (rule 18).
 *
 * A namespace's init (the root's included: p->unkillable) ignores every signal whose
 * disposition is SIG_DFL, SIGKILL and SIGSTOP included, when the sender is in its own
 * namespace (the reference's rule 15); from an ancestor namespace SIGKILL and SIGSTOP get
 * through (rule 16). The kernel's own forced signals always do (faults, the teardown).
 * Context: @p's sighand->lock held. Return: true if the signal must be discarded.
 */
bool signal_init_protected(struct process *p, int sig, bool forced)
{
	assert_held(&p->sighand->lock);
	if (!p->unkillable || forced || (p->sig.flags & SIGNAL_UNPROTECTED))
		return false;
	if (p->sighand->action[sig - 1].handler != SIG_DFL)
		return false;	/* a handled signal is delivered, from anywhere (rule 17) */
	/* SIGKILL and SIGSTOP from an ancestor namespace - a sender that has no number in
	 * the init's namespace - do get through (rule 16). */
	return !((sig == SIGKILL || sig == SIGSTOP) &&
		 pid_nr_ns(sched_current()->pid, pid_ns_of(p->pid)) == 0);
}

/**
 * signal_has_handler() - would @sig, forced on the current thread now, run a handler (rather
 * than kill the process)? For the "segfault:" log line of a fault no one catches.
 * @sig: a fault signal.
 *
 * Context: the current user thread. Return: true if a handler is installed and not blocked.
 */
bool signal_has_handler(int sig)
{
	struct thread *t = sched_current();
	struct process *p = t->proc;
	uint64_t h;

	if (!p || !p->sighand)
		return false;
	h = READ_ONCE(p->sighand->action[sig - 1].handler);
	return h != SIG_DFL && h != SIG_IGN && !sigset_has(t->sig.blocked, sig);
}
