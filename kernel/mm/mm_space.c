/* mm_space.c - user address spaces: struct mm and its sorted list of areas.
 *
 * An address space is a page-table tree and a list of struct vm_area sorted by address
 * (mm_space.h has the picture). This file keeps the list true; the page tables follow it:
 *   - mapping an area only links it (the pages come later, from kernel/mm/fault.c);
 *   - unmapping a range splits the areas at its ends, unlinks the areas inside and frees the
 *     frames already mapped there;
 *   - protecting a range splits likewise, changes the areas' prot and rewrites the PTEs of
 *     pages already mapped;
 *   - afterwards neighbours that have become identical (same protection, flags, name and a
 *     contiguous source) are merged, so repeated brk() or mprotect() calls do not fragment
 *     the list.
 * Every operation takes page-aligned [start, end) ranges; the syscalls in mmap.c check and
 * round the user's numbers first.
 *
 * Invariants: areas are page-aligned, non-empty, sorted and never overlap; no two adjacent
 *   areas could be merged; every mapped user page lies inside an area and was mapped with
 *   that area's prot, except that a private page whose frame is shared copy-on-write is
 *   mapped read-only; mm->nr_pages counts the mapped pages; an area holds one reference on
 *   its file; every mapped frame is counted once per mapping (page_ref_*).
 * Locking: mm->lock (LOCK_MM) protects the area list, the page tables and the counts; the
 *   callers in mmap.c and fault.c take it, mm_dup holds the parent's. exec fills a new mm
 *   before any other thread can see it, and mm_destroy runs when no thread uses it. A
 *   spinlock (Linux: the sleeping mmap_lock) because nothing done under it sleeps.
 * The list is searched linearly: programs here have a few dozen areas. (Linux keeps them in
 * a maple tree for the thousands of a browser.)
 * See also: kernel/mm/fault.c (filling pages), kernel/mm/mmap.c (the syscalls), kernel/exec.c,
 *   kernel/include/pgtable.h. Linux: mm/mmap.c (mmap_region, do_vmi_munmap, vma_merge),
 *   mm/mprotect.c (mprotect_fixup), kernel/fork.c (mm_alloc, dup_mm, dup_mmap: our mm_dup),
 *   mm/vma.c (split_vma), mm/memory.c (copy_page_range).
 */
#include "mm_space.h"
#include "arch.h"
#include "file.h"
#include "frame.h"
#include "page.h"
#include "panic.h"
#include "pgtable.h"
#include "printk.h"
#include "slab.h"
#include "uaccess.h"
#include "vfs.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

static struct kmem_cache *mm_cache;   /* "mm_struct" */
static struct kmem_cache *area_cache; /* "vm_area_struct" */

/**
 * mm_space_init() - create the "mm_struct" and "vm_area_struct" slab caches.
 * Context: boot, once, from mm_init() after the slab allocator. Return: nothing; panics if
 * the caches cannot be made.
 */
void mm_space_init(void)
{
	mm_cache = kmem_cache_create("mm_struct", sizeof(struct mm), 0);
	area_cache = kmem_cache_create("vm_area_struct", sizeof(struct vm_area), 0);
	if (!mm_cache || !area_cache)
		panic("mm: cannot create the mm_struct and vm_area_struct caches");
}

/* ---- areas: allocation and the sorted list -------------------------------------------- */

/* area_new() - a copy of @tmpl, unlinked, holding its own file reference. NULL: no memory. */
static struct vm_area *area_new(const struct vm_area *tmpl)
{
	struct vm_area *a = kmem_cache_alloc(area_cache);

	if (!a)
		return NULL;
	*a = *tmpl;
	list_init(&a->link);
	if (a->file)
		file_get(a->file);
	return a;
}

static void area_free(struct vm_area *a)
{
	if (a->file)
		file_put(a->file);
	kmem_cache_free(area_cache, a);
}

/* area_link() - insert @a into @mm's list at its place by address. */
static void area_link(struct mm *mm, struct vm_area *a)
{
	struct list_head *before = &mm->areas; /* insert before this: the first area above @a */
	struct vm_area *other;

	list_for_each_entry(other, &mm->areas, link) {
		if (other->start >= a->end) {
			before = &other->link;
			break;
		}
	}
	list_add_tail(&a->link, before);
	mm->nr_areas++;
}

/* area_remove() - unmap @a's pages (freeing their frames), unlink and free it. */
static void area_remove(struct mm *mm, struct vm_area *a)
{
	mm->nr_pages -= pgtable_unmap_user(mm->pgtable, a->start, a->end, page_ref_put);
	list_del(&a->link);
	mm->nr_areas--;
	area_free(a);
}

/**
 * mm_find_area() - the area containing @addr.
 * @mm: the address space. @addr: any user address.
 *
 * Context: the mm's owner. Does not sleep.
 * Return: the area, or NULL if @addr is in no area.
 */
struct vm_area *mm_find_area(struct mm *mm, uaddr_t addr)
{
	struct vm_area *a;

	list_for_each_entry(a, &mm->areas, link) {
		if (addr < a->start)
			return NULL; /* sorted: no later area can hold it */
		if (addr < a->end)
			return a;
	}
	return NULL;
}

/* split_at() - make @addr an area boundary: an area straddling it becomes two, the upper
 * half a new area with the file offset moved along. Return: 0 or -ENOMEM. */
static int split_at(struct mm *mm, uaddr_t addr)
{
	struct vm_area *a = mm_find_area(mm, addr), *upper;

	if (!a || a->start == addr)
		return 0;
	upper = area_new(a);
	if (!upper)
		return -ENOMEM;
	upper->start = addr;
	if (upper->file)
		upper->file_offset += addr - a->start;
	a->end = addr;
	list_add(&upper->link, &a->link);
	mm->nr_areas++;
	return 0;
}

/* can_merge() - would @lo followed by @hi behave exactly like one area? */
static bool can_merge(const struct vm_area *lo, const struct vm_area *hi)
{
	if (lo->end != hi->start || lo->prot != hi->prot || lo->flags != hi->flags ||
	    lo->file != hi->file || lo->name != hi->name)
		return false;
	if (!lo->file)
		return true;
	return lo->file_offset + (lo->end - lo->start) == hi->file_offset &&
	       lo->file_end == hi->file_end;
}

/* merge_neighbours() - restore the invariant "no two adjacent areas could be merged" after
 * an operation that may have made some identical. */
static void merge_neighbours(struct mm *mm)
{
	struct vm_area *a, *next;

	list_for_each_entry_safe(a, next, &mm->areas, link) {
		struct vm_area *prev;

		if (a->link.prev == &mm->areas)
			continue;
		prev = list_entry(a->link.prev, struct vm_area, link);
		if (!can_merge(prev, a))
			continue;
		prev->end = a->end;
		list_del(&a->link);
		mm->nr_areas--;
		area_free(a);
	}
}

/* split_range() - make @start and @end area boundaries. On failure the list is as before
 * (a split that did succeed is merged back). Return: 0 or -ENOMEM. */
static int split_range(struct mm *mm, uaddr_t start, uaddr_t end)
{
	if (split_at(mm, start) == 0 && split_at(mm, end) == 0)
		return 0;
	merge_neighbours(mm);
	return -ENOMEM;
}

/* ---- the address space -------------------------------------------------------------- */

/**
 * mm_create() - a new, empty user address space sharing the kernel half.
 *
 * The break is unset until exec calls mm_set_brk_start().
 * Context: may be called from any thread. Does not sleep.
 * Return: the mm, or NULL if memory ran out.
 */
struct mm *mm_create(void)
{
	struct mm *mm = kmem_cache_zalloc(mm_cache);

	if (!mm)
		return NULL;
	mm->pgtable = pgtable_create_root();
	if (!mm->pgtable) {
		kmem_cache_free(mm_cache, mm);
		return NULL;
	}
	list_init(&mm->areas);
	spin_init(&mm->lock, "mm", LOCK_MM);
	mm->users = 1;
	mm->stack_top = USER_STACK_TOP;
	mm->mmap_base = MMAP_BASE;
	return mm;
}

/**
 * mm_destroy() - free an address space: every area, every frame, every page table.
 * @mm: the address space, or NULL (nothing to do). It must not be in use by another thread;
 *      if it is the live one on this CPU, the CPU moves to the kernel's tables first.
 *
 * Context: exit, a failed or finished exec. Does not sleep.
 * Return: nothing.
 */
void mm_destroy(struct mm *mm)
{
	struct vm_area *a, *next;

	if (!mm)
		return;
	list_for_each_entry_safe(a, next, &mm->areas, link)
		area_remove(mm, a);
	if (mm->nr_pages != 0)
		panic("mm: %zu pages still counted after unmapping every area", mm->nr_pages);
	pgtable_destroy_user(mm->pgtable);
	if (mm->exe_file) {		/* the program may be written again */
		inode_allow_write_access(mm->exe_file->f_inode);
		file_put(mm->exe_file);
	}
	kmem_cache_free(mm_cache, mm);
}

/**
 * mm_get() - one more process uses @mm (CLONE_VM, vfork).
 * Context: any. Return: nothing.
 */
void mm_get(struct mm *mm)
{
	__atomic_add_fetch(&mm->users, 1, __ATOMIC_RELAXED);
}

/**
 * mm_put() - a process stops using @mm; the last one destroys it (mm_destroy()).
 * @mm: the address space, or NULL. The caller no longer runs on it (arch_activate_mm).
 * Context: thread. Does not sleep. Return: nothing.
 */
void mm_put(struct mm *mm)
{
	if (mm && __atomic_sub_fetch(&mm->users, 1, __ATOMIC_ACQ_REL) == 0)
		mm_destroy(mm);
}

/* dup_area() - copy area @a of @old into @mm with its pages: private pages become
 * copy-on-write in both, shared pages stay shared. On failure nothing of @a is in @mm. */
static int dup_area(struct mm *mm, struct mm *old, const struct vm_area *a)
{
	struct vm_area *copy;
	long pages;

	if ((a->flags & VMA_SHARED) && mm_populate_area(old, a))
		return -ENOMEM;
	copy = area_new(a);
	if (!copy)
		return -ENOMEM;
	pages = pgtable_copy_user(mm->pgtable, old->pgtable, a->start, a->end,
				  a->flags & VMA_PRIVATE, page_ref_get);
	if (pages < 0) {
		pgtable_unmap_user(mm->pgtable, a->start, a->end, page_ref_put);
		area_free(copy);
		return (int)pages;
	}
	list_add_tail(&copy->link, &mm->areas);	/* @old's order is already sorted */
	mm->nr_areas++;
	mm->nr_pages += (size_t)pages;
	return 0;
}

/**
 * mm_dup() - a copy-on-write copy of @old for a forked child.
 * @old: the parent's address space (normally the current one).
 *
 * Every area is copied; every mapped page is mapped in the copy too, with the same frame
 * (one more reference). Private pages become read-only in BOTH address spaces, so whichever
 * writes first gets its own copy in the fault handler; shared pages (MAP_SHARED) stay
 * writable and shared. The heap's break and the start-up data's addresses are copied.
 * Context: thread; the caller owns @old (it is not changed concurrently). Does not sleep.
 * Return: the new mm (users 1), or NULL if memory ran out (then nothing is left over, and
 * @old's pages that became read-only simply copy or reuse themselves on the next write).
 */
struct mm *mm_dup(struct mm *old)
{
	struct mm *mm = mm_create();
	struct vm_area *a;
	int err = 0;

	if (!mm)
		return NULL;
	/* The other threads of the parent may fault or mmap meanwhile: hold its lock. */
	spin_lock(&old->lock);
	list_for_each_entry(a, &old->areas, link) {
		err = dup_area(mm, old, a);
		if (err)
			break;
	}
	mm->brk_start = old->brk_start;
	mm->brk = old->brk;
	mm->brk_limit = old->brk_limit;
	mm->start_stack = old->start_stack;	/* the child shows the same cmdline (/proc) */
	mm->arg_start = old->arg_start;
	mm->arg_end = old->arg_end;
	mm->env_start = old->env_start;
	mm->env_end = old->env_end;
	spin_unlock(&old->lock);
	if (old->exe_file) {		/* immutable: outside the lock */
		mm->exe_file = file_get(old->exe_file);
		BUG_ON(inode_deny_write_access(mm->exe_file->f_inode));	/* no writer: old's */
	}
	if (err) {
		mm_destroy(mm);
		return NULL;
	}
	return mm;
}

/**
 * mm_pgtable_root() - the page tables of @mm, for CR3 (arch_activate_mm, arch_switch_to).
 * Context: any. Return: the physical address of the root table.
 */
paddr_t mm_pgtable_root(const struct mm *mm)
{
	return mm->pgtable;
}

/**
 * mm_set_brk_start() - put the heap right after the program: exec's last step before the
 * stack. @start: the end of the highest loaded segment (rounded up to a page here).
 *
 * The break may later grow up to mm->mmap_base (and stops earlier at any area in the way:
 * Linux limits it by RLIMIT_DATA, unlimited by default, and by the same collision check).
 * Context: exec, on an mm not in use yet. Return: nothing.
 */
void mm_set_brk_start(struct mm *mm, uaddr_t start)
{
	mm->brk_start = ALIGN_UP(start, PAGE_SIZE);
	mm->brk = mm->brk_start;
	mm->brk_limit = mm->mmap_base;
}

/* range_ok() - [@start, @end) is a non-empty, page-aligned range of user space. */
static bool range_ok(uaddr_t start, uaddr_t end)
{
	return start < end && end <= USER_SPACE_END && !((start | end) & (PAGE_SIZE - 1));
}

/**
 * mm_map_area() - create an area like @tmpl, replacing whatever was mapped in its range.
 * @mm: the address space.
 * @tmpl: start and end (page-aligned), prot, flags, file (NULL for anonymous; the new area
 *        takes its own reference), file_offset, file_end, name. Its link is ignored.
 *
 * No page is mapped: they are filled on first touch (mm_handle_fault). Like MAP_FIXED, old
 * areas in the range are unmapped first; callers that must not replace check
 * mm_range_is_free().
 * Context: the mm's owner. Does not sleep (file_get does not).
 * Return: 0, -EINVAL for a bad range, or -ENOMEM.
 */
int mm_map_area(struct mm *mm, const struct vm_area *tmpl)
{
	struct vm_area *a;
	int err;

	if (!range_ok(tmpl->start, tmpl->end))
		return -EINVAL;
	a = area_new(tmpl);
	if (!a)
		return -ENOMEM;
	err = mm_unmap_range(mm, a->start, a->end);
	if (err) {
		area_free(a);
		return err;
	}
	area_link(mm, a);
	merge_neighbours(mm);
	return 0;
}

/**
 * mm_map_anon() - a private anonymous (zero-filled) area [@start, @end) with @prot.
 * @name: for dumps ("[heap]", "[stack]", "bss", "anon"); a string that lives forever.
 *
 * Context: the mm's owner. Return: as mm_map_area().
 */
int mm_map_anon(struct mm *mm, uaddr_t start, uaddr_t end, unsigned int prot, const char *name)
{
	struct vm_area tmpl = { .start = start,
				.end = end,
				.prot = prot,
				.flags = VMA_PRIVATE | VMA_ANON,
				.name = name };

	return mm_map_area(mm, &tmpl);
}

/**
 * mm_unmap_range() - remove [@start, @end) from the address space, splitting areas at the
 * ends and freeing the frames of every page mapped inside.
 * @start, @end: page-aligned, start < end. Parts that were not mapped are fine.
 *
 * Context: the mm's owner. Does not sleep.
 * Return: 0, -EINVAL for a bad range, or -ENOMEM if an area could not be split (then
 * nothing inside the range was removed).
 */
int mm_unmap_range(struct mm *mm, uaddr_t start, uaddr_t end)
{
	struct vm_area *a, *next;

	if (!range_ok(start, end))
		return -EINVAL;
	if (split_range(mm, start, end))
		return -ENOMEM;
	list_for_each_entry_safe(a, next, &mm->areas, link) {
		if (a->start >= end)
			break;
		if (a->start >= start)
			area_remove(mm, a);
	}
	return 0;
}

/**
 * mm_protect_range() - give every area in [@start, @end) protection @prot, splitting areas
 * at the ends and rewriting the PTEs of pages already mapped.
 * @start, @end: page-aligned and entirely covered by areas (mm_range_is_mapped()).
 * @prot: PROT_READ | PROT_WRITE | PROT_EXEC, or PROT_NONE.
 *
 * A shared file area cannot become writable: writes could never reach the file.
 * Context: the mm's owner. Does not sleep.
 * Return: 0, -EINVAL for a bad range, -ENOMEM if a split failed, -EACCES as above.
 */
int mm_protect_range(struct mm *mm, uaddr_t start, uaddr_t end, unsigned int prot)
{
	struct vm_area *a;

	if (!range_ok(start, end))
		return -EINVAL;
	list_for_each_entry(a, &mm->areas, link)
		if (a->end > start && a->start < end && (prot & PROT_WRITE) && a->file &&
		    (a->flags & VMA_SHARED))
			return -EACCES;
	if (split_range(mm, start, end))
		return -ENOMEM;
	list_for_each_entry(a, &mm->areas, link) {
		if (a->start < start || a->end > end)
			continue;
		a->prot = prot;
		pgtable_protect_user(mm->pgtable, a->start, a->end, prot,
				     a->flags & VMA_PRIVATE ? page_ref_is_shared : NULL);
	}
	merge_neighbours(mm);
	return 0;
}

/**
 * mm_zap_range() - drop the pages mapped in [@start, @end) but keep the areas, so the next
 * touch refills them: zeroes for anonymous memory, the file's bytes for a file area
 * (madvise(MADV_DONTNEED) on private mappings).
 * Context: the mm's owner. Does not sleep. Return: nothing.
 */
void mm_zap_range(struct mm *mm, uaddr_t start, uaddr_t end)
{
	mm->nr_pages -= pgtable_unmap_user(mm->pgtable, start, end, page_ref_put);
}

/**
 * mm_range_is_free() - no area overlaps [@start, @end).
 * Context: the mm's owner. Return: true if the range is free.
 */
bool mm_range_is_free(struct mm *mm, uaddr_t start, uaddr_t end)
{
	struct vm_area *a;

	list_for_each_entry(a, &mm->areas, link)
		if (a->start < end && start < a->end)
			return false;
	return true;
}

/**
 * mm_range_is_mapped() - areas cover every byte of [@start, @end), without a hole.
 * Context: the mm's owner. Return: true if they do (an empty range is covered).
 */
bool mm_range_is_mapped(struct mm *mm, uaddr_t start, uaddr_t end)
{
	struct vm_area *a;
	uaddr_t covered = start; /* everything below this is known to be covered */

	list_for_each_entry(a, &mm->areas, link) {
		if (a->end <= covered)
			continue;
		if (a->start > covered)
			break;
		covered = a->end;
		if (covered >= end)
			break;
	}
	return covered >= end;
}

/**
 * mm_find_free_range() - a free page-aligned range of @len bytes for mmap, top-down: the
 * highest one below mm->mmap_base and above MMAP_MIN_ADDR (Linux's default allocator).
 * @len: page-aligned, non-zero.
 *
 * Context: the mm's owner. Return: its start, or 0 if no gap is big enough.
 */
uaddr_t mm_find_free_range(struct mm *mm, size_t len)
{
	uaddr_t hi = mm->mmap_base; /* the top of the gap being considered */
	struct vm_area *a;

	for (a = list_entry(mm->areas.prev, struct vm_area, link); &a->link != &mm->areas;
	     a = list_entry(a->link.prev, struct vm_area, link)) {
		if (a->start >= hi)
			continue; /* wholly above the gap: the stack */
		if (a->end <= hi && hi - a->end >= len)
			return hi - len;
		hi = a->start;
	}
	return hi >= MMAP_MIN_ADDR + len ? hi - len : 0;
}

/**
 * mm_dump() - log @mm's areas like /proc/self/maps, for debugging and failing tests.
 * Context: any. Return: nothing.
 */
void mm_dump(struct mm *mm)
{
	struct vm_area *a;

	pr_info("mm %p: %d areas, %zu pages mapped, brk %#lx-%#lx\n", (void *)mm, mm->nr_areas,
		mm->nr_pages, mm->brk_start, mm->brk);
	list_for_each_entry(a, &mm->areas, link)
		pr_info("  %012lx-%012lx %c%c%c%c %08lx %s\n", a->start, a->end,
			a->prot & PROT_READ ? 'r' : '-', a->prot & PROT_WRITE ? 'w' : '-',
			a->prot & PROT_EXEC ? 'x' : '-', a->flags & VMA_SHARED ? 's' : 'p',
			a->file ? a->file_offset : 0, a->name ? a->name : "");
}
