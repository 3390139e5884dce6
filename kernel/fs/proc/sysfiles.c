/* sysfiles.c - the system-wide files of /proc: stat, uptime, loadavg, mounts, cmdline,
 * filesystems, and the two /proc/sys knobs kernel/pid_max and vm/drop_caches.
 *
 * Each file prints, in Linux's exact format, numbers some other part of the kernel keeps, so
 * top, uptime, mount, free and the tests written for Linux read them unchanged. Nothing is
 * stored here except the parser of the /proc/sys writes. Where reaper has less to say than
 * Linux, the format stays and the figure is honest:
 *   - CPU time is sampled by the tick (HZ = USER_HZ = 100, so a tick is one clock_t): a tick
 *     that found the idle thread counts as idle (kernel/sched.c), every other one as system
 *     time - the tick does not know whether it interrupted user mode; nice, iowait, irq,
 *     softirq, steal and guest are 0, as is "intr" (no per-IRQ counts);
 *   - the load averages are 0.00: nothing samples the run queue every 5 s yet
 *     (TODO(loadavg): Linux's calc_global_load, fixed-point exponential decay);
 *   - every filesystem is "nodev": none needs a block device;
 *   - /proc/mounts prints the per-mount flags mount(2) recorded, no per-filesystem options.
 * Writes to /proc/sys parse one integer as Linux's proc_dointvec_minmax does (C notation:
 * 0x.. hex, 0.. octal; a sign only as '-'; what follows the first blank after it ignored).
 * Locking: nothing of its own. The show functions take, one at a time, the lock of what they
 * read: rq.lock (procs_running), tasklist_lock (last_nr, pid_max), mount_lock then
 * vfs_dir_lock (mounts, via mount_for_each and d_path), fs_types_lock (filesystems).
 * See also: kernel/fs/proc/root.c (the tables that call these), kernel/sched.c, kernel/time.c,
 * kernel/fs/mount.c, kernel/fs/fs_struct.c (d_path), kernel/pid.c (pid_max),
 * tests/host/test_proc_sysfiles.c. Linux: fs/proc/stat.c, uptime.c, loadavg.c, cmdline.c,
 * fs/proc_namespace.c (show_vfsmnt), fs/filesystems.c, fs/drop_caches.c, kernel/pid.c,
 * kernel/sysctl.c (proc_dointvec_minmax). */
#include "internal.h"
#include "arch.h"
#include "cmdline.h"
#include "dcache.h"
#include "fork.h"
#include "fs_struct.h"
#include "kmalloc.h"
#include "mount.h"
#include "pid_namespace.h"
#include "printk.h"
#include "process.h"
#include "sched.h"
#include "spinlock.h"
#include "time.h"
#include "vfs.h"
#include "uapi/errno.h"
#include "uapi/mount.h"

#define USER_HZ			100	/* the unit of /proc/stat's times (clock_t), as Linux */
#define PID_MAX_MIN		301	/* RESERVED_PIDS + 1: the smallest pid_max Linux accepts */
#define PROC_INT_MAX_CHARS	21	/* Linux reads at most this many characters of a number */
#define NR_SOFTIRQS		10	/* columns of Linux's "softirq" line */
#define MOUNTS_ESCAPED		" \t\n\\"	/* written as \ooo in /proc/mounts, as Linux */

/* ---- /proc/stat, /proc/uptime, /proc/loadavg ---- */

/* One CPU's times in clock_t, in /proc/stat's column order. */
struct cpu_times {
	uint64_t user, nice, system, idle, iowait, irq, softirq, steal, guest, guest_nice;
};

static uint64_t ticks_to_clock_t(uint64_t ticks)
{
	return ticks * USER_HZ / HZ;
}

/* cpu_times_now() - the only CPU's times since boot. The idle count is read first: it never
 * runs ahead of jiffies (the tick moves jiffies, then adds the same jiffies to idle if it
 * interrupted idle: sched_tick), so busy cannot wrap or go backwards. */
static struct cpu_times cpu_times_now(void)
{
	uint64_t idle = sched_idle_ticks();
	uint64_t ticks = READ_ONCE(jiffies);
	struct cpu_times ct = { 0 };

	if (idle > ticks)
		idle = ticks;
	ct.idle = ticks_to_clock_t(idle);
	ct.system = ticks_to_clock_t(ticks - idle);
	return ct;
}

/* proc_stat_cpu_line() - "cpu  1 2 ..." (the sum: two spaces) or "cpu0 1 2 ...". */
static void proc_stat_cpu_line(struct proc_buf *pb, const char *label, const struct cpu_times *c)
{
	proc_printf(pb, "%s %llu %llu %llu %llu %llu", label, (unsigned long long)c->user,
		    (unsigned long long)c->nice, (unsigned long long)c->system,
		    (unsigned long long)c->idle, (unsigned long long)c->iowait);
	proc_printf(pb, " %llu %llu %llu %llu %llu\n", (unsigned long long)c->irq,
		    (unsigned long long)c->softirq, (unsigned long long)c->steal,
		    (unsigned long long)c->guest, (unsigned long long)c->guest_nice);
}

/**
 * proc_stat_show() - print /proc/stat into @pb: CPU times, context switches, boot time,
 * forks, and the threads running now.
 * btime is the real-time clock read at boot (arch/x86_64/rtc.c), the same epoch
 * CLOCK_REALTIME counts from, so btime + uptime is the time of day. procs_blocked counts
 * Linux's I/O waiters; reaper's I/O never blocks on a device, so it is 0.
 * Context: no spinlock held; takes rq.lock. Return: 0.
 */
int proc_stat_show(struct proc_buf *pb)
{
	struct cpu_times ct = cpu_times_now();

	proc_stat_cpu_line(pb, "cpu ", &ct);	/* every CPU's sum: one CPU */
	proc_stat_cpu_line(pb, "cpu0", &ct);
	proc_printf(pb, "intr 0\n");
	proc_printf(pb, "ctxt %llu\n", (unsigned long long)sched_nr_switches());
	proc_printf(pb, "btime %llu\n", (unsigned long long)arch_boot_epoch_seconds());
	proc_printf(pb, "processes %llu\n", (unsigned long long)fork_count());
	proc_printf(pb, "procs_running %d\n", sched_nr_running());
	proc_printf(pb, "procs_blocked 0\n");
	proc_printf(pb, "softirq 0");
	for (int i = 0; i < NR_SOFTIRQS; i++)
		proc_printf(pb, " 0");
	proc_printf(pb, "\n");
	return 0;
}

/* proc_print_seconds() - @ns as "SECS.HH" (hundredths, truncated), as Linux prints them. */
static void proc_print_seconds(struct proc_buf *pb, uint64_t ns)
{
	proc_printf(pb, "%llu.%02llu", (unsigned long long)(ns / NSEC_PER_SEC),
		    (unsigned long long)(ns % NSEC_PER_SEC / (NSEC_PER_SEC / 100)));
}

/**
 * proc_uptime_show() - print /proc/uptime: seconds since boot, then seconds the CPU spent
 * idle (on Linux the sum over every CPU; here the one), e.g. "12.34 10.01\n".
 * Context: any thread. Return: 0.
 */
int proc_uptime_show(struct proc_buf *pb)
{
	uint64_t idle_ns = sched_idle_ticks() * (NSEC_PER_SEC / HZ);
	uint64_t up_ns = time_ns();

	proc_print_seconds(pb, up_ns);
	proc_printf(pb, " ");
	proc_print_seconds(pb, MIN(idle_ns, up_ns));	/* tick and clock differ by a tick */
	proc_printf(pb, "\n");
	return 0;
}

/**
 * proc_loadavg_show() - print /proc/loadavg: "0.00 0.00 0.00 running/total last\n".
 * @ns: the proc mount's pid namespace; "last" is the number it allocated last.
 *
 * running is procs_running of /proc/stat; total counts every thread, kernel threads included
 * but not idle, as Linux's nr_threads. Context: no spinlock held; takes rq.lock and
 * tasklist_lock, one after the other. Return: 0.
 */
int proc_loadavg_show(struct proc_buf *pb, struct pid_namespace *ns)
{
	int running = sched_nr_running();
	int total = sched_nr_threads() - 1;
	pid_t last;

	spin_lock(&tasklist_lock);
	last = ns->last_nr;
	spin_unlock(&tasklist_lock);
	proc_printf(pb, "0.00 0.00 0.00 %d/%d %d\n", running, total, last);
	return 0;
}

/* ---- /proc/mounts ---- */

/* What proc_mounts_line() needs besides the mount. */
struct mounts_ctx {
	struct proc_buf *pb;
	struct path root;	/* the reader's root: mount points are named from it */
	char *path_buf;		/* PATH_MAX bytes for d_path() */
};

/* proc_print_escaped() - @s with the characters of MOUNTS_ESCAPED as "\ooo", so a name with a
 * space cannot split a line into wrong fields (Linux: mangle, seq_escape). */
static void proc_print_escaped(struct proc_buf *pb, const char *s)
{
	for (; *s; s++) {
		bool escape = false;

		for (const char *e = MOUNTS_ESCAPED; *e; e++)
			escape |= *s == *e;
		if (escape)
			proc_printf(pb, "\\%03o", (unsigned int)(unsigned char)*s);
		else
			proc_printf(pb, "%c", *s);
	}
}

/* mount_atime_flags() - @m's flags as Linux would have recorded them: mount(2) makes every
 * mount relatime unless it asks for noatime or strictatime (Linux: path_mount). The root
 * mount was made by the kernel, not by mount(2), so it has no default (Linux's rootfs: "rw"). */
static unsigned int mount_atime_flags(const struct mount *m)
{
	unsigned int flags = m->mnt_flags;

	if (mnt_has_parent(m) && !(flags & MS_NOATIME))
		flags |= MS_RELATIME;
	if (flags & MS_STRICTATIME)
		flags &= ~(MS_RELATIME | MS_NOATIME);
	return flags;
}

/* proc_mount_opts() - "rw,nosuid,relatime": ro or rw, then the per-mount flags in Linux's
 * order (fs/proc_namespace.c, show_mnt_opts). */
static void proc_mount_opts(struct proc_buf *pb, unsigned int flags)
{
	static const struct {
		unsigned int flag;
		const char *name;
	} opts[] = {
		{ MS_NOSUID, ",nosuid" },
		{ MS_NODEV, ",nodev" },
		{ MS_NOEXEC, ",noexec" },
		{ MS_NOATIME, ",noatime" },
		{ MS_NODIRATIME, ",nodiratime" },
		{ MS_RELATIME, ",relatime" },
	};

	proc_printf(pb, "%s", (flags & MS_RDONLY) ? "ro" : "rw");
	for (size_t i = 0; i < ARRAY_SIZE(opts); i++)
		if (flags & opts[i].flag)
			proc_printf(pb, "%s", opts[i].name);
}

/* proc_mounts_line() - mount_for_each()'s callback: "source target fstype options 0 0".
 * Context: mount_lock held (so @m stays attached); d_path() takes vfs_dir_lock inside it. */
static void proc_mounts_line(struct mount *m, void *arg)
{
	struct mounts_ctx *ctx = arg;
	struct path where = { m, m->mnt_root };

	/* The path of a mount's root is the path of its mount point (d_path crosses up). A path
	 * longer than PATH_MAX cannot be named: the line is left out. */
	if (d_path(&where, &ctx->root, ctx->path_buf, PATH_MAX) < 0)
		return;
	proc_print_escaped(ctx->pb, m->mnt_devname ? m->mnt_devname : "none");
	proc_printf(ctx->pb, " ");
	proc_print_escaped(ctx->pb, ctx->path_buf);
	proc_printf(ctx->pb, " ");
	proc_print_escaped(ctx->pb, m->mnt_sb->s_type->name);
	proc_printf(ctx->pb, " ");
	proc_mount_opts(ctx->pb, mount_atime_flags(m));
	proc_printf(ctx->pb, " 0 0\n");
}

/**
 * proc_mounts_show() - print /proc/mounts: one line per attached mount, in mount order, its
 * mount point named from the reader's root, e.g. "proc /proc proc rw,relatime 0 0".
 * (There is one mount namespace, so /proc/<pid>/mounts would print the same.)
 * Context: no spinlock held; the calling thread is the reader. Return: 0, or -ENOMEM.
 */
int proc_mounts_show(struct proc_buf *pb)
{
	struct mounts_ctx ctx = { .pb = pb, .path_buf = kmalloc(PATH_MAX) };

	if (!ctx.path_buf)
		return -ENOMEM;
	fs_get_root(current_fs(), &ctx.root);
	mount_for_each(proc_mounts_line, &ctx);
	path_put(&ctx.root);
	kfree(ctx.path_buf);
	return 0;
}

/* ---- /proc/cmdline, /proc/filesystems ---- */

/**
 * proc_cmdline_show() - print the kernel command line as the boot loader gave it, and a
 * newline (truncated to CMDLINE_MAX - 1 bytes, kernel/cmdline.c).
 * Context: any. Return: 0.
 */
int proc_cmdline_show(struct proc_buf *pb)
{
	proc_printf(pb, "%s\n", cmdline_raw());
	return 0;
}

static void proc_filesystems_line(const struct file_system_type *type, void *arg)
{
	/* Linux leaves the first column empty for the types that need a block device. */
	proc_printf(arg, "nodev\t%s\n", type->name);
}

/**
 * proc_filesystems_show() - print /proc/filesystems: "nodev\tNAME\n" per registered type,
 * in registration order.
 * Context: no spinlock held; takes fs_types_lock. Return: 0.
 */
int proc_filesystems_show(struct proc_buf *pb)
{
	fs_types_for_each(proc_filesystems_line, pb);
	return 0;
}

/* ---- /proc/sys: parsing one integer ---- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* digit_value() - @c's value as a digit of @base, or -1. */
static int digit_value(char c, unsigned int base)
{
	int v = -1;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	return v >= 0 && (unsigned int)v < base ? v : -1;
}

/* number_base() - C's notation at @s (which starts with a digit): "0x" and a hex digit is hex
 * (skipped over), another leading 0 octal, anything else decimal (Linux: _parse_integer_
 * fixup_radix). @n: the bytes at @s. */
static unsigned int number_base(const char **s, size_t n)
{
	if ((*s)[0] != '0')
		return 10;
	if (n > 2 && ((*s)[1] == 'x' || (*s)[1] == 'X') && digit_value((*s)[2], 16) >= 0) {
		*s += 2;
		return 16;
	}
	return 8;
}

/**
 * proc_parse_int() - the integer written to a /proc/sys file, as Linux reads it.
 * @text, @len: what was written (not NUL-terminated); @out: the value.
 *
 * Blanks, an optional '-', at least one digit in C's notation, then the end or a blank;
 * whatever follows that blank is ignored (Linux's write returns success for it too).
 * Return: 0, or -EINVAL (no number, a bad character after it, more than 21 characters, or
 * outside int's range).
 */
static int proc_parse_int(const char *text, size_t len, int *out)
{
	const char *s = text, *end = text + len, *start;
	unsigned long long v = 0;
	unsigned int base;
	bool neg;

	while (s < end && is_blank(*s))
		s++;
	start = s;
	neg = end - s > 1 && *s == '-';
	s += neg;
	if (s == end || digit_value(*s, 10) < 0)
		return -EINVAL;
	base = number_base(&s, (size_t)(end - s));
	for (; s < end && digit_value(*s, base) >= 0; s++) {
		v = v * base + (unsigned int)digit_value(*s, base);
		if (v > (unsigned long long)INT32_MAX + 1)
			return -EINVAL;
	}
	if (s - start >= PROC_INT_MAX_CHARS || (s < end && !is_blank(*s)))
		return -EINVAL;
	if (!neg && v > INT32_MAX)
		return -EINVAL;
	*out = neg ? (int)-(long long)v : (int)v;
	return 0;
}

/* ---- /proc/sys/kernel/pid_max, /proc/sys/vm/drop_caches ---- */

/**
 * proc_pid_max_show() - print @ns's pid_max: numbers are 1 .. pid_max - 1 (kernel/pid.c).
 * Context: no spinlock held. Return: 0.
 */
int proc_pid_max_show(struct proc_buf *pb, struct pid_namespace *ns)
{
	proc_printf(pb, "%d\n", READ_ONCE(ns->pid_max));
	return 0;
}

/**
 * proc_pid_max_write() - set @ns's pid_max (Linux 6.14+: each pid namespace has its own).
 * @ns: the proc mount's namespace. @text, @len: the text written.
 *
 * The range is 301 (above the numbers a wrap skips) to PID_MAX (the size of the number
 * bitmap; Linux: PID_MAX_LIMIT). Numbers already above a lowered limit stay valid; the next
 * allocation wraps. A namespace's limit may exceed its parent's, as on Linux: its pids take
 * numbers in the parent too, so the parent's limit still binds them.
 * Context: no spinlock held; takes tasklist_lock (the allocator's). Return: 0 or -EINVAL.
 */
int proc_pid_max_write(struct pid_namespace *ns, const char *text, size_t len)
{
	int v;

	if (proc_parse_int(text, len, &v) || v < PID_MAX_MIN || v > PID_MAX)
		return -EINVAL;
	spin_lock(&tasklist_lock);
	ns->pid_max = v;
	spin_unlock(&tasklist_lock);
	return 0;
}

static bool drop_caches_quiet;	/* 4 was written: no more log lines (Linux: "stfu") */

/**
 * proc_drop_caches_write() - free what the kernel keeps only to be fast, as Linux's
 * /proc/sys/vm/drop_caches: 1 the page cache, 2 the reclaimable slab objects - for reaper
 * every unused dentry and, with it, its inode (dcache_shrink) -, 3 both, 4 only silences
 * the log line each write prints. reaper has no page cache, so 1 frees nothing.
 * Context: no spinlock held; may take a while on a big dcache. Return: 0, or -EINVAL (not
 * 1 .. 4).
 */
int proc_drop_caches_write(const char *text, size_t len)
{
	size_t freed = 0;
	int v;

	if (proc_parse_int(text, len, &v) || v < 1 || v > 4)
		return -EINVAL;
	if (v & 2)
		freed = dcache_shrink(SIZE_MAX);
	if (v & 4)
		drop_caches_quiet = true;
	if (!drop_caches_quiet)
		pr_info("proc: drop_caches: %d (%zu dentries freed)\n", v, freed);
	return 0;
}
