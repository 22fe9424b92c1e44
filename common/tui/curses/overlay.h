/* Drawing the overlays — dialog, menu, help and toast — each in its own
 * pane stacked over the screen. Call them every turn: a closed overlay
 * only hides its pane (once), an open one is small and redrawn. */
#ifndef HL_TUI_OVERLAY_H
#define HL_TUI_OVERLAY_H

#include "../dialog.h"
#include "../help.h"
#include "../menu.h"
#include "../toast.h"
#include "screen.h"

/* Places pane p over the screen (scr_h×scr_w) where the dialog goes,
 * shows it on top and draws the dialog; *lo gets the layout (for
 * hl_tui_dialog_click). With an input line, the cursor is put there;
 * otherwise it is hidden. Hides p when the dialog is closed. */
void hl_tui_draw_dialog(hl_tui_pane *p, hl_tui_dialog *d, int scr_h,
			int scr_w, hl_tui_dialog_layout *lo);

/* The same for a menu: items with their hotkey names, the selected one
 * in the "selected" role, disabled ones in "disabled". */
void hl_tui_draw_menu(hl_tui_pane *p, hl_tui_menu *m, int scr_h, int scr_w,
		      hl_tui_menu_layout *lo);

/* The same for the help overlay. */
void hl_tui_draw_help(hl_tui_pane *p, hl_tui_help *h, int scr_h, int scr_w);

/* Shows the toast as a one-row banner across the screen on row y (hides
 * p when the toast is not visible). */
void hl_tui_draw_toast(hl_tui_pane *p, const hl_tui_toast *t, int y,
		       int scr_w);

#endif
