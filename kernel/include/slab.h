/* slab.h - named caches of equal-sized kernel objects, with counts for /proc/slabinfo.
 * Each kind of kernel object (pid, pid_namespace, dentry, ...) gets its own cache, named as in
 * Linux, so leaks show up by name: every cache counts its objects and slabs, and
 * slab_stats_collect() reports them in creation order for /proc/slabinfo ("slabinfo - version:
 * 2.1"). Freed objects are poisoned with 0x6b and checked on reuse; fresh ones are filled with
 * 0xa5. Misuse (use-after-free write, double free, foreign pointer) panics.
 * See kernel/mm/slab.c. Linux: include/linux/slab.h, mm/slub.c. */
#ifndef REAPER_SLAB_H
#define REAPER_SLAB_H

#include "compiler.h"

#define SLAB_NAME_MAX	  32   /* bytes of a cache name kept, NUL included */
#define SLAB_POISON_FREE  0x6b /* fills a freed object (Linux: POISON_FREE) */
#define SLAB_POISON_ALLOC 0xa5 /* fills a newly allocated one (Linux: POISON_INUSE) */

struct kmem_cache;

/* One cache's numbers, the columns of a /proc/slabinfo line. */
struct slab_stats {
	const char *name;    /* the cache's name; valid while the cache exists */
	size_t active_objs;  /* objects allocated now */
	size_t num_objs;     /* object slots in all slabs */
	size_t objsize;	     /* bytes per slot (the size asked for, rounded up to align) */
	size_t objperslab;   /* slots per slab */
	size_t pagesperslab; /* frames per slab */
	size_t num_slabs;    /* slabs in the cache */
	size_t active_slabs; /* slabs with at least one object allocated */
};

void slab_init(void);
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align);
void kmem_cache_destroy(struct kmem_cache *c);
void *kmem_cache_alloc(struct kmem_cache *c);
void *kmem_cache_zalloc(struct kmem_cache *c);
void kmem_cache_free(struct kmem_cache *c, void *obj);
size_t kmem_cache_size(const struct kmem_cache *c);
const char *kmem_cache_name(const struct kmem_cache *c);

int slab_stats_collect(struct slab_stats *out, int max);
bool slab_stats_find(const char *name, struct slab_stats *out);

/* Negative control, wired to `ktest=uaf` (kernel/ktest/mm_test.c): allocates, frees, writes
 * into the freed object and allocates again. It must panic with
 * "slab: use-after-free write in cache uaf_test at <addr>+0x18"; if it returns, the poison
 * check is broken. */
void mm_test_use_after_free(void);

#endif
