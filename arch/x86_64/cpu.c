/* cpu.c - halting, spin-wait hints, and leaving the machine.
 *
 * The interrupt flag itself (arch_irq_save/restore, enable/disable) is in line, in
 * arch/x86_64/include/arch_irq.h. Halting with interrupts on must be "sti; hlt", below.
 * Power-off: QEMU's `pc` machine powers off when 0x2000 is written to the ACPI PM1a control
 * port 0x604; under the test harness the isa-debug-exit device (port 0xf4) exits QEMU with
 * status (value << 1) | 1 instead, so a test run can report pass or fail.
 * See also: kernel/include/arch.h (the contract), arch_irq.h, kernel/spinlock.c. */
#include "arch.h"
#include "io.h"

#define QEMU_DEBUG_EXIT_PORT	0xf4
#define QEMU_ACPI_PM1A_CNT	0x604
#define ACPI_SLP_EN_S5		0x2000

/* arch_wait_for_interrupt() - "sti; hlt" back to back: sti takes effect after the next
 * instruction, so no interrupt can slip in between and leave us halted with work pending. */
void arch_wait_for_interrupt(void)
{
	__asm__ __volatile__("sti; hlt" : : : "memory");
}

void arch_cpu_relax(void)
{
	__asm__ __volatile__("pause");
}

NORETURN void arch_halt_forever(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

/* arch_qemu_exit() - leave QEMU with status (code << 1) | 1; on a machine without the
 * isa-debug-exit device the write does nothing and we power off instead. */
NORETURN void arch_qemu_exit(int code)
{
	outl(QEMU_DEBUG_EXIT_PORT, (uint32_t)code);
	arch_poweroff();
}

NORETURN void arch_poweroff(void)
{
	outw(QEMU_ACPI_PM1A_CNT, ACPI_SLP_EN_S5);
	arch_halt_forever();
}
