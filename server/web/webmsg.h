/* A visitor's line on the web chat: parsed, its type named, its size
 * checked — before any handler sees it. Pure: no I/O, no state. */
#ifndef HL_WEBMSG_H
#define HL_WEBMSG_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* The types a visitor may send (docs/webchat.md). */
typedef enum hl_webmsg_type {
	HL_WEBMSG_HELLO,
	HL_WEBMSG_START,
	HL_WEBMSG_MSG,
	HL_WEBMSG_TYPING,
	HL_WEBMSG_END,
	HL_WEBMSG_RATE,
	HL_WEBMSG_LEAVE_MESSAGE,
	HL_WEBMSG_REGION,
	HL_WEBMSG_COUNT
} hl_webmsg_type;

typedef struct hl_webmsg {
	hl_webmsg_type type;
	cJSON *root;        /* the object; owned, free with hl_webmsg_free */
} hl_webmsg;

/* Why a line was refused, for the visitor's `error` message. Never holds
 * any of the refused text. */
typedef struct hl_webmsg_error {
	const char *code;   /* "malformed", "bad_field", "unknown_type" */
	char field[48];     /* the field refused ("name", "trail.pages"), or "" */
	char text[256];     /* what happened and what to do */
} hl_webmsg_error;

/* The limits of the trail a hello carries (docs/webchat.md, "Text rules"). */
#define HL_WEBMSG_TRAIL_PAGES 20       /* pages in a trail */
#define HL_WEBMSG_TRAIL_BYTES 3600     /* all trail strings together, so it packs into HL_TRAIL_MAX */

/*
 * Parses one line (without its newline) and holds every string field the
 * type has to the text rules (common/textrule.h, docs/webchat.md "Text
 * rules"): a field that is not a string, not valid text or over its limit
 * refuses the whole line. Returns 0 with *m filled, or HL_E_MALFORMED with
 * *err set: "malformed" (not one JSON object), "bad_field" (no string
 * type, or a field refused: err->field names it), "unknown_type".
 */
int hl_webmsg_parse(const char *line, size_t len, hl_webmsg *m, hl_webmsg_error *err);

/* Frees what hl_webmsg_parse kept. */
void hl_webmsg_free(hl_webmsg *m);

/* The string member `key`, or NULL if absent or not a string. */
const char *hl_webmsg_str(const hl_webmsg *m, const char *key);

/* The number member `key` as an int in [lo, hi] into *out; returns 0, or
 * HL_E_INVALID if absent, not a whole number or out of range. */
int hl_webmsg_int(const hl_webmsg *m, const char *key, int lo, int hi, int *out);

/* 1 if the member `key` is JSON true. */
int hl_webmsg_true(const hl_webmsg *m, const char *key);

/* The type's name ("hello", …). */
const char *hl_webmsg_type_name(hl_webmsg_type t);

#endif
