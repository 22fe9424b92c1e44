/* Tests for server/web/webrate.c: a bucket gives its burst at once, then one
 * token per 1/rate, says how long to wait, never goes past its burst, takes
 * from the connection and the address together or from neither, and the
 * address table stays bounded under a flood of addresses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "webrate.h"

#define T0 ((int64_t)1700000000000)

static void test_burst_then_wait(void **state)
{
	hl_webrate_rule r = {3, 60};  /* one a second */
	hl_webrate_bucket b = {0};

	(void)state;
	for (int i = 0; i < 3; i++)
		assert_int_equal(hl_webrate_take(&b, &r, T0), 0);
	int64_t w = hl_webrate_take(&b, &r, T0);
	assert_true(w > 900 && w <= 1001);
	/* Refused takes take nothing: the token is there after the wait. */
	assert_true(hl_webrate_take(&b, &r, T0 + 500) > 0);
	assert_int_equal(hl_webrate_take(&b, &r, T0 + 1000), 0);
	assert_true(hl_webrate_take(&b, &r, T0 + 1000) > 0);
}

static void test_never_past_burst(void **state)
{
	hl_webrate_rule r = {2, 60};
	hl_webrate_bucket b = {0};

	(void)state;
	assert_int_equal(hl_webrate_take(&b, &r, T0), 0);
	/* A day idle gives back the burst, not a day's worth. */
	int64_t later = T0 + 86400000;
	assert_int_equal(hl_webrate_take(&b, &r, later), 0);
	assert_int_equal(hl_webrate_take(&b, &r, later), 0);
	assert_true(hl_webrate_take(&b, &r, later) > 0);
}

static void test_clock_back(void **state)
{
	hl_webrate_rule r = {1, 60};
	hl_webrate_bucket b = {0};

	(void)state;
	assert_int_equal(hl_webrate_take(&b, &r, T0), 0);
	assert_true(hl_webrate_take(&b, &r, T0 - 60000) > 0);
	assert_int_equal(hl_webrate_take(&b, &r, T0 + 1000), 0);
}

static void test_thousands_of_lines_bounded(void **state)
{
	hl_webrate_set conn = {0}, addr = {0};
	int ok = 0;

	(void)state;
	/* 20,000 hellos in 2 s on one connection: only the burst and what
	 * 2 s refill pass. */
	for (int i = 0; i < 20000; i++)
		if (hl_webrate_take2(&conn, &addr, HL_WEBRATE_VISITOR, 1, T0 + i / 10) == 0)
			ok++;
	assert_true(ok >= (int)hl_webrate_per_conn[HL_WEBRATE_VISITOR].burst);
	assert_true(ok <= (int)hl_webrate_per_conn[HL_WEBRATE_VISITOR].burst + 1);
}

/* The per-address factor: many visitors, each on a connection of their
 * own, from one address (a NAT, a load test) get factor times the
 * address's allowance, and no more. */
static void test_addr_factor(void **state)
{
	hl_webrate_set addr1 = {0}, addr10 = {0};
	int burst = (int)hl_webrate_per_addr[HL_WEBRATE_VISITOR].burst;
	int ok1 = 0, ok10 = 0;

	(void)state;
	for (int i = 0; i < 20 * burst; i++) {
		hl_webrate_set c1 = {0}, c10 = {0};
		ok1 += hl_webrate_take2(&c1, &addr1, HL_WEBRATE_VISITOR, 1, T0) == 0;
		ok10 += hl_webrate_take2(&c10, &addr10, HL_WEBRATE_VISITOR, 10, T0) == 0;
	}
	assert_int_equal(ok1, burst);
	assert_int_equal(ok10, 10 * burst);
}

static void test_both_or_neither(void **state)
{
	hl_webrate_set a = {0}, b = {0}, addr = {0};
	int per_addr = (int)hl_webrate_per_addr[HL_WEBRATE_LEFT].burst;
	int per_conn = (int)hl_webrate_per_conn[HL_WEBRATE_LEFT].burst;
	int ok = 0;

	(void)state;
	/* Many connections of one address share the address's burst. */
	for (int c = 0; c < 100; c++) {
		hl_webrate_set conn = {0};
		for (int i = 0; i < 10; i++)
			if (hl_webrate_take2(&conn, &addr, HL_WEBRATE_LEFT, 1, T0) == 0)
				ok++;
	}
	assert_int_equal(ok, per_addr);
	/* A refusal by the address gives the connection's token back. */
	assert_true(hl_webrate_take2(&a, &addr, HL_WEBRATE_LEFT, 1, T0) > 0);
	hl_webrate_set fresh = {0};
	for (int i = 0; i < per_conn; i++)
		assert_int_equal(hl_webrate_take2(&a, &fresh, HL_WEBRATE_LEFT, 1, T0), 0);
	assert_true(hl_webrate_take2(&a, &fresh, HL_WEBRATE_LEFT, 1, T0) > 0);
	(void)b;
}

static void test_addrs_bounded(void **state)
{
	hl_webrate_addrs *t = hl_webrate_addrs_new(100);
	char name[64];

	(void)state;
	assert_non_null(t);
	hl_webrate_set *one = hl_webrate_addrs_get(t, "192.0.2.1", T0);
	assert_ptr_equal(one, hl_webrate_addrs_get(t, "192.0.2.1", T0 + 1));
	for (int i = 0; i < 100000; i++) {
		snprintf(name, sizeof name, "10.%d.%d.%d", i >> 16, (i >> 8) & 255, i & 255);
		assert_non_null(hl_webrate_addrs_get(t, name, T0));
	}
	assert_int_equal(hl_webrate_addrs_count(t), 100);
	/* Past the bound, new addresses share one set. */
	assert_ptr_equal(hl_webrate_addrs_get(t, "203.0.113.7", T0),
			 hl_webrate_addrs_get(t, "203.0.113.8", T0));
	/* A very long key cannot overflow anything. */
	char longkey[300];
	memset(longkey, 'a', sizeof longkey - 1);
	longkey[sizeof longkey - 1] = 0;
	assert_non_null(hl_webrate_addrs_get(t, longkey, T0));
	/* Idle ones are forgotten; the one seen later stays. */
	hl_webrate_addrs_get(t, "192.0.2.1", T0 + 600000);
	assert_int_equal(hl_webrate_addrs_sweep(t, T0 + 600001, 60000), 99);
	assert_int_equal(hl_webrate_addrs_count(t), 1);
	hl_webrate_addrs_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_burst_then_wait),
		cmocka_unit_test(test_never_past_burst),
		cmocka_unit_test(test_clock_back),
		cmocka_unit_test(test_thousands_of_lines_bounded),
		cmocka_unit_test(test_both_or_neither),
		cmocka_unit_test(test_addr_factor),
		cmocka_unit_test(test_addrs_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
