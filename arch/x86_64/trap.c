/* trap.c - what happens after a trap stub has saved the registers.
 *
 * trap_dispatch() sorts a trap by vector: an exception (0-31) or a hardware interrupt (IRQ,
 * 32-47). An exception in kernel code is a kernel bug: we panic with the exception's name, its
 * error code, CR2 for a page fault, the registers and a symbolised backtrace, so the student
 * sees which function faulted. An IRQ runs its registered handler, is acknowledged at the PIC,
 * and - if the interrupted code could be preempted (it had interrupts on, so it held no
 * spinlock) - gives the scheduler a chance to switch threads.
 *
 * Page faults are sorted further, in this order:
 *   1. an address in user space, with a process current: ask its address space to map the
 *      page (demand paging, kernel/mm/fault.c); if it did, return and the instruction retries;
 *   2. from user mode: the program touched memory it may not - SIGSEGV (SEGV_MAPERR or
 *      SEGV_ACCERR, si_addr = the address), which a handler may catch;
 *   3. from the kernel, inside the user-copy routines (uaccess.asm): a bad user pointer -
 *      resume at the fix-up, which makes the copy return -EFAULT;
 *   4. anything else is a kernel bug: panic.
 * Other exceptions from user mode send the signal Linux would send (SIGILL for #UD, SIGFPE
 * for #DE ...) with force_sig_fault() (kernel/signal_send.c): it is delivered on the way back
 * to user mode, where a handler may catch it; with no handler the process dies, and a log line
 * names the program, the address and the reason. A #GP raised by the iretq that returns to
 * user mode with an impossible frame (a non-canonical rip) kills the process outright: the
 * frame is the program's, and there is no user context left to run a handler in.
 * Locking: irq_handlers is written at boot before interrupts are enabled. Demand paging and
 *   killing run with interrupts back on (as they were when the fault happened), since they may
 *   allocate and sleep.
 * See also: trap.asm (the frame), idt.c (the table), pic.c, kernel/sched.c (sched_irq_exit),
 *   uaccess.asm, kernel/exit.c. Linux: arch/x86/kernel/traps.c, arch/x86/mm/fault.c
 *   (do_user_addr_fault, bad_area, fixup_exception). */
#include "trap.h"
#include "exit.h"
#include "io.h"
#include "mm_space.h"
#include "pic.h"
#include "panic.h"
#include "printk.h"
#include "process.h"
#include "sched.h"
#include "signal.h"
#include "uaccess.h"
#include "usermode.h"
#include "uapi/signal.h"

#define VEC_GP		13
#define VEC_PAGE_FAULT	14
#define RFLAGS_IF	(1UL << 9)

/* Page-fault error code bits (Intel SDM 3A, 4.7). */
#define PF_PROT		(1UL << 0)	/* 0: page not present; 1: protection violation */
#define PF_WRITE	(1UL << 1)	/* the access was a write */
#define PF_USER		(1UL << 2)	/* the access came from ring 3 */
#define PF_INSTR	(1UL << 4)	/* an instruction fetch */

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

static NORETURN void kernel_exception(struct trap_frame *tf);

/* user_exception_signal() - the signal Linux sends for exception @vector in user mode, and
 * its si_code. (int3 and #GP come with SI_KERNEL, as Linux's do_trap sends them.) */
static int user_exception_signal(uint64_t vector, int *code)
{
	switch (vector) {
	case 0:				/* divide error */
		*code = FPE_INTDIV;
		return SIGFPE;
	case 16: case 19:		/* x87 and SIMD floating-point errors */
		*code = FPE_FLTDIV;
		return SIGFPE;
	case 1:				/* debug (single step) */
		*code = TRAP_TRACE;
		return SIGTRAP;
	case 6:				/* invalid opcode */
		*code = ILL_ILLOPN;
		return SIGILL;
	case 17:			/* alignment check */
		*code = BUS_ADRALN;
		return SIGBUS;
	default:			/* int3, #GP, #SS, #NP, overflow, bound ... */
		*code = SI_KERNEL;
		return vector == 3 ? SIGTRAP : SIGSEGV;
	}
}

static bool from_user_mode(const struct trap_frame *tf)
{
	return (tf->cs & 3) == 3;
}

/* kill_current() - end the current process for a frame that cannot be returned to (bad
 * iretq): SIGSEGV's default action, without a handler. Runs with interrupts on. */
static NORETURN void kill_current(int sig)
{
	arch_irq_enable();
	do_group_exit(EXIT_STATUS_SIGNAL(sig));
}

/* send_fault() - force @sig on the current thread; it is delivered on the way back to user
 * mode (a handler, or the default action: the process dies). Interrupts on meanwhile. */
static void send_fault(int sig, int code, uint64_t addr)
{
	arch_irq_enable();
	force_sig_fault(sig, code, addr);
	arch_irq_disable();
}

/* user_exception() - an exception other than a page fault, raised by user code: its signal,
 * with a log line when no handler will catch it and no tracer will see it first (the process
 * is about to die; a traced one is usually single-stepping or at a breakpoint). */
static void user_exception(struct trap_frame *tf)
{
	struct process *p = current_process();
	int code;
	int sig = user_exception_signal(tf->vector, &code);

	if (!signal_has_handler(sig) && !sched_current()->ptrace.tracer)
		pr_err("trap: %s[%d]: %s at ip %#lx (error code %#lx), killed by signal %d\n",
		       p ? p->comm : "?", sched_current()->tid, trap_name(tf->vector), tf->rip,
		       tf->error_code, sig);
	send_fault(sig, code, sig == SIGSEGV || sig == SIGBUS ? 0 : tf->rip);
}

/* page_fault_reason() - the error code in words: "not-present page on write". */
static const char *page_fault_reason(uint64_t ec)
{
	if (ec & PF_INSTR)
		return ec & PF_PROT ? "protection violation on instruction fetch"
				    : "not-present page on instruction fetch";
	if (ec & PF_WRITE)
		return ec & PF_PROT ? "protection violation on write" : "not-present page on write";
	return ec & PF_PROT ? "protection violation on read" : "not-present page on read";
}

/* demand_page() - step 1: let the current address space map @addr. true: retry the access.
 * Interrupts go back on if the faulting code had them on: the fault may allocate or sleep. */
static bool demand_page(const struct trap_frame *tf, uint64_t addr)
{
	struct process *p = current_process();
	uint64_t ec = tf->error_code;
	int err;

	if (addr >= USER_SPACE_END || !p || !p->mm)
		return false;
	if (tf->rflags & RFLAGS_IF)
		arch_irq_enable();
	err = mm_handle_fault(p->mm, addr, ec & PF_WRITE, ec & PF_INSTR);
	arch_irq_disable();
	return err == 0;
}

static bool in_uaccess_routine(uint64_t rip)
{
	return rip >= (uint64_t)uaccess_copy_start && rip < (uint64_t)uaccess_copy_end;
}

/* handle_page_fault() - the four steps in the comment at the top of this file. */
static void handle_page_fault(struct trap_frame *tf)
{
	uint64_t addr = read_cr2();	/* before anything can fault again and overwrite CR2 */
	struct process *p;

	if (demand_page(tf, addr))
		return;
	if (from_user_mode(tf)) {
		p = current_process();
		if (!signal_has_handler(SIGSEGV))
			pr_err("segfault: %s[%d] at %#lx ip %#lx (%s)\n", p ? p->comm : "?",
			       sched_current()->tid, addr, tf->rip,
			       page_fault_reason(tf->error_code));
		send_fault(SIGSEGV, tf->error_code & PF_PROT ? SEGV_ACCERR : SEGV_MAPERR, addr);
		return;
	}
	if (in_uaccess_routine(tf->rip)) {
		tf->rip = (uint64_t)uaccess_fixup;
		return;
	}
	kernel_exception(tf);
}

extern char trap_return_iret[];

/* is_bad_iret() - did iretq itself fault while returning to user mode? It checks the frame
 * it pops: a non-canonical rip (say, a bad ELF entry point, or later a register set by ptrace)
 * raises #GP in the kernel, at trap_return_iret. That is the user program's fault, not the
 * kernel's. (Linux: the exception-table entry on iretq, fixup_bad_iret.) */
static bool is_bad_iret(const struct trap_frame *tf)
{
	return tf->vector == VEC_GP && tf->rip == (uint64_t)trap_return_iret &&
	       current_process() != NULL;
}

/* bad_iret() - kill the process whose registers could not be loaded. @tf->rsp points at the
 * frame iretq was popping; its first quadword is the rip it refused. */
static NORETURN void bad_iret(const struct trap_frame *tf)
{
	uint64_t bad_rip = *(const uint64_t *)tf->rsp;

	pr_err("trap: %s[%d]: cannot return to user mode at ip %#lx, killed by signal %d\n",
	       current_process()->comm, sched_current()->tid, bad_rip, SIGSEGV);
	kill_current(SIGSEGV);
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
 * Context: interrupts off (all gates are interrupt gates). May switch threads on an IRQ, sleep
 * in demand paging, or end the current process on a user exception.
 * Return: nothing; kernel exceptions and fatal user exceptions do not return.
 */
void trap_dispatch(struct trap_frame *tf)
{
	if (tf->vector == VEC_PAGE_FAULT)
		handle_page_fault(tf);
	else if (tf->vector < TRAP_IRQ_BASE && from_user_mode(tf))
		user_exception(tf);	/* returns: the signal is delivered on the way out */
	else if (is_bad_iret(tf))
		bad_iret(tf);
	else if (tf->vector < TRAP_IRQ_BASE)
		kernel_exception(tf);
	else if (tf->vector < TRAP_NR_VECTORS)
		handle_irq(tf);
	else
		panic_with_frame(tf, "trap on unexpected vector %lu", tf->vector);
}
