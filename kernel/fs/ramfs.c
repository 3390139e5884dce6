/* ramfs.c - ramfs and tmpfs: a filesystem that is nothing but the dcache and RAM.
 *
 * ramfs keeps no directory structure of its own: the names ARE the dcache. Creating a file
 * makes the negative dentry of its name positive and pins it (d_pin: one extra reference),
 * so it never reaches the LRU and is never shrunk; unlink unpins it. A lookup that misses the
 * dcache therefore means "no such name": ramfs_lookup() just adds a negative dentry. readdir
 * walks the directory dentry's children (d_next_child) in creation order, using their d_seq
 * as positions, so entries created or removed during a readdir neither repeat nor shift the
 * others (`rm -r` removes while reading). The data of regular files is in ramfs_data.c.
 *
 * ramfs and tmpfs are the same code under two names (two file_system_types): tmpfs differs
 * only in its root's mode (01777, sticky and world-writable, like Linux's /tmp). Linux's tmpfs
 * is shmem (swappable, size-limited); with no swap the two behave alike. Inodes come from the
 * slab cache "shmem_inode_cache" - the name of Linux's tmpfs inode cache - because our ramfs
 * inode carries its own page array, as shmem's does, rather than the generic "inode_cache".
 *
 * Link counts as on Linux: a file starts at 1, a directory at 2 ("." and its name), and each
 * subdirectory adds 1 to its parent (".."). Symlinks store their target (at most PATH_MAX - 1
 * bytes); device nodes store i_rdev and open through the chrdev registry.
 * Invariants: every positive ramfs dentry is pinned until its name is removed; an inode with
 * i_nlink 0 is freed at its last iput (open files keep it alive, as on Linux).
 * Locking: every inode operation runs under vfs_dir_lock (kernel/fs/namei.c), so names and
 * link counts change one operation at a time; attributes under i_lock.
 * See also: kernel/fs/ramfs_data.c, kernel/fs/dcache.c. Linux: fs/ramfs/inode.c,
 * fs/libfs.c (simple_lookup, simple_unlink, simple_rename, dcache_readdir). */
#include "ramfs.h"
#include "dcache.h"
#include "err.h"
#include "file.h"
#include "kmalloc.h"
#include "panic.h"
#include "slab.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/dirent.h"

static struct kmem_cache *ramfs_inode_cache;
static const struct inode_operations ramfs_dir_iops, ramfs_file_iops, ramfs_symlink_iops;
static const struct file_operations ramfs_dir_fops;

/* ramfs_get_inode() - a new inode of @sb for @mode, with the operations its type needs. */
static struct inode *ramfs_get_inode(struct super_block *sb, unsigned int mode,
				     unsigned int rdev)
{
	struct inode *inode = inode_new(sb, mode);

	if (!inode)
		return NULL;
	inode->i_rdev = rdev;
	if (S_ISDIR(mode)) {
		inode->i_op = &ramfs_dir_iops;
		inode->i_fop = &ramfs_dir_fops;
		inode->i_nlink = 2;
	} else if (S_ISREG(mode)) {
		inode->i_op = &ramfs_file_iops;
		inode->i_fop = &ramfs_file_fops;
	} else if (S_ISLNK(mode)) {
		inode->i_op = &ramfs_symlink_iops;
	} else {
		inode->i_op = &ramfs_file_iops;	/* devices, fifos: setattr only */
	}
	return inode;
}

/* ramfs_lookup() - not in the dcache means it does not exist. */
static int ramfs_lookup(struct inode *dir, struct dentry *d)
{
	(void)dir;
	d_add(d, NULL);
	return 0;
}

/* ramfs_add() - give the negative @d the new @inode, pin it, and touch @dir. */
static void ramfs_add(struct inode *dir, struct dentry *d, struct inode *inode)
{
	d_instantiate(d, inode);
	d_pin(d);
	inode_touch(dir, true);
}

static int ramfs_mknod(struct inode *dir, struct dentry *d, unsigned int mode, unsigned int rdev)
{
	struct inode *inode = ramfs_get_inode(dir->i_sb, mode, rdev);

	if (!inode)
		return -ENOMEM;
	ramfs_add(dir, d, inode);
	return 0;
}

static int ramfs_create(struct inode *dir, struct dentry *d, unsigned int mode)
{
	return ramfs_mknod(dir, d, S_IFREG | (mode & S_IALLUGO), 0);
}

static int ramfs_mkdir(struct inode *dir, struct dentry *d, unsigned int mode)
{
	int err = ramfs_mknod(dir, d, S_IFDIR | (mode & S_IALLUGO), 0);

	if (!err)
		inode_set_nlink(dir, +1);	/* the new directory's ".." */
	return err;
}

static int ramfs_symlink(struct inode *dir, struct dentry *d, const char *target)
{
	size_t len = strlen(target);
	struct inode *inode = ramfs_get_inode(dir->i_sb, S_IFLNK | 0777, 0);
	char *copy = kmalloc(len + 1);

	if (!inode || !copy) {
		kfree(copy);
		iput(inode);
		return -ENOMEM;
	}
	memcpy(copy, target, len + 1);
	ramfs_i(inode)->symlink = copy;
	inode->i_size = len;
	ramfs_add(dir, d, inode);
	return 0;
}

static int ramfs_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	struct inode *inode = old->d_inode;

	inode_set_nlink(inode, +1);
	ramfs_add(dir, d, igrab(inode));
	return 0;
}

/* ramfs_unlink() - drop the name's link and pin; the VFS then d_delete()s it. */
static int ramfs_unlink(struct inode *dir, struct dentry *d)
{
	inode_set_nlink(d->d_inode, -1);
	d_unpin(d);
	inode_touch(dir, true);
	return 0;
}

/* ramfs_rmdir() - the VFS checked it is empty: it loses "." and its name, @dir its "..". */
static int ramfs_rmdir(struct inode *dir, struct dentry *d)
{
	inode_set_nlink(d->d_inode, -2);
	inode_set_nlink(dir, -1);
	d_unpin(d);
	inode_touch(dir, true);
	return 0;
}

/* ramfs_rename() - move @old_d's name onto @new_d (which the VFS checked may be replaced). */
static int ramfs_rename(struct inode *old_dir, struct dentry *old_d, struct inode *new_dir,
			struct dentry *new_d)
{
	struct inode *victim = new_d->d_inode;
	bool is_dir = S_ISDIR(old_d->d_inode->i_mode);
	int err = d_move(old_d, new_d->d_parent, new_d);

	if (err)
		return err;
	if (victim)
		(S_ISDIR(victim->i_mode) ? ramfs_rmdir : ramfs_unlink)(new_dir, new_d);
	if (is_dir && old_dir != new_dir) {
		inode_set_nlink(old_dir, -1);
		inode_set_nlink(new_dir, +1);
	}
	inode_touch(old_dir, true);
	inode_touch(new_dir, true);
	inode_touch(old_d->d_inode, false);
	return 0;
}

/* ramfs_get_link() - a symlink's stored target. */
static int ramfs_get_link(struct inode *inode, char *buf, size_t size)
{
	const char *target = ramfs_i(inode)->symlink;
	size_t len = MIN(strlen(target), size);

	memcpy(buf, target, len);
	return (int)len;
}

/* ramfs_setattr() - chmod stores the permission bits; truncate resizes a regular file. */
static int ramfs_setattr(struct dentry *d, const struct iattr *attr)
{
	struct inode *inode = d->d_inode;

	if (attr->ia_valid & ATTR_SIZE) {
		int err = ramfs_setsize(inode, attr->ia_size);

		if (err)
			return err;
	}
	if (attr->ia_valid & ATTR_MODE) {
		spin_lock(&inode->i_lock);
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & S_IALLUGO);
		spin_unlock(&inode->i_lock);
		inode_touch(inode, false);
	}
	return 0;
}

/**
 * ramfs_iterate() - readdir: ".", "..", then the positive children in d_seq order; a child's
 * position is its d_seq, and the position after it d_seq + 1.
 * Context: no spinlock held. Return: 0.
 */
static int ramfs_iterate(struct file *f, struct dir_context *ctx)
{
	struct dentry *c;

	if (!dir_emit_dots(f, ctx))
		return 0;
	while ((c = d_next_child(f->f_dentry, (uint64_t)ctx->pos))) {
		struct inode *inode = c->d_inode;	/* stable: we hold @c */
		bool ok = dir_emit(ctx, c->d_name.name, c->d_name.len, inode->i_ino,
				   dir_type_of(inode->i_mode), (int64_t)c->d_seq + 1);

		if (ok)
			ctx->pos = (int64_t)c->d_seq + 1;
		dput(c);
		if (!ok)
			break;
	}
	return 0;
}

/* ramfs_dir_read() - read(2) of a directory: EISDIR, as on Linux. */
static ssize_t ramfs_dir_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return -EISDIR;
}

static const struct inode_operations ramfs_dir_iops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.mknod = ramfs_mknod,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.setattr = ramfs_setattr,
};

static const struct inode_operations ramfs_file_iops = {
	.setattr = ramfs_setattr,
};

static const struct inode_operations ramfs_symlink_iops = {
	.get_link = ramfs_get_link,
	.setattr = ramfs_setattr,
};

static const struct file_operations ramfs_dir_fops = {
	.read = ramfs_dir_read,
	.llseek = generic_file_llseek,
	.iterate = ramfs_iterate,
};

static struct inode *ramfs_alloc_inode(struct super_block *sb)
{
	struct ramfs_inode *ri = kmem_cache_zalloc(ramfs_inode_cache);

	(void)sb;
	return ri ? &ri->vfs_inode : NULL;
}

/* ramfs_evict_inode() - the last reference is gone: free the data and the target. */
static void ramfs_evict_inode(struct inode *inode)
{
	ramfs_free_data(inode);
	kfree(ramfs_i(inode)->symlink);
}

static void ramfs_free_inode(struct inode *inode)
{
	kmem_cache_free(ramfs_inode_cache, ramfs_i(inode));
}

static const struct super_operations ramfs_sops = {
	.alloc_inode = ramfs_alloc_inode,
	.evict_inode = ramfs_evict_inode,
	.free_inode = ramfs_free_inode,
};

/**
 * ramfs_mount() - file_system_type.mount: a new, empty ramfs (or tmpfs).
 * Context: no spinlock held. Return: the superblock, or ERR_PTR(-ENOMEM).
 */
static struct super_block *ramfs_mount(struct file_system_type *type, unsigned int flags,
				       const char *source, const char *data)
{
	unsigned int root_mode = strcmp(type->name, "tmpfs") == 0 ? 01777 : 0755;
	struct super_block *sb = sb_alloc(type, &ramfs_sops);

	(void)source, (void)data;
	if (!sb)
		return ERR_PTR(-ENOMEM);
	sb->s_flags = flags;
	return sb_set_root(sb, ramfs_get_inode(sb, S_IFDIR | root_mode, 0));
}

static struct file_system_type ramfs_fs_type = {
	.name = "ramfs",
	.mount = ramfs_mount,
	.kill_sb = kill_litter_super,	/* the whole tree, its inodes and data */
};

static struct file_system_type tmpfs_fs_type = {
	.name = "tmpfs",
	.mount = ramfs_mount,
	.kill_sb = kill_litter_super,	/* the whole tree, its inodes and data */
};

/**
 * ramfs_init() - create "shmem_inode_cache" and register "ramfs" and "tmpfs".
 * Context: boot (vfs_init). Return: nothing; panics if the cache cannot be made.
 */
void ramfs_init(void)
{
	ramfs_inode_cache = kmem_cache_create("shmem_inode_cache", sizeof(struct ramfs_inode), 8);
	if (!ramfs_inode_cache)
		panic("ramfs: cannot create shmem_inode_cache");
	register_filesystem(&ramfs_fs_type);
	register_filesystem(&tmpfs_fs_type);
}
