/* The pop-up menu's state and layout, with no curses calls. */
#include "menu.h"

#include <string.h>

#include "keys.h"
#include "width.h"

#define CHANGED (HL_TUI_HANDLED | HL_TUI_REDRAW)
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

static bool usable(const hl_tui_menu *m, size_t i)
{
	return i < m->n && m->items[i].label && !m->items[i].disabled;
}

void hl_tui_menu_open(hl_tui_menu *m, const char *title,
		      const hl_tui_menu_item *items, size_t n, int y, int x)
{
	memset(m, 0, sizeof *m);
	m->open = true;
	m->title = title;
	m->items = items;
	m->n = n;
	m->y = y, m->x = x;
	m->result = m->chosen = -1;
	while (m->selected < n && !usable(m, m->selected))
		m->selected++;
	if (m->selected == n)
		m->selected = 0;
}

static int finish(hl_tui_menu *m, long index)
{
	m->open = false;
	m->chosen = (int)index;
	m->result = index >= 0 ? m->items[index].action : -1;
	return CHANGED | HL_TUI_DONE;
}

/* Moves the selection by delta usable items, stopping at the ends. */
static int step(hl_tui_menu *m, long delta)
{
	size_t i = m->selected, old = i;

	while (delta != 0) {
		size_t j = i;
		do
			j = delta < 0 ? (j == 0 ? m->n : j - 1) : j + 1;
		while (j < m->n && !usable(m, j));
		if (j >= m->n)
			break;
		i = j;
		delta += delta < 0 ? 1 : -1;
	}
	m->selected = i;
	return i != old ? CHANGED : HL_TUI_HANDLED;
}

int hl_tui_menu_key(hl_tui_menu *m, int key, int page)
{
	/* Moves are a table of key and step; the rest choose or close. */
	const struct {
		int key;
		long delta;
	} moves[] = {
		{HL_TUI_KEY_UP, -1},   {HL_TUI_KEY_DOWN, 1},
		{HL_TUI_KEY_PGUP, -(long)MAX(page, 1)},
		{HL_TUI_KEY_PGDN, MAX(page, 1)},
		{HL_TUI_KEY_HOME, -(long)m->n}, {HL_TUI_KEY_END, (long)m->n},
		{HL_TUI_CTRL('p'), -1}, {HL_TUI_CTRL('n'), 1},
	};

	if (!m->open)
		return 0;
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++)
		if (moves[i].key == key)
			return step(m, moves[i].delta);
	if (key == HL_TUI_KEY_ENTER)
		return usable(m, m->selected) ? finish(m, (long)m->selected)
					      : HL_TUI_HANDLED;
	if (key == HL_TUI_KEY_ESC)
		return finish(m, -1);
	for (size_t i = 0; i < m->n; i++)
		if (usable(m, i) && m->items[i].key && m->items[i].key == key)
			return finish(m, (long)i);
	for (size_t i = 0; key > 0 && key < 0x80 && i < m->n; i++) {
		uint32_t cp;
		if (!usable(m, i))
			continue;
		hl_tui_width_decode(m->items[i].label, strlen(m->items[i].label), &cp);
		if (cp < 0x80 && (cp | 0x20) == ((uint32_t)key | 0x20))
			return finish(m, (long)i);
	}
	return HL_TUI_HANDLED;  /* modal */
}

int hl_tui_menu_click(hl_tui_menu *m, const hl_tui_menu_layout *lo, int y,
		      int x)
{
	long i;

	if (!m->open)
		return 0;
	if (y < lo->y || y >= lo->y + lo->h || x < lo->x || x >= lo->x + lo->w)
		return finish(m, -1);
	i = (long)m->top + (y - lo->y - 1);
	if (y == lo->y || y == lo->y + lo->h - 1 || !usable(m, (size_t)i))
		return HL_TUI_HANDLED;
	return finish(m, i);
}

void hl_tui_menu_place(hl_tui_menu *m, int scr_h, int scr_w,
		       hl_tui_menu_layout *lo)
{
	int label_w = hl_tui_width_str(m->title), key_w = 0;
	char name[64];

	for (size_t i = 0; i < m->n; i++) {
		if (!m->items[i].label)
			continue;
		label_w = MAX(label_w, hl_tui_width_str(m->items[i].label));
		if (m->items[i].key &&
		    hl_tui_keys_name(m->items[i].key, name, sizeof name) > 0)
			key_w = MAX(key_w, hl_tui_width_str(name));
	}
	/* " label  key " inside the border. */
	lo->w = MIN(label_w + (key_w ? key_w + 2 : 0) + 4, MAX(scr_w, 4));
	lo->label_w = MAX(lo->w - 4 - (key_w ? key_w + 2 : 0), 1);
	lo->rows = (int)MIN(m->n, (size_t)MAX(scr_h - 2, 1));
	lo->h = lo->rows + 2;
	lo->y = MAX(MIN(m->y, scr_h - lo->h), 0);
	lo->x = MAX(MIN(m->x, scr_w - lo->w), 0);
	if (m->selected < m->top)
		m->top = m->selected;
	else if (m->selected >= m->top + (size_t)lo->rows)
		m->top = m->selected - (size_t)lo->rows + 1;
}
