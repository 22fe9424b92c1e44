/* Business hours: the one parser from the text admins type (and replay
 * files carry) to the routing engine's weekly intervals. */
#include "route_hours.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

static int parse_day(const char *s, size_t n)
{
	static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

	for (int i = 0; i < 7; i++)
		if (n == 3 && strncmp(s, days[i], 3) == 0)
			return i;
	return -1;
}

static int add(hl_route_interval *out, size_t cap, size_t *n, int from, int to, char *err,
	       size_t errcap)
{
	if (*n >= cap) {
		snprintf(err, errcap, "more than %zu opening intervals", cap);
		return HL_E_INVALID;
	}
	out[*n].from = from;
	out[*n].to = to;
	(*n)++;
	return 0;
}

/* One clause: "DAYS HH:MM-HH:MM", lower case. */
static int clause(char *c, hl_route_interval *out, size_t cap, size_t *n, char *err,
		  size_t errcap)
{
	char days[64], tail;
	int h1, m1, h2, m2;
	bool on[7] = {false};
	char *save = NULL;

	if (sscanf(c, "%63s %2d:%2d-%2d:%2d %c", days, &h1, &m1, &h2, &m2, &tail) != 5 ||
	    h1 < 0 || h1 > 23 || h2 < 0 || h2 > 24 || m1 < 0 || m1 > 59 || m2 < 0 || m2 > 59 ||
	    (h2 == 24 && m2) || h1 * 60 + m1 == h2 * 60 + m2) {
		snprintf(err, errcap, "'%s' is not DAYS HH:MM-HH:MM (e.g. mon-fri 09:00-18:00)", c);
		return HL_E_INVALID;
	}
	int from = h1 * 60 + m1, to = h2 * 60 + m2;
	for (char *tok = strtok_r(days, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *dash = strchr(tok, '-');
		int a = parse_day(tok, dash ? (size_t)(dash - tok) : strlen(tok));
		int b = dash ? parse_day(dash + 1, strlen(dash + 1)) : a;
		if (a < 0 || b < 0) {
			snprintf(err, errcap, "'%s': days are mon … sun, as mon-fri or sat,sun", tok);
			return HL_E_INVALID;
		}
		for (int d = a;; d = (d + 1) % 7) {
			on[d] = true;
			if (d == b)
				break;
		}
	}
	for (int d = 0; d < 7; d++) {
		if (!on[d])
			continue;
		/* A range ending before it starts runs past midnight. */
		if (to > from || to == 0) {
			if (add(out, cap, n, d * 1440 + from, d * 1440 + (to ? to : 1440), err, errcap))
				return HL_E_INVALID;
		} else if (add(out, cap, n, d * 1440 + from, d * 1440 + 1440, err, errcap) ||
			   add(out, cap, n, ((d + 1) % 7) * 1440, ((d + 1) % 7) * 1440 + to, err,
			       errcap)) {
			return HL_E_INVALID;
		}
	}
	return 0;
}

int hl_route_hours_parse(const char *text, hl_route_interval *out, size_t cap, size_t *n,
			 char *err, size_t errcap)
{
	char buf[512], *save = NULL;
	size_t len = text ? strlen(text) : 0;

	if (len >= sizeof buf) {
		snprintf(err, errcap, "business hours text too long");
		return HL_E_INVALID;
	}
	for (size_t i = 0; i <= len; i++)
		buf[i] = (char)tolower((unsigned char)text[i]);
	for (char *c = strtok_r(buf, ";", &save); c; c = strtok_r(NULL, ";", &save)) {
		while (isspace((unsigned char)*c))
			c++;
		if (*c && clause(c, out, cap, n, err, errcap) < 0)
			return HL_E_INVALID;
	}
	return 0;
}
