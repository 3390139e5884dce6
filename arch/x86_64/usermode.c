/* usermode.c - entering and leaving ring 3: the syscall MSRs, the user register frame.
 *
 * A user thread's registers live in ONE place while it is in the kernel: the struct trap_frame
 * at the very top of its kernel stack. Both ways in put it there - an interrupt or exception
 * from ring 3 (the CPU loads rsp from TSS.rsp0 = the stack top) and the `syscall` instruction
 * (syscall.asm loads the same top from syscall_kernel_rsp) - and trap.asm's trap_return leaves
 * by popping it. So thread->uregs = arch_uregs_slot(thread) is fixed for the thread's life, and
 * every later user of the registers (signal delivery, ptrace, /proc/<pid>/stat, execve) edits
 * that frame. kthread.c keeps the slot free: a thread's first kernel frame is built below it.
 *
 * The first entry into user mode has no trap to return from; arch_enter_user() fakes one: it
 * points rsp at a frame filled by arch_uregs_init() and jumps into trap_return, which pops it
 * and executes iretq as if the thread had trapped from user mode at that address.
 *
 * Invariants: a user frame has cs = user code | 3, ss = user data | 3 and IF set in rflags
 *   (arch_uregs_init), so user code always runs interruptible and in ring 3.
 * Locking: none; the MSRs are written once at boot, a frame only by its own thread.
 * See also: syscall.asm (the entry), trap.asm, fpu.c (the rest of the user state),
 *   kernel/syscall.c (the dispatcher). Linux: arch/x86/kernel/cpu/common.c (syscall_init),
 *   arch/x86/kernel/process_64.c (start_thread), arch/x86/include/asm/syscall.h.
 */
#include "arch.h"
#include "gdt.h"
#include "io.h"
#include "sched.h"
#include "string.h"
#include "syscall.h"
#include "trap.h"
#include "usermode.h"
#include "fpu.h"

#define MSR_EFER	0xc0000080
#define MSR_STAR	0xc0000081	/* segment bases for syscall (32-47) and sysret (48-63) */
#define MSR_LSTAR	0xc0000082	/* the 64-bit syscall entry point */
#define MSR_FMASK	0xc0000084	/* rflags bits cleared on syscall */
#define EFER_SCE	(1UL << 0)	/* syscall enable */

/* syscall.asm reads the frame by hand on its sysretq path: its TF_* offsets must be these. */
_Static_assert(offsetof(struct trap_frame, r11) == 32, "syscall.asm TF_R11");
_Static_assert(offsetof(struct trap_frame, rcx) == 96, "syscall.asm TF_RCX");
_Static_assert(offsetof(struct trap_frame, rip) == 136, "syscall.asm TF_RIP");
_Static_assert(offsetof(struct trap_frame, cs) == 144, "syscall.asm TF_CS");
_Static_assert(offsetof(struct trap_frame, rflags) == 152, "syscall.asm TF_RFLAGS");
_Static_assert(offsetof(struct trap_frame, rsp) == 160, "syscall.asm TF_RSP");
_Static_assert(offsetof(struct trap_frame, ss) == 168, "syscall.asm TF_SS");

extern char syscall_entry[];
extern uint64_t syscall_kernel_rsp;

/**
 * syscall_arch_init() - enable the `syscall` instruction and point it at syscall_entry.
 *
 * STAR: syscall loads CS = 0x08 and SS = 0x08 + 8; sysretq (syscall.asm's fast way out)
 * loads SS = 0x10 + 8 | 3 and CS = 0x10 + 16 | 3, which is why gdt.h puts user data just
 * below user code. FMASK clears IF (no interrupt before the entry has switched stacks), DF
 * (the C ABI), TF (no single-step trap on the user stack), AC, and NT: a program may set NT
 * with popf, and iretq with NT set faults in ring 0 (interrupts and exceptions clear NT by
 * themselves; Linux masks it too).
 * Context: boot, interrupts off. Return: nothing.
 */
void syscall_arch_init(void)
{
	uint64_t star = ((uint64_t)GDT_KERNEL_DATA << 48) | ((uint64_t)GDT_KERNEL_CODE << 32);

	wrmsr(MSR_STAR, star);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_FMASK, RFLAGS_IF | RFLAGS_DF | RFLAGS_TF | RFLAGS_AC | RFLAGS_NT);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

/* syscall_set_kernel_stack() - the stack syscall_entry switches to; kept equal to TSS.rsp0
 * by arch_set_kernel_stack(). Context: the scheduler, interrupts off. */
void syscall_set_kernel_stack(void *stack_top)
{
	syscall_kernel_rsp = (uint64_t)stack_top;
}

/**
 * arch_syscall_args() - the number and six arguments of the system call in @tf.
 * @tf: a frame built by syscall_entry.
 * @out: filled in: nr = orig_rax (rax at entry, kept in the error-code slot, where a tracer
 *       may have changed it at the syscall-entry stop); arg[] = rdi, rsi, rdx, r10, r8, r9
 *       (r10, not rcx: the `syscall` instruction itself overwrites rcx with the return
 *       address).
 *
 * Context: any. Return: nothing.
 */
void arch_syscall_args(const struct trap_frame *tf, struct syscall_args *out)
{
	out->nr = tf->error_code;
	out->arg[0] = tf->rdi;
	out->arg[1] = tf->rsi;
	out->arg[2] = tf->rdx;
	out->arg[3] = tf->r10;
	out->arg[4] = tf->r8;
	out->arg[5] = tf->r9;
}

/**
 * arch_syscall_set_return() - put a system call's result where user space expects it (rax).
 * @tf: the caller's frame. @ret: the result or -errno.
 *
 * Context: any. Return: nothing.
 */
void arch_syscall_set_return(struct trap_frame *tf, long ret)
{
	tf->rax = (uint64_t)ret;
}

/**
 * arch_uregs_init() - the registers of a program about to start at @ip with stack @sp.
 * @tf: the frame to fill (normally sched_current()->uregs).
 * @ip: the first user instruction. @sp: the initial user stack pointer.
 *
 * Every general register is 0 (the ELF ABI leaves them unspecified; Linux zeroes them, and
 * zero leaks nothing of the previous program), rflags has only IF and the always-one bit 1.
 * The current thread's FPU/SSE state and FS/GS bases are reset too: they are user registers
 * of the old program (fpu_reset_current()).
 * Context: the current thread, during execve or the start of init. Return: nothing.
 */
void arch_uregs_init(struct trap_frame *tf, uaddr_t ip, uaddr_t sp)
{
	memset(tf, 0, sizeof(*tf));
	tf->rip = ip;
	tf->rsp = sp;
	tf->cs = GDT_USER_CODE | 3;
	tf->ss = GDT_USER_DATA | 3;
	tf->rflags = RFLAGS_IF | RFLAGS_RESERVED;
	tf->vector = TRAP_SYSCALL;	/* as if returning from the execve that started it */
	fpu_reset_current();
}

/**
 * arch_uregs_slot() - where @t's user registers are saved: the top of its kernel stack.
 * @t: a thread with a kernel stack of its own (not the boot thread).
 *
 * Context: any. Return: the slot; NULL for a thread without a stack.
 */
struct trap_frame *arch_uregs_slot(struct thread *t)
{
	if (!t->stack_base)
		return NULL;
	return (struct trap_frame *)((char *)t->stack_base + t->stack_size) - 1;
}

/**
 * arch_enter_user() - start running user code with the registers in @tf.
 * @tf: the current thread's uregs slot, filled by arch_uregs_init().
 *
 * Everything on the kernel stack below the slot is abandoned: the next trap from user mode
 * starts again with an empty stack above it. Interrupts go off first, as on every path into
 * trap_return; iretq turns them on in user mode (IF is set in @tf).
 * Context: the current thread, no spinlock held. Return: never.
 */
NORETURN void arch_enter_user(struct trap_frame *tf)
{
	arch_irq_disable();
	__asm__ __volatile__("mov %0, %%rsp\n\t"
			     "jmp trap_return"
			     :
			     : "r"(tf)
			     : "memory");
	__builtin_unreachable();
}

/**
 * arch_fork_frame() - the user registers a forked or cloned thread starts with: a copy of
 * its parent's at the system call, with rax = 0 (fork returns 0 in the child) and, if
 * @newsp is not 0, that stack pointer (clone of a thread).
 * @child: the new thread (its slot at the top of its own kernel stack is filled).
 * @parent_tf: the parent's saved user registers.
 * @newsp: the child's stack, or 0 to keep the parent's.
 *
 * Context: thread. Return: nothing.
 */
void arch_fork_frame(struct thread *child, const struct trap_frame *parent_tf, uaddr_t newsp)
{
	struct trap_frame *tf = arch_uregs_slot(child);

	*tf = *parent_tf;
	tf->rax = 0;
	if (newsp)
		tf->rsp = newsp;
	child->uregs = tf;
}
