/* ldisc.c - the line discipline: what a terminal does between the keyboard and read().
 *
 * In canonical mode (ICANON, the default) typed bytes collect in an edit line where ERASE
 * (DEL, and ^H), KILL (^U) and WERASE (^W) edit them, and read() sees nothing until the line
 * ends with NL (Enter, once ICRNL has turned its CR into NL), EOL or EOF (^D). EOF itself is
 * not data: at the start of a line it makes read() return 0, the end-of-file convention of
 * terminals. In non-canonical ("raw") mode every byte is ready for read() at once, and the
 * reader's VMIN/VTIME policy (kernel/fs/tty.c) decides how long read() waits.
 *
 * Echo is output: with ECHO set each typed byte is written back, control characters as "^X"
 * (ECHOCTL), and erasing echoes "\b \b" (ECHOE), which moves the cursor back over the
 * character, blanks it and moves back again. Output processing (OPOST) maps NL to CR NL
 * (ONLCR) because a terminal's line feed only moves the cursor down.
 *
 * Everything here is pure: bytes in, bytes out, no lock, no sleep, no I/O, so the host unit
 * test (tests/host/test_ldisc.c) drives the same code the kernel runs. The caller serialises
 * calls (kernel/fs/tty.c holds tty->lock). When a buffer is full, input is dropped, as a real
 * terminal drops what it has no room for.
 * ISIG characters (^C ^\ ^Z) are recognised here and returned by ldisc_receive(); sending
 * the signal is the tty's job (kernel/fs/tty.c), outside every lock.
 * Not here yet: IXON flow control, tab columns when erasing a tab, REPRINT and DISCARD.
 * See also: kernel/include/ldisc.h (the data layout), kernel/fs/tty.c (the device).
 * Linux: drivers/tty/n_tty.c. */
#include "ldisc.h"
#include "uapi/signal.h"

/* ---- small predicates on the modes ---- */

static bool lflag(const struct ldisc *ld, unsigned int flag)
{
	return (ld->termios.c_lflag & flag) != 0;
}

static bool iflag(const struct ldisc *ld, unsigned int flag)
{
	return (ld->termios.c_iflag & flag) != 0;
}

/* is_char() - @c is the special character at c_cc[@index], which is not disabled (0). */
static bool is_char(const struct ldisc *ld, unsigned char c, int index)
{
	return ld->termios.c_cc[index] != 0 && c == ld->termios.c_cc[index];
}

/* is_ctl() - a control character, echoed as two columns "^X" under ECHOCTL. */
static bool is_ctl(const struct ldisc *ld, unsigned char c)
{
	return lflag(ld, ECHOCTL) && (c < 0x20 || c == 0x7f) && c != '\t' && c != '\n';
}

/* ---- output: echo and written bytes ---- */

static void out_put(struct ldisc *ld, char c)
{
	if (ld->out_len < LDISC_OUT_SIZE)
		ld->out[ld->out_len++] = c;
}

/* output_char() - one byte through output processing (OPOST: ONLCR, OCRNL). */
static void output_char(struct ldisc *ld, char c)
{
	bool post = (ld->termios.c_oflag & OPOST) != 0;

	if (post && c == '\n' && (ld->termios.c_oflag & ONLCR))
		out_put(ld, '\r');
	else if (post && c == '\r' && (ld->termios.c_oflag & OCRNL))
		c = '\n';
	out_put(ld, c);
}

/* echo_char() - show a typed byte: control characters as ^X when ECHOCTL is set. */
static void echo_char(struct ldisc *ld, unsigned char c)
{
	if (is_ctl(ld, c)) {
		out_put(ld, '^');
		out_put(ld, (char)(c ^ 0x40));	/* ^C for 0x03, ^? for DEL */
		return;
	}
	output_char(ld, (char)c);
}

/* echo_rubout() - erase @columns characters on the screen: "\b \b" each. */
static void echo_rubout(struct ldisc *ld, int columns)
{
	for (int i = 0; i < columns; i++) {
		out_put(ld, '\b');
		out_put(ld, ' ');
		out_put(ld, '\b');
	}
}

/* ---- the ready queue: a ring of bytes, and in canonical mode a ring of line lengths ---- */

static bool ready_push(struct ldisc *ld, char c)
{
	if (ld->ready_count == LDISC_READY_SIZE)
		return false;
	ld->ready[(ld->ready_head + ld->ready_count) % LDISC_READY_SIZE] = c;
	ld->ready_count++;
	return true;
}

static char ready_pop(struct ldisc *ld)
{
	char c = ld->ready[ld->ready_head];

	ld->ready_head = (ld->ready_head + 1) % LDISC_READY_SIZE;
	ld->ready_count--;
	return c;
}

/* push_line() - record that the last @len ready bytes form one line. */
static void push_line(struct ldisc *ld, size_t len)
{
	ld->lines[(ld->lines_head + ld->nr_lines) % LDISC_MAX_LINES] = len;
	ld->nr_lines++;
}

/* finish_line() - move the edit line to the ready queue as one line (length 0 = EOF).
 * A line that does not fit is dropped whole, so a reader never sees half of one. */
static void finish_line(struct ldisc *ld)
{
	if (ld->nr_lines < LDISC_MAX_LINES &&
	    LDISC_READY_SIZE - ld->ready_count >= ld->line_len) {
		for (size_t i = 0; i < ld->line_len; i++)
			ready_push(ld, ld->line[i]);
		push_line(ld, ld->line_len);
	}
	ld->line_len = 0;
}

/* ---- canonical editing ---- */

/* line_add() - append to the edit line; the last slot is kept for the line's terminator. */
static bool line_add(struct ldisc *ld, unsigned char c, bool terminator)
{
	if (ld->line_len >= LDISC_LINE_MAX - (terminator ? 0 : 1))
		return false;
	ld->line[ld->line_len++] = (char)c;
	return true;
}

/* erase_last() - remove the last character of the edit line; with @visual, rub it out on the
 * screen. Under IUTF8 a character is a lead byte and its continuation bytes (10xxxxxx). */
static void erase_last(struct ldisc *ld, bool visual)
{
	unsigned char c;

	if (ld->line_len == 0)
		return;
	do {
		c = (unsigned char)ld->line[--ld->line_len];
	} while (iflag(ld, IUTF8) && (c & 0xc0) == 0x80 && ld->line_len > 0);
	if (visual)
		echo_rubout(ld, is_ctl(ld, c) ? 2 : 1);
}

static bool last_is_space(const struct ldisc *ld)
{
	char c = ld->line[ld->line_len - 1];

	return c == ' ' || c == '\t';
}

/* erase_char() - ERASE: the last character goes; echoed "\b \b" with ECHOE, else as typed. */
static void erase_char(struct ldisc *ld, unsigned char typed)
{
	bool visual = lflag(ld, ECHO) && lflag(ld, ECHOE);

	if (ld->line_len == 0)
		return;
	erase_last(ld, visual);
	if (lflag(ld, ECHO) && !visual)
		echo_char(ld, typed);
}

/* erase_word() - WERASE: blanks before the cursor, then the word before them. */
static void erase_word(struct ldisc *ld, unsigned char typed)
{
	bool visual = lflag(ld, ECHO) && lflag(ld, ECHOE);

	while (ld->line_len > 0 && last_is_space(ld))
		erase_last(ld, visual);
	while (ld->line_len > 0 && !last_is_space(ld))
		erase_last(ld, visual);
	if (lflag(ld, ECHO) && !visual)
		echo_char(ld, typed);
}

/* kill_line() - KILL: the whole edit line goes. ECHOKE rubs it out on the screen; otherwise
 * the KILL character is echoed, and a newline after it with ECHOK. */
static void kill_line(struct ldisc *ld, unsigned char typed)
{
	bool visual = lflag(ld, ECHO) && lflag(ld, ECHOKE) && lflag(ld, ECHOE);

	if (ld->line_len == 0)
		return;
	while (ld->line_len > 0)
		erase_last(ld, visual);
	if (!lflag(ld, ECHO) || visual)
		return;
	echo_char(ld, typed);
	if (lflag(ld, ECHOK))
		output_char(ld, '\n');
}

/* end_line() - NL, EOL or EOL2: the byte is part of the line, and the line is complete. */
static void end_line(struct ldisc *ld, unsigned char c)
{
	line_add(ld, c, true);
	if (lflag(ld, ECHO) || (c == '\n' && lflag(ld, ECHONL)))
		echo_char(ld, c);
	finish_line(ld);
}

static bool is_erase(const struct ldisc *ld, unsigned char c)
{
	/* ^H erases too while ERASE is DEL: terminals disagree on what Backspace sends. */
	return is_char(ld, c, VERASE) || (c == '\b' && ld->termios.c_cc[VERASE] == 0x7f);
}

static bool is_line_end(const struct ldisc *ld, unsigned char c)
{
	return c == '\n' || is_char(ld, c, VEOL) || is_char(ld, c, VEOL2);
}

/* receive_plain() - an ordinary byte: into the line (canonical) or ready queue, and echo. */
static void receive_plain(struct ldisc *ld, unsigned char c)
{
	bool kept = ldisc_is_canonical(ld) ? line_add(ld, c, false) : ready_push(ld, (char)c);

	if (kept && lflag(ld, ECHO))
		echo_char(ld, c);
}

/* receive_canonical() - a byte in canonical mode: an editing character, a line end, or data. */
static void receive_canonical(struct ldisc *ld, unsigned char c)
{
	bool ext = lflag(ld, IEXTEN);

	if (ld->literal_next) {
		ld->literal_next = false;
		receive_plain(ld, c);
	} else if (ext && is_char(ld, c, VLNEXT)) {
		ld->literal_next = true;
		if (lflag(ld, ECHO)) {
			out_put(ld, '^');	/* shown until the next byte overwrites it */
			out_put(ld, '\b');
		}
	} else if (is_erase(ld, c)) {
		erase_char(ld, c);
	} else if (is_char(ld, c, VKILL)) {
		kill_line(ld, c);
	} else if (ext && is_char(ld, c, VWERASE)) {
		erase_word(ld, c);
	} else if (is_char(ld, c, VEOF)) {
		finish_line(ld);	/* not echoed; an empty line reads as end of file */
	} else if (is_line_end(ld, c)) {
		end_line(ld, c);
	} else {
		receive_plain(ld, c);
	}
}

/* isig_signal() - with ISIG, the signal @c stands for (not after LNEXT); 0 if none. */
static int isig_signal(const struct ldisc *ld, unsigned char c)
{
	if (!lflag(ld, ISIG) || ld->literal_next)
		return 0;
	if (is_char(ld, c, VINTR))
		return SIGINT;
	if (is_char(ld, c, VQUIT))
		return SIGQUIT;
	if (is_char(ld, c, VSUSP))
		return SIGTSTP;
	return 0;
}

/* receive_isig() - a signal character: what was typed is discarded (NOFLSH keeps it), and
 * the character is echoed (Linux: n_tty's isig + echo_char). */
static void receive_isig(struct ldisc *ld, unsigned char c)
{
	if (!lflag(ld, NOFLSH))
		ldisc_flush_input(ld);
	if (lflag(ld, ECHO))
		echo_char(ld, c);
}

/* map_input() - the c_iflag mappings. Return: the byte to use, or -1 to drop it. */
static int map_input(const struct ldisc *ld, unsigned char c)
{
	if (iflag(ld, ISTRIP))
		c &= 0x7f;
	if (c == '\r' && iflag(ld, IGNCR))
		return -1;
	if (c == '\r' && iflag(ld, ICRNL))
		return '\n';
	if (c == '\n' && iflag(ld, INLCR))
		return '\r';
	return c;
}

/* ---- the API ---- */

/**
 * ldisc_init() - an empty line discipline with Linux's default modes: canonical, echo,
 * ICRNL, OPOST|ONLCR, and Linux's special characters (^C ^\ DEL ^U ^D ... VMIN 1, VTIME 0).
 * @ld: the line discipline.
 *
 * Context: any. Return: nothing.
 */
void ldisc_init(struct ldisc *ld)
{
	static const uint8_t cc[NCCS] = TTY_DEFAULT_CC;

	ld->termios.c_iflag = TTY_DEFAULT_IFLAG;
	ld->termios.c_oflag = TTY_DEFAULT_OFLAG;
	ld->termios.c_cflag = TTY_DEFAULT_CFLAG;
	ld->termios.c_lflag = TTY_DEFAULT_LFLAG;
	ld->termios.c_line = 0;
	for (int i = 0; i < NCCS; i++)
		ld->termios.c_cc[i] = cc[i];
	ld->out_len = 0;
	ldisc_flush_input(ld);
}

/**
 * ldisc_is_canonical() - whether @ld is in canonical (line-at-a-time) mode.
 * @ld: the line discipline.
 *
 * Context: caller serialises access to @ld. Return: true if ICANON is set.
 */
bool ldisc_is_canonical(const struct ldisc *ld)
{
	return lflag(ld, ICANON);
}

/**
 * ldisc_set_termios() - change the modes (TCSETS).
 * @ld: the line discipline.
 * @t: the new modes.
 *
 * Switching canonical mode off hands the half-typed line to the reader as plain bytes;
 * switching it on turns bytes already waiting into one line, so no input is lost or stuck
 * either way.
 * Context: caller serialises access to @ld. Return: nothing.
 */
void ldisc_set_termios(struct ldisc *ld, const struct termios *t)
{
	bool was_canonical = ldisc_is_canonical(ld);

	ld->termios = *t;
	if (was_canonical && !ldisc_is_canonical(ld)) {
		for (size_t i = 0; i < ld->line_len; i++)
			ready_push(ld, ld->line[i]);
		ld->line_len = 0;
		ld->nr_lines = 0;
		ld->literal_next = false;
	} else if (!was_canonical && ldisc_is_canonical(ld) && ld->ready_count > 0) {
		push_line(ld, ld->ready_count);
	}
}

/**
 * ldisc_receive() - one byte from the terminal.
 * @ld: the line discipline.
 * @c: the byte as received.
 *
 * Applies the input mappings (ISTRIP, IGNCR, ICRNL, INLCR); then, with ISIG, VINTR, VQUIT
 * and VSUSP (^C ^\ ^Z) become signals: the input is flushed (unless NOFLSH), the character
 * is echoed as ^C, and the caller sends the signal to the foreground process group. Anything
 * else goes to canonical editing or raw queueing; echo lands in the output buffer
 * (ldisc_take_output()).
 * Context: caller serialises access to @ld; called from the serial interrupt.
 * Return: SIGINT, SIGQUIT or SIGTSTP for a signal character, else 0.
 */
int ldisc_receive(struct ldisc *ld, char c)
{
	int mapped = map_input(ld, (unsigned char)c);
	int sig;

	if (mapped < 0)
		return 0;
	sig = isig_signal(ld, (unsigned char)mapped);
	if (sig) {
		receive_isig(ld, (unsigned char)mapped);
		return sig;
	}
	if (ldisc_is_canonical(ld))
		receive_canonical(ld, (unsigned char)mapped);
	else
		receive_plain(ld, (unsigned char)mapped);
	return 0;
}

/**
 * ldisc_read_ready() - whether a read would return now.
 * @ld: the line discipline.
 * @min: non-canonical mode: how many bytes must be waiting (0: always ready).
 *
 * Context: caller serialises access to @ld.
 * Return: canonical: a line (or an end of file) is complete; otherwise >= @min bytes wait.
 */
bool ldisc_read_ready(const struct ldisc *ld, size_t min)
{
	if (ldisc_is_canonical(ld))
		return ld->nr_lines > 0;
	return ld->ready_count >= min;
}

/**
 * ldisc_ready_bytes() - bytes a reader could take now (FIONREAD).
 * @ld: the line discipline.
 *
 * Context: caller serialises access to @ld. Return: the count; a half-typed line is not in it.
 */
size_t ldisc_ready_bytes(const struct ldisc *ld)
{
	return ld->ready_count;
}

/**
 * ldisc_read() - take input for read().
 * @ld: the line discipline.
 * @buf: where the bytes go (a kernel buffer).
 * @n: room in @buf.
 *
 * Canonical mode returns bytes of the oldest line only; a line longer than @n is returned
 * over several reads. An end-of-file mark is consumed and returns 0.
 * Context: caller serialises access to @ld; does not wait (the caller checked
 * ldisc_read_ready()). Return: the number of bytes copied (0 at end of file or if none wait).
 */
size_t ldisc_read(struct ldisc *ld, char *buf, size_t n)
{
	size_t take = ld->ready_count;
	size_t *line = &ld->lines[ld->lines_head];

	if (n == 0)
		return 0;
	if (ldisc_is_canonical(ld)) {
		if (ld->nr_lines == 0)
			return 0;
		take = *line;
	}
	take = take < n ? take : n;
	for (size_t i = 0; i < take; i++)
		buf[i] = ready_pop(ld);
	if (ldisc_is_canonical(ld)) {
		*line -= take;
		if (*line == 0) {
			ld->lines_head = (ld->lines_head + 1) % LDISC_MAX_LINES;
			ld->nr_lines--;
		}
	}
	return take;
}

/**
 * ldisc_flush_input() - discard everything typed and not yet read (TCFLSH, TCSETSF).
 * @ld: the line discipline.
 *
 * Context: caller serialises access to @ld. Return: nothing.
 */
void ldisc_flush_input(struct ldisc *ld)
{
	ld->line_len = 0;
	ld->literal_next = false;
	ld->ready_head = 0;
	ld->ready_count = 0;
	ld->lines_head = 0;
	ld->nr_lines = 0;
}

/**
 * ldisc_write() - process bytes a program writes, into the output buffer.
 * @ld: the line discipline.
 * @buf: the bytes.
 * @n: how many.
 *
 * Stops early when the output buffer is nearly full: the caller sends what is there
 * (ldisc_take_output()) and calls again with the rest.
 * Context: caller serialises access to @ld. Return: how many bytes of @buf were consumed.
 */
size_t ldisc_write(struct ldisc *ld, const char *buf, size_t n)
{
	size_t done = 0;

	while (done < n && LDISC_OUT_SIZE - ld->out_len >= 2)	/* room for CR NL */
		output_char(ld, buf[done++]);
	return done;
}

/**
 * ldisc_take_output() - move pending output (echo, written bytes) to the caller.
 * @ld: the line discipline.
 * @buf: where the bytes go.
 * @n: room in @buf.
 *
 * Context: caller serialises access to @ld. Return: the number of bytes copied.
 */
size_t ldisc_take_output(struct ldisc *ld, char *buf, size_t n)
{
	size_t take = ld->out_len < n ? ld->out_len : n;

	for (size_t i = 0; i < take; i++)
		buf[i] = ld->out[i];
	for (size_t i = take; i < ld->out_len; i++)
		ld->out[i - take] = ld->out[i];
	ld->out_len -= take;
	return take;
}
