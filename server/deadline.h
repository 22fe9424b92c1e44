/* A min-heap of deadlines over nodes embedded in their owners, each node
 * knowing its place, so setting, moving and removing one is O(log n) and
 * the earliest is O(1). Pure: no clock, no I/O. */
#ifndef HL_DEADLINE_H
#define HL_DEADLINE_H

#include <stddef.h>
#include <stdint.h>

typedef struct hl_deadline_node {
	int64_t at;    /* when it is due */
	size_t pos;    /* its index in the heap + 1; 0 when not in it */
} hl_deadline_node;

typedef struct hl_deadlines {
	hl_deadline_node **v;
	size_t n, cap;
} hl_deadlines;

/* Puts `x` in the heap due at `at`, or moves it there if it is in already.
 * Returns 0 or HL_E_NOMEM (then `x` is unchanged). */
int hl_deadlines_set(hl_deadlines *h, hl_deadline_node *x, int64_t at);

/* Takes `x` out of the heap; a node not in it is left alone. */
void hl_deadlines_remove(hl_deadlines *h, hl_deadline_node *x);

/* The node due first, or NULL when the heap is empty. */
hl_deadline_node *hl_deadlines_first(const hl_deadlines *h);

/* Frees the heap's array (the nodes belong to their owners). */
void hl_deadlines_free(hl_deadlines *h);

#endif
