/* exec_test.c - execve and what a new program finds: argv, envp, the auxiliary vector; the
 * errors of execve; and that a musl program's libc works (printf("%f"), malloc).
 *
 * The argv/envp round trip needs a second image, and without fork the exec replaces this
 * one. So main() starts by re-exec'ing the program itself with a known argv and envp and a
 * marker argument; the new image (marker present) checks what it received, keeps the verdict,
 * and runs the whole suite, where argv_round_trip reports it. If that first exec fails, the
 * suite runs in the original image and argv_round_trip says why. The failing execs (missing
 * file, directory, not an ELF, truncated ELF ...) return to the caller, which must be
 * unharmed: each case then checks that its own state survived.
 * The auxv checks compare each value with something independent: the ELF header the program
 * was loaded from (__ehdr_start), the address of _start, getuid(), CPUID.
 * See also: kernel/exec.c, kernel/include/uapi/auxvec.h, tap.h. */
#include <cpuid.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"

#define MARKER "--exec-test-child"
#define PAUSE_MARKER "--exec-test-pause"	/* write a byte to fd 3, then wait to be killed */
#define LONG_MARKER "--exec-test-long-args"	/* the image of exec_many_long_arguments */
#define LONG_ARGS 64				/* ... given this many arguments */
#define LONG_ARG_LEN 1000			/* ... of this many bytes: 64 KB, many pages */
#define TOO_LONG_ARG (200 * 1024)		/* over reaper's 128 KiB and Linux's per-string
						 * limit (MAX_ARG_STRLEN, 128 KiB) */

extern char **environ;
extern const char __ehdr_start[];	/* the linker's symbol for our own ELF header */
#define EHDR ((const Elf64_Ehdr *)__ehdr_start)
extern char _start[];			/* musl's entry point (crt1) */

/* What the re-exec'ed image is given; it checks it received exactly this. */
static const char *const child_args[] = { MARKER, "one", "two words", "", "last" };
static const char *const child_env[] = { "A=1", "EMPTY=", "SPACES=a b  c",
					  "LONG=0123456789abcdefghijklmnopqrstuvwxyz" };

static char round_trip_why[256];	/* empty: the round trip was checked and correct */
static const char *self_path;		/* how this program was exec'ed (argv[0]) */

/* ---- the round trip ---- */

/* reexec_self() - exec ourselves with child_args and child_env (keeping TAP_ON_REAPER).
 * Return only on failure, with the reason in round_trip_why. */
static void reexec_self(const char *path)
{
	const char *argv[8] = { path };
	const char *envp[8];
	size_t n = 0;

	for (size_t i = 0; i < sizeof(child_args) / sizeof(child_args[0]); i++)
		argv[i + 1] = child_args[i];
	for (; n < sizeof(child_env) / sizeof(child_env[0]); n++)
		envp[n] = child_env[n];
	if (getenv("TAP_ON_REAPER"))
		envp[n++] = getenv("TAP_ON_REAPER") - strlen("TAP_ON_REAPER=");
	envp[n] = NULL;
	execve(path, (char *const *)argv, (char *const *)envp);
	snprintf(round_trip_why, sizeof(round_trip_why), "execve(%s) of itself failed: %s",
		 path, tap_errno_name(errno));
}

/* check_received() - as the re-exec'ed image: did argv and envp arrive intact? */
static void check_received(int argc, char **argv)
{
	size_t nargs = sizeof(child_args) / sizeof(child_args[0]);
	size_t nenv = sizeof(child_env) / sizeof(child_env[0]), i = 0;
	char *why = round_trip_why;

	if ((size_t)argc != nargs + 1 || argv[argc] != NULL)
		snprintf(why, 256, "argc %d, expected %zu", argc, nargs + 1);
	for (i = 0; !*why && i < nargs; i++)
		if (strcmp(argv[i + 1], child_args[i]))
			snprintf(why, 256, "argv[%zu] \"%s\", expected \"%s\"", i + 1, argv[i + 1],
				 child_args[i]);
	for (i = 0; !*why && environ[i] && i < nenv; i++)
		if (strcmp(environ[i], child_env[i]))
			snprintf(why, 256, "envp[%zu] \"%s\", expected \"%s\"", i, environ[i],
				 child_env[i]);
	if (!*why && i != nenv)
		snprintf(why, 256, "only %zu environment strings arrived", i);
	printf("# exec child: argc %d, argv[3] \"%s\", %s\n", argc, argc > 3 ? argv[3] : "",
	       *why ? why : "argv and envp as sent");
}

static void argv_round_trip(void)
{
	if (round_trip_why[0])
		tap_fail(__FILE__, __LINE__, "%s", round_trip_why);
	EXPECT_STREQ(getenv("SPACES"), "a b  c");
	EXPECT_STREQ(getenv("EMPTY"), "");
}

/* ---- the auxiliary vector ---- */

static void auxv_pagesz(void)
{
	EXPECT_EQ(getauxval(AT_PAGESZ), 4096);
	EXPECT_EQ(sysconf(_SC_PAGESIZE), 4096);
}

static void auxv_phdr_matches_elf_header(void)
{
	const Elf64_Ehdr *eh = EHDR;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
	bool has_load = false;

	EXPECT_EQ(memcmp(eh->e_ident, ELFMAG, SELFMAG), 0);
	EXPECT_EQ((uintptr_t)ph, (uintptr_t)eh + eh->e_phoff);
	EXPECT_EQ(getauxval(AT_PHNUM), eh->e_phnum);
	EXPECT_EQ(getauxval(AT_PHENT), sizeof(Elf64_Phdr));
	for (size_t i = 0; ph && i < getauxval(AT_PHNUM); i++)
		has_load |= ph[i].p_type == PT_LOAD;
	EXPECT_TRUE(has_load);
}

static void auxv_entry_is_start(void)
{
	EXPECT_EQ(getauxval(AT_ENTRY), (uintptr_t)_start);
	EXPECT_EQ(getauxval(AT_ENTRY), EHDR->e_entry);
}

static void auxv_random_bytes(void)
{
	const unsigned char *r = (const unsigned char *)getauxval(AT_RANDOM);
	unsigned char any = 0;

	if (!EXPECT_NE((uintptr_t)r, 0))
		return;
	for (int i = 0; i < 16; i++)
		any |= r[i];
	EXPECT_NE(any, 0);
}

static void auxv_execfn_is_path(void)
{
	const char *fn = (const char *)getauxval(AT_EXECFN);

	if (!EXPECT_NE((uintptr_t)fn, 0))
		return;
	EXPECT_STREQ(fn, self_path);
}

static void auxv_ids(void)
{
	EXPECT_EQ(getauxval(AT_UID), getuid());
	EXPECT_EQ(getauxval(AT_EUID), geteuid());
	EXPECT_EQ(getauxval(AT_GID), getgid());
	EXPECT_EQ(getauxval(AT_EGID), getegid());
	EXPECT_EQ(getauxval(AT_SECURE), 0);
	SKIP_IF(!tap_on_reaper() && getuid() != 0, "not root on the host");
	EXPECT_EQ(getauxval(AT_UID), 0);
}

static void auxv_platform_and_hwcap(void)
{
	unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;

	EXPECT_STREQ((const char *)getauxval(AT_PLATFORM), "x86_64");
	EXPECT_EQ(getauxval(AT_CLKTCK), 100);
	if (EXPECT_TRUE(__get_cpuid(1, &eax, &ebx, &ecx, &edx)))
		EXPECT_EQ(getauxval(AT_HWCAP), edx);	/* Linux: CPUID.1:EDX */
	errno = 0;
	EXPECT_EQ(getauxval(12345), 0);			/* absent: 0 and ENOENT */
	EXPECT_EQ(errno, ENOENT);
}

/* ---- execve errors ---- */

static int canary = 0x1234;	/* data the failed execs must leave alone */

/* try_exec() - execve @path with a small argv; returns -1 with errno (it must fail). */
static int try_exec(const char *path)
{
	char *const argv[] = { (char *)path, "arg", NULL };

	return execve(path, argv, environ);
}

/* make_file() - a file in /tmp with @len bytes of @data and mode @mode; its name in @path. */
static bool make_file(char *path, const void *data, size_t len, mode_t mode)
{
	int fd;

	strcpy(path, "/tmp/exec_test.XXXXXX");
	fd = mkstemp(path);
	if (!EXPECT_OK(fd))
		return false;
	EXPECT_EQ(write(fd, data, len), (ssize_t)len);
	close(fd);
	return EXPECT_OK(chmod(path, mode));
}

/* still_unharmed() - after a failed execve: our data, stack, fds and libc still work. */
static void still_unharmed(int stack_value)
{
	char buf[16];

	EXPECT_EQ(canary, 0x1234);
	EXPECT_EQ(stack_value, 42);
	EXPECT_EQ(snprintf(buf, sizeof(buf), "%d", canary), 4);
	EXPECT_OK(write(1, "", 0));
}

static void exec_missing_file(void)
{
	int local = 42;

	EXPECT_ERRNO(try_exec("/no/such/program"), ENOENT);
	EXPECT_ERRNO(try_exec("/tmp/no-such-program"), ENOENT);
	still_unharmed(local);
}

static void exec_directory(void)
{
	int local = 42;

	EXPECT_ERRNO(try_exec("/tmp"), EACCES);
	EXPECT_ERRNO(try_exec("/"), EACCES);
	still_unharmed(local);
}

static void exec_not_elf(void)
{
	const char text[] = "hello, I am not an ELF file\n";
	char path[32];
	int local = 42;

	if (!make_file(path, text, sizeof(text) - 1, 0755))
		return;
	EXPECT_ERRNO(try_exec(path), ENOEXEC);
	EXPECT_OK(unlink(path));
	still_unharmed(local);
}

/* headers_size() - bytes of our ELF header and program headers, which are loaded (the first
 * PT_LOAD segment starts at offset 0) and so can be copied from memory. */
static size_t headers_size(void)
{
	return EHDR->e_phoff + EHDR->e_phnum * sizeof(Elf64_Phdr);
}

/* exec_truncated_copy() - execve a copy of our own first @len header bytes (mode 0755), with
 * e_machine changed when @machine is non-zero. */
static void exec_truncated_copy(size_t len, uint16_t machine, int want)
{
	static Elf64_Ehdr copy[32];	/* 2 KiB: room for the headers */
	char path[32];

	if (!EXPECT_TRUE(len <= headers_size() && headers_size() <= sizeof(copy)))
		return;
	memcpy(copy, __ehdr_start, len);
	if (machine)
		copy[0].e_machine = machine;
	if (!make_file(path, copy, len, 0755))
		return;
	EXPECT_ERRNO(try_exec(path), want);
	EXPECT_OK(unlink(path));
}

static void exec_truncated_elf(void)
{
	int local = 42;

	exec_truncated_copy(4, 0, ENOEXEC);		/* just the magic */
	exec_truncated_copy(32, 0, ENOEXEC);		/* half an ELF header */
	/* cut inside the program headers */
	exec_truncated_copy(EHDR->e_phoff + sizeof(Elf64_Phdr) + 8, 0, ENOEXEC);
	still_unharmed(local);
}

static void exec_wrong_machine(void)
{
	int local = 42;

	exec_truncated_copy(headers_size(), EM_386, ENOEXEC);
	still_unharmed(local);
}

static void exec_without_permission(void)
{
	char path[32];
	int local = 42;

	if (!make_file(path, __ehdr_start, headers_size(), 0644))
		return;
	EXPECT_ERRNO(try_exec(path), EACCES);		/* no x bit, even for root */
	EXPECT_OK(unlink(path));
	still_unharmed(local);
}

/* long_arg() - argument @i of exec_many_long_arguments: LONG_ARG_LEN letters, 'a' + i % 26
 * but the first, which is the argument's number mod 10, so no two neighbours are equal. */
static void long_arg(char *buf, int i)
{
	memset(buf, 'a' + i % 26, LONG_ARG_LEN);
	buf[0] = (char)('0' + i % 10);
	buf[LONG_ARG_LEN] = '\0';
}

/* check_long_args() - in the image exec'ed by exec_many_long_arguments: exit 0 if argv is
 * exactly what it sent, else the number of the first wrong argument + 1 (at most 100). */
static int check_long_args(int argc, char **argv)
{
	static char want[LONG_ARG_LEN + 1];

	if (argc != LONG_ARGS + 2)
		return 100;
	for (int i = 0; i < LONG_ARGS; i++) {
		long_arg(want, i);
		if (strcmp(argv[i + 2], want) != 0)
			return i + 1;
	}
	return 0;
}

static void exec_long_arguments_child(void)
{
	static char args[LONG_ARGS][LONG_ARG_LEN + 1];
	char *argv[LONG_ARGS + 3] = { (char *)self_path, LONG_MARKER };

	for (int i = 0; i < LONG_ARGS; i++) {
		long_arg(args[i], i);
		argv[i + 2] = args[i];
	}
	execve(self_path, argv, environ);
	_exit(101);
}

/* 64 arguments of 1000 bytes, more than one page of strings (kernel/exec.c copies them into
 * a page first, then into a full-size arena when they do not fit), reach the new program
 * intact. */
static void exec_many_long_arguments(void)
{
	pid_t child = tap_fork_child(exec_long_arguments_child);

	EXPECT_EQ(tap_wait_status(child, 0), tap_exit_status(0));
}

/* One argument longer than the limit: E2BIG, and the caller goes on. */
static void exec_argument_too_long_e2big(void)
{
	static char huge[TOO_LONG_ARG + 1];
	char *argv[] = { (char *)self_path, huge, NULL };
	int stack_value = 42;

	memset(huge, 'x', TOO_LONG_ARG);
	EXPECT_ERRNO(execve(self_path, argv, environ), E2BIG);
	still_unharmed(stack_value);
}

/* copy_self() - a copy of this program at @path, executable. Return: true if made. */
static bool copy_self(const char *path)
{
	static char buf[65536];
	int in = open(self_path, O_RDONLY), out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ssize_t n = 0;

	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			n = -1;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return EXPECT_TRUE(in >= 0 && out >= 0 && n == 0);
}

static const char *running_copy = "/tmp/exec_test.running";
static int running_pipe[2] = { -1, -1 };

static void exec_paused_copy(void)
{
	char *argv[] = { (char *)running_copy, PAUSE_MARKER, NULL };

	close(running_pipe[0]);
	if (dup2(running_pipe[1], 3) != 3)
		_exit(102);
	execve(running_copy, argv, environ);
	_exit(101);
}

/* While a program runs, its file cannot be opened for writing, truncated by open(O_TRUNC) or
 * truncate(2): ETXTBSY ("text file busy"), as on Linux; when it has exited, it can. (Under
 * reaper the running text is mapped from the file's own frames: a write would change it.) */
static void write_running_program_etxtbsy(void)
{
	char byte = 0;
	pid_t child;
	int fd;

	if (!copy_self(running_copy) || !EXPECT_OK(pipe(running_pipe)))
		return;
	child = tap_fork_child(exec_paused_copy);
	close(running_pipe[1]);
	EXPECT_EQ(read(running_pipe[0], &byte, 1), 1);	/* the copy runs */
	close(running_pipe[0]);
	EXPECT_ERRNO(open(running_copy, O_WRONLY), ETXTBSY);
	EXPECT_ERRNO(open(running_copy, O_RDWR), ETXTBSY);
	EXPECT_ERRNO(open(running_copy, O_RDONLY | O_TRUNC), ETXTBSY);
	EXPECT_ERRNO(truncate(running_copy, 0), ETXTBSY);
	fd = open(running_copy, O_RDONLY);		/* reading is fine */
	EXPECT_OK(fd);
	close(fd);
	EXPECT_OK(kill(child, SIGKILL));
	EXPECT_EQ(tap_wait_status(child, 0), SIGKILL);
	fd = open(running_copy, O_WRONLY);		/* not running any more */
	EXPECT_OK(fd);
	close(fd);
	EXPECT_OK(unlink(running_copy));
}

static int write_fd = -1;

static void exec_copy_open_for_writing(void)
{
	char *argv[] = { (char *)running_copy, PAUSE_MARKER, NULL };

	execve(running_copy, argv, environ);
	_exit(errno == ETXTBSY ? 26 : 101);
}

/* A file open for writing cannot be executed: ETXTBSY, and the caller goes on. */
static void exec_file_open_for_writing_etxtbsy(void)
{
	pid_t child;

	if (!copy_self(running_copy))
		return;
	write_fd = open(running_copy, O_WRONLY);
	if (EXPECT_OK(write_fd)) {
		child = tap_fork_child(exec_copy_open_for_writing);
		EXPECT_EQ(tap_wait_status(child, 0), tap_exit_status(26));
		close(write_fd);
	}
	EXPECT_OK(unlink(running_copy));
}

/* ---- libc: floating point formatting and malloc ---- */

static void printf_float(void)
{
	char buf[64];
	volatile double third = 1.0 / 3.0;

	snprintf(buf, sizeof(buf), "%f", 3.14159);
	EXPECT_STREQ(buf, "3.141590");
	snprintf(buf, sizeof(buf), "%.3f|%e|%g", 2 * third, 12345.678, 0.0001);
	EXPECT_STREQ(buf, "0.667|1.234568e+04|0.0001");
	snprintf(buf, sizeof(buf), "%.2f", strtod("2.5", NULL) * 4 + third);
	EXPECT_STREQ(buf, "10.33");
}

/* fpu_survives_syscalls() - SSE registers hold across system calls and a sleep (the kernel
 * saves and restores them per thread). */
static void fpu_survives_syscalls(void)
{
	volatile double a = 1.5, b = 2.25, sum = 0;

	for (int i = 0; i < 100; i++) {
		sum += a * b;
		getpid();
	}
	usleep(20 * 1000);
	EXPECT_EQ((long)(sum * 100), 33750);
}

/* fill()/check() - a pattern that differs for every block and byte position. */
static void fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed * 31 + i * 7 + (i >> 10));
}

static bool check(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed * 31 + i * 7 + (i >> 10)))
			return tap_fail(__FILE__, __LINE__, "block %u byte %zu corrupt", seed, i);
	return true;
}

static void malloc_many_sizes(void)
{
	static const size_t sizes[] = { 1, 7, 16, 24, 100, 255, 1000, 4095, 4096, 4097, 20000,
					65536, 100000, (1 << 20) + 1, 3 << 20, 13 };
	unsigned char *blocks[sizeof(sizes) / sizeof(sizes[0])];
	size_t n = sizeof(sizes) / sizeof(sizes[0]);

	for (size_t i = 0; i < n; i++) {
		blocks[i] = malloc(sizes[i]);
		if (!EXPECT_TRUE(blocks[i] != NULL))
			return;
		EXPECT_EQ((uintptr_t)blocks[i] % 16, 0);
		fill(blocks[i], sizes[i], (unsigned)i);
	}
	for (size_t i = 0; i < n; i++)
		check(blocks[i], sizes[i], (unsigned)i);
	for (size_t i = 0; i < n; i += 2)	/* free every other, then reuse */
		free(blocks[i]);
	for (size_t i = 1; i < n; i += 2)
		check(blocks[i], sizes[i], (unsigned)i);
	for (size_t i = 1; i < n; i += 2)
		free(blocks[i]);
}

static void realloc_keeps_contents(void)
{
	unsigned char *p = malloc(100), *q;

	if (!EXPECT_TRUE(p != NULL))
		return;
	fill(p, 100, 9);
	q = realloc(p, 2 << 20);
	if (!EXPECT_TRUE(q != NULL))
		return;
	check(q, 100, 9);
	q[(2 << 20) - 1] = 1;
	p = realloc(q, 50);
	check(p, 50, 9);
	free(p);
}

/* large_blocks_are_given_back() - 48 x 8 MiB, each filled then freed: more than the 256 MiB
 * QEMU has, so it only passes if freeing really returns the memory (munmap). */
static void large_blocks_are_given_back(void)
{
	size_t len = 8 << 20;

	for (int i = 0; i < 48; i++) {
		unsigned char *p = malloc(len);

		if (!EXPECT_TRUE(p != NULL)) {
			tap_note("allocation %d failed", i);
			return;
		}
		memset(p, i, len);
		if (!EXPECT_EQ(p[len - 1], i))
			return;
		free(p);
	}
}

static const struct tap_case cases[] = {
	TAP_CASE(argv_round_trip),
	TAP_CASE(auxv_pagesz),
	TAP_CASE(auxv_phdr_matches_elf_header),
	TAP_CASE(auxv_entry_is_start),
	TAP_CASE(auxv_random_bytes),
	TAP_CASE(auxv_execfn_is_path),
	TAP_CASE(auxv_ids),
	TAP_CASE(auxv_platform_and_hwcap),
	TAP_CASE(exec_missing_file),
	TAP_CASE(exec_directory),
	TAP_CASE(exec_not_elf),
	TAP_CASE(exec_truncated_elf),
	TAP_CASE(exec_wrong_machine),
	TAP_CASE(exec_without_permission),
	TAP_CASE(exec_many_long_arguments),
	TAP_CASE(exec_argument_too_long_e2big),
	TAP_CASE(write_running_program_etxtbsy),
	TAP_CASE(exec_file_open_for_writing_etxtbsy),
	TAP_CASE(printf_float),
	TAP_CASE(fpu_survives_syscalls),
	TAP_CASE(malloc_many_sizes),
	TAP_CASE(realloc_keeps_contents),
	TAP_CASE(large_blocks_are_given_back),
};

int main(int argc, char **argv)
{
	self_path = argv[0];
	if (argc >= 2 && strcmp(argv[1], LONG_MARKER) == 0)
		return check_long_args(argc, argv);
	if (argc >= 2 && strcmp(argv[1], PAUSE_MARKER) == 0) {
		if (write(3, "r", 1) != 1)
			return 1;
		for (;;)
			pause();
	}
	if (argc >= 2 && strcmp(argv[1], MARKER) == 0) {
		check_received(argc, argv);
		argc = 1;			/* the child's arguments are not a case filter */
	} else if (argc >= 2) {
		snprintf(round_trip_why, sizeof(round_trip_why), "not checked: a case filter");
	} else {
		fflush(stdout);
		reexec_self(argv[0]);		/* returns only if the exec failed */
	}
	return TAP_MAIN("exec", cases, argc, argv);
}
