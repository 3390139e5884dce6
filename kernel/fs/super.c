/* super.c - filesystem types and superblocks, and bringing the VFS up at boot.
 *
 * A file_system_type is a kind of filesystem with a name; mount(2) finds it by that name in
 * the registry below (unknown names give ENODEV) and calls its ->mount(), which returns a new
 * superblock whose s_root is the root of a fresh tree. ramfs, tmpfs and proc (kernel/fs/proc/
 * root.c) register at boot; proc's ->mount() is where the /proc issue will find or create the
 * superblock of the mounter's pid namespace - the registry is the hook.
 *
 * vfs_init() is the boot step: the object caches (dentry, filp, files_cache, fs_cache and the
 * filesystems' inode caches), the filesystem types, the character devices of mem_devices.c,
 * the internal pipefs (pipe.c),
 * then a ramfs mounted as "/" and made the root and cwd of init_fs. The initramfs is unpacked
 * into it by initramfs_unpack(), kmain's next line.
 * Invariants: registered types are never unregistered; each superblock has a distinct
 * anonymous device number (major 0), which stat reports as st_dev.
 * Locking: fs_types_lock (LOCK_MOUNT level, never nested with mount_lock) guards the registry;
 * a superblock's counts are under mount_lock (kernel/fs/mount.c).
 * See also: kernel/fs/mount.c, kernel/fs/ramfs.c. Linux: fs/super.c, fs/filesystems.c,
 * init/do_mounts.c (init_mount_tree). */
#include "vfs.h"
#include "nsfs.h"
#include "chrdev.h"
#include "dcache.h"
#include "err.h"
#include "fdtable.h"
#include "file.h"
#include "fs_struct.h"
#include "kmalloc.h"
#include "mount.h"
#include "pipe.h"
#include "proc_fs.h"
#include "printk.h"
#include "string.h"
#include "uapi/errno.h"

static struct spinlock fs_types_lock = SPINLOCK_INIT("fs_types_lock", LOCK_MOUNT);
static struct list_head fs_types = LIST_HEAD_INIT(fs_types);	/* under fs_types_lock */
static unsigned int next_anon_minor = 1;			/* under fs_types_lock */

/**
 * register_filesystem() - make @type mountable by its name.
 * Context: boot or any thread; no spinlock held. Return: 0, or -EBUSY if the name is taken.
 */
int register_filesystem(struct file_system_type *type)
{
	if (get_fs_type(type->name))
		return -EBUSY;
	spin_lock(&fs_types_lock);
	list_add_tail(&type->fs_types, &fs_types);
	spin_unlock(&fs_types_lock);
	return 0;
}

/**
 * get_fs_type() - the registered filesystem type called @name.
 * Context: no spinlock held. Return: the type (never freed), or NULL.
 */
struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *t, *found = NULL;

	spin_lock(&fs_types_lock);
	list_for_each_entry(t, &fs_types, fs_types)
		if (strcmp(t->name, name) == 0)
			found = t;
	spin_unlock(&fs_types_lock);
	return found;
}

/**
 * fs_types_for_each() - call @fn on every registered filesystem type, in registration order
 * (/proc/filesystems).
 * @fn: called with fs_types_lock HELD: it must not sleep nor take a lock at or below
 *      LOCK_MOUNT (mount_lock included). @arg: passed through.
 * Context: no spinlock held. Return: nothing.
 */
void fs_types_for_each(void (*fn)(const struct file_system_type *type, void *arg), void *arg)
{
	struct file_system_type *t;

	spin_lock(&fs_types_lock);
	list_for_each_entry(t, &fs_types, fs_types)
		fn(t, arg);
	spin_unlock(&fs_types_lock);
}

/**
 * sb_alloc() - an empty superblock of @type with operations @ops and a fresh device number.
 * Context: no spinlock held. Return: the superblock (s_active 1), or NULL if out of memory.
 */
struct super_block *sb_alloc(struct file_system_type *type, const struct super_operations *ops)
{
	struct super_block *sb = kzalloc(sizeof(*sb));

	if (!sb)
		return NULL;
	sb->s_type = type;
	sb->s_op = ops;
	sb->s_active = 1;
	sb->s_next_ino = 1;
	list_init(&sb->s_inodes);
	spin_lock(&fs_types_lock);
	sb->s_dev = MKDEV(0, next_anon_minor++);
	spin_unlock(&fs_types_lock);
	return sb;
}

/**
 * sb_free() - free a superblock whose tree and inodes are gone.
 * Context: no spinlock held. Return: nothing; an inode left on the list is a leak and logged.
 */
void sb_free(struct super_block *sb)
{
	if (!list_empty(&sb->s_inodes))
		pr_err("vfs: %s superblock freed with inodes still in use\n", sb->s_type->name);
	kfree(sb);
}

/**
 * sb_set_root() - finish a new superblock of an in-memory filesystem: its root dentry.
 * @sb: from sb_alloc(), or NULL (out of memory already).
 * @root: the root directory's inode, or NULL (out of memory).
 *
 * On failure both are freed, so a filesystem's mount() is sb_alloc, make the root inode,
 * return sb_set_root(). Context: no spinlock held.
 * Return: @sb, or ERR_PTR(-ENOMEM).
 */
struct super_block *sb_set_root(struct super_block *sb, struct inode *root)
{
	if (sb && root)
		sb->s_root = d_alloc_root(sb, root);
	if (sb && sb->s_root)
		return sb;
	if (root)
		iput(root);
	if (sb)
		sb_free(sb);
	return ERR_PTR(-ENOMEM);
}

/**
 * kill_litter_super() - kill_sb() for a filesystem whose whole tree lives in the dcache
 * (ramfs, tmpfs, proc): free every dentry, their inodes, then the superblock.
 * Context: the last mount is gone. Return: nothing. (Linux: fs/super.c, same name.)
 */
void kill_litter_super(struct super_block *sb)
{
	dcache_kill_tree(sb->s_root);
	sb_free(sb);
}

/**
 * vfs_init() - bring up the VFS: caches, filesystem types, devices, the root ramfs.
 *
 * Context: boot, after mm_init() and sched_init(), before initramfs_unpack().
 * Return: nothing; panics if the root cannot be mounted (nothing could run without it).
 */
void vfs_init(void)
{
	struct path root;
	int err;

	dcache_init();
	file_init();
	fdtable_init();
	fs_struct_cache_init();
	ramfs_init();
	proc_root_init();
	mem_devices_init();
	pipe_init();
	nsfs_init();
	err = mount_root("ramfs", &root);
	if (err)
		panic("vfs: cannot mount the root ramfs (%d)", err);
	fs_struct_init_root(&root);
	path_put(&root);
	pr_info("vfs: root is a ramfs; dcache has %u buckets\n", 1u << 10);
}
