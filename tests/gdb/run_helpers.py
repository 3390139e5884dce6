#!/usr/bin/env python3
"""run_helpers.py - the gdb helpers (tools/gdb/) tested on a namespace being torn down.

Usage: run_helpers.py --elf build/kernel.elf --kernel build/kernel.stripped.elf
                      --initramfs build/initramfs.cpio [--timeout 90] [--gdb gdb]
                      [--qemu BIN] [--qemu-flags FLAGS] [--results FILE]

Boots build/iso-gdb-helpers.iso (init=/bin/pidns-demo) halted, and runs tests/gdb/helpers.gdb
with `gdb -batch -nx` from the repository root, as run_smoke.py does. helpers.gdb stops in
step 5 of zap_pid_ns_processes - the namespace closed, its init waiting for a zombie the
debugger outside holds - and runs each helper. The cases, checked in gdb's output
(build/test-logs/gdb-helpers.log):
  gdb/os_ps_nested_tid      a thread numbered in two namespaces, "N/1", is the running one
  gdb/os_ps_traced_zombie   a zombie of the child namespace with a tracer
  gdb/os_pidns_dying        a level-1 namespace whose child_reaper is number 1, adding false
  gdb/os_slab_pid_namespace the pid_namespace cache, objects in use
  gdb/os_slab_task_struct   the task_struct cache (struct thread), objects in use
  gdb/os_dmesg              the kernel's banner line, without its "<level>"
  gdb/os_dcache             the root dentry and its child bin, with counts and flags
  gdb/os_functions          $os_current() and $os_thread(its tid) are the same thread
  gdb/os_user_bt            after os-user, bt continues below syscall_entry into user code
Any Python error of a helper is a failure too (gdb/no_python_errors).

With --suite teardown it runs docs/teardown.md's walkthrough instead (tests/gdb/teardown.gdb,
the same boot): the five steps of zap_pid_ns_processes and the frees that end step 5, so the
doc, which quotes the script, cannot drift from the kernel (build/test-logs/gdb-teardown.log).
"""

import argparse
import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(HERE, "..", "harness"))
sys.path.insert(0, HERE)
import testlib  # noqa: E402
import run_smoke  # noqa: E402

CMDLINE = "init=/bin/pidns-demo"

# (case, regular expression that must match somewhere in the output, multi-line mode)
CASES = [
    ("gdb/os_ps_nested_tid", r"^\*\s+\d+/1\s+\d+/1\s+\w+\s+\d+\s+-\s+pidns-demo$"),
    ("gdb/os_ps_traced_zombie", r"^\s+\d+/\d+\s+\d+/\d+\s+zombie\s+\d+\s+\d+\s+pidns-demo$"),
    ("gdb/os_pidns_dying", r"^  pid_namespace 0x[0-9a-f]+  level 1  inum \d+\n"
                           r"    child_reaper 1 \(tgid \d+\)  nr_pids \d+  adding false "),
    ("gdb/os_slab_pid_namespace", r"^pid_namespace\s+[1-9]\d*\s+\d+\s+\d+\s"),
    ("gdb/os_slab_task_struct", r"^task_struct\s+[1-9]\d*\s+\d+\s+\d+\s"),
    ("gdb/os_dmesg", r"^\[\s*\d+\.\d{6}\] reaper: an educational"),
    ("gdb/os_dcache", r"^/\s+d_count \d+ .*\n  bin\s+d_count [1-9]\d*\s+PINNED\|HASHED"),
    ("gdb/os_functions", r"^os_current tid=\d+ comm=pidns-demo same=1$"),
    ("gdb/os_user_bt", r"in syscall_entry \(\).*\n#\d+\s+0x0000000000[0-9a-f]{6} in \w+ \("),
]


# docs/teardown.md's walkthrough: what each step must show.
TEARDOWN_CASES = [
    ("gdb/teardown_stop_in_zap", r"^#0\s+zap_pid_ns_processes \(ns="),
    ("gdb/teardown_level_1", r"^\$1 = 1$"),
    ("gdb/teardown_adding_before", r"^\$3 = true$"),
    ("gdb/teardown_step1_closed", r"^\$\d+ = false$"),
    ("gdb/teardown_step2_sigchld_ignored", r"^\$\d+ = 1$"),
    ("gdb/teardown_step5_frees", r"^free_pid_locked: level 1, nr \d+, namespace nr_pids 2 "
                                 r"before the free$"),
    ("gdb/teardown_done", r"^init's last thread leaves zap_pid_ns_processes"),
]

SUITES = {   # name: (script, its cases, a word for messages)
    "helpers": ("helpers.gdb", CASES, "helpers"),
    "teardown": ("teardown.gdb", TEARDOWN_CASES, "teardown walkthrough"),
}


def checks(output, cases):
    """The cases, as (name, passed)."""
    results = [(name, bool(re.search(rx, output, re.M))) for name, rx in cases]
    python_ok = "Python Exception" not in output and "Error occurred in Python" not in output
    return results + [("gdb/no_python_errors", python_ok)]


def parse_args():
    ap = argparse.ArgumentParser(description="The gdb helpers' test.")
    ap.add_argument("--elf", required=True, help="the kernel with symbols, for gdb")
    ap.add_argument("--kernel", required=True, help="the kernel the ISO carries")
    ap.add_argument("--initramfs", required=True)
    ap.add_argument("--timeout", type=float, default=90)
    ap.add_argument("--gdb", default="gdb")
    ap.add_argument("--suite", choices=sorted(SUITES), default="helpers")
    testlib.add_boot_args(ap)
    return ap.parse_args()


def run(args):
    """Boot, run helpers.gdb; returns (output, timed out) or None if the ISO failed."""
    script = os.path.join(HERE, SUITES[args.suite][0])
    iso = os.path.join(args.build, "iso-gdb-helpers.iso")
    err = testlib.ensure_iso(iso, args.kernel, args.initramfs, CMDLINE)
    if err:
        print("FAIL gdb %s: could not make its ISO:\n" % args.suite + err)
        return None
    port = run_smoke.free_port()
    qemu = run_smoke.start_qemu(args, iso, port, "gdb-%s.serial.log" % args.suite)
    try:
        return run_smoke.run_gdb(args, port, args.timeout, script)
    finally:
        qemu.kill()
        qemu.wait()


def main():
    args = parse_args()
    os.makedirs(args.logs, exist_ok=True)
    start = time.monotonic()
    _, cases, what = SUITES[args.suite]
    result = run(args)
    if result is None:
        testlib.record(args.results, False, "gdb/" + args.suite)
        return 1
    output, timed_out = result
    log = os.path.join(args.logs, "gdb-%s.log" % args.suite)
    with open(log, "w") as f:
        f.write(output)
    results = checks(output, cases)
    for name, ok in results:
        testlib.record(args.results, ok, name)
    if timed_out:
        testlib.record(args.results, False, "gdb/%s_in_time" % args.suite)
    failed = [name for name, ok in results if not ok]
    seconds = time.monotonic() - start
    if failed or timed_out:
        why = "timed out after %g s; " % args.timeout if timed_out else ""
        print("FAIL gdb %s (%.1f s): %sfailed %s (log: %s)" %
              (what, seconds, why, ", ".join(failed) or "nothing", log))
        return 1
    print("PASS gdb %s (%.1f s): %d cases" % (what, seconds, len(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
