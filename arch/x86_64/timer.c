/* timer.c - the periodic tick (8254 PIT channel 0) and the cycle counter (TSC) it calibrates.
 *
 * The 8254 programmable interval timer counts down at a fixed 1.193182 MHz (a third of the
 * original PC's 3.579545 MHz colour-burst crystal, divided by 4). Channel 0 is wired to IRQ 0:
 * in mode 2 (rate generator) it reloads its divisor and raises IRQ 0 each time the count runs
 * out, which gives the kernel its periodic tick. Channel 2 is wired to the PC speaker; its gate
 * and its output are visible in bit 0 and bit 5 of port 0x61, so it doubles as a one-shot
 * stopwatch that software can poll without an interrupt.
 *
 * The time-stamp counter (rdtsc) counts CPU cycles at a rate nobody tells us: it depends on the
 * CPU model and, under QEMU's TCG, on the host. So we measure it once: start a ~10 ms one-shot on
 * channel 2, read the TSC when it starts and when its output goes high, and scale.
 *
 * The catch is *when* we notice the output going high: if the CPU is held up between two polls
 * (an SMI on real hardware; under emulation, the host running another process for a few
 * milliseconds) the one-shot ends during the gap and the try looks longer than it was - by 20%
 * to 150% on a busy host, as measured. So every try brackets both ends: the TSC just before and
 * after the write that starts the count, and just before the last poll that saw it low and
 * after the one that saw it high. The true interval lies within those brackets; a try whose
 * brackets are wide is discarded, and the tightest one wins. (Linux: quick_pit_calibrate()
 * makes the same check on each read of the counter.)
 *
 * Invariants: after arch_timer_init(), cycles_per_sec is non-zero and never changes.
 * Locking: none; written once at boot before interrupts are enabled.
 * See also: kernel/time.c (jiffies and time_ns, built on these), arch/x86_64/pic.c (IRQ 0).
 *   Linux: arch/x86/kernel/i8253.c, arch/x86/kernel/tsc.c (pit_calibrate_tsc),
 *   drivers/clocksource/i8253.c.
 */
#include "arch.h"
#include "io.h"
#include "pic.h"
#include "trap.h"
#include "printk.h"

#define PIT_HZ			1193182UL	/* the 8254's input clock */
#define PIT_CH0_DATA		0x40
#define PIT_CH2_DATA		0x42
#define PIT_COMMAND		0x43
/* Command bytes: channel (bits 7-6), access lobyte then hibyte (bits 5-4 = 11), mode (3-1). */
#define PIT_CMD_CH0_RATE	0x34	/* channel 0, mode 2: rate generator (periodic) */
#define PIT_CMD_CH2_ONESHOT	0xb0	/* channel 2, mode 0: OUT goes high at count 0 */

#define PORT_B			0x61	/* the keyboard controller's "port B" */
#define PORT_B_CH2_GATE		0x01	/* bit 0: channel 2 counts while this is set */
#define PORT_B_SPEAKER		0x02	/* bit 1: channel 2 drives the speaker (off!) */
#define PORT_B_CH2_OUT		0x20	/* bit 5: channel 2's output, read-only */

#define CALIBRATE_MS		10
#define CALIBRATE_MIN_TRIES	3
#define CALIBRATE_MAX_TRIES	50	/* 0.5 s at worst, on a very busy host */
#define CALIBRATE_PRECISION	1000	/* a good try is known to within 1/1000 (0.1%) */
#define CALIBRATE_MAX_POLLS	100000000UL	/* give up on a PIT that never fires */
#define FALLBACK_CYCLES_PER_SEC	1000000000UL

static uint64_t cycles_per_sec;

/**
 * arch_read_cycles() - the time-stamp counter: cycles since the CPU was reset.
 * Context: any. Return: the TSC; monotonic on one CPU.
 */
uint64_t arch_read_cycles(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/**
 * arch_cycles_per_sec() - the TSC's rate, as measured by arch_timer_init().
 * Context: any, after arch_timer_init(). Return: cycles per second (0 before calibration).
 */
uint64_t arch_cycles_per_sec(void)
{
	return cycles_per_sec;
}

/* pit_divisor() - the count that divides PIT_HZ down to @hz, rounded to the nearest. */
static uint16_t pit_divisor(unsigned long hz)
{
	return (uint16_t)((PIT_HZ + hz / 2) / hz);
}

/* pit_start_periodic() - channel 0 raises IRQ 0 @hz times a second from now on. */
static void pit_start_periodic(unsigned int hz)
{
	uint16_t div = pit_divisor(hz);

	outb(PIT_COMMAND, PIT_CMD_CH0_RATE);
	outb(PIT_CH0_DATA, div & 0xff);
	outb(PIT_CH0_DATA, div >> 8);
}

/* One calibration try: the one-shot took @cycles, give or take @error. */
struct calibration_try {
	uint64_t cycles;	/* the middle of the brackets; 0 if the PIT never fired */
	uint64_t error;		/* the width of both brackets together */
};

/* measure_once() - time one @count-tick one-shot on channel 2 with the TSC, bracketing the
 * moment it starts (the write of the count's high byte) and the moment it ends (the output
 * goes high between the last poll that read low and the first that read high). */
static struct calibration_try measure_once(uint16_t count)
{
	struct calibration_try try = { 0, 0 };
	uint64_t start_lo, start_hi, end_lo, end_hi, polls = 0;

	outb(PORT_B, (inb(PORT_B) & ~PORT_B_SPEAKER) | PORT_B_CH2_GATE);
	outb(PIT_COMMAND, PIT_CMD_CH2_ONESHOT);
	outb(PIT_CH2_DATA, count & 0xff);
	start_lo = arch_read_cycles();
	outb(PIT_CH2_DATA, count >> 8);		/* mode 0: counting starts here */
	start_hi = end_lo = arch_read_cycles();
	for (;;) {
		end_hi = arch_read_cycles();
		if (inb(PORT_B) & PORT_B_CH2_OUT)
			break;
		end_lo = end_hi;
		if (++polls == CALIBRATE_MAX_POLLS)
			return try;
	}
	end_hi = arch_read_cycles();
	try.cycles = (end_lo + end_hi) / 2 - (start_lo + start_hi) / 2;
	try.error = (end_hi - end_lo) + (start_hi - start_lo);
	return try;
}

static bool is_precise(const struct calibration_try *try)
{
	return try->cycles && try->error <= try->cycles / CALIBRATE_PRECISION;
}

/* calibrate_tsc() - cycles per second from the tightest of the tries: at least
 * CALIBRATE_MIN_TRIES precise ones, or CALIBRATE_MAX_TRIES in all on a very busy host. */
static uint64_t calibrate_tsc(void)
{
	uint16_t count = pit_divisor(1000 / CALIBRATE_MS);
	struct calibration_try best = { 0, 0 };
	int precise = 0;

	for (int i = 0; i < CALIBRATE_MAX_TRIES && precise < CALIBRATE_MIN_TRIES; i++) {
		struct calibration_try try = measure_once(count);

		precise += is_precise(&try);
		if (try.cycles && (best.cycles == 0 || try.error < best.error))
			best = try;
	}
	outb(PORT_B, inb(PORT_B) & ~(PORT_B_CH2_GATE | PORT_B_SPEAKER));
	if (best.cycles == 0) {
		pr_warn("timer: PIT channel 2 never fired; assuming a 1 GHz TSC\n");
		return FALLBACK_CYCLES_PER_SEC;
	}
	if (!is_precise(&best))
		pr_warn("timer: TSC calibration uncertain by %llu cycles\n",
			(unsigned long long)best.error);
	/* cycles * PIT_HZ fits easily: even 10 ms at 100 GHz is 1e9 cycles, times 1.2e6 < 2^64. */
	return best.cycles * PIT_HZ / count;
}

/**
 * arch_timer_init() - calibrate the cycle counter, then call @tick @hz times a second.
 * @hz: tick rate; 19-1193182 (the PIT's 16-bit divisor bounds it).
 * @tick: called from the IRQ 0 handler, interrupts off.
 *
 * Context: boot, interrupts off (the first tick arrives once they are enabled). Return: nothing.
 */
void arch_timer_init(unsigned int hz, void (*tick)(void))
{
	cycles_per_sec = calibrate_tsc();
	pit_start_periodic(hz);
	irq_register(PIC_IRQ_TIMER, tick);	/* also unmasks the line at the PIC */
	pr_info("timer: PIT at %u Hz (divisor %u), TSC %llu.%03llu MHz\n", hz,
		(unsigned int)pit_divisor(hz), (unsigned long long)(cycles_per_sec / 1000000),
		(unsigned long long)(cycles_per_sec / 1000 % 1000));
}
