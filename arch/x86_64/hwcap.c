/* hwcap.c - what the CPU tells a new program about itself, through the auxiliary vector.
 *
 * execve (kernel/exec.c) puts two machine facts on every new program's stack:
 *   AT_HWCAP    - CPU feature bits. On x86 Linux passes CPUID leaf 1's EDX (fpu, tsc, cmov,
 *                 sse, sse2, ...), so that is what the C library expects to find; modern
 *                 libcs run CPUID themselves for anything newer (AT_HWCAP2 is 0 here).
 *   AT_PLATFORM - the name of the machine, "x86_64", which ld.so uses in search paths.
 * Both are the same for every program, so they are computed on each exec without caching:
 * one CPUID is cheaper than any rule about when a cache is valid.
 *
 * Locking: none; CPUID only reads.
 * See also: kernel/exec.c (the caller), kernel/include/uapi/auxvec.h.
 * Linux: arch/x86/include/asm/elf.h (ELF_HWCAP, ELF_PLATFORM), arch/x86/kernel/cpu/common.c.
 */
#include "arch.h"

#define CPUID_LEAF_FEATURES 1 /* EAX=1: family/model in EAX, feature flags in ECX and EDX */

/**
 * arch_elf_hwcap() - the AT_HWCAP value: CPUID.1:EDX.
 * Context: any. Return: the feature bits.
 */
uint64_t arch_elf_hwcap(void)
{
	uint32_t eax = CPUID_LEAF_FEATURES, ebx, ecx = 0, edx;

	__asm__ __volatile__("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
	return edx;
}

/**
 * arch_elf_platform() - the AT_PLATFORM string.
 * Context: any. Return: "x86_64", a string that lives forever.
 */
const char *arch_elf_platform(void)
{
	return "x86_64";
}
