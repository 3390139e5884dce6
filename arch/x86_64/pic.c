/* pic.c - the legacy 8259A programmable interrupt controllers, remapped and masked.
 *
 * A PC has two 8259As: the master takes IRQ 0-7, the slave IRQ 8-15 and signals the master on
 * its line 2 (the "cascade"). After reset the master delivers on vectors 8-15, which the CPU
 * uses for exceptions (8 is the double fault), so pic_init() sends the four initialisation
 * words again with new vector bases: 32 for the master, 40 for the slave.
 *
 * Each PIC has an interrupt mask register (a set bit blocks the line). Every line starts masked;
 * pic_unmask() opens one, and opening a slave line also opens the cascade. After a handler runs
 * the PIC must be told (end of interrupt) before it delivers that line or any lower-priority one
 * again; an IRQ from the slave needs an EOI on both chips.
 *
 * Spurious interrupts: if a line drops before the CPU acknowledges it, the PIC delivers its
 * lowest-priority vector anyway (IRQ 7, or 15 on the slave) without setting the in-service bit.
 * Such an IRQ must not be acknowledged (the slave's is still acknowledged on the master, which
 * did see a real cascade request). pic_is_spurious() reads the in-service register to tell.
 *
 * Invariants: the mask registers equal the cached masks below; the cascade line is open
 *   whenever any slave line is.
 * Locking: the masks change only at boot or from code that has interrupts off (the timer's
 *   set-up); the read-modify-write is done with interrupts saved and disabled.
 * See also: arch/x86_64/trap.c (the dispatcher), arch/x86_64/timer.c (IRQ 0).
 *   Linux: arch/x86/kernel/i8259.c. Intel 8259A datasheet (ICW1-4, OCW2-3).
 */
#include "pic.h"
#include "trap.h"
#include "io.h"
#include "arch.h"

#define PIC_MASTER_CMD	0x20
#define PIC_MASTER_DATA	0x21
#define PIC_SLAVE_CMD	0xa0
#define PIC_SLAVE_DATA	0xa1

#define ICW1_INIT	0x10	/* start; the next data writes are ICW2-4 */
#define ICW1_ICW4	0x01	/* an ICW4 will follow */
#define ICW4_8086	0x01	/* 8086 mode (not the 8080's call-instruction mode) */
#define OCW2_EOI	0x20	/* non-specific end of interrupt */
#define OCW3_READ_ISR	0x0b	/* next command-port read: in-service */

#define PIC_SPURIOUS_BIT 0x80	/* line 7 of either chip: where spurious IRQs land */

/* Cached copies of the two mask registers, master in the low byte. All masked at first. */
static uint16_t irq_masks = 0xffff;

/* io_wait() - give an old PIC time to settle between initialisation words (a dummy port). */
static void io_wait(void)
{
	outb(0x80, 0);
}

static void write_masks(void)
{
	outb(PIC_MASTER_DATA, irq_masks & 0xff);
	outb(PIC_SLAVE_DATA, irq_masks >> 8);
}

/* init_chip() - the four initialisation words for one chip. @cascade is ICW3: for the master a
 * bit mask of the lines with a slave, for the slave the master line it hangs on. */
static void init_chip(uint16_t cmd, uint16_t data, uint8_t vector_base, uint8_t cascade)
{
	outb(cmd, ICW1_INIT | ICW1_ICW4);
	io_wait();
	outb(data, vector_base);
	io_wait();
	outb(data, cascade);
	io_wait();
	outb(data, ICW4_8086);
	io_wait();
}

/**
 * pic_init() - remap the PICs to vectors 32-47 and mask every line.
 *
 * Context: boot (arch_early_init), interrupts off. Return: nothing.
 */
void pic_init(void)
{
	init_chip(PIC_MASTER_CMD, PIC_MASTER_DATA, TRAP_IRQ_BASE, 1 << PIC_IRQ_CASCADE);
	init_chip(PIC_SLAVE_CMD, PIC_SLAVE_DATA, TRAP_IRQ_BASE + 8, PIC_IRQ_CASCADE);
	irq_masks = 0xffff;
	write_masks();
}

/* set_mask_bits() - change the cached masks and write both registers, interrupts off. */
static void set_mask_bits(uint16_t set, uint16_t clear)
{
	unsigned long flags = arch_irq_save();

	irq_masks = (irq_masks | set) & ~clear;
	write_masks();
	arch_irq_restore(flags);
}

/**
 * pic_unmask() - let @irq through; for a slave line, open the cascade line too.
 * @irq: 0-15.
 *
 * Context: any. Return: nothing.
 */
void pic_unmask(int irq)
{
	uint16_t clear = 1u << irq;

	if (irq >= 8)
		clear |= 1u << PIC_IRQ_CASCADE;
	set_mask_bits(0, clear);
}

/**
 * pic_mask() - block @irq. The cascade stays open (another slave line may need it).
 * @irq: 0-15.
 *
 * Context: any. Return: nothing.
 */
void pic_mask(int irq)
{
	set_mask_bits(1u << irq, 0);
}

/* in_service() - the in-service register of the chip at @cmd_port. */
static uint8_t in_service(uint16_t cmd_port)
{
	outb(cmd_port, OCW3_READ_ISR);
	return inb(cmd_port);
}

/**
 * pic_is_spurious() - true if @irq was not really raised (see the file comment).
 * @irq: 0-15, just delivered.
 *
 * Only lines 7 and 15 can be spurious. A spurious IRQ 15 did come through the master as a
 * cascade request, so the master is acknowledged here; the caller acknowledges nothing.
 * Context: interrupt handler, interrupts off. Return: true if the caller must ignore @irq.
 */
bool pic_is_spurious(int irq)
{
	if (irq == 7)
		return !(in_service(PIC_MASTER_CMD) & PIC_SPURIOUS_BIT);
	if (irq == 15 && !(in_service(PIC_SLAVE_CMD) & PIC_SPURIOUS_BIT)) {
		outb(PIC_MASTER_CMD, OCW2_EOI);
		return true;
	}
	return false;
}

/**
 * pic_eoi() - acknowledge @irq so the PIC delivers it (and lower priorities) again.
 * @irq: 0-15, the IRQ whose handler just ran; not a spurious one (pic_is_spurious()).
 *
 * Context: interrupt handler, interrupts off. Return: nothing.
 */
void pic_eoi(int irq)
{
	if (irq >= 8)
		outb(PIC_SLAVE_CMD, OCW2_EOI);
	outb(PIC_MASTER_CMD, OCW2_EOI);
}
