/* elf.h - the ELF64 executable format, as far as the loader needs it (kernel/elf.c).
 *
 * An ELF file starts with a header (struct elf64_ehdr) naming the machine, the file type and
 * where the program headers are; each program header (struct elf64_phdr) describes a segment.
 * The loader cares about PT_LOAD (map p_filesz bytes of the file at p_offset to p_vaddr, and
 * zeroes up to p_memsz), PT_PHDR (where the headers themselves appear in memory), PT_INTERP
 * (a dynamic linker is wanted) and PT_GNU_STACK. Everything else is for other tools.
 *
 * elf_check() validates the headers and summarises them in a struct elf_info. It is pure (no
 * allocation, no I/O, no globals), so tests/host/test_elf.c runs it on the host.
 * Reference: the System V gABI, "ELF-64 Object File Format" 1.5; Linux: include/uapi/linux/elf.h
 * (the same layouts under typedef'd names) and fs/binfmt_elf.c (the checks). */
#ifndef REAPER_ELF_H
#define REAPER_ELF_H

#include "types.h"

/* e_ident[] indexes and values. */
#define EI_MAG0	    0 /* 0x7f 'E' 'L' 'F' */
#define EI_CLASS    4
#define EI_DATA	    5
#define EI_VERSION  6
#define EI_NIDENT   16
#define ELFMAG	    "\177ELF"
#define SELFMAG	    4
#define ELFCLASS64  2
#define ELFDATA2LSB 1 /* little-endian */
#define EV_CURRENT  1

/* e_type */
#define ET_REL	1 /* an object file: not runnable */
#define ET_EXEC 2 /* an executable linked at fixed addresses */
#define ET_DYN	3 /* position-independent: a shared object or a (static-)PIE */
#define ET_CORE 4

#define EM_X86_64 62 /* e_machine */

/* p_type */
#define PT_NULL	     0
#define PT_LOAD	     1
#define PT_DYNAMIC   2
#define PT_INTERP    3
#define PT_NOTE	     4
#define PT_PHDR	     6
#define PT_TLS	     7
#define PT_GNU_STACK 0x6474e551

/* p_flags */
#define PF_X 0x1
#define PF_W 0x2
#define PF_R 0x4

/* Limits the loader imposes (Linux fs/binfmt_elf.c: the table must fit in 64 KiB). */
#define ELF_MAX_PHDR_BYTES 65536

struct elf64_ehdr {
	unsigned char e_ident[EI_NIDENT];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry; /* virtual address of the first instruction */
	uint64_t e_phoff; /* file offset of the program header table */
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize; /* bytes per program header: sizeof(struct elf64_phdr) */
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
};

struct elf64_phdr {
	uint32_t p_type;
	uint32_t p_flags;  /* PF_R | PF_W | PF_X */
	uint64_t p_offset; /* file offset of the segment's first byte */
	uint64_t p_vaddr;  /* where that byte goes in memory */
	uint64_t p_paddr;
	uint64_t p_filesz; /* bytes taken from the file */
	uint64_t p_memsz;  /* bytes in memory; the rest after p_filesz reads as zero */
	uint64_t p_align;
};

/* What elf_check() found; addresses are the file's, before exec adds a load bias. */
struct elf_info {
	uint16_t type;			/* ET_EXEC or ET_DYN */
	uint64_t entry;			/* e_entry */
	const struct elf64_phdr *phdrs; /* the table, inside the buffer given to elf_check() */
	uint16_t phnum;
	uint64_t phdr_vaddr; /* AT_PHDR: the table's address in memory; 0 if unmapped */
	uint64_t load_start; /* the lowest PT_LOAD's p_vaddr */
	uint64_t load_end;   /* the highest PT_LOAD's p_vaddr + p_memsz: brk starts above */
	int nr_loads;	     /* PT_LOAD segments, at least 1 */
	bool has_interp;     /* PT_INTERP: the program wants a dynamic linker */
};

long elf_headers_size(const void *buf, size_t len);
int elf_check(const void *buf, size_t len, struct elf_info *out);

#endif
