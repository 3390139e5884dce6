/* process.h - struct process, the thread group: what the threads of one program share.
 *
 * A process owns an address space (struct mm), an open-file table (struct files_struct), a
 * filesystem context (root, cwd, umask: struct fs_struct), resource limits and, from the
 * processes issue on, signal handlers, a parent and children. Its threads (struct thread,
 * sched.h) are what the scheduler runs; thread->proc points back here. A kernel thread has
 * proc == NULL. (Linux: struct task_struct plays both roles, with signal_struct shared.)
 *
 * This issue runs one process at a time (init); fork, exit/wait and threads come with the
 * processes issue, struct pid with the pid-namespace issue (tgid and tid are plain numbers
 * until then, TODO(pid)).
 * See also: kernel/process.c, kernel/exec.c, kernel/exit.c. */
#ifndef REAPER_PROCESS_H
#define REAPER_PROCESS_H

#include "types.h"
#include "list.h"
#include "uapi/resource.h"

#define PROCESS_COMM_LEN 16	/* like Linux's TASK_COMM_LEN */

struct mm;
struct files_struct;
struct fs_struct;
struct thread;

struct process {
	/* Immutable after creation: */
	pid_t tgid;			/* TODO(pid): becomes the leader's struct pid */

	/* Changed only by the process's own threads (one thread for now): */
	char comm[PROCESS_COMM_LEN];	/* program name, from execve's path */
	struct mm *mm;			/* the address space; replaced by execve */
	struct files_struct *files;	/* open files */
	struct fs_struct *fs;		/* root, cwd, umask */
	struct rlimit rlim[RLIM_NLIMITS];	/* getrlimit/prlimit64; only reported for now */
	bool is_init;			/* the first user process: its exit powers off */
	int exit_code;			/* wait status word once the process has exited */

	struct list_head threads;	/* of struct thread, via thread_link */
	int nr_threads;
};

struct process *process_create(const char *comm);
void process_destroy(struct process *p);
struct process *current_process(void);
void process_set_comm(struct process *p, const char *path);
void process_detach_thread(struct thread *t);
/* process_start_init() - the calling kernel thread becomes init and runs @path with @argv
 * (kernel strings, NULL-terminated). Returns only on failure, with -errno. */
int process_start_init(const char *path, const char *const *argv);

#endif
