/* links.c - procfs's links: /proc/self, /proc/thread-self, and a task's exe, cwd, fd/N and
 * ns/ (and fdinfo/N, which shares fd/N's view of the fd table).
 *
 * A link's target is text made when it is read (readlink, or a walk through it), from the
 * task found again under tasklist_lock (base.c: proc_task_get). Names are shown from the
 * READER's root (d_path), which is read first: fs->lock comes before the mm and fd-table
 * locks the links then take. ns/pid and ns/pid_for_children are "magic" links: they read as
 * "pid:[inode]", but following them lands on an nsfs file for the namespace
 * (kernel/fs/nsfs.c), which open() opens and setns() takes.
 * Locking: tasklist_lock, then fs->lock / mm->lock / files->file_lock, then vfs_dir_lock
 * (d_path) - the lock order's.
 * See also: kernel/fs/proc/base.c, kernel/fs/nsfs.c, kernel/fs/fs_struct.c (d_path).
 *   Linux: fs/proc/base.c (proc_exe_link, proc_cwd_link), fs/proc/fd.c, fs/proc/namespaces.c.
 */
#include "proc_fs.h"
#include "internal.h"
#include "fdtable.h"
#include "file.h"
#include "fs_struct.h"
#include "mm_space.h"
#include "mount.h"
#include "nsfs.h"
#include "pid_namespace.h"
#include "process.h"
#include "sched.h"
#include "string.h"
#include "vsprintf.h"
#include "uapi/errno.h"

/* caller_root() - the calling process's root, which names are shown from. Read first,
 * because fs->lock comes before the mm and fd-table locks the links then take. (The root
 * dentry stays: our own fs_struct holds it.) */
static struct path caller_root(void)
{
	struct fs_struct *fs = current_process()->fs;
	struct path root;

	spin_lock(&fs->lock);
	root = fs->root;
	spin_unlock(&fs->lock);
	return root;
}

/* path_link() - @path's name as seen from @root, without the NUL. */
static int path_link(const struct path *path, const struct path *root, char *buf, size_t size)
{
	int len = d_path(path, root, buf, size);

	return len < 0 ? len : len - 1;
}

/* proc_link_exe() - the program: the file of the first file-backed area (the ELF's first
 * segment; Linux keeps mm->exe_file). */
int proc_link_exe(const struct proc_task *task, char *buf, size_t size)
{
	struct path root = caller_root();
	struct mm *mm = task->p->mm;
	struct vm_area *a;
	int len = -ENOENT;

	if (!mm)
		return -ENOENT;
	spin_lock(&mm->lock);
	list_for_each_entry(a, &mm->areas, link) {
		if (a->file && a->file->f_dentry) {
			struct path path = { a->file->f_mnt, a->file->f_dentry };

			len = path_link(&path, &root, buf, size);
			break;
		}
	}
	spin_unlock(&mm->lock);
	return len;
}

/* proc_link_cwd() - the working directory. */
int proc_link_cwd(const struct proc_task *task, char *buf, size_t size)
{
	struct path root = caller_root();
	struct fs_struct *fs = task->p->fs;
	int len;

	if (!fs)
		return -ENOENT;
	spin_lock(&fs->lock);
	len = path_link(&fs->pwd, &root, buf, size);
	spin_unlock(&fs->lock);
	return len;
}

/* link_ns() - nsfs's text for a pid namespace: "pid:[inode]". */
static int link_ns(struct pid_namespace *ns, char *buf, size_t size)
{
	int n = snprintf(buf, size, "pid:[%u]", ns->inum);

	return (size_t)n < size ? n : -ERANGE;
}

int proc_link_ns_pid(const struct proc_task *task, char *buf, size_t size)
{
	return link_ns(pid_ns_of(task->p->pid), buf, size);
}

/* proc_link_ns_children() - where the task's next children go; ENOENT while that namespace has
 * no init yet (after unshare, before the first fork), as Linux up to 6.18 (rule 41). */
int proc_link_ns_children(const struct proc_task *task, char *buf, size_t size)
{
	struct pid_namespace *ns = task->p->pid_ns_for_children;

	if (!ns || !ns->child_reaper)
		return -ENOENT;
	return link_ns(ns, buf, size);
}

/* link_fd() - fd/N: the open file's path, or "pipe:[ino]" for a pipe (no name), under
 * the fd table's lock so the file cannot be closed meanwhile. */
static int link_fd(const struct proc_task *task, int fd, char *buf, size_t size)
{
	struct path root = caller_root();
	struct files_struct *files = task->p->files;
	struct file *f;
	int len = -ENOENT;

	if (!files)
		return -ENOENT;
	spin_lock(&files->file_lock);
	f = fd >= 0 && (unsigned int)fd < files->max_fds ? files->fd[fd] : NULL;
	if (f && f->f_dentry) {
		struct path path = { f->f_mnt, f->f_dentry };

		len = path_link(&path, &root, buf, size);
	} else if (f) {
		len = snprintf(buf, size, "pipe:[%lu]", (unsigned long)f->f_inode->i_ino);
		if ((size_t)len >= size)
			len = -ERANGE;
	}
	spin_unlock(&files->file_lock);
	return len;
}

/**
 * proc_pid_jump_link() - following ns/pid or ns/pid_for_children: straight to an nsfs file
 * for the namespace (kernel/fs/nsfs.c), which open() then opens and setns() takes.
 * Context: no spinlock held. Return: 0 with @out set (counted), -ENOENT, -ESRCH, -ENOMEM.
 */
int proc_pid_jump_link(struct inode *inode, struct path *out)
{
	struct proc_inode *pi = proc_i(inode);
	struct pid_namespace *ns = NULL;
	struct proc_task task;
	int err;

	spin_lock(&tasklist_lock);
	if (proc_task_get(pi, &task)) {
		if (pi->pentry->link == proc_link_ns_pid)
			ns = pid_ns_of(task.p->pid);
		else if (task.p->pid_ns_for_children && task.p->pid_ns_for_children->child_reaper)
			ns = task.p->pid_ns_for_children;
		if (ns)
			get_pid_ns(ns);
	}
	spin_unlock(&tasklist_lock);
	if (!ns)
		return -ENOENT;
	err = nsfs_path_of(ns, out);
	put_pid_ns(ns);
	return err;
}

/**
 * proc_pid_get_link() - the target of a task's link (exe, cwd, fd/N, ns/...).
 * Context: no spinlock held. Return: its length (no NUL) or -ENOENT, -ESRCH, -ERANGE.
 */
int proc_pid_get_link(struct inode *inode, char *buf, size_t size)
{
	struct proc_inode *pi = proc_i(inode);
	struct proc_task task;
	int len = -ENOENT;

	spin_lock(&tasklist_lock);
	if (proc_task_get(pi, &task))
		len = pi->pentry ? pi->pentry->link(&task, buf, size) :
				   link_fd(&task, pi->fd, buf, size);
	spin_unlock(&tasklist_lock);
	return len;
}

/* proc_fdinfo_show() - fdinfo/N: position, flags, mount, inode - Linux's first lines. */
int proc_fdinfo_show(struct proc_buf *pb, const struct proc_task *task)
{
	struct files_struct *files = task->p->files;
	struct file *f;
	int err = -ENOENT;

	if (!files)
		return -ENOENT;
	spin_lock(&files->file_lock);
	f = task->fd >= 0 && (unsigned int)task->fd < files->max_fds ? files->fd[task->fd] : NULL;
	if (f) {
		proc_printf(pb, "pos:\t%llu\nflags:\t0%o\nmnt_id:\t%d\nino:\t%llu\n",
			    (unsigned long long)f->f_pos, f->f_flags, 0,
			    (unsigned long long)f->f_inode->i_ino);
		err = 0;
	}
	spin_unlock(&files->file_lock);
	return err;
}

/**
 * proc_self_link() - /proc/self: the caller's process number in the mount's namespace.
 * Context: no spinlock held. Return: the length, or -ENOENT (not visible there).
 */
int proc_self_link(struct pid_namespace *ns, char *buf, size_t size)
{
	pid_t nr = pid_nr_ns(current_process()->pid, ns);
	int n;

	if (!nr)
		return -ENOENT;
	n = snprintf(buf, size, "%d", nr);
	return (size_t)n < size ? n : -ERANGE;
}

/**
 * proc_thread_self_link() - /proc/thread-self: "<tgid>/task/<tid>".
 * Context: no spinlock held. Return: the length, or -ENOENT.
 */
int proc_thread_self_link(struct pid_namespace *ns, char *buf, size_t size)
{
	pid_t tgid = pid_nr_ns(current_process()->pid, ns);
	pid_t tid = pid_nr_ns(sched_current()->pid, ns);
	int n;

	if (!tgid || !tid)
		return -ENOENT;
	n = snprintf(buf, size, "%d/task/%d", tgid, tid);
	return (size_t)n < size ? n : -ERANGE;
}

/* ns/pid and ns/pid_for_children read as text but open as the namespace (nsfs). */
const struct inode_operations proc_ns_link_iops = {
	.get_link = proc_pid_get_link,
	.jump_link = proc_pid_jump_link,
};

