/* serial.h - COM1 set-up (arch/x86_64/serial.c); output and input go through arch.h. */
#ifndef REAPER_ARCH_SERIAL_H
#define REAPER_ARCH_SERIAL_H

void serial_init(void);

#endif
