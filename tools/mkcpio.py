#!/usr/bin/env python3
"""mkcpio.py - pack a directory tree into a cpio "newc" archive, the initramfs format Linux uses.

Usage: mkcpio.py [--dev PATH:MAJOR:MINOR:MODE ...] ROOTDIR OUT.cpio

The archive holds every directory, regular file and symlink under ROOTDIR (ROOTDIR itself is
the archive's root and gets no entry), named by its path relative to ROOTDIR without a leading
"/" or "./" (as Linux's usr/gen_init_cpio writes them: "sbin/init"). Each --dev adds a character
device node, e.g. --dev /dev/console:5:1:0600; missing parent directories are added too.

The output is deterministic, so the same tree always gives the same bytes: entries sorted by
path (a directory always comes before its contents), mtime 0, uid/gid 0, inode numbers 1, 2, 3 …
in archive order, and modes normalised the way git stores them (directories 0755, files 0755
if any execute bit is set else 0644, symlinks 0777).

The newc format, per entry: the magic "070701", then 13 fields of 8 hex digits (ino, mode, uid,
gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize including the
NUL, check = 0), the name and its NUL padded so header+name is a multiple of 4 bytes, then the
data (a symlink's data is its target) padded to a multiple of 4. The archive ends with an entry
named "TRAILER!!!". The kernel's reader is kernel/fs/initramfs.c; Linux's is init/initramfs.c.
Python 3 standard library only.
"""

import argparse
import os
import stat
import sys

MAGIC = b"070701"
TRAILER = "TRAILER!!!"


class Entry:
    """One archive member: its name, mode (type and permission bits), data and device."""

    def __init__(self, name, mode, data=b"", rdev=(0, 0), nlink=1):
        self.name = name
        self.mode = mode
        self.data = data
        self.rdev = rdev
        self.nlink = nlink


def pad4(n):
    """Bytes of padding that bring a length of n up to a multiple of 4."""
    return (4 - n % 4) % 4


def encode(entry, ino):
    """The newc bytes of one entry: header, name, padding, data, padding."""
    name = entry.name.encode() + b"\0"
    fields = (ino, entry.mode, 0, 0, entry.nlink, 0, len(entry.data), 0, 0,
              entry.rdev[0], entry.rdev[1], len(name), 0)
    header = MAGIC + b"".join(b"%08X" % f for f in fields)
    out = header + name + b"\0" * pad4(len(header) + len(name))
    return out + entry.data + b"\0" * pad4(len(entry.data))


def normal_mode(st):
    """The entry mode for a file on disk: its type plus git-style permission bits."""
    if stat.S_ISDIR(st.st_mode):
        return stat.S_IFDIR | 0o755
    if stat.S_ISLNK(st.st_mode):
        return stat.S_IFLNK | 0o777
    exec_bits = st.st_mode & 0o111
    return stat.S_IFREG | (0o755 if exec_bits else 0o644)


def entry_for(root, rel):
    """The entry for ROOTDIR/rel; any other file type than the three we pack is an error."""
    path = os.path.join(root, rel)
    st = os.lstat(path)
    if stat.S_ISDIR(st.st_mode):
        return Entry(rel, normal_mode(st), nlink=2)
    if stat.S_ISLNK(st.st_mode):
        return Entry(rel, normal_mode(st), os.readlink(path).encode())
    if stat.S_ISREG(st.st_mode):
        with open(path, "rb") as f:
            return Entry(rel, normal_mode(st), f.read())
    sys.exit("mkcpio: %s: not a directory, regular file or symlink "
             "(use --dev for device nodes)" % path)


def walk(root):
    """Entries for everything under root, keyed by archive name."""
    entries = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            rel = os.path.relpath(os.path.join(dirpath, name), root)
            entries[rel] = entry_for(root, rel)
    return entries


def parse_dev(spec):
    """--dev PATH:MAJOR:MINOR:MODE -> a character device entry."""
    try:
        path, major, minor, mode = spec.rsplit(":", 3)
        name = os.path.normpath(path).lstrip("/")
        perm = int(mode, 8)
        entry = Entry(name, stat.S_IFCHR | (perm & 0o7777), rdev=(int(major), int(minor)))
    except ValueError:
        raise argparse.ArgumentTypeError("expected PATH:MAJOR:MINOR:MODE, got %r" % spec)
    if not name or name == "." or name.startswith(".."):
        raise argparse.ArgumentTypeError("bad device path %r" % path)
    return entry


def add_parents(entries, name):
    """Make sure every directory above name has an entry."""
    parent = os.path.dirname(name)
    while parent and parent not in entries:
        entries[parent] = Entry(parent, stat.S_IFDIR | 0o755, nlink=2)
        parent = os.path.dirname(parent)


def fix_dir_links(entries):
    """A directory's link count is 2 plus one per subdirectory, as on a real filesystem."""
    for e in entries.values():
        parent = os.path.dirname(e.name)
        if stat.S_ISDIR(e.mode) and parent in entries:
            entries[parent].nlink += 1


def build(root, devs):
    """The whole archive as bytes."""
    entries = walk(root)
    for dev in devs:
        add_parents(entries, dev.name)
        entries[dev.name] = dev
    fix_dir_links(entries)
    out = bytearray()
    for ino, name in enumerate(sorted(entries), start=1):
        out += encode(entries[name], ino)
    out += encode(Entry(TRAILER, 0), 0)
    return bytes(out)


def main():
    ap = argparse.ArgumentParser(description="Write a deterministic cpio newc archive.")
    ap.add_argument("--dev", action="append", default=[], type=parse_dev,
                    metavar="PATH:MAJOR:MINOR:MODE", help="add a character device node")
    ap.add_argument("root", metavar="ROOTDIR")
    ap.add_argument("out", metavar="OUT.cpio")
    args = ap.parse_args()
    if not os.path.isdir(args.root):
        sys.exit("mkcpio: %s: not a directory" % args.root)
    data = build(args.root, args.dev)
    tmp = args.out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, args.out)


if __name__ == "__main__":
    main()
