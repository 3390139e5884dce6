/* uapi/poll.h - poll(2)'s event bits and struct pollfd, and select(2)'s fd_set size, as
 * Linux x86-64 defines them (asm-generic/poll.h, linux/posix_types.h). */
#ifndef REAPER_UAPI_POLL_H
#define REAPER_UAPI_POLL_H

#include <stdint.h>

#define POLLIN		0x0001	/* data to read */
#define POLLPRI		0x0002	/* urgent data (select's exceptfds) */
#define POLLOUT		0x0004	/* writing will not block */
#define POLLERR		0x0008	/* error; for a pipe's write end: no readers left */
#define POLLHUP		0x0010	/* hung up; for a pipe's read end: no writers left */
#define POLLNVAL	0x0020	/* the descriptor is not open */
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200
#define POLLMSG		0x0400
#define POLLRDHUP	0x2000

struct pollfd {
	int32_t fd;		/* negative: ignored, revents 0 */
	int16_t events;		/* what the caller waits for */
	int16_t revents;	/* what happened (POLLERR, POLLHUP, POLLNVAL always reported) */
};

#define FD_SETSIZE	1024	/* bits in glibc's and musl's fd_set */

#endif
