/* kmalloc.c - kmalloc(size) and kfree(ptr): size classes over the slab caches.
 *
 * Most kernel memory is requested by size, not by kind of object: a path buffer, an argv
 * copy, a hash table. kmalloc() rounds the size up to one of thirteen classes - 8, 16, 32,
 * 64, 96, 128, 192, 256, 512 bytes, 1, 2, 4, 8 KiB, Linux's classes and names - and
 * allocates from that class's slab cache, "kmalloc-64" and so on. 96 and 192 exist because
 * requests just above 64 and 128 bytes are common and would waste a third of a power of two.
 *
 * A request above 8 KiB is "large": it gets whole contiguous frames straight from the frame
 * allocator. Its first frame's struct page is marked PAGE_LARGE | PAGE_HEAD and remembers the
 * frame count, so kfree() and ksize() need no size from the caller - exactly as for slab
 * objects, whose struct page leads to their cache.
 *
 * Invariants: every kmalloc cache exists after kmalloc_init() and is never destroyed;
 *   large_frames counts the frames held by large allocations (a leak check for the tests).
 * Locking: none of its own; the slab caches and the frame allocator lock themselves. The
 *   descriptors of a large allocation belong to whoever holds the allocation.
 * See also: kernel/mm/slab.c, kernel/mm/page.c. Linux: mm/slab_common.c (kmalloc_caches,
 *   kmalloc_large), mm/slub.c (kfree).
 */
#include "kmalloc.h"
#include "arch.h"
#include "frame.h"
#include "page.h"
#include "panic.h"
#include "slab.h"
#include "string.h"

struct kmalloc_class {
	size_t size;	  /* largest request this class serves, bytes */
	const char *name; /* its cache's name, as in Linux's /proc/slabinfo */
};

static const struct kmalloc_class kmalloc_classes[] = {
	{ 8, "kmalloc-8" },	{ 16, "kmalloc-16" },	{ 32, "kmalloc-32" },
	{ 64, "kmalloc-64" },	{ 96, "kmalloc-96" },	{ 128, "kmalloc-128" },
	{ 192, "kmalloc-192" }, { 256, "kmalloc-256" }, { 512, "kmalloc-512" },
	{ 1024, "kmalloc-1k" }, { 2048, "kmalloc-2k" }, { 4096, "kmalloc-4k" },
	{ 8192, "kmalloc-8k" },
};

#define NR_KMALLOC_CLASSES ARRAY_SIZE(kmalloc_classes)

/* Immutable after kmalloc_init(): */
static struct kmem_cache *kmalloc_caches[NR_KMALLOC_CLASSES];

/* Updated with atomic adds (large allocations take no lock): */
static size_t large_frames; /* frames held by large allocations now */

/**
 * kmalloc_init() - create the kmalloc-N caches.
 *
 * Context: boot, once, after slab_init(). Return: nothing; panics if a cache cannot be made.
 */
void kmalloc_init(void)
{
	for (size_t i = 0; i < NR_KMALLOC_CLASSES; i++) {
		kmalloc_caches[i] =
			kmem_cache_create(kmalloc_classes[i].name, kmalloc_classes[i].size, 0);
		if (!kmalloc_caches[i])
			panic("kmalloc: cannot create %s", kmalloc_classes[i].name);
	}
	large_frames = 0;
}

/* kmalloc_cache_for() - the cache of the smallest class that holds @size bytes, or NULL if
 * @size is above every class (a large allocation). */
static struct kmem_cache *kmalloc_cache_for(size_t size)
{
	for (size_t i = 0; i < NR_KMALLOC_CLASSES; i++)
		if (size <= kmalloc_classes[i].size)
			return kmalloc_caches[i];
	return NULL;
}

/* is_kmalloc_cache() - true if @c is one of the kmalloc-N caches. */
static bool is_kmalloc_cache(const struct kmem_cache *c)
{
	for (size_t i = 0; i < NR_KMALLOC_CLASSES; i++)
		if (kmalloc_caches[i] == c)
			return true;
	return false;
}

/* kmalloc_large() - whole frames for @size bytes, recorded in their struct pages. */
static void *kmalloc_large(size_t size, bool zero)
{
	size_t n = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	paddr_t pa = frame_alloc_contig_uninit(n);	/* filled once, below */
	struct page *head;

	if (!pa)
		return NULL;
	head = pfn_to_page(pa >> PAGE_SHIFT);
	for (size_t i = 0; i < n; i++) {
		head[i].flags = PAGE_LARGE | (i == 0 ? PAGE_HEAD : 0);
		head[i].head = head;
	}
	head->nr_frames = (uint32_t)n;
	__atomic_add_fetch(&large_frames, n, __ATOMIC_RELAXED);
	/* kzalloc's contract is zeroes; kmalloc's is "poisoned", like a slab object. */
	memset(page_address(head), zero ? 0 : SLAB_POISON_ALLOC, n * PAGE_SIZE);
	return page_address(head);
}

/* kmalloc_common() - kmalloc() and kzalloc(), which differ only in the fill. */
static void *kmalloc_common(size_t size, bool zero)
{
	struct kmem_cache *c;

	if (size == 0)
		return NULL;
	c = kmalloc_cache_for(size);
	if (!c)
		return kmalloc_large(size, zero);
	return zero ? kmem_cache_zalloc(c) : kmem_cache_alloc(c);
}

/**
 * kmalloc() - allocate @size bytes of kernel memory.
 * @size: bytes wanted; the allocation may be bigger (ksize() tells).
 *
 * The memory is filled with 0xa5, not zeroed, and aligned to at least 8 bytes (to its size
 * for the power-of-two classes; to a frame for large allocations).
 * Context: any; does not sleep. Return: the memory, or NULL if @size is 0 or memory is
 * exhausted (never panics for lack of memory).
 */
void *kmalloc(size_t size)
{
	return kmalloc_common(size, false);
}

/**
 * kzalloc() - allocate @size bytes of zeroed kernel memory.
 * @size: bytes wanted.
 *
 * Context: any; does not sleep. Return: as kmalloc().
 */
void *kzalloc(size_t size)
{
	return kmalloc_common(size, true);
}

/* kfree_large() - free the large allocation whose head descriptor is @page. */
static void kfree_large(struct page *page, const void *ptr)
{
	size_t n = page->nr_frames;
	paddr_t pa = (paddr_t)page_to_pfn(page) << PAGE_SHIFT;

	if (!(page->flags & PAGE_HEAD) || ptr != page_address(page))
		panic("kfree: %#lx points inside a large allocation, not at its start",
		      (unsigned long)ptr);
	memset(page, 0, n * sizeof(struct page));
	__atomic_sub_fetch(&large_frames, n, __ATOMIC_RELAXED);
	frame_free_contig(pa, n);
}

/**
 * kfree() - free memory from kmalloc() or kzalloc().
 * @ptr: the pointer kmalloc() returned, or NULL (ignored).
 *
 * Context: any; does not sleep. Return: nothing. Panics if @ptr did not come from kmalloc
 * (an object of a named cache, a stack or static address, a pointer into the middle of an
 * allocation) or was freed already.
 */
void kfree(void *ptr)
{
	struct page *page;

	if (!ptr)
		return;
	page = virt_to_page(ptr);
	if (page && (page->flags & PAGE_SLAB)) {
		if (!is_kmalloc_cache(page->head->cache))
			panic("kfree: %#lx belongs to cache %s; free it with kmem_cache_free()",
			      (unsigned long)ptr, kmem_cache_name(page->head->cache));
		kmem_cache_free(page->head->cache, ptr);
	} else if (page && (page->flags & PAGE_LARGE)) {
		kfree_large(page->head, ptr);
	} else {
		panic("kfree: %#lx was not allocated by kmalloc (or is freed already)",
		      (unsigned long)ptr);
	}
}

/**
 * ksize() - how many bytes the allocation at @ptr really has.
 * @ptr: a live pointer from kmalloc(), or NULL.
 *
 * Context: any. Return: the size class (slab) or whole frames (large); 0 for NULL. Panics
 * if @ptr is not a kmalloc pointer.
 */
size_t ksize(const void *ptr)
{
	struct page *page;

	if (!ptr)
		return 0;
	page = virt_to_page(ptr);
	if (page && (page->flags & PAGE_SLAB))
		return kmem_cache_size(page->head->cache);
	if (page && (page->flags & PAGE_LARGE))
		return (size_t)page->head->nr_frames * PAGE_SIZE;
	panic("ksize: %#lx was not allocated by kmalloc", (unsigned long)ptr);
}

/**
 * kmalloc_large_frames() - frames held by large (above 8 KiB) allocations now.
 * Context: any. Return: the count, for leak checks.
 */
size_t kmalloc_large_frames(void)
{
	return __atomic_load_n(&large_frames, __ATOMIC_RELAXED);
}
