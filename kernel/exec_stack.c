/* exec_stack.c - building a new program's initial stack: argc, argv, envp, auxv, strings.
 *
 * The layout (drawn in kernel/include/exec_stack.h) is the contract between the kernel and
 * the C library's start code: musl's _start_c and glibc's _dl_aux_init read argc at the stack
 * pointer, walk argv and envp to their NULLs, then read the auxiliary vector up to AT_NULL.
 *
 * stack_build() works in two passes over a region whose top is a user address: first it
 * decides every address (strings highest, then the platform name and the random bytes, then
 * the vectors with the stack pointer rounded down to 16 bytes), then it writes the bytes,
 * into a kernel buffer standing for [top - size, top). Pointers written into the image are
 * the USER addresses the strings will have, so the buffer can be copied as is.
 *
 * Invariants: pure (no allocation, no globals); never writes outside the buffer - a spec
 *   that does not fit is -E2BIG.
 * Locking: none needed.
 * See also: kernel/exec.c (builds the spec and copies the image), tests/host/test_exec_stack.c.
 * Linux: fs/binfmt_elf.c (create_elf_tables), fs/exec.c (copy_strings).
 */
#include "exec_stack.h"
#include "string.h"
#include "uapi/auxvec.h"
#include "uapi/errno.h"

#define WORD	    sizeof(uint64_t)
#define STACK_ALIGN 16 /* the ABI's alignment of sp at process entry */
#define EXTRA_AUXV  4  /* AT_RANDOM, AT_PLATFORM, AT_EXECFN, AT_NULL */

/* Where everything goes, all user addresses. */
struct stack_plan {
	uaddr_t sp;	  /* argc; the vectors follow */
	uaddr_t random;	  /* the 16 random bytes */
	uaddr_t platform; /* the platform string */
	uaddr_t strings;  /* argv strings, envp strings, execfn: packed, in that order */
	uaddr_t execfn;	  /* the last of those strings */
};

static size_t strings_size(const char *const *v, size_t n)
{
	size_t bytes = 0;

	for (size_t i = 0; i < n; i++)
		bytes += strlen(v[i]) + 1;
	return bytes;
}

/* vector_words() - argc, argv + NULL, envp + NULL, the auxv pairs with ours and AT_NULL. */
static size_t vector_words(const struct stack_spec *s)
{
	return 1 + (s->argc + 1) + (s->envc + 1) + 2 * (s->nr_auxv + EXTRA_AUXV);
}

/**
 * stack_image_size() - bytes of stack the spec @s needs, alignment padding included.
 * Context: any; pure. Return: the size (a buffer this big always fits stack_build()).
 */
size_t stack_image_size(const struct stack_spec *s)
{
	return WORD + strings_size(s->argv, s->argc) + strings_size(s->envp, s->envc) +
	       strlen(s->execfn) + 1 + strlen(s->platform) + 1 + STACK_RANDOM_BYTES +
	       vector_words(s) * WORD + STACK_ALIGN;
}

/* plan() - pass one: every address, from @top down. */
static struct stack_plan plan(const struct stack_spec *s, uaddr_t top)
{
	struct stack_plan p;
	size_t execfn_len = strlen(s->execfn) + 1;

	p.execfn = top - WORD - execfn_len;
	p.strings = p.execfn - strings_size(s->envp, s->envc) - strings_size(s->argv, s->argc);
	p.platform = p.strings - (strlen(s->platform) + 1);
	p.random = p.platform - STACK_RANDOM_BYTES;
	p.sp = (p.random - vector_words(s) * WORD) & ~(uaddr_t)(STACK_ALIGN - 1);
	return p;
}

/* The image being written: @buf holds the bytes of user addresses [@base, @base + size). */
struct stack_image {
	unsigned char *buf;
	uaddr_t base;
};

static void put_bytes(struct stack_image *img, uaddr_t at, const void *src, size_t n)
{
	memcpy(img->buf + (at - img->base), src, n);
}

static void put_word(struct stack_image *img, uaddr_t *at, uint64_t value)
{
	put_bytes(img, *at, &value, WORD);
	*at += WORD;
}

/* put_strings() - @n strings packed from *@str up; their addresses as words from *@vec up,
 * then a NULL. Both cursors advance. */
static void put_strings(struct stack_image *img, uaddr_t *vec, uaddr_t *str, const char *const *v,
			size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(v[i]) + 1;

		put_word(img, vec, *str);
		put_bytes(img, *str, v[i], len);
		*str += len;
	}
	put_word(img, vec, 0);
}

static void put_auxv(struct stack_image *img, uaddr_t *vec, const struct stack_spec *s,
		     const struct stack_plan *p)
{
	for (size_t i = 0; i < 2 * s->nr_auxv; i++)
		put_word(img, vec, s->auxv[i]);
	put_word(img, vec, AT_RANDOM);
	put_word(img, vec, p->random);
	put_word(img, vec, AT_PLATFORM);
	put_word(img, vec, p->platform);
	put_word(img, vec, AT_EXECFN);
	put_word(img, vec, p->execfn);
	put_word(img, vec, AT_NULL);
	put_word(img, vec, 0);
}

/* layout_of() - what the caller learns of plan @p: sp and the two string ranges, which
 * put_strings() packs from p->strings up, argv's then envp's. */
static struct stack_layout layout_of(const struct stack_spec *s, const struct stack_plan *p)
{
	struct stack_layout l = { .sp = p->sp, .arg_start = p->strings };

	l.arg_end = l.arg_start + strings_size(s->argv, s->argc);
	l.env_start = l.arg_end;
	l.env_end = l.env_start + strings_size(s->envp, s->envc);
	return l;
}

/**
 * stack_build() - write the initial stack for @s into @buf, as it will be below user
 * address @top.
 * @s: the contents. @top: the stack's top (exclusive), 16-byte aligned.
 * @buf: @size bytes standing for user addresses [@top - @size, @top); bytes between
 *       [@top - @size, @out->sp) are left alone.
 * @out: set to the new stack pointer (argc) and the ranges of the argv and envp strings;
 *       untouched on failure.
 *
 * Context: any; pure.
 * Return: 0, or -E2BIG if the stack does not fit in @size bytes.
 */
int stack_build(const struct stack_spec *s, uaddr_t top, void *buf, size_t size,
		struct stack_layout *out)
{
	struct stack_plan p;
	struct stack_image img = { .buf = buf, .base = top - size };
	uaddr_t vec, str;

	if (size < stack_image_size(s))
		return -E2BIG;
	p = plan(s, top);
	vec = p.sp;
	str = p.strings;
	put_word(&img, &vec, s->argc);
	put_strings(&img, &vec, &str, s->argv, s->argc);
	put_strings(&img, &vec, &str, s->envp, s->envc);
	put_auxv(&img, &vec, s, &p);
	put_bytes(&img, p.execfn, s->execfn, strlen(s->execfn) + 1);
	put_bytes(&img, p.platform, s->platform, strlen(s->platform) + 1);
	put_bytes(&img, p.random, s->random, STACK_RANDOM_BYTES);
	memset(img.buf + (top - WORD - img.base), 0, WORD);
	*out = layout_of(s, &p);
	return 0;
}
