/* The list's selection and scrolling logic, apart from any drawing. */
#include "list.h"

#include "keys.h"

#define CHANGED (HL_TUI_HANDLED | HL_TUI_REDRAW)

void hl_tui_list_init(hl_tui_list *l, int height)
{
	l->count = l->selected = l->top = 0;
	l->height = height < 1 ? 1 : height;
}

/* Keeps top such that selected shows and no empty rows show needlessly. */
static void keep_in_view(hl_tui_list *l)
{
	size_t h = (size_t)l->height;

	if (l->selected < l->top)
		l->top = l->selected;
	else if (l->selected >= l->top + h)
		l->top = l->selected - h + 1;
	/* After rows went away, pull the view up to fill the screen. */
	if (l->count <= h)
		l->top = 0;
	else if (l->top > l->count - h)
		l->top = l->count - h;
}

int hl_tui_list_set_count(hl_tui_list *l, size_t count)
{
	l->count = count;
	if (count == 0)
		l->selected = 0;
	else if (l->selected >= count)
		l->selected = count - 1;
	keep_in_view(l);
	return HL_TUI_REDRAW;
}

int hl_tui_list_set_height(hl_tui_list *l, int height)
{
	l->height = height < 1 ? 1 : height;
	keep_in_view(l);
	return HL_TUI_REDRAW;
}

int hl_tui_list_select(hl_tui_list *l, size_t index)
{
	size_t sel = l->selected, top = l->top;

	if (l->count == 0)
		return HL_TUI_HANDLED;
	l->selected = index < l->count ? index : l->count - 1;
	keep_in_view(l);
	return sel != l->selected || top != l->top ? CHANGED : HL_TUI_HANDLED;
}

int hl_tui_list_move(hl_tui_list *l, long delta)
{
	size_t to;

	if (delta < 0)
		to = (size_t)-delta > l->selected ? 0 : l->selected - (size_t)-delta;
	else
		to = l->selected + (size_t)delta;  /* clamped by select */
	return hl_tui_list_select(l, to);
}

int hl_tui_list_page(hl_tui_list *l, int pages)
{
	long step = l->height > 1 ? l->height - 1 : 1;

	return hl_tui_list_move(l, step * pages);
}

static int k_up(hl_tui_list *l) { return hl_tui_list_move(l, -1); }
static int k_down(hl_tui_list *l) { return hl_tui_list_move(l, 1); }
static int k_pgup(hl_tui_list *l) { return hl_tui_list_page(l, -1); }
static int k_pgdn(hl_tui_list *l) { return hl_tui_list_page(l, 1); }
static int k_home(hl_tui_list *l) { return hl_tui_list_select(l, 0); }
static int k_end(hl_tui_list *l)
{
	return hl_tui_list_select(l, l->count ? l->count - 1 : 0);
}

static const struct {
	int key;
	int (*fn)(hl_tui_list *);
} bindings[] = {
	{HL_TUI_KEY_UP, k_up},     {HL_TUI_KEY_DOWN, k_down},
	{HL_TUI_KEY_PGUP, k_pgup}, {HL_TUI_KEY_PGDN, k_pgdn},
	{HL_TUI_KEY_HOME, k_home}, {HL_TUI_KEY_END, k_end},
};

int hl_tui_list_key(hl_tui_list *l, int key)
{
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		if (bindings[i].key == key)
			return bindings[i].fn(l);
	return 0;
}

long hl_tui_list_row_at(const hl_tui_list *l, int row)
{
	if (row < 0 || row >= l->height || l->top + (size_t)row >= l->count)
		return -1;
	return (long)(l->top + (size_t)row);
}

int hl_tui_list_click(hl_tui_list *l, int row)
{
	long i = hl_tui_list_row_at(l, row);

	return i < 0 ? 0 : hl_tui_list_select(l, (size_t)i);
}

int hl_tui_list_scroll(hl_tui_list *l, long delta)
{
	size_t h = (size_t)l->height, max, top = l->top;

	if (l->count <= h)
		return HL_TUI_HANDLED;
	max = l->count - h;
	if (delta < 0)
		l->top = (size_t)-delta > l->top ? 0 : l->top - (size_t)-delta;
	else
		l->top = l->top + (size_t)delta > max ? max : l->top + (size_t)delta;
	/* The selection follows so that it stays on screen. */
	if (l->selected < l->top)
		l->selected = l->top;
	else if (l->selected >= l->top + h)
		l->selected = l->top + h - 1;
	return top != l->top ? CHANGED : HL_TUI_HANDLED;
}
