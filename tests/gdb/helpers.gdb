# helpers.gdb - the gdb helpers of tools/gdb/ on a namespace being torn down.
# tests/gdb/run_helpers.py boots the kernel with init=/bin/pidns-demo, QEMU halted with its gdb
# stub, sets $smoke_port, and runs from the repository root
#     gdb -batch -nx -ex 'set $smoke_port = PORT' -x tests/gdb/helpers.gdb build/kernel.elf
# then checks key lines of each helper's output (run_helpers.py lists them). docs/gdb.md shows
# the same session.
#
# The stops: zap_pid_ns_processes (hbreak: the first stop must be a hardware breakpoint,
# GRUB copies the kernel after gdb connects), then only_reaper_left, the condition of the
# teardown's step 5: init's own children are reaped, the debuggee's zombie is held by the
# debugger outside, so the namespace is closed (adding false) and waits. Last, a wait4 of a
# process that still has its address space, for a backtrace into user code.

set pagination off
set confirm off
set breakpoint pending off
set architecture i386:x86-64
eval "target remote 127.0.0.1:%d", $smoke_port
source tools/gdb/reaper.py

hbreak zap_pid_ns_processes
continue
delete
break only_reaper_left
continue
delete

echo \n== os-ps\n
os-ps
echo \n== os-pidns\n
os-pidns
echo \n== os-slab\n
os-slab
echo \n== os-dmesg\n
os-dmesg
echo \n== os-dcache /\n
os-dcache /
echo \n== functions\n
printf "os_current tid=%d comm=%s same=%d\n", $os_current()->tid, $os_current()->proc->comm, $os_thread($os_current()->tid) == $os_current()
printf "os_thread(1) comm=%s\n", $os_thread(1)->proc->comm

echo \n== os-user\n
os-user pidns-demo
break sys_wait4
continue
bt
kill
