/* uapi/prctl.h - prctl(2) options and arch_prctl(2) codes that reaper implements, with
 * Linux x86-64's numbers (linux/prctl.h, asm/prctl.h). */
#ifndef REAPER_UAPI_PRCTL_H
#define REAPER_UAPI_PRCTL_H

/* prctl(option, ...) */
#define PR_SET_NAME	15	/* arg2: a string, truncated to 15 bytes + NUL */
#define PR_GET_NAME	16	/* arg2: a 16-byte buffer */
#define PR_SET_CHILD_SUBREAPER	36	/* arg2: 0 or 1 */
#define PR_GET_CHILD_SUBREAPER	37	/* arg2: int * */

/* arch_prctl(code, addr) */
#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

#endif
