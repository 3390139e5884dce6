# os_pidns.py - `os-pidns`: the pid-namespace tree, with each namespace's reaper and members.
#
# The kernel keeps no list of namespaces: a namespace is reachable from the pids numbered in
# it, from the processes whose next children go there (pid_ns_for_children) and from the proc
# mounts made for it (the superblock's s_fs_info, kernel/fs/proc/root.c: the mount holds the
# namespace even when no process is left in it), and it points at its parent. So the tree is
# rebuilt here from init_pid_ns, every process and every proc mount, then printed root first, children indented under their parent. For each: level, inum (as
# /proc/PID/ns/pid shows it), child_reaper (its number in the namespace and its root tgid),
# nr_pids, adding (false once its teardown has begun: zap_pid_ns_processes step 1), pid_max,
# the proc superblocks mounted for it (proc_sbs), and its members: each allocated number found
# in it, with the root tid and the name. When fewer members are found than nr_pids says, the
# missing numbers belong to threads no process list shows any more (being released).

import gdb

import os_dcache
import os_lists
import os_pids


def collect():
    """({namespace address: struct pid_namespace *}, [(struct pid *, comm)]): every
    namespace reachable from init_pid_ns and the processes, and every allocated pid."""
    spaces, pids = {}, []
    root = os_lists.lookup("&init_pid_ns")
    spaces[int(root)] = root
    for p in os_pids.processes():
        comm = os_lists.cstring(p["comm"])
        ns_ptrs = [p["pid_ns_for_children"]]
        for pid in os_pids.pids_of(p):
            pids.append((pid, comm))
            ns_ptrs += [ns for _, ns in os_pids.numbers(pid)]
        add_with_parents(spaces, ns_ptrs)
    add_with_parents(spaces, proc_mount_namespaces())
    return spaces, pids


def add_with_parents(spaces, ns_ptrs):
    for ns in ns_ptrs:
        while int(ns) and int(ns) not in spaces:
            spaces[int(ns)] = ns
            ns = ns["parent"]


def proc_mount_namespaces():
    """The namespace of each mounted proc (its superblock's s_fs_info)."""
    ns_type = os_lists.struct_type("pid_namespace").pointer()
    return [m["mnt_sb"]["s_fs_info"].cast(ns_type) for m in os_dcache.mounts()
            if os_lists.cstring(m["mnt_sb"]["s_type"]["name"]) == "proc"]


def reaper_str(ns):
    reaper = ns["child_reaper"]
    if not int(reaper):
        return "none"
    return "%d (tgid %d)" % (os_pids.nr_in_ns(reaper["pid"], ns), int(reaper["tgid"]))


def members(ns, pids):
    """"nr [root tid] comm" for each pid numbered in ns, by number."""
    found = sorted((os_pids.nr_in_ns(pid, ns), int(pid["numbers"][0]["nr"]), comm)
                   for pid, comm in pids if os_pids.nr_in_ns(pid, ns))
    return ["%d [%d] %s" % m for m in found]


def describe(ns, pids, indent):
    sbs = len(list(os_lists.entries(ns["proc_sbs"], "super_block", "s_proc_link")))
    found = members(ns, pids)
    pad = "  " * indent
    lines = [pad + "pid_namespace 0x%x  level %d  inum %d" %
             (int(ns), int(ns["level"]), int(ns["inum"])),
             pad + "  child_reaper %s  nr_pids %d  adding %s  pid_max %d  proc_sbs %d" %
             (reaper_str(ns), int(ns["nr_pids"]), str(bool(ns["adding"])).lower(),
              int(ns["pid_max"]), sbs),
             pad + "  members (%d found): %s" % (len(found), ", ".join(found) or "none")]
    return lines


def tree_lines(ns, children, pids, indent=0):
    lines = describe(ns, pids, indent)
    for child in children.get(int(ns), []):
        lines += tree_lines(child, children, pids, indent + 1)
    return lines


class OsPidns(gdb.Command):
    """os-pidns: the pid-namespace tree: level, inum, child_reaper, nr_pids, adding, pid_max,
proc superblocks and members (number in the namespace [root tid] name).
Usage: os-pidns"""

    def __init__(self):
        super().__init__("os-pidns", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        spaces, pids = collect()
        children = {}
        for ns in sorted(spaces.values(), key=lambda n: (int(n["level"]), int(n["inum"]))):
            if int(ns["parent"]):
                children.setdefault(int(ns["parent"]), []).append(ns)
        root = os_lists.lookup("&init_pid_ns")
        gdb.write("\n".join(tree_lines(root, children, pids)) + "\n")


OsPidns()
