/* The panel table's walks: focus order, key routing, drawing what is
 * dirty. */
#include "panels.h"

bool hl_tui_panel_shown(const hl_tui_panel *p, void *ctx)
{
	return !p->shown || p->shown(ctx);
}

int hl_tui_panel_key(const hl_tui_panel *p, void *ctx, int key)
{
	return p->key ? p->key(ctx, key) : HL_PANEL_IGNORED;
}

size_t hl_tui_panel_cycle(const hl_tui_panel *t, size_t n, size_t focus, int step, void *ctx)
{
	size_t at = focus;

	if (!n)
		return focus;
	for (size_t i = 0; i < n; i++) {
		at = (at + (step > 0 ? 1 : n - 1)) % n;
		if (t[at].key && hl_tui_panel_shown(&t[at], ctx))
			return at;
	}
	return focus;
}

bool hl_tui_panel_draw(const hl_tui_panel *t, size_t n, void *ctx, unsigned dirty,
		       unsigned also)
{
	bool drew = false;

	for (size_t i = 0; i < n; i++) {
		unsigned asked = dirty & t[i].dirty;
		if (!asked && !(i < 32 && (also >> i) & 1))
			continue;
		if (!t[i].draw || !hl_tui_panel_shown(&t[i], ctx))
			continue;
		t[i].draw(ctx, asked);
		drew = true;
	}
	return drew;
}
