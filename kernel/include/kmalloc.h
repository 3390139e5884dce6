/* kmalloc.h - general-purpose kernel memory: kmalloc(size) / kfree(ptr).
 * Requests up to 8 KiB are rounded up to a size class and served by that class's slab cache
 * (kmalloc-8 ... kmalloc-8k, named as in Linux, so they show in /proc/slabinfo); bigger ones
 * get whole contiguous frames. kfree() needs no size: the frame's struct page knows.
 * Memory from kmalloc() is filled with 0xa5, never zeroed; use kzalloc() for zeroes.
 * See kernel/mm/kmalloc.c. Linux: include/linux/slab.h, mm/slab_common.c. */
#ifndef REAPER_KMALLOC_H
#define REAPER_KMALLOC_H

#include "compiler.h"

#define KMALLOC_MAX_CACHE_SIZE 8192 /* larger requests bypass the slab caches */

void kmalloc_init(void);
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *ptr);
size_t ksize(const void *ptr);
size_t kmalloc_large_frames(void);

#endif
