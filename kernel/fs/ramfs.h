/* ramfs.h - private to kernel/fs/ramfs.c and ramfs_data.c: a ramfs inode and its data.
 * The struct inode is embedded first, so the VFS's struct inode * and ours convert with
 * ramfs_i(); every ramfs/tmpfs inode comes from the slab cache "shmem_inode_cache". */
#ifndef REAPER_FS_RAMFS_H
#define REAPER_FS_RAMFS_H

#include "vfs.h"

#define RAMFS_MAX_FILE	(1ULL << 30)	/* bytes of one file; EFBIG beyond */

struct ramfs_inode {
	struct inode vfs_inode;

	/* Protected by vfs_inode.i_lock: */
	paddr_t *pages;		/* frame holding each 4 KiB page of the file; 0: a hole */
	size_t nr_slots;	/* entries in pages[] */

	/* Immutable after creation: */
	char *symlink;		/* a symlink's target, NUL-terminated (kmalloc'd) */
};

static inline struct ramfs_inode *ramfs_i(struct inode *inode)
{
	return container_of(inode, struct ramfs_inode, vfs_inode);
}

extern const struct file_operations ramfs_file_fops;
int ramfs_setsize(struct inode *inode, uint64_t size);
void ramfs_free_data(struct inode *inode);

#endif
