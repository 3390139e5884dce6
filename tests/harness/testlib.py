"""testlib.py - what the test drivers share: result files, ISO and initramfs building.

Every driver (host_tests.py, run_boots.py, qemu_run.py, tests/gdb/run_smoke.py) records one
line per test case in a results file under build/test-logs/ - "PASS name" or "FAIL name" -
and tests/harness/summary.py adds them up into the closing "N passed, M failed" line.

ISOs are cached: build/iso-NAME.iso is rebuilt only when its command line or initramfs changed
or an input (kernel, initramfs, boot/grub.cfg, tools/mkiso.sh) is newer than it.
"""

import os
import subprocess
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def record(results, verdict, name):
    """Append one test case's verdict (True = passed) to the results file, if there is one."""
    if results:
        with open(results, "a") as f:
            f.write("%s %s\n" % ("PASS" if verdict else "FAIL", name))


def is_stale(target, inputs):
    """True when target is missing or older than any of inputs."""
    if not os.path.exists(target):
        return True
    built = os.path.getmtime(target)
    return any(os.path.getmtime(i) > built for i in inputs)


def write_if_changed(path, text):
    """Write text to path unless it already holds exactly that (keeps the mtime for caching)."""
    if os.path.exists(path):
        with open(path) as f:
            if f.read() == text:
                return
    with open(path, "w") as f:
        f.write(text)


def make_cpio(root, devs, out):
    """Pack directory root (plus --dev specs) into out with tools/mkcpio.py, keeping out's
    mtime when the bytes did not change (mkcpio is deterministic)."""
    tmp = out + ".new"
    cmd = [sys.executable, os.path.join(REPO, "tools", "mkcpio.py")]
    for dev in devs:
        cmd += ["--dev", dev]
    subprocess.run(cmd + [root, tmp], check=True)
    with open(tmp, "rb") as f:
        new = f.read()
    if os.path.exists(out):
        with open(out, "rb") as f:
            if f.read() == new:
                os.remove(tmp)
                return
    os.replace(tmp, out)


def ensure_iso(iso, kernel, initramfs, cmdline, template=None):
    """Build iso with tools/mkiso.sh unless the cached one is up to date. A template other
    than boot/grub.cfg goes to mkiso.sh --template. Returns None, or the error text when
    mkiso.sh failed."""
    stamp = iso + ".cmdline"
    write_if_changed(stamp, "%s\n%s\n" % (cmdline, os.path.abspath(initramfs)))
    grub_cfg = template or os.path.join(REPO, "boot", "grub.cfg")
    inputs = [kernel, initramfs, stamp, grub_cfg, os.path.join(REPO, "tools", "mkiso.sh")]
    if not is_stale(iso, inputs):
        return None
    mkiso = os.path.join(REPO, "tools", "mkiso.sh")
    options = ["--template", template] if template else []
    proc = subprocess.run([mkiso] + options + [kernel, initramfs, cmdline, iso],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          errors="replace")
    return None if proc.returncode == 0 else proc.stdout or "mkiso.sh failed"


def add_boot_args(ap):
    """The options every script that boots QEMU shares (run_boots.py, run_smoke.py)."""
    ap.add_argument("--build", default="build")
    ap.add_argument("--logs", default=os.path.join("build", "test-logs"))
    ap.add_argument("--qemu", default="qemu-system-x86_64")
    ap.add_argument("--qemu-flags")
    ap.add_argument("--results")
