/* poll.h - how a file tells poll()/select() it is ready, and where they wait (fs/select.c).
 *
 * A file's ->poll(f, pt) (file.h) does two things: it calls poll_wait(f, wq, pt) for every
 * wait queue on which a change of its readiness is announced, then returns its readiness as
 * POLL* bits (uapi/poll.h). The poll table is the caller's: on the first pass over the files
 * poll_wait() hangs one entry (a wait_poller, wait_queue.h) on each queue; on later passes,
 * and for callers that only want the mask (pt NULL), it does nothing. The entries hold a
 * reference on their file, so a queue cannot vanish while an entry is on it.
 * Linux: include/linux/poll.h (poll_table, poll_wait). */
#ifndef REAPER_POLL_H
#define REAPER_POLL_H

#include "list.h"
#include "types.h"
#include "uapi/poll.h"

struct file;
struct wait_queue;

/* What a file without ->poll reports: always readable and writable (Linux's name). */
#define DEFAULT_POLLMASK	(POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct poll_table {
	bool registering;		/* the first pass: poll_wait() adds entries */
	int error;			/* -ENOMEM if an entry could not be allocated */
	struct list_head entries;	/* of struct poll_table_entry (select.c) */
};

void poll_wait(struct file *f, struct wait_queue *wq, struct poll_table *pt);
unsigned int vfs_poll(struct file *f, struct poll_table *pt);

#endif
