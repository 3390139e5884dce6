/* syslog.c - syslog(2): reading and clearing the kernel log, setting the console level.
 *
 * busybox and util-linux `dmesg` call it as klogctl(action, buf, len); busybox klogd uses
 * READ. The log itself is printk's ring (kernel/lib/printk.c), which already holds the text
 * in the form Linux hands out, "<6>[    1.234567] message\n" per line. The actions:
 *   - CLOSE, OPEN: nothing to do; 0.
 *   - READ_ALL: the newest whole lines that fit in len bytes, from the oldest kept line not
 *     cleared; READ_CLEAR the same, then CLEAR. CLEAR: READ_ALL forgets what is logged so far.
 *   - READ: klogd's stream: up to len bytes not yet READ, waiting until there are some.
 *     SIZE_UNREAD: how many bytes that is. SIZE_BUFFER: the ring's size, LOG_RING_SIZE.
 *   - CONSOLE_OFF: the console level to its minimum (only emergencies reach the console),
 *     saving the old one; CONSOLE_ON: the saved level back; CONSOLE_LEVEL: the level = len
 *     (1..8; printk prints a message when its level is below it, as `loglevel=` does).
 * Errors are Linux's, checked in its order: an unknown action or, for the reading actions, a
 * NULL buffer or negative len is EINVAL; len 0 reads nothing; a buffer outside user space,
 * or one that faults during the copy, is EFAULT. Everyone may call it: there are no
 * credentials yet (Linux wants CAP_SYSLOG, or dmesg_restrict=0 for the reads).
 *
 * Why a bounce buffer: the ring is guarded by log_lock, a leaf (any code may printk under
 * any lock), and copy_to_user may fault and take the mm locks - so the text is copied into
 * kmalloc'd memory under the lock and to user space after it is dropped.
 * Why READ polls: printk cannot wake a sleeper - it may run under any lock, the run queue's
 * included, and a wake-up takes the wait-queue and run-queue locks (lock_order.h) - so a
 * waiting READ looks again every SYSLOG_POLL_MS. (Linux defers klogd's wake-up to an
 * irq_work for the same reason.)
 * Locking: none of its own but saved_console_level, which is racy the way Linux's is (two
 *   CONSOLE_OFF at once save the same level, harmless).
 * See also: kernel/lib/printk.c, kernel/include/uapi/syslog.h, busybox's dmesg.c.
 * Linux: kernel/printk/printk.c (do_syslog, syslog_print, syslog_print_all).
 */
#include "kmalloc.h"
#include "printk.h"
#include "sched.h"
#include "signal.h"
#include "syscalls.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/syslog.h"

#define SYSLOG_POLL_MS		100	/* a waiting READ looks for new text this often */
#define CONSOLE_LEVEL_MIN	1	/* CONSOLE_OFF: only LOGLEVEL_EMERG gets through */
#define CONSOLE_LEVEL_MAX	8	/* every level, debug included */
#define NO_SAVED_LEVEL		(-1)

static int saved_console_level = NO_SAVED_LEVEL;	/* set by CONSOLE_OFF */

/* syslog_copy_out() - read the log for @action (READ, READ_ALL or READ_CLEAR) into a kernel
 * bounce buffer, then copy it to @ubuf. Return: the byte count, -ENOMEM or -EFAULT. */
static long syslog_copy_out(int action, uaddr_t ubuf, size_t len)
{
	size_t size = len < LOG_RING_SIZE ? len : LOG_RING_SIZE;
	char *text = kmalloc(size);
	size_t n;
	long ret;

	if (!text)
		return -ENOMEM;
	if (action == SYSLOG_ACTION_READ)
		n = printk_log_read(text, size);
	else
		n = printk_log_read_all(text, size, action == SYSLOG_ACTION_READ_CLEAR);
	ret = copy_to_user(ubuf, text, n) ? -EFAULT : (long)n;
	kfree(text);
	return ret;
}

/* syslog_wait_unread() - sleep until the log has text READ has not returned (polling: see the
 * header comment). Return: 0, or -ERESTARTSYS when a signal is pending. */
static long syslog_wait_unread(void)
{
	while (printk_log_unread() == 0) {
		if (!sched_sleep_ms_interruptible(SYSLOG_POLL_MS))
			return -ERESTARTSYS;
	}
	return 0;
}

/* syslog_read() - READ, READ_ALL, READ_CLEAR: check the buffer as Linux does, then copy. */
static long syslog_read(int action, uaddr_t ubuf, int len)
{
	long ret;

	if (!ubuf || len < 0)
		return -EINVAL;
	if (len == 0)
		return 0;
	if (!user_range_ok(ubuf, (size_t)len))
		return -EFAULT;
	if (action == SYSLOG_ACTION_READ) {
		ret = syslog_wait_unread();
		if (ret)
			return ret;
	}
	return syslog_copy_out(action, ubuf, (size_t)len);
}

/* syslog_console_off() - CONSOLE_OFF: keep the level for CONSOLE_ON, then the minimum. A
 * second OFF keeps the first one's saved level. */
static long syslog_console_off(void)
{
	if (saved_console_level == NO_SAVED_LEVEL)
		saved_console_level = printk_console_level();
	printk_set_console_level(CONSOLE_LEVEL_MIN);
	return 0;
}

/* syslog_console_on() - CONSOLE_ON: the level saved by CONSOLE_OFF, if any. */
static long syslog_console_on(void)
{
	if (saved_console_level != NO_SAVED_LEVEL) {
		printk_set_console_level(saved_console_level);
		saved_console_level = NO_SAVED_LEVEL;
	}
	return 0;
}

/* syslog_console_level() - CONSOLE_LEVEL: @level in 1..8 becomes the console level; an
 * earlier CONSOLE_OFF is forgotten (a later CONSOLE_ON changes nothing). */
static long syslog_console_level(int level)
{
	if (level < CONSOLE_LEVEL_MIN || level > CONSOLE_LEVEL_MAX)
		return -EINVAL;
	printk_set_console_level(level);
	saved_console_level = NO_SAVED_LEVEL;
	return 0;
}

/**
 * do_syslog() - carry out one syslog(2) action on the kernel log.
 * @action: SYSLOG_ACTION_* (kernel/include/uapi/syslog.h).
 * @ubuf: the user buffer of the reading actions (READ, READ_ALL, READ_CLEAR); else unused.
 * @len: the buffer's size for those; the level for CONSOLE_LEVEL; else unused.
 *
 * The header comment lists what each action does.
 * Context: a thread, no locks held; READ sleeps until there is unread text.
 * Return: the bytes copied (reads), the size asked for (SIZE_*), or 0; -EINVAL for an unknown
 * action, a NULL @ubuf or negative @len where a buffer is needed, or a level outside 1..8;
 * -EFAULT if @ubuf is not writable user memory; -ENOMEM if the bounce buffer cannot be had;
 * -ERESTARTSYS if a signal ended READ's wait.
 */
static long do_syslog(int action, uaddr_t ubuf, int len)
{
	switch (action) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		return syslog_read(action, ubuf, len);
	case SYSLOG_ACTION_CLEAR:
		printk_log_clear();
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
		return syslog_console_off();
	case SYSLOG_ACTION_CONSOLE_ON:
		return syslog_console_on();
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		return syslog_console_level(len);
	case SYSLOG_ACTION_SIZE_UNREAD:
		return (long)printk_log_unread();
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_RING_SIZE;
	default:
		return -EINVAL;
	}
}

/* syslog(int type, char *bufp, int len) */
long sys_syslog(const struct syscall_args *a)
{
	return do_syslog((int)a->arg[0], a->arg[1], (int)a->arg[2]);
}
