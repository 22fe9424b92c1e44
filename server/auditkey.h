/* The audit chain's anchors outside the database: its MAC key (audit.key)
 * and the newest entry the broker wrote (audit.head), in the state
 * directory, readable only by the broker's user. */
#ifndef HL_AUDITKEY_H
#define HL_AUDITKEY_H

#include <stdint.h>

#include "store_audit.h"

/* Loads DIR/audit.key into *k, or, when there is none, makes one (mode 0600)
 * whose keyed part starts at entry `next_id` (1 for a new database; the
 * next id for a state directory written before the chain had a key, whose
 * older entries stay plain SHA-256). Then reads DIR/audit.head, if any,
 * into k->seen_id / k->seen_hash. Returns 0, or HL_E_IO / HL_E_MALFORMED
 * with the reason on stderr. */
int hl_auditkey_open(const char *dir, int64_t next_id, hl_audit_key *k);

/* Records entry `id` with link `hash` as the newest in DIR/audit.head (write
 * to a temporary file, then rename) and in *k. Called after the entry is
 * committed, never before. Returns 0 or HL_E_IO. */
int hl_auditkey_witness(const char *dir, hl_audit_key *k, int64_t id,
			const uint8_t hash[HL_AUDIT_HASHLEN]);

#endif
