/* err.h - returning either a pointer or an errno in one value (Linux: include/linux/err.h).
 * The top 4095 addresses are never valid objects, so a function returning a pointer can
 * return ERR_PTR(-ENOENT) instead; callers test IS_ERR() and take PTR_ERR(). */
#ifndef REAPER_ERR_H
#define REAPER_ERR_H

#include "compiler.h"

#define MAX_ERRNO	4095

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return (uint64_t)ptr >= (uint64_t)-MAX_ERRNO;
}

static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR(ptr);
}

#endif
