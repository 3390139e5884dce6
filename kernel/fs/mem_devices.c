/* mem_devices.c - /dev/null, /dev/zero and /dev/full: devices made of nothing.
 *
 * Character devices of major 1, as on Linux: null (1:3) reads as end of file and swallows
 * every write; zero (1:5) reads as endless zero bytes and swallows writes; full (1:7) reads as
 * zeros and refuses every write with ENOSPC ("disk full", for testing error paths). Seeking
 * any of them succeeds and leaves the offset at 0, as Linux's null_lseek does. They exist so
 * that shells and tests have their standard sinks and sources; the nodes themselves are made
 * by the initramfs (or by user space with mknod, later).
 * Invariants: no state at all. Locking: none needed.
 * See also: kernel/fs/chrdev.c (the registry). Linux: drivers/char/mem.c. */
#include "chrdev.h"
#include "file.h"
#include "string.h"
#include "uapi/errno.h"

static ssize_t null_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return 0;
}

static ssize_t null_write(struct file *f, const void *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)buf, (void)pos;
	return (ssize_t)n;
}

static ssize_t zero_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)pos;
	memset(buf, 0, n);
	return (ssize_t)n;
}

static ssize_t full_write(struct file *f, const void *buf, size_t n, uint64_t *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return -ENOSPC;
}

/* mem_lseek() - any seek succeeds and the offset stays 0 (Linux's null_lseek). */
static int64_t mem_lseek(struct file *f, int64_t offset, int whence)
{
	(void)offset, (void)whence;
	f->f_pos = 0;
	return 0;
}

static const struct file_operations null_fops = {
	.read = null_read,
	.write = null_write,
	.llseek = mem_lseek,
};

static const struct file_operations zero_fops = {
	.read = zero_read,
	.write = null_write,
	.llseek = mem_lseek,
};

static const struct file_operations full_fops = {
	.read = zero_read,
	.write = full_write,
	.llseek = mem_lseek,
};

/**
 * mem_devices_init() - register null (1:3), zero (1:5) and full (1:7).
 * Context: boot (vfs_init). Return: nothing.
 */
void mem_devices_init(void)
{
	chrdev_register(1, 3, "null", &null_fops);
	chrdev_register(1, 5, "zero", &zero_fops);
	chrdev_register(1, 7, "full", &full_fops);
}
