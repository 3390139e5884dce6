/* ksyms.h - the kernel's own symbol table, for symbolised backtraces.
 * The build links the kernel twice: the first link's text symbols (nm) become a sorted table
 * (tools/ksyms.py writes build/ksyms.c) that the second link includes. The table sits after
 * .text, so adding it moves no function. See kernel/lib/ksyms.c. */
#ifndef REAPER_KSYMS_H
#define REAPER_KSYMS_H

#include "compiler.h"

struct ksym {
	uint64_t addr;		/* start of the function */
	uint64_t size;		/* its length in bytes (0 if unknown) */
	const char *name;
};

extern const struct ksym ksym_table[];	/* sorted by addr */
extern const uint64_t ksym_count;

const struct ksym *ksym_lookup(uint64_t addr, uint64_t *offset);
const struct ksym *ksym_find(const char *name);
int ksym_format(char *buf, size_t size, uint64_t addr);

#endif
