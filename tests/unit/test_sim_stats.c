/* Tests for tools/sim_stats.c: sequence tracking tells in-order, missing,
 * duplicated and reordered deliveries apart; lost means acknowledged and
 * never delivered; percentiles are nearest-rank; tags round-trip and
 * malformed ones are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

/* tools/ builds no library the tests could link, and sim_stats.c is pure
 * (no I/O, no globals), so the test compiles it in. The test still calls
 * only what sim_stats.h declares. */
#include "error.h"
#include "sim_stats.h"

static void send_ack(hl_sim_seq *s, uint32_t from, uint32_t to)
{
	for (uint32_t i = from; i <= to; i++) {
		assert_int_equal(hl_sim_seq_sent(s, i), 0);
		assert_int_equal(hl_sim_seq_acked(s, i), 0);
	}
}

static void test_in_order(void **state)
{
	hl_sim_seq s;
	hl_sim_tally t = {0};

	(void)state;
	hl_sim_seq_init(&s);
	send_ack(&s, 1, 100);
	assert_int_equal(hl_sim_seq_outstanding(&s), 100);
	for (uint32_t i = 1; i <= 100; i++)
		assert_int_equal(hl_sim_seq_delivered(&s, i), HL_SIM_NEW);
	assert_int_equal(hl_sim_seq_outstanding(&s), 0);
	hl_sim_seq_tally(&s, &t);
	assert_int_equal(t.sent, 100);
	assert_int_equal(t.acked, 100);
	assert_int_equal(t.delivered, 100);
	assert_int_equal(t.lost, 0);
	assert_int_equal(t.unconfirmed, 0);
	assert_int_equal(t.duplicated, 0);
	assert_int_equal(t.out_of_order, 0);
	assert_int_equal(t.unexpected, 0);
	hl_sim_seq_free(&s);
}

static void test_gap_is_lost_only_when_acked(void **state)
{
	hl_sim_seq s;
	hl_sim_tally t = {0};

	(void)state;
	hl_sim_seq_init(&s);
	send_ack(&s, 1, 5);
	/* 6 was sent but the broker never said it stored it. */
	assert_int_equal(hl_sim_seq_sent(&s, 6), 0);
	assert_int_equal(hl_sim_seq_delivered(&s, 1), HL_SIM_NEW);
	assert_int_equal(hl_sim_seq_delivered(&s, 2), HL_SIM_NEW);
	assert_int_equal(hl_sim_seq_delivered(&s, 4), HL_SIM_NEW);
	assert_int_equal(hl_sim_seq_delivered(&s, 5), HL_SIM_NEW);
	assert_int_equal(hl_sim_seq_outstanding(&s), 2);
	hl_sim_seq_tally(&s, &t);
	assert_int_equal(t.sent, 6);
	assert_int_equal(t.acked, 5);
	assert_int_equal(t.delivered, 4);
	assert_int_equal(t.lost, 1);        /* 3 */
	assert_int_equal(t.unconfirmed, 1); /* 6 */
	assert_int_equal(t.out_of_order, 0);
	hl_sim_seq_free(&s);
}

static void test_duplicate(void **state)
{
	hl_sim_seq s;
	hl_sim_tally t = {0};

	(void)state;
	hl_sim_seq_init(&s);
	send_ack(&s, 1, 3);
	assert_int_equal(hl_sim_seq_delivered(&s, 1), HL_SIM_NEW);
	assert_int_equal(hl_sim_seq_delivered(&s, 2), HL_SIM_NEW);
	assert_int_equal(hl_sim_seq_delivered(&s, 2), HL_SIM_DUP);
	assert_int_equal(hl_sim_seq_delivered(&s, 3), HL_SIM_NEW);
	assert_int_equal(hl_sim_seq_delivered(&s, 1), HL_SIM_DUP);
	hl_sim_seq_tally(&s, &t);
	assert_int_equal(t.delivered, 3);
	assert_int_equal(t.duplicated, 2);
	/* A repeat of an old message is a duplicate, not a reordering. */
	assert_int_equal(t.out_of_order, 0);
	assert_int_equal(t.lost, 0);
	hl_sim_seq_free(&s);
}

static void test_reorder(void **state)
{
	hl_sim_seq s;
	hl_sim_tally t = {0};

	(void)state;
	hl_sim_seq_init(&s);
	send_ack(&s, 1, 5);
	assert_int_equal(hl_sim_seq_delivered(&s, 1), HL_SIM_NEW);
	assert_int_equal(hl_sim_seq_delivered(&s, 3), HL_SIM_NEW);
	assert_int_equal(hl_sim_seq_delivered(&s, 2), HL_SIM_LATE);
	assert_int_equal(hl_sim_seq_delivered(&s, 5), HL_SIM_NEW);
	assert_int_equal(hl_sim_seq_delivered(&s, 4), HL_SIM_LATE);
	hl_sim_seq_tally(&s, &t);
	assert_int_equal(t.delivered, 5);
	assert_int_equal(t.out_of_order, 2);
	assert_int_equal(t.duplicated, 0);
	assert_int_equal(t.lost, 0);
	hl_sim_seq_free(&s);
}

static void test_unexpected_and_bad_input(void **state)
{
	hl_sim_seq s;
	hl_sim_tally t = {0};

	(void)state;
	hl_sim_seq_init(&s);
	assert_int_equal(hl_sim_seq_sent(&s, 0), HL_E_INVALID);
	assert_int_equal(hl_sim_seq_sent(&s, 5000000), HL_E_INVALID);
	assert_int_equal(hl_sim_seq_acked(&s, 1), HL_E_INVALID);
	assert_int_equal(hl_sim_seq_delivered(&s, 0), HL_SIM_UNEXPECTED);
	assert_int_equal(hl_sim_seq_delivered(&s, 7), HL_SIM_UNEXPECTED);
	send_ack(&s, 1, 2);
	assert_int_equal(hl_sim_seq_delivered(&s, 3), HL_SIM_UNEXPECTED);
	/* A far seq grows the table without trouble. */
	assert_int_equal(hl_sim_seq_sent(&s, 1000), 0);
	assert_int_equal(hl_sim_seq_delivered(&s, 1000), HL_SIM_NEW);
	hl_sim_seq_tally(&s, &t);
	assert_int_equal(t.unexpected, 3);
	assert_int_equal(t.sent, 3);
	assert_int_equal(t.lost, 2);
	hl_sim_seq_free(&s);
	/* Freed and empty again: tallies nothing. */
	memset(&t, 0, sizeof t);
	hl_sim_seq_tally(&s, &t);
	assert_int_equal(t.sent, 0);
}

static void test_tally_adds_up(void **state)
{
	hl_sim_seq a, b;
	hl_sim_tally t = {0};

	(void)state;
	hl_sim_seq_init(&a);
	hl_sim_seq_init(&b);
	send_ack(&a, 1, 3);
	send_ack(&b, 1, 4);
	for (uint32_t i = 1; i <= 3; i++)
		hl_sim_seq_delivered(&a, i);
	hl_sim_seq_delivered(&b, 2);
	hl_sim_seq_tally(&a, &t);
	hl_sim_seq_tally(&b, &t);
	assert_int_equal(t.sent, 7);
	assert_int_equal(t.delivered, 4);
	assert_int_equal(t.lost, 3);
	hl_sim_seq_free(&a);
	hl_sim_seq_free(&b);
}

static void test_percentiles(void **state)
{
	hl_sim_lat l = {0};

	(void)state;
	assert_true(hl_sim_lat_quantile(&l, 0.5) < 0);
	assert_int_equal(hl_sim_lat_add(&l, 7), 0);
	assert_true(hl_sim_lat_quantile(&l, 0.5) == 7);
	assert_true(hl_sim_lat_quantile(&l, 0.99) == 7);
	hl_sim_lat_free(&l);

	/* 1..100 added backwards: p50 is 50, p99 is 99, p100 is 100. */
	for (int i = 100; i >= 1; i--)
		assert_int_equal(hl_sim_lat_add(&l, i), 0);
	assert_true(hl_sim_lat_quantile(&l, 0.5) == 50);
	assert_true(hl_sim_lat_quantile(&l, 0.99) == 99);
	assert_true(hl_sim_lat_quantile(&l, 1.0) == 100);
	assert_true(hl_sim_lat_quantile(&l, 0.0) == 1);
	/* Adding after a quantile re-sorts. */
	assert_int_equal(hl_sim_lat_add(&l, 0.5), 0);
	assert_true(hl_sim_lat_quantile(&l, 0.0) == 0.5);
	hl_sim_lat_free(&l);

	/* Ten samples: p50 is the 5th, p99 the 10th (nearest rank). */
	for (int i = 1; i <= 10; i++)
		hl_sim_lat_add(&l, i * 10);
	assert_true(hl_sim_lat_quantile(&l, 0.5) == 50);
	assert_true(hl_sim_lat_quantile(&l, 0.99) == 100);
	hl_sim_lat_free(&l);
}

static void test_tag_round_trip(void **state)
{
	hl_sim_tag in = {.conv = 17, .dir = HL_SIM_A2C, .seq = 5, .t_us = 123456789};
	hl_sim_tag out;
	char buf[128];

	(void)state;
	hl_sim_tag_format(buf, sizeof buf, &in, "hello 您好");
	assert_string_equal(buf, "hello 您好 [sim c17 a>c #5 t=123456789]");
	assert_int_equal(hl_sim_tag_parse(buf, &out), 0);
	assert_int_equal(out.conv, 17);
	assert_int_equal(out.dir, HL_SIM_A2C);
	assert_int_equal(out.seq, 5);
	assert_true(out.t_us == 123456789);

	in.dir = HL_SIM_C2A;
	in.conv = 4294967295u;
	in.t_us = UINT64_MAX;
	hl_sim_tag_format(buf, sizeof buf, &in, NULL);
	assert_int_equal(hl_sim_tag_parse(buf, &out), 0);
	assert_int_equal(out.dir, HL_SIM_C2A);
	assert_true(out.conv == 4294967295u);
	assert_true(out.t_us == UINT64_MAX);

	/* A long filler is cut, at a character boundary, so the tag stays
	 * whole and parses (the size is opaque to the compiler so it does not
	 * warn about the truncation we want). */
	volatile size_t mid = 40;
	in = (hl_sim_tag){.conv = 3, .dir = HL_SIM_C2A, .seq = 2, .t_us = 99};
	hl_sim_tag_format(buf, mid, &in, "我的订单三天了还没发货能帮我查一下吗");
	assert_true(strlen(buf) < 40);
	assert_int_equal(hl_sim_tag_parse(buf, &out), 0);
	assert_int_equal(out.seq, 2);
	assert_non_null(strstr(buf, "我的"));
	/* Too small even for the tag: still a string. */
	volatile size_t small = 8;
	assert_int_equal(hl_sim_tag_format(buf, small, &in, "x"), 7);
	assert_int_equal(strlen(buf), 7);
}

static void test_tag_malformed(void **state)
{
	static const char *const bad[] = {
		"", "hello", "[sim", "[sim c]", "[sim cx a>c #1 t=1]", "[sim c1 a<c #1 t=1]",
		"[sim c1 a>c #0 t=1]", "[sim c1 a>c #1]", "[sim c1 a>c #1 t=]", "[sim c1 a>c #1 t=1x]",
		"[sim c4294967296 a>c #1 t=1]", "[sim c1 a>c #4294967296 t=1]",
		"[sim c1 a>c #1 t=18446744073709551616]", "[sim c1  a>c #1 t=1]",
		"[Sim c1 a>c #1 t=1]", "[sim c1 a>c #1 t=1", "[sim c1 a>c #1 t=1] more",
		"hello[sim c1 a>c #1 t=1]", "sim c1 c>a #1 t=1",
	};
	hl_sim_tag t;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(hl_sim_tag_parse(bad[i], &t), HL_E_MALFORMED);
	assert_int_equal(hl_sim_tag_parse("[sim c1 c>a #1 t=1]", &t), 0);
	assert_int_equal(hl_sim_tag_parse("您好 [sim c1 c>a #1 t=1]", &t), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_order),
		cmocka_unit_test(test_gap_is_lost_only_when_acked),
		cmocka_unit_test(test_duplicate),
		cmocka_unit_test(test_reorder),
		cmocka_unit_test(test_unexpected_and_bad_input),
		cmocka_unit_test(test_tally_adds_up),
		cmocka_unit_test(test_percentiles),
		cmocka_unit_test(test_tag_round_trip),
		cmocka_unit_test(test_tag_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
