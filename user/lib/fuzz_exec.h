/* fuzz_exec.h - the fuzzer's executor: random system calls inside a pid namespace
 * (user/lib/fuzz_exec.c), driven by the harness user/tests/fuzz.c. */
#ifndef REAPER_FUZZ_EXEC_H
#define REAPER_FUZZ_EXEC_H

#include <stdbool.h>
#include <stdint.h>

#define FUZZ_PROGRESS_FD 250	/* the executor's progress pipe; no random call names it */

/* Immutable once the harness has parsed its options: */
struct fuzz_config {
	uint64_t seed;		/* everything random derives from it */
	long iterations;	/* per worker */
	bool host_safe;		/* on the Linux host: the safe subset only (fuzz.c's header) */
	bool trace;		/* print every call on stderr before making it */
	char scratch[200];	/* absolute directory for the workers' files */
};

/* fuzz_mix() - a 64-bit hash of two words (splitmix64's finaliser over a + b * odd). */
uint64_t fuzz_mix(uint64_t a, uint64_t b);

/* fuzz_executor() - become worker @worker's executor (pid 1 of its innermost namespace):
 * set up files and memory, then run iterations @from .. cfg->iterations - 1, writing each
 * iteration's number to FUZZ_PROGRESS_FD before it starts and cfg->iterations at the end. */
void fuzz_executor(const struct fuzz_config *cfg, int worker, long from)
	__attribute__((noreturn));

#endif /* REAPER_FUZZ_EXEC_H */
