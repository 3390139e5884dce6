// sources: kernel/exec_stack.c
/* test_exec_stack.c - host unit tests of the initial stack layout (kernel/exec_stack.c).
 *
 * stack_build() writes, into a buffer standing for user addresses just below a top, what a
 * C library's start code reads at its first instruction. These cases read the image back the
 * way musl's _start_c does - argc at sp, argv, envp, auxv - translating every user address in
 * it back into the buffer, and check each string and vector, the alignment, the auxv and
 * the string ranges exec records for /proc/<pid>/cmdline. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "exec_stack.h"
#include "uapi/auxvec.h"
#include "uapi/errno.h"

#define TOP  0x7ffffffff000UL
#define SIZE 8192

static unsigned char image[SIZE];
static const unsigned char rnd[STACK_RANDOM_BYTES] = { 1, 2,  3,  4,  5,  6,  7,  8,
						       9, 10, 11, 12, 13, 14, 15, 16 };
static const uint64_t base_auxv[] = { AT_PAGESZ, 4096, AT_ENTRY, 0x401000, AT_UID, 0 };

/* at() - the buffer byte holding user address @uaddr (fails the test if it is outside). */
static void *at(uint64_t uaddr)
{
	assert_true(uaddr >= TOP - SIZE && uaddr < TOP);
	return image + (uaddr - (TOP - SIZE));
}

static uint64_t word_at(uint64_t uaddr)
{
	uint64_t w;

	memcpy(&w, at(uaddr), sizeof(w));
	return w;
}

static struct stack_spec spec(const char *const *argv, size_t argc, const char *const *envp,
			      size_t envc)
{
	return (struct stack_spec){ .argv = argv,
				    .argc = argc,
				    .envp = envp,
				    .envc = envc,
				    .execfn = "/bin/hello",
				    .platform = "x86_64",
				    .random = rnd,
				    .auxv = base_auxv,
				    .nr_auxv = 3 };
}

/* auxv_get() - the value of @type in the auxv starting at @uaddr, or -1 if absent. */
static int64_t auxv_get(uint64_t uaddr, uint64_t type)
{
	for (;; uaddr += 16) {
		if (word_at(uaddr) == type)
			return (int64_t)word_at(uaddr + 8);
		if (word_at(uaddr) == AT_NULL)
			return -1;
	}
}

static void layout_matches_the_abi(void **state)
{
	const char *argv[] = { "hello", "-v", "" };
	const char *envp[] = { "HOME=/", "TERM=linux" };
	struct stack_spec s = spec(argv, 3, envp, 2);
	struct stack_layout l;
	uint64_t sp, p;

	(void)state;
	memset(image, 0xee, sizeof(image));
	assert_int_equal(stack_build(&s, TOP, image, SIZE, &l), 0);
	sp = l.sp;
	assert_int_equal(sp % 16, 0);
	assert_true(TOP - sp <= stack_image_size(&s));
	assert_int_equal(word_at(sp), 3);
	for (int i = 0; i < 3; i++)
		assert_string_equal(at(word_at(sp + 8 + 8 * i)), argv[i]);
	assert_int_equal(word_at(sp + 8 + 8 * 3), 0);
	p = sp + 8 + 8 * 4;
	for (int i = 0; i < 2; i++)
		assert_string_equal(at(word_at(p + 8 * i)), envp[i]);
	assert_int_equal(word_at(p + 16), 0);
	p += 24; /* the auxv */
	assert_int_equal(auxv_get(p, AT_PAGESZ), 4096);
	assert_int_equal(auxv_get(p, AT_ENTRY), 0x401000);
	assert_int_equal(auxv_get(p, AT_UID), 0);
	assert_string_equal(at(auxv_get(p, AT_PLATFORM)), "x86_64");
	assert_string_equal(at(auxv_get(p, AT_EXECFN)), "/bin/hello");
	assert_memory_equal(at(auxv_get(p, AT_RANDOM)), rnd, sizeof(rnd));
	assert_int_equal(auxv_get(p, AT_PHDR), -1);
	assert_int_equal(word_at(TOP - 8), 0); /* the end marker */
}

/* The strings are packed in order just below the end marker, like Linux's: a program that
 * walks argv[0]'s bytes to the end of the environment (ps does) sees them in order. */
static void strings_are_packed_in_order(void **state)
{
	const char *argv[] = { "a", "bc" };
	const char *envp[] = { "X=1" };
	struct stack_spec s = spec(argv, 2, envp, 1);
	struct stack_layout l;
	uint64_t a0;

	(void)state;
	assert_int_equal(stack_build(&s, TOP, image, SIZE, &l), 0);
	a0 = word_at(l.sp + 8);
	assert_memory_equal(at(a0), "a\0bc\0X=1\0/bin/hello\0", 20);
	assert_int_equal(a0 + 20, TOP - 8);
}

/* The ranges exec records for /proc/<pid>/cmdline and environ cover exactly the strings:
 * argv's bytes (NULs included) then envp's, back to back, each starting where argv[0] and
 * envp[0] point. */
static void layout_names_the_string_ranges(void **state)
{
	const char *argv[] = { "sh", "-c", "" };
	const char *envp[] = { "A=1", "PATH=/bin" };
	struct stack_spec s = spec(argv, 3, envp, 2);
	struct stack_layout l;

	(void)state;
	assert_int_equal(stack_build(&s, TOP, image, SIZE, &l), 0);
	assert_int_equal(l.arg_start, word_at(l.sp + 8)); /* argv[0] */
	assert_int_equal(l.arg_end - l.arg_start, 7);	  /* "sh\0-c\0\0" */
	assert_memory_equal(at(l.arg_start), "sh\0-c\0", 7);
	assert_int_equal(l.env_start, l.arg_end);
	assert_int_equal(l.env_start, word_at(l.sp + 8 * 5)); /* envp[0] */
	assert_int_equal(l.env_end - l.env_start, 14);
	assert_memory_equal(at(l.env_start), "A=1\0PATH=/bin", 14);
	assert_string_equal(at(l.env_end), "/bin/hello"); /* AT_EXECFN follows */
}

/* No arguments: both ranges are empty, and still ordered. */
static void empty_ranges_without_strings(void **state)
{
	struct stack_spec s = spec(NULL, 0, NULL, 0);
	struct stack_layout l;

	(void)state;
	assert_int_equal(stack_build(&s, TOP, image, SIZE, &l), 0);
	assert_int_equal(l.arg_start, l.arg_end);
	assert_int_equal(l.env_start, l.env_end);
	assert_int_equal(l.arg_end, l.env_start);
	assert_true(l.sp < l.arg_start && l.env_end < TOP);
}

static void empty_argv_and_envp(void **state)
{
	struct stack_spec s = spec(NULL, 0, NULL, 0);
	struct stack_layout l;
	uint64_t sp;

	(void)state;
	assert_int_equal(stack_build(&s, TOP, image, SIZE, &l), 0);
	sp = l.sp;
	assert_int_equal(sp % 16, 0);
	assert_int_equal(word_at(sp), 0);
	assert_int_equal(word_at(sp + 8), 0);  /* argv's NULL */
	assert_int_equal(word_at(sp + 16), 0); /* envp's NULL */
	assert_int_equal(word_at(sp + 24), AT_PAGESZ);
}

/* sp is 16-aligned whatever the string lengths: try every length mod 16. */
static void sp_aligned_for_every_length(void **state)
{
	char arg[32];
	const char *argv[] = { arg };

	(void)state;
	for (int n = 0; n < 17; n++) {
		struct stack_spec s = spec(argv, 1, NULL, 0);
		struct stack_layout l;

		memset(arg, 'x', n);
		arg[n] = '\0';
		assert_int_equal(stack_build(&s, TOP, image, SIZE, &l), 0);
		assert_int_equal(l.sp % 16, 0);
		assert_string_equal(at(word_at(l.sp + 8)), arg);
	}
}

static void too_small_is_e2big(void **state)
{
	const char *argv[] = { "hello" };
	struct stack_spec s = spec(argv, 1, NULL, 0);
	struct stack_layout l = { .sp = 0x1234 };

	(void)state;
	memset(image, 0xee, sizeof(image));
	assert_int_equal(stack_build(&s, TOP, image + SIZE - 64, 64, &l), -E2BIG);
	assert_int_equal(l.sp, 0x1234);
	assert_int_equal(image[SIZE - 1], 0xee); /* nothing written */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(layout_matches_the_abi),
		cmocka_unit_test(strings_are_packed_in_order),
		cmocka_unit_test(layout_names_the_string_ranges),
		cmocka_unit_test(empty_ranges_without_strings),
		cmocka_unit_test(empty_argv_and_envp),
		cmocka_unit_test(sp_aligned_for_every_length),
		cmocka_unit_test(too_small_is_e2big),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
