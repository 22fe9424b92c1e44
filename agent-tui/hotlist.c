/* The hotlist's order and rows; the urgency colours come from threshold
 * tables, so tuning them is one edit. */
#include "hotlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "theme.h"
#include "timefmt.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* A customer's wait: from this many ms, this role. Last match wins. */
static const struct {
	int64_t from_ms;
	int role;
} wait_roles[] = {
	{0, HL_TUI_ROLE_VALUE},
	{30000, HL_TUI_ROLE_VALUE_WARN},
	{60000, HL_TUI_ROLE_VALUE_BAD},
};

/* An offer's time left: up to this many ms, this role. First match wins. */
static const struct {
	int64_t upto_ms;
	int role;
} countdown_roles[] = {
	{5000, HL_TUI_ROLE_VALUE_BAD},
	{INT64_MAX, HL_TUI_ROLE_VALUE_WARN},
};

int hl_agent_hotlist_wait_role(int64_t waited_ms)
{
	int role = wait_roles[0].role;

	for (size_t i = 0; i < N(wait_roles); i++)
		if (waited_ms >= wait_roles[i].from_ms)
			role = wait_roles[i].role;
	return role;
}

int hl_agent_hotlist_countdown_role(int64_t left_ms)
{
	for (size_t i = 0; i < N(countdown_roles); i++)
		if (left_ms <= countdown_roles[i].upto_ms)
			return countdown_roles[i].role;
	return HL_TUI_ROLE_VALUE_WARN;
}

void hl_agent_hotlist_row(const hl_cm_model *d, const hl_cm_conv *c, size_t pos,
			  int64_t now_mono, hl_agent_hotrow *row)
{
	const char *label = hl_cm_queue_label(d, c->queue);

	memset(row, 0, sizeof *row);
	if (pos < 9)
		snprintf(row->num, sizeof row->num, "%zu", pos + 1);
	snprintf(row->label, sizeof row->label, "%s %s", c->customer[0] ? c->customer : c->id,
		 label[0] ? label : c->queue);
	row->label_role = HL_TUI_ROLE_NORMAL;
	row->timer_role = HL_TUI_ROLE_MUTED;
	if (c->unread) {
		snprintf(row->badge, sizeof row->badge, "%u", c->unread);
		row->label_role = HL_TUI_ROLE_UNREAD;
	}
	switch (c->kind) {
	case HL_CM_OFFER:
		row->label_role = HL_TUI_ROLE_OFFER;
		if (c->deadline) {
			hl_timefmt_countdown(c->deadline, now_mono, row->timer,
						   sizeof row->timer);
			row->timer_role = hl_agent_hotlist_countdown_role(c->deadline - now_mono);
		} else {
			snprintf(row->timer, sizeof row->timer, "%s", _("new"));
			row->timer_role = HL_TUI_ROLE_OFFER;
		}
		break;
	case HL_CM_CHAT:
		if (c->waiting_since) {
			hl_timefmt_duration(now_mono - c->waiting_since, row->timer,
						  sizeof row->timer);
			row->timer_role = hl_agent_hotlist_wait_role(now_mono - c->waiting_since);
		}
		break;
	case HL_CM_WRAPUP:
		if (!c->unread)
			row->label_role = HL_TUI_ROLE_STATE_WRAPUP;
		snprintf(row->timer, sizeof row->timer, "%s", _("wrap-up"));
		row->timer_role = HL_TUI_ROLE_STATE_WRAPUP;
		break;
	}
}

int hl_agent_hotlist_ticking(const hl_cm_model *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const hl_cm_conv *c = d->conv[i];
		if ((c->kind == HL_CM_OFFER && c->deadline) ||
		    (c->kind == HL_CM_CHAT && c->waiting_since))
			return 1;
	}
	return 0;
}
