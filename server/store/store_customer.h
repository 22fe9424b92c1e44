/* Web visitors as stored: a customer row is made only when a visitor first
 * writes something (a conversation or a left message), and rows of
 * visitors who never wrote anything are expired; a customer's last agent
 * and history. */
#ifndef HL_STORE_CUSTOMER_H
#define HL_STORE_CUSTOMER_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* The customer with this token hash into *id; 0, or HL_E_NOTFOUND. */
int hl_store_customer_find(hl_store *st, const uint8_t token_hash[32], int64_t *id);

/* A new customer row for this token hash; 0 with *id, or HL_E_IO. */
int hl_store_customer_add(hl_store *st, const uint8_t token_hash[32], int64_t now, int64_t *id);

/* Deletes at most `limit` customers made before `before_ms` that have no
 * contact and no left message. Returns how many, or HL_E_IO. */
int hl_store_customer_expire(hl_store *st, int64_t before_ms, int limit);

/* Records the agent who last served the customer. Returns 0 or HL_E_IO. */
int hl_store_customer_set_last_agent(hl_store *st, int64_t id, const char *agent);

/* The customer's last agent ("" none) and number of earlier contacts.
 * Returns 0, HL_E_NOTFOUND for an unknown customer, or HL_E_IO. */
int hl_store_customer_info(hl_store *st, int64_t id, char *last_agent, size_t cap,
			   int *contacts);

#endif
