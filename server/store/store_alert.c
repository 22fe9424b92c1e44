/* The floor's alerts in the store: rows of `alert` to structs and back. */
#include "store_alert.h"

#include <stddef.h>
#include <string.h>

#include "error.h"
#include "store_row.h"

#define ALERT_COLS "id,kind,queue,agent,contact,team,value,threshold,opened_ms,closed_ms," \
	"acked_by,acked_ms,text"

static int row_alert(sqlite3_stmt *s, void *arg)
{
	hl_alert_row *a = arg;

	memset(a, 0, sizeof *a);
	a->id = sqlite3_column_int64(s, 0);
	hl_store_col_text(s, 1, a->kind, sizeof a->kind);
	hl_store_col_text(s, 2, a->queue, sizeof a->queue);
	hl_store_col_text(s, 3, a->agent, sizeof a->agent);
	hl_store_col_text(s, 4, a->contact, sizeof a->contact);
	hl_store_col_text(s, 5, a->team, sizeof a->team);
	a->value = sqlite3_column_double(s, 6);
	a->threshold = sqlite3_column_double(s, 7);
	a->opened_ms = sqlite3_column_int64(s, 8);
	a->closed_ms = sqlite3_column_int64(s, 9);
	hl_store_col_text(s, 10, a->acked_by, sizeof a->acked_by);
	a->acked_ms = sqlite3_column_int64(s, 11);
	hl_store_col_text(s, 12, a->text, sizeof a->text);
	return 0;
}

/* A figure in tenths: the shared binder has no REAL, and one decimal is
 * what the floor shows. */
static int64_t tenths(double v)
{
	return (int64_t)(v * 10 + (v < 0 ? -0.5 : 0.5));
}

int hl_store_alert_insert(hl_store *st, hl_alert_row *a)
{
	int rc = hl_store_exec(st, "INSERT INTO alert(kind,queue,agent,contact,team,value,"
		"threshold,opened_ms,text) VALUES(?,?,?,?,?,?/10.0,?/10.0,?,?)", "tttttlllt",
		a->kind, a->queue, a->agent, a->contact, a->team, tenths(a->value),
		tenths(a->threshold), a->opened_ms, a->text);

	if (rc == 0)
		a->id = hl_store_last_id(st);
	return rc;
}

int hl_store_alert_close(hl_store *st, int64_t id, int64_t ms)
{
	return hl_store_exec(st, "UPDATE alert SET closed_ms=? WHERE id=?", "ll", ms, id);
}

int hl_store_alert_ack(hl_store *st, int64_t id, const char *by, int64_t ms)
{
	return hl_store_exec(st, "UPDATE alert SET acked_by=?, acked_ms=? WHERE id=?", "tll", by,
			     ms, id);
}

struct alert_cb {
	int (*fn)(const hl_alert_row *a, void *arg);
	void *arg;
	hl_alert_row a;
};

static int alert_each_row(sqlite3_stmt *s, void *arg)
{
	struct alert_cb *cb = arg;

	row_alert(s, &cb->a);
	return cb->fn(&cb->a, cb->arg);
}

int hl_store_alert_each(hl_store *st, int64_t closed_since,
			int (*fn)(const hl_alert_row *a, void *arg), void *arg)
{
	struct alert_cb cb = {.fn = fn, .arg = arg};

	/* Open ones first (index alert_closed), then the day's closed ones. */
	return hl_store_each(st, "SELECT " ALERT_COLS " FROM alert WHERE closed_ms=0 OR"
		" (?1>0 AND closed_ms>=?1) ORDER BY closed_ms<>0, id", alert_each_row, &cb, "l",
		closed_since);
}

int hl_store_alert_rated(hl_store *st, const char *kind, const char *contact)
{
	int rc = hl_store_one(st, "SELECT 1 FROM alert WHERE contact=? AND kind=?", NULL, NULL,
			      "tt", contact, kind);

	return rc == 0 ? 1 : rc == HL_E_NOTFOUND ? 0 : rc;
}
