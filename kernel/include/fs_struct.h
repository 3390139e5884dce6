/* fs_struct.h - a process's place in the name tree: its root, its cwd and its umask.
 *
 * Relative paths start at pwd, absolute ones at root ("/" as this process sees it; ".."
 * never climbs above it). umask (022 at boot) clears permission bits of every file the
 * process creates. Kernel threads have no process; they use init_fs, whose root and cwd are
 * the root of the root mount. The struct is counted for CLONE_FS (next issue).
 * Locking: lock (LOCK_FS_STRUCT) protects root, pwd and umask; readers copy a path with
 * fs_get_root()/fs_get_pwd(), which take references.
 * See also: kernel/fs/fs_struct.c. Linux: include/linux/fs_struct.h, fs/fs_struct.c. */
#ifndef REAPER_FS_STRUCT_H
#define REAPER_FS_STRUCT_H

#include "mount.h"
#include "spinlock.h"

struct fs_struct {
	struct spinlock lock;		/* LOCK_FS_STRUCT */
	/* Protected by lock: */
	int users;			/* processes sharing it */
	struct path root;		/* counted */
	struct path pwd;		/* counted */
	unsigned int umask;		/* permission bits cleared on create; 022 at boot */
};

extern struct fs_struct init_fs;

void fs_struct_cache_init(void);
void fs_struct_init_root(const struct path *root);
struct fs_struct *fs_struct_create(void);
struct fs_struct *fs_struct_copy(struct fs_struct *old);
void fs_struct_put(struct fs_struct *fs);
struct fs_struct *current_fs(void);
void fs_get_root(struct fs_struct *fs, struct path *out);
void fs_get_pwd(struct fs_struct *fs, struct path *out);
void fs_set_pwd(struct fs_struct *fs, const struct path *pwd);
unsigned int fs_umask(struct fs_struct *fs);
unsigned int fs_set_umask(struct fs_struct *fs, unsigned int mask);
int d_path(const struct path *path, const struct path *root, char *buf, size_t size);

#endif
