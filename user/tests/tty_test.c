/* tty_test.c - the console terminal: termios defaults, raw mode with VMIN/VTIME, canonical
 * editing (erase, kill, word erase, EOF), window size, and ENOTTY on what is not a terminal.
 *
 * Someone has to type. The suite runs on fd 0 (the console under reaper, a pseudo-terminal
 * on the Linux host) and, when it is ready for input, prints a line "tty_test: type ... now";
 * the harness watches for those lines and types the bytes that go with them:
 *   under QEMU: tests/boots.txt, the tty boot's --input-after options (tests/harness/qemu_run.py)
 *   on Linux:   tests/run-on-linux.sh (tests/harness/pty_run.py, same options).
 * The two lists must stay the same; they are, in order:
 *   "tty_test: type raw bytes now"    a b DEL ^C CR      (raw: no editing, no CR->NL)
 *   "tty_test: type three bytes now"  x y z              (raw, VMIN=3: one read of three)
 *   "tty_test: type lines now"        helx DEL lo CR junk ^U fine wrong ^W right CR ab ^D ^D
 * Every mode change is made before the prompt is printed, so typed bytes always meet the mode
 * the case expects. The terminal's original modes are restored at the end of each case.
 * See also: kernel/fs/tty.c, kernel/fs/ldisc.c, tests/host/test_ldisc.c (the same rules,
 * byte by byte). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

static struct termios saved;	/* fd 0's modes when the suite started */
static bool have_saved;

/* prompt() - tell the harness to type now (after the mode for the input is set). */
static void prompt(const char *what)
{
	printf("tty_test: type %s now\n", what);
	fflush(stdout);
}

static void restore(void)
{
	if (have_saved)
		tcsetattr(0, TCSAFLUSH, &saved);
}

/* set_raw() - cfmakeraw()'s modes with the given VMIN and VTIME, input flushed. */
static bool set_raw(int vmin, int vtime)
{
	struct termios t = saved;

	cfmakeraw(&t);
	t.c_cc[VMIN] = (cc_t)vmin;
	t.c_cc[VTIME] = (cc_t)vtime;
	return EXPECT_OK(tcsetattr(0, TCSAFLUSH, &t));
}

static long elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

static void stdin_is_a_terminal(void)
{
	int fd;

	EXPECT_TRUE(isatty(0));
	if (!EXPECT_TRUE(have_saved))		/* main() read the modes */
		return;
	fd = open("/dev/tty", O_RDWR);		/* the controlling terminal */
	if (EXPECT_OK(fd))
		EXPECT_TRUE(isatty(fd));
	close(fd);
	SKIP_IF(!tap_on_reaper(), "/dev/console and /dev/ttyS0 are the host's own");
	fd = open("/dev/console", O_RDWR);
	if (EXPECT_OK(fd))
		EXPECT_TRUE(isatty(fd));
	close(fd);
	fd = open("/dev/ttyS0", O_RDWR);	/* the same terminal under reaper */
	if (EXPECT_OK(fd))
		EXPECT_TRUE(isatty(fd));
	close(fd);
}

static void tcgets_defaults(void)
{
	struct termios t;

	if (!EXPECT_OK(ioctl(0, TCGETS, &t)))
		return;
	EXPECT_EQ(t.c_lflag & (ICANON | ECHO | ECHOE | ISIG), ICANON | ECHO | ECHOE | ISIG);
	EXPECT_EQ(t.c_iflag & ICRNL, ICRNL);
	EXPECT_EQ(t.c_oflag & (OPOST | ONLCR), OPOST | ONLCR);
	EXPECT_EQ(t.c_cc[VERASE], 0x7f);
	EXPECT_EQ(t.c_cc[VKILL], 0x15);
	EXPECT_EQ(t.c_cc[VEOF], 0x04);
	EXPECT_EQ(t.c_cc[VINTR], 0x03);
	EXPECT_EQ(t.c_cc[VMIN], 1);
	EXPECT_EQ(t.c_cc[VTIME], 0);
}

static void tcsets_round_trip(void)
{
	struct termios t = saved, back;

	t.c_lflag &= ~ECHO;
	t.c_cc[VERASE] = 0x08;
	EXPECT_OK(ioctl(0, TCSETS, &t));
	EXPECT_OK(ioctl(0, TCGETS, &back));
	EXPECT_EQ(back.c_lflag & ECHO, 0);
	EXPECT_EQ(back.c_cc[VERASE], 0x08);
	EXPECT_OK(ioctl(0, TCSETSW, &saved));
	EXPECT_OK(ioctl(0, TCGETS, &back));
	EXPECT_EQ(back.c_lflag, saved.c_lflag);
	EXPECT_EQ(back.c_cc[VERASE], 0x7f);
}

static void window_size(void)
{
	struct winsize ws, big = { .ws_row = 50, .ws_col = 132 }, back;

	if (!EXPECT_OK(ioctl(0, TIOCGWINSZ, &ws)))
		return;
	EXPECT_EQ(ws.ws_row, 24);		/* reaper's default; the Linux runner sets it too */
	EXPECT_EQ(ws.ws_col, 80);
	EXPECT_OK(ioctl(0, TIOCSWINSZ, &big));
	EXPECT_OK(ioctl(0, TIOCGWINSZ, &back));
	EXPECT_EQ(back.ws_row, 50);
	EXPECT_EQ(back.ws_col, 132);
	EXPECT_OK(ioctl(0, TIOCSWINSZ, &ws));
}

static void raw_mode_reads_bytes_unedited(void)
{
	char buf[16];
	size_t got = 0;

	if (!set_raw(1, 0))
		return;
	prompt("raw bytes");
	while (got < 5) {			/* VMIN=1: each read returns what has arrived */
		ssize_t n = read(0, buf + got, sizeof(buf) - got);

		if (!EXPECT_TRUE(n > 0))
			break;
		got += (size_t)n;
	}
	restore();
	EXPECT_EQ(got, 5);
	EXPECT_EQ(memcmp(buf, "ab\x7f\x03\r", 5), 0);	/* no erase, no ^C, no CR->NL */
}

static void raw_vmin_waits_for_count(void)
{
	char buf[16] = "";
	int avail = -1;

	if (!set_raw(3, 0))
		return;
	prompt("three bytes");
	EXPECT_EQ(read(0, buf, sizeof(buf)), 3);	/* one read, all three */
	EXPECT_STREQ(buf, "xyz");
	EXPECT_OK(ioctl(0, FIONREAD, &avail));
	EXPECT_EQ(avail, 0);
	restore();
}

static void raw_poll_and_timeout(void)
{
	struct timespec start;
	char c;
	long ms;

	if (!set_raw(0, 0))
		return;
	EXPECT_EQ(read(0, &c, 1), 0);		/* VMIN=0 VTIME=0: nothing there, no wait */
	set_raw(0, 3);
	clock_gettime(CLOCK_MONOTONIC, &start);
	EXPECT_EQ(read(0, &c, 1), 0);		/* VTIME=3: 0.3 s, then 0 */
	ms = elapsed_ms(&start);
	restore();
	EXPECT_TRUE(ms >= 250);
	EXPECT_TRUE(ms < 2000);
	if (ms < 250 || ms >= 2000)
		tap_note("VTIME=3 read took %ld ms", ms);
}

static void nonblocking_read_eagain(void)
{
	int flags = fcntl(0, F_GETFL);
	char buf[4];

	EXPECT_OK(flags);
	EXPECT_OK(fcntl(0, F_SETFL, flags | O_NONBLOCK));
	EXPECT_ERRNO(read(0, buf, sizeof(buf)), EAGAIN);	/* canonical, no line */
	fcntl(0, F_SETFL, flags);
}

/* read_line() - one read(); its bytes as a string (static buffer). */
static const char *read_line(void)
{
	static char buf[128];
	ssize_t n = read(0, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	return n < 0 ? "(error)" : buf;
}

/* wait_for_bytes() - up to 3 s for FIONREAD to reach @want (bytes arrive one by one). */
static int wait_for_bytes(int want)
{
	int avail = -1;

	for (int i = 0; i < 300; i++) {
		if (ioctl(0, FIONREAD, &avail) < 0 || avail >= want)
			break;
		usleep(10 * 1000);
	}
	return avail;
}

static void canonical_editing_and_eof(void)
{
	if (!EXPECT_OK(tcsetattr(0, TCSAFLUSH, &saved)))
		return;
	prompt("lines");
	EXPECT_STREQ(read_line(), "hello\n");		/* DEL erased the x */
	EXPECT_EQ(wait_for_bytes(13), 13);		/* two lines typed: "fine right\n" "ab" */
	EXPECT_STREQ(read_line(), "fine right\n");	/* ^U killed "junk", ^W "wrong" */
	EXPECT_STREQ(read_line(), "ab");		/* ^D ends a line without a newline */
	EXPECT_STREQ(read_line(), "");			/* ^D at the start: end of file */
	printf("\n");					/* end the echoed "ab" line */
}

static void not_a_terminal_enotty(void)
{
	char path[] = "/tmp/tty_test.XXXXXX";
	struct termios t;
	struct winsize ws;
	int fd = mkstemp(path), null;

	if (!EXPECT_OK(fd))
		return;
	EXPECT_ERRNO(ioctl(fd, TCGETS, &t), ENOTTY);
	EXPECT_ERRNO(ioctl(fd, TIOCGWINSZ, &ws), ENOTTY);
	EXPECT_TRUE(!isatty(fd));
	close(fd);
	unlink(path);
	null = open("/dev/null", O_RDWR);
	if (EXPECT_OK(null))
		EXPECT_ERRNO(ioctl(null, TCGETS, &t), ENOTTY);
	close(null);
}

static void bad_requests(void)
{
	EXPECT_ERRNO(ioctl(0, TCFLSH, 7), EINVAL);
	EXPECT_ERRNO(ioctl(0, TCGETS, (void *)0x10000), EFAULT);
	EXPECT_ERRNO(ioctl(0, TCSETS, NULL), EFAULT);
	EXPECT_ERRNO(ioctl(0, TIOCGWINSZ, (void *)0xffffffff80000000UL), EFAULT);
	EXPECT_OK(ioctl(0, TCFLSH, TCIFLUSH));
}

static const struct tap_case cases[] = {
	TAP_CASE(stdin_is_a_terminal),
	TAP_CASE(tcgets_defaults),
	TAP_CASE(tcsets_round_trip),
	TAP_CASE(window_size),
	TAP_CASE(raw_mode_reads_bytes_unedited),
	TAP_CASE(raw_vmin_waits_for_count),
	TAP_CASE(raw_poll_and_timeout),
	TAP_CASE(nonblocking_read_eagain),
	TAP_CASE(canonical_editing_and_eof),
	TAP_CASE(not_a_terminal_enotty),
	TAP_CASE(bad_requests),
};

int main(int argc, char **argv)
{
	int status;

	have_saved = tcgetattr(0, &saved) == 0;
	status = TAP_MAIN("tty", cases, argc, argv);

	restore();
	return status;
}
