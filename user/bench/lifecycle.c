/* lifecycle.c - procbench's samples of one process's life: a system call, fork, vfork and
 * exec, each ended by the child's _exit(0) and our waitpid().
 * Each sample times one repetition into *ns and returns 0 or an error (report.c's codes).
 * fork-exec-wait execs procbench itself (self_path, set by main()) with EXEC_ARG, on which
 * main() returns at once: a small static program that every image already has.
 * See also: procbench.c (what each benchmark is), kernel/fork.c, kernel/exec.c.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "procbench.h"

const char *self_path = "/proc/self/exe";

int sample_syscall_null(const struct bench *b, double *ns)
{
	uint64_t t0 = now_ns();

	(void)b;
	for (int i = 0; i < NULL_BATCH; i++)
		getppid();
	*ns = (double)(now_ns() - t0) / NULL_BATCH;
	return 0;
}

/* finish() - the parent's half of a sample: reap the child @pid, the time since @t0 into
 * @ns. Return: 0, or the error (the child's status if it did not exit with 0). */
static int finish(pid_t pid, uint64_t t0, double *ns)
{
	int status, err;

	track(pid);
	err = reap(pid, &status);
	*ns = (double)(now_ns() - t0);
	return err ? err : exit_error(status);
}

int sample_fork_exit_wait(const struct bench *b, double *ns)
{
	uint64_t t0 = now_ns();
	pid_t pid = fork();
	(void)b;
	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(0);
	return finish(pid, t0, ns);
}

/* vfork(): the child borrows our address space and we sleep until it exits. Only _exit() is
 * safe in the child; t0 is volatile because the child runs on our stack frame. */
int sample_vfork_exit_wait(const struct bench *b, double *ns)
{
	volatile uint64_t t0 = now_ns();
	pid_t pid = vfork();
	(void)b;
	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(0);
	return finish(pid, t0, ns);
}

/* fork(), exec procbench itself with EXEC_ARG (its main() returns at once), wait: what a shell
 * does for every command. A failed exec exits with the errno as the status. */
int sample_fork_exec_wait(const struct bench *b, double *ns)
{
	char *const argv[] = { (char *)self_path, EXEC_ARG, NULL };
	char *const envp[] = { NULL };
	uint64_t t0 = now_ns();
	pid_t pid = fork();
	(void)b;
	if (pid < 0)
		return errno;
	if (pid == 0) {
		execve(self_path, argv, envp);
		_exit(err_to_code(errno));
	}
	return finish(pid, t0, ns);
}
