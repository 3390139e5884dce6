/* ptrace_test.c - ptrace(2) as a debugger and strace use it, and how tracing changes wait().
 *
 * The requests: TRACEME, ATTACH, SEIZE, INTERRUPT, LISTEN, DETACH, CONT, KILL, SYSCALL,
 * SINGLESTEP, PEEK/POKE TEXT, DATA and USER, GET/SETREGS, GET/SETFPREGS, GET/SETSIGINFO,
 * SETOPTIONS and GETEVENTMSG, each with the errno Linux gives when it is misused (ESRCH: not
 * our stopped tracee; EPERM: may not attach; EIO: bad request, address or signal; EINVAL: bad
 * option bits). The stops and their status words: signal-delivery, group stop, syscall enter
 * and exit (SIGTRAP | 0x80 with TRACESYSGOOD), events (SIGTRAP | PTRACE_EVENT_x << 8),
 * single steps and int3 breakpoints.
 * The exit ordering: a tracer that is not the parent sees its tracee's exit first and the
 * parent only after the tracer has reaped it (or exited); a parent ignoring SIGCHLD gets its
 * child auto-reaped then; a tracer's exit detaches its live tracees (or kills them, with
 * EXITKILL); a traced thread's exit is reported on its own tid before its group's leader.
 *
 * Linux is the oracle: every case passes on the Linux host (tests/run-on-linux.sh), and
 * asserts exact status words, errno values, register contents and counts.
 *
 * Every case starts with begin_case() and ends with end_case(), tap.h's case frame: an alarm
 * turns a hang into failed expectations (blocking calls return EINTR, every second after
 * CASE_TIMEOUT), and end_case() kills and reaps every process the case made (tap_track()),
 * even when an expectation failed.
 * Processes report to the case through pipes (send_long/recv_long), not by sleeping (the two
 * 50 ms sleeps only give a "not yet" check a chance to see a wrong answer).
 * The code a tracee runs under the tracer's eye (the probe_* routines) is written in assembly
 * so the tracer knows each instruction's address and the registers it sets.
 * See also: wait_test.c, signal_test.c, kernel/ptrace.c, Linux kernel/ptrace.c. */
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tap.h"

#define CASE_TIMEOUT	 10  /* seconds before a case's blocking calls start failing */
#define MAX_STEPS	 100 /* single steps before the loop is declared runaway */
#define STEP_LOOP_LEN	 11  /* instructions from probe_step_start to probe_step_end */
#define KERNEL_USER_SIZE 928 /* Linux's struct user: musl's lacks error_code, fault_address */
#define EXEC_EXIT_ARG	 "--exit-with" /* argv[1] of the re-executed suite: exit at once */

/* Routines the tracee runs; each stops itself with int3 (SIGTRAP, rip after the int3). */
__asm__(".text\n"
	/* void probe_step_loop(void): int3, then mov + 5 * (dec, jnz) = 11 instructions. */
	".globl probe_step_loop, probe_step_start, probe_step_end\n"
	"probe_step_loop:\n"
	"	int3\n"
	"probe_step_start:\n"
	"	mov $5, %ecx\n"
	"1:	dec %ecx\n"
	"	jnz 1b\n"
	"probe_step_end:\n"
	"	ret\n"
	/* long probe_regs(void): rax = 0x1234, int3, return rax (as the tracer left it). */
	".globl probe_regs, probe_regs_trap\n"
	"probe_regs:\n"
	"	mov $0x1234, %eax\n"
	"	int3\n"
	"probe_regs_trap:\n"
	"	ret\n"
	/* void probe_xmm(unsigned long out[2]): xmm0 = pattern, int3, out = xmm0. */
	".globl probe_xmm\n"
	"probe_xmm:\n"
	"	movabs $0x1122334455667788, %rax\n"
	"	movq %rax, %xmm0\n"
	"	int3\n"
	"	movdqu %xmm0, (%rdi)\n"
	"	ret\n");
void probe_step_loop(void);
long probe_regs(void);
void probe_xmm(unsigned long out[2]);
extern const char probe_step_start[], probe_step_end[], probe_regs_trap[];

static const char *self_path;		/* absolute: the exec cases re-run this suite */

/* Shared with the children a case forks (fork copies them); see open_pipes(): */
static int child_go[2] = { -1, -1 };  /* case -> tracee: one byte, "exit with this code" */
static int tracer_go[2] = { -1, -1 }; /* case -> tracer child: one byte, "go on" */
static int reports[2] = { -1, -1 };   /* children -> case: longs (send_long, recv_long) */
static pid_t tracee_nr;		      /* the process a tracer child is to trace */
static long exitkill_option;	      /* PTRACE_O_EXITKILL or 0, for tracer_attach() */
static volatile long poke_target = 0x1122334455667788; /* POKEDATA's victim */

/* --- Case frame: tap_case_begin/end (tap.h) and the case's pipes ----------------------- */

/* begin_case() - arm the case's timeout; a hung wait returns EINTR (tap_case_begin()). */
static void begin_case(void)
{
	tap_case_begin(CASE_TIMEOUT);
}

/* end_case() - kill what the case made, reap every child (we are a subreaper, so orphaned
 * grandchildren come to us), close the case's pipes, and fail the case if it timed out. */
static void end_case(void)
{
	tap_case_end();
	tap_close_pipe(child_go);
	tap_close_pipe(tracer_go);
	tap_close_pipe(reports);
}

/* open_pipes() - the case's three pipes (child_go, tracer_go, reports); end_case() closes
 * them. */
static void open_pipes(void)
{
	if (pipe(child_go) != 0 || pipe(tracer_go) != 0 || pipe(reports) != 0)
		tap_fail(__FILE__, __LINE__, "pipe: %s", tap_errno_name(errno));
}

/* send_long() - in a child: report @v to the case. */
static void send_long(long v)
{
	tap_write_long(reports[1], v);
}

/* recv_long() - the next value a child reported; LONG_MIN if the case timed out first. */
static long recv_long(void)
{
	return tap_read_long(reports[0]);
}

/* --- Small tools ----------------------------------------------------------------------- */

/* The status words waitpid() gives, built the way the kernel builds them (and tap.h's). */
static int event_status(int event)
{
	return tap_stop_status(SIGTRAP | event << 8);
}

static int killed_status(int sig)
{
	return sig;
}

/* wait_status() - wait for @pid (child or tracee, any kind: __WALL). Return: its status
 * word, or -1 if waitpid failed (a timeout shows as EINTR in the note). */
static int wait_status(pid_t pid)
{
	return tap_wait_status(pid, __WALL);
}

/* wait_zombie() - wait until @pid has exited, without reaping it. Return: its exit code. */
static int wait_zombie(pid_t pid)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, pid, &si, WEXITED | WNOWAIT | __WALL) != 0)
		return -1;
	return si.si_status;
}

static void traced_prologue(void)
{
	if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0)
		_exit(122);
	raise(SIGSTOP);
}

static void (*traced_body)(void); /* what fork_traced_child()'s child runs */

static void run_traced_body(void)
{
	traced_prologue();
	traced_body();
}

/* fork_traced_child() - a child that asks to be traced (TRACEME) and stops itself with
 * SIGSTOP; once continued it runs @body, then exits 0. Return: its pid, in that stop. */
static pid_t fork_traced_child(void (*body)(void))
{
	pid_t child;

	traced_body = body;
	child = tap_fork_child(run_traced_body);
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGSTOP));
	return child;
}

/* Bodies for children that do nothing special. */
static void body_exit_5(void)
{
	_exit(5);
}

/* body_wait_then_exit() - exit with the byte the case writes into child_go. */
static void body_wait_then_exit(void)
{
	_exit(tap_wait_go(child_go));
}

/* bp_target() - the function the breakpoint cases patch. noipa: it must not be inlined or
 * cloned, so that the call goes to exactly its address. */
__attribute__((noipa)) static int bp_target(int x)
{
	return x + 40;
}

static long text_word(const void *addr)
{
	long word;

	memcpy(&word, addr, sizeof(word));
	return word;
}

/* --- TRACEME, ATTACH, SEIZE ------------------------------------------------------------ */

static void traceme_stops_on_signal(void)
{
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_5);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(5));
	end_case();
}

static void body_traceme_twice(void)
{
	ptrace(PTRACE_TRACEME, 0, 0, 0);
	_exit(ptrace(PTRACE_TRACEME, 0, 0, 0) == -1 ? errno : 0);
}

static void traceme_twice_eperm(void)
{
	pid_t child;

	begin_case();
	child = tap_fork_child(body_traceme_twice);
	EXPECT_EQ(wait_status(child), tap_exit_status(EPERM));
	end_case();
}

static void body_exec_self(void)
{
	char *argv[] = { (char *)self_path, EXEC_EXIT_ARG, "6", NULL };

	execv(self_path, argv);
	_exit(123);
}

static void traceme_exec_sigtrap(void)
{
	pid_t child;

	SKIP_IF(!self_path || self_path[0] != '/', "argv[0] is not an absolute path");
	begin_case();
	child = fork_traced_child(body_exec_self);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGTRAP)); /* the legacy post-exec trap */
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(6));
	end_case();
}

static void attach_stops_with_sigstop(void)
{
	siginfo_t si;
	pid_t child;

	begin_case();
	open_pipes();
	child = tap_fork_child(body_wait_then_exit);
	EXPECT_OK(ptrace(PTRACE_ATTACH, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGSTOP));
	memset(&si, 0, sizeof(si));
	EXPECT_OK(ptrace(PTRACE_GETSIGINFO, child, 0, &si));
	EXPECT_EQ(si.si_signo, SIGSTOP);
	EXPECT_EQ(si.si_code, SI_KERNEL); /* sent by the kernel, not by us: no si_pid */
	EXPECT_EQ(si.si_pid, 0);
	EXPECT_OK(ptrace(PTRACE_DETACH, child, 0, 0));
	tap_go(child_go, 9); /* its read() was restarted after the stop */
	EXPECT_EQ(wait_status(child), tap_exit_status(9));
	end_case();
}

static void *thread_sleeps(void *arg)
{
	*(volatile pid_t *)arg = (pid_t)syscall(SYS_gettid);
	tap_sleep_ms(300);
	return NULL;
}

static void attach_self_eperm(void)
{
	volatile pid_t tid = 0;
	pthread_t th;

	begin_case();
	EXPECT_ERRNO(ptrace(PTRACE_ATTACH, getpid(), 0, 0), EPERM);
	EXPECT_ERRNO(ptrace(PTRACE_SEIZE, getpid(), 0, 0), EPERM);
	EXPECT_EQ(pthread_create(&th, NULL, thread_sleeps, (void *)&tid), 0);
	while (tid == 0 && !tap_case_timed_out())
		tap_sleep_ms(1);
	EXPECT_ERRNO(ptrace(PTRACE_ATTACH, tid, 0, 0), EPERM); /* our own thread */
	pthread_join(th, NULL);
	end_case();
}

static void attach_traced_eperm(void)
{
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_5);
	EXPECT_ERRNO(ptrace(PTRACE_ATTACH, child, 0, 0), EPERM);
	EXPECT_ERRNO(ptrace(PTRACE_SEIZE, child, 0, 0), EPERM);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(5));
	end_case();
}

static void attach_zombie_eperm(void)
{
	pid_t child;

	begin_case();
	child = tap_fork_child(body_exit_5);
	EXPECT_EQ(wait_zombie(child), 5);
	EXPECT_ERRNO(ptrace(PTRACE_ATTACH, child, 0, 0), EPERM);
	EXPECT_ERRNO(ptrace(PTRACE_SEIZE, child, 0, 0), EPERM);
	EXPECT_EQ(wait_status(child), tap_exit_status(5));
	end_case();
}

static void attach_missing_esrch(void)
{
	pid_t child;

	begin_case();
	child = tap_fork_child(body_exit_5);
	EXPECT_EQ(wait_status(child), tap_exit_status(5)); /* its number is free now */
	EXPECT_ERRNO(ptrace(PTRACE_ATTACH, child, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_SEIZE, child, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_ATTACH, INT_MAX, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_PEEKDATA, child, 0, 0), ESRCH);
	end_case();
}

static void seize_does_not_stop(void)
{
	pid_t child;

	begin_case();
	open_pipes();
	child = tap_fork_child(body_wait_then_exit);
	EXPECT_OK(ptrace(PTRACE_SEIZE, child, 0, 0));
	EXPECT_EQ(waitpid(child, NULL, WNOHANG | __WALL), 0);
	tap_go(child_go, 8);
	EXPECT_EQ(wait_status(child), tap_exit_status(8));
	end_case();
}

static void seize_bad_arguments_eio(void)
{
	pid_t child;

	begin_case();
	open_pipes();
	child = tap_fork_child(body_wait_then_exit);
	EXPECT_ERRNO(ptrace(PTRACE_SEIZE, child, 1, 0), EIO);		 /* addr must be 0 */
	EXPECT_ERRNO(ptrace(PTRACE_SEIZE, child, 0, 0x80000000UL), EIO); /* unknown option */
	EXPECT_ERRNO(ptrace(PTRACE_PEEKDATA, child, 0, 0), ESRCH);	 /* so not traced */
	tap_go(child_go, 0);
	EXPECT_EQ(wait_status(child), tap_exit_status(0));
	end_case();
}

/* --- INTERRUPT, LISTEN, group stop ----------------------------------------------------- */

static void interrupt_stops_seized(void)
{
	pid_t child;

	begin_case();
	open_pipes();
	child = tap_fork_child(body_wait_then_exit);
	EXPECT_OK(ptrace(PTRACE_SEIZE, child, 0, 0));
	EXPECT_OK(ptrace(PTRACE_INTERRUPT, child, 0, 0));
	EXPECT_EQ(wait_status(child), event_status(PTRACE_EVENT_STOP));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	tap_go(child_go, 42); /* the interrupted read() restarts and gets the byte */
	EXPECT_EQ(wait_status(child), tap_exit_status(42));
	end_case();
}

static void interrupt_listen_need_seize(void)
{
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_5);
	EXPECT_ERRNO(ptrace(PTRACE_INTERRUPT, child, 0, 0), EIO);
	EXPECT_ERRNO(ptrace(PTRACE_LISTEN, child, 0, 0), EIO);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(5));
	end_case();
}

/* A TRACEME (not seized) tracee: SIGSTOP is first a signal-delivery stop (it has siginfo);
 * continued with SIGSTOP it enters the group stop, reported with the same status word but
 * without siginfo (GETSIGINFO fails with EINVAL: how a tracer tells the two apart). */
static void group_stop_attached(void)
{
	siginfo_t si;
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_5);
	EXPECT_OK(ptrace(PTRACE_GETSIGINFO, child, 0, &si));
	EXPECT_EQ(si.si_signo, SIGSTOP);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, SIGSTOP));
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGSTOP));
	EXPECT_ERRNO(ptrace(PTRACE_GETSIGINFO, child, 0, &si), EINVAL);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0)); /* ptrace may end a group stop */
	EXPECT_EQ(wait_status(child), tap_exit_status(5));
	end_case();
}

/* A seized tracee's group stop is an event stop (PTRACE_EVENT_STOP with SIGSTOP); LISTEN
 * leaves it stopped but lets the tracer hear of SIGCONT, which ends the group stop with a
 * PTRACE_EVENT_STOP trap; then SIGCONT itself is delivered (a signal-delivery stop). */
static void listen_in_group_stop(void)
{
	pid_t child;

	begin_case();
	open_pipes();
	child = tap_fork_child(body_wait_then_exit);
	EXPECT_OK(ptrace(PTRACE_SEIZE, child, 0, 0));
	EXPECT_OK(tap_kill(child, SIGSTOP));
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGSTOP));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, SIGSTOP));
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGSTOP | PTRACE_EVENT_STOP << 8));
	EXPECT_OK(ptrace(PTRACE_LISTEN, child, 0, 0));
	EXPECT_EQ(waitpid(child, NULL, WNOHANG | __WALL), 0);
	EXPECT_ERRNO(ptrace(PTRACE_PEEKDATA, child, 0, 0), ESRCH); /* listening: running */
	EXPECT_OK(tap_kill(child, SIGCONT));
	EXPECT_EQ(wait_status(child), event_status(PTRACE_EVENT_STOP));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGCONT));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	tap_go(child_go, 3);
	EXPECT_EQ(wait_status(child), tap_exit_status(3));
	end_case();
}

/* --- DETACH, CONT, KILL ---------------------------------------------------------------- */

static void detach_with_signal(void)
{
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_5);
	EXPECT_OK(ptrace(PTRACE_DETACH, child, 0, SIGTERM));
	EXPECT_EQ(wait_status(child), killed_status(SIGTERM));
	end_case();
}

static void detach_zombie_esrch(void)
{
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_5);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_zombie(child), 5);
	EXPECT_ERRNO(ptrace(PTRACE_DETACH, child, 0, 0), ESRCH);
	EXPECT_EQ(wait_status(child), tap_exit_status(5));
	end_case();
}

static void body_raise_sigusr1(void)
{
	raise(SIGUSR1);
	_exit(7);
}

static void cont_suppresses_signal(void)
{
	pid_t child;

	begin_case();
	child = fork_traced_child(body_raise_sigusr1);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGUSR1));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0)); /* SIGUSR1 would have killed it */
	EXPECT_EQ(wait_status(child), tap_exit_status(7));
	end_case();
}

static void cont_delivers_signal(void)
{
	pid_t child;

	begin_case();
	child = fork_traced_child(body_raise_sigusr1);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGUSR1));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, SIGUSR1));
	EXPECT_EQ(wait_status(child), killed_status(SIGUSR1));
	end_case();
}

static void cont_replaces_signal(void)
{
	pid_t child;

	begin_case();
	child = fork_traced_child(body_raise_sigusr1);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGUSR1));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, SIGTERM));
	EXPECT_EQ(wait_status(child), killed_status(SIGTERM));
	end_case();
}

static void bad_signal_eio(void)
{
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_5);
	EXPECT_ERRNO(ptrace(PTRACE_CONT, child, 0, 1000), EIO);
	EXPECT_ERRNO(ptrace(PTRACE_SYSCALL, child, 0, 65), EIO);
	EXPECT_ERRNO(ptrace(PTRACE_DETACH, child, 0, 1000), EIO);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0)); /* still stopped and traced */
	EXPECT_EQ(wait_status(child), tap_exit_status(5));
	end_case();
}

static void kill_request_stopped(void)
{
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_5);
	EXPECT_OK(ptrace(PTRACE_KILL, child, 0, 0));
	EXPECT_EQ(wait_status(child), killed_status(SIGKILL));
	end_case();
}

/* PTRACE_KILL is the one request (with INTERRUPT) that does not need a stopped tracee. */
static void kill_request_running(void)
{
	pid_t child;

	begin_case();
	open_pipes();
	child = tap_fork_child(body_wait_then_exit);
	EXPECT_ERRNO(ptrace(PTRACE_KILL, child, 0, 0), ESRCH); /* not traced yet */
	EXPECT_OK(ptrace(PTRACE_SEIZE, child, 0, 0));
	EXPECT_OK(ptrace(PTRACE_KILL, child, 0, 0));
	EXPECT_EQ(wait_status(child), killed_status(SIGKILL));
	end_case();
}

/* --- Requests on the wrong process ----------------------------------------------------- */

static void not_traced_esrch(void)
{
	struct user_regs_struct regs;
	pid_t child;

	begin_case();
	open_pipes();
	child = tap_fork_child(body_wait_then_exit);
	EXPECT_ERRNO(ptrace(PTRACE_PEEKDATA, child, &poke_target, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_GETREGS, child, 0, &regs), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_CONT, child, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_DETACH, child, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_SETOPTIONS, child, 0, 0), ESRCH);
	tap_go(child_go, 0);
	EXPECT_EQ(wait_status(child), tap_exit_status(0));
	end_case();
}

static void running_tracee_esrch(void)
{
	struct user_regs_struct regs;
	pid_t child;

	begin_case();
	open_pipes();
	child = tap_fork_child(body_wait_then_exit);
	EXPECT_OK(ptrace(PTRACE_SEIZE, child, 0, 0));
	EXPECT_ERRNO(ptrace(PTRACE_PEEKDATA, child, &poke_target, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_GETREGS, child, 0, &regs), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_CONT, child, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_SETOPTIONS, child, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(PTRACE_DETACH, child, 0, 0), ESRCH);
	EXPECT_ERRNO(ptrace(12345, child, 0, 0), ESRCH);
	tap_go(child_go, 1);
	EXPECT_EQ(wait_status(child), tap_exit_status(1));
	end_case();
}

static void bad_request_eio(void)
{
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_5);
	EXPECT_ERRNO(ptrace(12345, child, 0, 0), EIO);
	EXPECT_ERRNO(ptrace(PTRACE_SETOPTIONS, child, 0, 0x80000000UL), EINVAL);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(5));
	end_case();
}

/* --- PEEK and POKE --------------------------------------------------------------------- */

static void body_exit_poke_target(void)
{
	_exit((int)(poke_target & 0xff));
}

static void peek_poke_data(void)
{
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_poke_target);
	EXPECT_EQ(ptrace(PTRACE_PEEKDATA, child, &poke_target, 0), 0x1122334455667788);
	EXPECT_OK(ptrace(PTRACE_POKEDATA, child, &poke_target, 0x0a0b0c0d0e0f1042));
	EXPECT_EQ(ptrace(PTRACE_PEEKDATA, child, &poke_target, 0), 0x0a0b0c0d0e0f1042);
	EXPECT_EQ(poke_target, 0x1122334455667788); /* our copy is our own */
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(0x42));
	end_case();
}

/* POKETEXT writes through the read-only mapping of the tracee's code; the page is copied
 * first, so neither we (whose page it shared since fork) nor a later child see the change. */
static void poketext_copy_on_write(void)
{
	long orig = text_word((const void *)bp_target), patched = ~orig;
	pid_t first, second;

	begin_case();
	first = fork_traced_child(body_exit_5);
	EXPECT_EQ(ptrace(PTRACE_PEEKTEXT, first, bp_target, 0), orig);
	EXPECT_OK(ptrace(PTRACE_POKETEXT, first, bp_target, patched));
	EXPECT_EQ(ptrace(PTRACE_PEEKTEXT, first, bp_target, 0), patched);
	EXPECT_EQ(text_word((const void *)bp_target), orig);
	second = fork_traced_child(body_exit_5);
	EXPECT_EQ(ptrace(PTRACE_PEEKTEXT, second, bp_target, 0), orig);
	EXPECT_OK(ptrace(PTRACE_CONT, first, 0, 0)); /* it never calls bp_target */
	EXPECT_OK(ptrace(PTRACE_CONT, second, 0, 0));
	EXPECT_EQ(wait_status(first), tap_exit_status(5));
	EXPECT_EQ(wait_status(second), tap_exit_status(5));
	end_case();
}

static void peek_bad_address_eio(void)
{
	pid_t child;
	void *gone;

	begin_case();
	gone = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	munmap(gone, 4096); /* unmapped in the child too: it is forked after this */
	child = fork_traced_child(body_exit_5);
	EXPECT_ERRNO(ptrace(PTRACE_PEEKDATA, child, 0, 0), EIO);
	EXPECT_ERRNO(ptrace(PTRACE_PEEKDATA, child, gone, 0), EIO);
	EXPECT_ERRNO(ptrace(PTRACE_PEEKTEXT, child, 0xffffffff80000000UL, 0), EIO);
	EXPECT_ERRNO(ptrace(PTRACE_PEEKDATA, child, 0x8000000000000000UL, 0), EIO);
	EXPECT_ERRNO(ptrace(PTRACE_POKEDATA, child, 0, 1), EIO);
	EXPECT_ERRNO(ptrace(PTRACE_POKETEXT, child, gone, 1), EIO);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(5));
	end_case();
}

/* --- Registers ------------------------------------------------------------------------- */

static void body_exit_probe_regs(void)
{
	_exit((int)probe_regs());
}

static void peekuser_pokeuser(void)
{
	long rip = offsetof(struct user, regs.rip), rax = offsetof(struct user, regs.rax);
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_probe_regs);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGTRAP));
	EXPECT_EQ(ptrace(PTRACE_PEEKUSER, child, rip, 0), (long)probe_regs_trap);
	EXPECT_EQ(ptrace(PTRACE_PEEKUSER, child, rax, 0), 0x1234);
	EXPECT_OK(ptrace(PTRACE_POKEUSER, child, rax, 88));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(88));
	end_case();
}

static void peekuser_pokeuser_errors(void)
{
	long cs = offsetof(struct user, regs.cs);
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_5);
	EXPECT_ERRNO(ptrace(PTRACE_PEEKUSER, child, 3, 0), EIO); /* unaligned */
	EXPECT_ERRNO(ptrace(PTRACE_PEEKUSER, child, KERNEL_USER_SIZE, 0), EIO);
	EXPECT_ERRNO(ptrace(PTRACE_POKEUSER, child, KERNEL_USER_SIZE, 0), EIO);
	EXPECT_ERRNO(ptrace(PTRACE_POKEUSER, child, cs, 0x8), EIO); /* a kernel selector */
	EXPECT_EQ(ptrace(PTRACE_PEEKUSER, child, cs, 0) & 3, 3);    /* still user mode */
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(5));
	end_case();
}

static void getregs_setregs(void)
{
	struct user_regs_struct regs;
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_probe_regs);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGTRAP));
	memset(&regs, 0, sizeof(regs));
	EXPECT_OK(ptrace(PTRACE_GETREGS, child, 0, &regs));
	EXPECT_EQ(regs.rip, (unsigned long)probe_regs_trap);
	EXPECT_EQ(regs.rax, 0x1234);
	EXPECT_EQ(regs.orig_rax, -1UL); /* a trap, not a system call */
	EXPECT_EQ(regs.cs & 3, 3);
	EXPECT_EQ(regs.ss & 3, 3);
	EXPECT_EQ(ptrace(PTRACE_PEEKUSER, child, offsetof(struct user, regs.rsp), 0),
		  (long)regs.rsp);
	regs.rax = 77;
	EXPECT_OK(ptrace(PTRACE_SETREGS, child, 0, &regs));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(77));
	end_case();
}

static void getregs_bad_pointer_efault(void)
{
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_5);
	EXPECT_ERRNO(ptrace(PTRACE_GETREGS, child, 0, NULL), EFAULT);
	EXPECT_ERRNO(ptrace(PTRACE_SETREGS, child, 0, NULL), EFAULT);
	EXPECT_ERRNO(ptrace(PTRACE_GETFPREGS, child, 0, NULL), EFAULT);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(5));
	end_case();
}

static void body_report_xmm0(void)
{
	unsigned long out[2];

	probe_xmm(out);
	send_long((long)out[0]);
	send_long((long)out[1]);
}

static void fpregs_xmm0(void)
{
	struct user_fpregs_struct fp;
	pid_t child;

	begin_case();
	open_pipes();
	child = fork_traced_child(body_report_xmm0);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGTRAP));
	memset(&fp, 0, sizeof(fp));
	EXPECT_OK(ptrace(PTRACE_GETFPREGS, child, 0, &fp));
	EXPECT_EQ(fp.mxcsr, 0x1f80); /* the ABI's initial value */
	EXPECT_EQ(fp.xmm_space[0], 0x55667788);
	EXPECT_EQ(fp.xmm_space[1], 0x11223344);
	EXPECT_EQ(fp.xmm_space[2], 0);
	fp.xmm_space[0] = 0xdeadbeef;
	fp.xmm_space[1] = 0x01020304;
	fp.xmm_space[2] = 7;
	EXPECT_OK(ptrace(PTRACE_SETFPREGS, child, 0, &fp));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(recv_long(), 0x01020304deadbeef);
	EXPECT_EQ(recv_long(), 7);
	EXPECT_EQ(wait_status(child), tap_exit_status(0));
	end_case();
}

/* --- Siginfo --------------------------------------------------------------------------- */

static void on_sigusr1_report(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	send_long(si->si_code);
	send_long(si->si_pid);
	send_long(si->si_value.sival_int);
}

static void body_raise_sigusr1_handled(void)
{
	struct sigaction sa = { .sa_sigaction = on_sigusr1_report, .sa_flags = SA_SIGINFO };

	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
}

static void getsiginfo_setsiginfo(void)
{
	siginfo_t si;
	pid_t child;

	begin_case();
	open_pipes();
	child = fork_traced_child(body_raise_sigusr1_handled);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGUSR1));
	memset(&si, 0, sizeof(si));
	EXPECT_OK(ptrace(PTRACE_GETSIGINFO, child, 0, &si));
	EXPECT_EQ(si.si_signo, SIGUSR1);
	EXPECT_EQ(si.si_code, SI_TKILL); /* musl's raise() is tkill */
	EXPECT_EQ(si.si_pid, child);
	si.si_code = SI_QUEUE;
	si.si_pid = 4321;
	si.si_value.sival_int = 4242;
	EXPECT_OK(ptrace(PTRACE_SETSIGINFO, child, 0, &si));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, SIGUSR1)); /* delivered with our siginfo */
	EXPECT_EQ(recv_long(), SI_QUEUE);
	EXPECT_EQ(recv_long(), 4321);
	EXPECT_EQ(recv_long(), 4242);
	EXPECT_EQ(wait_status(child), tap_exit_status(0));
	end_case();
}

/* --- Breakpoints and single steps ------------------------------------------------------ */

static void body_call_bp_target(void)
{
	_exit(bp_target(2));
}

/* A debugger's breakpoint: patch int3 (0xcc) over the first byte of bp_target, let the
 * child hit it (rip is then one past it), put the byte back, rewind rip, and go on. */
static void int3_breakpoint(void)
{
	long addr = (long)bp_target, orig = text_word((const void *)bp_target);
	struct user_regs_struct regs;
	siginfo_t si;
	pid_t child;

	begin_case();
	child = fork_traced_child(body_call_bp_target);
	EXPECT_OK(ptrace(PTRACE_POKETEXT, child, addr, (orig & ~0xffL) | 0xcc));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGTRAP));
	memset(&si, 0, sizeof(si));
	EXPECT_OK(ptrace(PTRACE_GETSIGINFO, child, 0, &si));
	EXPECT_EQ(si.si_signo, SIGTRAP);
	EXPECT_EQ(si.si_code, SI_KERNEL);
	EXPECT_OK(ptrace(PTRACE_GETREGS, child, 0, &regs));
	EXPECT_EQ(regs.rip, addr + 1);
	EXPECT_OK(ptrace(PTRACE_POKETEXT, child, addr, orig));
	regs.rip = addr;
	EXPECT_OK(ptrace(PTRACE_SETREGS, child, 0, &regs));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(42));
	EXPECT_EQ(text_word((const void *)bp_target), orig);
	end_case();
}

static void body_step_loop(void)
{
	probe_step_loop();
	_exit(0);
}

/* step_until() - single-step @pid until rip is @end. Return: the steps, or -1 on a stop
 * that is not a step's SIGTRAP. */
static int step_until(pid_t pid, unsigned long end)
{
	struct user_regs_struct regs;
	int steps = 0;

	do {
		if (ptrace(PTRACE_SINGLESTEP, pid, 0, 0) != 0 ||
		    !EXPECT_EQ(wait_status(pid), tap_stop_status(SIGTRAP)) ||
		    ptrace(PTRACE_GETREGS, pid, 0, &regs) != 0)
			return -1;
		steps++;
	} while (regs.rip != end && steps < MAX_STEPS);
	return steps;
}

static void singlestep_counts_loop(void)
{
	pid_t child;

	begin_case();
	child = fork_traced_child(body_step_loop);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGTRAP)); /* the int3 */
	EXPECT_EQ(ptrace(PTRACE_PEEKUSER, child, offsetof(struct user, regs.rip), 0),
		  (long)probe_step_start);
	EXPECT_EQ(step_until(child, (unsigned long)probe_step_end), STEP_LOOP_LEN);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(0));
	end_case();
}

/* --- System call stops ----------------------------------------------------------------- */

static void body_three_getppid(void)
{
	for (int i = 0; i < 3; i++)
		syscall(SYS_getppid);
}

/* syscall_stop() - resume @pid to its next system call stop. Return: orig_rax there (the
 * system call number), or -2 if the next stop was something else. */
static long syscall_stop(pid_t pid, int want_status, struct user_regs_struct *regs)
{
	int status;

	if (ptrace(PTRACE_SYSCALL, pid, 0, 0) != 0)
		return -2;
	status = wait_status(pid);
	if (status != want_status || ptrace(PTRACE_GETREGS, pid, 0, regs) != 0)
		return -2;
	return (long)regs->orig_rax;
}

/* With TRACESYSGOOD each system call gives an enter stop (rax is -ENOSYS there) and an exit
 * stop (rax is the result), both with status SIGTRAP | 0x80 and that si_code. */
static void syscall_stops_sysgood(void)
{
	struct user_regs_struct regs;
	int enters = 0, exits = 0, sysgood = tap_stop_status(SIGTRAP | 0x80);
	siginfo_t si;
	pid_t child;

	begin_case();
	child = fork_traced_child(body_three_getppid);
	EXPECT_OK(ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD));
	for (;;) {
		long nr = syscall_stop(child, sysgood, &regs); /* enter */

		if (nr == -2 || nr == SYS_exit_group)
			break;
		if (nr == SYS_getppid && EXPECT_EQ(regs.rax, -ENOSYS))
			enters++;
		if (!EXPECT_EQ(syscall_stop(child, sysgood, &regs), nr)) /* exit, same orig_rax */
			break;
		if (nr == SYS_getppid && EXPECT_EQ(regs.rax, getpid()))
			exits++;
	}
	EXPECT_OK(ptrace(PTRACE_GETSIGINFO, child, 0, &si));
	EXPECT_EQ(si.si_code, SIGTRAP | 0x80);
	EXPECT_EQ(enters, 3);
	EXPECT_EQ(exits, 3);
	EXPECT_OK(ptrace(PTRACE_SYSCALL, child, 0, 0)); /* exit_group: no exit stop */
	EXPECT_EQ(wait_status(child), tap_exit_status(0));
	end_case();
}

static void syscall_stop_plain_sigtrap(void)
{
	struct user_regs_struct regs;
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_5);
	EXPECT_NE(syscall_stop(child, tap_stop_status(SIGTRAP), &regs), -2);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(5));
	end_case();
}

/* syscall_enter() - PTRACE_SYSCALL @pid until it enters system call @nr. Return: true there. */
static bool syscall_enter(pid_t pid, long nr, struct user_regs_struct *regs)
{
	int sysgood = tap_stop_status(SIGTRAP | 0x80);

	for (int i = 0; i < 20; i++) {
		long seen = syscall_stop(pid, sysgood, regs);

		if (seen == nr)
			return true;
		if (seen == -2 || syscall_stop(pid, sysgood, regs) == -2)
			return false;
	}
	return false;
}

static void body_report_getppid(void)
{
	send_long(syscall(SYS_getppid));
}

/* Changing orig_rax at the enter stop changes which system call runs: getppid → getpid. */
static void syscall_change_nr(void)
{
	struct user_regs_struct regs;
	pid_t child;

	begin_case();
	open_pipes();
	child = fork_traced_child(body_report_getppid);
	EXPECT_OK(ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD));
	if (EXPECT_TRUE(syscall_enter(child, SYS_getppid, &regs))) {
		regs.orig_rax = SYS_getpid;
		EXPECT_OK(ptrace(PTRACE_SETREGS, child, 0, &regs));
	}
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(recv_long(), child);
	EXPECT_EQ(wait_status(child), tap_exit_status(0));
	end_case();
}

/* body_report_rcx_after_syscall() - a raw getppid, then send what rcx holds after it. The
 * `syscall` instruction overwrites rcx (with the return address); a tracer that sets rcx at
 * the exit stop must see its value here. */
static void body_report_rcx_after_syscall(void)
{
	long nr = SYS_getppid, rcx;

	__asm__ volatile("syscall" : "+a"(nr), "=c"(rcx) : : "r11", "memory");
	send_long(rcx);
}

/* Registers a tracer sets at the syscall-exit stop are what the tracee resumes with, all of
 * them: rcx and r11 too, though `syscall` itself clobbers them (reaper's fast sysret exit
 * is taken only when rcx = rip and r11 = rflags; otherwise iretq restores every register). */
static void syscall_exit_setregs_rcx_kept(void)
{
	int sysgood = tap_stop_status(SIGTRAP | 0x80);
	struct user_regs_struct regs;
	pid_t child;

	begin_case();
	open_pipes();
	child = fork_traced_child(body_report_rcx_after_syscall);
	EXPECT_OK(ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD));
	if (EXPECT_TRUE(syscall_enter(child, SYS_getppid, &regs))) {
		EXPECT_EQ(syscall_stop(child, sysgood, &regs), SYS_getppid);	/* exit stop */
		regs.rcx = 0x1234;
		EXPECT_OK(ptrace(PTRACE_SETREGS, child, 0, &regs));
	}
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(recv_long(), 0x1234);
	EXPECT_EQ(wait_status(child), tap_exit_status(0));
	end_case();
}

/* A tracer moves the tracee's rip, at a syscall-exit stop, to the first non-canonical address
 * and to the start of the last user page, with rcx = rip and r11 = rflags as the `syscall`
 * instruction would leave them. The return to user mode must not fault in the kernel (sysret
 * to a non-canonical rcx faults in ring 0 on Intel CPUs: a classic hole); the tracee gets
 * SIGSEGV, as on Linux. */
static void syscall_exit_bad_rip_sigsegv(void)
{
	static const unsigned long rips[] = { 0x0000800000000000UL, 0x00007ffffffff000UL };
	int sysgood = tap_stop_status(SIGTRAP | 0x80);
	struct user_regs_struct regs;
	pid_t child;

	begin_case();
	for (size_t i = 0; i < sizeof(rips) / sizeof(rips[0]); i++) {
		child = fork_traced_child(body_report_getppid);
		EXPECT_OK(ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD));
		if (EXPECT_TRUE(syscall_enter(child, SYS_getppid, &regs)) &&
		    EXPECT_EQ(syscall_stop(child, sysgood, &regs), SYS_getppid)) {
			regs.rip = regs.rcx = rips[i];
			regs.r11 = regs.eflags;
			EXPECT_OK(ptrace(PTRACE_SETREGS, child, 0, &regs));
		}
		EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
		EXPECT_EQ(wait_status(child), tap_stop_status(SIGSEGV));
		EXPECT_OK(ptrace(PTRACE_CONT, child, 0, SIGSEGV));
		EXPECT_EQ(wait_status(child), killed_status(SIGSEGV));
		tap_note("rip %#lx: SIGSEGV", rips[i]);
	}
	end_case();
}

static void body_exit_group_5(void)
{
	_exit((int)syscall(SYS_exit_group, 5));
}

/* orig_rax = -1 at the enter stop skips the system call (rax stays -ENOSYS); at the exit
 * stop the tracer chooses the result: exit_group(5) "returns" 99, and the child exits 99. */
static void syscall_skip(void)
{
	int sysgood = tap_stop_status(SIGTRAP | 0x80);
	struct user_regs_struct regs;
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_group_5);
	EXPECT_OK(ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACESYSGOOD));
	if (EXPECT_TRUE(syscall_enter(child, SYS_exit_group, &regs))) {
		regs.orig_rax = -1UL;
		EXPECT_OK(ptrace(PTRACE_SETREGS, child, 0, &regs));
		EXPECT_EQ(syscall_stop(child, sysgood, &regs), -1); /* the exit stop */
		EXPECT_EQ(regs.rax, -ENOSYS);
		regs.rax = 99;
		EXPECT_OK(ptrace(PTRACE_SETREGS, child, 0, &regs));
	}
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(99));
	end_case();
}

/* --- Events ---------------------------------------------------------------------------- */

static void body_fork_and_reap(void)
{
	int status = 0;
	pid_t grandchild = fork();

	if (grandchild == 0)
		_exit(4);
	waitpid(grandchild, &status, 0);
	_exit(20 + WEXITSTATUS(status));
}

static void body_vfork_and_reap(void)
{
	int status = 0;
	pid_t grandchild = vfork();

	if (grandchild == 0)
		_exit(3);
	waitpid(grandchild, &status, 0);
	_exit(20 + WEXITSTATUS(status));
}

/* follow_new_child() - after a fork or vfork event of @child: the new process is traced
 * too and starts in a SIGSTOP stop; run it to its exit (code @code), which we, its tracer,
 * see before its parent does. Then @child resumes from fork and first gets the SIGCHLD the
 * reaping sent it. */
static void follow_new_child(pid_t child, int code)
{
	unsigned long msg = 0;
	pid_t grandchild;

	EXPECT_OK(ptrace(PTRACE_GETEVENTMSG, child, 0, &msg));
	grandchild = (pid_t)msg;
	EXPECT_TRUE(grandchild > 0 && grandchild != child);
	if (EXPECT_EQ(wait_status(grandchild), tap_stop_status(SIGSTOP)))
		tap_track(grandchild); /* ours to kill: never a number a broken kernel made up */
	EXPECT_OK(ptrace(PTRACE_CONT, grandchild, 0, 0));
	EXPECT_EQ(wait_status(grandchild), tap_exit_status(code));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_stop_status(SIGCHLD));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(20 + code));
}

static void event_fork(void)
{
	pid_t child;

	begin_case();
	child = fork_traced_child(body_fork_and_reap);
	EXPECT_OK(ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACEFORK));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), event_status(PTRACE_EVENT_FORK));
	follow_new_child(child, 4);
	end_case();
}

static void event_vfork(void)
{
	pid_t child;

	begin_case();
	child = fork_traced_child(body_vfork_and_reap);
	EXPECT_OK(ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACEVFORK));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), event_status(PTRACE_EVENT_VFORK));
	follow_new_child(child, 3);
	end_case();
}

static void event_exec(void)
{
	unsigned long msg = 0;
	pid_t child;

	SKIP_IF(!self_path || self_path[0] != '/', "argv[0] is not an absolute path");
	begin_case();
	child = fork_traced_child(body_exec_self);
	EXPECT_OK(ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACEEXEC));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), event_status(PTRACE_EVENT_EXEC));
	EXPECT_OK(ptrace(PTRACE_GETEVENTMSG, child, 0, &msg));
	EXPECT_EQ(msg, child); /* the thread id it had before exec */
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(6)); /* no legacy SIGTRAP as well */
	end_case();
}

static void body_exit_42(void)
{
	_exit(42);
}

static void event_exit(void)
{
	unsigned long msg = 0;
	pid_t child;

	begin_case();
	child = fork_traced_child(body_exit_42);
	EXPECT_OK(ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACEEXIT));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), event_status(PTRACE_EVENT_EXIT));
	EXPECT_OK(ptrace(PTRACE_GETEVENTMSG, child, 0, &msg));
	EXPECT_EQ(msg, tap_exit_status(42)); /* the status word it is about to exit with */
	EXPECT_OK(ptrace(PTRACE_PEEKDATA, child, &poke_target, 0)); /* still inspectable */
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), tap_exit_status(42));
	end_case();
}

/* --- Threads --------------------------------------------------------------------------- */

static void *thread_reports_then_exits(void *arg)
{
	(void)arg;
	send_long(syscall(SYS_gettid));
	tap_wait_go(child_go);
	syscall(SYS_exit, 9); /* this thread only */
	return NULL;
}

/* body_thread_outlives_leader() - start a thread, then end the leader alone (exit 3). */
static void body_thread_outlives_leader(void)
{
	pthread_t th;

	pthread_create(&th, NULL, thread_reports_then_exits, NULL);
	syscall(SYS_exit, 3);
}

/* TRACECLONE: the new thread is traced from its first instruction (a SIGSTOP stop). Its
 * exit is reported on its own tid; the leader, which exited first, only after it, and with
 * the exit code of the last thread (9, not 3). */
static void event_clone_thread_exit(void)
{
	unsigned long msg = 0;
	pid_t child, tid;

	begin_case();
	open_pipes();
	child = fork_traced_child(body_thread_outlives_leader);
	EXPECT_OK(ptrace(PTRACE_SETOPTIONS, child, 0, PTRACE_O_TRACECLONE));
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0));
	EXPECT_EQ(wait_status(child), event_status(PTRACE_EVENT_CLONE));
	EXPECT_OK(ptrace(PTRACE_GETEVENTMSG, child, 0, &msg));
	tid = (pid_t)msg;
	EXPECT_EQ(wait_status(tid), tap_stop_status(SIGSTOP));
	EXPECT_OK(ptrace(PTRACE_CONT, tid, 0, 0));
	EXPECT_EQ(recv_long(), tid);
	EXPECT_OK(ptrace(PTRACE_CONT, child, 0, 0)); /* the leader exits */
	tap_sleep_ms(50); /* only makes the next check meaningful; it cannot make it fail */
	EXPECT_EQ(waitpid(child, NULL, WNOHANG | __WALL), 0);
	tap_go(child_go, 1);
	EXPECT_EQ(wait_status(tid), tap_exit_status(9));
	EXPECT_EQ(wait_status(child), tap_exit_status(9));
	end_case();
}

/* A thread of an untraced process seized by its tid: only that thread is traced. */
static void seize_thread_by_tid(void)
{
	pid_t child, tid;

	begin_case();
	open_pipes();
	child = tap_fork_child(body_thread_outlives_leader);
	tid = (pid_t)recv_long();
	EXPECT_TRUE(tid > 0 && tid != child);
	EXPECT_OK(ptrace(PTRACE_SEIZE, tid, 0, 0));
	EXPECT_ERRNO(ptrace(PTRACE_INTERRUPT, child, 0, 0), ESRCH); /* the leader is not */
	tap_sleep_ms(50); /* as in event_clone_thread_exit */
	EXPECT_EQ(waitpid(child, NULL, WNOHANG | __WALL), 0);
	tap_go(child_go, 1);
	EXPECT_EQ(wait_status(tid), tap_exit_status(9));
	EXPECT_EQ(wait_status(child), tap_exit_status(9));
	end_case();
}

/* --- Exit ordering with a tracer that is not the parent -------------------------------- */

/* tracer_attach() - in a tracer child: attach to tracee_nr (with exitkill_option) and let it
 * run again. Return: 0, or what went wrong as a negative number. */
static long tracer_attach(void)
{
	int status;

	if (ptrace(PTRACE_ATTACH, tracee_nr, 0, 0) != 0)
		return -errno;
	if (waitpid(tracee_nr, &status, 0) != tracee_nr || status != tap_stop_status(SIGSTOP))
		return -1000;
	if (ptrace(PTRACE_SETOPTIONS, tracee_nr, 0, exitkill_option) != 0)
		return -errno;
	return tap_result(ptrace(PTRACE_CONT, tracee_nr, 0, 0));
}

/* tracer_reap() - in a tracer child: reap tracee_nr. Return: its status, or -errno. */
static long tracer_reap(void)
{
	int status;

	return waitpid(tracee_nr, &status, 0) == tracee_nr ? status : -errno;
}

/* start_tracer() - fork a child that runs @tracer, to trace @tracee. Return: its pid, once it
 * has attached. */
static pid_t start_tracer(void (*tracer)(void), pid_t tracee)
{
	pid_t pid;

	tracee_nr = tracee;
	pid = tap_fork_child(tracer);
	EXPECT_EQ(recv_long(), 0); /* tracer_attach() worked */
	return pid;
}

/* The tracer of tracer_not_parent_exit_order: report the attach, the tracee's exit code
 * (seen without reaping it), then, on the go-ahead, the status its reaping wait returns. */
static void tracer_sees_exit_then_reaps(void)
{
	send_long(tracer_attach());
	send_long(wait_zombie(tracee_nr));
	tap_wait_go(tracer_go);
	send_long(tracer_reap());
}

/* The parent P forks C and a sibling T that attaches to C. When C exits, T's wait sees it
 * first; P's wait finds C not ready (0: neither C nor ECHILD) until T has reaped it, and
 * then gets C's real status. */
static void tracer_not_parent_exit_order(void)
{
	pid_t child, tracer;

	begin_case();
	open_pipes();
	child = tap_fork_child(body_wait_then_exit);
	tracer = start_tracer(tracer_sees_exit_then_reaps, child);
	EXPECT_ERRNO(ptrace(PTRACE_PEEKDATA, child, &poke_target, 0), ESRCH); /* T's, not ours */
	EXPECT_ERRNO(ptrace(PTRACE_ATTACH, child, 0, 0), EPERM);
	tap_go(child_go, 23);	    /* C exits 23 */
	EXPECT_EQ(recv_long(), 23); /* T saw it, and has not reaped it */
	EXPECT_EQ(waitpid(child, NULL, WNOHANG), 0);
	tap_go(tracer_go, 1); /* T reaps */
	EXPECT_EQ(recv_long(), tap_exit_status(23));
	EXPECT_EQ(wait_status(tracer), tap_exit_status(0));
	EXPECT_EQ(wait_status(child), tap_exit_status(23));
	end_case();
}

/* The tracer of sigchld_ignored_autoreap: attach, then report the tracee's reaped status. */
static void tracer_reaps(void)
{
	send_long(tracer_attach());
	send_long(tracer_reap());
}

/* A parent that ignores SIGCHLD does not get zombies: once the tracer has reaped the traced
 * child, the child is gone for the parent as well (ECHILD), and so is the tracer. */
static void sigchld_ignored_autoreap(void)
{
	pid_t child, tracer;

	begin_case();
	signal(SIGCHLD, SIG_IGN);
	open_pipes();
	child = tap_fork_child(body_wait_then_exit);
	tracer = start_tracer(tracer_reaps, child);
	tap_go(child_go, 23);
	EXPECT_EQ(recv_long(), tap_exit_status(23));
	EXPECT_ERRNO(waitpid(child, NULL, 0), ECHILD);
	EXPECT_ERRNO(waitpid(tracer, NULL, 0), ECHILD); /* returns once the tracer is gone */
	tap_untrack(child);
	tap_untrack(tracer);
	signal(SIGCHLD, SIG_DFL);
	end_case();
}

/* The tracer of the tracer_exit_* cases: attach, let the tracee run, exit on the go-ahead. */
static void tracer_then_exit(void)
{
	send_long(tracer_attach());
	tap_wait_go(tracer_go);
}

/* tracer_exits() - C runs traced by T (with @options); then T exits. Return: C's pid. */
static pid_t tracer_exits(long options)
{
	pid_t child, tracer;

	exitkill_option = options;
	child = tap_fork_child(body_wait_then_exit);
	tracer = start_tracer(tracer_then_exit, child);
	tap_go(tracer_go, 1);
	EXPECT_EQ(wait_status(tracer), tap_exit_status(0));
	exitkill_option = 0;
	return child;
}

static void tracer_exit_detaches_tracee(void)
{
	pid_t child;

	begin_case();
	open_pipes();
	child = tracer_exits(0);
	EXPECT_EQ(waitpid(child, NULL, WNOHANG | WUNTRACED), 0); /* running, not stopped */
	EXPECT_OK(ptrace(PTRACE_SEIZE, child, 0, 0));		 /* nobody traces it any more */
	tap_go(child_go, 12);
	EXPECT_EQ(wait_status(child), tap_exit_status(12));
	end_case();
}

static void tracer_exit_exitkill(void)
{
	pid_t child;

	begin_case();
	open_pipes();
	child = tracer_exits(PTRACE_O_EXITKILL);
	EXPECT_EQ(wait_status(child), killed_status(SIGKILL));
	end_case();
}

/* The tracer of tracer_exit_returns_zombie: attach, report the tracee's exit (without
 * reaping it), exit on the go-ahead. */
static void tracer_sees_exit_then_exits(void)
{
	send_long(tracer_attach());
	send_long(wait_zombie(tracee_nr));
	tap_wait_go(tracer_go);
}

/* A tracer that exits without reaping its dead tracee hands the zombie back to the real
 * parent, whose wait then returns it with its status. */
static void tracer_exit_returns_zombie(void)
{
	pid_t child, tracer;

	begin_case();
	open_pipes();
	child = tap_fork_child(body_wait_then_exit);
	tracer = start_tracer(tracer_sees_exit_then_exits, child);
	tap_go(child_go, 23);
	EXPECT_EQ(recv_long(), 23);
	EXPECT_EQ(waitpid(child, NULL, WNOHANG), 0); /* still the tracer's */
	tap_go(tracer_go, 1);			     /* T exits without reaping C */
	EXPECT_EQ(wait_status(tracer), tap_exit_status(0));
	EXPECT_EQ(wait_status(child), tap_exit_status(23));
	end_case();
}

static const struct tap_case cases[] = {
	TAP_CASE(traceme_stops_on_signal),
	TAP_CASE(traceme_twice_eperm),
	TAP_CASE(traceme_exec_sigtrap),
	TAP_CASE(attach_stops_with_sigstop),
	TAP_CASE(attach_self_eperm),
	TAP_CASE(attach_traced_eperm),
	TAP_CASE(attach_zombie_eperm),
	TAP_CASE(attach_missing_esrch),
	TAP_CASE(seize_does_not_stop),
	TAP_CASE(seize_bad_arguments_eio),
	TAP_CASE(interrupt_stops_seized),
	TAP_CASE(interrupt_listen_need_seize),
	TAP_CASE(group_stop_attached),
	TAP_CASE(listen_in_group_stop),
	TAP_CASE(detach_with_signal),
	TAP_CASE(detach_zombie_esrch),
	TAP_CASE(cont_suppresses_signal),
	TAP_CASE(cont_delivers_signal),
	TAP_CASE(cont_replaces_signal),
	TAP_CASE(bad_signal_eio),
	TAP_CASE(kill_request_stopped),
	TAP_CASE(kill_request_running),
	TAP_CASE(not_traced_esrch),
	TAP_CASE(running_tracee_esrch),
	TAP_CASE(bad_request_eio),
	TAP_CASE(peek_poke_data),
	TAP_CASE(poketext_copy_on_write),
	TAP_CASE(peek_bad_address_eio),
	TAP_CASE(peekuser_pokeuser),
	TAP_CASE(peekuser_pokeuser_errors),
	TAP_CASE(getregs_setregs),
	TAP_CASE(getregs_bad_pointer_efault),
	TAP_CASE(fpregs_xmm0),
	TAP_CASE(getsiginfo_setsiginfo),
	TAP_CASE(int3_breakpoint),
	TAP_CASE(singlestep_counts_loop),
	TAP_CASE(syscall_stops_sysgood),
	TAP_CASE(syscall_stop_plain_sigtrap),
	TAP_CASE(syscall_change_nr),
	TAP_CASE(syscall_skip),
	TAP_CASE(syscall_exit_setregs_rcx_kept),
	TAP_CASE(syscall_exit_bad_rip_sigsegv),
	TAP_CASE(event_fork),
	TAP_CASE(event_vfork),
	TAP_CASE(event_exec),
	TAP_CASE(event_exit),
	TAP_CASE(event_clone_thread_exit),
	TAP_CASE(seize_thread_by_tid),
	TAP_CASE(tracer_not_parent_exit_order),
	TAP_CASE(sigchld_ignored_autoreap),
	TAP_CASE(tracer_exit_detaches_tracee),
	TAP_CASE(tracer_exit_exitkill),
	TAP_CASE(tracer_exit_returns_zombie),
};

/* absolute_path() - @argv0 made absolute with the working directory (no /proc/self/exe on
 * reaper yet). Return: a static buffer, or @argv0 itself if it has no '/' (found in $PATH). */
static const char *absolute_path(const char *argv0)
{
	static char buf[PATH_MAX];

	if (argv0[0] == '/' || !strchr(argv0, '/') || !getcwd(buf, sizeof(buf) / 2))
		return argv0;
	strncat(buf, "/", sizeof(buf) - strlen(buf) - 1);
	strncat(buf, argv0, sizeof(buf) - strlen(buf) - 1);
	return buf;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], EXEC_EXIT_ARG) == 0)
		_exit(atoi(argv[2])); /* re-executed by an exec case */
	self_path = absolute_path(argv[0]);
	prctl(PR_SET_CHILD_SUBREAPER, 1); /* orphaned grandchildren come to end_case() */
	return TAP_MAIN("ptrace", cases, argc, argv);
}
