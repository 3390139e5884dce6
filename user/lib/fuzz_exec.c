/* fuzz_exec.c - the fuzzer's executor: one worker's stream of random system calls.
 *
 * The harness (user/tests/fuzz.c) starts each worker as pid 1 of a pid namespace nested 1-3
 * levels below its own, so nothing the executor does can name the harness: kill(-1), kill(1)
 * and random pids stay inside the worker's own namespace (docs/fuzz.md draws the tree).
 * Iteration i of worker w draws everything from fuzz_mix(seed, w, i), so a seed replays the
 * same sequence per worker; the executor writes i to FUZZ_PROGRESS_FD before each iteration,
 * and after a death (exit_group, a bad rt_sigreturn, a handler at a random address ...) the
 * harness starts a new executor at i + 1.
 *
 * An iteration is one random system call (most of them), or churn: a child process or a
 * thread making random calls of its own, unshare(CLONE_NEWPID) and a child in the new
 * namespace, kill, ptrace or reaping of the children. A call is a number - mostly one the
 * kernel implements, else any number, past the table, negative, with high bits set - and
 * six arguments drawn from interesting values by the kind each argument has (pick_arg()):
 * NULL, -1, small ints, kernel and direct-map addresses, unmapped and PROT_NONE user pages,
 * the last page below 2^47, non-canonical addresses, huge sizes, random flag words, pids
 * of other namespaces and nonexistent ones, valid and bad fds, paths good and bad.
 *
 * What keeps the executor itself alive long enough to be useful (restrict_call()):
 *  - its loop makes raw `syscall` instructions only: no libc, no errno, no TLS, no stack
 *    protector (user.mk builds it with -fno-stack-protector), so arch_prctl(ARCH_SET_FS)
 *    with garbage costs nothing;
 *  - fork, vfork, clone and clone3 go through raw_forklike(), whose child exits at once
 *    without touching its (perhaps random) stack;
 *  - munmap, mprotect, madvise and MAP_FIXED mmap only touch the area it reserved (or
 *    addresses that are not user memory at all);
 *  - a SIGALRM every 20 ms interrupts calls that would block (pause, read of an empty
 *    pipe ...); if a random call took that away, the harness kills the stalled executor.
 * The deny list proper is in fuzz.c's header, with a reason for each entry.
 * See also: user/tests/fuzz.c (the harness, the watchdog, the leak check), docs/fuzz.md.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fuzz_exec.h"

#define RES_BASE	0x200000000000UL	/* the reserved area, at a fixed address */
#define RES_SIZE	(8UL << 20)
#define SCRATCH_SIZE	0x10000UL		/* the first 64 KiB: strings, structs, buffers */
#define GUARD		(RES_BASE + SCRATCH_SIZE)	/* a PROT_NONE page after it */
#define PAGE		4096UL
#define KIDS		8		/* child processes an executor keeps at most */
#define THREADS		4		/* threads at once */
#define THREAD_STACK	(32 * 1024)
#define SYS_NR_WILD	460		/* uniform numbers are drawn below this */

/* Kernel-space and other addresses that are not user memory. */
#define KERNEL_IMAGE	0xffffffff80000000UL
#define DIRECT_MAP	0xffff800000000000UL
#define LAST_USER_PAGE	0x00007ffffffff000UL	/* the last page below 2^47 */
#define NONCANONICAL	0x0000800000000000UL

/* The kinds of argument (the letters of a signature string in the table below). */
/* x any, f fd, d dirfd, p buffer, s path, M mount target, n size, i int/flags, P pid, g signal,
 * a mm address, v argv, c clone flags, w wait options, t ptrace request, S safe path (host). */
struct call_sig {
	int nr;
	const char *args;
	bool host;		/* in the host-safe subset */
	bool mutates;		/* its paths change the filesystem: scratch only on the host */
};

static const struct call_sig calls[] = {
	{ SYS_read, "fpn", 1, 0 }, { SYS_write, "fpn", 1, 0 }, { SYS_open, "sii", 1, 1 },
	{ SYS_close, "f", 1, 0 }, { SYS_stat, "sp", 1, 0 }, { SYS_fstat, "fp", 1, 0 },
	{ SYS_lstat, "sp", 1, 0 }, { SYS_poll, "pni", 1, 0 }, { SYS_lseek, "fxi", 1, 0 },
	{ SYS_mmap, "anixfx", 1, 0 }, { SYS_mprotect, "ani", 1, 0 }, { SYS_munmap, "an", 1, 0 },
	{ SYS_brk, "x", 1, 0 }, { SYS_rt_sigaction, "gppn", 1, 0 },
	{ SYS_rt_sigprocmask, "ippn", 1, 0 }, { SYS_rt_sigreturn, "", 1, 0 },
	{ SYS_ioctl, "fxp", 1, 0 }, { SYS_pread64, "fpnx", 1, 0 }, { SYS_pwrite64, "fpnx", 1, 0 },
	{ SYS_readv, "fpn", 1, 0 }, { SYS_writev, "fpn", 1, 0 }, { SYS_access, "si", 1, 0 },
	{ SYS_pipe, "p", 1, 0 }, { SYS_select, "npppp", 1, 0 }, { SYS_sched_yield, "", 1, 0 },
	{ SYS_madvise, "ani", 0, 0 }, { SYS_dup, "f", 1, 0 }, { SYS_dup2, "ff", 1, 0 },
	{ SYS_pause, "", 1, 0 }, { SYS_nanosleep, "pp", 1, 0 }, { SYS_getitimer, "ip", 1, 0 },
	{ SYS_alarm, "i", 1, 0 }, { SYS_setitimer, "ipp", 1, 0 }, { SYS_getpid, "", 1, 0 },
	{ SYS_sendfile, "ffpn", 1, 0 }, { SYS_clone, "cxppx", 1, 0 }, { SYS_fork, "", 1, 0 },
	{ SYS_vfork, "", 1, 0 }, { SYS_execve, "svv", 1, 0 }, { SYS_exit, "i", 1, 0 },
	{ SYS_wait4, "Ppwp", 1, 0 }, { SYS_kill, "Pg", 1, 0 }, { SYS_uname, "p", 1, 0 },
	{ SYS_fcntl, "fix", 1, 0 }, { SYS_fsync, "f", 1, 0 }, { SYS_fdatasync, "f", 1, 0 },
	{ SYS_truncate, "sn", 1, 1 }, { SYS_ftruncate, "fn", 1, 0 },
	{ SYS_getdents64, "fpn", 1, 0 }, { SYS_getcwd, "pn", 1, 0 }, { SYS_chdir, "s", 1, 0 },
	{ SYS_fchdir, "f", 1, 0 }, { SYS_rename, "ss", 1, 1 }, { SYS_mkdir, "si", 1, 1 },
	{ SYS_rmdir, "s", 1, 1 }, { SYS_creat, "si", 1, 1 }, { SYS_link, "ss", 1, 1 },
	{ SYS_unlink, "s", 1, 1 }, { SYS_symlink, "ss", 1, 1 }, { SYS_readlink, "spn", 1, 0 },
	{ SYS_chmod, "si", 1, 1 }, { SYS_fchmod, "fi", 0, 0 }, { SYS_umask, "i", 1, 0 },
	{ SYS_gettimeofday, "pp", 1, 0 }, { SYS_getrlimit, "ip", 1, 0 },
	{ SYS_sysinfo, "p", 1, 0 }, { SYS_getuid, "", 1, 0 }, { SYS_syslog, "ipn", 0, 0 },
	{ SYS_getgid, "", 1, 0 }, { SYS_geteuid, "", 1, 0 }, { SYS_getegid, "", 1, 0 },
	{ SYS_setpgid, "PP", 1, 0 }, { SYS_getppid, "", 1, 0 }, { SYS_getpgrp, "", 1, 0 },
	{ SYS_setsid, "", 1, 0 }, { SYS_getpgid, "P", 1, 0 }, { SYS_getsid, "P", 1, 0 },
	{ SYS_rt_sigpending, "pn", 1, 0 }, { SYS_rt_sigtimedwait, "pppn", 1, 0 },
	{ SYS_rt_sigqueueinfo, "Pgp", 1, 0 }, { SYS_rt_sigsuspend, "pn", 1, 0 },
	{ SYS_sigaltstack, "pp", 1, 0 }, { SYS_mount, "sMsix", 0, 1 }, { SYS_umount2, "Mi", 0, 1 },
	{ SYS_reboot, "xxip", 0, 0 }, { SYS_arch_prctl, "ix", 1, 0 }, { SYS_setrlimit, "ip", 1, 0 },
	{ SYS_sync, "", 0, 0 }, { SYS_gettid, "", 1, 0 }, { SYS_tkill, "Pg", 1, 0 },
	{ SYS_time, "p", 1, 0 }, { SYS_futex, "pixppi", 1, 0 }, { SYS_set_tid_address, "p", 1, 0 },
	{ SYS_restart_syscall, "", 1, 0 }, { SYS_clock_gettime, "ip", 1, 0 },
	{ SYS_clock_getres, "ip", 1, 0 }, { SYS_clock_nanosleep, "iipp", 1, 0 },
	{ SYS_exit_group, "i", 1, 0 }, { SYS_tgkill, "PPg", 1, 0 }, { SYS_waitid, "iPpwp", 1, 0 },
	{ SYS_openat, "dsii", 1, 1 }, { SYS_mkdirat, "dsi", 1, 1 }, { SYS_newfstatat, "dspi", 1, 0 },
	{ SYS_unlinkat, "dsi", 1, 1 }, { SYS_renameat, "dsds", 1, 1 }, { SYS_linkat, "dsdsi", 1, 1 },
	{ SYS_symlinkat, "sds", 1, 1 }, { SYS_readlinkat, "dspn", 1, 0 },
	{ SYS_fchmodat, "dsi", 1, 1 }, { SYS_faccessat, "dsi", 1, 0 },
	{ SYS_pselect6, "npppp", 1, 0 }, { SYS_ppoll, "pnppn", 1, 0 }, { SYS_unshare, "c", 1, 0 },
	{ SYS_set_robust_list, "pn", 1, 0 }, { SYS_pipe2, "pi", 1, 0 }, { SYS_dup3, "ffi", 1, 0 },
	{ SYS_prlimit64, "Pipp", 1, 0 }, { SYS_setns, "fi", 1, 0 }, { SYS_getrandom, "pni", 1, 0 },
	{ SYS_ptrace, "tPpp", 1, 0 }, { SYS_renameat2, "dsdsi", 1, 1 }, { SYS_clone3, "pn", 1, 0 },
	{ SYS_faccessat2, "dsii", 1, 0 }, { SYS_prctl, "ixxxx", 1, 0 },
};
#define NCALLS (sizeof(calls) / sizeof(calls[0]))

/* Paths, in the executor's own data (no random pointer reaches it, so no random call can
 * overwrite a path with a random name); PATH_SCRATCH of them are the worker's own. */
enum { P_FILE, P_DIR, P_DIR_X, P_NEW, P_LINK, P_MNT, PATH_SCRATCH, P_MISSING = PATH_SCRATCH,
       P_EMPTY, P_ROOT, P_PROC, P_STATUS, P_NSPID, P_FD0, P_COMM, P_DROP, P_DOTDOT, P_LONG,
       NPATHS };
#define PATH_SLOT	512			/* bytes per path; P_LONG is 5000 bytes */
#define SOUP_OFF	0x4000UL		/* 4 KiB of interesting words: "structs" */
#define ARGV_OFF	0x5000UL		/* a valid argv: pointers to the paths */
#define ZERO_OFF	0x6000UL		/* a page of zeroes */
#define DATA_OFF	0x7000UL		/* random bytes up to the end */

struct rng {
	uint64_t s;
};

/* One executor's state; threads and children get their own rng and share the rest. */
static const struct fuzz_config *cfg;
static int worker;
static pid_t kids[KIDS];			/* churn children; 0 = free slot */
static volatile int thread_tid[THREADS];	/* CLONE_CHILD_CLEARTID zeroes it at exit */
static char thread_stacks[THREADS][THREAD_STACK] __attribute__((aligned(16)));
static int fd_pool[12];				/* the valid fds, see open_fds() */
static char paths[NPATHS + 10][PATH_SLOT];	/* P_LONG runs on into the spare slots */

/* ---- raw system calls: no libc, no errno, no TLS after setup ---- */

static inline long raw6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}
#define raw3(n, a, b, c) raw6((n), (long)(a), (long)(b), (long)(c), 0, 0, 0)

/* raw_forklike() - a call that may make a child (fork, vfork, clone, clone3). The child
 * exits at once with exit(0), before touching memory: its stack may be any address, and a
 * CLONE_VM child shares ours. fuzz_restorer - the rt_sigreturn trampoline of our handlers.
 * fuzz_spawn_thread(flags, stack_top, ctid, fn, arg) - clone a thread running fn(arg). */
long raw_forklike(long n, long a, long b, long c, long d, long e, long f);
void fuzz_restorer(void);
long fuzz_spawn_thread(long flags, void *stack_top, volatile int *ctid, void (*fn)(void *),
		       void *arg);
__asm__(".text\n"
	".globl raw_forklike\n"
	"raw_forklike:\n"
	"	mov %rdi, %rax\n	mov %rsi, %rdi\n	mov %rdx, %rsi\n"
	"	mov %rcx, %rdx\n	mov %r8, %r10\n	mov %r9, %r8\n"
	"	mov 8(%rsp), %r9\n	syscall\n"
	"	test %rax, %rax\n	jnz 1f\n"
	"	mov $60, %eax\n	xor %edi, %edi\n	syscall\n	ud2\n"
	"1:	ret\n"
	".globl fuzz_restorer\n"
	"fuzz_restorer:\n"
	"	mov $15, %eax\n	syscall\n	ud2\n"
	".globl fuzz_spawn_thread\n"
	"fuzz_spawn_thread:\n"
	"	sub $16, %rsi\n	mov %rcx, 0(%rsi)\n	mov %r8, 8(%rsi)\n"
	"	mov %rdx, %r10\n	xor %edx, %edx\n	xor %r8d, %r8d\n"
	"	mov $56, %eax\n	syscall\n"
	"	test %rax, %rax\n	jnz 2f\n"
	"	pop %rax\n	pop %rdi\n	call *%rax\n"
	"	mov $60, %eax\n	xor %edi, %edi\n	syscall\n	ud2\n"
	"2:	ret\n");

/* ---- randomness ---- */

uint64_t fuzz_mix(uint64_t a, uint64_t b)
{
	uint64_t z = a + b * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t next(struct rng *r)
{
	r->s += 0x9e3779b97f4a7c15ULL;
	return fuzz_mix(r->s, 0);
}

static uint64_t below(struct rng *r, uint64_t n)
{
	return n ? next(r) % n : 0;
}

static bool chance(struct rng *r, int percent)
{
	return below(r, 100) < (uint64_t)percent;
}

static void seed_rng(struct rng *r, long iteration, long sub)
{
	r->s = fuzz_mix(fuzz_mix(cfg->seed, (uint64_t)worker + 1), fuzz_mix((uint64_t)iteration,
		(uint64_t)sub));
}

/* ---- interesting values ---- */

static const uint64_t interesting[] = {
	0, 1, 2, 3, 7, 8, 16, 31, 32, 63, 64, 127, 128, 255, 256, 511, 1023, 1024, 4095, 4096,
	4097, 0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000,
	0x7fffffffffffffff, 0x8000000000000000, 0xffffffffffffffff, 0xfffffffffffffffe,
	0xfffffffffffff000, 0xffffffff80000000, (uint64_t)-4095, 1UL << 40, 1UL << 47,
	1UL << 62, -100 /* AT_FDCWD */,
};
#define NINTERESTING (sizeof(interesting) / sizeof(interesting[0]))

static uint64_t pick_int(struct rng *r)
{
	switch (below(r, 6)) {
	case 0: return below(r, 65);
	case 1: return interesting[below(r, NINTERESTING)];
	case 2: return 1UL << below(r, 64);
	case 3: return (uint32_t)next(r);
	case 4: return next(r);
	default: return -(below(r, 64) + 1);
	}
}

static uint64_t pick_size(struct rng *r)
{
	static const uint64_t sizes[] = { 0, 1, 8, 16, 64, 512, 4096, 4097, 65536, 1 << 20,
					  1UL << 31, 0xffffffff, 1UL << 62, (uint64_t)-1,
					  0x7fffffffffffffff };

	return chance(r, 70) ? sizes[below(r, sizeof(sizes) / sizeof(sizes[0]))] : pick_int(r);
}

static uint64_t scratch_ptr(struct rng *r)
{
	static const uint64_t offs[] = { SOUP_OFF, ARGV_OFF, ZERO_OFF, DATA_OFF };

	if (chance(r, 70))
		return RES_BASE + offs[below(r, sizeof(offs) / sizeof(offs[0]))];
	return RES_BASE + below(r, SCRATCH_SIZE);
}

/* pick_ptr() - a pointer: ours (the scratch area) or one the kernel must refuse. */
static uint64_t pick_ptr(struct rng *r)
{
	switch (below(r, 12)) {
	case 0: return 0;
	case 1: return chance(r, 50) ? 0x1000 : 0x10000;		/* unmapped, low */
	case 2: return KERNEL_IMAGE + below(r, 16 << 20);
	case 3: return DIRECT_MAP + below(r, 256 << 20);
	case 4: return LAST_USER_PAGE + (chance(r, 50) ? 0 : PAGE - 1 - below(r, 16));
	case 5: return chance(r, 50) ? NONCANONICAL : 0x8000000000000000UL + below(r, 1 << 20);
	case 6: return GUARD - below(r, 64);				/* straddles into it */
	case 7: return GUARD + below(r, PAGE);				/* PROT_NONE */
	case 8: return RES_BASE + SCRATCH_SIZE + PAGE + below(r, RES_SIZE / 2);
	case 9: return (uint64_t)-1 - below(r, 4096);
	default: return scratch_ptr(r);
	}
}

static uint64_t pick_fd(struct rng *r)
{
	static const int64_t bad[] = { -1, -100, 63, 1023, 1024, 65536, 0x7fffffff, -0x80000000L };

	if (chance(r, 80))
		return (uint64_t)(int64_t)fd_pool[below(r, sizeof(fd_pool) / sizeof(fd_pool[0]))];
	return (uint64_t)bad[below(r, sizeof(bad) / sizeof(bad[0]))];
}

/* pick_pid() - our own, our children, small numbers (maybe someone here), numbers that
 * only exist in outer namespaces or nowhere, and process groups. */
static uint64_t pick_pid(struct rng *r)
{
	static const int64_t odd[] = { 0, -1, 1, 300, 32767, 32768, 4194304, 0x7fffffff,
				       -0x80000000L };
	int64_t nr;

	switch (below(r, 5)) {
	case 0: nr = kids[below(r, KIDS)]; break;
	case 1: nr = (int64_t)below(r, 40); break;
	case 2: nr = odd[below(r, sizeof(odd) / sizeof(odd[0]))]; break;
	case 3: nr = raw3(SYS_getpid, 0, 0, 0); break;
	default: nr = -(int64_t)below(r, 40); break;
	}
	return (uint64_t)nr;
}

static uint64_t pick_signal(struct rng *r)
{
	static const int sigs[] = { 0, SIGKILL, SIGSTOP, SIGCONT, SIGCHLD, SIGALRM, SIGSEGV,
				    SIGTERM, SIGUSR1, SIGTRAP, 32, 64, 65, -1 };

	if (chance(r, 60))
		return (uint64_t)(int64_t)sigs[below(r, sizeof(sigs) / sizeof(sigs[0]))];
	return below(r, 70);
}

/* pick_bad_ptr() - a pointer that is never valid user memory of ours. */
static uint64_t pick_bad_ptr(struct rng *r)
{
	uint64_t p;

	do
		p = pick_ptr(r);
	while (p >= RES_BASE && p < GUARD);
	return p;
}

/* pick_path() - a path of the pool or a pointer; @scratch_only (the host's calls that
 * change the filesystem): the worker's own paths, or pointers the kernel must refuse - never
 * the scratch bytes, which would make a random name relative to the current directory. */
static uint64_t pick_path(struct rng *r, bool scratch_only)
{
	int n = scratch_only ? PATH_SCRATCH + 1 : NPATHS;
	int k;

	if (chance(r, 12))
		return scratch_only ? pick_bad_ptr(r) : pick_ptr(r);
	k = (int)below(r, (uint64_t)n);
	return (uint64_t)paths[k];
}

static uint64_t pick_clone_flags(struct rng *r)
{
	static const uint64_t bits[] = { 0x100 /* VM */, 0x200 /* FS */, 0x400 /* FILES */,
		0x800 /* SIGHAND */, 0x2000 /* PTRACE */, 0x4000 /* VFORK */, 0x8000 /* PARENT */,
		0x10000 /* THREAD */, 0x20000 /* NEWNS */, 0x80000 /* SETTLS */,
		0x100000 /* PARENT_SETTID */, 0x200000 /* CHILD_CLEARTID */,
		0x1000000 /* CHILD_SETTID */, 0x20000000 /* NEWPID */, 0x1000 /* PIDFD */,
		0x40000000 /* NEWNET */, 0x80000000UL /* IO */ };
	uint64_t f = chance(r, 60) ? SIGCHLD : below(r, 70);

	for (int k = (int)below(r, 5); k > 0; k--)
		f |= bits[below(r, sizeof(bits) / sizeof(bits[0]))];
	return chance(r, 10) ? pick_int(r) : f;
}

static uint64_t pick_wait_options(struct rng *r)
{
	static const uint64_t opts[] = { 2 /* WUNTRACED */, 8 /* WCONTINUED */, 4 /* WEXITED */,
		0x01000000 /* WNOWAIT */, 0x20000000 /* __WNOTHREAD */, 0x40000000 /* __WALL */,
		0x80000000UL /* __WCLONE */ };
	uint64_t o = chance(r, 85) ? 1 /* WNOHANG */ : 0;

	for (int k = (int)below(r, 3); k > 0; k--)
		o |= opts[below(r, sizeof(opts) / sizeof(opts[0]))];
	return chance(r, 8) ? pick_int(r) : o;
}

static uint64_t pick_ptrace_request(struct rng *r)
{
	if (chance(r, 70))
		return below(r, 26);
	if (chance(r, 80))
		return 0x4200 + below(r, 16);
	return pick_int(r);
}

/* pick_argv() - a valid argv, NULL, a bad pointer, or an array of interesting words. */
static uint64_t pick_argv(struct rng *r)
{
	switch (below(r, 4)) {
	case 0: return RES_BASE + ARGV_OFF;
	case 1: return RES_BASE + SOUP_OFF + 8 * below(r, 64);
	default: return pick_ptr(r);
	}
}

/* pick_mm_addr() - an address for munmap/mprotect/madvise/MAP_FIXED: in the reserved area,
 * or nowhere near user memory. restrict_mm() fixes up the length. */
static uint64_t pick_mm_addr(struct rng *r)
{
	if (chance(r, 75))
		return RES_BASE + (chance(r, 90) ? below(r, RES_SIZE / PAGE) * PAGE : below(r, RES_SIZE));
	return pick_ptr(r) | (chance(r, 50) ? KERNEL_IMAGE : NONCANONICAL);
}

static uint64_t pick_arg(struct rng *r, char kind, bool host_mutates)
{
	if (chance(r, 8) && !host_mutates)	/* now and then, anything at all */
		kind = chance(r, 50) ? 'x' : 'p';
	switch (kind) {
	case 'f': return pick_fd(r);
	case 'd': return chance(r, 50) ? (uint64_t)-100 : pick_fd(r);
	case 'p': return pick_ptr(r);
	case 's': return pick_path(r, host_mutates);
	case 'M': return pick_path(r, true);
	case 'n': return pick_size(r);
	case 'i': return chance(r, 50) ? below(r, 16) : pick_int(r);
	case 'P': return pick_pid(r);
	case 'g': return pick_signal(r);
	case 'a': return pick_mm_addr(r);
	case 'v': return pick_argv(r);
	case 'c': return pick_clone_flags(r);
	case 'w': return pick_wait_options(r);
	case 't': return pick_ptrace_request(r);
	default:
		switch (below(r, 4)) {
		case 0: return pick_ptr(r);
		case 1: return pick_fd(r);
		default: return pick_int(r);
		}
	}
}

/* ---- the restrictions (fuzz.c's header lists them with their reasons) ---- */

static bool in_reserved(uint64_t addr, uint64_t len)
{
	return addr >= RES_BASE && len <= RES_SIZE && addr - RES_BASE <= RES_SIZE - len;
}

/* restrict_mm() - keep [addr, addr+len) inside the reserved area, or wholly outside user
 * space (any length: the kernel must refuse it), or below the program (nothing there). */
static void restrict_mm(struct rng *r, uint64_t *addr, uint64_t *len)
{
	if (in_reserved(*addr, *len) || *addr >= NONCANONICAL)
		return;
	if (*addr < 0x400000 && *len <= 0x400000 - *addr)
		return;
	if (*addr < RES_BASE || *addr >= RES_BASE + RES_SIZE)
		*addr = RES_BASE + below(r, RES_SIZE / PAGE) * PAGE;
	if (!in_reserved(*addr, *len))
		*len = RES_BASE + RES_SIZE - *addr;
}

static bool is_forklike(int nr)
{
	return nr == SYS_fork || nr == SYS_vfork || nr == SYS_clone || nr == SYS_clone3;
}

/* restrict_call() - apply the deny list and the restrictions to one call. Return: false to
 * leave the call out. */
static bool restrict_call(struct rng *r, int nr, uint64_t *a)
{
	switch (nr) {
	case SYS_mmap:
		if (a[3] & (MAP_FIXED | MAP_FIXED_NOREPLACE))
			restrict_mm(r, &a[0], &a[1]);
		if (cfg->host_safe && a[1] > RES_SIZE)
			a[1] = RES_SIZE;	/* no MAP_POPULATE of gigabytes on the host */
		return true;
	case SYS_munmap:
	case SYS_mprotect:
	case SYS_madvise:
		restrict_mm(r, &a[0], &a[1]);
		return true;
	case SYS_syslog:
		return a[0] < 6 || a[0] > 8;	/* console off/on/level: the harness reads it */
	case SYS_umount2:
		a[1] |= 8;	/* UMOUNT_NOFOLLOW: a scratch path may be a symlink to /proc */
		return true;
	default:
		return true;
	}
}

/* ---- one call ---- */

static const struct call_sig *find_call(int nr)
{
	for (size_t i = 0; i < NCALLS; i++)
		if (calls[i].nr == nr)
			return &calls[i];
	return NULL;
}

/* pick_number() - mostly an implemented call; else any number, also past the table, negative
 * or with high bits set (the kernel must say ENOSYS). On the host: the safe subset, or
 * numbers Linux does not have. */
static uint64_t pick_number(struct rng *r)
{
	const struct call_sig *c;

	if (chance(r, 85) || cfg->host_safe) {
		do
			c = &calls[below(r, NCALLS)];
		while (cfg->host_safe && !c->host);
		if (!cfg->host_safe || chance(r, 95))
			return (uint64_t)c->nr;
		return chance(r, 50) ? 1024 + below(r, 1 << 20) : (uint64_t)-(int64_t)below(r, 1000) - 1;
	}
	switch (below(r, 4)) {
	case 0: return below(r, SYS_NR_WILD);
	case 1: return 451 + below(r, 600);
	case 2: return (uint64_t)-(int64_t)below(r, 1000) - 1;
	default: return (below(r, 0xffffffff) + 1) << 32 | below(r, SYS_NR_WILD);
	}
}

static void put_str(const char *s)
{
	raw3(SYS_write, 2, s, strlen(s));
}

static void trace_call(long iteration, int sub, uint64_t nr, const uint64_t *a)
{
	char line[200];

	snprintf(line, sizeof(line), "fuzz: w%d i%ld.%d nr %lld (%#llx, %#llx, %#llx, %#llx, "
		 "%#llx, %#llx)\n", worker, iteration, sub, (long long)nr,
		 (unsigned long long)a[0], (unsigned long long)a[1], (unsigned long long)a[2],
		 (unsigned long long)a[3], (unsigned long long)a[4], (unsigned long long)a[5]);
	put_str(line);
}

static void install_alarm(void);

/* may_disarm() - calls that can take the SIGALRM away (handler, mask, timer): the executor
 * sets it up again after them, so that fewer blocking calls stall until the watchdog. */
static bool may_disarm(int nr)
{
	return nr == SYS_rt_sigaction || nr == SYS_rt_sigprocmask || nr == SYS_setitimer ||
	       nr == SYS_alarm || nr == SYS_rt_sigreturn || nr == SYS_sigaltstack;
}

/* random_call() - draw one call and make it. */
static void random_call(struct rng *r, long iteration, int sub)
{
	uint64_t nr = pick_number(r), a[6];
	int eff = (int)(uint32_t)nr;	/* Linux reads the number as an int */
	const struct call_sig *c = find_call(eff);
	const char *kinds = c ? c->args : "";
	bool scratch_only = c && c->mutates && cfg->host_safe;

	for (int k = 0; k < 6; k++)
		a[k] = pick_arg(r, kinds[0] && k < (int)strlen(kinds) ? kinds[k] : 'x', scratch_only);
	if (!restrict_call(r, eff, a))
		return;
	if (cfg->trace)
		trace_call(iteration, sub, nr, a);
	if (is_forklike(eff))
		raw_forklike((long)nr, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4],
			     (long)a[5]);
	else
		raw6((long)nr, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4],
		     (long)a[5]);
	if (may_disarm(eff))
		install_alarm();
}

static void random_calls(struct rng *r, long iteration, int count)
{
	for (int k = 0; k < count; k++)
		random_call(r, iteration, k + 1);
}

/* ---- the scratch area ---- */

static const char *path_name(int k, char *buf, size_t size)
{
	static const char *const fixed[] = {
		[P_MISSING] = "/nonexistent/x", [P_EMPTY] = "", [P_ROOT] = "/", [P_PROC] = "/proc",
		[P_STATUS] = "/proc/self/status", [P_NSPID] = "/proc/self/ns/pid",
		[P_FD0] = "/proc/self/fd/0", [P_COMM] = "/proc/self/comm",
		[P_DROP] = "/proc/sys/vm/drop_caches", [P_DOTDOT] = "../../../../..",
	};
	static const char *const own[] = { "f", "d", "d/x", "new", "l", "m" };

	if (k < PATH_SCRATCH)
		snprintf(buf, size, "%s/w%d/%s", cfg->scratch, worker, own[k]);
	else if (k == P_MISSING && cfg->host_safe)
		snprintf(buf, size, "%s/w%d/missing/x", cfg->scratch, worker);
	else
		snprintf(buf, size, "%s", fixed[k]);
	return buf;
}

/* make_paths() - the path pool, in paths[]. */
static void make_paths(void)
{
	for (int k = 0; k < P_LONG; k++)
		path_name(k, paths[k], PATH_SLOT);
	memset(paths[P_LONG], 'a', 5000);
	paths[P_LONG][0] = '/';
}

/* refresh_scratch() - map the scratch area afresh (a random call may have unmapped or
 * protected it) and fill it: a soup of interesting words, an argv, zeroes, bytes. */
static void refresh_scratch(struct rng *r)
{
	uint64_t *soup = (uint64_t *)(RES_BASE + SOUP_OFF);
	uint64_t *argv = (uint64_t *)(RES_BASE + ARGV_OFF);

	if (raw6(SYS_mmap, RES_BASE, SCRATCH_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != (long)RES_BASE)
		return;
	raw6(SYS_mmap, GUARD, PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	for (int k = 0; k < 512; k++)
		soup[k] = chance(r, 50) ? pick_ptr(r) : pick_int(r);
	for (int k = 0; k < 4; k++)
		argv[k] = (uint64_t)paths[below(r, NPATHS)];
	argv[4] = 0;
	for (uint64_t *w = (uint64_t *)(RES_BASE + DATA_OFF); w < (uint64_t *)GUARD; w++)
		*w = next(r);
}

/* ---- churn: children, threads, namespaces, signals, ptrace ---- */

static void arm_timer(void)
{
	long it[4] = { 0, 20000, 0, 20000 };	/* every 20 ms */

	raw3(SYS_setitimer, 0 /* ITIMER_REAL */, it, 0);
}

static int free_kid_slot(struct rng *r)
{
	for (int k = 0; k < KIDS; k++)
		if (!kids[k])
			return k;
	int k = (int)below(r, KIDS);	/* full: the oldest is as good as any; kill it */
	raw3(SYS_kill, kids[k], SIGKILL, 0);
	kids[k] = 0;
	return k;
}

/* spawn_child() - a child (in a new namespace when @newns) making random calls. */
static void spawn_child(struct rng *r, long iteration, bool newns)
{
	int slot = free_kid_slot(r);
	struct rng child = { fuzz_mix(r->s, 0xc41d) };
	long pid;

	if (newns)
		raw3(SYS_unshare, 0x20000000 /* CLONE_NEWPID */, 0, 0);
	pid = raw3(SYS_fork, 0, 0, 0);
	if (pid == 0) {
		arm_timer();	/* itimers are not inherited */
		raw3(SYS_close, FUZZ_PROGRESS_FD, 0, 0);
		random_calls(&child, iteration, 8 + (int)below(&child, 24));
		raw3(SYS_exit_group, 0, 0, 0);
	}
	if (pid > 0)
		kids[slot] = (pid_t)pid;
}

static void thread_body(void *arg)
{
	struct rng r = { (uint64_t)arg };

	random_calls(&r, -1, 8 + (int)below(&r, 24));
}

static void spawn_thread(struct rng *r)
{
	long flags = 0x100 | 0x200 | 0x400 | 0x800 | 0x10000 | 0x40000 /* SYSVSEM */ |
		     0x200000 /* CHILD_CLEARTID */;

	for (int k = 0; k < THREADS; k++) {
		if (thread_tid[k])
			continue;
		thread_tid[k] = -1;
		if (fuzz_spawn_thread(flags, thread_stacks[k] + THREAD_STACK, &thread_tid[k],
				      thread_body, (void *)fuzz_mix(r->s, 0x7472)) < 0)
			thread_tid[k] = 0;
		return;
	}
}

static void reap_kids(void)
{
	long pid;

	while ((pid = raw6(SYS_wait4, -1, 0, 1 /* WNOHANG */ | 0x40000000 /* __WALL */, 0, 0,
			   0)) > 0)
		for (int k = 0; k < KIDS; k++)
			if (kids[k] == pid)
				kids[k] = 0;
}

static void signal_kid(struct rng *r)
{
	pid_t pid = kids[below(r, KIDS)];

	if (pid)
		raw3(SYS_kill, pid, pick_signal(r), 0);
}

/* ptrace_kid() - attach to a child (or seize it) and poke at it with a few requests. */
static void ptrace_kid(struct rng *r)
{
	static const long requests[] = { 7 /* CONT */, 24 /* SYSCALL */, 9 /* SINGLESTEP */,
		12 /* GETREGS */, 0x4201 /* SETOPTIONS */, 0x4207 /* INTERRUPT */, 8 /* KILL */,
		2 /* PEEKDATA */, 5 /* POKEDATA */, 3 /* PEEKUSER */, 6 /* POKEUSER */,
		0x4202 /* GETSIGINFO */, 13 /* SETREGS */ };
	pid_t pid = kids[below(r, KIDS)];

	if (!pid)
		return;
	raw6(SYS_ptrace, chance(r, 50) ? 16 /* ATTACH */ : 0x4206 /* SEIZE */, pid, 0,
	     chance(r, 50) ? 0 : pick_int(r), 0, 0);
	for (int k = (int)below(r, 5); k > 0; k--)
		raw6(SYS_ptrace, requests[below(r, sizeof(requests) / sizeof(requests[0]))], pid,
		     pick_ptr(r), chance(r, 50) ? pick_ptr(r) : pick_int(r), 0, 0);
	if (chance(r, 70))
		raw6(SYS_ptrace, 17 /* DETACH */, pid, 0, pick_signal(r), 0, 0);
}

/* iterate() - iteration @i: one random call, or churn. */
static void iterate(long i)
{
	struct rng r;
	uint64_t what;

	seed_rng(&r, i, 0);
	if (i % 64 == 0 || chance(&r, 2))
		refresh_scratch(&r);
	if (i % 16 == 0)
		reap_kids();
	what = below(&r, 100);
	if (what < 80)
		random_call(&r, i, 0);
	else if (what < 84)
		spawn_child(&r, i, false);
	else if (what < 87)
		spawn_thread(&r);
	else if (what < 89)
		spawn_child(&r, i, true);
	else if (what < 93)
		signal_kid(&r);
	else if (what < 97)
		ptrace_kid(&r);
	else
		reap_kids();
}

/* ---- setup ---- */

static void on_alarm(int sig)
{
	(void)sig;	/* only there to interrupt a blocking call */
}

static void install_alarm(void)
{
	uint64_t alarm_only = 1ULL << (SIGALRM - 1);
	struct {
		void (*handler)(int);
		unsigned long flags;
		void (*restorer)(void);
		uint64_t mask;
	} sa = { on_alarm, 0x04000000 /* SA_RESTORER */, fuzz_restorer, 0 };

	raw6(SYS_rt_sigaction, SIGALRM, (long)&sa, 0, 8, 0, 0);
	raw6(SYS_rt_sigprocmask, SIG_UNBLOCK, (long)&alarm_only, 0, 8, 0, 0);
	arm_timer();
}

/* make_files() - the worker's scratch directory: a file, a directory with a file, a
 * symlink, a directory to mount on. A previous executor may have left anything there. */
static void make_files(void)
{
	char path[300];
	int fd;

	snprintf(path, sizeof(path), "%s/w%d", cfg->scratch, worker);
	mkdir(path, 0755);
	for (int k = 0; k < PATH_SCRATCH; k++) {
		path_name(k, path, sizeof(path));
		if ((k == P_DIR || k == P_MNT) && mkdir(path, 0755) < 0 && unlink(path) == 0)
			mkdir(path, 0755);	/* a random rename or open left a file there */
		if (k == P_FILE || k == P_DIR_X) {
			fd = open(path, O_WRONLY | O_CREAT, 0644);
			if (fd >= 0 && write(fd, "fuzz\n", 5) >= 0)
				close(fd);
		}
	}
	path_name(P_LINK, path, sizeof(path));
	if (symlink("f", path) < 0) {
		/* it is there already, or something else is: either will do */
	}
}

/* open_fds() - descriptors 0..11 as the fd pool knows them (everything else closed). */
static void open_fds(void)
{
	char path[300];
	int pipefd[2];

	for (int fd = 0; fd < 1024; fd++)
		if (fd != FUZZ_PROGRESS_FD && !(fd == 2 && cfg->trace))
			close(fd);
	open("/dev/null", O_RDONLY);			/* 0 */
	open("/dev/null", O_WRONLY);			/* 1 */
	if (!cfg->trace)
		open("/dev/null", O_WRONLY);		/* 2 */
	open("/dev/null", O_RDWR);			/* 3 */
	if (pipe(pipefd) < 0) {				/* 4, 5 */
		open("/dev/null", O_RDONLY);
		open("/dev/null", O_RDONLY);
	}
	path_name(P_FILE, path, sizeof(path));
	open(path, O_RDWR | O_CREAT, 0644);		/* 6 */
	path_name(P_DIR, path, sizeof(path));
	open(path, O_RDONLY | O_DIRECTORY);		/* 7 */
	open("/proc/self/status", O_RDONLY);		/* 8 */
	open("/dev/zero", O_RDONLY);			/* 9 */
	open("/proc/self/ns/pid", O_RDONLY);		/* 10 */
	open(cfg->scratch, O_RDONLY | O_DIRECTORY);	/* 11 */
	for (int k = 0; k < 12; k++)
		fd_pool[k] = k;
}

void fuzz_executor(const struct fuzz_config *config, int w, long from)
{
	long done;

	cfg = config;
	worker = w;
	setsid();	/* kill(0, ...) must not reach the harness's process group */
	make_files();
	make_paths();
	/* Random relative names land in the scratch directory (or wherever a random chdir
	 * takes the executor: on the host the calls that create only take absolute paths). */
	if (chdir(paths[P_DIR]) < 0 && chdir(cfg->scratch) < 0 && chdir("/") < 0)
		_exit(110);
	open_fds();
	if (mmap((void *)RES_BASE, RES_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) != (void *)RES_BASE)
		_exit(111);
	install_alarm();
	for (long i = from; i < cfg->iterations; i++) {
		raw3(SYS_write, FUZZ_PROGRESS_FD, &i, sizeof(i));
		if (i == from) {
			struct rng r;

			seed_rng(&r, i, 0x5c);
			refresh_scratch(&r);
		}
		iterate(i);
	}
	done = cfg->iterations;
	raw3(SYS_write, FUZZ_PROGRESS_FD, &done, sizeof(done));
	raw3(SYS_exit_group, 0, 0, 0);
	__builtin_unreachable();
}
