/* mount.c - the mount tree: mount(2), umount2(2), and crossing from one mount to another.
 *
 * Every mounted filesystem is a struct mount (mount.h) attached on a dentry of its parent
 * mount; the walker asks lookup_mnt() "what is mounted on this dentry of that mount?" when it
 * reaches a dentry whose d_mounted is non-zero. The root mount (a ramfs, from vfs_init) is its
 * own parent. There is one mount namespace: every process sees the same tree.
 *
 * mount(2) supports new ramfs and tmpfs mounts (other types: ENODEV; "proc" registers itself
 * later through get_fs_type()), bind mounts (MS_BIND, not recursive), MS_REMOUNT (the flags are
 * recorded), and the propagation changes MS_PRIVATE/MS_SLAVE/MS_SHARED/MS_UNBINDABLE (with or
 * without MS_REC), which are no-ops returning 0: with one mount namespace nothing propagates.
 * busybox `unshare --mount-proc` sends exactly that for "/". MS_MOVE gives EINVAL.
 * MS_RDONLY and the other per-mount flags are recorded, not enforced (TODO(rofs)).
 *
 * umount2(2): EINVAL if the path is not the root of a mount, EBUSY for the root mount, for a
 * mount with mounts below it, or one still in use (an open file, a cwd) - unless MNT_DETACH,
 * which detaches the mount and everything below it now and frees each when its last user
 * lets go.
 * Invariants: an attached mount holds one reference on itself (the tree's) and d_mounted of
 * its mountpoint counts it; a detached mount is freed at its last mntput(), which drops its
 * dentries, its parent and its superblock (killed when s_active reaches 0).
 * Locking: mount_lock (LOCK_MOUNT) protects mount_list, mnt_count, mnt_attached, s_active and
 * d_mounted; freeing happens outside it.
 * See also: kernel/include/mount.h, kernel/fs/path_walk.c (crossing), kernel/fs/super.c.
 * Linux: fs/namespace.c (do_mount, do_umount, lookup_mnt, mntput). */
#include "mount.h"
#include "dcache.h"
#include "err.h"
#include "kmalloc.h"
#include "namei.h"
#include "printk.h"
#include "spinlock.h"
#include "string.h"
#include "syscalls.h"
#include "uaccess.h"
#include "vfs.h"
#include "arch.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mount.h"
#include "uapi/stat.h"
#include "refcount.h"

#define MOUNT_FLAGS_KEPT	(MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | \
				 MS_NODIRATIME | MS_RELATIME | MS_STRICTATIME)

static struct spinlock mount_lock = SPINLOCK_INIT("mount_lock", LOCK_MOUNT);
static struct list_head mount_list = LIST_HEAD_INIT(mount_list);	/* attached mounts */

/* path_get() / path_put() - take or drop the references of a path (path_put clears it). */
void path_get(const struct path *p)
{
	mntget(p->mnt);
	dget(p->dentry);
}

void path_put(struct path *p)
{
	dput(p->dentry);
	mntput(p->mnt);
	p->dentry = NULL;
	p->mnt = NULL;
}

/* path_equal() - the same place: same mount and same dentry. */
bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

/**
 * mntget() - take a reference on @m (NULL passes through).
 * Context: mount_lock not held. Return: @m.
 */
struct mount *mntget(struct mount *m)
{
	if (m) {
		spin_lock(&mount_lock);
		ref_get(&m->mnt_count, "mount");
		spin_unlock(&mount_lock);
	}
	return m;
}

/* deactivate_super() - a mount of @sb is gone; the last one kills the superblock. */
static void deactivate_super(struct super_block *sb)
{
	bool last;

	spin_lock(&mount_lock);
	last = --sb->s_active == 0;
	spin_unlock(&mount_lock);
	if (last)
		sb->s_type->kill_sb(sb);
}

/* mount_free() - the last reference to a detached mount is gone. */
static void mount_free(struct mount *m)
{
	struct mount *parent = m->mnt_parent;

	dput(m->mnt_root);
	dput(m->mnt_mountpoint);
	if (parent != m)
		mntput(parent);
	deactivate_super(m->mnt_sb);
	kfree(m->mnt_devname);
	kfree(m);
}

/**
 * mntput() - drop a reference on @m (NULL is ignored); the last one frees a detached mount.
 * Context: mount_lock not held; does not sleep. Return: nothing.
 */
void mntput(struct mount *m)
{
	bool last;

	if (!m)
		return;
	spin_lock(&mount_lock);
	last = ref_put(&m->mnt_count, "mount");
	spin_unlock(&mount_lock);
	if (last)
		mount_free(m);
}

/* mnt_has_parent() - is @m mounted on another mount (false for the root mount)? */
bool mnt_has_parent(const struct mount *m)
{
	return m->mnt_parent != m;
}

/**
 * lookup_mnt() - the mount attached on @mountpoint in @parent.
 * Context: mount_lock not held. Return: the mount, counted, or NULL if none.
 */
struct mount *lookup_mnt(struct mount *parent, struct dentry *mountpoint)
{
	struct mount *m, *found = NULL;

	spin_lock(&mount_lock);
	list_for_each_entry(m, &mount_list, mnt_list) {
		if (m->mnt_parent == parent && m->mnt_mountpoint == mountpoint && m != parent) {
			found = m;
			ref_get(&found->mnt_count, "mount");
			break;
		}
	}
	spin_unlock(&mount_lock);
	return found;
}

/* mount_alloc() - an unattached mount of @sb's tree at @root (both references passed in). */
static struct mount *mount_alloc(struct super_block *sb, struct dentry *root, const char *dev)
{
	struct mount *m = kzalloc(sizeof(*m));
	size_t len = strlen(dev);

	if (!m || !(m->mnt_devname = kmalloc(len + 1))) {
		kfree(m);
		return NULL;
	}
	memcpy(m->mnt_devname, dev, len + 1);
	m->mnt_sb = sb;
	m->mnt_root = root;
	m->mnt_count = 1;	/* the tree's reference, once attached */
	list_init(&m->mnt_list);
	return m;
}

/* mount_attach() - graft @m on @where; @m's parent and mountpoint references come from here. */
static void mount_attach(struct mount *m, const struct path *where)
{
	m->mnt_parent = where->mnt ? mntget(where->mnt) : m;
	m->mnt_mountpoint = dget(where->mnt ? where->dentry : m->mnt_root);
	spin_lock(&mount_lock);
	if (where->mnt)
		where->dentry->d_mounted++;
	m->mnt_attached = true;
	list_add_tail(&m->mnt_list, &mount_list);
	spin_unlock(&mount_lock);
}

/* new_mount_of() - ask @fstype for a superblock and wrap it in an unattached mount. */
static struct mount *new_mount_of(const char *fstype, unsigned int flags, const char *source,
				  const char *data)
{
	struct file_system_type *type = get_fs_type(fstype);
	struct super_block *sb;
	struct mount *m;

	if (!type)
		return ERR_PTR(-ENODEV);
	sb = type->mount(type, flags, source, data);
	if (IS_ERR(sb))
		return (struct mount *)sb;
	m = mount_alloc(sb, dget(sb->s_root), source);
	if (!m) {
		deactivate_super(sb);
		return ERR_PTR(-ENOMEM);
	}
	m->mnt_flags = flags & MOUNT_FLAGS_KEPT;
	return m;
}

/**
 * kern_mount() - a mount of @sb that is in no tree: what an internal filesystem (nsfs) gives
 * its files, so they have a {mount, dentry} like any other (Linux: kern_mount).
 * @sb: a superblock with its root (the reference passes to the mount); @name: for dumps.
 * Context: boot. Return: the mount, or NULL if out of memory.
 */
struct mount *kern_mount(struct super_block *sb, const char *name)
{
	struct mount *m = mount_alloc(sb, dget(sb->s_root), name);

	if (m)
		m->mnt_parent = m;	/* its own parent: no path climbs out of it */
	return m;
}

/**
 * mount_root() - mount a new @fstype as the root of the name tree (vfs_init).
 * @fstype: "ramfs"; @root: set to the root path, counted.
 * Context: boot. Return: 0 or -errno.
 */
int mount_root(const char *fstype, struct path *root)
{
	struct path none = { NULL, NULL };
	struct mount *m = new_mount_of(fstype, 0, "rootfs", NULL);

	if (IS_ERR(m))
		return (int)PTR_ERR(m);
	mount_attach(m, &none);
	root->mnt = mntget(m);
	root->dentry = dget(m->mnt_root);
	return 0;
}

/* graft() - attach @m on @target, unless the target is no longer a directory in the tree. */
static int graft(struct mount *m, const struct path *target)
{
	struct inode *inode = target->dentry->d_inode;

	if (d_unhashed(target->dentry) || inode->i_nlink == 0) {
		mntput(m);
		return -ENOENT;
	}
	mount_attach(m, target);
	return 0;
}

/* do_new_mount() - mount a new filesystem of @fstype on @target. */
static int do_new_mount(const struct path *target, const char *fstype, unsigned int flags,
			const char *source, const char *data)
{
	struct mount *m;

	if (!fstype)
		return -EINVAL;
	if (!S_ISDIR(inode_mode(target->dentry->d_inode)))
		return -ENOTDIR;
	m = new_mount_of(fstype, flags, source ? source : "none", data);
	if (IS_ERR(m))
		return (int)PTR_ERR(m);
	return graft(m, target);
}

/* do_bind_mount() - make the tree at @source visible at @target too (MS_BIND). */
static int do_bind_mount(const struct path *target, const char *source)
{
	struct path src;
	struct mount *m;
	int err = source ? path_lookupat(AT_FDCWD, source, LOOKUP_FOLLOW, &src) : -EFAULT;

	if (err)
		return err;
	if (S_ISDIR(inode_mode(src.dentry->d_inode)) !=
	    S_ISDIR(inode_mode(target->dentry->d_inode))) {
		path_put(&src);
		return -ENOTDIR;
	}
	m = mount_alloc(src.mnt->mnt_sb, src.dentry, source);
	if (!m) {
		path_put(&src);
		return -ENOMEM;
	}
	spin_lock(&mount_lock);
	src.mnt->mnt_sb->s_active++;	/* the new mount's; dropped by mount_free() */
	spin_unlock(&mount_lock);
	mntput(src.mnt);		/* the dentry reference passed to the mount */
	return graft(m, target);
}

/**
 * do_mount() - mount(2) with kernel strings.
 * @source: the device or bind source (may be NULL); @target: where; @fstype: "ramfs",
 * "tmpfs" (NULL for MS_BIND, MS_REMOUNT, propagation changes); @flags: MS_*; @data: options,
 * ignored (may be NULL).
 *
 * Context: a thread; no spinlock held.
 * Return: 0, -ENOENT/-ENOTDIR/-ELOOP... (target lookup), -ENODEV (unknown type), -EINVAL
 * (not a mount root for MS_REMOUNT or propagation, MS_MOVE, no type), -ENOMEM.
 */
int do_mount(const char *source, const char *target, const char *fstype, unsigned int flags,
	     const char *data)
{
	struct path where;
	int err;

	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	err = path_lookupat(AT_FDCWD, target, LOOKUP_FOLLOW, &where);
	if (err)
		return err;
	if (flags & (MS_REMOUNT | MS_PROPAGATION))
		err = where.dentry == where.mnt->mnt_root ? 0 : -EINVAL;
	else if (flags & MS_MOVE)
		err = -EINVAL;
	else if (flags & MS_BIND)
		err = do_bind_mount(&where, source);
	else
		err = do_new_mount(&where, fstype, flags, source, data);
	if (!err && (flags & MS_REMOUNT) && !(flags & MS_BIND))
		where.mnt->mnt_flags = flags & MOUNT_FLAGS_KEPT;
	path_put(&where);
	return err;
}

/* has_children_locked() - is anything mounted on a dentry of @m? */
static bool has_children_locked(struct mount *m)
{
	struct mount *c;

	assert_held(&mount_lock);
	list_for_each_entry(c, &mount_list, mnt_list)
		if (c->mnt_parent == m && c != m)
			return true;
	return false;
}

/* first_child() - a mount attached on @m, taken off the list (its tree reference now ours). */
static struct mount *detach_one_child(struct mount *m)
{
	struct mount *c;

	spin_lock(&mount_lock);
	list_for_each_entry(c, &mount_list, mnt_list) {
		if (c->mnt_parent == m && c != m) {
			list_del(&c->mnt_list);
			c->mnt_attached = false;
			c->mnt_mountpoint->d_mounted--;
			spin_unlock(&mount_lock);
			return c;
		}
	}
	spin_unlock(&mount_lock);
	return NULL;
}

/* umount_tree() - detach @m (already off the list) and everything below it; drop the tree's
 * references. Recursion depth = nesting of mounts, which users cannot make deep cheaply. */
static void umount_tree(struct mount *m)
{
	struct mount *c;

	while ((c = detach_one_child(m)))
		umount_tree(c);
	mntput(m);
}

/**
 * do_umount() - umount2(2) with a kernel string.
 * @target: a mount's root directory; @flags: MNT_DETACH, MNT_FORCE, UMOUNT_NOFOLLOW.
 *
 * Context: a thread; no spinlock held.
 * Return: 0, a lookup errno, -EINVAL (not a mount root), -EBUSY (in use, has mounts below,
 * the root mount).
 */
int do_umount(const char *target, unsigned int flags)
{
	unsigned int lookup = (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	struct path p;
	struct mount *m;
	int err = path_lookupat(AT_FDCWD, target, lookup, &p);

	if (err)
		return err;
	m = p.mnt;
	spin_lock(&mount_lock);
	if (p.dentry != m->mnt_root || !m->mnt_attached)
		err = -EINVAL;
	else if (!mnt_has_parent(m))
		err = -EBUSY;
	else if (!(flags & MNT_DETACH) && (m->mnt_count > 2 || has_children_locked(m)))
		err = -EBUSY;	/* 2: the tree's reference and our lookup's */
	if (!err) {
		list_del(&m->mnt_list);
		m->mnt_attached = false;
		m->mnt_mountpoint->d_mounted--;
	}
	spin_unlock(&mount_lock);
	if (!err)
		umount_tree(m);
	path_put(&p);
	return err;
}

/* mount_count() - attached mounts, for the self-tests. */
int mount_count(void)
{
	struct mount *m;
	int n = 0;

	spin_lock(&mount_lock);
	list_for_each_entry(m, &mount_list, mnt_list)
		n++;
	spin_unlock(&mount_lock);
	return n;
}

/**
 * mount_for_each() - call @fn on every attached mount, in mount order (/proc/mounts).
 * @fn: called with mount_lock HELD: it must not sleep, take a lock at or below LOCK_MOUNT,
 *      or change the mount; it may read the mount's immutable fields (parent, mountpoint,
 *      root, superblock, devname, flags) and walk names under vfs_dir_lock (d_path(), whose
 *      level is above mount_lock's). @arg: passed through.
 *
 * The lock keeps every mount on the list attached, and so its parent and mountpoint valid,
 * for the whole walk: a reader sees one consistent tree. (Linux walks the mount namespace's
 * list under namespace_sem instead: fs/proc_namespace.c, m_start.)
 * Context: no spinlock held. Return: nothing.
 */
void mount_for_each(void (*fn)(struct mount *m, void *arg), void *arg)
{
	struct mount *m;

	spin_lock(&mount_lock);
	list_for_each_entry(m, &mount_list, mnt_list)
		fn(m, arg);
	spin_unlock(&mount_lock);
}

/* copy_mount_string() - a user string of at most one page into a kmalloc'd buffer; NULL
 * address -> NULL string. Return: 0 or -errno (*out set on success). */
static int copy_mount_string(uaddr_t ustr, char **out)
{
	long len;

	*out = NULL;
	if (!ustr)
		return 0;
	*out = kmalloc(PAGE_SIZE);
	if (!*out)
		return -ENOMEM;
	len = strncpy_from_user(*out, ustr, PAGE_SIZE);
	if (len < 0) {
		kfree(*out);
		*out = NULL;
		return len == -ENAMETOOLONG ? -EINVAL : (int)len;
	}
	return 0;
}

/* mount(source, target, fstype, flags, data) */
long sys_mount(const struct syscall_args *a)
{
	char *source = NULL, *fstype = NULL, *data = NULL;
	char *target = getname(a->arg[1]);
	long err;

	if (IS_ERR(target))
		return PTR_ERR(target);
	err = copy_mount_string(a->arg[0], &source);
	if (!err)
		err = copy_mount_string(a->arg[2], &fstype);
	if (!err)
		err = copy_mount_string(a->arg[4], &data);
	if (!err)
		err = do_mount(source, target, fstype, (unsigned int)a->arg[3], data);
	kfree(source);
	kfree(fstype);
	kfree(data);
	putname(target);
	return err;
}

/* umount2(target, flags) */
long sys_umount2(const struct syscall_args *a)
{
	unsigned int flags = (unsigned int)a->arg[1];
	char *target;
	long err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
		return -EINVAL;
	target = getname(a->arg[0]);
	if (IS_ERR(target))
		return PTR_ERR(target);
	err = do_umount(target, flags);
	putname(target);
	return err;
}
