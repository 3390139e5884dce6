// sources: arch/x86_64/signal_frame.c
/* test_signal_frame.c - host unit tests of the x86-64 signal frame (arch/x86_64/signal_frame.c
 * and the structs of kernel/include/uapi/signal.h).
 *
 * glibc's and musl's handlers read struct ucontext by offset, and rt_sigreturn's restorer
 * finds the frame from rsp, so the layout must be Linux's to the byte: these cases pin the
 * offsets of siginfo, sigcontext (= musl's gregs[] order), ucontext and rt_sigframe, and check
 * where sigframe_layout() puts a frame: 16-byte alignment minus 8 at the handler's entry, the
 * fxsave image 64-byte aligned above it, the red zone skipped, the alternate stack used and
 * an overflowing one refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "../../arch/x86_64/signal_frame.h"

static void siginfo_layout_is_linux(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct siginfo), 128);
	assert_int_equal(offsetof(struct siginfo, si_code), 8);
	assert_int_equal(offsetof(struct siginfo, proc.pid), 16);
	assert_int_equal(offsetof(struct siginfo, proc.uid), 20);
	assert_int_equal(offsetof(struct siginfo, proc.status), 24);
	assert_int_equal(offsetof(struct siginfo, proc.value), 24);
	assert_int_equal(offsetof(struct siginfo, proc.utime), 32);
	assert_int_equal(offsetof(struct siginfo, fault.addr), 16);
}

/* sigcontext: musl's gregs[] indexes REG_R8 = 0 ... REG_CR2 = 22, then fpregs. */
static void sigcontext_matches_gregs(void **state)
{
	(void)state;
	assert_int_equal(offsetof(struct sigcontext, r8), 0 * 8);
	assert_int_equal(offsetof(struct sigcontext, r15), 7 * 8);
	assert_int_equal(offsetof(struct sigcontext, rdi), 8 * 8);
	assert_int_equal(offsetof(struct sigcontext, rbp), 10 * 8);
	assert_int_equal(offsetof(struct sigcontext, rax), 13 * 8);
	assert_int_equal(offsetof(struct sigcontext, rsp), 15 * 8);
	assert_int_equal(offsetof(struct sigcontext, rip), 16 * 8);
	assert_int_equal(offsetof(struct sigcontext, eflags), 17 * 8);
	assert_int_equal(offsetof(struct sigcontext, cs), 18 * 8);
	assert_int_equal(offsetof(struct sigcontext, err), 19 * 8);
	assert_int_equal(offsetof(struct sigcontext, trapno), 20 * 8);
	assert_int_equal(offsetof(struct sigcontext, oldmask), 21 * 8);
	assert_int_equal(offsetof(struct sigcontext, cr2), 22 * 8);
	assert_int_equal(offsetof(struct sigcontext, fpstate), 23 * 8);
	assert_int_equal(sizeof(struct sigcontext), 256);
}

static void ucontext_and_frame_layout(void **state)
{
	(void)state;
	assert_int_equal(offsetof(struct ucontext, uc_stack), 16);
	assert_int_equal(offsetof(struct ucontext, uc_mcontext), 40);
	assert_int_equal(offsetof(struct ucontext, uc_sigmask), 296);
	assert_int_equal(sizeof(struct user_stack), 24);
	assert_int_equal(offsetof(struct rt_sigframe, uc), 8);
	assert_int_equal(offsetof(struct rt_sigframe, info), 8 + sizeof(struct ucontext));
	assert_int_equal(sizeof(struct kernel_sigaction), 32);
}

static void frame_is_aligned_below_red_zone(void **state)
{
	struct sigframe_layout l;

	(void)state;
	for (uint64_t sp = 0x7ffffff000; sp < 0x7ffffff000 + 64; sp += 8) {
		assert_true(sigframe_layout(sp, false, 0, 0, &l));
		assert_int_equal((l.frame + 8) % 16, 0);	/* as after a call */
		assert_int_equal(l.fpstate % 64, 0);
		assert_true(l.fpstate + 512 <= sp - 128);	/* the red zone is left alone */
		assert_true(l.frame + sizeof(struct rt_sigframe) <= l.fpstate);
	}
}

static void altstack_is_used_and_checked(void **state)
{
	struct sigframe_layout l;
	uint64_t base = 0x10000000;

	(void)state;
	assert_true(sigframe_layout(0x7ffffff000, true, base, 8192, &l));
	assert_true(l.frame >= base && l.fpstate + 512 <= base + 8192);
	assert_int_equal((l.frame + 8) % 16, 0);
	assert_false(sigframe_layout(0x7ffffff000, true, base, 512, &l));	/* overflow */
	assert_false(sigframe_layout(64, false, 0, 0, &l));			/* wraps */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(siginfo_layout_is_linux),
		cmocka_unit_test(sigcontext_matches_gregs),
		cmocka_unit_test(ucontext_and_frame_layout),
		cmocka_unit_test(frame_is_aligned_below_red_zone),
		cmocka_unit_test(altstack_is_used_and_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
