/* Offers: make, accept, decline, time out (misses), withdraw; the agent's contact lists. */
#include "route_offer.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "route_agent.h"
#include "route_contact.h"
#include "route_queue.h"

static void assign(hl_route *r, uint32_t ci, uint32_t ai)
{
	route_contact *c = &r->contacts[ci];
	route_agent *a = &r->agents[ai];
	c->agent = ai;
	c->a_prev = ROUTE_NONE;
	c->a_next = a->c_head;
	if (a->c_head != ROUTE_NONE)
		r->contacts[a->c_head].a_prev = ci;
	a->c_head = ci;
}

void route_offer_unassign(hl_route *r, uint32_t ci, int64_t now)
{
	route_contact *c = &r->contacts[ci];
	route_agent *a = &r->agents[c->agent];
	route_agent_touch(a, now);
	if (c->status == ROUTE_C_OFFERED)
		a->offers--;
	else if (c->status == ROUTE_C_ACTIVE)
		a->active--;
	if (c->a_prev == ROUTE_NONE)
		a->c_head = c->a_next;
	else
		r->contacts[c->a_prev].a_next = c->a_next;
	if (c->a_next != ROUTE_NONE)
		r->contacts[c->a_next].a_prev = c->a_prev;
	c->a_prev = c->a_next = ROUTE_NONE;
	c->agent = ROUTE_NONE;
	c->offer_timer = c->grace_timer = 0;
}

void route_offer_directed_push(hl_route *r, uint32_t ai, uint32_t ci)
{
	route_agent *a = &r->agents[ai];
	r->contacts[ci].d_next = ROUTE_NONE;
	if (a->d_tail == ROUTE_NONE)
		a->d_head = ci;
	else
		r->contacts[a->d_tail].d_next = ci;
	a->d_tail = ci;
}

uint32_t route_offer_directed_pop(hl_route *r, uint32_t ai)
{
	route_agent *a = &r->agents[ai];
	uint32_t ci = a->d_head;
	if (ci == ROUTE_NONE)
		return ci;
	a->d_head = r->contacts[ci].d_next;
	if (a->d_head == ROUTE_NONE)
		a->d_tail = ROUTE_NONE;
	r->contacts[ci].d_next = ROUTE_NONE;
	return ci;
}

void route_offer_directed_remove(hl_route *r, uint32_t ai, uint32_t ci)
{
	route_agent *a = &r->agents[ai];
	uint32_t prev = ROUTE_NONE;
	for (uint32_t x = a->d_head; x != ROUTE_NONE; prev = x, x = r->contacts[x].d_next) {
		if (x != ci)
			continue;
		uint32_t next = r->contacts[x].d_next;
		if (prev == ROUTE_NONE)
			a->d_head = next;
		else
			r->contacts[prev].d_next = next;
		if (a->d_tail == x)
			a->d_tail = prev;
		r->contacts[x].d_next = ROUTE_NONE;
		return;
	}
}

/* Remembers agent `ai` as the customer's last agent. */
static void remember(hl_route *r, const char *customer, uint32_t ai)
{
	if (!customer[0])
		return;
	uint32_t cu = route_map_get(&r->customer_map, customer);
	if (cu != ROUTE_NONE) {
		r->customers[cu].agent = ai;
		return;
	}
	if (r->n_customers == r->cap_customers) {
		uint32_t ncap = r->cap_customers ? r->cap_customers * 2 : 64;
		route_customer *nv = realloc(r->customers, ncap * sizeof *nv);
		if (!nv)
			return; /* forgetting a preference is harmless */
		r->customers = nv;
		r->cap_customers = ncap;
	}
	cu = r->n_customers;
	route_copy(r->customers[cu].id, customer, sizeof r->customers[cu].id);
	r->customers[cu].agent = ai;
	if (route_map_put(&r->customer_map, r->customers[cu].id, cu) == 0)
		r->n_customers++;
}

/* The agent takes the offered contact: the queue wait ends here. */
static void answer(hl_route *r, uint32_t ci, int64_t now, hl_route_out *out)
{
	route_contact *c = &r->contacts[ci];
	route_agent *a = &r->agents[c->agent];
	route_queue *q = &r->queues[c->queue];
	route_agent_touch(a, now);
	c->offer_timer = 0;
	a->offers--;
	a->active++;
	if (!c->directed)
		route_queue_list_remove(r, ci);
	c->status = ROUTE_C_ACTIVE;
	c->answered_at = now;
	int64_t wait = now - c->join;
	/* A contact counts once per queue: a requeued one was answered before. */
	if (c->open_stat) {
		hl_metrics_count_answered(&q->counters, wait, q->sl_secs);
		hl_metrics_count_answered(&a->counters, wait, q->sl_secs);
		c->open_stat = false;
	}
	a->missed = 0;
	c->directed = false;
	remember(r, c->customer, c->agent);
	hl_route_decision *d = route_emit(out, HL_ROUTE_ANSWER, now, c->id, a->id, q->id);
	if (d)
		d->wait_ms = wait;
}

void route_offer_make(hl_route *r, uint32_t ci, uint32_t ai, uint32_t via, int64_t now,
		      hl_route_out *out)
{
	route_contact *c = &r->contacts[ci];
	route_agent *a = &r->agents[ai];
	route_queue *q = &r->queues[c->queue];
	c->directed = c->status == ROUTE_C_DIRECTED;
	route_contact_unlink(r, ci);
	c->check_timer = 0;
	route_agent_touch(a, now);
	c->status = ROUTE_C_OFFERED;
	assign(r, ci, ai);
	a->offers++;
	a->idle_since = now;
	r->queues[via].rr_last = a->seq;
	route_agent_refresh(r, ai);
	hl_route_decision *d = route_emit(out, HL_ROUTE_OFFER, now, c->id, a->id, q->id);
	if (d && via != c->queue)
		route_copy(d->to, r->queues[via].id, sizeof d->to);
	if (q->auto_accept) {
		if (d)
			d->auto_accept = true;
		answer(r, ci, now, out);
		return;
	}
	c->deadline = 0;
	if (q->offer_timeout_s > 0) {
		c->deadline = now + (int64_t)q->offer_timeout_s * 1000;
		route_arm(r, &c->offer_timer, ROUTE_T_OFFER, ci, c->deadline);
		if (d)
			d->deadline = c->deadline;
	}
}

/* After an offer of `ci` failed (declined, missed, withdrawn): a transfer
 * to an agent goes back to its queue, a queued contact to its place. */
static void back_to_queue(hl_route *r, uint32_t ci, uint32_t from, bool was_directed,
			  const char *why, int64_t now, hl_route_out *out)
{
	route_contact *c = &r->contacts[ci];
	if (was_directed) {
		route_contact_requeue(r, ci, from, why, now, out);
		return;
	}
	c->status = ROUTE_C_WAITING;
	route_contact_link(r, ci);
	route_contact_check(r, ci, now, out);
}

void route_offer_withdraw(hl_route *r, uint32_t ci, const char *reason, int64_t now,
			  hl_route_out *out)
{
	route_contact *c = &r->contacts[ci];
	uint32_t ai = c->agent;
	bool was_directed = c->directed;
	hl_route_decision *d = route_emit(out, HL_ROUTE_OFFER_CANCEL, now, c->id, r->agents[ai].id,
					  r->queues[c->queue].id);
	if (d)
		route_copy(d->reason, reason, sizeof d->reason);
	route_offer_unassign(r, ci, now);
	route_agent_refresh(r, ai);
	back_to_queue(r, ci, ai, was_directed, "transfer_withdrawn", now, out);
}

void route_offer_on_timeout(hl_route *r, uint32_t ci, int64_t at, hl_route_out *out)
{
	route_contact *c = &r->contacts[ci];
	if (c->status != ROUTE_C_OFFERED)
		return;
	uint32_t ai = c->agent;
	bool was_directed = c->directed;
	const route_queue *q = &r->queues[c->queue];
	route_emit(out, HL_ROUTE_OFFER_TIMEOUT, at, c->id, r->agents[ai].id, q->id);
	route_offer_unassign(r, ci, at);
	route_contact_exclude(r, ci, ai, at);
	route_agent *a = &r->agents[ai];
	a->missed++;
	/* K misses in a row: the agent is not at the desk. */
	if (q->missed_limit > 0 && a->missed >= q->missed_limit && route_agent_routable(a))
		route_agent_change(r, ai, HL_ROUTE_STATE_NOT_READY, "missed", at, out);
	route_agent_refresh(r, ai);
	back_to_queue(r, ci, ai, was_directed, "transfer_missed", at, out);
	route_agent_freed(r, ai, at, out);
}

/* Looks up an offer of `contact` to `agent`: 0, HL_E_NOTFOUND or HL_E_STATE. */
static int find_offer(hl_route *r, const char *agent, const char *contact, uint32_t *ci,
		      uint32_t *ai)
{
	*ai = route_agent_find(r, agent);
	*ci = route_contact_find(r, contact);
	if (*ai == ROUTE_NONE || *ci == ROUTE_NONE)
		return HL_E_NOTFOUND;
	const route_contact *c = &r->contacts[*ci];
	if (c->status != ROUTE_C_OFFERED || c->agent != *ai)
		return HL_E_STATE;
	return 0;
}

int hl_route_accept(hl_route *r, int64_t now, const char *agent, const char *contact, hl_route_out *out)
{
	int rc = route_begin(r, now, out);
	if (rc)
		return rc;
	uint32_t ci, ai;
	rc = find_offer(r, agent, contact, &ci, &ai);
	if (rc == 0)
		answer(r, ci, now, out);
	return route_finish(r, out, rc);
}

int hl_route_decline(hl_route *r, int64_t now, const char *agent, const char *contact, hl_route_out *out)
{
	int rc = route_begin(r, now, out);
	if (rc)
		return rc;
	uint32_t ci, ai;
	rc = find_offer(r, agent, contact, &ci, &ai);
	if (rc)
		return route_finish(r, out, rc);
	bool was_directed = r->contacts[ci].directed;
	route_offer_unassign(r, ci, now);
	route_contact_exclude(r, ci, ai, now);
	route_agent_refresh(r, ai);
	back_to_queue(r, ci, ai, was_directed, "transfer_declined", now, out);
	route_agent_freed(r, ai, now, out);
	return route_finish(r, out, 0);
}
