/* Configured codes in the store: Not Ready reasons and wrap-up codes, in
 * the order they were added. */
#ifndef HL_STORE_CODE_H
#define HL_STORE_CODE_H

#include <stdint.h>

#include "store.h"

#define HL_CODE_ID_MAX 31     /* fits the routing engine's reason (31 bytes) */
#define HL_CODE_LABEL_MAX 96  /* bytes of a label */

typedef struct hl_code {
	char kind[16];        /* "not_ready", "wrap_up" */
	char id[HL_CODE_ID_MAX + 1];
	char label_en[HL_CODE_LABEL_MAX + 1];
	char label_zh[HL_CODE_LABEL_MAX + 1];
	int64_t created_ms;
} hl_code;

/* Adds a code after the others of its kind. Returns 0, HL_E_EXISTS (the
 * kind has this id) or HL_E_IO. */
int hl_store_code_insert(hl_store *st, const hl_code *c);

/* Removes a code. Returns 0, HL_E_NOTFOUND or HL_E_IO. */
int hl_store_code_delete(hl_store *st, const char *kind, const char *id);

/* Reads one code into *out. Returns 0, HL_E_NOTFOUND or HL_E_IO. */
int hl_store_code_get(hl_store *st, const char *kind, const char *id, hl_code *out);

/* Calls fn for each code of `kind` (NULL or "": every kind), kinds in
 * order, then in the order added; a non-zero return from fn stops. Returns
 * 0 or HL_E_IO. */
int hl_store_code_each(hl_store *st, const char *kind, int (*fn)(const hl_code *c, void *arg),
		       void *arg);

#endif
