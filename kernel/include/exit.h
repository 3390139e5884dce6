/* exit.h - how threads and processes end (kernel/exit.c).
 * do_exit() is the one way out of a thread: exit calls it with (code & 0xff) << 8; exit_group
 * and fatal signals go through do_group_exit(), which takes every other thread of the process
 * along. The status is the wait status word, encoded as Linux's wait(2) reports it. The last
 * thread makes its process a zombie for its parent to reap (kernel/wait.c); when init exits,
 * the machine powers off with a failure code. */
#ifndef REAPER_EXIT_H
#define REAPER_EXIT_H

#include "compiler.h"
#include "types.h"

/* The wait status word (Linux: WIFEXITED/WEXITSTATUS/WTERMSIG in reverse). */
#define EXIT_STATUS_CODE(code)	(((code) & 0xff) << 8)	/* exited with exit(code) */
#define EXIT_STATUS_SIGNAL(sig)	((sig) & 0x7f)		/* killed by signal sig */

struct process;

NORETURN void do_exit(int status);
NORETURN void do_group_exit(int status);
void zap_other_threads_locked(struct process *p);
bool exit_notify_zombie_locked(struct process *p);
bool exit_thread_is_dying(void);
/* The steps of do_exit() that release a process's resources; each is a no-op if it is gone
 * already (process_start_init() uses them to undo a failed start, fork to undo a failed
 * copy). */
void exit_mm(struct process *p);
void exit_files(struct process *p);
void exit_fs(struct process *p);

#endif
