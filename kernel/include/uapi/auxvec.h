/* uapi/auxvec.h - the auxiliary vector's entry types (Linux: include/uapi/linux/auxvec.h and
 * arch/x86/include/uapi/asm/auxvec.h). execve leaves (type, value) pairs above envp on the new
 * stack, ended by AT_NULL; the C library reads them (getauxval). */
#ifndef REAPER_UAPI_AUXVEC_H
#define REAPER_UAPI_AUXVEC_H

#define AT_NULL		0	/* end of the vector */
#define AT_IGNORE	1
#define AT_EXECFD	2
#define AT_PHDR		3	/* address of the program headers in memory */
#define AT_PHENT	4	/* size of one program header */
#define AT_PHNUM	5	/* number of program headers */
#define AT_PAGESZ	6
#define AT_BASE		7	/* load address of the interpreter; 0 without one */
#define AT_FLAGS	8
#define AT_ENTRY	9	/* the program's entry point */
#define AT_NOTELF	10
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15	/* address of a string naming the CPU ("x86_64") */
#define AT_HWCAP	16	/* CPU feature bits (x86: CPUID.1:EDX) */
#define AT_CLKTCK	17	/* times() ticks per second */
#define AT_SECURE	23	/* 1 for set-uid programs */
#define AT_BASE_PLATFORM 24
#define AT_RANDOM	25	/* address of 16 random bytes */
#define AT_HWCAP2	26
#define AT_EXECFN	31	/* address of the path given to execve */
#define AT_SYSINFO_EHDR	33	/* the vDSO; we have none and leave it out */
#define AT_MINSIGSTKSZ	51	/* smallest signal stack the kernel needs */

#endif
