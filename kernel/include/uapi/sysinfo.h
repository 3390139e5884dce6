/* uapi/sysinfo.h - what sysinfo(2) returns (linux/sysinfo.h), 112 bytes on x86-64. Linux
 * ends the struct with char _f[20 - 2 * sizeof(long) - sizeof(int)], which is empty on a
 * 64-bit machine, so it is left out here. */
#ifndef REAPER_UAPI_SYSINFO_H
#define REAPER_UAPI_SYSINFO_H

#include <stdint.h>

#define SI_LOAD_SHIFT	16	/* loads[] are fixed point with 16 fraction bits */

struct sysinfo {
	int64_t uptime;		/* seconds since boot */
	uint64_t loads[3];	/* 1, 5 and 15 minute load averages */
	uint64_t totalram;	/* usable RAM, in mem_unit units */
	uint64_t freeram;
	uint64_t sharedram;
	uint64_t bufferram;
	uint64_t totalswap;
	uint64_t freeswap;
	uint16_t procs;		/* number of threads (Linux counts tasks) */
	uint16_t pad;
	uint64_t totalhigh;	/* no high memory on x86-64 */
	uint64_t freehigh;
	uint32_t mem_unit;	/* bytes per unit of the memory fields */
};

#endif
