/* printk.h - the kernel log: leveled messages into a ring buffer and onto the console.
 * Levels are Linux's numbers (0 = emergency … 7 = debug). Every message is kept in the log
 * ring as "<level>[seconds.micros] text" lines (read back by dmesg through syslog(2),
 * kernel/syslog.c); it is also printed on the console when its level is below the console
 * level (`loglevel=N`, `quiet` = 4; syslog's CONSOLE_* actions). See kernel/lib/printk.c. */
#ifndef REAPER_PRINTK_H
#define REAPER_PRINTK_H

#include <stdarg.h>
#include "compiler.h"

#define LOGLEVEL_EMERG		0	/* the system is unusable */
#define LOGLEVEL_ALERT		1
#define LOGLEVEL_CRIT		2
#define LOGLEVEL_ERR		3	/* an operation failed */
#define LOGLEVEL_WARNING	4	/* suspicious, but carrying on */
#define LOGLEVEL_NOTICE		5
#define LOGLEVEL_INFO		6	/* boot progress */
#define LOGLEVEL_DEBUG		7

#define LOGLEVEL_DEFAULT_CONSOLE 7	/* print everything but debug */
#define LOG_RING_SIZE		(64 * 1024)

void printk(int level, const char *fmt, ...) PRINTF_LIKE(2, 3);
void vprintk(int level, const char *fmt, va_list ap);
void printk_set_console_level(int level);
int printk_console_level(void);
void printk_set_clock(uint64_t (*clock_ns)(void));
size_t printk_log_read_all(char *buf, size_t len, bool clear);
void printk_log_clear(void);
size_t printk_log_unread(void);
size_t printk_log_read(char *buf, size_t len);
void printk_enter_panic(void);

#define pr_emerg(...)	printk(LOGLEVEL_EMERG, __VA_ARGS__)
#define pr_err(...)	printk(LOGLEVEL_ERR, __VA_ARGS__)
#define pr_warn(...)	printk(LOGLEVEL_WARNING, __VA_ARGS__)
#define pr_notice(...)	printk(LOGLEVEL_NOTICE, __VA_ARGS__)
#define pr_info(...)	printk(LOGLEVEL_INFO, __VA_ARGS__)
#define pr_debug(...)	printk(LOGLEVEL_DEBUG, __VA_ARGS__)

#endif
