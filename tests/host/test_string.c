// sources: kernel/lib/string.c
/* test_string.c - host unit tests of the kernel's memset() and memcpy() (kernel/lib/string.c).
 *
 * Both move whole 8-byte words where the addresses allow and bytes elsewhere (the head up to
 * the first aligned word, the tail, or everything when source and destination are aligned
 * differently). Every split is checked against a byte-at-a-time reference: each start offset
 * 0..15 within a word pair, each length 0..80 and a page, with guard bytes around the area
 * that must not change. Linked in, the kernel's functions replace the host C library's for
 * the whole test program, cmocka included. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#define AREA	(4096 + 64)
#define GUARD	0x5a

static unsigned char buf[AREA] __attribute__((aligned(16)));
static unsigned char src[AREA] __attribute__((aligned(16)));
static const size_t lengths[] = { 0, 1, 2, 7, 8, 9, 15, 16, 17, 23, 24, 31, 33, 63, 64, 80, 4096 };

static void fill_guard(void)
{
	for (size_t i = 0; i < AREA; i++)
		buf[i] = GUARD;
}

static void memset_every_alignment_and_length(void **state)
{
	(void)state;
	for (size_t off = 0; off < 16; off++) {
		for (size_t li = 0; li < sizeof(lengths) / sizeof(lengths[0]); li++) {
			size_t len = lengths[li];

			fill_guard();
			assert_ptr_equal(memset(buf + off, 0x6b, len), buf + off);
			for (size_t i = 0; i < AREA; i++)
				assert_int_equal(buf[i], i >= off && i < off + len ? 0x6b : GUARD);
		}
	}
}

static void memset_takes_the_low_byte(void **state)
{
	(void)state;
	fill_guard();
	memset(buf, 0x1ff, 24);		/* int 0x1ff: only 0xff is stored */
	for (size_t i = 0; i < 24; i++)
		assert_int_equal(buf[i], 0xff);
	assert_int_equal(buf[24], GUARD);
}

static void memcpy_every_alignment_pair_and_length(void **state)
{
	(void)state;
	for (size_t i = 0; i < AREA; i++)
		src[i] = (unsigned char)(i * 7 + 3);
	for (size_t doff = 0; doff < 16; doff++) {
		for (size_t soff = 0; soff < 16; soff++) {
			for (size_t li = 0; li < sizeof(lengths) / sizeof(lengths[0]); li++) {
				size_t len = lengths[li];

				fill_guard();
				assert_ptr_equal(memcpy(buf + doff, src + soff, len), buf + doff);
				for (size_t i = 0; i < AREA; i++) {
					int want = i >= doff && i < doff + len ? src[soff + i - doff]
									       : GUARD;
					assert_int_equal(buf[i], want);
				}
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(memset_every_alignment_and_length),
		cmocka_unit_test(memset_takes_the_low_byte),
		cmocka_unit_test(memcpy_every_alignment_pair_and_length),
	};

	return cmocka_run_group_tests_name("string", tests, NULL, NULL);
}
