#!/usr/bin/env python3
"""dbg-on-linux.py - the debugger session of tests/boots.txt (boot "dbg") on the Linux host.

Usage: tests/dbg-on-linux.py [--build DIR] [--table tests/boots.txt] [--boot dbg]
                             [--results FILE] [--timeout SECS]

The boot "dbg" runs user/dbg.c as init on user/dbgdemo.c, types commands at its prompts
(--input-after) and wants certain lines in its output (--expect-line). This script runs the
same two static programs, build/user/dbg and build/user/dbgdemo, as an ordinary process on a
pseudo-terminal (tests/harness/pty_run.py), types the same commands at the same prompts and
wants the same lines, and that dbg exits with status 0 (the boot's closing line "init: exited
with status 0"). Linux's ptrace is the oracle: a session that passes in reaper but not here
tests the wrong thing. The session is written down once, in tests/boots.txt; the boot's
command line "init=/bin/dbg -- /bin/dbgdemo" says what to run, each /bin/NAME being
build/user/NAME here.

Prints the session, one TAP line per check ("ok 3 - dbg/line_3"), and "N passed, M failed";
with --results FILE, also "PASS linux/dbg/line_3" lines (tests/harness/summary.py's format).
Exit status 0 when every check passed. Python 3 standard library only.
"""

import argparse
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "harness"))
import run_boots  # noqa: E402  (its table reader)


def find_boot(table, name):
    """The boot called name in the table, or exit."""
    for boot in run_boots.read_table(table):
        if boot.name == name:
            return boot
    sys.exit("dbg-on-linux: no boot %r in %s" % (name, table))


def options(words, option, count):
    """The values of every `option V1 [V2]` in words, as lists of count strings."""
    found = []
    for i, word in enumerate(words):
        if word == option:
            found.append(words[i + 1:i + 1 + count])
    return found


def host_argv(cmdline, build):
    """'init=/bin/dbg -- /bin/dbgdemo' -> [build/user/dbg, build/user/dbgdemo]."""
    words = cmdline.split()
    init = [w[len("init="):] for w in words if w.startswith("init=")]
    args = words[words.index("--") + 1:] if "--" in words else []
    return [os.path.join(build, "user", os.path.basename(w)) if w.startswith("/bin/") else w
            for w in init[:1] + args]


def run_session(boot, argv, timeout):
    """Run argv on a pty, typing the boot's inputs; returns (exit status, output lines)."""
    cmd = [sys.executable, os.path.join(HERE, "harness", "pty_run.py"), "--timeout",
           str(timeout)]
    for marker, text in options(boot.harness, "--input-after", 2):
        cmd += ["--input-after", marker, text]
    proc = subprocess.run(cmd + ["--"] + argv, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, errors="replace")
    return proc.returncode, proc.stdout.split("\n")


def check(boot, status, lines):
    """The checks, as (name, passed, why) triples."""
    results = [("dbg/exit_status", status == 0, "dbg exited with status %d" % status)]
    for i, (regex,) in enumerate(options(boot.harness, "--expect-line", 1), 1):
        found = any(re.fullmatch(regex, line.strip()) for line in lines)
        results.append(("dbg/line_%d" % i, found, "no line matches %r" % regex))
    return results


def main():
    ap = argparse.ArgumentParser(description="Run the dbg boot's session on the Linux host.")
    ap.add_argument("--build", default=os.path.normpath(os.path.join(HERE, "..", "build")))
    ap.add_argument("--table", default=os.path.join(HERE, "boots.txt"))
    ap.add_argument("--boot", default="dbg")
    ap.add_argument("--results", default=os.environ.get("RESULTS"))
    ap.add_argument("--timeout", type=float, default=60)
    args = ap.parse_args()
    boot = find_boot(args.table, args.boot)
    argv = host_argv(boot.cmdline, args.build)
    missing = [path for path in argv if not os.access(path, os.X_OK)]
    if missing:
        results = [("dbg/built", False, "not built: %s" % " ".join(missing))]
    else:
        status, lines = run_session(boot, argv, args.timeout)
        print("\n".join(lines))
        results = check(boot, status, lines)
    for n, (name, ok, why) in enumerate(results, 1):
        print("%s %d - %s%s" % ("ok" if ok else "not ok", n, name, "" if ok else " # " + why))
        if args.results:
            with open(args.results, "a") as f:
                f.write("%s linux/%s\n" % ("PASS" if ok else "FAIL", name))
    failed = sum(1 for _, ok, _ in results if not ok)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
