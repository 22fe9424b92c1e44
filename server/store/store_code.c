/* Configured codes in the store: rows of reason_code to structs and back. */
#include "store_code.h"

#include <stdio.h>
#include <string.h>

#include "error.h"

static void copy_text(char *dst, size_t cap, sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	snprintf(dst, cap, "%s", t ? (const char *)t : "");
}

static void row_code(sqlite3_stmt *s, hl_code *c)
{
	memset(c, 0, sizeof *c);
	copy_text(c->kind, sizeof c->kind, s, 0);
	copy_text(c->id, sizeof c->id, s, 1);
	copy_text(c->label_en, sizeof c->label_en, s, 2);
	copy_text(c->label_zh, sizeof c->label_zh, s, 3);
	c->created_ms = sqlite3_column_int64(s, 4);
}

int hl_store_code_insert(hl_store *st, const hl_code *c)
{
	hl_code old;
	sqlite3_stmt *s;

	/* Asked first: a primary key clash is not the UNIQUE error the store
	 * maps to HL_E_EXISTS. */
	if (hl_store_code_get(st, c->kind, c->id, &old) == 0)
		return HL_E_EXISTS;
	s = hl_store_stmt(st, "INSERT INTO reason_code(kind,id,label_en,label_zh,"
		"position,created_ms) VALUES(?1,?2,?3,?4,(SELECT COALESCE(MAX(position),0)+1 FROM"
		" reason_code WHERE kind=?1),?5)");

	if (!s)
		return HL_E_IO;
	sqlite3_bind_text(s, 1, c->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, c->label_en, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, c->label_zh, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, c->created_ms);
	return hl_store_step_done(st, s);
}

int hl_store_code_delete(hl_store *st, const char *kind, const char *id)
{
	sqlite3_stmt *s = hl_store_stmt(st, "DELETE FROM reason_code WHERE kind=? AND id=?");
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	if ((rc = hl_store_step_done(st, s)) < 0)
		return rc;
	return sqlite3_changes(hl_store_db(st)) ? 0 : HL_E_NOTFOUND;
}

int hl_store_code_get(hl_store *st, const char *kind, const char *id, hl_code *out)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT kind,id,label_en,label_zh,created_ms FROM"
					" reason_code WHERE kind=? AND id=?");
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	rc = hl_store_step(st, s);
	if (rc == SQLITE_ROW) {
		row_code(s, out);
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? HL_E_NOTFOUND : HL_E_IO;
}

int hl_store_code_each(hl_store *st, const char *kind, int (*fn)(const hl_code *c, void *arg),
		       void *arg)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT kind,id,label_en,label_zh,created_ms FROM"
		" reason_code WHERE ?1='' OR kind=?1 ORDER BY kind,position");
	hl_code c;
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_text(s, 1, kind ? kind : "", -1, SQLITE_STATIC);
	while ((rc = hl_store_step(st, s)) == SQLITE_ROW) {
		row_code(s, &c);
		if (fn(&c, arg))
			break;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : HL_E_IO;
}
