/* One hash map for the whole tree: intrusive, chained, keyed by a 64-bit
 * value (an id, or the hash of a string key), growing as it fills. */
#ifndef HL_HMAP_H
#define HL_HMAP_H

#include <stddef.h>
#include <stdint.h>

#define HL_HMAP_SMALL 8   /* buckets held inside the map before it first grows */

/* Embedded in each record that lives in a map; a record in two maps has two. */
typedef struct hl_hmap_node {
	struct hl_hmap_node *next;
	uint64_t key;
} hl_hmap_node;

/* Zero it, or hl_hmap_init it, and it is an empty map. */
typedef struct hl_hmap {
	hl_hmap_node **b;    /* NULL while the small buckets below serve */
	size_t cap;          /* buckets: 0 (= HL_HMAP_SMALL) or a power of two */
	size_t n;
	hl_hmap_node *small[HL_HMAP_SMALL];
} hl_hmap;

/* Walks every node once, in no promised order. */
typedef struct hl_hmap_iter {
	const hl_hmap *m;
	size_t k;
	hl_hmap_node *next;
} hl_hmap_iter;

/* The record that holds `node` as its field `member`. */
#define hl_hmap_entry(node, type, member) \
	((type *)(void *)((char *)(node) - offsetof(type, member)))

/* Prepares an empty map (no allocation). */
void hl_hmap_init(hl_hmap *m);

/* Frees the map's buckets; the records are the caller's, untouched. */
void hl_hmap_fini(hl_hmap *m);

/* A 64-bit hash of a NUL-terminated string (FNV-1a), to key a map by
 * strings: the map then finds candidates and the caller compares names. */
uint64_t hl_hmap_str(const char *s);

/* Adds `node` under `key`. Never fails: when more buckets cannot be had,
 * the chains grow longer instead. A key may be added more than once (a
 * multimap); hl_hmap_get and hl_hmap_get_next find each. */
void hl_hmap_put(hl_hmap *m, hl_hmap_node *node, uint64_t key);

/* Takes `node` out of the map; a node that is not in it is left alone. */
void hl_hmap_del(hl_hmap *m, hl_hmap_node *node);

/* The most recently added node under `key`, or NULL. */
hl_hmap_node *hl_hmap_get(const hl_hmap *m, uint64_t key);

/* The next node (added earlier) under the same key as `node`, or NULL. */
hl_hmap_node *hl_hmap_get_next(const hl_hmap_node *node);

/* How many nodes the map holds. */
size_t hl_hmap_count(const hl_hmap *m);

/* Starts a walk; returns the first node or NULL. While walking, the node
 * just returned may be removed (hl_hmap_del), but nothing may be added. */
hl_hmap_node *hl_hmap_first(const hl_hmap *m, hl_hmap_iter *it);

/* The walk's next node, or NULL at its end. */
hl_hmap_node *hl_hmap_next(hl_hmap_iter *it);

#endif
