/* vm_test.c - self-tests of user address spaces (`ktest=vm`).
 *
 * They build struct mm objects that are never loaded into CR3 and drive them the way the rest
 * of the kernel does: the area operations (map, split, merge, protect, unmap) through
 * mm_space.c, demand paging through mm_handle_fault() - exactly what the trap handler calls -,
 * exec's remote writes through mm_copy_to(), and the syscalls' rules through the do_X()
 * functions of mmap.c. Pages are inspected through the page tables (pgtable_user_frame) and
 * the direct map. What needs a file (file areas, exec) is tested from user space by the
 * in-OS suites - but for fault-around, which user space cannot see: one ramfs file in /tmp;
 * tests/host/ covers the ELF checks and the stack layout.
 * Every case that creates an mm destroys it, and the leak cases prove that doing so returns
 * every frame and every "mm_struct" and "vm_area_struct" object.
 * See also: kernel/mm/mm_space.c, kernel/mm/fault.c, kernel/mm/mmap.c.
 */
#include "ktest.h"
#include "arch.h"
#include "err.h"
#include "file.h"
#include "fs.h"
#include "namei.h"
#include "frame.h"
#include "mm_space.h"
#include "mmap.h"
#include "pgtable.h"
#include "slab.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"

#define BASE  0x10000000UL /* an address nothing else uses in a fresh mm */
#define PG(n) ((uaddr_t)(n)*PAGE_SIZE)
#define RW    (PROT_READ | PROT_WRITE)

static size_t slab_active(const char *name)
{
	struct slab_stats s = { 0 };

	slab_stats_find(name, &s);
	return s.active_objs;
}

/* page_bytes() - the kernel's view of the user page at @addr of @mm, or NULL if unmapped. */
static unsigned char *page_bytes(struct mm *mm, uaddr_t addr)
{
	paddr_t pa = pgtable_user_frame(mm->pgtable, addr, NULL);

	return pa ? (unsigned char *)phys_to_virt(pa) + (addr % PAGE_SIZE) : NULL;
}

static unsigned int page_prot(struct mm *mm, uaddr_t addr)
{
	unsigned int prot = 0xff;

	pgtable_user_frame(mm->pgtable, addr, &prot);
	return prot;
}

/* ---- areas ------------------------------------------------------------------------------ */

static void adjacent_areas_merge(void)
{
	struct mm *mm = mm_create();

	KTEST_EXPECT(mm != NULL);
	KTEST_EXPECT_EQ(mm_map_anon(mm, BASE, BASE + PG(4), RW, "anon"), 0);
	KTEST_EXPECT_EQ(mm_map_anon(mm, BASE + PG(4), BASE + PG(8), RW, "anon"), 0);
	KTEST_EXPECT_EQ(mm->nr_areas, 1);
	KTEST_EXPECT_EQ(mm_find_area(mm, BASE + PG(7))->start, BASE);
	/* different protection: no merge */
	KTEST_EXPECT_EQ(mm_map_anon(mm, BASE + PG(8), BASE + PG(9), PROT_READ, "anon"), 0);
	KTEST_EXPECT_EQ(mm->nr_areas, 2);
	mm_destroy(mm);
}

static void protect_splits_and_remerges(void)
{
	struct mm *mm = mm_create();

	mm_map_anon(mm, BASE, BASE + PG(8), RW, "anon");
	KTEST_EXPECT_EQ(mm_protect_range(mm, BASE + PG(2), BASE + PG(3), PROT_READ), 0);
	KTEST_EXPECT_EQ(mm->nr_areas, 3);
	KTEST_EXPECT_EQ(mm_find_area(mm, BASE + PG(2))->prot, PROT_READ);
	KTEST_EXPECT_EQ(mm_find_area(mm, BASE + PG(3))->start, BASE + PG(3));
	KTEST_EXPECT_EQ(mm_protect_range(mm, BASE + PG(2), BASE + PG(3), RW), 0);
	KTEST_EXPECT_EQ(mm->nr_areas, 1);
	mm_destroy(mm);
}

static void unmap_splits_and_frees(void)
{
	struct mm *mm = mm_create();
	size_t before;

	mm_map_anon(mm, BASE, BASE + PG(8), RW, "anon");
	for (int i = 0; i < 8; i++)
		KTEST_EXPECT_EQ(mm_handle_fault(mm, BASE + PG(i), true, false), 0);
	before = frame_free_count();
	KTEST_EXPECT_EQ(mm_unmap_range(mm, BASE + PG(2), BASE + PG(5)), 0);
	KTEST_EXPECT_EQ(mm->nr_areas, 2);
	KTEST_EXPECT_EQ(mm->nr_pages, 5);
	KTEST_EXPECT_EQ(frame_free_count(), before + 3);
	KTEST_EXPECT(mm_find_area(mm, BASE + PG(3)) == NULL);
	KTEST_EXPECT(page_bytes(mm, BASE + PG(3)) == NULL);
	KTEST_EXPECT(mm_range_is_mapped(mm, BASE, BASE + PG(2)));
	KTEST_EXPECT(!mm_range_is_mapped(mm, BASE, BASE + PG(6)));
	KTEST_EXPECT(mm_range_is_free(mm, BASE + PG(2), BASE + PG(5)));
	mm_destroy(mm);
}

/* ---- demand paging ---------------------------------------------------------------------- */

static void anon_fault_maps_zeroed_page(void)
{
	struct mm *mm = mm_create();
	unsigned char *p;
	bool zero = true;

	mm_map_anon(mm, BASE, BASE + PG(4), RW, "anon");
	KTEST_EXPECT(page_bytes(mm, BASE + PG(1)) == NULL); /* nothing before the touch */
	KTEST_EXPECT_EQ(mm_handle_fault(mm, BASE + PG(1) + 123, false, false), 0);
	p = page_bytes(mm, BASE + PG(1));
	KTEST_EXPECT(p != NULL);
	for (size_t i = 0; p && i < PAGE_SIZE; i++)
		zero = zero && p[i] == 0;
	KTEST_EXPECT(zero);
	KTEST_EXPECT_EQ(page_prot(mm, BASE + PG(1)), RW);
	KTEST_EXPECT_EQ(mm->nr_pages, 1);
	/* a second fault on a present page is spurious: nothing new */
	KTEST_EXPECT_EQ(mm_handle_fault(mm, BASE + PG(1), true, false), 0);
	KTEST_EXPECT_EQ(mm->nr_pages, 1);
	mm_destroy(mm);
}

static void permission_faults_are_efault(void)
{
	struct mm *mm = mm_create();

	mm_map_anon(mm, BASE, BASE + PG(1), PROT_READ, "ro");
	mm_map_anon(mm, BASE + PG(2), BASE + PG(3), RW, "rw");
	mm_map_anon(mm, BASE + PG(4), BASE + PG(5), PROT_NONE, "none");
	KTEST_EXPECT_EQ(mm_handle_fault(mm, BASE, true, false), -EFAULT);
	KTEST_EXPECT_EQ(mm_handle_fault(mm, BASE + PG(2), false, true), -EFAULT);
	KTEST_EXPECT_EQ(mm_handle_fault(mm, BASE + PG(4), false, false), -EFAULT);
	KTEST_EXPECT_EQ(mm_handle_fault(mm, BASE + PG(1), false, false), -EFAULT); /* hole */
	KTEST_EXPECT_EQ(mm_handle_fault(mm, 0, false, false), -EFAULT);
	KTEST_EXPECT_EQ(mm_handle_fault(mm, 0xffff800000000000UL, false, false), -EFAULT);
	KTEST_EXPECT_EQ(mm_handle_fault(NULL, BASE, false, false), -EFAULT);
	KTEST_EXPECT_EQ(mm_handle_fault(mm, BASE, false, false), 0);
	KTEST_EXPECT_EQ(page_prot(mm, BASE), PROT_READ);
	KTEST_EXPECT_EQ(mm->nr_pages, 1);
	mm_destroy(mm);
}

/* PROT_NONE hides a page but keeps its contents for a later mprotect. */
static void prot_none_keeps_contents(void)
{
	struct mm *mm = mm_create();
	const char msg[] = "still here";

	mm_map_anon(mm, BASE, BASE + PG(2), RW, "anon");
	KTEST_EXPECT_EQ(mm_copy_to(mm, BASE + 100, msg, sizeof(msg)), 0);
	KTEST_EXPECT_EQ(mm_protect_range(mm, BASE, BASE + PG(2), PROT_NONE), 0);
	KTEST_EXPECT_EQ(page_prot(mm, BASE), PROT_NONE);
	KTEST_EXPECT_EQ(mm_handle_fault(mm, BASE + 100, false, false), -EFAULT);
	KTEST_EXPECT_EQ(mm_protect_range(mm, BASE, BASE + PG(2), PROT_READ | PROT_EXEC), 0);
	KTEST_EXPECT_EQ(page_prot(mm, BASE), PROT_READ | PROT_EXEC);
	KTEST_EXPECT(memcmp(page_bytes(mm, BASE + 100), msg, sizeof(msg)) == 0);
	KTEST_EXPECT_EQ(mm_copy_to(mm, BASE, msg, 1), -EFAULT); /* no longer writable */
	mm_destroy(mm);
}

/* mm_copy_to() writes into an mm that is not the current one, across a page boundary. */
static void copy_to_other_mm(void)
{
	struct mm *mm = mm_create();
	char buf[64];

	memset(buf, 'x', sizeof(buf));
	mm_map_anon(mm, BASE, BASE + PG(2), RW, "anon");
	KTEST_EXPECT_EQ(mm_copy_to(mm, BASE + PAGE_SIZE - 10, buf, sizeof(buf)), 0);
	KTEST_EXPECT_EQ(mm->nr_pages, 2);
	KTEST_EXPECT_EQ(page_bytes(mm, BASE + PAGE_SIZE - 10)[0], 'x');
	KTEST_EXPECT_EQ(page_bytes(mm, BASE + PAGE_SIZE + 53)[0], 'x');
	KTEST_EXPECT_EQ(page_bytes(mm, BASE + PAGE_SIZE + 54)[0], 0);
	KTEST_EXPECT_EQ(mm_copy_to(mm, BASE + PG(2) - 4, buf, 8), -EFAULT); /* runs off */
	KTEST_EXPECT_EQ(mm_copy_to(mm, 0xffff800000000000UL, buf, 8), -EFAULT);
	mm_destroy(mm);
}

/* ---- the syscalls' rules ---------------------------------------------------------------- */

static long mmap_anon(struct mm *mm, uaddr_t addr, size_t len, unsigned int flags)
{
	struct mmap_req req = {
		.addr = addr, .len = len, .prot = RW, .flags = flags | MAP_ANONYMOUS, .fd = -1
	};

	return do_mmap(mm, &req);
}

static void mmap_places_and_refuses(void)
{
	struct mm *mm = mm_create();
	long a, b;
	struct mmap_req bad = {
		.len = PAGE_SIZE, .prot = RW, .flags = MAP_PRIVATE | MAP_ANONYMOUS, .offset = 100
	};

	a = mmap_anon(mm, 0, 3 * PAGE_SIZE, MAP_PRIVATE);
	b = mmap_anon(mm, 0, 100, MAP_PRIVATE);
	KTEST_EXPECT_EQ(a, MMAP_BASE - PG(3)); /* top-down, like Linux */
	KTEST_EXPECT_EQ(b, MMAP_BASE - PG(4));
	KTEST_EXPECT_EQ(mmap_anon(mm, BASE, PAGE_SIZE, MAP_PRIVATE), BASE); /* free hint */
	KTEST_EXPECT_EQ(mmap_anon(mm, BASE, PAGE_SIZE, MAP_PRIVATE | MAP_FIXED_NOREPLACE), -EEXIST);
	KTEST_EXPECT_EQ(mmap_anon(mm, BASE, PAGE_SIZE, MAP_PRIVATE | MAP_FIXED), BASE);
	KTEST_EXPECT_EQ(mmap_anon(mm, BASE + 1, PAGE_SIZE, MAP_PRIVATE | MAP_FIXED), -EINVAL);
	KTEST_EXPECT_EQ(mmap_anon(mm, PAGE_SIZE, PAGE_SIZE, MAP_PRIVATE | MAP_FIXED), -EPERM);
	KTEST_EXPECT_EQ(mmap_anon(mm, 0, 0, MAP_PRIVATE), -EINVAL);
	KTEST_EXPECT_EQ(mmap_anon(mm, 0, PAGE_SIZE, 0), -EINVAL);
	KTEST_EXPECT_EQ(mmap_anon(mm, 0, PAGE_SIZE, MAP_SHARED_VALIDATE), -EINVAL); /* as Linux */
	KTEST_EXPECT_EQ(mmap_anon(mm, 0, (size_t)-1, MAP_PRIVATE), -ENOMEM);
	KTEST_EXPECT_EQ(do_mmap(mm, &bad), -EINVAL);
	KTEST_EXPECT_EQ(mmap_anon(mm, 0, PAGE_SIZE, MAP_SHARED), MMAP_BASE - PG(5));
	mm_destroy(mm);
}

static void munmap_mprotect_madvise_errors(void)
{
	struct mm *mm = mm_create();
	const char one = 1;

	mmap_anon(mm, BASE, PG(4), MAP_PRIVATE | MAP_FIXED);
	KTEST_EXPECT_EQ(do_munmap(mm, BASE + 1, PAGE_SIZE), -EINVAL);
	KTEST_EXPECT_EQ(do_munmap(mm, BASE, 0), -EINVAL);
	KTEST_EXPECT_EQ(do_munmap(mm, BASE + PG(100), PAGE_SIZE), 0); /* nothing there: fine */
	KTEST_EXPECT_EQ(do_mprotect(mm, BASE + 1, PAGE_SIZE, PROT_READ), -EINVAL);
	KTEST_EXPECT_EQ(do_mprotect(mm, BASE, PAGE_SIZE, 0x100), -EINVAL);
	KTEST_EXPECT_EQ(do_mprotect(mm, BASE, PG(5), PROT_READ), -ENOMEM); /* runs past */
	KTEST_EXPECT_EQ(do_mprotect(mm, BASE, 1, PROT_READ), 0);
	KTEST_EXPECT_EQ(mm_find_area(mm, BASE)->prot, PROT_READ);
	KTEST_EXPECT_EQ(do_madvise(mm, BASE + 1, PAGE_SIZE, MADV_DONTNEED), -EINVAL);
	KTEST_EXPECT_EQ(do_madvise(mm, BASE, PAGE_SIZE, 12345), -EINVAL);
	KTEST_EXPECT_EQ(do_madvise(mm, BASE, PG(5), MADV_NORMAL), -ENOMEM);
	/* DONTNEED on private anonymous memory: the next touch sees zeroes */
	KTEST_EXPECT_EQ(mm_copy_to(mm, BASE + PG(1), &one, 1), 0);
	KTEST_EXPECT_EQ(do_madvise(mm, BASE + PG(1), PAGE_SIZE, MADV_DONTNEED), 0);
	KTEST_EXPECT(page_bytes(mm, BASE + PG(1)) == NULL);
	KTEST_EXPECT_EQ(mm_handle_fault(mm, BASE + PG(1), false, false), 0);
	KTEST_EXPECT_EQ(*page_bytes(mm, BASE + PG(1)), 0);
	mm_destroy(mm);
}

static void brk_grows_and_shrinks(void)
{
	struct mm *mm = mm_create();
	uaddr_t start;

	mm_set_brk_start(mm, 0x4087d8);
	start = mm->brk_start;
	KTEST_EXPECT_EQ(start, 0x409000);
	KTEST_EXPECT_EQ(do_brk(mm, 0), start);	       /* a query */
	KTEST_EXPECT_EQ(do_brk(mm, start - 1), start); /* below the start: refused */
	KTEST_EXPECT_EQ(do_brk(mm, start + 5000), start + 5000);
	KTEST_EXPECT_EQ(mm_handle_fault(mm, start + 4999, true, false), 0);
	KTEST_EXPECT_EQ(mm_handle_fault(mm, start + PG(2), true, false), -EFAULT);
	KTEST_EXPECT_EQ(do_brk(mm, start + 100), start + 100);
	KTEST_EXPECT(mm_find_area(mm, start + PAGE_SIZE) == NULL);
	KTEST_EXPECT_EQ(mm->nr_pages, 0);
	/* a mapping in the way stops the heap */
	mmap_anon(mm, start + PG(3), PAGE_SIZE, MAP_PRIVATE | MAP_FIXED);
	KTEST_EXPECT_EQ(do_brk(mm, start + PG(4)), start + 100);
	KTEST_EXPECT_EQ(do_brk(mm, (uaddr_t)-1), start + 100);
	KTEST_EXPECT_EQ(do_brk(mm, start), start);
	KTEST_EXPECT_EQ(mm->nr_areas, 1);
	mm_destroy(mm);
}

/* ---- leaks ------------------------------------------------------------------------------ */

/* busy_mm() - an mm with pages in far-apart places, so it has many page tables. */
static void busy_mm(void)
{
	struct mm *mm = mm_create();
	const uaddr_t places[] = { BASE, 0x400000, 0x7ffffffe0000UL, 0x555555554000UL,
				   0x100000000000UL };

	mm_map_anon(mm, 0x10000, 0x7ffffffff000UL, RW, "everything");
	for (size_t i = 0; i < ARRAY_SIZE(places); i++)
		KTEST_EXPECT_EQ(mm_handle_fault(mm, places[i], true, false), 0);
	mm_protect_range(mm, 0x400000, 0x401000, PROT_NONE); /* a protnone leaf, a split */
	KTEST_EXPECT_EQ(mm->nr_pages, ARRAY_SIZE(places));
	KTEST_EXPECT_EQ(mm->nr_areas, 3);
	mm_destroy(mm);
}

/* ---- fault-around (kernel/mm/fault.c) --------------------------------------------------- */

#define FA_FILE	"/tmp/vm_fault_around"
#define FA_PAGES 24

/* fa_file() - a ramfs file of FA_PAGES pages, each filled with its own number. */
static struct file *fa_file(void)
{
	struct file *f = do_filp_open(AT_FDCWD, FA_FILE, O_CREAT | O_RDWR | O_TRUNC, 0600);
	static unsigned char page[PAGE_SIZE];
	uint64_t pos = 0;

	if (IS_ERR(f))
		return NULL;
	for (int i = 0; i < FA_PAGES; i++) {
		memset(page, 'a' + i, sizeof(page));
		if (f->f_op->write(f, page, sizeof(page), &pos) != (ssize_t)sizeof(page)) {
			file_put(f);
			return NULL;
		}
	}
	return f;
}

static int fa_map(struct mm *mm, struct file *f, unsigned int prot)
{
	struct vm_area tmpl = {
		.start = BASE, .end = BASE + PG(FA_PAGES), .prot = prot, .flags = VMA_PRIVATE,
		.file = f, .file_offset = 0, .file_end = UINT64_MAX, .name = "fault-around",
	};

	return mm_map_area(mm, &tmpl);
}

/* A read fault in a read-only private file area maps the file's frames of its whole 16-page
 * window, and no page outside it; a writable private area gets its one copied page only. */
static void text_fault_maps_its_window(void)
{
	struct file *f = fa_file();
	struct mm *mm = mm_create();
	int mapped = 0;

	if (!f || !mm || fa_map(mm, f, PROT_READ | PROT_EXEC)) {
		ktest_fail(__FILE__, __LINE__, "cannot map %s", FA_FILE);
		goto out;
	}
	KTEST_EXPECT_EQ(mm_handle_fault(mm, BASE + PG(5) + 9, false, true), 0);
	for (int i = 0; i < FA_PAGES; i++)
		mapped += page_bytes(mm, BASE + PG(i)) != NULL;
	KTEST_EXPECT_EQ(mapped, 16);
	KTEST_EXPECT(page_bytes(mm, BASE + PG(0)) && *page_bytes(mm, BASE + PG(0)) == 'a');
	KTEST_EXPECT(page_bytes(mm, BASE + PG(15)) && *page_bytes(mm, BASE + PG(15)) == 'a' + 15);
	KTEST_EXPECT(!page_bytes(mm, BASE + PG(16)));
	KTEST_EXPECT_EQ(mm_handle_fault(mm, BASE + PG(20), false, false), 0);	/* the next window */
	KTEST_EXPECT(page_bytes(mm, BASE + PG(23)) && *page_bytes(mm, BASE + PG(23)) == 'a' + 23);
	KTEST_EXPECT_EQ(mm->nr_pages, FA_PAGES);
	mm_destroy(mm);
	mm = mm_create();
	if (!mm || fa_map(mm, f, RW)) {
		ktest_fail(__FILE__, __LINE__, "cannot map %s writable", FA_FILE);
		goto out;
	}
	KTEST_EXPECT_EQ(mm_handle_fault(mm, BASE + PG(5), false, false), 0);
	KTEST_EXPECT_EQ(mm->nr_pages, 1);	/* a copy, and only the page touched */
out:
	mm_destroy(mm);
	if (f)
		file_put(f);
	do_unlinkat(AT_FDCWD, FA_FILE, 0);
}

static void destroy_returns_everything(void)
{
	size_t frames, mms, areas;

	busy_mm(); /* warm-up: the slab caches get their first slabs */
	frames = frame_free_count();
	mms = slab_active("mm_struct");
	areas = slab_active("vm_area_struct");
	busy_mm();
	KTEST_EXPECT_EQ(frame_free_count(), frames);
	KTEST_EXPECT_EQ(slab_active("mm_struct"), mms);
	KTEST_EXPECT_EQ(slab_active("vm_area_struct"), areas);
}

static const struct ktest_case vm_cases[] = {
	{ "adjacent_areas_merge", adjacent_areas_merge },
	{ "protect_splits_and_remerges", protect_splits_and_remerges },
	{ "unmap_splits_and_frees", unmap_splits_and_frees },
	{ "anon_fault_maps_zeroed_page", anon_fault_maps_zeroed_page },
	{ "permission_faults_are_efault", permission_faults_are_efault },
	{ "prot_none_keeps_contents", prot_none_keeps_contents },
	{ "copy_to_other_mm", copy_to_other_mm },
	{ "mmap_places_and_refuses", mmap_places_and_refuses },
	{ "munmap_mprotect_madvise_errors", munmap_mprotect_madvise_errors },
	{ "brk_grows_and_shrinks", brk_grows_and_shrinks },
	{ "text_fault_maps_its_window", text_fault_maps_its_window },
	{ "destroy_returns_everything", destroy_returns_everything },
};

KTEST_SUITE(vm, vm_cases);
