/* Tests for server/throttle.c: failed logins slow the next attempt down
 * exponentially per user and per peer, success clears it, old failures are
 * forgotten and a flood of names cannot break the table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "throttle.h"

#define T0 ((int64_t)1700000000000)  /* an arbitrary wall-clock time in ms */

static int setup(void **state)
{
	*state = hl_throttle_new();
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	hl_throttle_free(*state);
	return 0;
}

static void test_delay_schedule(void **state)
{
	(void)state;
	assert_int_equal(hl_throttle_delay(0), 0);
	assert_int_equal(hl_throttle_delay(-3), 0);
	assert_int_equal(hl_throttle_delay(1), HL_THROTTLE_BASE_MS);
	assert_int_equal(hl_throttle_delay(1), 250);
	assert_int_equal(hl_throttle_delay(2), 500);
	assert_int_equal(hl_throttle_delay(3), 1000);
	assert_int_equal(hl_throttle_delay(4), 2000);
	assert_int_equal(hl_throttle_delay(8), 32000);
	/* 250 · 2^8 = 64000 would pass the cap. */
	assert_int_equal(hl_throttle_delay(9), HL_THROTTLE_MAX_MS);
	assert_int_equal(hl_throttle_delay(9), 60000);
	assert_int_equal(hl_throttle_delay(64), 60000);
	assert_int_equal(hl_throttle_delay(1000000), 60000);

	/* Never shrinks as failures grow. */
	for (int k = 1; k < 200; k++)
		assert_true(hl_throttle_delay(k + 1) >= hl_throttle_delay(k));
}

static void test_no_failures_no_wait(void **state)
{
	hl_throttle *t = *state;

	assert_int_equal(hl_throttle_wait(t, "alice", "tcp://10.0.0.1", T0), 0);
	assert_int_equal(hl_throttle_wait(t, "", "", 0), 0);
}

static void test_wait_after_failures(void **state)
{
	hl_throttle *t = *state;
	int64_t now = T0;

	for (int k = 1; k <= 12; k++) {
		int64_t d = hl_throttle_delay(k);

		assert_int_equal(hl_throttle_fail(t, "alice", "tcp://10.0.0.1", now), k);
		/* At the moment of the failure, the whole delay remains... */
		assert_int_equal(hl_throttle_wait(t, "alice", "tcp://10.0.0.1", now), d);
		/* ...and it runs down as time passes, to nothing. */
		assert_int_equal(hl_throttle_wait(t, "alice", "tcp://10.0.0.1", now + 1), d - 1);
		assert_int_equal(hl_throttle_wait(t, "alice", "tcp://10.0.0.1", now + d / 2),
				 d - d / 2);
		assert_int_equal(hl_throttle_wait(t, "alice", "tcp://10.0.0.1", now + d - 1), 1);
		assert_int_equal(hl_throttle_wait(t, "alice", "tcp://10.0.0.1", now + d), 0);
		assert_int_equal(hl_throttle_wait(t, "alice", "tcp://10.0.0.1", now + d + 5000), 0);
		/* The next attempt comes once the wait is over. */
		now += d;
	}
	assert_int_equal(hl_throttle_delay(12), HL_THROTTLE_MAX_MS);
}

static void test_per_user_from_other_peer(void **state)
{
	hl_throttle *t = *state;

	assert_int_equal(hl_throttle_fail(t, "alice", "tcp://10.0.0.1", T0), 1);
	assert_int_equal(hl_throttle_fail(t, "alice", "tcp://10.0.0.1", T0), 2);
	assert_int_equal(hl_throttle_fail(t, "alice", "tcp://10.0.0.1", T0), 3);
	/* Moving to another address does not reset the guessing on alice. */
	assert_int_equal(hl_throttle_wait(t, "alice", "tcp://10.9.9.9", T0), 1000);
	/* An unrelated user from an unrelated peer is not slowed. */
	assert_int_equal(hl_throttle_wait(t, "bob", "tcp://10.9.9.9", T0), 0);
}

static void test_per_peer_other_user(void **state)
{
	hl_throttle *t = *state;

	/* One peer guessing across several names. */
	assert_int_equal(hl_throttle_fail(t, "alice", "tcp://10.0.0.1", T0), 1);
	assert_int_equal(hl_throttle_fail(t, "bob", "tcp://10.0.0.1", T0), 1);
	assert_int_equal(hl_throttle_fail(t, "carol", "tcp://10.0.0.1", T0), 1);
	assert_int_equal(hl_throttle_fail(t, "dave", "tcp://10.0.0.1", T0), 1);
	/* The peer has four failures: any name from it waits for that. */
	assert_int_equal(hl_throttle_wait(t, "erin", "tcp://10.0.0.1", T0), 2000);
	assert_int_equal(hl_throttle_wait(t, "erin", "tcp://10.0.0.1", T0 + 1500), 500);
	/* The same names from elsewhere wait only their own delay. */
	assert_int_equal(hl_throttle_wait(t, "alice", "tcp://10.0.0.2", T0), 250);
	assert_int_equal(hl_throttle_wait(t, "erin", "tcp://10.0.0.2", T0), 0);
}

static void test_longer_of_user_and_peer(void **state)
{
	hl_throttle *t = *state;

	for (int i = 0; i < 5; i++)
		hl_throttle_fail(t, "alice", "tcp://10.0.0.1", T0);
	hl_throttle_fail(t, "bob", "tcp://10.0.0.2", T0);
	/* bob from alice's peer waits for the peer (5 failures), not for bob. */
	assert_int_equal(hl_throttle_wait(t, "bob", "tcp://10.0.0.1", T0), 4000);
	/* alice from bob's peer waits for alice. */
	assert_int_equal(hl_throttle_wait(t, "alice", "tcp://10.0.0.2", T0), 4000);
}

static void test_success_clears(void **state)
{
	hl_throttle *t = *state;

	for (int i = 0; i < 6; i++)
		hl_throttle_fail(t, "alice", "tcp://10.0.0.1", T0);
	hl_throttle_fail(t, "bob", "tcp://10.0.0.7", T0);
	assert_true(hl_throttle_wait(t, "alice", "tcp://10.0.0.1", T0) > 0);

	hl_throttle_ok(t, "alice", "tcp://10.0.0.1");
	assert_int_equal(hl_throttle_wait(t, "alice", "tcp://10.0.0.1", T0), 0);
	assert_int_equal(hl_throttle_wait(t, "alice", "tcp://10.0.0.5", T0), 0);
	assert_int_equal(hl_throttle_wait(t, "zed", "tcp://10.0.0.1", T0), 0);
	/* The count starts again from one. */
	assert_int_equal(hl_throttle_fail(t, "alice", "tcp://10.0.0.1", T0 + 1), 1);
	assert_int_equal(hl_throttle_wait(t, "alice", "tcp://10.0.0.1", T0 + 1), 250);
	/* Other records are untouched. */
	assert_int_equal(hl_throttle_wait(t, "bob", "tcp://10.0.0.9", T0), 250);

	/* Clearing what was never recorded is harmless. */
	hl_throttle_ok(t, "nobody", "tcp://10.255.0.1");
}

static void test_forgotten_after_a_while(void **state)
{
	hl_throttle *t = *state;
	int64_t last;

	for (int i = 0; i < 20; i++)
		hl_throttle_fail(t, "alice", "tcp://10.0.0.1", T0 + i);
	last = T0 + 19;
	assert_int_equal(hl_throttle_wait(t, "alice", "tcp://10.0.0.1", last), 60000);

	/* Still remembered right up to the limit: a failure then counts on. */
	assert_int_equal(hl_throttle_fail(t, "alice", "tcp://10.0.0.1",
					  last + HL_THROTTLE_FORGET_MS), 21);
	last += HL_THROTTLE_FORGET_MS;

	/* After a quiet spell longer than the limit, it starts over at one. */
	assert_int_equal(hl_throttle_wait(t, "alice", "tcp://10.0.0.1",
					  last + HL_THROTTLE_FORGET_MS + 1), 0);
	assert_int_equal(hl_throttle_fail(t, "alice", "tcp://10.0.0.1",
					  last + HL_THROTTLE_FORGET_MS + 1), 1);
	assert_int_equal(hl_throttle_wait(t, "alice", "tcp://10.0.0.1",
					  last + HL_THROTTLE_FORGET_MS + 1), 250);
	/* The peer's record was forgotten too: another name from it waits only
	 * for the one new failure. */
	assert_int_equal(hl_throttle_wait(t, "bob", "tcp://10.0.0.1",
					  last + HL_THROTTLE_FORGET_MS + 1), 250);
}

static void test_many_keys(void **state)
{
	hl_throttle *t = *state;
	char user[32], peer[32];
	const int n = 5000;   /* two records each: far more than the table holds */

	for (int i = 0; i < n; i++) {
		snprintf(user, sizeof user, "user%d", i);
		snprintf(peer, sizeof peer, "tcp://10.%d.%d.1", i / 256, i % 256);
		assert_int_equal(hl_throttle_fail(t, user, peer, T0 + i), 1);
	}

	/* The newest failures are all still throttled. */
	for (int i = n - 100; i < n; i++) {
		snprintf(user, sizeof user, "user%d", i);
		assert_int_equal(hl_throttle_wait(t, user, "tcp://192.0.2.1", T0 + i), 250);
		snprintf(peer, sizeof peer, "tcp://10.%d.%d.1", i / 256, i % 256);
		assert_int_equal(hl_throttle_wait(t, "someone", peer, T0 + i), 250);
	}
	/* A newest user fails again: the count goes on (it was kept)... */
	snprintf(user, sizeof user, "user%d", n - 1);
	assert_int_equal(hl_throttle_fail(t, user, "tcp://192.0.2.1", T0 + n), 2);
	/* ...while the oldest made room and count from one again. */
	assert_int_equal(hl_throttle_fail(t, "user0", "tcp://192.0.2.1", T0 + n), 1);
	assert_int_equal(hl_throttle_fail(t, "user1", "tcp://192.0.2.1", T0 + n), 1);

}

static void test_long_names(void **state)
{
	hl_throttle *t = *state;
	char huge[300];

	/* Names and peers longer than any record are still throttled and
	 * cleared, without overrunning anything. */
	memset(huge, 'y', sizeof huge - 1);
	huge[sizeof huge - 1] = 0;
	assert_int_equal(hl_throttle_fail(t, huge, huge, T0), 1);
	assert_int_equal(hl_throttle_fail(t, huge, huge, T0), 2);
	assert_int_equal(hl_throttle_wait(t, huge, huge, T0), 500);
	hl_throttle_ok(t, huge, huge);
	assert_int_equal(hl_throttle_wait(t, huge, huge, T0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_delay_schedule),
		cmocka_unit_test_setup_teardown(test_no_failures_no_wait, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wait_after_failures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_per_user_from_other_peer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_per_peer_other_user, setup, teardown),
		cmocka_unit_test_setup_teardown(test_longer_of_user_and_peer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_success_clears, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forgotten_after_a_while, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_names, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
