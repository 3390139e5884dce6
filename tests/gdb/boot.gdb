# boot.gdb (test) - `make gdb-boot` as a student would use it, checked by tests/gdb/run_boot.py.
# run_boot.py starts QEMU halted and runs
#     gdb -batch -nx -ex 'set $smoke_port = PORT' -x tests/gdb/boot.gdb build/kernel.elf
# This file runs tools/gdb/boot.gdb unchanged (which stops at start32), then the first steps of
# its guide: the registers GRUB hands over, the 32-bit code, the far jump into long mode, kmain.
# Each printf starts with "boot:" so run_boot.py finds its line.
set $reaper_port = $smoke_port
source tools/gdb/boot.gdb

info registers rip
printf "boot: cr0=%#lx cs=%#lx eax=%#lx\n", $cr0, $cs, $eax
os-x32i 3

hbreak *&start64_low
continue
printf "boot: long mode cs=%#lx\n", $cs
x/i $pc

hbreak kmain
continue
bt 1

kill
