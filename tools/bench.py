#!/usr/bin/env python3
"""bench.py - run procbench (user/bench/procbench.c) on reaper, on this machine, or both.

Usage:
  bench.py reaper  --kernel K --initramfs I [--build build] [--qemu BIN] [--qemu-flags FLAGS]
                   [--args "PROCBENCH ARGS"] [--timeout SECS]
  bench.py host    --binary build/user/bench/procbench [--args "PROCBENCH ARGS"]
  bench.py compare (the options of both)
  bench.py flush   (the options of reaper) [--boots N]
  bench.py linux   (the options of reaper) [--linux-kernel VMLINUZ] [--boots N]

reaper: makes build/iso-bench.iso with the command line "init=/bin/procbench [-- ARGS]"
(tests/harness/testlib.ensure_iso, cached), boots it in QEMU with the serial console on our
stdout, and echoes procbench's lines as they come, plus one line measured here:
    bench boot-to-init: X s (QEMU launch to init's first line)
i.e. from starting QEMU to reading the first line procbench prints (GRUB, the kernel's boot
and the exec of init included). procbench powers the machine off when it is done. The whole
serial log is kept in build/bench-logs/reaper.log.
host: runs the same static binary natively and echoes its lines (the pidns benchmarks need
root there).
compare: both, then a table of medians side by side with the ratio reaper/host.
flush: boots reaper twice: with the flush of reaped tasks' /proc entries (the default), and
with the teaching toggle proc.flush=0 before init= (docs/proc.md), each from an ISO of its own
(build/iso-bench-flush1.iso, -flush0.iso; logs build/bench-logs/reaper-flush1.log, -flush0.log),
then a table flush=1 / flush=0. Without --args, procbench runs "-o fork-exit-wait,proc".
With --boots N, each side boots N times (alternately, the flush first) and the table gives the
median of the N medians, followed by their range, the noise to judge a difference by; the logs
are the last boot's.
linux: boots reaper and Debian's Linux kernel (/boot/vmlinuz-*, the newest unless
--linux-kernel names one; tools/deps.sh --linux-kernel installs it) alternately, --boots times
each, in the same QEMU configuration (--qemu-flags), with the same procbench file as init: the
stripped copy in reaper's image (build/root/bin/procbench) is /init of an initramfs made here
(build/linux-initramfs.cpio: /init, /proc, /tmp, /dev/console, /dev/null). Both boot through
GRUB from an ISO (Linux's: build/iso-bench-linux.iso, boot/grub-linux.cfg), so boot-to-init is
measured the same way on both. Linux's command line is "console=ttyS0 quiet panic=-1
rdinit=/init -- -p ARGS": -p makes procbench, pid 1, power Linux off at the end (pid 1 must not
exit there). Then the table reaper / Linux: the medians (of the boots' medians), their ratio,
the ratio of the minima (the median of the boots' minima: what the host's noise hardly moves),
issue 9's target for the line and whether reaper meets it (TARGETS); with several boots, the
range of the per-boot medians. Logs: build/bench-logs/reaper.log, linux.log.

Benchmarks are not tests (DESIGN.md §11): this script judges no time. It exits non-zero only
when it could not run a side at all (no ISO, QEMU timed out). Figures and how to read them:
docs/performance.md.
"""

import argparse
import glob
import os
import queue
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "harness"))
import testlib  # noqa: E402

FLUSH_ARGS = "-o fork-exit-wait,proc"   # what flush runs unless --args says otherwise
FLUSH_OFF = "proc.flush=0"                # the teaching toggle (kernel/fs/proc/base.c)
FLUSH_OFF_LOGGED = "proc: proc.flush=0"   # how the kernel says at boot that it took it
DEFAULT_QEMU_FLAGS = ("-m 256 -smp 1 -no-reboot -display none "
                      "-device isa-debug-exit,iobase=0xf4,iosize=0x04")
ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
STAMP_RE = re.compile(r"^\[\s*\d+\.\d+\] ?")       # printk's "[    1.234567] "
BENCH_RE = re.compile(r"^bench (\S+): (.*)$")
RESULT_RE = re.compile(r"^median (\S+) (\S+), min (\S+) \S+ \((\d+) (?:reps|boots)\)$")
INIT_FIRST_RE = re.compile(r"^(procbench:|bench )")   # the first line init prints
LINUX_CMDLINE = "console=ttyS0 quiet panic=-1 rdinit=/init -- -p"   # then procbench's ARGS
LINUX_DEVS = ["/dev/console:5:1:0600", "/dev/null:1:3:0666"]

# Issue 9's targets for reaper against Linux booted side by side (bench.py linux): a benchmark
# name -> (kind, bound). "ratio": reaper/Linux at most bound; "below": reaper's median under
# bound, in the benchmark's unit (one timer tick at reaper's HZ = 100 is 10,000 us). Printed
# beside the figures to read them by; nothing here fails a run (DESIGN.md section 11).
TARGETS = {
    "syscall-null": ("ratio", 1.0),
    "fork-exit-wait": ("ratio", 0.5),
    "fork-exec-wait": ("ratio", 0.5),
    "pidns-create": ("ratio", 0.5),
    "pidns-traced-reap": ("below", 10000.0),
    "boot-to-init": ("ratio", 0.25),
}


def clean(raw):
    """One console line as text: no terminal escapes (GRUB's), CRs or printk time stamps."""
    text = ANSI_RE.sub("", raw.decode("utf-8", "replace")).replace("\r", "")
    return STAMP_RE.sub("", text).rstrip("\n")


def stream(proc, deadline):
    """Yield (seconds since start, clean line) from proc's stdout until EOF or deadline; a
    reader thread keeps the time stamps honest while we wait."""
    lines = queue.Queue()

    def reader():
        for raw in iter(proc.stdout.readline, b""):
            lines.put((time.monotonic(), raw))
        lines.put(None)

    threading.Thread(target=reader, daemon=True).start()
    while True:
        try:
            item = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return
        if item is None:
            return
        yield item[0], clean(item[1])


def finished(proc, deadline):
    """Wait for proc (its output has ended) until deadline; kill it if it is still there.
    Returns True when it exited by itself."""
    try:
        proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        return True
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return False


def record(results, line):
    """Remember a bench line: results[name] = (median, unit, text)."""
    m = BENCH_RE.match(line.strip())
    if not m:
        return
    name, rest = m.group(1), m.group(2)
    r = RESULT_RE.match(rest)
    results[name] = (float(r.group(1)), r.group(2), rest) if r else (None, None, rest)


def run_reaper(args, echo=True, options="", tag=""):
    """Boot reaper with procbench as init and the kernel options (before init=) in options.
    A tag names the ISO and the log apart: build/iso-bench-TAG.iso, reaper-TAG.log. Returns
    the results dict, or None if it failed."""
    suffix = "-" + tag if tag else ""
    iso = os.path.join(args.build, "iso-bench%s.iso" % suffix)
    cmdline = (options + " " if options else "") + "init=/bin/procbench"
    cmdline += (" -- " + args.args) if args.args.strip() else ""
    err = testlib.ensure_iso(iso, args.kernel, args.initramfs, cmdline)
    if err:
        print("bench.py: could not make %s:\n%s" % (iso, err))
        return None
    return boot(args, iso, "reaper%s.log" % suffix, echo)


def boot(args, iso, logname, echo=True):
    """Boot iso in QEMU with the serial console on a pipe; record procbench's lines and the
    time from QEMU's start to the first of them (boot-to-init). Returns the results dict, or
    None if QEMU had to be killed."""
    logdir = os.path.join(args.build, "bench-logs")
    os.makedirs(logdir, exist_ok=True)
    cmd = ([args.qemu] + shlex.split(args.qemu_flags) +
           ["-chardev", "stdio,id=console,signal=off", "-serial", "chardev:console",
            "-cdrom", iso])
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    results = {}
    with open(os.path.join(logdir, logname), "w") as log:
        for when, line in stream(proc, start + args.timeout):
            log.write(line + "\n")
            if "boot-to-init" not in results and INIT_FIRST_RE.match(line):
                seconds = when - start
                text = "%.2f s (QEMU launch to init's first line)" % seconds
                results["boot-to-init"] = (seconds, "s", text)
                if echo:
                    print("bench boot-to-init: " + text, flush=True)
            if INIT_FIRST_RE.match(line):
                record(results, line)
                if echo:
                    print(line, flush=True)
    if not finished(proc, start + args.timeout):
        print("bench.py: QEMU timed out after %g s (log: %s/%s)"
              % (args.timeout, logdir, logname))
        return None
    return results


def linux_kernel(args):
    """The Linux kernel to boot: --linux-kernel, else the newest /boot/vmlinuz-*, or None."""
    if args.linux_kernel:
        return args.linux_kernel
    def version(path):      # "6.1.0-57-amd64" sorts after "6.1.0-9-amd64"
        return [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", path)]
    found = sorted(glob.glob("/boot/vmlinuz-*"), key=version)
    return found[-1] if found else None


def linux_initramfs(args):
    """Make build/linux-initramfs.cpio: reaper's own copy of procbench as /init, the mount
    point it needs and the console Linux opens for init. Returns its path."""
    root = os.path.join(args.build, "linux-root")
    shutil.rmtree(root, ignore_errors=True)
    for d in ("proc", "tmp", "dev"):
        os.makedirs(os.path.join(root, d))
    shutil.copy2(os.path.join(args.build, "root", "bin", "procbench"),
                 os.path.join(root, "init"))
    out = os.path.join(args.build, "linux-initramfs.cpio")
    testlib.make_cpio(root, LINUX_DEVS, out)
    return out


def run_linux(args, echo=True):
    """Boot Linux through GRUB with procbench as /init. Returns the results dict, or None."""
    kernel = linux_kernel(args)
    if not kernel:
        print("bench.py: no /boot/vmlinuz-*: run tools/deps.sh --linux-kernel (as root)")
        return None
    iso = os.path.join(args.build, "iso-bench-linux.iso")
    cmdline = LINUX_CMDLINE + ((" " + args.args) if args.args.strip() else "")
    err = testlib.ensure_iso(iso, kernel, linux_initramfs(args), cmdline,
                             os.path.join(REPO, "boot", "grub-linux.cfg"))
    if err:
        print("bench.py: could not make %s:\n%s" % (iso, err))
        return None
    return boot(args, iso, "linux.log", echo)


def run_host(args, echo=True):
    """Run procbench natively. Returns the results dict."""
    cmd = [args.binary] + shlex.split(args.args)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    results = {}
    for _, line in stream(proc, time.monotonic() + args.timeout):
        record(results, line)
        if echo:
            print(line, flush=True)
    if not finished(proc, time.monotonic() + args.timeout):
        print("bench.py: procbench timed out after %g s" % args.timeout)
    return results


def minimum(entry):
    """The minimum an entry's text gives ("median X us, min Y us (N reps)"), or None."""
    m = RESULT_RE.match(entry[2]) if entry and entry[0] is not None else None
    return float(m.group(3)) if m else None


def ratio_of(x, y):
    """x / y, or None when either is missing or y is 0."""
    return x / y if x is not None and y is not None and y != 0 else None


def ratio_of_minima(x, y):
    """The ratio of two minima, or None unless both are positive: pidns-traced-reap's
    minimum can be negative on Linux (the parent's wait returns before the tracer has
    written its timestamp), and a ratio with a negative side means nothing."""
    return ratio_of(x, y) if x is not None and y is not None and x > 0 and y > 0 else None


def cell(entry):
    """A table cell: the median, or the failure text."""
    if entry is None:
        return "-"
    median, _, text = entry
    return ("%.2f" % median) if median is not None else text


def judge(name, x, ratio, targets):
    """(target text, "met" / "NOT met" / "-") for benchmark name, reaper's entry x and the
    ratio (None when there is none). Only a comparison for the reader: nothing fails on it."""
    if name not in targets:
        return "-", "-"
    kind, bound = targets[name]
    if kind == "ratio":
        text, value = "<= %gx" % bound, ratio
    else:
        text, value = "< %g %s" % (bound, x[1] if x else ""), x[0] if x else None
    if value is None:
        return text.strip(), "-"
    return text.strip(), "met" if value <= bound and (kind == "ratio" or value < bound) \
        else "NOT met"


def format_table(a, b, a_label, b_label, targets=None):
    """Medians side by side as lines of text, with the ratio a/b where both ran (and b's is
    not 0); with targets (see TARGETS) three more columns: the ratio of the minima (what the
    host's noise hardly moves), the target and whether a meets it. In b's order, then what
    only a has, boot-to-init last."""
    names = list(b) + [n for n in a if n not in b]
    names.sort(key=lambda n: n == "boot-to-init")
    row = "%-22s %-9s %16s %16s %16s"
    header = ("benchmark", "unit", a_label, b_label, "%s/%s" % (a_label, b_label))
    if targets is not None:
        row += " %10s %12s %8s"
        header += ("by minima", "target", "met?")
    lines = [row % header]
    for name in names:
        x, y = a.get(name), b.get(name)
        unit = next((e[1] for e in (x, y) if e and e[1]), "")
        ratio = ratio_of(x[0] if x else None, y[0] if y else None)
        cols = (name, unit, cell(x), cell(y), "-" if ratio is None else "%.2f" % ratio)
        if targets is not None:
            by_min = ratio_of_minima(minimum(x), minimum(y))
            cols += ("-" if by_min is None else "%.2f" % by_min,)
            cols += judge(name, x if x and x[0] is not None else None, ratio, targets)
        lines.append(row % cols)
    return lines


def print_table(a, b, a_label, b_label, targets=None):
    """format_table()'s lines on stdout."""
    for line in format_table(a, b, a_label, b_label, targets):
        print(line)


def combine(runs):
    """One results dict from several boots': each median is the median of the boots' medians
    (a failure's text if a boot failed it); the second dict holds each one's (min, max)."""
    merged, spread = {}, {}
    for name in dict.fromkeys(n for r in runs for n in r):
        entries = [r[name] for r in runs if name in r]
        values = [e[0] for e in entries if e[0] is not None]
        if len(values) < len(entries):
            merged[name] = next(e for e in entries if e[0] is None)
            continue
        merged[name] = (statistics.median(values), entries[0][1], entries[0][2])
        minima = [minimum(e) for e in entries]
        if None not in minima:      # keep the median of the minima where the lines give one
            merged[name] = merged[name][:2] + ("median %g %s, min %g %s (%d boots)" % (
                merged[name][0], merged[name][1], statistics.median(minima), merged[name][1],
                len(entries)),)
        spread[name] = (min(values), max(values))
    return merged, spread


def print_spread(on, off, on_label="flush=1", off_label="flush=0"):
    """With several boots: the range of each side's per-boot medians, to judge the noise by."""
    print("\nmedians of the single boots, lowest .. highest:")
    for name in sorted(on, key=lambda n: n == "boot-to-init"):
        if name in off:
            print("%-22s %s %9.2f .. %-9.2f %s %9.2f .. %.2f"
                  % ((name, on_label) + on[name] + (off_label,) + off[name]))


def run_flush(args):
    """Boot with the flush and without, args.boots times each, alternately so that a change
    in the host's load hits both sides; print the table. Returns the exit status."""
    sides = (("flush=1", "", "flush1"), ("flush=0", FLUSH_OFF, "flush0"))
    runs = {label: [] for label, _, _ in sides}
    if not args.args.strip():
        args.args = FLUSH_ARGS
    for boot in range(1, args.boots + 1):
        for label, options, tag in sides:
            print("== %s (boot %d of %d)" % (options or "proc.flush=1, the default", boot,
                                            args.boots), flush=True)
            results = run_reaper(args, options=options, tag=tag)
            if results is None:
                return 1
            runs[label].append(results)
    log = os.path.join(args.build, "bench-logs", "reaper-flush0.log")
    if FLUSH_OFF_LOGGED not in open(log, errors="replace").read():
        print("bench.py: no '%s' in %s: the toggle may not have taken effect"
              % (FLUSH_OFF_LOGGED, log))
    (on, on_spread), (off, off_spread) = combine(runs["flush=1"]), combine(runs["flush=0"])
    print()
    print_table(on, off, "flush=1", "flush=0")
    if args.boots > 1:
        print_spread(on_spread, off_spread)
    return 0


def run_side_by_side(args):
    """Boot reaper and Linux args.boots times each, alternately (reaper first), and print the
    table reaper / Linux with the targets. Returns the exit status."""
    runs = {"reaper": [], "linux": []}
    for n in range(1, args.boots + 1):
        for label, run in (("reaper", run_reaper), ("linux", run_linux)):
            print("== %s (boot %d of %d; QEMU: %s)" % (label, n, args.boots, args.qemu_flags),
                  flush=True)
            results = run(args)
            if results is None:
                return 1
            runs[label].append(results)
    (reaper, reaper_spread), (linux, linux_spread) = combine(runs["reaper"]), \
        combine(runs["linux"])
    print()
    print_table(reaper, linux, "reaper", "linux", TARGETS)
    if args.boots > 1:
        print_spread(reaper_spread, linux_spread, "reaper", "linux")
    return 0


def parse_args():
    ap = argparse.ArgumentParser(description="Run procbench on reaper and/or the host.")
    ap.add_argument("mode", choices=("reaper", "host", "compare", "flush", "linux"))
    ap.add_argument("--kernel", default=os.path.join("build", "kernel.stripped.elf"))
    ap.add_argument("--initramfs", default=os.path.join("build", "initramfs.cpio"))
    ap.add_argument("--build", default="build")
    ap.add_argument("--qemu", default="qemu-system-x86_64")
    ap.add_argument("--qemu-flags", default=DEFAULT_QEMU_FLAGS)
    ap.add_argument("--binary", default=os.path.join("build", "user", "bench", "procbench"))
    ap.add_argument("--args", default="", help="procbench's arguments, e.g. '-o pidns -r 3'")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per run")
    ap.add_argument("--boots", type=int, default=1,
                    help="flush, linux: boots per side (the table then gives medians of medians)")
    ap.add_argument("--linux-kernel", default="",
                    help="linux: the bzImage to boot (default: the newest /boot/vmlinuz-*)")
    return ap.parse_args()


def main():
    args = parse_args()
    if args.mode == "host":
        run_host(args)
        return 0
    if args.mode == "reaper":
        return 0 if run_reaper(args) is not None else 1
    if args.mode == "flush":
        return run_flush(args)
    if args.mode == "linux":
        return run_side_by_side(args)
    print("== host (%s)" % " ".join([args.binary] + shlex.split(args.args)), flush=True)
    host = run_host(args)
    print("== reaper (QEMU: %s)" % args.qemu_flags, flush=True)
    reaper = run_reaper(args)
    print()
    print_table(reaper or {}, host, "reaper", "host")
    return 0 if reaper is not None else 1


if __name__ == "__main__":
    sys.exit(main())
