/* poll_test.c - poll, ppoll, select and pselect6 on pipes and /dev/null.
 *
 * Readiness as Linux reports it: a pipe's read end is readable (POLLIN) with data and hung up
 * (POLLHUP) with no writer; its write end is writable (POLLOUT) with room for PIPE_BUF bytes
 * and in error (POLLERR) with no reader; /dev/null is always ready both ways; a closed
 * descriptor is POLLNVAL to poll and EBADF to select. Timeouts of 0 return at once, small
 * ones after about their length (checked with generous bounds: TCG is slow). Each case passes
 * on the Linux host too.
 * See also: kernel/fs/select.c, pipe_test.c. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

/* now_ms() - the monotonic clock in milliseconds. */
static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* poll_one() - poll a single descriptor for @events; its revents, or -1 - errno. */
static int poll_one(int fd, short events, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	int n = poll(&p, 1, timeout_ms);

	if (n < 0)
		return -1 - errno;
	return n == 0 ? 0 : p.revents;
}

static void close_pair(int fds[2])
{
	close(fds[0]);
	close(fds[1]);
}

/* An empty pipe: the read end is not ready, the write end is writable. */
static void poll_empty_pipe(void)
{
	int fds[2];

	if (!EXPECT_OK(pipe(fds)))
		return;
	EXPECT_EQ(poll_one(fds[0], POLLIN, 0), 0);
	EXPECT_EQ(poll_one(fds[1], POLLOUT, 0), POLLOUT);
	EXPECT_EQ(poll_one(fds[1], POLLIN, 0), 0);	/* asked only for input: nothing */
	close_pair(fds);
}

/* Data makes the read end readable, with the events asked for and nothing else. */
static void poll_pipe_with_data(void)
{
	int fds[2];

	if (!EXPECT_OK(pipe(fds)))
		return;
	EXPECT_EQ(write(fds[1], "x", 1), 1);
	EXPECT_EQ(poll_one(fds[0], POLLIN, 0), POLLIN);
	EXPECT_EQ(poll_one(fds[0], POLLIN | POLLRDNORM, 0), POLLIN | POLLRDNORM);
	EXPECT_EQ(poll_one(fds[0], POLLOUT, 0), 0);
	close_pair(fds);
}

/* The writer closes: POLLHUP even when not asked for; with data left, POLLIN too. */
static void pollhup_after_writer_closes(void)
{
	int fds[2];
	char c;

	if (!EXPECT_OK(pipe(fds)))
		return;
	EXPECT_EQ(write(fds[1], "x", 1), 1);
	close(fds[1]);
	EXPECT_EQ(poll_one(fds[0], POLLIN, 0), POLLIN | POLLHUP);
	EXPECT_EQ(read(fds[0], &c, 1), 1);
	EXPECT_EQ(poll_one(fds[0], POLLIN, 0), POLLHUP);
	EXPECT_EQ(poll_one(fds[0], 0, 0), POLLHUP);
	close(fds[0]);
}

/* The reader closes: the write end reports POLLERR (and is still "writable"). */
static void pollerr_after_reader_closes(void)
{
	int fds[2];

	if (!EXPECT_OK(pipe(fds)))
		return;
	close(fds[0]);
	EXPECT_EQ(poll_one(fds[1], POLLOUT, 0), POLLOUT | POLLERR);
	EXPECT_EQ(poll_one(fds[1], 0, 0), POLLERR);
	close(fds[1]);
}

/* A full pipe is not writable; a page of room makes it writable again. */
static void poll_full_pipe(void)
{
	static char block[4096];
	int fds[2];

	if (!EXPECT_OK(pipe2(fds, O_NONBLOCK)))
		return;
	while (write(fds[1], block, sizeof(block)) > 0)
		;
	EXPECT_EQ(poll_one(fds[1], POLLOUT, 0), 0);
	EXPECT_EQ(read(fds[0], block, sizeof(block)), (ssize_t)sizeof(block));
	EXPECT_EQ(poll_one(fds[1], POLLOUT, 0), POLLOUT);
	close_pair(fds);
}

/* /dev/null is always ready for reading and writing. */
static void poll_dev_null(void)
{
	int fd = open("/dev/null", O_RDWR);

	if (!EXPECT_OK(fd))
		return;
	EXPECT_EQ(poll_one(fd, POLLIN | POLLOUT, 0), POLLIN | POLLOUT);
	EXPECT_EQ(poll_one(fd, POLLIN | POLLOUT, -1), POLLIN | POLLOUT);
	close(fd);
}

/* A closed descriptor: POLLNVAL, counted; a negative one: ignored, revents 0. */
static void pollnval_for_closed_fd(void)
{
	int fds[2];
	struct pollfd p[3];

	if (!EXPECT_OK(pipe(fds)))
		return;
	close_pair(fds);
	p[0] = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	p[1] = (struct pollfd){ .fd = -1, .events = POLLIN, .revents = 77 };
	p[2] = (struct pollfd){ .fd = -5, .events = POLLIN };
	EXPECT_EQ(poll(p, 3, 0), 1);
	EXPECT_EQ(p[0].revents, POLLNVAL);
	EXPECT_EQ(p[1].revents, 0);
	EXPECT_EQ(p[2].revents, 0);
}

/* poll(): a zero timeout returns at once, a small one after about its length. */
static void poll_timeouts(void)
{
	int fds[2];
	long start;

	if (!EXPECT_OK(pipe(fds)))
		return;
	start = now_ms();
	EXPECT_EQ(poll_one(fds[0], POLLIN, 0), 0);
	EXPECT_TRUE(now_ms() - start < 50);
	start = now_ms();
	EXPECT_EQ(poll_one(fds[0], POLLIN, 50), 0);
	EXPECT_TRUE(now_ms() - start >= 50);
	EXPECT_TRUE(now_ms() - start < 1000);
	start = now_ms();
	EXPECT_EQ(poll(NULL, 0, 30), 0);	/* no descriptors: a sleep */
	EXPECT_TRUE(now_ms() - start >= 30);
	close_pair(fds);
}

/* poll(): nfds beyond RLIMIT_NOFILE is EINVAL; an unreadable array EFAULT. */
static void poll_einval_and_efault(void)
{
	struct rlimit rl;
	struct pollfd p = { .fd = 0, .events = POLLIN };

	EXPECT_OK(getrlimit(RLIMIT_NOFILE, &rl));
	EXPECT_ERRNO(poll(&p, (nfds_t)rl.rlim_cur + 1, 0), EINVAL);
	EXPECT_ERRNO(poll((struct pollfd *)8, 1, 0), EFAULT);
}

/* A poller sleeping on an empty pipe wakes when a child writes. */
static void poll_woken_by_child(void)
{
	struct timespec delay = { 0, 100 * 1000 * 1000 };
	int fds[2];
	pid_t pid;
	int status;

	if (!EXPECT_OK(pipe(fds)))
		return;
	pid = fork();
	if (pid == 0) {
		nanosleep(&delay, NULL);
		_exit(write(fds[1], "x", 1) == 1 ? 0 : 1);
	}
	if (pid < 0) {
		close_pair(fds);
		tap_skip("no fork");
		return;
	}
	EXPECT_EQ(poll_one(fds[0], POLLIN, 10000), POLLIN);
	EXPECT_EQ(waitpid(pid, &status, 0), pid);
	EXPECT_EQ(status, 0);
	close_pair(fds);
}

/* ppoll(): a timespec timeout, a signal mask, and EINVAL for a bad timespec. */
static void ppoll_timeout_and_mask(void)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 }, bad = { 0, 1000000000 };
	sigset_t mask;
	int fds[2];
	struct pollfd p;
	long start = now_ms();

	if (!EXPECT_OK(pipe(fds)))
		return;
	p = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	EXPECT_EQ(ppoll(&p, 1, &ts, &mask), 0);
	EXPECT_TRUE(now_ms() - start >= 20);
	EXPECT_ERRNO(ppoll(&p, 1, &bad, NULL), EINVAL);
	EXPECT_EQ(write(fds[1], "x", 1), 1);
	EXPECT_EQ(ppoll(&p, 1, NULL, NULL), 1);
	EXPECT_EQ(p.revents, POLLIN);
	EXPECT_ERRNO(syscall(SYS_ppoll, &p, 1, NULL, &mask, 4), EINVAL);	/* sigsetsize */
	close_pair(fds);
}

/* select(): the sets come back with only the ready descriptors. */
static void select_reports_ready_fds(void)
{
	fd_set rd, wr;
	struct timeval tv = { 0, 0 };
	int fds[2], other[2];

	if (!EXPECT_OK(pipe(fds)) || !EXPECT_OK(pipe(other)))
		return;
	EXPECT_EQ(write(fds[1], "x", 1), 1);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(fds[0], &rd);
	FD_SET(other[0], &rd);
	FD_SET(fds[1], &wr);
	EXPECT_EQ(select(other[1] + 1, &rd, &wr, NULL, &tv), 2);
	EXPECT_TRUE(FD_ISSET(fds[0], &rd));
	EXPECT_TRUE(!FD_ISSET(other[0], &rd));
	EXPECT_TRUE(FD_ISSET(fds[1], &wr));
	close_pair(fds);
	close_pair(other);
}

/* select(): a descriptor ready both ways counts twice; a hung-up pipe is readable. */
static void select_counts_bits(void)
{
	fd_set rd, wr;
	struct timeval tv = { 0, 0 };
	int fd = open("/dev/null", O_RDWR), fds[2];

	if (!EXPECT_OK(fd) || !EXPECT_OK(pipe(fds)))
		return;
	close(fds[1]);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(fd, &rd);
	FD_SET(fd, &wr);
	FD_SET(fds[0], &rd);
	EXPECT_EQ(select(fds[0] + 1, &rd, &wr, NULL, &tv), 3);
	EXPECT_TRUE(FD_ISSET(fds[0], &rd));
	close(fd);
	close(fds[0]);
}

/* select(): a closed descriptor in a set is EBADF; nfds < 0 is EINVAL. */
static void select_ebadf_and_einval(void)
{
	fd_set rd;
	struct timeval tv = { 0, 0 };
	int fds[2];

	if (!EXPECT_OK(pipe(fds)))
		return;
	close_pair(fds);
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	EXPECT_ERRNO(select(fds[0] + 1, &rd, NULL, NULL, &tv), EBADF);
	EXPECT_ERRNO(select(-1, NULL, NULL, NULL, &tv), EINVAL);
	tv.tv_usec = -1;	/* raw: musl would refuse it before the kernel could */
	EXPECT_ERRNO(syscall(SYS_select, 0, NULL, NULL, NULL, &tv), EINVAL);
}

/* select(): a small timeout expires, and Linux writes the time left (0) back (a raw call:
 * musl hands the kernel a copy of the timeval). */
static void select_timeout_updates_timeval(void)
{
	fd_set rd;
	struct timeval tv = { 0, 30000 };
	int fds[2];
	long start = now_ms();

	if (!EXPECT_OK(pipe(fds)))
		return;
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	EXPECT_EQ(syscall(SYS_select, fds[0] + 1, &rd, NULL, NULL, &tv), 0);
	EXPECT_TRUE(now_ms() - start >= 30);
	EXPECT_TRUE(!FD_ISSET(fds[0], &rd));
	EXPECT_EQ(tv.tv_sec, 0);
	EXPECT_EQ(tv.tv_usec, 0);
	close_pair(fds);
}

/* pselect6 (raw, so the kernel's timespec update is visible): readiness and time left. */
static void pselect6_timespec(void)
{
	struct timespec ts = { 5, 0 };
	fd_set rd;
	int fds[2];

	if (!EXPECT_OK(pipe(fds)))
		return;
	EXPECT_EQ(write(fds[1], "x", 1), 1);
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	EXPECT_EQ(syscall(SYS_pselect6, fds[0] + 1, &rd, NULL, NULL, &ts, NULL), 1);
	EXPECT_TRUE(FD_ISSET(fds[0], &rd));
	EXPECT_TRUE(ts.tv_sec <= 5 && ts.tv_sec >= 3);	/* most of the 5 s are left */
	ts = (struct timespec){ 0, -1 };
	EXPECT_ERRNO(syscall(SYS_pselect6, fds[0] + 1, &rd, NULL, NULL, &ts, NULL), EINVAL);
	close_pair(fds);
}

static const struct tap_case cases[] = {
	TAP_CASE(poll_empty_pipe),
	TAP_CASE(poll_pipe_with_data),
	TAP_CASE(pollhup_after_writer_closes),
	TAP_CASE(pollerr_after_reader_closes),
	TAP_CASE(poll_full_pipe),
	TAP_CASE(poll_dev_null),
	TAP_CASE(pollnval_for_closed_fd),
	TAP_CASE(poll_timeouts),
	TAP_CASE(poll_einval_and_efault),
	TAP_CASE(poll_woken_by_child),
	TAP_CASE(ppoll_timeout_and_mask),
	TAP_CASE(select_reports_ready_fds),
	TAP_CASE(select_counts_bits),
	TAP_CASE(select_ebadf_and_einval),
	TAP_CASE(select_timeout_updates_timeval),
	TAP_CASE(pselect6_timespec),
};

int main(int argc, char **argv)
{
	return TAP_MAIN("poll", cases, argc, argv);
}
