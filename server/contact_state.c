/* A contact's state machine: the states' stored names and the table of
 * allowed moves. Every change of a contact's state goes through here. */
#include "contact_state.h"

#include <stdio.h>
#include <string.h>

#include "error.h"

/* The names are what the contact table and the protocol have always
 * carried; changing one would need a migration. */
static const char *const state_names[HL_CONTACT_N_STATES] = {
	[HL_CONTACT_QUEUED] = "queued",     [HL_CONTACT_ACTIVE] = "active",
	[HL_CONTACT_ENDED] = "ended",       [HL_CONTACT_ABANDONED] = "abandoned",
	[HL_CONTACT_REJECTED] = "rejected", [HL_CONTACT_LEFT] = "left",
};

static const char *const event_names[HL_CONTACT_N_EVENTS] = {
	[HL_CONTACT_EV_ANSWER] = "answer",   [HL_CONTACT_EV_REQUEUE] = "requeue",
	[HL_CONTACT_EV_TRANSFER] = "transfer", [HL_CONTACT_EV_END] = "end",
	[HL_CONTACT_EV_ABANDON] = "abandon", [HL_CONTACT_EV_REJECT] = "reject",
	[HL_CONTACT_EV_LEAVE] = "leave",
};

/* Every allowed move; anything not listed is refused. Ended, abandoned,
 * rejected and left are final: a closed contact never reopens. */
static const struct move {
	hl_contact_state from;
	hl_contact_event ev;
	hl_contact_state to;
} moves[] = {
	{HL_CONTACT_QUEUED, HL_CONTACT_EV_ANSWER, HL_CONTACT_ACTIVE},
	/* An offered contact is still queued: its offer's end requeues it. */
	{HL_CONTACT_QUEUED, HL_CONTACT_EV_REQUEUE, HL_CONTACT_QUEUED},
	{HL_CONTACT_ACTIVE, HL_CONTACT_EV_REQUEUE, HL_CONTACT_QUEUED},
	{HL_CONTACT_ACTIVE, HL_CONTACT_EV_TRANSFER, HL_CONTACT_QUEUED},
	{HL_CONTACT_ACTIVE, HL_CONTACT_EV_END, HL_CONTACT_ENDED},
	{HL_CONTACT_QUEUED, HL_CONTACT_EV_ABANDON, HL_CONTACT_ABANDONED},
	{HL_CONTACT_QUEUED, HL_CONTACT_EV_REJECT, HL_CONTACT_REJECTED},
	{HL_CONTACT_QUEUED, HL_CONTACT_EV_LEAVE, HL_CONTACT_LEFT},
};

const char *hl_contact_state_name(hl_contact_state s)
{
	return (unsigned)s < HL_CONTACT_N_STATES ? state_names[s] : NULL;
}

int hl_contact_state_parse(const char *name, hl_contact_state *out)
{
	if (!name)
		return HL_E_INVALID;
	for (int s = 0; s < HL_CONTACT_N_STATES; s++) {
		if (strcmp(name, state_names[s]) == 0) {
			*out = (hl_contact_state)s;
			return 0;
		}
	}
	return HL_E_INVALID;
}

int hl_contact_state_is(const char *name, hl_contact_state s)
{
	hl_contact_state got;

	return hl_contact_state_parse(name, &got) == 0 && got == s;
}

const char *hl_contact_event_name(hl_contact_event ev)
{
	return (unsigned)ev < HL_CONTACT_N_EVENTS ? event_names[ev] : NULL;
}

int hl_contact_transition(hl_contact_state from, hl_contact_event ev, hl_contact_state *to)
{
	for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
		if (moves[i].from == from && moves[i].ev == ev) {
			*to = moves[i].to;
			return 0;
		}
	}
	return HL_E_STATE;
}

int hl_contact_state_may(const char *name, hl_contact_event ev)
{
	hl_contact_state from, to;

	return hl_contact_state_parse(name, &from) == 0 && hl_contact_transition(from, ev, &to) == 0;
}

int hl_contact_state_apply(char *name, size_t cap, hl_contact_event ev)
{
	hl_contact_state from, to;

	if (hl_contact_state_parse(name, &from) < 0 || hl_contact_transition(from, ev, &to) < 0)
		return HL_E_STATE;
	snprintf(name, cap, "%s", state_names[to]);
	return 0;
}
