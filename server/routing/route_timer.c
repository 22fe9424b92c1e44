/* Binary min-heap of timers with lazy cancellation. */
#include "route_timer.h"

#include <stdlib.h>
#include <string.h>

static bool before(const route_timer_ent *a, const route_timer_ent *b)
{
	return a->at != b->at ? a->at < b->at : a->id < b->id;
}

void route_timers_init(route_timers *t)
{
	memset(t, 0, sizeof *t);
	t->next_id = 1;
}

void route_timers_fini(route_timers *t)
{
	free(t->v);
	memset(t, 0, sizeof *t);
}

static void sift_up(route_timers *t, size_t i)
{
	route_timer_ent e = t->v[i];
	while (i > 0) {
		size_t p = (i - 1) / 2;
		if (!before(&e, &t->v[p]))
			break;
		t->v[i] = t->v[p];
		i = p;
	}
	t->v[i] = e;
}

static void sift_down(route_timers *t, size_t i)
{
	route_timer_ent e = t->v[i];
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= t->n)
			break;
		if (c + 1 < t->n && before(&t->v[c + 1], &t->v[c]))
			c++;
		if (!before(&t->v[c], &e))
			break;
		t->v[i] = t->v[c];
		i = c;
	}
	t->v[i] = e;
}

uint64_t route_timer_push(route_timers *t, int64_t at, route_timer_kind kind, uint32_t obj)
{
	if (t->n == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 256;
		route_timer_ent *nv = realloc(t->v, ncap * sizeof *nv);
		if (!nv)
			return 0;
		t->v = nv;
		t->cap = ncap;
	}
	uint64_t id = t->next_id++;
	t->v[t->n] = (route_timer_ent){.at = at, .id = id, .obj = obj, .kind = (uint8_t)kind};
	t->n++;
	sift_up(t, t->n - 1);
	return id;
}

const route_timer_ent *route_timer_top(const route_timers *t)
{
	return t->n ? &t->v[0] : NULL;
}

void route_timer_pop(route_timers *t)
{
	if (!t->n)
		return;
	t->v[0] = t->v[--t->n];
	if (t->n)
		sift_down(t, 0);
}

void route_timer_prune(route_timers *t, route_timer_valid_fn valid, const void *ctx)
{
	while (t->n && !valid(ctx, &t->v[0]))
		route_timer_pop(t);
	/* Re-armed timers leave stale entries behind; rebuilding when the heap
	 * doubles keeps it within twice the live timers, amortised O(1). */
	if (t->n > 2 * t->base + 1024) {
		size_t k = 0;
		for (size_t i = 0; i < t->n; i++)
			if (valid(ctx, &t->v[i]))
				t->v[k++] = t->v[i];
		t->n = k;
		for (size_t i = t->n / 2; i-- > 0;)
			sift_down(t, i);
		t->base = t->n;
	}
}
