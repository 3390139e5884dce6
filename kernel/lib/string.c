/* string.c - memory and string functions for the kernel, in plain C loops.
 * Simple loops on purpose: they are easy to step through. Only memset and memcpy move whole
 * 8-byte words where they can (aligned addresses), because they are hot: zeroing every new
 * page and page table, the slab's poison fills, copy-on-write copies. Under QEMU's TCG every
 * store is a call into the emulated MMU, so a word at a time is about 8 times fewer of them;
 * profiling fork+exit+wait (tools/profile.py) found the byte loops at ~7% of the time. The
 * word loops are the same C, one word wide; -fno-strict-aliasing (Makefile) makes the word
 * accesses to byte buffers well defined. GCC emits calls to the first four itself (struct
 * copies, zeroing), so their names and prototypes are the C library's. Linux: lib/string.c. */
#include "string.h"
#include "compiler.h"

#define WORD	sizeof(uint64_t)

static ALWAYS_INLINE bool word_aligned(const void *p)
{
	return ((uintptr_t)p & (WORD - 1)) == 0;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t pattern = 0x0101010101010101ULL * (unsigned char)c;

	for (; n && !word_aligned(d); n--)	/* the bytes up to the first whole word */
		*d++ = (unsigned char)c;
	for (; n >= WORD; n -= WORD, d += WORD)
		*(uint64_t *)d = pattern;
	while (n--)				/* the tail */
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (word_aligned(d) && word_aligned(s))
		for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
			*(uint64_t *)d = *(const uint64_t *)s;
	while (n--)
		*d++ = *s++;
	return dst;
}

/* memmove() - like memcpy(), but the two areas may overlap: copy backwards when dst is above. */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c ? NULL : (char *)s;
}

/* strlcpy() - copy @src into @dst of @size bytes, always NUL-terminated (if size > 0).
 * Return: strlen(src), so a result >= size means the copy was truncated. */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
