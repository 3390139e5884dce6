/* pathname.h - the pure string logic of paths and names (kernel/fs/pathname.c).
 * Splitting a path into components and hashing a component touch no kernel object, so they
 * are tested on the host (tests/host/test_path.c, test_dcache_hash.c). */
#ifndef REAPER_PATHNAME_H
#define REAPER_PATHNAME_H

#include "types.h"

#define DCACHE_HASH_BITS	10	/* 1024 buckets */

/* One component found by pathname_next(). */
struct path_component {
	const char *name;	/* into the path; not NUL-terminated */
	size_t len;		/* 1..NAME_MAX, or longer: the caller reports ENAMETOOLONG */
	bool trailing_slash;	/* a '/' followed it and nothing else did */
	bool is_last;		/* nothing but slashes after it */
};

bool pathname_next(const char **cursor, struct path_component *c);
bool pathname_is_dot(const char *name, size_t len);
bool pathname_is_dotdot(const char *name, size_t len);
uint32_t pathname_hash(const char *name, size_t len);
uint32_t dcache_bucket(const void *parent, uint32_t name_hash, unsigned int bits);

#endif
