/* Web visitors' customer rows: found by token hash, made lazily, expired
 * when nothing was ever written under them. */
#include "store_customer.h"

#include "error.h"

int hl_store_customer_find(hl_store *st, const uint8_t token_hash[32], int64_t *id)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT id FROM customer WHERE token_hash=?");
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_blob(s, 1, token_hash, 32, SQLITE_STATIC);
	rc = hl_store_step(st, s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? HL_E_NOTFOUND : HL_E_IO;
}

int hl_store_customer_add(hl_store *st, const uint8_t token_hash[32], int64_t now, int64_t *id)
{
	sqlite3_stmt *s = hl_store_stmt(st, "INSERT INTO customer(token_hash,created_ms) VALUES(?,?)");
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_blob(s, 1, token_hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now);
	if ((rc = hl_store_step_done(st, s)) < 0)
		return rc;
	*id = sqlite3_last_insert_rowid(hl_store_db(st));
	return 0;
}

int hl_store_customer_expire(hl_store *st, int64_t before_ms, int limit)
{
	/* The contact index on customer_id keeps the NOT EXISTS cheap; the
	 * left messages are few. */
	sqlite3_stmt *s = hl_store_stmt(st,
		"DELETE FROM customer WHERE id IN (SELECT c.id FROM customer c"
		" WHERE c.created_ms < ?1"
		" AND NOT EXISTS (SELECT 1 FROM contact t WHERE t.customer_id=c.id)"
		" AND NOT EXISTS (SELECT 1 FROM left_message m WHERE m.customer_id=c.id)"
		" LIMIT ?2)");
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, before_ms);
	sqlite3_bind_int(s, 2, limit);
	if ((rc = hl_store_step_done(st, s)) < 0)
		return rc;
	return sqlite3_changes(hl_store_db(st));
}
