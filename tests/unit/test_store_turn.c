/* Tests for the store's turn (server/store/store.c): a write that fails for
 * want of space fails the whole turn — what it wrote before is rolled back,
 * nothing more runs in it, the commit reports it — while a duplicate is an
 * ordinary answer; the next turn works again. */
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

/* The disk is "full": the database may not grow past its present size. */
static void disk_full(hl_store *st, int full)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA max_page_count=%d", full ? 1 : 1000000);
	assert_int_equal(sqlite3_exec(hl_store_db(st), sql, NULL, NULL, NULL), SQLITE_OK);
}

static void test_full_disk_fails_the_turn(void **state)
{
	fixture *fx = *state;
	static char big[256 * 1024];
	char buf[16];

	memset(big, 'x', sizeof big - 1);
	hl_store_begin(fx->st);
	assert_int_equal(hl_store_meta_set(fx->st, "first", "1"), 0);
	disk_full(fx->st, 1);
	assert_int_equal(hl_store_meta_set(fx->st, "big", big), HL_E_IO);
	assert_int_equal(hl_store_turn_failed(fx->st), 1);
	/* Nothing more runs in the failed turn, not even a read. */
	assert_null(hl_store_stmt(fx->st, "SELECT 1"));
	assert_int_equal(hl_store_meta_get(fx->st, "first", buf, sizeof buf), HL_E_IO);
	assert_int_equal(hl_store_commit(fx->st), HL_E_IO);

	/* The next turn starts clean: the first write is gone with the turn. */
	disk_full(fx->st, 0);
	hl_store_begin(fx->st);
	assert_int_equal(hl_store_turn_failed(fx->st), 0);
	assert_int_equal(hl_store_meta_get(fx->st, "first", buf, sizeof buf), HL_E_NOTFOUND);
	assert_int_equal(hl_store_meta_set(fx->st, "second", "2"), 0);
	assert_int_equal(hl_store_commit(fx->st), 0);
	hl_store_begin(fx->st);
	assert_int_equal(hl_store_meta_get(fx->st, "second", buf, sizeof buf), 0);
	assert_string_equal(buf, "2");
	assert_int_equal(hl_store_commit(fx->st), 0);
}

static void test_duplicate_is_an_answer_not_a_failure(void **state)
{
	fixture *fx = *state;
	static const char *const ins = "INSERT INTO meta(key,value) VALUES('dup','1')";
	char buf[16];

	hl_store_begin(fx->st);
	assert_int_equal(hl_store_step_done(fx->st, hl_store_stmt(fx->st, ins)), 0);
	assert_int_equal(hl_store_step_done(fx->st, hl_store_stmt(fx->st, ins)), HL_E_EXISTS);
	assert_int_equal(hl_store_turn_failed(fx->st), 0);
	assert_int_equal(hl_store_commit(fx->st), 0);
	hl_store_begin(fx->st);
	assert_int_equal(hl_store_meta_get(fx->st, "dup", buf, sizeof buf), 0);
	assert_int_equal(hl_store_commit(fx->st), 0);
}

static void test_rollback_keeps_nothing(void **state)
{
	fixture *fx = *state;
	char buf[16];

	hl_store_begin(fx->st);
	assert_int_equal(hl_store_meta_set(fx->st, "gone", "1"), 0);
	hl_store_rollback(fx->st);
	hl_store_begin(fx->st);
	assert_int_equal(hl_store_meta_get(fx->st, "gone", buf, sizeof buf), HL_E_NOTFOUND);
	assert_int_equal(hl_store_commit(fx->st), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_full_disk_fails_the_turn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_is_an_answer_not_a_failure, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rollback_keeps_nothing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
