/* inode.c - the life of an inode: created by its filesystem, counted, evicted at the last put.
 *
 * Each filesystem allocates its inodes from its own slab cache (super_operations.alloc_inode:
 * ramfs from "shmem_inode_cache", procfs later from "proc_inode_cache"), embedding the struct
 * inode in a bigger struct of its own, as Linux does; inode_new() fills in the common part and
 * links the inode on its superblock's list. References (i_count) come from dentries (a
 * positive dentry holds one) and open files. At the last iput() the inode is evicted: the
 * filesystem drops its data (.evict_inode: ramfs frees its pages), the inode leaves the
 * superblock's list and goes back to the filesystem's cache (.free_inode). Unlike Linux there
 * is no separate cache of unused inodes: an unused inode lives exactly as long as an unused
 * dentry on the dcache LRU points at it, so dcache_shrink() is the only shrinker needed.
 *
 * Timestamps are realtime nanoseconds: the CMOS clock's time at boot plus the monotonic
 * clock, the same sum clock_gettime(CLOCK_REALTIME) reports (kernel/time_syscalls.c).
 * Invariants: i_count > 0 while reachable from a dentry or a file; i_ino is unique within its
 * superblock. Locking: i_count is atomic; i_lock (LOCK_INODE) guards the attributes;
 * sb_inodes_lock (LOCK_SB_INODES) the superblock lists and inode numbers.
 * See also: kernel/include/vfs.h, kernel/fs/ramfs.c. Linux: fs/inode.c (new_inode, iput,
 * evict). */
#include "vfs.h"
#include "arch.h"
#include "panic.h"
#include "printk.h"
#include "time.h"
#include "spinlock.h"
#include "refcount.h"
#include "uapi/errno.h"

static struct spinlock sb_inodes_lock = SPINLOCK_INIT("sb_inodes_lock", LOCK_SB_INODES);

/**
 * inode_new() - a new inode of @sb with @mode, one reference, link count 1.
 * @sb: its superblock; @mode: S_IF* | permission bits.
 *
 * Context: no spinlock above LOCK_SB_INODES held; does not sleep.
 * Return: the inode, or NULL if out of memory.
 */
struct inode *inode_new(struct super_block *sb, unsigned int mode)
{
	struct inode *inode = sb->s_op->alloc_inode(sb);
	uint64_t now = inode_now_ns();

	if (!inode)
		return NULL;
	inode->i_sb = sb;
	inode->i_mode = mode;
	inode->i_nlink = 1;
	inode->i_count = 1;
	inode->i_atime_ns = inode->i_mtime_ns = inode->i_ctime_ns = now;
	spin_init(&inode->i_lock, "inode", LOCK_INODE);
	spin_lock(&sb_inodes_lock);
	inode->i_ino = sb->s_next_ino++;
	list_add_tail(&inode->i_sb_list, &sb->s_inodes);
	spin_unlock(&sb_inodes_lock);
	return inode;
}

/**
 * igrab() - take another reference on @inode.
 * Context: any; the caller already holds a reference or the lock that keeps @inode alive.
 * Return: @inode.
 */
struct inode *igrab(struct inode *inode)
{
	ref_get(&inode->i_count, "inode");
	return inode;
}

/*
 * Writers and executors exclude each other, as on Linux: a program's text is mapped from its
 * file's own frames (kernel/mm/fault.c), so writing the file while it runs would change the
 * running code under the processes' feet. i_writecount counts opens for writing up and
 * address spaces executing the file down; a side finding the other one there gets ETXTBSY
 * ("text file busy"): open(O_WRONLY/O_RDWR, or O_TRUNC) or truncate(2) of a running program,
 * and execve of a file open for writing. Linux: fs/namei.c get_write_access,
 * deny_write_access (include/linux/fs.h).
 */

/* inode_get_write_access() - one more writer. Return: 0, or -ETXTBSY (being executed). */
int inode_get_write_access(struct inode *inode)
{
	int err = 0;

	spin_lock(&inode->i_lock);
	if (inode->i_writecount < 0)
		err = -ETXTBSY;
	else
		inode->i_writecount++;
	spin_unlock(&inode->i_lock);
	return err;
}

/* inode_put_write_access() - a writer is gone. */
void inode_put_write_access(struct inode *inode)
{
	spin_lock(&inode->i_lock);
	BUG_ON(inode->i_writecount <= 0);
	inode->i_writecount--;
	spin_unlock(&inode->i_lock);
}

/* inode_deny_write_access() - one more address space executes @inode. Return: 0, or
 * -ETXTBSY (open for writing). */
int inode_deny_write_access(struct inode *inode)
{
	int err = 0;

	spin_lock(&inode->i_lock);
	if (inode->i_writecount > 0)
		err = -ETXTBSY;
	else
		inode->i_writecount--;
	spin_unlock(&inode->i_lock);
	return err;
}

/* inode_allow_write_access() - an address space executing @inode is gone. */
void inode_allow_write_access(struct inode *inode)
{
	spin_lock(&inode->i_lock);
	BUG_ON(inode->i_writecount >= 0);
	inode->i_writecount++;
	spin_unlock(&inode->i_lock);
}

/**
 * iput() - drop a reference on @inode (NULL is ignored); the last one evicts and frees it.
 * Context: no spinlock above LOCK_SB_INODES held; does not sleep. Return: nothing.
 */
void iput(struct inode *inode)
{
	if (!inode || !ref_put(&inode->i_count, "inode"))
		return;
	if (inode->i_sb->s_op->evict_inode)
		inode->i_sb->s_op->evict_inode(inode);
	spin_lock(&sb_inodes_lock);
	list_del(&inode->i_sb_list);
	spin_unlock(&sb_inodes_lock);
	inode->i_sb->s_op->free_inode(inode);
}

/**
 * inode_now_ns() - the time to stamp on inodes: realtime nanoseconds since the epoch.
 * Context: any. Return: the time.
 */
uint64_t inode_now_ns(void)
{
	return arch_boot_epoch_seconds() * NSEC_PER_SEC + time_ns();
}

/**
 * inode_touch() - record a change: ctime always, mtime too if the contents were @modified.
 * Context: i_lock not held. Return: nothing.
 */
void inode_touch(struct inode *inode, bool modified)
{
	uint64_t now = inode_now_ns();

	spin_lock(&inode->i_lock);
	inode->i_ctime_ns = now;
	if (modified)
		inode->i_mtime_ns = now;
	spin_unlock(&inode->i_lock);
}

/* inode_mode() - a consistent read of i_mode. Context: i_lock not held. */
unsigned int inode_mode(struct inode *inode)
{
	unsigned int mode;

	spin_lock(&inode->i_lock);
	mode = inode->i_mode;
	spin_unlock(&inode->i_lock);
	return mode;
}

/* inode_size() - a consistent read of i_size. Context: i_lock not held. */
uint64_t inode_size(struct inode *inode)
{
	uint64_t size;

	spin_lock(&inode->i_lock);
	size = inode->i_size;
	spin_unlock(&inode->i_lock);
	return size;
}

/**
 * inode_set_nlink() - add @delta (+1 link, -1 unlink) to the link count, and touch ctime.
 * Context: vfs_dir_lock held (names change only under it). Return: nothing.
 */
void inode_set_nlink(struct inode *inode, int delta)
{
	spin_lock(&inode->i_lock);
	inode->i_nlink = (unsigned int)((int)inode->i_nlink + delta);
	inode->i_ctime_ns = inode_now_ns();
	spin_unlock(&inode->i_lock);
}
