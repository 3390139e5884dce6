/* uaccess.h - the only way the kernel touches user memory (kernel/mm/uaccess.c).
 *
 * A user address is a uaddr_t, an integer, never a pointer, so the compiler refuses any
 * direct dereference. These functions check that the whole range lies in user space (below
 * USER_SPACE_END, without wrapping) and copy with fault fix-ups: a page fault on a user
 * address during the copy first tries to map the page (demand paging, kernel/mm/fault.c);
 * if that fails, the copy stops and returns -EFAULT instead of faulting the kernel.
 * NULL, unmapped, non-canonical and kernel addresses all give -EFAULT. */
#ifndef REAPER_UACCESS_H
#define REAPER_UACCESS_H

#include "types.h"

#define USER_SPACE_END	0x0000800000000000UL	/* first address above user space */

int copy_from_user(void *dst, uaddr_t src, size_t n);		/* 0 or -EFAULT */
int copy_to_user(uaddr_t dst, const void *src, size_t n);	/* 0 or -EFAULT */
int clear_user(uaddr_t dst, size_t n);				/* 0 or -EFAULT */
/* strncpy_from_user() - a NUL-terminated string of at most @max bytes (NUL included).
 * Return: its length, -EFAULT, or -ENAMETOOLONG if no NUL within @max bytes. */
long strncpy_from_user(char *dst, uaddr_t src, size_t max);
bool user_range_ok(uaddr_t addr, size_t n);
/* copy_from_user_nofault() - like copy_from_user(), but only from pages already mapped, read
 * through the page tables: never faults, sleeps or locks (for a panic). 0 or -EFAULT. */
int copy_from_user_nofault(void *dst, uaddr_t src, size_t n);

#endif
