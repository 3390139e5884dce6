// sources: arch/x86_64/multiboot2.c
/* test_multiboot2.c - host unit tests of the multiboot2 information parser
 * (arch/x86_64/multiboot2.c).
 *
 * Each case builds a real multiboot2 information structure, byte for byte as GRUB lays it out
 * (Multiboot2 specification, 3.6): a u32 total_size and a u32 reserved, then tags, each
 * starting 8-byte aligned with a u32 type and a u32 size (header included, padding not):
 *   type 1 command line (a string), type 2 boot loader name (a string),
 *   type 3 module (u32 mod_start, u32 mod_end, a string),
 *   type 6 memory map (u32 entry_size = 24, u32 entry_version = 0, then entries of
 *          u64 base, u64 length, u32 type, u32 reserved),
 *   type 0 end (size 8).
 * Then come the malformed streams the parser must reject with -EINVAL, never reading or
 * writing out of bounds: a total_size too small, a tag running past the end, a tag too small
 * to hold its own header, no end tag; and the caps: more memory regions or modules than
 * struct boot_info has room for are dropped, not overflowed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "../../arch/x86_64/multiboot2.h"
#include "uapi/errno.h"

#define INFO_PHYS	0x10000UL	/* where the structure "is", for info_start/info_end */

/* A stream under construction, 8-byte aligned like GRUB's. */
struct mbi {
	_Alignas(8) uint8_t bytes[16384];
	size_t len;
};

/* boot_info with guard bytes behind it: a parser that overflows an array hits them. */
struct guarded_info {
	struct boot_info info;
	uint8_t guard[256];
};

static void put32(struct mbi *m, size_t off, uint32_t v)
{
	memcpy(m->bytes + off, &v, sizeof(v));
}

static void put64(struct mbi *m, size_t off, uint64_t v)
{
	memcpy(m->bytes + off, &v, sizeof(v));
}

/* mbi_begin() - an empty stream: just the fixed header (total_size filled in later). */
static void mbi_begin(struct mbi *m)
{
	memset(m->bytes, 0xee, sizeof(m->bytes));	/* stray reads of padding see garbage */
	put32(m, 0, 0);
	put32(m, 4, 0);
	m->len = 8;
}

/* tag_begin() - start a tag of @type; returns its offset. Its size is set by tag_end(). */
static size_t tag_begin(struct mbi *m, uint32_t type)
{
	size_t off = m->len;

	put32(m, off, type);
	m->len += 8;
	return off;
}

/* tag_end() - the tag at @off ends here: record its size and pad to 8 bytes. */
static void tag_end(struct mbi *m, size_t off)
{
	put32(m, off + 4, (uint32_t)(m->len - off));
	while (m->len % 8)
		m->bytes[m->len++] = 0;
}

static void put_bytes(struct mbi *m, const void *p, size_t n)
{
	memcpy(m->bytes + m->len, p, n);
	m->len += n;
}

static void add_string_tag(struct mbi *m, uint32_t type, const char *s)
{
	size_t off = tag_begin(m, type);

	put_bytes(m, s, strlen(s) + 1);
	tag_end(m, off);
}

static void add_module(struct mbi *m, uint32_t start, uint32_t end, const char *name)
{
	size_t off = tag_begin(m, 3);

	put32(m, m->len, start);
	put32(m, m->len + 4, end);
	m->len += 8;
	put_bytes(m, name, strlen(name) + 1);
	tag_end(m, off);
}

/* add_mmap() - a memory map of @n entries of @entry_size bytes: entry i is 1 MiB at i MiB,
 * of type 1 + i % 5. */
static void add_mmap(struct mbi *m, int n, uint32_t entry_size)
{
	size_t off = tag_begin(m, 6);

	put32(m, m->len, entry_size);
	put32(m, m->len + 4, 0);
	m->len += 8;
	for (int i = 0; i < n; i++) {
		memset(m->bytes + m->len, 0, entry_size);
		put64(m, m->len, (uint64_t)i << 20);
		put64(m, m->len + 8, 1u << 20);
		put32(m, m->len + 16, 1 + (uint32_t)i % 5);
		put32(m, m->len + 20, 0);
		m->len += entry_size;
	}
	tag_end(m, off);
}

static void add_end(struct mbi *m)
{
	size_t off = tag_begin(m, 0);

	tag_end(m, off);
}

/* mbi_finish() - fill in total_size (the whole stream, end tag included). */
static void mbi_finish(struct mbi *m)
{
	put32(m, 0, (uint32_t)m->len);
}

static int parse(struct mbi *m, struct guarded_info *g)
{
	memset(g, 0x5a, sizeof(*g));	/* the parser must clear what it does not fill */
	return multiboot2_parse(m->bytes, INFO_PHYS, &g->info);
}

static void assert_guard_intact(const struct guarded_info *g)
{
	for (size_t i = 0; i < sizeof(g->guard); i++)
		assert_int_equal(g->guard[i], 0x5a);
}

/* A stream like the one GRUB 2.06 hands over under QEMU. */
static void build_typical(struct mbi *m)
{
	mbi_begin(m);
	add_string_tag(m, 1, "init=/sbin/init ktest=all");
	add_string_tag(m, 2, "GRUB 2.06-13+deb12u2");
	add_module(m, 0x200000, 0x240000, "initramfs");
	add_mmap(m, 3, 24);
	add_end(m);
	mbi_finish(m);
}

static void parses_a_typical_stream(void **state)
{
	struct mbi m;
	struct guarded_info g;

	(void)state;
	build_typical(&m);
	assert_int_equal(parse(&m, &g), 0);
	assert_string_equal(g.info.cmdline, "init=/sbin/init ktest=all");
	assert_string_equal(g.info.loader_name, "GRUB 2.06-13+deb12u2");
	assert_int_equal(g.info.nr_modules, 1);
	assert_int_equal(g.info.modules[0].start, 0x200000);
	assert_int_equal(g.info.modules[0].end, 0x240000);
	assert_string_equal(g.info.modules[0].name, "initramfs");
	assert_int_equal(g.info.info_start, INFO_PHYS);
	assert_int_equal(g.info.info_end, INFO_PHYS + m.len);
	assert_guard_intact(&g);
}

static void reads_every_memory_region(void **state)
{
	struct mbi m;
	struct guarded_info g;

	(void)state;
	build_typical(&m);
	assert_int_equal(parse(&m, &g), 0);
	assert_int_equal(g.info.nr_mem, 3);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(g.info.mem[i].base, (uint64_t)i << 20);
		assert_int_equal(g.info.mem[i].length, 1u << 20);
		assert_int_equal(g.info.mem[i].type, 1 + i % 5);
	}
}

static void reads_several_modules_in_order(void **state)
{
	struct mbi m;
	struct guarded_info g;

	(void)state;
	mbi_begin(&m);
	add_module(&m, 0x300000, 0x300100, "first");
	add_module(&m, 0x400000, 0x400000, "");		/* empty module, empty name */
	add_module(&m, 0x500000, 0x501000, "third one");
	add_end(&m);
	mbi_finish(&m);
	assert_int_equal(parse(&m, &g), 0);
	assert_int_equal(g.info.nr_modules, 3);
	assert_string_equal(g.info.modules[0].name, "first");
	assert_string_equal(g.info.modules[1].name, "");
	assert_int_equal(g.info.modules[1].end, 0x400000);
	assert_string_equal(g.info.modules[2].name, "third one");
	assert_int_equal(g.info.modules[2].start, 0x500000);
}

static void ignores_unknown_tags(void **state)
{
	static const uint8_t payload[40] = { 1, 2, 3 };
	struct mbi m;
	struct guarded_info g;
	size_t off;

	(void)state;
	mbi_begin(&m);
	off = tag_begin(&m, 4);		/* basic meminfo */
	put_bytes(&m, payload, 8);
	tag_end(&m, off);
	off = tag_begin(&m, 14);		/* ACPI old RSDP, odd size */
	put_bytes(&m, payload, 21);
	tag_end(&m, off);
	add_string_tag(&m, 1, "quiet");
	off = tag_begin(&m, 0x1234);
	put_bytes(&m, payload, sizeof(payload));
	tag_end(&m, off);
	add_end(&m);
	mbi_finish(&m);
	assert_int_equal(parse(&m, &g), 0);
	assert_string_equal(g.info.cmdline, "quiet");
	assert_int_equal(g.info.nr_modules, 0);
	assert_int_equal(g.info.nr_mem, 0);
}

static void minimal_stream_clears_everything(void **state)
{
	struct mbi m;
	struct guarded_info g;

	(void)state;
	mbi_begin(&m);
	add_end(&m);
	mbi_finish(&m);
	assert_int_equal(m.len, 16);
	assert_int_equal(parse(&m, &g), 0);
	assert_string_equal(g.info.cmdline, "");
	assert_string_equal(g.info.loader_name, "");
	assert_int_equal(g.info.nr_modules, 0);
	assert_int_equal(g.info.nr_mem, 0);
}

static void stops_at_the_end_tag(void **state)
{
	struct mbi m;
	struct guarded_info g;

	(void)state;
	mbi_begin(&m);
	add_string_tag(&m, 1, "before");
	add_end(&m);
	add_module(&m, 0x100000, 0x200000, "after the end");
	mbi_finish(&m);
	assert_int_equal(parse(&m, &g), 0);
	assert_string_equal(g.info.cmdline, "before");
	assert_int_equal(g.info.nr_modules, 0);
}

static void rejects_total_size_too_small(void **state)
{
	static const uint32_t sizes[] = { 0, 4, 8, 15 };
	struct mbi m;
	struct guarded_info g;

	(void)state;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		build_typical(&m);
		put32(&m, 0, sizes[i]);
		assert_int_equal(parse(&m, &g), -EINVAL);
		assert_guard_intact(&g);
	}
}

static void rejects_a_tag_past_the_end(void **state)
{
	struct mbi m;
	struct guarded_info g;

	(void)state;
	mbi_begin(&m);
	add_string_tag(&m, 1, "init=/x");
	add_end(&m);
	mbi_finish(&m);
	put32(&m, 8 + 4, 4096);		/* the cmdline tag claims 4 KiB */
	assert_int_equal(parse(&m, &g), -EINVAL);

	build_typical(&m);
	put32(&m, 0, (uint32_t)m.len - 8);	/* total_size cuts into the end tag */
	assert_int_equal(parse(&m, &g), -EINVAL);

	build_typical(&m);
	put32(&m, 8 + 4, 0xfffffff8u);	/* a size that would wrap a 32-bit offset */
	assert_int_equal(parse(&m, &g), -EINVAL);
	assert_guard_intact(&g);
}

static void rejects_a_tag_smaller_than_its_header(void **state)
{
	struct mbi m;
	struct guarded_info g;

	(void)state;
	mbi_begin(&m);
	add_string_tag(&m, 1, "x");
	add_end(&m);
	mbi_finish(&m);
	put32(&m, 8 + 4, 0);		/* size 0: a naive parser loops forever */
	assert_int_equal(parse(&m, &g), -EINVAL);
	put32(&m, 8 + 4, 4);
	assert_int_equal(parse(&m, &g), -EINVAL);
}

static void rejects_a_missing_end_tag(void **state)
{
	struct mbi m;
	struct guarded_info g;

	(void)state;
	mbi_begin(&m);
	add_string_tag(&m, 1, "init=/sbin/init");
	add_module(&m, 0x200000, 0x240000, "initramfs");
	mbi_finish(&m);
	assert_int_equal(parse(&m, &g), -EINVAL);
}

static void rejects_malformed_modules_and_maps(void **state)
{
	struct mbi m;
	struct guarded_info g;

	(void)state;
	mbi_begin(&m);
	add_module(&m, 0x300000, 0x200000, "ends before it starts");
	add_end(&m);
	mbi_finish(&m);
	assert_int_equal(parse(&m, &g), -EINVAL);

	mbi_begin(&m);
	add_mmap(&m, 2, 16);			/* entries smaller than the 24 we read */
	add_end(&m);
	mbi_finish(&m);
	assert_int_equal(parse(&m, &g), -EINVAL);
	assert_guard_intact(&g);
}

static void larger_mmap_entries_are_stepped_over(void **state)
{
	struct mbi m;
	struct guarded_info g;

	(void)state;
	mbi_begin(&m);
	add_mmap(&m, 4, 32);			/* a future entry_version may grow entries */
	add_end(&m);
	mbi_finish(&m);
	assert_int_equal(parse(&m, &g), 0);
	assert_int_equal(g.info.nr_mem, 4);
	assert_int_equal(g.info.mem[3].base, 3u << 20);
	assert_int_equal(g.info.mem[3].type, 4);
}

static void caps_memory_regions(void **state)
{
	struct mbi m;
	struct guarded_info g;

	(void)state;
	mbi_begin(&m);
	add_mmap(&m, BOOT_MAX_MEM_REGIONS + 40, 24);
	add_module(&m, 0x200000, 0x240000, "initramfs");	/* still read after the cap */
	add_end(&m);
	mbi_finish(&m);
	assert_int_equal(parse(&m, &g), 0);
	assert_int_equal(g.info.nr_mem, BOOT_MAX_MEM_REGIONS);
	assert_int_equal(g.info.mem[BOOT_MAX_MEM_REGIONS - 1].base,
			 (uint64_t)(BOOT_MAX_MEM_REGIONS - 1) << 20);
	assert_int_equal(g.info.nr_modules, 1);
	assert_string_equal(g.info.modules[0].name, "initramfs");
	assert_guard_intact(&g);
}

static void caps_modules(void **state)
{
	struct mbi m;
	struct guarded_info g;

	(void)state;
	mbi_begin(&m);
	for (int i = 0; i < BOOT_MAX_MODULES + 5; i++)
		add_module(&m, 0x100000u * (uint32_t)(i + 1), 0x100000u * (uint32_t)(i + 1) + 16,
			   "m");
	add_end(&m);
	mbi_finish(&m);
	assert_int_equal(parse(&m, &g), 0);
	assert_int_equal(g.info.nr_modules, BOOT_MAX_MODULES);
	assert_int_equal(g.info.modules[BOOT_MAX_MODULES - 1].start,
			 0x100000u * BOOT_MAX_MODULES);
	assert_guard_intact(&g);
}

static void truncates_long_strings(void **state)
{
	static char cmdline[CMDLINE_MAX + 200], name[BOOT_NAME_MAX * 2];
	struct mbi m;
	struct guarded_info g;

	(void)state;
	memset(cmdline, 'c', sizeof(cmdline) - 1);
	memset(name, 'n', sizeof(name) - 1);
	mbi_begin(&m);
	add_string_tag(&m, 1, cmdline);
	add_string_tag(&m, 2, name);
	add_module(&m, 0x200000, 0x200010, name);
	add_end(&m);
	mbi_finish(&m);
	assert_int_equal(parse(&m, &g), 0);
	assert_int_equal(strlen(g.info.cmdline), CMDLINE_MAX - 1);
	assert_int_equal(strlen(g.info.loader_name), BOOT_NAME_MAX - 1);
	assert_int_equal(strlen(g.info.modules[0].name), BOOT_NAME_MAX - 1);
	assert_guard_intact(&g);
}

static void string_without_nul_stays_inside_its_tag(void **state)
{
	struct mbi m;
	struct guarded_info g;
	size_t off;

	(void)state;
	mbi_begin(&m);
	off = tag_begin(&m, 1);
	put_bytes(&m, "abcdefgh", 8);	/* no NUL: the tag ends right after the 'h' */
	tag_end(&m, off);
	add_string_tag(&m, 2, "ZZZZ");	/* the next tag's header would follow */
	add_end(&m);
	mbi_finish(&m);
	assert_int_equal(parse(&m, &g), 0);
	assert_string_equal(g.info.cmdline, "abcdefgh");
	assert_string_equal(g.info.loader_name, "ZZZZ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_a_typical_stream),
		cmocka_unit_test(reads_every_memory_region),
		cmocka_unit_test(reads_several_modules_in_order),
		cmocka_unit_test(ignores_unknown_tags),
		cmocka_unit_test(minimal_stream_clears_everything),
		cmocka_unit_test(stops_at_the_end_tag),
		cmocka_unit_test(rejects_total_size_too_small),
		cmocka_unit_test(rejects_a_tag_past_the_end),
		cmocka_unit_test(rejects_a_tag_smaller_than_its_header),
		cmocka_unit_test(rejects_a_missing_end_tag),
		cmocka_unit_test(rejects_malformed_modules_and_maps),
		cmocka_unit_test(larger_mmap_entries_are_stepped_over),
		cmocka_unit_test(caps_memory_regions),
		cmocka_unit_test(caps_modules),
		cmocka_unit_test(truncates_long_strings),
		cmocka_unit_test(string_without_nul_stays_inside_its_tag),
	};

	return cmocka_run_group_tests_name("multiboot2", tests, NULL, NULL);
}
