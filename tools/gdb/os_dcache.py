# os_dcache.py - `os-dcache [PATH [DEPTH]]`: the cached dentries under a path, with counts.
#
# The dentry cache (kernel/include/dcache.h) is a tree: each dentry lists its children on
# d_subdirs (via their d_child), oldest first. A path names a dentry through mounts: the walk
# starts at the root mount's mnt_root (the mount that is its own parent, on the static
# mount_list of kernel/fs/mount.c) and, at a dentry with d_mounted set, continues at the
# root of the mount attached there - as kernel/fs/path_walk.c does. Only what is cached is
# found: a name never looked up is not in the tree (os-dcache does no filesystem calls).
# Each line: the name, d_count (users; 0 = unused, on the LRU), the DCACHE_* flags, and
# "negative" (no inode: a cached "does not exist") or "mount: TYPE" where a mount covers it.
# Instead of a path, PATH may be any gdb expression that is a struct dentry * (for example
# sb->s_root in a filesystem's code, or d in d_invalidate): its listing starts there, in a
# mount of its superblock (the first on mount_list), mounted or not.
# DEPTH (default 8) limits how far below PATH the listing goes. Every child of PATH itself is
# listed; deeper directories show their first SHOW_CHILDREN children and how many more there
# are (os-dcache on that directory lists them all).

import gdb

import os_lists

FLAGS = [(1 << 0, "PINNED"), (1 << 1, "LRU"), (1 << 2, "HASHED")]   # dcache.h DCACHE_*
DEFAULT_DEPTH = 8
SHOW_CHILDREN = 8


def mounts():
    head = os_lists.lookup("'mount.c'::mount_list")
    return list(os_lists.entries(head, "mount", "mnt_list"))


def root_mount():
    for m in mounts():
        if int(m["mnt_parent"]) == int(m):
            return m
    raise gdb.GdbError("os-dcache: no root mount yet (vfs_init has not run)")


def mount_on(mnt, d):
    """The mount attached on dentry d of mount mnt, or None (lookup_mnt())."""
    for m in mounts():
        if int(m["mnt_parent"]) == int(mnt) and int(m["mnt_mountpoint"]) == int(d) \
                and int(m) != int(mnt):
            return m
    return None


def follow_mounts(mnt, d):
    """(mount, dentry) after descending through every mount stacked on d."""
    while int(d["d_mounted"]):
        m = mount_on(mnt, d)
        if m is None:
            break
        mnt, d = m, m["mnt_root"]
    return mnt, d


def name_of(d):
    return os_lists.cstring(d["d_name"]["name"], int(d["d_name"]["len"]))


def children(d):
    return os_lists.entries(d["d_subdirs"], "dentry", "d_child")


def walk(path):
    """(mount, dentry) of an absolute path, through the cached dentries only."""
    mnt = root_mount()
    mnt, d = follow_mounts(mnt, mnt["mnt_root"])
    for part in [p for p in path.split("/") if p and p != "."]:
        found = [c for c in children(d) if name_of(c) == part] if part != ".." else [d["d_parent"]]
        if not found:
            raise gdb.GdbError("os-dcache: %s: '%s' is not in the dcache" % (path, part))
        mnt, d = follow_mounts(mnt, found[0])
    return mnt, d


def from_expression(expr):
    """(mount, dentry) of a struct dentry * expression; the mount is one of its superblock's."""
    d = gdb.parse_and_eval(expr).cast(gdb.lookup_type("struct dentry").pointer()).dereference()
    mine = [m for m in mounts() if int(m["mnt_sb"]) == int(d["d_sb"])]
    return (mine[0] if mine else None), d


def describe(d, mnt):
    flags = [name for bit, name in FLAGS if int(d["d_flags"]) & bit] or ["-"]
    notes = [] if int(d["d_inode"]) else ["negative"]
    if int(d["d_mounted"]) and mnt is not None and mount_on(mnt, d) is not None:
        fstype = mount_on(mnt, d)["mnt_sb"]["s_type"]["name"]
        notes.append("mount: " + os_lists.cstring(fstype))
    line = "d_count %-3d %-14s %s" % (int(d["d_count"]), "|".join(flags), " ".join(notes))
    return line.rstrip()


def tree_lines(mnt, d, depth, indent=1):
    lines = []
    if depth <= 0:
        return lines
    kids = list(children(d))
    shown = kids if indent == 1 else kids[:SHOW_CHILDREN]
    for child in shown:
        name = "  " * indent + name_of(child)
        lines.append("%-32s %s" % (name, describe(child, mnt)))
        child_mnt, below = follow_mounts(mnt, child) if mnt is not None else (None, child)
        lines += tree_lines(child_mnt, below, depth - 1, indent + 1)
    if len(kids) > len(shown):
        lines.append("  " * indent + "... %d more" % (len(kids) - len(shown)))
    return lines


class OsDcache(gdb.Command):
    """os-dcache: the cached dentries under PATH (default /), through mounts, with d_count,
flags (PINNED, LRU, HASHED) and negative/mount notes.
Usage: os-dcache [PATH|EXPR [DEPTH]]   e.g. os-dcache /proc 2, os-dcache sb->s_root 1
(EXPR: a struct dentry * expression, for a filesystem mounted where no path reaches)"""

    def __init__(self):
        super().__init__("os-dcache", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        args = gdb.string_to_argv(arg)
        path = args[0] if args else "/"
        depth = int(args[1]) if len(args) > 1 else DEFAULT_DEPTH
        mnt, d = walk(path) if path.startswith("/") else from_expression(path)
        lines = ["%-32s %s" % (path, describe(d, mnt))] + tree_lines(mnt, d, depth)
        gdb.write("\n".join(lines) + "\n")


OsDcache()
