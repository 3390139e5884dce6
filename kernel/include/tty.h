/* tty.h - the console terminal (kernel/fs/tty.c).
 *
 * One tty for now: the serial console, reachable as /dev/console (5,1), /dev/tty (5,0) and
 * /dev/ttyS0 (4,64). Its line discipline is kernel/fs/ldisc.c; the serial port's receive
 * interrupt (arch/x86_64/serial.c) hands it every byte typed. */
#ifndef REAPER_TTY_H
#define REAPER_TTY_H

#define TTY_MAJOR		4	/* /dev/ttyS0 is 4:64 */
#define TTY_SERIAL_MINOR	64
#define TTYAUX_MAJOR		5	/* /dev/tty is 5:0, /dev/console 5:1 */
#define TTY_CURRENT_MINOR	0
#define TTY_CONSOLE_MINOR	1

void tty_init(void);
void tty_receive_byte(char c);

struct process;
/* tty_session_exit() - an exiting session leader hangs up its controlling tty (SIGHUP and
 * SIGCONT to the foreground group). Called by do_exit for the last thread of a process. */
void tty_session_exit(struct process *p);

#endif
