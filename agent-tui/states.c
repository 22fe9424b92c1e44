/* Agent states and reasons: their words, colours and menu keys in tables. */
#include "states.h"

#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "theme.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const hl_agent_state_def defs[] = {
	{"available", "", N_("Available"), 'a'},
	{"not_ready", "break", N_("Break"), 'b'},
	{"not_ready", "lunch", N_("Lunch"), 'l'},
	{"not_ready", "meeting", N_("Meeting"), 'm'},
	{"not_ready", "training", N_("Training"), 't'},
	{"not_ready", "coaching", N_("Coaching"), 'c'},
	{"offline", "", N_("Offline"), 'o'},
};

/* Reasons the broker may give on its own. */
static const struct {
	const char *reason, *label;
} more_reasons[] = {
	{"missed", N_("missed offers")},
	{"disconnected", N_("disconnected")},
	{"logout", N_("signed out")},
};

static const struct {
	const char *state, *label;
	int role;
} states[] = {
	{"available", N_("Available"), HL_TUI_ROLE_STATE_AVAILABLE},
	{"not_ready", N_("Not ready"), HL_TUI_ROLE_STATE_NOT_READY},
	{"wrap_up", N_("Wrap-up"), HL_TUI_ROLE_STATE_WRAPUP},
	{"offline", N_("Offline"), HL_TUI_ROLE_STATE_OFFLINE},
};

const hl_agent_state_def *hl_agent_states(size_t *n)
{
	*n = N(defs);
	return defs;
}

static const char *reason_label(const char *reason)
{
	for (size_t i = 0; i < N(defs); i++)
		if (defs[i].reason[0] && strcmp(defs[i].reason, reason) == 0)
			return _(defs[i].label);
	for (size_t i = 0; i < N(more_reasons); i++)
		if (strcmp(more_reasons[i].reason, reason) == 0)
			return _(more_reasons[i].label);
	return reason;
}

const char *hl_agent_state_text(const char *state, const char *reason, char *buf, size_t cap)
{
	const char *label = NULL;

	for (size_t i = 0; i < N(states); i++)
		if (state && strcmp(states[i].state, state) == 0)
			label = _(states[i].label);
	if (!label)
		label = state && state[0] ? state : _("State unknown");
	if (reason && reason[0])
		snprintf(buf, cap, _("%s: %s"), label, reason_label(reason));
	else
		snprintf(buf, cap, "%s", label);
	return buf;
}

int hl_agent_state_role(const char *state)
{
	for (size_t i = 0; i < N(states); i++)
		if (state && strcmp(states[i].state, state) == 0)
			return states[i].role;
	return HL_TUI_ROLE_MUTED;
}
