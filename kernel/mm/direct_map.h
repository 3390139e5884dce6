/* direct_map.h - how kernel/mm reaches physical memory: through the direct map.
 * In the kernel, phys_to_virt() and virt_to_phys() are arch.h's arithmetic over the direct
 * map at DIRECT_MAP_BASE, where all RAM is mapped. The host unit tests (tests/host/) have no
 * direct map: their "RAM" is a buffer from malloc, so under HOST_TEST the two names are
 * redirected to functions the test provides (tests/host/mm_fake.h). This is the ONLY
 * HOST_TEST hook in kernel/mm; every mm file that converts addresses includes this header. */
#ifndef REAPER_DIRECT_MAP_H
#define REAPER_DIRECT_MAP_H

#include "arch.h"

#ifdef HOST_TEST
void *fake_phys_to_virt(paddr_t pa);
paddr_t fake_virt_to_phys(const void *va);
#define phys_to_virt(pa) fake_phys_to_virt(pa)
#define virt_to_phys(va) fake_virt_to_phys(va)
#endif

#endif
