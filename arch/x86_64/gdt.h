/* gdt.h - segment selectors and the TSS (arch/x86_64/gdt.c). */
#ifndef REAPER_ARCH_GDT_H
#define REAPER_ARCH_GDT_H

#include "types.h"

/* The order is fixed by syscall/sysret: sysret loads SS = STAR.user + 8 and CS = STAR.user + 16,
 * so user data must sit just below user code. */
#define GDT_KERNEL_CODE	0x08
#define GDT_KERNEL_DATA	0x10
#define GDT_USER_DATA	0x18	/* used with RPL 3: 0x1b */
#define GDT_USER_CODE	0x20	/* used with RPL 3: 0x23 */
#define GDT_TSS		0x28

#define IST_DOUBLE_FAULT 1	/* interrupt stack table slot of the double-fault handler */

void gdt_init(void);
void tss_set_rsp0(uint64_t rsp0);

#endif
