# os_ps.py - `os-ps`: every thread, with its numbers at every pid-namespace level.
#
# One line per thread: TID and TGID as "root/.../innermost" (struct pid's numbers[0..level],
# so "7/1" is 7 in the root namespace and 1 in a child namespace), the thread state (enum
# thread_state), PPID (real_parent's tgid), TRACER (ptrace.tracer's tid) and the process's
# comm. Processes are walked from all_processes (kernel/process.c); a zombie process, whose
# threads are gone, gets one line with TID "-" - or its leader's, while a tracer holds it.
# Threads that left p->threads but still exist (exiting, or traced zombies) are found on the
# scheduler's list. Kernel threads (proc == NULL) come last, named in brackets. "*" marks
# the running thread ($os_current()).

import gdb

import os_lists
import os_pids

EXIT_STATES = {16: "zombie", 32: "dead"}   # process.h: EXIT_ZOMBIE, EXIT_DEAD
FORMAT = "%1s %-12s %-12s %-9s %6s %6s  %s"


def thread_state(t, p):
    """The state column: the process's exit state once it has one, "zombie" for a traced
    thread that exited, else the scheduler's state (running, sleeping, traced, ...)."""
    if int(p["exit_state"]) in EXIT_STATES:
        return EXIT_STATES[int(p["exit_state"])]
    if bool(t["ptrace"]["zombie"]):
        return "zombie"
    return os_lists.enum_name(t["state"], "THREAD_")


def tracer_of(t):
    tracer = t["ptrace"]["tracer"]
    return str(int(tracer["tid"])) if int(tracer) else "-"


def parent_of(p):
    parent = p["real_parent"]
    return str(int(parent["tgid"])) if int(parent) else "-"


def threads_by_process():
    """{process address: [struct thread *]} for user threads on the scheduler's list."""
    by_proc = {}
    for t in os_pids.all_threads():
        if int(t["proc"]):
            by_proc.setdefault(int(t["proc"]), []).append(t)
    return by_proc


def process_threads(p, by_proc):
    """p's threads: on p->threads first, then those only the scheduler or p->leader know."""
    threads = list(os_pids.threads_of(p))
    seen = {int(t) for t in threads}
    extra = by_proc.get(int(p), []) + ([p["leader"]] if int(p["leader"]) else [])
    for t in extra:
        if int(t) not in seen:
            seen.add(int(t))
            threads.append(t)
    return threads


def process_lines(p, by_proc, current):
    comm = os_lists.cstring(p["comm"])
    tgid = os_pids.numbers_str(p["pid"])
    threads = process_threads(p, by_proc)
    if not threads:
        state = EXIT_STATES.get(int(p["exit_state"]), "no threads")
        return [FORMAT % ("", "-", tgid, state, parent_of(p), "-", comm)]
    return [FORMAT % ("*" if int(t) == current else "", os_pids.numbers_str(t["pid"]), tgid,
                      thread_state(t, p), parent_of(p), tracer_of(t), comm) for t in threads]


def kthread_lines(current):
    return [FORMAT % ("*" if int(t) == current else "", "-", "-",
                      os_lists.enum_name(t["state"], "THREAD_"), "-", "-",
                      "[%s]" % os_lists.cstring(t["name"]))
            for t in os_pids.all_threads() if not int(t["proc"])]


class OsPs(gdb.Command):
    """os-ps: every thread with its tid and tgid at each pid-namespace level (root/.../own),
state, parent's tgid, tracer's tid and name; zombies and kernel threads too.
Usage: os-ps"""

    def __init__(self):
        super().__init__("os-ps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        current = int(os_pids.current_thread())
        by_proc = threads_by_process()
        lines = [FORMAT % ("", "TID", "TGID", "STATE", "PPID", "TRACER", "NAME")]
        for p in os_pids.processes():
            lines += process_lines(p, by_proc, current)
        lines += kthread_lines(current)
        gdb.write("\n".join(lines) + "\n")


OsPs()
