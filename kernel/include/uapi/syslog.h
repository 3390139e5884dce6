/* uapi/syslog.h - syslog(2)'s actions (klogctl(3) in C libraries; Linux: include/linux/
 * syslog.h, whose numbers are ABI though the header is not exported). */
#ifndef REAPER_UAPI_SYSLOG_H
#define REAPER_UAPI_SYSLOG_H

#define SYSLOG_ACTION_CLOSE		0	/* no-op */
#define SYSLOG_ACTION_OPEN		1	/* no-op */
#define SYSLOG_ACTION_READ		2	/* consume new text; waits for some */
#define SYSLOG_ACTION_READ_ALL		3	/* the newest text that fits */
#define SYSLOG_ACTION_READ_CLEAR	4	/* READ_ALL, then CLEAR */
#define SYSLOG_ACTION_CLEAR		5	/* READ_ALL forgets what is logged so far */
#define SYSLOG_ACTION_CONSOLE_OFF	6	/* console level to its minimum, saving it */
#define SYSLOG_ACTION_CONSOLE_ON	7	/* the level saved by CONSOLE_OFF back */
#define SYSLOG_ACTION_CONSOLE_LEVEL	8	/* console level = len (1..8) */
#define SYSLOG_ACTION_SIZE_UNREAD	9	/* bytes READ would return */
#define SYSLOG_ACTION_SIZE_BUFFER	10	/* the ring's size */

#endif
