/* The toast banner's state: what it says, how urgent, until when. */
#include "toast.h"

#include <stdio.h>
#include <string.h>

#include "keys.h"
#include "theme.h"
#include "width.h"

static const struct {
	int role;
	long long ttl_ms;
} levels[] = {
	[HL_TUI_TOAST_INFO] = {HL_TUI_ROLE_TOAST_INFO, 3000},
	[HL_TUI_TOAST_WARN] = {HL_TUI_ROLE_TOAST_WARN, 5000},
	[HL_TUI_TOAST_ERROR] = {HL_TUI_ROLE_TOAST_ERROR, 8000},
};

void hl_tui_toast_init(hl_tui_toast *t)
{
	memset(t, 0, sizeof *t);
}

int hl_tui_toast_show(hl_tui_toast *t, int level, const char *text,
		      long long now_ms, long long ttl_ms)
{
	size_t len = text ? strlen(text) : 0;

	if (level < HL_TUI_TOAST_INFO || level > HL_TUI_TOAST_ERROR)
		level = HL_TUI_TOAST_INFO;
	/* Cut at a character boundary: the banner never shows half of one. */
	len = hl_tui_width_clip_bytes(text, len, sizeof t->text - 1);
	memcpy(t->text, text ? text : "", len);
	t->text[len] = '\0';
	t->level = level;
	t->until_ms = now_ms + (ttl_ms > 0 ? ttl_ms : levels[level].ttl_ms);
	t->visible = true;
	return HL_TUI_REDRAW;
}

int hl_tui_toast_tick(hl_tui_toast *t, long long now_ms)
{
	if (!t->visible || now_ms < t->until_ms)
		return 0;
	t->visible = false;
	return HL_TUI_REDRAW;
}

int hl_tui_toast_dismiss(hl_tui_toast *t)
{
	if (!t->visible)
		return 0;
	t->visible = false;
	return HL_TUI_REDRAW;
}

long long hl_tui_toast_remaining(const hl_tui_toast *t, long long now_ms)
{
	if (!t->visible)
		return -1;
	return t->until_ms > now_ms ? t->until_ms - now_ms : 0;
}

int hl_tui_toast_role(const hl_tui_toast *t)
{
	return levels[t->level].role;
}
