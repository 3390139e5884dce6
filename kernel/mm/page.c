/* page.c - the array of frame descriptors: struct page, one per frame of RAM.
 *
 * The frame allocator answers "is this frame free?"; it cannot answer "this pointer came from
 * kmalloc: how big was the allocation, which slab cache does it go back to?". A flat array
 * indexed by frame number answers that in O(1): page_array[pa >> 12] describes the frame at
 * pa. That is why kfree(ptr) needs no size and why slabs need not be aligned to their size:
 * virt_to_page(obj)->head is the slab holding obj.
 *
 * The array covers physical [0, max_phys) - holes and reserved frames included, so indexing
 * needs no search - and is allocated at boot from contiguous frames: 48 bytes per 4 KiB frame,
 * about 1.2% of RAM (3 MiB for 256 MiB). It is reached through the direct map, so page_init()
 * runs after arch_paging_init() has mapped all of RAM.
 *
 * User frames carry a reference count: one per page-table entry mapping the frame. A fault
 * maps a fresh frame with count 1 (page_ref_init); copy-on-write fork maps it in the child
 * too and counts 2 (page_ref_get); each unmap drops one (page_ref_put, the callback every
 * pgtable_unmap_user() of user memory gets) and the last one frees the frame and leaves the
 * descriptor zero again. A write fault on a frame counted 1 just makes it writable again.
 * (Linux: page_ref_inc / put_page on the folio, and mapcount; we keep only the one count.)
 *
 * Invariants: a frame's descriptor is all zero while the frame is free or owned by a
 *   subsystem that keeps no descriptor; the owner clears what it set before freeing the frame.
 * Locking: the array itself is immutable after page_init(); each descriptor is written only
 *   by its frame's owner (see struct page in page.h for which lock covers which field);
 *   refcount changes atomically, so address spaces sharing a frame need no common lock.
 * See also: kernel/mm/slab.c and kernel/mm/kmalloc.c (the users), kernel/mm/frame.c.
 *   Linux: mm/page_alloc.c (mem_map), include/linux/mm.h (virt_to_page, page_address).
 */
#include "page.h"
#include "direct_map.h"
#include "frame.h"
#include "panic.h"

/* Immutable after page_init(); read in line by page.h's pfn_to_page() and friends: */
struct page *page_array;	/* descriptor of frame pfn is page_array[pfn] */
size_t page_array_len;		/* entries: max_phys >> PAGE_SHIFT */

/**
 * page_init() - allocate the descriptor array for RAM below @max_phys.
 * @max_phys: the end of the highest usable RAM (frame_max_phys()).
 *
 * The frames come zeroed from frame_alloc_contig(), so every descriptor starts as "free".
 * Context: boot, once, after arch_paging_init(). Return: nothing; panics if RAM is too
 * fragmented for the array (it cannot be at boot).
 */
void page_init(paddr_t max_phys)
{
	size_t n = max_phys >> PAGE_SHIFT;
	size_t frames = (n * sizeof(struct page) + PAGE_SIZE - 1) / PAGE_SIZE;
	paddr_t pa = frame_alloc_contig(frames);

	if (!pa)
		panic("page: no %zu contiguous frames for the page descriptors", frames);
	page_array = phys_to_virt(pa);
	page_array_len = n;
}

/**
 * virt_to_page() - the descriptor of the frame holding kernel address @va.
 * @va: an address in the direct map or in the kernel image.
 *
 * Any other address (a user address, NULL) translates to a frame number beyond RAM.
 * Context: any. Return: the descriptor, or NULL if @va is not in RAM.
 */
struct page *virt_to_page(const void *va)
{
	return pfn_to_page(virt_to_phys(va) >> PAGE_SHIFT);
}

/**
 * page_address() - where the frame @page describes is in the direct map.
 * @page: a descriptor from this array.
 * Context: any. Return: the kernel virtual address of the frame's first byte.
 */
void *page_address(const struct page *page)
{
	return phys_to_virt((paddr_t)page_to_pfn(page) << PAGE_SHIFT);
}

/**
 * page_count() - how many descriptors there are.
 * Context: any, after page_init(). Return: frames below max_phys, holes included.
 */
size_t page_count(void)
{
	return page_array_len;
}

/* user_page() - the descriptor of user frame @pa; a frame outside RAM is a kernel bug. */
static ALWAYS_INLINE struct page *user_page(paddr_t pa)
{
	struct page *page = pfn_to_page(pa >> PAGE_SHIFT);

	if (!page)
		panic("page: user frame %#lx is beyond RAM", pa);
	return page;
}

/**
 * page_ref_init() - @pa has just been mapped into one address space: its count is 1.
 * @pa: a frame from frame_alloc(), not yet counted.
 * Context: any. Return: nothing.
 */
void page_ref_init(paddr_t pa)
{
	__atomic_store_n(&user_page(pa)->refcount, 1, __ATOMIC_RELAXED);
}

/**
 * page_ref_get() - one more page table maps user frame @pa (copy-on-write fork).
 * Context: any. Return: nothing.
 */
void page_ref_get(paddr_t pa)
{
	__atomic_add_fetch(&user_page(pa)->refcount, 1, __ATOMIC_RELAXED);
}

/**
 * page_ref_put() - one mapping of user frame @pa is gone; the last one frees the frame.
 * @pa: a counted user frame. The signature is pgtable_unmap_user()'s @put callback.
 *
 * A frame mapped before counting existed (count 0) is freed at once, as before.
 * Context: any; takes the frame lock when it frees. Return: nothing.
 */
void page_ref_put(paddr_t pa)
{
	struct page *page = user_page(pa);

	if (__atomic_load_n(&page->refcount, __ATOMIC_RELAXED) == 0 ||
	    __atomic_sub_fetch(&page->refcount, 1, __ATOMIC_ACQ_REL) == 0) {
		page->flags &= ~PAGE_FILE;	/* the last holder: nobody reads it any more */
		frame_free(pa);
	}
}

/**
 * page_ref_count() - how many page tables map user frame @pa.
 * Context: any. Return: the count (a snapshot).
 */
uint32_t page_ref_count(paddr_t pa)
{
	return __atomic_load_n(&user_page(pa)->refcount, __ATOMIC_RELAXED);
}

/**
 * page_ref_is_shared() - is user frame @pa mapped by more than one page table? Then a
 * private mapping of it must stay read-only until a write fault copies it.
 * Context: any. Return: true if shared.
 */
bool page_ref_is_shared(paddr_t pa)
{
	return page_ref_count(pa) > 1;
}

/**
 * page_mark_file() - user frame @pa holds a file's data (ramfs, when it allocates the page):
 * mapped into a program (kernel/mm/fault.c shares such frames as text), it counts as RssFile
 * in /proc, not RssAnon. The mark goes with the frame's last reference (page_ref_put).
 * Context: the file's owner, before the frame can be mapped. Return: nothing.
 */
void page_mark_file(paddr_t pa)
{
	user_page(pa)->flags |= PAGE_FILE;
}

/* page_is_file() - does user frame @pa hold a file's data? Context: any holder of a
 * reference (a mapping). Return: true if so. */
bool page_is_file(paddr_t pa)
{
	return user_page(pa)->flags & PAGE_FILE;
}
