/* uapi/stat.h - file types, permission bits and struct stat of Linux x86-64
 * (Linux: include/uapi/linux/stat.h, arch/x86/include/uapi/asm/stat.h).
 * struct stat is 144 bytes; the offsets in the comments are the ABI and are checked with
 * _Static_assert below, so a field moved by mistake fails the build. */
#ifndef REAPER_UAPI_STAT_H
#define REAPER_UAPI_STAT_H

#include <stdint.h>
#include <stddef.h>

/* The file type lives in the top bits of a mode. */
#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFBLK		0060000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000

#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)	(((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)

/* Permission bits: set-id, sticky, then user/group/other rwx. */
#define S_ISUID		04000
#define S_ISGID		02000
#define S_ISVTX		01000
#define S_IRWXU		00700
#define S_IRWXG		00070
#define S_IRWXO		00007
#define S_IXUGO		00111
#define S_IALLUGO	07777	/* every bit chmod() may change */

struct stat {
	uint64_t st_dev;	/*   0: device of the filesystem (new_encode_dev) */
	uint64_t st_ino;	/*   8 */
	uint64_t st_nlink;	/*  16 */
	uint32_t st_mode;	/*  24: S_IF* | permissions */
	uint32_t st_uid;	/*  28 */
	uint32_t st_gid;	/*  32 */
	uint32_t pad0;		/*  36 */
	uint64_t st_rdev;	/*  40: a device node's device (new_encode_dev) */
	int64_t st_size;	/*  48: bytes */
	int64_t st_blksize;	/*  56: preferred I/O size */
	int64_t st_blocks;	/*  64: 512-byte units allocated */
	uint64_t st_atime_sec;	/*  72 */
	uint64_t st_atime_nsec;	/*  80 */
	uint64_t st_mtime_sec;	/*  88 */
	uint64_t st_mtime_nsec;	/*  96 */
	uint64_t st_ctime_sec;	/* 104 */
	uint64_t st_ctime_nsec;	/* 112 */
	int64_t unused[3];	/* 120 */
};

_Static_assert(sizeof(struct stat) == 144, "struct stat is 144 bytes on x86-64");
_Static_assert(offsetof(struct stat, st_rdev) == 40, "st_rdev at 40");
_Static_assert(offsetof(struct stat, st_mtime_sec) == 88, "st_mtime at 88");

/* new_encode_dev(): how a (major, minor) pair is packed into st_dev / st_rdev. */
static inline uint64_t stat_encode_dev(unsigned int major, unsigned int minor)
{
	return (minor & 0xffu) | ((uint64_t)major << 8) | ((uint64_t)(minor & ~0xffu) << 12);
}

#endif
