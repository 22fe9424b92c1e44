/* The metric dictionary's requests: the entries of common/metricdict.c,
 * each with its normal band for one queue (or the floor) at one interval
 * of the day, from the interval rows figures.c stored on the previous 28
 * days. Reads the store on the loop: 56 indexed lookups a request. */
#include "metric.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "metricdict.h"
#include "module.h"
#include "router.h"
#include "store_figures.h"

/* Local wall-clock `minute` of the day `back` days before the day of
 * `now_ms`, in ms (the broker's time zone, as the floor's day). */
static int64_t local_at(int64_t now_ms, int back, int minute)
{
	time_t t = (time_t)(now_ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	tm.tm_mday -= back;
	tm.tm_hour = minute / 60;
	tm.tm_min = minute % 60;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return (int64_t)mktime(&tm) * 1000;
}

/* The interval's counts on each of the previous days. */
struct history {
	int64_t start_ms;  /* today's interval */
	hl_metrics_counters days[HL_METRICDICT_BAND_DAYS];
	bool had[HL_METRICDICT_BAND_DAYS];
};

/* Checks `at` and `queue` and reads the interval's history. Returns 0 or
 * a code with the call's error text set. */
static int read_history(hl_call *c, const char *queue, const char *at, struct history *h)
{
	int minute;

	if (at && at[0]) {
		if ((minute = hl_metricdict_parse_at(at)) < 0)
			return hl_call_fail(c, HL_E_INVALID, "--at takes a local time of day as "
					    "HH:MM, 00:00 to 23:59");
	} else {
		time_t t = (time_t)(c->now_ms / 1000);
		struct tm tm;
		localtime_r(&t, &tm);
		minute = tm.tm_hour * 60 + tm.tm_min - tm.tm_min % 15;
	}
	/* The queue is not echoed: it is the caller's bytes. */
	if (queue[0] && !hl_router_queue(c->b, queue))
		return hl_call_fail(c, HL_E_NOTFOUND, "no such queue; hotline-ctl queue list "
				    "shows them");
	h->start_ms = local_at(c->now_ms, 0, minute);
	for (int k = 0; k < HL_METRICDICT_BAND_DAYS; k++) {
		int64_t day = local_at(c->now_ms, k + 1, 0), next = local_at(c->now_ms, k, 0);
		int found, any = hl_store_interval_any(c->b->st, day, next);

		/* A day with nothing stored (the broker down) is no sample. */
		h->had[k] = any > 0;
		if (any < 0 || hl_store_interval_sum(c->b->st, local_at(c->now_ms, k + 1, minute),
						     queue, &h->days[k], &found) < 0)
			return hl_call_fail(c, HL_E_IO, "cannot read the stored intervals");
	}
	return 0;
}

static const struct {
	unsigned bit;
	const char *word;
} scopes[] = {
	{HL_METRICDICT_QUEUE, "queue"},
	{HL_METRICDICT_FLOOR, "floor"},
	{HL_METRICDICT_AGENT, "agent"},
};

static Hotline__MetricEntry *entry(hl_call *c, const hl_metricdict_entry *e,
				   const struct history *h)
{
	Hotline__MetricEntry *m = hl_arena_alloc(c->arena, sizeof *m);
	Hotline__MetricBand *b = hl_arena_alloc(c->arena, sizeof *b);
	char **sc = hl_arena_alloc(c->arena, sizeof scopes / sizeof scopes[0] * sizeof *sc);
	hl_metricdict_band band;

	if (!m || !b || !sc)
		return NULL;
	hotline__metric_entry__init(m);
	hotline__metric_band__init(b);
	/* The strings are the table's, static: nothing to copy. */
	m->name = (char *)e->name;
	m->name_en = (char *)e->name_en;
	m->name_zh = (char *)e->name_zh;
	m->definition = (char *)hl_metricdict_definition(e);
	m->definition_zh = (char *)e->definition_zh;
	m->formula = (char *)e->formula;
	m->source = (char *)e->source;
	m->variant = (char *)hl_metricdict_variant(e, NULL);
	m->variant_definition = (char *)hl_metricdict_variant_definition(e, NULL);
	m->unit = (char *)e->unit;
	m->computed_by = (char *)e->computed_by;
	m->shown = (char *)e->shown;
	m->floor_key = (char *)(e->floor_key ? e->floor_key : "");
	for (size_t i = 0; i < sizeof scopes / sizeof scopes[0]; i++)
		if (e->scope & scopes[i].bit)
			sc[m->n_scope++] = (char *)scopes[i].word;
	m->scope = sc;
	hl_metricdict_band_days(e, h->days, h->had, HL_METRICDICT_BAND_DAYS, NULL, &band);
	b->kept = band.kept;
	b->samples = band.samples;
	b->enough_history = band.enough_history;
	/* NaN does not travel portably: no samples is told by samples == 0. */
	b->low = isnan(band.low) ? 0 : band.low;
	b->high = isnan(band.high) ? 0 : band.high;
	m->band = b;
	return m;
}

static Hotline__MetricListReply *reply(hl_call *c, Hotline__Reply *rp, const char *queue,
				       const struct history *h, size_t n)
{
	Hotline__MetricListReply *r = hl_arena_alloc(c->arena, sizeof *r);

	if (!r)
		return NULL;
	hotline__metric_list_reply__init(r);
	r->metrics = hl_arena_alloc(c->arena, (n ? n : 1) * sizeof *r->metrics);
	r->queue = (char *)queue;
	r->interval_start_ms = h->start_ms;
	r->days = HL_METRICDICT_BAND_DAYS;
	rp->body_case = HOTLINE__REPLY__BODY_METRICS;
	rp->metrics = r;
	return r->metrics ? r : NULL;
}

static int metric_list(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__MetricList *ml = rq->metric_list;
	struct history *h = hl_arena_alloc(c->arena, sizeof *h);
	Hotline__MetricListReply *r;
	size_t n;
	const hl_metricdict_entry *all = hl_metricdict_all(&n);
	int rc;

	if (!h)
		return HL_E_NOMEM;
	if ((rc = read_history(c, ml->queue, ml->at, h)) < 0)
		return rc;
	if (!(r = reply(c, rp, ml->queue, h, n)))
		return HL_E_NOMEM;
	for (size_t i = 0; i < n; i++)
		if (!(r->metrics[r->n_metrics++] = entry(c, &all[i], h)))
			return HL_E_NOMEM;
	return 0;
}

static int metric_show(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__MetricShow *ms = rq->metric_show;
	const hl_metricdict_entry *e;
	struct history *h;
	Hotline__MetricListReply *r;
	int rc;

	if (!hl_metricdict_name_ok(ms->name))
		return hl_call_fail(c, HL_E_INVALID, "a metric name is 1 to 32 lower-case letters, "
				    "digits and _, e.g. sl; hotline-ctl metric list shows them");
	if (!(e = hl_metricdict_find(ms->name)))
		return hl_call_fail(c, HL_E_NOTFOUND, "no metric '%s'; hotline-ctl metric list "
				    "shows them", ms->name);
	if (!(h = hl_arena_alloc(c->arena, sizeof *h)))
		return HL_E_NOMEM;
	if ((rc = read_history(c, ms->queue, ms->at, h)) < 0)
		return rc;
	if (!(r = reply(c, rp, ms->queue, h, 1)) || !(r->metrics[0] = entry(c, e, h)))
		return HL_E_NOMEM;
	r->n_metrics = 1;
	return 0;
}

/* --- the module --- */

/* Everyone who logs in may read the dictionary: the definitions are what
 * every screen shows beside its figures, and the bands are of queue and
 * floor figures anyone on the floor already sees (`floor` is for all
 * staff); no band is per agent. */
static const hl_request_desc requests[] = {
	{.body_case = HOTLINE__REQUEST__BODY_METRIC_LIST, .name = "metric list",
	 .roles = HL_ROLES_STAFF, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = metric_list},
	{.body_case = HOTLINE__REQUEST__BODY_METRIC_SHOW, .name = "metric show",
	 .roles = HL_ROLES_STAFF, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = metric_show},
};

const hl_module hl_mod_metric = {
	.name = "metric",
	.requests = requests,
	.n_requests = sizeof requests / sizeof requests[0],
};
