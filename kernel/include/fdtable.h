/* fdtable.h - a process's table of open files: descriptor number -> struct file.
 *
 * struct files_struct holds a counted reference on each open file and a close-on-exec bit per
 * descriptor. The array grows on demand (doubling from FDTABLE_INITIAL) up to the process's
 * RLIMIT_NOFILE (1024 by default, never above FDTABLE_MAX); a new descriptor is always the
 * lowest free number, as POSIX requires. The table itself is counted (threads created with
 * CLONE_FILES share one, next issue); files_dup() copies it for fork.
 * Locking: file_lock (LOCK_FILES) protects fd[], close_on_exec, max_fds and next_fd.
 * See also: kernel/fs/fdtable.c, kernel/include/file.h. Linux: include/linux/fdtable.h. */
#ifndef REAPER_FDTABLE_H
#define REAPER_FDTABLE_H

#include "types.h"
#include "spinlock.h"

#define FDTABLE_INITIAL	64	/* descriptors in a new table */
#define FDTABLE_MAX	1024	/* RLIMIT_NOFILE's default and our hard ceiling */

struct file;

struct files_struct {
	struct spinlock file_lock;	/* LOCK_FILES */
	/* Protected by file_lock: */
	int count;			/* processes (thread groups, later threads) sharing it */
	unsigned int max_fds;		/* slots in fd[]; a multiple of 64 */
	struct file **fd;		/* counted references; NULL: free */
	uint64_t *close_on_exec;	/* one bit per slot */
};

void fdtable_init(void);
struct files_struct *files_create(void);
struct files_struct *files_dup(struct files_struct *old);
void files_put(struct files_struct *files);
void files_close_on_exec(struct files_struct *files);
int files_open_console(struct files_struct *files);
struct files_struct *current_files(void);

int fd_install_min(struct files_struct *files, struct file *f, int min_fd, bool cloexec);
int fd_close(struct files_struct *files, int fd);
struct file *fd_lookup(struct files_struct *files, int fd);
int fd_get_cloexec(struct files_struct *files, int fd);
int fd_set_cloexec(struct files_struct *files, int fd, bool on);
int files_count_open(struct files_struct *files);

#endif
