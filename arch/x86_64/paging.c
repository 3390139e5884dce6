/* paging.c - the kernel's page tables: the direct map, the kernel image, no identity map.
 *
 * x86-64 translates a virtual address through four tables of 512 eight-byte entries: PML4
 * (bits 47-39), PDPT (38-30), PD (29-21), PT (20-12); the low 12 bits are the offset in a
 * 4 KiB page. A PD entry with PTE_HUGE maps a 2 MiB page directly, skipping the PT.
 *
 * boot/entry.asm ran on throw-away tables mapping physical 0..1 GiB three times. Here we
 * build the tables the kernel keeps, from frames of the frame allocator:
 *   1. the direct map: physical [0, max(RAM end, 4 GiB)) at DIRECT_MAP_BASE, 2 MiB pages,
 *      writable, no-execute, global. RAM is cached; the part of the first 4 GiB above RAM
 *      holds device registers (local APIC, I/O APIC, PCI) and is mapped uncached;
 *   2. the kernel image at KERNEL_VMA + physical, 4 KiB pages, permissions per section:
 *      .text read-only and executable, .rodata read-only, .data and .bss writable, both
 *      no-execute. A stray write to code or a jump into data now faults;
 *   3. nothing at virtual address 0: the identity map is gone, so a NULL dereference faults.
 * Then CR3 switches to the new tables, and CR4.PGE makes the global entries survive later
 * CR3 switches (they are the same in every address space).
 *
 * The same walk serves later users through pgtable_map_page() and friends, which edit any
 * tree by its root. A user address space copies the kernel half (PML4 entries 256..511) from
 * the kernel's root; that stays correct because the kernel half never gains a PML4 entry
 * after boot (the direct map needs one per 512 GiB of RAM, the image one).
 *
 * User trees (the second half of this file, kernel/include/pgtable.h): the portable mm code
 * maps, protects and unmaps user pages by PROT_* bits; here they become PTE bits (a user page
 * is USER, WRITE if writable, NX unless executable; PROT_NONE keeps the frame in a
 * not-present PTE_PROTNONE entry). Range operations skip absent tables a whole table at a
 * time, so unmapping a mostly empty 1 GiB reservation is cheap. A user tree owns its table
 * frames (freed by pgtable_destroy_user); the frames it maps belong to the caller.
 *
 * Invariants: table frames come from frame_alloc() lowest-first, so the first ones lie below
 *   1 GiB, inside the early direct map that reaches them before CR3 changes.
 * Locking: none. arch_paging_init() runs once at boot; callers of pgtable_* serialise edits
 *   of one tree (its struct mm's lock, later).
 * See also: boot/entry.asm (early tables), kernel/mm/mm_init.c (the caller), paging.h,
 *   kernel/mm/mm_space.c (user trees).
 *   Intel SDM vol. 3A ch. 4.5. Linux: arch/x86/mm/init_64.c, arch/x86/mm/pgtable.c.
 */
#include "paging.h"
#include "arch.h"
#include "pgtable.h"
#include "frame.h"
#include "io.h"
#include "panic.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

#define CR4_PGE		  (1UL << 7) /* honour PTE_GLOBAL */
#define FOUR_GIB	  (4UL << 30)
#define KERNEL_HALF_FIRST 256 /* PML4 entries 256..511 map the kernel half */

/* Entries of intermediate tables are permissive; the last level decides. */
#define TABLE_FLAGS	 (PTE_PRESENT | PTE_WRITE)
#define DIRECT_MAP_FLAGS (PTE_PRESENT | PTE_WRITE | PTE_HUGE | PTE_GLOBAL | PTE_NX)

/* Linker symbols (linker.ld): virtual addresses of the image's sections. */
extern char __text_start[], __text_end[], __data_start[], __bss_end[];

/* Immutable after arch_paging_init(): */
static paddr_t kernel_root; /* physical address of the kernel's PML4 */

static inline void write_cr3(paddr_t root)
{
	__asm__ __volatile__("mov %0, %%cr3" : : "r"(root) : "memory");
}

static inline void invlpg(uint64_t va)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
}

static void enable_global_pages(void)
{
	uint64_t cr4;

	__asm__ __volatile__("mov %%cr4, %0" : "=r"(cr4));
	__asm__ __volatile__("mov %0, %%cr4" : : "r"(cr4 | CR4_PGE) : "memory");
}

static ALWAYS_INLINE uint64_t *table_at(paddr_t pa)
{
	return phys_to_virt(pa);
}

/* pt_index() - which entry of the level-@level table translates @va (4 = PML4 .. 1 = PT). */
static ALWAYS_INLINE unsigned int pt_index(uint64_t va, int level)
{
	return (va >> (PAGE_SHIFT + 9 * (level - 1))) & (PT_ENTRIES - 1);
}

/* walk() - the level-@level entry for @va in the tree at @root. Missing tables are created
 * with @table_flags, or, if that is 0, the walk stops and returns NULL. NULL also when no
 * frame is left for a table. A huge page on the way is a caller's bug. */
static uint64_t *walk(paddr_t root, uint64_t va, int level, uint64_t table_flags)
{
	uint64_t *table = table_at(root);

	for (int l = 4; l > level; l--) {
		uint64_t *e = &table[pt_index(va, l)];

		if (!(*e & PTE_PRESENT)) {
			paddr_t next = table_flags ? frame_alloc() : 0;

			if (!next)
				return NULL;
			*e = next | table_flags;
		}
		if (*e & PTE_HUGE)
			panic("paging: %#lx lies in a huge page; cannot edit it by 4 KiB", va);
		*e |= table_flags & PTE_USER; /* a user page needs USER at every level */
		table = table_at(*e & PTE_ADDR_MASK);
	}
	return &table[pt_index(va, level)];
}

/* flush_if_current() - drop a stale TLB entry for @va if @root is the live tree. */
static ALWAYS_INLINE void flush_if_current(paddr_t root, uint64_t va)
{
	if ((read_cr3() & PTE_ADDR_MASK) == root)
		invlpg(va);
}

/* map_direct() - step 1: 2 MiB pages for physical [0, max(@max_phys, 4 GiB)). */
static void map_direct(paddr_t root, paddr_t max_phys)
{
	paddr_t ram_end = ALIGN_UP(max_phys, HUGE_PAGE_SIZE);
	paddr_t end = MAX(ram_end, FOUR_GIB);

	for (paddr_t pa = 0; pa < end; pa += HUGE_PAGE_SIZE) {
		uint64_t *e = walk(root, DIRECT_MAP_BASE + pa, 2, TABLE_FLAGS);

		if (!e)
			panic("paging: out of frames building the direct map");
		*e = pa | DIRECT_MAP_FLAGS | (pa >= ram_end ? PTE_PCD | PTE_PWT : 0);
	}
}

/* overlaps() - true if [@start, @end) and [@lo, @hi) share a byte. */
static bool overlaps(uint64_t start, uint64_t end, const char *lo, const char *hi)
{
	return start < (uint64_t)hi && (uint64_t)lo < end;
}

/* kernel_page_flags() - the permissions of the image page at @va. A page that holds data is
 * writable and one that holds code executable, so a page shared by two sections (the linker
 * aligns them, but only a check makes that safe) still works. */
static uint64_t kernel_page_flags(uint64_t va)
{
	uint64_t flags = PTE_PRESENT | PTE_GLOBAL;

	if (overlaps(va, va + PAGE_SIZE, __data_start, __bss_end))
		flags |= PTE_WRITE;
	if (!overlaps(va, va + PAGE_SIZE, __text_start, __text_end))
		flags |= PTE_NX;
	return flags;
}

/* map_kernel_image() - step 2: every 4 KiB page from .text to the end of .bss. */
static void map_kernel_image(paddr_t root)
{
	uint64_t start = ALIGN_DOWN((uint64_t)__text_start, PAGE_SIZE);
	uint64_t end = ALIGN_UP((uint64_t)__bss_end, PAGE_SIZE);

	for (uint64_t va = start; va < end; va += PAGE_SIZE) {
		uint64_t *e = walk(root, va, 1, TABLE_FLAGS);

		if (!e)
			panic("paging: out of frames mapping the kernel image");
		*e = (va - KERNEL_VMA) | kernel_page_flags(va);
	}
}

/**
 * arch_paging_init() - build and load the kernel's page tables (steps in the header).
 * @max_phys: the end of the highest usable RAM (frame_max_phys()).
 *
 * Context: boot, once, after frame_init() and before anything needs the direct map above
 * 1 GiB. Afterwards only the direct map and the kernel image are mapped.
 * Return: nothing; panics if frames run out (they cannot at boot).
 */
void arch_paging_init(paddr_t max_phys)
{
	kernel_root = frame_alloc();
	if (!kernel_root)
		panic("paging: no frame for the kernel PML4");
	map_direct(kernel_root, max_phys);
	map_kernel_image(kernel_root);
	write_cr3(kernel_root);
	enable_global_pages();
}

/**
 * arch_kernel_pgtable() - the kernel's PML4.
 *
 * Context: any, after arch_paging_init(). Return: its physical address (a CR3 value).
 */
paddr_t arch_kernel_pgtable(void)
{
	return kernel_root;
}

/**
 * pgtable_create_root() - a new, empty address space that shares the kernel half.
 *
 * Context: after arch_paging_init(). Return: the physical address of its PML4, or 0 if no
 * frame is free.
 */
paddr_t pgtable_create_root(void)
{
	paddr_t root = frame_alloc();
	uint64_t *dst, *src;

	if (!root)
		return 0;
	dst = table_at(root);
	src = table_at(kernel_root);
	for (int i = KERNEL_HALF_FIRST; i < PT_ENTRIES; i++)
		dst[i] = src[i];
	return root;
}

/**
 * pgtable_map_page() - map the 4 KiB page at @va to the frame at @pa in the tree at @root.
 * @root: physical address of a PML4. @va: page-aligned virtual address.
 * @pa: page-aligned physical address. @flags: PTE_* bits; PTE_PRESENT is implied.
 *
 * A mapping already at @va is replaced (its frame is not freed). Missing tables are created;
 * with PTE_USER in @flags every level on the way is made user-reachable.
 * Context: the caller serialises edits of this tree. Does not sleep.
 * Return: 0, or -ENOMEM if a table could not be allocated. Panics on unaligned addresses.
 */
int pgtable_map_page(paddr_t root, uint64_t va, paddr_t pa, uint64_t flags)
{
	uint64_t *e;

	if ((va | pa) & (PAGE_SIZE - 1))
		panic("paging: mapping unaligned %#lx -> %#lx", va, pa);
	e = walk(root, va, 1, TABLE_FLAGS | (flags & PTE_USER));
	if (!e)
		return -ENOMEM;
	*e = pa | (flags & PTE_FLAGS_MASK) | PTE_PRESENT;
	flush_if_current(root, va);
	return 0;
}

/**
 * pgtable_unmap_page() - remove the 4 KiB mapping at @va from the tree at @root.
 * @root: physical address of a PML4. @va: page-aligned virtual address.
 *
 * Neither the frame nor emptied tables are freed; the caller owns the frame.
 * Context: the caller serialises edits of this tree. Does not sleep.
 * Return: the physical address that was mapped, or 0 if nothing was.
 */
paddr_t pgtable_unmap_page(paddr_t root, uint64_t va)
{
	uint64_t *e = walk(root, va, 1, 0);
	paddr_t old;

	if (!e || !(*e & PTE_PRESENT))
		return 0;
	old = *e & PTE_ADDR_MASK;
	*e = 0;
	flush_if_current(root, va);
	return old;
}

/**
 * pgtable_lookup() - translate @va through the tree at @root, as the MMU would.
 * @root: physical address of a PML4. @va: any virtual address.
 * @pa: set to the physical address @va maps to (page offset included).
 * @flags: set to the last-level entry's PTE_* bits.
 *
 * Huge (2 MiB, 1 GiB) pages are followed too. Context: any. Does not sleep.
 * Return: true if @va is mapped; @pa and @flags are untouched otherwise.
 */
bool pgtable_lookup(paddr_t root, uint64_t va, paddr_t *pa, uint64_t *flags)
{
	uint64_t *table = table_at(root);

	for (int level = 4; level >= 1; level--) {
		uint64_t e = table[pt_index(va, level)];
		uint64_t size = 1ULL << (PAGE_SHIFT + 9 * (level - 1));

		if (!(e & PTE_PRESENT))
			return false;
		if (level == 1 || (e & PTE_HUGE)) {
			*pa = (e & PTE_ADDR_MASK & ~(size - 1)) + (va & (size - 1));
			*flags = e & PTE_FLAGS_MASK;
			return true;
		}
		table = table_at(e & PTE_ADDR_MASK);
	}
	return false;
}

/* ---- user trees (kernel/include/pgtable.h) ------------------------------------------------ */

#define USER_HALF_END KERNEL_HALF_FIRST /* PML4 entries 0..255 map user space */

/* prot_to_pte() - the last-level entry for a user page of protection @prot at @pa. */
static uint64_t prot_to_pte(paddr_t pa, unsigned int prot)
{
	uint64_t e = pa | PTE_USER;

	if (!(prot & (PROT_READ | PROT_WRITE | PROT_EXEC)))
		return pa | PTE_PROTNONE; /* not present: every access faults */
	e |= PTE_PRESENT;
	if (prot & PROT_WRITE)
		e |= PTE_WRITE;
	if (!(prot & PROT_EXEC))
		e |= PTE_NX;
	return e;
}

/* pte_to_prot() - the PROT_* bits a user leaf entry grants (reads are implied, as on x86). */
static unsigned int pte_to_prot(uint64_t e)
{
	unsigned int prot = PROT_READ;

	if (!(e & PTE_PRESENT))
		return PROT_NONE;
	if (e & PTE_WRITE)
		prot |= PROT_WRITE;
	if (!(e & PTE_NX))
		prot |= PROT_EXEC;
	return prot;
}

static ALWAYS_INLINE bool is_user_leaf(uint64_t e)
{
	return e & (PTE_PRESENT | PTE_PROTNONE);
}

/* or8() - the eight entries from @e ORed: 0 if all eight are empty. The walks below test a
 * group at once: at -Og a loop step costs more than the test, and most entries are empty. */
static ALWAYS_INLINE uint64_t or8(const uint64_t *e)
{
	return e[0] | e[1] | e[2] | e[3] | e[4] | e[5] | e[6] | e[7];
}

/* One visit of a user leaf entry by walk_user_range(). */
struct leaf_visit {
	paddr_t root;
	void (*fn)(struct leaf_visit *v, uint64_t *e, uint64_t va);
	void (*put)(paddr_t pa);	/* unmap: where frames go */
	unsigned int prot;		/* protect: the new protection */
	bool (*is_shared)(paddr_t pa);	/* protect: keep shared frames read-only (NULL: no) */
	paddr_t dst_root;		/* copy: the tree that receives the entries */
	void (*get)(paddr_t pa);	/* copy: count the frame's new mapping */
	bool cow;			/* copy: write-protect both entries */
	int err;			/* copy: -ENOMEM once a table could not be allocated */
	size_t count;			/* leaves visited */
};

/* walk_level() - visit every user leaf for [@start, @end) in the level-@level @table, whose
 * first entry maps @base. Absent tables are skipped whole. The loop runs over the table's
 * entries by index and tests them in line (is_user_leaf(), PTE_PRESENT): it runs once per
 * page of every area on each fork, exit and munmap, and was the top of a fork+exit+wait
 * profile when it called a helper per entry (docs/performance.md). */
static void walk_level(uint64_t *table, int level, uint64_t base, uint64_t start, uint64_t end,
		       struct leaf_visit *v)
{
	unsigned int shift = PAGE_SHIFT + 9 * (level - 1);	/* one entry maps 1 << shift */
	unsigned int i = start > base ? (unsigned int)((start - base) >> shift) : 0;
	uint64_t va = base + ((uint64_t)i << shift);

	for (; i < PT_ENTRIES && va < end; i++, va += 1ULL << shift) {
		uint64_t e = table[i];

		/* Most entries are empty: eight of them at a time are skipped with one test. */
		if ((i & 7) == 0 && i + 8 <= PT_ENTRIES && !or8(&table[i])) {
			i += 7;
			va += 7ULL << shift;
			continue;
		}
		if (level == 1 && (e & (PTE_PRESENT | PTE_PROTNONE))) {	/* is_user_leaf() */
			v->fn(v, &table[i], va);
			v->count++;
		} else if (level > 1 && (e & PTE_PRESENT)) {
			walk_level(table_at(e & PTE_ADDR_MASK), level - 1, va, start, end, v);
		}
	}
}

static void walk_user_range(paddr_t root, uaddr_t start, uaddr_t end, struct leaf_visit *v)
{
	end = MIN(end, (uaddr_t)USER_SPACE_END);
	if (start < end)
		walk_level(table_at(root), 4, 0, start, end, v);
}

/* free_tables() - free the level-@level table at @pa and every table below it. A leaf that
 * is still mapped means the caller forgot to unmap (and so to free) its frame. */
static void free_tables(paddr_t pa, int level, unsigned int nr_entries)
{
	uint64_t *table = table_at(pa);
	uint64_t any = 0;

	if (level == 1) {	/* one pass ORing the entries; the search only if one is a leaf */
		for (unsigned int i = 0; i < nr_entries; i += 8)
			any |= or8(&table[i]);
		for (unsigned int i = 0; (any & (PTE_PRESENT | PTE_PROTNONE)) && i < nr_entries; i++)
			if (is_user_leaf(table[i]))
				panic("paging: freeing a user tree that still maps %#lx",
				      (paddr_t)(table[i] & PTE_ADDR_MASK));
	} else {
		for (unsigned int i = 0; i < nr_entries; i++) {
			if ((i & 7) == 0 && !(or8(&table[i]) & PTE_PRESENT)) {
				i += 7;		/* eight empty entries, one test */
				continue;
			}
			if (table[i] & PTE_PRESENT)
				free_tables(table[i] & PTE_ADDR_MASK, level - 1, PT_ENTRIES);
		}
	}
	frame_free(pa);
}

/**
 * pgtable_destroy_user() - free a user tree's page tables and its root.
 * @root: a PML4 from pgtable_create_root(), with every user page already unmapped
 *        (pgtable_unmap_user over all of user space).
 *
 * The kernel half is shared and untouched. If @root is the live tree, the CPU first switches
 * to the kernel's own, so it never runs on freed tables.
 * Context: the caller owns the tree. Does not sleep. Panics if a user page is still mapped.
 * Return: nothing.
 */
void pgtable_destroy_user(paddr_t root)
{
	if ((read_cr3() & PTE_ADDR_MASK) == root)
		write_cr3(kernel_root);
	free_tables(root, 4, USER_HALF_END);
}

/**
 * pgtable_map_user() - map the user page at @va to the frame at @pa with protection @prot.
 * @root: a user tree. @va: page-aligned, below USER_SPACE_END. @pa: page-aligned frame.
 * @prot: PROT_READ | PROT_WRITE | PROT_EXEC, or PROT_NONE (kept but unreachable).
 *
 * Replaces whatever was at @va (its frame is not freed).
 * Context: the caller serialises edits of this tree. Does not sleep.
 * Return: 0, or -ENOMEM if a page table could not be allocated.
 */
int pgtable_map_user(paddr_t root, uaddr_t va, paddr_t pa, unsigned int prot)
{
	uint64_t *e, old;

	if (va >= USER_SPACE_END || ((va | pa) & (PAGE_SIZE - 1)))
		panic("paging: bad user mapping %#lx -> %#lx", va, pa);
	e = walk(root, va, 1, TABLE_FLAGS | PTE_USER);
	if (!e)
		return -ENOMEM;
	old = *e;
	*e = prot_to_pte(pa, prot);
	/* The TLB caches present translations only (Intel SDM vol. 3A, 4.10.2.3): an entry that
	 * was not present - a first mapping, the common case - has nothing to drop. Under QEMU's
	 * TCG every invlpg ends the translated block and goes back to QEMU's loop: 17 of them
	 * in each fork+exec+wait were for nothing (docs/performance.md). */
	if (old & PTE_PRESENT)
		flush_if_current(root, va);
	return 0;
}

/**
 * pgtable_user_frame() - the frame mapped at user page @va, and its protection.
 * @root: a user tree. @va: any user address (the page containing it is looked up).
 * @prot: if not NULL, set to the PROT_* bits the page grants now.
 *
 * Context: any. Does not sleep.
 * Return: the frame's physical address, or 0 if nothing is mapped there (PROT_NONE pages
 * count as mapped).
 */
paddr_t pgtable_user_frame(paddr_t root, uaddr_t va, unsigned int *prot)
{
	uint64_t *e;

	if (va >= USER_SPACE_END)
		return 0;
	e = walk(root, ALIGN_DOWN(va, PAGE_SIZE), 1, 0);
	if (!e || !is_user_leaf(*e))
		return 0;
	if (prot)
		*prot = pte_to_prot(*e);
	return *e & PTE_ADDR_MASK;
}

static void unmap_leaf(struct leaf_visit *v, uint64_t *e, uint64_t va)
{
	paddr_t pa = *e & PTE_ADDR_MASK;

	*e = 0;
	flush_if_current(v->root, va);
	v->put(pa);
}

/**
 * pgtable_unmap_user() - unmap every user page in [@start, @end) and hand back its frame.
 * @root: a user tree. @start, @end: page-aligned; the part above user space is ignored.
 * @put: called with each unmapped frame (the caller frees it, or drops a reference).
 *
 * Emptied page tables stay (pgtable_destroy_user frees them).
 * Context: the caller serialises edits of this tree. Does not sleep unless @put does.
 * Return: the number of pages unmapped.
 */
size_t pgtable_unmap_user(paddr_t root, uaddr_t start, uaddr_t end, void (*put)(paddr_t pa))
{
	struct leaf_visit v = { .root = root, .fn = unmap_leaf, .put = put };

	walk_user_range(root, start, end, &v);
	return v.count;
}

static void protect_leaf(struct leaf_visit *v, uint64_t *e, uint64_t va)
{
	paddr_t pa = *e & PTE_ADDR_MASK;
	unsigned int prot = v->prot;

	/* A frame still shared copy-on-write must not become writable here: the next write
	 * fault copies it (kernel/mm/fault.c). */
	if ((prot & PROT_WRITE) && v->is_shared && v->is_shared(pa))
		prot &= ~PROT_WRITE;
	*e = prot_to_pte(pa, prot);
	flush_if_current(v->root, va);
}

/**
 * pgtable_protect_user() - give every mapped user page in [@start, @end) protection @prot.
 * @root: a user tree. @start, @end: page-aligned. @prot: PROT_* bits, PROT_NONE included.
 * @is_shared: for a private mapping, tells which frames are shared copy-on-write: those stay
 *             read-only whatever @prot says. NULL for shared mappings.
 *
 * Unmapped pages stay unmapped (they get @prot when they are faulted in).
 * Context: the caller serialises edits of this tree. Does not sleep.
 * Return: nothing.
 */
void pgtable_protect_user(paddr_t root, uaddr_t start, uaddr_t end, unsigned int prot,
			  bool (*is_shared)(paddr_t pa))
{
	struct leaf_visit v = { .root = root, .fn = protect_leaf, .prot = prot,
				.is_shared = is_shared };

	walk_user_range(root, start, end, &v);
}

/* copy_leaf() - install the entry @e of the source tree at @va in the destination tree. */
static void copy_leaf(struct leaf_visit *v, uint64_t *e, uint64_t va)
{
	uint64_t *d;

	if (v->err)
		return;
	d = walk(v->dst_root, va, 1, TABLE_FLAGS | PTE_USER);
	if (!d) {
		v->err = -ENOMEM;
		return;
	}
	if (v->cow && (*e & PTE_WRITE)) {
		*e &= ~PTE_WRITE;
		flush_if_current(v->root, va);
	}
	*d = *e;
	v->get(*e & PTE_ADDR_MASK);
}

/**
 * pgtable_copy_user() - map every user page of [@start, @end) of @src into @dst too, at the
 * same address and with the same frame (fork).
 * @src, @dst: user trees; @dst has nothing mapped in the range.
 * @cow: write-protect the page in both trees (a private mapping: copy-on-write); false keeps
 *       the entries as they are (a shared mapping).
 * @get: called with each frame that gained a mapping (page_ref_get).
 *
 * Context: the caller serialises edits of both trees. Does not sleep.
 * Return: the number of pages copied, or -ENOMEM if a page table of @dst could not be
 * allocated; the pages copied before that are mapped in @dst (and counted by @get), so the
 * caller unmaps the range to undo.
 */
long pgtable_copy_user(paddr_t dst, paddr_t src, uaddr_t start, uaddr_t end, bool cow,
		      void (*get)(paddr_t pa))
{
	struct leaf_visit v = { .root = src, .fn = copy_leaf, .dst_root = dst, .cow = cow,
				.get = get };

	walk_user_range(src, start, end, &v);
	return v.err ? v.err : (long)v.count;
}
