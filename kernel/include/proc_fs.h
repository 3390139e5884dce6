/* proc_fs.h - procfs: the "proc" filesystem of kernel numbers as text (kernel/fs/proc/).
 * Today its root holds two generated files, /proc/slabinfo and /proc/meminfo; what it will
 * grow into (a superblock per pid namespace, /proc/<pid>) is DESIGN.md §7 and the /proc issue.
 * See also: kernel/fs/proc/root.c. Linux: include/linux/proc_fs.h. */
#ifndef REAPER_PROC_FS_H
#define REAPER_PROC_FS_H

#define PROC_ROOT_INO	1	/* the root directory's inode number, as on Linux */

/* kernel/fs/proc/root.c: creates "proc_inode_cache" and registers "proc". */
void proc_root_init(void);

#endif
