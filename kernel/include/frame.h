/* frame.h - the physical frame allocator: 4 KiB frames of RAM, by physical address.
 * Fed once at boot from the multiboot2 memory map (frame_init); afterwards frame_alloc()
 * hands out zeroed frames, lowest address first. Frames are reached through the direct map
 * (phys_to_virt). Bad frees (double, reserved, beyond RAM) panic. See kernel/mm/frame.c and,
 * for the bookkeeping, kernel/mm/frame_bitmap.c. Linux: mm/memblock.c + mm/page_alloc.c. */
#ifndef REAPER_FRAME_H
#define REAPER_FRAME_H

#include "types.h"

struct boot_info;

/* The early boot page tables map physical 0 .. 1 GiB, so the bitmap must live below this. */
#define FRAME_EARLY_MAP_END (1UL << 30)
#define FRAME_LOW_RESERVED  (1UL << 20) /* BIOS, real-mode IVT, VGA: never handed out */

void frame_init(const struct boot_info *bi, paddr_t kernel_start, paddr_t kernel_end);
paddr_t frame_alloc(void);
paddr_t frame_alloc_contig(size_t nframes);
paddr_t frame_alloc_contig_uninit(size_t nframes);
void frame_free(paddr_t pa);
void frame_free_contig(paddr_t pa, size_t nframes);
size_t frame_free_count(void);
size_t frame_total_count(void);
paddr_t frame_max_phys(void);
paddr_t frame_bitmap_phys(void);

#endif
