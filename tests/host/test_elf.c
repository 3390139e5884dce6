// sources: kernel/elf.c
/* test_elf.c - host unit tests of the ELF header checks (kernel/elf.c).
 *
 * Each case builds a synthetic executable header in a buffer, shaped like what musl-gcc
 * -static produces (four PT_LOADs: headers, text, rodata, data+bss, plus PT_GNU_STACK), breaks
 * one thing, and checks that elf_check() refuses it with -ENOEXEC - or, for the good ones, that
 * struct elf_info describes it. One case reads the first 4 KiB of the host's /bin/busybox
 * (Debian's busybox-static, glibc) when it is there, so a real linker's output is checked too. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "elf.h"
#include "uapi/errno.h"

#define NR_PHDRS 5

static uint64_t image[512]; /* 4 KiB, 8-byte aligned like exec's buffer */
static struct elf64_ehdr *eh = (struct elf64_ehdr *)image;
static struct elf64_phdr *ph = (struct elf64_phdr *)((char *)image + sizeof(struct elf64_ehdr));

static void set_phdr(int i, uint32_t type, uint32_t flags, uint64_t off, uint64_t vaddr,
		     uint64_t filesz, uint64_t memsz)
{
	ph[i] = (struct elf64_phdr){ .p_type = type,
				     .p_flags = flags,
				     .p_offset = off,
				     .p_vaddr = vaddr,
				     .p_paddr = vaddr,
				     .p_filesz = filesz,
				     .p_memsz = memsz,
				     .p_align = 0x1000 };
}

/* build_static() - a musl-like static ET_EXEC at 0x400000, entry in the text segment. */
static void build_static(void)
{
	memset(image, 0, sizeof(image));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = 0x40102b;
	eh->e_phoff = sizeof(struct elf64_ehdr);
	eh->e_ehsize = sizeof(struct elf64_ehdr);
	eh->e_phentsize = sizeof(struct elf64_phdr);
	eh->e_phnum = NR_PHDRS;
	set_phdr(0, PT_LOAD, PF_R, 0, 0x400000, 0x190, 0x190);
	set_phdr(1, PT_LOAD, PF_R | PF_X, 0x1000, 0x401000, 0x42df, 0x42df);
	set_phdr(2, PT_LOAD, PF_R, 0x6000, 0x406000, 0xc9c, 0xc9c);
	set_phdr(3, PT_LOAD, PF_R | PF_W, 0x6fb8, 0x407fb8, 0x158, 0x820);
	set_phdr(4, PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0);
}

static int check(void)
{
	struct elf_info info;

	return elf_check(image, sizeof(image), &info);
}

static void static_exec_is_described(void **state)
{
	struct elf_info info;

	(void)state;
	build_static();
	assert_int_equal(elf_headers_size(image, sizeof(*eh)), 64 + NR_PHDRS * 56);
	assert_int_equal(elf_check(image, sizeof(image), &info), 0);
	assert_int_equal(info.type, ET_EXEC);
	assert_int_equal(info.entry, 0x40102b);
	assert_int_equal(info.phnum, NR_PHDRS);
	assert_ptr_equal(info.phdrs, ph);
	assert_int_equal(info.nr_loads, 4);
	assert_int_equal(info.load_start, 0x400000);
	assert_int_equal(info.load_end, 0x407fb8 + 0x820);
	assert_int_equal(info.phdr_vaddr, 0x400040); /* the first PT_LOAD holds the table */
	assert_false(info.has_interp);
}

static void pt_phdr_gives_the_address(void **state)
{
	struct elf_info info;

	(void)state;
	build_static();
	set_phdr(4, PT_PHDR, PF_R, 64, 0x400040, NR_PHDRS * 56, NR_PHDRS * 56);
	ph[4].p_vaddr = 0x400999; /* deliberately not the computed one: PT_PHDR wins */
	assert_int_equal(elf_check(image, sizeof(image), &info), 0);
	assert_int_equal(info.phdr_vaddr, 0x400999);
}

static void static_pie_and_interp_are_reported(void **state)
{
	struct elf_info info;

	(void)state;
	build_static();
	eh->e_type = ET_DYN;
	for (int i = 0; i < 4; i++)
		ph[i].p_vaddr -= 0x400000;
	set_phdr(4, PT_INTERP, PF_R, 0x100, 0x100, 0x19, 0x19);
	assert_int_equal(elf_check(image, sizeof(image), &info), 0);
	assert_int_equal(info.type, ET_DYN);
	assert_int_equal(info.load_start, 0);
	assert_true(info.has_interp);
}

static void bad_magic(void **state)
{
	(void)state;
	build_static();
	eh->e_ident[1] = 'X';
	assert_int_equal(check(), -ENOEXEC);
	assert_int_equal(elf_headers_size(image, sizeof(image)), -ENOEXEC);
}

static void wrong_class_data_version(void **state)
{
	(void)state;
	build_static();
	eh->e_ident[EI_CLASS] = 1; /* ELFCLASS32 */
	assert_int_equal(check(), -ENOEXEC);
	build_static();
	eh->e_ident[EI_DATA] = 2; /* big-endian */
	assert_int_equal(check(), -ENOEXEC);
	build_static();
	eh->e_version = 0;
	assert_int_equal(check(), -ENOEXEC);
}

static void wrong_machine(void **state)
{
	(void)state;
	build_static();
	eh->e_machine = 183; /* EM_AARCH64 */
	assert_int_equal(check(), -ENOEXEC);
}

static void relocatable_and_core_refused(void **state)
{
	(void)state;
	build_static();
	eh->e_type = ET_REL;
	assert_int_equal(check(), -ENOEXEC);
	eh->e_type = ET_CORE;
	assert_int_equal(check(), -ENOEXEC);
}

static void short_buffer_refused(void **state)
{
	struct elf_info info;

	(void)state;
	build_static();
	assert_int_equal(elf_check(image, 63, &info), -ENOEXEC);
	/* the whole header, but the table runs past the buffer */
	assert_int_equal(elf_check(image, 64 + 56, &info), -ENOEXEC);
	assert_int_equal(elf_headers_size(image, 10), -ENOEXEC);
}

static void phnum_and_phentsize_bounds(void **state)
{
	(void)state;
	build_static();
	eh->e_phnum = 0;
	assert_int_equal(check(), -ENOEXEC);
	eh->e_phnum = 65535; /* 3.5 MiB of headers: over the 64 KiB limit */
	assert_int_equal(elf_headers_size(image, sizeof(image)), -ENOEXEC);
	eh->e_phnum = 100; /* legal, but past the end of our 4 KiB buffer */
	assert_int_equal(elf_headers_size(image, sizeof(image)), 64 + 100 * 56);
	assert_int_equal(check(), -ENOEXEC);
	build_static();
	eh->e_phentsize = 32;
	assert_int_equal(check(), -ENOEXEC);
}

static void phoff_past_the_end(void **state)
{
	(void)state;
	build_static();
	eh->e_phoff = 0xfffffffffffffff0ULL; /* would wrap when the table size is added */
	assert_int_equal(elf_headers_size(image, sizeof(image)), -ENOEXEC);
	assert_int_equal(check(), -ENOEXEC);
	eh->e_phoff = 4096;
	assert_int_equal(check(), -ENOEXEC);
	eh->e_phoff = 68; /* inside, but misaligned for in-place struct access */
	assert_int_equal(check(), -ENOEXEC);
}

static void unsorted_loads_refused(void **state)
{
	(void)state;
	build_static();
	struct elf64_phdr tmp = ph[1];
	ph[1] = ph[2];
	ph[2] = tmp;
	assert_int_equal(check(), -ENOEXEC);
}

static void overlapping_loads_refused(void **state)
{
	(void)state;
	build_static();
	ph[1].p_memsz = 0x6000; /* text now runs into rodata at 0x406000 */
	assert_int_equal(check(), -ENOEXEC);
}

static void filesz_over_memsz_refused(void **state)
{
	(void)state;
	build_static();
	ph[3].p_filesz = ph[3].p_memsz + 1;
	assert_int_equal(check(), -ENOEXEC);
}

static void misaligned_offset_refused(void **state)
{
	(void)state;
	build_static();
	ph[3].p_offset += 8; /* vaddr and offset no longer agree modulo 4 KiB */
	assert_int_equal(check(), -ENOEXEC);
}

static void kernel_addresses_refused(void **state)
{
	(void)state;
	build_static();
	ph[3].p_vaddr = 0xffff800000000fb8ULL;
	assert_int_equal(check(), -ENOEXEC);
	build_static();
	ph[3].p_vaddr = 0x7fffffff0fb8ULL;
	ph[3].p_memsz = 0x100000; /* crosses the top of user space */
	assert_int_equal(check(), -ENOEXEC);
	build_static();
	ph[3].p_memsz = 0xfffffffffffff000ULL; /* vaddr + memsz wraps */
	ph[3].p_filesz = 0x158;
	assert_int_equal(check(), -ENOEXEC);
}

static void no_load_refused(void **state)
{
	(void)state;
	build_static();
	for (int i = 0; i < 4; i++)
		ph[i].p_type = PT_NOTE;
	assert_int_equal(check(), -ENOEXEC);
}

/* The host's Debian busybox-static, when installed (CI installs it: tools/deps.sh). */
static void real_busybox_header(void **state)
{
	struct elf_info info;
	FILE *f = fopen("/bin/busybox", "rb");
	size_t n;

	(void)state;
	if (!f) {
		skip();
		return;
	}
	memset(image, 0, sizeof(image));
	n = fread(image, 1, sizeof(image), f);
	fclose(f);
	assert_int_equal(elf_check(image, n, &info), 0);
	assert_int_equal(info.type, ET_EXEC);
	assert_false(info.has_interp);
	assert_true(info.nr_loads >= 2);
	assert_int_equal(info.load_start, 0x400000);
	assert_int_equal(info.phdr_vaddr, 0x400000 + 64);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(static_exec_is_described),
		cmocka_unit_test(pt_phdr_gives_the_address),
		cmocka_unit_test(static_pie_and_interp_are_reported),
		cmocka_unit_test(bad_magic),
		cmocka_unit_test(wrong_class_data_version),
		cmocka_unit_test(wrong_machine),
		cmocka_unit_test(relocatable_and_core_refused),
		cmocka_unit_test(short_buffer_refused),
		cmocka_unit_test(phnum_and_phentsize_bounds),
		cmocka_unit_test(phoff_past_the_end),
		cmocka_unit_test(unsorted_loads_refused),
		cmocka_unit_test(overlapping_loads_refused),
		cmocka_unit_test(filesz_over_memsz_refused),
		cmocka_unit_test(misaligned_offset_refused),
		cmocka_unit_test(kernel_addresses_refused),
		cmocka_unit_test(no_load_refused),
		cmocka_unit_test(real_busybox_header),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
