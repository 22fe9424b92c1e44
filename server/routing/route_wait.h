/* The ordered set of contacts waiting in one queue: a skip list keyed by
 * (queue priority desc, contact priority desc, join time asc, entry order
 * asc), so the head is the contact to serve first. A contact overflowed
 * into other queues has one node in each. */
#ifndef HL_ROUTE_WAIT_H
#define HL_ROUTE_WAIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ROUTE_WAIT_LEVELS 16

typedef struct route_node {
	int64_t join;
	int32_t qprio, cprio;
	uint32_t seq;       /* the contact's entry order: the last tie-break */
	uint32_t contact;   /* index of the contact */
	uint32_t queue;     /* index of the queue whose list this node is for */
	uint8_t height;
	bool linked;
	struct route_node *next[];
} route_node;

typedef struct route_wait {
	route_node *head;   /* sentinel with ROUTE_WAIT_LEVELS links */
	uint8_t level;
	size_t n;
} route_wait;

/* Prepares an empty list. Returns 0 or HL_E_NOMEM. */
int route_wait_init(route_wait *w);

/* Frees the sentinel (nodes belong to their contacts). */
void route_wait_fini(route_wait *w);

/* Returns a new unlinked node whose height is drawn from `salt` (so the
 * shape is deterministic), or NULL. Free it with free(). */
route_node *route_node_new(uint64_t salt);

/* Orders two nodes: < 0 when `a` is served before `b`. */
int route_node_cmp(const route_node *a, const route_node *b);

/* Links `n` (unlinked, key set) into `w`. */
void route_wait_insert(route_wait *w, route_node *n);

/* Unlinks `n` from `w` if linked. */
void route_wait_remove(route_wait *w, route_node *n);

/* The first node, or NULL; a node's successor is n->next[0]. */
static inline route_node *route_wait_first(const route_wait *w)
{
	return w->head->next[0];
}

#endif
