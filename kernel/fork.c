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
 *   4. a number, under the limits: PROCESS_MAX processes in all and RLIMIT_NPROC (EAGAIN);
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
#include "exit.h"
#include "fdtable.h"
#include "fs_struct.h"
#include "mm_space.h"
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
	if ((flags & CLONE_PARENT) && p->tgid == 1)
		return -EINVAL;	/* init has no parent to share (Linux: SIGNAL_UNKILLABLE) */
	if ((flags & CLONE_THREAD) && (flags & (CLONE_NEWUSER | CLONE_NEWPID)))
		return -EINVAL;
	if (flags & CLONE_PIDFD)
		return -EINVAL;	/* no pidfds (yet) */
	if ((flags & CSIGNAL) > NSIG)
		return -EINVAL;
	if (flags & CLONE_NS_FLAGS)
		return -EINVAL;	/* TODO(pidns): CLONE_NEWPID and friends */
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

/* alloc_child_nr() - step 4: a number for the new thread, within the limits. A new process
 * counts against PROCESS_MAX and RLIMIT_NPROC; no thread may join a dying process. */
static pid_t alloc_child_nr(struct process *p, bool new_process)
{
	pid_t nr = -EAGAIN;

	spin_lock(&tasklist_lock);
	if (new_process && process_count() >= PROCESS_MAX)
		goto out_unlock;
	if (new_process && (uint64_t)process_count() >= p->rlim[RLIMIT_NPROC].rlim_cur)
		goto out_unlock;
	if (!new_process && p->group_exit)
		goto out_unlock;
	nr = process_alloc_nr_locked();
	if (!nr)
		nr = -EAGAIN;
out_unlock:
	spin_unlock(&tasklist_lock);
	return nr;
}

static void free_child_nr(pid_t nr)
{
	spin_lock(&tasklist_lock);
	process_free_nr_locked(nr);
	spin_unlock(&tasklist_lock);
}

/* fork_child_entry() - the new thread's first code: straight out to user mode, where it
 * returns from the same system call as its parent, with 0. */
static void fork_child_entry(void *arg)
{
	(void)arg;
	arch_enter_user(sched_current()->uregs);
}

/* setup_thread() - step 5 for @t, numbered @nr, created by the current thread. The tid
 * writes ignore bad addresses, as Linux's do. */
static void setup_thread(struct thread *t, struct process *p, const struct clone_req *req,
			 pid_t nr)
{
	struct thread *self = sched_current();
	uint32_t tid = (uint32_t)nr;

	signal_thread_init(t, self);
	arch_thread_copy(t, self);
	arch_fork_frame(t, self->uregs, req->newsp);
	if (req->flags & CLONE_SETTLS)
		arch_thread_set_tls(t, req->tls);
	if (req->flags & CLONE_PARENT_SETTID)
		(void)copy_to_user(req->parent_tid, &tid, sizeof(tid));
	if (req->flags & CLONE_CHILD_SETTID)
		(void)mm_copy_to(p->mm, req->child_tid, &tid, sizeof(tid));
	if (req->flags & CLONE_CHILD_CLEARTID)
		t->clear_child_tid = req->child_tid;
}

/* link_child() - step 6: @child joins the tree as the caller's child (or, CLONE_PARENT,
 * as its sibling), inheriting its process group, session and subreaper ancestry. */
static void link_child(struct process *child, struct process *p, unsigned long flags,
		       struct vfork_done *vd)
{
	spin_lock(&tasklist_lock);
	child->pgid = p->pgid;
	child->sid = p->sid;
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
}

/* wait_for_vfork_done() - the vfork parent sleeps until the child has exec'd or exited. */
static void wait_for_vfork_done(struct vfork_done *vd)
{
	wait_event(&vd->wq, READ_ONCE(vd->done));
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

	*err = -ENOMEM;
	if (!child)
		return NULL;
	memcpy(child->rlim, p->rlim, sizeof(child->rlim));
	*err = copy_resources(child, p, flags);
	if (*err)
		goto out_free_process;
	*err = -ENOMEM;
	*tp = kthread_prepare(fork_child_entry, NULL, p->comm);
	if (!*tp)
		goto out_put_resources;
	child->tgid = alloc_child_nr(p, true);
	*err = child->tgid < 0 ? child->tgid : process_attach_thread(child, *tp, child->tgid);
	if (!*err)
		return child;
	if (child->tgid > 0)
		free_child_nr(child->tgid);
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

/* start_child() - the last step: a traced parent's tracer may follow the new thread @t
 * (ptrace_fork_locked), which then runs; the parent reports the event if asked to. */
static void start_child(struct thread *t, unsigned long flags, pid_t nr)
{
	struct thread *self = sched_current();
	int event = fork_event(flags);
	bool follow = (event && ptrace_event_enabled(self, event)) || (flags & CLONE_PTRACE);

	spin_lock(&tasklist_lock);
	ptrace_fork_locked(t, self, follow && !(flags & CLONE_UNTRACED));
	spin_unlock(&tasklist_lock);
	kthread_start(t);
	if (event)
		ptrace_event(event, (unsigned long)nr);
}

/* clone_process() - a new process (steps in the header comment). Return: its tgid or
 * -errno: -ENOMEM, -EAGAIN (a limit). */
static long clone_process(const struct clone_req *req)
{
	struct process *p = current_process();
	struct vfork_done vd = { .done = false };
	struct process *child;
	struct thread *t;
	int err;
	pid_t nr;

	child = new_process(p, req->flags, &t, &err);
	if (!child)
		return err;
	nr = child->tgid;
	setup_thread(t, child, req, nr);
	if (req->flags & CLONE_VFORK)
		wait_queue_init(&vd.wq, "vfork");
	link_child(child, p, req->flags, req->flags & CLONE_VFORK ? &vd : NULL);
	start_child(t, req->flags, nr);
	if (req->flags & CLONE_VFORK) {
		wait_for_vfork_done(&vd);
		ptrace_event(PTRACE_EVENT_VFORK_DONE, (unsigned long)nr);
	}
	return nr;
}

/* clone_thread() - a new thread of the caller's process (CLONE_THREAD). It shares
 * everything, so only a thread, a number and registers are made. Return: its tid or -errno. */
static long clone_thread(const struct clone_req *req)
{
	struct process *p = current_process();
	struct thread *t = kthread_prepare(fork_child_entry, NULL, p->comm);
	pid_t nr;
	int err;

	if (!t)
		return -ENOMEM;
	nr = alloc_child_nr(p, false);
	if (nr < 0) {
		kthread_discard(t);
		return nr;
	}
	err = process_attach_thread(p, t, nr);
	if (err) {
		free_child_nr(nr);
		kthread_discard(t);
		return err;
	}
	setup_thread(t, p, req, nr);
	start_child(t, req->flags, nr);
	return nr;
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

/* clone3(struct clone_args *, size) - not implemented: ENOSYS makes glibc and musl fall back
 * to clone. */
long sys_clone3(const struct syscall_args *a)
{
	(void)a;
	return -ENOSYS;
}
