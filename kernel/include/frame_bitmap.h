/* frame_bitmap.h - the bookkeeping core of the physical frame allocator.
 * Two bits per physical frame, in bitmaps the caller provides: "used" (not free) and
 * "reserved" (never handed out: not RAM, or owned since boot). The core never touches the
 * frames themselves, so the host unit tests drive it with a plain array. Frame numbers (pfn)
 * are physical address / PAGE_SIZE. See kernel/mm/frame_bitmap.c; kernel/mm/frame.c wires it
 * to the boot memory map and adds the lock. */
#ifndef REAPER_FRAME_BITMAP_H
#define REAPER_FRAME_BITMAP_H

#include "types.h"

#define FRAME_BITMAP_NONE ((size_t)-1) /* "no frame": returned on exhaustion */

struct frame_bitmap {
	uint64_t *used;	    /* bit per frame: 1 = allocated or reserved */
	uint64_t *reserved; /* bit per frame: 1 = never allocatable */
	size_t nr_frames;   /* frames covered: pfn 0 .. nr_frames - 1 */
	size_t nr_usable;   /* frames not reserved (free + allocated) */
	size_t nr_free;	    /* frames ready to be allocated */
	size_t hint;	    /* word index: every word below it is fully used */
};

size_t frame_bitmap_words(size_t nr_frames);
void frame_bitmap_init(struct frame_bitmap *fb, uint64_t *words, size_t nr_frames);
void frame_bitmap_add_usable(struct frame_bitmap *fb, size_t first, size_t end);
void frame_bitmap_reserve(struct frame_bitmap *fb, size_t first, size_t end);
size_t frame_bitmap_alloc(struct frame_bitmap *fb, size_t n);
void frame_bitmap_free(struct frame_bitmap *fb, size_t pfn, size_t n);
bool frame_bitmap_is_free(const struct frame_bitmap *fb, size_t pfn);
bool frame_bitmap_is_reserved(const struct frame_bitmap *fb, size_t pfn);

#endif
