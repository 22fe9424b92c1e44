/* The floor's figures. Counts are today's stored contacts counted as they
 * changed (figures.c), so they survive a restart and agree with any report
 * over the same rows, and a request reads them without scanning the day;
 * waiting and agents by state come live from the routing engine. Every
 * figure is computed by common/metrics.c. */
#include "floor.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "figures.h"
#include "floor_agents.h"
#include "metrics.h"
#include "router.h"
#include "session.h"
#include "store_chat.h"
#include "module.h"

int64_t hl_floor_day_start(int64_t now_ms)
{
	time_t t = (time_t)(now_ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	return (int64_t)mktime(&tm) * 1000;
}

static double figure(double v)
{
	return v != v ? -1 : v;  /* NaN (undefined) travels as -1 */
}

/* The last-30-minutes figures: the same definitions over the window. */
static Hotline__FloorRecent *recent(hl_arena *a, const hl_metrics_counters *c)
{
	Hotline__FloorRecent *r = hl_arena_alloc(a, sizeof *r);

	if (!r)
		return NULL;
	hotline__floor_recent__init(r);
	r->offered = (uint32_t)c->offered;
	r->answered = (uint32_t)c->answered;
	r->abandoned = (uint32_t)c->abandoned;
	r->short_abandoned = (uint32_t)c->short_abandoned;
	r->handled = (uint32_t)c->handled;
	r->sl_pct = figure(hl_metrics_sl(c, 0));
	r->asa_s = figure(hl_metrics_asa_s(c));
	r->aht_s = figure(hl_metrics_aht_s(c));
	r->abandon_pct = figure(hl_metrics_abandon_rate(c));
	return r;
}

static void fill(Hotline__Figures *f, const hl_metrics_counters *c)
{
	f->offered = (uint32_t)c->offered;
	f->answered = (uint32_t)c->answered;
	f->abandoned = (uint32_t)c->abandoned;
	f->short_abandoned = (uint32_t)c->short_abandoned;
	f->sl_pct = figure(hl_metrics_sl(c, 0));
	f->asa_s = figure(hl_metrics_asa_s(c));
	f->aht_s = figure(hl_metrics_aht_s(c));
	f->abandon_pct = figure(hl_metrics_abandon_rate(c));
	f->handled = (uint32_t)c->handled;
	f->csat_pct = figure(hl_metrics_csat(c));
	f->occupancy_pct = -1;  /* agents' time is not kept per queue */
}

static void add_live(Hotline__Figures *f, const hl_route_queue_stats *st)
{
	f->waiting += (uint32_t)st->queued;
	if (st->longest_wait_ms > f->longest_wait_ms)
		f->longest_wait_ms = st->longest_wait_ms;
	/* Available agents with a free slot can take a contact now; the rest
	 * of the Available ones have every slot in use: busy. */
	size_t avail = st->agents[HL_ROUTE_STATE_AVAILABLE];
	size_t free_now = st->agents_free < avail ? st->agents_free : avail;
	f->agents_available += (uint32_t)free_now;
	f->agents_busy += (uint32_t)(avail - free_now);
	f->agents_not_ready += (uint32_t)st->agents[HL_ROUTE_STATE_NOT_READY];
	f->agents_wrap_up += (uint32_t)st->agents[HL_ROUTE_STATE_WRAP_UP];
	f->agents_offline += (uint32_t)st->agents[HL_ROUTE_STATE_OFFLINE];
}

struct queues {
	hl_call *c;
	Hotline__FloorReply *fr;
	hl_figcount *fc;
	hl_metrics_counters all, all30;
	size_t cap;
	int failed;
};

static void count_queues(const Hotline__QueueConf *q, void *arg)
{
	(void)q;
	((struct queues *)arg)->cap++;
}

/* One queue's line: the day's counts kept current, judged by the
 * queue's T and S now, and the engine's live view. */
static void queue_line(const Hotline__QueueConf *q, void *arg)
{
	struct queues *a = arg;
	hl_route *eng = hl_router_engine(a->c->b);
	Hotline__Figures *f = hl_arena_alloc(a->c->arena, sizeof *f);
	Hotline__FloorReply *fr = a->fr;
	const hl_metrics_counters *cnt;
	hl_metrics_counters c30 = {0};
	hl_route_queue_stats st;
	int32_t pct, sl = 0, sh = 0;

	if (!f || fr->n_queues == a->cap) {
		a->failed = 1;
		return;
	}
	hl_route_queue_targets(eng, q->id, &pct, &sl, &sh);
	cnt = hl_figcount_queue(a->fc, q->id, sl, sh);
	hotline__figures__init(f);
	f->queue = q->id;
	f->sl_secs = (uint32_t)sl;
	fill(f, cnt);
	hl_figcount_recent(a->fc, q->id, sl, sh, a->c->now_ms, HL_FLOOR_RECENT_MIN, &c30);
	if (!(f->last30 = recent(a->c->arena, &c30))) {
		a->failed = 1;
		return;
	}
	hl_metrics_add(&a->all30, &c30);
	if (hl_route_queue_stats_get(eng, q->id, hl_router_now(a->c->b), &st) == 0)
		add_live(f, &st);
	hl_metrics_add(&a->all, cnt);
	fr->overall->waiting += f->waiting;
	if (f->longest_wait_ms > fr->overall->longest_wait_ms)
		fr->overall->longest_wait_ms = f->longest_wait_ms;
	fr->queues[fr->n_queues++] = f;
}

int hl_floor(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	Hotline__FloorReply *fr = hl_arena_alloc(c->arena, sizeof *fr);
	struct queues a = {.c = c, .fr = fr};

	(void)rq;
	if (!fr)
		return HL_E_NOMEM;
	a.fc = hl_figures_counts(c->b, c->now_ms);
	hl_router_queue_each(c->b, count_queues, &a);
	hotline__floor_reply__init(fr);
	fr->day_start_ms = hl_figcount_day(a.fc);
	fr->queues = hl_arena_alloc(c->arena, (a.cap + 1) * sizeof *fr->queues);
	fr->overall = hl_arena_alloc(c->arena, sizeof *fr->overall);
	if (!fr->queues || !fr->overall)
		return HL_E_NOMEM;
	hotline__figures__init(fr->overall);
	fr->overall->queue = "";
	hl_router_queue_each(c->b, queue_line, &a);
	if (a.failed)
		return HL_E_NOMEM;
	/* The service level of the floor mixes targets; each queue's own is
	 * shown with it, and the overall uses each contact's own queue rule. */
	fill(fr->overall, &a.all);
	if (!(fr->overall->last30 = recent(c->arena, &a.all30)))
		return HL_E_NOMEM;
	fr->recent_from_ms = hl_floor_recent_from(fr->day_start_ms, c->now_ms);
	fr->overall->occupancy_pct = figure(hl_floor_occupancy(c->b));
	hl_router_agent_states(c->b, fr->overall);
	rp->body_case = HOTLINE__REPLY__BODY_FLOOR;
	rp->floor = fr;
	return 0;
}

int64_t hl_floor_recent_from(int64_t day_start_ms, int64_t now_ms)
{
	int64_t m = (now_ms - day_start_ms) / HL_FIGCOUNT_MINUTE_MS - HL_FLOOR_RECENT_MIN;

	return day_start_ms + (m < 0 ? 0 : m) * HL_FIGCOUNT_MINUTE_MS;
}

struct agent_time {
	hl_broker *b;
	hl_metrics_counters sum;
};

static void add_agent_time(const char *name, const char *display,
			   const hl_route_agent_info *info, void *arg)
{
	struct agent_time *t = arg;
	hl_metrics_counters c;

	(void)display;
	(void)info;
	if (hl_route_agent_counters(hl_router_engine(t->b), name, hl_router_now(t->b), &c) == 0)
		hl_metrics_add(&t->sum, &c);
}

double hl_floor_occupancy(hl_broker *b)
{
	struct agent_time t = {.b = b};

	hl_router_agent_each(b, add_agent_time, &t);
	return hl_metrics_occupancy(&t.sum);
}

struct day {
	hl_arena *a;
	const char *agent;
	Hotline__DayItem **v;
	size_t n, cap;
};

static int day_item(const hl_store_contact *r, void *arg)
{
	struct day *d = arg;
	Hotline__DayItem *it;
	char ref[HL_CONTACT_REF_MAX];

	if (strcmp(r->agent, d->agent) != 0 || !r->answered_ms || !r->ended_ms)
		return 0;
	if (hl_arena_grow(d->a, &d->v, &d->cap, d->n, sizeof *d->v, 16) < 0)
		return 1;
	if (!(it = hl_arena_alloc(d->a, sizeof *it)))
		return 1;
	hotline__day_item__init(it);
	it->contact = hl_arena_strdup(d->a, hl_contact_ref_format(r->id, ref, sizeof ref));
	it->talk_ms = r->ended_ms - r->answered_ms;
	it->wrap_ms = r->wrap_end_ms >= r->ended_ms ? r->wrap_end_ms - r->ended_ms : -1;
	it->csat = r->csat > 0 ? (uint32_t)r->csat : 0;
	it->nps = r->nps;
	d->v[d->n++] = it;
	return 0;
}

void hl_floor_agent_day(hl_broker *b, const char *agent, hl_arena *a, Hotline__Snapshot *snap)
{
	struct day d = {.a = a, .agent = agent};

	snap->day_start_ms = hl_floor_day_start(b->now_ms);
	hl_store_contact_each_of_agent(b->st, agent, snap->day_start_ms, day_item, &d);
	snap->today = d.v;
	snap->n_today = d.n;
}

/* --- the module --- */

/* Those who take contacts (the router's part set a status) see their own
 * day. */
static void snapshot(hl_broker *b, const hl_session *s, hl_arena *a, Hotline__Snapshot *snap)
{
	if (snap->status)
		hl_floor_agent_day(b, s->user.name, a, snap);
}

static const hl_request_desc requests[] = {
	{.body_case = HOTLINE__REQUEST__BODY_FLOOR, .name = "floor",
	 .roles = HL_ROLES_STAFF, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_floor},
	/* The grid names agents: a team lead sees their own team's rows, a
	 * supervisor or admin every row (filtered row by row, no target). */
	{.body_case = HOTLINE__REQUEST__BODY_FLOOR_AGENTS, .name = "floor agents",
	 .roles = HL_ROLES_LEADS, .needs_login = 1, .effect = HL_REQ_AGAIN,
	 .fn = hl_floor_agents, .scope = HL_SCOPE_OWN,
	 .scope_team = HL_ROLE_BIT(HOTLINE__ROLE__TEAM_LEAD),
	 .scope_all = HL_ROLE_BIT(HOTLINE__ROLE__SUPERVISOR) | HL_ROLES_ADMIN},
};

const hl_module hl_mod_floor = {
	.name = "floor",
	.snapshot = snapshot,
	.requests = requests,
	.n_requests = sizeof requests / sizeof requests[0],
};
