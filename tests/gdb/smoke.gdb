# smoke.gdb - the gdb smoke test: can a student debug the kernel the way docs/ says?
# tests/gdb/run_smoke.py starts QEMU halted with its gdb stub, sets $smoke_port, and runs
#     gdb -batch -nx -ex 'set $smoke_port = PORT' -x tests/gdb/smoke.gdb build/kernel.elf
# then checks the output: kmain in a backtrace, the later function as frame #0, and a field of
# struct boot_info.
#
# Breakpoints are hardware ones (hbreak): GRUB copies the kernel into memory after gdb has
# connected, so a software breakpoint (an int3 written into memory) would be overwritten.

# A function the kernel calls after kmain's first lines, where boot_info is filled in.
# Change it here only: run_smoke.py reads this line to know which frame #0 to expect.
set $smoke_later = "sched_start"

set pagination off
set confirm off
set breakpoint pending off
set architecture i386:x86-64
eval "target remote 127.0.0.1:%d", $smoke_port

hbreak kmain
continue
bt

eval "hbreak %s", $smoke_later
continue
bt

print boot_info
print boot_info.cmdline
print boot_info.nr_mem

kill
