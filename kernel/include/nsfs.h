/* nsfs.h - files that stand for a namespace (kernel/fs/nsfs.c): /proc/<pid>/ns/pid opened,
 * setns()'s argument. Linux: fs/nsfs.c. */
#ifndef REAPER_NSFS_H
#define REAPER_NSFS_H

struct file;
struct path;
struct pid_namespace;

void nsfs_init(void);
int nsfs_path_of(struct pid_namespace *ns, struct path *out);
struct pid_namespace *nsfs_pid_ns_of(struct file *f);

#endif
