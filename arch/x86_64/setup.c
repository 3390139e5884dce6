/* setup.c - the machine half of boot: from kmain()'s first line to a CPU that can trap.
 *
 * arch_early_init() is the first thing kmain() calls. It brings up, in order, the serial
 * console (so everything after can print), the kernel's own GDT and TSS, the IDT (so a fault
 * from here on is reported instead of triple-faulting), the PIC (remapped, all IRQs masked
 * until a driver registers one), SSE for user programs (fpu.c), the `syscall` MSRs
 * (usermode.c) and the boot time from the real-time clock (rtc.c), and reads GRUB's boot information into a struct boot_info.
 * The boot information is reached through the direct map that boot/entry.asm set up for the
 * first GiB of physical memory, where GRUB places it.
 * See also: boot/entry.asm (what ran before), kernel/main.c (what runs after). */
#include "arch.h"
#include "gdt.h"
#include "multiboot2.h"
#include "panic.h"
#include "pic.h"
#include "printk.h"
#include "serial.h"
#include "trap.h"
#include "usermode.h"
#include "fpu.h"
#include "rtc.h"

/**
 * arch_early_init() - console, CPU tables and traps; then parse the boot information.
 * @magic: eax from the boot loader; must be the multiboot2 magic.
 * @info: physical address of the multiboot2 information structure.
 * @bi: filled with what the boot loader told us.
 *
 * Context: boot, interrupts off, on the boot stack. Return: nothing; panics if the boot
 * information is missing or malformed.
 */
void arch_early_init(uint32_t magic, paddr_t info, struct boot_info *bi)
{
	serial_init();
	gdt_init();
	idt_init();
	pic_init();
	fpu_init();
	syscall_arch_init();
	rtc_init();
	if (magic != MULTIBOOT2_BOOT_MAGIC)
		panic("boot: bad multiboot2 magic %#x", magic);
	if (multiboot2_parse(phys_to_virt(info), info, bi) < 0)
		panic("boot: malformed multiboot2 information at %#lx", info);
}
