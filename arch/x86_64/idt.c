/* idt.c - the interrupt descriptor table: which stub runs for which vector.
 *
 * 256 gates, of which 48 are used: the 32 exceptions the CPU defines and 16 IRQs (the PIC is
 * remapped to vectors 32-47 so they do not collide with exceptions). Every gate is an
 * interrupt gate (interrupts off on entry), runs in ring 0 and uses the current stack, except:
 * the double fault switches to its own IST stack, and the breakpoint (int3) and overflow gates
 * may be raised from ring 3 (debuggers plant int3 in user code).
 * Locking: written once at boot. See also: arch/x86_64/trap.asm, trap.c. Linux:
 * arch/x86/kernel/idt.c. Intel SDM vol. 3, chapter 6.14.1. */
#include "trap.h"
#include "gdt.h"
#include "compiler.h"

struct idt_gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;		/* interrupt stack table slot, 0 = none */
	uint8_t type_attr;	/* present, DPL, type 0xe = 64-bit interrupt gate */
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} PACKED;

struct idt_pointer {
	uint16_t limit;
	uint64_t base;
} PACKED;

#define GATE_INTERRUPT	0x8e	/* present, DPL 0, interrupt gate */
#define GATE_USER	0x60	/* DPL 3: may be raised by int N from user mode */
#define VEC_BREAKPOINT	3
#define VEC_OVERFLOW	4
#define VEC_DOUBLE_FAULT 8

static struct idt_gate idt[256] ALIGNED(16);

static void set_gate(int vector, uint64_t handler, uint8_t attr, uint8_t ist)
{
	struct idt_gate *g = &idt[vector];

	g->offset_low = handler & 0xffff;
	g->selector = GDT_KERNEL_CODE;
	g->ist = ist;
	g->type_attr = attr;
	g->offset_mid = (handler >> 16) & 0xffff;
	g->offset_high = handler >> 32;
	g->reserved = 0;
}

/**
 * idt_init() - fill the IDT from trap_stub_table and load it.
 * Context: boot, interrupts off. Return: nothing.
 */
void idt_init(void)
{
	struct idt_pointer ptr = { sizeof(idt) - 1, (uint64_t)idt };

	for (int v = 0; v < TRAP_NR_VECTORS; v++)
		set_gate(v, trap_stub_table[v], GATE_INTERRUPT, 0);
	set_gate(VEC_BREAKPOINT, trap_stub_table[VEC_BREAKPOINT], GATE_INTERRUPT | GATE_USER, 0);
	set_gate(VEC_OVERFLOW, trap_stub_table[VEC_OVERFLOW], GATE_INTERRUPT | GATE_USER, 0);
	set_gate(VEC_DOUBLE_FAULT, trap_stub_table[VEC_DOUBLE_FAULT], GATE_INTERRUPT,
		 IST_DOUBLE_FAULT);
	__asm__ __volatile__("lidt (%0)" : : "r"(&ptr) : "memory");
}
