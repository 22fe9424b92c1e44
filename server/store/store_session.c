/* Login sessions and their durable event outboxes in the store. */
#include "store_session.h"

#include <stddef.h>
#include <string.h>

#include "error.h"
#include "store_row.h"

#define F(type, member) {type, offsetof(hl_store_session, member), \
	sizeof ((hl_store_session *)0)->member, 0}

/* user_id,created_ms,last_seen_ms,next_seq,acked_seq,peer: what every
 * session read takes after its id and token. */
static const hl_store_field fields[] = {
	F('l', user_id), F('l', created_ms), F('l', last_seen_ms), F('u', next_seq),
	F('u', acked_seq), F('t', peer),
};
#define NF (sizeof fields / sizeof fields[0])

/* Columns: id, token_hash, then `fields`. */
static int session_row(sqlite3_stmt *s, void *arg)
{
	hl_store_session *ss = arg;

	memset(ss, 0, sizeof *ss);
	ss->id = sqlite3_column_int64(s, 0);
	if (sqlite3_column_bytes(s, 1) == 32)
		memcpy(ss->token_hash, sqlite3_column_blob(s, 1), 32);
	hl_store_read_fields(s, 2, fields, NF, ss);
	return 0;
}

int hl_store_session_insert(hl_store *st, hl_store_session *ss)
{
	int rc = hl_store_exec(st, "INSERT INTO session(token_hash,user_id,created_ms,"
		"last_seen_ms,next_seq,acked_seq,peer) VALUES(?,?,?,?,?,?,?)", "br",
		ss->token_hash, (size_t)32, fields, NF, ss);

	if (rc == 0)
		ss->id = hl_store_last_id(st);
	return rc;
}

int hl_store_session_get(hl_store *st, const uint8_t token_hash[32], hl_store_session *ss)
{
	return hl_store_one(st, "SELECT id,token_hash,user_id,created_ms,last_seen_ms,next_seq,"
		"acked_seq,peer FROM session WHERE token_hash=?", session_row, ss, "b", token_hash,
		(size_t)32);
}

int hl_store_session_update(hl_store *st, const hl_store_session *ss)
{
	return hl_store_exec(st, "UPDATE session SET last_seen_ms=?,next_seq=?,acked_seq=?,peer=?"
		" WHERE id=?", "luutl", ss->last_seen_ms, ss->next_seq, ss->acked_seq, ss->peer,
		ss->id);
}

/* Sessions go with their outboxes: the events first, then the rows. */
int hl_store_session_delete(hl_store *st, int64_t id)
{
	int rc = hl_store_exec(st, "DELETE FROM session_event WHERE session_id=?", "l", id);

	return rc < 0 ? rc : hl_store_exec(st, "DELETE FROM session WHERE id=?", "l", id);
}

int hl_store_session_delete_user(hl_store *st, int64_t user_id)
{
	int rc = hl_store_exec(st, "DELETE FROM session_event WHERE session_id IN"
		" (SELECT id FROM session WHERE user_id=?)", "l", user_id);

	return rc < 0 ? rc : hl_store_exec(st, "DELETE FROM session WHERE user_id=?", "l", user_id);
}

int hl_store_session_expire(hl_store *st, int64_t before_ms, int *n)
{
	int rc = hl_store_exec(st, "DELETE FROM session_event WHERE session_id IN"
		" (SELECT id FROM session WHERE last_seen_ms<?)", "l", before_ms);

	*n = 0;
	if (rc == 0)
		rc = hl_store_exec(st, "DELETE FROM session WHERE last_seen_ms<?", "l", before_ms);
	if (rc == 0)
		*n = hl_store_changes(st);
	return rc;
}

int hl_store_event_insert(hl_store *st, int64_t sid, uint64_t seq, const void *body,
			  size_t len)
{
	return hl_store_exec(st, "INSERT INTO session_event(session_id,seq,body) VALUES(?,?,?)",
			     "lub", sid, seq, body, len);
}

int hl_store_event_ack(hl_store *st, int64_t sid, uint64_t upto)
{
	return hl_store_exec(st, "DELETE FROM session_event WHERE session_id=? AND seq<=?", "lu",
			     sid, upto);
}

struct event_cb {
	int (*fn)(uint64_t seq, const void *body, size_t len, void *arg);
	void *arg;
};

static int event_row(sqlite3_stmt *s, void *arg)
{
	struct event_cb *cb = arg;

	return cb->fn((uint64_t)sqlite3_column_int64(s, 0), sqlite3_column_blob(s, 1),
		      (size_t)sqlite3_column_bytes(s, 1), cb->arg);
}

int hl_store_event_each(hl_store *st, int64_t sid, uint64_t after,
			int (*fn)(uint64_t seq, const void *body, size_t len, void *arg),
			void *arg)
{
	struct event_cb cb = {fn, arg};

	return hl_store_each(st, "SELECT seq,body FROM session_event WHERE session_id=? AND seq>?"
		" ORDER BY seq", event_row, &cb, "lu", sid, after);
}

struct session_cb {
	int (*fn)(const hl_store_session *s, void *arg);
	void *arg;
	hl_store_session ss;
};

static int session_each_row(sqlite3_stmt *s, void *arg)
{
	struct session_cb *cb = arg;

	session_row(s, &cb->ss);
	return cb->fn(&cb->ss, cb->arg);
}

int hl_store_session_each(hl_store *st, int (*fn)(const hl_store_session *s, void *arg),
			  void *arg)
{
	struct session_cb cb = {.fn = fn, .arg = arg};

	return hl_store_each(st, "SELECT id,token_hash,user_id,created_ms,last_seen_ms,next_seq,"
		"acked_seq,peer FROM session ORDER BY id", session_each_row, &cb, "");
}
