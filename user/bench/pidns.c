/* pidns.c - procbench's namespace samples: create and tear down an empty namespace, tear down
 * one with N members, and the patch's traced-zombie scenario.
 * A namespace's init (ns_init_main) reports once, forks its members, each of which reports and
 * sleeps, and exits when the runner writes 'x' (or closes the pipe); the init of every new
 * namespace first checks that it is pid 1 (a kernel that ignored CLONE_NEWPID would let its
 * members outlive it). The tracer (tracer_main) traces one member from outside and stamps the
 * time its wait for that member returns into reap_stamp, a MAP_SHARED page the runner maps.
 * See also: procbench.c, kernel/pid_namespace.c (zap_pid_ns_processes), docs/performance.md.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "procbench.h"

/* A namespace init seen from its parent (the runner): its number there and our pipe ends. */
struct ns_init {
	pid_t pid;  /* in the runner's namespace */
	int go;	    /* write end: 'f' forks one more member, 'x' (or EOF) exits */
	int report; /* read end: a byte from init, one per member (0, or an error) */
};

volatile uint64_t *reap_stamp;

/* clone_newpid() - fork() into a new pid namespace. The raw clone without a new stack returns
 * twice, like fork(): 0 in the child (pid 1 of the new namespace), its pid to the parent. */
static pid_t clone_newpid(void)
{
	return syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, NULL, NULL, NULL, 0);
}

/* ---- Inside the namespace: its init and the members ---- */

/* spawn_member() - a child of init that reports and then sleeps until it is killed. */
static int spawn_member(int go, int report)
{
	pid_t pid = fork();

	if (pid < 0)
		return errno;
	if (pid == 0) {
		close(go);
		send_report(report, 0);
		for (;;)
			pause();
	}
	return 0;
}

/* ns_init_main() - the init of a benchmark's namespace: one report of its own, then @members
 * members at once, one more for each 'f' read from @go; exit at 'x' or end of file.
 * Return: its exit status. */
static int ns_init_main(int members, int go, int report)
{
	char cmd;
	int err = 0;

	/* If the kernel ignored CLONE_NEWPID we are an ordinary process, and our children would
	 * outlive us: create none. Our own report comes first. */
	if (getpid() != 1)
		err = ERR_NOT_INIT;
	send_report(report, err);
	for (int i = 0; i < members && !err; i++)
		if ((err = spawn_member(go, report)))
			send_report(report, err);
	while (!err && read(go, &cmd, 1) == 1 && cmd == 'f')
		if ((err = spawn_member(go, report)))
			send_report(report, err);
	return err_to_code(err);
}

/* ---- The runner's side of a namespace ---- */

/* init_start() - create a namespace whose init has @members members, and wait until init
 * and every member have reported. Return: 0, or an error (then nothing is left running). */
static int init_start(struct ns_init *init, int members)
{
	int go[2], report[2], err, status;

	if (pipe(go) < 0)
		return errno;
	if (pipe(report) < 0) {
		err = errno;
		close(go[0]);
		close(go[1]);
		return err;
	}
	init->pid = clone_newpid();
	if (init->pid == 0) {
		close(go[1]);
		close(report[0]);
		_exit(ns_init_main(members, go[0], report[1]));
	}
	err = init->pid < 0 ? errno : 0;
	close(go[0]);
	close(report[1]);
	init->go = go[1];
	init->report = report[0];
	if (err)
		goto out_close;
	track(init->pid);
	err = read_reports(init->report, 1 + members); /* init's own, then each member's */
	if (!err)
		return 0;
	/* End of file: init has exited (it holds the pipe until then); its status says why. */
	if (err == ERR_EOF && reap(init->pid, &status) == 0 && exit_error(status))
		err = exit_error(status);
	abandon();
out_close:
	close(init->go);
	close(init->report);
	return err;
}

/* init_finish() - tell init to exit and wait until waitpid() returns it, which means the
 * whole namespace is gone. Return: 0, or an error. */
static int init_finish(struct ns_init *init)
{
	int status, err;

	close(init->report);
	if (write(init->go, "x", 1) != 1) {
		err = errno;
		close(init->go);
		abandon();
		return err;
	}
	close(init->go);
	err = reap(init->pid, &status);
	return err ? err : exit_error(status);
}

/* ---- The tracer, outside the namespace ---- */

/* tracer_wait_stop() - wait for @pid's next ptrace stop; with @event, it must be that event's.
 * Return: 0 or an error. */
static int tracer_wait_stop(pid_t pid, int event)
{
	int status;

	while (waitpid(pid, &status, __WALL) < 0)
		if (errno != EINTR)
			return errno;
	if (!WIFSTOPPED(status))
		return ERR_STOP;
	if (event && status >> 8 != (SIGTRAP | event << 8))
		return ERR_STOP;
	return 0;
}

/* tracer_follow_fork() - seize @init with PTRACE_O_TRACEFORK, have it fork a member ('f' on
 * @go), learn the member's number in our namespace from the fork event (the only way we can:
 * inside, it is just 2), let init go and start the member, which stays traced by us. */
static int tracer_follow_fork(pid_t init, int go, pid_t *member)
{
	unsigned long msg;
	int err;

	if (ptrace(PTRACE_SEIZE, init, 0, PTRACE_O_TRACEFORK) < 0)
		return errno;
	err = write(go, "f", 1) == 1 ? 0 : errno;
	close(go);
	if (err || (err = tracer_wait_stop(init, PTRACE_EVENT_FORK)))
		return err;
	if (ptrace(PTRACE_GETEVENTMSG, init, 0, &msg) < 0)
		return errno;
	if (ptrace(PTRACE_DETACH, init, 0, 0) < 0)
		return errno;
	*member = (pid_t)msg;
	if ((err = tracer_wait_stop(*member, 0))) /* its first stop, as a new tracee */
		return err;
	return ptrace(PTRACE_CONT, *member, 0, 0) < 0 ? errno : 0;
}

/* tracer_main() - trace one member, report, then wait for the member's death and reap it:
 * the timestamp is taken right after that wait returns. Return: the exit status. */
static int tracer_main(pid_t init, int go, int report)
{
	pid_t member = 0;
	int status, err;

	err = tracer_follow_fork(init, go, &member);
	send_report(report, err);
	if (err)
		return err_to_code(err);
	while (waitpid(member, &status, __WALL) < 0)
		if (errno != EINTR)
			return err_to_code(errno);
	*reap_stamp = now_ns();
	/* The teardown's SIGKILL, reported to us first: a tracer sees its tracee's exit. */
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
		return err_to_code(ERR_STATUS);
	return 0;
}

/* tracer_start() - fork the tracer; return once it traces a member of @init's namespace and
 * that member runs. Return: 0, or an error (the caller abandons the helpers). */
static int tracer_start(struct ns_init *init, pid_t *tracer)
{
	int report[2], err;

	if (pipe(report) < 0)
		return errno;
	*tracer = fork();
	if (*tracer == 0) {
		close(report[0]);
		close(init->report);
		_exit(tracer_main(init->pid, init->go, report[1]));
	}
	err = *tracer < 0 ? errno : 0;
	close(report[1]);
	if (!err) {
		track(*tracer);
		err = read_reports(report[0], 1); /* the tracer's */
	}
	if (!err)
		err = read_reports(init->report, 1); /* the member's, once it runs */
	close(report[0]);
	return err;
}

/* Create a namespace whose init exits at once: creation plus the teardown of an empty one. */
int sample_pidns_create(const struct bench *b, double *ns)
{
	uint64_t t0 = now_ns();
	pid_t init = clone_newpid();
	int status, err;

	(void)b;
	if (init < 0)
		return errno;
	if (init == 0)
		_exit(getpid() == 1 ? 0 : err_to_code(ERR_NOT_INIT));
	track(init);
	err = reap(init, &status);
	*ns = (double)(now_ns() - t0);
	return err ? err : exit_error(status);
}

/* Only the teardown is timed: from the 'x' that makes init exit to waitpid() returning it.
 * The members have all reported, so they are in (or on their way into) pause(). */
int sample_pidns_teardown(const struct bench *b, double *ns)
{
	struct ns_init init;
	uint64_t t0;
	int err;

	if ((err = init_start(&init, b->members)))
		return err;
	t0 = now_ns();
	err = init_finish(&init);
	*ns = (double)(now_ns() - t0) / b->members;
	return err;
}

/* The patch's scenario: init exits while a member is traced from outside; the member's zombie
 * keeps init from being reaped until the tracer reaps it. Timed: from the tracer's wait
 * returning (it reaped the last zombie) to ours returning init. */
int sample_pidns_traced_reap(const struct bench *b, double *ns)
{
	struct ns_init init;
	pid_t tracer = 0;
	uint64_t t1;
	int status, err;

	(void)b;
	if ((err = init_start(&init, 0)))
		return err;
	if ((err = tracer_start(&init, &tracer))) {
		abandon();
		close(init.go);
		close(init.report);
		return err;
	}
	*reap_stamp = 0;
	err = init_finish(&init);
	t1 = now_ns();
	if (!err && !(err = reap(tracer, &status)))
		err = exit_error(status);
	if (!err && *reap_stamp == 0)
		err = ERR_STATUS;
	*ns = (double)(int64_t)(t1 - *reap_stamp);
	return err;
}
