/* mount.h - mounts: where each filesystem's tree is grafted into the single name tree.
 *
 * A struct mount attaches the root dentry of a superblock (mnt_root) on top of a directory
 * (mnt_mountpoint) of another mount (mnt_parent). A path is therefore a pair {mount, dentry}:
 * the same dentry can be visible through two mounts (a bind mount), and ".." at a mount's
 * root leaves through the mountpoint. The root mount is its own parent.
 *
 * References: mnt_count counts the mount tree's own reference (while attached), every struct
 * path held by a process (root, cwd), an open file or a walk in progress. umount2() refuses
 * (EBUSY) while anything but the tree and the caller holds it, unless MNT_DETACH.
 * A mount holds references on its root and mountpoint dentries, its parent mount and its
 * superblock (s_active); the superblock is killed when its last mount is freed.
 * Locking: mount_lock (LOCK_MOUNT) protects the list of mounts, every mnt_count, s_active
 * and d_mounted. See also: kernel/fs/mount.c. Linux: fs/mount.h, fs/namespace.c. */
#ifndef REAPER_MOUNT_H
#define REAPER_MOUNT_H

#include "types.h"
#include "list.h"

struct dentry;
struct super_block;

struct mount {
	/* Immutable while attached: */
	struct mount *mnt_parent;	/* counted; the root mount points at itself */
	struct dentry *mnt_mountpoint;	/* counted; where it is attached in mnt_parent */
	struct dentry *mnt_root;	/* counted; the root of what is mounted */
	struct super_block *mnt_sb;	/* holds one s_active */
	char *mnt_devname;		/* mount(2)'s source string, for /proc/mounts */
	unsigned int mnt_flags;		/* MS_RDONLY | MS_NOSUID ..., recorded */

	/* Protected by mount_lock: */
	int mnt_count;			/* references, see above */
	bool mnt_attached;		/* in the tree (on mount_list) */
	struct list_head mnt_list;	/* on mount_list while attached, in mount order */
};

/* A place in the name tree: which mount, which dentry. Both counted when held. */
struct path {
	struct mount *mnt;
	struct dentry *dentry;
};

void path_get(const struct path *p);
void path_put(struct path *p);
bool path_equal(const struct path *a, const struct path *b);

struct mount *mntget(struct mount *m);
void mntput(struct mount *m);
struct mount *lookup_mnt(struct mount *parent, struct dentry *mountpoint);
bool mnt_has_parent(const struct mount *m);
int mount_root(const char *fstype, struct path *root);
int do_mount(const char *source, const char *target, const char *fstype, unsigned int flags,
	     const char *data);
int do_umount(const char *target, unsigned int flags);
int mount_count(void);
struct mount *kern_mount(struct super_block *sb, const char *name);
void mount_for_each(void (*fn)(struct mount *m, void *arg), void *arg);

#endif
