/* Agents' requests. Each feeds the routing engine one event with the
 * turn's time and carries out what it decides. */
#include "agent.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "error.h"
#include "figures.h"
#include "router.h"
#include "session.h"
#include "store_chat.h"
#include "store_user.h"
#include "module.h"

/* Feeds the engine's result back: errors become sentences. */
static int engine_result(hl_call *c, int rc, const char *what)
{
	hl_router_apply(c->b);
	if (rc == HL_E_NOTFOUND)
		return hl_call_fail(c, rc, "%s: not found (is the agent set up with "
				    "'agent setup'? is the contact still waiting?)", what);
	if (rc == HL_E_STATE)
		return hl_call_fail(c, rc, "%s: not possible now", what);
	if (rc < 0)
		return hl_call_fail(c, rc, "%s: %s", what, hl_strerror(rc));
	return 0;
}

int hl_agent_setup(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__AgentSetup *as = rq->agent_setup;
	const char *queues[HL_ROUTE_SKILLS_MAX];
	int levels[HL_ROUTE_SKILLS_MAX];
	char err[200];
	hl_user u;
	int rc;

	(void)rp;
	if (hl_store_user_get(c->b->st, as->user, &u) < 0)
		return hl_call_fail(c, HL_E_NOTFOUND, "no user '%s'", as->user);
	if (as->n_skills > HL_ROUTE_SKILLS_MAX || as->capacity > HL_ROUTE_CAPACITY_MAX)
		return hl_call_fail(c, HL_E_INVALID, "at most %d skills and a capacity of %d",
				    HL_ROUTE_SKILLS_MAX, HL_ROUTE_CAPACITY_MAX);
	for (size_t i = 0; i < as->n_skills; i++) {
		if (!hl_router_queue(c->b, as->skills[i]->queue))
			return hl_call_fail(c, HL_E_NOTFOUND, "no queue '%s'; add it first",
					    as->skills[i]->queue);
		if (as->skills[i]->level < 1 || as->skills[i]->level > 10)
			return hl_call_fail(c, HL_E_INVALID, "skill levels run from 1 to 10 "
					    "(10 the most skilled)");
		queues[i] = as->skills[i]->queue;
		levels[i] = (int)as->skills[i]->level;
	}
	if ((rc = hl_store_agent_put(c->b->st, u.id, as->capacity ? (int)as->capacity : 1,
				     as->region)) < 0 ||
	    (rc = hl_store_agent_skills_set(c->b->st, u.id, queues, levels, as->n_skills)) < 0)
		return hl_call_fail(c, rc, "could not store the profile");
	if ((rc = hl_router_agent_reload(c->b, u.id, err, sizeof err)) < 0)
		return hl_call_fail(c, rc, "%s", err);
	hl_broker_audit(c->b, c->sess->user.name, "agent setup", as->user, "", "ok");
	hl_router_apply(c->b);
	return 0;
}

/* An agent who makes a request is present: the engine hears it at once. */
static void present(hl_call *c)
{
	hl_route_agent_info info;
	hl_route *eng = hl_router_engine(c->b);

	if (hl_route_agent_info_get(eng, c->sess->user.name, hl_router_now(c->b), &info) == 0 &&
	    !info.connected)
		hl_route_agent_reconnect(eng, hl_router_now(c->b), c->sess->user.name,
					 hl_router_out(c->b));
}

int hl_agent_state(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__AgentState *as = rq->agent_state;
	int st = hl_route_state_parse(as->state), rc;
	char err[700];

	(void)rp;
	if (st != HL_ROUTE_STATE_AVAILABLE && st != HL_ROUTE_STATE_NOT_READY &&
	    st != HL_ROUTE_STATE_OFFLINE)
		return hl_call_fail(c, HL_E_INVALID, "state must be available, not_ready (with a "
				    "reason) or offline");
	if (st != HL_ROUTE_STATE_NOT_READY && as->reason[0])
		return hl_call_fail(c, HL_E_INVALID, "%s takes no reason; a reason goes with "
				    "not_ready", as->state);
	/* Reasons are a configured list, so reports can count them; the
	 * system's own (missed, logout) are never on it. */
	if (st == HL_ROUTE_STATE_NOT_READY && !as->reason[0])
		rc = hl_code_check(c->b, HL_CODE_NOT_READY, "", err, sizeof err);
	else if (st == HL_ROUTE_STATE_NOT_READY)
		rc = hl_code_check(c->b, HL_CODE_NOT_READY, as->reason, err, sizeof err);
	else
		rc = 0;
	if (rc < 0 && !as->reason[0])
		return hl_call_fail(c, HL_E_INVALID, "not_ready needs a reason%s",
				    strchr(err, ';') ? strchr(err, ';') : "");
	if (rc < 0)
		return hl_call_fail(c, rc, "%s", err);
	present(c);
	return engine_result(c, hl_route_agent_state(hl_router_engine(c->b), hl_router_now(c->b),
						     c->sess->user.name, (hl_route_state)st,
						     as->reason[0] ? as->reason : NULL,
						     hl_router_out(c->b)),
			     "agent state");
}

int hl_agent_accept(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	(void)rp;
	present(c);
	return engine_result(c, hl_route_accept(hl_router_engine(c->b), hl_router_now(c->b),
						c->sess->user.name, rq->agent_accept->contact,
						hl_router_out(c->b)),
			     "accept");
}

int hl_agent_decline(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	(void)rp;
	present(c);
	return engine_result(c, hl_route_decline(hl_router_engine(c->b), hl_router_now(c->b),
						 c->sess->user.name, rq->agent_decline->contact,
						 hl_router_out(c->b)),
			     "decline");
}

int hl_agent_wrapup(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__AgentWrapup *w = rq->agent_wrapup;
	hl_store_contact row;
	int64_t id = 0;
	int rc;

	(void)rp;
	char err[700];

	if (strlen(w->code) >= sizeof row.wrap_code || strlen(w->note) >= sizeof row.wrap_note)
		return hl_call_fail(c, HL_E_INVALID, "wrap-up code or note too long");
	/* No code is allowed (nothing to say); a code must be a configured one. */
	if (w->code[0] && (rc = hl_code_check(c->b, HL_CODE_WRAP_UP, w->code, err, sizeof err)) < 0)
		return hl_call_fail(c, rc, "%s", err);
	/* The code and note go on the named contact, else the caller's newest
	 * ended one. */
	if (w->contact[0]) {
		if (hl_contact_ref_parse(w->contact, &id) < 0)
			id = 0;
	} else if (hl_store_agent_last_ended(c->b->st, c->sess->user.name, &id) < 0)
		id = 0;
	if (id <= 0 || hl_store_contact_get(c->b->st, id, &row) < 0)
		return hl_call_fail(c, HL_E_NOTFOUND, "no ended conversation to wrap up");
	if (strcmp(row.agent, c->sess->user.name) != 0)
		return hl_call_fail(c, HL_E_PERM, "conversation c%lld was not yours", (long long)id);
	snprintf(row.wrap_code, sizeof row.wrap_code, "%s", w->code);
	snprintf(row.wrap_note, sizeof row.wrap_note, "%s", w->note);
	if ((rc = hl_store_contact_update(c->b->st, &row)) < 0)
		return hl_call_fail(c, rc, "could not store the wrap-up");
	hl_figures_on_contact(c->b, &row);
	rc = hl_route_wrapup_done(hl_router_engine(c->b), hl_router_now(c->b), c->sess->user.name,
				  hl_router_out(c->b));
	/* Wrap-up may have run out already: the code and note still count. */
	hl_router_apply(c->b);
	return rc == HL_E_STATE ? 0 : engine_result(c, rc, "wrap-up");
}

struct agent_rows {
	hl_arena *a;
	Hotline__AgentEntry **v;
	size_t n, cap;
};

static void agent_row(const char *name, const char *display, const hl_route_agent_info *info,
		      void *arg)
{
	struct agent_rows *x = arg;
	Hotline__AgentEntry *e;

	if (hl_arena_grow(x->a, &x->v, &x->cap, x->n, sizeof *x->v, 16) < 0)
		return;
	if (!(e = hl_arena_alloc(x->a, sizeof *e)))
		return;
	hotline__agent_entry__init(e);
	e->name = hl_arena_strdup(x->a, name);
	e->display = hl_arena_strdup(x->a, display);
	e->state = hl_arena_strdup(x->a, hl_route_state_name(info->state));
	e->reason = hl_arena_strdup(x->a, info->reason);
	e->since_ms = info->since;
	e->active = (uint32_t)info->active;
	e->capacity = (uint32_t)info->capacity;
	x->v[x->n++] = e;
}

int hl_agent_list(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	struct agent_rows x = {.a = c->arena};

	(void)rq;
	rp->body_case = HOTLINE__REPLY__BODY_AGENTS;
	if (!(rp->agents = hl_arena_alloc(c->arena, sizeof *rp->agents)))
		return HL_E_NOMEM;
	hotline__agent_list_reply__init(rp->agents);
	hl_router_agent_each(c->b, agent_row, &x);
	rp->agents->agents = x.v;
	rp->agents->n_agents = x.n;
	return 0;
}

/* --- the module --- */

static const hl_request_desc requests[] = {
	{.body_case = HOTLINE__REQUEST__BODY_AGENT_SETUP, .name = "agent setup",
	 .roles = HL_ROLES_ADMIN, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_agent_setup},
	{.body_case = HOTLINE__REQUEST__BODY_AGENT_STATE, .name = "agent state",
	 .roles = HL_ROLES_AGENTS, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_agent_state},
	{.body_case = HOTLINE__REQUEST__BODY_AGENT_ACCEPT, .name = "agent accept",
	 .roles = HL_ROLES_AGENTS, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_agent_accept},
	{.body_case = HOTLINE__REQUEST__BODY_AGENT_DECLINE, .name = "agent decline",
	 .roles = HL_ROLES_AGENTS, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_agent_decline},
	{.body_case = HOTLINE__REQUEST__BODY_AGENT_WRAPUP, .name = "agent wrapup",
	 .roles = HL_ROLES_AGENTS, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_agent_wrapup},
	/* Agents see one another's names and states: a transfer needs them. */
	{.body_case = HOTLINE__REQUEST__BODY_AGENT_LIST, .name = "agent list",
	 .roles = HL_ROLES_STAFF, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_agent_list},
};

const hl_module hl_mod_agent = {
	.name = "agent",
	.requests = requests,
	.n_requests = sizeof requests / sizeof requests[0],
};
