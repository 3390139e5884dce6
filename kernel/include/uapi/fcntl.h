/* uapi/fcntl.h - open flags, *at() flags, fcntl commands and access modes, as Linux x86-64
 * user space sees them (Linux: include/uapi/asm-generic/fcntl.h, include/uapi/linux/fcntl.h).
 * The octal values are the ABI; musl and glibc pass exactly these bits. */
#ifndef REAPER_UAPI_FCNTL_H
#define REAPER_UAPI_FCNTL_H

/* open() flags. O_ACCMODE selects read, write or both; the rest are independent bits. */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DSYNC		00010000
#define O_ASYNC		00020000	/* Linux calls it FASYNC too */
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000	/* always true on 64-bit; musl passes it anyway */
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define O_SYNC		04010000
#define O_PATH		010000000
#define O_TMPFILE	020200000	/* includes O_DIRECTORY */

/* *at() system calls: the directory a relative path starts from, and their flags. */
#define AT_FDCWD		(-100)	/* the current working directory */
#define AT_SYMLINK_NOFOLLOW	0x100	/* do not follow a trailing symlink */
#define AT_EACCESS		0x200	/* faccessat: effective ids (the same for us) */
#define AT_REMOVEDIR		0x200	/* unlinkat: act as rmdir */
#define AT_SYMLINK_FOLLOW	0x400	/* linkat: follow a trailing symlink */
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000	/* an empty path means the dirfd itself */
#define AT_STATX_SYNC_TYPE	0x6000	/* statx sync hints; fstatat accepts them too */

/* fcntl() commands and the one descriptor flag. */
#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1

/* Lock types of struct flock (F_GETLK answers F_UNLCK: nothing is ever locked here). */
#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2

/* lseek() whence. */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4

/* access() modes. */
#define F_OK		0
#define X_OK		1
#define W_OK		2
#define R_OK		4

/* renameat2() flags. */
#define RENAME_NOREPLACE	(1 << 0)
#define RENAME_EXCHANGE		(1 << 1)
#define RENAME_WHITEOUT		(1 << 2)

#endif
