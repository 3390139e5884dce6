// sources: kernel/signal_table.c
/* test_signal_table.c - host unit tests of the pure signal rules (kernel/signal_table.c):
 * Linux's default actions, which pending signal is delivered first, kill()'s pid argument,
 * and the sigset helpers of kernel/include/signal.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "signal.h"

static void default_actions_are_linux(void **state)
{
	(void)state;
	assert_int_equal(signal_default_action(SIGINT), SIG_DEFAULT_TERM);
	assert_int_equal(signal_default_action(SIGKILL), SIG_DEFAULT_TERM);
	assert_int_equal(signal_default_action(SIGPIPE), SIG_DEFAULT_TERM);
	assert_int_equal(signal_default_action(SIGALRM), SIG_DEFAULT_TERM);
	assert_int_equal(signal_default_action(SIGUSR1), SIG_DEFAULT_TERM);
	int core[] = { SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGSYS,
		       SIGXCPU, SIGXFSZ };
	for (size_t i = 0; i < sizeof(core) / sizeof(core[0]); i++)
		assert_int_equal(signal_default_action(core[i]), SIG_DEFAULT_CORE);
	assert_int_equal(signal_default_action(SIGSTOP), SIG_DEFAULT_STOP);
	assert_int_equal(signal_default_action(SIGTSTP), SIG_DEFAULT_STOP);
	assert_int_equal(signal_default_action(SIGTTIN), SIG_DEFAULT_STOP);
	assert_int_equal(signal_default_action(SIGTTOU), SIG_DEFAULT_STOP);
	assert_int_equal(signal_default_action(SIGCONT), SIG_DEFAULT_CONT);
	assert_int_equal(signal_default_action(SIGCHLD), SIG_DEFAULT_IGN);
	assert_int_equal(signal_default_action(SIGURG), SIG_DEFAULT_IGN);
	assert_int_equal(signal_default_action(SIGWINCH), SIG_DEFAULT_IGN);
	assert_int_equal(signal_default_action(SIGRTMIN), SIG_DEFAULT_TERM);
	assert_int_equal(signal_default_action(NSIG), SIG_DEFAULT_TERM);
}

static void next_signal_order(void **state)
{
	(void)state;
	assert_int_equal(signal_next(0, 0), 0);
	assert_int_equal(signal_next(sigmask(SIGUSR1), sigmask(SIGUSR1)), 0);
	assert_int_equal(signal_next(sigmask(SIGTERM) | sigmask(SIGINT), 0), SIGINT);
	/* a fault goes first, whatever its number */
	assert_int_equal(signal_next(sigmask(SIGINT) | sigmask(SIGSEGV), 0), SIGSEGV);
	assert_int_equal(signal_next(sigmask(SIGRTMIN) | sigmask(SIGTERM), 0), SIGTERM);
	assert_int_equal(signal_next(sigmask(NSIG) | sigmask(SIGRTMIN + 1), 0), SIGRTMIN + 1);
	assert_int_equal(signal_next(sigmask(SIGINT) | sigmask(SIGHUP), sigmask(SIGHUP)), SIGINT);
}

static void kill_targets(void **state)
{
	int32_t nr = 0;

	(void)state;
	assert_int_equal(signal_kill_target(42, 7, &nr), KILL_PROCESS);
	assert_int_equal(nr, 42);
	assert_int_equal(signal_kill_target(0, 7, &nr), KILL_PGRP);
	assert_int_equal(nr, 7);
	assert_int_equal(signal_kill_target(-1, 7, &nr), KILL_ALL);
	assert_int_equal(signal_kill_target(-5, 7, &nr), KILL_PGRP);
	assert_int_equal(nr, 5);
	assert_int_equal(signal_kill_target(INT32_MIN, 7, &nr), KILL_NONE);
}

static void valid_numbers_and_masks(void **state)
{
	(void)state;
	assert_true(signal_valid(0));
	assert_true(signal_valid(NSIG));
	assert_false(signal_valid(NSIG + 1));
	assert_false(signal_valid(-1));
	assert_true(sigset_has(SIG_UNBLOCKABLE, SIGKILL));
	assert_true(sigset_has(SIG_UNBLOCKABLE, SIGSTOP));
	assert_false(sigset_has(SIG_UNBLOCKABLE, SIGTSTP));
	assert_int_equal(sigmask(1), 1);
	assert_int_equal(sigmask(64), 1ULL << 63);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(default_actions_are_linux),
		cmocka_unit_test(next_signal_order),
		cmocka_unit_test(kill_targets),
		cmocka_unit_test(valid_numbers_and_masks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
