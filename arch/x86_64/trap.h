/* trap.h - the register frame every trap builds, and IRQ registration (arch/x86_64/trap.c).
 *
 * One layout for exceptions, interrupts and (from the user-mode issue on) syscalls, so signal
 * delivery, ptrace and /proc all read registers from the same struct. The stubs in trap.asm
 * push it; the fields are in memory order, lowest address first. */
#ifndef REAPER_ARCH_TRAP_H
#define REAPER_ARCH_TRAP_H

#include "types.h"

struct trap_frame {
	/* pushed by trap.asm's common entry, last pushed first */
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	/* pushed by the per-vector stub */
	uint64_t vector;
	uint64_t error_code;	/* the CPU's, or 0 for vectors without one; in a TRAP_SYSCALL
				 * frame the system call number (orig_rax), -1 once
				 * no restart may happen (arch/x86_64/signal.c) */
	/* pushed by the CPU */
	uint64_t rip, cs, rflags, rsp, ss;
};

#define TRAP_IRQ_BASE	32	/* vector of IRQ 0 after the PIC is remapped */
#define TRAP_NR_IRQS	16
#define TRAP_NR_VECTORS	(TRAP_IRQ_BASE + TRAP_NR_IRQS)
/* The "vector" of a frame built by the syscall entry (syscall.asm): 0x80 + 256, which no
 * hardware vector can be, so a frame says whether it came from `syscall`. */
#define TRAP_SYSCALL	0x180

void idt_init(void);
void trap_dispatch(struct trap_frame *tf);
void irq_register(int irq, void (*handler)(void));
const char *trap_name(uint64_t vector);

/* The stubs of trap.asm, one per vector, in vector order. */
extern const uint64_t trap_stub_table[TRAP_NR_VECTORS];

#endif
