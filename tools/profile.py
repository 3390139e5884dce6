#!/usr/bin/env python3
"""profile.py - where does a reaper boot spend its time? Sample the guest's instruction pointer.

Usage: tools/profile.py [--seconds S] [--hz N] [--skip S] CMDLINE
       e.g.  tools/profile.py "init=/bin/procbench -- -o fork-exit-wait -r 2000"

Boots build/kernel.stripped.elf with CMDLINE (an ISO made by tools/mkiso.sh) under QEMU with
its monitor on a pipe, and every 1/N s asks the monitor for `info registers`: the vCPU's rip
at that moment. After --skip seconds (the boot, default 2) it counts --seconds of samples,
names each kernel address with the symbols of build/kernel.elf (the function containing it,
as the kernel's own panic backtrace does), puts every user-mode address in one "[user]"
bucket and firmware/boot-loader addresses in "[firmware]", and prints a table, most samples
first. A statistical profile: with 1000 samples a function at 1% is a dozen samples, so
differences under a few percent are noise.

This is how docs/performance.md's observations were made ("profile before you optimise"):
QEMU's TCG has no guest performance counters, and -d exec is too slow to use on a benchmark.
The monitor asks the vCPU to stop between translated blocks, so the samples fall on block
boundaries - close enough to find the functions that matter.
Python 3 standard library; needs nm (binutils).
"""

import argparse
import bisect
import os
import re
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNEL_BASE = 0xffffffff80000000
USER_TOP = 0x0000800000000000


def kernel_symbols(elf):
    out = subprocess.run(["nm", "-n", "--defined-only", elf], stdout=subprocess.PIPE,
                         text=True, check=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            syms.append((int(parts[0], 16), parts[2]))
    return [a for a, _ in syms], [n for _, n in syms]


def name_of(rip, addrs, names):
    if rip < USER_TOP:
        return "[user]" if rip >= 0x1000 else "[firmware]"
    if rip < KERNEL_BASE:
        return "[kernel direct map]"
    i = bisect.bisect_right(addrs, rip) - 1
    return names[i] if i >= 0 else "[kernel?]"


def main():
    ap = argparse.ArgumentParser(description="Sample a reaper boot's instruction pointer.")
    ap.add_argument("cmdline")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--hz", type=float, default=100)
    ap.add_argument("--skip", type=float, default=2)
    ap.add_argument("--build", default=os.path.join(REPO, "build"))
    ap.add_argument("--top", type=int, default=30)
    args = ap.parse_args()

    addrs, names = kernel_symbols(os.path.join(args.build, "kernel.elf"))
    tmp = tempfile.mkdtemp(prefix="reaper-profile.")
    iso = os.path.join(tmp, "profile.iso")
    subprocess.run([os.path.join(REPO, "tools", "mkiso.sh"),
                    os.path.join(args.build, "kernel.stripped.elf"),
                    os.path.join(args.build, "initramfs.cpio"), args.cmdline, iso],
                   check=True)
    qemu = subprocess.Popen(["qemu-system-x86_64", "-m", "256", "-smp", "1", "-no-reboot",
                             "-display", "none", "-serial", "file:" + os.path.join(tmp, "serial"),
                             "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                             "-monitor", "stdio", "-cdrom", iso],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    os.set_blocking(qemu.stdout.fileno(), False)
    counts, total, text = {}, 0, ""
    start = time.monotonic()
    try:
        while time.monotonic() - start < args.skip + args.seconds and qemu.poll() is None:
            try:
                qemu.stdin.write(b"info registers\n")
                qemu.stdin.flush()
            except BrokenPipeError:
                break           # the boot ended (QEMU exited): keep what was sampled
            time.sleep(1.0 / args.hz)
            try:
                text += os.read(qemu.stdout.fileno(), 1 << 20).decode("latin-1")
            except BlockingIOError:
                pass
            for m in re.finditer(r"RIP=([0-9a-f]{16})", text):
                if time.monotonic() - start >= args.skip:
                    name = name_of(int(m.group(1), 16), addrs, names)
                    counts[name] = counts.get(name, 0) + 1
                    total += 1
            text = text[text.rfind("RIP=") + 4:] if "RIP=" in text else text
    finally:
        qemu.kill()
        qemu.wait()
    if not total:
        print("profile.py: no samples (did the boot end before --skip?)", file=sys.stderr)
        return 1
    print("%d samples over %.1f s of %r" % (total, args.seconds, args.cmdline))
    for name, n in sorted(counts.items(), key=lambda kv: -kv[1])[:args.top]:
        print("%6.1f%%  %5d  %s" % (100.0 * n / total, n, name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
