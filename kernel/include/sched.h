/* sched.h - struct thread and the scheduler that shares the CPU among threads (kernel/sched.c).
 *
 * A thread is what the scheduler runs: a kernel stack, the registers saved on it while it is
 * switched out, and a state. The scheduler is preemptive round robin: runnable threads wait in
 * one FIFO run queue; the running one gets SCHED_SLICE_TICKS timer ticks, then the timer
 * interrupt puts it at the back of the queue. A thread that must wait for something sets
 * itself SLEEPING and calls schedule(); sched_wake() (from a wait queue, or the tick for a
 * timed sleep) makes it RUNNABLE again. With nothing runnable, the idle thread halts the CPU.
 *
 * Threads are created with kthread_create() and end with kthread_exit() (kernel/include/
 * kthread.h, included here: every user of threads wants both). Wait queues (wait_queue.h) are
 * how threads sleep until a condition. */
#ifndef REAPER_SCHED_H
#define REAPER_SCHED_H

#include "types.h"
#include "list.h"
#include "kthread.h"
#include "signal.h"
#include "ptrace.h"

#define THREAD_NAME_LEN		16
#define SCHED_SLICE_TICKS	5	/* time slice: 50 ms at HZ = 100 */

/*
 * The life of a thread. The list grows with later issues (DESIGN.md section 4): STOPPED and
 * TRACED for signals and ptrace, ZOMBIE for a thread whose parent has not reaped it yet.
 */
enum thread_state {
	THREAD_RUNNABLE,	/* on the run queue, waiting for the CPU */
	THREAD_RUNNING,		/* the CPU's current thread */
	THREAD_SLEEPING,	/* on a wait queue or a deadline; sched_wake() ends it */
	THREAD_STOPPED,		/* in a group stop (SIGSTOP...); only SIGCONT/SIGKILL end it */
	THREAD_TRACED,		/* in a ptrace stop; only its tracer or SIGKILL ends it */
	THREAD_DEAD,		/* exited; freed after its last switch away */
};

struct arch_context;
struct arch_thread;
struct process;
struct trap_frame;

struct thread {
	/* Immutable after creation: */
	int id;				/* a plain counter; real pids come with struct pid */
	char name[THREAD_NAME_LEN];	/* NUL-terminated, for sched_dump() and gdb */
	void *stack_base;		/* lowest byte of the kernel stack; NULL: boot stack */
	size_t stack_size;		/* bytes; 0 for the boot thread */

	/* Protected by the run-queue lock (kernel/sched.c): */
	enum thread_state state;
	struct list_head run_link;	/* on the run queue while RUNNABLE (never idle) */
	struct list_head all_link;	/* on the list of every thread, from creation to free */
	unsigned int slice_left;	/* ticks left of the time slice while RUNNING */
	struct arch_context *context;	/* saved registers; valid only while switched out */

	/* Protected by the sleepers lock (kernel/sched.c): */
	struct list_head timer_link;	/* on the sleepers list while a deadline is armed */
	uint64_t wake_deadline;		/* jiffies; valid while timer_link is queued */

	/* Protected by the lock of the wait queue the thread waits on: */
	struct list_head wait_link;	/* on that queue's waiters while waiting; else empty */

	/* User threads only (proc != NULL); changed only by the thread itself: */
	struct process *proc;		/* its thread group; NULL for a kernel thread */
	struct list_head thread_link;	/* on proc->threads */
	struct pid *pid;		/* its numbers in every namespace (a reference) */
	pid_t tid;			/* its number in the root namespace (pid->numbers[0]) */
	struct trap_frame *uregs;	/* user registers, saved at the top of the kernel stack */
	struct arch_thread *arch;	/* FPU/SSE state and TLS base (arch/x86_64/fpu.c) */
	uaddr_t clear_child_tid;	/* set_tid_address(): cleared and woken at exit */
	uaddr_t robust_list;		/* set_robust_list(): recorded only */
	struct thread_signal sig;	/* pending, blocked, altstack (kernel/signal.c) */
	struct thread_ptrace ptrace;	/* tracer, tracees, stop state (kernel/ptrace.c) */
	/* Changed atomically (kthread_get, kthread_put): */
	int refcount;			/* the scheduler's reference until the thread is freed
					 * after its death, plus one while it is a traced zombie
					 * its tracer has not reaped (kernel/ptrace.c) */
};

/* Boot: sched_init() after time_init(); sched_start() makes the boot flow the idle thread. */
void sched_init(void);
NORETURN void sched_start(void);

extern struct thread *sched_current_thread;	/* = the run queue's current; sched.c */

/* sched_current() - the thread running on this CPU. Context: any thread, after sched_init().
 * Return: the current thread. */
static inline struct thread *sched_current(void)
{
	return sched_current_thread;
}

/* current_process() - the process of the running thread. Context: any thread.
 * Return: the process, or NULL in a kernel thread. */
static inline struct process *current_process(void)
{
	return sched_current_thread->proc;
}
void schedule(void);
void sched_yield(void);
bool sched_wake(struct thread *t);
bool sched_wake_stopped(struct thread *t);
bool sched_wake_traced(struct thread *t);
bool sched_wake_fatal(struct thread *t);
bool sched_traced_to_stopped(struct thread *t);
void sched_set_current_state(enum thread_state state);
bool schedule_until(uint64_t deadline);
void sched_sleep_ms(uint64_t ms);
bool sched_sleep_ms_interruptible(uint64_t ms);

/* Called from elsewhere in the kernel at fixed points. */
void sched_tick(uint64_t elapsed);
void sched_irq_exit(void);
void sched_thread_start(void);
void sched_add_thread(struct thread *t);
NORETURN void sched_exit_current(void);

/* Introspection, for tests, benchmarks, panics and gdb. */
uint64_t sched_nr_switches(void);
uint64_t sched_idle_ticks(void);
int sched_nr_running(void);
int sched_nr_threads(void);
const char *sched_state_name(enum thread_state state);
void sched_dump(void);

#endif
