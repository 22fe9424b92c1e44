/* Tests for a module's own schema (server/store/migrate.c,
 * hl_migrate_module): a module's steps run once each, in order, and are
 * counted per module; a later build runs only the new steps; a database
 * newer than the build is refused; a failed step is reported and, the
 * caller's transaction rolled back, leaves nothing behind. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "error.h"
#include "migrate.h"

static const char *const v1[] = {
	"CREATE TABLE bulletin(id INTEGER PRIMARY KEY, text TEXT NOT NULL);",
};
static const char *const v2[] = {
	"CREATE TABLE bulletin(id INTEGER PRIMARY KEY, text TEXT NOT NULL);",
	"ALTER TABLE bulletin ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;",
};
static const char *const broken[] = {
	"CREATE TABLE bulletin(id INTEGER PRIMARY KEY, text TEXT NOT NULL);",
	"ALTER TABLE no_such_table ADD COLUMN x INTEGER;",
};

static int64_t query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	int64_t v = -1;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static sqlite3 *open_mem(void)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	return db;
}

static void test_steps_run_once_and_upgrade(void **state)
{
	sqlite3 *db = open_mem();

	(void)state;
	assert_int_equal(hl_migrate_module(db, "bulletin", v1, 1), 0);
	assert_int_equal(query_int(db, "SELECT version FROM module_schema WHERE name='bulletin'"), 1);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO bulletin(text) VALUES('hello')", NULL, NULL,
				      NULL), SQLITE_OK);
	/* Again with the same build: nothing runs (a second CREATE would fail). */
	assert_int_equal(hl_migrate_module(db, "bulletin", v1, 1), 0);
	/* A later build: only the new step, the row kept. */
	assert_int_equal(hl_migrate_module(db, "bulletin", v2, 2), 0);
	assert_int_equal(query_int(db, "SELECT version FROM module_schema WHERE name='bulletin'"), 2);
	assert_int_equal(query_int(db, "SELECT count(*) FROM bulletin WHERE text='hello' AND pinned=0"),
			 1);
	/* Another module's count is its own. */
	assert_int_equal(hl_migrate_module(db, "other", NULL, 0), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM module_schema"), 1);
	sqlite3_close(db);
}

static void test_newer_database_refused(void **state)
{
	sqlite3 *db = open_mem();

	(void)state;
	assert_int_equal(hl_migrate_module(db, "bulletin", v2, 2), 0);
	assert_int_equal(hl_migrate_module(db, "bulletin", v1, 1), HL_E_VERSION);
	assert_int_equal(query_int(db, "SELECT version FROM module_schema WHERE name='bulletin'"), 2);
	sqlite3_close(db);
}

static void test_failed_step_leaves_nothing(void **state)
{
	sqlite3 *db = open_mem();

	(void)state;
	/* As the broker does: the module's steps inside the open's transaction. */
	assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(hl_migrate_module(db, "bulletin", broken, 2), HL_E_IO);
	assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(query_int(db, "SELECT count(*) FROM sqlite_master WHERE name='bulletin'"), 0);
	/* Fixed in the next build, it starts again from nothing. */
	assert_int_equal(hl_migrate_module(db, "bulletin", v2, 2), 0);
	assert_int_equal(query_int(db, "SELECT version FROM module_schema WHERE name='bulletin'"), 2);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_steps_run_once_and_upgrade),
		cmocka_unit_test(test_newer_database_refused),
		cmocka_unit_test(test_failed_step_leaves_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
