/* Panels, htop's way: each region of a desk's screen is a const entry
 * with a draw function, a key function and whether it can take the
 * focus; the desk's loop draws the panels whose dirty flags are set and
 * gives a key to the panel with the focus. No curses here: draw gets the
 * desk's own context, which knows its windows. */
#ifndef HL_TUI_PANELS_H
#define HL_TUI_PANELS_H

#include <stdbool.h>
#include <stddef.h>

#include "keys.h"

/* What a panel's key function returns, or-ed (the widgets' flags). */
enum {
	HL_PANEL_IGNORED = 0,               /* not its key: try the next handler */
	HL_PANEL_HANDLED = HL_TUI_HANDLED,  /* used */
	HL_PANEL_REDRAW = HL_TUI_REDRAW,    /* used, and its picture changed */
	HL_PANEL_DONE = HL_TUI_DONE,        /* used, and it is finished (a pop-up closes) */
};

typedef struct hl_tui_panel {
	const char *name;                     /* for tests and the help: "hotlist" */
	unsigned dirty;                       /* the desk's dirty flags that ask for a draw */
	bool (*shown)(void *ctx);             /* NULL: always on screen */
	/* Draws the panel; dirty is the desk's flags that asked (a panel may
	 * draw only the part they name). */
	void (*draw)(void *ctx, unsigned dirty);
	/* Takes a key while the panel has the focus; NULL: never has it. */
	int (*key)(void *ctx, int key);
} hl_tui_panel;

/* Whether panel p is on screen now. */
bool hl_tui_panel_shown(const hl_tui_panel *p, void *ctx);

/* Gives key to panel p when it takes keys; returns its HL_PANEL_* flags
 * (HL_PANEL_IGNORED when it takes none). */
int hl_tui_panel_key(const hl_tui_panel *p, void *ctx, int key);

/* The panel after (step 1) or before (step -1) t[focus] that can take
 * the focus and is shown, wrapping round; focus itself when none other
 * can. */
size_t hl_tui_panel_cycle(const hl_tui_panel *t, size_t n, size_t focus, int step, void *ctx);

/* Draws every shown panel of t[0..n) whose dirty flags meet dirty, or
 * whose index is in the bit set `also` (bit i: panel i, e.g. its window
 * was uncovered). Returns true when any was drawn. */
bool hl_tui_panel_draw(const hl_tui_panel *t, size_t n, void *ctx, unsigned dirty,
		       unsigned also);

#endif
