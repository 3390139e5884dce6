/* fs_struct.c - a process's root, cwd and umask, and turning a path back into a string.
 *
 * Each process points at a struct fs_struct (fs_struct.h); relative paths start at its pwd,
 * absolute paths and ".." stop at its root. The first process gets a fresh one whose root and
 * cwd are the root of the name tree (fs_struct_create); fork copies it (fs_struct_copy) and
 * CLONE_FS shares it. Kernel threads, which have no process, use init_fs: the same root.
 *
 * d_path() is the inverse of a walk: from a {mount, dentry} up through d_parent and out of
 * mounts through their mountpoints until the root, prepending each name into the end of the
 * buffer. getcwd(2) and, later, /proc/<pid>/cwd and /proc/mounts use it.
 * Invariants: root and pwd always hold references on their mount and dentry.
 * Locking: fs->lock (LOCK_FS_STRUCT) around root/pwd/umask; d_path() holds vfs_dir_lock so no
 * rename can move a dentry while its names are read.
 * See also: kernel/fs/path_walk.c, kernel/fs/open.c (chdir, getcwd, umask).
 * Linux: fs/fs_struct.c, fs/d_path.c. */
#include "fs_struct.h"
#include "dcache.h"
#include "namei.h"
#include "panic.h"
#include "process.h"
#include "sched.h"
#include "slab.h"
#include "string.h"
#include "uapi/errno.h"

#define FS_DEFAULT_UMASK	022

struct fs_struct init_fs = {
	.lock = SPINLOCK_INIT("init_fs.lock", LOCK_FS_STRUCT),
	.users = 1,
	.umask = FS_DEFAULT_UMASK,
};

static struct kmem_cache *fs_cache;

/* fs_struct_cache_init() - the "fs_cache" slab cache (vfs_init). */
void fs_struct_cache_init(void)
{
	fs_cache = kmem_cache_create("fs_cache", sizeof(struct fs_struct), 8);
	if (!fs_cache)
		panic("vfs: cannot create fs_cache");
}

/**
 * fs_struct_init_root() - make @root the root and cwd of init_fs (vfs_init).
 * Context: boot. Return: nothing.
 */
void fs_struct_init_root(const struct path *root)
{
	init_fs.root = *root;
	init_fs.pwd = *root;
	path_get(&init_fs.root);
	path_get(&init_fs.pwd);
}

/* fs_alloc() - a counted fs_struct with copies of @root, @pwd and @umask. */
static struct fs_struct *fs_alloc(const struct path *root, const struct path *pwd,
				  unsigned int umask)
{
	struct fs_struct *fs = kmem_cache_zalloc(fs_cache);

	if (!fs)
		return NULL;
	spin_init(&fs->lock, "fs_struct.lock", LOCK_FS_STRUCT);
	fs->users = 1;
	fs->root = *root;
	fs->pwd = *pwd;
	fs->umask = umask;
	return fs;
}

/**
 * fs_struct_create() - the fs_struct of the first process: root and cwd "/", umask 022.
 * Context: a thread; no spinlock held. Return: it, or NULL if out of memory.
 */
struct fs_struct *fs_struct_create(void)
{
	return fs_struct_copy(&init_fs);
}

/**
 * fs_struct_copy() - a new fs_struct with @old's root, cwd and umask (fork without CLONE_FS).
 * Context: no spinlock held. Return: it, or NULL if out of memory.
 */
struct fs_struct *fs_struct_copy(struct fs_struct *old)
{
	struct path root, pwd;
	struct fs_struct *fs;

	fs_get_root(old, &root);
	fs_get_pwd(old, &pwd);
	fs = fs_alloc(&root, &pwd, fs_umask(old));
	if (!fs) {
		path_put(&root);
		path_put(&pwd);
	}
	return fs;
}

/**
 * fs_struct_put() - drop a process's use of @fs (NULL ignored); the last frees it.
 * Context: no spinlock held. Return: nothing.
 */
void fs_struct_put(struct fs_struct *fs)
{
	bool last;

	if (!fs)
		return;
	spin_lock(&fs->lock);
	last = --fs->users == 0;
	spin_unlock(&fs->lock);
	if (!last || fs == &init_fs)
		return;
	path_put(&fs->root);
	path_put(&fs->pwd);
	kmem_cache_free(fs_cache, fs);
}

/**
 * current_fs() - the fs_struct paths are resolved against: the current process's, or
 * init_fs for a kernel thread.
 * Context: a thread. Return: never NULL.
 */
struct fs_struct *current_fs(void)
{
	struct thread *t = sched_current();

	if (t && t->proc && t->proc->fs)
		return t->proc->fs;
	return &init_fs;
}

/* fs_get_root() / fs_get_pwd() - counted copies of @fs's root / cwd. */
void fs_get_root(struct fs_struct *fs, struct path *out)
{
	spin_lock(&fs->lock);
	*out = fs->root;
	path_get(out);
	spin_unlock(&fs->lock);
}

void fs_get_pwd(struct fs_struct *fs, struct path *out)
{
	spin_lock(&fs->lock);
	*out = fs->pwd;
	path_get(out);
	spin_unlock(&fs->lock);
}

/**
 * fs_set_pwd() - make @pwd the cwd of @fs (chdir, fchdir).
 * @pwd: a directory; the function takes its own references.
 * Context: no spinlock held. Return: nothing.
 */
void fs_set_pwd(struct fs_struct *fs, const struct path *pwd)
{
	struct path old;

	path_get(pwd);
	spin_lock(&fs->lock);
	old = fs->pwd;
	fs->pwd = *pwd;
	spin_unlock(&fs->lock);
	path_put(&old);
}

/* fs_umask() - the umask of @fs. */
unsigned int fs_umask(struct fs_struct *fs)
{
	return READ_ONCE(fs->umask);
}

/* fs_set_umask() - set the umask (& 0777) and return the old one, as umask(2). */
unsigned int fs_set_umask(struct fs_struct *fs, unsigned int mask)
{
	unsigned int old;

	spin_lock(&fs->lock);
	old = fs->umask;
	fs->umask = mask & 0777;
	spin_unlock(&fs->lock);
	return old;
}

/* prepend() - put @len bytes of @s before *@end, if they fit after @buf. */
static bool prepend(char **end, const char *buf, const char *s, size_t len)
{
	if ((size_t)(*end - buf) < len)
		return false;
	*end -= len;
	memcpy(*end, s, len);
	return true;
}

/* prepend_path() - the names from @path up to @root (or the tree's root) before *@end. */
static bool prepend_path(const struct path *path, const struct path *root, char **end,
			 const char *buf)
{
	struct path p = *path;
	bool any = false;

	while (!path_equal(&p, root)) {
		if (p.dentry == p.mnt->mnt_root) {
			if (!mnt_has_parent(p.mnt))
				break;
			p = (struct path){ p.mnt->mnt_parent, p.mnt->mnt_mountpoint };
			continue;
		}
		if (!prepend(end, buf, p.dentry->d_name.name, p.dentry->d_name.len) ||
		    !prepend(end, buf, "/", 1))
			return false;
		any = true;
		p.dentry = p.dentry->d_parent;
	}
	return any || prepend(end, buf, "/", 1);
}

/**
 * d_path() - the absolute name of @path as seen from @root, into @buf.
 * @path: where; @root: the caller's root; @buf, @size: the output, NUL-terminated.
 *
 * Context: no spinlock held. Return: the length including the NUL, or -ERANGE if @size is
 * too small.
 */
int d_path(const struct path *path, const struct path *root, char *buf, size_t size)
{
	char *end = buf + size;
	bool ok;

	if (size == 0)
		return -ERANGE;
	*--end = '\0';
	spin_lock(&vfs_dir_lock);
	ok = prepend_path(path, root, &end, buf);
	spin_unlock(&vfs_dir_lock);
	if (!ok)
		return -ERANGE;
	memmove(buf, end, (size_t)(buf + size - end));
	return (int)(buf + size - end);
}
