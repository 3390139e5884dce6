/* trace_decode.h - turning a traced system call's raw registers into a readable line.
 * The part of trace(1) that knows what the arguments of each call mean (user/trace_decode.c);
 * the ptrace loop that collects them is user/trace.c. A struct call is one system call as the
 * tracer saw it at its two stops; a struct line is the text being built for one output line. */
#ifndef REAPER_TRACE_DECODE_H
#define REAPER_TRACE_DECODE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define LINE_CAP 1024 /* one output line, at most; longer ones are cut */

struct line {
	char buf[LINE_CAP];
	size_t len; /* chars in buf, not counting the NUL */
};

/* One system call of one task, as read with PTRACE_GETREGS. */
struct call {
	pid_t pid;	      /* the task; its memory is read for strings and buffers */
	long nr;	      /* orig_rax at the syscall-enter stop */
	unsigned long arg[6]; /* rdi, rsi, rdx, r10, r8, r9 at the syscall-enter stop */
	long ret;	      /* rax at the syscall-exit stop; valid if has_ret */
	bool has_ret;
};

void line_add(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void decode_call(struct line *l, const struct call *c);
void decode_result(struct line *l, const struct call *c);
bool decode_is_formatted_at_entry(long nr);
bool decode_never_returns(long nr);

const char *decode_signal_name(int sig);
void decode_siginfo(struct line *l, const siginfo_t *si);

#endif /* REAPER_TRACE_DECODE_H */
