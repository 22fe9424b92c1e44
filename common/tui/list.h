/* A selectable, scrolling list's logic: which row is selected and which
 * rows show; the rows' text is the program's (drawn by curses/draw.c). */
#ifndef HL_TUI_LIST_H
#define HL_TUI_LIST_H

#include <stddef.h>

typedef struct hl_tui_list {
	size_t count;     /* rows in the list */
	size_t selected;  /* 0..count-1; 0 when the list is empty */
	size_t top;       /* first row shown */
	int height;       /* rows that fit on screen (at least 1) */
} hl_tui_list;

/* Gives the text of row `index` into buf (size bytes, UTF-8) and returns
 * its theme role; the drawing code calls it for the rows it shows. */
typedef int (*hl_tui_list_row_fn)(void *ud, size_t index, char *buf,
				  size_t size);

/* Makes an empty list showing `height` rows. */
void hl_tui_list_init(hl_tui_list *l, int height);

/* Sets the number of rows (after the data changed), keeping the
 * selection on the same index when it still exists, else on the last
 * row. Returns HL_TUI_REDRAW. */
int hl_tui_list_set_count(hl_tui_list *l, size_t count);

/* Sets how many rows show (after a resize), keeping the selection in
 * view. Returns HL_TUI_REDRAW. */
int hl_tui_list_set_height(hl_tui_list *l, int height);

/* Selects row index (clamped to the list) and scrolls it into view.
 * Returns HL_TUI_HANDLED, with HL_TUI_REDRAW when anything moved. */
int hl_tui_list_select(hl_tui_list *l, size_t index);

/* Moves the selection by delta rows (negative is up), clamped. Returns
 * as hl_tui_list_select. */
int hl_tui_list_move(hl_tui_list *l, long delta);

/* Moves the selection a page (height - 1 rows) up (pages < 0) or down. */
int hl_tui_list_page(hl_tui_list *l, int pages);

/* Handles Up, Down, PgUp, PgDn, Home and End (keys.h codes); returns
 * flags, 0 for other keys. */
int hl_tui_list_key(hl_tui_list *l, int key);

/* Returns the row index shown on screen row `row` (0 = the list's first
 * screen row), or -1 when that screen row is past the end. */
long hl_tui_list_row_at(const hl_tui_list *l, int row);

/* Selects the row under a click on screen row `row`; returns flags (0
 * when the click hit no row). */
int hl_tui_list_click(hl_tui_list *l, int row);

/* Scrolls the view by delta rows (mouse wheel) without moving the
 * selection beyond the view: it follows to stay visible. */
int hl_tui_list_scroll(hl_tui_list *l, long delta);

#endif
