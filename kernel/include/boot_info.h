/* boot_info.h - what the boot loader told us, in a form the portable kernel can use.
 * arch/x86_64/multiboot2.c fills one struct boot_info from GRUB's multiboot2 tags; everything
 * after that (the frame allocator, the initramfs, the command line) reads only this struct.
 * All addresses here are physical. */
#ifndef REAPER_BOOT_INFO_H
#define REAPER_BOOT_INFO_H

#include "types.h"
#include "cmdline.h"

#define BOOT_MAX_MEM_REGIONS	64
#define BOOT_MAX_MODULES	8
#define BOOT_NAME_MAX		64

enum boot_mem_type {
	BOOT_MEM_USABLE = 1,	/* free RAM */
	BOOT_MEM_RESERVED = 2,
	BOOT_MEM_ACPI = 3,	/* ACPI tables, reclaimable */
	BOOT_MEM_NVS = 4,
	BOOT_MEM_BAD = 5,
};

struct boot_mem_region {
	paddr_t base;
	uint64_t length;	/* bytes */
	uint32_t type;		/* enum boot_mem_type */
};

struct boot_module {
	paddr_t start;
	paddr_t end;		/* one past the last byte */
	char name[BOOT_NAME_MAX];	/* the string after the path in grub.cfg's module2 line */
};

struct boot_info {
	char cmdline[CMDLINE_MAX];
	char loader_name[BOOT_NAME_MAX];
	struct boot_mem_region mem[BOOT_MAX_MEM_REGIONS];
	int nr_mem;
	struct boot_module modules[BOOT_MAX_MODULES];
	int nr_modules;
	paddr_t info_start;	/* the multiboot2 information structure itself */
	paddr_t info_end;
};

#endif
