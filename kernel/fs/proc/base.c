/* base.c - procfs's per-task part: /proc/<pid>/..., /proc/<pid>/task/<tid>/..., /proc/self,
 * and the flush that drops a task's /proc dentries when it is reaped.
 *
 * A pid directory's inode holds a reference on the task's struct pid - not on the task: the
 * task may be reaped while the directory is cached or open. Each use finds the task again
 * from the pid under tasklist_lock (proc_task_get): a reaped one is gone, and its files read
 * ESRCH, its directory revalidates as stale and its name is ENOENT - "correctness does not
 * depend on the flush" (the reference's 1.5).
 *
 * Numbers are the MOUNT's namespace's: /proc/<nr> exists for every process with a number
 * there (a thread's number works too, unlisted, as on Linux), and every file prints numbers
 * in that namespace.
 *
 * The flush (proc_flush_pid, called by release_task and by a thread's self-reap): for every
 * level the task had a number at, in every proc superblock mounted for that level's
 * namespace, the dentries "/<nr>" and "/<tgid>/task/<nr>" are invalidated - with their
 * subtrees and inodes, which would otherwise stay on the LRU until memory runs short (the
 * patch's constraint 2: it measured ~84 inodes per `find /proc`). The teaching toggle
 * proc.flush=0 turns it off, so the growth can be watched. This is Linux's 2.6.24-5.6 way
 * (look the names up in each namespace's mounts); 5.7+ keeps a list of inodes on the pid.
 *
 * Locking: tasklist_lock while a task's state is read (show functions, links, listings);
 * lookups take only the pid hash's lock (find_get_pid_ns), since they run under vfs_dir_lock
 * in other filesystems' terms; the flush takes proc_sbs_lock, then the dcache's.
 * See also: kernel/fs/proc/root.c, array.c (the file contents), links.c (exe, cwd, fd/,
 * ns/, self), kernel/process.c (release_task). Linux: fs/proc/base.c (proc_pid_lookup, proc_pid_readdir, proc_flush_pid,
 * pid_revalidate), fs/proc/fd.c, fs/proc/namespaces.c.
 */
#include "proc_fs.h"
#include "internal.h"
#include "cmdline.h"
#include "dcache.h"
#include "err.h"
#include "fdtable.h"
#include "file.h"
#include "kmalloc.h"
#include "mount.h"
#include "pid_namespace.h"
#include "printk.h"
#include "process.h"
#include "sched.h"
#include "string.h"
#include "uapi/dirent.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define PID_INO_BASE	0x100000ULL	/* pid inode numbers: base + (nr << 8) + slot */
#define NR_BUF		12		/* a number as text */

static bool flush_disabled;		/* proc.flush=0 */

/* nr_name() - the name of the directory of number @nr (> 0) in @buf (NR_BUF bytes): its
 * decimal digits. The flush makes up to three such names on every reap, and vsnprintf's
 * general machinery was half the flush's ~770 instructions (docs/performance.md).
 * Return: the length. */
static int nr_name(char *buf, pid_t nr)
{
	char digits[NR_BUF];
	int n = 0, len = 0;

	do {
		digits[n++] = (char)('0' + nr % 10);
		nr /= 10;
	} while (nr > 0 && n < NR_BUF - 1);
	while (n > 0)
		buf[len++] = digits[--n];
	buf[len] = '\0';
	return len;
}


/* ---- what is in a pid directory ---- */


/* /proc/<pid>/ and /proc/<pid>/task/<tid>/ (the latter without "task"). */
static const struct pid_entry pid_entries[] = {
	{ .name = "status", .mode = S_IFREG | 0444, .show = proc_pid_status_show },
	{ .name = "stat", .mode = S_IFREG | 0444, .show = proc_pid_stat_show },
	{ .name = "statm", .mode = S_IFREG | 0444, .show = proc_pid_statm_show },
	{ .name = "cmdline", .mode = S_IFREG | 0444, .show = proc_pid_cmdline_show },
	{ .name = "environ", .mode = S_IFREG | 0400, .show = proc_pid_environ_show },
	{ .name = "comm", .mode = S_IFREG | 0644, .show = proc_pid_comm_show },
	{ .name = "maps", .mode = S_IFREG | 0444, .show = proc_pid_maps_show },
	{ .name = "exe", .mode = S_IFLNK | 0777, .link = proc_link_exe },
	{ .name = "cwd", .mode = S_IFLNK | 0777, .link = proc_link_cwd },
	{ .name = "fd", .mode = S_IFDIR | 0500, .subdir = PROC_SUB_FD },
	{ .name = "fdinfo", .mode = S_IFDIR | 0555, .subdir = PROC_SUB_FDINFO },
	{ .name = "ns", .mode = S_IFDIR | 0511, .subdir = PROC_SUB_NS },
	{ .name = "task", .mode = S_IFDIR | 0555, .subdir = PROC_SUB_TASK },	/* last */
};
#define NR_PID_ENTRIES	(sizeof(pid_entries) / sizeof(pid_entries[0]))

static const struct pid_entry ns_entries[] = {
	{ .name = "pid", .mode = S_IFLNK | 0777, .link = proc_link_ns_pid },
	{ .name = "pid_for_children", .mode = S_IFLNK | 0777, .link = proc_link_ns_children },
};
#define NR_NS_ENTRIES	(sizeof(ns_entries) / sizeof(ns_entries[0]))

static const struct pid_entry fdinfo_entry = {
	.name = "fdinfo", .mode = S_IFREG | 0444, .show = proc_fdinfo_show,
};

/* nr_entries() - how many of pid_entries a pid directory shows (a thread's has no task/). */
static size_t nr_entries(const struct proc_inode *dir)
{
	return dir->thread ? NR_PID_ENTRIES - 1 : NR_PID_ENTRIES;
}

/* ---- finding the task ---- */

struct task_search {
	struct pid *pid;
	bool thread;
	struct proc_task *task;
};

/* match_task() - process_for_each_locked() callback: is @p (or one of its threads) it? */
static bool match_task(struct process *p, void *arg)
{
	struct task_search *s = arg;
	struct thread *t, *shown = NULL;

	list_for_each_entry(t, &p->threads, thread_link) {
		if (s->thread && t->pid == s->pid) {
			shown = t;
			break;
		}
		if (!s->thread && (t->pid == s->pid || p->pid == s->pid)) {
			shown = p->leader && p->leader->proc == p ? p->leader : t;
			break;
		}
	}
	if (!shown && (s->thread || p->pid != s->pid))
		return false;		/* not this process (a zombie has no threads) */
	s->task->p = p;
	s->task->t = shown;
	return true;
}

/**
 * proc_task_get() - the task @pi shows, as the mount's namespace sees it.
 * Context: tasklist_lock held. Return: true with @task filled, false if it was reaped.
 */
bool proc_task_get(struct proc_inode *pi, struct proc_task *task)
{
	struct task_search s = { .pid = pi->pid, .thread = pi->thread, .task = task };

	assert_held(&tasklist_lock);
	*task = (struct proc_task){
		.is_thread_dir = pi->thread,
		.ns = proc_sb_ns(pi->vfs_inode.i_sb),
	};
	if (!pi->pid || pi->pid->freed)
		return false;
	return process_for_each_locked(match_task, &s);
}

/**
 * proc_pid_file_generate() - a task file's text (root.c's generate step).
 * Context: no spinlock held (takes tasklist_lock). Return: 0, -ESRCH (reaped), or the
 * show's -errno.
 */
int proc_pid_file_generate(struct proc_inode *pi, struct proc_buf *pb)
{
	struct proc_task task;
	int err = -ESRCH;

	spin_lock(&tasklist_lock);
	if (proc_task_get(pi, &task)) {
		task.fd = pi->fd;
		err = pi->pentry->show(pb, &task);
	}
	spin_unlock(&tasklist_lock);
	return err;
}

/* ---- lookups ---- */

static uint64_t pid_ino(struct pid *pid, struct pid_namespace *ns, unsigned int slot)
{
	return PID_INO_BASE + ((uint64_t)pid_nr_ns(pid, ns) << 8) + slot;
}

/* new_task_inode() - an inode of @sb for the task of @pid. */
static struct inode *new_task_inode(struct super_block *sb, unsigned int mode,
				    enum proc_kind kind, struct pid *pid, bool thread,
				    unsigned int slot)
{
	struct inode *inode = proc_new_inode(sb, mode, kind, pid_ino(pid, proc_sb_ns(sb), slot));

	if (!inode)
		return NULL;
	proc_i(inode)->pid = get_pid(pid);
	proc_i(inode)->thread = thread;
	return inode;
}

/* add() - d_add_unique() @d with @inode (NULL: negative). Return: the dentry to use. */
static struct dentry *add(struct dentry *d, struct inode *inode, bool want_inode)
{
	struct dentry *other;

	if (want_inode && !inode) {
		dput(d);
		return ERR_PTR(-ENOMEM);
	}
	other = d_add_unique(d, inode);
	if (!other)
		return d;
	dput(d);
	return other;
}

static bool name_is(struct dentry *d, const char *name)
{
	return strlen(name) == d->d_name.len && memcmp(name, d->d_name.name, d->d_name.len) == 0;
}

/* name_nr() - the decimal number @d names (no leading zero), or -1. */
static int name_nr(struct dentry *d)
{
	int nr = 0;

	if (d->d_name.len == 0 || d->d_name.len > 9 || (d->d_name.name[0] == '0' &&
							 d->d_name.len > 1))
		return -1;
	for (uint32_t i = 0; i < d->d_name.len; i++) {
		char c = d->d_name.name[i];

		if (c < '0' || c > '9')
			return -1;
		nr = nr * 10 + (c - '0');
	}
	return nr;
}

/* lookup_in_pid_dir() - a name of pid directory @dir's table. */
static struct dentry *lookup_in_pid_dir(struct proc_inode *dir, struct dentry *d)
{
	struct super_block *sb = dir->vfs_inode.i_sb;

	for (size_t i = 0; i < nr_entries(dir); i++) {
		const struct pid_entry *e = &pid_entries[i];
		struct inode *inode;
		enum proc_kind kind;

		if (!name_is(d, e->name))
			continue;
		kind = S_ISDIR(e->mode) ? PROC_PID_SUBDIR :
		       S_ISLNK(e->mode) ? PROC_PID_LINK : PROC_PID_FILE;
		inode = new_task_inode(sb, e->mode, kind, dir->pid, dir->thread, 1 + i);
		if (inode) {
			proc_i(inode)->pentry = e;
			proc_i(inode)->subdir = e->subdir;
		}
		return add(d, inode, true);
	}
	return add(d, NULL, false);
}

/* lookup_in_subdir() - task/<tid>, fd/<n>, fdinfo/<n>, ns/<name>. */
static struct dentry *lookup_in_subdir(struct proc_inode *dir, struct dentry *d)
{
	struct super_block *sb = dir->vfs_inode.i_sb;
	int nr = name_nr(d);
	struct inode *inode = NULL;
	struct pid *tid;

	switch (dir->subdir) {
	case PROC_SUB_TASK:
		tid = find_get_pid_ns(nr, proc_sb_ns(sb));
		if (!tid)
			return add(d, NULL, false);
		inode = new_task_inode(sb, S_IFDIR | 0555, PROC_PID_DIR, tid, true, 0);
		put_pid(tid);
		return add(d, inode, true);
	case PROC_SUB_FD:
	case PROC_SUB_FDINFO:
		if (nr < 0)
			return add(d, NULL, false);
		inode = dir->subdir == PROC_SUB_FD ?
			new_task_inode(sb, S_IFLNK | 0700, PROC_PID_LINK, dir->pid, dir->thread, 0x40) :
			new_task_inode(sb, S_IFREG | 0444, PROC_PID_FILE, dir->pid, dir->thread, 0x41);
		if (inode) {
			proc_i(inode)->fd = nr;
			if (dir->subdir == PROC_SUB_FDINFO)
				proc_i(inode)->pentry = &fdinfo_entry;
		}
		return add(d, inode, true);
	case PROC_SUB_NS:
		for (size_t i = 0; i < NR_NS_ENTRIES; i++) {
			if (!name_is(d, ns_entries[i].name))
				continue;
			inode = new_task_inode(sb, ns_entries[i].mode, PROC_PID_LINK, dir->pid,
					       dir->thread, 0x30 + i);
			if (inode) {
				proc_i(inode)->pentry = &ns_entries[i];
				inode->i_op = &proc_ns_link_iops;	/* a magic link */
			}
			return add(d, inode, true);
		}
		return add(d, NULL, false);
	default:
		return add(d, NULL, false);
	}
}

/**
 * proc_pid_lookup() - a lookup in the root (@nr: the number named, > 0) or in a task's
 * directory (@nr 0). The task's existence is checked through the pid hash only (we are in a
 * lookup); whether it still runs is each use's business (proc_task_get).
 * Context: no spinlock held (lookup_unlocked). Return: the dentry to use, or ERR_PTR.
 */
struct dentry *proc_pid_lookup(struct inode *dir, struct dentry *d, pid_t nr)
{
	struct proc_inode *pi = proc_i(dir);
	struct inode *inode;
	struct pid *pid;

	if (pi->kind == PROC_PID_DIR)
		return lookup_in_pid_dir(pi, d);
	if (pi->kind == PROC_PID_SUBDIR)
		return lookup_in_subdir(pi, d);
	pid = find_get_pid_ns(nr, proc_sb_ns(dir->i_sb));
	if (!pid)
		return add(d, NULL, false);
	inode = new_task_inode(dir->i_sb, S_IFDIR | 0555, PROC_PID_DIR, pid, false, 0);
	put_pid(pid);
	return add(d, inode, true);
}

/* ---- readdir ---- */

/* A sorted list of numbers to emit, gathered under tasklist_lock. */
struct nr_list {
	pid_t *nr;
	int n, max;
	struct pid_namespace *ns;
	struct process *only;		/* the threads of this process; NULL: every process */
};

static bool collect(struct process *p, void *arg)
{
	struct nr_list *l = arg;
	struct thread *t;
	pid_t nr;

	if (l->only && p != l->only)
		return false;
	if (!l->only) {
		nr = pid_nr_ns(p->pid, l->ns);
		if (nr > 0 && l->n < l->max)
			l->nr[l->n++] = nr;
		return false;
	}
	list_for_each_entry(t, &p->threads, thread_link) {
		nr = pid_nr_ns(t->pid, l->ns);
		if (nr > 0 && l->n < l->max)
			l->nr[l->n++] = nr;
	}
	return true;
}

static void sort_nrs(struct nr_list *l)
{
	for (int i = 1; i < l->n; i++)		/* insertion sort: a few hundred at most */
		for (int j = i; j > 0 && l->nr[j - 1] > l->nr[j]; j--) {
			pid_t x = l->nr[j];

			l->nr[j] = l->nr[j - 1];
			l->nr[j - 1] = x;
		}
}

/* emit_nrs() - numbered entries at positions @base + nr, from ctx->pos on. */
static void emit_nrs(struct nr_list *l, struct dir_context *ctx, int64_t base, unsigned int type,
		     struct pid_namespace *ns, uint64_t ino_slot)
{
	char name[NR_BUF];

	(void)ns;
	for (int i = 0; i < l->n; i++) {
		int len;

		if (base + l->nr[i] < ctx->pos)
			continue;
		len = nr_name(name, l->nr[i]);
		if (!dir_emit(ctx, name, (size_t)len,
			      PID_INO_BASE + ((uint64_t)l->nr[i] << 8) + ino_slot, type,
			      base + l->nr[i] + 1))
			return;
		ctx->pos = base + l->nr[i] + 1;
	}
}

/* emit_table() - a table of entries from position 2 on. */
static void emit_table(struct proc_inode *pi, const struct pid_entry *t, size_t n,
		       struct dir_context *ctx)
{
	for (; ctx->pos >= 2 && (size_t)ctx->pos - 2 < n; ctx->pos++) {
		const struct pid_entry *e = &t[ctx->pos - 2];

		if (!dir_emit(ctx, e->name, strlen(e->name),
			      pid_ino(pi->pid, proc_sb_ns(pi->vfs_inode.i_sb), 1 + (ctx->pos - 2)),
			      dir_type_of(e->mode), ctx->pos + 1))
			return;
	}
}

/* collect_fds() - the open fds of @p into @l. */
static void collect_fds(struct process *p, struct nr_list *l)
{
	struct files_struct *files = p->files;

	if (!files)
		return;
	spin_lock(&files->file_lock);
	for (unsigned int fd = 0; fd < files->max_fds && l->n < l->max; fd++)
		if (files->fd[fd])
			l->nr[l->n++] = (pid_t)fd;
	spin_unlock(&files->file_lock);
}

/* list_numbers() - the numbers a directory lists: processes (root), threads (task/), fds. */
static int list_numbers(struct proc_inode *pi, struct nr_list *l, bool root)
{
	struct proc_task task;
	int err = 0;

	l->max = PROCESS_MAX * 2;
	l->nr = kmalloc(sizeof(pid_t) * (size_t)l->max);
	if (!l->nr)
		return -ENOMEM;
	spin_lock(&tasklist_lock);
	if (root) {
		process_for_each_locked(collect, l);
	} else if (!proc_task_get(pi, &task)) {
		err = -ENOENT;
	} else if (pi->subdir == PROC_SUB_TASK) {
		l->only = task.p;
		collect(task.p, l);
	} else {
		collect_fds(task.p, l);
	}
	spin_unlock(&tasklist_lock);
	sort_nrs(l);
	return err;
}

/**
 * proc_pid_readdir() - readdir of the root's pid part (@first_pos != 0: entries at
 * @first_pos + nr), of a pid directory, or of its task/, fd/, fdinfo/, ns/.
 * Context: no spinlock held. Return: 0 or -errno.
 */
int proc_pid_readdir(struct file *f, struct dir_context *ctx, int64_t first_pos)
{
	struct proc_inode *pi = proc_i(f->f_inode);
	struct nr_list l = { .ns = proc_sb_ns(f->f_inode->i_sb) };
	int err;

	if (first_pos == 0 && !dir_emit_dots(f, ctx))
		return 0;
	if (first_pos == 0 && pi->kind == PROC_PID_DIR) {
		emit_table(pi, pid_entries, nr_entries(pi), ctx);
		return 0;
	}
	if (first_pos == 0 && pi->subdir == PROC_SUB_NS) {
		emit_table(pi, ns_entries, NR_NS_ENTRIES, ctx);
		return 0;
	}
	err = list_numbers(pi, &l, first_pos != 0);
	if (!err)
		emit_nrs(&l, ctx, first_pos ? first_pos : 2, first_pos ? DT_DIR :
			 pi->subdir == PROC_SUB_TASK ? DT_DIR :
			 pi->subdir == PROC_SUB_FD ? DT_LNK : DT_REG, l.ns, 0);
	kfree(l.nr);
	return err;
}

/* ---- lifetime and the flush ---- */

/**
 * proc_pid_evict() - a proc inode is freed: drop its pid reference (root.c's free_inode).
 * Context: no spinlock held, or only dcache-level ones. Return: nothing.
 */
void proc_pid_evict(struct proc_inode *pi)
{
	put_pid(pi->pid);
	pi->pid = NULL;
}

/**
 * proc_pid_revalidate() - d_revalidate of every proc dentry: a task's directory or file
 * whose pid was freed (the task was reaped) is stale, and so is any negative dentry (a
 * number that did not exist may exist now) - the walk then looks the name up again, and a
 * reaped task's name is ENOENT with or without the flush (Linux: pid_revalidate).
 * Context: no spinlock held. Return: true if @d may be used.
 */
bool proc_pid_revalidate(struct dentry *d)
{
	struct inode *inode = d->d_inode;

	if (!inode)
		return false;
	return !proc_i(inode)->pid || !READ_ONCE(proc_i(inode)->pid->freed);
}

/* invalidate_name() - drop the dentry @name under @parent, if cached. */
static void invalidate_name(struct dentry *parent, const char *name)
{
	struct dentry *d = d_lookup(parent, name, strlen(name));

	if (!d)
		return;
	d_invalidate(d);
	dput(d);
}

struct flush_arg {
	pid_t nr, tgid;		/* in the superblock's namespace */
};

/* flush_sb() - proc_for_each_sb() callback: "/<nr>" and "/<tgid>/task/<nr>". */
static void flush_sb(struct super_block *sb, void *arg)
{
	struct flush_arg *a = arg;
	char name[NR_BUF];
	struct dentry *dir, *task;

	nr_name(name, a->nr);
	invalidate_name(sb->s_root, name);
	if (a->tgid == a->nr)
		return;
	nr_name(name, a->tgid);
	dir = d_lookup(sb->s_root, name, strlen(name));
	if (!dir)
		return;
	task = d_lookup(dir, "task", 4);
	if (task) {
		nr_name(name, a->nr);
		invalidate_name(task, name);
		dput(task);
	}
	dput(dir);
}

/**
 * proc_flush_pid() - the task of @pid (a thread of the process of @tgid) has been reaped:
 * drop its /proc dentries from every proc superblock of every namespace it had a number in.
 * Only an optimisation for correctness (revalidation refuses them anyway), but without it
 * every reaped task leaves its dentries and inodes behind (the patch's constraint 2).
 * @pid: the reaped task's; @tgid: its process's (== @pid for a process).
 * Context: no spinlock held; after the numbers were freed. Return: nothing.
 */
void proc_flush_pid(struct pid *pid, struct pid *tgid)
{
	if (flush_disabled)
		return;
	for (int i = 0; i <= pid->level; i++) {
		struct pid_namespace *ns = pid->numbers[i].ns;
		struct flush_arg a = { .nr = pid->numbers[i].nr, .tgid = pid_nr_ns(tgid, ns) };

		if (!a.tgid)
			a.tgid = a.nr;
		proc_for_each_sb(ns, flush_sb, &a);
	}
}

/**
 * proc_base_init() - read the teaching toggle proc.flush=0 (logged).
 * Context: boot. Return: nothing.
 */
void proc_base_init(void)
{
	flush_disabled = cmdline_get_long("proc.flush", 1) == 0;
	if (flush_disabled)
		pr_warn("proc: proc.flush=0: reaped tasks' /proc dentries are NOT flushed\n");
}
