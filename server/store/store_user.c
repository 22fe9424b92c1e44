/* Users and teams in the store: rows to structs and back. */
#include "store_user.h"

#include <stddef.h>
#include <string.h>

#include "error.h"
#include "store_row.h"

#define USER_COLS "u.id,u.name,u.display,u.role,COALESCE(t.name,''),u.pwhash,u.disabled," \
		  "u.created_ms,u.last_login_ms FROM user u LEFT JOIN team t ON t.id=u.team_id"

#define F(type, member) {type, offsetof(hl_user, member), sizeof ((hl_user *)0)->member, 0}

/* USER_COLS in order. */
static const hl_store_field user_fields[] = {
	F('l', id), F('t', name), F('t', display), F('i', role), F('t', team), F('t', pwhash),
	F('i', disabled), F('l', created_ms), F('l', last_login_ms),
};

static int row_user(sqlite3_stmt *s, void *arg)
{
	memset(arg, 0, sizeof(hl_user));
	hl_store_read_fields(s, 0, user_fields, sizeof user_fields / sizeof user_fields[0], arg);
	return 0;
}

/* A team's id by name; 0 (stored as NULL by NULLIF) for "". */
static int team_id(hl_store *st, const char *name, int64_t *id)
{
	*id = 0;
	if (!name[0])
		return 0;
	return hl_store_one(st, "SELECT id FROM team WHERE name=?", hl_store_row_int64, id, "t",
			    name);
}

int hl_store_user_insert(hl_store *st, hl_user *u)
{
	int64_t tid;
	int rc;

	if ((rc = team_id(st, u->team, &tid)) < 0)
		return rc;
	rc = hl_store_exec(st, "INSERT INTO user(name,display,role,team_id,pwhash,disabled,"
		"created_ms) VALUES(?,?,?,NULLIF(?,0),?,?,?)", "ttiltil", u->name, u->display,
		u->role, tid, u->pwhash, u->disabled, u->created_ms);
	if (rc == 0)
		u->id = hl_store_last_id(st);
	return rc;
}

int hl_store_user_get(hl_store *st, const char *name, hl_user *u)
{
	return hl_store_one(st, "SELECT " USER_COLS " WHERE u.name=?", row_user, u, "t", name);
}

int hl_store_user_get_id(hl_store *st, int64_t id, hl_user *u)
{
	return hl_store_one(st, "SELECT " USER_COLS " WHERE u.id=?", row_user, u, "l", id);
}

struct user_cb {
	int (*fn)(const hl_user *u, void *arg);
	void *arg;
	hl_user u;
};

static int user_each_row(sqlite3_stmt *s, void *arg)
{
	struct user_cb *cb = arg;

	row_user(s, &cb->u);
	return cb->fn(&cb->u, cb->arg);
}

int hl_store_user_each(hl_store *st, int (*fn)(const hl_user *u, void *arg), void *arg)
{
	struct user_cb cb = {.fn = fn, .arg = arg};

	return hl_store_each(st, "SELECT " USER_COLS " ORDER BY u.name", user_each_row, &cb, "");
}

/* An update of one named row: HL_E_NOTFOUND when no row matched. */
static int update_one(hl_store *st, int rc)
{
	return rc == 0 && hl_store_changes(st) == 0 ? HL_E_NOTFOUND : rc;
}

int hl_store_user_set_role(hl_store *st, const char *name, int role)
{
	return update_one(st, hl_store_exec(st, "UPDATE user SET role=? WHERE name=?", "it", role,
					     name));
}

int hl_store_user_set_disabled(hl_store *st, const char *name, int disabled)
{
	return update_one(st, hl_store_exec(st, "UPDATE user SET disabled=? WHERE name=?", "it",
					     disabled, name));
}

int hl_store_user_set_pwhash(hl_store *st, const char *name, const char *pwhash)
{
	return update_one(st, hl_store_exec(st, "UPDATE user SET pwhash=? WHERE name=?", "tt",
					     pwhash, name));
}

int hl_store_user_set_team(hl_store *st, const char *name, const char *team)
{
	int64_t tid;
	int rc;

	if ((rc = team_id(st, team, &tid)) < 0)
		return rc;
	return update_one(st, hl_store_exec(st, "UPDATE user SET team_id=NULLIF(?,0) WHERE name=?",
					     "lt", tid, name));
}

int hl_store_user_set_last_login(hl_store *st, int64_t id, int64_t ms)
{
	return update_one(st, hl_store_exec(st, "UPDATE user SET last_login_ms=? WHERE id=?", "ll",
					     ms, id));
}

int hl_store_team_insert(hl_store *st, hl_team *t)
{
	int rc = hl_store_exec(st, "INSERT INTO team(name,created_ms) VALUES(?,?)", "tl", t->name,
			       t->created_ms);

	if (rc == 0)
		t->id = hl_store_last_id(st);
	return rc;
}

struct team_cb {
	int (*fn)(const hl_team *t, void *arg);
	void *arg;
};

static int team_row(sqlite3_stmt *s, void *arg)
{
	struct team_cb *cb = arg;
	hl_team t;

	memset(&t, 0, sizeof t);
	t.id = sqlite3_column_int64(s, 0);
	hl_store_col_text(s, 1, t.name, sizeof t.name);
	t.created_ms = sqlite3_column_int64(s, 2);
	t.members = sqlite3_column_int(s, 3);
	return cb->fn(&t, cb->arg);
}

int hl_store_team_each(hl_store *st, int (*fn)(const hl_team *t, void *arg), void *arg)
{
	struct team_cb cb = {fn, arg};

	return hl_store_each(st, "SELECT t.id,t.name,t.created_ms,"
		"(SELECT COUNT(*) FROM user u WHERE u.team_id=t.id) FROM team t ORDER BY t.name",
		team_row, &cb, "");
}
