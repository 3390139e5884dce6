/* exec.h - replacing a process's program (kernel/exec.c).
 * do_execve() loads a static ELF executable into a fresh address space, builds its stack and
 * makes the calling thread start it on its next return to user mode; sys_execve() (syscalls.h)
 * copies execve(2)'s arguments from user memory and calls it. */
#ifndef REAPER_EXEC_H
#define REAPER_EXEC_H

#include "types.h"

#define EXEC_ARG_MAX	(128 * 1024)	 /* argv + envp: string bytes plus 8 per pointer */
#define ELF_ET_DYN_BASE 0x555555554000UL /* where a static-PIE is loaded (Linux, no ASLR) */

int do_execve(const char *path, const char *const *argv, const char *const *envp);

#endif
