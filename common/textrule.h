/* The text rules: which strings from outside (a visitor, a peer on the
 * wire) are acceptable text. One place, so every field is held to the same
 * rules (docs/webchat.md, "Text rules"). Pure: no I/O, no state. */
#ifndef HL_TEXTRULE_H
#define HL_TEXTRULE_H

#include <stddef.h>

/* What a field allows beyond one line of plain text. */
enum {
	HL_TEXTRULE_MULTILINE = 1u << 0, /* newline and tab (a message body) */
	HL_TEXTRULE_MARKS = 1u << 1,     /* LRM, RLM and ALM (U+200E, U+200F, U+061C) */
	HL_TEXTRULE_CHARS = 1u << 2,     /* max counts code points, not bytes */
};

/* Why a string was refused; HL_TEXTRULE_OK (0) when it was not. Stable:
 * tests and the error texts name them. */
typedef enum hl_textrule_reason {
	HL_TEXTRULE_OK = 0,
	HL_TEXTRULE_BAD_UTF8,  /* not well-formed UTF-8 (overlong, surrogate, > U+10FFFF, cut) */
	HL_TEXTRULE_NUL,       /* a NUL byte */
	HL_TEXTRULE_CONTROL,   /* C0 (but newline/tab where allowed), DEL, C1 */
	HL_TEXTRULE_NEWLINE,   /* newline, tab or a line separator in a one-line field */
	HL_TEXTRULE_BIDI,      /* a bidi override, embedding or isolate (or a mark where not allowed) */
	HL_TEXTRULE_TOO_LONG,  /* over the limit: refused, never cut */
	HL_TEXTRULE_REASONS
} hl_textrule_reason;

/*
 * Checks s[0, len) against the rules: well-formed UTF-8 (Unicode 15,
 * table 3-7), no NUL, no C0 control but newline and tab with
 * HL_TEXTRULE_MULTILINE, no DEL or C1 control, no U+2028/U+2029 in a
 * one-line field, no bidi override, embedding or isolate (U+202A..U+202E,
 * U+2066..U+2069), no LRM/RLM/ALM without HL_TEXTRULE_MARKS, and at most
 * `max` bytes (or code points with HL_TEXTRULE_CHARS); max 0 means no
 * limit. An empty string passes: whether a field may be empty is the
 * caller's rule. The first fault found is returned; too long is checked
 * last, so a short string with a bad byte says what the byte is.
 * `at`, if not NULL, receives the byte offset of the fault (len for too long).
 */
hl_textrule_reason hl_textrule_check(const char *s, size_t len, unsigned flags, size_t max,
				     size_t *at);

/* What the reason means, in words for the person who sent the text
 * ("contains a control character"); never the text itself. */
const char *hl_textrule_reason_text(hl_textrule_reason r);

/* A short stable name for logs and tests ("bad_utf8", "bidi", …). */
const char *hl_textrule_reason_name(hl_textrule_reason r);

#endif
