/* Configured codes in the store: rows of reason_code to structs and back. */
#include "store_code.h"

#include <stddef.h>
#include <string.h>

#include "error.h"
#include "store_row.h"

#define F(type, member) {type, offsetof(hl_code, member), sizeof ((hl_code *)0)->member, 0}

/* The columns every code query reads, in order. */
#define CODE_COLS "kind,id,label_en,label_zh,created_ms"
static const hl_store_field code_fields[] = {
	F('t', kind), F('t', id), F('t', label_en), F('t', label_zh), F('l', created_ms),
};

static int row_code(sqlite3_stmt *s, void *arg)
{
	memset(arg, 0, sizeof(hl_code));
	hl_store_read_fields(s, 0, code_fields, sizeof code_fields / sizeof code_fields[0], arg);
	return 0;
}

int hl_store_code_insert(hl_store *st, const hl_code *c)
{
	hl_code old;

	/* Asked first, so a taken id is answered without a failed statement. */
	if (hl_store_code_get(st, c->kind, c->id, &old) == 0)
		return HL_E_EXISTS;
	return hl_store_exec(st, "INSERT INTO reason_code(kind,id,label_en,label_zh,"
		"position,created_ms) VALUES(?1,?2,?3,?4,(SELECT COALESCE(MAX(position),0)+1 FROM"
		" reason_code WHERE kind=?1),?5)", "ttttl", c->kind, c->id, c->label_en,
		c->label_zh, c->created_ms);
}

int hl_store_code_delete(hl_store *st, const char *kind, const char *id)
{
	int rc = hl_store_exec(st, "DELETE FROM reason_code WHERE kind=? AND id=?", "tt", kind, id);

	if (rc < 0)
		return rc;
	return hl_store_changes(st) ? 0 : HL_E_NOTFOUND;
}

int hl_store_code_get(hl_store *st, const char *kind, const char *id, hl_code *out)
{
	return hl_store_one(st, "SELECT " CODE_COLS " FROM reason_code WHERE kind=? AND id=?",
			    row_code, out, "tt", kind, id);
}

struct code_cb {
	int (*fn)(const hl_code *c, void *arg);
	void *arg;
	hl_code c;
};

static int code_each_row(sqlite3_stmt *s, void *arg)
{
	struct code_cb *cb = arg;

	row_code(s, &cb->c);
	return cb->fn(&cb->c, cb->arg);
}

int hl_store_code_each(hl_store *st, const char *kind, int (*fn)(const hl_code *c, void *arg),
		       void *arg)
{
	struct code_cb cb = {.fn = fn, .arg = arg};

	return hl_store_each(st, "SELECT " CODE_COLS " FROM reason_code WHERE ?1='' OR kind=?1"
		" ORDER BY kind,position", code_each_row, &cb, "t", kind ? kind : "");
}
