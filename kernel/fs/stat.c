/* stat.c - stat(2) and friends, and readlink(2): what an inode tells user space about itself.
 *
 * The kernel's struct inode is translated into Linux x86-64's 144-byte struct stat
 * (uapi/stat.h): st_dev is the superblock's anonymous device (major 0) and st_rdev the device
 * of a device node, both in Linux's new_encode_dev() packing; st_uid/st_gid are 0 (everything
 * is root); st_blksize is a page; st_blocks counts 512-byte units actually allocated (a sparse
 * ramfs file has fewer); times are split into seconds and nanoseconds.
 *
 * newfstatat takes AT_SYMLINK_NOFOLLOW (lstat), AT_EMPTY_PATH (fstat of the dirfd itself, any
 * kind of file), AT_NO_AUTOMOUNT and the statx sync hints (meaningless here, accepted, as Linux
 * accepts them); other flags give EINVAL.
 * readlink never appends a NUL and truncates silently to bufsiz; a non-symlink gives EINVAL,
 * bufsiz <= 0 gives EINVAL. statx is not implemented (ENOSYS): musl and glibc fall back to
 * newfstatat.
 * Locking: the attributes are copied under the inode's i_lock, so one stat is consistent.
 * See also: kernel/include/uapi/stat.h. Linux: fs/stat.c (cp_new_stat, vfs_fstatat,
 * do_readlinkat). */
#include "file.h"
#include "fs.h"
#include "dcache.h"
#include "err.h"
#include "kmalloc.h"
#include "namei.h"
#include "string.h"
#include "syscalls.h"
#include "uaccess.h"
#include "vfs.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define STAT_BLKSIZE	4096
#define STATAT_FLAGS \
	(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE)

/* split_ns() - nanoseconds since the epoch into (seconds, nanoseconds). */
static void split_ns(uint64_t ns, uint64_t *sec, uint64_t *nsec)
{
	*sec = ns / 1000000000ULL;
	*nsec = ns % 1000000000ULL;
}

/**
 * stat_fill() - Linux's struct stat for @inode.
 * Context: i_lock not held. Return: nothing.
 */
void stat_fill(struct inode *inode, struct stat *st)
{
	unsigned int sdev = inode->i_sb->s_dev;

	memset(st, 0, sizeof(*st));
	st->st_dev = stat_encode_dev(MAJOR(sdev), MINOR(sdev));
	st->st_ino = inode->i_ino;
	st->st_rdev = stat_encode_dev(MAJOR(inode->i_rdev), MINOR(inode->i_rdev));
	st->st_blksize = STAT_BLKSIZE;
	spin_lock(&inode->i_lock);
	st->st_mode = inode->i_mode;
	st->st_nlink = inode->i_nlink;
	st->st_size = (int64_t)inode->i_size;
	st->st_blocks = (int64_t)inode->i_blocks;
	split_ns(inode->i_atime_ns, &st->st_atime_sec, &st->st_atime_nsec);
	split_ns(inode->i_mtime_ns, &st->st_mtime_sec, &st->st_mtime_nsec);
	split_ns(inode->i_ctime_ns, &st->st_ctime_sec, &st->st_ctime_nsec);
	spin_unlock(&inode->i_lock);
}

/* stat_to_user() - fill and copy out. Return: 0 or -EFAULT. */
static long stat_to_user(struct inode *inode, uaddr_t ustat)
{
	struct stat st;

	stat_fill(inode, &st);
	return copy_to_user(ustat, &st, sizeof(st)) ? -EFAULT : 0;
}

/**
 * do_fstat() - fstat(2).
 * Context: a thread. Return: 0, -EBADF, -EFAULT.
 */
long do_fstat(int fd, uaddr_t ustat)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	err = stat_to_user(f->f_inode, ustat);
	file_put(f);
	return err;
}

/**
 * do_fstatat() - stat(2), lstat(2), newfstatat(2) with a kernel path.
 * @flags: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, AT_NO_AUTOMOUNT.
 * Context: a thread. Return: 0, -EINVAL (flags), -EFAULT, or a lookup errno.
 */
long do_fstatat(int dfd, const char *path, uaddr_t ustat, int flags)
{
	unsigned int lookup = LOOKUP_FOLLOW;
	struct path p;
	long err;

	if (flags & ~STATAT_FLAGS)
		return -EINVAL;
	if ((flags & AT_EMPTY_PATH) && path[0] == '\0' && dfd != AT_FDCWD)
		return do_fstat(dfd, ustat);	/* any file, even one without a name */
	if (flags & AT_SYMLINK_NOFOLLOW)
		lookup = 0;
	if (flags & AT_EMPTY_PATH)
		lookup |= LOOKUP_EMPTY;
	err = path_lookupat(dfd, path, lookup, &p);
	if (err)
		return err;
	err = stat_to_user(p.dentry->d_inode, ustat);
	path_put(&p);
	return err;
}

/* fstatat_common() - copy the path and call do_fstatat(). */
static long fstatat_common(int dfd, uaddr_t upath, uaddr_t ustat, int flags)
{
	char *name;
	long err;

	if (flags & ~STATAT_FLAGS)
		return -EINVAL;
	name = getname_flags(upath, flags & AT_EMPTY_PATH);
	if (IS_ERR(name))
		return PTR_ERR(name);
	err = do_fstatat(dfd, name, ustat, flags);
	putname(name);
	return err;
}

long sys_stat(const struct syscall_args *a)
{
	return fstatat_common(AT_FDCWD, a->arg[0], a->arg[1], 0);
}

long sys_lstat(const struct syscall_args *a)
{
	return fstatat_common(AT_FDCWD, a->arg[0], a->arg[1], AT_SYMLINK_NOFOLLOW);
}

long sys_fstat(const struct syscall_args *a)
{
	return do_fstat((int)a->arg[0], a->arg[1]);
}

long sys_newfstatat(const struct syscall_args *a)
{
	return fstatat_common((int)a->arg[0], a->arg[1], a->arg[2], (int)a->arg[3]);
}

/**
 * do_readlinkat() - the target of the symlink @path into the kernel buffer @buf.
 * @size: room in @buf; the target is cut to it, with no NUL added.
 * Context: a thread. Return: the bytes stored, -EINVAL (not a symlink; -ENOENT if @path is
 * "" and the dirfd is not one), or a lookup errno.
 */
long do_readlinkat(int dfd, const char *path, char *buf, size_t size)
{
	struct path p;
	struct inode *inode;
	long len;

	len = path_lookupat(dfd, path, LOOKUP_EMPTY, &p);
	if (len)
		return len;
	inode = p.dentry->d_inode;
	if (!S_ISLNK(inode_mode(inode)) || !inode->i_op->get_link)
		len = path[0] ? -EINVAL : -ENOENT;	/* "" (the dirfd itself): ENOENT */
	else
		len = inode->i_op->get_link(inode, buf, size);
	path_put(&p);
	return len;
}

/* readlink_common() - readlinkat(dfd, path, buf, bufsiz) */
static long readlink_common(int dfd, uaddr_t upath, uaddr_t ubuf, int bufsiz)
{
	char *name, *buf;
	long len;

	if (bufsiz <= 0)
		return -EINVAL;
	name = getname_flags(upath, true);
	if (IS_ERR(name))
		return PTR_ERR(name);
	buf = kmalloc(PATH_MAX);
	len = buf ? do_readlinkat(dfd, name, buf, MIN((size_t)bufsiz, PATH_MAX)) : -ENOMEM;
	if (len > 0 && copy_to_user(ubuf, buf, (size_t)len))
		len = -EFAULT;
	kfree(buf);
	putname(name);
	return len;
}

long sys_readlink(const struct syscall_args *a)
{
	return readlink_common(AT_FDCWD, a->arg[0], a->arg[1], (int)a->arg[2]);
}

long sys_readlinkat(const struct syscall_args *a)
{
	return readlink_common((int)a->arg[0], a->arg[1], a->arg[2], (int)a->arg[3]);
}
