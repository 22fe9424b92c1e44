/* Themes: the role names, the built-in dark and monochrome themes, and
 * the INI theme files (read with inih) that map roles to colours. */
#include "theme.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <ini.h>

#include "error.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define D HL_TUI_COLOR_DEFAULT
#define B HL_TUI_ATTR_BOLD
#define U HL_TUI_ATTR_UNDERLINE
#define R HL_TUI_ATTR_REVERSE
#define M HL_TUI_ATTR_DIM
#define I HL_TUI_ATTR_ITALIC

#ifndef HL_THEME_DIR
#define HL_THEME_DIR "themes"
#endif
#ifndef HL_THEME_INSTALL_DIR
#define HL_THEME_INSTALL_DIR "/usr/local/share/hotline/themes"
#endif
#define MAX_FILE (256 * 1024)   /* a theme is a few kB; refuse junk */

static const char *const role_names[HL_TUI_ROLE_COUNT] = {
	[HL_TUI_ROLE_NORMAL] = "normal",
	[HL_TUI_ROLE_HEADER] = "header",
	[HL_TUI_ROLE_TITLE] = "title",
	[HL_TUI_ROLE_STATUS] = "status",
	[HL_TUI_ROLE_VALUE] = "value",
	[HL_TUI_ROLE_VALUE_WARN] = "value-warn",
	[HL_TUI_ROLE_VALUE_BAD] = "value-bad",
	[HL_TUI_ROLE_STATE_AVAILABLE] = "state-available",
	[HL_TUI_ROLE_STATE_NOT_READY] = "state-not-ready",
	[HL_TUI_ROLE_STATE_WRAPUP] = "state-wrapup",
	[HL_TUI_ROLE_STATE_OFFLINE] = "state-offline",
	[HL_TUI_ROLE_STATE_BUSY] = "state-busy",
	[HL_TUI_ROLE_OFFER] = "offer",
	[HL_TUI_ROLE_UNREAD] = "unread",
	[HL_TUI_ROLE_WHISPER] = "whisper",
	[HL_TUI_ROLE_SYSTEM] = "system",
	[HL_TUI_ROLE_CUSTOMER] = "customer",
	[HL_TUI_ROLE_AGENT] = "agent",
	[HL_TUI_ROLE_SELECTED] = "selected",
	[HL_TUI_ROLE_BORDER] = "border",
	[HL_TUI_ROLE_KEYBAR] = "keybar",
	[HL_TUI_ROLE_KEYBAR_KEY] = "keybar-key",
	[HL_TUI_ROLE_KEYBAR_LABEL] = "keybar-label",
	[HL_TUI_ROLE_TOAST_INFO] = "toast-info",
	[HL_TUI_ROLE_TOAST_WARN] = "toast-warn",
	[HL_TUI_ROLE_TOAST_ERROR] = "toast-error",
	[HL_TUI_ROLE_DIALOG] = "dialog",
	[HL_TUI_ROLE_DIALOG_BUTTON] = "dialog-button",
	[HL_TUI_ROLE_MENU] = "menu",
	[HL_TUI_ROLE_MENU_HOTKEY] = "menu-hotkey",
	[HL_TUI_ROLE_INPUT] = "input",
	[HL_TUI_ROLE_MUTED] = "muted",
	[HL_TUI_ROLE_DISABLED] = "disabled",
	[HL_TUI_ROLE_TIMESTAMP] = "timestamp",
	[HL_TUI_ROLE_HELP_HEADING] = "help-heading",
	[HL_TUI_ROLE_SEARCH_MATCH] = "search-match",
	[HL_TUI_ROLE_LINK] = "link",
	[HL_TUI_ROLE_ERROR] = "error",
};

/* The built-in default; themes/dark.theme says the same (a test checks). */
static const hl_tui_style dark[HL_TUI_ROLE_COUNT] = {
	[HL_TUI_ROLE_NORMAL] = {D, D, D, D, 0},
	[HL_TUI_ROLE_HEADER] = {231, 24, 7, 4, B},
	[HL_TUI_ROLE_TITLE] = {117, D, 6, D, B},
	[HL_TUI_ROLE_STATUS] = {252, 236, 0, 7, 0},
	[HL_TUI_ROLE_VALUE] = {255, D, 7, D, B},
	[HL_TUI_ROLE_VALUE_WARN] = {214, D, 3, D, B},
	[HL_TUI_ROLE_VALUE_BAD] = {196, D, 1, D, B},
	[HL_TUI_ROLE_STATE_AVAILABLE] = {46, D, 2, D, 0},
	[HL_TUI_ROLE_STATE_NOT_READY] = {208, D, 3, D, 0},
	[HL_TUI_ROLE_STATE_WRAPUP] = {81, D, 6, D, 0},
	[HL_TUI_ROLE_STATE_OFFLINE] = {244, D, 7, D, M},
	[HL_TUI_ROLE_STATE_BUSY] = {171, D, 5, D, 0},
	[HL_TUI_ROLE_OFFER] = {16, 220, 0, 3, B},
	[HL_TUI_ROLE_UNREAD] = {220, D, 3, D, B},
	[HL_TUI_ROLE_WHISPER] = {177, D, 5, D, I},
	[HL_TUI_ROLE_SYSTEM] = {244, D, 6, D, I},
	[HL_TUI_ROLE_CUSTOMER] = {153, D, 6, D, 0},
	[HL_TUI_ROLE_AGENT] = {150, D, 2, D, 0},
	[HL_TUI_ROLE_SELECTED] = {231, 25, 7, 4, B},
	[HL_TUI_ROLE_BORDER] = {240, D, 7, D, 0},
	[HL_TUI_ROLE_KEYBAR] = {250, 235, 7, 0, 0},
	[HL_TUI_ROLE_KEYBAR_KEY] = {16, 117, 0, 6, B},
	[HL_TUI_ROLE_KEYBAR_LABEL] = {250, 235, 7, 0, 0},
	[HL_TUI_ROLE_TOAST_INFO] = {16, 117, 0, 6, 0},
	[HL_TUI_ROLE_TOAST_WARN] = {16, 214, 0, 3, B},
	[HL_TUI_ROLE_TOAST_ERROR] = {231, 160, 7, 1, B},
	[HL_TUI_ROLE_DIALOG] = {252, 237, 7, 4, 0},
	[HL_TUI_ROLE_DIALOG_BUTTON] = {252, 240, 0, 7, 0},
	[HL_TUI_ROLE_MENU] = {252, 237, 7, 4, 0},
	[HL_TUI_ROLE_MENU_HOTKEY] = {214, 237, 3, 4, B},
	[HL_TUI_ROLE_INPUT] = {255, 235, 7, 0, 0},
	[HL_TUI_ROLE_MUTED] = {244, D, 7, D, M},
	[HL_TUI_ROLE_DISABLED] = {242, D, 7, D, M},
	[HL_TUI_ROLE_TIMESTAMP] = {242, D, 7, D, M},
	[HL_TUI_ROLE_HELP_HEADING] = {117, D, 6, D, B | U},
	[HL_TUI_ROLE_SEARCH_MATCH] = {16, 228, 0, 3, 0},
	[HL_TUI_ROLE_LINK] = {75, D, 4, D, U},
	[HL_TUI_ROLE_ERROR] = {203, D, 1, D, B},
};

/* Attributes only: for NO_COLOR and terminals without colours. */
static const unsigned mono[HL_TUI_ROLE_COUNT] = {
	[HL_TUI_ROLE_HEADER] = R | B,
	[HL_TUI_ROLE_TITLE] = B,
	[HL_TUI_ROLE_STATUS] = R,
	[HL_TUI_ROLE_VALUE] = B,
	[HL_TUI_ROLE_VALUE_WARN] = B | U,
	[HL_TUI_ROLE_VALUE_BAD] = B | R,
	[HL_TUI_ROLE_STATE_AVAILABLE] = B,
	[HL_TUI_ROLE_STATE_NOT_READY] = U,
	[HL_TUI_ROLE_STATE_OFFLINE] = M,
	[HL_TUI_ROLE_STATE_BUSY] = B | U,
	[HL_TUI_ROLE_OFFER] = R | B,
	[HL_TUI_ROLE_UNREAD] = B,
	[HL_TUI_ROLE_WHISPER] = I,
	[HL_TUI_ROLE_SYSTEM] = M,
	[HL_TUI_ROLE_AGENT] = B,
	[HL_TUI_ROLE_SELECTED] = R,
	[HL_TUI_ROLE_KEYBAR_KEY] = R | B,
	[HL_TUI_ROLE_TOAST_INFO] = R,
	[HL_TUI_ROLE_TOAST_WARN] = R | B,
	[HL_TUI_ROLE_TOAST_ERROR] = R | B | U,
	[HL_TUI_ROLE_MENU_HOTKEY] = U,
	[HL_TUI_ROLE_INPUT] = U,
	[HL_TUI_ROLE_MUTED] = M,
	[HL_TUI_ROLE_DISABLED] = M,
	[HL_TUI_ROLE_TIMESTAMP] = M,
	[HL_TUI_ROLE_HELP_HEADING] = B | U,
	[HL_TUI_ROLE_SEARCH_MATCH] = R | U,
	[HL_TUI_ROLE_LINK] = U,
	[HL_TUI_ROLE_ERROR] = B,
};

static const struct {
	const char *name;
	short color;
} color_names[] = {
	{"default", D},  {"black", 0},         {"red", 1},
	{"green", 2},    {"yellow", 3},        {"blue", 4},
	{"magenta", 5},  {"cyan", 6},          {"white", 7},
	{"grey", 8},     {"gray", 8},          {"bright-black", 8},
	{"bright-red", 9}, {"bright-green", 10}, {"bright-yellow", 11},
	{"bright-blue", 12}, {"bright-magenta", 13}, {"bright-cyan", 14},
	{"bright-white", 15},
};

static const struct {
	const char *name;
	unsigned attr;
} attr_names[] = {
	{"none", 0}, {"bold", B}, {"underline", U}, {"reverse", R},
	{"dim", M},  {"italic", I},
};

/* xterm's first 16 colours, for finding the nearest of the 8. */
static const unsigned char basic_rgb[16][3] = {
	{0, 0, 0},       {205, 0, 0},     {0, 205, 0},     {205, 205, 0},
	{0, 0, 238},     {205, 0, 205},   {0, 205, 205},   {229, 229, 229},
	{127, 127, 127}, {255, 0, 0},     {0, 255, 0},     {255, 255, 0},
	{92, 92, 255},   {255, 0, 255},   {0, 255, 255},   {255, 255, 255},
};

static const int cube[6] = {0, 95, 135, 175, 215, 255};

const char *hl_tui_theme_role_name(int role)
{
	if (role < 0 || role >= HL_TUI_ROLE_COUNT)
		return NULL;
	return role_names[role];
}

int hl_tui_theme_role_parse(const char *name)
{
	for (int i = 0; name && i < HL_TUI_ROLE_COUNT; i++)
		if (strcasecmp(name, role_names[i]) == 0)
			return i;
	return HL_E_NOTFOUND;
}

void hl_tui_theme_default(hl_tui_theme *t)
{
	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "dark");
	memcpy(t->role, dark, sizeof dark);
}

void hl_tui_theme_monochrome(hl_tui_theme *t)
{
	memset(t, 0, sizeof *t);
	snprintf(t->name, sizeof t->name, "monochrome");
	t->mono = true;
	for (int i = 0; i < HL_TUI_ROLE_COUNT; i++)
		t->role[i] = (hl_tui_style){D, D, D, D, mono[i]};
}

/* Red, green, blue of 256-palette colour c. */
static void rgb_of(int c, int rgb[3])
{
	if (c < 16) {
		for (int k = 0; k < 3; k++)
			rgb[k] = basic_rgb[c][k];
	} else if (c < 232) {
		c -= 16;
		rgb[0] = cube[c / 36], rgb[1] = cube[c / 6 % 6], rgb[2] = cube[c % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + (c - 232) * 10;
	}
}

static int dist(const int a[3], int r, int g, int b)
{
	return (a[0] - r) * (a[0] - r) + (a[1] - g) * (a[1] - g) +
	       (a[2] - b) * (a[2] - b);
}

/* Index of the cube level nearest to v (as tmux's colour_find_rgb). */
static int cube_index(int v)
{
	if (v < 48)
		return 0;
	if (v < 114)
		return 1;
	return (v - 35) / 40;
}

int hl_tui_theme_rgb_to_256(int r, int g, int b)
{
	int ri = cube_index(r), gi = cube_index(g), bi = cube_index(b);
	int c = 16 + 36 * ri + 6 * gi + bi, avg = (r + g + b) / 3;
	int gray = avg > 238 ? 23 : (avg - 3) / 10, crgb[3], grgb[3];

	if (gray < 0)
		gray = 0;
	/* Exact cube match, else whichever of the cube colour and the grey
	 * ramp is nearer. */
	if (cube[ri] == r && cube[gi] == g && cube[bi] == b)
		return c;
	rgb_of(c, crgb);
	rgb_of(232 + gray, grgb);
	return dist(grgb, r, g, b) < dist(crgb, r, g, b) ? 232 + gray : c;
}

int hl_tui_theme_to_8(int c)
{
	int rgb[3], best = 0, bestd = -1;

	if (c < 0 || c > 255)
		return D;
	if (c < 8)
		return c;
	rgb_of(c, rgb);
	for (int i = 0; i < 8; i++) {
		int d = dist(rgb, basic_rgb[i][0], basic_rgb[i][1], basic_rgb[i][2]);
		if (bestd < 0 || d < bestd)
			best = i, bestd = d;
	}
	return best;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int hl_tui_theme_color_parse(const char *s, short *out)
{
	if (!s || !*s)
		return HL_E_INVALID;
	for (size_t i = 0; i < N(color_names); i++) {
		if (strcasecmp(s, color_names[i].name) == 0) {
			*out = color_names[i].color;
			return 0;
		}
	}
	if (s[0] == '#') {
		int v[6];
		if (strlen(s) != 7)
			return HL_E_INVALID;
		for (int i = 0; i < 6; i++)
			if ((v[i] = hexval(s[i + 1])) < 0)
				return HL_E_INVALID;
		*out = (short)hl_tui_theme_rgb_to_256(v[0] * 16 + v[1],
						      v[2] * 16 + v[3],
						      v[4] * 16 + v[5]);
		return 0;
	}
	if (s[0] >= '0' && s[0] <= '9') {
		char *end;
		long n = strtol(s, &end, 10);
		if (*end || n > 255)
			return HL_E_INVALID;
		*out = (short)n;
		return 0;
	}
	return HL_E_INVALID;
}

int hl_tui_theme_attr_parse(const char *s, unsigned *out)
{
	unsigned attr = 0;
	const char *p = s;

	if (!s)
		return HL_E_INVALID;
	while (*p) {
		size_t len = strcspn(p, " \t,+"), i;
		if (len == 0) {
			p++;
			continue;
		}
		for (i = 0; i < N(attr_names); i++)
			if (strlen(attr_names[i].name) == len &&
			    strncasecmp(p, attr_names[i].name, len) == 0)
				break;
		if (i == N(attr_names))
			return HL_E_INVALID;
		attr |= attr_names[i].attr;
		p += len;
	}
	*out = attr;
	return 0;
}

/* Which of a role's colour keys a file gave, to compute the others. */
enum { GOT_FG = 1, GOT_BG = 2, GOT_FG8 = 4, GOT_BG8 = 8, GOT_ANY = 16 };

struct parse {
	hl_tui_theme *t;
	const char *text, *fname;
	size_t len, pos;
	int line;
	bool failed, too_long;
	char *err;
	size_t errlen;
	unsigned got[HL_TUI_ROLE_COUNT];
};

/* Records the first problem as "FILE:LINE: problem". */
static int fail(struct parse *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int fail(struct parse *p, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->failed || p->errlen == 0) {
		p->failed = true;
		return 0;
	}
	p->failed = true;
	n = snprintf(p->err, p->errlen, "%s:%d: ", p->fname, p->line);
	if (n >= 0 && (size_t)n < p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return 0;  /* tells inih this line is bad */
}

/* inih's line reader over our buffer: counting lines here is how the
 * handler knows its line number (Debian's inih does not pass it). */
static char *read_line(char *str, int num, void *stream)
{
	struct parse *p = stream;
	size_t i = 0;

	if (p->pos >= p->len || num < 2)
		return NULL;
	while (p->pos < p->len && i + 1 < (size_t)num) {
		char c = p->text[p->pos++];
		str[i++] = c;
		if (c == '\n')
			break;
	}
	str[i] = '\0';
	p->line++;
	if (str[i - 1] != '\n' && p->pos < p->len) {
		/* Longer than inih's line buffer: skip the rest and say so
		 * rather than parse a fragment as the next line. */
		while (p->pos < p->len && p->text[p->pos++] != '\n')
			;
		if (!p->failed)
			fail(p, "line too long");
		str[0] = '\0';
	}
	return str;
}

static int on_theme_key(struct parse *p, const char *key, const char *value)
{
	if (strcmp(key, "name") == 0) {
		snprintf(p->t->name, sizeof p->t->name, "%s", value);
		return 1;
	}
	if (strcmp(key, "description") == 0)
		return 1;
	return fail(p, "unknown key '%s' in [theme] (use name or description)",
		    key);
}

static int on_value(void *user, const char *section, const char *key,
		    const char *value)
{
	struct parse *p = user;
	hl_tui_style *st;
	int role;
	short c;

	if (strcmp(section, "theme") == 0)
		return on_theme_key(p, key, value);
	if (!*section)
		return fail(p, "'%s' is outside a [role] section", key);
	role = hl_tui_theme_role_parse(section);
	if (role < 0)
		return fail(p, "unknown role [%s]", section);
	st = &p->t->role[role];
	if (!(p->got[role] & GOT_ANY)) {
		/* A section defines its role wholly: start from nothing. */
		*st = (hl_tui_style){D, D, D, D, 0};
		p->got[role] |= GOT_ANY;
	}
	static const struct {
		const char *key;
		size_t off;
		unsigned got;
		bool eight;
	} colour_keys[] = {
		{"fg", offsetof(hl_tui_style, fg), GOT_FG, false},
		{"bg", offsetof(hl_tui_style, bg), GOT_BG, false},
		{"fg8", offsetof(hl_tui_style, fg8), GOT_FG8, true},
		{"bg8", offsetof(hl_tui_style, bg8), GOT_BG8, true},
	};
	for (size_t i = 0; i < N(colour_keys); i++) {
		if (strcmp(key, colour_keys[i].key))
			continue;
		if (hl_tui_theme_color_parse(value, &c) < 0)
			return fail(p, "bad colour '%s' for %s (use a name, "
				    "0-255 or #rrggbb)", value, key);
		if (colour_keys[i].eight && c > 7)
			return fail(p, "%s must be one of the 8 basic colours "
				    "(0-7 or a name), not '%s'", key, value);
		*(short *)((char *)st + colour_keys[i].off) = c;
		p->got[role] |= colour_keys[i].got;
		return 1;
	}
	if (strcmp(key, "attr") == 0) {
		if (hl_tui_theme_attr_parse(value, &st->attr) < 0)
			return fail(p, "bad attribute in '%s' (use bold, "
				    "underline, reverse, dim, italic or none)",
				    value);
		return 1;
	}
	return fail(p, "unknown key '%s' in [%s] (use fg, bg, fg8, bg8 or attr)",
		    key, section);
}

/* Fills in the colours a section left out from the ones it gave. */
static void fall_back(struct parse *p)
{
	for (int r = 0; r < HL_TUI_ROLE_COUNT; r++) {
		hl_tui_style *st = &p->t->role[r];
		unsigned got = p->got[r];
		if ((got & GOT_FG) && !(got & GOT_FG8))
			st->fg8 = (short)hl_tui_theme_to_8(st->fg);
		if ((got & GOT_FG8) && !(got & GOT_FG))
			st->fg = st->fg8;
		if ((got & GOT_BG) && !(got & GOT_BG8))
			st->bg8 = (short)hl_tui_theme_to_8(st->bg);
		if ((got & GOT_BG8) && !(got & GOT_BG))
			st->bg = st->bg8;
	}
}

/* A theme whose every colour is the default is monochrome. */
static bool is_mono(const hl_tui_theme *t)
{
	for (int r = 0; r < HL_TUI_ROLE_COUNT; r++) {
		const hl_tui_style *s = &t->role[r];
		if (s->fg != D || s->bg != D || s->fg8 != D || s->bg8 != D)
			return false;
	}
	return true;
}

int hl_tui_theme_parse(hl_tui_theme *t, const char *text, size_t len,
		       const char *fname, char *err, size_t errlen)
{
	struct parse p = {
		.t = t, .text = text, .fname = fname ? fname : "(theme)",
		.len = text ? len : 0, .err = err, .errlen = errlen,
	};
	int r;

	if (errlen)
		err[0] = '\0';
	hl_tui_theme_default(t);
	t->name[0] = '\0';
	r = ini_parse_stream(read_line, &p, on_value, &p);
	if (r != 0 && !p.failed) {
		/* inih found a line it cannot parse before our handler did. */
		p.line = r > 0 ? r : p.line;
		fail(&p, r > 0 ? "expected [role] or key = value"
			       : "out of memory");
	}
	if (p.failed) {
		hl_tui_theme_default(t);
		return HL_E_MALFORMED;
	}
	fall_back(&p);
	t->mono = is_mono(t);
	if (!t->name[0])
		snprintf(t->name, sizeof t->name, "%s", p.fname);
	return 0;
}

int hl_tui_theme_load(hl_tui_theme *t, const char *path, char *err,
		      size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	int r;

	if (!f) {
		if (errlen)
			snprintf(err, errlen, "%s: cannot read the theme: %s",
				 path, strerror(errno));
		hl_tui_theme_default(t);
		return HL_E_IO;
	}
	buf = malloc(MAX_FILE + 1);
	if (!buf) {
		fclose(f);
		if (errlen)
			snprintf(err, errlen, "%s: out of memory", path);
		hl_tui_theme_default(t);
		return HL_E_NOMEM;
	}
	n = fread(buf, 1, MAX_FILE + 1, f);
	fclose(f);
	if (n > MAX_FILE) {
		if (errlen)
			snprintf(err, errlen, "%s: larger than %d bytes: not a "
				 "theme file", path, MAX_FILE);
		free(buf);
		hl_tui_theme_default(t);
		return HL_E_TOOBIG;
	}
	r = hl_tui_theme_parse(t, buf, n, path, err, errlen);
	free(buf);
	return r;
}

const char *hl_tui_theme_pick(const char *requested, const char *no_color)
{
	/* no-color.org: present and not empty means no colour. */
	if (no_color && *no_color)
		return "monochrome";
	return requested && *requested ? requested : "dark";
}

int hl_tui_theme_find(const char *name, const char *config_home, char *out,
		      size_t outlen)
{
	char dirs[3][1024];
	size_t nd = 0;

	if (!name || !*name || outlen == 0)
		return HL_E_NOTFOUND;
	if (strchr(name, '/')) {
		if (access(name, R_OK) != 0)
			return HL_E_NOTFOUND;
		snprintf(out, outlen, "%s", name);
		return 0;
	}
	if (config_home && *config_home)
		snprintf(dirs[nd++], sizeof dirs[0], "%s/hotline/themes",
			 config_home);
	snprintf(dirs[nd++], sizeof dirs[0], "%s", HL_THEME_INSTALL_DIR);
	snprintf(dirs[nd++], sizeof dirs[0], "%s", HL_THEME_DIR);
	for (size_t i = 0; i < nd; i++) {
		int n = snprintf(out, outlen, "%s/%s.theme", dirs[i], name);
		if (n > 0 && (size_t)n < outlen && access(out, R_OK) == 0)
			return 0;
	}
	out[0] = '\0';
	return HL_E_NOTFOUND;
}

int hl_tui_theme_open(hl_tui_theme *t, const char *requested,
		      const char *no_color, const char *config_home,
		      char *err, size_t errlen)
{
	const char *name = hl_tui_theme_pick(requested, no_color);
	char path[1100];

	if (errlen)
		err[0] = '\0';
	if (hl_tui_theme_find(name, config_home, path, sizeof path) == 0)
		return hl_tui_theme_load(t, path, err, errlen);
	/* The two themes a program must always have are built in. */
	if (strcmp(name, "monochrome") == 0) {
		hl_tui_theme_monochrome(t);
		return 0;
	}
	hl_tui_theme_default(t);
	if (strcmp(name, "dark") == 0)
		return 0;
	if (errlen)
		snprintf(err, errlen, "theme '%s' not found (looked for %s.theme "
			 "in the themes folders); using the default", name, name);
	return HL_E_NOTFOUND;
}
