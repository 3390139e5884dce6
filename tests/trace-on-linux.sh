#!/bin/sh
# trace-on-linux.sh - trace(1) (user/trace.c) on the Linux host: Linux's ptrace is the oracle
# for the tracer, as it is for the in-OS suites (tests/run-on-linux.sh).
#
# Usage: tests/trace-on-linux.sh        (needs build/user/trace: `make build/user/trace`)
#
# Runs `trace busybox ls /` and checks the trace for the lines the trace-ls boot in
# tests/boots.txt expects under reaper (execve, the open of "/", getdents64, the write of the
# listing, exit_group, "+++ exited with 0 +++"), then two cases the boot does not cover:
# following a shell's child and passing on its exit status, and a death by SIGKILL (exit
# status 128 + 9). Prints "ok N - trace/NAME" / "not ok N - trace/NAME # why" per check and
# "N passed, M failed" last; exit status 0 only if nothing failed. The binaries are
# overridable, TRACE=... BUSYBOX=..., e.g. TRACE=/bin/false to see every check fail.
# With RESULTS=FILE, each check is also appended there as "PASS linux/trace/NAME" or
# "FAIL linux/trace/NAME" (tests/harness/summary.py's format), as run-on-linux.sh does.
set -u

here=$(cd "$(dirname "$0")/.." && pwd)
trace=${TRACE:-$here/build/user/trace}
busybox=${BUSYBOX:-/bin/busybox}
results=${RESULTS:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/reaper-trace.XXXXXX")
trap 'rm -rf "$work"' EXIT
n=0
passed=0
failed=0

# verdict NAME WHY: record one check; WHY empty means it passed.
verdict() {
	n=$((n + 1))
	if [ -z "$2" ]; then
		echo "ok $n - trace/$1"
		passed=$((passed + 1))
		[ -z "$results" ] || echo "PASS linux/trace/$1" >>"$results"
	else
		echo "not ok $n - trace/$1 # $2"
		failed=$((failed + 1))
		[ -z "$results" ] || echo "FAIL linux/trace/$1" >>"$results"
	fi
}

# expect_line NAME FILE REGEX: some whole line of FILE matches the extended REGEX.
expect_line() {
	if grep -Eq "^($3)\$" "$2"; then
		verdict "$1" ""
	else
		verdict "$1" "no line matches /$3/"
	fi
}

# expect_status NAME GOT WANT
expect_status() {
	if [ "$2" -eq "$3" ]; then
		verdict "$1" ""
	else
		verdict "$1" "exit status $2, expected $3"
	fi
}

pid='\[pid [0-9]+\] '

# 1. busybox ls /: the same lines as the trace-ls boot (tests/boots.txt).
(cd "$work" && timeout 30 "$trace" -o "$work/ls.trace" "$busybox" ls / >"$work/ls.out")
expect_status ls/exit_status $? 0
[ -f "$work/ls.trace" ] || : >"$work/ls.trace"
expect_line ls/execve "$work/ls.trace" \
	"${pid}execve\(\"$busybox\", \[\"$busybox\", \"ls\", \"/\"\], 0x[0-9a-f]+ /\* [0-9]+ vars \*/\) = 0"
expect_line ls/open_root "$work/ls.trace" \
	"${pid}(open|openat)\((AT_FDCWD, )?\"/\", O_RDONLY[|A-Z_]*\) = [0-9]+"
expect_line ls/getdents64 "$work/ls.trace" "${pid}getdents64\([0-9]+, 0x[0-9a-f]+, [0-9]+\) = [1-9][0-9]*"
expect_line ls/write_listing "$work/ls.trace" "${pid}write\(1, \".*bin.*, [0-9]+\) = [1-9][0-9]*"
expect_line ls/exit_group "$work/ls.trace" "${pid}exit_group\(0\) = \?"
expect_line ls/exited_0 "$work/ls.trace" "${pid}\+\+\+ exited with 0 \+\+\+"
if grep -q '^bin$' "$work/ls.out"; then
	verdict ls/output_untouched ""
else
	verdict ls/output_untouched "ls's own output lacks a line 'bin'"
fi

# 2. A shell that runs a child and exits 3: the child is followed, the status passed on.
(cd "$work" && timeout 30 "$trace" -o "$work/sh.trace" "$busybox" sh -c "$busybox true; exit 3")
expect_status sh/exit_status $? 3
[ -f "$work/sh.trace" ] || : >"$work/sh.trace"
pids=$(sed -n 's/^\[pid \([0-9]*\)\] .*/\1/p' "$work/sh.trace" | sort -u | wc -l)
if [ "$pids" -ge 2 ]; then
	verdict sh/child_followed ""
else
	verdict sh/child_followed "lines of $pids pid(s), expected the shell's and its child's"
fi
expect_line sh/sigchld "$work/sh.trace" \
	"${pid}--- SIGCHLD \{si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=[0-9]+, .*\} ---"
expect_line sh/exited_3 "$work/sh.trace" "${pid}\+\+\+ exited with 3 \+\+\+"

# 3. A program killed by SIGKILL: trace says so and exits with 128 + 9.
(cd "$work" && timeout 30 "$trace" -o "$work/kill.trace" "$busybox" sh -c 'kill -9 $$')
expect_status kill/exit_status $? 137
[ -f "$work/kill.trace" ] || : >"$work/kill.trace"
expect_line kill/killed "$work/kill.trace" "${pid}\+\+\+ killed by SIGKILL \+\+\+"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
