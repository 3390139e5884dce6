/* process.c - struct process, the thread group: the tree of processes, their numbers, and
 * how the first one comes to be.
 *
 * A process is what the threads of one program share: an address space, open files, a
 * filesystem context, resource limits, signal handlers (kernel/include/process.h). Processes
 * form a tree: each has a parent (real_parent; `parent` is the same until ptrace arrives and
 * makes a tracer the parent for wait purposes) and a list of children. fork (kernel/fork.c)
 * links a child under its parent; exit (kernel/exit.c) hands the children of a dying process
 * to a reaper; wait (kernel/wait.c) unlinks a zombie for good with release_task(). Every
 * process is also on one global list, which process_for_each() walks (kill(-1), pgrp scans).
 *
 * The first process is made the way Linux makes it: process_start_init() takes the calling
 * kernel thread (the lead's kmain thread), gives it a process with the console as fds 0, 1, 2,
 * a root and cwd of "/", and Linux's default limits, and execs the init program (Linux:
 * kernel_init -> run_init_process -> kernel_execve).
 *
 * Numbers: each thread's struct pid (kernel/pid.c) holds a number in every pid namespace it
 * is visible in; a process is known by its leader's. Inside the kernel tgid/tid/pgid/sid are
 * the root namespace's numbers; every number to or from user space goes through the
 * caller's namespace (pid_vnr, process_find_vnr_locked, thread_find_vnr_locked,
 * pgrp_find_vnr_locked). A process's first thread's pid is the process's.
 * The identity system calls live here too: getpid, gettid, getppid, set_tid_address,
 * set_robust_list and prctl(PR_SET_NAME/PR_GET_NAME, PR_SET/GET_CHILD_SUBREAPER).
 *
 * Invariants: p->threads lists exactly the threads whose t->proc == p (nr_threads of them);
 *   a process is on its parent's children list from fork until release_task; only init has no
 *   parent; a pid's numbers are allocated while a thread or an unreaped process holds it.
 * Locking: tasklist_lock (LOCK_TASKLIST, the outermost process lock) protects the tree, the
 *   process list, the thread lists, exit states and the namespaces' number allocators. It is a spinlock: no
 *   sleeping and no user copies under it.
 * Slab cache: "process". Linux has no single cache for this: task_struct is per thread
 *   (our thread cache already has that name) and the shared part is "signal_cache"
 *   (signal_struct), which holds far less than this struct; "process" says what it is.
 * See also: kernel/fork.c, kernel/exit.c, kernel/wait.c, kernel/exec.c, kernel/sched.c.
 *   Linux: kernel/fork.c, kernel/pid.c (alloc_pid), kernel/sys.c (getpid, prctl),
 *   init/main.c (kernel_init).
 */
#include "process.h"
#include "arch.h"
#include "err.h"
#include "exec.h"
#include "exit.h"
#include "fdtable.h"
#include "fs_struct.h"
#include "mm_space.h"
#include "panic.h"
#include "pid_namespace.h"
#include "printk.h"
#include "proc_fs.h"
#include "ptrace.h"
#include "sched.h"
#include "slab.h"
#include "string.h"
#include "syscalls.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/prctl.h"
#include "uapi/signal.h"

#define ROBUST_LIST_HEAD_SIZE	24	/* sizeof(struct robust_list_head) on x86-64 */
#define NR_OPEN_MAX		1048576	/* Linux's default fs.nr_open: NOFILE's hard ceiling */

struct spinlock tasklist_lock = SPINLOCK_INIT("tasklist", LOCK_TASKLIST);

static struct kmem_cache *process_cache;	/* "process" */

/* Protected by tasklist_lock: */
static struct list_head all_processes = LIST_HEAD_INIT(all_processes);	/* via tasks */
static int nr_processes;			/* on all_processes */

/* Linux's defaults for the first process (include/asm-generic/resource.h, INIT_RLIMITS);
 * NPROC and SIGPENDING, which Linux sizes from RAM at boot, get a small machine's value. */
static const struct rlimit default_rlimits[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_FSIZE] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_DATA] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_STACK] = { 8UL << 20, RLIM_INFINITY },
	[RLIMIT_CORE] = { 0, RLIM_INFINITY },
	[RLIMIT_RSS] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_NPROC] = { 1024, 1024 },
	[RLIMIT_NOFILE] = { 1024, 4096 },
	[RLIMIT_MEMLOCK] = { 8UL << 20, 8UL << 20 },
	[RLIMIT_AS] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_LOCKS] = { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_SIGPENDING] = { 1024, 1024 },
	[RLIMIT_MSGQUEUE] = { 819200, 819200 },
	[RLIMIT_NICE] = { 0, 0 },
	[RLIMIT_RTPRIO] = { 0, 0 },
	[RLIMIT_RTTIME] = { RLIM_INFINITY, RLIM_INFINITY },
};

/**
 * process_nr_names_group_locked() - is @nr, in @ns, still the name of some process group or
 * session? Then the allocator skips it: a group outlives its leader, and its number must not
 * come back as an unrelated process.
 * Context: tasklist_lock held. Return: true if so.
 */
bool process_nr_names_group_locked(struct pid_namespace *ns, pid_t nr)
{
	struct process *p;

	list_for_each_entry(p, &all_processes, tasks)
		if (pid_nr_ns(p->pgrp, ns) == nr || pid_nr_ns(p->session, ns) == nr)
			return true;
	return false;
}

/**
 * process_set_pgrp_locked() - @p joins the process group (@session false) or session named
 * by @pid: its root number and a reference on the struct, for the other namespaces' views.
 * Context: tasklist_lock held. Return: nothing.
 */
void process_set_pgrp_locked(struct process *p, struct pid *pid, bool session)
{
	struct pid **slot = session ? &p->session : &p->pgrp;
	struct pid *old = *slot;

	assert_held(&tasklist_lock);
	*slot = get_pid(pid);
	if (session)
		p->sid = pid->numbers[0].nr;
	else
		p->pgid = pid->numbers[0].nr;
	put_pid(old);	/* never the last reference: its leader or a member holds one */
}

/**
 * process_count() - processes that exist (zombies included), for the limit and for tests.
 * Context: any. Return: the count (a snapshot).
 */
int process_count(void)
{
	return READ_ONCE(nr_processes);
}

/**
 * process_create() - a new, empty process: no threads, no mm, no files, default limits, no
 * number and not in the tree yet (fork and process_start_init do both under tasklist_lock).
 * @comm: its name (a path is cut to its last component).
 *
 * Context: thread; allocates. Return: the process, or NULL if out of memory.
 */
struct process *process_create(const char *comm)
{
	struct process *p;

	/* Created on first use: the first call comes from boot (process_start_init, or a
	 * ktest), before any second thread could race it. */
	if (!process_cache)
		process_cache = kmem_cache_create("process", sizeof(struct process), 64);
	p = process_cache ? kmem_cache_zalloc(process_cache) : NULL;
	if (!p)
		return NULL;
	process_set_comm(p, comm);
	memcpy(p->rlim, default_rlimits, sizeof(p->rlim));
	list_init(&p->threads);
	list_init(&p->children);
	list_init(&p->sibling);
	list_init(&p->tasks);
	wait_queue_init(&p->wait_chldexit, "wait_chldexit");
	p->exit_signal = SIGCHLD;
	return p;
}

/**
 * process_destroy() - free a process whose threads, mm, files and fs are all gone, and drop
 * its references on its pids and namespace.
 * @p: the process; unlinked from the tree (release_task) or never linked; nothing may point
 *     to it any more; its pid's numbers already freed (or it never got a pid).
 *
 * Context: thread. Return: nothing; panics if something is still attached.
 */
void process_destroy(struct process *p)
{
	BUG_ON(!list_empty(&p->threads) || p->mm || p->files || p->fs);
	BUG_ON(!list_empty(&p->children) || !list_empty(&p->tasks));
	put_pid(p->pid);
	put_pid(p->pgrp);
	put_pid(p->session);
	if (p->pid_ns_for_children)
		put_pid_ns(p->pid_ns_for_children);
	kmem_cache_free(process_cache, p);
}

/**
 * process_link_locked() - make @child a child of @parent (NULL: the root, init) and put it
 * on the process list, numbered already (child->tgid).
 * Context: tasklist_lock held. Return: nothing.
 */
void process_link_locked(struct process *child, struct process *parent)
{
	assert_held(&tasklist_lock);
	child->real_parent = parent;
	child->parent = parent;
	if (parent)
		list_add_tail(&child->sibling, &parent->children);
	list_add_tail(&child->tasks, &all_processes);
	nr_processes++;
}

/**
 * release_task() - the last of a process: out of the tree and the list, its numbers freed,
 * its /proc dentries flushed (kernel/fs/proc/base.c), its memory returned (Linux:
 * release_task).
 * @p: a zombie its parent reaped (EXIT_DEAD), or one auto-reaped at exit; no threads left.
 *
 * Context: thread, tasklist_lock NOT held (taken here). Return: nothing.
 */
void release_task(struct process *p)
{
	struct pid_namespace *ns = pid_ns_of(p->pid);

	spin_lock(&tasklist_lock);
	ptrace_release_leader_locked(p);	/* a traced leader's zombie leaves its tracer */
	list_del(&p->sibling);
	list_init(&p->sibling);
	list_del(&p->tasks);
	list_init(&p->tasks);
	nr_processes--;
	if (ns->child_reaper == p)
		ns->child_reaper = NULL;	/* the namespace may outlive its init */
	free_pid_locked(p->pid);	/* may wake a namespace teardown waiting for it */
	spin_unlock(&tasklist_lock);
	proc_flush_pid(p->pid, p->pid);	/* after the unhash, as Linux 5.7+: no lookup
					 * can bring the dentries back meanwhile */
	signal_process_release(p);
	process_destroy(p);
}

/**
 * process_find() - the live or zombie process numbered @tgid.
 * @tgid: a number; <= 0 finds nothing.
 *
 * Context: tasklist_lock held by the caller if it keeps using the result; else it may be
 * reaped at any moment. Return: the process, or NULL.
 */
struct process *process_find(pid_t tgid)
{
	struct process *p;

	list_for_each_entry(p, &all_processes, tasks)
		if (p->tgid == tgid && p->exit_state != EXIT_DEAD)
			return p;
	return NULL;
}

/**
 * thread_find() - the thread numbered @tid, in any process.
 * Context: as process_find(). Return: the thread, or NULL (exited threads are gone).
 */
struct thread *thread_find(pid_t tid)
{
	struct process *p;
	struct thread *t;

	list_for_each_entry(p, &all_processes, tasks)
		list_for_each_entry(t, &p->threads, thread_link)
			if (t->tid == tid)
				return t;
	return NULL;
}

/**
 * process_find_vnr_locked() - the live or zombie process that has the number @nr in the
 * calling thread's pid namespace - its own, or one of its threads' (as on Linux, kill(),
 * getpgid() and getsid() take a thread's number for its process): how a number from user
 * space is looked up.
 * Context: tasklist_lock held. Return: the process, or NULL (no such number there).
 */
struct process *process_find_vnr_locked(pid_t nr)
{
	struct pid_namespace *ns = current_pid_ns();
	struct process *p;
	struct thread *t;

	assert_held(&tasklist_lock);
	if (nr <= 0)
		return NULL;
	list_for_each_entry(p, &all_processes, tasks) {
		if (p->exit_state == EXIT_DEAD)
			continue;
		if (pid_nr_ns(p->pid, ns) == nr)
			return p;
		list_for_each_entry(t, &p->threads, thread_link)
			if (pid_nr_ns(t->pid, ns) == nr)
				return p;
	}
	return NULL;
}

/**
 * thread_find_vnr_locked() - the live thread whose number is @nr in the caller's namespace.
 * Context: tasklist_lock held. Return: the thread, or NULL.
 */
struct thread *thread_find_vnr_locked(pid_t nr)
{
	struct pid_namespace *ns = current_pid_ns();
	struct process *p;
	struct thread *t;

	assert_held(&tasklist_lock);
	if (nr <= 0)
		return NULL;
	list_for_each_entry(p, &all_processes, tasks)
		list_for_each_entry(t, &p->threads, thread_link)
			if (pid_nr_ns(t->pid, ns) == nr)
				return t;
	return NULL;
}

/**
 * pgrp_find_vnr_locked() - the process group (@session false) or session numbered @nr in the
 * caller's namespace, as the struct pid that names it.
 * Context: tasklist_lock held. Return: the pid (no reference taken), or NULL if no process
 * is in such a group or session.
 */
struct pid *pgrp_find_vnr_locked(pid_t nr, bool session)
{
	struct pid_namespace *ns = current_pid_ns();
	struct process *p;

	assert_held(&tasklist_lock);
	if (nr <= 0)
		return NULL;
	list_for_each_entry(p, &all_processes, tasks) {
		struct pid *g = session ? p->session : p->pgrp;

		if (p->exit_state != EXIT_DEAD && pid_nr_ns(g, ns) == nr)
			return g;
	}
	return NULL;
}

/**
 * pgrp_pid_locked() - the struct pid of the process group (or session) whose root number is
 * @global_nr: to show it in another namespace (getpgid, the tty's foreground group).
 * Context: tasklist_lock held. Return: the pid (no reference taken), or NULL.
 */
struct pid *pgrp_pid_locked(pid_t global_nr, bool session)
{
	struct process *p;

	assert_held(&tasklist_lock);
	list_for_each_entry(p, &all_processes, tasks)
		if ((session ? p->sid : p->pgid) == global_nr)
			return session ? p->session : p->pgrp;
	return NULL;
}

/**
 * process_for_each_locked() - process_for_each() for a caller that holds tasklist_lock
 * already (setpgid's checks, the tty's job control: kernel/pgrp.c, kernel/fs/tty.c).
 * @fn: as process_for_each(); it must not take tasklist_lock.
 *
 * Context: tasklist_lock held. Return: true if @fn stopped the walk.
 */
bool process_for_each_locked(bool (*fn)(struct process *p, void *arg), void *arg)
{
	struct process *p, *next;

	assert_held(&tasklist_lock);
	list_for_each_entry_safe(p, next, &all_processes, tasks)
		if (p->exit_state != EXIT_DEAD && fn(p, arg))
			return true;
	return false;
}

/**
 * process_for_each() - call @fn(p, @arg) for every process, zombies included, until it
 * returns true.
 * @fn: runs under tasklist_lock: must not sleep (it may take LOCK_SIGHAND and below).
 *
 * Context: thread, tasklist_lock not held. Return: true if @fn stopped the walk.
 */
bool process_for_each(bool (*fn)(struct process *p, void *arg), void *arg)
{
	struct process *p, *next;
	bool stopped = false;

	spin_lock(&tasklist_lock);
	list_for_each_entry_safe(p, next, &all_processes, tasks) {
		if (p->exit_state != EXIT_DEAD && fn(p, arg)) {
			stopped = true;
			break;
		}
	}
	spin_unlock(&tasklist_lock);
	return stopped;
}

/**
 * process_set_comm() - name @p after the last component of @path ("/bin/sh" -> "sh"),
 * truncated to PROCESS_COMM_LEN - 1 characters, as Linux's __set_task_comm does.
 * @p: the process. @path: a program path or a plain name.
 *
 * Context: thread. Return: nothing.
 */
void process_set_comm(struct process *p, const char *path)
{
	const char *name = path;

	for (const char *s = path; *s; s++)
		if (*s == '/' && s[1])
			name = s + 1;
	strlcpy(p->comm, name, sizeof(p->comm));
}

/**
 * process_attach_thread() - @t becomes @p's thread with the numbers of @pid, with user
 * registers and an FPU/TLS area of its own (default state; fork copies the parent's over it).
 * @p: the process. @t: a kernel thread not yet running user code. @pid: its pid; the caller's
 *     reference goes to @t on success (p->pid itself for the leader: one more reference).
 *
 * Context: thread, tasklist_lock not held. Return: 0 or -ENOMEM (then nothing changed).
 */
int process_attach_thread(struct process *p, struct thread *t, struct pid *pid)
{
	int err = arch_thread_init(t);

	if (err)
		return err;
	spin_lock(&tasklist_lock);
	t->proc = p;
	t->pid = pid;
	t->tid = pid->numbers[0].nr;
	t->uregs = arch_uregs_slot(t);
	list_add_tail(&t->thread_link, &p->threads);
	if (pid == p->pid)
		p->leader = t;
	p->nr_threads++;
	p->live++;
	spin_unlock(&tasklist_lock);
	return 0;
}

/**
 * process_detach_thread() - @t leaves its process and is a kernel thread again. Its FPU
 * area is freed later, with the thread (kthread_free), since it may still be switched out.
 * @t: the current thread, attached to a process.
 *
 * Context: the thread itself (exit_notify, a failed start of init), tasklist_lock held.
 * Return: nothing.
 */
void process_detach_thread(struct thread *t)
{
	struct process *p = t->proc;

	assert_held(&tasklist_lock);
	list_del(&t->thread_link);
	list_init(&t->thread_link);
	p->nr_threads--;
	t->proc = NULL;
	t->uregs = NULL;
}

/* init_resources() - console on 0, 1, 2 and a root/cwd of "/": what init starts with. */
static int init_resources(struct process *p)
{
	p->files = files_create();
	if (IS_ERR_OR_NULL(p->files)) {
		p->files = NULL;
		return -ENOMEM;
	}
	p->fs = fs_struct_create();
	if (IS_ERR_OR_NULL(p->fs)) {
		p->fs = NULL;
		return -ENOMEM;
	}
	return files_open_console(p->files);
}

/* start_init_failed() - undo process_start_init() for the current thread; returns @err. */
static int start_init_failed(struct process *p, int err)
{
	struct thread *t = sched_current();

	spin_lock(&tasklist_lock);
	if (t->proc == p)
		process_detach_thread(t);
	spin_unlock(&tasklist_lock);
	arch_thread_free(t);
	exit_mm(p);
	exit_files(p);
	exit_fs(p);
	release_task(p);
	return err;
}

/**
 * process_start_init() - turn the calling kernel thread into the first user process.
 * @path: the program (init= on the command line), a kernel string.
 * @argv: its arguments, argv[0] first, NULL-terminated; kernel strings.
 *
 * The process gets tgid 1, the console as fds 0-2, "/" as root and cwd, Linux's default
 * resource limits and the environment HOME=/ TERM=linux (what Linux's kernel_init passes).
 * Context: a kernel thread with a stack of its own (not idle), no locks held; sleeps.
 * Return: on success, never (the thread is in user mode); else -errno: -ENOMEM, or what the
 * console open or do_execve() returned (-ENOENT, -ENOEXEC, -EACCES ...).
 */
int process_start_init(const char *path, const char *const *argv)
{
	static const char *const envp[] = { "HOME=/", "TERM=linux", NULL };
	struct thread *t = sched_current();
	struct process *p = process_create(path);
	int err;

	if (!p)
		return -ENOMEM;
	p->is_init = true;
	p->unkillable = true;
	p->pid = alloc_pid(&init_pid_ns);	/* the first number: 1 */
	if (IS_ERR(p->pid)) {
		p->pid = NULL;
		process_destroy(p);
		return -ENOMEM;
	}
	p->pid_ns_for_children = get_pid_ns(&init_pid_ns);
	spin_lock(&tasklist_lock);
	p->tgid = p->pid->numbers[0].nr;
	process_set_pgrp_locked(p, p->pid, false);
	process_set_pgrp_locked(p, p->pid, true);
	init_pid_ns.child_reaper = p;
	process_link_locked(p, NULL);
	spin_unlock(&tasklist_lock);
	err = signal_fork(p, NULL, 0);
	signal_thread_init(t, NULL);	/* nothing pending, nothing blocked */
	if (!err)
		err = init_resources(p);
	if (!err)
		err = process_attach_thread(p, t, get_pid(p->pid));
	if (!err)
		err = do_execve(path, argv, envp);
	if (err)
		return start_init_failed(p, err);
	pr_info("init: running %s as process %d\n", path, p->tgid);
	arch_enter_user(t->uregs);
}

/* ---- system calls ------------------------------------------------------------------------- */

/* getpid() - the caller's process number, in its own pid namespace (1 for an init). */
long sys_getpid(const struct syscall_args *a)
{
	(void)a;
	return pid_vnr(current_process()->pid);
}

/* gettid() - the caller's thread number, in its own pid namespace. */
long sys_gettid(const struct syscall_args *a)
{
	(void)a;
	return pid_vnr(sched_current()->pid);
}

/* getppid() - the number of the process that forked us or adopted us (real_parent: a tracer
 * does not change it), as we see it: 0 when it is outside our namespace (a namespace's init)
 * and for the root's init, whose parent is the kernel - both as on Linux. */
long sys_getppid(const struct syscall_args *a)
{
	struct process *parent;
	pid_t nr = 0;

	(void)a;
	spin_lock(&tasklist_lock);
	parent = current_process()->real_parent;
	if (parent)
		nr = pid_vnr(parent->pid);
	spin_unlock(&tasklist_lock);
	return nr;
}

/* do_set_tid_address() - remember where to write 0 when the thread exits (futex wake comes
 * with threads). Return: the caller's tid, always. */
static long do_set_tid_address(uaddr_t utidptr)
{
	struct thread *t = sched_current();

	t->clear_child_tid = utidptr;
	return pid_vnr(t->pid);
}

/* set_tid_address(int *tidptr) */
long sys_set_tid_address(const struct syscall_args *a)
{
	return do_set_tid_address(a->arg[0]);
}

/* do_set_robust_list() - record the robust futex list head; nothing walks it yet.
 * Return: 0, or -EINVAL if @len is not the size of struct robust_list_head. */
static long do_set_robust_list(uaddr_t uhead, size_t len)
{
	if (len != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	sched_current()->robust_list = uhead;
	return 0;
}

/* set_robust_list(struct robust_list_head *head, size_t len) */
long sys_set_robust_list(const struct syscall_args *a)
{
	return do_set_robust_list(a->arg[0], a->arg[1]);
}

/* set_name() - PR_SET_NAME: at most 15 bytes of @uname, silently truncated like Linux. (Linux
 * names the calling thread; we have one name per process until threads exist.) */
static long set_name(uaddr_t uname)
{
	char name[PROCESS_COMM_LEN];
	long len = strncpy_from_user(name, uname, PROCESS_COMM_LEN - 1);

	if (len == -EFAULT)
		return -EFAULT;
	name[PROCESS_COMM_LEN - 1] = '\0';	/* -ENAMETOOLONG: 15 bytes copied, no NUL */
	strlcpy(current_process()->comm, name, PROCESS_COMM_LEN);
	return 0;
}

/* get_name() - PR_GET_NAME: the whole 16-byte comm buffer, NUL-padded. */
static long get_name(uaddr_t ubuf)
{
	char name[PROCESS_COMM_LEN] = { 0 };

	strlcpy(name, current_process()->comm, sizeof(name));
	return copy_to_user(ubuf, name, sizeof(name));
}

/* set_child_subreaper() - PR_SET_CHILD_SUBREAPER: orphaned descendants come to us instead
 * of init. Descendants that exist already learn it through has_child_subreaper when they
 * fork (Linux sets it on the whole subtree; we look up the ancestors at exit instead). */
static long set_child_subreaper(uint64_t on)
{
	spin_lock(&tasklist_lock);
	current_process()->is_child_subreaper = on != 0;
	spin_unlock(&tasklist_lock);
	return 0;
}

/* get_child_subreaper() - PR_GET_CHILD_SUBREAPER: 0 or 1 into the int at @uflag. */
static long get_child_subreaper(uaddr_t uflag)
{
	int on = current_process()->is_child_subreaper;

	return copy_to_user(uflag, &on, sizeof(on));
}

/* do_prctl() - the options we implement. Return: 0, -EFAULT, or -EINVAL for others. */
static long do_prctl(int option, uint64_t arg2)
{
	switch (option) {
	case PR_SET_NAME:
		return set_name(arg2);
	case PR_GET_NAME:
		return get_name(arg2);
	case PR_SET_CHILD_SUBREAPER:
		return set_child_subreaper(arg2);
	case PR_GET_CHILD_SUBREAPER:
		return get_child_subreaper(arg2);
	default:
		return -EINVAL;
	}
}

/* prctl(int option, unsigned long arg2, arg3, arg4, arg5) */
long sys_prctl(const struct syscall_args *a)
{
	return do_prctl((int)a->arg[0], a->arg[1]);
}
