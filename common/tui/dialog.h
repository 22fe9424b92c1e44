/* The modal dialog's logic: a title, wrapped text, an optional input
 * line and a row of buttons; its layout is computed here so drawing and
 * mouse clicks agree. */
#ifndef HL_TUI_DIALOG_H
#define HL_TUI_DIALOG_H

#include <stdbool.h>

#include "editor.h"

#define HL_TUI_DIALOG_BUTTONS 4

typedef struct hl_tui_dialog {
	bool open;
	int id;                   /* the program's tag: what is being asked */
	int result;               /* button chosen, -1 when cancelled */
	int selected;             /* button with the focus */
	int nbuttons;
	char title[128];
	char text[1024];
	char buttons[HL_TUI_DIALOG_BUTTONS][32];
	bool has_input;
	hl_tui_editor input;      /* the answer, when has_input */
} hl_tui_dialog;

/* Where everything goes on a screen of a given size. */
typedef struct hl_tui_dialog_layout {
	int y, x, h, w;           /* the box, border included */
	int text_y, text_x, text_w, text_rows;
	int input_y;              /* -1 without an input line */
	int button_y;
	int button_x[HL_TUI_DIALOG_BUTTONS], button_w[HL_TUI_DIALOG_BUTTONS];
} hl_tui_dialog_layout;

/* Makes a closed dialog. */
void hl_tui_dialog_init(hl_tui_dialog *d);

/* Frees the input line's memory. */
void hl_tui_dialog_free(hl_tui_dialog *d);

/* Opens a dialog asking `text` with up to four buttons (copied; NULL or
 * 0 buttons gives one "OK"). The first button has the focus. */
void hl_tui_dialog_open(hl_tui_dialog *d, int id, const char *title,
			const char *text, const char *const *buttons, int n);

/* Opens a dialog with an input line holding `initial` and the buttons
 * "OK" and "Cancel". Read the answer with hl_tui_editor_text(&d->input)
 * once it closes with result 0. */
void hl_tui_dialog_open_input(hl_tui_dialog *d, int id, const char *title,
			      const char *text, const char *initial);

/* Closes it without a choice (result -1). */
void hl_tui_dialog_close(hl_tui_dialog *d);

/* Handles a key while open: Tab, Shift-Tab, Left and Right move between
 * buttons, Enter chooses the focused one, Esc cancels, a button's first
 * letter chooses it (without an input line); other keys edit the input
 * line. Returns flags; HL_TUI_DONE when it closed (see d->result). */
int hl_tui_dialog_key(hl_tui_dialog *d, int key);

/* Pastes text into the input line, if any; returns flags. */
int hl_tui_dialog_paste(hl_tui_dialog *d, const char *text, size_t len);

/* Handles a click at screen cell y, x given the layout used to draw:
 * a button chooses it. Returns flags (HANDLED for any click, since the
 * dialog is modal). */
int hl_tui_dialog_click(hl_tui_dialog *d, const hl_tui_dialog_layout *lo,
			int y, int x);

/* Computes the layout, centred on a screen of scr_h rows, scr_w columns. */
void hl_tui_dialog_place(const hl_tui_dialog *d, int scr_h, int scr_w,
			 hl_tui_dialog_layout *lo);

#endif
