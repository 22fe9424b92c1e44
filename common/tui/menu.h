/* The pop-up menu's logic: items from a const table, hotkeys, selection
 * that skips separators and disabled items, and its layout. */
#ifndef HL_TUI_MENU_H
#define HL_TUI_MENU_H

#include <stdbool.h>
#include <stddef.h>

typedef struct hl_tui_menu_item {
	const char *label;  /* NULL makes a separator line */
	int key;            /* hotkey (keys.h code) or 0 */
	int action;         /* the program's action id */
	bool disabled;
} hl_tui_menu_item;

typedef struct hl_tui_menu {
	bool open;
	const char *title;
	const hl_tui_menu_item *items;  /* the program's, not copied */
	size_t n, selected, top;
	int y, x;         /* where it was asked to appear */
	int result;       /* chosen item's action, -1 when cancelled */
	int chosen;       /* chosen item's index, -1 when cancelled */
} hl_tui_menu;

typedef struct hl_tui_menu_layout {
	int y, x, h, w;   /* the box, border included */
	int rows;         /* item rows shown */
	int label_w;      /* columns for labels; hotkey names follow */
} hl_tui_menu_layout;

/* Opens a menu of items[0..n) at screen cell y, x (moved to fit), the
 * first enabled item selected. */
void hl_tui_menu_open(hl_tui_menu *m, const char *title,
		      const hl_tui_menu_item *items, size_t n, int y, int x);

/* Handles a key while open: Up/Down, Home/End, PgUp/PgDn move, Enter
 * chooses, Esc cancels, an item's hotkey (or the first letter of its
 * label) chooses it; PgUp/PgDn move `page` items (the layout's rows).
 * Returns flags, HL_TUI_DONE when it closed. */
int hl_tui_menu_key(hl_tui_menu *m, int key, int page);

/* Handles a click at screen cell y, x: an item chooses it, outside the
 * box cancels. Returns flags. */
int hl_tui_menu_click(hl_tui_menu *m, const hl_tui_menu_layout *lo, int y,
		      int x);

/* Computes the box on a screen of scr_h rows and scr_w columns and keeps
 * the selection within the rows shown. */
void hl_tui_menu_place(hl_tui_menu *m, int scr_h, int scr_w,
		       hl_tui_menu_layout *lo);

#endif
