// sources: kernel/mm/uaccess.c
/* test_uaccess.c - host unit tests of the user-copy checks (kernel/mm/uaccess.c).
 *
 * uaccess.c decides which ranges may be copied at all and turns the copy loop's result into
 * the syscall's errno; the loop itself (arch/x86_64/uaccess.asm) and its page-fault fix-up
 * are tested in QEMU (kernel/ktest/uaccess_test.c). Here the loop is a C stand-in over a fake
 * user address space of two regions - 64 KiB at FAKE_BASE and the last 16 bytes below
 * USER_SPACE_END - where any other user address "faults" (returns -EFAULT). Addresses at or
 * above FAKE_HOST_MIN are host pointers, standing for kernel memory. The stand-ins count their
 * calls, so a case can check that a bad range was refused before any access.
 * copy_from_user_nofault() reads through the page tables instead: its stand-in page table maps
 * the pages of the same 64 KiB, except page NOFAULT_HOLE (unmapped) and page NOFAULT_NONE
 * (PROT_NONE), to "frames" whose direct-map address is the host buffer itself. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "arch.h"
#include "frame.h"
#include "mm_space.h"
#include "pgtable.h"
#include "process.h"
#include "sched.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

#define FAKE_BASE	0x10000000000UL		/* 1 TiB: no host pointer lives here */
#define FAKE_SIZE	0x10000UL
#define FAKE_HOST_MIN	0x20000000000UL		/* below: user space; above: host memory */
#define TOP_SIZE	16UL
#define TOP_BASE	(USER_SPACE_END - TOP_SIZE)

static unsigned char user_mem[FAKE_SIZE];
static unsigned char top_mem[TOP_SIZE];
static int loop_calls;

/* byte_at() - the host byte behind address @a, or NULL if @a is an unmapped user address. */
static unsigned char *byte_at(uint64_t a)
{
	if (a >= FAKE_BASE && a < FAKE_BASE + FAKE_SIZE)
		return &user_mem[a - FAKE_BASE];
	if (a >= TOP_BASE && a < USER_SPACE_END)
		return &top_mem[a - TOP_BASE];
	if (a >= FAKE_HOST_MIN)
		return (unsigned char *)a;
	return NULL;
}

long arch_uaccess_copy(uint64_t dst, uint64_t src, size_t n)
{
	loop_calls++;
	for (size_t i = 0; i < n; i++) {
		unsigned char *d = byte_at(dst + i), *s = byte_at(src + i);

		if (!d || !s)
			return -EFAULT;
		*d = *s;
	}
	return 0;
}

long arch_uaccess_clear(uint64_t dst, size_t n)
{
	loop_calls++;
	for (size_t i = 0; i < n; i++) {
		unsigned char *d = byte_at(dst + i);

		if (!d)
			return -EFAULT;
		*d = 0;
	}
	return 0;
}

long arch_uaccess_strncpy(uint64_t dst, uint64_t src, size_t max)
{
	loop_calls++;
	for (size_t i = 0; i < max; i++) {
		unsigned char *d = byte_at(dst + i), *s = byte_at(src + i);

		if (!d || !s)
			return -EFAULT;
		*d = *s;
		if (*s == 0)
			return (long)i;
	}
	return (long)max;
}

/* The page-table view of copy_from_user_nofault(): a current thread, its process and mm. */
#define NOFAULT_HOLE	5	/* page of user_mem with no mapping */
#define NOFAULT_NONE	7	/* page mapped PROT_NONE */

static struct mm fake_mm;
static struct process fake_proc;
static struct thread fake_thread;
struct thread *sched_current_thread;	/* what sched_current() reads */

paddr_t mm_pgtable_root(const struct mm *mm)
{
	return mm == &fake_mm ? 0x1000 : 0;
}

paddr_t frame_max_phys(void)
{
	return ~0UL;
}

/* pgtable_user_frame() - a "frame" whose direct-map address (pa + DIRECT_MAP_BASE, modulo
 * 2^64) is the host copy of the page, so the code under test reads user_mem itself. */
paddr_t pgtable_user_frame(paddr_t root, uaddr_t va, unsigned int *prot)
{
	uint64_t page = (va - FAKE_BASE) / PAGE_SIZE;

	assert_int_equal(root, 0x1000);
	if (va < FAKE_BASE || va >= FAKE_BASE + FAKE_SIZE || page == NOFAULT_HOLE)
		return 0;
	*prot = page == NOFAULT_NONE ? 0 : PROT_READ | PROT_WRITE;
	return (uint64_t)&user_mem[page * PAGE_SIZE] - DIRECT_MAP_BASE;
}

static int reset(void **state)
{
	(void)state;
	fake_proc.mm = &fake_mm;
	fake_thread.proc = &fake_proc;
	sched_current_thread = &fake_thread;
	memset(user_mem, 'u', sizeof(user_mem));
	memset(top_mem, 't', sizeof(top_mem));
	loop_calls = 0;
	return 0;
}

static void range_ok_edges(void **state)
{
	(void)state;
	assert_true(user_range_ok(0, 0));
	assert_true(user_range_ok(~0UL, 0));		/* empty: nothing is touched */
	assert_true(user_range_ok(0, USER_SPACE_END));	/* all of user space */
	assert_false(user_range_ok(0, USER_SPACE_END + 1));
	assert_true(user_range_ok(USER_SPACE_END - 1, 1));
	assert_false(user_range_ok(USER_SPACE_END - 1, 2));
	assert_false(user_range_ok(USER_SPACE_END, 1));
	assert_false(user_range_ok(0xffff800000000000UL, 8));	/* the direct map */
	assert_false(user_range_ok(0x1000, ~0UL));		/* would wrap */
	assert_false(user_range_ok(~0UL - 7, 16));		/* wraps from the top */
}

static void copy_roundtrip(void **state)
{
	char out[] = "hello", in[8] = { 0 };

	(void)state;
	assert_int_equal(copy_to_user(FAKE_BASE + 10, out, sizeof(out)), 0);
	assert_int_equal(copy_from_user(in, FAKE_BASE + 10, sizeof(out)), 0);
	assert_string_equal(in, "hello");
	assert_int_equal(clear_user(FAKE_BASE + 10, 2), 0);
	assert_int_equal(user_mem[10], 0);
	assert_int_equal(user_mem[12], 'l');
}

static void unmapped_gives_efault(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(copy_from_user(buf, 0, 1), -EFAULT);		/* NULL */
	assert_int_equal(copy_to_user(FAKE_BASE + FAKE_SIZE - 2, buf, 4), -EFAULT); /* runs off */
	assert_int_equal(clear_user(0x1000, 1), -EFAULT);
	assert_int_equal(loop_calls, 3);		/* refused by the loop, not the check */
}

static void kernel_ranges_refused_before_access(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(copy_from_user(buf, USER_SPACE_END, 1), -EFAULT);
	assert_int_equal(copy_to_user(0xffffffff80000000UL, buf, 1), -EFAULT);
	assert_int_equal(copy_to_user(TOP_BASE, buf, TOP_SIZE + 1), -EFAULT);
	assert_int_equal(clear_user(~0UL - 3, 8), -EFAULT);
	assert_int_equal(strncpy_from_user(buf, 0x8000000000000000UL, sizeof(buf)), -EFAULT);
	assert_int_equal(loop_calls, 0);
	assert_int_equal(copy_from_user(buf, USER_SPACE_END, 0), 0);	/* empty is fine */
}

static void strncpy_lengths(void **state)
{
	char buf[16];

	(void)state;
	memcpy(user_mem, "init\0", 5);
	assert_int_equal(strncpy_from_user(buf, FAKE_BASE, sizeof(buf)), 4);
	assert_string_equal(buf, "init");
	assert_int_equal(strncpy_from_user(buf, FAKE_BASE, 5), 4);	/* NUL fits exactly */
	assert_int_equal(strncpy_from_user(buf, FAKE_BASE, 4), -ENAMETOOLONG);
	assert_int_equal(strncpy_from_user(buf, FAKE_BASE, 0), -ENAMETOOLONG);
	assert_int_equal(strncpy_from_user(buf, 0, sizeof(buf)), -EFAULT);
}

/* A string in the last bytes of user space without a NUL runs into the kernel half: that is
 * a bad address (EFAULT), not a long name, and the kernel half is never read. */
static void strncpy_stops_at_user_space_end(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(strncpy_from_user(buf, TOP_BASE, sizeof(buf)), -EFAULT);
	top_mem[TOP_SIZE - 1] = '\0';
	assert_int_equal(strncpy_from_user(buf, TOP_BASE, sizeof(buf)), TOP_SIZE - 1);
	assert_int_equal(strncpy_from_user(buf, USER_SPACE_END - 1, sizeof(buf)), 0);
}

static void nofault_reads_mapped_pages_across_a_boundary(void **state)
{
	char buf[8];

	(void)state;
	memcpy(&user_mem[PAGE_SIZE - 4], "abcdefg", 8);
	assert_int_equal(copy_from_user_nofault(buf, FAKE_BASE + PAGE_SIZE - 4, 8), 0);
	assert_string_equal(buf, "abcdefg");
	assert_int_equal(loop_calls, 0);	/* never the faulting loop */
}

static void nofault_refuses_holes_protnone_and_kernel(void **state)
{
	uint64_t word;

	(void)state;
	assert_int_equal(copy_from_user_nofault(&word, FAKE_BASE + NOFAULT_HOLE * PAGE_SIZE, 8),
			 -EFAULT);
	assert_int_equal(copy_from_user_nofault(&word, FAKE_BASE + NOFAULT_NONE * PAGE_SIZE - 4,
						8), -EFAULT);	/* the second page */
	assert_int_equal(copy_from_user_nofault(&word, 0, 8), -EFAULT);
	assert_int_equal(copy_from_user_nofault(&word, USER_SPACE_END - 4, 8), -EFAULT);
	assert_int_equal(copy_from_user_nofault(&word, 0xffffffff80000000UL, 8), -EFAULT);
	assert_int_equal(loop_calls, 0);
}

/* A kernel thread (no process), no scheduler yet, an exited process (no mm): nothing to read. */
static void nofault_without_an_address_space(void **state)
{
	uint64_t word;

	(void)state;
	fake_proc.mm = NULL;
	assert_int_equal(copy_from_user_nofault(&word, FAKE_BASE, 8), -EFAULT);
	fake_thread.proc = NULL;
	assert_int_equal(copy_from_user_nofault(&word, FAKE_BASE, 8), -EFAULT);
	sched_current_thread = NULL;
	assert_int_equal(copy_from_user_nofault(&word, FAKE_BASE, 8), -EFAULT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(range_ok_edges, reset),
		cmocka_unit_test_setup(copy_roundtrip, reset),
		cmocka_unit_test_setup(unmapped_gives_efault, reset),
		cmocka_unit_test_setup(kernel_ranges_refused_before_access, reset),
		cmocka_unit_test_setup(strncpy_lengths, reset),
		cmocka_unit_test_setup(strncpy_stops_at_user_space_end, reset),
		cmocka_unit_test_setup(nofault_reads_mapped_pages_across_a_boundary, reset),
		cmocka_unit_test_setup(nofault_refuses_holes_protnone_and_kernel, reset),
		cmocka_unit_test_setup(nofault_without_an_address_space, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
