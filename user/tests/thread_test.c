/* thread_test.c - threads and futexes: musl's pthreads (mutex, condition variable, join),
 * exit_group from a thread, execve from a thread that is not the leader, and the futex
 * system call used directly (EAGAIN, wake counts, timeouts, requeue). */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "tap.h"

/* futex(2) numbers (musl ships no <linux/futex.h>). */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE (FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)

#define NTHREADS 8
#define NINCR 10000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long futex(volatile int *uaddr, int op, int val, const struct timespec *ts,
		  volatile int *uaddr2, int val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

static void *incrementer(void *arg)
{
	(void)arg;
	for (int i = 0; i < NINCR; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void mutex_contention(void)
{
	pthread_t th[NTHREADS];

	counter = 0;
	for (int i = 0; i < NTHREADS; i++)
		EXPECT_EQ(pthread_create(&th[i], NULL, incrementer, NULL), 0);
	for (int i = 0; i < NTHREADS; i++)
		EXPECT_EQ(pthread_join(th[i], NULL), 0);
	EXPECT_EQ(counter, NTHREADS * NINCR);
}

static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int queue_items, produced_total, consumed_total;

static void *producer(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++) {
		pthread_mutex_lock(&lock);
		queue_items++;
		produced_total++;
		pthread_cond_signal(&cond);
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	(void)arg;
	for (int i = 0; i < 1000; i++) {
		pthread_mutex_lock(&lock);
		while (queue_items == 0)
			pthread_cond_wait(&cond, &lock);
		queue_items--;
		consumed_total++;
		pthread_mutex_unlock(&lock);
	}
	return NULL;
}

static void condvar_producer_consumer(void)
{
	pthread_t p, c;

	queue_items = produced_total = consumed_total = 0;
	EXPECT_EQ(pthread_create(&c, NULL, consumer, NULL), 0);
	EXPECT_EQ(pthread_create(&p, NULL, producer, NULL), 0);
	EXPECT_EQ(pthread_join(p, NULL), 0);
	EXPECT_EQ(pthread_join(c, NULL), 0);
	EXPECT_EQ(consumed_total, 1000);
}

static void *return_arg(void *arg)
{
	sleep_ms(20);
	return (char *)arg + 1;
}

static void join_returns_value(void)
{
	pthread_t th;
	void *ret = NULL;
	char buf[2];

	EXPECT_EQ(pthread_create(&th, NULL, return_arg, buf), 0);
	EXPECT_EQ(pthread_join(th, &ret), 0);
	EXPECT_TRUE(ret == buf + 1);
}

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		sleep_ms(1000);
	return NULL;
}

/* blocked_reader() - blocks in read(), a cancellation point, on an empty pipe. */
static void *blocked_reader(void *arg)
{
	int *fds = arg;
	char c;

	read(fds[0], &c, 1);
	return (void *)1;	/* only reached if the cancel did not act */
}

/* cancel_blocked_thread - pthread_cancel wakes a thread blocked in read(): musl sends its
 * cancel signal (33), whose handler finds the interrupted rip inside the cancellable syscall
 * region of the signal frame's ucontext and redirects it, so the thread exits with
 * PTHREAD_CANCELED. This exercises signal delivery to a thread sleeping in the kernel,
 * EINTR/restart and the ucontext layout. */
static void cancel_blocked_thread(void)
{
	pthread_t th;
	void *ret = NULL;
	int fds[2];

	EXPECT_EQ(pipe(fds), 0);
	EXPECT_EQ(pthread_create(&th, NULL, blocked_reader, fds), 0);
	sleep_ms(100);
	EXPECT_EQ(pthread_cancel(th), 0);
	EXPECT_EQ(pthread_join(th, &ret), 0);
	EXPECT_TRUE(ret == PTHREAD_CANCELED);
	close(fds[0]);
	close(fds[1]);
}

/* mapper() - map, fill, check and unmap anonymous memory in a loop; returns failures. */
static void *mapper(void *arg)
{
	long id = (long)arg, bad = 0;

	for (int round = 0; round < 200; round++) {
		size_t len = (size_t)(1 + (round + id) % 8) * 4096;
		unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return (void *)-1L;
		for (size_t i = 0; i < len; i += 512)
			p[i] = (unsigned char)(id + round);
		for (size_t i = 0; i < len; i += 512)
			bad += p[i] != (unsigned char)(id + round);
		if (mprotect(p, len, PROT_READ) || munmap(p, len))
			bad++;
	}
	return (void *)bad;
}

/* mmap_from_many_threads - four threads map, fault, protect and unmap in the one address
 * space at once; every page must read back what its thread wrote. A stress case, not a
 * deterministic negative control: it cannot force the preemption in the middle of an mmap
 * that the kernel's mm lock guards against (without the lock it still passed, twice). */
static void mmap_from_many_threads(void)
{
	pthread_t th[4];
	void *ret;

	for (long i = 0; i < 4; i++)
		EXPECT_EQ(pthread_create(&th[i], NULL, mapper, (void *)(i + 1)), 0);
	for (int i = 0; i < 4; i++) {
		EXPECT_EQ(pthread_join(th[i], &ret), 0);
		EXPECT_EQ((long)ret, 0);
	}
}

static void *group_exiter(void *arg)
{
	(void)arg;
	sleep_ms(50);
	exit(12);
}

static void exit_group_from_thread(void)
{
	pid_t pid = fork();
	int status = -1;

	if (pid == 0) {
		pthread_t a, b;

		pthread_create(&a, NULL, sleeper, NULL);
		pthread_create(&b, NULL, group_exiter, NULL);
		sleeper(NULL);
	}
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_EQ(status, 12 << 8);
}

static void *execer(void *arg)
{
	char *argv[] = { "sh", "-c", "exit 21", NULL };

	(void)arg;
	sleep_ms(30);
	execve("/bin/sh", argv, NULL);
	_exit(99);
}

static void execve_from_thread(void)
{
	pid_t pid = fork();
	int status = -1;

	if (pid == 0) {
		pthread_t a, b;

		pthread_create(&a, NULL, sleeper, NULL);
		pthread_create(&b, NULL, execer, NULL);
		sleeper(NULL);
	}
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_EQ(status, 21 << 8);
}

static void futex_wait_mismatch_eagain(void)
{
	volatile int word = 1;

	EXPECT_ERRNO(futex(&word, FUTEX_WAIT_PRIVATE, 2, NULL, NULL, 0), EAGAIN);
	EXPECT_ERRNO(futex((volatile int *)((char *)&word + 1), FUTEX_WAIT, 1, NULL, NULL, 0),
		     EINVAL);
	EXPECT_ERRNO(futex((volatile int *)8, FUTEX_WAIT, 1, NULL, NULL, 0), EFAULT);
}

static void futex_timeout(void)
{
	volatile int word = 0;
	struct timespec ts = { 0, 50 * 1000000L };

	EXPECT_ERRNO(futex(&word, FUTEX_WAIT_PRIVATE, 0, &ts, NULL, 0), ETIMEDOUT);
}

static volatile int fword, fword2, waiting;

static void *futex_waiter(void *arg)
{
	volatile int *w = arg;

	__atomic_add_fetch(&waiting, 1, __ATOMIC_SEQ_CST);
	while (*w == 0)
		futex(w, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
	return NULL;
}

static void start_waiters(pthread_t *th, int n)
{
	fword = fword2 = waiting = 0;
	for (int i = 0; i < n; i++)
		pthread_create(&th[i], NULL, futex_waiter, (void *)&fword);
	while (waiting < n)
		sleep_ms(5);
	sleep_ms(50);
}

static void futex_wake_counts(void)
{
	pthread_t th[3];

	start_waiters(th, 3);
	fword = 1;	/* a woken waiter leaves instead of waiting again */
	EXPECT_EQ(futex(&fword, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 1);
	sleep_ms(20);
	EXPECT_EQ(futex(&fword, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0), 2);
	for (int i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
}

static void futex_requeue(void)
{
	pthread_t th[3];

	start_waiters(th, 3);
	/* wake 1, move the other two to fword2 */
	fword = 1;
	EXPECT_EQ(futex(&fword, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)2L, &fword2, 0), -1);
	EXPECT_EQ(errno, EAGAIN);
	EXPECT_EQ(futex(&fword, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)2L, &fword2, 1), 3);
	sleep_ms(20);
	EXPECT_EQ(futex(&fword, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0), 0);
	EXPECT_EQ(futex(&fword2, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0), 2);
	for (int i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
}

/* ---- regressions found by the fuzzer (docs/fuzz.md) ---- */

/* kmalloc_active() - active objects of every kmalloc-N cache in @proc/slabinfo, added up. */
static long kmalloc_active(const char *proc)
{
	char path[96], line[256], name[64];
	long total = 0, active;
	FILE *f;

	snprintf(path, sizeof(path), "%s/slabinfo", proc);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %ld", name, &active) == 2 && strncmp(name, "kmalloc-", 8) == 0)
			total += active;
	if (f)
		fclose(f);
	return total;
}

/* ns_init_in_teardown() - a child that is pid 1 of a new pid namespace with one member,
 * which we (outside) trace: when the init exits, its teardown SIGKILLs the member and then
 * waits - past signal_exit() - until we reap the member's zombie. */
static pid_t ns_init_in_teardown(void)
{
	pid_t init = (pid_t)syscall(SYS_clone, CLONE_NEWPID | SIGCHLD, 0, 0, 0, 0);
	if (init == 0) {
		pid_t m = fork();

		if (m == 0)
			for (;;)
				pause();
		sleep_ms(200);	/* for the tracer to attach */
		_exit(0);
	}
	return init;
}

/* find_member() - the one child of @init, from /proc's children-by-parent scan. */
static pid_t find_member(pid_t init)
{
	char path[64], text[256];
	const char *ppid;

	for (pid_t nr = init + 1; nr < init + 64; nr++) {
		snprintf(path, sizeof(path), "/proc/%d/status", (int)nr);
		if (tap_read_file(path, text, sizeof(text)) > 0 && (ppid = tap_field(text, "PPid")) &&
		    atoi(ppid) == init)
			return nr;
	}
	return -1;
}

/* tgkill_exiting_ns_init_no_leak() - a thread-directed signal to a thread past
 * signal_exit() (here a namespace init waiting in its teardown for a traced member's zombie)
 * was queued on a queue that is never flushed again: its siginfo leaked, one kmalloc
 * object per signal not already pending (fuzz seed 2, kmalloc-192 in the leak check). Round 1 warms the caches
 * up; in round 2 the kmalloc caches must come back exactly. Linux, too, says 0 to the tgkill. */
static void tgkill_exiting_ns_init_no_leak(void)
{
	bool reaper = tap_on_reaper();
	int status;

	SKIP_IF(geteuid() != 0, "pid namespaces and ptrace need root");
	if (reaper && access("/proc/slabinfo", R_OK) != 0)
		mount("proc", "/proc", "proc", 0, NULL);
	for (int round = 1; round <= 2; round++) {
		long before = reaper ? kmalloc_active("/proc") : 0;
		pid_t member, init = ns_init_in_teardown();

		sleep_ms(50);
		member = find_member(init);
		if (!EXPECT_TRUE(member > 0) || !EXPECT_OK(ptrace(PTRACE_ATTACH, member, 0, 0)))
			return;
		EXPECT_EQ(waitpid(member, &status, __WALL), member);	/* the attach stop */
		EXPECT_OK(ptrace(PTRACE_CONT, member, 0, 0));
		sleep_ms(400);	/* init exited; its teardown killed the member and waits */
		/* From outside, only SIGKILL and SIGSTOP get past an init's protection. */
		EXPECT_OK(syscall(SYS_tgkill, init, init, SIGKILL));
		EXPECT_OK(syscall(SYS_tgkill, init, init, SIGSTOP));
		EXPECT_EQ(waitpid(member, &status, __WALL), member);	/* frees the init */
		EXPECT_EQ(waitpid(init, &status, 0), init);
		if (reaper && round == 2)
			EXPECT_EQ(kmalloc_active("/proc"), before);
	}
}

static const struct tap_case cases[] = {
	TAP_CASE(mutex_contention),
	TAP_CASE(condvar_producer_consumer),
	TAP_CASE(join_returns_value),
	TAP_CASE(cancel_blocked_thread),
	TAP_CASE(mmap_from_many_threads),
	TAP_CASE(exit_group_from_thread),
	TAP_CASE(execve_from_thread),
	TAP_CASE(futex_wait_mismatch_eagain),
	TAP_CASE(futex_timeout),
	TAP_CASE(futex_wake_counts),
	TAP_CASE(futex_requeue),
	TAP_CASE(tgkill_exiting_ns_init_no_leak),
};

int main(int argc, char **argv)
{
	return TAP_MAIN("thread", cases, argc, argv);
}
