/* init.c - /sbin/init, the first user program reaper runs (unless init= names another).
 *
 * The kernel starts it as pid 1 with the console as fds 0, 1 and 2. For now it mounts
 * nothing and starts nothing: there is no fork yet (the processes issue adds it), so it says
 * hello, lists what the image holds, and becomes the shell by exec'ing /bin/sh (busybox ash),
 * so `make qemu` ends at a prompt. Without fork the shell can run its builtins (echo, cd, pwd,
 * exit ...) but not other programs. If the exec fails, init says why and powers the machine
 * off, because a pid 1 that returns makes the kernel log "init: exited" and stop with a
 * failure status.
 * Boot with init=/tests/NAME to run a test suite instead, or init=/bin/busybox -- CMD ARGS to
 * run one busybox command (README.md, tests/boots.txt).
 * See also: kernel/main.c (how init starts), DESIGN.md §3. Linux: init/main.c run_init_process;
 * a real init (busybox init, systemd) also reaps orphans, which ours will have to do. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

#define SHELL "/bin/sh"

/* list_tests() - the test suites in /tests, one line. */
static void list_tests(void)
{
	DIR *dir = opendir("/tests");
	struct dirent *e;

	if (!dir) {
		printf("  (no /tests: %s)\n", strerror(errno));
		return;
	}
	printf("  test suites (boot with init=/tests/NAME):");
	while ((e = readdir(dir)) != NULL)
		if (e->d_name[0] != '.')
			printf(" %s", e->d_name);
	printf("\n");
	closedir(dir);
}

static void print_banner(void)
{
	printf("reaper: init running (pid %d)\n", (int)getpid());
	printf("  this init mounts nothing yet and starts %s (busybox ash); without fork the\n"
	       "  shell runs only its builtins (echo, cd, pwd, exit, ...).\n", SHELL);
	printf("  one busybox command: boot with init=/bin/busybox -- CMD ARGS\n");
	list_tests();
}

int main(void)
{
	char *const argv[] = { SHELL, NULL };
	char *const envp[] = { "PATH=/bin:/sbin:/usr/bin:/usr/sbin", "HOME=/", "TERM=vt100",
			       NULL };

	print_banner();
	fflush(stdout);
	execve(SHELL, argv, envp);
	printf("init: cannot run %s: %s; powering off\n", SHELL, strerror(errno));
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	printf("init: reboot(RB_POWER_OFF) failed: %s\n", strerror(errno));
	return 1;
}
