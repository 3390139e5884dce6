/* init.c - /sbin/init, the first user program reaper runs (unless init= names another).
 *
 * The kernel starts it as pid 1 with the console as fds 0, 1 and 2. Its jobs, in order:
 *   1. mount what the image needs (the table below; a filesystem the kernel does not have yet,
 *      ENODEV, is skipped quietly, so /proc starts working the day procfs registers);
 *   2. print the banner;
 *   3. run the shell, /bin/sh (busybox ash, interactive), on the console in a session of its
 *      own: the child calls setsid(), opens /dev/console - a session leader's first terminal
 *      becomes its controlling tty, and TIOCSCTTY makes sure - and makes it fds 0, 1 and 2;
 *   4. wait: for the shell, and for every orphan the kernel reparents to pid 1
 *      (wait4(-1, __WALL) reaps them all, threads' clones included); when the shell exits, say
 *      so and start a new one;
 *   5. power off on SIGTERM (busybox `reboot`), SIGUSR1 (`halt`) and SIGUSR2 (`poweroff`):
 *      all three power off, since QEMU has nowhere to reboot to that a test could use. The
 *      handler does the work itself - syncs and calls reboot(RB_POWER_OFF) - so no signal
 *      can slip in between a flag test and a wait.
 * Without fork (ENOSYS, before the processes issue) init becomes the shell directly, as it did
 * before. A pid 1 that returns makes the kernel log "init: exited" and stop with a failure
 * status, so every path ends in the shell or in reboot().
 * Boot with init=/tests/NAME to run a test suite instead, init=/tests/run for all of them,
 * or init=/bin/busybox -- CMD ARGS to run one busybox command (README.md, tests/boots.txt).
 * See also: kernel/main.c (how init starts), DESIGN.md §3, tests/harness/shell_session.py.
 * Linux: init/main.c run_init_process; busybox init and sysvinit are real-world inits. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SHELL		"/bin/sh"
#define CONSOLE		"/dev/console"

struct mount_entry {
	const char *source, *target, *type;
	unsigned long flags;
	const char *data;
};

/* What init mounts. A type the kernel lacks (ENODEV) is skipped without a word. */
static const struct mount_entry mounts[] = {
	{ "proc", "/proc", "proc", 0, NULL },
	{ "tmpfs", "/tmp", "tmpfs", 0, "mode=1777" },
};

static char *const shell_envp[] = { "PATH=/bin:/sbin:/usr/bin:/usr/sbin", "HOME=/",
				    "TERM=vt100", NULL };

/* say() - a message straight to fd 1 (safe in a signal handler, unlike printf). */
static void say(const char *msg)
{
	(void)write(1, msg, strlen(msg));
}

static void mount_all(void)
{
	for (size_t i = 0; i < sizeof(mounts) / sizeof(mounts[0]); i++) {
		const struct mount_entry *m = &mounts[i];

		if (mount(m->source, m->target, m->type, m->flags, m->data) < 0 && errno != ENODEV)
			printf("init: cannot mount %s on %s: %s\n", m->type, m->target,
			       strerror(errno));
	}
}

/* list_tests() - the test suites in /tests, one line. */
static void list_tests(void)
{
	DIR *dir = opendir("/tests");
	struct dirent *e;

	if (!dir)
		return;
	printf("  test suites (boot with init=/tests/NAME, or init=/tests/run for all):");
	while ((e = readdir(dir)) != NULL)
		if (e->d_name[0] != '.')
			printf(" %s", e->d_name);
	printf("\n");
	closedir(dir);
}

static void print_banner(void)
{
	printf("reaper: init running (pid %d)\n", (int)getpid());
	printf("  starting %s (busybox ash) on %s; `exit` starts a new one, `poweroff` stops.\n",
	       SHELL, CONSOLE);
	printf("  one busybox command: boot with init=/bin/busybox -- CMD ARGS\n");
	list_tests();
	fflush(stdout);
}

/* power_off() - the handler of SIGTERM, SIGUSR1 and SIGUSR2: stop everything, sync, off. */
static void power_off(int sig)
{
	(void)sig;
	say("init: powering off\n");
	kill(-1, SIGTERM);	/* every process but init: a chance to finish */
	kill(-1, SIGKILL);
	sync();
	reboot(RB_POWER_OFF);
	say("init: reboot(RB_POWER_OFF) failed\n");
}

static void catch_shutdown_signals(void)
{
	struct sigaction sa = { .sa_handler = power_off };
	const int sigs[] = { SIGTERM, SIGUSR1, SIGUSR2 };

	sigfillset(&sa.sa_mask);	/* one shutdown at a time */
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* exec_shell() - become the interactive shell; returns only if the exec failed. */
static void exec_shell(void)
{
	char *const argv[] = { "-sh", NULL };	/* a leading '-': a login shell */

	execve(SHELL, argv, shell_envp);
	printf("init: cannot run %s: %s\n", SHELL, strerror(errno));
	fflush(stdout);
}

/* shell_child() - in the new child: own session, the console as controlling tty and
 * fds 0-2, default signal actions, then the shell. */
static void shell_child(void)
{
	int fd;

	signal(SIGTERM, SIG_DFL);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
	setsid();
	fd = open(CONSOLE, O_RDWR);
	if (fd >= 0) {
		ioctl(fd, TIOCSCTTY, 0);	/* if the open did not make it ours already */
		for (int i = 0; i < 3; i++)
			dup2(fd, i);
		if (fd > 2)
			close(fd);
	}
	exec_shell();
	_exit(127);
}

/* start_shell() - fork the shell. Return: its pid, 0 if there is no fork (init then became
 * the shell and never returns), or -1 after another fork failure (try again later). */
static pid_t start_shell(void)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		shell_child();
	if (pid < 0 && errno == ENOSYS) {
		exec_shell();
		power_off(0);
	}
	if (pid < 0)
		printf("init: fork: %s\n", strerror(errno));
	return pid;
}

/* report_exit() - what became of the shell, in the words a shell would use. */
static void report_exit(int status)
{
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);

	printf("init: shell exited with status %d, starting a new one\n", code);
	fflush(stdout);
}

/* throttle() - a shell that dies at once (a broken image) must not spin the CPU. */
static void throttle(time_t started)
{
	struct timespec second = { 1, 0 };

	if (time(NULL) - started < 1)
		nanosleep(&second, NULL);
}

/* supervise() - keep a shell running and reap everything that exits. Never returns. */
static void supervise(void)
{
	pid_t shell = -1, pid;
	time_t started = 0;
	int status;

	for (;;) {
		if (shell <= 0) {
			throttle(started);
			started = time(NULL);
			shell = start_shell();
		}
		pid = wait4(-1, &status, __WALL, NULL);
		if (pid > 0 && pid == shell) {
			report_exit(status);
			shell = -1;
		} else if (pid < 0 && errno == ECHILD) {
			shell = -1;	/* nothing left to wait for: the shell is gone too */
		} else if (pid < 0 && errno != EINTR) {
			throttle(time(NULL));	/* wait4 itself failing: do not spin */
		}
	}
}

int main(void)
{
	catch_shutdown_signals();
	mount_all();
	print_banner();
	supervise();
	return 1;
}
