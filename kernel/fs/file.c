/* file.c - the life of a struct file: opened from a path, shared by descriptors, released.
 *
 * A struct file (file.h) is one open: it is created by file_open_path() with one reference,
 * gets more from each descriptor that shares it (dup, fork) and from in-kernel users (fget),
 * and at the last file_put() calls its driver's ->release and drops what it held: its
 * dentry, its mount and its inode. Opening a character device node goes through the chrdev
 * registry (chrdev.c), which replaces f_op by the driver's; everything else uses the inode's
 * i_fop (ramfs files and directories, /dev nodes of other filesystems later).
 *
 * Files come from the slab cache "filp", Linux's name, so open-file leaks are visible in
 * /proc/slabinfo. O_PATH files (open without I/O, for *at() and fstat) get path_fops, whose
 * every operation is absent, and the read/write syscalls reject them with EBADF.
 * Invariants: f_count > 0 while any descriptor or user holds the file; f_dentry, f_mnt and
 * f_inode are all set or (anonymous files, later pipes) f_dentry and f_mnt are NULL.
 * Locking: f_lock (LOCK_FILE, one lock for all files: each critical section is a few loads
 * and stores) protects f_count, f_pos and f_flags.
 * See also: kernel/fs/fdtable.c, kernel/fs/open.c, kernel/fs/read_write.c.
 * Linux: fs/file_table.c (alloc_file, fput), fs/open.c (do_dentry_open), fs/read_write.c
 * (generic_file_llseek). */
#include "file.h"
#include "chrdev.h"
#include "dcache.h"
#include "err.h"
#include "fdtable.h"
#include "mount.h"
#include "namei.h"
#include "panic.h"
#include "slab.h"
#include "spinlock.h"
#include "vfs.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "refcount.h"

/* Flags that describe the open itself and are not kept in f_flags. */
#define OPEN_ONLY_FLAGS	(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)

static struct kmem_cache *filp_cache;
static struct spinlock f_lock = SPINLOCK_INIT("f_lock", LOCK_FILE);
static const struct file_operations path_fops;	/* O_PATH: no operation at all */

/* file_init() - the "filp" slab cache (vfs_init). */
void file_init(void)
{
	filp_cache = kmem_cache_create("filp", sizeof(struct file), 8);
	if (!filp_cache)
		panic("vfs: cannot create the filp cache");
}

/**
 * file_alloc() - a new struct file with one reference and no path (pipes, and the first step
 * of file_open_path()).
 * @fops: its operations; @flags: open flags (the open-only ones are dropped).
 * Context: no spinlock held. Return: the file, or NULL if out of memory.
 */
struct file *file_alloc(const struct file_operations *fops, unsigned int flags)
{
	struct file *f = kmem_cache_zalloc(filp_cache);

	if (!f)
		return NULL;
	f->f_op = fops;
	f->f_flags = flags & ~OPEN_ONLY_FLAGS;
	f->f_count = 1;
	return f;
}

/**
 * file_get() - take another reference on @f.
 * Context: any; the caller holds a reference. Return: @f.
 */
struct file *file_get(struct file *f)
{
	spin_lock(&f_lock);
	ref_get(&f->f_count, "file");
	spin_unlock(&f_lock);
	return f;
}

/* counts_as_writer() - does @f hold write access to a regular file (inode.c, ETXTBSY)? */
static bool counts_as_writer(const struct file *f)
{
	return f->f_inode && S_ISREG(inode_mode(f->f_inode)) && !(f->f_flags & O_PATH) &&
	       (f->f_flags & O_ACCMODE) != O_RDONLY;
}

/* file_free() - drop what @f holds and free it (its ->release already ran, if any). */
static void file_free(struct file *f)
{
	if (counts_as_writer(f))
		inode_put_write_access(f->f_inode);
	/* The mount goes last: after a lazy umount the file may hold the last reference to
	 * it, whose release frees the superblock, and the inode and dentry live in it (an
	 * iput after the mntput was a use-after-free, found by the fuzzer). */
	dput(f->f_dentry);
	iput(f->f_inode);
	mntput(f->f_mnt);
	kmem_cache_free(filp_cache, f);
}

/**
 * file_put() - drop a reference on @f (NULL ignored); the last one releases and frees it.
 * Context: no spinlock held; may sleep if the driver's ->release does. Return: nothing.
 */
void file_put(struct file *f)
{
	bool last;

	if (!f)
		return;
	spin_lock(&f_lock);
	last = ref_put(&f->f_count, "file");
	spin_unlock(&f_lock);
	if (!last)
		return;
	if (f->f_op && f->f_op->release)
		f->f_op->release(f);
	file_free(f);
}

/* file_do_open() - let the driver (or the chrdev registry) see the new file. */
static int file_do_open(struct file *f, struct inode *inode, int flags)
{
	if (flags & O_PATH) {
		f->f_op = &path_fops;
		return 0;
	}
	if (S_ISCHR(inode->i_mode))
		return chrdev_open(inode, f);
	if (f->f_op && f->f_op->open)
		return f->f_op->open(inode, f);
	return 0;
}

/**
 * file_open_path() - open what @path names (it must be positive).
 * @path: the file's mount and dentry (the file takes its own references).
 * @flags: open flags; the checks of open(2) (EISDIR, access) were made by the caller.
 *
 * Context: no spinlock held; may sleep in a driver's ->open.
 * Return: the file, or ERR_PTR(-ENOMEM, -ENXIO (no driver for a device), or the driver's).
 */
struct file *file_open_path(const struct path *path, int flags)
{
	struct inode *inode = d_inode_get(path->dentry);
	struct file *f;
	int err;

	if (!inode)
		return ERR_PTR(-ENOENT);
	f = file_alloc(inode->i_fop, (unsigned int)flags);
	if (!f) {
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	f->f_inode = inode;
	f->f_dentry = dget(path->dentry);
	f->f_mnt = mntget(path->mnt);
	if (counts_as_writer(f) && inode_get_write_access(inode)) {
		f->f_flags = (f->f_flags & ~O_ACCMODE) | O_RDONLY;	/* nothing to put back */
		file_free(f);
		return ERR_PTR(-ETXTBSY);	/* the program is running */
	}
	err = file_do_open(f, inode, flags);
	if (err) {
		file_free(f);	/* a failed ->open gets no ->release, as on Linux */
		return ERR_PTR(err);
	}
	return f;
}

/**
 * file_read_at() - read up to @n bytes at offset @off into the kernel buffer @buf, without
 * moving f_pos (exec and mmap read files this way).
 * Context: no spinlock held; may sleep. Return: bytes read (0 at end of file) or -errno
 * (-EINVAL if the file cannot be read).
 */
ssize_t file_read_at(struct file *f, void *buf, size_t n, uint64_t off)
{
	uint64_t pos = off;

	if (!f->f_op || !f->f_op->read)
		return -EINVAL;
	return f->f_op->read(f, buf, n, &pos);
}

/**
 * fget() - the file open as @fd in the current process, counted.
 * Context: a thread; no spinlock held. Return: the file (file_put() it), or NULL if @fd is
 * not open (or the caller is a kernel thread, which has no descriptors).
 */
struct file *fget(int fd)
{
	struct files_struct *files = current_files();

	return files ? fd_lookup(files, fd) : NULL;
}

/* file_readable() / file_writable() - may read(2) / write(2) use @f (its access mode)? */
bool file_readable(const struct file *f)
{
	unsigned int acc = READ_ONCE(f->f_flags) & O_ACCMODE;

	return f->f_op != &path_fops && (acc == O_RDONLY || acc == O_RDWR);
}

bool file_writable(const struct file *f)
{
	unsigned int acc = READ_ONCE(f->f_flags) & O_ACCMODE;

	return f->f_op != &path_fops && (acc == O_WRONLY || acc == O_RDWR);
}

/* file_flags() - a consistent read of f_flags. */
unsigned int file_flags(struct file *f)
{
	unsigned int flags;

	spin_lock(&f_lock);
	flags = f->f_flags;
	spin_unlock(&f_lock);
	return flags;
}

/* file_set_flags() - set then clear bits of f_flags (fcntl F_SETFL, ioctl FIONBIO). */
void file_set_flags(struct file *f, unsigned int set, unsigned int clear)
{
	spin_lock(&f_lock);
	f->f_flags = (f->f_flags | set) & ~clear;
	spin_unlock(&f_lock);
}

/* llseek_target() - the offset @whence and @offset name, into *@out. Return: 0 or -errno. */
static int llseek_target(int64_t cur, int64_t size, int64_t offset, int whence, int64_t *out)
{
	int64_t base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = cur;
		break;
	case SEEK_END:
		base = size;
		break;
	case SEEK_DATA:	/* no holes are reported: all of the file is data */
		*out = offset;
		return offset < 0 || offset >= size ? -ENXIO : 0;
	case SEEK_HOLE:	/* the only hole is the virtual one at the end */
		*out = size;
		return offset < 0 || offset >= size ? -ENXIO : 0;
	default:
		return -EINVAL;
	}
	if ((offset > 0 && base > INT64_MAX - offset) || (offset < 0 && base < INT64_MIN - offset))
		return -EINVAL;
	*out = base + offset;
	return *out < 0 ? -EINVAL : 0;
}

/**
 * generic_file_llseek() - lseek for files whose size is i_size (ramfs files, directories).
 * Context: no spinlock held. Return: the new offset, -EINVAL (bad whence, negative or
 * overflowing result), -ENXIO (SEEK_DATA/SEEK_HOLE at or past the end).
 */
int64_t generic_file_llseek(struct file *f, int64_t offset, int whence)
{
	int64_t size = (int64_t)inode_size(f->f_inode), target = 0;
	int err;

	spin_lock(&f_lock);
	err = llseek_target((int64_t)f->f_pos, size, offset, whence, &target);
	if (!err)
		f->f_pos = (uint64_t)target;
	spin_unlock(&f_lock);
	return err ? err : target;
}

/**
 * file_pos_get() / file_pos_set() - read and update f_pos around a read or write (read_write.c).
 * Context: no spinlock held. Return: the offset / nothing.
 */
uint64_t file_pos_get(struct file *f)
{
	uint64_t pos;

	spin_lock(&f_lock);
	pos = f->f_pos;
	spin_unlock(&f_lock);
	return pos;
}

void file_pos_set(struct file *f, uint64_t pos)
{
	spin_lock(&f_lock);
	f->f_pos = pos;
	spin_unlock(&f_lock);
}
