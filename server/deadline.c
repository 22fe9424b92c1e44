/* A min-heap of deadlines whose nodes live in their owners (a session's
 * parked poll), so the loop finds what is due without walking everyone. */
#include "deadline.h"

#include <stdlib.h>

#include "error.h"

static void put(hl_deadlines *h, size_t i, hl_deadline_node *x)
{
	h->v[i] = x;
	x->pos = i + 1;
}

static void up(hl_deadlines *h, size_t i)
{
	hl_deadline_node *x = h->v[i];

	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (h->v[p]->at <= x->at)
			break;
		put(h, i, h->v[p]);
		i = p;
	}
	put(h, i, x);
}

static void down(hl_deadlines *h, size_t i)
{
	hl_deadline_node *x = h->v[i];

	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && h->v[c + 1]->at < h->v[c]->at)
			c++;
		if (x->at <= h->v[c]->at)
			break;
		put(h, i, h->v[c]);
		i = c;
	}
	put(h, i, x);
}

int hl_deadlines_set(hl_deadlines *h, hl_deadline_node *x, int64_t at)
{
	if (x->pos) {
		int64_t was = x->at;
		x->at = at;
		if (at < was)
			up(h, x->pos - 1);
		else
			down(h, x->pos - 1);
		return 0;
	}
	if (h->n == h->cap) {
		size_t cap = h->cap ? h->cap * 2 : 64;
		void *p = realloc(h->v, cap * sizeof *h->v);
		if (!p)
			return HL_E_NOMEM;
		h->v = p;
		h->cap = cap;
	}
	x->at = at;
	put(h, h->n++, x);
	up(h, h->n - 1);
	return 0;
}

void hl_deadlines_remove(hl_deadlines *h, hl_deadline_node *x)
{
	size_t i;

	if (!x->pos)
		return;
	i = x->pos - 1;
	x->pos = 0;
	if (--h->n == i)
		return;
	/* The last node fills the hole and goes whichever way it must. */
	hl_deadline_node *m = h->v[h->n];
	put(h, i, m);
	up(h, i);
	down(h, m->pos - 1);
}

hl_deadline_node *hl_deadlines_first(const hl_deadlines *h)
{
	return h->n ? h->v[0] : NULL;
}

void hl_deadlines_free(hl_deadlines *h)
{
	free(h->v);
	h->v = NULL;
	h->n = h->cap = 0;
}
