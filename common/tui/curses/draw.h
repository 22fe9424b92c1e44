/* Drawing with ncursesw's wide-character calls: text clipped by display
 * width, boxes, and the list, transcript, line editor and bars. */
#ifndef HL_TUI_DRAW_H
#define HL_TUI_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "../bar.h"
#include "../editor.h"
#include "../list.h"
#include "../textview.h"
#include "screen.h"

/* Draws s[0..len) at y, x of w in role, at most width columns; a wide
 * character that does not fit whole becomes a space. Control characters
 * show as one cell (a tab as a space, a newline as "↵", others as "�"),
 * and a character the terminal's locale cannot show as "�" of the same
 * width, so columns never shift. Returns the columns drawn. */
int hl_tui_draw_text(WINDOW *w, int y, int x, int width, const char *s,
		     size_t len, int role);

/* Draws NUL-terminated s in exactly width columns: cut with "…" when
 * wider, padded with spaces in role when narrower, aligned by align
 * (HL_TUI_ALIGN_*). */
void hl_tui_draw_field(WINDOW *w, int y, int x, int width, const char *s,
		       int role, int align);

/* Fills a rectangle with spaces in role. */
void hl_tui_draw_fill(WINDOW *w, int y, int x, int h, int width, int role);

/* Draws a box border in role with an optional title on its top edge
 * (cut to fit) in title_role, and fills its inside with fill_role. */
void hl_tui_draw_box(WINDOW *w, int y, int x, int h, int width, int role,
		     const char *title, int title_role, int fill_role);

/* Draws list l in the h×width rectangle at y, x, asking row() for each
 * row shown; the selected row is in the "selected" role when focused,
 * underlined otherwise. Sets l's height to h first. */
void hl_tui_draw_list(WINDOW *w, int y, int x, int h, int width,
		      hl_tui_list *l, hl_tui_list_row_fn row, void *ud,
		      bool focused);

/* Draws the transcript tv in the rectangle (resizing its wrapping to
 * it) over a background of bg_role, with a "↓ N new" mark at the bottom
 * right while lines arrived below the view. */
void hl_tui_draw_textview(WINDOW *w, int y, int x, int h, int width,
			  hl_tui_textview *tv, int bg_role);

/* Draws the editor's visible part on row y from x, width columns, in
 * role (a newline of a pasted block shows as "↵"), and returns the
 * column where the cursor goes (for hl_tui_screen_cursor). */
int hl_tui_draw_editor(WINDOW *w, int y, int x, int width,
		       hl_tui_editor *ed, int role);

/* Lays segs[0..n) out on row y (hl_tui_bar_layout) and draws them over a
 * background of base_role. When cells is not NULL (room for n), the
 * cells are stored there for hl_tui_bar_hit; returns how many. */
size_t hl_tui_draw_bar(WINDOW *w, int y, int x, int width,
		       const hl_tui_bar_seg *segs, size_t n, int gap,
		       int base_role, hl_tui_bar_cell *cells);

#endif
