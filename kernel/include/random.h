/* random.h - the kernel's random numbers (kernel/random.c): getrandom(2), AT_RANDOM.
 * NOT cryptographic: a fast generator seeded from the cycle counter and the real-time clock,
 * good enough for a teaching kernel's stack canaries and hash seeds, nothing more. */
#ifndef REAPER_RANDOM_H
#define REAPER_RANDOM_H

#include "types.h"

void random_bytes(void *buf, size_t n);
uint64_t random_u64(void);

#endif
