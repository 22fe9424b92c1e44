/* The audit log: each entry carries the keyed hash of the one before it, so
 * a row changed or deleted behind the broker's back breaks the chain, and
 * whoever can write only the database cannot forge a new one. */
#include "store_audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "error.h"
#include "store_row.h"

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

/* A hash column into `out` when it has the hash's length (else untouched). */
static void col_hash(sqlite3_stmt *s, int col, uint8_t out[HL_AUDIT_HASHLEN])
{
	if (sqlite3_column_bytes(s, col) == HL_AUDIT_HASHLEN)
		memcpy(out, sqlite3_column_blob(s, col), HL_AUDIT_HASHLEN);
}

struct last {
	int64_t *id;
	uint8_t *hash;
};

static int last_row(sqlite3_stmt *s, void *arg)
{
	struct last *l = arg;

	*l->id = sqlite3_column_int64(s, 0);
	col_hash(s, 1, l->hash);
	return 0;
}

/* The newest row's id and hash; 0 and zeros for an empty chain. */
static int last_entry(hl_store *st, int64_t *id, uint8_t hash[HL_AUDIT_HASHLEN])
{
	struct last l = {id, hash};
	int rc;

	*id = 0;
	memset(hash, 0, HL_AUDIT_HASHLEN);
	rc = hl_store_one(st, "SELECT id,hash FROM audit ORDER BY id DESC LIMIT 1", last_row, &l,
			  "");
	return rc == HL_E_NOTFOUND ? 0 : rc;
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
	int64_t last;
	char head[128];
	int rc;

	if ((rc = chain_head(st, &last, e->prev_hash)) < 0)
		return rc;
	e->id = last + 1;
	hl_store_audit_hash(k, e, e->hash);
	rc = hl_store_exec(st, "INSERT INTO audit(id,time_ms,actor,action,target,detail,result,"
		"prev_hash,hash) VALUES(?,?,?,?,?,?,?,?,?)", "lltttttbb", e->id, e->time_ms,
		e->actor ? e->actor : "", e->action ? e->action : "", e->target ? e->target : "",
		e->detail ? e->detail : "", e->result ? e->result : "", e->prev_hash,
		(size_t)HL_AUDIT_HASHLEN, e->hash, (size_t)HL_AUDIT_HASHLEN);
	if (rc < 0)
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

static int hash_row(sqlite3_stmt *s, void *arg)
{
	col_hash(s, 0, arg);
	return 0;
}

int hl_store_audit_has(hl_store *st, int64_t id, const uint8_t hash[HL_AUDIT_HASHLEN])
{
	uint8_t got[HL_AUDIT_HASHLEN] = {0};
	int rc = hl_store_one(st, "SELECT hash FROM audit WHERE id=?", hash_row, got, "l", id);

	if (rc == HL_E_IO)
		return rc;
	return rc == 0 && memcmp(got, hash, HL_AUDIT_HASHLEN) == 0;
}

/* Text fields point into the row: valid while it is read. */
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
	col_hash(s, 7, e->prev_hash);
	col_hash(s, 8, e->hash);
}

#define AUDIT_COLS "id,time_ms,actor,action,target,detail,result,prev_hash,hash"

struct each_cb {
	int (*fn)(const hl_audit_entry *e, void *arg);
	void *arg;
};

static int each_row(sqlite3_stmt *s, void *arg)
{
	struct each_cb *cb = arg;
	hl_audit_entry e;

	row_entry(s, &e);
	return cb->fn(&e, cb->arg);
}

int hl_store_audit_each(hl_store *st, unsigned limit,
			int (*fn)(const hl_audit_entry *e, void *arg), void *arg)
{
	struct each_cb cb = {fn, arg};

	return hl_store_each(st, "SELECT " AUDIT_COLS " FROM (SELECT * FROM audit"
		" ORDER BY id DESC LIMIT ?) ORDER BY id", each_row, &cb, "l",
		limit ? (int64_t)limit : (int64_t)-1);
}

static void bad(hl_audit_check *c, int64_t id, const char *what)
{
	if (!c->intact)
		return;
	c->intact = 0;
	c->first_bad = id;
	snprintf(c->problem, sizeof c->problem, "entry %lld: %s", (long long)id, what);
}

/* The walk along the chain: what the next entry must be. */
struct walk {
	const hl_audit_key *k;
	hl_audit_check *c;
	uint8_t prev[HL_AUDIT_HASHLEN];
	int64_t expect;
	int seen_ok;
};

static int verify_row(sqlite3_stmt *s, void *arg)
{
	struct walk *w = arg;
	uint8_t h[HL_AUDIT_HASHLEN];
	hl_audit_entry e;

	row_entry(s, &e);
	w->c->total++;
	if (e.id != w->expect)
		bad(w->c, w->expect, "missing (entries were deleted)");
	if (memcmp(e.prev_hash, w->prev, HL_AUDIT_HASHLEN) != 0)
		bad(w->c, e.id, "does not link to the entry before it");
	hl_store_audit_hash(w->k, &e, h);
	if (memcmp(h, e.hash, HL_AUDIT_HASHLEN) != 0)
		bad(w->c, e.id, "its contents were changed after it was written");
	if (w->k && w->k->seen_id == e.id)
		w->seen_ok = memcmp(w->k->seen_hash, e.hash, HL_AUDIT_HASHLEN) == 0;
	memcpy(w->prev, e.hash, HL_AUDIT_HASHLEN);
	w->expect = e.id + 1;
	return 0;
}

int hl_store_audit_verify(hl_store *st, const hl_audit_key *k, hl_audit_check *c)
{
	struct walk w = {.k = k, .c = c, .expect = 1};
	char head[128], want[128];
	int rc;

	memset(c, 0, sizeof *c);
	c->intact = 1;
	rc = hl_store_each(st, "SELECT " AUDIT_COLS " FROM audit ORDER BY id", verify_row, &w, "");
	if (rc < 0)
		return rc;
	head_text(w.expect - 1, w.prev, want, sizeof want);
	if (hl_store_meta_get(st, "audit_head", head, sizeof head) == 0) {
		if (strcmp(head, want) != 0)
			bad(c, w.expect, "the newest entries were removed or replaced");
	} else if (w.expect > 1) {
		bad(c, w.expect - 1, "the recorded head of the chain is missing");
	}
	/* The witness outside the database catches what the meta head cannot:
	 * newest entries cut off with the head rolled back to match. */
	if (k && k->seen_id > 0 && !w.seen_ok)
		bad(c, k->seen_id, "no longer as the broker wrote it (the state directory's "
		    "audit.head names it): entries were removed or rewritten");
	return 0;
}
