/* fork.c - new processes and threads: fork, vfork, clone.
 *
 * One implementation, do_clone(), behind three system calls: fork is clone(SIGCHLD), vfork
 * is clone(CLONE_VM | CLONE_VFORK | SIGCHLD), and clone passes its flags through. The flags
 * say, resource by resource, whether the child SHARES the parent's (a counted reference) or
 * gets a COPY:
 *   CLONE_VM       the address space: shared, or a copy-on-write copy (mm_dup: the pages are
 *                  shared read-only and copied at the first write, kernel/mm/fault.c);
 *   CLONE_FILES    the fd table;          CLONE_FS       root, cwd and umask;
 *   CLONE_SIGHAND  the signal handlers (kernel/signal.c: signal_fork);
 *   CLONE_THREAD   the whole process: the child is a new thread of the caller's process,
 *                  so it shares everything above (which is why THREAD needs SIGHAND needs VM);
 *   CLONE_PARENT   the child is the caller's sibling: same parent, same exit signal;
 *   CLONE_VFORK    the caller sleeps until the child execs or exits (it usually shares the
 *                  address space, which the child must be done with before the parent runs);
 *   CLONE_SETTLS, CLONE_PARENT_SETTID, CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID: what a
 *                  threads library needs (the FS base; the tid written here and there; the
 *                  tid word cleared and futex-woken when the thread exits - pthread_join);
 *   the low byte   the signal the child sends when it dies (0: none; threads: none ever).
 *
 * Building a process, step by step (clone_process), each undone by a goto label on failure:
 *   1. check the flags (Linux's EINVAL order, reference section 3.3);
 *   2. a struct process, with the mm, files, fs and handlers copied or shared;
 *   3. a kernel thread, prepared but not started (kthread_prepare);
 *   4. a number (the limits, PROCESS_MAX processes in all and RLIMIT_NPROC, are checked
 *      before step 2, so that a fork over them copies nothing, and again in step 6 where
 *      the count rises: EAGAIN);
 *   5. the thread's user registers = the parent's at the system call with rax = 0, its FPU
 *      and TLS state the parent's (arch_fork_frame, arch_thread_copy);
 *   6. linked into the tree under tasklist_lock, then started - traced from its first
 *      instruction if the parent's tracer follows forks, vforks or clones (PTRACE_O_TRACE*,
 *      CLONE_PTRACE), and the parent reports the event (kernel/ptrace*.c); the parent
 *      returns the number.
 * The child's first instruction in the kernel is fork_child_entry(), which goes straight to
 * user mode: "fork returns twice" is two threads leaving through the same saved registers.
 *
 * Invariants: a process is in the tree only once it is complete; a child never runs before
 *   its registers, FPU state and address space are all in place (it is started last).
 * Locking: tasklist_lock around the number, the limits and the links; the rest is private to
 *   the caller until kthread_start().
 * See also: kernel/exit.c (the other end), kernel/mm/mm_space.c (mm_dup), kernel/process.c,
 *   arch/x86_64/usermode.c (arch_fork_frame). Linux: kernel/fork.c (kernel_clone,
 *   copy_process, copy_mm, dup_mm, wait_for_vfork_done).
 */
#include "fork.h"
#include "arch.h"
#include "err.h"
#include "exit.h"
#include "fdtable.h"
#include "file.h"
#include "fs_struct.h"
#include "mm_space.h"
#include "nsfs.h"
#include "pid_namespace.h"
#include "process.h"
#include "ptrace.h"
#include "sched.h"
#include "signal.h"
#include "string.h"
#include "syscalls.h"
#include "uaccess.h"
#include "wait_queue.h"
#include "uapi/errno.h"
#include "uapi/sched.h"
#include "uapi/signal.h"

/* Processes and threads made since boot, for /proc/stat's "processes" (Linux: total_forks,
 * counted in copy_process). Changed atomically. */
static uint64_t nr_forks;

/* Namespaces come with the pid-namespace issue; until then asking for one is EINVAL. */
#define CLONE_NS_FLAGS	(CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | \
			 CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET)

/* What a vfork parent sleeps on, on its own stack; the child points at it until it execs or
 * exits (Linux: struct completion, task->vfork_done). */
struct vfork_done {
	struct wait_queue wq;
	bool done;		/* under tasklist_lock; set once */
};

/* check_clone_flags() - step 1, Linux's EINVAL checks in Linux's order (copy_process). */
static int check_clone_flags(unsigned long flags, const struct process *p)
{
	if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;
	if ((flags & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if ((flags & CLONE_PARENT) && p->unkillable)
		return -EINVAL;	/* a namespace init has no parent to share (SIGNAL_UNKILLABLE) */
	if ((flags & CLONE_THREAD) && (flags & (CLONE_NEWUSER | CLONE_NEWPID)))
		return -EINVAL;
	/* After unshare(CLONE_NEWPID) our children go elsewhere: a thread cannot. */
	if ((flags & CLONE_THREAD) && p->pid_ns_for_children != current_pid_ns())
		return -EINVAL;
	if (flags & CLONE_PIDFD)
		return -EINVAL;	/* no pidfds (yet) */
	if ((flags & CSIGNAL) > NSIG)
		return -EINVAL;
	if (flags & CLONE_NS_FLAGS & ~CLONE_NEWPID)
		return -EINVAL;	/* mount, uts, ipc, net, user, cgroup namespaces: not here */
	if ((flags & CLONE_NEWPID) && p->pid_ns_for_children != current_pid_ns())
		return -EINVAL;	/* Linux's copy_pid_ns: only one new level at a time */
	return 0;
}

/* share_files() / share_fs() - one more process uses the parent's table / fs context. */
static struct files_struct *share_files(struct files_struct *files)
{
	spin_lock(&files->file_lock);
	files->count++;
	spin_unlock(&files->file_lock);
	return files;
}

static struct fs_struct *share_fs(struct fs_struct *fs)
{
	spin_lock(&fs->lock);
	fs->users++;
	spin_unlock(&fs->lock);
	return fs;
}

/* copy_mm() - step 2: the parent's address space, shared (CLONE_VM) or copied on write. */
static int copy_mm(struct process *child, struct process *parent, unsigned long flags)
{
	if (flags & CLONE_VM) {
		mm_get(parent->mm);
		child->mm = parent->mm;
	} else {
		child->mm = mm_dup(parent->mm);
	}
	return child->mm ? 0 : -ENOMEM;
}

/* put_resources() - drop what copy_resources() gave @child (a child that never ran). */
static void put_resources(struct process *child)
{
	signal_process_release(child);
	mm_put(child->mm);
	child->mm = NULL;
	exit_files(child);
	exit_fs(child);
}

/* copy_resources() - step 2: address space, files, fs context and handlers. */
static int copy_resources(struct process *child, struct process *parent, unsigned long flags)
{
	int err = copy_mm(child, parent, flags);

	if (err)
		return err;
	child->files = flags & CLONE_FILES ? share_files(parent->files) : files_dup(parent->files);
	child->fs = flags & CLONE_FS ? share_fs(parent->fs) : fs_struct_copy(parent->fs);
	if (!child->files || !child->fs)
		err = -ENOMEM;
	if (!err)
		err = signal_fork(child, parent, flags);
	if (err)
		put_resources(child);
	return err;
}

/* over_process_limits() - would one more process break PROCESS_MAX or @p's RLIMIT_NPROC?
 * reaper counts every process in the system against RLIMIT_NPROC (it has no users yet);
 * Linux counts the caller's user's and lets root past. */
static bool over_process_limits(const struct process *p)
{
	int n = process_count();

	return n >= PROCESS_MAX || (uint64_t)n >= p->rlim[RLIMIT_NPROC].rlim_cur;
}

/* alloc_child_pid() - step 4: the new thread's numbers, in @ns and every namespace above it
 * (kernel/pid.c). No thread may join a dying process. (The process limits are checked
 * before step 2 and again where the count rises, in link_child.)
 * Return: the pid, or ERR_PTR(-EAGAIN) (numbers exhausted, a dying process),
 * ERR_PTR(-ENOMEM) (no memory, or @ns is dying: its init has exited). */
static struct pid *alloc_child_pid(struct process *p, struct pid_namespace *ns,
				   bool new_process)
{
	bool dying;

	spin_lock(&tasklist_lock);
	dying = !new_process && p->group_exit;
	spin_unlock(&tasklist_lock);
	return dying ? ERR_PTR(-EAGAIN) : alloc_pid(ns);
}

/* free_child_pid() - undo alloc_child_pid() for a child that never ran. */
static void free_child_pid(struct pid *pid)
{
	spin_lock(&tasklist_lock);
	free_pid_locked(pid);
	spin_unlock(&tasklist_lock);
}

/* child_pid_ns() - the namespace a new process lives in: where our children go, or with
 * CLONE_NEWPID a new one below it, whose init the child becomes.
 * Return: a reference, or ERR_PTR(-ENOSPC) (32 levels deep already), ERR_PTR(-ENOMEM). */
static struct pid_namespace *child_pid_ns(struct process *p, unsigned long flags)
{
	if (flags & CLONE_NEWPID)
		return pidns_create(p->pid_ns_for_children);
	return get_pid_ns(p->pid_ns_for_children);
}

/* fork_child_entry() - the new thread's first code: straight out to user mode, where it
 * returns from the same system call as its parent, with 0. */
static void fork_child_entry(void *arg)
{
	(void)arg;
	arch_enter_user(sched_current()->uregs);
}

/* setup_thread() - step 5 for @t, created by the current thread. The tid writes ignore bad
 * addresses, as Linux's do; each side gets the number it sees: the parent its view of the
 * child, the child its own (they differ when the child is a new namespace's init). */
static void setup_thread(struct thread *t, struct process *p, const struct clone_req *req)
{
	struct thread *self = sched_current();
	uint32_t tid = (uint32_t)pid_vnr(t->pid);
	uint32_t own = (uint32_t)pid_nr_ns(t->pid, pid_ns_of(t->pid));

	signal_thread_init(t, self);
	arch_thread_copy(t, self);
	arch_fork_frame(t, self->uregs, req->newsp);
	if (req->flags & CLONE_SETTLS)
		arch_thread_set_tls(t, req->tls);
	if (req->flags & CLONE_PARENT_SETTID)
		(void)copy_to_user(req->parent_tid, &tid, sizeof(tid));
	if (req->flags & CLONE_CHILD_SETTID)
		(void)mm_copy_to(p->mm, req->child_tid, &own, sizeof(own));
	if (req->flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = req->child_tid;
}

/* link_child() - step 6: @child joins the tree as the caller's child (or, CLONE_PARENT,
 * as its sibling), inheriting its process group, session and subreaper ancestry; a new
 * namespace's init becomes its child_reaper. Its namespace is checked once more under the
 * lock: a teardown that started since alloc_pid() must not miss it in its SIGKILL scan
 * (Linux: copy_process re-checks PIDNS_ADDING). So are the process limits: this is where the
 * count rises, and only a check under the same lock hold is exact - forks preempted between
 * an earlier check and here would all pass it (a fork bomb went one over RLIMIT_NPROC;
 * Linux counts and checks in one step, inc_rlimit_ucounts in copy_creds).
 * Return: 0, -ENOMEM (namespace dying), or -EAGAIN (PROCESS_MAX, RLIMIT_NPROC). */
static int link_child(struct process *child, struct process *p, unsigned long flags,
		      struct vfork_done *vd)
{
	struct pid_namespace *ns = pid_ns_of(child->pid);
	int err = 0;

	spin_lock(&tasklist_lock);
	if (!ns->adding)
		err = -ENOMEM;
	else if (over_process_limits(p))
		err = -EAGAIN;
	if (err) {
		spin_unlock(&tasklist_lock);
		return err;
	}
	if (child->unkillable)
		ns->child_reaper = child;
	process_set_pgrp_locked(child, p->pgrp, false);
	process_set_pgrp_locked(child, p->session, true);
	child->has_child_subreaper = p->has_child_subreaper || p->is_child_subreaper;
	child->vfork_done = vd;
	if (flags & CLONE_PARENT) {
		child->exit_signal = p->exit_signal;
		process_link_locked(child, p->real_parent);
	} else {
		child->exit_signal = (int)(flags & CSIGNAL);
		child->parent_thread = sched_current();
		process_link_locked(child, p);
	}
	spin_unlock(&tasklist_lock);
	return 0;
}

/* wait_for_vfork_done() - the vfork parent sleeps until the child has exec'd or exited, or
 * until the parent is killed: a vfork child that stops for good (SIGSTOP, a tracer that
 * never resumes it) must not make its parent unkillable. A killed parent takes its
 * vfork_done (on this stack) back from the child; the child has not exited yet, since
 * exit_notify clears the pointer under the same lock. Before, this wait ignored SIGKILL: a
 * kernel hang the fuzzer found (seed 3). Linux: wait_for_vfork_done, TASK_KILLABLE. */
static void wait_for_vfork_done(struct process *child, struct vfork_done *vd)
{
	for (;;) {
		prepare_to_wait(&vd->wq);
		if (READ_ONCE(vd->done) || signal_fatal_pending(sched_current()))
			break;
		schedule();
	}
	finish_wait(&vd->wq);
	spin_lock(&tasklist_lock);
	if (!vd->done)
		child->vfork_done = NULL;
	spin_unlock(&tasklist_lock);
}

/**
 * fork_vfork_done_locked() - @p has exec'd or exited: wake its vfork parent, if any.
 * Context: tasklist_lock held (exec's commit, exit_notify). Return: nothing.
 */
void fork_vfork_done_locked(struct process *p)
{
	struct vfork_done *vd = p->vfork_done;

	assert_held(&tasklist_lock);
	if (!vd)
		return;
	p->vfork_done = NULL;
	vd->done = true;
	wake_up_all(&vd->wq);	/* after this the parent's stack frame may be gone */
}

/* new_process() - steps 2-4 for a process: the struct, its resources and thread, its
 * number. Return: the child (its thread in *@tp), or ERR_PTR-like NULL with *@err set. */
static struct process *new_process(struct process *p, unsigned long flags, struct thread **tp,
				   int *err)
{
	struct process *child = process_create(p->comm);
	struct pid *pid;

	*err = -ENOMEM;
	if (!child)
		return NULL;
	memcpy(child->rlim, p->rlim, sizeof(child->rlim));
	child->pid_ns_for_children = child_pid_ns(p, flags);
	if (IS_ERR(child->pid_ns_for_children)) {
		*err = (int)PTR_ERR(child->pid_ns_for_children);
		child->pid_ns_for_children = NULL;
		goto out_free_process;
	}
	*err = copy_resources(child, p, flags);
	if (*err)
		goto out_free_process;
	*err = -ENOMEM;
	*tp = kthread_prepare(fork_child_entry, NULL, p->comm);
	if (!*tp)
		goto out_put_resources;
	pid = alloc_child_pid(p, child->pid_ns_for_children, true);
	if (IS_ERR(pid)) {
		*err = (int)PTR_ERR(pid);
		goto out_discard;
	}
	child->pid = pid;
	child->tgid = pid->numbers[0].nr;
	/* Number 1 of its namespace: a new namespace's init (Linux: SIGNAL_UNKILLABLE). */
	child->unkillable = pid_nr_ns(pid, child->pid_ns_for_children) == 1;
	*err = process_attach_thread(child, *tp, get_pid(pid));
	if (!*err)
		return child;
	put_pid(pid);		/* the reference the thread did not take */
	free_child_pid(pid);
out_discard:
	kthread_discard(*tp);
out_put_resources:
	put_resources(child);
out_free_process:
	process_destroy(child);
	return NULL;
}

/* fork_event() - the ptrace event a clone with @flags is (Linux's order of tests in
 * kernel_clone): 0 for CLONE_UNTRACED. */
static int fork_event(unsigned long flags)
{
	if (flags & CLONE_UNTRACED)
		return 0;
	if (flags & CLONE_VFORK)
		return PTRACE_EVENT_VFORK;
	if ((flags & CSIGNAL) != SIGCHLD)
		return PTRACE_EVENT_CLONE;	/* threads too: their exit signal is 0 */
	return PTRACE_EVENT_FORK;
}

/* discard_child() - undo new_process() for a @child (thread @t) that was never linked. */
static void discard_child(struct process *child, struct thread *t)
{
	spin_lock(&tasklist_lock);
	process_detach_thread(t);
	free_pid_locked(child->pid);
	spin_unlock(&tasklist_lock);
	kthread_discard(t);
	put_resources(child);
	process_destroy(child);
}

/* start_child() - the last step: a traced parent's tracer may follow the new thread @t
 * (ptrace_fork_locked), which then runs; the parent reports the event if asked to, with the
 * child's number as the tracer sees it. */
static void start_child(struct thread *t, unsigned long flags)
{
	struct thread *self = sched_current();
	int event = fork_event(flags);
	bool follow = (event && ptrace_event_enabled(self, event)) || (flags & CLONE_PTRACE);

	spin_lock(&tasklist_lock);
	ptrace_fork_locked(t, self, follow && !(flags & CLONE_UNTRACED));
	spin_unlock(&tasklist_lock);
	kthread_start(t);
	if (event)
		ptrace_event_pid(event, t->pid);
}

/* clone_process() - a new process (steps in the header comment). Return: its tgid or
 * -errno: -ENOMEM, -EAGAIN (a limit). */
static long clone_process(const struct clone_req *req)
{
	struct process *p = current_process();
	struct vfork_done vd = { .done = false };
	struct process *child;
	struct pid *child_pid;
	struct thread *t;
	int err;
	pid_t nr;

	/* The limits first, as Linux's copy_process checks RLIMIT_NPROC before copy_mm: a
	 * fork over the limit must not copy an address space for nothing (a fork bomb's
	 * failing forks did, and starved everyone; under memory pressure they said ENOMEM).
	 * A snapshot: link_child() checks again where the count rises. */
	if (over_process_limits(p))
		return -EAGAIN;
	child = new_process(p, req->flags, &t, &err);
	if (!child)
		return err;
	nr = pid_vnr(child->pid);	/* the outer number, for a new namespace's init */
	setup_thread(t, child, req);
	if (req->flags & CLONE_VFORK)
		wait_queue_init(&vd.wq, "vfork");
	err = link_child(child, p, req->flags, req->flags & CLONE_VFORK ? &vd : NULL);
	if (err) {
		discard_child(child, t);
		return err;
	}
	child_pid = get_pid(child->pid);	/* the child may be reaped before we report */
	start_child(t, req->flags);
	__atomic_fetch_add(&nr_forks, 1, __ATOMIC_RELAXED);	/* before a vfork's wait */
	if (req->flags & CLONE_VFORK) {
		wait_for_vfork_done(child, &vd);
		ptrace_event_pid(PTRACE_EVENT_VFORK_DONE, child_pid);
	}
	put_pid(child_pid);
	return nr;
}

/* clone_thread() - a new thread of the caller's process (CLONE_THREAD). It shares
 * everything, so only a thread, a number and registers are made. Return: its tid or -errno. */
static long clone_thread(const struct clone_req *req)
{
	struct process *p = current_process();
	struct thread *t = kthread_prepare(fork_child_entry, NULL, p->comm);
	struct pid *pid;
	int err;

	if (!t)
		return -ENOMEM;
	pid = alloc_child_pid(p, current_pid_ns(), false);
	if (IS_ERR(pid)) {
		kthread_discard(t);
		return PTR_ERR(pid);
	}
	err = process_attach_thread(p, t, pid);
	if (err) {
		free_child_pid(pid);
		put_pid(pid);
		kthread_discard(t);
		return err;
	}
	setup_thread(t, p, req);
	start_child(t, req->flags);
	__atomic_fetch_add(&nr_forks, 1, __ATOMIC_RELAXED);
	return pid_vnr(pid);
}

/**
 * do_clone() - create a process or a thread as @req->flags say (see the header comment).
 * @req: clone's arguments, typed.
 *
 * Context: a user thread, no locks held; sleeps (vfork waits for the child).
 * Return: the child's number (tgid, or tid for CLONE_THREAD), or -EINVAL (flags), -ENOMEM,
 * -EAGAIN (PROCESS_MAX, RLIMIT_NPROC, numbers exhausted, or the caller's process is dying).
 */
long do_clone(const struct clone_req *req)
{
	int err = check_clone_flags(req->flags, current_process());

	if (err)
		return err;
	if (req->flags & CLONE_THREAD)
		return clone_thread(req);
	return clone_process(req);
}

/**
 * fork_count() - processes and threads created by fork, vfork and clone since boot.
 * Context: any. Return: the count (a snapshot).
 */
uint64_t fork_count(void)
{
	return __atomic_load_n(&nr_forks, __ATOMIC_RELAXED);
}

/* fork() */
long sys_fork(const struct syscall_args *a)
{
	struct clone_req req = { .flags = SIGCHLD };

	(void)a;
	return do_clone(&req);
}

/* vfork() */
long sys_vfork(const struct syscall_args *a)
{
	struct clone_req req = { .flags = CLONE_VM | CLONE_VFORK | SIGCHLD };

	(void)a;
	return do_clone(&req);
}

/* clone(flags, newsp, parent_tid, child_tid, tls) - the x86-64 argument order. */
long sys_clone(const struct syscall_args *a)
{
	struct clone_req req = {
		.flags = a->arg[0],
		.newsp = a->arg[1],
		.parent_tid = a->arg[2],
		.child_tid = a->arg[3],
		.tls = a->arg[4],
	};

	return do_clone(&req);
}

/**
 * do_unshare() - unshare(@flags). Of the namespaces only the pid namespace exists here:
 * CLONE_NEWPID makes a new namespace below ours where our NEXT child goes, as its init; we
 * stay where we are (our own numbers never change). From then on a second unshare, a
 * clone(CLONE_NEWPID) and a new thread fail with EINVAL: our children's namespace is no
 * longer our own (Linux's rule 36).
 * CLONE_SYSVSEM is accepted (no SysV semaphores); other flags are EINVAL (departure: Linux
 * also unshares fd tables, fs contexts and other namespaces).
 * Context: a user thread. Return: 0, -EINVAL, -ENOSPC (32 levels), -ENOMEM.
 */
long do_unshare(unsigned long flags)
{
	struct process *p = current_process();
	struct pid_namespace *ns, *old;

	if (flags & ~(unsigned long)(CLONE_NEWPID | CLONE_SYSVSEM))
		return -EINVAL;
	if (!(flags & CLONE_NEWPID))
		return 0;
	if (p->pid_ns_for_children != current_pid_ns())
		return -EINVAL;	/* unshared already: one new level at a time */
	ns = pidns_create(p->pid_ns_for_children);
	if (IS_ERR(ns))
		return PTR_ERR(ns);
	spin_lock(&tasklist_lock);
	old = p->pid_ns_for_children;
	p->pid_ns_for_children = ns;
	spin_unlock(&tasklist_lock);
	put_pid_ns(old);
	return 0;
}

/* unshare(int flags) */
long sys_unshare(const struct syscall_args *a)
{
	return do_unshare(a->arg[0]);
}

/**
 * do_setns() - setns(@fd, @nstype) for a pid namespace: @fd is /proc/<pid>/ns/pid (or
 * pid_for_children) opened; our NEXT children go there (our own numbers never change), as
 * after unshare. Only our own namespace or one below it may be joined (rule 40).
 * @nstype: 0 or CLONE_NEWPID.
 * Context: a user thread. Return: 0, -EBADF (not open), -EINVAL (not a namespace file, a
 * namespace above or beside ours, another @nstype).
 */
long do_setns(int fd, int nstype)
{
	struct process *p = current_process();
	struct file *f = fd >= 0 ? fd_lookup(p->files, fd) : NULL;
	struct pid_namespace *ns, *old;
	long err = -EINVAL;

	if (!f)
		return -EBADF;
	ns = nsfs_pid_ns_of(f);
	if (ns && (nstype == 0 || nstype == CLONE_NEWPID) &&
	    pidns_is_ancestor(current_pid_ns(), ns)) {
		get_pid_ns(ns);
		spin_lock(&tasklist_lock);
		old = p->pid_ns_for_children;
		p->pid_ns_for_children = ns;
		spin_unlock(&tasklist_lock);
		put_pid_ns(old);
		err = 0;
	}
	file_put(f);
	return err;
}

/* setns(int fd, int nstype) */
long sys_setns(const struct syscall_args *a)
{
	return do_setns((int)a->arg[0], (int)a->arg[1]);
}

/* clone3(struct clone_args *, size) - not implemented: ENOSYS makes glibc and musl fall back
 * to clone. */
long sys_clone3(const struct syscall_args *a)
{
	(void)a;
	return -ENOSYS;
}
