/* The desk's pick lists as menus: every code an agent may choose comes
 * from the broker's configured list, in the interface language, so the
 * desk never sends a code the broker would refuse; free text is for
 * notes only. */
#include "choose.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "keys.h"
#include "perform.h"
#include "ui.h"

/* The state menu's rows; a Not Ready row opens the reasons. */
static const struct {
	const char *state, *label;
	int key;
} states[] = {
	{"available", N_("Available"), 'a'},
	{"not_ready", N_("Not Ready…"), 'n'},
	{"offline", N_("Offline"), 'o'},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Item i of the open pick list: label copied into the app (the menu keeps
 * pointers), hotkey 1-9 then a-z after the first nine. */
static void item(hl_agent_app *a, size_t i, const char *label, int key, bool disabled)
{
	snprintf(a->pick_labels[i], sizeof a->pick_labels[i], "%s", label);
	a->pick_items[i].label = a->pick_labels[i];
	a->pick_items[i].key = key;
	a->pick_items[i].action = (int)i;
	a->pick_items[i].disabled = disabled;
}

static int number_key(size_t i)
{
	return i < 9 ? '1' + (int)i : i < 9 + 26 ? 'a' + (int)(i - 9) : 0;
}

static void open_menu(hl_agent_app *a, int pick, const char *title, size_t n)
{
	a->pick = pick;
	hl_tui_menu_open(&a->menu, title, a->pick_items, n, 1, 2);
	hl_tui_pane_dirty(a->p_menu);
}

void hl_agent_choose_state(hl_agent_app *a)
{
	for (size_t i = 0; i < N(states); i++)
		item(a, i, _(states[i].label), states[i].key, false);
	open_menu(a, HL_AGENT_PICK_STATE, _("Your state"), N(states));
}

/* A list of codes of one kind; the wrap-up list ends with "no code". */
static void open_codes(hl_agent_app *a, const char *kind)
{
	size_t n = 0, count = hl_cm_codes_count(&a->desk.codes, kind);
	bool wrap = strcmp(kind, "wrap_up") == 0;

	for (size_t i = 0; i < count && n + 1 < HL_AGENT_PICK_MAX; i++) {
		const hl_cm_code *c = hl_cm_codes_at(&a->desk.codes, kind, i);
		item(a, n, hl_cm_codes_label(&a->desk.codes, kind, c->id, a->desk.zh),
		     number_key(n), false);
		n++;
	}
	if (wrap)
		item(a, n++, _("(no code)"), '0', false);
	if (!n) {
		hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, "%s",
				  _("No Not Ready reasons are configured; ask an admin to add "
				    "some (hotline-ctl code add)"));
		return;
	}
	open_menu(a, wrap ? HL_AGENT_PICK_WRAP : HL_AGENT_PICK_REASON,
		  wrap ? _("Wrap-up code") : _("Not Ready: reason"), n);
}

void hl_agent_choose_wrap(hl_agent_app *a)
{
	open_codes(a, "wrap_up");
}

void hl_agent_choose_transfer(hl_agent_app *a, const Hotline__AgentListReply *al)
{
	size_t n = hl_agent_transfer_targets(&a->desk, al, a->targets, HL_AGENT_TARGETS_MAX);

	if (!hl_cm_find(&a->desk, a->pick_contact))
		return;  /* the conversation left while the list was asked for */
	if (!n) {
		hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, "%s",
				  _("There is no queue or agent to transfer to"));
		return;
	}
	for (size_t i = 0; i < n; i++)
		item(a, i, a->targets[i].label, number_key(i), a->targets[i].disabled);
	open_menu(a, HL_AGENT_PICK_TRANSFER, _("Transfer to"), n);
}

static void ask_note(hl_agent_app *a, int id, const char *title, const char *text)
{
	hl_tui_dialog_open_input(&a->dialog, id, title, text, "");
	snprintf(a->dialog.buttons[0], sizeof a->dialog.buttons[0], "%s", _("OK"));
	snprintf(a->dialog.buttons[1], sizeof a->dialog.buttons[1], "%s", _("Cancel"));
	hl_tui_pane_dirty(a->p_dialog);
}

void hl_agent_choose_menu_done(hl_agent_app *a)
{
	int i = a->menu.result;
	char title[300];

	if (i < 0)
		return;
	switch (a->pick) {
	case HL_AGENT_PICK_STATE:
		if ((size_t)i >= N(states))
			return;
		if (strcmp(states[i].state, "not_ready") == 0)
			open_codes(a, "not_ready");
		else
			hl_agent_perform_state(a, states[i].state, "");
		return;
	case HL_AGENT_PICK_REASON: {
		const hl_cm_code *c = hl_cm_codes_at(&a->desk.codes, "not_ready", (size_t)i);
		if (c)
			hl_agent_perform_state(a, "not_ready", c->id);
		return;
	}
	case HL_AGENT_PICK_WRAP: {
		const hl_cm_code *c = hl_cm_codes_at(&a->desk.codes, "wrap_up", (size_t)i);
		snprintf(a->picked, sizeof a->picked, "%s", c ? c->id : "");
		snprintf(title, sizeof title, _("Wrap-up: %s"), a->pick_labels[i]);
		ask_note(a, HL_AGENT_ASK_WRAP, title,
			 _("A note on the conversation (may be empty); Enter finishes the wrap-up:"));
		return;
	}
	case HL_AGENT_PICK_TRANSFER:
		if (i >= HL_AGENT_TARGETS_MAX)
			return;
		snprintf(a->picked, sizeof a->picked, "%s", a->targets[i].id);
		a->picked_agent = a->targets[i].agent;
		snprintf(title, sizeof title, _("Transfer to %s"), a->pick_labels[i]);
		ask_note(a, HL_AGENT_ASK_TRANSFER, title,
			 _("Internal note for the next agent (the customer does not see it; may "
			   "be empty):"));
		return;
	default:
		return;
	}
}

void hl_agent_choose_note_done(hl_agent_app *a)
{
	char *note;

	if (a->dialog.result != 0)
		return;
	note = hl_tui_editor_text(&a->dialog.input);
	if (a->dialog.id == HL_AGENT_ASK_WRAP)
		hl_agent_perform_wrap(a, a->picked, note ? note : "");
	else
		hl_agent_perform_transfer(a, a->pick_contact, a->picked, a->picked_agent,
					  note ? note : "");
	free(note);
}
