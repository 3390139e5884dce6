#!/usr/bin/env python3
"""bench.py - run procbench (user/bench/procbench.c) on reaper, on this machine, or both.

Usage:
  bench.py reaper  --kernel K --initramfs I [--build build] [--qemu BIN] [--qemu-flags FLAGS]
                   [--args "PROCBENCH ARGS"] [--timeout SECS]
  bench.py host    --binary build/user/bench/procbench [--args "PROCBENCH ARGS"]
  bench.py compare (the options of both)

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

Benchmarks are not tests (DESIGN.md §11): this script judges no time. It exits non-zero only
when it could not run a side at all (no ISO, QEMU timed out). Figures and how to read them:
docs/performance.md.
"""

import argparse
import os
import queue
import re
import shlex
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "harness"))
import testlib  # noqa: E402

DEFAULT_QEMU_FLAGS = ("-m 256 -smp 1 -no-reboot -display none "
                      "-device isa-debug-exit,iobase=0xf4,iosize=0x04")
ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
STAMP_RE = re.compile(r"^\[\s*\d+\.\d+\] ?")       # printk's "[    1.234567] "
BENCH_RE = re.compile(r"^bench (\S+): (.*)$")
RESULT_RE = re.compile(r"^median (\S+) (\S+), min (\S+) \S+ \((\d+) reps\)$")
INIT_FIRST_RE = re.compile(r"^(procbench:|bench )")   # the first line init prints


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


def run_reaper(args, echo=True):
    """Boot reaper with procbench as init. Returns the results dict, or None if it failed."""
    build = args.build
    iso = os.path.join(build, "iso-bench.iso")
    cmdline = "init=/bin/procbench" + (" -- " + args.args if args.args.strip() else "")
    err = testlib.ensure_iso(iso, args.kernel, args.initramfs, cmdline)
    if err:
        print("bench.py: could not make %s:\n%s" % (iso, err))
        return None
    logdir = os.path.join(build, "bench-logs")
    os.makedirs(logdir, exist_ok=True)
    cmd = ([args.qemu] + shlex.split(args.qemu_flags) +
           ["-chardev", "stdio,id=console,signal=off", "-serial", "chardev:console",
            "-cdrom", iso])
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    results = {}
    with open(os.path.join(logdir, "reaper.log"), "w") as log:
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
        print("bench.py: reaper timed out after %g s (log: %s/reaper.log)"
              % (args.timeout, logdir))
        return None
    return results


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


def cell(entry):
    """A table cell: the median, or the failure text."""
    if entry is None:
        return "-"
    median, _, text = entry
    return ("%.2f" % median) if median is not None else text


def print_table(reaper, host):
    """Medians side by side, with the ratio reaper/host where both ran."""
    names = list(host) + [n for n in reaper if n not in host]
    print("%-22s %-5s %16s %16s %12s" % ("benchmark", "unit", "reaper", "host", "reaper/host"))
    for name in names:
        r, h = reaper.get(name), host.get(name)
        unit = next((e[1] for e in (r, h) if e and e[1]), "")
        ratio = "-"
        if r and h and r[0] is not None and h[0] is not None and h[0] > 0:
            ratio = "%.2f" % (r[0] / h[0])
        print("%-22s %-5s %16s %16s %12s" % (name, unit, cell(r), cell(h), ratio))


def parse_args():
    ap = argparse.ArgumentParser(description="Run procbench on reaper and/or the host.")
    ap.add_argument("mode", choices=("reaper", "host", "compare"))
    ap.add_argument("--kernel", default=os.path.join("build", "kernel.stripped.elf"))
    ap.add_argument("--initramfs", default=os.path.join("build", "initramfs.cpio"))
    ap.add_argument("--build", default="build")
    ap.add_argument("--qemu", default="qemu-system-x86_64")
    ap.add_argument("--qemu-flags", default=DEFAULT_QEMU_FLAGS)
    ap.add_argument("--binary", default=os.path.join("build", "user", "bench", "procbench"))
    ap.add_argument("--args", default="", help="procbench's arguments, e.g. '-o pidns -r 3'")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per run")
    return ap.parse_args()


def main():
    args = parse_args()
    if args.mode == "host":
        run_host(args)
        return 0
    if args.mode == "reaper":
        return 0 if run_reaper(args) is not None else 1
    print("== host (%s)" % " ".join([args.binary] + shlex.split(args.args)), flush=True)
    host = run_host(args)
    print("== reaper (QEMU: %s)" % args.qemu_flags, flush=True)
    reaper = run_reaper(args)
    print()
    print_table(reaper or {}, host)
    return 0 if reaper is not None else 1


if __name__ == "__main__":
    sys.exit(main())
