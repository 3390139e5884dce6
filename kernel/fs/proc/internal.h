/* internal.h - what the files of kernel/fs/proc/ share: the text buffer a generated file is
 * printed into (a small cousin of Linux's seq_file) and the files' show functions.
 * A show function prints the whole file with proc_printf(); if the buffer was too small,
 * root.c doubles it and calls the function again, so a show function must be a pure function
 * of the kernel's state (no side effects), exactly as Linux's single_open() requires.
 * Linux: fs/proc/internal.h, include/linux/seq_file.h. */
#ifndef REAPER_PROC_INTERNAL_H
#define REAPER_PROC_INTERNAL_H

#include "compiler.h"
#include "types.h"
#include "vfs.h"

struct pid_namespace;
struct process;
struct thread;
struct pid;

struct dentry;
struct dir_context;
struct file;
struct inode;
struct super_block;
struct pid;

/* What a proc inode is (root.c and base.c share one inode type). */
enum proc_kind {
	PROC_ROOT,		/* the mount's root directory */
	PROC_ENTRY,		/* a node of the static tree: a file, a directory (sys/) or a link */
	PROC_PID_DIR,		/* /proc/<pid>, or /proc/<pid>/task/<tid> (thread set) */
	PROC_PID_FILE,		/* one of its files: status, stat ... */
	PROC_PID_LINK,		/* exe, cwd, fd/N, ns/pid, ns/pid_for_children */
	PROC_PID_SUBDIR,	/* task/, fd/, fdinfo/, ns/ */
};

/* The subdirectories of a pid directory. */
enum proc_subdir { PROC_SUB_NONE, PROC_SUB_TASK, PROC_SUB_FD, PROC_SUB_FDINFO, PROC_SUB_NS };

struct proc_buf;
struct proc_task;

/* A node of the static tree (root.c): /proc/stat, /proc/sys/kernel/pid_max, /proc/self... */
struct proc_entry {
	const char *name;
	unsigned int mode;		/* S_IFREG / S_IFDIR / S_IFLNK | permission bits */
	int (*show)(struct proc_buf *pb, struct pid_namespace *ns);	/* files */
	int (*write)(struct pid_namespace *ns, const char *text, size_t len);	/* writable */
	const struct proc_entry *children;	/* directories */
	size_t nr_children;
	int (*link)(struct pid_namespace *ns, char *buf, size_t size);	/* symlinks */
};

/* A file of a pid directory (base.c). */
struct pid_entry {
	const char *name;
	unsigned int mode;
	int (*show)(struct proc_buf *pb, const struct proc_task *task);	/* files */
	int (*link)(const struct proc_task *task, char *buf, size_t size);	/* symlinks */
	enum proc_subdir subdir;	/* directories */
};

/* A proc inode: made fresh at each lookup, never written; it says what it shows. */
struct proc_inode {
	struct inode vfs_inode;
	enum proc_kind kind;
	const struct proc_entry *entry;		/* PROC_ENTRY */
	const struct pid_entry *pentry;		/* PROC_PID_FILE / PROC_PID_LINK (NULL: fd/N) */
	struct pid *pid;			/* per-task inodes: a reference (base.c) */
	bool thread;				/* under task/<tid>: the thread, not the process */
	enum proc_subdir subdir;		/* PROC_PID_SUBDIR */
	int fd;					/* fd/N, fdinfo/N */
};

static inline struct proc_inode *proc_i(struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs_inode);
}

/* root.c, for base.c */
struct pid_namespace *proc_sb_ns(struct super_block *sb);
struct inode *proc_new_inode(struct super_block *sb, unsigned int mode, enum proc_kind kind,
			     uint64_t ino);
extern const struct file_operations proc_file_fops;
extern const struct inode_operations proc_link_iops;
/* base.c, for root.c */
struct dentry *proc_pid_lookup(struct inode *dir, struct dentry *d, pid_t nr);
int proc_pid_readdir(struct file *f, struct dir_context *ctx, int64_t first_pos);
int proc_pid_file_generate(struct proc_inode *pi, struct proc_buf *pb);
int proc_pid_get_link(struct inode *inode, char *buf, size_t size);
int proc_pid_jump_link(struct inode *inode, struct path *out);
int proc_self_link(struct pid_namespace *ns, char *buf, size_t size);
int proc_thread_self_link(struct pid_namespace *ns, char *buf, size_t size);
void proc_pid_evict(struct proc_inode *pi);
bool proc_task_get(struct proc_inode *pi, struct proc_task *task);
/* links.c, for base.c's tables */
int proc_link_exe(const struct proc_task *task, char *buf, size_t size);
int proc_link_cwd(const struct proc_task *task, char *buf, size_t size);
int proc_link_ns_pid(const struct proc_task *task, char *buf, size_t size);
int proc_link_ns_children(const struct proc_task *task, char *buf, size_t size);
int proc_fdinfo_show(struct proc_buf *pb, const struct proc_task *task);
extern const struct inode_operations proc_ns_link_iops;

struct proc_buf {
	char *data;		/* kmalloc'd, @size bytes */
	size_t size;
	size_t len;		/* bytes printed; == size once it overflowed */
};

/* proc_printf() - append to @pb; on overflow mark it full (root.c retries bigger). */
void proc_printf(struct proc_buf *pb, const char *fmt, ...) PRINTF_LIKE(2, 3);
bool proc_buf_overflowed(const struct proc_buf *pb);

struct pid_namespace;
struct process;
struct thread;

/* The show functions of the files in the proc root. @ns: the mount's pid namespace (numbers
 * are printed in it). Return: 0 or -errno (-ENOMEM). Context: no spinlock held. */
int proc_slabinfo_show(struct proc_buf *pb);	/* slabinfo.c */
int proc_meminfo_show(struct proc_buf *pb);	/* meminfo.c */
int proc_stat_show(struct proc_buf *pb);	/* sysfiles.c: /proc/stat */
int proc_uptime_show(struct proc_buf *pb);	/* sysfiles.c */
int proc_loadavg_show(struct proc_buf *pb, struct pid_namespace *ns);	/* sysfiles.c */
int proc_mounts_show(struct proc_buf *pb);	/* sysfiles.c: /proc/mounts */
int proc_cmdline_show(struct proc_buf *pb);	/* sysfiles.c: /proc/cmdline */
int proc_filesystems_show(struct proc_buf *pb);	/* sysfiles.c */
int proc_pid_max_show(struct proc_buf *pb, struct pid_namespace *ns);	/* sysfiles.c */
/* Writes to /proc/sys files: the whole text written (not NUL-terminated). Return: 0 or
 * -EINVAL (not a number / out of range). Context: no spinlock held. */
int proc_pid_max_write(struct pid_namespace *ns, const char *text, size_t len);
int proc_drop_caches_write(const char *text, size_t len);

/* The task a per-task file shows (/proc/<pid>/X or /proc/<pid>/task/<tid>/X). */
struct proc_task {
	struct process *p;		/* the process (a zombie is shown too) */
	struct thread *t;		/* the thread shown: task/<tid>'s, or for /proc/<pid> the
					 * leader if it still runs, else the first live thread, else
					 * NULL (a zombie process has no threads) */
	bool is_thread_dir;		/* a task/<tid> file: per-thread fields (Pid, SigPnd...) */
	int fd;				/* fdinfo/N: N */
	struct pid_namespace *ns;	/* the proc mount's: every number is printed in it */
};

/* Show functions of the per-task files (array.c). Called with tasklist_lock HELD (the task
 * cannot go away meanwhile): they must not sleep; they may take locks above LOCK_TASKLIST
 * (sighand->lock, mm->lock through mm_access_remote(), files->file_lock...). Pure functions of
 * the kernel's state (root.c may call them twice, with a bigger buffer).
 * Return: 0 or -errno. */
int proc_pid_status_show(struct proc_buf *pb, const struct proc_task *task);
int proc_pid_stat_show(struct proc_buf *pb, const struct proc_task *task);
int proc_pid_statm_show(struct proc_buf *pb, const struct proc_task *task);
int proc_pid_cmdline_show(struct proc_buf *pb, const struct proc_task *task);
int proc_pid_environ_show(struct proc_buf *pb, const struct proc_task *task);
int proc_pid_comm_show(struct proc_buf *pb, const struct proc_task *task);
int proc_pid_maps_show(struct proc_buf *pb, const struct proc_task *task);
/* proc_write_bytes() - append @n raw bytes (cmdline/environ have NULs inside). */
void proc_write_bytes(struct proc_buf *pb, const void *bytes, size_t n);

#endif
