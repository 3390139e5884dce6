# os_functions.py - convenience functions: $os_current() and $os_thread(nr).
#
#   (gdb) p *$os_current()                the running struct thread (kernel/sched.c's
#                                         rq.current, what sched_current() returns)
#   (gdb) p $os_current()->proc->comm
#   (gdb) p *$os_thread(7)                the struct thread whose root-namespace tid is 7
#   (gdb) p $os_thread(7)->ptrace.tracer->tid
# $os_thread looks on the scheduler's list of threads, then at the leaders kept for a tracer
# (a traced zombie); for a number nobody has it returns a NULL struct thread *.

import gdb

import os_lists
import os_pids


class OsCurrent(gdb.Function):
    """$os_current(): the running struct thread * (rq.current in kernel/sched.c)."""

    def __init__(self):
        super().__init__("os_current")

    def invoke(self):
        return os_pids.current_thread()


class OsThread(gdb.Function):
    """$os_thread(NR): the struct thread * with root-namespace tid NR, or NULL."""

    def __init__(self):
        super().__init__("os_thread")

    def invoke(self, nr):
        t = os_pids.thread_by_tid(int(nr))
        return t if t is not None else gdb.Value(0).cast(os_lists.struct_type("thread").pointer())


OsCurrent()
OsThread()
