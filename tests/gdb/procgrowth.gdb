# procgrowth.gdb - the second half of docs/proc-flush.md, run as it is written (the doc quotes
# it). The kernel boots with init=/tests/proc_test -- flush_growth, once as it is and once with
# proc.flush=0: rounds of "fork a child that exits, read every /proc/<pid>/status, reap it".
# We count proc inodes after 10 reaps and again 100 reaps later.
# tests/gdb/run_helpers.py --suite procgrowth (and procgrowth-off) checks the two counts.

set pagination off
set confirm off
set breakpoint pending off
set architecture i386:x86-64
eval "target remote 127.0.0.1:%d", $smoke_port
source tools/gdb/reaper.py

hbreak kmain
continue
delete

# Is the flush on? (proc.flush=0 on the command line sets this; kernel/fs/proc/base.c)
break release_task
continue
print 'base.c'::flush_disabled

# "continue N" stops at the Nth hit: 10 reaps (and walks) in, then 100 more.
continue 10
os-slab proc_inode_cache
continue 100
os-slab proc_inode_cache
kill
