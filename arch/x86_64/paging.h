/* paging.h - x86-64 4-level page tables: entry bits and a small map/unmap/lookup API.
 * arch_paging_init() (arch.h) builds the kernel's tables; the functions here edit any tree
 * given its root (the physical address of a PML4), for the address-space code to come.
 * Private to arch/x86_64. See arch/x86_64/paging.c; Intel SDM vol. 3A, chapter 4.5. */
#ifndef REAPER_PAGING_H
#define REAPER_PAGING_H

#include "types.h"

/* Bits of a page-table entry, any level (Intel SDM 3A, tables 4-14 to 4-19). */
#define PTE_PRESENT  (1ULL << 0)  /* the entry is valid */
#define PTE_WRITE    (1ULL << 1)  /* writable (CR0.WP: for the kernel too) */
#define PTE_USER     (1ULL << 2)  /* reachable from ring 3 */
#define PTE_PWT	     (1ULL << 3)  /* write-through */
#define PTE_PCD	     (1ULL << 4)  /* cache disabled (device memory) */
#define PTE_ACCESSED (1ULL << 5)  /* set by the CPU on any access */
#define PTE_DIRTY    (1ULL << 6)  /* set by the CPU on a write (last level only) */
#define PTE_HUGE     (1ULL << 7)  /* in a PD entry: a 2 MiB page; in a PDPT entry: 1 GiB */
#define PTE_GLOBAL   (1ULL << 8)  /* survives CR3 reloads (CR4.PGE) */
#define PTE_NX	     (1ULL << 63) /* no instruction fetch (EFER.NXE) */
/* Software bit (ignored by the MMU): a PROT_NONE user page. PRESENT is clear, so every access
 * faults, but the entry still holds the frame (pgtable.h). */
#define PTE_PROTNONE (1ULL << 9)

#define PTE_ADDR_MASK  0x000ffffffffff000ULL /* the physical address in an entry */
#define PTE_FLAGS_MASK (~PTE_ADDR_MASK)

#define PT_ENTRIES     512	   /* entries per table, at every level */
#define HUGE_PAGE_SIZE (2UL << 20) /* what a PD entry with PTE_HUGE maps */

int pgtable_map_page(paddr_t root, uint64_t va, paddr_t pa, uint64_t flags);
paddr_t pgtable_unmap_page(paddr_t root, uint64_t va);
bool pgtable_lookup(paddr_t root, uint64_t va, paddr_t *pa, uint64_t *flags);
paddr_t pgtable_create_root(void);
paddr_t arch_kernel_pgtable(void);

#endif
