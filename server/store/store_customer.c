/* Web visitors' customer rows: found by token hash, made lazily, expired
 * when nothing was ever written under them; their last agent and history. */
#include "store_customer.h"

#include "error.h"
#include "store_row.h"

int hl_store_customer_find(hl_store *st, const uint8_t token_hash[32], int64_t *id)
{
	return hl_store_one(st, "SELECT id FROM customer WHERE token_hash=?", hl_store_row_int64,
			    id, "b", token_hash, (size_t)32);
}

int hl_store_customer_add(hl_store *st, const uint8_t token_hash[32], int64_t now, int64_t *id)
{
	int rc = hl_store_exec(st, "INSERT INTO customer(token_hash,created_ms) VALUES(?,?)", "bl",
			       token_hash, (size_t)32, now);

	if (rc < 0)
		return rc;
	*id = hl_store_last_id(st);
	return 0;
}

int hl_store_customer_expire(hl_store *st, int64_t before_ms, int limit)
{
	/* The contact index on customer_id keeps the NOT EXISTS cheap; the
	 * left messages are few. */
	int rc = hl_store_exec(st,
		"DELETE FROM customer WHERE id IN (SELECT c.id FROM customer c"
		" WHERE c.created_ms < ?1"
		" AND NOT EXISTS (SELECT 1 FROM contact t WHERE t.customer_id=c.id)"
		" AND NOT EXISTS (SELECT 1 FROM left_message m WHERE m.customer_id=c.id)"
		" LIMIT ?2)", "li", before_ms, limit);

	return rc < 0 ? rc : hl_store_changes(st);
}

int hl_store_customer_set_last_agent(hl_store *st, int64_t id, const char *agent)
{
	return hl_store_exec(st, "UPDATE customer SET last_agent=? WHERE id=?", "tl", agent, id);
}

struct info {
	char *last_agent;
	size_t cap;
	int *contacts;
};

static int info_row(sqlite3_stmt *s, void *arg)
{
	struct info *in = arg;

	hl_store_col_text(s, 0, in->last_agent, in->cap);
	*in->contacts = sqlite3_column_int(s, 1);
	return 0;
}

int hl_store_customer_info(hl_store *st, int64_t id, char *last_agent, size_t cap,
			   int *contacts)
{
	struct info in = {last_agent, cap, contacts};

	return hl_store_one(st, "SELECT last_agent,(SELECT COUNT(*) FROM contact"
		" WHERE customer_id=?1) FROM customer WHERE id=?1", info_row, &in, "l", id);
}
