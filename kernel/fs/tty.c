/* tty.c - the console terminal: the serial port as /dev/console, /dev/tty and /dev/ttyS0.
 *
 * A tty joins three things: a line discipline (kernel/fs/ldisc.c: editing, echo, modes), a
 * device that carries bytes (the 16550 UART behind arch_console_putc() and its receive
 * interrupt), and the file operations programs reach it through. Bytes typed arrive in
 * interrupt context through tty_receive_byte(), which feeds the line discipline, sends its
 * echo, and wakes readers. A reader sleeps on read_wait until the line discipline has what
 * the mode asks for: a whole line (canonical), or VMIN bytes within VTIME tenths of a second
 * (non-canonical). Writes go through the line discipline's output processing and out at once:
 * there is no output queue, so TCSETSW has nothing to wait for.
 *
 * There is one tty, the console; the three device numbers name it. /dev/tty should be the
 * caller's controlling terminal, which arrives with sessions (TODO(signals)).
 * Locking: tty->lock (LOCK_TTY) protects the line discipline and the window size. It is taken
 * in the interrupt handler too, which is safe because holding a spinlock disables interrupts.
 * Readers test their condition under the lock; the wake-up, and sending bytes to the port,
 * happen after unlocking.
 * See also: kernel/include/ldisc.h, arch/x86_64/serial.c, kernel/include/uapi/termios.h.
 * Linux: drivers/tty/tty_io.c, drivers/tty/n_tty.c, drivers/tty/tty_ioctl.c. */
#include "arch.h"
#include "chrdev.h"
#include "file.h"
#include "ldisc.h"
#include "printk.h"
#include "spinlock.h"
#include "tty.h"
#include "uaccess.h"
#include "wait_queue.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/termios.h"

struct tty {
	struct spinlock lock;		/* LOCK_TTY */

	/* Protected by lock: */
	struct ldisc ld;		/* modes, the edit line, input waiting to be read */
	struct winsize winsize;		/* what TIOCGWINSZ reports; nothing else uses it */
	bool ready;			/* tty_init() has run; input before that is dropped */

	struct wait_queue read_wait;	/* readers waiting for input; woken on every byte */
};

static struct tty console_tty = {
	.lock = SPINLOCK_INIT("tty", LOCK_TTY),
	.read_wait = WAIT_QUEUE_INIT(console_tty.read_wait, "tty read"),
};

/* tty_of() - the tty behind an open file: the console, the only one so far. */
static struct tty *tty_of(struct file *f)
{
	(void)f;
	return &console_tty;
}

/* ---- output ---- */

/* console_send() - bytes to the serial port. arch_console_putc() turns "\n" into "\r\n"
 * itself, so the CR that ONLCR put before a NL is not sent twice. Called without the lock:
 * at 115200 baud a full buffer takes ~45 ms, too long to keep interrupts off on real hardware
 * (QEMU sends at once). Echo may thus land between two chunks of a write, as on Linux. */
static void console_send(const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (buf[i] == '\r' && i + 1 < n && buf[i + 1] == '\n')
			continue;
		arch_console_putc(buf[i]);
	}
}

/**
 * tty_receive_byte() - a byte arrived from the terminal.
 * @c: the byte.
 *
 * Context: the serial receive interrupt (interrupts off); takes tty->lock. Return: nothing.
 */
void tty_receive_byte(char c)
{
	struct tty *tty = &console_tty;
	char echo[LDISC_OUT_SIZE];
	size_t n = 0;
	bool ready;

	spin_lock(&tty->lock);
	ready = tty->ready;
	if (ready) {
		ldisc_receive(&tty->ld, c);
		n = ldisc_take_output(&tty->ld, echo, sizeof(echo));
	}
	spin_unlock(&tty->lock);
	console_send(echo, n);
	if (ready)
		wake_up_all(&tty->read_wait);
}

/* tty_write() - the write() operation: output processing, then straight to the port. */
static ssize_t tty_write(struct file *f, const void *buf, size_t n, uint64_t *pos)
{
	struct tty *tty = tty_of(f);
	char out[LDISC_OUT_SIZE];
	const char *p = buf;
	size_t done = 0, len;

	(void)pos;
	while (done < n) {	/* a chunk at a time, each processed under the lock */
		spin_lock(&tty->lock);
		done += ldisc_write(&tty->ld, p + done, n - done);
		len = ldisc_take_output(&tty->ld, out, sizeof(out));
		spin_unlock(&tty->lock);
		console_send(out, len);
	}
	return (ssize_t)n;
}

/* ---- input ---- */

/* input_ready() - the reader's wait condition: ldisc_read_ready() under the lock. */
static bool input_ready(struct tty *tty, size_t min)
{
	bool ready;

	spin_lock(&tty->lock);
	ready = ldisc_read_ready(&tty->ld, min);
	spin_unlock(&tty->lock);
	return ready;
}

static size_t ready_bytes(struct tty *tty)
{
	size_t n;

	spin_lock(&tty->lock);
	n = ldisc_ready_bytes(&tty->ld);
	spin_unlock(&tty->lock);
	return n;
}

/* wait_raw() - non-canonical mode's VMIN/VTIME rules, for a read of @n bytes:
 *   MIN = 0, TIME = 0: return at once with what is there, even nothing;
 *   MIN = 0, TIME > 0: wait up to TIME for the first byte;
 *   MIN > 0, TIME = 0: wait for MIN bytes (or @n, if smaller);
 *   MIN > 0, TIME > 0: wait for the first byte, then until MIN bytes or TIME passes with no
 *                      new byte (TIME is an inter-byte timer). */
static void wait_raw(struct tty *tty, size_t min, unsigned int time, size_t n)
{
	uint64_t ms = (uint64_t)time * 100;	/* TIME is in tenths of a second */
	size_t want = min < n ? min : n;

	if (min == 0) {
		if (time)
			wait_event_timeout(&tty->read_wait, input_ready(tty, 1), ms);
		return;
	}
	if (time == 0) {
		wait_event(&tty->read_wait, input_ready(tty, want));
		return;
	}
	wait_event(&tty->read_wait, input_ready(tty, 1));
	while (!input_ready(tty, want)) {
		size_t had = ready_bytes(tty);

		if (!wait_event_timeout(&tty->read_wait, ready_bytes(tty) > had, ms))
			break;
	}
}

/* wait_for_input() - sleep until a read can return, as the modes say.
 * Return: 0, or -EAGAIN for an O_NONBLOCK reader that would have to wait. */
static int wait_for_input(struct tty *tty, struct file *f, size_t n)
{
	size_t min;
	unsigned int time;
	bool canonical;

	spin_lock(&tty->lock);
	canonical = ldisc_is_canonical(&tty->ld);
	min = tty->ld.termios.c_cc[VMIN];
	time = tty->ld.termios.c_cc[VTIME];
	spin_unlock(&tty->lock);
	if (!canonical && min == 0 && time == 0)
		return 0;	/* a poll: never an error, even with O_NONBLOCK (as Linux) */
	if (file_flags(f) & O_NONBLOCK)	/* a line, or in raw mode any byte, or EAGAIN */
		return input_ready(tty, 1) ? 0 : -EAGAIN;
	/* TODO(signals): these sleeps become interruptible (EINTR, ERESTARTSYS). */
	if (canonical)
		wait_event(&tty->read_wait, input_ready(tty, 1));
	else
		wait_raw(tty, min, time, n);
	return 0;
}

/* tty_read() - the read() operation: wait as the modes say, then take what is ready. */
static ssize_t tty_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	struct tty *tty = tty_of(f);
	size_t got;
	int err;

	(void)pos;
	if (n == 0)
		return 0;
	err = wait_for_input(tty, f, n);
	if (err)
		return err;
	spin_lock(&tty->lock);
	got = ldisc_read(&tty->ld, buf, n);
	spin_unlock(&tty->lock);
	return (ssize_t)got;
}

/* ---- ioctl: one small function per request ---- */

static long tty_get_termios(struct tty *tty, uaddr_t uarg)
{
	struct termios t;

	spin_lock(&tty->lock);
	t = tty->ld.termios;
	spin_unlock(&tty->lock);
	return copy_to_user(uarg, &t, sizeof(t));
}

/* tty_set_termios() - TCSETS, TCSETSW (output is never queued, so no wait) and TCSETSF. */
static long tty_set_termios(struct tty *tty, uaddr_t uarg, bool flush)
{
	struct termios t;

	if (copy_from_user(&t, uarg, sizeof(t)))
		return -EFAULT;
	spin_lock(&tty->lock);
	if (flush)
		ldisc_flush_input(&tty->ld);
	ldisc_set_termios(&tty->ld, &t);
	spin_unlock(&tty->lock);
	wake_up_all(&tty->read_wait);	/* a new VMIN or mode may satisfy a reader */
	return 0;
}

static long tty_flush(struct tty *tty, uint64_t queue)
{
	if (queue != TCIFLUSH && queue != TCOFLUSH && queue != TCIOFLUSH)
		return -EINVAL;
	if (queue == TCOFLUSH)
		return 0;	/* output is never queued */
	spin_lock(&tty->lock);
	ldisc_flush_input(&tty->ld);
	spin_unlock(&tty->lock);
	return 0;
}

static long tty_get_winsize(struct tty *tty, uaddr_t uarg)
{
	struct winsize ws;

	spin_lock(&tty->lock);
	ws = tty->winsize;
	spin_unlock(&tty->lock);
	return copy_to_user(uarg, &ws, sizeof(ws));
}

static long tty_set_winsize(struct tty *tty, uaddr_t uarg)
{
	struct winsize ws;

	if (copy_from_user(&ws, uarg, sizeof(ws)))
		return -EFAULT;
	spin_lock(&tty->lock);
	tty->winsize = ws;	/* TODO(signals): a change sends SIGWINCH to the foreground */
	spin_unlock(&tty->lock);
	return 0;
}

/* tty_put_int() - FIONREAD (bytes ready to read) and TIOCOUTQ (bytes not yet sent: 0). */
static long tty_put_int(uaddr_t uarg, size_t value)
{
	int v = (int)value;

	return copy_to_user(uarg, &v, sizeof(v));
}

/* tty_ioctl() - the ioctl() operation. Unknown requests give ENOTTY, as on Linux.
 * TODO(signals): TIOCSCTTY, TIOCNOTTY, TIOCGPGRP, TIOCSPGRP come with sessions and process
 * groups; until then they fail with ENOTTY (busybox sh then runs without job control). */
static long tty_ioctl(struct file *f, unsigned int cmd, uint64_t arg)
{
	struct tty *tty = tty_of(f);

	switch (cmd) {
	case TCGETS:
		return tty_get_termios(tty, arg);
	case TCSETS:
	case TCSETSW:
		return tty_set_termios(tty, arg, false);
	case TCSETSF:
		return tty_set_termios(tty, arg, true);
	case TCFLSH:
		return tty_flush(tty, arg);
	case TIOCGWINSZ:
		return tty_get_winsize(tty, arg);
	case TIOCSWINSZ:
		return tty_set_winsize(tty, arg);
	case FIONREAD:
		return tty_put_int(arg, ready_bytes(tty));
	case TIOCOUTQ:
		return tty_put_int(arg, 0);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations tty_fops = {
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
};

/* register_node() - one device number for the console tty; a failure is logged, not fatal. */
static void register_node(unsigned int major, unsigned int minor, const char *name)
{
	int err = chrdev_register(major, minor, name, &tty_fops);

	if (err)
		pr_err("tty: cannot register %s (%u:%u): error %d\n", name, major, minor, err);
}

/**
 * tty_init() - make the console a terminal: Linux's default modes and an 80x24 window,
 * the device numbers of /dev/console, /dev/tty and /dev/ttyS0, then the receive interrupt.
 *
 * Context: boot, after the VFS (chrdev) is up; once. Return: nothing.
 */
void tty_init(void)
{
	struct tty *tty = &console_tty;

	spin_lock(&tty->lock);
	ldisc_init(&tty->ld);
	tty->winsize = (struct winsize){ .ws_row = TTY_DEFAULT_ROWS, .ws_col = TTY_DEFAULT_COLS };
	tty->ready = true;
	spin_unlock(&tty->lock);
	register_node(TTYAUX_MAJOR, TTY_CONSOLE_MINOR, "console");
	register_node(TTYAUX_MAJOR, TTY_CURRENT_MINOR, "tty");
	register_node(TTY_MAJOR, TTY_SERIAL_MINOR, "ttyS0");
	arch_console_enable_input();
	pr_info("tty: console is ttyS0 (/dev/console 5:1, /dev/tty 5:0, /dev/ttyS0 4:64)\n");
}
