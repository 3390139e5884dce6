/* exit.c - the end of a thread and of a process: do_exit, do_group_exit, exit_notify.
 *
 * do_exit() ends the CALLING THREAD; the process ends with its last thread. It is a pipeline
 * in Linux's order (DESIGN.md section 5), each step one call:
 *   0. ptrace_event(PTRACE_EVENT_EXIT): a tracer that asked (TRACEEXIT) gets a last look at
 *      the thread, registers and memory intact;
 *   1. exit_signals: drop what is queued for the thread (kernel/signal.c) and count it out
 *      of p->live; the thread that brings live to 0 is "group dead" and sets the exit code
 *      (the exit code of the LAST thread, as Linux 6.x: reference behaviour 31, unless a
 *      group exit fixed one status for all);
 *   2. exit_clear_child_tid: write 0 to the address set_tid_address()/CLONE_CHILD_CLEARTID
 *      gave and futex-wake it (pthread_join waits on it), while the memory still exists;
 *   3. for the group-dead thread only: exit_mm, exit_files, exit_fs - leave and drop the
 *      address space, the fd table, the root/cwd; and if the process is the init of a pid
 *      namespace, zap_pid_ns_processes(): kill every task of the namespace and wait until
 *      each is gone (kernel/pid_namespace.c), so that init cannot be reaped before them;
 *   4. exit_notify: a tracer lets its tracees go (exit_ptrace); the thread leaves its
 *      process; non-leader numbers are freed at once (a thread self-reaps: no zombie for
 *      threads) - unless it is traced: then it stays a zombie for its tracer, which must
 *      reap it, and the process's zombie is announced only after (kernel/ptrace.c). The LAST
 *      thread to leave turns the process into a zombie: its children go to a reaper
 *      (forget_original_parent: another live thread of the same process keeps them - they
 *      belong to the process anyway - else the nearest live ancestor in the same pid
 *      namespace that is a PR_SET_CHILD_SUBREAPER, else that namespace's init), the vfork parent
 *      is released, and the parent is told (do_notify_parent: SIGCHLD and a wake-up of its
 *      wait). If the parent ignores SIGCHLD the zombie is released at once (auto-reap).
 *   5. the thread ends: the scheduler frees its stack and struct after its last switch. The
 *      zombie keeps only its struct process and number until wait() reaps it.
 * The root namespace's init is special: when it dies the machine powers off with a failure code, since
 * nothing could run after it ("if the root namespace's init exits, the kernel logs its status
 * and powers off", DESIGN.md section 3).
 *
 * do_group_exit() (exit_group, and every fatal signal through kernel/signal*.c) marks the
 * group as exiting with one status, makes every other thread die at its next return to user
 * mode (zap_other_threads: SIGKILL pending, woken from any sleep), then exits itself.
 *
 * Status words: (code & 0xff) << 8 for exit(code); the signal number (| 0x80 for a core dump)
 * for a process killed by a signal.
 *
 * Invariants: a process is a zombie iff it has no threads left and was not reaped; a thread
 *   that has passed step 1 never runs user code again; do_exit never returns.
 * Locking: tasklist_lock for live, the thread list, the tree and the exit state; the victims'
 *   sighand->lock for the SIGKILL bit. Nothing sleeps under either.
 * See also: kernel/wait.c (reaping), kernel/fork.c, kernel/process.c (release_task),
 *   kernel/signal_send.c (do_notify_parent). Linux: kernel/exit.c (do_exit, exit_notify,
 *   forget_original_parent, find_new_reaper, do_group_exit), kernel/signal.c
 *   (zap_other_threads), kernel/fork.c (mm_release: clear_child_tid, vfork).
 */
#include "exit.h"
#include "arch.h"
#include "fdtable.h"
#include "fork.h"
#include "fs_struct.h"
#include "futex.h"
#include "mm_space.h"
#include "panic.h"
#include "pid_namespace.h"
#include "printk.h"
#include "proc_fs.h"
#include "process.h"
#include "ptrace.h"
#include "sched.h"
#include "signal.h"
#include "syscalls.h"
#include "tty.h"
#include "uaccess.h"

#define INIT_EXIT_QEMU_CODE	3	/* QEMU then exits with status (3 << 1) | 1 = 7 */

/* exit_signals() - step 1: the thread's signal state goes, and it stops counting as live.
 * @status: the thread's own status word (a traced thread's zombie reports it).
 * Return: true if it was the last live thread (the group is dead). */
static bool exit_signals(struct thread *t, int status)
{
	struct process *p = t->proc;
	bool group_dead;

	signal_exit(t);
	spin_lock(&tasklist_lock);
	p->live--;
	group_dead = p->live == 0;
	if (group_dead)
		p->exit_code = p->group_exit ? p->group_exit_code : status;
	spin_unlock(&tasklist_lock);
	return group_dead;
}

/* exit_clear_child_tid() - step 2: *clear_child_tid = 0 and wake one futex waiter there. A
 * bad address is ignored, as in Linux: the thread is going anyway. */
static void exit_clear_child_tid(struct thread *t)
{
	uint32_t zero = 0;

	if (!t->clear_child_tid)
		return;
	if (copy_to_user(t->clear_child_tid, &zero, sizeof(zero)) == 0)
		futex_wake_address(t->clear_child_tid, 1);
	t->clear_child_tid = 0;
}

/**
 * exit_mm() - step 3: the current thread leaves @p's address space and drops it (it is freed
 * when no other process shares it: CLONE_VM, vfork).
 * @p: the current process.
 *
 * The order matters: CR3 must stop pointing at the page tables before they can be freed, and
 * p->mm is cleared first so that a switch in between already loads the kernel's.
 * Context: the current thread of @p; may sleep. Return: nothing.
 */
void exit_mm(struct process *p)
{
	struct mm *mm = p->mm;

	if (!mm)
		return;
	p->mm = NULL;
	arch_activate_mm(NULL);
	mm_put(mm);
}

/**
 * exit_files() - step 3: drop @p's reference on its fd table (closing the files with it).
 * Context: thread; may sleep. Return: nothing.
 */
void exit_files(struct process *p)
{
	struct files_struct *files = p->files;

	if (!files)
		return;
	p->files = NULL;
	files_put(files);
}

/**
 * exit_fs() - step 3: drop @p's reference on its root and cwd.
 * Context: thread; may sleep. Return: nothing.
 */
void exit_fs(struct process *p)
{
	struct fs_struct *fs = p->fs;

	if (!fs)
		return;
	p->fs = NULL;
	fs_struct_put(fs);
}

/* log_init_exit() - "init: exited with status 0x100 (exit code 1)". */
static void log_init_exit(const struct process *p, int status)
{
	if ((status & 0x7f) == 0)
		pr_emerg("init: exited with status %#x (exit code %d)\n", status,
			 (status >> 8) & 0xff);
	else
		pr_emerg("init: exited with status %#x (killed by signal %d)\n", status,
			 status & 0x7f);
	pr_emerg("init: %s was the first process; powering off with a failure code\n", p->comm);
}

/* other_live_thread_locked() - a thread of @p other than @t, while @p has live threads. */
static struct thread *other_live_thread_locked(struct process *p, struct thread *t)
{
	struct thread *other;

	assert_held(&tasklist_lock);
	if (p->live == 0)
		return NULL;
	list_for_each_entry(other, &p->threads, thread_link)
		if (other != t)
			return other;
	return NULL;
}

/* hand_over_children_locked() - children that @t forked now count as forked by another
 * thread of its process (only __WNOTHREAD tells the difference). */
static void hand_over_children_locked(struct process *p, struct thread *t)
{
	struct thread *heir = other_live_thread_locked(p, t);
	struct process *child;

	list_for_each_entry(child, &p->children, sibling)
		if (child->parent_thread == t)
			child->parent_thread = heir;
}

/* find_new_reaper_locked() - who adopts @father's children: the nearest live ancestor in
 * @father's own pid namespace that is a child subreaper, else that namespace's init - never
 * a process of another namespace (Linux: find_new_reaper checks the pid level, since a
 * parent outside may have put a child in by setns or unshare). NULL when @father is that
 * init: it has torn its namespace down (zap_pid_ns_processes), no child is left. */
static struct process *find_new_reaper_locked(struct process *father)
{
	struct pid_namespace *ns = pid_ns_of(father->pid);
	struct process *reaper;

	assert_held(&tasklist_lock);
	if (father->has_child_subreaper) {
		for (reaper = father->real_parent; reaper && pid_ns_of(reaper->pid) == ns;
		     reaper = reaper->real_parent)
			if (reaper->is_child_subreaper && reaper->live > 0)
				return reaper;
	}
	reaper = ns->child_reaper;
	return reaper == father ? NULL : reaper;
}

/* reparent_child_locked() - @child now belongs to @reaper. A zombie among them is announced
 * to its new parent, and goes to @dead if that one auto-reaps it - unless its tracer still
 * holds it, or traced threads of it are still to be reaped (then it is announced when they
 * are: kernel/ptrace.c). (Linux: reparent_leader; kill_orphaned_pgrp is job control's,
 * TODO(signals).) */
static void reparent_child_locked(struct process *child, struct process *reaper,
				  struct list_head *dead)
{
	bool traced = child->leader && child->leader->ptrace.tracer;

	list_del(&child->sibling);
	child->real_parent = reaper;
	if (!traced)
		child->parent = reaper;
	child->parent_thread = NULL;
	child->exit_signal = SIGCHLD;	/* "we don't want people slaying init" (Linux) */
	if (!traced && child->exit_state == EXIT_ZOMBIE && child->nr_thread_zombies == 0 &&
	    do_notify_parent(child, SIGCHLD)) {
		child->exit_state = EXIT_DEAD;
		list_add_tail(&child->sibling, dead);
		return;
	}
	list_add_tail(&child->sibling, &reaper->children);
}

/* forget_original_parent() - every child of the dying @father goes to its new reaper. */
static void forget_original_parent_locked(struct process *father, struct list_head *dead)
{
	struct process *reaper = find_new_reaper_locked(father);
	struct process *child, *next;

	/* No children, nothing to tell the reaper. Before this test every exit in the system
	 * woke init (and a namespace's init) for nothing: a context switch to it and back, its
	 * wait() scan, and a page-table switch each way (docs/performance.md). */
	if (!reaper || list_empty(&father->children))
		return;
	list_for_each_entry_safe(child, next, &father->children, sibling)
		reparent_child_locked(child, reaper, dead);
	wake_up_all(&reaper->wait_chldexit);
}

/**
 * exit_notify_zombie_locked() - the zombie @p is ready to be reaped: tell its parent - the
 * tracer's process if its leader is traced (with SIGCHLD unless the tracer is also the real
 * parent, as Linux), else the real parent with p->exit_signal.
 * @p: a zombie with no traced thread zombies left.
 *
 * Context: tasklist_lock held. Return: true if the parent auto-reaps it (then @p is
 * EXIT_DEAD and the caller must release it once the lock is dropped).
 */
bool exit_notify_zombie_locked(struct process *p)
{
	bool traced = p->leader && p->leader->ptrace.tracer;
	int sig = traced && p->parent != p->real_parent ? SIGCHLD : p->exit_signal;
	bool autoreap;

	assert_held(&tasklist_lock);
	autoreap = do_notify_parent(p, sig);
	if (p->parent)
		wake_up_all(&p->parent->wait_chldexit);	/* even with exit_signal 0 */
	if (autoreap)
		p->exit_state = EXIT_DEAD;
	return autoreap;
}

/* become_zombie_locked() - the last thread has left @p: hand its children on, release its
 * vfork parent, tell its parent - unless traced threads of it wait for their tracer to reap
 * them first (Linux's delay_group_leader; kernel/ptrace.c tells the parent after the last).
 * Return: true if the parent auto-reaps it. */
static bool become_zombie_locked(struct process *p, struct list_head *dead)
{
	forget_original_parent_locked(p, dead);
	p->exit_state = EXIT_ZOMBIE;
	fork_vfork_done_locked(p);
	if (p->nr_thread_zombies > 0)
		return false;
	return exit_notify_zombie_locked(p);
}

/* release_dead() - release the zombies collected on @dead (auto-reaped), lock dropped. */
static void release_dead(struct list_head *dead)
{
	struct process *p, *next;

	list_for_each_entry_safe(p, next, dead, sibling)
		release_task(p);
}

/* exit_notify() - step 4 (see the header comment). @status: the thread's own status word. */
static void exit_notify(struct thread *t, int status)
{
	struct process *p = t->proc;
	struct list_head dead = LIST_HEAD_INIT(dead);
	bool last, traced, self_reaped;

	spin_lock(&tasklist_lock);
	exit_ptrace_locked(t, &dead);	/* as a tracer: its tracees are let go */
	hand_over_children_locked(p, t);
	traced = ptrace_exit_tracee_locked(t, status);	/* as a tracee: a zombie for its tracer */
	process_detach_thread(t);
	self_reaped = t->pid != p->pid && !traced;
	if (self_reaped)
		free_pid_locked(t->pid);	/* the leader's numbers live on as the process's */
	if (p->leader == t && !traced)
		p->leader = NULL;
	last = p->nr_threads == 0;
	if (!last && p->group_exec_thread && p->nr_threads == 1)
		sched_wake(p->group_exec_thread);	/* de_thread: the exec may go on */
	if (last && p->is_init)
		arch_qemu_exit(INIT_EXIT_QEMU_CODE);
	if (last && become_zombie_locked(p, &dead)) {
		list_del(&p->sibling);			/* auto-reaped: off the parent's list */
		list_add_tail(&p->sibling, &dead);
	}
	spin_unlock(&tasklist_lock);
	if (self_reaped)
		proc_flush_pid(t->pid, p->pid);	/* its /proc/<tgid>/task/<tid> */
	release_dead(&dead);
}

/* exit_tracees() - a dying namespace init lets its tracees go before the teardown waits for
 * them: a member stopped for its tracer (at PTRACE_EVENT_EXIT, say) can only die once
 * detached, and its tracer is the init waiting for it. exit_notify() does the same for every
 * other thread; the list is then empty. Before, the init waited for ever (a hang the fuzzer
 * found, seed 4). Linux: exit_notify -> forget_original_parent -> exit_ptrace, before
 * find_child_reaper -> zap_pid_ns_processes. */
static void exit_tracees(struct thread *t)
{
	struct list_head dead = LIST_HEAD_INIT(dead);

	spin_lock(&tasklist_lock);
	exit_ptrace_locked(t, &dead);
	spin_unlock(&tasklist_lock);
	release_dead(&dead);
}

/* is_dying_ns_init() - is @p the init of a namespace below the root's? Its last thread then
 * tears the namespace down before the process can become a zombie (DESIGN.md section 6; the
 * root's init has no teardown: the machine powers off). */
static bool is_dying_ns_init(struct process *p)
{
	struct pid_namespace *ns = pid_ns_of(p->pid);

	return ns != &init_pid_ns && ns->child_reaper == p;
}

/**
 * do_exit() - end the current thread, and its process with its last thread.
 * @status: the wait status word (EXIT_STATUS_CODE() or EXIT_STATUS_SIGNAL()); ignored when
 *          a group exit already fixed the status.
 *
 * Context: a user thread, interrupts on, no locks held; sleeps. Return: never.
 */
NORETURN void do_exit(int status)
{
	struct thread *t = sched_current();
	struct process *p = t->proc;
	bool group_dead;

	BUG_ON(!p);
	if (READ_ONCE(p->group_exit))
		status = p->group_exit_code;	/* set once, before any thread exits with it */
	ptrace_event(PTRACE_EVENT_EXIT, (unsigned int)status);	/* TRACEEXIT: a last look */
	group_dead = exit_signals(t, status);
	if (group_dead && p->is_init)
		log_init_exit(p, p->exit_code);
	exit_clear_child_tid(t);
	if (group_dead) {
		exit_mm(p);
		exit_files(p);
		exit_fs(p);
		tty_session_exit(p);	/* a session leader hangs up its terminal */
	}
	if (group_dead && is_dying_ns_init(p)) {
		exit_tracees(t);
		zap_pid_ns_processes(pid_ns_of(p->pid));	/* no zombie may outlive us */
	}
	exit_notify(t, status);
	kthread_exit();
}

/**
 * zap_other_threads_locked() - every thread of @p but the current one gets SIGKILL and is
 * woken from whatever it sleeps in; each dies at its next return to user mode. The bit is
 * set directly, as Linux's zap_other_threads does: going through send_signal would make it
 * a group-wide fatal signal that kills the caller too (which de_thread must survive).
 * @p: the current process, with group_exit set.
 *
 * Context: tasklist_lock held; takes @p's sighand->lock. Return: nothing.
 */
void zap_other_threads_locked(struct process *p)
{
	struct thread *self = sched_current();
	struct thread *t;

	assert_held(&tasklist_lock);
	spin_lock(&p->sighand->lock);
	list_for_each_entry(t, &p->threads, thread_link) {
		if (t == self)
			continue;
		t->sig.pending.signal |= sigmask(SIGKILL);
		sched_wake_fatal(t);
	}
	spin_unlock(&p->sighand->lock);
}

/* start_group_exit() - make @status the status of every thread of @p. Return: the status
 * the caller must exit with (an earlier group exit's wins). */
static int start_group_exit(struct process *p, int status)
{
	spin_lock(&tasklist_lock);
	if (p->group_exit) {
		status = p->group_exit_code;
	} else {
		p->group_exit = true;
		p->group_exit_code = status;
		spin_lock(&p->sighand->lock);
		p->sig.flags |= SIGNAL_GROUP_EXIT;	/* signal_fatal_pending() for the others */
		p->sig.group_exit_status = status;
		spin_unlock(&p->sighand->lock);
		zap_other_threads_locked(p);
	}
	spin_unlock(&tasklist_lock);
	return status;
}

/**
 * do_group_exit() - end every thread of the current process with @status.
 * @status: the wait status word; if the group is already exiting, its status wins.
 *
 * Context: a user thread, no locks held (exit_group, a fatal signal's delivery). Return: never.
 */
NORETURN void do_group_exit(int status)
{
	do_exit(start_group_exit(current_process(), status));
}

/**
 * exit_thread_is_dying() - is the current thread's process being torn down (group exit or
 * an execve killing the other threads)? Sleeps in wait, futex and vfork end on it.
 * Context: any user thread. Return: true if the thread should give up and return.
 */
bool exit_thread_is_dying(void)
{
	struct thread *t = sched_current();

	return signal_pending(t) || (t->proc && READ_ONCE(t->proc->group_exit));
}

/* exit(int code) - end the calling thread only; the process ends with its last thread. */
long sys_exit(const struct syscall_args *a)
{
	do_exit(EXIT_STATUS_CODE((int)a->arg[0]));
}

/* exit_group(int code) - end every thread of the process. */
long sys_exit_group(const struct syscall_args *a)
{
	do_group_exit(EXIT_STATUS_CODE((int)a->arg[0]));
}
