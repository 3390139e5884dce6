/* trap.c - what happens after a trap stub has saved the registers.
 *
 * trap_dispatch() sorts a trap by vector: an exception (0-31) or a hardware interrupt (IRQ,
 * 32-47). An exception in kernel code is a kernel bug: we panic with the exception's name, its
 * error code, CR2 for a page fault, the registers and a symbolised backtrace, so the student
 * sees which function faulted. (Exceptions from user mode become signals in a later issue.)
 * An IRQ runs its registered handler, is acknowledged at the PIC, and - if the interrupted code
 * could be preempted (it had interrupts on, so it held no spinlock) - gives the scheduler a
 * chance to switch threads.
 * Locking: irq_handlers is written at boot before interrupts are enabled.
 * See also: trap.asm (the frame), idt.c (the table), pic.c, kernel/sched.c (sched_irq_exit).
 * Linux: arch/x86/kernel/traps.c, arch/x86/mm/fault.c. */
#include "trap.h"
#include "io.h"
#include "pic.h"
#include "panic.h"
#include "sched.h"

#define VEC_PAGE_FAULT	14
#define RFLAGS_IF	(1UL << 9)

static void (*irq_handlers[TRAP_NR_IRQS])(void);

static const char *const exception_names[32] = {
	"divide error", "debug", "non-maskable interrupt", "breakpoint", "overflow",
	"bound range exceeded", "invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present", "stack fault",
	"general protection fault", "page fault", "reserved (15)", "x87 floating-point error",
	"alignment check", "machine check", "SIMD floating-point error", "virtualization",
	"control protection", "reserved (22)", "reserved (23)", "reserved (24)", "reserved (25)",
	"reserved (26)", "reserved (27)", "hypervisor injection", "VMM communication",
	"security exception", "reserved (31)",
};

/* trap_name() - a vector's name for reports ("page fault", "IRQ 0"). */
const char *trap_name(uint64_t vector)
{
	if (vector < 32)
		return exception_names[vector];
	return vector < TRAP_NR_VECTORS ? "IRQ" : "unknown vector";
}

/* irq_register() - run @handler for every @irq (0-15) and unmask it at the PIC.
 * Context: boot, before interrupts are enabled. */
void irq_register(int irq, void (*handler)(void))
{
	if (irq < 0 || irq >= TRAP_NR_IRQS)
		panic("irq_register: no IRQ %d", irq);
	irq_handlers[irq] = handler;
	pic_unmask(irq);
}

/* kernel_exception() - a fault in kernel code: report it and stop. */
static NORETURN void kernel_exception(struct trap_frame *tf)
{
	if (tf->vector == VEC_PAGE_FAULT) {
		uint64_t ec = tf->error_code;

		panic_with_frame(tf, "page fault at address %#lx (%s %s, %s mode)", read_cr2(),
				 ec & 1 ? "protection violation on" : "not-present page on",
				 ec & 16 ? "instruction fetch" : ec & 2 ? "write" : "read",
				 ec & 4 ? "user" : "kernel");
	}
	panic_with_frame(tf, "%s (vector %lu, error code %#lx)", trap_name(tf->vector),
			 tf->vector, tf->error_code);
}

/* handle_irq() - run the handler, acknowledge (pic_eoi sorts out spurious IRQs 7 and 15),
 * then maybe preempt the interrupted thread. */
static void handle_irq(struct trap_frame *tf)
{
	int irq = tf->vector - TRAP_IRQ_BASE;

	if (irq_handlers[irq])
		irq_handlers[irq]();
	pic_eoi(irq);
	if (tf->rflags & RFLAGS_IF)
		sched_irq_exit();
}

/**
 * trap_dispatch() - handle one trap; called by trap.asm with the saved frame.
 * @tf: the registers at the moment of the trap; changes to it take effect on return.
 *
 * Context: interrupts off (all gates are interrupt gates). May switch threads on an IRQ.
 * Return: nothing; kernel exceptions do not return.
 */
void trap_dispatch(struct trap_frame *tf)
{
	if (tf->vector < TRAP_IRQ_BASE)
		kernel_exception(tf);
	else if (tf->vector < TRAP_NR_VECTORS)
		handle_irq(tf);
	else
		panic_with_frame(tf, "trap on unexpected vector %lu", tf->vector);
}
