/* Status bar and key bar layout by display width, no curses. */
#include "bar.h"

#include <stdlib.h>
#include <string.h>

#include "theme.h"
#include "width.h"

/* Columns a segment takes when its text has `text_w` columns. */
static int seg_width(const hl_tui_bar_seg *s, int text_w)
{
	return s->key ? hl_tui_width_str(s->key) + 1 + text_w : text_w;
}

size_t hl_tui_bar_layout(const hl_tui_bar_seg *segs, size_t n, int width,
			 int gap, hl_tui_bar_cell *out)
{
	int tw[64];
	bool shown[64];
	size_t k = 0;
	int x;

	/* A bar holds a few segments; more than 64 are not laid out. */
	if (n > 64)
		n = 64;
	for (size_t i = 0; i < n; i++) {
		tw[i] = hl_tui_width_str(segs[i].text);
		shown[i] = true;
	}
	for (;;) {
		int total = 0, count = 0;
		long low = -1;
		for (size_t i = 0; i < n; i++) {
			if (!shown[i])
				continue;
			total += seg_width(&segs[i], tw[i]);
			count++;
			if (low < 0 || segs[i].priority <= segs[low].priority)
				low = (long)i;
		}
		total += count > 1 ? gap * (count - 1) : 0;
		if (total <= width || low < 0)
			break;
		/* Shrink the least important first, then drop it. */
		if (segs[low].min > 0 && tw[low] > segs[low].min) {
			int want = tw[low] - (total - width);
			tw[low] = want > segs[low].min ? want : segs[low].min;
		} else {
			shown[low] = false;
		}
	}
	x = 0;
	for (int pass = 0; pass < 2; pass++) {
		int right_w = 0;
		if (pass == 1) {
			/* The right group ends at the right edge. */
			for (size_t i = 0; i < n; i++)
				if (shown[i] && segs[i].right)
					right_w += seg_width(&segs[i], tw[i]) + gap;
			x = width - (right_w > 0 ? right_w - gap : 0);
		}
		for (size_t i = 0; i < n; i++) {
			const hl_tui_bar_seg *s = &segs[i];
			size_t len = s->text ? strlen(s->text) : 0;
			int used;
			if (!shown[i] || s->right != (pass == 1))
				continue;
			hl_tui_bar_cell *c = &out[k++];
			c->seg = s;
			c->x = x;
			c->ellipsis = hl_tui_width_str(s->text) > tw[i];
			c->len = hl_tui_width_fit(s->text ? s->text : "", len,
						  c->ellipsis ? tw[i] - 1 : tw[i],
						  &used);
			c->width = seg_width(s, used + (c->ellipsis ? 1 : 0));
			x += seg_width(s, tw[i]) + gap;
		}
	}
	return k;
}

int hl_tui_bar_hit(const hl_tui_bar_cell *cells, size_t n, int x)
{
	for (size_t i = 0; i < n; i++)
		if (x >= cells[i].x && x < cells[i].x + cells[i].width)
			return (int)i;
	return -1;
}

size_t hl_tui_bar_keys(const hl_tui_key *t, size_t n, hl_tui_bar_seg *segs,
		       hl_tui_bar_name *names, size_t *index, size_t max)
{
	size_t k = 0;

	for (size_t i = 0; i < n && k < max; i++) {
		if (!t[i].key || !t[i].label)
			continue;
		if (hl_tui_keys_entry_name(&t[i], names[k], sizeof names[k]) < 0)
			continue;
		segs[k] = (hl_tui_bar_seg){
			.key = names[k],
			.text = t[i].label,
			.role = HL_TUI_ROLE_KEYBAR_LABEL,
			.key_role = HL_TUI_ROLE_KEYBAR_KEY,
			.priority = (int)(n - i),
		};
		if (index)
			index[k] = i;
		k++;
	}
	return k;
}
