/* arch_irq.h - the interrupt flag, in line: kernel/include/arch.h includes this file.
 *
 * Each of these is an instruction or two, and spinlocks use them on every lock and unlock.
 * As functions (arch/x86_64/cpu.c, before), each call ended in a `ret`, which QEMU's TCG
 * resolves with a lookup of the translated block it returns to: two of a null system call's
 * 23 lookups, two more per spinlock pair anywhere (docs/performance.md). Linux keeps them in line for its own reasons
 * (arch/x86/include/asm/irqflags.h). The interrupt flag is bit 9 of RFLAGS; save returns the
 * whole RFLAGS and restore re-enables interrupts only if that bit was set, which makes the
 * pair nest. The contract is in kernel/include/arch.h. */
#ifndef REAPER_ARCH_IRQ_H
#define REAPER_ARCH_IRQ_H

#include "types.h"

#define ARCH_RFLAGS_IF	(1UL << 9)

static inline unsigned long arch_irq_save(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags;
}

static inline void arch_irq_restore(unsigned long flags)
{
	if (flags & ARCH_RFLAGS_IF)
		__asm__ __volatile__("sti" : : : "memory");
}

static inline void arch_irq_enable(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}

static inline void arch_irq_disable(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

static inline bool arch_irqs_enabled(void)
{
	unsigned long flags;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(flags));
	return flags & ARCH_RFLAGS_IF;
}

#endif
