/* Queues in the store: rows of (id, packed configuration). */
#include "store_queue.h"

#include "store_row.h"

int hl_store_queue_insert(hl_store *st, const char *id, const void *conf, size_t len, int64_t now)
{
	return hl_store_exec(st, "INSERT INTO queue(id,conf,created_ms) VALUES(?,?,?)", "tbl",
			     id, conf, len, now);
}

int hl_store_queue_put(hl_store *st, const char *id, const void *conf, size_t len)
{
	return hl_store_exec(st, "UPDATE queue SET conf=? WHERE id=?", "bt", conf, len, id);
}

struct queue_cb {
	int (*fn)(const char *id, const void *conf, size_t len, void *arg);
	void *arg;
};

static int queue_row(sqlite3_stmt *s, void *arg)
{
	struct queue_cb *q = arg;

	return q->fn((const char *)sqlite3_column_text(s, 0), sqlite3_column_blob(s, 1),
		     (size_t)sqlite3_column_bytes(s, 1), q->arg);
}

int hl_store_queue_each(hl_store *st, int (*fn)(const char *id, const void *conf, size_t len,
						void *arg), void *arg)
{
	struct queue_cb q = {fn, arg};

	return hl_store_each(st, "SELECT id,conf FROM queue ORDER BY created_ms,id", queue_row, &q,
			     "");
}
