/* Idempotency rows in the store: the first answer to a keyed request. */
#ifndef HL_STORE_IDEM_H
#define HL_STORE_IDEM_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

#define HL_IDEM_KEY_MIN 8
#define HL_IDEM_KEY_MAX 64
#define HL_IDEM_DIGEST 16
#define HL_IDEM_NAME_MAX 63

/* One stored answer. */
typedef struct hl_idem_row {
	char request[HL_IDEM_NAME_MAX + 1];  /* the request's name: "team add" */
	uint8_t digest[HL_IDEM_DIGEST];      /* of the request's arguments */
	int64_t created_ms;
	int status;                          /* the reply's Status (0: OK) */
	const char *error;                   /* put: the reply's error text */
	uint8_t *reply;                      /* the packed Reply */
	size_t reply_len;
} hl_idem_row;

/* Looks up (user_id, key). Returns 0 with *out filled and out->reply
 * malloc'd (the caller frees it; out->error is NULL), HL_E_NOTFOUND, or
 * HL_E_IO. */
int hl_store_idem_get(hl_store *st, int64_t user_id, const uint8_t *key, size_t klen,
		      hl_idem_row *out);

/* Stores the answer for (user_id, key) in the turn's transaction. Returns 0,
 * HL_E_EXISTS if the key has an answer already, or HL_E_IO. */
int hl_store_idem_put(hl_store *st, int64_t user_id, const uint8_t *key, size_t klen,
		      const hl_idem_row *row);

/* Deletes the answers created before `before_ms`. Returns how many, or
 * HL_E_IO. */
int hl_store_idem_expire(hl_store *st, int64_t before_ms);

#endif
