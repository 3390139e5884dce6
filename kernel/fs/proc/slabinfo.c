/* slabinfo.c - /proc/slabinfo: every slab cache's object and slab counts, in Linux's
 * "slabinfo - version: 2.1" format, so tools and tests written for Linux read it unchanged.
 *
 * One line per cache, in creation order (slab_stats_collect, kernel/mm/slab.c). Our caches
 * have no per-CPU arrays, so the SLAB allocator's tunables (limit, batchcount, sharedfactor)
 * and sharedavail are 0 - what Linux's SLUB prints too. The leak check of the test runner
 * (user/tests/run.c) compares the active_objs column before and after each suite.
 * See also: kernel/include/slab.h, kernel/fs/proc/root.c. Linux: mm/slab_common.c
 * (print_slabinfo_header, cache_show). */
#include "internal.h"
#include "kmalloc.h"
#include "slab.h"
#include "uapi/errno.h"

#define SLABINFO_MAX_CACHES	256	/* caches listed; more than the kernel ever makes */

/* proc_slabinfo_header() - the two lines before the caches, byte for byte Linux's. */
static void proc_slabinfo_header(struct proc_buf *pb)
{
	proc_printf(pb, "slabinfo - version: 2.1\n");
	proc_printf(pb, "# name            <active_objs> <num_objs> <objsize> <objperslab> "
			"<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata "
			"<active_slabs> <num_slabs> <sharedavail>\n");
}

/* proc_slabinfo_line() - one cache, with Linux's column widths. */
static void proc_slabinfo_line(struct proc_buf *pb, const struct slab_stats *s)
{
	proc_printf(pb, "%-17s %6zu %6zu %6zu %4zu %4zu", s->name, s->active_objs, s->num_objs,
		    s->objsize, s->objperslab, s->pagesperslab);
	proc_printf(pb, " : tunables %4u %4u %4u", 0u, 0u, 0u);
	proc_printf(pb, " : slabdata %6zu %6zu %6u\n", s->active_slabs, s->num_slabs, 0u);
}

/**
 * proc_slabinfo_show() - print /proc/slabinfo into @pb.
 * The array of numbers is itself kmalloc'd, so the kmalloc cache it comes from counts it as
 * active while the text is made; a reader sees the same figure every time, so comparisons
 * between two reads are unaffected.
 * Context: no spinlock held. Return: 0, or -ENOMEM.
 */
int proc_slabinfo_show(struct proc_buf *pb)
{
	struct slab_stats *stats = kmalloc(SLABINFO_MAX_CACHES * sizeof(*stats));
	int n;

	if (!stats)
		return -ENOMEM;
	n = slab_stats_collect(stats, SLABINFO_MAX_CACHES);
	proc_slabinfo_header(pb);
	for (int i = 0; i < n; i++)
		proc_slabinfo_line(pb, &stats[i]);
	kfree(stats);
	return 0;
}
