/* Tests for server/store/store_audit.c: entries chain by hash, and a row
 * changed, deleted or re-hashed behind the broker's back is reported. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "error.h"
#include "store.h"
#include "test_store_fixture.h"
#include "store_audit.h"

/* The chain's key, as the broker would load it from audit.key. */
static hl_audit_key K = {.mac = {1, 2, 3, 4, 5, 6, 7, 8}, .from = 1};

/* Appends `n` entries in one transaction, as one loop turn would. */
static void append_n(hl_store *st, int n)
{
	char target[32], detail[64];

	assert_int_equal(hl_store_begin(st), 0);
	for (int i = 0; i < n; i++) {
		hl_audit_entry e = {
			.time_ms = 1700000000000 + i * 1000,
			.actor = "admin",
			.action = i % 2 ? "user.add" : "team.add",
			.target = target,
			.detail = detail,
			.result = "ok",
		};

		snprintf(target, sizeof target, "name%d", i);
		snprintf(detail, sizeof detail, "role=agent team=t%d", i);
		assert_int_equal(hl_store_audit_append(st, &K, &e), 0);
	}
	assert_int_equal(hl_store_commit(st), 0);
}

static void exec_sql(hl_store *st, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(hl_store_db(st), sql, NULL, NULL, &err);

	if (rc != SQLITE_OK)
		print_error("%s: %s\n", sql, err ? err : "?");
	sqlite3_free(err);
	assert_int_equal(rc, SQLITE_OK);
}

static hl_audit_check verify(hl_store *st)
{
	hl_audit_check c;

	memset(&c, 0x5A, sizeof c);
	assert_int_equal(hl_store_audit_verify(st, &K, &c), 0);
	return c;
}

static void assert_broken(const hl_audit_check *c, int64_t first_bad, const char *word)
{
	if (c->intact || c->first_bad != first_bad || !strstr(c->problem, word))
		print_error("intact=%d first_bad=%lld problem=\"%s\"; wanted %lld and \"%s\"\n",
			    c->intact, (long long)c->first_bad, c->problem, (long long)first_bad,
			    word);
	assert_false(c->intact);
	assert_int_equal(c->first_bad, first_bad);
	assert_non_null(strstr(c->problem, word));
}

/* Recomputes the stored hash of entry `id` from its (possibly edited)
 * columns and prev_hash, as a forger with write access to the file would;
 * with `relink`, also points the next entry's prev_hash at it. */
static void rehash_with(hl_store *st, const hl_audit_key *key, int64_t id, int relink)
{
	sqlite3 *db = hl_store_db(st);
	sqlite3_stmt *s;
	hl_audit_entry e;
	uint8_t h[HL_AUDIT_HASHLEN];

	assert_int_equal(sqlite3_prepare_v2(db, "SELECT id,time_ms,actor,action,target,detail,"
					    "result,prev_hash FROM audit WHERE id=?", -1, &s,
					    NULL), SQLITE_OK);
	sqlite3_bind_int64(s, 1, id);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	memset(&e, 0, sizeof e);
	e.id = sqlite3_column_int64(s, 0);
	e.time_ms = sqlite3_column_int64(s, 1);
	e.actor = (const char *)sqlite3_column_text(s, 2);
	e.action = (const char *)sqlite3_column_text(s, 3);
	e.target = (const char *)sqlite3_column_text(s, 4);
	e.detail = (const char *)sqlite3_column_text(s, 5);
	e.result = (const char *)sqlite3_column_text(s, 6);
	assert_int_equal(sqlite3_column_bytes(s, 7), HL_AUDIT_HASHLEN);
	memcpy(e.prev_hash, sqlite3_column_blob(s, 7), HL_AUDIT_HASHLEN);
	hl_store_audit_hash(key, &e, h);
	sqlite3_finalize(s);

	assert_int_equal(sqlite3_prepare_v2(db, "UPDATE audit SET hash=? WHERE id=?", -1, &s, NULL),
			 SQLITE_OK);
	sqlite3_bind_blob(s, 1, h, HL_AUDIT_HASHLEN, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, id);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	if (!relink)
		return;
	/* Carry the new hash into the next entry's link, if there is one. */
	assert_int_equal(sqlite3_prepare_v2(db, "UPDATE audit SET prev_hash=? WHERE id=?", -1, &s,
					    NULL), SQLITE_OK);
	sqlite3_bind_blob(s, 1, h, HL_AUDIT_HASHLEN, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, id + 1);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
}

static void rehash(hl_store *st, int64_t id, int relink)
{
	rehash_with(st, &K, id, relink);
}

/* Points meta's recorded head at the newest row, as a forger would. */
static void reset_head(hl_store *st)
{
	exec_sql(st, "UPDATE meta SET value=(SELECT id||':'||lower(hex(hash)) FROM audit"
		 " ORDER BY id DESC LIMIT 1) WHERE key='audit_head'");
}

static void test_empty_log_intact(void **state)
{
	fixture *fx = *state;
	hl_audit_check c = verify(fx->st);

	assert_true(c.intact);
	assert_int_equal(c.total, 0);
	assert_int_equal(c.first_bad, 0);
}

static void test_append_chains(void **state)
{
	fixture *fx = *state;
	hl_audit_entry a = {.time_ms = 5, .actor = "root", .action = "x", .target = "t",
			    .detail = "d", .result = "ok"};
	hl_audit_entry b = a;
	uint8_t zero[HL_AUDIT_HASHLEN] = {0}, h[HL_AUDIT_HASHLEN];
	hl_audit_check c;

	assert_int_equal(hl_store_begin(fx->st), 0);
	assert_int_equal(hl_store_audit_append(fx->st, &K, &a), 0);
	assert_int_equal(hl_store_audit_append(fx->st, &K, &b), 0);
	assert_int_equal(hl_store_commit(fx->st), 0);

	/* Ids count from 1; the first links to zeros, the next to the first. */
	assert_int_equal(a.id, 1);
	assert_int_equal(b.id, 2);
	assert_memory_equal(a.prev_hash, zero, HL_AUDIT_HASHLEN);
	assert_memory_equal(b.prev_hash, a.hash, HL_AUDIT_HASHLEN);
	hl_store_audit_hash(&K, &a, h);
	assert_memory_equal(h, a.hash, HL_AUDIT_HASHLEN);
	/* Identical contents still hash differently at another place. */
	assert_memory_not_equal(a.hash, b.hash, HL_AUDIT_HASHLEN);

	c = verify(fx->st);
	assert_true(c.intact);
	assert_int_equal(c.total, 2);
}

static void test_hash_separates_fields(void **state)
{
	hl_audit_entry a = {.id = 1, .time_ms = 1, .actor = "ab", .action = "c",
			    .target = "", .detail = "", .result = ""};
	hl_audit_entry b = a;
	uint8_t ha[HL_AUDIT_HASHLEN], hb[HL_AUDIT_HASHLEN];

	(void)state;
	/* Moving text from one field to the next changes the hash. */
	b.actor = "a";
	b.action = "bc";
	hl_store_audit_hash(&K, &a, ha);
	hl_store_audit_hash(&K, &b, hb);
	assert_memory_not_equal(ha, hb, HL_AUDIT_HASHLEN);
	/* So does the time. */
	b = a;
	b.time_ms = 2;
	hl_store_audit_hash(&K, &b, hb);
	assert_memory_not_equal(ha, hb, HL_AUDIT_HASHLEN);
}

static void test_null_fields_verify(void **state)
{
	fixture *fx = *state;
	hl_audit_entry e = {.time_ms = 9, .actor = "admin", .action = "logout"};
	hl_audit_check c;

	/* Missing texts are stored empty and still verify. */
	assert_int_equal(hl_store_begin(fx->st), 0);
	assert_int_equal(hl_store_audit_append(fx->st, &K, &e), 0);
	assert_int_equal(hl_store_commit(fx->st), 0);
	append_n(fx->st, 2);
	c = verify(fx->st);
	assert_true(c.intact);
	assert_int_equal(c.total, 3);
}

static void test_intact_and_survives_reopen(void **state)
{
	fixture *fx = *state;
	hl_audit_check c;

	append_n(fx->st, 7);
	c = verify(fx->st);
	assert_true(c.intact);
	assert_int_equal(c.total, 7);
	assert_int_equal(c.first_bad, 0);

	hl_store_close(fx->st);
	fx->st = NULL;
	assert_int_equal(hl_store_open(fx->path, &fx->st), 0);
	c = verify(fx->st);
	assert_true(c.intact);
	assert_int_equal(c.total, 7);

	/* Appending after a reopen continues the same chain. */
	append_n(fx->st, 2);
	c = verify(fx->st);
	assert_true(c.intact);
	assert_int_equal(c.total, 9);
}

static void test_changed_detail(void **state)
{
	fixture *fx = *state;
	hl_audit_check c;

	append_n(fx->st, 5);
	exec_sql(fx->st, "UPDATE audit SET detail='role=admin' WHERE id=3");
	c = verify(fx->st);
	assert_broken(&c, 3, "changed");
	assert_int_equal(c.total, 5);
}

static void test_changed_other_columns(void **state)
{
	fixture *fx = *state;
	static const char *const edits[] = {
		"UPDATE audit SET actor='mallory' WHERE id=2",
		"UPDATE audit SET action='user.disable' WHERE id=2",
		"UPDATE audit SET target='nobody' WHERE id=2",
		"UPDATE audit SET result='denied' WHERE id=2",
		"UPDATE audit SET time_ms=time_ms+1 WHERE id=2",
	};

	append_n(fx->st, 4);
	for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		hl_audit_check c;

		exec_sql(fx->st, "SAVEPOINT edit");
		exec_sql(fx->st, edits[i]);
		c = verify(fx->st);
		assert_broken(&c, 2, "changed");
		exec_sql(fx->st, "ROLLBACK TO edit");
		exec_sql(fx->st, "RELEASE edit");
		c = verify(fx->st);
		assert_true(c.intact);
	}
}

static void test_deleted_middle(void **state)
{
	fixture *fx = *state;
	hl_audit_check c;

	append_n(fx->st, 5);
	exec_sql(fx->st, "DELETE FROM audit WHERE id=3");
	c = verify(fx->st);
	assert_broken(&c, 3, "missing");
	assert_int_equal(c.total, 4);
}

static void test_deleted_first(void **state)
{
	fixture *fx = *state;
	hl_audit_check c;

	append_n(fx->st, 3);
	exec_sql(fx->st, "DELETE FROM audit WHERE id=1");
	c = verify(fx->st);
	assert_broken(&c, 1, "missing");
}

static void test_deleted_last(void **state)
{
	fixture *fx = *state;
	hl_audit_check c;

	append_n(fx->st, 5);
	/* The remaining rows chain perfectly; only the recorded head knows. */
	exec_sql(fx->st, "DELETE FROM audit WHERE id=5");
	c = verify(fx->st);
	assert_broken(&c, 5, "removed");
	assert_int_equal(c.total, 4);
}

static void test_deleted_all(void **state)
{
	fixture *fx = *state;
	hl_audit_check c;

	append_n(fx->st, 3);
	exec_sql(fx->st, "DELETE FROM audit");
	c = verify(fx->st);
	assert_false(c.intact);
	assert_int_equal(c.total, 0);
}

static void test_head_removed(void **state)
{
	fixture *fx = *state;
	hl_audit_check c;

	append_n(fx->st, 3);
	exec_sql(fx->st, "DELETE FROM meta WHERE key='audit_head'");
	c = verify(fx->st);
	assert_broken(&c, 3, "head");
}

static void test_hash_column_edited(void **state)
{
	fixture *fx = *state;
	hl_audit_check c;

	append_n(fx->st, 4);
	/* Overwriting a stored hash without recomputing anything. */
	exec_sql(fx->st, "UPDATE audit SET hash=zeroblob(32) WHERE id=2");
	c = verify(fx->st);
	assert_broken(&c, 2, "changed");

	exec_sql(fx->st, "UPDATE audit SET hash=(SELECT hash FROM audit WHERE id=1) WHERE id=2");
	c = verify(fx->st);
	assert_false(c.intact);
	assert_int_equal(c.first_bad, 2);
}

static void test_prev_hash_edited(void **state)
{
	fixture *fx = *state;
	hl_audit_check c;

	append_n(fx->st, 4);
	exec_sql(fx->st, "UPDATE audit SET prev_hash=zeroblob(32) WHERE id=3");
	c = verify(fx->st);
	assert_false(c.intact);
	assert_int_equal(c.first_bad, 3);
}

static void test_changed_and_rehashed_row(void **state)
{
	fixture *fx = *state;
	hl_audit_check c;

	append_n(fx->st, 5);
	/* The forger fixes the edited row's own hash but not what follows:
	 * the next entry no longer links to it. */
	exec_sql(fx->st, "UPDATE audit SET detail='role=admin' WHERE id=2");
	rehash(fx->st, 2, 0);
	c = verify(fx->st);
	assert_broken(&c, 3, "link");
}

static void test_changed_and_rehashed_chain(void **state)
{
	fixture *fx = *state;
	hl_audit_check c;

	append_n(fx->st, 5);
	/* The forger re-hashes every entry from the edit on: the rows agree
	 * with each other, but not with the head recorded at append time. */
	exec_sql(fx->st, "UPDATE audit SET detail='role=admin' WHERE id=2");
	for (int64_t id = 2; id <= 5; id++)
		rehash(fx->st, id, 1);
	c = verify(fx->st);
	assert_false(c.intact);
	assert_non_null(strstr(c.problem, "removed or replaced"));
}

/* Someone who can write only the database deletes an entry and rebuilds the
 * whole chain, ids, links, hashes and head, with the published algorithm:
 * without the key the links cannot be made, so it no longer verifies. An
 * unkeyed chain (the old design) would have called it intact. */
static void test_rewrite_without_key(void **state)
{
	fixture *fx = *state;
	hl_audit_check c;

	append_n(fx->st, 5);
	exec_sql(fx->st, "DELETE FROM audit WHERE id=3; UPDATE audit SET id=id-1 WHERE id>3");
	for (int64_t id = 1; id <= 4; id++)
		rehash_with(fx->st, NULL, id, 1);
	reset_head(fx->st);
	assert_int_equal(hl_store_audit_verify(fx->st, NULL, &c), 0);
	assert_true(c.intact);  /* what an unkeyed chain could not tell */
	c = verify(fx->st);
	assert_broken(&c, 1, "changed");
}

/* Cutting off the newest entries and rolling the recorded head back to the
 * entry before leaves a consistent chain in the database; the witness kept
 * outside it (audit.head) still names the entry that was removed. */
static void test_truncation_seen_by_witness(void **state)
{
	fixture *fx = *state;
	hl_audit_key w = K;
	sqlite3_stmt *s;
	hl_audit_check c;

	append_n(fx->st, 5);
	assert_int_equal(sqlite3_prepare_v2(hl_store_db(fx->st), "SELECT hash FROM audit"
					    " WHERE id=5", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	memcpy(w.seen_hash, sqlite3_column_blob(s, 0), HL_AUDIT_HASHLEN);
	sqlite3_finalize(s);
	w.seen_id = 5;
	c = verify(fx->st);
	assert_true(c.intact);
	assert_int_equal(hl_store_audit_verify(fx->st, &w, &c), 0);
	assert_true(c.intact);

	exec_sql(fx->st, "DELETE FROM audit WHERE id>=4");
	reset_head(fx->st);
	c = verify(fx->st);
	assert_true(c.intact);  /* the database alone cannot tell */
	assert_int_equal(hl_store_audit_verify(fx->st, &w, &c), 0);
	assert_broken(&c, 5, "audit.head");
}

/* Entries written before the chain had a key stay plain SHA-256 and still
 * verify; those after are keyed. */
static void test_keyed_from_later_entry(void **state)
{
	fixture *fx = *state;
	hl_audit_key late = K;
	hl_audit_check c;
	uint8_t plain[HL_AUDIT_HASHLEN], keyed[HL_AUDIT_HASHLEN];
	hl_audit_entry e = {.id = 4, .time_ms = 1, .actor = "a"};

	late.from = 4;
	assert_int_equal(hl_store_begin(fx->st), 0);
	for (int i = 0; i < 6; i++) {
		hl_audit_entry x = {.time_ms = i, .actor = "admin", .action = "x", .result = "ok"};
		assert_int_equal(hl_store_audit_append(fx->st, i < 3 ? NULL : &late, &x), 0);
	}
	assert_int_equal(hl_store_commit(fx->st), 0);
	assert_int_equal(hl_store_audit_verify(fx->st, &late, &c), 0);
	assert_true(c.intact);
	assert_int_equal(c.total, 6);
	/* The key changes the link from `from` on, and only from there. */
	hl_store_audit_hash(NULL, &e, plain);
	hl_store_audit_hash(&late, &e, keyed);
	assert_memory_not_equal(plain, keyed, HL_AUDIT_HASHLEN);
	e.id = 3;
	hl_store_audit_hash(NULL, &e, plain);
	hl_store_audit_hash(&late, &e, keyed);
	assert_memory_equal(plain, keyed, HL_AUDIT_HASHLEN);
}

struct collect {
	int64_t ids[64];
	int n;
	int stop_after;
};

static int collect(const hl_audit_entry *e, void *arg)
{
	struct collect *k = arg;
	uint8_t h[HL_AUDIT_HASHLEN];

	assert_true(k->n < 64);
	k->ids[k->n++] = e->id;
	/* Each entry as read back carries its own valid hash. */
	hl_store_audit_hash(&K, e, h);
	assert_memory_equal(h, e->hash, HL_AUDIT_HASHLEN);
	assert_string_equal(e->actor, "admin");
	assert_string_equal(e->result, "ok");
	return k->stop_after && k->n >= k->stop_after;
}

static void test_each_newest_in_order(void **state)
{
	fixture *fx = *state;
	struct collect k;

	append_n(fx->st, 10);

	memset(&k, 0, sizeof k);
	assert_int_equal(hl_store_audit_each(fx->st, 3, collect, &k), 0);
	assert_int_equal(k.n, 3);
	assert_int_equal(k.ids[0], 8);
	assert_int_equal(k.ids[1], 9);
	assert_int_equal(k.ids[2], 10);

	memset(&k, 0, sizeof k);
	assert_int_equal(hl_store_audit_each(fx->st, 0, collect, &k), 0);
	assert_int_equal(k.n, 10);
	for (int i = 0; i < 10; i++)
		assert_int_equal(k.ids[i], i + 1);

	memset(&k, 0, sizeof k);
	assert_int_equal(hl_store_audit_each(fx->st, 50, collect, &k), 0);
	assert_int_equal(k.n, 10);
	assert_int_equal(k.ids[0], 1);

	memset(&k, 0, sizeof k);
	assert_int_equal(hl_store_audit_each(fx->st, 1, collect, &k), 0);
	assert_int_equal(k.n, 1);
	assert_int_equal(k.ids[0], 10);

	/* The callback can stop the walk. */
	memset(&k, 0, sizeof k);
	k.stop_after = 2;
	assert_int_equal(hl_store_audit_each(fx->st, 5, collect, &k), 0);
	assert_int_equal(k.n, 2);
	assert_int_equal(k.ids[0], 6);
	assert_int_equal(k.ids[1], 7);

	/* A stopped walk leaves the store usable. */
	append_n(fx->st, 1);
	memset(&k, 0, sizeof k);
	assert_int_equal(hl_store_audit_each(fx->st, 2, collect, &k), 0);
	assert_int_equal(k.n, 2);
	assert_int_equal(k.ids[1], 11);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_empty_log_intact),
		T(test_append_chains),
		cmocka_unit_test(test_hash_separates_fields),
		T(test_null_fields_verify),
		T(test_intact_and_survives_reopen),
		T(test_changed_detail),
		T(test_changed_other_columns),
		T(test_deleted_middle),
		T(test_deleted_first),
		T(test_deleted_last),
		T(test_deleted_all),
		T(test_head_removed),
		T(test_hash_column_edited),
		T(test_prev_hash_edited),
		T(test_changed_and_rehashed_row),
		T(test_changed_and_rehashed_chain),
		T(test_each_newest_in_order),
		T(test_rewrite_without_key),
		T(test_truncation_seen_by_witness),
		T(test_keyed_from_later_entry),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
