#!/usr/bin/env bash
# deps.sh - make sure the tools the build and the tests need are installed (Debian 12).
#
# `make` runs this on every build, so the common case - everything present - must be fast and
# print nothing: each package is checked by a command it provides (`command -v`) or a file it
# installs, without asking dpkg. Only the missing packages are installed: with apt-get when we
# are root (CI is), otherwise the exact apt-get command is printed and we fail, so the build
# stops with a clear message instead of a puzzling one later.
#
# With --linux-kernel it also makes sure Debian's Linux kernel is there (linux-image-amd64: a
# /boot/vmlinuz-*): `make bench-linux` boots it beside reaper with the same benchmark as init
# (docs/performance.md). Plain `make` and `make test` never ask for it.
#
# See also: Makefile (the `deps` target), DESIGN.md section 3 (what the build needs).
set -euo pipefail

missing=()

# need_linux_kernel - linux-image-amd64 is missing unless some /boot/vmlinuz-* exists.
need_linux_kernel() {
	compgen -G "/boot/vmlinuz-*" >/dev/null || missing+=(linux-image-amd64)
}

# need_cmd PACKAGE COMMAND - PACKAGE is missing unless COMMAND is on the PATH.
need_cmd() {
	command -v "$2" >/dev/null 2>&1 || missing+=("$1")
}

# need_file PACKAGE PATH - PACKAGE is missing unless PATH exists (a file or a directory).
need_file() {
	[ -e "$2" ] || missing+=("$1")
}

# Debian's `busybox` package also installs /bin/busybox, but dynamically linked; the initramfs
# needs the static one. dpkg-query is asked only when the file is there, so this stays cheap.
need_busybox_static() {
	if [ ! -e /bin/busybox ]; then
		missing+=(busybox-static)
	elif command -v dpkg-query >/dev/null 2>&1 &&
		[ "$(dpkg-query -W -f='${db:Status-Status}' busybox-static 2>/dev/null)" != installed ]; then
		missing+=(busybox-static)
	fi
}

need_cmd gcc gcc
need_cmd nasm nasm
need_cmd grub-common grub-mkrescue
need_file grub-pc-bin /usr/lib/grub/i386-pc/modinfo.sh
need_cmd xorriso xorriso
need_cmd mtools mformat
need_cmd qemu-system-x86 qemu-system-x86_64
need_cmd musl-tools musl-gcc
need_busybox_static
need_cmd gdb gdb
need_cmd python3 python3
need_file libcmocka-dev /usr/include/cmocka.h
if [ "${1:-}" = --linux-kernel ]; then
	need_linux_kernel
fi

[ ${#missing[@]} -eq 0 ] && exit 0

install_cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
	echo "deps.sh: missing packages: ${missing[*]}" >&2
	echo "deps.sh: install them with:" >&2
	echo "    sudo DEBIAN_FRONTEND=noninteractive $install_cmd" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "deps.sh: installing ${missing[*]}" >&2

# A fresh machine may have empty package lists: refresh them once if any package is unknown.
updated=0
for pkg in "${missing[@]}"; do
	if ! apt-cache show "$pkg" >/dev/null 2>&1; then
		apt-get update -qq
		updated=1
		break
	fi
done

# Stale lists name versions the mirror no longer has: then refresh and try once more.
if ! $install_cmd -qq </dev/null; then
	if [ $updated -eq 1 ] || ! apt-get update -qq || ! $install_cmd -qq </dev/null; then
		echo "deps.sh: '$install_cmd' failed" >&2
		exit 1
	fi
fi
