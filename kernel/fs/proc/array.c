/* array.c - the text of a task's /proc files: status, stat, statm, cmdline, environ, comm
 * and maps, in Linux's formats, so ps, top, pgrep and the tests parse them unchanged.
 *
 * Each show function prints one file for one task (struct proc_task, internal.h): a process,
 * the thread shown (NULL for a zombie) and the proc mount's pid namespace. Every number is
 * that namespace's view (pid_nr_ns): Pid, Tgid, PPid, TracerPid and stat's fields 1, 4, 5, 6
 * are 0 where the task is not visible, and NStgid/NSpid/NSpgid/NSsid list one number per
 * level from the mount's namespace down to the task's own, outermost first.
 *
 * What reaper does not count is printed as Linux prints an idle value: 0 for CPU times,
 * faults, context switches and page-table size, root's ids and capabilities (everything runs
 * as root), one CPU and one memory node. Memory figures come from the areas (struct vm_area):
 * RSS is every mapped page (mm->nr_pages); of it, RssFile (statm's "shared") is the pages
 * that map a file's own frame - a program's text, shared by kernel/mm/fault.c - counted per
 * page of the file areas when the file is read; the rest is RssAnon. No peak is kept, so
 * VmPeak/VmHWM equal VmSize/VmRSS.
 * Two files read the task's memory: cmdline and environ copy the bytes exec left between
 * mm->arg_start/arg_end and env_start/env_end (kernel/exec.c records them).
 *
 * Invariants: a show function only reads; it prints the same text when run twice on the same
 *   state (root.c reruns it with a bigger buffer).
 * Locking: the caller (base.c) holds tasklist_lock for the whole call, so the process and
 *   its threads, pids and parent stay put; we take locks above it - sighand->lock for the
 *   signal sets, files->file_lock for FDSize, mm->lock for the areas (mm_access_remote() takes
 *   it itself) - and never sleep. p->mm, p->files and p->fs are changed only by the process's
 *   own threads (exec, exit), which cannot run while we hold a spinlock on our single CPU.
 *   Thread states are the run-queue lock's; a racy read of one word is a snapshot, as Linux's.
 * See also: kernel/fs/proc/base.c (the files' table), root.c (proc_printf, the buffer),
 *   kernel/include/mm_space.h. Linux: fs/proc/array.c, fs/proc/task_mmu.c (task_mem,
 *   task_statm, show_map), fs/proc/base.c (proc_pid_cmdline_read, environ_read). */
#include "internal.h"
#include "arch.h"
#include "fdtable.h"
#include "file.h"
#include "fs_struct.h"
#include "mm_space.h"
#include "page.h"
#include "pgtable.h"
#include "pid.h"
#include "pid_namespace.h"
#include "process.h"
#include "sched.h"
#include "signal.h"
#include "spinlock.h"
#include "string.h"
#include "vfs.h"
#include "uapi/mman.h"
#include "uapi/resource.h"

#define KB_PER_PAGE	(PAGE_SIZE / 1024)
#define CAP_FULL_SET	((1UL << 41) - 1)	/* root's 41 capabilities (Linux 6.x: up to
						 * CAP_CHECKPOINT_RESTORE, 40) */
#define STAT_SIG_BITS	0x7fffffffUL	/* stat's obsolete signal fields show 31 bits only */
#define MAPS_NAME_COL	72	/* maps: the name follows a space after column 72 (Linux pads
				 * to 25 + 6 * sizeof(void *) - 1, lining up 48-bit addresses) */
#define COPY_CHUNK	256	/* bytes of user memory copied at a time (cmdline, environ) */

/* ---- the task's identity, in the mount's namespace ---- */

/* shown_pid() - the struct pid a file is about: the thread's under task/<tid>, else the
 * process's (for /proc/<pid> that is the leader's number, even after the leader exited). */
static const struct pid *shown_pid(const struct proc_task *task)
{
	return task->is_thread_dir && task->t ? task->t->pid : task->p->pid;
}

/* state_thread() - the thread whose state and tracer are shown: task/<tid>'s own; for
 * /proc/<pid> the leader, since Linux shows the leader's task_struct there. NULL once it
 * exited (a zombie leader). */
static struct thread *state_thread(const struct proc_task *task)
{
	return task->is_thread_dir ? task->t : task->p->leader;
}

/* task_state_name() - Linux's letter and word for the state: "R (running)"... A thread that
 * exited is a zombie until reaped ("X (dead)" while being released); reaper has no
 * uninterruptible sleep (D) or idle kernel threads (I). */
static const char *task_state_name(const struct proc_task *task)
{
	struct thread *t = state_thread(task);

	if (!t || t->ptrace.zombie || t->state == THREAD_DEAD)
		return task->p->exit_state == EXIT_DEAD ? "X (dead)" : "Z (zombie)";
	switch (t->state) {
	case THREAD_SLEEPING:
		return "S (sleeping)";
	case THREAD_STOPPED:
		return "T (stopped)";
	case THREAD_TRACED:
		return "t (tracing stop)";
	default:
		return "R (running)";
	}
}

/* ppid_nr() - the parent's number in the mount's namespace: the REAL parent, not a tracer
 * (as Linux); 0 when it is not visible there, as for a namespace's init. */
static pid_t ppid_nr(const struct proc_task *task)
{
	const struct process *parent = task->p->real_parent;

	return parent ? pid_nr_ns(parent->pid, task->ns) : 0;
}

/* tracer_nr() - the tracing THREAD's number (Linux: task_pid_nr_ns of ptrace's parent), which
 * is its process's number unless a non-leader thread attached; 0 if not traced. */
static pid_t tracer_nr(const struct proc_task *task)
{
	const struct thread *t = state_thread(task);
	const struct thread *tracer = t ? t->ptrace.tracer : NULL;

	return tracer ? pid_nr_ns(tracer->pid, task->ns) : 0;
}

/* print_ns_numbers() - one status line of nested numbers: "@name:" then, for each level
 * from @ns's down to @levels's own, a tab and @of's number in that level's namespace (0
 * where @of has none: a process group led from outside). @of: a tgid, tid, process group or
 * session. @levels: the task's pid, whose namespaces name the levels. */
static void print_ns_numbers(struct proc_buf *pb, const char *name, const struct pid *of,
			     const struct pid *levels, const struct pid_namespace *ns)
{
	proc_printf(pb, "%s:", name);
	for (int level = ns->level; level <= levels->level; level++)
		proc_printf(pb, "\t%d", pid_nr_ns(of, levels->numbers[level].ns));
	proc_printf(pb, "\n");
}

/* ---- what the task holds: signals, memory ---- */

/* The signal state a file shows, copied under sighand->lock. */
struct sig_view {
	sigset_t pending;	/* the shown thread's own (tkill, faults) */
	sigset_t shared;	/* the process's (kill) */
	sigset_t blocked;	/* the shown thread's mask */
	sigset_t ignored;	/* handler SIG_IGN */
	sigset_t caught;	/* a handler of the program's */
	int queued;		/* siginfo entries queued, against RLIMIT_SIGPENDING */
};

static void collect_handlers(const struct sighand *sh, struct sig_view *v)
{
	for (int sig = 1; sig <= NSIG; sig++) {
		uint64_t handler = sh->action[sig - 1].handler;

		if (handler == SIG_IGN)
			v->ignored |= sigmask(sig);
		else if (handler != SIG_DFL)
			v->caught |= sigmask(sig);
	}
}

/* collect_signals() - a zombie keeps its handlers and shared set until it is released, but
 * has no thread: its per-thread sets read empty. */
static void collect_signals(const struct proc_task *task, struct sig_view *v)
{
	struct process *p = task->p;

	memset(v, 0, sizeof(*v));
	if (!p->sighand)
		return;
	spin_lock(&p->sighand->lock);
	if (task->t) {
		v->pending = task->t->sig.pending.signal;
		v->blocked = task->t->sig.blocked;
	}
	v->shared = p->sig.shared_pending.signal;
	v->queued = p->sig.nr_queued;
	collect_handlers(p->sighand, v);
	spin_unlock(&p->sighand->lock);
}

/* The memory figures of an address space, in pages (Linux's mm counters, recomputed from the
 * areas; the classes are Linux's: a writable private area is data, a read-only executable
 * one is code, a stack is neither). */
struct mm_view {
	size_t total;		/* every area: VmSize, stat's vsize */
	size_t rss;		/* pages with a frame */
	size_t rss_file;	/* of them, a file's own frames: RssFile */
	size_t data;		/* writable, private, not stack: VmData */
	size_t stack;		/* VMA_GROWSDOWN: VmStk */
	size_t exec;		/* executable, not writable: VmExe, statm's text */
	uaddr_t start_code, end_code;	/* the program's own executable segments */
	uaddr_t start_data, end_data;	/* and its writable file segments */
};

/* widen() - grow [*start, *end) to cover @a (an empty range takes @a's). */
static void widen(uaddr_t *start, uaddr_t *end, const struct vm_area *a)
{
	if (*end == 0 || a->start < *start)
		*start = a->start;
	if (a->end > *end)
		*end = a->end;
}

/* count_area() - add @a to @v. The program's own segments are its file areas below the
 * heap (exec maps them there; mmap allocates top-down from far above). */
static void count_area(struct mm_view *v, const struct vm_area *a, uaddr_t brk_start)
{
	size_t pages = (a->end - a->start) / PAGE_SIZE;
	bool writable = a->prot & PROT_WRITE;

	v->total += pages;
	if (a->flags & VMA_GROWSDOWN)
		v->stack += pages;
	else if (writable && !(a->flags & VMA_SHARED))
		v->data += pages;
	else if ((a->prot & PROT_EXEC) && !writable)
		v->exec += pages;
	if (!a->file || a->end > brk_start)
		return;
	if (a->prot & PROT_EXEC)
		widen(&v->start_code, &v->end_code, a);
	else if (writable)
		widen(&v->start_data, &v->end_data, a);
}

/* count_file_frames() - the pages of file area @a of @mm that map the file's own frame
 * (Linux counts them as MM_FILEPAGES when it maps them; we look when asked). */
static size_t count_file_frames(struct mm *mm, const struct vm_area *a)
{
	size_t n = 0;

	for (uaddr_t page = a->start; page < a->end; page += PAGE_SIZE) {
		paddr_t pa = pgtable_user_frame(mm->pgtable, page, NULL);

		n += pa && page_is_file(pa);
	}
	return n;
}

/* collect_mm() - @v for @mm; all zero without one (a zombie). */
static void collect_mm(struct mm *mm, struct mm_view *v)
{
	const struct vm_area *a;

	memset(v, 0, sizeof(*v));
	if (!mm)
		return;
	spin_lock(&mm->lock);
	list_for_each_entry(a, &mm->areas, link) {
		count_area(v, a, mm->brk_start);
		if (a->file)
			v->rss_file += count_file_frames(mm, a);
	}
	v->rss = mm->nr_pages;
	spin_unlock(&mm->lock);
}

/* ---- /proc/<pid>/status ---- */

/* print_name() - "Name:" with the escapes Linux uses there, so a name stays one line. */
static void print_name(struct proc_buf *pb, const char *comm)
{
	proc_printf(pb, "Name:\t");
	for (const char *c = comm; *c; c++) {
		if (*c == '\n')
			proc_printf(pb, "\\n");
		else if (*c == '\\')
			proc_printf(pb, "\\\\");
		else
			proc_printf(pb, "%c", *c);
	}
	proc_printf(pb, "\n");
}

/* fd_table_size() - FDSize: the slots of the fd table (0 once the process let it go). */
static unsigned int fd_table_size(struct process *p)
{
	unsigned int n;

	if (!p->files)
		return 0;
	spin_lock(&p->files->file_lock);
	n = p->files->max_fds;
	spin_unlock(&p->files->file_lock);
	return n;
}

/* status_identity() - Name ... Groups. Umask only while the process has its fs (Linux). */
static void status_identity(struct proc_buf *pb, const struct proc_task *task)
{
	struct process *p = task->p;

	print_name(pb, p->comm);
	if (p->fs)
		proc_printf(pb, "Umask:\t0%03o\n", fs_umask(p->fs));
	proc_printf(pb, "State:\t%s\n", task_state_name(task));
	proc_printf(pb, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t%d\n",
		    pid_nr_ns(p->pid, task->ns), pid_nr_ns(shown_pid(task), task->ns),
		    ppid_nr(task), tracer_nr(task));
	proc_printf(pb, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
	proc_printf(pb, "FDSize:\t%u\nGroups:\t \n", fd_table_size(p));	/* Linux's space */
}

/* status_ns() - NStgid ... NSsid, levels named by the shown pid; then Kthread (6.x). */
static void status_ns(struct proc_buf *pb, const struct proc_task *task)
{
	const struct pid *pid = shown_pid(task);

	print_ns_numbers(pb, "NStgid", task->p->pid, pid, task->ns);
	print_ns_numbers(pb, "NSpid", pid, pid, task->ns);
	print_ns_numbers(pb, "NSpgid", task->p->pgrp, pid, task->ns);
	print_ns_numbers(pb, "NSsid", task->p->session, pid, task->ns);
	proc_printf(pb, "Kthread:\t0\n");
}

/* status_mem() - the Vm and Rss lines and the mm's other lines (present only with an mm). */
static void status_mem(struct proc_buf *pb, const struct mm_view *v)
{
	const struct {
		const char *name;
		size_t pages;
	} lines[] = {
		{ "VmPeak", v->total }, { "VmSize", v->total }, { "VmLck", 0 },
		{ "VmPin", 0 },	       { "VmHWM", v->rss },    { "VmRSS", v->rss },
		{ "RssAnon", v->rss - v->rss_file }, { "RssFile", v->rss_file }, { "RssShmem", 0 },
		{ "VmData", v->data }, { "VmStk", v->stack },  { "VmExe", v->exec },
		{ "VmLib", 0 },	       { "VmPTE", 0 },	       { "VmSwap", 0 },
		{ "HugetlbPages", 0 },
	};

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		proc_printf(pb, "%s:\t%8zu kB\n", lines[i].name, lines[i].pages * KB_PER_PAGE);
	proc_printf(pb, "CoreDumping:\t0\nTHP_enabled:\t0\nuntag_mask:\t0x%lx\n", ~0UL);
}

/* status_nr_threads() - Threads, counted as Linux does: the live threads, plus the leader
 * while it is an unreaped zombie (so a zombie process shows 1), plus traced zombie threads
 * not yet reaped by their tracer. */
static int status_nr_threads(const struct process *p)
{
	const struct thread *leader = p->leader;
	bool leader_live = leader && !leader->ptrace.zombie && leader->state != THREAD_DEAD;

	return p->nr_threads + (leader_live ? 0 : 1) + p->nr_thread_zombies;
}

static void status_signals(struct proc_buf *pb, const struct proc_task *task)
{
	struct sig_view v;

	collect_signals(task, &v);
	proc_printf(pb, "Threads:\t%d\nSigQ:\t%d/%lu\n", status_nr_threads(task->p), v.queued,
		    task->p->rlim[RLIMIT_SIGPENDING].rlim_cur);
	proc_printf(pb, "SigPnd:\t%016lx\nShdPnd:\t%016lx\nSigBlk:\t%016lx\n", v.pending,
		    v.shared, v.blocked);
	proc_printf(pb, "SigIgn:\t%016lx\nSigCgt:\t%016lx\n", v.ignored, v.caught);
}

/* status_rest() - what every reaper task has in common: root's capabilities, no seccomp, no
 * speculation mitigations, CPU 0 and node 0 only, no context-switch counts. */
static void status_rest(struct proc_buf *pb)
{
	proc_printf(pb, "CapInh:\t%016lx\nCapPrm:\t%016lx\nCapEff:\t%016lx\n", 0UL, CAP_FULL_SET,
		    CAP_FULL_SET);
	proc_printf(pb, "CapBnd:\t%016lx\nCapAmb:\t%016lx\n", CAP_FULL_SET, 0UL);
	proc_printf(pb, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
	proc_printf(pb, "Speculation_Store_Bypass:\tvulnerable\n"
			"SpeculationIndirectBranch:\talways enabled\n");
	proc_printf(pb, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\n"
			"Mems_allowed:\t1\nMems_allowed_list:\t0\n");
	proc_printf(pb, "voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
}

/**
 * proc_pid_status_show() - /proc/<pid>/status: Linux 6.x's lines, in Linux's order.
 * @pb: the text. @task: the task, and the namespace its numbers are printed in.
 *
 * A zombie shows no Umask and no memory lines (it has no fs and no mm), FDSize 0, and its
 * handlers, as on Linux.
 * Context: tasklist_lock held; takes sighand->lock, files->file_lock, mm->lock; does not
 * sleep. Return: 0.
 */
int proc_pid_status_show(struct proc_buf *pb, const struct proc_task *task)
{
	struct mm_view v;

	assert_held(&tasklist_lock);
	status_identity(pb, task);
	status_ns(pb, task);
	if (task->p->mm) {
		collect_mm(task->p->mm, &v);
		status_mem(pb, &v);
	}
	status_signals(pb, task);
	status_rest(pb);
	return 0;
}

/* ---- /proc/<pid>/stat and statm ---- */

/* wchan_flag() - stat's field 35: Linux 5.16+ no longer reveals where a task sleeps, only
 * that it does (1), and says 0 for a whole process of several threads. */
static int wchan_flag(const struct proc_task *task)
{
	const struct thread *t = state_thread(task);

	if (!t || (!task->is_thread_dir && task->p->nr_threads > 1))
		return 0;
	return t->state == THREAD_SLEEPING || t->state == THREAD_STOPPED ||
	       t->state == THREAD_TRACED;
}

/* stat_ids() - fields 1-9: pid (comm) state ppid pgrp session tty_nr tpgid flags.
 * TODO(tty): tty_nr and tpgid need an accessor in kernel/fs/tty.c; until then every task
 * reads as having no controlling terminal (0, -1). The comm is raw: a reader finds the
 * state after the LAST ')'. */
static void stat_ids(struct proc_buf *pb, const struct proc_task *task)
{
	struct process *p = task->p;

	proc_printf(pb, "%d (%s) %c %d %d %d 0 -1 0", pid_nr_ns(shown_pid(task), task->ns),
		    p->comm, task_state_name(task)[0], ppid_nr(task),
		    pid_nr_ns(p->pgrp, task->ns), pid_nr_ns(p->session, task->ns));
}

/* stat_times() - fields 10-22: faults and times (not counted: 0), priority 20 and nice 0
 * (every task's), num_threads, itrealvalue (always 0 on Linux), starttime. */
static void stat_times(struct proc_buf *pb, const struct proc_task *task)
{
	proc_printf(pb, " 0 0 0 0 0 0 0 0 20 0 %d 0 0", status_nr_threads(task->p));
}

/* stat_memory() - fields 23-30: vsize (bytes) rss (pages) rsslim startcode endcode
 * startstack kstkesp kstkeip (the last two are 0 on Linux too, but for a core dump). */
static void stat_memory(struct proc_buf *pb, const struct process *p, const struct mm_view *v)
{
	uaddr_t start_stack = p->mm ? p->mm->start_stack : 0;

	proc_printf(pb, " %lu %zu %lu %lu %lu %lu 0 0", v->total * PAGE_SIZE, v->rss,
		    p->rlim[RLIMIT_RSS].rlim_cur, v->start_code, v->end_code, start_stack);
}

/* stat_signals() - fields 31-44: signal blocked sigignore sigcatch (31 bits, decimal; status
 * has the full sets) wchan nswap cnswap exit_signal processor rt_priority policy
 * delayacct_blkio_ticks guest_time cguest_time. */
static void stat_signals(struct proc_buf *pb, const struct proc_task *task)
{
	struct sig_view v;

	collect_signals(task, &v);
	proc_printf(pb, " %lu %lu %lu %lu %d 0 0 %d 0 0 0 0 0 0", v.pending & STAT_SIG_BITS,
		    v.blocked & STAT_SIG_BITS, v.ignored & STAT_SIG_BITS, v.caught & STAT_SIG_BITS,
		    wchan_flag(task), task->p->exit_signal);
}

/* stat_tail() - fields 45-52: start_data end_data start_brk arg_start arg_end env_start
 * env_end exit_code (the wait status once the process is a zombie). */
static void stat_tail(struct proc_buf *pb, const struct process *p, const struct mm_view *v)
{
	const struct mm *mm = p->mm;
	int exit_code = p->exit_state ? p->exit_code : 0;

	if (!mm) {
		proc_printf(pb, " 0 0 0 0 0 0 0 %d\n", exit_code);
		return;
	}
	proc_printf(pb, " %lu %lu %lu %lu %lu %lu %lu %d\n", v->start_data, v->end_data,
		    mm->brk_start, mm->arg_start, mm->arg_end, mm->env_start, mm->env_end,
		    exit_code);
}

/**
 * proc_pid_stat_show() - /proc/<pid>/stat: Linux's one line of 52 space-separated fields.
 * @pb: the text. @task: the task, and the namespace its numbers are printed in.
 *
 * Fields 1, 4, 5 and 6 (pid, ppid, pgrp, session) are the mount namespace's numbers; what
 * reaper does not count is 0 (see the stat_* helpers for each field).
 * Context: tasklist_lock held; takes sighand->lock and mm->lock; does not sleep. Return: 0.
 */
int proc_pid_stat_show(struct proc_buf *pb, const struct proc_task *task)
{
	struct mm_view v;

	assert_held(&tasklist_lock);
	collect_mm(task->p->mm, &v);
	stat_ids(pb, task);
	stat_times(pb, task);
	stat_memory(pb, task->p, &v);
	stat_signals(pb, task);
	stat_tail(pb, task->p, &v);
	return 0;
}

/**
 * proc_pid_statm_show() - /proc/<pid>/statm: "size resident shared text lib data dt" in
 * pages. shared is RssFile (status), lib 0 (static programs), dt 0 (as on Linux 2.6+);
 * data counts the stack too, as Linux's does. A zombie shows seven zeros.
 * Context: tasklist_lock held; takes mm->lock. Return: 0.
 */
int proc_pid_statm_show(struct proc_buf *pb, const struct proc_task *task)
{
	struct mm_view v;

	assert_held(&tasklist_lock);
	collect_mm(task->p->mm, &v);
	proc_printf(pb, "%zu %zu %zu %zu 0 %zu 0\n", v.total, v.rss, v.rss_file, v.exec,
		    v.data + v.stack);
	return 0;
}

/* ---- cmdline, environ, comm ---- */

/**
 * proc_write_bytes() - append @n raw bytes to @pb (cmdline and environ have NULs inside);
 * on overflow mark it full, as proc_printf() does, so root.c retries with a bigger buffer.
 * (An exact fit also leaves len == size, which reads as full: a retry, never a loss.)
 * Context: any. Return: nothing.
 */
void proc_write_bytes(struct proc_buf *pb, const void *bytes, size_t n)
{
	if (n > pb->size - pb->len) {
		pb->len = pb->size;
		return;
	}
	memcpy(pb->data + pb->len, bytes, n);
	pb->len += n;
}

/* print_user_range() - copy [@start, @end) of @mm's memory into @pb. A page the program
 * unmapped stops the copy, after what came before it (Linux prints what it could read,
 * too): chunks never cross a page, so a failed one is a whole missing page. */
static void print_user_range(struct proc_buf *pb, struct mm *mm, uaddr_t start, uaddr_t end)
{
	char chunk[COPY_CHUNK];

	for (uaddr_t at = start; at < end && !proc_buf_overflowed(pb);) {
		size_t n = MIN(sizeof(chunk), (size_t)(end - at));

		n = MIN(n, (size_t)(PAGE_SIZE - at % PAGE_SIZE));

		if (mm_access_remote(mm, at, chunk, n, false))
			return;
		proc_write_bytes(pb, chunk, n);
		at += n;
	}
}

/**
 * proc_pid_cmdline_show() - /proc/<pid>/cmdline: the argv strings as exec left them, each
 * with its NUL. Empty for a zombie. (Linux also follows a program that rewrote its argv
 * past its end, setproctitle-style; reaper prints the original range only.)
 * Context: tasklist_lock held; takes mm->lock (through mm_access_remote); does not sleep.
 * Return: 0.
 */
int proc_pid_cmdline_show(struct proc_buf *pb, const struct proc_task *task)
{
	struct mm *mm = task->p->mm;

	assert_held(&tasklist_lock);
	if (mm)
		print_user_range(pb, mm, mm->arg_start, mm->arg_end);
	return 0;
}

/**
 * proc_pid_environ_show() - /proc/<pid>/environ: the envp strings exec left, each with its
 * NUL; empty for a zombie.
 * Context: tasklist_lock held; takes mm->lock (through mm_access_remote); does not sleep.
 * Return: 0.
 */
int proc_pid_environ_show(struct proc_buf *pb, const struct proc_task *task)
{
	struct mm *mm = task->p->mm;

	assert_held(&tasklist_lock);
	if (mm)
		print_user_range(pb, mm, mm->env_start, mm->env_end);
	return 0;
}

/**
 * proc_pid_comm_show() - /proc/<pid>/comm: the program's name and a newline (reaper names
 * processes, not threads, so task/<tid>/comm shows the same).
 * Context: tasklist_lock held. Return: 0.
 */
int proc_pid_comm_show(struct proc_buf *pb, const struct proc_task *task)
{
	assert_held(&tasklist_lock);
	proc_printf(pb, "%s\n", task->p->comm);
	return 0;
}

/* ---- /proc/<pid>/maps ---- */

/* print_file_path() - @f's absolute name, written by d_path() straight into @pb. reaper has
 * no chroot, so every reader's root is the tree's (Linux prints it from the reader's root).
 * d_path() only takes vfs_dir_lock, which ranks above mm->lock, and does not sleep: it may
 * run under our locks (as /proc/mounts runs it under mount_lock). */
static void print_file_path(struct proc_buf *pb, const struct file *f)
{
	struct path path = { f->f_mnt, f->f_dentry };
	size_t room = pb->size - pb->len;
	int n = room ? d_path(&path, &init_fs.root, pb->data + pb->len, room) : -1;

	if (n < 0)
		pb->len = pb->size;	/* too long for what is left: overflow, retry bigger */
	else
		pb->len += (size_t)n - 1;	/* without d_path()'s NUL */
}

/* print_area_name() - pad the line to MAPS_NAME_COL and name the area: the file's path, or
 * "[heap]"/"[stack]" (exec's and brk's names; the other names are for mm_dump only). */
static void print_area_name(struct proc_buf *pb, const struct vm_area *a, size_t line_start)
{
	size_t width = pb->len - line_start;
	bool file = a->file && a->file->f_dentry;

	if (!file && !(a->name && a->name[0] == '['))
		return;
	if (width < MAPS_NAME_COL)
		proc_printf(pb, "%*s", (int)(MAPS_NAME_COL - width), "");
	proc_printf(pb, " ");
	if (file)
		print_file_path(pb, a->file);
	else
		proc_printf(pb, "%s", a->name);
}

/* show_map_area() - "start-end perms offset dev inode [name]": Linux's columns. An
 * anonymous area has offset 0, device 00:00 and inode 0, and its line ends after a space. */
static void show_map_area(struct proc_buf *pb, const struct vm_area *a)
{
	size_t line_start = pb->len;
	const struct inode *inode = a->file ? a->file->f_inode : NULL;
	unsigned int dev = inode ? inode->i_sb->s_dev : 0;

	proc_printf(pb, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", a->start, a->end,
		    a->prot & PROT_READ ? 'r' : '-', a->prot & PROT_WRITE ? 'w' : '-',
		    a->prot & PROT_EXEC ? 'x' : '-', a->flags & VMA_SHARED ? 's' : 'p',
		    a->file ? a->file_offset : 0UL, MAJOR(dev), MINOR(dev),
		    inode ? inode->i_ino : 0UL);
	print_area_name(pb, a, line_start);
	proc_printf(pb, "\n");
}

/**
 * proc_pid_maps_show() - /proc/<pid>/maps: one line per area, lowest address first.
 * Empty for a zombie.
 * Context: tasklist_lock held; takes mm->lock, and vfs_dir_lock for the names (d_path);
 * does not sleep. Return: 0.
 */
int proc_pid_maps_show(struct proc_buf *pb, const struct proc_task *task)
{
	struct mm *mm = task->p->mm;
	const struct vm_area *a;

	assert_held(&tasklist_lock);
	if (!mm)
		return 0;
	spin_lock(&mm->lock);	/* another thread of the task may mmap meanwhile */
	list_for_each_entry(a, &mm->areas, link)
		show_map_area(pb, a);
	spin_unlock(&mm->lock);
	return 0;
}
