// sources: kernel/mm/kmalloc.c kernel/mm/slab.c kernel/mm/page.c kernel/mm/frame.c kernel/mm/frame_bitmap.c
/* test_kmalloc.c - host unit tests of kmalloc/kfree/ksize on the fake machine (mm_fake.h).
 * Size classes and their cache names, large allocations recorded in struct page, NULL on
 * failure instead of a panic, and panics for pointers kmalloc never returned. */
#include "mm_fake.h"
#include "kmalloc.h"
#include "page.h"
#include "slab.h"

static int boot(void **state)
{
	(void)state;
	fake_default_map();
	fake_boot_frames();
	page_init(frame_max_phys());
	slab_init();
	kmalloc_init();
	return 0;
}

static size_t active_in(const char *name)
{
	struct slab_stats s;

	assert_true(slab_stats_find(name, &s));
	return s.active_objs;
}

static void size_classes(void **state)
{
	static const struct {
		size_t request, size;
		const char *cache;
	} cases[] = {
		{ 1, 8, "kmalloc-8" },	      { 9, 16, "kmalloc-16" },
		{ 17, 32, "kmalloc-32" },     { 64, 64, "kmalloc-64" },
		{ 65, 96, "kmalloc-96" },     { 97, 128, "kmalloc-128" },
		{ 129, 192, "kmalloc-192" },  { 193, 256, "kmalloc-256" },
		{ 257, 512, "kmalloc-512" },  { 513, 1024, "kmalloc-1k" },
		{ 1025, 2048, "kmalloc-2k" }, { 2049, 4096, "kmalloc-4k" },
		{ 4097, 8192, "kmalloc-8k" }, { 8192, 8192, "kmalloc-8k" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t before = active_in(cases[i].cache);
		void *p = kmalloc(cases[i].request);

		assert_non_null(p);
		assert_int_equal(ksize(p), cases[i].size);
		assert_int_equal(active_in(cases[i].cache), before + 1);
		kfree(p);
		assert_int_equal(active_in(cases[i].cache), before);
	}
}

static void zero_and_null(void **state)
{
	(void)state;
	assert_null(kmalloc(0));
	assert_null(kzalloc(0));
	kfree(NULL);
	assert_int_equal(ksize(NULL), 0);
}

static void fill_patterns(void **state)
{
	unsigned char *a = kmalloc(100), *z = kzalloc(100);

	(void)state;
	for (int i = 0; i < 128; i++) {
		assert_int_equal(a[i], SLAB_POISON_ALLOC);
		assert_int_equal(z[i], 0);
	}
	kfree(a);
	kfree(z);
}

static void large_allocations(void **state)
{
	size_t frames = frame_free_count();
	unsigned char *p = kmalloc(20000), *z = kzalloc(8193);

	(void)state;
	assert_non_null(p);
	assert_int_equal((uintptr_t)p % 4096, 0);
	assert_int_equal(ksize(p), 5 * 4096);
	assert_int_equal(ksize(z), 3 * 4096);
	assert_int_equal(kmalloc_large_frames(), 8);
	assert_int_equal(frame_free_count(), frames - 8);
	assert_int_equal(p[19999], SLAB_POISON_ALLOC);
	assert_int_equal(z[8192], 0);
	kfree(p);
	kfree(z);
	assert_int_equal(kmalloc_large_frames(), 0);
	assert_int_equal(frame_free_count(), frames);
}

static void bad_pointers_panic(void **state)
{
	struct kmem_cache *named = kmem_cache_create("named", 32, 0);
	char *small = kmalloc(64), *large = kmalloc(3 * 4096);
	void *obj = kmem_cache_alloc(named);
	static int not_heap;

	(void)state;
	expect_panic(kfree(small + 8), "not the start of an object");
	expect_panic(kfree(large + 4096), "not at its start");
	expect_panic(kfree(&not_heap), "not allocated by kmalloc");
	expect_panic(kfree(obj), "belongs to cache named");
	expect_panic(ksize(&not_heap), "not allocated by kmalloc");
	kfree(large);
	expect_panic(kfree(large), "freed already");
	kfree(small);
	expect_panic(kfree(small), "double free");
}

static void failure_returns_null(void **state)
{
	static paddr_t taken[4096];
	size_t n = 0;

	(void)state;
	while ((taken[n] = frame_alloc()) != 0)
		n++;
	assert_null(kmalloc(20000));
	assert_null(kmalloc(64)); /* kmalloc-64 has no slab yet, none can be made */
	assert_null(kzalloc(4000));
	while (n > 0)
		frame_free(taken[--n]);
	assert_non_null(kmalloc(64));
}

static void counts_return_to_baseline(void **state)
{
	static void *p[300];
	size_t frames;

	(void)state;
	p[0] = kmalloc(50); /* the first slab stays as the spare */
	kfree(p[0]);
	frames = frame_free_count();
	for (int i = 0; i < 300; i++)
		p[i] = kmalloc(50 + (size_t)i * 37);
	for (int i = 0; i < 300; i++)
		kfree(p[i]);
	assert_int_equal(active_in("kmalloc-64"), 0);
	assert_int_equal(active_in("kmalloc-8k"), 0);
	assert_int_equal(kmalloc_large_frames(), 0);
	/* Only spares (one slab per class touched) remain beyond the baseline. */
	assert_true(frame_free_count() <= frames);
	assert_true(frame_free_count() + 8 * 13 >= frames);
}

#define T(f) cmocka_unit_test_setup(f, boot)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(size_classes),
		T(zero_and_null),
		T(fill_patterns),
		T(large_allocations),
		T(bad_pointers_panic),
		T(failure_returns_null),
		T(counts_return_to_baseline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
