/* A conversation's system lines as the broker keeps them: a code and its
 * arguments as ids (stored), resolved for readers into display names and
 * queue labels at read time (common/sysline.h renders them). */
#ifndef HL_CHAT_SYSLINE_H
#define HL_CHAT_SYSLINE_H

#include <stddef.h>

#include "broker.h"

#define HL_SYSARGS_MAX 8

/* Arguments as readers get them: the stored ids plus, for "agent", its
 * display name (agent_name) and, for "queue", its labels (queue_en,
 * queue_zh). keys[i] and vals[i] point into the struct itself. */
typedef struct hl_chat_sysargs {
	size_t n;
	const char *keys[HL_SYSARGS_MAX], *vals[HL_SYSARGS_MAX];
	char kbuf[HL_SYSARGS_MAX][24], vbuf[HL_SYSARGS_MAX][200];
} hl_chat_sysargs;

/* Writes the stored form of one argument, a JSON object {"key":"value"}
 * (or "{}" without a key), into buf. Returns 0 or HL_E_TOOBIG. */
int hl_chat_sysline_args(const char *key, const char *value, char *buf, size_t cap);

/* Resolves stored arguments (a JSON object of strings; "" or malformed
 * gives none) into `out` with the broker's current names and labels. */
void hl_chat_sysline_resolve(hl_broker *b, const char *args_json, hl_chat_sysargs *out);

#endif
