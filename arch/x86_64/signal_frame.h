/* signal_frame.h - the x86-64 rt signal frame on the user stack (arch/x86_64/signal_frame.c,
 * used by arch/x86_64/signal.c; checked by tests/host/test_signal_frame.c).
 *
 * What a handler finds at its rsp, lowest address first (Linux's struct rt_sigframe):
 *	pretcode   the return address: sa_restorer, which calls rt_sigreturn
 *	uc         struct ucontext: flags, link, the alternate stack, uc_mcontext (the registers,
 *	           Linux's struct sigcontext), uc_sigmask (the mask to restore)
 *	info       struct siginfo (128 bytes)
 * and above them, 64-byte aligned, the 512-byte fxsave image that uc_mcontext.fpstate points
 * to. rsp at entry is 16-byte aligned minus 8, as if the handler had been called. */
#ifndef REAPER_ARCH_SIGNAL_FRAME_H
#define REAPER_ARCH_SIGNAL_FRAME_H

#include <stdbool.h>
#include <stdint.h>

#include "uapi/signal.h"

#define SIGFRAME_RED_ZONE	128	/* the SysV ABI's red zone below rsp: left alone */
#define SIGFRAME_FPSTATE_SIZE	512	/* fxsave image */
#define SIGFRAME_FPSTATE_ALIGN	64

struct rt_sigframe {
	uint64_t pretcode;
	struct ucontext uc;
	struct siginfo info;
};

struct sigframe_layout {
	uint64_t frame;		/* the handler's rsp: where pretcode is */
	uint64_t fpstate;	/* the fxsave image */
};

bool sigframe_layout(uint64_t sp, bool altstack, uint64_t alt_sp, uint64_t alt_size,
		     struct sigframe_layout *out);

#endif
