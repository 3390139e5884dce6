/* file.h - open files and the operations behind them (kernel/fs/file.c, kernel/fs/fdtable.c).
 *
 * A struct file is one open of something: a regular file, a directory, a device. It holds the
 * current offset and the open flags, and points at the operations of what was opened (its
 * struct file_operations). File descriptors are indexes into a process's files_struct, which
 * holds a counted reference on each file; dup() makes two descriptors share one struct file
 * (and so one offset), as on Linux.
 *
 * Operations work on KERNEL buffers: the read/write syscalls copy between user memory and a
 * kernel buffer (kernel/mm/uaccess.c), so no driver ever touches a user address. An operation
 * that is absent means the file does not support it (read -> EINVAL, ioctl -> ENOTTY, ...).
 * Extensions for the VFS issue: f_mnt (which mount the file was opened through, for fchdir,
 * getcwd and umount's EBUSY), ->llseek (absent: the file is not seekable, lseek and pread
 * give ESPIPE) and ->iterate (readdir of a directory); the processes issue adds ->poll
 * (kernel/fs/select.c). fget() is declared here because every
 * fd user wants it; the fd table itself is kernel/include/fdtable.h.
 * See also: kernel/include/vfs.h (inodes, dentries, mounts), kernel/fs/read_write.c. */
#ifndef REAPER_FILE_H
#define REAPER_FILE_H

#include "types.h"

struct file;
struct inode;
struct dentry;
struct mount;
struct path;
struct poll_table;
struct dir_context;

struct file_operations {
	/* read()/write() - move up to @n bytes at *@pos; advance *@pos. Return: bytes or -errno.
	 * May sleep (a tty read waits for a line). 0 from read means end of file. */
	ssize_t (*read)(struct file *f, void *buf, size_t n, uint64_t *pos);
	ssize_t (*write)(struct file *f, const void *buf, size_t n, uint64_t *pos);
	/* ioctl() - @arg is a user address or a number, as the request defines. */
	long (*ioctl)(struct file *f, unsigned int cmd, uint64_t arg);
	/* open()/release() - the first and the last reference to the struct file. */
	int (*open)(struct inode *inode, struct file *f);
	void (*release)(struct file *f);
	/* llseek() - move f_pos (SEEK_SET/CUR/END/DATA/HOLE). Absent: not seekable (ESPIPE).
	 * Return: the new offset or -errno. */
	int64_t (*llseek)(struct file *f, int64_t offset, int whence);
	/* iterate() - emit directory entries from ctx->pos on (readdir.c). Return: 0 or -errno. */
	int (*iterate)(struct file *f, struct dir_context *ctx);
	/* poll() - readiness now (POLLIN, POLLOUT, POLLHUP, POLLERR ...), after registering the
	 * caller on every wait queue that a change of it wakes: poll_wait(f, wq, pt) (poll.h).
	 * Must not sleep. Absent: always ready for reading and writing (DEFAULT_POLLMASK). */
	unsigned int (*poll)(struct file *f, struct poll_table *pt);
	/* page_frame() - the frame holding the file's whole page at @off (page aligned), with
	 * one more mapping counted on it (page_ref_get), for a read-only private mapping to
	 * map as it is instead of copying (kernel/mm/fault.c). Absent, or 0 (a hole, past the
	 * end): the fault copies the bytes with read(). Must not sleep. */
	paddr_t (*page_frame)(struct file *f, uint64_t off);
	/* mmap_ok - the file may be mapped: its read() is called by page faults, under the
	 * faulting mm's lock (LOCK_MM), so it may take no lock that comes before it (ramfs
	 * files). False: mmap fails with ENODEV, as Linux's does without ->mmap (procfs,
	 * nsfs, whose reads take tasklist_lock). */
	bool mmap_ok;
};

/*
 * Where iterate() puts entries: dir_emit() calls ->actor, which copies one entry into the
 * getdents buffer and returns false when it is full. ctx->pos is the directory position of
 * the next entry (0 ".", 1 "..", then the filesystem's numbering, kept in f_pos).
 */
struct dir_context {
	bool (*actor)(struct dir_context *ctx, const char *name, size_t len, uint64_t ino,
		      unsigned int d_type, int64_t next_pos);
	int64_t pos;
};

bool dir_emit_dots(struct file *f, struct dir_context *ctx);

/* dir_type_of() - the d_type (DT_DIR, DT_REG, DT_LNK ...) of an inode mode: its S_IFMT
 * bits, shifted, as Linux's values are chosen to be. */
static inline unsigned int dir_type_of(unsigned int mode)
{
	return (mode & 0170000) >> 12;
}

static inline bool dir_emit(struct dir_context *ctx, const char *name, size_t len, uint64_t ino,
			    unsigned int d_type, int64_t next_pos)
{
	return ctx->actor(ctx, name, len, ino, d_type, next_pos);
}

struct file {
	/* Immutable after open: */
	const struct file_operations *f_op;
	struct dentry *f_dentry;	/* counted reference; NULL for anonymous files (pipes) */
	struct inode *f_inode;		/* counted reference */
	struct mount *f_mnt;		/* counted; NULL when f_dentry is */

	/* Protected by f_lock (kernel/fs/file.c): */
	unsigned int f_flags;		/* O_ACCMODE | O_APPEND | O_NONBLOCK ... (not O_CLOEXEC) */
	uint64_t f_pos;			/* the offset read/write/lseek use */
	int f_count;			/* references: descriptors and in-kernel users */
	void *private_data;		/* the driver's, e.g. the tty it talks to */
};

void file_init(void);
struct file *file_alloc(const struct file_operations *fops, unsigned int flags);
struct file *file_get(struct file *f);
void file_put(struct file *f);
struct file *file_open_path(const struct path *path, int flags);
bool file_readable(const struct file *f);
bool file_writable(const struct file *f);
unsigned int file_flags(struct file *f);
void file_set_flags(struct file *f, unsigned int set, unsigned int clear);
int64_t generic_file_llseek(struct file *f, int64_t offset, int whence);
uint64_t file_pos_get(struct file *f);
void file_pos_set(struct file *f, uint64_t pos);
/* file_open_kernel() - open @path for the kernel itself (exec, the console of init).
 * Return: the file, or ERR_PTR(-errno). */
struct file *file_open_kernel(const char *path, int flags, unsigned int mode);
/* file_read_at() - read up to @n bytes at @off into a kernel buffer. Return: bytes or -errno. */
ssize_t file_read_at(struct file *f, void *buf, size_t n, uint64_t off);
/* fget() - the open file of descriptor @fd of the current process, counted (file_put() it).
 * Return: the file, or NULL if @fd is not open. */
struct file *fget(int fd);

#endif
