/* A bump allocator: requests build their replies here and drop it all at
 * once, so a handler never frees piecemeal. */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

#define BLOCK 4096

struct hl_arena_block {
	hl_arena_block *next;
	size_t used, cap;
	max_align_t data[];
};

static void *pb_alloc(void *ud, size_t n)
{
	return hl_arena_alloc(ud, n);
}

static void pb_free(void *ud, void *p)
{
	(void)ud;
	(void)p;  /* freed with the arena */
}

void hl_arena_init(hl_arena *a)
{
	a->blocks = NULL;
	a->pb.alloc = pb_alloc;
	a->pb.free = pb_free;
	a->pb.allocator_data = a;
}

void *hl_arena_alloc(hl_arena *a, size_t n)
{
	hl_arena_block *b = a->blocks;
	size_t al = sizeof(max_align_t);

	n = (n + al - 1) / al * al;
	if (n == 0)
		n = al;
	if (!b || b->cap - b->used < n) {
		size_t cap = n > BLOCK ? n : BLOCK;
		b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->cap = cap;
		b->used = 0;
		b->next = a->blocks;
		a->blocks = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

int hl_arena_grow(hl_arena *a, void *vec, size_t *cap, size_t n, size_t size, size_t first)
{
	size_t ncap = *cap ? *cap * 2 : first;
	void *old, *p;

	if (n < *cap)
		return 0;
	if (ncap <= n || ncap > SIZE_MAX / size || !(p = hl_arena_alloc(a, ncap * size)))
		return HL_E_NOMEM;
	/* `vec` is a T ** of any T: read and write it as bytes. */
	memcpy(&old, vec, sizeof old);
	if (n)
		memcpy(p, old, n * size);
	memcpy(vec, &p, sizeof p);
	*cap = ncap;
	return 0;
}

char *hl_arena_strdup(hl_arena *a, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	char *p = hl_arena_alloc(a, n + 1);

	if (p && n)
		memcpy(p, s, n);
	return p;
}

char *hl_arena_printf(hl_arena *a, const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !(p = hl_arena_alloc(a, (size_t)n + 1)))
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void hl_arena_free(hl_arena *a)
{
	hl_arena_block *b = a->blocks, *next;

	for (; b; b = next) {
		next = b->next;
		free(b);
	}
	a->blocks = NULL;
}
