# tests.mk - `make test`, included by the Makefile. It runs five stages, in order, and ends
# with one line "N passed, M failed" (non-zero exit on any failure):
#   1. host unit tests: every tests/host/test_*.c, built with cmocka (tests/harness/host_tests.py)
#   2. QEMU boots: every line of tests/boots.txt (tests/harness/run_boots.py, qemu_run.py)
#   3. gdb: the smoke test (tests/gdb/run_smoke.py, smoke.gdb), `make gdb-boot` stopping at
#      the 32-bit entry (tests/gdb/run_boot.py, boot.gdb), the helpers of tools/gdb/
#      on a namespace being torn down (tests/gdb/run_helpers.py, helpers.gdb), and
#      docs/teardown.md's walkthrough as written (run_helpers.py --suite teardown)
#   4. a person at the shell: pipelines, ^C, ^Z/fg, jobs, exit, poweroff typed on the console
#      of a normal boot (tests/harness/shell_session.py)
#   5. the in-OS suites (user/tests/) on the Linux host, the oracle: a suite that passes in
#      reaper but not on Linux tests the wrong thing (tests/run-on-linux.sh); and trace(1)
#      on the host, the checks of the trace-ls boot (tests/trace-on-linux.sh); the dbg boot's
#      debugger session on the host too (tests/dbg-on-linux.py); and pidns-demo's verdict on
#      the host (tests/pidns-demo-on-linux.sh)
# A stage's failure does not stop the next one; each writes build/test-logs/STAGE.results and
# tests/harness/summary.py adds them up. Logs of everything are in build/test-logs/.
# To add a boot, add a line to tests/boots.txt. To run a part alone:
#   make test-host | make test-boots [BOOTS=name,name] | make test-gdb | make test-shell |
#   make test-linux

HOSTCC    ?= gcc
BOOT_JOBS ?= 2
TLOGS     := $(B)/test-logs
TEST_KERNEL := $(B)/kernel.elf $(B)/kernel.stripped.elf $(B)/initramfs.cpio

.PHONY: test test-host test-boots test-gdb test-kernel test-linux test-shell

test: deps
	@rm -rf $(TLOGS) && mkdir -p $(TLOGS)
	@echo "== host unit tests"
	@$(MAKE) --no-print-directory test-host || true
	@echo "== building the kernel (log: $(TLOGS)/build.log)"
	@if $(MAKE) --no-print-directory test-kernel >$(TLOGS)/build.log 2>&1; then \
		echo "== QEMU boots"; \
		$(MAKE) --no-print-directory test-boots || true; \
		echo "== gdb smoke test and helpers"; \
		$(MAKE) --no-print-directory test-gdb || true; \
		echo "== a person at the shell"; \
		$(MAKE) --no-print-directory test-shell || true; \
		echo "== the in-OS suites on the Linux host (log: $(TLOGS)/linux.log)"; \
		RESULTS=$(TLOGS)/linux.results tests/run-on-linux.sh >$(TLOGS)/linux.log 2>&1 \
			&& tail -n 1 $(TLOGS)/linux.log || tail -n 30 $(TLOGS)/linux.log; \
		RESULTS=$(TLOGS)/linux.results tests/trace-on-linux.sh >$(TLOGS)/trace-linux.log \
			2>&1 && tail -n 1 $(TLOGS)/trace-linux.log || cat $(TLOGS)/trace-linux.log; \
		$(PYTHON) tests/dbg-on-linux.py --results $(TLOGS)/linux.results \
			>$(TLOGS)/dbg-linux.log 2>&1 && tail -n 1 $(TLOGS)/dbg-linux.log \
			|| cat $(TLOGS)/dbg-linux.log; \
		RESULTS=$(TLOGS)/linux.results tests/pidns-demo-on-linux.sh \
			>$(TLOGS)/pidns-demo-linux.log 2>&1 \
			&& tail -n 1 $(TLOGS)/pidns-demo-linux.log || cat $(TLOGS)/pidns-demo-linux.log; \
	else \
		tail -n 40 $(TLOGS)/build.log; \
		echo "FAIL build: the kernel did not build; no boot or gdb test ran"; \
		echo "FAIL build" >$(TLOGS)/build.results; \
	fi
	@$(PYTHON) tests/harness/summary.py $(TLOGS)/*.results

test-kernel: $(TEST_KERNEL)

test-host:
	@mkdir -p $(TLOGS) && rm -f $(TLOGS)/host.results
	@$(PYTHON) tests/harness/host_tests.py --cc "$(HOSTCC)" --out $(B)/host --logs $(TLOGS) \
		--results $(TLOGS)/host.results

test-boots: $(TEST_KERNEL)
	@mkdir -p $(TLOGS) && rm -f $(TLOGS)/boots.results
	@$(PYTHON) tests/harness/run_boots.py --kernel $(B)/kernel.stripped.elf \
		--initramfs $(B)/initramfs.cpio --build $(B) --logs $(TLOGS) --jobs $(BOOT_JOBS) \
		--qemu "$(QEMU)" --qemu-flags "$(QEMU_FLAGS)" --results $(TLOGS)/boots.results \
		$(if $(BOOTS),--only $(BOOTS))

test-gdb: $(TEST_KERNEL)
	@mkdir -p $(TLOGS) && rm -f $(TLOGS)/gdb.results
	@status=0; for t in run_smoke run_boot run_helpers "run_helpers --suite teardown" \
			"run_helpers --suite teardown-legacy" \
			"run_helpers --suite lifecycle" "run_helpers --suite procflush" \
			"run_helpers --suite procgrowth" \
			"run_helpers --suite procgrowth-off"; do \
		set -- $$t; $(PYTHON) tests/gdb/$$1.py $$2 $$3 \
			--elf $(B)/kernel.elf --kernel $(B)/kernel.stripped.elf \
			--initramfs $(B)/initramfs.cpio --build $(B) --logs $(TLOGS) --gdb "$(GDB)" \
			--qemu "$(QEMU)" --qemu-flags "$(QEMU_FLAGS)" \
			--results $(TLOGS)/gdb.results || status=1; \
	done; exit $$status

test-linux: deps user
	@tests/run-on-linux.sh; status=$$?; tests/trace-on-linux.sh || status=1; \
		tests/pidns-demo-on-linux.sh || status=1; \
		$(PYTHON) tests/dbg-on-linux.py && exit $$status

# A person at the shell (tests/harness/shell_session.py): types pipelines, ^C, ^Z, jobs, exit
# and poweroff on the console of a normal boot; about 30 s (some 370 keys, 50 ms apart).
test-shell: $(TEST_KERNEL)
	@mkdir -p $(TLOGS) && rm -f $(TLOGS)/shell.results
	@$(PYTHON) tests/harness/shell_session.py --kernel $(B)/kernel.stripped.elf \
		--initramfs $(B)/initramfs.cpio --build $(B) --logs $(TLOGS) \
		--qemu "$(QEMU)" --qemu-flags "$(QEMU_FLAGS)" --results $(TLOGS)/shell.results

# `make stress`: the stress suite alone (boot `stress` of tests/boots.txt, user/tests/
# stress_test.c, docs/stress.md): boots it, then prints its TAP lines and notes (the
# figures, each case's time) from the log. About 70 s under TCG.
.PHONY: stress
stress: $(TEST_KERNEL)
	@$(MAKE) --no-print-directory test-boots BOOTS=stress; status=$$?; \
		grep -E '^(ok |not ok |# |[0-9]+ passed)' $(TLOGS)/stress.log; exit $$status
