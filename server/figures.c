/* The floor's counts kept current: each written contact goes to the
 * day's counts (figcount.c), changed intervals go to the store when an
 * interval ends, and a new day (or a start) counts the day's stored
 * contacts once. */
#include "figures.h"

#include <stdlib.h>
#include <string.h>

#include "alerts.h"
#include "error.h"
#include "floor.h"
#include "log.h"
#include "router.h"
#include "store_figures.h"
#include "module.h"

/* The module's state in the broker (module.h). */
#define FIG(b) ((hl_figures *)hl_module_state((b), &hl_mod_figures))

struct hl_figures {
	hl_figcount *fc;
	int64_t next_close;   /* the end of the open interval */
};

/* A contact's stored state, as the counts tell outcomes apart. */
static const struct {
	const char *state;
	hl_metrics_outcome outcome;
} outcomes[] = {
	{"rejected", HL_METRICS_OUT_REJECTED},
	{"abandoned", HL_METRICS_OUT_ABANDONED},
	{"left", HL_METRICS_OUT_LEFT},
};

static hl_metrics_outcome outcome_of(const char *state)
{
	for (size_t i = 0; i < sizeof outcomes / sizeof outcomes[0]; i++)
		if (strcmp(state, outcomes[i].state) == 0)
			return outcomes[i].outcome;
	return HL_METRICS_OUT_OPEN;
}

static int put(hl_broker *b, const hl_store_contact *r)
{
	int32_t sl = 0, sh = 0;
	hl_figcount_contact c = {
		.id = r->id, .created_ms = r->created_ms, .queue = r->queue, .agent = r->agent,
		.k = {
			.outcome = outcome_of(r->state), .answered_ms = r->answered_ms,
			.ended_ms = r->ended_ms, .wrap_end_ms = r->wrap_end_ms,
			.wait_ms = r->wait_ms, .csat = r->csat, .nps = r->nps,
		},
	};

	/* A queue the engine does not know is judged with T = S = 0, as the
	 * floor always judged it; the floor shows only known queues. */
	hl_route_queue_targets(hl_router_engine(b), r->queue, NULL, &sl, &sh);
	return hl_figcount_put(FIG(b)->fc, &c, sl, sh);
}

static int count_row(const hl_store_contact *r, void *arg)
{
	return put(arg, r) < 0;
}

struct write_ctx {
	hl_broker *b;
};

static int write_row(const hl_figcount_row *r, void *arg)
{
	struct write_ctx *w = arg;
	hl_store_interval iv = {
		.start_ms = r->start_ms, .sl_secs = r->sl_secs, .short_secs = r->short_secs,
		.c = r->c,
		.queue = r->kind == HL_FIGCOUNT_QUEUE ? r->name : "",
		.agent = r->kind == HL_FIGCOUNT_AGENT ? r->name : "",
	};

	return hl_store_interval_put(w->b->st, &iv, w->b->now_ms) < 0;
}

/* Writes the changed intervals in the turn's transaction. A write that
 * fails fails the turn: nothing of it is acknowledged. */
static void write_changed(hl_broker *b)
{
	struct write_ctx w = {.b = b};

	if (hl_figcount_each_dirty(FIG(b)->fc, write_row, &w) != 0) {
		hl_log(HL_LOG_ERROR, "cannot write the floor's interval figures");
		b->commit_failed = 1;
	}
}

static int64_t interval_end(const hl_figcount *fc, int64_t now)
{
	return hl_figcount_day(fc) + (int64_t)(hl_figcount_slot_of(fc, now) + 1) *
		HL_FIGCOUNT_SLOT_MS;
}

/* Counts the day of `now` from the stored contacts. */
static int count_day(hl_broker *b, int64_t now)
{
	int64_t day = hl_floor_day_start(now);

	hl_figcount_reset(FIG(b)->fc, day);
	FIG(b)->next_close = interval_end(FIG(b)->fc, now);
	if (hl_store_contact_each_since(b->st, day, count_row, b) < 0)
		return HL_E_IO;
	hl_figcount_touch_all(FIG(b)->fc);
	write_changed(b);
	return 0;
}

int hl_figures_open(hl_broker *b)
{
	int rc;

	hl_figures *f = calloc(1, sizeof *f);

	hl_module_set_state(b, &hl_mod_figures, f);
	if (!f || !(f->fc = hl_figcount_new(hl_floor_day_start(b->now_ms))))
		return HL_E_NOMEM;
	if ((rc = count_day(b, b->now_ms)) < 0)
		return rc;
	hl_log(HL_LOG_INFO, "floor figures: %zu contacts today",
	       hl_figcount_contacts(FIG(b)->fc));
	return 0;
}

void hl_figures_close(hl_broker *b)
{
	if (!FIG(b))
		return;
	if (FIG(b)->fc) {
		write_changed(b);
		hl_figcount_free(FIG(b)->fc);
	}
	free(FIG(b));
	hl_module_set_state(b, &hl_mod_figures, NULL);
}

hl_figcount *hl_figures_counts(hl_broker *b, int64_t now_ms)
{
	hl_figures *f = FIG(b);

	if (hl_floor_day_start(now_ms) != hl_figcount_day(f->fc)) {
		/* Midnight (or a clock stepped back over it): the old day's
		 * intervals are written as they stand, and the new day is
		 * counted from its stored contacts (none, at midnight). */
		write_changed(b);
		if (count_day(b, now_ms) < 0) {
			hl_log(HL_LOG_ERROR, "cannot count today's contacts for the floor");
			b->commit_failed = 1;
		}
	}
	return f->fc;
}

void hl_figures_on_contact(hl_broker *b, const hl_store_contact *row)
{
	if (!FIG(b))
		return;  /* the router loading: counted once the figures open */
	hl_figures_counts(b, b->now_ms);
	if (put(b, row) < 0) {
		hl_log(HL_LOG_ERROR, "out of memory counting contact c%lld for the floor",
		       (long long)row->id);
		b->commit_failed = 1;
	}
	hl_alerts_on_contact(b, row);
}

int64_t hl_figures_tick(hl_broker *b, int64_t now_ms)
{
	hl_figures *f = FIG(b);

	if (!f)
		return INT64_MAX;
	hl_figures_counts(b, now_ms);
	if (now_ms >= f->next_close) {
		write_changed(b);
		f->next_close = interval_end(f->fc, now_ms);
	}
	return f->next_close;
}

/* --- the module --- */

/* After the router in the list: it counts the contacts the router loaded,
 * and ticks after the router's writes of the turn. */
const hl_module hl_mod_figures = {
	.name = "figures",
	.open = hl_figures_open,
	.close = hl_figures_close,
	.tick = hl_figures_tick,
};
