// sources: kernel/fs/proc/array.c kernel/lib/vsprintf.c
/* test_proc_array.c - host unit tests of the per-task /proc files' text (kernel/fs/proc/array.c):
 * status, stat, statm, cmdline, environ, comm and maps, checked against the formats Linux 6.x
 * prints (the reference's section 3.4 and `cat /proc/self/status` on a Linux host).
 *
 * The show functions run unchanged over a small hand-built world: a process "sleeper" with two
 * threads, living three pid namespaces deep (numbers 42, 5, 1), whose parent is the init of
 * the middle namespace and whose session is led from the root one; an address space with a
 * program file, bss, heap, a shared mapping and the stack; a few signals. What the kernel
 * would supply is faked: pid_nr_ns (the same rule as kernel/pid.c), d_path (a fixed name),
 * mm_access_remote (a two-page "user memory" whose second page can be unmapped), spinlocks
 * (which count, so every case checks the show released what it took, and which let a case
 * check the tasklist_lock assertion), and proc_printf (root.c's, over the kernel's vsnprintf,
 * so a format our vsnprintf does not know fails here). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "../../kernel/fs/proc/internal.h"
#include "arch.h"
#include "dcache.h"
#include "fdtable.h"
#include "file.h"
#include "fs_struct.h"
#include "mm_space.h"
#include "pid.h"
#include "pid_namespace.h"
#include "process.h"
#include "sched.h"
#include "signal.h"
#include "spinlock.h"
#include "vfs.h"
#include "vsprintf.h"
#include "uapi/errno.h"
#include "uapi/mman.h"
#include "uapi/resource.h"

/* ---- fakes of what array.c calls ---- */

struct spinlock tasklist_lock = SPINLOCK_INIT("tasklist", LOCK_TASKLIST);
struct fs_struct init_fs;
static int locks_taken;	/* by the code under test, not yet released */

void spin_lock(struct spinlock *lock)
{
	assert_false(lock->locked);
	lock->locked = 1;
	locks_taken++;
}

void spin_unlock(struct spinlock *lock)
{
	assert_true(lock->locked);
	lock->locked = 0;
	locks_taken--;
}

bool spin_is_held(const struct spinlock *lock)
{
	return lock->locked;
}

void panic(const char *fmt, ...)
{
	mock_assert(0, fmt, __FILE__, __LINE__);
	abort();
}

pid_t pid_nr_ns(const struct pid *pid, const struct pid_namespace *ns)
{
	if (!pid || !ns || ns->level > pid->level || pid->numbers[ns->level].ns != ns)
		return 0;
	return pid->numbers[ns->level].nr;
}

unsigned int fs_umask(struct fs_struct *fs)
{
	return fs->umask;
}

static struct dentry exe_dentry;

int d_path(const struct path *path, const struct path *root, char *buf, size_t size)
{
	const char *name = path->dentry == &exe_dentry ? "/bin/sleeper" : "/other";
	size_t n = strlen(name) + 1;

	assert_ptr_equal(root, &init_fs.root);
	if (n > size)
		return -ERANGE;
	memcpy(buf, name, n);
	return (int)n;
}

/* The page tables, as array.c's RssFile count sees them: the text's first page maps the
 * file's own frame, every other page of a file area is unmapped or an anonymous copy. */
#define FILE_FRAME 0x123000UL

paddr_t pgtable_user_frame(paddr_t root, uaddr_t va, unsigned int *prot)
{
	(void)root;
	(void)prot;
	if (va == 0x400000)
		return FILE_FRAME;
	return va == 0x402000 ? 0x456000UL : 0;	/* the data page: a private copy */
}

bool page_is_file(paddr_t pa)
{
	return pa == FILE_FRAME;
}

#define UMEM_BASE 0x7fffffffd000UL
static char umem[2 * PAGE_SIZE];	/* user memory [UMEM_BASE, UMEM_BASE + 2 pages) */
static bool umem_second_page_gone;	/* "munmap" of the second page */

int mm_access_remote(struct mm *mm, uaddr_t addr, void *buf, size_t n, bool write)
{
	uaddr_t end = umem_second_page_gone ? UMEM_BASE + PAGE_SIZE : UMEM_BASE + sizeof(umem);

	assert_non_null(mm);
	assert_false(write);
	if (addr < UMEM_BASE || addr + n > end)
		return -EFAULT;
	memcpy(buf, umem + (addr - UMEM_BASE), n);
	return 0;
}

/* root.c's proc_printf and proc_buf_overflowed, over the kernel's vsnprintf. */
void proc_printf(struct proc_buf *pb, const char *fmt, ...)
{
	size_t room = pb->size - pb->len;
	va_list ap;
	int n;

	if (room == 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(pb->data + pb->len, room, fmt, ap);
	va_end(ap);
	pb->len = (size_t)n < room ? pb->len + (size_t)n : pb->size;
}

bool proc_buf_overflowed(const struct proc_buf *pb)
{
	return pb->len == pb->size;
}

/* ---- the world ---- */

static struct pid_namespace ns0, ns1, ns2;	/* root, its child, its grandchild */
static struct pid proc_pid, t2_pid, parent_pid, session_pid, tracer_pid;
static struct process proc, parent;
static struct thread leader, t2, tracer;
static struct sighand sh;
static struct mm mm;
static struct files_struct files;
static struct fs_struct fs;
static struct super_block sb;
static struct inode exe_inode;
static struct file exe_file;
static struct vm_area areas[6];

/* set_pid() - @pid with numbers @nrs[0..@level] in ns0, ns1, ns2. */
static void set_pid(struct pid *pid, int level, const pid_t *nrs)
{
	struct pid_namespace *nss[] = { &ns0, &ns1, &ns2 };

	memset(pid, 0, sizeof(*pid));
	pid->level = level;
	for (int i = 0; i <= level; i++) {
		pid->numbers[i].nr = nrs[i];
		pid->numbers[i].ns = nss[i];
	}
}

static void add_area(int i, uaddr_t start, uaddr_t end, unsigned int prot, unsigned int flags,
		     const char *name)
{
	struct vm_area *a = &areas[i];

	*a = (struct vm_area){ .start = start, .end = end, .prot = prot, .flags = flags,
			       .name = name };
	list_add_tail(&a->link, &mm.areas);
}

static void build_mm(void)
{
	memset(&mm, 0, sizeof(mm));
	list_init(&mm.areas);
	add_area(0, 0x400000, 0x402000, PROT_READ | PROT_EXEC, VMA_PRIVATE, "text");
	areas[0].file = &exe_file;
	add_area(1, 0x402000, 0x403000, PROT_READ | PROT_WRITE, VMA_PRIVATE, "data");
	areas[1].file = &exe_file;
	areas[1].file_offset = 0x2000;
	add_area(2, 0x403000, 0x404000, PROT_READ | PROT_WRITE, VMA_PRIVATE | VMA_ANON, "bss");
	add_area(3, 0x404000, 0x406000, PROT_READ | PROT_WRITE, VMA_PRIVATE | VMA_ANON, "[heap]");
	add_area(4, 0x7ffff7ff0000, 0x7ffff7ff1000, PROT_READ | PROT_WRITE, VMA_SHARED | VMA_ANON,
		 "anon");
	add_area(5, 0x7ffffffde000, 0x7ffffffff000, PROT_READ | PROT_WRITE,
		 VMA_PRIVATE | VMA_ANON | VMA_GROWSDOWN, "[stack]");
	mm.nr_pages = 6;
	mm.brk_start = 0x404000;
	mm.start_stack = UMEM_BASE - 0x100;
	mm.arg_start = UMEM_BASE;		/* "sleeper\0" "10\0" */
	mm.arg_end = UMEM_BASE + 11;
	mm.env_start = UMEM_BASE + 11;		/* "HOME=/\0" "X=1\0" */
	mm.env_end = UMEM_BASE + 22;
	memset(umem, 0, sizeof(umem));
	memcpy(umem, "sleeper\0" "10\0" "HOME=/\0" "X=1\0", 22);
	umem_second_page_gone = false;
}

static void build_threads(void)
{
	memset(&leader, 0, sizeof(leader));
	leader.proc = &proc;
	leader.pid = &proc_pid;
	leader.state = THREAD_SLEEPING;
	memset(&t2, 0, sizeof(t2));
	t2.proc = &proc;
	t2.pid = &t2_pid;
	t2.state = THREAD_RUNNABLE;
	memset(&tracer, 0, sizeof(tracer));
	tracer.pid = &tracer_pid;
}

static void build_process(void)
{
	memset(&proc, 0, sizeof(proc));
	strcpy(proc.comm, "sleeper");
	proc.pid = &proc_pid;
	proc.real_parent = &parent;
	proc.parent = &parent;
	proc.leader = &leader;
	proc.nr_threads = 2;
	proc.pgrp = &parent_pid;		/* in its parent's group */
	proc.session = &session_pid;
	proc.exit_signal = SIGCHLD;
	proc.mm = &mm;
	proc.files = &files;
	proc.fs = &fs;
	proc.sighand = &sh;
	proc.rlim[RLIMIT_SIGPENDING].rlim_cur = 7823;
	proc.rlim[RLIMIT_RSS].rlim_cur = RLIM_INFINITY;
	memset(&parent, 0, sizeof(parent));
	parent.pid = &parent_pid;
}

static int setup(void **state)
{
	(void)state;
	ns0 = (struct pid_namespace){ .level = 0 };
	ns1 = (struct pid_namespace){ .level = 1, .parent = &ns0 };
	ns2 = (struct pid_namespace){ .level = 2, .parent = &ns1 };
	set_pid(&proc_pid, 2, (pid_t[]){ 42, 5, 1 });
	set_pid(&t2_pid, 2, (pid_t[]){ 43, 6, 2 });
	set_pid(&parent_pid, 1, (pid_t[]){ 7, 1 });
	set_pid(&session_pid, 0, (pid_t[]){ 3 });
	set_pid(&tracer_pid, 0, (pid_t[]){ 50 });
	memset(&sh, 0, sizeof(sh));
	files = (struct files_struct){ .max_fds = 64 };
	fs = (struct fs_struct){ .umask = 022 };
	sb = (struct super_block){ .s_dev = MKDEV(0, 3) };
	exe_inode = (struct inode){ .i_ino = 7, .i_sb = &sb };
	exe_file = (struct file){ .f_dentry = &exe_dentry, .f_inode = &exe_inode };
	build_mm();
	build_threads();
	build_process();
	tasklist_lock.locked = 1;	/* the caller's (base.c) */
	locks_taken = 0;
	return 0;
}

/* ---- helpers ---- */

static struct proc_task task_in(struct pid_namespace *ns)
{
	return (struct proc_task){ .p = &proc, .t = &leader, .ns = ns };
}

static char text[1 << 16];
static size_t text_len;

/* show() - run @fn into a big buffer; it must succeed, fit and release its locks. */
static const char *show(int (*fn)(struct proc_buf *, const struct proc_task *),
			const struct proc_task *task)
{
	struct proc_buf pb = { .data = text, .size = sizeof(text) - 1 };

	assert_int_equal(fn(&pb, task), 0);
	assert_false(proc_buf_overflowed(&pb));
	assert_int_equal(locks_taken, 0);
	text[pb.len] = '\0';
	text_len = pb.len;
	return text;
}

/* field() - the value of status line "@name:\t<value>" (fails if absent). */
static const char *field(const char *status, const char *name)
{
	static char value[256];
	size_t n = strlen(name);

	for (const char *l = status; *l; l = strchr(l, '\n') + 1) {
		if (strncmp(l, name, n) == 0 && l[n] == ':' && l[n + 1] == '\t') {
			const char *v = l + n + 2;
			size_t len = strcspn(v, "\n");

			memcpy(value, v, len);
			value[len] = '\0';
			return value;
		}
	}
	fail_msg("no line %s in:\n%s", name, status);
	return NULL;
}

static bool has_line(const char *status, const char *name)
{
	size_t n = strlen(name);

	for (const char *l = status; *l; l = strchr(l, '\n') + 1)
		if (strncmp(l, name, n) == 0 && l[n] == ':')
			return true;
	return false;
}

#define STAT_FIELDS 52
static char stat_copy[4096];
static const char *stat_field[STAT_FIELDS + 2];

/* split_stat() - the fields of a stat line: [1] pid, [2] comm (without its parentheses),
 * [3..] what follows the LAST ')', as a careful reader (procps) splits it. Returns how many
 * fields there are; the line must be one line, single spaces, ending in '\n'. */
static int split_stat(const char *line)
{
	char *close, *p;
	int n = 2;

	strcpy(stat_copy, line);
	assert_ptr_equal(strchr(stat_copy, '\n'), stat_copy + strlen(stat_copy) - 1);
	stat_copy[strlen(stat_copy) - 1] = '\0';
	close = strrchr(stat_copy, ')');
	assert_non_null(close);
	*close = '\0';
	p = strstr(stat_copy, " (");
	*p = '\0';
	stat_field[1] = stat_copy;
	stat_field[2] = p + 2;
	assert_int_equal(close[1], ' ');
	for (p = close + 2; p && n <= STAT_FIELDS; n++) {
		stat_field[n + 1] = p;
		p = strchr(p, ' ');
		if (p)
			*p++ = '\0';
	}
	assert_null(p);	/* no 53rd field */
	return n;
}

/* ---- status ---- */

/* Every line Linux 6.18 prints for a live process (x86-64, no shadow stack), in its order. */
static void status_has_linux_lines_in_order(void **state)
{
	static const char *const names[] = {
		"Name", "Umask", "State", "Tgid", "Ngid", "Pid", "PPid", "TracerPid", "Uid",
		"Gid", "FDSize", "Groups", "NStgid", "NSpid", "NSpgid", "NSsid", "Kthread",
		"VmPeak", "VmSize", "VmLck", "VmPin", "VmHWM", "VmRSS", "RssAnon", "RssFile",
		"RssShmem", "VmData", "VmStk", "VmExe", "VmLib", "VmPTE", "VmSwap",
		"HugetlbPages", "CoreDumping", "THP_enabled", "untag_mask", "Threads", "SigQ",
		"SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt", "CapInh", "CapPrm", "CapEff",
		"CapBnd", "CapAmb", "NoNewPrivs", "Seccomp", "Seccomp_filters",
		"Speculation_Store_Bypass", "SpeculationIndirectBranch", "Cpus_allowed",
		"Cpus_allowed_list", "Mems_allowed", "Mems_allowed_list",
		"voluntary_ctxt_switches", "nonvoluntary_ctxt_switches",
	};
	struct proc_task task = task_in(&ns0);
	const char *l = show(proc_pid_status_show, &task);
	size_t i = 0;

	(void)state;
	for (; *l; l = strchr(l, '\n') + 1, i++) {
		size_t n = strcspn(l, ":");

		assert_true(i < sizeof(names) / sizeof(names[0]));
		if (n != strlen(names[i]) || strncmp(l, names[i], n) != 0)
			fail_msg("line %zu is \"%.*s\", Linux has %s", i, (int)n, l, names[i]);
		assert_int_equal(l[n + 1], '\t');
	}
	assert_int_equal(i, sizeof(names) / sizeof(names[0]));
	assert_int_equal(text[text_len - 1], '\n');
}

static void status_values_of_a_live_process(void **state)
{
	struct proc_task task = task_in(&ns0);
	const char *s = show(proc_pid_status_show, &task);

	(void)state;
	assert_string_equal(field(s, "Name"), "sleeper");
	assert_string_equal(field(s, "Umask"), "0022");
	assert_string_equal(field(s, "State"), "S (sleeping)");
	assert_string_equal(field(s, "Tgid"), "42");
	assert_string_equal(field(s, "Ngid"), "0");
	assert_string_equal(field(s, "Pid"), "42");
	assert_string_equal(field(s, "PPid"), "7");
	assert_string_equal(field(s, "TracerPid"), "0");
	assert_string_equal(field(s, "Uid"), "0\t0\t0\t0");
	assert_string_equal(field(s, "Gid"), "0\t0\t0\t0");
	assert_string_equal(field(s, "FDSize"), "64");
	assert_string_equal(field(s, "Groups"), " ");
	assert_string_equal(field(s, "Kthread"), "0");
	assert_string_equal(field(s, "Threads"), "2");
	assert_string_equal(field(s, "SigQ"), "0/7823");
	assert_string_equal(field(s, "CapInh"), "0000000000000000");
	assert_string_equal(field(s, "CapEff"), "000001ffffffffff");
	assert_string_equal(field(s, "CapBnd"), "000001ffffffffff");
	assert_string_equal(field(s, "untag_mask"), "0xffffffffffffffff");
}

/* The memory lines, from the areas: 40 pages in all, 6 resident (one of them the text's page
 * mapping the file's own frame: RssFile), data = data + bss + heap (the shared mapping is not
 * data), 33 pages of stack, 2 of code. */
static void status_memory_lines(void **state)
{
	struct proc_task task = task_in(&ns0);
	const char *s = show(proc_pid_status_show, &task);

	(void)state;
	assert_string_equal(field(s, "VmPeak"), "     160 kB");
	assert_string_equal(field(s, "VmSize"), "     160 kB");
	assert_string_equal(field(s, "VmRSS"), "      24 kB");
	assert_string_equal(field(s, "RssAnon"), "      20 kB");
	assert_string_equal(field(s, "RssFile"), "       4 kB");
	assert_string_equal(field(s, "VmData"), "      16 kB");
	assert_string_equal(field(s, "VmStk"), "     132 kB");
	assert_string_equal(field(s, "VmExe"), "       8 kB");
	assert_string_equal(field(s, "VmLib"), "       0 kB");
}

/* Reference rule 6: NStgid/NSpid/NSpgid/NSsid list the levels from the mount's namespace down
 * to the task's own, outermost first; the group (led by the middle namespace's init) and the
 * session (led from the root) read 0 where they have no number. Rule 8: Tgid, Pid, PPid are
 * the mount's view; the parent is invisible from the innermost namespace. */
static void numbers_are_the_mounts_namespaces(void **state)
{
	struct proc_task task = task_in(&ns0);
	const char *s = show(proc_pid_status_show, &task);

	(void)state;
	assert_string_equal(field(s, "NStgid"), "42\t5\t1");
	assert_string_equal(field(s, "NSpid"), "42\t5\t1");
	assert_string_equal(field(s, "NSpgid"), "7\t1\t0");
	assert_string_equal(field(s, "NSsid"), "3\t0\t0");
	task.ns = &ns1;
	s = show(proc_pid_status_show, &task);
	assert_string_equal(field(s, "Tgid"), "5");
	assert_string_equal(field(s, "Pid"), "5");
	assert_string_equal(field(s, "PPid"), "1");
	assert_string_equal(field(s, "NSpid"), "5\t1");
	assert_string_equal(field(s, "NSpgid"), "1\t0");
	assert_string_equal(field(s, "NSsid"), "0\t0");
	task.ns = &ns2;
	s = show(proc_pid_status_show, &task);
	assert_string_equal(field(s, "Tgid"), "1");
	assert_string_equal(field(s, "PPid"), "0");
	assert_string_equal(field(s, "NStgid"), "1");
	assert_string_equal(field(s, "NSpid"), "1");
	assert_string_equal(field(s, "NSpgid"), "0");
	assert_string_equal(field(s, "NSsid"), "0");
}

/* task/<tid>/status is the thread's: its own number and state, the process's tgid. */
static void thread_dir_shows_the_thread(void **state)
{
	struct proc_task task = { .p = &proc, .t = &t2, .is_thread_dir = true, .ns = &ns1 };
	const char *s = show(proc_pid_status_show, &task);

	(void)state;
	assert_string_equal(field(s, "Pid"), "6");
	assert_string_equal(field(s, "Tgid"), "5");
	assert_string_equal(field(s, "NSpid"), "6\t2");
	assert_string_equal(field(s, "NStgid"), "5\t1");
	assert_string_equal(field(s, "State"), "R (running)");
}

static void state_letters_and_words(void **state)
{
	static const struct {
		enum thread_state st;
		const char *word;
	} cases[] = {
		{ THREAD_RUNNABLE, "R (running)" },	{ THREAD_RUNNING, "R (running)" },
		{ THREAD_SLEEPING, "S (sleeping)" },	{ THREAD_STOPPED, "T (stopped)" },
		{ THREAD_TRACED, "t (tracing stop)" }, { THREAD_DEAD, "Z (zombie)" },
	};
	struct proc_task task = task_in(&ns0);

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		leader.state = cases[i].st;
		assert_string_equal(field(show(proc_pid_status_show, &task), "State"),
				    cases[i].word);
		assert_int_equal(split_stat(show(proc_pid_stat_show, &task)), STAT_FIELDS);
		assert_int_equal(stat_field[3][0], cases[i].word[0]);
		assert_int_equal(stat_field[3][1], '\0');
	}
	proc.exit_state = EXIT_DEAD;
	assert_string_equal(field(show(proc_pid_status_show, &task), "State"), "X (dead)");
}

/* A zombie: no fs, no files, no mm, no threads; its handlers remain until the reap. Linux
 * leaves out Umask and the whole memory block, and counts the unreaped leader as a thread. */
static void zombie_process(void **state)
{
	struct proc_task task = { .p = &proc, .t = NULL, .ns = &ns0 };
	const char *s;

	(void)state;
	sh.action[SIGINT - 1].handler = SIG_IGN;
	proc.exit_state = EXIT_ZOMBIE;
	proc.exit_code = 3 << 8;
	proc.leader = NULL;
	proc.nr_threads = 0;
	proc.mm = NULL;
	proc.files = NULL;
	proc.fs = NULL;
	s = show(proc_pid_status_show, &task);
	assert_false(has_line(s, "Umask"));
	assert_false(has_line(s, "VmSize"));
	assert_false(has_line(s, "untag_mask"));
	assert_string_equal(field(s, "State"), "Z (zombie)");
	assert_string_equal(field(s, "Pid"), "42");
	assert_string_equal(field(s, "FDSize"), "0");
	assert_string_equal(field(s, "Threads"), "1");
	assert_string_equal(field(s, "SigIgn"), "0000000000000002");
	assert_string_equal(field(s, "SigBlk"), "0000000000000000");
	assert_int_equal(split_stat(show(proc_pid_stat_show, &task)), STAT_FIELDS);
	assert_string_equal(stat_field[3], "Z");
	assert_string_equal(stat_field[23], "0");	/* vsize */
	assert_string_equal(stat_field[48], "0");	/* arg_start */
	assert_string_equal(stat_field[52], "768");	/* exit_code: the wait status */
	assert_string_equal(show(proc_pid_statm_show, &task), "0 0 0 0 0 0 0\n");
	assert_int_equal(strlen(show(proc_pid_cmdline_show, &task)), 0);
	assert_int_equal(strlen(show(proc_pid_environ_show, &task)), 0);
	assert_int_equal(strlen(show(proc_pid_maps_show, &task)), 0);
}

/* The leader called pthread_exit while another thread runs: as on Linux, /proc/<pid> shows
 * the dead leader (a zombie) and counts it, task/<tid> the live thread. */
static void leader_exited_first(void **state)
{
	struct proc_task task = { .p = &proc, .t = &t2, .ns = &ns0 };
	const char *s;

	(void)state;
	proc.leader = NULL;
	proc.nr_threads = 1;
	s = show(proc_pid_status_show, &task);
	assert_string_equal(field(s, "State"), "Z (zombie)");
	assert_string_equal(field(s, "Pid"), "42");
	assert_string_equal(field(s, "Threads"), "2");
	task.is_thread_dir = true;
	assert_string_equal(field(show(proc_pid_status_show, &task), "State"), "R (running)");
}

/* Sets in 16 hex digits, bit (sig - 1): the thread's own pending set, the process's shared
 * one, the thread's mask, the ignored and the caught signals (SIGRTMAX is bit 63). */
static void signal_sets_in_hex(void **state)
{
	struct proc_task task = task_in(&ns0);
	const char *s;

	(void)state;
	leader.sig.pending.signal = sigmask(SIGUSR1);
	proc.sig.shared_pending.signal = sigmask(SIGTERM);
	proc.sig.nr_queued = 2;
	leader.sig.blocked = sigmask(SIGINT) | sigmask(64);
	sh.action[SIGPIPE - 1].handler = SIG_IGN;
	sh.action[SIGCHLD - 1].handler = 0x401000;
	sh.action[64 - 1].handler = 0x401080;
	s = show(proc_pid_status_show, &task);
	assert_string_equal(field(s, "SigQ"), "2/7823");
	assert_string_equal(field(s, "SigPnd"), "0000000000000200");
	assert_string_equal(field(s, "ShdPnd"), "0000000000004000");
	assert_string_equal(field(s, "SigBlk"), "8000000000000002");
	assert_string_equal(field(s, "SigIgn"), "0000000000001000");
	assert_string_equal(field(s, "SigCgt"), "8000000000010000");
	/* stat's fields 31-34: decimal, 31 bits (Linux's obsolete view). */
	split_stat(show(proc_pid_stat_show, &task));
	assert_string_equal(stat_field[31], "512");
	assert_string_equal(stat_field[32], "2");
	assert_string_equal(stat_field[33], "4096");
	assert_string_equal(stat_field[34], "65536");
}

/* TracerPid: the tracer's number in the mount's namespace, 0 where it has none. */
static void tracer_pid_in_the_mounts_namespace(void **state)
{
	struct proc_task task = task_in(&ns0);
	const char *s;

	(void)state;
	leader.ptrace.tracer = &tracer;
	leader.state = THREAD_TRACED;
	s = show(proc_pid_status_show, &task);
	assert_string_equal(field(s, "TracerPid"), "50");
	assert_string_equal(field(s, "State"), "t (tracing stop)");
	task.ns = &ns1;
	assert_string_equal(field(show(proc_pid_status_show, &task), "TracerPid"), "0");
}

/* A name with a newline stays on its line (Linux escapes it). */
static void status_name_is_escaped(void **state)
{
	struct proc_task task = task_in(&ns0);

	(void)state;
	strcpy(proc.comm, "a\nb\\c");
	assert_string_equal(field(show(proc_pid_status_show, &task), "Name"), "a\\nb\\\\c");
}

/* ---- stat, statm ---- */

/* 52 fields; the comm in parentheses, raw even with ") (" inside; pid, ppid, pgrp and
 * session in the mount's namespace (reference rule 8); the memory fields from the mm. */
static void stat_line_fields(void **state)
{
	struct proc_task task = task_in(&ns0);

	(void)state;
	strcpy(proc.comm, "a) (b");
	assert_int_equal(split_stat(show(proc_pid_stat_show, &task)), STAT_FIELDS);
	assert_true(strncmp(text, "42 (a) (b) S 7 7 3 0 -1 ", 24) == 0);
	assert_string_equal(stat_field[2], "a) (b");
	assert_string_equal(stat_field[18], "20");		  /* priority */
	assert_string_equal(stat_field[20], "2");		  /* num_threads */
	assert_string_equal(stat_field[23], "163840");		  /* vsize, bytes */
	assert_string_equal(stat_field[24], "6");		  /* rss, pages */
	assert_string_equal(stat_field[25], "18446744073709551615"); /* rsslim */
	assert_string_equal(stat_field[26], "4194304");		  /* startcode */
	assert_string_equal(stat_field[27], "4202496");		  /* endcode */
	assert_string_equal(stat_field[28], "140737488342784");	  /* startstack */
	assert_string_equal(stat_field[35], "0");		  /* wchan: 2 threads */
	assert_string_equal(stat_field[38], "17");		  /* exit_signal */
	assert_string_equal(stat_field[45], "4202496");		  /* start_data */
	assert_string_equal(stat_field[46], "4206592");		  /* end_data */
	assert_string_equal(stat_field[47], "4210688");		  /* start_brk */
	assert_string_equal(stat_field[48], "140737488343040");	  /* arg_start */
	assert_string_equal(stat_field[49], "140737488343051");	  /* arg_end */
	assert_string_equal(stat_field[50], "140737488343051");	  /* env_start */
	assert_string_equal(stat_field[51], "140737488343062");	  /* env_end */
	assert_string_equal(stat_field[52], "0");		  /* exit_code */
	task.is_thread_dir = true;	/* one sleeping thread: wchan says it sleeps */
	split_stat(show(proc_pid_stat_show, &task));
	assert_string_equal(stat_field[35], "1");
}

static void stat_numbers_in_inner_namespaces(void **state)
{
	struct proc_task task = task_in(&ns1);

	(void)state;
	split_stat(show(proc_pid_stat_show, &task));
	assert_string_equal(stat_field[1], "5");
	assert_string_equal(stat_field[4], "1");
	assert_string_equal(stat_field[5], "1");
	assert_string_equal(stat_field[6], "0");
	task.ns = &ns2;
	split_stat(show(proc_pid_stat_show, &task));
	assert_string_equal(stat_field[1], "1");
	assert_string_equal(stat_field[4], "0");
	assert_string_equal(stat_field[5], "0");
	assert_string_equal(stat_field[6], "0");
	task = (struct proc_task){ .p = &proc, .t = &t2, .is_thread_dir = true, .ns = &ns2 };
	split_stat(show(proc_pid_stat_show, &task));
	assert_string_equal(stat_field[1], "2");
	assert_string_equal(stat_field[3], "R");
}

/* size resident shared text lib data dt: shared is RssFile; data counts the stack, as
 * Linux's does. */
static void statm_in_pages(void **state)
{
	struct proc_task task = task_in(&ns0);

	(void)state;
	assert_string_equal(show(proc_pid_statm_show, &task), "40 6 1 2 0 37 0\n");
}

/* ---- cmdline, environ, comm ---- */

static void cmdline_and_environ_are_the_tasks_bytes(void **state)
{
	struct proc_task task = task_in(&ns0);

	(void)state;
	show(proc_pid_cmdline_show, &task);
	assert_int_equal(text_len, 11);
	assert_memory_equal(text, "sleeper\0" "10\0", 11);
	show(proc_pid_environ_show, &task);
	assert_int_equal(text_len, 11);
	assert_memory_equal(text, "HOME=/\0" "X=1\0", 11);
}

/* Arguments across a page boundary, the second page unmapped by the program: the bytes up to
 * the hole are shown, the rest not (and no error). */
static void cmdline_stops_at_an_unmapped_page(void **state)
{
	struct proc_task task = task_in(&ns0);

	(void)state;
	mm.arg_start = UMEM_BASE + PAGE_SIZE - 4;
	mm.arg_end = UMEM_BASE + PAGE_SIZE + 4;
	memcpy(umem + PAGE_SIZE - 4, "ab\0cd\0e\0", 8);
	show(proc_pid_cmdline_show, &task);
	assert_int_equal(text_len, 8);
	umem_second_page_gone = true;
	show(proc_pid_cmdline_show, &task);
	assert_int_equal(text_len, 4);
	assert_memory_equal(text, "ab\0c", 4);
}

/* Long arguments need a bigger buffer: the show says so by overflowing, as proc_printf
 * does, and root.c retries; an exact fit counts as full too. */
static void small_buffer_overflows(void **state)
{
	struct proc_task task = task_in(&ns0);
	char small[11];
	struct proc_buf pb = { .data = small, .size = sizeof(small) };

	(void)state;
	assert_int_equal(proc_pid_cmdline_show(&pb, &task), 0);
	assert_true(proc_buf_overflowed(&pb));
	pb = (struct proc_buf){ .data = small, .size = sizeof(small) };
	proc_write_bytes(&pb, "0123456789", 10);
	assert_false(proc_buf_overflowed(&pb));
	assert_int_equal(pb.len, 10);
	proc_write_bytes(&pb, "x", 1);
	assert_true(proc_buf_overflowed(&pb));
	pb = (struct proc_buf){ .data = small, .size = sizeof(small) };
	assert_int_equal(proc_pid_status_show(&pb, &task), 0);
	assert_true(proc_buf_overflowed(&pb));
	assert_int_equal(locks_taken, 0);
}

static void comm_is_the_name_and_a_newline(void **state)
{
	struct proc_task task = task_in(&ns0);

	(void)state;
	assert_string_equal(show(proc_pid_comm_show, &task), "sleeper\n");
}

/* ---- maps ---- */

/* add_map_line() - append to @out a maps line: @fields, then @name (if any) starting at
 * column 73, where Linux puts it (measured on a Linux 6.18 host's /proc/self/maps). */
static void add_map_line(char *out, const char *fields, const char *name)
{
	char *line = out + strlen(out);

	strcpy(line, fields);
	if (name) {
		memset(line + strlen(fields), ' ', 73 - strlen(fields));
		strcpy(line + 73, name);
	}
	strcat(line, "\n");
}

/* Linux's columns; an unnamed area's line ends in a space; only bracketed area names are
 * shown ([heap], [stack]), never mm_dump's "bss" or "anon". */
static void maps_lines_match_linux(void **state)
{
	struct proc_task task = task_in(&ns0);
	static char expected[1024];

	(void)state;
	add_map_line(expected, "00400000-00402000 r-xp 00000000 00:03 7 ", "/bin/sleeper");
	add_map_line(expected, "00402000-00403000 rw-p 00002000 00:03 7 ", "/bin/sleeper");
	add_map_line(expected, "00403000-00404000 rw-p 00000000 00:00 0 ", NULL);
	add_map_line(expected, "00404000-00406000 rw-p 00000000 00:00 0 ", "[heap]");
	add_map_line(expected, "7ffff7ff0000-7ffff7ff1000 rw-s 00000000 00:00 0 ", NULL);
	add_map_line(expected, "7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0 ", "[stack]");
	assert_string_equal(show(proc_pid_maps_show, &task), expected);
}

/* ---- locking ---- */

static void shows_require_tasklist_lock(void **state)
{
	struct proc_task task = task_in(&ns0);
	struct proc_buf pb = { .data = text, .size = sizeof(text) };

	(void)state;
	tasklist_lock.locked = 0;
	expect_assert_failure(proc_pid_status_show(&pb, &task));
	expect_assert_failure(proc_pid_cmdline_show(&pb, &task));
	expect_assert_failure(proc_pid_maps_show(&pb, &task));
}

#define T(fn) cmocka_unit_test_setup(fn, setup)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(status_has_linux_lines_in_order),
		T(status_values_of_a_live_process),
		T(status_memory_lines),
		T(numbers_are_the_mounts_namespaces),
		T(thread_dir_shows_the_thread),
		T(state_letters_and_words),
		T(zombie_process),
		T(leader_exited_first),
		T(signal_sets_in_hex),
		T(tracer_pid_in_the_mounts_namespace),
		T(status_name_is_escaped),
		T(stat_line_fields),
		T(stat_numbers_in_inner_namespaces),
		T(statm_in_pages),
		T(cmdline_and_environ_are_the_tasks_bytes),
		T(cmdline_stops_at_an_unmapped_page),
		T(small_buffer_overflows),
		T(comm_is_the_name_and_a_newline),
		T(maps_lines_match_linux),
		T(shows_require_tasklist_lock),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
