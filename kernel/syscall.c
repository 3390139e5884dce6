/* syscall.c - the system call table and the dispatcher.
 *
 * The table maps each Linux x86-64 number to its handler, with designated initializers so
 * `[SYS_read] = ...` reads as what it is; a number without an entry is not implemented and
 * returns -ENOSYS (logged once, by name, from syscall_names.c). The dispatcher is the one
 * path every system call takes:
 *   1. read the number and arguments out of the trap frame (arch_syscall_args);
 *   2. bounds-check the number (its low 32 bits, as Linux) and find the handler;
 *   3. (ptrace issue: syscall-enter stop)
 *   4. call it; with syscall.trace=1, log the call and its result;
 *   5. (ptrace issue: syscall-exit stop)
 *   6. put the result in the return register (arch_syscall_set_return).
 * The entry leaves interrupts off; the dispatcher turns them on first thing, except for
 * the few calls marked .irqs_off in the table, which run with them off: getpid, gettid,
 * getppid and the credential getters. Each is a few hundred instructions that never sleep and
 * never touch user memory, as short as a spinlock section (which would turn interrupts off
 * anyway: getppid takes tasklist_lock), so a tick waits no longer than it does for a lock.
 * Why bother: under QEMU's TCG, `sti` ends the translated block and goes back to QEMU's
 * main loop, and that one instruction was a fifth of a null system call's time
 * (docs/performance.md). Linux turns interrupts on for every call (do_syscall_64); this
 * fast path is ours. A traced thread, syscall.trace=1 and syscall.panic= take the full path.
 * Handlers live in their concept's file (kernel/include/syscalls.h lists them), decode their
 * arguments by name and call a typed do_X().
 * A debug option, syscall.panic=NR, makes the first system call NR from user space panic the
 * kernel in step 2: a way to see what a panic prints for a thread that came from user space
 * (the "User side" block of kernel/lib/panic.c), and the negative control that tests it.
 * Locking: the table and the options are read-only after boot; the "logged once" bits are
 * racy on purpose (one CPU; a duplicate log line would be harmless).
 * See also: arch/x86_64/syscall.asm (the entry), DESIGN.md section 10. Linux:
 * arch/x86/entry/common.c (do_syscall_64), arch/x86/entry/syscall_64.c. */
#include "syscall.h"
#include "arch.h"
#include "cmdline.h"
#include "panic.h"
#include "printk.h"
#include "sched.h"
#include "syscalls.h"
#include "uapi/errno.h"
#include "uapi/unistd.h"

extern const char *const syscall_names[SYS_MAX];

static const struct syscall_entry syscall_table[SYS_MAX] = {
	[SYS_execve] = { sys_execve, "execve" },
	[SYS_brk] = { sys_brk, "brk" },
	[SYS_mmap] = { sys_mmap, "mmap" },
	[SYS_munmap] = { sys_munmap, "munmap" },
	[SYS_mprotect] = { sys_mprotect, "mprotect" },
	[SYS_madvise] = { sys_madvise, "madvise" },
	[SYS_exit] = { sys_exit, "exit" },
	[SYS_exit_group] = { sys_exit_group, "exit_group" },
	[SYS_fork] = { sys_fork, "fork" },
	[SYS_vfork] = { sys_vfork, "vfork" },
	[SYS_clone] = { sys_clone, "clone" },
	[SYS_clone3] = { sys_clone3, "clone3" },
	[SYS_wait4] = { sys_wait4, "wait4" },
	[SYS_waitid] = { sys_waitid, "waitid" },
	[SYS_futex] = { sys_futex, "futex" },
	[SYS_getpid] = { sys_getpid, "getpid", .irqs_off = true },
	[SYS_gettid] = { sys_gettid, "gettid", .irqs_off = true },
	[SYS_getppid] = { sys_getppid, "getppid", .irqs_off = true },
	[SYS_set_tid_address] = { sys_set_tid_address, "set_tid_address" },
	[SYS_set_robust_list] = { sys_set_robust_list, "set_robust_list" },
	[SYS_prctl] = { sys_prctl, "prctl" },
	[SYS_getuid] = { sys_getuid, "getuid", .irqs_off = true },
	[SYS_geteuid] = { sys_geteuid, "geteuid", .irqs_off = true },
	[SYS_getgid] = { sys_getgid, "getgid", .irqs_off = true },
	[SYS_getegid] = { sys_getegid, "getegid", .irqs_off = true },
	[SYS_uname] = { sys_uname, "uname" },
	[SYS_sysinfo] = { sys_sysinfo, "sysinfo" },
	[SYS_getrandom] = { sys_getrandom, "getrandom" },
	[SYS_prlimit64] = { sys_prlimit64, "prlimit64" },
	[SYS_getrlimit] = { sys_getrlimit, "getrlimit" },
	[SYS_setrlimit] = { sys_setrlimit, "setrlimit" },
	[SYS_reboot] = { sys_reboot, "reboot" },
	[SYS_sync] = { sys_sync, "sync" },
	[SYS_syslog] = { sys_syslog, "syslog" },
	[SYS_clock_gettime] = { sys_clock_gettime, "clock_gettime" },
	[SYS_clock_getres] = { sys_clock_getres, "clock_getres" },
	[SYS_gettimeofday] = { sys_gettimeofday, "gettimeofday" },
	[SYS_time] = { sys_time, "time" },
	[SYS_nanosleep] = { sys_nanosleep, "nanosleep" },
	[SYS_clock_nanosleep] = { sys_clock_nanosleep, "clock_nanosleep" },
	[SYS_sched_yield] = { sys_sched_yield, "sched_yield" },
	[SYS_arch_prctl] = { sys_arch_prctl, "arch_prctl" },
	[SYS_read] = { sys_read, "read" },
	[SYS_write] = { sys_write, "write" },
	[SYS_readv] = { sys_readv, "readv" },
	[SYS_writev] = { sys_writev, "writev" },
	[SYS_pread64] = { sys_pread64, "pread64" },
	[SYS_pwrite64] = { sys_pwrite64, "pwrite64" },
	[SYS_lseek] = { sys_lseek, "lseek" },
	[SYS_sendfile] = { sys_sendfile, "sendfile" },
	[SYS_pipe] = { sys_pipe, "pipe" },
	[SYS_pipe2] = { sys_pipe2, "pipe2" },
	[SYS_poll] = { sys_poll, "poll" },
	[SYS_ppoll] = { sys_ppoll, "ppoll" },
	[SYS_select] = { sys_select, "select" },
	[SYS_pselect6] = { sys_pselect6, "pselect6" },
	[SYS_open] = { sys_open, "open" },
	[SYS_openat] = { sys_openat, "openat" },
	[SYS_creat] = { sys_creat, "creat" },
	[SYS_close] = { sys_close, "close" },
	[SYS_access] = { sys_access, "access" },
	[SYS_faccessat] = { sys_faccessat, "faccessat" },
	[SYS_faccessat2] = { sys_faccessat2, "faccessat2" },
	[SYS_umask] = { sys_umask, "umask" },
	[SYS_chmod] = { sys_chmod, "chmod" },
	[SYS_fchmod] = { sys_fchmod, "fchmod" },
	[SYS_fchmodat] = { sys_fchmodat, "fchmodat" },
	[SYS_truncate] = { sys_truncate, "truncate" },
	[SYS_ftruncate] = { sys_ftruncate, "ftruncate" },
	[SYS_chdir] = { sys_chdir, "chdir" },
	[SYS_fchdir] = { sys_fchdir, "fchdir" },
	[SYS_getcwd] = { sys_getcwd, "getcwd" },
	[SYS_fsync] = { sys_fsync, "fsync" },
	[SYS_fdatasync] = { sys_fdatasync, "fdatasync" },
	[SYS_stat] = { sys_stat, "stat" },
	[SYS_fstat] = { sys_fstat, "fstat" },
	[SYS_lstat] = { sys_lstat, "lstat" },
	[SYS_newfstatat] = { sys_newfstatat, "newfstatat" },
	[SYS_readlink] = { sys_readlink, "readlink" },
	[SYS_readlinkat] = { sys_readlinkat, "readlinkat" },
	[SYS_getdents64] = { sys_getdents64, "getdents64" },
	[SYS_mkdir] = { sys_mkdir, "mkdir" },
	[SYS_mkdirat] = { sys_mkdirat, "mkdirat" },
	[SYS_rmdir] = { sys_rmdir, "rmdir" },
	[SYS_unlink] = { sys_unlink, "unlink" },
	[SYS_unlinkat] = { sys_unlinkat, "unlinkat" },
	[SYS_rename] = { sys_rename, "rename" },
	[SYS_renameat] = { sys_renameat, "renameat" },
	[SYS_renameat2] = { sys_renameat2, "renameat2" },
	[SYS_symlink] = { sys_symlink, "symlink" },
	[SYS_symlinkat] = { sys_symlinkat, "symlinkat" },
	[SYS_link] = { sys_link, "link" },
	[SYS_linkat] = { sys_linkat, "linkat" },
	[SYS_dup] = { sys_dup, "dup" },
	[SYS_dup2] = { sys_dup2, "dup2" },
	[SYS_dup3] = { sys_dup3, "dup3" },
	[SYS_fcntl] = { sys_fcntl, "fcntl" },
	[SYS_ioctl] = { sys_ioctl, "ioctl" },
	[SYS_mount] = { sys_mount, "mount" },
	[SYS_umount2] = { sys_umount2, "umount2" },
	/* signals, timers, process groups (kernel/signal_syscalls.c, itimer.c, pgrp.c) */
	[SYS_rt_sigaction] = { sys_rt_sigaction, "rt_sigaction" },
	[SYS_rt_sigprocmask] = { sys_rt_sigprocmask, "rt_sigprocmask" },
	[SYS_rt_sigreturn] = { sys_rt_sigreturn, "rt_sigreturn" },
	[SYS_rt_sigpending] = { sys_rt_sigpending, "rt_sigpending" },
	[SYS_rt_sigsuspend] = { sys_rt_sigsuspend, "rt_sigsuspend" },
	[SYS_rt_sigtimedwait] = { sys_rt_sigtimedwait, "rt_sigtimedwait" },
	[SYS_sigaltstack] = { sys_sigaltstack, "sigaltstack" },
	[SYS_kill] = { sys_kill, "kill" },
	[SYS_tkill] = { sys_tkill, "tkill" },
	[SYS_tgkill] = { sys_tgkill, "tgkill" },
	[SYS_rt_sigqueueinfo] = { sys_rt_sigqueueinfo, "rt_sigqueueinfo" },
	[SYS_pause] = { sys_pause, "pause" },
	[SYS_restart_syscall] = { sys_restart_syscall, "restart_syscall" },
	[SYS_alarm] = { sys_alarm, "alarm" },
	[SYS_setitimer] = { sys_setitimer, "setitimer" },
	[SYS_getitimer] = { sys_getitimer, "getitimer" },
	[SYS_setpgid] = { sys_setpgid, "setpgid" },
	[SYS_getpgid] = { sys_getpgid, "getpgid" },
	[SYS_getpgrp] = { sys_getpgrp, "getpgrp" },
	[SYS_setsid] = { sys_setsid, "setsid" },
	[SYS_getsid] = { sys_getsid, "getsid" },
	[SYS_ptrace] = { sys_ptrace, "ptrace" },
	[SYS_unshare] = { sys_unshare, "unshare" },
	[SYS_setns] = { sys_setns, "setns" },
};

static bool trace_enabled;			/* syscall.trace=1 */
static long panic_nr = -1;			/* syscall.panic=NR; -1: off */
static uint8_t enosys_logged[SYS_MAX / 8 + 1];	/* one bit per number */

/* syscall_init() - read syscall.trace from the command line. Context: boot. */
void syscall_init(void)
{
	trace_enabled = cmdline_get_long("syscall.trace", 0) != 0;
	if (trace_enabled)
		pr_info("syscall: tracing every system call (syscall.trace=1)\n");
	panic_nr = cmdline_get_long("syscall.panic", -1);
	if (panic_nr >= 0)
		pr_warn("syscall: syscall.panic=%ld: system call %s will panic the kernel\n",
			panic_nr, syscall_name(panic_nr));
}

/* syscall_name() - "read", "getpid"...; "?" for a number Linux does not define. */
const char *syscall_name(uint64_t nr)
{
	if (nr < SYS_MAX && syscall_names[nr])
		return syscall_names[nr];
	return "?";
}

static void log_enosys_once(uint64_t nr)
{
	uint64_t bit = nr < SYS_MAX ? nr : SYS_MAX - 1;

	if (enosys_logged[bit / 8] & (1 << (bit % 8)))
		return;
	enosys_logged[bit / 8] |= 1 << (bit % 8);
	pr_warn("syscall: %lu %s not implemented (ENOSYS)\n", nr, syscall_name(nr));
}

/* panic_if_asked() - syscall.panic=NR: a deliberate panic inside system call NR (debug). */
static void panic_if_asked(const struct syscall_args *a)
{
	if ((long)a->nr == panic_nr)
		panic("syscall.panic=%ld: %s() entered from user space", panic_nr,
		      syscall_name(a->nr));
}

static void trace_call(const struct syscall_args *a, long ret)
{
	struct thread *t = sched_current();

	pr_info("syscall: [%d] %s(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx) = %ld\n", t->tid,
		syscall_name(a->nr), a->arg[0], a->arg[1], a->arg[2], a->arg[3], a->arg[4],
		a->arg[5], ret);
}

/* fast_call() - run the call in @tf with interrupts still off, as the entry left them, if
 * its table entry allows it and nothing has to see it (a tracer, syscall.trace=1,
 * syscall.panic=): steps 1, 2, 4 and 6 with nothing in between, interrupts off.
 * Return: true if it ran. */
static inline bool fast_call(struct thread *t, struct trap_frame *tf)
{
	struct syscall_args args;

	if (t->ptrace.flags & (PT_SYSCALL | PT_SINGLESTEP))
		return false;
	arch_syscall_args(tf, &args);
	args.nr = (uint32_t)args.nr;
	if (args.nr >= SYS_MAX || !syscall_table[args.nr].irqs_off || trace_enabled ||
	    panic_nr >= 0)
		return false;
	arch_syscall_set_return(tf, syscall_table[args.nr].fn(&args));
	return true;
}

/**
 * syscall_dispatch() - run the system call described by the trap frame @tf.
 * @tf: the user registers saved by the syscall entry; the result goes back into it.
 *
 * A tracee resumed with PTRACE_SYSCALL stops before the call (its tracer may change the
 * number and arguments in the frame, or skip the call) and after it (and may change the
 * result); one resumed with PTRACE_SINGLESTEP reports a step after the call (kernel/
 * ptrace_stop.c).
 *
 * Context: the calling thread, no locks held, interrupts off as the entry left them: turned
 * on first thing (fast_call() aside); may sleep. Returns with them on, or off after a fast call
 * (the entry turns them off anyway). Return: nothing.
 */
void syscall_dispatch(struct trap_frame *tf)
{
	struct thread *t = sched_current();
	struct syscall_args args;
	long ret;

	if (fast_call(t, tf))
		return;
	arch_irq_enable();	/* the entry left them off (arch/x86_64/syscall.asm) */
	/* What a tracer sees in rax at the entry stop, and the result if it skips the call. */
	arch_syscall_set_return(tf, -ENOSYS);
	if ((t->ptrace.flags & PT_SYSCALL) && !ptrace_syscall_enter(tf))
		goto out;	/* skipped: orig_rax set to -1 by the tracer, or SIGKILL */
	arch_syscall_args(tf, &args);	/* after the entry stop: the tracer may edit them */
	/* Linux reads the number as an int: rax's upper 32 bits do not count, so
	 * 0x100000027 is getpid (found by the fuzzer, compared with Linux on the host). */
	args.nr = (uint32_t)args.nr;
	panic_if_asked(&args);
	ret = -ENOSYS;
	if (args.nr < SYS_MAX && syscall_table[args.nr].fn)
		ret = syscall_table[args.nr].fn(&args);
	else
		log_enosys_once(args.nr);
	if (trace_enabled)
		trace_call(&args, ret);
	arch_syscall_set_return(tf, ret);
out:
	if (t->ptrace.flags & (PT_SYSCALL | PT_SINGLESTEP))
		ptrace_syscall_exit(tf);
}
