/* The ping request: a round trip through the loop, for health and figures. */
#ifndef HL_PING_H
#define HL_PING_H

#include "broker.h"

int hl_ping(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

/* The module (module.h): the ping request. */
extern const hl_module hl_mod_ping;

#endif
