/* dcache.h - the dentry cache: names of inodes, shared by every filesystem (DESIGN.md §7).
 *
 * A dentry is one name in one directory: (parent dentry, name) -> inode, or -> nothing (a
 * negative dentry: "this name does not exist", cached so a repeated failing lookup costs a
 * hash probe, not a filesystem call). Dentries form a tree through d_parent (each child holds
 * a reference on its parent) and d_subdirs/d_child; a hash table on (parent, name) finds a
 * child in O(1) (kernel/fs/pathname.c has the hash function).
 *
 * Reference counting: d_count counts users (walks, open files, cwd, mounts, children). At the
 * last dput() a dentry that is still hashed is not freed: it goes on the LRU list of unused
 * dentries, so the next lookup of the same name hits it. dcache_shrink() frees unused
 * dentries from the LRU's cold end; a dentry that is unhashed (d_drop) is freed at once.
 * ramfs keeps its whole tree in the dcache: its positive dentries are pinned (DCACHE_PINNED,
 * one extra reference) until unlink, so they never reach the LRU.
 *
 * Locking: dcache_lock (LOCK_DCACHE) protects the hash, the LRU, every d_count, d_inode,
 * d_flags and the d_subdirs/d_child lists; it is never held across a filesystem call.
 * See also: kernel/fs/dcache.c, kernel/fs/path_walk.c. Linux: include/linux/dcache.h. */
#ifndef REAPER_DCACHE_H
#define REAPER_DCACHE_H

#include "types.h"
#include "list.h"

#define DNAME_INLINE_LEN	40	/* names shorter than this live inside the dentry */

struct inode;
struct super_block;
struct dentry;

/* A name with its length and hash, computed once (Linux: struct qstr). */
struct qstr {
	const char *name;	/* not NUL-terminated in general */
	uint32_t len;
	uint32_t hash;		/* pathname_hash(name, len) */
};

/* Optional per-filesystem hooks (procfs: a pid that died is no longer valid). */
struct dentry_operations {
	/* d_revalidate() - false: the cached dentry is stale; the walk looks it up again. */
	bool (*d_revalidate)(struct dentry *d);
};

#define DCACHE_PINNED	(1u << 0)	/* holds one reference on itself: a ramfs name */
#define DCACHE_LRU	(1u << 1)	/* on the LRU list (d_count is 0) */
#define DCACHE_HASHED	(1u << 2)	/* findable by d_lookup() */

struct dentry {
	/* Immutable after d_alloc() (d_parent and d_name change only in d_move()): */
	struct dentry *d_parent;	/* counted; the root is its own parent */
	struct qstr d_name;		/* points at d_iname or at a kmalloc'd copy */
	struct super_block *d_sb;
	const struct dentry_operations *d_op;
	char d_iname[DNAME_INLINE_LEN];

	/* Protected by dcache_lock: */
	struct inode *d_inode;		/* counted; NULL for a negative dentry */
	int d_count;			/* references; 0 only while on the LRU */
	unsigned int d_flags;		/* DCACHE_* */
	int d_mounted;			/* mounts on it; protected by mount_lock instead */
	uint64_t d_seq;			/* order among its siblings (readdir positions) */
	struct list_head d_hash;	/* in its hash bucket while DCACHE_HASHED */
	struct list_head d_child;	/* on d_parent->d_subdirs */
	struct list_head d_subdirs;	/* children, oldest first */
	struct list_head d_lru;		/* on the LRU while DCACHE_LRU */
	void *d_fsdata;			/* the filesystem's */
};

void dcache_init(void);
struct dentry *d_alloc(struct dentry *parent, const char *name, size_t len);
struct dentry *d_alloc_root(struct super_block *sb, struct inode *root_inode);
struct dentry *d_lookup(struct dentry *parent, const char *name, size_t len);
void d_add(struct dentry *d, struct inode *inode);
struct dentry *d_add_unique(struct dentry *d, struct inode *inode);
void d_instantiate(struct dentry *d, struct inode *inode);
void d_pin(struct dentry *d);
void d_unpin(struct dentry *d);
void d_delete(struct dentry *d);
void d_drop(struct dentry *d);
void d_invalidate(struct dentry *d);
int d_move(struct dentry *d, struct dentry *new_parent, struct dentry *target);
struct dentry *dget(struct dentry *d);
void dput(struct dentry *d);
struct dentry *dget_parent(struct dentry *d);
bool d_unhashed(struct dentry *d);
bool d_is_negative(struct dentry *d);
struct inode *d_inode_get(struct dentry *d);
bool d_has_positive_children(struct dentry *d);
size_t dcache_shrink(size_t nr);
void dcache_kill_tree(struct dentry *root);

/* Iterating a directory's children (readdir): the positive child with the lowest d_seq
 * >= @seq, counted, or NULL. */
struct dentry *d_next_child(struct dentry *dir, uint64_t seq);

/* Counters for tests and gdb (`p nr_dentry`). Protected by dcache_lock; read racily. */
extern size_t nr_dentry;	/* dentries allocated */
extern size_t nr_unused;	/* of which on the LRU */

#endif
