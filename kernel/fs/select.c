/* select.c - waiting for I/O on many files at once: poll, ppoll, select, pselect6.
 *
 * Each file says whether it is ready through its ->poll (file.h); a file without one is always
 * ready (DEFAULT_POLLMASK, as on Linux: /dev/null, /dev/zero, regular files). The caller scans
 * all its files; if none is ready it sleeps until one of them changes, a timeout passes or a
 * signal arrives, then scans again. To be woken by any of the files, the first scan leaves a
 * poll table entry - a wait_poller (wait_queue.h) - on every wait queue the files name through
 * poll_wait(); every wake-up of those queues wakes the caller, and the entries stay until the
 * call ends. No wake-up is lost: the caller sets itself SLEEPING before each scan, so a wake-up
 * that comes after a file reported "not ready" makes the following schedule() return at once
 * (the same order as wait_event(), kernel/include/wait_queue.h).
 *
 * poll and select are two views of one loop (poll_loop()): poll reports per descriptor in
 * struct pollfd (POLLNVAL for a closed one), select in three fd_set bitmaps (EBADF for a
 * closed one, found before any waiting). Timeouts: poll takes milliseconds (negative: none);
 * ppoll, select and pselect6 take a timespec/timeval, and Linux writes the time left back
 * into it (select's timeval, ppoll's and pselect6's timespec), which we match. select's nfds
 * is clamped to the size of the descriptor table, as on Linux (so nfds > FD_SETSIZE is not an
 * error); nfds < 0 is EINVAL. poll's nfds may not exceed RLIMIT_NOFILE (EINVAL).
 * The sleep is interruptible: a pending signal ends it with -ERESTARTNOHAND (EINTR if a
 * handler runs, else the call restarts - with the time left, which select, pselect6 and ppoll
 * have written back to user memory). poll(2) with a finite timeout returns EINTR instead: Linux
 * restarts it through a restart block (ERESTART_RESTARTBLOCK), which is TODO(signals) here.
 * ppoll and pselect6 block their signal mask for the wait only: on an interruption the old
 * mask comes back after the handler has been set up (restore_sigmask, as sigsuspend), else at
 * once (Linux: set_user_sigmask, restore_saved_sigmask_unless).
 * Locking: none of its own; each ->poll takes its file's lock. A scan runs with the caller
 * SLEEPING, so ->poll must not sleep (it may allocate: poll_wait() does).
 * See also: kernel/include/poll.h, kernel/fs/pipe.c, kernel/fs/tty.c (the ->poll methods).
 * Linux: fs/select.c (do_sys_poll, core_sys_select, poll_select_finish). */
#include "poll.h"
#include "compiler.h"
#include "fdtable.h"
#include "file.h"
#include "kmalloc.h"
#include "process.h"
#include "sched.h"
#include "signal.h"
#include "syscalls.h"
#include "time.h"
#include "uaccess.h"
#include "wait_queue.h"
#include "uapi/errno.h"
#include "uapi/resource.h"
#include "uapi/time.h"

#define POLLIN_SET	(POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET	(POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET	(POLLPRI)
#define SIGSET_SIZE	8		/* sizeof(sigset_t) in the kernel's ABI: 64 signals */
#define MAX_TIMEOUT_SEC	(1ULL << 32)	/* beyond ~136 years a timeout means "never" */

/* One entry of a poll table: the caller hanging on one wait queue of one file. */
struct poll_table_entry {
	struct list_head link;		/* on poll_table.entries */
	struct file *f;			/* counted, so the queue outlives the entry */
	struct wait_queue *wq;
	struct wait_poller poller;
};

/* When a wait ends. */
struct poll_deadline {
	bool forever;			/* no timeout */
	bool now;			/* a zero timeout: scan once, never sleep */
	uint64_t end_ns;		/* time_ns() at which the timeout expires */
	uint64_t end_jiffies;		/* the same, rounded up to a tick */
};

/* ---- the poll table ---- */

/**
 * poll_wait() - a file's ->poll names @wq as a queue its readiness changes are woken on.
 * @f: the file (the entry takes a reference); @wq: the queue; @pt: the caller's table, or
 * NULL when only the mask is wanted.
 * Context: inside ->poll; no spinlock held. Return: nothing; on allocation failure the table
 * records -ENOMEM and the caller reports it if nothing is ready.
 */
void poll_wait(struct file *f, struct wait_queue *wq, struct poll_table *pt)
{
	struct poll_table_entry *e;

	if (!pt || !pt->registering)
		return;
	e = kmalloc(sizeof(*e));
	if (!e) {
		pt->error = -ENOMEM;
		return;
	}
	e->f = file_get(f);
	e->wq = wq;
	e->poller.t = sched_current();
	wait_queue_add_poller(wq, &e->poller);
	list_add_tail(&e->link, &pt->entries);
}

/* poll_table_free() - take every entry off its queue and drop its file. */
static void poll_table_free(struct poll_table *pt)
{
	struct poll_table_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, &pt->entries, link) {
		wait_queue_del_poller(e->wq, &e->poller);
		list_del(&e->link);
		file_put(e->f);
		kfree(e);
	}
}

/**
 * vfs_poll() - @f's readiness: its ->poll, or DEFAULT_POLLMASK if it has none.
 * Context: a thread; no spinlock held; does not sleep. Return: POLL* bits.
 */
unsigned int vfs_poll(struct file *f, struct poll_table *pt)
{
	if (!f->f_op || !f->f_op->poll)
		return DEFAULT_POLLMASK;
	return f->f_op->poll(f, pt);
}

/* ---- timeouts and signals ---- */

/* deadline_after() - a deadline @sec seconds and @nsec nanoseconds from now. */
static struct poll_deadline deadline_after(uint64_t sec, uint64_t nsec)
{
	struct poll_deadline d = { .now = sec == 0 && nsec == 0 };
	uint64_t ms;

	if (sec >= MAX_TIMEOUT_SEC) {
		d.forever = true;
		return d;
	}
	ms = sec * MSEC_PER_SEC + (nsec + NSEC_PER_MSEC - 1) / NSEC_PER_MSEC;
	d.end_ns = time_ns() + sec * NSEC_PER_SEC + nsec;
	d.end_jiffies = time_deadline_after_ms(ms);
	return d;
}

/* deadline_left() - the time left until @d, split into seconds and nanoseconds (0 if past). */
static void deadline_left(const struct poll_deadline *d, int64_t *sec, int64_t *nsec)
{
	uint64_t now = time_ns();
	uint64_t left = d->end_ns > now ? d->end_ns - now : 0;

	*sec = (int64_t)(left / NSEC_PER_SEC);
	*nsec = (int64_t)(left % NSEC_PER_SEC);
}

/* poll_signal_pending() - should the wait end because of a signal? */
static bool poll_signal_pending(void)
{
	return signal_pending(sched_current());
}

/* set_blocked() - replace the current thread's blocked mask (SIGKILL, SIGSTOP stay open).
 * TODO(signals): use signal.c's sigprocmask helper once it has one that is extern. */
static void set_blocked(sigset_t mask)
{
	struct thread *t = sched_current();
	struct sighand *sh = t->proc->sighand;

	spin_lock(&sh->lock);
	t->sig.blocked = mask & ~SIG_UNBLOCKABLE;
	spin_unlock(&sh->lock);
}

/* sigmask_apply() - ppoll's and pselect6's mask: NULL (nothing to do), or @size must be
 * SIGSET_SIZE and the set readable; it becomes the blocked mask, the old one is saved.
 * Return: 0, -EINVAL, -EFAULT. */
static int sigmask_apply(uaddr_t umask, uint64_t size, bool *applied)
{
	struct thread *t = sched_current();
	sigset_t mask;

	*applied = false;
	if (!umask)
		return 0;
	if (size != SIGSET_SIZE)
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	if (!t->proc || !t->proc->sighand)
		return 0;
	t->sig.saved_sigmask = READ_ONCE(t->sig.blocked);
	set_blocked(mask);
	*applied = true;
	return 0;
}

/* sigmask_restore() - after the wait: if a signal interrupted it, the saved mask returns after
 * delivery (so the handler runs under the caller's temporary mask), else now. */
static void sigmask_restore(bool applied, long ret)
{
	struct thread *t = sched_current();

	if (!applied)
		return;
	if (ret == -ERESTARTNOHAND)
		t->sig.restore_sigmask = true;
	else
		set_blocked(t->sig.saved_sigmask);
}

/* ---- the loop poll and select share ---- */

/*
 * A scan reports how many of the caller's descriptors are ready (0: none), filling in the
 * caller's results as it goes; @pt registers the caller on the first scan only.
 */
struct poll_scan {
	int (*scan)(void *ctx, struct poll_table *pt);
	void *ctx;
};

/* poll_sleep() - sleep until a wake-up or @d. Return: false once the deadline has passed. */
static bool poll_sleep(const struct poll_deadline *d)
{
	if (d->forever) {
		schedule();
		return true;
	}
	return schedule_until(d->end_jiffies);
}

/**
 * poll_loop() - scan, sleep, scan again until something is ready, the time is up or a signal
 * is pending.
 * Context: a thread; no spinlock held; sleeps. Return: what the last scan counted (> 0), 0 on
 * timeout, -ERESTARTNOHAND (a signal), -ENOMEM (no poll table entry and nothing ready).
 */
static int poll_loop(const struct poll_scan *s, const struct poll_deadline *d)
{
	struct poll_table pt = { .registering = !d->now, .error = 0 };
	bool timed_out = d->now;
	int n;

	list_init(&pt.entries);
	for (;;) {
		sched_set_current_state(THREAD_SLEEPING);	/* before the scan: see header */
		n = s->scan(s->ctx, &pt);
		pt.registering = false;
		if (n || timed_out || pt.error || poll_signal_pending())
			break;
		timed_out = !poll_sleep(d);
	}
	sched_set_current_state(THREAD_RUNNING);
	poll_table_free(&pt);
	if (n == 0 && pt.error)
		return pt.error;
	if (n == 0 && !timed_out && poll_signal_pending())
		return -ERESTARTNOHAND;
	return n;
}

/* ---- poll and ppoll ---- */

struct poll_ctx {
	struct pollfd *fds;
	unsigned int nfds;
};

/* pollfd_mask() - one pollfd's revents: ignored (fd < 0), POLLNVAL (not open), or the file's
 * readiness filtered by the events asked for (POLLERR and POLLHUP always pass). */
static unsigned int pollfd_mask(const struct pollfd *p, struct poll_table *pt)
{
	unsigned int mask;
	struct file *f;

	if (p->fd < 0)
		return 0;
	f = fget(p->fd);
	if (!f)
		return POLLNVAL;
	mask = vfs_poll(f, pt) & ((uint16_t)p->events | POLLERR | POLLHUP);
	file_put(f);
	return mask;
}

static int poll_scan_fds(void *ctx, struct poll_table *pt)
{
	struct poll_ctx *c = ctx;
	int ready = 0;

	for (unsigned int i = 0; i < c->nfds; i++) {
		c->fds[i].revents = (int16_t)pollfd_mask(&c->fds[i], pt);
		ready += c->fds[i].revents != 0;
	}
	return ready;
}

/* nofile_limit() - RLIMIT_NOFILE of the current process (poll's nfds bound). */
static uint64_t nofile_limit(void)
{
	struct thread *t = sched_current();

	return t->proc ? t->proc->rlim[RLIMIT_NOFILE].rlim_cur : FDTABLE_MAX;
}

/**
 * do_poll() - poll(2) and ppoll(2) with a kernel deadline.
 * @ufds: user array of @nfds struct pollfd; each revents is written back.
 * Context: a thread; sleeps. Return: the number of descriptors with revents != 0, 0 on
 * timeout, -EINVAL (@nfds > RLIMIT_NOFILE), -EFAULT, -ENOMEM, -ERESTARTNOHAND.
 */
static long do_poll(uaddr_t ufds, unsigned int nfds, const struct poll_deadline *d)
{
	struct poll_ctx c = { .nfds = nfds };
	struct poll_scan s = { poll_scan_fds, &c };
	size_t size = (size_t)nfds * sizeof(struct pollfd);
	long ret;

	if (nfds > nofile_limit())
		return -EINVAL;
	c.fds = kmalloc(MAX(size, 1));
	if (!c.fds)
		return -ENOMEM;
	ret = copy_from_user(c.fds, ufds, size) ? -EFAULT : 0;
	if (!ret)
		ret = poll_loop(&s, d);
	if (ret >= 0 && copy_to_user(ufds, c.fds, size))
		ret = -EFAULT;
	kfree(c.fds);
	return ret;
}

/* poll(fds, nfds, timeout_ms): a negative timeout waits forever. */
long sys_poll(const struct syscall_args *a)
{
	int ms = (int)a->arg[2];
	struct poll_deadline d = { .forever = true };
	long ret;

	if (ms >= 0)
		d = deadline_after((uint64_t)ms / MSEC_PER_SEC,
				   (uint64_t)ms % MSEC_PER_SEC * NSEC_PER_MSEC);
	ret = do_poll(a->arg[0], (unsigned int)a->arg[1], &d);
	if (ret == -ERESTARTNOHAND && !d.forever)
		ret = -EINTR;	/* the timeout is in a register: no restart (header comment) */
	return ret;
}

/* timespec_deadline() - a user timespec (NULL: forever) as a deadline. Return: 0, -EFAULT,
 * -EINVAL (negative, or tv_nsec outside [0, 1e9)). */
static int timespec_deadline(uaddr_t uts, struct poll_deadline *d)
{
	struct timespec ts;

	*d = (struct poll_deadline){ .forever = true };
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= (int64_t)NSEC_PER_SEC)
		return -EINVAL;
	*d = deadline_after((uint64_t)ts.tv_sec, (uint64_t)ts.tv_nsec);
	return 0;
}

/* timespec_update() - write the time left back (Linux does, for ppoll and pselect6), unless
 * there was no timeout or a zero one. If the write faults, the call cannot be restarted with
 * the time left, so an interruption becomes EINTR (Linux: poll_select_finish). */
static long timespec_update(uaddr_t uts, const struct poll_deadline *d, long ret)
{
	struct timespec ts;

	if (!uts || d->forever || d->now)
		return ret;
	deadline_left(d, &ts.tv_sec, &ts.tv_nsec);
	if (copy_to_user(uts, &ts, sizeof(ts)) && ret == -ERESTARTNOHAND)
		return -EINTR;
	return ret;
}

/* ppoll(fds, nfds, tmo_p, sigmask, sigsetsize) */
long sys_ppoll(const struct syscall_args *a)
{
	struct poll_deadline d;
	bool masked;
	long ret = timespec_deadline(a->arg[2], &d);

	if (!ret)
		ret = sigmask_apply(a->arg[3], a->arg[4], &masked);
	if (ret)
		return ret;
	ret = do_poll(a->arg[0], (unsigned int)a->arg[1], &d);
	ret = timespec_update(a->arg[2], &d, ret);
	sigmask_restore(masked, ret);
	return ret;
}

/* ---- select and pselect6 ---- */

/* The three sets of select: what is asked (in, out, ex) and the results, as bitmaps of
 * @words 64-bit words each, in one allocation. */
struct select_ctx {
	int n;				/* descriptors 0 .. n-1 */
	size_t words;
	uint64_t *want[3];		/* readfds, writefds, exceptfds as given */
	uint64_t *got[3];		/* the results */
};

static const unsigned int select_masks[3] = { POLLIN_SET, POLLOUT_SET, POLLEX_SET };

static bool bit_is_set(const uint64_t *set, int fd)
{
	return (set[fd / 64] >> (fd % 64)) & 1;
}

/* select_wanted() - does any of the three sets name @fd? */
static bool select_wanted(const struct select_ctx *c, int fd)
{
	return bit_is_set(c->want[0], fd) || bit_is_set(c->want[1], fd) ||
	       bit_is_set(c->want[2], fd);
}

/* select_check_fds() - EBADF if a set names a descriptor that is not open (Linux checks this
 * once, before waiting: max_select_fd). */
static int select_check_fds(const struct select_ctx *c)
{
	for (int fd = 0; fd < c->n; fd++) {
		struct file *f;

		if (!select_wanted(c, fd))
			continue;
		f = fget(fd);
		if (!f)
			return -EBADF;
		file_put(f);
	}
	return 0;
}

/* select_one() - poll @fd and set its result bits. Return: how many bits it set. */
static int select_one(struct select_ctx *c, int fd, struct poll_table *pt)
{
	struct file *f = fget(fd);
	unsigned int mask;
	int set = 0;

	if (!f)
		return 0;	/* closed during the wait: nothing to report (as Linux) */
	mask = vfs_poll(f, pt);
	file_put(f);
	for (int i = 0; i < 3; i++) {
		if (bit_is_set(c->want[i], fd) && (mask & select_masks[i])) {
			c->got[i][fd / 64] |= 1ULL << (fd % 64);
			set++;
		}
	}
	return set;
}

static int select_scan_fds(void *ctx, struct poll_table *pt)
{
	struct select_ctx *c = ctx;
	int ready = 0;

	for (int i = 0; i < 3; i++)
		for (size_t w = 0; w < c->words; w++)
			c->got[i][w] = 0;
	for (int fd = 0; fd < c->n; fd++)
		if (select_wanted(c, fd))
			ready += select_one(c, fd, pt);
	return ready;
}

/* select_copy_in() - the user sets (NULL: empty) into @c. Return: 0 or -EFAULT. */
static int select_copy_in(struct select_ctx *c, const uaddr_t usets[3])
{
	for (int i = 0; i < 3; i++) {
		for (size_t w = 0; w < c->words; w++)
			c->want[i][w] = 0;
		if (usets[i] && copy_from_user(c->want[i], usets[i], c->words * 8))
			return -EFAULT;
	}
	return 0;
}

/* select_copy_out() - the results back into the sets the caller gave. Return: 0 or -EFAULT. */
static int select_copy_out(const struct select_ctx *c, const uaddr_t usets[3])
{
	for (int i = 0; i < 3; i++)
		if (usets[i] && copy_to_user(usets[i], c->got[i], c->words * 8))
			return -EFAULT;
	return 0;
}

/* select_max_fds() - select's nfds bound: the size of the descriptor table (Linux clamps). */
static int select_max_fds(void)
{
	struct files_struct *files = current_files();

	return files ? (int)READ_ONCE(files->max_fds) : 0;
}

/**
 * do_select() - select(2) and pselect6(2) with a kernel deadline.
 * @n: nfds; clamped to the descriptor table's size. @usets: readfds, writefds, exceptfds
 * (user addresses, 0 for none); each given set is overwritten with its result.
 * Context: a thread; sleeps. Return: the number of bits set in the results, 0 on timeout,
 * -EINVAL (@n < 0), -EBADF, -EFAULT, -ENOMEM, -ERESTARTNOHAND.
 */
static long do_select(int n, const uaddr_t usets[3], const struct poll_deadline *d)
{
	struct select_ctx c;
	struct poll_scan s = { select_scan_fds, &c };
	uint64_t *bits;
	long ret;

	if (n < 0)
		return -EINVAL;
	c.n = MIN(n, select_max_fds());
	c.words = ((size_t)c.n + 63) / 64;
	bits = kmalloc(MAX(c.words, 1) * 6 * sizeof(uint64_t));
	if (!bits)
		return -ENOMEM;
	for (int i = 0; i < 3; i++) {
		c.want[i] = bits + (size_t)i * c.words;
		c.got[i] = bits + (size_t)(3 + i) * c.words;
	}
	ret = select_copy_in(&c, usets);
	if (!ret)
		ret = select_check_fds(&c);
	if (!ret)
		ret = poll_loop(&s, d);
	if (ret >= 0 && select_copy_out(&c, usets))
		ret = -EFAULT;
	kfree(bits);
	return ret;
}

/* select(nfds, readfds, writefds, exceptfds, timeout): a timeval, updated with the time left.
 * tv_usec of a million or more is carried into seconds, as Linux does; negative: EINVAL. */
long sys_select(const struct syscall_args *a)
{
	const uaddr_t usets[3] = { a->arg[1], a->arg[2], a->arg[3] };
	uaddr_t utv = a->arg[4];
	struct poll_deadline d = { .forever = true };
	struct timeval tv;
	long ret;

	if (utv) {
		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		d = deadline_after((uint64_t)tv.tv_sec + (uint64_t)tv.tv_usec / 1000000,
				   (uint64_t)tv.tv_usec % 1000000 * 1000);
	}
	ret = do_select((int)a->arg[0], usets, &d);
	if (utv && !d.forever && !d.now) {
		int64_t nsec;

		deadline_left(&d, &tv.tv_sec, &nsec);
		tv.tv_usec = nsec / 1000;
		if (copy_to_user(utv, &tv, sizeof(tv)) && ret == -ERESTARTNOHAND)
			ret = -EINTR;	/* as timespec_update() */
	}
	return ret;
}

/* pselect6(nfds, readfds, writefds, exceptfds, timeout, {sigmask, sigsetsize}) */
long sys_pselect6(const struct syscall_args *a)
{
	const uaddr_t usets[3] = { a->arg[1], a->arg[2], a->arg[3] };
	uint64_t sig[2] = { 0, 0 };	/* struct { const sigset_t *ss; size_t ss_len; } */
	struct poll_deadline d;
	bool masked = false;
	long ret = timespec_deadline(a->arg[4], &d);

	if (!ret && a->arg[5] && copy_from_user(sig, a->arg[5], sizeof(sig)))
		ret = -EFAULT;
	if (!ret)
		ret = sigmask_apply(sig[0], sig[1], &masked);
	if (ret)
		return ret;
	ret = do_select((int)a->arg[0], usets, &d);
	ret = timespec_update(a->arg[4], &d, ret);
	sigmask_restore(masked, ret);
	return ret;
}
