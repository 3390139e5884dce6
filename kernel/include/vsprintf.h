/* vsprintf.h - printf-style formatting into a buffer (kernel/lib/vsprintf.c).
 * Supports the conversions the kernel needs: %d %i %u %x %X %o %c %s %p %% with the length
 * modifiers hh h l ll z t, flags '-' '0' '+' ' ' '#', a width and a precision (either may be
 * '*'). Output is always NUL-terminated when size > 0. Pure: the host unit tests run it. */
#ifndef REAPER_VSPRINTF_H
#define REAPER_VSPRINTF_H

#include <stdarg.h>
#include <stddef.h>
#include "compiler.h"

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) PRINTF_LIKE(3, 4);

#endif
