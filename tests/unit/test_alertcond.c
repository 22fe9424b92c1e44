/* Unit tests of server/alertcond.c: each alert condition opens when its
 * threshold is crossed and closes when it is not any more, at the exact
 * boundaries; the service level's margin holds an open alert; the
 * [alerts] keys of broker.ini are read strictly. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "alertcond.h"

static hl_alert_conf conf(void)
{
	hl_alert_conf c;

	hl_alertcond_defaults(&c);
	return c;
}

/* Walks a queue's figure through values and returns the edges seen, one
 * letter each: o open, c close, - nothing. */
static void walk_sl(const hl_alert_conf *c, const double *sl, int n, char *edges)
{
	bool open = false;

	for (int i = 0; i < n; i++) {
		hl_alert_queue_obs o = {.sl30_pct = sl[i], .offered30 = 10, .target_pct = 80};
		double v, t;
		hl_alert_edge e = hl_alertcond_edge(open, hl_alertcond_queue(c, HL_ALERT_SL, &o, open,
									     &v, &t));
		edges[i] = e == HL_ALERT_OPEN ? 'o' : e == HL_ALERT_CLOSE ? 'c' : '-';
		open = e == HL_ALERT_OPEN ? true : e == HL_ALERT_CLOSE ? false : open;
	}
	edges[n] = 0;
}

static void test_off_by_default(void **state)
{
	(void)state;
	hl_alert_conf c = conf();
	hl_alert_queue_obs q = {.sl30_pct = 0, .offered30 = 50, .target_pct = 80, .waiting = 999,
				.longest_wait_ms = 86400000};
	hl_alert_agent_obs a = {.state = HL_ALERT_AGENT_NOT_READY, .in_state_ms = 86400000};
	double v, t;

	assert_false(hl_alertcond_any(&c));
	for (int k = 0; k < HL_ALERT_KIND_COUNT; k++) {
		assert_false(hl_alertcond_queue(&c, (hl_alert_kind)k, &q, false, &v, &t));
		assert_false(hl_alertcond_agent(&c, (hl_alert_kind)k, &a, &v, &t));
	}
	assert_false(hl_alertcond_rating(&c, HL_ALERT_CSAT, 1));
	assert_false(hl_alertcond_rating(&c, HL_ALERT_NPS, 0));
}

/* Under target opens, back at target closes; exactly the target is met. */
static void test_sl_edges(void **state)
{
	(void)state;
	hl_alert_conf c = conf();
	const double sl[] = {90, 80, 79.9, 70, 79.9, 80, 85, 60};
	char e[16];

	c.sl = true;
	walk_sl(&c, sl, 8, e);
	assert_string_equal(e, "--o--c-o");
}

/* With a margin of 5 points an open alert holds until 85: a level that
 * wobbles about the target opens once, not at every wobble. */
static void test_sl_margin_is_hysteresis(void **state)
{
	(void)state;
	hl_alert_conf c = conf();
	const double sl[] = {79, 81, 79, 84.9, 85, 79};
	char e[16];

	c.sl = true;
	c.sl_margin = 5;
	walk_sl(&c, sl, 6, e);
	assert_string_equal(e, "o---co");
	c.sl_margin = 0;
	walk_sl(&c, sl, 6, e);
	assert_string_equal(e, "ococ-o");
}

/* Nothing offered (undefined) or too few offered: no judgement, and an
 * open alert closes. */
static void test_sl_undefined_or_few(void **state)
{
	(void)state;
	hl_alert_conf c = conf();
	hl_alert_queue_obs o = {.sl30_pct = NAN, .offered30 = 0, .target_pct = 80};
	double v = -1, t = -1;

	c.sl = true;
	assert_false(hl_alertcond_queue(&c, HL_ALERT_SL, &o, false, &v, &t));
	assert_int_equal(hl_alertcond_edge(true, false), HL_ALERT_CLOSE);
	c.sl_min_offered = 5;
	o.sl30_pct = 0;
	o.offered30 = 4;
	assert_false(hl_alertcond_queue(&c, HL_ALERT_SL, &o, false, &v, &t));
	o.offered30 = 5;
	assert_true(hl_alertcond_queue(&c, HL_ALERT_SL, &o, false, &v, &t));
	assert_true(v == 0 && t == 80);
}

/* More than N waiting: N itself is not over. */
static void test_waiting_over(void **state)
{
	(void)state;
	hl_alert_conf c = conf();
	hl_alert_queue_obs o = {.waiting = 3};
	double v, t;

	c.waiting_over = 3;
	assert_false(hl_alertcond_queue(&c, HL_ALERT_WAITING, &o, false, &v, &t));
	o.waiting = 4;
	assert_true(hl_alertcond_queue(&c, HL_ALERT_WAITING, &o, false, &v, &t));
	assert_true(v == 4 && t == 3);
	assert_int_equal(hl_alertcond_edge(false, true), HL_ALERT_OPEN);
	assert_int_equal(hl_alertcond_edge(true, true), HL_ALERT_STAY);
	o.waiting = 3;  /* one answered: back to N, the alert closes */
	assert_int_equal(hl_alertcond_edge(true, hl_alertcond_queue(&c, HL_ALERT_WAITING, &o, true,
								   &v, &t)),
			 HL_ALERT_CLOSE);
}

/* The longest wait over S seconds, to the millisecond. */
static void test_longest_wait(void **state)
{
	(void)state;
	hl_alert_conf c = conf();
	hl_alert_queue_obs o = {.waiting = 1, .longest_wait_ms = 60000};
	double v, t;

	c.longest_wait_s = 60;
	assert_false(hl_alertcond_queue(&c, HL_ALERT_LONGEST_WAIT, &o, false, &v, &t));
	o.longest_wait_ms = 60001;
	assert_true(hl_alertcond_queue(&c, HL_ALERT_LONGEST_WAIT, &o, false, &v, &t));
	assert_true(v == 60 && t == 60);
	o.longest_wait_ms = 0;  /* answered: nobody waits */
	assert_false(hl_alertcond_queue(&c, HL_ALERT_LONGEST_WAIT, &o, true, &v, &t));
}

/* Not Ready and wrap-up longer than M minutes; a state change ends it. */
static void test_agent_state_too_long(void **state)
{
	(void)state;
	hl_alert_conf c = conf();
	hl_alert_agent_obs a = {.state = HL_ALERT_AGENT_NOT_READY, .in_state_ms = 15 * 60000};
	double v, t;

	c.not_ready_min = 15;
	c.wrap_up_min = 5;
	assert_false(hl_alertcond_agent(&c, HL_ALERT_NOT_READY, &a, &v, &t));
	a.in_state_ms += 1;
	assert_true(hl_alertcond_agent(&c, HL_ALERT_NOT_READY, &a, &v, &t));
	assert_true(v == 15 && t == 15);
	assert_false(hl_alertcond_agent(&c, HL_ALERT_WRAP_UP, &a, &v, &t));
	a.state = HL_ALERT_AGENT_OTHER;   /* available again */
	assert_false(hl_alertcond_agent(&c, HL_ALERT_NOT_READY, &a, &v, &t));
	a.state = HL_ALERT_AGENT_WRAP_UP;
	a.in_state_ms = 5 * 60000 + 1;
	assert_true(hl_alertcond_agent(&c, HL_ALERT_WRAP_UP, &a, &v, &t));
	assert_false(hl_alertcond_agent(&c, HL_ALERT_NOT_READY, &a, &v, &t));
	/* Agent kinds are not a queue's, and the other way round. */
	hl_alert_queue_obs q = {.waiting = 100};
	c.waiting_over = 1;
	assert_false(hl_alertcond_agent(&c, HL_ALERT_WAITING, &a, &v, &t));
	assert_false(hl_alertcond_queue(&c, HL_ALERT_WRAP_UP, &q, false, &v, &t));
}

/* CSAT 1-2 and NPS 0-6 are bad ratings; none given is not. */
static void test_ratings(void **state)
{
	(void)state;
	hl_alert_conf c = conf();

	c.csat_low = c.nps_low = true;
	assert_false(hl_alertcond_rating(&c, HL_ALERT_CSAT, 0));
	assert_true(hl_alertcond_rating(&c, HL_ALERT_CSAT, 1));
	assert_true(hl_alertcond_rating(&c, HL_ALERT_CSAT, 2));
	assert_false(hl_alertcond_rating(&c, HL_ALERT_CSAT, 3));
	assert_false(hl_alertcond_rating(&c, HL_ALERT_CSAT, 6));
	assert_false(hl_alertcond_rating(&c, HL_ALERT_NPS, -1));
	assert_true(hl_alertcond_rating(&c, HL_ALERT_NPS, 0));
	assert_true(hl_alertcond_rating(&c, HL_ALERT_NPS, 6));
	assert_false(hl_alertcond_rating(&c, HL_ALERT_NPS, 7));
	assert_false(hl_alertcond_rating(&c, HL_ALERT_NPS, 11));
	assert_false(hl_alertcond_rating(&c, HL_ALERT_SL, 1));
	assert_false(hl_alertcond_ticked(&c));
	assert_true(hl_alertcond_any(&c));
}

/* broker.ini's [alerts]: good values taken, anything else refused with
 * nothing changed. */
static void test_conf_keys(void **state)
{
	(void)state;
	hl_alert_conf c = conf(), before;
	static const char *const bad[][2] = {
		{"waiting_over", ""}, {"waiting_over", "-1"}, {"waiting_over", "+3"},
		{"waiting_over", " 3"}, {"waiting_over", "3 "}, {"waiting_over", "3.5"},
		{"waiting_over", "100001"}, {"waiting_over", "99999999999999999999"},
		{"sl", "maybe"}, {"sl", ""}, {"sl", "ON "}, {"sl_min_offered", "0"},
		{"sl_margin", "101"}, {"not_ready_min", "1441"}, {"longest_wait_s", "0x10"},
		{"nosuch", "1"}, {"", "1"}, {"csat_low", "2"},
	};

	assert_int_equal(hl_alertcond_conf_key(&c, "sl", "on"), 1);
	assert_int_equal(hl_alertcond_conf_key(&c, "waiting_over", "5"), 1);
	assert_int_equal(hl_alertcond_conf_key(&c, "longest_wait_s", "120"), 1);
	assert_int_equal(hl_alertcond_conf_key(&c, "not_ready_min", "15"), 1);
	assert_int_equal(hl_alertcond_conf_key(&c, "wrap_up_min", "0"), 1);
	assert_int_equal(hl_alertcond_conf_key(&c, "csat_low", "yes"), 1);
	assert_int_equal(hl_alertcond_conf_key(&c, "nps_low", "false"), 1);
	assert_int_equal(hl_alertcond_conf_key(&c, "sl_margin", "3"), 1);
	assert_true(c.sl && c.csat_low && !c.nps_low);
	assert_int_equal(c.waiting_over, 5);
	assert_int_equal(c.longest_wait_s, 120);
	assert_int_equal(c.not_ready_min, 15);
	assert_int_equal(c.sl_margin, 3);
	before = c;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(hl_alertcond_conf_key(&c, bad[i][0], bad[i][1]), 0);
		assert_memory_equal(&c, &before, sizeof c);
	}
	assert_int_equal(hl_alertcond_conf_key(&c, NULL, "1"), 0);
	assert_int_equal(hl_alertcond_conf_key(&c, "sl", NULL), 0);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(hl_alertcond_name(HL_ALERT_SL), "sl");
	assert_string_equal(hl_alertcond_name(HL_ALERT_LONGEST_WAIT), "longest_wait");
	assert_string_equal(hl_alertcond_name(HL_ALERT_NPS), "nps");
	assert_string_equal(hl_alertcond_name(HL_ALERT_KIND_COUNT), "");
	assert_string_equal(hl_alertcond_name((hl_alert_kind)-1), "");
	for (int k = 0; k < HL_ALERT_KIND_COUNT; k++)
		assert_true(hl_alertcond_name((hl_alert_kind)k)[0] != 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_off_by_default),
		cmocka_unit_test(test_sl_edges),
		cmocka_unit_test(test_sl_margin_is_hysteresis),
		cmocka_unit_test(test_sl_undefined_or_few),
		cmocka_unit_test(test_waiting_over),
		cmocka_unit_test(test_longest_wait),
		cmocka_unit_test(test_agent_state_too_long),
		cmocka_unit_test(test_ratings),
		cmocka_unit_test(test_conf_keys),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
