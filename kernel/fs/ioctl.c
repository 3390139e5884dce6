/* ioctl.c - ioctl(2): the requests every file understands, then the file's own.
 *
 * A few requests are about the descriptor or the open file rather than the device, so the VFS
 * answers them for every file, as Linux's do_vfs_ioctl does: FIOCLEX/FIONCLEX set and clear
 * close-on-exec, FIONBIO sets or clears O_NONBLOCK from an int at arg, FIOASYNC likewise
 * O_ASYNC. Anything else goes to the file's ->ioctl (the console tty answers TCGETS,
 * TIOCGWINSZ, ...); a file without one gives ENOTTY, which is how isatty() learns that a
 * regular file is not a terminal.
 * Errors: EBADF (bad descriptor, or an O_PATH one), EFAULT (unreadable int), ENOTTY.
 * Locking: none of its own. See also: kernel/include/uapi/ioctl.h, kernel/fs/fdtable.c.
 * Linux: fs/ioctl.c (do_vfs_ioctl, ioctl_fionbio). */
#include "file.h"
#include "fs.h"
#include "fdtable.h"
#include "syscalls.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/ioctl.h"

/* ioctl_flag() - FIONBIO/FIOASYNC: set @flag if the int at @uarg is non-zero, else clear. */
static long ioctl_flag(struct file *f, uaddr_t uarg, unsigned int flag)
{
	int on;

	if (copy_from_user(&on, uarg, sizeof(on)))
		return -EFAULT;
	file_set_flags(f, on ? flag : 0, on ? 0 : flag);
	return 0;
}

/**
 * do_ioctl() - ioctl(2) on descriptor @fd.
 * Context: a thread; may sleep in a driver. Return: the request's result, -EBADF, -EFAULT,
 * -ENOTTY, or the driver's errno.
 */
long do_ioctl(int fd, unsigned int cmd, uint64_t arg)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	if (file_flags(f) & O_PATH)
		ret = -EBADF;
	else if (cmd == FIOCLEX || cmd == FIONCLEX)
		ret = fd_set_cloexec(current_files(), fd, cmd == FIOCLEX);
	else if (cmd == FIONBIO)
		ret = ioctl_flag(f, arg, O_NONBLOCK);
	else if (cmd == FIOASYNC)
		ret = ioctl_flag(f, arg, O_ASYNC);
	else if (f->f_op && f->f_op->ioctl)
		ret = f->f_op->ioctl(f, cmd, arg);
	else
		ret = -ENOTTY;
	file_put(f);
	return ret;
}

/* ioctl(fd, cmd, arg) */
long sys_ioctl(const struct syscall_args *a)
{
	return do_ioctl((int)a->arg[0], (unsigned int)a->arg[1], a->arg[2]);
}
