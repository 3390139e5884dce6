/* nsfs.c - files that stand for a namespace: what open("/proc/<pid>/ns/pid") returns, and
 * what setns(fd, CLONE_NEWPID) takes.
 *
 * /proc/<pid>/ns/pid reads as the text "pid:[4026531836]" (readlink) but opens as a file of
 * this internal filesystem: procfs's link is a "magic" one (inode_operations.jump_link) that
 * the path walk follows straight to a {mount, dentry} made here. Each open makes a fresh,
 * unhashed dentry and inode holding a reference on the namespace; the last close frees both
 * and drops the reference, so an fd - like a proc mount - keeps its namespace alive exactly
 * as long as it exists (the reference's section 0), and nothing is cached.
 *
 * The superblock is never mounted in the name tree; kern_mount() gives it a mount of its own
 * so its files have a path like any other (Linux: fs/nsfs.c, nsfs_mnt). Only pid namespaces
 * exist here.
 * Locking: none of its own; the dcache's and the slab's.
 * See also: kernel/fs/proc/base.c (the ns/ links), kernel/fork.c (setns), kernel/pid_namespace.c.
 */
#include "nsfs.h"
#include "dcache.h"
#include "err.h"
#include "file.h"
#include "mount.h"
#include "panic.h"
#include "pid_namespace.h"
#include "slab.h"
#include "vfs.h"
#include "vsprintf.h"
#include "uapi/errno.h"

static struct super_block *nsfs_sb;
static struct mount *nsfs_mnt;
static struct kmem_cache *nsfs_inode_cache;	/* its inodes are plain VFS inodes */

static ssize_t nsfs_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return -EINVAL;		/* as Linux: a namespace file has nothing to read */
}

static const struct file_operations nsfs_fops = {
	.read = nsfs_read,
};

static const struct inode_operations nsfs_iops = { 0 };

static struct inode *nsfs_alloc_inode(struct super_block *sb)
{
	(void)sb;
	return kmem_cache_zalloc(nsfs_inode_cache);
}

/* nsfs_evict_inode() - the last user of the file is gone: drop the namespace. */
static void nsfs_evict_inode(struct inode *inode)
{
	put_pid_ns(inode->i_private);
}

static void nsfs_free_inode(struct inode *inode)
{
	kmem_cache_free(nsfs_inode_cache, inode);
}

static const struct super_operations nsfs_sops = {
	.alloc_inode = nsfs_alloc_inode,
	.evict_inode = nsfs_evict_inode,
	.free_inode = nsfs_free_inode,
};

static struct file_system_type nsfs_type = { .name = "nsfs" };	/* never mounted */

/**
 * nsfs_init() - the internal superblock and its mount.
 * Context: boot (vfs_init). Return: nothing; panics if out of memory.
 */
void nsfs_init(void)
{
	struct inode *root;

	nsfs_inode_cache = kmem_cache_create("nsfs_inode", sizeof(struct inode), 8);
	nsfs_sb = nsfs_inode_cache ? sb_alloc(&nsfs_type, &nsfs_sops) : NULL;
	root = nsfs_sb ? inode_new(nsfs_sb, S_IFDIR | 0555) : NULL;
	if (root)
		root->i_op = &nsfs_iops;
	nsfs_sb = sb_set_root(nsfs_sb, root);
	nsfs_mnt = IS_ERR_OR_NULL(nsfs_sb) ? NULL : kern_mount(nsfs_sb, "nsfs");
	if (!nsfs_mnt)
		panic("nsfs: cannot create the nsfs superblock");
}

/**
 * nsfs_path_of() - a path naming pid namespace @ns: a fresh dentry "pid:[inum]" whose inode
 * holds a reference on @ns, for the walk to land on and open() to open.
 * @ns: the namespace. @out: set to the path, counted (path_put it).
 * Context: no spinlock held. Return: 0 or -ENOMEM.
 */
int nsfs_path_of(struct pid_namespace *ns, struct path *out)
{
	char name[32];
	struct inode *inode = inode_new(nsfs_sb, S_IFREG | 0444);
	struct dentry *d;
	int len = snprintf(name, sizeof(name), "pid:[%u]", ns->inum);

	if (!inode)
		return -ENOMEM;
	inode->i_ino = ns->inum;
	inode->i_fop = &nsfs_fops;
	inode->i_op = &nsfs_iops;
	inode->i_private = get_pid_ns(ns);
	d = d_alloc(nsfs_sb->s_root, name, (size_t)len);
	if (!d) {
		iput(inode);
		return -ENOMEM;
	}
	d_add(d, inode);
	d_drop(d);	/* unhashed: freed, with the inode and the reference, at its last dput */
	*out = (struct path){ mntget(nsfs_mnt), d };
	return 0;
}

/**
 * nsfs_pid_ns_of() - the pid namespace an open file stands for.
 * @f: any open file.
 * Context: any. Return: the namespace (no reference taken: @f holds one), or NULL if @f is
 * not a namespace file.
 */
struct pid_namespace *nsfs_pid_ns_of(struct file *f)
{
	if (!f->f_inode || f->f_inode->i_sb != nsfs_sb || f->f_inode == nsfs_sb->s_root->d_inode)
		return NULL;
	return f->f_inode->i_private;
}
