/* Drawing the login form (loginform.h) over the whole screen: a centred
 * box with the title, the three fields (the password as stars), the
 * message line and a hint. Shared by the desks. */
#ifndef HL_TUI_CURSES_LOGINSCREEN_H
#define HL_TUI_CURSES_LOGINSCREEN_H

#include "screen.h"
#include "../loginform.h"

/* Places pane p over the screen (rows × cols) and draws f in it; *cy and
 * *cx get where the cursor belongs (the focused field's). */
void hl_tui_draw_loginform(hl_tui_pane *p, int rows, int cols, hl_tui_loginform *f,
			   const char *title, const char *hint, int *cy, int *cx);

#endif
