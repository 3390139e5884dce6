/* slab.c - named caches of equal-sized objects, poisoned so misuse shows up at once.
 *
 * A kernel allocates the same few kinds of object over and over (pids, namespaces, dentries).
 * A cache hands out objects of one size carved from slabs: runs of 1-8 contiguous frames cut
 * into equal slots. Because each kind of object has its own named cache with counts, a leak
 * of namespaces is visible as a number in /proc/slabinfo, not as slowly shrinking memory.
 *
 * Layout. A slab's bookkeeping lives in its first frame's struct page (the "head": cache,
 * inuse, freelist, list link); every frame of the slab points at the head. So the whole slab
 * holds objects, and kmem_cache_free() finds an object's slab with virt_to_page(obj)->head in
 * O(1) - no alignment tricks, and a pointer that is not an object of the cache is caught.
 * Objects of up to 512 bytes get one-frame slabs; bigger ones get 2, 4 or 8 frames so that a
 * slab holds at least 8 of them and little is wasted at its end (kmalloc-4k: 8 frames, 8
 * objects). A free object holds the link to the next free one in its first 8 bytes.
 *
 * Lists. Slabs sit on three lists by fill level: full, partial, free. Allocation takes from a
 * partial slab first, then the free one, then a new slab. An empty slab stays as the cache's
 * one spare; an empty slab beyond that goes back to the frame allocator.
 *
 * Poisoning (always on). A freed object is filled with 0x6b except its link, and allocation
 * checks every byte: a mismatch panics naming the cache, the object and the first bad offset.
 * The link must be NULL or point at a slot of the same slab. Freeing an object already on its
 * slab's free list (double free) or a pointer that is not the start of one of the cache's
 * objects panics. Fresh objects are filled with 0xa5 (zalloc: zeroes) so uninitialised reads
 * stand out. The free list is LIFO: a use-after-free is caught at the next allocation.
 *
 * Bootstrap: cache descriptors come from the cache "kmem_cache", whose own descriptor is the
 * static kmem_cache_boot.
 *
 * Locking: each cache's lock (LOCK_SLAB, named after the cache) protects its lists, its
 *   counters and its slab heads; frames are allocated and freed under it (LOCK_FRAME is
 *   inside LOCK_SLAB). slab_caches_lock protects the list of caches and is taken outside the
 *   cache locks (statistics lock each cache in turn). Objects are filled outside the lock.
 * See also: kernel/mm/kmalloc.c (size classes on top), kernel/mm/page.c (struct page),
 *   include/slab.h (struct slab_stats). Linux: mm/slub.c, mm/slab_common.c (slabinfo).
 */
#include "slab.h"
#include "arch.h"
#include "frame.h"
#include "list.h"
#include "page.h"
#include "panic.h"
#include "spinlock.h"
#include "string.h"

#define SLAB_MIN_ALIGN	 sizeof(void *) /* room for the free-list link */
#define SLAB_MAX_FRAMES	 8		/* largest slab for objects that fit several to a slab */
#define SLAB_MIN_OBJECTS 8		/* grow a slab until it holds this many (up to the max) */
#define SLAB_SPARE_SLABS 1		/* empty slabs a cache keeps instead of freeing */

struct kmem_cache {
	/* Immutable after kmem_cache_create(): */
	char name[SLAB_NAME_MAX];     /* "pid", "kmalloc-64", ... */
	size_t size;		      /* bytes per slot: the size asked for, rounded up */
	unsigned int objs_per_slab;   /* slots in one slab */
	unsigned int frames_per_slab; /* frames in one slab */
	uint64_t size_recip;	      /* ceil(2^32 / size): offset / size without a division */

	/* Protected by lock: */
	struct spinlock lock;
	struct list_head slabs_full;	/* struct page heads with every object allocated */
	struct list_head slabs_partial; /* ... with some allocated */
	struct list_head slabs_free;	/* ... with none: at most SLAB_SPARE_SLABS */
	size_t nr_slabs;		/* slabs on any of the three lists */
	size_t nr_free_slabs;		/* slabs on slabs_free */
	size_t active_objs;		/* objects allocated */

	/* Protected by slab_caches_lock: */
	struct list_head cache_list; /* on slab_caches, in creation order */
};

static struct spinlock slab_caches_lock = SPINLOCK_INIT("slab_caches", LOCK_SLAB_CACHES);
static struct list_head slab_caches = LIST_HEAD_INIT(slab_caches); /* by slab_caches_lock */
static struct kmem_cache kmem_cache_boot; /* the cache of cache descriptors */

/* ---- Objects and their poison ------------------------------------------------------------ */

static ALWAYS_INLINE char *slab_base(const struct page *slab)
{
	return page_address(slab);
}

/* slot_at() - true if @p is the first byte of a slot of the slab whose first slot is at
 * @base. Division-free: off / size by a multiplication, exact while off * size < 2^32 (a
 * slab is at most a few pages, an object at most a page or two; asserted at cache creation).
 * The free-list checks call this once per step of a walk, where a division (a helper call
 * under QEMU's TCG) was a tenth of fork+exit+wait (docs/performance.md). */
static ALWAYS_INLINE bool slot_at(const struct kmem_cache *c, uintptr_t base, const void *p)
{
	uintptr_t off = (uintptr_t)p - base;

	return off < (uintptr_t)c->objs_per_slab * c->size &&
	       ((off * c->size_recip) >> 32) * c->size == off;
}

/* is_object_start() - true if @p is the first byte of one of @slab's slots. */
static ALWAYS_INLINE bool is_object_start(const struct kmem_cache *c, const struct page *slab,
					    const void *p)
{
	return slot_at(c, (uintptr_t)slab_base(slab), p);
}

/* report_use_after_free() - the message ktest=uaf and the host tests look for. */
static NORETURN void report_use_after_free(const struct kmem_cache *c, const void *obj, size_t off)
{
	panic("slab: use-after-free write in cache %s at %#lx+0x%zx (byte %#x, expected %#x)",
	      c->name, (unsigned long)obj, off, ((const unsigned char *)obj)[off],
	      SLAB_POISON_FREE);
}

/* poison_object() - fill freed @obj with SLAB_POISON_FREE, then store the link @next. */
static void poison_object(const struct kmem_cache *c, void *obj, void *next)
{
	memset(obj, SLAB_POISON_FREE, c->size);
	*(void **)obj = next;
}

/* check_poison() - panic unless every byte of free @obj after its link is still poison.
 * Word by word (slots are 8-byte aligned and sized), then the byte that differs is found. */
static void check_poison(const struct kmem_cache *c, const void *obj)
{
	const uint64_t poison = 0x0101010101010101ULL * SLAB_POISON_FREE;
	const unsigned char *bytes = obj;

	for (size_t off = sizeof(void *); off < c->size; off += sizeof(uint64_t)) {
		if (*(const uint64_t *)(bytes + off) == poison)
			continue;
		while (bytes[off] == SLAB_POISON_FREE)
			off++;
		report_use_after_free(c, obj, off);
	}
}

/* next_free() - the link stored in free object @obj, checked: NULL or a slot of @slab.
 * Anything else means the link was overwritten after the object was freed. */
static void *next_free(const struct kmem_cache *c, const struct page *slab, const void *obj)
{
	void *next = *(void *const *)obj;

	if (next && !is_object_start(c, slab, next))
		report_use_after_free(c, obj, 0);
	return next;
}

/* check_not_free() - panic if @obj is already on @slab's free list (a double free). The walk
 * is bounded by the slab's size, so a corrupted list that loops is caught too. */
static void check_not_free(const struct kmem_cache *c, const struct page *slab, const void *obj)
{
	uintptr_t base = (uintptr_t)slab_base(slab);	/* once, not per step */
	unsigned int steps = 0;

	for (void *p = slab->freelist; p; p = *(void **)p) {
		void *next = *(void **)p;

		if (p == obj)
			panic("slab: double free of %#lx in cache %s", (unsigned long)obj, c->name);
		if (++steps > c->objs_per_slab)
			panic("slab: free list of a slab of cache %s loops", c->name);
		if (next && !slot_at(c, base, next))	/* as next_free() checks each link */
			report_use_after_free(c, p, 0);
	}
}

/* ---- Slabs --------------------------------------------------------------------------------- */

/* slab_claim_frames() - mark the frames from @head on as one slab of @c. */
static void slab_claim_frames(struct kmem_cache *c, struct page *head)
{
	for (unsigned int i = 0; i < c->frames_per_slab; i++) {
		head[i].flags = PAGE_SLAB | (i == 0 ? PAGE_HEAD : 0);
		head[i].head = head;
	}
	head->nr_frames = c->frames_per_slab;
	head->cache = c;
	head->inuse = 0;
}

/* slab_build_freelist() - poison every slot of @slab and chain them in address order. */
static void slab_build_freelist(struct kmem_cache *c, struct page *slab)
{
	char *base = slab_base(slab);
	void *next = NULL;

	for (unsigned int i = c->objs_per_slab; i-- > 0;) {
		poison_object(c, base + (size_t)i * c->size, next);
		next = base + (size_t)i * c->size;
	}
	slab->freelist = next;
}

/* slab_release_locked() - give an empty slab, already off every list, back to the frames. */
static void slab_release_locked(struct kmem_cache *c, struct page *slab)
{
	paddr_t pa = (paddr_t)page_to_pfn(slab) << PAGE_SHIFT;
	unsigned int n = slab->nr_frames;

	assert_held(&c->lock);
	memset(slab, 0, n * sizeof(struct page)); /* the descriptors are contiguous too */
	c->nr_slabs--;
	frame_free_contig(pa, n);
}

/* slab_place_locked() - put @slab, which is on no list, on the list its fill level calls
 * for. An empty slab beyond the spare goes back to the frame allocator instead. */
static void slab_place_locked(struct kmem_cache *c, struct page *slab)
{
	assert_held(&c->lock);
	if (slab->inuse == c->objs_per_slab) {
		list_add(&slab->slab_list, &c->slabs_full);
	} else if (slab->inuse > 0) {
		list_add(&slab->slab_list, &c->slabs_partial);
	} else if (c->nr_free_slabs < SLAB_SPARE_SLABS) {
		list_add(&slab->slab_list, &c->slabs_free);
		c->nr_free_slabs++;
	} else {
		slab_release_locked(c, slab);
	}
}

/* slab_unplace_locked() - take @slab off its list, before its fill level changes. */
static void slab_unplace_locked(struct kmem_cache *c, struct page *slab)
{
	assert_held(&c->lock);
	if (slab->inuse == 0)
		c->nr_free_slabs--;
	list_del(&slab->slab_list);
}

/* slab_new_locked() - a new slab from the frame allocator, on the free list; NULL if RAM
 * is exhausted. The frame lock nests inside ours (lock_order.h). */
static struct page *slab_new_locked(struct kmem_cache *c)
{
	paddr_t pa = frame_alloc_contig_uninit(c->frames_per_slab);	/* every slot is poisoned */
	struct page *slab;

	assert_held(&c->lock);
	if (!pa)
		return NULL;
	slab = pfn_to_page(pa >> PAGE_SHIFT);
	slab_claim_frames(c, slab);
	slab_build_freelist(c, slab);
	c->nr_slabs++;
	slab_place_locked(c, slab);
	return slab;
}

/* slab_pick_locked() - the slab to allocate from: a partial one, the spare, or a new one. */
static struct page *slab_pick_locked(struct kmem_cache *c)
{
	if (!list_empty(&c->slabs_partial))
		return list_first_entry(&c->slabs_partial, struct page, slab_list);
	if (!list_empty(&c->slabs_free))
		return list_first_entry(&c->slabs_free, struct page, slab_list);
	return slab_new_locked(c);
}

/* slab_of() - the slab head of @obj, which must be the start of an object of @c. */
static struct page *slab_of(const struct kmem_cache *c, const void *obj)
{
	struct page *page = virt_to_page(obj);

	if (!page || !(page->flags & PAGE_SLAB) || page->head->cache != c)
		panic("slab: freeing %#lx to cache %s, which does not own it", (unsigned long)obj,
		      c->name);
	if (!is_object_start(c, page->head, obj))
		panic("slab: freeing %#lx to cache %s: not the start of an object",
		      (unsigned long)obj, c->name);
	return page->head;
}

/* ---- Allocation and freeing ---------------------------------------------------------------- */

/* cache_alloc_locked() - take the first free object of the best slab, checking its poison. */
static void *cache_alloc_locked(struct kmem_cache *c)
{
	struct page *slab = slab_pick_locked(c);
	void *obj, *next;

	if (!slab)
		return NULL;
	obj = slab->freelist;
	check_poison(c, obj);
	next = next_free(c, slab, obj);
	slab_unplace_locked(c, slab);
	slab->freelist = next;
	slab->inuse++;
	c->active_objs++;
	slab_place_locked(c, slab);
	return obj;
}

/* cache_free_locked() - poison @obj and push it on its slab's free list. */
static void cache_free_locked(struct kmem_cache *c, struct page *slab, void *obj)
{
	check_not_free(c, slab, obj);
	slab_unplace_locked(c, slab);
	poison_object(c, obj, slab->freelist);
	slab->freelist = obj;
	slab->inuse--;
	c->active_objs--;
	slab_place_locked(c, slab);
}

/* cache_alloc_filled() - allocate and fill the whole slot with @fill, outside the lock. */
static void *cache_alloc_filled(struct kmem_cache *c, int fill)
{
	void *obj;

	spin_lock(&c->lock);
	obj = cache_alloc_locked(c);
	spin_unlock(&c->lock);
	if (obj)
		memset(obj, fill, c->size);
	return obj;
}

/**
 * kmem_cache_alloc() - allocate one object from @c.
 * @c: the cache.
 *
 * The object is filled with SLAB_POISON_ALLOC (0xa5), never zeroed.
 * Context: any; takes @c's lock and maybe the frame lock. Does not sleep.
 * Return: the object, or NULL if RAM is exhausted. Panics if the object about to be handed
 * out was written after it was freed.
 */
void *kmem_cache_alloc(struct kmem_cache *c)
{
	return cache_alloc_filled(c, SLAB_POISON_ALLOC);
}

/**
 * kmem_cache_zalloc() - allocate one zeroed object from @c.
 * @c: the cache.
 *
 * Context: as kmem_cache_alloc(). Return: as kmem_cache_alloc().
 */
void *kmem_cache_zalloc(struct kmem_cache *c)
{
	return cache_alloc_filled(c, 0);
}

/**
 * kmem_cache_free() - give @obj back to @c.
 * @c: the cache it was allocated from.
 * @obj: the object, or NULL (ignored).
 *
 * The object is poisoned; if its slab becomes empty and the cache already has a spare, the
 * slab's frames go back to the frame allocator.
 * Context: any; takes @c's lock and maybe the frame lock. Does not sleep.
 * Return: nothing. Panics on a double free and on a pointer that is not the start of an
 * object of @c.
 */
void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	struct page *slab;

	if (!obj)
		return;
	spin_lock(&c->lock);
	slab = slab_of(c, obj);
	cache_free_locked(c, slab, obj);
	spin_unlock(&c->lock);
}

/* ---- Caches -------------------------------------------------------------------------------- */

/* slab_frames_for() - frames per slab for @size-byte slots: one frame when 8 fit, else
 * double until 8 fit or the slab is SLAB_MAX_FRAMES. If more than an eighth of that slab
 * would be wasted (a 20000-byte object in 32 KiB), give each object just the frames it
 * needs instead (5 frames, 480 bytes wasted). */
static unsigned int slab_frames_for(size_t size)
{
	size_t frames = 1, bytes;

	while (frames < SLAB_MAX_FRAMES && frames * PAGE_SIZE / size < SLAB_MIN_OBJECTS)
		frames *= 2;
	bytes = frames * PAGE_SIZE;
	if (size > bytes || (bytes % size) * 8 > bytes)
		frames = (size + PAGE_SIZE - 1) / PAGE_SIZE;
	return (unsigned int)frames;
}

/* cache_setup() - fill in a new cache's geometry, empty lists and zero counts. */
static void cache_setup(struct kmem_cache *c, const char *name, size_t size, size_t align)
{
	size_t len = strnlen(name, SLAB_NAME_MAX - 1);

	memcpy(c->name, name, len);
	c->name[len] = '\0';
	c->size = ALIGN_UP(MAX(size, SLAB_MIN_ALIGN), align);
	c->frames_per_slab = slab_frames_for(c->size);
	c->objs_per_slab = (unsigned int)(c->frames_per_slab * PAGE_SIZE / c->size);
	c->size_recip = ((1ULL << 32) + c->size - 1) / c->size;
	BUG_ON((uint64_t)c->objs_per_slab * c->size * c->size >= (1ULL << 32));
	spin_init(&c->lock, c->name, LOCK_SLAB);
	list_init(&c->slabs_full);
	list_init(&c->slabs_partial);
	list_init(&c->slabs_free);
	c->nr_slabs = 0;
	c->nr_free_slabs = 0;
	c->active_objs = 0;
}

/* cache_register() - append @c to the list of caches (creation order = slabinfo order). */
static void cache_register(struct kmem_cache *c)
{
	spin_lock(&slab_caches_lock);
	list_add_tail(&c->cache_list, &slab_caches);
	spin_unlock(&slab_caches_lock);
}

/**
 * slab_init() - set up the bootstrap cache "kmem_cache", which holds cache descriptors.
 *
 * Context: boot, once, after page_init(). Return: nothing.
 */
void slab_init(void)
{
	list_init(&slab_caches);
	cache_setup(&kmem_cache_boot, "kmem_cache", sizeof(struct kmem_cache),
		    _Alignof(struct kmem_cache));
	cache_register(&kmem_cache_boot);
}

/**
 * kmem_cache_create() - make a new named cache of @size-byte objects.
 * @name: shown in /proc/slabinfo; copied (at most SLAB_NAME_MAX - 1 bytes kept).
 * @size: bytes per object (at least 1).
 * @align: alignment of every object, a power of two up to PAGE_SIZE; 0 means 8.
 *
 * Context: after slab_init(); takes the kmem_cache lock and slab_caches_lock. Does not sleep.
 * Return: the cache, or NULL if RAM is exhausted. Panics on a bad @size or @align.
 */
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align)
{
	struct kmem_cache *c;

	align = align ? MAX(align, SLAB_MIN_ALIGN) : SLAB_MIN_ALIGN;
	if (size == 0 || (align & (align - 1)) || align > PAGE_SIZE)
		panic("slab: kmem_cache_create(%s): bad size %zu or align %zu", name, size, align);
	c = kmem_cache_alloc(&kmem_cache_boot);
	if (!c)
		return NULL;
	cache_setup(c, name, size, align);
	cache_register(c);
	return c;
}

/* cache_drain() - release every empty slab; panic if any object is still allocated. */
static void cache_drain(struct kmem_cache *c)
{
	struct page *slab;

	spin_lock(&c->lock);
	if (c->active_objs)
		panic("slab: destroying cache %s with %zu objects still allocated", c->name,
		      c->active_objs);
	while (!list_empty(&c->slabs_free)) {
		slab = list_first_entry(&c->slabs_free, struct page, slab_list);
		slab_unplace_locked(c, slab);
		slab_release_locked(c, slab);
	}
	spin_unlock(&c->lock);
}

/**
 * kmem_cache_destroy() - free an empty cache and its spare slab.
 * @c: a cache from kmem_cache_create() with no object allocated.
 *
 * Context: no other user of @c may remain. Takes slab_caches_lock and @c's lock.
 * Return: nothing. Panics if objects are still allocated (a leak) or @c is "kmem_cache".
 */
void kmem_cache_destroy(struct kmem_cache *c)
{
	if (c == &kmem_cache_boot)
		panic("slab: the bootstrap cache kmem_cache cannot be destroyed");
	cache_drain(c);
	spin_lock(&slab_caches_lock);
	list_del(&c->cache_list);
	spin_unlock(&slab_caches_lock);
	kmem_cache_free(&kmem_cache_boot, c);
}

/**
 * kmem_cache_size() - bytes per object of @c.
 * @c: a cache.
 * Context: any. Return: the slot size (the size asked for, rounded up); ksize() reports it.
 */
size_t kmem_cache_size(const struct kmem_cache *c)
{
	return c->size;
}

/**
 * kmem_cache_name() - the name @c was created with.
 * @c: a cache.
 * Context: any. Return: the name; valid while @c exists.
 */
const char *kmem_cache_name(const struct kmem_cache *c)
{
	return c->name;
}

/* ---- Statistics ---------------------------------------------------------------------------- */

/* cache_stats() - a consistent snapshot of @c's numbers, taken under its lock. */
static void cache_stats(struct kmem_cache *c, struct slab_stats *s)
{
	spin_lock(&c->lock);
	s->name = c->name;
	s->active_objs = c->active_objs;
	s->num_objs = c->nr_slabs * c->objs_per_slab;
	s->objsize = c->size;
	s->objperslab = c->objs_per_slab;
	s->pagesperslab = c->frames_per_slab;
	s->num_slabs = c->nr_slabs;
	s->active_slabs = c->nr_slabs - c->nr_free_slabs;
	spin_unlock(&c->lock);
}

/**
 * slab_stats_collect() - the numbers of every cache, in creation order.
 * @out: where to write them.
 * @max: entries @out has room for.
 *
 * Context: any; takes slab_caches_lock, then each cache's lock in turn.
 * Return: how many entries were written (at most @max).
 */
int slab_stats_collect(struct slab_stats *out, int max)
{
	struct kmem_cache *c;
	int n = 0;

	spin_lock(&slab_caches_lock);
	list_for_each_entry(c, &slab_caches, cache_list) {
		if (n == max)
			break;
		cache_stats(c, &out[n++]);
	}
	spin_unlock(&slab_caches_lock);
	return n;
}

/**
 * slab_stats_find() - the numbers of the cache called @name.
 * @name: the cache's name, as given to kmem_cache_create().
 * @out: where to write them.
 *
 * Context: any; takes slab_caches_lock and that cache's lock.
 * Return: true if such a cache exists (the first one, if several share the name).
 */
bool slab_stats_find(const char *name, struct slab_stats *out)
{
	struct kmem_cache *c;
	bool found = false;

	spin_lock(&slab_caches_lock);
	list_for_each_entry(c, &slab_caches, cache_list) {
		if (strcmp(c->name, name) == 0) {
			cache_stats(c, out);
			found = true;
			break;
		}
	}
	spin_unlock(&slab_caches_lock);
	return found;
}
