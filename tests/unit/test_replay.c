/* Tests for common/replay.c: the sliding window accepts each nonce once,
 * tolerates reordering within the window and refuses anything older. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "replay.h"

#define W ((uint64_t)HL_REPLAY_WINDOW)

/* What a receiver does: check, (authenticate), accept. */
static int receive(hl_replay *w, uint64_t n)
{
	int rc = hl_replay_check(w, n);

	if (rc == 0)
		hl_replay_accept(w, n);
	return rc;
}

static void test_empty_and_zero(void **state)
{
	hl_replay w;

	(void)state;
	hl_replay_init(&w);
	assert_int_equal(w.top, 0);
	/* Nonce 0 is the first a sender uses. */
	assert_int_equal(hl_replay_check(&w, 0), 0);
	/* check alone changes nothing. */
	assert_int_equal(hl_replay_check(&w, 0), 0);
	assert_int_equal(receive(&w, 0), 0);
	assert_int_equal(w.top, 1);
	assert_int_equal(receive(&w, 0), HL_E_REPLAY);
}

static void test_in_order(void **state)
{
	hl_replay w;

	(void)state;
	hl_replay_init(&w);
	for (uint64_t n = 0; n < 5 * W; n++)
		assert_int_equal(receive(&w, n), 0);
	for (uint64_t n = 4 * W; n < 5 * W; n++)
		assert_int_equal(hl_replay_check(&w, n), HL_E_REPLAY);
	assert_int_equal(hl_replay_check(&w, 0), HL_E_REPLAY);
	assert_int_equal(hl_replay_check(&w, 5 * W), 0);
}

static void test_reordered_once(void **state)
{
	hl_replay w;

	(void)state;
	hl_replay_init(&w);
	assert_int_equal(receive(&w, 10), 0);
	/* Late arrivals below the top pass once each. */
	for (uint64_t n = 0; n < 10; n++)
		assert_int_equal(receive(&w, n), 0);
	for (uint64_t n = 0; n <= 10; n++)
		assert_int_equal(receive(&w, n), HL_E_REPLAY);
	/* Odd ones ahead, then even ones late. */
	for (uint64_t n = 11; n < 200; n += 2)
		assert_int_equal(receive(&w, n), 0);
	for (uint64_t n = 12; n < 200; n += 2)
		assert_int_equal(receive(&w, n), 0);
	for (uint64_t n = 0; n < 200; n++)
		assert_int_equal(hl_replay_check(&w, n), HL_E_REPLAY);
	assert_int_equal(hl_replay_check(&w, 200), 0);
}

static void test_window_edge(void **state)
{
	hl_replay w;
	uint64_t top = 3 * W + 17;

	(void)state;
	hl_replay_init(&w);
	assert_int_equal(receive(&w, top), 0);
	/* The window is the highest accepted nonce and W - 1 below it. */
	assert_int_equal(hl_replay_check(&w, top - (W - 1)), 0);
	assert_int_equal(hl_replay_check(&w, top - W), HL_E_REPLAY);
	assert_int_equal(hl_replay_check(&w, 0), HL_E_REPLAY);
	assert_int_equal(receive(&w, top - (W - 1)), 0);
	assert_int_equal(receive(&w, top - (W - 1)), HL_E_REPLAY);
	/* One step forward pushes the oldest out. */
	assert_int_equal(receive(&w, top + 1), 0);
	assert_int_equal(hl_replay_check(&w, top - (W - 1)), HL_E_REPLAY);
	assert_int_equal(hl_replay_check(&w, top - (W - 2)), 0);
}

static void test_window_edge_near_zero(void **state)
{
	hl_replay w;

	(void)state;
	hl_replay_init(&w);
	/* With top below W everything from 0 is still in the window. */
	assert_int_equal(receive(&w, W - 1), 0);
	assert_int_equal(receive(&w, 0), 0);
	assert_int_equal(receive(&w, 0), HL_E_REPLAY);
	assert_int_equal(receive(&w, 1), 0);
	assert_int_equal(receive(&w, W), 0);
	/* Now 0 fell out, 1 was seen, 2 is still fresh. */
	assert_int_equal(hl_replay_check(&w, 0), HL_E_REPLAY);
	assert_int_equal(hl_replay_check(&w, 1), HL_E_REPLAY);
	assert_int_equal(hl_replay_check(&w, 2), 0);
}

static void test_slide_clears_stale_bits(void **state)
{
	hl_replay w;

	(void)state;
	hl_replay_init(&w);
	/* Fill the whole window, then slide by part of it: the slots now used
	 * by the new nonces must not remember the old ones. */
	for (uint64_t n = 0; n < W; n++)
		assert_int_equal(receive(&w, n), 0);
	assert_int_equal(receive(&w, W + 100), 0);
	for (uint64_t n = W; n < W + 100; n++)
		assert_int_equal(receive(&w, n), 0);
	for (uint64_t n = 101; n <= W + 100; n++)
		assert_int_equal(hl_replay_check(&w, n), HL_E_REPLAY);
	assert_int_equal(hl_replay_check(&w, 100), HL_E_REPLAY);   /* out of window */
}

static void test_jump_beyond_window(void **state)
{
	hl_replay w;
	uint64_t far = 10 * W + 5;

	(void)state;
	hl_replay_init(&w);
	for (uint64_t n = 0; n < W; n++)
		assert_int_equal(receive(&w, n), 0);
	/* A jump over more than the window clears it all. */
	assert_int_equal(receive(&w, far), 0);
	for (uint64_t n = far - (W - 1); n < far; n++)
		assert_int_equal(hl_replay_check(&w, n), 0);
	assert_int_equal(hl_replay_check(&w, far), HL_E_REPLAY);
	for (uint64_t n = 0; n < W; n++)
		assert_int_equal(hl_replay_check(&w, n), HL_E_REPLAY);
	/* A jump of exactly the window. */
	assert_int_equal(receive(&w, far + W), 0);
	assert_int_equal(hl_replay_check(&w, far), HL_E_REPLAY);
	assert_int_equal(hl_replay_check(&w, far + 1), 0);
}

static void test_big_nonces(void **state)
{
	hl_replay w;

	(void)state;
	hl_replay_init(&w);
	assert_int_equal(receive(&w, (uint64_t)1 << 40), 0);
	assert_int_equal(receive(&w, ((uint64_t)1 << 40) - 5), 0);
	assert_int_equal(receive(&w, (uint64_t)1 << 63), 0);
	assert_int_equal(hl_replay_check(&w, (uint64_t)1 << 40), HL_E_REPLAY);
	assert_int_equal(receive(&w, UINT64_MAX - 1), 0);
	assert_int_equal(w.top, UINT64_MAX);
	assert_int_equal(receive(&w, UINT64_MAX - 1), HL_E_REPLAY);
	assert_int_equal(receive(&w, UINT64_MAX - 2), 0);
	/* Highest is UINT64_MAX - 1: the window reaches down W - 1 below it. */
	assert_int_equal(receive(&w, UINT64_MAX - 1 - W), HL_E_REPLAY);
	assert_int_equal(receive(&w, UINT64_MAX - W), 0);
}

static void test_uint64_max(void **state)
{
	hl_replay w, before;

	(void)state;
	/* Accepting it would wrap top to 0 and reopen every nonce. */
	hl_replay_init(&w);
	assert_int_equal(hl_replay_check(&w, UINT64_MAX), HL_E_REPLAY);
	assert_int_equal(receive(&w, 5), 0);
	assert_int_equal(hl_replay_check(&w, UINT64_MAX), HL_E_REPLAY);
	/* A misused accept without check leaves the window alone. */
	before = w;
	hl_replay_accept(&w, UINT64_MAX);
	assert_memory_equal(&w, &before, sizeof w);
	assert_int_equal(receive(&w, 5), HL_E_REPLAY);
}

static void test_accept_too_old_is_ignored(void **state)
{
	hl_replay w, before;

	(void)state;
	hl_replay_init(&w);
	assert_int_equal(receive(&w, 5 * W), 0);
	before = w;
	/* 4W - 1 is out of the window and shares its bit with the live,
	 * unseen 5W - 1; a misused accept must not mark that one. */
	hl_replay_accept(&w, 4 * W - 1);
	assert_memory_equal(&w, &before, sizeof w);
	assert_int_equal(hl_replay_check(&w, 5 * W - 1), 0);
}

static void test_random_against_model(void **state)
{
	/* A plain model: a set of seen nonces and the highest one. */
	enum { N = 20000, SPAN = 3 * HL_REPLAY_WINDOW };
	static uint8_t seen[N + SPAN];
	hl_replay w;
	uint64_t base = 0, highest = 0;
	int any = 0;

	(void)state;
	memset(seen, 0, sizeof seen);
	hl_replay_init(&w);
	srand(12345);
	for (int i = 0; i < 200000; i++) {
		uint64_t n;
		int expect;

		/* Mostly near the top, sometimes far back, sometimes ahead. */
		if (rand() % 8 == 0 && base + 50 < N)
			base += (uint64_t)(rand() % 50);
		n = base + (uint64_t)(rand() % SPAN);
		if (any && highest >= W && n <= highest - W)
			expect = HL_E_REPLAY;
		else
			expect = seen[n] ? HL_E_REPLAY : 0;
		assert_int_equal(receive(&w, n), expect);
		if (expect == 0) {
			seen[n] = 1;
			if (!any || n > highest)
				highest = n;
			any = 1;
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_zero),
		cmocka_unit_test(test_in_order),
		cmocka_unit_test(test_reordered_once),
		cmocka_unit_test(test_window_edge),
		cmocka_unit_test(test_window_edge_near_zero),
		cmocka_unit_test(test_slide_clears_stale_bits),
		cmocka_unit_test(test_jump_beyond_window),
		cmocka_unit_test(test_big_nonces),
		cmocka_unit_test(test_uint64_max),
		cmocka_unit_test(test_accept_too_old_is_ignored),
		cmocka_unit_test(test_random_against_model),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
