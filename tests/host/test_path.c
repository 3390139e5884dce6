// sources: kernel/fs/pathname.c
/* test_path.c - host unit tests of path splitting (kernel/fs/pathname.c).
 *
 * pathname_next() is the walker's only view of a path string, so the cases pin down every
 * rule the walker relies on: components in order, repeated slashes counting as one, a
 * leading slash skipped (the walker itself checks path[0] for "start at the root"), "is_last"
 * true only when nothing but slashes follows, "trailing_slash" only on the last component,
 * empty and all-slash paths giving no component, "." and ".." recognised exactly, and a
 * component longer than NAME_MAX reported with its full length so the walker can refuse it
 * with ENAMETOOLONG. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "pathname.h"

#define NAME_MAX 255

/* split() - every component of @path joined with '|', a '/' after one with trailing_slash,
 * a '$' after the one marked last. */
static const char *split(const char *path)
{
	static char out[1024];
	const char *cursor = path;
	struct path_component c;

	out[0] = '\0';
	while (pathname_next(&cursor, &c)) {
		strncat(out, c.name, c.len);
		if (c.trailing_slash)
			strcat(out, "/");
		if (c.is_last)
			strcat(out, "$");
		strcat(out, "|");
	}
	return out;
}

static void components_in_order(void **state)
{
	(void)state;
	assert_string_equal(split("a/b/c"), "a|b|c$|");
	assert_string_equal(split("/usr/bin/env"), "usr|bin|env$|");
	assert_string_equal(split("x"), "x$|");
}

static void repeated_slashes_count_once(void **state)
{
	(void)state;
	assert_string_equal(split("//a///b"), "a|b$|");
	assert_string_equal(split("a//b//"), "a|b/$|");
}

static void trailing_slash_marks_only_the_last(void **state)
{
	(void)state;
	assert_string_equal(split("dir/"), "dir/$|");
	assert_string_equal(split("a/b/"), "a|b/$|");
	assert_string_equal(split("a/./"), "a|./$|");
}

static void empty_and_root_have_no_component(void **state)
{
	const char *cursor;
	struct path_component c;

	(void)state;
	assert_string_equal(split(""), "");
	assert_string_equal(split("/"), "");
	assert_string_equal(split("////"), "");
	cursor = "///";
	assert_false(pathname_next(&cursor, &c));
	assert_int_equal(*cursor, '\0');	/* the cursor ends at the end */
}

static void dots_are_recognised_exactly(void **state)
{
	(void)state;
	assert_true(pathname_is_dot(".", 1));
	assert_false(pathname_is_dot("..", 2));
	assert_true(pathname_is_dotdot("..", 2));
	assert_false(pathname_is_dotdot("...", 3));
	assert_false(pathname_is_dotdot(".a", 2));
	assert_false(pathname_is_dot(".hidden", 7));
	assert_string_equal(split("../a/.."), "..|a|..$|");
}

static void long_component_reports_its_length(void **state)
{
	char path[600];
	const char *cursor = path;
	struct path_component c;

	(void)state;
	memset(path, 'n', 300);
	strcpy(path + 300, "/tail");
	assert_true(pathname_next(&cursor, &c));
	assert_int_equal(c.len, 300);
	assert_true(c.len > NAME_MAX);	/* the walker's ENAMETOOLONG test */
	assert_false(c.is_last);
	assert_true(pathname_next(&cursor, &c));
	assert_int_equal(c.len, 4);
	assert_true(c.is_last);
}

static void cursor_resumes_after_each_component(void **state)
{
	const char *path = "/a/bb//ccc/", *cursor = path;
	struct path_component c;

	(void)state;
	assert_true(pathname_next(&cursor, &c));
	assert_ptr_equal(c.name, path + 1);
	assert_ptr_equal(cursor, path + 3);
	assert_true(pathname_next(&cursor, &c));
	assert_ptr_equal(c.name, path + 3);
	assert_ptr_equal(cursor, path + 7);
	assert_true(pathname_next(&cursor, &c));
	assert_int_equal(c.len, 3);
	assert_true(c.is_last && c.trailing_slash);
	assert_false(pathname_next(&cursor, &c));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(components_in_order),
		cmocka_unit_test(repeated_slashes_count_once),
		cmocka_unit_test(trailing_slash_marks_only_the_last),
		cmocka_unit_test(empty_and_root_have_no_component),
		cmocka_unit_test(dots_are_recognised_exactly),
		cmocka_unit_test(long_component_reports_its_length),
		cmocka_unit_test(cursor_resumes_after_each_component),
	};

	return cmocka_run_group_tests_name("path", tests, NULL, NULL);
}
