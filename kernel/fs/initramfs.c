/* initramfs.c - unpacking the boot module, a cpio newc archive, into the root ramfs.
 *
 * GRUB loads the initramfs as multiboot2 module 0; its bytes are read in place through the
 * direct map. Each member (parsed by cpio_parse_header, kernel/fs/cpio.c) becomes a name in
 * the root filesystem through the ordinary VFS calls, as if user space had made it: mkdir
 * for directories, open(O_CREAT)+write for regular files, symlink, mknod for device nodes
 * (a node 5:1 is the console because the tty driver registers 5:1, nothing more), and link
 * for the later names of a regular file with nlink > 1 (newc repeats the inode number; the
 * data may come with the first or the last name, both work). Modes are kept exactly: the
 * umask is 0 while unpacking. The member "TRAILER!!!" ends an archive; NUL padding and
 * further archives after it are accepted, as Linux does for concatenated initramfs images.
 *
 * Robustness: the archive comes from outside. Every size is bounded by the module length
 * inside the parser; a malformed member stops the unpack with a log line (what was unpacked
 * so far stays); a member that cannot be created (bad name, missing parent) is logged and
 * skipped. Nothing here panics. Afterwards /dev/console exists, made (5:1, 0600) if the
 * archive lacked it, so init always has a console to open.
 * Invariants: names are made relative to "/" ("./x", "/x" and "x" are the same).
 * Locking: none of its own; runs once at boot, before user space.
 * See also: kernel/fs/cpio.c, tools/mkcpio.py (the writer). Linux: init/initramfs.c
 * (unpack_to_rootfs, do_name, do_copy, do_symlink, maybe_link). */
#include "initramfs.h"
#include "fs.h"
#include "arch.h"
#include "boot_info.h"
#include "cpio.h"
#include "dcache.h"
#include "err.h"
#include "file.h"
#include "fs_struct.h"
#include "kmalloc.h"
#include "namei.h"
#include "printk.h"
#include "string.h"
#include "vfs.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

/* A regular file seen with nlink > 1: its later names become hard links to the first. */
struct hardlink {
	struct hardlink *next;
	uint32_t ino;
	char *path;
};

struct unpack {
	struct initramfs_stats *st;
	struct hardlink *links;
	char path[PATH_MAX];	/* "/" + the member's name */
};

/* member_path() - "/" + @name without a leading "./" or "/"; false for the root or a name
 * too long. */
static bool member_path(struct unpack *u, const char *name)
{
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (name[0] == '/')
		name++;
	if (name[0] == '\0' || strcmp(name, ".") == 0 || strlen(name) + 2 > PATH_MAX)
		return false;
	u->path[0] = '/';
	strlcpy(u->path + 1, name, PATH_MAX - 1);
	return true;
}

/* write_file() - create (or truncate) the file at u->path and fill it with @e's data. */
static int write_file(struct unpack *u, const struct cpio_entry *e)
{
	struct file *f = file_open_kernel(u->path, O_WRONLY | O_CREAT | O_TRUNC, e->mode & 07777);
	uint64_t pos = 0;
	ssize_t n = 0;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	if (e->filesize)
		n = f->f_op->write(f, e->data, e->filesize, &pos);
	file_put(f);
	if (n >= 0 && (size_t)n != e->filesize)
		n = -ENOSPC;
	return n < 0 ? (int)n : do_fchmodat(AT_FDCWD, u->path, e->mode & 07777);
}

/* find_link() - the first name of inode @ino, if it had nlink > 1. */
static struct hardlink *find_link(struct unpack *u, uint32_t ino)
{
	for (struct hardlink *h = u->links; h; h = h->next)
		if (h->ino == ino)
			return h;
	return NULL;
}

/* remember_link() - note u->path as the first name of inode @ino (best effort). */
static void remember_link(struct unpack *u, uint32_t ino)
{
	struct hardlink *h = kmalloc(sizeof(*h));
	size_t len = strlen(u->path) + 1;

	if (!h || !(h->path = kmalloc(len))) {
		kfree(h);
		return;
	}
	memcpy(h->path, u->path, len);
	h->ino = ino;
	h->next = u->links;
	u->links = h;
}

/* unpack_regular() - a regular file, or another name of one already unpacked. */
static int unpack_regular(struct unpack *u, const struct cpio_entry *e)
{
	struct hardlink *h = e->nlink > 1 ? find_link(u, e->ino) : NULL;
	int err;

	if (h) {
		err = do_linkat(AT_FDCWD, h->path, AT_FDCWD, u->path, 0);
		if (!err)
			u->st->hardlinks++;
		if (err || e->filesize == 0)
			return err;
		return write_file(u, e);	/* the data came with this later name */
	}
	err = write_file(u, e);
	if (!err && e->nlink > 1)
		remember_link(u, e->ino);
	if (!err)
		u->st->files++;
	return err;
}

/* unpack_symlink() - a symlink whose target is the member's data. */
static int unpack_symlink(struct unpack *u, const struct cpio_entry *e)
{
	char *target;
	int err;

	if (e->filesize == 0 || e->filesize >= PATH_MAX)
		return -EINVAL;
	target = kmalloc(e->filesize + 1);
	if (!target)
		return -ENOMEM;
	memcpy(target, e->data, e->filesize);
	target[e->filesize] = '\0';
	err = do_symlinkat(target, AT_FDCWD, u->path);
	kfree(target);
	if (!err)
		u->st->symlinks++;
	return err;
}

/* unpack_dir() - a directory; one made earlier (as a parent) just gets the mode. */
static int unpack_dir(struct unpack *u, const struct cpio_entry *e)
{
	int err = do_mkdirat(AT_FDCWD, u->path, e->mode & 07777);

	if (err == -EEXIST)
		err = do_fchmodat(AT_FDCWD, u->path, e->mode & 07777);
	else if (!err)
		u->st->dirs++;
	return err;
}

/* unpack_node() - create the member's file of whatever type. */
static int unpack_node(struct unpack *u, const struct cpio_entry *e)
{
	int err;

	u->path[0] = '\0';
	if (!member_path(u, e->name))
		return 0;	/* the root itself, "." */
	switch (e->mode & S_IFMT) {
	case S_IFDIR:
		return unpack_dir(u, e);
	case S_IFREG:
		return unpack_regular(u, e);
	case S_IFLNK:
		return unpack_symlink(u, e);
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		err = do_mknodat(AT_FDCWD, u->path, e->mode,
				 MKDEV(e->rdevmajor & 0xfff, e->rdevminor & 0xfffff));
		u->st->devices += !err;
		return err;
	default:
		return -EINVAL;
	}
}

/* set_mtime() - the archive's modification (and access) time on u->path, as Linux keeps it.
 * Directories keep their creation time: adding their entries would change it anyway (Linux
 * sets theirs at the very end; TODO(initramfs): so could we). */
static void set_mtime(struct unpack *u, uint32_t mtime)
{
	struct inode *inode;
	struct path p;

	if (path_lookupat(AT_FDCWD, u->path, 0, &p))
		return;
	inode = p.dentry->d_inode;
	spin_lock(&inode->i_lock);
	inode->i_mtime_ns = inode->i_atime_ns = (uint64_t)mtime * 1000000000ULL;
	spin_unlock(&inode->i_lock);
	path_put(&p);
}

/* unpack_member() - make one member's name. Return: 0 or -errno (logged by the caller). */
static int unpack_member(struct unpack *u, const struct cpio_entry *e)
{
	int err = unpack_node(u, e);

	if (!err && u->path[0] && (e->mode & S_IFMT) != S_IFDIR)
		set_mtime(u, e->mtime);
	return err;
}

/* skip_padding() - past NUL bytes between concatenated archives. */
static size_t skip_padding(const uint8_t *buf, size_t len, size_t off)
{
	while (off < len && buf[off] == 0)
		off++;
	return ALIGN_DOWN(off, (size_t)4);
}

/* unpack_loop() - every member of every archive in @buf. Return: 0, or -EINVAL if it stopped
 * at a malformed member. */
static int unpack_loop(struct unpack *u, const uint8_t *buf, size_t len)
{
	size_t off = 0;

	while ((off = skip_padding(buf, len, off)) < len) {
		struct cpio_entry e;
		enum cpio_status s = cpio_parse_header(buf, len, off, &e);
		int err;

		if (s != CPIO_OK) {
			pr_err("initramfs: %s member at offset %zu, stopping\n", cpio_status_str(s),
			       off);
			u->st->bytes = off;
			return -EINVAL;
		}
		off = e.next;
		if (cpio_is_trailer(&e))
			continue;
		err = unpack_member(u, &e);
		if (err) {
			pr_warn("initramfs: cannot unpack \"%s\": error %d, skipped\n", e.name,
				err);
			u->st->errors++;
		}
	}
	u->st->bytes = len;
	return 0;
}

/**
 * initramfs_unpack_buffer() - unpack the cpio newc archive(s) in @buf into the root.
 * @buf, @len: the archive bytes; @st: the counts, zeroed here.
 * Context: boot, or a kernel thread (self-tests); no spinlock held.
 * Return: 0, -EINVAL (stopped at a malformed member), -ENOMEM.
 */
int initramfs_unpack_buffer(const uint8_t *buf, size_t len, struct initramfs_stats *st)
{
	struct fs_struct *fs = current_fs();
	struct unpack *u = kzalloc(sizeof(*u));
	unsigned int old_umask;
	int err;

	*st = (struct initramfs_stats){ 0 };
	if (!u)
		return -ENOMEM;
	u->st = st;
	old_umask = fs_set_umask(fs, 0);	/* the archive's modes, exactly */
	err = unpack_loop(u, buf, len);
	fs_set_umask(fs, old_umask);
	while (u->links) {
		struct hardlink *h = u->links;

		u->links = h->next;
		kfree(h->path);
		kfree(h);
	}
	kfree(u);
	return err;
}

/* ensure_console() - make /dev/console (5:1) if the archive did not. */
static void ensure_console(void)
{
	struct path p;
	int err;

	if (path_lookupat(AT_FDCWD, "/dev/console", 0, &p) == 0) {
		path_put(&p);
		return;
	}
	do_mkdirat(AT_FDCWD, "/dev", 0755);
	err = do_mknodat(AT_FDCWD, "/dev/console", S_IFCHR | 0600, MKDEV(5, 1));
	if (err)
		pr_err("initramfs: cannot create /dev/console: %d\n", err);
	else
		pr_info("initramfs: created /dev/console (5:1), the archive had none\n");
}

/**
 * initramfs_unpack() - unpack boot module 0 into the root ramfs and make sure /dev/console
 * exists.
 * Context: boot, right after vfs_init(). Return: nothing; problems are logged.
 */
void initramfs_unpack(const struct boot_info *bi)
{
	struct initramfs_stats st = { 0 };

	if (bi->nr_modules > 0) {
		const struct boot_module *m = &bi->modules[0];
		size_t len = m->end > m->start ? m->end - m->start : 0;

		initramfs_unpack_buffer(phys_to_virt(m->start), len, &st);
		pr_info("initramfs: unpacked %d files, %d directories, %d symlinks, %d devices, "
			"%d hard links from %zu bytes (%d errors)\n", st.files, st.dirs,
			st.symlinks, st.devices, st.hardlinks, len, st.errors);
	} else {
		pr_warn("initramfs: no boot module, the root is empty\n");
	}
	ensure_console();
}
