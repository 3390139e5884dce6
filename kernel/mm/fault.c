/* fault.c - demand paging: a user page comes into existence when it is first touched.
 *
 * mmap, brk and exec only describe memory (struct vm_area, mm_space.c). The first access to
 * a page faults; the arch trap handler (arch/x86_64/trap.c) calls mm_handle_fault(), which
 *   1. finds the area holding the address (none: -EFAULT, the program gets SIGSEGV);
 *   2. checks the access against the area's protection (a write to a read-only area: -EFAULT);
 *   3. takes a zeroed frame (none left: -ENOMEM, never a panic);
 *   4. fills it: anonymous memory stays zero; a file area reads its bytes with file_read_at()
 *      from file_offset + (page - start). Only bytes before the area's file_end come from
 *      the file, the rest stay zero: that is how the last page of an ELF data segment gets
 *      its .bss start zeroed although the file goes on with other sections there;
 *   5. maps it with the area's protection.
 * Each page is read from the file into a fresh frame, never shared with a page cache, so a
 * private file mapping's writes stay private for free. (Linux maps page-cache pages and
 * copies on write; with copy-on-write fork we will share frames between processes.)
 *
 * The same path serves the kernel: copy_to_user() on a page not yet mapped faults inside the
 * copy and arrives here, and mm_copy_to() writes into an address space that is not the
 * current one (exec's new stack) by faulting its pages in and writing through the direct map.
 *
 * Invariants: as mm_space.c; a page is mapped only if its area allows some access.
 * Locking: the mm's owner (see mm_space.c); the file read may sleep, so interrupts are on.
 * See also: kernel/mm/mm_space.c, arch/x86_64/trap.c (the caller), kernel/mm/uaccess.c.
 * Linux: mm/memory.c (handle_mm_fault, do_anonymous_page, do_read_fault),
 *   arch/x86/mm/fault.c (access_error), mm/memory.c (access_remote_vm).
 */
#include "mm_space.h"
#include "arch.h"
#include "file.h"
#include "frame.h"
#include "pgtable.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

/* access_allowed() - may an access (a write, an instruction fetch, else a read) happen in
 * memory of protection @prot? Any protection but PROT_NONE allows reading, as on x86. */
static bool access_allowed(unsigned int prot, bool write, bool exec)
{
	if (write)
		return prot & PROT_WRITE;
	if (exec)
		return prot & PROT_EXEC;
	return prot != PROT_NONE;
}

/* fill_from_file() - step 4 for a file area: the bytes of the page at @page into @kva,
 * which is zeroed. Short reads (the end of the file) leave zeroes. Return: 0 or -errno. */
static int fill_from_file(const struct vm_area *a, uaddr_t page, void *kva)
{
	uint64_t off = a->file_offset + (page - a->start);
	ssize_t got;

	if (off >= a->file_end)
		return 0; /* the whole page lies past the segment's file part */
	got = file_read_at(a->file, kva, MIN(PAGE_SIZE, a->file_end - off), off);
	return got < 0 ? (int)got : 0;
}

/* map_new_page() - steps 3 to 5: a filled frame for @page of area @a. */
static int map_new_page(struct mm *mm, const struct vm_area *a, uaddr_t page)
{
	paddr_t pa = frame_alloc();
	int err;

	if (!pa)
		return -ENOMEM;
	err = a->file ? fill_from_file(a, page, phys_to_virt(pa)) : 0;
	if (!err)
		err = pgtable_map_user(mm->pgtable, page, pa, a->prot);
	if (err) {
		frame_free(pa);
		return err;
	}
	mm->nr_pages++;
	return 0;
}

/**
 * mm_handle_fault() - make the user page at @addr present for an access, if it is allowed.
 * @mm: the faulting thread's address space (NULL for a kernel thread: always -EFAULT).
 * @addr: the faulting user address.
 * @write: the access was a write. @exec: it was an instruction fetch.
 *
 * The steps are in the header comment. A page already mapped is left alone: if its PTE
 * allows the access, the fault was spurious (0); if not, -EFAULT. (Copy-on-write, the next
 * issue, will turn a write to a present read-only page of a writable private area into a
 * copy here.)
 * Context: process context of @mm's owner, interrupts on; may sleep reading a file.
 * Return: 0 (retry the access), -EFAULT (no area, or the access is not allowed), -ENOMEM
 * (out of frames or page tables), or the file's -errno (-EIO) if reading it failed.
 */
int mm_handle_fault(struct mm *mm, uaddr_t addr, bool write, bool exec)
{
	uaddr_t page = ALIGN_DOWN(addr, PAGE_SIZE);
	struct vm_area *a;
	unsigned int pte_prot;

	if (!mm || addr >= USER_SPACE_END)
		return -EFAULT;
	a = mm_find_area(mm, addr);
	if (!a || !access_allowed(a->prot, write, exec))
		return -EFAULT;
	if (pgtable_user_frame(mm->pgtable, page, &pte_prot))
		return access_allowed(pte_prot, write, exec) ? 0 : -EFAULT;
	return map_new_page(mm, a, page);
}

/* writable_frame() - the frame behind the user page at @page of @mm, faulted in for a
 * write if it is not there yet. Return: 0 with *@pa set, or -errno as mm_handle_fault. */
static int writable_frame(struct mm *mm, uaddr_t page, paddr_t *pa)
{
	int err = mm_handle_fault(mm, page, true, false);

	if (err)
		return err;
	*pa = pgtable_user_frame(mm->pgtable, page, NULL);
	return 0;
}

/**
 * mm_copy_to() - copy @n bytes from the kernel buffer @src to user address @dst of @mm,
 * which need not be the current address space.
 * @mm: the target address space. @dst: a user address. @src: kernel memory. @n: bytes.
 *
 * Each page is faulted in for a write exactly as if the program had touched it, then
 * written through the kernel's direct map: no CR3 switch, so the caller keeps running on
 * its own address space (exec writes the new program's stack this way before committing).
 * Context: process context; may sleep (like a fault).
 * Return: 0, -EFAULT if part of the range is in no writable area, or -ENOMEM. On failure a
 * prefix may have been written.
 */
int mm_copy_to(struct mm *mm, uaddr_t dst, const void *src, size_t n)
{
	const char *from = src;

	if (!user_range_ok(dst, n))
		return -EFAULT;
	while (n > 0) {
		uaddr_t page = ALIGN_DOWN(dst, PAGE_SIZE);
		size_t chunk = MIN(n, PAGE_SIZE - (dst - page));
		paddr_t pa;
		int err = writable_frame(mm, page, &pa);

		if (err)
			return err;
		memcpy((char *)phys_to_virt(pa) + (dst - page), from, chunk);
		dst += chunk;
		from += chunk;
		n -= chunk;
	}
	return 0;
}
