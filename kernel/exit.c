/* exit.c - the end of a process: do_exit, and the exit system calls.
 *
 * do_exit() is a pipeline, in Linux's order (DESIGN.md section 5), each step one call:
 *   1. exit_clear_child_tid: write 0 to the address set_tid_address() gave (while the address
 *      space still exists; the futex wake-up that goes with it arrives with threads);
 *   2. exit_mm: leave the address space - switch to the kernel's page tables, then free it;
 *   3. exit_files, exit_fs: drop the fd table and the root/cwd;
 *   4. exit_notify: tell whoever waits. This issue has no parent yet, so there is nobody to
 *      tell and nothing to keep: the process is freed at once. The exception is init: "if the
 *      root namespace's init exits, the kernel logs its status and powers off with a failure
 *      code" (DESIGN.md section 3), because nothing can run after it. A test run ends with
 *      reboot(POWER_OFF) instead, so any exit of init is a failure.
 *   5. the thread itself ends: its kernel stack and struct go when it has switched away.
 * The status is a wait status word: (code & 0xff) << 8 for exit(code), the signal number for a
 * process killed by an exception (arch/x86_64/trap.c).
 *
 * Invariants: a process that has passed exit_mm never runs user code again; do_exit never
 *   returns.
 * Locking: none yet; only the exiting thread touches its process. The processes issue adds
 *   tasklist_lock around exit_notify (zombies, reparenting to child_reaper, SIGCHLD).
 * See also: kernel/process.c (the start), kernel/exec.c, kernel/mm (mm_destroy).
 *   Linux: kernel/exit.c (do_exit, exit_mm, exit_files, exit_notify), kernel/fork.c
 *   (mm_release: clear_child_tid).
 */
#include "exit.h"
#include "arch.h"
#include "fdtable.h"
#include "fs_struct.h"
#include "mm_space.h"
#include "panic.h"
#include "printk.h"
#include "process.h"
#include "sched.h"
#include "syscalls.h"
#include "uaccess.h"

#define INIT_EXIT_QEMU_CODE	3	/* QEMU then exits with status (3 << 1) | 1 = 7 */

/* exit_clear_child_tid() - step 1: *clear_child_tid = 0, if the thread asked for it. A bad
 * address is ignored, as in Linux: the thread is going anyway. */
static void exit_clear_child_tid(struct thread *t)
{
	uint32_t zero = 0;

	if (!t->clear_child_tid)
		return;
	(void)copy_to_user(t->clear_child_tid, &zero, sizeof(zero));
	t->clear_child_tid = 0;
}

/**
 * exit_mm() - step 2: the current thread leaves @p's address space, which is then freed.
 * @p: the current process.
 *
 * The order matters: CR3 must stop pointing at the page tables before mm_destroy() frees
 * them, and p->mm is cleared first so that a switch in between already loads the kernel's.
 * Context: the current thread of @p; may sleep. Return: nothing.
 */
void exit_mm(struct process *p)
{
	struct mm *mm = p->mm;

	if (!mm)
		return;
	p->mm = NULL;
	arch_activate_mm(NULL);
	mm_destroy(mm);
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

/* exit_notify() - step 4. Nobody can wait for a process yet (TODO(wait): zombies, parents,
 * SIGCHLD), so a process other than init is freed as soon as it is empty. */
static void exit_notify(struct process *p)
{
	if (p->is_init)
		arch_qemu_exit(INIT_EXIT_QEMU_CODE);
	if (p->nr_threads == 0)
		process_destroy(p);
}

/**
 * do_exit() - end the current thread and, with it (one thread per process), its process.
 * @status: the wait status word (EXIT_STATUS_CODE() or EXIT_STATUS_SIGNAL()).
 *
 * Context: a user thread, interrupts on, no locks held; sleeps. Return: never.
 */
NORETURN void do_exit(int status)
{
	struct thread *t = sched_current();
	struct process *p = t->proc;

	BUG_ON(!p);
	p->exit_code = status;
	if (p->is_init)
		log_init_exit(p, status);
	exit_clear_child_tid(t);
	exit_mm(p);
	exit_files(p);
	exit_fs(p);
	process_detach_thread(t);
	exit_notify(p);
	kthread_exit();
}

/* exit(int code) - end the calling thread. With one thread per process, also the process. */
long sys_exit(const struct syscall_args *a)
{
	do_exit(EXIT_STATUS_CODE((int)a->arg[0]));
}

/* exit_group(int code) - end every thread of the process (TODO(threads): kill the others). */
long sys_exit_group(const struct syscall_args *a)
{
	do_exit(EXIT_STATUS_CODE((int)a->arg[0]));
}
