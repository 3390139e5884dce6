/* read_write.c - moving bytes between user memory and open files.
 *
 * Drivers and filesystems read and write KERNEL buffers (file.h), so every syscall here goes
 * through a bounce buffer of one page: read = op->read into the buffer, then copy_to_user;
 * write = copy_from_user into the buffer, then op->write; repeated page by page. A regular
 * file read loops until the request is filled or the file ends; any other read (a tty, a
 * device) returns after its first chunk with data, as a tty read must return a line when one
 * is there instead of waiting for the whole count. A write loops until everything is written
 * or the file takes less. Counts are clamped to MAX_RW_COUNT, as on Linux.
 *
 * Errors follow Linux: EBADF for a bad descriptor or one not open for the direction; EINVAL
 * for a file without the operation; EFAULT when the first byte cannot be copied (after that,
 * the count done so far); pread64/pwrite64 give EINVAL for a negative offset and ESPIPE on a
 * file that cannot seek; readv/writev give EINVAL for iovcnt < 0 or > UIO_MAXIOV, or a total
 * beyond SSIZE_MAX, and EFAULT for an unreadable iovec array.
 * sendfile returns EINVAL (for valid descriptors): busybox's cat then falls back to read and
 * write, which is all sendfile would do here.
 * Invariants: the offset of a regular file advances only by the bytes that reached (or came
 * from) user memory.
 * Locking: f_pos is read and written back under f_lock (file.c); the operation runs with no
 * lock held, since it may sleep.
 * See also: kernel/fs/file.c, kernel/mm/uaccess.c. Linux: fs/read_write.c. */
#include "file.h"
#include "fs.h"
#include "arch.h"
#include "kmalloc.h"
#include "syscalls.h"
#include "uaccess.h"
#include "vfs.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define MAX_RW_COUNT	(0x7fffffffUL & ~(PAGE_SIZE - 1))
#define UIO_MAXIOV	1024
#define SSIZE_MAX	0x7fffffffffffffffULL

struct iovec_user {
	uint64_t iov_base;	/* a user address */
	uint64_t iov_len;
};

/* is_regular() - does @f read like a file (loop to fill) rather than a stream? */
static bool is_regular(struct file *f)
{
	return S_ISREG(inode_mode(f->f_inode));
}

/* read_to_user() - read up to @n bytes at *@pos into @ubuf through the bounce @buf. */
static ssize_t read_to_user(struct file *f, uaddr_t ubuf, size_t n, uint64_t *pos, char *buf)
{
	size_t done = 0;

	while (done < n) {
		size_t chunk = MIN(n - done, PAGE_SIZE);
		ssize_t r = f->f_op->read(f, buf, chunk, pos);

		if (r <= 0)
			return done ? (ssize_t)done : r;
		if (copy_to_user(ubuf + done, buf, (size_t)r)) {
			*pos -= (uint64_t)r;	/* those bytes never arrived */
			return done ? (ssize_t)done : -EFAULT;
		}
		done += (size_t)r;
		if ((size_t)r < chunk || !is_regular(f))
			break;
	}
	return (ssize_t)done;
}

/* write_from_user() - write @n bytes from @ubuf at *@pos through the bounce @buf. */
static ssize_t write_from_user(struct file *f, uaddr_t ubuf, size_t n, uint64_t *pos,
			       char *buf)
{
	size_t done = 0;

	while (done < n) {
		size_t chunk = MIN(n - done, PAGE_SIZE);
		ssize_t w;

		if (copy_from_user(buf, ubuf + done, chunk))
			return done ? (ssize_t)done : -EFAULT;
		w = f->f_op->write(f, buf, chunk, pos);
		if (w <= 0)
			return done ? (ssize_t)done : w;
		done += (size_t)w;
		if ((size_t)w < chunk)
			break;
	}
	return (ssize_t)done;
}

/**
 * vfs_rw_user() - read or write @n bytes of user memory at *@pos of @f.
 * @write: the direction; the file's access mode and operation are checked here.
 * Context: a thread; no spinlock held; may sleep. Return: bytes moved or -errno (-EBADF,
 * -EINVAL, -EFAULT, -ENOMEM, or the operation's).
 */
ssize_t vfs_rw_user(struct file *f, uaddr_t ubuf, size_t n, uint64_t *pos, bool write)
{
	char *buf;
	ssize_t ret;

	if (write ? !file_writable(f) : !file_readable(f))
		return -EBADF;
	if (!f->f_op || (write ? f->f_op->write == NULL : f->f_op->read == NULL))
		return -EINVAL;
	if (n == 0)
		return 0;
	if (!user_range_ok(ubuf, n))
		return -EFAULT;	/* the whole range, before clamping, as Linux's access_ok */
	n = MIN(n, MAX_RW_COUNT);
	buf = kmalloc(PAGE_SIZE);
	if (!buf)
		return -ENOMEM;
	ret = write ? write_from_user(f, ubuf, n, pos, buf) : read_to_user(f, ubuf, n, pos, buf);
	kfree(buf);
	return ret;
}

/* rw_at_pos() - read(2)/write(2): at f_pos, which moves by what was transferred. */
static ssize_t rw_at_pos(int fd, uaddr_t ubuf, size_t n, bool write)
{
	struct file *f = fget(fd);
	uint64_t pos;
	ssize_t ret;

	if (!f)
		return -EBADF;
	pos = file_pos_get(f);
	ret = vfs_rw_user(f, ubuf, n, &pos, write);
	if (ret > 0)
		file_pos_set(f, pos);
	file_put(f);
	return ret;
}

long sys_read(const struct syscall_args *a)
{
	return rw_at_pos((int)a->arg[0], a->arg[1], (size_t)a->arg[2], false);
}

long sys_write(const struct syscall_args *a)
{
	return rw_at_pos((int)a->arg[0], a->arg[1], (size_t)a->arg[2], true);
}

/* rw_positioned() - pread64/pwrite64: at @off, f_pos untouched. */
static ssize_t rw_positioned(int fd, uaddr_t ubuf, size_t n, int64_t off, bool write)
{
	struct file *f;
	uint64_t pos = (uint64_t)off;
	ssize_t ret;

	if (off < 0)
		return -EINVAL;
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = f->f_op && f->f_op->llseek ? vfs_rw_user(f, ubuf, n, &pos, write) : -ESPIPE;
	file_put(f);
	return ret;
}

long sys_pread64(const struct syscall_args *a)
{
	return rw_positioned((int)a->arg[0], a->arg[1], (size_t)a->arg[2], (int64_t)a->arg[3],
			     false);
}

long sys_pwrite64(const struct syscall_args *a)
{
	return rw_positioned((int)a->arg[0], a->arg[1], (size_t)a->arg[2], (int64_t)a->arg[3],
			     true);
}

/* import_iovec() - copy and check the user iovec array. Return: the array (kfree it) or
 * ERR-style NULL with *@err set. */
static struct iovec_user *import_iovec(uaddr_t uiov, int cnt, long *err)
{
	struct iovec_user *iov;
	uint64_t total = 0;

	*err = 0;
	if (cnt < 0 || cnt > UIO_MAXIOV) {
		*err = -EINVAL;
		return NULL;
	}
	iov = kmalloc((size_t)MAX(cnt, 1) * sizeof(*iov));
	if (!iov) {
		*err = -ENOMEM;
		return NULL;
	}
	if (copy_from_user(iov, uiov, (size_t)cnt * sizeof(*iov)))
		*err = -EFAULT;
	for (int i = 0; i < cnt && !*err; i++) {
		if (iov[i].iov_len > SSIZE_MAX - total)
			*err = -EINVAL;
		total += iov[i].iov_len;
	}
	if (*err) {
		kfree(iov);
		return NULL;
	}
	return iov;
}

/* rw_iovec() - each buffer in turn, stopping at the first short transfer. */
static ssize_t rw_iovec(struct file *f, const struct iovec_user *iov, int cnt, uint64_t *pos,
			bool write)
{
	ssize_t done = 0;

	for (int i = 0; i < cnt; i++) {
		ssize_t r;

		if (iov[i].iov_len == 0)
			continue;
		r = vfs_rw_user(f, iov[i].iov_base, iov[i].iov_len, pos, write);
		if (r < 0)
			return done ? done : r;
		done += r;
		if ((size_t)r < iov[i].iov_len || (!write && !is_regular(f)))
			break;
	}
	return done;
}

/* do_rwv() - readv(2)/writev(2). */
static long do_rwv(int fd, uaddr_t uiov, int cnt, bool write)
{
	struct file *f = fget(fd);
	struct iovec_user *iov;
	uint64_t pos;
	long ret;

	if (!f)
		return -EBADF;
	if (write ? !file_writable(f) : !file_readable(f)) {
		file_put(f);
		return -EBADF;
	}
	iov = import_iovec(uiov, cnt, &ret);
	if (iov) {
		pos = file_pos_get(f);
		ret = rw_iovec(f, iov, cnt, &pos, write);
		if (ret > 0)
			file_pos_set(f, pos);
		kfree(iov);
	}
	file_put(f);
	return ret;
}

long sys_readv(const struct syscall_args *a)
{
	return do_rwv((int)a->arg[0], a->arg[1], (int)a->arg[2], false);
}

long sys_writev(const struct syscall_args *a)
{
	return do_rwv((int)a->arg[0], a->arg[1], (int)a->arg[2], true);
}

/**
 * do_lseek() - lseek(2).
 * Context: a thread. Return: the new offset, -EBADF, -ESPIPE (not seekable: a tty), -EINVAL
 * (bad @whence, negative result), -ENXIO (SEEK_DATA/SEEK_HOLE past the end).
 */
int64_t do_lseek(int fd, int64_t offset, unsigned int whence)
{
	struct file *f = fget(fd);
	int64_t ret;

	if (!f)
		return -EBADF;
	if (!f->f_op || !f->f_op->llseek)
		ret = -ESPIPE;
	else if (whence > SEEK_HOLE)
		ret = -EINVAL;
	else
		ret = f->f_op->llseek(f, offset, (int)whence);
	file_put(f);
	return ret;
}

long sys_lseek(const struct syscall_args *a)
{
	return do_lseek((int)a->arg[0], (int64_t)a->arg[1], (unsigned int)a->arg[2]);
}

/* sendfile_check() - Linux's checks of sendfile, in its order, before our EINVAL. */
static long sendfile_check(struct file *out, struct file *in, bool has_offset)
{
	if (!in || !file_readable(in))
		return -EBADF;
	if (has_offset && !(in->f_op && in->f_op->llseek))
		return -ESPIPE;
	if (!out || !file_writable(out))
		return -EBADF;
	return -EINVAL;
}

/* sendfile(out_fd, in_fd, offset, count): after Linux's checks (EFAULT for an unreadable
 * offset, EBADF, ESPIPE), EINVAL, so callers fall back to read/write (header comment). */
long sys_sendfile(const struct syscall_args *a)
{
	struct file *out, *in;
	int64_t off;
	long ret;

	if (a->arg[2] && copy_from_user(&off, a->arg[2], sizeof(off)))
		return -EFAULT;
	out = fget((int)a->arg[0]);
	in = fget((int)a->arg[1]);
	ret = sendfile_check(out, in, a->arg[2] != 0);
	file_put(out);
	file_put(in);
	return ret;
}
