/* mm.h - bringing up memory management at boot.
 * mm_init() runs the steps in dependency order: frames (from the memory map), the kernel's
 * page tables (direct map, no identity map), the struct page array, the slab allocator and
 * the kmalloc caches. Each step logs one line. See kernel/mm/mm_init.c. Linux: mm/mm_init.c. */
#ifndef REAPER_MM_H
#define REAPER_MM_H

struct boot_info;

void mm_init(const struct boot_info *bi);

#endif
