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
 * There is one tty, the console; the three device numbers name it. It can be the controlling
 * terminal of one session, with a foreground process group that ^C, ^Z and ^\ signal (job
 * control, below). /dev/tty should be the caller's controlling terminal, ENXIO without one
 * (TODO(signals): it is always the console for now).
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
#include "poll.h"
#include "printk.h"
#include "pid.h"
#include "process.h"
#include "sched.h"
#include "signal.h"
#include "spinlock.h"
#include "tty.h"
#include "uaccess.h"
#include "wait_queue.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/signal.h"
#include "uapi/termios.h"
#include "vfs.h"

struct tty {
	struct spinlock lock;		/* LOCK_TTY */

	/* Protected by lock: */
	struct ldisc ld;		/* modes, the edit line, input waiting to be read */
	struct winsize winsize;		/* what TIOCGWINSZ reports; nothing else uses it */
	bool ready;			/* tty_init() has run; input before that is dropped */

	struct wait_queue read_wait;	/* readers waiting for input; woken on every byte */

	/* Protected by tasklist_lock (job control, see "controlling terminal" below): */
	pid_t session;			/* the session it is the controlling tty of; 0: none */
	pid_t pgrp;			/* its foreground process group; 0: none */
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

/* ---- controlling terminal and job control ----
 *
 * A session leader acquires the tty as its controlling terminal (TIOCSCTTY, or opening
 * /dev/ttyS0 without O_NOCTTY when it has none; /dev/console never becomes one on open, as on
 * Linux); its children inherit it (p->sig.tty, kernel/signal.c). The tty remembers the session
 * and its foreground group (TIOCSPGRP). A process of the session but of another group is in
 * the background: reading sends its group SIGTTIN, writing with TOSTOP (and changing the
 * modes) SIGTTOU - unless it ignores or blocks the signal (then a read fails with EIO and a
 * write goes ahead) or its group is orphaned (EIO: nobody would continue it). When the session
 * leader exits, the foreground group gets SIGHUP and SIGCONT and the tty is free again.
 * Signals are sent without tty->lock held (lock_order.h); tasklist_lock guards session/pgrp.
 * Linux: drivers/tty/tty_jobctrl.c. */

/* tostop() - TOSTOP: background writers are stopped too. */
static bool tostop(struct tty *tty)
{
	bool on;

	spin_lock(&tty->lock);
	on = (tty->ld.termios.c_lflag & TOSTOP) != 0;
	spin_unlock(&tty->lock);
	return on;
}

/* ignores_or_blocks() - the caller would not be stopped by @sig. */
static bool ignores_or_blocks(int sig)
{
	struct thread *t = sched_current();
	uint64_t h = READ_ONCE(t->proc->sighand->action[sig - 1].handler);

	return h == SIG_IGN || (READ_ONCE(t->sig.blocked) & (1ULL << (sig - 1)));
}

/**
 * tty_job_control() - may the caller use @tty now, or is it a background process?
 * @tty: the tty. @sig: SIGTTIN (a read) or SIGTTOU (a write with TOSTOP, a mode change).
 *
 * Context: thread, no spinlock held. Return: 0 (go ahead); -EIO (SIGTTIN ignored/blocked,
 * or an orphaned group); -ERESTARTSYS after sending @sig to the caller's group (the call is
 * restarted once the group is continued in the foreground).
 */
static long tty_job_control(struct tty *tty, int sig)
{
	struct process *p = current_process();
	pid_t pgid = 0;
	long ret = 0;

	spin_lock(&tasklist_lock);
	if (p->sig.tty == tty && tty->pgrp && p->pgid != tty->pgrp) {
		if (ignores_or_blocks(sig))
			ret = sig == SIGTTIN ? -EIO : 0;
		else if (pgrp_is_orphaned_locked(p->pgid))
			ret = -EIO;
		else
			ret = -ERESTARTSYS, pgid = p->pgid;
	}
	spin_unlock(&tasklist_lock);
	if (pgid)
		pgrp_send_signal(pgid, sig);
	return ret;
}

/* attach_locked() - @tty becomes the controlling tty of @p's session, @p's group in front. */
static void attach_locked(struct tty *tty, struct process *p)
{
	assert_held(&tasklist_lock);
	tty->session = p->sid;
	tty->pgrp = p->pgid;
	p->sig.tty = tty;
}

/* forget_tty() - process_for_each() callback: @p loses its controlling tty @arg. */
static bool forget_tty(struct process *p, void *arg)
{
	if (p->sig.tty == arg)
		p->sig.tty = NULL;
	return false;
}

/* detach_locked() - @tty controls no session any more; nobody has it as controlling tty. */
static void detach_locked(struct tty *tty)
{
	assert_held(&tasklist_lock);
	tty->session = 0;
	tty->pgrp = 0;
	process_for_each_locked(forget_tty, tty);
}

/* tty_set_ctty() - TIOCSCTTY: a session leader without one takes @tty; @steal (arg 1, root)
 * takes it even from another session. Return: 0 or -EPERM. */
static long tty_set_ctty(struct tty *tty, uint64_t steal)
{
	struct process *p = current_process();
	long err = 0;

	spin_lock(&tasklist_lock);
	if (p->sig.tty == tty && tty->session == p->sid) {
		err = 0;
	} else if (p->sid != p->tgid || p->sig.tty) {
		err = -EPERM;
	} else if (tty->session && tty->session != p->sid && steal != 1) {
		err = -EPERM;
	} else {
		if (tty->session)
			detach_locked(tty);
		attach_locked(tty, p);
	}
	spin_unlock(&tasklist_lock);
	return err;
}

/* hangup_session() - the session gives the tty up: its foreground group gets SIGHUP and
 * SIGCONT (stopped jobs must see the hang-up), and nobody keeps it as controlling tty. */
static void hangup_session(struct tty *tty)
{
	pid_t pgrp;

	spin_lock(&tasklist_lock);
	pgrp = tty->pgrp;
	detach_locked(tty);
	spin_unlock(&tasklist_lock);
	if (pgrp) {
		pgrp_send_signal(pgrp, SIGHUP);
		pgrp_send_signal(pgrp, SIGCONT);
	}
}

/* tty_no_ctty() - TIOCNOTTY: the caller gives up its controlling tty; a session leader gives
 * it up for the whole session. Return: 0, or -ENOTTY if @tty is not its controlling tty. */
static long tty_no_ctty(struct tty *tty)
{
	struct process *p = current_process();
	bool leader;

	spin_lock(&tasklist_lock);
	if (p->sig.tty != tty) {
		spin_unlock(&tasklist_lock);
		return -ENOTTY;
	}
	leader = p->sid == p->tgid;
	if (!leader)
		p->sig.tty = NULL;
	spin_unlock(&tasklist_lock);
	if (leader)
		hangup_session(tty);
	return 0;
}

/**
 * tty_session_exit() - a process is exiting: if it leads a session with a controlling tty,
 * the tty is hung up (SIGHUP, SIGCONT to the foreground group) and freed for a new session.
 * @p: the exiting process (its last thread, before it becomes a zombie).
 *
 * Context: thread, no spinlock held. Return: nothing. Linux: disassociate_ctty(1) in do_exit.
 */
void tty_session_exit(struct process *p)
{
	struct tty *tty;

	spin_lock(&tasklist_lock);
	tty = p->sid == p->tgid ? p->sig.tty : NULL;
	if (tty && tty->session != p->sid)
		tty = NULL;
	spin_unlock(&tasklist_lock);
	if (tty)
		hangup_session(tty);
}

/* ctty_value() - TIOCGPGRP / TIOCGSID: the foreground group or the session of the caller's
 * controlling tty, as the caller's pid namespace numbers it (0 if led from outside it).
 * Return: 0 or -ENOTTY (not its controlling tty), -EFAULT. */
static long ctty_value(struct tty *tty, uaddr_t uarg, bool session)
{
	struct process *p = current_process();
	int v = -1;

	spin_lock(&tasklist_lock);
	if (p->sig.tty == tty && tty->session) {
		pid_t global = session ? tty->session : tty->pgrp;

		v = global ? pid_vnr(pgrp_pid_locked(global, session)) : 0;
	}
	spin_unlock(&tasklist_lock);
	if (v < 0)
		return -ENOTTY;
	return copy_to_user(uarg, &v, sizeof(v));
}

/* set_pgrp_locked() - TIOCSPGRP's checks and the change; @nr is the group as the caller
 * numbers it. Return: 0 or -errno. */
static long set_pgrp_locked(struct tty *tty, struct process *p, int nr)
{
	struct pid *group;
	pid_t pgrp;

	assert_held(&tasklist_lock);
	if (p->sig.tty != tty || tty->session != p->sid)
		return -ENOTTY;
	if (nr < 0)
		return -EINVAL;
	group = pgrp_find_vnr_locked(nr, false);
	if (!group)
		return -ESRCH;
	pgrp = group->numbers[0].nr;
	if (!pgrp_exists_in_session_locked(pgrp, p->sid))
		return pgrp_exists_in_session_locked(pgrp, 0) ? -EPERM : -ESRCH;
	tty->pgrp = pgrp;
	return 0;
}

/* tty_set_pgrp() - TIOCSPGRP: a group of the caller's session comes to the foreground. A
 * background caller is first subject to SIGTTOU (job control). Return: 0 or -errno. */
static long tty_set_pgrp(struct tty *tty, uaddr_t uarg)
{
	int pgrp;
	long err = tty_job_control(tty, SIGTTOU);

	if (err)
		return err;
	if (copy_from_user(&pgrp, uarg, sizeof(pgrp)))
		return -EFAULT;
	spin_lock(&tasklist_lock);
	err = set_pgrp_locked(tty, current_process(), pgrp);
	spin_unlock(&tasklist_lock);
	return err;
}

/* tty_open() - the open() operation: /dev/ttyS0 opened by a session leader without a
 * controlling tty, and without O_NOCTTY, becomes its controlling tty (Linux's tty_open; the
 * console device is exempt there too). */
static int tty_open(struct inode *inode, struct file *f)
{
	struct tty *tty = tty_of(f);
	struct process *p = current_process();

	if (!p || inode->i_rdev != MKDEV(TTY_MAJOR, TTY_SERIAL_MINOR) ||
	    (file_flags(f) & O_NOCTTY))
		return 0;
	spin_lock(&tasklist_lock);
	if (p->sid == p->tgid && !p->sig.tty && !tty->session)
		attach_locked(tty, p);
	spin_unlock(&tasklist_lock);
	return 0;
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
 * A signal character (^C ^\ ^Z with ISIG) sends its signal to the foreground process group,
 * from here: the interrupt came while the CPU held no spinlock (spinlocks keep interrupts
 * off), so taking tasklist_lock and the targets' sighand locks is safe.
 * Context: the serial receive interrupt (interrupts off); takes tty->lock. Return: nothing.
 */
void tty_receive_byte(char c)
{
	struct tty *tty = &console_tty;
	char echo[LDISC_OUT_SIZE];
	size_t n = 0;
	bool ready;

	int sig = 0;

	spin_lock(&tty->lock);
	ready = tty->ready;
	if (ready) {
		sig = ldisc_receive(&tty->ld, c);
		n = ldisc_take_output(&tty->ld, echo, sizeof(echo));
	}
	spin_unlock(&tty->lock);
	console_send(echo, n);
	if (sig)	/* ^C ^\ ^Z: after the tty lock is dropped, as the lock order demands */
		pgrp_send_signal(READ_ONCE(tty->pgrp), sig);
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
	if (tostop(tty)) {
		long err = tty_job_control(tty, SIGTTOU);

		if (err)
			return err;
	}
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
 *                      new byte (TIME is an inter-byte timer).
 * Every wait is interruptible. Return: 0, or -ERESTARTSYS if a signal came first. */
static int wait_raw(struct tty *tty, size_t min, unsigned int time, size_t n)
{
	uint64_t ms = (uint64_t)time * 100;	/* TIME is in tenths of a second */
	size_t want = min < n ? min : n;
	long ret;

	if (min == 0) {
		ret = time ? wait_event_interruptible_timeout(&tty->read_wait,
							      input_ready(tty, 1), ms) : 0;
		return ret < 0 ? (int)ret : 0;
	}
	if (time == 0)
		return wait_event_interruptible(&tty->read_wait, input_ready(tty, want));
	ret = wait_event_interruptible(&tty->read_wait, input_ready(tty, 1));
	while (ret == 0 && !input_ready(tty, want)) {
		size_t had = ready_bytes(tty);

		ret = wait_event_interruptible_timeout(&tty->read_wait, ready_bytes(tty) > had, ms);
		ret = ret > 0 ? 0 : ret < 0 ? ret : 1;	/* 1: the inter-byte timer ran out */
	}
	return ret < 0 ? (int)ret : 0;
}

/* wait_for_input() - sleep until a read can return, as the modes say. A signal ends the wait
 * (-ERESTARTSYS: EINTR or a restart, kernel/signal_deliver.c) unless input already waits, which
 * is then returned, as Linux's n_tty_read returns what it has.
 * Return: 0, -EAGAIN for an O_NONBLOCK reader that would have to wait, or -ERESTARTSYS. */
static int wait_for_input(struct tty *tty, struct file *f, size_t n)
{
	size_t min;
	unsigned int time;
	bool canonical;
	int err;

	spin_lock(&tty->lock);
	canonical = ldisc_is_canonical(&tty->ld);
	min = tty->ld.termios.c_cc[VMIN];
	time = tty->ld.termios.c_cc[VTIME];
	spin_unlock(&tty->lock);
	if (!canonical && min == 0 && time == 0)
		return 0;	/* a poll: never an error, even with O_NONBLOCK (as Linux) */
	if (file_flags(f) & O_NONBLOCK)	/* a line, or in raw mode any byte, or EAGAIN */
		return input_ready(tty, 1) ? 0 : -EAGAIN;
	if (canonical)
		err = wait_event_interruptible(&tty->read_wait, input_ready(tty, 1));
	else
		err = wait_raw(tty, min, time, n);
	return err && !input_ready(tty, 1) ? err : 0;
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
	err = tty_job_control(tty, SIGTTIN);
	if (!err)
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

/* tty_change_termios() - TCSETS*: a background process is subject to SIGTTOU first. */
static long tty_change_termios(struct tty *tty, uaddr_t uarg, bool flush)
{
	long err = tty_job_control(tty, SIGTTOU);

	return err ? err : tty_set_termios(tty, uarg, flush);
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
	bool changed;

	if (copy_from_user(&ws, uarg, sizeof(ws)))
		return -EFAULT;
	spin_lock(&tty->lock);
	changed = ws.ws_row != tty->winsize.ws_row || ws.ws_col != tty->winsize.ws_col ||
		  ws.ws_xpixel != tty->winsize.ws_xpixel || ws.ws_ypixel != tty->winsize.ws_ypixel;
	tty->winsize = ws;
	spin_unlock(&tty->lock);
	if (changed)	/* the foreground job redraws (Linux: tty_do_resize) */
		pgrp_send_signal(READ_ONCE(tty->pgrp), SIGWINCH);
	return 0;
}

/* tty_put_int() - FIONREAD (bytes ready to read) and TIOCOUTQ (bytes not yet sent: 0). */
static long tty_put_int(uaddr_t uarg, size_t value)
{
	int v = (int)value;

	return copy_to_user(uarg, &v, sizeof(v));
}

/* tty_ioctl() - the ioctl() operation. Unknown requests give ENOTTY, as on Linux. */
static long tty_ioctl(struct file *f, unsigned int cmd, uint64_t arg)
{
	struct tty *tty = tty_of(f);

	switch (cmd) {
	case TCGETS:
		return tty_get_termios(tty, arg);
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return tty_change_termios(tty, arg, cmd == TCSETSF);
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
	case TIOCSCTTY:
		return tty_set_ctty(tty, arg);
	case TIOCNOTTY:
		return tty_no_ctty(tty);
	case TIOCGPGRP:
		return ctty_value(tty, arg, false);
	case TIOCSPGRP:
		return tty_set_pgrp(tty, arg);
	case TIOCGSID:
		return ctty_value(tty, arg, true);
	default:
		return -ENOTTY;
	}
}

/* tty_poll() - readable when a read would not wait: a whole line (canonical), else VMIN
 * bytes when VTIME is 0 and VMIN > 0, else one byte (Linux: n_tty_poll, input_available_p);
 * always writable, since output is never queued. */
static unsigned int tty_poll(struct file *f, struct poll_table *pt)
{
	struct tty *tty = tty_of(f);
	unsigned int mask = POLLOUT | POLLWRNORM;
	size_t min = 1;

	poll_wait(f, &tty->read_wait, pt);
	spin_lock(&tty->lock);
	if (!ldisc_is_canonical(&tty->ld) && tty->ld.termios.c_cc[VTIME] == 0 &&
	    tty->ld.termios.c_cc[VMIN] > 0)
		min = tty->ld.termios.c_cc[VMIN];
	if (ldisc_read_ready(&tty->ld, min))
		mask |= POLLIN | POLLRDNORM;
	spin_unlock(&tty->lock);
	return mask;
}

static const struct file_operations tty_fops = {
	.open = tty_open,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
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
