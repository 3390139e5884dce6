/* main.c - kmain(), where the portable kernel starts: bring every subsystem up, in order.
 *
 * boot/entry.asm calls kmain() on the boot stack, in 64-bit mode, with interrupts off and only
 * the early page tables. Each line of kmain() brings up one subsystem, in dependency order:
 * the machine (console, CPU tables, traps, boot information), the command line and log level,
 * memory (frames, page tables, slab caches), time and the scheduler, the VFS (a root ramfs
 * with the initramfs unpacked into it). Then the boot flow
 * becomes a kernel thread and either runs the self-tests (`ktest=`) or turns itself into the
 * first user process, init (process_start_init(), kernel/process.c).
 *
 * boot_info is a global so gdb can print it (`p boot_info`) at any time.
 * See also: docs/reading-order.md (read this file first), DESIGN.md §3. Linux: init/main.c. */
#include "arch.h"
#include "boot_info.h"
#include "cmdline.h"
#include "initramfs.h"
#include "ktest.h"
#include "mm.h"
#include "pid_namespace.h"
#include "printk.h"
#include "process.h"
#include "sched.h"
#include "syscall.h"
#include "time.h"
#include "tty.h"
#include "vfs.h"

#define INIT_FAILED_QEMU_CODE	3	/* QEMU exits with (3 << 1) | 1 = 7, as when init exits */

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

/* run_init() - this thread becomes the first user process, running init_path() with the
 * words after "--" as its arguments. Returns only if that fails: then nothing can run, so the
 * machine powers off with a failure code, as when init exits (kernel/exit.c). */
static NORETURN void run_init(void)
{
	const char *argv[CMDLINE_MAX_INIT_ARGS + 2];
	const char *const *args = cmdline_init_args();
	int argc, err;

	argv[0] = init_path();
	for (argc = 1; argc <= CMDLINE_MAX_INIT_ARGS && args[argc - 1]; argc++)
		argv[argc] = args[argc - 1];
	argv[argc] = NULL;
	err = process_start_init(init_path(), argv);
	pr_emerg("init: cannot run %s: error %d\n", init_path(), err);
	arch_qemu_exit(INIT_FAILED_QEMU_CODE);
}

/* kernel_main_thread() - the rest of boot, running as an ordinary kernel thread. */
static void kernel_main_thread(void *arg)
{
	(void)arg;
	report_user_space();
	if (cmdline_has("ktest"))
		ktest_main(cmdline_get("ktest"));
	syscall_init();
	run_init();
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
	pidns_init();
	vfs_init();
	initramfs_unpack(&boot_info);
	tty_init();
	kthread_create(kernel_main_thread, NULL, "kmain");
	sched_start();
}
