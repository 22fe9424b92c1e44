/* A bump allocator for the short-lived objects of one request. */
#ifndef HL_ARENA_H
#define HL_ARENA_H

#include <stddef.h>

#include <protobuf-c/protobuf-c.h>

typedef struct hl_arena_block hl_arena_block;

typedef struct hl_arena {
	hl_arena_block *blocks;
	ProtobufCAllocator pb;  /* hands protobuf-c unpacking to this arena */
} hl_arena;

/* Prepares an empty arena (no allocation yet). */
void hl_arena_init(hl_arena *a);

/* Returns `n` zeroed bytes aligned for any type, valid until
 * hl_arena_free; NULL when memory runs out. */
void *hl_arena_alloc(hl_arena *a, size_t n);

/* Copies a NUL-terminated string into the arena (NULL gives ""). */
char *hl_arena_strdup(hl_arena *a, const char *s);

/* Formats into the arena like snprintf; NULL when memory runs out. */
char *hl_arena_printf(hl_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Frees everything the arena handed out. */
void hl_arena_free(hl_arena *a);

#endif
