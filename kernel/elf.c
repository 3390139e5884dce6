/* elf.c - checking an ELF64 executable's headers before anything is loaded.
 *
 * exec (kernel/exec.c) reads the start of the file and asks two questions here:
 * elf_headers_size() - how many bytes from the start of the file hold the ELF header and the
 * whole program header table (so exec knows how much to read), and elf_check() - are these
 * headers a program we can run, and what does it look like (struct elf_info)?
 *
 * What we accept: ELF64, little-endian, version 1, x86-64, ET_EXEC or ET_DYN, program headers
 * of the standard size lying inside the buffer, at least one PT_LOAD, and PT_LOADs that are
 * sorted by address, do not overlap, have p_filesz <= p_memsz, can be mapped page by page
 * (p_vaddr and p_offset agree modulo the page size) and lie in user space. Anything else is
 * -ENOEXEC, as on Linux: the kernel must never trust a header field, because every later step
 * (the VMAs, the fault handler's file reads) uses them as addresses and lengths.
 *
 * Invariant: pure - no allocation, no I/O, no globals; it only reads @buf. So it runs unchanged
 * in the host unit test (tests/host/test_elf.c).
 * Locking: none needed.
 * See also: kernel/include/elf.h (the formats), kernel/exec.c (the caller).
 * Linux: fs/binfmt_elf.c (elf_check_arch, load_elf_phdrs, the checks in load_elf_binary). */
#include "elf.h"
#include "arch.h"
#include "string.h"
#include "uaccess.h"
#include "uapi/errno.h"

/* ehdr_ok() - the fixed fields of the ELF header say "an x86-64 program for us". */
static bool ehdr_ok(const struct elf64_ehdr *eh)
{
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
		return false;
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
		return false;
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return false; /* ET_REL objects and ET_CORE dumps are not programs */
	return eh->e_machine == EM_X86_64;
}

/* phdr_table_bytes() - size of the program header table, or 0 if its shape is unacceptable. */
static uint64_t phdr_table_bytes(const struct elf64_ehdr *eh)
{
	uint64_t bytes = (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr);

	if (eh->e_phentsize != sizeof(struct elf64_phdr) || eh->e_phnum == 0)
		return 0;
	return bytes <= ELF_MAX_PHDR_BYTES ? bytes : 0;
}

/**
 * elf_headers_size() - how much of the file exec must read to check it.
 * @buf: the first @len bytes of the file.
 * @len: at least sizeof(struct elf64_ehdr) for a useful answer.
 *
 * Looks at the ELF header only.
 * Context: any; pure.
 * Return: the offset just past the program header table (at most e_phoff + 64 KiB), or
 * -ENOEXEC if the header is too short or not one of ours.
 */
long elf_headers_size(const void *buf, size_t len)
{
	const struct elf64_ehdr *eh = buf;
	uint64_t table;

	if (len < sizeof(*eh) || !ehdr_ok(eh))
		return -ENOEXEC;
	table = phdr_table_bytes(eh);
	if (table == 0 || eh->e_phoff > USER_SPACE_END) /* an absurd offset: no wrap below */
		return -ENOEXEC;
	return (long)MAX(eh->e_phoff + table, sizeof(*eh));
}

/* load_ok() - one PT_LOAD is sane, and starts at or above @prev_end (the last one's end). */
static bool load_ok(const struct elf64_phdr *ph, uint64_t prev_end)
{
	if (ph->p_filesz > ph->p_memsz)
		return false;
	if ((ph->p_vaddr - ph->p_offset) % PAGE_SIZE != 0)
		return false; /* file pages could not be mapped at page boundaries */
	if (ph->p_offset > USER_SPACE_END || ph->p_filesz > USER_SPACE_END)
		return false; /* file offsets beyond any file: no wrap in offset + size */
	if (ph->p_vaddr >= USER_SPACE_END || ph->p_memsz > USER_SPACE_END - ph->p_vaddr)
		return false;
	return ph->p_vaddr >= prev_end; /* sorted, no overlap (gABI: ascending p_vaddr) */
}

/* phdr_address() - AT_PHDR: PT_PHDR's address, or where the PT_LOAD holding the table's
 * bytes puts them, or 0 if no segment loads them. */
static uint64_t phdr_address(const struct elf64_ehdr *eh, const struct elf64_phdr *phdrs)
{
	uint64_t size = (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr);

	for (int i = 0; i < eh->e_phnum; i++)
		if (phdrs[i].p_type == PT_PHDR)
			return phdrs[i].p_vaddr;
	for (int i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *ph = &phdrs[i];

		if (ph->p_type == PT_LOAD && ph->p_offset <= eh->e_phoff &&
		    eh->e_phoff + size <= ph->p_offset + ph->p_filesz)
			return ph->p_vaddr + (eh->e_phoff - ph->p_offset);
	}
	return 0;
}

/* scan_phdrs() - check every PT_LOAD and note the interpreter; fills @out's segment fields. */
static int scan_phdrs(const struct elf64_phdr *phdrs, int phnum, struct elf_info *out)
{
	uint64_t prev_end = 0;

	for (int i = 0; i < phnum; i++) {
		const struct elf64_phdr *ph = &phdrs[i];

		if (ph->p_type == PT_INTERP)
			out->has_interp = true;
		if (ph->p_type != PT_LOAD)
			continue;
		if (!load_ok(ph, prev_end))
			return -ENOEXEC;
		if (out->nr_loads++ == 0)
			out->load_start = ph->p_vaddr;
		prev_end = ph->p_vaddr + ph->p_memsz;
	}
	out->load_end = prev_end;
	return out->nr_loads > 0 ? 0 : -ENOEXEC;
}

/**
 * elf_check() - validate an executable's headers and describe it.
 * @buf: the first @len bytes of the file; must be 8-byte aligned (it is read as structs).
 * @len: bytes in @buf; the program header table must lie inside them (elf_headers_size()).
 * @out: filled on success; out->phdrs points into @buf.
 *
 * The rules are in the header comment. PT_INTERP is reported (has_interp), not refused: the
 * policy is exec's.
 * Context: any; pure.
 * Return: 0, or -ENOEXEC for a short, foreign or malformed file.
 */
int elf_check(const void *buf, size_t len, struct elf_info *out)
{
	const struct elf64_ehdr *eh = buf;
	long need = elf_headers_size(buf, len);

	if (need < 0 || (size_t)need > len)
		return -ENOEXEC;
	memset(out, 0, sizeof(*out));
	out->type = eh->e_type;
	out->entry = eh->e_entry;
	out->phdrs = (const struct elf64_phdr *)((const char *)buf + eh->e_phoff);
	out->phnum = eh->e_phnum;
	if (eh->e_phoff % 8 != 0)
		return -ENOEXEC; /* the table is read in place as structs */
	if (scan_phdrs(out->phdrs, out->phnum, out) < 0)
		return -ENOEXEC;
	out->phdr_vaddr = phdr_address(eh, out->phdrs);
	return 0;
}
