/* ptrace.c - the tracer's side of ptrace: attaching, the requests, detaching, and what
 * becomes of tracer and tracee when either exits. (The tracee's side, the stops it reports,
 * is kernel/ptrace_stop.c; the registers are arch/x86_64/ptrace.c.)
 *
 * The link (ptrace_link_locked): the tracee thread goes on its tracer THREAD's `tracees`
 * list; if it is its process's leader, the tracer's process becomes the process's `parent`
 * - the one told of its exit and the one that reaps it - while `real_parent` stays. This is
 * what orders exits (DESIGN.md section 8, the reference's 1.4):
 *   - a traced thread that exits stays a zombie for its tracer (ptrace_exit_tracee_locked);
 *     a non-leader is reported at once by its tid; the leader stands for the process and is
 *     reported when the process is a zombie and no traced non-leader zombie is left;
 *   - the real parent's wait sees the process as "not yet" (WNOHANG: 0) until the tracer
 *     has reaped it; then (ptrace_reap_leader_locked) the zombie goes back to the real parent
 *     with a fresh notification - or is released at once if the real parent ignores SIGCHLD;
 *   - a tracer that exits lets every tracee go (exit_ptrace_locked): live ones run on (or are
 *     killed first, PTRACE_O_EXITKILL), zombies are handed back the same way.
 *
 * Requests (do_ptrace): TRACEME, ATTACH and SEIZE make the link; every other request needs a
 * tracee of the calling thread, and all but KILL and INTERRUPT need it in a ptrace stop
 * (else ESRCH, as for a pid that is not there); unknown requests are EIO. While a request
 * works on a stopped tracee it is "frozen": even SIGKILL does not wake it until the request
 * is done, so its registers and memory cannot go away under us (Linux: ptrace_freeze_traced).
 *
 * Departure: attaching to init is allowed, as on Linux since 2.6.26 (the "EPERM for
 * init of the root namespace" was Linux's rule before that).
 * Locking: tasklist_lock protects every link and the stop state (struct thread_ptrace).
 * See also: kernel/ptrace_stop.c, kernel/wait.c (the tracer's wait), kernel/exit.c.
 *   Linux: kernel/ptrace.c (ptrace_attach, ptrace_traceme, ptrace_check_attach,
 *   __ptrace_detach, exit_ptrace, ptrace_request, ptrace_resume), kernel/exit.c.
 */
#include "ptrace.h"
#include "arch.h"
#include "exit.h"
#include "kthread.h"
#include "mm_space.h"
#include "pid_namespace.h"
#include "process.h"
#include "sched.h"
#include "signal.h"
#include "string.h"
#include "syscalls.h"
#include "uaccess.h"
#include "wait_queue.h"
#include "uapi/errno.h"

/* ---- the link ----------------------------------------------------------------------- */

/* ptrace_link_locked() - @tracer starts tracing @t. */
static void ptrace_link_locked(struct thread *t, struct thread *tracer, unsigned int flags,
			       unsigned int options)
{
	struct process *p = t->proc;

	assert_held(&tasklist_lock);
	t->ptrace.tracer = tracer;
	t->ptrace.group = p;
	t->ptrace.flags = flags;
	t->ptrace.options = options;
	list_add_tail(&t->ptrace.entry, &tracer->ptrace.tracees);
	if (p->leader == t)
		p->parent = tracer->proc;	/* the tracer hears of the process's exit */
}

/* ptrace_unlink_locked() - @t is no longer traced; its process's parent is its real
 * parent again. Its own TF goes with the tracer. */
static void ptrace_unlink_locked(struct thread *t)
{
	struct process *p = t->ptrace.group;

	assert_held(&tasklist_lock);
	list_del(&t->ptrace.entry);
	list_init(&t->ptrace.entry);
	arch_ptrace_singlestep(t, false);
	t->ptrace.tracer = NULL;
	t->ptrace.flags = 0;
	t->ptrace.options = 0;
	t->ptrace.trap_pending = false;
	t->ptrace.listening = false;
	if (p->leader == t)
		p->parent = p->real_parent;
}

/* add_dead() - the auto-reaped zombie @p goes from its parent's list to @dead. */
static void add_dead(struct process *p, struct list_head *dead)
{
	list_del(&p->sibling);
	list_add_tail(&p->sibling, dead);
}

/* ---- traced zombies ----------------------------------------------------------------- */

/**
 * ptrace_exit_tracee_locked() - the traced @t is exiting: it stays a zombie for its tracer.
 * A non-leader is reported to the tracer now (SIGCHLD, by its tid) and delays its process's
 * report; the leader waits to be reported as the process (kernel/exit.c).
 * @t: the current thread, in exit_notify, still on its process. @status: its wait status.
 *
 * Context: tasklist_lock held. Return: true if @t is traced (keep its number and struct).
 */
bool ptrace_exit_tracee_locked(struct thread *t, int status)
{
	struct process *p = t->proc;

	assert_held(&tasklist_lock);
	if (!t->ptrace.tracer)
		return false;
	kthread_get(t);			/* the struct outlives the thread, until reaped */
	t->ptrace.zombie = true;
	t->ptrace.stopped = false;
	t->ptrace.listening = false;
	t->ptrace.trap_pending = false;
	t->ptrace.code = 0;
	if (p->leader == t)
		return true;
	t->ptrace.exit_status = status;
	p->nr_thread_zombies++;
	signal_notify_tracer_locked(t->ptrace.tracer->proc, t->pid, CLD_EXITED, status);
	return true;
}

/* release_thread_zombie_locked() - the last of the unlinked non-leader zombie @t: its number
 * and struct go. If it was the last one its process waited for, the process's zombie is
 * announced now (Linux: release_task's "zap_leader").
 * Return: the process if that announcement auto-reaps it (the caller releases it), or NULL. */
static struct process *release_thread_zombie_locked(struct thread *t)
{
	struct process *p = t->ptrace.group;

	t->ptrace.zombie = false;
	free_pid_locked(t->pid);
	p->nr_thread_zombies--;
	kthread_put(t);
	if (p->exit_state == EXIT_ZOMBIE && p->nr_thread_zombies == 0 &&
	    exit_notify_zombie_locked(p))
		return p;
	return NULL;
}

/* drop_leader_zombie_locked() - the unlinked leader zombie @t no longer stands for its
 * process, whose zombie is now its real parent's business alone. */
static void drop_leader_zombie_locked(struct thread *t)
{
	struct process *p = t->ptrace.group;

	t->ptrace.zombie = false;
	p->leader = NULL;
	kthread_put(t);
}

/**
 * ptrace_reap_thread_locked() - the tracer's wait reaps the non-leader zombie @t.
 * Context: tasklist_lock held. Return: the process to release if that made it auto-reaped.
 */
struct process *ptrace_reap_thread_locked(struct thread *t)
{
	ptrace_unlink_locked(t);
	return release_thread_zombie_locked(t);
}

/**
 * ptrace_reap_leader_locked() - the tracer's wait reaps the zombie process whose leader is
 * @t. A tracer that is also the real parent reaps it for good. Otherwise the zombie goes back
 * to its real parent, which is told now (SIGCHLD with the exit status) and reaps it in turn,
 * or auto-reaps it at once if it ignores SIGCHLD (the reference's 1.4, B14a/B14b).
 * Context: tasklist_lock held. Return: the process to release (EXIT_DEAD), or NULL.
 */
struct process *ptrace_reap_leader_locked(struct thread *t)
{
	struct process *p = t->ptrace.group;

	if (p->real_parent == t->ptrace.tracer->proc) {
		p->exit_state = EXIT_DEAD;	/* release_task unlinks the leader */
		return p;
	}
	ptrace_unlink_locked(t);
	drop_leader_zombie_locked(t);
	return exit_notify_zombie_locked(p) ? p : NULL;
}

/**
 * ptrace_release_leader_locked() - @p is being released: a traced leader zombie still on
 * its tracer's list leaves it.
 * Context: tasklist_lock held (release_task). Return: nothing.
 */
void ptrace_release_leader_locked(struct process *p)
{
	struct thread *t = p->leader;

	if (!t)
		return;
	p->leader = NULL;
	if (!t->ptrace.tracer)
		return;
	ptrace_unlink_locked(t);
	t->ptrace.zombie = false;
	kthread_put(t);
}

/**
 * ptrace_exec_locked() - @self, which exec'd in @p, is the only live thread and takes the
 * leader's number: an old leader that waits as a traced zombie is released (its tracer
 * learns the old tid from the exec event's message instead), as Linux's de_thread does.
 * Context: tasklist_lock held, in de_thread. Return: nothing.
 */
void ptrace_exec_locked(struct thread *self, struct process *p)
{
	struct thread *old = p->leader;

	if (old && old != self && old->ptrace.tracer) {
		struct thread *tracer = old->ptrace.tracer;

		ptrace_unlink_locked(old);
		old->ptrace.zombie = false;
		kthread_put(old);
		wake_up_all(&tracer->proc->wait_chldexit);
	}
	p->leader = self;
	/* Our exit goes where our own tracer is, as for any traced leader. */
	p->parent = self->ptrace.tracer ? self->ptrace.tracer->proc : p->real_parent;
}

/* ---- letting go ----------------------------------------------------------------------- */

/* resume_locked() - end @t's ptrace stop; it delivers @sig (0: none) if it was in a
 * signal-delivery stop. */
static void resume_locked(struct thread *t, int sig)
{
	t->ptrace.code = sig;
	t->ptrace.stopped = false;
	t->ptrace.listening = false;
	t->ptrace.frozen = false;
	sched_wake_traced(t);
}

/* detach_live_locked() - let the live @t go. Stopped, it runs on with @sig - or, if its
 * process is in a group stop, it stays stopped, now as part of the group stop. */
static void detach_live_locked(struct thread *t, int sig)
{
	struct process *p = t->proc;
	bool was_stopped = t->ptrace.stopped;

	ptrace_unlink_locked(t);
	if (!was_stopped)
		return;
	t->ptrace.code = sig;
	t->ptrace.stopped = false;
	t->ptrace.frozen = false;
	if (READ_ONCE(p->sig.flags) & SIGNAL_STOP_STOPPED)
		sched_traced_to_stopped(t);
	else
		sched_wake_traced(t);
}

/* detach_zombie_locked() - @tracer goes away without reaping the zombie @t (Linux:
 * __ptrace_detach). Return: a process that is now to be released, or NULL. */
static struct process *detach_zombie_locked(struct thread *tracer, struct thread *t)
{
	struct process *p = t->ptrace.group;

	ptrace_unlink_locked(t);
	if (p->leader != t)
		return release_thread_zombie_locked(t);
	drop_leader_zombie_locked(t);
	if (p->exit_state != EXIT_ZOMBIE || p->nr_thread_zombies > 0)
		return NULL;	/* announced later, when it is ready */
	if (p->real_parent != tracer->proc)
		return exit_notify_zombie_locked(p) ? p : NULL;
	if (signal_ignores_children(tracer->proc)) {
		p->exit_state = EXIT_DEAD;	/* nobody will wait for it */
		return p;
	}
	wake_up_all(&p->real_parent->wait_chldexit);	/* the tracer's own process reaps it */
	return NULL;
}

/**
 * exit_ptrace_locked() - the exiting @tracer lets every tracee go: a live one is detached
 * (and first sent SIGKILL if it asked for PTRACE_O_EXITKILL); a zombie is handed to its real
 * parent, or released. (Linux: exit_ptrace.)
 * @tracer: the current thread, in exit_notify. @dead: zombies to release are added here.
 *
 * Context: tasklist_lock held. Return: nothing.
 */
void exit_ptrace_locked(struct thread *tracer, struct list_head *dead)
{
	struct thread *t, *next;

	assert_held(&tasklist_lock);
	list_for_each_entry_safe(t, next, &tracer->ptrace.tracees, ptrace.entry) {
		struct process *gone;

		if (t->ptrace.zombie) {
			gone = detach_zombie_locked(tracer, t);
			if (gone)
				add_dead(gone, dead);
			continue;
		}
		if (t->ptrace.options & PTRACE_O_EXITKILL)
			send_signal_to_thread_locked(t, SIGKILL, NULL);
		detach_live_locked(t, 0);
	}
}

/**
 * ptrace_fork_locked() - the traced @parent made @child with an event its tracer asked to
 * follow (TRACEFORK, TRACEVFORK, TRACECLONE, or CLONE_PTRACE): @child is traced by the same
 * tracer with the
 * same options from its first instruction, and starts with a stop - SIGSTOP, or an event
 * stop if seized (Linux: ptrace_init_task).
 * @child: not yet running, attached to its process. @follow: the tracer follows it.
 * Context: tasklist_lock held. Return: nothing.
 */
void ptrace_fork_locked(struct thread *child, struct thread *parent, bool follow)
{
	struct thread *tracer = parent->ptrace.tracer;

	assert_held(&tasklist_lock);
	if (parent->ptrace.flags & PT_FORCED_TF) {
		/* The copied registers carry the parent's single-step flag: not the child's. */
		child->ptrace.flags |= PT_FORCED_TF;
		arch_ptrace_singlestep(child, false);
	}
	if (!tracer || !follow || child->ptrace.tracer)
		return;	/* (someone attached to the new tid before it started: theirs) */
	ptrace_link_locked(child, tracer, parent->ptrace.flags & PT_SEIZED,
			   parent->ptrace.options);
	if (child->ptrace.flags & PT_SEIZED)
		child->ptrace.trap_pending = true;
	else
		child->sig.pending.signal |= sigmask(SIGSTOP);
}

/**
 * ptrace_listen_wake_locked() - something happened to the listening tracee @t (SIGCONT,
 * a new signal): it leaves its stop to re-trap with a fresh PTRACE_EVENT_STOP report.
 * Context: tasklist_lock held. Return: nothing.
 */
void ptrace_listen_wake_locked(struct thread *t)
{
	if (!t->ptrace.listening)
		return;
	t->ptrace.trap_pending = true;
	resume_locked(t, 0);
}

/* ---- making the link ---------------------------------------------------------------- */

/* ptrace_traceme() - PTRACE_TRACEME: the caller's parent (the thread that forked it, else
 * any live thread of it) becomes its tracer. Return: 0 or -EPERM (already traced, no parent
 * thread to trace us). */
static long ptrace_traceme(void)
{
	struct thread *self = sched_current();
	struct process *p = self->proc;
	struct thread *tracer = p->parent_thread;
	long err = -EPERM;

	spin_lock(&tasklist_lock);
	if (!tracer && p->real_parent && !list_empty(&p->real_parent->threads))
		tracer = list_first_entry(&p->real_parent->threads, struct thread, thread_link);
	if (!self->ptrace.tracer && tracer) {
		ptrace_link_locked(self, tracer, 0, 0);
		err = 0;
	}
	spin_unlock(&tasklist_lock);
	return err;
}

/* attach_check_locked() - may the caller attach to thread number @nr? Return: the thread,
 * or NULL with *@err: -ESRCH (no such thread), -EPERM (a zombie or exiting process, our own
 * process, already traced). */
static struct thread *attach_check_locked(pid_t nr, long *err)
{
	struct thread *t = thread_find_vnr_locked(nr);

	*err = -ESRCH;
	if (!t) {
		if (process_find_vnr_locked(nr))
			*err = -EPERM;	/* a zombie: it can no longer be traced */
		return NULL;
	}
	*err = -EPERM;
	if (t->proc == current_process() || t->ptrace.tracer || t->proc->group_exit)
		return NULL;
	return t;
}

/* ptrace_attach() - PTRACE_ATTACH (@seize false: the tracee gets SIGSTOP) or PTRACE_SEIZE
 * (@options: PTRACE_O_*; no stop). A tracee in a group stop re-traps at once so that the
 * tracer's wait reports it (Linux: JOBCTL_TRAP_STOP on attach).
 * Return: 0, -ESRCH, -EPERM, or -EIO (SEIZE with an address or unknown options). */
static long ptrace_attach(pid_t nr, bool seize, uaddr_t addr, uint64_t options)
{
	struct thread *t;
	long err;

	if (seize && (addr || (options & ~(uint64_t)PTRACE_O_MASK)))
		return -EIO;
	spin_lock(&tasklist_lock);
	t = attach_check_locked(nr, &err);
	if (t) {
		ptrace_link_locked(t, sched_current(), seize ? PT_SEIZED : 0,
				   seize ? (unsigned int)options : 0);
		if (!seize)
			send_signal_to_thread_locked(t, SIGSTOP, NULL);
		if (READ_ONCE(t->proc->sig.flags) & SIGNAL_STOP_STOPPED) {
			t->ptrace.trap_pending = true;
			sched_wake_stopped(t);
		}
		err = 0;
	}
	spin_unlock(&tasklist_lock);
	return err;
}

/* ---- requests on a tracee -------------------------------------------------------------- */

/**
 * ptrace_kill_pending() - is @t being killed: SIGKILL pending for the thread itself (a fatal
 * signal, another thread's exit_group, an exec's zap of the other threads)? Then it must
 * not stop, nor be treated as stopped. (The thread that calls exit_group has no SIGKILL: it
 * still stops at PTRACE_EVENT_EXIT, as on Linux: __fatal_signal_pending.)
 * Context: tasklist_lock held (every SIGKILL sender holds it), or @t itself. Return: true if so.
 */
bool ptrace_kill_pending(struct thread *t)
{
	return sigset_has(READ_ONCE(t->sig.pending.signal), SIGKILL);
}

/**
 * ptrace_stopped_locked() - is @t in a ptrace stop its tracer may work on: stopped, not
 * listening, and not already woken by SIGKILL (its registers and memory are about to go)?
 * Context: tasklist_lock held. Return: true if so.
 */
bool ptrace_stopped_locked(struct thread *t)
{
	assert_held(&tasklist_lock);
	return t->ptrace.stopped && !t->ptrace.listening && !ptrace_kill_pending(t);
}

/* tracee_get() - the tracee numbered @nr of the calling thread, frozen in its ptrace stop
 * unless @any_state (KILL, INTERRUPT), with a reference on its struct either way.
 * Return: the thread, or NULL (-ESRCH). */
static struct thread *tracee_get(pid_t nr, bool any_state)
{
	struct thread *t;

	spin_lock(&tasklist_lock);
	t = thread_find_vnr_locked(nr);
	if (t && t->ptrace.tracer != sched_current())
		t = NULL;
	if (t && !any_state && !ptrace_stopped_locked(t))
		t = NULL;
	if (t && !any_state)
		t->ptrace.frozen = true;	/* not even SIGKILL wakes it now */
	if (t)
		kthread_get(t);
	spin_unlock(&tasklist_lock);
	return t;
}

/* tracee_put() - the request is done: a SIGKILL that came meanwhile may wake @t now. */
static void tracee_put(struct thread *t)
{
	spin_lock(&tasklist_lock);
	if (t->ptrace.frozen) {
		t->ptrace.frozen = false;
		if (t->ptrace.stopped && ptrace_kill_pending(t))
			sched_wake_traced(t);
	}
	spin_unlock(&tasklist_lock);
	kthread_put(t);
}

/* ptrace_peek() - PEEKTEXT/PEEKDATA: the word at @addr of @t's memory into *@udata. */
static long ptrace_peek(struct thread *t, uaddr_t addr, uaddr_t udata)
{
	uint64_t word;

	if (mm_access_remote(t->proc->mm, addr, &word, sizeof(word), false))
		return -EIO;
	return copy_to_user(udata, &word, sizeof(word)) ? -EFAULT : 0;
}

/* ptrace_poke() - POKETEXT/POKEDATA: write @word at @addr, through read-only text too. */
static long ptrace_poke(struct thread *t, uaddr_t addr, uint64_t word)
{
	return mm_access_remote(t->proc->mm, addr, &word, sizeof(word), true) ? -EIO : 0;
}

/* ptrace_peekuser() - PEEKUSER: the word at offset @off of @t's struct user. */
static long ptrace_peekuser(struct thread *t, uint64_t off, uaddr_t udata)
{
	uint64_t val;
	int err = arch_ptrace_peekuser(t, off, &val);

	if (err)
		return err;
	return copy_to_user(udata, &val, sizeof(val)) ? -EFAULT : 0;
}

/* ptrace_getregs() / ptrace_setregs() - GETREGS/SETREGS through *@uregs. */
static long ptrace_getregs(struct thread *t, uaddr_t uregs)
{
	struct user_regs_struct regs;

	arch_ptrace_getregs(t, &regs);
	return copy_to_user(uregs, &regs, sizeof(regs)) ? -EFAULT : 0;
}

static long ptrace_setregs(struct thread *t, uaddr_t uregs)
{
	struct user_regs_struct regs;

	if (copy_from_user(&regs, uregs, sizeof(regs)))
		return -EFAULT;
	return arch_ptrace_setregs(t, &regs);
}

/* ptrace_fpregs() - GETFPREGS (@set false) / SETFPREGS through the 512 bytes at @ubuf. */
static long ptrace_fpregs(struct thread *t, uaddr_t ubuf, bool set)
{
	uint8_t buf[USER_FPREGS_SIZE];

	if (!set) {
		arch_ptrace_getfpregs(t, buf);
		return copy_to_user(ubuf, buf, sizeof(buf)) ? -EFAULT : 0;
	}
	if (copy_from_user(buf, ubuf, sizeof(buf)))
		return -EFAULT;
	return arch_ptrace_setfpregs(t, buf);
}

/* ptrace_siginfo() - GETSIGINFO/SETSIGINFO: the siginfo of the signal @t stopped for.
 * Return: 0, -EINVAL (a stop without one: group stop, syscall stop of a non-seized... ),
 * -EFAULT. */
static long ptrace_siginfo(struct thread *t, uaddr_t uinfo, bool set)
{
	struct siginfo *info = t->ptrace.siginfo;

	if (!info)
		return -EINVAL;
	if (set)
		return copy_from_user(info, uinfo, sizeof(*info)) ? -EFAULT : 0;
	return copy_to_user(uinfo, info, sizeof(*info)) ? -EFAULT : 0;
}

/* ptrace_resume() - CONT, SYSCALL, SINGLESTEP: run on, delivering @sig; stop at the next
 * system call's entry and exit, or after one instruction. Return: 0 or -EIO (bad signal). */
static long ptrace_resume(struct thread *t, long request, uint64_t sig)
{
	if (sig > NSIG)
		return -EIO;
	spin_lock(&tasklist_lock);
	if (request == PTRACE_SYSCALL)
		t->ptrace.flags |= PT_SYSCALL;
	else
		t->ptrace.flags &= ~PT_SYSCALL;
	arch_ptrace_singlestep(t, request == PTRACE_SINGLESTEP);
	resume_locked(t, (int)sig);
	spin_unlock(&tasklist_lock);
	return 0;
}

/* ptrace_detach() - DETACH: let the stopped @t go, delivering @sig. */
static long ptrace_detach(struct thread *t, uint64_t sig)
{
	if (sig > NSIG)
		return -EIO;
	spin_lock(&tasklist_lock);
	detach_live_locked(t, (int)sig);
	spin_unlock(&tasklist_lock);
	return 0;
}

/* ptrace_kill() - KILL: SIGKILL, whatever state the tracee is in (Linux 5.19+). */
static long ptrace_kill(struct thread *t)
{
	spin_lock(&tasklist_lock);
	if (t->ptrace.tracer == sched_current() && !t->ptrace.zombie) {
		send_signal_to_thread_locked(t, SIGKILL, NULL);
		if (t->ptrace.stopped)
			resume_locked(t, 0);
	}
	spin_unlock(&tasklist_lock);
	return 0;
}

/* ptrace_interrupt() - INTERRUPT (seized only): trap into an event stop soon; a listening
 * tracee re-traps now. Return: 0 or -EIO (not seized). */
static long ptrace_interrupt(struct thread *t)
{
	if (!(t->ptrace.flags & PT_SEIZED))
		return -EIO;
	spin_lock(&tasklist_lock);
	if (t->ptrace.tracer != sched_current() || t->ptrace.zombie) {
		/* it exited meanwhile: nothing to interrupt */
	} else if (t->ptrace.listening) {
		ptrace_listen_wake_locked(t);
	} else if (!t->ptrace.stopped) {
		t->ptrace.trap_pending = true;
		sched_wake(t);	/* out of an interruptible sleep: the call restarts later */
	}
	spin_unlock(&tasklist_lock);
	return 0;
}

/* ptrace_listen() - LISTEN: a seized tracee in an event stop stays stopped but leaves the
 * tracer's control until something happens to it (SIGCONT, a signal, INTERRUPT).
 * Return: 0 or -EIO (not seized, not an event stop). */
static long ptrace_listen(struct thread *t)
{
	struct siginfo *info = t->ptrace.siginfo;

	if (!(t->ptrace.flags & PT_SEIZED) || !info || (info->si_code >> 8) != PTRACE_EVENT_STOP)
		return -EIO;
	spin_lock(&tasklist_lock);
	t->ptrace.listening = true;
	spin_unlock(&tasklist_lock);
	return 0;
}

/* ptrace_setoptions() - SETOPTIONS. Return: 0 or -EINVAL (unknown bits). */
static long ptrace_setoptions(struct thread *t, uint64_t options)
{
	if (options & ~(uint64_t)PTRACE_O_MASK)
		return -EINVAL;
	spin_lock(&tasklist_lock);
	t->ptrace.options = (unsigned int)options;
	spin_unlock(&tasklist_lock);
	return 0;
}

/* ptrace_request() - every request on a tracee the caller may use (tracee_get()). */
static long ptrace_request(struct thread *t, long request, uaddr_t addr, uint64_t data)
{
	uint64_t msg;

	switch (request) {
	case PTRACE_PEEKTEXT:
	case PTRACE_PEEKDATA:
		return ptrace_peek(t, addr, data);
	case PTRACE_POKETEXT:
	case PTRACE_POKEDATA:
		return ptrace_poke(t, addr, data);
	case PTRACE_PEEKUSER:
		return ptrace_peekuser(t, addr, data);
	case PTRACE_POKEUSER:
		return arch_ptrace_pokeuser(t, addr, data);
	case PTRACE_GETREGS:
		return ptrace_getregs(t, data);
	case PTRACE_SETREGS:
		return ptrace_setregs(t, data);
	case PTRACE_GETFPREGS:
	case PTRACE_SETFPREGS:
		return ptrace_fpregs(t, data, request == PTRACE_SETFPREGS);
	case PTRACE_GETSIGINFO:
	case PTRACE_SETSIGINFO:
		return ptrace_siginfo(t, data, request == PTRACE_SETSIGINFO);
	case PTRACE_SETOPTIONS:
		return ptrace_setoptions(t, data);
	case PTRACE_GETEVENTMSG:
		msg = t->ptrace.message;
		return copy_to_user(data, &msg, sizeof(msg)) ? -EFAULT : 0;
	case PTRACE_CONT:
	case PTRACE_SYSCALL:
	case PTRACE_SINGLESTEP:
		return ptrace_resume(t, request, data);
	case PTRACE_DETACH:
		return ptrace_detach(t, data);
	case PTRACE_KILL:
		return ptrace_kill(t);
	case PTRACE_INTERRUPT:
		return ptrace_interrupt(t);
	case PTRACE_LISTEN:
		return ptrace_listen(t);
	default:
		return -EIO;
	}
}

/**
 * do_ptrace() - ptrace(@request, @nr, @addr, @data) (see the header comment).
 * @request: PTRACE_*. @nr: the tracee's tid (ignored by TRACEME). @addr, @data: as the
 * request says; PEEK* store the word at user address @data (the raw system call's ABI).
 *
 * Context: a user thread, no locks held; may sleep (faults on the tracee's memory).
 * Return: 0, or -ESRCH (no such thread, not our tracee, not stopped), -EPERM (attach to
 * ourselves, a traced or dying thread, a zombie; TRACEME twice), -EIO (unknown request, bad
 * address in the tracee, bad signal or register value), -EINVAL (bad options, no siginfo),
 * -EFAULT (our own buffer).
 */
long do_ptrace(long request, pid_t nr, uaddr_t addr, uint64_t data)
{
	bool any_state = request == PTRACE_KILL || request == PTRACE_INTERRUPT;
	struct thread *t;
	long ret;

	if (request == PTRACE_TRACEME)
		return ptrace_traceme();
	if (request == PTRACE_ATTACH || request == PTRACE_SEIZE)
		return ptrace_attach(nr, request == PTRACE_SEIZE, addr, data);
	t = tracee_get(nr, any_state);
	if (!t)
		return -ESRCH;
	ret = ptrace_request(t, request, addr, data);
	tracee_put(t);
	return ret;
}

/* ptrace(long request, pid_t pid, void *addr, void *data) */
long sys_ptrace(const struct syscall_args *a)
{
	return do_ptrace((long)a->arg[0], (pid_t)a->arg[1], a->arg[2], a->arg[3]);
}
