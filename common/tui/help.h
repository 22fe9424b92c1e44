/* The help overlay's logic: the key table's lines in a scrolling view,
 * closed by Esc, q, F1 or Enter. */
#ifndef HL_TUI_HELP_H
#define HL_TUI_HELP_H

#include <stdbool.h>

#include "keys.h"
#include "textview.h"

typedef struct hl_tui_help {
	bool open;
	char title[128];
	int text_w;            /* widest line, in columns */
	bool scrolled;         /* the reader moved: keep the view there */
	hl_tui_textview tv;
} hl_tui_help;

/* Makes a closed help overlay. */
void hl_tui_help_init(hl_tui_help *h);

/* Frees its lines. */
void hl_tui_help_free(hl_tui_help *h);

/* Opens it with lines built from t[0..n) (hl_tui_keys_help): headings in
 * the help-heading role. Returns 0 or HL_E_NOMEM (then it stays shut). */
int hl_tui_help_open(hl_tui_help *h, const char *title, const hl_tui_key *t,
		     size_t n);

/* Handles a key while open: scrolling keys scroll, Esc, q, F1 and Enter
 * close it (HL_TUI_DONE); every other key is swallowed. Returns flags. */
int hl_tui_help_key(hl_tui_help *h, int key);

/* The box on a screen of scr_h rows, scr_w columns: centred, as big as
 * the lines need and the screen allows, border included. Also sizes the
 * inner view. */
void hl_tui_help_place(hl_tui_help *h, int scr_h, int scr_w, int *y, int *x,
		       int *rows, int *cols);

#endif
