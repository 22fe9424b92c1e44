/* The line editor: a buffer of code points with a cursor, kills and
 * yanks, word moves, history and multi-line paste; no curses. */
#ifndef HL_TUI_EDITOR_H
#define HL_TUI_EDITOR_H

#include <stddef.h>
#include <stdint.h>

#define HL_TUI_EDITOR_MAX 16384   /* default limit, in code points */

typedef struct hl_tui_editor {
	uint32_t *buf;        /* the text; '\n' separates lines of a paste */
	size_t len, cap, max;
	size_t cursor;        /* index into buf, 0..len */
	size_t scroll;        /* first index shown (see hl_tui_editor_view) */
	uint32_t *kill;       /* the last killed text, for Ctrl-Y */
	size_t kill_len;
	char **hist;          /* history, oldest first, UTF-8 */
	size_t hist_n, hist_max, hist_pos;
	char *draft;          /* the line being written while browsing history */
} hl_tui_editor;

/* Makes an empty editor holding at most `max` code points (0 means
 * HL_TUI_EDITOR_MAX) and remembering `hist_max` history lines. */
void hl_tui_editor_init(hl_tui_editor *ed, size_t max, size_t hist_max);

/* Frees everything the editor holds; it may be initialised again. */
void hl_tui_editor_free(hl_tui_editor *ed);

/* Inserts cp at the cursor. Returns 0, HL_E_TOOBIG at the limit,
 * HL_E_INVALID for a control character other than '\n', or HL_E_NOMEM. */
int hl_tui_editor_insert(hl_tui_editor *ed, uint32_t cp);

/* Inserts UTF-8 text at the cursor, as a paste: "\r\n" and "\r" become
 * '\n' (kept, so a pasted block is one multi-line message), a tab
 * becomes a space, other control characters are dropped. Stops at the
 * limit and returns HL_E_TOOBIG then; 0 when all went in. */
int hl_tui_editor_paste(hl_tui_editor *ed, const char *text, size_t len);

/* Replaces the text with UTF-8 s (as a paste) and puts the cursor at the
 * end. Returns as hl_tui_editor_paste. */
int hl_tui_editor_set(hl_tui_editor *ed, const char *s);

/* Empties the buffer (history and kill text stay). */
void hl_tui_editor_clear(hl_tui_editor *ed);

/* Returns the text as a new UTF-8 string the caller frees, or NULL when
 * memory runs out. */
char *hl_tui_editor_text(const hl_tui_editor *ed);

/* Returns the text as hl_tui_editor_text does, adds it to the history
 * (unless empty or equal to the newest entry) and empties the buffer. */
char *hl_tui_editor_take(hl_tui_editor *ed);

/* Appends s to the history (e.g. loaded from a file). Returns 0 or
 * HL_E_NOMEM. */
int hl_tui_editor_history_add(hl_tui_editor *ed, const char *s);

/* Handles an editing key (hl_tui_key codes, keys.h): printable text,
 * Left/Right and Ctrl-B/Ctrl-F, Home/End and Ctrl-A/Ctrl-E, word moves
 * Alt-B/Alt-F and Ctrl-Left/Ctrl-Right, Backspace, Del and Ctrl-D,
 * Ctrl-U (kill to start), Ctrl-K (kill to end), Ctrl-W and
 * Alt-Backspace (kill word back), Alt-D (kill word forward), Ctrl-Y
 * (yank), Up/Down and Ctrl-P/Ctrl-N (history) and Alt-Enter (new line).
 * Enter is left to the caller. Returns HL_TUI_HANDLED|HL_TUI_REDRAW when
 * it used the key, HL_TUI_HANDLED alone when the key did nothing here
 * (e.g. Left at the start), 0 for keys it does not know. */
int hl_tui_editor_key(hl_tui_editor *ed, int key);

/* Returns the display column of the cursor from the start of the text;
 * a '\n' shows as one column ("↵"). */
int hl_tui_editor_cursor_col(const hl_tui_editor *ed);

/* Returns how many lines the text has (newlines + 1). */
size_t hl_tui_editor_lines(const hl_tui_editor *ed);

/* Columns code point cp takes in the editor ('\n' is one). */
int hl_tui_editor_cp_width(uint32_t cp);

/* Scrolls the editor horizontally so the cursor shows in a field
 * `width` columns wide, moving by a quarter of the width so typing does
 * not jump on every key. Sets buf[*first, *end) to what is shown and
 * *cursor_x to the cursor's column in the field. */
void hl_tui_editor_view(hl_tui_editor *ed, int width, size_t *first,
			size_t *end, int *cursor_x);

#endif
