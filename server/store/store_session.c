/* Login sessions and their durable event outboxes in the store. */
#include "store_session.h"

#include <stdio.h>
#include <string.h>

#include "error.h"

int hl_store_session_insert(hl_store *st, hl_store_session *ss)
{
	sqlite3_stmt *s = hl_store_stmt(st, "INSERT INTO session(token_hash,user_id,created_ms,"
		"last_seen_ms,next_seq,acked_seq,peer) VALUES(?,?,?,?,?,?,?)");
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_blob(s, 1, ss->token_hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, ss->user_id);
	sqlite3_bind_int64(s, 3, ss->created_ms);
	sqlite3_bind_int64(s, 4, ss->last_seen_ms);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)ss->next_seq);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)ss->acked_seq);
	sqlite3_bind_text(s, 7, ss->peer, -1, SQLITE_STATIC);
	rc = hl_store_step_done(st, s);
	if (rc == 0)
		ss->id = sqlite3_last_insert_rowid(hl_store_db(st));
	return rc;
}

int hl_store_session_get(hl_store *st, const uint8_t token_hash[32], hl_store_session *ss)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT id,user_id,created_ms,last_seen_ms,next_seq,"
		"acked_seq,peer FROM session WHERE token_hash=?");
	const unsigned char *peer;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_blob(s, 1, token_hash, 32, SQLITE_STATIC);
	if (hl_store_step(st, s) != SQLITE_ROW)
		return HL_E_NOTFOUND;
	memset(ss, 0, sizeof *ss);
	memcpy(ss->token_hash, token_hash, 32);
	ss->id = sqlite3_column_int64(s, 0);
	ss->user_id = sqlite3_column_int64(s, 1);
	ss->created_ms = sqlite3_column_int64(s, 2);
	ss->last_seen_ms = sqlite3_column_int64(s, 3);
	ss->next_seq = (uint64_t)sqlite3_column_int64(s, 4);
	ss->acked_seq = (uint64_t)sqlite3_column_int64(s, 5);
	peer = sqlite3_column_text(s, 6);
	snprintf(ss->peer, sizeof ss->peer, "%s", peer ? (const char *)peer : "");
	return 0;
}

int hl_store_session_update(hl_store *st, const hl_store_session *ss)
{
	sqlite3_stmt *s = hl_store_stmt(st, "UPDATE session SET last_seen_ms=?,next_seq=?,"
		"acked_seq=?,peer=? WHERE id=?");

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, ss->last_seen_ms);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)ss->next_seq);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)ss->acked_seq);
	sqlite3_bind_text(s, 4, ss->peer, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, ss->id);
	return hl_store_step_done(st, s);
}

int hl_store_session_delete(hl_store *st, int64_t id)
{
	sqlite3_stmt *s = hl_store_stmt(st, "DELETE FROM session_event WHERE session_id=?");
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = hl_store_step_done(st, s)) < 0)
		return rc;
	s = hl_store_stmt(st, "DELETE FROM session WHERE id=?");
	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, id);
	return hl_store_step_done(st, s);
}

int hl_store_session_delete_user(hl_store *st, int64_t user_id)
{
	sqlite3_stmt *s = hl_store_stmt(st, "DELETE FROM session_event WHERE session_id IN"
		" (SELECT id FROM session WHERE user_id=?)");
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, user_id);
	if ((rc = hl_store_step_done(st, s)) < 0)
		return rc;
	s = hl_store_stmt(st, "DELETE FROM session WHERE user_id=?");
	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, user_id);
	return hl_store_step_done(st, s);
}

int hl_store_session_expire(hl_store *st, int64_t before_ms, int *n)
{
	sqlite3_stmt *s = hl_store_stmt(st, "DELETE FROM session_event WHERE session_id IN"
		" (SELECT id FROM session WHERE last_seen_ms<?)");
	int rc;

	*n = 0;
	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, before_ms);
	if ((rc = hl_store_step_done(st, s)) < 0)
		return rc;
	s = hl_store_stmt(st, "DELETE FROM session WHERE last_seen_ms<?");
	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, before_ms);
	rc = hl_store_step_done(st, s);
	if (rc == 0)
		*n = sqlite3_changes(hl_store_db(st));
	return rc;
}

int hl_store_event_insert(hl_store *st, int64_t sid, uint64_t seq, const void *body,
			  size_t len)
{
	sqlite3_stmt *s = hl_store_stmt(st, "INSERT INTO session_event(session_id,seq,body)"
		" VALUES(?,?,?)");

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, sid);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)seq);
	sqlite3_bind_blob(s, 3, body, (int)len, SQLITE_STATIC);
	return hl_store_step_done(st, s);
}

int hl_store_event_ack(hl_store *st, int64_t sid, uint64_t upto)
{
	sqlite3_stmt *s = hl_store_stmt(st, "DELETE FROM session_event WHERE session_id=?"
		" AND seq<=?");

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, sid);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)upto);
	return hl_store_step_done(st, s);
}

int hl_store_event_each(hl_store *st, int64_t sid, uint64_t after,
			int (*fn)(uint64_t seq, const void *body, size_t len, void *arg),
			void *arg)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT seq,body FROM session_event"
		" WHERE session_id=? AND seq>? ORDER BY seq");
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, sid);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)after);
	while ((rc = hl_store_step(st, s)) == SQLITE_ROW) {
		if (fn((uint64_t)sqlite3_column_int64(s, 0), sqlite3_column_blob(s, 1),
		       (size_t)sqlite3_column_bytes(s, 1), arg))
			break;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : HL_E_IO;
}

int hl_store_session_each(hl_store *st, int (*fn)(const hl_store_session *s, void *arg),
			  void *arg)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT id,token_hash,user_id,created_ms,"
		"last_seen_ms,next_seq,acked_seq,peer FROM session ORDER BY id");
	hl_store_session ss;
	const unsigned char *peer;
	int rc;

	if (!s)
		return HL_E_IO;
	while ((rc = hl_store_step(st, s)) == SQLITE_ROW) {
		memset(&ss, 0, sizeof ss);
		ss.id = sqlite3_column_int64(s, 0);
		if (sqlite3_column_bytes(s, 1) == 32)
			memcpy(ss.token_hash, sqlite3_column_blob(s, 1), 32);
		ss.user_id = sqlite3_column_int64(s, 2);
		ss.created_ms = sqlite3_column_int64(s, 3);
		ss.last_seen_ms = sqlite3_column_int64(s, 4);
		ss.next_seq = (uint64_t)sqlite3_column_int64(s, 5);
		ss.acked_seq = (uint64_t)sqlite3_column_int64(s, 6);
		peer = sqlite3_column_text(s, 7);
		snprintf(ss.peer, sizeof ss.peer, "%s", peer ? (const char *)peer : "");
		if (fn(&ss, arg))
			break;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : HL_E_IO;
}
