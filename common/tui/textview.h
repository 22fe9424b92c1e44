/* A scrolling transcript's logic: lines with roles, wrapped by display
 * width, scrolled by screen rows, sticking to the bottom unless the user
 * scrolled up (then counting the lines that arrived below). */
#ifndef HL_TUI_TEXTVIEW_H
#define HL_TUI_TEXTVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "width.h"

typedef struct hl_tui_tv_line {
	char *text;         /* UTF-8, owned */
	size_t len;
	int role;           /* theme role (theme.h) */
	int indent;         /* columns continuation rows are indented */
	hl_tui_span *rows;  /* the wrapped rows at the view's width */
	size_t nrows;
} hl_tui_tv_line;

/* One screen row as hl_tui_textview_visible gives it. */
typedef struct hl_tui_tv_row {
	const char *text;   /* not NUL-terminated: len bytes */
	size_t len;
	int role;
	int x;              /* column the row starts at (the indent) */
	int width;          /* columns the text takes */
} hl_tui_tv_row;

typedef struct hl_tui_textview {
	hl_tui_tv_line *lines;
	size_t n, cap, max_lines;
	int width, height;
	size_t total_rows;
	size_t top_line, top_row;  /* first row shown, when not at bottom */
	bool at_bottom;            /* follows new lines */
	size_t new_below;          /* lines added since the user scrolled up */
} hl_tui_textview;

/* Makes an empty view keeping at most max_lines lines (0: unlimited),
 * the oldest dropped first. */
void hl_tui_textview_init(hl_tui_textview *tv, size_t max_lines);

/* Frees all lines; the view may be initialised again. */
void hl_tui_textview_free(hl_tui_textview *tv);

/* Drops all lines and goes back to the bottom. */
void hl_tui_textview_clear(hl_tui_textview *tv);

/* Sets the size of the view in cells; rewraps when the width changed.
 * Returns HL_TUI_REDRAW, or 0 when nothing changed, or HL_E_NOMEM. */
int hl_tui_textview_resize(hl_tui_textview *tv, int height, int width);

/* Appends a copy of text[0..len) shown with `role`; its rows after the
 * first are indented by `indent` columns. Newlines in text start new
 * rows. Returns HL_TUI_REDRAW or HL_E_NOMEM. */
int hl_tui_textview_append(hl_tui_textview *tv, const char *text, size_t len,
			   int role, int indent);

/* Scrolls by delta rows (negative is up, towards older lines). Reaching
 * the bottom sticks to it again and zeroes new_below. Returns flags. */
int hl_tui_textview_scroll(hl_tui_textview *tv, long delta);

/* Scrolls by pages (height - 1 rows); negative is up. */
int hl_tui_textview_page(hl_tui_textview *tv, int pages);

/* Goes to the oldest line (at_top) or back to the bottom. */
int hl_tui_textview_home(hl_tui_textview *tv);
int hl_tui_textview_end(hl_tui_textview *tv);

/* Handles Up, Down, PgUp, PgDn, Home and End; returns flags, 0 for other
 * keys. */
int hl_tui_textview_key(hl_tui_textview *tv, int key);

/* Fills rows[0..max) with what shows, top first, and returns how many
 * (at most the height; fewer when the text is short). */
size_t hl_tui_textview_visible(hl_tui_textview *tv, hl_tui_tv_row *rows,
			       size_t max);

#endif
