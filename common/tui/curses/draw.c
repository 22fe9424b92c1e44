/* Drawing text and widgets with ncursesw's wide-character calls, every
 * column computed by our width table so nothing shifts or splits. */
#include "draw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../theme.h"
#include "../width.h"

#define MAX_ROWS 512   /* taller views are drawn to this many rows */

/* Puts one cell at y, x: a base character, its marks, and emoji joined
 * to it by ZWJ. setcchar keeps only zero-width characters after the
 * base, so the rest are set in the cell directly; curses advances by the
 * base's width and writes every character of the cell out in turn. */
static void put_cell(WINDOW *w, int y, int x, const wchar_t *wcs, attr_t attr,
		     short pair)
{
	wchar_t base[2] = {wcs[0], 0};
	cchar_t cc;
	int i;

	if (setcchar(&cc, base, attr, pair, NULL) != OK)
		return;
	for (i = 1; i < CCHARW_MAX && wcs[i]; i++)
		cc.chars[i] = wcs[i];
	for (; i < CCHARW_MAX; i++)
		cc.chars[i] = 0;
	mvwadd_wch(w, y, x, &cc);
}

/* What stands for a character the terminal cannot show. */
static wchar_t replacement(void)
{
	return wcwidth(0xFFFD) == 1 ? (wchar_t)0xFFFD : L'?';
}

/* Draws n spaces from y, x. */
static void spaces(WINDOW *w, int y, int x, int n, attr_t attr, short pair)
{
	static const wchar_t sp[] = L" ";

	for (int i = 0; i < n; i++)
		put_cell(w, y, x + i, sp, attr, pair);
}

/* The character drawn for cp: controls get a visible stand-in. */
static uint32_t shown(uint32_t cp)
{
	if (cp == '\t')
		return ' ';
	if (cp == '\n')
		return 0x21B5;
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return HL_TUI_REPLACEMENT;
	return cp;
}

#define CLUSTER_MAX 32   /* code points of a cluster looked at; the rest are marks */

/*
 * Draws one cluster of cw columns at y, x as cells curses and the
 * terminal agree on. curses advances by the width of a cell's first
 * character, so: emoji joined by ZWJ ride in their base's cell (a
 * terminal that joins them, tmux 3.3a among them, draws one glyph there;
 * at most CCHARW_MAX code points, cut before a ZWJ); skin-tone modifiers
 * are left out (tmux 3.3a and VTE draw them as a second wide glyph);
 * spacing marks and a flag's second indicator take cells of their own;
 * marks ride along; what is left of cw (VS16 on a narrow base) is padded
 * with spaces, so the next cluster lands where our table says.
 */
static void put_cluster(WINDOW *w, int y, int x, const char *s, size_t len, int cw,
			attr_t attr, short pair)
{
	uint32_t cps[CLUSTER_MAX];
	wchar_t cell[CCHARW_MAX + 1];
	size_t n = 0, i = 0;
	int col = 0, k = 0;   /* k: characters in the open cell, 0 when none is open */

	while (i < len && n < CLUSTER_MAX)
		i += hl_tui_width_decode(s + i, len - i, &cps[n++]);
	for (size_t j = 0; j < n; j++) {
		uint32_t cp = cps[j];
		int pw = hl_tui_width_cp(cp);
		if (j > 0 && cp >= 0x1F3FB && cp <= 0x1F3FF)
			continue;
		if (j > 0 && cp == 0x200D && j + 1 < n && hl_tui_width_cp(cps[j + 1]) > 0) {
			/* ZWJ and the emoji it joins, both or neither. */
			if (k > 0 && k + 2 <= CCHARW_MAX && wcwidth((wchar_t)cps[j + 1]) > 0) {
				cell[k++] = (wchar_t)cp;
				cell[k++] = (wchar_t)cps[j + 1];
			}
			j++;
			continue;
		}
		if (j > 0 && pw == 0) {
			if (k > 0 && k < CCHARW_MAX && wcwidth((wchar_t)cp) == 0)
				cell[k++] = (wchar_t)cp;
			continue;
		}
		/* A character that starts a cell: the base, a spacing mark, a
		 * flag's second half. */
		if (k > 0) {
			cell[k] = 0;
			put_cell(w, y, x + col - hl_tui_width_cp((uint32_t)cell[0]), cell, attr, pair);
		}
		cp = shown(cp);
		if (wcwidth((wchar_t)cp) != pw || col + pw > cw) {
			/* curses and the terminal would place it otherwise
			 * than our table: keep the columns, show a stand-in. */
			cell[0] = replacement();
			cell[1] = 0;
			put_cell(w, y, x + col, cell, attr, pair);
			spaces(w, y, x + col + 1, pw - 1, attr, pair);
			col += pw;
			k = 0;
			continue;
		}
		k = 0;
		cell[k++] = (wchar_t)cp;
		col += pw;
	}
	if (k > 0) {
		cell[k] = 0;
		put_cell(w, y, x + col - hl_tui_width_cp((uint32_t)cell[0]), cell, attr, pair);
	}
	if (col < cw)
		spaces(w, y, x + col, cw - col, attr, pair);
}

static int text_attr(WINDOW *w, int y, int x, int width, const char *s,
		     size_t len, attr_t attr, short pair)
{
	int col = 0, cw;
	size_t i = 0, n;

	while (i < len && col < width) {
		n = hl_tui_width_cluster(s + i, len - i, &cw);
		if (cw == 0) {
			i += n;
			continue;  /* marks with no base before them */
		}
		if (cw > width - col) {
			spaces(w, y, x + col, width - col, attr, pair);
			return width;
		}
		put_cluster(w, y, x + col, s + i, n, cw, attr, pair);
		col += cw;
		i += n;
	}
	return col;
}

int hl_tui_draw_text(WINDOW *w, int y, int x, int width, const char *s,
		     size_t len, int role)
{
	attr_t attr;
	short pair;

	hl_tui_screen_style(role, &attr, &pair);
	return s ? text_attr(w, y, x, width, s, len, attr, pair) : 0;
}

static void field_attr(WINDOW *w, int y, int x, int width, const char *s,
		       attr_t attr, short pair, int align)
{
	size_t len = s ? strlen(s) : 0;
	int total = s ? hl_tui_width_strn(s, len) : 0, used, left = 0;

	if (width <= 0)
		return;
	if (total > width) {
		size_t n = hl_tui_width_fit(s, len, width - 1, &used);
		text_attr(w, y, x, used, s, n, attr, pair);
		text_attr(w, y, x + used, 1, HL_TUI_ELLIPSIS,
			  sizeof HL_TUI_ELLIPSIS - 1, attr, pair);
		spaces(w, y, x + used + 1, width - used - 1, attr, pair);
		return;
	}
	if (align == HL_TUI_ALIGN_RIGHT)
		left = width - total;
	else if (align == HL_TUI_ALIGN_CENTER)
		left = (width - total) / 2;
	spaces(w, y, x, left, attr, pair);
	used = text_attr(w, y, x + left, total, s, len, attr, pair);
	spaces(w, y, x + left + used, width - left - used, attr, pair);
}

void hl_tui_draw_field(WINDOW *w, int y, int x, int width, const char *s,
		       int role, int align)
{
	attr_t attr;
	short pair;

	hl_tui_screen_style(role, &attr, &pair);
	field_attr(w, y, x, width, s, attr, pair, align);
}

void hl_tui_draw_fill(WINDOW *w, int y, int x, int h, int width, int role)
{
	attr_t attr;
	short pair;

	hl_tui_screen_style(role, &attr, &pair);
	for (int r = 0; r < h; r++)
		spaces(w, y + r, x, width, attr, pair);
}

void hl_tui_draw_box(WINDOW *w, int y, int x, int h, int width, int role,
		     const char *title, int title_role, int fill_role)
{
	attr_t attr;
	short pair;

	if (h < 2 || width < 2)
		return;
	hl_tui_draw_fill(w, y + 1, x + 1, h - 2, width - 2, fill_role);
	hl_tui_screen_style(role, &attr, &pair);
	/* The line-drawing calls take the window's rendition. */
	wattr_set(w, attr, pair, NULL);
	mvwadd_wch(w, y, x, WACS_ULCORNER);
	mvwhline_set(w, y, x + 1, WACS_HLINE, width - 2);
	mvwadd_wch(w, y, x + width - 1, WACS_URCORNER);
	mvwvline_set(w, y + 1, x, WACS_VLINE, h - 2);
	mvwvline_set(w, y + 1, x + width - 1, WACS_VLINE, h - 2);
	mvwadd_wch(w, y + h - 1, x, WACS_LLCORNER);
	mvwhline_set(w, y + h - 1, x + 1, WACS_HLINE, width - 2);
	mvwadd_wch(w, y + h - 1, x + width - 1, WACS_LRCORNER);
	wattr_set(w, A_NORMAL, 0, NULL);
	if (title && *title && width > 6) {
		int tw = hl_tui_width_str(title) + 2;
		tw = tw > width - 4 ? width - 4 : tw;
		hl_tui_screen_style(title_role, &attr, &pair);
		spaces(w, y, x + 2, 1, attr, pair);
		field_attr(w, y, x + 3, tw - 2, title, attr, pair, HL_TUI_ALIGN_LEFT);
		spaces(w, y, x + 1 + tw, 1, attr, pair);
	}
}

void hl_tui_draw_list(WINDOW *w, int y, int x, int h, int width,
		      hl_tui_list *l, hl_tui_list_row_fn row, void *ud,
		      bool focused)
{
	char buf[1024];

	hl_tui_list_set_height(l, h);
	for (int r = 0; r < h; r++) {
		long idx = hl_tui_list_row_at(l, r);
		attr_t attr;
		short pair;
		int role;
		if (idx < 0) {
			hl_tui_draw_fill(w, y + r, x, 1, width, HL_TUI_ROLE_NORMAL);
			continue;
		}
		buf[0] = '\0';
		role = row(ud, (size_t)idx, buf, sizeof buf);
		if ((size_t)idx == l->selected && focused)
			role = HL_TUI_ROLE_SELECTED;
		hl_tui_screen_style(role, &attr, &pair);
		if ((size_t)idx == l->selected && !focused)
			attr |= A_UNDERLINE;
		field_attr(w, y + r, x, width, buf, attr, pair, HL_TUI_ALIGN_LEFT);
	}
}

void hl_tui_draw_textview(WINDOW *w, int y, int x, int h, int width,
			  hl_tui_textview *tv, int bg_role)
{
	hl_tui_tv_row rows[MAX_ROWS];
	size_t n;

	hl_tui_textview_resize(tv, h, width);
	n = hl_tui_textview_visible(tv, rows, MAX_ROWS);
	for (int r = 0; r < h; r++) {
		hl_tui_draw_fill(w, y + r, x, 1, width, bg_role);
		if ((size_t)r < n)
			hl_tui_draw_text(w, y + r, x + rows[r].x, width - rows[r].x,
					 rows[r].text, rows[r].len, rows[r].role);
	}
	if (tv->new_below > 0 && h > 0) {
		char mark[48];
		int mw;
		snprintf(mark, sizeof mark, " \u2193 %zu new ", tv->new_below);
		mw = hl_tui_width_str(mark);
		if (mw <= width)
			hl_tui_draw_text(w, y + h - 1, x + width - mw, mw, mark,
					 strlen(mark), HL_TUI_ROLE_UNREAD);
	}
}

int hl_tui_draw_editor(WINDOW *w, int y, int x, int width,
		       hl_tui_editor *ed, int role)
{
	size_t first, end;
	int cx, used = 0;
	char *buf, *p;

	hl_tui_editor_view(ed, width, &first, &end, &cx);
	buf = malloc((end - first) * 4 + 1);
	if (buf) {
		p = buf;
		for (size_t i = first; i < end; i++)
			p += hl_tui_width_encode(ed->buf[i], p);
		used = hl_tui_draw_text(w, y, x, width, buf, (size_t)(p - buf), role);
		free(buf);
	}
	hl_tui_draw_fill(w, y, x + used, 1, width - used, role);
	return x + cx;
}

size_t hl_tui_draw_bar(WINDOW *w, int y, int x, int width,
		       const hl_tui_bar_seg *segs, size_t n, int gap,
		       int base_role, hl_tui_bar_cell *cells)
{
	hl_tui_bar_cell local[64];
	size_t k;

	if (!cells) {
		cells = local;
		n = n > 64 ? 64 : n;
	}
	k = hl_tui_bar_layout(segs, n, width, gap, cells);
	hl_tui_draw_fill(w, y, x, 1, width, base_role);
	for (size_t i = 0; i < k; i++) {
		const hl_tui_bar_seg *s = cells[i].seg;
		int cx = x + cells[i].x;
		if (s->key) {
			cx += hl_tui_draw_text(w, y, cx, width, s->key,
					       strlen(s->key), s->key_role);
			cx++;  /* the space after a key name, in base_role */
		}
		if (s->text)
			cx += hl_tui_draw_text(w, y, cx, width, s->text,
					       cells[i].len, s->role);
		if (cells[i].ellipsis)
			hl_tui_draw_text(w, y, cx, 1, HL_TUI_ELLIPSIS,
					 sizeof HL_TUI_ELLIPSIS - 1, s->role);
	}
	return k;
}
