#!/usr/bin/env bash
# mkiso.sh - make a bootable ISO: GRUB (BIOS), the kernel, the initramfs and a command line.
#
# Usage: tools/mkiso.sh [--template GRUB.CFG] KERNEL INITRAMFS "CMDLINE" OUT.iso
#
# Stages the ISO's tree in a temporary directory
#     boot/kernel.elf          KERNEL (the Makefile passes the stripped copy: GRUB reads it
#                              through slow BIOS calls under TCG)
#     boot/initramfs.cpio      INITRAMFS, loaded as the multiboot2 module named "initramfs"
#     boot/grub/grub.cfg       boot/grub.cfg with @CMDLINE@ replaced by CMDLINE
# and runs grub-mkrescue on it. grub-mkrescue is chatty, so its output is shown only when it
# fails. The test harness makes one ISO per test command line with this same script.
# --template picks another menu than boot/grub.cfg: boot/grub-linux.cfg boots a Linux kernel
# (a bzImage) with its initramfs, for `make bench-linux` (the staged names stay the same; GRUB
# does not care).
# GRUB parses the menu line like a shell does: keep CMDLINE to plain words (letters, digits and
# = , . / - _ :); quotes, '$', '&', ';', '|' or braces would be interpreted by GRUB.
set -euo pipefail

template="$(dirname "$0")/../boot/grub.cfg"
if [ $# -eq 6 ] && [ "$1" = --template ]; then
	template=$2
	shift 2
fi
if [ $# -ne 4 ]; then
	echo "usage: $0 [--template GRUB.CFG] KERNEL INITRAMFS \"CMDLINE\" OUT.iso" >&2
	exit 2
fi
kernel=$1 initramfs=$2 cmdline=$3 out=$4

stage=$(mktemp -d "${TMPDIR:-/tmp}/reaper-iso.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/boot/grub"
cp "$kernel" "$stage/boot/kernel.elf"
cp "$initramfs" "$stage/boot/initramfs.cpio"

# Substitute line by line with prefix/suffix expansions rather than sed or ${x//p/r}: the command
# line may hold '/', '&' or '\', which those would treat as special.
while IFS= read -r line || [ -n "$line" ]; do
	if [[ $line == *@CMDLINE@* ]]; then
		line="${line%%@CMDLINE@*}${cmdline}${line#*@CMDLINE@}"
	fi
	printf '%s\n' "$line"
done <"$template" >"$stage/boot/grub/grub.cfg"

log="$stage.log"
trap 'rm -rf "$stage" "$log"' EXIT
if ! grub-mkrescue -o "$out.tmp" "$stage" >"$log" 2>&1; then
	cat "$log" >&2
	echo "mkiso.sh: grub-mkrescue failed for $out" >&2
	rm -f "$out.tmp"
	exit 1
fi
mv "$out.tmp" "$out"
