/* multiboot2.h - parsing GRUB's boot information (arch/x86_64/multiboot2.c). */
#ifndef REAPER_ARCH_MULTIBOOT2_H
#define REAPER_ARCH_MULTIBOOT2_H

#include "boot_info.h"

#define MULTIBOOT2_BOOT_MAGIC	0x36d76289	/* in eax when GRUB jumps to us */

int multiboot2_parse(const void *info, paddr_t info_phys, struct boot_info *out);

#endif
