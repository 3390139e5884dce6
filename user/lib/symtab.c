/* symtab.c - a program's symbol table, read straight from its ELF file: names <-> addresses.
 *
 * An ELF64 file is a header, then sections, found through the section header table at
 * e_shoff (e_shnum entries of Elf64_Shdr). The section of type SHT_SYMTAB (.symtab) is an
 * array of Elf64_Sym: each has a value (the address), a size, a type (function, object, ...)
 * and st_name, an offset into the string table whose index is the symtab's sh_link (.strtab).
 * `strip` removes both, so the program must be the unstripped build (build/user/NAME, or an
 * image copy made with strip -g, which keeps them; tools/mkroot.sh).
 *
 * Only fixed-address executables (ET_EXEC, what musl-gcc -static makes) are accepted: their
 * symbol values are the addresses the code runs at. A PIE (ET_DYN) runs wherever the kernel
 * put it, and its values would need that load base added; symtab_load() refuses it.
 * Every offset the file gives is checked against its length before use, since the file may
 * be anything the user named. The whole file stays in memory, because the names point in it.
 * Used by user/dbg.c (break SYM, and "<square+4>" after every address it prints).
 * See also: elf(5), /usr/include/elf.h; kernel/elf.c reads the program headers, which is
 * what exec needs, while a debugger needs the section headers. Linux: scripts/kallsyms.c
 * does this for the kernel's own symbols.
 */
#include "symtab.h"

#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* read_file() - the whole of @path in one malloc'd buffer, or NULL after a message. */
static unsigned char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long size;

	if (!f || fseek(f, 0, SEEK_END) < 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) < 0)
		goto out_fail;
	buf = malloc(size ? size : 1);
	if (!buf || fread(buf, 1, size, f) != (size_t)size)
		goto out_fail;
	fclose(f);
	*len = size;
	return buf;
out_fail:
	fprintf(stderr, "%s: cannot read %s: %s\n", program_invocation_short_name, path,
		errno ? strerror(errno) : "short read");
	free(buf);
	if (f)
		fclose(f);
	return NULL;
}

/* elf_section() - section header @i of the image, or NULL if there is none inside the file. */
static const Elf64_Shdr *elf_section(const unsigned char *img, size_t len, size_t i)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img;
	uint64_t off = eh->e_shoff + i * sizeof(Elf64_Shdr);

	if (i >= eh->e_shnum || off + sizeof(Elf64_Shdr) > len)
		return NULL;
	return (const Elf64_Shdr *)(img + off);
}

/* elf_check() - is the image an x86-64 executable whose symbol values are run-time addresses? */
static bool elf_check(const unsigned char *img, size_t len, const char *path)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img;

	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_X86_64 ||
	    eh->e_shentsize != sizeof(Elf64_Shdr)) {
		fprintf(stderr, "%s: %s is not an x86-64 ELF64 executable\n",
			program_invocation_short_name, path);
		return false;
	}
	if (eh->e_type != ET_EXEC) {
		fprintf(stderr,
			"%s: %s is position-independent (ET_DYN), so its addresses are only "
			"known at run time; build it with -static -no-pie\n",
			program_invocation_short_name, path);
		return false;
	}
	return true;
}

/* find_symtab() - .symtab and its string table, checked to lie inside the file with the
 * strings' last byte a NUL (so every name ends inside it). Return: 0, or -1 if absent. */
static int find_symtab(const unsigned char *img, size_t len, const Elf64_Shdr **symtab,
		       const Elf64_Shdr **strtab)
{
	const Elf64_Shdr *sh;

	for (size_t i = 0; (sh = elf_section(img, len, i)); i++)
		if (sh->sh_type == SHT_SYMTAB)
			break;
	*symtab = sh;
	*strtab = sh ? elf_section(img, len, sh->sh_link) : NULL;
	if (!sh || !*strtab)
		return -1;
	sh = *strtab;
	if ((*symtab)->sh_offset + (*symtab)->sh_size > len || sh->sh_size == 0 ||
	    sh->sh_offset + sh->sh_size > len || img[sh->sh_offset + sh->sh_size - 1] != '\0')
		return -1;
	return 0;
}

/* is_place() - does @sym name a place in memory? Functions, variables and assembly labels
 * (NOTYPE, like _start) do; sections, files, thread-locals (their values are offsets),
 * absolute values and undefined names do not. */
static bool is_place(const Elf64_Sym *sym, const Elf64_Shdr *strtab)
{
	int type = ELF64_ST_TYPE(sym->st_info);

	return (type == STT_FUNC || type == STT_OBJECT || type == STT_NOTYPE) &&
	       sym->st_shndx != SHN_UNDEF && sym->st_shndx != SHN_ABS && sym->st_value != 0 &&
	       sym->st_name != 0 && sym->st_name < strtab->sh_size;
}

/**
 * symtab_load() - read the functions and variables of the ELF file @path into @tab.
 * @tab: filled in; symtab_free() releases it
 * @path: a static, non-PIE x86-64 executable that has its symbol table
 * Context: reads the file once; prints why on stderr when it fails.
 * Return: 0, or -1 if the file cannot be read, is not such an executable, or is stripped.
 */
int symtab_load(struct symtab *tab, const char *path)
{
	const Elf64_Shdr *symtab, *strtab;
	const Elf64_Sym *sym;
	size_t len, n;

	*tab = (struct symtab){ 0 };
	tab->image = read_file(path, &len);
	if (!tab->image || !elf_check(tab->image, len, path))
		goto out_free;
	if (find_symtab(tab->image, len, &symtab, &strtab) < 0) {
		fprintf(stderr, "%s: %s has no symbol table (stripped?)\n",
			program_invocation_short_name, path);
		goto out_free;
	}
	sym = (const Elf64_Sym *)(tab->image + symtab->sh_offset);
	n = symtab->sh_size / sizeof(*sym);
	tab->syms = calloc(n ? n : 1, sizeof(*tab->syms));
	if (!tab->syms)
		goto out_free;
	for (size_t i = 0; i < n; i++, sym++)
		if (is_place(sym, strtab))
			tab->syms[tab->nsyms++] = (struct symbol){ sym->st_value, sym->st_size,
				(const char *)tab->image + strtab->sh_offset + sym->st_name };
	return 0;
out_free:
	symtab_free(tab);
	return -1;
}

/** symtab_free() - release what symtab_load() allocated; @tab is empty afterwards. */
void symtab_free(struct symtab *tab)
{
	free(tab->syms);
	free(tab->image);
	*tab = (struct symtab){ 0 };
}

/**
 * symtab_by_name() - look up a symbol by its exact name.
 * Return: the first symbol called @name, or NULL.
 */
const struct symbol *symtab_by_name(const struct symtab *tab, const char *name)
{
	for (size_t i = 0; i < tab->nsyms; i++)
		if (strcmp(tab->syms[i].name, name) == 0)
			return &tab->syms[i];
	return NULL;
}

/**
 * symtab_by_addr() - the symbol whose bytes hold @addr: addr - sym->addr < sym->size, or, for
 * a symbol of unknown size, addr == sym->addr. A linear search: a static musl program has a
 * few thousand symbols, and the caller is a person typing.
 * Return: the innermost such symbol (between names for one place, a sized one), or NULL.
 */
const struct symbol *symtab_by_addr(const struct symtab *tab, uint64_t addr)
{
	const struct symbol *best = NULL;

	for (size_t i = 0; i < tab->nsyms; i++) {
		const struct symbol *sym = &tab->syms[i];

		if (addr < sym->addr || (addr - sym->addr >= sym->size && addr != sym->addr))
			continue;
		if (!best || sym->addr > best->addr ||
		    (sym->addr == best->addr && sym->size > best->size))
			best = sym;
	}
	return best;
}

/**
 * symtab_describe() - @addr for people: "0x401b3c <square+4>", or just "0x7ffc1234" where no
 * symbol holds it.
 * Return: @buf.
 */
const char *symtab_describe(const struct symtab *tab, uint64_t addr, char *buf, size_t size)
{
	const struct symbol *sym = symtab_by_addr(tab, addr);

	if (sym)
		snprintf(buf, size, "0x%lx <%s+%lu>", addr, sym->name, addr - sym->addr);
	else
		snprintf(buf, size, "0x%lx", addr);
	return buf;
}
