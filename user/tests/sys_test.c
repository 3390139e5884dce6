/* sys_test.c - the small system calls of user mode: identity, TLS, names, limits, system
 * information, randomness, clocks and sleeping, and the FPU/SSE state a program starts with.
 *
 * Each case calls the raw system call where the libc wrapper would hide what the kernel
 * returned (syscall(2) returns -1 with errno, the kernel's -errno). Values that differ between
 * machines are checked for their shape (a clock moves forward, RAM totals are ordered), values
 * the ABI fixes are checked exactly (MXCSR 0x1f80, the x87 control word 0x37f, errnos), and a
 * few reaper-only facts (uid 0, the 8 MiB stack limit, reboot's errors) only under reaper, so
 * the suite passes on the Linux host too. No case powers anything off or leaves a limit or the
 * program's name changed. The kernel log (syslog(2), what dmesg reads) is read on both; only
 * under reaper is it cleared or consumed with READ, which would take the host's log away.
 * See also: kernel/process.c, kernel/sys.c, kernel/time_syscalls.c, kernel/syslog.c,
 * arch/x86_64/tls.c, arch/x86_64/fpu.c, tap.h. */
#include <ctype.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define GRND_NONBLOCK	0x0001
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004
#define KERNEL_ADDR	0xffffffff80000000UL
#define BAD_ADDR	((void *)8)	/* never mapped: below every program */
#define SYSLOG_ACTION_CLOSE		0	/* syslog(2)'s actions (Linux: linux/syslog.h) */
#define SYSLOG_ACTION_OPEN		1
#define SYSLOG_ACTION_READ		2
#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CONSOLE_OFF	6
#define SYSLOG_ACTION_CONSOLE_ON	7
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

static __thread int tls_counter = 41;

static int64_t ns_of(const struct timespec *ts)
{
	return ts->tv_sec * 1000000000LL + ts->tv_nsec;
}

static int64_t now_ns(clockid_t id)
{
	struct timespec ts;

	syscall(SYS_clock_gettime, id, &ts);
	return ns_of(&ts);
}

/* ---- identity ---- */

static void ids_of_a_single_thread(void)
{
	EXPECT_TRUE(getpid() > 0);
	EXPECT_EQ(syscall(SYS_gettid), getpid());	/* the only thread leads its group */
	EXPECT_EQ(syscall(SYS_set_tid_address, NULL), getpid());
	if (tap_on_reaper()) {
		EXPECT_EQ(getuid(), 0);
		EXPECT_EQ(getegid(), 0);
	}
	EXPECT_EQ(getuid(), geteuid());
	EXPECT_EQ(getgid(), getegid());
}

/* getpid, gettid, getppid and the credential getters run with interrupts off in reaper
 * (kernel/syscall.c: the fast path). A program that does nothing else must still get its
 * timer signal and be preempted: the tick has to come in between the calls. */
static volatile sig_atomic_t alarm_seen;

static void on_fast_alarm(int sig)
{
	(void)sig;
	alarm_seen = 1;
}

static void fast_identity_calls_let_the_timer_in(void)
{
	struct sigaction sa = { .sa_handler = on_fast_alarm }, old;
	struct itimerval itv = { .it_value = { .tv_usec = 20000 } }, tap_timeout;
	pid_t ppid = getppid(), pid = getpid();
	long calls = 0;
	bool same = true;

	alarm_seen = 0;
	/* The timer is tap's timeout alarm too (tap.h): borrowed, and given back below. */
	if (!EXPECT_OK(sigaction(SIGALRM, &sa, &old)) ||
	    !EXPECT_OK(setitimer(ITIMER_REAL, &itv, &tap_timeout)))
		return;
	/* ~0.5 us a call under QEMU's TCG: the alarm comes after ~40,000; give it 100 times. */
	while (!alarm_seen && calls < 4000000) {
		same &= syscall(SYS_getppid) == ppid && syscall(SYS_getpid) == pid &&
			syscall(SYS_gettid) == pid;
		calls++;
	}
	EXPECT_TRUE(alarm_seen);
	EXPECT_TRUE(same);
	sigaction(SIGALRM, &old, NULL);
	setitimer(ITIMER_REAL, &tap_timeout, NULL);
}

static void fast_identity_calls_are_preempted(void)
{
	struct timespec nap = { .tv_nsec = 30000000 };
	pid_t child = fork();
	int status;

	if (child == 0)
		for (;;)
			syscall(SYS_getppid);
	if (!EXPECT_OK(child))
		return;
	/* One CPU under reaper: this sleep ends only if the tick takes the CPU from the child. */
	EXPECT_OK(nanosleep(&nap, NULL));
	EXPECT_OK(kill(child, SIGKILL));
	EXPECT_EQ(waitpid(child, &status, 0), child);
	EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

static void set_robust_list_checks_len(void)
{
	EXPECT_ERRNO(syscall(SYS_set_robust_list, NULL, 23), EINVAL);
	EXPECT_OK(syscall(SYS_set_robust_list, NULL, 24));
}

/* ---- TLS ---- */

static void fs_base_is_the_thread_pointer(void)
{
	unsigned long fs = 0, self;

	__asm__ volatile("mov %%fs:0, %0" : "=r"(self));	/* musl's self-pointer */
	EXPECT_OK(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs));
	EXPECT_EQ(fs, self);
	EXPECT_OK(syscall(SYS_arch_prctl, ARCH_SET_FS, fs));	/* the same value again */
	tls_counter = 41;
	EXPECT_EQ(++tls_counter, 42);
}

static void arch_prctl_errors(void)
{
	tls_counter = 7;
	EXPECT_ERRNO(syscall(SYS_arch_prctl, ARCH_SET_FS, KERNEL_ADDR), EPERM);
	EXPECT_ERRNO(syscall(SYS_arch_prctl, ARCH_SET_FS, 0x800000000000UL), EPERM);
	EXPECT_ERRNO(syscall(SYS_arch_prctl, ARCH_GET_FS, NULL), EFAULT);
	EXPECT_ERRNO(syscall(SYS_arch_prctl, ARCH_GET_FS, KERNEL_ADDR), EFAULT);
	EXPECT_ERRNO(syscall(SYS_arch_prctl, 0x1999, 0), EINVAL);
	EXPECT_EQ(tls_counter, 7);	/* TLS still reachable: FS unchanged by the failures */
}

/* ---- prctl names ---- */

static void prctl_name_round_trip(void)
{
	char old[16] = { 0 }, name[16];

	if (!EXPECT_OK(prctl(PR_GET_NAME, old)))
		return;
	EXPECT_OK(prctl(PR_SET_NAME, "a-name-longer-than-fifteen"));
	EXPECT_OK(prctl(PR_GET_NAME, name));
	EXPECT_STREQ(name, "a-name-longer-t");	/* 15 bytes and the NUL */
	EXPECT_ERRNO(prctl(PR_SET_NAME, BAD_ADDR), EFAULT);
	EXPECT_ERRNO(prctl(PR_GET_NAME, BAD_ADDR), EFAULT);
	EXPECT_OK(prctl(PR_SET_NAME, old));
}

/* ---- uname, sysinfo ---- */

static void uname_looks_like_linux(void)
{
	struct utsname u;

	if (!EXPECT_OK(uname(&u)))
		return;
	EXPECT_STREQ(u.machine, "x86_64");
	EXPECT_TRUE(u.release[0] >= '3' && u.release[0] <= '9');	/* glibc wants >= 3.2 */
	if (tap_on_reaper())
		EXPECT_STREQ(u.sysname, "reaper");
	EXPECT_ERRNO(syscall(SYS_uname, NULL), EFAULT);
	EXPECT_ERRNO(syscall(SYS_uname, KERNEL_ADDR), EFAULT);
}

static void sysinfo_is_consistent(void)
{
	struct sysinfo si;

	if (!EXPECT_OK(sysinfo(&si)))
		return;
	EXPECT_TRUE(si.mem_unit >= 1);
	EXPECT_TRUE(si.totalram > 0);
	EXPECT_TRUE(si.freeram <= si.totalram);
	EXPECT_TRUE(si.uptime < 100UL * 365 * 86400);
	EXPECT_TRUE(si.procs >= 1);
	EXPECT_ERRNO(syscall(SYS_sysinfo, NULL), EFAULT);
}

/* ---- getrandom ---- */

static void getrandom_fills_and_differs(void)
{
	unsigned char a[32] = { 0 }, b[32] = { 0 }, zero[32] = { 0 };

	EXPECT_EQ(syscall(SYS_getrandom, a, sizeof(a), 0), 32);
	EXPECT_EQ(syscall(SYS_getrandom, b, sizeof(b), GRND_NONBLOCK), 32);
	EXPECT_NE(memcmp(a, zero, sizeof(a)), 0);
	EXPECT_NE(memcmp(a, b, sizeof(a)), 0);
	EXPECT_EQ(syscall(SYS_getrandom, a, 0, 0), 0);
}

static void getrandom_errors(void)
{
	char buf[8];

	EXPECT_ERRNO(syscall(SYS_getrandom, buf, sizeof(buf), 0x100), EINVAL);
	EXPECT_ERRNO(syscall(SYS_getrandom, buf, sizeof(buf), GRND_RANDOM | GRND_INSECURE),
		     EINVAL);
	EXPECT_ERRNO(syscall(SYS_getrandom, NULL, sizeof(buf), 0), EFAULT);
	EXPECT_ERRNO(syscall(SYS_getrandom, KERNEL_ADDR, sizeof(buf), 0), EFAULT);
}

/* ---- resource limits ---- */

static void prlimit_reads_and_restores(void)
{
	struct rlimit old, tmp;

	if (!EXPECT_OK(syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &old)))
		return;
	EXPECT_TRUE(old.rlim_cur <= old.rlim_max);
	tmp = (struct rlimit){ old.rlim_cur / 2, old.rlim_max };
	EXPECT_OK(syscall(SYS_prlimit64, getpid(), RLIMIT_NOFILE, &tmp, NULL));
	EXPECT_OK(getrlimit(RLIMIT_NOFILE, &tmp));
	EXPECT_EQ(tmp.rlim_cur, old.rlim_cur / 2);
	EXPECT_OK(setrlimit(RLIMIT_NOFILE, &old));
	if (tap_on_reaper()) {
		EXPECT_OK(getrlimit(RLIMIT_STACK, &tmp));
		EXPECT_EQ(tmp.rlim_cur, 8 << 20);
		EXPECT_TRUE(tmp.rlim_max == RLIM_INFINITY);
	}
}

static void prlimit_errors(void)
{
	struct rlimit r, inverted = { 10, 5 };

	EXPECT_ERRNO(syscall(SYS_prlimit64, 0, 16, NULL, &r), EINVAL);
	EXPECT_ERRNO(syscall(SYS_prlimit64, 0, RLIMIT_CORE, &inverted, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_prlimit64, 0x3fffffff, RLIMIT_CORE, NULL, &r), ESRCH);
	EXPECT_ERRNO(syscall(SYS_prlimit64, 0, RLIMIT_CORE, BAD_ADDR, NULL), EFAULT);
	EXPECT_ERRNO(syscall(SYS_prlimit64, 0, RLIMIT_CORE, NULL, BAD_ADDR), EFAULT);
	EXPECT_ERRNO(syscall(SYS_getrlimit, 99, &r), EINVAL);
	EXPECT_ERRNO(syscall(SYS_setrlimit, RLIMIT_CORE, NULL), EFAULT);
}

/* ---- clocks ---- */

static void every_clock_reads(void)
{
	struct timespec ts;

	for (clockid_t id = CLOCK_REALTIME; id <= CLOCK_BOOTTIME; id++) {
		EXPECT_OK(syscall(SYS_clock_gettime, id, &ts));
		EXPECT_TRUE(ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
	}
	EXPECT_ERRNO(syscall(SYS_clock_gettime, 99, &ts), EINVAL);
	EXPECT_ERRNO(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, NULL), EFAULT);
	EXPECT_ERRNO(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, KERNEL_ADDR), EFAULT);
}

static void clocks_agree(void)
{
	int64_t m1 = now_ns(CLOCK_MONOTONIC), m2 = now_ns(CLOCK_MONOTONIC);
	int64_t real = now_ns(CLOCK_REALTIME);
	struct timeval tv;
	time_t t;

	EXPECT_TRUE(m2 >= m1);
	EXPECT_TRUE(real / 1000000000LL > 1577836800LL);	/* after 2020-01-01 */
	EXPECT_OK(syscall(SYS_gettimeofday, &tv, NULL));
	EXPECT_TRUE(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	EXPECT_TRUE(tv.tv_sec - real / 1000000000LL <= 1);
	t = syscall(SYS_time, NULL);
	EXPECT_TRUE(t - real / 1000000000LL <= 1);
	EXPECT_OK(syscall(SYS_gettimeofday, NULL, NULL));
	EXPECT_ERRNO(syscall(SYS_gettimeofday, BAD_ADDR, NULL), EFAULT);
	EXPECT_ERRNO(syscall(SYS_time, BAD_ADDR), EFAULT);
}

static void clock_getres_is_fine_grained(void)
{
	struct timespec res;

	EXPECT_OK(syscall(SYS_clock_getres, CLOCK_MONOTONIC, &res));
	EXPECT_EQ(res.tv_sec, 0);
	EXPECT_TRUE(res.tv_nsec > 0 && res.tv_nsec <= 10000000);
	EXPECT_OK(syscall(SYS_clock_getres, CLOCK_REALTIME, NULL));
	EXPECT_ERRNO(syscall(SYS_clock_getres, 99, &res), EINVAL);
}

/* ---- sleeping ---- */

static void nanosleep_sleeps_long_enough(void)
{
	struct timespec req = { 0, 20 * 1000000 };
	int64_t t0 = now_ns(CLOCK_MONOTONIC);

	EXPECT_OK(syscall(SYS_nanosleep, &req, NULL));
	EXPECT_TRUE(now_ns(CLOCK_MONOTONIC) - t0 >= 20 * 1000000);
}

static void nanosleep_errors(void)
{
	struct timespec big = { 0, 1000000000 }, neg = { 0, -1 }, past = { -1, 0 };

	EXPECT_ERRNO(syscall(SYS_nanosleep, &big, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_nanosleep, &neg, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_nanosleep, &past, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_nanosleep, NULL, NULL), EFAULT);
}

static void clock_nanosleep_absolute_and_errors(void)
{
	struct timespec req, rel = { 0, 1000 };
	int64_t t0 = now_ns(CLOCK_MONOTONIC), deadline = t0 + 15 * 1000000;

	req = (struct timespec){ deadline / 1000000000LL, deadline % 1000000000LL };
	EXPECT_OK(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &req, NULL));
	EXPECT_TRUE(now_ns(CLOCK_MONOTONIC) >= deadline);
	req = (struct timespec){ 0, 0 };		/* long past: returns at once */
	EXPECT_OK(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &req, NULL));
	EXPECT_ERRNO(syscall(SYS_clock_nanosleep, 99, 0, &rel, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, &rel, NULL),
		     EOPNOTSUPP);
	EXPECT_ERRNO(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC_RAW, 0, NULL, NULL),
		     EOPNOTSUPP);
	EXPECT_ERRNO(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC_RAW, 0, &rel, NULL),
		     EOPNOTSUPP);
	EXPECT_ERRNO(syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, NULL, NULL), EFAULT);
	EXPECT_OK(syscall(SYS_sched_yield));
}

/* ---- FPU / SSE ---- */

/* The state every new program starts with, whatever the previous one left: all x87 and SSE
 * exceptions masked, round to nearest. (main() has not changed either.) */
static void fpu_starts_in_default_state(void)
{
	uint32_t mxcsr = 0;
	uint16_t fcw = 0;

	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	__asm__ volatile("fnstcw %0" : "=m"(fcw));
	EXPECT_EQ(mxcsr & 0xffff, 0x1f80);
	EXPECT_EQ(fcw, 0x37f);
}

/* Floating point survives system calls that sleep and switch threads. */
static void floating_point_survives_sleeps(void)
{
	volatile double x = 1.0 / 3.0;
	struct timespec req = { 0, 1000000 };
	char buf[32];

	for (int i = 0; i < 5; i++) {
		x = x * 3.0 / 3.0 + 1.0;
		syscall(SYS_nanosleep, &req, NULL);
		syscall(SYS_sched_yield);
	}
	snprintf(buf, sizeof(buf), "%f", x);
	EXPECT_STREQ(buf, "5.333333");
}

/* ---- the kernel log: syslog(2), as dmesg reads it ---- */

static long klog(int action, void *buf, long len)
{
	return syscall(SYS_syslog, action, buf, len);
}

/* read_log() - READ_ALL of the whole log into a malloc'd, NUL-terminated buffer, or NULL. */
static char *read_log(long *n)
{
	long size = klog(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	char *buf;

	if (!EXPECT_TRUE(size > 0) || !(buf = malloc(size + 1)))
		return NULL;
	*n = klog(SYSLOG_ACTION_READ_ALL, buf, size);
	if (!EXPECT_TRUE(*n >= 0 && *n <= size)) {
		free(buf);
		return NULL;
	}
	buf[*n] = '\0';
	return buf;
}

/* Each line is "<level>[seconds.micros] text", what busybox dmesg strips the "<N>" from. */
static void syslog_read_all_gives_dmesg_lines(void)
{
	long n, lines = 0;
	char *text = read_log(&n), *line;

	if (!text)
		return;
	EXPECT_TRUE(n > 0);
	EXPECT_TRUE(n == 0 || text[n - 1] == '\n');
	for (line = text; *line; line = strchr(line, '\n') + 1, lines++) {
		if (!EXPECT_TRUE(line[0] == '<' && isdigit((unsigned char)line[1]) &&
				 strchr(line, '>') < strchr(line, '[')))
			break;
		if (!strchr(line, '\n'))
			break;
	}
	EXPECT_TRUE(lines > 0);
	if (tap_on_reaper())
		EXPECT_TRUE(strstr(text, "] reaper: ") != NULL);	/* the boot banner */
	free(text);
}

/* A short buffer gets the newest whole lines; one shorter than any line gets nothing. */
static void syslog_short_buffer_gets_whole_lines(void)
{
	char buf[4096];
	long n = klog(SYSLOG_ACTION_READ_ALL, buf, sizeof(buf));

	EXPECT_TRUE(n > 0 && n <= (long)sizeof(buf));
	if (n > 0) {
		EXPECT_EQ(buf[0], '<');
		EXPECT_EQ(buf[n - 1], '\n');
	}
	EXPECT_EQ(klog(SYSLOG_ACTION_READ_ALL, buf, 10), 0);
	EXPECT_EQ(klog(SYSLOG_ACTION_READ_ALL, buf, 0), 0);
}

static void syslog_sizes_and_no_ops(void)
{
	long size = klog(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0);
	long unread = klog(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0);

	EXPECT_TRUE(size >= 4096);
	/* Linux counts the unread records as read(2) would format them, prefixes included, so
	 * on a host whose log has wrapped the count exceeds the buffer (seen: 132608 of
	 * 131072); reaper's ring holds the text as read, so there it cannot. */
	EXPECT_TRUE(unread >= 0 && (unread <= size || !tap_on_reaper()));
	EXPECT_EQ(klog(SYSLOG_ACTION_CLOSE, NULL, 0), 0);
	EXPECT_EQ(klog(SYSLOG_ACTION_OPEN, NULL, 0), 0);
	EXPECT_OK(klog(SYSLOG_ACTION_CONSOLE_OFF, NULL, 0));	/* and straight back on */
	EXPECT_OK(klog(SYSLOG_ACTION_CONSOLE_ON, NULL, 0));
}

/* Errors as Linux gives them: EINVAL before any copy, EFAULT only for a buffer outside user
 * space or one the copy faults on. */
static void syslog_errors(void)
{
	char buf[64];

	EXPECT_ERRNO(klog(11, buf, sizeof(buf)), EINVAL);
	EXPECT_ERRNO(klog(-1, buf, sizeof(buf)), EINVAL);
	EXPECT_ERRNO(klog(SYSLOG_ACTION_READ_ALL, NULL, sizeof(buf)), EINVAL);
	EXPECT_ERRNO(klog(SYSLOG_ACTION_READ_ALL, NULL, 0), EINVAL);
	EXPECT_ERRNO(klog(SYSLOG_ACTION_READ_ALL, buf, -1), EINVAL);
	EXPECT_ERRNO(klog(SYSLOG_ACTION_READ, buf, -1), EINVAL);
	EXPECT_ERRNO(klog(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 0), EINVAL);
	EXPECT_ERRNO(klog(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 9), EINVAL);
	EXPECT_ERRNO(klog(SYSLOG_ACTION_READ_ALL, BAD_ADDR, 4096), EFAULT);
	EXPECT_ERRNO(klog(SYSLOG_ACTION_READ_CLEAR, (void *)KERNEL_ADDR, 4096), EFAULT);
	EXPECT_ERRNO(klog(SYSLOG_ACTION_READ_ALL, (void *)KERNEL_ADDR, sizeof(buf)), EFAULT);
	/* A bad buffer too short for any line: nothing is copied, so nothing faults (Linux). */
	EXPECT_EQ(klog(SYSLOG_ACTION_READ_ALL, BAD_ADDR, 10), 0);
	EXPECT_ERRNO(klog(SYSLOG_ACTION_READ, (void *)KERNEL_ADDR, sizeof(buf)), EFAULT);
}

/* READ consumes: what it returned is no longer unread. (reaper only: it would take the
 * text from the host's klogd.) */
static void syslog_read_consumes(void)
{
	char buf[8];
	long unread;

	SKIP_IF(!tap_on_reaper(), "would consume the host's kernel log");
	unread = klog(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0);
	if (!EXPECT_TRUE(unread > (long)sizeof(buf)))
		return;
	EXPECT_EQ(klog(SYSLOG_ACTION_READ, buf, sizeof(buf)), sizeof(buf));
	EXPECT_EQ(klog(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0), unread - (long)sizeof(buf));
}

static volatile sig_atomic_t alarms;

/* on_alarm() - count; a READ that ignores signals fails the case after ~5 s instead of
 * hanging (the timer replaces tap's own timeout alarm). */
static void on_alarm(int sig)
{
	(void)sig;
	if (++alarms >= 25)
		_exit(1);
}

/* With nothing unread, READ sleeps until text comes or a signal does. (reaper only.) */
static void syslog_read_waits_until_a_signal(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };	/* no SA_RESTART: EINTR */
	struct itimerval it = { .it_interval = { 0, 200000 }, .it_value = { 0, 200000 } };
	struct itimerval off = { 0 };
	char *buf = malloc(1 << 20);
	int64_t t0;

	SKIP_IF(!tap_on_reaper(), "would consume the host's kernel log");
	if (!buf)
		return;
	while (klog(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0) > 0)
		klog(SYSLOG_ACTION_READ, buf, 1 << 20);
	sigaction(SIGALRM, &sa, NULL);
	t0 = now_ns(CLOCK_MONOTONIC);
	EXPECT_OK(setitimer(ITIMER_REAL, &it, NULL));
	EXPECT_ERRNO(klog(SYSLOG_ACTION_READ, buf, 1 << 20), EINTR);
	setitimer(ITIMER_REAL, &off, NULL);
	EXPECT_TRUE(now_ns(CLOCK_MONOTONIC) - t0 >= 150 * 1000000);
	EXPECT_EQ(alarms, 1);
	free(buf);
}

/* READ_CLEAR returns the log, then READ_ALL only what came after: not the boot banner. */
static void syslog_read_clear_forgets(void)
{
	long n, after;
	char *text;

	SKIP_IF(!tap_on_reaper(), "would clear the host's kernel log");
	/* Only when booted as the suite itself (pid 1): under /tests/run the suite runs twice,
	 * and its second round must still find the boot banner (syslog_read_all...). */
	SKIP_IF(getpid() != 1, "not the first process: leave the log to the next rounds");
	text = read_log(&n);
	if (!text)
		return;
	EXPECT_EQ(klog(SYSLOG_ACTION_READ_CLEAR, text, n + 1), n);
	free(text);
	text = read_log(&after);
	if (!text)
		return;
	EXPECT_TRUE(after < n);
	EXPECT_TRUE(strstr(text, "reaper: an educational") == NULL);
	free(text);
}

/* ---- reboot (reaper only: on Linux a non-CAP_SYS_BOOT caller gets EPERM first) ---- */

static void reboot_rejects_bad_magic(void)
{
	SKIP_IF(!tap_on_reaper(), "Linux checks CAP_SYS_BOOT first");
	EXPECT_ERRNO(syscall(SYS_reboot, 0, 672274793, 0x4321FEDC, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_reboot, 0xfee1dead, 1, 0x4321FEDC, NULL), EINVAL);
	EXPECT_ERRNO(syscall(SYS_reboot, 0xfee1dead, 672274793, 0x1, NULL), EINVAL);
	EXPECT_OK(syscall(SYS_reboot, 0xfee1dead, 672274793, 0, NULL));	/* CAD_OFF */
}

static const struct tap_case cases[] = {
	TAP_CASE(ids_of_a_single_thread),
	TAP_CASE(fast_identity_calls_let_the_timer_in),
	TAP_CASE(fast_identity_calls_are_preempted),
	TAP_CASE(set_robust_list_checks_len),
	TAP_CASE(fs_base_is_the_thread_pointer),
	TAP_CASE(arch_prctl_errors),
	TAP_CASE(prctl_name_round_trip),
	TAP_CASE(uname_looks_like_linux),
	TAP_CASE(sysinfo_is_consistent),
	TAP_CASE(getrandom_fills_and_differs),
	TAP_CASE(getrandom_errors),
	TAP_CASE(prlimit_reads_and_restores),
	TAP_CASE(prlimit_errors),
	TAP_CASE(every_clock_reads),
	TAP_CASE(clocks_agree),
	TAP_CASE(clock_getres_is_fine_grained),
	TAP_CASE(nanosleep_sleeps_long_enough),
	TAP_CASE(nanosleep_errors),
	TAP_CASE(clock_nanosleep_absolute_and_errors),
	TAP_CASE(fpu_starts_in_default_state),
	TAP_CASE(floating_point_survives_sleeps),
	TAP_CASE(syslog_read_all_gives_dmesg_lines),
	TAP_CASE(syslog_short_buffer_gets_whole_lines),
	TAP_CASE(syslog_sizes_and_no_ops),
	TAP_CASE(syslog_errors),
	TAP_CASE(syslog_read_consumes),
	TAP_CASE(syslog_read_waits_until_a_signal),
	TAP_CASE(syslog_read_clear_forgets),
	TAP_CASE(reboot_rejects_bad_magic),
};

int main(int argc, char **argv)
{
	return TAP_MAIN("sys", cases, argc, argv);
}
