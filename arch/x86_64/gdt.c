/* gdt.c - the global descriptor table and the task state segment.
 *
 * In 64-bit mode segmentation is mostly gone, but the CPU still needs: code segments that
 * say which privilege level runs (ring 0 kernel, ring 3 user), data segments to load into SS,
 * and one TSS, which no longer switches tasks but holds the stacks the CPU switches to:
 * rsp0 for a trap from user mode (set per thread by the scheduler) and the interrupt stack
 * table, whose slot 1 gives the double-fault handler a known-good stack even when the fault
 * was a kernel stack overflow.
 * Invariant: the selector order in gdt.h (sysret depends on it).
 * Locking: written once at boot; rsp0 only by the scheduler with interrupts off.
 * See also: arch/x86_64/idt.c, boot/entry.asm (the temporary boot GDT). Linux:
 * arch/x86/kernel/cpu/common.c. Intel SDM vol. 3, chapter 3.4.5 and 8.7. */
#include "gdt.h"
#include "compiler.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];	/* stack for a trap from ring 0/1/2 into ring 0: rsp[0] */
	uint64_t reserved1;
	uint64_t ist[7];	/* interrupt stack table, ist[0] is IST slot 1 */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iopb_offset;	/* past the end: no I/O permission bitmap */
} PACKED;

struct gdt_pointer {
	uint16_t limit;
	uint64_t base;
} PACKED;

#define DOUBLE_FAULT_STACK_SIZE 8192

static struct tss tss ALIGNED(16);
static uint8_t double_fault_stack[DOUBLE_FAULT_STACK_SIZE] ALIGNED(16);

/* Descriptor bits: present, DPL, code/data, executable, writable, long mode (L). */
static uint64_t gdt[7] = {
	0,			/* 0x00 null */
	0x00af9a000000ffffUL,	/* 0x08 kernel code: present, DPL 0, execute/read, L */
	0x00cf92000000ffffUL,	/* 0x10 kernel data: present, DPL 0, read/write */
	0x00cff2000000ffffUL,	/* 0x18 user data: present, DPL 3, read/write */
	0x00affa000000ffffUL,	/* 0x20 user code: present, DPL 3, execute/read, L */
	0, 0,			/* 0x28 TSS: a 16-byte system descriptor, filled in below */
};

/* tss_descriptor() - the two 8-byte halves of a 64-bit available-TSS descriptor (type 9). */
static void tss_descriptor(uint64_t base, uint32_t limit, uint64_t out[2])
{
	out[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89UL << 40) |
		 ((uint64_t)((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
	out[1] = base >> 32;
}

/* load_segments() - switch CS with a far return, then the data segments, then the TSS. */
static void load_segments(const struct gdt_pointer *ptr)
{
	__asm__ __volatile__(
		"lgdt (%0)\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movw %w2, %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		"xorl %%eax, %%eax\n\t"
		"movw %%ax, %%fs\n\t"
		"movw %%ax, %%gs\n\t"
		"movw %w3, %%ax\n\t"
		"ltr %%ax"
		:
		: "r"(ptr), "i"(GDT_KERNEL_CODE), "i"(GDT_KERNEL_DATA), "i"(GDT_TSS)
		: "rax", "memory");
}

/**
 * gdt_init() - install the kernel's GDT and TSS, replacing the boot GDT.
 * Context: boot, interrupts off. Return: nothing.
 */
void gdt_init(void)
{
	struct gdt_pointer ptr = { sizeof(gdt) - 1, (uint64_t)gdt };

	tss.ist[IST_DOUBLE_FAULT - 1] = (uint64_t)(double_fault_stack + DOUBLE_FAULT_STACK_SIZE);
	tss.iopb_offset = sizeof(tss);
	tss_descriptor((uint64_t)&tss, sizeof(tss) - 1, &gdt[GDT_TSS / 8]);
	load_segments(&ptr);
}

/* tss_set_rsp0() - the kernel stack the CPU switches to on the next trap from user mode.
 * Context: interrupts off (the scheduler, while switching threads). */
void tss_set_rsp0(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
}
