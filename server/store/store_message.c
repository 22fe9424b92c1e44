/* A conversation's lines in the store, deduplicated by client id. */
#include "store_message.h"

#include "error.h"
#include "store_row.h"

int hl_store_message_insert(hl_store *st, int64_t contact_id, const hl_store_message *m,
			    uint64_t *dup_seq)
{
	const char *client_id = m->client_id ? m->client_id : "";
	int64_t seq;
	int rc;

	/* A resent line (the reply was lost) has the client id it had. */
	if (client_id[0]) {
		rc = hl_store_one(st, "SELECT seq FROM message WHERE contact_id=? AND sender=?"
			" AND client_id=?", hl_store_row_int64, &seq, "ltt", contact_id, m->sender,
			client_id);
		if (rc == 0) {
			*dup_seq = (uint64_t)seq;
			return HL_E_EXISTS;
		}
		if (rc != HL_E_NOTFOUND)
			return rc;
	}
	return hl_store_exec(st, "INSERT INTO message(contact_id,seq,sender,name,text,ts_ms,"
		"client_id,code,args) VALUES(?,?,?,?,?,?,?,?,?)", "lutttlttt", contact_id, m->seq,
		m->sender, m->name, m->text, m->ts, client_id, m->code ? m->code : "",
		m->args ? m->args : "");
}

struct msg_cb {
	int (*fn)(const hl_store_message *m, void *arg);
	void *arg;
};

static int msg_row(sqlite3_stmt *s, void *arg)
{
	struct msg_cb *cb = arg;
	hl_store_message m = {
		.seq = (uint64_t)sqlite3_column_int64(s, 0),
		.sender = (const char *)sqlite3_column_text(s, 1),
		.name = (const char *)sqlite3_column_text(s, 2),
		.text = (const char *)sqlite3_column_text(s, 3),
		.ts = sqlite3_column_int64(s, 4),
		.client_id = (const char *)sqlite3_column_text(s, 5),
		.code = (const char *)sqlite3_column_text(s, 6),
		.args = (const char *)sqlite3_column_text(s, 7),
	};

	return cb->fn(&m, cb->arg);
}

int hl_store_message_each(hl_store *st, int64_t contact_id, uint64_t after,
			  int (*fn)(const hl_store_message *m, void *arg), void *arg)
{
	struct msg_cb cb = {fn, arg};

	return hl_store_each(st, "SELECT seq,sender,name,text,ts_ms,client_id,code,args"
		" FROM message WHERE contact_id=? AND seq>? ORDER BY seq", msg_row, &cb, "lu",
		contact_id, after);
}
