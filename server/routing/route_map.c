/* Open-addressing hash map (linear probing, backward-shift deletion) from ids to record indexes. */
#include "route_map.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"

/* FNV-1a: ids are short, and the map needs no protection from crafted
 * keys beyond the load factor (ids come from the broker, not customers). */
static uint32_t hash_id(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 1099511628211ULL;
	return (uint32_t)(h ^ (h >> 32));
}

void route_map_init(route_map *m, route_map_key_fn key, const void *ctx)
{
	memset(m, 0, sizeof *m);
	m->key = key;
	m->ctx = ctx;
}

void route_map_fini(route_map *m)
{
	free(m->slot);
	free(m->hash);
	m->slot = m->hash = NULL;
	m->cap = m->n = 0;
}

uint32_t route_map_get(const route_map *m, const char *id)
{
	if (!m->cap)
		return ROUTE_NONE;
	uint32_t h = hash_id(id);
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		if (!m->slot[i])
			return ROUTE_NONE;
		if (m->hash[i] == h && strcmp(m->key(m->ctx, m->slot[i] - 1), id) == 0)
			return m->slot[i] - 1;
	}
}

static void place(route_map *m, uint32_t h, uint32_t stored)
{
	size_t mask = m->cap - 1, i = h & mask;
	while (m->slot[i])
		i = (i + 1) & mask;
	m->slot[i] = stored;
	m->hash[i] = h;
}

static int grow(route_map *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 64;
	uint32_t *ns = calloc(ncap, sizeof *ns), *nh = calloc(ncap, sizeof *nh);
	if (!ns || !nh) {
		free(ns);
		free(nh);
		return HL_E_NOMEM;
	}
	uint32_t *os = m->slot, *oh = m->hash;
	size_t ocap = m->cap;
	m->slot = ns;
	m->hash = nh;
	m->cap = ncap;
	for (size_t i = 0; i < ocap; i++)
		if (os[i])
			place(m, oh[i], os[i]);
	free(os);
	free(oh);
	return 0;
}

int route_map_put(route_map *m, const char *id, uint32_t idx)
{
	/* Keep the load under 1/2 so probes stay short. */
	if ((m->n + 1) * 2 > m->cap) {
		int rc = grow(m);
		if (rc)
			return rc;
	}
	place(m, hash_id(id), idx + 1);
	m->n++;
	return 0;
}

void route_map_del(route_map *m, const char *id)
{
	if (!m->cap)
		return;
	uint32_t h = hash_id(id);
	size_t mask = m->cap - 1, i = h & mask;
	for (;; i = (i + 1) & mask) {
		if (!m->slot[i])
			return;
		if (m->hash[i] == h && strcmp(m->key(m->ctx, m->slot[i] - 1), id) == 0)
			break;
	}
	/* Backward shift: move later entries of the probe run into the hole
	 * when their home slot does not lie between the hole and them. */
	size_t hole = i;
	for (size_t j = (hole + 1) & mask; m->slot[j]; j = (j + 1) & mask) {
		size_t home = m->hash[j] & mask;
		if (((j - home) & mask) >= ((j - hole) & mask)) {
			m->slot[hole] = m->slot[j];
			m->hash[hole] = m->hash[j];
			hole = j;
		}
	}
	m->slot[hole] = 0;
	m->n--;
}
