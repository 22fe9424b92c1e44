/* Queues: definition, business hours, staffing, free agents and the join-ordered list. */
#include "route_queue.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "route_contact.h"

void route_queue_fini(route_queue *q)
{
	route_wait_fini(&q->wait);
	free(q->free);
	free(q->members);
	free(q->region_staffed);
}

void hl_route_queue_conf_default(hl_route_queue_conf *q, const char *id)
{
	memset(q, 0, sizeof *q);
	q->id = id;
	q->strategy = HL_ROUTE_STRATEGY_LONGEST_IDLE;
	q->sl_pct = 80;
	q->sl_secs = 20;
	q->offer_timeout_s = 15;
	q->missed_limit = 3;
	q->tier_wait_s = 30;
	q->short_abandon_s = 5;
	q->grace_s = -1;
	q->reoffer_s = 10;
}

static bool secs_ok(int32_t s)
{
	return s >= 0 && s <= ROUTE_SECS_MAX;
}

static int check_conf(const hl_route_queue_conf *c)
{
	if (!route_id_ok(c->id))
		return c->id && *c->id ? HL_E_TOOBIG : HL_E_INVALID;
	if ((int)c->strategy < 0 || c->strategy >= HL_ROUTE_STRATEGY_COUNT)
		return HL_E_INVALID;
	if (c->sl_pct < 0 || c->sl_pct > 100 || !secs_ok(c->sl_secs) || !secs_ok(c->max_wait_s) ||
	    c->max_len < 0 || !secs_ok(c->offer_timeout_s) || !secs_ok(c->wrap_up_s) ||
	    c->missed_limit < 0 || c->missed_limit > 1000 || !secs_ok(c->tier_wait_s) ||
	    !secs_ok(c->short_abandon_s) || !secs_ok(c->preferred_wait_s) ||
	    (c->grace_s != -1 && !secs_ok(c->grace_s)) || !secs_ok(c->reoffer_s) ||
	    c->utc_offset_min < -1440 || c->utc_offset_min > 1440)
		return HL_E_INVALID;
	if (c->n_overflow > HL_ROUTE_OVERFLOW_MAX || c->n_open > HL_ROUTE_HOURS_MAX)
		return HL_E_TOOBIG;
	if ((c->n_overflow && !c->overflow) || (c->n_open && !c->open))
		return HL_E_INVALID;
	for (size_t i = 0; i < c->n_overflow; i++) {
		if (!secs_ok(c->overflow[i].after_s))
			return HL_E_INVALID;
		if (!c->overflow[i].lower_tiers && !route_id_ok(c->overflow[i].to))
			return HL_E_INVALID;
	}
	for (size_t i = 0; i < c->n_open; i++)
		if (c->open[i].from < 0 || c->open[i].from >= c->open[i].to ||
		    c->open[i].to > HL_ROUTE_WEEK_MIN)
			return HL_E_INVALID;
	return 0;
}

static void apply_conf(route_queue *q, const hl_route_queue_conf *c, const hl_route_config *rc)
{
	route_copy(q->id, c->id, sizeof q->id);
	q->strategy = c->strategy;
	q->priority = c->priority;
	q->sl_pct = c->sl_pct;
	q->sl_secs = c->sl_secs;
	q->max_wait_s = c->max_wait_s;
	q->max_len = c->max_len;
	q->offer_timeout_s = c->offer_timeout_s;
	q->auto_accept = c->auto_accept;
	q->wrap_up_s = c->wrap_up_s;
	q->missed_limit = c->missed_limit;
	q->tier_wait_s = c->tier_wait_s;
	q->short_abandon_s = c->short_abandon_s;
	q->preferred_wait_s = c->preferred_wait_s;
	q->grace_s = c->grace_s >= 0 ? c->grace_s : rc->grace_s;
	q->reoffer_s = c->reoffer_s;
	q->region_affinity = c->region_affinity;
	q->utc_offset_min = c->utc_offset_min;
	q->n_overflow = (uint32_t)c->n_overflow;
	for (size_t i = 0; i < c->n_overflow; i++) {
		q->overflow[i].after_s = c->overflow[i].after_s;
		q->overflow[i].lower_tiers = c->overflow[i].lower_tiers;
		route_copy(q->overflow[i].to, c->overflow[i].lower_tiers ? "" : c->overflow[i].to,
			   sizeof q->overflow[i].to);
	}
	q->n_open = (uint32_t)c->n_open;
	for (size_t i = 0; i < c->n_open; i++)
		q->open[i] = c->open[i];
}

/* Re-keys the nodes of the queue's own contacts after a priority change,
 * so every list they sit in stays ordered. */
static void rekey(hl_route *r, uint32_t qi)
{
	for (uint32_t ci = r->queues[qi].q_head; ci != ROUTE_NONE; ci = r->contacts[ci].q_next) {
		route_contact *c = &r->contacts[ci];
		for (uint32_t k = 0; k < c->n_nodes; k++) {
			route_node *n = c->nodes[k];
			bool linked = n->linked;
			if (linked)
				route_wait_remove(&r->queues[n->queue].wait, n);
			n->qprio = r->queues[qi].priority;
			if (linked)
				route_wait_insert(&r->queues[n->queue].wait, n);
		}
	}
}

int hl_route_queue_set(hl_route *r, int64_t now, const hl_route_queue_conf *c, hl_route_out *out)
{
	int rc = check_conf(c);
	if (rc)
		return rc;
	rc = route_begin(r, now, out);
	if (rc)
		return rc;
	uint32_t qi = route_queue_find(r, c->id);
	if (qi != ROUTE_NONE) {
		route_queue *q = &r->queues[qi];
		int32_t old_prio = q->priority;
		apply_conf(q, c, &r->conf);
		if (q->priority != old_prio)
			rekey(r, qi);
		route_queue_rematch(r, qi, now, out);
		return route_finish(r, out, 0);
	}
	if (r->n_queues == r->cap_queues) {
		uint32_t ncap = r->cap_queues ? r->cap_queues * 2 : 8;
		route_queue *nv = realloc(r->queues, ncap * sizeof *nv);
		if (!nv)
			return route_finish(r, out, HL_E_NOMEM);
		r->queues = nv;
		r->cap_queues = ncap;
	}
	qi = r->n_queues;
	route_queue *q = &r->queues[qi];
	memset(q, 0, sizeof *q);
	if (route_wait_init(&q->wait))
		return route_finish(r, out, HL_E_NOMEM);
	apply_conf(q, c, &r->conf);
	q->rr_last = ROUTE_NONE;
	q->q_head = q->q_tail = ROUTE_NONE;
	if (route_map_put(&r->queue_map, q->id, qi)) {
		route_queue_fini(q);
		return route_finish(r, out, HL_E_NOMEM);
	}
	r->n_queues++;
	return route_finish(r, out, 0);
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool route_queue_open(const hl_route *r, const route_queue *q, int64_t now)
{
	if (!q->n_open)
		return true;
	/* The Unix epoch fell on a Thursday: +3 days makes Monday 00:00 zero. */
	int64_t min = floor_div(now + r->conf.epoch_unix_ms, 60000) + q->utc_offset_min + 3 * 1440;
	int64_t mow = min - floor_div(min, HL_ROUTE_WEEK_MIN) * HL_ROUTE_WEEK_MIN;
	for (uint32_t i = 0; i < q->n_open; i++)
		if (mow >= q->open[i].from && mow < q->open[i].to)
			return true;
	return false;
}

int route_queue_tier(const route_queue *q, int level)
{
	int tier = 0;
	for (int l = HL_ROUTE_LEVEL_MAX; l > level; l--)
		if (q->staffed[l])
			tier++;
	return tier;
}

int route_queue_tiers(const route_queue *q)
{
	int n = 0;
	for (int l = HL_ROUTE_LEVEL_MIN; l <= HL_ROUTE_LEVEL_MAX; l++)
		if (q->staffed[l])
			n++;
	return n;
}

uint32_t route_queue_region_staffed(const route_queue *q, uint32_t region)
{
	return region < q->n_region_staffed ? q->region_staffed[region] : 0;
}

int route_queue_staff(route_queue *q, int level, uint32_t region, int delta)
{
	if (region >= q->n_region_staffed) {
		if (delta < 0)
			return 0;
		uint32_t n = region + 8;
		uint32_t *nv = realloc(q->region_staffed, n * sizeof *nv);
		if (!nv)
			return HL_E_NOMEM;
		memset(nv + q->n_region_staffed, 0, (n - q->n_region_staffed) * sizeof *nv);
		q->region_staffed = nv;
		q->n_region_staffed = n;
	}
	q->staffed[level] += (uint32_t)delta;
	q->region_staffed[region] += (uint32_t)delta;
	return 0;
}

uint32_t route_queue_free_add(hl_route *r, uint32_t qi, uint32_t ai, int level)
{
	route_queue *q = &r->queues[qi];
	if (q->n_free == q->cap_free) {
		uint32_t ncap = q->cap_free ? q->cap_free * 2 : 16;
		route_free_ent *nv = realloc(q->free, ncap * sizeof *nv);
		if (!nv)
			return ROUTE_NONE;
		q->free = nv;
		q->cap_free = ncap;
	}
	q->free[q->n_free] = (route_free_ent){.agent = ai, .level = (uint8_t)level};
	return q->n_free++;
}

void route_queue_free_remove(hl_route *r, uint32_t qi, uint32_t pos)
{
	route_queue *q = &r->queues[qi];
	uint32_t last = --q->n_free;
	if (pos == last)
		return;
	/* Swap the last entry into the hole and tell its agent where it went. */
	q->free[pos] = q->free[last];
	route_agent *moved = &r->agents[q->free[pos].agent];
	for (uint32_t k = 0; k < moved->n_skills; k++)
		if (moved->skills[k].queue == qi)
			moved->skills[k].free_pos = pos;
}

int route_queue_member_add(route_queue *q, uint32_t ai)
{
	if (q->n_members == q->cap_members) {
		uint32_t ncap = q->cap_members ? q->cap_members * 2 : 16;
		uint32_t *nv = realloc(q->members, ncap * sizeof *nv);
		if (!nv)
			return HL_E_NOMEM;
		q->members = nv;
		q->cap_members = ncap;
	}
	q->members[q->n_members++] = ai;
	return 0;
}

void route_queue_member_remove(route_queue *q, uint32_t ai)
{
	for (uint32_t i = 0; i < q->n_members; i++)
		if (q->members[i] == ai) {
			memmove(&q->members[i], &q->members[i + 1], (q->n_members - i - 1) * sizeof *q->members);
			q->n_members--;
			return;
		}
}

static bool joined_before(const route_contact *a, const route_contact *b)
{
	return a->join != b->join ? a->join < b->join : a->seq < b->seq;
}

void route_queue_list_add(hl_route *r, uint32_t ci)
{
	route_contact *c = &r->contacts[ci];
	route_queue *q = &r->queues[c->queue];
	/* Arrivals join last; a requeued contact walks back to its old place. */
	uint32_t after = q->q_tail;
	while (after != ROUTE_NONE && joined_before(c, &r->contacts[after]))
		after = r->contacts[after].q_prev;
	c->q_prev = after;
	c->q_next = after == ROUTE_NONE ? q->q_head : r->contacts[after].q_next;
	if (after == ROUTE_NONE)
		q->q_head = ci;
	else
		r->contacts[after].q_next = ci;
	if (c->q_next == ROUTE_NONE)
		q->q_tail = ci;
	else
		r->contacts[c->q_next].q_prev = ci;
	q->queued++;
}

void route_queue_list_remove(hl_route *r, uint32_t ci)
{
	route_contact *c = &r->contacts[ci];
	route_queue *q = &r->queues[c->queue];
	if (c->q_prev == ROUTE_NONE)
		q->q_head = c->q_next;
	else
		r->contacts[c->q_prev].q_next = c->q_next;
	if (c->q_next == ROUTE_NONE)
		q->q_tail = c->q_prev;
	else
		r->contacts[c->q_next].q_prev = c->q_prev;
	c->q_prev = c->q_next = ROUTE_NONE;
	q->queued--;
}

void route_queue_rematch(hl_route *r, uint32_t qi, int64_t now, hl_route_out *out)
{
	/* Routing a contact only unlinks that contact, so the successor taken
	 * first stays valid. */
	route_node *n = route_wait_first(&r->queues[qi].wait);
	while (n) {
		route_node *next = n->next[0];
		route_contact_check(r, n->contact, now, out);
		n = next;
	}
}
