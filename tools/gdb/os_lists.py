# os_lists.py - reading kernel data from gdb: struct list_head walks, strings, symbols.
#
# The kernel links its objects with struct list_head (kernel/include/list.h): a head, and in
# each object a member of the same type; list_for_each_entry() steps through the members and
# container_of() subtracts the member's offset to get the object. entries() below is the same
# walk in Python. Everything here only reads memory, so it is safe at any stop - but a list
# being changed at that moment can look torn: the walk stops after MAX_ENTRIES or at a NULL.
# Used by every os-* command (tools/gdb/reaper.py loads them).

import gdb

MAX_ENTRIES = 100000    # a list longer than this is taken to be corrupt (a loop)


def lookup(expr):
    """The value of a C expression, e.g. lookup("'process.c'::all_processes") for a static
    symbol of kernel/process.c (the quotes and the file name pick which file's symbol)."""
    return gdb.parse_and_eval(expr)


def struct_type(name):
    """gdb.Type of `struct name`."""
    return gdb.lookup_type("struct " + name)


def member_offset(type_name, member):
    """Bytes from the start of struct type_name to its member (C's offsetof)."""
    for field in struct_type(type_name).fields():
        if field.name == member:
            return field.bitpos // 8
    raise gdb.GdbError("struct %s has no member %s" % (type_name, member))


def address_of(value):
    """An integer address from a pointer, or from an object (its address)."""
    if value.type.strip_typedefs().code != gdb.TYPE_CODE_PTR:
        value = value.address
    return int(value)


def entries(head, type_name, member):
    """Each struct type_name * on the list whose head is `head` (a struct list_head or a
    pointer to one), linked through its `member` - list_for_each_entry() in Python."""
    ptr_type = struct_type(type_name).pointer()
    offset = member_offset(type_name, member)
    head_addr = address_of(head)
    node = lookup("(struct list_head *)%d" % head_addr)["next"]
    for _ in range(MAX_ENTRIES):
        if int(node) == head_addr or int(node) == 0:
            return
        yield gdb.Value(int(node) - offset).cast(ptr_type)
        node = node["next"]


def is_empty(head):
    """list_empty(): the head points at itself."""
    return int(head["next"]) == address_of(head)


def cstring(value, length=None):
    """A C string (char array or char *) as str; at most length bytes if given."""
    if value.type.strip_typedefs().code == gdb.TYPE_CODE_ARRAY:
        value = value[0].address
    if int(value) == 0:
        return "(null)"
    if length is not None:
        return read_bytes(int(value), length).decode("utf-8", "replace")
    return value.string("utf-8", "replace")


def read_bytes(addr, length):
    """length bytes of kernel memory at addr."""
    if length <= 0:
        return b""
    return bytes(gdb.selected_inferior().read_memory(addr, length))


def enum_name(value, prefix=""):
    """The enumerator's name of an enum value, without prefix, lower case ("THREAD_RUNNING",
    "THREAD_" -> "running"); the number if it is not an enumerator."""
    for field in value.type.strip_typedefs().fields():
        if field.enumval == int(value):
            name = field.name
            return (name[len(prefix):] if name.startswith(prefix) else name).lower()
    return str(int(value))
