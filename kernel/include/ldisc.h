/* ldisc.h - the terminal line discipline, pure logic (kernel/fs/ldisc.c).
 *
 * A struct ldisc turns the bytes a terminal receives into what read() returns, and decides
 * what to echo; it also turns what programs write into the bytes the terminal is sent. It does
 * no I/O, takes no lock and never sleeps: kernel/fs/tty.c wraps it with a lock, a wait queue
 * and the serial port, and tests/host/test_ldisc.c feeds it bytes directly.
 *
 * Input flows through three places:
 *   the edit line  - canonical mode only: the line being typed, where ERASE, KILL and WERASE
 *                    work; NL, EOL, EOL2 or EOF move it to the ready queue;
 *   the ready queue - bytes read() may take (a ring). In canonical mode it holds whole lines,
 *                    and lines[] remembers each line's length, so read() returns at most one
 *                    line and a line of length 0 is an end of file (^D at the start of a line);
 *   the output buffer - echo, and the processed bytes of ldisc_write(), until the caller sends
 *                    them (ldisc_take_output()).
 * Invariants: canonical => the ready queue's count equals the sum of lines[]; non-canonical
 * => nr_lines == 0.
 * Linux: drivers/tty/n_tty.c (much larger: it is lock-free and handles flow control and tab
 * columns, which this one does not yet). */
#ifndef REAPER_LDISC_H
#define REAPER_LDISC_H

#include <stdbool.h>
#include <stddef.h>

#include "uapi/termios.h"

#define LDISC_READY_SIZE	4096	/* bytes read() can have waiting */
#define LDISC_LINE_MAX		1024	/* longest line in canonical mode, NL included */
#define LDISC_MAX_LINES		256	/* completed lines waiting to be read */
#define LDISC_OUT_SIZE		512	/* pending echo and output bytes */

struct ldisc {
	struct termios termios;			/* the modes; change with ldisc_set_termios() */

	char line[LDISC_LINE_MAX];		/* canonical mode: the line being edited */
	size_t line_len;			/* bytes in line[] */
	bool literal_next;			/* LNEXT was typed: take the next byte as is */

	char ready[LDISC_READY_SIZE];		/* ring of bytes for read() */
	size_t ready_head;			/* index of the oldest byte */
	size_t ready_count;			/* bytes in the ring */
	size_t lines[LDISC_MAX_LINES];		/* ring of line lengths (canonical mode) */
	size_t lines_head;			/* index of the oldest line */
	size_t nr_lines;			/* completed lines, including EOF marks (length 0) */

	char out[LDISC_OUT_SIZE];		/* bytes to send to the terminal */
	size_t out_len;
};

void ldisc_init(struct ldisc *ld);
void ldisc_set_termios(struct ldisc *ld, const struct termios *t);
bool ldisc_is_canonical(const struct ldisc *ld);

int ldisc_receive(struct ldisc *ld, char c);	/* SIGINT/SIGQUIT/SIGTSTP for ^C ^\ ^Z, else 0 */
bool ldisc_read_ready(const struct ldisc *ld, size_t min);
size_t ldisc_ready_bytes(const struct ldisc *ld);
size_t ldisc_read(struct ldisc *ld, char *buf, size_t n);
void ldisc_flush_input(struct ldisc *ld);

size_t ldisc_write(struct ldisc *ld, const char *buf, size_t n);
size_t ldisc_take_output(struct ldisc *ld, char *buf, size_t n);

#endif
