/* report.c - procbench's helpers for every sample: error names, the clock, the helpers a
 * sample forks (tracked, so that a timeout can kill them; reaped), and the one-byte reports
 * helpers send on pipes.
 * A helper (a namespace init, a member, the tracer) reports an error as one byte and as its exit
 * status: errno values as they are, procbench's own ERR_ codes from CODE_BASE on. The tracked
 * list is per runner; the timeout handler (procbench.c) reads it, so it is volatile and
 * kill_tracked() is async-signal-safe. See also: procbench.h, procbench.c.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "procbench.h"

/* The runner's helpers still alive, which the timeout handler kills. 0 = a free slot. */
volatile pid_t tracked[MAX_TRACKED];

static const char *const errno_names[] = {
	[EPERM] = "EPERM",	     [ENOENT] = "ENOENT", [ESRCH] = "ESRCH",
	[EINTR] = "EINTR",	     [EIO] = "EIO",	  [EBADF] = "EBADF",
	[ECHILD] = "ECHILD",	     [EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM",
	[EACCES] = "EACCES",	     [EFAULT] = "EFAULT", [EBUSY] = "EBUSY",
	[EINVAL] = "EINVAL",	     [ENFILE] = "ENFILE", [EMFILE] = "EMFILE",
	[ENOSPC] = "ENOSPC",	     [EPIPE] = "EPIPE",	  [ENOSYS] = "ENOSYS",
	[EOPNOTSUPP] = "EOPNOTSUPP", [EUSERS] = "EUSERS", [ETIMEDOUT] = "ETIMEDOUT",
};

/* err_name() - "EINVAL" for EINVAL, a phrase for our ERR_ codes, a number otherwise. */
const char *err_name(int err)
{
	static char buf[24];

	switch (err) {
	case ERR_NOT_INIT:
		return "not pid 1: CLONE_NEWPID ignored";
	case ERR_STATUS:
		return "unexpected wait status";
	case ERR_EOF:
		return "a helper ended without a report";
	case ERR_STOP:
		return "unexpected ptrace stop";
	case ERR_NO_SLAB:
		return "no " GROWTH_CACHE " in /proc/slabinfo";
	}
	if (err > 0 && (size_t)err < sizeof(errno_names) / sizeof(errno_names[0]) &&
	    errno_names[err])
		return errno_names[err];
	snprintf(buf, sizeof(buf), "errno %d", err);
	return buf;
}

/* err_to_code() and code_to_err() - an error as a helper's report byte or exit status. */
int err_to_code(int err)
{
	return err < 0 ? CODE_BASE - err : err;
}

int code_to_err(int code)
{
	return code > CODE_BASE ? CODE_BASE - code : code;
}

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void track(pid_t pid)
{
	for (int i = 0; i < MAX_TRACKED; i++) {
		if (tracked[i] == 0) {
			tracked[i] = pid;
			return;
		}
	}
}

/* kill_tracked() - SIGKILL every tracked helper. Each is a child the runner forked, so its
 * number is above 1: the check keeps a bug here from ever signalling init or everyone (-1).
 * Async-signal-safe (the timeout handler calls it). */
void kill_tracked(void)
{
	for (int i = 0; i < MAX_TRACKED; i++)
		if (tracked[i] > 1)
			kill(tracked[i], SIGKILL);
}

/* reap() - wait for our child @pid and stop tracking it. Return: 0 or an errno value. */
int reap(pid_t pid, int *status)
{
	pid_t got;

	while ((got = waitpid(pid, status, 0)) < 0 && errno == EINTR)
		;
	for (int i = 0; i < MAX_TRACKED; i++)
		if (tracked[i] == pid)
			tracked[i] = 0;
	return got < 0 ? errno : 0;
}

/* abandon() - a sample failed: kill and reap every helper still tracked. */
void abandon(void)
{
	int status;

	kill_tracked();
	for (int i = 0; i < MAX_TRACKED; i++)
		if (tracked[i] > 1)
			reap(tracked[i], &status);
}

/* exit_error() - the error a helper's wait @status reports: 0 for _exit(0). */
int exit_error(int status)
{
	if (!WIFEXITED(status))
		return ERR_STATUS;
	return code_to_err(WEXITSTATUS(status));
}

/* send_report() - a helper's one-byte report: 0, or the error. */
void send_report(int fd, int err)
{
	unsigned char code = (unsigned char)err_to_code(err);

	if (write(fd, &code, 1) != 1)
		return; /* the reader is gone; our exit status still tells */
}

/* read_reports() - @n report bytes from @fd. Return: 0 when all are 0, else the first error
 * (ERR_EOF if the writers went away first). */
int read_reports(int fd, int n)
{
	unsigned char buf[512];
	ssize_t got;

	while (n > 0) {
		got = read(fd, buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return got < 0 ? errno : ERR_EOF;
		for (ssize_t i = 0; i < got; i++)
			if (buf[i])
				return code_to_err(buf[i]);
		n -= (int)got;
	}
	return 0;
}
