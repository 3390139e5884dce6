/* ramfs_data.c - the contents of ramfs/tmpfs regular files: pages of RAM, nothing else.
 *
 * A file's data is an array of physical frames, one per 4 KiB page of the file
 * (ramfs_inode.pages, grown by doubling), reached through the direct map. A slot that is 0 is
 * a hole: it reads as zeros and gets a frame only when written, so a sparse file costs what it
 * holds. Reading or writing byte N is one array index away - no list to walk - which is what
 * exec of a 2 MB busybox (file_read_at page by page) needs. This is ramfs's design in Linux,
 * minus the page cache: there the pages live in the inode's address_space (a radix tree /
 * xarray) and the "disk" is nothing; here the array is the whole story.
 *
 * Reads and writes go page by page, taking i_lock for each page's copy only, so a large copy
 * never keeps interrupts off for long. A write extends i_size as it goes; O_APPEND takes the
 * size once at the start (two concurrent appenders could interleave page-sized pieces - Linux
 * serialises them with i_rwsem, which we do not have). Truncate frees whole pages beyond the
 * new size and zeroes the cut part of the last page, so growing the file again reads zeros.
 * Running out of frames gives -ENOMEM (or a short write), never a panic.
 * Invariants: i_blocks == 8 * (frames held); no frame beyond ceil(i_size / 4096) is held.
 * Locking: i_lock (LOCK_INODE) protects pages, nr_slots, i_size and i_blocks; frames are
 * allocated under it (LOCK_FRAME nests inside).
 * See also: kernel/fs/ramfs.c (names, inodes). Linux: fs/ramfs/file-mmu.c, mm/shmem.c,
 * mm/filemap.c (generic_file_read_iter). */
#include "ramfs.h"
#include "arch.h"
#include "file.h"
#include "frame.h"
#include "kmalloc.h"
#include "page.h"
#include "string.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"

#define SLOTS_INITIAL	16
#define SECTORS_PER_PAGE (PAGE_SIZE / 512)

/* ensure_slots_locked() - make pages[@idx] exist. Return: 0 or -ENOMEM. */
static int ensure_slots_locked(struct ramfs_inode *ri, size_t idx)
{
	size_t n = ri->nr_slots ? ri->nr_slots : SLOTS_INITIAL;
	paddr_t *pages;

	assert_held(&ri->vfs_inode.i_lock);
	if (idx < ri->nr_slots)
		return 0;
	while (n <= idx)
		n *= 2;
	pages = kzalloc(n * sizeof(*pages));
	if (!pages)
		return -ENOMEM;
	if (ri->nr_slots)
		memcpy(pages, ri->pages, ri->nr_slots * sizeof(*pages));
	kfree(ri->pages);
	ri->pages = pages;
	ri->nr_slots = n;
	return 0;
}

/* page_for_write_locked() - the frame of page @idx, allocated (zeroed) if it is a hole. The
 * file's own reference is its first mapping count (page_ref_init): a process that maps the
 * page (ramfs_page_frame) adds one, so truncating the file while the page is mapped leaves
 * the frame to the mappings, and the last of them frees it. */
static void *page_for_write_locked(struct ramfs_inode *ri, size_t idx)
{
	if (ensure_slots_locked(ri, idx))
		return NULL;
	if (!ri->pages[idx]) {
		ri->pages[idx] = frame_alloc();
		if (!ri->pages[idx])
			return NULL;
		page_ref_init(ri->pages[idx]);
		page_mark_file(ri->pages[idx]);		/* mapped, it is RssFile */
		ri->vfs_inode.i_blocks += SECTORS_PER_PAGE;
	}
	return phys_to_virt(ri->pages[idx]);
}

/* read_chunk() - copy up to one page's worth at @pos; 0 at or past the end of the file. */
static size_t read_chunk(struct ramfs_inode *ri, char *buf, size_t n, uint64_t pos)
{
	struct inode *inode = &ri->vfs_inode;
	size_t off = pos % PAGE_SIZE, idx = pos / PAGE_SIZE, chunk = 0;

	spin_lock(&inode->i_lock);
	if (pos < inode->i_size) {
		chunk = MIN(MIN(n, PAGE_SIZE - off), inode->i_size - pos);
		if (idx < ri->nr_slots && ri->pages[idx])
			memcpy(buf, (char *)phys_to_virt(ri->pages[idx]) + off, chunk);
		else
			memset(buf, 0, chunk);	/* a hole */
	}
	spin_unlock(&inode->i_lock);
	return chunk;
}

/* ramfs_read() - file_operations.read: as much as the file has, page by page. */
static ssize_t ramfs_read(struct file *f, void *buf, size_t n, uint64_t *pos)
{
	struct ramfs_inode *ri = ramfs_i(f->f_inode);
	size_t done = 0;

	while (done < n) {
		size_t chunk = read_chunk(ri, (char *)buf + done, n - done, *pos + done);

		if (chunk == 0)
			break;
		done += chunk;
	}
	*pos += done;
	return (ssize_t)done;
}

/* write_chunk() - copy up to one page's worth at @pos, extending the file. Return: bytes or
 * -ENOMEM. */
static ssize_t write_chunk(struct ramfs_inode *ri, const char *buf, size_t n, uint64_t pos)
{
	struct inode *inode = &ri->vfs_inode;
	size_t off = pos % PAGE_SIZE, chunk = MIN(n, PAGE_SIZE - off);
	char *page;

	spin_lock(&inode->i_lock);
	page = page_for_write_locked(ri, pos / PAGE_SIZE);
	if (page) {
		memcpy(page + off, buf, chunk);
		if (pos + chunk > inode->i_size)
			inode->i_size = pos + chunk;
	}
	spin_unlock(&inode->i_lock);
	return page ? (ssize_t)chunk : -ENOMEM;
}

/* ramfs_write() - file_operations.write: store @n bytes at *@pos (the end with O_APPEND). */
static ssize_t ramfs_write(struct file *f, const void *buf, size_t n, uint64_t *pos)
{
	struct ramfs_inode *ri = ramfs_i(f->f_inode);
	size_t done = 0;

	if (file_flags(f) & O_APPEND)
		*pos = inode_size(f->f_inode);
	if (*pos >= RAMFS_MAX_FILE)
		return n ? -EFBIG : 0;
	n = MIN(n, RAMFS_MAX_FILE - *pos);
	while (done < n) {
		ssize_t chunk = write_chunk(ri, (const char *)buf + done, n - done, *pos + done);

		if (chunk < 0) {
			if (done == 0)
				return chunk;
			break;
		}
		done += (size_t)chunk;
	}
	*pos += done;
	if (done)
		inode_touch(f->f_inode, true);
	return (ssize_t)done;
}

/* free_pages_from_locked() - give back every frame of page @first and beyond. */
static void free_pages_from_locked(struct ramfs_inode *ri, size_t first)
{
	for (size_t i = first; i < ri->nr_slots; i++) {
		if (ri->pages[i]) {
			page_ref_put(ri->pages[i]);	/* freed unless a process maps it */
			ri->pages[i] = 0;
			ri->vfs_inode.i_blocks -= SECTORS_PER_PAGE;
		}
	}
}

/**
 * ramfs_setsize() - truncate or extend a regular file to @size bytes.
 * Context: no spinlock held. Return: 0, or -EFBIG beyond RAMFS_MAX_FILE.
 */
int ramfs_setsize(struct inode *inode, uint64_t size)
{
	struct ramfs_inode *ri = ramfs_i(inode);
	size_t keep = (size_t)((size + PAGE_SIZE - 1) / PAGE_SIZE);

	if (size > RAMFS_MAX_FILE)
		return -EFBIG;
	spin_lock(&inode->i_lock);
	if (size < inode->i_size) {
		free_pages_from_locked(ri, keep);
		if (size % PAGE_SIZE && keep - 1 < ri->nr_slots && ri->pages[keep - 1])
			memset((char *)phys_to_virt(ri->pages[keep - 1]) + size % PAGE_SIZE, 0,
			       PAGE_SIZE - size % PAGE_SIZE);
	}
	inode->i_size = size;
	spin_unlock(&inode->i_lock);
	inode_touch(inode, true);
	return 0;
}

/**
 * ramfs_free_data() - free every frame and the page array (the inode is being evicted).
 * Context: the last reference to the inode is gone. Return: nothing.
 */
void ramfs_free_data(struct inode *inode)
{
	struct ramfs_inode *ri = ramfs_i(inode);

	spin_lock(&inode->i_lock);
	free_pages_from_locked(ri, 0);
	kfree(ri->pages);
	ri->pages = NULL;
	ri->nr_slots = 0;
	spin_unlock(&inode->i_lock);
}

/* ramfs_page_frame() - file_operations.page_frame: the frame of the page at @off, counted
 * for one more mapping; 0 for a hole or a page not wholly inside the file (its tail must
 * read as zeros, which the file's frame need not hold: the fault copies that one). */
static paddr_t ramfs_page_frame(struct file *f, uint64_t off)
{
	struct ramfs_inode *ri = ramfs_i(f->f_inode);
	size_t idx = (size_t)(off / PAGE_SIZE);
	paddr_t pa = 0;

	spin_lock(&f->f_inode->i_lock);
	if (off % PAGE_SIZE == 0 && off + PAGE_SIZE <= f->f_inode->i_size &&
	    idx < ri->nr_slots && ri->pages[idx]) {
		pa = ri->pages[idx];
		page_ref_get(pa);
	}
	spin_unlock(&f->f_inode->i_lock);
	return pa;
}

const struct file_operations ramfs_file_fops = {
	.read = ramfs_read,
	.write = ramfs_write,
	.llseek = generic_file_llseek,
	.page_frame = ramfs_page_frame,
	.mmap_ok = true,
};
