/* Ping: echoes the client's payload and time through the domain loop, so the
 * round trip measures what every request pays. */
#include "ping.h"

#include "error.h"
#include "module.h"

int hl_ping(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	Hotline__PingReply *pr = hl_arena_alloc(c->arena, sizeof *pr);

	if (!pr)
		return HL_E_NOMEM;
	hotline__ping_reply__init(pr);
	pr->pad = rq->ping->pad;
	pr->client_time_ns = rq->ping->client_time_ns;
	pr->broker_time_ns = (uint64_t)c->now_ms * 1000000u;
	rp->body_case = HOTLINE__REPLY__BODY_PING;
	rp->ping = pr;
	return 0;
}

/* --- the module --- */

static const hl_request_desc requests[] = {
	{.body_case = HOTLINE__REQUEST__BODY_PING, .name = "ping",
	 .roles = HL_ROLES_STAFF, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_ping},
};

const hl_module hl_mod_ping = {
	.name = "ping",
	.requests = requests,
	.n_requests = sizeof requests / sizeof requests[0],
};
