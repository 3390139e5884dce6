/* backtrace.c - walking the frame-pointer chain, and printing a trap frame.
 *
 * The kernel is built with frame pointers, so every function starts with push rbp; mov rbp,
 * rsp. At any moment rbp points at the saved rbp of the caller, and the word above it is the
 * return address into the caller: following saved rbps walks the call stack. The chain ends
 * with rbp = 0, which boot/entry.asm and every new thread's first frame provide.
 * A walk must never fault while the kernel is already reporting a fault, so each frame is
 * checked to lie in kernel memory and to move up the stack before it is read.
 * A user program's chain has the same shape when it is built with frame pointers (dbgdemo is;
 * musl, glibc and busybox are not, so their frames show as garbage or not at all).
 * arch_user_stack_walk() follows it from the registers saved at the top of the kernel stack,
 * reading user memory only with copy_from_user_nofault(), which cannot fault.
 * See also: kernel/lib/panic.c (the caller), kernel/lib/ksyms.c (names for the addresses),
 * kernel/mm/uaccess.c (copy_from_user_nofault). Linux: arch/x86/kernel/dumpstack.c,
 * unwind_frame.c, arch/x86/events/core.c (perf_callchain_user: the same user walk). */
#include "arch.h"
#include "gdt.h"
#include "trap.h"
#include "uaccess.h"
#include "io.h"
#include "printk.h"
#include "ksyms.h"

static bool is_kernel_address(uint64_t addr)
{
	return addr >= DIRECT_MAP_BASE && (addr & 7) == 0;
}

uint64_t arch_frame_pointer(void)
{
	return (uint64_t)__builtin_frame_address(0);
}

/**
 * arch_stack_walk() - call @fn for each return address on the frame chain starting at @fp.
 * @fp: a frame pointer (rbp value); 0 means this function's own frame, so the first address
 *       reported is the return into our caller.
 * @max: at most this many frames.
 * @fn, @arg: called as fn(return_address, arg), innermost first.
 * Context: any; reads only kernel memory that looks like a stack. Return: nothing.
 */
void arch_stack_walk(uint64_t fp, int max, void (*fn)(uint64_t ret_addr, void *arg), void *arg)
{
	uint64_t *frame = (uint64_t *)(fp ? fp : (uint64_t)__builtin_frame_address(0));

	for (int i = 0; i < max && is_kernel_address((uint64_t)frame); i++) {
		uint64_t ret = frame[1];
		uint64_t *next = (uint64_t *)frame[0];

		if (ret == 0)
			break;
		fn(ret, arg);
		if (next <= frame)
			break;
		frame = next;
	}
}

uint64_t arch_frame_pc(const struct trap_frame *tf)
{
	return tf->rip;
}

uint64_t arch_frame_fp(const struct trap_frame *tf)
{
	return tf->rbp;
}

/* arch_frame_is_user() - was @tf saved on an entry from ring 3 (a syscall, or a trap or
 * interrupt of user code)? */
bool arch_frame_is_user(const struct trap_frame *tf)
{
	return tf->cs == (GDT_USER_CODE | 3);
}

/**
 * arch_user_stack_walk() - call @fn for each return address on the user frame chain of @tf.
 * @tf: registers saved on an entry from user mode (arch_frame_is_user()).
 * @max: at most this many frames.
 * @fn, @arg: called as fn(return_address, arg), innermost first; the interrupted rip itself
 *       is not reported (arch_user_ip() gives it).
 *
 * The walk starts at the saved rbp and stops at a frame it cannot read, a NULL return address,
 * a misaligned frame, or one that does not lie above the last (a loop).
 * Context: any, also a panic: user memory is read only with copy_from_user_nofault().
 * Return: the number of frames reported.
 */
int arch_user_stack_walk(const struct trap_frame *tf, int max,
			 void (*fn)(uint64_t ret_addr, void *arg), void *arg)
{
	uint64_t frame[2];	/* [0]: the caller's saved rbp, [1]: the return address */
	uint64_t fp = tf->rbp;
	int n = 0;

	while (n < max && fp && (fp & 7) == 0) {
		if (copy_from_user_nofault(frame, fp, sizeof(frame)) || frame[1] == 0)
			break;
		fn(frame[1], arg);
		n++;
		if (frame[0] <= fp)
			break;
		fp = frame[0];
	}
	return n;
}

/* arch_dump_frame() - the registers of a trap frame, RIP symbolised. */
void arch_dump_frame(const struct trap_frame *tf)
{
	char sym[96];

	ksym_format(sym, sizeof(sym), tf->rip);
	printk(LOGLEVEL_EMERG, "RIP: %#018lx %s\n", tf->rip, sym);
	printk(LOGLEVEL_EMERG, "CS: %#lx RFLAGS: %#lx RSP: %#018lx SS: %#lx CR2: %#lx CR3: %#lx\n",
	       tf->cs, tf->rflags, tf->rsp, tf->ss, read_cr2(), read_cr3());
	printk(LOGLEVEL_EMERG, "RAX: %016lx RBX: %016lx RCX: %016lx RDX: %016lx\n", tf->rax,
	       tf->rbx, tf->rcx, tf->rdx);
	printk(LOGLEVEL_EMERG, "RSI: %016lx RDI: %016lx RBP: %016lx R8:  %016lx\n", tf->rsi,
	       tf->rdi, tf->rbp, tf->r8);
	printk(LOGLEVEL_EMERG, "R9:  %016lx R10: %016lx R11: %016lx R12: %016lx\n", tf->r9,
	       tf->r10, tf->r11, tf->r12);
	printk(LOGLEVEL_EMERG, "R13: %016lx R14: %016lx R15: %016lx\n", tf->r13, tf->r14,
	       tf->r15);
}
