/* The desk's layout: fixed rows for the bars and the input line, columns
 * shared by the hotlist, the conversation and the customer panel. */
#include "layout.h"

#include <string.h>

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static hl_agent_rect rect(int y, int x, int h, int w)
{
	hl_agent_rect r = {y, x, h, w};
	return r;
}

void hl_agent_layout_compute(int rows, int cols, int side, hl_agent_layout *lo)
{
	int body, hw, sw;

	memset(lo, 0, sizeof *lo);
	lo->too_small = rows < HL_AGENT_MIN_ROWS || cols < HL_AGENT_MIN_COLS;
	if (rows < 4)
		rows = 4;
	if (cols < 20)
		cols = 20;
	body = rows - 3;
	hw = clamp(cols / 4, 16, 32);
	lo->side_shown = side > 0 || (side < 0 && cols >= HL_AGENT_SIDE_AUTO_COLS);
	/* The conversation keeps at least half the width. */
	sw = lo->side_shown ? clamp(cols / 4, 24, 44) : 0;
	if (cols - hw - sw < cols / 2) {
		sw = lo->side_shown ? clamp(cols - hw - cols / 2, 0, 44) : 0;
		if (sw < 16)
			lo->side_shown = false, sw = 0;
	}
	lo->status = rect(0, 0, 1, cols);
	lo->hotlist = rect(1, 0, body, hw);
	lo->view = rect(1, hw, body, cols - hw - sw);
	lo->side = rect(1, cols - sw, body, sw);
	lo->input = rect(rows - 2, 0, 1, cols);
	lo->keybar = rect(rows - 1, 0, 1, cols);
}
