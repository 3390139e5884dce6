/* mm_fake.h - a fake machine for the host unit tests of kernel/mm.
 *
 * The memory code is linked unchanged into a host program; this header supplies what the
 * kernel would: a 16 MiB "RAM" (a malloc'd buffer standing in for physical 0..16 MiB, reached
 * through fake_phys_to_virt(), the one HOST_TEST hook in kernel/mm/direct_map.h), a
 * multiboot2-like memory map, and stubs for panic (turned into a cmocka-catchable failure so
 * expect_assert_failure() can check that misuse panics, with the message kept in
 * fake_panic_msg), printk (silent) and spinlocks (no-ops that still check the lock order and
 * that every lock taken is released).
 * Include it from exactly one test file per program: it defines functions. */
#ifndef REAPER_TESTS_MM_FAKE_H
#define REAPER_TESTS_MM_FAKE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "boot_info.h"
#include "frame.h"
#include "panic.h"
#include "printk.h"
#include "spinlock.h"

#define FAKE_RAM_SIZE (16UL << 20)
#define FAKE_GARBAGE  0xcc /* what "RAM" holds before the kernel writes it */

/* The fake machine's layout (physical addresses). */
#define FAKE_KERNEL_START 0x100000UL
#define FAKE_KERNEL_END	  0x180000UL /* 128 frames */
#define FAKE_INFO_START	  0x180400UL /* inside frame 0x180 */
#define FAKE_INFO_END	  0x180c00UL
#define FAKE_MODULE_START 0x200000UL
#define FAKE_MODULE_END	  0x203039UL /* touches frames 0x200..0x203 */
#define FAKE_RAM_END	  0xfe0000UL /* the top 128 KiB are firmware-reserved */

static unsigned char *fake_ram;
static struct boot_info fake_bi;
static char fake_panic_msg[512];
static int fake_panic_count;

void *fake_phys_to_virt(paddr_t pa)
{
	if (pa >= FAKE_RAM_SIZE)
		fail_msg("phys_to_virt(%#llx): beyond the fake RAM", (unsigned long long)pa);
	return fake_ram + pa;
}

/* Pointers outside the fake RAM translate to an address beyond every frame. */
paddr_t fake_virt_to_phys(const void *va)
{
	uintptr_t v = (uintptr_t)va, base = (uintptr_t)fake_ram;

	if (v < base || v >= base + FAKE_RAM_SIZE)
		return ~(paddr_t)0;
	return v - base;
}

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fake_panic_msg, sizeof(fake_panic_msg), fmt, ap);
	va_end(ap);
	fake_panic_count++;
	mock_assert(0, fake_panic_msg, __FILE__, __LINE__);
	abort(); /* mock_assert() longjmps out of the test; never reached */
}

void printk(int level, const char *fmt, ...)
{
	(void)level;
	(void)fmt;
}

/* Spinlocks: one CPU, no interrupts; keep the held stack to check order and balance. */
static struct spinlock *fake_held[SPIN_MAX_HELD];
static int fake_nr_held;

void spin_init(struct spinlock *lock, const char *name, int level)
{
	lock->locked = 0;
	lock->name = name;
	lock->level = level;
}

void spin_lock(struct spinlock *lock)
{
	if (fake_nr_held > 0 && fake_held[fake_nr_held - 1]->level >= lock->level)
		fail_msg("lock order: %s (level %d) under %s (level %d)", lock->name, lock->level,
			 fake_held[fake_nr_held - 1]->name, fake_held[fake_nr_held - 1]->level);
	lock->locked = 1;
	fake_held[fake_nr_held++] = lock;
}

void spin_unlock(struct spinlock *lock)
{
	if (fake_nr_held == 0 || fake_held[fake_nr_held - 1] != lock)
		fail_msg("spin_unlock(%s): not the innermost held lock", lock->name);
	lock->locked = 0;
	fake_nr_held--;
}

bool spin_is_held(const struct spinlock *lock)
{
	for (int i = 0; i < fake_nr_held; i++)
		if (fake_held[i] == lock)
			return true;
	return false;
}

int spin_held_count(void)
{
	return fake_nr_held;
}

/* fake_add_region() - append one memory-map region to fake_bi. */
static inline void fake_add_region(paddr_t base, paddr_t end, uint32_t type)
{
	struct boot_mem_region *m = &fake_bi.mem[fake_bi.nr_mem++];

	m->base = base;
	m->length = end - base;
	m->type = type;
}

/* fake_default_map() - a small PC: low RAM, BIOS holes, 1 MiB..~16 MiB, a module. */
static inline void fake_default_map(void)
{
	memset(&fake_bi, 0, sizeof(fake_bi));
	fake_add_region(0, 0x9fc00, BOOT_MEM_USABLE);
	fake_add_region(0x9fc00, 0xa0000, BOOT_MEM_RESERVED);
	fake_add_region(0xf0000, 0x100000, BOOT_MEM_RESERVED);
	fake_add_region(0x100000, FAKE_RAM_END, BOOT_MEM_USABLE);
	fake_add_region(FAKE_RAM_END, FAKE_RAM_SIZE, BOOT_MEM_RESERVED);
	fake_bi.modules[0].start = FAKE_MODULE_START;
	fake_bi.modules[0].end = FAKE_MODULE_END;
	fake_bi.nr_modules = 1;
	fake_bi.info_start = FAKE_INFO_START;
	fake_bi.info_end = FAKE_INFO_END;
}

/* fake_power_on() - fresh garbage-filled RAM and no locks held. */
static inline void fake_power_on(void)
{
	if (!fake_ram)
		fake_ram = aligned_alloc(4096, FAKE_RAM_SIZE);
	assert_non_null(fake_ram);
	memset(fake_ram, FAKE_GARBAGE, FAKE_RAM_SIZE);
	fake_nr_held = 0;
	fake_panic_count = 0;
	fake_panic_msg[0] = '\0';
}

/* fake_boot_frames() - power on and run frame_init() on the current fake_bi. */
static inline void fake_boot_frames(void)
{
	fake_power_on();
	frame_init(&fake_bi, FAKE_KERNEL_START, FAKE_KERNEL_END);
}

/* expect_panic() - run @stmt, which must panic with a message containing @text. */
#define expect_panic(stmt, text)                                                       \
	do {                                                                           \
		fake_panic_msg[0] = '\0';                                              \
		expect_assert_failure(stmt);                                           \
		fake_nr_held = 0; /* the panic left its locks behind */                \
		if (!strstr(fake_panic_msg, (text)))                                   \
			fail_msg("panic \"%s\" lacks \"%s\"", fake_panic_msg, (text)); \
	} while (0)

#endif
