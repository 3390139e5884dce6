/* mm_test.c - the address space from user space: brk, anonymous and file mmap, munmap,
 * mprotect, and the errors of each.
 *
 * What cannot be tested yet: touching an unmapped or read-only page kills the process, and
 * without fork (a child to die) or signals (a handler to catch SIGSEGV) the suite would die
 * with it. So munmap is checked the other way round: MAP_FIXED_NOREPLACE, which fails with
 * EEXIST on a range that is still mapped, succeeds on a range munmap freed. Write protection
 * is checked only as far as mprotect's return values.
 * brk is driven with the raw syscall (musl's sbrk() refuses to move it) and always put back
 * where it was, because musl's malloc owns the area above it.
 * See also: kernel/mm/mmap.c, tap.h. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "tap.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define PAGE 4096UL

static uintptr_t brk_set(uintptr_t addr)
{
	return (uintptr_t)syscall(SYS_brk, addr);
}

/* all_bytes() - every byte of @p[0..@n) equals @v. */
static bool all_bytes(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return tap_fail(__FILE__, __LINE__, "byte %zu is %#x, expected %#x", i,
					p[i], v);
	return true;
}

static void *map_anon(void *hint, size_t len, int extra_flags)
{
	return mmap(hint, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | extra_flags,
		    -1, 0);
}

/* is_free() - nothing is mapped at [@p, @p+@len): a MAP_FIXED_NOREPLACE mapping fits there. */
static bool is_free(void *p, size_t len)
{
	void *q = map_anon(p, len, MAP_FIXED_NOREPLACE);

	if (q == MAP_FAILED)
		return false;
	munmap(q, len);
	return q == p;
}

static void brk_grow_use_shrink(void)
{
	uintptr_t start = brk_set(0);
	size_t len = 64 * 1024;
	unsigned char *p = (unsigned char *)start;

	EXPECT_NE(start, 0);
	if (!EXPECT_EQ(brk_set(start + len), start + len))
		return;
	memset(p, 0xa5, len);
	EXPECT_TRUE(all_bytes(p, len, 0xa5));
	EXPECT_EQ(brk_set(start), start);			/* shrink back */
	EXPECT_EQ(brk_set(start + len), start + len);		/* grow again: fresh zeros */
	EXPECT_TRUE(all_bytes(p, len, 0));
	EXPECT_EQ(brk_set(start), start);
	EXPECT_EQ(brk_set(0), start);
}

static void brk_refuses_bad_values(void)
{
	uintptr_t start = brk_set(0);

	/* A refused brk returns the old break, not an error. */
	EXPECT_EQ(brk_set(4096), start);			/* below the program */
	EXPECT_EQ(brk_set(0x0000800000000000UL), start);	/* beyond user space */
	EXPECT_EQ(brk_set(0xffffffff80000000UL), start);	/* the kernel */
	EXPECT_EQ(brk_set(0), start);
}

static void brk_large_growth(void)
{
	uintptr_t start = brk_set(0);
	size_t len = 8UL << 20;

	if (!EXPECT_EQ(brk_set(start + len), start + len))
		return;
	for (size_t off = 0; off < len; off += PAGE)
		((volatile unsigned char *)start)[off] = (unsigned char)(off >> 12);
	for (size_t off = 0; off < len; off += PAGE)
		if (!EXPECT_EQ(((unsigned char *)start)[off], (unsigned char)(off >> 12)))
			break;
	EXPECT_EQ(brk_set(start), start);
}

static void mmap_anonymous_private(void)
{
	size_t len = 3 * PAGE;
	unsigned char *p = map_anon(NULL, len, 0);

	if (!EXPECT_TRUE(p != MAP_FAILED))
		return;
	EXPECT_EQ((uintptr_t)p % PAGE, 0);
	EXPECT_TRUE(all_bytes(p, len, 0));
	memset(p, 0x5a, len);
	EXPECT_TRUE(all_bytes(p, len, 0x5a));
	EXPECT_ERRNO(map_anon(p, PAGE, MAP_FIXED_NOREPLACE) == MAP_FAILED ? -1 : 0, EEXIST);
	EXPECT_OK(munmap(p, len));
	EXPECT_TRUE(is_free(p, len));
}

static void mmap_large_anonymous(void)
{
	size_t len = 4UL << 20;
	unsigned char *p = map_anon(NULL, len, 0);

	if (!EXPECT_TRUE(p != MAP_FAILED))
		return;
	for (size_t off = 0; off < len; off += PAGE)
		p[off + (off >> 12) % PAGE] = 0x77;
	for (size_t off = 0; off < len; off += PAGE)
		if (!EXPECT_EQ(p[off + (off >> 12) % PAGE], 0x77))
			break;
	EXPECT_OK(munmap(p, len));
}

static void mmap_fixed_replaces(void)
{
	unsigned char *p = map_anon(NULL, 2 * PAGE, 0), *q;

	if (!EXPECT_TRUE(p != MAP_FAILED))
		return;
	memset(p, 1, 2 * PAGE);
	q = map_anon(p + PAGE, PAGE, MAP_FIXED);
	EXPECT_EQ((uintptr_t)q, (uintptr_t)(p + PAGE));
	EXPECT_EQ(p[0], 1);
	EXPECT_EQ(p[PAGE], 0);					/* the new page is fresh */
	EXPECT_OK(munmap(p, 2 * PAGE));
}

static void munmap_middle_pages(void)
{
	unsigned char *p = map_anon(NULL, 4 * PAGE, 0);

	if (!EXPECT_TRUE(p != MAP_FAILED))
		return;
	memset(p, 3, 4 * PAGE);
	EXPECT_OK(munmap(p + PAGE, 2 * PAGE));
	EXPECT_TRUE(is_free(p + PAGE, 2 * PAGE));
	EXPECT_TRUE(!is_free(p, PAGE));
	EXPECT_TRUE(!is_free(p + 3 * PAGE, PAGE));
	EXPECT_EQ(p[0], 3);					/* the ends survive */
	EXPECT_EQ(p[3 * PAGE + 17], 3);
	EXPECT_OK(munmap(p, 4 * PAGE));				/* holes are fine */
	EXPECT_TRUE(is_free(p, 4 * PAGE));
}

/* make_file() - a file in /tmp with @len bytes of a known pattern; returns an O_RDWR fd. */
static int make_file(char *path, size_t len)
{
	int fd;

	strcpy(path, "/tmp/mm_test.XXXXXX");
	fd = mkstemp(path);
	if (!EXPECT_OK(fd))
		return -1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)('a' + i % 23 + i / 4096);

		if (write(fd, &c, 1) != 1)
			return tap_fail(__FILE__, __LINE__, "write failed"), -1;
	}
	return fd;
}

static void mmap_file_private(void)
{
	size_t len = 2 * PAGE + 100;
	static unsigned char want[3 * PAGE];
	char path[32];
	int fd = make_file(path, len);
	unsigned char *p;

	if (fd < 0)
		return;
	EXPECT_EQ(pread(fd, want, len, 0), (ssize_t)len);
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (EXPECT_TRUE(p != MAP_FAILED)) {
		EXPECT_EQ(memcmp(p, want, len), 0);
		EXPECT_TRUE(all_bytes(p + len, 3 * PAGE - len, 0));	/* past EOF: zeros */
		p[5] = '#';						/* private: */
		EXPECT_EQ(pread(fd, want, 8, 0), 8);			/* the file keeps 'f' */
		EXPECT_EQ(want[5], 'a' + 5);
		EXPECT_OK(munmap(p, len));
	}
	p = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE);		/* the second page */
	if (EXPECT_TRUE(p != MAP_FAILED)) {
		EXPECT_EQ(p[0], 'a' + 4096 % 23 + 1);
		EXPECT_OK(munmap(p, PAGE));
	}
	close(fd);
	EXPECT_OK(unlink(path));
}

/* A read-only private file mapping maps the file's own frames under reaper (kernel/mm/
 * fault.c, shared_file_frame), as Linux maps its page cache: a write to the file shows in
 * the mapping, and once the mapping is made writable a write to it stays private. */
static void mmap_readonly_private_shares_until_written(void)
{
	size_t len = 4 * PAGE;
	char path[32], c = 0;
	int fd = make_file(path, len);
	unsigned char *p;

	if (fd < 0)
		return;
	p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (EXPECT_TRUE(p != MAP_FAILED)) {
		EXPECT_EQ(p[PAGE + 7], 'a' + (PAGE + 7) % 23 + 1);
		EXPECT_EQ(pwrite(fd, "XYZ", 3, PAGE), 3);	/* the file changes ... */
		EXPECT_EQ(memcmp(p + PAGE, "XYZ", 3), 0);	/* ... and so does the mapping */
		EXPECT_OK(mprotect(p, len, PROT_READ | PROT_WRITE));
		p[PAGE] = '#';					/* now a private copy */
		EXPECT_EQ(pread(fd, &c, 1, PAGE), 1);
		EXPECT_EQ(c, 'X');
		EXPECT_EQ(p[PAGE + 1], 'Y');
		EXPECT_OK(munmap(p, len));
	}
	close(fd);
	EXPECT_OK(unlink(path));
}

/* free_pages() - free memory in pages (sysinfo), for the leak check below. */
static long free_pages(void)
{
	struct sysinfo si;

	return sysinfo(&si) == 0 ? (long)(si.freeram * si.mem_unit / PAGE) : -1;
}

/* The file's frames a mapping shares outlive a truncate of the file while mapped, and go back
 * at the munmap: not before (a use-after-free), not never (a leak). The page count is judged
 * under reaper, whose free memory moves only with us; on Linux the steps alone run. */
static void mapped_file_frames_freed_after_truncate_and_munmap(void)
{
	size_t len = 16 * PAGE;
	char path[32];
	int fd = make_file(path, len);
	unsigned char *p;
	long before, after;
	unsigned sum = 0;

	if (fd < 0)
		return;
	before = free_pages();
	p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (EXPECT_TRUE(p != MAP_FAILED)) {
		for (size_t off = 0; off < len; off += PAGE)
			sum += p[off];
		EXPECT_OK(ftruncate(fd, 0));	/* the file lets go; the mapping still holds */
		EXPECT_OK(munmap(p, len));	/* the last holder: the 16 frames are free */
	}
	after = free_pages();
	tap_note("free pages: %ld before the mapping, %ld after truncate and munmap (sum %u)",
		 before, after, sum);
	if (tap_on_reaper())
		EXPECT_TRUE(after >= before + 16 - 2);	/* 2: page tables the mapping kept */
	close(fd);
	EXPECT_OK(unlink(path));
}

static void mmap_shared_anonymous(void)
{
	unsigned char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
				-1, 0);

	if (!EXPECT_TRUE(p != MAP_FAILED))
		return;
	EXPECT_TRUE(all_bytes(p, PAGE, 0));
	p[100] = 9;
	EXPECT_EQ(p[100], 9);
	EXPECT_OK(munmap(p, PAGE));
}

static void mprotect_changes(void)
{
	unsigned char *p = map_anon(NULL, 2 * PAGE, 0);

	if (!EXPECT_TRUE(p != MAP_FAILED))
		return;
	p[0] = 1;
	/* Writing to the page now would kill us (SIGSEGV): not testable before signals. */
	EXPECT_OK(mprotect(p, PAGE, PROT_READ));
	EXPECT_EQ(p[0], 1);					/* still readable */
	EXPECT_OK(mprotect(p, PAGE, PROT_READ | PROT_WRITE));
	p[0] = 2;
	EXPECT_EQ(p[0], 2);
	/* musl's mprotect() rounds the address down; the raw syscall does not. */
	EXPECT_ERRNO(syscall(SYS_mprotect, p + 1, PAGE, PROT_READ), EINVAL);	/* unaligned */
	EXPECT_ERRNO(mprotect(p, PAGE, 0x1000), EINVAL);		/* unknown bit */
	EXPECT_OK(munmap(p, 2 * PAGE));
	EXPECT_ERRNO(mprotect(p, PAGE, PROT_READ), ENOMEM);	/* nothing mapped there */
}

static void mmap_errors(void)
{
	char path[32];
	int fd = make_file(path, 10), wronly;

	EXPECT_ERRNO(map_anon(NULL, 0, 0) == MAP_FAILED ? -1 : 0, EINVAL);
	EXPECT_ERRNO(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 100) == MAP_FAILED ? -1 : 0,
		     EINVAL);					/* unaligned offset */
	EXPECT_ERRNO(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0) == MAP_FAILED ? -1 : 0,
		     EBADF);
	EXPECT_ERRNO(mmap(NULL, PAGE, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED ? -1 : 0,
		     EINVAL);					/* neither shared nor private */
	/* SHARED|PRIVATE is MAP_SHARED_VALIDATE: a file mapping may accept it, Linux refuses it
	 * for anonymous memory. Types other than 1, 2, 3 are invalid. */
	EXPECT_ERRNO(map_anon(NULL, PAGE, MAP_SHARED) == MAP_FAILED ? -1 : 0, EINVAL);
	EXPECT_ERRNO(mmap(NULL, PAGE, PROT_READ, 0xf | MAP_ANONYMOUS, -1, 0) == MAP_FAILED
			     ? -1 : 0, EINVAL);
	EXPECT_ERRNO(map_anon((void *)0x10001, PAGE, MAP_FIXED) == MAP_FAILED ? -1 : 0, EINVAL);
	EXPECT_ERRNO(map_anon(NULL, (size_t)1 << 62, 0) == MAP_FAILED ? -1 : 0, ENOMEM);
	wronly = open(path, O_WRONLY);
	EXPECT_ERRNO(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, wronly, 0) == MAP_FAILED ? -1 : 0,
		     EACCES);					/* not open for reading */
	close(wronly);
	EXPECT_ERRNO(munmap((void *)0x10001, PAGE), EINVAL);
	EXPECT_ERRNO(munmap(NULL, 0), EINVAL);
	close(fd);
	unlink(path);
}

static const struct tap_case cases[] = {
	TAP_CASE(brk_grow_use_shrink),
	TAP_CASE(brk_refuses_bad_values),
	TAP_CASE(brk_large_growth),
	TAP_CASE(mmap_anonymous_private),
	TAP_CASE(mmap_large_anonymous),
	TAP_CASE(mmap_fixed_replaces),
	TAP_CASE(munmap_middle_pages),
	TAP_CASE(mmap_file_private),
	TAP_CASE(mmap_readonly_private_shares_until_written),
	TAP_CASE(mapped_file_frames_freed_after_truncate_and_munmap),
	TAP_CASE(mmap_shared_anonymous),
	TAP_CASE(mprotect_changes),
	TAP_CASE(mmap_errors),
};

int main(int argc, char **argv)
{
	return TAP_MAIN("mm", cases, argc, argv);
}
