// sources: kernel/fs/pathname.c
/* test_dcache_hash.c - host unit tests of the dcache hash (kernel/fs/pathname.c).
 *
 * The dcache finds (parent, name) in a table of 2^DCACHE_HASH_BITS buckets. These cases check
 * the two properties a reader relies on - equal inputs give equal buckets, and the hash is the
 * documented FNV-1a (published test vectors) - and the one that makes it fast: names as a
 * kernel sees them (numbers like /proc's pids, "fileNNNN", the same name under many
 * directories) spread over the buckets with no bucket far above the average. The bound
 * (3x the mean load) is loose enough for any decent hash and fails a bad one (e.g. summing
 * the bytes, or ignoring the parent). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "pathname.h"

#define BUCKETS		(1u << DCACHE_HASH_BITS)
#define NAMES		(BUCKETS * 10)

static unsigned int load[BUCKETS];

static uint32_t hash_str(const char *s)
{
	return pathname_hash(s, strlen(s));
}

/* max_load_after() - fill the table with @n (parent, name) pairs made by @make; the fullest
 * bucket's count. */
static unsigned int max_load_after(int n, void (*make)(int i, char *name, uintptr_t *parent))
{
	unsigned int max = 0;

	memset(load, 0, sizeof(load));
	for (int i = 0; i < n; i++) {
		char name[32];
		uintptr_t parent;
		uint32_t b;

		make(i, name, &parent);
		b = dcache_bucket((const void *)parent, hash_str(name), DCACHE_HASH_BITS);
		assert_true(b < BUCKETS);
		if (++load[b] > max)
			max = load[b];
	}
	return max;
}

static void pid_names(int i, char *name, uintptr_t *parent)
{
	sprintf(name, "%d", i + 1);
	*parent = 0xffff800001234500u;	/* one /proc directory */
}

static void file_names(int i, char *name, uintptr_t *parent)
{
	sprintf(name, "file%04d", i);
	*parent = 0xffff800007654300u;
}

static void same_name_many_dirs(int i, char *name, uintptr_t *parent)
{
	strcpy(name, "status");
	*parent = 0xffff800010000000u + (uintptr_t)i * 192;	/* dentries from one slab */
}

static void fnv1a_test_vectors(void **state)
{
	(void)state;
	assert_int_equal(pathname_hash("", 0), 0x811c9dc5);
	assert_int_equal(hash_str("a"), 0xe40c292c);
	assert_int_equal(hash_str("foobar"), 0xbf9cf968);
}

static void equal_names_equal_hashes(void **state)
{
	char a[] = "busybox", b[] = "busybox-extra";

	(void)state;
	assert_int_equal(hash_str(a), pathname_hash(b, 7));	/* only len bytes count */
	assert_int_equal(dcache_bucket((void *)0x1000, hash_str(a), 10),
			 dcache_bucket((void *)0x1000, pathname_hash(b, 7), 10));
	assert_int_not_equal(hash_str("ab"), hash_str("ba"));	/* order matters */
	assert_int_not_equal(hash_str("12"), hash_str("21"));
}

static void parent_changes_the_bucket(void **state)
{
	uint32_t h = hash_str("init");
	int same = 0;

	(void)state;
	for (uintptr_t p = 0; p < 64; p++)
		same += dcache_bucket((void *)(0x10000 + p * 256), h, 10) ==
			dcache_bucket((void *)0x10000, h, 10);
	assert_true(same <= 3);	/* itself, and at most a couple of chance collisions */
}

static void pids_spread(void **state)
{
	(void)state;
	assert_true(max_load_after(NAMES, pid_names) <= 3 * NAMES / BUCKETS);
}

static void file_names_spread(void **state)
{
	(void)state;
	assert_true(max_load_after(NAMES, file_names) <= 3 * NAMES / BUCKETS);
}

static void one_name_in_many_directories_spreads(void **state)
{
	(void)state;
	assert_true(max_load_after(NAMES, same_name_many_dirs) <= 3 * NAMES / BUCKETS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fnv1a_test_vectors),
		cmocka_unit_test(equal_names_equal_hashes),
		cmocka_unit_test(parent_changes_the_bucket),
		cmocka_unit_test(pids_spread),
		cmocka_unit_test(file_names_spread),
		cmocka_unit_test(one_name_in_many_directories_spreads),
	};

	return cmocka_run_group_tests_name("dcache_hash", tests, NULL, NULL);
}
