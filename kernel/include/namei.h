/* namei.h - from a path string to a dentry, and the operations on names (Linux's namei).
 *
 * path_lookup() walks a path (kernel/fs/path_walk.c): absolute or relative to a directory
 * (AT_FDCWD: the cwd), "." and "..", repeated and trailing slashes, symlinks (at most
 * MAXSYMLINKS, ELOOP beyond), mount points both ways. The do_X() functions
 * (kernel/fs/namei.c) create and remove names with Linux's errno rules; they take KERNEL
 * strings, so the kernel itself (initramfs, self-tests) uses them too.
 * See also: kernel/include/dcache.h, mount.h. Linux: fs/namei.c, include/linux/namei.h. */
#ifndef REAPER_NAMEI_H
#define REAPER_NAMEI_H

#include "mount.h"
#include "spinlock.h"

/* path_lookup() flags. */
#define LOOKUP_FOLLOW		(1u << 0)	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	(1u << 1)	/* the result must be a directory (ENOTDIR) */
#define LOOKUP_CREATE		(1u << 2)	/* a missing last name: its negative dentry */
#define LOOKUP_EMPTY		(1u << 3)	/* "" is the start directory (AT_EMPTY_PATH) */
#define LOOKUP_NOCROSS_LAST	(1u << 4)	/* stay on a last name that is a mountpoint */

/* What the last component was. */
enum last_type {
	LAST_NORM,	/* an ordinary name: the result is its dentry */
	LAST_ROOT,	/* no component ("/", or "" with LOOKUP_EMPTY) */
	LAST_DOT,	/* "." */
	LAST_DOTDOT,	/* ".." */
};

struct path_last {
	struct path path;	/* counted; LAST_NORM with LOOKUP_CREATE: maybe negative */
	enum last_type last_type;
	bool trailing_slash;	/* the path ended in '/' */
};

/* Serialises every change to any directory, and the filling of the dcache by lookups. */
extern struct spinlock vfs_dir_lock;

int path_lookup(int dfd, const char *name, unsigned int flags, struct path_last *out);
int path_lookupat(int dfd, const char *name, unsigned int flags, struct path *out);
struct dentry *lookup_one(struct dentry *parent, const char *name, size_t len);
char *getname(uaddr_t uname);
char *getname_flags(uaddr_t uname, bool allow_empty);
void putname(char *name);

int do_mkdirat(int dfd, const char *path, unsigned int mode);
int do_mknodat(int dfd, const char *path, unsigned int mode, unsigned int rdev);
int do_rmdir(int dfd, const char *path);
int do_unlinkat(int dfd, const char *path, int flags);
int do_renameat2(int olddfd, const char *oldpath, int newdfd, const char *newpath,
		 unsigned int flags);
int do_symlinkat(const char *target, int newdfd, const char *linkpath);
int do_linkat(int olddfd, const char *oldpath, int newdfd, const char *newpath, int flags);
int vfs_create_locked(struct dentry *d, unsigned int mode);

#endif
