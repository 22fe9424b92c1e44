/* The overlays' drawing: each uses the layout its logic computed, so a
 * click lands where the drawing is. */
#include "overlay.h"

#include <stdio.h>
#include <string.h>

#include "../keys.h"
#include "../theme.h"
#include "../width.h"
#include "draw.h"

/* Shows p on top at the box, or hides it; false when hidden. */
static bool place(hl_tui_pane *p, bool open, int h, int w, int y, int x)
{
	if (!open) {
		if (!p->hidden)
			hl_tui_pane_show(p, false);
		return false;
	}
	hl_tui_pane_place(p, h, w, y, x);
	if (p->hidden)
		hl_tui_pane_show(p, true);
	return true;
}

void hl_tui_draw_dialog(hl_tui_pane *p, hl_tui_dialog *d, int scr_h,
			int scr_w, hl_tui_dialog_layout *lo)
{
	WINDOW *w = p->win;
	hl_tui_wrap it;
	hl_tui_span row;
	int r = 0;

	hl_tui_dialog_place(d, scr_h, scr_w, lo);
	if (!place(p, d->open, lo->h, lo->w, lo->y, lo->x))
		return;
	/* Inside the pane, coordinates start at the box's corner. */
	hl_tui_draw_box(w, 0, 0, lo->h, lo->w, HL_TUI_ROLE_BORDER, d->title,
			HL_TUI_ROLE_TITLE, HL_TUI_ROLE_DIALOG);
	hl_tui_width_wrap_init(&it, d->text, strlen(d->text), lo->text_w);
	while (r < lo->text_rows && hl_tui_width_wrap_next(&it, &row)) {
		hl_tui_draw_text(w, lo->text_y - lo->y + r, lo->text_x - lo->x,
				 lo->text_w, d->text + row.off, row.len,
				 HL_TUI_ROLE_DIALOG);
		r++;
	}
	if (d->has_input) {
		int cx = hl_tui_draw_editor(w, lo->input_y - lo->y,
					    lo->text_x - lo->x, lo->text_w,
					    &d->input, HL_TUI_ROLE_INPUT);
		hl_tui_screen_cursor(p, lo->input_y - lo->y, cx);
	} else {
		hl_tui_screen_cursor(NULL, 0, 0);
	}
	for (int i = 0; i < d->nbuttons; i++) {
		char label[48];
		int role = i == d->selected ? HL_TUI_ROLE_SELECTED
					    : HL_TUI_ROLE_DIALOG_BUTTON;
		snprintf(label, sizeof label, "[ %s ]", d->buttons[i]);
		hl_tui_draw_field(w, lo->button_y - lo->y, lo->button_x[i] - lo->x,
				  lo->button_w[i], label, role, HL_TUI_ALIGN_LEFT);
	}
	p->dirty = false;
}

void hl_tui_draw_menu(hl_tui_pane *p, hl_tui_menu *m, int scr_h, int scr_w,
		      hl_tui_menu_layout *lo)
{
	WINDOW *w = p->win;
	attr_t attr;
	short pair;

	hl_tui_menu_place(m, scr_h, scr_w, lo);
	if (!place(p, m->open, lo->h, lo->w, lo->y, lo->x))
		return;
	hl_tui_draw_box(w, 0, 0, lo->h, lo->w, HL_TUI_ROLE_BORDER, m->title,
			HL_TUI_ROLE_TITLE, HL_TUI_ROLE_MENU);
	for (int r = 0; r < lo->rows; r++) {
		size_t i = m->top + (size_t)r;
		const hl_tui_menu_item *it;
		char name[64];
		int role;
		if (i >= m->n)
			break;
		it = &m->items[i];
		if (!it->label) {
			hl_tui_screen_style(HL_TUI_ROLE_BORDER, &attr, &pair);
			wattr_set(w, attr, pair, NULL);
			mvwadd_wch(w, r + 1, 0, WACS_LTEE);
			mvwhline_set(w, r + 1, 1, WACS_HLINE, lo->w - 2);
			mvwadd_wch(w, r + 1, lo->w - 1, WACS_RTEE);
			wattr_set(w, A_NORMAL, 0, NULL);
			continue;
		}
		role = it->disabled ? HL_TUI_ROLE_DISABLED
		       : i == m->selected ? HL_TUI_ROLE_SELECTED
					  : HL_TUI_ROLE_MENU;
		hl_tui_draw_fill(w, r + 1, 1, 1, lo->w - 2, role);
		hl_tui_draw_field(w, r + 1, 2, lo->label_w, it->label, role,
				  HL_TUI_ALIGN_LEFT);
		if (it->key && hl_tui_keys_name(it->key, name, sizeof name) > 0) {
			int kw = hl_tui_width_str(name);
			hl_tui_draw_text(w, r + 1, lo->w - 2 - kw, kw, name,
					 strlen(name),
					 role == HL_TUI_ROLE_MENU ? HL_TUI_ROLE_MENU_HOTKEY
								  : role);
		}
	}
	hl_tui_screen_cursor(NULL, 0, 0);
	p->dirty = false;
}

void hl_tui_draw_help(hl_tui_pane *p, hl_tui_help *h, int scr_h, int scr_w)
{
	int y, x, rows, cols;

	hl_tui_help_place(h, scr_h, scr_w, &y, &x, &rows, &cols);
	if (!place(p, h->open, rows + 2, cols + 4, y, x))
		return;
	hl_tui_draw_box(p->win, 0, 0, rows + 2, cols + 4, HL_TUI_ROLE_BORDER,
			h->title, HL_TUI_ROLE_TITLE, HL_TUI_ROLE_DIALOG);
	hl_tui_draw_textview(p->win, 1, 2, rows, cols, &h->tv,
			     HL_TUI_ROLE_DIALOG);
	hl_tui_screen_cursor(NULL, 0, 0);
	p->dirty = false;
}

void hl_tui_draw_toast(hl_tui_pane *p, const hl_tui_toast *t, int y,
		       int scr_w)
{
	if (!place(p, t->visible, 1, scr_w, y, 0))
		return;
	hl_tui_draw_fill(p->win, 0, 0, 1, scr_w, hl_tui_toast_role(t));
	hl_tui_draw_field(p->win, 0, 1, scr_w - 2, t->text, hl_tui_toast_role(t),
			  HL_TUI_ALIGN_CENTER);
	p->dirty = false;
}
