/* proc_pid_test.c - /proc/<pid>/: every file of a process we know, parsed as Linux's readers do.
 *
 * The process under test is a child the suite starts by exec'ing itself ("SELF --child MODE
 * FD two words ''", with an environment of its own), so everything about it is known: its
 * argv and environ (cmdline, environ), its name (comm, Name:, stat's "(comm)"), its binary
 * (exe; argv[0] is an absolute path under reaper, init=/tests/..., and on the host,
 * tests/run-on-linux.sh), its cwd (it chdirs to /tmp), its umask (027), its signal state (a
 * handler for SIGUSR1, SIGINT ignored, SIGUSR2 and SIGTERM blocked, then SIGUSR2 sent to the
 * process and SIGTERM to the thread: ShdPnd and SigPnd), a regular file open at a known
 * offset with O_APPEND (fd/, fdinfo/), and, in the "threads" mode, a second thread (task/).
 * The child reports what only it can know (its open fds, a stack and a code address, its
 * second thread's id) through a pipe, closes it and sleeps; the case reads its /proc files.
 *
 * Each case mounts a proc of its own (mount("proc", dir, "proc", 0, NULL) on a directory
 * from mkdtemp under /tmp) and unmounts it at the end, so the suite needs no /proc and runs
 * the same way under reaper (maybe as pid 1) and on the Linux host (as root; without the
 * right to mount the cases skip). Numbers are those of our own namespace: the mount's.
 * The formats are those of Linux (reference §3.4): "Name:\tvalue" lines in Linux's order,
 * "pid (comm) state ppid pgrp session ...", statm's 7 numbers, maps' "start-end perms offset
 * dev inode path" lines. A zombie is "Z (zombie)"; right after the reap its /proc/<pid> is
 * ENOENT and a status fd opened before reads ESRCH (reference §2.5, behaviour 49).
 * Nothing here depends on /proc being flushed at reap (the proc.flush=0 negative control
 * boots proc_test only).
 * See also: proc_test.c (the system-wide files, namespaces, the growth check),
 * kernel/fs/proc/, Linux fs/proc/array.c and fs/proc/base.c. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

#define TEXT_MAX	16384	/* bytes of a proc file a case reads */
#define CASE_TIMEOUT	10	/* seconds before a case's blocking calls fail with EINTR */
#define MAX_FDS		1024	/* fds a child reports (a bit map) */
#define CHILD_NAME	"proc_pid_test"	/* our comm: the binary's name, 13 < 16 bytes */
#define CHILD_UMASK	027
#define CHILD_CWD	"/tmp"
#define FILE_OFFSET	3	/* where the child's regular file is positioned */

/* What an exec'd child reports before it sleeps. */
struct child_report {
	long tid2;			/* "threads" mode: the second thread's id */
	unsigned long stack_addr;	/* a local variable of the main thread */
	unsigned long code_addr;	/* a function of ours */
	int max_fd;			/* its highest open fd */
	unsigned char fds[MAX_FDS / 8];	/* bit n: fd n is open (the report fd aside) */
};

static char self_path[PATH_MAX];	/* our binary, absolute: what children exec */
static char proc_dir[64];		/* the running case's proc mount */
static char case_file[64];		/* the running case's regular file, or "" */

/* The argv and environment every exec'd child gets, apart from argv[3] (the fd). */
static char fd_arg[16];
static char *child_argv[] = { self_path, "--child", NULL, fd_arg, "two words", "", NULL };
static char *child_env[] = { "PROC_TEST=1", "SPACED=a b", NULL };

/* ---- the case frame: a proc mount, and tap.h's timeout and children to kill ---- */

/* begin_case() - arm the timeout and mount a fresh proc. Return: false if there is none
 * (the case has failed, or skips when the host does not let us mount). */
static bool begin_case(void)
{
	tap_case_begin(CASE_TIMEOUT);
	if (tap_mount_proc(proc_dir, sizeof(proc_dir), "proc_pid_test"))
		return true;
	proc_dir[0] = '\0';
	alarm(0);
	return false;
}

/* end_case() - kill and reap the case's children, unmount its proc. */
static void end_case(void)
{
	tap_case_end();	/* our children, and orphans (we are a subreaper) */
	if (case_file[0])
		unlink(case_file);
	case_file[0] = '\0';
	tap_unmount_proc(proc_dir);
}

/* ---- reading proc files ---- */

/* pid_file() - "PROC/NR/NAME" (NAME "" for the directory itself). */
static const char *pid_file(pid_t nr, const char *name)
{
	static char path[160];

	snprintf(path, sizeof(path), "%s/%d%s%s", proc_dir, (int)nr, *name ? "/" : "", name);
	return path;
}

/* read_pid_file() - all of /proc/NR/NAME into @buf; fails the case if it cannot be read. */
static bool read_pid_file(pid_t nr, const char *name, char *buf, size_t size)
{
	if (tap_read_file(pid_file(nr, name), buf, size) >= 0)
		return true;
	return tap_fail(__FILE__, __LINE__, "read %s: %s", pid_file(nr, name),
			tap_errno_name(errno));
}

static const char *num(long v)
{
	static char buf[4][24];
	static int next;

	next = (next + 1) % 4;
	snprintf(buf[next], sizeof(buf[next]), "%ld", v);
	return buf[next];
}

/* link_text() - readlink() of @path as a string ("" and errno set on failure). */
static const char *link_text(const char *path)
{
	static char buf[PATH_MAX];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

/* real_path() - @path with symbolic links resolved, as exe, cwd and fd/ show it. Only on the
 * host: musl's realpath() reads /proc/self/fd, which reaper may not have at /proc, and the
 * paths used under reaper (/tests/..., /tmp) are already canonical. */
static const char *real_path(const char *path)
{
	static char buf[PATH_MAX];

	if (tap_on_reaper() || !realpath(path, buf))
		snprintf(buf, sizeof(buf), "%s", path);
	return buf;
}

/* ---- the child: this program again, exec'd with --child MODE FD ---- */

static volatile long second_tid;	/* "threads" mode: set by the second thread */

static void on_usr1(int sig)
{
	(void)sig;
}

static void *second_thread(void *arg)
{
	(void)arg;
	second_tid = syscall(SYS_gettid);
	for (;;)
		pause();
	return NULL;
}

/* child_signals() - the signal state status must show: a handler, an ignore, two blocked. */
static void child_signals(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	sigset_t set;

	sigaction(SIGUSR1, &sa, NULL);
	signal(SIGINT, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_SETMASK, &set, NULL);
}

/* child_main() - set up, report (then close the report fd), sleep until killed. */
static int child_main(const char *mode, int report_fd)
{
	struct child_report r = { 0 };
	pthread_t thread;

	umask(CHILD_UMASK);
	if (chdir(CHILD_CWD) != 0)
		return 2;
	child_signals();
	if (strcmp(mode, "threads") == 0) {
		if (pthread_create(&thread, NULL, second_thread, NULL) != 0)
			return 3;
		while (!second_tid)
			sched_yield();
		r.tid2 = second_tid;
	}
	r.stack_addr = (unsigned long)&r;
	r.code_addr = (unsigned long)child_main;
	for (int fd = 0; fd < MAX_FDS; fd++)
		if (fd != report_fd && fcntl(fd, F_GETFD) >= 0) {
			r.fds[fd / 8] |= 1 << fd % 8;
			r.max_fd = fd;
		}
	if (write(report_fd, &r, sizeof(r)) != sizeof(r))
		return 4;
	close(report_fd);
	for (;;)
		pause();
}

/* spawn_exec() - exec ourselves as a child in @mode; wait for its report and for it to
 * close the pipe (so its fds are final). Return: its number, or -1 (the case failed). */
static pid_t spawn_exec(const char *mode, struct child_report *r)
{
	int p[2];
	pid_t nr;

	if (!EXPECT_OK(pipe2(p, O_CLOEXEC)))
		return -1;
	child_argv[2] = (char *)mode;
	snprintf(fd_arg, sizeof(fd_arg), "%d", p[1]);
	fflush(stdout);
	nr = fork();
	if (nr == 0) {
		fcntl(p[1], F_SETFD, 0);	/* the report fd survives the exec */
		execve(self_path, child_argv, child_env);
		_exit(127);
	}
	close(p[1]);
	tap_track(nr);
	if (!EXPECT_TRUE(nr > 0) || !EXPECT_EQ(read(p[0], r, sizeof(*r)), (long)sizeof(*r)) ||
	    !EXPECT_EQ(read(p[0], r, 1), 0)) {
		close(p[0]);
		return -1;
	}
	close(p[0]);
	return nr;
}

/* wait_sleeping() - give the child time to reach pause(): its State must become S. */
static void wait_sleeping(pid_t nr)
{
	static char text[TEXT_MAX];
	struct timespec ms10 = { 0, 10 * 1000 * 1000 };

	for (int i = 0; i < 300 && !tap_case_timed_out(); i++) {
		if (tap_read_file(pid_file(nr, "status"), text, sizeof(text)) > 0 &&
		    strncmp(tap_field(text, "State"), "S ", 2) == 0)
			return;
		nanosleep(&ms10, NULL);
	}
}

/* A "hold" child and the regular file it has open. */
struct known {
	pid_t nr;
	struct child_report r;
	int file_fd;		/* the file's fd, the same number in the child */
};

/* spawn_known() - a "hold" child with a regular file (case_file) open O_RDWR | O_APPEND at
 * FILE_OFFSET, SIGUSR2 pending on the process and SIGTERM on its thread, asleep.
 * Return: whether it runs (k->nr); if not, the case has failed. */
static bool spawn_known(struct known *k)
{
	snprintf(case_file, sizeof(case_file), "/tmp/proc_pid_test.f.XXXXXX");
	k->file_fd = mkstemp(case_file);
	if (!EXPECT_OK(k->file_fd)) {
		case_file[0] = '\0';
		return false;
	}
	EXPECT_OK(fcntl(k->file_fd, F_SETFL, O_APPEND));
	EXPECT_EQ(write(k->file_fd, "hello\n", 6), 6);
	EXPECT_EQ(lseek(k->file_fd, FILE_OFFSET, SEEK_SET), FILE_OFFSET);
	k->nr = spawn_exec("hold", &k->r);
	close(k->file_fd);
	if (k->nr < 0)
		return false;
	EXPECT_OK(kill(k->nr, SIGUSR2));
	EXPECT_OK(syscall(SYS_tgkill, k->nr, k->nr, SIGTERM));
	wait_sleeping(k->nr);
	return true;
}

static unsigned long long sig_bit(int sig)
{
	return 1ULL << (sig - 1);
}

/* ---- status ---- */

/* The fields a reader may rely on, in the order Linux prints them (others may come between,
 * as Linux's own Groups:, Kthread:, Vm*: do). */
static const char *const status_order[] = {
	"Name", "Umask", "State", "Tgid", "Ngid", "Pid", "PPid", "TracerPid", "Uid", "Gid",
	"FDSize", "NStgid", "NSpid", "NSpgid", "NSsid", "Threads", "SigQ", "SigPnd", "ShdPnd",
	"SigBlk", "SigIgn", "SigCgt",
};

static void status_fields_in_linux_order(void)
{
	static char text[TEXT_MAX];
	struct known k;
	size_t want = 0, n = sizeof(status_order) / sizeof(status_order[0]);
	pid_t nr;

	if (!begin_case())
		return;
	nr = spawn_known(&k) ? k.nr : -1;
	if (nr > 0 && read_pid_file(nr, "status", text, sizeof(text))) {
		for (const char *l = text; *l && want < n; l = strchr(l, '\n') + 1) {
			size_t len = strlen(status_order[want]);

			if (strncmp(l, status_order[want], len) == 0 && l[len] == ':')
				want++;
			if (!strchr(l, '\n'))
				break;
		}
		if (!EXPECT_EQ(want, n))
			tap_note("%s: missing or out of order", status_order[want]);
		EXPECT_TRUE(*text && text[strlen(text) - 1] == '\n');
	}
	end_case();
}

/* id_line() - "A\tA\tA\tA", the Uid:/Gid: line of a process whose ids all equal @id. */
static const char *id_line(unsigned int id)
{
	static char buf[2][64];
	static int next;

	next = !next;
	snprintf(buf[next], sizeof(buf[next]), "%u\t%u\t%u\t%u", id, id, id, id);
	return buf[next];
}

static void status_values_of_known_child(void)
{
	static char text[TEXT_MAX];
	struct known k;
	pid_t nr;
	int fdsize = 0;

	if (!begin_case())
		return;
	nr = spawn_known(&k) ? k.nr : -1;
	if (nr > 0 && read_pid_file(nr, "status", text, sizeof(text))) {
		EXPECT_STREQ(tap_field(text, "Name"), CHILD_NAME);
		EXPECT_STREQ(tap_field(text, "Umask"), "0027");
		EXPECT_STREQ(tap_field(text, "State"), "S (sleeping)");
		EXPECT_STREQ(tap_field(text, "Tgid"), num(nr));
		EXPECT_STREQ(tap_field(text, "Ngid"), "0");
		EXPECT_STREQ(tap_field(text, "Pid"), num(nr));
		EXPECT_STREQ(tap_field(text, "PPid"), num(getpid()));
		EXPECT_STREQ(tap_field(text, "TracerPid"), "0");
		EXPECT_STREQ(tap_field(text, "Uid"), id_line(getuid()));
		EXPECT_STREQ(tap_field(text, "Gid"), id_line(getgid()));
		EXPECT_EQ(sscanf(tap_field(text, "FDSize"), "%d", &fdsize), 1);
		EXPECT_TRUE(fdsize > k.r.max_fd);
		EXPECT_STREQ(tap_field(text, "NStgid"), num(nr));	/* one level: the mount's */
		EXPECT_STREQ(tap_field(text, "NSpid"), num(nr));
		EXPECT_STREQ(tap_field(text, "NSpgid"), num(getpgrp()));
		EXPECT_STREQ(tap_field(text, "NSsid"), num(getsid(0)));
		EXPECT_STREQ(tap_field(text, "Threads"), "1");
	}
	end_case();
}

/* sig_field() - a 16-hex-digit mask line of @text as a number (fails the case if malformed). */
static unsigned long long sig_field(const char *text, const char *name)
{
	const char *v = tap_field(text, name);

	if (strlen(v) != 16 || strspn(v, "0123456789abcdef") != 16) {
		tap_fail(__FILE__, __LINE__, "%s: \"%s\" is not 16 hex digits", name, v);
		return ~0ULL;
	}
	return strtoull(v, NULL, 16);
}

static void status_signal_masks(void)
{
	static char text[TEXT_MAX];
	struct known k;
	unsigned int queued, limit;
	pid_t nr;

	if (!begin_case())
		return;
	nr = spawn_known(&k) ? k.nr : -1;
	if (nr > 0 && read_pid_file(nr, "status", text, sizeof(text))) {
		EXPECT_EQ(sscanf(tap_field(text, "SigQ"), "%u/%u", &queued, &limit), 2);
		EXPECT_TRUE(queued >= 2 && queued <= limit);	/* ours are queued, at least */
		EXPECT_EQ(sig_field(text, "SigPnd"), sig_bit(SIGTERM));	/* tgkill: the thread */
		EXPECT_EQ(sig_field(text, "ShdPnd"), sig_bit(SIGUSR2));	/* kill: the process */
		EXPECT_EQ(sig_field(text, "SigBlk"), sig_bit(SIGUSR2) | sig_bit(SIGTERM));
		EXPECT_TRUE(sig_field(text, "SigIgn") & sig_bit(SIGINT));
		EXPECT_EQ(sig_field(text, "SigIgn") & sig_bit(SIGUSR1), 0);
		EXPECT_EQ(sig_field(text, "SigCgt"), sig_bit(SIGUSR1));
	}
	end_case();
}

/* ---- stat, statm, cmdline, environ, comm, exe, cwd ---- */

static void stat_first_six_fields(void)
{
	static char text[TEXT_MAX];
	char comm[32], state = '?';
	int f[4] = { 0 };
	struct known k;
	pid_t nr;

	if (!begin_case())
		return;
	nr = spawn_known(&k) ? k.nr : -1;
	if (nr > 0 && read_pid_file(nr, "stat", text, sizeof(text))) {
		EXPECT_EQ(sscanf(text, "%d (%31[^)]) %c %d %d %d", &f[0], comm, &state, &f[1],
				 &f[2], &f[3]), 6);
		EXPECT_EQ(f[0], nr);
		EXPECT_STREQ(comm, CHILD_NAME);
		EXPECT_EQ(state, 'S');
		EXPECT_EQ(f[1], getpid());
		EXPECT_EQ(f[2], getpgrp());
		EXPECT_EQ(f[3], getsid(0));
		EXPECT_TRUE(*text && text[strlen(text) - 1] == '\n');
	}
	end_case();
}

static void statm_seven_numbers(void)
{
	static char text[TEXT_MAX];
	unsigned long v[7];
	struct known k;
	int end = 0;
	pid_t nr;

	if (!begin_case())
		return;
	nr = spawn_known(&k) ? k.nr : -1;
	if (nr > 0 && read_pid_file(nr, "statm", text, sizeof(text))) {
		EXPECT_EQ(sscanf(text, "%lu %lu %lu %lu %lu %lu %lu%n", &v[0], &v[1], &v[2], &v[3],
				 &v[4], &v[5], &v[6], &end), 7);
		EXPECT_STREQ(text + end, "\n");	/* seven numbers, nothing more */
		EXPECT_TRUE(v[0] > 0);		/* size, in pages */
		EXPECT_TRUE(v[1] > 0 && v[1] <= v[0]);	/* resident */
	}
	end_case();
}

/* The RSS lines of our own status, in kB, from one read. */
struct rss {
	long total, anon, file, shmem;	/* VmRSS, RssAnon, RssFile, RssShmem */
};

/* read_rss() - @r from /proc/self's status; false (the case failed) if a line is missing. */
static bool read_rss(struct rss *r)
{
	static const char *const names[] = { "VmRSS", "RssAnon", "RssFile", "RssShmem" };
	static char text[TEXT_MAX];
	long *kb[] = { &r->total, &r->anon, &r->file, &r->shmem };

	if (!read_pid_file(getpid(), "status", text, sizeof(text)))
		return false;
	for (int i = 0; i < 4; i++)
		if (sscanf(tap_field(text, names[i]), "%ld kB", kb[i]) != 1)
			return tap_fail(__FILE__, __LINE__, "status %s: \"%s\"", names[i],
					tap_field(text, names[i]));
	return true;
}

/* VmRSS is RssAnon + RssFile + RssShmem; a program's text is a file's pages (RssFile, from the
 * page cache on Linux, from ramfs's own frames on reaper), and so are the pages of a read-only
 * private mapping of a file once touched (RssShmem on Linux if /tmp is a tmpfs). statm's
 * "shared" counts the same pages. */
static void rss_splits_anon_and_file(void)
{
	static char page[4096], text[TEXT_MAX];
	struct rss before = { 0 }, after = { 0 };
	unsigned long v[3] = { 0 };
	unsigned char *p;
	unsigned sum = 0;
	int fd;

	if (!begin_case())
		return;
	if (read_rss(&before)) {
		EXPECT_EQ(before.total, before.anon + before.file + before.shmem);
		EXPECT_TRUE(before.file > 0);	/* our own text */
	}
	if (read_pid_file(getpid(), "statm", text, sizeof(text)) &&
	    EXPECT_EQ(sscanf(text, "%lu %lu %lu", &v[0], &v[1], &v[2]), 3))
		EXPECT_TRUE(v[2] > 0 && v[2] <= v[1]);
	snprintf(case_file, sizeof(case_file), "/tmp/proc_pid_test_rss");
	fd = open(case_file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	for (int i = 0; EXPECT_OK(fd) && i < 8; i++) {
		memset(page, 'a' + i, sizeof(page));
		EXPECT_EQ(write(fd, page, sizeof(page)), (long)sizeof(page));
	}
	read_rss(&before);
	p = fd >= 0 ? mmap(NULL, 8 * sizeof(page), PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
	if (EXPECT_TRUE(p != MAP_FAILED)) {
		for (int i = 0; i < 8; i++)
			sum += p[i * sizeof(page)];
		if (read_rss(&after)) {
			tap_note("file pages: %ld kB before the mapping, %ld kB with its 8 pages "
				 "touched (sum %u)", before.file + before.shmem,
				 after.file + after.shmem, sum);
			EXPECT_TRUE(after.file + after.shmem >= before.file + before.shmem + 32);
			EXPECT_EQ(after.total, after.anon + after.file + after.shmem);
		}
		EXPECT_OK(munmap(p, 8 * sizeof(page)));
	}
	if (fd >= 0)
		close(fd);
	end_case();
}

/* nul_joined() - @strv as /proc shows argv and environ: each string and its NUL. */
static size_t nul_joined(char *const *strv, char *buf, size_t size)
{
	size_t len = 0;

	for (; *strv; strv++) {
		size_t n = strlen(*strv) + 1;

		if (len + n > size)
			break;
		memcpy(buf + len, *strv, n);
		len += n;
	}
	return len;
}

/* expect_nul_strings() - /proc/NR/NAME must hold exactly @strv, NUL-separated. */
static void expect_nul_strings(pid_t nr, const char *name, char *const *strv)
{
	static char text[TEXT_MAX], want[TEXT_MAX];
	size_t want_len = nul_joined(strv, want, sizeof(want));
	long len = tap_read_file(pid_file(nr, name), text, sizeof(text));

	if (!EXPECT_EQ(len, (long)want_len))
		return;
	if (!EXPECT_TRUE(memcmp(text, want, want_len) == 0)) {
		for (long i = 0; i < len; i++)
			text[i] = text[i] ? text[i] : '|';
		tap_note("%s reads \"%s\" (NULs as |)", name, text);
	}
}

/* nul_strings_case() - the case that reads /proc/NR/NAME of a known child: @strv. */
static void nul_strings_case(const char *name, char *const *strv)
{
	struct known k;
	pid_t nr;

	if (!begin_case())
		return;
	nr = spawn_known(&k) ? k.nr : -1;
	if (nr > 0)
		expect_nul_strings(nr, name, strv);
	end_case();
}

static void cmdline_nul_separated_argv(void)
{
	nul_strings_case("cmdline", child_argv);
}

static void environ_nul_separated_env(void)
{
	nul_strings_case("environ", child_env);
}

static void comm_is_binary_name(void)
{
	static char text[TEXT_MAX];
	struct known k;
	pid_t nr;

	if (!begin_case())
		return;
	nr = spawn_known(&k) ? k.nr : -1;
	if (nr > 0 && read_pid_file(nr, "comm", text, sizeof(text)))
		EXPECT_STREQ(text, CHILD_NAME "\n");
	end_case();
}

static void exe_and_cwd_links(void)
{
	struct known k;
	pid_t nr;

	if (!begin_case())
		return;
	nr = spawn_known(&k) ? k.nr : -1;
	if (nr > 0) {
		EXPECT_STREQ(link_text(pid_file(nr, "exe")), self_path);
		EXPECT_STREQ(link_text(pid_file(nr, "cwd")), real_path(CHILD_CWD));
	}
	end_case();
}

/* ---- fd/, fdinfo/, maps ---- */

/* fd_dir_map() - the fds listed in /proc/NR/fd as a bit map like child_report's; each entry
 * must be a symbolic link (DT_LNK). */
static void fd_dir_map(pid_t nr, unsigned char fds[MAX_FDS / 8])
{
	struct dirent *e;
	DIR *d = opendir(pid_file(nr, "fd"));
	int fd;

	memset(fds, 0, MAX_FDS / 8);
	if (!EXPECT_TRUE(d != NULL))
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		EXPECT_EQ(e->d_type, DT_LNK);
		fd = atoi(e->d_name);
		if (EXPECT_TRUE(fd >= 0 && fd < MAX_FDS))
			fds[fd / 8] |= 1 << fd % 8;
	}
	closedir(d);
}

static void fd_lists_open_fds(void)
{
	unsigned char listed_fds[MAX_FDS / 8];
	char name[32], buf[64];
	struct known k;

	if (!begin_case())
		return;
	if (spawn_known(&k)) {
		fd_dir_map(k.nr, listed_fds);
		EXPECT_TRUE(memcmp(listed_fds, k.r.fds, sizeof(listed_fds)) == 0);
		EXPECT_TRUE(k.r.fds[k.file_fd / 8] & 1 << k.file_fd % 8);
		snprintf(name, sizeof(name), "fd/%d", k.file_fd);
		EXPECT_STREQ(link_text(pid_file(k.nr, name)), real_path(case_file));
		snprintf(name, sizeof(name), "fd/%d", k.r.max_fd + 1);	/* not open */
		EXPECT_ERRNO(readlink(pid_file(k.nr, name), buf, sizeof(buf)), ENOENT);
	}
	end_case();
}

static void fdinfo_pos_and_flags(void)
{
	static char text[TEXT_MAX];
	char name[32];
	unsigned int flags = 0;
	struct known k;

	if (!begin_case())
		return;
	if (spawn_known(&k)) {
		snprintf(name, sizeof(name), "fdinfo/%d", k.file_fd);
		if (read_pid_file(k.nr, name, text, sizeof(text))) {
			EXPECT_STREQ(tap_field(text, "pos"), num(FILE_OFFSET));
			EXPECT_EQ(tap_field(text, "flags")[0], '0');	/* octal, as Linux prints */
			EXPECT_EQ(sscanf(tap_field(text, "flags"), "%o", &flags), 1);
			EXPECT_EQ(flags & (O_ACCMODE | O_APPEND), O_RDWR | O_APPEND);
		}
	}
	end_case();
}

/* check_maps_line() - one "start-end perms offset dev inode path" line, above @prev_end.
 * Return: its end address (0 if malformed); @path gets the path or [name] ("" if none). */
static unsigned long check_maps_line(const char *l, unsigned long prev_end, unsigned long *start,
				     char perms[5], char *path)
{
	unsigned long end, offset, inode;
	unsigned int major, minor;
	int n = 0;

	path[0] = '\0';
	if (!EXPECT_EQ(sscanf(l, "%lx-%lx %4s %lx %x:%x %lu %n", start, &end, perms, &offset,
			      &major, &minor, &inode, &n), 7))
		return 0;
	sscanf(l + n, "%255[^\n]", path);
	EXPECT_TRUE(*start < end && *start >= prev_end);
	EXPECT_TRUE(strchr("r-", perms[0]) && strchr("w-", perms[1]) && strchr("x-", perms[2]) &&
		    strchr("ps", perms[3]));
	return end;
}

static void maps_lines_and_stack(void)
{
	static char text[TEXT_MAX];
	char perms[5], path[256];
	struct known k;
	unsigned long start, end = 0;
	int stack = 0, code = 0, lines = 0;
	pid_t nr;

	if (!begin_case())
		return;
	nr = spawn_known(&k) ? k.nr : -1;
	if (nr > 0 && read_pid_file(nr, "maps", text, sizeof(text))) {
		for (const char *l = text; *l; l = strchr(l, '\n') + 1, lines++) {
			if (!(end = check_maps_line(l, end, &start, perms, path)))
				break;
			stack += strcmp(path, "[stack]") == 0 && k.r.stack_addr >= start &&
				 k.r.stack_addr < end;
			code += perms[2] == 'x' && k.r.code_addr >= start && k.r.code_addr < end;
			if (!strchr(l, '\n'))
				break;
		}
		EXPECT_TRUE(lines >= 3);
		EXPECT_EQ(stack, 1);	/* [stack] holds the main thread's locals */
		EXPECT_EQ(code, 1);	/* an executable mapping holds our code */
	}
	end_case();
}

/* ---- task/, ns/ ---- */

static void task_lists_both_threads(void)
{
	static char text[TEXT_MAX];
	char name[64];
	struct child_report r;
	struct dirent *e;
	int leader = 0, second = 0, others = 0;
	DIR *d;
	pid_t nr;

	if (!begin_case())
		return;
	nr = spawn_exec("threads", &r);
	d = nr > 0 ? opendir(pid_file(nr, "task")) : NULL;
	if (nr > 0 && EXPECT_TRUE(d != NULL)) {
		while ((e = readdir(d)) != NULL) {
			leader += atoi(e->d_name) == nr;
			second += atoi(e->d_name) == r.tid2;
			others += e->d_name[0] != '.' && atoi(e->d_name) != nr &&
				  atoi(e->d_name) != r.tid2;
		}
		closedir(d);
		EXPECT_EQ(leader, 1);
		EXPECT_EQ(second, 1);
		EXPECT_EQ(others, 0);
		snprintf(name, sizeof(name), "task/%ld/status", r.tid2);
		if (read_pid_file(nr, name, text, sizeof(text))) {
			EXPECT_STREQ(tap_field(text, "Pid"), num(r.tid2));
			EXPECT_STREQ(tap_field(text, "Tgid"), num(nr));
		}
		if (read_pid_file(nr, "status", text, sizeof(text)))
			EXPECT_STREQ(tap_field(text, "Threads"), "2");
	}
	end_case();
}

/* spawn_sleeper() - a child (a raw clone with @clone_flags, CLONE_NEWPID or 0) that runs
 * @setup (if any), reports what it returned, then sleeps. Return: its number (tracked), or
 * -1; *@value gets what @setup returned. */
static pid_t spawn_sleeper(unsigned long clone_flags, long (*setup)(void), long *value)
{
	int p[2];
	long nr, v = 0;

	if (!EXPECT_OK(pipe(p)))
		return -1;
	fflush(stdout);
	nr = syscall(SYS_clone, clone_flags | SIGCHLD, 0, 0, 0, 0);
	if (nr == 0) {
		v = setup ? setup() : 0;
		if (write(p[1], &v, sizeof(v)) != sizeof(v))
			_exit(1);
		for (;;)
			pause();
	}
	close(p[1]);
	tap_track(nr);
	if (!EXPECT_TRUE(nr > 0) || !EXPECT_EQ(read(p[0], &v, sizeof(v)), (long)sizeof(v)))
		nr = -1;
	close(p[0]);
	if (value)
		*value = v;
	return nr;
}

/* unshare_and_fork() - move our future children into a new namespace and start its init
 * (Linux shows ns/pid_for_children only once the namespace has one). Return: the init's
 * number in our parent's namespace, or -errno. */
static long unshare_and_fork(void)
{
	pid_t init;

	if (unshare(CLONE_NEWPID) != 0)
		return -errno;
	init = fork();
	if (init == 0) {
		for (;;)
			pause();
	}
	return init < 0 ? -errno : init;
}

/* ns_link() - readlink of /proc/NR/ns/NAME; must read "pid:[N]". */
static const char *ns_link(pid_t nr, const char *name, char *buf, size_t size)
{
	unsigned long inum = 0;
	char close_bracket = 0;

	snprintf(buf, size, "%s", link_text(pid_file(nr, name)));
	if (!EXPECT_EQ(sscanf(buf, "pid:[%lu%c", &inum, &close_bracket), 2) ||
	    !EXPECT_EQ(close_bracket, ']'))
		tap_note("%s reads \"%s\"", pid_file(nr, name), buf);
	return buf;
}

static void ns_pid_links(void)
{
	char ours[64], plain[64], plain_kids[64], inner[64], unshared[64], unshared_kids[64];
	char grandchild[64];
	pid_t child, init, unsharer;
	long unshared_init = 0;

	if (!begin_case())
		return;
	child = spawn_sleeper(0, NULL, NULL);
	init = spawn_sleeper(CLONE_NEWPID, NULL, NULL);
	unsharer = spawn_sleeper(0, unshare_and_fork, &unshared_init);
	if (child > 0 && init > 0 && unsharer > 0 && EXPECT_TRUE(tap_track(unshared_init) > 0)) {
		ns_link(getpid(), "ns/pid", ours, sizeof(ours));
		ns_link(child, "ns/pid", plain, sizeof(plain));
		ns_link(child, "ns/pid_for_children", plain_kids, sizeof(plain_kids));
		ns_link(init, "ns/pid", inner, sizeof(inner));
		ns_link(unsharer, "ns/pid", unshared, sizeof(unshared));
		ns_link(unsharer, "ns/pid_for_children", unshared_kids, sizeof(unshared_kids));
		ns_link(unshared_init, "ns/pid", grandchild, sizeof(grandchild));
		EXPECT_STREQ(plain, ours);	/* two processes of one namespace */
		EXPECT_STREQ(plain_kids, ours);
		EXPECT_TRUE(strcmp(inner, ours) != 0);	/* a child namespace */
		EXPECT_STREQ(unshared, ours);	/* unshare moves only the children */
		EXPECT_STREQ(unshared_kids, grandchild);
		EXPECT_TRUE(strcmp(grandchild, ours) != 0 && strcmp(grandchild, inner) != 0);
	}
	end_case();
}

/* ---- zombies and the reap ---- */

/* spawn_zombie() - fork a child that exits 3 at once; return once it is a zombie. */
static pid_t spawn_zombie(void)
{
	siginfo_t si;
	pid_t nr;

	fflush(stdout);
	nr = fork();
	if (nr == 0)
		_exit(3);
	tap_track(nr);
	if (!EXPECT_TRUE(nr > 0) || !EXPECT_OK(waitid(P_PID, nr, &si, WEXITED | WNOWAIT)))
		return -1;
	return nr;
}

static void zombie_state_z(void)
{
	static char text[TEXT_MAX];
	char state = '?';
	int ppid = 0;
	pid_t nr;

	if (!begin_case())
		return;
	nr = spawn_zombie();
	if (nr > 0 && read_pid_file(nr, "status", text, sizeof(text))) {
		EXPECT_STREQ(tap_field(text, "State"), "Z (zombie)");
		EXPECT_STREQ(tap_field(text, "Pid"), num(nr));
		EXPECT_STREQ(tap_field(text, "PPid"), num(getpid()));
	}
	if (nr > 0 && read_pid_file(nr, "stat", text, sizeof(text))) {
		EXPECT_EQ(sscanf(text, "%*d (%*[^)]) %c %d", &state, &ppid), 2);
		EXPECT_EQ(state, 'Z');
		EXPECT_EQ(ppid, getpid());
	}
	end_case();
}

/* listed() - whether the proc root lists @nr. */
static bool listed(pid_t nr)
{
	struct dirent *e;
	bool seen = false;
	DIR *d = opendir(proc_dir);

	if (!EXPECT_TRUE(d != NULL))
		return false;
	while ((e = readdir(d)) != NULL)
		seen |= atoi(e->d_name) == nr;
	closedir(d);
	return seen;
}

static void reaped_enoent_stale_fd_esrch(void)
{
	char buf[64];
	struct stat st;
	int fd = -1, status = 0;
	pid_t nr;

	if (!begin_case())
		return;
	nr = spawn_zombie();
	if (nr > 0 && EXPECT_OK(stat(pid_file(nr, ""), &st)) &&
	    EXPECT_OK(fd = open(pid_file(nr, "status"), O_RDONLY))) {
		EXPECT_TRUE(listed(nr));
		EXPECT_EQ(waitpid(nr, &status, 0), nr);
		tap_untrack(nr);
		EXPECT_EQ(status, 3 << 8);
		EXPECT_ERRNO(stat(pid_file(nr, ""), &st), ENOENT);
		EXPECT_ERRNO(stat(pid_file(nr, "status"), &st), ENOENT);
		EXPECT_ERRNO(read(fd, buf, sizeof(buf)), ESRCH);
		EXPECT_TRUE(!listed(nr));
		close(fd);
	}
	end_case();
}

static const struct tap_case cases[] = {
	TAP_CASE(status_fields_in_linux_order),
	TAP_CASE(status_values_of_known_child),
	TAP_CASE(status_signal_masks),
	TAP_CASE(stat_first_six_fields),
	TAP_CASE(statm_seven_numbers),
	TAP_CASE(rss_splits_anon_and_file),
	TAP_CASE(cmdline_nul_separated_argv),
	TAP_CASE(environ_nul_separated_env),
	TAP_CASE(comm_is_binary_name),
	TAP_CASE(exe_and_cwd_links),
	TAP_CASE(fd_lists_open_fds),
	TAP_CASE(fdinfo_pos_and_flags),
	TAP_CASE(maps_lines_and_stack),
	TAP_CASE(task_lists_both_threads),
	TAP_CASE(ns_pid_links),
	TAP_CASE(zombie_state_z),
	TAP_CASE(reaped_enoent_stale_fd_esrch),
};

int main(int argc, char **argv)
{
	if (argc >= 4 && strcmp(argv[1], "--child") == 0)
		return child_main(argv[2], atoi(argv[3]));
	prctl(PR_SET_CHILD_SUBREAPER, 1);	/* orphans of a case come to end_case() */
	snprintf(self_path, sizeof(self_path), "%s", real_path(argv[0]));
	return TAP_MAIN("proc_pid", cases, argc, argv);
}
