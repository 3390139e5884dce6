/* process.c - struct process, the thread group, and how the first one comes to be.
 *
 * A process is what the threads of one program share: an address space, open files, a
 * filesystem context, resource limits (kernel/include/process.h). This issue has exactly one
 * process at a time: init. The kernel has no way yet to make a process from nothing but the
 * one Linux uses too - the boot thread turns itself into it. process_start_init() takes the
 * calling kernel thread (the lead's kmain thread), gives it a process with the console as fds
 * 0, 1, 2, a root and cwd of "/", and Linux's default limits, and execs the init program
 * (Linux: kernel_init -> run_init_process -> kernel_execve). On success the thread leaves for
 * user mode and never comes back to the function that called it.
 *
 * Numbers: tgid and tid come from one counter starting at 1, so init is 1 (TODO(pid): struct
 * pid and pid namespaces replace this in the pid-namespace issue). A process's first thread's
 * tid equals its tgid, as in Linux.
 * The identity system calls live here too: getpid, gettid, getppid, set_tid_address,
 * set_robust_list and prctl(PR_SET_NAME/PR_GET_NAME).
 *
 * Invariants: p->threads lists exactly the threads whose t->proc == p (nr_threads of them);
 *   a thread's proc changes only in process_start_init() and do_exit(), by the thread itself.
 * Locking: none yet - one process, one thread, changed only by itself. The processes issue adds
 *   tasklist_lock for the tree and the thread list.
 * Slab cache: "process". Linux has no single cache for this: task_struct is per thread
 *   (our thread cache already has that name) and the shared part is "signal_cache"
 *   (signal_struct), which holds far less than this struct; "process" says what it is.
 * See also: kernel/exit.c (the end), kernel/exec.c (do_execve), kernel/sched.c (struct thread).
 *   Linux: kernel/fork.c, kernel/sys.c (getpid, prctl), init/main.c (kernel_init).
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
#include "printk.h"
#include "sched.h"
#include "slab.h"
#include "string.h"
#include "syscalls.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/prctl.h"

#define ROBUST_LIST_HEAD_SIZE	24	/* sizeof(struct robust_list_head) on x86-64 */
#define NR_OPEN_MAX		1048576	/* Linux's default fs.nr_open: NOFILE's hard ceiling */

static struct kmem_cache *process_cache;	/* "process" */
static pid_t next_nr = 1;			/* TODO(pid): the pid allocator */

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

/* alloc_nr() - the next process or thread number. TODO(pid): pid_alloc(). */
static pid_t alloc_nr(void)
{
	return __atomic_fetch_add(&next_nr, 1, __ATOMIC_RELAXED);
}

/**
 * process_create() - a new, empty process: no threads, no mm, no files, default limits.
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
	p->tgid = alloc_nr();
	process_set_comm(p, comm);
	memcpy(p->rlim, default_rlimits, sizeof(p->rlim));
	list_init(&p->threads);
	return p;
}

/**
 * process_destroy() - free a process whose threads, mm, files and fs are all gone.
 * @p: the process; nothing may point to it any more.
 *
 * Context: thread. Return: nothing; panics if something is still attached.
 */
void process_destroy(struct process *p)
{
	BUG_ON(!list_empty(&p->threads) || p->mm || p->files || p->fs);
	kmem_cache_free(process_cache, p);
}

/**
 * current_process() - the process of the running thread.
 * Context: any thread. Return: the process, or NULL in a kernel thread.
 */
struct process *current_process(void)
{
	return sched_current()->proc;
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

/* attach_thread() - @t becomes @p's thread number @tid, with user registers and FPU state. */
static int attach_thread(struct process *p, struct thread *t, pid_t tid)
{
	int err = arch_thread_init(t);

	if (err)
		return err;
	t->proc = p;
	t->tid = tid;
	t->uregs = arch_uregs_slot(t);
	list_add_tail(&t->thread_link, &p->threads);
	p->nr_threads++;
	return 0;
}

/**
 * process_detach_thread() - @t leaves its process and is a kernel thread again.
 * @t: the current thread, attached to a process.
 *
 * Context: the thread itself (exit, a failed start of init). Return: nothing.
 */
void process_detach_thread(struct thread *t)
{
	struct process *p = t->proc;

	list_del(&t->thread_link);
	p->nr_threads--;
	t->proc = NULL;
	t->uregs = NULL;
	arch_thread_free(t);
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

	if (t->proc == p)
		process_detach_thread(t);
	exit_mm(p);
	exit_files(p);
	exit_fs(p);
	process_destroy(p);
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
	err = init_resources(p);
	if (!err)
		err = attach_thread(p, t, p->tgid);
	if (!err)
		err = do_execve(path, argv, envp);
	if (err)
		return start_init_failed(p, err);
	pr_info("init: running %s as process %d\n", path, p->tgid);
	arch_enter_user(t->uregs);
}

/* ---- system calls ------------------------------------------------------------------------- */

/* getpid() - the caller's tgid. TODO(pid): in the caller's pid namespace. */
long sys_getpid(const struct syscall_args *a)
{
	(void)a;
	return current_process()->tgid;
}

/* gettid() - the caller's thread id. */
long sys_gettid(const struct syscall_args *a)
{
	(void)a;
	return sched_current()->tid;
}

/* getppid() - 0 for now: init's parent is the kernel, which Linux reports as 0 too, and init
 * is the only process. Real parents come with fork in the processes issue. */
long sys_getppid(const struct syscall_args *a)
{
	(void)a;
	return 0;
}

/* do_set_tid_address() - remember where to write 0 when the thread exits (futex wake comes
 * with threads). Return: the caller's tid, always. */
static long do_set_tid_address(uaddr_t utidptr)
{
	struct thread *t = sched_current();

	t->clear_child_tid = utidptr;
	return t->tid;
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

/* do_prctl() - the two options we implement. Return: 0, -EFAULT, or -EINVAL for others. */
static long do_prctl(int option, uint64_t arg2)
{
	switch (option) {
	case PR_SET_NAME:
		return set_name(arg2);
	case PR_GET_NAME:
		return get_name(arg2);
	default:
		return -EINVAL;
	}
}

/* prctl(int option, unsigned long arg2, arg3, arg4, arg5) */
long sys_prctl(const struct syscall_args *a)
{
	return do_prctl((int)a->arg[0], a->arg[1]);
}
