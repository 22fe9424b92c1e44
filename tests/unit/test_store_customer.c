/* Tests for server/store/store_customer.c: web visitors are found by their
 * token's hash, and only those who never wrote anything are expired, oldest
 * first, a bounded batch at a time. */
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
#include "store_customer.h"

static int64_t add(hl_store *st, uint8_t tag, int64_t now)
{
	uint8_t h[32];
	int64_t id = 0;

	memset(h, tag, sizeof h);
	assert_int_equal(hl_store_customer_add(st, h, now, &id), 0);
	assert_true(id > 0);
	return id;
}

static void exec_sql(hl_store *st, const char *sql)
{
	assert_int_equal(sqlite3_exec(hl_store_db(st), sql, NULL, NULL, NULL), SQLITE_OK);
}

static int found(hl_store *st, uint8_t tag)
{
	uint8_t h[32];
	int64_t id;

	memset(h, tag, sizeof h);
	return hl_store_customer_find(st, h, &id) == 0;
}

static void test_find_by_token_hash(void **state)
{
	fixture *fx = *state;
	uint8_t other[32];
	int64_t id = 0, got = 0;

	assert_int_equal(hl_store_begin(fx->st), 0);
	id = add(fx->st, 7, 1000);
	assert_int_equal(hl_store_commit(fx->st), 0);
	memset(other, 7, sizeof other);
	assert_int_equal(hl_store_customer_find(fx->st, other, &got), 0);
	assert_int_equal(got, id);
	other[31] = 8;
	assert_int_equal(hl_store_customer_find(fx->st, other, &got), HL_E_NOTFOUND);
}

static void test_expire_only_silent_and_old(void **state)
{
	fixture *fx = *state;
	int64_t chatted, left;
	char sql[256];

	assert_int_equal(hl_store_begin(fx->st), 0);
	add(fx->st, 1, 1000);             /* old, never wrote: goes */
	chatted = add(fx->st, 2, 1000);   /* old, had a conversation: stays */
	left = add(fx->st, 3, 1000);      /* old, left a message: stays */
	add(fx->st, 4, 9000);             /* new, never wrote: stays for now */
	assert_int_equal(hl_store_commit(fx->st), 0);
	snprintf(sql, sizeof sql, "INSERT INTO contact(customer_id,queue,state,created_ms,"
		 "queued_ms) VALUES(%lld,'sales','ended',1000,1000)", (long long)chatted);
	exec_sql(fx->st, sql);
	snprintf(sql, sizeof sql, "INSERT INTO left_message(customer_id,item,name,contact,text,"
		 "created_ms) VALUES(%lld,'sales','Li','li@example.com','call me',1000)",
		 (long long)left);
	exec_sql(fx->st, sql);

	assert_int_equal(hl_store_begin(fx->st), 0);
	assert_int_equal(hl_store_customer_expire(fx->st, 5000, 100), 1);
	assert_int_equal(hl_store_commit(fx->st), 0);
	assert_false(found(fx->st, 1));
	assert_true(found(fx->st, 2));
	assert_true(found(fx->st, 3));
	assert_true(found(fx->st, 4));
	/* Nothing more to do until the new one is old too. */
	assert_int_equal(hl_store_begin(fx->st), 0);
	assert_int_equal(hl_store_customer_expire(fx->st, 5000, 100), 0);
	assert_int_equal(hl_store_customer_expire(fx->st, 10000, 100), 1);
	assert_int_equal(hl_store_commit(fx->st), 0);
	assert_false(found(fx->st, 4));
}

static void test_expire_in_bounded_batches(void **state)
{
	fixture *fx = *state;

	assert_int_equal(hl_store_begin(fx->st), 0);
	for (int i = 0; i < 25; i++)
		add(fx->st, (uint8_t)(10 + i), 1000 + i);
	assert_int_equal(hl_store_commit(fx->st), 0);
	assert_int_equal(hl_store_begin(fx->st), 0);
	assert_int_equal(hl_store_customer_expire(fx->st, 5000, 10), 10);
	assert_int_equal(hl_store_customer_expire(fx->st, 5000, 10), 10);
	assert_int_equal(hl_store_customer_expire(fx->st, 5000, 10), 5);
	assert_int_equal(hl_store_customer_expire(fx->st, 5000, 10), 0);
	assert_int_equal(hl_store_commit(fx->st), 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_find_by_token_hash),
		T(test_expire_only_silent_and_old),
		T(test_expire_in_bounded_batches),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
