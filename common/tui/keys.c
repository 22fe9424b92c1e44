/* Key names both ways, lookup in a program's key table, and the help
 * overlay's lines built from that table. */
#include "keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "width.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Keys with names; the first spelling is the one shown. */
static const struct {
	int key;
	const char *name[4];
} named[] = {
	{HL_TUI_KEY_UP, {"Up"}},
	{HL_TUI_KEY_DOWN, {"Down"}},
	{HL_TUI_KEY_LEFT, {"Left"}},
	{HL_TUI_KEY_RIGHT, {"Right"}},
	{HL_TUI_KEY_HOME, {"Home"}},
	{HL_TUI_KEY_END, {"End"}},
	{HL_TUI_KEY_PGUP, {"PgUp", "PageUp", "Prior"}},
	{HL_TUI_KEY_PGDN, {"PgDn", "PageDown", "Next"}},
	{HL_TUI_KEY_INSERT, {"Ins", "Insert"}},
	{HL_TUI_KEY_DELETE, {"Del", "Delete"}},
	{HL_TUI_KEY_BACKSPACE, {"Backspace", "BS", "BSpace"}},
	{HL_TUI_KEY_ENTER, {"Enter", "Return", "RET"}},
	{HL_TUI_KEY_TAB, {"Tab"}},
	{HL_TUI_KEY_ESC, {"Esc", "Escape"}},
	{' ', {"Space", "SPC"}},
};

/* Modifier prefixes, in the order names are written. */
static const struct {
	const char *prefix;
	int mod;
} mods[] = {
	{"Ctrl-", HL_TUI_MOD_CTRL}, {"C-", HL_TUI_MOD_CTRL},
	{"^", HL_TUI_MOD_CTRL},     {"Alt-", HL_TUI_MOD_ALT},
	{"M-", HL_TUI_MOD_ALT},     {"Meta-", HL_TUI_MOD_ALT},
	{"Shift-", HL_TUI_MOD_SHIFT}, {"S-", HL_TUI_MOD_SHIFT},
};

/* Control codes a terminal sends for keys that have their own names. */
static const struct {
	int code, key;
} controls[] = {
	{0x08, HL_TUI_KEY_BACKSPACE}, {0x7F, HL_TUI_KEY_BACKSPACE},
	{0x09, HL_TUI_KEY_TAB},       {0x0A, HL_TUI_KEY_ENTER},
	{0x0D, HL_TUI_KEY_ENTER},     {0x1B, HL_TUI_KEY_ESC},
};

int hl_tui_keys_control(int c)
{
	for (size_t i = 0; i < N(controls); i++)
		if (controls[i].code == c)
			return controls[i].key;
	return c;
}

const hl_tui_key *hl_tui_keys_lookup(const hl_tui_key *t, size_t n, int key)
{
	if (key == 0)
		return NULL;  /* 0 marks headings, never a key */
	for (size_t i = 0; i < n; i++)
		if (t[i].key == key)
			return &t[i];
	return NULL;
}

/* Appends s to buf at *at, keeping a NUL; false when it does not fit. */
static bool append(char *buf, size_t size, size_t *at, const char *s)
{
	size_t len = strlen(s);

	if (*at + len + 1 > size)
		return false;
	memcpy(buf + *at, s, len + 1);
	*at += len;
	return true;
}

int hl_tui_keys_name(int key, char *buf, size_t size)
{
	int mod = key & HL_TUI_MOD_MASK, base = key & ~HL_TUI_MOD_MASK;
	char one[8];
	const char *name = NULL;
	size_t at = 0;

	if (size == 0 || key <= 0)
		return HL_E_INVALID;
	buf[0] = '\0';
	base = hl_tui_keys_control(base);
	if (base > 0 && base < 0x20) {
		mod |= HL_TUI_MOD_CTRL;
		one[0] = (char)(base + '@');  /* 1 is A, 0x1C is '\' */
		one[1] = '\0';
		name = one;
	}
	for (size_t i = 0; !name && i < N(named); i++)
		if (named[i].key == base)
			name = named[i].name[0];
	if (!name && base > HL_TUI_KEY_F0 && base <= HL_TUI_KEY_F(24)) {
		snprintf(one, sizeof one, "F%d", base - HL_TUI_KEY_F0);
		name = one;
	}
	if (!name && base > 0x20 && base != 0x7F && base < HL_TUI_KEY_SPECIAL &&
	    !(base >= 0x80 && base < 0xA0)) {
		one[hl_tui_width_encode((uint32_t)base, one)] = '\0';
		name = one;
	}
	if (!name)
		return HL_E_INVALID;
	for (size_t i = 0; i < N(mods); i++) {
		/* The first spelling of each modifier is the shown one. */
		if ((mod & mods[i].mod) && (i == 0 || mods[i - 1].mod != mods[i].mod) &&
		    !append(buf, size, &at, mods[i].prefix))
			return HL_E_TOOBIG;
	}
	if (!append(buf, size, &at, name))
		return HL_E_TOOBIG;
	return (int)at;
}

int hl_tui_keys_entry_name(const hl_tui_key *e, char *buf, size_t size)
{
	size_t at = 0;

	if (e->name) {
		if (size == 0)
			return HL_E_INVALID;
		buf[0] = '\0';
		return append(buf, size, &at, e->name) ? (int)at : HL_E_TOOBIG;
	}
	return hl_tui_keys_name(e->key, buf, size);
}

/* Returns the base key a name without modifiers stands for, or -1. */
static int parse_base(const char *p)
{
	uint32_t cp;
	size_t len = strlen(p), n;

	for (size_t i = 0; i < N(named); i++)
		for (size_t j = 0; j < N(named[i].name) && named[i].name[j]; j++)
			if (strcasecmp(p, named[i].name[j]) == 0)
				return named[i].key;
	if ((p[0] == 'F' || p[0] == 'f') && p[1] >= '1' && p[1] <= '9') {
		char *end;
		long f = strtol(p + 1, &end, 10);
		if (*end == '\0' && f >= 1 && f <= 24)
			return HL_TUI_KEY_F((int)f);
	}
	n = hl_tui_width_decode(p, len, &cp);
	if (n == 0 || n != len || cp == HL_TUI_REPLACEMENT || cp <= 0x20 ||
	    cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
		return -1;
	return (int)cp;
}

int hl_tui_keys_parse(const char *name)
{
	const char *p = name;
	int mod = 0, key;
	bool again = true;

	if (!name)
		return HL_E_INVALID;
	while (again) {
		again = false;
		for (size_t i = 0; i < N(mods); i++) {
			size_t len = strlen(mods[i].prefix);
			if (strncasecmp(p, mods[i].prefix, len) == 0 && p[len]) {
				mod |= mods[i].mod;
				p += len;
				again = true;
				break;
			}
		}
	}
	key = parse_base(p);
	if (key < 0)
		return HL_E_INVALID;
	if ((mod & HL_TUI_MOD_SHIFT) && key < HL_TUI_KEY_SPECIAL) {
		/* Shift with a letter is the capital; with a symbol the
		 * terminal sends the shifted symbol itself, unknown here. */
		if (key >= 'a' && key <= 'z')
			key -= 'a' - 'A';
		else if (!(key >= 'A' && key <= 'Z'))
			return HL_E_INVALID;
		mod &= ~HL_TUI_MOD_SHIFT;
	}
	if ((mod & HL_TUI_MOD_CTRL) && key < HL_TUI_KEY_SPECIAL) {
		/* A terminal sends Ctrl with a letter (or @[\]^_) as a C0
		 * code; Ctrl with anything else never reaches us. */
		if (key >= 'a' && key <= 'z')
			key -= 'a' - 'A';
		if (key < '@' || key > '_')
			return HL_E_INVALID;
		key = hl_tui_keys_control(HL_TUI_CTRL(key));
		if (key == 0)
			return HL_E_INVALID;
		mod &= ~HL_TUI_MOD_CTRL;
	}
	return key | mod;
}

int hl_tui_keys_check(const hl_tui_key *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; t[i].key && j < i; j++)
			if (t[j].key == t[i].key)
				return (int)i;
	return -1;
}

void hl_tui_keys_help_free(hl_tui_help_line *lines, size_t count)
{
	if (!lines)
		return;
	for (size_t i = 0; i < count; i++)
		free(lines[i].text);
	free(lines);
}

/* Stores a copy of text as the next line; false when memory runs out. */
static bool add_line(hl_tui_help_line *lines, size_t *count, const char *text,
		     bool heading)
{
	char *copy = strdup(text ? text : "");

	if (!copy)
		return false;
	lines[*count].text = copy;
	lines[*count].heading = heading;
	(*count)++;
	return true;
}

int hl_tui_keys_help(const hl_tui_key *t, size_t n, hl_tui_help_line **lines,
		     size_t *count)
{
	char name[64], padded[256], line[1024];
	int namew = 0;
	size_t k = 0;
	hl_tui_help_line *out;

	*lines = NULL;
	*count = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i].key && hl_tui_keys_entry_name(&t[i], name, sizeof name) >= 0) {
			int w = hl_tui_width_str(name);
			namew = w > namew ? w : namew;
		}
	}
	/* At most two lines per entry: a blank line before a heading. */
	out = calloc(2 * n + 1, sizeof *out);
	if (!out)
		return HL_E_NOMEM;
	for (size_t i = 0; i < n; i++) {
		bool ok;
		if (!t[i].key) {
			ok = (k == 0 || add_line(out, &k, "", false)) &&
			     add_line(out, &k, t[i].help, true);
		} else {
			if (hl_tui_keys_entry_name(&t[i], name, sizeof name) < 0)
				name[0] = '\0';
			hl_tui_width_pad(name, namew, HL_TUI_ALIGN_LEFT, padded,
					 sizeof padded);
			snprintf(line, sizeof line, "  %s  %s", padded,
				 t[i].help ? t[i].help : "");
			ok = add_line(out, &k, line, false);
		}
		if (!ok) {
			hl_tui_keys_help_free(out, k);
			return HL_E_NOMEM;
		}
	}
	*lines = out;
	*count = k;
	return 0;
}
