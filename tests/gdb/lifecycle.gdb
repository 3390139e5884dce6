# lifecycle.gdb - the gdb session of docs/lifecycle.md, run as it is written (the doc quotes
# this file). The kernel boots with init=/bin/lifecycle (user/lifecycle.c): fork a child that
# execs busybox's `false` and exits with status 1, then wait for it. We stop at each phase:
# the fork, the child's exec, its exit, and the parent's wait releasing the zombie.
# tests/gdb/run_helpers.py --suite lifecycle sets $smoke_port and checks the output.

set pagination off
set confirm off
set breakpoint pending off
set print pretty off
set architecture i386:x86-64
eval "target remote 127.0.0.1:%d", $smoke_port
source tools/gdb/reaper.py

hbreak kmain
continue
delete

# 1. fork: the parent (pid 1, lifecycle) in do_clone. musl's fork() is clone(SIGCHLD).
break do_clone
continue
print/x req->flags
print $os_current()->proc->comm
bt 3

# 2. exec: the child, now running, replaces itself with busybox.
break do_execve
continue
print path
print argv[1]
print $os_current()->tid

# 3. exit: busybox false calls exit_group(1); do_exit gets the wait status word.
break do_exit
continue
print/x status
bt 3

# 4. wait: the parent's wait4 found the zombie and releases it.
break release_task
continue
print p->pid->numbers[0].nr
print/x p->exit_code
bt 4
os-ps
kill
