/* compiler.h - the few compiler attributes and helper macros the kernel uses.
 * Kept deliberately short: each macro here is one GCC attribute or one line of arithmetic,
 * so a student stepping in gdb never meets hidden control flow. */
#ifndef REAPER_COMPILER_H
#define REAPER_COMPILER_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#define NORETURN	__attribute__((noreturn))
#define PRINTF_LIKE(fmt, args) __attribute__((format(printf, fmt, args)))
#define UNUSED		__attribute__((unused))
#define PACKED		__attribute__((packed))
#define ALIGNED(n)	__attribute__((aligned(n)))
/* For one-line helpers on hot paths, which -Og would otherwise call when they have more than
 * one caller: under QEMU's TCG every return is a lookup of the block it returns to, and a
 * fork+exec+wait made ~3,500 such calls to one-liners (docs/performance.md). gdb still shows
 * them, as inlined frames, and can break in them. */
#define ALWAYS_INLINE	inline __attribute__((always_inline))

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)	(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))

/* container_of() - from a pointer to a member, the struct that contains it. */
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/* Stops the compiler from caching or reordering one access (a flag set by an interrupt). */
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define barrier()	__asm__ __volatile__("" ::: "memory")

#endif
