# reaper - the build.  `make` builds the kernel, the initramfs and the ISO; `make qemu` boots it;
# `make test` runs every test; `make debug` + `make gdb` step through it. See README.md.
#
# Layout of the build: every object lands in build/ mirroring the source tree. The kernel is
# linked twice: build/kernel.stage1.elf gives the symbol table (tools/ksyms.py -> build/ksyms.c)
# that build/kernel.elf carries for symbolised backtraces; the ISO gets a stripped copy.

CROSS_COMPILE ?=
CC      := $(CROSS_COMPILE)gcc
LD      := $(CROSS_COMPILE)ld
NM      := $(CROSS_COMPILE)nm
OBJCOPY := $(CROSS_COMPILE)objcopy
NASM    := nasm
PYTHON  := python3
QEMU    := qemu-system-x86_64
GDB     := gdb

B := build

# Kernel command line baked into build/reaper.iso (README lists the options).
CMDLINE ?= init=/sbin/init

KCFLAGS := -std=c11 -Wall -Wextra -Werror -ffreestanding -fno-pie -fno-pic \
	-mno-red-zone -mcmodel=kernel -mgeneral-regs-only -fno-omit-frame-pointer \
	-mno-omit-leaf-frame-pointer -fno-stack-protector -fno-asynchronous-unwind-tables \
	-fno-strict-aliasing -Og -g -Ikernel/include -Iarch/x86_64/include -MMD -MP
KASFLAGS := -f elf64 -g -F dwarf -i arch/x86_64/
KLDFLAGS := -nostdlib -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments -T linker.ld

KSRC := $(wildcard boot/*.asm arch/x86_64/*.asm arch/x86_64/*.c kernel/*.c kernel/*/*.c \
	kernel/*/*/*.c)
KOBJ := $(patsubst %,$(B)/%.o,$(KSRC))	# trap.c and trap.asm: trap.c.o, trap.asm.o

QEMU_FLAGS := -m 256 -smp 1 -no-reboot -display none \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04
ifeq ($(KVM),1)
QEMU_FLAGS += -enable-kvm -cpu host
endif

.PHONY: all deps qemu debug gdb gdb-boot test bench bench-host bench-compare bench-flush \
	bench-linux fuzz format clean FORCE
all: deps $(B)/kernel.elf $(B)/reaper.iso

deps:
	@tools/deps.sh

$(B)/%.c.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -c $< -o $@

$(B)/%.asm.o: %.asm
	@mkdir -p $(dir $@)
	$(NASM) $(KASFLAGS) -MD $(@:.o=.d) $< -o $@

# Stage 1: no symbol table yet (an empty one), to learn where every function lands.
$(B)/ksyms_empty.o: tools/ksyms.py
	@mkdir -p $(B)
	$(PYTHON) tools/ksyms.py --empty > $(B)/ksyms_empty.c
	$(CC) $(KCFLAGS) -c $(B)/ksyms_empty.c -o $@

$(B)/kernel.stage1.elf: $(KOBJ) $(B)/ksyms_empty.o linker.ld
	$(LD) $(KLDFLAGS) -o $@ $(KOBJ) $(B)/ksyms_empty.o

# Stage 2: the same objects plus the table. The table lives after .text, so no function moves;
# tools/ksyms.py --check proves it by comparing the two links.
$(B)/ksyms.o: $(B)/kernel.stage1.elf tools/ksyms.py
	$(NM) -n -S --defined-only $< | $(PYTHON) tools/ksyms.py > $(B)/ksyms.c
	$(CC) $(KCFLAGS) -c $(B)/ksyms.c -o $@

$(B)/kernel.elf: $(KOBJ) $(B)/ksyms.o linker.ld
	$(LD) $(KLDFLAGS) -o $@ $(KOBJ) $(B)/ksyms.o
	$(NM) -n -S --defined-only $@ | $(PYTHON) tools/ksyms.py --check $(B)/ksyms.c

$(B)/kernel.stripped.elf: $(B)/kernel.elf
	$(OBJCOPY) --strip-debug $< $@

# User programs, test suites and what they add to the image (USER_*): user/user.mk.
-include user/user.mk

# The initramfs: build/root/ packed as cpio newc (tools/mkcpio.py, deterministic): rootfs/,
# then our programs and busybox (tools/mkroot.sh), plus the device nodes.
$(B)/initramfs.cpio: tools/mkcpio.py $(shell find rootfs -type f 2>/dev/null) $(USER_IMAGE_DEPS)
	@rm -rf $(B)/root && mkdir -p $(B)/root/sbin $(B)/root/dev $(B)/root/proc $(B)/root/tmp
	@if [ -d rootfs ]; then cp -a rootfs/. $(B)/root/; fi
	tools/mkroot.sh $(B)/root $(B)/user $(BUSYBOX)
	$(PYTHON) tools/mkcpio.py $(USER_DEVS) $(B)/root $@

# The command line is part of the ISO: remember the last one so a new CMDLINE rebuilds it.
$(B)/cmdline.stamp: FORCE
	@mkdir -p $(B)
	@echo '$(CMDLINE)' | cmp -s - $@ || echo '$(CMDLINE)' > $@

$(B)/reaper.iso: $(B)/kernel.stripped.elf $(B)/initramfs.cpio boot/grub.cfg tools/mkiso.sh \
		$(B)/cmdline.stamp
	tools/mkiso.sh $(B)/kernel.stripped.elf $(B)/initramfs.cpio "$(CMDLINE)" $@

qemu: all
	$(QEMU) $(QEMU_FLAGS) -serial mon:stdio -cdrom $(B)/reaper.iso

# Halted at the BIOS's first instruction with the gdb stub on :1234. Attach with `make gdb`
# (kernel symbols and helpers: hbreak kmain) or `make gdb-boot` (stops at the 32-bit entry,
# start32 in boot/entry.asm, at its physical address; tools/gdb/boot.gdb). README: Debugging.
debug: all
	@echo "QEMU is waiting for gdb on localhost:1234. In another terminal, run one of:"
	@echo "  cd $(CURDIR) && make gdb        # then: hbreak kmain, continue"
	@echo "  cd $(CURDIR) && make gdb-boot   # stops at the 32-bit entry start32 (boot/entry.asm)"
	$(QEMU) $(QEMU_FLAGS) -serial mon:stdio -cdrom $(B)/reaper.iso -s -S

gdb: $(B)/kernel.elf
	$(GDB) -q -x tools/gdb/reaper.gdb $(B)/kernel.elf

gdb-boot: $(B)/kernel.elf
	$(GDB) -q -x tools/gdb/boot.gdb $(B)/kernel.elf

# Benchmarks are not tests: they print figures and judge none (docs/performance.md).
# `make bench` boots reaper with init=/bin/procbench (TCG unless KVM=1) and prints its lines and
# the boot-to-init time measured here; `make bench-host` runs the same binary on this machine
# (as root for the pidns lines); `make bench-compare` runs both and prints them side by side.
# `make bench-flush` boots reaper twice, as is and with proc.flush=0, and prints the two side
# by side (procbench -o fork-exit-wait,proc unless BENCH_ARGS says otherwise); BENCH_BOOTS=3
# boots each side three times, alternately, and adds the spread of the medians.
# `make bench-linux` boots reaper and Debian's Linux kernel (tools/deps.sh --linux-kernel installs
# it; nothing else needs it) alternately in the same QEMU configuration, with the same procbench
# as init, and prints reaper / Linux with the ratio and issue 9's targets; BENCH_BOOTS=3 for the
# medians of three boots a side, as docs/performance.md's table.
# BENCH_ARGS go to procbench, e.g. BENCH_ARGS="-o pidns -r 3" (tools/bench.py).
BENCH_ARGS ?=
BENCH_BOOTS ?= 1
BENCH_FLAGS = --kernel $(B)/kernel.stripped.elf --initramfs $(B)/initramfs.cpio --build $(B) \
	--qemu "$(QEMU)" --qemu-flags "$(QEMU_FLAGS)" --binary $(B)/user/bench/procbench \
	--args "$(BENCH_ARGS)"

bench: deps $(B)/kernel.stripped.elf $(B)/initramfs.cpio
	@$(PYTHON) tools/bench.py reaper $(BENCH_FLAGS)

bench-host: $(B)/user/bench/procbench
	@$(PYTHON) tools/bench.py host $(BENCH_FLAGS)

bench-compare: deps $(B)/kernel.stripped.elf $(B)/initramfs.cpio
	@$(PYTHON) tools/bench.py compare $(BENCH_FLAGS)

bench-flush: deps $(B)/kernel.stripped.elf $(B)/initramfs.cpio
	@$(PYTHON) tools/bench.py flush $(BENCH_FLAGS) --boots $(BENCH_BOOTS)

bench-linux: deps $(B)/kernel.stripped.elf $(B)/initramfs.cpio
	@tools/deps.sh --linux-kernel
	@$(PYTHON) tools/bench.py linux $(BENCH_FLAGS) --boots $(BENCH_BOOTS)

# `make fuzz N=200000 SEED=7 PROCS=4` boots reaper with the system-call fuzzer as init
# (user/tests/fuzz.c, docs/fuzz.md): N iterations per worker, P workers, SEED random unless
# given (the fuzzer prints it first). It prints the fuzzer's lines and a verdict; the whole
# serial log is build/fuzz-logs/fuzz-SEED.log. FUZZ_TIMEOUT bounds the boot (seconds).
N ?= 20000
PROCS ?= 4
SEED ?=
FUZZ_TIMEOUT ?= 3600
fuzz: deps $(B)/kernel.stripped.elf $(B)/initramfs.cpio
	@seed=$(SEED); [ -n "$$seed" ] || seed=$$(od -An -N4 -tu4 /dev/urandom | tr -d ' '); \
	mkdir -p $(B)/fuzz-logs; \
	cmd="init=/tests/fuzz -- --seed $$seed --iterations $(N) --procs $(PROCS) --timeout $(FUZZ_TIMEOUT)"; \
	echo "fuzz: seed $$seed, $(N) iterations x $(PROCS) workers (log: $(B)/fuzz-logs/fuzz-$$seed.log)"; \
	tools/mkiso.sh $(B)/kernel.stripped.elf $(B)/initramfs.cpio "$$cmd" $(B)/iso-fuzz-$$seed.iso \
		>/dev/null && \
	$(PYTHON) tests/harness/qemu_run.py --iso $(B)/iso-fuzz-$$seed.iso --name fuzz \
		--log $(B)/fuzz-logs/fuzz-$$seed.log --timeout $$(($(FUZZ_TIMEOUT) + 120)) \
		--qemu "$(QEMU)" --qemu-flags "$(QEMU_FLAGS)" --expect-exit 0 \
		--closing-regex '^(\d+) passed, (\d+) failed$$'; status=$$?; \
	grep -a '^# \(worker\|round\|free\|caching\)\|not ok\|panic' $(B)/fuzz-logs/fuzz-$$seed.log; \
	rm -f $(B)/iso-fuzz-$$seed.iso; exit $$status

format:
	clang-format -i $(shell find kernel arch tests user -name '*.[ch]' 2>/dev/null)

clean:
	rm -rf $(B)

-include tests/tests.mk
-include $(KOBJ:.o=.d)
