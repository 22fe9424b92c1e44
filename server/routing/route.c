/* The routing engine's core: lifetime, decision output, timers and the names of things. */
#include "route.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "route_agent.h"
#include "route_contact.h"
#include "route_handle.h"
#include "route_int.h"
#include "route_offer.h"
#include "route_queue.h"

static const char *const state_names[HL_ROUTE_STATE_COUNT] = {
	[HL_ROUTE_STATE_OFFLINE] = "offline",
	[HL_ROUTE_STATE_AVAILABLE] = "available",
	[HL_ROUTE_STATE_NOT_READY] = "not_ready",
	[HL_ROUTE_STATE_WRAP_UP] = "wrap_up",
};

static const char *const kind_names[HL_ROUTE_KIND_COUNT] = {
	[HL_ROUTE_OFFER] = "offer",
	[HL_ROUTE_ANSWER] = "answer",
	[HL_ROUTE_OFFER_TIMEOUT] = "offer_timeout",
	[HL_ROUTE_OFFER_CANCEL] = "offer_cancel",
	[HL_ROUTE_STATE_CHANGE] = "state",
	[HL_ROUTE_REQUEUE] = "requeue",
	[HL_ROUTE_OVERFLOW] = "overflow",
	[HL_ROUTE_REJECTED] = "rejected",
	[HL_ROUTE_WRAPUP_END] = "wrapup_end",
	[HL_ROUTE_ABANDON] = "abandon",
	[HL_ROUTE_LEAVE] = "leave",
};

const char *hl_route_state_name(hl_route_state s)
{
	return (int)s >= 0 && s < HL_ROUTE_STATE_COUNT ? state_names[s] : "";
}

int hl_route_state_parse(const char *name)
{
	for (int i = 0; name && i < HL_ROUTE_STATE_COUNT; i++)
		if (strcmp(state_names[i], name) == 0)
			return i;
	return -1;
}

const char *hl_route_kind_name(hl_route_kind k)
{
	return (int)k >= 0 && k < HL_ROUTE_KIND_COUNT ? kind_names[k] : "";
}

void hl_route_out_init(hl_route_out *o)
{
	memset(o, 0, sizeof *o);
}

void hl_route_out_clear(hl_route_out *o)
{
	o->n = 0;
	o->lost = false;
}

void hl_route_out_free(hl_route_out *o)
{
	free(o->v);
	hl_route_out_init(o);
}

void route_copy(char *dst, const char *src, size_t cap)
{
	size_t n = src ? strlen(src) : 0;
	if (n >= cap)
		n = cap - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

bool route_id_ok(const char *s)
{
	if (!s || !*s)
		return false;
	return strlen(s) < HL_ROUTE_ID_MAX;
}

hl_route_decision *route_emit(hl_route_out *out, hl_route_kind kind, int64_t t,
			      const char *contact, const char *agent, const char *queue)
{
	if (out->n == out->cap) {
		size_t ncap = out->cap ? out->cap * 2 : 16;
		hl_route_decision *nv = realloc(out->v, ncap * sizeof *nv);
		if (!nv) {
			out->lost = true;
			return NULL;
		}
		out->v = nv;
		out->cap = ncap;
	}
	hl_route_decision *d = &out->v[out->n++];
	/* Clear only the scalars and first bytes: the ids are NUL-terminated
	 * and decisions are made by the thousand in a busy turn. */
	d->kind = kind;
	d->t = t;
	route_copy(d->contact, contact, sizeof d->contact);
	route_copy(d->agent, agent, sizeof d->agent);
	route_copy(d->queue, queue, sizeof d->queue);
	d->to[0] = '\0';
	d->reason[0] = '\0';
	d->state = HL_ROUTE_STATE_OFFLINE;
	d->wait_ms = 0;
	d->deadline = 0;
	d->auto_accept = d->short_abandon = d->lower_tiers = false;
	return d;
}

/* ---- timers ---- */

static uint64_t *slot_offer(hl_route *r, uint32_t i) { return &r->contacts[i].offer_timer; }
static uint64_t *slot_check(hl_route *r, uint32_t i) { return &r->contacts[i].check_timer; }
static uint64_t *slot_grace(hl_route *r, uint32_t i) { return &r->contacts[i].grace_timer; }
static uint64_t *slot_wrap(hl_route *r, uint32_t i) { return &r->agents[i].wrap_timer; }
static uint64_t *slot_vanish(hl_route *r, uint32_t i) { return &r->agents[i].vanish_timer; }

/* What each timer kind is attached to and what firing it does. */
static const struct {
	bool on_agent;
	uint64_t *(*slot)(hl_route *r, uint32_t obj);
	void (*fire)(hl_route *r, uint32_t obj, int64_t at, hl_route_out *out);
} timer_kinds[ROUTE_T_KINDS] = {
	[ROUTE_T_OFFER] = {.on_agent = false, .slot = slot_offer, .fire = route_offer_on_timeout},
	[ROUTE_T_CHECK] = {.on_agent = false, .slot = slot_check, .fire = route_contact_on_check},
	[ROUTE_T_GRACE] = {.on_agent = false, .slot = slot_grace, .fire = route_contact_on_grace},
	[ROUTE_T_WRAP] = {.on_agent = true, .slot = slot_wrap, .fire = route_agent_on_wrap},
	[ROUTE_T_VANISH] = {.on_agent = true, .slot = slot_vanish, .fire = route_agent_on_vanish},
};

static uint64_t *timer_slot(const hl_route *r, const route_timer_ent *e)
{
	if (e->kind >= ROUTE_T_KINDS)
		return NULL;
	if (timer_kinds[e->kind].on_agent ? e->obj >= r->n_agents : e->obj >= r->n_contacts)
		return NULL;
	/* The slot accessors only take an address. */
	return timer_kinds[e->kind].slot((hl_route *)r, e->obj);
}

static bool timer_valid(const void *ctx, const route_timer_ent *e)
{
	uint64_t *slot = timer_slot(ctx, e);
	return slot && *slot == e->id;
}

void route_arm(hl_route *r, uint64_t *slot, route_timer_kind kind, uint32_t obj, int64_t at)
{
	if (at < r->now)
		at = r->now;
	/* 0 when memory runs out: the timer is lost, the slot reads disarmed. */
	*slot = route_timer_push(&r->timers, at, kind, obj);
}

/* Fires every timer due at or before `now`, each at its own time. */
static void fire_due(hl_route *r, int64_t now, hl_route_out *out)
{
	for (;;) {
		const route_timer_ent *top = route_timer_top(&r->timers);
		if (!top || top->at > now)
			break;
		route_timer_ent e = *top;
		route_timer_pop(&r->timers);
		uint64_t *slot = timer_slot(r, &e);
		if (!slot || *slot != e.id)
			continue;
		*slot = 0;
		/* Each timer runs at its own time, so its decisions carry it. */
		r->now = e.at;
		timer_kinds[e.kind].fire(r, e.obj, e.at, out);
	}
	r->now = now;
}

int hl_route_tick(hl_route *r, int64_t now, hl_route_out *out)
{
	int rc = route_begin(r, now, out);
	return rc ? rc : route_finish(r, out, 0);
}

int64_t hl_route_next_timer(const hl_route *r)
{
	const route_timer_ent *top = route_timer_top(&r->timers);
	return top ? top->at : HL_ROUTE_NO_TIMER;
}

int route_begin(hl_route *r, int64_t now, hl_route_out *out)
{
	if (now < r->now)
		return HL_E_INVALID;
	fire_due(r, now, out);
	return 0;
}

int route_finish(hl_route *r, hl_route_out *out, int rc)
{
	route_timer_prune(&r->timers, timer_valid, r);
	if (rc == 0 && out->lost)
		return HL_E_NOMEM;
	return rc;
}

/* ---- lifetime ---- */

void hl_route_config_default(hl_route_config *c)
{
	memset(c, 0, sizeof *c);
	c->seed = 1;
	c->grace_s = 30;
	c->vip_boost = 10;
	c->default_aht_s = 300;
}

static const char *queue_key(const void *ctx, uint32_t i) { return ((const hl_route *)ctx)->queues[i].id; }
static const char *agent_key(const void *ctx, uint32_t i) { return ((const hl_route *)ctx)->agents[i].id; }
static const char *contact_key(const void *ctx, uint32_t i) { return ((const hl_route *)ctx)->contacts[i].id; }
static const char *customer_key(const void *ctx, uint32_t i) { return ((const hl_route *)ctx)->customers[i].id; }
static const char *region_key(const void *ctx, uint32_t i) { return ((const hl_route *)ctx)->regions[i]; }

hl_route *hl_route_new(const hl_route_config *conf)
{
	hl_route *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	if (conf)
		r->conf = *conf;
	else
		hl_route_config_default(&r->conf);
	/* splitmix64 state; any seed (0 included) gives a good stream. */
	r->rng = r->conf.seed;
	r->free_contact = ROUTE_NONE;
	route_map_init(&r->queue_map, queue_key, r);
	route_map_init(&r->agent_map, agent_key, r);
	route_map_init(&r->contact_map, contact_key, r);
	route_map_init(&r->customer_map, customer_key, r);
	route_map_init(&r->region_map, region_key, r);
	route_timers_init(&r->timers);
	r->regions = calloc(8, sizeof *r->regions);
	if (!r->regions) {
		free(r);
		return NULL;
	}
	r->cap_regions = 8;
	r->n_regions = 1; /* [0] = no region */
	return r;
}

void hl_route_free(hl_route *r)
{
	if (!r)
		return;
	for (uint32_t i = 0; i < r->n_contacts; i++)
		for (uint32_t k = 0; k < r->contacts[i].n_nodes; k++)
			free(r->contacts[i].nodes[k]);
	for (uint32_t i = 0; i < r->n_queues; i++)
		route_queue_fini(&r->queues[i]);
	for (uint32_t i = 0; i < r->n_agents; i++) {
		free(r->agents[i].skills);
		free(r->agents[i].wraps);
	}
	free(r->contacts);
	free(r->queues);
	free(r->agents);
	free(r->customers);
	free(r->regions);
	route_map_fini(&r->queue_map);
	route_map_fini(&r->agent_map);
	route_map_fini(&r->contact_map);
	route_map_fini(&r->customer_map);
	route_map_fini(&r->region_map);
	route_timers_fini(&r->timers);
	free(r);
}

/* ---- small shared services ---- */

uint64_t route_rand(hl_route *r)
{
	uint64_t x = (r->rng += 0x9e3779b97f4a7c15ULL);
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

uint32_t route_region_find(const hl_route *r, const char *name)
{
	if (!name || !*name)
		return 0;
	return route_map_get(&r->region_map, name);
}

uint32_t route_region(hl_route *r, const char *name)
{
	uint32_t i = route_region_find(r, name);
	if (i != ROUTE_NONE)
		return i;
	if (r->n_regions == r->cap_regions) {
		void *nv = realloc(r->regions, 2 * r->cap_regions * sizeof *r->regions);
		if (!nv)
			return ROUTE_NONE;
		r->regions = nv;
		r->cap_regions *= 2;
	}
	i = r->n_regions;
	route_copy(r->regions[i], name, HL_ROUTE_ID_MAX);
	if (route_map_put(&r->region_map, r->regions[i], i))
		return ROUTE_NONE;
	r->n_regions++;
	return i;
}

uint32_t route_queue_find(const hl_route *r, const char *id)
{
	return id ? route_map_get(&r->queue_map, id) : ROUTE_NONE;
}

uint32_t route_agent_find(const hl_route *r, const char *id)
{
	return id ? route_map_get(&r->agent_map, id) : ROUTE_NONE;
}

uint32_t route_contact_find(const hl_route *r, const char *id)
{
	return id ? route_map_get(&r->contact_map, id) : ROUTE_NONE;
}
