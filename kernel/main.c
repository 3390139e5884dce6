/* main.c - kmain(), where the portable kernel starts: bring every subsystem up, in order.
 *
 * boot/entry.asm calls kmain() on the boot stack, in 64-bit mode, with interrupts off and only
 * the early page tables. Each line of kmain() brings up one subsystem, in dependency order:
 * the machine (console, CPU tables, traps, boot information), the command line and log level,
 * memory (frames, page tables, slab caches), time and the scheduler. Then the boot flow
 * becomes a kernel thread and either runs the self-tests (`ktest=`) or reports what it found
 * for user space (the first user process arrives with the user-mode issue).
 *
 * boot_info is a global so gdb can print it (`p boot_info`) at any time.
 * See also: docs/reading-order.md (read this file first), DESIGN.md §3. Linux: init/main.c. */
#include "arch.h"
#include "boot_info.h"
#include "cmdline.h"
#include "ktest.h"
#include "mm.h"
#include "printk.h"
#include "sched.h"
#include "time.h"

struct boot_info boot_info;

/* apply_log_options() - `quiet` and `loglevel=N` set how much reaches the console. */
static void apply_log_options(void)
{
	if (cmdline_has("quiet"))
		printk_set_console_level(LOGLEVEL_WARNING);
	if (cmdline_has("loglevel"))
		printk_set_console_level((int)cmdline_get_long("loglevel", LOGLEVEL_DEFAULT_CONSOLE));
}

static void print_banner(void)
{
	pr_notice("reaper: an educational x86-64 kernel about process lifetimes and pid namespaces\n");
	pr_info("boot: loader \"%s\", command line \"%s\"\n", boot_info.loader_name,
		boot_info.cmdline);
}

/* init_path() - the first user program: init=, else rdinit=, else /sbin/init. */
static const char *init_path(void)
{
	if (cmdline_get("init") && *cmdline_get("init"))
		return cmdline_get("init");
	if (cmdline_get("rdinit") && *cmdline_get("rdinit"))
		return cmdline_get("rdinit");
	return "/sbin/init";
}

/* report_user_space() - log the initramfs module(s) and the program that will be init. */
static void report_user_space(void)
{
	for (int i = 0; i < boot_info.nr_modules; i++) {
		const struct boot_module *m = &boot_info.modules[i];

		pr_info("initramfs: module \"%s\" at %#lx, %lu bytes\n", m->name, m->start,
			m->end - m->start);
	}
	if (boot_info.nr_modules == 0)
		pr_warn("initramfs: no module given by the boot loader\n");
	pr_info("init: init=%s\n", init_path());
}

/* kernel_main_thread() - the rest of boot, running as an ordinary kernel thread. */
static void kernel_main_thread(void *arg)
{
	(void)arg;
	report_user_space();
	if (cmdline_has("ktest"))
		ktest_main(cmdline_get("ktest"));
	pr_notice("reaper: booted. User programs arrive with the next issue; this kernel idles now.\n");
	pr_notice("reaper: to leave QEMU, type Ctrl-A then X.\n");
}

/**
 * kmain() - the portable kernel's entry point.
 * @magic: the boot loader's magic number (multiboot2: 0x36d76289).
 * @info: physical address of the boot loader's information structure.
 *
 * Context: boot stack, interrupts off. Return: never; the boot flow ends in the scheduler.
 */
void kmain(uint32_t magic, paddr_t info)
{
	arch_early_init(magic, info, &boot_info);
	cmdline_parse(boot_info.cmdline);
	apply_log_options();
	print_banner();
	cmdline_log_unknown();
	mm_init(&boot_info);
	time_init();
	sched_init();
	kthread_create(kernel_main_thread, NULL, "kmain");
	sched_start();
}
