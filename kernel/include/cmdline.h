/* cmdline.h - the kernel command line, parsed once into named options.
 * GRUB passes a string like "init=/sbin/init quiet loglevel=7 ktest=all". cmdline_parse()
 * splits it into words (a word without '=' has an empty value) and keeps a copy; the rest of
 * the kernel asks by name. Words after a lone "--" are init's arguments, not options. Options are registered in kernel/cmdline.c's table so an unknown
 * one can be logged (never fatal). Pure: the host unit tests run it. */
#ifndef REAPER_CMDLINE_H
#define REAPER_CMDLINE_H

#include "compiler.h"

#define CMDLINE_MAX		1024	/* bytes kept, NUL included; longer lines are truncated */
#define CMDLINE_MAX_OPTIONS	32
#define CMDLINE_MAX_INIT_ARGS	16	/* words after "--", passed to init */

struct cmdline_option {
	const char *name;	/* points into the kept copy */
	const char *value;	/* "" for a bare word */
};

void cmdline_parse(const char *line);
const char *cmdline_raw(void);
const char *cmdline_get(const char *name);
bool cmdline_has(const char *name);
long cmdline_get_long(const char *name, long fallback);
int cmdline_count(void);
const char *const *cmdline_init_args(void);
const struct cmdline_option *cmdline_option_at(int i);
bool cmdline_is_known(const char *name);
void cmdline_log_unknown(void);

#endif
