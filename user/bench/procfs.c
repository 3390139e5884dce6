/* procfs.c - procbench's /proc samples, and the proc they walk.
 * proc-walk does what ps does (list /proc, read every <pid>/status) with WALK_SLEEPERS sleeping
 * children of ours in it; proc-growth counts proc_inode_cache's objects (/proc/slabinfo)
 * after rounds of "fork a child that exits, walk, reap it". The sleepers block reading a pipe
 * whose only writer is the runner, so they end with it however it ends.
 * proc_setup() finds or mounts the proc to walk (procfs) before any runner is forked;
 * proc_teardown() undoes it at the end. See also: procbench.c, kernel/fs/proc/, docs/proc.md.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "procbench.h"

struct proc_mount procfs;

/* read_file() - the whole of @path into @buf, NUL-terminated, cut at @size - 1 bytes.
 * Return: the bytes read, or -1 (errno set). */
static long read_file(const char *path, char *buf, size_t size)
{
	long total = 0, n = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return -1;
	while ((size_t)total < size - 1 &&
	       (n = read(fd, buf + total, size - 1 - (size_t)total)) != 0) {
		if (n < 0 && errno != EINTR)
			break;
		total += n > 0 ? n : 0;
	}
	close(fd);
	buf[total] = '\0';
	return n < 0 ? -1 : total;
}

/* walk_proc() - what ps does: list procfs.dir and read every <pid>/status in it. A process
 * may be reaped between the listing and the open (ENOENT) or the read (ESRCH): its entry still
 * counts as walked. Return: the number of pid entries, or -errno if the listing failed. */
static int walk_proc(void)
{
	static char text[STATUS_MAX];
	char path[sizeof(procfs.dir) + 300];
	struct dirent *e;
	DIR *d = opendir(procfs.dir);
	int n = 0;

	if (!d)
		return -errno;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue; /* ".", "self", "slabinfo", ...: not a process */
		snprintf(path, sizeof(path), "%s/%s/status", procfs.dir, e->d_name);
		read_file(path, text, sizeof(text));
		n++;
	}
	closedir(d);
	return n;
}

/* sleepers_stop() - close @go, the write end of the sleepers' pipe: each reads end of file and
 * exits. Then reap the @n in @pids. */
static void sleepers_stop(int go, const pid_t *pids, int n)
{
	int status;

	close(go);
	for (int i = 0; i < n; i++)
		reap(pids[i], &status);
}

/* sleepers_start() - fork @n children (their pids into @pids) that sleep in read() on a pipe
 * whose only write end we keep: they end when we close it, or when we die, so a runner that
 * times out leaves none behind (they come back to procbench, which reaps them).
 * Return: the write end, or -errno (then none is left). */
static int sleepers_start(pid_t *pids, int n)
{
	int fds[2], err;
	char c;

	if (pipe(fds) < 0)
		return -errno;
	for (int i = 0; i < n; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			close(fds[1]);
			while (read(fds[0], &c, 1) < 0 && errno == EINTR)
				;
			_exit(0);
		}
		if (pids[i] < 0) {
			err = errno;
			close(fds[0]);
			sleepers_stop(fds[1], pids, i);
			return -err;
		}
	}
	close(fds[0]);
	return fds[1];
}

/* slab_active() - the active_objs column of cache @name's line in procfs.dir/slabinfo (the
 * first number after the name; two header lines come before any cache's line).
 * Return: 0 with *objs set; ERR_NO_SLAB if there is no such line; an errno value if slabinfo
 * cannot be read (EACCES on Linux without root). */
static int slab_active(const char *name, long *objs)
{
	static char text[SLABINFO_MAX];
	char path[sizeof(procfs.dir) + 16], key[64];
	const char *line;

	snprintf(path, sizeof(path), "%s/slabinfo", procfs.dir);
	if (read_file(path, text, sizeof(text)) < 0)
		return errno;
	snprintf(key, sizeof(key), "\n%s ", name);
	if (!(line = strstr(text, key)))
		return ERR_NO_SLAB;
	*objs = strtol(line + strlen(key), NULL, 10);
	return 0;
}

/* growth_round() - fork a child that exits at once, walk /proc while it is there (running, or
 * a zombie), reap it. Return: 0 or an error. */
static int growth_round(void)
{
	pid_t child = fork();
	int status, walked, err;

	if (child < 0)
		return errno;
	if (child == 0)
		_exit(0);
	track(child);
	walked = walk_proc();
	err = reap(child, &status);
	if (walked < 0)
		return -walked;
	return err ? err : exit_error(status);
}

/* ps's walk with WALK_SLEEPERS more processes in /proc; timed: the walk, per pid entry. Each
 * sample's sleepers are new processes, so their lookups are first lookups (dentry, inode and
 * text made afresh), while procbench's own entries are cached from earlier samples. */
int sample_proc_walk(const struct bench *b, double *ns)
{
	pid_t sleepers[WALK_SLEEPERS];
	uint64_t t0;
	int go, walked;

	(void)b;
	if (procfs.err)
		return procfs.err;
	if ((go = sleepers_start(sleepers, WALK_SLEEPERS)) < 0)
		return -go;
	t0 = now_ns();
	walked = walk_proc();
	*ns = walked > 0 ? (double)(now_ns() - t0) / walked : 0;
	sleepers_stop(go, sleepers, WALK_SLEEPERS);
	return walked < 0 ? -walked : walked == 0 ? ENOENT : 0;
}

/* Not a time: *objs is how many more GROWTH_CACHE objects are in use after GROWTH_ROUNDS
 * rounds than before, per round. With the flush every round's child takes its /proc entries
 * with it (~0); without, each round leaves at least /proc/<pid> and its status behind. On
 * Linux, SLUB counts whole per-CPU slabs as active, so there the figure is coarse. */
int sample_proc_growth(const struct bench *b, double *objs)
{
	long before = 0, after = 0;
	int err;

	(void)b;
	if (procfs.err)
		return procfs.err;
	if ((err = slab_active(GROWTH_CACHE, &before)))
		return err;
	for (int i = 0; i < GROWTH_ROUNDS && !err; i++)
		err = growth_round();
	if (!err)
		err = slab_active(GROWTH_CACHE, &after);
	*objs = (double)(after - before) / GROWTH_ROUNDS;
	return err;
}

/* is_proc() - whether @dir is a proc mount: its self/stat opens. (statfs()'s f_type would say
 * it directly, but reaper has no statfs yet.) */
static bool is_proc(const char *dir)
{
	char path[sizeof(procfs.dir) + 16];
	int fd;

	snprintf(path, sizeof(path), "%s/self/stat", dir);
	if ((fd = open(path, O_RDONLY)) < 0)
		return false;
	close(fd);
	return true;
}

/* proc_mount_tmp() - mount a proc of our own on a new directory under /tmp. */
static void proc_mount_tmp(void)
{
	snprintf(procfs.dir, sizeof(procfs.dir), "/tmp/procbench.XXXXXX");
	if (!mkdtemp(procfs.dir)) {
		procfs.err = errno;
		return;
	}
	procfs.made_dir = true;
	if (mount("proc", procfs.dir, "proc", 0, NULL) == 0)
		procfs.mounted = true;
	else
		procfs.err = errno;
}

/* proc_setup() - a proc for the proc- benchmarks to walk, in procfs: the system's /proc if it
 * is one. As the machine's init we set up /proc ourselves (reaper starts init with nothing
 * mounted; EBUSY: something is mounted there already, and if it is a proc we use it). Anyone
 * else, who may not own /proc, mounts a proc of its own under /tmp. */
void proc_setup(void)
{
	snprintf(procfs.dir, sizeof(procfs.dir), "/proc");
	if (is_proc("/proc"))
		return;
	if (getpid() == 1) {
		if (mount("proc", "/proc", "proc", 0, NULL) == 0) {
			procfs.mounted = true;
			return;
		}
		if (errno == EBUSY && is_proc("/proc"))
			return;
	}
	proc_mount_tmp();
}

/* proc_teardown() - unmount what proc_setup() mounted, remove the directory it made. */
void proc_teardown(void)
{
	if (procfs.mounted && umount(procfs.dir) < 0)
		printf("procbench: umount %s: %s\n", procfs.dir, err_name(errno));
	if (procfs.made_dir && rmdir(procfs.dir) < 0)
		printf("procbench: rmdir %s: %s\n", procfs.dir, err_name(errno));
	procfs = (struct proc_mount){ 0 };
}
