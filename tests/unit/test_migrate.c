/* Tests for server/store/store.c and migrate.c: a new database comes up at the
 * newest schema in WAL mode, an older one is upgraded with its rows intact, a
 * newer one is refused, and reopening a current one changes nothing. */
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
#include "hotline.pb-c.h"
#include "migrate.h"
#include "store.h"
#include "store_audit.h"
#include "store_user.h"

/* One private directory per test, holding one database file. */
typedef struct fixture {
	char dir[64];
	char path[128];
} fixture;

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);

	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof fx->dir, "/tmp/hl-test-migrate-XXXXXX");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	snprintf(fx->path, sizeof fx->path, "%s/hotline.db", fx->dir);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	char p[160];
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};

	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(p, sizeof p, "%s%s", fx->path, suffix[i]);
		unlink(p);
	}
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* Runs a one-row, one-column query and returns the integer. */
static int64_t query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	int64_t v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* Same for a text result, copied into `buf`. */
static void query_text(sqlite3 *db, const char *sql, char *buf, size_t cap)
{
	sqlite3_stmt *s;
	const unsigned char *t;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	t = sqlite3_column_text(s, 0);
	snprintf(buf, cap, "%s", t ? (const char *)t : "");
	sqlite3_finalize(s);
}

static int has_table(sqlite3 *db, const char *name)
{
	sqlite3_stmt *s;
	int found;

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type='table'"
					    " AND name=?", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return found;
}

static int has_column(sqlite3 *db, const char *table, const char *column)
{
	char sql[128];
	sqlite3_stmt *s;
	int found = 0;

	snprintf(sql, sizeof sql, "PRAGMA table_info(%s)", table);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW)
		if (strcmp((const char *)sqlite3_column_text(s, 1), column) == 0)
			found = 1;
	sqlite3_finalize(s);
	return found;
}

/* Reads a file's user_version without the store, so nothing migrates it. */
static int raw_user_version(const char *path)
{
	sqlite3 *db;
	int v;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	v = (int)query_int(db, "PRAGMA user_version");
	sqlite3_close(db);
	return v;
}

static void test_latest_matches_migrations(void **state)
{
	(void)state;
	/* The store and the migration list agree, and there is at least the
	 * version that added the audit log. */
	assert_int_equal(hl_store_latest_version(), hl_migrate_latest());
	assert_true(hl_store_latest_version() >= 2);
}

static void test_empty_database_migrates_to_latest(void **state)
{
	fixture *fx = *state;
	hl_store *st = NULL;
	char mode[32];
	sqlite3 *db;

	assert_int_equal(hl_store_open(fx->path, &st), 0);
	assert_non_null(st);
	assert_int_equal(hl_store_version(st), hl_store_latest_version());
	db = hl_store_db(st);
	assert_int_equal(query_int(db, "PRAGMA user_version"), hl_store_latest_version());

	/* Durability settings a crash would otherwise expose. */
	query_text(db, "PRAGMA journal_mode", mode, sizeof mode);
	assert_string_equal(mode, "wal");
	assert_int_equal(query_int(db, "PRAGMA synchronous"), 2);
	assert_int_equal(query_int(db, "PRAGMA foreign_keys"), 1);

	/* Every table of the current schema is there. */
	assert_true(has_table(db, "meta"));
	assert_true(has_table(db, "team"));
	assert_true(has_table(db, "user"));
	assert_true(has_table(db, "session"));
	assert_true(has_table(db, "session_event"));
	assert_true(has_table(db, "audit"));
	assert_true(has_column(db, "user", "last_login_ms"));
	hl_store_close(st);

	/* The version is in the file, not only in the connection. */
	assert_int_equal(raw_user_version(fx->path), hl_store_latest_version());
}

static void test_open_at_stops_at_version(void **state)
{
	fixture *fx = *state;
	hl_store *st = NULL;

	assert_int_equal(hl_store_open_at(fx->path, 1, &st), 0);
	assert_int_equal(hl_store_version(st), 1);
	assert_true(has_table(hl_store_db(st), "user"));
	assert_false(has_table(hl_store_db(st), "audit"));
	assert_false(has_column(hl_store_db(st), "user", "last_login_ms"));
	hl_store_close(st);
	assert_int_equal(raw_user_version(fx->path), 1);
}

static void test_upgrade_from_v1_keeps_rows(void **state)
{
	fixture *fx = *state;
	hl_store *st = NULL;
	hl_team t = {.created_ms = 1000};
	hl_user u = {.role = HOTLINE__ROLE__AGENT, .created_ms = 2000};
	hl_user got;
	hl_audit_check chk;
	int64_t team_id, user_id;

	/* A database as a version-1 broker left it. The insert functions use
	 * only version-1 columns, so they work on it. */
	assert_int_equal(hl_store_open_at(fx->path, 1, &st), 0);
	assert_int_equal(hl_store_version(st), 1);
	snprintf(t.name, sizeof t.name, "billing");
	assert_int_equal(hl_store_team_insert(st, &t), 0);
	team_id = t.id;
	assert_true(team_id > 0);
	snprintf(u.name, sizeof u.name, "alice");
	snprintf(u.display, sizeof u.display, "Alice Liddell");
	snprintf(u.team, sizeof u.team, "billing");
	snprintf(u.pwhash, sizeof u.pwhash, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA");
	assert_int_equal(hl_store_user_insert(st, &u), 0);
	user_id = u.id;
	assert_true(user_id > 0);
	hl_store_close(st);

	/* The current build upgrades it on open. */
	st = NULL;
	assert_int_equal(hl_store_open(fx->path, &st), 0);
	assert_int_equal(hl_store_version(st), hl_store_latest_version());
	assert_true(has_table(hl_store_db(st), "audit"));
	assert_true(has_column(hl_store_db(st), "user", "last_login_ms"));

	assert_int_equal(hl_store_user_get(st, "alice", &got), 0);
	assert_int_equal(got.id, user_id);
	assert_string_equal(got.name, "alice");
	assert_string_equal(got.display, "Alice Liddell");
	assert_int_equal(got.role, HOTLINE__ROLE__AGENT);
	assert_string_equal(got.team, "billing");
	assert_string_equal(got.pwhash, u.pwhash);
	assert_int_equal(got.disabled, 0);
	assert_int_equal(got.created_ms, 2000);
	/* The new column reads as "never logged in" for old rows. */
	assert_int_equal(got.last_login_ms, 0);
	assert_int_equal(query_int(hl_store_db(st), "SELECT COUNT(*) FROM team WHERE name='billing'"),
			 1);

	/* The new parts work on the upgraded database. */
	assert_int_equal(hl_store_user_set_last_login(st, user_id, 5000), 0);
	assert_int_equal(hl_store_user_get_id(st, user_id, &got), 0);
	assert_int_equal(got.last_login_ms, 5000);
	assert_int_equal(hl_store_audit_verify(st, NULL, &chk), 0);
	assert_true(chk.intact);
	assert_int_equal(chk.total, 0);
	hl_store_close(st);
	assert_int_equal(raw_user_version(fx->path), hl_store_latest_version());
}

static void test_newer_database_refused(void **state)
{
	fixture *fx = *state;
	hl_store *st = NULL;
	char sql[64];
	int newer = hl_store_latest_version() + 1;

	assert_int_equal(hl_store_open(fx->path, &st), 0);
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d", newer);
	assert_int_equal(sqlite3_exec(hl_store_db(st), sql, NULL, NULL, NULL), SQLITE_OK);
	hl_store_close(st);

	st = NULL;
	assert_int_equal(hl_store_open(fx->path, &st), HL_E_VERSION);
	assert_null(st);
	assert_int_equal(hl_store_open_at(fx->path, 1, &st), HL_E_VERSION);
	assert_null(st);
	/* Refusing does not touch the file: a newer broker can still use it. */
	assert_int_equal(raw_user_version(fx->path), newer);
}

static void test_reopen_latest_is_noop(void **state)
{
	fixture *fx = *state;
	hl_store *st = NULL;
	hl_team t = {.created_ms = 7};
	char schema_before[4096], schema_after[4096];
	int64_t cookie_before, cookie_after;
	const char *schema_sql = "SELECT group_concat(sql, ';') FROM"
				 " (SELECT sql FROM sqlite_master ORDER BY name)";

	assert_int_equal(hl_store_open(fx->path, &st), 0);
	snprintf(t.name, sizeof t.name, "support");
	assert_int_equal(hl_store_team_insert(st, &t), 0);
	cookie_before = query_int(hl_store_db(st), "PRAGMA schema_version");
	query_text(hl_store_db(st), schema_sql, schema_before, sizeof schema_before);
	hl_store_close(st);

	for (int round = 0; round < 2; round++) {
		st = NULL;
		assert_int_equal(hl_store_open(fx->path, &st), 0);
		assert_int_equal(hl_store_version(st), hl_store_latest_version());
		/* No migration ran: the schema cookie and text are unchanged. */
		cookie_after = query_int(hl_store_db(st), "PRAGMA schema_version");
		query_text(hl_store_db(st), schema_sql, schema_after, sizeof schema_after);
		assert_int_equal(cookie_after, cookie_before);
		assert_string_equal(schema_after, schema_before);
		assert_int_equal(query_int(hl_store_db(st),
					   "SELECT COUNT(*) FROM team WHERE name='support'"), 1);
		hl_store_close(st);
	}
}

static void test_meta_round_trip(void **state)
{
	fixture *fx = *state;
	hl_store *st = NULL;
	char buf[32];

	assert_int_equal(hl_store_open(fx->path, &st), 0);
	assert_int_equal(hl_store_meta_get(st, "nothing", buf, sizeof buf), HL_E_NOTFOUND);
	assert_int_equal(hl_store_meta_set(st, "k", "one"), 0);
	assert_int_equal(hl_store_meta_set(st, "k", "two"), 0);
	hl_store_close(st);

	st = NULL;
	assert_int_equal(hl_store_open(fx->path, &st), 0);
	assert_int_equal(hl_store_meta_get(st, "k", buf, sizeof buf), 0);
	assert_string_equal(buf, "two");
	hl_store_close(st);
}

static void test_unopenable_path(void **state)
{
	fixture *fx = *state;
	hl_store *st = NULL;
	char bad[160];

	snprintf(bad, sizeof bad, "%s/no/such/dir/hotline.db", fx->dir);
	assert_int_equal(hl_store_open(bad, &st), HL_E_IO);
	assert_null(st);
	hl_store_close(NULL);
}

/* An agent's own day (read at every desk login) is found by index, not by
 * reading every contact the floor had today. */
static void test_agent_day_by_index(void **state)
{
	fixture *fx = *state;
	hl_store *st = NULL;
	sqlite3_stmt *s;
	int indexed = 0;

	assert_int_equal(hl_store_open(fx->path, &st), 0);
	assert_int_equal(sqlite3_prepare_v2(hl_store_db(st), "EXPLAIN QUERY PLAN SELECT id FROM"
					    " contact WHERE agent=?1 AND created_ms>=?2 ORDER BY id",
					    -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW)
		if (strstr((const char *)sqlite3_column_text(s, 3), "INDEX contact_agent"))
			indexed = 1;
	sqlite3_finalize(s);
	assert_true(indexed);
	hl_store_close(st);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_latest_matches_migrations),
		cmocka_unit_test_setup_teardown(test_empty_database_migrates_to_latest, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_open_at_stops_at_version, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upgrade_from_v1_keeps_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_database_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reopen_latest_is_noop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_meta_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unopenable_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_agent_day_by_index, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
