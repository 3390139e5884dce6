/* printk.c - the kernel log: every message into a ring buffer, most onto the console.
 *
 * A message is formatted once, stamped with the time since boot at each line start
 * ("[    1.234567] "), appended to a fixed ring of LOG_RING_SIZE bytes (the oldest text is
 * overwritten when it is full) and, if its level is below the console level, written to the
 * serial console. The ring is what gdb's os-dmesg and, later, dmesg read.
 *
 * Invariants: log_head is where the next byte goes; log_len <= LOG_RING_SIZE bytes are valid,
 *   ending at log_head.
 * Locking: log_lock (LOCK_PRINTK, a leaf: printk may be called under any other lock) guards
 *   the ring and the console. After printk_enter_panic() the lock is ignored: a panic must get
 *   its message out even if it interrupted a printk holding the lock.
 * See also: kernel/lib/vsprintf.c (formatting), arch/x86_64/serial.c (the console).
 * Linux: kernel/printk/printk.c. */
#include "printk.h"
#include "arch.h"
#include "spinlock.h"
#include "vsprintf.h"

#define PRINTK_LINE_MAX	512	/* one call's output; longer messages are cut */

static struct spinlock log_lock = SPINLOCK_INIT("log_lock", LOCK_PRINTK);

/* Protected by log_lock: */
static char log_ring[LOG_RING_SIZE];
static size_t log_head;		/* index of the next byte to write */
static size_t log_len;		/* valid bytes, at most LOG_RING_SIZE */
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
	log_ring[log_head] = c;
	log_head = (log_head + 1) % LOG_RING_SIZE;
	if (log_len < LOG_RING_SIZE)
		log_len++;
	if (to_console)
		arch_console_putc(c);
}

static void log_put_string(const char *s, bool to_console)
{
	while (*s)
		log_put(*s++, to_console);
}

/* log_stamp() - "[seconds.micros] " at the start of each line. */
static void log_stamp(bool to_console)
{
	uint64_t ns = log_clock ? log_clock() : 0;
	char stamp[32];

	snprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ", ns / 1000000000, ns / 1000 % 1000000);
	log_put_string(stamp, to_console);
}

static void log_write_locked(const char *text, bool to_console)
{
	for (; *text; text++) {
		if (at_line_start)
			log_stamp(to_console);
		log_put(*text, to_console);
		at_line_start = *text == '\n';
	}
}

/**
 * vprintk() - log a formatted message at @level.
 * @level: LOGLEVEL_*; printed on the console only if below the console level.
 * @fmt, @ap: as vsnprintf(). A message should end with "\n"; without it the next message
 *   continues the same line.
 * Context: any, including interrupt handlers and under any spinlock. Does not sleep.
 */
void vprintk(int level, const char *fmt, va_list ap)
{
	char text[PRINTK_LINE_MAX];
	bool to_console = level < console_level;

	vsnprintf(text, sizeof(text), fmt, ap);
	if (in_panic) {
		log_write_locked(text, true);
		return;
	}
	spin_lock(&log_lock);
	log_write_locked(text, to_console);
	spin_unlock(&log_lock);
}

void printk(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(level, fmt, ap);
	va_end(ap);
}

/**
 * printk_log_copy() - copy the log, oldest byte first, into @buf of @len bytes.
 * Context: any but interrupt handlers that interrupted a printk. Return: bytes copied (the
 * newest @len bytes if the log is longer).
 */
size_t printk_log_copy(char *buf, size_t len)
{
	size_t n, start;

	spin_lock(&log_lock);
	n = log_len < len ? log_len : len;
	start = (log_head + LOG_RING_SIZE - n) % LOG_RING_SIZE;
	for (size_t i = 0; i < n; i++)
		buf[i] = log_ring[(start + i) % LOG_RING_SIZE];
	spin_unlock(&log_lock);
	return n;
}
