/* The six agent-selection strategies, one descriptor each. */
#include "route_strategy.h"

#include <string.h>

#include "route_agent.h"

/* longest_idle: the agent idle longest (last offer, wrap-up end or
 * becoming available furthest back). */
static route_key rank_longest_idle(hl_route *r, const route_queue *q, const route_agent *a,
				   int level, int64_t now)
{
	(void)r, (void)q, (void)level, (void)now;
	return (route_key){a->idle_since, 0};
}

/* least_occupied: the lowest share of capacity in use, then idle longest.
 * load/capacity is compared as load·2^32/capacity: distinct fractions with
 * capacities up to 100 never collide. */
static route_key rank_least_occupied(hl_route *r, const route_queue *q, const route_agent *a,
				     int level, int64_t now)
{
	(void)r, (void)q, (void)level, (void)now;
	int64_t load = route_agent_load(a);
	return (route_key){(load << 32) / a->capacity, a->idle_since};
}

/* fewest_handled: fewest contacts handled today, then idle longest. */
static route_key rank_fewest_handled(hl_route *r, const route_queue *q, const route_agent *a,
				     int level, int64_t now)
{
	(void)q, (void)level;
	return (route_key){route_agent_handled_today(r, a, now), a->idle_since};
}

/* round_robin: the next agent after the one offered last, in entry
 * order, wrapping around. */
static route_key rank_round_robin(hl_route *r, const route_queue *q, const route_agent *a,
				  int level, int64_t now)
{
	(void)r, (void)level, (void)now;
	int64_t seq = a->seq;
	if (q->rr_last != ROUTE_NONE && a->seq <= q->rr_last)
		seq += (int64_t)1 << 33;
	return (route_key){seq, 0};
}

/* skill_level: the highest level, then idle longest. */
static route_key rank_skill_level(hl_route *r, const route_queue *q, const route_agent *a,
				  int level, int64_t now)
{
	(void)r, (void)q, (void)now;
	return (route_key){-level, a->idle_since};
}

/* random: one draw per candidate, lowest wins: uniform, and the same for
 * the same seed and events. */
static route_key rank_random(hl_route *r, const route_queue *q, const route_agent *a, int level,
			     int64_t now)
{
	(void)q, (void)a, (void)level, (void)now;
	return (route_key){(int64_t)(route_rand(r) >> 1), 0};
}

static const route_strategy strategies[HL_ROUTE_STRATEGY_COUNT] = {
	[HL_ROUTE_STRATEGY_LONGEST_IDLE] = {
		.id = HL_ROUTE_STRATEGY_LONGEST_IDLE, .name = "longest_idle", .rank = rank_longest_idle,
	},
	[HL_ROUTE_STRATEGY_LEAST_OCCUPIED] = {
		.id = HL_ROUTE_STRATEGY_LEAST_OCCUPIED, .name = "least_occupied", .rank = rank_least_occupied,
	},
	[HL_ROUTE_STRATEGY_FEWEST_HANDLED] = {
		.id = HL_ROUTE_STRATEGY_FEWEST_HANDLED, .name = "fewest_handled", .rank = rank_fewest_handled,
	},
	[HL_ROUTE_STRATEGY_ROUND_ROBIN] = {
		.id = HL_ROUTE_STRATEGY_ROUND_ROBIN, .name = "round_robin", .rank = rank_round_robin,
	},
	[HL_ROUTE_STRATEGY_SKILL_LEVEL] = {
		.id = HL_ROUTE_STRATEGY_SKILL_LEVEL, .name = "skill_level", .tiers = true,
		.rank = rank_skill_level,
	},
	[HL_ROUTE_STRATEGY_RANDOM] = {
		.id = HL_ROUTE_STRATEGY_RANDOM, .name = "random", .rank = rank_random,
	},
};

const route_strategy *route_strategy_get(hl_route_strategy s)
{
	if ((int)s < 0 || s >= HL_ROUTE_STRATEGY_COUNT)
		s = HL_ROUTE_STRATEGY_LONGEST_IDLE;
	return &strategies[s];
}

const char *hl_route_strategy_name(hl_route_strategy s)
{
	if ((int)s < 0 || s >= HL_ROUTE_STRATEGY_COUNT)
		return "";
	return strategies[s].name;
}

int hl_route_strategy_parse(const char *name)
{
	for (int i = 0; name && i < HL_ROUTE_STRATEGY_COUNT; i++)
		if (strcmp(strategies[i].name, name) == 0)
			return i;
	return -1;
}
