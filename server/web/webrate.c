/* Token buckets for the web chat's rate limits, per connection and per
 * source address (a bounded table). Pure: time comes in as `now`. */
#include "webrate.h"

#include <stdlib.h>
#include <string.h>

#include "hmap.h"

/* One visitor typing and chatting stays far inside these; a script does
 * not. Per address they are wider: one office behind one NAT address. */
const hl_webrate_rule hl_webrate_per_conn[HL_WEBRATE_KINDS] = {
	[HL_WEBRATE_LINE] = {1000, 1200},  /* 20 lines a second, 1,000 at once */
	[HL_WEBRATE_VISITOR] = {5, 6},     /* a new visitor every 10 s */
	[HL_WEBRATE_START] = {5, 6},
	[HL_WEBRATE_MSG] = {30, 30},       /* a stored chat line every 2 s */
	[HL_WEBRATE_LEFT] = {3, 1},        /* a left message a minute */
};
const hl_webrate_rule hl_webrate_per_addr[HL_WEBRATE_KINDS] = {
	[HL_WEBRATE_LINE] = {5000, 12000},
	[HL_WEBRATE_VISITOR] = {60, 60},
	[HL_WEBRATE_START] = {60, 60},
	[HL_WEBRATE_MSG] = {300, 600},
	[HL_WEBRATE_LEFT] = {20, 10},
};

static void refill(hl_webrate_bucket *b, const hl_webrate_rule *r, int64_t now)
{
	if (b->last_ms == 0) {
		b->tokens = r->burst;
		b->last_ms = now;
		return;
	}
	if (now > b->last_ms) {
		b->tokens += (double)(now - b->last_ms) * r->per_min / 60000.0;
		if (b->tokens > r->burst)
			b->tokens = r->burst;
		b->last_ms = now;
	}
}

static int64_t wait_ms(const hl_webrate_bucket *b, const hl_webrate_rule *r)
{
	double need = 1.0 - b->tokens;

	if (need <= 0)
		return 0;
	if (r->per_min <= 0)
		return INT64_MAX / 2;
	return (int64_t)(need * 60000.0 / r->per_min) + 1;
}

int64_t hl_webrate_take(hl_webrate_bucket *b, const hl_webrate_rule *r, int64_t now)
{
	refill(b, r, now);
	if (b->tokens >= 1.0) {
		b->tokens -= 1.0;
		return 0;
	}
	return wait_ms(b, r);
}

void hl_webrate_refund(hl_webrate_bucket *b, const hl_webrate_rule *r)
{
	b->tokens += 1.0;
	if (b->tokens > r->burst)
		b->tokens = r->burst;
}

int64_t hl_webrate_take2(hl_webrate_set *conn, hl_webrate_set *addr, hl_webrate_kind kind,
			 double addr_factor, int64_t now)
{
	int64_t w = hl_webrate_take(&conn->b[kind], &hl_webrate_per_conn[kind], now);
	hl_webrate_rule ar = hl_webrate_per_addr[kind];

	if (w > 0)
		return w;
	if (addr_factor > 1) {
		ar.burst *= addr_factor;
		ar.per_min *= addr_factor;
	}
	w = hl_webrate_take(&addr->b[kind], &ar, now);
	if (w > 0)
		hl_webrate_refund(&conn->b[kind], &hl_webrate_per_conn[kind]);
	return w;
}

/* --- per address --- */

#define ADDR_MAX 64  /* an IPv6 address in text fits */

struct entry {
	char addr[ADDR_MAX];
	int64_t seen_ms;
	hl_webrate_set set;
	hl_hmap_node node;
};

struct hl_webrate_addrs {
	size_t max;
	hl_hmap by_addr;
	hl_webrate_set overflow;
};

hl_webrate_addrs *hl_webrate_addrs_new(size_t max)
{
	hl_webrate_addrs *t = calloc(1, sizeof *t);

	if (!t)
		return NULL;
	t->max = max ? max : 1;
	return t;
}

void hl_webrate_addrs_free(hl_webrate_addrs *t)
{
	hl_hmap_iter it;

	if (!t)
		return;
	for (hl_hmap_node *x = hl_hmap_first(&t->by_addr, &it); x; x = hl_hmap_next(&it))
		free(hl_hmap_entry(x, struct entry, node));
	hl_hmap_fini(&t->by_addr);
	free(t);
}

hl_webrate_set *hl_webrate_addrs_get(hl_webrate_addrs *t, const char *addr, int64_t now)
{
	uint64_t h = hl_hmap_str(addr);
	struct entry *e;

	for (hl_hmap_node *x = hl_hmap_get(&t->by_addr, h); x; x = hl_hmap_get_next(x)) {
		e = hl_hmap_entry(x, struct entry, node);
		if (strcmp(e->addr, addr) == 0) {
			e->seen_ms = now;
			return &e->set;
		}
	}
	if (hl_hmap_count(&t->by_addr) >= t->max || strlen(addr) >= ADDR_MAX ||
	    !(e = calloc(1, sizeof *e)))
		return &t->overflow;
	memcpy(e->addr, addr, strlen(addr) + 1);
	e->seen_ms = now;
	hl_hmap_put(&t->by_addr, &e->node, h);
	return &e->set;
}

size_t hl_webrate_addrs_sweep(hl_webrate_addrs *t, int64_t now, int64_t idle_ms)
{
	size_t gone = 0;
	hl_hmap_iter it;

	for (hl_hmap_node *x = hl_hmap_first(&t->by_addr, &it); x; x = hl_hmap_next(&it)) {
		struct entry *e = hl_hmap_entry(x, struct entry, node);
		if (e->seen_ms + idle_ms < now) {
			hl_hmap_del(&t->by_addr, x);
			free(e);
			gone++;
		}
	}
	return gone;
}

size_t hl_webrate_addrs_count(const hl_webrate_addrs *t)
{
	return hl_hmap_count(&t->by_addr);
}
