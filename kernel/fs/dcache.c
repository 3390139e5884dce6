/* dcache.c - the dentry cache: every name the VFS has looked up, found or not (DESIGN.md §7).
 *
 * What it is: a tree of dentries (d_parent, d_subdirs) plus a hash table on (parent, name),
 * so a path walk asks "is there a child NAME of this dentry?" in O(1) without calling the
 * filesystem. A dentry is positive (d_inode set) or negative (the name is known not to exist).
 *
 * Life of a dentry:
 *   d_alloc()  -> counted (d_count 1), linked under its parent, not yet findable;
 *   d_add()    -> positive or negative, hashed: d_lookup() finds it;
 *   dput() to 0 while hashed -> onto the LRU (nr_unused): cached, not in use;
 *   d_lookup() of an LRU dentry takes it back off the LRU;
 *   dcache_shrink() frees from the LRU's tail (the coldest), unhashed dentries are freed at
 *   their last dput(); freeing drops the inode reference (iput) and the parent's.
 * The LRU is also trimmed on every dput() beyond DCACHE_MAX_UNUSED entries, so negative
 * dentries from lookups of missing names cannot fill memory.
 *
 * Invariants: d_count == 0 exactly when DCACHE_LRU is set; a dentry on the LRU has no
 * children (each child holds a reference on its parent); children are kept in d_seq order,
 * which readdir uses as positions; only hashed dentries are in a bucket.
 * Locking: dcache_lock (LOCK_DCACHE) protects everything in the struct marked so in dcache.h,
 * the buckets, the LRU and the counters. It is never held while calling iput() or a
 * filesystem: freeing happens after unlocking, one dentry at a time.
 * See also: kernel/fs/pathname.c (the hash), kernel/fs/path_walk.c (the user),
 * kernel/fs/ramfs.c (pinned trees). Linux: fs/dcache.c (d_alloc, d_lookup, dput,
 * shrink_dentry_list, d_invalidate, d_move). */
#include "dcache.h"
#include "kmalloc.h"
#include "pathname.h"
#include "printk.h"
#include "slab.h"
#include "spinlock.h"
#include "string.h"
#include "vfs.h"
#include "uapi/errno.h"

#define DCACHE_BUCKETS		(1u << DCACHE_HASH_BITS)
#define DCACHE_MAX_UNUSED	4096	/* LRU length beyond which dput() trims it */
#define DCACHE_RETRY_SHRINK	64	/* freed before retrying a failed allocation */

static struct spinlock dcache_lock = SPINLOCK_INIT("dcache_lock", LOCK_DCACHE);
static struct kmem_cache *dentry_cache;
/* Protected by dcache_lock: */
static struct list_head dentry_hashtable[DCACHE_BUCKETS];
static struct list_head dentry_lru = LIST_HEAD_INIT(dentry_lru);	/* head: most recent */
static uint64_t next_seq = 2;	/* readdir positions 0 and 1 are "." and ".." */
size_t nr_dentry;
size_t nr_unused;

/**
 * dcache_init() - create the "dentry" slab cache and the empty hash table.
 * Context: boot, from vfs_init(). Return: nothing; panics only if the cache cannot be made.
 */
void dcache_init(void)
{
	dentry_cache = kmem_cache_create("dentry", sizeof(struct dentry), 8);
	if (!dentry_cache)
		panic("dcache: cannot create the dentry cache");
	for (size_t i = 0; i < DCACHE_BUCKETS; i++)
		list_init(&dentry_hashtable[i]);
}

static struct list_head *bucket_of(const struct dentry *parent, uint32_t hash)
{
	return &dentry_hashtable[dcache_bucket(parent, hash, DCACHE_HASH_BITS)];
}

/* dentry_new() - a zeroed, unlinked dentry named @name; NULL if out of memory. */
static struct dentry *dentry_new(const char *name, size_t len)
{
	struct dentry *d = kmem_cache_zalloc(dentry_cache);
	char *copy;

	if (!d)
		return NULL;
	copy = d->d_iname;
	if (len >= DNAME_INLINE_LEN && !(copy = kmalloc(len + 1))) {
		kmem_cache_free(dentry_cache, d);
		return NULL;
	}
	memcpy(copy, name, len);
	copy[len] = '\0';
	d->d_name = (struct qstr){ copy, (uint32_t)len, pathname_hash(name, len) };
	d->d_count = 1;
	list_init(&d->d_hash);
	list_init(&d->d_child);
	list_init(&d->d_subdirs);
	list_init(&d->d_lru);
	return d;
}

/* dentry_new_retry() - dentry_new(), shrinking the cache once if memory is short. */
static struct dentry *dentry_new_retry(const char *name, size_t len)
{
	struct dentry *d = dentry_new(name, len);

	if (!d && dcache_shrink(DCACHE_RETRY_SHRINK) > 0)
		d = dentry_new(name, len);
	return d;
}

/* d_free() - give back a dentry already unlinked from everything, and its inode reference. */
static void d_free(struct dentry *d)
{
	if (d->d_inode)
		iput(d->d_inode);
	if (d->d_name.name != d->d_iname)
		kfree((void *)d->d_name.name);
	kmem_cache_free(dentry_cache, d);
}

/**
 * d_alloc() - a new child @name of @parent, counted, not yet hashed (d_add() makes it
 * findable).
 * @parent: the directory's dentry; the child takes a reference on it.
 * @name: the component (not NUL-terminated); @len: its length, at most NAME_MAX.
 *
 * Context: no spinlock held. Return: the dentry, or NULL if out of memory.
 */
struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *d = dentry_new_retry(name, len);

	if (!d)
		return NULL;
	d->d_sb = parent->d_sb;
	d->d_op = parent->d_op;
	spin_lock(&dcache_lock);
	parent->d_count++;
	d->d_parent = parent;
	d->d_seq = next_seq++;
	list_add_tail(&d->d_child, &parent->d_subdirs);
	nr_dentry++;
	spin_unlock(&dcache_lock);
	return d;
}

/**
 * d_alloc_root() - the root dentry of a new superblock, positive, its own parent.
 * @sb: the superblock; @root_inode: its root directory (the reference passes to the dentry).
 *
 * Context: no spinlock held. Return: the dentry (d_count 1: the superblock's), or NULL.
 */
struct dentry *d_alloc_root(struct super_block *sb, struct inode *root_inode)
{
	struct dentry *d = dentry_new_retry("/", 1);

	if (!d)
		return NULL;
	d->d_sb = sb;
	d->d_parent = d;
	d->d_inode = root_inode;
	spin_lock(&dcache_lock);
	d->d_seq = next_seq++;
	nr_dentry++;
	spin_unlock(&dcache_lock);
	return d;
}

/* dget_locked() - take a reference, reviving an LRU dentry. */
static struct dentry *dget_locked(struct dentry *d)
{
	assert_held(&dcache_lock);
	if (d->d_flags & DCACHE_LRU) {
		list_del(&d->d_lru);
		d->d_flags &= ~DCACHE_LRU;
		nr_unused--;
	}
	d->d_count++;
	return d;
}

/**
 * d_lookup() - find the hashed child @name of @parent.
 * @parent: the directory's dentry; @name, @len: the component.
 *
 * Context: no spinlock held. Return: the dentry, counted (positive or negative), or NULL if
 * the dcache does not know the name (then only the filesystem can tell).
 */
struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len)
{
	uint32_t hash = pathname_hash(name, len);
	struct list_head *bucket = bucket_of(parent, hash);
	struct dentry *d, *found = NULL;

	spin_lock(&dcache_lock);
	list_for_each_entry(d, bucket, d_hash) {
		if (d->d_parent == parent && d->d_name.hash == hash && d->d_name.len == len &&
		    memcmp(d->d_name.name, name, len) == 0) {
			found = dget_locked(d);
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return found;
}

static void d_hash_locked(struct dentry *d)
{
	assert_held(&dcache_lock);
	list_add(&d->d_hash, bucket_of(d->d_parent, d->d_name.hash));
	d->d_flags |= DCACHE_HASHED;
}

static void d_unhash_locked(struct dentry *d)
{
	assert_held(&dcache_lock);
	if (d->d_flags & DCACHE_HASHED) {
		list_del(&d->d_hash);
		d->d_flags &= ~DCACHE_HASHED;
	}
}

/**
 * d_add() - give a new dentry its inode (or none: negative) and make it findable.
 * @d: from d_alloc(), not hashed; @inode: NULL or a reference that passes to @d.
 *
 * Context: no spinlock held. Return: nothing.
 */
void d_add(struct dentry *d, struct inode *inode)
{
	spin_lock(&dcache_lock);
	d->d_inode = inode;
	d_hash_locked(d);
	spin_unlock(&dcache_lock);
}

/**
 * d_add_unique() - d_add(), unless another lookup of the same name got there first.
 * @d: from d_alloc(), not hashed; @inode: NULL or a reference that passes to @d.
 *
 * For filesystems that look names up without vfs_dir_lock (procfs: its lookups take process
 * locks, which come before it): two walks may look up one name at once, and only one dentry
 * may be hashed under it.
 * Context: no spinlock held. Return: NULL if @d was added; else the dentry already hashed
 * there, counted - the caller uses it and dput()s @d (which now holds @inode, unhashed).
 */
struct dentry *d_add_unique(struct dentry *d, struct inode *inode)
{
	struct list_head *bucket = bucket_of(d->d_parent, d->d_name.hash);
	struct dentry *other;

	spin_lock(&dcache_lock);
	d->d_inode = inode;
	list_for_each_entry(other, bucket, d_hash) {
		if (other->d_parent == d->d_parent && other->d_name.hash == d->d_name.hash &&
		    other->d_name.len == d->d_name.len &&
		    memcmp(other->d_name.name, d->d_name.name, d->d_name.len) == 0) {
			dget_locked(other);
			spin_unlock(&dcache_lock);
			return other;
		}
	}
	d_hash_locked(d);
	spin_unlock(&dcache_lock);
	return NULL;
}

/**
 * d_instantiate() - turn a negative dentry positive (a file was created under its name).
 * @d: negative; @inode: a reference that passes to @d.
 * Context: vfs_dir_lock held (the name cannot change meanwhile). Return: nothing.
 */
void d_instantiate(struct dentry *d, struct inode *inode)
{
	spin_lock(&dcache_lock);
	d->d_inode = inode;
	spin_unlock(&dcache_lock);
}

/**
 * d_pin() / d_unpin() - take or drop the extra reference that keeps a ramfs name cached.
 * @d: a positive dentry the caller holds.
 * Context: vfs_dir_lock held. Return: nothing.
 */
void d_pin(struct dentry *d)
{
	spin_lock(&dcache_lock);
	if (!(d->d_flags & DCACHE_PINNED)) {
		d->d_flags |= DCACHE_PINNED;
		d->d_count++;
	}
	spin_unlock(&dcache_lock);
}

void d_unpin(struct dentry *d)
{
	spin_lock(&dcache_lock);
	if (d->d_flags & DCACHE_PINNED) {
		d->d_flags &= ~DCACHE_PINNED;
		d->d_count--;	/* the caller's reference keeps it above 0 */
	}
	spin_unlock(&dcache_lock);
}

/**
 * d_delete() - the name @d was removed (unlink, rmdir): forget it.
 * @d: a positive dentry the caller holds.
 *
 * If nobody else uses @d it becomes negative in place (a later lookup of the name hits it);
 * otherwise it is unhashed, and whoever holds it (an open file, a cwd) keeps the inode.
 * Context: vfs_dir_lock held. Return: nothing.
 */
void d_delete(struct dentry *d)
{
	struct inode *inode = NULL;

	spin_lock(&dcache_lock);
	if (d->d_count == 1) {
		inode = d->d_inode;
		d->d_inode = NULL;
	} else {
		d_unhash_locked(d);
	}
	spin_unlock(&dcache_lock);
	if (inode)
		iput(inode);
}

/**
 * d_drop() - unhash @d: lookups no longer find it; it is freed at its last dput().
 * Context: no spinlock held. Return: nothing.
 */
void d_drop(struct dentry *d)
{
	spin_lock(&dcache_lock);
	d_unhash_locked(d);
	spin_unlock(&dcache_lock);
}

/* d_walk_next() - the dentry after @d in a pre-order walk of @root's subtree, or NULL. */
static struct dentry *d_walk_next(struct dentry *d, struct dentry *root)
{
	assert_held(&dcache_lock);
	if (!list_empty(&d->d_subdirs))
		return list_first_entry(&d->d_subdirs, struct dentry, d_child);
	while (d != root) {
		if (d->d_child.next != &d->d_parent->d_subdirs)
			return list_entry(d->d_child.next, struct dentry, d_child);
		d = d->d_parent;
	}
	return NULL;
}

/* take_unused_in() - an LRU dentry of @root's subtree, taken off the LRU and counted. */
static struct dentry *take_unused_in(struct dentry *root)
{
	struct dentry *found = NULL;

	spin_lock(&dcache_lock);
	for (struct dentry *d = root; d && !found; d = d_walk_next(d, root))
		if (d->d_flags & DCACHE_LRU)
			found = dget_locked(d);
	spin_unlock(&dcache_lock);
	return found;
}

/**
 * d_invalidate() - make @d and everything below it unfindable, and free what is unused.
 * @d: a dentry the caller holds (procfs: a reaped /proc/<pid>; rmdir: the removed directory).
 *
 * 1. Unhash the whole subtree, so no new lookup can find any of it.
 * 2. Free every unused dentry in it: each dput() of an unhashed dentry frees it and, if that
 *    was its parent's last reference, the parent too. Dentries still in use (an open file)
 *    stay until their last dput().
 * Context: no spinlock held. Return: nothing.
 */
void d_invalidate(struct dentry *d)
{
	struct dentry *unused;

	spin_lock(&dcache_lock);
	for (struct dentry *c = d; c; c = d_walk_next(c, d))
		d_unhash_locked(c);
	spin_unlock(&dcache_lock);
	while ((unused = take_unused_in(d)))
		dput(unused);
}

/**
 * d_move() - rename: @d takes the place and name of @target.
 * @d: the dentry being renamed (positive, hashed); @new_parent: the new directory's dentry;
 * @target: the dentry of the new name (negative, or the positive one being replaced, which
 * the caller has already unlinked); it is unhashed here.
 *
 * @d gets a new d_seq (it appears at the end of a readdir of its new directory).
 * Context: vfs_dir_lock held. Return: 0, or -ENOMEM (nothing changed).
 */
int d_move(struct dentry *d, struct dentry *new_parent, struct dentry *target)
{
	size_t len = target->d_name.len;
	char *name = d->d_iname, *old_name = (char *)d->d_name.name;
	struct dentry *old_parent = d->d_parent;

	if (len >= DNAME_INLINE_LEN && !(name = kmalloc(len + 1)))
		return -ENOMEM;
	spin_lock(&dcache_lock);
	d_unhash_locked(target);
	d_unhash_locked(d);
	memmove(name, target->d_name.name, len);
	name[len] = '\0';
	d->d_name = (struct qstr){ name, (uint32_t)len, target->d_name.hash };
	list_del(&d->d_child);
	new_parent->d_count++;
	d->d_parent = new_parent;
	d->d_seq = next_seq++;
	list_add_tail(&d->d_child, &new_parent->d_subdirs);
	d_hash_locked(d);
	spin_unlock(&dcache_lock);
	if (old_name != d->d_iname && old_name != name)
		kfree(old_name);
	dput(old_parent);
	return 0;
}

/**
 * dget() - take another reference on @d (NULL is passed through).
 * Context: no spinlock held. Return: @d.
 */
struct dentry *dget(struct dentry *d)
{
	if (d) {
		spin_lock(&dcache_lock);
		dget_locked(d);
		spin_unlock(&dcache_lock);
	}
	return d;
}

/**
 * dget_parent() - a reference on @d's parent (the root is its own parent).
 * Context: no spinlock held. Return: the parent, counted.
 */
struct dentry *dget_parent(struct dentry *d)
{
	struct dentry *parent;

	spin_lock(&dcache_lock);
	parent = dget_locked(d->d_parent);
	spin_unlock(&dcache_lock);
	return parent;
}

/* lru_add_locked() - @d's count reached 0 while hashed: keep it cached, most recent first. */
static void lru_add_locked(struct dentry *d)
{
	assert_held(&dcache_lock);
	d->d_flags |= DCACHE_LRU;
	list_add(&d->d_lru, &dentry_lru);
	nr_unused++;
}

/* d_detach_locked() - unlink an unused @d from the cache; its parent (still counted by @d),
 * or NULL for a root. The caller then frees @d and drops the parent reference. */
static struct dentry *d_detach_locked(struct dentry *d)
{
	struct dentry *parent = d->d_parent == d ? NULL : d->d_parent;

	assert_held(&dcache_lock);
	d_unhash_locked(d);
	if (d->d_flags & DCACHE_LRU) {
		list_del(&d->d_lru);
		d->d_flags &= ~DCACHE_LRU;
		nr_unused--;
	}
	list_del(&d->d_child);
	nr_dentry--;
	return parent;
}

/**
 * dput() - drop a reference on @d (NULL is ignored).
 *
 * At the last reference a hashed dentry goes on the LRU (it stays cached); an unhashed one is
 * freed, and so, in turn, is each ancestor whose last reference was its child's (a loop, not
 * recursion: trees are deep). Trims the LRU if it grew beyond DCACHE_MAX_UNUSED.
 * Context: no spinlock held; does not sleep. Return: nothing.
 */
void dput(struct dentry *d)
{
	while (d) {
		struct dentry *parent;

		spin_lock(&dcache_lock);
		if (--d->d_count > 0) {
			spin_unlock(&dcache_lock);
			return;
		}
		if (d->d_flags & DCACHE_HASHED) {
			lru_add_locked(d);
			spin_unlock(&dcache_lock);
			if (READ_ONCE(nr_unused) > DCACHE_MAX_UNUSED)
				dcache_shrink(READ_ONCE(nr_unused) - DCACHE_MAX_UNUSED);
			return;
		}
		parent = d_detach_locked(d);
		spin_unlock(&dcache_lock);
		d_free(d);
		d = parent;
	}
}

/**
 * dcache_shrink() - free up to @nr unused dentries, coldest first (the shrinker).
 *
 * Each freed dentry drops its inode and its parent reference; a parent left unused joins the
 * LRU and may be freed by the same call. Dentries in use are never touched.
 * Context: no spinlock held. Return: how many were freed.
 */
size_t dcache_shrink(size_t nr)
{
	size_t freed = 0;

	while (freed < nr) {
		struct dentry *d, *parent;

		spin_lock(&dcache_lock);
		if (list_empty(&dentry_lru)) {
			spin_unlock(&dcache_lock);
			break;
		}
		d = list_entry(dentry_lru.prev, struct dentry, d_lru);
		parent = d_detach_locked(d);
		spin_unlock(&dcache_lock);
		d_free(d);
		dput(parent);
		freed++;
	}
	return freed;
}

/**
 * dcache_kill_tree() - free a whole superblock's tree at its last unmount.
 * @root: the superblock's root dentry; the caller gives up the superblock's reference.
 *
 * Post-order, leaves first: each dentry may be referenced only by its pin and its children;
 * anything more means a user the unmount should have refused (EBUSY) - logged, and the
 * dentry is leaked rather than freed under its user.
 * Context: no spinlock held; the superblock is no longer mounted. Return: nothing.
 */
void dcache_kill_tree(struct dentry *root)
{
	struct dentry *d = root;

	spin_lock(&dcache_lock);
	while (d) {
		struct dentry *parent;
		int expected = (d->d_flags & DCACHE_PINNED) ? 1 : 0;

		if (!list_empty(&d->d_subdirs)) {
			d = list_first_entry(&d->d_subdirs, struct dentry, d_child);
			continue;
		}
		expected += d == root;	/* the superblock's reference */
		parent = d_detach_locked(d);
		if (d->d_count != expected)
			pr_err("dcache: dentry \"%s\" busy at unmount (%d refs), leaked\n",
			       d->d_name.name, d->d_count);
		if (parent && d != root)
			parent->d_count--;
		spin_unlock(&dcache_lock);
		if (d->d_count == expected)
			d_free(d);
		spin_lock(&dcache_lock);
		d = d == root ? NULL : parent;
	}
	spin_unlock(&dcache_lock);
}

/**
 * d_next_child() - readdir's step: the first positive child of @dir at position >= @seq.
 * @dir: a directory's dentry; @seq: a d_seq value (children are kept in d_seq order).
 * Context: no spinlock held. Return: the child, counted, or NULL when there are no more.
 */
struct dentry *d_next_child(struct dentry *dir, uint64_t seq)
{
	struct dentry *c, *found = NULL;

	spin_lock(&dcache_lock);
	list_for_each_entry(c, &dir->d_subdirs, d_child) {
		if (c->d_seq >= seq && c->d_inode && (c->d_flags & DCACHE_HASHED)) {
			found = dget_locked(c);
			break;
		}
	}
	spin_unlock(&dcache_lock);
	return found;
}

/**
 * d_has_positive_children() - does the directory @d still have a name in it (rmdir's
 * ENOTEMPTY)? Negative children do not count.
 * Context: no spinlock held. Return: true if a hashed positive child exists.
 */
bool d_has_positive_children(struct dentry *d)
{
	struct dentry *c;
	bool found = false;

	spin_lock(&dcache_lock);
	list_for_each_entry(c, &d->d_subdirs, d_child)
		if (c->d_inode && (c->d_flags & DCACHE_HASHED))
			found = true;
	spin_unlock(&dcache_lock);
	return found;
}

/* d_unhashed() - has @d been dropped (unlinked while in use, invalidated)? */
bool d_unhashed(struct dentry *d)
{
	return !(READ_ONCE(d->d_flags) & DCACHE_HASHED) && d->d_parent != d;
}

/* d_is_negative() - does @d name nothing? */
bool d_is_negative(struct dentry *d)
{
	return READ_ONCE(d->d_inode) == NULL;
}

/**
 * d_inode_get() - a reference on @d's inode, taken under the lock that protects d_inode.
 * Context: no spinlock held. Return: the inode, counted, or NULL if @d is negative.
 */
struct inode *d_inode_get(struct dentry *d)
{
	struct inode *inode;

	spin_lock(&dcache_lock);
	inode = d->d_inode ? igrab(d->d_inode) : NULL;
	spin_unlock(&dcache_lock);
	return inode;
}
