/* Reading a client's INI file with inih into fixed fields, by a table of
 * keys. */
#include "clientconf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "error.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *key;
	size_t off, size;
	int path;   /* "~/" at the start means $HOME */
} keys[] = {
	{"broker", offsetof(hl_clientconf, broker), sizeof(((hl_clientconf *)0)->broker), 0},
	{"pin", offsetof(hl_clientconf, pin), sizeof(((hl_clientconf *)0)->pin), 0},
	{"user", offsetof(hl_clientconf, user), sizeof(((hl_clientconf *)0)->user), 0},
	{"password_file", offsetof(hl_clientconf, password_file),
	 sizeof(((hl_clientconf *)0)->password_file), 1},
	{"theme", offsetof(hl_clientconf, theme), sizeof(((hl_clientconf *)0)->theme), 0},
	{"queues", offsetof(hl_clientconf, queues), sizeof(((hl_clientconf *)0)->queues), 0},
	{"known_brokers", offsetof(hl_clientconf, known_brokers),
	 sizeof(((hl_clientconf *)0)->known_brokers), 1},
};

int hl_clientconf_path(const char *name, char *out, size_t cap)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int n;

	if (xdg && xdg[0])
		n = snprintf(out, cap, "%s/hotline/%s.ini", xdg, name);
	else if (home && home[0])
		n = snprintf(out, cap, "%s/.config/hotline/%s.ini", home, name);
	else
		return HL_E_NOTFOUND;
	return n < 0 || (size_t)n >= cap ? HL_E_TOOBIG : 0;
}

void hl_clientconf_init(hl_clientconf *c)
{
	memset(c, 0, sizeof *c);
}

struct parse {
	hl_clientconf *c;
	int bad_line;   /* a value too long: inih knows no such error */
	const char *what;
};

static int on_value(void *user, const char *section, const char *name, const char *value)
{
	struct parse *p = user;
	const char *home = getenv("HOME");
	char *dst;
	int n;

	(void)section;
	for (size_t i = 0; i < N(keys); i++) {
		if (strcmp(keys[i].key, name) != 0)
			continue;
		dst = (char *)p->c + keys[i].off;
		if (keys[i].path && strncmp(value, "~/", 2) == 0 && home)
			n = snprintf(dst, keys[i].size, "%s/%s", home, value + 2);
		else
			n = snprintf(dst, keys[i].size, "%s", value);
		if (n < 0 || (size_t)n >= keys[i].size) {
			dst[0] = 0;
			if (!p->bad_line) {
				p->bad_line = -1;
				p->what = keys[i].key;
			}
			return 0;
		}
		return 1;
	}
	return 1;  /* unknown keys are for other clients or newer versions */
}

int hl_clientconf_load(hl_clientconf *c, const char *path, char *err, size_t errcap)
{
	struct parse p = {.c = c};
	FILE *f = fopen(path, "r");
	int r;

	if (err && errcap)
		err[0] = 0;
	if (!f) {
		if (errno == ENOENT)
			return HL_E_NOTFOUND;
		if (err && errcap)
			snprintf(err, errcap, "%s: %s", path, strerror(errno));
		return HL_E_IO;
	}
	r = ini_parse_file(f, on_value, &p);
	fclose(f);
	if (p.bad_line && err && errcap)
		snprintf(err, errcap, "%s:%d: the value of %s is too long", path, r > 0 ? r : 0,
			 p.what);
	else if (r != 0 && err && errcap)
		snprintf(err, errcap, "%s:%d: this line does not parse (want key = value)", path, r);
	return r != 0 || p.bad_line ? HL_E_MALFORMED : 0;
}
