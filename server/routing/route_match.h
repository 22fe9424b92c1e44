/* Matching contacts and agents: who may take whom (eligibility) and the
 * two searches, best agent for a contact and best contact for an agent. */
#ifndef HL_ROUTE_MATCH_H
#define HL_ROUTE_MATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "route_int.h"

/* True when agent `a` (skill `level` in queue `via`) may be offered
 * contact `c` at `now`: not a recent decliner, the preferred-agent hold,
 * region affinity and skill tiers allow it. Slots are not checked. */
bool route_eligible(const hl_route *r, const route_contact *c, uint32_t via, const route_agent *a,
		    int level, int64_t now);

/* Offers WAITING contact `ci` to the best free eligible agent: its own
 * queue's agents by its strategy, then each overflow queue's in turn. */
void route_match_contact(hl_route *r, uint32_t ci, int64_t now, hl_route_out *out);

/* While agent `ai` has a free slot, offers it transfers made to it, then
 * the first eligible contact across its queues (queue priority, contact
 * priority, join time, entry order). */
void route_match_agent(hl_route *r, uint32_t ai, int64_t now, hl_route_out *out);

#endif
