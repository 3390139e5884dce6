/* exec_stack.h - the initial stack of a new program, laid out in a buffer (kernel/exec_stack.c).
 *
 * What execve leaves at the top of the new stack, from the stack pointer up (the System V
 * x86-64 ABI, section 3.4.1, and what Linux's create_elf_tables() writes):
 *   sp ->  argc
 *          argv[0] .. argv[argc-1], NULL
 *          envp[0] .. envp[envc-1], NULL
 *          auxv: (type, value) pairs ..., (AT_NULL, 0)
 *          (padding)
 *          16 random bytes (AT_RANDOM points here)
 *          "x86_64"        (AT_PLATFORM)
 *          the argv strings, the envp strings, the path (AT_EXECFN)
 *   top -> 8 zero bytes, then the top of the stack
 * sp is 16-byte aligned. stack_build() is pure: it computes the layout for a stack whose top
 * is the user address @top, writes the image into a kernel buffer, which exec then copies
 * into the new address space (mm_copy_to), and says where sp and the strings went.
 * tests/host/test_exec_stack.c checks it. */
#ifndef REAPER_EXEC_STACK_H
#define REAPER_EXEC_STACK_H

#include "types.h"

#define STACK_RANDOM_BYTES 16 /* AT_RANDOM */

/* Everything that goes on the stack. The strings are kernel memory. */
struct stack_spec {
	const char *const *argv; /* argc strings */
	size_t argc;
	const char *const *envp; /* envc strings */
	size_t envc;
	const char *execfn;	     /* the path given to execve: AT_EXECFN */
	const char *platform;	     /* AT_PLATFORM */
	const unsigned char *random; /* STACK_RANDOM_BYTES bytes: AT_RANDOM */
	const uint64_t *auxv;	     /* (type, value) pairs, without AT_RANDOM, AT_PLATFORM,
					 * AT_EXECFN and AT_NULL, which stack_build() adds */
	size_t nr_auxv;		     /* pairs in auxv */
};

/* Where stack_build() put things, as user addresses: exec starts the program at sp and
 * records the string ranges in the mm (/proc/<pid>/cmdline and environ read them). */
struct stack_layout {
	uaddr_t sp;	   /* argc: the new stack pointer, 16-byte aligned */
	uaddr_t arg_start; /* the argv strings: [arg_start, arg_end), each NUL-terminated */
	uaddr_t arg_end;
	uaddr_t env_start; /* the envp strings: [env_start, env_end); == arg_end */
	uaddr_t env_end;
};

size_t stack_image_size(const struct stack_spec *s);
int stack_build(const struct stack_spec *s, uaddr_t top, void *buf, size_t size,
		struct stack_layout *out);

#endif
