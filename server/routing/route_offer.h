/* Offers: making one, accept, decline, timeout (misses), withdrawal, and
 * the agent's lists of contacts offered, held and transferred to it. */
#ifndef HL_ROUTE_OFFER_H
#define HL_ROUTE_OFFER_H

#include <stdint.h>

#include "route_int.h"

/* Offers contact `ci` (WAITING or DIRECTED) to agent `ai`, who has a free
 * slot, via queue `via`: emits OFFER, then ANSWER for auto-accept queues,
 * else arms the offer timeout. */
void route_offer_make(hl_route *r, uint32_t ci, uint32_t ai, uint32_t via, int64_t now,
		      hl_route_out *out);

/* Takes back the offer of `ci` (OFFER_CANCEL, `reason`) without counting a
 * miss, and routes the contact again. */
void route_offer_withdraw(hl_route *r, uint32_t ci, const char *reason, int64_t now,
			  hl_route_out *out);

/* Detaches contact `ci` from its agent (offer or conversation slot),
 * cancelling its offer and grace timers. The caller sets the new status
 * and refreshes the agent. */
void route_offer_unassign(hl_route *r, uint32_t ci, int64_t now);

/* The agent's FIFO of contacts transferred to it. */
void route_offer_directed_push(hl_route *r, uint32_t ai, uint32_t ci);
uint32_t route_offer_directed_pop(hl_route *r, uint32_t ai);
void route_offer_directed_remove(hl_route *r, uint32_t ai, uint32_t ci);

/* Timer handler: the offer ran out (a miss). */
void route_offer_on_timeout(hl_route *r, uint32_t ci, int64_t at, hl_route_out *out);

#endif
