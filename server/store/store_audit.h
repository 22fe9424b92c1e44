/* The append-only, hash-chained audit log in the store. */
#ifndef HL_STORE_AUDIT_H
#define HL_STORE_AUDIT_H

#include <stdint.h>

#include "store.h"

#define HL_AUDIT_HASHLEN 32

typedef struct hl_audit_entry {
	int64_t id;
	int64_t time_ms;
	const char *actor, *action, *target, *detail, *result;
	uint8_t prev_hash[HL_AUDIT_HASHLEN];
	uint8_t hash[HL_AUDIT_HASHLEN];
} hl_audit_entry;

typedef struct hl_audit_check {
	int intact;          /* 1 when every link holds */
	int64_t first_bad;   /* the first entry that breaks the chain (0 if none) */
	int64_t total;       /* entries examined */
	char problem[160];   /* what is wrong, for a person */
} hl_audit_check;

/* What the chain is keyed and anchored with from outside the database (the
 * state directory's audit.key and audit.head, see auditkey.h). */
typedef struct hl_audit_key {
	uint8_t mac[HL_AUDIT_HASHLEN]; /* HMAC-SHA-256 key */
	int64_t from;                  /* the first entry keyed; earlier ones are plain
					* SHA-256 (written before the chain had a key) */
	int64_t seen_id;               /* newest entry known outside the database, 0 none */
	uint8_t seen_hash[HL_AUDIT_HASHLEN];
} hl_audit_key;

/* Computes an entry's link: over the previous hash, the id, the time and
 * each text field length-prefixed; HMAC-SHA-256 with k->mac when `k` is
 * given and e->id >= k->from, else plain SHA-256. Pure. */
void hl_store_audit_hash(const hl_audit_key *k, const hl_audit_entry *e,
			 uint8_t out[HL_AUDIT_HASHLEN]);

/* Appends an entry chained to the last one (fills id, prev_hash, hash),
 * keyed by `k` (NULL: unkeyed, for tests of the chain alone), and records
 * the new head in meta. Returns 0 or HL_E_IO. */
int hl_store_audit_append(hl_store *st, const hl_audit_key *k, hl_audit_entry *e);

/* The id the next appended entry will get (1 for an empty log). Returns it,
 * or HL_E_IO. */
int64_t hl_store_audit_next_id(hl_store *st);

/* 1 when entry `id` is stored with link `hash`, 0 when not, or HL_E_IO. */
int hl_store_audit_has(hl_store *st, int64_t id, const uint8_t hash[HL_AUDIT_HASHLEN]);

/* Calls `fn` for the newest `limit` entries in id order (0: all). The
 * strings are valid during the call only. */
int hl_store_audit_each(hl_store *st, unsigned limit,
			int (*fn)(const hl_audit_entry *e, void *arg), void *arg);

/* Walks the whole chain: ids contiguous from 1, each prev_hash equal to the
 * previous hash, each hash recomputed with `k` (as in hl_store_audit_hash),
 * the last entry equal to the head recorded in meta, and, when k->seen_id
 * is set, that entry present with k->seen_hash. Fills *out. Returns 0 or
 * HL_E_IO. */
int hl_store_audit_verify(hl_store *st, const hl_audit_key *k, hl_audit_check *out);

#endif
