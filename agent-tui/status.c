/* The status line's segments, by priority: state and connection stay
 * longest, queues go first when the terminal is narrow. */
#include "status.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "hotlist.h"
#include "i18n.h"
#include "states.h"
#include "theme.h"
#include "timefmt.h"

/* Connection health: words, role, and whether it shows at all. */
static const struct {
	const char *label;
	int role;
} conn_words[] = {
	[HL_AGENT_CONN_OK] = {N_("online"), HL_TUI_ROLE_STATUS},
	[HL_AGENT_CONN_SLOW] = {N_("waiting for the broker…"), HL_TUI_ROLE_VALUE_WARN},
	[HL_AGENT_CONN_RECONNECTING] = {N_("reconnecting…"), HL_TUI_ROLE_VALUE_BAD},
	[HL_AGENT_CONN_DOWN] = {N_("broker unreachable, retrying…"), HL_TUI_ROLE_VALUE_BAD},
};

static hl_tui_bar_seg *seg(hl_agent_status *st, int role, int priority, int min, bool right)
{
	hl_tui_bar_seg *s;

	if (st->n == HL_AGENT_STATUS_SEGS)
		return NULL;
	s = &st->segs[st->n];
	memset(s, 0, sizeof *s);
	s->text = st->text[st->n];
	s->role = role;
	s->key_role = role;
	s->priority = priority;
	s->min = min;
	s->right = right;
	st->n++;
	return s;
}

void hl_agent_status_build(hl_agent_status *st, const hl_cm_model *d, int conn,
			   hl_cm_now now)
{
	char state[96], dur[24];
	hl_tui_bar_seg *s;
	unsigned unread = hl_cm_unread(d);
	time_t t = (time_t)(now.wall / 1000);
	struct tm tm;

	st->n = 0;
	if ((s = seg(st, HL_TUI_ROLE_STATUS, 50, 4, false)))
		snprintf((char *)s->text, sizeof st->text[0], "%s", d->display[0] ? d->display : d->me);
	if ((s = seg(st, hl_agent_state_role(d->state), 90, 6, false))) {
		/* A configured reason reads as its label; the system's own
		 * (missed, logout) as the state table words them. */
		const char *label = hl_cm_code_label(d, "not_ready", d->reason);
		hl_agent_state_text(d->state, label ? label : d->reason, state, sizeof state);
		if (d->state[0])
			snprintf((char *)s->text, sizeof st->text[0], " %s %s ", state,
				 hl_timefmt_duration(now.mono - d->state_since, dur, sizeof dur));
		else
			snprintf((char *)s->text, sizeof st->text[0], " %s ", state);
	}
	for (size_t i = 0; i < d->nqueues; i++) {
		const hl_cm_queue *q = &d->queues[i];
		const char *label = hl_cm_queue_label(d, q->id);
		/* Someone waiting is worth a glance; waiting long, more. */
		int role = !q->waiting ? HL_TUI_ROLE_STATUS
			   : hl_agent_hotlist_wait_role(q->longest_wait_ms) == HL_TUI_ROLE_VALUE_BAD
				   ? HL_TUI_ROLE_VALUE_BAD
				   : HL_TUI_ROLE_VALUE_WARN;
		if (!q->served)
			continue;
		if ((s = seg(st, role, 40 - (int)i, 0, false)))
			snprintf((char *)s->text, sizeof st->text[0], "%s %u",
				 label[0] ? label : q->id, q->waiting);
	}
	if ((s = seg(st, unread ? HL_TUI_ROLE_UNREAD : HL_TUI_ROLE_STATUS, 60, 0, true)))
		snprintf((char *)s->text, sizeof st->text[0], _("unread %u"), unread);
	if (conn < 0 || conn > HL_AGENT_CONN_DOWN)
		conn = HL_AGENT_CONN_DOWN;
	if ((s = seg(st, conn_words[conn].role, conn == HL_AGENT_CONN_OK ? 45 : 95, 4, true)))
		snprintf((char *)s->text, sizeof st->text[0], "%s", _(conn_words[conn].label));
	if ((s = seg(st, HL_TUI_ROLE_STATUS, 30, 0, true))) {
		if (localtime_r(&t, &tm))
			strftime((char *)s->text, sizeof st->text[0], "%H:%M", &tm);
		else
			((char *)s->text)[0] = 0;
	}
}
