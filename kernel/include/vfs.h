/* vfs.h - the virtual filesystem's objects: inodes, superblocks, filesystem types.
 *
 * An inode is one file as its filesystem knows it: type and permissions (i_mode), size, link
 * count, device number for device nodes, timestamps, and the operations that act on it. A
 * superblock is one mounted instance of a filesystem (one ramfs, one proc for a pid
 * namespace): its root dentry and the list of its inodes. A file_system_type is a kind of
 * filesystem, registered by name ("ramfs", "tmpfs", later "proc"); mount(2) asks it for a
 * superblock. Names live in the dcache (dcache.h), mounts in mount.h, open files in file.h.
 *
 * Lifetimes: an inode is counted (i_count): every dentry that points at it and every open
 * file holds a reference; at the last iput() the filesystem frees it (super_operations
 * .free_inode) after .evict_inode has released its data. An inode with links but no
 * references does not exist: ramfs pins its dentries (dcache.h, DCACHE_PINNED), and other
 * filesystems rebuild inodes on lookup. A superblock lives while a mount uses it (s_active).
 *
 * Locking: i_lock (LOCK_INODE) protects an inode's mutable attributes and its filesystem's
 * data (ramfs pages); i_count is atomic; a superblock's inode list is under sb_inodes_lock
 * (LOCK_SB_INODES, kernel/fs/inode.c); s_active under mount_lock (kernel/fs/mount.c).
 * See also: kernel/fs/inode.c, kernel/fs/super.c. Linux: include/linux/fs.h. */
#ifndef REAPER_VFS_H
#define REAPER_VFS_H

#include "types.h"
#include "list.h"
#include "spinlock.h"
#include "uapi/stat.h"

#define NAME_MAX	255	/* bytes of one path component */
#define PATH_MAX	4096	/* bytes of a path, NUL included */
#define MAXSYMLINKS	40	/* symlinks followed in one lookup before ELOOP */

/* Device numbers inside the kernel: 12 bits of major, 20 of minor (Linux's kdev_t). */
#define MINORBITS	20
#define MKDEV(ma, mi)	(((unsigned int)(ma) << MINORBITS) | (unsigned int)(mi))
#define MAJOR(dev)	((unsigned int)(dev) >> MINORBITS)
#define MINOR(dev)	((unsigned int)(dev) & ((1u << MINORBITS) - 1))

struct inode;
struct dentry;
struct path;
struct file;
struct super_block;
struct file_operations;

/* What setattr() changes: chmod sets ATTR_MODE, truncate ATTR_SIZE. */
#define ATTR_MODE	(1u << 0)
#define ATTR_SIZE	(1u << 3)

struct iattr {
	unsigned int ia_valid;	/* ATTR_* */
	unsigned int ia_mode;	/* permission bits (07777) when ATTR_MODE */
	uint64_t ia_size;	/* bytes when ATTR_SIZE */
};

/*
 * What a filesystem does with the names in a directory inode (@dir) and with an inode.
 * The dentry arguments are the names being looked up or created: negative (d_inode NULL) for
 * create/mkdir/mknod/symlink/link targets. Each returns 0 or -errno. The VFS serialises every
 * call that changes a directory with vfs_dir_lock (kernel/fs/namei.c), so none of them needs
 * its own lock for the names; none may sleep.
 */
struct inode_operations {
	/* lookup() - @d is not in the dcache: d_add() it, positive or negative. */
	int (*lookup)(struct inode *dir, struct dentry *d);
	/* lookup_unlocked() - lookup() for a filesystem whose lookups take locks that come
	 * before vfs_dir_lock (procfs: the process tree): called without it; it makes the
	 * inode (or none) and adds @d with d_add_unique(). Return: the dentry to use, counted
	 * (@d, or the one a concurrent lookup added first), or ERR_PTR(-errno). */
	struct dentry *(*lookup_unlocked)(struct inode *dir, struct dentry *d);
	int (*create)(struct inode *dir, struct dentry *d, unsigned int mode);
	int (*mkdir)(struct inode *dir, struct dentry *d, unsigned int mode);
	int (*mknod)(struct inode *dir, struct dentry *d, unsigned int mode, unsigned int rdev);
	int (*symlink)(struct inode *dir, struct dentry *d, const char *target);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *d);
	int (*unlink)(struct inode *dir, struct dentry *d);
	int (*rmdir)(struct inode *dir, struct dentry *d);
	/* rename() - the VFS has checked types and emptiness; @new_d may be positive. */
	int (*rename)(struct inode *old_dir, struct dentry *old_d, struct inode *new_dir,
		      struct dentry *new_d);
	/* get_link() - a symlink's target into @buf (no NUL). Return: its length or -errno. */
	int (*get_link)(struct inode *inode, char *buf, size_t size);
	/* jump_link() - a "magic" symlink (procfs's ns/pid): following it goes straight to
	 * *@out (counted), not to a path named by text. Return: 0 or -errno. */
	int (*jump_link)(struct inode *inode, struct path *out);
	int (*setattr)(struct dentry *d, const struct iattr *attr);
};

struct super_operations {
	struct inode *(*alloc_inode)(struct super_block *sb);	/* zeroed fs inode or NULL */
	void (*evict_inode)(struct inode *inode);	/* last reference gone: drop its data */
	void (*free_inode)(struct inode *inode);	/* back to the filesystem's cache */
};

struct file_system_type {
	const char *name;		/* mount(2)'s type argument */
	/* mount() - a new superblock with its s_root, or ERR_PTR(-errno). */
	struct super_block *(*mount)(struct file_system_type *type, unsigned int flags,
				     const char *source, const char *data);
	/* kill_sb() - the last mount is gone: free every dentry and inode, then the sb. */
	void (*kill_sb)(struct super_block *sb);
	struct list_head fs_types;	/* on the registry (kernel/fs/super.c) */
};

struct super_block {
	/* Immutable after creation: */
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	struct dentry *s_root;		/* counted; the root of this filesystem's tree */
	unsigned int s_dev;		/* MKDEV(0, n): an anonymous device for st_dev */
	void *s_fs_info;		/* the filesystem's (proc: its pid namespace) */
	struct list_head s_proc_link;	/* proc: on its namespace's proc_sbs (LOCK_PROC_SBS) */

	/* Protected by mount_lock (kernel/fs/mount.c): */
	int s_active;			/* mounts using this superblock */
	unsigned int s_flags;		/* MS_RDONLY, recorded */

	/* Protected by sb_inodes_lock (kernel/fs/inode.c): */
	struct list_head s_inodes;	/* of struct inode via i_sb_list */
	uint64_t s_next_ino;		/* the next inode number handed out */
};

struct inode {
	/* Immutable after creation: */
	uint64_t i_ino;
	struct super_block *i_sb;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;	/* what open() of this inode uses */
	unsigned int i_rdev;		/* MKDEV(major, minor) for device nodes */

	/* Protected by i_lock: */
	struct spinlock i_lock;		/* LOCK_INODE */
	unsigned int i_mode;		/* S_IF* | permission bits */
	unsigned int i_nlink;		/* names of this inode; 0: freed at the last iput */
	uint64_t i_size;		/* bytes */
	uint64_t i_blocks;		/* 512-byte units of data allocated */
	uint64_t i_atime_ns;		/* realtime nanoseconds since the epoch */
	uint64_t i_mtime_ns;
	uint64_t i_ctime_ns;
	void *i_private;		/* the filesystem's */

	/* Protected by sb_inodes_lock: */
	struct list_head i_sb_list;	/* on i_sb->s_inodes */

	/* Atomic: */
	int i_count;			/* references: dentries and open files */

	/* Protected by i_lock: */
	int i_writecount;		/* > 0: open for writing that many times; < 0: being
					 * executed by that many address spaces (ETXTBSY) */
};

/* kernel/fs/inode.c */
struct inode *inode_new(struct super_block *sb, unsigned int mode);
struct inode *igrab(struct inode *inode);
void iput(struct inode *inode);
int inode_get_write_access(struct inode *inode);
void inode_put_write_access(struct inode *inode);
int inode_deny_write_access(struct inode *inode);
void inode_allow_write_access(struct inode *inode);
uint64_t inode_now_ns(void);
void inode_touch(struct inode *inode, bool modified);
unsigned int inode_mode(struct inode *inode);
uint64_t inode_size(struct inode *inode);
void inode_set_nlink(struct inode *inode, int delta);

/* kernel/fs/ramfs.c: registers "ramfs" and "tmpfs" */
void ramfs_init(void);

/* kernel/fs/super.c */
void vfs_init(void);
int register_filesystem(struct file_system_type *type);
struct file_system_type *get_fs_type(const char *name);
void fs_types_for_each(void (*fn)(const struct file_system_type *type, void *arg), void *arg);
struct super_block *sb_alloc(struct file_system_type *type, const struct super_operations *ops);
void sb_free(struct super_block *sb);
struct super_block *sb_set_root(struct super_block *sb, struct inode *root);
void kill_litter_super(struct super_block *sb);

#endif
