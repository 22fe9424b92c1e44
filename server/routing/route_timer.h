/* The engine's timers: a binary min-heap of (due time, arm order) with
 * lazy cancellation. An object keeps the id of its armed timer in a slot;
 * an entry whose id no longer matches its slot is stale and skipped. */
#ifndef HL_ROUTE_TIMER_H
#define HL_ROUTE_TIMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum route_timer_kind {
	ROUTE_T_OFFER = 0,  /* contact: offer runs out */
	ROUTE_T_CHECK = 1,  /* contact: overflow, tier, hold or maximum wait is due */
	ROUTE_T_GRACE = 2,  /* contact: its agent vanished long enough */
	ROUTE_T_WRAP = 3,   /* agent: a wrap-up ends */
	ROUTE_T_VANISH = 4, /* agent: disconnected long enough to go Offline */
	ROUTE_T_KINDS
} route_timer_kind;

typedef struct route_timer_ent {
	int64_t at;
	uint64_t id;        /* unique, increasing: also the tie-break */
	uint32_t obj;
	uint8_t kind;
} route_timer_ent;

typedef struct route_timers {
	route_timer_ent *v;
	size_t n, cap;
	size_t base;        /* size after the last compaction */
	uint64_t next_id;
} route_timers;

/* Returns true while entry `e` is still armed. */
typedef bool (*route_timer_valid_fn)(const void *ctx, const route_timer_ent *e);

void route_timers_init(route_timers *t);
void route_timers_fini(route_timers *t);

/* Pushes a timer; returns its id (never 0), or 0 when memory runs out. */
uint64_t route_timer_push(route_timers *t, int64_t at, route_timer_kind kind, uint32_t obj);

/* The earliest entry (maybe stale), or NULL. */
const route_timer_ent *route_timer_top(const route_timers *t);

/* Removes the earliest entry. */
void route_timer_pop(route_timers *t);

/* Drops stale entries from the top, and rebuilds the heap without stale
 * entries when it has doubled since the last rebuild. */
void route_timer_prune(route_timers *t, route_timer_valid_fn valid, const void *ctx);

#endif
