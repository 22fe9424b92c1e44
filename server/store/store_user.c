/* Users and teams in the store: rows to structs and back. */
#include "store_user.h"

#include <stdio.h>
#include <string.h>

#include "error.h"

#define USER_COLS "u.id,u.name,u.display,u.role,COALESCE(t.name,''),u.pwhash,u.disabled," \
		  "u.created_ms,u.last_login_ms FROM user u LEFT JOIN team t ON t.id=u.team_id"

static void copy_text(char *dst, size_t cap, sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	snprintf(dst, cap, "%s", t ? (const char *)t : "");
}

static void row_user(sqlite3_stmt *s, hl_user *u)
{
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(s, 0);
	copy_text(u->name, sizeof u->name, s, 1);
	copy_text(u->display, sizeof u->display, s, 2);
	u->role = sqlite3_column_int(s, 3);
	copy_text(u->team, sizeof u->team, s, 4);
	copy_text(u->pwhash, sizeof u->pwhash, s, 5);
	u->disabled = sqlite3_column_int(s, 6);
	u->created_ms = sqlite3_column_int64(s, 7);
	u->last_login_ms = sqlite3_column_int64(s, 8);
}

static int team_id(hl_store *st, const char *name, int64_t *id)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT id FROM team WHERE name=?");

	if (!s)
		return HL_E_IO;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if (hl_store_step(st, s) != SQLITE_ROW)
		return HL_E_NOTFOUND;
	*id = sqlite3_column_int64(s, 0);
	return 0;
}

int hl_store_user_insert(hl_store *st, hl_user *u)
{
	sqlite3_stmt *s;
	int64_t tid = 0;
	int rc;

	if (u->team[0] && (rc = team_id(st, u->team, &tid)) < 0)
		return rc;
	s = hl_store_stmt(st, "INSERT INTO user(name,display,role,team_id,pwhash,disabled,"
			  "created_ms) VALUES(?,?,?,?,?,?,?)");
	if (!s)
		return HL_E_IO;
	sqlite3_bind_text(s, 1, u->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, u->display, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, u->role);
	if (tid)
		sqlite3_bind_int64(s, 4, tid);
	else
		sqlite3_bind_null(s, 4);
	sqlite3_bind_text(s, 5, u->pwhash, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, u->disabled);
	sqlite3_bind_int64(s, 7, u->created_ms);
	rc = hl_store_step_done(st, s);
	if (rc == 0)
		u->id = sqlite3_last_insert_rowid(hl_store_db(st));
	return rc;
}

int hl_store_user_get(hl_store *st, const char *name, hl_user *u)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT " USER_COLS " WHERE u.name=?");

	if (!s)
		return HL_E_IO;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if (hl_store_step(st, s) != SQLITE_ROW)
		return HL_E_NOTFOUND;
	row_user(s, u);
	return 0;
}

int hl_store_user_get_id(hl_store *st, int64_t id, hl_user *u)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT " USER_COLS " WHERE u.id=?");

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, id);
	if (hl_store_step(st, s) != SQLITE_ROW)
		return HL_E_NOTFOUND;
	row_user(s, u);
	return 0;
}

int hl_store_user_each(hl_store *st, int (*fn)(const hl_user *u, void *arg), void *arg)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT " USER_COLS " ORDER BY u.name");
	hl_user u;
	int rc;

	if (!s)
		return HL_E_IO;
	while ((rc = hl_store_step(st, s)) == SQLITE_ROW) {
		row_user(s, &u);
		if (fn(&u, arg))
			break;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : HL_E_IO;
}

static int update_one(hl_store *st, sqlite3_stmt *s)
{
	int rc;

	if (!s)
		return HL_E_IO;
	rc = hl_store_step_done(st, s);
	if (rc == 0 && sqlite3_changes(hl_store_db(st)) == 0)
		return HL_E_NOTFOUND;
	return rc;
}

int hl_store_user_set_role(hl_store *st, const char *name, int role)
{
	sqlite3_stmt *s = hl_store_stmt(st, "UPDATE user SET role=? WHERE name=?");

	if (s) {
		sqlite3_bind_int(s, 1, role);
		sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	}
	return update_one(st, s);
}

int hl_store_user_set_disabled(hl_store *st, const char *name, int disabled)
{
	sqlite3_stmt *s = hl_store_stmt(st, "UPDATE user SET disabled=? WHERE name=?");

	if (s) {
		sqlite3_bind_int(s, 1, disabled);
		sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	}
	return update_one(st, s);
}

int hl_store_user_set_pwhash(hl_store *st, const char *name, const char *pwhash)
{
	sqlite3_stmt *s = hl_store_stmt(st, "UPDATE user SET pwhash=? WHERE name=?");

	if (s) {
		sqlite3_bind_text(s, 1, pwhash, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	}
	return update_one(st, s);
}

int hl_store_user_set_team(hl_store *st, const char *name, const char *team)
{
	sqlite3_stmt *s;
	int64_t tid = 0;
	int rc;

	if (team[0] && (rc = team_id(st, team, &tid)) < 0)
		return rc;
	s = hl_store_stmt(st, "UPDATE user SET team_id=? WHERE name=?");
	if (s) {
		if (tid)
			sqlite3_bind_int64(s, 1, tid);
		else
			sqlite3_bind_null(s, 1);
		sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	}
	return update_one(st, s);
}

int hl_store_user_set_last_login(hl_store *st, int64_t id, int64_t ms)
{
	sqlite3_stmt *s = hl_store_stmt(st, "UPDATE user SET last_login_ms=? WHERE id=?");

	if (s) {
		sqlite3_bind_int64(s, 1, ms);
		sqlite3_bind_int64(s, 2, id);
	}
	return update_one(st, s);
}

int hl_store_team_insert(hl_store *st, hl_team *t)
{
	sqlite3_stmt *s = hl_store_stmt(st, "INSERT INTO team(name,created_ms) VALUES(?,?)");
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_text(s, 1, t->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, t->created_ms);
	rc = hl_store_step_done(st, s);
	if (rc == 0)
		t->id = sqlite3_last_insert_rowid(hl_store_db(st));
	return rc;
}

int hl_store_team_each(hl_store *st, int (*fn)(const hl_team *t, void *arg), void *arg)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT t.id,t.name,t.created_ms,"
		"(SELECT COUNT(*) FROM user u WHERE u.team_id=t.id) FROM team t ORDER BY t.name");
	hl_team t;
	int rc;

	if (!s)
		return HL_E_IO;
	while ((rc = hl_store_step(st, s)) == SQLITE_ROW) {
		memset(&t, 0, sizeof t);
		t.id = sqlite3_column_int64(s, 0);
		copy_text(t.name, sizeof t.name, s, 1);
		t.created_ms = sqlite3_column_int64(s, 2);
		t.members = sqlite3_column_int(s, 3);
		if (fn(&t, arg))
			break;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : HL_E_IO;
}
