# procflush.gdb - docs/proc-flush.md's walkthrough, run as it is written (the doc quotes it).
# The kernel boots with init=/tests/proc_test -- flush_growth: rounds of "fork a child that
# exits, read every /proc/<pid>/status, reap the child". We stop where release_task() flushes
# the reaped child's /proc entries and watch its /proc/<nr> dentry being invalidated.
# tests/gdb/run_helpers.py --suite procflush sets $smoke_port and checks the output.

set pagination off
set confirm off
set breakpoint pending off
set architecture i386:x86-64
eval "target remote 127.0.0.1:%d", $smoke_port
source tools/gdb/reaper.py

hbreak kmain
continue
delete

# A child was reaped: release_task() -> proc_flush_pid() -> flush_sb() for each proc mount.
break flush_sb
continue
print ((struct flush_arg *)arg)->nr
print ((struct flush_arg *)arg)->tgid
bt 4
# Its /proc/<nr> is still cached (HASHED): the walk read /proc/<nr>/status. (proc_test
# mounted this proc on a directory of its own; sb->s_root names it wherever that is.)
os-dcache sb->s_root 2

# The dentry of /proc/<nr> is invalidated: unhashed with everything under it.
break d_invalidate
continue
print d->d_name.name
print d->d_parent->d_name.name
bt 3
finish
# Back in invalidate_name(): /proc/<nr> is unhashed (no HASHED: no lookup finds it any more),
# still counted once - by invalidate_name's own d_lookup(). Its dput() is the last reference.
os-dcache parent 2
next
# dput() freed it - unused and unhashed, it cannot stay - and the status under it, and their
# inodes. We are back in flush_sb() (a tail call), so name the root through sb again.
os-dcache sb->s_root 2
kill
