/* Matching: eligibility, the best agent for a contact and the best contact for an agent. */
#include "route_match.h"

#include "route_agent.h"
#include "route_contact.h"
#include "route_offer.h"
#include "route_queue.h"
#include "route_strategy.h"

bool route_eligible(const hl_route *r, const route_contact *c, uint32_t via, const route_agent *a,
		    int level, int64_t now)
{
	uint32_t ai = (uint32_t)(a - r->agents);
	if (route_contact_excluded(c, ai, now))
		return false;
	/* A returning customer's hold beats every other rule. */
	uint32_t hold = route_contact_holder(r, c, now);
	if (hold != ROUTE_NONE)
		return hold == ai;
	const route_queue *home = &r->queues[c->queue];
	int64_t wait = now - c->join;
	int64_t tw = (int64_t)home->tier_wait_s * 1000;
	/* Region affinity: first tier_wait_s for agents of the contact's own
	 * region, unless none of them is logged in to its queue. */
	if (home->region_affinity && c->region && a->region != c->region && wait < tw &&
	    route_queue_region_staffed(home, c->region) > 0)
		return false;
	/* Skill tiers apply in the contact's own queue; tier k opens after
	 * k × tier_wait_s of wait. An overflow queue's agents take it as is. */
	if (via == c->queue && !c->tiers_open && tw > 0 && route_strategy_get(home->strategy)->tiers &&
	    (int64_t)route_queue_tier(home, level) * tw > wait)
		return false;
	return true;
}

void route_match_contact(hl_route *r, uint32_t ci, int64_t now, hl_route_out *out)
{
	const route_contact *c = &r->contacts[ci];
	if (c->status != ROUTE_C_WAITING)
		return;
	uint32_t hold = route_contact_holder(r, c, now);
	if (hold != ROUTE_NONE) {
		if (route_agent_is_free(&r->agents[hold]))
			route_offer_make(r, ci, hold, c->queue, now, out);
		return;
	}
	/* Its own queue first, then overflow queues in the order they fired:
	 * "also offer to Q" prefers the home agents when both are free. */
	for (uint32_t k = 0; k < c->n_nodes; k++) {
		uint32_t qi = c->nodes[k]->queue;
		const route_queue *q = &r->queues[qi];
		const route_strategy *st = route_strategy_get(q->strategy);
		uint32_t best = ROUTE_NONE;
		route_key best_key = {0, 0};
		for (uint32_t i = 0; i < q->n_free; i++) {
			const route_free_ent *e = &q->free[i];
			const route_agent *a = &r->agents[e->agent];
			if (!route_eligible(r, c, qi, a, e->level, now))
				continue;
			route_key key = st->rank(r, q, a, e->level, now);
			if (best == ROUTE_NONE ||
			    route_key_before(key, a->seq, best_key, r->agents[best].seq)) {
				best = e->agent;
				best_key = key;
			}
		}
		if (best != ROUTE_NONE) {
			route_offer_make(r, ci, best, qi, now, out);
			return;
		}
	}
}

void route_match_agent(hl_route *r, uint32_t ai, int64_t now, hl_route_out *out)
{
	while (route_agent_is_free(&r->agents[ai])) {
		const route_agent *a = &r->agents[ai];
		if (a->d_head != ROUTE_NONE) {
			uint32_t ci = route_offer_directed_pop(r, ai);
			route_offer_make(r, ci, ai, r->contacts[ci].queue, now, out);
			continue;
		}
		/* Every waiting contact had no free eligible agent before this
		 * one freed up, so the agent just takes the first contact it may
		 * have; the lists share one order, so a list stops being read
		 * once it is past the best found so far. */
		const route_node *best = NULL;
		uint32_t via = ROUTE_NONE;
		for (uint32_t k = 0; k < a->n_skills; k++) {
			uint32_t qi = a->skills[k].queue;
			for (const route_node *n = route_wait_first(&r->queues[qi].wait); n; n = n->next[0]) {
				if (best && route_node_cmp(n, best) >= 0)
					break;
				if (route_eligible(r, &r->contacts[n->contact], qi, a, a->skills[k].level, now)) {
					best = n;
					via = qi;
					break;
				}
			}
		}
		if (!best)
			break;
		route_offer_make(r, best->contact, ai, via, now, out);
	}
}
