/* The floor's alerts: what alertcond.c judges, carried out. Once a second
 * (only while a queue or agent condition is configured) each queue's
 * last-30-minutes service level, waiting count and longest wait and each
 * agent's state are judged; an alert opens when its condition starts and
 * closes when it ends, both stored in table `alert` and published to the
 * floor. A bad rating opens an alert as it is stored; it closes when
 * acknowledged, since a rating has no end of its own. */
#include "alerts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alertcond.h"
#include "contact_ref.h"
#include "error.h"
#include "events.h"
#include "figures.h"
#include "floor.h"
#include "log.h"
#include "module.h"
#include "requests.h"
#include "router.h"
#include "session.h"
#include "store_alert.h"
#include "store_user.h"

#define EVAL_MS 1000   /* the tick judges the conditions at most this often */

/* The settings: one configuration per process (module.h). */
static hl_alert_conf conf;

struct open_alert {
	hl_alert_row r;
	hl_alert_kind kind;
	int seen;          /* judged in this evaluation */
};

typedef struct hl_alerts {
	struct open_alert *v;   /* the open alerts, oldest first */
	size_t n, cap;
	int64_t next_eval;
} hl_alerts;

#define AL(b) ((hl_alerts *)hl_module_state((b), &hl_mod_alerts))

static const char *const schema[] = {
	"CREATE TABLE alert("
	" id INTEGER PRIMARY KEY,"
	" kind TEXT NOT NULL,"
	" queue TEXT NOT NULL DEFAULT '',"
	" agent TEXT NOT NULL DEFAULT '',"
	" contact TEXT NOT NULL DEFAULT '',"
	" team TEXT NOT NULL DEFAULT '',"
	" value REAL NOT NULL DEFAULT 0,"
	" threshold REAL NOT NULL DEFAULT 0,"
	" opened_ms INTEGER NOT NULL,"
	" closed_ms INTEGER NOT NULL DEFAULT 0,"
	" acked_by TEXT NOT NULL DEFAULT '',"
	" acked_ms INTEGER NOT NULL DEFAULT 0,"
	" text TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX alert_closed ON alert(closed_ms);"
	"CREATE INDEX alert_contact ON alert(contact) WHERE contact<>'';",
};

static hl_alert_kind kind_of(const char *name)
{
	for (int k = 0; k < HL_ALERT_KIND_COUNT; k++)
		if (strcmp(hl_alertcond_name((hl_alert_kind)k), name) == 0)
			return (hl_alert_kind)k;
	return HL_ALERT_KIND_COUNT;
}

static int is_rating(hl_alert_kind k)
{
	return k == HL_ALERT_CSAT || k == HL_ALERT_NPS;
}

/* The wire's Alert for a row; strings point into the row. */
static void to_msg(const hl_alert_row *r, Hotline__Alert *m)
{
	hotline__alert__init(m);
	m->id = (uint64_t)r->id;
	m->kind = (char *)r->kind;
	m->queue = (char *)r->queue;
	m->agent = (char *)r->agent;
	m->contact = (char *)r->contact;
	m->team = (char *)r->team;
	m->value = r->value;
	m->threshold = r->threshold;
	m->opened_ms = r->opened_ms;
	m->closed_ms = r->closed_ms;
	m->acked_by = (char *)r->acked_by;
	m->acked_ms = r->acked_ms;
	m->text = (char *)r->text;
}

/* Tells every floor screen (durable: an alert is never missed). */
static void publish(hl_broker *b, const hl_alert_row *r)
{
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__Alert m;

	to_msg(r, &m);
	ev.body_case = HOTLINE__EVENT__BODY_ALERT;
	ev.alert = &m;
	hl_events_publish(b, HL_TOPIC_FLOOR, NULL, &ev);
}

static struct open_alert *find(hl_alerts *al, hl_alert_kind k, const char *queue,
			       const char *agent)
{
	for (size_t i = 0; i < al->n; i++)
		if (al->v[i].kind == k && strcmp(al->v[i].r.queue, queue) == 0 &&
		    strcmp(al->v[i].r.agent, agent) == 0 && !is_rating(k))
			return &al->v[i];
	return NULL;
}

static int keep(hl_alerts *al, const hl_alert_row *r, hl_alert_kind k)
{
	if (al->n == al->cap) {
		size_t cap = al->cap ? al->cap * 2 : 16;
		struct open_alert *v = realloc(al->v, cap * sizeof *v);
		if (!v)
			return HL_E_NOMEM;
		al->v = v;
		al->cap = cap;
	}
	al->v[al->n].r = *r;
	al->v[al->n].kind = k;
	al->v[al->n].seen = 1;
	al->n++;
	return 0;
}

/* Stores, keeps and publishes a new alert. A failed write fails the turn. */
static void open_one(hl_broker *b, hl_alert_row *r, hl_alert_kind k)
{
	snprintf(r->kind, sizeof r->kind, "%s", hl_alertcond_name(k));
	r->opened_ms = b->now_ms;
	if (hl_store_alert_insert(b->st, r) < 0 || keep(AL(b), r, k) < 0) {
		hl_log(HL_LOG_ERROR, "cannot store an alert: %s", r->text);
		b->commit_failed = 1;
		return;
	}
	hl_log(HL_LOG_INFO, "alert %lld opened: %s", (long long)r->id, r->text);
	publish(b, r);
}

/* Closes open alert `i` now: stored, published, forgotten. */
static void close_one(hl_broker *b, size_t i)
{
	hl_alerts *al = AL(b);
	hl_alert_row r = al->v[i].r;

	r.closed_ms = b->now_ms;
	if (hl_store_alert_close(b->st, r.id, r.closed_ms) < 0) {
		b->commit_failed = 1;
		return;
	}
	memmove(&al->v[i], &al->v[i + 1], (al->n - i - 1) * sizeof *al->v);
	al->n--;
	hl_log(HL_LOG_INFO, "alert %lld closed: %s", (long long)r.id, r.text);
	publish(b, &r);
}

/* One condition judged: opens or marks seen; a condition that no longer
 * holds is left unseen and closed after the walk. */
static void judge(hl_broker *b, hl_alert_kind k, const char *queue, const char *agent,
		  const char *team, int holds, double value, double threshold, const char *text)
{
	struct open_alert *o = find(AL(b), k, queue, agent);
	hl_alert_row r;

	if (hl_alertcond_edge(o != NULL, holds) == HL_ALERT_OPEN) {
		memset(&r, 0, sizeof r);
		snprintf(r.queue, sizeof r.queue, "%s", queue);
		snprintf(r.agent, sizeof r.agent, "%s", agent);
		snprintf(r.team, sizeof r.team, "%s", team);
		r.value = value;
		r.threshold = threshold;
		snprintf(r.text, sizeof r.text, "%s", text);
		open_one(b, &r, k);
	} else if (o && holds) {
		o->seen = 1;
	}
}

/* The queue conditions and the words a person reads for each. */
static const struct {
	hl_alert_kind kind;
	const char *fmt;   /* queue, value, threshold */
} queue_texts[] = {
	{HL_ALERT_SL, "%s: service level of the last 30 minutes %.1f%% is under the target %.0f%%"},
	{HL_ALERT_WAITING, "%s: %.0f contacts waiting, more than %.0f"},
	{HL_ALERT_LONGEST_WAIT, "%s: the longest wait is %.0f s, more than %.0f s"},
};

static void judge_queue(const Hotline__QueueConf *q, void *arg)
{
	hl_broker *b = arg;
	hl_route *eng = hl_router_engine(b);
	hl_metrics_counters c30 = {0};
	hl_alert_queue_obs o = {0};
	hl_route_queue_stats st;
	int32_t pct = 0, sl = 0, sh = 0;

	hl_route_queue_targets(eng, q->id, &pct, &sl, &sh);
	hl_figcount_recent(hl_figures_counts(b, b->now_ms), q->id, sl, sh, b->now_ms,
			   HL_FLOOR_RECENT_MIN, &c30);
	o.sl30_pct = hl_metrics_sl(&c30, 0);
	o.offered30 = (uint32_t)c30.offered;
	o.target_pct = pct;
	if (hl_route_queue_stats_get(eng, q->id, hl_router_now(b), &st) == 0) {
		o.waiting = (uint32_t)st.queued;
		o.longest_wait_ms = st.longest_wait_ms;
	}
	for (size_t i = 0; i < sizeof queue_texts / sizeof queue_texts[0]; i++) {
		hl_alert_kind k = queue_texts[i].kind;
		double v = 0, t = 0;
		int open = find(AL(b), k, q->id, "") != NULL;
		int holds = hl_alertcond_queue(&conf, k, &o, open, &v, &t);
		char text[256];
		snprintf(text, sizeof text, queue_texts[i].fmt, q->id, v, t);
		judge(b, k, q->id, "", "", holds, v, t, text);
	}
}

static const struct {
	hl_route_state state;
	hl_alert_agent_state as;
	hl_alert_kind kind;
	const char *fmt;   /* agent, reason, minutes, threshold */
} agent_texts[] = {
	{HL_ROUTE_STATE_NOT_READY, HL_ALERT_AGENT_NOT_READY, HL_ALERT_NOT_READY,
	 "%s: Not Ready%s for %.0f min, more than %.0f"},
	{HL_ROUTE_STATE_WRAP_UP, HL_ALERT_AGENT_WRAP_UP, HL_ALERT_WRAP_UP,
	 "%s: in wrap-up%s for %.0f min, more than %.0f"},
};

static void judge_agent(const char *name, const char *display, const hl_route_agent_info *info,
			void *arg)
{
	hl_broker *b = arg;
	int64_t now = hl_router_now(b);
	hl_alert_agent_obs o = {.state = HL_ALERT_AGENT_OTHER,
				.in_state_ms = now > info->since ? now - info->since : 0};

	(void)display;
	for (size_t i = 0; i < sizeof agent_texts / sizeof agent_texts[0]; i++)
		if (info->state == agent_texts[i].state)
			o.state = agent_texts[i].as;
	for (size_t i = 0; i < sizeof agent_texts / sizeof agent_texts[0]; i++) {
		hl_alert_kind k = agent_texts[i].kind;
		double v = 0, t = 0;
		char text[256], reason[80] = "";
		hl_user u;
		if (!hl_alertcond_agent(&conf, k, &o, &v, &t))
			continue;   /* unseen: an open one closes after the walk */
		if (find(AL(b), k, "", name)) {
			judge(b, k, "", name, "", 1, v, t, "");
			continue;
		}
		/* Opening: the agent's team, read once, for scope. */
		if (hl_store_user_get(b->st, name, &u) < 0)
			u.team[0] = 0;
		if (info->reason[0])
			snprintf(reason, sizeof reason, " (%s)", info->reason);
		snprintf(text, sizeof text, agent_texts[i].fmt, name, reason, v, t);
		judge(b, k, "", name, u.team, 1, v, t, text);
	}
}

/* Every queue and agent condition judged once. */
static void evaluate(hl_broker *b)
{
	hl_alerts *al = AL(b);

	for (size_t i = 0; i < al->n; i++)
		al->v[i].seen = is_rating(al->v[i].kind);  /* ratings close by ack */
	hl_router_queue_each(b, judge_queue, b);
	hl_router_agent_each(b, judge_agent, b);
	for (size_t i = al->n; i-- > 0;)
		if (!al->v[i].seen)
			close_one(b, i);
}

static int64_t alerts_tick(hl_broker *b, int64_t now)
{
	hl_alerts *al = AL(b);

	/* Nothing configured that time changes: no timer at all. Opens left
	 * from a run with other settings close at the first judgement. */
	if (!al || (!hl_alertcond_ticked(&conf) && al->n == 0))
		return INT64_MAX;
	if (now < al->next_eval)
		return al->next_eval;
	evaluate(b);
	al->next_eval = now + EVAL_MS;
	return al->next_eval;
}

void hl_alerts_on_contact(hl_broker *b, const hl_store_contact *row)
{
	static const hl_alert_kind kinds[] = {HL_ALERT_CSAT, HL_ALERT_NPS};
	hl_alerts *al = AL(b);
	char ref[HL_CONTACT_REF_MAX];

	if (!al || (!conf.csat_low && !conf.nps_low))
		return;
	hl_contact_ref_format(row->id, ref, sizeof ref);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		hl_alert_kind k = kinds[i];
		int score = k == HL_ALERT_CSAT ? row->csat : row->nps;
		hl_alert_row r;
		hl_user u;
		int rated;
		if (!hl_alertcond_rating(&conf, k, score))
			continue;
		/* Once per conversation and kind: later writes of the row (a
		 * wrap-up note) keep the rating and must not raise it again. */
		if ((rated = hl_store_alert_rated(b->st, hl_alertcond_name(k), ref)) != 0) {
			if (rated < 0)
				b->commit_failed = 1;
			continue;
		}
		memset(&r, 0, sizeof r);
		snprintf(r.queue, sizeof r.queue, "%s", row->queue);
		snprintf(r.agent, sizeof r.agent, "%s", row->agent);
		snprintf(r.contact, sizeof r.contact, "%s", ref);
		if (row->agent[0] && hl_store_user_get(b->st, row->agent, &u) == 0)
			snprintf(r.team, sizeof r.team, "%s", u.team);
		r.value = score;
		r.threshold = k == HL_ALERT_CSAT ? 2 : 6;
		snprintf(r.text, sizeof r.text, "%s (%s, %s): %s %d", ref,
			 row->agent[0] ? row->agent : "no agent", row->queue,
			 k == HL_ALERT_CSAT ? "CSAT" : "NPS", score);
		open_one(b, &r, k);
	}
}

/* --- open and close --- */

static int load_open(const hl_alert_row *r, void *arg)
{
	hl_alert_kind k = kind_of(r->kind);

	/* A kind this build does not know is left as stored. */
	return k == HL_ALERT_KIND_COUNT ? 0 : keep(arg, r, k) < 0;
}

static int alerts_open(hl_broker *b)
{
	hl_alerts *al = calloc(1, sizeof *al);

	hl_module_set_state(b, &hl_mod_alerts, al);
	if (!al)
		return HL_E_NOMEM;
	if (hl_store_alert_each(b->st, 0, load_open, al) != 0)
		return HL_E_IO;
	if (al->n)
		hl_log(HL_LOG_INFO, "alerts: %zu open", al->n);
	return 0;
}

static void alerts_close(hl_broker *b)
{
	hl_alerts *al = AL(b);

	if (!al)
		return;
	free(al->v);
	free(al);
	hl_module_set_state(b, &hl_mod_alerts, NULL);
}

/* --- requests --- */

/* Whether the caller may see alert `r`: queue alerts everyone who may ask;
 * an agent's (or their rating's) by the request's scope. */
static int visible(hl_call *c, const Hotline__Request *rq, const hl_alert_row *r)
{
	const hl_user *me = &c->sess->user;
	const hl_request_desc *d = hl_requests_find(rq->body_case);

	return d && hl_requests_in_scope(d, me->role, me->name, me->team,
					 r->agent[0] ? r->agent : NULL, r->team);
}

struct list {
	hl_call *c;
	const Hotline__Request *rq;
	Hotline__Alert **v;
	size_t n, cap;
};

static int list_row(const hl_alert_row *r, void *arg)
{
	struct list *l = arg;
	hl_alert_row *copy;
	Hotline__Alert *m;

	if (!visible(l->c, l->rq, r))
		return 0;
	if (hl_arena_grow(l->c->arena, &l->v, &l->cap, l->n, sizeof *l->v, 16) < 0 ||
	    !(copy = hl_arena_alloc(l->c->arena, sizeof *copy)) ||
	    !(m = hl_arena_alloc(l->c->arena, sizeof *m)))
		return 1;
	*copy = *r;
	to_msg(copy, m);
	l->v[l->n++] = m;
	return 0;
}

static int floor_alerts(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	struct list l = {.c = c, .rq = rq};
	int64_t since = rq->floor_alerts->closed ? hl_floor_day_start(c->now_ms) : 0;

	rp->body_case = HOTLINE__REPLY__BODY_ALERTS;
	if (!(rp->alerts = hl_arena_alloc(c->arena, sizeof *rp->alerts)))
		return HL_E_NOMEM;
	hotline__floor_alerts_reply__init(rp->alerts);
	if (hl_store_alert_each(c->b->st, since, list_row, &l) != 0)
		return hl_call_fail(c, HL_E_IO, "could not read the alerts");
	rp->alerts->alerts = l.v;
	rp->alerts->n_alerts = l.n;
	return 0;
}

static int floor_alert_ack(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	hl_alerts *al = AL(c->b);
	const hl_user *me = &c->sess->user;
	int64_t id = (int64_t)rq->floor_alert_ack->id;
	char target[32];
	hl_alert_row *r = NULL, out;
	size_t i;

	for (i = 0; i < al->n && !r; i++)
		if (al->v[i].r.id == id)
			r = &al->v[i].r;
	if (!r)
		return hl_call_fail(c, HL_E_NOTFOUND, "no open alert %lld; floor alerts lists them",
				    (long long)id);
	i--;
	snprintf(target, sizeof target, "alert %lld", (long long)id);
	if (!visible(c, rq, r)) {
		hl_broker_audit(c->b, me->name, "denied", "floor alerts ack", target, "denied");
		return hl_call_fail(c, HL_E_PERM, "alert %lld is about another team's agent; a team "
				    "lead acknowledges their own team's", (long long)id);
	}
	if (!r->acked_by[0]) {
		/* The first acknowledgement stands; a second one changes nothing. */
		if (hl_store_alert_ack(c->b->st, id, me->name, c->now_ms) < 0)
			return hl_call_fail(c, HL_E_IO, "could not store the acknowledgement");
		snprintf(r->acked_by, sizeof r->acked_by, "%s", me->name);
		r->acked_ms = c->now_ms;
		hl_broker_audit(c->b, me->name, "alert ack", target, r->text, "ok");
		publish(c->b, r);
	}
	out = *r;
	/* A rating has no end of its own: acknowledged, it is dealt with. */
	if (is_rating(al->v[i].kind)) {
		close_one(c->b, i);
		out.closed_ms = c->b->now_ms;
	}
	if (!(r = hl_arena_alloc(c->arena, sizeof *r)) ||
	    !(rp->alert = hl_arena_alloc(c->arena, sizeof *rp->alert)))
		return HL_E_NOMEM;
	*r = out;
	to_msg(r, rp->alert);
	rp->body_case = HOTLINE__REPLY__BODY_ALERT;
	return 0;
}

/* --- the module --- */

static void config_defaults(void)
{
	hl_alertcond_defaults(&conf);
}

static int config_key(const char *name, const char *value)
{
	return hl_alertcond_conf_key(&conf, name, value);
}

#define TL HL_ROLE_BIT(HOTLINE__ROLE__TEAM_LEAD)
#define SV HL_ROLE_BIT(HOTLINE__ROLE__SUPERVISOR)

/* A team lead reaches queue alerts and their own team's agents'; a
 * supervisor (and an admin, for the list) every alert. */
static const hl_request_desc requests[] = {
	{.body_case = HOTLINE__REQUEST__BODY_FLOOR_ALERTS, .name = "floor alerts",
	 .roles = HL_ROLES_LEADS, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = floor_alerts,
	 .scope = HL_SCOPE_OWN, .scope_team = TL, .scope_all = SV | HL_ROLES_ADMIN},
	{.body_case = HOTLINE__REQUEST__BODY_FLOOR_ALERT_ACK, .name = "floor alerts ack",
	 .roles = TL | SV, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = floor_alert_ack,
	 .scope = HL_SCOPE_OWN, .scope_team = TL, .scope_all = SV},
};

/* After figures (it reads the counts) and the router (queues, agents). */
const hl_module hl_mod_alerts = {
	.name = "alerts",
	.open = alerts_open,
	.close = alerts_close,
	.tick = alerts_tick,
	.config_section = "alerts",
	.config_defaults = config_defaults,
	.config_key = config_key,
	.schema = schema,
	.n_schema = sizeof schema / sizeof schema[0],
	.requests = requests,
	.n_requests = sizeof requests / sizeof requests[0],
};
