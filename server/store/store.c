/* The broker's SQLite store: the connection, its pragmas, the turn's
 * transaction (group commit) and a cache of prepared statements. */
#include "store.h"

#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "hmap.h"
#include "migrate.h"
#include "store_fault.h"
#include "store_row.h"

/* One cached statement: found by its SQL text's address in the map, and
 * linked in a list the commit walks to reset every statement. */
struct cached {
	hl_hmap_node node;
	const char *sql;
	sqlite3_stmt *stmt;
	struct cached *next;
};

struct hl_store {
	sqlite3 *db;
	int want_txn;  /* a turn is open: the first statement begins the transaction */
	int in_txn;
	int failed;    /* a statement failed this turn: the commit rolls back and reports it */
	int readonly;  /* a read worker's connection: its transactions only read */
	hl_hmap cache; /* SQL text address -> struct cached; grows as it fills */
	struct cached *stmts;
};

static int exec(hl_store *st, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		hl_log(HL_LOG_ERROR, "store: %s: %s", sql, err ? err : "?");
		sqlite3_free(err);
		return HL_E_IO;
	}
	return 0;
}

int hl_store_open_at(const char *path, int version, hl_store **out)
{
	hl_store *st = calloc(1, sizeof *st);
	int rc;

	if (!st)
		return HL_E_NOMEM;
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		hl_log(HL_LOG_ERROR, "cannot open database %s: %s", path,
			st->db ? sqlite3_errmsg(st->db) : "out of memory");
		hl_store_close(st);
		return HL_E_IO;
	}
	sqlite3_busy_timeout(st->db, 5000);
	/* WAL lets readers (backups) run beside the broker; FULL syncs the WAL
	 * on every commit, so an acknowledged change survives power loss. */
	if (exec(st, "PRAGMA journal_mode=WAL") < 0 || exec(st, "PRAGMA synchronous=FULL") < 0 ||
	    exec(st, "PRAGMA foreign_keys=ON") < 0) {
		hl_store_close(st);
		return HL_E_IO;
	}
	rc = hl_migrate_run(st->db, version);
	if (rc < 0) {
		hl_store_close(st);
		return rc;
	}
	*out = st;
	return 0;
}

int hl_store_open_readonly(const char *path, hl_store **out)
{
	hl_store *st = calloc(1, sizeof *st);

	if (!st)
		return HL_E_NOMEM;
	st->readonly = 1;
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		hl_log(HL_LOG_ERROR, "cannot open database %s to read: %s", path,
			st->db ? sqlite3_errmsg(st->db) : "out of memory");
		hl_store_close(st);
		return HL_E_IO;
	}
	/* A reader waits only while the writer checkpoints or recovers the WAL. */
	sqlite3_busy_timeout(st->db, 5000);
	*out = st;
	return 0;
}

int hl_store_open(const char *path, hl_store **out)
{
	return hl_store_open_at(path, hl_migrate_latest(), out);
}

void hl_store_close(hl_store *st)
{
	if (!st)
		return;
	if (st->in_txn)
		hl_store_commit(st);
	for (struct cached *c = st->stmts, *next; c; c = next) {
		next = c->next;
		sqlite3_finalize(c->stmt);
		free(c);
	}
	hl_hmap_fini(&st->cache);
	sqlite3_close(st->db);
	free(st);
}

int hl_store_version(hl_store *st)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

int hl_store_latest_version(void)
{
	return hl_migrate_latest();
}

/* A failure inside a turn fails the turn; outside one (the command line's
 * one-off statements) the caller's code is the whole answer. */
static void mark_failed(hl_store *st)
{
	if (st->want_txn)
		st->failed = 1;
}

/* Turns that touch no table (pings, polls answered from memory) take no
 * lock and cost no commit: the transaction starts with the first statement.
 * After a failure nothing more runs in the turn: SQLite may already have
 * rolled the transaction back, and a later statement would then commit on
 * its own, half a change. */
static int txn_start(hl_store *st)
{
	if (st->failed)
		return HL_E_IO;
	if (st->in_txn || !st->want_txn)
		return 0;
	/* A reader's BEGIN takes no lock: its first SELECT fixes the snapshot
	 * every later statement of the job sees. */
	if (exec(st, st->readonly ? "BEGIN" : "BEGIN IMMEDIATE") < 0) {
		mark_failed(st);
		return HL_E_IO;
	}
	st->in_txn = 1;
	return 0;
}

/* A statement left on a row holds a read snapshot past the commit; the
 * next BEGIN IMMEDIATE would then fail at once if another connection (a
 * backup, an admin's sqlite3) wrote meanwhile. */
static void reset_all(hl_store *st)
{
	for (struct cached *c = st->stmts; c; c = c->next)
		sqlite3_reset(c->stmt);
}

int hl_store_begin(hl_store *st)
{
	st->want_txn = 1;
	return 0;
}

int hl_store_commit(hl_store *st)
{
	reset_all(st);
	st->want_txn = 0;
	if (st->failed) {
		st->failed = 0;
		if (st->in_txn)
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		st->in_txn = 0;
		return HL_E_IO;
	}
	if (!st->in_txn)
		return 0;
	st->in_txn = 0;
	return exec(st, "COMMIT");
}

void hl_store_rollback(hl_store *st)
{
	reset_all(st);
	if (st->in_txn && sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
		hl_log(HL_LOG_ERROR, "store: ROLLBACK: %s", sqlite3_errmsg(st->db));
	st->in_txn = 0;
	st->want_txn = 0;
	st->failed = 0;
}

sqlite3_stmt *hl_store_stmt(hl_store *st, const char *sql)
{
	uint64_t key = (uint64_t)(uintptr_t)sql;
	struct cached *c;
	hl_hmap_node *n;
	sqlite3_stmt *s;

	if (txn_start(st) < 0)
		return NULL;
	if ((n = hl_hmap_get(&st->cache, key))) {
		c = hl_hmap_entry(n, struct cached, node);
		sqlite3_reset(c->stmt);
		sqlite3_clear_bindings(c->stmt);
		return c->stmt;
	}
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		hl_log(HL_LOG_ERROR, "store: cannot prepare %s: %s", sql,
			sqlite3_errmsg(st->db));
		mark_failed(st);
		return NULL;
	}
	/* Statements are string literals, so the cache holds one entry per
	 * statement in the code and stops growing once each has run. */
	if (!(c = calloc(1, sizeof *c))) {
		hl_log(HL_LOG_ERROR, "store: out of memory caching %s", sql);
		sqlite3_finalize(s);
		mark_failed(st);
		return NULL;
	}
	c->sql = sql;
	c->stmt = s;
	c->next = st->stmts;
	st->stmts = c;
	hl_hmap_put(&st->cache, &c->node, key);
	return s;
}

size_t hl_store_stmt_count(hl_store *st)
{
	return hl_hmap_count(&st->cache);
}

static int is_duplicate(hl_store *st, int rc)
{
	int ext = sqlite3_extended_errcode(st->db);

	return rc == SQLITE_CONSTRAINT &&
	       (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY);
}

int hl_store_step(hl_store *st, sqlite3_stmt *s)
{
	int rc;

	/* The test build's seam: a write it says to fail fails as a full or
	 * broken disk would, before SQLite sees it. */
	if (!sqlite3_stmt_readonly(s) && hl_store_fault_write()) {
		hl_log(HL_LOG_ERROR, "store: write refused by the test fault hook: %s",
		       sqlite3_sql(s));
		mark_failed(st);
		return SQLITE_IOERR;
	}
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return rc;
	/* A duplicate is an answer the caller expects (a name taken, a key
	 * seen); the statement did nothing and the turn goes on. Anything
	 * else — a full or failing disk, a lock not had, a broken schema —
	 * means the turn cannot be stored as it ran. */
	if (is_duplicate(st, rc))
		return rc;
	hl_log(HL_LOG_ERROR, "store: %s: %s", sqlite3_errmsg(st->db), sqlite3_sql(s));
	mark_failed(st);
	return rc;
}

int hl_store_step_done(hl_store *st, sqlite3_stmt *s)
{
	int rc = hl_store_step(st, s);

	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	return is_duplicate(st, rc) ? HL_E_EXISTS : HL_E_IO;
}

int hl_store_turn_failed(const hl_store *st)
{
	return st->failed;
}

sqlite3 *hl_store_db(hl_store *st)
{
	return st->db;
}

struct text_out {
	char *buf;
	size_t cap;
};

static int text_row(sqlite3_stmt *s, void *arg)
{
	struct text_out *o = arg;

	hl_store_col_text(s, 0, o->buf, o->cap);
	return 0;
}

int hl_store_meta_get(hl_store *st, const char *key, char *buf, size_t cap)
{
	struct text_out o = {buf, cap};

	return hl_store_one(st, "SELECT value FROM meta WHERE key=?", text_row, &o, "t", key);
}

int hl_store_meta_set(hl_store *st, const char *key, const char *value)
{
	return hl_store_exec(st, "INSERT INTO meta(key,value) VALUES(?,?)"
		" ON CONFLICT(key) DO UPDATE SET value=excluded.value", "tt", key, value);
}
