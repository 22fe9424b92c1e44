/* Contacts in the store: one column table serves the row read, the
 * insert and the update, so they cannot disagree on the order. */
#include "store_contact.h"

#include <stddef.h>
#include <string.h>

#include "store_row.h"

#define F(type, member) {type, offsetof(hl_store_contact, member), \
	sizeof ((hl_store_contact *)0)->member, 0}

/* Every column but id, in CONTACT_COLS order. */
static const hl_store_field fields[] = {
	F('l', customer_id), F('t', queue), F('t', state), F('t', agent),
	F('l', created_ms), F('l', queued_ms), F('l', answered_ms), F('l', ended_ms),
	F('t', ended_by), F('l', wait_ms), F('t', wrap_code), F('t', wrap_note),
	F('l', wrap_end_ms), F('i', csat), F('i', nps), F('t', comment),
	{'b', offsetof(hl_store_contact, trail), HL_TRAIL_MAX,
	 offsetof(hl_store_contact, trail_len)},
	F('u', next_seq), F('t', item),
};
#define NF (sizeof fields / sizeof fields[0])

#define CONTACT_COLS "id,customer_id,queue,state,agent,created_ms,queued_ms,answered_ms," \
	"ended_ms,ended_by,wait_ms,wrap_code,wrap_note,wrap_end_ms,csat,nps,comment,trail," \
	"next_seq,item"

static void contact_row(sqlite3_stmt *s, hl_store_contact *c)
{
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(s, 0);
	hl_store_read_fields(s, 1, fields, NF, c);
}

int hl_store_contact_insert(hl_store *st, hl_store_contact *c)
{
	int rc = hl_store_exec(st, "INSERT INTO contact(customer_id,queue,state,agent,"
		"created_ms,queued_ms,answered_ms,ended_ms,ended_by,wait_ms,wrap_code,wrap_note,"
		"wrap_end_ms,csat,nps,comment,trail,next_seq,item)"
		" VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", "r", fields, NF, c);

	if (rc == 0)
		c->id = hl_store_last_id(st);
	return rc;
}

int hl_store_contact_update(hl_store *st, const hl_store_contact *c)
{
	return hl_store_exec(st, "UPDATE contact SET customer_id=?1,queue=?2,state=?3,"
		"agent=?4,created_ms=?5,queued_ms=?6,answered_ms=?7,ended_ms=?8,ended_by=?9,"
		"wait_ms=?10,wrap_code=?11,wrap_note=?12,wrap_end_ms=?13,csat=?14,nps=?15,"
		"comment=?16,trail=?17,next_seq=?18,item=?19 WHERE id=?20", "rl", fields, NF, c,
		c->id);
}

static int one_row(sqlite3_stmt *s, void *arg)
{
	contact_row(s, arg);
	return 0;
}

int hl_store_contact_get(hl_store *st, int64_t id, hl_store_contact *c)
{
	return hl_store_one(st, "SELECT " CONTACT_COLS " FROM contact WHERE id=?", one_row, c,
			    "l", id);
}

int hl_store_contact_open_of(hl_store *st, int64_t customer_id, hl_store_contact *c)
{
	return hl_store_one(st, "SELECT " CONTACT_COLS " FROM contact WHERE customer_id=?"
		" AND state IN ('queued','active') ORDER BY id DESC LIMIT 1", one_row, c,
		"l", customer_id);
}

int hl_store_contact_unrated_of(hl_store *st, int64_t customer_id, hl_store_contact *c)
{
	return hl_store_one(st, "SELECT " CONTACT_COLS " FROM contact WHERE customer_id=?"
		" AND state='ended' AND csat=0 ORDER BY id DESC LIMIT 1", one_row, c,
		"l", customer_id);
}

struct contact_cb {
	int (*fn)(const hl_store_contact *c, void *arg);
	void *arg;
	hl_store_contact row;
};

static int each_row(sqlite3_stmt *s, void *arg)
{
	struct contact_cb *cb = arg;

	contact_row(s, &cb->row);
	return cb->fn(&cb->row, cb->arg);
}

int hl_store_contact_each_open(hl_store *st, int (*fn)(const hl_store_contact *c, void *arg),
			       void *arg)
{
	static struct contact_cb cb;  /* large; the loop thread is the only caller */

	cb.fn = fn;
	cb.arg = arg;
	return hl_store_each(st, "SELECT " CONTACT_COLS " FROM contact"
		" WHERE state IN ('queued','active') ORDER BY queued_ms,id", each_row, &cb, "");
}

int hl_store_contact_each_since(hl_store *st, int64_t since_ms,
				int (*fn)(const hl_store_contact *c, void *arg), void *arg)
{
	static struct contact_cb cb;

	cb.fn = fn;
	cb.arg = arg;
	return hl_store_each(st, "SELECT " CONTACT_COLS " FROM contact WHERE created_ms>=?"
		" ORDER BY id", each_row, &cb, "l", since_ms);
}

int hl_store_contact_each_of_agent(hl_store *st, const char *agent, int64_t since_ms,
				   int (*fn)(const hl_store_contact *c, void *arg), void *arg)
{
	static struct contact_cb cb;

	cb.fn = fn;
	cb.arg = arg;
	return hl_store_each(st, "SELECT " CONTACT_COLS " FROM contact WHERE agent=? AND"
		" created_ms>=? ORDER BY id", each_row, &cb, "tl", agent, since_ms);
}
