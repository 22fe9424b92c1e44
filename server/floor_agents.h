/* The agent grid of the floor: every agent the caller may see, with their
 * state now and today's figures. */
#ifndef HL_FLOOR_AGENTS_H
#define HL_FLOOR_AGENTS_H

#include "broker.h"

/* The `floor agents` request: one FloorAgent per agent with a routing
 * profile within the caller's reach (the request's scope: a team lead
 * sees their own team, a supervisor or admin everyone), narrowed to
 * FloorAgents.team when given. State from the routing engine; handled,
 * AHT and CSAT today from the counts kept current (figures.c), never a
 * scan of the day's contacts. */
int hl_floor_agents(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

#endif
