/* Agents' routing profiles in the store: rows to structs and back. */
#include "store_agent.h"

#include <string.h>

#include "store_row.h"

int hl_store_agent_put(hl_store *st, int64_t user_id, int capacity, const char *region)
{
	return hl_store_exec(st, "INSERT INTO agent(user_id,capacity,region) VALUES(?,?,?)"
		" ON CONFLICT(user_id) DO UPDATE SET capacity=excluded.capacity,region=excluded.region",
		"lit", user_id, capacity, region);
}

int hl_store_agent_skills_set(hl_store *st, int64_t user_id, const char *const *queues,
			      const int *levels, size_t n)
{
	int rc = hl_store_exec(st, "DELETE FROM agent_skill WHERE user_id=?", "l", user_id);

	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = hl_store_exec(st, "INSERT INTO agent_skill(user_id,queue,level) VALUES(?,?,?)",
				   "lti", user_id, queues[i], levels[i]);
	return rc;
}

int hl_store_agent_state_set(hl_store *st, int64_t user_id, const char *state,
			     const char *reason, int64_t since_ms)
{
	return hl_store_exec(st, "UPDATE agent SET state=?,reason=?,since_ms=? WHERE user_id=?",
			     "ttll", state, reason, since_ms, user_id);
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
	hl_store_col_text(s, 1, a.name, sizeof a.name);
	hl_store_col_text(s, 2, a.display, sizeof a.display);
	a.capacity = sqlite3_column_int(s, 3);
	hl_store_col_text(s, 4, a.region, sizeof a.region);
	hl_store_col_text(s, 5, a.state, sizeof a.state);
	hl_store_col_text(s, 6, a.reason, sizeof a.reason);
	a.since_ms = sqlite3_column_int64(s, 7);
	return cb->fn(&a, cb->arg);
}

int hl_store_agent_each(hl_store *st, int (*fn)(const hl_store_agent *a, void *arg), void *arg)
{
	struct agent_cb cb = {fn, arg};

	return hl_store_each(st, "SELECT a.user_id,u.name,u.display,a.capacity,a.region,"
		"a.state,a.reason,a.since_ms FROM agent a JOIN user u ON u.id=a.user_id"
		" WHERE u.disabled=0 ORDER BY a.user_id", agent_row, &cb, "");
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
	struct skill_cb cb = {fn, arg};

	return hl_store_each(st, "SELECT queue,level FROM agent_skill WHERE user_id=?"
		" ORDER BY queue", skill_row, &cb, "l", user_id);
}

int hl_store_agent_last_ended(hl_store *st, const char *name, int64_t *id)
{
	return hl_store_one(st, "SELECT id FROM contact WHERE agent=? AND state='ended'"
		" ORDER BY ended_ms DESC LIMIT 1", hl_store_row_int64, id, "t", name);
}
