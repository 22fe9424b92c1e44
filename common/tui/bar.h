/* Status bar and key bar layout: segments with roles and priorities laid
 * out by display width, the lowest priority truncated, then dropped,
 * first. */
#ifndef HL_TUI_BAR_H
#define HL_TUI_BAR_H

#include <stdbool.h>
#include <stddef.h>

#include "keys.h"

typedef struct hl_tui_bar_seg {
	const char *key;   /* optional key name drawn before text, or NULL */
	const char *text;
	int role;          /* the text's role */
	int key_role;      /* the key name's role */
	int priority;      /* higher stays longer */
	int min;           /* columns text may shrink to; 0: whole or nothing */
	bool right;        /* in the group aligned to the right edge */
} hl_tui_bar_seg;

/* Where a segment landed. */
typedef struct hl_tui_bar_cell {
	const hl_tui_bar_seg *seg;
	int x, width;      /* the whole cell, key name included */
	size_t len;        /* bytes of seg->text shown */
	bool ellipsis;     /* draw "…" after them */
} hl_tui_bar_cell;

/* Lays segs[0..n) out in `width` columns with `gap` columns between
 * segments, the left group from column 0 and the right group ending at
 * the right edge. While they do not fit, the segment of lowest priority
 * (the later one on ties) shrinks to its min width, with an ellipsis,
 * or is dropped. Writes the shown ones, in order, into out (n cells of
 * room) and returns how many. */
size_t hl_tui_bar_layout(const hl_tui_bar_seg *segs, size_t n, int width,
			 int gap, hl_tui_bar_cell *out);

/* Returns the index in cells[0..n) of the cell covering column x, or -1
 * (to turn a click on the key bar into its key). */
int hl_tui_bar_hit(const hl_tui_bar_cell *cells, size_t n, int x);

/* Storage for the key names of a key bar (16 bytes is enough for any
 * name hl_tui_keys_name writes). */
typedef char hl_tui_bar_name[16];

/* Makes key bar segments from the entries of t[0..n) that have a label,
 * earlier entries of higher priority: writes at most max segments into
 * segs (names into names[], which must outlive segs) and returns how
 * many. segs[i].text is the label; the entry is t[index[i]] when index
 * is not NULL. */
size_t hl_tui_bar_keys(const hl_tui_key *t, size_t n, hl_tui_bar_seg *segs,
		       hl_tui_bar_name *names, size_t *index, size_t max);

#endif
