# os_boot.py - the two things gdb needs before the kernel reaches 64-bit code (`make gdb-boot`).
#
#   $os_entry_phys()  the physical address GRUB jumps to: the ELF entry point (start32, in
#                     boot/entry.asm), translated through the program header that loads it
#                     (its LMA). Today .boot is linked at its physical address, so the two
#                     are equal; the translation keeps the breakpoint right if it ever moves.
#   os-x32i [N [ADDR]]  the next N instructions at ADDR (default $pc), decoded as 32-bit code.
#
# Why os-x32i: QEMU's x86-64 gdb stub always describes a 64-bit CPU, so gdb keeps the
# architecture i386:x86-64 even while the CPU runs 32-bit code - `set architecture i386`
# either breaks the connection ("Remote 'g' packet reply is too long") or, once connected,
# is ignored - and x/i decodes 32-bit code as 64-bit (`mov [boot_magic], eax` comes out as a
# movabs). os-x32i reads the bytes from the target and has objdump decode them as i386, in
# Intel syntax like the NASM source. Registers are fine: $eax, `info registers eax` work.
# docs/gdb.md ("Debugging the 32-bit entry") shows a session; tests/gdb/run_boot.py tests it.

import os
import struct
import subprocess
import tempfile

import gdb

OBJDUMP = os.environ.get("OBJDUMP", "objdump")
MAX_INSN = 15       # the longest x86 instruction, in bytes


def elf_entry_phys(path):
    """The ELF entry point of path as a physical address: e_entry moved from its PT_LOAD
    segment's virtual address (p_vaddr) to its load address (p_paddr)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF" or data[4] != 2:
        raise gdb.GdbError("%s is not a 64-bit ELF file" % path)
    entry, phoff = struct.unpack_from("<QQ", data, 24)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    for i in range(phnum):
        ptype, _, _, vaddr, paddr, _, memsz = struct.unpack_from(
            "<IIQQQQQ", data, phoff + i * phentsize)
        if ptype == 1 and vaddr <= entry < vaddr + memsz:     # PT_LOAD
            return entry - vaddr + paddr
    return entry


class OsEntryPhys(gdb.Function):
    """$os_entry_phys() - the physical address of the kernel's entry point (start32)."""

    def __init__(self):
        super().__init__("os_entry_phys")

    def invoke(self):
        path = gdb.current_progspace().filename
        if not path:
            raise gdb.GdbError("no kernel loaded: run gdb with build/kernel.elf")
        return gdb.Value(elf_entry_phys(path)).cast(gdb.lookup_type("unsigned long"))


def read_code(addr, n):
    """Up to n bytes at addr; fewer when the end of the range cannot be read."""
    mem = gdb.selected_inferior()
    while n > 0:
        try:
            return bytes(mem.read_memory(addr, n))
        except gdb.MemoryError:
            n //= 2
    raise gdb.GdbError("cannot read memory at %#x" % addr)


def decode32(code, addr):
    """(address, text) for each instruction of code, decoded as i386 by objdump."""
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(code)
        f.flush()
        out = subprocess.run([OBJDUMP, "-D", "-b", "binary", "-m", "i386", "-M", "intel",
                              "--adjust-vma=%#x" % addr, f.name], capture_output=True,
                             text=True, check=True).stdout
    insns = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[0].strip().endswith(":"):
            insns.append((int(parts[0].strip()[:-1], 16), " ".join(parts[2].split(None, 1))))
    return insns


class OsX32i(gdb.Command):
    """os-x32i: instructions decoded as 32-bit code (x/i decodes them as 64-bit).
Usage: os-x32i [N [ADDR]]   N instructions (default 5) at ADDR (default $pc)"""

    def __init__(self):
        super().__init__("os-x32i", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        count = int(args[0]) if args else 5
        pc = int(gdb.parse_and_eval("$pc"))
        addr = int(gdb.parse_and_eval(args[1])) if len(args) > 1 else pc
        for where, text in decode32(read_code(addr, count * MAX_INSN), addr)[:count]:
            gdb.write("%s %#x:\t%s\n" % ("=>" if where == pc else "  ", where, text))


OsEntryPhys()
OsX32i()
