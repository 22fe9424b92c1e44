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

/* Parses one line (without its newline). Returns 0 with *m filled, or
 * HL_E_MALFORMED with *code and *text set for the visitor's `error`
 * message: "malformed" (not one JSON object), "bad_field" (no string
 * type), "unknown_type". */
int hl_webmsg_parse(const char *line, size_t len, hl_webmsg *m, const char **code,
		    const char **text);

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
