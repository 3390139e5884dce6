/* uaccess.c - copying between the kernel and user memory, safely.
 *
 * A user address is a number chosen by the program (uaddr_t), so the kernel trusts nothing
 * about it. Two checks make a copy safe:
 *   1. before: the whole range lies in user space - it does not wrap around the top of the
 *      address space and ends at or below USER_SPACE_END (user_range_ok()). This rejects
 *      kernel addresses, which ARE mapped (the kernel half is in every page table) and would
 *      otherwise be copied happily, and non-canonical ones, which fault with #GP, not #PF;
 *   2. during: the copy runs in arch code whose page faults are fixed up (uaccess.asm). A
 *      fault first gets a chance to map the page (demand paging, kernel/mm/fault.c via
 *      arch/x86_64/trap.c); if the address is simply not mapped - NULL, a hole - the copy
 *      stops and returns -EFAULT.
 * So no bad pointer from user space can crash the kernel (DESIGN.md principle 5). A copy that
 * fails part way may have written some bytes of the destination; callers treat the whole
 * operation as failed, as Linux does for copy_from_user's short copies.
 *
 * One more reader exists for a kernel that is already failing: copy_from_user_nofault() (a
 * panic printing the user stack) must not fault at all, because the fault path would demand-page
 * - take locks and allocate - in a kernel that may hold those locks already. It looks each page
 * up in the page tables and reads it through the direct map, or gives up with -EFAULT.
 *
 * This is the only file in kernel/ that passes user addresses to code that dereferences them.
 * Locking: none; the caller may sleep, and a fault inside a copy may sleep (demand paging).
 *   copy_from_user_nofault() takes no lock and never sleeps.
 * See also: kernel/include/uaccess.h, arch/x86_64/uaccess.asm, arch/x86_64/trap.c.
 * Linux: include/linux/uaccess.h, lib/strncpy_from_user.c, arch/x86/lib/usercopy_64.c.
 */
#include "uaccess.h"
#include "arch.h"
#include "frame.h"
#include "mm_space.h"
#include "pgtable.h"
#include "process.h"
#include "sched.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

/**
 * user_range_ok() - does [@addr, @addr + @n) lie entirely in user space?
 * @addr: the first byte. @n: the length; an empty range is always ok (nothing is touched).
 *
 * Context: any. Return: true if the range neither wraps nor reaches above USER_SPACE_END.
 */
bool user_range_ok(uaddr_t addr, size_t n)
{
	if (n == 0)
		return true;
	if (addr >= USER_SPACE_END)
		return false;
	/* addr < USER_SPACE_END, so this subtraction cannot underflow, and comparing n with
	 * the room left cannot overflow the way addr + n would. */
	return n <= USER_SPACE_END - addr;
}

/**
 * copy_from_user() - copy @n bytes from user address @src to the kernel buffer @dst.
 * @dst: kernel memory. @src: user address. @n: bytes.
 *
 * Context: thread; may sleep (a page fault may map the page). Return: 0, or -EFAULT if any
 * byte of the source is outside user space or unmapped (@dst may then be partly written).
 */
int copy_from_user(void *dst, uaddr_t src, size_t n)
{
	if (!user_range_ok(src, n))
		return -EFAULT;
	return (int)arch_uaccess_copy((uint64_t)dst, src, n);
}

/**
 * copy_to_user() - copy @n bytes from the kernel buffer @src to user address @dst.
 * @dst: user address. @src: kernel memory. @n: bytes.
 *
 * Context: thread; may sleep. Return: 0, or -EFAULT (some bytes may have been written).
 */
int copy_to_user(uaddr_t dst, const void *src, size_t n)
{
	if (!user_range_ok(dst, n))
		return -EFAULT;
	return (int)arch_uaccess_copy(dst, (uint64_t)src, n);
}

/**
 * clear_user() - write @n zero bytes at user address @dst.
 * @dst: user address. @n: bytes.
 *
 * Context: thread; may sleep. Return: 0, or -EFAULT.
 */
int clear_user(uaddr_t dst, size_t n)
{
	if (!user_range_ok(dst, n))
		return -EFAULT;
	return (int)arch_uaccess_clear(dst, n);
}

/**
 * strncpy_from_user() - copy a NUL-terminated string of at most @max bytes (NUL included).
 * @dst: kernel buffer of at least @max bytes; always NUL-terminated on success.
 * @src: user address of the string.
 * @max: the buffer size; 0 gives -ENAMETOOLONG (there is no room even for the NUL).
 *
 * The string may end right below USER_SPACE_END, so only the bytes up to that boundary are
 * tried; a string that would run past it faults like any unmapped byte.
 * Context: thread; may sleep. Return: the length (without the NUL), -EFAULT, or
 * -ENAMETOOLONG if no NUL lies within @max bytes.
 */
long strncpy_from_user(char *dst, uaddr_t src, size_t max)
{
	size_t room, limit;
	long len;

	if (src >= USER_SPACE_END)
		return -EFAULT;
	room = USER_SPACE_END - src;
	limit = max < room ? max : room;
	len = arch_uaccess_strncpy((uint64_t)dst, src, limit);
	if (len < 0)
		return len;
	if ((size_t)len < limit)
		return len;
	/* No NUL in the bytes we could try: too long if we tried @max of them, else the string
	 * runs into the kernel half. */
	return limit == max ? -ENAMETOOLONG : -EFAULT;
}

/* current_mm_or_null() - the running thread's address space; NULL in a kernel thread, before
 * the scheduler runs, or once the process dropped its mm (exit). */
static struct mm *current_mm_or_null(void)
{
	struct thread *t = sched_current();

	return t && t->proc ? t->proc->mm : NULL;
}

/**
 * copy_from_user_nofault() - copy @n bytes from user address @src without ever faulting.
 * @dst: kernel memory. @src: user address, in the current process. @n: bytes.
 *
 * Only pages already mapped and readable are read: each is looked up in the page tables and
 * read through the direct map, so no page fault, no demand paging, no lock and no sleep can
 * happen. A page not yet touched by the program counts as unreadable. Meant for a panic,
 * which runs with interrupts off and may have interrupted the very code (demand paging, an
 * address-space edit) that copy_from_user() would need; ordinary code uses copy_from_user().
 * (Linux: copy_from_user_nofault(), which gets the same effect with pagefault_disable().)
 * Context: any, interrupts on or off. Nothing else may edit the page tables meanwhile: true in a
 * panic (one CPU, interrupts off). Return: 0, or -EFAULT (@dst may then be partly written).
 */
int copy_from_user_nofault(void *dst, uaddr_t src, size_t n)
{
	struct mm *mm = current_mm_or_null();
	unsigned int prot;
	paddr_t pa;
	size_t chunk;

	if (!mm || !user_range_ok(src, n))
		return -EFAULT;
	for (; n > 0; n -= chunk, src += chunk, dst = (char *)dst + chunk) {
		chunk = PAGE_SIZE - src % PAGE_SIZE;
		if (chunk > n)
			chunk = n;
		pa = pgtable_user_frame(mm_pgtable_root(mm), src, &prot);
		/* A frame beyond RAM would not be in the direct map: a corrupt entry. */
		if (!pa || !(prot & PROT_READ) || pa >= frame_max_phys())
			return -EFAULT;
		memcpy(dst, (const char *)phys_to_virt(pa) + src % PAGE_SIZE, chunk);
	}
	return 0;
}
