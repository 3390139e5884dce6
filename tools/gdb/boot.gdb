# boot.gdb - what `make gdb-boot` loads: stop at the kernel's very first instruction, the
# 32-bit entry start32 of boot/entry.asm, and say how to go on from there.
#
# QEMU (started by `make debug`) waits at the BIOS with its stub on localhost:1234. GRUB loads
# the kernel and jumps to start32 in 32-bit protected mode, paging off, so the breakpoint goes
# at start32's PHYSICAL address - its load address (LMA), which $os_entry_phys() reads from
# build/kernel.elf (tools/gdb/os_boot.py) - and it is a hardware one: GRUB copies the kernel
# over memory after we connect, which would erase a software breakpoint.
#
# The architecture stays i386:x86-64 throughout, although the CPU runs 32-bit code until the
# far jump to start64_low: QEMU's x86-64 stub always sends 64-bit registers, so gdb refuses
# `set architecture i386` ("Remote 'g' packet reply is too long") or ignores it once
# connected. Use os-x32i to decode 32-bit code; $eax, `info registers eax` show the 32-bit
# registers. From start64_low on, x/i and stepi decode correctly again (docs/gdb.md).
# The labels of boot/entry.asm's .boot section are data symbols to gdb (the section holds the
# multiboot2 header too), so a breakpoint on one takes its address: hbreak *&start64_low.
#
# tests/gdb/boot.gdb runs this script as is (with $reaper_port set to a free port) and
# tests/gdb/run_boot.py checks where it stopped.
set pagination off
set confirm off
set architecture i386:x86-64
source tools/gdb/reaper.py
if $_isvoid($reaper_port)
  set $reaper_port = 1234
end
eval "target remote localhost:%d", $reaper_port
eval "hbreak *%#lx", $os_entry_phys()
continue
echo \nreaper: stopped at start32 (boot/entry.asm): 32-bit protected mode, paging off.\n
echo reaper: os-x32i 8          the next 8 instructions, decoded as 32-bit code (x/i would decode them as 64-bit)\n
echo reaper: stepi; info registers eax ebx   (eax: the multiboot2 magic 0x36d76289, ebx: the boot information)\n
echo reaper: hbreak *&start64_low; continue   the first 64-bit instruction, after the far jump: x/i is right again\n
echo reaper: hbreak kmain; continue         C code with source lines; from there on, break works too\n
