/* Queues, agents, customers, contacts and messages: rows to structs and
 * back. Every write runs inside the loop turn's transaction. */
#include "store_chat.h"

#include <stdio.h>
#include <string.h>

#include "error.h"

static void text(char *dst, size_t cap, sqlite3_stmt *s, int col)
{
	const unsigned char *t = sqlite3_column_text(s, col);
	snprintf(dst, cap, "%s", t ? (const char *)t : "");
}

static int each_rows(sqlite3_stmt *s, int (*row)(sqlite3_stmt *s, void *arg), void *arg)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (row(s, arg))
			break;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : HL_E_IO;
}

/* --- queues --- */

int hl_store_queue_insert(hl_store *st, const char *id, const void *conf, size_t len, int64_t now)
{
	sqlite3_stmt *s = hl_store_stmt(st, "INSERT INTO queue(id,conf,created_ms) VALUES(?,?,?)");

	if (!s)
		return HL_E_IO;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_blob(s, 2, conf, (int)len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, now);
	return hl_store_step_done(st, s);
}

int hl_store_queue_put(hl_store *st, const char *id, const void *conf, size_t len)
{
	sqlite3_stmt *s = hl_store_stmt(st, "UPDATE queue SET conf=? WHERE id=?");

	if (!s)
		return HL_E_IO;
	sqlite3_bind_blob(s, 1, conf, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	return hl_store_step_done(st, s);
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
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT id,conf FROM queue ORDER BY created_ms,id");
	struct queue_cb q = {fn, arg};

	return s ? each_rows(s, queue_row, &q) : HL_E_IO;
}

/* --- agents --- */

int hl_store_agent_put(hl_store *st, int64_t user_id, int capacity, const char *region)
{
	sqlite3_stmt *s = hl_store_stmt(st, "INSERT INTO agent(user_id,capacity,region) VALUES(?,?,?)"
		" ON CONFLICT(user_id) DO UPDATE SET capacity=excluded.capacity,region=excluded.region");

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_int(s, 2, capacity);
	sqlite3_bind_text(s, 3, region, -1, SQLITE_STATIC);
	return hl_store_step_done(st, s);
}

int hl_store_agent_skills_set(hl_store *st, int64_t user_id, const char *const *queues,
			      const int *levels, size_t n)
{
	sqlite3_stmt *s = hl_store_stmt(st, "DELETE FROM agent_skill WHERE user_id=?");
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, user_id);
	if ((rc = hl_store_step_done(st, s)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		s = hl_store_stmt(st, "INSERT INTO agent_skill(user_id,queue,level) VALUES(?,?,?)");
		if (!s)
			return HL_E_IO;
		sqlite3_bind_int64(s, 1, user_id);
		sqlite3_bind_text(s, 2, queues[i], -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 3, levels[i]);
		if ((rc = hl_store_step_done(st, s)) < 0)
			return rc;
	}
	return 0;
}

int hl_store_agent_state_set(hl_store *st, int64_t user_id, const char *state,
			     const char *reason, int64_t since_ms)
{
	sqlite3_stmt *s = hl_store_stmt(st, "UPDATE agent SET state=?,reason=?,since_ms=?"
		" WHERE user_id=?");

	if (!s)
		return HL_E_IO;
	sqlite3_bind_text(s, 1, state, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, since_ms);
	sqlite3_bind_int64(s, 4, user_id);
	return hl_store_step_done(st, s);
}

struct agent_cb {
	int (*fn)(const hl_store_agent *a, void *arg);
	void *arg;
};

static int agent_row(sqlite3_stmt *s, void *arg)
{
	struct agent_cb *cb = arg;
	hl_store_agent a;

	memset(&a, 0, sizeof a);
	a.user_id = sqlite3_column_int64(s, 0);
	text(a.name, sizeof a.name, s, 1);
	text(a.display, sizeof a.display, s, 2);
	a.capacity = sqlite3_column_int(s, 3);
	text(a.region, sizeof a.region, s, 4);
	text(a.state, sizeof a.state, s, 5);
	text(a.reason, sizeof a.reason, s, 6);
	a.since_ms = sqlite3_column_int64(s, 7);
	return cb->fn(&a, cb->arg);
}

int hl_store_agent_each(hl_store *st, int (*fn)(const hl_store_agent *a, void *arg), void *arg)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT a.user_id,u.name,u.display,a.capacity,a.region,"
		"a.state,a.reason,a.since_ms FROM agent a JOIN user u ON u.id=a.user_id"
		" WHERE u.disabled=0 ORDER BY a.user_id");
	struct agent_cb cb = {fn, arg};

	return s ? each_rows(s, agent_row, &cb) : HL_E_IO;
}

struct skill_cb {
	int (*fn)(const char *queue, int level, void *arg);
	void *arg;
};

static int skill_row(sqlite3_stmt *s, void *arg)
{
	struct skill_cb *cb = arg;
	return cb->fn((const char *)sqlite3_column_text(s, 0), sqlite3_column_int(s, 1), cb->arg);
}

int hl_store_agent_skill_each(hl_store *st, int64_t user_id,
			      int (*fn)(const char *queue, int level, void *arg), void *arg)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT queue,level FROM agent_skill WHERE user_id=?"
		" ORDER BY queue");
	struct skill_cb cb = {fn, arg};

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, user_id);
	return each_rows(s, skill_row, &cb);
}

/* --- customers --- */

int hl_store_customer_find_or_add(hl_store *st, const uint8_t token_hash[32], int64_t now,
				  int64_t *id, int *created)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT id FROM customer WHERE token_hash=?");
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_blob(s, 1, token_hash, 32, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		*created = 0;
		sqlite3_reset(s);
		return 0;
	}
	sqlite3_reset(s);
	s = hl_store_stmt(st, "INSERT INTO customer(token_hash,created_ms) VALUES(?,?)");
	if (!s)
		return HL_E_IO;
	sqlite3_bind_blob(s, 1, token_hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, now);
	if ((rc = hl_store_step_done(st, s)) < 0)
		return rc;
	*id = sqlite3_last_insert_rowid(hl_store_db(st));
	*created = 1;
	return 0;
}

int hl_store_customer_set_last_agent(hl_store *st, int64_t id, const char *agent)
{
	sqlite3_stmt *s = hl_store_stmt(st, "UPDATE customer SET last_agent=? WHERE id=?");

	if (!s)
		return HL_E_IO;
	sqlite3_bind_text(s, 1, agent, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, id);
	return hl_store_step_done(st, s);
}

int hl_store_customer_info(hl_store *st, int64_t id, char *last_agent, size_t cap,
			   int *contacts)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT last_agent,(SELECT COUNT(*) FROM contact"
		" WHERE customer_id=?1) FROM customer WHERE id=?1");

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		return HL_E_NOTFOUND;
	}
	text(last_agent, cap, s, 0);
	*contacts = sqlite3_column_int(s, 1);
	sqlite3_reset(s);
	return 0;
}

/* --- contacts --- */

#define CONTACT_COLS "id,customer_id,queue,state,agent,created_ms,queued_ms,answered_ms," \
	"ended_ms,ended_by,wait_ms,wrap_code,wrap_note,wrap_end_ms,csat,nps,comment,trail," \
	"next_seq,item"

static void contact_row(sqlite3_stmt *s, hl_store_contact *c)
{
	int n;

	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(s, 0);
	c->customer_id = sqlite3_column_int64(s, 1);
	text(c->queue, sizeof c->queue, s, 2);
	text(c->state, sizeof c->state, s, 3);
	text(c->agent, sizeof c->agent, s, 4);
	c->created_ms = sqlite3_column_int64(s, 5);
	c->queued_ms = sqlite3_column_int64(s, 6);
	c->answered_ms = sqlite3_column_int64(s, 7);
	c->ended_ms = sqlite3_column_int64(s, 8);
	text(c->ended_by, sizeof c->ended_by, s, 9);
	c->wait_ms = sqlite3_column_int64(s, 10);
	text(c->wrap_code, sizeof c->wrap_code, s, 11);
	text(c->wrap_note, sizeof c->wrap_note, s, 12);
	c->wrap_end_ms = sqlite3_column_int64(s, 13);
	c->csat = sqlite3_column_int(s, 14);
	c->nps = sqlite3_column_int(s, 15);
	text(c->comment, sizeof c->comment, s, 16);
	n = sqlite3_column_bytes(s, 17);
	if (n > 0 && n <= HL_TRAIL_MAX) {
		memcpy(c->trail, sqlite3_column_blob(s, 17), (size_t)n);
		c->trail_len = (size_t)n;
	}
	c->next_seq = (uint64_t)sqlite3_column_int64(s, 18);
	text(c->item, sizeof c->item, s, 19);
}

/* Binds every column but id, in CONTACT_COLS order from 1. */
static void contact_bind(sqlite3_stmt *s, const hl_store_contact *c)
{
	sqlite3_bind_int64(s, 1, c->customer_id);
	sqlite3_bind_text(s, 2, c->queue, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, c->state, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, c->agent, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, c->created_ms);
	sqlite3_bind_int64(s, 6, c->queued_ms);
	sqlite3_bind_int64(s, 7, c->answered_ms);
	sqlite3_bind_int64(s, 8, c->ended_ms);
	sqlite3_bind_text(s, 9, c->ended_by, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 10, c->wait_ms);
	sqlite3_bind_text(s, 11, c->wrap_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 12, c->wrap_note, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 13, c->wrap_end_ms);
	sqlite3_bind_int(s, 14, c->csat);
	sqlite3_bind_int(s, 15, c->nps);
	sqlite3_bind_text(s, 16, c->comment, -1, SQLITE_STATIC);
	sqlite3_bind_blob(s, 17, c->trail, (int)c->trail_len, SQLITE_STATIC);
	sqlite3_bind_int64(s, 18, (sqlite3_int64)c->next_seq);
	sqlite3_bind_text(s, 19, c->item, -1, SQLITE_STATIC);
}

int hl_store_contact_insert(hl_store *st, hl_store_contact *c)
{
	sqlite3_stmt *s = hl_store_stmt(st, "INSERT INTO contact(customer_id,queue,state,agent,"
		"created_ms,queued_ms,answered_ms,ended_ms,ended_by,wait_ms,wrap_code,wrap_note,"
		"wrap_end_ms,csat,nps,comment,trail,next_seq,item)"
		" VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
	int rc;

	if (!s)
		return HL_E_IO;
	contact_bind(s, c);
	rc = hl_store_step_done(st, s);
	if (rc == 0)
		c->id = sqlite3_last_insert_rowid(hl_store_db(st));
	return rc;
}

int hl_store_contact_update(hl_store *st, const hl_store_contact *c)
{
	sqlite3_stmt *s = hl_store_stmt(st, "UPDATE contact SET customer_id=?1,queue=?2,state=?3,"
		"agent=?4,created_ms=?5,queued_ms=?6,answered_ms=?7,ended_ms=?8,ended_by=?9,"
		"wait_ms=?10,wrap_code=?11,wrap_note=?12,wrap_end_ms=?13,csat=?14,nps=?15,"
		"comment=?16,trail=?17,next_seq=?18,item=?19 WHERE id=?20");

	if (!s)
		return HL_E_IO;
	contact_bind(s, c);
	sqlite3_bind_int64(s, 20, c->id);
	return hl_store_step_done(st, s);
}

static int get_one(sqlite3_stmt *s, hl_store_contact *c)
{
	int found = sqlite3_step(s) == SQLITE_ROW;

	if (found)
		contact_row(s, c);
	sqlite3_reset(s);
	return found ? 0 : HL_E_NOTFOUND;
}

int hl_store_contact_get(hl_store *st, int64_t id, hl_store_contact *c)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT " CONTACT_COLS " FROM contact WHERE id=?");

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, id);
	return get_one(s, c);
}

int hl_store_contact_open_of(hl_store *st, int64_t customer_id, hl_store_contact *c)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT " CONTACT_COLS " FROM contact WHERE"
		" customer_id=? AND state IN ('queued','active') ORDER BY id DESC LIMIT 1");

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, customer_id);
	return get_one(s, c);
}

int hl_store_contact_unrated_of(hl_store *st, int64_t customer_id, hl_store_contact *c)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT " CONTACT_COLS " FROM contact WHERE"
		" customer_id=? AND state='ended' AND csat=0 ORDER BY id DESC LIMIT 1");

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, customer_id);
	return get_one(s, c);
}

struct contact_cb {
	int (*fn)(const hl_store_contact *c, void *arg);
	void *arg;
	hl_store_contact row;
};

static int contact_each_row(sqlite3_stmt *s, void *arg)
{
	struct contact_cb *cb = arg;

	contact_row(s, &cb->row);
	return cb->fn(&cb->row, cb->arg);
}

int hl_store_contact_each_open(hl_store *st, int (*fn)(const hl_store_contact *c, void *arg),
			       void *arg)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT " CONTACT_COLS " FROM contact"
		" WHERE state IN ('queued','active') ORDER BY queued_ms,id");
	static struct contact_cb cb;  /* large; the loop thread is the only caller */

	cb.fn = fn;
	cb.arg = arg;
	return s ? each_rows(s, contact_each_row, &cb) : HL_E_IO;
}

int hl_store_contact_each_since(hl_store *st, int64_t since_ms,
				int (*fn)(const hl_store_contact *c, void *arg), void *arg)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT " CONTACT_COLS " FROM contact"
		" WHERE created_ms>=? ORDER BY id");
	static struct contact_cb cb;

	if (!s)
		return HL_E_IO;
	cb.fn = fn;
	cb.arg = arg;
	sqlite3_bind_int64(s, 1, since_ms);
	return each_rows(s, contact_each_row, &cb);
}

/* --- messages --- */

int hl_store_message_insert(hl_store *st, int64_t contact_id, const hl_store_message *m,
			    uint64_t *dup_seq)
{
	const char *client_id = m->client_id ? m->client_id : "";
	sqlite3_stmt *s;

	if (client_id[0]) {
		s = hl_store_stmt(st, "SELECT seq FROM message WHERE contact_id=? AND sender=?"
			" AND client_id=?");
		if (!s)
			return HL_E_IO;
		sqlite3_bind_int64(s, 1, contact_id);
		sqlite3_bind_text(s, 2, m->sender, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, client_id, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW) {
			*dup_seq = (uint64_t)sqlite3_column_int64(s, 0);
			sqlite3_reset(s);
			return HL_E_EXISTS;
		}
		sqlite3_reset(s);
	}
	s = hl_store_stmt(st, "INSERT INTO message(contact_id,seq,sender,name,text,ts_ms,client_id,"
		"code,args) VALUES(?,?,?,?,?,?,?,?,?)");
	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, contact_id);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)m->seq);
	sqlite3_bind_text(s, 3, m->sender, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, m->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, m->text, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, m->ts);
	sqlite3_bind_text(s, 7, client_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, m->code ? m->code : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, m->args ? m->args : "", -1, SQLITE_STATIC);
	return hl_store_step_done(st, s);
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
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT seq,sender,name,text,ts_ms,client_id,code,args"
		" FROM message WHERE contact_id=? AND seq>? ORDER BY seq");
	struct msg_cb cb = {fn, arg};

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, contact_id);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)after);
	return each_rows(s, msg_row, &cb);
}

int hl_store_left_message_insert(hl_store *st, int64_t customer_id, const char *item,
				 const char *name, const char *contact, const char *text_,
				 int64_t now, int64_t *id)
{
	sqlite3_stmt *s = hl_store_stmt(st, "INSERT INTO left_message(customer_id,item,name,contact,"
		"text,created_ms) VALUES(?,?,?,?,?,?)");
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, customer_id);
	sqlite3_bind_text(s, 2, item, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, contact, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, text_, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 6, now);
	rc = hl_store_step_done(st, s);
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(hl_store_db(st));
	return rc;
}
