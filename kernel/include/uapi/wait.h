/* uapi/wait.h - wait4/waitid options and id types (Linux: include/uapi/linux/wait.h). */
#ifndef REAPER_UAPI_WAIT_H
#define REAPER_UAPI_WAIT_H

#define WNOHANG		0x00000001	/* do not sleep */
#define WUNTRACED	0x00000002	/* report stopped children (waitid: WSTOPPED) */
#define WSTOPPED	WUNTRACED
#define WEXITED		0x00000004	/* report exited children (waitid only) */
#define WCONTINUED	0x00000008	/* report continued children */
#define WNOWAIT		0x01000000	/* report, but leave the child waitable */
#define __WNOTHREAD	0x20000000	/* only children of the calling thread */
#define __WALL		0x40000000	/* every child, whatever its exit signal */
#define __WCLONE	0x80000000	/* only children whose exit signal is not SIGCHLD */

#define P_ALL		0
#define P_PID		1
#define P_PGID		2
#define P_PIDFD		3

#define RUSAGE_SIZE	144	/* sizeof(struct rusage) on x86-64: wait4 zeroes it */

#endif
