#!/usr/bin/env python3
"""host_tests.py - the first stage of `make test`: build and run every tests/host/test_*.c
(and run every tests/host/test_*.py).

Usage: host_tests.py [--cc gcc] [--out build/host] [--logs build/test-logs] [--results FILE]
                     [--timeout SECS] [tests/host/test_X.c ...]

The convention (fixed; test authors rely on it): the first line of a test file is
    // sources: kernel/a.c kernel/b.c
naming the kernel sources it links with (paths from the repository root; the list may be
empty). Each test is built alone, with cmocka:
    CC -std=c11 -Wall -Wextra -Werror -g -DHOST_TEST -iquote kernel/include \\
        -iquote arch/x86_64/include tests/host/test_X.c SOURCES -lcmocka -o build/host/test_X
and run with CMOCKA_MESSAGE_OUTPUT=TAP, so every case prints "ok N - name" or "not ok N -
name". A tests/host/test_X.py (unit tests of our Python tools, e.g. tools/bench.py) needs no
build: it is run with this Python and prints the same TAP lines itself. Each case counts as a
test ("host/test_X/name"). A test that does not build, dies, times out, or exits non-zero
without a failing case counts as one more failure. Output of each test goes to
build/test-logs/host-test_X.log and is shown when it fails.
Exit status 0 when everything passed.
"""

import argparse
import glob
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402

CFLAGS = ["-std=c11", "-Wall", "-Wextra", "-Werror", "-g", "-DHOST_TEST",
          "-iquote", "kernel/include", "-iquote", "arch/x86_64/include"]
SOURCES_RE = re.compile(r"^//\s*sources:(.*)$")
TAP_RE = re.compile(r"^(not ok|ok) \d+ - (.*)$")


def sources_of(test):
    """The kernel sources named on the test's first line, or None if the line is missing."""
    with open(test) as f:
        m = SOURCES_RE.match(f.readline().strip())
    return m.group(1).split() if m else None


def build(test, cc, out):
    """Compile one test; returns (the command that runs it, None) or (None, why)."""
    if test.endswith(".py"):
        return [sys.executable, test], None
    sources = sources_of(test)
    if sources is None:
        return None, "first line must be '// sources: kernel/a.c ...'"
    binary = os.path.join(out, os.path.splitext(os.path.basename(test))[0])
    cmd = cc.split() + CFLAGS + [test] + sources + ["-lcmocka", "-o", binary]
    proc = subprocess.run(cmd, cwd=testlib.REPO, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, errors="replace")
    if proc.returncode != 0:
        return None, "build failed:\n$ %s\n%s" % (" ".join(cmd), proc.stdout)
    return [binary], None


def run(command, timeout):
    """Run one test; returns (exit status or None on timeout, output)."""
    env = dict(os.environ, CMOCKA_MESSAGE_OUTPUT="TAP")
    try:
        proc = subprocess.run(command, cwd=testlib.REPO, env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              errors="replace", timeout=timeout)
        return proc.returncode, proc.stdout
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode("utf-8", "replace") if isinstance(e.stdout, bytes) else e.stdout
        return None, out or ""


def judge(name, status, output, results):
    """Record each case; returns (passed, failed, why the binary as a whole failed or None)."""
    passed = failed = 0
    for line in output.splitlines():
        m = TAP_RE.match(line.strip())
        if m:
            ok = m.group(1) == "ok"
            passed, failed = passed + ok, failed + (not ok)
            testlib.record(results, ok, "host/%s/%s" % (name, m.group(2)))
    why = None
    if status is None:
        why = "timed out"
    elif status < 0:
        why = "killed by signal %d" % -status
    elif status != 0 and failed == 0:
        why = "exit status %d without a failing case" % status
    elif passed + failed == 0:
        why = "ran no test case"
    return passed, failed, why


def one_test(test, args):
    """Build, run and judge one test file; returns True if it passed."""
    name = os.path.splitext(os.path.basename(test))[0]
    log = os.path.join(args.logs, "host-%s.log" % name)
    command, why = build(test, args.cc, args.out)
    output = ""
    passed = failed = 0
    if command:
        status, output = run(command, args.timeout)
        passed, failed, why = judge(name, status, output, args.results)
    with open(log, "w") as f:
        f.write((why + "\n" if why else "") + output)
    if why:
        testlib.record(args.results, False, "host/%s" % name)
    if failed or why:
        print("FAIL host %s: %d passed, %d failed%s (log: %s)" %
              (name, passed, failed, "; " + why.splitlines()[0] if why else "", log))
        sys.stdout.write("".join("    " + line + "\n" for line in
                                 ((why or "") + "\n" + output).strip().splitlines()))
        return False
    print("PASS host %s (%d cases)" % (name, passed))
    return True


def main():
    ap = argparse.ArgumentParser(description="Build and run the cmocka host unit tests.")
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--out", default=os.path.join("build", "host"))
    ap.add_argument("--logs", default=os.path.join("build", "test-logs"))
    ap.add_argument("--results")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("tests", nargs="*")
    args = ap.parse_args()
    for d in ("out", "logs"):
        setattr(args, d, os.path.abspath(getattr(args, d)))
        os.makedirs(getattr(args, d), exist_ok=True)
    if args.results:
        args.results = os.path.abspath(args.results)
    tests = args.tests or sorted(glob.glob(os.path.join(testlib.REPO, "tests/host/test_*.c")) +
                                 glob.glob(os.path.join(testlib.REPO, "tests/host/test_*.py")))
    if not tests:
        print("host tests: none found in tests/host/")
    results = [one_test(os.path.abspath(t), args) for t in tests]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
