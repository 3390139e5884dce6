/* fdtable.c - file descriptors: the per-process table from small integers to open files.
 *
 * A files_struct (fdtable.h) maps each descriptor to a counted struct file and keeps one
 * close-on-exec bit per descriptor. The table starts with FDTABLE_INITIAL slots and doubles
 * when a descriptor beyond it is needed, up to the process's RLIMIT_NOFILE (1024, never more
 * than FDTABLE_MAX); EMFILE beyond. A new descriptor is the lowest free one >= a minimum (0 for
 * open, arg for F_DUPFD). dup2/dup3 install at a chosen number, closing what was there - the
 * replaced file is put after the table's lock is released, because its ->release may sleep.
 *
 * Syscalls here: dup, dup2, dup3, fcntl (F_DUPFD, F_DUPFD_CLOEXEC, F_GETFD, F_SETFD, F_GETFL,
 * F_SETFL with only O_APPEND|O_NONBLOCK|O_ASYNC changeable, F_GETLK reporting F_UNLCK and
 * F_SETLK/F_SETLKW accepted: there are no file locks; anything else EINVAL). close(2) is in
 * open.c.
 * Invariants: fd[i] != NULL holds one reference; close_on_exec bits of free slots are 0.
 * Locking: files->file_lock (LOCK_FILES) protects the table; f_lock (file.c) nests inside.
 * See also: kernel/fs/file.c, kernel/include/fdtable.h. Linux: fs/file.c (alloc_fd, do_dup2,
 * dup_fd), fs/fcntl.c. */
#include "fdtable.h"
#include "fs.h"
#include "err.h"
#include "file.h"
#include "kmalloc.h"
#include "panic.h"
#include "process.h"
#include "sched.h"
#include "slab.h"
#include "string.h"
#include "syscalls.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_ASYNC)

static struct kmem_cache *files_cache;

/* fdtable_init() - the "files_cache" slab cache (vfs_init). */
void fdtable_init(void)
{
	files_cache = kmem_cache_create("files_cache", sizeof(struct files_struct), 8);
	if (!files_cache)
		panic("vfs: cannot create files_cache");
}

/* nofile_limit() - how many descriptors the current process may have. */
static unsigned int nofile_limit(void)
{
	struct thread *t = sched_current();
	uint64_t lim = FDTABLE_MAX;

	if (t && t->proc)
		lim = MIN(t->proc->rlim[RLIMIT_NOFILE].rlim_cur, (uint64_t)FDTABLE_MAX);
	return (unsigned int)lim;
}

/* fdtable_resize_locked() - grow to at least @min_slots slots. Return: 0 or -ENOMEM. */
static int fdtable_resize_locked(struct files_struct *files, unsigned int min_slots)
{
	unsigned int n = files->max_fds ? files->max_fds : FDTABLE_INITIAL;
	struct file **fd;
	uint64_t *bits;

	assert_held(&files->file_lock);
	while (n < min_slots)
		n *= 2;
	fd = kzalloc(n * sizeof(*fd));
	bits = kzalloc(n / 64 * sizeof(*bits));
	if (!fd || !bits) {
		kfree(fd);
		kfree(bits);
		return -ENOMEM;
	}
	if (files->max_fds) {
		memcpy(fd, files->fd, files->max_fds * sizeof(*fd));
		memcpy(bits, files->close_on_exec, files->max_fds / 64 * sizeof(*bits));
	}
	kfree(files->fd);
	kfree(files->close_on_exec);
	files->fd = fd;
	files->close_on_exec = bits;
	files->max_fds = n;
	return 0;
}

static void set_cloexec_locked(struct files_struct *files, unsigned int fd, bool on)
{
	if (on)
		files->close_on_exec[fd / 64] |= 1ULL << (fd % 64);
	else
		files->close_on_exec[fd / 64] &= ~(1ULL << (fd % 64));
}

/* files_alloc() - a table with @slots empty slots, not yet shared. */
static struct files_struct *files_alloc(unsigned int slots)
{
	struct files_struct *files = kmem_cache_zalloc(files_cache);

	if (!files)
		return NULL;
	spin_init(&files->file_lock, "files.file_lock", LOCK_FILES);
	files->count = 1;
	spin_lock(&files->file_lock);
	if (fdtable_resize_locked(files, slots)) {
		spin_unlock(&files->file_lock);
		kmem_cache_free(files_cache, files);
		return NULL;
	}
	spin_unlock(&files->file_lock);
	return files;
}

/* files_free() - free an empty, unshared table. */
static void files_free(struct files_struct *files)
{
	kfree(files->fd);
	kfree(files->close_on_exec);
	kmem_cache_free(files_cache, files);
}

/**
 * files_create() - an empty descriptor table (the first process's).
 * Context: no spinlock held. Return: the table, or NULL if out of memory.
 */
struct files_struct *files_create(void)
{
	return files_alloc(FDTABLE_INITIAL);
}

/* files_copy_locked() - copy @old's slots into @new if they fit; false if @old grew. */
static bool files_copy_locked(struct files_struct *new, struct files_struct *old)
{
	assert_held(&old->file_lock);
	if (old->max_fds > new->max_fds)
		return false;
	for (unsigned int i = 0; i < old->max_fds; i++)
		new->fd[i] = old->fd[i] ? file_get(old->fd[i]) : NULL;
	memcpy(new->close_on_exec, old->close_on_exec, old->max_fds / 64 * sizeof(uint64_t));
	return true;
}

/**
 * files_dup() - a copy of @old for fork: the same open files (each one more reference) under
 * the same numbers with the same close-on-exec bits.
 *
 * The copy's arrays are allocated before taking @old's lock (two tables' locks share one
 * level and cannot nest); if @old grew meanwhile, try again with the new size.
 * Context: no spinlock held. Return: the copy, or NULL if out of memory.
 */
struct files_struct *files_dup(struct files_struct *old)
{
	for (;;) {
		unsigned int slots = READ_ONCE(old->max_fds);
		struct files_struct *files = files_alloc(slots);
		bool copied;

		if (!files)
			return NULL;
		spin_lock(&old->file_lock);
		copied = files_copy_locked(files, old);
		spin_unlock(&old->file_lock);
		if (copied)
			return files;
		files_free(files);
	}
}

/* take_first_locked() - remove the first open file at or after @from matching @cloexec_only;
 * *@from is left after it. Return: the file (its reference now the caller's) or NULL. */
static struct file *take_first_locked(struct files_struct *files, unsigned int *from,
				      bool cloexec_only)
{
	assert_held(&files->file_lock);
	for (unsigned int i = *from; i < files->max_fds; i++) {
		bool cloexec = files->close_on_exec[i / 64] & (1ULL << (i % 64));
		struct file *f = files->fd[i];

		if (f && (!cloexec_only || cloexec)) {
			files->fd[i] = NULL;
			set_cloexec_locked(files, i, false);
			*from = i + 1;
			return f;
		}
	}
	return NULL;
}

/* close_all() - close every descriptor (or only close-on-exec ones), one file at a time, each
 * put with the lock released. */
static void close_all(struct files_struct *files, bool cloexec_only)
{
	unsigned int from = 0;

	for (;;) {
		struct file *f;

		spin_lock(&files->file_lock);
		f = take_first_locked(files, &from, cloexec_only);
		spin_unlock(&files->file_lock);
		if (!f)
			return;
		file_put(f);
	}
}

/**
 * files_put() - drop a process's use of @files (NULL ignored); the last closes everything.
 * Context: no spinlock held; may sleep in a driver's ->release. Return: nothing.
 */
void files_put(struct files_struct *files)
{
	bool last;

	if (!files)
		return;
	spin_lock(&files->file_lock);
	last = --files->count == 0;
	spin_unlock(&files->file_lock);
	if (!last)
		return;
	close_all(files, false);
	files_free(files);
}

/**
 * files_close_on_exec() - close every descriptor marked close-on-exec (execve's last step).
 * Context: no spinlock held; may sleep. Return: nothing.
 */
void files_close_on_exec(struct files_struct *files)
{
	close_all(files, true);
}

/**
 * current_files() - the current process's descriptor table.
 * Context: a thread. Return: the table, or NULL for a kernel thread.
 */
struct files_struct *current_files(void)
{
	struct thread *t = sched_current();

	return t && t->proc ? t->proc->files : NULL;
}

/* find_free_locked() - the lowest free slot >= @min (growing the table); -EMFILE/-ENOMEM. */
static int find_free_locked(struct files_struct *files, unsigned int min, unsigned int limit)
{
	for (unsigned int i = min; i < limit; i++) {
		int err;

		if (i >= files->max_fds && (err = fdtable_resize_locked(files, i + 1)))
			return err;
		if (!files->fd[i])
			return (int)i;
	}
	return -EMFILE;
}

/**
 * fd_install_min() - give @f the lowest free descriptor >= @min_fd.
 * @files: the table; @f: a reference that passes to the table on success; @cloexec: the bit.
 * Context: no spinlock held. Return: the descriptor, -EMFILE (none below RLIMIT_NOFILE),
 * -EINVAL (@min_fd at or beyond the limit), -ENOMEM.
 */
int fd_install_min(struct files_struct *files, struct file *f, int min_fd, bool cloexec)
{
	unsigned int limit = nofile_limit();
	int fd;

	if (min_fd < 0 || (unsigned int)min_fd >= limit)
		return -EINVAL;
	spin_lock(&files->file_lock);
	fd = find_free_locked(files, (unsigned int)min_fd, limit);
	if (fd >= 0) {
		files->fd[fd] = f;
		set_cloexec_locked(files, (unsigned int)fd, cloexec);
	}
	spin_unlock(&files->file_lock);
	return fd;
}

/* fd_install_at() - put @f at @fd, returning what was there (to be put by the caller), or
 * ERR_PTR(-EBADF (@fd beyond the limit), -ENOMEM). */
static struct file *fd_install_at(struct files_struct *files, struct file *f, int fd,
				  bool cloexec)
{
	struct file *old = NULL;
	int err = 0;

	if (fd < 0 || (unsigned int)fd >= nofile_limit())
		return ERR_PTR(-EBADF);
	spin_lock(&files->file_lock);
	if ((unsigned int)fd >= files->max_fds)
		err = fdtable_resize_locked(files, (unsigned int)fd + 1);
	if (!err) {
		old = files->fd[fd];
		files->fd[fd] = f;
		set_cloexec_locked(files, (unsigned int)fd, cloexec);
	}
	spin_unlock(&files->file_lock);
	return err ? ERR_PTR(err) : old;
}

/**
 * fd_close() - close descriptor @fd.
 * Context: no spinlock held; may sleep in ->release. Return: 0 or -EBADF.
 */
int fd_close(struct files_struct *files, int fd)
{
	struct file *f = NULL;

	spin_lock(&files->file_lock);
	if (fd >= 0 && (unsigned int)fd < files->max_fds && files->fd[fd]) {
		f = files->fd[fd];
		files->fd[fd] = NULL;
		set_cloexec_locked(files, (unsigned int)fd, false);
	}
	spin_unlock(&files->file_lock);
	if (!f)
		return -EBADF;
	file_put(f);
	return 0;
}

/**
 * fd_lookup() - the file at @fd, counted.
 * Context: no spinlock held. Return: the file, or NULL if @fd is not open.
 */
struct file *fd_lookup(struct files_struct *files, int fd)
{
	struct file *f = NULL;

	spin_lock(&files->file_lock);
	if (fd >= 0 && (unsigned int)fd < files->max_fds && files->fd[fd])
		f = file_get(files->fd[fd]);
	spin_unlock(&files->file_lock);
	return f;
}

/* fd_get_cloexec() - FD_CLOEXEC if @fd's bit is set, 0 if not, -EBADF if @fd is not open. */
int fd_get_cloexec(struct files_struct *files, int fd)
{
	int ret = -EBADF;

	spin_lock(&files->file_lock);
	if (fd >= 0 && (unsigned int)fd < files->max_fds && files->fd[fd])
		ret = (files->close_on_exec[fd / 64] >> (fd % 64)) & 1 ? FD_CLOEXEC : 0;
	spin_unlock(&files->file_lock);
	return ret;
}

/* fd_set_cloexec() - set or clear @fd's close-on-exec bit. Return: 0 or -EBADF. */
int fd_set_cloexec(struct files_struct *files, int fd, bool on)
{
	int ret = -EBADF;

	spin_lock(&files->file_lock);
	if (fd >= 0 && (unsigned int)fd < files->max_fds && files->fd[fd]) {
		set_cloexec_locked(files, (unsigned int)fd, on);
		ret = 0;
	}
	spin_unlock(&files->file_lock);
	return ret;
}

/* files_count_open() - open descriptors, for the self-tests. */
int files_count_open(struct files_struct *files)
{
	int n = 0;

	spin_lock(&files->file_lock);
	for (unsigned int i = 0; i < files->max_fds; i++)
		n += files->fd[i] != NULL;
	spin_unlock(&files->file_lock);
	return n;
}

/**
 * files_open_console() - open /dev/console read-write as descriptors 0, 1 and 2 of @files
 * (one open file, three descriptors, as Linux's init gets them).
 * Context: a thread; no spinlock held. Return: 0 or -errno (-ENOENT: no /dev/console,
 * -ENXIO: no console driver registered, -ENOMEM); on error nothing is installed.
 */
int files_open_console(struct files_struct *files)
{
	struct file *f = file_open_kernel("/dev/console", O_RDWR, 0);

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	for (int fd = 0; fd < 3; fd++) {
		struct file *old = fd_install_at(files, fd ? file_get(f) : f, fd, false);

		if (IS_ERR(old)) {
			if (fd)
				file_put(f);
			for (int i = 0; i < fd; i++)
				fd_close(files, i);
			return (int)PTR_ERR(old);
		}
		file_put(old);
	}
	return 0;
}

/* fd_valid() - is @fd open in the current process? */
static bool fd_valid(int fd)
{
	struct file *f = fget(fd);

	file_put(f);
	return f != NULL;
}

/* do_dup3() - dup2 (@flags -1: same fd allowed) and dup3 (@flags 0 or O_CLOEXEC). */
static long do_dup3(int oldfd, int newfd, int flags)
{
	struct files_struct *files = current_files();
	struct file *f, *old;

	if (flags != -1 && (flags & ~O_CLOEXEC))
		return -EINVAL;
	if (oldfd == newfd)
		return flags == -1 ? (fd_valid(oldfd) ? newfd : -EBADF) : -EINVAL;
	f = files ? fd_lookup(files, oldfd) : NULL;
	if (!f)
		return -EBADF;
	old = fd_install_at(files, f, newfd, flags != -1 && (flags & O_CLOEXEC));
	if (IS_ERR(old)) {
		file_put(f);
		return PTR_ERR(old);
	}
	file_put(old);
	return newfd;
}

/* do_dup() - dup(2) and F_DUPFD: the lowest free descriptor >= @min for @oldfd's file. */
static long do_dup(int oldfd, int min, bool cloexec)
{
	struct files_struct *files = current_files();
	struct file *f = files ? fd_lookup(files, oldfd) : NULL;
	int fd;

	if (!f)
		return -EBADF;
	fd = fd_install_min(files, f, min, cloexec);
	if (fd < 0)
		file_put(f);
	return fd;
}

/* fcntl_getlk() - F_GETLK: nothing is ever locked, so the answer is always F_UNLCK. */
static long fcntl_getlk(uaddr_t uflock)
{
	int16_t type = F_UNLCK;	/* struct flock's first field, l_type */

	return copy_to_user(uflock, &type, sizeof(type));
}

/* do_fcntl_file() - the commands that act on the open file itself. */
static long do_fcntl_file(struct file *f, unsigned int cmd, uint64_t arg)
{
	switch (cmd) {
	case F_GETFL:
		return file_flags(f);
	case F_SETFL:
		file_set_flags(f, (unsigned int)arg & SETFL_MASK, ~(unsigned int)arg & SETFL_MASK);
		return 0;
	case F_GETLK:
		return fcntl_getlk(arg);
	case F_SETLK:
	case F_SETLKW:
		return 0;	/* advisory locks are accepted and not kept */
	default:
		return -EINVAL;
	}
}

/**
 * do_fcntl() - fcntl(2).
 * @fd: the descriptor; @cmd: F_*; @arg: the command's argument.
 * Context: a thread. Return: per command; -EBADF (bad @fd), -EINVAL (unknown @cmd, F_DUPFD
 * beyond RLIMIT_NOFILE), -EMFILE, -EFAULT (F_GETLK).
 */
long do_fcntl(int fd, unsigned int cmd, uint64_t arg)
{
	struct files_struct *files = current_files();
	struct file *f;
	long ret;

	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg > INT32_MAX)
			return fd_valid(fd) ? -EINVAL : -EBADF;
		return do_dup(fd, (int)arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return files ? fd_get_cloexec(files, fd) : -EBADF;
	case F_SETFD:
		return files ? fd_set_cloexec(files, fd, arg & FD_CLOEXEC) : -EBADF;
	}
	f = fget(fd);
	if (!f)
		return -EBADF;
	ret = do_fcntl_file(f, cmd, arg);
	file_put(f);
	return ret;
}

/* dup(oldfd) */
long sys_dup(const struct syscall_args *a)
{
	return do_dup((int)a->arg[0], 0, false);
}

/* dup2(oldfd, newfd) */
long sys_dup2(const struct syscall_args *a)
{
	return do_dup3((int)a->arg[0], (int)a->arg[1], -1);
}

/* dup3(oldfd, newfd, flags) */
long sys_dup3(const struct syscall_args *a)
{
	return do_dup3((int)a->arg[0], (int)a->arg[1], (int)a->arg[2]);
}

/* fcntl(fd, cmd, arg) */
long sys_fcntl(const struct syscall_args *a)
{
	return do_fcntl((int)a->arg[0], (unsigned int)a->arg[1], a->arg[2]);
}
