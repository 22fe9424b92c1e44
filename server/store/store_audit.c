/* The audit log: each entry carries the keyed hash of the one before it, so
 * a row changed or deleted behind the broker's back breaks the chain, and
 * whoever can write only the database cannot forge a new one. */
#include "store_audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "error.h"

/* Both link functions take the same bytes; only the primitive differs. */
typedef struct link_hash {
	int keyed;
	crypto_hash_sha256_state sha;
	crypto_auth_hmacsha256_state mac;
} link_hash;

static void put(link_hash *h, const uint8_t *p, size_t n)
{
	if (h->keyed)
		crypto_auth_hmacsha256_update(&h->mac, p, n);
	else
		crypto_hash_sha256_update(&h->sha, p, n);
}

static void put_u64(link_hash *h, uint64_t v)
{
	uint8_t b[8];
	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (56 - 8 * i));
	put(h, b, 8);
}

static void put_str(link_hash *h, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	/* Length prefixes keep ("ab","c") and ("a","bc") apart. */
	put_u64(h, n);
	put(h, (const uint8_t *)(s ? s : ""), n);
}

void hl_store_audit_hash(const hl_audit_key *k, const hl_audit_entry *e,
			 uint8_t out[HL_AUDIT_HASHLEN])
{
	link_hash h;

	h.keyed = k && e->id >= k->from;
	if (h.keyed)
		crypto_auth_hmacsha256_init(&h.mac, k->mac, HL_AUDIT_HASHLEN);
	else
		crypto_hash_sha256_init(&h.sha);
	put(&h, e->prev_hash, HL_AUDIT_HASHLEN);
	put_u64(&h, (uint64_t)e->id);
	put_u64(&h, (uint64_t)e->time_ms);
	put_str(&h, e->actor);
	put_str(&h, e->action);
	put_str(&h, e->target);
	put_str(&h, e->detail);
	put_str(&h, e->result);
	if (h.keyed)
		crypto_auth_hmacsha256_final(&h.mac, out);
	else
		crypto_hash_sha256_final(&h.sha, out);
	sodium_memzero(&h, sizeof h);
}

static int last_entry(hl_store *st, int64_t *id, uint8_t hash[HL_AUDIT_HASHLEN])
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT id,hash FROM audit ORDER BY id DESC LIMIT 1");

	*id = 0;
	memset(hash, 0, HL_AUDIT_HASHLEN);
	if (!s)
		return HL_E_IO;
	if (hl_store_step(st, s) == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		if (sqlite3_column_bytes(s, 1) == HL_AUDIT_HASHLEN)
			memcpy(hash, sqlite3_column_blob(s, 1), HL_AUDIT_HASHLEN);
	}
	sqlite3_reset(s);
	return 0;
}

static void head_text(int64_t id, const uint8_t hash[HL_AUDIT_HASHLEN], char *buf, size_t cap)
{
	char hex[2 * HL_AUDIT_HASHLEN + 1];
	sodium_bin2hex(hex, sizeof hex, hash, HL_AUDIT_HASHLEN);
	snprintf(buf, cap, "%lld:%s", (long long)id, hex);
}

/* The chain continues from the recorded head, not from whatever row is
 * last now: a newest entry deleted behind the broker's back then leaves a
 * gap that verification sees, instead of being papered over. */
static int chain_head(hl_store *st, int64_t *id, uint8_t hash[HL_AUDIT_HASHLEN])
{
	char head[128], *colon;
	size_t bin_len = 0;

	if (hl_store_meta_get(st, "audit_head", head, sizeof head) < 0)
		return last_entry(st, id, hash);
	colon = strchr(head, ':');
	if (!colon || sodium_hex2bin(hash, HL_AUDIT_HASHLEN, colon + 1, strlen(colon + 1), NULL,
				     &bin_len, NULL) != 0 || bin_len != HL_AUDIT_HASHLEN)
		return last_entry(st, id, hash);
	*id = strtoll(head, NULL, 10);
	return 0;
}

int hl_store_audit_append(hl_store *st, const hl_audit_key *k, hl_audit_entry *e)
{
	sqlite3_stmt *s;
	int64_t last;
	char head[128];
	int rc;

	if ((rc = chain_head(st, &last, e->prev_hash)) < 0)
		return rc;
	e->id = last + 1;
	hl_store_audit_hash(k, e, e->hash);
	s = hl_store_stmt(st, "INSERT INTO audit(id,time_ms,actor,action,target,detail,result,"
		"prev_hash,hash) VALUES(?,?,?,?,?,?,?,?,?)");
	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, e->id);
	sqlite3_bind_int64(s, 2, e->time_ms);
	sqlite3_bind_text(s, 3, e->actor ? e->actor : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, e->action ? e->action : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, e->target ? e->target : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, e->detail ? e->detail : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, e->result ? e->result : "", -1, SQLITE_STATIC);
	sqlite3_bind_blob(s, 8, e->prev_hash, HL_AUDIT_HASHLEN, SQLITE_STATIC);
	sqlite3_bind_blob(s, 9, e->hash, HL_AUDIT_HASHLEN, SQLITE_STATIC);
	if ((rc = hl_store_step_done(st, s)) < 0)
		return rc;
	/* The head is kept apart from the rows so that deleting the newest
	 * entries is noticed too. */
	head_text(e->id, e->hash, head, sizeof head);
	return hl_store_meta_set(st, "audit_head", head);
}

int64_t hl_store_audit_next_id(hl_store *st)
{
	uint8_t hash[HL_AUDIT_HASHLEN];
	int64_t id;

	if (chain_head(st, &id, hash) < 0)
		return HL_E_IO;
	return id + 1;
}

int hl_store_audit_has(hl_store *st, int64_t id, const uint8_t hash[HL_AUDIT_HASHLEN])
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT hash FROM audit WHERE id=?");
	int found = 0;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, id);
	if (hl_store_step(st, s) == SQLITE_ROW && sqlite3_column_bytes(s, 0) == HL_AUDIT_HASHLEN)
		found = memcmp(sqlite3_column_blob(s, 0), hash, HL_AUDIT_HASHLEN) == 0;
	sqlite3_reset(s);
	return found;
}

static void row_entry(sqlite3_stmt *s, hl_audit_entry *e)
{
	memset(e, 0, sizeof *e);
	e->id = sqlite3_column_int64(s, 0);
	e->time_ms = sqlite3_column_int64(s, 1);
	e->actor = (const char *)sqlite3_column_text(s, 2);
	e->action = (const char *)sqlite3_column_text(s, 3);
	e->target = (const char *)sqlite3_column_text(s, 4);
	e->detail = (const char *)sqlite3_column_text(s, 5);
	e->result = (const char *)sqlite3_column_text(s, 6);
	if (sqlite3_column_bytes(s, 7) == HL_AUDIT_HASHLEN)
		memcpy(e->prev_hash, sqlite3_column_blob(s, 7), HL_AUDIT_HASHLEN);
	if (sqlite3_column_bytes(s, 8) == HL_AUDIT_HASHLEN)
		memcpy(e->hash, sqlite3_column_blob(s, 8), HL_AUDIT_HASHLEN);
}

#define AUDIT_COLS "id,time_ms,actor,action,target,detail,result,prev_hash,hash"

int hl_store_audit_each(hl_store *st, unsigned limit,
			int (*fn)(const hl_audit_entry *e, void *arg), void *arg)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT " AUDIT_COLS " FROM (SELECT * FROM audit"
		" ORDER BY id DESC LIMIT ?) ORDER BY id");
	hl_audit_entry e;
	int rc;

	if (!s)
		return HL_E_IO;
	sqlite3_bind_int64(s, 1, limit ? (sqlite3_int64)limit : -1);
	while ((rc = hl_store_step(st, s)) == SQLITE_ROW) {
		row_entry(s, &e);
		if (fn(&e, arg))
			break;
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : HL_E_IO;
}

static void bad(hl_audit_check *c, int64_t id, const char *what)
{
	if (!c->intact)
		return;
	c->intact = 0;
	c->first_bad = id;
	snprintf(c->problem, sizeof c->problem, "entry %lld: %s", (long long)id, what);
}

int hl_store_audit_verify(hl_store *st, const hl_audit_key *k, hl_audit_check *c)
{
	sqlite3_stmt *s = hl_store_stmt(st, "SELECT " AUDIT_COLS " FROM audit ORDER BY id");
	uint8_t prev[HL_AUDIT_HASHLEN] = {0}, h[HL_AUDIT_HASHLEN];
	int64_t expect = 1;
	hl_audit_entry e;
	char head[128], want[128];
	int rc, seen_ok = 0;

	memset(c, 0, sizeof *c);
	c->intact = 1;
	if (!s)
		return HL_E_IO;
	while ((rc = hl_store_step(st, s)) == SQLITE_ROW) {
		row_entry(s, &e);
		c->total++;
		if (e.id != expect)
			bad(c, expect, "missing (entries were deleted)");
		if (memcmp(e.prev_hash, prev, HL_AUDIT_HASHLEN) != 0)
			bad(c, e.id, "does not link to the entry before it");
		hl_store_audit_hash(k, &e, h);
		if (memcmp(h, e.hash, HL_AUDIT_HASHLEN) != 0)
			bad(c, e.id, "its contents were changed after it was written");
		if (k && k->seen_id == e.id)
			seen_ok = memcmp(k->seen_hash, e.hash, HL_AUDIT_HASHLEN) == 0;
		memcpy(prev, e.hash, HL_AUDIT_HASHLEN);
		expect = e.id + 1;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return HL_E_IO;
	head_text(expect - 1, prev, want, sizeof want);
	if (hl_store_meta_get(st, "audit_head", head, sizeof head) == 0) {
		if (strcmp(head, want) != 0)
			bad(c, expect, "the newest entries were removed or replaced");
	} else if (expect > 1) {
		bad(c, expect - 1, "the recorded head of the chain is missing");
	}
	/* The witness outside the database catches what the meta head cannot:
	 * newest entries cut off with the head rolled back to match. */
	if (k && k->seen_id > 0 && !seen_ok)
		bad(c, k->seen_id, "no longer as the broker wrote it (the state directory's "
		    "audit.head names it): entries were removed or rewritten");
	return 0;
}
