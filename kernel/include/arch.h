/* arch.h - everything the portable kernel asks of the machine.
 * Only arch/x86_64/ implements these; kernel/ never names a register, a port or an
 * instruction. The list is short on purpose: a port to another machine starts here.
 * Each function's comment is its whole contract. */
#ifndef REAPER_ARCH_H
#define REAPER_ARCH_H

#include "types.h"

struct boot_info;
struct trap_frame;		/* the saved user/kernel registers; layout in arch/x86_64 */
struct arch_context;		/* callee-saved registers of a switched-out thread */

#define PAGE_SIZE	4096UL
#define PAGE_SHIFT	12
#define KERNEL_VMA	0xffffffff80000000UL	/* where the kernel image is linked */
#define DIRECT_MAP_BASE	0xffff800000000000UL	/* all RAM is mapped here */

/* Physical <-> direct-map virtual addresses (valid for RAM only). */
static inline void *phys_to_virt(paddr_t pa)
{
	return (void *)(pa + DIRECT_MAP_BASE);
}

static inline paddr_t virt_to_phys(const void *va)
{
	uint64_t v = (uint64_t)va;

	return v >= KERNEL_VMA ? v - KERNEL_VMA : v - DIRECT_MAP_BASE;
}

/* Boot: serial console, CPU tables, traps. Fills @bi from the loader's information. */
void arch_early_init(uint32_t magic, paddr_t info, struct boot_info *bi);
/* Build the final page tables: all of RAM direct-mapped, the kernel image, no identity map. */
void arch_paging_init(paddr_t max_phys);

/* Console: the first serial port. getc returns -1 when no byte is waiting. */
void arch_console_putc(char c);
int arch_console_getc(void);

/* Interrupts on this CPU. save/restore nest; restore re-enables only if save found them on. */
unsigned long arch_irq_save(void);
void arch_irq_restore(unsigned long flags);
void arch_irq_enable(void);
void arch_irq_disable(void);
bool arch_irqs_enabled(void);
void arch_wait_for_interrupt(void);	/* enable interrupts and halt until one arrives */
void arch_cpu_relax(void);		/* a spin-wait hint */

/* The periodic timer: calls @tick from interrupt context @hz times a second. */
void arch_timer_init(unsigned int hz, void (*tick)(void));
/* A free-running cycle counter and its frequency (calibrated at arch_timer_init). */
uint64_t arch_read_cycles(void);
uint64_t arch_cycles_per_sec(void);

/* Threads: a new context that starts by calling @entry(@arg) on the stack below @stack_top.
 * arch_context_switch() saves the current context into *@save and resumes @load. */
struct arch_context *arch_context_init(void *stack_top, void (*entry)(void *), void *arg);
void arch_context_switch(struct arch_context **save, struct arch_context *load);
/* The kernel stack the CPU switches to on a trap from user mode. */
void arch_set_kernel_stack(void *stack_top);

/* Backtrace: call @fn with each return address from the frame pointer chain at @fp
 * (0 = the caller's own frame). Stops at the end of the chain or after @max frames. */
void arch_stack_walk(uint64_t fp, int max, void (*fn)(uint64_t ret_addr, void *arg), void *arg);
void arch_dump_frame(const struct trap_frame *tf);
uint64_t arch_frame_pc(const struct trap_frame *tf);	/* the trapped instruction */
uint64_t arch_frame_fp(const struct trap_frame *tf);	/* its frame pointer */
uint64_t arch_frame_pointer(void);

/* User mode (arch/x86_64/usermode.c, syscall.c, fpu.c). */
struct syscall_args;
void arch_syscall_args(const struct trap_frame *tf, struct syscall_args *out);
void arch_syscall_set_return(struct trap_frame *tf, long ret);

/* Leaving: power the machine off; under QEMU's isa-debug-exit, exit with a status instead. */
NORETURN void arch_poweroff(void);
NORETURN void arch_qemu_exit(int code);
NORETURN void arch_halt_forever(void);

#endif
