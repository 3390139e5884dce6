/* chrdev.h - the character device registry: (major, minor) -> file operations.
 *
 * A device node in any filesystem is an inode of type S_IFCHR with i_rdev = (major, minor);
 * opening it looks the pair up here and gives the struct file that driver's operations, then
 * calls the driver's ->open. A node with no registered driver opens with ENXIO, as on Linux.
 * Drivers register at boot: mem_devices.c (1:3 null, 1:5 zero, 1:7 full), the console tty
 * (5:0 tty, 5:1 console, 4:64 ttyS0).
 * Locking: chrdev_lock (LOCK_CHRDEV); entries are never removed, so a looked-up fops stays
 * valid. See also: kernel/fs/chrdev.c. Linux: fs/char_dev.c (register_chrdev_region,
 * chrdev_open). */
#ifndef REAPER_CHRDEV_H
#define REAPER_CHRDEV_H

#include "types.h"

#define CHRDEV_MAX	32	/* registered (major, minor) pairs */

struct file_operations;
struct inode;
struct file;

int chrdev_register(unsigned int major, unsigned int minor, const char *name,
		    const struct file_operations *fops);
const struct file_operations *chrdev_lookup(unsigned int major, unsigned int minor);
int chrdev_open(struct inode *inode, struct file *f);
void mem_devices_init(void);

#endif
