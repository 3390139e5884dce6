/* proc_fs.h - procfs: the "proc" filesystem of kernel numbers as text (kernel/fs/proc/):
 * a superblock per mount for the mounter's pid namespace, /proc/<pid> for every process
 * visible in it, system files, and the flush of a reaped task's dentries (DESIGN.md §7).
 * See also: kernel/fs/proc/root.c. Linux: include/linux/proc_fs.h. */
#ifndef REAPER_PROC_FS_H
#define REAPER_PROC_FS_H

#include "types.h"

#define PROC_ROOT_INO	1	/* the root directory's inode number, as on Linux */

struct pid;
struct pid_namespace;
struct super_block;
struct dentry;

/* kernel/fs/proc/root.c: creates "proc_inode_cache" and registers "proc". */
void proc_root_init(void);
void proc_for_each_sb(struct pid_namespace *ns, void (*fn)(struct super_block *sb, void *arg),
		      void *arg);
/* kernel/fs/proc/base.c */
void proc_base_init(void);
void proc_flush_pid(struct pid *pid, struct pid *tgid);
bool proc_pid_revalidate(struct dentry *d);

#endif
