/* list.h - circular doubly-linked lists threaded through the objects they link.
 * The same shape as Linux's include/linux/list.h: a struct list_head is embedded in each
 * object, and container_of() (list_entry) gets the object back. An empty list is a head that
 * points at itself. All functions are O(1) except the iteration macros. */
#ifndef REAPER_LIST_H
#define REAPER_LIST_H

#include "compiler.h"

struct list_head {
	struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(name) { &(name), &(name) }

static inline void list_init(struct list_head *head)
{
	head->next = head;
	head->prev = head;
}

static inline void list_insert_between(struct list_head *item, struct list_head *prev,
				       struct list_head *next)
{
	next->prev = item;
	item->next = next;
	item->prev = prev;
	prev->next = item;
}

/* list_add() - insert @item right after @head (a stack push). */
static inline void list_add(struct list_head *item, struct list_head *head)
{
	list_insert_between(item, head, head->next);
}

/* list_add_tail() - insert @item right before @head (a queue append). */
static inline void list_add_tail(struct list_head *item, struct list_head *head)
{
	list_insert_between(item, head->prev, head);
}

/* list_del() - unlink @item; it is left pointing at itself so list_empty(item) is true. */
static inline void list_del(struct list_head *item)
{
	item->prev->next = item->next;
	item->next->prev = item->prev;
	list_init(item);
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(head, type, member) list_entry((head)->next, type, member)

/* Iterate over every object of @head; @pos is the object. Do not unlink @pos inside. */
#define list_for_each_entry(pos, head, member)                                     \
	for (pos = list_entry((head)->next, __typeof__(*pos), member);             \
	     &pos->member != (head);                                               \
	     pos = list_entry(pos->member.next, __typeof__(*pos), member))

/* The same, but @pos may be unlinked inside the loop (@tmp holds the next one). */
#define list_for_each_entry_safe(pos, tmp, head, member)                           \
	for (pos = list_entry((head)->next, __typeof__(*pos), member),             \
	     tmp = list_entry(pos->member.next, __typeof__(*pos), member);         \
	     &pos->member != (head);                                               \
	     pos = tmp, tmp = list_entry(tmp->member.next, __typeof__(*tmp), member))

#endif
