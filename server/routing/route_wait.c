/* Skip list of waiting contacts, ordered by who is served first. */
#include "route_wait.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

int route_wait_init(route_wait *w)
{
	w->head = calloc(1, sizeof *w->head + ROUTE_WAIT_LEVELS * sizeof(route_node *));
	if (!w->head)
		return HL_E_NOMEM;
	w->head->height = ROUTE_WAIT_LEVELS;
	w->level = 1;
	w->n = 0;
	return 0;
}

void route_wait_fini(route_wait *w)
{
	free(w->head);
	w->head = NULL;
}

/* splitmix64: a hash of the salt stands in for a random level, so two
 * runs of the same events build the same lists. */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

route_node *route_node_new(uint64_t salt)
{
	uint64_t bits = mix(salt);
	uint8_t h = 1;
	/* Each level with probability 1/4: short towers, few pointers. */
	while (h < ROUTE_WAIT_LEVELS && (bits & 3) == 0) {
		h++;
		bits >>= 2;
	}
	route_node *n = calloc(1, sizeof *n + h * sizeof(route_node *));
	if (n)
		n->height = h;
	return n;
}

int route_node_cmp(const route_node *a, const route_node *b)
{
	if (a->qprio != b->qprio)
		return a->qprio > b->qprio ? -1 : 1;
	if (a->cprio != b->cprio)
		return a->cprio > b->cprio ? -1 : 1;
	if (a->join != b->join)
		return a->join < b->join ? -1 : 1;
	if (a->seq != b->seq)
		return a->seq < b->seq ? -1 : 1;
	return 0;
}

void route_wait_insert(route_wait *w, route_node *n)
{
	route_node *update[ROUTE_WAIT_LEVELS];
	route_node *x = w->head;
	for (int i = w->level - 1; i >= 0; i--) {
		while (x->next[i] && route_node_cmp(x->next[i], n) < 0)
			x = x->next[i];
		update[i] = x;
	}
	if (n->height > w->level) {
		for (int i = w->level; i < n->height; i++)
			update[i] = w->head;
		w->level = n->height;
	}
	for (int i = 0; i < n->height; i++) {
		n->next[i] = update[i]->next[i];
		update[i]->next[i] = n;
	}
	n->linked = true;
	w->n++;
}

void route_wait_remove(route_wait *w, route_node *n)
{
	if (!n->linked)
		return;
	route_node *x = w->head;
	for (int i = w->level - 1; i >= 0; i--) {
		while (x->next[i] && route_node_cmp(x->next[i], n) < 0)
			x = x->next[i];
		if (i < n->height && x->next[i] == n)
			x->next[i] = n->next[i];
	}
	while (w->level > 1 && !w->head->next[w->level - 1])
		w->level--;
	for (int i = 0; i < n->height; i++)
		n->next[i] = NULL;
	n->linked = false;
	w->n--;
}
