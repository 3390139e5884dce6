# os_dmesg.py - `os-dmesg`: the kernel log, read straight out of printk's ring buffer.
#
# kernel/lib/printk.c stores every line already formatted, "<level>[seconds.micros] text",
# in the static ring log_ring: the byte at position pos (bytes logged since boot) sits at
# log_ring[pos % sizeof(log_ring)], and log_next is the next position. The kept bytes are
# [max(0, log_next - size), log_next); once the ring has wrapped, the first kept line is cut,
# so reading starts after its newline - what printk_log_read_all() does. Useful when the
# kernel is stopped before the console got a message out, or after a panic.
# `os-dmesg` drops the "<level>" as dmesg(1) does; `os-dmesg -r` prints the lines raw;
# a number N prints only the last N lines.

import re

import gdb

import os_lists

LEVEL_RE = re.compile(r"^<\d+>", re.M)


def ring_text():
    """The kept text of the ring, oldest whole line first."""
    ring = os_lists.lookup("'printk.c'::log_ring")
    size = int(ring.type.sizeof)
    end = int(os_lists.lookup("'printk.c'::log_next"))
    start = max(0, end - size)
    base = int(ring.address)
    data = b""
    pos = start
    while pos < end:    # at most two pieces: up to the ring's end, then from its start
        chunk = min(end - pos, size - pos % size)
        data += os_lists.read_bytes(base + pos % size, chunk)
        pos += chunk
    if start > 0:
        data = data[data.find(b"\n") + 1:] if b"\n" in data else b""
    return data.decode("utf-8", "replace")


class OsDmesg(gdb.Command):
    """os-dmesg: the kernel log ring (kernel/lib/printk.c), oldest line first.
Usage: os-dmesg [-r] [N]   -r: keep each line's "<level>"; N: only the last N lines"""

    def __init__(self):
        super().__init__("os-dmesg", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        text = ring_text()
        if "-r" not in args:
            text = LEVEL_RE.sub("", text)
        counts = [a for a in args if a != "-r"]
        if counts:
            text = "".join(text.splitlines(True)[-int(counts[0]):])
        gdb.write(text if text.endswith("\n") or not text else text + "\n")


OsDmesg()
