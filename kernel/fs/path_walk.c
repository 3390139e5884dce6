/* path_walk.c - resolving a path string to a {mount, dentry}: the walker.
 *
 * The walk keeps a current position (nd->path) and consumes one component at a time
 * (pathname_next): "." stays, ".." climbs (never above the process root, and out of a mount
 * through its mountpoint), any other name is looked up in the dcache and, on a miss, asked of
 * the filesystem (lookup_one). After each step onto a dentry with something mounted on it, the
 * walk crosses into the mounted root (cross_mounts), so "/tmp/x" on a mounted tmpfs finds the
 * tmpfs's "x".
 *
 * Symlinks. A symlink met in the middle of a path, or at its end with LOOKUP_FOLLOW (or a
 * trailing slash), is replaced by its target: the target string is pushed on a small stack of
 * pending strings and the walk continues with it (from the root if it is absolute); when it is
 * used up, the rest of the string below it continues. So nesting costs no recursion, and a
 * loop ends after MAXSYMLINKS (40) links with ELOOP, as on Linux.
 *
 * Results (path_lookup): the final dentry, or with LOOKUP_CREATE the negative dentry of a
 * missing last name whose directory exists - what creat/mkdir/rename need - plus the kind of
 * last component and whether a slash ended the path.
 * Invariants: nd->path is always a counted, positive directory position between steps; every
 * pushed string is freed on every exit path (walk_cleanup).
 * Locking: takes no lock of its own; lookup_one() fills the dcache under vfs_dir_lock.
 * See also: kernel/fs/pathname.c (splitting), kernel/fs/namei.c (the operations on names).
 * Linux: fs/namei.c (link_path_walk, walk_component, follow_dotdot, path_lookupat). */
#include "namei.h"
#include "dcache.h"
#include "err.h"
#include "file.h"
#include "fs_struct.h"
#include "kmalloc.h"
#include "pathname.h"
#include "vfs.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

struct nameidata {
	struct path path;		/* where the walk is; counted */
	struct path root;		/* the process root: ".." stops here; counted */
	unsigned int flags;		/* LOOKUP_* */
	int nr_links;			/* symlinks followed so far */
	int depth;			/* pending[0..depth] are strings still to walk */
	const char *pending[MAXSYMLINKS + 1];
	char *link_buf[MAXSYMLINKS + 1];	/* kmalloc'd targets; [0] is the caller's string */
	enum last_type last_type;
	bool trailing_slash;
};

/* walk_cleanup() - free the pushed link targets and drop the references of @nd. */
static void walk_cleanup(struct nameidata *nd, bool keep_path)
{
	for (int i = 1; i <= nd->depth; i++)
		kfree(nd->link_buf[i]);
	nd->depth = 0;
	path_put(&nd->root);
	if (!keep_path && nd->path.dentry)
		path_put(&nd->path);
}

/* set_path() - move the walk to @p (whose references pass to @nd). */
static void set_path(struct nameidata *nd, struct path *p)
{
	path_put(&nd->path);
	nd->path = *p;
}

/* cross_mounts() - while something is mounted on @p, move to the root of what is. */
static void cross_mounts(struct path *p)
{
	while (READ_ONCE(p->dentry->d_mounted)) {
		struct mount *m = lookup_mnt(p->mnt, p->dentry);

		if (!m)
			break;
		path_put(p);
		p->mnt = m;
		p->dentry = dget(m->mnt_root);
	}
}

/* follow_dotdot() - "..": up one directory, leaving mounts through their mountpoints, never
 * above the process root. */
static void follow_dotdot(struct nameidata *nd)
{
	for (;;) {
		struct path up;

		if (path_equal(&nd->path, &nd->root))
			return;
		if (nd->path.dentry != nd->path.mnt->mnt_root) {
			up.mnt = mntget(nd->path.mnt);
			up.dentry = dget_parent(nd->path.dentry);
			set_path(nd, &up);
			break;
		}
		if (!mnt_has_parent(nd->path.mnt))
			return;
		up.mnt = mntget(nd->path.mnt->mnt_parent);
		up.dentry = dget(nd->path.mnt->mnt_mountpoint);
		set_path(nd, &up);
	}
	cross_mounts(&nd->path);
}

/**
 * lookup_one() - the child @name of the directory @parent: from the dcache, or else from the
 * filesystem, which adds it to the dcache (positive or negative).
 * @parent: a positive directory dentry the caller holds; @name, @len: one component.
 *
 * A cached dentry whose filesystem says it is stale (d_revalidate) is invalidated and looked
 * up again. The miss path runs under vfs_dir_lock, so two walks cannot add the same name twice
 * and a create cannot slip between the check and the add - except for a filesystem with
 * lookup_unlocked (procfs), whose names nobody creates and which settles a race with
 * d_add_unique().
 * Context: no spinlock held. Return: the dentry, counted, or ERR_PTR(-ENOMEM/-errno).
 */
struct dentry *lookup_one(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d = d_lookup(parent, name, len);
	struct inode *dir = parent->d_inode;
	int err = 0;

	if (d && d->d_op && d->d_op->d_revalidate && !d->d_op->d_revalidate(d)) {
		d_invalidate(d);
		dput(d);
		d = NULL;
	}
	if (d)
		return d;
	if (dir->i_op->lookup_unlocked) {
		d = d_alloc(parent, name, len);
		return d ? dir->i_op->lookup_unlocked(dir, d) : ERR_PTR(-ENOMEM);
	}
	spin_lock(&vfs_dir_lock);
	d = d_lookup(parent, name, len);
	if (!d) {
		d = d_alloc(parent, name, len);
		err = !d ? -ENOMEM : dir->i_op->lookup ? dir->i_op->lookup(dir, d) : -ENOTDIR;
	}
	spin_unlock(&vfs_dir_lock);
	if (err) {
		dput(d);
		return ERR_PTR(err);
	}
	return d;
}

/* rest_is_empty() - no component is left in any pending string below the top one. */
static bool rest_is_empty(const struct nameidata *nd)
{
	for (int i = 0; i < nd->depth; i++)
		if (*nd->pending[i] != '\0')
			return false;
	return true;
}

/* push_link() - continue the walk with the target of the symlink @link. */
static int push_link(struct nameidata *nd, struct dentry *link)
{
	struct inode *inode = link->d_inode;
	char *buf;
	int len;

	if (++nd->nr_links > MAXSYMLINKS || nd->depth >= MAXSYMLINKS)
		return -ELOOP;
	buf = kmalloc(PATH_MAX);
	if (!buf)
		return -ENOMEM;
	len = inode->i_op->get_link ? inode->i_op->get_link(inode, buf, PATH_MAX - 1) : -EINVAL;
	if (len <= 0) {
		kfree(buf);
		return len < 0 ? len : -ENOENT;	/* an empty target names nothing */
	}
	buf[len] = '\0';
	nd->link_buf[++nd->depth] = buf;
	nd->pending[nd->depth] = buf;
	nd->last_type = LAST_ROOT;	/* until the target's own components say otherwise */
	if (buf[0] == '/') {
		struct path root = nd->root;

		path_get(&root);
		set_path(nd, &root);
	}
	return 0;
}

/* must_follow() - is the symlink @d, met as component @c, replaced by its target? */
static bool must_follow(const struct nameidata *nd, struct dentry *d, bool last,
			const struct path_component *c)
{
	if (!d->d_inode || !S_ISLNK(d->d_inode->i_mode))
		return false;
	return !last || (nd->flags & LOOKUP_FOLLOW) || c->trailing_slash || nd->trailing_slash;
}

/* walk_name() - one ordinary component. Return: 0, 1 (done: negative last name kept), -errno. */
static int walk_name(struct nameidata *nd, const struct path_component *c, bool last)
{
	struct dentry *d = lookup_one(nd->path.dentry, c->name, c->len);
	struct path next;

	if (IS_ERR(d))
		return (int)PTR_ERR(d);
	nd->last_type = LAST_NORM;
	if (!d->d_inode) {
		if (last && (nd->flags & LOOKUP_CREATE)) {
			next = (struct path){ mntget(nd->path.mnt), d };
			set_path(nd, &next);
			return 1;
		}
		dput(d);
		return -ENOENT;
	}
	if (must_follow(nd, d, last, c) && d->d_inode->i_op->jump_link) {
		int err = ++nd->nr_links > MAXSYMLINKS ? -ELOOP :
			  d->d_inode->i_op->jump_link(d->d_inode, &next);

		dput(d);
		if (!err)
			set_path(nd, &next);	/* a magic link: no text to walk */
		return err;
	}
	if (must_follow(nd, d, last, c)) {
		int err = push_link(nd, d);

		dput(d);
		return err;
	}
	next = (struct path){ mntget(nd->path.mnt), d };
	if (!last || !(nd->flags & LOOKUP_NOCROSS_LAST))
		cross_mounts(&next);
	set_path(nd, &next);
	return 0;
}

/* walk_component() - one component, whatever it is. Return: 0, 1 (stop), or -errno. */
static int walk_component(struct nameidata *nd, const struct path_component *c)
{
	bool last = c->is_last && rest_is_empty(nd);

	if (c->len > NAME_MAX)
		return -ENAMETOOLONG;
	if (!S_ISDIR(nd->path.dentry->d_inode->i_mode))
		return -ENOTDIR;
	if (last)
		nd->trailing_slash |= c->trailing_slash;
	if (pathname_is_dot(c->name, c->len)) {
		nd->last_type = LAST_DOT;
		return 0;
	}
	if (pathname_is_dotdot(c->name, c->len)) {
		follow_dotdot(nd);
		nd->last_type = LAST_DOTDOT;
		return 0;
	}
	return walk_name(nd, c, last);
}

/* link_path_walk() - walk every pending string to the end. Return: 0 or -errno. */
static int link_path_walk(struct nameidata *nd)
{
	struct path_component c;

	for (;;) {
		int err;

		if (!pathname_next(&nd->pending[nd->depth], &c)) {
			if (nd->depth == 0)
				return 0;
			kfree(nd->link_buf[nd->depth--]);
			continue;
		}
		err = walk_component(nd, &c);
		if (err)
			return err < 0 ? err : 0;
	}
}

/* start_dir() - where a relative walk begins: the cwd, or the directory open as @dfd. */
static int start_dir(struct nameidata *nd, int dfd, bool empty)
{
	struct file *f;

	if (dfd == AT_FDCWD) {
		fs_get_pwd(current_fs(), &nd->path);
		return 0;
	}
	f = fget(dfd);
	if (!f)
		return -EBADF;
	if (!f->f_dentry || (!empty && !S_ISDIR(f->f_inode->i_mode))) {
		int err = f->f_dentry ? -ENOTDIR : -EBADF;

		file_put(f);
		return err;
	}
	nd->path = (struct path){ mntget(f->f_mnt), dget(f->f_dentry) };
	file_put(f);
	return 0;
}

/* path_init() - set up @nd for walking @name from @dfd. */
static int path_init(struct nameidata *nd, int dfd, const char *name, unsigned int flags)
{
	bool empty = name[0] == '\0';

	*nd = (struct nameidata){ .flags = flags, .last_type = LAST_ROOT, .pending = { name } };
	fs_get_root(current_fs(), &nd->root);
	if (empty && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	if (name[0] == '/') {
		nd->path = nd->root;
		path_get(&nd->path);
		return 0;
	}
	return start_dir(nd, dfd, empty);
}

/* check_result() - the end of the walk: does the result satisfy the flags? */
static int check_result(struct nameidata *nd)
{
	struct inode *inode = nd->path.dentry->d_inode;

	bool slash = nd->trailing_slash && !(nd->flags & LOOKUP_CREATE);

	if (!inode)
		return 0;	/* LOOKUP_CREATE's negative last name */
	/* With LOOKUP_CREATE the caller judges a trailing slash itself: mkdir("file/") is
	 * EEXIST, open("file/", O_CREAT) EISDIR. */
	if ((slash || (nd->flags & LOOKUP_DIRECTORY)) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	return 0;
}

/**
 * path_lookup() - walk @name from @dfd and describe the last component.
 * @dfd: AT_FDCWD or a descriptor of a directory (anything, with LOOKUP_EMPTY and "").
 * @name: a kernel string, at most PATH_MAX - 1 bytes.
 * @flags: LOOKUP_*.
 * @out: on success, the result (counted path; release with path_put(&out->path)).
 *
 * Context: a thread (or a kernel thread: init_fs); no spinlock held.
 * Return: 0, -ENOENT (a name is missing, or "" without LOOKUP_EMPTY), -ENOTDIR (a non-
 * directory in the middle, or at the end with a trailing slash or LOOKUP_DIRECTORY),
 * -ENAMETOOLONG (a component over NAME_MAX), -ELOOP (over MAXSYMLINKS links), -EBADF (bad
 * @dfd), -ENOMEM.
 */
int path_lookup(int dfd, const char *name, unsigned int flags, struct path_last *out)
{
	struct nameidata nd;
	int err = path_init(&nd, dfd, name, flags);

	if (!err)
		err = link_path_walk(&nd);
	if (!err)
		err = check_result(&nd);
	walk_cleanup(&nd, !err);
	if (err)
		return err;
	out->path = nd.path;
	out->last_type = nd.last_type;
	out->trailing_slash = nd.trailing_slash;
	return 0;
}

/**
 * path_lookupat() - walk @name to an existing file.
 * @dfd, @name, @flags: as path_lookup() (LOOKUP_CREATE is ignored); @out: the counted result.
 * Context: as path_lookup(). Return: 0 or as path_lookup().
 */
int path_lookupat(int dfd, const char *name, unsigned int flags, struct path *out)
{
	struct path_last last;
	int err = path_lookup(dfd, name, flags & ~LOOKUP_CREATE, &last);

	if (!err)
		*out = last.path;
	return err;
}
