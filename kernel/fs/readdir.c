/* readdir.c - getdents64(2): a directory's entries, packed for user space.
 *
 * The filesystem's ->iterate() walks the directory from the file's position (f_pos) and
 * hands each entry to dir_emit(); our actor packs it as a struct linux_dirent64 (uapi/
 * dirent.h) into a one-page kernel buffer: 19 bytes of header, the name and its NUL, padded to
 * a multiple of 8 (d_reclen), with d_off the position of the entry after it (so lseek(d_off)
 * continues there) and d_type from the file type. When the next entry does not fit, the
 * actor says stop; the position stays on that entry, and the next call starts with it. The
 * packed bytes are then copied to user memory in one go, and only then does f_pos move, so a
 * bad buffer (EFAULT) loses no entries.
 * Positions are the filesystem's: ramfs uses 0 ".", 1 "..", then each child's d_seq, which
 * survive entries being added or removed between calls (kernel/fs/ramfs.c).
 * Errors as Linux: EBADF, ENOTDIR (no ->iterate), EINVAL (the buffer cannot hold even the
 * first entry), EFAULT. At the end of the directory the result is 0.
 * Locking: none of its own; ->iterate() takes the dcache lock per child.
 * See also: kernel/include/file.h (struct dir_context), kernel/fs/ramfs.c (ramfs_iterate).
 * Linux: fs/readdir.c (getdents64, filldir64), fs/libfs.c (dcache_readdir). */
#include "dcache.h"
#include "file.h"
#include "vfs.h"
#include "fs.h"
#include "arch.h"
#include "kmalloc.h"
#include "string.h"
#include "syscalls.h"
#include "uaccess.h"
#include "uapi/dirent.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

struct getdents_ctx {
	struct dir_context ctx;	/* first: the actor gets a pointer to it */
	char *buf;		/* kernel buffer of size bytes */
	size_t size;
	size_t used;
	int error;		/* -EINVAL if the first entry did not fit */
};

/* filldir64() - the actor: pack one entry; false when the buffer is full. */
static bool filldir64(struct dir_context *ctx, const char *name, size_t len, uint64_t ino,
		      unsigned int d_type, int64_t next_pos)
{
	struct getdents_ctx *g = container_of(ctx, struct getdents_ctx, ctx);
	size_t reclen = ALIGN_UP(DIRENT64_NAME_OFFSET + len + 1, (size_t)8);
	struct linux_dirent64 *de;

	if (g->used + reclen > g->size) {
		if (g->used == 0)
			g->error = -EINVAL;
		return false;
	}
	de = (struct linux_dirent64 *)(g->buf + g->used);
	memset(de, 0, reclen);
	de->d_ino = ino;
	de->d_off = next_pos;
	de->d_reclen = (uint16_t)reclen;
	de->d_type = (uint8_t)d_type;
	memcpy(de->d_name, name, len);
	g->used += reclen;
	return true;
}

/* iterate_into() - run @f's ->iterate from f_pos into @g (g->ctx.pos: where it stopped). */
static int iterate_into(struct file *f, struct getdents_ctx *g)
{
	int err;

	g->ctx.pos = (int64_t)file_pos_get(f);
	err = f->f_op->iterate(f, &g->ctx);
	return err ? err : g->error;
}

/**
 * do_getdents64() - getdents64(2).
 * @fd: an open directory; @udirp: the user buffer; @count: its size.
 * Context: a thread. Return: bytes stored (0 at the end), -EBADF, -ENOTDIR, -EINVAL, -EFAULT,
 * -ENOMEM.
 */
long do_getdents64(int fd, uaddr_t udirp, size_t count)
{
	struct getdents_ctx g = { .ctx.actor = filldir64, .size = MIN(count, PAGE_SIZE) };
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	if ((file_flags(f) & O_PATH) || !f->f_op || !f->f_op->iterate) {
		ret = (file_flags(f) & O_PATH) ? -EBADF : -ENOTDIR;
		file_put(f);
		return ret;
	}
	g.buf = user_range_ok(udirp, count) ? kmalloc(PAGE_SIZE) : NULL;
	if (!g.buf) {
		file_put(f);
		return user_range_ok(udirp, count) ? -ENOMEM : -EFAULT;
	}
	ret = iterate_into(f, &g);
	if (!ret)
		ret = copy_to_user(udirp, g.buf, g.used) ? -EFAULT : (long)g.used;
	if (ret >= 0)
		file_pos_set(f, (uint64_t)g.ctx.pos);	/* only what reached user space */
	kfree(g.buf);
	file_put(f);
	return ret;
}

/* getdents64(fd, dirp, count) */
long sys_getdents64(const struct syscall_args *a)
{
	return do_getdents64((int)a->arg[0], a->arg[1], (size_t)(unsigned int)a->arg[2]);
}

/**
 * dir_emit_dots() - a directory's first two entries, "." (position 0) and ".." (position 1),
 * for any filesystem's iterate(); ctx->pos is 2 after them.
 * @f: the open directory; @ctx: the readdir context.
 * Context: no spinlock held. Return: false if the buffer filled (iterate() stops there).
 */
bool dir_emit_dots(struct file *f, struct dir_context *ctx)
{
	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, f->f_inode->i_ino, DT_DIR, 1))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct dentry *parent = dget_parent(f->f_dentry);
		bool ok = dir_emit(ctx, "..", 2, parent->d_inode->i_ino, DT_DIR, 2);

		dput(parent);
		if (!ok)
			return false;
		ctx->pos = 2;
	}
	return true;
}
