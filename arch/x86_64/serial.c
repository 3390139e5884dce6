/* serial.c - the 16550 UART on COM1, the kernel's console.
 *
 * Everything the kernel prints goes out here, and under QEMU (-serial stdio) it is the
 * terminal a student types into. Output is polled: it waits until the transmit holding
 * register is empty. Input is interrupt-driven once the tty asks for it
 * (arch_console_enable_input()): the UART raises IRQ 4 when its receive FIFO reaches the
 * threshold or has held data for a few character times, and the handler drains the FIFO into
 * the tty's line discipline. 115200 baud, 8 data bits, no parity, 1 stop bit.
 * Locking: none here; printk serialises console output with its own lock, the tty its own.
 * See also: kernel/lib/printk.c, kernel/fs/tty.c. Linux: drivers/tty/serial/8250/. */
#include "arch.h"
#include "io.h"
#include "serial.h"
#include "trap.h"
#include "tty.h"

#define COM1		0x3f8
#define REG_DATA	0	/* receive/transmit (DLAB=0), divisor low (DLAB=1) */
#define REG_IER		1	/* interrupt enable (DLAB=0), divisor high (DLAB=1) */
#define IER_RX_DATA	0x01	/* interrupt when received data is available */
#define REG_FCR		2	/* FIFO control */
#define REG_LCR		3	/* line control; bit 7 = DLAB */
#define REG_MCR		4	/* modem control */
#define REG_LSR		5	/* line status */
#define LSR_DATA_READY	0x01
#define LSR_THR_EMPTY	0x20
#define COM1_IRQ	4

static bool serial_ready;

/* serial_init() - 115200 8N1, FIFOs on, no interrupts yet. */
void serial_init(void)
{
	outb(COM1 + REG_IER, 0x00);
	outb(COM1 + REG_LCR, 0x80);	/* DLAB: the next two writes are the divisor */
	outb(COM1 + REG_DATA, 0x01);	/* 115200 / 1 */
	outb(COM1 + REG_IER, 0x00);
	outb(COM1 + REG_LCR, 0x03);	/* 8N1, DLAB off */
	outb(COM1 + REG_FCR, 0x07);	/* enable and clear FIFOs; interrupt at every received byte */
	outb(COM1 + REG_MCR, 0x0b);	/* DTR, RTS, OUT2 */
	serial_ready = true;
}

static void serial_putc_raw(char c)
{
	while (!(inb(COM1 + REG_LSR) & LSR_THR_EMPTY))
		arch_cpu_relax();
	outb(COM1 + REG_DATA, (uint8_t)c);
}

/* arch_console_putc() - one byte to the console; "\n" becomes "\r\n" as a terminal expects. */
void arch_console_putc(char c)
{
	if (!serial_ready)
		serial_init();
	if (c == '\n')
		serial_putc_raw('\r');
	serial_putc_raw(c);
}

/* arch_console_getc() - the next received byte, or -1 if none is waiting. */
int arch_console_getc(void)
{
	if (!(inb(COM1 + REG_LSR) & LSR_DATA_READY))
		return -1;
	return inb(COM1 + REG_DATA);
}

/* serial_rx_irq() - IRQ 4: hand every byte waiting in the receive FIFO to the tty. */
static void serial_rx_irq(void)
{
	int c;

	while ((c = arch_console_getc()) >= 0)
		tty_receive_byte((char)c);
}

/* arch_console_enable_input() - deliver received bytes to tty_receive_byte() from now on. */
void arch_console_enable_input(void)
{
	irq_register(COM1_IRQ, serial_rx_irq);
	outb(COM1 + REG_IER, IER_RX_DATA);
}
