/* A conversation's lines in the store, in sequence order, each sender's
 * client ids remembered so a line sent twice is stored once. */
#ifndef HL_STORE_MESSAGE_H
#define HL_STORE_MESSAGE_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

#define HL_TEXT_MAX 4000       /* a chat line, in characters (bytes up to 4×) */

/* A stored line. System lines carry a code and their arguments as a JSON
 * object of ids ("" otherwise); text is their English rendering. */
typedef struct hl_store_message {
	uint64_t seq;
	const char *sender, *name, *text, *client_id, *code, *args;
	int64_t ts;
} hl_store_message;

/* Messages: m->seq is the contact's next_seq. A client id seen before for
 * the same contact and sender gives HL_E_EXISTS and its seq in *dup_seq.
 * Returns 0, HL_E_EXISTS or HL_E_IO. */
int hl_store_message_insert(hl_store *st, int64_t contact_id, const hl_store_message *m,
			    uint64_t *dup_seq);

/* Calls fn for each message after `after` in seq order (strings valid
 * during the call); fn returns non-zero to stop. Returns 0 or HL_E_IO. */
int hl_store_message_each(hl_store *st, int64_t contact_id, uint64_t after,
			  int (*fn)(const hl_store_message *m, void *arg), void *arg);

#endif
