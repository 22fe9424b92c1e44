/* The configured codes the desk offers: Not Ready reasons and wrap-up
 * codes as the broker lists them, with their labels in either language.
 * Pure: no I/O, no curses. */
#ifndef HL_CM_CODES_H
#define HL_CM_CODES_H

#include <stdbool.h>
#include <stddef.h>

#include "hotline.pb-c.h"

#define HL_CM_CODES_MAX 64

typedef struct hl_cm_code {
	char kind[16];      /* "not_ready", "wrap_up" */
	char id[32];
	char label_en[100], label_zh[100];
} hl_cm_code;

typedef struct hl_cm_codes {
	hl_cm_code v[HL_CM_CODES_MAX];
	size_t n;
} hl_cm_codes;

/* Replaces the list with the broker's (in its order; past
 * HL_CM_CODES_MAX the rest is left out). */
void hl_cm_codes_set(hl_cm_codes *c, Hotline__ReasonCode *const *v, size_t n);

/* The label of code `id` of `kind` in Chinese when zh, else English (the
 * English one when there is no Chinese); NULL when the code is unknown. */
const char *hl_cm_codes_label(const hl_cm_codes *c, const char *kind, const char *id,
				 bool zh);

/* How many codes of `kind` there are, and the i-th of them (NULL past). */
size_t hl_cm_codes_count(const hl_cm_codes *c, const char *kind);
const hl_cm_code *hl_cm_codes_at(const hl_cm_codes *c, const char *kind, size_t i);

#endif
