/* string.h - the memory and string functions of kernel/lib/string.c.
 * GCC may emit calls to memcpy/memset/memmove/memcmp on its own, so these four must exist
 * with exactly the C library's names and prototypes. Host unit tests use the host libc's. */
#ifndef REAPER_STRING_H
#define REAPER_STRING_H

#include <stddef.h>

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);

#endif
