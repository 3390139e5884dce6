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
With --suite teardown-legacy, that doc's last part (tests/gdb/teardown-legacy.gdb, booted with
pidns.zap=legacy): init released before the debugger's zombie.
With --suite procflush, docs/proc-flush.md's (tests/gdb/procflush.gdb, booting proc_test's
flush_growth case): a reaped child's /proc/<nr> dentry invalidated by proc_flush_pid.
"""

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

# docs/teardown.md's last part: with pidns.zap=legacy, init is reaped before the zombie.
TEARDOWN_LEGACY_CASES = [
    ("gdb/legacy_toggle_on", r"^\$1 = true$"),
    ("gdb/legacy_two_pids_after_step_4", r"^\$2 = 2$"),
    ("gdb/legacy_exit_notify_with_two_pids", r"^\$3 = 2$"),
    ("gdb/legacy_init_reaped_first",
     r"^release_task: pid 1 of the namespace, nr_pids 2 before its free$(.|\n)*"
     r"^release_task: pid \d+ of the namespace, nr_pids 1 before its free$"),
]

# docs/lifecycle.md's session: fork, exec, exit and wait of /bin/lifecycle's child.
LIFECYCLE_CASES = [
    ("gdb/lifecycle_fork_is_clone_sigchld", r"^\$1 = 0x11$"),
    ("gdb/lifecycle_fork_by_lifecycle", r"^\$2 = \"lifecycle"),
    ("gdb/lifecycle_fork_from_the_syscall", r"^#\d+\s+.*in sys_fork \("),
    ("gdb/lifecycle_exec_busybox_false",
     r"^\$3 = 0x[0-9a-f]+ \"/bin/busybox\"$\n^\$4 = 0x[0-9a-f]+ \"false\"$"),
    ("gdb/lifecycle_exit_status_word", r"^\$6 = 0x100$"),
    ("gdb/lifecycle_exit_from_exit_group", r"^#\d+\s+.*in do_group_exit \("),
    ("gdb/lifecycle_reaped_child", r"^\$5 = (\d+)$(.|\n)*^\$7 = \1$\n^\$8 = 0x100$"),
    ("gdb/lifecycle_released_by_wait", r"^#\d+\s+.*in (do_wait|do_wait4|sys_wait4) \("),
]

# docs/proc-flush.md's walkthrough: the reaped child's /proc/<nr> dentry is invalidated.
PROCFLUSH_CASES = [
    ("gdb/procflush_stop_in_flush_sb", r"^#0\s+flush_sb \(sb="),
    ("gdb/procflush_from_release_task", r"^#\d+\s+.*in proc_flush_pid \("),
    ("gdb/procflush_invalidates_the_pid", r"^\$1 = (\d+)$(.|\n)*^\$3 = 0x[0-9a-f]+ \"\1\"$"),
    ("gdb/procflush_under_the_root", r"^\$4 = 0x[0-9a-f]+ \"/\"$"),
    ("gdb/procflush_cached_before", r"^\$1 = (\d+)$(.|\n)*^sb->s_root .*\n(.*\n)*?  \1\s+d_count 1\s+HASHED$"),
    ("gdb/procflush_unhashed_then_freed",
     r"^\$1 = (\d+)$(?:.|\n)*^  \1\s+d_count 1\s+-$(?:.|\n)*^sb->s_root\s.*\n(?:(?!  \1\s).*\n)*\[Inferior"),
]


def slab_growth(output):
    """proc_inode_cache's ACTIVE column at each `os-slab proc_inode_cache` of procgrowth.gdb."""
    return [int(n) for n in re.findall(r"^proc_inode_cache\s+(\d+)\s", output, re.M)]


def grows(output):
    counts = slab_growth(output)
    return len(counts) == 2 and counts[1] - counts[0] >= GROWTH_REAPS


def stays_flat(output):
    counts = slab_growth(output)
    return len(counts) == 2 and abs(counts[1] - counts[0]) < GROWTH_REAPS // 10


# docs/proc-flush.md's second half: proc_inode_cache over GROWTH_REAPS reaps of walked
# children, flat with the flush, growing by at least one inode per reap without it.
GROWTH_REAPS = 100
PROCGROWTH_ON_CASES = [("gdb/procgrowth_flat_with_flush", stays_flat),
                       ("gdb/procgrowth_flush_on", r"^\$1 = false$")]
PROCGROWTH_OFF_CASES = [("gdb/procgrowth_grows_without_flush", grows),
                        ("gdb/procgrowth_flush_off", r"^\$1 = true$")]

SUITES = {   # name: (script, its cases, a word for messages, the kernel command line)
    "helpers": ("helpers.gdb", CASES, "helpers", CMDLINE),
    "teardown": ("teardown.gdb", TEARDOWN_CASES, "teardown walkthrough", CMDLINE),
    "teardown-legacy": ("teardown-legacy.gdb", TEARDOWN_LEGACY_CASES,
                        "teardown walkthrough, pidns.zap=legacy",
                        "pidns.zap=legacy init=/bin/pidns-demo"),
    "lifecycle": ("lifecycle.gdb", LIFECYCLE_CASES, "lifecycle walkthrough",
                  "init=/bin/lifecycle"),
    "procflush": ("procflush.gdb", PROCFLUSH_CASES, "proc flush walkthrough",
                  "init=/tests/proc_test -- flush_growth"),
    "procgrowth": ("procgrowth.gdb", PROCGROWTH_ON_CASES, "proc growth, flush on",
                   "init=/tests/proc_test -- flush_growth"),
    "procgrowth-off": ("procgrowth.gdb", PROCGROWTH_OFF_CASES, "proc growth, proc.flush=0",
                       "proc.flush=0 init=/tests/proc_test -- flush_growth"),
}


def checks(output, cases):
    """The cases, as (name, passed)."""
    results = [(name, bool(rx(output) if callable(rx) else re.search(rx, output, re.M)))
               for name, rx in cases]
    python_ok = "Python Exception" not in output and "Error occurred in Python" not in output
    return results + [("gdb/no_python_errors", python_ok)]


def parse_args():
    ap = run_smoke.gdb_arg_parser("The gdb helpers' test.", 90)
    ap.add_argument("--suite", choices=sorted(SUITES), default="helpers")
    return ap.parse_args()


def run(args):
    """Boot, run helpers.gdb; returns (output, timed out) or None if the ISO failed."""
    script, cmdline = os.path.join(HERE, SUITES[args.suite][0]), SUITES[args.suite][3]
    sharing = min(name for name in SUITES if SUITES[name][3] == cmdline)   # one ISO each
    iso = os.path.join(args.build, "iso-gdb-%s.iso" % sharing)
    err = testlib.ensure_iso(iso, args.kernel, args.initramfs, cmdline)
    if err:
        print("FAIL gdb %s: could not make its ISO:\n" % args.suite + err)
        return None
    return run_smoke.boot_and_run_gdb(args, iso, "gdb-%s.serial.log" % args.suite, script,
                                      args.timeout)


def main():
    args = parse_args()
    os.makedirs(args.logs, exist_ok=True)
    start = time.monotonic()
    _, cases, what, _ = SUITES[args.suite]
    result = run(args)
    if result is None:
        testlib.record(args.results, False, "gdb/" + args.suite)
        return 1
    output, timed_out = result
    log = os.path.join(args.logs, "gdb-%s.log" % args.suite)
    with open(log, "w") as f:
        f.write(output)
    results = checks(output, cases)
    return run_smoke.report(args, what, results, timed_out, start, log,
                            "%d cases" % len(results), "gdb/%s_in_time" % args.suite)


if __name__ == "__main__":
    sys.exit(main())
