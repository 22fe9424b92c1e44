/* Contacts in their queue: arrival, waiting lists, overflow, maximum wait, holds and requeue. */
#include "route_contact.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "route_agent.h"
#include "route_match.h"
#include "route_queue.h"
#include "route_strategy.h"

int route_contact_admit(const hl_route *r, const route_queue *q, int64_t now)
{
	if (!route_queue_open(r, q, now))
		return HL_E_CLOSED;
	if (q->max_len > 0 && q->queued >= (uint32_t)q->max_len)
		return HL_E_STATE;
	return 0;
}

void route_contact_link(hl_route *r, uint32_t ci)
{
	route_contact *c = &r->contacts[ci];
	for (uint32_t k = 0; k < c->n_nodes; k++)
		if (!c->nodes[k]->linked)
			route_wait_insert(&r->queues[c->nodes[k]->queue].wait, c->nodes[k]);
}

void route_contact_unlink(hl_route *r, uint32_t ci)
{
	route_contact *c = &r->contacts[ci];
	for (uint32_t k = 0; k < c->n_nodes; k++)
		route_wait_remove(&r->queues[c->nodes[k]->queue].wait, c->nodes[k]);
}

void route_contact_join(hl_route *r, uint32_t ci, uint32_t qi, int64_t now)
{
	route_contact *c = &r->contacts[ci];
	route_contact_unlink(r, ci);
	/* Overflow memberships belong to the old queue's rules. */
	while (c->n_nodes > 1)
		free(c->nodes[--c->n_nodes]);
	c->queue = qi;
	c->join = now;
	c->status = ROUTE_C_WAITING;
	c->agent = ROUTE_NONE;
	c->open_stat = true;
	c->directed = false;
	c->tiers_open = false;
	c->overflow_done = 0;
	c->n_excl = 0;
	c->check_at = 0;
	route_node *n = c->nodes[0];
	n->join = now;
	n->qprio = r->queues[qi].priority;
	n->cprio = c->priority;
	n->seq = c->seq;
	n->contact = ci;
	n->queue = qi;
	hl_metrics_count_offered(&r->queues[qi].counters);
	route_queue_list_add(r, ci);
	route_contact_link(r, ci);
}

bool route_contact_excluded(const route_contact *c, uint32_t ai, int64_t now)
{
	for (uint32_t i = 0; i < c->n_excl; i++)
		if (c->excl[i].agent == ai && c->excl[i].until > now)
			return true;
	return false;
}

void route_contact_exclude(hl_route *r, uint32_t ci, uint32_t ai, int64_t now)
{
	route_contact *c = &r->contacts[ci];
	int32_t secs = r->queues[c->queue].reoffer_s;
	if (secs <= 0)
		return;
	int64_t until = now + (int64_t)secs * 1000;
	uint32_t slot = c->n_excl, oldest = 0;
	for (uint32_t i = 0; i < c->n_excl; i++) {
		if (c->excl[i].agent == ai)
			slot = i;
		if (c->excl[i].until < c->excl[oldest].until)
			oldest = i;
	}
	/* A full memory forgets the decline that ends first. */
	if (slot == c->n_excl) {
		if (c->n_excl < ROUTE_EXCL_MAX)
			c->n_excl++;
		else
			slot = oldest;
	}
	c->excl[slot] = (route_excl){.agent = ai, .until = until};
}

uint32_t route_contact_holder(const hl_route *r, const route_contact *c, int64_t now)
{
	if (c->preferred == ROUTE_NONE)
		return ROUTE_NONE;
	const route_queue *q = &r->queues[c->queue];
	if (q->preferred_wait_s <= 0 || now - c->join >= (int64_t)q->preferred_wait_s * 1000)
		return ROUTE_NONE;
	/* Hold only for someone who could still come: logged in, connected,
	 * serving this queue, and not having turned this contact down. */
	const route_agent *a = &r->agents[c->preferred];
	if (a->state == HL_ROUTE_STATE_OFFLINE || a->vanished ||
	    route_agent_level(a, c->queue) == 0 || route_contact_excluded(c, c->preferred, now))
		return ROUTE_NONE;
	return c->preferred;
}

/* Fires the overflow rules due by `now`. */
static void fire_overflow(hl_route *r, uint32_t ci, int64_t now, hl_route_out *out)
{
	route_contact *c = &r->contacts[ci];
	const route_queue *q = &r->queues[c->queue];
	for (uint32_t i = 0; i < q->n_overflow; i++) {
		const route_overflow *o = &q->overflow[i];
		if ((c->overflow_done & (1u << i)) || c->join + (int64_t)o->after_s * 1000 > now)
			continue;
		c->overflow_done |= (uint8_t)(1u << i);
		if (o->lower_tiers) {
			/* Only a tiered queue has lower tiers to open. */
			if (!c->tiers_open && route_strategy_get(q->strategy)->tiers) {
				c->tiers_open = true;
				hl_route_decision *d = route_emit(out, HL_ROUTE_OVERFLOW, now, c->id, NULL, q->id);
				if (d)
					d->lower_tiers = true;
			}
			continue;
		}
		/* Targets resolve now, so queues may name each other in any
		 * order; an unknown target, the queue itself or a repeat does
		 * nothing. */
		uint32_t ti = route_queue_find(r, o->to);
		bool member = false;
		for (uint32_t k = 0; k < c->n_nodes; k++)
			member |= c->nodes[k]->queue == ti;
		if (ti == ROUTE_NONE || member || c->n_nodes == ROUTE_NODES_MAX)
			continue;
		route_node *n = route_node_new(r->node_salt++);
		if (!n)
			continue;
		n->join = c->nodes[0]->join;
		n->qprio = c->nodes[0]->qprio;
		n->cprio = c->nodes[0]->cprio;
		n->seq = c->nodes[0]->seq;
		n->contact = ci;
		n->queue = ti;
		c->nodes[c->n_nodes++] = n;
		route_wait_insert(&r->queues[ti].wait, n);
		hl_route_decision *d = route_emit(out, HL_ROUTE_OVERFLOW, now, c->id, NULL, q->id);
		if (d)
			route_copy(d->to, r->queues[ti].id, sizeof d->to);
	}
}

/* The next time something about the waiting contact changes by itself:
 * an overflow, a tier opening, the region or preferred hold ending, a
 * decline forgotten, the maximum wait. INT64_MAX when nothing will. */
static int64_t next_check(const hl_route *r, const route_contact *c, int64_t now)
{
	const route_queue *q = &r->queues[c->queue];
	int64_t t = INT64_MAX, cand[4 + HL_ROUTE_OVERFLOW_MAX + ROUTE_EXCL_MAX];
	int n = 0;
	int64_t tw = (int64_t)q->tier_wait_s * 1000;
	if (q->max_wait_s > 0)
		cand[n++] = c->join + (int64_t)q->max_wait_s * 1000;
	for (uint32_t i = 0; i < q->n_overflow; i++)
		if (!(c->overflow_done & (1u << i)))
			cand[n++] = c->join + (int64_t)q->overflow[i].after_s * 1000;
	if (tw > 0 && route_strategy_get(q->strategy)->tiers && !c->tiers_open) {
		int64_t k = (now - c->join) / tw + 1;
		if (k <= route_queue_tiers(q) - 1)
			cand[n++] = c->join + k * tw;
	}
	/* The region fallback and the end of a preferred-agent hold are
	 * fixed times: armed whoever is logged in now, since an agent coming
	 * back (log-in, reconnect) can start the hold or the region wait again. */
	if (tw > 0 && q->region_affinity && c->region)
		cand[n++] = c->join + tw;
	if (q->preferred_wait_s > 0 && c->preferred != ROUTE_NONE)
		cand[n++] = c->join + (int64_t)q->preferred_wait_s * 1000;
	for (uint32_t i = 0; i < c->n_excl; i++)
		cand[n++] = c->excl[i].until;
	for (int i = 0; i < n; i++)
		if (cand[i] > now && cand[i] < t)
			t = cand[i];
	return t;
}

void route_contact_check(hl_route *r, uint32_t ci, int64_t now, hl_route_out *out)
{
	route_contact *c = &r->contacts[ci];
	if (c->status != ROUTE_C_WAITING)
		return;
	fire_overflow(r, ci, now, out);
	const route_queue *q = &r->queues[c->queue];
	int64_t wait = now - c->join;
	if (q->max_wait_s > 0 && wait >= (int64_t)q->max_wait_s * 1000) {
		hl_route_decision *d = route_emit(out, HL_ROUTE_LEAVE, now, c->id, NULL, q->id);
		if (d) {
			route_copy(d->reason, "max_wait", sizeof d->reason);
			d->wait_ms = wait;
		}
		if (c->open_stat)
			hl_metrics_count_timed_out(&r->queues[c->queue].counters);
		route_contact_release(r, ci);
		return;
	}
	/* Forget declines that ran out. */
	uint32_t k = 0;
	for (uint32_t i = 0; i < c->n_excl; i++)
		if (c->excl[i].until > now)
			c->excl[k++] = c->excl[i];
	c->n_excl = k;
	route_match_contact(r, ci, now, out);
	c = &r->contacts[ci];
	if (c->status != ROUTE_C_WAITING) {
		c->check_timer = 0;
		return;
	}
	int64_t at = next_check(r, c, now);
	if (at == INT64_MAX) {
		c->check_timer = 0;
	} else if (at != c->check_at || !c->check_timer) {
		c->check_at = at;
		route_arm(r, &c->check_timer, ROUTE_T_CHECK, ci, at);
	}
}

void route_contact_on_check(hl_route *r, uint32_t ci, int64_t at, hl_route_out *out)
{
	route_contact_check(r, ci, at, out);
}

void route_contact_requeue(hl_route *r, uint32_t ci, uint32_t from, const char *reason,
			   int64_t now, hl_route_out *out)
{
	route_contact *c = &r->contacts[ci];
	c->status = ROUTE_C_WAITING;
	c->agent = ROUTE_NONE;
	c->directed = false;
	/* Its join time is kept: it goes back ahead of everyone who came later. */
	route_queue_list_add(r, ci);
	route_contact_link(r, ci);
	hl_route_decision *d = route_emit(out, HL_ROUTE_REQUEUE, now, c->id,
					  from != ROUTE_NONE ? r->agents[from].id : NULL,
					  r->queues[c->queue].id);
	if (d)
		route_copy(d->reason, reason, sizeof d->reason);
	route_contact_check(r, ci, now, out);
}

void route_contact_release(hl_route *r, uint32_t ci)
{
	route_contact *c = &r->contacts[ci];
	bool in_list = c->status == ROUTE_C_WAITING || (c->status == ROUTE_C_OFFERED && !c->directed);
	if (in_list)
		route_queue_list_remove(r, ci);
	route_contact_unlink(r, ci);
	for (uint32_t k = 0; k < c->n_nodes; k++)
		free(c->nodes[k]);
	c->n_nodes = 0;
	route_map_del(&r->contact_map, c->id);
	c->offer_timer = c->check_timer = c->grace_timer = 0;
	c->status = ROUTE_C_UNUSED;
	c->id[0] = '\0';
	c->q_next = r->free_contact;
	r->free_contact = ci;
}

/* Takes a free slot of the contact pool; ROUTE_NONE when memory runs out. */
static uint32_t alloc_contact(hl_route *r)
{
	uint32_t ci = r->free_contact;
	if (ci != ROUTE_NONE) {
		r->free_contact = r->contacts[ci].q_next;
		return ci;
	}
	if (r->n_contacts == r->cap_contacts) {
		uint32_t ncap = r->cap_contacts ? r->cap_contacts * 2 : 64;
		route_contact *nv = realloc(r->contacts, ncap * sizeof *nv);
		if (!nv)
			return ROUTE_NONE;
		r->contacts = nv;
		r->cap_contacts = ncap;
	}
	return r->n_contacts++;
}

static void reject(hl_route_out *out, int64_t now, const hl_route_contact_conf *cc, route_queue *q,
		   const char *reason)
{
	hl_metrics_count_rejected(&q->counters);
	hl_route_decision *d = route_emit(out, HL_ROUTE_REJECTED, now, cc->id, NULL, q->id);
	if (d)
		route_copy(d->reason, reason, sizeof d->reason);
}

int hl_route_contact_add(hl_route *r, int64_t now, const hl_route_contact_conf *cc, hl_route_out *out)
{
	if (!route_id_ok(cc->id) || !cc->queue)
		return cc->id && *cc->id ? HL_E_TOOBIG : HL_E_INVALID;
	if ((cc->customer && *cc->customer && !route_id_ok(cc->customer)) ||
	    (cc->region && *cc->region && !route_id_ok(cc->region)))
		return HL_E_TOOBIG;
	if (cc->priority < -1000000 || cc->priority > 1000000)
		return HL_E_INVALID;
	int rc = route_begin(r, now, out);
	if (rc)
		return rc;
	if (route_contact_find(r, cc->id) != ROUTE_NONE)
		return route_finish(r, out, HL_E_EXISTS);
	uint32_t qi = route_queue_find(r, cc->queue);
	if (qi == ROUTE_NONE)
		return route_finish(r, out, HL_E_NOTFOUND);
	rc = route_contact_admit(r, &r->queues[qi], now);
	if (rc) {
		reject(out, now, cc, &r->queues[qi], rc == HL_E_CLOSED ? "closed" : "queue_full");
		return route_finish(r, out, 0);
	}
	uint32_t region = route_region(r, cc->region);
	route_node *node = route_node_new(r->node_salt++);
	uint32_t ci = region == ROUTE_NONE || !node ? ROUTE_NONE : alloc_contact(r);
	if (ci == ROUTE_NONE) {
		free(node);
		return route_finish(r, out, HL_E_NOMEM);
	}
	route_contact *c = &r->contacts[ci];
	memset(c, 0, sizeof *c);
	route_copy(c->id, cc->id, sizeof c->id);
	if (route_map_put(&r->contact_map, c->id, ci)) {
		free(node);
		c->q_next = r->free_contact;
		r->free_contact = ci;
		return route_finish(r, out, HL_E_NOMEM);
	}
	route_copy(c->customer, cc->customer, sizeof c->customer);
	c->seq = r->seq++;
	c->priority = cc->priority + (cc->vip ? r->conf.vip_boost : 0);
	c->region = region;
	c->nodes[0] = node;
	c->n_nodes = 1;
	c->q_prev = c->q_next = c->a_prev = c->a_next = c->d_next = ROUTE_NONE;
	/* The customer's last agent: given by the caller, else remembered. */
	c->preferred = route_agent_find(r, cc->last_agent);
	if (c->preferred == ROUTE_NONE && c->customer[0]) {
		uint32_t cu = route_map_get(&r->customer_map, c->customer);
		if (cu != ROUTE_NONE)
			c->preferred = r->customers[cu].agent;
	}
	route_contact_join(r, ci, qi, now);
	route_contact_check(r, ci, now, out);
	return route_finish(r, out, 0);
}
