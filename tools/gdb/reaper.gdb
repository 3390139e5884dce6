# reaper.gdb - what `make gdb` loads: attach to QEMU's gdb stub and get ready to step.
#
# QEMU (started by `make debug`) waits at the first instruction of the BIOS with its stub on
# localhost:1234. GRUB then copies the kernel into memory, which would erase software
# breakpoints set before that, so use hardware breakpoints (hbreak) for the first stop.
# The Python helpers of tools/gdb/ (os-ps, os-pidns, ...) load from here as they arrive.
set pagination off
set confirm off
set architecture i386:x86-64
target remote localhost:1234
echo \nreaper: attached. Try:  hbreak kmain   then   continue\n
echo reaper: afterwards ordinary breakpoints work (break panic, break schedule).\n
