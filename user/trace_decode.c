/* trace_decode.c - what the six argument registers of a system call mean, for trace(1).
 *
 * The kernel sees a system call as a number and six integers (rdi, rsi, rdx, r10, r8, r9 on
 * x86-64). Whether an integer is a file descriptor, a pointer to a path or a set of flags is
 * known only to the code of that call; a tracer has to be told. Here that knowledge is one
 * table, call_specs[], indexed by system call number: how many arguments a call takes, the
 * kind of each, and whether its result is a number or an address. A call missing from the
 * table prints its name and all six registers in hex - the honest answer when we do not know.
 *
 * Names come from the kernel's own table (kernel/syscall_names.c, linked into trace), and the
 * numbers from kernel/include/uapi/unistd.h, so reaper and its tracer agree by construction.
 * This file includes no <sys/syscall.h>: musl's SYS_ macros would clash with the kernel's.
 *
 * Strings and buffers live in the tracee's memory, not ours: they are read one 8-byte word at
 * a time with PTRACE_PEEKDATA (peek_bytes()), at aligned addresses so a read never crosses
 * into an unmapped page the tracee did not touch. A read that fails prints the pointer.
 *
 * Most arguments are formatted at the syscall-exit stop, when the result is known (read()'s
 * buffer is only worth printing afterwards). execve is formatted at entry: a successful exec
 * frees the memory its arguments were in.
 *
 * See also: user/trace.c (the ptrace loop), docs/trace.md, kernel/syscall_names.c.
 * Linux: the tables in strace's src/linux/x86_64/syscallent.h play this role in strace.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "trace_decode.h"
#include "uapi/unistd.h"

extern const char *const syscall_names[SYS_MAX]; /* kernel/syscall_names.c */

#define STR_MAX	      32 /* bytes of a string or buffer shown before "..." */
#define ARGV_MAX      8	 /* execve arguments shown before "..." */
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* What one argument register holds, and so how it is printed. */
enum arg_kind {
	K_HEX,	   /* anything we do not decode: 0x1f, or 0 */
	K_PTR,	   /* an address: 0x7ffc5000, or NULL */
	K_INT,	   /* an int (fd, pid, count): decimal, upper 32 bits ignored */
	K_LONG,	   /* a long or size_t: decimal */
	K_DIRFD,   /* an fd or AT_FDCWD */
	K_STR,	   /* const char *: "quoted", cut at STR_MAX */
	K_WBUF,	   /* a buffer the call reads, its length in the next argument */
	K_RBUF,	   /* a buffer the call fills, its length the result */
	K_ARGV,	   /* char *const argv[] */
	K_ENVP,	   /* char *const envp[]: only counted */
	K_OFLAGS,  /* O_RDONLY|O_CLOEXEC... */
	K_MODE,	   /* 0644; left out after open flags without O_CREAT */
	K_PROT,	   /* PROT_READ|PROT_WRITE */
	K_MMAP,	   /* MAP_PRIVATE|MAP_ANONYMOUS */
	K_CLONE,   /* CLONE_VM|CLONE_VFORK|SIGCHLD */
	K_WAITOPT, /* WNOHANG|__WALL */
	K_WSTATUS, /* int *wstatus, filled by wait4 */
	K_SIG,	   /* SIGTERM */
	K_SIGHOW,  /* SIG_BLOCK */
	K_ATFLAGS, /* AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH */
	K_FCNTL,   /* F_GETFD */
	K_IOCTL,   /* TCGETS */
};

enum ret_kind {
	R_DEC,
	R_HEX,
	R_NONE
};

struct call_spec {
	unsigned char nargs;  /* how many of arg[] the call takes */
	unsigned char ret;    /* enum ret_kind */
	unsigned char arg[6]; /* enum arg_kind, one per argument */
	bool known;	      /* in the table (a call may have no arguments, like getpid) */
};

/* The calls a student meets in busybox, musl and glibc programs. */
static const struct call_spec call_specs[SYS_MAX] = {
	[SYS_read] = { 3, R_DEC, { K_INT, K_RBUF, K_LONG }, true },
	[SYS_write] = { 3, R_DEC, { K_INT, K_WBUF, K_LONG }, true },
	[SYS_open] = { 3, R_DEC, { K_STR, K_OFLAGS, K_MODE }, true },
	[SYS_close] = { 1, R_DEC, { K_INT }, true },
	[SYS_stat] = { 2, R_DEC, { K_STR, K_PTR }, true },
	[SYS_fstat] = { 2, R_DEC, { K_INT, K_PTR }, true },
	[SYS_lstat] = { 2, R_DEC, { K_STR, K_PTR }, true },
	[SYS_poll] = { 3, R_DEC, { K_PTR, K_INT, K_INT }, true },
	[SYS_lseek] = { 3, R_DEC, { K_INT, K_LONG, K_INT }, true },
	[SYS_mmap] = { 6, R_HEX, { K_PTR, K_LONG, K_PROT, K_MMAP, K_INT, K_LONG }, true },
	[SYS_mprotect] = { 3, R_DEC, { K_PTR, K_LONG, K_PROT }, true },
	[SYS_munmap] = { 2, R_DEC, { K_PTR, K_LONG }, true },
	[SYS_brk] = { 1, R_HEX, { K_PTR }, true },
	[SYS_rt_sigaction] = { 4, R_DEC, { K_SIG, K_PTR, K_PTR, K_LONG }, true },
	[SYS_rt_sigprocmask] = { 4, R_DEC, { K_SIGHOW, K_PTR, K_PTR, K_LONG }, true },
	[SYS_rt_sigreturn] = { 0, R_DEC, { 0 }, true },
	[SYS_ioctl] = { 3, R_DEC, { K_INT, K_IOCTL, K_PTR }, true },
	[SYS_pread64] = { 4, R_DEC, { K_INT, K_RBUF, K_LONG, K_LONG }, true },
	[SYS_pwrite64] = { 4, R_DEC, { K_INT, K_WBUF, K_LONG, K_LONG }, true },
	[SYS_readv] = { 3, R_DEC, { K_INT, K_PTR, K_INT }, true },
	[SYS_writev] = { 3, R_DEC, { K_INT, K_PTR, K_INT }, true },
	[SYS_access] = { 2, R_DEC, { K_STR, K_INT }, true },
	[SYS_pipe] = { 1, R_DEC, { K_PTR }, true },
	[SYS_dup] = { 1, R_DEC, { K_INT }, true },
	[SYS_dup2] = { 2, R_DEC, { K_INT, K_INT }, true },
	[SYS_pause] = { 0, R_DEC, { 0 }, true },
	[SYS_nanosleep] = { 2, R_DEC, { K_PTR, K_PTR }, true },
	[SYS_getpid] = { 0, R_DEC, { 0 }, true },
	[SYS_clone] = { 5, R_DEC, { K_CLONE, K_PTR, K_PTR, K_PTR, K_PTR }, true },
	[SYS_fork] = { 0, R_DEC, { 0 }, true },
	[SYS_vfork] = { 0, R_DEC, { 0 }, true },
	[SYS_execve] = { 3, R_DEC, { K_STR, K_ARGV, K_ENVP }, true },
	[SYS_exit] = { 1, R_NONE, { K_INT }, true },
	[SYS_wait4] = { 4, R_DEC, { K_INT, K_WSTATUS, K_WAITOPT, K_PTR }, true },
	[SYS_kill] = { 2, R_DEC, { K_INT, K_SIG }, true },
	[SYS_uname] = { 1, R_DEC, { K_PTR }, true },
	[SYS_fcntl] = { 3, R_DEC, { K_INT, K_FCNTL, K_HEX }, true },
	[SYS_getcwd] = { 2, R_DEC, { K_PTR, K_LONG }, true },
	[SYS_chdir] = { 1, R_DEC, { K_STR }, true },
	[SYS_fchdir] = { 1, R_DEC, { K_INT }, true },
	[SYS_rename] = { 2, R_DEC, { K_STR, K_STR }, true },
	[SYS_mkdir] = { 2, R_DEC, { K_STR, K_MODE }, true },
	[SYS_rmdir] = { 1, R_DEC, { K_STR }, true },
	[SYS_creat] = { 2, R_DEC, { K_STR, K_MODE }, true },
	[SYS_link] = { 2, R_DEC, { K_STR, K_STR }, true },
	[SYS_unlink] = { 1, R_DEC, { K_STR }, true },
	[SYS_symlink] = { 2, R_DEC, { K_STR, K_STR }, true },
	[SYS_readlink] = { 3, R_DEC, { K_STR, K_RBUF, K_LONG }, true },
	[SYS_chmod] = { 2, R_DEC, { K_STR, K_MODE }, true },
	[SYS_umask] = { 1, R_DEC, { K_MODE }, true },
	[SYS_getuid] = { 0, R_DEC, { 0 }, true },
	[SYS_getgid] = { 0, R_DEC, { 0 }, true },
	[SYS_geteuid] = { 0, R_DEC, { 0 }, true },
	[SYS_getegid] = { 0, R_DEC, { 0 }, true },
	[SYS_setpgid] = { 2, R_DEC, { K_INT, K_INT }, true },
	[SYS_getppid] = { 0, R_DEC, { 0 }, true },
	[SYS_getpgrp] = { 0, R_DEC, { 0 }, true },
	[SYS_setsid] = { 0, R_DEC, { 0 }, true },
	[SYS_getpgid] = { 1, R_DEC, { K_INT }, true },
	[SYS_getsid] = { 1, R_DEC, { K_INT }, true },
	[SYS_rt_sigsuspend] = { 2, R_DEC, { K_PTR, K_LONG }, true },
	[SYS_arch_prctl] = { 2, R_DEC, { K_HEX, K_PTR }, true },
	[SYS_gettid] = { 0, R_DEC, { 0 }, true },
	[SYS_tkill] = { 2, R_DEC, { K_INT, K_SIG }, true },
	[SYS_getdents64] = { 3, R_DEC, { K_INT, K_PTR, K_LONG }, true },
	[SYS_set_tid_address] = { 1, R_DEC, { K_PTR }, true },
	[SYS_exit_group] = { 1, R_NONE, { K_INT }, true },
	[SYS_tgkill] = { 3, R_DEC, { K_INT, K_INT, K_SIG }, true },
	[SYS_waitid] = { 5, R_DEC, { K_INT, K_INT, K_PTR, K_WAITOPT, K_PTR }, true },
	[SYS_openat] = { 4, R_DEC, { K_DIRFD, K_STR, K_OFLAGS, K_MODE }, true },
	[SYS_mkdirat] = { 3, R_DEC, { K_DIRFD, K_STR, K_MODE }, true },
	[SYS_newfstatat] = { 4, R_DEC, { K_DIRFD, K_STR, K_PTR, K_ATFLAGS }, true },
	[SYS_unlinkat] = { 3, R_DEC, { K_DIRFD, K_STR, K_ATFLAGS }, true },
	[SYS_readlinkat] = { 4, R_DEC, { K_DIRFD, K_STR, K_RBUF, K_LONG }, true },
	[SYS_faccessat] = { 3, R_DEC, { K_DIRFD, K_STR, K_INT }, true },
	[SYS_faccessat2] = { 4, R_DEC, { K_DIRFD, K_STR, K_INT, K_ATFLAGS }, true },
	[SYS_set_robust_list] = { 2, R_DEC, { K_PTR, K_LONG }, true },
	[SYS_dup3] = { 3, R_DEC, { K_INT, K_INT, K_OFLAGS }, true },
	[SYS_pipe2] = { 2, R_DEC, { K_PTR, K_OFLAGS }, true },
	[SYS_prlimit64] = { 4, R_DEC, { K_INT, K_INT, K_PTR, K_PTR }, true },
	[SYS_getrandom] = { 3, R_DEC, { K_PTR, K_LONG, K_INT }, true },
	[SYS_execveat] = { 5, R_DEC, { K_DIRFD, K_STR, K_ARGV, K_ENVP, K_ATFLAGS }, true },
	[SYS_statx] = { 5, R_DEC, { K_DIRFD, K_STR, K_ATFLAGS, K_HEX, K_PTR }, true },
	[SYS_clone3] = { 2, R_DEC, { K_PTR, K_LONG }, true },
};

struct flag {
	unsigned long bits;
	const char *name;
};

/* The name tables below are packed several to a line, by hand. */
/* clang-format off */
static const struct flag open_flags[] = {
	{ O_CREAT, "O_CREAT" }, { O_EXCL, "O_EXCL" }, { O_NOCTTY, "O_NOCTTY" },
	{ O_TRUNC, "O_TRUNC" }, { O_APPEND, "O_APPEND" }, { O_NONBLOCK, "O_NONBLOCK" },
	{ O_SYNC, "O_SYNC" }, { O_DSYNC, "O_DSYNC" }, { O_DIRECT, "O_DIRECT" },
	{ O_LARGEFILE, "O_LARGEFILE" }, { O_DIRECTORY, "O_DIRECTORY" },
	{ O_NOFOLLOW, "O_NOFOLLOW" }, { O_NOATIME, "O_NOATIME" }, { O_CLOEXEC, "O_CLOEXEC" },
	{ O_PATH, "O_PATH" },
};
static const struct flag prot_flags[] = {
	{ PROT_READ, "PROT_READ" }, { PROT_WRITE, "PROT_WRITE" }, { PROT_EXEC, "PROT_EXEC" },
};
static const struct flag mmap_flags[] = {
	{ MAP_SHARED, "MAP_SHARED" }, { MAP_PRIVATE, "MAP_PRIVATE" }, { MAP_FIXED, "MAP_FIXED" },
	{ MAP_ANONYMOUS, "MAP_ANONYMOUS" }, { MAP_GROWSDOWN, "MAP_GROWSDOWN" },
	{ MAP_DENYWRITE, "MAP_DENYWRITE" }, { MAP_NORESERVE, "MAP_NORESERVE" },
	{ MAP_POPULATE, "MAP_POPULATE" }, { MAP_STACK, "MAP_STACK" },
	{ MAP_FIXED_NOREPLACE, "MAP_FIXED_NOREPLACE" },
};
/* The low byte of clone's flags is the signal the parent gets when the child exits. */
static const struct flag clone_flags[] = {
	{ CLONE_VM, "CLONE_VM" }, { CLONE_FS, "CLONE_FS" }, { CLONE_FILES, "CLONE_FILES" },
	{ CLONE_SIGHAND, "CLONE_SIGHAND" }, { CLONE_PIDFD, "CLONE_PIDFD" },
	{ CLONE_PTRACE, "CLONE_PTRACE" }, { CLONE_VFORK, "CLONE_VFORK" },
	{ CLONE_PARENT, "CLONE_PARENT" }, { CLONE_THREAD, "CLONE_THREAD" },
	{ CLONE_NEWNS, "CLONE_NEWNS" }, { CLONE_SYSVSEM, "CLONE_SYSVSEM" },
	{ CLONE_SETTLS, "CLONE_SETTLS" }, { CLONE_PARENT_SETTID, "CLONE_PARENT_SETTID" },
	{ CLONE_CHILD_CLEARTID, "CLONE_CHILD_CLEARTID" }, { CLONE_DETACHED, "CLONE_DETACHED" },
	{ CLONE_UNTRACED, "CLONE_UNTRACED" }, { CLONE_CHILD_SETTID, "CLONE_CHILD_SETTID" },
	{ CLONE_NEWUTS, "CLONE_NEWUTS" }, { CLONE_NEWIPC, "CLONE_NEWIPC" },
	{ CLONE_NEWUSER, "CLONE_NEWUSER" }, { CLONE_NEWPID, "CLONE_NEWPID" },
	{ CLONE_NEWNET, "CLONE_NEWNET" },
};
static const struct flag wait_options[] = {
	{ WNOHANG, "WNOHANG" }, { WUNTRACED, "WUNTRACED" }, { WEXITED, "WEXITED" },
	{ WCONTINUED, "WCONTINUED" }, { WNOWAIT, "WNOWAIT" }, { __WNOTHREAD, "__WNOTHREAD" },
	{ __WALL, "__WALL" }, { __WCLONE, "__WCLONE" },
};
static const struct flag at_flags[] = {
	{ AT_SYMLINK_NOFOLLOW, "AT_SYMLINK_NOFOLLOW" }, { AT_REMOVEDIR, "AT_REMOVEDIR" },
	{ AT_SYMLINK_FOLLOW, "AT_SYMLINK_FOLLOW" }, { AT_NO_AUTOMOUNT, "AT_NO_AUTOMOUNT" },
	{ AT_EMPTY_PATH, "AT_EMPTY_PATH" },
};
/* Not flags but single values; the same table shape does for them. */
static const struct flag fcntl_cmds[] = {
	{ F_DUPFD, "F_DUPFD" }, { F_GETFD, "F_GETFD" }, { F_SETFD, "F_SETFD" },
	{ F_GETFL, "F_GETFL" }, { F_SETFL, "F_SETFL" }, { F_DUPFD_CLOEXEC, "F_DUPFD_CLOEXEC" },
};
static const struct flag ioctl_cmds[] = {
	{ TCGETS, "TCGETS" }, { TCSETS, "TCSETS" }, { TCSETSW, "TCSETSW" },
	{ TIOCSCTTY, "TIOCSCTTY" }, { TIOCGPGRP, "TIOCGPGRP" }, { TIOCSPGRP, "TIOCSPGRP" },
	{ TIOCGWINSZ, "TIOCGWINSZ" }, { FIONREAD, "FIONREAD" },
};
static const struct flag sighow_values[] = {
	{ SIG_BLOCK, "SIG_BLOCK" }, { SIG_UNBLOCK, "SIG_UNBLOCK" }, { SIG_SETMASK, "SIG_SETMASK" },
};

static const char *const signal_names[32] = {
	[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
	[SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
	[SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
	[SIGSTKFLT] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
	[SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP", [SIGTTIN] = "SIGTTIN", [SIGTTOU] = "SIGTTOU",
	[SIGURG] = "SIGURG", [SIGXCPU] = "SIGXCPU", [SIGXFSZ] = "SIGXFSZ",
	[SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF", [SIGWINCH] = "SIGWINCH",
	[SIGIO] = "SIGIO", [SIGPWR] = "SIGPWR", [SIGSYS] = "SIGSYS",
};

/* errno names by number (musl's values are Linux's); the messages come from strerror(). */
static const char *const errno_names[] = {
	[EPERM] = "EPERM", [ENOENT] = "ENOENT", [ESRCH] = "ESRCH", [EINTR] = "EINTR",
	[EIO] = "EIO", [ENXIO] = "ENXIO", [E2BIG] = "E2BIG", [ENOEXEC] = "ENOEXEC",
	[EBADF] = "EBADF", [ECHILD] = "ECHILD", [EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM",
	[EACCES] = "EACCES", [EFAULT] = "EFAULT", [ENOTBLK] = "ENOTBLK", [EBUSY] = "EBUSY",
	[EEXIST] = "EEXIST", [EXDEV] = "EXDEV", [ENODEV] = "ENODEV", [ENOTDIR] = "ENOTDIR",
	[EISDIR] = "EISDIR", [EINVAL] = "EINVAL", [ENFILE] = "ENFILE", [EMFILE] = "EMFILE",
	[ENOTTY] = "ENOTTY", [ETXTBSY] = "ETXTBSY", [EFBIG] = "EFBIG", [ENOSPC] = "ENOSPC",
	[ESPIPE] = "ESPIPE", [EROFS] = "EROFS", [EMLINK] = "EMLINK", [EPIPE] = "EPIPE",
	[EDOM] = "EDOM", [ERANGE] = "ERANGE", [EDEADLK] = "EDEADLK",
	[ENAMETOOLONG] = "ENAMETOOLONG", [ENOLCK] = "ENOLCK", [ENOSYS] = "ENOSYS",
	[ENOTEMPTY] = "ENOTEMPTY", [ELOOP] = "ELOOP", [ENOMSG] = "ENOMSG", [EIDRM] = "EIDRM",
	[ENOSTR] = "ENOSTR", [ENODATA] = "ENODATA", [ETIME] = "ETIME", [ENOSR] = "ENOSR",
	[ENOLINK] = "ENOLINK", [EPROTO] = "EPROTO", [EBADMSG] = "EBADMSG",
	[EOVERFLOW] = "EOVERFLOW", [EILSEQ] = "EILSEQ", [EUSERS] = "EUSERS",
	[ENOTSOCK] = "ENOTSOCK", [EDESTADDRREQ] = "EDESTADDRREQ", [EMSGSIZE] = "EMSGSIZE",
	[EPROTOTYPE] = "EPROTOTYPE", [ENOPROTOOPT] = "ENOPROTOOPT",
	[EPROTONOSUPPORT] = "EPROTONOSUPPORT", [EOPNOTSUPP] = "EOPNOTSUPP",
	[EAFNOSUPPORT] = "EAFNOSUPPORT", [EADDRINUSE] = "EADDRINUSE",
	[EADDRNOTAVAIL] = "EADDRNOTAVAIL", [ENETDOWN] = "ENETDOWN", [ENETUNREACH] = "ENETUNREACH",
	[ECONNABORTED] = "ECONNABORTED", [ECONNRESET] = "ECONNRESET", [ENOBUFS] = "ENOBUFS",
	[EISCONN] = "EISCONN", [ENOTCONN] = "ENOTCONN", [ETIMEDOUT] = "ETIMEDOUT",
	[ECONNREFUSED] = "ECONNREFUSED", [EHOSTUNREACH] = "EHOSTUNREACH", [EALREADY] = "EALREADY",
	[EINPROGRESS] = "EINPROGRESS", [ESTALE] = "ESTALE", [EDQUOT] = "EDQUOT",
	[ECANCELED] = "ECANCELED", [EOWNERDEAD] = "EOWNERDEAD",
	[ENOTRECOVERABLE] = "ENOTRECOVERABLE",
};
/* clang-format on */

/* Codes above 511 never reach user space: a tracer sees them at the syscall-exit stop of a
 * call a signal interrupted, before the kernel restarts the call or turns them into EINTR
 * (Linux: include/linux/errno.h). */
static const struct flag restart_codes[] = {
	{ 512, "ERESTARTSYS (To be restarted if SA_RESTART is set)" },
	{ 513, "ERESTARTNOINTR (To be restarted)" },
	{ 514, "ERESTARTNOHAND (To be restarted if no handler)" },
	{ 516, "ERESTART_RESTARTBLOCK (Interrupted by signal)" },
};

void line_add(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->len >= LINE_CAP - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->len, LINE_CAP - l->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		l->len += (size_t)n < LINE_CAP - l->len ? (size_t)n : LINE_CAP - 1 - l->len;
}

/* peek_bytes() - copy up to @n bytes at tracee address @addr; returns how many were read
 * before the first word that could not be (PEEKDATA returns -1 and sets errno). */
static size_t peek_bytes(pid_t pid, unsigned long addr, char *buf, size_t n)
{
	size_t done = 0;
	unsigned long word_addr = addr & ~7UL;
	size_t skip = addr & 7;

	while (done < n) {
		long word;

		errno = 0;
		word = ptrace(PTRACE_PEEKDATA, pid, (void *)word_addr, NULL);
		if (word == -1 && errno != 0)
			break;
		for (size_t i = skip; i < 8 && done < n; i++)
			buf[done++] = ((char *)&word)[i];
		word_addr += 8;
		skip = 0;
	}
	return done;
}

/* add_quoted() - @len bytes as a C string literal, "..." after it if @cut. */
static void add_quoted(struct line *l, const char *s, size_t len, bool cut)
{
	line_add(l, "\"");
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			line_add(l, "\\n");
		else if (c == '\t')
			line_add(l, "\\t");
		else if (c == '"' || c == '\\')
			line_add(l, "\\%c", c);
		else if (c >= 32 && c < 127)
			line_add(l, "%c", c);
		else
			line_add(l, "\\x%02x", c);
	}
	line_add(l, cut ? "\"..." : "\"");
}

static void add_pointer(struct line *l, unsigned long p)
{
	if (p == 0)
		line_add(l, "NULL");
	else
		line_add(l, "%#lx", p);
}

/* add_string() - the NUL-terminated string at @addr, at most STR_MAX chars of it. */
static void add_string(struct line *l, pid_t pid, unsigned long addr)
{
	char buf[STR_MAX + 1];
	size_t got = addr ? peek_bytes(pid, addr, buf, sizeof(buf)) : 0;
	size_t len = strnlen(buf, got);

	if (len == got && got < sizeof(buf)) { /* no NUL found before the read failed */
		add_pointer(l, addr);
		return;
	}
	add_quoted(l, buf, len > STR_MAX ? STR_MAX : len, len > STR_MAX);
}

/* add_buffer() - @len bytes at @addr, which need not end in a NUL. */
static void add_buffer(struct line *l, pid_t pid, unsigned long addr, long len)
{
	char buf[STR_MAX];
	size_t want = len > STR_MAX ? STR_MAX : (size_t)len;

	if (len < 0 || peek_bytes(pid, addr, buf, want) != want) {
		add_pointer(l, addr);
		return;
	}
	add_quoted(l, buf, want, (size_t)len > want);
}

/* add_argv() - ["a", "b"] for a NULL-terminated array of strings. */
static void add_argv(struct line *l, pid_t pid, unsigned long addr)
{
	unsigned long p;

	line_add(l, "[");
	for (int i = 0; peek_bytes(pid, addr + 8 * i, (char *)&p, 8) == 8 && p; i++) {
		if (i == ARGV_MAX) {
			line_add(l, ", ...");
			break;
		}
		line_add(l, i ? ", " : "");
		add_string(l, pid, p);
	}
	line_add(l, "]");
}

/* add_envp() - the environment is long and rarely the point: its address and size. */
static void add_envp(struct line *l, pid_t pid, unsigned long addr)
{
	unsigned long p;
	int n = 0;

	while (n < 4096 && peek_bytes(pid, addr + 8 * n, (char *)&p, 8) == 8 && p)
		n++;
	add_pointer(l, addr);
	line_add(l, " /* %d vars */", n);
}

/* add_flags() - "A|B|0x40" for the bits of @v, "0" when there are none. */
static void add_flags(struct line *l, unsigned long v, const struct flag *t, size_t n)
{
	const char *sep = "";

	for (size_t i = 0; i < n; i++) {
		if (t[i].bits && (v & t[i].bits) == t[i].bits) {
			line_add(l, "%s%s", sep, t[i].name);
			v &= ~t[i].bits;
			sep = "|";
		}
	}
	if (v || !*sep)
		line_add(l, "%s%#lx", sep, v);
}

/* add_value() - the name of @v in @t, or @v in decimal. */
static void add_value(struct line *l, unsigned long v, const struct flag *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (t[i].bits == v) {
			line_add(l, "%s", t[i].name);
			return;
		}
	}
	line_add(l, "%ld", (long)v);
}

static void add_open_flags(struct line *l, unsigned long v)
{
	static const char *const modes[4] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };

	line_add(l, "%s", modes[v & O_ACCMODE]);
	if (v & ~(unsigned long)O_ACCMODE) {
		line_add(l, "|");
		add_flags(l, v & ~(unsigned long)O_ACCMODE, open_flags, ARRAY_SIZE(open_flags));
	}
}

static void add_clone_flags(struct line *l, unsigned long v)
{
	add_flags(l, v & ~0xffUL, clone_flags, ARRAY_SIZE(clone_flags));
	if (v & 0xff)
		line_add(l, "|%s", decode_signal_name(v & 0xff));
}

/* add_wstatus() - what wait4 stored, decoded the way a program would test it. */
static void add_wstatus(struct line *l, const struct call *c, unsigned long addr)
{
	int s;

	if (!c->has_ret || c->ret <= 0 || peek_bytes(c->pid, addr, (char *)&s, 4) != 4) {
		add_pointer(l, addr);
		return;
	}
	if (WIFEXITED(s))
		line_add(l, "[{WIFEXITED(s) && WEXITSTATUS(s) == %d}]", WEXITSTATUS(s));
	else if (WIFSIGNALED(s))
		line_add(l, "[{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}]",
			 decode_signal_name(WTERMSIG(s)), WCOREDUMP(s) ? " && WCOREDUMP(s)" : "");
	else if (WIFSTOPPED(s))
		line_add(l, "[{WIFSTOPPED(s) && WSTOPSIG(s) == %s}]",
			 decode_signal_name(WSTOPSIG(s)));
	else
		line_add(l, "[%#x]", s);
}

/* add_arg() - argument @i of @c, printed as its kind says. */
static void add_arg(struct line *l, const struct call *c, enum arg_kind kind, int i)
{
	unsigned long v = c->arg[i];

	switch (kind) {
	case K_INT:
		line_add(l, "%d", (int)v);
		break;
	case K_LONG:
		line_add(l, "%ld", (long)v);
		break;
	case K_DIRFD:
		if ((int)v == AT_FDCWD)
			line_add(l, "AT_FDCWD");
		else
			line_add(l, "%d", (int)v);
		break;
	case K_STR:
		add_string(l, c->pid, v);
		break;
	case K_WBUF:
		add_buffer(l, c->pid, v, i < 5 ? (long)c->arg[i + 1] : 0);
		break;
	case K_RBUF:
		add_buffer(l, c->pid, v, c->has_ret ? c->ret : -1);
		break;
	case K_ARGV:
		add_argv(l, c->pid, v);
		break;
	case K_ENVP:
		add_envp(l, c->pid, v);
		break;
	case K_OFLAGS:
		add_open_flags(l, v);
		break;
	case K_MODE:
		line_add(l, "%#lo", v & 07777);
		break;
	case K_PROT:
		if (v == PROT_NONE)
			line_add(l, "PROT_NONE");
		else
			add_flags(l, v, prot_flags, ARRAY_SIZE(prot_flags));
		break;
	case K_MMAP:
		add_flags(l, v, mmap_flags, ARRAY_SIZE(mmap_flags));
		break;
	case K_CLONE:
		add_clone_flags(l, v);
		break;
	case K_WAITOPT:
		add_flags(l, v, wait_options, ARRAY_SIZE(wait_options));
		break;
	case K_WSTATUS:
		add_wstatus(l, c, v);
		break;
	case K_SIG:
		line_add(l, "%s", v ? decode_signal_name((int)v) : "0");
		break;
	case K_SIGHOW:
		add_value(l, v, sighow_values, ARRAY_SIZE(sighow_values));
		break;
	case K_ATFLAGS:
		add_flags(l, v, at_flags, ARRAY_SIZE(at_flags));
		break;
	case K_FCNTL:
		add_value(l, v, fcntl_cmds, ARRAY_SIZE(fcntl_cmds));
		break;
	case K_IOCTL:
		add_value(l, v, ioctl_cmds, ARRAY_SIZE(ioctl_cmds));
		break;
	case K_PTR:
		add_pointer(l, v);
		break;
	default:
		line_add(l, v ? "%#lx" : "%lu", v);
		break;
	}
}

/* needs_mode() - do open flags @v create a file, so that the mode argument counts?
 * O_TMPFILE includes the O_DIRECTORY bit, so it is tested as a whole. */
static bool needs_mode(unsigned long v)
{
	return (v & O_CREAT) || (v & O_TMPFILE) == O_TMPFILE;
}

static const struct call_spec *spec_of(long nr)
{
	if (nr < 0 || nr >= SYS_MAX || !call_specs[nr].known)
		return NULL;
	return &call_specs[nr];
}

/**
 * decode_call() - append "name(arg, arg, ...)" for @c to @l.
 * @l: the line being built
 * @c: the call; its arguments, and its result if has_ret
 *
 * A call outside call_specs[] shows all six registers in hex. The mode argument of
 * open/openat is left out unless the flags ask for one (O_CREAT), as it is ignored then.
 */
void decode_call(struct line *l, const struct call *c)
{
	const struct call_spec *spec = spec_of(c->nr);
	const char *name = c->nr >= 0 && c->nr < SYS_MAX ? syscall_names[c->nr] : NULL;

	if (name)
		line_add(l, "%s(", name);
	else
		line_add(l, "syscall_%ld(", c->nr);
	for (int i = 0; i < (spec ? spec->nargs : 6); i++) {
		enum arg_kind kind = spec ? spec->arg[i] : K_HEX;

		if (kind == K_MODE && i > 0 && spec->arg[i - 1] == K_OFLAGS &&
		    !needs_mode(c->arg[i - 1]))
			break;
		line_add(l, i ? ", " : "");
		add_arg(l, c, kind, i);
	}
	line_add(l, ")");
}

static void add_errno(struct line *l, long err)
{
	for (size_t i = 0; i < ARRAY_SIZE(restart_codes); i++) {
		if ((long)restart_codes[i].bits == err) {
			line_add(l, "? %s", restart_codes[i].name);
			return;
		}
	}
	if (err < (long)ARRAY_SIZE(errno_names) && errno_names[err])
		line_add(l, "-1 %s (%s)", errno_names[err], strerror((int)err));
	else
		line_add(l, "-1 errno %ld (%s)", err, strerror((int)err));
}

/**
 * decode_result() - append " = result" for @c to @l.
 * @l: the line being built
 * @c: the call, with has_ret set
 *
 * A value in -4095..-1 is an error: the kernel returns -errno and the C library turns it into
 * -1 and errno, so that is how it is shown. Addresses (mmap, brk) print in hex.
 */
void decode_result(struct line *l, const struct call *c)
{
	const struct call_spec *spec = spec_of(c->nr);

	line_add(l, " = ");
	if (!c->has_ret || (spec && spec->ret == R_NONE))
		line_add(l, "?");
	else if (c->ret < 0 && c->ret >= -4095)
		add_errno(l, -c->ret);
	else if (spec && spec->ret == R_HEX)
		line_add(l, "%#lx", (unsigned long)c->ret);
	else
		line_add(l, "%ld", c->ret);
}

/* decode_is_formatted_at_entry() - must @nr's arguments be read at the syscall-enter stop?
 * Yes for exec: if it succeeds, the memory holding them is gone by the exit stop. */
bool decode_is_formatted_at_entry(long nr)
{
	return nr == SYS_execve || nr == SYS_execveat || decode_never_returns(nr);
}

/* decode_never_returns() - does @nr end the task (so it has no syscall-exit stop)? */
bool decode_never_returns(long nr)
{
	return nr == SYS_exit || nr == SYS_exit_group;
}

/* decode_signal_name() - "SIGCHLD"; "SIG40" for a real-time signal. Not reentrant. */
const char *decode_signal_name(int sig)
{
	static char buf[16];

	if (sig > 0 && sig < 32 && signal_names[sig])
		return signal_names[sig];
	snprintf(buf, sizeof(buf), "SIG%d", sig);
	return buf;
}

/* si_code_name() - the name of @si's si_code; codes > 0 mean different things per signal. */
static const char *si_code_name(const siginfo_t *si)
{
	static const char *const cld[] = { NULL,	   "CLD_EXITED",  "CLD_KILLED",
					   "CLD_DUMPED",   "CLD_TRAPPED", "CLD_STOPPED",
					   "CLD_CONTINUED" };
	static const char *const segv[] = { NULL, "SEGV_MAPERR", "SEGV_ACCERR" };
	static const char *const bus[] = { NULL, "BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR" };
	int code = si->si_code;

	if (code == SI_USER)
		return "SI_USER";
	if (code == SI_KERNEL)
		return "SI_KERNEL";
	if (code == SI_QUEUE)
		return "SI_QUEUE";
	if (code == SI_TKILL)
		return "SI_TKILL";
	if (si->si_signo == SIGCHLD && code > 0 && code <= CLD_CONTINUED)
		return cld[code];
	if (si->si_signo == SIGSEGV && code > 0 && code <= SEGV_ACCERR)
		return segv[code];
	if (si->si_signo == SIGBUS && code > 0 && code <= BUS_OBJERR)
		return bus[code];
	return NULL;
}

/**
 * decode_siginfo() - append "{si_signo=SIGCHLD, si_code=CLD_EXITED, ...}" for @si to @l.
 * @l: the line being built
 * @si: what PTRACE_GETSIGINFO returned at a signal-delivery-stop
 *
 * Which other fields are valid depends on who sent the signal: a process (kill, tgkill: the
 * sender's pid and uid), a child changing state (SIGCHLD: the child and its status) or a
 * fault (SIGSEGV, SIGBUS, SIGILL, SIGFPE: the faulting address).
 */
void decode_siginfo(struct line *l, const siginfo_t *si)
{
	const char *code = si_code_name(si);
	int sig = si->si_signo;

	line_add(l, "{si_signo=%s, si_code=", decode_signal_name(sig));
	if (code)
		line_add(l, "%s", code);
	else
		line_add(l, "%d", si->si_code);
	if (si->si_code <= 0 || sig == SIGCHLD)
		line_add(l, ", si_pid=%d, si_uid=%u", (int)si->si_pid, (unsigned)si->si_uid);
	if (sig == SIGCHLD && si->si_code > 0)
		line_add(l, ", si_status=%d", si->si_status);
	else if (si->si_code > 0 &&
		 (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE))
		line_add(l, ", si_addr=%p", si->si_addr);
	line_add(l, "}");
}
