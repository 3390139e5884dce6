/* uapi/dirent.h - directory entries as getdents64() returns them (Linux:
 * include/linux/dirent.h). Records are packed one after another; d_reclen (a multiple of 8)
 * says where the next begins, and d_off is the position to seek to for the entry after this. */
#ifndef REAPER_UAPI_DIRENT_H
#define REAPER_UAPI_DIRENT_H

#include <stdint.h>

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;		/* lseek() here to continue after this entry */
	uint16_t d_reclen;	/* bytes of this record, 8-aligned, NUL and padding included */
	uint8_t d_type;		/* DT_* */
	char d_name[];		/* NUL-terminated */
};

#define DIRENT64_NAME_OFFSET	19	/* offsetof(struct linux_dirent64, d_name) */

/* d_type: the file type, (mode & S_IFMT) >> 12. */
#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

#endif
