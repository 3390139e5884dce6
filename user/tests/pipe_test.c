/* pipe_test.c - pipes: end of file, EPIPE and SIGPIPE, atomic writes, O_NONBLOCK, capacity,
 * pipe2's flags, fstat, FIONREAD, and data between two processes.
 *
 * Every case checks a rule of Linux's pipe(7) and passes on the Linux host too. The capacity
 * case expects Linux's default, 65536 bytes (a host whose user has hit
 * /proc/sys/fs/pipe-user-pages-soft would give less). Cases that need a second process skip
 * themselves while fork() is not implemented (ENOSYS).
 * See also: kernel/fs/pipe.c, poll_test.c. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"

#define PIPE_CAPACITY	65536
#define TRANSFER_BYTES	(10 * 1024 * 1024)

static volatile sig_atomic_t sigpipes;	/* SIGPIPEs the handler has seen */

static void count_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

/* fork_or_skip() - fork(); on ENOSYS the caller skips (see the header comment). */
static pid_t fork_or_skip(void)
{
	pid_t pid = fork();

	if (pid < 0 && errno != ENOSYS)
		tap_fail(__FILE__, __LINE__, "fork: %s", tap_errno_name(errno));
	return pid;
}

/* wait_exit_code() - reap @pid; its exit code, or -1 - signal if a signal killed it. */
static int wait_exit_code(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		return -1000;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1 - WTERMSIG(status);
}

static void close_pair(int fds[2])
{
	close(fds[0]);
	close(fds[1]);
}

/* Data written comes out in order; with the writer gone, read returns 0. */
static void eof_when_writers_close(void)
{
	int fds[2];
	char buf[16];

	if (!EXPECT_OK(pipe(fds)))
		return;
	EXPECT_EQ(write(fds[1], "abc", 3), 3);
	EXPECT_EQ(write(fds[1], "de", 2), 2);
	close(fds[1]);
	EXPECT_EQ(read(fds[0], buf, sizeof(buf)), 5);
	EXPECT_TRUE(memcmp(buf, "abcde", 5) == 0);
	EXPECT_EQ(read(fds[0], buf, sizeof(buf)), 0);
	EXPECT_EQ(read(fds[0], buf, sizeof(buf)), 0);
	close(fds[0]);
}

/* A duplicate of the write end keeps the pipe open: EOF only when every copy is closed. */
static void dup_keeps_writer(void)
{
	int fds[2], w2;
	char c;

	if (!EXPECT_OK(pipe2(fds, O_NONBLOCK)))
		return;
	w2 = dup(fds[1]);
	close(fds[1]);
	EXPECT_ERRNO(read(fds[0], &c, 1), EAGAIN);	/* a writer is left: not EOF */
	EXPECT_EQ(write(w2, "z", 1), 1);
	close(w2);
	EXPECT_EQ(read(fds[0], &c, 1), 1);
	EXPECT_EQ(read(fds[0], &c, 1), 0);
	close(fds[0]);
}

/* No reader: write fails with EPIPE and the writer gets SIGPIPE. */
static void epipe_and_sigpipe(void)
{
	struct sigaction sa = { .sa_handler = count_sigpipe }, old;
	int fds[2];

	if (!EXPECT_OK(pipe(fds)))
		return;
	sigemptyset(&sa.sa_mask);
	if (!EXPECT_OK(sigaction(SIGPIPE, &sa, &old)))
		return;
	sigpipes = 0;
	close(fds[0]);
	EXPECT_ERRNO(write(fds[1], "x", 1), EPIPE);
	EXPECT_EQ(sigpipes, 1);
	EXPECT_ERRNO(write(fds[1], "x", 1), EPIPE);
	EXPECT_EQ(sigpipes, 2);
	sigaction(SIGPIPE, &old, NULL);
	close(fds[1]);
}

/* SIGPIPE blocked: EPIPE, and the signal waits, pending (ignoring it discards it). */
static void blocked_sigpipe_gives_epipe_only(void)
{
	sigset_t set, pending, old;
	int fds[2];

	if (!EXPECT_OK(pipe(fds)))
		return;
	sigemptyset(&set);
	sigaddset(&set, SIGPIPE);
	sigprocmask(SIG_BLOCK, &set, &old);
	close(fds[0]);
	EXPECT_ERRNO(write(fds[1], "x", 1), EPIPE);
	sigemptyset(&pending);
	EXPECT_OK(sigpending(&pending));
	EXPECT_TRUE(sigismember(&pending, SIGPIPE));
	signal(SIGPIPE, SIG_IGN);	/* drops the pending SIGPIPE */
	sigprocmask(SIG_SETMASK, &old, NULL);
	signal(SIGPIPE, SIG_DFL);
	close(fds[1]);
}

/* With the default action, SIGPIPE kills the writer (a child). */
static void sigpipe_kills_by_default(void)
{
	int fds[2];
	pid_t pid;

	if (!EXPECT_OK(pipe(fds)))
		return;
	close(fds[0]);
	pid = fork_or_skip();
	if (pid == 0) {
		signal(SIGPIPE, SIG_DFL);
		(void)write(fds[1], "x", 1);
		_exit(0);
	}
	close(fds[1]);
	SKIP_IF(pid < 0, "no fork");
	EXPECT_EQ(wait_exit_code(pid), -1 - SIGPIPE);
}

/* The wrong direction: EBADF. Not seekable: ESPIPE. No size: ftruncate EINVAL. */
static void wrong_end_and_seek(void)
{
	int fds[2];
	char c = 0;

	if (!EXPECT_OK(pipe(fds)))
		return;
	EXPECT_ERRNO(write(fds[0], &c, 1), EBADF);
	EXPECT_ERRNO(read(fds[1], &c, 1), EBADF);
	EXPECT_ERRNO(lseek(fds[0], 0, SEEK_SET), ESPIPE);
	EXPECT_ERRNO(pread(fds[0], &c, 1, 0), ESPIPE);
	EXPECT_ERRNO(ftruncate(fds[1], 0), EINVAL);
	close_pair(fds);
}

/* O_NONBLOCK: an empty pipe's read and a full pipe's write give EAGAIN. */
static void nonblock_eagain_both_ends(void)
{
	static char block[4096];
	int fds[2];
	char c;

	if (!EXPECT_OK(pipe2(fds, O_NONBLOCK)))
		return;
	EXPECT_ERRNO(read(fds[0], &c, 1), EAGAIN);
	while (write(fds[1], block, sizeof(block)) == (ssize_t)sizeof(block))
		;
	EXPECT_ERRNO(write(fds[1], block, 1), EAGAIN);
	close_pair(fds);
}

/* The capacity is 64 KiB: sixteen full pages fit, then not a byte more. */
static void capacity_is_65536(void)
{
	static char block[4096];
	size_t total = 0;
	ssize_t n;
	int fds[2];

	if (!EXPECT_OK(pipe2(fds, O_NONBLOCK)))
		return;
	while ((n = write(fds[1], block, sizeof(block))) > 0)
		total += (size_t)n;
	EXPECT_EQ(n, -1);
	EXPECT_EQ(errno, EAGAIN);
	EXPECT_EQ(total, PIPE_CAPACITY);
	EXPECT_ERRNO(write(fds[1], block, 1), EAGAIN);
	EXPECT_EQ(read(fds[0], block, 100), 100);	/* room for 100, not for a page */
	EXPECT_ERRNO(write(fds[1], block, sizeof(block)), EAGAIN);
	close_pair(fds);
}

/* pipe2: O_CLOEXEC on both descriptors, O_NONBLOCK on both files, O_DIRECT accepted,
 * anything else EINVAL. */
static void pipe2_flags(void)
{
	int fds[2];

	if (!EXPECT_OK(pipe2(fds, O_CLOEXEC | O_NONBLOCK)))
		return;
	EXPECT_EQ(fcntl(fds[0], F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(fds[1], F_GETFD), FD_CLOEXEC);
	EXPECT_EQ(fcntl(fds[0], F_GETFL) & (O_ACCMODE | O_NONBLOCK), O_RDONLY | O_NONBLOCK);
	EXPECT_EQ(fcntl(fds[1], F_GETFL) & (O_ACCMODE | O_NONBLOCK), O_WRONLY | O_NONBLOCK);
	close_pair(fds);
	if (EXPECT_OK(pipe2(fds, 0))) {
		EXPECT_EQ(fcntl(fds[0], F_GETFD), 0);
		EXPECT_EQ(fcntl(fds[1], F_GETFL) & O_NONBLOCK, 0);
		close_pair(fds);
	}
	if (EXPECT_OK(pipe2(fds, O_DIRECT)))
		close_pair(fds);
	EXPECT_ERRNO(pipe2(fds, O_APPEND), EINVAL);
	EXPECT_ERRNO(pipe2(fds, O_ASYNC), EINVAL);
}

/* A bad array pointer: EFAULT, and no descriptor is left behind. */
static void pipe2_bad_pointer(void)
{
	int before = dup(0), after;

	close(before);
	/* raw calls: the compiler rejects a constant bad pointer given to pipe2() */
	EXPECT_ERRNO(syscall(SYS_pipe2, 8L, 0), EFAULT);
	EXPECT_ERRNO(syscall(SYS_pipe, -4096L), EFAULT);
	after = dup(0);
	EXPECT_EQ(after, before);	/* the lowest free descriptor is still free */
	close(after);
}

/* Both ends are FIFOs to fstat, with the same inode. */
static void fstat_is_fifo(void)
{
	struct stat r, w;
	int fds[2];

	if (!EXPECT_OK(pipe(fds)))
		return;
	EXPECT_OK(fstat(fds[0], &r));
	EXPECT_OK(fstat(fds[1], &w));
	EXPECT_TRUE(S_ISFIFO(r.st_mode));
	EXPECT_TRUE(S_ISFIFO(w.st_mode));
	EXPECT_EQ(r.st_ino, w.st_ino);
	EXPECT_EQ(r.st_mode & 0777, 0600);
	close_pair(fds);
}

/* FIONREAD: the bytes waiting. */
static void fionread_counts_bytes(void)
{
	static char block[300];
	int fds[2], n = -1;

	if (!EXPECT_OK(pipe(fds)))
		return;
	EXPECT_OK(ioctl(fds[0], FIONREAD, &n));
	EXPECT_EQ(n, 0);
	EXPECT_EQ(write(fds[1], block, sizeof(block)), (ssize_t)sizeof(block));
	EXPECT_OK(ioctl(fds[0], FIONREAD, &n));
	EXPECT_EQ(n, 300);
	EXPECT_EQ(read(fds[0], block, 120), 120);
	EXPECT_OK(ioctl(fds[0], FIONREAD, &n));
	EXPECT_EQ(n, 180);
	close_pair(fds);
}

/* A reader blocked on an empty pipe wakes when a child writes, 100 ms later. */
static void blocking_reader_woken_by_child(void)
{
	struct timespec delay = { 0, 100 * 1000 * 1000 };
	int fds[2];
	char buf[8];
	pid_t pid;

	if (!EXPECT_OK(pipe(fds)))
		return;
	pid = fork_or_skip();
	if (pid == 0) {
		close(fds[0]);
		nanosleep(&delay, NULL);
		_exit(write(fds[1], "wake", 4) == 4 ? 0 : 1);
	}
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		tap_skip("no fork");
		return;
	}
	EXPECT_EQ(read(fds[0], buf, sizeof(buf)), 4);
	EXPECT_EQ(read(fds[0], buf, sizeof(buf)), 0);	/* the child has exited */
	EXPECT_EQ(wait_exit_code(pid), 0);
	close(fds[0]);
}

/* Two writers of whole PIPE_BUF blocks: the stream is made of whole blocks, never mixed. */
static void writes_up_to_pipe_buf_are_atomic(void)
{
	static char block[4096], stream[2 * 32 * 4096];
	size_t got = 0;
	ssize_t n;
	int fds[2];
	pid_t pids[2];

	if (!EXPECT_OK(pipe(fds)))
		return;
	for (int i = 0; i < 2; i++) {
		pids[i] = fork_or_skip();
		if (pids[i] == 0) {
			memset(block, 'A' + i, sizeof(block));
			for (int k = 0; k < 32; k++)
				if (write(fds[1], block, sizeof(block)) != (ssize_t)sizeof(block))
					_exit(1);
			_exit(0);
		}
	}
	close(fds[1]);
	while (got < sizeof(stream) && (n = read(fds[0], stream + got, sizeof(stream) - got)) > 0)
		got += (size_t)n;
	close(fds[0]);
	SKIP_IF(pids[0] < 0, "no fork");
	EXPECT_EQ(got, sizeof(stream));
	for (size_t b = 0; b < got; b += 4096)
		if (memchr(stream + b, stream[b] == 'A' ? 'B' : 'A', 4096))
			tap_fail(__FILE__, __LINE__, "block at %zu mixes two writers", b);
	EXPECT_EQ(wait_exit_code(pids[0]), 0);
	EXPECT_EQ(wait_exit_code(pids[1]), 0);
}

/* next_byte() - the pattern of the transfer: a 32-bit xorshift, a byte at a time. */
static uint8_t next_byte(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return (uint8_t)*state;
}

/* transfer_writer() - the child: 10 MB of the pattern in writes of varying sizes. */
static void transfer_writer(int fd)
{
	static uint8_t buf[9000];
	uint32_t state = 12345;
	size_t sent = 0, size = 1;

	while (sent < TRANSFER_BYTES) {
		size_t n = size < TRANSFER_BYTES - sent ? size : TRANSFER_BYTES - sent;

		for (size_t i = 0; i < n; i++)
			buf[i] = next_byte(&state);
		if (write(fd, buf, n) != (ssize_t)n)
			_exit(1);
		sent += n;
		size = size * 7 % sizeof(buf) + 1;
	}
	_exit(0);
}

/* 10 MB from a child to the parent: every byte arrives, in order (compared as they come). */
static void transfer_10mb_between_processes(void)
{
	static uint8_t buf[8192];
	uint32_t state = 12345;
	size_t got = 0, bad = 0;
	ssize_t n;
	int fds[2];
	pid_t pid;

	if (!EXPECT_OK(pipe(fds)))
		return;
	pid = fork_or_skip();
	if (pid == 0) {
		close(fds[0]);
		transfer_writer(fds[1]);
	}
	close(fds[1]);
	while (pid > 0 && (n = read(fds[0], buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			bad += buf[i] != next_byte(&state);
		got += (size_t)n;
	}
	close(fds[0]);
	SKIP_IF(pid < 0, "no fork");
	EXPECT_EQ(got, TRANSFER_BYTES);
	EXPECT_EQ(bad, 0);
	EXPECT_EQ(wait_exit_code(pid), 0);
}

static const struct tap_case cases[] = {
	TAP_CASE(eof_when_writers_close),
	TAP_CASE(dup_keeps_writer),
	TAP_CASE(epipe_and_sigpipe),
	TAP_CASE(blocked_sigpipe_gives_epipe_only),
	TAP_CASE(sigpipe_kills_by_default),
	TAP_CASE(wrong_end_and_seek),
	TAP_CASE(nonblock_eagain_both_ends),
	TAP_CASE(capacity_is_65536),
	TAP_CASE(pipe2_flags),
	TAP_CASE(pipe2_bad_pointer),
	TAP_CASE(fstat_is_fifo),
	TAP_CASE(fionread_counts_bytes),
	TAP_CASE(blocking_reader_woken_by_child),
	TAP_CASE(writes_up_to_pipe_buf_are_atomic),
	TAP_CASE(transfer_10mb_between_processes),
};

int main(int argc, char **argv)
{
	return TAP_MAIN("pipe", cases, argc, argv);
}
