/* context.c - the saved registers of a switched-out kernel thread, and a new thread's first frame.
 *
 * A thread that is not running is described by one pointer: the stack pointer
 * arch_context_switch() (switch.asm) left behind. What it points at is a struct arch_context:
 * the six callee-saved registers, then the return address into the code that called the switch.
 * Because the struct lives on the thread's own stack, switching costs no allocation, and in gdb
 * `p *t->context` shows exactly where a sleeping thread will resume.
 *
 * A new thread gets a hand-made arch_context at the top of its stack whose return address is
 * arch_thread_trampoline, with the entry point and its argument in r12 and r13. Above it sits a
 * zero quadword, the trampoline's own "return address", so a backtrace through a kernel thread
 * ends cleanly at the trampoline instead of wandering off the stack.
 *
 * The contract with the portable scheduler (kernel/sched.c): the trampoline calls
 * sched_thread_start() (which completes the switch that started the thread), then entry(arg),
 * then kthread_exit() if entry returns.
 *
 * Invariants: a saved context is 16-byte aligned + 8 (it sits just below a call's return
 *   address), so entry is called with the stack aligned as the SysV ABI requires.
 * Locking: a context is touched only by the scheduler, under its run-queue lock.
 * See also: arch/x86_64/switch.asm, kernel/sched.c, kernel/kthread.c. Linux:
 *   arch/x86/kernel/process_64.c (copy_thread, __switch_to), struct inactive_task_frame.
 */
#include "arch.h"
#include "gdt.h"
#include "string.h"
#include "usermode.h"

/* The frame arch_context_switch() pushes; the field order must match its pushes and pops. */
struct arch_context {
	uint64_t r15, r14, r13, r12, rbx, rbp;
	uint64_t rip;		/* the return address of the call to arch_context_switch */
};

/* What arch_context_init() writes at the top of a new stack. */
struct initial_frame {
	struct arch_context context;	/* popped by the first switch to the thread */
	uint64_t end_of_stack;		/* 0: the trampoline's "return address" */
};

void arch_thread_trampoline(void);

/**
 * arch_context_init() - build a context that, when switched to, runs @entry(@arg).
 * @stack_top: one past the highest byte of the new thread's stack.
 * @entry: the thread's function; run with interrupts enabled after sched_thread_start().
 * @arg: passed to @entry.
 *
 * Context: any; touches only the new stack. Return: the context to give arch_context_switch().
 */
struct arch_context *arch_context_init(void *stack_top, void (*entry)(void *), void *arg)
{
	uint64_t top = ALIGN_DOWN((uint64_t)stack_top, 16);
	struct initial_frame *frame = (struct initial_frame *)top - 1;

	memset(frame, 0, sizeof(*frame));
	frame->context.r12 = (uint64_t)entry;
	frame->context.r13 = (uint64_t)arg;
	frame->context.rbp = 0;		/* the end of the frame-pointer chain */
	frame->context.rip = (uint64_t)arch_thread_trampoline;
	return &frame->context;
}

/**
 * arch_set_kernel_stack() - the stack the CPU loads on a trap from user mode (TSS.rsp0), and
 * the syscall entry's copy of it.
 * @stack_top: one past the highest byte of the current thread's kernel stack.
 *
 * Context: the scheduler, interrupts off, before switching to the thread that owns the stack.
 * Return: nothing.
 */
void arch_set_kernel_stack(void *stack_top)
{
	tss_set_rsp0((uint64_t)stack_top);
	syscall_set_kernel_stack(stack_top);	/* the `syscall` entry's copy (usermode.c) */
}
