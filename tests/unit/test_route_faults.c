/* Unit tests of faults and moves: agent disconnect and grace, transfers, region affinity, timers. */
#include "test_route_fixture.h"

#define Q_LI HL_ROUTE_STRATEGY_LONGEST_IDLE

/* a1 holds c1 (joined 1000), a2 holds c2; c3 and c4 wait. */
static void busy_floor(fx *f, const hl_route_queue_conf *q)
{
	fx_queue_set(f, 0, q);
	fx_agent(f, 0, "a1", 1, "q1", 5);
	fx_agent(f, 0, "a2", 1, "q1", 5);
	fx_avail(f, 0, "a1");
	fx_avail(f, 0, "a2");
	fx_contact(f, 1000, "c1", "q1");
	fx_accept(f, 1000, "a1", "c1");
	fx_contact(f, 2000, "c2", "q1");
	fx_accept(f, 2000, "a2", "c2");
	fx_contact(f, 3000, "c3", "q1");
	fx_contact(f, 4000, "c4", "q1");
	fx_take(f);
}

/* A vanished agent's contact goes back to the head of its queue after the
 * grace period (30 s); the agent goes Offline. */
static void test_grace_requeue(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	busy_floor(&f, &q);
	assert_int_equal(hl_route_agent_disconnect(f.r, 5000, "a1", &f.out), 0);
	assert_int_equal(hl_route_agent_disconnect(f.r, 5000, "a1", &f.out), HL_E_STATE);
	fx_expect(&f, "");
	assert_int_equal(hl_route_next_timer(f.r), 35000);
	fx_tick(&f, 35000);
	fx_expect(&f, "35000 requeue c1 a1 grace; 35000 state a1 offline disconnected");
	/* c1 kept its join time (1000): ahead of c3 (3000). */
	hl_route_contact_info ci;
	assert_int_equal(hl_route_contact_info_get(f.r, "c1", 35000, &ci), 0);
	assert_int_equal(ci.status, HL_ROUTE_CONTACT_WAITING);
	assert_int_equal(ci.position, 1);
	assert_int_equal(ci.join, 1000);
	fx_end(&f, 36000, "c2");
	fx_expect(&f, "36000 offer c1 a2");
	/* Answered once already: the second answer is not counted again. */
	fx_accept(&f, 36000, "a2", "c1");
	fx_expect(&f, "36000 answer c1 a2 35000");
	assert_int_equal(hl_route_queue_counters(f.r, "q1")->answered, 2);
	fx_fini(&f);
}

static void test_reconnect_in_time(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	busy_floor(&f, &q);
	assert_int_equal(hl_route_agent_disconnect(f.r, 5000, "a1", &f.out), 0);
	assert_int_equal(hl_route_agent_reconnect(f.r, 20000, "a1", &f.out), 0);
	assert_int_equal(hl_route_agent_reconnect(f.r, 20000, "a1", &f.out), HL_E_STATE);
	fx_tick(&f, 100000);
	fx_expect(&f, "");
	hl_route_contact_info ci;
	assert_int_equal(hl_route_contact_info_get(f.r, "c1", 100000, &ci), 0);
	assert_int_equal(ci.status, HL_ROUTE_CONTACT_ACTIVE);
	hl_route_agent_info info;
	assert_int_equal(hl_route_agent_info_get(f.r, "a1", 100000, &info), 0);
	assert_true(info.connected);
	assert_int_equal(info.state, HL_ROUTE_STATE_AVAILABLE);
	/* Routing resumes: c1 ends, a1 takes c3. */
	fx_end(&f, 101000, "c1");
	fx_expect(&f, "101000 offer c3 a1");
	fx_fini(&f);
}

/* A queue's own grace_s applies to its contacts; the engine's to the agent. */
static void test_queue_grace(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.grace_s = 10;
	busy_floor(&f, &q);
	assert_int_equal(hl_route_agent_disconnect(f.r, 5000, "a1", &f.out), 0);
	fx_tick(&f, 40000);
	fx_expect(&f, "15000 requeue c1 a1 grace; 35000 state a1 offline disconnected");
	/* Back after going Offline: stays Offline until the agent says so. */
	assert_int_equal(hl_route_agent_reconnect(f.r, 41000, "a1", &f.out), 0);
	fx_expect(&f, "");
	fx_avail(&f, 42000, "a1");
	fx_expect(&f, "42000 state a1 available; 42000 offer c1 a1");
	fx_fini(&f);
}

/* An offer in flight to a vanishing agent is withdrawn at once. */
static void test_disconnect_withdraws_offer(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	fx_queue(&f, 0, "q1", Q_LI);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_agent(&f, 0, "a2", 1, "q1", 5);
	fx_avail(&f, 0, "a1");
	fx_contact(&f, 1000, "c1", "q1");
	fx_avail(&f, 1500, "a2");
	assert_int_equal(hl_route_agent_disconnect(f.r, 2000, "a1", &f.out), 0);
	fx_expect(&f, "0 state a1 available; 1000 offer c1 a1; 1500 state a2 available; "
		      "2000 cancel c1 a1 disconnect; 2000 offer c1 a2");
	hl_route_agent_info info;
	assert_int_equal(hl_route_agent_info_get(f.r, "a1", 2000, &info), 0);
	assert_false(info.connected);
	assert_int_equal(info.missed, 0);
	/* No offer goes to a disconnected agent. */
	fx_contact(&f, 3000, "c2", "q1");
	fx_expect(&f, "");
	fx_fini(&f);
}

static void test_transfer_to_queue(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q1 = fx_queue_conf("q1", Q_LI);
	q1.wrap_up_s = 30;
	fx_queue_set(&f, 0, &q1);
	hl_route_queue_conf q2 = fx_queue_conf("q2", Q_LI);
	q2.max_len = 1;
	fx_queue_set(&f, 0, &q2);
	hl_route_interval never[] = {{0, 1}};
	hl_route_queue_conf shut = fx_queue_conf("shut", Q_LI);
	shut.open = never;
	shut.n_open = 1;
	fx_queue_set(&f, 0, &shut);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_agent2(&f, 0, "a2", "q2", 5, "q1", 5);
	fx_avail(&f, 0, "a1");
	fx_contact(&f, 1000, "c1", "q1");
	fx_accept(&f, 1000, "a1", "c1");
	fx_take(&f);
	assert_int_equal(hl_route_transfer_queue(f.r, 2000, "c1", "shut", &f.out), HL_E_CLOSED);
	fx_contact(&f, 2000, "x", "q2");
	assert_int_equal(hl_route_transfer_queue(f.r, 2000, "c1", "q2", &f.out), HL_E_STATE);
	assert_int_equal(hl_route_abandon(f.r, 2000, "x", &f.out), 0);
	fx_take(&f);
	assert_int_equal(hl_route_transfer_queue(f.r, 5000, "c1", "q2", &f.out), 0);
	fx_avail(&f, 6000, "a2");
	fx_accept(&f, 6000, "a2", "c1");
	fx_expect(&f, "5000 state a1 wrap_up; 6000 state a2 available; 6000 offer c1 a2; 6000 answer c1 a2 1000");
	/* q1 handled the first part (after a1's wrap-up); q2 counts an arrival. */
	fx_tick(&f, 35000);
	fx_expect(&f, "35000 wrapup_end a1 c1; 35000 state a1 available");
	assert_int_equal(hl_route_queue_counters(f.r, "q1")->handled, 1);
	assert_int_equal(hl_route_queue_counters(f.r, "q2")->offered, 2);
	assert_int_equal(hl_route_queue_counters(f.r, "q2")->answered, 1);
	assert_int_equal(hl_route_transfer_queue(f.r, 36000, "nope", "q2", &f.out), HL_E_NOTFOUND);
	fx_fini(&f);
}

/* To an agent: first in line for their next free slot; declined, it goes
 * back to its queue at the place of the transfer time. */
static void test_transfer_to_agent(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	busy_floor(&f, &q);
	assert_int_equal(hl_route_transfer_agent(f.r, 5000, "c1", "a1", &f.out), HL_E_STATE);
	assert_int_equal(hl_route_transfer_agent(f.r, 5000, "c1", "a2", &f.out), 0);
	/* a1 is free: it takes c3 from the queue. */
	fx_expect(&f, "5000 offer c3 a1");
	hl_route_contact_info ci;
	assert_int_equal(hl_route_contact_info_get(f.r, "c1", 5000, &ci), 0);
	assert_int_equal(ci.status, HL_ROUTE_CONTACT_DIRECTED);
	assert_string_equal(ci.agent, "a2");
	/* a2 frees up: the transfer beats c4, which waited longer. */
	fx_end(&f, 8000, "c2");
	fx_expect(&f, "8000 offer c1 a2");
	assert_int_equal(hl_route_decline(f.r, 9000, "a2", "c1", &f.out), 0);
	fx_expect(&f, "9000 requeue c1 a2 transfer_declined; 9000 offer c4 a2");
	assert_int_equal(hl_route_contact_info_get(f.r, "c1", 9000, &ci), 0);
	assert_int_equal(ci.status, HL_ROUTE_CONTACT_WAITING);
	assert_int_equal(ci.join, 5000);
	fx_fini(&f);
}

static void test_transfer_target_offline(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	busy_floor(&f, &q);
	fx_state(&f, 5000, "a2", HL_ROUTE_STATE_OFFLINE, NULL);
	assert_int_equal(hl_route_transfer_agent(f.r, 6000, "c1", "a2", &f.out), HL_E_STATE);
	/* Directed to a2 while busy, then a2 logs out: back to the queue. */
	fx_avail(&f, 7000, "a2");
	assert_int_equal(hl_route_transfer_agent(f.r, 8000, "c1", "a2", &f.out), 0);
	fx_state(&f, 9000, "a2", HL_ROUTE_STATE_OFFLINE, NULL);
	fx_expect(&f, "5000 state a2 offline; 7000 state a2 available; 8000 offer c3 a1; "
		      "9000 state a2 offline; 9000 requeue c1 a2 agent_offline");
	assert_int_equal(hl_route_abandon(f.r, 9500, "c1", &f.out), 0);
	fx_expect(&f, "9500 abandon c1 1500 short");
	/* c1 was answered before: not an abandon in the figures. */
	assert_int_equal(hl_route_queue_counters(f.r, "q1")->abandoned, 0);
	fx_fini(&f);
}

/* Region affinity: the contact's own region first; after tier_wait_s
 * (30 s), anyone; at once when no agent of its region is logged in. */
static void test_region_affinity(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.region_affinity = true;
	fx_queue_set(&f, 0, &q);
	hl_route_skill sk = {.queue = "q1", .level = 5};
	hl_route_agent_conf north = {.id = "n1", .capacity = 1, .region = "north", .skills = &sk, .n_skills = 1};
	hl_route_agent_conf south = {.id = "s1", .capacity = 1, .region = "south", .skills = &sk, .n_skills = 1};
	assert_int_equal(hl_route_agent_set(f.r, 0, &north, &f.out), 0);
	assert_int_equal(hl_route_agent_set(f.r, 0, &south, &f.out), 0);
	fx_avail(&f, 0, "n1");
	fx_avail(&f, 0, "s1");
	fx_take(&f);
	hl_route_contact_conf c1 = {.id = "c1", .queue = "q1", .region = "south"};
	fx_contact_conf(&f, 1000, &c1);
	fx_expect(&f, "1000 offer c1 s1");
	fx_accept(&f, 1000, "s1", "c1");
	hl_route_contact_conf c2 = {.id = "c2", .queue = "q1", .region = "south"};
	fx_contact_conf(&f, 2000, &c2);
	fx_expect(&f, "1000 answer c1 s1 0");
	assert_int_equal(hl_route_next_timer(f.r), 32000);
	fx_tick(&f, 32000);
	fx_expect(&f, "32000 offer c2 n1");
	/* No one of region east is logged in: no wait. */
	fx_end(&f, 33000, "c1");
	fx_take(&f);
	hl_route_contact_conf c3 = {.id = "c3", .queue = "q1", .region = "east"};
	fx_contact_conf(&f, 34000, &c3);
	fx_expect(&f, "34000 offer c3 s1");
	fx_fini(&f);
}

/* Without region affinity the region is ignored. */
static void test_region_off(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	fx_queue(&f, 0, "q1", Q_LI);
	hl_route_skill sk = {.queue = "q1", .level = 5};
	hl_route_agent_conf north = {.id = "n1", .capacity = 1, .region = "north", .skills = &sk, .n_skills = 1};
	hl_route_agent_conf south = {.id = "s1", .capacity = 1, .region = "south", .skills = &sk, .n_skills = 1};
	assert_int_equal(hl_route_agent_set(f.r, 0, &north, &f.out), 0);
	assert_int_equal(hl_route_agent_set(f.r, 0, &south, &f.out), 0);
	fx_avail(&f, 0, "n1");
	fx_avail(&f, 0, "s1");
	fx_take(&f);
	hl_route_contact_conf c1 = {.id = "c1", .queue = "q1", .region = "south"};
	fx_contact_conf(&f, 1000, &c1);
	fx_expect(&f, "1000 offer c1 n1");
	fx_fini(&f);
}

/* Agents' skills can change while they work. */
static void test_agent_update(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	fx_queue(&f, 0, "q1", Q_LI);
	fx_queue(&f, 0, "q2", Q_LI);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_avail(&f, 0, "a1");
	fx_contact(&f, 1000, "c1", "q2");
	fx_expect(&f, "0 state a1 available");
	fx_agent(&f, 2000, "a1", 1, "q2", 5);
	fx_expect(&f, "2000 offer c1 a1");
	hl_route_queue_stats st;
	assert_int_equal(hl_route_queue_stats_get(f.r, "q1", 2000, &st), 0);
	assert_int_equal(st.agents[HL_ROUTE_STATE_AVAILABLE], 0);
	assert_int_equal(hl_route_queue_stats_get(f.r, "q2", 2000, &st), 0);
	assert_int_equal(st.agents[HL_ROUTE_STATE_AVAILABLE], 1);
	fx_fini(&f);
}

/* Timers fire at their own times whatever the tick granularity; the
 * next timer is always reported. */
static void test_timers(void **state)
{
	(void)state;
	fx f;
	fx_init(&f, 1);
	assert_int_equal(hl_route_next_timer(f.r), HL_ROUTE_NO_TIMER);
	hl_route_queue_conf q = fx_queue_conf("q1", Q_LI);
	q.max_wait_s = 100;
	fx_queue_set(&f, 0, &q);
	fx_agent(&f, 0, "a1", 1, "q1", 5);
	fx_avail(&f, 0, "a1");
	fx_contact(&f, 0, "c1", "q1");
	fx_contact(&f, 0, "c2", "q1");
	assert_int_equal(hl_route_next_timer(f.r), 15000);
	/* One late tick: three misses (the third makes a1 Not Ready), then
	 * the maximum wait at 100 s. Timers due at the same time fire in the
	 * order they were set. */
	fx_tick(&f, 500000);
	fx_expect(&f, "0 state a1 available; 0 offer c1 a1; 15000 timeout c1 a1; 15000 offer c2 a1; "
		      "30000 timeout c2 a1; 30000 offer c1 a1; "
		      "45000 timeout c1 a1; 45000 state a1 not_ready missed; "
		      "100000 leave c2 max_wait; 100000 leave c1 max_wait");
	assert_int_equal(hl_route_next_timer(f.r), HL_ROUTE_NO_TIMER);
	fx_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grace_requeue),
		cmocka_unit_test(test_reconnect_in_time),
		cmocka_unit_test(test_queue_grace),
		cmocka_unit_test(test_disconnect_withdraws_offer),
		cmocka_unit_test(test_transfer_to_queue),
		cmocka_unit_test(test_transfer_to_agent),
		cmocka_unit_test(test_transfer_target_offline),
		cmocka_unit_test(test_region_affinity),
		cmocka_unit_test(test_region_off),
		cmocka_unit_test(test_agent_update),
		cmocka_unit_test(test_timers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
