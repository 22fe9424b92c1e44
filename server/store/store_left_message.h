/* Messages customers leave outside business hours, kept for the tickets
 * that will pick them up. */
#ifndef HL_STORE_LEFT_MESSAGE_H
#define HL_STORE_LEFT_MESSAGE_H

#include <stdint.h>

#include "store.h"

/* Stores a left message and sets *id. Returns 0 or HL_E_IO. */
int hl_store_left_message_insert(hl_store *st, int64_t customer_id, const char *item,
				 const char *name, const char *contact, const char *text,
				 int64_t now, int64_t *id);

#endif
