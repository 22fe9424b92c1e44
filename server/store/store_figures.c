/* The floor's per-interval counts in the store: one row per queue or agent
 * and 15-minute interval, replaced whenever the interval is written; read back
 * for the metric dictionary's normal bands. */
#include "store_figures.h"

#include <stddef.h>
#include <string.h>

#include "error.h"
#include "store_row.h"

int hl_store_interval_put(hl_store *st, const hl_store_interval *r, int64_t now)
{
	const hl_metrics_counters *c = r->c;

	return hl_store_exec(st, "INSERT OR REPLACE INTO figures_interval(start_ms,"
		"queue,agent,sl_secs,short_secs,offered,answered,answered_within_sl,abandoned,"
		"short_abandoned,abandoned_within_sl,timed_out,rejected,wait_answered_ms,handled,"
		"talk_ms,wrap_ms,csat_ratings,csat_satisfied,nps_answers,nps_promoters,"
		"nps_detractors,written_ms) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
		"lttii" "llllllllllllllllll", r->start_ms, r->queue, r->agent, (int)r->sl_secs,
		(int)r->short_secs, (int64_t)c->offered, (int64_t)c->answered,
		(int64_t)c->answered_within_sl, (int64_t)c->abandoned, (int64_t)c->short_abandoned,
		(int64_t)c->abandoned_within_sl, (int64_t)c->timed_out, (int64_t)c->rejected,
		(int64_t)c->wait_answered_ms, (int64_t)c->handled, (int64_t)c->talk_ms,
		(int64_t)c->wrap_ms, (int64_t)c->csat_ratings, (int64_t)c->csat_satisfied,
		(int64_t)c->nps_answers, (int64_t)c->nps_promoters, (int64_t)c->nps_detractors, now);
}

/* The counts a band reads, in the order of the SELECT below. */
#define F(t, m) {t, offsetof(hl_metrics_counters, m), 0, 0}
static const hl_store_field sum_fields[] = {
	F('u', offered), F('u', answered), F('u', answered_within_sl), F('u', abandoned),
	F('u', short_abandoned), F('u', abandoned_within_sl), F('u', timed_out), F('u', rejected),
	F('l', wait_answered_ms), F('u', handled), F('l', talk_ms), F('l', wrap_ms),
	F('u', csat_ratings), F('u', csat_satisfied), F('u', nps_answers), F('u', nps_promoters),
	F('u', nps_detractors),
};
#undef F

struct sum {
	hl_metrics_counters *c;
	int *found;
};

static int sum_row(sqlite3_stmt *s, void *arg)
{
	struct sum *a = arg;

	*a->found = sqlite3_column_int64(s, 0) > 0;
	hl_store_read_fields(s, 1, sum_fields, sizeof sum_fields / sizeof sum_fields[0], a->c);
	return 0;
}

int hl_store_interval_sum(hl_store *st, int64_t start_ms, const char *queue,
			  hl_metrics_counters *out, int *found)
{
	struct sum a = {.c = out, .found = found};

	memset(out, 0, sizeof *out);
	*found = 0;
	/* queue > '' seeks past the agents' rows (queue '') in the primary
	 * key (start_ms, queue, agent); a named queue is a point lookup. The
	 * sums of no row are NULL, read as 0. */
	return hl_store_one(st, "SELECT count(*),sum(offered),sum(answered),"
		"sum(answered_within_sl),sum(abandoned),sum(short_abandoned),"
		"sum(abandoned_within_sl),sum(timed_out),sum(rejected),sum(wait_answered_ms),"
		"sum(handled),sum(talk_ms),sum(wrap_ms),sum(csat_ratings),sum(csat_satisfied),"
		"sum(nps_answers),sum(nps_promoters),sum(nps_detractors) FROM figures_interval"
		" WHERE start_ms=?1 AND queue>'' AND agent='' AND (?2='' OR queue=?2)",
		sum_row, &a, "lt", start_ms, queue);
}

int hl_store_interval_any(hl_store *st, int64_t from_ms, int64_t to_ms)
{
	int rc = hl_store_one(st, "SELECT 1 FROM figures_interval WHERE start_ms>=? AND"
			      " start_ms<? LIMIT 1", NULL, NULL, "ll", from_ms, to_ms);

	return rc == 0 ? 1 : rc == HL_E_NOTFOUND ? 0 : rc;
}
