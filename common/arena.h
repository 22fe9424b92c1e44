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

/* Makes room for element `n` of an array of `size`-byte elements kept in
 * the arena: `vec` points to the caller's array pointer (a T **), *cap is
 * the array's capacity and n the elements in use. While n < *cap nothing
 * changes; else an array of twice the capacity (`first` when it is 0) is
 * taken from the arena, the n elements copied into it, and *vec and *cap
 * set to it (the old array stays until the arena is freed). Returns 0, or
 * HL_E_NOMEM with *vec and *cap as they were. */
int hl_arena_grow(hl_arena *a, void *vec, size_t *cap, size_t n, size_t size, size_t first);

/* Frees everything the arena handed out. */
void hl_arena_free(hl_arena *a);

#endif
