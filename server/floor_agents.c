/* The agent grid: the routing engine's view of each agent (state, time in
 * it, load) joined with the agent's counts for the day (figures.c) and
 * their team, filtered by the request's scope. */
#include "floor_agents.h"

#include <string.h>

#include "error.h"
#include "figures.h"
#include "metrics.h"
#include "requests.h"
#include "router.h"
#include "session.h"
#include "store_user.h"

struct grid {
	hl_call *c;
	const hl_request_desc *d;
	const char *team;       /* narrowing asked for, or "" */
	hl_figcount *fc;
	int64_t now;
	Hotline__FloorAgent **v;
	size_t n, cap;
	int failed;
};

static double figure(double v)
{
	return v != v ? -1 : v;  /* NaN (undefined) travels as -1 */
}

static void grid_row(const char *name, const char *display, const hl_route_agent_info *info,
		     void *arg)
{
	struct grid *g = arg;
	const hl_user *me = &g->c->sess->user;
	const hl_metrics_counters *day;
	Hotline__FloorAgent *e;
	hl_user u;
	const char *team = "";

	if (g->failed)
		return;
	if (hl_store_user_get(g->c->b->st, name, &u) == 0)
		team = u.team;
	/* The one scope rule of the request table, row by row. */
	if (!hl_requests_in_scope(g->d, me->role, me->name, me->team, name, team) ||
	    (g->team[0] && strcmp(team, g->team) != 0))
		return;
	if (hl_arena_grow(g->c->arena, &g->v, &g->cap, g->n, sizeof *g->v, 16) < 0 ||
	    !(e = hl_arena_alloc(g->c->arena, sizeof *e))) {
		g->failed = 1;
		return;
	}
	hotline__floor_agent__init(e);
	e->name = hl_arena_strdup(g->c->arena, name);
	e->display = hl_arena_strdup(g->c->arena, display);
	e->team = hl_arena_strdup(g->c->arena, team);
	e->state = (char *)hl_route_state_name(info->state);
	e->reason = hl_arena_strdup(g->c->arena, info->reason);
	e->since_ms = info->since;
	e->in_state_ms = g->now > info->since ? g->now - info->since : 0;
	e->active = (uint32_t)info->active;
	e->capacity = (uint32_t)info->capacity;
	e->offers = (uint32_t)info->offers;
	e->wrapping = (uint32_t)info->wrapping;
	day = hl_figcount_agent(g->fc, name);
	e->handled = (uint32_t)day->handled;
	e->aht_s = figure(hl_metrics_aht_s(day));
	e->csat_pct = figure(hl_metrics_csat(day));
	if (!e->name || !e->display || !e->team || !e->reason) {
		g->failed = 1;
		return;
	}
	g->v[g->n++] = e;
}

int hl_floor_agents(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	struct grid g = {
		.c = c, .d = hl_requests_find(rq->body_case),
		.team = rq->floor_agents->team ? rq->floor_agents->team : "",
		.fc = hl_figures_counts(c->b, c->now_ms), .now = hl_router_now(c->b),
	};

	if (!g.d)
		return HL_E_INTERNAL;
	rp->body_case = HOTLINE__REPLY__BODY_FLOOR_AGENTS;
	if (!(rp->floor_agents = hl_arena_alloc(c->arena, sizeof *rp->floor_agents)))
		return HL_E_NOMEM;
	hotline__floor_agents_reply__init(rp->floor_agents);
	hl_router_agent_each(c->b, grid_row, &g);
	if (g.failed)
		return HL_E_NOMEM;
	rp->floor_agents->agents = g.v;
	rp->floor_agents->n_agents = g.n;
	return 0;
}
