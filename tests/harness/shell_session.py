#!/usr/bin/env python3
"""shell_session.py - a person at the shell: drive the serial console of a normal boot.

Usage: shell_session.py --kernel K --initramfs I [--build build] [--logs build/test-logs]
                        [--qemu BIN] [--qemu-flags FLAGS] [--results FILE]
                        [--only STEP,...]

Boots reaper with init=/sbin/init (what `make qemu` runs), waits for busybox's prompt and then
types as a user would, waiting for the prompt again after every command and checking what the
screen shows. Each step is one test case, "shell/NAME":
  boot          init's banner, then a prompt
  echo_pipe     `echo hello | cat`                 -> a line "hello"
  redirect      `>`, `<`, `>>` on a file in /tmp   -> the text back, then 2 lines
  ls_wc         `ls /bin | wc -l`                  -> the number of entries in build/root/bin
  ps            `echo $$`, `ps`                    -> a PID ... COMMAND header, a line for pid 1
                                                      (init) and one for this shell ($$, sh)
  top           `top -n 1`                         -> its Mem:, CPU:, Load average: lines, the
                                                      PID PPID USER STAT VSZ header, pid 1's line
  pidof         `pidof sh`                         -> numbers only, this shell's among them
  find_proc     `find /proc -maxdepth 2`           -> /proc/1, /proc/1/status, /proc/self
  proc_status   `cat /proc/1/status`               -> Name: init, Pid: 1, PPid: 0
  dmesg         `dmesg | head -3; dmesg -r | head -1` -> three stamped lines "[    0.000000] ...",
                                                      the boot banner "reaper: an educational"
                                                      among them; -r shows the "<5>" prefix
  ctrl_c        `sleep 100`, then ^C               -> the prompt back within 3 s
  background    `sleep 5 &`, `jobs`, `kill %1`     -> jobs lists "sleep 5"; kill ends it
  ctrl_z_fg     `cat`, a line, ^Z, `fg`, a line, ^D -> "Stopped", each line copied back by cat
  exit_respawn  `exit`                             -> init's "shell exited with status 0,
                                                      starting a new one" and a new prompt
  poweroff      `poweroff`                         -> init powers off; QEMU exits
A step that fails is recorded and the session goes on (after ^C and Enter to get a prompt
back), so one broken feature does not hide the rest. The serial log is saved in
build/test-logs/shell.log. Our own prompt (PS1) is set first, so the prompt is unambiguous.
The /proc steps (ps .. proc_status) check what the same busybox shows on Linux, tolerant of
column widths (any run of blanks between fields) but not of a missing field, line or pid.
Exit status 0 when every step passed. Python 3 standard library only.

Typing is a person's: a byte every 50 ms however fast the echo comes back, and a wait (pump)
lasts its whole time. Output is cleaned of escape sequences as one stream, not read by read:
under load QEMU passes the guest's output on a byte or a few at a time, so a read may end
inside one. Our prompt counts only alone on a line, never inside the echo of what was
typed.

`make test-shell` used to fail about every other run under CPU load, with no key lost on the
way into the guest. pump() returned with the first chunk QEMU printed, so each key's echo cut
the pause after it short, and ^C went out ~1 ms after the Enter of `sleep 100`, while
busybox's line editor still held the terminal raw with ISIG off: an ordinary byte there, as on
Linux, and sleep ran on ("no prompt within 3 s of ^C"). Escape sequences were removed read by
read, so the ESC[6n busybox prints after every prompt, split over two reads, stayed behind the
prompt, which then never matched ("no pid from 'echo $$'", "no prompt after ..."). And
"rsh> $" matched the echo of the typed "PS1='rsh> " before the rest of that line came back.
Cases: tests/host/test_shell_session.py.
"""

import argparse
import codecs
import os
import re
import select
import shlex
import subprocess
import sys
import time

sys.dont_write_bytecode = True     # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import testlib  # noqa: E402

DEFAULT_QEMU_FLAGS = ("-m 256 -smp 1 -no-reboot -display none "
                      "-device isa-debug-exit,iobase=0xf4,iosize=0x04")
ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
PARTIAL_ANSI_RE = re.compile(r"\x1b(?:\[[0-9;?]*)?$")     # the start of one, at the end
PROMPT = "rsh> "                        # the PS1 we set; busybox's own ends in "# "
DEFAULT_PROMPT_RE = r"[#$] $"


class Console:
    """QEMU's serial console: what it printed so far, and typing into it.

    QEMU hands on the guest's output as it comes, a byte or a few at a time under load, so
    a read may end inside an escape sequence (busybox's ESC[6n after every prompt) or a UTF-8
    character: both are cleaned from the whole stream, not read by read, and an unfinished
    one waits in @pending for the rest."""

    def __init__(self, proc, log, root):
        self.proc, self.log, self.root = proc, log, root
        self.text = ""          # everything, cleaned (no ANSI escapes, no CRs)
        self.seen = 0           # offset after the last match
        self.pending = ""       # an escape sequence cut off by the end of the last read
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def read_some(self, timeout):
        """Read the first chunk that arrives within @timeout, if any."""
        ready, _, _ = select.select([self.proc.stdout], [], [], max(0.0, timeout))
        if not ready:
            return
        data = os.read(self.proc.stdout.fileno(), 65536)
        if not data:
            time.sleep(min(timeout, 0.05))     # QEMU closed its output
            return
        self.log.write(data)
        self.log.flush()
        self.add(self.decoder.decode(data))

    def add(self, chars):
        """Append @chars to the text, cleaned; an unfinished escape at the end waits."""
        chars = self.pending + chars
        cut = PARTIAL_ANSI_RE.search(chars)
        self.pending = chars[cut.start():] if cut else ""
        chars = chars[:cut.start()] if cut else chars
        self.text += ANSI_RE.sub("", chars).replace("\r", "")

    def pump(self, seconds):
        """Read whatever arrives within @seconds, for all of @seconds: a person waiting a
        second waits that second even when the screen changes at once. (It used to return
        with the first chunk, so the echo of a key ended the pause after it: keys went out
        as fast as QEMU echoed them, and ^C 1 ms after Enter, see step_ctrl_c.)"""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self.read_some(left)

    def expect(self, regex, timeout):
        """Wait for @regex after the last match; returns the match or None."""
        deadline = time.monotonic() + timeout
        pattern = re.compile(regex, re.M)
        while True:
            m = pattern.search(self.text, self.seen)
            if m:
                self.seen = m.end()
                return m
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None:
                return None
            self.read_some(min(left, 0.2))

    def type(self, text, pause=0.05):
        """Type @text a byte at a time, @pause seconds apart, as a (fast) person does."""
        for ch in text:
            try:
                self.proc.stdin.write(ch.encode("latin-1"))
                self.proc.stdin.flush()
            except BrokenPipeError:
                return
            self.pump(pause)

    def since(self, start):
        return self.text[start:]


def prompt_re():
    """Our prompt, alone at the end of a line. At the start of one too: busybox prints it
    after a newline, while the echo of the typed "PS1='rsh> '" has it after "PS1='" and must
    not pass for it while the rest of that line is still on its way back."""
    return "^" + re.escape(PROMPT) + "$"


def command(con, line, timeout=10):
    """Type @line and Enter; the output up to the next prompt, or None if none came."""
    start = len(con.text)
    con.type(line + "\r")
    if not con.expect(prompt_re(), timeout):
        return None
    out = con.since(start)
    return out[:out.rfind(PROMPT)]


# ---- the steps: each returns None (passed) or why it failed ----

def step_boot(con):
    if not con.expect(r"reaper: init running", 90):
        return "no banner from init"
    if not con.expect(DEFAULT_PROMPT_RE, 60):
        return "no shell prompt"
    con.type("PS1='%s'\r" % PROMPT)
    return None if con.expect(prompt_re(), 10) else "the prompt did not change to our PS1"


def step_echo_pipe(con):
    out = command(con, "echo hello | cat")
    if out is None:
        return "no prompt after the pipeline"
    return None if re.search(r"^hello$", out, re.M) else "no line 'hello' in %r" % out


def step_redirect(con):
    if command(con, "echo redirected > /tmp/shell_file") is None:
        return "no prompt after '>'"
    out = command(con, "cat < /tmp/shell_file; echo more >> /tmp/shell_file; wc -l < /tmp/shell_file")
    if out is None:
        return "no prompt after '<' and '>>'"
    if not re.search(r"^redirected$", out, re.M) or not re.search(r"^\s*2\s*$", out, re.M):
        return "redirections did not work: %r" % out
    return None


def step_ls_wc(con):
    # The issue expected "> 100"; Debian's busybox puts 77 applets in /bin (the rest in /sbin,
    # /usr/bin, /usr/sbin), so the number must equal what the image really holds.
    out = command(con, "ls /bin | wc -l")
    if out is None:
        return "no prompt after the pipeline"
    m = re.search(r"^\s*(\d+)\s*$", out, re.M)
    if not m:
        return "no number in %r" % out
    want = len(os.listdir(os.path.join(con.root, "bin")))
    return None if int(m.group(1)) == want else "%s entries, the image has %d" % (m.group(1),
                                                                                  want)


def screen(out):
    """@out without escape sequences, as a person sees it (Console has removed them from the
    stream already; this keeps the steps' checks independent of that)."""
    return ANSI_RE.sub("", out) if out is not None else None


def shell_pid(con):
    """This shell's pid, from `echo $$`, or None."""
    out = command(con, "echo $$")
    m = re.search(r"^(\d+)$", out or "", re.M)
    return m and m.group(1)


# A process line of busybox ps, "  PID USER     COMMAND" (Debian's build; others add columns
# such as VSZ, STAT, TIME before COMMAND): the pid first, the command line last.
PS_LINE = r"^\s*%s\s+\S+\s+(?:.*\s)?%s\s*$"


def step_ps(con):
    pid = shell_pid(con)
    if pid is None:
        return "no pid from 'echo $$'"
    out = screen(command(con, "ps", timeout=30))
    if out is None:
        return "no prompt after ps"
    if not re.search(r"^\s*PID\s+USER\s+(?:\S+\s+)*COMMAND\s*$", out, re.M):
        return "no 'PID USER ... COMMAND' header in %r" % out
    if not re.search(PS_LINE % ("1", r"\S*init\S*(?:\s.*)?"), out, re.M):
        return "no line for pid 1 (init) in %r" % out
    if not re.search(PS_LINE % (pid, r"\[?-?(?:/bin/)?sh\]?"), out, re.M):
        return "no line for this shell (pid %s, sh) in %r" % (pid, out)
    return None


def step_top(con):
    out = screen(command(con, "top -n 1", timeout=30))
    if out is None:
        return "no prompt after top -n 1"
    for what, regex in (("Mem:", r"^Mem:\s+\d+K used,\s+\d+K free"),
                        ("CPU:", r"^CPU:\s+\d+(?:\.\d+)?% usr"),
                        ("Load average:",
                         r"^Load average:\s+\d+\.\d\d\s+\d+\.\d\d\s+\d+\.\d\d\s+\d+/\d+\s+\d+"),
                        ("the column header", r"^\s*PID\s+PPID\s+USER\s+STAT\s+VSZ\s.*COMMAND"),
                        ("pid 1's line", r"^\s*1\s+0\s+\S+\s+[RSDTZ]\S*\s+\d+.*init")):
        if not re.search(regex, out, re.M):
            return "no %s line in %r" % (what, out)
    return None


def step_pidof(con):
    pid = shell_pid(con)
    if pid is None:
        return "no pid from 'echo $$'"
    out = screen(command(con, "pidof sh"))
    if out is None:
        return "no prompt after pidof"
    m = re.search(r"^(\d+(?: \d+)*)\s*$", out, re.M)
    if not m:
        return "no line of numbers in %r" % out
    return None if pid in m.group(1).split() else "this shell (%s) not in %r" % (pid,
                                                                                  m.group(1))


def step_find_proc(con):
    out = screen(command(con, "find /proc -maxdepth 2", timeout=60))
    if out is None:
        return "no prompt after find"
    for path in ("/proc/1", "/proc/1/status", "/proc/self"):
        if not re.search("^%s$" % re.escape(path), out, re.M):
            return "%s not listed in %r" % (path, out[-2000:])
    return None


def step_proc_status(con):
    out = screen(command(con, "cat /proc/1/status"))
    if out is None:
        return "no prompt after cat"
    for regex in (r"^Name:\s+init\s*$", r"^Pid:\s+1\s*$", r"^PPid:\s+0\s*$"):
        if not re.search(regex, out, re.M):
            return "no line matching %r in %r" % (regex, out)
    return None


def step_dmesg(con):
    # busybox dmesg reads the log with syslog(2) READ_ALL and strips each line's "<level>"
    # unless -r: both forms must show, as on Linux (kernel/syslog.c).
    out = screen(command(con, "dmesg | head -3; dmesg -r | head -1"))
    if out is None:
        return "no prompt after dmesg"
    stamp = r"\[\s*\d+\.\d{6}\] "
    if len(re.findall("^" + stamp + r"\S", out, re.M)) < 3:
        return "not three lines '[seconds.micros] text' in %r" % out
    if not re.search("^" + stamp + "reaper: an educational", out, re.M):
        return "no boot banner 'reaper: an educational ...' in %r" % out
    if not re.search(r"^<\d>" + stamp, out, re.M):
        return "dmesg -r shows no '<level>[...]' line in %r" % out
    return None


def step_ctrl_c(con):
    # The second matters: until busybox's line editor has given the terminal back (ISIG on)
    # and sleep runs, a ^C is an ordinary byte - on Linux too - and sleep would run on.
    con.type("sleep 100\r")
    con.pump(1.0)
    start = time.monotonic()
    con.type("\x03")
    if not con.expect(prompt_re(), 3):
        return "no prompt within 3 s of ^C"
    return None if time.monotonic() - start < 3 else "slow"


def step_background(con):
    if command(con, "sleep 5 &") is None:
        return "no prompt after 'sleep 5 &'"
    out = command(con, "jobs")
    if out is None or not re.search(r"sleep 5", out):
        return "jobs does not show the job: %r" % out
    if command(con, "kill %1") is None:
        return "no prompt after 'kill %1'"
    out = command(con, "jobs")
    if out is None:
        return "no prompt after the second jobs"
    return None if re.search(r"Terminated|^$", out.strip() or "", re.M) or not out.strip() \
        else "the job is still listed: %r" % out


def step_ctrl_z_fg(con):
    # As a person would, wait until cat visibly runs (it copies a first line back) before
    # typing ^Z: a ^Z typed while the shell is still between fork and tcsetpgrp goes to the
    # shell's own group, which ignores it - on Linux too. Bytes typed while the shell's line
    # editor still has the terminal in raw mode are not echoed and reach cat as a piece of
    # their own (Linux's n_tty pushes them the same way when ICANON comes back on), so only
    # the end of the line is sure to appear twice.
    con.type("cat\r")
    con.pump(1.0)
    con.type("first line\r")
    if not con.expect(r"line\n(.*\n)*?.*line$", 5):
        return "cat did not copy the first line"
    con.type("\x1a")
    if not con.expect(r"Stopped", 3) or not con.expect(prompt_re(), 3):
        return "^Z did not stop cat and give the prompt back"
    con.type("fg\r")
    if not con.expect(r"^cat\s*$", 3):
        return "fg did not name the job"
    con.pump(1.0)
    con.type("typed text\r")
    # As for the first line: under load the shell may still hold the terminal in raw mode
    # for the first bytes after fg, so only the end of the line is sure to appear twice.
    if not con.expect(r"text\n(.*\n)*?.*text$", 5):
        return "cat did not copy the typed line"
    con.type("\x04")
    return None if con.expect(prompt_re(), 3) else "no prompt after ^D"


def step_exit_respawn(con):
    con.type("exit\r")
    if not con.expect(r"init: shell exited with status 0, starting a new one", 10):
        return "init did not report the shell's exit"
    if not con.expect(DEFAULT_PROMPT_RE, 30):
        return "no new prompt"
    con.type("PS1='%s'\r" % PROMPT)
    return None if con.expect(prompt_re(), 10) else "the new shell does not answer"


def step_poweroff(con):
    con.type("poweroff\r")
    deadline = time.monotonic() + 15
    while con.proc.poll() is None and time.monotonic() < deadline:
        con.pump(0.2)
    return None if con.proc.poll() is not None else "QEMU still running 15 s after poweroff"


STEPS = [("boot", step_boot), ("echo_pipe", step_echo_pipe), ("redirect", step_redirect),
         ("ls_wc", step_ls_wc), ("ps", step_ps), ("top", step_top), ("pidof", step_pidof),
         ("find_proc", step_find_proc), ("proc_status", step_proc_status), ("dmesg", step_dmesg),
         ("ctrl_c", step_ctrl_c), ("background", step_background),
         ("ctrl_z_fg", step_ctrl_z_fg), ("exit_respawn", step_exit_respawn),
         ("poweroff", step_poweroff)]


def recover(con):
    """After a failed step: interrupt whatever runs and ask for a prompt."""
    con.type("\x03\r")
    con.expect(prompt_re() + "|" + DEFAULT_PROMPT_RE, 5)
    con.type("PS1='%s'\r" % PROMPT)
    con.expect(prompt_re(), 5)


def run_session(con, only, results):
    """Every step in order; returns the number that failed."""
    failed = 0
    for name, step in STEPS:
        if only and name not in only and name != "boot":
            continue
        start = time.monotonic()
        why = step(con)
        ok = why is None
        print("%sok - shell/%s%s (%.1f s)" % ("" if ok else "not ", name,
                                              "" if ok else " # " + why,
                                              time.monotonic() - start))
        sys.stdout.flush()
        testlib.record(results, ok, "shell/" + name)
        failed += not ok
        if not ok and name == "boot":
            return failed + 1
        if not ok and con.proc.poll() is None:
            recover(con)
    return failed


def parse_args():
    ap = argparse.ArgumentParser(description="Drive the shell on reaper's console.")
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--initramfs", required=True)
    ap.add_argument("--only", help="comma-separated step names (boot always runs)")
    testlib.add_boot_args(ap)
    return ap.parse_args()


def main():
    args = parse_args()
    os.makedirs(args.logs, exist_ok=True)
    iso = os.path.join(args.build, "iso-shell.iso")
    err = testlib.ensure_iso(iso, args.kernel, args.initramfs, "init=/sbin/init")
    if err:
        print("FAIL shell session: could not make its ISO:\n" + err)
        testlib.record(args.results, False, "shell/boot")
        return 1
    cmd = [args.qemu] + shlex.split(args.qemu_flags or DEFAULT_QEMU_FLAGS) + [
        "-chardev", "stdio,id=console,signal=off", "-serial", "chardev:console",
        "-cdrom", iso]
    start = time.monotonic()
    with open(os.path.join(args.logs, "shell.log"), "wb") as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
        try:
            failed = run_session(Console(proc, log, os.path.join(args.build, "root")), set((args.only or "").split(",")) - {""},
                                 args.results)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
    print("%s shell session (%.1f s; log: %s)" % ("PASS" if not failed else "FAIL",
                                                 time.monotonic() - start,
                                                 os.path.join(args.logs, "shell.log")))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
