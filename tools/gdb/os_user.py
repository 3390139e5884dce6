# os_user.py - `os-user PROG`: load a user program's symbols so user frames have names.
#
# User programs are static, non-PIE executables (ET_EXEC, musl-gcc -static -g) linked at
# 0x400000, and build/user/ keeps them unstripped (the initramfs gets the same files).
# Their sections already carry their run-time addresses, so `add-symbol-file FILE` with no
# address loads them at the right place (gdb 13 reads the addresses from the file). Every
# program is linked at the same addresses, so loading a second one would give two names to
# each address: os-user first removes the program it loaded before.
# With the symbols loaded, `bt` in a system call continues below syscall_entry into the
# program (tools/gdb/os_unwind.py follows the trap frame), and `hbreak main` or `list main`
# work. Hardware breakpoints (hbreak) are the safe kind in user code: a software one writes
# an int3 into whichever address space is current when gdb inserts it.

import os

import gdb

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SEARCH = [os.path.join("build", "user"), os.path.join("build", "user", "tests")]
loaded = []     # the absolute path os-user loaded last, if any


def find_program(name):
    """build/user/NAME or build/user/tests/NAME (or a path given as is)."""
    candidates = [name] + [os.path.join(REPO, d, name) for d in SEARCH]
    for path in candidates:
        if os.path.isfile(path):
            return os.path.abspath(path)
    raise gdb.GdbError("os-user: no %s in build/user or build/user/tests (make user?)" % name)


class OsUser(gdb.Command):
    """os-user: load a user program's symbols at its link address (replacing the last one).
Usage: os-user PROG   e.g. os-user pidns-demo, os-user pidns_test (build/user/tests/)"""

    def __init__(self):
        super().__init__("os-user", gdb.COMMAND_FILES, gdb.COMPLETE_FILENAME)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        if len(args) != 1:
            raise gdb.GdbError("usage: os-user PROG")
        path = find_program(args[0])
        if loaded:
            gdb.execute("with confirm off -- remove-symbol-file " + loaded.pop(), to_string=True)
        gdb.execute("with confirm off -- add-symbol-file " + path, to_string=True)
        loaded.append(path)
        gdb.write("os-user: symbols of %s loaded\n" % os.path.relpath(path, REPO))


OsUser()
