/* procbench.h - what procbench's files share: the benchmark table's entry, the options, the
 * helpers' error reports and bookkeeping, and each file's samples.
 * procbench.c runs the benchmarks (the runner, the table, main); report.c has the helpers every
 * sample uses (errors, the clock, tracking and reaping helpers, report bytes on pipes);
 * lifecycle.c the samples of one process's life (syscall, fork, vfork, exec); pidns.c the
 * namespace samples (inits, members, the tracer); procfs.c the /proc samples and the proc
 * mount they walk. See procbench.c for what each benchmark measures.
 */
#ifndef REAPER_PROCBENCH_H
#define REAPER_PROCBENCH_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#define NULL_BATCH  10000 /* getppid() calls per syscall-null sample */
#define MAX_TRACKED 4	  /* helpers alive at once in one sample */
#define NS_PER_US   1000.0
#define EXEC_ARG    "--exit-at-once" /* fork-exec-wait's child: main() returns 0 at once */

/* The proc- benchmarks */
#define WALK_SLEEPERS 40    /* proc-walk: our sleeping children in /proc during a walk */
#define GROWTH_ROUNDS 50    /* proc-growth: fork/walk/reap rounds per sample */
#define STATUS_MAX    4096  /* a /proc/<pid>/status (Linux's: ~1.5 kB) */
#define SLABINFO_MAX  65536 /* /proc/slabinfo (Linux's: ~200 caches, 30-40 kB) */
#define GROWTH_CACHE  "proc_inode_cache" /* proc-growth: the slab cache it watches */

/* What a sample returns: 0, a positive errno value, or one of these. */
#define ERR_NOT_INIT (-1) /* the child of clone(CLONE_NEWPID) is not pid 1 */
#define ERR_STATUS   (-2) /* a helper ended with an unexpected wait status */
#define ERR_EOF	     (-3) /* a helper closed its pipe without a report */
#define ERR_STOP     (-4) /* the tracer saw a ptrace stop it did not expect */
#define ERR_NO_SLAB  (-5) /* /proc/slabinfo has no GROWTH_CACHE line (some Linux hosts) */

/* Helpers (inits, members, the tracer) report an error as one byte on a pipe and as their exit
 * status: errno values as they are, ours from CODE_BASE on (ERR_NOT_INIT is CODE_BASE + 1). */
#define CODE_BASE 200

struct bench {
	const char *name;
	int (*sample)(const struct bench *b, double *ns); /* one timed repetition */
	int members;					  /* pidns-teardown-N: N; else unused */
	int reps;					  /* default number of timed samples */
	const char *unit; /* "ns" or "us", for the output line; else a count's, not scaled */
	bool needs_proc;  /* walks procfs.dir: procbench mounts a proc first if need be */
};

/* The proc the proc- benchmarks walk, set up by main() before any runner is forked. */
struct proc_mount {
	char dir[64];  /* "/proc", or our directory under /tmp */
	int err;       /* why there is no proc to walk (an errno value); 0 if there is one */
	bool mounted;  /* we mounted it: unmount it at the end */
	bool made_dir; /* we made dir: remove it at the end */
};

/* report.c */
extern volatile pid_t tracked[MAX_TRACKED]; /* helpers alive; the timeout handler kills them */
const char *err_name(int err);
int err_to_code(int err);
int code_to_err(int code);
uint64_t now_ns(void);
void track(pid_t pid);
void kill_tracked(void);
int reap(pid_t pid, int *status);
void abandon(void);
int exit_error(int status);
void send_report(int fd, int err);
int read_reports(int fd, int n);

/* lifecycle.c */
extern const char *self_path; /* what fork-exec-wait execs: procbench itself */
int sample_syscall_null(const struct bench *b, double *ns);
int sample_fork_exit_wait(const struct bench *b, double *ns);
int sample_vfork_exit_wait(const struct bench *b, double *ns);
int sample_fork_exec_wait(const struct bench *b, double *ns);

/* pidns.c */
extern volatile uint64_t *reap_stamp; /* shared page: when the tracer's wait returned */
int sample_pidns_create(const struct bench *b, double *ns);
int sample_pidns_teardown(const struct bench *b, double *ns);
int sample_pidns_traced_reap(const struct bench *b, double *ns);

/* procfs.c */
extern struct proc_mount procfs; /* the proc the proc- benchmarks walk */
void proc_setup(void);
void proc_teardown(void);
int sample_proc_walk(const struct bench *b, double *ns);
int sample_proc_growth(const struct bench *b, double *objs);

#endif /* REAPER_PROCBENCH_H */
