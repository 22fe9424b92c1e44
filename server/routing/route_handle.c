/* The end of a contact's time with an agent: end, transfers, abandon and the grace requeue. */
#include "route_handle.h"

#include "error.h"
#include "route_agent.h"
#include "route_contact.h"
#include "route_offer.h"
#include "route_queue.h"

/* Ends agent `ai`'s part in ACTIVE contact `ci`: slot released to wrap-up
 * (or counted handled at once). The contact's status is the caller's. */
static uint32_t leave_agent(hl_route *r, uint32_t ci, int64_t now, hl_route_out *out)
{
	route_contact *c = &r->contacts[ci];
	uint32_t ai = c->agent;
	int64_t talk = now - c->answered_at;
	route_offer_unassign(r, ci, now);
	route_agent_after_contact(r, ai, ci, talk, now, out);
	return ai;
}

/* Looks up an answered contact: 0, HL_E_NOTFOUND or HL_E_STATE. */
static int find_active(const hl_route *r, const char *contact, uint32_t *ci)
{
	*ci = route_contact_find(r, contact);
	if (*ci == ROUTE_NONE)
		return HL_E_NOTFOUND;
	return r->contacts[*ci].status == ROUTE_C_ACTIVE ? 0 : HL_E_STATE;
}

int hl_route_end(hl_route *r, int64_t now, const char *contact, hl_route_out *out)
{
	int rc = route_begin(r, now, out);
	if (rc)
		return rc;
	uint32_t ci;
	rc = find_active(r, contact, &ci);
	if (rc)
		return route_finish(r, out, rc);
	uint32_t ai = leave_agent(r, ci, now, out);
	route_contact_release(r, ci);
	route_agent_freed(r, ai, now, out);
	return route_finish(r, out, 0);
}

int hl_route_abandon(hl_route *r, int64_t now, const char *contact, hl_route_out *out)
{
	int rc = route_begin(r, now, out);
	if (rc)
		return rc;
	uint32_t ci = route_contact_find(r, contact);
	if (ci == ROUTE_NONE)
		return route_finish(r, out, HL_E_NOTFOUND);
	route_contact *c = &r->contacts[ci];
	if (c->status == ROUTE_C_ACTIVE)
		return route_finish(r, out, HL_E_STATE);
	route_queue *q = &r->queues[c->queue];
	uint32_t ai = c->agent;
	int64_t wait = now - c->join;
	/* The emitted agent is the one whose offer or transfer goes away. */
	hl_route_decision *d = route_emit(out, HL_ROUTE_ABANDON, now, c->id,
					  ai != ROUTE_NONE ? r->agents[ai].id : NULL, q->id);
	if (d) {
		d->wait_ms = wait;
		d->short_abandon = hl_metrics_is_short_abandon(wait, q->short_abandon_s);
	}
	if (c->open_stat)
		hl_metrics_count_abandoned(&q->counters, wait, q->sl_secs, q->short_abandon_s);
	if (c->status == ROUTE_C_OFFERED) {
		route_offer_unassign(r, ci, now);
		/* release() decides list membership from the status: keep it. */
		c->status = c->directed ? ROUTE_C_DIRECTED : ROUTE_C_WAITING;
	} else if (c->status == ROUTE_C_DIRECTED) {
		route_offer_directed_remove(r, ai, ci);
		ai = ROUTE_NONE;
	}
	route_contact_release(r, ci);
	if (ai != ROUTE_NONE)
		route_agent_freed(r, ai, now, out);
	return route_finish(r, out, 0);
}

int hl_route_transfer_queue(hl_route *r, int64_t now, const char *contact, const char *queue,
			    hl_route_out *out)
{
	int rc = route_begin(r, now, out);
	if (rc)
		return rc;
	uint32_t ci, qi = route_queue_find(r, queue);
	rc = find_active(r, contact, &ci);
	if (rc == 0 && qi == ROUTE_NONE)
		rc = HL_E_NOTFOUND;
	if (rc == 0)
		rc = route_contact_admit(r, &r->queues[qi], now);
	if (rc)
		return route_finish(r, out, rc);
	uint32_t ai = leave_agent(r, ci, now, out);
	/* A new arrival in the target queue; the agent who handed it on is
	 * not offered it back for the target's reoffer_s. */
	r->contacts[ci].preferred = ROUTE_NONE;
	route_contact_join(r, ci, qi, now);
	route_contact_exclude(r, ci, ai, now);
	route_contact_check(r, ci, now, out);
	route_agent_freed(r, ai, now, out);
	return route_finish(r, out, 0);
}

int hl_route_transfer_agent(hl_route *r, int64_t now, const char *contact, const char *agent,
			    hl_route_out *out)
{
	int rc = route_begin(r, now, out);
	if (rc)
		return rc;
	uint32_t ci, ti = route_agent_find(r, agent);
	rc = find_active(r, contact, &ci);
	if (rc == 0 && ti == ROUTE_NONE)
		rc = HL_E_NOTFOUND;
	if (rc == 0) {
		const route_agent *t = &r->agents[ti];
		if (t->state == HL_ROUTE_STATE_OFFLINE || t->vanished || r->contacts[ci].agent == ti)
			rc = HL_E_STATE;
	}
	if (rc)
		return route_finish(r, out, rc);
	uint32_t ai = leave_agent(r, ci, now, out);
	route_contact *c = &r->contacts[ci];
	/* It waits for the target alone, first in line for their next free
	 * slot; its wait for this leg starts now. */
	c->status = ROUTE_C_DIRECTED;
	c->agent = ti;
	c->join = now;
	c->nodes[0]->join = now;
	for (uint32_t k = 1; k < c->n_nodes; k++)
		c->nodes[k]->join = now;
	route_offer_directed_push(r, ti, ci);
	route_agent_freed(r, ti, now, out);
	route_agent_freed(r, ai, now, out);
	return route_finish(r, out, 0);
}

void route_contact_on_grace(hl_route *r, uint32_t ci, int64_t at, hl_route_out *out)
{
	route_contact *c = &r->contacts[ci];
	if (c->status != ROUTE_C_ACTIVE)
		return;
	uint32_t ai = c->agent;
	route_offer_unassign(r, ci, at);
	route_contact_requeue(r, ci, ai, "grace", at, out);
	route_agent_refresh(r, ai);
}
