/* panic.c - stopping the kernel when it cannot go on, and saying exactly where.
 *
 * A panic prints "Kernel panic - not syncing: <why>", the registers if a trap caused it,
 * and a call trace in which every return address is named (function+offset/length, from the
 * kernel's own symbol table), so a student reading the serial log sees which function failed
 * and how it was reached. Then it stops the machine: by default it leaves QEMU with exit
 * status 5 (isa-debug-exit value 2), so a test run ends at once; with `panic=halt` on the command
 * line the CPU halts instead, keeping the state for gdb.
 *
 * If the panicking thread belongs to a process, it entered the kernel from user mode - most
 * often by a system call - and its user registers sit at the top of its kernel stack
 * (thread->uregs). One more block then says what user space was doing: the program and thread,
 * the system call by number and name, the user rip and rsp, and the user frames found by
 * following the program's saved frame pointers. The kernel has no symbols for user programs,
 * so those addresses stay numbers: `addr2line -fe build/user/PROG ADDR`, or gdb's os-user.
 *
 * Interrupts go off first and printk stops taking its lock, because the panic may have
 * interrupted anything. A panic inside a panic only prints a line and halts; so nothing here
 * may fault: user memory is read with copy_from_user_nofault() (no demand paging, no locks).
 * See also: arch/x86_64/backtrace.c (walking the stacks), kernel/lib/ksyms.c (names),
 * arch/x86_64/trap.c (faults), kernel/syscall.c (syscall.panic=NR, which shows this block).
 * Linux: kernel/panic.c, arch/x86/kernel/dumpstack.c (show_regs, show_iret_regs). */
#include "panic.h"
#include "arch.h"
#include "cmdline.h"
#include "ksyms.h"
#include "printk.h"
#include "process.h"
#include "sched.h"
#include "string.h"
#include "syscall.h"

#define PANIC_EXIT_CODE		2	/* QEMU exits with (2 << 1) | 1 = 5 */
#define BACKTRACE_MAX_FRAMES	32
#define USER_BACKTRACE_MAX_FRAMES 16

static bool panicking;

/* print_address() - one line of the call trace: the address and the function it is in. */
static void print_address(uint64_t addr, uint64_t lookup)
{
	char sym[96];

	ksym_format(sym, sizeof(sym), lookup);
	printk(LOGLEVEL_EMERG, "  [<%016lx>] %s\n", addr, sym);
}

/* print_return_address() - a return address points just past its call instruction, which may
 * be the last instruction of a function that never returns (a call to panic): name the
 * function of the byte before it, which is the call itself. */
static void print_return_address(uint64_t ret_addr, void *arg)
{
	(void)arg;
	print_address(ret_addr, ret_addr - 1);
}

/* print_user_address() - one user frame: a number only, the kernel has no user symbols. */
static void print_user_address(uint64_t addr, void *arg)
{
	(void)arg;
	printk(LOGLEVEL_EMERG, "  [<%016lx>] (user)\n", addr);
}

/* print_user_side() - if the current thread entered the kernel from user mode, what user
 * space was doing: program, tid, system call, rip and rsp, and its frame-pointer chain. */
static void print_user_side(void)
{
	struct thread *t = sched_current();
	const struct trap_frame *uregs = t && t->proc ? t->uregs : NULL;
	long nr;

	if (!uregs || !arch_frame_is_user(uregs))
		return;		/* a kernel thread, or a process not yet in user mode */
	nr = arch_syscall_nr(uregs);
	printk(LOGLEVEL_EMERG, "User side: %s, tid %d, ", t->proc->comm, t->tid);
	if (nr >= 0)
		printk(LOGLEVEL_EMERG, "in system call %ld (%s)\n", nr, syscall_name(nr));
	else
		printk(LOGLEVEL_EMERG, "not in a system call (a trap or interrupt of user code)\n");
	printk(LOGLEVEL_EMERG, "User RIP: %#018lx RSP: %#018lx\n", arch_user_ip(uregs),
	       arch_user_sp(uregs));
	printk(LOGLEVEL_EMERG, "User Call Trace (saved frame pointers; addr2line -fe PROGRAM):\n");
	print_user_address(arch_user_ip(uregs), NULL);
	if (arch_user_stack_walk(uregs, USER_BACKTRACE_MAX_FRAMES, print_user_address, NULL) == 0)
		printk(LOGLEVEL_EMERG, "  (no readable frame-pointer chain from RBP %#lx)\n",
		       arch_frame_fp(uregs));
}

static NORETURN void panic_stop(void)
{
	printk(LOGLEVEL_EMERG, "---[ end Kernel panic ]---\n");
	if (strcmp(cmdline_get("panic") ? cmdline_get("panic") : "", "halt") == 0)
		arch_halt_forever();
	arch_qemu_exit(PANIC_EXIT_CODE);
}

/* panic_begin() - interrupts off, printk lock-free, and refuse to panic twice. */
static void panic_begin(void)
{
	arch_irq_disable();
	printk_enter_panic();
	if (panicking) {
		printk(LOGLEVEL_EMERG, "\nKernel panic while panicking; halting\n");
		arch_halt_forever();
	}
	panicking = true;
}

static void panic_message(const char *fmt, va_list ap)
{
	printk(LOGLEVEL_EMERG, "\nKernel panic - not syncing: ");
	vprintk(LOGLEVEL_EMERG, fmt, ap);
	printk(LOGLEVEL_EMERG, "\n");
}

/**
 * panic() - report a fatal kernel error with a backtrace from the caller, then stop.
 * @fmt: printf-style description of what went wrong.
 * Context: any. Return: never.
 */
void panic(const char *fmt, ...)
{
	va_list ap;

	panic_begin();
	va_start(ap, fmt);
	panic_message(fmt, ap);
	va_end(ap);
	printk(LOGLEVEL_EMERG, "Call Trace:\n");
	arch_stack_walk(0, BACKTRACE_MAX_FRAMES, print_return_address, NULL);
	print_user_side();
	panic_stop();
}

/**
 * panic_with_frame() - like panic(), for a trap: also prints the trapped registers, and the
 * backtrace starts at the faulting instruction.
 * @tf: the trap frame of the fault.
 * Context: a trap handler. Return: never.
 */
void panic_with_frame(const struct trap_frame *tf, const char *fmt, ...)
{
	va_list ap;

	panic_begin();
	va_start(ap, fmt);
	panic_message(fmt, ap);
	va_end(ap);
	arch_dump_frame(tf);
	printk(LOGLEVEL_EMERG, "Call Trace:\n");
	print_address(arch_frame_pc(tf), arch_frame_pc(tf));
	arch_stack_walk(arch_frame_fp(tf), BACKTRACE_MAX_FRAMES, print_return_address, NULL);
	print_user_side();
	panic_stop();
}
