/* exec.c - execve: replace the calling process's program with a new one.
 *
 * do_execve() is a pipeline of named steps over one struct binprm (Linux's name: the program
 * being loaded, "binary parameters"):
 *   1. count_args    argv and envp fit in EXEC_ARG_MAX (E2BIG);
 *   2. open_exec     the file exists (file_open_kernel's -errno) and is a regular,
 *                    executable file (EACCES for a directory, a device, mode without x);
 *   3. read_elf      its headers pass elf_check() (ENOEXEC), it wants no dynamic linker
 *                    (PT_INTERP: ENOEXEC for now), and where it goes is decided: an ET_EXEC
 *                    at its own addresses, a static-PIE (ET_DYN) at ELF_ET_DYN_BASE. Static
 *                    PIEs relocate themselves (musl's _dlstart), so no relocation here;
 *   4. new_mm        a fresh, empty address space (ENOMEM);
 *   5. load_segments one private file area per PT_LOAD with its protection, plus an
 *                    anonymous area for the part of p_memsz beyond the file's pages (bss).
 *                    Nothing is read yet: pages are filled on first touch (kernel/mm/fault.c),
 *                    and the area's file_end makes the fault handler zero the rest of the page
 *                    where p_filesz ends mid-page - the start of .bss;
 *   6. build_stack   an 8 MiB stack area below USER_STACK_TOP and, in it, argc, argv, envp,
 *                    the auxiliary vector and the strings (kernel/exec_stack.c lays them out
 *                    in a kernel buffer; mm_copy_to() writes that into the NEW mm by faulting
 *                    its pages in and writing through the direct map, so the CPU never runs
 *                    on a half-built address space and no CR3 switch is needed); the mm
 *                    records where argv and envp went (/proc/<pid>/cmdline, environ);
 *   7. de_thread     every other thread of the process is killed and waited for, and the
 *                    exec'ing thread takes over the leader's number (tid = tgid), as on
 *                    Linux; only a fatal signal racing with it can still fail the exec here;
 *   8. commit        the point of no return: the process takes the new mm (CR3 follows) and
 *                    drops the old one (freed unless a vfork parent still shares it, which is
 *                    woken now), handled signals are reset (signal_exec), close-on-exec files
 *                    are closed, the name changes, and the thread's saved user registers are
 *                    reset to start at the entry point with the new stack. A traced
 *                    thread then reports PTRACE_EVENT_EXEC (message: its old tid), or gets
 *                    the traditional SIGTRAP if attached without PTRACE_O_TRACEEXEC.
 * Every step before commit can fail and only undoes its own work (binprm_release): the
 * caller's address space, files and registers are untouched, so a failed execve returns to
 * the old program with -errno, as on Linux. Commit cannot fail.
 *
 * sys_execve() copies the path, argv and envp out of user memory first (bounded by PATH_MAX
 * and EXEC_ARG_MAX), because the old address space they live in is gone after commit.
 * Locking: the calling thread owns its process's mm (see mm_space.c); de_thread and the vfork
 *   wake-up take tasklist_lock.
 * See also: kernel/elf.c (header checks), kernel/exec_stack.c (stack layout),
 *   kernel/mm/mm_space.c, kernel/process.c (the first exec, of init). Linux: fs/exec.c
 *   (do_execveat_common, begin_new_exec), fs/binfmt_elf.c (load_elf_binary).
 */
#include "exec.h"
#include "arch.h"
#include "elf.h"
#include "err.h"
#include "exec_stack.h"
#include "exit.h"
#include "fork.h"
#include "fdtable.h"
#include "file.h"
#include "kmalloc.h"
#include "mm_space.h"
#include "printk.h"
#include "pid.h"
#include "process.h"
#include "ptrace.h"
#include "random.h"
#include "sched.h"
#include "string.h"
#include "syscalls.h"
#include "uaccess.h"
#include "vfs.h"
#include "uapi/auxvec.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"

#define ELF_HEADERS_MAX (PAGE_SIZE + ELF_MAX_PHDR_BYTES) /* the table starts in page 0 */
#define MINSIGSTKSZ	2048 /* AT_MINSIGSTKSZ: what our signal frames will need, at most */
#define CLOCK_TICKS	100  /* AT_CLKTCK: USER_HZ, what times() counts in */
#define NR_AUXV		16   /* pairs exec supplies (exec_stack.c adds four more) */

/* The program being loaded, from open to commit. */
struct binprm {
	/* The request, kernel strings: */
	const char *path;
	const char *const *argv;
	const char *const *envp;
	size_t argc, envc;

	/* Built by the steps; binprm_release() frees what is still here: */
	struct file *file;   /* the executable, counted */
	bool write_denied;   /* file's writes denied (ETXTBSY) by us; commit gives it to the mm */
	void *headers;	     /* ELF header + program header table (kmalloc) */
	struct elf_info elf; /* what elf_check() found; elf.phdrs points into headers */
	uaddr_t load_bias;   /* added to every address in the file (ET_DYN) */
	struct mm *mm;	     /* the new address space; NULL once committed */
	struct stack_layout stack; /* where build_stack put argc (the new stack pointer),
				    * the argv and the envp strings */
};

/* ---- 1. count_args ---------------------------------------------------------------------- */

/* count_strings() - how many strings @v holds (NULL @v: none); adds their bytes and 8 per
 * pointer to *@bytes. */
static size_t count_strings(const char *const *v, size_t *bytes)
{
	size_t n = 0;

	for (; v && v[n]; n++)
		*bytes += strlen(v[n]) + 1 + sizeof(char *);
	return n;
}

static int count_args(struct binprm *bp)
{
	size_t bytes = 0;

	bp->argc = count_strings(bp->argv, &bytes);
	bp->envc = count_strings(bp->envp, &bytes);
	return bytes > EXEC_ARG_MAX ? -E2BIG : 0;
}

/* ---- 2. open_exec ----------------------------------------------------------------------- */

static int open_exec(struct binprm *bp)
{
	struct file *f = file_open_kernel(bp->path, O_RDONLY, 0);
	unsigned int mode;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	bp->file = f;
	mode = inode_mode(f->f_inode);
	if (!S_ISREG(mode))
		return -EACCES; /* a directory, a device, a pipe: not a program (Linux: EACCES) */
	if (!(mode & S_IXUGO))
		return -EACCES;
	if (inode_deny_write_access(f->f_inode))
		return -ETXTBSY;	/* open for writing: its text could change as it runs */
	bp->write_denied = true;
	return 0;
}

/* ---- 3. read_elf ------------------------------------------------------------------------ */

/* read_headers() - the ELF header and the program header table into bp->headers. */
static int read_headers(struct binprm *bp)
{
	struct elf64_ehdr eh;
	ssize_t got = file_read_at(bp->file, &eh, sizeof(eh), 0);
	long need;

	if (got < 0)
		return (int)got;
	need = elf_headers_size(&eh, (size_t)got);
	if (need < 0 || need > (long)ELF_HEADERS_MAX)
		return -ENOEXEC;
	bp->headers = kmalloc((size_t)need);
	if (!bp->headers)
		return -ENOMEM;
	got = file_read_at(bp->file, bp->headers, (size_t)need, 0);
	if (got < 0)
		return (int)got;
	return elf_check(bp->headers, (size_t)got, &bp->elf);
}

/* choose_load_bias() - ET_EXEC runs where it was linked; a static-PIE goes to
 * ELF_ET_DYN_BASE. Either way every segment must lie between MMAP_MIN_ADDR and the mmap
 * area, so the heap, the mmap areas and the stack all fit above it. */
static int choose_load_bias(struct binprm *bp)
{
	const struct elf_info *e = &bp->elf;

	if (e->type == ET_DYN)
		bp->load_bias = ELF_ET_DYN_BASE - ALIGN_DOWN(e->load_start, PAGE_SIZE);
	if (e->load_start + bp->load_bias < MMAP_MIN_ADDR ||
	    e->load_end + bp->load_bias > MMAP_BASE)
		return -ENOEXEC;
	return 0;
}

static int read_elf(struct binprm *bp)
{
	int err = read_headers(bp);

	if (err)
		return err;
	if (bp->elf.has_interp) {
		pr_warn("exec: %s wants a dynamic linker (PT_INTERP); only static programs run\n",
			bp->path);
		return -ENOEXEC;
	}
	return choose_load_bias(bp);
}

/* ---- 4. new_mm -------------------------------------------------------------------------- */

static int new_mm(struct binprm *bp)
{
	bp->mm = mm_create();
	return bp->mm ? 0 : -ENOMEM;
}

/* ---- 5. load_segments ------------------------------------------------------------------- */

static unsigned int segment_prot(const struct elf64_phdr *ph)
{
	return (ph->p_flags & PF_R ? PROT_READ : 0) | (ph->p_flags & PF_W ? PROT_WRITE : 0) |
	       (ph->p_flags & PF_X ? PROT_EXEC : 0);
}

static const char *segment_name(const struct elf64_phdr *ph)
{
	if (ph->p_flags & PF_X)
		return "text";
	return ph->p_flags & PF_W ? "data" : "rodata";
}

/* map_segment() - the file area [page of vaddr, page after vaddr + filesz) and the bss area
 * up to the page after vaddr + memsz, both with the segment's protection. */
static int map_segment(struct binprm *bp, const struct elf64_phdr *ph)
{
	uaddr_t vaddr = ph->p_vaddr + bp->load_bias;
	uaddr_t start = ALIGN_DOWN(vaddr, PAGE_SIZE);
	uaddr_t file_top = ph->p_filesz ? ALIGN_UP(vaddr + ph->p_filesz, PAGE_SIZE) : start;
	uaddr_t mem_top = ALIGN_UP(vaddr + ph->p_memsz, PAGE_SIZE);
	struct vm_area a = { .start = start,
			     .end = file_top,
			     .prot = segment_prot(ph),
			     .flags = VMA_PRIVATE,
			     .file = bp->file,
			     .file_offset = ALIGN_DOWN(ph->p_offset, PAGE_SIZE),
			     .file_end = ph->p_offset + ph->p_filesz,
			     .name = segment_name(ph) };
	int err = 0;

	if (!mm_range_is_free(bp->mm, start, mem_top)) {
		pr_warn("exec: %s: two segments share the page at %#lx\n", bp->path, start);
		return -ENOEXEC;
	}
	if (file_top > start)
		err = mm_map_area(bp->mm, &a);
	if (!err && mem_top > file_top)
		err = mm_map_anon(bp->mm, file_top, mem_top, a.prot, "bss");
	return err;
}

static int load_segments(struct binprm *bp)
{
	for (int i = 0; i < bp->elf.phnum; i++) {
		const struct elf64_phdr *ph = &bp->elf.phdrs[i];
		int err = ph->p_type == PT_LOAD ? map_segment(bp, ph) : 0;

		if (err)
			return err;
	}
	mm_set_brk_start(bp->mm, bp->elf.load_end + bp->load_bias);
	return 0;
}

/* ---- 6. build_stack --------------------------------------------------------------------- */

/* fill_auxv() - the (type, value) pairs that describe the program and the machine;
 * exec_stack.c adds AT_RANDOM, AT_PLATFORM, AT_EXECFN and AT_NULL. */
static void fill_auxv(const struct binprm *bp, uint64_t auxv[2 * NR_AUXV])
{
	const uint64_t pairs[2 * NR_AUXV] = {
		AT_HWCAP,	arch_elf_hwcap(),
		AT_PAGESZ,	PAGE_SIZE,
		AT_CLKTCK,	CLOCK_TICKS,
		AT_PHDR,	bp->elf.phdr_vaddr + bp->load_bias,
		AT_PHENT,	sizeof(struct elf64_phdr),
		AT_PHNUM,	bp->elf.phnum,
		AT_BASE,	0,
		AT_FLAGS,	0,
		AT_ENTRY,	bp->elf.entry + bp->load_bias,
		AT_UID,		0,
		AT_EUID,	0,
		AT_GID,		0,
		AT_EGID,	0,
		AT_SECURE,	0,
		AT_HWCAP2,	0,
		AT_MINSIGSTKSZ, MINSIGSTKSZ,
	};

	memcpy(auxv, pairs, sizeof(pairs));
}

/* write_stack() - lay the stack out in a kernel buffer and copy it into the new mm. */
static int write_stack(struct binprm *bp, const struct stack_spec *spec)
{
	uaddr_t top = bp->mm->stack_top;
	uaddr_t sp;
	size_t size = stack_image_size(spec);
	char *image = kmalloc(size);
	int err;

	if (!image)
		return -ENOMEM;
	err = stack_build(spec, top, image, size, &bp->stack);
	sp = bp->stack.sp;
	if (!err)
		err = mm_copy_to(bp->mm, sp, image + (sp - (top - size)), top - sp);
	kfree(image);
	return err;
}

/* record_stack() - tell the new mm where its start-up data is, for /proc/<pid>/cmdline,
 * environ and stat. No lock: nobody else can see the mm before commit. */
static void record_stack(struct binprm *bp)
{
	struct mm *mm = bp->mm;

	mm->start_stack = bp->stack.sp;
	mm->arg_start = bp->stack.arg_start;
	mm->arg_end = bp->stack.arg_end;
	mm->env_start = bp->stack.env_start;
	mm->env_end = bp->stack.env_end;
}

static int build_stack(struct binprm *bp)
{
	uint64_t auxv[2 * NR_AUXV];
	unsigned char random[STACK_RANDOM_BYTES];
	uaddr_t top = bp->mm->stack_top;
	struct vm_area stack = { .start = top - USER_STACK_SIZE,
				 .end = top,
				 .prot = PROT_READ | PROT_WRITE,
				 .flags = VMA_PRIVATE | VMA_ANON | VMA_GROWSDOWN,
				 .name = "[stack]" };
	struct stack_spec spec = { .argv = bp->argv,
				   .argc = bp->argc,
				   .envp = bp->envp,
				   .envc = bp->envc,
				   .execfn = bp->path,
				   .platform = arch_elf_platform(),
				   .random = random,
				   .auxv = auxv,
				   .nr_auxv = NR_AUXV };
	int err = mm_map_area(bp->mm, &stack);

	if (err)
		return err;
	fill_auxv(bp, auxv);
	random_bytes(random, sizeof(random));
	err = write_stack(bp, &spec);
	if (!err)
		record_stack(bp);
	return err;
}

/* ---- 7. de_thread ------------------------------------------------------------------------ */

/* wait_other_threads_locked() - sleep until @p has no thread but the caller; exit_notify
 * wakes p->group_exec_thread when the count reaches 1. Testing and setting SLEEPING under
 * tasklist_lock, which the waker holds too, means the wake-up cannot be lost. */
static void wait_other_threads_locked(struct process *p)
{
	while (p->nr_threads > 1) {
		sched_set_current_state(THREAD_SLEEPING);
		spin_unlock(&tasklist_lock);
		schedule();
		spin_lock(&tasklist_lock);
	}
}

/* clear_zap_group_exit() - the killed threads' SIGKILL marked the whole group as exiting
 * (kernel/signal_deliver.c's default action); the exec'ing thread survives it. TODO(signals):
 * a genuinely fatal signal that raced with de_thread is forgotten here; Linux tells the two
 * apart with signal->group_exec_task. */
static void clear_zap_group_exit(struct process *p)
{
	spin_lock(&p->sighand->lock);
	p->sig.flags &= ~SIGNAL_GROUP_EXIT;
	sched_current()->sig.pending.signal &= ~sigmask(SIGKILL);
	spin_unlock(&p->sighand->lock);
}

/* de_thread() - step 7: the caller becomes the only thread of its process, numbered as the
 * process (Linux: de_thread, which also swaps the leader's struct pid). Return: 0, or -EINTR
 * if the process is already being killed (the exec is moot). */
static int de_thread(struct thread *self, struct process *p)
{
	struct pid *old_pid = NULL;
	int err = 0;

	spin_lock(&tasklist_lock);
	if (p->nr_threads > 1 && p->group_exit) {
		err = -EINTR;
	} else if (p->nr_threads > 1) {
		p->group_exit = true;	/* the killed threads exit alone, no group status */
		p->group_exit_code = EXIT_STATUS_SIGNAL(SIGKILL);
		p->group_exec_thread = self;
		zap_other_threads_locked(p);
		wait_other_threads_locked(p);
		p->group_exec_thread = NULL;
		p->group_exit = false;
		clear_zap_group_exit(p);
	}
	if (!err)
		ptrace_exec_locked(self, p);	/* we are the leader now */
	if (!err && self->pid != p->pid) {
		old_pid = self->pid;
		free_pid_locked(old_pid);
		self->pid = get_pid(p->pid);
		self->tid = p->tgid;
	}
	spin_unlock(&tasklist_lock);
	put_pid(old_pid);
	return err;
}

/* ---- 8. commit -------------------------------------------------------------------------- */

/* commit() - the point of no return (the list is in the header comment). CR3 moves to the
 * new tables before the old mm is destroyed, so the CPU never runs on freed page tables. */
static void commit(struct binprm *bp)
{
	struct process *p = current_process();
	struct mm *old = p->mm;

	bp->mm->exe_file = bp->file;	/* with its denied writes, until the mm goes */
	bp->file = NULL;
	bp->write_denied = false;
	p->mm = bp->mm;
	bp->mm = NULL;
	arch_activate_mm(p->mm);
	mm_put(old);
	spin_lock(&tasklist_lock);
	fork_vfork_done_locked(p);	/* the vfork parent may run: we are off its mm */
	spin_unlock(&tasklist_lock);
	signal_exec(p);
	files_close_on_exec(p->files);
	process_set_comm(p, bp->path);
	arch_uregs_init(sched_current()->uregs, bp->elf.entry + bp->load_bias, bp->stack.sp);
}

/* binprm_release() - free whatever the steps built and commit did not take. */
static void binprm_release(struct binprm *bp)
{
	mm_destroy(bp->mm);
	kfree(bp->headers);
	if (bp->write_denied)
		inode_allow_write_access(bp->file->f_inode);
	if (bp->file)
		file_put(bp->file);
}

/**
 * do_execve() - run the program at @path in the calling process (steps in the header).
 * @path: the file, a kernel string.
 * @argv: the arguments, NULL-terminated kernel strings; NULL means none.
 * @envp: the environment, likewise.
 *
 * Context: a thread of a user process (current_process() != NULL, its uregs slot set), no
 * locks held; sleeps (file reads).
 * Return: 0 - the thread starts the new program when it returns to user mode; or -errno with
 * the caller unharmed: -E2BIG (arguments over EXEC_ARG_MAX), -ENOENT, -ENOTDIR, -ELOOP,
 * -ENAMETOOLONG (from the lookup), -EACCES (not a regular executable file), -ENOEXEC (not
 * a static x86-64 ELF program we can load), -ENOMEM, -EIO.
 */
int do_execve(const char *path, const char *const *argv, const char *const *envp)
{
	struct binprm bp = { .path = path, .argv = argv, .envp = envp };
	struct pid *old_pid = get_pid(sched_current()->pid);	/* de_thread may change it */
	int err;

	err = count_args(&bp);
	if (!err)
		err = open_exec(&bp);
	if (!err)
		err = read_elf(&bp);
	if (!err)
		err = new_mm(&bp);
	if (!err)
		err = load_segments(&bp);
	if (!err)
		err = build_stack(&bp);
	if (!err)
		err = de_thread(sched_current(), current_process());
	if (!err)
		commit(&bp);
	binprm_release(&bp);
	if (!err)
		ptrace_event_pid(PTRACE_EVENT_EXEC, old_pid);
	put_pid(old_pid);
	return err;
}

/* ---- sys_execve: the arguments, copied in -------------------------------------------- */

/* The kernel's copy of execve's arguments: the path, and one arena for every string. The
 * arena is first one page: almost every exec's strings fit, and a kmalloc'd arena is filled
 * with poison when allocated, which for the full EXEC_ARG_MAX (128 KiB) was an eighth of
 * fork+exec+wait's time (docs/performance.md). Strings that do not fit are copied again
 * into an arena of EXEC_ARG_MAX bytes (ARENA_FULL). */
#define ARENA_FULL	(-ERANGE)	/* the arena, not the budget, is full (never returned
					 * to user space: copy_exec_args() tries again) */

struct exec_args {
	char *path;	    /* PATH_MAX bytes */
	char *strings;	    /* arena_size bytes: argv then envp strings, packed */
	size_t arena_size;  /* PAGE_SIZE, or EXEC_ARG_MAX on the second try */
	size_t str_used;    /* bytes of strings used */
	size_t budget_used; /* strings + 8 per pointer, against EXEC_ARG_MAX */
	const char **argv;  /* NULL-terminated arrays into strings (kmalloc) */
	const char **envp;
};

/* count_user_vector() - pointers before the NULL in the user array at @uvec, at most @max.
 * Return: the count, -E2BIG if there are more, -EFAULT. */
static long count_user_vector(uaddr_t uvec, size_t max)
{
	uint64_t uptr;

	for (size_t n = 0;; n++) {
		if (n > max)
			return -E2BIG;
		if (copy_from_user(&uptr, uvec + n * sizeof(uptr), sizeof(uptr)))
			return -EFAULT;
		if (uptr == 0)
			return (long)n;
	}
}

/* copy_user_string() - the string at @ustr into the arena. Return: it, or ERR_PTR (with
 * ARENA_FULL when only the arena was too small). */
static const char *copy_user_string(struct exec_args *ea, uaddr_t ustr)
{
	char *dst = ea->strings + ea->str_used;
	size_t budget = EXEC_ARG_MAX - ea->budget_used, room = ea->arena_size - ea->str_used;
	long len = strncpy_from_user(dst, ustr, MIN(budget, room));

	if (len == -ENAMETOOLONG && room < budget)
		return ERR_PTR(ARENA_FULL);
	if (len < 0)
		return ERR_PTR(len == -ENAMETOOLONG ? -E2BIG : len);
	ea->str_used += (size_t)len + 1;
	ea->budget_used += (size_t)len + 1;
	return dst;
}

/* copy_user_vector() - the NULL-terminated user array of strings at @uvec (0: empty) into
 * a kernel array *@out, the strings into the arena. Return: 0, -E2BIG, -EFAULT, -ENOMEM. */
static int copy_user_vector(struct exec_args *ea, uaddr_t uvec, const char ***out)
{
	long n = uvec ? count_user_vector(uvec, (EXEC_ARG_MAX - ea->budget_used) / 8) : 0;
	uint64_t uptr;

	if (n < 0)
		return (int)n;
	*out = kmalloc(((size_t)n + 1) * sizeof(char *));
	if (!*out)
		return -ENOMEM;
	ea->budget_used += (size_t)n * sizeof(char *);
	for (long i = 0; i < n; i++) {
		if (copy_from_user(&uptr, uvec + (uint64_t)i * sizeof(uptr), sizeof(uptr)))
			return -EFAULT;
		(*out)[i] = copy_user_string(ea, uptr);
		if (IS_ERR((*out)[i]))
			return (int)PTR_ERR((*out)[i]);
	}
	(*out)[n] = NULL;
	return 0;
}

/* copy_strings() - argv and envp into an arena of @size bytes. Return: 0, ARENA_FULL, or
 * another -errno. */
static int copy_strings(struct exec_args *ea, size_t size, uaddr_t uargv, uaddr_t uenvp)
{
	int err;

	ea->strings = kmalloc(size);
	if (!ea->strings)
		return -ENOMEM;
	ea->arena_size = size;
	ea->str_used = ea->budget_used = 0;
	err = copy_user_vector(ea, uargv, &ea->argv);
	return err ? err : copy_user_vector(ea, uenvp, &ea->envp);
}

/* copy_exec_args() - everything execve needs, out of the old address space: the strings in
 * a page if they fit, else again in a full-size arena. */
static int copy_exec_args(struct exec_args *ea, uaddr_t upath, uaddr_t uargv, uaddr_t uenvp)
{
	long len;
	int err;

	ea->path = kmalloc(PATH_MAX);
	if (!ea->path)
		return -ENOMEM;
	len = strncpy_from_user(ea->path, upath, PATH_MAX);
	if (len < 0)
		return (int)len; /* -EFAULT, or -ENAMETOOLONG past PATH_MAX */
	err = copy_strings(ea, PAGE_SIZE, uargv, uenvp);
	if (err != ARENA_FULL)
		return err;
	kfree(ea->envp);
	kfree(ea->argv);
	kfree(ea->strings);
	ea->argv = ea->envp = NULL;
	return copy_strings(ea, EXEC_ARG_MAX, uargv, uenvp);
}

/* execve_from_user() - copy in, run do_execve() on the copies, free them. */
static long execve_from_user(uaddr_t upath, uaddr_t uargv, uaddr_t uenvp)
{
	struct exec_args ea = { 0 };
	int err = copy_exec_args(&ea, upath, uargv, uenvp);

	if (!err)
		err = do_execve(ea.path, ea.argv, ea.envp);
	kfree(ea.envp);
	kfree(ea.argv);
	kfree(ea.strings);
	kfree(ea.path);
	return err;
}

/* execve(path, argv, envp): 0 in the new program on success (the dispatcher stores it in the
 * NEW registers, and Linux also starts a program with rax = 0). */
long sys_execve(const struct syscall_args *a)
{
	uaddr_t upath = a->arg[0];
	uaddr_t uargv = a->arg[1];
	uaddr_t uenvp = a->arg[2];

	return execve_from_user(upath, uargv, uenvp);
}
