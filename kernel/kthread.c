/* kthread.c - kernel threads: a struct thread, a 16 KiB stack, and a function to run.
 *
 * Creating a thread is three allocations and a hand-made stack frame: the struct comes from
 * the slab cache "task_struct" (Linux's name for it, so /proc/slabinfo reads the same), the
 * stack is KSTACK_FRAMES contiguous physical frames used through the direct map, and
 * arch_context_init() writes a first frame on it that starts the thread in the architecture's
 * trampoline, which calls fn(arg) and then kthread_exit(). The frame sits just below a slot
 * kept free at the top of the stack for the user registers (arch_uregs_slot()), where traps
 * from user mode save them.
 *
 * A thread cannot free its own stack while it is running on it, so kthread_exit() only marks
 * it DEAD and switches away; kernel/sched.c calls kthread_free() from the next thread, right
 * after the switch. (Linux: do_exit -> do_task_dead, then finish_task_switch ->
 * put_task_stack; user threads will later stay as zombies until release_task instead.)
 *
 * The lowest quadword of every stack holds KSTACK_MAGIC. A stack that overflows tramples it
 * first, and the scheduler checks it at every switch, so an overflow panics naming the thread
 * instead of silently corrupting the memory below. (Linux: end_of_stack / STACK_END_MAGIC.)
 *
 * Invariants: a thread's stack lives from kthread_create() until kthread_free(), which happens
 *   once, after the thread is DEAD and switched out. Its struct lives until the last
 *   kthread_put(): kthread_free() drops the scheduler's reference, and ptrace holds one more
 *   while a traced thread that exited waits as a zombie for its tracer.
 * Locking: none of its own; thread ids come from an atomic counter, the rest is done before the
 *   thread is visible (sched_add_thread) or after it is gone (kthread_free).
 * See also: kernel/sched.c, arch/x86_64/context.c. Linux: kernel/kthread.c, kernel/fork.c
 *   (alloc_task_struct_node, alloc_thread_stack_node).
 */
#include "kthread.h"
#include "arch.h"
#include "frame.h"
#include "panic.h"
#include "pid.h"
#include "sched.h"
#include "slab.h"
#include "string.h"
#include "refcount.h"

#define KSTACK_MAGIC	0x57ac6e0d57ac6e0dULL	/* at the lowest address of each stack */

static struct kmem_cache *thread_cache;	/* "task_struct" */
static int next_thread_id;		/* 0 is the boot thread (idle) */

/**
 * kthread_init() - create the "task_struct" slab cache.
 * Context: boot, from sched_init(), after slab_init(). Return: nothing; panics on failure.
 */
void kthread_init(void)
{
	thread_cache = kmem_cache_create("task_struct", sizeof(struct thread), 64);
	if (!thread_cache)
		panic("kthread: cannot create the task_struct cache");
}

/* thread_new() - a zeroed struct thread with an id, a name and empty links; no stack yet. */
static struct thread *thread_new(const char *name)
{
	struct thread *t = kmem_cache_zalloc(thread_cache);

	if (!t)
		return NULL;
	t->id = __atomic_fetch_add(&next_thread_id, 1, __ATOMIC_RELAXED);
	t->refcount = 1;	/* the scheduler's, dropped by kthread_free() */
	strlcpy(t->name, name, sizeof(t->name));
	list_init(&t->run_link);
	list_init(&t->all_link);
	list_init(&t->timer_link);
	list_init(&t->wait_link);
	list_init(&t->ptrace.entry);
	list_init(&t->ptrace.tracees);
	return t;
}

/* stack_alloc() - give @t a kernel stack with the overflow magic at its bottom. Not zeroed:
 * a stack is written before it is read (frame_alloc_contig_uninit). */
static bool stack_alloc(struct thread *t)
{
	paddr_t pa = frame_alloc_contig_uninit(KSTACK_FRAMES);

	if (!pa)
		return false;
	t->stack_base = phys_to_virt(pa);
	t->stack_size = KSTACK_SIZE;
	*(uint64_t *)t->stack_base = KSTACK_MAGIC;
	return true;
}

/**
 * kthread_prepare() - build a kernel thread that will run @fn(@arg), but do not start it:
 * its creator finishes setting it up (fork gives it a process and user registers), then
 * calls kthread_start(), or kthread_discard() to give up.
 * @fn, @arg, @name: as kthread_create().
 *
 * Context: thread or boot after sched_init(); may allocate; does not sleep.
 * Return: the thread, not yet known to the scheduler, or NULL if out of memory.
 */
struct thread *kthread_prepare(void (*fn)(void *), void *arg, const char *name)
{
	struct thread *t = thread_new(name);

	if (!t)
		return NULL;
	if (!stack_alloc(t)) {
		kmem_cache_free(thread_cache, t);
		return NULL;
	}
	/* The first frame goes below the user-register slot at the top of the stack, so a thread
	 * that later becomes a user process (process_start_init) never overwrites live frames
	 * when arch_enter_user() fills that slot. */
	t->context = arch_context_init(arch_uregs_slot(t), fn, arg);
	return t;
}

/**
 * kthread_start() - make a prepared thread runnable.
 * Context: any thread. Return: nothing.
 */
void kthread_start(struct thread *t)
{
	sched_add_thread(t);
}

/**
 * kthread_discard() - free a prepared thread that was never started.
 * Context: thread. Return: nothing.
 */
void kthread_discard(struct thread *t)
{
	t->state = THREAD_DEAD;
	kthread_free(t);
}

/**
 * kthread_create() - start a kernel thread that runs @fn(@arg).
 * @fn: the thread's function; when it returns, the thread exits.
 * @arg: passed to @fn.
 * @name: for dumps and gdb; truncated to THREAD_NAME_LEN - 1 characters.
 *
 * The thread is runnable at once; it runs when the scheduler reaches it in the queue.
 * Context: thread or boot after sched_init(); may allocate; does not sleep.
 * Return: the new thread, or NULL if there is no memory for its struct or stack (ENOMEM).
 */
struct thread *kthread_create(void (*fn)(void *), void *arg, const char *name)
{
	struct thread *t = kthread_prepare(fn, arg, name);

	if (t)
		kthread_start(t);
	return t;
}

/**
 * kthread_exit() - end the current thread. Its memory is freed after its last switch.
 *
 * Context: a kernel thread, no spinlock held, not waiting on anything. Return: never.
 */
NORETURN void kthread_exit(void)
{
	sched_exit_current();
}

/**
 * kthread_adopt_boot() - a struct thread for the flow that is already running (boot).
 * @name: its name ("idle").
 *
 * It has no stack of its own to free: it keeps running on the boot stack in the kernel image,
 * so stack_base stays NULL and its stack is not checked.
 * Context: boot, from sched_init(). Return: the thread; panics if out of memory.
 */
struct thread *kthread_adopt_boot(const char *name)
{
	struct thread *t = thread_new(name);

	if (!t)
		panic("kthread: no memory for the boot thread");
	return t;
}

/**
 * kthread_free() - return a dead thread's stack and struct.
 * @t: DEAD, switched out, and unlinked from every scheduler list.
 *
 * Context: kernel/sched.c, from the thread that ran after @t; interrupts off. Return: nothing.
 */
void kthread_free(struct thread *t)
{
	BUG_ON(t->state != THREAD_DEAD);
	kthread_check_stack(t);
	arch_thread_free(t);	/* a user thread's FPU/TLS area, if do_exit has not freed it */
	if (t->stack_base)
		frame_free_contig(virt_to_phys(t->stack_base), t->stack_size / PAGE_SIZE);
	t->stack_base = NULL;
	kthread_put(t);
}

/**
 * kthread_get() - keep @t's struct (not its stack) past its death: a traced thread that
 * exited stays on its tracer's list as a zombie until the tracer reaps it (kernel/ptrace.c).
 * Context: any; @t must not be freed meanwhile (tasklist_lock held, or a reference).
 * Return: nothing.
 */
void kthread_get(struct thread *t)
{
	ref_get(&t->refcount, "thread");
}

/**
 * kthread_put() - drop a reference on @t's struct; the last one frees it, with its
 * reference on its struct pid.
 * Context: any thread; may take the slab lock. Return: nothing.
 */
void kthread_put(struct thread *t)
{
	if (!ref_put(&t->refcount, "thread"))
		return;
	put_pid(t->pid);	/* a user thread's numbers were freed when it was reaped */
	kmem_cache_free(thread_cache, t);
}

/**
 * kthread_check_stack() - panic if @t's stack has overflowed (its bottom magic is gone).
 * @t: any thread; the boot thread has no magic and is not checked.
 *
 * Context: any. Return: nothing.
 */
void kthread_check_stack(const struct thread *t)
{
	if (t->stack_base && *(const uint64_t *)t->stack_base != KSTACK_MAGIC)
		panic("kthread: stack overflow in thread %d (%s)", t->id, t->name);
}
