/* Semantic roles (header, value-warn, state-available…) and the themes
 * that map them to colours and attributes, read from INI files. */
#ifndef HL_TUI_THEME_H
#define HL_TUI_THEME_H

#include <stdbool.h>
#include <stddef.h>

/* Roles: what a piece of the screen means, never its colour. Add new
 * roles before HL_TUI_ROLE_COUNT and give them a name in theme.c. */
enum {
	HL_TUI_ROLE_NORMAL,
	HL_TUI_ROLE_HEADER,
	HL_TUI_ROLE_TITLE,
	HL_TUI_ROLE_STATUS,
	HL_TUI_ROLE_VALUE,
	HL_TUI_ROLE_VALUE_WARN,
	HL_TUI_ROLE_VALUE_BAD,
	HL_TUI_ROLE_STATE_AVAILABLE,
	HL_TUI_ROLE_STATE_NOT_READY,
	HL_TUI_ROLE_STATE_WRAPUP,
	HL_TUI_ROLE_STATE_OFFLINE,
	HL_TUI_ROLE_STATE_BUSY,
	HL_TUI_ROLE_OFFER,
	HL_TUI_ROLE_UNREAD,
	HL_TUI_ROLE_WHISPER,
	HL_TUI_ROLE_SYSTEM,
	HL_TUI_ROLE_CUSTOMER,
	HL_TUI_ROLE_AGENT,
	HL_TUI_ROLE_SELECTED,
	HL_TUI_ROLE_BORDER,
	HL_TUI_ROLE_KEYBAR,
	HL_TUI_ROLE_KEYBAR_KEY,
	HL_TUI_ROLE_KEYBAR_LABEL,
	HL_TUI_ROLE_TOAST_INFO,
	HL_TUI_ROLE_TOAST_WARN,
	HL_TUI_ROLE_TOAST_ERROR,
	HL_TUI_ROLE_DIALOG,
	HL_TUI_ROLE_DIALOG_BUTTON,
	HL_TUI_ROLE_MENU,
	HL_TUI_ROLE_MENU_HOTKEY,
	HL_TUI_ROLE_INPUT,
	HL_TUI_ROLE_MUTED,
	HL_TUI_ROLE_DISABLED,
	HL_TUI_ROLE_TIMESTAMP,
	HL_TUI_ROLE_HELP_HEADING,
	HL_TUI_ROLE_SEARCH_MATCH,
	HL_TUI_ROLE_LINK,
	HL_TUI_ROLE_ERROR,
	HL_TUI_ROLE_COUNT
};

/* Attributes, or-ed; the curses side maps them to A_* by a table. */
enum {
	HL_TUI_ATTR_BOLD = 1 << 0,
	HL_TUI_ATTR_UNDERLINE = 1 << 1,
	HL_TUI_ATTR_REVERSE = 1 << 2,
	HL_TUI_ATTR_DIM = 1 << 3,
	HL_TUI_ATTR_ITALIC = 1 << 4,
};

#define HL_TUI_COLOR_DEFAULT (-1)   /* the terminal's own colour */

/* How one role looks: colours for 256-colour terminals and for 8-colour
 * ones (0..7), HL_TUI_COLOR_DEFAULT for the terminal's default. */
typedef struct hl_tui_style {
	short fg, bg, fg8, bg8;
	unsigned attr;
} hl_tui_style;

typedef struct hl_tui_theme {
	char name[64];
	bool mono;   /* no colours at all: attributes only */
	hl_tui_style role[HL_TUI_ROLE_COUNT];
} hl_tui_theme;

/* Returns the name of role ("value-warn"), or NULL when out of range. */
const char *hl_tui_theme_role_name(int role);

/* Returns the role named name, or HL_E_NOTFOUND. */
int hl_tui_theme_role_parse(const char *name);

/* Fills t with the built-in default theme (the same as themes/dark). */
void hl_tui_theme_default(hl_tui_theme *t);

/* Fills t with the built-in monochrome theme (themes/monochrome): used
 * for NO_COLOR and for terminals without colours. */
void hl_tui_theme_monochrome(hl_tui_theme *t);

/* Parses a colour: a name ("default", "red", "bright-blue", "grey"), a
 * number 0..255 or "#rrggbb" (taken to the nearest of the 256). Returns
 * 0 and sets *out, or HL_E_INVALID. */
int hl_tui_theme_color_parse(const char *s, short *out);

/* Parses attributes: words from bold, underline, reverse, dim, italic
 * and none, separated by spaces, commas or '+'. Returns 0 and sets
 * *out, or HL_E_INVALID. */
int hl_tui_theme_attr_parse(const char *s, unsigned *out);

/* Returns the 256-palette colour nearest to r, g, b (each 0..255). */
int hl_tui_theme_rgb_to_256(int r, int g, int b);

/* Returns the colour among 0..7 nearest to 256-palette colour c, or c
 * when it is HL_TUI_COLOR_DEFAULT. */
int hl_tui_theme_to_8(int c);

/* Parses the theme file text[0..len) named fname (used in messages).
 * Each [role] section sets that role's style wholly (keys fg, bg, fg8,
 * bg8, attr; fg8/bg8 default to the nearest 8-colour of fg/bg, fg/bg to
 * fg8/bg8); roles without a section keep the built-in default's; the
 * [theme] section holds name and description. On success returns 0.
 * On any problem writes "FILE:LINE: problem" into err (if errlen > 0),
 * fills t with the built-in default theme and returns HL_E_MALFORMED. */
int hl_tui_theme_parse(hl_tui_theme *t, const char *text, size_t len,
		       const char *fname, char *err, size_t errlen);

/* Reads and parses the theme file at path, as hl_tui_theme_parse; a file
 * that cannot be read gives HL_E_IO, "PATH: reason" and the default. */
int hl_tui_theme_load(hl_tui_theme *t, const char *path, char *err,
		      size_t errlen);

/* Returns the name of the theme to use: "monochrome" when no_color (the
 * value of $NO_COLOR) is set and not empty, else requested, else "dark". */
const char *hl_tui_theme_pick(const char *requested, const char *no_color);

/* Finds the file of the theme called name: a name with a '/' is a path;
 * otherwise NAME.theme is looked for in CONFIG_HOME/hotline/themes
 * (config_home is $XDG_CONFIG_HOME, or NULL), then in the installed
 * directory (HL_THEME_INSTALL_DIR), then in the source tree's themes/
 * (HL_THEME_DIR). Writes the path into out and returns 0, or returns
 * HL_E_NOTFOUND. */
int hl_tui_theme_find(const char *name, const char *config_home, char *out,
		      size_t outlen);

/* What a program calls once: picks the theme (hl_tui_theme_pick), finds
 * and loads it. "monochrome" and "dark" work without files. Always
 * leaves a usable theme in t; returns 0, or a negative code with the
 * reason in err, and t holds the built-in default then. */
int hl_tui_theme_open(hl_tui_theme *t, const char *requested,
		      const char *no_color, const char *config_home,
		      char *err, size_t errlen);

#endif
