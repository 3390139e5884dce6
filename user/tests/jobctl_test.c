/* jobctl_test.c - process groups, sessions and job control: setpgid/getpgid/setsid/getsid
 * and their errors, the controlling terminal's foreground group (TIOCGPGRP, TIOCSPGRP,
 * TIOCGSID), SIGTTIN for a background reader (and EIO when it ignores SIGTTIN), SIGTTOU for a
 * background writer under TOSTOP, and ^C typed by the harness reaching the foreground group.
 *
 * The suite runs as a session leader on a terminal: under reaper it is init on the console and
 * takes it as controlling tty (TIOCSCTTY); on Linux tests/harness/pty_run.py has already
 * made the pty its controlling tty. Like a shell, the suite ignores SIGTTOU so it can hand the
 * foreground to a child's group and take it back.
 * Typed input (tests/boots.txt): "jobctl_test: type ^C now" -> \x03, "... ^Z now" -> \x1a. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "tap.h"

static const char *self_path;

/* sync_child() - fork; the child runs @fn(@arg) and exits with its result. The parent gets
 * the pid once the child has reached its first report on the pipe (or died). */
static pid_t fork_with_pipe(int *rfd)
{
	int fds[2];
	pid_t pid;

	if (pipe(fds) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		*rfd = fds[1];
		return 0;
	}
	close(fds[1]);
	*rfd = fds[0];
	return pid;
}

static void wait_byte(int fd)
{
	char c;

	(void)!read(fd, &c, 1);
	close(fd);
}

static void say(int fd)
{
	(void)!write(fd, "x", 1);
}

static int reap(pid_t pid)
{
	int status = -1;

	waitpid(pid, &status, 0);
	return status;
}

static void kill_and_reap(pid_t pid)
{
	kill(pid, SIGKILL);
	reap(pid);
}

static void ids_of_self(void)
{
	EXPECT_EQ(getpgid(0), getpgrp());
	EXPECT_EQ(getpgid(getpid()), getpgrp());
	EXPECT_EQ(getsid(0), getsid(getpid()));
	EXPECT_ERRNO(getpgid(4000000), ESRCH);
	EXPECT_ERRNO(getsid(4000000), ESRCH);
	EXPECT_ERRNO(setpgid(0, -1), EINVAL);
	EXPECT_ERRNO(setpgid(4000000, 0), ESRCH);
}

static void setpgid_moves_a_child(void)
{
	int fd;
	pid_t pid = fork_with_pipe(&fd);

	if (pid == 0) {
		say(fd);
		pause();
		_exit(0);
	}
	wait_byte(fd);
	EXPECT_EQ(getpgid(pid), getpgrp());		/* inherited */
	EXPECT_OK(setpgid(pid, pid));			/* a group of its own */
	EXPECT_EQ(getpgid(pid), pid);
	EXPECT_OK(setpgid(pid, getpgrp()));		/* and back */
	EXPECT_EQ(getpgid(pid), getpgrp());
	EXPECT_ERRNO(setpgid(pid, 4000000), EPERM);	/* no such group in the session */
	kill_and_reap(pid);
}

/* In a fresh session: the leader cannot move, nor start another session. */
static int session_leader_checks(void)
{
	int bad = 0;

	if (setsid() != getpid())
		bad |= 1;
	if (getsid(0) != getpid() || getpgrp() != getpid())
		bad |= 2;
	if (setpgid(0, 0) != -1 || errno != EPERM)
		bad |= 4;
	if (setsid() != -1 || errno != EPERM)
		bad |= 8;
	if (ioctl(0, TIOCGPGRP, &(int){ 0 }) != -1 || errno != ENOTTY)
		bad |= 16;	/* no controlling tty in the new session */
	return bad;
}

static void setsid_rules(void)
{
	int fd;
	pid_t pid = fork_with_pipe(&fd);

	if (pid == 0)
		_exit(session_leader_checks());
	close(fd);
	EXPECT_EQ(reap(pid), 0);
}

static void child_in_other_session_cannot_move(void)
{
	int fd;
	pid_t pid = fork_with_pipe(&fd);

	if (pid == 0) {
		setsid();
		say(fd);
		pause();
		_exit(0);
	}
	wait_byte(fd);
	EXPECT_EQ(getsid(pid), pid);
	EXPECT_ERRNO(setpgid(pid, pid), EPERM);
	EXPECT_ERRNO(setpgid(0, pid), EPERM);		/* its group is in another session */
	kill_and_reap(pid);
}

static void child_after_exec_cannot_move(void)
{
	int fds[2];
	char c;
	pid_t pid;

	if (!EXPECT_OK(pipe2(fds, O_CLOEXEC)))
		return;
	pid = fork();
	if (pid == 0) {
		execl(self_path, self_path, "--sleeper", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	EXPECT_EQ(read(fds[0], &c, 1), 0);		/* EOF: the exec closed it */
	close(fds[0]);
	EXPECT_ERRNO(setpgid(pid, pid), EACCES);
	kill_and_reap(pid);
}

/* ensure_ctty() - the terminal on fd 0 is our controlling tty (reaper: take it). */
static bool ensure_ctty(void)
{
	if (tcgetpgrp(0) > 0)
		return true;
	return EXPECT_OK(ioctl(0, TIOCSCTTY, 0));
}

static void foreground_group_ioctls(void)
{
	pid_t sid;
	int fd;
	pid_t pid;

	if (!ensure_ctty())
		return;
	EXPECT_EQ(tcgetpgrp(0), getpgrp());
	EXPECT_OK(ioctl(0, TIOCGSID, &sid));
	EXPECT_EQ(sid, getsid(0));
	EXPECT_ERRNO(tcsetpgrp(0, -1), EINVAL);
	EXPECT_ERRNO(tcsetpgrp(0, 4000000), ESRCH);
	pid = fork_with_pipe(&fd);
	if (pid == 0) {
		setpgid(0, 0);
		say(fd);
		pause();
		_exit(0);
	}
	wait_byte(fd);
	setpgid(pid, pid);
	EXPECT_OK(tcsetpgrp(0, pid));
	EXPECT_EQ(tcgetpgrp(0), pid);
	EXPECT_OK(tcsetpgrp(0, getpgrp()));	/* from the background: SIGTTOU is ignored */
	EXPECT_EQ(tcgetpgrp(0), getpgrp());
	kill_and_reap(pid);
}

static void other_session_group_cannot_be_foreground(void)
{
	int fd;
	pid_t pid;

	if (!ensure_ctty())
		return;
	pid = fork_with_pipe(&fd);
	if (pid == 0) {
		setsid();
		say(fd);
		pause();
		_exit(0);
	}
	wait_byte(fd);
	EXPECT_ERRNO(tcsetpgrp(0, pid), EPERM);
	kill_and_reap(pid);
}

/* background_child() - fork a child in a group of its own (background) that runs @fn. */
static pid_t background_child(void (*fn)(void))
{
	int fd;
	pid_t pid = fork_with_pipe(&fd);

	if (pid == 0) {
		setpgid(0, 0);
		say(fd);
		fn();
		_exit(0);
	}
	wait_byte(fd);
	setpgid(pid, pid);
	return pid;
}

static void read_tty(void)
{
	char c;

	signal(SIGTTIN, SIG_DFL);
	_exit(read(0, &c, 1) < 0 ? 2 : 3);
}

static void read_tty_ignoring_ttin(void)
{
	char c;

	signal(SIGTTIN, SIG_IGN);
	_exit(read(0, &c, 1) < 0 && errno == EIO ? 0 : 1);
}

static void background_reader_gets_sigttin(void)
{
	int status = 0;
	pid_t pid;

	if (!ensure_ctty())
		return;
	pid = background_child(read_tty);
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	EXPECT_TRUE(WIFSTOPPED(status));
	EXPECT_EQ(WSTOPSIG(status), SIGTTIN);
	kill_and_reap(pid);
	pid = background_child(read_tty_ignoring_ttin);
	EXPECT_EQ(reap(pid), 0);		/* EIO instead of a stop */
}

static void write_tty(void)
{
	signal(SIGTTOU, SIG_DFL);
	_exit(write(1, "", 0) < 0 ? 2 : write(1, "bg\n", 3) < 0 ? 2 : 3);
}

static void background_writer_with_tostop_gets_sigttou(void)
{
	struct termios t, saved;
	int status = 0;
	pid_t pid;

	if (!ensure_ctty() || !EXPECT_OK(tcgetattr(0, &saved)))
		return;
	t = saved;
	t.c_lflag |= TOSTOP;
	tcsetattr(0, TCSANOW, &t);
	pid = background_child(write_tty);
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	EXPECT_TRUE(WIFSTOPPED(status));
	EXPECT_EQ(WSTOPSIG(status), SIGTTOU);
	kill_and_reap(pid);
	tcsetattr(0, TCSANOW, &saved);
}

static void pause_forever(void)
{
	signal(SIGINT, SIG_DFL);
	for (;;)
		pause();
}

static void ctrl_c_kills_the_foreground_group(void)
{
	int status = 0;
	pid_t pid;

	if (!ensure_ctty())
		return;
	pid = background_child(pause_forever);
	EXPECT_OK(tcsetpgrp(0, pid));
	printf("jobctl_test: type ^C now\n");
	fflush(stdout);
	EXPECT_EQ(reap(pid), SIGINT);		/* killed by SIGINT, the suite was not */
	printf("\n");				/* the terminal echoed ^C: end its line */
	fflush(stdout);
	status = tcsetpgrp(0, getpgrp());
	EXPECT_EQ(status, 0);
}

static void ctrl_z_stops_the_foreground_group(void)
{
	int status = 0;
	pid_t pid;

	if (!ensure_ctty())
		return;
	pid = background_child(pause_forever);
	EXPECT_OK(tcsetpgrp(0, pid));
	printf("jobctl_test: type ^Z now\n");
	fflush(stdout);
	EXPECT_EQ(waitpid(pid, &status, WUNTRACED), pid);
	printf("\n");
	fflush(stdout);
	EXPECT_TRUE(WIFSTOPPED(status));
	EXPECT_EQ(WSTOPSIG(status), SIGTSTP);
	EXPECT_OK(tcsetpgrp(0, getpgrp()));
	kill_and_reap(pid);
}

static const struct tap_case cases[] = {
	TAP_CASE(ids_of_self),
	TAP_CASE(setpgid_moves_a_child),
	TAP_CASE(setsid_rules),
	TAP_CASE(child_in_other_session_cannot_move),
	TAP_CASE(child_after_exec_cannot_move),
	TAP_CASE(foreground_group_ioctls),
	TAP_CASE(other_session_group_cannot_be_foreground),
	TAP_CASE(background_reader_gets_sigttin),
	TAP_CASE(background_writer_with_tostop_gets_sigttou),
	TAP_CASE(ctrl_c_kills_the_foreground_group),
	TAP_CASE(ctrl_z_stops_the_foreground_group),
};

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--sleeper") == 0) {
		for (;;)
			pause();
	}
	self_path = argv[0];
	signal(SIGTTOU, SIG_IGN);	/* as a shell: hand the terminal over and take it back */
	return TAP_MAIN("jobctl", cases, argc, argv);
}
