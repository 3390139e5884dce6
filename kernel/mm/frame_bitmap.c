/* frame_bitmap.c - which physical frames are free: two bits per frame.
 *
 * The frame allocator needs to answer three questions about a 4 KiB frame: is it free, is it
 * RAM we may ever hand out, and (when someone frees it) was it really allocated? One bitmap
 * cannot tell "reserved" from "allocated", and that difference is what turns a stray
 * frame_free() of the kernel image into a panic instead of silent corruption. So we keep two
 * bitmaps of one bit per frame:
 *
 *	used  reserved	meaning
 *	 0       0	free
 *	 1       0	allocated
 *	 1       1	reserved: a hole in the memory map, firmware, the kernel, a module, ...
 *
 * (used = 0, reserved = 1 never happens.) A machine with 256 MiB has 65536 frames: two 8 KiB
 * bitmaps. Searching is a linear scan, word by word, lowest address first; it is the simplest
 * policy that is deterministic, which keeps test runs and gdb sessions repeatable.
 *
 * Invariants: nr_free counts the (0,0) frames and nr_usable the frames with reserved = 0;
 *   bits past nr_frames in the last word are (1,1); every word below `hint` is fully used
 *   (an optimisation only: it lets single-frame allocation skip the full low words).
 * Locking: none here; kernel/mm/frame.c holds frame_lock around every call.
 * Pure: touches only the two bitmaps, so tests/host/test_frame.c runs it on the host.
 * See also: kernel/mm/frame.c (boot wiring, zeroing, the lock). Linux: mm/memblock.c for the
 *   boot-time reservations, mm/page_alloc.c for the buddy allocator we do without.
 */
#include "frame_bitmap.h"
#include "arch.h"
#include "panic.h"
#include "string.h"

#define BITS_PER_WORD 64

static ALWAYS_INLINE bool bit_test(const uint64_t *map, size_t i)
{
	return (map[i / BITS_PER_WORD] >> (i % BITS_PER_WORD)) & 1;
}

static ALWAYS_INLINE void bit_set(uint64_t *map, size_t i)
{
	map[i / BITS_PER_WORD] |= 1ULL << (i % BITS_PER_WORD);
}

static ALWAYS_INLINE void bit_clear(uint64_t *map, size_t i)
{
	map[i / BITS_PER_WORD] &= ~(1ULL << (i % BITS_PER_WORD));
}

/**
 * frame_bitmap_words() - how many 64-bit words one bitmap of @nr_frames bits takes.
 * @nr_frames: frames to cover.
 *
 * Context: any. Return: the word count; frame_bitmap_init() wants twice this many.
 */
size_t frame_bitmap_words(size_t nr_frames)
{
	return (nr_frames + BITS_PER_WORD - 1) / BITS_PER_WORD;
}

/**
 * frame_bitmap_init() - start with every frame reserved.
 * @fb: the bitmap to set up.
 * @words: 2 * frame_bitmap_words(@nr_frames) words of storage, owned by @fb from now on.
 * @nr_frames: frames to cover, pfn 0 .. @nr_frames - 1.
 *
 * Nothing is RAM until frame_bitmap_add_usable() says so; that way a hole in the memory map
 * is reserved without anyone having to name it.
 * Context: single-threaded set-up. Return: nothing.
 */
void frame_bitmap_init(struct frame_bitmap *fb, uint64_t *words, size_t nr_frames)
{
	size_t n = frame_bitmap_words(nr_frames);

	fb->used = words;
	fb->reserved = words + n;
	fb->nr_frames = nr_frames;
	fb->nr_usable = 0;
	fb->nr_free = 0;
	fb->hint = 0;
	memset(words, 0xff, 2 * n * sizeof(uint64_t));
}

/**
 * frame_bitmap_add_usable() - make frames [@first, @end) free RAM.
 * @fb: the bitmap.
 * @first: first pfn. @end: one past the last pfn; clamped to the bitmap.
 *
 * Overlapping calls are harmless: a frame already usable is left alone.
 * Context: set-up, before any allocation. Return: nothing.
 */
void frame_bitmap_add_usable(struct frame_bitmap *fb, size_t first, size_t end)
{
	end = MIN(end, fb->nr_frames);
	for (size_t pfn = first; pfn < end; pfn++) {
		if (!bit_test(fb->reserved, pfn))
			continue;
		bit_clear(fb->reserved, pfn);
		bit_clear(fb->used, pfn);
		fb->nr_usable++;
		fb->nr_free++;
	}
	if (first < end)
		fb->hint = MIN(fb->hint, first / BITS_PER_WORD);
}

/**
 * frame_bitmap_reserve() - take frames [@first, @end) out of circulation for good.
 * @fb: the bitmap.
 * @first: first pfn. @end: one past the last pfn; clamped to the bitmap.
 *
 * Reservations may overlap each other and holes; each frame is counted once. Reserving a
 * frame that is currently allocated is a bug in the boot order (only free RAM may be claimed).
 * Context: set-up. Return: nothing; panics on an allocated frame.
 */
void frame_bitmap_reserve(struct frame_bitmap *fb, size_t first, size_t end)
{
	end = MIN(end, fb->nr_frames);
	for (size_t pfn = first; pfn < end; pfn++) {
		if (bit_test(fb->reserved, pfn))
			continue;
		if (bit_test(fb->used, pfn))
			panic("frame: reserving pfn %#zx, which is allocated", pfn);
		bit_set(fb->reserved, pfn);
		bit_set(fb->used, pfn);
		fb->nr_usable--;
		fb->nr_free--;
	}
}

/* find_free_one() - the lowest free pfn, or FRAME_BITMAP_NONE. Whole used words are skipped
 * 64 frames at a time; the words below fb->hint are known to be full. */
static size_t find_free_one(struct frame_bitmap *fb)
{
	size_t nwords = frame_bitmap_words(fb->nr_frames);

	for (size_t w = fb->hint; w < nwords; w++) {
		if (fb->used[w] == ~0ULL)
			continue;
		fb->hint = w;
		return w * BITS_PER_WORD + (size_t)__builtin_ctzll(~fb->used[w]);
	}
	fb->hint = nwords;
	return FRAME_BITMAP_NONE;
}

/* find_free_run() - the lowest pfn starting @n free frames in a row (first fit). */
static size_t find_free_run(const struct frame_bitmap *fb, size_t n)
{
	size_t run = 0;

	for (size_t pfn = fb->hint * BITS_PER_WORD; pfn < fb->nr_frames; pfn++) {
		run = bit_test(fb->used, pfn) ? 0 : run + 1;
		if (run == n)
			return pfn + 1 - n;
	}
	return FRAME_BITMAP_NONE;
}

/**
 * frame_bitmap_alloc() - allocate @n physically contiguous frames, lowest address first.
 * @fb: the bitmap.
 * @n: how many frames (at least 1).
 *
 * Context: the caller serialises (frame_lock). Return: the first pfn, or FRAME_BITMAP_NONE
 * if no run of @n free frames exists (fragmentation can cause that with frames still free).
 */
size_t frame_bitmap_alloc(struct frame_bitmap *fb, size_t n)
{
	size_t pfn;

	if (n == 0 || n > fb->nr_free)
		return FRAME_BITMAP_NONE;
	pfn = n == 1 ? find_free_one(fb) : find_free_run(fb, n);
	if (pfn == FRAME_BITMAP_NONE)
		return pfn;
	for (size_t i = 0; i < n; i++)
		bit_set(fb->used, pfn + i);
	fb->nr_free -= n;
	return pfn;
}

/* check_freeable() - panic unless frame @pfn is allocated: in range, not reserved, used. */
static void check_freeable(const struct frame_bitmap *fb, size_t pfn)
{
	uint64_t pa = (uint64_t)pfn << PAGE_SHIFT;

	if (pfn >= fb->nr_frames)
		panic("frame: freeing %#llx, beyond the end of RAM", (unsigned long long)pa);
	if (bit_test(fb->reserved, pfn))
		panic("frame: freeing %#llx, a reserved frame", (unsigned long long)pa);
	if (!bit_test(fb->used, pfn))
		panic("frame: double free of %#llx", (unsigned long long)pa);
}

/**
 * frame_bitmap_free() - give back @n frames starting at @pfn.
 * @fb: the bitmap.
 * @pfn: first frame, as returned by frame_bitmap_alloc(). @n: how many.
 *
 * Every frame is checked before any is freed, so a bad call changes nothing before it panics.
 * Context: the caller serialises. Return: nothing; panics on a double free or on a frame that
 * is reserved or beyond the bitmap.
 */
void frame_bitmap_free(struct frame_bitmap *fb, size_t pfn, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_freeable(fb, pfn + i);
	for (size_t i = 0; i < n; i++)
		bit_clear(fb->used, pfn + i);
	fb->nr_free += n;
	fb->hint = MIN(fb->hint, pfn / BITS_PER_WORD);
}

/**
 * frame_bitmap_is_free() - is frame @pfn free? For tests and assertions.
 * @fb: the bitmap. @pfn: any frame number.
 * Context: the caller serialises. Return: true if @pfn is in range and free.
 */
bool frame_bitmap_is_free(const struct frame_bitmap *fb, size_t pfn)
{
	return pfn < fb->nr_frames && !bit_test(fb->used, pfn);
}

/**
 * frame_bitmap_is_reserved() - is frame @pfn out of circulation?
 * @fb: the bitmap. @pfn: any frame number.
 * Context: the caller serialises. Return: true if @pfn is reserved or beyond the bitmap.
 */
bool frame_bitmap_is_reserved(const struct frame_bitmap *fb, size_t pfn)
{
	return pfn >= fb->nr_frames || bit_test(fb->reserved, pfn);
}
