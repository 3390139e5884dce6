/* panic.h - stop the kernel with a message, the registers and a symbolised backtrace.
 * panic() is for states the kernel cannot continue from (a broken invariant, a kernel fault).
 * BUG_ON() is an assertion that stays on in every build: the self-checks are part of the
 * teaching. See kernel/lib/panic.c and arch/x86_64/trap.c (faults call panic_with_frame). */
#ifndef REAPER_PANIC_H
#define REAPER_PANIC_H

#include "compiler.h"

struct trap_frame;

NORETURN void panic(const char *fmt, ...) PRINTF_LIKE(1, 2);
NORETURN void panic_with_frame(const struct trap_frame *tf, const char *fmt, ...)
	PRINTF_LIKE(2, 3);

#define BUG_ON(cond)                                                               \
	do {                                                                        \
		if (cond)                                                           \
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__);    \
	} while (0)

#endif
