/* namei.c - creating, linking, renaming and removing names: the checks Linux makes, in order.
 *
 * Each operation first walks to the last component without creating anything
 * (path_lookup with LOOKUP_CREATE gives the negative dentry of a missing name; with
 * LOOKUP_NOCROSS_LAST a mountpoint stays itself, so rmdir of one gives EBUSY). Then, under
 * vfs_dir_lock, it re-checks what the walk saw - another thread may have created or removed
 * the name in between - and calls the filesystem's inode operation. The errno rules follow
 * Linux (fs/namei.c): EEXIST for an existing target, ENOENT for a missing one or a removed
 * directory, ENOTDIR/EISDIR for type mismatches, ENOTEMPTY, EBUSY for mountpoints and "."/".."
 * in rename, EXDEV across mounts, EINVAL for renaming a directory into itself.
 *
 * vfs_dir_lock serialises every change of a directory in every filesystem (one lock where
 * Linux has a rwsem per directory plus s_vfs_rename_mutex): simple, and correct on any number
 * of CPUs, at the price of concurrency we do not need. It is a spinlock, so filesystem inode
 * operations must not sleep - true of ramfs and of procfs (which creates no names).
 * Invariants: a name changes only under vfs_dir_lock; a removed directory has i_nlink 0 and
 * nothing can be created in it.
 * Locking: vfs_dir_lock (LOCK_VFS_DIR), outside dcache_lock and i_lock.
 * See also: kernel/fs/path_walk.c, kernel/fs/ramfs.c, kernel/fs/open.c (O_CREAT).
 * Linux: fs/namei.c (do_mkdirat, do_rmdir, do_unlinkat, do_renameat2, do_symlinkat,
 * do_linkat, vfs_*). */
#include "namei.h"
#include "dcache.h"
#include "err.h"
#include "fs_struct.h"
#include "kmalloc.h"
#include "syscalls.h"
#include "uaccess.h"
#include "vfs.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

struct spinlock vfs_dir_lock = SPINLOCK_INIT("vfs_dir_lock", LOCK_VFS_DIR);

/**
 * getname_flags() - copy a user path into a new kernel buffer of PATH_MAX bytes.
 * @uname: the user address; @allow_empty: "" is returned rather than refused.
 * Context: a thread. Return: the string (putname() it), or ERR_PTR(-EFAULT, -ENAMETOOLONG
 * (no NUL within PATH_MAX bytes), -ENOENT ("" not allowed), -ENOMEM).
 */
char *getname_flags(uaddr_t uname, bool allow_empty)
{
	char *name = kmalloc(PATH_MAX);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, uname, PATH_MAX);
	if (len == 0 && !allow_empty)
		len = -ENOENT;
	if (len < 0) {
		kfree(name);
		return ERR_PTR(len);
	}
	return name;
}

/* getname() - getname_flags() refusing "" (ENOENT), as most path syscalls do. */
char *getname(uaddr_t uname)
{
	return getname_flags(uname, false);
}

/* putname() - free a getname() string (an ERR_PTR or NULL is ignored). */
void putname(char *name)
{
	if (!IS_ERR_OR_NULL(name))
		kfree(name);
}

/* parent_dir() - the directory inode holding the name @d (stable under vfs_dir_lock). */
static struct inode *parent_dir(struct dentry *d)
{
	return d->d_parent->d_inode;
}

/* may_create_locked() - can a new name be made at the negative dentry @d? */
static int may_create_locked(struct dentry *d)
{
	assert_held(&vfs_dir_lock);
	if (d->d_inode)
		return -EEXIST;
	if (d_unhashed(d) || parent_dir(d)->i_nlink == 0)
		return -ENOENT;	/* the name or its directory was removed meanwhile */
	return 0;
}

/**
 * vfs_create_locked() - create a regular file at the negative dentry @d (open's O_CREAT).
 * @mode: permission bits, umask already applied.
 * Context: vfs_dir_lock held. Return: 0, -EEXIST, -ENOENT, -EPERM (no create op), -ENOMEM.
 */
int vfs_create_locked(struct dentry *d, unsigned int mode)
{
	struct inode *dir = parent_dir(d);
	int err = may_create_locked(d);

	if (err)
		return err;
	return dir->i_op->create ? dir->i_op->create(dir, d, mode) : -EPERM;
}

/* lookup_create() - walk to the name a create will make. */
static int lookup_create(int dfd, const char *path, struct path_last *last)
{
	int err = path_lookup(dfd, path, LOOKUP_CREATE | LOOKUP_NOCROSS_LAST, last);

	if (!err && last->last_type != LAST_NORM) {
		path_put(&last->path);
		err = -EEXIST;	/* "/", "." and ".." always exist */
	}
	return err;
}

/* umasked() - @mode's permission bits minus the process umask. */
static unsigned int umasked(unsigned int mode)
{
	return mode & S_IALLUGO & ~fs_umask(current_fs());
}

/**
 * do_mknodat() - make a node of type and mode @mode (S_IFDIR, S_IFREG, S_IFCHR ...).
 * @dfd, @path: where; @mode: type | permissions (umask applied here); @rdev: for devices.
 * Context: a thread; no spinlock held.
 * Return: 0, -EEXIST, -ENOENT (missing directory, or a trailing slash on a non-directory),
 * -ENOTDIR, -ENAMETOOLONG, -ELOOP, -EPERM (filesystem cannot), -ENOMEM.
 */
int do_mknodat(int dfd, const char *path, unsigned int mode, unsigned int rdev)
{
	struct path_last last;
	struct dentry *d;
	struct inode *dir;
	int err = lookup_create(dfd, path, &last);

	if (err)
		return err;
	d = last.path.dentry;
	spin_lock(&vfs_dir_lock);
	dir = parent_dir(d);
	err = may_create_locked(d);
	if (!err && last.trailing_slash && !S_ISDIR(mode))
		err = -ENOENT;
	if (!err && S_ISDIR(mode))
		err = dir->i_op->mkdir ? dir->i_op->mkdir(dir, d, umasked(mode)) : -EPERM;
	else if (!err)
		err = dir->i_op->mknod ? dir->i_op->mknod(dir, d, (mode & S_IFMT) | umasked(mode),
							  rdev) : -EPERM;
	spin_unlock(&vfs_dir_lock);
	path_put(&last.path);
	return err;
}

/* do_mkdirat() - mkdir(2): do_mknodat() of a directory. */
int do_mkdirat(int dfd, const char *path, unsigned int mode)
{
	return do_mknodat(dfd, path, S_IFDIR | (mode & S_IALLUGO), 0);
}

/* lookup_existing() - walk to an existing last name, without following a last symlink and
 * without crossing into what is mounted on it. */
static int lookup_existing(int dfd, const char *path, struct path_last *last)
{
	return path_lookup(dfd, path, LOOKUP_NOCROSS_LAST, last);
}

/* is_mountpoint() - is @p a mountpoint or the root of a mount? */
static bool is_busy_mount(const struct path *p)
{
	return READ_ONCE(p->dentry->d_mounted) || p->dentry == p->mnt->mnt_root;
}

/* rmdir_locked() - the checks and the removal of the directory at @p. */
static int rmdir_locked(const struct path *p)
{
	struct dentry *d = p->dentry;
	struct inode *dir = parent_dir(d);

	assert_held(&vfs_dir_lock);
	if (!d->d_inode || d_unhashed(d))
		return -ENOENT;
	if (!S_ISDIR(d->d_inode->i_mode))
		return -ENOTDIR;
	if (is_busy_mount(p))
		return -EBUSY;
	if (d_has_positive_children(d))
		return -ENOTEMPTY;
	return dir->i_op->rmdir ? dir->i_op->rmdir(dir, d) : -EPERM;
}

/**
 * do_rmdir() - rmdir(2).
 * Context: a thread; no spinlock held.
 * Return: 0, -ENOENT, -ENOTDIR, -ENOTEMPTY (also for ".."), -EINVAL ("."), -EBUSY (a
 * mountpoint or "/"), -ENAMETOOLONG, -ELOOP, -EPERM.
 */
int do_rmdir(int dfd, const char *path)
{
	struct path_last last;
	int err = lookup_existing(dfd, path, &last);

	if (err)
		return err;
	if (last.last_type == LAST_DOT)
		err = -EINVAL;
	else if (last.last_type == LAST_DOTDOT)
		err = -ENOTEMPTY;
	else if (last.last_type == LAST_ROOT)
		err = -EBUSY;
	if (!err) {
		spin_lock(&vfs_dir_lock);
		err = rmdir_locked(&last.path);
		spin_unlock(&vfs_dir_lock);
	}
	if (!err)
		d_invalidate(last.path.dentry);	/* it and its cached negative children */
	path_put(&last.path);
	return err;
}

/* unlink_locked() - the checks and the removal of the non-directory at @p. */
static int unlink_locked(const struct path *p, bool trailing_slash)
{
	struct dentry *d = p->dentry;
	struct inode *dir = parent_dir(d);
	int err;

	assert_held(&vfs_dir_lock);
	if (!d->d_inode || d_unhashed(d))
		return -ENOENT;
	if (S_ISDIR(d->d_inode->i_mode))
		return -EISDIR;
	if (trailing_slash)
		return -ENOTDIR;
	if (READ_ONCE(d->d_mounted))
		return -EBUSY;
	err = dir->i_op->unlink ? dir->i_op->unlink(dir, d) : -EPERM;
	if (!err)
		d_delete(d);
	return err;
}

/**
 * do_unlinkat() - unlink(2) and unlinkat(2).
 * @flags: 0 or AT_REMOVEDIR (then rmdir).
 * Context: a thread; no spinlock held.
 * Return: 0, -EINVAL (other flags), -ENOENT, -EISDIR (a directory, ".", "..", "/"), -ENOTDIR,
 * -EBUSY, -ENAMETOOLONG, -ELOOP, -EPERM.
 */
int do_unlinkat(int dfd, const char *path, int flags)
{
	struct path_last last;
	int err;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	if (flags & AT_REMOVEDIR)
		return do_rmdir(dfd, path);
	err = lookup_existing(dfd, path, &last);
	if (err)
		return err;
	if (last.last_type != LAST_NORM) {
		err = -EISDIR;
	} else {
		spin_lock(&vfs_dir_lock);
		err = unlink_locked(&last.path, last.trailing_slash);
		spin_unlock(&vfs_dir_lock);
	}
	path_put(&last.path);
	return err;
}

/* is_ancestor() - is @anc @d itself or above it? (stable under vfs_dir_lock) */
static bool is_ancestor(struct dentry *anc, struct dentry *d)
{
	for (;;) {
		if (d == anc)
			return true;
		if (d->d_parent == d)
			return false;
		d = d->d_parent;
	}
}

/* rename_target_ok() - may @new_d (positive) be replaced by the file at @old_d? */
static int rename_target_ok(struct dentry *old_d, struct dentry *new_d)
{
	bool old_dir = S_ISDIR(old_d->d_inode->i_mode), new_dir = S_ISDIR(new_d->d_inode->i_mode);

	if (old_dir && !new_dir)
		return -ENOTDIR;
	if (!old_dir && new_dir)
		return -EISDIR;
	if (new_dir && d_has_positive_children(new_d))
		return -ENOTEMPTY;
	return 0;
}

/* rename_check_locked() - Linux's checks, in Linux's order; 1 means "same file: nothing to
 * do". */
static int rename_check_locked(const struct path_last *o, const struct path_last *n,
			       unsigned int flags)
{
	struct dentry *old_d = o->path.dentry, *new_d = n->path.dentry;
	bool is_dir;

	if (!old_d->d_inode || d_unhashed(old_d) || d_unhashed(new_d) ||
	    parent_dir(new_d)->i_nlink == 0)
		return -ENOENT;
	is_dir = S_ISDIR(old_d->d_inode->i_mode);
	if (new_d->d_inode && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (!is_dir && (o->trailing_slash || n->trailing_slash))
		return -ENOTDIR;
	if (old_d != new_d && is_ancestor(old_d, new_d->d_parent))
		return -EINVAL;	/* a directory into itself */
	if (old_d != new_d && is_ancestor(new_d, old_d->d_parent))
		return -ENOTEMPTY;	/* onto one of its own ancestors */
	if (old_d->d_inode == new_d->d_inode)
		return 1;
	if (new_d->d_inode) {
		int err = rename_target_ok(old_d, new_d);

		if (err)
			return err;
	}
	if (READ_ONCE(old_d->d_mounted) || READ_ONCE(new_d->d_mounted))
		return -EBUSY;
	return 0;
}

/* rename_locked() - check, then let the filesystem move the name. */
static int rename_locked(const struct path_last *o, const struct path_last *n,
			 unsigned int flags, bool *replaced_dir)
{
	struct dentry *old_d = o->path.dentry, *new_d = n->path.dentry;
	struct inode *old_dir = parent_dir(old_d), *new_dir = parent_dir(new_d);
	int err = rename_check_locked(o, n, flags);

	if (err)
		return err < 0 ? err : 0;
	if (!old_dir->i_op->rename)
		return -EPERM;
	*replaced_dir = new_d->d_inode && S_ISDIR(new_d->d_inode->i_mode);
	return old_dir->i_op->rename(old_dir, old_d, new_dir, new_d);
}

/* rename_paths() - both names found: the checks that need no lock, then the rename. */
static int rename_paths(const struct path_last *o, const struct path_last *n,
			unsigned int flags)
{
	bool replaced_dir = false;
	int err;

	if (o->last_type != LAST_NORM || n->last_type != LAST_NORM)
		return -EBUSY;
	if (o->path.mnt != n->path.mnt)
		return -EXDEV;
	spin_lock(&vfs_dir_lock);
	err = rename_locked(o, n, flags, &replaced_dir);
	spin_unlock(&vfs_dir_lock);
	if (!err && replaced_dir)
		d_invalidate(n->path.dentry);	/* the replaced directory's cached children */
	return err;
}

/**
 * do_renameat2() - rename(2), renameat(2), renameat2(2).
 * @flags: 0 or RENAME_NOREPLACE (RENAME_EXCHANGE and RENAME_WHITEOUT: EINVAL, unsupported).
 * Context: a thread; no spinlock held.
 * Return: 0, -EINVAL (flags; a directory into its own subtree), -ENOENT, -EEXIST
 * (NOREPLACE), -ENOTDIR, -EISDIR, -ENOTEMPTY, -EBUSY ("." or "..", a mountpoint), -EXDEV
 * (two mounts), -ENAMETOOLONG, -ELOOP, -ENOMEM.
 */
int do_renameat2(int olddfd, const char *oldpath, int newdfd, const char *newpath,
		 unsigned int flags)
{
	struct path_last o, n;
	int err;

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL;
	err = lookup_existing(olddfd, oldpath, &o);
	if (err)
		return err;
	err = path_lookup(newdfd, newpath, LOOKUP_CREATE | LOOKUP_NOCROSS_LAST, &n);
	if (!err) {
		err = rename_paths(&o, &n, flags);
		path_put(&n.path);
	}
	path_put(&o.path);
	return err;
}

/**
 * do_symlinkat() - symlink(2), symlinkat(2): a new symlink at @linkpath pointing to @target.
 * Context: a thread; no spinlock held.
 * Return: 0, -ENOENT (empty target, missing directory), -EEXIST, -ENOTDIR, -ENAMETOOLONG,
 * -ELOOP, -EPERM, -ENOMEM.
 */
int do_symlinkat(const char *target, int newdfd, const char *linkpath)
{
	struct path_last last;
	struct dentry *d;
	struct inode *dir;
	int err;

	if (target[0] == '\0')
		return -ENOENT;
	err = lookup_create(newdfd, linkpath, &last);
	if (err)
		return err;
	d = last.path.dentry;
	spin_lock(&vfs_dir_lock);
	dir = parent_dir(d);
	err = may_create_locked(d);
	if (!err && last.trailing_slash)
		err = -ENOENT;
	if (!err)
		err = dir->i_op->symlink ? dir->i_op->symlink(dir, d, target) : -EPERM;
	spin_unlock(&vfs_dir_lock);
	path_put(&last.path);
	return err;
}

/* link_locked() - the checks and the new name @n for the inode at @o. */
static int link_locked(const struct path *o, const struct path_last *n)
{
	struct dentry *old_d = o->dentry, *d = n->path.dentry;
	struct inode *dir = parent_dir(d);
	int err = may_create_locked(d);

	assert_held(&vfs_dir_lock);
	if (err)
		return err;
	if (n->trailing_slash)
		return -ENOENT;
	if (!old_d->d_inode || old_d->d_inode->i_nlink == 0)
		return -ENOENT;
	return dir->i_op->link ? dir->i_op->link(old_d, dir, d) : -EPERM;
}

/**
 * do_linkat() - link(2), linkat(2): a second name @newpath for the file at @oldpath.
 * @flags: AT_SYMLINK_FOLLOW (follow a symlink @oldpath), AT_EMPTY_PATH.
 * Context: a thread; no spinlock held.
 * Return: 0, -EINVAL (flags), -ENOENT, -EEXIST, -EPERM (a directory), -EXDEV, -ENOTDIR,
 * -ENAMETOOLONG, -ELOOP, -ENOMEM.
 */
int do_linkat(int olddfd, const char *oldpath, int newdfd, const char *newpath, int flags)
{
	unsigned int lookup = LOOKUP_NOCROSS_LAST;
	struct path_last n;
	struct path o;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	lookup |= (flags & AT_SYMLINK_FOLLOW) ? LOOKUP_FOLLOW : 0;
	lookup |= (flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0;
	err = path_lookupat(olddfd, oldpath, lookup, &o);
	if (err)
		return err;
	if (S_ISDIR(inode_mode(o.dentry->d_inode)))
		err = -EPERM;
	else
		err = lookup_create(newdfd, newpath, &n);
	if (!err) {
		if (n.path.mnt != o.mnt)
			err = -EXDEV;
		if (!err) {
			spin_lock(&vfs_dir_lock);
			err = link_locked(&o, &n);
			spin_unlock(&vfs_dir_lock);
		}
		path_put(&n.path);
	}
	path_put(&o);
	return err;
}

/* The syscalls: decode, copy the path strings, call do_X(). */

/* with_name() - run @fn(dfd, name, arg) on a user path. */
static long with_name(uaddr_t upath, int dfd, int (*fn)(int, const char *, int), int arg)
{
	char *name = getname(upath);
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = fn(dfd, name, arg);
	putname(name);
	return err;
}

static int mkdir_fn(int dfd, const char *name, int mode)
{
	return do_mkdirat(dfd, name, (unsigned int)mode);
}

static int rmdir_fn(int dfd, const char *name, int unused)
{
	(void)unused;
	return do_rmdir(dfd, name);
}

/* mkdir(path, mode) */
long sys_mkdir(const struct syscall_args *a)
{
	return with_name(a->arg[0], AT_FDCWD, mkdir_fn, (int)a->arg[1]);
}

/* mkdirat(dfd, path, mode) */
long sys_mkdirat(const struct syscall_args *a)
{
	return with_name(a->arg[1], (int)a->arg[0], mkdir_fn, (int)a->arg[2]);
}

/* rmdir(path) */
long sys_rmdir(const struct syscall_args *a)
{
	return with_name(a->arg[0], AT_FDCWD, rmdir_fn, 0);
}

/* unlink(path) */
long sys_unlink(const struct syscall_args *a)
{
	return with_name(a->arg[0], AT_FDCWD, do_unlinkat, 0);
}

/* unlinkat(dfd, path, flags) */
long sys_unlinkat(const struct syscall_args *a)
{
	int flags = (int)a->arg[2];

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	return with_name(a->arg[1], (int)a->arg[0], do_unlinkat, flags);
}

/* two_names() - copy two user paths; the first may be empty if @empty1_ok (AT_EMPTY_PATH).
 * Return: 0 or -errno (nothing to free then). */
static long two_names(uaddr_t u1, bool empty1_ok, uaddr_t u2, char **n1, char **n2)
{
	*n1 = getname_flags(u1, empty1_ok);
	if (IS_ERR(*n1))
		return PTR_ERR(*n1);
	*n2 = getname(u2);
	if (IS_ERR(*n2)) {
		putname(*n1);
		return PTR_ERR(*n2);
	}
	return 0;
}

/* renameat2(olddfd, old, newdfd, new, flags); rename and renameat are special cases. */
static long rename_common(int olddfd, uaddr_t uold, int newdfd, uaddr_t unew,
			  unsigned int flags)
{
	char *oldname, *newname;
	long err;

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL;
	err = two_names(uold, false, unew, &oldname, &newname);
	if (err)
		return err;
	err = do_renameat2(olddfd, oldname, newdfd, newname, flags);
	putname(oldname);
	putname(newname);
	return err;
}

long sys_rename(const struct syscall_args *a)
{
	return rename_common(AT_FDCWD, a->arg[0], AT_FDCWD, a->arg[1], 0);
}

long sys_renameat(const struct syscall_args *a)
{
	return rename_common((int)a->arg[0], a->arg[1], (int)a->arg[2], a->arg[3], 0);
}

long sys_renameat2(const struct syscall_args *a)
{
	return rename_common((int)a->arg[0], a->arg[1], (int)a->arg[2], a->arg[3],
			     (unsigned int)a->arg[4]);
}

/* symlinkat(target, newdfd, linkpath); symlink is the AT_FDCWD case. */
static long symlink_common(uaddr_t utarget, int newdfd, uaddr_t ulink)
{
	char *target, *linkpath;
	long err = two_names(utarget, false, ulink, &target, &linkpath);

	if (err)
		return err;
	err = do_symlinkat(target, newdfd, linkpath);
	putname(target);
	putname(linkpath);
	return err;
}

long sys_symlink(const struct syscall_args *a)
{
	return symlink_common(a->arg[0], AT_FDCWD, a->arg[1]);
}

long sys_symlinkat(const struct syscall_args *a)
{
	return symlink_common(a->arg[0], (int)a->arg[1], a->arg[2]);
}

/* linkat(olddfd, old, newdfd, new, flags); link is the AT_FDCWD case. */
static long link_common(int olddfd, uaddr_t uold, int newdfd, uaddr_t unew, int flags)
{
	char *oldname, *newname;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = two_names(uold, flags & AT_EMPTY_PATH, unew, &oldname, &newname);
	if (err)
		return err;
	err = do_linkat(olddfd, oldname, newdfd, newname, flags);
	putname(oldname);
	putname(newname);
	return err;
}

long sys_link(const struct syscall_args *a)
{
	return link_common(AT_FDCWD, a->arg[0], AT_FDCWD, a->arg[1], 0);
}

long sys_linkat(const struct syscall_args *a)
{
	return link_common((int)a->arg[0], a->arg[1], (int)a->arg[2], a->arg[3], (int)a->arg[4]);
}
