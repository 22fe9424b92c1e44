/* Idempotency rows: the first answer to a keyed request, stored in the same
 * transaction as the request's effect and read back for its retries. */
#include "store_idem.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "store_row.h"

static int idem_row(sqlite3_stmt *s, void *arg)
{
	hl_idem_row *out = arg;
	const void *d = sqlite3_column_blob(s, 1);
	const void *r = sqlite3_column_blob(s, 4);

	hl_store_col_text(s, 0, out->request, sizeof out->request);
	if (d && sqlite3_column_bytes(s, 1) == HL_IDEM_DIGEST)
		memcpy(out->digest, d, HL_IDEM_DIGEST);
	out->created_ms = sqlite3_column_int64(s, 2);
	out->status = sqlite3_column_int(s, 3);
	out->reply_len = (size_t)sqlite3_column_bytes(s, 4);
	/* One byte more, so an empty reply still has a buffer to free. */
	if (!(out->reply = malloc(out->reply_len + 1)))
		return HL_E_NOMEM;
	if (out->reply_len)
		memcpy(out->reply, r, out->reply_len);
	return 0;
}

int hl_store_idem_get(hl_store *st, int64_t user_id, const uint8_t *key, size_t klen,
		      hl_idem_row *out)
{
	memset(out, 0, sizeof *out);
	return hl_store_one(st, "SELECT request,digest,created_ms,status,reply"
		" FROM idempotency WHERE user_id=? AND key=?", idem_row, out, "lb", user_id, key,
		klen);
}

int hl_store_idem_put(hl_store *st, int64_t user_id, const uint8_t *key, size_t klen,
		      const hl_idem_row *row)
{
	/* An empty reply binds "" of length 0, an empty blob: a NULL pointer
	 * would bind NULL and break NOT NULL. */
	int rc = hl_store_exec(st, "INSERT OR IGNORE INTO idempotency(user_id,key,request,digest,"
		"created_ms,status,error,reply) VALUES(?,?,?,?,?,?,?,?)", "lbtblitb", user_id, key,
		klen, row->request, row->digest, (size_t)HL_IDEM_DIGEST, row->created_ms,
		row->status, row->error ? row->error : "",
		row->reply_len ? (const void *)row->reply : "", row->reply_len);

	if (rc < 0)
		return rc;
	return hl_store_changes(st) ? 0 : HL_E_EXISTS;
}

int hl_store_idem_expire(hl_store *st, int64_t before_ms)
{
	int rc = hl_store_exec(st, "DELETE FROM idempotency WHERE created_ms<?", "l", before_ms);

	return rc < 0 ? rc : hl_store_changes(st);
}
