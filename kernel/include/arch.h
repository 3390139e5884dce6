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
/* From now on, hand every byte received to tty_receive_byte() from the receive interrupt. */
void arch_console_enable_input(void);

/* Interrupts on this CPU. save/restore nest; restore re-enables only if save found them on.
 * In line, from arch/x86_64/include/arch_irq.h (the one arch header kernel/ includes):
 *   unsigned long arch_irq_save(void);   void arch_irq_restore(unsigned long flags);
 *   void arch_irq_enable(void);   void arch_irq_disable(void);   bool arch_irqs_enabled(void); */
#include "arch_irq.h"
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
/* Was @tf saved on an entry from user mode? Then walk the user program's frame-pointer chain
 * from it, reading user memory without faulting (safe in a panic); returns the frames seen. */
bool arch_frame_is_user(const struct trap_frame *tf);
int arch_user_stack_walk(const struct trap_frame *tf, int max,
			 void (*fn)(uint64_t ret_addr, void *arg), void *arg);

/* User mode (arch/x86_64/usermode.c, syscall.asm, fpu.c, uaccess.asm, rtc.c).
 * A user thread's registers are saved in one struct trap_frame at the top of its kernel
 * stack, arch_uregs_slot(t) (thread->uregs), by every trap and syscall from user mode. */
struct syscall_args;
struct thread;
struct mm;
/* The number and six arguments of the system call in @tf, and where its result goes. */
void arch_syscall_args(const struct trap_frame *tf, struct syscall_args *out);
void arch_syscall_set_return(struct trap_frame *tf, long ret);
/* A new program's registers: start at @ip with stack @sp, every other register zero; also
 * resets the current thread's FPU/SSE state and TLS bases (execve, the start of init). */
void arch_uregs_init(struct trap_frame *tf, uaddr_t ip, uaddr_t sp);
/* The frame at the top of @t's kernel stack (NULL for the boot thread). kthread_create()
 * builds a thread's first kernel frame below it, so it is never in use by kernel code. */
struct trap_frame *arch_uregs_slot(struct thread *t);
/* Leave the kernel for user mode with the registers in @tf (the current thread's slot). */
NORETURN void arch_enter_user(struct trap_frame *tf);
/* Per-thread FPU/SSE area and TLS bases of a user thread: 0 or -ENOMEM; free is idempotent. */
int arch_thread_init(struct thread *t);
void arch_thread_free(struct thread *t);
/* fork/clone: the child's FPU/TLS state is a copy of the current thread's; its FS base may
 * then be set (CLONE_SETTLS); its user registers are the parent's with rax = 0 and, if
 * @newsp, that stack (the frame goes in the child's arch_uregs_slot, and child->uregs). */
void arch_thread_copy(struct thread *child, struct thread *parent);
void arch_thread_set_tls(struct thread *t, uaddr_t tls);
void arch_fork_frame(struct thread *child, const struct trap_frame *parent_tf, uaddr_t newsp);
/* The scheduler, before arch_context_switch(): save @prev's user FPU/TLS state, load @next's,
 * and switch CR3 to @next's address space (the kernel's for a kernel thread). */
void arch_switch_to(struct thread *prev, struct thread *next);
/* Load @mm's page tables (NULL: the kernel's) for the current thread: execve and exit call it
 * when they replace or drop current_process()->mm, before freeing the old one. */
void arch_activate_mm(struct mm *mm);
/* The raw user-copy loops (uaccess.asm), for kernel/mm/uaccess.c only, which checks the range
 * first: a fault on a bad address makes them return -EFAULT instead of faulting the kernel.
 * strncpy copies up to and including a NUL, at most @max bytes; returns the length, or @max
 * if there was no NUL. */
long arch_uaccess_copy(uint64_t dst, uint64_t src, size_t n);
long arch_uaccess_clear(uint64_t dst, size_t n);
long arch_uaccess_strncpy(uint64_t dst, uint64_t src, size_t max);
/* Wall-clock time at boot, from the CMOS real-time clock: seconds since 1970-01-01 UTC. */
uint64_t arch_boot_epoch_seconds(void);

/* What a new program is told about the CPU (arch/x86_64/hwcap.c): AT_HWCAP, AT_PLATFORM. */
uint64_t arch_elf_hwcap(void);
const char *arch_elf_platform(void);

/* Leaving: power the machine off; under QEMU's isa-debug-exit, exit with a status instead. */
NORETURN void arch_poweroff(void);
NORETURN void arch_qemu_exit(int code);
NORETURN void arch_halt_forever(void);

/* Signals (arch/x86_64/signal.c). A frame returning from a system call remembers its number;
 * delivery edits the frame to restart the call or to enter a handler (kernel/signal_deliver.c).
 */
struct siginfo;
struct kernel_sigaction;
long arch_syscall_nr(const struct trap_frame *tf);	/* -1: not returning from a syscall */
long arch_syscall_return(const struct trap_frame *tf);
void arch_syscall_restart(struct trap_frame *tf, long nr);	/* execute `syscall` again */
void arch_syscall_forget(struct trap_frame *tf);	/* arch_syscall_nr() is -1 from now */
/* Build the rt signal frame on the user stack and enter the handler: 0 or -EFAULT. */
int arch_setup_rt_frame(struct trap_frame *tf, int sig, const struct siginfo *info,
			const struct kernel_sigaction *ka, uint64_t oldmask);
/* rt_sigreturn: restore registers and FPU state from the frame, *@mask = its mask. */
int arch_rt_sigreturn(struct trap_frame *tf, uint64_t *mask);

/* ptrace (arch/x86_64/ptrace.c): a stopped tracee's registers as struct user_regs_struct
 * and the fxsave image; RFLAGS.TF for PTRACE_SINGLESTEP. Errors are ptrace's (-EIO...). */
struct user_regs_struct;
void arch_ptrace_getregs(struct thread *t, struct user_regs_struct *regs);
int arch_ptrace_setregs(struct thread *t, const struct user_regs_struct *regs);
int arch_ptrace_peekuser(struct thread *t, uint64_t off, uint64_t *val);
int arch_ptrace_pokeuser(struct thread *t, uint64_t off, uint64_t val);
void arch_ptrace_getfpregs(struct thread *t, void *buf);
int arch_ptrace_setfpregs(struct thread *t, const void *buf);
void arch_ptrace_singlestep(struct thread *t, bool on);
bool arch_on_altstack(uint64_t sp);	/* is @sp on the current thread's sigaltstack? */
uint64_t arch_user_sp(const struct trap_frame *tf);
uint64_t arch_user_ip(const struct trap_frame *tf);

#endif
