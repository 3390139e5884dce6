/* fake_uaccess.h - copy_to_user/copy_from_user for host unit tests of syscall handlers.
 * A "user address" is a host pointer, except NULL and BAD_PTR, which fault with -EFAULT, so a
 * test can check both what a handler writes and how it reports a bad pointer. Include it in
 * exactly one test file per program (it defines the functions). */
#ifndef REAPER_TEST_FAKE_UACCESS_H
#define REAPER_TEST_FAKE_UACCESS_H

#include <string.h>

#include "syscall.h"
#include "uaccess.h"
#include "uapi/errno.h"

#define BAD_PTR		0xdead000UL

int copy_to_user(uaddr_t dst, const void *src, size_t n)
{
	if (dst == 0 || dst == BAD_PTR)
		return -EFAULT;
	memcpy((void *)dst, src, n);
	return 0;
}

int copy_from_user(void *dst, uaddr_t src, size_t n)
{
	if (src == 0 || src == BAD_PTR)
		return -EFAULT;
	memcpy(dst, (const void *)src, n);
	return 0;
}

/* call() - run handler @fn with up to four arguments, as the dispatcher would. */
static inline long call(long (*fn)(const struct syscall_args *), uint64_t a0, uint64_t a1,
			uint64_t a2, uint64_t a3)
{
	struct syscall_args a = { 0, { a0, a1, a2, a3, 0, 0 } };

	return fn(&a);
}

#endif
