/* The line editor's logic: editing a code-point buffer by keys, history
 * browsing that keeps the unfinished line, and horizontal scrolling by
 * display columns. Drawing it is curses/draw.c's job. */
#include "editor.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "keys.h"
#include "width.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define CHANGED (HL_TUI_HANDLED | HL_TUI_REDRAW)

void hl_tui_editor_init(hl_tui_editor *ed, size_t max, size_t hist_max)
{
	memset(ed, 0, sizeof *ed);
	ed->max = max ? max : HL_TUI_EDITOR_MAX;
	ed->hist_max = hist_max;
}

void hl_tui_editor_free(hl_tui_editor *ed)
{
	for (size_t i = 0; i < ed->hist_n; i++)
		free(ed->hist[i]);
	free(ed->hist);
	free(ed->buf);
	free(ed->kill);
	free(ed->draft);
	memset(ed, 0, sizeof *ed);
}

int hl_tui_editor_cp_width(uint32_t cp)
{
	return cp == '\n' ? 1 : hl_tui_width_cp(cp);
}

/* Makes room for `more` code points; HL_E_NOMEM when that fails. */
static int reserve(hl_tui_editor *ed, size_t more)
{
	size_t need = ed->len + more, cap = ed->cap ? ed->cap : 64;
	uint32_t *p;

	if (need <= ed->cap)
		return 0;
	while (cap < need)
		cap *= 2;
	p = realloc(ed->buf, cap * sizeof *p);
	if (!p)
		return HL_E_NOMEM;
	ed->buf = p;
	ed->cap = cap;
	return 0;
}

int hl_tui_editor_insert(hl_tui_editor *ed, uint32_t cp)
{
	int err;

	if ((cp < 0x20 && cp != '\n') || cp == 0x7F ||
	    (cp >= 0x80 && cp < 0xA0) || cp > 0x10FFFF)
		return HL_E_INVALID;
	if (ed->len >= ed->max)
		return HL_E_TOOBIG;
	if ((err = reserve(ed, 1)) < 0)
		return err;
	memmove(ed->buf + ed->cursor + 1, ed->buf + ed->cursor,
		(ed->len - ed->cursor) * sizeof *ed->buf);
	ed->buf[ed->cursor++] = cp;
	ed->len++;
	return 0;
}

int hl_tui_editor_paste(hl_tui_editor *ed, const char *text, size_t len)
{
	uint32_t cp;
	int err;

	for (size_t i = 0, n; i < len; i += n) {
		n = hl_tui_width_decode(text + i, len - i, &cp);
		if (cp == '\r') {
			/* "\r\n" is one line end; a lone '\r' is one too. */
			if (i + 1 < len && text[i + 1] == '\n')
				continue;
			cp = '\n';
		} else if (cp == '\t') {
			cp = ' ';
		}
		err = hl_tui_editor_insert(ed, cp);
		if (err == HL_E_INVALID)
			continue;
		if (err < 0)
			return err;
	}
	return 0;
}

void hl_tui_editor_clear(hl_tui_editor *ed)
{
	ed->len = ed->cursor = ed->scroll = 0;
}

int hl_tui_editor_set(hl_tui_editor *ed, const char *s)
{
	hl_tui_editor_clear(ed);
	return s ? hl_tui_editor_paste(ed, s, strlen(s)) : 0;
}

/* Encodes buf[from, to) as a new UTF-8 string. */
static char *encode(const uint32_t *buf, size_t from, size_t to)
{
	char *out = malloc((to - from) * 4 + 1), *p = out;

	if (!out)
		return NULL;
	for (size_t i = from; i < to; i++)
		p += hl_tui_width_encode(buf[i], p);
	*p = '\0';
	return out;
}

char *hl_tui_editor_text(const hl_tui_editor *ed)
{
	return encode(ed->buf, 0, ed->len);
}

int hl_tui_editor_history_add(hl_tui_editor *ed, const char *s)
{
	char *copy;

	if (ed->hist_max == 0 || !s || !*s)
		return 0;
	if (ed->hist_n && strcmp(ed->hist[ed->hist_n - 1], s) == 0)
		return 0;
	if (!(copy = strdup(s)))
		return HL_E_NOMEM;
	if (ed->hist_n == ed->hist_max) {
		free(ed->hist[0]);
		memmove(ed->hist, ed->hist + 1, (ed->hist_n - 1) * sizeof *ed->hist);
		ed->hist_n--;
	} else if (!ed->hist) {
		ed->hist = calloc(ed->hist_max, sizeof *ed->hist);
		if (!ed->hist) {
			free(copy);
			return HL_E_NOMEM;
		}
	}
	ed->hist[ed->hist_n++] = copy;
	ed->hist_pos = ed->hist_n;
	return 0;
}

char *hl_tui_editor_take(hl_tui_editor *ed)
{
	char *text = hl_tui_editor_text(ed);

	if (!text)
		return NULL;
	/* A failed history copy only loses history, never the message. */
	(void)hl_tui_editor_history_add(ed, text);
	ed->hist_pos = ed->hist_n;
	free(ed->draft);
	ed->draft = NULL;
	hl_tui_editor_clear(ed);
	return text;
}

/* Word classes for word moves: runs of one class form a word, so a run
 * of Chinese characters is one word and Latin words end at punctuation. */
static int word_class(uint32_t c)
{
	if (c == '\n' || hl_tui_width_is_space(c))
		return 0;
	if ((c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
	     !(c >= '0' && c <= '9') && c != '_') ||
	    (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
	    (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
	    (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65))
		return 1;
	return hl_tui_width_cp(c) == 2 ? 3 : 2;
}

/* The cluster at i (an emoji sequence, a base and its marks): returns
 * how many code points it takes, its columns in *w. */
static size_t cluster_at(const hl_tui_editor *ed, size_t i, int *w)
{
	return hl_tui_width_cluster_cps(ed->buf + i, ed->len - i, w);
}

/* Index where the cluster before i starts: back to a code point that
 * surely starts one, then forwards cluster by cluster. */
static size_t prev_char(const hl_tui_editor *ed, size_t i)
{
	size_t k, n;

	if (i == 0)
		return 0;
	k = i - 1;
	while (k > 0 && hl_tui_width_cluster_may_join(ed->buf[k - 1], ed->buf[k]))
		k--;
	while ((n = cluster_at(ed, k, NULL)) && k + n < i)
		k += n;
	return k;
}

/* Index one cluster right of i. */
static size_t next_char(const hl_tui_editor *ed, size_t i)
{
	return i < ed->len ? i + cluster_at(ed, i, NULL) : i;
}

/* Word moves go by clusters, classed by their first code point. */
static size_t word_start(const hl_tui_editor *ed, size_t i)
{
	while (i > 0 && word_class(ed->buf[prev_char(ed, i)]) == 0)
		i = prev_char(ed, i);
	if (i > 0) {
		int c = word_class(ed->buf[prev_char(ed, i)]);
		while (i > 0 && word_class(ed->buf[prev_char(ed, i)]) == c)
			i = prev_char(ed, i);
	}
	return i;
}

static size_t word_end(const hl_tui_editor *ed, size_t i)
{
	while (i < ed->len && word_class(ed->buf[i]) == 0)
		i = next_char(ed, i);
	if (i < ed->len) {
		int c = word_class(ed->buf[i]);
		while (i < ed->len && word_class(ed->buf[i]) == c)
			i = next_char(ed, i);
	}
	return i;
}

/* Puts the cursor at i: HANDLED|REDRAW if it moved, HANDLED if not. */
static int move_to(hl_tui_editor *ed, size_t i)
{
	if (i == ed->cursor)
		return HL_TUI_HANDLED;
	ed->cursor = i;
	return CHANGED;
}

/* Removes buf[from, to); when `keep`, it becomes the kill text. */
static int cut(hl_tui_editor *ed, size_t from, size_t to, bool keep)
{
	if (from >= to)
		return HL_TUI_HANDLED;
	if (keep) {
		uint32_t *k = realloc(ed->kill, (to - from) * sizeof *k);
		if (k) {
			memcpy(k, ed->buf + from, (to - from) * sizeof *k);
			ed->kill = k;
			ed->kill_len = to - from;
		}
	}
	memmove(ed->buf + from, ed->buf + to, (ed->len - to) * sizeof *ed->buf);
	ed->len -= to - from;
	ed->cursor = from;
	return CHANGED;
}

static int op_left(hl_tui_editor *ed) { return move_to(ed, prev_char(ed, ed->cursor)); }
static int op_right(hl_tui_editor *ed) { return move_to(ed, next_char(ed, ed->cursor)); }
static int op_home(hl_tui_editor *ed) { return move_to(ed, 0); }
static int op_end(hl_tui_editor *ed) { return move_to(ed, ed->len); }
static int op_word_left(hl_tui_editor *ed) { return move_to(ed, word_start(ed, ed->cursor)); }
static int op_word_right(hl_tui_editor *ed) { return move_to(ed, word_end(ed, ed->cursor)); }

static int op_backspace(hl_tui_editor *ed)
{
	return cut(ed, prev_char(ed, ed->cursor), ed->cursor, false);
}

static int op_delete(hl_tui_editor *ed)
{
	return cut(ed, ed->cursor, next_char(ed, ed->cursor), false);
}

static int op_kill_start(hl_tui_editor *ed) { return cut(ed, 0, ed->cursor, true); }
static int op_kill_end(hl_tui_editor *ed) { return cut(ed, ed->cursor, ed->len, true); }

static int op_kill_word_back(hl_tui_editor *ed)
{
	return cut(ed, word_start(ed, ed->cursor), ed->cursor, true);
}

static int op_kill_word_fwd(hl_tui_editor *ed)
{
	size_t at = ed->cursor;
	int r = cut(ed, at, word_end(ed, at), true);

	ed->cursor = at;
	return r;
}

static int op_yank(hl_tui_editor *ed)
{
	int r = HL_TUI_HANDLED;

	for (size_t i = 0; i < ed->kill_len; i++) {
		if (hl_tui_editor_insert(ed, ed->kill[i]) < 0)
			break;
		r = CHANGED;
	}
	return r;
}

static int op_newline(hl_tui_editor *ed)
{
	return hl_tui_editor_insert(ed, '\n') == 0 ? CHANGED : HL_TUI_HANDLED;
}

/* Loads history entry i, or the kept draft when i is past the newest. */
static int load_history(hl_tui_editor *ed, size_t i)
{
	if (ed->hist_pos == ed->hist_n) {
		/* Leaving the line being written: keep it to come back to. */
		char *d = hl_tui_editor_text(ed);
		if (!d)
			return HL_TUI_HANDLED;
		free(ed->draft);
		ed->draft = d;
	}
	ed->hist_pos = i;
	(void)hl_tui_editor_set(ed, i < ed->hist_n ? ed->hist[i] : ed->draft);
	if (i == ed->hist_n) {
		free(ed->draft);
		ed->draft = NULL;
	}
	return CHANGED;
}

static int op_hist_prev(hl_tui_editor *ed)
{
	if (ed->hist_pos == 0)
		return HL_TUI_HANDLED;
	return load_history(ed, ed->hist_pos - 1);
}

static int op_hist_next(hl_tui_editor *ed)
{
	if (ed->hist_pos >= ed->hist_n)
		return HL_TUI_HANDLED;
	return load_history(ed, ed->hist_pos + 1);
}

/* The editor's bindings; a program's own table is consulted first, so
 * it may take any of these keys for itself. */
static const struct {
	int key;
	int (*op)(hl_tui_editor *);
} bindings[] = {
	{HL_TUI_KEY_LEFT, op_left},
	{HL_TUI_CTRL('b'), op_left},
	{HL_TUI_KEY_RIGHT, op_right},
	{HL_TUI_CTRL('f'), op_right},
	{HL_TUI_KEY_HOME, op_home},
	{HL_TUI_CTRL('a'), op_home},
	{HL_TUI_KEY_END, op_end},
	{HL_TUI_CTRL('e'), op_end},
	{HL_TUI_ALT('b'), op_word_left},
	{HL_TUI_KEY_LEFT | HL_TUI_MOD_CTRL, op_word_left},
	{HL_TUI_ALT('f'), op_word_right},
	{HL_TUI_KEY_RIGHT | HL_TUI_MOD_CTRL, op_word_right},
	{HL_TUI_KEY_BACKSPACE, op_backspace},
	{HL_TUI_KEY_DELETE, op_delete},
	{HL_TUI_CTRL('d'), op_delete},
	{HL_TUI_CTRL('u'), op_kill_start},
	{HL_TUI_CTRL('k'), op_kill_end},
	{HL_TUI_CTRL('w'), op_kill_word_back},
	{HL_TUI_ALT(HL_TUI_KEY_BACKSPACE), op_kill_word_back},
	{HL_TUI_ALT('d'), op_kill_word_fwd},
	{HL_TUI_CTRL('y'), op_yank},
	{HL_TUI_KEY_UP, op_hist_prev},
	{HL_TUI_CTRL('p'), op_hist_prev},
	{HL_TUI_KEY_DOWN, op_hist_next},
	{HL_TUI_CTRL('n'), op_hist_next},
	{HL_TUI_ALT(HL_TUI_KEY_ENTER), op_newline},
};

int hl_tui_editor_key(hl_tui_editor *ed, int key)
{
	for (size_t i = 0; i < N(bindings); i++)
		if (bindings[i].key == key)
			return bindings[i].op(ed);
	if (key >= 0x20 && key < HL_TUI_KEY_SPECIAL) {
		int err = hl_tui_editor_insert(ed, (uint32_t)key);
		if (err == HL_E_INVALID)
			return 0;
		return err == 0 ? CHANGED : HL_TUI_HANDLED;
	}
	return 0;
}

/* Display column where buf[i] starts; a cluster counts whole. */
static int col_of(const hl_tui_editor *ed, size_t i)
{
	int col = 0, w;

	for (size_t k = 0, n; k < i && k < ed->len; k += n) {
		n = cluster_at(ed, k, &w);
		col += w;
	}
	return col;
}

int hl_tui_editor_cursor_col(const hl_tui_editor *ed)
{
	return col_of(ed, ed->cursor);
}

size_t hl_tui_editor_lines(const hl_tui_editor *ed)
{
	size_t n = 1;

	for (size_t i = 0; i < ed->len; i++)
		n += ed->buf[i] == '\n';
	return n;
}

/* First index whose start column is at least col, never past the cursor
 * and always at the start of a cluster. */
static size_t index_at(const hl_tui_editor *ed, int col)
{
	size_t i = 0;
	int c = 0, w;

	while (i < ed->cursor && c < col) {
		i += cluster_at(ed, i, &w);
		c += w;
	}
	return i < ed->cursor ? i : ed->cursor;
}

void hl_tui_editor_view(hl_tui_editor *ed, int width, size_t *first,
			size_t *end, int *cursor_x)
{
	int ccol, scol, total, cw = 1, room, w;
	size_t i, n;

	if (width < 1)
		width = 1;
	if (ed->scroll > ed->cursor)
		ed->scroll = ed->cursor;
	ccol = col_of(ed, ed->cursor);
	scol = col_of(ed, ed->scroll);
	total = col_of(ed, ed->len);
	/* The cursor cell needs the width of the cluster under it. */
	if (ed->cursor < ed->len)
		cluster_at(ed, ed->cursor, &cw);
	if (cw < 1)
		cw = 1;
	if (ccol < scol) {
		int t = ccol - width / 4;
		ed->scroll = index_at(ed, t < 0 ? 0 : t);
	} else if (ccol + cw > scol + width) {
		int t = ccol + cw - width + width / 4;
		ed->scroll = index_at(ed, t > ccol ? ccol : t);
	} else if (scol > 0 && total + 1 - scol < width) {
		/* Text was deleted: let it fill the field again. */
		int t = total + 1 - width;
		ed->scroll = index_at(ed, t < 0 ? 0 : t);
	}
	scol = col_of(ed, ed->scroll);
	/* A field narrower than the cursor's cluster still shows it. */
	while (ed->scroll < ed->cursor && ccol + cw > scol + width) {
		ed->scroll = next_char(ed, ed->scroll);
		scol = col_of(ed, ed->scroll);
	}
	room = width;
	for (i = ed->scroll; i < ed->len; i += n) {
		n = cluster_at(ed, i, &w);
		if (w > room)
			break;
		room -= w;
	}
	*first = ed->scroll;
	*end = i;
	*cursor_x = ccol - scol;
}
