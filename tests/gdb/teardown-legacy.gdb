# teardown-legacy.gdb - the last part of docs/teardown.md, run as it is written (the doc quotes
# this file): the same scenario as teardown.gdb, booted with the teaching toggle
# pidns.zap=legacy, which leaves step 5 out of zap_pid_ns_processes(). We watch init leave the
# teardown with the debugger's zombie still in its namespace, and be reaped before it.
# tests/gdb/run_helpers.py --suite teardown-legacy sets $smoke_port and checks the output.

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

# Steps 1 to 4 run as before; stop in step 4. The toggle is on (read at boot by pidns_init).
break wait_reap_children
continue
print 'pid_namespace.c'::zap_legacy
finish
print ns->nr_pids

# No step 5: init's last thread goes straight on to exit_notify(), two pids still in use.
delete
break exit_notify if t->proc->pid->level == 1 && t->proc->pid->numbers[1].nr == 1
continue
print t->proc->pid->numbers[1].ns->nr_pids
os-pidns

# Who is reaped first? Every release_task() of a process with a number at level 1.
delete
break release_task if p->pid->level == 1
commands
  silent
  printf "release_task: pid %d of the namespace, nr_pids %d before its free\n", p->pid->numbers[1].nr, p->pid->numbers[1].ns->nr_pids
  continue
end
continue
