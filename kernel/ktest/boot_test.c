/* boot_test.c - self-tests of what the boot loader handed over (`ktest=boot`).
 *
 * The memory map must describe usable RAM; each module must lie in physical memory the
 * direct map reaches, and an initramfs module must start with the cpio newc magic "070701"
 * (which proves GRUB loaded the archive where the tag says); the command line must have been
 * split into the options the kernel reads back.
 * See also: arch/x86_64/multiboot2.c, kernel/cmdline.c, tests/host/test_multiboot2.c. */
#include "ktest.h"
#include "arch.h"
#include "boot_info.h"
#include "cmdline.h"
#include "string.h"

extern struct boot_info boot_info;

static void memory_map_has_usable_ram(void)
{
	uint64_t usable = 0;

	for (int i = 0; i < boot_info.nr_mem; i++)
		if (boot_info.mem[i].type == BOOT_MEM_USABLE)
			usable += boot_info.mem[i].length;
	KTEST_EXPECT(boot_info.nr_mem > 0);
	KTEST_EXPECT(usable >= 16UL * 1024 * 1024);	/* QEMU is started with 256 MiB */
}

static void modules_are_cpio_archives(void)
{
	KTEST_EXPECT(boot_info.nr_modules >= 1);
	for (int i = 0; i < boot_info.nr_modules; i++) {
		const struct boot_module *m = &boot_info.modules[i];

		KTEST_EXPECT(m->end > m->start + 6);
		KTEST_EXPECT(memcmp(phys_to_virt(m->start), "070701", 6) == 0);
	}
}

static void cmdline_round_trip(void)
{
	KTEST_EXPECT(cmdline_count() >= 1);
	KTEST_EXPECT(strcmp(cmdline_get("ktest"), "") != 0);
	KTEST_EXPECT(cmdline_is_known("ktest"));
	KTEST_EXPECT(strncmp(cmdline_raw(), boot_info.cmdline, CMDLINE_MAX) == 0);
}

static void boot_info_is_reserved_range(void)
{
	KTEST_EXPECT(boot_info.info_end > boot_info.info_start);
	KTEST_EXPECT(boot_info.info_end - boot_info.info_start < 64 * 1024);
}

static const struct ktest_case boot_cases[] = {
	{ "memory_map_has_usable_ram", memory_map_has_usable_ram },
	{ "modules_are_cpio_archives", modules_are_cpio_archives },
	{ "cmdline_round_trip", cmdline_round_trip },
	{ "boot_info_is_reserved_range", boot_info_is_reserved_range },
};
KTEST_SUITE(boot, boot_cases);
