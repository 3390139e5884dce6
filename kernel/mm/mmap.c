/* mmap.c - the system calls that shape an address space: brk, mmap, munmap, mprotect, madvise.
 *
 * Each checks and rounds the user's numbers the way Linux does (the errno of every bad input
 * is part of the ABI: tests compare with Linux) and then edits the area list through
 * mm_space.c. None of them maps a page: memory appears on first touch (fault.c).
 *   - brk moves the end of the heap, an anonymous area "[heap]" starting at mm->brk_start
 *     (the page after the program). brk(0) or any value it cannot honour returns the
 *     current break, which is how programs ask for it; growing maps zero pages lazily,
 *     shrinking unmaps (and frees) them.
 *   - mmap places a new area: exactly at addr with MAP_FIXED (replacing what was there) or
 *     MAP_FIXED_NOREPLACE (EEXIST if anything was); else at the hint if that range is free;
 *     else top-down below mm->mmap_base. Anonymous mappings are zeroes; file mappings read
 *     the file at fault time. MAP_SHARED behaves like MAP_PRIVATE until fork exists (one
 *     process cannot tell them apart), except that a shared FILE mapping may not be
 *     writable: without a page cache its writes could never reach the file (ENODEV here,
 *     EACCES from mprotect; TODO(pagecache)).
 *   - munmap removes a range, splitting areas; mprotect changes protection, splitting areas
 *     and rewriting present pages; madvise accepts every advice and acts on MADV_DONTNEED
 *     and MADV_FREE by dropping the pages (the next touch refills them).
 * Out of memory is always -ENOMEM, never a panic.
 *
 * Locking: each do_X takes mm->lock (LOCK_MM) around its work on the areas, so threads of one
 *   process can mmap, munmap and fault at the same time; an fd is looked up before it, since
 *   the fd table's lock comes first in the lock order.
 * See also: kernel/mm/mm_space.c, kernel/mm/fault.c, kernel/include/uapi/mman.h.
 * Linux: mm/mmap.c (do_mmap, get_unmapped_area, brk), mm/mprotect.c, mm/madvise.c,
 *   arch/x86/kernel/sys_x86_64.c (sys_mmap's offset check).
 */
#include "mmap.h"
#include "arch.h"
#include "err.h"
#include "file.h"
#include "mm_space.h"
#include "process.h"
#include "syscalls.h"
#include "vfs.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

#define PROT_ALL (PROT_READ | PROT_WRITE | PROT_EXEC)
/* Every mmap flag we know; MAP_SHARED_VALIDATE refuses the others with EOPNOTSUPP. */
#define MAP_KNOWN                                                                                \
	(MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_32BIT | MAP_GROWSDOWN | MAP_DENYWRITE |      \
	 MAP_EXECUTABLE | MAP_LOCKED | MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | \
	 MAP_HUGETLB | MAP_SYNC | MAP_FIXED_NOREPLACE)

static bool is_page_aligned(uint64_t x)
{
	return (x & (PAGE_SIZE - 1)) == 0;
}

/* pages_len() - @len rounded up to whole pages, or 0 if that is more than user space. */
static size_t pages_len(size_t len)
{
	return len > TASK_SIZE ? 0 : ALIGN_UP(len, PAGE_SIZE);
}

/* ---- brk ------------------------------------------------------------------------------- */

/* brk_grow() - extend the heap from page @old_top to page @new_top, if nothing is there. */
static int brk_grow(struct mm *mm, uaddr_t old_top, uaddr_t new_top)
{
	if (!mm_range_is_free(mm, old_top, new_top))
		return -ENOMEM;
	return mm_map_anon(mm, old_top, new_top, PROT_READ | PROT_WRITE, "[heap]");
}

/**
 * do_brk() - move the program break of @mm to @brk.
 * @mm: the address space (exec has set its brk_start).
 * @brk: the new break; 0, below the heap's start or past mm->brk_limit just asks.
 *
 * Context: a thread of the mm's process; takes mm->lock. Does not sleep.
 * Return: the break after the call: @brk on success, the unchanged break otherwise (Linux
 * reports failure this way, never with -errno).
 */
static uaddr_t brk_locked(struct mm *mm, uaddr_t brk)
{
	uaddr_t old_top = ALIGN_UP(mm->brk, PAGE_SIZE), new_top;
	int err = 0;

	if (brk < mm->brk_start || brk > mm->brk_limit)
		return mm->brk;
	new_top = ALIGN_UP(brk, PAGE_SIZE);
	if (new_top < old_top)
		err = mm_unmap_range(mm, new_top, old_top);
	else if (new_top > old_top)
		err = brk_grow(mm, old_top, new_top);
	if (err)
		return mm->brk;
	mm->brk = brk;
	return brk;
}

uaddr_t do_brk(struct mm *mm, uaddr_t brk)
{
	uaddr_t ret;

	spin_lock(&mm->lock);
	ret = brk_locked(mm, brk);
	spin_unlock(&mm->lock);
	return ret;
}

/* ---- mmap ------------------------------------------------------------------------------ */

/* mmap_check_flags() - the sharing type and the flags make sense. MAP_SHARED_VALIDATE
 * (SHARED|PRIVATE) is for files only: it refuses unknown flags with EOPNOTSUPP, and Linux
 * refuses it outright for anonymous memory, as it does a shared grows-down area.
 * Return: 0 or -errno. */
static int mmap_check_flags(unsigned int flags)
{
	bool anon = flags & MAP_ANONYMOUS;

	switch (flags & MAP_TYPE) {
	case MAP_PRIVATE:
		return 0;
	case MAP_SHARED:
		return anon && (flags & MAP_GROWSDOWN) ? -EINVAL : 0;
	case MAP_SHARED_VALIDATE:
		if (anon)
			return -EINVAL;
		return (flags & ~MAP_KNOWN) ? -EOPNOTSUPP : 0;
	default:
		return -EINVAL;
	}
}

static bool is_shared(unsigned int flags)
{
	return (flags & MAP_TYPE) != MAP_PRIVATE;
}

/* mmap_check_file() - may @f be mapped with @prot and @flags? Return: 0 or -errno. */
static int mmap_check_file(struct file *f, unsigned int prot, unsigned int flags)
{
	if (!S_ISREG(inode_mode(f->f_inode)))
		return -ENODEV; /* directories, devices, pipes: nothing to map */
	if (!f->f_op || !f->f_op->mmap_ok)
		return -ENODEV; /* /proc files: a fault would read them under mm->lock, and
				 * their reads take tasklist_lock (found by the fuzzer) */
	if (!file_readable(f))
		return -EACCES;
	if (is_shared(flags) && (prot & PROT_WRITE))
		return file_writable(f) ? -ENODEV : -EACCES; /* writable shared: see header */
	return 0;
}

/* mmap_place() - where the new area goes: [result, result + @len). Return: the address, or
 * -EINVAL (a fixed address not aligned), -EPERM (below MMAP_MIN_ADDR), -ENOMEM (does not
 * fit), -EEXIST (MAP_FIXED_NOREPLACE over something). */
static long mmap_place(struct mm *mm, const struct mmap_req *req, size_t len)
{
	uaddr_t addr = req->addr;

	if (req->flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (!is_page_aligned(addr))
			return -EINVAL;
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		if (addr < MMAP_MIN_ADDR)
			return -EPERM;
		if ((req->flags & MAP_FIXED_NOREPLACE) && !mm_range_is_free(mm, addr, addr + len))
			return -EEXIST;
		return (long)addr;
	}
	if (addr >= MMAP_MIN_ADDR && addr <= TASK_SIZE - len) {
		addr = ALIGN_UP(addr, PAGE_SIZE);
		if (addr <= TASK_SIZE - len && mm_range_is_free(mm, addr, addr + len))
			return (long)addr;
	}
	addr = mm_find_free_range(mm, len);
	return addr ? (long)addr : -ENOMEM;
}

/* mmap_area() - the area mmap(@req) describes at @start, with @file (or NULL). */
static struct vm_area mmap_area(const struct mmap_req *req, uaddr_t start, size_t len,
				struct file *file)
{
	struct vm_area a = {
		.start = start,
		.end = start + len,
		.prot = req->prot & PROT_ALL,
		.flags = is_shared(req->flags) ? VMA_SHARED : VMA_PRIVATE,
		.file = file,
		.file_offset = file ? req->offset : 0,
		.file_end = UINT64_MAX,
		.name = file ? "mmap" : "anon",
	};

	if (!file)
		a.flags |= VMA_ANON;
	if (req->flags & MAP_GROWSDOWN)
		a.flags |= VMA_GROWSDOWN;
	return a;
}

/* mmap_file() - the file of a non-anonymous @req, counted, checked. Return: the file, NULL
 * for an anonymous mapping, or ERR_PTR(-EBADF, -ENODEV, -EACCES). */
static struct file *mmap_file(const struct mmap_req *req)
{
	struct file *f;
	int err;

	if (req->flags & MAP_ANONYMOUS)
		return NULL;
	f = fget(req->fd);
	if (!f)
		return ERR_PTR(-EBADF);
	err = mmap_check_file(f, req->prot, req->flags);
	if (err) {
		file_put(f);
		return ERR_PTR(err);
	}
	return f;
}

/**
 * do_mmap() - map a new area into @mm as mmap(2) does (the rules are in the header comment).
 * @mm: the address space. @req: the six arguments.
 *
 * Context: a thread of the mm's process; takes mm->lock. Does not sleep.
 * Return: the area's address, or -EINVAL (length 0, offset not page-aligned, no or both
 * sharing types, unaligned MAP_FIXED address), -EOPNOTSUPP (MAP_SHARED_VALIDATE with an
 * unknown flag), -EBADF (bad fd), -ENODEV (not a regular file; writable shared file),
 * -EACCES (fd not readable; PROT_WRITE shared with a read-only fd), -EPERM (fixed below
 * MMAP_MIN_ADDR), -EEXIST (MAP_FIXED_NOREPLACE), -ENOMEM (no room, no memory).
 */
long do_mmap(struct mm *mm, const struct mmap_req *req)
{
	size_t len = pages_len(req->len);
	struct file *file;
	struct vm_area a;
	long ret;
	int err;

	if (!is_page_aligned(req->offset))
		return -EINVAL;
	file = mmap_file(req);
	if (IS_ERR(file))
		return PTR_ERR(file);
	ret = req->len == 0 ? -EINVAL : mmap_check_flags(req->flags);
	if (ret == 0 && len == 0)
		ret = -ENOMEM;
	/* Placing and mapping are one step under mm->lock: another thread could take the
	 * place in between. (The file was looked up first: the fd table's lock is outside.) */
	spin_lock(&mm->lock);
	if (ret == 0)
		ret = mmap_place(mm, req, len);
	if (ret >= 0) {
		a = mmap_area(req, (uaddr_t)ret, len, file);
		err = mm_map_area(mm, &a);
		ret = err ? err : ret;
	}
	spin_unlock(&mm->lock);
	if (file)
		file_put(file);
	return ret;
}

/* ---- munmap, mprotect, madvise ---------------------------------------------------------- */

/**
 * do_munmap() - remove [@addr, @addr + @len) from @mm; holes in the range are fine.
 * Context: a thread of the mm's process; takes mm->lock. Does not sleep.
 * Return: 0, -EINVAL (@addr not page-aligned, @len 0, the range leaves user space), or
 * -ENOMEM (an area could not be split).
 */
int do_munmap(struct mm *mm, uaddr_t addr, size_t len)
{
	int err;

	len = pages_len(len);
	if (!is_page_aligned(addr) || len == 0 || addr > TASK_SIZE - len)
		return -EINVAL;
	spin_lock(&mm->lock);
	err = mm_unmap_range(mm, addr, addr + len);
	spin_unlock(&mm->lock);
	return err;
}

/**
 * do_mprotect() - set the protection of [@addr, @addr + @len) to @prot.
 * @prot: PROT_READ | PROT_WRITE | PROT_EXEC, or PROT_NONE; PROT_GROWSDOWN/UP are accepted
 *        and ignored (our stacks are reserved whole).
 *
 * Context: a thread of the mm's process; takes mm->lock. Does not sleep.
 * Return: 0 (also for @len 0), -EINVAL (@addr unaligned, unknown @prot bits), -ENOMEM (part
 * of the range is not mapped, or memory ran out), -EACCES (a shared file area made writable).
 */
int do_mprotect(struct mm *mm, uaddr_t addr, size_t len, unsigned long prot)
{
	size_t pages = pages_len(len);
	int err = -ENOMEM;

	if (!is_page_aligned(addr) ||
	    (prot & ~(unsigned long)(PROT_ALL | PROT_GROWSDOWN | PROT_GROWSUP)))
		return -EINVAL;
	if (len == 0)
		return 0;
	if (pages == 0 || addr > TASK_SIZE - pages)
		return -ENOMEM;
	spin_lock(&mm->lock);
	if (mm_range_is_mapped(mm, addr, addr + pages))
		err = mm_protect_range(mm, addr, addr + pages, prot & PROT_ALL);
	spin_unlock(&mm->lock);
	return err;
}

/* advice_known() - is @advice one of Linux's madvise values? */
static bool advice_known(int advice)
{
	return (advice >= MADV_NORMAL && advice <= MADV_DONTNEED) ||
	       (advice >= MADV_FREE && advice <= MADV_PAGEOUT);
}

/**
 * do_madvise() - take advice about [@addr, @addr + @len). Only MADV_DONTNEED and MADV_FREE
 * do something: the pages are dropped and come back as zeroes (anonymous) or file bytes.
 *
 * Context: a thread of the mm's process; takes mm->lock. Does not sleep.
 * Return: 0 (also for @len 0), -EINVAL (@addr unaligned, unknown advice, the range wraps),
 * -ENOMEM (part of the range is not mapped; the rest was still advised, as on Linux).
 */
int do_madvise(struct mm *mm, uaddr_t addr, size_t len, int advice)
{
	size_t pages = pages_len(len);
	bool mapped;

	if (!is_page_aligned(addr) || !advice_known(advice) || (len && !pages))
		return -EINVAL;
	if (len == 0)
		return 0;
	if (addr > TASK_SIZE - pages)
		return -ENOMEM;
	spin_lock(&mm->lock);
	if (advice == MADV_DONTNEED || advice == MADV_FREE)
		mm_zap_range(mm, addr, addr + pages);
	mapped = mm_range_is_mapped(mm, addr, addr + pages);
	spin_unlock(&mm->lock);
	return mapped ? 0 : -ENOMEM;
}

/* ---- the system calls ------------------------------------------------------------------ */

static struct mm *current_mm(void)
{
	return current_process()->mm;
}

long sys_brk(const struct syscall_args *a)
{
	uaddr_t brk = a->arg[0];

	return (long)do_brk(current_mm(), brk);
}

long sys_mmap(const struct syscall_args *a)
{
	struct mmap_req req = {
		.addr = a->arg[0],
		.len = a->arg[1],
		.prot = (unsigned int)a->arg[2],
		.flags = (unsigned int)a->arg[3],
		.fd = (int)a->arg[4],
		.offset = a->arg[5],
	};

	return do_mmap(current_mm(), &req);
}

long sys_munmap(const struct syscall_args *a)
{
	uaddr_t addr = a->arg[0];
	size_t len = a->arg[1];

	return do_munmap(current_mm(), addr, len);
}

long sys_mprotect(const struct syscall_args *a)
{
	uaddr_t addr = a->arg[0];
	size_t len = a->arg[1];
	unsigned long prot = a->arg[2];

	return do_mprotect(current_mm(), addr, len, prot);
}

long sys_madvise(const struct syscall_args *a)
{
	uaddr_t addr = a->arg[0];
	size_t len = a->arg[1];
	int advice = (int)a->arg[2];

	return do_madvise(current_mm(), addr, len, advice);
}
