# teardown.gdb - docs/teardown.md's walkthrough, run as it is written (the doc quotes this file).
# The kernel boots with init=/bin/pidns-demo: a namespace with members, a debugger outside
# holding one member's zombie, and init exiting. We stop in zap_pid_ns_processes() and watch
# its five steps, then every free_pid_locked() of the namespace until only init is left.
# tests/gdb/run_smoke.py sets $smoke_port and checks the lines marked "check:" in the doc.

set pagination off
set confirm off
set breakpoint pending off
set print pretty off
set architecture i386:x86-64
eval "target remote 127.0.0.1:%d", $smoke_port

# The first stop must be a hardware breakpoint: GRUB copies the kernel in after we attach.
hbreak kmain
continue
delete

# init of the namespace has exited; its last thread is tearing the namespace down.
break zap_pid_ns_processes
continue
bt 3
print ns->level
print ns->nr_pids
print ns->adding

# Step 1: close the namespace.
break disable_pid_allocation
continue
finish
print ns->adding

# Step 2: init ignores SIGCHLD (handler 1 is SIG_IGN).
break ignore_sigchld
continue
finish
print init->sighand->action[16].handler

# Step 3: SIGKILL every member.
break kill_every_member
continue
finish

# Step 4: reap init's own children.
break wait_reap_children
continue
finish
print ns->nr_pids

# Step 5: sleep until every other pid is freed. free_pid_locked() is the waker: each time it
# runs for a pid of the namespace, print the pid's numbers and the count before the free.
delete
break free_pid_locked if pid->level >= 1
commands
  silent
  printf "free_pid_locked: level %d, nr %d, namespace nr_pids %d before the free\n", pid->level, pid->numbers[pid->level].nr, pid->numbers[pid->level].ns->nr_pids
  continue
end
# When step 5 is over, zap_pid_ns_processes returns into do_exit, which goes on to
# exit_notify() with init's last thread: the one numbered 1 at level 1.
break exit_notify if t->proc->pid->level == 1 && t->proc->pid->numbers[1].nr == 1
continue
delete
printf "init's last thread leaves zap_pid_ns_processes: nobody of the namespace is left\n"
kill
