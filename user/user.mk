# user/user.mk - our user programs and what they add to the initramfs; included by the Makefile.
#
# Every user/NAME.c is one static musl program, build/user/NAME; every user/tests/NAME.c
# (except tap.c, the shared test library) is one test suite, build/user/tests/NAME, linked with
# user/tests/tap.c; user/bench/ is procbench, one program of several files,
# build/user/bench/procbench. They keep
# their symbols in build/user for gdb (DESIGN.md §12); the copies in the image are stripped,
# because GRUB reads the ISO slowly under TCG.
#
# tools/mkroot.sh installs them into build/root (init as /sbin/init, suites under /tests) with
# Debian's busybox-static and a symlink per applet; USER_DEVS are the device nodes the
# initramfs gets (tools/mkcpio.py --dev). Static files (etc/passwd, etc/group) are in rootfs/.

MUSLCC  ?= musl-gcc
UCFLAGS := -static -g -O1 -Wall -Wextra -Werror -std=c11 -D_GNU_SOURCE
BUSYBOX ?= /bin/busybox

USER_TAP   := user/tests/tap.c
USER_PROGS := $(patsubst user/%.c,$(B)/user/%,$(filter-out user/trace_decode.c,$(wildcard user/*.c)))
USER_TESTS := $(patsubst user/tests/%.c,$(B)/user/tests/%, \
	$(filter-out $(USER_TAP),$(wildcard user/tests/*.c)))
USER_BENCH := $(B)/user/bench/procbench
PROCBENCH_SRCS := $(wildcard user/bench/*.c)
USER_IMAGE_DEPS := $(USER_PROGS) $(USER_TESTS) $(USER_BENCH) tools/mkroot.sh $(BUSYBOX)
USER_DEVS := --dev /dev/console:5:1:0600 --dev /dev/tty:5:0:0666 \
	--dev /dev/ttyS0:4:64:0660 --dev /dev/null:1:3:0666 --dev /dev/zero:1:5:0666

.PHONY: user
user: $(USER_PROGS) $(USER_TESTS) $(USER_BENCH)

$(filter-out $(B)/user/trace,$(USER_PROGS)): $(B)/user/%: user/%.c user/user.mk
	@mkdir -p $(dir $@)
	$(MUSLCC) $(UCFLAGS) $< -o $@

# trace(1) is two files (user/trace_decode.c is its argument decoder, not a program) plus the
# kernel's syscall name table, kernel/syscall_names.c, each its own translation unit: the
# kernel's SYS_ numbers (uapi/unistd.h, found with -iquote) never meet musl's.
TRACE_SRCS := user/trace.c user/trace_decode.c kernel/syscall_names.c
$(B)/user/trace: $(TRACE_SRCS) user/trace_decode.h kernel/include/uapi/unistd.h user/user.mk
	@mkdir -p $(dir $@)
	$(MUSLCC) $(UCFLAGS) -iquote kernel/include $(TRACE_SRCS) -o $@

$(USER_TESTS): $(B)/user/tests/%: user/tests/%.c $(USER_TAP) user/tests/tap.h user/user.mk
	@mkdir -p $(dir $@)
	$(MUSLCC) $(UCFLAGS) $< $(USER_TAP) -o $@

# The benchmark: every user/bench/*.c is a part of procbench (procbench.h says which does
# what), build/user/bench/procbench, /bin/procbench in the image (`make bench`,
# docs/performance.md).
$(B)/user/bench/procbench: $(PROCBENCH_SRCS) user/bench/procbench.h user/user.mk
	@mkdir -p $(dir $@)
	$(MUSLCC) $(UCFLAGS) $(PROCBENCH_SRCS) -o $@

# dbg's demo program (user/dbgdemo.c, docs/dbg.md): no optimisation and every frame pointer,
# so each function keeps the prologue and the rbp chain that dbg's break and bt rely on.
# tools/mkroot.sh installs it with its symbol table, which dbg reads.
$(B)/user/dbgdemo: UCFLAGS += -O0 -fno-omit-frame-pointer

# dbg links user/lib/symtab.c, its reader of an ELF file's symbol table: the rule above
# compiles what UCFLAGS names, so the extra source file goes there.
$(B)/user/dbg: UCFLAGS += user/lib/symtab.c
$(B)/user/dbg: user/lib/symtab.c user/lib/symtab.h

# The fuzzer (user/tests/fuzz.c, docs/fuzz.md) links its executor, user/lib/fuzz_exec.c, whose
# loop makes raw system calls only: no stack protector, whose canary lives in the TLS that a
# random arch_prctl(ARCH_SET_FS) may take away.
$(B)/user/tests/fuzz: UCFLAGS += -fno-stack-protector user/lib/fuzz_exec.c
$(B)/user/tests/fuzz: user/lib/fuzz_exec.c user/lib/fuzz_exec.h
