/* uapi/signal.h - the Linux x86-64 signal ABI: numbers, sigaction flags, the structs user space
 * and the kernel exchange (asm/signal.h, asm-generic/siginfo.h, asm/sigcontext.h,
 * asm/ucontext.h). Layouts are checked by tests/host/test_signal_frame.c.
 * A kernel sigset is 64 bits, bit (sig - 1) for signal sig; rt_sig* calls insist on a
 * sigsetsize of 8 (SIGSET_SIZE). */
#ifndef REAPER_UAPI_SIGNAL_H
#define REAPER_UAPI_SIGNAL_H

#include <stdint.h>

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define SIGRTMIN	32
#define NSIG		64	/* signals are 1..NSIG */

#define SIGSET_SIZE	8	/* the only sigsetsize rt_sig* calls accept */

/* Dispositions (sa_handler values). */
#define SIG_DFL		0UL
#define SIG_IGN		1UL

/* sa_flags */
#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_UNSUPPORTED	0x00000400
#define SA_EXPOSE_TAGBITS 0x00000800
#define SA_RESTORER	0x04000000
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

/* rt_sigprocmask how */
#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* sigaltstack */
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)
#define MINSIGSTKSZ	2048
#define SIGSTKSZ	8192

/* si_code: who sent it (<= 0 from user space, > 0 from the kernel) */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	(-1)
#define SI_TIMER	(-2)
#define SI_MESGQ	(-3)
#define SI_ASYNCIO	(-4)
#define SI_SIGIO	(-5)
#define SI_TKILL	(-6)
/* si_code for fault signals */
#define ILL_ILLOPC	1
#define ILL_ILLOPN	2
#define FPE_INTDIV	1
#define FPE_FLTDIV	3
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define BUS_ADRALN	1
#define TRAP_BRKPT	1
#define TRAP_TRACE	2
/* si_code for SIGCHLD */
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3
#define CLD_TRAPPED	4
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

/* The kernel's struct sigaction for rt_sigaction (x86-64: handler, flags, restorer, mask). */
struct kernel_sigaction {
	uint64_t handler;	/* SIG_DFL, SIG_IGN or a user address */
	uint64_t flags;		/* SA_* */
	uint64_t restorer;	/* user address of the rt_sigreturn trampoline (SA_RESTORER) */
	uint64_t mask;		/* blocked while the handler runs */
};

/* siginfo_t: 128 bytes; the union starts at 16. Only the members we fill are named. */
#define SIGINFO_SIZE	128
struct siginfo {
	int32_t si_signo;
	int32_t si_errno;
	int32_t si_code;
	int32_t pad0;
	union {
		struct {			/* kill, tkill, sigqueue, SIGCHLD */
			int32_t pid;		/* @16 */
			uint32_t uid;		/* @20 */
			union {
				int32_t status;	/* SIGCHLD @24 */
				uint64_t value;	/* sigqueue's sigval @24 */
			};
			int64_t utime, stime;	/* SIGCHLD @32, @40 */
		} proc;
		struct {			/* SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
			uint64_t addr;		/* @16 */
		} fault;
		struct {			/* POSIX timers, for completeness */
			int32_t tid;
			int32_t overrun;
			uint64_t value;
		} timer;
		uint8_t pad[SIGINFO_SIZE - 16];
	};
};

/* stack_t (sigaltstack) */
struct user_stack {
	uint64_t ss_sp;
	int32_t ss_flags;
	int32_t pad;
	uint64_t ss_size;
};

/* struct sigcontext (asm/sigcontext.h, x86-64): uc_mcontext. */
struct sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip;
	uint64_t eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate;	/* user address of the 512-byte fxsave image, 16-byte aligned */
	uint64_t reserved1[8];
};

/* struct ucontext (asm/ucontext.h) */
struct ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct user_stack uc_stack;
	struct sigcontext uc_mcontext;
	uint64_t uc_sigmask;	/* the mask to restore at rt_sigreturn */
};

#define UC_FP_XSTATE		0x1
#define UC_SIGCONTEXT_SS	0x2
#define UC_STRICT_RESTORE_SS	0x4

/* sigevent / itimerval for setitimer */
#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

#endif
