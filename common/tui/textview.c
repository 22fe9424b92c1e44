/* The transcript view's logic: wrapping each line once per width,
 * scrolling by rows, following new lines while at the bottom. */
#include "textview.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "keys.h"

#define CHANGED (HL_TUI_HANDLED | HL_TUI_REDRAW)

void hl_tui_textview_init(hl_tui_textview *tv, size_t max_lines)
{
	memset(tv, 0, sizeof *tv);
	tv->max_lines = max_lines;
	tv->width = 80;
	tv->height = 1;
	tv->at_bottom = true;
}

static void free_line(hl_tui_tv_line *l)
{
	free(l->text);
	free(l->rows);
}

void hl_tui_textview_clear(hl_tui_textview *tv)
{
	for (size_t i = 0; i < tv->n; i++)
		free_line(&tv->lines[i]);
	tv->n = tv->total_rows = tv->top_line = tv->top_row = tv->new_below = 0;
	tv->at_bottom = true;
}

void hl_tui_textview_free(hl_tui_textview *tv)
{
	hl_tui_textview_clear(tv);
	free(tv->lines);
	tv->lines = NULL;
	tv->cap = 0;
}

/* Wraps line l at width w into l->rows; HL_E_NOMEM leaves it as it was. */
static int wrap(hl_tui_tv_line *l, int w)
{
	int indent = l->indent < w - 1 ? l->indent : 0;
	size_t n = 0, cap = 4;
	hl_tui_span *rows = malloc(cap * sizeof *rows), span;
	hl_tui_wrap it;

	if (!rows)
		return HL_E_NOMEM;
	hl_tui_width_wrap_init(&it, l->text, l->len, w);
	while (hl_tui_width_wrap_next(&it, &span)) {
		if (n == cap) {
			hl_tui_span *p = realloc(rows, 2 * cap * sizeof *rows);
			if (!p) {
				free(rows);
				return HL_E_NOMEM;
			}
			rows = p, cap *= 2;
		}
		rows[n++] = span;
		/* Rows after the first are narrower by the hanging indent. */
		it.width = w - indent;
	}
	free(l->rows);
	l->rows = rows;
	l->nrows = n;
	return 0;
}

/* Rows from the anchor to the end of the text. */
static size_t rows_from(const hl_tui_textview *tv, size_t line, size_t row)
{
	size_t n = 0;

	for (size_t i = line; i < tv->n; i++)
		n += tv->lines[i].nrows;
	return n - row;
}

/* Sets the anchor to the first row of the last screenful. */
static void anchor_bottom(hl_tui_textview *tv)
{
	size_t need = (size_t)tv->height, i = tv->n;

	tv->top_line = tv->top_row = 0;
	while (i > 0) {
		size_t r = tv->lines[i - 1].nrows;
		if (r >= need) {
			tv->top_line = i - 1;
			tv->top_row = r - need;
			return;
		}
		need -= r;
		i--;
	}
}

/* True when the rows below the anchor fit on the screen. */
static bool shows_end(const hl_tui_textview *tv)
{
	return rows_from(tv, tv->top_line, tv->top_row) <= (size_t)tv->height;
}

int hl_tui_textview_resize(hl_tui_textview *tv, int height, int width)
{
	if (height < 1)
		height = 1;
	if (width < 1)
		width = 1;
	if (height == tv->height && width == tv->width)
		return 0;
	if (width != tv->width) {
		tv->total_rows = 0;
		for (size_t i = 0; i < tv->n; i++) {
			if (wrap(&tv->lines[i], width) < 0)
				return HL_E_NOMEM;
			tv->total_rows += tv->lines[i].nrows;
		}
		if (tv->top_line < tv->n && tv->top_row >= tv->lines[tv->top_line].nrows)
			tv->top_row = tv->lines[tv->top_line].nrows - 1;
	}
	tv->width = width;
	tv->height = height;
	if (!tv->at_bottom && shows_end(tv)) {
		tv->at_bottom = true;
		tv->new_below = 0;
	}
	return HL_TUI_REDRAW;
}

/* Forgets the oldest line, moving the anchor with the text. */
static void drop_oldest(hl_tui_textview *tv)
{
	tv->total_rows -= tv->lines[0].nrows;
	free_line(&tv->lines[0]);
	memmove(tv->lines, tv->lines + 1, (tv->n - 1) * sizeof *tv->lines);
	tv->n--;
	if (tv->top_line > 0)
		tv->top_line--;
	else
		tv->top_row = 0;
}

int hl_tui_textview_append(hl_tui_textview *tv, const char *text, size_t len,
			   int role, int indent)
{
	hl_tui_tv_line l = {.role = role, .indent = indent < 0 ? 0 : indent};

	if (tv->n == tv->cap) {
		size_t cap = tv->cap ? 2 * tv->cap : 64;
		hl_tui_tv_line *p = realloc(tv->lines, cap * sizeof *p);
		if (!p)
			return HL_E_NOMEM;
		tv->lines = p, tv->cap = cap;
	}
	l.text = malloc(len + 1);
	if (!l.text)
		return HL_E_NOMEM;
	if (len)
		memcpy(l.text, text, len);
	l.text[len] = '\0';
	l.len = len;
	if (wrap(&l, tv->width) < 0) {
		free(l.text);
		return HL_E_NOMEM;
	}
	tv->lines[tv->n++] = l;
	tv->total_rows += l.nrows;
	if (!tv->at_bottom)
		tv->new_below++;
	if (tv->max_lines && tv->n > tv->max_lines)
		drop_oldest(tv);
	return HL_TUI_REDRAW;
}

int hl_tui_textview_scroll(hl_tui_textview *tv, long delta)
{
	size_t line, row;

	if (delta == 0 || tv->n == 0)
		return HL_TUI_HANDLED;
	if (tv->at_bottom) {
		if (delta > 0 || tv->total_rows <= (size_t)tv->height)
			return HL_TUI_HANDLED;
		anchor_bottom(tv);
	}
	line = tv->top_line, row = tv->top_row;
	if (delta < 0) {
		for (long k = 0; k < -delta && (line > 0 || row > 0); k++) {
			if (row > 0) {
				row--;
			} else {
				line--;
				row = tv->lines[line].nrows - 1;
			}
		}
	} else {
		for (long k = 0; k < delta && line < tv->n; k++) {
			if (++row >= tv->lines[line].nrows)
				line++, row = 0;
		}
	}
	tv->top_line = line, tv->top_row = row;
	tv->at_bottom = false;
	if (line >= tv->n || shows_end(tv)) {
		tv->at_bottom = true;
		tv->new_below = 0;
	}
	return CHANGED;
}

int hl_tui_textview_page(hl_tui_textview *tv, int pages)
{
	long step = tv->height > 1 ? tv->height - 1 : 1;

	return hl_tui_textview_scroll(tv, step * pages);
}

int hl_tui_textview_home(hl_tui_textview *tv)
{
	if (tv->total_rows <= (size_t)tv->height)
		return HL_TUI_HANDLED;
	tv->at_bottom = false;
	tv->top_line = tv->top_row = 0;
	return CHANGED;
}

int hl_tui_textview_end(hl_tui_textview *tv)
{
	if (tv->at_bottom)
		return HL_TUI_HANDLED;
	tv->at_bottom = true;
	tv->new_below = 0;
	return CHANGED;
}

static int k_up(hl_tui_textview *tv) { return hl_tui_textview_scroll(tv, -1); }
static int k_down(hl_tui_textview *tv) { return hl_tui_textview_scroll(tv, 1); }
static int k_pgup(hl_tui_textview *tv) { return hl_tui_textview_page(tv, -1); }
static int k_pgdn(hl_tui_textview *tv) { return hl_tui_textview_page(tv, 1); }

static const struct {
	int key;
	int (*fn)(hl_tui_textview *);
} bindings[] = {
	{HL_TUI_KEY_UP, k_up},     {HL_TUI_KEY_DOWN, k_down},
	{HL_TUI_KEY_PGUP, k_pgup}, {HL_TUI_KEY_PGDN, k_pgdn},
	{HL_TUI_KEY_HOME, hl_tui_textview_home},
	{HL_TUI_KEY_END, hl_tui_textview_end},
};

int hl_tui_textview_key(hl_tui_textview *tv, int key)
{
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		if (bindings[i].key == key)
			return bindings[i].fn(tv);
	return 0;
}

size_t hl_tui_textview_visible(hl_tui_textview *tv, hl_tui_tv_row *rows,
			       size_t max)
{
	size_t k = 0, line, row, h = (size_t)tv->height;

	if (tv->at_bottom)
		anchor_bottom(tv);
	line = tv->top_line, row = tv->top_row;
	if (max > h)
		max = h;
	while (k < max && line < tv->n) {
		const hl_tui_tv_line *l = &tv->lines[line];
		if (row >= l->nrows) {
			line++, row = 0;
			continue;
		}
		const hl_tui_span *s = &l->rows[row];
		int indent = row > 0 && l->indent < tv->width - 1 ? l->indent : 0;
		rows[k++] = (hl_tui_tv_row){
			.text = l->text + s->off, .len = s->len, .role = l->role,
			.x = indent, .width = s->width,
		};
		row++;
	}
	return k;
}
