/* cpio.h - the "newc" cpio archive format of the initramfs (kernel/fs/cpio.c).
 *
 * Each member: a 110-byte ASCII header (magic "070701", or "070702" with checksums, then 13
 * fields of 8 hex digits), the name with its NUL padded to a 4-byte boundary (counted from
 * the header's start), the data padded to 4 bytes. The member named "TRAILER!!!" ends the
 * archive. The parser is pure: it reads bytes and reports, so it is tested on the host
 * (tests/host/test_cpio.c). Linux: init/initramfs.c, usr/gen_init_cpio.c. */
#ifndef REAPER_CPIO_H
#define REAPER_CPIO_H

#include "types.h"

#define CPIO_HEADER_SIZE	110
#define CPIO_TRAILER		"TRAILER!!!"

enum cpio_status {
	CPIO_OK = 0,
	CPIO_TRUNCATED,		/* the header, name or data runs past the end */
	CPIO_BAD_MAGIC,		/* neither 070701 nor 070702 */
	CPIO_BAD_FIELD,		/* a field is not 8 hex digits */
	CPIO_BAD_NAME,		/* namesize 0, or no NUL at its end, or a NUL inside */
};

struct cpio_entry {
	uint32_t ino, mode, uid, gid, nlink, mtime;
	uint32_t filesize;
	uint32_t devmajor, devminor, rdevmajor, rdevminor;
	uint32_t namesize;		/* NUL included */
	const char *name;		/* into the archive, NUL-terminated */
	const uint8_t *data;		/* into the archive; filesize bytes */
	size_t next;			/* offset of the next member */
};

enum cpio_status cpio_parse_header(const uint8_t *buf, size_t len, size_t off,
				   struct cpio_entry *e);
size_t cpio_pad4(size_t n);
bool cpio_is_trailer(const struct cpio_entry *e);
const char *cpio_status_str(enum cpio_status s);

#endif
