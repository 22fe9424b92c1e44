/* The toast banner's logic: one short message that hides itself after a
 * while. Time comes from the caller (milliseconds), never a clock here. */
#ifndef HL_TUI_TOAST_H
#define HL_TUI_TOAST_H

#include <stdbool.h>

enum { HL_TUI_TOAST_INFO, HL_TUI_TOAST_WARN, HL_TUI_TOAST_ERROR };

typedef struct hl_tui_toast {
	bool visible;
	int level;            /* HL_TUI_TOAST_* */
	long long until_ms;   /* when it hides */
	char text[512];
} hl_tui_toast;

/* Makes a hidden toast. */
void hl_tui_toast_init(hl_tui_toast *t);

/* Shows text (copied, cut to fit) at `level` from now_ms for ttl_ms (0:
 * 3 s for info, 5 s for a warning, 8 s for an error), replacing what
 * showed. Returns HL_TUI_REDRAW. */
int hl_tui_toast_show(hl_tui_toast *t, int level, const char *text,
		      long long now_ms, long long ttl_ms);

/* Hides the toast once its time is up; returns HL_TUI_REDRAW when it
 * hid, 0 otherwise. */
int hl_tui_toast_tick(hl_tui_toast *t, long long now_ms);

/* Hides it now (a key or click on it); returns HL_TUI_REDRAW when it was
 * showing. */
int hl_tui_toast_dismiss(hl_tui_toast *t);

/* Milliseconds until it hides (to bound the input wait), or -1 when
 * hidden. */
long long hl_tui_toast_remaining(const hl_tui_toast *t, long long now_ms);

/* The theme role for its level (toast-info, toast-warn, toast-error). */
int hl_tui_toast_role(const hl_tui_toast *t);

#endif
