#!/usr/bin/env python3
"""summary.py - the last step of `make test`: add up the results files and print the closing
line "N passed, M failed". Exit status 1 if anything failed or nothing ran at all.

Usage: summary.py build/test-logs/*.results

Each results file has one line per test case, "PASS name" or "FAIL name" (see testlib.py).
The failed cases are listed again just before the closing line, so they are easy to find.
"""

import os
import sys


def main(paths):
    passed, failed = 0, []
    for path in paths:
        if not os.path.exists(path):    # an unmatched glob: that stage recorded nothing
            continue
        with open(path) as f:
            for line in f:
                verdict, _, name = line.rstrip("\n").partition(" ")
                if verdict == "PASS":
                    passed += 1
                elif verdict == "FAIL":
                    failed.append(name)
    if failed:
        print("\nFailed:")
        for name in failed:
            print("  " + name)
    print("%d passed, %d failed" % (passed, len(failed)))
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
