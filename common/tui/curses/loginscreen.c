/* The login form's picture; every column counted by display width, so a
 * Chinese label never pushes the fields out of line. */
#include "loginscreen.h"

#include <string.h>

#include "draw.h"
#include "../theme.h"
#include "../width.h"

void hl_tui_draw_loginform(hl_tui_pane *p, int rows, int cols, hl_tui_loginform *f,
			   const char *title, const char *hint, int *cy, int *cx)
{
	WINDOW *w;
	int bw, bh = 13, by, bx, lw = 0, fx, fw;

	*cy = *cx = 0;
	hl_tui_pane_place(p, rows, cols, 0, 0);
	w = p->win;
	hl_tui_draw_fill(w, 0, 0, rows, cols, HL_TUI_ROLE_NORMAL);
	bw = cols - 4 < 72 ? cols - 4 : 72;
	if (bh > rows)
		bh = rows;
	by = (rows - bh) / 2;
	bx = (cols - bw) / 2;
	hl_tui_draw_box(w, by, bx, bh, bw, HL_TUI_ROLE_BORDER, title, HL_TUI_ROLE_TITLE,
			HL_TUI_ROLE_NORMAL);
	for (int i = 0; i < HL_LOGIN_FIELDS; i++)
		if (hl_tui_width_str(f->label[i]) > lw)
			lw = hl_tui_width_str(f->label[i]);
	fx = bx + 3 + lw + 2;
	fw = bx + bw - 3 - fx;
	for (int i = 0; i < HL_LOGIN_FIELDS && fw > 4; i++) {
		int y = by + 2 + 2 * i, x;
		if (y >= by + bh - 1)
			break;
		hl_tui_draw_field(w, y, bx + 3, lw, f->label[i],
				  f->focus == i ? HL_TUI_ROLE_TITLE : HL_TUI_ROLE_NORMAL,
				  HL_TUI_ALIGN_RIGHT);
		if (i == HL_LOGIN_PASSWORD) {
			char stars[64];
			size_t n = f->f[i].len < sizeof stars - 1 ? f->f[i].len : sizeof stars - 1;
			memset(stars, '*', n);
			stars[n] = 0;
			hl_tui_draw_field(w, y, fx, fw, stars, HL_TUI_ROLE_INPUT, HL_TUI_ALIGN_LEFT);
			x = fx + (int)(n < (size_t)fw ? n : (size_t)fw - 1);
		} else {
			x = hl_tui_draw_editor(w, y, fx, fw, &f->f[i], HL_TUI_ROLE_INPUT);
		}
		if (f->focus == i) {
			*cy = y;
			*cx = x;
		}
	}
	if (by + 8 < by + bh - 1)
		hl_tui_draw_field(w, by + 8, bx + 3, bw - 6, f->msg, f->msg_role, HL_TUI_ALIGN_LEFT);
	if (by + 10 < by + bh - 1)
		hl_tui_draw_field(w, by + 10, bx + 3, bw - 6, hint, HL_TUI_ROLE_MUTED,
				  HL_TUI_ALIGN_LEFT);
}
