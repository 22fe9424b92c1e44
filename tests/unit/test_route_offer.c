/* Unit tests of offers, misses, declines, the preferred agent, wrap-up, capacity and agent state time. */
#include <math.h>

#include "test_route_fixture.h"

#define Q_LI HL_ROUTE_STRATEGY_LONGEST_IDLE

static void two_agents(fx *f, const hl_route_queue_conf *q)
{
	fx_queue_set(f, 0, q);
	fx_agent(f, 0, "a1", 1, "q1", 5);
	fx_agent(f, 0, "a2", 1, "q1", 5);
	fx_avail(f, 0, "a1");
	fx_avail(f, 0, "a2");
	fx_take(f);
}

static void test_offer_timeout(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI); /* 15 s to accept */
	two_agents(&f, &q);
	fx_contact(&f, 1000, "c1", "q1");
	fx_expect(&f, "1000 offer c1 a1");
	assert_int_equal(f.out.n, 0);
	assert_int_equal(hl_route_next_timer(f.r), 16000);
	/* The deadline is exclusive: an accept at 16000 is too late. */
	assert_int_equal(hl_route_accept(f.r, 16000, "a1", "c1", &f.out), HL_E_STATE);
	fx_expect(&f, "16000 timeout c1 a1; 16000 offer c1 a2");
	hl_route_agent_info info;
	assert_int_equal(hl_route_agent_info_get(f.r, "a1", 16000, &info), 0);
	assert_int_equal(info.missed, 1);
	fx_accept(&f, 20000, "a2", "c1");
	fx_expect(&f, "20000 answer c1 a2 19000");
	fx_fini(&f);
}

static void test_offer_deadline_in_decision(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.offer_timeout_s = 20;
	two_agents(&f, &q);
	fx_contact(&f, 1000, "c1", "q1");
	assert_int_equal(f.out.n, 1);
	assert_int_equal(f.out.v[0].deadline, 21000);
	assert_false(f.out.v[0].auto_accept);
	fx_fini(&f);
}

static void test_auto_accept(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.auto_accept = true;
	two_agents(&f, &q);
	fx_contact(&f, 1000, "c1", "q1");
	assert_true(f.out.v[0].auto_accept);
	fx_expect(&f, "1000 offer c1 a1; 1000 answer c1 a1 0");
	assert_int_equal(hl_route_next_timer(f.r), HL_ROUTE_NO_TIMER);
	fx_fini(&f);
}

/* A decline goes to the next agent; the decliner is not offered the same
 * contact again for reoffer_s (10 s); a decline is not a miss. */
static void test_decline(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.offer_timeout_s = 0; /* offers never run out */
	two_agents(&f, &q);
	fx_state(&f, 0, "a2", HL_ROUTE_STATE_NOT_READY, "lunch");
	fx_contact(&f, 1000, "c1", "q1");
	assert_int_equal(hl_route_decline(f.r, 2000, "a1", "c1", &f.out), 0);
	assert_int_equal(hl_route_decline(f.r, 2000, "a1", "c1", &f.out), HL_E_STATE);
	fx_expect(&f, "0 state a2 not_ready lunch; 1000 offer c1 a1");
	assert_int_equal(hl_route_next_timer(f.r), 12000);
	fx_avail(&f, 5000, "a2");
	fx_expect(&f, "5000 state a2 available; 5000 offer c1 a2");
	assert_int_equal(hl_route_decline(f.r, 6000, "a2", "c1", &f.out), 0);
	fx_tick(&f, 11999);
	fx_expect(&f, "");
	fx_tick(&f, 12000);
	fx_expect(&f, "12000 offer c1 a1");
	hl_route_agent_info info;
	assert_int_equal(hl_route_agent_info_get(f.r, "a1", 12000, &info), 0);
	assert_int_equal(info.missed, 0);
	fx_fini(&f);
}

/* K missed offers in a row: Not Ready (missed). An accept resets the count. */
static void test_missed_limit(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.missed_limit = 3;
	q.reoffer_s = 0; /* the same agent may be offered it again at once */
	fx_queue_set(&f, 0, &q);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_avail(&f, 0, "a1");
	fx_contact(&f, 0, "c1", "q1");
	fx_tick(&f, 15000);
	fx_accept(&f, 16000, "a1", "c1");
	fx_end(&f, 17000, "c1");
	fx_expect(&f, "0 state a1 available; 0 offer c1 a1; 15000 timeout c1 a1; 15000 offer c1 a1; "
		      "16000 answer c1 a1 16000");
	fx_contact(&f, 20000, "c2", "q1");
	fx_tick(&f, 100000);
	fx_expect(&f, "20000 offer c2 a1; 35000 timeout c2 a1; 35000 offer c2 a1; 50000 timeout c2 a1; "
		      "50000 offer c2 a1; 65000 timeout c2 a1; 65000 state a1 not_ready missed");
	hl_route_agent_info info;
	assert_int_equal(hl_route_agent_info_get(f.r, "a1", 100000, &info), 0);
	assert_int_equal(info.state, HL_ROUTE_STATE_NOT_READY);
	assert_string_equal(info.reason, "missed");
	assert_int_equal(info.since, 65000);
	assert_int_equal(info.missed, 3);
	/* Back: the count starts again. */
	fx_avail(&f, 100000, "a1");
	fx_expect(&f, "100000 state a1 available; 100000 offer c2 a1");
	assert_int_equal(hl_route_agent_info_get(f.r, "a1", 100000, &info), 0);
	assert_int_equal(info.missed, 0);
	fx_fini(&f);
}

/* A returning customer waits up to preferred_wait_s for their last agent. */
static void test_preferred_agent(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.preferred_wait_s = 20;
	two_agents(&f, &q);
	hl_route_contact_conf u1 = {.id = "c1", .queue = "q1", .customer = "u1"};
	fx_contact_conf(&f, 1000, &u1);
	fx_accept(&f, 1000, "a1", "c1");
	fx_end(&f, 2000, "c1");
	fx_contact(&f, 3000, "c2", "q1");
	fx_accept(&f, 3000, "a2", "c2");
	fx_contact(&f, 3500, "c3", "q1");
	fx_accept(&f, 3500, "a1", "c3");
	fx_expect(&f, "1000 offer c1 a1; 1000 answer c1 a1 0; 3000 offer c2 a2; 3000 answer c2 a2 0; "
		      "3500 offer c3 a1; 3500 answer c3 a1 0");
	/* u1 is back while a1 is busy; a2 frees up but the hold keeps it for a1. */
	u1.id = "c4";
	fx_contact_conf(&f, 4000, &u1);
	fx_end(&f, 5000, "c2");
	fx_expect(&f, "");
	assert_int_equal(hl_route_next_timer(f.r), 24000);
	fx_end(&f, 10000, "c3");
	fx_expect(&f, "10000 offer c4 a1");
	/* Again, and a1 does not free up in time: after 20 s anyone. */
	fx_accept(&f, 10000, "a1", "c4");
	u1.id = "c5";
	fx_contact_conf(&f, 11000, &u1);
	fx_tick(&f, 40000);
	fx_expect(&f, "10000 answer c4 a1 6000; 31000 offer c5 a2");
	fx_fini(&f);
}

/* The caller may name the last agent; it beats the strategy's choice. */
static void test_last_agent_given(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.preferred_wait_s = 30;
	two_agents(&f, &q);
	hl_route_contact_conf c = {.id = "c1", .queue = "q1", .customer = "u9", .last_agent = "a2"};
	fx_contact_conf(&f, 1000, &c);
	fx_expect(&f, "1000 offer c1 a2");
	/* Without preferred_wait_s the strategy decides. */
	hl_route_queue_conf q2 = fx_queue_conf("q2", Q_LI);
	fx_queue_set(&f, 1000, &q2);
	fx_agent2(&f, 1000, "a3", "q2", 5, "q1", 5);
	fx_agent2(&f, 1000, "a4", "q2", 5, "q1", 5);
	fx_avail(&f, 1000, "a3");
	fx_avail(&f, 1000, "a4");
	fx_take(&f);
	hl_route_contact_conf d = {.id = "c2", .queue = "q2", .last_agent = "a4"};
	fx_contact_conf(&f, 2000, &d);
	fx_expect(&f, "2000 offer c2 a3");
	fx_fini(&f);
}

/* u1 was answered by a1; a1 and a2 are busy; u1 is back (c4) and held for
 * a1; a2 frees up at 5000 and must leave c4 alone. */
static void hold_set_up(fx *f)
{
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.preferred_wait_s = 20;
	two_agents(f, &q);
	fx_queue(f, 0, "q2", Q_LI);
	hl_route_contact_conf c = {.id = "c1", .queue = "q1", .customer = "u1"};
	fx_contact_conf(f, 1000, &c);
	fx_accept(f, 1000, "a1", "c1");
	fx_end(f, 2000, "c1");
	fx_contact(f, 3000, "c2", "q1");
	fx_accept(f, 3000, "a2", "c2");
	fx_contact(f, 3500, "c3", "q1");
	fx_accept(f, 3500, "a1", "c3");
	fx_take(f);
}

/* The hold ends at once when the held-for agent's client vanishes. */
static void test_hold_ends_on_disconnect(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hold_set_up(&f);
	hl_route_contact_conf c = {.id = "c4", .queue = "q1", .customer = "u1"};
	fx_contact_conf(&f, 4000, &c);
	fx_end(&f, 5000, "c2");
	fx_expect(&f, "");
	assert_int_equal(hl_route_agent_disconnect(f.r, 6000, "a1", &f.out), 0);
	fx_expect(&f, "6000 offer c4 a2");
	fx_fini(&f);
}

/* ... and when the agent no longer serves the queue. */
static void test_hold_ends_on_reskill(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hold_set_up(&f);
	hl_route_contact_conf c = {.id = "c4", .queue = "q1", .customer = "u1"};
	fx_contact_conf(&f, 4000, &c);
	fx_end(&f, 5000, "c2");
	fx_agent(&f, 6000, "a1", 1, "q2", 5);
	fx_expect(&f, "6000 offer c4 a2");
	fx_fini(&f);
}

/* An agent reconnecting starts the hold again; it still ends on time. */
static void test_hold_resumes_on_reconnect(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hold_set_up(&f);
	assert_int_equal(hl_route_agent_disconnect(f.r, 3800, "a1", &f.out), 0);
	hl_route_contact_conf c = {.id = "c4", .queue = "q1", .customer = "u1"};
	fx_contact_conf(&f, 4000, &c);
	assert_int_equal(hl_route_agent_reconnect(f.r, 4500, "a1", &f.out), 0);
	fx_end(&f, 5000, "c2");
	fx_expect(&f, "");
	fx_tick(&f, 30000);
	fx_expect(&f, "24000 offer c4 a2");
	fx_fini(&f);
}

static void test_wrap_up(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.wrap_up_s = 30;
	fx_queue_set(&f, 0, &q);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_avail(&f, 0, "a1");
	fx_contact(&f, 1000, "c1", "q1");
	fx_accept(&f, 1000, "a1", "c1");
	fx_end(&f, 11000, "c1");
	fx_contact(&f, 20000, "c2", "q1");
	fx_expect(&f, "0 state a1 available; 1000 offer c1 a1; 1000 answer c1 a1 0; 11000 state a1 wrap_up");
	hl_route_agent_info info;
	assert_int_equal(hl_route_agent_info_get(f.r, "a1", 20000, &info), 0);
	assert_int_equal(info.state, HL_ROUTE_STATE_WRAP_UP);
	assert_int_equal(info.since, 11000);
	assert_int_equal(info.wrapping, 1);
	/* Not handled yet: it counts when the wrap-up ends. */
	assert_int_equal(hl_route_queue_counters(f.r, "q1")->handled, 0);
	assert_int_equal(hl_route_next_timer(f.r), 41000);
	fx_tick(&f, 41000);
	fx_expect(&f, "41000 wrapup_end a1 c1; 41000 state a1 available; 41000 offer c2 a1");
	const hl_metrics_counters *m = hl_route_queue_counters(f.r, "q1");
	assert_int_equal(m->handled, 1);
	assert_int_equal(m->talk_ms, 10000);
	assert_int_equal(m->wrap_ms, 30000);
	assert_true(fabs(hl_metrics_aht_s(m) - 40.0) < 1e-9);
	fx_fini(&f);
}

/* Wrap-up ends early on wrapup_done, or when the agent says Available. */
static void test_wrap_up_early(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.wrap_up_s = 60;
	q.auto_accept = true;
	fx_queue_set(&f, 0, &q);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_avail(&f, 0, "a1");
	fx_contact(&f, 1000, "c1", "q1");
	fx_end(&f, 2000, "c1");
	assert_int_equal(hl_route_wrapup_done(f.r, 6000, "a1", &f.out), 0);
	assert_int_equal(hl_route_wrapup_done(f.r, 6000, "a1", &f.out), HL_E_STATE);
	fx_contact(&f, 7000, "c2", "q1");
	fx_end(&f, 8000, "c2");
	fx_avail(&f, 9000, "a1");
	fx_expect(&f, "0 state a1 available; 1000 offer c1 a1; 1000 answer c1 a1 0; 2000 state a1 wrap_up; "
		      "6000 wrapup_end a1 c1; 6000 state a1 available; 7000 offer c2 a1; 7000 answer c2 a1 0; "
		      "8000 state a1 wrap_up; 9000 wrapup_end a1 c2; 9000 state a1 available");
	const hl_metrics_counters *m = hl_route_queue_counters(f.r, "q1");
	assert_int_equal(m->wrap_ms, 4000 + 1000);
	/* Not Ready during wrap-up: the wrap-up still ends on time. */
	fx_contact(&f, 10000, "c3", "q1");
	fx_end(&f, 11000, "c3");
	fx_state(&f, 12000, "a1", HL_ROUTE_STATE_NOT_READY, "break");
	fx_tick(&f, 71000);
	fx_expect(&f, "10000 offer c3 a1; 10000 answer c3 a1 0; 11000 state a1 wrap_up; "
		      "12000 state a1 not_ready break; 71000 wrapup_end a1 c3");
	fx_fini(&f);
}

/* Capacity: an agent holds several contacts; a wrap-up holds one slot. */
static void test_capacity(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.wrap_up_s = 30;
	q.auto_accept = true;
	fx_queue_set(&f, 0, &q);
	fx_agent(&f, 0, "a1", 3, "q1", 5);
	fx_avail(&f, 0, "a1");
	fx_contact(&f, 1000, "c1", "q1");
	fx_contact(&f, 1000, "c2", "q1");
	fx_contact(&f, 1000, "c3", "q1");
	fx_contact(&f, 1000, "c4", "q1");
	fx_expect(&f, "0 state a1 available; 1000 offer c1 a1; 1000 answer c1 a1 0; "
		      "1000 offer c2 a1; 1000 answer c2 a1 0; 1000 offer c3 a1; 1000 answer c3 a1 0");
	fx_end(&f, 5000, "c1");
	fx_expect(&f, "5000 state a1 wrap_up");
	fx_end(&f, 6000, "c2");
	/* Two slots in wrap-up, one in conversation: full until 35000. */
	fx_tick(&f, 34999);
	fx_expect(&f, "");
	fx_tick(&f, 36000);
	fx_expect(&f, "35000 wrapup_end a1 c1; 35000 offer c4 a1; 35000 answer c4 a1 34000; "
		      "36000 wrapup_end a1 c2; 36000 state a1 available");
	hl_route_agent_info info;
	assert_int_equal(hl_route_agent_info_get(f.r, "a1", 36000, &info), 0);
	assert_int_equal(info.active, 2);
	assert_int_equal(info.capacity, 3);
	fx_fini(&f);
}

/* Offers to an agent who steps away are withdrawn and go on. */
static void test_offer_withdrawn(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	two_agents(&f, &q);
	fx_state(&f, 0, "a2", HL_ROUTE_STATE_NOT_READY, "training");
	fx_contact(&f, 1000, "c1", "q1");
	fx_state(&f, 2000, "a1", HL_ROUTE_STATE_NOT_READY, "break");
	fx_avail(&f, 3000, "a2");
	fx_expect(&f, "0 state a2 not_ready training; 1000 offer c1 a1; 2000 state a1 not_ready break; "
		      "2000 cancel c1 a1 not_ready; 3000 state a2 available; 3000 offer c1 a2");
	hl_route_agent_info info;
	assert_int_equal(hl_route_agent_info_get(f.r, "a1", 3000, &info), 0);
	assert_int_equal(info.missed, 0);
	fx_fini(&f);
}

/* Time in state, and the occupancy and utilization built on it. */
static void test_state_time(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	fx_queue(&f, 0, "q1", Q_LI);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_avail(&f, 0, "a1");
	fx_contact(&f, 10000, "c1", "q1");
	fx_accept(&f, 10000, "a1", "c1");
	fx_end(&f, 40000, "c1");
	fx_state(&f, 50000, "a1", HL_ROUTE_STATE_NOT_READY, "meeting");
	fx_state(&f, 60000, "a1", HL_ROUTE_STATE_OFFLINE, NULL);
	hl_metrics_counters c;
	assert_int_equal(hl_route_agent_counters(f.r, "a1", 70000, &c), 0);
	assert_int_equal(c.logged_in_ms, 60000);
	assert_int_equal(c.busy_ms, 30000);
	assert_int_equal(c.idle_ms, 20000);
	assert_int_equal(c.meeting_ms, 10000);
	assert_int_equal(c.answered, 1);
	assert_int_equal(c.handled, 1);
	/* 30 ÷ (30 + 20) = 60%; 30 ÷ 60 = 50%; without the meeting 30 ÷ 50. */
	assert_true(fabs(hl_metrics_occupancy(&c) - 60.0) < 1e-9);
	assert_true(fabs(hl_metrics_utilization(&c, HL_METRICS_UTIL_ALL) - 50.0) < 1e-9);
	assert_true(fabs(hl_metrics_utilization(&c, HL_METRICS_UTIL_NO_MEETINGS) - 60.0) < 1e-9);
	hl_route_agent_info info;
	assert_int_equal(hl_route_agent_info_get(f.r, "a1", 70000, &info), 0);
	assert_int_equal(info.state, HL_ROUTE_STATE_OFFLINE);
	assert_int_equal(info.since, 60000);
	/* The open stretch counts up to the query time. */
	fx_avail(&f, 80000, "a1");
	assert_int_equal(hl_route_agent_counters(f.r, "a1", 95000, &c), 0);
	assert_int_equal(c.idle_ms, 35000);
	assert_int_equal(c.logged_in_ms, 75000);
	fx_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offer_timeout),
		cmocka_unit_test(test_offer_deadline_in_decision),
		cmocka_unit_test(test_auto_accept),
		cmocka_unit_test(test_decline),
		cmocka_unit_test(test_missed_limit),
		cmocka_unit_test(test_preferred_agent),
		cmocka_unit_test(test_last_agent_given),
		cmocka_unit_test(test_hold_ends_on_disconnect),
		cmocka_unit_test(test_hold_ends_on_reskill),
		cmocka_unit_test(test_hold_resumes_on_reconnect),
		cmocka_unit_test(test_wrap_up),
		cmocka_unit_test(test_wrap_up_early),
		cmocka_unit_test(test_capacity),
		cmocka_unit_test(test_offer_withdrawn),
		cmocka_unit_test(test_state_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
