/* fpu.h - a user thread's machine state beyond the general registers (arch/x86_64/fpu.c).
 * Private to arch/x86_64: the portable kernel sees only `struct arch_thread *` and the
 * arch_thread_*() / arch_switch_to() functions of arch.h. */
#ifndef REAPER_ARCH_FPU_H
#define REAPER_ARCH_FPU_H

#include "types.h"

#define FXSAVE_SIZE	512

#define MSR_FS_BASE	0xc0000100	/* the base of %fs: the TLS pointer of x86-64 libcs */
#define MSR_GS_BASE	0xc0000101	/* the base of %gs: user-owned, the kernel does not use gs */

struct arch_thread {
	/* Valid while the thread is switched out; live in the CPU while it runs: */
	uint8_t fxsave[FXSAVE_SIZE] ALIGNED(16);	/* x87, MMX, SSE: fxsave's image */
	uint64_t fs_base;				/* MSR_FS_BASE (arch_prctl) */
	uint64_t gs_base;				/* MSR_GS_BASE (arch_prctl) */
};

void fpu_init(void);
void fpu_reset_current(void);
void fpu_save_current(uint8_t *buf);
void fpu_restore_current(uint8_t *buf);

#endif
