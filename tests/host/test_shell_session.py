#!/usr/bin/env python3
"""test_shell_session.py - host unit tests of the console that `make test-shell` types into
(tests/harness/shell_session.py's Console), named after the bug they pin down: "make
test-shell loses keystrokes under load". No key was lost on the way into the guest; the
harness did what a person at the keyboard does not:
  - pump(seconds) returned with the first chunk QEMU printed, so a byte's echo ended the
    50 ms pause after it, and `sleep 100`, Enter, a 1 s wait, ^C sent the ^C about 1 ms after
    the Enter's echo: busybox's line editor still had the terminal in raw mode with ISIG off,
    so the ^C was an ordinary byte (on Linux too), and sleep ran on;
  - escape sequences were removed from each read on its own, so the cursor query ESC[6n that
    busybox prints after every prompt, split over two reads ("rsh> ESC[6" + "n"), stayed in
    the text after the prompt and the prompt was never seen ("no prompt after ...");
  - the prompt regex matched the echo of the typed "PS1='rsh> " before the rest of the line
    came back, so the next command went out while the shell was still busy.

A fake QEMU (two pipes) stands in for the real one. unittest, each case reported as a TAP
line ("ok N - name"), the form tests/harness/host_tests.py reads; exit status 0 when all
passed.
"""

import io
import os
import sys
import threading
import time
import unittest

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
import tap_unittest  # noqa: E402  (tests/host/tap_unittest.py, beside this file)

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
import shell_session  # noqa: E402

SLACK = 0.02        # seconds a timer may fire early on a loaded machine's select()


class FakeQemu:
    """What Console uses of QEMU's process: stdout to read, stdin to type into, poll()."""

    def __init__(self, echo=False):
        out_r, self.out_w = os.pipe()
        self.in_r, in_w = os.pipe()
        self.stdout = os.fdopen(out_r, "rb", buffering=0)
        self.stdin = os.fdopen(in_w, "wb")
        if echo:    # a terminal that echoes every typed byte at once
            threading.Thread(target=self.echo_loop, daemon=True).start()

    def echo_loop(self):
        while True:
            data = os.read(self.in_r, 1)
            if not data:
                return
            os.write(self.out_w, data)

    def emit(self, data):
        os.write(self.out_w, data)

    def poll(self):
        return None


def console(qemu):
    return shell_session.Console(qemu, io.BytesIO(), "/nonexistent")


class PauseTest(unittest.TestCase):
    def test_pump_waits_its_whole_time_when_output_comes_at_once(self):
        # `sleep 100`, Enter, pump(1.0), ^C: the Enter's echo must not end the wait.
        qemu = FakeQemu()
        con = console(qemu)
        qemu.emit(b"\r\n")
        start = time.monotonic()
        con.pump(0.3)
        self.assertGreaterEqual(time.monotonic() - start, 0.3 - SLACK)
        self.assertEqual(con.text, "\n")

    def test_type_pauses_after_every_byte_even_with_immediate_echo(self):
        qemu = FakeQemu(echo=True)
        con = console(qemu)
        start = time.monotonic()
        con.type("abcd", pause=0.1)
        self.assertGreaterEqual(time.monotonic() - start, 0.4 - SLACK)
        self.assertEqual(con.text, "abcd")

    def test_pump_reads_everything_that_comes_during_the_wait(self):
        qemu = FakeQemu()
        con = console(qemu)
        threading.Timer(0.1, qemu.emit, (b"late\r\n",)).start()
        qemu.emit(b"early ")
        con.pump(0.3)
        self.assertEqual(con.text, "early late\n")


class EscapeTest(unittest.TestCase):
    def test_prompt_found_when_its_cursor_query_is_split_across_reads(self):
        qemu = FakeQemu()
        con = console(qemu)
        qemu.emit(b"2\r\nrsh> \x1b[6")
        con.pump(0.1)               # one read: the sequence is cut after "6"
        qemu.emit(b"n")
        self.assertIsNotNone(con.expect(shell_session.prompt_re(), 0.3))
        con.pump(0.1)
        self.assertEqual(con.text, "2\nrsh> ")

    def test_escape_split_byte_by_byte(self):
        qemu = FakeQemu()
        con = console(qemu)
        for part in (b"rsh> \x1b", b"[", b"6", b"n", b"ls\r\n"):
            qemu.emit(part)
            con.pump(0.05)
        self.assertEqual(con.text, "rsh> ls\n")

    def test_utf8_character_split_across_reads(self):
        qemu = FakeQemu()
        con = console(qemu)
        qemu.emit(b"caf\xc3")
        con.pump(0.05)
        qemu.emit(b"\xa9\r\n")
        con.pump(0.05)
        self.assertEqual(con.text, "caf\u00e9\n")


class PromptTest(unittest.TestCase):
    def test_prompt_not_matched_in_the_echo_of_ps1(self):
        # The echo of "PS1='rsh> '" has come back up to the blank; the shell is still busy.
        qemu = FakeQemu()
        con = console(qemu)
        qemu.emit(b"~ # \x1b[6nPS1='rsh> ")
        self.assertIsNone(con.expect(shell_session.prompt_re(), 0.2))
        qemu.emit(b"'\r\nrsh> \x1b[6n")
        self.assertIsNotNone(con.expect(shell_session.prompt_re(), 0.3))

    def test_command_output_ends_at_the_real_prompt(self):
        qemu = FakeQemu(echo=True)
        con = console(qemu)
        threading.Timer(1.0, qemu.emit, (b"\nhello\r\nrsh> \x1b[6n",)).start()
        out = shell_session.command(con, "echo 'rsh> '", timeout=2)
        self.assertEqual(out, "echo 'rsh> '\nhello\n")


if __name__ == "__main__":
    sys.exit(tap_unittest.main(sys.modules[__name__]))
