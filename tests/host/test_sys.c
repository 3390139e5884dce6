// sources: kernel/sys.c
/* test_sys.c - host unit tests of the system-wide system calls (kernel/sys.c): reboot's magic
 * and commands, resource limits, uname, sysinfo and getrandom's flags.
 *
 * The handlers run unchanged; what they call is faked: one struct process with Linux's
 * default limits stands for the caller, arch_poweroff() long-jumps back into the case (so a
 * power-off is an observable event, not the end of the test program), copy_*_user treat user
 * addresses as host pointers except NULL and BAD_PTR, and the frame and thread counts are
 * fixed numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "pid_namespace.h"
#include "process.h"
#include "fake_uaccess.h"
#include "syscalls.h"
#include "uapi/errno.h"
#include "uapi/random.h"
#include "uapi/reboot.h"
#include "uapi/sysinfo.h"
#include "uapi/utsname.h"


static struct process self = { .tgid = 1 };
static struct thread self_thread = { .proc = &self };
static jmp_buf poweroff_jmp;
static char logged[512];

struct thread *sched_current_thread = &self_thread;	/* what current_process() reads */

/* The pid namespace the calls run in: the root one, unless a test says otherwise. */
struct pid_namespace init_pid_ns;
static struct pid_namespace child_ns = { .level = 1, .parent = &init_pid_ns };
static struct pid_namespace *caller_ns = &init_pid_ns;
static int ns_reboot_cmd;

struct pid_namespace *current_pid_ns(void)
{
	return caller_ns;
}

pid_t pid_vnr(const struct pid *pid)
{
	(void)pid;
	return 1;	/* we are pid 1, in whatever namespace */
}

int pidns_reboot(int cmd)
{
	ns_reboot_cmd = cmd;
	return -EINVAL;	/* the real one does not return for a valid command */
}

void arch_poweroff(void)
{
	longjmp(poweroff_jmp, 1);
}

void printk(int level, const char *fmt, ...)
{
	va_list ap;

	(void)level;
	va_start(ap, fmt);
	vsnprintf(logged, sizeof(logged), fmt, ap);
	va_end(ap);
}

size_t frame_total_count(void)
{
	return 65000;
}

size_t frame_free_count(void)
{
	return 60000;
}

int sched_nr_threads(void)
{
	return 3;
}

uint64_t time_ns(void)
{
	return 2 * 1000000000ULL + 1;
}

void random_bytes(void *buf, size_t n)
{
	memset(buf, 0x5a, n);
}

/* reboot_powers_off() - true if reboot(@m1, @m2, @cmd) called arch_poweroff(). */
static bool reboot_powers_off(uint64_t m1, uint64_t m2, uint64_t cmd, long *ret)
{
	logged[0] = '\0';
	if (setjmp(poweroff_jmp))
		return true;
	*ret = call(sys_reboot, m1, m2, cmd, 0);
	return false;
}

static int reset(void **state)
{
	(void)state;
	self.rlim[RLIMIT_STACK] = (struct rlimit){ 8UL << 20, RLIM_INFINITY };
	self.rlim[RLIMIT_NOFILE] = (struct rlimit){ 1024, 4096 };
	caller_ns = &init_pid_ns;
	ns_reboot_cmd = 0;
	return 0;
}

static void reboot_magic(void **state)
{
	long ret = 1;

	(void)state;
	assert_false(reboot_powers_off(0, LINUX_REBOOT_MAGIC2, LINUX_REBOOT_CMD_POWER_OFF, &ret));
	assert_int_equal(ret, -EINVAL);
	assert_false(reboot_powers_off(LINUX_REBOOT_MAGIC1, 1, LINUX_REBOOT_CMD_POWER_OFF, &ret));
	assert_int_equal(ret, -EINVAL);
	/* only the low 32 bits count: the arguments are ints */
	assert_true(reboot_powers_off(0xfffffffffee1deadUL, LINUX_REBOOT_MAGIC2C,
				      LINUX_REBOOT_CMD_POWER_OFF, &ret));
	assert_true(reboot_powers_off(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2A,
				      LINUX_REBOOT_CMD_POWER_OFF, &ret));
	assert_true(reboot_powers_off(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2B,
				      LINUX_REBOOT_CMD_POWER_OFF, &ret));
}

static void reboot_commands(void **state)
{
	uint64_t m1 = LINUX_REBOOT_MAGIC1, m2 = LINUX_REBOOT_MAGIC2;
	long ret = 1;

	(void)state;
	assert_true(reboot_powers_off(m1, m2, LINUX_REBOOT_CMD_POWER_OFF, &ret));
	assert_non_null(strstr(logged, "Power down"));
	assert_true(reboot_powers_off(m1, m2, LINUX_REBOOT_CMD_HALT, &ret));
	assert_non_null(strstr(logged, "halted"));
	assert_true(reboot_powers_off(m1, m2, LINUX_REBOOT_CMD_RESTART, &ret));
	assert_false(reboot_powers_off(m1, m2, LINUX_REBOOT_CMD_CAD_ON, &ret));
	assert_int_equal(ret, 0);
	assert_false(reboot_powers_off(m1, m2, LINUX_REBOOT_CMD_CAD_OFF, &ret));
	assert_int_equal(ret, 0);
	assert_false(reboot_powers_off(m1, m2, LINUX_REBOOT_CMD_KEXEC, &ret));
	assert_int_equal(ret, -EINVAL);
	assert_false(reboot_powers_off(m1, m2, 0x12345678, &ret));
	assert_int_equal(ret, -EINVAL);
}

static void prlimit_reads_and_sets(void **state)
{
	struct rlimit old, new = { 1000, 2000 };

	(void)state;
	assert_int_equal(call(sys_prlimit64, 0, RLIMIT_STACK, 0, (uaddr_t)&old), 0);
	assert_int_equal(old.rlim_cur, 8UL << 20);
	assert_true(old.rlim_max == RLIM_INFINITY);
	assert_int_equal(call(sys_prlimit64, 1, RLIMIT_NOFILE, (uaddr_t)&new, (uaddr_t)&old), 0);
	assert_int_equal(old.rlim_cur, 1024);		/* the old value, from before the set */
	assert_int_equal(self.rlim[RLIMIT_NOFILE].rlim_max, 2000);
	assert_int_equal(call(sys_getrlimit, RLIMIT_NOFILE, (uaddr_t)&old, 0, 0), 0);
	assert_int_equal(old.rlim_cur, 1000);
	new.rlim_cur = 500;
	assert_int_equal(call(sys_setrlimit, RLIMIT_NOFILE, (uaddr_t)&new, 0, 0), 0);
	assert_int_equal(self.rlim[RLIMIT_NOFILE].rlim_cur, 500);
}

static void prlimit_errors(void **state)
{
	struct rlimit old, inverted = { 10, 5 }, huge = { 10, 1UL << 30 };

	(void)state;
	assert_int_equal(call(sys_prlimit64, 2, RLIMIT_STACK, 0, (uaddr_t)&old), -ESRCH);
	assert_int_equal(call(sys_prlimit64, (uint64_t)-1, RLIMIT_STACK, 0, 0), -ESRCH);
	assert_int_equal(call(sys_prlimit64, 0, RLIM_NLIMITS, 0, (uaddr_t)&old), -EINVAL);
	assert_int_equal(call(sys_prlimit64, 0, RLIMIT_STACK, (uaddr_t)&inverted, 0), -EINVAL);
	assert_int_equal(call(sys_prlimit64, 0, RLIMIT_NOFILE, (uaddr_t)&huge, 0), -EPERM);
	/* the new limit is read before the pid is looked up */
	assert_int_equal(call(sys_prlimit64, 2, RLIMIT_STACK, BAD_PTR, 0), -EFAULT);
	assert_int_equal(call(sys_prlimit64, 0, RLIMIT_STACK, 0, BAD_PTR), -EFAULT);
	assert_int_equal(call(sys_getrlimit, 99, BAD_PTR, 0, 0), -EINVAL);
	assert_int_equal(call(sys_getrlimit, RLIMIT_STACK, 0, 0, 0), -EFAULT);
	assert_int_equal(call(sys_setrlimit, 99, BAD_PTR, 0, 0), -EFAULT);
	assert_int_equal(self.rlim[RLIMIT_STACK].rlim_cur, 8UL << 20);	/* unchanged */
}

static void uname_fields(void **state)
{
	struct new_utsname u;

	(void)state;
	assert_int_equal(call(sys_uname, (uaddr_t)&u, 0, 0, 0), 0);
	assert_string_equal(u.sysname, "reaper");
	assert_string_equal(u.machine, "x86_64");
	assert_int_equal(strncmp(u.release, "6.1.0", 5), 0);
	assert_int_equal(call(sys_uname, 0, 0, 0, 0), -EFAULT);
}

static void sysinfo_values(void **state)
{
	struct sysinfo si;

	(void)state;
	assert_int_equal(call(sys_sysinfo, (uaddr_t)&si, 0, 0, 0), 0);
	assert_int_equal(si.uptime, 3);			/* 2 s and 1 ns, rounded up */
	assert_int_equal(si.totalram, 65000UL * 4096);
	assert_int_equal(si.freeram, 60000UL * 4096);
	assert_int_equal(si.mem_unit, 1);
	assert_int_equal(si.procs, 2);
	assert_int_equal(call(sys_sysinfo, BAD_PTR, 0, 0, 0), -EFAULT);
}

static void getrandom_flags(void **state)
{
	unsigned char buf[100];

	(void)state;
	assert_int_equal(call(sys_getrandom, (uaddr_t)buf, sizeof(buf), 0, 0), sizeof(buf));
	assert_int_equal(buf[99], 0x5a);
	assert_int_equal(call(sys_getrandom, (uaddr_t)buf, 8, GRND_NONBLOCK | GRND_RANDOM, 0), 8);
	assert_int_equal(call(sys_getrandom, (uaddr_t)buf, 8, GRND_INSECURE, 0), 8);
	assert_int_equal(call(sys_getrandom, (uaddr_t)buf, 8, GRND_INSECURE | GRND_RANDOM, 0),
			 -EINVAL);
	assert_int_equal(call(sys_getrandom, (uaddr_t)buf, 8, 0x10, 0), -EINVAL);
	assert_int_equal(call(sys_getrandom, 0, 8, 0, 0), -EFAULT);
	assert_int_equal(call(sys_getrandom, 0, 0, 0, 0), 0);
}

/* Inside a pid namespace reboot() never touches the machine: it goes to pidns_reboot(). */
static void reboot_in_namespace(void **state)
{
	uint64_t m1 = LINUX_REBOOT_MAGIC1, m2 = LINUX_REBOOT_MAGIC2;
	long ret = 1;

	(void)state;
	caller_ns = &child_ns;
	assert_false(reboot_powers_off(m1, m2, LINUX_REBOOT_CMD_POWER_OFF, &ret));
	assert_int_equal(ns_reboot_cmd, (int)LINUX_REBOOT_CMD_POWER_OFF);
	assert_false(reboot_powers_off(m1, m2, LINUX_REBOOT_CMD_CAD_ON, &ret));
	assert_int_equal(ns_reboot_cmd, (int)LINUX_REBOOT_CMD_CAD_ON);
	assert_int_equal(ret, -EINVAL);
	ns_reboot_cmd = 0;
	assert_false(reboot_powers_off(0, m2, LINUX_REBOOT_CMD_POWER_OFF, &ret));
	assert_int_equal(ns_reboot_cmd, 0);	/* bad magic is refused first */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(reboot_magic, reset),
		cmocka_unit_test_setup(reboot_commands, reset),
		cmocka_unit_test_setup(reboot_in_namespace, reset),
		cmocka_unit_test_setup(prlimit_reads_and_sets, reset),
		cmocka_unit_test_setup(prlimit_errors, reset),
		cmocka_unit_test_setup(uname_fields, reset),
		cmocka_unit_test_setup(sysinfo_values, reset),
		cmocka_unit_test_setup(getrandom_flags, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
