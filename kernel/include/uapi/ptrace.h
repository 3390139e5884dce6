/* uapi/ptrace.h - ptrace requests, options, events and the register layouts a tracer reads
 * (Linux: include/uapi/linux/ptrace.h, arch/x86/include/asm/user_64.h). */
#ifndef REAPER_UAPI_PTRACE_H
#define REAPER_UAPI_PTRACE_H

#include <stdint.h>

/* Requests (ptrace's first argument). */
#define PTRACE_TRACEME		0
#define PTRACE_PEEKTEXT		1
#define PTRACE_PEEKDATA		2
#define PTRACE_PEEKUSER		3
#define PTRACE_POKETEXT		4
#define PTRACE_POKEDATA		5
#define PTRACE_POKEUSER		6
#define PTRACE_CONT		7
#define PTRACE_KILL		8
#define PTRACE_SINGLESTEP	9
#define PTRACE_GETREGS		12
#define PTRACE_SETREGS		13
#define PTRACE_GETFPREGS	14
#define PTRACE_SETFPREGS	15
#define PTRACE_ATTACH		16
#define PTRACE_DETACH		17
#define PTRACE_SYSCALL		24
#define PTRACE_SETOPTIONS	0x4200
#define PTRACE_GETEVENTMSG	0x4201
#define PTRACE_GETSIGINFO	0x4202
#define PTRACE_SETSIGINFO	0x4203
#define PTRACE_SEIZE		0x4206
#define PTRACE_INTERRUPT	0x4207
#define PTRACE_LISTEN		0x4208

/* Options (SETOPTIONS, SEIZE's data). */
#define PTRACE_O_TRACESYSGOOD	0x00000001	/* syscall stops report SIGTRAP | 0x80 */
#define PTRACE_O_TRACEFORK	0x00000002
#define PTRACE_O_TRACEVFORK	0x00000004
#define PTRACE_O_TRACECLONE	0x00000008
#define PTRACE_O_TRACEEXEC	0x00000010
#define PTRACE_O_TRACEVFORKDONE	0x00000020
#define PTRACE_O_TRACEEXIT	0x00000040
#define PTRACE_O_EXITKILL	0x00100000	/* SIGKILL the tracee when the tracer exits */
#define PTRACE_O_MASK		(0x0000007f | PTRACE_O_EXITKILL)

/* Events: an event stop's status is ((SIGTRAP | event << 8) << 8) | 0x7f. */
#define PTRACE_EVENT_FORK	1
#define PTRACE_EVENT_VFORK	2
#define PTRACE_EVENT_CLONE	3
#define PTRACE_EVENT_EXEC	4
#define PTRACE_EVENT_VFORK_DONE	5
#define PTRACE_EVENT_EXIT	6
#define PTRACE_EVENT_STOP	128	/* SEIZE: group stop, INTERRUPT, LISTEN's re-trap */

/* struct user_regs_struct: the general registers as GETREGS/SETREGS move them, and the first
 * part of struct user that PEEKUSER/POKEUSER index by byte offset. */
struct user_regs_struct {
	uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
	uint64_t rax, rcx, rdx, rsi, rdi;
	uint64_t orig_rax;		/* the system call number; -1 outside a system call */
	uint64_t rip, cs, eflags, rsp, ss;
	uint64_t fs_base, gs_base;
	uint64_t ds, es, fs, gs;
};

/* struct user (<sys/user.h>): only the offsets matter to PEEKUSER/POKEUSER. */
#define USER_REGS_SIZE		sizeof(struct user_regs_struct)	/* 216 */
#define USER_DEBUGREG_OFFSET	848	/* offsetof(struct user, u_debugreg[0]) */
#define USER_STRUCT_SIZE	928	/* sizeof(struct user) in Linux (musl's lacks its last two fields) */

/* struct user_fpregs_struct (GETFPREGS/SETFPREGS) is the 512-byte fxsave image. */
#define USER_FPREGS_SIZE	512

#endif
