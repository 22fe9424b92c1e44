/* Teams: add and list, and the event that tells the floor's managers. */
#include "team.h"

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "role.h"
#include "events.h"
#include "session.h"
#include "store_user.h"
#include "user.h"
#include "module.h"

struct collect {
	hl_arena *a;
	Hotline__Team **v;
	size_t n, cap;
};

static void team_to_pb(const hl_team *t, Hotline__Team *out, hl_arena *a)
{
	hotline__team__init(out);
	out->name = hl_arena_strdup(a, t->name);
	out->created_ms = t->created_ms;
	out->members = (uint32_t)t->members;
}

static int collect_team(const hl_team *t, void *arg)
{
	struct collect *c = arg;

	if (hl_arena_grow(c->a, &c->v, &c->cap, c->n, sizeof *c->v, 16) < 0)
		return 1;
	if (!(c->v[c->n] = hl_arena_alloc(c->a, sizeof **c->v)))
		return 1;
	team_to_pb(t, c->v[c->n++], c->a);
	return 0;
}

void hl_team_collect(hl_broker *b, hl_arena *a, Hotline__Team ***out, size_t *n)
{
	struct collect c = {.a = a};

	hl_store_team_each(b->st, collect_team, &c);
	*out = c.v;
	*n = c.n;
}

int hl_team_add(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const char *name = rq->team_add->name;
	hl_team t = {0};
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	int rc;

	if (hl_user_name_valid(name) < 0)
		return hl_call_fail(c, HL_E_INVALID, "team name '%s' is not valid: use 1-64 "
				    "letters, digits, '.', '_' or '-'", name);
	snprintf(t.name, sizeof t.name, "%s", name);
	t.created_ms = c->now_ms;
	rc = hl_store_team_insert(c->b->st, &t);
	hl_broker_audit(c->b, c->sess->user.name, "team add", name, "",
			rc == 0 ? "ok" : hl_strerror(rc));
	if (rc == HL_E_EXISTS)
		return hl_call_fail(c, rc, "team '%s' exists already", name);
	if (rc < 0)
		return hl_call_fail(c, rc, "could not store the team");
	rp->body_case = HOTLINE__REPLY__BODY_TEAM;
	rp->team = hl_arena_alloc(c->arena, sizeof *rp->team);
	if (!rp->team)
		return HL_E_NOMEM;
	team_to_pb(&t, rp->team, c->arena);
	ev.body_case = HOTLINE__EVENT__BODY_TEAM_ADDED;
	ev.team_added = rp->team;
	hl_events_publish(c->b, HL_TOPIC_DIRECTORY, NULL, &ev);
	return 0;
}

int hl_team_list(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	(void)rq;
	rp->body_case = HOTLINE__REPLY__BODY_TEAMS;
	rp->teams = hl_arena_alloc(c->arena, sizeof *rp->teams);
	if (!rp->teams)
		return HL_E_NOMEM;
	hotline__team_list_reply__init(rp->teams);
	hl_team_collect(c->b, c->arena, &rp->teams->teams, &rp->teams->n_teams);
	return 0;
}

/* --- the module --- */

static const hl_request_desc requests[] = {
	{.body_case = HOTLINE__REQUEST__BODY_TEAM_ADD, .name = "team add",
	 .roles = HL_ROLES_ADMIN, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_team_add},
	{.body_case = HOTLINE__REQUEST__BODY_TEAM_LIST, .name = "team list",
	 .roles = HL_ROLES_LEADS, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_team_list},
};

const hl_module hl_mod_team = {
	.name = "team",
	.requests = requests,
	.n_requests = sizeof requests / sizeof requests[0],
};
