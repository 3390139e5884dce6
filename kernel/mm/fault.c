/* fault.c - demand paging: a user page comes into existence when it is first touched.
 *
 * mmap, brk and exec only describe memory (struct vm_area, mm_space.c). The first access to
 * a page faults; the arch trap handler (arch/x86_64/trap.c) calls mm_handle_fault(), which
 *   1. finds the area holding the address (none: -EFAULT, the program gets SIGSEGV);
 *   2. checks the access against the area's protection (a write to a read-only area: -EFAULT);
 *   3. takes a frame (none left: -ENOMEM, never a panic);
 *   4. fills it: anonymous memory is zeroed; a file area reads its bytes with file_read_at()
 *      from file_offset + (page - start). Only bytes before the area's file_end come from
 *      the file, the rest are zeroed: that is how the last page of an ELF data segment gets
 *      its .bss start zeroed although the file goes on with other sections there;
 *   5. maps it with the area's protection.
 * One exception to 3 and 4: a READ-ONLY PRIVATE file area (a program's text and rodata) maps
 * the file's own frame when the filesystem can give it (ramfs: file_operations.page_frame),
 * counted like a fork's shared frame, so it is never written through this mapping - a forced
 * write (ptrace) or mprotect(PROT_WRITE) then a write copies it first. Every run of a program
 * shares its text with the file, as Linux's page cache does (Linux also shares writable
 * private pages until the first write; we copy those at the fault). Such a fault also maps
 * the file's frames of the rest of its 16-page window (fault_around(), Linux's
 * do_fault_around): text is read page after page, and each page mapped ahead is a fault less.
 *
 * Copy-on-write (after fork, kernel/mm/mm_space.c mm_dup): a write to a PRESENT, read-only
 * page of a writable private area means the frame is shared with another address space.
 * cow_page() then gives this address space its own copy - or, if every other mapping has
 * gone meanwhile (refcount 1), simply makes the frame writable again. Frames are counted
 * per mapping (kernel/mm/page.c): a new page starts at 1, the copy drops one reference on
 * the shared frame.
 *
 * Threads sharing an mm fault concurrently: with one CPU, the page-table update of each
 * fault runs with interrupts off (check the entry, then map), so two threads touching the
 * same new page cannot both map a frame; the loser frees its frame and retries the access.
 *
 * The same path serves the kernel: copy_to_user() on a page not yet mapped faults inside the
 * copy and arrives here, and mm_copy_to() writes into an address space that is not the
 * current one (exec's new stack) by faulting its pages in and writing through the direct map.
 * mm_access_remote() is ptrace's way into a tracee's memory (PEEK/POKE): reads as the program
 * would; writes FORCED like a debugger's - a breakpoint into read-only text gets a private
 * copy of the page (copy-on-write of the text), which the area keeps read-only.
 *
 * Invariants: as mm_space.c; a page is mapped only if its area allows some access.
 * Locking: mm->lock (LOCK_MM) around the whole fault, so a fault never sees another thread's
 *   half-done mmap/munmap/mprotect. It is a spinlock, so the fault runs with interrupts off
 *   and must not sleep: the file reads it does (ramfs, proc) do not. A filesystem whose reads
 *   sleep would need Linux's answer - a sleeping mmap_lock, taken for reading here.
 * See also: kernel/mm/mm_space.c, arch/x86_64/trap.c (the caller), kernel/mm/uaccess.c.
 * Linux: mm/memory.c (handle_mm_fault, do_anonymous_page, do_read_fault, do_wp_page),
 *   arch/x86/mm/fault.c (access_error), mm/memory.c (access_remote_vm).
 */
#include "mm_space.h"
#include "arch.h"
#include "file.h"
#include "frame.h"
#include "page.h"
#include "pgtable.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

#define FAULT_AROUND_PAGES	16	/* fault_around()'s window: 64 KiB, as Linux's default */

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

/* fill_from_file() - step 4 for a file area: the bytes of the page at @page into @kva (a
 * frame that was NOT zeroed); whatever lies past the file's part of the page, or past a
 * short read, is zeroed here. Return: 0 or -errno. */
static int fill_from_file(const struct vm_area *a, uaddr_t page, void *kva)
{
	uint64_t off = a->file_offset + (page - a->start);
	ssize_t got = 0;

	if (off < a->file_end) {	/* else the whole page lies past the segment's file part */
		got = file_read_at(a->file, kva, MIN(PAGE_SIZE, a->file_end - off), off);
		if (got < 0)
			return (int)got;
	}
	memset((char *)kva + got, 0, PAGE_SIZE - (size_t)got);	/* the frame came unzeroed */
	return 0;
}

/* install_page() - step 5, atomically with respect to other threads of @mm: map @pa at
 * @page unless some other fault mapped the page meanwhile (then @pa is given back: the
 * retried access finds the winner's page). @counted: @pa's mapping is already counted (a
 * file's shared frame, file_operations.page_frame); else it is a fresh frame, counted here. */
static int install_page(struct mm *mm, const struct vm_area *a, uaddr_t page, paddr_t pa,
			bool counted)
{
	unsigned long flags = arch_irq_save();
	int err = 0;

	if (pgtable_user_frame(mm->pgtable, page, NULL)) {
		err = -EEXIST;	/* lost the race */
	} else {
		err = pgtable_map_user(mm->pgtable, page, pa, a->prot);
		if (!err) {
			if (!counted)
				page_ref_init(pa);
			mm->nr_pages++;
		}
	}
	arch_irq_restore(flags);
	if (err && counted)
		page_ref_put(pa);
	else if (err)
		frame_free(pa);
	return err == -EEXIST ? 0 : err;
}

/* shared_file_frame() - for a read-only private file area, the file's own frame of @page,
 * counted: mapped as it is, never written through this mapping (a forced write, mprotect
 * or fork copies it first, being shared: page_ref_is_shared). Every exec of a program then
 * maps the same frames of its text, as Linux maps its page cache - and under QEMU's TCG the
 * code translated for them is reused instead of translated again for fresh frames: that
 * was most of fork+exec+wait's time (docs/performance.md). 0: copy instead (a writable or
 * shared area, a filesystem without page_frame, a page that is not wholly file bytes). */
static paddr_t shared_file_frame(const struct vm_area *a, uaddr_t page)
{
	uint64_t off = a->file_offset + (page - a->start);

	if (!a->file || (a->prot & PROT_WRITE) || !(a->flags & VMA_PRIVATE) ||
	    !a->file->f_op || !a->file->f_op->page_frame || off + PAGE_SIZE > a->file_end)
		return 0;
	return a->file->f_op->page_frame(a->file, off);
}

/* fault_around() - after @page of the read-only private file area @a got the file's own
 * frame, map the file's frames of the other pages of its FAULT_AROUND_PAGES-aligned window
 * inside @a that are not mapped yet: a program's text is read page after page, and each page
 * mapped here is a fault less (a fault is an exception, a trip through QEMU's loop under TCG
 * and the handler: docs/performance.md). Only frames the file already has, as Linux maps only
 * pages already in its page cache (do_fault_around, fault_around_bytes = 64 KiB). Best
 * effort: a page without a frame of the file's, or that cannot be mapped (no memory for a page
 * table), is left to its own fault. The window is the aligned one cut to the area. */
static void fault_around(struct mm *mm, const struct vm_area *a, uaddr_t page)
{
	uaddr_t first = MAX(ALIGN_DOWN(page, FAULT_AROUND_PAGES * PAGE_SIZE), a->start);
	uaddr_t end = MIN(first + FAULT_AROUND_PAGES * PAGE_SIZE, a->end);

	for (uaddr_t p = first; p < end; p += PAGE_SIZE) {
		paddr_t pa;

		if (p == page || pgtable_user_frame(mm->pgtable, p, NULL))
			continue;
		pa = shared_file_frame(a, p);
		if (!pa)
			continue;	/* a hole, or the file's end: that page faults alone */
		if (install_page(mm, a, p, pa, true))
			return;		/* no memory for a page table: leave the rest */
	}
}

/* map_new_page() - steps 3 to 5: a filled frame for @page of area @a (or the file's own
 * frame, shared_file_frame, and its neighbours', fault_around). A file page is written
 * whole by fill_from_file(), so its frame is not zeroed first. */
static int map_new_page(struct mm *mm, const struct vm_area *a, uaddr_t page)
{
	paddr_t pa = shared_file_frame(a, page);
	int err;

	if (pa) {
		err = install_page(mm, a, page, pa, true);
		if (!err)
			fault_around(mm, a, page);
		return err;
	}
	pa = a->file ? frame_alloc_contig_uninit(1) : frame_alloc();
	if (!pa)
		return -ENOMEM;
	err = a->file ? fill_from_file(a, page, phys_to_virt(pa)) : 0;
	if (err) {
		frame_free(pa);
		return err;
	}
	return install_page(mm, a, page, pa, false);
}

/* cow_copy_locked() - give @page of @mm a private copy of the shared frame @old. */
static int cow_copy_locked(struct mm *mm, const struct vm_area *a, uaddr_t page, paddr_t old)
{
	paddr_t pa = frame_alloc_contig_uninit(1);	/* the copy writes every byte */

	if (!pa)
		return -ENOMEM;
	memcpy(phys_to_virt(pa), phys_to_virt(old), PAGE_SIZE);
	if (pgtable_map_user(mm->pgtable, page, pa, a->prot)) {
		frame_free(pa);	/* cannot happen: the entry's tables exist */
		return -ENOMEM;
	}
	page_ref_init(pa);
	page_ref_put(old);
	return 0;
}

/* cow_page() - a write to the present, read-only @page of the writable private area @a:
 * reuse the frame if this is its only mapping, else copy it. Interrupts are off so the
 * count cannot change between the test and the remap (see the header comment). */
static int cow_page(struct mm *mm, const struct vm_area *a, uaddr_t page)
{
	unsigned long flags = arch_irq_save();
	paddr_t old = pgtable_user_frame(mm->pgtable, page, NULL);
	int err = 0;

	if (!old)
		err = -EAGAIN;	/* unmapped meanwhile: fault again */
	else if (!page_ref_is_shared(old))
		err = pgtable_map_user(mm->pgtable, page, old, a->prot);
	else
		err = cow_copy_locked(mm, a, page, old);
	arch_irq_restore(flags);
	return err == -EAGAIN ? 0 : err;
}

/* is_cow_fault() - a write to a page whose entry is read-only but whose area is a writable
 * private mapping: the frame was shared by fork. */
static bool is_cow_fault(const struct vm_area *a, unsigned int pte_prot, bool write)
{
	return write && !(pte_prot & PROT_WRITE) && pte_prot != PROT_NONE &&
	       (a->prot & PROT_WRITE) && (a->flags & VMA_PRIVATE);
}

/* handle_fault_locked() - mm_handle_fault()'s body, under mm->lock. */
static int handle_fault_locked(struct mm *mm, uaddr_t addr, bool write, bool exec)
{
	uaddr_t page = ALIGN_DOWN(addr, PAGE_SIZE);
	struct vm_area *a;
	unsigned int pte_prot;

	assert_held(&mm->lock);
	a = mm_find_area(mm, addr);
	if (!a || !access_allowed(a->prot, write, exec))
		return -EFAULT;
	if (!pgtable_user_frame(mm->pgtable, page, &pte_prot))
		return map_new_page(mm, a, page);
	if (access_allowed(pte_prot, write, exec))
		return 0;
	if (is_cow_fault(a, pte_prot, write))
		return cow_page(mm, a, page);
	return -EFAULT;
}

/**
 * mm_handle_fault() - make the user page at @addr present for an access, if it is allowed.
 * @mm: the faulting thread's address space (NULL for a kernel thread: always -EFAULT).
 * @addr: the faulting user address.
 * @write: the access was a write. @exec: it was an instruction fetch.
 *
 * The steps are in the header comment. A page already mapped is left alone: if its PTE
 * allows the access, the fault was spurious (0); a write to a read-only page of a writable
 * private area is copy-on-write (cow_page); anything else is -EFAULT.
 * Context: a thread of @mm's process (or exec, ptrace filling it); takes mm->lock, so it
 * runs with interrupts off and must not sleep - file-backed pages come from ramfs (or proc),
 * whose reads do not.
 * Return: 0 (retry the access), -EFAULT (no area, or the access is not allowed), -ENOMEM
 * (out of frames or page tables), or the file's -errno (-EIO) if reading it failed.
 */
int mm_handle_fault(struct mm *mm, uaddr_t addr, bool write, bool exec)
{
	int err;

	if (!mm || addr >= USER_SPACE_END)
		return -EFAULT;
	/* Under mm->lock: another thread of the process may be in mmap/munmap/mprotect. */
	spin_lock(&mm->lock);
	err = handle_fault_locked(mm, addr, write, exec);
	spin_unlock(&mm->lock);
	return err;
}

/**
 * mm_populate_area() - map every page of area @a of @mm that is not mapped yet.
 * @mm: the address space. @a: one of its areas.
 *
 * fork uses it for shared anonymous areas: their pages must exist before the address space
 * is copied, or parent and child would each fault in a zero page of their own later and
 * stop sharing. (Linux gives such an area a shmem file instead, whose pages both find.)
 * Context: thread; the caller owns @mm. Return: 0 or -ENOMEM.
 */
int mm_populate_area(struct mm *mm, const struct vm_area *a)
{
	for (uaddr_t page = a->start; page < a->end; page += PAGE_SIZE) {
		int err = 0;

		if (!pgtable_user_frame(mm->pgtable, page, NULL))
			err = map_new_page(mm, a, page);
		if (err)
			return err;
	}
	return 0;
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

/* force_frame_locked() - the frame behind @page of @mm for a debugger's write: as a normal
 * write in a writable area; in a read-only PRIVATE area, present and not shared with any
 * other address space (copied if it was, as Linux's FOLL_FORCE breaks copy-on-write).
 * Return: 0 with *@pa set, or -EFAULT (no area, a shared read-only one), -ENOMEM. */
static int force_frame_locked(struct mm *mm, uaddr_t page, paddr_t *pa)
{
	struct vm_area *a = mm_find_area(mm, page);
	paddr_t old;
	int err;

	assert_held(&mm->lock);
	if (!a || a->prot == PROT_NONE)
		return -EFAULT;
	if (a->prot & PROT_WRITE)
		err = handle_fault_locked(mm, page, true, false);
	else if (!(a->flags & VMA_PRIVATE))
		return -EFAULT;
	else if (!pgtable_user_frame(mm->pgtable, page, NULL))
		err = map_new_page(mm, a, page);
	else
		err = 0;
	if (err)
		return err;
	old = pgtable_user_frame(mm->pgtable, page, NULL);
	if (!(a->prot & PROT_WRITE) && page_ref_is_shared(old)) {
		err = cow_copy_locked(mm, a, page, old);
		if (err)
			return err;
	}
	*pa = pgtable_user_frame(mm->pgtable, page, NULL);
	return 0;
}

/* access_page() - copy @n bytes between @kbuf and @addr of @mm, all within one page, the
 * page faulted in for a read or forced for a write. The copy happens under mm->lock: another
 * thread of the tracee's process may munmap the page the moment the lock goes. */
static int access_page(struct mm *mm, uaddr_t addr, char *kbuf, size_t n, bool write)
{
	uaddr_t page = ALIGN_DOWN(addr, PAGE_SIZE);
	paddr_t pa = 0;
	char *kva;
	int err;

	spin_lock(&mm->lock);
	if (write) {
		err = force_frame_locked(mm, page, &pa);
	} else {
		err = handle_fault_locked(mm, page, false, false);
		if (!err)
			pa = pgtable_user_frame(mm->pgtable, page, NULL);
	}
	if (!err && !pa)
		err = -EFAULT;
	if (!err) {
		kva = (char *)phys_to_virt(pa) + (addr - page);
		if (write)
			memcpy(kva, kbuf, n);
		else
			memcpy(kbuf, kva, n);
	}
	spin_unlock(&mm->lock);
	return err;
}

/**
 * mm_access_remote() - copy @n bytes between the kernel buffer @buf and user address @addr
 * of @mm, which need not be the current address space (ptrace's PEEK and POKE).
 * @mm: the tracee's address space. @addr: a user address. @buf: kernel memory.
 * @n: bytes. @write: false copies from @mm into @buf; true copies @buf into @mm, forced
 *     through read-only private mappings (see force_frame_locked()).
 *
 * Context: process context; the tracee does not run meanwhile.
 * Return: 0, -EFAULT (some byte is in no accessible area), or -ENOMEM. On failure a prefix
 * may have been copied.
 */
int mm_access_remote(struct mm *mm, uaddr_t addr, void *buf, size_t n, bool write)
{
	char *kbuf = buf;

	if (!mm || !user_range_ok(addr, n))
		return -EFAULT;
	while (n > 0) {
		size_t chunk = MIN(n, PAGE_SIZE - (addr - ALIGN_DOWN(addr, PAGE_SIZE)));
		int err = access_page(mm, addr, kbuf, chunk, write);

		if (err)
			return err;
		addr += chunk;
		kbuf += chunk;
		n -= chunk;
	}
	return 0;
}
