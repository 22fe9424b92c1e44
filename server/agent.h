/* Agents' requests: their routing profile (admin), their state, offers
 * accepted or declined, wrap-up. */
#ifndef HL_AGENT_H
#define HL_AGENT_H

#include "broker.h"

int hl_agent_setup(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_agent_state(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_agent_accept(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_agent_decline(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
/* The agents a transfer may go to: every agent with a routing profile,
 * with display name and state now. */
int hl_agent_list(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);
int hl_agent_wrapup(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

/* The module (module.h): the agents' requests. */
extern const hl_module hl_mod_agent;

#endif
