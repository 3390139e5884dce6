/* mm_test.c - self-tests of the memory allocators (`ktest=frame,slab,kmalloc`).
 *
 * They run on the real machine after boot, so they check what the host unit tests cannot:
 * the frame allocator against the real memory map (exhausting all of RAM and getting every
 * frame back), slabs reached through the real direct map, and the kmalloc caches kmain
 * created. Every case leaves the counts where it found them and checks that it did, the
 * same leak check the user-space suites make with /proc/slabinfo.
 * Reading a freed object (poison_on_free) is deliberate: the poison is what we test.
 * The use-after-free negative control (`ktest=uaf`) is mm_test_use_after_free(), outside the
 * suites because it must end in a panic.
 * See also: kernel/mm/frame.c, kernel/mm/slab.c, kernel/mm/kmalloc.c,
 *   tests/host/test_frame.c and test_slab.c (the same rules, on the host). */
#include "ktest.h"
#include "arch.h"
#include "boot_info.h"
#include "frame.h"
#include "kmalloc.h"
#include "printk.h"
#include "slab.h"
#include "string.h"

extern struct boot_info boot_info;
extern char kernel_phys_start[], kernel_phys_end[];

#define MAX_STATS 48

/* all_bytes_are() - true if the @n bytes at @p all equal @value. */
static bool all_bytes_are(const void *p, size_t n, unsigned char value)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != value)
			return false;
	return true;
}

/* stats_of() - the numbers of cache @name (all zero if there is no such cache). */
static struct slab_stats stats_of(const char *name)
{
	struct slab_stats s = { 0 };

	slab_stats_find(name, &s);
	return s;
}

/* ---- frame ------------------------------------------------------------------------------- */

static void frame_alloc_free_roundtrip(void)
{
	size_t base = frame_free_count();
	paddr_t pa = frame_alloc();

	KTEST_EXPECT(pa != 0);
	KTEST_EXPECT_EQ(pa % PAGE_SIZE, 0);
	KTEST_EXPECT_EQ(frame_free_count(), base - 1);
	frame_free(pa);
	KTEST_EXPECT_EQ(frame_free_count(), base);
}

/* The lowest free frame is handed out first, so freeing and allocating again gives the same
 * frame back: it must arrive zeroed although we scribbled on it. */
static void frame_alloc_is_zeroed(void)
{
	paddr_t pa = frame_alloc(), again;

	KTEST_EXPECT(pa != 0);
	for (size_t i = 0; i < PAGE_SIZE; i++)
		((unsigned char *)phys_to_virt(pa))[i] = 0xff;
	frame_free(pa);
	again = frame_alloc();
	KTEST_EXPECT_EQ(again, pa);
	KTEST_EXPECT(all_bytes_are(phys_to_virt(again), PAGE_SIZE, 0));
	frame_free(again);
}

static void frame_contig_is_contiguous(void)
{
	size_t base = frame_free_count();
	paddr_t pa = frame_alloc_contig(16), single;

	KTEST_EXPECT(pa != 0);
	KTEST_EXPECT_EQ(frame_free_count(), base - 16);
	KTEST_EXPECT(all_bytes_are(phys_to_virt(pa), 16 * PAGE_SIZE, 0));
	single = frame_alloc();
	KTEST_EXPECT(single < pa || single >= pa + 16 * PAGE_SIZE);
	frame_free(single);
	frame_free_contig(pa, 16);
	KTEST_EXPECT_EQ(frame_free_count(), base);
}

/* is_boot_reserved() - true if @pa lies in what frame_init() must never hand out. */
static bool is_boot_reserved(paddr_t pa)
{
	if (pa < FRAME_LOW_RESERVED)
		return true;
	if (pa >= (paddr_t)kernel_phys_start && pa < (paddr_t)kernel_phys_end)
		return true;
	if (pa >= boot_info.info_start && pa < boot_info.info_end)
		return true;
	for (int i = 0; i < boot_info.nr_modules; i++)
		if (pa >= boot_info.modules[i].start && pa < boot_info.modules[i].end)
			return true;
	return false;
}

/* Take every frame (each one remembers the previous in its first word), check none is
 * reserved, then give them all back: the count must return exactly to where it was. */
static void frame_exhaust_and_recover(void)
{
	size_t base = frame_free_count(), taken = 0, bad = 0;
	paddr_t pa, chain = 0;

	while ((pa = frame_alloc()) != 0) {
		bad += is_boot_reserved(pa);
		*(paddr_t *)phys_to_virt(pa) = chain;
		chain = pa;
		taken++;
	}
	KTEST_EXPECT_EQ(frame_free_count(), 0);
	KTEST_EXPECT_EQ(frame_alloc_contig(1), 0);
	KTEST_EXPECT_EQ(taken, base);
	KTEST_EXPECT_EQ(bad, 0);
	for (; chain; chain = pa) {
		pa = *(paddr_t *)phys_to_virt(chain);
		frame_free(chain);
	}
	KTEST_EXPECT_EQ(frame_free_count(), base);
}

static void frame_counts_are_sane(void)
{
	KTEST_EXPECT(frame_max_phys() >= 16UL << 20);
	KTEST_EXPECT(frame_total_count() <= frame_max_phys() / PAGE_SIZE);
	KTEST_EXPECT(frame_free_count() < frame_total_count());
	KTEST_EXPECT(frame_free_count() > frame_total_count() / 2);
}

static const struct ktest_case frame_cases[] = {
	{ "alloc_free_roundtrip", frame_alloc_free_roundtrip },
	{ "alloc_is_zeroed", frame_alloc_is_zeroed },
	{ "contig_is_contiguous", frame_contig_is_contiguous },
	{ "exhaust_and_recover", frame_exhaust_and_recover },
	{ "counts_are_sane", frame_counts_are_sane },
};
KTEST_SUITE(frame, frame_cases);

/* ---- slab -------------------------------------------------------------------------------- */

static void slab_create_and_destroy(void)
{
	struct kmem_cache *c = kmem_cache_create("ktest_a", 40, 0);
	struct slab_stats s = stats_of("ktest_a");

	KTEST_EXPECT(c != NULL);
	KTEST_EXPECT_EQ(s.objsize, 40);
	KTEST_EXPECT_EQ(s.num_slabs, 0);
	kmem_cache_destroy(c);
	KTEST_EXPECT(!slab_stats_find("ktest_a", &s));
}

static void slab_alloc_free_roundtrip(void)
{
	struct kmem_cache *c = kmem_cache_create("ktest_rt", 48, 0);
	void *a = kmem_cache_alloc(c), *b = kmem_cache_alloc(c);

	KTEST_EXPECT(a && b && a != b);
	KTEST_EXPECT_EQ((uintptr_t)a % 8, 0);
	KTEST_EXPECT_EQ(stats_of("ktest_rt").active_objs, 2);
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	KTEST_EXPECT_EQ(stats_of("ktest_rt").active_objs, 0);
	kmem_cache_destroy(c);
}

/* 200 objects of 64 bytes fill 4 one-frame slabs (64 each); freeing keeps one spare slab;
 * destroying the cache gives back every frame. */
static void slab_counts_return_to_baseline(void)
{
	static void *objs[200];
	size_t base = frame_free_count();
	struct kmem_cache *c = kmem_cache_create("ktest_count", 64, 0);
	struct slab_stats s;

	for (int i = 0; i < 200; i++)
		objs[i] = kmem_cache_alloc(c);
	s = stats_of("ktest_count");
	KTEST_EXPECT_EQ(s.active_objs, 200);
	KTEST_EXPECT_EQ(s.objperslab, 64);
	KTEST_EXPECT_EQ(s.num_slabs, 4);
	KTEST_EXPECT_EQ(s.num_objs, 256);
	for (int i = 0; i < 200; i++)
		kmem_cache_free(c, objs[i]);
	s = stats_of("ktest_count");
	KTEST_EXPECT_EQ(s.active_objs, 0);
	KTEST_EXPECT_EQ(s.num_slabs, 1);
	KTEST_EXPECT_EQ(s.active_slabs, 0);
	kmem_cache_destroy(c);
	KTEST_EXPECT_EQ(frame_free_count(), base);
}

static void slab_poison_on_free(void)
{
	struct kmem_cache *c = kmem_cache_create("ktest_poison", 64, 0);
	unsigned char *obj = kmem_cache_alloc(c);

	KTEST_EXPECT(all_bytes_are(obj, 64, SLAB_POISON_ALLOC));
	kmem_cache_free(c, obj);
	KTEST_EXPECT(all_bytes_are(obj + sizeof(void *), 64 - sizeof(void *), SLAB_POISON_FREE));
	kmem_cache_destroy(c);
}

static void slab_zalloc_zeroes(void)
{
	struct kmem_cache *c = kmem_cache_create("ktest_zero", 100, 0);
	void *obj = kmem_cache_zalloc(c);

	KTEST_EXPECT(obj && all_bytes_are(obj, 100, 0));
	kmem_cache_free(c, obj);
	kmem_cache_destroy(c);
}

/* Objects above 512 bytes get multi-frame slabs that hold at least 8 of them. */
static void slab_large_objects_get_bigger_slabs(void)
{
	struct kmem_cache *c = kmem_cache_create("ktest_big", 1000, 0);
	void *obj = kmem_cache_alloc(c);
	struct slab_stats s = stats_of("ktest_big");

	KTEST_EXPECT_EQ(s.objsize, 1000);
	KTEST_EXPECT_EQ(s.pagesperslab, 2);
	KTEST_EXPECT_EQ(s.objperslab, 8);
	kmem_cache_free(c, obj);
	kmem_cache_destroy(c);
}

static void slab_alignment_respected(void)
{
	struct kmem_cache *c = kmem_cache_create("ktest_align", 24, 64);
	void *a = kmem_cache_alloc(c), *b = kmem_cache_alloc(c);

	KTEST_EXPECT_EQ((uintptr_t)a % 64, 0);
	KTEST_EXPECT_EQ((uintptr_t)b % 64, 0);
	KTEST_EXPECT_EQ(stats_of("ktest_align").objsize, 64);
	kmem_cache_free(c, a);
	kmem_cache_free(c, b);
	kmem_cache_destroy(c);
}

static void slab_stats_in_creation_order(void)
{
	static struct slab_stats all[MAX_STATS];
	struct kmem_cache *c = kmem_cache_create("ktest_last", 16, 0);
	int n = slab_stats_collect(all, MAX_STATS);

	KTEST_EXPECT(n >= 15 && n < MAX_STATS);
	KTEST_EXPECT(n > 0 && strcmp(all[0].name, "kmem_cache") == 0);
	KTEST_EXPECT(n > 1 && strcmp(all[1].name, "kmalloc-8") == 0);
	KTEST_EXPECT(n > 0 && strcmp(all[n - 1].name, "ktest_last") == 0);
	kmem_cache_destroy(c);
	KTEST_EXPECT_EQ(slab_stats_collect(all, MAX_STATS), n - 1);
}

static const struct ktest_case slab_cases[] = {
	{ "create_and_destroy", slab_create_and_destroy },
	{ "alloc_free_roundtrip", slab_alloc_free_roundtrip },
	{ "counts_return_to_baseline", slab_counts_return_to_baseline },
	{ "poison_on_free", slab_poison_on_free },
	{ "zalloc_zeroes", slab_zalloc_zeroes },
	{ "large_objects_get_bigger_slabs", slab_large_objects_get_bigger_slabs },
	{ "alignment_respected", slab_alignment_respected },
	{ "stats_in_creation_order", slab_stats_in_creation_order },
};
KTEST_SUITE(slab, slab_cases);

/* ---- kmalloc ----------------------------------------------------------------------------- */

static void kmalloc_zero_size_is_null(void)
{
	KTEST_EXPECT(kmalloc(0) == NULL);
	KTEST_EXPECT(kzalloc(0) == NULL);
	kfree(NULL);
	KTEST_EXPECT_EQ(ksize(NULL), 0);
}

static void kmalloc_size_classes(void)
{
	static const size_t cases[][2] = {
		{ 1, 8 },	{ 8, 8 },	{ 9, 16 },	{ 33, 64 },	{ 65, 96 },
		{ 97, 128 },	{ 129, 192 },	{ 193, 256 },	{ 300, 512 },	{ 513, 1024 },
		{ 1025, 2048 }, { 2049, 4096 }, { 4097, 8192 }, { 8192, 8192 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		void *p = kmalloc(cases[i][0]);

		KTEST_EXPECT_EQ(ksize(p), cases[i][1]);
		kfree(p);
	}
}

/* Power-of-two classes are aligned to their size (slabs start on a frame boundary). */
static void kmalloc_power_of_two_alignment(void)
{
	void *a = kmalloc(64), *b = kmalloc(4096);

	KTEST_EXPECT_EQ((uintptr_t)a % 64, 0);
	KTEST_EXPECT_EQ((uintptr_t)b % 4096, 0);
	kfree(a);
	kfree(b);
}

static void kmalloc_fills_and_kzalloc_zeroes(void)
{
	void *a = kmalloc(200), *z = kzalloc(200), *big = kzalloc(3 * PAGE_SIZE);

	KTEST_EXPECT(all_bytes_are(a, 256, SLAB_POISON_ALLOC));
	KTEST_EXPECT(all_bytes_are(z, 256, 0));
	KTEST_EXPECT(all_bytes_are(big, 3 * PAGE_SIZE, 0));
	kfree(a);
	kfree(z);
	kfree(big);
}

/* Above 8 KiB: whole frames, recorded in struct page so kfree() knows the size. */
static void kmalloc_large_alloc(void)
{
	size_t frames = frame_free_count(), large = kmalloc_large_frames();
	unsigned char *p = kmalloc(20000);

	KTEST_EXPECT(p != NULL);
	KTEST_EXPECT_EQ((uintptr_t)p % PAGE_SIZE, 0);
	KTEST_EXPECT_EQ(ksize(p), 5 * PAGE_SIZE);
	KTEST_EXPECT_EQ(frame_free_count(), frames - 5);
	KTEST_EXPECT_EQ(kmalloc_large_frames(), large + 5);
	KTEST_EXPECT(all_bytes_are(p, 20000, SLAB_POISON_ALLOC));
	kfree(p);
	KTEST_EXPECT_EQ(frame_free_count(), frames);
	KTEST_EXPECT_EQ(kmalloc_large_frames(), large);
}

static void kmalloc_counts_return_to_baseline(void)
{
	static void *objs[100];
	size_t base = stats_of("kmalloc-64").active_objs;

	for (int i = 0; i < 100; i++)
		objs[i] = kmalloc(50);
	KTEST_EXPECT_EQ(stats_of("kmalloc-64").active_objs, base + 100);
	for (int i = 0; i < 100; i++)
		kfree(objs[i]);
	KTEST_EXPECT_EQ(stats_of("kmalloc-64").active_objs, base);
}

static const struct ktest_case kmalloc_cases[] = {
	{ "zero_size_is_null", kmalloc_zero_size_is_null },
	{ "size_classes", kmalloc_size_classes },
	{ "power_of_two_alignment", kmalloc_power_of_two_alignment },
	{ "fills_and_kzalloc_zeroes", kmalloc_fills_and_kzalloc_zeroes },
	{ "large_alloc", kmalloc_large_alloc },
	{ "counts_return_to_baseline", kmalloc_counts_return_to_baseline },
};
KTEST_SUITE(kmalloc, kmalloc_cases);

/* ---- negative control -------------------------------------------------------------------- */

/**
 * mm_test_use_after_free() - write into a freed object; the next allocation must panic.
 *
 * The free list is LIFO, so the second allocation is the object we wrote to, and the poison
 * check reports "slab: use-after-free write in cache uaf_test at <obj>+0x18".
 * Context: a kernel thread (`ktest=uaf`). Return: only if poisoning is broken.
 */
void mm_test_use_after_free(void)
{
	struct kmem_cache *c = kmem_cache_create("uaf_test", 64, 0);
	unsigned char *obj = kmem_cache_alloc(c);

	kmem_cache_free(c, obj);
	pr_err("ktest: writing into freed object %#lx of cache uaf_test on purpose\n",
	       (unsigned long)obj);
	((volatile unsigned char *)obj)[0x18] = 0;
	obj = kmem_cache_alloc(c);
	pr_err("ktest: use-after-free of %#lx went unnoticed\n", (unsigned long)obj);
}
