/* The floor's per-interval counts in the store: one row per queue or agent
 * and 15-minute interval, replaced whenever the interval is written. */
#include "store_figures.h"

#include "error.h"

int hl_store_interval_put(hl_store *st, const hl_store_interval *r, int64_t now)
{
	sqlite3_stmt *s = hl_store_stmt(st, "INSERT OR REPLACE INTO figures_interval(start_ms,"
		"queue,agent,sl_secs,short_secs,offered,answered,answered_within_sl,abandoned,"
		"short_abandoned,abandoned_within_sl,timed_out,rejected,wait_answered_ms,handled,"
		"talk_ms,wrap_ms,csat_ratings,csat_satisfied,nps_answers,nps_promoters,"
		"nps_detractors,written_ms) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	const hl_metrics_counters *c = r->c;
	const int64_t v[] = {
		(int64_t)c->offered, (int64_t)c->answered, (int64_t)c->answered_within_sl,
		(int64_t)c->abandoned, (int64_t)c->short_abandoned,
		(int64_t)c->abandoned_within_sl, (int64_t)c->timed_out, (int64_t)c->rejected,
		c->wait_answered_ms, (int64_t)c->handled, c->talk_ms, c->wrap_ms,
		(int64_t)c->csat_ratings, (int64_t)c->csat_satisfied, (int64_t)c->nps_answers,
		(int64_t)c->nps_promoters, (int64_t)c->nps_detractors, now,
	};
	int col = 1;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, col++, r->start_ms);
	sqlite3_bind_text(s, col++, r->queue, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, col++, r->agent, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, col++, r->sl_secs);
	sqlite3_bind_int(s, col++, r->short_secs);
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		sqlite3_bind_int64(s, col++, v[i]);
	return hl_store_step_done(st, s);
}
