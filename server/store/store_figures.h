/* The floor's per-interval counts in the store (table figures_interval). */
#ifndef HL_STORE_FIGURES_H
#define HL_STORE_FIGURES_H

#include <stdint.h>

#include "metrics.h"
#include "store.h"

/* One interval's counts: a queue's (agent "") or an agent's (queue ""). */
typedef struct hl_store_interval {
	int64_t start_ms;
	const char *queue, *agent;
	int32_t sl_secs, short_secs;  /* the queue's rule; 0 for an agent */
	const hl_metrics_counters *c;
} hl_store_interval;

/* Writes (replacing) one interval's row, in the turn's transaction.
 * Returns 0 or HL_E_IO. */
int hl_store_interval_put(hl_store *st, const hl_store_interval *r, int64_t now);

/* Sums the queue rows (not the agents') of the interval starting at
 * `start_ms`: queue `queue`'s row, or every queue's for "". *found gets
 * whether any row was there. Returns 0 or HL_E_IO. */
int hl_store_interval_sum(hl_store *st, int64_t start_ms, const char *queue,
			  hl_metrics_counters *out, int *found);

/* Returns 1 when any interval row (queue or agent) starts in
 * [from_ms, to_ms) — the broker was counting then — 0 when none, or
 * HL_E_IO. */
int hl_store_interval_any(hl_store *st, int64_t from_ms, int64_t to_ms);

#endif
