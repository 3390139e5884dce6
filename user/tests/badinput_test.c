/* badinput_test.c - every system call in kernel/include/syscalls.h, given bad arguments.
 *
 * DESIGN.md §1.5: nothing a program does can crash the kernel. Each row of the tables below
 * is one raw syscall() with a NULL, -1, unmapped (0x10000), kernel (0xffffffff80000000) or
 * non-canonical (0x0000800000000000) pointer, a bad descriptor, a huge length or an invalid
 * flag, and the errno Linux x86-64 returns for it (checked on the host: tests/run-on-linux.sh).
 * Rows marked OK must succeed (any value). The program surviving every row is itself part of
 * the test: no row passes a bad pointer where Linux would kill the caller instead of failing.
 *
 * Arguments that need run-time values (open descriptors, paths in a scratch directory, valid
 * buffers) are written as placeholders (RO_FD, PATH, BUF ...) and resolved by resolve().
 * Rows are grouped into one case per syscall file of the kernel (read_write, open, stat ...);
 * a failing row prints its own line, e.g.
 *	# badinput_test.c:140: read(RO_FD, UNMAP, 16): returned 16, expected EFAULT
 * exit and exit_group are not here: every argument is valid and they do not return.
 * See also: kernel/mm/uaccess.c, kernel/syscall.c, tap.h. */
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

/* Bad addresses. */
#define UNMAP		0x10000L		/* below every program: never mapped */
#define KADDR		((long)0xffffffff80000000UL)	/* the kernel image */
#define NONCANON	0x0000800000000000L	/* the first non-canonical address */
#define HUGE		(1L << 62)

/* <linux/futex.h>, which musl does not carry. */
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_WAIT_PRIVATE	(FUTEX_WAIT | FUTEX_PRIVATE_FLAG)

/* Placeholders, resolved at run time (values no real argument here takes). */
enum placeholder {
	RO_FD = 0x5e000001,	/* "file", 64 bytes, O_RDONLY */
	WO_FD,			/* "file", O_WRONLY */
	DIR_FD,			/* the scratch directory, O_RDONLY */
	CLOSED_FD,		/* a descriptor number that is not open */
	BUF,			/* a valid, page-aligned 8 KiB buffer */
	PATH,			/* "DIR/file" */
	PATH2,			/* "DIR/file2" */
	LINK,			/* "DIR/link" -> file */
	DIR,			/* the scratch directory (not empty) */
	MISSING,		/* "DIR/missing" */
	MISSING_X,		/* "DIR/missing/x" */
	PATH_X,			/* "DIR/file/x" */
	NEWPATH,		/* "DIR/new", never created */
	SUBDIR,			/* "DIR/sub", an empty directory */
	SUBDIR_X,		/* "DIR/sub/x" */
	LONGPATH,		/* longer than PATH_MAX */
	LONGNAME,		/* "DIR/" + a 300-byte name */
	EMPTY,			/* "" */
	REL,			/* "rel", a relative name */
	SELF,			/* this program's path */
	BAD_ARGV,		/* { (char *)UNMAP, NULL } */
	BAD_IOV,		/* { { UNMAP, 16 } } */
	NEG_IOV,		/* { { BUF, (size_t)-1 } } */
	BAD_TS,			/* { 0, 2000000000 }: tv_nsec too big */
	NEG_TS,			/* { -1, 0 } */
	BAD_RLIMIT,		/* { cur 10, max 5 } */
	RAMFS,			/* "ramfs" */
	ROOT,			/* "/" */
	SELF_PID,		/* getpid() */
	SELF_TID,		/* gettid() */
	CHILD,			/* a child forked for the row, which _exit(0)s at once */
	NOPID,			/* 0x3fffffff: above every pid_max, never a process */
	SIGSET,			/* an empty 8-byte sigset_t */
	SIGACT,			/* a kernel struct sigaction with a handler, SA_RESTORER */
	ZERO_TS,		/* { 0, 0 }: poll, never block */
	ZERO_TV,		/* struct timeval { 0, 0 } */
	NEG_TV,			/* struct timeval { -1, 0 } */
	ZERO_ITV,		/* struct itimerval, all 0: disarm */
	BAD_ITV,		/* struct itimerval, it_value.tv_usec 2000000 */
	SS_BADFLAGS,		/* stack_t { BUF, 0x10, 8192 }: no such flag */
	SS_SMALL,		/* stack_t { BUF, 0, 1024 }: below MINSIGSTKSZ */
	BUF_ODD,		/* BUF + 1: not 4-byte aligned */
	BAD_SIGMASK,		/* pselect6's { UNMAP, 8 } */
	SHORT_SIGMASK,		/* pselect6's { SIGSET, 4 } */
	SIGMASK_ARG,		/* pselect6's { SIGSET, 8 } (with a bad timeout etc.) */
	NOFILE_PLUS1,		/* RLIMIT_NOFILE's soft limit + 1 */
};

#define OK 0			/* the row must succeed */
#define ROOT_ONLY 0x10000	/* flag: Linux gives EPERM first to non-root; skip then */

struct row {
	int line;		/* where the row is, for the failure message */
	const char *call;	/* the row as written */
	long nr;		/* syscall number */
	long arg[6];
	int want;		/* errno, or OK; | ROOT_ONLY */
};

#define ROW(want, sys, ...) { __LINE__, #sys "(" #__VA_ARGS__ ")", SYS_##sys, { __VA_ARGS__ }, want }

static char dir[64];
static char paths[16][512];
static char longpath[PATH_MAX + 100];
static const char *self;
static int ro_fd = -1, wo_fd = -1, dir_fd = -1;
static unsigned char buf[8192] __attribute__((aligned(4096)));
static char *const bad_argv[] = { (char *)UNMAP, NULL };
static struct iovec bad_iov[] = { { (void *)UNMAP, 16 } };
static struct iovec neg_iov[] = { { buf, (size_t)-1 } };
static struct timespec bad_ts = { 0, 2000000000 }, neg_ts = { -1, 0 };
static struct rlimit bad_rlimit = { 10, 5 };
static uint64_t sigset_empty;
static void handler(int sig) { (void)sig; }
static struct {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
} sigact = { handler, 0x04000000 /* SA_RESTORER */, 0, 0 };
static struct timespec zero_ts;
static struct timeval zero_tv, neg_tv = { -1, 0 };
static struct itimerval zero_itv, bad_itv = { { 0, 0 }, { 0, 2000000 } };
static stack_t ss_badflags = { buf, 0x10, sizeof(buf) }, ss_small = { buf, 0, 1024 };
static struct { void *set; size_t size; } bad_sigmask = { (void *)UNMAP, 8 },
	short_sigmask = { &sigset_empty, 4 }, sigmask_arg = { &sigset_empty, 8 };
static pid_t child;		/* the row's CHILD, reaped after the row */

static const char *path_of(enum placeholder p)
{
	return paths[p - PATH];
}

/* resolve() - a placeholder's run-time value; anything else unchanged. */
static long resolve(long v)
{
	switch (v) {
	case RO_FD: return ro_fd;
	case WO_FD: return wo_fd;
	case DIR_FD: return dir_fd;
	case CLOSED_FD: return 999;
	case BUF: return (long)buf;
	case PATH: case PATH2: case LINK: case DIR: case MISSING: case MISSING_X: case PATH_X:
	case NEWPATH: case SUBDIR: case SUBDIR_X: case LONGNAME:
		return (long)path_of((enum placeholder)v);
	case LONGPATH: return (long)longpath;
	case EMPTY: return (long)"";
	case REL: return (long)"rel";
	case SELF: return (long)self;
	case BAD_ARGV: return (long)bad_argv;
	case BAD_IOV: return (long)bad_iov;
	case NEG_IOV: return (long)neg_iov;
	case BAD_TS: return (long)&bad_ts;
	case NEG_TS: return (long)&neg_ts;
	case BAD_RLIMIT: return (long)&bad_rlimit;
	case RAMFS: return (long)"ramfs";
	case ROOT: return (long)"/";
	case SELF_PID: return getpid();
	case SELF_TID: return syscall(SYS_gettid);
	case CHILD:
		child = fork();
		if (child == 0)
			_exit(0);
		return child;
	case NOPID: return 0x3fffffff;
	case SIGSET: return (long)&sigset_empty;
	case SIGACT: return (long)&sigact;
	case ZERO_TS: return (long)&zero_ts;
	case ZERO_TV: return (long)&zero_tv;
	case NEG_TV: return (long)&neg_tv;
	case ZERO_ITV: return (long)&zero_itv;
	case BAD_ITV: return (long)&bad_itv;
	case SS_BADFLAGS: return (long)&ss_badflags;
	case SS_SMALL: return (long)&ss_small;
	case BUF_ODD: return (long)buf + 1;
	case BAD_SIGMASK: return (long)&bad_sigmask;
	case SHORT_SIGMASK: return (long)&short_sigmask;
	case SIGMASK_ARG: return (long)&sigmask_arg;
	case NOFILE_PLUS1: {
		struct rlimit rl;

		return getrlimit(RLIMIT_NOFILE, &rl) == 0 ? (long)rl.rlim_cur + 1 : INT_MAX;
	}
	default: return v;
	}
}

/* run_row() - make the call and compare with the row's expectation. */
static void run_row(const struct row *r)
{
	long a[6], ret;
	int err, want = r->want & ~ROOT_ONLY;

	if ((r->want & ROOT_ONLY) && geteuid() != 0)
		return;
	for (int i = 0; i < 6; i++)
		a[i] = resolve(r->arg[i]);
	errno = 0;
	ret = syscall(r->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	err = errno;
	if ((r->nr == SYS_clone || r->nr == SYS_clone3) && ret == 0)
		_exit(0);	/* a child a bad clone should not have made: it must not run on */
	if (child > 0) {	/* the row's CHILD, if the row did not reap it */
		waitpid(child, NULL, 0);
		child = 0;
	}
	if (want == OK && ret == -1)
		tap_fail(__FILE__, r->line, "%s: failed with %s, expected success", r->call,
			 tap_errno_name(err));
	else if (want != OK && ret != -1)
		tap_fail(__FILE__, r->line, "%s: returned %ld, expected %s", r->call, ret,
			 tap_errno_name(want));
	else if (want != OK && err != want)
		tap_fail(__FILE__, r->line, "%s: failed with %s, expected %s", r->call,
			 tap_errno_name(err), tap_errno_name(want));
}

#define RUN(rows) run_rows(rows, sizeof(rows) / sizeof(rows[0]))

static void run_rows(const struct row *rows, size_t n)
{
	if (ro_fd < 0 || wo_fd < 0 || dir_fd < 0) {
		tap_fail(__FILE__, __LINE__, "the scratch files could not be made");
		return;
	}
	for (size_t i = 0; i < n; i++)
		run_row(&rows[i]);
}

/* ---- the tables, in the order of kernel/include/syscalls.h ---- */

static void exec(void)
{
	static const struct row rows[] = {
		ROW(EFAULT, execve, 0, BAD_ARGV, 0),
		ROW(EFAULT, execve, UNMAP, 0, 0),
		ROW(EFAULT, execve, KADDR, 0, 0),
		ROW(EFAULT, execve, NONCANON, 0, 0),
		ROW(EFAULT, execve, SELF, UNMAP, 0),
		ROW(EFAULT, execve, SELF, BAD_ARGV, 0),
		ROW(EFAULT, execve, SELF, KADDR, 0),
		ROW(ENOENT, execve, MISSING, 0, 0),
		ROW(ENOENT, execve, EMPTY, 0, 0),
		ROW(ENAMETOOLONG, execve, LONGPATH, 0, 0),
		ROW(EACCES, execve, DIR, 0, 0),
		ROW(ENOTDIR, execve, PATH_X, 0, 0),
	};
	RUN(rows);
}

static void mmap_family(void)
{
	static const struct row rows[] = {
		ROW(OK, brk, -1),
		ROW(OK, brk, KADDR),
		ROW(OK, brk, NONCANON),
		ROW(EINVAL, mmap, 0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
		ROW(EBADF, mmap, 0, 4096, PROT_READ, MAP_PRIVATE, -1, 0),
		ROW(EBADF, mmap, 0, 4096, PROT_READ, MAP_PRIVATE, CLOSED_FD, 0),
		ROW(EINVAL, mmap, 0, 4096, PROT_READ, MAP_PRIVATE, RO_FD, 1),
		ROW(EINVAL, mmap, 0, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0),
		ROW(EINVAL, mmap, 0, 4096, PROT_READ, 0xf | MAP_ANONYMOUS, -1, 0),
		ROW(ENOMEM, mmap, 0, HUGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
		ROW(ENOMEM, mmap, 0, -1, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
		ROW(ENOMEM, mmap, KADDR, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		    -1, 0),
		ROW(ENOMEM, mmap, NONCANON, 4096, PROT_READ,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		ROW(EINVAL, mmap, UNMAP + 1, 4096, PROT_READ,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
		ROW(ENODEV, mmap, 0, 4096, PROT_READ, MAP_PRIVATE, DIR_FD, 0),
		ROW(EACCES, mmap, 0, 4096, PROT_READ, MAP_PRIVATE, WO_FD, 0),
		ROW(EINVAL, munmap, UNMAP + 1, 4096),
		ROW(EINVAL, munmap, UNMAP, 0),
		ROW(EINVAL, munmap, KADDR, 4096),
		ROW(EINVAL, munmap, NONCANON, 4096),
		ROW(EINVAL, munmap, UNMAP, HUGE),
		ROW(OK, munmap, UNMAP, 4096),			/* nothing there: fine */
		ROW(EINVAL, mprotect, UNMAP + 1, 4096, PROT_READ),
		ROW(ENOMEM, mprotect, UNMAP, 4096, PROT_READ),
		ROW(ENOMEM, mprotect, KADDR, 4096, PROT_READ),
		ROW(ENOMEM, mprotect, UNMAP, -1, PROT_READ),
		ROW(EINVAL, mprotect, BUF, 4096, 0x1000),
		ROW(EINVAL, madvise, UNMAP + 1, 4096, MADV_NORMAL),
		ROW(EINVAL, madvise, BUF, 4096, 9999),
		ROW(ENOMEM, madvise, UNMAP, 4096, MADV_DONTNEED),
	};
	RUN(rows);
}

static void clone_family(void)
{
	static const struct row rows[] = {
		ROW(EINVAL, clone, CLONE_THREAD | SIGCHLD, 0, 0, 0, 0),	/* no CLONE_SIGHAND */
		ROW(EINVAL, clone, CLONE_SIGHAND | SIGCHLD, 0, 0, 0, 0),	/* no CLONE_VM */
		ROW(EINVAL, clone, CLONE_THREAD | CLONE_SIGHAND | SIGCHLD, 0, 0, 0, 0),
		ROW(EINVAL, clone, CLONE_NEWNS | CLONE_FS | SIGCHLD, 0, 0, 0, 0),
	};
	RUN(rows);
}

static void wait_family(void)
{
	static const struct row rows[] = {
		ROW(ECHILD, wait4, -1, BUF, 0, 0),		/* no children */
		ROW(ECHILD, wait4, -1, 0, WNOHANG, 0),
		ROW(ESRCH, wait4, INT_MIN, BUF, 0, 0),
		ROW(EINVAL, wait4, -1, BUF, 0x100, 0),		/* no such option */
		ROW(EINVAL, wait4, -1, BUF, WEXITED, 0),	/* waitid's, not wait4's */
		ROW(EINVAL, wait4, -1, BUF, 0x08000000 | WNOHANG, 0),
		ROW(EFAULT, wait4, CHILD, UNMAP, 0, 0),
		ROW(EFAULT, wait4, CHILD, KADDR, 0, 0),
		ROW(EFAULT, wait4, CHILD, NONCANON, __WALL, 0),
		ROW(EFAULT, wait4, CHILD, 0, 0, UNMAP),		/* rusage */
		ROW(OK, wait4, CHILD, 0, 0, 0),
		ROW(EINVAL, waitid, 99, 0, BUF, WEXITED, 0),
		ROW(EINVAL, waitid, P_ALL, 0, BUF, 0, 0),	/* none of WEXITED|WSTOPPED|... */
		ROW(EINVAL, waitid, P_ALL, 0, BUF, WNOHANG, 0),
		ROW(EINVAL, waitid, P_ALL, 0, BUF, WEXITED | 0x100, 0),
		ROW(EINVAL, waitid, P_PID, 0, BUF, WEXITED, 0),
		ROW(EINVAL, waitid, P_PID, -1, BUF, WEXITED, 0),
		ROW(ECHILD, waitid, P_ALL, 0, BUF, WEXITED | WNOHANG, 0),
		ROW(ECHILD, waitid, P_PID, NOPID, BUF, WEXITED, 0),
		ROW(EFAULT, waitid, P_PID, CHILD, UNMAP, WEXITED, 0),
		ROW(EFAULT, waitid, P_PID, CHILD, KADDR, WEXITED, 0),
		ROW(EFAULT, waitid, P_ALL, CHILD, BUF, WEXITED, UNMAP),	/* rusage */
		ROW(OK, waitid, P_PID, CHILD, BUF, WEXITED, 0),
	};
	RUN(rows);
}

/* wait_fault_reaps() - after a wait4 that faulted copying the status out, Linux has reaped the child. */
static void wait_fault_reaps(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	if (!EXPECT_OK(pid))
		return;
	EXPECT_ERRNO(syscall(SYS_wait4, pid, UNMAP, 0, 0), EFAULT);
	if (!EXPECT_ERRNO(waitpid(pid, NULL, WNOHANG), ECHILD))
		waitpid(pid, NULL, 0);
}

static void futex(void)
{
	static const struct row rows[] = {
		ROW(EFAULT, futex, 0, FUTEX_WAIT, 0, 0),
		ROW(EFAULT, futex, UNMAP, FUTEX_WAIT, 0, 0),
		ROW(EFAULT, futex, KADDR, FUTEX_WAIT, 0, 0),
		ROW(EFAULT, futex, NONCANON, FUTEX_WAIT_PRIVATE, 0, 0),
		ROW(EFAULT, futex, UNMAP, FUTEX_WAKE, 1),
		ROW(EFAULT, futex, KADDR, FUTEX_WAKE, 1),
		ROW(EINVAL, futex, BUF_ODD, FUTEX_WAIT, 0, 0),
		ROW(EINVAL, futex, BUF_ODD, FUTEX_WAKE, 1),
		ROW(ENOSYS, futex, BUF, 99, 0, 0),
		ROW(ENOSYS, futex, BUF, 99 | FUTEX_PRIVATE_FLAG, 0, 0),
		ROW(EFAULT, futex, BUF, FUTEX_WAIT, 0, UNMAP),
		ROW(EFAULT, futex, BUF, FUTEX_WAIT_PRIVATE, 0, KADDR),
		ROW(EINVAL, futex, BUF, FUTEX_WAIT, 0, BAD_TS),
		ROW(EINVAL, futex, BUF, FUTEX_WAIT, 0, NEG_TS),
		ROW(OK, futex, BUF, FUTEX_WAKE, 1),
	};
	RUN(rows);
}

static void process(void)
{
	static const struct row rows[] = {
		ROW(OK, getpid, KADDR, UNMAP, -1),
		ROW(OK, gettid, KADDR, UNMAP, -1),
		ROW(OK, getppid, KADDR, UNMAP, -1),
		ROW(EINVAL, set_robust_list, BUF, 1),
		ROW(EINVAL, set_robust_list, UNMAP, 0),
		ROW(EINVAL, prctl, 9999, 0, 0, 0, 0),
		ROW(EINVAL, prctl, -1, 0, 0, 0, 0),
		ROW(EINVAL, prctl, 0x7fffffff, UNMAP, KADDR, 0, 0),
		ROW(EFAULT, prctl, 15 /* PR_SET_NAME */, 0, 0, 0, 0),
		ROW(EFAULT, prctl, 15 /* PR_SET_NAME */, KADDR, 0, 0, 0),
		ROW(EFAULT, prctl, 16 /* PR_GET_NAME */, UNMAP, 0, 0, 0),
		ROW(EFAULT, prctl, 16 /* PR_GET_NAME */, NONCANON, 0, 0, 0),
	};
	RUN(rows);
}

static void sys(void)
{
	static const struct row rows[] = {
		ROW(OK, getuid, KADDR), ROW(OK, geteuid, -1), ROW(OK, getgid, UNMAP),
		ROW(OK, getegid, 0),
		ROW(EFAULT, uname, 0), ROW(EFAULT, uname, UNMAP), ROW(EFAULT, uname, KADDR),
		ROW(EFAULT, uname, NONCANON), ROW(EFAULT, uname, -1),
		ROW(EFAULT, sysinfo, 0), ROW(EFAULT, sysinfo, UNMAP), ROW(EFAULT, sysinfo, KADDR),
		ROW(EFAULT, getrandom, 0, 16, 0),
		ROW(EFAULT, getrandom, UNMAP, 16, 0),
		ROW(EFAULT, getrandom, KADDR, 16, 0),
		ROW(EINVAL, getrandom, BUF, 16, 0xffff),
		ROW(OK, getrandom, BUF, 0, 0),
		ROW(EFAULT, prlimit64, 0, RLIMIT_NOFILE, 0, UNMAP),
		ROW(EFAULT, prlimit64, 0, RLIMIT_NOFILE, UNMAP, 0),
		ROW(EINVAL, prlimit64, 0, 9999, 0, BUF),
		ROW(ESRCH, prlimit64, 0x3fffffff, RLIMIT_NOFILE, 0, BUF),
		ROW(EFAULT, getrlimit, RLIMIT_NOFILE, 0),
		ROW(EFAULT, getrlimit, RLIMIT_NOFILE, KADDR),
		ROW(EINVAL, getrlimit, 9999, BUF),
		ROW(EFAULT, setrlimit, RLIMIT_NOFILE, 0),
		ROW(EINVAL, setrlimit, 9999, BUF),
		ROW(EINVAL, setrlimit, RLIMIT_NOFILE, BAD_RLIMIT),
		ROW(EINVAL | ROOT_ONLY, reboot, 0, 0, 0, 0),	/* wrong magic numbers */
		ROW(EINVAL | ROOT_ONLY, reboot, -1, -1, -1, UNMAP),
		ROW(OK, sync, KADDR),
		ROW(OK, umask, 0xfff022),			/* only 0777 is kept: 022 */
	};
	RUN(rows);
}

/* The calls of the ptrace, pid-namespace and procfs issues: bad flags, fds, pids, pointers. */
static void ns_ptrace_syslog(void)
{
	static const struct row rows[] = {
		ROW(EINVAL, unshare, 0x1),			/* a signal number: no flag */
		ROW(EINVAL, unshare, 0x4000),			/* CLONE_VFORK: not for unshare */
		ROW(EBADF, setns, -1, 0),
		ROW(EBADF, setns, CLOSED_FD, 0x20000000),
		ROW(EINVAL, setns, RO_FD, 0),		/* a file, not a namespace */
		ROW(ESRCH, ptrace, 12, NOPID, 0, KADDR),	/* GETREGS: no such pid */
		ROW(ESRCH, ptrace, 12, CHILD, 0, KADDR),	/* not our tracee */
		ROW(EPERM, ptrace, 16, SELF_PID, 0, 0),	/* ATTACH ourselves */
		ROW(EIO, ptrace, 0x4206, CHILD, 1, 0),	/* SEIZE with an address */
		ROW(ESRCH, ptrace, 0x4206, NOPID, 0, 0),
		ROW(EINVAL | ROOT_ONLY, syslog, 99, BUF, 16),	/* no such action */
		ROW(EINVAL | ROOT_ONLY, syslog, 3, 0, 16),	/* READ_ALL into NULL */
		ROW(EINVAL | ROOT_ONLY, syslog, 3, BUF, -1),
		ROW(EFAULT | ROOT_ONLY, syslog, 3, KADDR, 65536),
	};
	RUN(rows);
}

static void time_family(void)
{
	static const struct row rows[] = {
		ROW(EFAULT, clock_gettime, CLOCK_MONOTONIC, 0),
		ROW(EFAULT, clock_gettime, CLOCK_REALTIME, UNMAP),
		ROW(EFAULT, clock_gettime, CLOCK_MONOTONIC, KADDR),
		ROW(EINVAL, clock_gettime, 9999, BUF),
		ROW(EINVAL, clock_gettime, -1, BUF),
		ROW(OK, clock_getres, CLOCK_MONOTONIC, 0),	/* NULL is allowed */
		ROW(EFAULT, clock_getres, CLOCK_MONOTONIC, UNMAP),
		ROW(EINVAL, clock_getres, 9999, BUF),
		ROW(OK, gettimeofday, 0, 0),
		ROW(EFAULT, gettimeofday, UNMAP, 0),
		ROW(EFAULT, gettimeofday, KADDR, 0),
		ROW(EFAULT, gettimeofday, 0, NONCANON),
		ROW(OK, time, 0),
		ROW(EFAULT, time, UNMAP),
		ROW(EFAULT, time, KADDR),
		ROW(EFAULT, nanosleep, 0, 0),
		ROW(EFAULT, nanosleep, UNMAP, 0),
		ROW(EFAULT, nanosleep, KADDR, 0),
		ROW(EINVAL, nanosleep, BAD_TS, 0),
		ROW(EINVAL, nanosleep, NEG_TS, 0),
		ROW(EFAULT, clock_nanosleep, CLOCK_MONOTONIC, 0, 0, 0),
		ROW(EFAULT, clock_nanosleep, CLOCK_MONOTONIC, 0, UNMAP, 0),
		ROW(EINVAL, clock_nanosleep, CLOCK_MONOTONIC, 0, BAD_TS, 0),
		ROW(EINVAL, clock_nanosleep, 9999, 0, NEG_TS, 0),
		ROW(OK, sched_yield, KADDR, UNMAP),
	};
	RUN(rows);
}

static void arch(void)
{
	static const struct row rows[] = {
		ROW(EINVAL, arch_prctl, 0x9999, 0),
		ROW(EFAULT, arch_prctl, 0x1003 /* ARCH_GET_FS */, 0),
		ROW(EFAULT, arch_prctl, 0x1003 /* ARCH_GET_FS */, UNMAP),
		ROW(EFAULT, arch_prctl, 0x1003 /* ARCH_GET_FS */, KADDR),
		ROW(EPERM, arch_prctl, 0x1002 /* ARCH_SET_FS */, NONCANON),
		ROW(EPERM, arch_prctl, 0x1002 /* ARCH_SET_FS */, KADDR),
		ROW(EPERM, arch_prctl, 0x1001 /* ARCH_SET_GS */, -1),
	};
	RUN(rows);
}

static void read_write(void)
{
	static const struct row rows[] = {
		ROW(EBADF, read, -1, BUF, 1), ROW(EBADF, read, CLOSED_FD, BUF, 1),
		ROW(EBADF, read, WO_FD, BUF, 1),
		ROW(EFAULT, read, RO_FD, 0, 16), ROW(EFAULT, read, RO_FD, UNMAP, 16),
		ROW(EFAULT, read, RO_FD, KADDR, 16), ROW(EFAULT, read, RO_FD, NONCANON, 16),
		ROW(EFAULT, read, RO_FD, -1, 16), ROW(EFAULT, read, RO_FD, BUF, HUGE),
		ROW(EISDIR, read, DIR_FD, BUF, 16),
		ROW(EBADF, write, -1, BUF, 1), ROW(EBADF, write, RO_FD, BUF, 1),
		ROW(EBADF, write, DIR_FD, BUF, 1),
		ROW(EFAULT, write, WO_FD, 0, 16), ROW(EFAULT, write, WO_FD, UNMAP, 16),
		ROW(EFAULT, write, WO_FD, KADDR, 16), ROW(EFAULT, write, WO_FD, NONCANON, 16),
		ROW(EFAULT, write, WO_FD, BUF, HUGE),
		ROW(OK, write, WO_FD, BUF, 0),
		ROW(EBADF, readv, -1, BUF, 1),
		ROW(EFAULT, readv, RO_FD, 0, 1), ROW(EFAULT, readv, RO_FD, KADDR, 1),
		ROW(EFAULT, readv, RO_FD, BAD_IOV, 1),
		ROW(EINVAL, readv, RO_FD, BUF, -1), ROW(EINVAL, readv, RO_FD, BUF, 1025),
		ROW(EINVAL, readv, RO_FD, NEG_IOV, 1),
		ROW(EBADF, writev, RO_FD, BUF, 1),
		ROW(EFAULT, writev, WO_FD, 0, 1), ROW(EFAULT, writev, WO_FD, BAD_IOV, 1),
		ROW(EINVAL, writev, WO_FD, BUF, 1025), ROW(EINVAL, writev, WO_FD, NEG_IOV, 1),
		ROW(EBADF, pread64, -1, BUF, 16, 0),
		ROW(EINVAL, pread64, RO_FD, BUF, 16, -1),
		ROW(EFAULT, pread64, RO_FD, 0, 16, 0), ROW(EFAULT, pread64, RO_FD, KADDR, 16, 0),
		ROW(EFAULT, pread64, RO_FD, BUF, HUGE, 0),
		ROW(EISDIR, pread64, DIR_FD, BUF, 16, 0),
		ROW(EBADF, pwrite64, RO_FD, BUF, 1, 0),
		ROW(EINVAL, pwrite64, WO_FD, BUF, 16, -1),
		ROW(EFAULT, pwrite64, WO_FD, UNMAP, 16, 0),
		ROW(EBADF, lseek, -1, 0, SEEK_SET),
		ROW(EINVAL, lseek, RO_FD, 0, 99),
		ROW(EINVAL, lseek, RO_FD, -5, SEEK_SET),
		ROW(EBADF, sendfile, -1, RO_FD, 0, 16),
		ROW(EBADF, sendfile, WO_FD, -1, 0, 16),
		ROW(EBADF, sendfile, RO_FD, RO_FD, 0, 16),
		ROW(EFAULT, sendfile, WO_FD, RO_FD, UNMAP, 16),
	};
	RUN(rows);
}

static void open_family(void)
{
	static const struct row rows[] = {
		ROW(EFAULT, open, 0, O_RDONLY), ROW(EFAULT, open, UNMAP, O_RDONLY),
		ROW(EFAULT, open, KADDR, O_RDONLY), ROW(EFAULT, open, NONCANON, O_RDONLY),
		ROW(EFAULT, open, -1, O_RDONLY),
		ROW(ENAMETOOLONG, open, LONGPATH, O_RDONLY),
		ROW(ENAMETOOLONG, open, LONGNAME, O_RDONLY),
		ROW(ENOENT, open, EMPTY, O_RDONLY), ROW(ENOENT, open, MISSING, O_RDONLY),
		ROW(ENOENT, open, MISSING_X, O_CREAT | O_WRONLY, 0644),
		ROW(ENOTDIR, open, PATH_X, O_RDONLY),
		ROW(EISDIR, open, DIR, O_WRONLY), ROW(EISDIR, open, DIR, O_RDWR),
		ROW(ENOTDIR, open, PATH, O_RDONLY | O_DIRECTORY),
		ROW(EEXIST, open, PATH, O_CREAT | O_EXCL | O_WRONLY, 0644),
		ROW(EBADF, openat, -1, REL, O_RDONLY),
		ROW(ENOTDIR, openat, RO_FD, REL, O_RDONLY),
		ROW(EFAULT, openat, AT_FDCWD, 0, O_RDONLY),
		ROW(EFAULT, openat, DIR_FD, UNMAP, O_RDONLY),
		ROW(EFAULT, creat, 0, 0644), ROW(EISDIR, creat, DIR, 0644),
		ROW(ENOENT, creat, MISSING_X, 0644),
		ROW(EBADF, close, -1), ROW(EBADF, close, CLOSED_FD), ROW(EBADF, close, INT_MAX),
		ROW(EFAULT, access, 0, F_OK), ROW(EFAULT, access, KADDR, F_OK),
		ROW(EINVAL, access, PATH, 0x40), ROW(ENOENT, access, MISSING, F_OK),
		ROW(ENAMETOOLONG, access, LONGPATH, F_OK),
		ROW(EBADF, faccessat, -1, REL, F_OK),
		ROW(EFAULT, faccessat, AT_FDCWD, 0, F_OK),
		ROW(EINVAL, faccessat, AT_FDCWD, PATH, 0x40),
		ROW(EINVAL, faccessat2, AT_FDCWD, PATH, F_OK, 0xdead0000),
		ROW(EFAULT, faccessat2, AT_FDCWD, UNMAP, F_OK, 0),
		ROW(EFAULT, chmod, 0, 0644), ROW(ENOENT, chmod, MISSING, 0644),
		ROW(ENAMETOOLONG, chmod, LONGPATH, 0644),
		ROW(EBADF, fchmod, -1, 0644),
		ROW(EBADF, fchmodat, -1, REL, 0644),
		ROW(EFAULT, fchmodat, AT_FDCWD, 0, 0644),
		ROW(EFAULT, truncate, 0, 0), ROW(EINVAL, truncate, PATH, -1),
		ROW(EISDIR, truncate, DIR, 0), ROW(ENOENT, truncate, MISSING, 0),
		ROW(EBADF, ftruncate, -1, 0), ROW(EINVAL, ftruncate, WO_FD, -1),
		ROW(EINVAL, ftruncate, RO_FD, 0), ROW(EINVAL, ftruncate, DIR_FD, 0),
		ROW(EFAULT, chdir, 0), ROW(EFAULT, chdir, UNMAP), ROW(ENOTDIR, chdir, PATH),
		ROW(ENOENT, chdir, MISSING), ROW(ENAMETOOLONG, chdir, LONGPATH),
		ROW(EBADF, fchdir, -1), ROW(ENOTDIR, fchdir, RO_FD),
		ROW(EFAULT, getcwd, 0, 100), ROW(EFAULT, getcwd, UNMAP, 4096),
		ROW(EFAULT, getcwd, KADDR, 4096),
		ROW(ERANGE, getcwd, BUF, 1), ROW(ERANGE, getcwd, BUF, 0),
		ROW(EBADF, fsync, -1), ROW(OK, fsync, RO_FD),
		ROW(EBADF, fdatasync, CLOSED_FD), ROW(OK, fdatasync, WO_FD),
	};
	RUN(rows);
}

static void stat_family(void)
{
	static const struct row rows[] = {
		ROW(EFAULT, stat, 0, BUF), ROW(EFAULT, stat, PATH, 0),
		ROW(EFAULT, stat, PATH, UNMAP), ROW(EFAULT, stat, PATH, KADDR),
		ROW(EFAULT, stat, PATH, NONCANON), ROW(EFAULT, stat, KADDR, BUF),
		ROW(ENOENT, stat, MISSING, BUF), ROW(ENOENT, stat, EMPTY, BUF),
		ROW(ENAMETOOLONG, stat, LONGPATH, BUF), ROW(ENOTDIR, stat, PATH_X, BUF),
		ROW(EBADF, fstat, -1, BUF), ROW(EFAULT, fstat, RO_FD, 0),
		ROW(EFAULT, fstat, RO_FD, KADDR),
		ROW(EFAULT, lstat, 0, BUF), ROW(EFAULT, lstat, LINK, UNMAP),
		ROW(EBADF, newfstatat, -1, REL, BUF, 0),
		ROW(EINVAL, newfstatat, AT_FDCWD, PATH, BUF, 0xdead0000),
		ROW(EFAULT, newfstatat, AT_FDCWD, 0, BUF, 0),
		ROW(ENOENT, newfstatat, AT_FDCWD, EMPTY, BUF, 0),
		ROW(OK, newfstatat, RO_FD, EMPTY, BUF, AT_EMPTY_PATH),
		ROW(EFAULT, readlink, 0, BUF, 64), ROW(EINVAL, readlink, PATH, BUF, 64),
		ROW(EINVAL, readlink, LINK, BUF, 0), ROW(EINVAL, readlink, LINK, BUF, -1),
		ROW(EFAULT, readlink, LINK, UNMAP, 64), ROW(EFAULT, readlink, LINK, KADDR, 64),
		ROW(ENOENT, readlink, MISSING, BUF, 64),
		ROW(EBADF, readlinkat, -1, REL, BUF, 64),
		ROW(EFAULT, readlinkat, AT_FDCWD, LINK, NONCANON, 64),
	};
	RUN(rows);
}

static void readdir(void)
{
	static const struct row rows[] = {
		ROW(EBADF, getdents64, -1, BUF, 4096),
		ROW(ENOTDIR, getdents64, RO_FD, BUF, 4096),
		ROW(EFAULT, getdents64, DIR_FD, 0, 4096),
		ROW(EFAULT, getdents64, DIR_FD, UNMAP, 4096),
		ROW(EFAULT, getdents64, DIR_FD, KADDR, 4096),
		ROW(EINVAL, getdents64, DIR_FD, BUF, 0),
		ROW(EINVAL, getdents64, DIR_FD, BUF, 1),
	};
	RUN(rows);
}

static void namei(void)
{
	static const struct row rows[] = {
		ROW(EFAULT, mkdir, 0, 0755), ROW(EFAULT, mkdir, KADDR, 0755),
		ROW(EEXIST, mkdir, PATH, 0755), ROW(ENOENT, mkdir, MISSING_X, 0755),
		ROW(ENAMETOOLONG, mkdir, LONGNAME, 0755), ROW(ENOTDIR, mkdir, PATH_X, 0755),
		ROW(EBADF, mkdirat, -1, REL, 0755), ROW(ENOTDIR, mkdirat, RO_FD, REL, 0755),
		ROW(EFAULT, rmdir, 0), ROW(ENOTDIR, rmdir, PATH), ROW(ENOENT, rmdir, MISSING),
		ROW(ENOTEMPTY, rmdir, DIR), ROW(EBUSY, rmdir, ROOT),
		ROW(EFAULT, unlink, 0), ROW(EFAULT, unlink, UNMAP), ROW(EISDIR, unlink, DIR),
		ROW(ENOENT, unlink, MISSING), ROW(ENAMETOOLONG, unlink, LONGPATH),
		ROW(EINVAL, unlinkat, AT_FDCWD, PATH, 0xdead0000),
		ROW(EBADF, unlinkat, -1, REL, 0),
		ROW(ENOTDIR, unlinkat, AT_FDCWD, PATH, AT_REMOVEDIR),
		ROW(EFAULT, rename, 0, NEWPATH), ROW(EFAULT, rename, PATH, 0),
		ROW(EFAULT, rename, PATH, KADDR), ROW(ENOENT, rename, MISSING, NEWPATH),
		ROW(ENOTDIR, rename, SUBDIR, PATH), ROW(EISDIR, rename, PATH, SUBDIR),
		ROW(EINVAL, rename, DIR, SUBDIR_X),		/* into itself */
		ROW(EBADF, renameat, -1, REL, AT_FDCWD, NEWPATH),
		ROW(EINVAL, renameat2, AT_FDCWD, PATH, AT_FDCWD, PATH2, 0xdead0000),
		ROW(EINVAL, renameat2, AT_FDCWD, PATH, AT_FDCWD, PATH2, 3 /* EXCHANGE|NOREPLACE */),
		ROW(EFAULT, symlink, 0, NEWPATH), ROW(EFAULT, symlink, REL, 0),
		ROW(EFAULT, symlink, UNMAP, NEWPATH),
		ROW(EEXIST, symlink, REL, PATH), ROW(ENOENT, symlink, EMPTY, NEWPATH),
		ROW(EBADF, symlinkat, REL, -1, REL),
		ROW(EFAULT, link, 0, NEWPATH), ROW(EFAULT, link, PATH, NONCANON),
		ROW(ENOENT, link, MISSING, NEWPATH), ROW(EEXIST, link, PATH, PATH2),
		ROW(EPERM, link, DIR, NEWPATH),
		ROW(EINVAL, linkat, AT_FDCWD, PATH, AT_FDCWD, NEWPATH, 0xdead0000),
		ROW(EBADF, linkat, -1, REL, AT_FDCWD, NEWPATH, 0),
	};
	RUN(rows);
}

static void fdtable(void)
{
	static const struct row rows[] = {
		ROW(EBADF, dup, -1), ROW(EBADF, dup, CLOSED_FD), ROW(EBADF, dup, INT_MAX),
		ROW(EBADF, dup2, -1, 5), ROW(EBADF, dup2, RO_FD, -1),
		ROW(EBADF, dup2, RO_FD, 1 << 20), ROW(EBADF, dup2, CLOSED_FD, 5),
		ROW(EINVAL, dup3, RO_FD, RO_FD, 0), ROW(EINVAL, dup3, RO_FD, 200, 0xdead),
		ROW(EBADF, dup3, -1, 5, 0), ROW(EBADF, dup3, RO_FD, -1, 0),
		ROW(EBADF, fcntl, -1, F_GETFD), ROW(EBADF, fcntl, CLOSED_FD, F_GETFL),
		ROW(EINVAL, fcntl, RO_FD, 9999), ROW(EINVAL, fcntl, RO_FD, F_DUPFD, -1),
		ROW(EINVAL, fcntl, RO_FD, F_DUPFD, 1 << 20),
		ROW(EINVAL, fcntl, RO_FD, F_DUPFD_CLOEXEC, INT_MAX),
	};
	RUN(rows);
}

static void ioctl(void)
{
	static const struct row rows[] = {
		ROW(EBADF, ioctl, -1, 0x5401 /* TCGETS */, BUF),
		ROW(EBADF, ioctl, CLOSED_FD, 0x5401, BUF),
		ROW(ENOTTY, ioctl, RO_FD, 0x5401 /* TCGETS */, BUF),
		ROW(ENOTTY, ioctl, RO_FD, 0x5413 /* TIOCGWINSZ */, BUF),
		ROW(ENOTTY, ioctl, DIR_FD, 0x5402 /* TCSETS */, BUF),
		ROW(ENOTTY, ioctl, RO_FD, 0xdeadbeef, 0),
		ROW(EFAULT, ioctl, RO_FD, 0x5421 /* FIONBIO */, 0),
		ROW(EFAULT, ioctl, RO_FD, 0x5421 /* FIONBIO */, KADDR),
	};
	RUN(rows);
}

static void mount(void)
{
	static const struct row rows[] = {
		ROW(EFAULT | ROOT_ONLY, mount, REL, DIR, UNMAP, 0, 0),
		ROW(EFAULT | ROOT_ONLY, mount, REL, 0, RAMFS, 0, 0),
		ROW(ENODEV | ROOT_ONLY, mount, REL, DIR, REL, 0, 0),	/* no such type */
		ROW(ENOENT | ROOT_ONLY, mount, REL, MISSING, RAMFS, 0, 0),
		ROW(ENOTDIR | ROOT_ONLY, mount, REL, PATH_X, RAMFS, 0, 0),
		ROW(EFAULT | ROOT_ONLY, umount2, 0, 0),
		ROW(EFAULT | ROOT_ONLY, umount2, KADDR, 0),
		ROW(ENOENT | ROOT_ONLY, umount2, MISSING, 0),
		ROW(EINVAL | ROOT_ONLY, umount2, DIR, 0),		/* not a mount point */
		ROW(EINVAL | ROOT_ONLY, umount2, DIR, 0xdead0000),
	};
	RUN(rows);
}

static void pipe_family(void)
{
	static const struct row rows[] = {
		ROW(EFAULT, pipe, 0), ROW(EFAULT, pipe, UNMAP), ROW(EFAULT, pipe, KADDR),
		ROW(EFAULT, pipe, NONCANON),
		ROW(EFAULT, pipe2, 0, 0), ROW(EFAULT, pipe2, UNMAP, O_CLOEXEC),
		ROW(EFAULT, pipe2, KADDR, O_NONBLOCK),
		ROW(EINVAL, pipe2, BUF, 0xdead0000), ROW(EINVAL, pipe2, BUF, O_RDWR),
		ROW(EINVAL, pipe2, UNMAP, 0xdead0000),		/* the flags come first */
	};
	int before = 0, after = 0;

	for (int fd = 0; fd < 64; fd++)
		before += fcntl(fd, F_GETFD) >= 0;
	RUN(rows);
	for (int fd = 0; fd < 64; fd++)
		after += fcntl(fd, F_GETFD) >= 0;
	EXPECT_EQ(after, before);	/* no failed pipe left its descriptors behind */
}

static void poll_family(void)
{
	static const struct row rows[] = {
		ROW(EFAULT, poll, 0, 1, 0), ROW(EFAULT, poll, UNMAP, 1, 0),
		ROW(EFAULT, poll, KADDR, 1, 0), ROW(EFAULT, poll, NONCANON, 1, 0),
		ROW(EINVAL, poll, BUF, INT_MAX, 0),		/* nfds > RLIMIT_NOFILE */
		ROW(EINVAL, poll, BUF, NOFILE_PLUS1, 0),
		ROW(EINVAL, ppoll, BUF, NOFILE_PLUS1, ZERO_TS, 0, 0),
		ROW(EINVAL, poll, BUF, -1, 0),
		ROW(OK, poll, 0, 0, 0),
		ROW(EFAULT, ppoll, UNMAP, 1, ZERO_TS, 0, 8),
		ROW(EFAULT, ppoll, 0, 0, ZERO_TS, UNMAP, 8),
		ROW(EFAULT, ppoll, 0, 0, ZERO_TS, KADDR, 8),
		ROW(EINVAL, ppoll, 0, 0, ZERO_TS, SIGSET, 4),
		ROW(EINVAL, ppoll, 0, 0, ZERO_TS, SIGSET, 16),
		ROW(EFAULT, ppoll, 0, 0, UNMAP, SIGSET, 8),
		ROW(EINVAL, ppoll, 0, 0, BAD_TS, SIGSET, 8),
		ROW(EINVAL, ppoll, 0, 0, NEG_TS, 0, 0),
		ROW(EINVAL, ppoll, BUF, INT_MAX, ZERO_TS, 0, 0),
		ROW(OK, ppoll, 0, 0, ZERO_TS, SIGSET, 8),
		ROW(EINVAL, select, -1, 0, 0, 0, ZERO_TV),
		ROW(EINVAL, select, INT_MIN, BUF, BUF, BUF, ZERO_TV),
		ROW(EFAULT, select, 1, UNMAP, 0, 0, ZERO_TV),
		ROW(EFAULT, select, 1, 0, KADDR, 0, ZERO_TV),
		ROW(EFAULT, select, 1, 0, 0, NONCANON, ZERO_TV),
		ROW(EFAULT, select, 0, 0, 0, 0, UNMAP),
		ROW(EFAULT, select, 0, 0, 0, 0, KADDR),
		ROW(EINVAL, select, 0, 0, 0, 0, NEG_TV),
		ROW(OK, select, 0, 0, 0, 0, ZERO_TV),
		ROW(EINVAL, pselect6, -1, 0, 0, 0, ZERO_TS, 0),
		ROW(EFAULT, pselect6, 1, UNMAP, 0, 0, ZERO_TS, 0),
		ROW(EFAULT, pselect6, 1, 0, 0, KADDR, ZERO_TS, 0),
		ROW(EFAULT, pselect6, 0, 0, 0, 0, UNMAP, 0),
		ROW(EINVAL, pselect6, 0, 0, 0, 0, BAD_TS, 0),
		ROW(EINVAL, pselect6, 0, 0, 0, 0, NEG_TS, 0),
		ROW(EFAULT, pselect6, 0, 0, 0, 0, ZERO_TS, UNMAP),
		ROW(EFAULT, pselect6, 0, 0, 0, 0, ZERO_TS, BAD_SIGMASK),
		ROW(EINVAL, pselect6, 0, 0, 0, 0, ZERO_TS, SHORT_SIGMASK),
		ROW(OK, pselect6, 0, 0, 0, 0, ZERO_TS, SIGMASK_ARG),
	};
	RUN(rows);
}

static void signals(void)
{
	static const struct row rows[] = {
		ROW(EFAULT, rt_sigaction, SIGUSR1, UNMAP, 0, 8),
		ROW(EFAULT, rt_sigaction, SIGUSR1, KADDR, 0, 8),
		ROW(EFAULT, rt_sigaction, SIGUSR1, NONCANON, 0, 8),
		ROW(EFAULT, rt_sigaction, SIGUSR1, 0, UNMAP, 8),
		ROW(EFAULT, rt_sigaction, SIGUSR1, 0, KADDR, 8),
		ROW(EINVAL, rt_sigaction, SIGUSR1, SIGACT, 0, 4),
		ROW(EINVAL, rt_sigaction, SIGUSR1, 0, BUF, 16),
		ROW(EINVAL, rt_sigaction, SIGKILL, SIGACT, 0, 8),
		ROW(EINVAL, rt_sigaction, SIGSTOP, SIGACT, 0, 8),
		ROW(OK, rt_sigaction, SIGKILL, 0, BUF, 8),		/* reading it is fine */
		ROW(EINVAL, rt_sigaction, 0, 0, BUF, 8),
		ROW(EINVAL, rt_sigaction, 65, 0, BUF, 8),
		ROW(EINVAL, rt_sigaction, -1, 0, BUF, 8),
		ROW(EINVAL, rt_sigaction, 65, SIGACT, 0, 8),
		ROW(EINVAL, rt_sigprocmask, 99, SIGSET, 0, 8),
		ROW(EINVAL, rt_sigprocmask, -1, SIGSET, BUF, 8),
		ROW(OK, rt_sigprocmask, 99, 0, BUF, 8),		/* no set: how is not looked at */
		ROW(EFAULT, rt_sigprocmask, SIG_BLOCK, UNMAP, 0, 8),
		ROW(EFAULT, rt_sigprocmask, SIG_BLOCK, KADDR, 0, 8),
		ROW(EFAULT, rt_sigprocmask, SIG_BLOCK, 0, UNMAP, 8),
		ROW(EFAULT, rt_sigprocmask, SIG_BLOCK, SIGSET, NONCANON, 8),
		ROW(EINVAL, rt_sigprocmask, SIG_BLOCK, SIGSET, 0, 4),
		ROW(EINVAL, rt_sigprocmask, SIG_BLOCK, 0, 0, 16),
		ROW(EFAULT, rt_sigpending, 0, 8),
		ROW(EFAULT, rt_sigpending, UNMAP, 8),
		ROW(EFAULT, rt_sigpending, KADDR, 8),
		ROW(EINVAL, rt_sigpending, BUF, 16),
		ROW(EFAULT, rt_sigtimedwait, 0, 0, ZERO_TS, 8),
		ROW(EFAULT, rt_sigtimedwait, UNMAP, 0, ZERO_TS, 8),
		ROW(EFAULT, rt_sigtimedwait, KADDR, BUF, ZERO_TS, 8),
		ROW(EFAULT, rt_sigtimedwait, SIGSET, 0, UNMAP, 8),
		ROW(EFAULT, rt_sigtimedwait, SIGSET, 0, NONCANON, 8),
		ROW(EINVAL, rt_sigtimedwait, SIGSET, 0, BAD_TS, 8),
		ROW(EINVAL, rt_sigtimedwait, SIGSET, 0, NEG_TS, 8),
		ROW(EINVAL, rt_sigtimedwait, SIGSET, 0, ZERO_TS, 4),
		ROW(EAGAIN, rt_sigtimedwait, SIGSET, UNMAP, ZERO_TS, 8),	/* nothing taken */
		ROW(EFAULT, rt_sigsuspend, 0, 8),
		ROW(EFAULT, rt_sigsuspend, UNMAP, 8),
		ROW(EFAULT, rt_sigsuspend, KADDR, 8),
		ROW(EINVAL, rt_sigsuspend, SIGSET, 4),
		ROW(EINVAL, rt_sigsuspend, SIGSET, 16),
		ROW(EFAULT, sigaltstack, UNMAP, 0),
		ROW(EFAULT, sigaltstack, KADDR, 0),
		ROW(EFAULT, sigaltstack, 0, UNMAP),
		ROW(EFAULT, sigaltstack, 0, NONCANON),
		ROW(EINVAL, sigaltstack, SS_BADFLAGS, 0),
		ROW(ENOMEM, sigaltstack, SS_SMALL, 0),
		ROW(OK, sigaltstack, 0, BUF),
		ROW(EINVAL, kill, SELF_PID, 65),
		ROW(EINVAL, kill, SELF_PID, -1),
		ROW(ESRCH, kill, NOPID, 0),
		ROW(ESRCH, kill, -NOPID, 0),
		ROW(ESRCH, kill, INT_MIN, 0),
		ROW(OK, kill, SELF_PID, 0),
		ROW(EINVAL, tkill, SELF_TID, 65),
		ROW(EINVAL, tkill, 0, 0),
		ROW(EINVAL, tkill, -1, 0),
		ROW(ESRCH, tkill, NOPID, 0),
		ROW(EINVAL, tgkill, SELF_PID, SELF_TID, 65),
		ROW(EINVAL, tgkill, SELF_PID, SELF_TID, -1),
		ROW(EINVAL, tgkill, 0, SELF_TID, 0),
		ROW(EINVAL, tgkill, -1, SELF_TID, 0),
		ROW(EINVAL, tgkill, SELF_PID, 0, 0),
		ROW(EINVAL, tgkill, SELF_PID, -1, 0),
		ROW(ESRCH, tgkill, SELF_PID, NOPID, 0),
		ROW(ESRCH, tgkill, NOPID, SELF_TID, 0),
		ROW(OK, tgkill, SELF_PID, SELF_TID, 0),
		ROW(EFAULT, rt_sigqueueinfo, SELF_PID, 0, 0),
		ROW(EFAULT, rt_sigqueueinfo, SELF_PID, 0, UNMAP),
		ROW(EFAULT, rt_sigqueueinfo, SELF_PID, SIGUSR1, KADDR),
	};
	RUN(rows);
}

/* sigtimedwait_info() - a signal is taken, but the siginfo cannot be written out. */
static void sigtimedwait_info(void)
{
	sigset_t usr1, old;
	struct timespec zero = { 0, 0 };

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	if (!EXPECT_OK(sigprocmask(SIG_BLOCK, &usr1, &old)))
		return;
	EXPECT_OK(kill(getpid(), SIGUSR1));
	EXPECT_ERRNO(syscall(SYS_rt_sigtimedwait, &usr1, UNMAP, &zero, 8), EFAULT);
	EXPECT_ERRNO(syscall(SYS_rt_sigtimedwait, &usr1, 0, &zero, 8), EAGAIN);	/* it went */
	while (sigtimedwait(&usr1, NULL, &zero) == SIGUSR1)
		;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void itimer(void)
{
	static const struct row rows[] = {
		ROW(EINVAL, setitimer, 99, ZERO_ITV, 0),
		ROW(EINVAL, setitimer, -1, ZERO_ITV, 0),
		ROW(EFAULT, setitimer, ITIMER_REAL, UNMAP, 0),
		ROW(EFAULT, setitimer, ITIMER_REAL, KADDR, 0),
		ROW(EFAULT, setitimer, ITIMER_REAL, ZERO_ITV, UNMAP),
		ROW(EINVAL, setitimer, ITIMER_REAL, BAD_ITV, 0),
		ROW(EINVAL, getitimer, 99, BUF),
		ROW(EINVAL, getitimer, -1, BUF),
		ROW(EFAULT, getitimer, ITIMER_REAL, 0),
		ROW(EFAULT, getitimer, ITIMER_REAL, UNMAP),
		ROW(EFAULT, getitimer, ITIMER_VIRTUAL, KADDR),
		ROW(OK, alarm, 0),
	};
	RUN(rows);
}

static void pgrp(void)
{
	static const struct row rows[] = {
		ROW(EINVAL, setpgid, 0, -1),
		ROW(EINVAL, setpgid, 0, INT_MIN),
		ROW(ESRCH, setpgid, NOPID, 0),
		ROW(ESRCH, getpgid, NOPID),
		ROW(ESRCH, getpgid, -1),
		ROW(ESRCH, getsid, NOPID),
		ROW(ESRCH, getsid, -1),
		ROW(OK, getpgid, 0), ROW(OK, getsid, 0), ROW(OK, getpgrp, KADDR),
	};
	RUN(rows);
}

/* setpgid_nonchild() - a process that exists but is not the caller's child: ESRCH. A child
 * tries it on us (its parent), so it works when we are init too. */
static void setpgid_nonchild(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0)
		_exit(setpgid(getppid(), getppid()) == -1 ? errno : 0);
	if (!EXPECT_OK(pid))
		return;
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(WEXITSTATUS(status), ESRCH);
}

/* still_standing() - after every row: our descriptors and data are as they were. */
static void still_standing(void)
{
	char text[16] = "";

	EXPECT_EQ(pread(ro_fd, text, 10, 0), 10);
	EXPECT_STREQ(text, "0123456789");
	EXPECT_EQ(lseek(ro_fd, 0, SEEK_CUR), 0);	/* no failed read moved it */
	EXPECT_TRUE(getpid() > 0);
}

/* ---- regressions: bugs the fuzzer found (docs/fuzz.md), each named after its bug ---- */

/* trunc_open_of_proc_file() - open(O_TRUNC) of a /proc file dereferenced the NULL inode
 * operations of procfs files: a kernel panic (fuzz seed 1). Linux opens it (for root). */
static void trunc_open_of_proc_file(void)
{
	char proc[64], path[96];
	int fd;

	SKIP_IF(geteuid() != 0, "writing a /proc file needs root");
	if (!tap_mount_proc(proc, sizeof(proc), "badinput"))
		return;
	snprintf(path, sizeof(path), "%s/self/comm", proc);
	if (EXPECT_OK(fd = open(path, O_WRONLY | O_TRUNC)))
		close(fd);
	snprintf(path, sizeof(path), "%s/self/status", proc);
	if (EXPECT_OK(fd = creat(path, 0644)))
		close(fd);
	tap_unmount_proc(proc);
}

/* mmap_of_proc_file() - a shared mapping of a /proc file made fork read the file under the
 * mm lock, and the read took tasklist_lock: a lock-order panic (fuzz seed 2). Linux has no
 * mmap for /proc files: ENODEV, shared or private. */
static void mmap_of_proc_file(void)
{
	char proc[64], path[96];
	int fd, status;
	void *p;
	pid_t pid;

	if (!tap_mount_proc(proc, sizeof(proc), "badinput"))
		return;
	snprintf(path, sizeof(path), "%s/self/status", proc);
	if (EXPECT_OK(fd = open(path, O_RDONLY))) {
		EXPECT_ERRNO(mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0), ENODEV);
		p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
		EXPECT_TRUE(p == MAP_FAILED && errno == ENODEV);
		pid = fork();	/* with the mapping there, this fork panicked */
		if (pid == 0)
			_exit(0);
		EXPECT_EQ(waitpid(pid, &status, 0), pid);
		if (p != MAP_FAILED)
			munmap(p, 4096);
		close(fd);
	}
	tap_unmount_proc(proc);
}

/* syscall_number_high_bits() - Linux takes the system call number as an int, so the upper
 * half of rax does not count (0x100000027 is getpid); reaper said ENOSYS (found by the
 * fuzzer's numbers with high bits set, compared with the host). */
static void syscall_number_high_bits(void)
{
	EXPECT_EQ(syscall(0x100000000L | SYS_getpid), getpid());
	EXPECT_EQ(syscall((long)0xffffffff00000000UL | SYS_getppid), getppid());
	EXPECT_ERRNO(syscall(0x1ffffffffL), ENOSYS);	/* -1 as an int: still no such call */
}

/* close_after_lazy_umount() - the last close of a file on a lazily unmounted proc dropped
 * the mount (freeing the superblock) before the inode, then put the inode into freed memory:
 * a use-after-free panic (fuzz seed 3). */
int umount2(const char *target, int flags);	/* <sys/mount.h> would clash with case mount */
#define MNT_DETACH 2

static void close_after_lazy_umount(void)
{
	char proc[64], path[96];
	int fd, dfd;

	if (!tap_mount_proc(proc, sizeof(proc), "badinput"))
		return;
	snprintf(path, sizeof(path), "%s/self/status", proc);
	fd = open(path, O_RDONLY);
	dfd = open(proc, O_RDONLY | O_DIRECTORY);
	EXPECT_TRUE(fd >= 0 && dfd >= 0);
	EXPECT_ERRNO(umount2(proc, 0), EBUSY);
	EXPECT_OK(umount2(proc, MNT_DETACH));
	EXPECT_OK(close(fd));		/* the superblock lives on through this file... */
	EXPECT_OK(close(dfd));		/* ...and this one, whose close frees it */
	EXPECT_OK(rmdir(proc));
}

/* ---- the scratch directory ---- */

static void make_path(enum placeholder p, const char *name)
{
	snprintf(paths[p - PATH], sizeof(paths[0]), "%s/%s", dir, name);
}

static bool make_scratch(void)
{
	const char *text = "0123456789012345678901234567890123456789012345678901234567890123";
	int fd;

	snprintf(dir, sizeof(dir), "/tmp/badinput.XXXXXX");
	if (!mkdtemp(dir))
		return false;
	make_path(PATH, "file");
	make_path(PATH2, "file2");
	make_path(LINK, "link");
	make_path(MISSING, "missing");
	make_path(MISSING_X, "missing/x");
	make_path(PATH_X, "file/x");
	make_path(NEWPATH, "new");
	make_path(SUBDIR, "sub");
	make_path(SUBDIR_X, "sub/x");
	snprintf(paths[DIR - PATH], sizeof(paths[0]), "%s", dir);
	snprintf(paths[LONGNAME - PATH], sizeof(paths[0]), "%s/%0300d", dir, 0);
	memset(longpath, 'a', sizeof(longpath) - 1);
	fd = open(path_of(PATH), O_CREAT | O_WRONLY | O_TRUNC, 0644);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		return false;
	close(fd);
	close(open(path_of(PATH2), O_CREAT | O_WRONLY, 0644));
	if (symlink("file", path_of(LINK)) < 0 || mkdir(path_of(SUBDIR), 0755) < 0)
		return false;
	ro_fd = open(path_of(PATH), O_RDONLY);
	wo_fd = open(path_of(PATH), O_WRONLY);
	dir_fd = open(dir, O_RDONLY | O_DIRECTORY);
	return ro_fd >= 0 && wo_fd >= 0 && dir_fd >= 0;
}

static void remove_scratch(void)
{
	unlink(path_of(PATH));
	unlink(path_of(PATH2));
	unlink(path_of(LINK));
	unlink(path_of(NEWPATH));
	rmdir(path_of(SUBDIR));
	rmdir(dir);
}

static const struct tap_case cases[] = {
	TAP_CASE(exec),
	TAP_CASE(mmap_family),
	TAP_CASE(process),
	TAP_CASE(sys),
	TAP_CASE(ns_ptrace_syslog),
	TAP_CASE(time_family),
	TAP_CASE(arch),
	TAP_CASE(read_write),
	TAP_CASE(open_family),
	TAP_CASE(stat_family),
	TAP_CASE(readdir),
	TAP_CASE(namei),
	TAP_CASE(fdtable),
	TAP_CASE(ioctl),
	TAP_CASE(mount),
	TAP_CASE(clone_family),
	TAP_CASE(wait_family),
	TAP_CASE(wait_fault_reaps),
	TAP_CASE(futex),
	TAP_CASE(pipe_family),
	TAP_CASE(poll_family),
	TAP_CASE(signals),
	TAP_CASE(sigtimedwait_info),
	TAP_CASE(itimer),
	TAP_CASE(pgrp),
	TAP_CASE(setpgid_nonchild),
	TAP_CASE(trunc_open_of_proc_file),
	TAP_CASE(mmap_of_proc_file),
	TAP_CASE(syscall_number_high_bits),
	TAP_CASE(close_after_lazy_umount),
	TAP_CASE(still_standing),
};

int main(int argc, char **argv)
{
	int status;

	self = argv[0];
	if (!make_scratch())
		printf("# badinput: cannot make the scratch files in /tmp: %s\n",
		       tap_errno_name(errno));
	status = TAP_MAIN("badinput", cases, argc, argv);
	remove_scratch();
	return status;
}
