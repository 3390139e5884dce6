/* vfs_test.c - self-tests of the VFS, the dcache and ramfs (`ktest=vfs`).
 *
 * They drive the kernel-side API (do_mkdirat, do_filp_open, path_lookupat, ...) from the
 * ktest kernel thread, which resolves paths against init_fs (root and cwd "/"), and check
 * what user space cannot see directly: negative dentries hit on a repeated lookup, unused
 * dentries sitting on the LRU until dcache_shrink() frees them, and - the leak check - the
 * slab counts of "dentry", "filp" and "shmem_inode_cache" back at their baseline once every
 * file is closed and the cache is shrunk. Each case works under its own directory in /tmp
 * and removes it. The initramfs case expects the default image (/sbin, /dev, /proc, /tmp).
 * See also: kernel/fs/ (the code under test), tests/host/test_path.c, test_cpio.c,
 * test_dcache_hash.c (the pure parts, on the host). */
#include "ktest.h"
#include "dcache.h"
#include "err.h"
#include "file.h"
#include "fs.h"
#include "initramfs.h"
#include "kmalloc.h"
#include "mount.h"
#include "namei.h"
#include "slab.h"
#include "string.h"
#include "vfs.h"
#include "vsprintf.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mount.h"

/* The objects whose counts must come back. */
struct vfs_counts {
	size_t dentries, files, inodes;
};

static size_t active_of(const char *cache)
{
	struct slab_stats st;

	return slab_stats_find(cache, &st) ? st.active_objs : 0;
}

/* counts_now() - after freeing every unused dentry, so only live objects are counted. */
static struct vfs_counts counts_now(void)
{
	dcache_shrink((size_t)-1);
	return (struct vfs_counts){ active_of("dentry"), active_of("filp"),
				    active_of("shmem_inode_cache") };
}

static void expect_counts(struct vfs_counts before)
{
	struct vfs_counts after = counts_now();

	KTEST_EXPECT_EQ(after.dentries, before.dentries);
	KTEST_EXPECT_EQ(after.files, before.files);
	KTEST_EXPECT_EQ(after.inodes, before.inodes);
}

/* lookup_err() - the errno of looking @path up (0 if found). */
static int lookup_err(const char *path, unsigned int flags)
{
	struct path p;
	int err = path_lookupat(AT_FDCWD, path, flags, &p);

	if (!err)
		path_put(&p);
	return err;
}

/* mode_of() - the inode mode at @path (following), or 0. */
static unsigned int mode_of(const char *path)
{
	struct path p;
	unsigned int mode;

	if (path_lookupat(AT_FDCWD, path, LOOKUP_FOLLOW, &p))
		return 0;
	mode = inode_mode(p.dentry->d_inode);
	path_put(&p);
	return mode;
}

/* mode_nofollow() - the mode at @path itself (a symlink is not followed), or 0. */
static unsigned int mode_nofollow(const char *path)
{
	struct path p;
	unsigned int mode;

	if (path_lookupat(AT_FDCWD, path, 0, &p))
		return 0;
	mode = inode_mode(p.dentry->d_inode);
	path_put(&p);
	return mode;
}

/* write_file() - create @path holding @n bytes of @data. Return: 0 or -errno. */
static int write_file(const char *path, const void *data, size_t n)
{
	struct file *f = do_filp_open(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	uint64_t pos = 0;
	ssize_t w;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	w = f->f_op->write(f, data, n, &pos);
	file_put(f);
	return w == (ssize_t)n ? 0 : -EIO;
}

static void initramfs_contents_present(void)
{
	KTEST_EXPECT(S_ISDIR(mode_of("/sbin")));
	KTEST_EXPECT(S_ISDIR(mode_of("/dev")));
	KTEST_EXPECT(S_ISDIR(mode_of("/proc")));
	KTEST_EXPECT(S_ISDIR(mode_of("/tmp")));
	KTEST_EXPECT(S_ISCHR(mode_of("/dev/console")));
}

static void create_lookup_unlink(void)
{
	struct vfs_counts base = counts_now();
	struct path p;

	KTEST_EXPECT_EQ(do_mkdirat(AT_FDCWD, "/tmp/vt1", 0755), 0);
	KTEST_EXPECT_EQ(write_file("/tmp/vt1/a", "hello", 5), 0);
	KTEST_EXPECT_EQ(path_lookupat(AT_FDCWD, "/tmp/vt1/a", 0, &p), 0);
	KTEST_EXPECT_EQ(inode_size(p.dentry->d_inode), 5);
	KTEST_EXPECT_EQ(p.dentry->d_inode->i_nlink, 1);
	path_put(&p);
	KTEST_EXPECT_EQ(do_mkdirat(AT_FDCWD, "/tmp/vt1/a", 0755), -EEXIST);
	KTEST_EXPECT_EQ(do_unlinkat(AT_FDCWD, "/tmp/vt1/a", 0), 0);
	KTEST_EXPECT_EQ(lookup_err("/tmp/vt1/a", 0), -ENOENT);
	KTEST_EXPECT_EQ(do_unlinkat(AT_FDCWD, "/tmp/vt1/a", 0), -ENOENT);
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/tmp/vt1"), 0);
	expect_counts(base);
}

static void negative_dentry_hits(void)
{
	struct path tmp;
	struct dentry *d;
	size_t before;

	KTEST_EXPECT_EQ(lookup_err("/tmp/vt_missing", 0), -ENOENT);
	before = nr_dentry;
	KTEST_EXPECT_EQ(lookup_err("/tmp/vt_missing", 0), -ENOENT);
	KTEST_EXPECT_EQ(nr_dentry, before);	/* the second lookup allocated nothing */
	KTEST_EXPECT_EQ(path_lookupat(AT_FDCWD, "/tmp", 0, &tmp), 0);
	d = d_lookup(tmp.dentry, "vt_missing", 10);
	KTEST_EXPECT(d != NULL);
	if (d) {
		KTEST_EXPECT(d_is_negative(d));
		dput(d);
	}
	path_put(&tmp);
}

static void lru_then_shrink_frees(void)
{
	char name[32];
	size_t dentries;

	dcache_shrink((size_t)-1);
	dentries = active_of("dentry");
	for (int i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "/tmp/vt_none%d", i);
		lookup_err(name, 0);
	}
	KTEST_EXPECT(nr_unused >= 20);	/* unused but cached: on the LRU */
	KTEST_EXPECT_EQ(active_of("dentry"), dentries + 20);
	KTEST_EXPECT(dcache_shrink(5) == 5);
	KTEST_EXPECT_EQ(active_of("dentry"), dentries + 15);
	dcache_shrink((size_t)-1);
	KTEST_EXPECT_EQ(nr_unused, 0);
	KTEST_EXPECT_EQ(active_of("dentry"), dentries);
}

/* truncate_file() - set the size of the open file @f. */
static int truncate_file(struct file *f, uint64_t size)
{
	struct iattr attr = { .ia_valid = ATTR_SIZE, .ia_size = size };

	return f->f_inode->i_op->setattr(f->f_dentry, &attr);
}

/* fill() - the byte pattern at offset @i of the test file. */
static uint8_t fill(size_t i)
{
	return (uint8_t)(i * 7 + (i >> 12));
}

static void rw_across_page_boundary(void)
{
	struct vfs_counts base = counts_now();
	size_t n = 3 * 4096 + 123;
	uint8_t *buf = kmalloc(n), *back = kzalloc(n);
	struct file *f;
	uint64_t pos = 4000;
	bool same = true;

	for (size_t i = 0; i < n; i++)
		buf[i] = fill(i);
	f = do_filp_open(AT_FDCWD, "/tmp/vt_rw", O_CREAT | O_RDWR, 0600);
	KTEST_EXPECT(!IS_ERR(f));
	if (IS_ERR(f))
		goto out;
	KTEST_EXPECT_EQ(f->f_op->write(f, buf, n, &pos), n);	/* starts in page 0 */
	KTEST_EXPECT_EQ(inode_size(f->f_inode), 4000 + n);
	KTEST_EXPECT_EQ(file_read_at(f, back, n, 4000), n);
	for (size_t i = 0; i < n; i++)
		same &= back[i] == fill(i);
	KTEST_EXPECT(same);
	KTEST_EXPECT_EQ(file_read_at(f, back, 100, 0), 100);	/* before the data: zeros */
	KTEST_EXPECT(back[0] == 0 && back[99] == 0);
	KTEST_EXPECT_EQ(file_read_at(f, back, 100, 4000 + n), 0);	/* end of file */
	KTEST_EXPECT_EQ(truncate_file(f, 4096 + 10), 0);
	KTEST_EXPECT_EQ(truncate_file(f, 8192), 0);		/* the cut part reads zeros */
	KTEST_EXPECT_EQ(file_read_at(f, back, 10, 4096 + 10), 10);
	KTEST_EXPECT(back[0] == 0 && back[9] == 0);
	file_put(f);
	KTEST_EXPECT_EQ(do_unlinkat(AT_FDCWD, "/tmp/vt_rw", 0), 0);
out:
	kfree(buf);
	kfree(back);
	expect_counts(base);
}

static void unlinked_open_file_lives_on(void)
{
	struct vfs_counts base = counts_now();
	struct file *f;
	char c = 0;

	KTEST_EXPECT_EQ(write_file("/tmp/vt_orphan", "x", 1), 0);
	f = do_filp_open(AT_FDCWD, "/tmp/vt_orphan", O_RDONLY, 0);
	KTEST_EXPECT(!IS_ERR(f));
	if (IS_ERR(f))
		return;
	KTEST_EXPECT_EQ(do_unlinkat(AT_FDCWD, "/tmp/vt_orphan", 0), 0);
	KTEST_EXPECT_EQ(lookup_err("/tmp/vt_orphan", 0), -ENOENT);
	KTEST_EXPECT_EQ(file_read_at(f, &c, 1, 0), 1);	/* the inode outlives its name */
	KTEST_EXPECT_EQ(c, 'x');
	KTEST_EXPECT_EQ(f->f_inode->i_nlink, 0);
	file_put(f);
	expect_counts(base);
}

static void rename_semantics(void)
{
	struct vfs_counts base = counts_now();

	do_mkdirat(AT_FDCWD, "/tmp/vt2", 0755);
	do_mkdirat(AT_FDCWD, "/tmp/vt2/d", 0755);
	do_mkdirat(AT_FDCWD, "/tmp/vt2/d/sub", 0755);
	do_mkdirat(AT_FDCWD, "/tmp/vt2/e", 0755);
	write_file("/tmp/vt2/f", "1", 1);
	write_file("/tmp/vt2/g", "22", 2);
	write_file("/tmp/vt2/e/x", "3", 1);
	KTEST_EXPECT_EQ(do_renameat2(AT_FDCWD, "/tmp/vt2/d", AT_FDCWD, "/tmp/vt2/d/sub/in", 0),
			-EINVAL);
	KTEST_EXPECT_EQ(do_renameat2(AT_FDCWD, "/tmp/vt2/d", AT_FDCWD, "/tmp/vt2/e", 0),
			-ENOTEMPTY);
	KTEST_EXPECT_EQ(do_renameat2(AT_FDCWD, "/tmp/vt2/f", AT_FDCWD, "/tmp/vt2/d", 0), -EISDIR);
	KTEST_EXPECT_EQ(do_renameat2(AT_FDCWD, "/tmp/vt2/d", AT_FDCWD, "/tmp/vt2/f", 0), -ENOTDIR);
	KTEST_EXPECT_EQ(do_renameat2(AT_FDCWD, "/tmp/vt2/f", AT_FDCWD, "/tmp/vt2/g",
				     RENAME_NOREPLACE), -EEXIST);
	KTEST_EXPECT_EQ(do_renameat2(AT_FDCWD, "/tmp/vt2/f", AT_FDCWD, "/tmp/vt2/f", 0), 0);
	KTEST_EXPECT_EQ(do_renameat2(AT_FDCWD, "/tmp/vt2/no", AT_FDCWD, "/tmp/vt2/z", 0), -ENOENT);
	KTEST_EXPECT_EQ(do_renameat2(AT_FDCWD, "/tmp/vt2/.", AT_FDCWD, "/tmp/vt2/z", 0), -EBUSY);
	/* a file over a file: g now has f's content, the old g is freed */
	KTEST_EXPECT_EQ(do_renameat2(AT_FDCWD, "/tmp/vt2/f", AT_FDCWD, "/tmp/vt2/g", 0), 0);
	KTEST_EXPECT_EQ(lookup_err("/tmp/vt2/f", 0), -ENOENT);
	KTEST_EXPECT(S_ISREG(mode_of("/tmp/vt2/g")));
	/* a directory into another: the link counts follow */
	KTEST_EXPECT_EQ(do_renameat2(AT_FDCWD, "/tmp/vt2/d", AT_FDCWD, "/tmp/vt2/e/d2", 0), 0);
	KTEST_EXPECT(S_ISDIR(mode_of("/tmp/vt2/e/d2/sub")));
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/tmp/vt2/e/d2/sub"), 0);
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/tmp/vt2/e/d2"), 0);
	KTEST_EXPECT_EQ(do_unlinkat(AT_FDCWD, "/tmp/vt2/e/x", 0), 0);
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/tmp/vt2/e"), 0);
	KTEST_EXPECT_EQ(do_unlinkat(AT_FDCWD, "/tmp/vt2/g", 0), 0);
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/tmp/vt2"), 0);
	expect_counts(base);
}

static void symlinks_and_loops(void)
{
	struct vfs_counts base = counts_now();
	char name[32], target[32];

	do_mkdirat(AT_FDCWD, "/tmp/vt3", 0755);
	do_mkdirat(AT_FDCWD, "/tmp/vt3/dir", 0755);
	write_file("/tmp/vt3/dir/file", "x", 1);
	KTEST_EXPECT_EQ(do_symlinkat("dir", AT_FDCWD, "/tmp/vt3/ln"), 0);
	KTEST_EXPECT(S_ISREG(mode_of("/tmp/vt3/ln/file")));	/* through a relative link */
	KTEST_EXPECT(S_ISLNK(mode_nofollow("/tmp/vt3/ln")));
	KTEST_EXPECT_EQ(do_symlinkat("/tmp/vt3/b", AT_FDCWD, "/tmp/vt3/a"), 0);
	KTEST_EXPECT_EQ(do_symlinkat("/tmp/vt3/a", AT_FDCWD, "/tmp/vt3/b"), 0);
	KTEST_EXPECT_EQ(lookup_err("/tmp/vt3/a", LOOKUP_FOLLOW), -ELOOP);
	KTEST_EXPECT_EQ(lookup_err("/tmp/vt3/a", 0), 0);	/* lstat does not follow */
	KTEST_EXPECT_EQ(lookup_err("/tmp/vt3/a/x", 0), -ELOOP);	/* the middle always does */
	/* a chain of 40 links resolves; 41 is one too many */
	for (int i = 1; i <= 41; i++) {
		snprintf(name, sizeof(name), "/tmp/vt3/c%d", i);
		snprintf(target, sizeof(target), i == 1 ? "dir" : "c%d", i - 1);
		do_symlinkat(target, AT_FDCWD, name);
	}
	KTEST_EXPECT_EQ(lookup_err("/tmp/vt3/c40/file", LOOKUP_FOLLOW), 0);
	KTEST_EXPECT_EQ(lookup_err("/tmp/vt3/c41/file", LOOKUP_FOLLOW), -ELOOP);
	for (int i = 1; i <= 41; i++) {
		snprintf(name, sizeof(name), "/tmp/vt3/c%d", i);
		do_unlinkat(AT_FDCWD, name, 0);
	}
	KTEST_EXPECT_EQ(do_unlinkat(AT_FDCWD, "/tmp/vt3/a", 0), 0);
	KTEST_EXPECT_EQ(do_unlinkat(AT_FDCWD, "/tmp/vt3/b", 0), 0);
	KTEST_EXPECT_EQ(do_unlinkat(AT_FDCWD, "/tmp/vt3/ln", 0), 0);
	KTEST_EXPECT(S_ISDIR(mode_of("/tmp/vt3/dir")));	/* unlink removed the link only */
	do_unlinkat(AT_FDCWD, "/tmp/vt3/dir/file", 0);
	do_rmdir(AT_FDCWD, "/tmp/vt3/dir");
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/tmp/vt3"), 0);
	expect_counts(base);
}

static void path_walk_rules(void)
{
	char *longname = kmalloc(300);

	KTEST_EXPECT(S_ISDIR(mode_of("//tmp///")));
	KTEST_EXPECT(S_ISDIR(mode_of("/tmp/./../tmp/.")));
	KTEST_EXPECT_EQ(mode_of("/.."), mode_of("/"));	/* ".." stops at the root */
	KTEST_EXPECT_EQ(lookup_err("", 0), -ENOENT);
	KTEST_EXPECT_EQ(lookup_err("/dev/console/", 0), -ENOTDIR);
	KTEST_EXPECT_EQ(lookup_err("/dev/console/x", 0), -ENOTDIR);
	KTEST_EXPECT_EQ(lookup_err("/tmp", LOOKUP_DIRECTORY), 0);
	KTEST_EXPECT_EQ(lookup_err("/dev/console", LOOKUP_DIRECTORY), -ENOTDIR);
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/tmp/."), -EINVAL);
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/tmp/.."), -ENOTEMPTY);
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/"), -EBUSY);
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/dev"), -ENOTEMPTY);
	KTEST_EXPECT_EQ(do_unlinkat(AT_FDCWD, "/tmp", 0), -EISDIR);
	KTEST_EXPECT_EQ(do_mkdirat(AT_FDCWD, "/tmp/", 0755), -EEXIST);
	KTEST_EXPECT_EQ(do_mkdirat(AT_FDCWD, "/nodir/x", 0755), -ENOENT);
	if (longname) {
		memset(longname, 'n', 299);
		longname[0] = '/';
		longname[299] = '\0';
		KTEST_EXPECT_EQ(lookup_err(longname, 0), -ENAMETOOLONG);
		kfree(longname);
	}
}

static void mount_tmpfs_cross_and_umount(void)
{
	struct vfs_counts base = counts_now();
	int mounts = mount_count();
	struct file *f;

	do_mkdirat(AT_FDCWD, "/tmp/vt4", 0755);
	KTEST_EXPECT_EQ(do_mount("none", "/tmp/vt4", "nosuchfs", 0, NULL), -ENODEV);
	KTEST_EXPECT_EQ(do_mount("none", "/tmp/vt4", "tmpfs", 0, NULL), 0);
	KTEST_EXPECT_EQ(mount_count(), mounts + 1);
	KTEST_EXPECT_EQ(mode_of("/tmp/vt4") & 07777, 01777);	/* we see the tmpfs root */
	KTEST_EXPECT_EQ(write_file("/tmp/vt4/f", "m", 1), 0);
	KTEST_EXPECT(S_ISDIR(mode_of("/tmp/vt4/../vt4/..")));	/* out via the mountpoint */
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/tmp/vt4"), -EBUSY);
	KTEST_EXPECT_EQ(do_renameat2(AT_FDCWD, "/tmp/vt4/f", AT_FDCWD, "/tmp/vt4f", 0), -EXDEV);
	KTEST_EXPECT_EQ(do_umount("/tmp", 0), -EINVAL);		/* not a mount's root */
	KTEST_EXPECT_EQ(do_umount("/", 0), -EBUSY);
	f = do_filp_open(AT_FDCWD, "/tmp/vt4/f", O_RDONLY, 0);
	KTEST_EXPECT(!IS_ERR(f));
	KTEST_EXPECT_EQ(do_umount("/tmp/vt4", 0), -EBUSY);	/* a file is open in it */
	if (!IS_ERR(f))
		file_put(f);
	KTEST_EXPECT_EQ(do_umount("/tmp/vt4", 0), 0);
	KTEST_EXPECT_EQ(mount_count(), mounts);
	KTEST_EXPECT_EQ(lookup_err("/tmp/vt4/f", 0), -ENOENT);	/* the tmpfs is gone */
	KTEST_EXPECT_EQ(do_mount("none", "/tmp/vt4", "ramfs", 0, NULL), 0);
	KTEST_EXPECT_EQ(write_file("/tmp/vt4/g", "m", 1), 0);
	KTEST_EXPECT_EQ(do_umount("/tmp/vt4", MNT_DETACH), 0);	/* lazily, with files */
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/tmp/vt4"), 0);
	expect_counts(base);
}

/* A readdir actor that records names: one string "a,b,c," in names[]. */
struct names_ctx {
	struct dir_context ctx;
	char names[256];
	int count;
	int room;	/* entries accepted before "the buffer is full" */
};

static bool record_name(struct dir_context *ctx, const char *name, size_t len, uint64_t ino,
			unsigned int d_type, int64_t next_pos)
{
	struct names_ctx *n = container_of(ctx, struct names_ctx, ctx);
	size_t used = strlen(n->names);

	(void)ino, (void)d_type, (void)next_pos;
	if (n->count == n->room || used + len + 2 > sizeof(n->names))
		return false;
	memcpy(n->names + used, name, len);
	n->names[used + len] = ',';
	n->names[used + len + 1] = '\0';
	n->count++;
	return true;
}

/* read_dir() - iterate @f from its position, accepting @room entries. */
static void read_dir(struct file *f, struct names_ctx *n, int room)
{
	n->ctx.actor = record_name;
	n->ctx.pos = (int64_t)f->f_pos;
	n->room = room;
	f->f_op->iterate(f, &n->ctx);
	f->f_pos = (uint64_t)n->ctx.pos;
}

static void readdir_survives_removal(void)
{
	struct vfs_counts base = counts_now();
	struct names_ctx n = { 0 };
	struct file *d;

	do_mkdirat(AT_FDCWD, "/tmp/vt5", 0755);
	write_file("/tmp/vt5/a", "", 0);
	write_file("/tmp/vt5/b", "", 0);
	write_file("/tmp/vt5/c", "", 0);
	d = do_filp_open(AT_FDCWD, "/tmp/vt5", O_RDONLY | O_DIRECTORY, 0);
	KTEST_EXPECT(!IS_ERR(d));
	if (IS_ERR(d))
		return;
	read_dir(d, &n, 3);
	KTEST_EXPECT(strcmp(n.names, ".,..,a,") == 0);
	/* remove what was read and what is next: the position still holds */
	do_unlinkat(AT_FDCWD, "/tmp/vt5/a", 0);
	do_unlinkat(AT_FDCWD, "/tmp/vt5/b", 0);
	write_file("/tmp/vt5/d", "", 0);
	n = (struct names_ctx){ 0 };
	read_dir(d, &n, 10);
	KTEST_EXPECT(strcmp(n.names, "c,d,") == 0);
	n = (struct names_ctx){ 0 };
	read_dir(d, &n, 10);
	KTEST_EXPECT_EQ(n.count, 0);	/* the end */
	KTEST_EXPECT_EQ(d->f_op->read(d, n.names, 1, &d->f_pos), -EISDIR);
	file_put(d);
	do_unlinkat(AT_FDCWD, "/tmp/vt5/c", 0);
	do_unlinkat(AT_FDCWD, "/tmp/vt5/d", 0);
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/tmp/vt5"), 0);
	expect_counts(base);
}

static void device_nodes(void)
{
	struct vfs_counts base = counts_now();
	struct file *f;
	char buf[8] = "abcdefg";
	uint64_t pos = 0;

	KTEST_EXPECT_EQ(do_mknodat(AT_FDCWD, "/tmp/vt_null", S_IFCHR | 0666, MKDEV(1, 3)), 0);
	KTEST_EXPECT_EQ(do_mknodat(AT_FDCWD, "/tmp/vt_zero", S_IFCHR | 0666, MKDEV(1, 5)), 0);
	KTEST_EXPECT_EQ(do_mknodat(AT_FDCWD, "/tmp/vt_none", S_IFCHR | 0666, MKDEV(99, 9)), 0);
	f = do_filp_open(AT_FDCWD, "/tmp/vt_null", O_RDWR, 0);
	KTEST_EXPECT(!IS_ERR(f));
	if (!IS_ERR(f)) {
		KTEST_EXPECT_EQ(f->f_op->read(f, buf, 8, &pos), 0);
		KTEST_EXPECT_EQ(f->f_op->write(f, buf, 8, &pos), 8);
		file_put(f);
	}
	f = do_filp_open(AT_FDCWD, "/tmp/vt_zero", O_RDONLY, 0);
	KTEST_EXPECT(!IS_ERR(f));
	if (!IS_ERR(f)) {
		KTEST_EXPECT_EQ(f->f_op->read(f, buf, 8, &pos), 8);
		KTEST_EXPECT(buf[0] == 0 && buf[7] == 0);
		file_put(f);
	}
	f = do_filp_open(AT_FDCWD, "/tmp/vt_none", O_RDONLY, 0);
	KTEST_EXPECT_EQ(PTR_ERR(f), -ENXIO);
	do_unlinkat(AT_FDCWD, "/tmp/vt_null", 0);
	do_unlinkat(AT_FDCWD, "/tmp/vt_zero", 0);
	do_unlinkat(AT_FDCWD, "/tmp/vt_none", 0);
	expect_counts(base);
}

/* cpio_member() - append one newc member to @out at *@len; data of @size bytes. */
static void cpio_member(char *out, size_t *len, const char *name, unsigned int mode,
			const char *data, size_t size)
{
	size_t namesize = strlen(name) + 1;

	*len += (size_t)snprintf(out + *len, 111, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X"
				 "%08X%08X%08X%08X", 0u, mode, 0u, 0u, 1u, 0u, (unsigned)size,
				 0u, 0u, 0u, 0u, (unsigned)namesize, 0u);
	memcpy(out + *len, name, namesize);
	*len = ALIGN_UP(*len + namesize, (size_t)4);
	memcpy(out + *len, data, size);
	*len = ALIGN_UP(*len + size, (size_t)4);
}

static void initramfs_good_and_truncated(void)
{
	char *a = kzalloc(2048);
	size_t len = 0;
	struct initramfs_stats st;

	if (!a)
		return;
	cpio_member(a, &len, "tmp/vt6", S_IFDIR | 0700, "", 0);
	cpio_member(a, &len, "tmp/vt6/f", S_IFREG | 0640, "data", 4);
	cpio_member(a, &len, "tmp/vt6/l", S_IFLNK | 0777, "f", 1);
	cpio_member(a, &len, "TRAILER!!!", 0, "", 0);
	KTEST_EXPECT_EQ(initramfs_unpack_buffer((uint8_t *)a, len, &st), 0);
	KTEST_EXPECT(st.dirs == 1 && st.files == 1 && st.symlinks == 1 && st.errors == 0);
	KTEST_EXPECT_EQ(mode_of("/tmp/vt6/l"), S_IFREG | 0640);	/* umask did not apply */
	KTEST_EXPECT_EQ(mode_of("/tmp/vt6"), S_IFDIR | 0700);
	/* the same archive cut in the middle of the file's data: stop, keep what was made */
	KTEST_EXPECT_EQ(initramfs_unpack_buffer((uint8_t *)a, 250, &st), -EINVAL);
	memcpy(a, "07070X", 6);
	KTEST_EXPECT_EQ(initramfs_unpack_buffer((uint8_t *)a, len, &st), -EINVAL);
	do_unlinkat(AT_FDCWD, "/tmp/vt6/l", 0);
	do_unlinkat(AT_FDCWD, "/tmp/vt6/f", 0);
	KTEST_EXPECT_EQ(do_rmdir(AT_FDCWD, "/tmp/vt6"), 0);
	kfree(a);
}

static const struct ktest_case vfs_cases[] = {
	{ "initramfs_contents_present", initramfs_contents_present },
	{ "create_lookup_unlink", create_lookup_unlink },
	{ "negative_dentry_hits", negative_dentry_hits },
	{ "lru_then_shrink_frees", lru_then_shrink_frees },
	{ "rw_across_page_boundary", rw_across_page_boundary },
	{ "unlinked_open_file_lives_on", unlinked_open_file_lives_on },
	{ "rename_semantics", rename_semantics },
	{ "symlinks_and_loops", symlinks_and_loops },
	{ "path_walk_rules", path_walk_rules },
	{ "mount_tmpfs_cross_and_umount", mount_tmpfs_cross_and_umount },
	{ "readdir_survives_removal", readdir_survives_removal },
	{ "device_nodes", device_nodes },
	{ "initramfs_good_and_truncated", initramfs_good_and_truncated },
};

KTEST_SUITE(vfs, vfs_cases);
