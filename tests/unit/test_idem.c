/* Tests for server/idem.c and server/store/store_idem.c: which answers are
 * kept, the digest that tells a retry from another request under the same
 * key, the refusal of a reused key, the stored rows (per user, once, expiry
 * after 24 h), and that every request says whether it changes state. */
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
#include "hotline.pb-c.h"
#include "idem.h"
#include "requests.h"
#include "store.h"
#include "store_idem.h"

static void test_transient_answers_are_not_kept(void **state)
{
	(void)state;
	assert_int_equal(hl_idem_keeps(HOTLINE__STATUS__OK), 1);
	/* Answers that say what the request did are the first answer. */
	assert_int_equal(hl_idem_keeps(HOTLINE__STATUS__EXISTS), 1);
	assert_int_equal(hl_idem_keeps(HOTLINE__STATUS__INVALID), 1);
	assert_int_equal(hl_idem_keeps(HOTLINE__STATUS__NOTFOUND), 1);
	assert_int_equal(hl_idem_keeps(HOTLINE__STATUS__STATE), 1);
	/* "Nothing was done, try again" must let the retry run. */
	assert_int_equal(hl_idem_keeps(HOTLINE__STATUS__INTERNAL), 0);
	assert_int_equal(hl_idem_keeps(HOTLINE__STATUS__NOMEM), 0);
	assert_int_equal(hl_idem_keeps(HOTLINE__STATUS__IO), 0);
	assert_int_equal(hl_idem_keeps(HOTLINE__STATUS__THROTTLED), 0);
	assert_int_equal(hl_idem_keeps(HOTLINE__STATUS__TIMEOUT), 0);
}

static void team_add(Hotline__Request *rq, Hotline__TeamAdd *ta, const char *name,
		     uint64_t id, const char *key)
{
	hotline__request__init(rq);
	hotline__team_add__init(ta);
	ta->name = (char *)name;
	rq->id = id;
	rq->body_case = HOTLINE__REQUEST__BODY_TEAM_ADD;
	rq->team_add = ta;
	rq->idem_key.data = (uint8_t *)key;
	rq->idem_key.len = strlen(key);
}

static void test_digest_ignores_id_and_key_only(void **state)
{
	Hotline__Request a, b, c;
	Hotline__TeamAdd ta, tb, tc;
	uint8_t da[HL_IDEM_DIGEST], db[HL_IDEM_DIGEST], dc[HL_IDEM_DIGEST];

	(void)state;
	team_add(&a, &ta, "night", 1, "key-aaaaaaaa");
	team_add(&b, &tb, "night", 9, "key-bbbbbbbb");  /* a retry from a new process */
	team_add(&c, &tc, "nights", 1, "key-aaaaaaaa");
	assert_int_equal(hl_idem_digest(&a, da), 0);
	assert_int_equal(hl_idem_digest(&b, db), 0);
	assert_int_equal(hl_idem_digest(&c, dc), 0);
	assert_memory_equal(da, db, HL_IDEM_DIGEST);
	assert_memory_not_equal(da, dc, HL_IDEM_DIGEST);
	/* The request itself is left as it was. */
	assert_int_equal(a.id, 1);
	assert_int_equal(a.idem_key.len, strlen("key-aaaaaaaa"));
}

static void test_reused_key_is_refused_with_a_reason(void **state)
{
	uint8_t d1[HL_IDEM_DIGEST] = {1}, d2[HL_IDEM_DIGEST] = {2};
	char err[256] = "";

	(void)state;
	assert_int_equal(hl_idem_match("team add", d1, "team add", d1, err, sizeof err), 0);
	assert_int_equal(hl_idem_match("team add", d1, "queue add", d1, err, sizeof err),
			 HL_E_INVALID);
	assert_non_null(strstr(err, "'team add'"));
	assert_non_null(strstr(err, "'queue add'"));
	assert_non_null(strstr(err, "new key"));
	err[0] = 0;
	assert_int_equal(hl_idem_match("team add", d1, "team add", d2, err, sizeof err),
			 HL_E_INVALID);
	assert_non_null(strstr(err, "other arguments"));
}

static void test_store_rows(void **state)
{
	char dir[] = "/tmp/hl-test-idem-XXXXXX", path[64], p[80];
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	const uint8_t key[16] = "0123456789abcdef";
	uint8_t reply[3] = {8, 1, 0};
	hl_idem_row row = {.request = "team add", .created_ms = 1000, .status = 0,
			   .error = "", .reply = reply, .reply_len = sizeof reply};
	hl_idem_row got;
	hl_store *st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/hotline.db", dir);
	assert_int_equal(hl_store_open(path, &st), 0);
	hl_store_begin(st);
	memset(row.digest, 7, sizeof row.digest);
	assert_int_equal(hl_store_idem_get(st, 1, key, sizeof key, &got), HL_E_NOTFOUND);
	assert_int_equal(hl_store_idem_put(st, 1, key, sizeof key, &row), 0);
	/* Only one answer per key: a second put does not replace the first. */
	row.status = HOTLINE__STATUS__EXISTS;
	assert_int_equal(hl_store_idem_put(st, 1, key, sizeof key, &row), HL_E_EXISTS);
	assert_int_equal(hl_store_idem_get(st, 1, key, sizeof key, &got), 0);
	assert_string_equal(got.request, "team add");
	assert_int_equal(got.status, 0);
	assert_int_equal(got.created_ms, 1000);
	assert_int_equal(got.reply_len, sizeof reply);
	assert_memory_equal(got.reply, reply, sizeof reply);
	assert_memory_equal(got.digest, row.digest, HL_IDEM_DIGEST);
	free(got.reply);
	/* Keys belong to a user: another user's identical key is another key. */
	assert_int_equal(hl_store_idem_get(st, 2, key, sizeof key, &got), HL_E_NOTFOUND);
	row.created_ms = 1000 + HL_IDEM_KEEP_MS;
	assert_int_equal(hl_store_idem_put(st, 2, key, sizeof key, &row), 0);
	assert_int_equal(hl_store_commit(st), 0);
	/* 24 h and 1 ms after the first row, the sweep takes it and leaves the
	 * young one. */
	int64_t now = 1000 + HL_IDEM_KEEP_MS + 1;
	hl_store_begin(st);
	assert_int_equal(hl_store_idem_expire(st, now - HL_IDEM_KEEP_MS), 1);
	assert_int_equal(hl_store_idem_get(st, 1, key, sizeof key, &got), HL_E_NOTFOUND);
	assert_int_equal(hl_store_idem_get(st, 2, key, sizeof key, &got), 0);
	free(got.reply);
	assert_int_equal(hl_store_commit(st), 0);
	hl_store_close(st);
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		snprintf(p, sizeof p, "%s%s", path, suffix[i]);
		unlink(p);
	}
	rmdir(dir);
}

struct classes {
	int unsaid, once;
	const char *once_names[64];
};

static void classify(const hl_request_desc *d, void *arg)
{
	struct classes *c = arg;

	if (d->effect != HL_REQ_AGAIN && d->effect != HL_REQ_ONCE) {
		print_error("request \"%s\" does not say whether it changes state (.effect)\n",
			    d->name);
		c->unsaid++;
	}
	if (d->effect == HL_REQ_ONCE && c->once < 64)
		c->once_names[c->once++] = d->name;
}

static int has(const struct classes *c, const char *name)
{
	for (int i = 0; i < c->once; i++)
		if (strcmp(c->once_names[i], name) == 0)
			return 1;
	return 0;
}

static void test_every_request_says_whether_it_changes_state(void **state)
{
	struct classes c = {0};

	(void)state;
	hl_requests_each(classify, &c);
	assert_int_equal(c.unsaid, 0);
	/* The changes the issue names run once; reads and login do not. */
	assert_true(has(&c, "team add"));
	assert_true(has(&c, "user add"));
	assert_true(has(&c, "chat send"));
	assert_true(has(&c, "agent accept"));
	assert_false(has(&c, "login"));
	assert_false(has(&c, "team list"));
	assert_false(has(&c, "events"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transient_answers_are_not_kept),
		cmocka_unit_test(test_digest_ignores_id_and_key_only),
		cmocka_unit_test(test_reused_key_is_refused_with_a_reason),
		cmocka_unit_test(test_store_rows),
		cmocka_unit_test(test_every_request_says_whether_it_changes_state),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
