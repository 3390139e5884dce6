/* fs.h - the typed implementations behind the file syscalls (the do_X of each sys_X), for
 * the kernel's own callers (initramfs, exec, the self-tests) and for gdb's `break do_`.
 * They take KERNEL strings and buffers unless a parameter is a uaddr_t. Grouped by the file
 * that implements them; namei.h has the name operations (mkdir, unlink, rename, ...).
 * Linux: include/linux/fs.h, fs/internal.h. */
#ifndef REAPER_FS_H
#define REAPER_FS_H

#include "types.h"

struct file;
struct inode;
struct stat;

/* kernel/fs/open.c */
struct file *do_filp_open(int dfd, const char *path, int flags, unsigned int mode);
long do_sys_openat(int dfd, uaddr_t upath, int flags, unsigned int mode);
int do_faccessat(int dfd, const char *path, int mode, int flags);
int do_fchmodat(int dfd, const char *path, unsigned int mode);
int do_truncate(const char *path, int64_t length);
int do_ftruncate(int fd, int64_t length);
int do_chdir(const char *path);
long do_getcwd(char *buf, size_t size);

/* kernel/fs/stat.c */
void stat_fill(struct inode *inode, struct stat *st);
long do_fstat(int fd, uaddr_t ustat);
long do_fstatat(int dfd, const char *path, uaddr_t ustat, int flags);
long do_readlinkat(int dfd, const char *path, char *buf, size_t size);

/* kernel/fs/read_write.c */
ssize_t vfs_rw_user(struct file *f, uaddr_t ubuf, size_t n, uint64_t *pos, bool write);
int64_t do_lseek(int fd, int64_t offset, unsigned int whence);

/* kernel/fs/readdir.c */
long do_getdents64(int fd, uaddr_t udirp, size_t count);

/* kernel/fs/ioctl.c */
long do_ioctl(int fd, unsigned int cmd, uint64_t arg);

/* kernel/fs/fdtable.c */
long do_fcntl(int fd, unsigned int cmd, uint64_t arg);

#endif
