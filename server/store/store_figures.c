/* The floor's per-interval counts in the store: one row per queue or agent
 * and 15-minute interval, replaced whenever the interval is written. */
#include "store_figures.h"

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
