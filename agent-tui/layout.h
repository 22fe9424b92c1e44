/* Where the desk's panes go on a screen of a given size: status line,
 * hotlist, conversation, customer panel, input line and key bar. Pure. */
#ifndef HL_AGENT_LAYOUT_H
#define HL_AGENT_LAYOUT_H

#include <stdbool.h>

#define HL_AGENT_MIN_ROWS 10
#define HL_AGENT_MIN_COLS 40
#define HL_AGENT_SIDE_AUTO_COLS 120   /* the customer panel shows by itself from here */

typedef struct hl_agent_rect {
	int y, x, h, w;
} hl_agent_rect;

typedef struct hl_agent_layout {
	hl_agent_rect status, hotlist, view, side, input, keybar;
	bool side_shown;
	bool too_small;     /* below HL_AGENT_MIN_ROWS × HL_AGENT_MIN_COLS */
} hl_agent_layout;

/* Lays out rows × cols. side: 1 shows the customer panel, 0 hides it,
 * -1 shows it when the screen is at least HL_AGENT_SIDE_AUTO_COLS wide.
 * The panes tile the screen exactly: no cell twice, none left over. */
void hl_agent_layout_compute(int rows, int cols, int side, hl_agent_layout *lo);

#endif
