/* The metric dictionary's requests: the entries of common/metricdict.c,
 * each with its normal band for one queue (or the floor) at one interval
 * of the day, from the interval rows figures.c stored on the previous 28
 * days. The 56 indexed reads a request makes run on the read pool
 * (readpool.h), off the loop. */
#include "metric.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "metricdict.h"
#include "module.h"
#include "readpool.h"
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

/* One request's read: what to read (made on the loop), what was read (on a
 * worker), and the reply's parts (on the loop again). */
struct metric_job {
	hl_read_job base;
	const hl_metricdict_entry *one;  /* metric show's entry; NULL: every entry */
	char queue[128];                 /* "" the whole floor */
	int64_t start_ms;                /* today's interval */
	int64_t day[HL_METRICDICT_BAND_DAYS + 1];  /* day k starts at day[k + 1], ends at day[k] */
	int64_t at[HL_METRICDICT_BAND_DAYS];       /* the interval on day k */
	hl_metrics_counters days[HL_METRICDICT_BAND_DAYS];
	bool had[HL_METRICDICT_BAND_DAYS];
	int rc;
	hl_arena arena;
};

static void job_free(hl_read_job *base)
{
	struct metric_job *j = (struct metric_job *)base;

	hl_arena_free(&j->arena);
	free(j);
}

/* On a read worker: the interval's counts on each of the previous days. */
static void job_run(hl_read_job *base, hl_store *st)
{
	struct metric_job *j = (struct metric_job *)base;

	for (int k = 0; k < HL_METRICDICT_BAND_DAYS; k++) {
		int found, any = hl_store_interval_any(st, j->day[k + 1], j->day[k]);

		/* A day with nothing stored (the broker down) is no sample. */
		j->had[k] = any > 0;
		if (any < 0 || hl_store_interval_sum(st, j->at[k], j->queue, &j->days[k], &found) < 0) {
			j->rc = HL_E_IO;
			return;
		}
	}
}

static const struct {
	unsigned bit;
	const char *word;
} scopes[] = {
	{HL_METRICDICT_QUEUE, "queue"},
	{HL_METRICDICT_FLOOR, "floor"},
	{HL_METRICDICT_AGENT, "agent"},
};

static Hotline__MetricEntry *entry(struct metric_job *j, const hl_metricdict_entry *e)
{
	hl_arena *a = &j->arena;
	Hotline__MetricEntry *m = hl_arena_alloc(a, sizeof *m);
	Hotline__MetricBand *b = hl_arena_alloc(a, sizeof *b);
	char **sc = hl_arena_alloc(a, sizeof scopes / sizeof scopes[0] * sizeof *sc);
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
	m->agent_keys = (char *)(e->agent_keys ? e->agent_keys : "");
	for (size_t i = 0; i < sizeof scopes / sizeof scopes[0]; i++)
		if (e->scope & scopes[i].bit)
			sc[m->n_scope++] = (char *)scopes[i].word;
	m->scope = sc;
	hl_metricdict_band_days(e, j->days, j->had, HL_METRICDICT_BAND_DAYS, NULL, &band);
	b->kept = band.kept;
	b->samples = band.samples;
	b->enough_history = band.enough_history;
	/* NaN does not travel portably: no samples is told by samples == 0. */
	b->low = isnan(band.low) ? 0 : band.low;
	b->high = isnan(band.high) ? 0 : band.high;
	m->band = b;
	return m;
}

static Hotline__MetricListReply *build(struct metric_job *j)
{
	size_t n;
	const hl_metricdict_entry *all = j->one ? j->one : hl_metricdict_all(&n);
	Hotline__MetricListReply *r = hl_arena_alloc(&j->arena, sizeof *r);

	if (j->one)
		n = 1;
	if (!r)
		return NULL;
	hotline__metric_list_reply__init(r);
	if (!(r->metrics = hl_arena_alloc(&j->arena, n * sizeof *r->metrics)))
		return NULL;
	r->queue = j->queue;
	r->interval_start_ms = j->start_ms;
	r->days = HL_METRICDICT_BAND_DAYS;
	for (size_t i = 0; i < n; i++)
		if (!(r->metrics[r->n_metrics++] = entry(j, &all[i])))
			return NULL;
	return r;
}

/* On the loop: the entries and their bands, then the reply. */
static void job_done(hl_broker *b, hl_read_job *base)
{
	struct metric_job *j = (struct metric_job *)base;
	Hotline__Reply rp = HOTLINE__REPLY__INIT;
	const char *err = NULL;

	if (j->rc == 0 && !(rp.metrics = build(j)))
		j->rc = HL_E_NOMEM;
	if (j->rc == 0)
		rp.body_case = HOTLINE__REPLY__BODY_METRICS;
	else
		err = j->rc == HL_E_IO ? "cannot read the stored intervals" : hl_strerror(j->rc);
	hl_broker_reply(b, base->req, base->id, j->rc, err, &rp);
	job_free(base);
}

/* Checks `queue` and `at`, and sends the read of entry `one` (NULL: all)
 * to the read pool. */
static int submit(hl_call *c, Hotline__Reply *rp, const hl_metricdict_entry *one,
		  const char *queue, const char *at)
{
	struct metric_job *j;
	int minute;

	if (at[0]) {
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
	if (queue[0] && (strlen(queue) >= sizeof j->queue || !hl_router_queue(c->b, queue)))
		return hl_call_fail(c, HL_E_NOTFOUND, "no such queue; hotline-ctl queue list "
				    "shows them");
	if (!(j = calloc(1, sizeof *j)))
		return HL_E_NOMEM;
	hl_arena_init(&j->arena);
	j->base.run = job_run;
	j->base.done = job_done;
	j->base.drop = job_free;
	j->one = one;
	snprintf(j->queue, sizeof j->queue, "%s", queue);
	/* The clock and the time zone are read here, on the loop. */
	j->start_ms = local_at(c->now_ms, 0, minute);
	for (int k = 0; k <= HL_METRICDICT_BAND_DAYS; k++)
		j->day[k] = local_at(c->now_ms, k, 0);
	for (int k = 0; k < HL_METRICDICT_BAND_DAYS; k++)
		j->at[k] = local_at(c->now_ms, k + 1, minute);
	return hl_readpool_submit_call(c, rp, &j->base);
}

static int metric_list(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	return submit(c, rp, NULL, rq->metric_list->queue, rq->metric_list->at);
}

static int metric_show(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__MetricShow *ms = rq->metric_show;
	const hl_metricdict_entry *e;

	if (!hl_metricdict_name_ok(ms->name))
		return hl_call_fail(c, HL_E_INVALID, "a metric name is 1 to 32 lower-case letters, "
				    "digits and _, e.g. sl; hotline-ctl metric list shows them");
	if (!(e = hl_metricdict_find(ms->name)))
		return hl_call_fail(c, HL_E_NOTFOUND, "no metric '%s'; hotline-ctl metric list "
				    "shows them", ms->name);
	return submit(c, rp, e, ms->queue, ms->at);
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
