#!/usr/bin/env python3
"""test_doc_lines.py - the source lines the walkthroughs quote stay true to the source.

docs/*.md show gdb's output as a student will see it, and gdb names source lines: a breakpoint
or a frame is `FUNC (ARGS) at kernel/x.c:N`, sometimes followed by the line itself, `N<TAB>text`.
The gdb tests (tests/gdb/) run the walkthroughs and check names and values, not line numbers,
and any edit above a function moves every number in it: by 2026-11-30 21 of the 35 quoted
locations pointed at the wrong line. This test reads every quoted location and checks, against
the source tree:
- the line lies inside FUNC (from its definition to its closing brace; an assembly label to the
  next label);
- in a backtrace (`#0 ...`, `#1 ...`), frame k's line is its call of frame k-1's function,
  whenever FUNC calls that function by name (not through a pointer);
- a quoted `N<TAB>text` line is the source's line N, character for character.
How to mend a failure: run the walkthrough (`make test-gdb`), then copy the numbers from
build/test-logs/gdb-*.log into the doc.

unittest, each case reported as a TAP line (tap_unittest.py); no QEMU, no kernel.
"""

import glob
import os
import re
import sys
import unittest

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
import tap_unittest  # noqa: E402  (tests/host/tap_unittest.py, beside this file)

REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
LOCATION = re.compile(r"^(?:#(\d+)\s+)?(?:Breakpoint \d+, )?(?:0x[0-9a-f]+ in )?"
                      r"(\w+) \(.*\) at ([\w/.]+\.(?:c|asm)):(\d+)$")


def source_lines(path):
    with open(os.path.join(REPO, path)) as f:
        return f.read().split("\n")


def body_range(lines, func, path):
    """The 1-based (first, last) lines of func's definition in lines, or None."""
    if path.endswith(".asm"):
        start = next((i for i, l in enumerate(lines) if l.startswith(func + ":")), None)
        if start is None:
            return None
        end = next((i for i in range(start + 1, len(lines))
                    if re.match(r"^[A-Za-z_]\w*:", lines[i])), len(lines))
        return start + 1, end
    head = re.compile(r"^[A-Za-z_].*\b%s\(" % re.escape(func))
    for i, l in enumerate(lines):
        if head.match(l) and not l.rstrip().endswith(";"):
            end = next((j for j in range(i + 1, len(lines)) if lines[j] == "}"), None)
            if end is not None:
                return i + 1, end + 1
    return None


def quoted_locations():
    """Every quoted location: (doc, doc line, frame or None, func, path, n, next doc line)."""
    found = []
    for doc in sorted(glob.glob(os.path.join(REPO, "docs", "*.md"))):
        with open(doc) as f:
            text = f.read().split("\n")
        for i, line in enumerate(text):
            m = LOCATION.match(line)
            if m:
                frame = int(m.group(1)) if m.group(1) is not None else None
                found.append((os.path.basename(doc), i + 1, frame, m.group(2), m.group(3),
                              int(m.group(4)), text[i + 1] if i + 1 < len(text) else ""))
    return found


class DocLinesTest(unittest.TestCase):
    def setUp(self):
        self.locations = quoted_locations()

    def test_there_are_quoted_locations(self):
        # The check below must have something to check: the walkthroughs quote dozens.
        self.assertGreater(len(self.locations), 20)

    def test_every_line_lies_in_its_function(self):
        bad = []
        for doc, at, _, func, path, n, _ in self.locations:
            rng = body_range(source_lines(path), func, path)
            if rng is None:
                bad.append("%s:%d: no %s in %s" % (doc, at, func, path))
            elif not rng[0] <= n <= rng[1]:
                bad.append("%s:%d: %s:%d is not in %s (lines %d-%d)" %
                           (doc, at, path, n, func, rng[0], rng[1]))
        self.assertEqual(bad, [])

    def test_a_callers_line_calls_the_frame_above(self):
        bad = []
        prev = None
        for loc in self.locations:
            doc, at, frame, func, path, n, _ = loc
            if frame and prev and prev[0] == doc and prev[2] == frame - 1:
                callee, lines = prev[3], source_lines(path)
                rng = body_range(lines, func, path) or (1, len(lines))
                body = "\n".join(lines[rng[0] - 1:rng[1]])
                calls = re.compile(r"\b%s\s*\(|call\s+%s\b" % ((re.escape(callee),) * 2))
                if calls.search(body) and not calls.search(lines[n - 1]):
                    bad.append("%s:%d: %s:%d does not call %s: %r" %
                               (doc, at, path, n, callee, lines[n - 1].strip()))
            prev = loc
        self.assertEqual(bad, [])

    def test_a_quoted_source_line_is_the_source(self):
        bad = []
        for doc, at, _, _, path, n, following in self.locations:
            m = re.match(r"^(\d+)\t(.*)$", following)
            if m and int(m.group(1)) == n and source_lines(path)[n - 1] != m.group(2):
                bad.append("%s:%d: line %d of %s is %r, not %r" %
                           (doc, at + 1, n, path, source_lines(path)[n - 1], m.group(2)))
        self.assertEqual(bad, [])

    def test_the_checks_catch_a_moved_line(self):
        # A negative control on a made-up quote: one line off is caught.
        lines = source_lines("kernel/exit.c")
        rng = body_range(lines, "do_group_exit", "kernel/exit.c")
        self.assertIsNotNone(rng)
        call = next(i + 1 for i in range(rng[0] - 1, rng[1])
                    if re.search(r"\bdo_exit\s*\(", lines[i]))
        self.assertTrue(re.search(r"\bdo_exit\s*\(", lines[call - 1]))
        self.assertFalse(re.search(r"\bdo_exit\s*\(", lines[call - 2]))


if __name__ == "__main__":
    sys.exit(tap_unittest.main(sys.modules[__name__]))
