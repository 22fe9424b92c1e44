/* Display width of UTF-8 text by our own table, and fitting text to columns. */
#ifndef HL_TUI_WIDTH_H
#define HL_TUI_WIDTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#define HL_TUI_REPLACEMENT 0xFFFDu   /* shown for bytes that are not UTF-8 */
#define HL_TUI_ELLIPSIS "\u2026"     /* "…", one column */

enum { HL_TUI_ALIGN_LEFT, HL_TUI_ALIGN_RIGHT, HL_TUI_ALIGN_CENTER };

/* One row of wrapped text: bytes s[off, off+len) taking `width` columns. */
typedef struct hl_tui_span {
	size_t off, len;
	int width;
} hl_tui_span;

/* Iterator state for hl_tui_width_wrap_next; fill with
 * hl_tui_width_wrap_init. */
typedef struct hl_tui_wrap {
	const char *s;
	size_t len, pos;
	int width;
	bool done;
} hl_tui_wrap;

/* Decodes the code point at s[0..len) into *cp and returns the bytes it
 * took: 0 only when len is 0. A byte that does not start a valid, shortest
 * UTF-8 sequence (or a surrogate) gives U+FFFD and takes one byte, so a
 * caller always makes progress. */
size_t hl_tui_width_decode(const char *s, size_t len, uint32_t *cp);

/* Writes cp as UTF-8 into out and returns the byte count (1..4); a value
 * that is not a Unicode scalar is written as U+FFFD. */
size_t hl_tui_width_encode(uint32_t cp, char out[4]);

/* Columns cp takes: 2 for East Asian Wide/Fullwidth and emoji, 0 for
 * combining marks and format characters, 1 otherwise (control characters
 * included: the drawing code shows them as one replacement cell). The
 * table follows Unicode 15 as glibc 2.36's wcwidth does, but never asks
 * the C library, so the answer does not depend on the locale. */
int hl_tui_width_cp(uint32_t cp);

/* True when cp is a space for line breaking (space, tab, ideographic
 * space); newlines are not. */
bool hl_tui_width_is_space(uint32_t cp);

/* A grapheme cluster being read, code point by code point: what a
 * terminal draws as one unit. A cluster is a base and what follows it:
 * combining marks (Mn, Me, Mc), variation selectors, emoji modifiers
 * (U+1F3FB..U+1F3FF, after an emoji), ZWJ and the emoji it joins, tag
 * characters, and the second regional indicator of a flag. Its width is
 * the width of the base, plus the columns of spacing marks (Mc) and of a
 * flag's second indicator, and 2 for a narrow emoji-capable base followed
 * by VS16 (VS15 changes nothing). Newlines and controls stand alone. */
typedef struct hl_tui_cluster {
	uint32_t first;    /* the base */
	int width;         /* columns so far */
	size_t count;      /* code points so far */
	bool after_zwj;    /* the last code point was ZWJ */
	bool closed;       /* nothing more joins (a control, a full flag) */
} hl_tui_cluster;

/* Starts a cluster at base cp. */
void hl_tui_width_cluster_start(hl_tui_cluster *c, uint32_t cp);

/* Adds cp to the cluster and returns true if it belongs to it; false
 * (and the cluster unchanged) if cp starts the next one. */
bool hl_tui_width_cluster_add(hl_tui_cluster *c, uint32_t cp);

/* Returns the bytes of the cluster at s[0..len) (at least 1 when len >
 * 0) and its columns in *width (if not NULL). */
size_t hl_tui_width_cluster(const char *s, size_t len, int *width);

/* The same over code points: returns how many of cps[0..n) the cluster
 * at cps[0] takes. */
size_t hl_tui_width_cluster_cps(const uint32_t *cps, size_t n, int *width);

/* False when cp surely starts a new cluster after prev; true when it may
 * belong to the cluster before it (a mark, a modifier, a regional
 * indicator, anything after ZWJ). For finding cluster starts backwards:
 * step back while this is true, then read clusters forwards. */
bool hl_tui_width_cluster_may_join(uint32_t prev, uint32_t cp);

/* Columns of the NUL-terminated UTF-8 string s (NULL counts 0); a
 * cluster counts as one unit (hl_tui_width_cluster). */
int hl_tui_width_str(const char *s);

/* Columns of the len bytes at s. */
int hl_tui_width_strn(const char *s, size_t len);

/* Columns of the n wide characters at s (code points, as wchar_t). */
int hl_tui_width_wcs(const wchar_t *s, size_t n);

/* Returns how many leading bytes of s[0..len) fit in `width` columns
 * without splitting a cluster (marks stay with their base, an emoji
 * sequence is never cut).
 * *used (if not NULL) gets the columns those bytes take. */
size_t hl_tui_width_fit(const char *s, size_t len, int width, int *used);

/* Returns the longest prefix of s[0..len) of at most max bytes that
 * ends on a cluster boundary (for copying into a fixed buffer); a first
 * cluster longer than max is cut between code points. */
size_t hl_tui_width_clip_bytes(const char *s, size_t len, size_t max);

/* Copies s into out (size bytes, always NUL-terminated when size > 0),
 * cut to at most `width` columns: when s is wider, it keeps what fits in
 * width-1 columns and appends "…". Returns the columns of the result. */
int hl_tui_width_truncate(const char *s, int width, char *out, size_t size);

/* Like hl_tui_width_truncate, then pads with spaces to exactly `width`
 * columns, aligned by `align` (HL_TUI_ALIGN_*). A wide character that
 * does not fit leaves a space, never half a character. Returns the
 * columns written (width, unless out is too small). */
int hl_tui_width_pad(const char *s, int width, int align, char *out,
		     size_t size);

/* Starts wrapping s[0..len) into rows of at most `width` columns
 * (width < 1 counts as 1). s must outlive the iterator. */
void hl_tui_width_wrap_init(hl_tui_wrap *w, const char *s, size_t len,
			    int width);

/* Gives the next row in *row and returns true, or returns false when the
 * text is used up. Rows end at newlines; they break after spaces between
 * words, between CJK characters (never before closing punctuation such
 * as "，" when another break is possible), and hard-break a word longer
 * than the row. A cluster (an emoji sequence, a base and its marks) is
 * never split; spaces at a soft break are
 * dropped. Empty text gives one empty row. */
bool hl_tui_width_wrap_next(hl_tui_wrap *w, hl_tui_span *row);

/* Returns how many rows hl_tui_width_wrap_next gives for s at width. */
size_t hl_tui_width_wrap_count(const char *s, size_t len, int width);

#endif
