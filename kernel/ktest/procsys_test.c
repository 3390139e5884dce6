/* procsys_test.c - self-tests of /proc's system files in the running kernel (`ktest=procsys`).
 *
 * The host test (tests/host/test_proc_sysfiles.c) checks the formats against fakes; these
 * cases check what only the kernel can: that the numbers the files print come from the real
 * counters (idle ticks grow while the CPU sleeps), that d_path() names a place across a
 * mount, that /proc/mounts and /proc/filesystems list what the VFS really has, that a lowered
 * pid_max really bounds the pid allocator, and that drop_caches really empties the dentry
 * LRU. The show and write functions are called directly, not through a proc mount, so they
 * are tested apart from procfs' own lookup code. Each case cleans up after itself.
 * See also: kernel/fs/proc/sysfiles.c, kernel/fs/fs_struct.c (d_path), kernel/pid.c. */
#include "ktest.h"
#include "../fs/proc/internal.h"	/* the show/write functions, private to kernel/fs/proc */
#include "arch.h"
#include "dcache.h"
#include "err.h"
#include "fs_struct.h"
#include "kmalloc.h"
#include "mount.h"
#include "namei.h"
#include "pid.h"
#include "pid_namespace.h"
#include "process.h"
#include "sched.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mount.h"

#define PIDMAX_TEST	301	/* the smallest pid_max: numbers 1 .. 300 */

/* contains() - does @hay contain @needle? */
static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncmp(hay, needle, n) == 0)
			return true;
	return false;
}

/* show_into() - run @show into a fresh page; the caller kfree()s pb->data. */
static void show_into(struct proc_buf *pb, int (*show)(struct proc_buf *pb))
{
	*pb = (struct proc_buf){ .data = kmalloc(PAGE_SIZE), .size = PAGE_SIZE };
	KTEST_EXPECT(pb->data != NULL);
	if (!pb->data)
		return;
	pb->data[0] = '\0';
	KTEST_EXPECT_EQ(show(pb), 0);
	KTEST_EXPECT(!proc_buf_overflowed(pb));
}

static void idle_ticks_grow_while_sleeping(void)
{
	uint64_t before = sched_idle_ticks();
	struct proc_buf pb;

	sched_sleep_ms(100);	/* 10 ticks with nothing else to run */
	KTEST_EXPECT(sched_idle_ticks() - before >= 5);
	KTEST_EXPECT(sched_nr_running() >= 1);	/* we are running */
	show_into(&pb, proc_stat_show);
	if (pb.data) {
		KTEST_EXPECT(strncmp(pb.data, "cpu  0 0 ", 9) == 0);
		KTEST_EXPECT(contains(pb.data, "\ncpu0 0 0 "));
		KTEST_EXPECT(contains(pb.data, "\nprocs_blocked 0\n"));
		kfree(pb.data);
	}
}

/* path_of() - d_path() of @name as init_fs sees it, into @buf. Return: d_path's. */
static int path_of(const char *name, char *buf, size_t size)
{
	struct path p, root;
	int len;

	if (path_lookupat(AT_FDCWD, name, LOOKUP_FOLLOW, &p))
		return -ENOENT;
	fs_get_root(&init_fs, &root);
	len = d_path(&p, &root, buf, size);
	path_put(&root);
	path_put(&p);
	return len;
}

static void d_path_crosses_mounts(void)
{
	char buf[32];

	do_mkdirat(AT_FDCWD, "/tmp/vtp", 0755);
	KTEST_EXPECT_EQ(do_mount("vtsrc", "/tmp/vtp", "tmpfs", MS_NOSUID, NULL), 0);
	KTEST_EXPECT_EQ(do_mkdirat(AT_FDCWD, "/tmp/vtp/sub", 0755), 0);
	KTEST_EXPECT_EQ(path_of("/tmp/vtp/sub/..//sub", buf, sizeof(buf)), 13);
	KTEST_EXPECT(strcmp(buf, "/tmp/vtp/sub") == 0);
	KTEST_EXPECT_EQ(path_of("/tmp/vtp", buf, sizeof(buf)), 9);	/* the mount's root */
	KTEST_EXPECT(strcmp(buf, "/tmp/vtp") == 0);
	KTEST_EXPECT_EQ(path_of("/", buf, sizeof(buf)), 2);
	KTEST_EXPECT(strcmp(buf, "/") == 0);
	KTEST_EXPECT_EQ(path_of("/tmp/vtp/sub", buf, 12), -ERANGE);	/* 13 bytes needed */
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/tmp/vtp/sub"), 0);
	KTEST_EXPECT_EQ(do_umount("/tmp/vtp", 0), 0);
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/tmp/vtp"), 0);
}

static void mounts_lists_each_mount(void)
{
	struct proc_buf pb;

	do_mkdirat(AT_FDCWD, "/tmp/vtq", 0755);
	KTEST_EXPECT_EQ(do_mount("vtsrc", "/tmp/vtq", "tmpfs", MS_NOSUID | MS_RDONLY, NULL), 0);
	show_into(&pb, proc_mounts_show);
	if (pb.data) {
		KTEST_EXPECT(strncmp(pb.data, "rootfs / ramfs rw 0 0\n", 22) == 0);
		KTEST_EXPECT(contains(pb.data, "\nvtsrc /tmp/vtq tmpfs ro,nosuid,relatime 0 0\n"));
		kfree(pb.data);
	}
	KTEST_EXPECT_EQ(do_umount("/tmp/vtq", 0), 0);
	show_into(&pb, proc_mounts_show);
	if (pb.data) {
		KTEST_EXPECT(!contains(pb.data, "/tmp/vtq"));
		kfree(pb.data);
	}
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/tmp/vtq"), 0);
}

static void filesystems_lists_registered(void)
{
	struct proc_buf pb;

	show_into(&pb, proc_filesystems_show);
	if (pb.data) {
		KTEST_EXPECT(strncmp(pb.data, "nodev\tramfs\n", 12) == 0);
		KTEST_EXPECT(contains(pb.data, "\nnodev\ttmpfs\n"));
		KTEST_EXPECT(contains(pb.data, "\nnodev\tproc\n"));
		kfree(pb.data);
	}
}

/* free_pids() - give back the first @n pids of @pids (numbers, then the structs). */
static void free_pids(struct pid **pids, int n)
{
	spin_lock(&tasklist_lock);
	for (int i = 0; i < n; i++)
		free_pid_locked(pids[i]);
	spin_unlock(&tasklist_lock);
	for (int i = 0; i < n; i++)
		put_pid(pids[i]);
}

static void pid_max_bounds_allocation(void)
{
	struct pid_namespace *ns = pidns_create(&init_pid_ns);
	struct pid **pids = kmalloc(PIDMAX_TEST * sizeof(*pids));
	struct pid *extra;
	int n = 0;

	KTEST_EXPECT(!IS_ERR(ns) && pids);
	if (IS_ERR(ns) || !pids)
		goto out;
	KTEST_EXPECT_EQ(ns->pid_max, PID_MAX);	/* a new namespace starts at the most */
	KTEST_EXPECT_EQ(proc_pid_max_write(ns, "300\n", 4), -EINVAL);
	KTEST_EXPECT_EQ(proc_pid_max_write(ns, "301\n", 4), 0);
	for (; n < PIDMAX_TEST - 1; n++) {
		pids[n] = alloc_pid(ns);
		if (IS_ERR(pids[n]))
			break;
		KTEST_EXPECT_EQ(pid_nr_ns(pids[n], ns), n + 1);
	}
	KTEST_EXPECT_EQ(n, PIDMAX_TEST - 1);	/* 1 .. 300 */
	extra = alloc_pid(ns);
	KTEST_EXPECT_EQ(PTR_ERR(extra), -EAGAIN);	/* 301 is not a number here */
	if (!IS_ERR(extra))
		free_pids(&extra, 1);
	free_pids(pids, n);
out:
	kfree(pids);
	if (!IS_ERR(ns))
		put_pid_ns(ns);
}

static void drop_caches_empties_the_lru(void)
{
	struct path p;

	KTEST_EXPECT_EQ(path_lookupat(AT_FDCWD, "/tmp/vt_no_such", 0, &p), -ENOENT);
	KTEST_EXPECT(nr_unused > 0);	/* at least that negative dentry */
	KTEST_EXPECT_EQ(proc_drop_caches_write("1\n", 2), 0);
	KTEST_EXPECT(nr_unused > 0);	/* 1: the page cache only */
	KTEST_EXPECT_EQ(proc_drop_caches_write("2\n", 2), 0);
	KTEST_EXPECT_EQ(nr_unused, 0);
	KTEST_EXPECT_EQ(proc_drop_caches_write("0\n", 2), -EINVAL);
}

static const struct ktest_case procsys_cases[] = {
	{ "idle_ticks_grow_while_sleeping", idle_ticks_grow_while_sleeping },
	{ "d_path_crosses_mounts", d_path_crosses_mounts },
	{ "mounts_lists_each_mount", mounts_lists_each_mount },
	{ "filesystems_lists_registered", filesystems_lists_registered },
	{ "pid_max_bounds_allocation", pid_max_bounds_allocation },
	{ "drop_caches_empties_the_lru", drop_caches_empties_the_lru },
};

KTEST_SUITE(procsys, procsys_cases);
