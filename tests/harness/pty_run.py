#!/usr/bin/env python3
"""pty_run.py - run a program on the Linux host inside a pseudo-terminal, typing on cue.

Usage: pty_run.py [--timeout SECS] [--input-after MARKER TEXT ...] [--inputs-from BOOTS]
                  -- PROGRAM [ARGS...]

The program gets a fresh pty as its controlling terminal and fds 0, 1, 2, with an 80x24
window (reaper's console default). Its output is copied to our stdout (without the CRs the
terminal adds). Each --input-after pair is used once, in order: when MARKER has appeared in
the output (after the previous marker), TEXT is typed. TEXT takes Python escapes
(\\r, \\x7f, \\x04 ...), exactly as qemu_run.py's option of the same name, so a test's input
script reads the same for QEMU (tests/boots.txt) and for Linux (tests/run-on-linux.sh).
--inputs-from tests/boots.txt takes the pairs from the boot whose command line is
"init=/tests/NAME" for PROGRAM's file name NAME, so a suite's input is written down once.
Exit status: the program's, 124 on timeout, 128+N if a signal N killed it.
Python 3 standard library only.
"""

import argparse
import codecs
import fcntl
import os
import select
import struct
import sys
import termios
import time


def inputs_from(table, program):
    """The --input-after pairs of the boot that runs init=/tests/<program's name>."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import run_boots  # noqa: E402  (its table reader)
    cmdline = "init=/tests/" + os.path.basename(program)
    pairs = []
    for boot in run_boots.read_table(table):
        if boot.cmdline.split()[:1] == [cmdline]:
            words = list(boot.harness)
            while "--input-after" in words:
                i = words.index("--input-after")
                pairs.append(words[i + 1:i + 3])
                del words[i:i + 3]
    return pairs


def spawn(argv):
    """Fork argv onto a new pty (session leader, controlling tty); returns (pid, master fd)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    pid = os.fork()
    if pid == 0:
        os.close(master)
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        if slave > 2:
            os.close(slave)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    os.close(slave)
    return pid, master


def pump(pid, master, inputs, timeout):
    """Copy output and type inputs until the program exits; returns its wait status or None."""
    seen, status, deadline = "", None, time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.05)
        data = b""
        if ready:
            try:
                data = os.read(master, 4096)
            except OSError:         # EIO: every slave fd is closed
                pass
            text = data.decode("utf-8", "replace")
            sys.stdout.write(text.replace("\r", ""))
            sys.stdout.flush()
            seen += text
        while inputs and inputs[0][0] in seen:
            marker, typed = inputs.pop(0)
            seen = seen[seen.index(marker) + len(marker):]
            os.write(master, typed.encode("latin-1"))
        if status is None:
            done, wstatus = os.waitpid(pid, os.WNOHANG)
            status = wstatus if done else None
        if status is not None:
            drain(master)
            return status
    return None


def drain(master):
    """After the program's exit: copy what is left. Linux moves what the program wrote through
    the pty's buffers asynchronously, and a read may say EIO (no slave left) before the last
    bytes arrive: so keep trying until nothing has come for a while. Without this a suite
    whose last lines were written just before it exited lost them (seen ~1 run in 30: only
    "1..16" of fork_test, on a loaded host)."""
    quiet = 0
    while quiet < 5:                # 5 x 50 ms with nothing
        ready, _, _ = select.select([master], [], [], 0.05)
        data = b""
        if ready:
            try:
                data = os.read(master, 4096)
            except OSError:         # EIO: nothing buffered right now
                time.sleep(0.02)
        if data:
            sys.stdout.write(data.decode("utf-8", "replace").replace("\r", ""))
            sys.stdout.flush()
            quiet = 0
        else:
            quiet += 1


def main():
    ap = argparse.ArgumentParser(description="Run a program in a pty, typing on cue.")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--input-after", nargs=2, action="append", default=[],
                    metavar=("MARKER", "TEXT"))
    ap.add_argument("--inputs-from", metavar="BOOTS_TXT")
    ap.add_argument("argv", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    argv = args.argv[1:] if args.argv[:1] == ["--"] else args.argv
    if not argv:
        ap.error("no program given")
    pairs = args.input_after
    if args.inputs_from:
        pairs += inputs_from(args.inputs_from, argv[0])
    inputs = [(m, codecs.decode(t, "unicode_escape")) for m, t in pairs]
    pid, master = spawn(argv)
    status = pump(pid, master, inputs, args.timeout)
    if status is None:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except OSError:
            pass
        print("pty_run: %s timed out after %g s" % (argv[0], args.timeout))
        return 124
    if os.WIFSIGNALED(status):
        return 128 + os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


if __name__ == "__main__":
    sys.exit(main())
