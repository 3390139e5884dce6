#!/bin/sh
# pidns-demo-on-linux.sh - pidns-demo(1) (user/pidns-demo.c) on the Linux host: Linux's
# teardown of a pid namespace is the oracle, as it is for the in-OS suites
# (tests/run-on-linux.sh). Needs root (unshare(CLONE_NEWPID), ptrace of another process).
#
# Usage: tests/pidns-demo-on-linux.sh   (needs build/user/pidns-demo: `make build/user/pidns-demo`)
#
# Checks the same verdict the pidns-demo boot in tests/boots.txt expects under reaper:
#   1. no_escape: exit status 0 and the last line is "pidns-demo: init was reaped after every
#      member: no zombie escaped";
#   2. held_zombie: the scenario really happened - a state line shows init exited but not
#      reapable while the debugger held the debuggee's zombie (so 1 did not pass vacuously);
#   3. quiet: with -q the verdict is the only line.
# Prints "ok N - pidns-demo/NAME" / "not ok N - pidns-demo/NAME # why" per check and
# "N passed, M failed" last; exit status 0 only if nothing failed. The binary is overridable,
# PIDNS_DEMO=..., e.g. PIDNS_DEMO=/bin/false to see every check fail. With RESULTS=FILE, each
# check is also appended there as "PASS linux/pidns-demo/NAME" or "FAIL linux/pidns-demo/NAME"
# (tests/harness/summary.py's format), as run-on-linux.sh does.
set -u

here=$(cd "$(dirname "$0")/.." && pwd)
demo=${PIDNS_DEMO:-$here/build/user/pidns-demo}
results=${RESULTS:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/reaper-pidns-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT
verdict_ok='pidns-demo: init was reaped after every member: no zombie escaped'
n=0
passed=0
failed=0

# verdict NAME WHY: record one check; WHY empty means it passed.
verdict() {
	n=$((n + 1))
	if [ -z "$2" ]; then
		echo "ok $n - pidns-demo/$1"
		passed=$((passed + 1))
		[ -z "$results" ] || echo "PASS linux/pidns-demo/$1" >>"$results"
	else
		echo "not ok $n - pidns-demo/$1 # $2"
		failed=$((failed + 1))
		[ -z "$results" ] || echo "FAIL linux/pidns-demo/$1" >>"$results"
	fi
}

# why_status STATUS: what a non-zero exit status of the demo means.
why_status() {
	case $1 in
	1) echo "exit status 1, the demo's verdict for an escape" ;;
	2) echo "exit status 2: could not run ($(head -n 1 "$work/err")); root is needed" ;;
	*) echo "exit status $1" ;;
	esac
}

# 1. The whole story, then the verdict.
timeout 60 "$demo" >"$work/out" 2>"$work/err"
status=$?
last=$(tail -n 1 "$work/out")
if [ "$status" -ne 0 ]; then
	verdict no_escape "$(why_status "$status")"
elif [ "$last" != "$verdict_ok" ]; then
	verdict no_escape "last line is '$last'"
else
	verdict no_escape ""
fi

# 2. init was waiting (teardown step 5) while the debugger held the zombie.
if grep -Eq '^  \+[0-9.]+s +init: exited, not reapable \| .*debuggee: zombie held by the debugger$' \
	"$work/out"; then
	verdict held_zombie ""
else
	verdict held_zombie "no state line shows init unreapable while the debugger holds the zombie"
fi

# 3. -q: the verdict alone (a short polling delay keeps it quick).
timeout 60 "$demo" -q -d 20 >"$work/quiet" 2>"$work/err"
status=$?
if [ "$status" -ne 0 ]; then
	verdict quiet "$(why_status "$status")"
elif [ "$(cat "$work/quiet")" != "$verdict_ok" ]; then
	verdict quiet "-q printed $(wc -l <"$work/quiet") line(s), not just the verdict"
else
	verdict quiet ""
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
