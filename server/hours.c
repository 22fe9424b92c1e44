/* Business hours: a small parser from the text admins type to the routing
 * engine's weekly intervals. */
#include "hours.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

static int day_of(const char *s)
{
	for (int i = 0; i < 7; i++)
		if (strncmp(s, days[i], 3) == 0)
			return i;
	return -1;
}

static int hhmm(const char *s, int *min)
{
	int h, m;
	char extra;

	if (sscanf(s, "%2d:%2d%c", &h, &m, &extra) != 2 || h < 0 || h > 24 || m < 0 || m > 59 ||
	    (h == 24 && m != 0))
		return -1;
	*min = h * 60 + m;
	return 0;
}

/* One clause: "DAYS HH:MM-HH:MM". */
static int clause(char *c, hl_route_interval *out, size_t cap, size_t *n, char *err,
		  size_t errcap)
{
	char dayspec[64], times[32], from_s[8], to_s[8];
	int on[7] = {0}, from, to;

	if (sscanf(c, "%63s %31s", dayspec, times) != 2 || sscanf(times, "%7[0-9:]-%7[0-9:]",
								  from_s, to_s) != 2 ||
	    hhmm(from_s, &from) < 0 || hhmm(to_s, &to) < 0 || from >= to) {
		snprintf(err, errcap, "'%s' is not DAYS HH:MM-HH:MM (e.g. mon-fri 09:00-18:00)", c);
		return HL_E_INVALID;
	}
	for (char *tok = strtok(dayspec, ","); tok; tok = strtok(NULL, ",")) {
		int a = day_of(tok), b = a;
		char *dash = strchr(tok, '-');
		if (dash)
			b = day_of(dash + 1);
		if (a < 0 || b < 0 || strlen(tok) != (size_t)(dash ? 7 : 3)) {
			snprintf(err, errcap, "'%s' is not a day or day range (mon … sun)", tok);
			return HL_E_INVALID;
		}
		for (int d = a;; d = (d + 1) % 7) {
			on[d] = 1;
			if (d == b)
				break;
		}
	}
	for (int d = 0; d < 7; d++) {
		if (!on[d])
			continue;
		if (*n == cap) {
			snprintf(err, errcap, "too many opening intervals (at most %zu)", cap);
			return HL_E_INVALID;
		}
		out[*n].from = d * 1440 + from;
		out[*n].to = d * 1440 + to;
		(*n)++;
	}
	return 0;
}

int hl_hours_parse(const char *text, hl_route_interval *out, size_t cap, size_t *n,
		   char *err, size_t errcap)
{
	char buf[512];
	char *save = NULL;

	*n = 0;
	if (!text || !*text)
		return 0;
	if (strlen(text) >= sizeof buf) {
		snprintf(err, errcap, "business hours text too long");
		return HL_E_INVALID;
	}
	for (size_t i = 0; text[i]; i++)
		buf[i] = (char)tolower((unsigned char)text[i]), buf[i + 1] = 0;
	for (char *c = strtok_r(buf, ";", &save); c; c = strtok_r(NULL, ";", &save)) {
		while (isspace((unsigned char)*c))
			c++;
		if (!*c)
			continue;
		if (clause(c, out, cap, n, err, errcap) < 0)
			return HL_E_INVALID;
	}
	return 0;
}
