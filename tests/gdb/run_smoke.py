#!/usr/bin/env python3
"""run_smoke.py - the gdb stage of `make test`: debug a booting kernel with the real gdb.

Usage: run_smoke.py --elf build/kernel.elf --kernel build/kernel.stripped.elf
                    --initramfs build/initramfs.cpio [--cmdline "..."] [--timeout 120]
                    [--gdb gdb] [--qemu BIN] [--qemu-flags FLAGS] [--results FILE]

Boots build/iso-gdb.iso (tools/mkiso.sh, cached) in QEMU halted at the first instruction
(-S) with its gdb stub on a free local TCP port, and runs tests/gdb/smoke.gdb with
`gdb -batch -nx` against the unstripped build/kernel.elf. Three cases are checked in gdb's
output (build/test-logs/gdb-smoke.log):
  gdb/break_kmain      a backtrace whose frame #0 is kmain
  gdb/break_later      a backtrace whose frame #0 is $smoke_later (set at the top of smoke.gdb)
  gdb/print_boot_info  `print boot_info` shows its cmdline field holding the command line
The whole run is limited to --timeout seconds; QEMU is always killed at the end.
"""

import argparse
import os
import re
import shlex
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(HERE, "..", "harness"))
import testlib  # noqa: E402
import qemu_run  # noqa: E402

SCRIPT = os.path.join(HERE, "smoke.gdb")


def later_function():
    """The function name smoke.gdb's `set $smoke_later = "..."` line names."""
    with open(SCRIPT) as f:
        m = re.search(r'^set \$smoke_later = "(\w+)"', f.read(), re.M)
    if not m:
        sys.exit("run_smoke.py: no 'set $smoke_later = \"...\"' line in %s" % SCRIPT)
    return m.group(1)


def free_port():
    """A TCP port nobody listens on now (the kernel picks it; QEMU takes it right after)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def is_listening(port):
    """True once something listens on port: binding it then fails. No connection is made,
    because QEMU's gdb stub serves only one."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def start_qemu(args, iso, port, serial_log="gdb-smoke.serial.log"):
    """QEMU halted (-S) with its stub on port, the console into build/test-logs/serial_log;
    returns the process once it listens."""
    cmd = [args.qemu] + shlex.split(args.qemu_flags or qemu_run.DEFAULT_QEMU_FLAGS)
    cmd += ["-serial", "file:" + os.path.join(args.logs, serial_log),
            "-gdb", "tcp:127.0.0.1:%d" % port, "-S", "-cdrom", iso]
    qemu = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, errors="replace")
    deadline = time.monotonic() + 15
    while not is_listening(port):
        if qemu.poll() is not None or time.monotonic() > deadline:
            qemu.kill()
            sys.exit("run_smoke.py: QEMU did not start its gdb stub: %s" %
                     qemu.communicate()[1].strip())
        time.sleep(0.05)
    return qemu


def run_gdb(args, port, timeout, script=SCRIPT):
    """gdb -batch with script (smoke.gdb), from the repository root (scripts source
    tools/gdb/ by relative path); returns (its output, True if it timed out)."""
    cmd = [args.gdb, "-batch", "-nx", "-ex", "set $smoke_port = %d" % port,
           "-x", os.path.abspath(script), os.path.abspath(args.elf)]
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, errors="replace",
                              timeout=timeout, cwd=os.path.join(HERE, "..", ".."))
        return proc.stdout, False
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode("utf-8", "replace") if isinstance(e.stdout, bytes) else e.stdout
        return out or "", True


def boot_and_run_gdb(args, iso, serial_log, script, timeout):
    """QEMU halted on iso with its gdb stub on a free port, gdb with script against it, QEMU
    killed; returns run_gdb()'s (output, timed out). The gdb tests all go this way."""
    port = free_port()
    qemu = start_qemu(args, iso, port, serial_log)
    try:
        return run_gdb(args, port, timeout, script)
    finally:
        qemu.kill()
        qemu.wait()


def frame0(output, func):
    """True when a backtrace in output has func as frame #0."""
    return re.search(r"^#0\s+(0x[0-9a-f]+ in )?%s \(" % re.escape(func), output, re.M)


def checks(output, later, cmdline):
    """The three cases, as (name, passed)."""
    struct_ok = re.search(r'^\$\d+ = \{.*\bcmdline = "%s"' % re.escape(cmdline), output, re.M)
    return [("gdb/break_kmain", bool(frame0(output, "kmain"))),
            ("gdb/break_" + later, bool(frame0(output, later))),
            ("gdb/print_boot_info", bool(struct_ok))]


def gdb_arg_parser(description, timeout):
    """The options every gdb test takes (the kernels, the initramfs, gdb, the boot's); each
    adds its own before parse_args()."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--elf", required=True, help="the kernel with symbols, for gdb")
    ap.add_argument("--kernel", required=True, help="the kernel the ISO carries")
    ap.add_argument("--initramfs", required=True)
    ap.add_argument("--timeout", type=float, default=timeout)
    ap.add_argument("--gdb", default="gdb")
    testlib.add_boot_args(ap)
    return ap


def report(args, label, results, timed_out, start, log, summary, timeout_case):
    """Record each (case, passed) of results, and timeout_case failed if timed_out; print
    the PASS or FAIL line of the gdb test called label. Returns the exit status."""
    for name, ok in results:
        testlib.record(args.results, ok, name)
    if timed_out:
        testlib.record(args.results, False, timeout_case)
    failed = [name for name, ok in results if not ok]
    seconds = time.monotonic() - start
    if failed or timed_out:
        why = "timed out after %g s; " % args.timeout if timed_out else ""
        print("FAIL gdb %s (%.1f s): %sfailed %s (log: %s)" %
              (label, seconds, why, ", ".join(failed) or "nothing", log))
        return 1
    print("PASS gdb %s (%.1f s): %s" % (label, seconds, summary))
    return 0


def parse_args():
    ap = gdb_arg_parser("The gdb smoke test.", 120)
    ap.add_argument("--cmdline", default="init=/sbin/init")
    return ap.parse_args()


def main():
    args = parse_args()
    os.makedirs(args.logs, exist_ok=True)
    start = time.monotonic()
    iso = os.path.join(args.build, "iso-gdb.iso")
    err = testlib.ensure_iso(iso, args.kernel, args.initramfs, args.cmdline)
    if err:
        print("FAIL gdb smoke: could not make its ISO:\n" + err)
        testlib.record(args.results, False, "gdb/smoke")
        return 1
    output, timed_out = boot_and_run_gdb(args, iso, "gdb-smoke.serial.log", SCRIPT,
                                         args.timeout - (time.monotonic() - start))
    log = os.path.join(args.logs, "gdb-smoke.log")
    with open(log, "w") as f:
        f.write(output)
    later = later_function()
    return report(args, "smoke", checks(output, later, args.cmdline), timed_out, start, log,
                  "kmain, %s, boot_info" % later, "gdb/finished_in_time")


if __name__ == "__main__":
    sys.exit(main())
