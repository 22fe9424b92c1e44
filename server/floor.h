/* The floor's figures: per queue and overall, today, by the definitions
 * of common/metrics.c. */
#ifndef HL_FLOOR_H
#define HL_FLOOR_H

#include "broker.h"

/* The "last 30 minutes" window: the current minute and this many whole
 * minutes before it (docs/metrics.md §7). */
#define HL_FLOOR_RECENT_MIN 30

int hl_floor(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp);

/* Where the last-30-minutes window of `now_ms` starts: the start of the
 * minute 30 minutes before now's, never before the day. */
int64_t hl_floor_recent_from(int64_t day_start_ms, int64_t now_ms);

/* The floor's occupancy: handling ÷ (handling + available) over every
 * agent's state time the routing engine has counted since the broker
 * started (it keeps no per-day agent time). NaN when none. */
double hl_floor_occupancy(hl_broker *b);

/* Local midnight before `now_ms` (the broker's time zone). */
int64_t hl_floor_day_start(int64_t now_ms);

/* Fills the agent's day into a snapshot: day_start_ms, and `today`, the
 * conversations `agent` answered and ended since then (the same stored
 * rows the floor counts), so a desk started at any hour shows the day's
 * own figures. Strings and arrays in `a`. */
void hl_floor_agent_day(hl_broker *b, const char *agent, hl_arena *a, Hotline__Snapshot *snap);

/* The module (module.h): the floor request and the snapshot's agent day. */
extern const hl_module hl_mod_floor;

#endif
