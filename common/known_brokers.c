/* The known-brokers file: looking a broker's URL up and trusting a new key,
 * the file a client's trust-on-first-use rests on. */
#include "known_brokers.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

int hl_known_brokers_path(char *out, size_t cap)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	int n;

	if (xdg && xdg[0])
		n = snprintf(out, cap, "%s/hotline/known_brokers", xdg);
	else if (home && home[0])
		n = snprintf(out, cap, "%s/.config/hotline/known_brokers", home);
	else
		return HL_E_NOTFOUND;
	return n < 0 || (size_t)n >= cap ? HL_E_TOOBIG : 0;
}

/* One word: printable ASCII without spaces, so a line splits one way. */
static int one_word(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ' || (unsigned char)*s >= 0x7F)
			return 0;
	return 1;
}

int hl_known_brokers_find(const char *path, const char *url, char *fp, size_t cap)
{
	char line[HL_KNOWN_BROKERS_LINE];
	FILE *f = fopen(path, "r");
	int rc = HL_E_NOTFOUND;

	if (!f)
		return errno == ENOENT || errno == ENOTDIR ? HL_E_NOTFOUND : HL_E_IO;
	while (fgets(line, sizeof line, f)) {
		char *save = NULL, *u, *k;
		size_t len = strlen(line);
		if (len == sizeof line - 1 && line[len - 1] != '\n') {
			/* Too long to be ours: skip the rest of it. */
			int c;
			while ((c = fgetc(f)) != EOF && c != '\n')
				;
			continue;
		}
		if (line[0] == '#')
			continue;
		u = strtok_r(line, " \t\r\n", &save);
		k = u ? strtok_r(NULL, " \t\r\n", &save) : NULL;
		if (!u || !k || strcmp(u, url) != 0)
			continue;
		if (strlen(k) >= cap) {
			rc = HL_E_TOOBIG;
		} else {
			memcpy(fp, k, strlen(k) + 1);
			rc = 0;
		}
		break;
	}
	fclose(f);
	return rc;
}

/* Creates the folder holding path (one level, as XDG's hotline/ is, plus
 * its parent), private to the user. */
static void make_parent(const char *path)
{
	char dir[4096];
	char *slash;

	snprintf(dir, sizeof dir, "%s", path);
	if (!(slash = strrchr(dir, '/')) || slash == dir)
		return;
	*slash = 0;
	if (mkdir(dir, 0700) == 0 || errno != ENOENT)
		return;
	/* $XDG_CONFIG_HOME itself may be missing on a fresh account. */
	if ((slash = strrchr(dir, '/')) && slash != dir) {
		*slash = 0;
		mkdir(dir, 0700);
		*slash = '/';
	}
	mkdir(dir, 0700);
}

int hl_known_brokers_add(const char *path, const char *url, const char *fp)
{
	char line[HL_KNOWN_BROKERS_LINE];
	int fd, n;
	ssize_t w;

	if (!one_word(url) || !one_word(fp))
		return HL_E_INVALID;
	n = snprintf(line, sizeof line, "%s %s\n", url, fp);
	if (n < 0 || (size_t)n >= sizeof line)
		return HL_E_INVALID;
	make_parent(path);
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return HL_E_IO;
	/* One write of one line: two clients trusting at once do not
	 * interleave halves of their lines. */
	w = write(fd, line, (size_t)n);
	if (close(fd) < 0 || w != n)
		return HL_E_IO;
	return 0;
}
