/* ksyms.c - looking up the kernel's own functions by address and by name.
 *
 * The table (struct ksym, sorted by address) is generated at build time from the first link
 * of the kernel (tools/ksyms.py), so the kernel can name the functions in its own backtraces
 * without debug information, the way Linux's kallsyms does. Lookup is a binary search for the
 * last symbol starting at or below the address.
 * See also: tools/ksyms.py, Makefile (the two-stage link), kernel/lib/panic.c.
 * Linux: kernel/kallsyms.c. */
#include "ksyms.h"
#include "string.h"
#include "vsprintf.h"

/**
 * ksym_lookup() - the function containing @addr.
 * @addr: a kernel text address.
 * @offset: set to @addr minus the function's start.
 * Context: any; lock-free (the table is read-only). Return: the symbol, or NULL if @addr is
 * below the first symbol or past the end of the function it falls after.
 */
const struct ksym *ksym_lookup(uint64_t addr, uint64_t *offset)
{
	uint64_t lo = 0, hi = ksym_count;
	const struct ksym *s;

	while (lo < hi) {	/* find the first symbol above addr */
		uint64_t mid = lo + (hi - lo) / 2;

		if (ksym_table[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	s = &ksym_table[lo - 1];
	if (s->size && addr >= s->addr + s->size)
		return NULL;
	*offset = addr - s->addr;
	return s;
}

/* ksym_find() - the symbol called @name, or NULL. A linear scan: only tests use it. */
const struct ksym *ksym_find(const char *name)
{
	for (uint64_t i = 0; i < ksym_count; i++)
		if (strcmp(ksym_table[i].name, name) == 0)
			return &ksym_table[i];
	return NULL;
}

/* ksym_format() - "name+0xoff/0xsize" for @addr into @buf, or "?" if unknown.
 * Return: as snprintf(). */
int ksym_format(char *buf, size_t size, uint64_t addr)
{
	uint64_t off;
	const struct ksym *s = ksym_lookup(addr, &off);

	if (!s)
		return snprintf(buf, size, "?");
	return snprintf(buf, size, "%s+%#lx/%#lx", s->name, off, s->size);
}
