/* nstree_test.c - nstree(1) on a tree we built: a pid namespace with two members, one a zombie.
 *
 * Each case that needs it builds the same tree with a raw clone(CLONE_NEWPID): "nsinit", the
 * namespace's init (inner pid 1), forks "member" (inner 2, in pause()) and "zombie" (inner 3,
 * exits at once and is never reaped: init only looks with waitid(WNOWAIT)), renames itself
 * with PR_SET_NAME, tells the case through a pipe and pauses. The case then runs nstree
 * (fork + exec, stdout and stderr through a pipe) and checks its lines:
 *
 *	41/1 S nsinit  ── [pid ns 4026532177, level 1]
 *	├─ 42/2 S member
 *	└─ 43/3 Z zombie <defunct>
 *
 * The outermost number is the one in the namespace of the proc nstree reads: its own mount
 * (under reaper, where a suite is init and nothing is mounted at /proc) or the host's /proc
 * (on Linux, where the suite may itself be a level below the root: then it has more numbers,
 * which the case counts from its own /proc/self/status). The namespace's number N is the one
 * its ns/pid link shows in a proc the case mounts itself (tap_mount_proc).
 * The binary: next to our own, ../nstree (build/user/tests/nstree_test -> build/user/nstree
 * on the host), else /bin/nstree (reaper: /tests/nstree_test). Linux is the oracle: the same
 * suite passes there as root (tests/run-on-linux.sh nstree_test).
 * See also: user/nstree.c, docs/pidns.md, kernel/fs/proc/array.c (NSpid). */
#include <fcntl.h>
#include <limits.h>
#include <libgen.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define CASE_TIMEOUT 20	    /* seconds before a case's blocking calls fail with EINTR */
#define OUTPUT_MAX   262144 /* bytes of nstree output kept (the host's whole tree fits) */
#define LINES_MAX    4096

static char nstree_path[PATH_MAX]; /* the binary under test */
static char output[OUTPUT_MAX];	   /* what the last run printed */
static char *lines[LINES_MAX];	   /* output cut into lines */
static int nr_lines;

/* One line of nstree's output, taken apart. */
struct tree_line {
	int column;	   /* characters of tree drawing before the numbers */
	char numbers[128]; /* "41/1", or with -n "41" */
	char state;	   /* R S T t Z */
	char comm[32];
	const char *rest; /* after the name: " <defunct>", the namespace mark, or "" */
};

/* ---- running nstree ---- */

/* find_nstree() - ../nstree beside our binary if it is there, else /bin/nstree. */
static void find_nstree(const char *argv0)
{
	char copy[PATH_MAX];

	snprintf(copy, sizeof(copy), "%s", argv0);
	snprintf(nstree_path, sizeof(nstree_path), "%s/../nstree", dirname(copy));
	if (access(nstree_path, X_OK) != 0)
		snprintf(nstree_path, sizeof(nstree_path), "/bin/nstree");
}

/* split_lines() - cut output[] at its newlines into lines[]. */
static void split_lines(void)
{
	char *save = NULL;

	nr_lines = 0;
	for (char *l = strtok_r(output, "\n", &save); l && nr_lines < LINES_MAX;
	     l = strtok_r(NULL, "\n", &save))
		lines[nr_lines++] = l;
}

/* run_nstree() - nstree with @a1, @a2, @a3 (NULL ends them); its output in lines[].
 * Return: its exit status, or -1 if it could not be run (the case has failed). */
static int run_nstree(const char *a1, const char *a2, const char *a3)
{
	const char *argv[] = { nstree_path, a1, a2, a3, NULL };
	long total = 0, n;
	int p[2], status = -1;
	pid_t nr;

	if (!EXPECT_OK(pipe(p)))
		return -1;
	fflush(stdout);
	nr = fork();
	if (nr == 0) {
		dup2(p[1], 1);
		dup2(p[1], 2);
		close(p[0]);
		execv(nstree_path, (char **)argv);
		_exit(127);
	}
	close(p[1]);
	while (nr > 0 && total < OUTPUT_MAX - 1 &&
	       (n = read(p[0], output + total, OUTPUT_MAX - 1 - (size_t)total)) > 0)
		total += n;
	close(p[0]);
	output[total] = '\0';
	if (!EXPECT_TRUE(nr > 0) || !EXPECT_EQ(waitpid(nr, &status, 0), nr))
		return -1;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		tap_fail(__FILE__, __LINE__, "cannot exec %s", nstree_path);
	split_lines();
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* parse_line() - @s into @l. Return: false if it is not a process line. */
static bool parse_line(const char *s, struct tree_line *l)
{
	const char *p = s;
	int used = 0;

	l->column = 0;
	for (; *p && ((unsigned char)*p >= 0x80 || *p == ' '); p++)
		if (((unsigned char)*p & 0xc0) != 0x80)
			l->column++; /* one character: a space or a box-drawing one */
	if (sscanf(p, "%127s %c %31s%n", l->numbers, &l->state, l->comm, &used) != 3)
		return false;
	l->rest = p + used;
	return true;
}

/* show_output() - print what nstree said, as TAP comments. */
static void show_output(void)
{
	for (int i = 0; i < nr_lines; i++)
		tap_note("nstree: %s", lines[i]);
}

/* ---- the tree under test ---- */

/* nsinit_main() - init of the new namespace: a member, a zombie, then report and pause. */
static void nsinit_main(int report)
{
	int ready[2];
	siginfo_t info;
	pid_t zombie;
	char c;

	if (pipe(ready) != 0)
		_exit(1);
	if (fork() == 0) {
		prctl(PR_SET_NAME, "member");
		if (write(ready[1], "m", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	zombie = fork();
	if (zombie == 0) {
		prctl(PR_SET_NAME, "zombie");
		_exit(0);
	}
	prctl(PR_SET_NAME, "nsinit");
	/* Report only once the member is renamed and the zombie is one (WNOWAIT: not reaped). */
	if (read(ready[0], &c, 1) != 1 ||
	    waitid(P_PID, (id_t)zombie, &info, WEXITED | WNOWAIT) != 0 ||
	    write(report, "r", 1) != 1)
		_exit(1);
	for (;;)
		pause();
}

/* build_tree() - start nsinit (tracked; tap_case_end kills it, and the teardown the rest).
 * Return: its number as we see it, or 0 (the case has failed or skips: no namespaces). */
static pid_t build_tree(void)
{
	int report[2];
	long nr;
	char c;

	if (!EXPECT_OK(pipe(report)))
		return 0;
	fflush(stdout);
	nr = syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (nr == 0) {
		close(report[0]);
		nsinit_main(report[1]);
	}
	close(report[1]);
	if (nr < 0 && errno == EPERM && !tap_on_reaper()) {
		tap_skip("clone(CLONE_NEWPID) needs root");
		close(report[0]);
		return 0;
	}
	tap_track(nr);
	if (!EXPECT_TRUE(nr > 0) || !EXPECT_EQ(read(report[0], &c, 1), 1))
		nr = 0;
	close(report[0]);
	return (pid_t)nr;
}

/* our_levels() - how many numbers we have in the proc nstree will read: the host's /proc
 * (count NSpid of /proc/self) or, when nothing is mounted there, nstree's own mount (1). */
static int our_levels(void)
{
	static char text[8192];
	const char *nspid;
	int n = 0;

	if (tap_read_file("/proc/self/status", text, sizeof(text)) < 0)
		return 1;
	nspid = tap_field(text, "NSpid");
	for (const char *p = nspid; p && *p && *p != '\n'; p += strspn(p, " \t"))
		for (n++; *p && *p != ' ' && *p != '\t' && *p != '\n'; p++)
			;
	return n ? n : 1;
}

/* ns_inum() - N of /proc/@nr/ns/pid in a proc of our own. Return: N, or 0 (failed). */
static unsigned long ns_inum(pid_t nr)
{
	char dir[64], path[128], link[64];
	unsigned long inum = 0;
	ssize_t n;

	if (!tap_mount_proc(dir, sizeof(dir), "nstree_test"))
		return 0;
	snprintf(path, sizeof(path), "%s/%d/ns/pid", dir, nr);
	n = readlink(path, link, sizeof(link) - 1);
	if (EXPECT_TRUE(n > 0)) {
		link[n] = '\0';
		EXPECT_EQ(sscanf(link, "pid:[%lu]", &inum), 1);
	}
	tap_unmount_proc(dir);
	return inum;
}

/* count_numbers() - how many '/'-separated numbers @s holds; *@last gets the last one. */
static int count_numbers(const char *s, long *last)
{
	int n = 0;

	for (char *end; *s; s = *end == '/' ? end + 1 : end) {
		*last = strtol(s, &end, 10);
		if (end == s)
			return -1;
		n++;
	}
	return n;
}

/* expect_member() - line @i is the process numbered @inner inside, @levels numbers in all. */
static void expect_member(int i, int levels, long inner, char state, const char *comm)
{
	struct tree_line l;
	long last = 0;

	if (!EXPECT_TRUE(i < nr_lines && parse_line(lines[i], &l)))
		return;
	EXPECT_EQ(count_numbers(l.numbers, &last), levels);
	EXPECT_EQ(last, inner);
	EXPECT_TRUE(l.state == state || (state == 'S' && l.state == 'R'));
	EXPECT_STREQ(l.comm, comm);
}

/* ---- the cases ---- */

/* subtree_numbers_state_marks - `nstree -p INIT`: three lines; every number from the proc's
 * namespace down; the namespace mark on init's line only; the zombie <defunct>. */
static void subtree_numbers_state_marks(void)
{
	int levels = our_levels();
	unsigned long inum;
	char want[128], nr_arg[16];
	pid_t init;
	struct tree_line l;

	tap_case_begin(CASE_TIMEOUT);
	init = build_tree();
	inum = init ? ns_inum(init) : 0;
	snprintf(nr_arg, sizeof(nr_arg), "%d", init);
	if (inum && EXPECT_EQ(run_nstree("-p", nr_arg, NULL), 0) && EXPECT_EQ(nr_lines, 3)) {
		expect_member(0, levels + 1, 1, 'S', "nsinit");
		expect_member(1, levels + 1, 2, 'S', "member");
		expect_member(2, levels + 1, 3, 'Z', "zombie");
		snprintf(want, sizeof(want), "  ── [pid ns %lu, level %d]", inum, levels);
		if (EXPECT_TRUE(parse_line(lines[0], &l)))
			EXPECT_STREQ(l.rest, want);
		EXPECT_TRUE(strncmp(lines[1], "├─ ", strlen("├─ ")) == 0);
		EXPECT_TRUE(strncmp(lines[2], "└─ ", strlen("└─ ")) == 0);
		if (EXPECT_TRUE(parse_line(lines[1], &l)))
			EXPECT_STREQ(l.rest, "");
		if (EXPECT_TRUE(parse_line(lines[2], &l)))
			EXPECT_STREQ(l.rest, " <defunct>");
	}
	show_output(); /* three lines: the log shows a student what nstree prints */
	tap_case_end();
}

/* numbers_only_in_our_view - `nstree -n -p INIT`: one number per process, the one we use:
 * init is the number fork gave us; the member and the zombie exist under theirs. */
static void numbers_only_in_our_view(void)
{
	struct tree_line l;
	char nr_arg[16];
	pid_t init;
	long last = 0;

	tap_case_begin(CASE_TIMEOUT);
	init = build_tree();
	snprintf(nr_arg, sizeof(nr_arg), "%d", init);
	if (init && EXPECT_EQ(run_nstree("-n", "-p", nr_arg), 0) && EXPECT_EQ(nr_lines, 3)) {
		for (int i = 0; i < nr_lines; i++) {
			if (!EXPECT_TRUE(parse_line(lines[i], &l)))
				continue;
			EXPECT_EQ(count_numbers(l.numbers, &last), 1);
			EXPECT_OK(kill((pid_t)last, 0)); /* a zombie too: it exists */
			if (i == 0)
				EXPECT_EQ(last, init);
		}
		if (EXPECT_TRUE(parse_line(lines[2], &l)))
			EXPECT_TRUE(l.state == 'Z');
	}
	tap_case_end();
}

/* ends_with() - do the numbers @numbers end with the numbers @tail ("41/1" ends "7/41/1")? */
static bool ends_with(const char *numbers, const char *tail)
{
	size_t n = strlen(numbers), t = strlen(tail);

	return n >= t && strcmp(numbers + n - t, tail) == 0 &&
	       (n == t || numbers[n - t - 1] == '/');
}

/* find_line() - the first line whose numbers end with @tail and whose name is @comm.
 * Return: its index (*@l: the line), or -1. */
static int find_line(const char *tail, const char *comm, struct tree_line *l)
{
	for (int i = 0; i < nr_lines; i++)
		if (parse_line(lines[i], l) && strcmp(l->comm, comm) == 0 &&
		    ends_with(l->numbers, tail))
			return i;
	return -1;
}

/* whole_tree_nests_namespace - plain `nstree`: init's line is our child's (one step of
 * drawing further in than ours, below it, with nothing between as far out as we are) and
 * marks its namespace. */
static void whole_tree_nests_namespace(void)
{
	struct tree_line mine, l;
	char ours[16], theirs[32];
	int me, child;
	pid_t init;

	tap_case_begin(CASE_TIMEOUT);
	init = build_tree();
	snprintf(ours, sizeof(ours), "%d", getpid());
	snprintf(theirs, sizeof(theirs), "%d/1", init);
	if (init && EXPECT_EQ(run_nstree(NULL, NULL, NULL), 0)) {
		me = find_line(ours, "nstree_test", &mine);
		child = find_line(theirs, "nsinit", &l);
		if (EXPECT_TRUE(me >= 0) && EXPECT_TRUE(child > me)) {
			EXPECT_EQ(l.column, mine.column + 3);
			EXPECT_TRUE(strstr(l.rest, "── [pid ns ") != NULL);
			for (int i = me + 1; i < child; i++)
				EXPECT_TRUE(parse_line(lines[i], &l) && l.column > mine.column);
		}
		if (me < 0 || child <= me)
			tap_note("looked for %s nstree_test, then %s nsinit", ours, theirs);
		if (me < 0 || child <= me || nr_lines <= 12)
			show_output(); /* under reaper a short tree: worth showing */
	}
	tap_case_end();
}

/* no_such_pid_fails - `nstree -p N` for a number nobody has: exit status 1, a message. */
static void no_such_pid_fails(void)
{
	tap_case_begin(CASE_TIMEOUT);
	if (EXPECT_EQ(run_nstree("-p", "99999999", NULL), 1) && EXPECT_EQ(nr_lines, 1))
		EXPECT_STREQ(lines[0], "nstree: no process 99999999");
	tap_case_end();
}

/* proc_left_as_found - nstree mounts a proc at /proc only when /proc/self is missing, and
 * unmounts it: afterwards /proc/self exists exactly when it did before. */
static void proc_left_as_found(void)
{
	bool before = access("/proc/self", F_OK) == 0;

	tap_case_begin(CASE_TIMEOUT);
	if (EXPECT_EQ(run_nstree("-p", "1", NULL) >= 0, 1))
		EXPECT_EQ(access("/proc/self", F_OK) == 0, before);
	tap_case_end();
}

static const struct tap_case cases[] = {
	TAP_CASE(subtree_numbers_state_marks), TAP_CASE(numbers_only_in_our_view),
	TAP_CASE(whole_tree_nests_namespace),  TAP_CASE(no_such_pid_fails),
	TAP_CASE(proc_left_as_found),
};

int main(int argc, char **argv)
{
	prctl(PR_SET_CHILD_SUBREAPER, 1); /* orphans of a case come to tap_case_end() */
	find_nstree(argv[0]);
	return TAP_MAIN("nstree", cases, argc, argv);
}
