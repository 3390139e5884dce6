// sources: kernel/mm/slab.c kernel/mm/page.c kernel/mm/frame.c kernel/mm/frame_bitmap.c
/* test_slab.c - host unit tests of the slab allocator.
 * Each test boots the fake machine of mm_fake.h (frames, page descriptors, the bootstrap
 * cache), then checks the bookkeeping a /proc/slabinfo reader relies on (objects, slabs,
 * geometry, creation order, frames returned) and that every kind of misuse panics with a
 * message naming the cache: use-after-free writes, double frees, foreign pointers. */
#include "mm_fake.h"
#include "page.h"
#include "slab.h"

static void *objs[1024];

static int boot(void **state)
{
	(void)state;
	fake_default_map();
	fake_boot_frames();
	page_init(frame_max_phys());
	slab_init();
	return 0;
}

static struct slab_stats stats_of(const char *name)
{
	struct slab_stats s;

	memset(&s, 0, sizeof(s));
	assert_true(slab_stats_find(name, &s));
	return s;
}

static bool all_bytes_are(const void *p, size_t n, unsigned char value)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != value)
			return false;
	return true;
}

/* ---- bookkeeping ----------------------------------------------------------------------- */

static void new_cache_is_empty(void **state)
{
	struct kmem_cache *c = kmem_cache_create("obj40", 40, 0);
	struct slab_stats s = stats_of("obj40");

	(void)state;
	assert_non_null(c);
	assert_string_equal(s.name, "obj40");
	assert_int_equal(s.objsize, 40);
	assert_int_equal(s.objperslab, 4096 / 40);
	assert_int_equal(s.pagesperslab, 1);
	assert_int_equal(s.num_slabs, 0);
	assert_int_equal(s.active_objs, 0);
	assert_int_equal(stats_of("kmem_cache").active_objs, 1);
}

/* 250 objects of 40 bytes (102 per slab) need 3 slabs; freeing them keeps one spare and
 * returns the other frames; destroying returns the last one and the descriptor. */
static void counts_return_to_baseline(void **state)
{
	size_t base = frame_free_count();
	struct kmem_cache *c = kmem_cache_create("obj40", 40, 0);
	struct slab_stats s;

	(void)state;
	for (int i = 0; i < 250; i++)
		objs[i] = kmem_cache_alloc(c);
	s = stats_of("obj40");
	assert_int_equal(s.active_objs, 250);
	assert_int_equal(s.num_slabs, 3);
	assert_int_equal(s.active_slabs, 3);
	assert_int_equal(s.num_objs, 306);
	for (int i = 0; i < 250; i++)
		kmem_cache_free(c, objs[i]);
	s = stats_of("obj40");
	assert_int_equal(s.active_objs, 0);
	assert_int_equal(s.num_slabs, 1);
	assert_int_equal(s.active_slabs, 0);
	kmem_cache_destroy(c);
	assert_false(slab_stats_find("obj40", &s));
	/* One frame stays: the kmem_cache slab holding the (now free) descriptor. */
	assert_int_equal(frame_free_count(), base - 1);
	assert_int_equal(stats_of("kmem_cache").active_objs, 0);
	assert_int_equal(spin_held_count(), 0);
}

/* Freed in allocation order, slabs empty one by one: only the first stays as the spare. */
static void empty_slabs_beyond_spare_are_freed(void **state)
{
	struct kmem_cache *c = kmem_cache_create("obj512", 512, 0);
	size_t base = frame_free_count();

	(void)state;
	for (int i = 0; i < 40; i++) /* 8 per slab: 5 slabs */
		objs[i] = kmem_cache_alloc(c);
	assert_int_equal(frame_free_count(), base - 5);
	for (int i = 0; i < 40; i++)
		kmem_cache_free(c, objs[i]);
	assert_int_equal(stats_of("obj512").num_slabs, 1);
	assert_int_equal(frame_free_count(), base - 1);
}

static void geometry_of_big_objects(void **state)
{
	static const size_t cases[][3] = {
		/* size, frames per slab, objects per slab */
		{ 512, 1, 8 },	{ 600, 2, 13 },	 { 1000, 2, 8 },  { 2048, 4, 8 },  { 4096, 8, 8 },
		{ 8192, 8, 4 }, { 20000, 5, 1 }, { 12000, 3, 1 }, { 3000, 8, 10 },
	};
	char name[32];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(name, sizeof(name), "geo%zu", i);
		assert_non_null(kmem_cache_create(name, cases[i][0], 0));
		assert_int_equal(stats_of(name).pagesperslab, cases[i][1]);
		assert_int_equal(stats_of(name).objperslab, cases[i][2]);
	}
}

/* Objects in the second and later frames of a multi-frame slab find their slab too. */
static void multi_frame_slab_lookup(void **state)
{
	struct kmem_cache *c = kmem_cache_create("obj1000", 1000, 0);

	(void)state;
	for (int i = 0; i < 8; i++)
		objs[i] = kmem_cache_alloc(c);
	assert_int_equal(stats_of("obj1000").num_slabs, 1);
	assert_true(virt_to_page(objs[7])->head == virt_to_page(objs[0]));
	for (int i = 7; i >= 0; i--)
		kmem_cache_free(c, objs[i]);
	assert_int_equal(stats_of("obj1000").active_objs, 0);
}

static void alignment_and_distinct_objects(void **state)
{
	struct kmem_cache *c = kmem_cache_create("align64", 24, 64);

	(void)state;
	for (int i = 0; i < 100; i++) {
		objs[i] = kmem_cache_alloc(c);
		assert_int_equal((uintptr_t)objs[i] % 64, 0);
		for (int j = 0; j < i; j++)
			assert_ptr_not_equal(objs[i], objs[j]);
	}
	assert_int_equal(stats_of("align64").objsize, 64);
	expect_panic(kmem_cache_create("bad", 24, 48), "bad size");
	expect_panic(kmem_cache_create("bad", 0, 8), "bad size");
}

static void stats_in_creation_order(void **state)
{
	struct slab_stats all[8];
	struct kmem_cache *b;

	(void)state;
	kmem_cache_create("a", 8, 0);
	b = kmem_cache_create("b", 16, 0);
	kmem_cache_create("c", 32, 0);
	assert_int_equal(slab_stats_collect(all, 8), 4);
	assert_string_equal(all[0].name, "kmem_cache");
	assert_string_equal(all[1].name, "a");
	assert_string_equal(all[3].name, "c");
	assert_int_equal(slab_stats_collect(all, 2), 2);
	kmem_cache_destroy(b);
	assert_int_equal(slab_stats_collect(all, 8), 3);
	assert_string_equal(all[2].name, "c");
	kmem_cache_create("a-very-long-cache-name-that-does-not-fit", 8, 0);
	assert_int_equal(slab_stats_collect(all, 8), 4);
	assert_int_equal(strlen(all[3].name), SLAB_NAME_MAX - 1);
}

static void alloc_fails_cleanly_when_ram_is_gone(void **state)
{
	struct kmem_cache *c = kmem_cache_create("starved", 64, 0);
	static paddr_t taken[4096];
	size_t n = 0;

	(void)state;
	while ((taken[n] = frame_alloc()) != 0)
		n++;
	assert_null(kmem_cache_alloc(c));
	assert_int_equal(stats_of("starved").num_slabs, 0);
	while (n > 0)
		frame_free(taken[--n]);
	assert_non_null(kmem_cache_alloc(c));
}

/* ---- poisoning and misuse ------------------------------------------------------------- */

static void poison_patterns(void **state)
{
	struct kmem_cache *c = kmem_cache_create("obj64", 64, 0);
	unsigned char *obj = kmem_cache_alloc(c), *z;

	(void)state;
	assert_true(all_bytes_are(obj, 64, SLAB_POISON_ALLOC));
	memset(obj, 0x11, 64);
	kmem_cache_free(c, obj);
	assert_true(all_bytes_are(obj + 8, 56, SLAB_POISON_FREE));
	z = kmem_cache_zalloc(c);
	assert_ptr_equal(z, obj); /* LIFO: the same object comes back */
	assert_true(all_bytes_are(z, 64, 0));
}

static void use_after_free_write_panics(void **state)
{
	struct kmem_cache *c = kmem_cache_create("uaf", 64, 0);
	unsigned char *obj = kmem_cache_alloc(c);
	char want[96];

	(void)state;
	kmem_cache_free(c, obj);
	obj[0x18] = 0;
	snprintf(want, sizeof(want), "slab: use-after-free write in cache uaf at %#lx+0x18",
		 (unsigned long)obj);
	expect_panic(kmem_cache_alloc(c), want);
}

/* A write over the free-list link is caught when the link is followed. */
static void clobbered_link_panics(void **state)
{
	struct kmem_cache *c = kmem_cache_create("link", 64, 0);
	void *obj = kmem_cache_alloc(c);

	(void)state;
	kmem_cache_free(c, obj);
	*(uintptr_t *)obj = 0x1234;
	expect_panic(kmem_cache_alloc(c), "use-after-free write in cache link at");
	assert_non_null(strstr(fake_panic_msg, "+0x0"));
}

/* ... and when a free walks the list to look for a double free: b -> a -> (clobbered). */
static void clobbered_link_found_by_a_free(void **state)
{
	struct kmem_cache *c = kmem_cache_create("link2", 64, 0);
	void *a = kmem_cache_alloc(c), *b = kmem_cache_alloc(c), *d = kmem_cache_alloc(c);
	char want[96];

	(void)state;
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	*(uintptr_t *)a = (uintptr_t)a + 8;	/* inside the slab, but not a slot */
	snprintf(want, sizeof(want), "slab: use-after-free write in cache link2 at %#lx+0x0",
		 (unsigned long)a);
	expect_panic(kmem_cache_free(c, d), want);
}

static void double_free_panics(void **state)
{
	struct kmem_cache *c = kmem_cache_create("dbl", 32, 0);
	void *a = kmem_cache_alloc(c), *b = kmem_cache_alloc(c);

	(void)state;
	kmem_cache_free(c, a);
	expect_panic(kmem_cache_free(c, a), "double free");
	kmem_cache_free(c, b); /* a is now deeper in the list */
	expect_panic(kmem_cache_free(c, a), "double free");
	assert_int_equal(stats_of("dbl").active_objs, 0);
}

static void foreign_pointers_panic(void **state)
{
	struct kmem_cache *c = kmem_cache_create("mine", 32, 0);
	struct kmem_cache *other = kmem_cache_create("other", 32, 0);
	char *obj = kmem_cache_alloc(c);
	int on_the_stack;

	(void)state;
	expect_panic(kmem_cache_free(other, obj), "does not own");
	expect_panic(kmem_cache_free(c, obj + 8), "not the start of an object");
	expect_panic(kmem_cache_free(c, &on_the_stack), "does not own");
	expect_panic(kmem_cache_free(c, fake_phys_to_virt(0x300000)), "does not own");
	kmem_cache_free(c, NULL);
	kmem_cache_free(c, obj);
}

static void destroy_with_live_objects_panics(void **state)
{
	struct kmem_cache *c = kmem_cache_create("leaky", 32, 0);

	(void)state;
	kmem_cache_alloc(c);
	expect_panic(kmem_cache_destroy(c), "leaky with 1 objects still allocated");
}

#define T(f) cmocka_unit_test_setup(f, boot)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(new_cache_is_empty),
		T(counts_return_to_baseline),
		T(empty_slabs_beyond_spare_are_freed),
		T(geometry_of_big_objects),
		T(multi_frame_slab_lookup),
		T(alignment_and_distinct_objects),
		T(stats_in_creation_order),
		T(alloc_fails_cleanly_when_ram_is_gone),
		T(poison_patterns),
		T(use_after_free_write_panics),
		T(clobbered_link_panics),
		T(clobbered_link_found_by_a_free),
		T(double_free_panics),
		T(foreign_pointers_panic),
		T(destroy_with_live_objects_panics),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
