/* uapi/sched.h - clone(2) flags (Linux: include/uapi/linux/sched.h). The low byte (CSIGNAL) of
 * the flags is the signal the child sends its parent when it dies. */
#ifndef REAPER_UAPI_SCHED_H
#define REAPER_UAPI_SCHED_H

#define CSIGNAL			0x000000ff	/* exit signal mask */
#define CLONE_VM		0x00000100	/* share the address space */
#define CLONE_FS		0x00000200	/* share root, cwd, umask */
#define CLONE_FILES		0x00000400	/* share the fd table */
#define CLONE_SIGHAND		0x00000800	/* share signal handlers */
#define CLONE_PIDFD		0x00001000	/* not supported: EINVAL */
#define CLONE_PTRACE		0x00002000	/* a traced parent's child is traced too */
#define CLONE_VFORK		0x00004000	/* parent sleeps until the child execs or exits */
#define CLONE_PARENT		0x00008000	/* same parent as the caller */
#define CLONE_THREAD		0x00010000	/* same thread group */
#define CLONE_NEWNS		0x00020000
#define CLONE_SYSVSEM		0x00040000	/* accepted: no SysV semaphores */
#define CLONE_SETTLS		0x00080000	/* FS base = tls argument */
#define CLONE_PARENT_SETTID	0x00100000	/* write the tid at parent_tid */
#define CLONE_CHILD_CLEARTID	0x00200000	/* clear and futex-wake child_tid at exit */
#define CLONE_DETACHED		0x00400000	/* ignored, as Linux does */
#define CLONE_UNTRACED		0x00800000	/* never traced by the parent's tracer */
#define CLONE_CHILD_SETTID	0x01000000	/* write the tid at child_tid in the child */
#define CLONE_NEWCGROUP		0x02000000
#define CLONE_NEWUTS		0x04000000
#define CLONE_NEWIPC		0x08000000
#define CLONE_NEWUSER		0x10000000
#define CLONE_NEWPID		0x20000000
#define CLONE_NEWNET		0x40000000
#define CLONE_IO		0x80000000

#endif
