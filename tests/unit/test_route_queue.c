/* Unit tests of the routing engine's queue rules: contact order, limits, hours, overflow, abandons, figures. */
#include <math.h>

#include "test_route_fixture.h"

#define Q_LI HL_ROUTE_STRATEGY_LONGEST_IDLE

/* Priority first, then the longest wait; equal joins go by entry order. */
static void test_contact_order(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	fx_queue(&f, 0, "q1", Q_LI);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	hl_route_contact_conf c[] = {
		{.id = "c1", .queue = "q1", .priority = 0},
		{.id = "c2", .queue = "q1", .priority = 5},
		{.id = "c3", .queue = "q1", .priority = 0},
		{.id = "c4", .queue = "q1", .priority = 5},
		{.id = "c5", .queue = "q1", .priority = 0},
	};
	fx_contact_conf(&f, 1000, &c[0]);
	fx_contact_conf(&f, 2000, &c[1]);
	fx_contact_conf(&f, 3000, &c[2]);
	fx_contact_conf(&f, 3000, &c[3]);
	fx_contact_conf(&f, 3000, &c[4]);
	fx_expect(&f, "");
	fx_avail(&f, 10000, "a1");
	fx_expect(&f, "10000 state a1 available; 10000 offer c2 a1");
	fx_accept(&f, 10000, "a1", "c2");
	fx_end(&f, 11000, "c2");
	fx_expect(&f, "10000 answer c2 a1 8000; 11000 offer c4 a1");
	fx_accept(&f, 11000, "a1", "c4");
	fx_end(&f, 12000, "c4");
	fx_expect(&f, "11000 answer c4 a1 8000; 12000 offer c1 a1");
	fx_accept(&f, 12000, "a1", "c1");
	fx_end(&f, 13000, "c1");
	fx_expect(&f, "12000 answer c1 a1 11000; 13000 offer c3 a1");
	fx_accept(&f, 13000, "a1", "c3");
	fx_end(&f, 14000, "c3");
	fx_expect(&f, "13000 answer c3 a1 10000; 14000 offer c5 a1");
	fx_fini(&f);
}

/* VIP adds the configured boost (default 10) to the priority. */
static void test_vip(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	fx_queue(&f, 0, "q1", Q_LI);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	hl_route_contact_conf p9 = {.id = "p9", .queue = "q1", .priority = 9};
	hl_route_contact_conf vip = {.id = "vip", .queue = "q1", .priority = 0, .vip = true};
	hl_route_contact_conf p11 = {.id = "p11", .queue = "q1", .priority = 11};
	fx_contact_conf(&f, 1000, &p9);
	fx_contact_conf(&f, 2000, &vip);
	fx_contact_conf(&f, 3000, &p11);
	fx_avail(&f, 4000, "a1");
	fx_expect(&f, "4000 state a1 available; 4000 offer p11 a1");
	fx_accept(&f, 4000, "a1", "p11");
	fx_end(&f, 5000, "p11");
	fx_expect(&f, "4000 answer p11 a1 1000; 5000 offer vip a1");
	fx_fini(&f);
}

/* An agent in several queues takes the higher-priority queue first. */
static void test_queue_priority(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	fx_queue(&f, 0, "low", Q_LI);
	hl_route_queue_conf hi = fx_queue_conf("high", Q_LI);
	hi.priority = 5;
	fx_queue_set(&f, 0, &hi);
	fx_agent2(&f, 0, "a1", "low", 5, "high", 5);
	hl_route_contact_conf c1 = {.id = "c1", .queue = "low", .priority = 9};
	fx_contact_conf(&f, 1000, &c1);
	fx_contact(&f, 2000, "c2", "high");
	fx_avail(&f, 5000, "a1");
	fx_expect(&f, "5000 state a1 available; 5000 offer c2 a1");
	fx_fini(&f);
}

static void test_max_len(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.max_len = 2;
	fx_queue_set(&f, 0, &q);
	fx_contact(&f, 1000, "c1", "q1");
	fx_contact(&f, 2000, "c2", "q1");
	fx_contact(&f, 3000, "c3", "q1");
	fx_expect(&f, "3000 rejected c3 queue_full");
	hl_route_contact_info info;
	assert_int_equal(hl_route_contact_info_get(f.r, "c3", 3000, &info), HL_E_NOTFOUND);
	assert_int_equal(hl_route_abandon(f.r, 4000, "c1", &f.out), 0);
	fx_contact(&f, 5000, "c3", "q1");
	fx_expect(&f, "4000 abandon c1 3000 short");
	const hl_metrics_counters *m = hl_route_queue_counters(f.r, "q1");
	assert_int_equal(m->offered, 3);
	assert_int_equal(m->rejected, 1);
	fx_fini(&f);
}

static void test_max_wait(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.max_wait_s = 60;
	fx_queue_set(&f, 0, &q);
	fx_contact(&f, 1000, "c1", "q1");
	assert_int_equal(hl_route_next_timer(f.r), 61000);
	fx_tick(&f, 60999);
	fx_expect(&f, "");
	fx_tick(&f, 70000);
	fx_expect(&f, "61000 leave c1 max_wait");
	assert_int_equal(hl_route_next_timer(f.r), HL_ROUTE_NO_TIMER);
	const hl_metrics_counters *m = hl_route_queue_counters(f.r, "q1");
	assert_int_equal(m->timed_out, 1);
	assert_int_equal(m->offered, 1);
	fx_fini(&f);
}

/* Unix time: 1970-01-05 was a Monday. */
#define MON_UTC 345600000LL
#define HOUR 3600000LL

static void test_business_hours(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1); /* epoch 0: engine time is Unix ms */
	hl_route_interval open[] = {{9 * 60, 18 * 60}};  /* Monday 09:00-18:00 */
	hl_route_queue_conf q = fx_queue_conf("utc", Q_LI);
	q.open = open;
	q.n_open = 1;
	fx_queue_set(&f, 0, &q);
	q.id = "cst";
	q.utc_offset_min = 480; /* China: local 09:00 is 01:00 UTC */
	fx_queue_set(&f, 0, &q);
	fx_contact(&f, MON_UTC + 1 * HOUR - 1, "c1", "cst");
	fx_contact(&f, MON_UTC + 1 * HOUR, "c2", "cst");
	fx_contact(&f, MON_UTC + 9 * HOUR - 1, "c3", "utc");
	fx_contact(&f, MON_UTC + 9 * HOUR, "c4", "utc");
	fx_contact(&f, MON_UTC + 18 * HOUR, "c5", "utc");
	/* A week later, same hour: open again. */
	fx_contact(&f, MON_UTC + 7 * 24 * HOUR + 10 * HOUR, "c6", "utc");
	fx_expect(&f, "349199999 rejected c1 closed; 377999999 rejected c3 closed; "
		      "410400000 rejected c5 closed");
	hl_route_queue_stats st;
	assert_int_equal(hl_route_queue_stats_get(f.r, "utc", MON_UTC + 10 * HOUR, &st), 0);
	assert_true(st.open);
	assert_int_equal(st.queued, 2);
	assert_int_equal(hl_route_queue_stats_get(f.r, "utc", MON_UTC + 20 * HOUR, &st), 0);
	assert_false(st.open);
	fx_fini(&f);
}

/* Hours honour the engine's epoch: replay sets t=0 to a Monday. */
static void test_hours_epoch(void **state)
{
	(void)state;
	hl_route_config c;
	hl_route_config_default(&c);
	c.epoch_unix_ms = MON_UTC;
	fx f;
	fx_init_conf(&f, &c);
	hl_route_interval open[] = {{6 * 1440 + 22 * 60, 7 * 1440}, {0, 2 * 60}}; /* Sun 22:00-Mon 02:00 */
	hl_route_queue_conf q = fx_queue_conf("night", Q_LI);
	q.open = open;
	q.n_open = 2;
	fx_queue_set(&f, 0, &q);
	fx_contact(&f, 1 * HOUR, "c1", "night");
	fx_contact(&f, 2 * HOUR, "c2", "night");
	fx_contact(&f, 6 * 24 * HOUR + 22 * HOUR, "c3", "night");
	fx_expect(&f, "7200000 rejected c2 closed");
	fx_fini(&f);
}

static void test_abandons(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	fx_queue(&f, 0, "q1", Q_LI); /* short under 5 s, SL 20 s */
	fx_contact(&f, 0, "c1", "q1");
	fx_contact(&f, 0, "c2", "q1");
	fx_contact(&f, 0, "c3", "q1");
	assert_int_equal(hl_route_abandon(f.r, 4999, "c1", &f.out), 0);
	assert_int_equal(hl_route_abandon(f.r, 5000, "c2", &f.out), 0);
	assert_int_equal(hl_route_abandon(f.r, 25000, "c3", &f.out), 0);
	fx_expect(&f, "4999 abandon c1 4999 short; 5000 abandon c2 5000; 25000 abandon c3 25000");
	const hl_metrics_counters *m = hl_route_queue_counters(f.r, "q1");
	assert_int_equal(m->offered, 3);
	assert_int_equal(m->abandoned, 3);
	assert_int_equal(m->short_abandoned, 1);
	assert_int_equal(m->abandoned_within_sl, 1);
	/* (3 − 1) ÷ (3 − 1) */
	assert_true(fabs(hl_metrics_abandon_rate(m) - 100.0) < 1e-9);
	assert_int_equal(hl_route_abandon(f.r, 26000, "c3", &f.out), HL_E_NOTFOUND);
	fx_fini(&f);
}

/* An offer in flight goes with the abandon; the agent is free again. */
static void test_abandon_while_offered(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	fx_queue(&f, 0, "q1", Q_LI);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_avail(&f, 0, "a1");
	fx_contact(&f, 1000, "c1", "q1");
	fx_contact(&f, 2000, "c2", "q1");
	assert_int_equal(hl_route_abandon(f.r, 3000, "c1", &f.out), 0);
	fx_expect(&f, "0 state a1 available; 1000 offer c1 a1; 3000 abandon c1 2000 short; 3000 offer c2 a1");
	assert_int_equal(hl_route_next_timer(f.r), 18000);
	fx_fini(&f);
}

static void test_service_level_counters(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.auto_accept = true;
	fx_queue_set(&f, 0, &q);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_contact(&f, 0, "c1", "q1");
	fx_contact(&f, 1, "c2", "q1");
	fx_contact(&f, 2, "c3", "q1");
	fx_avail(&f, 20000, "a1");                        /* c1 waited 20.000 s: within */
	fx_end(&f, 30000, "c1");                          /* c2 waited 29.999 s */
	assert_int_equal(hl_route_abandon(f.r, 31000, "c3", &f.out), 0);
	fx_expect(&f, "20000 state a1 available; 20000 offer c1 a1; 20000 answer c1 a1 20000; "
		      "30000 offer c2 a1; 30000 answer c2 a1 29999; 31000 abandon c3 30998");
	const hl_metrics_counters *m = hl_route_queue_counters(f.r, "q1");
	assert_int_equal(m->answered, 2);
	assert_int_equal(m->answered_within_sl, 1);
	assert_int_equal(m->handled, 1);
	assert_int_equal(m->talk_ms, 10000);
	/* SL 1 ÷ 3; ASA (20 + 29.999) ÷ 2 */
	assert_true(fabs(hl_metrics_sl(m, HL_METRICS_SL_OFFERED) - 100.0 / 3.0) < 1e-9);
	assert_true(fabs(hl_metrics_asa_s(m) - 24.9995) < 1e-9);
	int32_t pct, secs, sh;
	assert_int_equal(hl_route_queue_targets(f.r, "q1", &pct, &secs, &sh), 0);
	assert_int_equal(pct, 80);
	assert_int_equal(secs, 20);
	assert_int_equal(sh, 5);
	fx_fini(&f);
}

static void test_position_and_estimate(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1); /* default AHT 300 s */
	fx_queue(&f, 0, "q1", Q_LI);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_agent(&f, 0, "a2", 1, "q1", 5);
	fx_avail(&f, 0, "a1");
	fx_avail(&f, 0, "a2");
	fx_contact(&f, 1000, "c1", "q1");
	fx_contact(&f, 1000, "c2", "q1");
	fx_accept(&f, 1000, "a1", "c1");
	fx_accept(&f, 1000, "a2", "c2");
	fx_contact(&f, 2000, "c3", "q1");
	fx_contact(&f, 3000, "c4", "q1");
	fx_contact(&f, 4000, "c5", "q1");
	hl_route_contact_info ci;
	assert_int_equal(hl_route_contact_info_get(f.r, "c3", 5000, &ci), 0);
	assert_int_equal(ci.status, HL_ROUTE_CONTACT_WAITING);
	assert_int_equal(ci.position, 1);
	assert_int_equal(ci.est_wait_ms, 150000); /* 1 × 300 s ÷ 2 slots */
	assert_int_equal(hl_route_contact_info_get(f.r, "c5", 5000, &ci), 0);
	assert_int_equal(ci.position, 3);
	assert_int_equal(ci.est_wait_ms, 450000);
	assert_int_equal(hl_route_contact_info_get(f.r, "c1", 5000, &ci), 0);
	assert_int_equal(ci.status, HL_ROUTE_CONTACT_ACTIVE);
	assert_string_equal(ci.agent, "a1");
	assert_int_equal(ci.position, 0);
	hl_route_queue_stats st;
	assert_int_equal(hl_route_queue_stats_get(f.r, "q1", 5000, &st), 0);
	assert_int_equal(st.queued, 3);
	assert_int_equal(st.offering, 0);
	assert_int_equal(st.longest_wait_ms, 3000);
	assert_int_equal(st.agents[HL_ROUTE_STATE_AVAILABLE], 2);
	assert_int_equal(st.agents_free, 0);
	/* c1 handled in 60 s: AHT 60 s. a1 takes c3; c4 is first. */
	fx_end(&f, 61000, "c1");
	assert_int_equal(hl_route_contact_info_get(f.r, "c4", 61000, &ci), 0);
	assert_int_equal(ci.position, 1);
	assert_int_equal(ci.est_wait_ms, 30000);
	assert_int_equal(hl_route_queue_stats_get(f.r, "q1", 61000, &st), 0);
	assert_int_equal(st.queued, 3);
	assert_int_equal(st.offering, 1);
	assert_int_equal(st.longest_wait_ms, 59000);
	/* No one ready: unknown. */
	fx_state(&f, 62000, "a1", HL_ROUTE_STATE_NOT_READY, "break");
	fx_state(&f, 62000, "a2", HL_ROUTE_STATE_NOT_READY, "break");
	assert_int_equal(hl_route_contact_info_get(f.r, "c4", 62000, &ci), 0);
	assert_int_equal(ci.est_wait_ms, -1);
	assert_int_equal(hl_route_queue_stats_get(f.r, "q1", 62000, &st), 0);
	assert_int_equal(st.agents[HL_ROUTE_STATE_NOT_READY], 2);
	fx_fini(&f);
}

static void test_overflow_to_queue(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_overflow of[] = {{.after_s = 60, .to = "q2"}, {.after_s = 90, .to = "nowhere"}};
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.overflow = of;
	q.n_overflow = 2;
	fx_queue_set(&f, 0, &q);
	fx_queue(&f, 0, "q2", HL_ROUTE_STRATEGY_ROUND_ROBIN);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_agent(&f, 0, "a2", 1, "q2", 5);
	fx_avail(&f, 0, "a2");
	fx_contact(&f, 1000, "c1", "q1");
	fx_contact(&f, 2000, "c2", "q1");
	assert_int_equal(hl_route_next_timer(f.r), 61000);
	fx_tick(&f, 61000);
	fx_expect(&f, "0 state a2 available; 61000 overflow c1 q2; 61000 offer c1 a2 via q2");
	/* c2 overflows too and waits in q2; a1 joins and takes it from its
	 * own queue. */
	fx_accept(&f, 61500, "a2", "c1");
	fx_tick(&f, 62000);
	fx_expect(&f, "61500 answer c1 a2 60500; 62000 overflow c2 q2");
	fx_avail(&f, 63000, "a1");
	fx_accept(&f, 64000, "a1", "c2");
	fx_expect(&f, "63000 state a1 available; 63000 offer c2 a1; 64000 answer c2 a1 62000");
	/* The rule naming an unknown queue does nothing. */
	fx_tick(&f, 200000);
	fx_expect(&f, "");
	fx_fini(&f);
}

/* "to lower-tier agents": a skill-level queue opens every tier at once. */
static void test_overflow_lower_tiers(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_overflow of[] = {{.after_s = 10, .lower_tiers = true}};
	hl_route_queue_conf q = fx_queue_conf("q1", HL_ROUTE_STRATEGY_SKILL_LEVEL);
	q.overflow = of;
	q.n_overflow = 1;
	fx_queue_set(&f, 0, &q);
	fx_agent(&f, 0, "top", 1, "q1", 10);
	fx_agent(&f, 0, "low", 1, "q1", 3);
	fx_avail(&f, 0, "top");
	fx_avail(&f, 0, "low");
	fx_contact(&f, 0, "c0", "q1");
	fx_accept(&f, 0, "top", "c0");
	fx_contact(&f, 1000, "c1", "q1");
	fx_expect(&f, "0 state top available; 0 state low available; 0 offer c0 top; 0 answer c0 top 0");
	assert_int_equal(hl_route_next_timer(f.r), 11000);
	fx_tick(&f, 11000);
	fx_expect(&f, "11000 overflow c1 lower_tiers; 11000 offer c1 low");
	fx_fini(&f);
}

static void test_bad_input(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.sl_pct = 101;
	assert_int_equal(hl_route_queue_set(f.r, 0, &q, &f.out), HL_E_INVALID);
	q = fx_queue_conf("a-very-long-queue-name-that-does-not-fit-in-sixty-three-bytes-at-all", Q_LI);
	assert_int_equal(hl_route_queue_set(f.r, 0, &q, &f.out), HL_E_TOOBIG);
	q = fx_queue_conf("", Q_LI);
	assert_int_equal(hl_route_queue_set(f.r, 0, &q, &f.out), HL_E_INVALID);
	q = fx_queue_conf("q1", (hl_route_strategy)42);
	assert_int_equal(hl_route_queue_set(f.r, 0, &q, &f.out), HL_E_INVALID);
	fx_queue(&f, 0, "q1", Q_LI);
	hl_route_skill sk = {.queue = "q9", .level = 5};
	hl_route_agent_conf a = {.id = "a1", .capacity = 1, .skills = &sk, .n_skills = 1};
	assert_int_equal(hl_route_agent_set(f.r, 0, &a, &f.out), HL_E_NOTFOUND);
	sk.queue = "q1";
	sk.level = 11;
	assert_int_equal(hl_route_agent_set(f.r, 0, &a, &f.out), HL_E_INVALID);
	sk.level = 10;
	a.capacity = 0;
	assert_int_equal(hl_route_agent_set(f.r, 0, &a, &f.out), HL_E_INVALID);
	fx_contact(&f, 1000, "c1", "q1");
	hl_route_contact_conf c = {.id = "c1", .queue = "q1"};
	assert_int_equal(hl_route_contact_add(f.r, 1000, &c, &f.out), HL_E_EXISTS);
	c.id = "c2";
	c.queue = "q9";
	assert_int_equal(hl_route_contact_add(f.r, 1000, &c, &f.out), HL_E_NOTFOUND);
	/* Time never goes back. */
	assert_int_equal(hl_route_tick(f.r, 999, &f.out), HL_E_INVALID);
	assert_int_equal(hl_route_accept(f.r, 2000, "a1", "c1", &f.out), HL_E_NOTFOUND);
	assert_int_equal(hl_route_agent_state(f.r, 2000, "zz", HL_ROUTE_STATE_AVAILABLE, NULL, &f.out),
			 HL_E_NOTFOUND);
	assert_int_equal(hl_route_end(f.r, 2000, "c1", &f.out), HL_E_STATE);
	fx_expect(&f, "");
	assert_string_equal(hl_route_strategy_name(HL_ROUTE_STRATEGY_SKILL_LEVEL), "skill_level");
	assert_int_equal(hl_route_strategy_parse("random"), HL_ROUTE_STRATEGY_RANDOM);
	assert_int_equal(hl_route_strategy_parse("fifo"), -1);
	assert_int_equal(hl_route_state_parse("not_ready"), HL_ROUTE_STATE_NOT_READY);
	assert_string_equal(hl_route_kind_name(HL_ROUTE_REQUEUE), "requeue");
	assert_int_equal(hl_route_queue_count(f.r), 1);
	assert_string_equal(hl_route_queue_id(f.r, 0), "q1");
	assert_null(hl_route_queue_id(f.r, 1));
	fx_fini(&f);
}

/* Changing a queue's priority re-orders its waiting contacts everywhere. */
static void test_queue_update(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	fx_queue(&f, 0, "q1", Q_LI);
	fx_queue(&f, 0, "q2", Q_LI);
	fx_agent2(&f, 0, "a1", "q1", 5, "q2", 5);
	fx_contact(&f, 1000, "c1", "q1");
	fx_contact(&f, 2000, "c2", "q2");
	hl_route_queue_conf q = fx_queue_conf("q2", Q_LI);
	q.priority = 1;
	fx_queue_set(&f, 3000, &q);
	fx_avail(&f, 4000, "a1");
	fx_expect(&f, "4000 state a1 available; 4000 offer c2 a1");
	fx_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contact_order),
		cmocka_unit_test(test_vip),
		cmocka_unit_test(test_queue_priority),
		cmocka_unit_test(test_max_len),
		cmocka_unit_test(test_max_wait),
		cmocka_unit_test(test_business_hours),
		cmocka_unit_test(test_hours_epoch),
		cmocka_unit_test(test_abandons),
		cmocka_unit_test(test_abandon_while_offered),
		cmocka_unit_test(test_service_level_counters),
		cmocka_unit_test(test_position_and_estimate),
		cmocka_unit_test(test_overflow_to_queue),
		cmocka_unit_test(test_overflow_lower_tiers),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_queue_update),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
