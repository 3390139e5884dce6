/* pipe.c - pipes: a bounded ring of bytes with a reading end and a writing end.
 *
 * pipe(2) makes one anonymous inode (S_IFIFO | 0600 on the internal pipefs superblock, never
 * mounted: it exists so fstat() has an inode to describe) and two struct files on it, O_RDONLY
 * and O_WRONLY. The struct pipe lives in the inode, so the pipe is freed with the inode, when
 * both files are gone. The pipe counts its readers and writers - open struct files, not
 * descriptors: fork and dup share a file and do not change the counts; its last ->release
 * does.
 *
 * The buffer is a ring of PIPE_SIZE (64 KiB, Linux's default) bytes in 16 pages, allocated on
 * first use and freed with the pipe. The rules are Linux's (fs/pipe.c, pipe(7)):
 *   - read returns what is there (up to the count), waits while the pipe is empty and has a
 *     writer, and returns 0 (end of file) when it is empty and has none;
 *   - write waits for room; a write of at most PIPE_BUF bytes goes in whole or not at all
 *     (atomic: it never interleaves with another writer's); bigger writes go in pieces;
 *   - a write with no reader gets EPIPE, and the writer SIGPIPE;
 *   - O_NONBLOCK: EAGAIN instead of waiting (a partial count if some bytes went in).
 * read_write.c hands the pipe at most one page per call, so every chunk is atomic, and a read
 * returns at most a page (Linux returns up to the count; both are valid pipe reads). A
 * non-blocking write of more than PIPE_BUF bytes stops at the first page that does not fit
 * whole, where Linux would fill the ring byte for byte.
 * Locking: pipe->lock (LOCK_PIPE) protects the ring and the counts. Sleeps and wake-ups happen
 * without it: rd_wait wakes readers (data came, or the last writer left), wr_wait writers
 * (room came, or the last reader left); pollers hang on both (select.c).
 * See also: kernel/include/pipe.h, kernel/fs/select.c, kernel/fs/read_write.c.
 * Linux: fs/pipe.c (pipe_read, pipe_write, pipe_poll, pipe_release, do_pipe2). */
#include "pipe.h"
#include "arch.h"
#include "compiler.h"
#include "err.h"
#include "fdtable.h"
#include "file.h"
#include "kmalloc.h"
#include "panic.h"
#include "poll.h"
#include "sched.h"
#include "signal.h"
#include "slab.h"
#include "spinlock.h"
#include "string.h"
#include "syscalls.h"
#include "uaccess.h"
#include "vfs.h"
#include "wait_queue.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"
#include "uapi/termios.h"

#define PIPE_PAGES	(PIPE_SIZE / PAGE_SIZE)
#define PIPE2_FLAGS	(O_CLOEXEC | O_NONBLOCK | O_DIRECT)

struct pipe {
	struct spinlock lock;		/* LOCK_PIPE */
	/* Protected by lock: */
	char *pages[PIPE_PAGES];	/* the ring, a page at a time; NULL until first written */
	size_t head;			/* ring offset of the oldest byte */
	size_t count;			/* bytes in the ring */
	int readers;			/* struct files open for reading */
	int writers;			/* struct files open for writing */

	struct wait_queue rd_wait;	/* readers: data, or no writer left */
	struct wait_queue wr_wait;	/* writers: room, or no reader left */
};

/* The pipefs inode: the VFS part and the pipe, allocated and freed together. */
struct pipe_inode {
	struct inode vfs_inode;
	struct pipe pipe;
};

static struct kmem_cache *pipe_inode_cache;
static struct super_block *pipe_sb;
static struct file_system_type pipefs_type = { .name = "pipefs" };	/* never mounted */

/*
 * pipe_wait() - sleep on @wq until @cond; 0, or -ERESTARTSYS when a signal interrupts the
 * sleep (delivery turns it into EINTR, or restarts the call under SA_RESTART, as on Linux).
 */
#define pipe_wait(wq, cond) wait_event_interruptible(wq, cond)

static struct pipe *pipe_of(struct file *f)
{
	return &container_of(f->f_inode, struct pipe_inode, vfs_inode)->pipe;
}

/* ---- the ring ---- */

/* ring_reserve_locked() - make sure the pages under ring offsets [@at, @at + @n) exist. */
static int ring_reserve_locked(struct pipe *pipe, size_t at, size_t n)
{
	assert_held(&pipe->lock);
	for (size_t i = at / PAGE_SIZE; i <= (at + n - 1) / PAGE_SIZE; i++) {
		char **page = &pipe->pages[i % PIPE_PAGES];

		if (!*page && !(*page = kmalloc(PAGE_SIZE)))
			return -ENOMEM;
	}
	return 0;
}

/* ring_copy() - copy @n bytes between @buf and the ring at offset @at (@in: into the ring). */
static void ring_copy(struct pipe *pipe, size_t at, char *buf, size_t n, bool in)
{
	while (n > 0) {
		size_t off = at % PAGE_SIZE;
		size_t chunk = MIN(n, PAGE_SIZE - off);
		char *p = pipe->pages[(at / PAGE_SIZE) % PIPE_PAGES] + off;

		memcpy(in ? p : buf, in ? buf : p, chunk);
		buf += chunk;
		at = (at + chunk) % PIPE_SIZE;
		n -= chunk;
	}
}

/* pipe_put_locked() - append up to @n bytes of @buf. Return: bytes put, or -ENOMEM. */
static ssize_t pipe_put_locked(struct pipe *pipe, const void *buf, size_t n)
{
	size_t at = (pipe->head + pipe->count) % PIPE_SIZE;

	n = MIN(n, PIPE_SIZE - pipe->count);
	if (n == 0)
		return 0;
	if (ring_reserve_locked(pipe, at, n))
		return -ENOMEM;
	ring_copy(pipe, at, (char *)buf, n, true);
	pipe->count += n;
	return (ssize_t)n;
}

/* pipe_take_locked() - remove up to @n of the oldest bytes into @buf. Return: bytes taken. */
static size_t pipe_take_locked(struct pipe *pipe, void *buf, size_t n)
{
	n = MIN(n, pipe->count);
	ring_copy(pipe, pipe->head, buf, n, false);
	pipe->head = (pipe->head + n) % PIPE_SIZE;
	pipe->count -= n;
	return n;
}

/* ---- conditions the sleepers test (each takes the lock) ---- */

static bool pipe_readable(struct pipe *pipe)
{
	bool ok;

	spin_lock(&pipe->lock);
	ok = pipe->count > 0 || pipe->writers == 0;
	spin_unlock(&pipe->lock);
	return ok;
}

/* pipe_writable() - room for @want bytes, or no reader left (the write fails with EPIPE). */
static bool pipe_writable(struct pipe *pipe, size_t want)
{
	bool ok;

	spin_lock(&pipe->lock);
	ok = PIPE_SIZE - pipe->count >= want || pipe->readers == 0;
	spin_unlock(&pipe->lock);
	return ok;
}

/* ---- file operations ---- */

/* pipe_read() - the read() operation (header comment: data, EOF, EAGAIN, or wait). */
static ssize_t pipe_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	struct pipe *pipe = pipe_of(f);
	ssize_t ret;

	(void)pos;
	for (;;) {
		spin_lock(&pipe->lock);
		ret = (ssize_t)pipe_take_locked(pipe, buf, n);
		if (ret == 0 && pipe->writers > 0)
			ret = -EAGAIN;
		spin_unlock(&pipe->lock);
		if (ret != -EAGAIN || (file_flags(f) & O_NONBLOCK))
			break;
		ret = pipe_wait(&pipe->rd_wait, pipe_readable(pipe));
		if (ret)
			return ret;
	}
	if (ret > 0)
		wake_up_all(&pipe->wr_wait);
	return ret;
}

/* pipe_sigpipe() - a write found no reader: SIGPIPE to the writing thread, as Linux's
 * pipe_write sends it (blocked or ignored, the writer sees only EPIPE). */
static void pipe_sigpipe(void)
{
	send_signal_to_thread(sched_current(), SIGPIPE, NULL);
}

/* pipe_write_some() - one attempt: put what the rules allow now. Return: bytes put (0: must
 * wait), -EPIPE (no reader), -ENOMEM. */
static ssize_t pipe_write_some(struct pipe *pipe, const char *buf, size_t n, bool atomic)
{
	ssize_t ret = 0;

	spin_lock(&pipe->lock);
	if (pipe->readers == 0)
		ret = -EPIPE;
	else if (!atomic || PIPE_SIZE - pipe->count >= n)
		ret = pipe_put_locked(pipe, buf, n);
	spin_unlock(&pipe->lock);
	if (ret > 0)
		wake_up_all(&pipe->rd_wait);
	return ret;
}

/* pipe_write() - the write() operation: all @n bytes unless EPIPE, O_NONBLOCK or a signal. */
static ssize_t pipe_write(struct file *f, const void *buf, size_t n, uint64_t *pos)
{
	struct pipe *pipe = pipe_of(f);
	bool atomic = n <= PIPE_BUF;
	size_t done = 0;
	ssize_t ret;

	(void)pos;
	while (done < n) {
		ret = pipe_write_some(pipe, (const char *)buf + done, n - done, atomic);
		if (ret == -EPIPE)
			pipe_sigpipe();
		if (ret > 0) {
			done += (size_t)ret;
			continue;
		}
		if (ret == 0 && (file_flags(f) & O_NONBLOCK))
			ret = -EAGAIN;
		if (ret == 0)
			ret = pipe_wait(&pipe->wr_wait, pipe_writable(pipe, atomic ? n : 1));
		if (ret < 0)
			return done ? (ssize_t)done : ret;
	}
	return (ssize_t)done;
}

/* pipe_poll() - readable: data (POLLIN), no writer (POLLHUP); writable: room for PIPE_BUF
 * bytes (POLLOUT), no reader (POLLERR). */
static unsigned int pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe *pipe = pipe_of(f);
	unsigned int mask = 0;
	bool rd = file_readable(f), wr = file_writable(f);

	if (rd)
		poll_wait(f, &pipe->rd_wait, pt);
	if (wr)
		poll_wait(f, &pipe->wr_wait, pt);
	spin_lock(&pipe->lock);
	if (rd && pipe->count > 0)
		mask |= POLLIN | POLLRDNORM;
	if (rd && pipe->writers == 0)
		mask |= POLLHUP;
	if (wr && PIPE_SIZE - pipe->count >= PIPE_BUF)
		mask |= POLLOUT | POLLWRNORM;
	if (wr && pipe->readers == 0)
		mask |= POLLERR;
	spin_unlock(&pipe->lock);
	return mask;
}

/* pipe_ioctl() - FIONREAD: the bytes waiting, as an int. Anything else: ENOTTY. */
static long pipe_ioctl(struct file *f, unsigned int cmd, uint64_t arg)
{
	struct pipe *pipe = pipe_of(f);
	int n;

	if (cmd != FIONREAD)
		return -ENOTTY;
	spin_lock(&pipe->lock);
	n = (int)pipe->count;
	spin_unlock(&pipe->lock);
	return copy_to_user(arg, &n, sizeof(n)) ? -EFAULT : 0;
}

/* pipe_release() - the last reference to one end: one reader or writer fewer; wake both
 * sides (a reader may now see EOF, a writer EPIPE, a poller POLLHUP or POLLERR). */
static void pipe_release(struct file *f)
{
	struct pipe *pipe = pipe_of(f);

	spin_lock(&pipe->lock);
	if (file_readable(f))
		pipe->readers--;
	if (file_writable(f))
		pipe->writers--;
	spin_unlock(&pipe->lock);
	wake_up_all(&pipe->rd_wait);
	wake_up_all(&pipe->wr_wait);
}

static const struct file_operations pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
	.poll = pipe_poll,
};

/* ---- pipefs inodes ---- */

static struct inode *pipefs_alloc_inode(struct super_block *sb)
{
	struct pipe_inode *pi = kmem_cache_zalloc(pipe_inode_cache);

	(void)sb;
	return pi ? &pi->vfs_inode : NULL;
}

/* pipefs_evict_inode() - both ends are gone: free the ring. */
static void pipefs_evict_inode(struct inode *inode)
{
	struct pipe *pipe = &container_of(inode, struct pipe_inode, vfs_inode)->pipe;

	for (size_t i = 0; i < PIPE_PAGES; i++)
		kfree(pipe->pages[i]);
}

static void pipefs_free_inode(struct inode *inode)
{
	kmem_cache_free(pipe_inode_cache, container_of(inode, struct pipe_inode, vfs_inode));
}

static const struct super_operations pipefs_sops = {
	.alloc_inode = pipefs_alloc_inode,
	.evict_inode = pipefs_evict_inode,
	.free_inode = pipefs_free_inode,
};

/**
 * pipe_init() - the "pipe_inode_info" slab cache and the pipefs superblock.
 * Context: boot (vfs_init), once. Return: nothing; panics if out of memory at boot.
 */
void pipe_init(void)
{
	pipe_inode_cache = kmem_cache_create("pipe_inode_info", sizeof(struct pipe_inode), 8);
	pipe_sb = sb_alloc(&pipefs_type, &pipefs_sops);
	if (!pipe_inode_cache || !pipe_sb)
		panic("pipe: cannot create pipefs");
}

/* pipe_new_inode() - an inode holding an empty pipe with one reader and one writer. */
static struct inode *pipe_new_inode(void)
{
	struct inode *inode = inode_new(pipe_sb, S_IFIFO | 0600);
	struct pipe *pipe;

	if (!inode)
		return NULL;
	pipe = &container_of(inode, struct pipe_inode, vfs_inode)->pipe;
	spin_init(&pipe->lock, "pipe", LOCK_PIPE);
	wait_queue_init(&pipe->rd_wait, "pipe rd_wait");
	wait_queue_init(&pipe->wr_wait, "pipe wr_wait");
	pipe->readers = pipe->writers = 1;
	return inode;
}

/* pipe_file() - one end of the pipe in @inode, holding its own reference to the inode. */
static struct file *pipe_file(struct inode *inode, unsigned int flags)
{
	struct file *f = file_alloc(&pipe_fops, flags);

	if (f)
		f->f_inode = igrab(inode);
	return f;
}

/* create_pipe_files() - the two ends, *@rd and *@wr. Return: 0 or -ENOMEM (nothing made). */
static int create_pipe_files(unsigned int flags, struct file **rd, struct file **wr)
{
	struct inode *inode = pipe_new_inode();

	if (!inode)
		return -ENOMEM;
	*rd = pipe_file(inode, O_RDONLY | flags);
	*wr = pipe_file(inode, O_WRONLY | flags);
	iput(inode);	/* the files hold it now */
	if (*rd && *wr)
		return 0;
	file_put(*rd);
	file_put(*wr);
	return -ENOMEM;
}

/* install_pipe_fds() - descriptors for both ends into @fds. Return: 0 or -errno (the files
 * are put and no descriptor stays installed). */
static int install_pipe_fds(struct file *rd, struct file *wr, bool cloexec, int fds[2])
{
	struct files_struct *files = current_files();

	fds[0] = fd_install_min(files, rd, 0, cloexec);
	if (fds[0] < 0) {
		file_put(rd);
		file_put(wr);
		return fds[0];
	}
	fds[1] = fd_install_min(files, wr, 0, cloexec);
	if (fds[1] < 0) {
		fd_close(files, fds[0]);
		file_put(wr);
		return fds[1];
	}
	return 0;
}

/**
 * do_pipe2() - pipe2(2) (and pipe(2), @flags 0): a new pipe as two descriptors.
 * @ufds: user address of int[2]: [0] the read end, [1] the write end.
 * @flags: O_CLOEXEC, O_NONBLOCK (both ends), O_DIRECT (accepted and kept in f_flags; there is
 *         no packet mode).
 *
 * The descriptors are installed before they are copied out; if the copy faults they are
 * closed again, so a bad @ufds leaks nothing.
 * Context: a thread. Return: 0, -EINVAL (unknown flag), -EFAULT, -EMFILE, -ENOMEM.
 */
long do_pipe2(uaddr_t ufds, unsigned int flags)
{
	struct files_struct *files = current_files();
	struct file *rd, *wr;
	int fds[2], err;

	if (flags & ~PIPE2_FLAGS)
		return -EINVAL;
	if (!files)
		return -EBADF;
	err = create_pipe_files(flags & (O_NONBLOCK | O_DIRECT), &rd, &wr);
	if (!err)
		err = install_pipe_fds(rd, wr, flags & O_CLOEXEC, fds);
	if (err)
		return err;
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		fd_close(files, fds[0]);
		fd_close(files, fds[1]);
		return -EFAULT;
	}
	return 0;
}

/* pipe(fds) */
long sys_pipe(const struct syscall_args *a)
{
	return do_pipe2(a->arg[0], 0);
}

/* pipe2(fds, flags) */
long sys_pipe2(const struct syscall_args *a)
{
	return do_pipe2(a->arg[0], (unsigned int)a->arg[1]);
}
