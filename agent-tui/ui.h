/* The desk's screen under curses: panes placed by layout.c, each drawn
 * only when its part of the desk changed, and the overlays (banner,
 * dialogs, state menu, help, figures). */
#ifndef HL_AGENT_UI_H
#define HL_AGENT_UI_H

#include <stdbool.h>

#include "app.h"
#include "panels.h"

/* Creates the panes (after hl_tui_screen_init). Returns 0 or HL_E_NOMEM. */
int hl_agent_ui_init(hl_agent_app *a);

/* Places the panes for the screen's current size; everything is drawn
 * again. */
void hl_agent_ui_place(hl_agent_app *a);

/* Draws what is dirty and the open overlays, then sends the changes to
 * the terminal. Returns true when anything was drawn. */
bool hl_agent_ui_draw(hl_agent_app *a);

/* Shows a banner (printf-style; level HL_TUI_TOAST_*; ttl_ms 0: the
 * toast's default). */
void hl_agent_ui_toast(hl_agent_app *a, int level, long long ttl_ms, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Refills the customer panel from the selected conversation. */
void hl_agent_ui_side_rebuild(hl_agent_app *a);

/* Opens (or refreshes, when open) the figures overlay. */
void hl_agent_ui_figures(hl_agent_app *a, bool open);

/* Gives key to the pane with the focus (its panel). Returns the panel's
 * HL_PANEL_* flags: HL_PANEL_IGNORED when it did not take the key. */
int hl_agent_ui_key(hl_agent_app *a, int key);

/* Moves the focus to the next (step 1) or previous (-1) pane that takes
 * keys and is shown. */
void hl_agent_ui_focus_step(hl_agent_app *a, int step);

/* The panes' key functions (panekeys.c), for the panel table. */
int hl_agent_key_input(void *ctx, int key);
int hl_agent_key_hotlist(void *ctx, int key);
int hl_agent_key_view(void *ctx, int key);
int hl_agent_key_side(void *ctx, int key);

/* The key bar's and the help's translated key table. */
const hl_tui_key *hl_agent_ui_keys(size_t *n);

#endif
