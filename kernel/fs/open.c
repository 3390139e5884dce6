/* open.c - opening files, and the syscalls about a file's place and attributes.
 *
 * open(2) is a short pipeline: check the flag combination (build_open_flags) -> walk to the
 * name (following a last symlink unless O_NOFOLLOW or O_CREAT|O_EXCL) -> create it if O_CREAT
 * and missing (under vfs_dir_lock, umask applied) -> refuse what Linux refuses (EISDIR for
 * writing a directory, ELOOP for O_NOFOLLOW on a symlink, ENOTDIR for O_DIRECTORY on a file)
 * -> truncate for O_TRUNC -> file_open_path() -> the lowest free descriptor, close-on-exec
 * if O_CLOEXEC. The kernel opens files the same way, with a kernel string: file_open_kernel()
 * (exec, the console of init).
 *
 * Also here, as in Linux's fs/open.c: close, access/faccessat/faccessat2 (everyone is root:
 * F_OK/R_OK/W_OK need only existence, X_OK needs an execute bit on a non-directory), umask,
 * chmod/fchmod/fchmodat (the bits are stored), truncate/ftruncate, chdir/fchdir/getcwd, and
 * fsync/fdatasync (nothing to write back: 0 for files and directories, EINVAL for devices,
 * like Linux's drivers without ->fsync).
 * Unsupported, with their errno: O_TMPFILE (EINVAL; Linux's tmpfs has it), O_CREAT together
 * with O_DIRECTORY (EINVAL, as since Linux 6.4).
 * Locking: none of its own; see namei.c (vfs_dir_lock) and fdtable.c.
 * See also: kernel/fs/path_walk.c, kernel/fs/file.c, kernel/fs/fdtable.c.
 * Linux: fs/open.c (do_sys_openat2, build_open_flags, do_faccessat, chmod_common,
 * do_sys_truncate, ksys_fchdir), fs/namei.c (do_last / open_last_lookups), fs/d_path.c. */
#include "file.h"
#include "fs.h"
#include "dcache.h"
#include "err.h"
#include "fdtable.h"
#include "fs_struct.h"
#include "kmalloc.h"
#include "namei.h"
#include "syscalls.h"
#include "uaccess.h"
#include "vfs.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define O_TMPFILE_BIT	020000000	/* O_TMPFILE without its O_DIRECTORY part */
#define O_PATH_KEEPS	(O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC | O_PATH)

/* build_open_flags() - reject impossible combinations; the lookup flags for the walk. */
static int build_open_flags(int *flags, unsigned int *lookup)
{
	if (*flags & O_TMPFILE_BIT)
		return -EINVAL;
	if ((*flags & O_CREAT) && (*flags & O_DIRECTORY))
		return -EINVAL;
	if (*flags & O_PATH)
		*flags &= O_PATH_KEEPS;
	*flags |= O_LARGEFILE;	/* always, on 64-bit Linux: F_GETFL shows it */
	*lookup = 0;
	if (!(*flags & O_NOFOLLOW) && !((*flags & O_CREAT) && (*flags & O_EXCL)))
		*lookup |= LOOKUP_FOLLOW;
	if (*flags & O_DIRECTORY)
		*lookup |= LOOKUP_DIRECTORY;
	if (*flags & O_CREAT)
		*lookup |= LOOKUP_CREATE;
	return 0;
}

/* open_create() - O_CREAT: make the missing name, or accept the existing one. */
static int open_create(struct path_last *last, int flags, unsigned int mode, bool *created)
{
	struct dentry *d = last->path.dentry;
	int err = 0;

	if (last->last_type != LAST_NORM || last->trailing_slash)
		return -EISDIR;	/* "/", ".", "..", or "name/": O_CREAT makes no directory */
	if (!d->d_inode) {
		spin_lock(&vfs_dir_lock);
		err = vfs_create_locked(d, mode & S_IALLUGO & ~fs_umask(current_fs()));
		spin_unlock(&vfs_dir_lock);
		*created = !err;
		if (err != -EEXIST)
			return err;	/* 0, or a real failure */
	}
	return (flags & O_EXCL) ? -EEXIST : 0;	/* it exists (maybe just made by another) */
}

/* open_checks() - what may not be opened this way, once the name exists. */
static int open_checks(struct inode *inode, int flags, bool trailing_slash)
{
	unsigned int mode = inode_mode(inode);

	if (S_ISLNK(mode) && !(flags & O_PATH))
		return -ELOOP;	/* O_NOFOLLOW on a symlink */
	if ((flags & O_DIRECTORY) && !S_ISDIR(mode))
		return -ENOTDIR;
	if (S_ISDIR(mode) && (flags & O_CREAT))
		return -EISDIR;
	if (S_ISDIR(mode) && (flags & O_ACCMODE) != O_RDONLY && !(flags & O_PATH))
		return -EISDIR;
	if (trailing_slash && !S_ISDIR(mode))
		return -ENOTDIR;
	return 0;
}

/* open_truncate() - O_TRUNC on an existing regular file empties it. A file without inode
 * operations (procfs's) has no size to set: the open goes on, as on Linux, where
 * creat("/proc/self/status") succeeds for root (found by the fuzzer: docs/fuzz.md). */
static int open_truncate(struct dentry *d)
{
	struct iattr attr = { .ia_valid = ATTR_SIZE, .ia_size = 0 };
	struct inode *inode = d->d_inode;

	if (!S_ISREG(inode_mode(inode)) || !inode->i_op || !inode->i_op->setattr)
		return 0;
	return inode->i_op->setattr(d, &attr);
}

/**
 * do_filp_open() - open @path relative to @dfd with open(2)'s @flags and @mode.
 * Context: a thread; no spinlock held; may sleep in a driver's ->open.
 * Return: the file, or ERR_PTR(-ENOENT, -EEXIST, -EISDIR, -ENOTDIR, -ELOOP, -EINVAL,
 * -ENAMETOOLONG, -ENXIO (device without a driver), -EBADF (bad @dfd), -ENOMEM, ...).
 */
struct file *do_filp_open(int dfd, const char *path, int flags, unsigned int mode)
{
	struct path_last last;
	unsigned int lookup;
	bool created = false, writer;
	struct file *f;
	int err = build_open_flags(&flags, &lookup);

	if (!err)
		err = path_lookup(dfd, path, lookup, &last);
	if (err)
		return ERR_PTR(err);
	if (flags & O_CREAT)
		err = open_create(&last, flags, mode, &created);
	if (!err)
		err = open_checks(last.path.dentry->d_inode, flags, last.trailing_slash);
	/* Write access (or O_TRUNC) to a regular file: held from before the truncate until the
	 * file holds its own, so a program cannot start running from it in between and then
	 * lose its text to our O_TRUNC (ETXTBSY, kernel/fs/inode.c; Linux: handle_truncate). */
	writer = !err && S_ISREG(inode_mode(last.path.dentry->d_inode)) && !(flags & O_PATH) &&
		 ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC));
	if (writer) {
		err = inode_get_write_access(last.path.dentry->d_inode);
		writer = !err;
	}
	if (!err && (flags & O_TRUNC) && !created && !(flags & O_PATH))
		err = open_truncate(last.path.dentry);
	f = err ? ERR_PTR(err) : file_open_path(&last.path, flags);
	if (writer)
		inode_put_write_access(last.path.dentry->d_inode);
	path_put(&last.path);
	return f;
}

/**
 * file_open_kernel() - open @path (a kernel string) for the kernel itself.
 * @flags, @mode: as open(2). Relative paths start at the current process's cwd.
 * Context: a thread; no spinlock held. Return: the file, or ERR_PTR(-errno) as
 * do_filp_open().
 */
struct file *file_open_kernel(const char *path, int flags, unsigned int mode)
{
	return do_filp_open(AT_FDCWD, path, flags, mode);
}

/**
 * do_sys_openat() - openat(2): open and install at the lowest free descriptor.
 * Context: a thread. Return: the descriptor, or -errno as do_filp_open(), -EMFILE, -EFAULT.
 */
long do_sys_openat(int dfd, uaddr_t upath, int flags, unsigned int mode)
{
	struct files_struct *files = current_files();
	char *name = getname(upath);
	struct file *f;
	int fd;

	if (IS_ERR(name))
		return PTR_ERR(name);
	f = files ? do_filp_open(dfd, name, flags, mode) : ERR_PTR(-EMFILE);
	putname(name);
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = fd_install_min(files, f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

/* open(path, flags, mode) */
long sys_open(const struct syscall_args *a)
{
	return do_sys_openat(AT_FDCWD, a->arg[0], (int)a->arg[1], (unsigned int)a->arg[2]);
}

/* openat(dfd, path, flags, mode) */
long sys_openat(const struct syscall_args *a)
{
	return do_sys_openat((int)a->arg[0], a->arg[1], (int)a->arg[2], (unsigned int)a->arg[3]);
}

/* creat(path, mode) = open(path, O_CREAT | O_WRONLY | O_TRUNC, mode) */
long sys_creat(const struct syscall_args *a)
{
	return do_sys_openat(AT_FDCWD, a->arg[0], O_CREAT | O_WRONLY | O_TRUNC,
			     (unsigned int)a->arg[1]);
}

/* close(fd) */
long sys_close(const struct syscall_args *a)
{
	struct files_struct *files = current_files();

	return files ? fd_close(files, (int)a->arg[0]) : -EBADF;
}

/**
 * do_faccessat() - access(2), faccessat(2), faccessat2(2) for root.
 * @mode: F_OK or R_OK|W_OK|X_OK; @flags: AT_EACCESS, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH.
 * Context: a thread. Return: 0, -EINVAL (bad @mode or @flags), -EACCES (X_OK on a file with
 * no execute bit), or a lookup errno.
 */
int do_faccessat(int dfd, const char *path, int mode, int flags)
{
	unsigned int lookup = 0, imode;
	struct path p;
	int err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	lookup |= (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	lookup |= (flags & AT_EMPTY_PATH) ? LOOKUP_EMPTY : 0;
	err = path_lookupat(dfd, path, lookup, &p);
	if (err)
		return err;
	imode = inode_mode(p.dentry->d_inode);
	if ((mode & X_OK) && !S_ISDIR(imode) && !(imode & S_IXUGO))
		err = -EACCES;
	path_put(&p);
	return err;
}

/* faccess_common() - copy the path and call do_faccessat(). */
static long faccess_common(int dfd, uaddr_t upath, int mode, int flags)
{
	char *name;
	long err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	name = getname_flags(upath, flags & AT_EMPTY_PATH);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_faccessat(dfd, name, mode, flags);
	putname(name);
	return err;
}

long sys_access(const struct syscall_args *a)
{
	return faccess_common(AT_FDCWD, a->arg[0], (int)a->arg[1], 0);
}

long sys_faccessat(const struct syscall_args *a)
{
	return faccess_common((int)a->arg[0], a->arg[1], (int)a->arg[2], 0);
}

long sys_faccessat2(const struct syscall_args *a)
{
	return faccess_common((int)a->arg[0], a->arg[1], (int)a->arg[2], (int)a->arg[3]);
}

/* umask(mask): returns the previous umask */
long sys_umask(const struct syscall_args *a)
{
	return fs_set_umask(current_fs(), (unsigned int)a->arg[0]);
}

/* notify_change() - apply @attr through the filesystem's setattr. */
static int notify_change(struct dentry *d, const struct iattr *attr)
{
	struct inode *inode = d->d_inode;

	return inode->i_op && inode->i_op->setattr ? inode->i_op->setattr(d, attr) : -EPERM;
}

/* chmod_path() - store @mode's permission bits on the file at @p. */
static int chmod_path(const struct path *p, unsigned int mode)
{
	struct iattr attr = { .ia_valid = ATTR_MODE, .ia_mode = mode & S_IALLUGO };

	return notify_change(p->dentry, &attr);
}

/**
 * do_fchmodat() - chmod(2), fchmodat(2): set the permission bits of @path (followed).
 * Context: a thread. Return: 0, a lookup errno, -EPERM (filesystem cannot).
 */
int do_fchmodat(int dfd, const char *path, unsigned int mode)
{
	struct path p;
	int err = path_lookupat(dfd, path, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = chmod_path(&p, mode);
	path_put(&p);
	return err;
}

/* fchmodat_common() - copy the path and call do_fchmodat(). */
static long fchmodat_common(int dfd, uaddr_t upath, unsigned int mode)
{
	char *name = getname(upath);
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_fchmodat(dfd, name, mode);
	putname(name);
	return err;
}

long sys_chmod(const struct syscall_args *a)
{
	return fchmodat_common(AT_FDCWD, a->arg[0], (unsigned int)a->arg[1]);
}

long sys_fchmodat(const struct syscall_args *a)
{
	return fchmodat_common((int)a->arg[0], a->arg[1], (unsigned int)a->arg[2]);
}

/* fget_path() - the file at @fd if it has a path and is not O_PATH. NULL: EBADF. */
static struct file *fget_path(int fd)
{
	struct file *f = fget(fd);

	if (f && (!f->f_dentry || (file_flags(f) & O_PATH))) {
		file_put(f);
		return NULL;
	}
	return f;
}

/* fchmod(fd, mode) */
long sys_fchmod(const struct syscall_args *a)
{
	struct file *f = fget_path((int)a->arg[0]);
	struct path p;
	long err;

	if (!f)
		return -EBADF;
	p = (struct path){ f->f_mnt, f->f_dentry };
	err = chmod_path(&p, (unsigned int)a->arg[1]);
	file_put(f);
	return err;
}

/* truncate_dentry() - set a regular file's size: EISDIR for a directory, EINVAL otherwise. */
static int truncate_dentry(struct dentry *d, int64_t length)
{
	struct iattr attr = { .ia_valid = ATTR_SIZE, .ia_size = (uint64_t)length };
	unsigned int mode = inode_mode(d->d_inode);

	if (S_ISDIR(mode))
		return -EISDIR;
	if (!S_ISREG(mode))
		return -EINVAL;
	return notify_change(d, &attr);
}

/**
 * do_truncate() - truncate(2): set the size of the regular file @path (followed).
 * Context: a thread. Return: 0, -EINVAL (negative @length, not a regular file), -EISDIR,
 * -EFBIG, or a lookup errno.
 */
int do_truncate(const char *path, int64_t length)
{
	struct path p;
	int err;

	if (length < 0)
		return -EINVAL;
	err = path_lookupat(AT_FDCWD, path, LOOKUP_FOLLOW, &p);
	if (err)
		return err;
	if (S_ISREG(inode_mode(p.dentry->d_inode)))
		err = inode_get_write_access(p.dentry->d_inode);	/* ETXTBSY */
	if (!err) {
		err = truncate_dentry(p.dentry, length);
		if (S_ISREG(inode_mode(p.dentry->d_inode)))
			inode_put_write_access(p.dentry->d_inode);
	}
	path_put(&p);
	return err;
}

long sys_truncate(const struct syscall_args *a)
{
	char *name = getname(a->arg[0]);
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_truncate(name, (int64_t)a->arg[1]);
	putname(name);
	return err;
}

/**
 * do_ftruncate() - ftruncate(2). As on Linux, a descriptor not open for writing (and so any
 * directory) gives EINVAL, not EBADF.
 * Context: a thread. Return: 0, -EBADF, -EINVAL, -EFBIG.
 */
int do_ftruncate(int fd, int64_t length)
{
	struct file *f;
	int err;

	if (length < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	if (file_flags(f) & O_PATH)
		err = -EBADF;
	else if (!file_writable(f) || !f->f_dentry)	/* a pipe has no size: EINVAL (Linux) */
		err = -EINVAL;
	else
		err = truncate_dentry(f->f_dentry, length);
	file_put(f);
	return err;
}

long sys_ftruncate(const struct syscall_args *a)
{
	return do_ftruncate((int)a->arg[0], (int64_t)a->arg[1]);
}

/**
 * do_chdir() - chdir(2): make the directory @path the cwd.
 * Context: a thread. Return: 0, -ENOTDIR, or a lookup errno.
 */
int do_chdir(const char *path)
{
	struct path p;
	int err = path_lookupat(AT_FDCWD, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	fs_set_pwd(current_fs(), &p);
	path_put(&p);
	return 0;
}

long sys_chdir(const struct syscall_args *a)
{
	char *name = getname(a->arg[0]);
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_chdir(name);
	putname(name);
	return err;
}

/* fchdir(fd): the directory open as @fd becomes the cwd */
long sys_fchdir(const struct syscall_args *a)
{
	struct file *f = fget((int)a->arg[0]);
	struct path p;
	long err = 0;

	if (!f || !f->f_dentry) {
		file_put(f);
		return -EBADF;
	}
	p = (struct path){ f->f_mnt, f->f_dentry };
	if (!S_ISDIR(inode_mode(f->f_inode)))
		err = -ENOTDIR;
	else
		fs_set_pwd(current_fs(), &p);
	file_put(f);
	return err;
}

/**
 * do_getcwd() - getcwd(2) into the kernel buffer @buf of @size bytes.
 * Context: a thread. Return: the length including the NUL, -ENOENT (the cwd was removed),
 * -ERANGE (@size too small), -ENAMETOOLONG (longer than PATH_MAX).
 */
long do_getcwd(char *buf, size_t size)
{
	struct fs_struct *fs = current_fs();
	struct path pwd, root;
	long len;

	fs_get_pwd(fs, &pwd);
	fs_get_root(fs, &root);
	if (d_unhashed(pwd.dentry))
		len = -ENOENT;
	else
		len = d_path(&pwd, &root, buf, size);
	path_put(&pwd);
	path_put(&root);
	return len;
}

/* getcwd(buf, size) */
long sys_getcwd(const struct syscall_args *a)
{
	size_t size = (size_t)a->arg[1];
	char *buf = kmalloc(PATH_MAX);
	long len;

	if (!buf)
		return -ENOMEM;
	len = do_getcwd(buf, PATH_MAX);
	if (len == -ERANGE)
		len = -ENAMETOOLONG;
	else if (len > 0 && (size_t)len > size)
		len = -ERANGE;
	if (len > 0 && copy_to_user(a->arg[0], buf, (size_t)len))
		len = -EFAULT;
	kfree(buf);
	return len;
}

/* do_fsync() - nothing is ever dirty: files and directories sync at once; devices cannot. */
static long do_fsync(int fd)
{
	struct file *f = fget(fd);
	unsigned int mode;

	if (!f)
		return -EBADF;
	mode = inode_mode(f->f_inode);
	file_put(f);
	return S_ISREG(mode) || S_ISDIR(mode) ? 0 : -EINVAL;
}

long sys_fsync(const struct syscall_args *a)
{
	return do_fsync((int)a->arg[0]);
}

long sys_fdatasync(const struct syscall_args *a)
{
	return do_fsync((int)a->arg[0]);
}
