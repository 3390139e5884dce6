#!/usr/bin/env python3
"""run_boot.py - `make gdb-boot` tested: does gdb stop at the 32-bit entry, in 32-bit mode?

Usage: run_boot.py --elf build/kernel.elf --kernel build/kernel.stripped.elf
                   --initramfs build/initramfs.cpio [--timeout 90] [--gdb gdb]
                   [--qemu BIN] [--qemu-flags FLAGS] [--results FILE]

Boots build/iso-gdb.iso (the smoke test's) halted, and runs tests/gdb/boot.gdb, which runs
tools/gdb/boot.gdb unchanged and then the first steps of its guide, with `gdb -batch -nx`
(run_smoke.boot_and_run_gdb). The expected values come from elsewhere than the script
under test: the entry's address from `nm` (start32), its first instruction from
boot/entry.asm's first line after `start32:`. The cases (build/test-logs/gdb-boot.log):
  gdb/boot_stop_at_entry     breakpoint 1 stopped at start32, at nm's address
  gdb/boot_rip_is_entry      `info registers rip` is that address
  gdb/boot_32bit_mode        CR0: protection on, paging off; CS 0x10 (GRUB's 32-bit code
                             segment); eax the multiboot2 magic 0x36d76289
  gdb/boot_first_instruction os-x32i's first line is entry.asm's first instruction at the
                             entry, and the second is a 32-bit store (64-bit decoding
                             would print a movabs)
  gdb/boot_long_mode         after the far jump: stopped at start64_low with CS 0x08
  gdb/boot_kmain             then kmain as frame #0
"""

import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.join(HERE, "..", "..")
sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(HERE, "..", "harness"))
sys.path.insert(0, HERE)
import testlib  # noqa: E402
import run_smoke  # noqa: E402

SCRIPT = os.path.join(HERE, "boot.gdb")
CR0_PE, CR0_PG = 1 << 0, 1 << 31
MB2_BOOT_MAGIC = 0x36d76289


def nm_address(elf, name):
    """The address nm gives the symbol name in elf, or None."""
    out = subprocess.run(["nm", elf], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[2] == name:
            return int(fields[0], 16)
    return None


def entry_first_instruction():
    """boot/entry.asm's first instruction after `start32:`, as (mnemonic, first operand)."""
    with open(os.path.join(REPO, "boot", "entry.asm")) as f:
        text = f.read()
    m = re.search(r"^start32:\s*\n\s*(\w+)\s+(\w+)", text, re.M)
    if not m:
        sys.exit("run_boot.py: no instruction after start32: in boot/entry.asm")
    return m.group(1), m.group(2)


def mode_ok(output):
    """The registers at the entry: 32-bit protected mode, paging off, magic in eax."""
    m = re.search(r"^boot: cr0=(0x[0-9a-f]+) cs=(0x[0-9a-f]+) eax=(0x[0-9a-f]+)$", output, re.M)
    if not m:
        return False
    cr0, cs, eax = (int(v, 16) for v in m.groups())
    return bool(cr0 & CR0_PE) and not cr0 & CR0_PG and cs == 0x10 and eax == MB2_BOOT_MAGIC


def checks(output, entry):
    """The cases, as (name, passed)."""
    mnemonic, operand = entry_first_instruction()
    first = r"^=> %#x:\t%s\s+%s,[^\n]*" % (entry, re.escape(mnemonic), re.escape(operand))
    second = r"\n   0x[0-9a-f]+:\tmov (DWORD PTR )?ds:0x[0-9a-f]+,eax$"
    return [
        ("gdb/boot_stop_at_entry",
         bool(re.search(r"^Breakpoint 1, %#018x in start32 \(\)$" % entry, output, re.M))),
        ("gdb/boot_rip_is_entry", bool(re.search(r"^rip\s+%#x\s" % entry, output, re.M))),
        ("gdb/boot_32bit_mode", mode_ok(output)),
        ("gdb/boot_first_instruction", bool(re.search(first + second, output, re.M))),
        ("gdb/boot_long_mode",
         bool(re.search(r"^Breakpoint 2, 0x[0-9a-f]+ in start64_low \(\)\n"
                        r"boot: long mode cs=0x8$", output, re.M))),
        ("gdb/boot_kmain", bool(run_smoke.frame0(output, "kmain"))),
    ]


def parse_args():
    return run_smoke.gdb_arg_parser("The gdb-boot test.", 90).parse_args()


def run(args):
    """Boot halted and run boot.gdb; (output, timed out), or None if the ISO failed."""
    iso = os.path.join(args.build, "iso-gdb.iso")
    err = testlib.ensure_iso(iso, args.kernel, args.initramfs, "init=/sbin/init")
    if err:
        print("FAIL gdb boot: could not make its ISO:\n" + err)
        return None
    return run_smoke.boot_and_run_gdb(args, iso, "gdb-boot.serial.log", SCRIPT, args.timeout)


def main():
    args = parse_args()
    os.makedirs(args.logs, exist_ok=True)
    start = time.monotonic()
    entry = nm_address(args.elf, "start32")
    result = run(args) if entry is not None else None
    if result is None:
        testlib.record(args.results, False, "gdb/boot")
        return 1
    output, timed_out = result
    log = os.path.join(args.logs, "gdb-boot.log")
    with open(log, "w") as f:
        f.write(output)
    results = checks(output, entry)
    return run_smoke.report(args, "boot", results, timed_out, start, log,
                            "start32 at %#x in 32-bit mode, %d cases" % (entry, len(results)),
                            "gdb/boot_in_time")


if __name__ == "__main__":
    sys.exit(main())
