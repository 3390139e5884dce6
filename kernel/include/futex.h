/* futex.h - fast user-space mutexes: sleeping on a 32-bit word of user memory
 * (kernel/futex.c, syscall 202). The kernel side of every musl/glibc lock, condition variable
 * and pthread_join. */
#ifndef REAPER_FUTEX_H
#define REAPER_FUTEX_H

#include "types.h"

/* futex(2) operations and flags (Linux: include/uapi/linux/futex.h). */
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY	0xffffffffu

int futex_wake_address(uaddr_t uaddr, int nr);

#endif
