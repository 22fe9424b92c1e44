/* The day's counts kept current: per queue, per agent and per 15-minute
 * interval, changed contact by contact. Pure: no I/O, no clock. */
#ifndef HL_FIGCOUNT_H
#define HL_FIGCOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "metrics.h"

#define HL_FIGCOUNT_SLOT_MS (15 * 60 * 1000)
#define HL_FIGCOUNT_SLOTS 100  /* a local day has at most 25 hours */
#define HL_FIGCOUNT_MINUTE_MS (60 * 1000)
#define HL_FIGCOUNT_MINUTES 1500 /* per-minute counts of a queue, 25 hours */

typedef struct hl_figcount hl_figcount;

/* What a line of counts is kept for. */
typedef enum hl_figcount_kind {
	HL_FIGCOUNT_QUEUE = 0,
	HL_FIGCOUNT_AGENT = 1,
} hl_figcount_kind;

/* One stored contact as the counts see it. `queue` and `agent` ("" none)
 * are copied. */
typedef struct hl_figcount_contact {
	int64_t id;
	int64_t created_ms;
	const char *queue;
	const char *agent;
	hl_metrics_contact k;
} hl_figcount_contact;

/* A new, empty day starting at `day_start_ms`. NULL when out of memory. */
hl_figcount *hl_figcount_new(int64_t day_start_ms);
void hl_figcount_free(hl_figcount *f);

/* Empties every count and starts the day at `day_start_ms` (midnight). */
void hl_figcount_reset(hl_figcount *f, int64_t day_start_ms);

/* The start of the day being counted. */
int64_t hl_figcount_day(const hl_figcount *f);

/* The contact as it is now: what it counted before (if seen) comes out,
 * what it counts now goes in, judged by its queue's T `sl_secs` and S
 * `short_secs`. A queue whose T or S changed is recounted first, so every
 * contact of a queue is judged by the queue's current rule (as the floor
 * always did). A contact created before the day is not counted. Returns 0
 * or HL_E_NOMEM (nothing changed). */
int hl_figcount_put(hl_figcount *f, const hl_figcount_contact *c, int32_t sl_secs,
		    int32_t short_secs);

/* A queue's counts for the day, judged by T `sl_secs` and S `short_secs`
 * (recounted from the kept contacts if the queue's rule changed). Never
 * NULL: a queue with no contacts has zero counts. Valid until the next
 * call. */
const hl_metrics_counters *hl_figcount_queue(hl_figcount *f, const char *queue, int32_t sl_secs,
					     int32_t short_secs);

/* An agent's counts for the day: the contacts whose row names them, each
 * judged by its queue's rule. Never NULL. */
const hl_metrics_counters *hl_figcount_agent(const hl_figcount *f, const char *agent);

/* One interval's counts of a queue or agent: the contacts created in
 * [day + slot × 15 min, + 15 min). Never NULL. */
const hl_metrics_counters *hl_figcount_slot(const hl_figcount *f, hl_figcount_kind kind,
					    const char *name, int slot);

/* Adds into `out` the counts of `queue`'s contacts created in the minute
 * of `now_ms` and the `minutes` whole minutes before it (the day's first
 * minutes only, just after midnight), judged by T `sl_secs` and S
 * `short_secs` (recounted if the queue's rule changed). Nothing is added
 * for a queue with no contacts. */
void hl_figcount_recent(hl_figcount *f, const char *queue, int32_t sl_secs, int32_t short_secs,
			int64_t now_ms, int minutes, hl_metrics_counters *out);

/* The interval `t` falls in (0 for times before the day, the last slot for
 * times past it). */
int hl_figcount_slot_of(const hl_figcount *f, int64_t t);

/* One interval's counts, as hl_figcount_each_dirty gives them. */
typedef struct hl_figcount_row {
	hl_figcount_kind kind;
	const char *name;
	int slot;
	int64_t start_ms;
	int32_t sl_secs, short_secs;  /* a queue's rule; 0 for an agent */
	const hl_metrics_counters *c;
} hl_figcount_row;

/* Calls `fn` for every interval whose counts changed since the last call
 * and forgets that they changed. Stops at the first non-zero return of
 * `fn` (which stays changed) and returns it; else 0. */
int hl_figcount_each_dirty(hl_figcount *f, int (*fn)(const hl_figcount_row *r, void *arg),
			   void *arg);

/* Marks every interval with counts as changed (to write them all). */
void hl_figcount_touch_all(hl_figcount *f);

/* The number of contacts counted today. */
size_t hl_figcount_contacts(const hl_figcount *f);

#endif
