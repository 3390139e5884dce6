#!/usr/bin/env python3
"""qemu_run.py - boot one reaper ISO in QEMU, save its serial log, and judge the run.

Usage:
  qemu_run.py --iso X.iso --log build/test-logs/NAME.log --timeout SECS [--name NAME]
              [--expect-exit CODE] [--expect-panic-in FUNC] [--expect-panic-with TEXT]
              [--expect TEXT ...] [--qemu BIN] [--qemu-flags FLAGS] [--results FILE]
              [--closing-regex REGEX] [--input-after MARKER TEXT ...] [--expect-line REGEX ...]
              [--expect-fail-prefix PREFIX]

How the kernel reports (kernel/ktest/ktest.c, arch/x86_64 QEMU exit):
  - one TAP line per case: "ok 3 - slab/poison" or "not ok 4 - slab/x # why";
  - a closing line "ktest: N passed, M failed";
  - then it writes v to the isa-debug-exit port 0xf4 and QEMU exits with (v << 1) | 1:
    v = 0 all passed (exit 1), v = 1 failures (exit 3), v = 2 a panic during tests (exit 5);
  - a panic prints "Kernel panic - not syncing: why", then (after a fault) "RIP: 0x...
    func+0x12/0x40" and backtrace lines "  [<ffffffff80101234>] func+0x12/0x40";
  - console lines may start with a printk time stamp "[    1.234567] ", which is ignored.

A normal run passes when QEMU exits with the expected code (1 unless --expect-exit says
otherwise), the closing line is there and agrees with the TAP lines (and with the "1..N" plan,
if one is printed), there is no panic, and every --expect TEXT is in the log. A negative
control (--expect-panic-in / --expect-panic-with) passes when the kernel panicked as described
(exit 5 by default, no closing line needed): FUNC in a RIP or backtrace line after the panic
line, TEXT on the panic line or after it. A timeout always fails.

Each TAP line is echoed as "NAME: ok 3 - ..." and counted as a test case; the boot itself is
one more case, with the one-line verdict "PASS boot NAME" or "FAIL boot NAME: why".

User-space runs (init=/tests/SUITE, init=/bin/busybox -- CMD) close differently:
  --closing-regex REGEX   the closing line to look for instead of "ktest: N passed, M failed".
                          With two groups (passed, failed) it must agree with the TAP lines, as
                          the ktest line does: a suite's '^(\\d+) passed, (\\d+) failed$'. Without
                          groups the line only has to be there (and no TAP line may say
                          "not ok"): 'init: exited with status 0' for a busybox command.
  --input-after MARKER TEXT  (repeatable, used in order) type TEXT on the serial console once
                          MARKER has appeared in the log after the previous marker. TEXT takes
                          Python escapes: 'helx\\x7flo\\r' types h e l x DEL l o Enter. QEMU then
                          reads the console from a pipe (-chardev stdio with a logfile) instead
                          of -serial file:LOG. tests/harness/pty_run.py takes the same pairs.
  --expect-line REGEX     (repeatable) some line of the log, stripped, matches REGEX entirely:
                          stricter than --expect, which the logged command line may satisfy.
  --expect-fail-prefix PREFIX  a negative control of a suite booted with a teaching toggle
                          (DESIGN.md §9): every case whose name after the suite's "SUITE/"
                          starts with PREFIX must be "not ok", every other case "ok", and at
                          least one case must match; the closing line is judged as above
                          (its failed count is then no failure). A case that passes where it
                          must fail fails the boot: "pidns_teardown/escape_" cases under
                          pidns.zap=legacy must catch the zombie escape. Each such case is
                          recorded as PASS when it failed as expected.
Exit status 0 when the boot and all its cases passed (with --expect-fail-prefix: passed or
failed as expected), 1 otherwise.
"""

import argparse
import codecs
import os
import re
import shlex
import subprocess
import sys
import time

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402

DEFAULT_QEMU_FLAGS = ("-m 256 -smp 1 -no-reboot -display none "
                      "-device isa-debug-exit,iobase=0xf4,iosize=0x04")
EXIT_ALL_PASSED = 1     # the kernel wrote 0 to port 0xf4
EXIT_PANIC = 5          # the kernel wrote 2 to port 0xf4

TAP_RE = re.compile(r"^(not ok|ok)\b\s*(\d+)?\s*(?:-\s*)?(.*?)\s*(?:#\s*(.*))?$")
CLOSING_RE = re.compile(r"^ktest: (\d+) passed, (\d+) failed\b")
PLAN_RE = re.compile(r"^1\.\.(\d+)$")
ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
STAMP_RE = re.compile(r"^\[\s*\d+\.\d+\] ?", re.M)   # printk's "[    1.234567] "
PANIC_TEXT = "Kernel panic"


def read_log(path):
    """The serial log as clean lines: no terminal escapes (GRUB draws with them), no CRs, no
    printk time stamps."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    text = ANSI_RE.sub("", text).replace("\r", "")
    return STAMP_RE.sub("", text).split("\n")


def type_on_cue(proc, args, deadline):
    """--input-after: wait for each marker in the log, type its text; until QEMU exits."""
    pending = [(m, codecs.decode(t, "unicode_escape")) for m, t in args.input_after]
    searched = 0    # the log before this offset is matched already
    while pending and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
        with open(args.log, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        found = text.find(pending[0][0], searched)
        if found >= 0:
            searched = found + len(pending[0][0])
            try:
                proc.stdin.write(pending.pop(0)[1].encode("latin-1"))
                proc.stdin.flush()
            except BrokenPipeError:     # QEMU has exited; the verdict will say why
                return


def boot(args):
    """Run QEMU until it exits or the timeout; returns (exit status or None, seconds, stderr)."""
    cmd = [args.qemu] + shlex.split(args.qemu_flags)
    if args.input_after:
        open(args.log, "wb").close()
        cmd += ["-chardev", "stdio,id=console,signal=off,logfile=" + args.log,
                "-serial", "chardev:console", "-cdrom", args.iso]
        return boot_typing(args, cmd)
    cmd += ["-serial", "file:" + args.log, "-cdrom", args.iso]
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, errors="replace")
    try:
        _, err = proc.communicate(timeout=args.timeout)
        status = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        status = None
    return status, time.monotonic() - start, err.strip()


def boot_typing(args, cmd):
    """boot() for --input-after: QEMU's console input is our pipe."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    type_on_cue(proc, args, start + args.timeout)
    try:
        _, err = proc.communicate(timeout=max(0.1, start + args.timeout - time.monotonic()))
        status = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
        status = None
    return status, time.monotonic() - start, err.decode("utf-8", "replace").strip()


def parse_tap(lines):
    """The TAP results in the log, as (passed, description, case name) triples."""
    results = []
    for line in lines:
        m = TAP_RE.match(line.strip())
        if m:
            desc = "%s %s - %s" % (m.group(1), m.group(2) or "?", m.group(3))
            results.append((m.group(1) == "ok", desc + (" # " + m.group(4) if m.group(4) else ""),
                            m.group(3)))
    return results


def must_pass(args, name):
    """Whether the case called name ("SUITE/case") must be ok: with --expect-fail-prefix, a
    case whose name after "SUITE/" starts with the prefix must fail instead."""
    if not args.expect_fail_prefix:
        return True
    return not name.split("/", 1)[-1].startswith(args.expect_fail_prefix)


def check_expected_failures(args, tap, problems):
    """--expect-fail-prefix: exactly the cases named with the prefix failed, and there were
    some (a negative control that matches nothing proves nothing)."""
    if all(must_pass(args, name) for _, _, name in tap):
        problems.append("no case name starts with %r" % args.expect_fail_prefix)
    for ok, desc, name in tap:
        if ok and not must_pass(args, name):
            problems.append("%r passed, but the cases starting with %r must fail here"
                            % (desc, args.expect_fail_prefix))
        elif not ok and must_pass(args, name):
            problems.append("%r failed" % desc)


def find_closing(lines, regex=CLOSING_RE):
    """(passed, failed) from the last closing line ("ktest: N passed, M failed" unless regex
    says otherwise); () if regex has no groups and matched; None if no line matched."""
    found = None
    for line in lines:
        m = regex.search(line.strip())
        if m:
            found = (int(m.group(1)), int(m.group(2))) if regex.groups >= 2 else ()
    return found


def panic_lines(lines):
    """The log from the first line that mentions a kernel panic on, or [] if none does."""
    for i, line in enumerate(lines):
        if PANIC_TEXT in line:
            return lines[i:]
    return []


def names_function(lines, func):
    """True when a RIP or backtrace line names func ("RIP: 0x... func+0x12/0x40")."""
    pattern = re.compile(r"(RIP:|\[<[0-9a-fA-F]+>\]).*\b%s\+0x" % re.escape(func))
    return any(pattern.search(line) for line in lines)


def check_panic(args, lines, problems):
    """The checks of a negative control: the kernel must have panicked as described."""
    after = panic_lines(lines)
    if not after:
        problems.append("expected a kernel panic, found none")
        return
    if args.expect_panic_in and not names_function(after, args.expect_panic_in):
        problems.append("the panic's RIP/backtrace does not name %s" % args.expect_panic_in)
    for text in args.expect_panic_with:
        if not any(text in line for line in after):
            problems.append("the panic does not mention %r" % text)


def check_normal(args, lines, tap, problems):
    """The checks of an ordinary run: no panic, a closing line that agrees with the TAP."""
    panic = panic_lines(lines)
    if panic:
        problems.append("kernel panic: %s" % panic[0].strip())
    regex = re.compile(args.closing_regex) if args.closing_regex else CLOSING_RE
    closing = find_closing(lines, regex)
    if closing is None:
        problems.append("no closing line matching %r" % regex.pattern)
        return
    counted = (sum(1 for ok, _, _ in tap if ok), sum(1 for ok, _, _ in tap if not ok))
    if closing != ():
        if closing != counted:
            problems.append("closing line says %d passed, %d failed but the TAP lines show "
                            "%d, %d" % (closing + counted))
        plans = [int(m.group(1)) for m in map(PLAN_RE.match, lines) if m]
        if plans and plans[-1] != len(tap):
            problems.append("the TAP plan announced %d cases, %d ran" % (plans[-1], len(tap)))
    if args.expect_fail_prefix:
        check_expected_failures(args, tap, problems)
    elif counted[1] or (closing and closing[1]):
        problems.append("%d case(s) failed" % max(counted[1], closing[1] if closing else 0))


def judge(args, status, lines, tap):
    """Every reason the boot failed; [] means it passed."""
    problems = []
    expect_panic = bool(args.expect_panic_in or args.expect_panic_with)
    if status is None:
        problems.append("timed out after %g s (QEMU killed)" % args.timeout)
    else:
        want = args.expect_exit
        if want is None:
            want = EXIT_PANIC if expect_panic else EXIT_ALL_PASSED
        if status != want:
            problems.append("QEMU exit status %d, expected %d" % (status, want))
    if expect_panic:
        check_panic(args, lines, problems)
    else:
        check_normal(args, lines, tap, problems)
    for text in args.expect:
        if not any(text in line for line in lines):
            problems.append("log lacks %r" % text)
    for regex in args.expect_line:
        if not any(re.fullmatch(regex, line.strip()) for line in lines):
            problems.append("no log line matches %r" % regex)
    return problems


def parse_args(argv):
    ap = argparse.ArgumentParser(description="Boot a reaper ISO in QEMU and judge the run.")
    ap.add_argument("--iso", required=True)
    ap.add_argument("--log", required=True, help="where the serial log is saved")
    ap.add_argument("--timeout", type=float, required=True, help="seconds")
    ap.add_argument("--name", help="the boot's name in the output (default: the log's)")
    ap.add_argument("--expect-exit", type=int, help="QEMU's exit status (default 1, or 5 "
                    "with --expect-panic-*)")
    ap.add_argument("--expect-panic-in", metavar="FUNC",
                    help="negative control: must panic with FUNC in the RIP/backtrace")
    ap.add_argument("--expect-panic-with", metavar="TEXT", action="append", default=[],
                    help="negative control: must panic, mentioning TEXT")
    ap.add_argument("--expect", metavar="TEXT", action="append", default=[],
                    help="the log must contain TEXT (repeatable)")
    ap.add_argument("--qemu", default="qemu-system-x86_64")
    ap.add_argument("--qemu-flags", default=DEFAULT_QEMU_FLAGS)
    ap.add_argument("--results", help="append PASS/FAIL lines to this file")
    ap.add_argument("--closing-regex", metavar="REGEX",
                    help="the closing line, instead of 'ktest: N passed, M failed'")
    ap.add_argument("--input-after", nargs=2, action="append", default=[],
                    metavar=("MARKER", "TEXT"), help="type TEXT once MARKER is in the log")
    ap.add_argument("--expect-line", metavar="REGEX", action="append", default=[],
                    help="a whole log line must match REGEX (repeatable)")
    ap.add_argument("--expect-fail-prefix", metavar="PREFIX",
                    help="negative control: exactly the cases named SUITE/PREFIX... must fail")
    args = ap.parse_args(argv)
    args.name = args.name or os.path.splitext(os.path.basename(args.log))[0]
    return args


def main(argv):
    args = parse_args(argv)
    os.makedirs(os.path.dirname(os.path.abspath(args.log)), exist_ok=True)
    if os.path.exists(args.log):
        os.remove(args.log)
    status, seconds, err = boot(args)
    lines = read_log(args.log) if os.path.exists(args.log) else []
    tap = parse_tap(lines)
    for ok, desc, name in tap:
        expected = "" if must_pass(args, name) or ok else " (expected to fail)"
        print("%s: %s%s" % (args.name, desc, expected))
        testlib.record(args.results, ok == must_pass(args, name), "%s/%s" % (args.name, desc))
    problems = judge(args, status, lines, tap)
    if err and (problems or status not in (EXIT_ALL_PASSED, EXIT_PANIC, 3)):
        problems.append("QEMU said: %s" % err.replace("\n", " | "))
    testlib.record(args.results, not problems, "boot " + args.name)
    if problems:
        print("FAIL boot %s (%.1f s): %s (log: %s)" % (args.name, seconds, "; ".join(problems),
                                                     args.log))
        return 1
    print("PASS boot %s (%.1f s)" % (args.name, seconds))
    return 0 if all(ok == must_pass(args, name) for ok, _, name in tap) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
