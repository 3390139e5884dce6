/* signal.c (x86-64) - the machine side of signals: the frame a handler runs on, rt_sigreturn,
 * system call restart, and the last stop before user mode.
 *
 * exit_to_user_mode() is called by trap.asm's trap_return on every way out of the kernel -
 * syscall return, exception, interrupt, the first entry of a program - with interrupts off.
 * For a frame that returns to ring 3 it loops until nothing is left to do: preempt if the
 * scheduler asked (need_resched), deliver signals (kernel/signal_deliver.c) with interrupts on,
 * then check again with interrupts off, so a signal sent in between is not left for later.
 *
 * The frame (signal_frame.h, placed by sigframe_layout()): the interrupted registers go into
 * uc_mcontext in Linux's struct sigcontext order, which glibc's and musl's ucontext_t mirror;
 * the FPU/SSE state is fxsave'd into user memory above it. The handler starts with rdi = sig,
 * rsi = &info, rdx = &uc, rax = 0, and returns into sa_restorer, which calls rt_sigreturn.
 *
 * rt_sigreturn trusts nothing in the frame: cs and ss are forced to the user selectors, rflags
 * keeps only the arithmetic flags, TF, DF, AC and RF (no IOPL, no IF clearing, no VM), and
 * MXCSR loses its reserved bits; a rip that is not canonical makes iretq fault, which trap.c
 * turns into SIGSEGV for the program. An unreadable frame is SIGSEGV too.
 *
 * The original system call number: syscall.asm stores rax at entry in the frame's error_code
 * slot (Linux's orig_rax sits there too), since rax is overwritten by the result. A frame whose
 * vector is TRAP_SYSCALL and whose slot is >= 0 is "returning from system call nr"; after a
 * restart decision or rt_sigreturn the slot is set to -1, so nothing restarts twice.
 * See also: kernel/signal_deliver.c, kernel/signal_syscalls.c (sys_rt_sigreturn), trap.asm,
 *   syscall.asm, fpu.c. Linux: arch/x86/kernel/signal.c, signal_64.c, entry/common.c.
 */
#include "arch.h"
#include "fpu.h"
#include "gdt.h"
#include "sched.h"
#include "signal.h"
#include "signal_frame.h"
#include "string.h"
#include "trap.h"
#include "uaccess.h"
#include "usermode.h"
#include "uapi/errno.h"

#define SYSCALL_INSN_LEN	2	/* 0f 05 */
static inline bool to_user_mode(const struct trap_frame *tf)
{
	return (tf->cs & 3) == 3;
}

/**
 * exit_to_user_mode() - the last work before returning to user mode: preemption and signals.
 * @tf: the frame trap_return is about to pop.
 *
 * Context: trap.asm, interrupts off, no spinlock held; may sleep or never return (a fatal
 * signal). Return: with interrupts off and nothing pending that can be delivered.
 */
void exit_to_user_mode(struct trap_frame *tf)
{
	struct thread *t;

	if (!to_user_mode(tf))
		return;
	t = sched_current();
	for (;;) {
		sched_irq_exit();
		if (!signal_pending(t) && !signal_syscall_needs_restart(tf))
			return;
		arch_irq_enable();
		do_signal(tf);
		arch_irq_disable();
	}
}

/**
 * arch_syscall_nr() - the number of the system call @tf is returning from.
 * Context: any. Return: the number, or -1 if @tf is not a system call's (or was forgotten).
 */
long arch_syscall_nr(const struct trap_frame *tf)
{
	return tf->vector == TRAP_SYSCALL ? (long)tf->error_code : -1;
}

/**
 * arch_syscall_return() - the value the system call in @tf returns (rax).
 * Context: any. Return: the value.
 */
long arch_syscall_return(const struct trap_frame *tf)
{
	return (long)tf->rax;
}

/**
 * arch_syscall_restart() - make @tf execute `syscall` again, as system call @nr.
 * Context: the thread's own frame, before returning to user mode. Return: nothing.
 */
void arch_syscall_restart(struct trap_frame *tf, long nr)
{
	tf->rax = (uint64_t)nr;
	tf->rip -= SYSCALL_INSN_LEN;
}

/**
 * arch_syscall_forget() - @tf no longer returns from a restartable system call.
 * Context: as arch_syscall_restart(). Return: nothing.
 */
void arch_syscall_forget(struct trap_frame *tf)
{
	if (tf->vector == TRAP_SYSCALL)
		tf->error_code = (uint64_t)-1;
}

/* altstack_flags() - sigaltstack's view of @sp: SS_DISABLE, SS_ONSTACK or 0. */
static int altstack_flags(const struct thread *t, uint64_t sp)
{
	const struct user_stack *ss = &t->sig.altstack;

	if (ss->ss_size == 0)
		return SS_DISABLE;
	return sp > ss->ss_sp && sp - ss->ss_sp <= ss->ss_size ? SS_ONSTACK : 0;
}

/**
 * arch_on_altstack() - is @sp on the current thread's alternate signal stack?
 * Context: the current thread. Return: true if so.
 */
bool arch_on_altstack(uint64_t sp)
{
	return altstack_flags(sched_current(), sp) == SS_ONSTACK;
}

/* save_sigcontext() - the interrupted registers, in Linux's struct sigcontext order. */
static void save_sigcontext(struct sigcontext *sc, const struct trap_frame *tf)
{
	*sc = (struct sigcontext){
		.r8 = tf->r8, .r9 = tf->r9, .r10 = tf->r10, .r11 = tf->r11,
		.r12 = tf->r12, .r13 = tf->r13, .r14 = tf->r14, .r15 = tf->r15,
		.rdi = tf->rdi, .rsi = tf->rsi, .rbp = tf->rbp, .rbx = tf->rbx,
		.rdx = tf->rdx, .rax = tf->rax, .rcx = tf->rcx, .rsp = tf->rsp,
		.rip = tf->rip, .eflags = tf->rflags,
		.cs = (uint16_t)tf->cs, .ss = (uint16_t)tf->ss,
	};
	if (tf->vector != TRAP_SYSCALL) {
		sc->err = tf->error_code;
		sc->trapno = tf->vector;
	}
}

/* fill_frame() - the rt_sigframe for @sig at @l, in kernel memory. */
static void fill_frame(struct rt_sigframe *f, const struct trap_frame *tf,
		       const struct siginfo *info, const struct kernel_sigaction *ka,
		       sigset_t oldmask, const struct sigframe_layout *l)
{
	const struct thread *t = sched_current();

	memset(f, 0, sizeof(*f));
	f->pretcode = ka->restorer;
	f->uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	f->uc.uc_stack = t->sig.altstack;
	f->uc.uc_stack.ss_flags = altstack_flags(t, tf->rsp);
	save_sigcontext(&f->uc.uc_mcontext, tf);
	f->uc.uc_mcontext.oldmask = oldmask;
	f->uc.uc_mcontext.fpstate = l->fpstate;
	if (info->si_signo == SIGSEGV || info->si_signo == SIGBUS)
		f->uc.uc_mcontext.cr2 = info->fault.addr;
	f->uc.uc_sigmask = oldmask;
	f->info = *info;
}

/* place_frame() - where the frame goes: the alternate stack if the handler asked for it, it
 * is enabled, and we are not on it already. Return: false if it does not fit. */
static bool place_frame(const struct trap_frame *tf, const struct kernel_sigaction *ka,
			struct sigframe_layout *l)
{
	const struct user_stack *ss = &sched_current()->sig.altstack;
	bool alt = (ka->flags & SA_ONSTACK) && altstack_flags(sched_current(), tf->rsp) == 0;

	return sigframe_layout(tf->rsp, alt, ss->ss_sp, ss->ss_size, l);
}

/**
 * arch_setup_rt_frame() - build @sig's frame on the user stack and point @tf at the handler.
 * @tf: the user registers. @sig, @info: the signal. @ka: its action (handler, SA_ONSTACK,
 *	sa_restorer). @oldmask: the mask rt_sigreturn restores.
 *
 * Context: the current thread, interrupts on, no spinlock held; may fault user pages in.
 * Return: 0, or -EFAULT if the frame cannot be written (or there is no SA_RESTORER, which
 * x86-64 requires: there is no other way back).
 */
int arch_setup_rt_frame(struct trap_frame *tf, int sig, const struct siginfo *info,
			const struct kernel_sigaction *ka, sigset_t oldmask)
{
	struct rt_sigframe f;		/* 440 bytes, and 512 below: the stack has 16 KiB */
	uint8_t fx[SIGFRAME_FPSTATE_SIZE] ALIGNED(16);
	struct sigframe_layout l;

	if (!(ka->flags & SA_RESTORER) || !place_frame(tf, ka, &l))
		return -EFAULT;
	fpu_save_current(fx);
	if (copy_to_user(l.fpstate, fx, sizeof(fx)))
		return -EFAULT;
	fill_frame(&f, tf, info, ka, oldmask, &l);
	if (copy_to_user(l.frame, &f, sizeof(f)))
		return -EFAULT;
	tf->rip = ka->handler;
	tf->rsp = l.frame;
	tf->rdi = (uint64_t)sig;
	tf->rsi = l.frame + offsetof(struct rt_sigframe, info);
	tf->rdx = l.frame + offsetof(struct rt_sigframe, uc);
	tf->rax = 0;
	tf->rflags &= ~(RFLAGS_TF | RFLAGS_DF | (1UL << 16));
	return 0;
}

/* restore_sigcontext() - the registers from @sc, made safe: user selectors, tame rflags. */
static void restore_sigcontext(struct trap_frame *tf, const struct sigcontext *sc)
{
	tf->r8 = sc->r8; tf->r9 = sc->r9; tf->r10 = sc->r10; tf->r11 = sc->r11;
	tf->r12 = sc->r12; tf->r13 = sc->r13; tf->r14 = sc->r14; tf->r15 = sc->r15;
	tf->rdi = sc->rdi; tf->rsi = sc->rsi; tf->rbp = sc->rbp; tf->rbx = sc->rbx;
	tf->rdx = sc->rdx; tf->rax = sc->rax; tf->rcx = sc->rcx; tf->rsp = sc->rsp;
	tf->rip = sc->rip;
	tf->rflags = (tf->rflags & ~RFLAGS_USER_MASK) | (sc->eflags & RFLAGS_USER_MASK);
	tf->rflags |= RFLAGS_IF | RFLAGS_RESERVED;
	tf->cs = GDT_USER_CODE | 3;
	tf->ss = GDT_USER_DATA | 3;
}

/* restore_fpstate() - the FPU/SSE state from user address @ufp (0: a fresh state). */
static int restore_fpstate(uint64_t ufp)
{
	uint8_t fx[SIGFRAME_FPSTATE_SIZE] ALIGNED(16);

	if (!ufp) {
		fpu_restore_current(NULL);
		return 0;
	}
	if ((ufp & 15) || copy_from_user(fx, ufp, sizeof(fx)))
		return -EFAULT;
	fpu_restore_current(fx);
	return 0;
}

/**
 * arch_rt_sigreturn() - undo arch_setup_rt_frame(): the registers, FPU state and mask saved
 * in the frame the handler returned from (its rsp is just above pretcode).
 * @tf: the user registers of the rt_sigreturn call; rewritten.
 * @mask: set to the saved uc_sigmask.
 *
 * Context: the current thread, from sys_rt_sigreturn. Return: 0, or -EFAULT for a frame that
 * cannot be read (the caller sends SIGSEGV).
 */
int arch_rt_sigreturn(struct trap_frame *tf, sigset_t *mask)
{
	struct rt_sigframe f;
	uint64_t frame = tf->rsp - sizeof(f.pretcode);

	if (copy_from_user(&f, frame, sizeof(f)))
		return -EFAULT;
	restore_sigcontext(tf, &f.uc.uc_mcontext);
	*mask = f.uc.uc_sigmask;
	arch_syscall_forget(tf);
	return restore_fpstate(f.uc.uc_mcontext.fpstate);
}

/**
 * arch_user_sp() - the user stack pointer saved in @tf (sigaltstack's "are we on it?").
 * Context: any. Return: rsp.
 */
uint64_t arch_user_sp(const struct trap_frame *tf)
{
	return tf->rsp;
}

/**
 * arch_user_ip() - the user instruction pointer saved in @tf (a single step's si_addr).
 * Context: any. Return: the address.
 */
uint64_t arch_user_ip(const struct trap_frame *tf)
{
	return tf->rip;
}
