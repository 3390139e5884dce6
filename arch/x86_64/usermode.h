/* usermode.h - the machine side of user mode, private to arch/x86_64.
 * The portable interface is in kernel/include/arch.h; this header joins the pieces inside
 * arch/x86_64: the syscall MSRs and the entry's stack slot (usermode.c, syscall.asm), and the
 * labels of the user-copy routines that trap.c needs for fault fix-ups (uaccess.asm). */
#ifndef REAPER_ARCH_USERMODE_H
#define REAPER_ARCH_USERMODE_H

#include "types.h"

#define RFLAGS_RESERVED	(1UL << 1)	/* always reads as 1 */
#define RFLAGS_TF	(1UL << 8)
#define RFLAGS_IF	(1UL << 9)
#define RFLAGS_DF	(1UL << 10)
#define RFLAGS_NT	(1UL << 14)	/* nested task: iretq with it set faults (#GP) */
#define RFLAGS_AC	(1UL << 18)

/* The rflags bits rt_sigreturn and ptrace SETREGS take from user space (Linux's FIX_EFLAGS). */
#define RFLAGS_USER_MASK	(0x1UL | 0x4UL | 0x10UL | 0x40UL | 0x80UL | 0x800UL | \
				 RFLAGS_TF | RFLAGS_DF | RFLAGS_AC | (1UL << 16))

void syscall_arch_init(void);
void syscall_set_kernel_stack(void *stack_top);

/* uaccess.asm: every instruction that may touch user memory lies in
 * [uaccess_copy_start, uaccess_copy_end); a page fault there that demand paging cannot
 * satisfy resumes at uaccess_fixup, which returns -EFAULT from the interrupted routine. */
extern char uaccess_copy_start[], uaccess_copy_end[], uaccess_fixup[];

#endif
