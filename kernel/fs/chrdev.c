/* chrdev.c - the character device registry: which driver answers a (major, minor) pair.
 *
 * Device nodes are ordinary inodes of type S_IFCHR carrying a device number (i_rdev); they
 * can live in any filesystem (the initramfs makes them in the root ramfs). Opening one asks
 * this registry for the driver registered under that exact (major, minor), gives the struct
 * file the driver's operations, and calls the driver's ->open. No driver: ENXIO, as on Linux
 * ("No such device or address"). Drivers register at boot: mem_devices.c registers 1:3 null,
 * 1:5 zero and 1:7 full; the console tty registers 5:0 tty, 5:1 console and 4:64 ttyS0.
 *
 * A fixed table of CHRDEV_MAX entries is enough for a kernel with a handful of devices; Linux
 * keeps ranges of minors per major (cdev_map) because it has thousands.
 * Invariants: entries are never removed, so a fops pointer read from the table stays valid.
 * Locking: chrdev_lock (LOCK_CHRDEV) around the table.
 * See also: kernel/include/chrdev.h, kernel/fs/file.c (file_do_open).
 * Linux: fs/char_dev.c (register_chrdev_region, cdev_add, chrdev_open). */
#include "chrdev.h"
#include "file.h"
#include "printk.h"
#include "spinlock.h"
#include "vfs.h"
#include "uapi/errno.h"

struct chrdev {
	unsigned int dev;			/* MKDEV(major, minor) */
	const char *name;			/* "console", "null", ... */
	const struct file_operations *fops;
};

static struct spinlock chrdev_lock = SPINLOCK_INIT("chrdev_lock", LOCK_CHRDEV);
static struct chrdev chrdevs[CHRDEV_MAX];	/* under chrdev_lock */
static int nr_chrdevs;				/* under chrdev_lock */

/* find_locked() - the entry for @dev, or NULL. */
static struct chrdev *find_locked(unsigned int dev)
{
	assert_held(&chrdev_lock);
	for (int i = 0; i < nr_chrdevs; i++)
		if (chrdevs[i].dev == dev)
			return &chrdevs[i];
	return NULL;
}

/**
 * chrdev_register() - make @fops the driver of device (@major, @minor).
 * @name: for the log and, later, /proc/devices.
 * Context: any thread; no spinlock held. Return: 0, -EBUSY (already registered), -ENOSPC
 * (table full).
 */
int chrdev_register(unsigned int major, unsigned int minor, const char *name,
		    const struct file_operations *fops)
{
	unsigned int dev = MKDEV(major, minor);
	int err = 0;

	spin_lock(&chrdev_lock);
	if (find_locked(dev))
		err = -EBUSY;
	else if (nr_chrdevs == CHRDEV_MAX)
		err = -ENOSPC;
	else
		chrdevs[nr_chrdevs++] = (struct chrdev){ dev, name, fops };
	spin_unlock(&chrdev_lock);
	if (err)
		pr_err("chrdev: cannot register %s (%u:%u): %d\n", name, major, minor, err);
	return err;
}

/**
 * chrdev_lookup() - the driver of (@major, @minor).
 * Context: no spinlock held. Return: its operations, or NULL if none is registered.
 */
const struct file_operations *chrdev_lookup(unsigned int major, unsigned int minor)
{
	const struct file_operations *fops = NULL;
	struct chrdev *c;

	spin_lock(&chrdev_lock);
	c = find_locked(MKDEV(major, minor));
	if (c)
		fops = c->fops;
	spin_unlock(&chrdev_lock);
	return fops;
}

/**
 * chrdev_open() - open of a character device node: switch @f to the driver's operations and
 * let the driver see the open.
 * Context: no spinlock held; may sleep in the driver. Return: 0, -ENXIO (no driver), or the
 * driver's ->open errno.
 */
int chrdev_open(struct inode *inode, struct file *f)
{
	const struct file_operations *fops = chrdev_lookup(MAJOR(inode->i_rdev),
							   MINOR(inode->i_rdev));

	if (!fops)
		return -ENXIO;
	f->f_op = fops;
	return fops->open ? fops->open(inode, f) : 0;
}
