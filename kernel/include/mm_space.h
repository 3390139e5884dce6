/* mm_space.h - user address spaces: struct mm and its areas (kernel/mm/mm_space.c,
 * kernel/mm/fault.c).
 *
 * A struct mm is one process's view of user memory: a page-table tree plus a sorted list of
 * struct vm_area, each a page-aligned range [start, end) with one protection and one source
 * of contents - zeroes (anonymous) or a file at an offset. The areas are the truth; the page
 * tables are a cache of it filled on demand: nothing is mapped until it is touched, and the
 * page-fault handler (mm_handle_fault) builds each page from its area. So mmap, brk and exec
 * only edit the list, and munmap/mprotect edit the list and the pages already present.
 *
 * The layout follows Linux x86-64 with randomisation off (`setarch -R`), so addresses match
 * what a student sees there: a static program at 0x400000 (static-PIE at 0x555555554000),
 * the heap (brk) right after its last segment, mmap areas allocated top-down from
 * MMAP_BASE, the stack's 8 MiB just below USER_STACK_TOP.
 *
 * Copy-on-write fork (mm_dup) copies the list and shares the frames: a private area's pages
 * (VMA_PRIVATE) become read-only in both address spaces and the first write to one copies it
 * (kernel/mm/fault.c); a shared area's pages (VMA_SHARED) stay shared and writable. Frames
 * count their mappings (struct page refcount, kernel/mm/page.c). An mm may also be used by
 * several processes at once (CLONE_VM, vfork): mm_get/mm_put count them in users.
 * See also: kernel/mm/mmap.c (brk, mmap, munmap, mprotect), kernel/exec.c (builds a fresh mm),
 * kernel/include/pgtable.h (the page tables). Linux: include/linux/mm_types.h (mm_struct,
 * vm_area_struct), mm/mmap.c, mm/memory.c. */
#ifndef REAPER_MM_SPACE_H
#define REAPER_MM_SPACE_H

#include "types.h"
#include "list.h"
#include "spinlock.h"

struct file;

#define USER_STACK_TOP 0x7ffffffff000UL /* Linux's STACK_TOP on x86-64 */
#define TASK_SIZE \
	USER_STACK_TOP				    /* nothing is mapped at or above (the last page
						 * below 2^47 stays a guard, as on Linux) */
#define USER_STACK_SIZE (8UL << 20)		    /* the default RLIMIT_STACK, reserved at exec */
#define MMAP_GAP	(128UL << 20)		    /* Linux's smallest stack-to-mmap gap */
#define MMAP_BASE	(USER_STACK_TOP - MMAP_GAP) /* 0x7ffff7fff000: mmap grows down */
#define MMAP_MIN_ADDR	0x10000UL		    /* nothing below (Linux's vm.mmap_min_addr) */

/* struct vm_area flags. Exactly one of PRIVATE and SHARED is set. */
#define VMA_PRIVATE   (1u << 0) /* writes stay in this mm (copied on fork, later) */
#define VMA_SHARED    (1u << 1) /* writes are seen by every mm sharing it (after fork) */
#define VMA_ANON      (1u << 2) /* zero-filled; file is NULL */
#define VMA_GROWSDOWN (1u << 3) /* a stack; MAP_GROWSDOWN */

/* One range of user memory with uniform protection and contents. */
struct vm_area {
	/* Changed only by the region operations of mm_space.c (split, protect, merge): */
	uaddr_t start;	       /* first byte; page-aligned */
	uaddr_t end;	       /* one past the last byte; page-aligned, > start */
	unsigned int prot;     /* PROT_READ | PROT_WRITE | PROT_EXEC, or PROT_NONE */
	unsigned int flags;    /* VMA_* */
	struct file *file;     /* counted reference; NULL when VMA_ANON */
	uint64_t file_offset;  /* file offset that start maps (page-aligned) */
	uint64_t file_end;     /* file offset where the contents stop: bytes at and past
					 * it read as zero (an ELF segment's p_offset + p_filesz);
					 * UINT64_MAX for mmap (the end of the file decides) */
	const char *name;      /* "[heap]", "[stack]", "text", ... for dumps; static */
	struct list_head link; /* on mm->areas, sorted by start, never overlapping */
};

struct mm {
	/* Changed atomically (mm_get, mm_put): */
	int users;	   /* processes using this address space; freed when it drops to 0 */

	/* Immutable after mm_create(): */
	paddr_t pgtable;   /* root of the page-table tree (a CR3 value) */
	uaddr_t stack_top; /* USER_STACK_TOP */
	uaddr_t mmap_base; /* top-down mmap allocation starts below this */

	struct spinlock lock;	/* LOCK_MM: the threads sharing this mm change and fault it */

	/* Protected by lock (exec fills a new mm before anyone else can see it): */
	struct list_head areas; /* of struct vm_area, via link, sorted by start */
	int nr_areas;
	size_t nr_pages;   /* user pages with a frame mapped (Linux: RSS) */
	uaddr_t brk_start; /* where the heap begins: page above the last segment */
	uaddr_t brk;	   /* the current break, as brk() reports it (unaligned) */
	uaddr_t brk_limit; /* the break never goes past this */

	/* Set by exec's commit, then immutable (mm_dup copies it): the program's file, counted,
	 * with its writes denied while this mm exists (inode_deny_write_access: ETXTBSY). */
	struct file *exe_file;

	/* Set by exec before the mm is used, then immutable (mm_dup copies them): where exec
	 * put the program's start-up data on the stack, for /proc/<pid>/cmdline, environ and
	 * stat (Linux: mm_struct's start_stack, arg_start ... env_end). 0 until exec: */
	uaddr_t start_stack;	/* the initial stack pointer (argc) */
	uaddr_t arg_start;	/* the argv strings, NUL-terminated and packed: [arg_start, */
	uaddr_t arg_end;	/* arg_end) */
	uaddr_t env_start;	/* the envp strings, likewise: [env_start, env_end) */
	uaddr_t env_end;
};

void mm_space_init(void);
struct mm *mm_create(void);
void mm_destroy(struct mm *mm);
struct mm *mm_dup(struct mm *old);
void mm_get(struct mm *mm);
void mm_put(struct mm *mm);
paddr_t mm_pgtable_root(const struct mm *mm);
void mm_set_brk_start(struct mm *mm, uaddr_t start);

/* Areas (mm_space.c). @tmpl gives start, end, prot, flags, file, file_offset, file_end and
 * name of the new area; the file reference is the callee's own (it takes one). */
struct vm_area *mm_find_area(struct mm *mm, uaddr_t addr);
int mm_map_area(struct mm *mm, const struct vm_area *tmpl);
int mm_map_anon(struct mm *mm, uaddr_t start, uaddr_t end, unsigned int prot, const char *name);
int mm_unmap_range(struct mm *mm, uaddr_t start, uaddr_t end);
int mm_protect_range(struct mm *mm, uaddr_t start, uaddr_t end, unsigned int prot);
void mm_zap_range(struct mm *mm, uaddr_t start, uaddr_t end);
bool mm_range_is_free(struct mm *mm, uaddr_t start, uaddr_t end);
bool mm_range_is_mapped(struct mm *mm, uaddr_t start, uaddr_t end);
uaddr_t mm_find_free_range(struct mm *mm, size_t len);
void mm_dump(struct mm *mm);

/* Demand paging and access from outside (fault.c). */
int mm_handle_fault(struct mm *mm, uaddr_t addr, bool write, bool exec);
int mm_copy_to(struct mm *mm, uaddr_t dst, const void *src, size_t n);
int mm_access_remote(struct mm *mm, uaddr_t addr, void *buf, size_t n, bool write);
int mm_populate_area(struct mm *mm, const struct vm_area *a);

#endif
