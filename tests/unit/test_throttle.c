/* Tests for server/throttle.c: penalties per source that run down with
 * time, counted when an attempt starts; attempts in flight bounded per
 * source, per account and in total; an account under attack still takes
 * the right password from a clean source; IPv6 counted per /64; a flood of
 * names cannot break the table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "throttle.h"

#define T0 ((int64_t)1700000000000)  /* an arbitrary wall-clock time in ms */

static hl_throttle_limits L;

static int setup(void **state)
{
	hl_throttle_limits_default(&L);
	*state = hl_throttle_new(NULL);
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	hl_throttle_free(*state);
	return 0;
}

/* One whole attempt: begin, then end with `ok`. Returns begin's result. */
static int attempt(hl_throttle *t, const char *user, const char *peer, int ok, int64_t now,
		   hl_throttle_verdict *v)
{
	hl_throttle_verdict tmp;
	int rc = hl_throttle_begin(t, user, peer, now, v ? v : &tmp);

	if (rc == 0)
		hl_throttle_end(t, user, peer, ok, now);
	return rc;
}

static void test_defaults(void **state)
{
	(void)state;
	hl_throttle_limits_default(&L);
	assert_int_equal(L.fail_ms, 5000);
	assert_int_equal(L.source_min_ms, 20000);
	assert_int_equal(L.source_inflight, 2);
	/* Logins in flight from one source alone can never reach the
	 * threshold: only finished failures can. */
	assert_true(L.source_inflight * L.fail_ms < L.source_min_ms);
	assert_true(L.account_inflight > L.source_inflight);
	assert_true(L.total_inflight >= L.account_inflight);
}

static void test_right_passwords_never_throttle(void **state)
{
	hl_throttle *t = *state;

	for (int i = 0; i < 500; i++)
		assert_int_equal(attempt(t, "alice", "10.0.0.1", 1, T0 + i, NULL), 0);
	assert_int_equal(hl_throttle_penalty(t, "10.0.0.1", T0 + 500), 0);
}

static void test_source_penalty(void **state)
{
	hl_throttle *t = *state;
	hl_throttle_verdict v;

	/* Four quick failures reach the 20 s threshold... */
	for (int i = 0; i < 4; i++)
		assert_int_equal(attempt(t, "alice", "10.0.0.1", 0, T0, NULL), 0);
	assert_int_equal(hl_throttle_penalty(t, "10.0.0.1", T0), 20000);
	/* ...so the fifth is refused at once, saying when to come back. */
	assert_int_equal(attempt(t, "alice", "10.0.0.1", 1, T0, &v), HL_E_THROTTLED);
	assert_int_equal(v.why, HL_THROTTLE_SOURCE);
	assert_int_equal(v.retry_ms, 20000);
	/* Any account from that source: the penalty is the source's. */
	assert_int_equal(attempt(t, "bob", "10.0.0.1", 1, T0 + 1000, &v), HL_E_THROTTLED);
	assert_int_equal(v.retry_ms, 19000);
	/* Refused attempts add nothing; the block holds until it has run out. */
	assert_int_equal(attempt(t, "alice", "10.0.0.1", 1, T0 + 19999, &v), HL_E_THROTTLED);
	assert_int_equal(v.retry_ms, 1);
	assert_int_equal(attempt(t, "alice", "10.0.0.1", 1, T0 + 20000, &v), 0);
	/* The right password took its provisional failure back. */
	assert_int_equal(hl_throttle_penalty(t, "10.0.0.1", T0 + 20000), 0);
}

static void test_not_an_account_lockout(void **state)
{
	hl_throttle *t = *state;
	hl_throttle_verdict v;

	for (int i = 0; i < 10; i++)
		attempt(t, "alice", "10.0.0.66", 0, T0 + i, NULL);
	assert_int_equal(attempt(t, "alice", "10.0.0.66", 0, T0 + 20, &v), HL_E_THROTTLED);
	/* The real alice, elsewhere, gets in while the guesser is held. */
	assert_int_equal(attempt(t, "alice", "10.0.0.2", 1, T0 + 20, &v), 0);
	assert_int_equal(hl_throttle_penalty(t, "10.0.0.2", T0 + 20), 0);
}

static void test_counted_when_started(void **state)
{
	hl_throttle *t = *state;
	hl_throttle_verdict v;

	/* Two attempts in flight already count as failures. */
	assert_int_equal(hl_throttle_begin(t, "alice", "10.0.0.1", T0, &v), 0);
	assert_int_equal(hl_throttle_begin(t, "alice", "10.0.0.1", T0, &v), 0);
	assert_int_equal(hl_throttle_penalty(t, "10.0.0.1", T0), 10000);
	/* A third from the same source waits for one of them. */
	assert_int_equal(hl_throttle_begin(t, "carol", "10.0.0.1", T0, &v), HL_E_THROTTLED);
	assert_int_equal(v.why, HL_THROTTLE_BUSY);
	assert_int_equal(v.retry_ms, L.busy_retry_ms);
	hl_throttle_end(t, "alice", "10.0.0.1", 0, T0);
	hl_throttle_end(t, "alice", "10.0.0.1", 0, T0);
	assert_int_equal(attempt(t, "alice", "10.0.0.1", 0, T0, NULL), 0);
	assert_int_equal(attempt(t, "alice", "10.0.0.1", 0, T0, NULL), 0);
	/* Four begun: the threshold is reached however they overlapped. */
	assert_int_equal(hl_throttle_begin(t, "alice", "10.0.0.1", T0 + 60, &v), HL_E_THROTTLED);
	assert_int_equal(v.why, HL_THROTTLE_SOURCE);
}

static void test_forty_in_parallel(void **state)
{
	hl_throttle *t = *state;
	hl_throttle_verdict v;
	int started = 0;

	/* Forty wrong guesses arriving together: only the in-flight limit
	 * starts; the rest are refused at once. */
	for (int i = 0; i < 40; i++)
		started += hl_throttle_begin(t, "root", "127.0.0.1", T0, &v) == 0;
	assert_int_equal(started, L.source_inflight);
	for (int i = 0; i < started; i++)
		hl_throttle_end(t, "root", "127.0.0.1", 0, T0 + 100);
	/* Then in waves as attempts finish: the threshold stops them at four,
	 * or five as the penalty runs down between the waves. */
	for (int wave = 1; wave < 10; wave++) {
		int n = 0;
		for (int i = 0; i < 40; i++)
			n += hl_throttle_begin(t, "root", "127.0.0.1", T0 + 100 * wave, &v) == 0;
		for (int i = 0; i < n; i++)
			hl_throttle_end(t, "root", "127.0.0.1", 0, T0 + 100 * wave + 50);
		started += n;
	}
	assert_true(started >= 4 && started <= 5);
	assert_int_equal(hl_throttle_begin(t, "root", "127.0.0.1", T0 + 2000, &v), HL_E_THROTTLED);
	assert_int_equal(v.why, HL_THROTTLE_SOURCE);
	assert_true(v.retry_ms > 15000);
}

static void test_in_flight_limits(void **state)
{
	hl_throttle *t = *state;
	hl_throttle_verdict v;
	char peer[32];

	/* Per account: four sources, one attempt each; the fifth waits. */
	for (int i = 0; i < L.account_inflight; i++) {
		snprintf(peer, sizeof peer, "10.1.0.%d", i);
		assert_int_equal(hl_throttle_begin(t, "alice", peer, T0, &v), 0);
	}
	assert_int_equal(hl_throttle_begin(t, "alice", "10.1.0.99", T0, &v), HL_E_THROTTLED);
	assert_int_equal(v.why, HL_THROTTLE_BUSY);
	/* Another account is not held by alice's. */
	assert_int_equal(hl_throttle_begin(t, "bob", "10.2.0.1", T0, &v), 0);
	assert_int_equal(hl_throttle_begin(t, "carol", "10.2.0.2", T0, &v), 0);
	assert_int_equal(hl_throttle_begin(t, "dave", "10.2.0.3", T0, &v), 0);
	assert_int_equal(hl_throttle_begin(t, "erin", "10.2.0.4", T0, &v), 0);
	/* Eight in flight in all: the ninth anyone waits. */
	assert_int_equal(hl_throttle_begin(t, "zed", "10.3.0.1", T0, &v), HL_E_THROTTLED);
	assert_int_equal(v.why, HL_THROTTLE_BUSY);
	hl_throttle_end(t, "bob", "10.2.0.1", 1, T0 + 10);
	assert_int_equal(hl_throttle_begin(t, "zed", "10.3.0.1", T0 + 10, &v), 0);
}

static void test_account_under_attack(void **state)
{
	hl_throttle *t = *state;
	hl_throttle_verdict v;
	char peer[32];
	int n = (int)(L.account_min_ms / L.fail_ms) + 1;  /* +1: it runs down meanwhile */

	/* A guesser spread over many sources, one guess each. */
	for (int i = 0; i < n; i++) {
		snprintf(peer, sizeof peer, "10.9.%d.%d", i / 256, i % 256);
		assert_int_equal(attempt(t, "alice", peer, 0, T0 + i, NULL), 0);
	}
	/* A source that failed on alice gets no second guess for now... */
	assert_int_equal(attempt(t, "alice", "10.9.0.0", 0, T0 + n, &v), HL_E_THROTTLED);
	assert_int_equal(v.why, HL_THROTTLE_ACCOUNT);
	assert_true(v.retry_ms > 0 && v.retry_ms <= L.fail_ms);
	/* ...though it may still try another account... */
	assert_int_equal(attempt(t, "bob", "10.9.0.0", 1, T0 + n, NULL), 0);
	/* ...and alice from a clean source gets in. */
	assert_int_equal(attempt(t, "alice", "192.0.2.7", 1, T0 + n, &v), 0);
	/* Once the guesser's own penalty on alice ran out, it may guess again. */
	assert_int_equal(attempt(t, "alice", "10.9.0.0", 0, T0 + n + L.fail_ms, NULL), 0);
}

static void test_log_sparingly(void **state)
{
	hl_throttle *t = *state;
	hl_throttle_verdict v;
	int logged = 0;

	for (int i = 0; i < 4; i++)
		attempt(t, "alice", "10.0.0.1", 0, T0, NULL);
	for (int i = 0; i < 1000; i++) {
		assert_int_equal(attempt(t, "alice", "10.0.0.1", 0, T0 + 1, &v), HL_E_THROTTLED);
		logged += v.log;
	}
	/* 1, 2, 4, … 512: ten lines for a thousand refusals. */
	assert_int_equal(logged, 10);
}

static void test_penalty_capped(void **state)
{
	hl_throttle_limits l;
	hl_throttle *t;

	(void)state;
	hl_throttle_limits_default(&l);
	l.source_min_ms = l.max_ms * 10;   /* never blocks: only the cap acts */
	l.account_min_ms = l.max_ms * 10;
	assert_non_null(t = hl_throttle_new(&l));
	for (int i = 0; i < 1000; i++)
		attempt(t, "alice", "10.0.0.1", 0, T0, NULL);
	assert_int_equal(hl_throttle_penalty(t, "10.0.0.1", T0), l.max_ms);
	assert_int_equal(hl_throttle_penalty(t, "10.0.0.1", T0 + l.max_ms), 0);
	hl_throttle_free(t);
}

static void test_ipv6_by_64(void **state)
{
	hl_throttle *t = *state;
	hl_throttle_verdict v;
	char out[64];

	hl_throttle_source("2001:db8:1:2:3:4:5:6", out, sizeof out);
	assert_string_equal(out, "2001:db8:1:2::/64");
	hl_throttle_source("127.0.0.1", out, sizeof out);
	assert_string_equal(out, "127.0.0.1");
	hl_throttle_source("local", out, sizeof out);
	assert_string_equal(out, "local");
	hl_throttle_source("not:an:address", out, sizeof out);
	assert_string_equal(out, "not:an:address");
	/* A host hopping over its /64 is still one source. */
	attempt(t, "alice", "2001:db8:1:2::1", 0, T0, NULL);
	attempt(t, "alice", "2001:db8:1:2::2", 0, T0, NULL);
	attempt(t, "alice", "2001:db8:1:2:ffff::3", 0, T0, NULL);
	attempt(t, "alice", "2001:db8:1:2::4", 0, T0, NULL);
	assert_int_equal(attempt(t, "alice", "2001:db8:1:2::99", 1, T0, &v), HL_E_THROTTLED);
	assert_int_equal(attempt(t, "alice", "2001:db8:1:3::1", 1, T0, &v), 0);
}

static void test_many_sources(void **state)
{
	hl_throttle *t = *state;
	hl_throttle_verdict v;
	char peer[32];
	const int n = 20000;   /* three records each: far more than the table holds */

	/* An attempt in flight keeps its records through any flood. */
	assert_int_equal(hl_throttle_begin(t, "alice", "192.0.2.1", T0, &v), 0);
	for (int i = 0; i < n; i++) {
		snprintf(peer, sizeof peer, "10.%d.%d.%d", i / 65536, (i / 256) % 256, i % 256);
		for (int k = 0; k < 4; k++)
			attempt(t, peer, peer, 0, T0 + i, NULL);
	}
	hl_throttle_end(t, "alice", "192.0.2.1", 0, T0 + n);
	/* The in-flight count came back to zero: eight can start again. */
	for (int i = 0; i < L.total_inflight; i++) {
		snprintf(peer, sizeof peer, "172.16.0.%d", i);
		assert_int_equal(hl_throttle_begin(t, peer, peer, T0 + n, &v), 0);
	}
	/* The newest sources are still held back. */
	snprintf(peer, sizeof peer, "10.%d.%d.%d", (n - 1) / 65536, ((n - 1) / 256) % 256,
		 (n - 1) % 256);
	assert_int_equal(hl_throttle_penalty(t, peer, T0 + n), 20000 - 1);
}

static void test_long_names(void **state)
{
	hl_throttle *t = *state;
	hl_throttle_verdict v;
	char huge[600];

	/* Names and peers longer than any record are still throttled and
	 * released, without overrunning anything. */
	memset(huge, 'y', sizeof huge - 1);
	huge[sizeof huge - 1] = 0;
	for (int i = 0; i < 4; i++)
		assert_int_equal(attempt(t, huge, huge, 0, T0, NULL), 0);
	assert_int_equal(attempt(t, huge, huge, 1, T0, &v), HL_E_THROTTLED);
	assert_int_equal(attempt(t, huge, huge, 1, T0 + 20000, &v), 0);
	assert_int_equal(attempt(t, "", "", 1, T0, &v), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test_setup_teardown(test_right_passwords_never_throttle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_source_penalty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_an_account_lockout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_counted_when_started, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forty_in_parallel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_in_flight_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_account_under_attack, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_sparingly, setup, teardown),
		cmocka_unit_test(test_penalty_capped),
		cmocka_unit_test_setup_teardown(test_ipv6_by_64, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_sources, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_names, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
