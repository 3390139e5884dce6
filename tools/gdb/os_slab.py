# os_slab.py - `os-slab`: every slab cache with its object and slab counts.
#
# The caches are on the static list slab_caches of kernel/mm/slab.c (via cache_list), in
# creation order. The columns are those of /proc/slabinfo, computed from the same fields
# kernel/mm/slab.c's cache_stats() reads: active objects (active_objs), object slots
# (nr_slabs * objs_per_slab), bytes per slot (size), slabs (nr_slabs) and slabs with at least
# one object (nr_slabs - nr_free_slabs). A count read while the cache's lock is held by the
# stopped code may be mid-update; the next stop shows it settled.

import gdb

import os_lists

FORMAT = "%-20s %8s %8s %8s %6s %6s %6s"


def cache_line(c):
    slabs = int(c["nr_slabs"])
    return FORMAT % (os_lists.cstring(c["name"]), int(c["active_objs"]),
                     slabs * int(c["objs_per_slab"]), int(c["size"]),
                     int(c["objs_per_slab"]), slabs, slabs - int(c["nr_free_slabs"]))


class OsSlab(gdb.Command):
    """os-slab: every slab cache in creation order: objects in use, object slots, object
size, objects per slab, slabs, slabs in use (as /proc/slabinfo); with NAME, that cache only.
Usage: os-slab [NAME]   e.g. os-slab proc_inode_cache"""

    def __init__(self):
        super().__init__("os-slab", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        head = os_lists.lookup("'slab.c'::slab_caches")
        lines = [FORMAT % ("NAME", "ACTIVE", "OBJS", "OBJSIZE", "PER", "SLABS", "USED")]
        caches = list(os_lists.entries(head, "kmem_cache", "cache_list"))
        if arg.strip():
            caches = [c for c in caches if os_lists.cstring(c["name"]) == arg.strip()]
            if not caches:
                raise gdb.GdbError("os-slab: no cache named %s" % arg.strip())
        lines += [cache_line(c) for c in caches]
        gdb.write("\n".join(lines) + "\n")


OsSlab()
