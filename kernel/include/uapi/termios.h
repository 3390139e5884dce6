/* uapi/termios.h - the terminal interface as Linux x86-64 user space sees it: struct termios
 * as TCGETS/TCSETS copy it (36 bytes; glibc's and musl's own struct termios are larger and
 * their tcgetattr() converts), its flag bits, the c_cc indexes and Linux's default values, the
 * window size, and the tty ioctl numbers. Values from Linux's include/uapi/asm-generic/
 * termbits.h, termbits-common.h and ioctls.h. Used by kernel/fs/ldisc.c and kernel/fs/tty.c. */
#ifndef REAPER_UAPI_TERMIOS_H
#define REAPER_UAPI_TERMIOS_H

#include <stdint.h>

#define NCCS 19

struct termios {
	uint32_t c_iflag;	/* input modes: I* below */
	uint32_t c_oflag;	/* output modes: O* below */
	uint32_t c_cflag;	/* control modes (baud, size): kept, not acted on */
	uint32_t c_lflag;	/* local modes: ICANON, ECHO, ISIG ... */
	uint8_t c_line;		/* line discipline number: always 0 (N_TTY) */
	uint8_t c_cc[NCCS];	/* special characters, indexed by V* below */
};

struct winsize {
	uint16_t ws_row;	/* characters */
	uint16_t ws_col;	/* characters */
	uint16_t ws_xpixel;	/* unused */
	uint16_t ws_ypixel;	/* unused */
};

/* c_cc indexes. A c_cc value of 0 (_POSIX_VDISABLE on Linux) disables that character. */
#define VINTR		0
#define VQUIT		1
#define VERASE		2
#define VKILL		3
#define VEOF		4
#define VTIME		5	/* non-canonical read timeout, tenths of a second */
#define VMIN		6	/* non-canonical read: bytes to wait for */
#define VSWTC		7
#define VSTART		8
#define VSTOP		9
#define VSUSP		10
#define VEOL		11
#define VREPRINT	12
#define VDISCARD	13
#define VWERASE		14
#define VLNEXT		15
#define VEOL2		16

/* c_iflag */
#define IGNBRK	0x0001
#define BRKINT	0x0002
#define IGNPAR	0x0004
#define PARMRK	0x0008
#define INPCK	0x0010
#define ISTRIP	0x0020	/* clear the 8th bit of each input byte */
#define INLCR	0x0040	/* NL -> CR on input */
#define IGNCR	0x0080	/* drop CR on input */
#define ICRNL	0x0100	/* CR -> NL on input (so Enter ends a line) */
#define IUCLC	0x0200
#define IXON	0x0400
#define IXANY	0x0800
#define IXOFF	0x1000
#define IMAXBEL	0x2000
#define IUTF8	0x4000	/* erase removes a whole UTF-8 character */

/* c_oflag */
#define OPOST	0x0001	/* process output at all */
#define OLCUC	0x0002
#define ONLCR	0x0004	/* NL -> CR NL on output */
#define OCRNL	0x0008
#define ONOCR	0x0010
#define ONLRET	0x0020

/* c_cflag */
#define CBAUD	0x100f
#define B9600	0x000d
#define B38400	0x000f
#define CSIZE	0x0030
#define CS8	0x0030
#define CSTOPB	0x0040
#define CREAD	0x0080
#define PARENB	0x0100
#define HUPCL	0x0400
#define CLOCAL	0x0800

/* c_lflag */
#define ISIG	0x00001	/* INTR/QUIT/SUSP raise signals (TODO(signals): plain input now) */
#define ICANON	0x00002	/* canonical mode: line editing, read returns lines */
#define XCASE	0x00004
#define ECHO	0x00008	/* echo input */
#define ECHOE	0x00010	/* ERASE/WERASE erase visually ("\b \b") */
#define ECHOK	0x00020	/* KILL echoes a newline */
#define ECHONL	0x00040	/* echo NL even without ECHO */
#define NOFLSH	0x00080
#define TOSTOP	0x00100
#define ECHOCTL	0x00200	/* echo control characters as ^X */
#define ECHOPRT	0x00400
#define ECHOKE	0x00800	/* KILL erases the line visually */
#define FLUSHO	0x01000
#define PENDIN	0x04000
#define IEXTEN	0x08000	/* WERASE and LNEXT */

/* Linux's defaults (drivers/tty/tty_io.c tty_std_termios). */
#define TTY_DEFAULT_IFLAG	(ICRNL | IXON)
#define TTY_DEFAULT_OFLAG	(OPOST | ONLCR)
#define TTY_DEFAULT_CFLAG	(B38400 | CS8 | CREAD | HUPCL)
#define TTY_DEFAULT_LFLAG	(ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN)
/* c_cc in index order: ^C ^\ DEL ^U ^D, TIME 0, MIN 1, SWTC 0, ^Q ^S ^Z, EOL 0, ^R ^O ^W ^V */
#define TTY_DEFAULT_CC							\
	{ 0x03, 0x1c, 0x7f, 0x15, 0x04, 0, 1, 0, 0x11, 0x13, 0x1a, 0,	\
	  0x12, 0x0f, 0x17, 0x16, 0, 0, 0 }
#define TTY_DEFAULT_ROWS	24
#define TTY_DEFAULT_COLS	80

/* tcflush() queue selectors (TCFLSH's argument) */
#define TCIFLUSH	0
#define TCOFLUSH	1
#define TCIOFLUSH	2

/* ioctl numbers of terminals (Linux: include/uapi/asm-generic/ioctls.h) */
#define TCGETS		0x5401
#define TCSETS		0x5402	/* now */
#define TCSETSW		0x5403	/* after output drains */
#define TCSETSF		0x5404	/* after output drains, discarding unread input */
#define TCFLSH		0x540B
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCOUTQ	0x5411
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429

#endif
