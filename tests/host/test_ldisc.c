// sources: kernel/fs/ldisc.c
/* test_ldisc.c - host unit tests of the terminal line discipline (kernel/fs/ldisc.c).
 *
 * The line discipline is pure, so each case types bytes into a fresh struct ldisc and checks
 * what read() would return (ldisc_read) and what the terminal would be sent
 * (ldisc_take_output): canonical editing and its echo, EOF, the input and output mappings,
 * raw mode, switching modes, and the limits. The struct is large (the ready ring is 4 KiB), so
 * each case uses the one static instance, reset by a setup function. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ldisc.h"
#include "uapi/signal.h"

static struct ldisc ld;

static int reset(void **state)
{
	(void)state;
	ldisc_init(&ld);
	return 0;
}

/* type() - feed every byte of @s, as if typed. */
static void type(const char *s)
{
	while (*s)
		ldisc_receive(&ld, *s++);
}

/* output() - everything sent to the terminal so far, as a string (static buffer). */
static const char *output(void)
{
	static char buf[LDISC_OUT_SIZE + 1];
	size_t n = ldisc_take_output(&ld, buf, LDISC_OUT_SIZE);

	buf[n] = '\0';
	return buf;
}

/* read_str() - one read() of at most @n bytes, as a string (static buffer). */
static const char *read_str(size_t n)
{
	static char buf[LDISC_READY_SIZE + 1];
	size_t got = ldisc_read(&ld, buf, n);

	buf[got] = '\0';
	return buf;
}

static void set_lflag(unsigned int set, unsigned int clear)
{
	struct termios t = ld.termios;

	t.c_lflag = (t.c_lflag | set) & ~clear;
	ldisc_set_termios(&ld, &t);
}

static void defaults_are_linux_defaults(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct termios), 36);	/* the TCGETS layout */
	assert_int_equal(ld.termios.c_lflag, 0x8a3b);	/* stty -g on Linux: 8a3b */
	assert_int_equal(ld.termios.c_iflag, 0x500);
	assert_int_equal(ld.termios.c_oflag, 0x5);
	assert_int_equal(ld.termios.c_cc[VERASE], 0x7f);
	assert_int_equal(ld.termios.c_cc[VEOF], 4);
	assert_int_equal(ld.termios.c_cc[VMIN], 1);
	assert_int_equal(ld.termios.c_cc[VTIME], 0);
	assert_true(ldisc_is_canonical(&ld));
}

static void canonical_waits_for_newline(void **state)
{
	(void)state;
	type("abc");
	assert_false(ldisc_read_ready(&ld, 1));
	assert_int_equal(ldisc_ready_bytes(&ld), 0);
	assert_string_equal(read_str(10), "");
	type("\n");
	assert_true(ldisc_read_ready(&ld, 1));
	assert_int_equal(ldisc_ready_bytes(&ld), 4);
	assert_string_equal(read_str(10), "abc\n");
	assert_false(ldisc_read_ready(&ld, 1));
}

static void enter_sends_cr_which_icrnl_maps(void **state)
{
	(void)state;
	type("ls\r");
	assert_string_equal(read_str(10), "ls\n");
	assert_string_equal(output(), "ls\r\n");	/* echo with ONLCR */
}

static void read_returns_one_line_at_a_time(void **state)
{
	(void)state;
	type("one\ntwo\n");
	assert_string_equal(read_str(100), "one\n");
	assert_string_equal(read_str(100), "two\n");
	assert_false(ldisc_read_ready(&ld, 1));
}

static void long_line_over_several_reads(void **state)
{
	(void)state;
	type("abcdef\nz\n");
	assert_string_equal(read_str(4), "abcd");
	assert_true(ldisc_read_ready(&ld, 1));
	assert_string_equal(read_str(4), "ef\n");
	assert_string_equal(read_str(4), "z\n");
}

static void erase_with_del_and_backspace(void **state)
{
	(void)state;
	type("abx\x7f" "c");
	assert_string_equal(output(), "abx\b \bc");
	type("y\b\n");
	assert_string_equal(read_str(100), "abc\n");
	assert_string_equal(output(), "y\b \b\r\n");
}

static void erase_at_line_start_does_nothing(void **state)
{
	(void)state;
	type("\x7f\x7f" "a\n");
	assert_string_equal(output(), "a\r\n");
	assert_string_equal(read_str(100), "a\n");
}

static void erase_control_char_rubs_two_columns(void **state)
{
	(void)state;
	type("a\x01");
	assert_string_equal(output(), "a^A");
	type("\x7f");
	assert_string_equal(output(), "\b \b\b \b");
}

static void erase_utf8_character_whole(void **state)
{
	struct termios t = ld.termios;

	(void)state;
	t.c_iflag |= IUTF8;
	ldisc_set_termios(&ld, &t);
	type("a\xc3\xa9\x7f\n");		/* a, e-acute (2 bytes), erase */
	assert_string_equal(read_str(100), "a\n");
}

static void kill_erases_line(void **state)
{
	(void)state;
	type("junk\x15ok\n");
	assert_string_equal(read_str(100), "ok\n");
	assert_string_equal(output(), "junk\b \b\b \b\b \b\b \bok\r\n");	/* ECHOKE */
}

static void kill_without_echoke_echoes_newline(void **state)
{
	(void)state;
	set_lflag(0, ECHOKE);
	type("ab\x15");
	assert_string_equal(output(), "ab^U\r\n");
	type("c\n");
	assert_string_equal(read_str(100), "c\n");
}

static void word_erase(void **state)
{
	(void)state;
	type("echo hello  \x17world\n");
	assert_string_equal(read_str(100), "echo world\n");
	type("a\x17\x17\n");			/* more erases than words */
	assert_string_equal(read_str(100), "\n");
}

static void eof_at_line_start_reads_zero(void **state)
{
	(void)state;
	type("\x04");
	assert_true(ldisc_read_ready(&ld, 1));
	assert_int_equal(ldisc_read(&ld, (char[8]){0}, 8), 0);
	assert_false(ldisc_read_ready(&ld, 1));	/* the EOF was consumed */
	assert_string_equal(output(), "");	/* EOF is not echoed */
}

static void eof_after_text_returns_text(void **state)
{
	(void)state;
	type("abc\x04");
	assert_string_equal(read_str(100), "abc");	/* no newline */
	assert_false(ldisc_read_ready(&ld, 1));
	type("\x04");
	assert_true(ldisc_read_ready(&ld, 1));
	assert_string_equal(read_str(100), "");
}

static void literal_next_quotes_erase(void **state)
{
	(void)state;
	type("a\x16\x7f\n");
	assert_string_equal(read_str(100), "a\x7f\n");
	assert_string_equal(output(), "a^\b^?\r\n");
}

static void isig_characters_become_signals(void **state)
{
	(void)state;
	type("x");
	assert_int_equal(ldisc_receive(&ld, '\x03'), SIGINT);	/* flushes "x", echoes ^C */
	assert_int_equal(ldisc_receive(&ld, '\x1c'), SIGQUIT);
	assert_int_equal(ldisc_receive(&ld, '\x1a'), SIGTSTP);
	type("y\n");
	assert_string_equal(read_str(100), "y\n");
	assert_string_equal(output(), "x^C^\\^Zy\r\n");
}

static void noflsh_keeps_input_and_lnext_quotes_isig(void **state)
{
	(void)state;
	ld.termios.c_lflag |= NOFLSH;
	type("ab");
	assert_int_equal(ldisc_receive(&ld, '\x03'), SIGINT);
	assert_int_equal(ldisc_receive(&ld, '\x16'), 0);	/* LNEXT: the next byte is data */
	assert_int_equal(ldisc_receive(&ld, '\x03'), 0);
	type("\n");
	assert_string_equal(read_str(100), "ab\x03\n");
}

static void isig_off_makes_them_plain_input(void **state)
{
	(void)state;
	ld.termios.c_lflag &= ~ISIG;
	type("x\x03\n");
	assert_string_equal(read_str(100), "x\x03\n");
	assert_string_equal(output(), "x^C\r\n");
}

static void no_echo_when_echo_off(void **state)
{
	(void)state;
	set_lflag(0, ECHO);
	type("secret\r");
	assert_string_equal(output(), "");
	assert_string_equal(read_str(100), "secret\n");
	set_lflag(ECHONL, 0);
	type("pw\r");
	assert_string_equal(output(), "\r\n");	/* ECHONL echoes only the newline */
}

static void igncr_and_inlcr(void **state)
{
	struct termios t = ld.termios;

	(void)state;
	t.c_iflag = IGNCR;
	ldisc_set_termios(&ld, &t);
	type("a\rb\n");
	assert_string_equal(read_str(100), "ab\n");
	t.c_iflag = INLCR;
	t.c_cc[VEOL] = '\r';			/* else a line could never end */
	ldisc_set_termios(&ld, &t);
	type("c\n");
	assert_string_equal(read_str(100), "c\r");
}

static void raw_mode_bytes_ready_at_once(void **state)
{
	(void)state;
	set_lflag(0, ICANON | ECHO);
	type("q\x7f\x04");
	assert_true(ldisc_read_ready(&ld, 3));
	assert_false(ldisc_read_ready(&ld, 4));
	assert_true(ldisc_read_ready(&ld, 0));
	assert_string_equal(read_str(2), "q\x7f");
	assert_string_equal(read_str(10), "\x04");
	assert_string_equal(output(), "");
}

static void raw_mode_with_echo(void **state)
{
	(void)state;
	set_lflag(0, ICANON);
	type("hi\r");
	assert_string_equal(output(), "hi\r\n");
	assert_string_equal(read_str(10), "hi\n");
}

static void switch_to_raw_keeps_partial_line(void **state)
{
	(void)state;
	type("done\npart");
	set_lflag(0, ICANON);
	assert_int_equal(ldisc_ready_bytes(&ld), 9);
	assert_string_equal(read_str(100), "done\npart");
}

static void switch_to_canonical_makes_waiting_bytes_a_line(void **state)
{
	(void)state;
	set_lflag(0, ICANON);
	type("xy");
	set_lflag(ICANON, 0);
	assert_true(ldisc_read_ready(&ld, 1));
	assert_string_equal(read_str(100), "xy");
	type("z\n");
	assert_string_equal(read_str(100), "z\n");
}

static void flush_discards_input(void **state)
{
	(void)state;
	type("old\npartial");
	ldisc_flush_input(&ld);
	assert_false(ldisc_read_ready(&ld, 1));
	type("new\n");
	assert_string_equal(read_str(100), "new\n");
}

static void write_maps_nl_to_crnl(void **state)
{
	(void)state;
	assert_int_equal(ldisc_write(&ld, "a\nb", 3), 3);
	assert_string_equal(output(), "a\r\nb");
	ld.termios.c_oflag &= ~OPOST;
	assert_int_equal(ldisc_write(&ld, "a\nb", 3), 3);
	assert_string_equal(output(), "a\nb");
}

static void write_stops_when_output_full(void **state)
{
	static char big[LDISC_OUT_SIZE];
	size_t done;

	(void)state;
	memset(big, '\n', sizeof(big));
	done = ldisc_write(&ld, big, sizeof(big));
	assert_int_equal(done, LDISC_OUT_SIZE / 2);	/* each NL became two bytes */
	assert_int_equal(strlen(output()), LDISC_OUT_SIZE);
	assert_int_equal(ldisc_write(&ld, big, sizeof(big) - done), LDISC_OUT_SIZE / 2);
}

static void overlong_line_is_truncated_but_ends(void **state)
{
	(void)state;
	set_lflag(0, ECHO);
	for (int i = 0; i < LDISC_LINE_MAX + 50; i++)
		ldisc_receive(&ld, 'x');
	type("\n");
	assert_int_equal(ldisc_ready_bytes(&ld), LDISC_LINE_MAX);
	assert_int_equal(strlen(read_str(LDISC_READY_SIZE)), LDISC_LINE_MAX);
}

static void raw_overflow_drops_bytes(void **state)
{
	(void)state;
	set_lflag(0, ICANON | ECHO);
	for (int i = 0; i < LDISC_READY_SIZE + 10; i++)
		ldisc_receive(&ld, 'r');
	assert_int_equal(ldisc_ready_bytes(&ld), LDISC_READY_SIZE);
}

#define CASE(f) cmocka_unit_test_setup(f, reset)

int main(void)
{
	const struct CMUnitTest tests[] = {
		CASE(defaults_are_linux_defaults),
		CASE(canonical_waits_for_newline),
		CASE(enter_sends_cr_which_icrnl_maps),
		CASE(read_returns_one_line_at_a_time),
		CASE(long_line_over_several_reads),
		CASE(erase_with_del_and_backspace),
		CASE(erase_at_line_start_does_nothing),
		CASE(erase_control_char_rubs_two_columns),
		CASE(erase_utf8_character_whole),
		CASE(kill_erases_line),
		CASE(kill_without_echoke_echoes_newline),
		CASE(word_erase),
		CASE(eof_at_line_start_reads_zero),
		CASE(eof_after_text_returns_text),
		CASE(literal_next_quotes_erase),
		CASE(isig_characters_become_signals),
		CASE(noflsh_keeps_input_and_lnext_quotes_isig),
		CASE(isig_off_makes_them_plain_input),
		CASE(no_echo_when_echo_off),
		CASE(igncr_and_inlcr),
		CASE(raw_mode_bytes_ready_at_once),
		CASE(raw_mode_with_echo),
		CASE(switch_to_raw_keeps_partial_line),
		CASE(switch_to_canonical_makes_waiting_bytes_a_line),
		CASE(flush_discards_input),
		CASE(write_maps_nl_to_crnl),
		CASE(write_stops_when_output_full),
		CASE(overlong_line_is_truncated_but_ends),
		CASE(raw_overflow_drops_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
