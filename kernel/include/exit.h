/* exit.h - how a process ends (kernel/exit.c).
 * do_exit() is the one way out: exit and exit_group call it with (code & 0xff) << 8, a fatal
 * exception with the signal number (the wait status word either way, encoded as Linux's
 * wait(2) reports it).
 * Until fork and wait exist there is no parent to report to, so the process's resources are
 * released at once; when init exits, the machine powers off with a failure code. */
#ifndef REAPER_EXIT_H
#define REAPER_EXIT_H

#include "compiler.h"

/* The wait status word (Linux: WIFEXITED/WEXITSTATUS/WTERMSIG in reverse). */
#define EXIT_STATUS_CODE(code)	(((code) & 0xff) << 8)	/* exited with exit(code) */
#define EXIT_STATUS_SIGNAL(sig)	((sig) & 0x7f)		/* killed by signal sig */

struct process;

NORETURN void do_exit(int status);
/* The steps of do_exit() that release a process's resources; each is a no-op if it is gone
 * already (process_start_init() uses them to undo a failed start). */
void exit_mm(struct process *p);
void exit_files(struct process *p);
void exit_fs(struct process *p);

#endif
