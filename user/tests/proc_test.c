/* proc_test.c - procfs's first files: /proc/slabinfo and /proc/meminfo in Linux's formats.
 *
 * Under reaper each case mounts a fresh proc (mount("proc", dir, "proc", 0, NULL)) on a
 * directory made with mkdtemp under /tmp and unmounts it at the end, so the suite needs no
 * /proc of its own and also proves mount and umount; on the Linux host it reads the /proc
 * that is already there (slabinfo is root's only there, so without root those cases skip).
 * Formats are checked the way a Linux reader parses them: the two slabinfo header lines byte
 * for byte, each cache line as 12 numbers-and-colons fields, meminfo lines as "%-16s%8lu kB".
 * Reaper-only: the root lists exactly these two files, and unmounting frees every proc inode
 * (proc_inode_cache back to its count before the mount).
 * See also: kernel/fs/proc/root.c, slabinfo.c, meminfo.c, tap.h. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"

#define TEXT_MAX	65536	/* bytes of a proc file a case reads */

static char proc_dir[64];	/* where this case's proc is */

/* proc_up() - a proc to read: a fresh mount under reaper, the host's /proc on Linux. */
static bool proc_up(void)
{
	if (!tap_on_reaper()) {
		snprintf(proc_dir, sizeof(proc_dir), "/proc");
		return true;
	}
	snprintf(proc_dir, sizeof(proc_dir), "/tmp/proc_test.XXXXXX");
	if (!mkdtemp(proc_dir))
		return tap_fail(__FILE__, __LINE__, "mkdtemp failed");
	return EXPECT_OK(mount("proc", proc_dir, "proc", 0, NULL));
}

static void proc_down(void)
{
	if (!tap_on_reaper())
		return;
	EXPECT_OK(umount(proc_dir));
	EXPECT_OK(rmdir(proc_dir));
}

static void proc_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", proc_dir, name);
}

/* read_all() - the whole of proc file @name, NUL-terminated, in small reads. Return: bytes
 * or -1 (errno set). */
static long read_all(const char *name, char *buf, size_t size)
{
	char path[128];
	long total = 0, n;
	int fd;

	proc_path(path, sizeof(path), name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	while ((size_t)total < size - 1 && (n = read(fd, buf + total, size - 1 - (size_t)total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

/* slab_active() - active_objs of cache @cache in @text (slabinfo), or -1 if not listed. */
static long slab_active(const char *text, const char *cache)
{
	size_t len = strlen(cache);

	for (const char *l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL)
		if (strncmp(l, cache, len) == 0 && l[len] == ' ')
			return strtol(l + len, NULL, 10);
	return -1;
}

/* ---- the cases ---- */

static void root_lists_both_files(void)
{
	int seen_slab = 0, seen_mem = 0, others = 0;
	struct dirent *e;
	DIR *d;

	if (!proc_up())
		return;
	d = opendir(proc_dir);
	if (EXPECT_TRUE(d != NULL)) {
		while ((e = readdir(d)) != NULL) {
			seen_slab += strcmp(e->d_name, "slabinfo") == 0 && e->d_type == DT_REG;
			seen_mem += strcmp(e->d_name, "meminfo") == 0 && e->d_type == DT_REG;
			others += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
		}
		closedir(d);
	}
	EXPECT_EQ(seen_slab, 1);
	EXPECT_EQ(seen_mem, 1);
	if (tap_on_reaper())
		EXPECT_EQ(others, 2);	/* exactly these two, for now */
	proc_down();
}

static void files_stat_regular_readonly_size_0(void)
{
	char path[128];
	struct stat st;

	if (!proc_up())
		return;
	proc_path(path, sizeof(path), "meminfo");
	if (EXPECT_OK(stat(path, &st))) {
		EXPECT_TRUE(S_ISREG(st.st_mode));
		EXPECT_EQ(st.st_mode & 07777, 0444);
		EXPECT_EQ(st.st_size, 0);
	}
	proc_path(path, sizeof(path), "slabinfo");
	if (EXPECT_OK(stat(path, &st))) {
		EXPECT_TRUE(S_ISREG(st.st_mode));
		EXPECT_EQ(st.st_mode & 07777, 0400);	/* root's only, as on Linux */
		EXPECT_EQ(st.st_size, 0);
	}
	proc_down();
}

static void slabinfo_has_linux_header(void)
{
	static char text[TEXT_MAX];
	const char *want = "slabinfo - version: 2.1\n"
			   "# name            <active_objs> <num_objs> <objsize> <objperslab> "
			   "<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : "
			   "slabdata <active_slabs> <num_slabs> <sharedavail>\n";

	if (!proc_up())
		return;
	if (read_all("slabinfo", text, sizeof(text)) < 0 && errno == EACCES) {
		proc_down();
		SKIP_IF(true, "slabinfo is root's only");
	}
	EXPECT_TRUE(strncmp(text, want, strlen(want)) == 0);
	proc_down();
}

/* check_cache_line() - @cache is listed with 12 fields and sane numbers. */
static void check_cache_line(const char *text, const char *cache)
{
	unsigned long v[11];
	char name[64];
	const char *l = strstr(text, cache);

	while (l && (l[-1] != '\n' || l[strlen(cache)] != ' '))
		l = strstr(l + 1, cache);
	if (!EXPECT_TRUE(l != NULL))
		return;
	EXPECT_EQ(sscanf(l, "%63s %lu %lu %lu %lu %lu : tunables %lu %lu %lu : slabdata %lu %lu %lu",
			 name, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8],
			 &v[9], &v[10]), 12);
	EXPECT_TRUE(v[0] > 0 && v[0] <= v[1]);	/* some in use, no more than there is room */
	EXPECT_TRUE(v[2] > 0 && v[3] > 0 && v[4] > 0);
	EXPECT_TRUE(v[8] <= v[9]);		/* active slabs <= slabs */
}

static void slabinfo_lists_dentry_and_task_struct(void)
{
	static char text[TEXT_MAX];

	if (!proc_up())
		return;
	if (read_all("slabinfo", text, sizeof(text)) < 0 && errno == EACCES) {
		proc_down();
		SKIP_IF(true, "slabinfo is root's only");
	}
	check_cache_line(text, "dentry");
	check_cache_line(text, "task_struct");
	proc_down();
}

/* meminfo_value() - the kB of line @name ("MemTotal:"), checking its layout; -1 if absent. */
static long meminfo_value(const char *text, const char *name)
{
	const char *l = strstr(text, name);
	char want[64];
	long kb;

	if (!EXPECT_TRUE(l != NULL) || !EXPECT_EQ(sscanf(l + 16, "%8ld", &kb), 1))
		return -1;
	snprintf(want, sizeof(want), "%-16s%8ld kB\n", name, kb);
	EXPECT_TRUE(strncmp(l, want, strlen(want)) == 0);	/* "%-16s%8lu kB", as Linux */
	return kb;
}

static void meminfo_has_linux_lines(void)
{
	static char text[TEXT_MAX];
	long total, free, avail;

	if (!proc_up())
		return;
	if (EXPECT_TRUE(read_all("meminfo", text, sizeof(text)) > 0)) {
		EXPECT_TRUE(strncmp(text, "MemTotal:", 9) == 0);
		total = meminfo_value(text, "MemTotal:");
		free = meminfo_value(text, "MemFree:");
		avail = meminfo_value(text, "MemAvailable:");
		EXPECT_TRUE(total > 0 && free > 0 && free <= total && avail <= total);
	}
	proc_down();
}

/* MemTotal's line (its first 28 bytes) does not change, so reads at offsets must match it. */
static void read_at_offsets_and_lseek(void)
{
	char path[128], whole[64], part[32];
	int fd;

	if (!proc_up())
		return;
	proc_path(path, sizeof(path), "meminfo");
	fd = open(path, O_RDONLY);
	if (EXPECT_OK(fd)) {
		EXPECT_EQ(read(fd, whole, 28), 28);
		EXPECT_EQ(lseek(fd, 9, SEEK_SET), 9);
		EXPECT_EQ(read(fd, part, 19), 19);
		EXPECT_TRUE(memcmp(part, whole + 9, 19) == 0);
		EXPECT_EQ(pread(fd, part, 5, 3), 5);
		EXPECT_TRUE(memcmp(part, whole + 3, 5) == 0);
		EXPECT_EQ(lseek(fd, 0, SEEK_CUR), 28);	/* pread left the offset alone */
		if (tap_on_reaper()) {
			EXPECT_EQ(lseek(fd, 1 << 20, SEEK_SET), 1 << 20);
			EXPECT_EQ(read(fd, part, sizeof(part)), 0);	/* past the end */
		}
		close(fd);
	}
	proc_down();
}

/* A second mount used and unmounted gives back every inode it made; umount of it is EBUSY
 * while a file of it is open. */
static void umount_frees_proc_inodes(void)
{
	static char text[TEXT_MAX];
	char other[64], path[128];
	struct stat st;
	long before;
	int fd;

	SKIP_IF(!tap_on_reaper(), "mounts a second proc: reaper only");
	if (!proc_up())
		return;
	read_all("slabinfo", text, sizeof(text));
	before = slab_active(text, "proc_inode_cache");
	EXPECT_TRUE(before > 0);
	snprintf(other, sizeof(other), "/tmp/proc_test2.XXXXXX");
	if (EXPECT_TRUE(mkdtemp(other) != NULL) &&
	    EXPECT_OK(mount("proc", other, "proc", 0, NULL))) {
		snprintf(path, sizeof(path), "%s/meminfo", other);
		EXPECT_OK(stat(path, &st));
		fd = open(path, O_RDONLY);
		EXPECT_OK(fd);
		EXPECT_ERRNO(umount(other), EBUSY);
		close(fd);
		EXPECT_OK(umount(other));
		EXPECT_OK(rmdir(other));
	}
	read_all("slabinfo", text, sizeof(text));
	EXPECT_EQ(slab_active(text, "proc_inode_cache"), before);
	proc_down();
}

static const struct tap_case cases[] = {
	TAP_CASE(root_lists_both_files),
	TAP_CASE(files_stat_regular_readonly_size_0),
	TAP_CASE(slabinfo_has_linux_header),
	TAP_CASE(slabinfo_lists_dentry_and_task_struct),
	TAP_CASE(meminfo_has_linux_lines),
	TAP_CASE(read_at_offsets_and_lseek),
	TAP_CASE(umount_frees_proc_inodes),
};

int main(int argc, char **argv)
{
	return TAP_MAIN("proc", cases, argc, argv);
}
