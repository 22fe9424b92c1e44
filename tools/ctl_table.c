/* hotline-ctl's text tables: columns aligned by the columns a terminal
 * draws (a Chinese character takes two), cells cut with "…" at a column's
 * limit, and control characters never reaching the terminal. */
#include "ctl_table.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "width.h"

#define GAP 2  /* spaces between columns */

struct hl_ctl_table {
	int ncols;
	const char *const *headers;
	int max[HL_CTL_TABLE_COLS];   /* 0: no limit */
	int right[HL_CTL_TABLE_COLS];
	int fit, fit_col;             /* the total to keep within, by narrowing fit_col */
	char **cells;
	size_t n, cap;
};

hl_ctl_table *hl_ctl_table_new(int ncols, const char *const *headers)
{
	hl_ctl_table *t;

	if (ncols < 1 || ncols > HL_CTL_TABLE_COLS || !(t = calloc(1, sizeof *t)))
		return NULL;
	t->ncols = ncols;
	t->headers = headers;
	for (int i = 0; i < ncols; i++)
		if (headers[i][0] == '>')
			t->right[i] = 1;
	return t;
}

void hl_ctl_table_limit(hl_ctl_table *t, int col, int width)
{
	if (t && col >= 0 && col < t->ncols)
		t->max[col] = width;
}

void hl_ctl_table_fit(hl_ctl_table *t, int total, int col)
{
	if (t && col >= 0 && col < t->ncols) {
		t->fit = total;
		t->fit_col = col;
	}
}

/* A copy of s with C0 and C1 controls (and DEL) shown as U+FFFD, so text
 * from customers cannot move the cursor or recolour the terminal. */
static char *clean(const char *s)
{
	size_t len = strlen(s), o = 0;
	char *out = malloc(len * 3 + 1);

	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t k = hl_tui_width_decode(s + i, len - i, &cp);
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			cp = HL_TUI_REPLACEMENT;
		o += hl_tui_width_encode(cp, out + o);
		i += k;
	}
	out[o] = '\0';
	return out;
}

void hl_ctl_table_add(hl_ctl_table *t, const char *fmt, ...)
{
	char small[256], *buf = small;
	va_list ap;
	int n;

	if (!t)
		return;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 64;
		char **v = realloc(t->cells, cap * sizeof *v);
		if (!v)
			return;
		t->cells = v;
		t->cap = cap;
	}
	/* A cell is never cut here: a transcript line may be long. */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof small && (buf = malloc((size_t)n + 1))) {
		va_start(ap, fmt);
		vsnprintf(buf, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	t->cells[t->n++] = clean(buf ? buf : small);
	if (buf != small)
		free(buf);
}

static const char *header(const hl_ctl_table *t, int col)
{
	return t->headers[col] + (t->headers[col][0] == '>');
}

static const char *cell(const hl_ctl_table *t, size_t row, int col)
{
	size_t i = row * (size_t)t->ncols + (size_t)col;

	return i < t->n && t->cells[i] ? t->cells[i] : "";
}

/* Prints one row; the last column is not padded (no trailing spaces). */
static void put_row(const hl_ctl_table *t, FILE *f, const int *w, const char *(*get)(
			    const hl_ctl_table *, size_t, int), size_t row)
{
	size_t cap = 64, len = 0;
	char *out;

	for (int c = 0; c < t->ncols; c++)
		cap += strlen(get(t, row, c)) + (size_t)w[c] + GAP;
	if (!(out = malloc(cap)))
		return;
	out[0] = '\0';
	for (int c = 0; c < t->ncols; c++) {
		const char *s = get(t, row, c);
		int last = c == t->ncols - 1;
		if (c)
			len += (size_t)snprintf(out + len, cap - len, "%*s", GAP, "");
		if (last && !t->right[c] && (!t->max[c] || hl_tui_width_str(s) <= w[c]))
			snprintf(out + len, cap - len, "%s", s);
		else
			hl_tui_width_pad(s, w[c], t->right[c] ? HL_TUI_ALIGN_RIGHT : HL_TUI_ALIGN_LEFT,
					 out + len, cap - len);
		len = strlen(out);
	}
	while (len && out[len - 1] == ' ')
		len--;
	out[len] = '\0';
	fprintf(f, "%s\n", out);
	free(out);
}

static const char *header_get(const hl_ctl_table *t, size_t row, int col)
{
	(void)row;
	return header(t, col);
}

void hl_ctl_table_print(hl_ctl_table *t, FILE *f)
{
	int w[HL_CTL_TABLE_COLS] = {0};
	size_t rows;

	if (!t)
		return;
	rows = (t->n + (size_t)t->ncols - 1) / (size_t)t->ncols;
	for (int c = 0; c < t->ncols; c++) {
		w[c] = hl_tui_width_str(header(t, c));
		for (size_t r = 0; r < rows; r++) {
			int cw = hl_tui_width_str(cell(t, r, c));
			if (cw > w[c])
				w[c] = cw;
		}
		if (t->max[c] && w[c] > t->max[c])
			w[c] = t->max[c];
	}
	if (t->fit) {
		int total = GAP * (t->ncols - 1), over;
		for (int c = 0; c < t->ncols; c++)
			total += w[c];
		/* Narrow the one column allowed to give, but keep 4 columns of it. */
		if ((over = total - t->fit) > 0)
			w[t->fit_col] = w[t->fit_col] - over < 4 ? 4 : w[t->fit_col] - over;
	}
	put_row(t, f, w, header_get, 0);
	for (size_t r = 0; r < rows; r++)
		put_row(t, f, w, cell, r);
}

void hl_ctl_table_free(hl_ctl_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
}
