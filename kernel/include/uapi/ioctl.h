/* uapi/ioctl.h - the generic ioctl requests every file accepts, whatever it is
 * (Linux: include/uapi/asm-generic/ioctls.h). Terminal requests (TCGETS, TIOCGWINSZ, ...) are
 * in uapi/termios.h. */
#ifndef REAPER_UAPI_IOCTL_H
#define REAPER_UAPI_IOCTL_H

#define FIONBIO		0x5421	/* *(int *)arg != 0: set O_NONBLOCK, else clear it */
#define FIONCLEX	0x5450	/* clear close-on-exec */
#define FIOCLEX		0x5451	/* set close-on-exec */
#define FIOASYNC	0x5452	/* *(int *)arg: O_ASYNC on or off */

#endif
