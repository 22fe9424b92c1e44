/* The modal dialog's state machine and layout, with no curses calls. */
#include "dialog.h"

#include <stdio.h>
#include <string.h>

#include "keys.h"
#include "width.h"

#define CHANGED (HL_TUI_HANDLED | HL_TUI_REDRAW)
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

void hl_tui_dialog_init(hl_tui_dialog *d)
{
	memset(d, 0, sizeof *d);
	d->result = -1;
	hl_tui_editor_init(&d->input, 1024, 0);
}

void hl_tui_dialog_free(hl_tui_dialog *d)
{
	hl_tui_editor_free(&d->input);
	d->open = false;
}

/* Copies s into a fixed field without cutting a character in two. */
static void set_field(char *dst, size_t size, const char *s)
{
	size_t n = s ? hl_tui_width_clip_bytes(s, strlen(s), size - 1) : 0;

	if (n)
		memcpy(dst, s, n);
	dst[n] = '\0';
}

void hl_tui_dialog_open(hl_tui_dialog *d, int id, const char *title,
			const char *text, const char *const *buttons, int n)
{
	d->open = true;
	d->id = id;
	d->result = -1;
	d->selected = 0;
	d->has_input = false;
	set_field(d->title, sizeof d->title, title);
	set_field(d->text, sizeof d->text, text);
	if (!buttons || n <= 0) {
		set_field(d->buttons[0], sizeof d->buttons[0], "OK");
		n = 1;
	} else {
		n = MIN(n, HL_TUI_DIALOG_BUTTONS);
		for (int i = 0; i < n; i++)
			set_field(d->buttons[i], sizeof d->buttons[i], buttons[i]);
	}
	d->nbuttons = n;
}

void hl_tui_dialog_open_input(hl_tui_dialog *d, int id, const char *title,
			      const char *text, const char *initial)
{
	static const char *const ok_cancel[] = {"OK", "Cancel"};

	hl_tui_dialog_open(d, id, title, text, ok_cancel, 2);
	d->has_input = true;
	(void)hl_tui_editor_set(&d->input, initial);
}

void hl_tui_dialog_close(hl_tui_dialog *d)
{
	d->open = false;
	d->result = -1;
}

static int finish(hl_tui_dialog *d, int result)
{
	d->open = false;
	d->result = result;
	return CHANGED | HL_TUI_DONE;
}

static int focus(hl_tui_dialog *d, int delta)
{
	d->selected = (d->selected + delta + d->nbuttons) % d->nbuttons;
	return CHANGED;
}

static int d_next(hl_tui_dialog *d) { return focus(d, 1); }
static int d_prev(hl_tui_dialog *d) { return focus(d, -1); }
static int d_enter(hl_tui_dialog *d) { return finish(d, d->selected); }
static int d_cancel(hl_tui_dialog *d) { return finish(d, -1); }

static const struct {
	int key;
	bool with_input;  /* also bound when there is an input line */
	int (*fn)(hl_tui_dialog *);
} bindings[] = {
	{HL_TUI_KEY_TAB, true, d_next},
	{HL_TUI_KEY_TAB | HL_TUI_MOD_SHIFT, true, d_prev},
	{HL_TUI_KEY_RIGHT, false, d_next},
	{HL_TUI_KEY_LEFT, false, d_prev},
	{HL_TUI_KEY_ENTER, true, d_enter},
	{HL_TUI_KEY_ESC, true, d_cancel},
};

/* The button whose label starts with key, ignoring case, or -1. */
static int hotkey(const hl_tui_dialog *d, int key)
{
	uint32_t cp;

	if (key <= 0 || key >= 0x80)
		return -1;
	for (int i = 0; i < d->nbuttons; i++) {
		hl_tui_width_decode(d->buttons[i], strlen(d->buttons[i]), &cp);
		if (cp < 0x80 && (cp | 0x20) == ((uint32_t)key | 0x20))
			return i;
	}
	return -1;
}

int hl_tui_dialog_key(hl_tui_dialog *d, int key)
{
	int b;

	if (!d->open)
		return 0;
	for (size_t i = 0; i < sizeof bindings / sizeof bindings[0]; i++)
		if (bindings[i].key == key && (!d->has_input || bindings[i].with_input))
			return bindings[i].fn(d);
	if (d->has_input)
		return hl_tui_editor_key(&d->input, key) | HL_TUI_HANDLED;
	if ((b = hotkey(d, key)) >= 0)
		return finish(d, b);
	return HL_TUI_HANDLED;  /* modal: nothing leaks to the screen below */
}

int hl_tui_dialog_paste(hl_tui_dialog *d, const char *text, size_t len)
{
	if (!d->open || !d->has_input)
		return d->open ? HL_TUI_HANDLED : 0;
	(void)hl_tui_editor_paste(&d->input, text, len);
	return CHANGED;
}

int hl_tui_dialog_click(hl_tui_dialog *d, const hl_tui_dialog_layout *lo,
			int y, int x)
{
	if (!d->open)
		return 0;
	if (y == lo->button_y)
		for (int i = 0; i < d->nbuttons; i++)
			if (x >= lo->button_x[i] && x < lo->button_x[i] + lo->button_w[i])
				return finish(d, i);
	return HL_TUI_HANDLED;
}

void hl_tui_dialog_place(const hl_tui_dialog *d, int scr_h, int scr_w,
			 hl_tui_dialog_layout *lo)
{
	int bw = 0, inner, rows, extra, x;

	memset(lo, 0, sizeof *lo);
	/* Buttons show as "[ OK ]" with two columns between them. */
	for (int i = 0; i < d->nbuttons; i++) {
		lo->button_w[i] = hl_tui_width_str(d->buttons[i]) + 4;
		bw += lo->button_w[i] + (i ? 2 : 0);
	}
	inner = MAX(bw, hl_tui_width_str(d->title) + 2);
	inner = MAX(inner, MIN(hl_tui_width_str(d->text), 56));
	if (d->has_input)
		inner = MAX(inner, 40);
	inner = MIN(inner, MAX(scr_w - 6, 1));
	rows = (int)hl_tui_width_wrap_count(d->text, strlen(d->text), inner);
	extra = 4 + (d->has_input ? 2 : 0);   /* borders, gap, buttons */
	rows = MAX(MIN(rows, scr_h - extra - 1), 1);
	lo->w = inner + 4;
	lo->h = rows + extra + 1;
	lo->y = MAX((scr_h - lo->h) / 2, 0);
	lo->x = MAX((scr_w - lo->w) / 2, 0);
	lo->text_y = lo->y + 2;
	lo->text_x = lo->x + 2;
	lo->text_w = inner;
	lo->text_rows = rows;
	lo->input_y = d->has_input ? lo->text_y + rows + 1 : -1;
	lo->button_y = lo->y + lo->h - 2;
	x = lo->x + (lo->w - bw) / 2;
	for (int i = 0; i < d->nbuttons; i++) {
		lo->button_x[i] = MAX(x, lo->x + 1);
		x += lo->button_w[i] + 2;
	}
}
