// sources: kernel/cmdline.c kernel/lib/string.c
/* test_cmdline.c - host unit tests of the kernel command line parser (kernel/cmdline.c).
 *
 * The parser is pure, so it runs here unchanged; printk() is replaced by a stub that keeps
 * what would have been logged, so the warnings (unknown option, too many options) are checked
 * too. kernel/lib/string.c is linked in because the parser uses strlcpy(), which the host C
 * library (glibc 2.36) lacks; the host's other string functions are then the kernel's as well.
 * Each case parses its own line: cmdline_parse() replaces any earlier parse. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cmdline.h"
#include "printk.h"

static char logged[4096];	/* everything printk() was asked to print since reset_log() */

static void reset_log(void)
{
	logged[0] = '\0';
}

/* printk() - the stub: append the formatted message to logged[]. */
void printk(int level, const char *fmt, ...)
{
	size_t used = strlen(logged);
	va_list ap;

	(void)level;
	va_start(ap, fmt);
	vsnprintf(logged + used, sizeof(logged) - used, fmt, ap);
	va_end(ap);
}

static void parses_words_and_values(void **state)
{
	(void)state;
	cmdline_parse("init=/sbin/init quiet loglevel=7 ktest=all");
	assert_int_equal(cmdline_count(), 4);
	assert_string_equal(cmdline_get("init"), "/sbin/init");
	assert_string_equal(cmdline_get("ktest"), "all");
	assert_string_equal(cmdline_get("loglevel"), "7");
	assert_true(cmdline_has("quiet"));
	assert_string_equal(cmdline_get("quiet"), "");	/* a bare word has the value "" */
}

static void absent_option_is_null(void **state)
{
	(void)state;
	cmdline_parse("init=/sbin/init");
	assert_null(cmdline_get("ktest"));
	assert_false(cmdline_has("ktest"));
	assert_false(cmdline_has("init=/sbin/init"));	/* names stop at the '=' */
	assert_null(cmdline_get("in"));			/* no prefix matching */
}

static void splits_at_any_whitespace(void **state)
{
	(void)state;
	cmdline_parse("  \ta=1 \t\tb=2\n c   ");
	assert_int_equal(cmdline_count(), 3);
	assert_string_equal(cmdline_option_at(0)->name, "a");
	assert_string_equal(cmdline_option_at(0)->value, "1");
	assert_string_equal(cmdline_option_at(1)->name, "b");
	assert_string_equal(cmdline_option_at(2)->name, "c");
	assert_string_equal(cmdline_option_at(2)->value, "");
}

static void empty_line_has_no_options(void **state)
{
	(void)state;
	cmdline_parse("");
	assert_int_equal(cmdline_count(), 0);
	cmdline_parse("   \t ");
	assert_int_equal(cmdline_count(), 0);
	assert_null(cmdline_option_at(0));
}

static void value_keeps_later_equals_signs(void **state)
{
	(void)state;
	cmdline_parse("opt=a=b=c empty=");
	assert_string_equal(cmdline_get("opt"), "a=b=c");
	assert_true(cmdline_has("empty"));
	assert_string_equal(cmdline_get("empty"), "");
}

static void last_occurrence_wins(void **state)
{
	(void)state;
	cmdline_parse("init=/first loglevel=3 init=/second");
	assert_string_equal(cmdline_get("init"), "/second");
	assert_int_equal(cmdline_count(), 3);	/* both are kept, in order */
	assert_string_equal(cmdline_option_at(0)->value, "/first");
}

static void raw_line_is_kept_as_given(void **state)
{
	(void)state;
	cmdline_parse(" init=/x  quiet ");
	assert_string_equal(cmdline_raw(), " init=/x  quiet ");
}

static void reparse_replaces_everything(void **state)
{
	(void)state;
	cmdline_parse("a=1 b=2 c=3");
	cmdline_parse("d=4");
	assert_int_equal(cmdline_count(), 1);
	assert_null(cmdline_get("a"));
	assert_string_equal(cmdline_get("d"), "4");
	assert_string_equal(cmdline_raw(), "d=4");
}

static void get_long_parses_decimal(void **state)
{
	(void)state;
	cmdline_parse("a=42 b=-17 c=0 d=007");
	assert_int_equal(cmdline_get_long("a", -1), 42);
	assert_int_equal(cmdline_get_long("b", -1), -17);
	assert_int_equal(cmdline_get_long("c", -1), 0);
	assert_int_equal(cmdline_get_long("d", -1), 7);
}

static void get_long_falls_back_on_non_numbers(void **state)
{
	(void)state;
	cmdline_parse("a=12x b= c=- d=x12 e=1.5 f");
	assert_int_equal(cmdline_get_long("a", 99), 99);
	assert_int_equal(cmdline_get_long("b", 99), 99);
	assert_int_equal(cmdline_get_long("c", 99), 99);
	assert_int_equal(cmdline_get_long("d", 99), 99);
	assert_int_equal(cmdline_get_long("e", 99), 99);
	assert_int_equal(cmdline_get_long("f", 99), 99);
	assert_int_equal(cmdline_get_long("absent", -5), -5);
}

static void option_at_checks_bounds(void **state)
{
	(void)state;
	cmdline_parse("a b");
	assert_non_null(cmdline_option_at(1));
	assert_null(cmdline_option_at(2));
	assert_null(cmdline_option_at(-1));
}

static void known_options_are_known(void **state)
{
	static const char *const known[] = { "init", "rdinit", "quiet", "loglevel", "ktest" };

	(void)state;
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		assert_true(cmdline_is_known(known[i]));
	assert_false(cmdline_is_known("unknownopt"));
	assert_false(cmdline_is_known(""));
	assert_false(cmdline_is_known("initx"));
}

static void unknown_options_are_logged_once_each(void **state)
{
	(void)state;
	cmdline_parse("init=/some/path unknownopt=1 quiet bogus");
	reset_log();
	cmdline_log_unknown();
	assert_non_null(strstr(logged, "unknown option \"unknownopt\""));
	assert_non_null(strstr(logged, "unknown option \"bogus\""));
	assert_null(strstr(logged, "\"init\""));
	assert_null(strstr(logged, "\"quiet\""));
	/* once each: no second mention after the first */
	assert_null(strstr(strstr(logged, "unknownopt") + 1, "unknownopt"));
}

static void known_options_log_nothing(void **state)
{
	(void)state;
	cmdline_parse("init=/sbin/init loglevel=7 ktest=all");
	reset_log();
	cmdline_log_unknown();
	assert_string_equal(logged, "");
}

static void too_many_options_are_capped_and_logged(void **state)
{
	char line[CMDLINE_MAX];
	size_t used = 0;

	(void)state;
	for (int i = 0; i < CMDLINE_MAX_OPTIONS + 5; i++)
		used += (size_t)snprintf(line + used, sizeof(line) - used, "o%d=%d ", i, i);
	reset_log();
	cmdline_parse(line);
	assert_int_equal(cmdline_count(), CMDLINE_MAX_OPTIONS);
	assert_string_equal(cmdline_get("o0"), "0");
	assert_null(cmdline_get("o32"));
	assert_non_null(strstr(logged, "more than"));
}

static void long_line_is_truncated(void **state)
{
	char line[CMDLINE_MAX * 2];

	(void)state;
	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	memcpy(line, "long=", 5);
	cmdline_parse(line);
	assert_int_equal(strlen(cmdline_raw()), CMDLINE_MAX - 1);
	assert_int_equal(strlen(cmdline_get("long")), CMDLINE_MAX - 1 - 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_words_and_values),
		cmocka_unit_test(absent_option_is_null),
		cmocka_unit_test(splits_at_any_whitespace),
		cmocka_unit_test(empty_line_has_no_options),
		cmocka_unit_test(value_keeps_later_equals_signs),
		cmocka_unit_test(last_occurrence_wins),
		cmocka_unit_test(raw_line_is_kept_as_given),
		cmocka_unit_test(reparse_replaces_everything),
		cmocka_unit_test(get_long_parses_decimal),
		cmocka_unit_test(get_long_falls_back_on_non_numbers),
		cmocka_unit_test(option_at_checks_bounds),
		cmocka_unit_test(known_options_are_known),
		cmocka_unit_test(unknown_options_are_logged_once_each),
		cmocka_unit_test(known_options_log_nothing),
		cmocka_unit_test(too_many_options_are_capped_and_logged),
		cmocka_unit_test(long_line_is_truncated),
	};

	return cmocka_run_group_tests_name("cmdline", tests, NULL, NULL);
}
