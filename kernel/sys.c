/* sys.c - small system calls about the system as a whole: identity, limits, information,
 * randomness, reboot.
 *
 * Each is a thin decoder (sys_X) over a typed function (do_X) that checks its arguments in
 * the order Linux does, so the same bad input gives the same errno:
 *   - getuid/geteuid/getgid/getegid: 0. Everything runs as root until credentials exist.
 *   - uname: "reaper" on every field that names the system, with release "6.1.0-reaper"
 *     (see uts_release below for why the number matters).
 *   - sysinfo: uptime, RAM totals from the frame allocator, the number of threads.
 *   - getrandom: bytes from kernel/random.c (not cryptographic; never blocks).
 *   - prlimit64/getrlimit/setrlimit: the process's struct rlimit table; limits are stored and
 *     reported, not yet enforced (TODO(rlimit)).
 *   - reboot: with the right magic numbers, POWER_OFF and HALT power the machine off (QEMU
 *     exits), as DESIGN.md section 3 promises; RESTART powers off too (see do_reboot).
 *   - sync: nothing to write back (ramfs lives in memory), so it succeeds at once.
 * Locking: none; each call touches only the calling process or reads global counters.
 * See also: kernel/process.c (identity of the process), kernel/time_syscalls.c,
 *   kernel/random.c. Linux: kernel/sys.c (newuname, sysinfo, prlimit64), kernel/reboot.c,
 *   drivers/char/random.c (getrandom).
 */
#include "arch.h"
#include "frame.h"
#include "pid_namespace.h"
#include "printk.h"
#include "process.h"
#include "random.h"
#include "sched.h"
#include "string.h"
#include "syscalls.h"
#include "time.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/random.h"
#include "uapi/reboot.h"
#include "uapi/sysinfo.h"
#include "uapi/utsname.h"

#define NR_OPEN_MAX	1048576			/* Linux's fs.nr_open: NOFILE's ceiling */
#define MAX_RW_COUNT	(0x7fffffffUL & ~(PAGE_SIZE - 1))	/* Linux caps one transfer */
#define GRND_ALL	(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)

_Static_assert(sizeof(struct sysinfo) == 112, "struct sysinfo must match Linux x86-64");
_Static_assert(sizeof(struct new_utsname) == 390, "struct new_utsname is 6 x 65 bytes");

/* ---- identity --------------------------------------------------------------------------- */

/* getuid(), geteuid(), getgid(), getegid(): root. TODO(cred): struct cred. */
long sys_getuid(const struct syscall_args *a)
{
	(void)a;
	return 0;
}

long sys_geteuid(const struct syscall_args *a)
{
	(void)a;
	return 0;
}

long sys_getgid(const struct syscall_args *a)
{
	(void)a;
	return 0;
}

long sys_getegid(const struct syscall_args *a)
{
	(void)a;
	return 0;
}

/* ---- uname, sysinfo --------------------------------------------------------------------- */

/*
 * The release is a Linux version on purpose. C libraries and programs compare it with the
 * kernel they need: glibc's static start-up refuses to run ("FATAL: kernel too old") below its
 * minimum (3.2 for x86-64), and some programs pick system calls by version. 6.1 is the kernel
 * Debian 12 ships, the system our busybox and glibc come from, so they see what they expect;
 * the "-reaper" suffix says, like a distribution's suffix, whose kernel it really is.
 */
static const struct new_utsname uts = {
	.sysname = "reaper",
	.nodename = "reaper",
	.release = "6.1.0-reaper",
	.version = "#1 SMP PREEMPT reaper",
	.machine = "x86_64",
	.domainname = "(none)",
};

/* do_uname() - copy the system's names to @ubuf. Return: 0 or -EFAULT. */
static long do_uname(uaddr_t ubuf)
{
	return copy_to_user(ubuf, &uts, sizeof(uts));
}

/* uname(struct new_utsname *buf) */
long sys_uname(const struct syscall_args *a)
{
	return do_uname(a->arg[0]);
}

/* do_sysinfo() - fill and copy a struct sysinfo. Memory is in bytes (mem_unit 1), as Linux
 * reports when the totals fit; uptime rounds up, like Linux's. Return: 0 or -EFAULT. */
static long do_sysinfo(uaddr_t uinfo)
{
	struct sysinfo info;
	uint64_t ns = time_ns();

	memset(&info, 0, sizeof(info));
	info.uptime = (int64_t)(ns / NSEC_PER_SEC + (ns % NSEC_PER_SEC ? 1 : 0));
	info.totalram = frame_total_count() * PAGE_SIZE;
	info.freeram = frame_free_count() * PAGE_SIZE;
	info.procs = (uint16_t)(sched_nr_threads() - 1);	/* Linux does not count idle */
	info.mem_unit = 1;
	return copy_to_user(uinfo, &info, sizeof(info));
}

/* sysinfo(struct sysinfo *info) */
long sys_sysinfo(const struct syscall_args *a)
{
	return do_sysinfo(a->arg[0]);
}

/* ---- getrandom -------------------------------------------------------------------------- */

/* do_getrandom() - @count random bytes to @ubuf, in chunks. Return: bytes written; -EFAULT
 * only if none could be; -EINVAL for unknown flags or GRND_RANDOM with GRND_INSECURE. */
static long do_getrandom(uaddr_t ubuf, size_t count, unsigned int flags)
{
	uint8_t chunk[64];
	size_t done = 0;

	if ((flags & ~GRND_ALL) || (flags & (GRND_RANDOM | GRND_INSECURE)) ==
					  (GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	count = MIN(count, MAX_RW_COUNT);
	while (done < count) {
		size_t n = MIN(count - done, sizeof(chunk));

		random_bytes(chunk, n);
		if (copy_to_user(ubuf + done, chunk, n))
			return done ? (long)done : -EFAULT;
		done += n;
	}
	return (long)done;
}

/* getrandom(void *buf, size_t count, unsigned int flags) */
long sys_getrandom(const struct syscall_args *a)
{
	return do_getrandom(a->arg[0], a->arg[1], (unsigned int)a->arg[2]);
}

/* ---- resource limits -------------------------------------------------------------------- */

/**
 * do_prlimit() - read and/or replace one resource limit of the current process.
 * @resource: RLIMIT_*. @new: the new limit, or NULL. @old: receives the old one, or NULL.
 *
 * Context: thread. Return: 0; -EINVAL for an unknown resource or cur > max; -EPERM for a
 * NOFILE maximum above fs.nr_open (as Linux, even for root).
 */
static long do_prlimit(unsigned int resource, const struct rlimit *new, struct rlimit *old)
{
	struct rlimit *rlim;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new && new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (new && resource == RLIMIT_NOFILE && new->rlim_max > NR_OPEN_MAX)
		return -EPERM;
	rlim = &current_process()->rlim[resource];
	if (old)
		*old = *rlim;
	if (new)
		*rlim = *new;
	return 0;
}

/* prlimit64(pid_t pid, int resource, const struct rlimit *new, struct rlimit *old) - Linux
 * copies @new in first, then finds the process (ESRCH), then applies, then copies @old out. */
long sys_prlimit64(const struct syscall_args *a)
{
	pid_t nr = (pid_t)a->arg[0];
	uaddr_t unew = a->arg[2], uold = a->arg[3];
	struct rlimit new, old;
	long err;

	if (unew && copy_from_user(&new, unew, sizeof(new)))
		return -EFAULT;
	if (nr != 0 && nr != pid_vnr(current_process()->pid))	/* only ourselves */
		return -ESRCH;
	err = do_prlimit((unsigned int)a->arg[1], unew ? &new : NULL, uold ? &old : NULL);
	if (!err && uold && copy_to_user(uold, &old, sizeof(old)))
		return -EFAULT;
	return err;
}

/* getrlimit(int resource, struct rlimit *rlim) */
long sys_getrlimit(const struct syscall_args *a)
{
	struct rlimit old;
	long err = do_prlimit((unsigned int)a->arg[0], NULL, &old);

	if (!err && copy_to_user(a->arg[1], &old, sizeof(old)))
		return -EFAULT;
	return err;
}

/* setrlimit(int resource, const struct rlimit *rlim) */
long sys_setrlimit(const struct syscall_args *a)
{
	struct rlimit new;

	if (copy_from_user(&new, a->arg[1], sizeof(new)))
		return -EFAULT;
	return do_prlimit((unsigned int)a->arg[0], &new, NULL);
}

/* ---- reboot, sync ----------------------------------------------------------------------- */

/* reboot_magic_ok() - the two magic numbers that keep a stray call from powering off. */
static bool reboot_magic_ok(uint32_t magic1, uint32_t magic2)
{
	return magic1 == LINUX_REBOOT_MAGIC1 &&
	       (magic2 == LINUX_REBOOT_MAGIC2 || magic2 == LINUX_REBOOT_MAGIC2A ||
		magic2 == LINUX_REBOOT_MAGIC2B || magic2 == LINUX_REBOOT_MAGIC2C);
}

/**
 * do_reboot() - power off, halt, or (not supported) restart the machine.
 * @magic1, @magic2: LINUX_REBOOT_MAGIC1 and one of the four MAGIC2 values.
 * @cmd: LINUX_REBOOT_CMD_*.
 *
 * RESTART and RESTART2 power off as well, with a log line: the machine has no reset path yet,
 * and under QEMU's -no-reboot a reset would end the run anyway. CAD_ON/CAD_OFF (what
 * Ctrl-Alt-Del does) are accepted and change nothing: there is no keyboard. Inside a pid
 * namespace other than the root's, reboot() only ends that namespace (pidns_reboot).
 * Context: thread. Return: 0 for CAD_ON/CAD_OFF; -EINVAL for bad magic or any other command
 * (KEXEC and SW_SUSPEND included: not configured, as in a Linux built without them).
 * The power-off commands do not return.
 */
static long do_reboot(uint32_t magic1, uint32_t magic2, uint32_t cmd)
{
	if (!reboot_magic_ok(magic1, magic2))
		return -EINVAL;
	if (current_pid_ns() != &init_pid_ns)
		return pidns_reboot((int)cmd);	/* kills the namespace's init, not the machine */
	switch (cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	case LINUX_REBOOT_CMD_POWER_OFF:
		pr_emerg("reboot: Power down\n");
		arch_poweroff();
	case LINUX_REBOOT_CMD_HALT:
		pr_emerg("reboot: System halted\n");
		arch_poweroff();
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		pr_emerg("reboot: Restarting system is not supported; powering off instead\n");
		arch_poweroff();
	default:
		return -EINVAL;
	}
}

/* reboot(int magic1, int magic2, unsigned int cmd, void *arg) - @arg is RESTART2's command
 * string, which we do not use. */
long sys_reboot(const struct syscall_args *a)
{
	return do_reboot((uint32_t)a->arg[0], (uint32_t)a->arg[1], (uint32_t)a->arg[2]);
}

/* sync() - ramfs has nothing to write back. */
long sys_sync(const struct syscall_args *a)
{
	(void)a;
	return 0;
}
