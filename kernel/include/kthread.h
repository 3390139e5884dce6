/* kthread.h - creating and ending kernel threads (kernel/kthread.c).
 * A kernel thread runs one C function on its own 16 KiB kernel stack; it is runnable as soon as
 * it is created and ends when the function returns or calls kthread_exit(). Its struct thread
 * and stack are freed by the scheduler after the thread has switched away for the last time.
 * The last four functions are the scheduler's own interface to thread memory. */
#ifndef REAPER_KTHREAD_H
#define REAPER_KTHREAD_H

#include "arch.h"

#define KSTACK_FRAMES	4			/* 16 KiB */
#define KSTACK_SIZE	(KSTACK_FRAMES * PAGE_SIZE)

struct thread;

struct thread *kthread_create(void (*fn)(void *), void *arg, const char *name);
/* Two-step creation for fork: build, finish setting up, then start (or discard). */
struct thread *kthread_prepare(void (*fn)(void *), void *arg, const char *name);
void kthread_start(struct thread *t);
void kthread_discard(struct thread *t);
NORETURN void kthread_exit(void);

/* For kernel/sched.c only. */
void kthread_init(void);
struct thread *kthread_adopt_boot(const char *name);
void kthread_free(struct thread *t);
void kthread_get(struct thread *t);
void kthread_put(struct thread *t);
void kthread_check_stack(const struct thread *t);

#endif
