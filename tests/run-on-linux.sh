#!/bin/sh
# run-on-linux.sh - run every in-OS test suite on the Linux host, where Linux is the oracle.
#
# Usage: tests/run-on-linux.sh [SUITE ...]     (default: every build/user/tests/*; `make
#                                              test-linux` builds them first and runs this)
#
# The suites are the same static binaries reaper runs as init (user/tests/*.c). Each runs as
# an ordinary process (not pid 1, so it exits instead of powering off), in a fresh temporary
# directory, on a fresh pseudo-terminal (tests/harness/pty_run.py), as it has the console under
# reaper; a suite that needs typed input gets the --input-after pairs of its boot in
# tests/boots.txt. Every TAP line is printed, then one closing line over all suites,
# "N passed, M failed"; a suite that crashes, times out or lacks its closing line counts as one
# more failure. Exit status 0 only if nothing failed. Checks that are about reaper itself are
# skipped by the suites on Linux (tap_on_reaper()).
# With RESULTS=FILE in the environment, each case is also recorded there as "PASS linux/NAME"
# or "FAIL linux/NAME" (the results format of tests/harness/summary.py): `make test` does so.
set -u
results=${RESULTS:-}

here=$(cd "$(dirname "$0")/.." && pwd)
tests_dir=$here/build/user/tests
if [ $# -gt 0 ]; then
	suites=$*
else
	suites=$(ls "$tests_dir")
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/reaper-linux.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

for suite in $suites; do
	bin=$tests_dir/$(basename "$suite")
	if [ ! -x "$bin" ]; then
		echo "not ok - $suite # not built: $bin"
		failed=$((failed + 1))
		continue
	fi
	echo "== $(basename "$bin")"
	mkdir -p "$work/$(basename "$bin")"
	start=$(date +%s.%N)
	(cd "$work/$(basename "$bin")" &&
		python3 "$here/tests/harness/pty_run.py" --timeout 120 \
			--inputs-from "$here/tests/boots.txt" -- "$bin") >"$work/out" 2>&1
	status=$?
	cat "$work/out"
	ok=$(grep -c '^ok ' "$work/out")
	bad=$(grep -c '^not ok ' "$work/out")
	passed=$((passed + ok))
	failed=$((failed + bad))
	if [ -n "$results" ]; then
		sed -n -e 's/^ok [0-9]* - \([^#]*\).*/PASS linux\/\1/p' \
			-e 's/^not ok [0-9]* - \([^#]*\).*/FAIL linux\/\1/p' "$work/out" >>"$results"
	fi
	if [ $status -ne 0 ] || ! grep -Eq '^[0-9]+ passed, [0-9]+ failed$' "$work/out"; then
		[ "$bad" -gt 0 ] || failed=$((failed + 1))
		echo "FAIL $(basename "$bin"): exit status $status"
		[ -z "$results" ] || echo "FAIL linux/$(basename "$bin")" >>"$results"
	fi
	echo "== $(basename "$bin"): $(awk "BEGIN { printf \"%.2f\", $(date +%s.%N) - $start }") s"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
