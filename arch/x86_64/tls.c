/* tls.c - arch_prctl: a thread's FS and GS base, the anchor of thread-local storage.
 *
 * On x86-64 the C library keeps a pointer to the current thread's control block (and from
 * it, every __thread variable) in the FS segment base: `mov %fs:0, %rax` reads the block's
 * self-pointer. The base is not a general register: user code (without the FSGSBASE
 * instructions, which we do not enable) sets it through arch_prctl(ARCH_SET_FS), and the kernel
 * writes MSR_FS_BASE. It is per-thread state, saved and loaded at every switch (fpu.c).
 * musl calls ARCH_SET_FS as the first system call of every program; glibc's static start-up
 * too. GS is the same for programs that use it (the kernel itself never uses FS or GS).
 *
 * Errors follow Linux: a base that is not a user address (kernel half or non-canonical) is
 * EPERM - loading a non-canonical base would #GP in the kernel at the next switch, so it must
 * never be accepted; an unknown code is EINVAL; an unwritable pointer for GET is EFAULT.
 * Locking: none; a thread changes only its own bases, and the area and the MSR are updated
 *   with interrupts off so a switch in between cannot save a stale value.
 * See also: fpu.c (struct arch_thread, the switch), kernel/include/uapi/prctl.h.
 *   Linux: arch/x86/kernel/process_64.c (do_arch_prctl_64).
 */
#include "arch.h"
#include "fpu.h"
#include "io.h"
#include "sched.h"
#include "syscalls.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/prctl.h"

/* set_base() - the current thread's @msr base becomes @base, in its area and in the CPU. */
static long set_base(uint32_t msr, uint64_t base)
{
	struct arch_thread *a = sched_current()->arch;
	unsigned long flags;

	if (base >= USER_SPACE_END)
		return -EPERM;
	flags = arch_irq_save();
	if (msr == MSR_FS_BASE)
		a->fs_base = base;
	else
		a->gs_base = base;
	wrmsr(msr, base);
	arch_irq_restore(flags);
	return 0;
}

/* get_base() - write the current @msr base to the user's unsigned long at @ubase. */
static long get_base(uint32_t msr, uaddr_t ubase)
{
	uint64_t base = rdmsr(msr);	/* live in the CPU while the thread runs */

	return copy_to_user(ubase, &base, sizeof(base));
}

/**
 * do_arch_prctl() - set or get the current thread's FS or GS base.
 * @code: ARCH_SET_FS, ARCH_GET_FS, ARCH_SET_GS or ARCH_GET_GS.
 * @addr: SET: the new base; GET: the user address of an unsigned long to store it in.
 *
 * Context: a user thread (t->arch != NULL). Return: 0; -EPERM for a base outside user space;
 * -EFAULT for a bad GET pointer; -EINVAL for any other code.
 */
static long do_arch_prctl(int code, uint64_t addr)
{
	if (!sched_current()->arch)
		return -EINVAL;	/* a kernel thread has no user TLS */
	switch (code) {
	case ARCH_SET_FS:
		return set_base(MSR_FS_BASE, addr);
	case ARCH_GET_FS:
		return get_base(MSR_FS_BASE, addr);
	case ARCH_SET_GS:
		return set_base(MSR_GS_BASE, addr);
	case ARCH_GET_GS:
		return get_base(MSR_GS_BASE, addr);
	default:
		return -EINVAL;
	}
}

/* arch_prctl(int code, unsigned long addr) */
long sys_arch_prctl(const struct syscall_args *a)
{
	return do_arch_prctl((int)a->arg[0], a->arg[1]);
}
