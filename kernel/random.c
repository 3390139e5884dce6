/* random.c - random numbers for getrandom(2) and the ELF loader's AT_RANDOM bytes.
 *
 * NOT cryptographic. A real kernel gathers entropy from interrupt timings and devices and runs
 * it through ChaCha20 (Linux: drivers/char/random.c); here one 64-bit state is stepped with
 * SplitMix64 (a counter plus a strong 64-bit mixing function, Steele, Lea and Flood 2014),
 * seeded from the cycle counter and the wall clock, and stirred with the cycle counter again
 * at every call, so two boots, or two calls, do not repeat. That is enough for what user
 * space does with it here - stack-protector canaries, hash-table seeds, temporary names -
 * and the code stays ten lines a student can follow. Do not use it for keys.
 *
 * getrandom() never blocks: the generator counts as seeded from the first call (GRND_NONBLOCK
 * and GRND_INSECURE therefore change nothing).
 * Locking: the state is updated with interrupts off (one CPU; a spinlock on SMP).
 * See also: kernel/sys.c (sys_getrandom), kernel/exec.c (AT_RANDOM).
 *   Linux: drivers/char/random.c (get_random_bytes).
 */
#include "random.h"
#include "arch.h"
#include "string.h"

#define SPLITMIX_GAMMA	0x9e3779b97f4a7c15ULL	/* 2^64 / golden ratio, odd */

static uint64_t state;		/* the generator; protected by disabling interrupts */
static bool seeded;

/* splitmix64() - step the state and return a well-mixed function of it. */
static uint64_t splitmix64(void)
{
	uint64_t z;

	state += SPLITMIX_GAMMA;
	z = state;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/**
 * random_u64() - 64 random bits (not cryptographic, see above).
 * Context: any. Return: the bits.
 */
uint64_t random_u64(void)
{
	unsigned long flags = arch_irq_save();
	uint64_t v;

	if (!seeded) {
		state = arch_boot_epoch_seconds() * SPLITMIX_GAMMA;
		seeded = true;
	}
	state ^= arch_read_cycles();	/* timing differs call to call and boot to boot */
	v = splitmix64();
	arch_irq_restore(flags);
	return v;
}

/**
 * random_bytes() - fill @buf with @n random bytes (not cryptographic).
 * @buf: kernel memory. @n: bytes.
 *
 * Context: any. Return: nothing.
 */
void random_bytes(void *buf, size_t n)
{
	uint8_t *p = buf;

	while (n > 0) {
		uint64_t v = random_u64();
		size_t chunk = n < sizeof(v) ? n : sizeof(v);

		memcpy(p, &v, chunk);
		p += chunk;
		n -= chunk;
	}
}
