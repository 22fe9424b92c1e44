/* String id → index hash map for the routing engine's queues, agents,
 * contacts and customers. The keys live in the caller's records: the map
 * holds indexes and asks `key` for a record's id. */
#ifndef HL_ROUTE_MAP_H
#define HL_ROUTE_MAP_H

#include <stddef.h>
#include <stdint.h>

#define ROUTE_NONE UINT32_MAX

/* Returns the id of record `idx`; `ctx` is what route_map_init got. */
typedef const char *(*route_map_key_fn)(const void *ctx, uint32_t idx);

typedef struct route_map {
	uint32_t *slot;   /* idx + 1, 0 = empty */
	uint32_t *hash;
	size_t cap, n;    /* cap: 0 or a power of two */
	route_map_key_fn key;
	const void *ctx;
} route_map;

/* Prepares an empty map (no allocation). */
void route_map_init(route_map *m, route_map_key_fn key, const void *ctx);

/* Frees the map's memory. */
void route_map_fini(route_map *m);

/* Returns the index stored for `id`, or ROUTE_NONE. */
uint32_t route_map_get(const route_map *m, const char *id);

/* Stores `idx` under `id` (which must not be present; record `idx` must
 * already return `id`). Returns 0 or HL_E_NOMEM. */
int route_map_put(route_map *m, const char *id, uint32_t idx);

/* Removes `id` if present. */
void route_map_del(route_map *m, const char *id);

#endif
