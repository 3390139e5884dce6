// sources: kernel/fs/proc/sysfiles.c
/* test_proc_sysfiles.c - host unit tests of the system files of /proc
 * (kernel/fs/proc/sysfiles.c): the exact text of stat, uptime, loadavg, mounts, cmdline,
 * filesystems and pid_max, and the parsing of writes to pid_max and drop_caches.
 *
 * The show and write functions run unchanged; everything they read is faked with fixed
 * numbers set by each case: the tick counts, the clock, the run queue, a list of mounts with
 * the names d_path() would give them, the filesystem registry, the command line, and
 * dcache_shrink(), which records how it was called. The expected texts are Linux's formats
 * (compare with the host's /proc files). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "../../kernel/fs/proc/internal.h"
#include "fs_struct.h"
#include "mount.h"
#include "pid_namespace.h"
#include "process.h"
#include "time.h"
#include "vfs.h"
#include "uapi/errno.h"
#include "uapi/mount.h"

/* ---- fakes of what sysfiles.c reads ---- */

uint64_t jiffies;
static uint64_t fake_idle_ticks, fake_switches, fake_forks, fake_now_ns;
static int fake_running, fake_threads;
static const char *fake_cmdline = "";
struct spinlock tasklist_lock;

uint64_t sched_idle_ticks(void)
{
	return fake_idle_ticks;
}
uint64_t sched_nr_switches(void)
{
	return fake_switches;
}
int sched_nr_running(void)
{
	return fake_running;
}
int sched_nr_threads(void)
{
	return fake_threads;
}
uint64_t fork_count(void)
{
	return fake_forks;
}
uint64_t time_ns(void)
{
	return fake_now_ns;
}
uint64_t arch_boot_epoch_seconds(void)
{
	return 1700000000;
}
const char *cmdline_raw(void)
{
	return fake_cmdline;
}
void spin_lock(struct spinlock *lock)
{
	(void)lock;
}
void spin_unlock(struct spinlock *lock)
{
	(void)lock;
}
void *kmalloc(size_t size)
{
	return test_malloc(size);
}
void kfree(void *p)
{
	test_free(p);
}

static int nr_printk;
void printk(int level, const char *fmt, ...)
{
	(void)level, (void)fmt;
	nr_printk++;
}

static size_t shrink_arg; /* what dcache_shrink() was last asked for; 0: not called */
size_t dcache_shrink(size_t nr)
{
	shrink_arg = nr;
	return 3;
}

/* The mount list: each mount with the name d_path() gives its root (NULL: too long). */
#define MAX_MOUNTS 4
static struct mount mounts[MAX_MOUNTS];
static const char *mount_paths[MAX_MOUNTS];
static int nr_mounts;
static struct fs_struct fake_fs;

static void add_mount(const char *dev, const char *path, const char *type, unsigned int flags)
{
	static struct file_system_type types[MAX_MOUNTS];
	static struct super_block sbs[MAX_MOUNTS];
	struct mount *m = &mounts[nr_mounts];

	types[nr_mounts].name = type;
	sbs[nr_mounts].s_type = &types[nr_mounts];
	*m = (struct mount){ .mnt_sb = &sbs[nr_mounts],
			     .mnt_devname = (char *)dev,
			     .mnt_flags = flags,
			     .mnt_parent = nr_mounts ? &mounts[0] : m };
	mount_paths[nr_mounts++] = path;
}

bool mnt_has_parent(const struct mount *m)
{
	return m->mnt_parent != m;
}
struct fs_struct *current_fs(void)
{
	return &fake_fs;
}
void fs_get_root(struct fs_struct *fs, struct path *out)
{
	(void)fs, *out = (struct path){ &mounts[0], NULL };
}
void path_put(struct path *p)
{
	p->mnt = NULL;
}

void mount_for_each(void (*fn)(struct mount *m, void *arg), void *arg)
{
	for (int i = 0; i < nr_mounts; i++)
		fn(&mounts[i], arg);
}

int d_path(const struct path *path, const struct path *root, char *buf, size_t size)
{
	const char *name = mount_paths[path->mnt - mounts];

	assert_ptr_equal(root->mnt, &mounts[0]); /* named from the reader's root */
	assert_ptr_equal(path->dentry, path->mnt->mnt_root);
	if (!name)
		return -ERANGE;
	snprintf(buf, size, "%s", name);
	return (int)strlen(name) + 1;
}

static const char *fake_fs_names[] = { "ramfs", "tmpfs", "proc" };
void fs_types_for_each(void (*fn)(const struct file_system_type *type, void *arg), void *arg)
{
	for (size_t i = 0; i < sizeof(fake_fs_names) / sizeof(fake_fs_names[0]); i++) {
		struct file_system_type t = { .name = fake_fs_names[i] };

		fn(&t, arg);
	}
}

/* proc_printf() - as root.c's, on the host's vsnprintf. */
void proc_printf(struct proc_buf *pb, const char *fmt, ...)
{
	size_t room = pb->size - pb->len;
	va_list ap;
	int n;

	if (room == 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(pb->data + pb->len, room, fmt, ap);
	va_end(ap);
	pb->len = (size_t)n < room ? pb->len + (size_t)n : pb->size;
}

/* ---- helpers ---- */

static char text[8192];
static struct proc_buf pb;

static int reset(void **state)
{
	(void)state;
	pb = (struct proc_buf){ .data = text, .size = sizeof(text) };
	text[0] = '\0';
	jiffies = fake_idle_ticks = fake_switches = fake_forks = fake_now_ns = 0;
	fake_running = fake_threads = 0;
	nr_mounts = 0;
	shrink_arg = 0;
	return 0;
}

/* ---- /proc/stat, uptime, loadavg ---- */

static void stat_has_linux_lines(void **state)
{
	(void)state;
	jiffies = 1000;
	fake_idle_ticks = 700;
	fake_switches = 42;
	fake_forks = 7;
	fake_running = 2;
	assert_int_equal(proc_stat_show(&pb), 0);
	assert_string_equal(text, "cpu  0 0 300 700 0 0 0 0 0 0\n"
				  "cpu0 0 0 300 700 0 0 0 0 0 0\n"
				  "intr 0\n"
				  "ctxt 42\n"
				  "btime 1700000000\n"
				  "processes 7\n"
				  "procs_running 2\n"
				  "procs_blocked 0\n"
				  "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
}

static void stat_idle_never_exceeds_ticks(void **state)
{
	(void)state;
	jiffies = 10;
	fake_idle_ticks = 11; /* a racy read: clamped, system time does not wrap */
	proc_stat_show(&pb);
	assert_true(strncmp(text, "cpu  0 0 0 10 0 0 0 0 0 0\n", 26) == 0);
}

static void uptime_prints_hundredths_truncated(void **state)
{
	(void)state;
	fake_now_ns = 12345678901ULL; /* 12.345... s */
	fake_idle_ticks = 1000;	      /* 10 s at HZ = 100 */
	assert_int_equal(proc_uptime_show(&pb), 0);
	assert_string_equal(text, "12.34 10.00\n");
}

static void uptime_idle_at_most_uptime(void **state)
{
	(void)state;
	fake_now_ns = 5 * NSEC_PER_SEC + 70 * NSEC_PER_MSEC;
	fake_idle_ticks = 600;
	proc_uptime_show(&pb);
	assert_string_equal(text, "5.07 5.07\n");
}

static void loadavg_counts_and_last_pid(void **state)
{
	struct pid_namespace ns = { .last_nr = 42 };

	(void)state;
	fake_running = 1;
	fake_threads = 6; /* idle is not counted */
	assert_int_equal(proc_loadavg_show(&pb, &ns), 0);
	assert_string_equal(text, "0.00 0.00 0.00 1/5 42\n");
}

/* ---- /proc/mounts, cmdline, filesystems ---- */

static void mounts_lines_flags_and_defaults(void **state)
{
	(void)state;
	add_mount("rootfs", "/", "ramfs", 0);
	add_mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC);
	add_mount("none", "/tmp", "tmpfs", MS_RDONLY | MS_NOATIME | MS_NODIRATIME);
	add_mount("tmpfs", "/mnt", "tmpfs", MS_STRICTATIME);
	assert_int_equal(proc_mounts_show(&pb), 0);
	assert_string_equal(text, "rootfs / ramfs rw 0 0\n"
				  "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n"
				  "none /tmp tmpfs ro,noatime,nodiratime 0 0\n"
				  "tmpfs /mnt tmpfs rw 0 0\n");
}

static void mounts_escape_blanks_and_backslash(void **state)
{
	(void)state;
	add_mount("rootfs", "/", "ramfs", 0);
	add_mount("my dev", "/tmp/a b\\c\td", "tmpfs", MS_RELATIME);
	proc_mounts_show(&pb);
	assert_string_equal(strchr(text, '\n') + 1,
			    "my\\040dev /tmp/a\\040b\\134c\\011d tmpfs rw,relatime 0 0\n");
}

static void mounts_unnameable_is_left_out(void **state)
{
	(void)state;
	add_mount("rootfs", "/", "ramfs", 0);
	add_mount("deep", NULL, "tmpfs", 0);
	add_mount("proc", "/proc", "proc", 0);
	proc_mounts_show(&pb);
	assert_string_equal(text, "rootfs / ramfs rw 0 0\nproc /proc proc rw,relatime 0 0\n");
}

static void cmdline_is_the_raw_line(void **state)
{
	(void)state;
	fake_cmdline = "init=/sbin/init quiet -- a  b";
	assert_int_equal(proc_cmdline_show(&pb), 0);
	assert_string_equal(text, "init=/sbin/init quiet -- a  b\n");
}

static void filesystems_are_nodev_in_order(void **state)
{
	(void)state;
	assert_int_equal(proc_filesystems_show(&pb), 0);
	assert_string_equal(text, "nodev\tramfs\nnodev\ttmpfs\nnodev\tproc\n");
}

/* ---- /proc/sys/kernel/pid_max ---- */

/* pid_max_after() - write @s (without its NUL) to a namespace at 32768; the value after,
 * or -1 if the write failed (and the value did not change). */
static int pid_max_after(const char *s)
{
	struct pid_namespace ns = { .pid_max = PID_MAX };
	int err = proc_pid_max_write(&ns, s, strlen(s));

	if (err) {
		assert_int_equal(err, -EINVAL);
		assert_int_equal(ns.pid_max, PID_MAX);
		return -1;
	}
	return ns.pid_max;
}

static void pid_max_show(void **state)
{
	struct pid_namespace ns = { .pid_max = 4321 };

	(void)state;
	assert_int_equal(proc_pid_max_show(&pb, &ns), 0);
	assert_string_equal(text, "4321\n");
}

static void pid_max_accepts_what_linux_accepts(void **state)
{
	(void)state;
	assert_int_equal(pid_max_after("1000"), 1000);
	assert_int_equal(pid_max_after("1000\n"), 1000); /* echo */
	assert_int_equal(pid_max_after(" \t1000"), 1000);
	assert_int_equal(pid_max_after("0x200\n"), 512); /* C notation, as Linux */
	assert_int_equal(pid_max_after("0777"), 511);
	assert_int_equal(pid_max_after("500 x"), 500); /* after a blank: ignored */
	assert_int_equal(pid_max_after("301"), 301);
	assert_int_equal(pid_max_after("32768"), 32768);
}

static void pid_max_rejects_the_rest(void **state)
{
	(void)state;
	assert_int_equal(pid_max_after(""), -1);
	assert_int_equal(pid_max_after(" \n"), -1);
	assert_int_equal(pid_max_after("300"), -1);   /* below RESERVED_PIDS + 1 */
	assert_int_equal(pid_max_after("32769"), -1); /* beyond the bitmap */
	assert_int_equal(pid_max_after("-1000"), -1);
	assert_int_equal(pid_max_after("+1000"), -1);
	assert_int_equal(pid_max_after("-"), -1);
	assert_int_equal(pid_max_after("abc"), -1);
	assert_int_equal(pid_max_after("1000abc"), -1);
	assert_int_equal(pid_max_after("0x"), -1);
	assert_int_equal(pid_max_after("08000"), -1);	   /* 8 is no octal digit */
	assert_int_equal(pid_max_after("4294968296"), -1); /* 2^32 + 1000: no wrap */
	assert_int_equal(pid_max_after("99999999999999999999999"), -1);
	assert_int_equal(pid_max_after("000000000000000000001000"), -1); /* > 21 chars */
}

static void pid_max_reads_only_len_bytes(void **state)
{
	struct pid_namespace ns = { .pid_max = PID_MAX };

	(void)state;
	assert_int_equal(proc_pid_max_write(&ns, "10009", 4), 0);
	assert_int_equal(ns.pid_max, 1000);
}

/* ---- /proc/sys/vm/drop_caches ---- */

static void drop_caches_2_and_3_shrink_the_dcache(void **state)
{
	(void)state;
	assert_int_equal(proc_drop_caches_write("1\n", 2), 0);
	assert_int_equal(shrink_arg, 0); /* no page cache to drop */
	assert_int_equal(proc_drop_caches_write("2\n", 2), 0);
	assert_true(shrink_arg == SIZE_MAX);
	shrink_arg = 0;
	assert_int_equal(proc_drop_caches_write("3", 1), 0);
	assert_true(shrink_arg == SIZE_MAX);
}

static void drop_caches_rejects_others(void **state)
{
	(void)state;
	assert_int_equal(proc_drop_caches_write("0\n", 2), -EINVAL);
	assert_int_equal(proc_drop_caches_write("5\n", 2), -EINVAL);
	assert_int_equal(proc_drop_caches_write("x\n", 2), -EINVAL);
	assert_int_equal(proc_drop_caches_write("", 0), -EINVAL);
	assert_int_equal(shrink_arg, 0);
}

static void drop_caches_4_silences_the_log(void **state)
{
	(void)state;
	nr_printk = 0;
	proc_drop_caches_write("1", 1);
	assert_int_equal(nr_printk, 1);
	assert_int_equal(proc_drop_caches_write("4", 1), 0);
	assert_int_equal(shrink_arg, 0);
	proc_drop_caches_write("3", 1);
	assert_int_equal(nr_printk, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(stat_has_linux_lines, reset),
		cmocka_unit_test_setup(stat_idle_never_exceeds_ticks, reset),
		cmocka_unit_test_setup(uptime_prints_hundredths_truncated, reset),
		cmocka_unit_test_setup(uptime_idle_at_most_uptime, reset),
		cmocka_unit_test_setup(loadavg_counts_and_last_pid, reset),
		cmocka_unit_test_setup(mounts_lines_flags_and_defaults, reset),
		cmocka_unit_test_setup(mounts_escape_blanks_and_backslash, reset),
		cmocka_unit_test_setup(mounts_unnameable_is_left_out, reset),
		cmocka_unit_test_setup(cmdline_is_the_raw_line, reset),
		cmocka_unit_test_setup(filesystems_are_nodev_in_order, reset),
		cmocka_unit_test_setup(pid_max_show, reset),
		cmocka_unit_test_setup(pid_max_accepts_what_linux_accepts, reset),
		cmocka_unit_test_setup(pid_max_rejects_the_rest, reset),
		cmocka_unit_test_setup(pid_max_reads_only_len_bytes, reset),
		cmocka_unit_test_setup(drop_caches_2_and_3_shrink_the_dcache, reset),
		cmocka_unit_test_setup(drop_caches_rejects_others, reset),
		cmocka_unit_test_setup(drop_caches_4_silences_the_log, reset),
	};

	return cmocka_run_group_tests_name("proc_sysfiles", tests, NULL, NULL);
}
