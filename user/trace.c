/* trace.c - trace(1): run a program and print every system call it makes, with ptrace.
 *
 *   trace [-f] [-o FILE] [--] CMD [ARG...]
 *
 * Each call becomes one line, "[pid 7] openat(AT_FDCWD, "/", O_RDONLY|O_DIRECTORY) = 3", on
 * stderr or FILE; signals the program receives print as "--- SIGCHLD {...} ---" and its end as
 * "+++ exited with 0 +++". Every line starts with the pid of the task it is about, always,
 * so lines of different processes and threads can be told apart. Children, vfork children
 * and threads are followed always; -f is accepted (strace's habit) and changes nothing.
 * trace exits with the program's exit status, or 128 + the signal that killed it.
 *
 * How it works. The tracer is an ordinary parent that waits: ptrace turns interesting moments
 * in the tracee into stops that wait() reports (docs/trace.md draws the loop):
 *   1. start_tracee(): fork; the child waits on a pipe until PTRACE_SEIZE has attached it,
 *      then stops itself with SIGSTOP (our first stop, swallowed) and calls execvp();
 *   2. trace_loop(): waitpid(-1, __WALL) for any stop or death of any tracee, decode it
 *      (on_stop(), on_death()), and restart the tracee with PTRACE_SYSCALL, which asks for a
 *      stop at the next system call entry or exit.
 * A syscall stop reports SIGTRAP|0x80 (PTRACE_O_TRACESYSGOOD), so it cannot be mistaken for a
 * real SIGTRAP. Entry and exit stops look alike: each task remembers which one comes next
 * (in_syscall). The arguments are read at entry (PTRACE_GETREGS), the line is printed at
 * exit, when the result is known - so a call that blocks shows up when it returns.
 * Fork, vfork, clone, exec and exit are event stops (status >> 16 == PTRACE_EVENT_*): a new
 * child is attached by the kernel before it runs, and its first stop is PTRACE_EVENT_STOP.
 * A signal stop (status >> 16 == 0) is printed and the signal handed on in PTRACE_SYSCALL's
 * data argument; not handing it on would swallow it. Because the tracee was seized, a
 * group-stop (^Z) is reported as PTRACE_EVENT_STOP with the stop signal, and PTRACE_LISTEN
 * leaves the tracee stopped until SIGCONT, as it would be untraced.
 *
 * The system call names are the kernel's own table (kernel/syscall_names.c); what the
 * arguments mean is user/trace_decode.c. See also: docs/trace.md, user/dbg.c (a debugger on
 * the same ptrace requests), kernel/ptrace.c. Linux: strace(1), and ptrace(2) for each stop.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "trace_decode.h"

/* Every option we use; the kernel keeps them for children it attaches for us. */
#define TRACE_OPTIONS                                                                             \
	(PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | \
	 PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT)
#define SYSCALL_STOP (SIGTRAP | 0x80) /* WSTOPSIG of a syscall stop, with TRACESYSGOOD */

/* What the tracer knows about one traced thread. */
struct task {
	pid_t pid;	     /* its thread id, as wait() reports it */
	bool first_stop_due; /* attached, not stopped yet: its first stop is not a signal */
	bool in_syscall;     /* between a syscall-enter stop and its syscall-exit stop */
	bool printed;	     /* the current call's line is out already (exit, exit_group) */
	pid_t exec_from;     /* after an exec event: the thread that called execve, else 0 */
	struct call call;    /* the current (or last) system call */
	struct line text;    /* "name(args)" if formatted at entry (execve); len 0 if not */
	struct task *next;
};

static struct task *tasks; /* every task being traced */
static int out_fd = 2;	   /* where lines go: stderr or -o FILE */
static pid_t main_pid;	   /* the command we started: its status is ours */
static int exit_code = 1;  /* trace's exit status: the command's, once it is known */

static struct task *task_find(pid_t pid)
{
	for (struct task *t = tasks; t; t = t->next)
		if (t->pid == pid)
			return t;
	return NULL;
}

static struct task *task_new(pid_t pid)
{
	struct task *t = calloc(1, sizeof(*t));

	if (!t) {
		perror("trace: calloc");
		exit(1);
	}
	t->pid = pid;
	t->first_stop_due = true;
	t->next = tasks;
	tasks = t;
	return t;
}

static void task_free(struct task *gone)
{
	for (struct task **tp = &tasks; *tp; tp = &(*tp)->next) {
		if (*tp == gone) {
			*tp = gone->next;
			free(gone);
			return;
		}
	}
}

static void line_begin(struct line *l, pid_t pid)
{
	l->len = 0;
	line_add(l, "[pid %d] ", (int)pid);
}

/* emit() - write @l and a newline with one write(), so a line of ours is never split by
 * output of the tracee on the same terminal. */
static void emit(struct line *l)
{
	size_t done = 0;

	line_add(l, "\n");
	while (done < l->len) {
		ssize_t n = write(out_fd, l->buf + done, l->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		done += (size_t)n;
	}
}

/* read_regs() - the syscall number and arguments (at entry) or the result (at exit) of @t.
 * orig_rax keeps the number: rax is overwritten by the result. */
static bool read_regs(struct task *t, bool entry)
{
	struct user_regs_struct r;

	if (ptrace(PTRACE_GETREGS, t->pid, NULL, &r) < 0)
		return false;
	if (entry) {
		t->call.nr = (long)r.orig_rax;
		t->call.arg[0] = r.rdi;
		t->call.arg[1] = r.rsi;
		t->call.arg[2] = r.rdx;
		t->call.arg[3] = r.r10;
		t->call.arg[4] = r.r8;
		t->call.arg[5] = r.r9;
	} else {
		t->call.ret = (long)r.rax;
		t->call.has_ret = true;
	}
	return true;
}

/* print_call() - the line for @t's current call: "name(args) = result", or "= ?" if it has
 * no result (it never returns, or the task died in it). */
static void print_call(struct task *t)
{
	struct line l;

	line_begin(&l, t->pid);
	if (t->text.len)
		line_add(&l, "%s", t->text.buf);
	else
		decode_call(&l, &t->call);
	decode_result(&l, &t->call);
	emit(&l);
	t->printed = true;
}

static void syscall_enter(struct task *t)
{
	t->in_syscall = true;
	t->printed = false;
	t->exec_from = 0;
	t->text.len = 0;
	t->call.pid = t->pid;
	t->call.has_ret = false;
	if (!read_regs(t, true))
		return;
	if (decode_is_formatted_at_entry(t->call.nr))
		decode_call(&t->text, &t->call);
	/* exit and exit_group have no exit stop: their line is now or never. */
	if (decode_never_returns(t->call.nr))
		print_call(t);
}

static void syscall_exit(struct task *t)
{
	struct line l;

	t->in_syscall = false;
	if (t->printed || !read_regs(t, false))
		return;
	print_call(t);
	if (!t->exec_from)
		return;
	line_begin(&l, t->pid);
	line_add(&l, "--- exec: the old program is gone, a new one starts at its entry point");
	if (t->exec_from != t->pid)
		line_add(&l, " (thread %d called execve and took over the pid)", (int)t->exec_from);
	line_add(&l, " ---");
	emit(&l);
}

/* finish_unprinted() - a task leaving mid-call (killed, or another thread called exit_group)
 * still gets the line for that call, with "= ?". */
static void finish_unprinted(struct task *t)
{
	if (!t->in_syscall || t->printed)
		return;
	t->call.has_ret = false;
	print_call(t);
}

/* on_exec_event() - @t has just exec'd; @former is the thread that called execve. If that was
 * not the group leader, it now has the leader's pid (@t): its half-done execve moves over. */
static void on_exec_event(struct task *t, pid_t former)
{
	struct task *old = former != t->pid ? task_find(former) : NULL;

	if (old) {
		t->in_syscall = old->in_syscall;
		t->printed = old->printed;
		t->call = old->call;
		t->call.pid = t->pid;
		t->text = old->text;
		task_free(old);
	}
	t->exec_from = former;
}

/* on_event() - a PTRACE_EVENT_* stop; PTRACE_GETEVENTMSG says who it is about. */
static void on_event(struct task *t, int event)
{
	unsigned long msg = 0;

	ptrace(PTRACE_GETEVENTMSG, t->pid, NULL, &msg);
	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		/* The child may have stopped, and been met in trace_loop(), first. */
		if (!task_find((pid_t)msg))
			task_new((pid_t)msg);
		break;
	case PTRACE_EVENT_EXEC:
		on_exec_event(t, (pid_t)msg);
		break;
	case PTRACE_EVENT_EXIT:
		finish_unprinted(t); /* its memory is still there to read strings from */
		break;
	}
}

/* on_signal() - a signal-delivery-stop: show the signal and return it, to be delivered. */
static int on_signal(struct task *t, int sig)
{
	siginfo_t si;
	struct line l;

	line_begin(&l, t->pid);
	line_add(&l, "--- %s ", decode_signal_name(sig));
	if (ptrace(PTRACE_GETSIGINFO, t->pid, NULL, &si) == 0)
		decode_siginfo(&l, &si);
	line_add(&l, " ---");
	emit(&l);
	return sig;
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* on_group_stop() - @t's process was stopped by @sig. Returns true if @t stays stopped
 * (PTRACE_LISTEN: it waits for SIGCONT, and its next stop is another PTRACE_EVENT_STOP);
 * false if the kernel has no PTRACE_LISTEN and @t must be restarted, stop or not. */
static bool on_group_stop(struct task *t, int sig)
{
	struct line l;

	line_begin(&l, t->pid);
	line_add(&l, "--- stopped by %s ---", decode_signal_name(sig));
	emit(&l);
	return ptrace(PTRACE_LISTEN, t->pid, NULL, NULL) == 0;
}

/* resume() - restart @pid until its next syscall stop, delivering @sig (0: none). ESRCH
 * just means it was killed meanwhile; trace_loop() will hear of its death. */
static void resume(pid_t pid, int sig)
{
	ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)sig);
}

/* on_stop() - tell one stop of @t from the others by its wait status, and restart @t. */
static void on_stop(struct task *t, int status)
{
	int sig = WSTOPSIG(status);
	int event = (unsigned)status >> 16;
	bool first = t->first_stop_due;
	int deliver = 0;

	t->first_stop_due = false;
	if (sig == SYSCALL_STOP) {
		if (t->in_syscall)
			syscall_exit(t);
		else
			syscall_enter(t);
	} else if (event == PTRACE_EVENT_STOP) {
		/* A new child's first stop (SIGTRAP), or a group-stop (its stop signal). */
		if (is_stop_signal(sig) && on_group_stop(t, sig))
			return;
	} else if (event) {
		on_event(t, event);
	} else if (!(first && sig == SIGSTOP)) {
		/* Not our own start-up SIGSTOP (start_tracee()): the program's signal. */
		deliver = on_signal(t, sig);
	}
	resume(t->pid, deliver);
}

/* on_death() - @pid has exited or been killed: its last line, and maybe our exit status. */
static void on_death(pid_t pid, int status)
{
	struct task *t = task_find(pid);
	struct line l;

	if (!t) /* not ours: an orphan reparented to us, when trace runs as init */
		return;
	finish_unprinted(t);
	line_begin(&l, pid);
	if (WIFEXITED(status))
		line_add(&l, "+++ exited with %d +++", WEXITSTATUS(status));
	else
		line_add(&l, "+++ killed by %s%s +++", decode_signal_name(WTERMSIG(status)),
			 WCOREDUMP(status) ? " (core dumped)" : "");
	emit(&l);
	if (pid == main_pid)
		exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	task_free(t);
}

/* trace_loop() - wait for every tracee's stops and deaths until none is left. __WALL: a
 * thread (a clone child that does not signal its parent) is only reported with it. */
static void trace_loop(void)
{
	int status;
	pid_t pid;

	for (;;) {
		pid = waitpid(-1, &status, __WALL);
		if (pid < 0 && errno == EINTR)
			continue;
		if (pid < 0)
			return; /* ECHILD: nobody left */
		if (WIFEXITED(status) || WIFSIGNALED(status))
			on_death(pid, status);
		else if (WIFSTOPPED(status))
			on_stop(task_find(pid) ? task_find(pid) : task_new(pid), status);
	}
}

/* run_child() - the child's side of start_tracee(): wait to be seized, stop, exec. */
static void run_child(int go, char **argv)
{
	char c;

	if (read(go, &c, 1) != 1)
		_exit(127); /* the tracer failed to attach: do not run untraced */
	close(go);
	/* kill(), not raise(): musl's raise() masks signals around the call, and the tracer
	 * would show the unmasking as our program's first system call. */
	kill(getpid(), SIGSTOP);
	execvp(argv[0], argv);
	fprintf(stderr, "trace: %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

/* start_tracee() - fork @argv under PTRACE_SEIZE. Seizing, unlike PTRACE_TRACEME, reports
 * group-stops as PTRACE_EVENT_STOP; the pipe holds the child back until it is seized, and its
 * SIGSTOP gives us a first stop from which to PTRACE_SYSCALL it. Return: the pid, or -1. */
static pid_t start_tracee(char **argv)
{
	int go[2];
	pid_t pid;

	if (pipe(go) < 0) {
		perror("trace: pipe");
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		run_child(go[0], argv);
	}
	close(go[0]);
	if (pid < 0 || ptrace(PTRACE_SEIZE, pid, NULL, (void *)(long)TRACE_OPTIONS) < 0) {
		perror(pid < 0 ? "trace: fork" : "trace: PTRACE_SEIZE");
		close(go[1]); /* the child reads EOF and exits */
		return -1;
	}
	task_new(pid);
	if (write(go[1], "g", 1) != 1)
		perror("trace: write");
	close(go[1]);
	return pid;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: trace [-f] [-o FILE] [--] CMD [ARG...]\n"
		"  -o FILE  write the trace to FILE instead of stderr\n"
		"  -f       follow children and threads (always done; accepted for strace's sake)\n");
	exit(1);
}

int main(int argc, char **argv)
{
	int opt;

	while ((opt = getopt(argc, argv, "+fo:h")) != -1) {
		if (opt == 'o') {
			out_fd = open(optarg, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
			if (out_fd < 0) {
				fprintf(stderr, "trace: %s: %s\n", optarg, strerror(errno));
				return 1;
			}
		} else if (opt != 'f') {
			usage();
		}
	}
	if (optind >= argc)
		usage();
	main_pid = start_tracee(argv + optind);
	if (main_pid < 0)
		return 1;
	trace_loop();
	return exit_code;
}
