/* Key codes and events shared by every widget, key names, and key tables
 * from which the key bar and the help overlay are built. */
#ifndef HL_TUI_KEYS_H
#define HL_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

/* What a widget's handler returns, or-ed together (htop's convention). */
enum {
	HL_TUI_HANDLED = 1 << 0, /* the widget used the key or click */
	HL_TUI_REDRAW = 1 << 1,  /* its picture changed: draw it again */
	HL_TUI_DONE = 1 << 2,    /* a dialog or menu closed: read its result */
};

/* A key is one int: a Unicode code point, a C0 control code for Ctrl with
 * a letter (Ctrl-A is 1), or an HL_TUI_KEY_* code, or-ed with modifiers. */
#define HL_TUI_MOD_ALT (1 << 24)
#define HL_TUI_MOD_CTRL (1 << 25)   /* only on keys that are not letters */
#define HL_TUI_MOD_SHIFT (1 << 26)  /* only on keys that are not letters */
#define HL_TUI_MOD_MASK (HL_TUI_MOD_ALT | HL_TUI_MOD_CTRL | HL_TUI_MOD_SHIFT)
#define HL_TUI_CTRL(c) ((c) & 0x1F)
#define HL_TUI_ALT(k) ((k) | HL_TUI_MOD_ALT)

enum {
	HL_TUI_KEY_SPECIAL = 0x110000, /* above every code point */
	HL_TUI_KEY_UP = HL_TUI_KEY_SPECIAL,
	HL_TUI_KEY_DOWN,
	HL_TUI_KEY_LEFT,
	HL_TUI_KEY_RIGHT,
	HL_TUI_KEY_HOME,
	HL_TUI_KEY_END,
	HL_TUI_KEY_PGUP,
	HL_TUI_KEY_PGDN,
	HL_TUI_KEY_INSERT,
	HL_TUI_KEY_DELETE,
	HL_TUI_KEY_BACKSPACE,
	HL_TUI_KEY_ENTER,
	HL_TUI_KEY_TAB,
	HL_TUI_KEY_ESC,
	HL_TUI_KEY_F0 = HL_TUI_KEY_SPECIAL + 0x100,
};
#define HL_TUI_KEY_F(n) (HL_TUI_KEY_F0 + (n))   /* F1 to F24 */

/* What hl_tui_input_read (curses/input.h) hands the program. */
enum {
	HL_TUI_EV_NONE,   /* the wait timed out */
	HL_TUI_EV_KEY,    /* key is set */
	HL_TUI_EV_PASTE,  /* text/len hold a bracketed paste */
	HL_TUI_EV_MOUSE,  /* y, x, button are set */
	HL_TUI_EV_RESIZE, /* the terminal changed size: lay out again */
	HL_TUI_EV_QUIT,   /* SIGTERM or SIGHUP arrived: clean up and exit */
};

enum {
	HL_TUI_MOUSE_CLICK,      /* left button */
	HL_TUI_MOUSE_RIGHT,      /* right button */
	HL_TUI_MOUSE_WHEEL_UP,
	HL_TUI_MOUSE_WHEEL_DOWN,
};

typedef struct hl_tui_event {
	int type;          /* HL_TUI_EV_* */
	int key;           /* HL_TUI_EV_KEY */
	int y, x, button;  /* HL_TUI_EV_MOUSE: screen cell, HL_TUI_MOUSE_* */
	const char *text;  /* HL_TUI_EV_PASTE: UTF-8, valid until next read */
	size_t len;
} hl_tui_event;

/* One binding in a program's key table. Tables are const arrays, so a new
 * command is one new entry (tmux's cmd_entry). */
typedef struct hl_tui_key {
	int key;            /* code; 0 makes the entry a heading in the help */
	int action;         /* the program's own action id */
	const char *name;   /* as shown, e.g. "F3"; NULL: hl_tui_keys_name */
	const char *label;  /* a word for the key bar; NULL: not on the bar */
	const char *help;   /* one line for the help overlay (or heading) */
} hl_tui_key;

/* One line of the help overlay; text is owned by the line array. */
typedef struct hl_tui_help_line {
	char *text;
	bool heading;
} hl_tui_help_line;

/* Returns the key a terminal's control byte stands for (0x7F and 0x08
 * are Backspace, 0x09 Tab, 0x0A and 0x0D Enter, 0x1B Esc); any other
 * code is returned as it is. */
int hl_tui_keys_control(int c);

/* Returns the first entry of t[0..n) bound to key, or NULL. */
const hl_tui_key *hl_tui_keys_lookup(const hl_tui_key *t, size_t n, int key);

/* Writes the usual name of key ("Ctrl-N", "Alt-1", "F3", "Shift-Tab",
 * "PgDn", "a", "你") into buf and returns its length in bytes, or
 * HL_E_INVALID for a code that is not a key. */
int hl_tui_keys_name(int key, char *buf, size_t size);

/* Writes the name shown for entry e (its own name, else the usual one). */
int hl_tui_keys_entry_name(const hl_tui_key *e, char *buf, size_t size);

/* Returns the key a name stands for, or HL_E_INVALID. Accepts what
 * hl_tui_keys_name writes plus the usual spellings: "C-n", "^N", "M-x",
 * "Meta-x", "S-Tab", "PageUp", "Return", "Escape", "Space"; prefixes and
 * named keys are case-insensitive. */
int hl_tui_keys_parse(const char *name);

/* Returns the index of the first entry whose key an earlier entry already
 * binds, or -1 when the table has no duplicates. */
int hl_tui_keys_check(const hl_tui_key *t, size_t n);

/* Builds the help overlay's lines from t[0..n): a heading line for each
 * entry with key 0, and "  NAME  help" for the others, names padded to
 * one column by display width. On success returns 0 and sets *out and
 * *count (free with hl_tui_keys_help_free); HL_E_NOMEM otherwise. */
int hl_tui_keys_help(const hl_tui_key *t, size_t n, hl_tui_help_line **out,
		     size_t *count);

/* Frees what hl_tui_keys_help made. */
void hl_tui_keys_help_free(hl_tui_help_line *help, size_t count);

#endif
