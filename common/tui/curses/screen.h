/* The terminal under ncursesw: setting it up and restoring it (on exit,
 * on a fatal error, on SIGTERM/SIGHUP/SIGINT and on crashes), theme
 * colours per role, panes (windows on panels) redrawn only when dirty. */
#ifndef HL_TUI_SCREEN_H
#define HL_TUI_SCREEN_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <panel.h>
#include <stdbool.h>

#include "../theme.h"

enum {
	HL_TUI_SCREEN_MOUSE = 1 << 0,  /* report clicks and the wheel */
	HL_TUI_SCREEN_PASTE = 1 << 1,  /* bracketed paste */
};

/* A rectangle of the screen: a curses window on a panel, so overlays
 * (dialogs, menus, help, toasts) stack. `dirty` says its content must
 * be drawn again; the program clears it after drawing. */
typedef struct hl_tui_pane {
	WINDOW *win;
	PANEL *panel;
	bool dirty;
	bool hidden;
} hl_tui_pane;

/* Sets up the terminal: locale, ncursesw (cbreak, noecho, keypad),
 * colours from theme (256 or 8 colours, monochrome attributes when the
 * terminal has none), the signal handlers and an atexit restore, and
 * the input side (curses/input.h) with `flags`. Returns 0, or HL_E_IO
 * when standard input/output is not a terminal or $TERM is unknown
 * (the terminal is left as it was then). */
int hl_tui_screen_init(const hl_tui_theme *theme, unsigned flags);

/* Restores the terminal (paste and mouse reporting off, cursor shown,
 * the normal screen back). Safe to call more than once. */
void hl_tui_screen_end(void);

/* Restores the terminal, prints "hotline: MESSAGE" to stderr and exits
 * with status 1. For errors a program cannot go on from. */
void hl_tui_fatal(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

/* Switches to another theme at run time; every pane becomes dirty. */
void hl_tui_screen_theme(const hl_tui_theme *theme);

/* Colours in use: 256, 8, or 0 for attributes only. */
int hl_tui_screen_colors(void);

/* The curses attributes and colour pair that show role. */
void hl_tui_screen_style(int role, attr_t *attr, short *pair);

/* The screen's size in cells. */
void hl_tui_screen_size(int *rows, int *cols);

/* Call after HL_TUI_EV_RESIZE (curses/input.c does): takes the new size
 * and makes every pane dirty; the program then places its panes again. */
void hl_tui_screen_resized(void);

/* True once SIGTERM, SIGHUP or SIGINT arrived (hl_tui_input_read then
 * reports HL_TUI_EV_QUIT). A second such signal restores the terminal and
 * ends the program at once. */
bool hl_tui_screen_quit_requested(void);

/* Creates a pane of h rows, w columns at y, x (clamped to the screen),
 * on top of the others, dirty. Returns NULL when curses fails. */
hl_tui_pane *hl_tui_pane_new(int h, int w, int y, int x);

/* Destroys a pane; what it covered shows again at the next update. */
void hl_tui_pane_free(hl_tui_pane *p);

/* Moves and resizes a pane (clamped to the screen); marks it dirty. */
void hl_tui_pane_place(hl_tui_pane *p, int h, int w, int y, int x);

/* Shows or hides a pane; showing puts it on top and marks it dirty. */
void hl_tui_pane_show(hl_tui_pane *p, bool show);

/* True when screen cell y, x falls in visible pane p; then *ry, *rx
 * (if not NULL) get the cell relative to the pane (for click-to-focus:
 * ask the topmost pane first). */
bool hl_tui_pane_hit(const hl_tui_pane *p, int y, int x, int *ry, int *rx);

/* Marks a pane's content as needing to be drawn again. */
void hl_tui_pane_dirty(hl_tui_pane *p);

/* Puts the terminal cursor at y, x of pane p after the next update, or
 * hides it when p is NULL. */
void hl_tui_screen_cursor(hl_tui_pane *p, int y, int x);

/* Sends what changed to the terminal: panels stacked, one doupdate, so
 * only changed cells are written. Call once per turn after drawing. */
void hl_tui_screen_update(void);

/* Repaints the whole terminal at the next update (Ctrl-L). */
void hl_tui_screen_repaint(void);

#endif
