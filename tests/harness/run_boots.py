#!/usr/bin/env python3
"""run_boots.py - the QEMU stage of `make test`: every boot listed in tests/boots.txt.

Usage: run_boots.py --kernel K --initramfs I [--table tests/boots.txt] [--jobs N]
                    [--only NAME,...] [--qemu BIN] [--qemu-flags FLAGS] [--results FILE]

For each boot: make its initramfs if it names a --root directory (tools/mkcpio.py into
build/test-initramfs/NAME.cpio), make build/iso-NAME.iso with its command line (cached, see
testlib.ensure_iso), then run tests/harness/qemu_run.py with the boot's own options and the log
build/test-logs/NAME.log. Boots run N at a time (each QEMU uses one core under TCG); their
outputs are printed whole, in table order. Exit status 0 when every boot passed.
"""

import argparse
import concurrent.futures
import os
import shlex
import subprocess
import sys

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402


class Boot:
    """One line of the table: a name, a command line, initramfs options, harness options."""

    def __init__(self, words, where):
        if len(words) < 2:
            sys.exit("%s: expected NAME \"CMDLINE\" [OPTIONS]" % where)
        self.name, self.cmdline = words[0], words[1]
        self.root, self.devs, self.harness = None, [], []
        rest = words[2:]
        while rest:
            word = rest.pop(0)
            if word in ("--root", "--dev") and not rest:
                sys.exit("%s: %s needs a value" % (where, word))
            if word == "--root":
                self.root = rest.pop(0)
            elif word == "--dev":
                self.devs.append(rest.pop(0))
            else:
                self.harness.append(word)


def read_table(path):
    """The boots of the table file: one per line, '#' comments, '\\' continues a line."""
    boots, pending = [], ""
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = pending + line.rstrip("\n")
            if line.endswith("\\"):
                pending = line[:-1] + " "
                continue
            pending = ""
            words = shlex.split(line, comments=True)
            if words:
                boots.append(Boot(words, "%s:%d" % (path, number)))
    return boots


def prepare(boot, args):
    """Build the boot's initramfs and ISO; returns (iso path, None) or (None, error text)."""
    build = args.build
    initramfs = args.initramfs
    if boot.root:
        os.makedirs(os.path.join(build, "test-initramfs"), exist_ok=True)
        initramfs = os.path.join(build, "test-initramfs", boot.name + ".cpio")
        testlib.make_cpio(os.path.join(testlib.REPO, boot.root), boot.devs, initramfs)
    iso = os.path.join(build, "iso-%s.iso" % boot.name)
    err = testlib.ensure_iso(iso, args.kernel, initramfs, boot.cmdline)
    return (None, err) if err else (iso, None)


def run_one(boot, args):
    """Prepare and boot one entry; returns (passed, output text)."""
    iso, err = prepare(boot, args)
    if err:
        testlib.record(args.results, False, "boot " + boot.name)
        return False, "FAIL boot %s: could not make its ISO:\n%s\n" % (boot.name, err)
    cmd = [sys.executable, os.path.join(os.path.dirname(__file__), "qemu_run.py"),
           "--iso", iso, "--name", boot.name, "--qemu", args.qemu,
           "--log", os.path.join(args.logs, boot.name + ".log")]
    if args.qemu_flags is not None:
        cmd += ["--qemu-flags", args.qemu_flags]
    if args.results:
        cmd += ["--results", args.results]
    proc = subprocess.run(cmd + boot.harness, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, errors="replace")
    return proc.returncode == 0, proc.stdout


def parse_args():
    ap = argparse.ArgumentParser(description="Run the QEMU boots of tests/boots.txt.")
    ap.add_argument("--kernel", required=True, help="the (stripped) kernel the ISOs carry")
    ap.add_argument("--initramfs", required=True, help="the default initramfs")
    ap.add_argument("--table", default=os.path.join(testlib.REPO, "tests", "boots.txt"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", help="comma-separated boot names to run")
    testlib.add_boot_args(ap)
    return ap.parse_args()


def main():
    args = parse_args()
    os.makedirs(args.logs, exist_ok=True)
    boots = read_table(args.table)
    if args.only:
        wanted = args.only.split(",")
        boots = [b for b in boots if b.name in wanted]
    all_ok = True
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_one, b, args) for b in boots]
        for future in futures:
            ok, output = future.result()
            sys.stdout.write(output)
            sys.stdout.flush()
            all_ok = all_ok and ok
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
