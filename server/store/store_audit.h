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

/* Computes an entry's hash: SHA-256 over the previous hash, the id, the time
 * and each text field length-prefixed. Pure. */
void hl_store_audit_hash(const hl_audit_entry *e, uint8_t out[HL_AUDIT_HASHLEN]);

/* Appends an entry chained to the last one (fills id, prev_hash, hash) and
 * records the new head in meta. Returns 0 or HL_E_IO. */
int hl_store_audit_append(hl_store *st, hl_audit_entry *e);

/* Calls `fn` for the newest `limit` entries in id order (0: all). The
 * strings are valid during the call only. */
int hl_store_audit_each(hl_store *st, unsigned limit,
			int (*fn)(const hl_audit_entry *e, void *arg), void *arg);

/* Walks the whole chain: ids contiguous from 1, each prev_hash equal to the
 * previous hash, each hash recomputed, and the last entry equal to the head
 * recorded in meta. Fills *out. Returns 0 or HL_E_IO. */
int hl_store_audit_verify(hl_store *st, hl_audit_check *out);

#endif
