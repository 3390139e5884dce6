# reaper.gdb - what `make gdb` loads: attach to QEMU's gdb stub and get ready to step.
#
# QEMU (started by `make debug`) waits at the first instruction of the BIOS with its stub on
# localhost:1234. GRUB then copies the kernel into memory, which would erase software
# breakpoints set before that, so use hardware breakpoints (hbreak) for the first stop.
# The Python helpers of tools/gdb/ (os-ps, os-pidns, os-dcache, os-dmesg, os-slab, os-user,
# $os_current(), $os_thread(); docs/gdb.md) load from here: the path is relative to the
# repository root, where `make gdb` runs.
set pagination off
set confirm off
set architecture i386:x86-64
source tools/gdb/reaper.py
target remote localhost:1234
echo \nreaper: attached. Try:  hbreak kmain   then   continue\n
echo reaper: afterwards ordinary breakpoints work (break panic, break schedule).\n
echo reaper: helpers: os-ps os-pidns os-dcache os-dmesg os-slab os-user; help os-ps (docs/gdb.md)\n
