/* The help overlay: built from the program's key table, so the help can
 * never disagree with the bindings. */
#include "help.h"

#include <stdio.h>
#include <string.h>

#include "theme.h"
#include "width.h"

#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

void hl_tui_help_init(hl_tui_help *h)
{
	memset(h, 0, sizeof *h);
	hl_tui_textview_init(&h->tv, 0);
}

void hl_tui_help_free(hl_tui_help *h)
{
	hl_tui_textview_free(&h->tv);
	h->open = false;
}

int hl_tui_help_open(hl_tui_help *h, const char *title, const hl_tui_key *t,
		     size_t n)
{
	hl_tui_help_line *lines;
	size_t count;
	int err;

	if ((err = hl_tui_keys_help(t, n, &lines, &count)) < 0)
		return err;
	hl_tui_textview_clear(&h->tv);
	h->text_w = 0;
	for (size_t i = 0; i < count; i++) {
		int role = lines[i].heading ? HL_TUI_ROLE_HELP_HEADING
					    : HL_TUI_ROLE_DIALOG;
		/* Wrapped help text hangs under the help column. */
		err = hl_tui_textview_append(&h->tv, lines[i].text,
					     strlen(lines[i].text), role, 4);
		if (err < 0)
			break;
		h->text_w = MAX(h->text_w, hl_tui_width_str(lines[i].text));
	}
	hl_tui_keys_help_free(lines, count);
	if (err < 0)
		return err;
	snprintf(h->title, sizeof h->title, "%s", title ? title : "Help");
	h->scrolled = false;
	h->open = true;
	return 0;
}

int hl_tui_help_key(hl_tui_help *h, int key)
{
	static const int close_keys[] = {
		HL_TUI_KEY_ESC, 'q', HL_TUI_KEY_F(1), HL_TUI_KEY_ENTER, '?',
	};
	int r;

	if (!h->open)
		return 0;
	for (size_t i = 0; i < sizeof close_keys / sizeof close_keys[0]; i++) {
		if (close_keys[i] == key) {
			h->open = false;
			return HL_TUI_HANDLED | HL_TUI_REDRAW | HL_TUI_DONE;
		}
	}
	r = hl_tui_textview_key(&h->tv, key);
	if (r & HL_TUI_REDRAW)
		h->scrolled = true;
	return r ? r : HL_TUI_HANDLED;
}

void hl_tui_help_place(hl_tui_help *h, int scr_h, int scr_w, int *y, int *x,
		       int *rows, int *cols)
{
	int w = MIN(MAX(h->text_w, hl_tui_width_str(h->title) + 4) + 4, scr_w);
	int hh;

	w = MAX(w, 5);
	*cols = w - 4;
	/* Wrap at the new width first: long help lines may take more rows,
	 * and the box grows with them up to the screen's height. */
	hl_tui_textview_resize(&h->tv, h->tv.height, *cols);
	hh = (int)MIN(h->tv.total_rows + 2, (size_t)MAX(scr_h, 3));
	hh = MAX(hh, 3);
	*rows = hh - 2;
	hl_tui_textview_resize(&h->tv, *rows, *cols);
	/* Help is read from the top, unlike a transcript. */
	if (!h->scrolled)
		hl_tui_textview_home(&h->tv);
	*y = MAX((scr_h - hh) / 2, 0);
	*x = MAX((scr_w - w) / 2, 0);
}
