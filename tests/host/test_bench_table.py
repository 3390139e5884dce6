#!/usr/bin/env python3
"""test_bench_table.py - host unit tests of tools/bench.py's pure logic: reading procbench's
lines, merging several boots, judging a target and laying out the side-by-side table that
`make bench-linux` prints (docs/performance.md).

unittest, with each case reported as a TAP line ("ok N - name" / "not ok N - name"), the form
tests/harness/host_tests.py reads from every host test; exit status 0 when all passed. No QEMU
and no kernel: only functions that take text or dicts and return them.
"""

import os
import sys
import unittest

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
import tap_unittest  # noqa: E402  (tests/host/tap_unittest.py, beside this file)

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import bench  # noqa: E402


def entry(median, unit="us", low=None):
    """A results dict entry as bench.record() makes it; low is the line's minimum."""
    low = median if low is None else low
    return (median, unit, "median %s %s, min %s %s (5 reps)" % (median, unit, low, unit))


class RecordTest(unittest.TestCase):
    def test_result_line(self):
        results = {}
        bench.record(results, "bench fork-exit-wait: median 398.7 us, min 385.8 us (100 reps)")
        self.assertEqual(results["fork-exit-wait"][:2], (398.7, "us"))

    def test_failed_line_keeps_its_text(self):
        results = {}
        bench.record(results, "bench pidns-create: failed (EINVAL)")
        self.assertEqual(results["pidns-create"], (None, None, "failed (EINVAL)"))

    def test_other_lines_are_ignored(self):
        results = {}
        bench.record(results, "procbench: pid 1 on Linux 6.1.0-57-amd64")
        self.assertEqual(results, {})

    def test_clean_strips_stamps_and_escapes(self):
        self.assertEqual(bench.clean(b"\x1b[0m[    1.234567] init: hello\r\n"), "init: hello")


class CombineTest(unittest.TestCase):
    def test_median_of_boots_and_range(self):
        runs = [{"a": entry(3.0)}, {"a": entry(1.0)}, {"a": entry(2.0)}]
        merged, spread = bench.combine(runs)
        self.assertEqual(merged["a"][0], 2.0)
        self.assertEqual(spread["a"], (1.0, 3.0))

    def test_minimum_is_the_median_of_the_boots_minima(self):
        runs = [{"a": entry(3.0, low=2.0)}, {"a": entry(1.0, low=0.5)},
                {"a": entry(2.0, low=1.0)}]
        merged, _ = bench.combine(runs)
        self.assertEqual(bench.minimum(merged["a"]), 1.0)

    def test_boot_to_init_has_no_minimum(self):
        merged, _ = bench.combine([{"boot-to-init": (4.0, "s", "4.00 s (QEMU launch)")}])
        self.assertEqual(merged["boot-to-init"][0], 4.0)
        self.assertIsNone(bench.minimum(merged["boot-to-init"]))

    def test_a_failed_boot_makes_the_cell_a_failure(self):
        runs = [{"a": entry(3.0)}, {"a": (None, None, "failed (timeout)")}]
        merged, spread = bench.combine(runs)
        self.assertEqual(merged["a"][2], "failed (timeout)")
        self.assertNotIn("a", spread)


class JudgeTest(unittest.TestCase):
    targets = {"fork-exit-wait": ("ratio", 0.5), "pidns-traced-reap": ("below", 10000.0)}

    def test_ratio_met_at_the_bound(self):
        self.assertEqual(bench.judge("fork-exit-wait", entry(1), 0.5, self.targets),
                         ("<= 0.5x", "met"))

    def test_ratio_not_met_above(self):
        self.assertEqual(bench.judge("fork-exit-wait", entry(1), 0.51, self.targets)[1],
                         "NOT met")

    def test_below_is_strict_and_uses_reaper_median(self):
        self.assertEqual(bench.judge("pidns-traced-reap", entry(290.0), None, self.targets),
                         ("< 10000 us", "met"))
        self.assertEqual(bench.judge("pidns-traced-reap", entry(10000.0), 1.0,
                                     self.targets)[1], "NOT met")

    def test_no_target_and_no_figure(self):
        self.assertEqual(bench.judge("proc-walk", entry(1), 2.0, self.targets), ("-", "-"))
        self.assertEqual(bench.judge("fork-exit-wait", None, None, self.targets),
                         ("<= 0.5x", "-"))


class TableTest(unittest.TestCase):
    def rows(self, lines):
        return {line.split()[0]: line.split() for line in lines[1:]}

    def test_ratio_targets_and_order(self):
        reaper = {"boot-to-init": (4.0, "s", "4.00 s"), "fork-exit-wait": entry(400.0, low=300.0),
                  "only-reaper": entry(1.0)}
        linux = {"boot-to-init": (14.0, "s", "14.00 s"), "fork-exit-wait": entry(800.0, low=500.0),
                 "syscall-null": entry(500.0, "ns")}
        lines = bench.format_table(reaper, linux, "reaper", "linux", bench.TARGETS)
        self.assertEqual(lines[0].split(), ["benchmark", "unit", "reaper", "linux",
                                            "reaper/linux", "by", "minima", "target", "met?"])
        names = [line.split()[0] for line in lines[1:]]
        self.assertEqual(names, ["fork-exit-wait", "syscall-null", "only-reaper",
                                 "boot-to-init"])
        rows = self.rows(lines)
        self.assertEqual(rows["fork-exit-wait"], ["fork-exit-wait", "us", "400.00", "800.00",
                                                  "0.50", "0.60", "<=", "0.5x", "met"])
        self.assertEqual(rows["syscall-null"][2:5], ["-", "500.00", "-"])
        self.assertEqual(rows["boot-to-init"][4:], ["0.29", "-", "<=", "0.25x", "NOT", "met"])

    def test_no_ratio_of_minima_with_a_negative_minimum(self):
        reaper = {"pidns-traced-reap": entry(150.0, low=130.0)}
        linux = {"pidns-traced-reap": entry(300.0, low=-48.0)}   # Linux: parent before tracer
        lines = bench.format_table(reaper, linux, "reaper", "linux", bench.TARGETS)
        self.assertEqual(self.rows(lines)["pidns-traced-reap"][4:6], ["0.50", "-"])

    def test_without_targets_five_columns(self):
        lines = bench.format_table({"a": entry(2.0)}, {"a": entry(0.0)}, "x", "y")
        self.assertEqual(lines[1].split(), ["a", "us", "2.00", "0.00", "-"])


if __name__ == "__main__":
    sys.exit(tap_unittest.main(sys.modules[__name__]))
