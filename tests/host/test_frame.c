// sources: kernel/mm/frame.c kernel/mm/frame_bitmap.c
/* test_frame.c - host unit tests of the frame allocator.
 * The first half drives the bitmap core (kernel/mm/frame_bitmap.c) on a plain array; the
 * second boots the real frame_init() on the fake machine of mm_fake.h (16 MiB, BIOS holes,
 * a kernel, a module, the boot information) and checks what it reserves and hands out. */
#include "mm_fake.h"
#include "frame_bitmap.h"

#define CORE_FRAMES 1000

static uint64_t core_words[2 * ((CORE_FRAMES + 63) / 64)];
static struct frame_bitmap fb;

static void core_init(size_t nr_frames)
{
	fake_nr_held = 0;
	frame_bitmap_init(&fb, core_words, nr_frames);
}

/* ---- the bitmap core ------------------------------------------------------------------- */

static void core_starts_all_reserved(void **state)
{
	(void)state;
	core_init(CORE_FRAMES);
	assert_int_equal(fb.nr_free, 0);
	assert_int_equal(fb.nr_usable, 0);
	assert_true(frame_bitmap_is_reserved(&fb, 0));
	assert_true(frame_bitmap_alloc(&fb, 1) == FRAME_BITMAP_NONE);
}

static void core_overlapping_usable_and_reserved(void **state)
{
	(void)state;
	core_init(CORE_FRAMES);
	frame_bitmap_add_usable(&fb, 10, 100);
	frame_bitmap_add_usable(&fb, 50, 150); /* overlaps: counted once */
	assert_int_equal(fb.nr_free, 140);
	frame_bitmap_reserve(&fb, 50, 60);
	frame_bitmap_reserve(&fb, 55, 70);    /* overlaps the previous one */
	frame_bitmap_reserve(&fb, 0, 20);     /* half in a hole */
	frame_bitmap_reserve(&fb, 990, 5000); /* hole, and beyond the bitmap */
	assert_int_equal(fb.nr_free, 140 - 20 - 10);
	assert_int_equal(fb.nr_usable, fb.nr_free);
	assert_true(frame_bitmap_is_reserved(&fb, 65));
	assert_true(frame_bitmap_is_free(&fb, 70));
}

static void core_lowest_first(void **state)
{
	(void)state;
	core_init(CORE_FRAMES);
	frame_bitmap_add_usable(&fb, 10, 200);
	assert_int_equal(frame_bitmap_alloc(&fb, 1), 10);
	assert_int_equal(frame_bitmap_alloc(&fb, 1), 11);
	frame_bitmap_free(&fb, 10, 1);
	assert_int_equal(frame_bitmap_alloc(&fb, 1), 10);
	for (int i = 0; i < 130; i++) /* cross word boundaries */
		frame_bitmap_alloc(&fb, 1);
	frame_bitmap_free(&fb, 13, 1);
	assert_int_equal(frame_bitmap_alloc(&fb, 1), 13);
}

static void core_contig_first_fit(void **state)
{
	(void)state;
	core_init(CORE_FRAMES);
	frame_bitmap_add_usable(&fb, 0, 64);
	frame_bitmap_add_usable(&fb, 70, 200);
	frame_bitmap_reserve(&fb, 5, 6);
	assert_int_equal(frame_bitmap_alloc(&fb, 10), 6);		/* 0..4 is too short */
	assert_int_equal(frame_bitmap_alloc(&fb, 60), 70);		/* 16..63 is too short */
	assert_true(frame_bitmap_alloc(&fb, 100) == FRAME_BITMAP_NONE); /* 70 left, in pieces */
	assert_int_equal(fb.nr_free, 5 + 48 + 70);
	frame_bitmap_free(&fb, 6, 10);
	assert_int_equal(frame_bitmap_alloc(&fb, 58), 6); /* 6..63 now */
}

static void core_exhaust_and_recover(void **state)
{
	size_t n = 0;

	(void)state;
	core_init(CORE_FRAMES);
	frame_bitmap_add_usable(&fb, 0, CORE_FRAMES);
	while (frame_bitmap_alloc(&fb, 1) != FRAME_BITMAP_NONE)
		n++;
	assert_int_equal(n, CORE_FRAMES);
	assert_int_equal(fb.nr_free, 0);
	for (size_t pfn = 0; pfn < CORE_FRAMES; pfn++)
		frame_bitmap_free(&fb, pfn, 1);
	assert_int_equal(fb.nr_free, CORE_FRAMES);
	assert_int_equal(frame_bitmap_alloc(&fb, CORE_FRAMES), 0);
}

/* 100 frames: the last word is partly beyond the bitmap; those bits must stay unavailable. */
static void core_partial_last_word(void **state)
{
	size_t n = 0;

	(void)state;
	core_init(100);
	frame_bitmap_add_usable(&fb, 0, 5000); /* clamped to 100 */
	assert_int_equal(fb.nr_free, 100);
	while (frame_bitmap_alloc(&fb, 1) != FRAME_BITMAP_NONE)
		n++;
	assert_int_equal(n, 100);
	expect_panic(frame_bitmap_free(&fb, 100, 1), "beyond the end of RAM");
}

static void core_double_free_panics(void **state)
{
	size_t pfn;

	(void)state;
	core_init(CORE_FRAMES);
	frame_bitmap_add_usable(&fb, 0, CORE_FRAMES);
	pfn = frame_bitmap_alloc(&fb, 1);
	frame_bitmap_free(&fb, pfn, 1);
	expect_panic(frame_bitmap_free(&fb, pfn, 1), "double free");
	assert_int_equal(fb.nr_free, CORE_FRAMES);
}

static void core_free_reserved_panics(void **state)
{
	(void)state;
	core_init(CORE_FRAMES);
	frame_bitmap_add_usable(&fb, 0, CORE_FRAMES);
	frame_bitmap_reserve(&fb, 0, 10);
	expect_panic(frame_bitmap_free(&fb, 3, 1), "reserved");
}

/* A bad run is refused as a whole: nothing is freed before the panic. */
static void core_bad_run_frees_nothing(void **state)
{
	size_t pfn;

	(void)state;
	core_init(CORE_FRAMES);
	frame_bitmap_add_usable(&fb, 0, CORE_FRAMES);
	pfn = frame_bitmap_alloc(&fb, 3);
	expect_panic(frame_bitmap_free(&fb, pfn, 4), "double free");
	assert_int_equal(fb.nr_free, CORE_FRAMES - 3);
	assert_false(frame_bitmap_is_free(&fb, pfn));
}

/* ---- frame_init() on the fake machine ---------------------------------------------------- */

#define LOW_USABLE  0x9fUL /* frames in [0, 0x9fc00), rounded inward */
#define HIGH_USABLE ((FAKE_RAM_END - 0x100000) >> 12)
#define FAKE_TOTAL  (LOW_USABLE + HIGH_USABLE)
/* In use since boot: low 1 MiB, kernel 128, info 1, module 4, bitmap 1. */
#define FAKE_FREE   (HIGH_USABLE - 128 - 1 - 4 - 1)

static void init_counts_from_map(void **state)
{
	(void)state;
	fake_default_map();
	fake_boot_frames();
	assert_int_equal(frame_total_count(), FAKE_TOTAL);
	assert_int_equal(frame_free_count(), FAKE_FREE);
	assert_int_equal(frame_max_phys(), FAKE_RAM_END);
	/* First fit after the kernel (0x180000) and the boot info in frame 0x180. */
	assert_int_equal(frame_bitmap_phys(), 0x181000);
}

/* is_reserved_on_fake() - true if @pa is something frame_init() must never hand out. */
static bool is_reserved_on_fake(paddr_t pa)
{
	return pa < 0x100000 || (pa >= FAKE_KERNEL_START && pa < FAKE_KERNEL_END) ||
	       (pa >= 0x180000 && pa < 0x182000) || /* boot info, bitmap */
	       (pa >= FAKE_MODULE_START && pa < FAKE_MODULE_END) || pa >= FAKE_RAM_END;
}

static bool frame_is_zero(paddr_t pa)
{
	const unsigned char *p = fake_phys_to_virt(pa);

	for (size_t i = 0; i < 4096; i++)
		if (p[i])
			return false;
	return true;
}

static void init_exhaust_never_returns_reserved(void **state)
{
	static paddr_t taken[4096];
	size_t n = 0;
	paddr_t pa;

	(void)state;
	fake_default_map();
	fake_boot_frames();
	while ((pa = frame_alloc()) != 0) {
		assert_false(is_reserved_on_fake(pa));
		assert_true(frame_is_zero(pa));
		taken[n++] = pa;
	}
	assert_int_equal(n, FAKE_FREE);
	assert_int_equal(frame_alloc_contig(1), 0);
	while (n > 0)
		frame_free(taken[--n]);
	assert_int_equal(frame_free_count(), FAKE_FREE);
	assert_int_equal(spin_held_count(), 0);
}

/* Overlaps everywhere: the module overlaps the kernel, the boot info lies inside the module,
 * and the firmware reports a reserved region inside usable RAM where the bitmap would go. */
static void init_overlapping_reservations(void **state)
{
	(void)state;
	fake_default_map();
	fake_add_region(0x181000, 0x183000, BOOT_MEM_RESERVED); /* 2 frames */
	fake_bi.modules[0].start = 0x170000;			/* 16 frames in the kernel */
	fake_bi.modules[0].end = 0x190000;			/* 16 beyond it */
	fake_bi.info_start = 0x185000;
	fake_bi.info_end = 0x186000;
	fake_boot_frames();
	assert_int_equal(frame_total_count(), FAKE_TOTAL - 2);
	/* kernel 128, module's own 16 (2 of them already firmware-reserved), bitmap 1 */
	assert_int_equal(frame_free_count(), HIGH_USABLE - 2 - 128 - 14 - 1);
	assert_int_equal(frame_bitmap_phys(), 0x190000);
}

static void init_contig_is_zeroed_and_counted(void **state)
{
	paddr_t pa;

	(void)state;
	fake_default_map();
	fake_boot_frames();
	pa = frame_alloc_contig(16);
	assert_true(pa != 0);
	for (int i = 0; i < 16; i++)
		assert_true(frame_is_zero(pa + (paddr_t)i * 4096));
	assert_int_equal(frame_free_count(), FAKE_FREE - 16);
	frame_free_contig(pa, 16);
	assert_int_equal(frame_free_count(), FAKE_FREE);
	assert_int_equal(frame_alloc_contig(0), 0);
}

static void init_bad_frees_panic(void **state)
{
	paddr_t pa;

	(void)state;
	fake_default_map();
	fake_boot_frames();
	pa = frame_alloc();
	expect_panic(frame_free(pa + 8), "not frame aligned");
	expect_panic(frame_free(FAKE_KERNEL_START), "reserved");
	expect_panic(frame_free(FAKE_RAM_END + 4096), "beyond the end of RAM");
	frame_free(pa);
	expect_panic(frame_free(pa), "double free");
	assert_int_equal(frame_free_count(), FAKE_FREE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(core_starts_all_reserved),
		cmocka_unit_test(core_overlapping_usable_and_reserved),
		cmocka_unit_test(core_lowest_first),
		cmocka_unit_test(core_contig_first_fit),
		cmocka_unit_test(core_exhaust_and_recover),
		cmocka_unit_test(core_partial_last_word),
		cmocka_unit_test(core_double_free_panics),
		cmocka_unit_test(core_free_reserved_panics),
		cmocka_unit_test(core_bad_run_frees_nothing),
		cmocka_unit_test(init_counts_from_map),
		cmocka_unit_test(init_exhaust_never_returns_reserved),
		cmocka_unit_test(init_overlapping_reservations),
		cmocka_unit_test(init_contig_is_zeroed_and_counted),
		cmocka_unit_test(init_bad_frees_panic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
