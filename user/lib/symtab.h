/* symtab.h - a program's ELF symbol table, read from its file (user/lib/symtab.c). */
#ifndef REAPER_SYMTAB_H
#define REAPER_SYMTAB_H

#include <stddef.h>
#include <stdint.h>

/* One function, variable or assembly label of the file's .symtab. */
struct symbol {
	uint64_t addr;		/* st_value: the run-time address, since the file is ET_EXEC */
	uint64_t size;		/* st_size in bytes; 0 if the object file did not say */
	const char *name;	/* points into symtab.image */
};

/* Immutable after symtab_load(): */
struct symtab {
	struct symbol *syms;	/* in .symtab order */
	size_t nsyms;
	unsigned char *image;	/* the whole file, which the names point into */
};

int symtab_load(struct symtab *tab, const char *path);
void symtab_free(struct symtab *tab);
const struct symbol *symtab_by_name(const struct symtab *tab, const char *name);
const struct symbol *symtab_by_addr(const struct symtab *tab, uint64_t addr);
const char *symtab_describe(const struct symtab *tab, uint64_t addr, char *buf, size_t size);

#endif /* REAPER_SYMTAB_H */
