# reaper.py - loads the gdb helpers of tools/gdb/, one small module per command.
#
#   os-ps            every thread: tid/tgid at each namespace level, state, parent, tracer
#   os-pidns         the pid-namespace tree: reaper, nr_pids, adding, proc mounts, members
#   os-dcache [PATH] cached dentries under PATH with d_count and flags
#   os-dmesg         the kernel log ring
#   os-slab          slab caches and their counts
#   os-user PROG     a user program's symbols, so bt shows user frames (with os_unwind.py)
#   $os_current()    the running struct thread *;  $os_thread(nr): the one with tid nr
#   os-x32i [N]      instructions decoded as 32-bit code (the boot entry, `make gdb-boot`)
#   $os_entry_phys() the physical address of the kernel's entry point, start32 (os_boot.py)
# Loaded by tools/gdb/reaper.gdb (`make gdb`), tools/gdb/boot.gdb (`make gdb-boot`) and
# tests/gdb/helpers.gdb, all run from the repository root:  source tools/gdb/reaper.py
# Each helper reads only fields the kernel's headers document (process.h, sched.h, pid.h,
# pid_namespace.h, dcache.h, mount.h) and the static lists named in its header; `help os-ps`
# etc. print a helper's usage. docs/gdb.md shows each one's output.

import os
import sys

sys.dont_write_bytecode = True      # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import importlib  # noqa: E402

MODULES = ["os_lists", "os_pids", "os_ps", "os_dcache", "os_pidns", "os_dmesg", "os_slab",
           "os_user", "os_functions", "os_unwind", "os_boot"]

for name in MODULES:    # reload on a second `source`, so edits take effect without restarting
    if name in sys.modules:
        importlib.reload(sys.modules[name])
    else:
        importlib.import_module(name)
