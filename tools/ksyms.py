#!/usr/bin/env python3
"""ksyms.py - turn `nm -n -S` output of the kernel into a C symbol table (kernel/lib/ksyms.c).

  nm -n -S --defined-only kernel.stage1.elf | ksyms.py > ksyms.c     the real table
  ksyms.py --empty > ksyms_empty.c                                    an empty table (stage 1)
  nm -n -S --defined-only kernel.elf | ksyms.py --check ksyms.c       prove no function moved

Only text symbols (nm types t/T/w/W) are kept: the table names functions in backtraces.
"""
import re
import sys

HEADER = '#include "ksyms.h"\n\n'


def text_symbols(lines):
    """(addr, size, name) for each function, sorted by address, duplicates dropped."""
    syms = {}
    for line in lines:
        parts = line.split()
        if len(parts) == 4:
            addr, size, kind, name = parts
        elif len(parts) == 3:
            addr, kind, name = parts
            size = "0"
        else:
            continue
        if kind not in "tTwW" or not re.match(r"^[A-Za-z_][A-Za-z0-9_.]*$", name):
            continue
        a = int(addr, 16)
        if a < 0xffffffff80000000:
            continue  # the 32-bit boot code runs before there is anything to report
        syms.setdefault(a, (a, int(size, 16), name))
    return sorted(syms.values())


def emit(syms):
    out = [HEADER, "const struct ksym ksym_table[] = {\n"]
    for addr, size, name in syms:
        out.append('\t{ %#xUL, %#x, "%s" },\n' % (addr, size, name))
    if not syms:
        out.append('\t{ 0, 0, "" },\n')
    out.append("};\n\nconst uint64_t ksym_count = %d;\n" % len(syms))
    return "".join(out)


def check(table_file, lines):
    """Exit non-zero if the final link's functions differ from the table's."""
    want = text_symbols(lines)
    have = open(table_file).read()
    got = re.findall(r'\{ (0x[0-9a-f]+)UL, (0x[0-9a-f]+|0), "([^"]*)" \}', have)
    got = [(int(a, 16), int(s, 16), n) for a, s, n in got]
    if got != want:
        sys.exit("ksyms.py: functions moved between the two links; the table would lie")


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--empty":
        sys.stdout.write(emit([]))
    elif len(sys.argv) > 2 and sys.argv[1] == "--check":
        check(sys.argv[2], sys.stdin)
    else:
        sys.stdout.write(emit(text_symbols(sys.stdin)))


if __name__ == "__main__":
    main()
