/* Agent-selection strategies as a const table of descriptors: each ranks
 * a candidate agent by a key; the lowest key wins, then entry order. */
#ifndef HL_ROUTE_STRATEGY_H
#define HL_ROUTE_STRATEGY_H

#include <stdbool.h>
#include <stdint.h>

#include "route_int.h"

/* Lexicographic rank of a candidate; lower is better. */
typedef struct route_key {
	int64_t k1, k2;
} route_key;

typedef struct route_strategy {
	hl_route_strategy id;
	const char *name;
	/* Skill tiers: the best level first, lower levels one tier per
	 * tier_wait_s of the contact's wait. */
	bool tiers;
	/* Ranks agent `a` (skill `level` in queue `q`) at `now`. May draw
	 * from the engine's generator (random). */
	route_key (*rank)(hl_route *r, const route_queue *q, const route_agent *a, int level,
			  int64_t now);
} route_strategy;

/* Returns the descriptor of `s` (the longest-idle one for an unknown id). */
const route_strategy *route_strategy_get(hl_route_strategy s);

/* True when candidate (ka, seq_a) ranks before (kb, seq_b). */
static inline bool route_key_before(route_key ka, uint32_t seq_a, route_key kb, uint32_t seq_b)
{
	if (ka.k1 != kb.k1)
		return ka.k1 < kb.k1;
	if (ka.k2 != kb.k2)
		return ka.k2 < kb.k2;
	return seq_a < seq_b;
}

#endif
