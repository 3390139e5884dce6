/* root.c - procfs: a filesystem whose files are kernel numbers printed as text on demand.
 *
 * Nothing in proc is stored. mount("proc", dir, "proc", 0, NULL) makes a superblock whose root
 * directory lists a fixed table of read-only regular files (proc_root_entries below: today
 * "slabinfo" and "meminfo"). A lookup in the root finds the name in the table and makes a
 * fresh inode for it (from "proc_inode_cache", Linux's name); the dentry is not pinned, so when
 * it is unused it sits on the dcache LRU with its inode until the shrinker or the unmount
 * frees both. Each entry has a fixed inode number (PROC_ROOT_INO + 1 + its index), so readdir
 * and stat agree however often the inode is rebuilt.
 *
 * Reading: open() runs the entry's show function once into a kmalloc'd buffer owned by the
 * struct file (private_data; freed in ->release), so every read of that open file - at any
 * offset, after any lseek - sees one consistent snapshot, and a second open sees fresh
 * numbers. As on Linux the files stat as size 0 (their size is not known until generated).
 *
 * Not here yet (the /proc issue, DESIGN.md §7): one superblock per pid namespace holding a
 * reference to it (today every mount is an independent superblock that refers to nothing),
 * /proc/<pid> with flush on reap, /proc/self, and the other system files. They extend the
 * entry table and proc_root_lookup/proc_root_iterate rather than replace them.
 * Invariants: an open proc file's text never changes; proc inodes are never written.
 * Locking: lookup runs under vfs_dir_lock like every lookup; the rest touches only the file's
 * own buffer, so there is no proc lock.
 * See also: kernel/fs/proc/slabinfo.c, kernel/fs/proc/meminfo.c, kernel/fs/ramfs.c (the other
 * filesystem), kernel/fs/super.c. Linux: fs/proc/root.c, fs/proc/generic.c, fs/seq_file.c. */
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
#include "uapi/dirent.h"
#include "uapi/errno.h"

#define PROC_ROOT_MODE	(S_IFDIR | 0555)
#define PROC_FIRST_BUF	PAGE_SIZE		/* bytes; doubled until the text fits */
#define PROC_MAX_BUF	(256 * 1024)		/* bytes; a show needing more fails ENOMEM */

/* One file of the proc root. */
struct proc_entry {
	const char *name;
	unsigned int mode;	/* S_IFREG | permission bits */
	int (*show)(struct proc_buf *pb);
};

/* Modes as on Linux: slabinfo is root's only (0400), since the heap's layout helps attacks. */
static const struct proc_entry proc_root_entries[] = {
	{ "slabinfo", S_IFREG | 0400, proc_slabinfo_show },
	{ "meminfo", S_IFREG | 0444, proc_meminfo_show },
};
#define PROC_NR_ENTRIES	(sizeof(proc_root_entries) / sizeof(proc_root_entries[0]))

/* A proc inode: the VFS inode and the entry it shows (NULL for the root). */
struct proc_inode {
	struct inode vfs_inode;
	const struct proc_entry *entry;
};

static struct kmem_cache *proc_inode_cache;
static const struct inode_operations proc_root_iops, proc_file_iops;
static const struct file_operations proc_root_fops, proc_file_fops;

static struct proc_inode *proc_i(struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs_inode);
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

/**
 * proc_generate() - run @entry's show function into a buffer big enough for its text.
 * @entry: the file; @out: the filled buffer (data kmalloc'd; the caller kfree()s it).
 *
 * Starts at one page and doubles on overflow (the show runs again from scratch), as Linux's
 * seq_read does. Context: no spinlock held. Return: 0, -ENOMEM, or the show's -errno.
 */
static int proc_generate(const struct proc_entry *entry, struct proc_buf *out)
{
	for (size_t size = PROC_FIRST_BUF; size <= PROC_MAX_BUF; size *= 2) {
		struct proc_buf pb = { .data = kmalloc(size), .size = size };
		int err;

		if (!pb.data)
			return -ENOMEM;
		err = entry->show(&pb);
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

/* proc_file_open() - generate the text now; the open file owns it until ->release. */
static int proc_file_open(struct inode *inode, struct file *f)
{
	struct proc_buf *pb = kmalloc(sizeof(*pb));
	int err;

	if (!pb)
		return -ENOMEM;
	err = proc_generate(proc_i(inode)->entry, pb);
	if (err) {
		kfree(pb);
		return err;
	}
	f->private_data = pb;
	return 0;
}

static ssize_t proc_file_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	const struct proc_buf *pb = f->private_data;
	size_t count;

	if (*pos >= pb->len)
		return 0;
	count = MIN(n, pb->len - (size_t)*pos);
	memcpy(buf, pb->data + *pos, count);
	*pos += count;
	return (ssize_t)count;
}

static void proc_file_release(struct file *f)
{
	struct proc_buf *pb = f->private_data;

	kfree(pb->data);
	kfree(pb);
}

/* ---- the root directory ---- */

static uint64_t proc_entry_ino(const struct proc_entry *entry)
{
	return PROC_ROOT_INO + 1 + (uint64_t)(entry - proc_root_entries);
}

/* proc_get_inode() - a new inode of @sb showing @entry (NULL: the root directory). */
static struct inode *proc_get_inode(struct super_block *sb, const struct proc_entry *entry)
{
	struct inode *inode = inode_new(sb, entry ? entry->mode : PROC_ROOT_MODE);

	if (!inode)
		return NULL;
	/* The fixed number replaces the one inode_new() handed out, before anyone sees it. */
	inode->i_ino = entry ? proc_entry_ino(entry) : PROC_ROOT_INO;
	inode->i_op = entry ? &proc_file_iops : &proc_root_iops;
	inode->i_fop = entry ? &proc_file_fops : &proc_root_fops;
	if (!entry)
		inode->i_nlink = 2;
	proc_i(inode)->entry = entry;
	return inode;
}

/* proc_root_lookup() - a name of the entry table gets a fresh inode; others are negative. */
static int proc_root_lookup(struct inode *dir, struct dentry *d)
{
	for (size_t i = 0; i < PROC_NR_ENTRIES; i++) {
		const struct proc_entry *entry = &proc_root_entries[i];
		struct inode *inode;

		if (strlen(entry->name) != d->d_name.len ||
		    memcmp(entry->name, d->d_name.name, d->d_name.len) != 0)
			continue;
		inode = proc_get_inode(dir->i_sb, entry);
		if (!inode)
			return -ENOMEM;
		d_add(d, inode);
		return 0;
	}
	d_add(d, NULL);
	return 0;
}

/**
 * proc_root_iterate() - readdir of the root: "." and ".." (positions 0 and 1), then entry i
 * of the table at position 2 + i.
 * Context: no spinlock held. Return: 0.
 */
static int proc_root_iterate(struct file *f, struct dir_context *ctx)
{
	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, PROC_ROOT_INO, DT_DIR, 1))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct dentry *parent = dget_parent(f->f_dentry);
		bool ok = dir_emit(ctx, "..", 2, parent->d_inode->i_ino, DT_DIR, 2);

		dput(parent);
		if (!ok)
			return 0;
		ctx->pos = 2;
	}
	for (; ctx->pos >= 2 && (size_t)ctx->pos - 2 < PROC_NR_ENTRIES; ctx->pos++) {
		const struct proc_entry *entry = &proc_root_entries[ctx->pos - 2];

		if (!dir_emit(ctx, entry->name, strlen(entry->name), proc_entry_ino(entry), DT_REG,
			      ctx->pos + 1))
			break;
	}
	return 0;
}

static ssize_t proc_root_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return -EISDIR;
}

static const struct inode_operations proc_root_iops = {
	.lookup = proc_root_lookup,
};

static const struct inode_operations proc_file_iops = { 0 };	/* read-only: no setattr */

static const struct file_operations proc_root_fops = {
	.read = proc_root_read,
	.llseek = generic_file_llseek,
	.iterate = proc_root_iterate,
};

static const struct file_operations proc_file_fops = {
	.open = proc_file_open,
	.read = proc_file_read,
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
	kmem_cache_free(proc_inode_cache, proc_i(inode));
}

static const struct super_operations proc_sops = {
	.alloc_inode = proc_alloc_inode,
	.free_inode = proc_free_inode,
};

/**
 * proc_mount() - file_system_type.mount: a new proc superblock with its root directory.
 * Context: no spinlock held. Return: the superblock, or ERR_PTR(-ENOMEM).
 */
static struct super_block *proc_mount(struct file_system_type *type, unsigned int flags,
				      const char *source, const char *data)
{
	struct super_block *sb = sb_alloc(type, &proc_sops);

	(void)source, (void)data;
	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->s_flags = flags;
	return sb_set_root(sb, proc_get_inode(sb, NULL));
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.mount = proc_mount,
	.kill_sb = kill_litter_super,	/* the cached dentries, their inodes, the sb */
};

/**
 * proc_root_init() - create "proc_inode_cache" and register "proc".
 * Context: boot (vfs_init). Return: nothing; panics if the cache cannot be made.
 */
void proc_root_init(void)
{
	proc_inode_cache = kmem_cache_create("proc_inode_cache", sizeof(struct proc_inode), 8);
	if (!proc_inode_cache)
		panic("proc: cannot create proc_inode_cache");
	register_filesystem(&proc_fs_type);
}
