/* multiboot2.c - turning GRUB's multiboot2 information into a struct boot_info.
 *
 * The boot information is a size header followed by tags, each 8-byte aligned: a u32 type,
 * a u32 size (header included), then the payload. We read four kinds - the command line (1),
 * the boot loader's name (2), modules (3: the initramfs) and the memory map (6) - and ignore
 * the rest. Nothing is trusted: every tag must lie inside total_size and the list must end
 * with the end tag (type 0), otherwise the structure is rejected. Strings are copied with a
 * bound, and the arrays of struct boot_info cap the number of regions and modules kept.
 * Pure code (no machine access), so the host unit tests feed it hand-built tag streams.
 * See also: kernel/include/boot_info.h, kernel/mm/frame.c (reads the memory map), the
 * Multiboot2 specification, section 3.6 "Boot information format". */
#include "multiboot2.h"
#include "string.h"
#include "uapi/errno.h"

#define TAG_END		0
#define TAG_CMDLINE	1
#define TAG_LOADER_NAME	2
#define TAG_MODULE	3
#define TAG_MMAP	6

struct mb2_tag {
	uint32_t type;
	uint32_t size;
};

struct mb2_module {
	uint32_t type, size;
	uint32_t mod_start;
	uint32_t mod_end;
	char string[];
};

struct mb2_mmap {
	uint32_t type, size;
	uint32_t entry_size;
	uint32_t entry_version;
	/* entries follow */
};

struct mb2_mmap_entry {
	uint64_t base;
	uint64_t length;
	uint32_t type;
	uint32_t reserved;
};

/* copy_string() - a NUL-terminated string from a tag payload of @avail bytes, bounded. */
static void copy_string(char *dst, size_t size, const char *src, size_t avail)
{
	size_t n = strnlen(src, avail);

	if (n >= size)
		n = size - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static int parse_module(const struct mb2_module *m, struct boot_info *out)
{
	struct boot_module *bm;

	if (m->size < sizeof(*m) || m->mod_end < m->mod_start)
		return -EINVAL;
	if (out->nr_modules == BOOT_MAX_MODULES)
		return 0;
	bm = &out->modules[out->nr_modules++];
	bm->start = m->mod_start;
	bm->end = m->mod_end;
	copy_string(bm->name, sizeof(bm->name), m->string, m->size - sizeof(*m));
	return 0;
}

static int parse_mmap(const struct mb2_mmap *t, struct boot_info *out)
{
	const uint8_t *p = (const uint8_t *)(t + 1);
	const uint8_t *end = (const uint8_t *)t + t->size;

	if (t->size < sizeof(*t) || t->entry_size < sizeof(struct mb2_mmap_entry))
		return -EINVAL;
	for (; p + t->entry_size <= end; p += t->entry_size) {
		const struct mb2_mmap_entry *e = (const struct mb2_mmap_entry *)p;

		if (out->nr_mem == BOOT_MAX_MEM_REGIONS)
			break;
		out->mem[out->nr_mem].base = e->base;
		out->mem[out->nr_mem].length = e->length;
		out->mem[out->nr_mem].type = e->type;
		out->nr_mem++;
	}
	return 0;
}

/* parse_tag() - one tag whose header and payload are known to lie inside the structure. */
static int parse_tag(const struct mb2_tag *tag, struct boot_info *out)
{
	const char *payload = (const char *)(tag + 1);
	size_t avail = tag->size - sizeof(*tag);

	switch (tag->type) {
	case TAG_CMDLINE:
		copy_string(out->cmdline, sizeof(out->cmdline), payload, avail);
		return 0;
	case TAG_LOADER_NAME:
		copy_string(out->loader_name, sizeof(out->loader_name), payload, avail);
		return 0;
	case TAG_MODULE:
		return parse_module((const struct mb2_module *)tag, out);
	case TAG_MMAP:
		return parse_mmap((const struct mb2_mmap *)tag, out);
	default:
		return 0;	/* framebuffer, ACPI, EFI...: not used */
	}
}

/**
 * multiboot2_parse() - fill @out from the multiboot2 information structure at @info.
 * @info: the structure, mapped readable (kernel virtual address).
 * @info_phys: its physical address, recorded so the frame allocator can reserve it.
 * @out: zeroed and filled in.
 *
 * Context: boot; pure, no locks. Return: 0, or -EINVAL if the structure is malformed (a tag
 * crossing the end, a size too small, no end tag); @out then holds what was read before.
 */
int multiboot2_parse(const void *info, paddr_t info_phys, struct boot_info *out)
{
	const uint8_t *base = info;
	uint32_t total = *(const uint32_t *)info;
	uint32_t off = 8;	/* past total_size and reserved */

	memset(out, 0, sizeof(*out));
	out->info_start = info_phys;
	out->info_end = info_phys + total;
	if (total < 16)
		return -EINVAL;
	while (off + sizeof(struct mb2_tag) <= total) {
		const struct mb2_tag *tag = (const struct mb2_tag *)(base + off);

		if (tag->size < sizeof(*tag) || tag->size > total - off)
			return -EINVAL;
		if (tag->type == TAG_END)
			return 0;
		if (parse_tag(tag, out) < 0)
			return -EINVAL;
		off += ALIGN_UP(tag->size, 8);
	}
	return -EINVAL;	/* ran off the end without an end tag */
}
