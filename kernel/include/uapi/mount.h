/* uapi/mount.h - mount(2) and umount2(2) flags (Linux: include/uapi/linux/mount.h). */
#ifndef REAPER_UAPI_MOUNT_H
#define REAPER_UAPI_MOUNT_H

#define MS_RDONLY	(1u << 0)
#define MS_NOSUID	(1u << 1)
#define MS_NODEV	(1u << 2)
#define MS_NOEXEC	(1u << 3)
#define MS_SYNCHRONOUS	(1u << 4)
#define MS_REMOUNT	(1u << 5)	/* change the flags of an existing mount */
#define MS_MANDLOCK	(1u << 6)
#define MS_DIRSYNC	(1u << 7)
#define MS_NOSYMFOLLOW	(1u << 8)
#define MS_NOATIME	(1u << 10)
#define MS_NODIRATIME	(1u << 11)
#define MS_BIND		(1u << 12)	/* make a directory visible at a second place */
#define MS_MOVE		(1u << 13)
#define MS_REC		(1u << 14)
#define MS_SILENT	(1u << 15)
#define MS_UNBINDABLE	(1u << 17)	/* the four propagation types */
#define MS_PRIVATE	(1u << 18)
#define MS_SLAVE	(1u << 19)
#define MS_SHARED	(1u << 20)
#define MS_RELATIME	(1u << 21)
#define MS_STRICTATIME	(1u << 24)
#define MS_LAZYTIME	(1u << 25)

/* Old programs put this magic number in the top 16 bits of the flags; it is ignored. */
#define MS_MGC_VAL	0xC0ED0000u
#define MS_MGC_MSK	0xffff0000u

#define MS_PROPAGATION	(MS_SHARED | MS_SLAVE | MS_UNBINDABLE | MS_PRIVATE)

/* umount2() flags. */
#define MNT_FORCE	0x1
#define MNT_DETACH	0x2	/* lazy: detach now, free when no longer used */
#define MNT_EXPIRE	0x4
#define UMOUNT_NOFOLLOW	0x8

#endif
