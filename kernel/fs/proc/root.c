/* root.c - procfs: a filesystem whose files are kernel numbers printed as text on demand.
 *
 * Nothing in proc is stored. mount("proc", dir, "proc", 0, NULL) makes a superblock for the
 * MOUNTER's pid namespace (sb->s_fs_info, a reference held until the unmount: the patch's
 * constraint 3 - a proc mount must keep its namespace alive to show its numbers). Its root
 * lists a static tree of entries (proc_root_entries: system files, the sys/ directory, the
 * self and thread-self links) and one directory per process visible in that namespace,
 * named by its number there (kernel/fs/proc/base.c). Every lookup makes a fresh inode (from
 * "proc_inode_cache", Linux's name); the dentry is not pinned, so when unused it sits on the
 * dcache LRU with its inode until the shrinker, the unmount or - for a task's directory -
 * the flush at its reap frees both (base.c: proc_flush_pid).
 *
 * Reading: the first read() runs the file's show function into a kmalloc'd buffer owned by
 * the struct file (private_data; freed in ->release), so every later read of that open file
 * - at any offset, after any lseek - sees one consistent snapshot, and a new open sees fresh
 * numbers. Generating at the first read, not at open, is what makes a file of a task that was
 * reaped in between read ESRCH, as on Linux. The files stat as size 0.
 * Writing (/proc/sys): the whole text goes to the entry's write function at once.
 *
 * Lookups: the root's and a pid directory's take the process tree's lock, which comes before
 * vfs_dir_lock, so they are lookup_unlocked (kernel/include/vfs.h) and add their dentries
 * with d_add_unique().
 * Invariants: an open proc file's text never changes once read; proc inodes are never
 * written; a proc superblock holds one reference on its namespace for its whole life.
 * Locking: proc_sbs_lock (LOCK_PROC_SBS) for each namespace's list of proc superblocks (the
 * flush walks it); the rest touches only the file's own buffer.
 * See also: kernel/fs/proc/base.c (the per-task part), array.c and sysfiles.c (contents),
 * kernel/fs/super.c. Linux: fs/proc/root.c, fs/proc/generic.c, fs/seq_file.c. */
#include "proc_fs.h"
#include "internal.h"
#include "arch.h"
#include "dcache.h"
#include "err.h"
#include "file.h"
#include "kmalloc.h"
#include "panic.h"
#include "slab.h"
#include "string.h"
#include "vfs.h"
#include "vsprintf.h"
#include "pid_namespace.h"
#include "spinlock.h"
#include "uapi/dirent.h"
#include "uapi/errno.h"

#define PROC_ROOT_MODE	(S_IFDIR | 0555)
#define PROC_FIRST_BUF	PAGE_SIZE		/* bytes; doubled until the text fits */
#define PROC_MAX_BUF	(256 * 1024)		/* bytes; a show needing more fails ENOMEM */
#define PROC_WRITE_MAX	64			/* bytes a /proc/sys write may have */
#define PROC_PID_POS	0x1000			/* root readdir: position of pid n = this + n */

static struct kmem_cache *proc_inode_cache;
static const struct dentry_operations proc_dentry_ops = { .d_revalidate = proc_pid_revalidate };
static struct spinlock proc_sbs_lock = SPINLOCK_INIT("proc_sbs", LOCK_PROC_SBS);
static const struct inode_operations proc_root_iops, proc_dir_iops;
static const struct file_operations proc_root_fops, proc_dir_fops;

/* ---- the static tree ---- */

static int show_slabinfo(struct proc_buf *pb, struct pid_namespace *ns)
{
	(void)ns;
	return proc_slabinfo_show(pb);
}

static int show_meminfo(struct proc_buf *pb, struct pid_namespace *ns)
{
	(void)ns;
	return proc_meminfo_show(pb);
}

static int show_stat(struct proc_buf *pb, struct pid_namespace *ns)
{
	(void)ns;
	return proc_stat_show(pb);
}

static int show_uptime(struct proc_buf *pb, struct pid_namespace *ns)
{
	(void)ns;
	return proc_uptime_show(pb);
}

static int show_mounts(struct proc_buf *pb, struct pid_namespace *ns)
{
	(void)ns;
	return proc_mounts_show(pb);
}

static int show_cmdline(struct proc_buf *pb, struct pid_namespace *ns)
{
	(void)ns;
	return proc_cmdline_show(pb);
}

static int show_filesystems(struct proc_buf *pb, struct pid_namespace *ns)
{
	(void)ns;
	return proc_filesystems_show(pb);
}

static int write_drop_caches(struct pid_namespace *ns, const char *text, size_t len)
{
	(void)ns;
	return proc_drop_caches_write(text, len);
}

static const struct proc_entry proc_sys_kernel[] = {
	{ .name = "pid_max", .mode = S_IFREG | 0644, .show = proc_pid_max_show,
	  .write = proc_pid_max_write },
};

static const struct proc_entry proc_sys_vm[] = {
	{ .name = "drop_caches", .mode = S_IFREG | 0200, .write = write_drop_caches },
};

#define CHILDREN(a) .children = (a), .nr_children = sizeof(a) / sizeof((a)[0])

static const struct proc_entry proc_sys[] = {
	{ .name = "kernel", .mode = S_IFDIR | 0555, CHILDREN(proc_sys_kernel) },
	{ .name = "vm", .mode = S_IFDIR | 0555, CHILDREN(proc_sys_vm) },
};

/* Modes as on Linux: slabinfo is root's only (0400), since the heap's layout helps attacks. */
static const struct proc_entry proc_root_entries[] = {
	{ .name = "self", .mode = S_IFLNK | 0777, .link = proc_self_link },
	{ .name = "thread-self", .mode = S_IFLNK | 0777, .link = proc_thread_self_link },
	{ .name = "slabinfo", .mode = S_IFREG | 0400, .show = show_slabinfo },
	{ .name = "meminfo", .mode = S_IFREG | 0444, .show = show_meminfo },
	{ .name = "stat", .mode = S_IFREG | 0444, .show = show_stat },
	{ .name = "uptime", .mode = S_IFREG | 0444, .show = show_uptime },
	{ .name = "loadavg", .mode = S_IFREG | 0444, .show = proc_loadavg_show },
	{ .name = "mounts", .mode = S_IFREG | 0444, .show = show_mounts },
	{ .name = "cmdline", .mode = S_IFREG | 0444, .show = show_cmdline },
	{ .name = "filesystems", .mode = S_IFREG | 0444, .show = show_filesystems },
	{ .name = "sys", .mode = S_IFDIR | 0555, CHILDREN(proc_sys) },
};

static const struct proc_entry proc_root_dir = {
	.name = "/", .mode = PROC_ROOT_MODE, CHILDREN(proc_root_entries)
};

/* entry_ino() - a fixed inode number per static node: its address's offset in the image
 * cannot do (tables differ), so number them by a walk: root 1, then its children 2.., and
 * a child of a subdirectory after all of the root's (stable across lookups). */
static uint64_t entry_ino(const struct proc_entry *e)
{
	uint64_t ino = PROC_ROOT_INO + 1;

	for (size_t i = 0; i < proc_root_dir.nr_children; i++, ino++) {
		const struct proc_entry *c = &proc_root_dir.children[i];

		if (c == e)
			return ino;
	}
	for (size_t i = 0; i < proc_root_dir.nr_children; i++) {
		const struct proc_entry *c = &proc_root_dir.children[i];

		for (size_t j = 0; j < c->nr_children; j++, ino++) {
			const struct proc_entry *g = &c->children[j];

			if (g == e)
				return ino;
			for (size_t k = 0; k < g->nr_children; k++, ino++)
				if (&g->children[k] == e)
					return ino;
		}
	}
	return ino;
}

/* ---- the text buffer (internal.h) ---- */

void proc_printf(struct proc_buf *pb, const char *fmt, ...)
{
	size_t room = pb->size - pb->len;
	va_list ap;
	int n;

	if (room == 0)
		return;		/* already overflowed: root.c will retry bigger */
	va_start(ap, fmt);
	n = vsnprintf(pb->data + pb->len, room, fmt, ap);
	va_end(ap);
	pb->len = (size_t)n < room ? pb->len + (size_t)n : pb->size;
}

bool proc_buf_overflowed(const struct proc_buf *pb)
{
	return pb->len == pb->size;
}

/* generate_once() - run the show function of @pi into @pb (sized already). */
static int generate_once(struct proc_inode *pi, struct proc_buf *pb)
{
	if (pi->kind == PROC_ENTRY)
		return pi->entry->show ? pi->entry->show(pb, proc_sb_ns(pi->vfs_inode.i_sb)) :
					 -EINVAL;
	return proc_pid_file_generate(pi, pb);
}

/**
 * proc_generate() - run @pi's show function into a buffer big enough for its text.
 * @pi: a file; @out: the filled buffer (data kmalloc'd; the caller kfree()s it).
 *
 * Starts at one page and doubles on overflow (the show runs again from scratch), as Linux's
 * seq_read does. Context: no spinlock held. Return: 0, -ENOMEM, or the show's -errno
 * (-ESRCH: the task is gone).
 */
static int proc_generate(struct proc_inode *pi, struct proc_buf *out)
{
	for (size_t size = PROC_FIRST_BUF; size <= PROC_MAX_BUF; size *= 2) {
		struct proc_buf pb = { .data = kmalloc(size), .size = size };
		int err;

		if (!pb.data)
			return -ENOMEM;
		err = generate_once(pi, &pb);
		if (!err && !proc_buf_overflowed(&pb)) {
			*out = pb;
			return 0;
		}
		kfree(pb.data);
		if (err)
			return err;
	}
	return -ENOMEM;
}

/* ---- the generated files ---- */

static ssize_t proc_file_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	struct proc_buf *pb = f->private_data;
	size_t count;

	if (!pb) {	/* the first read: generate now (ESRCH if the task went away) */
		int err;

		pb = kmalloc(sizeof(*pb));
		if (!pb)
			return -ENOMEM;
		err = proc_generate(proc_i(f->f_inode), pb);
		if (err) {
			kfree(pb);
			return err;
		}
		f->private_data = pb;
	}
	if (*pos >= pb->len)
		return 0;
	count = MIN(n, pb->len - (size_t)*pos);
	memcpy(buf, pb->data + *pos, count);
	*pos += count;
	return (ssize_t)count;
}

/* proc_file_write() - a /proc/sys file: the whole text at once. */
static ssize_t proc_file_write(struct file *f, const void *buf, size_t n, uint64_t *pos)
{
	struct proc_inode *pi = proc_i(f->f_inode);
	int err;

	if (pi->kind != PROC_ENTRY || !pi->entry->write)
		return -EIO;
	if (n > PROC_WRITE_MAX)
		return -EINVAL;
	err = pi->entry->write(proc_sb_ns(f->f_inode->i_sb), buf, n);
	if (err)
		return err;
	*pos += n;
	return (ssize_t)n;
}

static void proc_file_release(struct file *f)
{
	struct proc_buf *pb = f->private_data;

	if (!pb)
		return;
	kfree(pb->data);
	kfree(pb);
}

/* ---- inodes ---- */

/**
 * proc_new_inode() - a new proc inode of @sb.
 * @mode: S_IF* | permissions. @kind: what it shows (the caller fills the rest of proc_i()).
 * @ino: its fixed number, so stat and readdir agree however often it is rebuilt.
 * Context: no spinlock held. Return: the inode, or NULL if out of memory.
 */
struct inode *proc_new_inode(struct super_block *sb, unsigned int mode, enum proc_kind kind,
			     uint64_t ino)
{
	struct inode *inode = inode_new(sb, mode);

	if (!inode)
		return NULL;
	/* The fixed number replaces the one inode_new() handed out, before anyone sees it. */
	inode->i_ino = ino;
	proc_i(inode)->kind = kind;
	if (S_ISDIR(mode)) {
		inode->i_nlink = 2;
		inode->i_op = &proc_dir_iops;
		inode->i_fop = &proc_dir_fops;
	} else if (S_ISLNK(mode)) {
		inode->i_op = &proc_link_iops;
	} else {
		inode->i_fop = &proc_file_fops;
	}
	return inode;
}

/* entry_inode() - a new inode for the static node @e. */
static struct inode *entry_inode(struct super_block *sb, const struct proc_entry *e)
{
	struct inode *inode = proc_new_inode(sb, e->mode, PROC_ENTRY, entry_ino(e));

	if (inode)
		proc_i(inode)->entry = e;
	return inode;
}

/**
 * proc_sb_ns() - the pid namespace whose numbers the proc superblock @sb shows.
 * Context: any. Return: it.
 */
struct pid_namespace *proc_sb_ns(struct super_block *sb)
{
	return sb->s_fs_info;
}

/* ---- directories of the static tree ---- */

/* find_child() - the child of static directory @dir named like @d, or NULL. */
static const struct proc_entry *find_child(const struct proc_entry *dir, struct dentry *d)
{
	for (size_t i = 0; i < dir->nr_children; i++) {
		const struct proc_entry *e = &dir->children[i];

		if (strlen(e->name) == d->d_name.len &&
		    memcmp(e->name, d->d_name.name, d->d_name.len) == 0)
			return e;
	}
	return NULL;
}

/* add_entry_dentry() - d_add_unique() @d with an inode for @e (NULL: a negative dentry). */
static struct dentry *add_entry_dentry(struct super_block *sb, struct dentry *d,
				       const struct proc_entry *e)
{
	struct inode *inode = NULL;
	struct dentry *other;

	if (e && !(inode = entry_inode(sb, e))) {
		dput(d);
		return ERR_PTR(-ENOMEM);
	}
	other = d_add_unique(d, inode);
	if (!other)
		return d;
	dput(d);
	return other;
}

/* number_of() - the decimal number @d names, or 0 if it is not one. */
static pid_t number_of(struct dentry *d)
{
	pid_t nr = 0;

	if (d->d_name.len == 0 || d->d_name.len > 9 || d->d_name.name[0] == '0')
		return 0;
	for (uint32_t i = 0; i < d->d_name.len; i++) {
		char c = d->d_name.name[i];

		if (c < '0' || c > '9')
			return 0;
		nr = nr * 10 + (c - '0');
	}
	return nr;
}

/* proc_root_lookup() - a static entry, or a process's number in this mount's namespace. */
static struct dentry *proc_root_lookup(struct inode *dir, struct dentry *d)
{
	const struct proc_entry *e = find_child(&proc_root_dir, d);
	pid_t nr;

	if (e || !(nr = number_of(d)))
		return add_entry_dentry(dir->i_sb, d, e);
	return proc_pid_lookup(dir, d, nr);
}

/* proc_dir_lookup() - a static subdirectory (sys/...) or a pid directory (base.c). */
static struct dentry *proc_dir_lookup(struct inode *dir, struct dentry *d)
{
	struct proc_inode *pi = proc_i(dir);

	if (pi->kind != PROC_ENTRY)
		return proc_pid_lookup(dir, d, 0);
	return add_entry_dentry(dir->i_sb, d, find_child(pi->entry, d));
}

/* emit_entries() - the children of static directory @dir from position 2 on. */
static bool emit_entries(const struct proc_entry *dir, struct dir_context *ctx)
{
	for (; ctx->pos >= 2 && (size_t)ctx->pos - 2 < dir->nr_children; ctx->pos++) {
		const struct proc_entry *e = &dir->children[ctx->pos - 2];

		if (!dir_emit(ctx, e->name, strlen(e->name), entry_ino(e), dir_type_of(e->mode),
			      ctx->pos + 1))
			return false;
	}
	return true;
}

/**
 * proc_root_iterate() - readdir of the root: ".", "..", the static entries, then every
 * process visible in the mount's namespace by number, ascending (base.c), at positions
 * PROC_PID_POS + number so a later getdents resumes after the last number it returned.
 * Context: no spinlock held. Return: 0 or -errno.
 */
static int proc_root_iterate(struct file *f, struct dir_context *ctx)
{
	if (!dir_emit_dots(f, ctx) || !emit_entries(&proc_root_dir, ctx))
		return 0;
	if (ctx->pos < PROC_PID_POS)
		ctx->pos = PROC_PID_POS;
	return proc_pid_readdir(f, ctx, PROC_PID_POS);
}

/* proc_dir_iterate() - a static subdirectory, or a pid directory (base.c). */
static int proc_dir_iterate(struct file *f, struct dir_context *ctx)
{
	struct proc_inode *pi = proc_i(f->f_inode);

	if (pi->kind != PROC_ENTRY)
		return proc_pid_readdir(f, ctx, 0);
	if (dir_emit_dots(f, ctx))
		emit_entries(pi->entry, ctx);
	return 0;
}

static ssize_t proc_dir_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return -EISDIR;
}

/* proc_get_link() - a static link (self, thread-self) or a task's (base.c). */
static int proc_get_link(struct inode *inode, char *buf, size_t size)
{
	struct proc_inode *pi = proc_i(inode);

	if (pi->kind == PROC_ENTRY)
		return pi->entry->link(proc_sb_ns(inode->i_sb), buf, size);
	return proc_pid_get_link(inode, buf, size);
}

static const struct inode_operations proc_root_iops = {
	.lookup_unlocked = proc_root_lookup,
};

static const struct inode_operations proc_dir_iops = {
	.lookup_unlocked = proc_dir_lookup,
};

const struct inode_operations proc_link_iops = {
	.get_link = proc_get_link,
};

static const struct file_operations proc_root_fops = {
	.read = proc_dir_read,
	.llseek = generic_file_llseek,
	.iterate = proc_root_iterate,
};

static const struct file_operations proc_dir_fops = {
	.read = proc_dir_read,
	.llseek = generic_file_llseek,
	.iterate = proc_dir_iterate,
};

const struct file_operations proc_file_fops = {
	.read = proc_file_read,
	.write = proc_file_write,
	.release = proc_file_release,
	.llseek = generic_file_llseek,	/* i_size is 0, so SEEK_END is relative to 0 */
};

/* ---- the superblock ---- */

static struct inode *proc_alloc_inode(struct super_block *sb)
{
	struct proc_inode *pi = kmem_cache_zalloc(proc_inode_cache);

	(void)sb;
	return pi ? &pi->vfs_inode : NULL;
}

static void proc_free_inode(struct inode *inode)
{
	proc_pid_evict(proc_i(inode));	/* drops a task inode's pid reference */
	kmem_cache_free(proc_inode_cache, proc_i(inode));
}

static const struct super_operations proc_sops = {
	.alloc_inode = proc_alloc_inode,
	.free_inode = proc_free_inode,
};

/**
 * proc_mount() - file_system_type.mount: a new proc superblock for the caller's pid
 * namespace, with its root directory; the namespace is referenced until the unmount, and the
 * superblock is put on the namespace's list so that reaping a task flushes it (base.c).
 * Context: no spinlock held. Return: the superblock, or ERR_PTR(-ENOMEM).
 */
static struct super_block *proc_mount(struct file_system_type *type, unsigned int flags,
				      const char *source, const char *data)
{
	struct super_block *sb = sb_alloc(type, &proc_sops);
	struct pid_namespace *ns = current_pid_ns();
	struct inode *root;

	(void)source, (void)data;
	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->s_flags = flags;
	sb->s_fs_info = get_pid_ns(ns);
	spin_lock(&proc_sbs_lock);
	list_add_tail(&sb->s_proc_link, &ns->proc_sbs);
	spin_unlock(&proc_sbs_lock);
	root = proc_new_inode(sb, PROC_ROOT_MODE, PROC_ROOT, PROC_ROOT_INO);
	if (root) {
		root->i_op = &proc_root_iops;
		root->i_fop = &proc_root_fops;
	}
	sb = sb_set_root(sb, root);
	if (!IS_ERR(sb))
		sb->s_root->d_op = &proc_dentry_ops;	/* inherited by every dentry below */
	return sb;
}

/* proc_kill_sb() - the last unmount: off the namespace's list, every dentry and inode freed,
 * then the namespace's reference dropped - which may free it (the patch's reference cycle is
 * gone here: a namespace never refers to its proc mounts, only they to it; the flush walks
 * the list instead, DESIGN.md section 7). */
static void proc_kill_sb(struct super_block *sb)
{
	struct pid_namespace *ns = sb->s_fs_info;

	spin_lock(&proc_sbs_lock);
	list_del(&sb->s_proc_link);
	spin_unlock(&proc_sbs_lock);
	kill_litter_super(sb);
	put_pid_ns(ns);
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.mount = proc_mount,
	.kill_sb = proc_kill_sb,
};

/**
 * proc_for_each_sb() - call @fn(sb, @arg) for every proc superblock of namespace @ns, under
 * proc_sbs_lock (so none is unmounted meanwhile): what the flush on reap walks.
 * @fn: must not sleep; it may use the dcache (LOCK_DCACHE comes after LOCK_PROC_SBS).
 * Context: no spinlock held. Return: nothing.
 */
void proc_for_each_sb(struct pid_namespace *ns, void (*fn)(struct super_block *sb, void *arg),
		      void *arg)
{
	struct super_block *sb;

	spin_lock(&proc_sbs_lock);
	list_for_each_entry(sb, &ns->proc_sbs, s_proc_link)
		fn(sb, arg);
	spin_unlock(&proc_sbs_lock);
}

/**
 * proc_root_init() - create "proc_inode_cache" and register "proc".
 * Context: boot (vfs_init). Return: nothing; panics if the cache cannot be made.
 */
void proc_root_init(void)
{
	proc_inode_cache = kmem_cache_create("proc_inode_cache", sizeof(struct proc_inode), 8);
	if (!proc_inode_cache)
		panic("proc: cannot create proc_inode_cache");
	proc_base_init();
	register_filesystem(&proc_fs_type);
}
