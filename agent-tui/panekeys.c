/* The keys each pane takes while it has the focus (its panel's key
 * function, ui.c's panel table): moving in the hotlist, scrolling the
 * transcript or the customer panel, editing and sending in the input. */
#include <stdlib.h>

#include "action.h"
#include "perform.h"
#include "ui.h"

int hl_agent_key_hotlist(void *ctx, int key)
{
	hl_agent_app *a = ctx;
	hl_cm_conv *t;

	if (key == HL_TUI_KEY_UP || key == HL_TUI_KEY_DOWN) {
		hl_agent_perform(a, key == HL_TUI_KEY_UP ? HL_AGENT_ACT_PREV : HL_AGENT_ACT_NEXT, 0);
		return HL_PANEL_HANDLED;
	}
	if (key == HL_TUI_KEY_HOME || key == HL_TUI_KEY_END) {
		t = hl_cm_at(&a->desk, key == HL_TUI_KEY_HOME ? 0 : (a->desk.n ? a->desk.n - 1 : 0));
		if (t)
			hl_agent_perform_select(a, t->id);
		return HL_PANEL_HANDLED;
	}
	if (key == HL_TUI_KEY_ENTER) {
		a->focus = HL_AGENT_FOCUS_INPUT;
		a->dirty |= HL_CM_DIRTY_ALL | HL_AGENT_DIRTY_INPUT;
		return HL_PANEL_HANDLED;
	}
	return HL_PANEL_IGNORED;
}

int hl_agent_key_view(void *ctx, int key)
{
	hl_agent_app *a = ctx;
	hl_cm_conv *c = hl_cm_selected(&a->desk);
	hl_tui_textview *tv = c ? hl_agent_view(c, a->view_width) : NULL;
	int r = tv ? hl_tui_textview_key(tv, key) : 0;

	if (r & HL_TUI_REDRAW)
		a->dirty |= HL_CM_DIRTY_VIEW;
	return r;
}

int hl_agent_key_side(void *ctx, int key)
{
	hl_agent_app *a = ctx;
	int r = hl_tui_textview_key(&a->side_tv, key);

	if (r & HL_TUI_REDRAW)
		a->dirty |= HL_CM_DIRTY_SIDE;
	return r;
}

int hl_agent_key_input(void *ctx, int key)
{
	hl_agent_app *a = ctx;
	int r;

	if (key == HL_TUI_KEY_ENTER) {
		char *line = hl_tui_editor_take(&a->input);
		a->dirty |= HL_AGENT_DIRTY_INPUT;
		if (line && line[0])
			hl_agent_perform_line(a, line);
		free(line);
		hl_agent_perform_edited(a);
		return HL_PANEL_HANDLED;
	}
	r = hl_tui_editor_key(&a->input, key);
	if (r & HL_TUI_REDRAW)
		hl_agent_perform_edited(a);
	return r;
}
