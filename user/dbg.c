/* dbg.c - a tiny debugger: breakpoints, single steps and backtraces, all with ptrace(2).
 *
 * Usage: dbg PROG [ARGS...], then one command a line after the prompt "(dbg) ":
 *   break SYM|SYM+OFF|0xADDR  (b)   stop when rip gets there (a bare SYM: after its prologue)
 *   delete N                        remove breakpoint N
 *   continue  (c)                   run until a breakpoint, a signal or the end
 *   step  (s, stepi, si)            run one machine instruction
 *   regs                            the general registers
 *   x ADDR|$REG [N]                 N 8-byte words of memory from there (ADDR as for break)
 *   bt                              the calls that led here, by the frame-pointer chain
 *   quit  (q)                       kill the program and leave (so does the end of input)
 * An empty line repeats the last command. The lines the tests match (docs/dbg.md):
 *   "Breakpoint N set at 0xADDR <SYM+OFF>", a hit "Breakpoint N at 0xADDR <SYM+OFF>", a step
 *   "0xADDR <SYM+OFF>", bt "#I  0xADDR <SYM+OFF>", "Program exited with status N",
 *   "Program killed by SIGX", "Program received SIGX at 0xADDR <SYM+OFF>".
 *
 * How it works. PROG is forked with PTRACE_TRACEME and stops with SIGTRAP right after its
 * execve, before its first instruction. Names come from PROG's own ELF symbol table (.symtab,
 * read by user/lib/symtab.c), so PROG must be a fixed-address executable (ET_EXEC, which
 * musl-gcc -static makes) that still has its symbols: then an address in the file is the
 * address in memory. A breakpoint is the one-byte instruction int3 (0xcc) written over the
 * first byte of an instruction. The trap it raises leaves rip one byte past it, so a hit is
 * "SIGTRAP, and rip - 1 is a breakpoint"; dbg moves rip back so the instruction runs later.
 * Invariants: the tracee is stopped whenever the prompt is shown; every breakpoint's int3 is
 * in the text whenever the tracee runs, except during the one single step that carries the
 * tracee over the breakpoint it stands on (resume()).
 * Requests used: TRACEME, PEEKTEXT, PEEKDATA, POKETEXT, GETREGS, SETREGS, CONT and
 * SINGLESTEP, with waitpid(pid, &status, 0); quit is kill(pid, SIGKILL).
 * See also: user/dbgdemo.c (a program to try it on), docs/dbg.md (a walk-through),
 * tests/dbg-on-linux.py. Linux: kernel/ptrace.c, arch/x86/kernel/step.c; gdb is the real one.
 */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lib/symtab.h"

#define INT3		0xcc	/* the one-byte breakpoint instruction */
#define MAX_BREAKPOINTS	16
#define MAX_FRAMES	64	/* bt stops there: a corrupt rbp chain could go on for ever */
#define MAX_WORDS	64	/* the most words one x prints */
#define PUSH_RBP	0x55		/* push %rbp */
#define MOV_RSP_RBP	0xe58948	/* mov %rsp,%rbp (48 89 e5) */
#define ENDBR64		0xfa1e0ff3	/* endbr64 (f3 0f 1e fa), when built with -fcf-protection */

struct breakpoint {
	uint64_t addr;		/* 0: this slot is free */
	unsigned char saved;	/* the instruction byte the int3 replaced */
};

/* Everything dbg knows; one for the whole run. */
struct session {
	pid_t pid;		/* the tracee, our child */
	bool alive;		/* false once it has exited or been killed */
	int pending_sig;	/* a signal it stopped with, delivered on the next resume; 0 none */
	struct symtab symtab;	/* PROG's functions and variables (lib/symtab.c) */
	struct breakpoint bps[MAX_BREAKPOINTS];	/* breakpoint N is bps[N - 1] */
};

/* ---- The tracee's memory and registers -------------------------------------------------- */

/* peek() - the 8-byte word at @addr (request PTRACE_PEEKTEXT or PTRACE_PEEKDATA).
 * Return: 0, or -1 with errno set if the tracee cannot read there. */
static int peek(const struct session *s, int request, uint64_t addr, uint64_t *word)
{
	long value;

	/* The word itself is the return value, so -1 is a valid word: only errno tells. */
	errno = 0;
	value = ptrace(request, s->pid, (void *)addr, NULL);
	if (errno)
		return -1;
	*word = (uint64_t)value;
	return 0;
}

/* peek_code() - the program's own code at @addr: the word as PTRACE_PEEKTEXT reads it, with
 * the bytes our int3s replaced put back, so that dbg can read past its own breakpoints.
 * Return: 0, or -1 with errno set. */
static int peek_code(const struct session *s, uint64_t addr, uint64_t *word)
{
	if (peek(s, PTRACE_PEEKTEXT, addr, word) < 0)
		return -1;
	for (int i = 0; i < MAX_BREAKPOINTS; i++) {
		uint64_t shift = 8 * (s->bps[i].addr - addr);	/* the byte's place in the word */

		if (s->bps[i].addr && s->bps[i].addr - addr < 8)
			*word = (*word & ~(0xffULL << shift)) | (uint64_t)s->bps[i].saved << shift;
	}
	return 0;
}

/* poke_text() - write the word at @addr, even in read-only text (ptrace may; the tracee may
 * not). Return: 0, or -1 with errno set. */
static int poke_text(const struct session *s, uint64_t addr, uint64_t word)
{
	return ptrace(PTRACE_POKETEXT, s->pid, (void *)addr, (void *)word) < 0 ? -1 : 0;
}

static int get_regs(const struct session *s, struct user_regs_struct *regs)
{
	return ptrace(PTRACE_GETREGS, s->pid, NULL, regs) < 0 ? -1 : 0;
}

/* prologue_length() - how many bytes of [endbr64;] push %rbp; mov %rsp,%rbp start the function
 * at @addr: 0, if it does not start so. *push_at is where the push is. */
static uint64_t prologue_length(const struct session *s, uint64_t addr, uint64_t *push_at)
{
	uint64_t word, skip = 0;

	if (peek_code(s, addr, &word) < 0)
		return 0;
	if ((word & 0xffffffff) == ENDBR64) {
		skip = 4;
		word >>= 32;
	}
	*push_at = addr + skip;
	if ((word & 0xff) == PUSH_RBP && ((word >> 8) & 0xffffff) == MOV_RSP_RBP)
		return skip + 4;
	return 0;
}

/* The registers by name, as regs prints them (rip first, then three a line) and as x takes
 * them ($rsp); offsets into struct user_regs_struct, which PTRACE_GETREGS fills. */
static const struct {
	const char *name;
	size_t offset;
} reg_table[] = {
	{ "rip", offsetof(struct user_regs_struct, rip) },
	{ "rax", offsetof(struct user_regs_struct, rax) },
	{ "rbx", offsetof(struct user_regs_struct, rbx) },
	{ "rcx", offsetof(struct user_regs_struct, rcx) },
	{ "rdx", offsetof(struct user_regs_struct, rdx) },
	{ "rsi", offsetof(struct user_regs_struct, rsi) },
	{ "rdi", offsetof(struct user_regs_struct, rdi) },
	{ "rbp", offsetof(struct user_regs_struct, rbp) },
	{ "rsp", offsetof(struct user_regs_struct, rsp) },
	{ "r8", offsetof(struct user_regs_struct, r8) },
	{ "r9", offsetof(struct user_regs_struct, r9) },
	{ "r10", offsetof(struct user_regs_struct, r10) },
	{ "r11", offsetof(struct user_regs_struct, r11) },
	{ "r12", offsetof(struct user_regs_struct, r12) },
	{ "r13", offsetof(struct user_regs_struct, r13) },
	{ "r14", offsetof(struct user_regs_struct, r14) },
	{ "r15", offsetof(struct user_regs_struct, r15) },
	{ "eflags", offsetof(struct user_regs_struct, eflags) },
	{ "cs", offsetof(struct user_regs_struct, cs) },
	{ "ss", offsetof(struct user_regs_struct, ss) },
	{ "fs_base", offsetof(struct user_regs_struct, fs_base) },
	{ "orig_rax", offsetof(struct user_regs_struct, orig_rax) },
};

static uint64_t reg_value(const struct user_regs_struct *regs, size_t i)
{
	uint64_t value;

	memcpy(&value, (const char *)regs + reg_table[i].offset, sizeof(value));
	return value;
}

/* parse_register() - the value of register "$NAME" @text. Return: 0, or -1 after a message. */
static int parse_register(const struct session *s, const char *text, uint64_t *value)
{
	struct user_regs_struct regs;

	for (size_t i = 0; i < sizeof(reg_table) / sizeof(reg_table[0]); i++) {
		if (strcmp(text + 1, reg_table[i].name) != 0)
			continue;
		if (get_regs(s, &regs) < 0)
			return -1;
		*value = reg_value(&regs, i);
		return 0;
	}
	printf("No register \"%s\"\n", text);
	return -1;
}

/* parse_location() - @text as an address: 0xADDR, $REG, SYM or SYM+OFF. For a bare SYM with
 * @after_prologue, the address after its frame-pointer prologue, where rbp already points at
 * the new frame, so bt is right there (gdb skips prologues for the same reason).
 * Return: 0, or -1 after a message. */
static int parse_location(const struct session *s, const char *text, bool after_prologue,
			  uint64_t *addr)
{
	char name[128], *end;
	const struct symbol *sym;
	uint64_t off = 0, push_at;
	const char *plus = strchr(text, '+');

	if (text[0] == '$')
		return parse_register(s, text, addr);
	if (text[0] >= '0' && text[0] <= '9') {
		*addr = strtoull(text, &end, 0);
		if (*end == '\0')
			return 0;
		printf("Bad address \"%s\"\n", text);
		return -1;
	}
	snprintf(name, sizeof(name), "%.*s", plus ? (int)(plus - text) : (int)strlen(text), text);
	sym = symtab_by_name(&s->symtab, name);
	if (!sym) {
		printf("No symbol \"%s\" in the program\n", name);
		return -1;
	}
	if (plus)
		off = strtoull(plus + 1, NULL, 0);
	else if (after_prologue)
		off = prologue_length(s, sym->addr, &push_at);
	*addr = sym->addr + off;
	return 0;
}

/* ---- Breakpoints ------------------------------------------------------------------------ */

/* bp_at() - the breakpoint at @addr, or NULL. (No breakpoint is at 0: a free slot.) */
static struct breakpoint *bp_at(struct session *s, uint64_t addr)
{
	for (int i = 0; addr && i < MAX_BREAKPOINTS; i++)
		if (s->bps[i].addr == addr)
			return &s->bps[i];
	return NULL;
}

static struct breakpoint *bp_free_slot(struct session *s)
{
	for (int i = 0; i < MAX_BREAKPOINTS; i++)
		if (!s->bps[i].addr)
			return &s->bps[i];
	return NULL;
}

static int bp_number(const struct session *s, const struct breakpoint *bp)
{
	return (int)(bp - s->bps) + 1;
}

/* bp_write() - put the int3 into the text (@insert) or the saved byte back (!@insert).
 * ptrace moves whole words, so read the word, change its low byte, write it back; read it
 * afresh each time, since a breakpoint on a neighbouring byte may have changed the others.
 * Return: 0, or -1 with errno set. */
static int bp_write(struct session *s, struct breakpoint *bp, bool insert)
{
	uint64_t word;

	if (peek(s, PTRACE_PEEKTEXT, bp->addr, &word) < 0)
		return -1;
	if (insert)
		bp->saved = word & 0xff;
	word = (word & ~0xffULL) | (insert ? INT3 : bp->saved);
	return poke_text(s, bp->addr, word);
}

/* ---- Running the tracee ----------------------------------------------------------------- */

static const char *signal_name(int sig)
{
	static const char *const names[] = {
		[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
		[SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
		[SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
		[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
		[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
		[SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT", [SIGSTOP] = "SIGSTOP",
		[SIGTSTP] = "SIGTSTP", [SIGTTIN] = "SIGTTIN", [SIGTTOU] = "SIGTTOU",
		[SIGSYS] = "SIGSYS",
	};
	static char other[16];

	if (sig > 0 && sig < (int)(sizeof(names) / sizeof(names[0])) && names[sig])
		return names[sig];
	snprintf(other, sizeof(other), "signal %d", sig);
	return other;
}

/* ptrace_and_wait() - resume the tracee with @request (PTRACE_CONT or PTRACE_SINGLESTEP),
 * handing it the pending signal, and wait until it stops or ends.
 * Return: the wait status, or -1 after a message. */
static int ptrace_and_wait(struct session *s, int request)
{
	int status;

	if (ptrace(request, s->pid, NULL, (void *)(long)s->pending_sig) < 0 ||
	    waitpid(s->pid, &status, 0) < 0) {
		perror("dbg: ptrace");
		return -1;
	}
	s->pending_sig = 0;
	return status;
}

/* resume() - run one instruction (@single) or until the tracee stops; its wait status.
 * Standing on a breakpoint, the int3 would trap at once, so first:
 *   1. put the instruction's byte back,
 *   2. run just that instruction (PTRACE_SINGLESTEP: the kernel sets the trap flag, TF),
 *   3. write the int3 again, so the next time round it is hit.
 * A stop with another signal, or the end of the tracee, is returned as it is. */
static int resume(struct session *s, bool single)
{
	struct user_regs_struct regs;
	struct breakpoint *bp;
	int status;

	if (get_regs(s, &regs) < 0 || !(bp = bp_at(s, regs.rip)))
		return ptrace_and_wait(s, single ? PTRACE_SINGLESTEP : PTRACE_CONT);
	if (bp_write(s, bp, false) < 0)
		return -1;
	status = ptrace_and_wait(s, PTRACE_SINGLESTEP);
	if (status == -1 || !WIFSTOPPED(status))
		return status;
	bp_write(s, bp, true);
	if (single || WSTOPSIG(status) != SIGTRAP)
		return status;
	return ptrace_and_wait(s, PTRACE_CONT);
}

/* report() - say why the tracee stopped (@status, from resume()); on a breakpoint hit, move
 * rip back onto the breakpoint, so it points at the instruction the int3 stands in for. */
static void report(struct session *s, int status, bool single)
{
	struct user_regs_struct regs;
	struct breakpoint *bp;
	char where[160];

	if (status == -1)
		return;
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		if (WIFEXITED(status))
			printf("Program exited with status %d\n", WEXITSTATUS(status));
		else
			printf("Program killed by %s\n", signal_name(WTERMSIG(status)));
		s->alive = false;
		return;
	}
	if (get_regs(s, &regs) < 0)
		return;
	if (WSTOPSIG(status) != SIGTRAP) {
		/* Held back, and passed on at the next resume, as gdb does; but a ^C typed at
		 * the terminal (SIGINT) only meant "stop and let me look". */
		s->pending_sig = WSTOPSIG(status) == SIGINT ? 0 : WSTOPSIG(status);
		printf("Program received %s at %s\n", signal_name(WSTOPSIG(status)),
		       symtab_describe(&s->symtab, regs.rip, where, sizeof(where)));
	} else if (!single && (bp = bp_at(s, regs.rip - 1))) {
		regs.rip--;
		if (ptrace(PTRACE_SETREGS, s->pid, NULL, &regs) < 0)
			perror("dbg: PTRACE_SETREGS");
		printf("Breakpoint %d at %s\n", bp_number(s, bp),
		       symtab_describe(&s->symtab, regs.rip, where, sizeof(where)));
	} else {
		printf("%s\n", symtab_describe(&s->symtab, regs.rip, where, sizeof(where)));
	}
}

/* run_tracee() - the child: ask to be traced, then become PROG. Does not return. */
static void run_tracee(char **argv)
{
	/* dbg ignores ^C; a signal ignored stays ignored across execve, so undo it here. */
	signal(SIGINT, SIG_DFL);
	if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0) {
		perror("dbg: PTRACE_TRACEME");
		_exit(127);
	}
	/* A tracee that succeeds in execve stops with SIGTRAP before its first instruction. */
	execv(argv[0], argv);
	perror(argv[0]);
	_exit(127);
}

/* start() - fork PROG under ptrace and wait for its stop at execve. Return: 0, or -1. */
static int start(struct session *s, char **argv)
{
	struct user_regs_struct regs;
	char where[160];
	int status = -1;

	fflush(stdout);		/* or the child would print our buffered lines again */
	s->pid = fork();
	if (s->pid < 0) {
		perror("dbg: fork");
		return -1;
	}
	if (s->pid == 0)
		run_tracee(argv);
	if (waitpid(s->pid, &status, 0) < 0 || !WIFSTOPPED(status) ||
	    WSTOPSIG(status) != SIGTRAP) {
		report(s, status, false);
		fprintf(stderr, "dbg: %s did not stop at its execve\n", argv[0]);
		return -1;
	}
	s->alive = true;
	if (get_regs(s, &regs) == 0)
		printf("Program %s (pid %d) stopped at its entry point %s\n", argv[0], s->pid,
		       symtab_describe(&s->symtab, regs.rip, where, sizeof(where)));
	return 0;
}

/* ---- Commands --------------------------------------------------------------------------- */

static void cmd_break(struct session *s, const char *arg, const char *unused)
{
	struct breakpoint *bp;
	uint64_t addr;
	char where[160];

	(void)unused;
	if (!arg || parse_location(s, arg, true, &addr) < 0)
		return;
	if ((bp = bp_at(s, addr))) {
		printf("Breakpoint %d is already there\n", bp_number(s, bp));
		return;
	}
	if (!(bp = bp_free_slot(s))) {
		printf("Too many breakpoints (%d)\n", MAX_BREAKPOINTS);
		return;
	}
	bp->addr = addr;
	if (bp_write(s, bp, true) < 0) {
		printf("Cannot write to 0x%lx: %s\n", addr, strerror(errno));
		bp->addr = 0;
		return;
	}
	printf("Breakpoint %d set at %s\n", bp_number(s, bp),
	       symtab_describe(&s->symtab, addr, where, sizeof(where)));
}

static void cmd_delete(struct session *s, const char *arg, const char *unused)
{
	long n = arg ? strtol(arg, NULL, 10) : 0;

	(void)unused;
	if (n < 1 || n > MAX_BREAKPOINTS || !s->bps[n - 1].addr) {
		printf("No breakpoint %s\n", arg ? arg : "given");
		return;
	}
	bp_write(s, &s->bps[n - 1], false);
	s->bps[n - 1].addr = 0;
	printf("Deleted breakpoint %ld\n", n);
}

static void cmd_continue(struct session *s, const char *unused1, const char *unused2)
{
	(void)unused1, (void)unused2;
	report(s, resume(s, false), false);
}

static void cmd_step(struct session *s, const char *unused1, const char *unused2)
{
	(void)unused1, (void)unused2;
	report(s, resume(s, true), true);
}

static void cmd_regs(struct session *s, const char *unused1, const char *unused2)
{
	struct user_regs_struct regs;
	const size_t n = sizeof(reg_table) / sizeof(reg_table[0]);
	char where[160];

	(void)unused1, (void)unused2;
	if (get_regs(s, &regs) < 0) {
		perror("dbg: PTRACE_GETREGS");
		return;
	}
	printf("rip      %s\n", symtab_describe(&s->symtab, regs.rip, where, sizeof(where)));
	for (size_t i = 1; i < n; i++)
		printf("%-8s 0x%016lx%s", reg_table[i].name, reg_value(&regs, i),
		       i % 3 == 0 || i == n - 1 ? "\n" : "  ");
}

static void cmd_x(struct session *s, const char *arg, const char *count)
{
	long n = count ? strtol(count, NULL, 0) : 1;
	uint64_t addr, word;
	char where[160];

	if (!arg || parse_location(s, arg, false, &addr) < 0)
		return;
	if (n < 1 || n > MAX_WORDS)
		n = n < 1 ? 1 : MAX_WORDS;
	for (long i = 0; i < n; i++, addr += 8) {
		if (peek(s, PTRACE_PEEKDATA, addr, &word) < 0) {
			printf("Cannot read 0x%lx: %s\n", addr, strerror(errno));
			return;
		}
		printf("%s: 0x%016lx\n",
		       symtab_describe(&s->symtab, addr, where, sizeof(where)), word);
	}
}

/* frame0_caller() - where frame #0 returns to, and the frame pointer of its caller.
 * Once the prologue has run, rbp points at the saved rbp with the return address above it,
 * like every frame further up. Inside the prologue it does not yet: before the push the
 * return address is at rsp and rbp is still the caller's; after the push, at rsp + 8. */
static int frame0_caller(const struct session *s, const struct user_regs_struct *regs,
			 uint64_t *ret, uint64_t *fp)
{
	const struct symbol *fn = symtab_by_addr(&s->symtab, regs->rip);
	uint64_t push_at = 0, len = fn ? prologue_length(s, fn->addr, &push_at) : 0;

	if (len && regs->rip < fn->addr + len) {
		*fp = regs->rbp;
		return peek(s, PTRACE_PEEKDATA, regs->rsp + (regs->rip > push_at ? 8 : 0), ret);
	}
	if (regs->rbp == 0 || peek(s, PTRACE_PEEKDATA, regs->rbp + 8, ret) < 0)
		return -1;
	return peek(s, PTRACE_PEEKDATA, regs->rbp, fp);
}

/* is_main() - bt stops at main, as gdb does: the frames of musl's start-up code below it were
 * built without frame pointers, so the chain goes astray there. */
static bool is_main(const struct session *s, uint64_t addr)
{
	const struct symbol *sym = symtab_by_addr(&s->symtab, addr);

	return sym && strcmp(sym->name, "main") == 0;
}

/* cmd_bt() - walk the frame-pointer chain: each frame's rbp points at the caller's saved rbp,
 * and the return address into the caller lies just above it, at rbp + 8. */
static void cmd_bt(struct session *s, const char *unused1, const char *unused2)
{
	struct user_regs_struct regs;
	uint64_t ret, fp, next;
	char where[160];

	(void)unused1, (void)unused2;
	if (get_regs(s, &regs) < 0)
		return;
	printf("#0  %s\n", symtab_describe(&s->symtab, regs.rip, where, sizeof(where)));
	if (is_main(s, regs.rip) || frame0_caller(s, &regs, &ret, &fp) < 0)
		return;
	for (int i = 1; i < MAX_FRAMES && ret != 0; i++) {
		printf("#%-2d %s\n", i, symtab_describe(&s->symtab, ret, where, sizeof(where)));
		if (is_main(s, ret) || fp == 0)
			return;
		/* The stack grows down, so each caller's frame lies above its callee's. */
		if (peek(s, PTRACE_PEEKDATA, fp + 8, &ret) < 0 ||
		    peek(s, PTRACE_PEEKDATA, fp, &next) < 0 || next <= fp)
			return;
		fp = next;
	}
}

static void cmd_quit(struct session *s, const char *unused1, const char *unused2)
{
	(void)unused1, (void)unused2;
	if (s->alive) {
		kill(s->pid, SIGKILL);
		waitpid(s->pid, NULL, 0);
	}
	exit(0);
}

static void cmd_help(struct session *s, const char *unused1, const char *unused2);

static const struct command {
	const char *names[4];	/* the name, then its abbreviations */
	void (*run)(struct session *s, const char *arg, const char *arg2);
	bool needs_tracee;	/* makes no sense once the program has ended */
	const char *usage, *help;
} commands[] = {
	{ { "break", "b" }, cmd_break, true, "break SYM|SYM+OFF|0xADDR", "set a breakpoint" },
	{ { "delete" }, cmd_delete, true, "delete N", "remove breakpoint N" },
	{ { "continue", "c" }, cmd_continue, true, "continue", "run to the next stop" },
	{ { "step", "s", "stepi", "si" }, cmd_step, true, "step", "run one instruction" },
	{ { "regs" }, cmd_regs, true, "regs", "show the registers" },
	{ { "x" }, cmd_x, true, "x ADDR|$REG [N]", "show N words of memory from there" },
	{ { "bt" }, cmd_bt, true, "bt", "show the chain of calls" },
	{ { "quit", "q" }, cmd_quit, false, "quit", "kill the program and leave" },
	{ { "help", "h" }, cmd_help, false, "help", "this list" },
};

static void cmd_help(struct session *s, const char *unused1, const char *unused2)
{
	(void)s, (void)unused1, (void)unused2;
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		printf("  %-26s %s\n", commands[i].usage, commands[i].help);
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		for (int j = 0; j < 4 && commands[i].names[j]; j++)
			if (strcmp(commands[i].names[j], name) == 0)
				return &commands[i];
	return NULL;
}

/* run_line() - split one input line into words and run its command. */
static void run_line(struct session *s, char *line)
{
	const char *delims = " \t\r\n";
	char *name = strtok(line, delims), *arg, *arg2;
	const struct command *cmd;

	if (!name)
		return;
	arg = strtok(NULL, delims);
	arg2 = arg ? strtok(NULL, delims) : NULL;
	cmd = find_command(name);
	if (!cmd)
		printf("Unknown command \"%s\"; try help\n", name);
	else if (cmd->needs_tracee && !s->alive)
		printf("The program is not running\n");
	else
		cmd->run(s, arg, arg2);
}

int main(int argc, char **argv)
{
	struct session s = { 0 };
	char line[256], last[256] = "";

	if (argc < 2) {
		fprintf(stderr, "usage: dbg PROG [ARGS...]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);	/* whole lines, even into a pipe */
	if (symtab_load(&s.symtab, argv[1]) < 0)
		return 1;
	printf("Read %zu symbols from %s\n", s.symtab.nsyms, argv[1]);
	/* ^C stops the tracee (it reports SIGINT), not the debugger. */
	signal(SIGINT, SIG_IGN);
	if (start(&s, argv + 1) < 0)
		return 1;
	for (;;) {
		printf("(dbg) ");
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin)) {
			printf("\n");
			cmd_quit(&s, NULL, NULL);
		}
		/* strtok cuts the line up, so keep the copy for repeating before it runs. */
		if (strspn(line, " \t\r\n") == strlen(line))
			strcpy(line, last);
		else
			strcpy(last, line);
		run_line(&s, line);
	}
}
