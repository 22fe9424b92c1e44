/* Unit tests of the metric definitions (SPEC §8), each with hand-worked numbers. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "metrics.h"

#define EPS 1e-9

/* A queue's day, worked by hand:
 *   100 offered; 15 abandoned, of which 5 short (under S) and 4 more
 *   within T; 80 answered, 68 of them within T; total wait of the
 *   answered 1,600 s; 78 handled with 240 s talk and 60 s wrap-up each. */
static hl_metrics_counters queue_day(void)
{
	hl_metrics_counters c = {0};
	c.offered = 100;
	c.abandoned = 15;
	c.short_abandoned = 5;
	c.abandoned_within_sl = 4;
	c.answered = 80;
	c.answered_within_sl = 68;
	c.wait_answered_ms = 1600000;
	c.handled = 78;
	c.talk_ms = 78 * 240000LL;
	c.wrap_ms = 78 * 60000LL;
	return c;
}

static void test_service_level_default(void **state)
{
	(void)state;
	hl_metrics_counters c = queue_day();
	/* 68 ÷ (100 − 5) = 71.578947...% */
	assert_true(fabs(hl_metrics_sl(&c, HL_METRICS_SL_OFFERED) - 6800.0 / 95.0) < EPS);
	hl_metrics_params p;
	hl_metrics_params_default(&p);
	assert_int_equal(p.sl_variant, HL_METRICS_SL_OFFERED);
	assert_true(fabs(hl_metrics_value(HL_METRIC_SL, &c, NULL) - 6800.0 / 95.0) < EPS);
}

static void test_service_level_variants(void **state)
{
	(void)state;
	hl_metrics_counters c = queue_day();
	/* 68 ÷ 80 = 85% */
	assert_true(fabs(hl_metrics_sl(&c, HL_METRICS_SL_ANSWERED) - 85.0) < EPS);
	/* 68 ÷ (80 + 15 − 5) = 68 ÷ 90 */
	assert_true(fabs(hl_metrics_sl(&c, HL_METRICS_SL_OUTCOME) - 6800.0 / 90.0) < EPS);
	/* (68 + 4) ÷ 90 = 80% */
	assert_true(fabs(hl_metrics_sl(&c, HL_METRICS_SL_ABANDON_OK) - 80.0) < EPS);
	hl_metrics_params p = {.sl_variant = HL_METRICS_SL_ANSWERED};
	assert_true(fabs(hl_metrics_value(HL_METRIC_SL, &c, &p) - 85.0) < EPS);
	assert_string_equal(hl_metrics_sl_variant_name(HL_METRICS_SL_OUTCOME), "outcome");
	assert_int_equal(hl_metrics_sl_variant_parse("abandon_ok"), HL_METRICS_SL_ABANDON_OK);
	assert_int_equal(hl_metrics_sl_variant_parse("nope"), -1);
	assert_true(strlen(hl_metrics_sl_variant_definition(HL_METRICS_SL_ANSWERED)) > 0);
	assert_true(isnan(hl_metrics_sl(&c, (hl_metrics_sl_variant)99)));
}

static void test_service_level_short_abandons_only(void **state)
{
	(void)state;
	/* Two contacts, both short abandons: nothing is left to measure. */
	hl_metrics_counters c = {0};
	hl_metrics_count_offered(&c);
	hl_metrics_count_offered(&c);
	hl_metrics_count_abandoned(&c, 1000, 20, 5);
	hl_metrics_count_abandoned(&c, 4999, 20, 5);
	assert_int_equal(c.short_abandoned, 2);
	assert_true(isnan(hl_metrics_sl(&c, HL_METRICS_SL_OFFERED)));
	assert_true(isnan(hl_metrics_abandon_rate(&c)));
	/* A third contact answered at 12 s: 1 ÷ (3 − 2) = 100%. */
	hl_metrics_count_offered(&c);
	hl_metrics_count_answered(&c, 12000, 20);
	assert_true(fabs(hl_metrics_sl(&c, HL_METRICS_SL_OFFERED) - 100.0) < EPS);
	assert_true(fabs(hl_metrics_abandon_rate(&c) - 0.0) < EPS);
}

static void test_boundaries(void **state)
{
	(void)state;
	/* Within T is <= T; short is < S. */
	assert_true(hl_metrics_within_sl(20000, 20));
	assert_false(hl_metrics_within_sl(20001, 20));
	assert_true(hl_metrics_is_short_abandon(4999, 5));
	assert_false(hl_metrics_is_short_abandon(5000, 5));
	assert_false(hl_metrics_is_short_abandon(0, 0));
}

static void test_counting(void **state)
{
	(void)state;
	hl_metrics_counters c = {0};
	for (int i = 0; i < 4; i++)
		hl_metrics_count_offered(&c);
	hl_metrics_count_answered(&c, 20000, 20);   /* within */
	hl_metrics_count_answered(&c, 20001, 20);   /* not within */
	hl_metrics_count_abandoned(&c, 3000, 20, 5);  /* short */
	hl_metrics_count_abandoned(&c, 10000, 20, 5); /* within T, not short */
	hl_metrics_count_abandoned(&c, 30000, 20, 5); /* neither */
	hl_metrics_count_rejected(&c);
	hl_metrics_count_timed_out(&c);
	assert_int_equal(c.offered, 4);
	assert_int_equal(c.answered, 2);
	assert_int_equal(c.answered_within_sl, 1);
	assert_int_equal(c.wait_answered_ms, 40001);
	assert_int_equal(c.abandoned, 3);
	assert_int_equal(c.short_abandoned, 1);
	assert_int_equal(c.abandoned_within_sl, 1);
	assert_int_equal(c.rejected, 1);
	assert_int_equal(c.timed_out, 1);
	/* ASA: 40.001 s ÷ 2 = 20.0005 s. Abandon rate (3−1) ÷ (4−1). */
	assert_true(fabs(hl_metrics_asa_s(&c) - 20.0005) < EPS);
	assert_true(fabs(hl_metrics_abandon_rate(&c) - 200.0 / 3.0) < EPS);
}

static void test_asa_aht(void **state)
{
	(void)state;
	hl_metrics_counters c = queue_day();
	/* 1,600 s ÷ 80 = 20 s; (78·240 + 78·60) ÷ 78 = 300 s. */
	assert_true(fabs(hl_metrics_asa_s(&c) - 20.0) < EPS);
	assert_true(fabs(hl_metrics_aht_s(&c) - 300.0) < EPS);
	hl_metrics_counters h = {0};
	hl_metrics_count_handled(&h, 90000, 30000);
	hl_metrics_count_handled(&h, 150000, 0);
	/* (90 + 30 + 150) ÷ 2 = 135 s */
	assert_true(fabs(hl_metrics_aht_s(&h) - 135.0) < EPS);
}

static void test_abandon_rate(void **state)
{
	(void)state;
	hl_metrics_counters c = queue_day();
	/* (15 − 5) ÷ (100 − 5) = 10.526...% */
	assert_true(fabs(hl_metrics_abandon_rate(&c) - 1000.0 / 95.0) < EPS);
}

static void test_occupancy_utilization(void **state)
{
	(void)state;
	/* An 8 h shift: 6 h handling, 1.5 h Available and idle, 0.5 h Not
	 * Ready in a meeting. */
	hl_metrics_counters c = {0};
	c.busy_ms = 6 * 3600000LL;
	c.idle_ms = 5400000;
	c.logged_in_ms = 8 * 3600000LL;
	c.meeting_ms = 1800000;
	/* 6 ÷ (6 + 1.5) = 80% */
	assert_true(fabs(hl_metrics_occupancy(&c) - 80.0) < EPS);
	/* 6 ÷ 8 = 75%; without meetings 6 ÷ 7.5 = 80% */
	assert_true(fabs(hl_metrics_utilization(&c, HL_METRICS_UTIL_ALL) - 75.0) < EPS);
	assert_true(fabs(hl_metrics_utilization(&c, HL_METRICS_UTIL_NO_MEETINGS) - 80.0) < EPS);
	hl_metrics_params p = {.util_variant = HL_METRICS_UTIL_NO_MEETINGS};
	assert_true(fabs(hl_metrics_value(HL_METRIC_UTILIZATION, &c, &p) - 80.0) < EPS);
}

static void test_fcr(void **state)
{
	(void)state;
	hl_metrics_counters c = {0};
	/* 50 resolved, 10 came back within W hours: 40 ÷ 50 = 80%. */
	for (int i = 0; i < 50; i++)
		hl_metrics_count_resolved(&c, i >= 10);
	assert_true(fabs(hl_metrics_fcr(&c) - 80.0) < EPS);
	/* Window of 12 h: a new contact exactly 12 h later is a repeat. */
	assert_true(hl_metrics_fcr_repeat(0, 12 * 3600000LL, 12));
	assert_false(hl_metrics_fcr_repeat(0, 12 * 3600000LL + 1, 12));
	assert_true(hl_metrics_fcr_repeat(1000, 24 * 3600000LL, 24));
	assert_false(hl_metrics_fcr_repeat(5000, 1000, 24));
}

static void test_csat(void **state)
{
	(void)state;
	static const int scores[] = {1, 2, 3, 4, 5, 5, 4, 4, 2, 5};
	hl_metrics_counters c = {0};
	for (size_t i = 0; i < sizeof scores / sizeof scores[0]; i++)
		assert_int_equal(hl_metrics_count_csat(&c, scores[i]), 0);
	/* 4s and 5s: 6 of 10 = 60% */
	assert_true(fabs(hl_metrics_csat(&c) - 60.0) < EPS);
	assert_int_equal(hl_metrics_count_csat(&c, 0), HL_E_INVALID);
	assert_int_equal(hl_metrics_count_csat(&c, 6), HL_E_INVALID);
	assert_int_equal(c.csat_ratings, 10);
}

static void test_nps(void **state)
{
	(void)state;
	static const int scores[] = {10, 9, 9, 8, 7, 6, 3, 10, 0, 9};
	hl_metrics_counters c = {0};
	for (size_t i = 0; i < sizeof scores / sizeof scores[0]; i++)
		assert_int_equal(hl_metrics_count_nps(&c, scores[i]), 0);
	/* promoters 5 (50%), detractors 3 (30%): NPS 20 */
	assert_int_equal(c.nps_promoters, 5);
	assert_int_equal(c.nps_detractors, 3);
	assert_true(fabs(hl_metrics_nps(&c) - 20.0) < EPS);
	assert_int_equal(hl_metrics_count_nps(&c, 11), HL_E_INVALID);
	assert_int_equal(hl_metrics_count_nps(&c, -1), HL_E_INVALID);
}

static void test_undefined_is_nan(void **state)
{
	(void)state;
	hl_metrics_counters c = {0};
	for (int id = 0; id < HL_METRIC_COUNT; id++)
		assert_true(isnan(hl_metrics_value((hl_metric)id, &c, NULL)));
	assert_true(isnan(hl_metrics_value((hl_metric)99, &c, NULL)));
}

static void test_dictionary(void **state)
{
	(void)state;
	assert_string_equal(hl_metrics_definition(HL_METRIC_SL),
			    "contacts answered within T s ÷ contacts offered, short abandons "
			    "(under S s) left out of offered");
	assert_string_equal(hl_metrics_definition(HL_METRIC_CSAT), "ratings of 4–5 ÷ all ratings (1–5 scale)");
	for (int id = 0; id < HL_METRIC_COUNT; id++) {
		const hl_metrics_info *i = hl_metrics_info_get((hl_metric)id);
		assert_non_null(i);
		assert_int_equal(i->id, id);
		assert_true(strlen(i->definition) > 10);
		assert_int_equal(hl_metrics_parse(i->key), id);
		assert_non_null(i->unit);
		assert_non_null(i->source);
	}
	assert_null(hl_metrics_info_get(HL_METRIC_COUNT));
	assert_string_equal(hl_metrics_definition(HL_METRIC_COUNT), "");
	assert_int_equal(hl_metrics_parse("nope"), -1);
}

static void test_add(void **state)
{
	(void)state;
	hl_metrics_counters a = queue_day(), b = queue_day(), sum = {0};
	hl_metrics_add(&sum, &a);
	hl_metrics_add(&sum, &b);
	assert_int_equal(sum.offered, 200);
	assert_int_equal(sum.short_abandoned, 10);
	/* Same mix twice: the same figures. */
	assert_true(fabs(hl_metrics_sl(&sum, HL_METRICS_SL_OFFERED) - 6800.0 / 95.0) < EPS);
	assert_true(fabs(hl_metrics_aht_s(&sum) - 300.0) < EPS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_service_level_default),
		cmocka_unit_test(test_service_level_variants),
		cmocka_unit_test(test_service_level_short_abandons_only),
		cmocka_unit_test(test_boundaries),
		cmocka_unit_test(test_counting),
		cmocka_unit_test(test_asa_aht),
		cmocka_unit_test(test_abandon_rate),
		cmocka_unit_test(test_occupancy_utilization),
		cmocka_unit_test(test_fcr),
		cmocka_unit_test(test_csat),
		cmocka_unit_test(test_nps),
		cmocka_unit_test(test_undefined_is_nan),
		cmocka_unit_test(test_dictionary),
		cmocka_unit_test(test_add),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
