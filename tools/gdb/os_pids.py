# os_pids.py - processes, threads and their numbers, as the os-* commands see them.
#
# Where they are: every struct process is on the static list all_processes of kernel/process.c
# (via tasks), its threads on p->threads (via thread_link); every struct thread, kernel threads
# included, is on the run queue's all_threads (kernel/sched.c, via all_link). A struct pid
# (kernel/include/pid.h) holds one number per level, numbers[0] (root) .. numbers[level] (its
# own namespace); the number in namespace ns is numbers[ns->level] if that entry's ns is ns,
# else the thread is not visible in ns - pid_nr_ns() of kernel/pid.c.

import gdb

import os_lists


def processes():
    """Each struct process * on all_processes, in fork order."""
    head = os_lists.lookup("'process.c'::all_processes")
    return os_lists.entries(head, "process", "tasks")


def threads_of(p):
    """Each struct thread * of process p that has not reached exit_notify."""
    return os_lists.entries(p["threads"], "thread", "thread_link")


def all_threads():
    """Each struct thread * the scheduler knows, kernel threads too, from creation to free."""
    return os_lists.entries(os_lists.lookup("'sched.c'::rq")["all_threads"], "thread", "all_link")


def current_thread():
    """The running struct thread * (sched_current(): rq.current)."""
    return os_lists.lookup("'sched.c'::rq")["current"]


def numbers(pid):
    """[(nr, struct pid_namespace *)] of pid from the root (level 0) to its own level."""
    if int(pid) == 0:
        return []
    return [(int(pid["numbers"][i]["nr"]), pid["numbers"][i]["ns"])
            for i in range(int(pid["level"]) + 1)]


def nr_in_ns(pid, ns):
    """pid_nr_ns(): pid's number in ns, 0 if it has none there."""
    level = int(ns["level"])
    if int(pid) == 0 or level > int(pid["level"]):
        return 0
    upid = pid["numbers"][level]
    return int(upid["nr"]) if int(upid["ns"]) == int(ns) else 0


def numbers_str(pid):
    """"7/1": the numbers from the root's to the innermost, "-" for no pid."""
    nrs = numbers(pid)
    return "/".join(str(nr) for nr, _ in nrs) if nrs else "-"


def pids_of(p):
    """The distinct struct pid * a process holds numbers with: its own (the leader's), each
    thread's, and the leader thread's while it is a zombie its tracer has not reaped."""
    pids = [p["pid"]] + [t["pid"] for t in threads_of(p)]
    if int(p["leader"]):
        pids.append(p["leader"]["pid"])
    seen, out = set(), []
    for pid in pids:
        if int(pid) and int(pid) not in seen and not bool(pid["freed"]):
            seen.add(int(pid))
            out.append(pid)
    return out


def thread_by_tid(nr):
    """The struct thread * whose root-namespace number is nr, or None: first among the
    scheduler's threads, then among the leaders kept for a tracer."""
    for t in all_threads():
        if int(t["proc"]) and int(t["tid"]) == nr:
            return t
    for p in processes():
        if int(p["leader"]) and int(p["leader"]["tid"]) == nr:
            return p["leader"]
    return None
