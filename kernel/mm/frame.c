/* frame.c - the physical frame allocator: from the boot memory map to frame_alloc().
 *
 * Physical memory is handed out in 4 KiB frames named by their physical address. The
 * bookkeeping (which frame is free) is the two-bit-per-frame bitmap of frame_bitmap.c; this
 * file decides what goes into it at boot and puts a lock around it afterwards.
 *
 * Boot (frame_init), in order:
 *   1. find the end of RAM: the end of the highest usable memory-map region;
 *   2. list what is already in use: everything below 1 MiB (BIOS data, VGA, the real-mode
 *      world), the kernel image, every module (the initramfs), the multiboot2 information;
 *   3. find a home for the bitmap itself: the first page-aligned stretch of usable RAM below
 *      1 GiB (the early page tables map only that much) that overlaps none of step 2;
 *   4. start with every frame reserved, free the usable regions, then reserve the non-usable
 *      regions again (firmware maps can overlap; a reservation always wins), then reserve
 *      step 2's ranges and the bitmap.
 * A usable region is rounded inward to whole frames, a reserved one outward, so a frame that
 * is only partly RAM is never handed out.
 *
 * Invariants: frame 0 is reserved, so physical address 0 can mean "no frame"; every frame
 *   handed out is zeroed; frames come lowest address first (arch_paging_init relies on its
 *   first page tables landing below 1 GiB, inside the early mapping).
 * Locking: frame_lock (LOCK_FRAME) around every bitmap access. Slab caches call in with their
 *   own lock held, which the lock order allows (LOCK_SLAB < LOCK_FRAME). Zeroing happens after
 *   the lock is dropped: the frame is already ours.
 * See also: kernel/mm/frame_bitmap.c, kernel/mm/mm_init.c (the caller), kernel/mm/page.c (a
 *   descriptor per frame). Linux: mm/memblock.c, mm/page_alloc.c.
 */
#include "frame.h"
#include "boot_info.h"
#include "direct_map.h"
#include "frame_bitmap.h"
#include "panic.h"
#include "spinlock.h"

/* A range of physical addresses in use since boot, [start, end). */
struct frame_range {
	paddr_t start;
	paddr_t end;
};

#define MAX_BOOT_RANGES (BOOT_MAX_MODULES + 3) /* low 1 MiB, kernel, boot info, modules */

static struct spinlock frame_lock = SPINLOCK_INIT("frame", LOCK_FRAME);

/* Protected by frame_lock: */
static struct frame_bitmap frames;

/* Immutable after frame_init(): */
static paddr_t max_phys;    /* end of the highest usable RAM, page aligned */
static size_t total_frames; /* frames of RAM in the memory map, reserved ones included */
static paddr_t bitmap_pa;   /* where the bitmaps live */

/* highest_usable() - the end of the highest usable region, rounded down to a frame. */
static paddr_t highest_usable(const struct boot_info *bi)
{
	paddr_t end = 0;

	for (int i = 0; i < bi->nr_mem; i++)
		if (bi->mem[i].type == BOOT_MEM_USABLE)
			end = MAX(end, bi->mem[i].base + bi->mem[i].length);
	return ALIGN_DOWN(end, PAGE_SIZE);
}

/* collect_boot_ranges() - fill @out with what step 2 of the header comment lists. */
static int collect_boot_ranges(const struct boot_info *bi, paddr_t kernel_start, paddr_t kernel_end,
			       struct frame_range *out)
{
	int n = 0;

	out[n++] = (struct frame_range){ 0, FRAME_LOW_RESERVED };
	out[n++] = (struct frame_range){ kernel_start, kernel_end };
	out[n++] = (struct frame_range){ bi->info_start, bi->info_end };
	for (int i = 0; i < bi->nr_modules && i < BOOT_MAX_MODULES; i++)
		out[n++] = (struct frame_range){ bi->modules[i].start, bi->modules[i].end };
	return n;
}

/* clash_end() - if [@start, @end) overlaps a boot range or a non-usable region, the end of
 * the first one that does (the next candidate start); else 0. */
static paddr_t clash_end(const struct boot_info *bi, const struct frame_range *r, int nr,
			 paddr_t start, paddr_t end)
{
	for (int i = 0; i < nr; i++)
		if (r[i].start < end && start < r[i].end)
			return r[i].end;
	for (int i = 0; i < bi->nr_mem; i++) {
		const struct boot_mem_region *m = &bi->mem[i];

		if (m->type != BOOT_MEM_USABLE && m->base < end && start < m->base + m->length)
			return m->base + m->length;
	}
	return 0;
}

/* fit_in_region() - the lowest page-aligned place for @bytes in usable region @m that
 * clashes with nothing and lies inside the early mapping; 0 if there is none. */
static paddr_t fit_in_region(const struct boot_info *bi, const struct boot_mem_region *m,
			     const struct frame_range *r, int nr, size_t bytes)
{
	paddr_t start = ALIGN_UP(m->base, PAGE_SIZE);
	paddr_t limit = MIN(m->base + m->length, FRAME_EARLY_MAP_END);
	paddr_t next;

	while (start + bytes <= limit) {
		next = clash_end(bi, r, nr, start, start + bytes);
		if (next == 0)
			return start;
		start = ALIGN_UP(next, PAGE_SIZE);
	}
	return 0;
}

/* place_bitmap() - step 3: a home for @bytes of bitmap. Panics if RAM has no room. */
static paddr_t place_bitmap(const struct boot_info *bi, const struct frame_range *r, int nr,
			    size_t bytes)
{
	paddr_t pa;

	for (int i = 0; i < bi->nr_mem; i++) {
		if (bi->mem[i].type != BOOT_MEM_USABLE)
			continue;
		pa = fit_in_region(bi, &bi->mem[i], r, nr, bytes);
		if (pa)
			return pa;
	}
	panic("frame: no room below 1 GiB for a %zu-byte frame bitmap", bytes);
}

/* reserve_range() - take physical [@start, @end) out of circulation, rounded outward. */
static void reserve_range(paddr_t start, paddr_t end)
{
	frame_bitmap_reserve(&frames, start >> PAGE_SHIFT, ALIGN_UP(end, PAGE_SIZE) >> PAGE_SHIFT);
}

/* add_memory_map() - step 4's first half: usable regions in (rounded inward), then every
 * other region out again (rounded outward), so overlaps resolve to "reserved". */
static void add_memory_map(const struct boot_info *bi)
{
	const struct boot_mem_region *m;
	paddr_t first, end;

	for (m = bi->mem; m < bi->mem + bi->nr_mem; m++) {
		if (m->type != BOOT_MEM_USABLE)
			continue;
		first = ALIGN_UP(m->base, PAGE_SIZE);
		end = ALIGN_DOWN(m->base + m->length, PAGE_SIZE);
		frame_bitmap_add_usable(&frames, first >> PAGE_SHIFT, end >> PAGE_SHIFT);
	}
	for (m = bi->mem; m < bi->mem + bi->nr_mem; m++)
		if (m->type != BOOT_MEM_USABLE)
			reserve_range(m->base, m->base + m->length);
}

/**
 * frame_init() - build the frame allocator from the boot memory map.
 * @bi: the boot information (memory map, modules, where the multiboot2 info lies).
 * @kernel_start: physical address of the first byte of the kernel image.
 * @kernel_end: physical address one past its last byte.
 *
 * The four steps are in the header comment. Afterwards every usable frame not in use since
 * boot is free.
 * Context: boot, once, before paging is rebuilt (the bitmap is reached through the early
 * direct map of 0..1 GiB). Return: nothing; panics if there is no room for the bitmap.
 */
void frame_init(const struct boot_info *bi, paddr_t kernel_start, paddr_t kernel_end)
{
	struct frame_range boot_ranges[MAX_BOOT_RANGES];
	int nr_ranges = collect_boot_ranges(bi, kernel_start, kernel_end, boot_ranges);
	size_t nr_frames, bytes;

	max_phys = highest_usable(bi);
	nr_frames = max_phys >> PAGE_SHIFT;
	/* Whole frames of its own, so no other boot data shares a frame with it. */
	bytes = ALIGN_UP(2 * frame_bitmap_words(nr_frames) * sizeof(uint64_t), PAGE_SIZE);
	bitmap_pa = place_bitmap(bi, boot_ranges, nr_ranges, bytes);
	frame_bitmap_init(&frames, phys_to_virt(bitmap_pa), nr_frames);

	add_memory_map(bi);
	total_frames = frames.nr_usable;
	for (int i = 0; i < nr_ranges; i++)
		reserve_range(boot_ranges[i].start, boot_ranges[i].end);
	reserve_range(bitmap_pa, bitmap_pa + bytes);
}

/* clear_frames() - zero @n frames at @pa, eight 8-byte stores per loop step: every page
 * table and anonymous page is zeroed here, and at -Og a store a step spent more on the loop
 * than on the stores (tools/profile.py: clear_frames was 16 % of fork+exec+wait). */
static void clear_frames(paddr_t pa, size_t n)
{
	uint64_t *p = phys_to_virt(pa), *end = p + n * (PAGE_SIZE / sizeof(uint64_t));

	for (; p < end; p += 8) {
		p[0] = 0;
		p[1] = 0;
		p[2] = 0;
		p[3] = 0;
		p[4] = 0;
		p[5] = 0;
		p[6] = 0;
		p[7] = 0;
	}
}

/**
 * frame_alloc_contig() - allocate @nframes physically contiguous, zeroed frames.
 * @nframes: how many (at least 1).
 *
 * Context: any; takes frame_lock (callers may hold a LOCK_SLAB lock). Does not sleep.
 * Return: the physical address of the first frame, or 0 if no free run is long enough.
 */
paddr_t frame_alloc_contig(size_t nframes)
{
	paddr_t pa = frame_alloc_contig_uninit(nframes);

	if (pa)
		clear_frames(pa, nframes);
	return pa;
}

/**
 * frame_alloc_contig_uninit() - frame_alloc_contig() without the zeroing: the frames hold
 * whatever their last user left. Only for callers that write every byte anyone will read
 * before it is read: the slab (it poisons every slot), kernel stacks, a page filled from a
 * file (the part past the file is zeroed by the caller). Zeroing was a third of fork+exec+
 * wait's time under TCG (tools/profile.py); Linux leaves the same choice to the caller
 * (__GFP_ZERO).
 * @nframes: how many (at least 1).
 *
 * Context: any; takes frame_lock. Return: the physical address of the first frame, or 0.
 */
paddr_t frame_alloc_contig_uninit(size_t nframes)
{
	size_t pfn;

	spin_lock(&frame_lock);
	pfn = frame_bitmap_alloc(&frames, nframes);
	spin_unlock(&frame_lock);
	return pfn == FRAME_BITMAP_NONE ? 0 : (paddr_t)pfn << PAGE_SHIFT;
}

/**
 * frame_alloc() - allocate one zeroed 4 KiB frame.
 *
 * Context: any; takes frame_lock. Return: its physical address, or 0 when RAM is exhausted.
 */
paddr_t frame_alloc(void)
{
	return frame_alloc_contig(1);
}

/**
 * frame_free_contig() - give back @nframes frames starting at @pa.
 * @pa: as returned by frame_alloc_contig(). @nframes: the same count.
 *
 * Context: any; takes frame_lock. Return: nothing; panics if @pa is not frame aligned, or any
 * of the frames is free already, reserved, or beyond RAM (nothing is freed then).
 */
void frame_free_contig(paddr_t pa, size_t nframes)
{
	if (pa & (PAGE_SIZE - 1))
		panic("frame: freeing %#llx, which is not frame aligned", (unsigned long long)pa);
	spin_lock(&frame_lock);
	frame_bitmap_free(&frames, pa >> PAGE_SHIFT, nframes);
	spin_unlock(&frame_lock);
}

/**
 * frame_free() - give back one frame.
 * @pa: as returned by frame_alloc().
 *
 * Context: any; takes frame_lock. Return: nothing; panics like frame_free_contig().
 */
void frame_free(paddr_t pa)
{
	frame_free_contig(pa, 1);
}

/**
 * frame_free_count() - how many frames are free right now.
 * Context: any; takes frame_lock. Return: the count (stale as soon as the lock drops).
 */
size_t frame_free_count(void)
{
	size_t n;

	spin_lock(&frame_lock);
	n = frames.nr_free;
	spin_unlock(&frame_lock);
	return n;
}

/**
 * frame_total_count() - frames of RAM the memory map offered, reserved ones included.
 * Context: any, after frame_init(). Return: the count.
 */
size_t frame_total_count(void)
{
	return total_frames;
}

/**
 * frame_max_phys() - the end of the highest usable RAM (what the direct map must cover).
 * Context: any, after frame_init(). Return: a page-aligned physical address.
 */
paddr_t frame_max_phys(void)
{
	return max_phys;
}

/**
 * frame_bitmap_phys() - where frame_init() put the bitmap, for the boot log and gdb.
 * Context: any, after frame_init(). Return: its physical address.
 */
paddr_t frame_bitmap_phys(void)
{
	return bitmap_pa;
}
