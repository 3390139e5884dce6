/* cmdline.c - the kernel command line, split into named options.
 *
 * GRUB hands over one string (grub.cfg's multiboot2 line minus the kernel path). We keep a
 * copy, cut it into words at spaces and tabs, and split each word at its first '=' into a name
 * and a value ("quiet" has the value ""). Options are looked up by name; when a name appears
 * twice the last one wins, as on Linux. The options the kernel understands are listed in
 * known_options below (README.md documents them); any other name is logged once at boot and
 * otherwise ignored - a typo must never stop the machine from booting.
 *
 * As on Linux, the words after a lone "--" are not options: they become the extra arguments
 * of init (`init=/bin/busybox -- ls -l /` runs "busybox ls -l /").
 *
 * Invariant: every option's name and value, and every init argument, point into cmdline_copy.
 * Locking: written once by cmdline_parse() at boot, read-only afterwards.
 * See also: kernel/main.c (what reads the options), README.md (the list).
 * Linux: init/main.c (parse_args), kernel/params.c. */
#include "cmdline.h"
#include "printk.h"
#include "string.h"

static const char *const known_options[] = {
	"init",		 /* path of the first user program */
	"rdinit",	 /* a synonym of init, so initramfs images built for Linux boot */
	"quiet",	 /* console log level 4: warnings and worse only */
	"loglevel",	 /* console log level 0-8 */
	"ktest",	 /* run in-kernel self-tests: all, or a comma-separated list */
	"panic",	 /* "halt": stop the CPU on panic instead of leaving QEMU */
	"syscall.trace", /* 1: log every syscall (user-mode issue) */
	"syscall.panic", /* NR: panic in system call NR (debug: the panic's user block) */
	"pidns.zap",	 /* "legacy": the pre-patch namespace teardown (teaching toggle) */
	"proc.flush",	 /* 0: no /proc dentry flush at reap (teaching toggle) */
};

static char cmdline_raw_copy[CMDLINE_MAX];	/* as given, for /proc/cmdline */
static char cmdline_copy[CMDLINE_MAX];		/* cut into NUL-terminated words */
static struct cmdline_option options[CMDLINE_MAX_OPTIONS];
static int nr_options;
static const char *init_args[CMDLINE_MAX_INIT_ARGS + 1];	/* NULL-terminated */
static int nr_init_args;

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* add_init_arg() - record a word that came after "--". */
static void add_init_arg(char *word)
{
	if (nr_init_args == CMDLINE_MAX_INIT_ARGS) {
		pr_warn("cmdline: more than %d init arguments, ignoring \"%s\"\n",
			CMDLINE_MAX_INIT_ARGS, word);
		return;
	}
	init_args[nr_init_args++] = word;
	init_args[nr_init_args] = NULL;
}

/* add_option() - record the word at @word, splitting it at its first '='. */
static void add_option(char *word)
{
	char *eq = strchr(word, '=');

	if (nr_options == CMDLINE_MAX_OPTIONS) {
		pr_warn("cmdline: more than %d options, ignoring \"%s\"\n", CMDLINE_MAX_OPTIONS,
			word);
		return;
	}
	if (eq)
		*eq = '\0';
	options[nr_options].name = word;
	options[nr_options].value = eq ? eq + 1 : "";
	nr_options++;
}

/**
 * cmdline_parse() - split @line into options, replacing any earlier parse.
 * @line: the command line; longer than CMDLINE_MAX - 1 bytes is truncated.
 * Context: boot. Return: nothing.
 */
void cmdline_parse(const char *line)
{
	char *p = cmdline_copy, *word;
	bool after_dashes = false;

	strlcpy(cmdline_raw_copy, line, sizeof(cmdline_raw_copy));
	strlcpy(cmdline_copy, line, sizeof(cmdline_copy));
	nr_options = 0;
	nr_init_args = 0;
	init_args[0] = NULL;
	for (;;) {
		while (is_space(*p))
			p++;
		if (!*p)
			break;
		word = p;
		while (*p && !is_space(*p))
			p++;
		if (*p)
			*p++ = '\0';	/* end the word before add_option() cuts it at '=' */
		if (after_dashes)
			add_init_arg(word);
		else if (strcmp(word, "--") == 0)
			after_dashes = true;
		else
			add_option(word);
	}
}

const char *cmdline_raw(void)
{
	return cmdline_raw_copy;
}

/* cmdline_get() - the value of the last option called @name, or NULL if absent. */
const char *cmdline_get(const char *name)
{
	for (int i = nr_options - 1; i >= 0; i--)
		if (strcmp(options[i].name, name) == 0)
			return options[i].value;
	return NULL;
}

bool cmdline_has(const char *name)
{
	return cmdline_get(name) != NULL;
}

/* cmdline_get_long() - @name's value as a decimal number, or @fallback if it is absent or
 * not entirely a number (an optional '-' then digits). */
long cmdline_get_long(const char *name, long fallback)
{
	const char *v = cmdline_get(name);
	bool negative;
	long n = 0;

	if (!v || !*v)
		return fallback;
	negative = *v == '-';
	if (negative && !*++v)
		return fallback;
	for (; *v; v++) {
		if (*v < '0' || *v > '9')
			return fallback;
		n = n * 10 + (*v - '0');
	}
	return negative ? -n : n;
}

/* cmdline_init_args() - the words after "--", NULL-terminated (empty if there were none). */
const char *const *cmdline_init_args(void)
{
	return init_args;
}

int cmdline_count(void)
{
	return nr_options;
}

const struct cmdline_option *cmdline_option_at(int i)
{
	return i >= 0 && i < nr_options ? &options[i] : NULL;
}

bool cmdline_is_known(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(known_options); i++)
		if (strcmp(known_options[i], name) == 0)
			return true;
	return false;
}

/* cmdline_log_unknown() - one warning per option the kernel does not understand. */
void cmdline_log_unknown(void)
{
	for (int i = 0; i < nr_options; i++)
		if (!cmdline_is_known(options[i].name))
			pr_warn("cmdline: unknown option \"%s\" ignored\n", options[i].name);
}
