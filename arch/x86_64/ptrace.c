/* ptrace.c - the machine side of ptrace: a stopped tracee's registers as a tracer sees them
 * (struct user_regs_struct, the fxsave image) and single-stepping with RFLAGS.TF.
 *
 * Where the registers are: a stopped tracee is switched out, so its general registers are in
 * the trap frame at the top of its kernel stack (t->uregs, the one frame layout every entry
 * builds - syscall.asm), its FPU/SSE state and FS/GS bases in t->arch (fpu.c). Both are only
 * read or written while the tracee sleeps in a ptrace stop, which the portable side ensures.
 *
 * user_regs_struct is 27 quadwords; getreg()/putreg() move one by its index, and GETREGS,
 * SETREGS, PEEKUSER and POKEUSER are loops or single calls over them (as Linux's getreg and
 * putreg). What a tracer may write, as Linux allows it: any general register and rip; in
 * eflags only the bits user code may change (RFLAGS_USER_MASK); fs_base/gs_base below the
 * user-space limit; orig_rax (it picks the system call at a syscall-entry stop). Selectors:
 * Linux takes any selector with RPL 3; we take only the two that exist here (user code for
 * cs, user data or 0 for the rest) and ignore ds/es/fs/gs, which 64-bit code does not use -
 * anything else would fault on the way back to user mode.
 *
 * Single-step: PTRACE_SINGLESTEP sets TF in the saved rflags; iretq restores it, the CPU runs
 * one instruction and raises #DB, which trap.c turns into SIGTRAP (TRAP_TRACE) and the
 * tracee reports it. PT_FORCED_TF remembers that TF was ours, not the program's, so a later
 * PTRACE_CONT clears it and GETREGS hides it (Linux: TIF_FORCED_TF, user_disable_single_step).
 * See also: kernel/ptrace.c, kernel/include/uapi/ptrace.h. Linux: arch/x86/kernel/ptrace.c,
 * arch/x86/kernel/step.c.
 */
#include "arch.h"
#include "fpu.h"
#include "gdt.h"
#include "mm_space.h"
#include "sched.h"
#include "string.h"
#include "trap.h"
#include "usermode.h"
#include "uapi/errno.h"
#include "uapi/ptrace.h"

/* The quadword indexes of struct user_regs_struct. */
enum user_reg {
	UR_R15, UR_R14, UR_R13, UR_R12, UR_RBP, UR_RBX, UR_R11, UR_R10, UR_R9, UR_R8,
	UR_RAX, UR_RCX, UR_RDX, UR_RSI, UR_RDI, UR_ORIG_RAX, UR_RIP, UR_CS, UR_EFLAGS, UR_RSP,
	UR_SS, UR_FS_BASE, UR_GS_BASE, UR_DS, UR_ES, UR_FS, UR_GS, UR_COUNT
};

#define USER_CS	(GDT_USER_CODE | 3)
#define USER_DS	(GDT_USER_DATA | 3)

/* gpr() - the frame slot of general register @i (UR_R15 .. UR_RDI, UR_RIP, UR_RSP), or NULL. */
static uint64_t *gpr(struct trap_frame *tf, enum user_reg i)
{
	switch (i) {
	case UR_R15: return &tf->r15;
	case UR_R14: return &tf->r14;
	case UR_R13: return &tf->r13;
	case UR_R12: return &tf->r12;
	case UR_RBP: return &tf->rbp;
	case UR_RBX: return &tf->rbx;
	case UR_R11: return &tf->r11;
	case UR_R10: return &tf->r10;
	case UR_R9: return &tf->r9;
	case UR_R8: return &tf->r8;
	case UR_RAX: return &tf->rax;
	case UR_RCX: return &tf->rcx;
	case UR_RDX: return &tf->rdx;
	case UR_RSI: return &tf->rsi;
	case UR_RDI: return &tf->rdi;
	case UR_RIP: return &tf->rip;
	case UR_RSP: return &tf->rsp;
	default: return NULL;
	}
}

/* getreg() - register @i of the stopped @t, as a tracer reads it. */
static uint64_t getreg(struct thread *t, enum user_reg i)
{
	struct trap_frame *tf = t->uregs;
	uint64_t *slot = gpr(tf, i);

	if (slot)
		return *slot;
	switch (i) {
	case UR_ORIG_RAX:
		return (uint64_t)arch_syscall_nr(tf);	/* -1 outside a system call */
	case UR_CS:
		return tf->cs;
	case UR_SS:
		return tf->ss;
	case UR_EFLAGS:	/* the debugger's own TF is not the program's */
		return t->ptrace.flags & PT_FORCED_TF ? tf->rflags & ~RFLAGS_TF : tf->rflags;
	case UR_FS_BASE:
		return t->arch->fs_base;
	case UR_GS_BASE:
		return t->arch->gs_base;
	default:	/* ds, es, fs, gs: 64-bit code runs with null selectors there */
		return 0;
	}
}

/* putreg() - set register @i of the stopped @t. Return: 0 or -EIO (a value not allowed). */
static int putreg(struct thread *t, enum user_reg i, uint64_t v)
{
	struct trap_frame *tf = t->uregs;
	uint64_t *slot = gpr(tf, i);

	if (slot) {
		*slot = v;
		return 0;
	}
	switch (i) {
	case UR_ORIG_RAX:
		if (tf->vector == TRAP_SYSCALL)
			tf->error_code = v;	/* the frame keeps orig_rax there */
		return 0;
	case UR_CS:
		return v == tf->cs ? 0 : -EIO;
	case UR_SS:
		return v == tf->ss ? 0 : -EIO;
	case UR_EFLAGS:
		tf->rflags = (tf->rflags & ~RFLAGS_USER_MASK) | (v & RFLAGS_USER_MASK);
		t->ptrace.flags &= ~PT_FORCED_TF;	/* whatever TF is now, the tracer chose it */
		return 0;
	case UR_FS_BASE:
	case UR_GS_BASE:
		if (v >= TASK_SIZE)
			return -EIO;
		if (i == UR_FS_BASE)
			t->arch->fs_base = v;
		else
			t->arch->gs_base = v;
		return 0;
	default:
		return v == 0 || v == USER_DS ? 0 : -EIO;
	}
}

/**
 * arch_ptrace_getregs() - the stopped @t's general registers.
 * @t: a tracee in a ptrace stop. @regs: filled in.
 * Context: the tracer; @t sleeps. Return: nothing.
 */
void arch_ptrace_getregs(struct thread *t, struct user_regs_struct *regs)
{
	uint64_t *out = (uint64_t *)regs;

	for (int i = 0; i < UR_COUNT; i++)
		out[i] = getreg(t, i);
}

/**
 * arch_ptrace_setregs() - set the stopped @t's general registers, in order; the first value
 * that is not allowed stops the loop (the ones before it stay written, as Linux).
 * @t: a tracee in a ptrace stop. @regs: the new values.
 * Context: the tracer; @t sleeps. Return: 0 or -EIO.
 */
int arch_ptrace_setregs(struct thread *t, const struct user_regs_struct *regs)
{
	const uint64_t *in = (const uint64_t *)regs;

	for (int i = 0; i < UR_COUNT; i++) {
		int err = putreg(t, i, in[i]);

		if (err)
			return err;
	}
	return 0;
}

/**
 * arch_ptrace_peekuser() - PEEKUSER: the quadword at byte @off of the tracee's struct user.
 * @t: a tracee in a ptrace stop. @off: 8-byte aligned, below sizeof(struct user).
 * @val: filled in: a register, 0 for a debug register (none is ever set here), 0 elsewhere.
 * Context: the tracer. Return: 0 or -EIO (unaligned or out of range).
 */
int arch_ptrace_peekuser(struct thread *t, uint64_t off, uint64_t *val)
{
	if ((off & 7) || off >= USER_STRUCT_SIZE)
		return -EIO;
	*val = off < USER_REGS_SIZE ? getreg(t, off / 8) : 0;
	return 0;
}

/**
 * arch_ptrace_pokeuser() - POKEUSER: set the register at byte @off of struct user.
 * @t: a tracee in a ptrace stop. @off: as arch_ptrace_peekuser(). @val: the value.
 * Debug registers may only be written with 0 (no hardware breakpoints here).
 * Context: the tracer. Return: 0 or -EIO.
 */
int arch_ptrace_pokeuser(struct thread *t, uint64_t off, uint64_t val)
{
	if ((off & 7) || off >= USER_STRUCT_SIZE)
		return -EIO;
	if (off < USER_REGS_SIZE)
		return putreg(t, off / 8, val);
	if (off >= USER_DEBUGREG_OFFSET && off < USER_DEBUGREG_OFFSET + 8 * 8)
		return val == 0 ? 0 : -EIO;
	return -EIO;
}

/**
 * arch_ptrace_getfpregs() - the stopped @t's x87/SSE state, the 512-byte fxsave image.
 * Context: the tracer; @t is switched out, so its area holds the state. Return: nothing.
 */
void arch_ptrace_getfpregs(struct thread *t, void *buf)
{
	memcpy(buf, t->arch->fxsave, FXSAVE_SIZE);
}

/**
 * arch_ptrace_setfpregs() - set @t's x87/SSE state from a 512-byte fxsave image.
 * MXCSR's reserved bits must be clear, or fxrstor would fault in the kernel.
 * Context: the tracer. Return: 0 or -EINVAL.
 */
int arch_ptrace_setfpregs(struct thread *t, const void *buf)
{
	uint32_t mxcsr;

	memcpy(&mxcsr, (const uint8_t *)buf + 24, sizeof(mxcsr));	/* fxsave's MXCSR */
	if (mxcsr & ~0xffffU)
		return -EINVAL;
	memcpy(t->arch->fxsave, buf, FXSAVE_SIZE);
	return 0;
}

/**
 * arch_ptrace_singlestep() - arm or disarm the single-step trap of the stopped @t.
 * @t: a tracee in a ptrace stop. @on: true for PTRACE_SINGLESTEP, false for any other resume.
 * Context: the tracer, tasklist_lock held. Return: nothing.
 */
void arch_ptrace_singlestep(struct thread *t, bool on)
{
	struct trap_frame *tf = t->uregs;

	if (!tf) {		/* exited: nothing to arm or clear */
		t->ptrace.flags &= ~(PT_SINGLESTEP | PT_FORCED_TF);
		return;
	}
	if (on) {
		if (!(tf->rflags & RFLAGS_TF))
			t->ptrace.flags |= PT_FORCED_TF;
		tf->rflags |= RFLAGS_TF;
		t->ptrace.flags |= PT_SINGLESTEP;
		return;
	}
	if (t->ptrace.flags & PT_FORCED_TF)
		tf->rflags &= ~RFLAGS_TF;
	t->ptrace.flags &= ~(PT_SINGLESTEP | PT_FORCED_TF);
}
