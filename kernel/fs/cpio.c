/* cpio.c - parsing one member header of a cpio "newc" archive, purely.
 *
 * The initramfs is a cpio newc archive (cpio.h has the layout). Parsing is the part of
 * unpacking that must be robust against anything, since the archive comes from outside the
 * kernel: every offset is checked against the buffer length BEFORE it is used, lengths are
 * added in 64-bit arithmetic (a namesize or filesize of 0xffffffff cannot wrap), and a name
 * must end in exactly one NUL at namesize - 1. The result points into the buffer; nothing is
 * copied or allocated, so kernel/fs/initramfs.c and tests/host/test_cpio.c use it the same way.
 *
 * Padding: the name starts right after the 110-byte header and header + name is padded to a
 * multiple of 4; the data is padded to a multiple of 4 too. Offsets are relative to the
 * archive's start, which Linux's writer (and tools/mkcpio.py) keep 4-aligned.
 * Invariants: on CPIO_OK, name, data and next all lie within [0, len].
 * Locking: none (pure). See also: kernel/fs/initramfs.c, tools/mkcpio.py (the writer).
 * Linux: init/initramfs.c (parse_header, do_header, do_name). */
#include "cpio.h"
#include "string.h"

#define CPIO_MAGIC_LEN	6
#define CPIO_FIELDS	13
#define CPIO_FIELD_LEN	8

/* cpio_pad4() - @n rounded up to a multiple of 4. */
size_t cpio_pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* hex_field() - 8 hex digits at @p into *@out; false if any is not a hex digit. */
static bool hex_field(const uint8_t *p, uint32_t *out)
{
	uint32_t v = 0;

	for (int i = 0; i < CPIO_FIELD_LEN; i++) {
		uint8_t c = p[i];
		uint32_t digit;

		if (c >= '0' && c <= '9')
			digit = c - '0';
		else if (c >= 'a' && c <= 'f')
			digit = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			digit = c - 'A' + 10;
		else
			return false;
		v = (v << 4) | digit;
	}
	*out = v;
	return true;
}

/* parse_fields() - the 13 numeric fields after the magic, in archive order. */
static bool parse_fields(const uint8_t *hdr, struct cpio_entry *e)
{
	uint32_t f[CPIO_FIELDS];

	for (int i = 0; i < CPIO_FIELDS; i++)
		if (!hex_field(hdr + CPIO_MAGIC_LEN + i * CPIO_FIELD_LEN, &f[i]))
			return false;
	e->ino = f[0];
	e->mode = f[1];
	e->uid = f[2];
	e->gid = f[3];
	e->nlink = f[4];
	e->mtime = f[5];
	e->filesize = f[6];
	e->devmajor = f[7];
	e->devminor = f[8];
	e->rdevmajor = f[9];
	e->rdevminor = f[10];
	e->namesize = f[11];
	/* f[12] is the checksum (070702 only); we do not verify it, as Linux does not by default */
	return true;
}

/* name_ok() - the name is namesize bytes: non-empty, exactly one NUL, at the end. */
static bool name_ok(const char *name, uint32_t namesize)
{
	return namesize >= 2 && name[namesize - 1] == '\0' &&
	       strnlen(name, namesize) == namesize - 1;
}

/**
 * cpio_parse_header() - parse the member at offset @off of the archive @buf of @len bytes.
 * @buf: the archive; @len: its length; @off: where the member starts (4-aligned).
 * @e: filled on success (name and data point into @buf).
 *
 * Context: any; pure. Return: CPIO_OK, or why the member is unusable (then @e is partial).
 */
enum cpio_status cpio_parse_header(const uint8_t *buf, size_t len, size_t off,
				   struct cpio_entry *e)
{
	uint64_t name_end, data_off, data_end;

	if (off > len || len - off < CPIO_HEADER_SIZE)
		return CPIO_TRUNCATED;
	if (memcmp(buf + off, "070701", CPIO_MAGIC_LEN) != 0 &&
	    memcmp(buf + off, "070702", CPIO_MAGIC_LEN) != 0)
		return CPIO_BAD_MAGIC;
	if (!parse_fields(buf + off, e))
		return CPIO_BAD_FIELD;
	name_end = (uint64_t)off + CPIO_HEADER_SIZE + e->namesize;
	if (name_end > len)
		return CPIO_TRUNCATED;
	e->name = (const char *)buf + off + CPIO_HEADER_SIZE;
	if (!name_ok(e->name, e->namesize))
		return CPIO_BAD_NAME;
	data_off = cpio_pad4(name_end);
	data_end = data_off + e->filesize;
	if (data_end > len)
		return CPIO_TRUNCATED;
	e->data = buf + data_off;
	e->next = MIN(cpio_pad4(data_end), len);	/* the last member's padding may be cut */
	return CPIO_OK;
}

/* cpio_is_trailer() - is @e the "TRAILER!!!" member that ends the archive? */
bool cpio_is_trailer(const struct cpio_entry *e)
{
	return strcmp(e->name, CPIO_TRAILER) == 0;
}

/* cpio_status_str() - a word for the boot log. */
const char *cpio_status_str(enum cpio_status s)
{
	switch (s) {
	case CPIO_OK:
		return "ok";
	case CPIO_TRUNCATED:
		return "truncated";
	case CPIO_BAD_MAGIC:
		return "bad magic";
	case CPIO_BAD_FIELD:
		return "bad header field";
	case CPIO_BAD_NAME:
		return "bad name";
	}
	return "?";
}
