/* initramfs.h - unpacking the boot module into the root filesystem (kernel/fs/initramfs.c).
 * Called by kmain right after vfs_init(). Linux: init/initramfs.c (populate_rootfs). */
#ifndef REAPER_INITRAMFS_H
#define REAPER_INITRAMFS_H

#include "types.h"

struct boot_info;

/* What an unpack did, for the boot log and the self-tests. */
struct initramfs_stats {
	int files, dirs, symlinks, devices, hardlinks;
	int errors;			/* members skipped (a create failed) */
	size_t bytes;			/* archive bytes consumed */
};

void initramfs_unpack(const struct boot_info *bi);
int initramfs_unpack_buffer(const uint8_t *buf, size_t len, struct initramfs_stats *st);

#endif
