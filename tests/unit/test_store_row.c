/* Tests for the store's statement cache and row helper
 * (server/store/store.c, store_row.c): the cache keeps every statement
 * however many there are, and a row written through the helper reads back
 * the same. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "error.h"
#include "store.h"
#include "test_store_fixture.h"
#include "store_chat.h"
#include "store_row.h"

#define MANY 300  /* well past the 128 the cache once held */

static void test_cache_grows_past_128(void **state)
{
	fixture *fx = *state;
	static char sql[MANY][48];
	sqlite3_stmt *first[MANY];
	size_t before = hl_store_stmt_count(fx->st);

	for (int i = 0; i < MANY; i++) {
		snprintf(sql[i], sizeof sql[i], "SELECT %d", i);
		first[i] = hl_store_stmt(fx->st, sql[i]);
		assert_non_null(first[i]);
	}
	assert_int_equal(hl_store_stmt_count(fx->st), before + MANY);
	/* Each comes back from the cache (the same statement) and still runs
	 * its own SQL. */
	for (int i = 0; i < MANY; i++) {
		int64_t v = -1;

		assert_ptr_equal(hl_store_stmt(fx->st, sql[i]), first[i]);
		assert_int_equal(hl_store_one(fx->st, sql[i], hl_store_row_int64, &v, ""), 0);
		assert_int_equal(v, i);
	}
	assert_int_equal(hl_store_stmt_count(fx->st), before + MANY);
	/* The commit resets every one of them. */
	assert_int_equal(hl_store_commit(fx->st), 0);
}

static int count_row(sqlite3_stmt *s, void *arg)
{
	int *n = arg;

	(*n) += sqlite3_column_int(s, 0);
	return 0;
}

static int stop_after_first(sqlite3_stmt *s, void *arg)
{
	(void)s;
	(*(int *)arg)++;
	return 1;
}

static void test_exec_one_each(void **state)
{
	fixture *fx = *state;
	const uint8_t conf[3] = {1, 2, 3};
	int sum = 0, calls = 0;
	int64_t id = 0;
	char v[8];
	uint8_t h[32];

	memset(h, 4, sizeof h);
	assert_int_equal(hl_store_begin(fx->st), 0);
	assert_int_equal(hl_store_queue_insert(fx->st, "sales", conf, sizeof conf, 5), 0);
	assert_int_equal(hl_store_queue_insert(fx->st, "sales", conf, sizeof conf, 6),
			 HL_E_EXISTS);
	assert_int_equal(hl_store_customer_add(fx->st, h, 5, &id), 0);
	assert_int_equal(hl_store_customer_add(fx->st, h, 6, &id), HL_E_EXISTS);
	assert_int_equal(hl_store_exec(fx->st, "INSERT INTO meta(key,value) VALUES(?,?)", "tt",
				       "k1", "3"), 0);
	assert_int_equal(hl_store_exec(fx->st, "INSERT INTO meta(key,value) VALUES(?,?)", "tt",
				       "k2", "4"), 0);
	assert_int_equal(hl_store_each(fx->st, "SELECT CAST(value AS INTEGER) FROM meta"
				       " WHERE key IN (?,?)", count_row, &sum, "tt", "k1", "k2"), 0);
	assert_int_equal(sum, 7);
	assert_int_equal(hl_store_each(fx->st, "SELECT 1 FROM meta WHERE key IN ('k1','k2')",
				       stop_after_first, &calls, ""), 0);
	assert_int_equal(calls, 1);
	assert_int_equal(hl_store_one(fx->st, "SELECT 1 FROM meta WHERE key=?", hl_store_row_int64,
				      &id, "t", "nope"), HL_E_NOTFOUND);
	/* Duplicates and empty answers are answers: the turn commits. */
	assert_int_equal(hl_store_commit(fx->st), 0);

	/* Outside a turn: bad SQL, an unknown letter, a short format. */
	assert_int_equal(hl_store_one(fx->st, "SELECT no_such_column FROM meta", NULL, NULL, ""),
			 HL_E_IO);
	assert_int_equal(hl_store_exec(fx->st, "SELECT ?", "x", 1), HL_E_IO);
	assert_int_equal(hl_store_exec(fx->st, "SELECT ?,?", "i", 1), HL_E_IO);

	/* A failed statement fails its turn: what the turn wrote is undone. */
	assert_int_equal(hl_store_begin(fx->st), 0);
	assert_int_equal(hl_store_meta_set(fx->st, "k3", "5"), 0);
	assert_int_equal(hl_store_each(fx->st, "SELECT no_such_column FROM meta", count_row, &sum,
				       ""), HL_E_IO);
	assert_int_equal(hl_store_commit(fx->st), HL_E_IO);
	assert_int_equal(hl_store_meta_get(fx->st, "k3", v, sizeof v), HL_E_NOTFOUND);
	assert_int_equal(hl_store_meta_get(fx->st, "k1", v, sizeof v), 0);
	assert_string_equal(v, "3");
}

static void test_contact_round_trip(void **state)
{
	fixture *fx = *state;
	static hl_store_contact c, got;
	int64_t last = 0;
	uint8_t h[32];
	int64_t cust;

	memset(h, 9, sizeof h);
	assert_int_equal(hl_store_begin(fx->st), 0);
	assert_int_equal(hl_store_customer_add(fx->st, h, 100, &cust), 0);
	memset(&c, 0, sizeof c);
	c.customer_id = cust;
	snprintf(c.queue, sizeof c.queue, "sales");
	snprintf(c.state, sizeof c.state, "ended");
	snprintf(c.agent, sizeof c.agent, "ana");
	snprintf(c.comment, sizeof c.comment, "thanks");
	c.created_ms = 1000;
	c.ended_ms = 2000;
	c.nps = -1;
	c.next_seq = 7;
	c.trail_len = 5;
	memcpy(c.trail, "\x01\x02\x00\x03\x04", 5);
	assert_int_equal(hl_store_contact_insert(fx->st, &c), 0);
	assert_true(c.id > 0);
	assert_int_equal(hl_store_contact_get(fx->st, c.id, &got), 0);
	assert_memory_equal(&got, &c, sizeof c);
	c.csat = 5;
	snprintf(c.wrap_code, sizeof c.wrap_code, "sold");
	assert_int_equal(hl_store_contact_update(fx->st, &c), 0);
	assert_int_equal(hl_store_contact_get(fx->st, c.id, &got), 0);
	assert_memory_equal(&got, &c, sizeof c);
	assert_int_equal(hl_store_contact_get(fx->st, c.id + 1, &got), HL_E_NOTFOUND);
	assert_int_equal(hl_store_agent_last_ended(fx->st, "ana", &last), 0);
	assert_int_equal(last, c.id);
	assert_int_equal(hl_store_agent_last_ended(fx->st, "bo", &last), HL_E_NOTFOUND);
	assert_int_equal(hl_store_commit(fx->st), 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_cache_grows_past_128),
		T(test_exec_one_each),
		T(test_contact_round_trip),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
