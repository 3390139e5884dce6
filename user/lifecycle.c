/* lifecycle.c - lifecycle(1): the smallest program that forks, execs, exits and waits.
 * lifecycle [PROGRAM [ARGS...]]
 *
 * The program docs/lifecycle.md follows through the kernel, function by function: fork a
 * child, which execs busybox's `false` (or PROGRAM with ARGS) and so exits with status 1; wait
 * for it and print its wait status word, as the kernel's do_exit() built it:
 *
 *	lifecycle: forked child 2
 *	lifecycle: child 2 exited, wait status 0x100 (exit code 1)
 *
 * `false` rather than `true` so that the status word is not zero: exit code 1 is 0x100, the
 * code in the second byte (see wait(2), WEXITSTATUS). Booted as init (init=/bin/lifecycle, the
 * gdb walkthrough's boot, tests/gdb/lifecycle.gdb) the run is the same every time.
 * Exit status: 0 if the child was waited for, 1 if fork, exec or wait failed.
 * See also: docs/lifecycle.md, kernel/fork.c, kernel/exec.c, kernel/exit.c, kernel/wait.c. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
	char *default_argv[] = { "busybox", "false", NULL };
	const char *path = argc > 1 ? argv[1] : "/bin/busybox";
	char **child_argv = argc > 1 ? argv + 1 : default_argv;
	int status;
	pid_t child;

	fflush(stdout);
	child = fork();
	if (child < 0) {
		perror("lifecycle: fork");
		return 1;
	}
	if (child == 0) {
		execve(path, child_argv, environ);
		perror("lifecycle: execve");
		_exit(127);
	}
	printf("lifecycle: forked child %d\n", (int)child);
	if (waitpid(child, &status, 0) != child) {
		perror("lifecycle: waitpid");
		return 1;
	}
	if (WIFEXITED(status))
		printf("lifecycle: child %d exited, wait status %#x (exit code %d)\n", (int)child,
		       (unsigned)status, WEXITSTATUS(status));
	else
		printf("lifecycle: child %d killed by signal %d, wait status %#x\n", (int)child,
		       WIFSIGNALED(status) ? WTERMSIG(status) : 0, (unsigned)status);
	return 0;
}
