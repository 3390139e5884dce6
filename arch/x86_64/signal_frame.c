/* signal_frame.c - where a signal frame goes on the user stack: a pure function of the stack
 * pointer and the alternate stack, so tests/host/test_signal_frame.c checks it on the host.
 *
 * From the top down: on the normal stack, the 128-byte red zone below the interrupted rsp is
 * skipped (leaf functions keep data there without moving rsp); on an alternate stack the frame
 * starts at its top (nothing of the handler's caller is there). Then the fxsave image, 64-byte
 * aligned (fxrstor wants 16), then struct rt_sigframe, placed so that rsp = &pretcode is
 * 16-byte aligned minus 8: what a function sees right after a `call`, so the handler's
 * prologue and its SSE spills work as compiled.
 * Invariant: everything lies inside [alt_sp, alt_sp + alt_size) when on the alternate stack;
 *   if it cannot, there is no frame (the caller sends SIGSEGV), as Linux.
 * See also: signal_frame.h, signal.c. Linux: arch/x86/kernel/signal.c (get_sigframe). */
#include "signal_frame.h"

/**
 * sigframe_layout() - place a signal frame.
 * @sp: the interrupted user rsp.
 * @altstack: use the alternate stack [alt_sp, alt_sp + alt_size) (SA_ONSTACK, enabled, and
 *	not already on it).
 * @out: where the frame and its FPU image go.
 *
 * Context: any; pure. Return: false if the frame does not fit (alternate stack overflow, or
 * an address that would wrap below 0).
 */
bool sigframe_layout(uint64_t sp, bool altstack, uint64_t alt_sp, uint64_t alt_size,
		     struct sigframe_layout *out)
{
	uint64_t top = altstack ? alt_sp + alt_size : sp - SIGFRAME_RED_ZONE;
	uint64_t need = SIGFRAME_FPSTATE_SIZE + SIGFRAME_FPSTATE_ALIGN + sizeof(struct rt_sigframe) + 32;

	if (top < need || (!altstack && sp < SIGFRAME_RED_ZONE))
		return false;
	out->fpstate = (top - SIGFRAME_FPSTATE_SIZE) & ~(uint64_t)(SIGFRAME_FPSTATE_ALIGN - 1);
	out->frame = ((out->fpstate - sizeof(struct rt_sigframe)) & ~(uint64_t)15) - 8;
	if (altstack && out->frame < alt_sp)
		return false;
	return true;
}
