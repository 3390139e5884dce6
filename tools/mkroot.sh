#!/bin/sh
# mkroot.sh - fill the initramfs tree with our programs and busybox (called by the Makefile).
#
# Usage: tools/mkroot.sh ROOT USERDIR BUSYBOX
#   ROOT     the tree to fill (build/root; the Makefile has created it and copied rootfs/ in)
#   USERDIR  where user/user.mk built the programs (build/user)
#   BUSYBOX  Debian's busybox-static binary (/bin/busybox)
#
# Puts build/user/init at /sbin/init, any other build/user/NAME at /bin/NAME, and every test
# suite build/user/tests/NAME at /tests/NAME, each as a stripped copy (the unstripped ones stay
# in build/user for gdb). Copies busybox to /bin/busybox and makes a symlink for every applet
# path `busybox --list-full` prints: /bin/X -> busybox, elsewhere -> /bin/busybox. Our own
# files win: the applet "init" does not replace /sbin/init. Device nodes are not made here
# (that needs root); tools/mkcpio.py --dev adds them to the archive. /bin/dbgdemo alone keeps
# its symbol table (strip -g drops only the debug info): dbg reads it (docs/dbg.md).
set -eu

root=$1
userdir=$2
busybox=$3

mkdir -p "$root/bin" "$root/sbin" "$root/tests" "$root/dev" "$root/proc" "$root/tmp" \
	"$root/etc"

for prog in "$userdir"/*; do
	[ -f "$prog" ] || continue
	name=$(basename "$prog")
	if [ "$name" = init ]; then
		strip -o "$root/sbin/init" "$prog"
	elif [ "$name" = dbgdemo ]; then
		strip -g -o "$root/bin/$name" "$prog"
	else
		strip -o "$root/bin/$name" "$prog"
	fi
done
# Benchmarks (user/bench/NAME.c, built as build/user/bench/NAME) go to /bin/NAME too.
for bench in "$userdir"/bench/*; do
	[ -f "$bench" ] || continue
	strip -o "$root/bin/$(basename "$bench")" "$bench"
done
for suite in "$userdir"/tests/*; do
	[ -f "$suite" ] || continue
	strip -o "$root/tests/$(basename "$suite")" "$suite"
done

cp "$busybox" "$root/bin/busybox"
"$busybox" --list-full | while read -r applet; do
	case "$applet" in
	bin/busybox | linuxrc) continue ;;
	bin/*) target=busybox ;;
	*) target=/bin/busybox ;;
	esac
	[ -e "$root/$applet" ] || [ -L "$root/$applet" ] && continue
	mkdir -p "$root/$(dirname "$applet")"
	ln -s "$target" "$root/$applet"
done
