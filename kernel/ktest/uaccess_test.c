/* uaccess_test.c - self-tests of the user-copy routines and their fault fix-ups
 * (`ktest=uaccess`).
 *
 * What the host tests cannot check is the real fault path: a copy that touches an unmapped
 * user address must come back with -EFAULT through trap.c and uaccess.asm's fix-up instead of
 * panicking. The first cases run in the plain ktest thread, which has no process and the
 * kernel's page tables, so every user address is unmapped: NULL, a low page, the last user
 * page. The range checks are tested with kernel, non-canonical and wrapping addresses, which
 * must be refused before any access. The last cases borrow a real address space: the thread
 * pretends to be a process for a moment, so a copy demand-pages a fresh anonymous page (and
 * must succeed and read back what it wrote) while a copy into a hole still fails cleanly.
 * The borrowed address space is destroyed at the end of its case.
 * See also: kernel/mm/uaccess.c, arch/x86_64/uaccess.asm, arch/x86_64/trap.c,
 *   tests/host/test_uaccess.c (the pure range logic on the host).
 */
#include "ktest.h"
#include "arch.h"
#include "mm_space.h"
#include "process.h"
#include "sched.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"
#include "uapi/mman.h"

#define TEST_VA		0x400000UL	/* where the borrowed address space has a page */
#define HOLE_VA		0x800000UL	/* ... and where it has nothing */
#define NONCANONICAL	0x0000800000000000UL
#define KERNEL_ADDR	((uaddr_t)KERNEL_VMA)

static char kernel_secret[16] = "kernel-secret";

static void range_ok_edges(void)
{
	KTEST_EXPECT(user_range_ok(0, 0));
	KTEST_EXPECT(user_range_ok(USER_SPACE_END, 0));
	KTEST_EXPECT(user_range_ok(USER_SPACE_END - 1, 1));
	KTEST_EXPECT(!user_range_ok(USER_SPACE_END - 1, 2));
	KTEST_EXPECT(!user_range_ok(USER_SPACE_END, 1));
	KTEST_EXPECT(!user_range_ok(0x1000, ~0UL));	/* wraps */
	KTEST_EXPECT(!user_range_ok(~0UL - 15, 32));	/* wraps from the top */
}

static void kernel_addresses_refused(void)
{
	char buf[16];

	KTEST_EXPECT_EQ(copy_from_user(buf, KERNEL_ADDR, 8), -EFAULT);
	KTEST_EXPECT_EQ(copy_from_user(buf, (uaddr_t)kernel_secret, sizeof(buf)), -EFAULT);
	KTEST_EXPECT_EQ(copy_to_user((uaddr_t)kernel_secret, "x", 1), -EFAULT);
	KTEST_EXPECT_EQ(clear_user((uaddr_t)kernel_secret, 1), -EFAULT);
	KTEST_EXPECT_EQ(strncpy_from_user(buf, (uaddr_t)kernel_secret, sizeof(buf)), -EFAULT);
	KTEST_EXPECT(strcmp(kernel_secret, "kernel-secret") == 0);
}

static void noncanonical_and_wrapping_refused(void)
{
	char buf[16];

	KTEST_EXPECT_EQ(copy_from_user(buf, NONCANONICAL, 1), -EFAULT);
	KTEST_EXPECT_EQ(copy_from_user(buf, 0x8000000000000000UL, 1), -EFAULT);
	KTEST_EXPECT_EQ(copy_from_user(buf, USER_SPACE_END - 8, 16), -EFAULT);
	KTEST_EXPECT_EQ(copy_to_user(~0UL - 7, buf, 16), -EFAULT);
	KTEST_EXPECT_EQ(strncpy_from_user(buf, NONCANONICAL, sizeof(buf)), -EFAULT);
}

/* These reach the copy loop and fault: the fix-up must turn the fault into -EFAULT. */
static void unmapped_user_addresses_fault_cleanly(void)
{
	char buf[16] = "untouched";

	KTEST_EXPECT_EQ(copy_from_user(buf, 0, 8), -EFAULT);
	KTEST_EXPECT_EQ(copy_to_user(0, buf, 8), -EFAULT);
	KTEST_EXPECT_EQ(clear_user(0x1000, 16), -EFAULT);
	KTEST_EXPECT_EQ(copy_from_user(buf, USER_SPACE_END - 4096, 16), -EFAULT);
	KTEST_EXPECT_EQ(strncpy_from_user(buf, 0, sizeof(buf)), -EFAULT);
	KTEST_EXPECT_EQ(strncpy_from_user(buf, USER_SPACE_END - 1, sizeof(buf)), -EFAULT);
	KTEST_EXPECT(strcmp(buf, "untouched") == 0);
}

static void empty_copies_succeed(void)
{
	char buf[1];

	KTEST_EXPECT_EQ(copy_from_user(buf, 0, 0), 0);
	KTEST_EXPECT_EQ(copy_to_user(KERNEL_ADDR, buf, 0), 0);
	KTEST_EXPECT_EQ(strncpy_from_user(buf, 0, 0), -ENAMETOOLONG);
}

/* ---- with a borrowed address space ---- */

struct borrowed {
	struct process *p;
};

/* borrow_mm() - make the ktest thread look like a process with one anonymous page area. */
static bool borrow_mm(struct borrowed *b)
{
	struct thread *t = sched_current();

	b->p = process_create("uaccess_test");
	if (!b->p)
		return false;
	b->p->mm = mm_create();
	if (!b->p->mm || mm_map_anon(b->p->mm, TEST_VA, TEST_VA + PAGE_SIZE,
				     PROT_READ | PROT_WRITE, "test") < 0)
		return false;
	t->proc = b->p;		/* now the fault handler demand-pages for us */
	arch_activate_mm(b->p->mm);
	return true;
}

static void return_mm(struct borrowed *b)
{
	struct thread *t = sched_current();
	struct mm *mm = b->p ? b->p->mm : NULL;

	t->proc = NULL;
	arch_activate_mm(NULL);
	if (mm)
		mm_destroy(mm);
	if (b->p) {
		b->p->mm = NULL;
		process_destroy(b->p);
	}
}

static void demand_paged_copy_roundtrip(void)
{
	struct borrowed b = { 0 };
	char out[32] = "hello from the kernel", in[32] = { 0 };

	KTEST_EXPECT(borrow_mm(&b));
	if (b.p && b.p->mm && sched_current()->proc) {
		KTEST_EXPECT_EQ(copy_to_user(TEST_VA + 100, out, sizeof(out)), 0);
		KTEST_EXPECT_EQ(copy_from_user(in, TEST_VA + 100, sizeof(in)), 0);
		KTEST_EXPECT(memcmp(in, out, sizeof(in)) == 0);
		KTEST_EXPECT_EQ(strncpy_from_user(in, TEST_VA + 100, sizeof(in)), strlen(out));
		KTEST_EXPECT_EQ(strncpy_from_user(in, TEST_VA + 100, 5), -ENAMETOOLONG);
		KTEST_EXPECT_EQ(clear_user(TEST_VA + 100, 8), 0);
		KTEST_EXPECT_EQ(copy_to_user(HOLE_VA, out, 8), -EFAULT);
		/* A copy that starts in the area and runs off its end fails as a whole. */
		KTEST_EXPECT_EQ(copy_to_user(TEST_VA + PAGE_SIZE - 4, out, 8), -EFAULT);
	}
	return_mm(&b);
}

static const struct ktest_case uaccess_cases[] = {
	{ "range_ok_edges", range_ok_edges },
	{ "kernel_addresses_refused", kernel_addresses_refused },
	{ "noncanonical_and_wrapping_refused", noncanonical_and_wrapping_refused },
	{ "unmapped_user_addresses_fault_cleanly", unmapped_user_addresses_fault_cleanly },
	{ "empty_copies_succeed", empty_copies_succeed },
	{ "demand_paged_copy_roundtrip", demand_paged_copy_roundtrip },
};

KTEST_SUITE(uaccess, uaccess_cases);
