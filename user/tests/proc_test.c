/* proc_test.c - procfs as a whole: its system-wide files, one proc per pid namespace, the
 * lifetime of its mounts, and the flush of /proc/<pid> at reap. Per-process files are
 * proc_pid_test.c's.
 *
 * The first cases (procfs's first files, /proc/slabinfo and /proc/meminfo) read, under
 * reaper, a proc the case mounts on a directory made with mkdtemp under /tmp and unmounts at
 * the end; on the Linux host the /proc already there (slabinfo is root's only: without root
 * those skip). Formats as a Linux reader parses them: the two slabinfo header lines byte for
 * byte, each cache line as 12 numbers-and-colons fields, meminfo lines as "%-16s%8lu kB".
 * Reaper-only: unmounting frees every proc inode (proc_inode_cache back to its count).
 *
 * The cases after begin_case() mount a fresh proc on both systems (root's right on the host;
 * without it they skip) and a namespace init (clone(CLONE_NEWPID), start_ns_init()) mounts
 * one of its own, so each case sees its numbers through two namespaces' mounts (reference
 * §2.1, behaviours 6-9): NSpid "outer\t1" from the ancestor's, "1" and PPid 0 from its own,
 * outside pids ENOENT there, self ENOENT for a reader outside. A proc whose namespace has
 * died lists no pids and still unmounts (reference §1.5). pid_max is per namespace (written
 * only by a proven namespace init, and only where Linux keeps it per namespace, 6.14+).
 * drop_caches takes 2 and refuses 0 and text; 7 (mainline Linux's range is 1..4) is judged
 * under reaper only, because the host kernel this was developed on is patched to take it.
 * mount_lifetime_100_rounds: pid_namespace's slab count back to baseline (reaper-only: Linux
 * frees namespaces after an RCU grace period).
 *
 * flush_growth is the only case named flush_: the proc.flush=0 teaching toggle (DESIGN.md
 * §9) must make it fail (boot proc-noflush, --expect-fail-prefix flush_), and no other case
 * here depends on the flush: every stale entry they leave is in a mount they unmount. It
 * forks a child, walks all of /proc reading every /proc/<pid>/status (the child too), reaps
 * the child, PROC_GROWTH_ROUNDS times (default 300): proc_inode_cache's active objects must
 * grow by less than rounds / 2 (unflushed, each round leaves /proc/<pid> and its status).
 * That figure is judged under reaper only: Linux's SLUB counts move by hundreds on their own.
 * See also: proc_pid_test.c, kernel/fs/proc/, kernel/fs/dcache.c, Linux fs/proc/root.c and
 * fs/proc/base.c (proc_flush_pid), tap.h. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

#define TEXT_MAX	65536	/* bytes of a proc file a case reads */
#define CASE_TIMEOUT	10	/* seconds before a case's blocking calls fail with EINTR */
#define LONG_CASE_TIMEOUT 90	/* the same for the two cases that loop (~30 s on TCG) */
#define EXIT_NOT_INIT	99	/* a namespace init found it is not pid 1 of a new namespace */
#define LIFETIME_ROUNDS	100	/* mount_lifetime_100_rounds */
#define GROWTH_ROUNDS	300	/* flush_growth, unless PROC_GROWTH_ROUNDS says otherwise */

static char proc_dir[64];	/* where this case's proc is */

/* proc_up() - a proc to read: a fresh mount under reaper, the host's /proc on Linux. */
static bool proc_up(void)
{
	if (!tap_on_reaper()) {
		snprintf(proc_dir, sizeof(proc_dir), "/proc");
		return true;
	}
	snprintf(proc_dir, sizeof(proc_dir), "/tmp/proc_test.XXXXXX");
	if (!mkdtemp(proc_dir))
		return tap_fail(__FILE__, __LINE__, "mkdtemp failed");
	return EXPECT_OK(mount("proc", proc_dir, "proc", 0, NULL));
}

static void proc_down(void)
{
	if (!tap_on_reaper())
		return;
	EXPECT_OK(umount(proc_dir));
	EXPECT_OK(rmdir(proc_dir));
}

static void proc_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", proc_dir, name);
}

/* read_all() - the whole of proc file @name, NUL-terminated, in small reads. Return: bytes
 * or -1 (errno set). */
static long read_all(const char *name, char *buf, size_t size)
{
	char path[128];

	proc_path(path, sizeof(path), name);
	return tap_read_file(path, buf, size);
}

/* slab_active() - active_objs of cache @cache in @text (slabinfo), or -1 if not listed. */
static long slab_active(const char *text, const char *cache)
{
	size_t len = strlen(cache);

	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
		if (strncmp(l, cache, len) == 0 && l[len] == ' ')
			return strtol(l + len, NULL, 10);
	return -1;
}

/* ---- the cases ---- */

/* The root lists the system-wide files (each once) and a directory per process. */
static const char *const root_files[] = {
	"slabinfo", "meminfo", "stat", "uptime", "loadavg", "mounts", "cmdline", "filesystems",
	"self", "thread-self", "sys",
};

static void root_lists_the_files(void)
{
	size_t n = sizeof(root_files) / sizeof(root_files[0]);
	int seen[sizeof(root_files) / sizeof(root_files[0])] = { 0 }, ours = 0;
	struct dirent *e;
	DIR *d;

	if (!proc_up())
		return;
	d = opendir(proc_dir);
	if (EXPECT_TRUE(d != NULL)) {
		while ((e = readdir(d)) != NULL) {
			for (size_t i = 0; i < n; i++)
				seen[i] += strcmp(e->d_name, root_files[i]) == 0;
			ours += atoi(e->d_name) == getpid() && e->d_type == DT_DIR;
		}
		closedir(d);
	}
	for (size_t i = 0; i < n; i++)
		if (!EXPECT_EQ(seen[i], 1))
			tap_note("%s listed %d times", root_files[i], seen[i]);
	EXPECT_EQ(ours, 1);
	proc_down();
}

static void files_stat_regular_readonly_size_0(void)
{
	char path[128];
	struct stat st;

	if (!proc_up())
		return;
	proc_path(path, sizeof(path), "meminfo");
	if (EXPECT_OK(stat(path, &st))) {
		EXPECT_TRUE(S_ISREG(st.st_mode));
		EXPECT_EQ(st.st_mode & 07777, 0444);
		EXPECT_EQ(st.st_size, 0);
	}
	proc_path(path, sizeof(path), "slabinfo");
	if (EXPECT_OK(stat(path, &st))) {
		EXPECT_TRUE(S_ISREG(st.st_mode));
		EXPECT_EQ(st.st_mode & 07777, 0400);	/* root's only, as on Linux */
		EXPECT_EQ(st.st_size, 0);
	}
	proc_down();
}

static void slabinfo_has_linux_header(void)
{
	static char text[TEXT_MAX];
	const char *want = "slabinfo - version: 2.1\n"
			   "# name            <active_objs> <num_objs> <objsize> <objperslab> "
			   "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
			   "slabdata <active_slabs> <num_slabs> <sharedavail>\n";

	if (!proc_up())
		return;
	if (read_all("slabinfo", text, sizeof(text)) < 0 && errno == EACCES) {
		proc_down();
		SKIP_IF(true, "slabinfo is root's only");
	}
	EXPECT_TRUE(strncmp(text, want, strlen(want)) == 0);
	proc_down();
}

/* check_cache_line() - @cache is listed with 12 fields and sane numbers. */
static void check_cache_line(const char *text, const char *cache)
{
	unsigned long v[11];
	char name[64];
	const char *l = strstr(text, cache);

	while (l && (l[-1] != '\n' || l[strlen(cache)] != ' '))
		l = strstr(l + 1, cache);
	if (!EXPECT_TRUE(l != NULL))
		return;
	EXPECT_EQ(sscanf(l, "%63s %lu %lu %lu %lu %lu : tunables %lu %lu %lu : slabdata %lu %lu %lu",
			 name, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8],
			 &v[9], &v[10]), 12);
	EXPECT_TRUE(v[0] > 0 && v[0] <= v[1]);	/* some in use, no more than there is room */
	EXPECT_TRUE(v[2] > 0 && v[3] > 0 && v[4] > 0);
	EXPECT_TRUE(v[8] <= v[9]);		/* active slabs <= slabs */
}

static void slabinfo_lists_dentry_and_task_struct(void)
{
	static char text[TEXT_MAX];

	if (!proc_up())
		return;
	if (read_all("slabinfo", text, sizeof(text)) < 0 && errno == EACCES) {
		proc_down();
		SKIP_IF(true, "slabinfo is root's only");
	}
	check_cache_line(text, "dentry");
	check_cache_line(text, "task_struct");
	proc_down();
}

/* meminfo_value() - the kB of line @name ("MemTotal:"), checking its layout; -1 if absent. */
static long meminfo_value(const char *text, const char *name)
{
	const char *l = strstr(text, name);
	char want[64];
	long kb;

	if (!EXPECT_TRUE(l != NULL) || !EXPECT_EQ(sscanf(l + 16, "%8ld", &kb), 1))
		return -1;
	snprintf(want, sizeof(want), "%-16s%8ld kB\n", name, kb);
	EXPECT_TRUE(strncmp(l, want, strlen(want)) == 0);	/* "%-16s%8lu kB", as Linux */
	return kb;
}

static void meminfo_has_linux_lines(void)
{
	static char text[TEXT_MAX];
	long total, free, avail;

	if (!proc_up())
		return;
	if (EXPECT_TRUE(read_all("meminfo", text, sizeof(text)) > 0)) {
		EXPECT_TRUE(strncmp(text, "MemTotal:", 9) == 0);
		total = meminfo_value(text, "MemTotal:");
		free = meminfo_value(text, "MemFree:");
		avail = meminfo_value(text, "MemAvailable:");
		EXPECT_TRUE(total > 0 && free > 0 && free <= total && avail <= total);
	}
	proc_down();
}

/* MemTotal's line (its first 28 bytes) does not change, so reads at offsets must match it. */
static void read_at_offsets_and_lseek(void)
{
	char path[128], whole[64], part[32];
	int fd;

	if (!proc_up())
		return;
	proc_path(path, sizeof(path), "meminfo");
	fd = open(path, O_RDONLY);
	if (EXPECT_OK(fd)) {
		EXPECT_EQ(read(fd, whole, 28), 28);
		EXPECT_EQ(lseek(fd, 9, SEEK_SET), 9);
		EXPECT_EQ(read(fd, part, 19), 19);
		EXPECT_TRUE(memcmp(part, whole + 9, 19) == 0);
		EXPECT_EQ(pread(fd, part, 5, 3), 5);
		EXPECT_TRUE(memcmp(part, whole + 3, 5) == 0);
		EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 28);	/* pread left the offset alone */
		if (tap_on_reaper()) {
			EXPECT_EQ(lseek(fd, 1 << 20, SEEK_SET), 1 << 20);
			EXPECT_EQ(read(fd, part, sizeof(part)), 0);	/* past the end */
		}
		close(fd);
	}
	proc_down();
}

/* A second mount used and unmounted gives back every inode it made; umount of it is EBUSY
 * while a file of it is open. */
static void umount_frees_proc_inodes(void)
{
	static char text[TEXT_MAX];
	char other[64], path[128];
	struct stat st;
	long before;
	int fd;

	SKIP_IF(!tap_on_reaper(), "mounts a second proc: reaper only");
	if (!proc_up())
		return;
	read_all("slabinfo", text, sizeof(text));
	before = slab_active(text, "proc_inode_cache");
	EXPECT_TRUE(before > 0);
	snprintf(other, sizeof(other), "/tmp/proc_test2.XXXXXX");
	if (EXPECT_TRUE(mkdtemp(other) != NULL) &&
	    EXPECT_OK(mount("proc", other, "proc", 0, NULL))) {
		snprintf(path, sizeof(path), "%s/meminfo", other);
		EXPECT_OK(stat(path, &st));
		fd = open(path, O_RDONLY);
		EXPECT_OK(fd);
		EXPECT_ERRNO(umount(other), EBUSY);
		close(fd);
		EXPECT_OK(umount(other));
		EXPECT_OK(rmdir(other));
	}
	read_all("slabinfo", text, sizeof(text));
	EXPECT_EQ(slab_active(text, "proc_inode_cache"), before);
	proc_down();
}

/* ---- the case frame of the cases below: a fresh proc on both systems ---- */

/* begin_case() - arm the timeout and mount a fresh proc at proc_dir, under reaper and on
 * the host alike. Return: false if there is none (failed, or skipped on a host that does
 * not let us mount). */
static bool begin_case(void)
{
	tap_case_begin(CASE_TIMEOUT);
	if (tap_mount_proc(proc_dir, sizeof(proc_dir), "proc_test"))
		return true;
	alarm(0);
	return false;
}

/* end_case() - kill the case's children, reap them and the orphans they left (we are a
 * subreaper), fail the case if it timed out (tap_case_end()), unmount its proc. */
static void end_case(void)
{
	tap_case_end();
	tap_unmount_proc(proc_dir);
}

/* ---- small tools ---- */

/* read_at() - all of DIR/NAME, NUL-terminated. Return: its length, or -1 (errno set). */
static long read_at(const char *dir, const char *name, char *buf, size_t size)
{
	char path[160];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return tap_read_file(path, buf, size);
}

/* must_read() - read_at(), failing the case if the file cannot be read. */
static bool must_read(const char *dir, const char *name, char *buf, size_t size)
{
	if (read_at(dir, name, buf, size) >= 0)
		return true;
	return tap_fail(__FILE__, __LINE__, "read %s/%s: %s", dir, name, tap_errno_name(errno));
}

/* pid_status_field() - field NAME of DIR/NR/status ("" if unreadable). */
static const char *pid_status_field(const char *dir, long nr, const char *name)
{
	static char text[TEXT_MAX];
	char file[32];

	snprintf(file, sizeof(file), "%ld/status", nr);
	if (read_at(dir, file, text, sizeof(text)) < 0)
		text[0] = '\0';
	return tap_field(text, name);
}

/* nums() - numbers as /proc prints a list of them: tab-separated ("7\t1"). */
static const char *nums(int n, ...)
{
	static char buf[4][64];
	static int next;
	size_t len = 0;
	va_list ap;

	next = (next + 1) % 4;
	buf[next][0] = '\0';
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(buf[next] + len, sizeof(buf[next]) - len, "%s%ld",
					i ? "\t" : "", va_arg(ap, long));
	va_end(ap);
	return buf[next];
}

/* link_at() - readlink of DIR/NAME as a string; "" and errno set on failure. */
static const char *link_at(const char *dir, const char *name)
{
	static char buf[2][160];
	static int next;
	char path[160];
	ssize_t n;

	next = !next;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	n = readlink(path, buf[next], sizeof(buf[next]) - 1);
	buf[next][n > 0 ? n : 0] = '\0';
	return buf[next];
}

/* exists_at() - stat of DIR/NAME: 0, or -errno. */
static int exists_at(const char *dir, const char *name)
{
	char path[160];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return stat(path, &st) == 0 ? 0 : -errno;
}

/* count_pid_dirs() - how many numeric entries DIR lists; *@only gets the last one. */
static int count_pid_dirs(const char *dir, long *only)
{
	struct dirent *e;
	int n = 0;
	DIR *d = opendir(dir);

	if (!EXPECT_TRUE(d != NULL))
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		n++;
		if (only)
			*only = atol(e->d_name);
	}
	closedir(d);
	return n;
}

/* decimal2() - @s starts with "N.NN" (loadavg, uptime). Return: its length, or 0. */
static size_t decimal2(const char *s)
{
	size_t n = strspn(s, "0123456789");

	if (n == 0 || s[n] != '.' || strspn(s + n + 1, "0123456789") != 2)
		return 0;
	return n + 3;
}

static void sleep_forever(void)
{
	for (;;)
		pause();
}

/* spawn_sleeper() - fork a child of ours that sleeps until end_case() kills it. */
static pid_t spawn_sleeper(void)
{
	return tap_fork_child(sleep_forever);
}

/* ---- a child namespace whose init mounts a proc of its own ---- */

/* A namespace init and what it shares with the case. */
struct ns_init {
	long nr;		/* in our namespace */
	char dir[64];		/* where it mounts its proc (made by us) */
	int report[2];		/* it -> us: longs */
	int go[2];		/* us -> it: EOF means "exit now" */
};

/* ns_init_main() - in the child of clone(CLONE_NEWPID): prove it is pid 1 of a new
 * namespace (with parent 0: so not the suite as pid 1 of the root one), mount its proc,
 * report the result, run @body, exit when the case closes ns->go. */
static void ns_init_main(struct ns_init *ns, void (*body)(struct ns_init *))
{
	char c;

	close(ns->report[0]);
	close(ns->go[1]);
	if (getpid() != 1 || getppid() != 0)
		_exit(EXIT_NOT_INIT);
	tap_write_long(ns->report[1], mount("proc", ns->dir, "proc", 0, NULL) == 0 ? 0 : -errno);
	if (body)
		body(ns);
	while (read(ns->go[0], &c, 1) > 0)
		;
	_exit(0);
}

/**
 * stop_ns_init() - let the init of @ns exit and reap it; its proc stays mounted.
 * @ns: started by start_ns_init().
 *
 * Return: its wait status, or -1.
 */
static int stop_ns_init(struct ns_init *ns)
{
	int status = -1;

	close(ns->go[1]);
	if (ns->nr > 0 && waitpid(ns->nr, &status, __WALL) != ns->nr)
		status = -1;
	close(ns->report[0]);
	ns->nr = 0;
	return status;
}

/**
 * start_ns_init() - clone(CLONE_NEWPID) an init that mounts its proc at @ns->dir and runs
 * @body (which may report through ns->report[1]). No expectations: a namespace init may call
 * it too (nested namespaces).
 * @ns: @ns->dir set by the caller; the rest is filled in.
 * @body: what the init does once its proc is mounted, or NULL.
 *
 * Return: 0 (ns->nr is the init's number in our namespace), or -errno (clone, pipe, the
 * init's mount); on failure nothing is left running.
 */
static long start_ns_init(struct ns_init *ns, void (*body)(struct ns_init *))
{
	long err;

	if (pipe(ns->report) != 0)
		return -errno;
	if (pipe(ns->go) != 0) {
		err = -errno;
		close(ns->report[0]);
		close(ns->report[1]);
		return err;
	}
	fflush(stdout);
	ns->nr = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (ns->nr == 0)
		ns_init_main(ns, body);
	err = ns->nr < 0 ? -errno : 0;
	close(ns->report[1]);
	close(ns->go[0]);
	if (!err && (err = tap_read_long(ns->report[0])) == LONG_MIN)
		err = -ECHILD;
	if (err)
		stop_ns_init(ns);
	return err;
}

/* spawn_ns() - in a case: make a directory and start a namespace init on it (tracked). */
static bool spawn_ns(struct ns_init *ns, void (*body)(struct ns_init *))
{
	long err;

	snprintf(ns->dir, sizeof(ns->dir), "/tmp/proc_test.ns.XXXXXX");
	if (!EXPECT_TRUE(mkdtemp(ns->dir) != NULL))
		return false;
	err = start_ns_init(ns, body);
	if (err == 0) {
		tap_track(ns->nr);
		return true;
	}
	rmdir(ns->dir);
	ns->dir[0] = '\0';
	return tap_fail(__FILE__, __LINE__, "namespace init: %s", tap_errno_name((int)-err));
}

/* finish_ns() - stop the init (if it runs: it must exit 0), unmount its proc, rmdir. */
static void finish_ns(struct ns_init *ns)
{
	if (ns->nr > 0)
		EXPECT_EQ(stop_ns_init(ns), 0);
	if (ns->dir[0]) {
		EXPECT_OK(umount(ns->dir));
		EXPECT_OK(rmdir(ns->dir));
	}
}

/* ---- /proc/self, /proc/thread-self ---- */

static void *report_thread_self(void *arg)
{
	snprintf(arg, 160, "%s", link_at(proc_dir, "thread-self"));
	return (void *)(long)syscall(SYS_gettid);
}

static void self_and_thread_self(void)
{
	char seen[160], want[64];
	pthread_t thread;
	void *tid = NULL;

	if (!begin_case())
		return;
	EXPECT_STREQ(link_at(proc_dir, "self"), nums(1, (long)getpid()));
	snprintf(want, sizeof(want), "%d/task/%d", getpid(), getpid());
	EXPECT_STREQ(link_at(proc_dir, "thread-self"), want);
	EXPECT_STREQ(pid_status_field(proc_dir, getpid(), "Pid"), nums(1, (long)getpid()));
	if (EXPECT_EQ(pthread_create(&thread, NULL, report_thread_self, seen), 0)) {
		pthread_join(thread, &tid);
		snprintf(want, sizeof(want), "%d/task/%ld", getpid(), (long)tid);
		EXPECT_STREQ(seen, want);
		EXPECT_NE((long)tid, getpid());
	}
	end_case();
}

/* ---- /proc/stat, uptime, loadavg, mounts, cmdline, filesystems ---- */

/* stat_value() - the number after "NAME " on a line of /proc/stat; -1 if absent. */
static long long stat_value(const char *text, const char *name)
{
	size_t len = strlen(name);

	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
		if (strncmp(l, name, len) == 0 && l[len] == ' ')
			return strtoll(l + len + 1, NULL, 10);
	return -1;
}

static void stat_cpu_ctxt_btime_processes(void)
{
	static char text[TEXT_MAX];
	unsigned long long cpu[4];
	long long processes;
	pid_t child;

	if (!begin_case())
		return;
	if (must_read(proc_dir, "stat", text, sizeof(text))) {
		EXPECT_TRUE(strncmp(text, "cpu ", 4) == 0);
		EXPECT_EQ(sscanf(text, "cpu %llu %llu %llu %llu", &cpu[0], &cpu[1], &cpu[2],
				 &cpu[3]), 4);	/* user nice system idle, in ticks */
		EXPECT_TRUE(stat_value(text, "ctxt") > 0);
		EXPECT_TRUE(stat_value(text, "btime") > 0);
		EXPECT_TRUE(stat_value(text, "btime") <= (long long)time(NULL));
		EXPECT_TRUE((processes = stat_value(text, "processes")) > 0);
		fflush(stdout);
		if ((child = fork()) == 0)
			_exit(0);
		EXPECT_EQ(waitpid(child, NULL, 0), child);
		if (must_read(proc_dir, "stat", text, sizeof(text)))
			EXPECT_TRUE(stat_value(text, "processes") > processes);	/* forks so far */
	}
	end_case();
}

static void uptime_two_numbers(void)
{
	char text[128];
	size_t a, b;
	double first = 0, second = 0;

	if (!begin_case())
		return;
	if (must_read(proc_dir, "uptime", text, sizeof(text))) {
		a = decimal2(text);
		b = a && text[a] == ' ' ? decimal2(text + a + 1) : 0;
		if (!EXPECT_TRUE(b && strcmp(text + a + 1 + b, "\n") == 0))
			tap_note("uptime reads \"%s\"", text);
		first = strtod(text, NULL);
		tap_sleep_ms(150);
	}
	if (must_read(proc_dir, "uptime", text, sizeof(text)))
		second = strtod(text, NULL);
	EXPECT_TRUE(first > 0 && second > first);	/* seconds since boot, in hundredths */
	end_case();
}

/* loadavg_shape() - "N.NN N.NN N.NN running/total last\n". Return: last, or -1. */
static long loadavg_shape(const char *text)
{
	long running = -1, total = -1, last = -1;
	const char *s = text;
	int end = 0;

	for (int i = 0; i < 3; i++) {
		size_t n = decimal2(s);

		if (!EXPECT_TRUE(n && s[n] == ' '))
			return -1;
		s += n + 1;
	}
	EXPECT_EQ(sscanf(s, "%ld/%ld %ld%n", &running, &total, &last, &end), 3);
	EXPECT_STREQ(s + end, "\n");
	EXPECT_TRUE(running >= 1 && running <= total);	/* the reader runs */
	return last;
}

/* body_fork_then_loadavg() - in a namespace init: fork (pid 2), reap it, report the
 * member's number and loadavg's last field ("last pid") through its own proc. */
static void body_fork_then_loadavg(struct ns_init *ns)
{
	char text[128];
	pid_t member = fork();

	if (member == 0)
		_exit(0);
	waitpid(member, NULL, 0);
	tap_write_long(ns->report[1], member);
	if (read_at(ns->dir, "loadavg", text, sizeof(text)) < 0)
		tap_write_long(ns->report[1], -errno);
	else
		tap_write_long(ns->report[1], atol(strrchr(text, ' ') + 1));
}

static void loadavg_five_fields(void)
{
	char text[128];
	struct ns_init ns;

	if (!begin_case())
		return;
	if (must_read(proc_dir, "loadavg", text, sizeof(text)) && loadavg_shape(text) < 0)
		tap_note("loadavg reads \"%s\"", text);
	if (spawn_ns(&ns, body_fork_then_loadavg)) {
		EXPECT_EQ(tap_read_long(ns.report[0]), 2);	/* the init's first fork */
		EXPECT_EQ(tap_read_long(ns.report[0]), 2);	/* the last pid of its namespace */
		finish_ns(&ns);
	}
	end_case();
}

static void mounts_lists_our_proc(void)
{
	static char text[TEXT_MAX];
	char src[64], dir[160], type[32], opts[256];
	int found = 0, dump = -1, pass = -1;

	if (!begin_case())
		return;
	if (must_read(proc_dir, "mounts", text, sizeof(text))) {
		for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
			if (sscanf(l, "%63s %159s %31s %255s %d %d", src, dir, type, opts, &dump,
				   &pass) != 6 || strcmp(dir, proc_dir) != 0)
				continue;
			found++;
			EXPECT_STREQ(src, "proc");
			EXPECT_STREQ(type, "proc");
			EXPECT_TRUE(strncmp(opts, "rw", 2) == 0);
			EXPECT_TRUE(dump == 0 && pass == 0);
		}
		EXPECT_EQ(found, 1);
	}
	end_case();
}

static void cmdline_one_line(void)
{
	static char text[TEXT_MAX];
	long len;

	if (!begin_case())
		return;
	len = read_at(proc_dir, "cmdline", text, sizeof(text));
	if (EXPECT_TRUE(len > 1)) {
		EXPECT_TRUE(strchr(text, '\n') == text + len - 1);	/* one line */
		if (tap_on_reaper())
			EXPECT_TRUE(strstr(text, "init=") != NULL);	/* the boot's command line */
	}
	end_case();
}

static void filesystems_has_nodev_proc(void)
{
	static char text[TEXT_MAX];
	const char *l;

	if (!begin_case())
		return;
	if (must_read(proc_dir, "filesystems", text, sizeof(text))) {
		l = strstr(text, "nodev\tproc\n");
		EXPECT_TRUE(l != NULL && (l == text || l[-1] == '\n'));
	}
	end_case();
}

/* ---- /proc/sys ---- */

static long pid_max_wanted;	/* what the namespace init writes (set before the clone) */

/* body_set_pid_max() - in a namespace init: report its pid_max, write pid_max_wanted, report
 * the write's result and the value read back, all through its own proc. */
static void body_set_pid_max(struct ns_init *ns)
{
	char text[32], value[32];

	read_at(ns->dir, "sys/kernel/pid_max", text, sizeof(text));
	tap_write_long(ns->report[1], atol(text));
	snprintf(value, sizeof(value), "%ld\n", pid_max_wanted);
	tap_write_long(ns->report[1], tap_write_at(ns->dir, "sys/kernel/pid_max", value));
	read_at(ns->dir, "sys/kernel/pid_max", text, sizeof(text));
	tap_write_long(ns->report[1], atol(text));
}

static void pid_max_per_namespace(void)
{
	char text[32], want[32];
	long outer = 0;
	struct ns_init ns;

	SKIP_IF(!tap_pid_max_is_per_ns(), "pid_max is global before Linux 6.14");
	if (!begin_case())
		return;
	if (must_read(proc_dir, "sys/kernel/pid_max", text, sizeof(text))) {
		EXPECT_EQ(sscanf(text, "%ld", &outer), 1);
		snprintf(want, sizeof(want), "%ld\n", outer);
		EXPECT_STREQ(text, want);	/* one number and a newline */
	}
	pid_max_wanted = outer / 2;
	if (EXPECT_TRUE(outer > 1000) && spawn_ns(&ns, body_set_pid_max)) {
		/* A new namespace starts at our value or above (Linux: PID_MAX_LIMIT; its
		 * allocations are bounded by every ancestor's pid_max anyway). */
		EXPECT_TRUE(tap_read_long(ns.report[0]) >= outer);
		EXPECT_EQ(tap_read_long(ns.report[0]), 0);		/* the write */
		EXPECT_EQ(tap_read_long(ns.report[0]), pid_max_wanted);	/* seen there */
		finish_ns(&ns);
		must_read(proc_dir, "sys/kernel/pid_max", text, sizeof(text));
		if (!EXPECT_EQ(atol(text), outer))	/* not here; put it back if it was */
			tap_write_at(proc_dir, "sys/kernel/pid_max", nums(1, outer));
	}
	end_case();
}

/* drop_caches takes 1..4 (Linux: proc_dointvec_minmax, SYSCTL_ONE..SYSCTL_FOUR). The host
 * this suite was developed on runs a patched kernel that takes any positive number, so 7 is
 * judged under reaper only; 0 and text are refused everywhere. */
static void drop_caches_2_ok_7_einval(void)
{
	if (!begin_case())
		return;
	EXPECT_EQ(tap_write_at(proc_dir, "sys/vm/drop_caches", "2"), 0);	/* dentries, inodes */
	EXPECT_EQ(tap_write_at(proc_dir, "sys/vm/drop_caches", "2\n"), 0);
	EXPECT_EQ(tap_write_at(proc_dir, "sys/vm/drop_caches", "0"), -EINVAL);
	EXPECT_EQ(tap_write_at(proc_dir, "sys/vm/drop_caches", "two"), -EINVAL);
	if (tap_on_reaper())
		EXPECT_EQ(tap_write_at(proc_dir, "sys/vm/drop_caches", "7"), -EINVAL);
	EXPECT_EQ(exists_at(proc_dir, "meminfo"), 0);	/* proc itself survives the drop */
	end_case();
}

/* ---- numbers through the mounts of two namespaces ---- */

/* A namespace init seen through an ancestor's proc: one number per level, outer first. */
static void nspid_from_ancestor_mount(void)
{
	static char text[TEXT_MAX];
	int f[4] = { 0 };
	struct ns_init ns;
	char file[32];

	if (!begin_case())
		return;
	if (spawn_ns(&ns, NULL)) {
		EXPECT_STREQ(pid_status_field(proc_dir, ns.nr, "NSpid"), nums(2, ns.nr, 1L));
		EXPECT_STREQ(pid_status_field(proc_dir, ns.nr, "NStgid"), nums(2, ns.nr, 1L));
		EXPECT_STREQ(pid_status_field(proc_dir, ns.nr, "NSpgid"),
			     nums(2, (long)getpgrp(), 0L));	/* its group is led outside */
		EXPECT_STREQ(pid_status_field(proc_dir, ns.nr, "NSsid"),
			     nums(2, (long)getsid(0), 0L));
		EXPECT_STREQ(pid_status_field(proc_dir, ns.nr, "Pid"), nums(1, ns.nr));
		EXPECT_STREQ(pid_status_field(proc_dir, ns.nr, "PPid"), nums(1, (long)getpid()));
		snprintf(file, sizeof(file), "%ld/stat", ns.nr);
		if (must_read(proc_dir, file, text, sizeof(text))) {
			EXPECT_EQ(sscanf(text, "%d (%*[^)]) %*c %d %d %d", &f[0], &f[1], &f[2],
					 &f[3]), 4);
			EXPECT_TRUE(f[0] == ns.nr && f[1] == getpid());
			EXPECT_TRUE(f[2] == getpgrp() && f[3] == getsid(0));
		}
		finish_ns(&ns);
	}
	end_case();
}

/* body_report_self() - in a namespace init: readlink of self and thread-self, through its
 * own proc and through the case's (an ancestor's), as numbers (or -errno). */
static void body_report_self(struct ns_init *ns)
{
	const char *link = link_at(ns->dir, "self");

	tap_write_long(ns->report[1], *link ? atol(link) : -errno);
	link = link_at(ns->dir, "thread-self");
	tap_write_long(ns->report[1], strcmp(link, "1/task/1") == 0 ? 0 : *link ? -EINVAL : -errno);
	link = link_at(proc_dir, "self");
	tap_write_long(ns->report[1], *link ? atol(link) : -errno);
}

/* The same init through its own namespace's proc: one number, parent 0, self is 1. */
static void nspid_from_own_mount(void)
{
	static char text[TEXT_MAX];
	int f[4] = { -1, -1, -1, -1 };
	char comm[32] = "";
	struct ns_init ns;

	if (!begin_case())
		return;
	if (spawn_ns(&ns, body_report_self)) {
		EXPECT_EQ(tap_read_long(ns.report[0]), 1);	/* its self */
		EXPECT_EQ(tap_read_long(ns.report[0]), 0);	/* its thread-self: 1/task/1 */
		EXPECT_EQ(tap_read_long(ns.report[0]), ns.nr);	/* self through our proc */
		EXPECT_STREQ(pid_status_field(ns.dir, 1, "NSpid"), "1");
		EXPECT_STREQ(pid_status_field(ns.dir, 1, "NStgid"), "1");
		EXPECT_STREQ(pid_status_field(ns.dir, 1, "NSpgid"), "0");
		EXPECT_STREQ(pid_status_field(ns.dir, 1, "NSsid"), "0");
		EXPECT_STREQ(pid_status_field(ns.dir, 1, "Pid"), "1");
		EXPECT_STREQ(pid_status_field(ns.dir, 1, "PPid"), "0");
		if (must_read(ns.dir, "1/stat", text, sizeof(text))) {
			EXPECT_EQ(sscanf(text, "%d (%31[^)]) %*c %d %d %d", &f[0], comm, &f[1],
					 &f[2], &f[3]), 5);
			EXPECT_STREQ(comm, "proc_test");
			EXPECT_TRUE(f[0] == 1 && f[1] == 0 && f[2] == 0 && f[3] == 0);
		}
		finish_ns(&ns);
	}
	end_case();
}

/* Pids that exist only outside are not there; the init is, as 1, and alone. */
static void outside_pids_enoent_inside(void)
{
	char name[24];
	struct ns_init ns;
	long only = 0;
	pid_t outsider;

	if (!begin_case())
		return;
	outsider = spawn_sleeper();
	if (spawn_ns(&ns, NULL)) {
		snprintf(name, sizeof(name), "%ld", ns.nr);
		EXPECT_EQ(exists_at(ns.dir, name), -ENOENT);	/* the init's outer number */
		snprintf(name, sizeof(name), "%d", outsider);
		EXPECT_EQ(exists_at(ns.dir, name), -ENOENT);
		snprintf(name, sizeof(name), "%d/status", outsider);
		EXPECT_EQ(exists_at(ns.dir, name), -ENOENT);
		EXPECT_EQ(exists_at(ns.dir, "1/status"), 0);
		EXPECT_EQ(count_pid_dirs(ns.dir, &only), 1);
		EXPECT_EQ(only, 1);
		finish_ns(&ns);
	}
	end_case();
}

/* self names the reader in the mount's namespace: a reader outside it has none. */
static void self_enoent_in_foreign_ns(void)
{
	char buf[64];
	char path[160];
	struct ns_init ns;

	if (!begin_case())
		return;
	if (spawn_ns(&ns, NULL)) {
		snprintf(path, sizeof(path), "%s/self", ns.dir);
		EXPECT_ERRNO(readlink(path, buf, sizeof(buf)), ENOENT);
		snprintf(path, sizeof(path), "%s/thread-self", ns.dir);
		EXPECT_ERRNO(readlink(path, buf, sizeof(buf)), ENOENT);
		snprintf(path, sizeof(path), "%s/self/status", ns.dir);
		EXPECT_ERRNO(open(path, O_RDONLY), ENOENT);
		finish_ns(&ns);
	}
	end_case();
}

/* ---- nested namespaces, a dead namespace's proc, mount lifetime ---- */

static char inner_dir[64];	/* the second-level init's proc (made before the clone) */

/* body_nest() - in a first-level init: start a second-level one that mounts inner_dir and
 * report its number here (or -errno); on EOF of our go pipe, stop it. */
static void body_nest(struct ns_init *ns)
{
	struct ns_init inner;
	char c;
	long err;

	snprintf(inner.dir, sizeof(inner.dir), "%s", inner_dir);
	err = start_ns_init(&inner, NULL);
	tap_write_long(ns->report[1], err ? err : inner.nr);
	while (read(ns->go[0], &c, 1) > 0)
		;
	if (!err)
		stop_ns_init(&inner);
}

/* outer_nr_of_child() - the number in proc_dir of the only child of @parent_nr. */
static long outer_nr_of_child(long parent_nr)
{
	struct dirent *e;
	long found = -1;
	DIR *d = opendir(proc_dir);

	if (!EXPECT_TRUE(d != NULL))
		return -1;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9' &&
		    strcmp(pid_status_field(proc_dir, atol(e->d_name), "PPid"),
			   nums(1, parent_nr)) == 0)
			found = atol(e->d_name);
	closedir(d);
	return found;
}

/* check_nested() - the second-level init, @mid in the middle namespace, through all three
 * mounts: outer first, one number per level from the mount's namespace down. */
static void check_nested(struct ns_init *ns, long mid)
{
	long outer = outer_nr_of_child(ns->nr), only = 0;

	EXPECT_TRUE(outer > 0);
	EXPECT_STREQ(pid_status_field(proc_dir, outer, "NSpid"), nums(3, outer, mid, 1L));
	EXPECT_STREQ(pid_status_field(proc_dir, outer, "NStgid"), nums(3, outer, mid, 1L));
	EXPECT_STREQ(pid_status_field(ns->dir, mid, "NSpid"), nums(2, mid, 1L));
	EXPECT_STREQ(pid_status_field(ns->dir, mid, "PPid"), "1");
	EXPECT_STREQ(pid_status_field(ns->dir, 1, "NSpid"), "1");
	EXPECT_STREQ(pid_status_field(inner_dir, 1, "NSpid"), "1");
	EXPECT_STREQ(pid_status_field(inner_dir, 1, "PPid"), "0");
	EXPECT_EQ(count_pid_dirs(ns->dir, NULL), 2);
	EXPECT_EQ(count_pid_dirs(inner_dir, &only), 1);
	EXPECT_EQ(only, 1);
	EXPECT_TRUE(strcmp(link_at(ns->dir, "1/ns/pid"), link_at(inner_dir, "1/ns/pid")) != 0);
}

static void nested_namespace_mounts(void)
{
	struct ns_init ns;
	long mid;

	if (!begin_case())
		return;
	snprintf(inner_dir, sizeof(inner_dir), "/tmp/proc_test.in.XXXXXX");
	if (!EXPECT_TRUE(mkdtemp(inner_dir) != NULL)) {
		end_case();
		return;
	}
	if (spawn_ns(&ns, body_nest)) {
		mid = tap_read_long(ns.report[0]);
		if (EXPECT_TRUE(mid > 1))
			check_nested(&ns, mid);
		finish_ns(&ns);
		if (mid > 1)
			EXPECT_OK(umount(inner_dir));
	}
	EXPECT_OK(rmdir(inner_dir));
	end_case();
}

/* A proc of a namespace whose init has been reaped: it works, shows no process, no self. */
static void dead_namespace_mount_still_works(void)
{
	char text[128], buf[16], path[160];
	struct ns_init ns;

	if (!begin_case())
		return;
	if (spawn_ns(&ns, NULL)) {
		tap_untrack(ns.nr);
		EXPECT_EQ(stop_ns_init(&ns), 0);
		EXPECT_EQ(count_pid_dirs(ns.dir, NULL), 0);
		EXPECT_EQ(exists_at(ns.dir, "1"), -ENOENT);
		snprintf(path, sizeof(path), "%s/self", ns.dir);
		EXPECT_ERRNO(readlink(path, buf, sizeof(buf)), ENOENT);
		EXPECT_TRUE(read_at(ns.dir, "uptime", text, sizeof(text)) > 0);
		EXPECT_TRUE(read_at(ns.dir, "meminfo", text, sizeof(text)) > 0);
		finish_ns(&ns);		/* the umount frees the namespace */
	}
	end_case();
}

/* slab_now() - active objects of @cache now, from proc_dir/slabinfo; -1 if not there. */
static long slab_now(const char *cache)
{
	static char text[TEXT_MAX * 4];

	if (read_at(proc_dir, "slabinfo", text, sizeof(text)) < 0)
		return -1;
	return slab_active(text, cache);
}

/* 100 rounds of: an init mounts its own proc and exits, we unmount it. Each proc holds its
 * namespace until the umount; after the last, no pid_namespace is left over. */
static void mount_lifetime_100_rounds(void)
{
	struct ns_init ns;
	long before, after, err;
	int failed = 0;

	if (!begin_case())
		return;
	snprintf(ns.dir, sizeof(ns.dir), "/tmp/proc_test.ns.XXXXXX");
	if (!EXPECT_TRUE(mkdtemp(ns.dir) != NULL)) {
		end_case();
		return;
	}
	alarm(LONG_CASE_TIMEOUT);
	before = slab_now("pid_namespace");
	for (int i = 0; i < LIFETIME_ROUNDS && !tap_case_timed_out(); i++) {
		err = start_ns_init(&ns, NULL);
		if (err || stop_ns_init(&ns) != 0 || umount(ns.dir) != 0) {
			if (!failed++)
				tap_note("round %d: %s", i, tap_errno_name(err ? (int)-err : errno));
		}
	}
	EXPECT_EQ(failed, 0);
	EXPECT_OK(rmdir(ns.dir));
	after = slab_now("pid_namespace");
	tap_note("pid_namespace active objects: %ld before, %ld after", before, after);
	if (tap_on_reaper())	/* Linux frees namespaces after an RCU grace period */
		EXPECT_EQ(after, before);
	end_case();
}

/* ---- the growth check (the only case the proc.flush=0 control must make fail) ---- */

/* walk_proc() - read /proc/<pid>/status of every process proc_dir lists. */
static void walk_proc(void)
{
	static char text[TEXT_MAX];
	struct dirent *e;
	char file[300];
	DIR *d = opendir(proc_dir);

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(file, sizeof(file), "%s/status", e->d_name);
		read_at(proc_dir, file, text, sizeof(text));	/* one may be gone: fine */
	}
	closedir(d);
}

/* growth_round() - fork a child that exits, walk /proc (the zombie too), reap it. */
static bool growth_round(void)
{
	pid_t child;

	fflush(stdout);
	child = fork();
	if (child == 0)
		_exit(0);
	if (child < 0)
		return false;
	walk_proc();
	return waitpid(child, NULL, 0) == child;
}

static int growth_rounds(void)
{
	const char *env = getenv("PROC_GROWTH_ROUNDS");

	return env && atoi(env) > 0 ? atoi(env) : GROWTH_ROUNDS;
}

/* Each reaped child's /proc/<pid> entries are dropped at the reap, so walking /proc over and
 * over does not pile up proc inodes: fewer than one per two rounds over the whole run
 * (unflushed, every round leaves at least /proc/<pid> and its status: two). Judged under
 * reaper, whose slab counts are exact. On Linux the figure is only printed: SLUB counts the
 * objects of its per-CPU slabs as active, so it moves by hundreds with nothing leaked
 * (measured on a 2-CPU host, 300 rounds: -260 .. +348), and the host's other processes
 * come and go in the walk. */
static void flush_growth(void)
{
	int rounds = growth_rounds(), done = 0;
	long before, after;

	if (!begin_case())
		return;
	alarm(LONG_CASE_TIMEOUT);
	growth_round();		/* warm-up: the live processes' entries, slabinfo's own */
	before = slab_now("proc_inode_cache");
	while (done < rounds && !tap_case_timed_out() && growth_round())
		done++;
	after = slab_now("proc_inode_cache");
	EXPECT_EQ(done, rounds);
	tap_note("proc_inode_cache active objects: %ld before, %ld after %d rounds", before,
		 after, done);
	if (tap_on_reaper())
		EXPECT_TRUE(before >= 0 && after - before < rounds / 2);
	else
		tap_note("not judged on Linux: %s", before < 0 ? "no proc_inode_cache line"
							: "SLUB's counts are coarse");
	end_case();
}

static const struct tap_case cases[] = {
	TAP_CASE(root_lists_the_files),
	TAP_CASE(files_stat_regular_readonly_size_0),
	TAP_CASE(slabinfo_has_linux_header),
	TAP_CASE(slabinfo_lists_dentry_and_task_struct),
	TAP_CASE(meminfo_has_linux_lines),
	TAP_CASE(read_at_offsets_and_lseek),
	TAP_CASE(umount_frees_proc_inodes),
	TAP_CASE(self_and_thread_self),
	TAP_CASE(stat_cpu_ctxt_btime_processes),
	TAP_CASE(uptime_two_numbers),
	TAP_CASE(loadavg_five_fields),
	TAP_CASE(mounts_lists_our_proc),
	TAP_CASE(cmdline_one_line),
	TAP_CASE(filesystems_has_nodev_proc),
	TAP_CASE(pid_max_per_namespace),
	TAP_CASE(drop_caches_2_ok_7_einval),
	TAP_CASE(nspid_from_ancestor_mount),
	TAP_CASE(nspid_from_own_mount),
	TAP_CASE(outside_pids_enoent_inside),
	TAP_CASE(self_enoent_in_foreign_ns),
	TAP_CASE(nested_namespace_mounts),
	TAP_CASE(dead_namespace_mount_still_works),
	TAP_CASE(mount_lifetime_100_rounds),
	TAP_CASE(flush_growth),
};

int main(int argc, char **argv)
{
	prctl(PR_SET_CHILD_SUBREAPER, 1);	/* orphans of a case come to end_case() */
	return TAP_MAIN("proc", cases, argc, argv);
}
