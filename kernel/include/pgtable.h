/* pgtable.h - user page tables as the portable kernel sees them (arch/x86_64/paging.c).
 *
 * The address-space code (kernel/mm/) decides WHAT is mapped - which frame at which user
 * address, with which PROT_* protection; the machine decides HOW it is written into page
 * tables. These functions are that boundary: they speak PROT_READ/WRITE/EXEC (uapi/mman.h),
 * never hardware bits, so kernel/mm/ does not know it runs on x86-64 (DESIGN.md section 2).
 * A PROT_NONE page keeps its frame but is unreachable (a "protnone" entry), so mprotect can
 * make it reachable again with its contents intact.
 *
 * Frames: the page tables themselves belong to the tree; the frames they map belong to the
 * caller, who gets each one back through a callback when it is unmapped (so copy-on-write can
 * later count references instead of freeing).
 * Locking: the caller serialises edits of one tree (its struct mm; see mm_space.h).
 * See also: arch/x86_64/paging.h (the hardware view), kernel/mm/mm_space.c (the main caller).
 * Linux: include/linux/pgtable.h, mm/memory.c (zap_page_range), mm/mprotect.c. */
#ifndef REAPER_PGTABLE_H
#define REAPER_PGTABLE_H

#include "types.h"

paddr_t pgtable_create_root(void);
void pgtable_destroy_user(paddr_t root);
int pgtable_map_user(paddr_t root, uaddr_t va, paddr_t pa, unsigned int prot);
paddr_t pgtable_user_frame(paddr_t root, uaddr_t va, unsigned int *prot);
size_t pgtable_unmap_user(paddr_t root, uaddr_t start, uaddr_t end, void (*put)(paddr_t pa));
void pgtable_protect_user(paddr_t root, uaddr_t start, uaddr_t end, unsigned int prot,
			  bool (*is_shared)(paddr_t pa));
long pgtable_copy_user(paddr_t dst, paddr_t src, uaddr_t start, uaddr_t end, bool cow,
		      void (*get)(paddr_t pa));

#endif
