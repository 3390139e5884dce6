/* wait.h - waiting for children from inside the kernel (kernel/wait.c); wait4 and waitid
 * are in syscalls.h. */
#ifndef REAPER_WAIT_H
#define REAPER_WAIT_H

void wait_reap_children(void);

#endif
