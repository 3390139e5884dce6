/* meminfo.c - /proc/meminfo: how much memory there is and how much is free, in Linux's
 * format ("MemTotal:       24684096 kB": the name with its colon padded to 16 columns, the
 * number in 8, then " kB"), so free(1)-style readers parse it unchanged.
 *
 * The figures come from the frame allocator (kernel/mm/frame.c), the same ones sysinfo(2)
 * reports. MemAvailable equals MemFree: reaper has no page cache to give back, and what the
 * dcache LRU holds is too small to estimate here. There is no swap, so its lines are 0. The
 * other lines of Linux's file (Buffers, Cached, Slab, ...) come when something counts them.
 * See also: kernel/sys.c (sysinfo), kernel/fs/proc/root.c. Linux: fs/proc/meminfo.c. */
#include "internal.h"
#include "arch.h"
#include "frame.h"

#define KB_PER_PAGE	(PAGE_SIZE / 1024)

static void proc_meminfo_line(struct proc_buf *pb, const char *name, size_t kb)
{
	proc_printf(pb, "%-16s%8zu kB\n", name, kb);
}

/**
 * proc_meminfo_show() - print /proc/meminfo into @pb.
 * Context: any; reads the frame counts racily (a snapshot, as on Linux). Return: 0.
 */
int proc_meminfo_show(struct proc_buf *pb)
{
	size_t free_kb = frame_free_count() * KB_PER_PAGE;

	proc_meminfo_line(pb, "MemTotal:", frame_total_count() * KB_PER_PAGE);
	proc_meminfo_line(pb, "MemFree:", free_kb);
	proc_meminfo_line(pb, "MemAvailable:", free_kb);
	proc_meminfo_line(pb, "SwapTotal:", 0);
	proc_meminfo_line(pb, "SwapFree:", 0);
	return 0;
}
