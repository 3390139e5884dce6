/* nstree.c - nstree(1): processes as a tree, with their pid at every pid-namespace level.
 * nstree [-n] [-p PID]
 *
 * A process in a nested pid namespace has one number per level, from the root's down to its
 * own: the init of a namespace one level down is, say, 57 outside and 1 inside. `ps` shows one
 * of them; nstree shows all, as the kernel keeps them (struct pid's numbers[], kernel/pid.c):
 *
 *	1 S init  ── [pid ns 4026531836, level 0]
 *	└─ 57 S sh
 *	   └─ 60/1 S nsinit  ── [pid ns 4026531837, level 1]
 *	      ├─ 61/2 S member
 *	      └─ 62/3 Z zombie <defunct>
 *
 * Each line: the numbers, outermost first, joined by '/'; the state letter of
 * /proc/<pid>/status (R running, S sleeping, T stopped, t tracing stop, Z zombie); the name.
 * A process whose namespace (the readlink of /proc/<pid>/ns/pid, "pid:[N]") differs from its
 * parent's starts a new namespace: the line ends with "── [pid ns N, level L]", as does the
 * first line of every tree. Levels and the outermost number are counted from the namespace
 * /proc was mounted for (a proc mount shows its mounter's namespace: docs/proc.md).
 * The tree is the PPid one: the REAL parent (a tracer does not move a process), as the kernel
 * reparents orphans to their namespace's init (kernel/exit.c, find_new_reaper_locked).
 *
 *   -p PID  only the subtree of process PID (a number as we see it, as kill(1) takes it);
 *   -n      only the numbers in our own namespace (what getpid() says there); "-" for a
 *           process we cannot see from our namespace.
 *
 * Everything comes from /proc: NSpid, PPid, State and Name of /proc/<pid>/status and the
 * ns/pid link. If /proc/self does not exist (nothing mounted there, as when a test suite is
 * reaper's init), nstree mounts a proc at /proc for its own namespace and unmounts it at the
 * end. A process may exit while we read: it is left out. Exit status: 0, or 1 (no /proc, no
 * such PID, bad options).
 * See also: docs/pidns.md, kernel/fs/proc/array.c (NSpid), kernel/fs/proc/base.c (ns/pid),
 * user/tests/nstree_test.c. Linux: pstree(1) -p, ps(1), proc(5) "NSpid". */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_TASKS  8192 /* processes read; more are left out with a warning */
#define MAX_LEVELS 33	/* the root and 32 nested namespaces (Linux's MAX_PID_NS_LEVEL) */
#define STATUS_MAX 8192 /* bytes of /proc/<pid>/status we read */
#define PREFIX_MAX 4096 /* bytes of tree drawing before a line */

/* One process, as /proc shows it. */
struct task {
	pid_t nspid[MAX_LEVELS]; /* NSpid: from the proc mount's namespace down to its own */
	int nlevels;		 /* how many; nlevels - 1 is its level below the mount's */
	pid_t ppid;		 /* PPid, in the mount's namespace; 0: none visible there */
	char state;		 /* the letter of State: */
	char comm[64];		 /* Name: */
	unsigned long ns;	 /* N of its ns/pid link "pid:[N]"; 0 if unreadable */
	int parent, child, next; /* indices into tasks[]: the tree; -1 none */
	int last_child;		 /* where the next child is appended (children stay sorted) */
};

static struct task tasks[MAX_TASKS];
static int nr_tasks;
static struct task reader; /* ourselves, /proc/self */
static bool numbers_only;  /* -n */
static bool mounted_proc;  /* we mounted /proc and must unmount it */

/* ---- /proc: mounting, reading one process ---- */

/* proc_up() - make sure /proc shows us. Return: 0, or -1 (message printed). */
static int proc_up(void)
{
	if (access("/proc/self", F_OK) == 0)
		return 0;
	if (mkdir("/proc", 0555) != 0 && errno != EEXIST) {
		perror("nstree: mkdir /proc");
		return -1;
	}
	if (mount("proc", "/proc", "proc", 0, NULL) != 0) {
		perror("nstree: mount proc on /proc");
		return -1;
	}
	mounted_proc = true;
	return 0;
}

/* proc_down() - undo proc_up(). */
static void proc_down(void)
{
	if (mounted_proc && umount("/proc") != 0)
		perror("nstree: umount /proc");
}

/* read_text() - the file @path into @buf, NUL-terminated. Return: its length or -1. */
static long read_text(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, size - 1, f);
	fclose(f);
	buf[n] = '\0';
	return (long)n;
}

/* field() - the text after "@name:" and blanks at the start of a line of @text, or NULL. */
static const char *field(const char *text, const char *name)
{
	size_t len = strlen(name);

	for (const char *line = text; line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (strncmp(line, name, len) == 0 && line[len] == ':')
			return line + len + 1 + strspn(line + len + 1, " \t");
	}
	return NULL;
}

/* parse_nspid() - the numbers of an "NSpid:" value into @t. */
static void parse_nspid(struct task *t, const char *value)
{
	char *end;

	t->nlevels = 0;
	while (t->nlevels < MAX_LEVELS) {
		long nr = strtol(value, &end, 10);

		if (end == value)
			break;
		t->nspid[t->nlevels++] = (pid_t)nr;
		value = end;
	}
}

/* parse_status() - the fields of /proc/<pid>/status we show. Return: false if one is missing
 * (Pid: stands in for NSpid: on a kernel older than Linux 4.1). */
static bool parse_status(struct task *t, const char *text)
{
	const char *name = field(text, "Name"), *state = field(text, "State");
	const char *ppid = field(text, "PPid"), *nspid = field(text, "NSpid");

	if (!nspid)
		nspid = field(text, "Pid");
	if (!name || !state || !ppid || !nspid)
		return false;
	snprintf(t->comm, sizeof(t->comm), "%.*s", (int)strcspn(name, "\n"), name);
	t->state = *state;
	t->ppid = (pid_t)atoi(ppid);
	parse_nspid(t, nspid);
	return t->nlevels > 0;
}

/* read_ns() - N of the link /proc/@dir/ns/pid, "pid:[N]"; 0 if it cannot be read. */
static unsigned long read_ns(const char *dir)
{
	char path[64], link[64];
	unsigned long ns = 0;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%s/ns/pid", dir);
	n = readlink(path, link, sizeof(link) - 1);
	if (n <= 0)
		return 0;
	link[n] = '\0';
	return sscanf(link, "pid:[%lu]", &ns) == 1 ? ns : 0;
}

/* read_task() - process @dir ("57" or "self") into @t. Return: false if it is gone. */
static bool read_task(const char *dir, struct task *t)
{
	static char text[STATUS_MAX];
	char path[64];

	snprintf(path, sizeof(path), "/proc/%s/status", dir);
	memset(t, 0, sizeof(*t));
	if (read_text(path, text, sizeof(text)) < 0 || !parse_status(t, text))
		return false;
	t->ns = read_ns(dir);
	t->parent = t->child = t->next = t->last_child = -1;
	return true;
}

/* is_number() - is @s a process directory's name? */
static bool is_number(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* read_all() - every process /proc lists. Return: 0, or -1 (message printed). */
static int read_all(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;

	if (!d) {
		perror("nstree: /proc");
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (!is_number(e->d_name))
			continue;
		if (nr_tasks == MAX_TASKS) {
			fprintf(stderr, "nstree: more than %d processes, the rest left out\n",
				MAX_TASKS);
			break;
		}
		if (read_task(e->d_name, &tasks[nr_tasks]))
			nr_tasks++;
	}
	closedir(d);
	return 0;
}

/* ---- the tree ---- */

static int by_outer_nr(const void *a, const void *b)
{
	const struct task *x = a, *y = b;

	return (x->nspid[0] > y->nspid[0]) - (x->nspid[0] < y->nspid[0]);
}

/* find_outer() - the index of the process numbered @nr in the mount's namespace, or -1
 * (tasks[] is sorted by that number). */
static int find_outer(pid_t nr)
{
	struct task key = { .nspid = { nr } };
	struct task *t;

	if (nr <= 0)
		return -1;
	t = bsearch(&key, tasks, (size_t)nr_tasks, sizeof(tasks[0]), by_outer_nr);
	return t ? (int)(t - tasks) : -1;
}

/* link_tree() - sort by number, then hang every process under its parent, in order. */
static void link_tree(void)
{
	qsort(tasks, (size_t)nr_tasks, sizeof(tasks[0]), by_outer_nr);
	for (int i = 0; i < nr_tasks; i++) {
		int p = find_outer(tasks[i].ppid);

		if (p < 0 || p == i)
			continue;
		tasks[i].parent = p;
		if (tasks[p].last_child < 0)
			tasks[p].child = i;
		else
			tasks[tasks[p].last_child].next = i;
		tasks[p].last_child = i;
	}
}

/* parent_ns() - the namespace just above @ns, as the tree shows it: a process that starts
 * @ns one level below its parent (a namespace's init, or a member whose parent is outside
 * after unshare) names it. Return: its N, or 0 if nothing shows it. */
static unsigned long parent_ns(unsigned long ns)
{
	for (int i = 0; i < nr_tasks; i++) {
		const struct task *t = &tasks[i], *p;

		if (t->ns != ns || t->parent < 0)
			continue;
		p = &tasks[t->parent];
		if (p->ns && p->ns != ns && p->nlevels + 1 == t->nlevels)
			return p->ns;
	}
	return 0;
}

/* reader_nr() - @t's number in our own namespace, or 0 if we cannot see it from there. Our
 * namespace is level r = reader.nlevels - 1 below the mount's; @t is visible iff its own
 * namespace is ours or below ours, i.e. iff walking up from it to level r reaches ours. */
static pid_t reader_nr(const struct task *t)
{
	int r = reader.nlevels - 1;
	unsigned long ns = t->ns;

	if (t->nlevels <= r)
		return 0;
	if (r == 0)
		return t->nspid[0]; /* the mount's namespace is ours: everything in it */
	for (int level = t->nlevels - 1; level > r && ns; level--)
		ns = parent_ns(ns);
	if (ns && reader.ns && ns != reader.ns)
		return 0;   /* a sibling namespace at our level */
	return t->nspid[r]; /* ours (or, if the tree cannot tell, assumed ours) */
}

/* starts_namespace() - is @t the first of its namespace on its branch of the tree? */
static bool starts_namespace(const struct task *t)
{
	const struct task *p;

	if (t->parent < 0)
		return true;
	p = &tasks[t->parent];
	if (t->ns && p->ns)
		return t->ns != p->ns;
	return t->nlevels != p->nlevels; /* a link we could not read: levels tell */
}

/* print_numbers() - "57/1", or with -n our own view: "1", or "-". */
static void print_numbers(const struct task *t)
{
	if (numbers_only) {
		pid_t nr = reader_nr(t);

		if (nr > 0)
			printf("%d", nr);
		else
			printf("-");
		return;
	}
	for (int i = 0; i < t->nlevels; i++)
		printf(i ? "/%d" : "%d", t->nspid[i]);
}

/* print_line() - one process: numbers, state, name, and the namespace it starts. */
static void print_line(const struct task *t)
{
	print_numbers(t);
	printf(" %c %s", t->state, t->comm);
	if (t->state == 'Z')
		printf(" <defunct>");
	if (starts_namespace(t)) {
		if (t->ns)
			printf("  ── [pid ns %lu, level %d]", t->ns, t->nlevels - 1);
		else
			printf("  ── [pid ns ?, level %d]", t->nlevels - 1);
	}
	printf("\n");
}

/* print_tree() - @i and everything below it. @prefix: the drawing of the levels above,
 * which the children extend by "│  " (more siblings follow us) or "   " (we are the last). */
static void print_tree(int i, char *prefix, size_t len, bool root)
{
	const struct task *t = &tasks[i];
	const char *branch = t->next >= 0 ? "├─ " : "└─ ";
	const char *below = t->next >= 0 ? "│  " : "   ";
	size_t mine = len;

	printf("%s%s", prefix, root ? "" : branch);
	print_line(t);
	if (!root && mine + strlen(below) < PREFIX_MAX) {
		strcpy(prefix + mine, below);
		mine += strlen(below);
	}
	for (int c = t->child; c >= 0; c = tasks[c].next)
		print_tree(c, prefix, mine, false);
	prefix[len] = '\0'; /* as our caller left it */
}

/* print_subtree() - the tree of the process we number @nr (-p). Return: 0, or 1. */
static int print_subtree(pid_t nr)
{
	static char prefix[PREFIX_MAX];

	for (int i = 0; i < nr_tasks; i++) {
		if (reader_nr(&tasks[i]) == nr) {
			print_tree(i, prefix, 0, true);
			return 0;
		}
	}
	fprintf(stderr, "nstree: no process %d\n", nr);
	return 1;
}

/* print_forest() - every tree: each process without a parent in /proc starts one. */
static void print_forest(void)
{
	static char prefix[PREFIX_MAX];

	for (int i = 0; i < nr_tasks; i++)
		if (tasks[i].parent < 0)
			print_tree(i, prefix, 0, true);
}

static int usage(void)
{
	fprintf(stderr, "usage: nstree [-n] [-p PID]\n"
			"  each line: pids outermost first (57/1), state, name;\n"
			"  \"── [pid ns N, level L]\" where a namespace starts\n"
			"  -p PID  only PID's subtree\n"
			"  -n      only the pids as our own namespace numbers them\n");
	return 1;
}

int main(int argc, char **argv)
{
	pid_t only = 0;
	int opt, status = 0;

	while ((opt = getopt(argc, argv, "np:h")) != -1) {
		if (opt == 'n')
			numbers_only = true;
		else if (opt == 'p' && (only = (pid_t)atoi(optarg)) > 0)
			continue;
		else
			return usage();
	}
	if (optind != argc || proc_up() != 0)
		return optind != argc ? usage() : 1;
	if (!read_task("self", &reader) || read_all() != 0) {
		fprintf(stderr, "nstree: cannot read /proc\n");
		proc_down();
		return 1;
	}
	proc_down();
	link_tree();
	if (only)
		status = print_subtree(only);
	else
		print_forest();
	fflush(stdout);
	return status;
}
