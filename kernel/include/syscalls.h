/* syscalls.h - every system call handler, by the file that implements it.
 * Each is `long sys_X(const struct syscall_args *a)`, returning a result or -errno; the table
 * in kernel/syscall.c maps Linux's numbers to them. (Linux: include/linux/syscalls.h.) */
#ifndef REAPER_SYSCALLS_H
#define REAPER_SYSCALLS_H

#include "syscall.h"

#define SYSCALL(name) long sys_##name(const struct syscall_args *a)

/* kernel/exec.c */
SYSCALL(execve);
/* kernel/mm/mmap.c */
SYSCALL(brk); SYSCALL(mmap); SYSCALL(munmap); SYSCALL(mprotect); SYSCALL(madvise);
/* kernel/exit.c */
SYSCALL(exit); SYSCALL(exit_group);
/* kernel/fork.c */
SYSCALL(fork); SYSCALL(vfork); SYSCALL(clone); SYSCALL(clone3); SYSCALL(unshare);
SYSCALL(setns);
/* kernel/ptrace.c */
SYSCALL(ptrace);
/* kernel/wait.c */
SYSCALL(wait4); SYSCALL(waitid);
/* kernel/futex.c */
SYSCALL(futex);
/* kernel/process.c */
SYSCALL(getpid); SYSCALL(gettid); SYSCALL(getppid); SYSCALL(set_tid_address);
SYSCALL(set_robust_list); SYSCALL(prctl);
/* kernel/sys.c: identity, limits, system information, reboot */
SYSCALL(getuid); SYSCALL(geteuid); SYSCALL(getgid); SYSCALL(getegid); SYSCALL(uname);
SYSCALL(sysinfo); SYSCALL(getrandom); SYSCALL(prlimit64); SYSCALL(getrlimit);
SYSCALL(setrlimit); SYSCALL(reboot); SYSCALL(sync);
/* kernel/syslog.c */
SYSCALL(syslog);
/* kernel/time_syscalls.c */
SYSCALL(clock_gettime); SYSCALL(clock_getres); SYSCALL(gettimeofday); SYSCALL(time);
SYSCALL(nanosleep); SYSCALL(clock_nanosleep); SYSCALL(sched_yield);
/* arch/x86_64/tls.c */
SYSCALL(arch_prctl);
/* kernel/fs/read_write.c */
SYSCALL(read); SYSCALL(write); SYSCALL(readv); SYSCALL(writev); SYSCALL(pread64);
SYSCALL(pwrite64); SYSCALL(lseek); SYSCALL(sendfile);
/* kernel/fs/open.c */
SYSCALL(open); SYSCALL(openat); SYSCALL(creat); SYSCALL(close); SYSCALL(access);
SYSCALL(faccessat); SYSCALL(faccessat2); SYSCALL(umask); SYSCALL(chmod); SYSCALL(fchmod);
SYSCALL(fchmodat); SYSCALL(truncate); SYSCALL(ftruncate); SYSCALL(chdir); SYSCALL(fchdir);
SYSCALL(getcwd); SYSCALL(fsync); SYSCALL(fdatasync);
/* kernel/fs/stat.c */
SYSCALL(stat); SYSCALL(fstat); SYSCALL(lstat); SYSCALL(newfstatat); SYSCALL(readlink);
SYSCALL(readlinkat);
/* kernel/fs/readdir.c */
SYSCALL(getdents64);
/* kernel/fs/namei.c: creating and removing names */
SYSCALL(mkdir); SYSCALL(mkdirat); SYSCALL(rmdir); SYSCALL(unlink); SYSCALL(unlinkat);
SYSCALL(rename); SYSCALL(renameat); SYSCALL(renameat2); SYSCALL(symlink); SYSCALL(symlinkat);
SYSCALL(link); SYSCALL(linkat);
/* kernel/fs/fdtable.c */
SYSCALL(dup); SYSCALL(dup2); SYSCALL(dup3); SYSCALL(fcntl);
/* kernel/fs/ioctl.c */
SYSCALL(ioctl);
/* kernel/fs/mount.c */
SYSCALL(mount); SYSCALL(umount2);
/* kernel/fs/pipe.c */
SYSCALL(pipe); SYSCALL(pipe2);
/* kernel/fs/select.c */
SYSCALL(poll); SYSCALL(ppoll); SYSCALL(select); SYSCALL(pselect6);
/* kernel/signal_syscalls.c */
SYSCALL(rt_sigaction); SYSCALL(rt_sigprocmask); SYSCALL(rt_sigreturn); SYSCALL(rt_sigpending);
SYSCALL(rt_sigsuspend); SYSCALL(rt_sigtimedwait); SYSCALL(sigaltstack); SYSCALL(kill);
SYSCALL(tkill); SYSCALL(tgkill); SYSCALL(rt_sigqueueinfo); SYSCALL(pause);
SYSCALL(restart_syscall);
/* kernel/itimer.c */
SYSCALL(alarm); SYSCALL(setitimer); SYSCALL(getitimer);
/* kernel/pgrp.c */
SYSCALL(setpgid); SYSCALL(getpgid); SYSCALL(getpgrp); SYSCALL(setsid); SYSCALL(getsid);

#undef SYSCALL

#endif
