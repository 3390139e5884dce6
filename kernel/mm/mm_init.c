/* mm_init.c - memory management comes up: frames, page tables, descriptors, slabs, kmalloc.
 *
 * Each layer needs the one before it, so the order is fixed:
 *   1. frame_init: the frame allocator from the multiboot2 memory map. Its bitmap is reached
 *      through the early tables' direct map of the first GiB;
 *   2. arch_paging_init: the kernel's own page tables (frames from step 1), all of RAM
 *      direct-mapped at DIRECT_MAP_BASE, the image mapped per section, no identity map;
 *   3. page_init: one struct page per frame (frames from step 1, reached through step 2's
 *      direct map, which now covers all RAM);
 *   4. slab_init: the bootstrap cache "kmem_cache" (its slabs need step 3's descriptors);
 *   5. kmalloc_init: the kmalloc-8 ... kmalloc-8k caches;
 *   6. mm_space_init: the caches of user address spaces (mm_struct, vm_area_struct).
 * After mm_init() every allocator works; kmain() calls it once, right after the CPU tables.
 *
 * Locking: none; boot is single-threaded and interrupts are off.
 * See also: kernel/main.c (the caller), kernel/mm/frame.c, arch/x86_64/paging.c,
 *   kernel/mm/page.c, kernel/mm/slab.c, kernel/mm/kmalloc.c. Linux: mm/mm_init.c, init/main.c.
 */
#include "mm.h"
#include "arch.h"
#include "boot_info.h"
#include "frame.h"
#include "kmalloc.h"
#include "mm_space.h"
#include "page.h"
#include "printk.h"
#include "slab.h"

/* Linker symbols (linker.ld): physical addresses of the image's first and past-last byte.
 * They are absolute symbols, so their "address" is the value. */
extern char kernel_phys_start[], kernel_phys_end[];

#define MIB(frames) ((frames) >> (20 - PAGE_SHIFT))

/* init_frames() - step 1, and the line "mm: 64990 frames free of 65406 (253 MiB free)". */
static void init_frames(const struct boot_info *bi)
{
	paddr_t start = (paddr_t)kernel_phys_start, end = (paddr_t)kernel_phys_end;

	frame_init(bi, start, end);
	pr_info("mm: kernel image %#lx-%#lx, frame bitmap at %#lx\n", start, end,
		frame_bitmap_phys());
	pr_info("mm: %zu frames free of %zu (%zu MiB free), RAM ends at %#lx\n", frame_free_count(),
		frame_total_count(), MIB(frame_free_count()), frame_max_phys());
}

/* init_paging() - step 2. */
static void init_paging(void)
{
	arch_paging_init(frame_max_phys());
	pr_info("mm: paging: RAM direct-mapped at %#lx, kernel image at %#lx, identity map "
		"removed\n",
		DIRECT_MAP_BASE, KERNEL_VMA);
}

/* init_allocators() - steps 3 to 5. */
static void init_allocators(void)
{
	size_t before = frame_free_count();

	page_init(frame_max_phys());
	pr_info("mm: %zu page descriptors, %zu KiB\n", page_count(),
		(before - frame_free_count()) * (PAGE_SIZE / 1024));
	slab_init();
	kmalloc_init();
	mm_space_init();
	pr_info("mm: slab caches ready (kmem_cache, kmalloc-8 .. kmalloc-8k), %zu frames free\n",
		frame_free_count());
}

/**
 * mm_init() - bring up every memory allocator (the steps are in the header comment).
 * @bi: the boot information, for the memory map, the modules and the multiboot2 info.
 *
 * Context: boot, once, single-threaded, after arch_early_init().
 * Return: nothing; panics if memory cannot be set up.
 */
void mm_init(const struct boot_info *bi)
{
	init_frames(bi);
	init_paging();
	init_allocators();
}
