/* System lines as events: each has a code and named arguments, and is
 * rendered in the reader's language from a template (docs/protocol.md,
 * "System lines"). Pure: no I/O, no gettext of its own. */
#ifndef HL_SYSLINE_H
#define HL_SYSLINE_H

#include <stddef.h>

#include "hotline.pb-c.h"

/* The codes, append-only (they are stored). */
#define HL_SYSLINE_JOINED "joined"                       /* agent */
#define HL_SYSLINE_TRANSFERRED "transferred"             /* queue */
#define HL_SYSLINE_TRANSFERRED_AGENT "transferred_agent" /* agent */
#define HL_SYSLINE_ENDED_AGENT "ended_agent"
#define HL_SYSLINE_ENDED_CUSTOMER "ended_customer"
#define HL_SYSLINE_NO_AGENT "no_agent"
#define HL_SYSLINE_BARGED "barged"                       /* agent: the supervisor */
#define HL_SYSLINE_TAKEN_OVER "taken_over"               /* agent: the supervisor */

/* A translation: returns the msgid's text in the reader's language (for
 * example a dgettext wrapper); NULL means English as written. */
typedef const char *(*hl_sysline_tr)(const char *msgid);

/* The code's English template (a gettext msgid with {name} placeholders),
 * or NULL for a code this build does not know. */
const char *hl_sysline_template(const char *code);

/* Writes `tmpl` into buf (always terminated, cut at cap) with each {key}
 * replaced by its argument. A missing or empty argument falls back: key_zh
 * to key_en and the reverse, then key_name and key_xx to the bare key
 * (a queue without labels shows its id). Returns the length written. */
size_t hl_sysline_format(const char *tmpl, const char *const *keys, const char *const *vals,
			 size_t n, char *buf, size_t cap);

/* Renders the line's code in the language of `tr` into buf. Returns 0, or
 * HL_E_NOTFOUND when the line has no code this build knows: the caller
 * then shows l->text as it is (old rows, newer brokers). */
int hl_sysline_render(const Hotline__ChatLine *l, hl_sysline_tr tr, char *buf, size_t cap);

#endif
