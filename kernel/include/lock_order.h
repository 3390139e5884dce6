/* lock_order.h - every spinlock's level, and the rule that keeps the kernel deadlock-free.
 *
 * Rule: a thread may take a lock only if every lock it already holds has a LOWER level.
 * spin_lock() checks this on every acquisition and panics on an inversion, naming both locks,
 * so an ordering bug shows up the first time the two locks meet, not as a rare deadlock.
 *
 * The order, outermost first (drawn as a tree: a lock may be taken under any of its ancestors):
 *
 *   LOCK_TEST_OUTER                 only the lock-order self-test uses the TEST levels
 *    └─ LOCK_TEST_INNER
 *   LOCK_TASKLIST                   the process tree: parents, children, groups, exit states
 *    └─ LOCK_ITIMER                 the armed ITIMER_REAL timers (kernel/itimer.c)
 *    └─ LOCK_SIGHAND                one process's signal handlers, pending sets, group stop
 *        └─ LOCK_FUTEX              one futex hash bucket (kernel/futex.c)
 *            └─ LOCK_PIPE           one pipe's buffer (kernel/fs/pipe.c)
 *                └─ LOCK_WAIT_QUEUE (waking a sleeper is allowed under all of the above)
 *   LOCK_WAIT_QUEUE                 a wait queue's own list of sleepers
 *    └─ LOCK_RUNQUEUE               the scheduler's run queue and thread states
 *        └─ LOCK_TIMER              the sleeping-until-a-tick list
 *   LOCK_FS_STRUCT                  a process's root, cwd and umask (kernel/fs/fs_struct.c)
 *    └─ LOCK_MOUNT                  the mount tree, mount and superblock counts (fs/mount.c)
 *        └─ LOCK_VFS_DIR            (d_path of each mount under mount_lock: /proc/mounts)
 *        └─ LOCK_DCACHE             (see below: dget of a mount's root under mount_lock)
 *   LOCK_FILES                      one fd table (kernel/fs/fdtable.c)
 *    └─ LOCK_FILE                   one open file's offset, flags and count (fs/file.c)
 *   LOCK_MM                         one address space's areas, page tables and counts
 *                                   (kernel/mm): taken by mmap & co and by the page fault;
 *                                   a fault's file read takes the VFS locks below it
 *   LOCK_VFS_DIR                    every change of a directory, and dcache fills (fs/namei.c)
 *    └─ LOCK_PIDMAP                 the (namespace, number) -> struct pid hash (kernel/pid.c):
 *                                   procfs looks pids up under vfs_dir_lock; alloc/free_pid
 *                                   take it under tasklist_lock
 *    └─ LOCK_PROC_SBS               each namespace's list of proc superblocks (fs/proc)
 *    └─ LOCK_DCACHE                 dentry hash, LRU, counts, tree (kernel/fs/dcache.c)
 *        └─ LOCK_SB_INODES          a superblock's inode list (kernel/fs/inode.c)
 *            └─ LOCK_INODE          one inode's attributes and ramfs pages (fs/ramfs_data.c)
 *   LOCK_CHRDEV                     the character device registry (kernel/fs/chrdev.c)
 *   LOCK_SLAB_CACHES                the list of every slab cache
 *    └─ LOCK_SLAB                   one slab cache's lists
 *        └─ LOCK_FRAME              the physical frame bitmap
 *   LOCK_TTY                        the console tty's line discipline (kernel/fs/tty.c);
 *                                   also taken by the serial receive interrupt
 *   LOCK_PRINTK                     the log ring; a leaf, so anyone may log under any lock
 *
 * Every VFS lock is outside (lower than) the slab locks, so the VFS may allocate and free while
 * holding any of them; none of them may be held across a sleep (a tty read, a wait queue).
 *
 * Later subsystems slot their locks in between with the gaps left here. */
#ifndef REAPER_LOCK_ORDER_H
#define REAPER_LOCK_ORDER_H

enum lock_level {
	LOCK_TEST_OUTER = 10,
	LOCK_TEST_INNER = 20,
	LOCK_TASKLIST = 50,
	LOCK_ITIMER = 55,
	LOCK_SIGHAND = 60,
	LOCK_FUTEX = 70,
	LOCK_PIPE = 80,
	LOCK_WAIT_QUEUE = 100,
	LOCK_RUNQUEUE = 110,
	LOCK_TIMER = 120,
	LOCK_FS_STRUCT = 125,
	LOCK_MOUNT = 130,
	LOCK_FILES = 140,
	LOCK_MM = 145,
	LOCK_VFS_DIR = 150,
	LOCK_PIDMAP = 153,
	LOCK_PROC_SBS = 156,
	LOCK_DCACHE = 160,
	LOCK_SB_INODES = 165,
	LOCK_INODE = 170,
	LOCK_FILE = 175,
	LOCK_CHRDEV = 180,
	LOCK_SLAB_CACHES = 190,
	LOCK_SLAB = 200,
	LOCK_FRAME = 210,
	LOCK_TTY = 900,
	LOCK_PRINTK = 1000,
};

#endif
