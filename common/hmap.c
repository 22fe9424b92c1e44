/* An intrusive chained hash map keyed by 64-bit values: records carry their
 * node, so adding never allocates per record and never fails. */
#include "hmap.h"

#include <stdlib.h>
#include <string.h>

/* Grows past three quarters full: chains stay about one node long. */
#define LOAD_NUM 3
#define LOAD_DEN 4

static hl_hmap_node **buckets(const hl_hmap *m)
{
	return m->b ? m->b : (hl_hmap_node **)m->small;
}

static size_t nbuckets(const hl_hmap *m)
{
	return m->b ? m->cap : HL_HMAP_SMALL;
}

/* Ids are often sequential and session ids random; mixing (the finaliser
 * of MurmurHash3) spreads either over the low bits a bucket index uses. */
static size_t slot(uint64_t key, size_t n)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdULL;
	key ^= key >> 33;
	key *= 0xc4ceb9fe1a85ec53ULL;
	key ^= key >> 33;
	return (size_t)(key & (n - 1));
}

void hl_hmap_init(hl_hmap *m)
{
	memset(m, 0, sizeof *m);
}

void hl_hmap_fini(hl_hmap *m)
{
	free(m->b);
	hl_hmap_init(m);
}

uint64_t hl_hmap_str(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

/* Doubles the buckets and moves every node; on no memory the map stays as
 * it is, only slower. Each chain's order is kept, so nodes under one key
 * stay newest first. */
static void grow(hl_hmap *m)
{
	size_t old = nbuckets(m), cap = old * 2;
	hl_hmap_node **ob = buckets(m), **nb = calloc(cap, sizeof *nb), **tail;

	if (!nb)
		return;
	for (size_t k = 0; k < old; k++) {
		for (hl_hmap_node *x = ob[k], *next; x; x = next) {
			next = x->next;
			/* Append, keeping the chain's order. */
			for (tail = &nb[slot(x->key, cap)]; *tail; tail = &(*tail)->next)
				;
			x->next = NULL;
			*tail = x;
		}
	}
	free(m->b);
	if (!m->b)
		memset(m->small, 0, sizeof m->small);
	m->b = nb;
	m->cap = cap;
}

void hl_hmap_put(hl_hmap *m, hl_hmap_node *node, uint64_t key)
{
	hl_hmap_node **b;

	if ((m->n + 1) * LOAD_DEN > nbuckets(m) * LOAD_NUM)
		grow(m);
	b = &buckets(m)[slot(key, nbuckets(m))];
	node->key = key;
	node->next = *b;
	*b = node;
	m->n++;
}

void hl_hmap_del(hl_hmap *m, hl_hmap_node *node)
{
	for (hl_hmap_node **pp = &buckets(m)[slot(node->key, nbuckets(m))]; *pp;
	     pp = &(*pp)->next) {
		if (*pp == node) {
			*pp = node->next;
			node->next = NULL;
			m->n--;
			return;
		}
	}
}

hl_hmap_node *hl_hmap_get(const hl_hmap *m, uint64_t key)
{
	hl_hmap_node *x = buckets(m)[slot(key, nbuckets(m))];

	while (x && x->key != key)
		x = x->next;
	return x;
}

hl_hmap_node *hl_hmap_get_next(const hl_hmap_node *node)
{
	hl_hmap_node *x = node->next;

	while (x && x->key != node->key)
		x = x->next;
	return x;
}

size_t hl_hmap_count(const hl_hmap *m)
{
	return m->n;
}

/* The first node at or after bucket it->k. */
static hl_hmap_node *scan(hl_hmap_iter *it)
{
	hl_hmap_node **b = buckets(it->m);
	size_t n = nbuckets(it->m);

	while (it->k < n) {
		if (b[it->k])
			return b[it->k++];
		it->k++;
	}
	return NULL;
}

hl_hmap_node *hl_hmap_first(const hl_hmap *m, hl_hmap_iter *it)
{
	it->m = m;
	it->k = 0;
	it->next = scan(it);
	return hl_hmap_next(it);
}

hl_hmap_node *hl_hmap_next(hl_hmap_iter *it)
{
	hl_hmap_node *x = it->next;

	/* Step past x before the caller sees it, so it may remove x. */
	if (x)
		it->next = x->next ? x->next : scan(it);
	return x;
}
