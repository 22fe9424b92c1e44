/* The numbered schema migrations: append a new entry, never edit an old one. */
#include "migrate.h"

#include "log.h"

#include <stdio.h>

#include "error.h"

/* Index i holds the SQL that takes the schema from version i to i + 1. */
static const char *const migrations[] = {
	/* 1: users, teams, sessions and their event outboxes. */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE team(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" created_ms INTEGER NOT NULL);"
	"CREATE TABLE user(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	" display TEXT NOT NULL, role INTEGER NOT NULL,"
	" team_id INTEGER REFERENCES team(id), pwhash TEXT NOT NULL,"
	" disabled INTEGER NOT NULL DEFAULT 0, created_ms INTEGER NOT NULL);"
	"CREATE TABLE session(id INTEGER PRIMARY KEY, token_hash BLOB NOT NULL UNIQUE,"
	" user_id INTEGER NOT NULL REFERENCES user(id), created_ms INTEGER NOT NULL,"
	" last_seen_ms INTEGER NOT NULL, next_seq INTEGER NOT NULL,"
	" acked_seq INTEGER NOT NULL, peer TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE session_event(session_id INTEGER NOT NULL, seq INTEGER NOT NULL,"
	" body BLOB NOT NULL, PRIMARY KEY(session_id, seq)) WITHOUT ROWID;",
	/* 2: the hash-chained audit log, and last login times. */
	"CREATE TABLE audit(id INTEGER PRIMARY KEY, time_ms INTEGER NOT NULL,"
	" actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,"
	" detail TEXT NOT NULL, result TEXT NOT NULL, prev_hash BLOB NOT NULL,"
	" hash BLOB NOT NULL);"
	"ALTER TABLE user ADD COLUMN last_login_ms INTEGER NOT NULL DEFAULT 0;",
	/* 3: queues, agents' routing profiles, customers, contacts and their
	 * messages, messages left outside business hours. */
	"CREATE TABLE queue(id TEXT PRIMARY KEY, conf BLOB NOT NULL, created_ms INTEGER NOT NULL);"
	"CREATE TABLE agent(user_id INTEGER PRIMARY KEY REFERENCES user(id),"
	" capacity INTEGER NOT NULL DEFAULT 1, region TEXT NOT NULL DEFAULT '',"
	" state TEXT NOT NULL DEFAULT 'offline', reason TEXT NOT NULL DEFAULT '',"
	" since_ms INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE agent_skill(user_id INTEGER NOT NULL, queue TEXT NOT NULL,"
	" level INTEGER NOT NULL, PRIMARY KEY(user_id, queue)) WITHOUT ROWID;"
	"CREATE TABLE customer(id INTEGER PRIMARY KEY, token_hash BLOB NOT NULL UNIQUE,"
	" created_ms INTEGER NOT NULL, last_agent TEXT NOT NULL DEFAULT '',"
	" region TEXT NOT NULL DEFAULT '');"
	"CREATE TABLE contact(id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL,"
	" queue TEXT NOT NULL, state TEXT NOT NULL, agent TEXT NOT NULL DEFAULT '',"
	" created_ms INTEGER NOT NULL, queued_ms INTEGER NOT NULL,"
	" answered_ms INTEGER NOT NULL DEFAULT 0, ended_ms INTEGER NOT NULL DEFAULT 0,"
	" ended_by TEXT NOT NULL DEFAULT '', wait_ms INTEGER NOT NULL DEFAULT 0,"
	" wrap_code TEXT NOT NULL DEFAULT '', wrap_note TEXT NOT NULL DEFAULT '',"
	" wrap_end_ms INTEGER NOT NULL DEFAULT 0, csat INTEGER NOT NULL DEFAULT 0,"
	" nps INTEGER NOT NULL DEFAULT -1, comment TEXT NOT NULL DEFAULT '',"
	" trail BLOB, next_seq INTEGER NOT NULL DEFAULT 1, item TEXT NOT NULL DEFAULT '');"
	"CREATE INDEX contact_created ON contact(created_ms);"
	"CREATE INDEX contact_customer ON contact(customer_id);"
	"CREATE TABLE message(contact_id INTEGER NOT NULL, seq INTEGER NOT NULL,"
	" sender TEXT NOT NULL, name TEXT NOT NULL, text TEXT NOT NULL, ts_ms INTEGER NOT NULL,"
	" client_id TEXT NOT NULL DEFAULT '', PRIMARY KEY(contact_id, seq)) WITHOUT ROWID;"
	"CREATE UNIQUE INDEX message_client ON message(contact_id, sender, client_id)"
	" WHERE client_id <> '';"
	"CREATE TABLE left_message(id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL,"
	" item TEXT NOT NULL, name TEXT NOT NULL, contact TEXT NOT NULL, text TEXT NOT NULL,"
	" created_ms INTEGER NOT NULL, ticket_id INTEGER);",
	/* 4: the configured Not Ready reasons and wrap-up codes, seeded with
	 * the ones the desk and the docs used before they were configured. */
	"CREATE TABLE reason_code(kind TEXT NOT NULL, id TEXT NOT NULL,"
	" label_en TEXT NOT NULL, label_zh TEXT NOT NULL DEFAULT '',"
	" position INTEGER NOT NULL, created_ms INTEGER NOT NULL DEFAULT 0,"
	" PRIMARY KEY(kind, id)) WITHOUT ROWID;"
	"INSERT INTO reason_code(kind,id,label_en,label_zh,position) VALUES"
	" ('not_ready','break','Break','小休',1),('not_ready','lunch','Lunch','午餐',2),"
	" ('not_ready','meeting','Meeting','会议',3),('not_ready','training','Training','培训',4),"
	" ('not_ready','coaching','Coaching','辅导',5),"
	" ('wrap_up','resolved','Resolved','已解决',1),"
	" ('wrap_up','follow-up','Follow-up needed','需跟进',2),"
	" ('wrap_up','escalated','Escalated','已升级',3),"
	" ('wrap_up','no-answer','No answer','客户无应答',4);",
	/* 5: system lines as events: a code and its arguments (JSON, ids), so
	 * each reader renders them in their language (docs/protocol.md). Old
	 * rows keep code '' and are shown by their text. */
	("ALTER TABLE message ADD COLUMN code TEXT NOT NULL DEFAULT '';"
	 "ALTER TABLE message ADD COLUMN args TEXT NOT NULL DEFAULT '';"),
	/* 6: idempotency keys: the first answer to each keyed request that
	 * changes state, per user, kept 24 hours (server/idem.c). */
	("CREATE TABLE idempotency(user_id INTEGER NOT NULL, key BLOB NOT NULL,"
	 " request TEXT NOT NULL, digest BLOB NOT NULL, created_ms INTEGER NOT NULL,"
	 " status INTEGER NOT NULL, error TEXT NOT NULL, reply BLOB NOT NULL,"
	 " PRIMARY KEY(user_id, key)) WITHOUT ROWID;"
	 "CREATE INDEX idempotency_created ON idempotency(created_ms);"),
	/* 7: the floor's counts per 15-minute interval, per queue (agent '')
	 * and per agent (queue ''), by the contacts created in the interval
	 * (server/figures.c, docs/metrics.md §6). */
	("CREATE TABLE figures_interval(start_ms INTEGER NOT NULL, queue TEXT NOT NULL,"
	 " agent TEXT NOT NULL, sl_secs INTEGER NOT NULL, short_secs INTEGER NOT NULL,"
	 " offered INTEGER NOT NULL, answered INTEGER NOT NULL,"
	 " answered_within_sl INTEGER NOT NULL, abandoned INTEGER NOT NULL,"
	 " short_abandoned INTEGER NOT NULL, abandoned_within_sl INTEGER NOT NULL,"
	 " timed_out INTEGER NOT NULL, rejected INTEGER NOT NULL,"
	 " wait_answered_ms INTEGER NOT NULL, handled INTEGER NOT NULL,"
	 " talk_ms INTEGER NOT NULL, wrap_ms INTEGER NOT NULL,"
	 " csat_ratings INTEGER NOT NULL, csat_satisfied INTEGER NOT NULL,"
	 " nps_answers INTEGER NOT NULL, nps_promoters INTEGER NOT NULL,"
	 " nps_detractors INTEGER NOT NULL, written_ms INTEGER NOT NULL,"
	 " PRIMARY KEY(start_ms, queue, agent)) WITHOUT ROWID;"),
	/* 8: an agent's contacts of the day by index: a desk's login reads its
	 * own day, not every contact the floor had today. */
	"CREATE INDEX contact_agent ON contact(agent, created_ms);",
};

#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int hl_migrate_latest(void)
{
	return N_MIGRATIONS;
}

static int user_version(sqlite3 *db)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

static int exec(sqlite3 *db, const char *sql, int step)
{
	char *err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		hl_log(HL_LOG_ERROR, "migration %d failed: %s", step,
			err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		return HL_E_IO;
	}
	return 0;
}

int hl_migrate_run(sqlite3 *db, int target)
{
	int v = user_version(db);
	char sql[64];

	if (v < 0)
		return HL_E_IO;
	if (v > N_MIGRATIONS) {
		hl_log(HL_LOG_ERROR, "the database is at schema version %d but this "
			"build knows only up to %d; run a newer hotline-broker\n", v, N_MIGRATIONS);
		return HL_E_VERSION;
	}
	if (target > N_MIGRATIONS)
		target = N_MIGRATIONS;
	for (; v < target; v++) {
		/* Each step and its version bump commit together, so a crash leaves
		 * the database at a whole version. */
		if (exec(db, "BEGIN IMMEDIATE", v + 1) < 0)
			return HL_E_IO;
		snprintf(sql, sizeof sql, "PRAGMA user_version=%d", v + 1);
		if (exec(db, migrations[v], v + 1) < 0 || exec(db, sql, v + 1) < 0) {
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return HL_E_IO;
		}
		if (exec(db, "COMMIT", v + 1) < 0)
			return HL_E_IO;
	}
	return 0;
}

/* The version of module `name`'s own schema, 0 when it has none yet. */
static int module_version(sqlite3 *db, const char *name)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(db, "SELECT version FROM module_schema WHERE name = ?1", -1, &s,
			       NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	switch (sqlite3_step(s)) {
	case SQLITE_ROW: v = sqlite3_column_int(s, 0); break;
	case SQLITE_DONE: v = 0; break;
	default: break;
	}
	sqlite3_finalize(s);
	return v;
}

int hl_migrate_module(sqlite3 *db, const char *name, const char *const *steps, size_t n)
{
	sqlite3_stmt *s;
	int v, rc;

	if (!n)
		return 0;
	/* The table of module versions is made here, not by a numbered
	 * migration, so that a module's first table needs no edit of the
	 * core list above: the core schema stays the broker's, a module's
	 * tables the module's. */
	if (exec(db, "CREATE TABLE IF NOT EXISTS module_schema(name TEXT PRIMARY KEY,"
		 " version INTEGER NOT NULL) WITHOUT ROWID", 0) < 0 ||
	    (v = module_version(db, name)) < 0)
		return HL_E_IO;
	if ((size_t)v > n) {
		hl_log(HL_LOG_ERROR, "the database holds module %s at schema version %d but "
		       "this build knows only up to %zu; run a newer hotline-broker", name, v, n);
		return HL_E_VERSION;
	}
	for (; (size_t)v < n; v++)
		if (exec(db, steps[v], v + 1) < 0) {
			hl_log(HL_LOG_ERROR, "module %s: schema step %d failed", name, v + 1);
			return HL_E_IO;
		}
	if (sqlite3_prepare_v2(db, "INSERT INTO module_schema(name, version) VALUES(?1, ?2)"
			       " ON CONFLICT(name) DO UPDATE SET version = excluded.version",
			       -1, &s, NULL) != SQLITE_OK)
		return HL_E_IO;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, v);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 : HL_E_IO;
	sqlite3_finalize(s);
	return rc;
}
