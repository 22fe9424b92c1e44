/* Unit tests of the agent-selection strategies and skill tiers, with explicit times. */
#include "test_route_fixture.h"

/* Accepts at `t` and ends at `t` + 1 s (no wrap-up): a quick contact. */
static void quick(fx *f, int64_t t, const char *agent, const char *contact)
{
	fx_accept(f, t, agent, contact);
	fx_end(f, t + 1000, contact);
}

static void test_longest_idle(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	fx_queue(&f, 0, "q1", HL_ROUTE_STRATEGY_LONGEST_IDLE);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_agent(&f, 0, "a2", 1, "q1", 5);
	fx_agent(&f, 0, "a3", 1, "q1", 5);
	fx_avail(&f, 0, "a1");
	fx_avail(&f, 1000, "a2");
	fx_avail(&f, 2000, "a3");
	fx_take(&f);
	fx_contact(&f, 5000, "c1", "q1");
	fx_expect(&f, "5000 offer c1 a1");
	fx_accept(&f, 5000, "a1", "c1");
	fx_contact(&f, 6000, "c2", "q1");
	fx_expect(&f, "5000 answer c1 a1 0; 6000 offer c2 a2");
	fx_accept(&f, 6000, "a2", "c2");
	/* a1 is idle again from 7000 (its contact ended): a3 (2000) first. */
	fx_end(&f, 7000, "c1");
	fx_contact(&f, 8000, "c3", "q1");
	fx_expect(&f, "6000 answer c2 a2 0; 8000 offer c3 a3");
	fx_fini(&f);
}

/* Equal keys: the agent who entered the system first. */
static void test_ties_by_entry_order(void **state)
{
	(void)state;
	for (int s = 0; s < HL_ROUTE_STRATEGY_COUNT; s++) {
		if (s == HL_ROUTE_STRATEGY_RANDOM)
			continue;
		fx f;
		fx_init(&f, 1);
		fx_queue(&f, 0, "q1", (hl_route_strategy)s);
		fx_agent(&f, 0, "b", 1, "q1", 5);
		fx_agent(&f, 0, "a", 1, "q1", 5);
		fx_avail(&f, 0, "a");
		fx_avail(&f, 0, "b");
		fx_take(&f);
		fx_contact(&f, 1000, "c1", "q1");
		fx_expect(&f, "1000 offer c1 b");
		fx_fini(&f);
	}
}

static void test_least_occupied(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	fx_queue(&f, 0, "q1", HL_ROUTE_STRATEGY_LEAST_OCCUPIED);
	fx_agent(&f, 0, "a1", 3, "q1", 5);
	fx_agent(&f, 0, "a2", 2, "q1", 5);
	fx_avail(&f, 0, "a1");
	fx_avail(&f, 0, "a2");
	fx_take(&f);
	/* 0/3 = 0/2: idle equal, entry order: a1. Then 1/3 vs 0/2: a2.
	 * 1/3 vs 1/2: a1. 2/3 vs 1/2: a2. 2/3 vs full: a1. */
	static const char *const want[] = {"a1", "a2", "a1", "a2", "a1"};
	for (int i = 0; i < 5; i++) {
		char id[8], exp[64];
		snprintf(id, sizeof id, "c%d", i + 1);
		fx_contact(&f, 1000 * (i + 1), id, "q1");
		snprintf(exp, sizeof exp, "%d offer %s %s", 1000 * (i + 1), id, want[i]);
		fx_expect(&f, exp);
		fx_accept(&f, 1000 * (i + 1), want[i], id);
		fx_take(&f);
	}
	fx_contact(&f, 6000, "c6", "q1");
	fx_expect(&f, "");
	fx_fini(&f);
}

#define DAY 86400000LL

static void test_fewest_handled(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	fx_queue(&f, 0, "q1", HL_ROUTE_STRATEGY_FEWEST_HANDLED);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_agent(&f, 0, "a2", 1, "q1", 5);
	fx_agent(&f, 0, "a3", 1, "q1", 5);
	/* a1 handles two, a2 one, a3 none. */
	fx_avail(&f, 0, "a1");
	fx_contact(&f, 1000, "c1", "q1");
	quick(&f, 1000, "a1", "c1");
	fx_contact(&f, 3000, "c2", "q1");
	quick(&f, 3000, "a1", "c2");
	fx_state(&f, 4500, "a1", HL_ROUTE_STATE_NOT_READY, "break");
	fx_avail(&f, 5000, "a2");
	fx_contact(&f, 6000, "c3", "q1");
	quick(&f, 6000, "a2", "c3");
	fx_avail(&f, 8000, "a1");
	fx_avail(&f, 9000, "a3");
	fx_take(&f);
	hl_route_agent_info info;
	assert_int_equal(hl_route_agent_info_get(f.r, "a1", 9000, &info), 0);
	assert_int_equal(info.handled_today, 2);
	fx_contact(&f, 10000, "c4", "q1");
	fx_contact(&f, 11000, "c5", "q1");
	fx_expect(&f, "10000 offer c4 a3; 11000 offer c5 a2");
	fx_accept(&f, 11000, "a3", "c4");
	fx_accept(&f, 11000, "a2", "c5");
	fx_end(&f, 14000, "c4"); /* a3: 1, idle from 14000 */
	fx_end(&f, 15000, "c5"); /* a2: 2, idle from 15000 */
	fx_take(&f);
	/* a1 2 (idle 8000), a2 2, a3 1: a3. */
	fx_contact(&f, 16000, "c6", "q1");
	fx_expect(&f, "16000 offer c6 a3");
	quick(&f, 16000, "a3", "c6");
	fx_take(&f);
	/* A new day: all at 0 handled, idle longest wins: a1 (8000). */
	assert_int_equal(hl_route_agent_info_get(f.r, "a2", DAY + 1000, &info), 0);
	assert_int_equal(info.handled_today, 0);
	fx_contact(&f, DAY + 1000, "c7", "q1");
	fx_expect(&f, "86401000 offer c7 a1");
	fx_fini(&f);
}

/* The day for "handled today" starts at local midnight. */
static void test_fewest_handled_day_offset(void **state)
{
	(void)state;
	hl_route_config c;
	hl_route_config_default(&c);
	c.day_utc_offset_min = 480; /* local midnight is 16:00 UTC */
	fx f;
	fx_init_conf(&f, &c);
	fx_queue(&f, 0, "q1", HL_ROUTE_STRATEGY_FEWEST_HANDLED);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_avail(&f, 0, "a1");
	fx_contact(&f, 1000, "c1", "q1");
	quick(&f, 1000, "a1", "c1");
	hl_route_agent_info info;
	assert_int_equal(hl_route_agent_info_get(f.r, "a1", 16 * 3600000LL - 1, &info), 0);
	assert_int_equal(info.handled_today, 1);
	assert_int_equal(hl_route_agent_info_get(f.r, "a1", 16 * 3600000LL, &info), 0);
	assert_int_equal(info.handled_today, 0);
	fx_fini(&f);
}

static void test_round_robin(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	fx_queue(&f, 0, "q1", HL_ROUTE_STRATEGY_ROUND_ROBIN);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_agent(&f, 0, "a2", 1, "q1", 5);
	fx_agent(&f, 0, "a3", 1, "q1", 5);
	fx_avail(&f, 0, "a3");
	fx_avail(&f, 0, "a2");
	fx_avail(&f, 0, "a1");
	fx_take(&f);
	fx_contact(&f, 1000, "c1", "q1");
	fx_accept(&f, 1000, "a1", "c1");
	fx_contact(&f, 2000, "c2", "q1");
	fx_accept(&f, 2000, "a2", "c2");
	fx_end(&f, 2500, "c1");
	/* After a2 comes a3, though a1 has been free longer. */
	fx_contact(&f, 3000, "c3", "q1");
	fx_accept(&f, 3000, "a3", "c3");
	fx_end(&f, 3500, "c2");
	/* After a3 it wraps round to a1. */
	fx_contact(&f, 4000, "c4", "q1");
	fx_accept(&f, 4000, "a1", "c4");
	/* Next after a1 is a2 again. */
	fx_contact(&f, 5000, "c5", "q1");
	fx_expect(&f, "1000 offer c1 a1; 1000 answer c1 a1 0; 2000 offer c2 a2; 2000 answer c2 a2 0; "
		      "3000 offer c3 a3; 3000 answer c3 a3 0; 4000 offer c4 a1; 4000 answer c4 a1 0; "
		      "5000 offer c5 a2");
	fx_fini(&f);
}

/* Round robin skips agents who are not free and remembers the position
 * when the one offered last goes away. */
static void test_round_robin_memory(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", HL_ROUTE_STRATEGY_ROUND_ROBIN);
	q.auto_accept = true;
	fx_queue_set(&f, 0, &q);
	const char *ids[] = {"a1", "a2", "a3", "a4"};
	for (int i = 0; i < 4; i++) {
		fx_agent(&f, 0, ids[i], 1, "q1", 5);
		fx_avail(&f, 0, ids[i]);
	}
	fx_take(&f);
	fx_contact(&f, 1000, "c1", "q1"); /* a1 */
	fx_contact(&f, 2000, "c2", "q1"); /* a2 */
	fx_end(&f, 2100, "c1");
	fx_end(&f, 2200, "c2");
	fx_state(&f, 2300, "a3", HL_ROUTE_STATE_OFFLINE, NULL);
	fx_contact(&f, 3000, "c3", "q1"); /* after a2: a3 gone, a4 */
	fx_contact(&f, 4000, "c4", "q1"); /* after a4: wraps to a1 */
	fx_expect(&f, "1000 offer c1 a1; 1000 answer c1 a1 0; 2000 offer c2 a2; 2000 answer c2 a2 0; "
		      "2300 state a3 offline; 3000 offer c3 a4; 3000 answer c3 a4 0; "
		      "4000 offer c4 a1; 4000 answer c4 a1 0");
	fx_fini(&f);
}

/* Tiers: the best staffed level first; each lower level after one more
 * tier_wait_s (30 s) of the contact's wait. */
static void test_skill_level_tiers(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	fx_queue(&f, 0, "q1", HL_ROUTE_STRATEGY_SKILL_LEVEL);
	fx_agent(&f, 0, "low", 1, "q1", 3);
	fx_agent(&f, 0, "mid1", 1, "q1", 7);
	fx_agent(&f, 0, "mid2", 1, "q1", 7);
	fx_agent(&f, 0, "top", 1, "q1", 10);
	fx_avail(&f, 0, "low");
	fx_avail(&f, 0, "mid1");
	fx_avail(&f, 0, "mid2");
	fx_avail(&f, 0, "top");
	fx_take(&f);
	fx_contact(&f, 1000, "c1", "q1");
	fx_expect(&f, "1000 offer c1 top");
	fx_accept(&f, 1000, "top", "c1");
	fx_contact(&f, 2000, "c2", "q1");
	fx_contact(&f, 3000, "c3", "q1");
	fx_contact(&f, 4000, "c4", "q1");
	fx_expect(&f, "1000 answer c1 top 0");
	assert_int_equal(hl_route_next_timer(f.r), 32000);
	fx_tick(&f, 31999);
	fx_expect(&f, "");
	fx_tick(&f, 34000);
	/* Level 7 is tier 1: opens at 30 s of wait. */
	fx_expect(&f, "32000 offer c2 mid1; 33000 offer c3 mid2");
	fx_accept(&f, 34000, "mid1", "c2");
	fx_accept(&f, 34000, "mid2", "c3");
	fx_take(&f);
	/* Level 3 is tier 2: 60 s. */
	fx_tick(&f, 63999);
	fx_expect(&f, "");
	fx_tick(&f, 64000);
	fx_expect(&f, "64000 offer c4 low");
	fx_fini(&f);
}

/* The tiers follow who is logged in: when the only level-10 agent logs
 * out, level 7 becomes the best tier at once. */
static void test_skill_level_staffing(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	fx_queue(&f, 0, "q1", HL_ROUTE_STRATEGY_SKILL_LEVEL);
	fx_agent(&f, 0, "mid", 1, "q1", 7);
	fx_agent(&f, 0, "top", 1, "q1", 10);
	fx_avail(&f, 0, "mid");
	fx_avail(&f, 0, "top");
	fx_contact(&f, 1000, "c1", "q1");
	fx_accept(&f, 1000, "top", "c1");
	fx_contact(&f, 2000, "c2", "q1");
	fx_take(&f);
	fx_state(&f, 5000, "top", HL_ROUTE_STATE_OFFLINE, NULL);
	fx_expect(&f, "5000 state top offline; 5000 offer c2 mid");
	fx_fini(&f);
}

/* Ties within a level go to the agent idle longest. */
static void test_skill_level_best_first(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", HL_ROUTE_STRATEGY_SKILL_LEVEL);
	q.tier_wait_s = 0; /* every level at once, still the best first */
	fx_queue_set(&f, 0, &q);
	fx_agent(&f, 0, "low", 1, "q1", 2);
	fx_agent(&f, 0, "hi1", 1, "q1", 9);
	fx_agent(&f, 0, "hi2", 1, "q1", 9);
	fx_avail(&f, 0, "low");
	fx_avail(&f, 50, "hi2");
	fx_avail(&f, 100, "hi1");
	fx_take(&f);
	fx_contact(&f, 1000, "c1", "q1");
	fx_contact(&f, 1000, "c2", "q1");
	fx_contact(&f, 1000, "c3", "q1");
	fx_expect(&f, "1000 offer c1 hi2; 1000 offer c2 hi1; 1000 offer c3 low");
	fx_fini(&f);
}

/* Runs 30 quick contacts through a random queue of 3 agents; writes the
 * chosen agents' last characters into `picks`. */
static void random_run(uint64_t seed, char picks[31])
{
	fx f;
	fx_init(&f, seed);
	hl_route_queue_conf q = fx_queue_conf("q1", HL_ROUTE_STRATEGY_RANDOM);
	q.auto_accept = true;
	fx_queue_set(&f, 0, &q);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_agent(&f, 0, "a2", 1, "q1", 5);
	fx_agent(&f, 0, "a3", 1, "q1", 5);
	fx_avail(&f, 0, "a1");
	fx_avail(&f, 0, "a2");
	fx_avail(&f, 0, "a3");
	fx_take(&f);
	for (int i = 0; i < 30; i++) {
		char id[8];
		snprintf(id, sizeof id, "c%d", i);
		fx_contact(&f, 1000 * (i + 1), id, "q1");
		assert_int_equal(f.out.v[0].kind, HL_ROUTE_OFFER);
		picks[i] = f.out.v[0].agent[1];
		fx_take(&f);
		fx_end(&f, 1000 * (i + 1) + 500, id);
	}
	picks[30] = '\0';
	fx_fini(&f);
}

static void test_random_seeded(void **state)
{
	(void)state;
	char a[31], b[31], c[31];
	random_run(7, a);
	random_run(7, b);
	random_run(8, c);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	/* Every agent gets some. */
	assert_non_null(strchr(a, '1'));
	assert_non_null(strchr(a, '2'));
	assert_non_null(strchr(a, '3'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_longest_idle),
		cmocka_unit_test(test_ties_by_entry_order),
		cmocka_unit_test(test_least_occupied),
		cmocka_unit_test(test_fewest_handled),
		cmocka_unit_test(test_fewest_handled_day_offset),
		cmocka_unit_test(test_round_robin),
		cmocka_unit_test(test_round_robin_memory),
		cmocka_unit_test(test_skill_level_tiers),
		cmocka_unit_test(test_skill_level_staffing),
		cmocka_unit_test(test_skill_level_best_first),
		cmocka_unit_test(test_random_seeded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
