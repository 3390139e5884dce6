/* pgrp.c - process groups and sessions: setpgid, getpgid, getpgrp, setsid, getsid, and the
 * group queries job control needs (the tty's foreground group, orphaned groups).
 *
 * A session is a login: the processes started from one terminal. Its leader called setsid()
 * and its number is the leader's tgid. A session is divided into process groups, one per
 * shell job (a pipeline); a group's number is its leader's tgid. The terminal has one
 * foreground group, which gets the terminal's signals (^C ...) and may read it; the others are
 * in the background. The numbers are fields of struct process (pgid, sid), inherited at fork.
 * A group lives as long as any process has its number as pgid (Linux keeps a struct pid per
 * group; we search, which one CPU and a few hundred processes make cheap enough).
 *
 * setpgid's rules (Linux and POSIX): only the caller itself or a child it forked; a child in
 * another session, or one that already exec'd, cannot be moved (EPERM, EACCES); a session
 * leader cannot move; the target group must exist in the caller's session unless it is a new
 * one named after the process.
 * Orphaned group (POSIX): no member has a parent in another group of the same session, so no
 * shell is left to continue it. Stop signals from the tty to an orphaned group are discarded,
 * and a background read from one fails with EIO.
 * Locking: pgid and sid are read and written under tasklist_lock.
 * See also: kernel/fs/tty.c (controlling tty, TIOCSPGRP), signal_syscalls.c (kill of a group).
 *   Linux: kernel/sys.c (setpgid, setsid), kernel/exit.c (will_become_orphaned_pgrp).
 */
#include "signal.h"
#include "pid.h"
#include "process.h"
#include "sched.h"
#include "syscalls.h"
#include "tty.h"
#include "uapi/errno.h"

/* What find_member_locked() looks for. */
struct member_search {
	pid_t pgid;
	pid_t sid;			/* 0: any session */
	struct process *found;
};

static bool is_member(struct process *p, void *arg)
{
	struct member_search *m = arg;

	if (p->exit_state || p->pgid != m->pgid || (m->sid && p->sid != m->sid))
		return false;
	m->found = p;
	return true;
}

/* find_member_locked() - some live process of group @pgid (in session @sid, if not 0). */
static struct process *find_member_locked(pid_t pgid, pid_t sid)
{
	struct member_search m = { .pgid = pgid, .sid = sid };

	assert_held(&tasklist_lock);
	process_for_each_locked(is_member, &m);
	return m.found;
}

/**
 * pgrp_exists_in_session_locked() - does group @pgid have a live member in session @sid?
 * Context: tasklist_lock held. Return: true if so.
 */
bool pgrp_exists_in_session_locked(pid_t pgid, pid_t sid)
{
	return pgid > 0 && find_member_locked(pgid, sid) != NULL;
}

/* setpgid_check_locked() - the rules at the top, for moving @p into the group named by
 * @group (NULL: no such group is visible to us). Return: 0 or -errno. */
static long setpgid_check_locked(struct process *self, struct process *p, struct pid *group)
{
	if (!p || (p != self && p->real_parent != self))
		return -ESRCH;
	if (p != self && p->sid != self->sid)
		return -EPERM;
	if (p != self && p->sig.did_exec)
		return -EACCES;
	if (p->sid == p->tgid)
		return -EPERM;		/* a session leader */
	if (group != p->pid &&
	    (!group || !pgrp_exists_in_session_locked(group->numbers[0].nr, self->sid)))
		return -EPERM;
	return 0;
}

/**
 * do_setpgid() - put process @nr (0: the caller) into group @pgid (0: a group of its own);
 * both numbers as the caller sees them.
 * Context: thread, no spinlock held.
 * Return: 0; -EINVAL (@pgid < 0), -ESRCH, -EPERM, -EACCES (see setpgid_check_locked()).
 */
long do_setpgid(pid_t nr, pid_t pgid)
{
	struct process *self = current_process(), *p;
	struct pid *group = NULL;
	long err;

	if (pgid < 0)
		return -EINVAL;
	spin_lock(&tasklist_lock);
	p = nr ? process_find_vnr_locked(nr) : self;
	if (p && p->exit_state)
		p = NULL;
	if (p && (pgid == 0 || pgid == pid_vnr(p->pid)))
		group = p->pid;		/* a group of its own, named after it */
	else if (p)
		group = pgrp_find_vnr_locked(pgid, false);
	err = setpgid_check_locked(self, p, group);
	if (!err)
		process_set_pgrp_locked(p, group, false);
	spin_unlock(&tasklist_lock);
	return err;
}

/* setpgid(pid_t pid, pid_t pgid) */
long sys_setpgid(const struct syscall_args *a)
{
	return do_setpgid((pid_t)a->arg[0], (pid_t)a->arg[1]);
}

/* get_id() - @nr's (0: the caller's) pgid or sid, as the caller sees it: 0 for a group or
 * session led from outside the caller's pid namespace (a namespace's init inherits its
 * parent's, Linux's rule 5). Return: it, or -ESRCH. */
static long get_id(pid_t nr, bool session)
{
	struct process *p;
	long id = -ESRCH;

	spin_lock(&tasklist_lock);
	p = nr ? process_find_vnr_locked(nr) : current_process();
	if (p)
		id = pid_vnr(session ? p->session : p->pgrp);
	spin_unlock(&tasklist_lock);
	return id;
}

/* getpgid(pid_t pid) */
long sys_getpgid(const struct syscall_args *a)
{
	return get_id((pid_t)a->arg[0], false);
}

/* getpgrp(void) */
long sys_getpgrp(const struct syscall_args *a)
{
	(void)a;
	return get_id(0, false);
}

/* getsid(pid_t pid) */
long sys_getsid(const struct syscall_args *a)
{
	return get_id((pid_t)a->arg[0], true);
}

/**
 * do_setsid() - the caller starts a new session and group, both numbered after it, with no
 * controlling terminal.
 * Context: thread, no spinlock held. Return: the new session id, or -EPERM if a group with
 * the caller's number exists (it leads one already).
 */
long do_setsid(void)
{
	struct process *self = current_process();
	long ret = pid_vnr(self->pid);

	spin_lock(&tasklist_lock);
	if (find_member_locked(self->tgid, 0)) {
		ret = -EPERM;
	} else {
		process_set_pgrp_locked(self, self->pid, false);
		process_set_pgrp_locked(self, self->pid, true);
		self->sig.tty = NULL;
	}
	spin_unlock(&tasklist_lock);
	return ret;
}

/* setsid(void) */
long sys_setsid(const struct syscall_args *a)
{
	(void)a;
	return do_setsid();
}

/* has_outside_parent() - @p keeps group @arg from being orphaned: its parent is alive in
 * another group of the same session (a shell that can continue it). */
static bool has_outside_parent(struct process *p, void *arg)
{
	pid_t pgid = *(pid_t *)arg;
	struct process *parent = p->real_parent;

	if (p->exit_state || p->pgid != pgid || !parent || parent->exit_state)
		return false;
	return parent->pgid != pgid && parent->sid == p->sid;
}

/**
 * pgrp_is_orphaned_locked() - is group @pgid orphaned (no member has a parent in another
 * group of the same session)? A group with no live member counts as orphaned.
 * Context: tasklist_lock held. Return: true if orphaned.
 */
bool pgrp_is_orphaned_locked(pid_t pgid)
{
	assert_held(&tasklist_lock);
	return !process_for_each_locked(has_outside_parent, &pgid);
}

/* What pgrp_send_locked() walks with. */
struct pgrp_send {
	pid_t pgid;
	int sig;
	int found;
};

static bool send_one(struct process *p, void *arg)
{
	struct pgrp_send *s = arg;

	if (p->pgid == s->pgid && !p->exit_state) {
		s->found++;
		send_signal_to_process_locked(p, s->sig, NULL);
	}
	return false;
}

/**
 * pgrp_send_signal() - send @sig (si_code SI_KERNEL) to every process of group @pgid: the
 * tty's ^C, ^Z, ^\, SIGHUP at hang-up, SIGTTIN/SIGTTOU.
 * Context: thread or interrupt, no spinlock held. Return: how many processes got it.
 */
int pgrp_send_signal(pid_t pgid, int sig)
{
	struct pgrp_send s = { .pgid = pgid, .sig = sig };

	if (pgid <= 0)
		return 0;
	process_for_each(send_one, &s);
	return s.found;
}
