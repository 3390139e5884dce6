/* pathname.c - the pure string logic of paths: splitting into components, hashing names.
 *
 * A path is a string of components separated by one or more '/'. A leading '/' means "start
 * at the root" (the walker checks path[0] itself); repeated slashes count as one; a trailing
 * '/' means the last component must be a directory. pathname_next() hands out one component
 * at a time and says whether it is the last and whether a slash followed it, which is all the
 * walker (kernel/fs/path_walk.c) needs; it never allocates and never copies.
 *
 * The dcache hash (DESIGN.md §7) is computed in two steps, so a component's hash is computed
 * once per walk step and reused for the bucket and for comparisons:
 *   1. pathname_hash(): 32-bit FNV-1a over the name's bytes (offset basis 2166136261, prime
 *      16777619): each byte is XORed in, then the state multiplied by the prime, so every byte
 *      affects all higher bits and anagrams ("ab"/"ba") hash differently.
 *   2. dcache_bucket(): the parent dentry's address is folded in (slab objects are 8-aligned,
 *      so its low 3 bits carry nothing and are shifted out) and the sum is spread with Knuth's
 *      multiplicative hash (x * 2654435761 = 2^32/phi); the TOP @bits bits pick the bucket,
 *      since multiplication pushes entropy upward. The same name under two directories thus
 *      lands in different buckets, and "1", "2", ... (every /proc/<pid>) spread evenly.
 * Invariants: both functions are pure; equal (parent, name) always gives the same bucket.
 * Locking: none (no state).
 * See also: kernel/fs/dcache.c (the table), tests/host/test_path.c, test_dcache_hash.c.
 * Linux: fs/namei.c (link_path_walk, hash_name, full_name_hash), fs/dcache.c (d_hash). */
#include "pathname.h"

#define FNV_OFFSET_BASIS	2166136261u
#define FNV_PRIME		16777619u
#define KNUTH_GOLDEN		2654435761u

static const char *skip_slashes(const char *p)
{
	while (*p == '/')
		p++;
	return p;
}

/**
 * pathname_next() - the next component of a path.
 * @cursor: in: where to continue (leading slashes are skipped); out: past the component and
 *	    the slashes after it.
 * @c: filled with the component.
 *
 * "a//b/" gives "a" (not last), then "b" (last, trailing slash), then false.
 * Context: any. Return: true if a component was found, false at the end of the path.
 */
bool pathname_next(const char **cursor, struct path_component *c)
{
	const char *p = skip_slashes(*cursor);
	const char *end = p;

	if (*p == '\0') {
		*cursor = p;
		return false;
	}
	while (*end != '\0' && *end != '/')
		end++;
	c->name = p;
	c->len = (size_t)(end - p);
	c->trailing_slash = *end == '/';
	end = skip_slashes(end);
	c->is_last = *end == '\0';
	if (!c->is_last)
		c->trailing_slash = false;
	*cursor = end;
	return true;
}

/* pathname_is_dot() - is the component "."? */
bool pathname_is_dot(const char *name, size_t len)
{
	return len == 1 && name[0] == '.';
}

/* pathname_is_dotdot() - is the component ".."? */
bool pathname_is_dotdot(const char *name, size_t len)
{
	return len == 2 && name[0] == '.' && name[1] == '.';
}

/**
 * pathname_hash() - the 32-bit FNV-1a hash of a component (step 1 of the header comment).
 * @name: the bytes; need not be NUL-terminated.
 * @len: how many.
 *
 * Context: any. Return: the hash; equal names give equal hashes.
 */
uint32_t pathname_hash(const char *name, size_t len)
{
	uint32_t h = FNV_OFFSET_BASIS;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)name[i];
		h *= FNV_PRIME;
	}
	return h;
}

/**
 * dcache_bucket() - the hash bucket of (@parent, name) (step 2 of the header comment).
 * @parent: the parent dentry; only its address is used.
 * @name_hash: pathname_hash() of the name.
 * @bits: log2 of the number of buckets (1..31).
 *
 * Context: any. Return: a bucket index below 1 << @bits.
 */
uint32_t dcache_bucket(const void *parent, uint32_t name_hash, unsigned int bits)
{
	uint64_t p = (uint64_t)(uintptr_t)parent >> 3;
	uint32_t mixed = name_hash + (uint32_t)p + (uint32_t)(p >> 32);

	return (uint32_t)(mixed * KNUTH_GOLDEN) >> (32 - bits);
}
