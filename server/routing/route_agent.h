/* Agents: definition, states and reason codes, capacity and free slots,
 * wrap-up, disconnect grace, and time in state. */
#ifndef HL_ROUTE_AGENT_H
#define HL_ROUTE_AGENT_H

#include <stdbool.h>
#include <stdint.h>

#include "route_int.h"

/* Slots in use: offers in flight, conversations and wrap-ups. */
static inline int32_t route_agent_load(const route_agent *a)
{
	return a->offers + a->active + (int32_t)a->n_wraps;
}

/* True when the agent may be offered contacts at all. */
static inline bool route_agent_routable(const route_agent *a)
{
	return (a->state == HL_ROUTE_STATE_AVAILABLE || a->state == HL_ROUTE_STATE_WRAP_UP) &&
	       !a->vanished;
}

/* True when the agent can take one more contact now. */
static inline bool route_agent_is_free(const route_agent *a)
{
	return route_agent_routable(a) && route_agent_load(a) < a->capacity;
}

/* The agent's skill level in queue `qi`, 0 without the skill. */
int route_agent_level(const route_agent *a, uint32_t qi);

/* Contacts the agent handled since local 00:00 of `now`'s day. */
uint32_t route_agent_handled_today(const hl_route *r, const route_agent *a, int64_t now);

/* Adds the time since the last mark to the agent's state-time counters;
 * call before anything that changes its state or slots. */
void route_agent_touch(route_agent *a, int64_t now);

/* Lists or unlists the agent in its queues' free lists to match
 * route_agent_is_free. */
void route_agent_refresh(hl_route *r, uint32_t ai);

/* Changes state (engine or caller): emits STATE_CHANGE, updates staffing,
 * withdraws offers from an agent who can no longer take them, requeues
 * transfers to an agent going Offline, then routes. No-op if unchanged. */
void route_agent_change(hl_route *r, uint32_t ai, hl_route_state st, const char *reason,
			int64_t now, hl_route_out *out);

/* Counts one handled contact (talk and wrap-up) for the agent and queue `qi`. */
void route_agent_count_handled(hl_route *r, uint32_t ai, uint32_t qi, int64_t talk_ms,
			       int64_t wrap_ms, int64_t now);

/* The agent's part in contact `ci` ended after `talk_ms`: wrap-up for the
 * contact's queue wrap_up_s, or counted as handled at once. Frees the
 * slot's routing only when no wrap-up follows. */
void route_agent_after_contact(hl_route *r, uint32_t ai, uint32_t ci, int64_t talk_ms,
			       int64_t now, hl_route_out *out);

/* A slot of the agent may have come free: relist, then offer it work. */
void route_agent_freed(hl_route *r, uint32_t ai, int64_t now, hl_route_out *out);

/* Timer handlers: wrap-up end, and the end of a disconnect's grace. */
void route_agent_on_wrap(hl_route *r, uint32_t ai, int64_t at, hl_route_out *out);
void route_agent_on_vanish(hl_route *r, uint32_t ai, int64_t at, hl_route_out *out);

#endif
