# os_unwind.py - let `bt` continue from the kernel's entry code into the code it interrupted.
#
# syscall_entry (arch/x86_64/syscall.asm) and trap_common (trap.asm) are assembly without
# unwind information, so gdb's backtrace ends there with a frame "0x0 in ?? ()". What gdb
# needs is in memory: both push a struct trap_frame (arch/x86_64/trap.h) and call their C
# handler with rsp pointing at it, so in their frame the stack pointer IS the trap frame,
# holding every register of the interrupted code (user mode, or kernel code for an interrupt
# that came in there). This unwinder hands those registers to gdb as the previous frame's.
# With the program's symbols loaded (os-user PROG) the frames below get names and lines.
# Entry points covered: syscall_entry, trap_common and trap_return (each calls C with the
# frame at rsp), as callers only: stopped inside them, the frame may not be complete yet.
# Registers restored: the general ones, rip, rsp, rflags (eflags in gdb).

import gdb
from gdb.unwinder import Unwinder

import os_lists

# (first symbol, the symbol right after the code): the entry code between them calls C with
# the trap frame at rsp. trap_stub_0 follows syscall_entry; trap_return follows trap_common.
ENTRIES = [("syscall_entry", "trap_stub_0"), ("trap_common", "trap_return_iret")]
# (gdb's register, struct trap_frame's field)
REGISTERS = [(r, r) for r in ["r15", "r14", "r13", "r12", "r11", "r10", "r9", "r8", "rbp",
                              "rdi", "rsi", "rdx", "rcx", "rbx", "rax", "rip", "rsp"]]
REGISTERS.append(("eflags", "rflags"))


class FrameId:
    """A frame's identity for gdb: its stack pointer and the start of its code (gdb 13 wants
    any object with these two attributes, as gdb.Values; gdb 14 adds gdb.unwinder.FrameId)."""

    def __init__(self, sp, pc):
        self.sp = sp
        self.pc = pc


def entry_ranges():
    """[(start, end)] of the entry code, from the kernel's symbols."""
    return [(address(first), address(after)) for first, after in ENTRIES]


def address(symbol):
    """A symbol's address as an unsigned integer (kernel addresses are "negative" longs)."""
    return int(os_lists.lookup("(unsigned long)&" + symbol))


def entry_of(pc, ranges):
    """The start of the entry code holding pc, or None."""
    for start, end in ranges:
        if start <= pc < end:
            return start
    return None


class TrapFrameUnwinder(Unwinder):
    def __init__(self):
        super().__init__("reaper-trap-frame")
        self.ranges = None

    def __call__(self, pending_frame):
        if self.ranges is None:
            try:
                self.ranges = entry_ranges()
            except gdb.error:
                return None     # not the reaper kernel's symbols
        if pending_frame.level() == 0:
            return None         # stopped inside the entry code: the frame is not built yet
        pc = int(pending_frame.read_register("rip"))
        start = entry_of(pc, self.ranges)
        if start is None:
            return None
        sp = pending_frame.read_register("rsp")
        tf = sp.cast(os_lists.struct_type("trap_frame").pointer()).dereference()
        info = pending_frame.create_unwind_info(FrameId(sp, gdb.Value(start)))
        for reg, field in REGISTERS:
            # gdb checks sizes: eflags is a 4-byte register, so cast to each one's type
            reg_type = pending_frame.read_register(reg).type
            info.add_saved_register(reg, tf[field].cast(reg_type))
        return info


gdb.unwinder.register_unwinder(None, TrapFrameUnwinder(), replace=True)
