/* Idempotency rows: the first answer to a keyed request, stored in the same
 * transaction as the request's effect and read back for its retries. */
#include "store_idem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

int hl_store_idem_get(hl_store *st, int64_t user_id, const uint8_t *key, size_t klen,
		      hl_idem_row *out)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT request,digest,created_ms,status,reply"
					" FROM idempotency WHERE user_id=? AND key=?");
	const void *d, *r;
	int rc;

	memset(out, 0, sizeof *out);
	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_blob(s, 2, key, (int)klen, SQLITE_STATIC);
	rc = hl_store_step(st, s);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		return HL_E_NOTFOUND;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(s);
		return HL_E_IO;
	}
	snprintf(out->request, sizeof out->request, "%s", (const char *)sqlite3_column_text(s, 0));
	d = sqlite3_column_blob(s, 1);
	if (d && sqlite3_column_bytes(s, 1) == HL_IDEM_DIGEST)
		memcpy(out->digest, d, HL_IDEM_DIGEST);
	out->created_ms = sqlite3_column_int64(s, 2);
	out->status = sqlite3_column_int(s, 3);
	r = sqlite3_column_blob(s, 4);
	out->reply_len = (size_t)sqlite3_column_bytes(s, 4);
	/* One byte more, so an empty reply still has a buffer to free. */
	if (!(out->reply = malloc(out->reply_len + 1))) {
		sqlite3_reset(s);
		return HL_E_NOMEM;
	}
	if (out->reply_len)
		memcpy(out->reply, r, out->reply_len);
	sqlite3_reset(s);
	return 0;
}

int hl_store_idem_put(hl_store *st, int64_t user_id, const uint8_t *key, size_t klen,
		      const hl_idem_row *row)
{
	sqlite3_stmt *s = hl_store_stmt(st, "INSERT OR IGNORE INTO idempotency(user_id,key,request,digest,"
					"created_ms,status,error,reply) VALUES(?,?,?,?,?,?,?,?)");
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_blob(s, 2, key, (int)klen, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, row->request, -1, SQLITE_STATIC);
	sqlite3_bind_blob(s, 4, row->digest, HL_IDEM_DIGEST, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, row->created_ms);
	sqlite3_bind_int(s, 6, row->status);
	sqlite3_bind_text(s, 7, row->error ? row->error : "", -1, SQLITE_STATIC);
	/* zeroblob for an empty reply: a NULL blob would break NOT NULL. */
	if (row->reply_len)
		sqlite3_bind_blob(s, 8, row->reply, (int)row->reply_len, SQLITE_STATIC);
	else
		sqlite3_bind_zeroblob(s, 8, 0);
	if ((rc = hl_store_step_done(st, s)) < 0)
		return rc;
	return sqlite3_changes(hl_store_db(st)) ? 0 : HL_E_EXISTS;
}

int hl_store_idem_expire(hl_store *st, int64_t before_ms)
{
	sqlite3_stmt *s = hl_store_stmt(st, "DELETE FROM idempotency WHERE created_ms<?");
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, before_ms);
	if ((rc = hl_store_step_done(st, s)) < 0)
		return rc;
	return sqlite3_changes(hl_store_db(st));
}
