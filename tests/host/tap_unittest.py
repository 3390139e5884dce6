"""tap_unittest.py - run a module's unittest cases, printing one TAP line per case.

tests/harness/host_tests.py runs every tests/host/test_*.py and counts the "ok N - name" and
"not ok N - name # why" lines it prints, as it does for the C tests' cmocka output. A test
module ends with:

    if __name__ == "__main__":
        sys.exit(tap_unittest.main(sys.modules[__name__]))

Case names are the test methods' names without their "test_" prefix. Not a test itself
(no test_ prefix): host_tests.py does not run it.
"""

import os
import unittest


class TapResult(unittest.TextTestResult):
    """Each finished case as one TAP line on stdout."""
    count = 0

    def tap(self, test, ok, why=""):
        TapResult.count += 1
        name = test.id().split(".")[-1].replace("test_", "", 1)
        print("%s %d - %s%s" % ("ok" if ok else "not ok", TapResult.count, name,
                                " # " + why if why else ""), flush=True)

    def addSuccess(self, test):
        super().addSuccess(test)
        self.tap(test, True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.tap(test, False, str(err[1]).splitlines()[0])

    def addError(self, test, err):
        super().addError(test, err)
        self.tap(test, False, "error: %s" % err[1])


def main(module):
    """Run every case of @module; returns the exit status (0: all passed)."""
    suite = unittest.defaultTestLoader.loadTestsFromModule(module)
    with open(os.devnull, "w") as devnull:
        runner = unittest.TextTestRunner(resultclass=TapResult, stream=devnull)
        return 0 if runner.run(suite).wasSuccessful() else 1
