// sources: kernel/lib/vsprintf.c
/* test_vsprintf.c - host unit tests of the kernel's printf formatting (kernel/lib/vsprintf.c).
 *
 * Where the kernel claims C's semantics (every conversion but %p), each format is run through
 * the kernel's vsnprintf() and through the host C library, and the two outputs and return
 * values must be identical. The library is reached through vfprintf() on a memory stream:
 * this program's own snprintf/vsnprintf symbols ARE the kernel's (they are linked in and take
 * precedence over libc's), so the library's versions of those names cannot be called directly.
 * The helper takes the format as a variable, so GCC cannot fold a call into something else.
 *
 * %p is the kernel's own: "0x" and exactly 16 lower-case hex digits, NULL included (glibc
 * prints "(nil)" and drops leading zeros), so those cases compare with fixed strings.
 * Formats C leaves undefined (%05s, %#d, a '%' at the end ...) are not tested. */
#define _POSIX_C_SOURCE 200809L	/* open_memstream() */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <cmocka.h>

#include "vsprintf.h"

/* libc_format() - what the host C library makes of @fmt: a malloc'd string and its length. */
static char *libc_format(int *len, const char *fmt, va_list ap)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	assert_non_null(f);
	*len = vfprintf(f, fmt, ap);
	fclose(f);
	return text;
}

/* check_va() - the kernel's output for @fmt must equal the C library's, byte for byte. */
static void check_va(const char *fmt, va_list ap)
{
	char kernel[512];
	int klen, clen;
	char *libc;
	va_list ap2;

	va_copy(ap2, ap);
	klen = vsnprintf(kernel, sizeof(kernel), fmt, ap);
	libc = libc_format(&clen, fmt, ap2);
	va_end(ap2);
	if (klen != clen || strcmp(kernel, libc) != 0) {
		print_error("format \"%s\": kernel \"%s\" (%d), C library \"%s\" (%d)\n", fmt,
			    kernel, klen, libc, clen);
		free(libc);
		fail();
	}
	free(libc);
}

/* check() - check_va() with the compiler checking the arguments against @fmt. */
static void PRINTF_LIKE(1, 2) check(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_va(fmt, ap);
	va_end(ap);
}

/* check_unchecked() - check(), for formats C defines but GCC warns about ("flag ignored"):
 * no format attribute here, so the arguments must be right without the compiler's help. */
static void check_unchecked(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_va(fmt, ap);
	va_end(ap);
}

/* check_literal() - the kernel's output for @fmt must be @want (for the kernel's own %p). */
static void PRINTF_LIKE(2, 3) check_literal(const char *want, const char *fmt, ...)
{
	char kernel[512];
	int klen;
	va_list ap;

	va_start(ap, fmt);
	klen = vsnprintf(kernel, sizeof(kernel), fmt, ap);
	va_end(ap);
	if (klen != (int)strlen(want) || strcmp(kernel, want) != 0) {
		print_error("format \"%s\": kernel \"%s\" (%d), expected \"%s\"\n", fmt, kernel,
			    klen, want);
		fail();
	}
}

static void signed_decimal(void **state)
{
	(void)state;
	check("%d", 0);
	check("%d", 42);
	check("%d", -42);
	check("%i", 123456);
	check("%d", INT_MAX);
	check("%d", INT_MIN);
	check("[%d|%d|%d]", 1, -2, 3);
	check("%i%i", -1, -1);
}

static void unsigned_conversions(void **state)
{
	(void)state;
	check("%u", 0u);
	check("%u", 3000000000u);
	check("%u", UINT_MAX);
	check("%x", 0xdeadbeefu);
	check("%X", 0xdeadbeefu);
	check("%x", 0u);
	check("%o", 0u);
	check("%o", 8u);
	check("%o", 0777u);
	check("%o", UINT_MAX);
	check("%x %X %o %u", 255u, 255u, 255u, 255u);
}

static void length_hh_and_h(void **state)
{
	(void)state;
	check("%hhd", 200);		/* converted to signed char: -56 */
	check("%hhd", -1);
	check("%hhu", 300);		/* unsigned char: 44 */
	check("%hhx", 0x1ff);
	check("%hd", 40000);		/* short: -25536 */
	check("%hu", 70000);
	check("%hx", 0x12345);
	check("%ho", 0xffff);
	check("%hi", SHRT_MIN);
}

static void length_l_ll_z_t(void **state)
{
	(void)state;
	check("%ld", LONG_MAX);
	check("%ld", LONG_MIN);
	check("%li", -1L);
	check("%lu", ULONG_MAX);
	check("%lx", 0xffffffff80100000ul);
	check("%lX", 0xffffffff80100000ul);
	check("%lo", ULONG_MAX);
	check("%lld", LLONG_MAX);
	check("%lld", LLONG_MIN);
	check("%llu", ULLONG_MAX);
	check("%llx", 0x0123456789abcdefull);
	check("%zu", (size_t)0);
	check("%zu", SIZE_MAX);
	check("%zx", (size_t)4096);
	check("%zd", (ptrdiff_t)-5);
	check("%td", (ptrdiff_t)-12345);
	check("%tx", (ptrdiff_t)0x10);
}

static void chars_and_strings(void **state)
{
	(void)state;
	check("%c", 'a');
	check("%c%c%c", 'r', 'i', 'p');
	check("[%5c]", 'x');
	check("[%-5c]", 'x');
	check("%s", "hello");
	check("%s", "");
	check("[%10s]", "right");
	check("[%-10s]", "left");
	check("[%3s]", "longer than the width");
	check("[%.3s]", "truncated");
	check("[%.0s]", "gone");
	check("[%8.3s]", "abcdef");
	check("[%-8.3s]", "abcdef");
	check("[%.10s]", "short");
	check("%s=%s", "init", "/sbin/init");
}

static void percent_and_plain_text(void **state)
{
	(void)state;
	check("%%");
	check("100%%");
	check("%%d");
	check("no conversions at all");
	check_unchecked("");
	check("a%%b%dc%%", 1);
}

static void flag_minus_and_width(void **state)
{
	(void)state;
	check("[%5d]", 42);
	check("[%-5d]", 42);
	check("[%-5d]", -42);
	check("[%1d]", 12345);
	check("[%08x]", 0xbeefu);
	check("[%-8x]", 0xbeefu);
	check("[%20lu]", ULONG_MAX);
	check("[%-20ld]", LONG_MIN);
}

static void flag_zero(void **state)
{
	(void)state;
	check("[%05d]", 42);
	check("[%05d]", -42);
	check("[%05u]", 7u);
	check("[%016lx]", 0xffff800000000000ul);
	check("[%03d]", 12345);
	check_unchecked("[%-05d]", 42);		/* '-' overrides '0' */
	check_unchecked("[%05.3d]", 7);		/* a precision overrides '0' */
	check_unchecked("[%08.4x]", 0xabu);
	check("[%0d]", 5);
}

static void flags_plus_and_space(void **state)
{
	(void)state;
	check("[%+d]", 5);
	check("[%+d]", -5);
	check("[%+d]", 0);
	check("[% d]", 5);
	check("[% d]", -5);
	check("[% d]", 0);
	check_unchecked("[%+ d]", 5);		/* '+' beats ' ' */
	check_unchecked("[% +d]", 5);
	check("[%+5d]", 5);
	check("[%+05d]", 5);
	check("[% 05d]", 5);
	check("[%-+5d]", 5);
	check("[%+ld]", LONG_MAX);
}

static void flag_hash(void **state)
{
	(void)state;
	check("[%#x]", 0xffu);
	check("[%#X]", 0xffu);
	check("[%#x]", 0u);		/* no 0x for zero */
	check("[%#o]", 8u);
	check("[%#o]", 0u);
	check("[%#10x]", 0x1234u);
	check("[%#-10x]", 0x1234u);
	check("[%#010x]", 0x1234u);
	check("[%#lx]", 0xffffffff80000000ul);
	check("[%#018lx]", 0xffffffff80101234ul);	/* what the panic's RIP line uses */
	check("[%#.3o]", 8u);
	check("[%#.8x]", 0xabcu);
	check("[%#5o]", 0u);
}

static void precision_of_numbers(void **state)
{
	(void)state;
	check("[%.3d]", 7);
	check("[%.3d]", -7);
	check("[%.0d]", 0);		/* zero with precision 0 prints nothing */
	check("[%5.0d]", 0);
	check("[%.0x]", 0u);
	check("[%.0u]", 0u);
	check("[%.0d]", 3);
	check("[%.10lu]", 12345ul);
	check("[%8.5d]", -42);
	check("[%-8.5d]", 42);
	check("[%+.3d]", 5);
	check("[%.d]", 0);		/* '.' alone means precision 0 */
}

static void star_width_and_precision(void **state)
{
	(void)state;
	check("[%*d]", 6, 42);
	check("[%-*d]", 6, 42);
	check("[%*d]", -6, 42);	/* a negative '*' width means '-' */
	check("[%.*d]", 4, 42);
	check("[%.*d]", -1, 42);	/* a negative '*' precision means none */
	check("[%*.*s]", 8, 2, "abcdef");
	check("[%.*s]", 3, "abcdef");
	check("[%0*x]", 8, 0xabu);
	check("[%*s|%-*s]", 4, "a", 4, "b");
}

static void pointer_is_0x_and_16_digits(void **state)
{
	(void)state;
	check_literal("0x0000000000000000", "%p", (void *)0);
	check_literal("0x00000000deadbeef", "%p", (void *)0xdeadbeefUL);
	check_literal("0xffffffff80101234", "%p", (void *)0xffffffff80101234UL);
	check_literal("[0x0000000000001000]", "[%p]", (void *)0x1000UL);
	check_literal("0xffff800000000000 at 0x0000000000400000", "%p at %p",
		      (void *)0xffff800000000000UL, (void *)0x400000UL);
}

/* Called through a pointer, so GCC can neither fold the calls nor warn that they truncate
 * (which is what they are for); it also makes sure the kernel's snprintf() is the one run. */
static int (*volatile ksnprintf)(char *, size_t, const char *, ...) = snprintf;

static void return_value_and_truncation(void **state)
{
	char buf[8];
	int n;

	(void)state;
	memset(buf, 'x', sizeof(buf));
	n = ksnprintf(buf, sizeof(buf), "%s", "0123456789");
	assert_int_equal(n, 10);			/* the full length, as in C */
	assert_string_equal(buf, "0123456");		/* cut, NUL-terminated */
	n = ksnprintf(buf, 1, "%d", 12345);
	assert_int_equal(n, 5);
	assert_int_equal(buf[0], '\0');
	memset(buf, 'x', sizeof(buf));
	n = ksnprintf(buf, 0, "%d", 12345);		/* size 0: nothing written at all */
	assert_int_equal(n, 5);
	assert_int_equal(buf[0], 'x');
	n = ksnprintf(NULL, 0, "%s-%d", "abc", 42);
	assert_int_equal(n, 6);
	n = ksnprintf(buf, sizeof(buf), "1234567");	/* exactly fits with its NUL */
	assert_int_equal(n, 7);
	assert_string_equal(buf, "1234567");
}

static void truncation_matches_c_for_every_size(void **state)
{
	const char *fmt = "pid %d: %s (%#lx)";
	char want[64], got[64];

	(void)state;
	for (size_t size = 0; size < 40; size++) {
		memset(got, '?', sizeof(got));
		int n = ksnprintf(got, size, fmt, -17, "zombie", 0xcafeUL);

		assert_int_equal(n, strlen("pid -17: zombie (0xcafe)"));
		strcpy(want, "pid -17: zombie (0xcafe)");
		if (size > 0) {
			want[size - 1 < (size_t)n ? size - 1 : (size_t)n] = '\0';
			assert_string_equal(got, want);
		}
		assert_int_equal(got[size], '?');	/* nothing written past size bytes */
	}
}

static void mixed_kernel_formats(void **state)
{
	(void)state;
	check("[%5lu.%06lu] ", 12ul, 345678ul);		/* printk's time stamp */
	check("  [<%016lx>] %s+%#lx/%#lx", 0xffffffff80101234ul, "kmain", 0x12ul, 0x40ul);
	check("frame: freeing %#llx, beyond the end of RAM", 0x10000000ull);
	check("%s:%d: %s == %s: %lld != %lld", "kernel/x.c", 42, "a", "b", 1ll, -2ll);
	check("cmdline: more than %d options, ignoring \"%s\"", 32, "o33=1");
	check("%-12s%8zu%8d", "kmalloc-64", (size_t)4096, 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(signed_decimal),
		cmocka_unit_test(unsigned_conversions),
		cmocka_unit_test(length_hh_and_h),
		cmocka_unit_test(length_l_ll_z_t),
		cmocka_unit_test(chars_and_strings),
		cmocka_unit_test(percent_and_plain_text),
		cmocka_unit_test(flag_minus_and_width),
		cmocka_unit_test(flag_zero),
		cmocka_unit_test(flags_plus_and_space),
		cmocka_unit_test(flag_hash),
		cmocka_unit_test(precision_of_numbers),
		cmocka_unit_test(star_width_and_precision),
		cmocka_unit_test(pointer_is_0x_and_16_digits),
		cmocka_unit_test(return_value_and_truncation),
		cmocka_unit_test(truncation_matches_c_for_every_size),
		cmocka_unit_test(mixed_kernel_formats),
	};

	return cmocka_run_group_tests_name("vsprintf", tests, NULL, NULL);
}
