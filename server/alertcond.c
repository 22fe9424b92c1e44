/* The floor's alert conditions, judged from what a queue or an agent shows
 * now: thresholds from broker.ini, one rule per condition, and the edges
 * where an alert opens and closes. */
#include "alertcond.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[HL_ALERT_KIND_COUNT] = {
	[HL_ALERT_SL] = "sl", [HL_ALERT_WAITING] = "waiting",
	[HL_ALERT_LONGEST_WAIT] = "longest_wait", [HL_ALERT_NOT_READY] = "not_ready",
	[HL_ALERT_WRAP_UP] = "wrap_up", [HL_ALERT_CSAT] = "csat", [HL_ALERT_NPS] = "nps",
};

void hl_alertcond_defaults(hl_alert_conf *c)
{
	memset(c, 0, sizeof *c);
	c->sl_min_offered = 1;
}

bool hl_alertcond_ticked(const hl_alert_conf *c)
{
	return c->sl || c->waiting_over > 0 || c->longest_wait_s > 0 || c->not_ready_min > 0 ||
	       c->wrap_up_min > 0;
}

bool hl_alertcond_any(const hl_alert_conf *c)
{
	return hl_alertcond_ticked(c) || c->csat_low || c->nps_low;
}

const char *hl_alertcond_name(hl_alert_kind k)
{
	return (unsigned)k < HL_ALERT_KIND_COUNT ? names[k] : "";
}

/* The keys: a switch, or a whole number in a range. */
static const struct key {
	const char *name;
	size_t off;
	int is_switch;
	long min, max;
} keys[] = {
#define OFF(m) offsetof(hl_alert_conf, m)
	{"sl", OFF(sl), 1, 0, 0},
	{"sl_min_offered", OFF(sl_min_offered), 0, 1, 100000},
	{"sl_margin", OFF(sl_margin), 0, 0, 100},
	{"waiting_over", OFF(waiting_over), 0, 0, 100000},
	{"longest_wait_s", OFF(longest_wait_s), 0, 0, 86400},
	{"not_ready_min", OFF(not_ready_min), 0, 0, 1440},
	{"wrap_up_min", OFF(wrap_up_min), 0, 0, 1440},
	{"csat_low", OFF(csat_low), 1, 0, 0},
	{"nps_low", OFF(nps_low), 1, 0, 0},
#undef OFF
};

static int parse_switch(const char *v)
{
	static const char *const on[] = {"on", "yes", "true", "1"};
	static const char *const off[] = {"off", "no", "false", "0"};

	for (size_t i = 0; i < sizeof on / sizeof on[0]; i++) {
		if (strcmp(v, on[i]) == 0)
			return 1;
		if (strcmp(v, off[i]) == 0)
			return 0;
	}
	return -1;
}

int hl_alertcond_conf_key(hl_alert_conf *c, const char *name, const char *value)
{
	if (!name || !value)
		return 0;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		const struct key *k = &keys[i];
		char *end;
		long n;
		int sw;
		if (strcmp(k->name, name) != 0)
			continue;
		if (k->is_switch) {
			if ((sw = parse_switch(value)) < 0)
				return 0;
			*(bool *)((char *)c + k->off) = sw;
			return 1;
		}
		/* Digits only: no sign, space or fraction. */
		if (value[0] < '0' || value[0] > '9')
			return 0;
		errno = 0;
		n = strtol(value, &end, 10);
		if (*end || errno || n < k->min || n > k->max)
			return 0;
		*(int32_t *)((char *)c + k->off) = (int32_t)n;
		return 1;
	}
	return 0;
}

bool hl_alertcond_queue(const hl_alert_conf *c, hl_alert_kind k, const hl_alert_queue_obs *o,
			bool open, double *value, double *threshold)
{
	switch (k) {
	case HL_ALERT_SL:
		/* Undefined (nothing offered) or too few offered: no judgement,
		 * so a quiet queue's one late answer does not raise the floor. */
		if (!c->sl || o->sl30_pct != o->sl30_pct || o->offered30 < (uint32_t)c->sl_min_offered)
			return false;
		*value = o->sl30_pct;
		*threshold = o->target_pct;
		/* Open: it stays open until the level is back to target + margin. */
		return open ? o->sl30_pct < (double)o->target_pct + c->sl_margin
			    : o->sl30_pct < (double)o->target_pct;
	case HL_ALERT_WAITING:
		*value = o->waiting;
		*threshold = c->waiting_over;
		return c->waiting_over > 0 && o->waiting > (uint32_t)c->waiting_over;
	case HL_ALERT_LONGEST_WAIT:
		*value = (double)(o->longest_wait_ms / 1000);
		*threshold = c->longest_wait_s;
		return c->longest_wait_s > 0 && o->longest_wait_ms > (int64_t)c->longest_wait_s * 1000;
	default:
		return false;
	}
}

bool hl_alertcond_agent(const hl_alert_conf *c, hl_alert_kind k, const hl_alert_agent_obs *o,
			double *value, double *threshold)
{
	int32_t min;

	if (k == HL_ALERT_NOT_READY && o->state == HL_ALERT_AGENT_NOT_READY)
		min = c->not_ready_min;
	else if (k == HL_ALERT_WRAP_UP && o->state == HL_ALERT_AGENT_WRAP_UP)
		min = c->wrap_up_min;
	else
		return false;
	*value = (double)(o->in_state_ms / 60000);
	*threshold = min;
	return min > 0 && o->in_state_ms > (int64_t)min * 60000;
}

bool hl_alertcond_rating(const hl_alert_conf *c, hl_alert_kind k, int score)
{
	if (k == HL_ALERT_CSAT)
		return c->csat_low && score >= 1 && score <= 2;
	if (k == HL_ALERT_NPS)
		return c->nps_low && score >= 0 && score <= 6;
	return false;
}

hl_alert_edge hl_alertcond_edge(bool open, bool holds)
{
	if (holds && !open)
		return HL_ALERT_OPEN;
	if (!holds && open)
		return HL_ALERT_CLOSE;
	return HL_ALERT_STAY;
}
