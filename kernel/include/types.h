/* types.h - the scalar types every part of the kernel shares.
 * Addresses get their own names so a reader can tell which space a number lives in:
 * a physical address (paddr_t) is never dereferenced; a user address (uaddr_t) only through
 * kernel/mm/uaccess.c; a kernel virtual address is an ordinary pointer. */
#ifndef REAPER_TYPES_H
#define REAPER_TYPES_H

#include "compiler.h"

typedef uint64_t paddr_t;	/* physical address */
typedef uint64_t uaddr_t;	/* user virtual address, never dereferenced directly */
typedef int32_t pid_t;		/* a pid number as user space sees it */
typedef int64_t ssize_t;

#endif
