/* fpu.c - the rest of a user thread's registers: x87/SSE state, the TLS bases, the page tables.
 *
 * The kernel is compiled with -mgeneral-regs-only, so it never touches the x87, MMX or SSE
 * registers: while a thread is in the kernel, the CPU still holds that thread's user FPU/SSE
 * state. Only a thread switch has to save and restore it. arch_switch_to() does, eagerly, with
 * fxsave/fxrstor into a 512-byte, 16-byte-aligned area per user thread (struct arch_thread).
 * Kernel threads have no area (t->arch == NULL): they leave the registers alone, so switching
 * user A -> kernel thread -> user B still saves A's state and loads B's.
 * The same holds for the FS and GS bases (the TLS pointer musl and glibc set with arch_prctl):
 * the kernel never uses them, so they are saved and loaded only at a switch. (Linux switches
 * FPU state lazily on return to user mode - TIF_NEED_FPU_LOAD - and uses xsave for AVX; eager
 * fxsave is the textbook version.)
 * The third piece of per-thread machine state is CR3: a user thread runs on its process's
 * page tables, a kernel thread on the kernel's (arch_activate_mm()).
 *
 * Boot: fpu_init() makes SSE usable in ring 3 (CR0.EM off, CR0.MP on, CR4.OSFXSR and
 * OSXMMEXCPT on) and resets the x87 unit. A new thread's area holds the state Linux gives a
 * new program: x87 control word 0x37f (all exceptions masked, 64-bit precision, round to
 * nearest), MXCSR 0x1f80 (all SSE exceptions masked), empty registers.
 *
 * Invariants: t->arch != NULL iff t is a user thread; while t runs, its state is in the CPU,
 *   and while it is switched out, in t->arch.
 * Locking: arch_switch_to() runs under the scheduler's run-queue lock with interrupts off;
 *   everything else touches only the current thread's state.
 * See also: kernel/sched.c (context_switch_locked), tls.c (arch_prctl), usermode.c.
 *   Linux: arch/x86/kernel/fpu/core.c, arch/x86/kernel/process_64.c (__switch_to,
 *   x86_fsbase_write_task), arch/x86/include/asm/mmu_context.h (switch_mm).
 */
#include "fpu.h"
#include "arch.h"
#include "io.h"
#include "mm_space.h"
#include "paging.h"
#include "panic.h"
#include "process.h"
#include "sched.h"
#include "slab.h"
#include "string.h"
#include "uapi/errno.h"

#define CR0_MP		(1UL << 1)	/* wait/fwait honours TS */
#define CR0_EM		(1UL << 2)	/* x87 emulation: must be off for SSE */
#define CR0_TS		(1UL << 3)	/* task switched: would trap the first FPU use */
#define CR4_OSFXSR	(1UL << 9)	/* the OS saves state with fxsave: SSE enabled */
#define CR4_OSXMMEXCPT	(1UL << 10)	/* SSE exceptions raise #XM, not #UD */

#define FXSAVE_FCW	0	/* offsets in the fxsave image */
#define FXSAVE_MXCSR	24
#define FXSAVE_MXCSR_MASK 28
#define MXCSR_MASK_DEFAULT 0xffbf	/* when fxsave reports 0 (Intel SDM 10.5.1.2) */
#define FCW_DEFAULT	0x037f
#define MXCSR_DEFAULT	0x1f80

static struct kmem_cache *arch_thread_cache;	/* "task_xstate", Linux's old name for it */

static uint64_t read_cr0(void)
{
	uint64_t v;

	__asm__ __volatile__("mov %%cr0, %0" : "=r"(v));
	return v;
}

static uint64_t read_cr4(void)
{
	uint64_t v;

	__asm__ __volatile__("mov %%cr4, %0" : "=r"(v));
	return v;
}

/**
 * fpu_init() - enable SSE for user programs and reset the x87 unit.
 * Context: boot, from arch_early_init(), interrupts off. Return: nothing.
 */
void fpu_init(void)
{
	uint64_t cr0 = (read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP;
	uint64_t cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;

	__asm__ __volatile__("mov %0, %%cr0" : : "r"(cr0) : "memory");
	__asm__ __volatile__("mov %0, %%cr4" : : "r"(cr4) : "memory");
	__asm__ __volatile__("fninit" : : : "memory");
}

static void fxsave(struct arch_thread *a)
{
	__asm__ __volatile__("fxsaveq %0" : "=m"(a->fxsave));
}

static void fxrstor(const struct arch_thread *a)
{
	__asm__ __volatile__("fxrstorq %0" : : "m"(a->fxsave));
}

/* default_state_fpu() - the FPU/SSE registers of a program that has just started. */
static void default_state_fpu(struct arch_thread *a)
{
	uint16_t fcw = FCW_DEFAULT;
	uint32_t mxcsr = MXCSR_DEFAULT;

	memset(a->fxsave, 0, sizeof(a->fxsave));
	memcpy(a->fxsave + FXSAVE_FCW, &fcw, sizeof(fcw));
	memcpy(a->fxsave + FXSAVE_MXCSR, &mxcsr, sizeof(mxcsr));
}

/* default_state() - the registers of a program that has just started (see the top). */
static void default_state(struct arch_thread *a)
{
	memset(a, 0, sizeof(*a));
	default_state_fpu(a);
}

/* load_user_state() / save_user_state() - between the CPU and @a. */
static void load_user_state(const struct arch_thread *a)
{
	fxrstor(a);
	wrmsr(MSR_FS_BASE, a->fs_base);
	wrmsr(MSR_GS_BASE, a->gs_base);
}

static void save_user_state(struct arch_thread *a)
{
	fxsave(a);
	a->fs_base = rdmsr(MSR_FS_BASE);
	a->gs_base = rdmsr(MSR_GS_BASE);
}

/**
 * arch_thread_init() - give @t the FPU/SSE area and TLS bases of a user thread.
 * @t: a thread becoming a user thread; t->arch is NULL.
 *
 * The state is the default of a new program; it reaches the CPU at the next switch to @t, or
 * at once through arch_uregs_init() if @t is the current thread.
 * Context: thread; allocates. Return: 0, or -ENOMEM.
 */
int arch_thread_init(struct thread *t)
{
	struct arch_thread *a;

	if (!arch_thread_cache)	/* first use is init's start at boot: no race */
		arch_thread_cache = kmem_cache_create("task_xstate", sizeof(*a), 64);
	a = arch_thread_cache ? kmem_cache_alloc(arch_thread_cache) : NULL;
	if (!a)
		return -ENOMEM;
	default_state(a);
	t->arch = a;
	return 0;
}

/**
 * arch_thread_free() - drop @t's user state; @t is a kernel thread again (or dying).
 * @t: any thread; nothing happens if it has no user state.
 *
 * Context: thread or the scheduler's free path. Return: nothing.
 */
void arch_thread_free(struct thread *t)
{
	if (!t->arch)
		return;
	kmem_cache_free(arch_thread_cache, t->arch);
	t->arch = NULL;
}

/**
 * fpu_reset_current() - the current thread's FPU/SSE state and TLS bases back to a new
 * program's, in its area and in the CPU (execve). Nothing for a kernel thread.
 * Context: the current thread. Return: nothing.
 */
void fpu_reset_current(void)
{
	struct thread *t = sched_current();
	unsigned long flags;

	if (!t->arch)
		return;
	flags = arch_irq_save();	/* the area and the CPU must agree before any switch */
	default_state(t->arch);
	load_user_state(t->arch);
	arch_irq_restore(flags);
}

static void fpu_reset_fpu_only(struct arch_thread *a);

/**
 * fpu_save_current() - copy the current thread's live FPU/SSE state into @buf (a signal frame
 * is being built: the state of the interrupted code goes on the user stack).
 * @buf: FXSAVE_SIZE bytes, 16-byte aligned.
 *
 * Context: the current user thread (its state is in the CPU while it runs). Return: nothing.
 */
void fpu_save_current(uint8_t *buf)
{
	__asm__ __volatile__("fxsaveq %0" : "=m"(*(uint8_t(*)[FXSAVE_SIZE])buf));
}

/**
 * fpu_restore_current() - load @buf (from user space: rt_sigreturn) as the current thread's
 * FPU/SSE state, or the state of a new program if @buf is NULL.
 * @buf: FXSAVE_SIZE bytes, 16-byte aligned; modified: MXCSR is masked first.
 *
 * fxrstor raises #GP in the kernel if MXCSR has a reserved bit set, so the bits the CPU does
 * not support (its MXCSR_MASK, from a fresh fxsave) are cleared first: user space cannot make
 * the kernel fault. (Linux: fpu__restore_sig -> sanitize_restored_user_xstate.)
 * Context: the current user thread. Return: nothing.
 */
void fpu_restore_current(uint8_t *buf)
{
	struct arch_thread *a = sched_current()->arch;
	uint32_t mxcsr, mask;

	if (!buf) {
		fpu_reset_fpu_only(a);
		return;
	}
	fxsave(a);	/* scratch: only for MXCSR_MASK; the CPU still holds the same state */
	memcpy(&mask, a->fxsave + FXSAVE_MXCSR_MASK, sizeof(mask));
	if (mask == 0)
		mask = MXCSR_MASK_DEFAULT;
	memcpy(&mxcsr, buf + FXSAVE_MXCSR, sizeof(mxcsr));
	mxcsr &= mask;
	memcpy(buf + FXSAVE_MXCSR, &mxcsr, sizeof(mxcsr));
	__asm__ __volatile__("fxrstorq %0" : : "m"(*(const uint8_t(*)[FXSAVE_SIZE])buf));
}

/* fpu_reset_fpu_only() - a new program's FPU/SSE registers, leaving the TLS bases alone. */
static void fpu_reset_fpu_only(struct arch_thread *a)
{
	unsigned long flags = arch_irq_save();

	default_state_fpu(a);
	fxrstor(a);
	arch_irq_restore(flags);
}

/* pgtable_of() - the page tables @t runs on: its process's, else the kernel's. */
static paddr_t pgtable_of(const struct thread *t)
{
	if (t->proc && t->proc->mm)
		return mm_pgtable_root(t->proc->mm);
	return arch_kernel_pgtable();
}

static void load_cr3(paddr_t root)
{
	/* Reloading the same CR3 would flush the TLB for nothing: an optimisation only. */
	if ((read_cr3() & PTE_ADDR_MASK) != root)
		__asm__ __volatile__("mov %0, %%cr3" : : "r"(root) : "memory");
}

/**
 * arch_activate_mm() - run the current thread on @mm's page tables from now on.
 * @mm: an address space, or NULL for the kernel's own tables (before the old mm is freed).
 *
 * Context: the current thread, whose process's mm is being replaced (execve, exit). The
 * caller sets current_process()->mm to match, so the next switch keeps the same CR3.
 * Return: nothing.
 */
void arch_activate_mm(struct mm *mm)
{
	load_cr3(mm ? mm_pgtable_root(mm) : arch_kernel_pgtable());
}

/**
 * arch_switch_to() - move the machine state beyond the callee-saved registers from @prev to
 * @next: the FPU/SSE registers and TLS bases of user threads, and CR3.
 * @prev: the thread being switched out (may be DEAD: its area is already freed then).
 * @next: the thread about to run.
 *
 * Context: kernel/sched.c, just before arch_context_switch(); run-queue lock held, interrupts
 * off. Return: nothing.
 */
void arch_switch_to(struct thread *prev, struct thread *next)
{
	if (prev->arch)
		save_user_state(prev->arch);
	if (next->arch)
		load_user_state(next->arch);
	load_cr3(pgtable_of(next));
}

/**
 * arch_thread_copy() - @child starts with @parent's FPU/SSE registers and TLS bases (fork,
 * clone). @parent is the current thread, whose live registers are saved first.
 * @child: a new thread with its area (arch_thread_init). @parent: the current thread.
 *
 * Context: thread. Return: nothing.
 */
void arch_thread_copy(struct thread *child, struct thread *parent)
{
	unsigned long flags = arch_irq_save();	/* the CPU's state must not change meanwhile */

	save_user_state(parent->arch);
	memcpy(child->arch, parent->arch, sizeof(*child->arch));
	arch_irq_restore(flags);
}

/**
 * arch_thread_set_tls() - @t's FS base is @tls when it first runs (CLONE_SETTLS).
 * Context: thread; @t has not started. Return: nothing.
 */
void arch_thread_set_tls(struct thread *t, uaddr_t tls)
{
	t->arch->fs_base = tls;
}
