/* page.h - one descriptor (struct page) per physical frame of RAM.
 * The frame allocator knows only free/used; struct page says who owns a used frame and why,
 * so that from any kernel pointer into the direct map we can find its frame's owner:
 * kfree() and kmem_cache_free() start with virt_to_page(). A slab's own bookkeeping lives in
 * its first frame's struct page (the "head"), as in Linux's SLUB. A frame mapped into user
 * space counts the page tables that map it (refcount), for copy-on-write. See kernel/mm/page.c.
 * Linux: include/linux/mm_types.h (struct page), include/linux/mm.h (virt_to_page). */
#ifndef REAPER_PAGE_H
#define REAPER_PAGE_H

#include "list.h"
#include "types.h"

struct kmem_cache;

/* struct page flags: what the owner uses the frame for. 0 = free, or owned by someone
 * who keeps no descriptor (page tables, the kernel image, a bitmap). */
#define PAGE_SLAB  (1u << 0) /* part of a slab of head->cache */
#define PAGE_LARGE (1u << 1) /* part of a kmalloc() allocation too big for a slab */
#define PAGE_HEAD  (1u << 2) /* the first frame of its slab or large allocation */
#define PAGE_FILE  (1u << 3) /* a file's data (ramfs), maybe mapped as text: RssFile; set by
			      * page_mark_file(), cleared when the last reference goes */

struct page {
	/* Written by the frame's owner only (a slab: under its cache's lock): */
	uint16_t flags;	    /* PAGE_* */
	uint16_t inuse;	    /* slab head: objects allocated from this slab */
	uint32_t nr_frames; /* head: frames in the slab or large allocation */
	struct page *head;  /* slab or large frame: the first frame's descriptor */

	/* Slab heads only (kernel/mm/slab.c), protected by cache->lock: */
	struct kmem_cache *cache;   /* the cache this slab belongs to */
	void *freelist;		    /* first free object; each free object links the next */
	struct list_head slab_list; /* on the cache's full, partial or free list */

	/* User frames only (mapped into address spaces: kernel/mm/fault.c, mm_space.c), changed
	 * with atomic operations (page_ref_*), so no lock: */
	uint32_t refcount; /* page tables mapping this frame; 0 when not a user frame */
};

void page_init(paddr_t max_phys);
size_t page_count(void);

/* The descriptors, one per frame below max_phys (page.c; immutable after page_init()). The
 * two translations below are in line: slab and page-table code make hundreds of them on
 * every fork (compiler.h, ALWAYS_INLINE). */
extern struct page *page_array;
extern size_t page_array_len;

/* pfn_to_page() - the descriptor of frame number @pfn (physical address >> PAGE_SHIFT).
 * Context: any. Return: the descriptor, or NULL if @pfn is beyond RAM. */
static ALWAYS_INLINE struct page *pfn_to_page(size_t pfn)
{
	return pfn < page_array_len ? &page_array[pfn] : NULL;
}

/* page_to_pfn() - the frame number @page (a descriptor from the array) describes. */
static ALWAYS_INLINE size_t page_to_pfn(const struct page *page)
{
	return (size_t)(page - page_array);
}

struct page *virt_to_page(const void *va);
void *page_address(const struct page *page);

/* Reference counts of user frames: copy-on-write fork shares a frame between address spaces
 * and frees it when the last mapping goes (page.c). */
void page_ref_init(paddr_t pa);
void page_ref_get(paddr_t pa);
void page_ref_put(paddr_t pa);
uint32_t page_ref_count(paddr_t pa);
bool page_ref_is_shared(paddr_t pa);
void page_mark_file(paddr_t pa);
bool page_is_file(paddr_t pa);

#endif
