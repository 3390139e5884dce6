/* printk.c - the kernel log: every message into a ring buffer, most onto the console.
 *
 * A message is formatted once and appended to a fixed ring of LOG_RING_SIZE bytes (the oldest
 * text is overwritten when it is full). Each line in the ring starts with its level and the
 * time since boot, "<6>[    1.234567] " - the text syslog(2)'s READ_ALL hands to dmesg, so
 * it is stored that way and copied out as it is. A line whose level is below the console
 * level also goes to the serial console, stamped but without the "<N>".
 *
 * Positions: a byte is named by its position, the count of bytes logged before it since boot
 * (64 bits never wrap); it sits at log_ring[pos % LOG_RING_SIZE] while it is kept. The
 * readers' marks are positions: log_clear_pos (SYSLOG_ACTION_CLEAR: READ_ALL starts no
 * earlier) and log_read_pos (what SYSLOG_ACTION_READ has consumed). Readers get whole lines
 * from the oldest kept one; once the ring has wrapped, the line it cut is dropped.
 *
 * Invariants: the bytes [max(0, log_next - LOG_RING_SIZE), log_next) are kept;
 *   log_line_start <= log_next is the first byte of the last line; log_clear_pos is a line
 *   start (log_read_pos may be mid-line: READ hands out bytes, not lines).
 * Locking: log_lock (LOCK_PRINTK, a leaf: printk may be called under any other lock) guards
 *   the ring, the positions and the console. Readers copy into kernel memory under it and
 *   copy to user space after dropping it. After printk_enter_panic() the lock is ignored: a
 *   panic must get its message out even if it interrupted a printk holding the lock.
 * See also: kernel/syslog.c (syslog(2) reads it: busybox dmesg), kernel/lib/vsprintf.c
 *   (formatting), arch/x86_64/serial.c (the console).
 * Linux: kernel/printk/printk.c (which keeps records with a level and a timestamp each and
 *   formats them when read; we store the formatted text). */
#include "printk.h"
#include "arch.h"
#include "spinlock.h"
#include "vsprintf.h"

#define PRINTK_LINE_MAX	512	/* one call's output; longer messages are cut */

static struct spinlock log_lock = SPINLOCK_INIT("log_lock", LOCK_PRINTK);

/* Protected by log_lock: */
static char log_ring[LOG_RING_SIZE];
static uint64_t log_next;	/* position of the next byte: bytes logged since boot */
static uint64_t log_line_start;	/* position of the last line's first byte */
static uint64_t log_clear_pos;	/* READ_ALL starts here or later; a line start */
static uint64_t log_read_pos;	/* READ has consumed everything before it */
static bool at_line_start = true;	/* the next byte starts a new line: stamp it */

static int console_level = LOGLEVEL_DEFAULT_CONSOLE;
static uint64_t (*log_clock)(void);	/* nanoseconds since boot, once time is set up */
static bool in_panic;

void printk_set_console_level(int level)
{
	console_level = level;
}

int printk_console_level(void)
{
	return console_level;
}

void printk_set_clock(uint64_t (*clock_ns)(void))
{
	log_clock = clock_ns;
}

/* printk_enter_panic() - from now on printk takes no lock: the system is stopping. */
void printk_enter_panic(void)
{
	in_panic = true;
}

static void log_put(char c, bool to_console)
{
	log_ring[log_next % LOG_RING_SIZE] = c;
	log_next++;
	if (to_console)
		arch_console_putc(c);
}

static void log_put_string(const char *s, bool to_console)
{
	while (*s)
		log_put(*s++, to_console);
}

/* log_stamp() - "<level>[seconds.micros] " at the start of each line; the console gets no
 * "<level>" (Linux's console does not show it either). */
static void log_stamp(int level, bool to_console)
{
	uint64_t ns = log_clock ? log_clock() : 0;
	char stamp[32];

	log_line_start = log_next;
	snprintf(stamp, sizeof(stamp), "<%d>", level);
	log_put_string(stamp, false);
	snprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ", ns / 1000000000, ns / 1000 % 1000000);
	log_put_string(stamp, to_console);
}

static void log_write_locked(int level, const char *text, bool to_console)
{
	for (; *text; text++) {
		if (at_line_start)
			log_stamp(level, to_console);
		log_put(*text, to_console);
		at_line_start = *text == '\n';
	}
}

/**
 * vprintk() - log a formatted message at @level.
 * @level: LOGLEVEL_*; printed on the console only if below the console level.
 * @fmt, @ap: as vsnprintf(). A message should end with "\n"; without it the next message
 *   continues the same line (under the first message's level).
 * Context: any, including interrupt handlers and under any spinlock. Does not sleep.
 */
void vprintk(int level, const char *fmt, va_list ap)
{
	char text[PRINTK_LINE_MAX];
	bool to_console = level < console_level;

	vsnprintf(text, sizeof(text), fmt, ap);
	if (in_panic) {
		log_write_locked(level, text, true);
		return;
	}
	spin_lock(&log_lock);
	log_write_locked(level, text, to_console);
	spin_unlock(&log_lock);
}

void printk(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(level, fmt, ap);
	va_end(ap);
}

/* ---- reading the log back (kernel/syslog.c) ---------------------------------------------- */

static char log_byte(uint64_t pos)
{
	return log_ring[pos % LOG_RING_SIZE];
}

/* log_next_line() - the start of the line after the one holding @pos (log_next if none). */
static uint64_t log_next_line(uint64_t pos)
{
	while (pos < log_next && log_byte(pos) != '\n')
		pos++;
	return pos < log_next ? pos + 1 : log_next;
}

/* log_first_line_locked() - the first line kept whole. Until the ring wraps that is position
 * 0; after, the oldest kept byte is somewhere inside a line whose start was overwritten, so
 * reading starts at the next line. (If the oldest byte happens to start a line, that line is
 * dropped too: we cannot tell, since the byte before it is gone.) */
static uint64_t log_first_line_locked(uint64_t from)
{
	uint64_t first = 0;

	assert_held(&log_lock);
	if (log_next > LOG_RING_SIZE)
		first = log_next_line(log_next - LOG_RING_SIZE);
	return from > first ? from : first;
}

static void log_copy_locked(char *buf, uint64_t start, size_t n)
{
	assert_held(&log_lock);
	for (size_t i = 0; i < n; i++)
		buf[i] = log_byte(start + i);
}

/**
 * printk_log_read_all() - copy the newest whole lines of the log that fit into @buf.
 * @buf, @len: a kernel buffer of @len bytes.
 * @clear: then move the clear mark to the end, so the next call returns only newer lines
 *   (a line still being written, without its "\n", is returned again then, whole).
 *
 * The text starts at the oldest line kept and not cleared; if it is longer than @len, the
 * oldest lines are left out until the rest fits, so nothing is cut mid-line (a last line
 * longer than @len gives 0 bytes, as on Linux).
 * Context: thread or interrupt, any locks but log_lock; does not sleep.
 * Return: the number of bytes copied.
 */
size_t printk_log_read_all(char *buf, size_t len, bool clear)
{
	uint64_t start;
	size_t n;

	spin_lock(&log_lock);
	start = log_first_line_locked(log_clear_pos);
	while (log_next - start > len)
		start = log_next_line(start);
	n = log_next - start;
	log_copy_locked(buf, start, n);
	if (clear)
		log_clear_pos = at_line_start ? log_next : log_line_start;
	spin_unlock(&log_lock);
	return n;
}

/**
 * printk_log_clear() - forget the log for printk_log_read_all(): it returns only lines
 * logged after this call (and the line being written, if one is unfinished).
 * Context: as printk_log_read_all(). Return: nothing.
 */
void printk_log_clear(void)
{
	spin_lock(&log_lock);
	log_clear_pos = at_line_start ? log_next : log_line_start;
	spin_unlock(&log_lock);
}

/**
 * printk_log_unread() - how many bytes printk_log_read() has not returned yet.
 * Context: as printk_log_read_all(). Return: a byte count, at most LOG_RING_SIZE.
 */
size_t printk_log_unread(void)
{
	size_t n;

	spin_lock(&log_lock);
	n = log_next - log_first_line_locked(log_read_pos);
	spin_unlock(&log_lock);
	return n;
}

/**
 * printk_log_read() - consume up to @len bytes of the log, from where the last call stopped.
 * @buf, @len: a kernel buffer of @len bytes.
 *
 * The one reader's stream (klogd's): every byte once, in order, lines lost to the ring
 * skipped. Unlike printk_log_read_all() it may stop mid-line; the next call continues there.
 * It does not wait: the caller decides whether to sleep until printk_log_unread() > 0.
 * Context: as printk_log_read_all(). Return: the number of bytes copied, 0 if none is new.
 */
size_t printk_log_read(char *buf, size_t len)
{
	uint64_t start;
	size_t n;

	spin_lock(&log_lock);
	start = log_first_line_locked(log_read_pos);
	n = log_next - start < len ? log_next - start : len;
	log_copy_locked(buf, start, n);
	log_read_pos = start + n;
	spin_unlock(&log_lock);
	return n;
}
