// sources: kernel/fs/cpio.c
/* test_cpio.c - host unit tests of the cpio newc header parser (kernel/fs/cpio.c).
 *
 * The parser reads an archive that comes from outside the kernel, so besides good members the
 * cases feed it every way a member can be broken: truncated header, name or data; a bad magic;
 * a field that is not hex; a name without its NUL, with an early NUL, or of size 0; sizes of
 * 0xffffffff that would wrap a 32-bit sum. Archives are built here with the same layout
 * tools/mkcpio.py writes, so the 4-byte padding arithmetic is checked for every name length
 * modulo 4. The parser is pure; nothing is stubbed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "cpio.h"

#define ARCHIVE_MAX 4096

/* put_member() - append a newc member at *@len (4-aligned) of @buf, mkcpio.py's layout;
 * @namesize overrides strlen(name) + 1 when non-zero. Returns the member's offset. */
static size_t put_member(uint8_t *buf, size_t *len, const char *magic, const char *name,
			 unsigned int mode, const char *data, unsigned int size,
			 unsigned int namesize)
{
	size_t off = *len;
	unsigned int ns = namesize ? namesize : (unsigned int)strlen(name) + 1;
	char hdr[CPIO_HEADER_SIZE + 1];

	snprintf(hdr, sizeof(hdr), "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 magic, 7u, mode, 0u, 0u, 1u, 1234u, size, 0u, 0u, 5u, 1u, ns, 0u);
	memcpy(buf + off, hdr, CPIO_HEADER_SIZE);
	memcpy(buf + off + CPIO_HEADER_SIZE, name, strlen(name) + 1);
	*len = cpio_pad4(off + CPIO_HEADER_SIZE + ns);
	memcpy(buf + *len, data, size);
	*len = cpio_pad4(*len + size);
	return off;
}

static void parses_a_good_member(void **state)
{
	uint8_t buf[ARCHIVE_MAX] = { 0 };
	size_t len = 0;
	struct cpio_entry e;

	(void)state;
	put_member(buf, &len, "070701", "sbin/init", 0100755, "ELF!x", 5, 0);
	assert_int_equal(cpio_parse_header(buf, len, 0, &e), CPIO_OK);
	assert_string_equal(e.name, "sbin/init");
	assert_int_equal(e.mode, 0100755);
	assert_int_equal(e.ino, 7);
	assert_int_equal(e.mtime, 1234);
	assert_int_equal(e.rdevmajor, 5);
	assert_int_equal(e.rdevminor, 1);
	assert_int_equal(e.filesize, 5);
	assert_memory_equal(e.data, "ELF!x", 5);
	assert_int_equal(e.next, len);
	assert_int_equal(e.next % 4, 0);
	assert_false(cpio_is_trailer(&e));
}

static void accepts_070702_and_lowercase_hex(void **state)
{
	uint8_t buf[ARCHIVE_MAX] = { 0 };
	size_t len = 0;
	struct cpio_entry e;

	(void)state;
	put_member(buf, &len, "070702", "x", 040755, "", 0, 0);
	memcpy(buf + 6 + 8, "000041ed", 8);	/* the mode field in lower case */
	assert_int_equal(cpio_parse_header(buf, len, 0, &e), CPIO_OK);
	assert_int_equal(e.mode, 040755);
}

static void finds_the_trailer(void **state)
{
	uint8_t buf[ARCHIVE_MAX] = { 0 };
	size_t len = 0, off;
	struct cpio_entry e;

	(void)state;
	put_member(buf, &len, "070701", "a", 0100644, "1", 1, 0);
	off = put_member(buf, &len, "070701", CPIO_TRAILER, 0, "", 0, 0);
	assert_int_equal(cpio_parse_header(buf, len, 0, &e), CPIO_OK);
	assert_int_equal(e.next, off);
	assert_int_equal(cpio_parse_header(buf, len, e.next, &e), CPIO_OK);
	assert_true(cpio_is_trailer(&e));
	assert_int_equal(e.next, len);
}

static void rejects_bad_magic(void **state)
{
	uint8_t buf[ARCHIVE_MAX] = { 0 };
	size_t len = 0;
	struct cpio_entry e;

	(void)state;
	put_member(buf, &len, "070707", "a", 0100644, "", 0, 0);	/* odc, not newc */
	assert_int_equal(cpio_parse_header(buf, len, 0, &e), CPIO_BAD_MAGIC);
}

static void rejects_non_hex_field(void **state)
{
	uint8_t buf[ARCHIVE_MAX] = { 0 };
	size_t len = 0;
	struct cpio_entry e;

	(void)state;
	put_member(buf, &len, "070701", "a", 0100644, "", 0, 0);
	buf[6 + 8 * 6 + 3] = 'g';	/* inside filesize */
	assert_int_equal(cpio_parse_header(buf, len, 0, &e), CPIO_BAD_FIELD);
}

static void truncated_anywhere_is_truncated(void **state)
{
	uint8_t buf[ARCHIVE_MAX] = { 0 };
	size_t len = 0;
	struct cpio_entry e;

	(void)state;
	put_member(buf, &len, "070701", "dir/file", 0100644, "0123456789", 10, 0);
	/* every cut before the data's last byte: header, name, padding, data */
	for (size_t cut = 0; cut < CPIO_HEADER_SIZE + 9 + 1 + 10; cut++)
		assert_int_equal(cpio_parse_header(buf, cut, 0, &e), CPIO_TRUNCATED);
	/* only the trailing padding cut: still fine, next is clamped to the end */
	assert_int_equal(cpio_parse_header(buf, len - 2, 0, &e), CPIO_OK);
	assert_int_equal(e.next, len - 2);
	assert_int_equal(cpio_parse_header(buf, len, len + 4, &e), CPIO_TRUNCATED);
}

static void huge_sizes_do_not_wrap(void **state)
{
	uint8_t buf[ARCHIVE_MAX] = { 0 };
	size_t len = 0;
	struct cpio_entry e;

	(void)state;
	put_member(buf, &len, "070701", "a", 0100644, "", 0, 0);
	memcpy(buf + 6 + 8 * 6, "FFFFFFFF", 8);	/* filesize */
	assert_int_equal(cpio_parse_header(buf, len, 0, &e), CPIO_TRUNCATED);
	memcpy(buf + 6 + 8 * 6, "00000000", 8);
	memcpy(buf + 6 + 8 * 11, "FFFFFFFF", 8);	/* namesize */
	assert_int_equal(cpio_parse_header(buf, len, 0, &e), CPIO_TRUNCATED);
}

static void bad_names_are_rejected(void **state)
{
	uint8_t buf[ARCHIVE_MAX] = { 0 };
	size_t len = 0;
	struct cpio_entry e;

	(void)state;
	put_member(buf, &len, "070701", "abc", 0100644, "", 0, 0);
	memcpy(buf + 6 + 8 * 11, "00000002", 8);	/* "ab" without its NUL */
	assert_int_equal(cpio_parse_header(buf, len, 0, &e), CPIO_BAD_NAME);
	memcpy(buf + 6 + 8 * 11, "00000000", 8);	/* no name at all */
	assert_int_equal(cpio_parse_header(buf, len, 0, &e), CPIO_BAD_NAME);
	memcpy(buf + 6 + 8 * 11, "00000004", 8);
	buf[CPIO_HEADER_SIZE + 1] = '\0';		/* "a\0c\0": a NUL inside */
	assert_int_equal(cpio_parse_header(buf, len, 0, &e), CPIO_BAD_NAME);
}

static void padding_for_every_name_length(void **state)
{
	(void)state;
	assert_int_equal(cpio_pad4(0), 0);
	assert_int_equal(cpio_pad4(1), 4);
	assert_int_equal(cpio_pad4(4), 4);
	assert_int_equal(cpio_pad4(5), 8);
	assert_int_equal(cpio_pad4(111), 112);
	for (unsigned int n = 1; n <= 8; n++) {
		uint8_t buf[ARCHIVE_MAX] = { 0 };
		char name[16] = "abcdefgh";
		size_t len = 0;
		struct cpio_entry e;

		name[n] = '\0';
		put_member(buf, &len, "070701", name, 0100644, "Z", 1, 0);
		assert_int_equal(cpio_parse_header(buf, len, 0, &e), CPIO_OK);
		/* header + name + NUL rounded up to 4: the data starts there */
		assert_ptr_equal(e.data, buf + cpio_pad4(CPIO_HEADER_SIZE + n + 1));
		assert_int_equal(e.data[0], 'Z');
		assert_int_equal(e.next, cpio_pad4(cpio_pad4(CPIO_HEADER_SIZE + n + 1) + 1));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_a_good_member),
		cmocka_unit_test(accepts_070702_and_lowercase_hex),
		cmocka_unit_test(finds_the_trailer),
		cmocka_unit_test(rejects_bad_magic),
		cmocka_unit_test(rejects_non_hex_field),
		cmocka_unit_test(truncated_anywhere_is_truncated),
		cmocka_unit_test(huge_sizes_do_not_wrap),
		cmocka_unit_test(bad_names_are_rejected),
		cmocka_unit_test(padding_for_every_name_length),
	};

	return cmocka_run_group_tests_name("cpio", tests, NULL, NULL);
}
