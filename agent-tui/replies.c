/* What the broker's answers do to the desk: each request tag, each piece
 * of news from the model and each dialog has its entry in a table. */
#include "perform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "choose.h"
#include "i18n.h"
#include "mask.h"
#include "ui.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *reason_words(const char *reason)
{
	static const struct {
		const char *reason, *text;
	} words[] = {
		{"timeout", N_("no answer in time")},
		{"declined", N_("declined")},
		{"abandon", N_("the customer left")},
		{"customer_left", N_("the customer left")},
		{"agent_offline", N_("you went offline")},
		{"grace", N_("you were away too long")},
		{"disconnect", N_("your connection dropped")},
		{"not_ready", N_("you went Not Ready")},
		{"offline", N_("you went offline")},
	};

	for (size_t i = 0; i < N(words); i++)
		if (strcmp(words[i].reason, reason) == 0)
			return _(words[i].text);
	return reason;
}

/* --- replies --- */

/* The reply's body when the request went through and it is of body_case,
 * else NULL. */
static const Hotline__Reply *ok_body(const hl_evq_item *it, Hotline__Reply__BodyCase body_case)
{
	return it->rc == 0 && it->rp && it->rp->body_case == body_case ? it->rp : NULL;
}

static void on_floor(hl_agent_app *a, const hl_evq_item *it, hl_cm_now now)
{
	const Hotline__Reply *rp = ok_body(it, HOTLINE__REPLY__BODY_FLOOR);

	a->floor_asked = false;
	if (rp)
		a->dirty |= hl_cm_floor(&a->desk, rp->floor, now);
	if (a->figures_open)
		hl_agent_ui_figures(a, false);
}

static void on_queues(hl_agent_app *a, const hl_evq_item *it, hl_cm_now now)
{
	const Hotline__Reply *rp = ok_body(it, HOTLINE__REPLY__BODY_QUEUES);

	(void)now;
	if (rp)
		a->dirty |= hl_cm_queue_list(&a->desk, rp->queues);
}

static void on_transcript(hl_agent_app *a, const hl_evq_item *it, hl_cm_now now)
{
	const Hotline__Reply *rp = ok_body(it, HOTLINE__REPLY__BODY_TRANSCRIPT);

	if (rp) {
		a->dirty |= hl_cm_transcript(&a->desk, rp->transcript, now);
		a->side_stale = true;
	}
	if (it->tag == HL_AGENT_TAG_RATING && a->figures_open)
		hl_agent_ui_figures(a, false);
}

static void on_typing(hl_agent_app *a, const hl_evq_item *it, hl_cm_now now)
{
	/* A lost typing indicator is not worth a word. */
	(void)a, (void)it, (void)now;
}

static void on_agents(hl_agent_app *a, const hl_evq_item *it, hl_cm_now now)
{
	const Hotline__Reply *rp = ok_body(it, HOTLINE__REPLY__BODY_AGENTS);

	(void)now;
	/* Without the agents the queues can still be chosen. */
	if (it->rc < 0)
		hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, _("Agents not listed: %s"), it->err);
	if (rp)
		hl_cm_roster_set(&a->desk, rp->agents);
	hl_agent_choose_transfer(a, rp ? rp->agents : NULL);
}

static void on_transferred(hl_agent_app *a, const hl_evq_item *it, hl_cm_now now)
{
	(void)now;
	hl_agent_ui_toast(a, HL_TUI_TOAST_INFO, 0, _("%s transferred to %s"), it->ref,
			  it->ctx ? it->ctx : "");
}

static void on_wrapped(hl_agent_app *a, const hl_evq_item *it, hl_cm_now now)
{
	if (it->ref[0])
		a->dirty |= hl_cm_wrapped(&a->desk, it->ref, now);
	a->dirty |= HL_AGENT_DIRTY_INPUT;
	hl_agent_ui_toast(a, HL_TUI_TOAST_INFO, 0, "%s", _("Wrap-up done"));
}

static void on_accepted(hl_agent_app *a, const hl_evq_item *it, hl_cm_now now)
{
	(void)it, (void)now;
	a->focus = HL_AGENT_FOCUS_INPUT;
	a->dirty |= HL_CM_DIRTY_ALL | HL_AGENT_DIRTY_INPUT;
}

/* A line that did not go comes back to be sent again. */
static void on_not_sent(hl_agent_app *a, const hl_evq_item *it, hl_cm_now now)
{
	(void)now;
	if (it->ctx && a->input.len == 0 && strcmp(a->desk.selected, it->ref) == 0) {
		hl_tui_editor_set(&a->input, it->ctx);
		a->dirty |= HL_AGENT_DIRTY_INPUT;
	}
}

/* Per tag: `any` takes every reply itself; otherwise a failure is told
 * with `failed` (then `err`, when set) and a success goes to `ok`. */
static const struct {
	int tag;
	void (*any)(hl_agent_app *, const hl_evq_item *, hl_cm_now);
	const char *failed;
	void (*ok)(hl_agent_app *, const hl_evq_item *, hl_cm_now);
	void (*err)(hl_agent_app *, const hl_evq_item *, hl_cm_now);
} replies[] = {
	{HL_AGENT_TAG_FLOOR, on_floor, NULL, NULL, NULL},
	{HL_AGENT_TAG_QUEUES, on_queues, NULL, NULL, NULL},
	{HL_AGENT_TAG_TRANSCRIPT, on_transcript, NULL, NULL, NULL},
	{HL_AGENT_TAG_RATING, on_transcript, NULL, NULL, NULL},
	{HL_AGENT_TAG_TYPING, on_typing, NULL, NULL, NULL},
	{HL_AGENT_TAG_AGENTS, on_agents, NULL, NULL, NULL},
	{HL_AGENT_TAG_STATE, NULL, N_("Your state was not changed: %s"), NULL, NULL},
	{HL_AGENT_TAG_ACCEPT, NULL, N_("Could not accept: %s"), on_accepted, NULL},
	{HL_AGENT_TAG_DECLINE, NULL, N_("Could not decline: %s"), NULL, NULL},
	{HL_AGENT_TAG_END, NULL, N_("Could not end the conversation: %s"), NULL, NULL},
	{HL_AGENT_TAG_TRANSFER, NULL, N_("Not transferred: %s"), on_transferred, NULL},
	{HL_AGENT_TAG_WRAP, NULL, N_("Wrap-up not recorded: %s"), on_wrapped, NULL},
	{HL_AGENT_TAG_SEND, NULL, N_("Not sent: %s"), NULL, on_not_sent},
};

void hl_agent_perform_reply(hl_agent_app *a, const hl_evq_item *it)
{
	hl_cm_now now = hl_agent_app_now();

	for (size_t i = 0; i < N(replies); i++) {
		if (replies[i].tag != it->tag)
			continue;
		if (replies[i].any) {
			replies[i].any(a, it, now);
		} else if (it->rc < 0) {
			hl_agent_ui_toast(a, HL_TUI_TOAST_ERROR, 0, _(replies[i].failed), it->err);
			if (replies[i].err)
				replies[i].err(a, it, now);
		} else if (replies[i].ok) {
			replies[i].ok(a, it, now);
		}
		return;
	}
	if (it->rc < 0)
		hl_agent_ui_toast(a, HL_TUI_TOAST_ERROR, 0, "%s", it->err);
}

/* --- news from the model --- */

static void news_offer(hl_agent_app *a, const hl_cm_news *n)
{
	const char *ql = hl_cm_queue_label(&a->desk, n->from);
	char masked[sizeof n->text];

	beep();
	hl_agent_mask_text(n->text, masked, sizeof masked);
	hl_agent_ui_toast(a, HL_TUI_TOAST_INFO, 0, _("New offer (%s): %s"), ql[0] ? ql : n->from,
			  masked);
	a->floor_due = 0;
}

static void news_offer_gone(hl_agent_app *a, const hl_cm_news *n)
{
	hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, _("Offer %s withdrawn: %s"), n->contact,
			  reason_words(n->text));
	a->floor_due = 0;
}

static void news_ended(hl_agent_app *a, const hl_cm_news *n)
{
	hl_agent_ui_toast(a, HL_TUI_TOAST_INFO, 0,
			  _("The customer ended %s. Wrap up with /wrap or F7."), n->contact);
}

static void news_moved(hl_agent_app *a, const hl_cm_news *n)
{
	hl_agent_ui_toast(a, HL_TUI_TOAST_INFO, 0, _("%s left your desk: %s"), n->contact,
			  reason_words(n->text));
}

static void news_notice(hl_agent_app *a, const hl_cm_news *n)
{
	hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 20000, _("Broadcast from %s: %s"),
			  n->from[0] ? n->from : _("the floor"), n->text);
}

static void news_fetch(hl_agent_app *a, const hl_cm_news *n)
{
	hl_agent_perform_contact(a, HL_AGENT_TAG_TRANSCRIPT, n->contact);
	a->floor_due = 0;
}

static const struct {
	int kind;
	void (*fn)(hl_agent_app *, const hl_cm_news *);
} news_handlers[] = {
	{HL_CM_NEWS_OFFER, news_offer},
	{HL_CM_NEWS_OFFER_GONE, news_offer_gone},
	{HL_CM_NEWS_ENDED, news_ended},
	{HL_CM_NEWS_MOVED, news_moved},
	{HL_CM_NEWS_NOTICE, news_notice},
	{HL_CM_NEWS_FETCH, news_fetch},
};

static void news(hl_agent_app *a, const hl_cm_news *n)
{
	for (size_t i = 0; i < N(news_handlers); i++)
		if (news_handlers[i].kind == n->kind)
			news_handlers[i].fn(a, n);
}

/* The desk changed the conversation shown by itself (the one shown left
 * it): text written for the old one must not go to the new one, so it
 * goes to the history (Up brings it back) and the line empties. */
static void moved(hl_agent_app *a, const char *before)
{
	char *text;

	if (strcmp(before, a->desk.selected) == 0)
		return;
	a->dirty |= HL_AGENT_DIRTY_INPUT;
	if (!before[0] || !a->input.len || hl_cm_find(&a->desk, before))
		return;
	if ((text = hl_tui_editor_take(&a->input))) {
		hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, "%s",
				  _("The conversation you were writing to left your desk; your "
				    "text is in the history (Up)"));
		free(text);
	}
}

void hl_agent_perform_events(hl_agent_app *a, const hl_evq_item *it)
{
	const Hotline__PollReply *pr = it->rp ? it->rp->poll : NULL;
	hl_cm_now now = hl_agent_app_now();
	char before[24];

	if (!pr)
		return;
	a->side_stale = true;
	snprintf(before, sizeof before, "%s", a->desk.selected);
	for (size_t i = 0; i < pr->n_events; i++) {
		hl_cm_news ns[4];
		size_t nn = 0;
		a->dirty |= hl_cm_apply(&a->desk, pr->events[i], now, ns, 4, &nn);
		for (size_t k = 0; k < nn; k++)
			news(a, &ns[k]);
	}
	if (it->resync) {
		/* Events were lost to the outbox's bound: read every open
		 * conversation again. */
		for (size_t i = 0; i < a->desk.n; i++)
			if (a->desk.conv[i]->kind != HL_CM_OFFER)
				hl_agent_perform_contact(a, HL_AGENT_TAG_TRANSCRIPT, a->desk.conv[i]->id);
		hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, "%s",
				  _("The broker sent a fresh snapshot; conversations reloaded"));
	}
	moved(a, before);
}

/* --- dialogs --- */

static void asked_quit(hl_agent_app *a)
{
	if (a->dialog.result == 1)
		a->quit = true;
}

static const struct {
	int id;
	void (*fn)(hl_agent_app *);
} dialogs[] = {
	{HL_AGENT_ASK_QUIT, asked_quit},
	{HL_AGENT_ASK_TRANSFER, hl_agent_choose_note_done},
	{HL_AGENT_ASK_WRAP, hl_agent_choose_note_done},
};

void hl_agent_perform_dialog_done(hl_agent_app *a)
{
	for (size_t i = 0; i < N(dialogs); i++)
		if (dialogs[i].id == a->dialog.id)
			dialogs[i].fn(a);
	hl_tui_editor_clear(&a->dialog.input);
	a->dirty |= HL_CM_DIRTY_ALL | HL_AGENT_DIRTY_INPUT | HL_AGENT_DIRTY_KEYBAR;
}

void hl_agent_perform_menu_done(hl_agent_app *a)
{
	hl_agent_choose_menu_done(a);
	a->dirty |= HL_CM_DIRTY_ALL | HL_AGENT_DIRTY_INPUT | HL_AGENT_DIRTY_KEYBAR;
}
