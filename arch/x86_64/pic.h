/* pic.h - the two cascaded 8259A interrupt controllers (arch/x86_64/pic.c).
 * IRQ n (0-15) arrives as vector TRAP_IRQ_BASE + n. Every line starts masked; a driver unmasks
 * the lines it handles. trap.c's dispatcher drops spurious IRQs (pic_is_spurious()) and
 * acknowledges the others with pic_eoi(). */
#ifndef REAPER_ARCH_PIC_H
#define REAPER_ARCH_PIC_H

#include "types.h"

#define PIC_NR_IRQS	16
#define PIC_IRQ_TIMER	0	/* PIT channel 0 */
#define PIC_IRQ_CASCADE	2	/* the slave PIC is wired to the master's line 2 */

void pic_init(void);
bool pic_is_spurious(int irq);
void pic_eoi(int irq);
void pic_mask(int irq);
void pic_unmask(int irq);

#endif
