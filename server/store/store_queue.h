/* Queues in the store: an id and its configuration, a packed QueueConf. */
#ifndef HL_STORE_QUEUE_H
#define HL_STORE_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"

/* Adds a queue. Returns 0, HL_E_EXISTS if the id is taken, or HL_E_IO. */
int hl_store_queue_insert(hl_store *st, const char *id, const void *conf, size_t len, int64_t now);

/* Replaces an existing queue's configuration. Returns 0 or HL_E_IO. */
int hl_store_queue_put(hl_store *st, const char *id, const void *conf, size_t len);

/* Calls `fn` for every queue, oldest first (the configuration is valid
 * during the call); fn returns non-zero to stop. Returns 0 or HL_E_IO. */
int hl_store_queue_each(hl_store *st, int (*fn)(const char *id, const void *conf, size_t len,
						void *arg), void *arg);

#endif
