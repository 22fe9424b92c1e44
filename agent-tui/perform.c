/* The agent's actions as broker requests, and what their replies and the
 * desk's news do to the screen. Requests go through the worker thread
 * (net.h), so an action never blocks the keyboard. */
#include "perform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "choose.h"
#include "clock.h"
#include "command.h"
#include "error.h"
#include "hotlist.h"
#include "i18n.h"
#include "keymap.h"
#include "mask.h"
#include "states.h"
#include "ui.h"

#define TYPING_IDLE_MS 5000    /* our typing indicator stops after this pause */
#define FLOOR_EVERY_MS 3000    /* the status line's waiting counts */
#define FLOOR_SOON_MS 300      /* after an offer or an end */
#define RATINGS_MAX 64         /* transcripts fetched for the figures at once */

/* --- requests --- */

static void send_rq(hl_agent_app *a, Hotline__Request *rq, int tag, const char *ref,
		    const char *ctx)
{
	if (!a->net || hl_clientnet_request(a->net, rq, tag, ref, ctx) < 0)
		hl_agent_ui_toast(a, HL_TUI_TOAST_ERROR, 0, "%s",
				  _("Out of memory: the request was not sent"));
}

static void req_state(hl_agent_app *a, const char *state, const char *reason)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__AgentState st = HOTLINE__AGENT_STATE__INIT;

	st.state = (char *)state;
	st.reason = (char *)reason;
	rq.body_case = HOTLINE__REQUEST__BODY_AGENT_STATE;
	rq.agent_state = &st;
	send_rq(a, &rq, HL_AGENT_TAG_STATE, state, NULL);
}

/* Requests that name only a contact. */
static void req_contact(hl_agent_app *a, int tag, const char *id)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__AgentAccept acc = HOTLINE__AGENT_ACCEPT__INIT;
	Hotline__AgentDecline dec = HOTLINE__AGENT_DECLINE__INIT;
	Hotline__ChatEnd end = HOTLINE__CHAT_END__INIT;
	Hotline__ChatTranscript tr = HOTLINE__CHAT_TRANSCRIPT__INIT;

	switch (tag) {
	case HL_AGENT_TAG_ACCEPT:
		acc.contact = (char *)id;
		rq.body_case = HOTLINE__REQUEST__BODY_AGENT_ACCEPT;
		rq.agent_accept = &acc;
		break;
	case HL_AGENT_TAG_DECLINE:
		dec.contact = (char *)id;
		rq.body_case = HOTLINE__REQUEST__BODY_AGENT_DECLINE;
		rq.agent_decline = &dec;
		break;
	case HL_AGENT_TAG_END:
		end.contact = (char *)id;
		rq.body_case = HOTLINE__REQUEST__BODY_CHAT_END;
		rq.chat_end = &end;
		break;
	default:
		tr.contact = (char *)id;
		rq.body_case = HOTLINE__REQUEST__BODY_CHAT_TRANSCRIPT;
		rq.chat_transcript = &tr;
		break;
	}
	send_rq(a, &rq, tag, id, NULL);
}

static void req_typing(hl_agent_app *a, hl_cm_conv *c, bool on)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__ChatTyping t = HOTLINE__CHAT_TYPING__INIT;

	c->typing_sent = on;
	if (c->kind != HL_CM_CHAT)
		return;
	t.contact = c->id;
	t.on = on;
	rq.body_case = HOTLINE__REQUEST__BODY_CHAT_TYPING;
	rq.chat_typing = &t;
	send_rq(a, &rq, HL_AGENT_TAG_TYPING, c->id, NULL);
}

static void req_send(hl_agent_app *a, hl_cm_conv *c, const char *text)
{
	static unsigned long long counter;
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__ChatSend cs = HOTLINE__CHAT_SEND__INIT;
	char id[64];

	/* Unique per session, so a re-send after a reconnect lands once. */
	snprintf(id, sizeof id, "a%lld-%llu", (long long)a->login_wall, ++counter);
	cs.contact = c->id;
	cs.text = (char *)text;
	cs.client_id = id;
	rq.body_case = HOTLINE__REQUEST__BODY_CHAT_SEND;
	rq.chat_send = &cs;
	send_rq(a, &rq, HL_AGENT_TAG_SEND, c->id, text);
	if (c->typing_sent)
		req_typing(a, c, false);
}

void hl_agent_perform_floor(hl_agent_app *a)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__Floor fl = HOTLINE__FLOOR__INIT;

	if (a->floor_asked || !a->net)
		return;
	a->floor_asked = true;
	rq.body_case = HOTLINE__REQUEST__BODY_FLOOR;
	rq.floor = &fl;
	send_rq(a, &rq, HL_AGENT_TAG_FLOOR, NULL, NULL);
}

/* --- choosing the conversation an action is for --- */

/* The conversation of `kind` that an action means: the one numbered or
 * named by word, else the one shown when it is of that kind, else (for
 * offers and wrap-ups) the first of that kind in the list. */
static hl_cm_conv *target(hl_agent_app *a, int kind, const char *word, size_t wlen)
{
	hl_cm_conv *c = NULL;
	char w[32];

	if (wlen) {
		snprintf(w, sizeof w, "%.*s", (int)wlen, word);
		if (w[0] >= '1' && w[0] <= '9' && !w[1])
			c = hl_cm_at(&a->desk, (size_t)(w[0] - '1'));
		else
			c = hl_cm_find(&a->desk, w);
		return c && c->kind == kind ? c : NULL;
	}
	c = hl_cm_selected(&a->desk);
	if (c && c->kind == kind)
		return c;
	if (kind == HL_CM_CHAT)
		return NULL;
	for (size_t i = 0; (c = hl_cm_at(&a->desk, i)); i++)
		if (c->kind == kind)
			return c;
	return NULL;
}

static void none_of(hl_agent_app *a, int kind)
{
	static const char *const what[] = {
		[HL_CM_OFFER] = N_("There is no offer to answer."),
		[HL_CM_CHAT] = N_("Select a conversation in progress first."),
		[HL_CM_WRAPUP] = N_("There is no conversation to wrap up."),
	};

	hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, "%s", _(what[kind]));
}

/* --- selection and typing --- */

void hl_agent_perform_select(hl_agent_app *a, const char *id)
{
	hl_cm_conv *old = hl_cm_selected(&a->desk), *c;

	if (old && id && strcmp(old->id, id) == 0) {
		a->dirty |= hl_cm_select(&a->desk, id);
		return;
	}
	if (old) {
		char *text = hl_tui_editor_text(&a->input);
		free(old->draft);
		old->draft = text && text[0] ? text : NULL;
		if (text && !text[0])
			free(text);
		if (old->typing_sent)
			req_typing(a, old, false);
	}
	a->dirty |= hl_cm_select(&a->desk, id);
	c = hl_cm_selected(&a->desk);
	hl_tui_editor_clear(&a->input);
	if (c && c->draft) {
		hl_tui_editor_set(&a->input, c->draft);
		free(c->draft);
		c->draft = NULL;
	}
	a->dirty |= HL_CM_DIRTY_ALL | HL_AGENT_DIRTY_INPUT;
}

void hl_agent_perform_edited(hl_agent_app *a)
{
	hl_cm_conv *c = hl_cm_selected(&a->desk);
	bool writing = a->input.len > 0 && a->input.buf[0] != '/';

	a->last_edit = hl_clock_mono_ms();
	a->dirty |= HL_AGENT_DIRTY_INPUT;
	if (!c || c->kind != HL_CM_CHAT)
		return;
	if (writing && !c->typing_sent)
		req_typing(a, c, true);
	else if (!writing && c->typing_sent)
		req_typing(a, c, false);
}

void hl_agent_perform_tick(hl_agent_app *a, hl_cm_now now)
{
	hl_cm_conv *c = hl_cm_selected(&a->desk);

	if (c && c->typing_sent && now.mono - a->last_edit >= TYPING_IDLE_MS)
		req_typing(a, c, false);
	if (now.mono >= a->floor_due) {
		a->floor_due = now.mono + FLOOR_EVERY_MS;
		hl_agent_perform_floor(a);
	}
}

/* --- actions --- */

static void open_figures(hl_agent_app *a)
{
	int asked = 0;

	/* Ratings arrive after the end: read them from the transcripts. */
	for (size_t i = 0; i < a->desk.figures.n && asked < RATINGS_MAX; i++) {
		if (a->desk.figures.v[i].csat)
			continue;
		req_contact(a, HL_AGENT_TAG_RATING, a->desk.figures.v[i].id);
		asked++;
	}
	a->floor_asked = false;
	hl_agent_perform_floor(a);
	hl_agent_ui_figures(a, true);
}

static void quit(hl_agent_app *a)
{
	size_t open = hl_cm_count(&a->desk, -1);
	char text[512];
	const char *buttons[2];

	if (!open) {
		a->quit = true;
		return;
	}
	snprintf(text, sizeof text,
		 _("%zu conversations are open on your desk. If you quit, you are signed out "
		   "and they go back to the queue at once. Quit anyway?"),
		 open);
	buttons[0] = _("Stay");
	buttons[1] = _("Quit");
	hl_tui_dialog_open(&a->dialog, HL_AGENT_ASK_QUIT, _("Quit"), text, buttons, 2);
	hl_tui_pane_dirty(a->p_dialog);
}

static void move_selection(hl_agent_app *a, int delta)
{
	size_t n = a->desk.n;
	long pos = hl_cm_pos(&a->desk, a->desk.selected);
	hl_cm_conv *c;

	if (!n)
		return;
	pos = pos < 0 ? 0 : (pos + delta + (long)n) % (long)n;
	if ((c = hl_cm_at(&a->desk, (size_t)pos)))
		hl_agent_perform_select(a, c->id);
}

static void contact_action(hl_agent_app *a, int action, const char *word, size_t wlen)
{
	static const struct {
		int action, kind, tag;
	} map[] = {
		{HL_AGENT_ACT_ACCEPT, HL_CM_OFFER, HL_AGENT_TAG_ACCEPT},
		{HL_AGENT_ACT_DECLINE, HL_CM_OFFER, HL_AGENT_TAG_DECLINE},
		{HL_AGENT_ACT_END, HL_CM_CHAT, HL_AGENT_TAG_END},
	};

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++) {
		hl_cm_conv *c;
		if (map[i].action != action)
			continue;
		if (!(c = target(a, map[i].kind, word, wlen))) {
			none_of(a, map[i].kind);
			return;
		}
		if (c->typing_sent)
			req_typing(a, c, false);
		req_contact(a, map[i].tag, c->id);
		if (action == HL_AGENT_ACT_ACCEPT)
			hl_agent_perform_select(a, c->id);
	}
}

void hl_agent_perform(hl_agent_app *a, int action, int number)
{
	hl_cm_conv *c;
	size_t nk;
	const hl_tui_key *keys;
	int focus;
	hl_tui_textview *tv;

	switch (action) {
	case HL_AGENT_ACT_ACCEPT:
	case HL_AGENT_ACT_DECLINE:
	case HL_AGENT_ACT_END:
		contact_action(a, action, "", 0);
		break;
	case HL_AGENT_ACT_TRANSFER_ASK:
		if (!(c = target(a, HL_CM_CHAT, "", 0))) {
			none_of(a, HL_CM_CHAT);
			break;
		}
		/* The menu opens when the agents' states are in. */
		snprintf(a->pick_contact, sizeof a->pick_contact, "%s", c->id);
		hl_agent_perform_agent_list(a);
		break;
	case HL_AGENT_ACT_WRAP_ASK:
		hl_agent_choose_wrap(a);
		break;
	case HL_AGENT_ACT_STATE_MENU:
		hl_agent_choose_state(a);
		break;
	case HL_AGENT_ACT_HELP:
		keys = hl_agent_ui_keys(&nk);
		if (hl_tui_help_open(&a->help, _("Help: keys and commands"), keys, nk) == 0)
			hl_tui_pane_dirty(a->p_help);
		break;
	case HL_AGENT_ACT_QUIT:
		quit(a);
		break;
	case HL_AGENT_ACT_FIGURES:
		open_figures(a);
		break;
	case HL_AGENT_ACT_INFO:
		a->side_mode = a->lo.side_shown ? 0 : 1;
		hl_agent_ui_place(a);
		break;
	case HL_AGENT_ACT_GOTO:
		if ((c = hl_cm_at(&a->desk, (size_t)(number - 1))))
			hl_agent_perform_select(a, c->id);
		break;
	case HL_AGENT_ACT_NEXT:
	case HL_AGENT_ACT_PREV:
		move_selection(a, action == HL_AGENT_ACT_NEXT ? 1 : -1);
		break;
	case HL_AGENT_ACT_FOCUS_NEXT:
	case HL_AGENT_ACT_FOCUS_PREV:
		focus = a->focus;
		do {
			focus = (focus + (action == HL_AGENT_ACT_FOCUS_NEXT ? 1 : HL_AGENT_FOCUS_COUNT - 1)) %
				HL_AGENT_FOCUS_COUNT;
		} while (focus == HL_AGENT_FOCUS_SIDE && !a->lo.side_shown);
		a->focus = focus;
		a->dirty |= HL_CM_DIRTY_ALL | HL_AGENT_DIRTY_INPUT;
		break;
	case HL_AGENT_ACT_PAGE_UP:
	case HL_AGENT_ACT_PAGE_DOWN:
		if ((c = hl_cm_selected(&a->desk)) && (tv = hl_agent_view(c, a->view_width)) &&
		    hl_tui_textview_page(tv, action == HL_AGENT_ACT_PAGE_UP ? -1 : 1))
			a->dirty |= HL_CM_DIRTY_VIEW;
		break;
	case HL_AGENT_ACT_REPAINT:
		hl_tui_screen_repaint();
		a->dirty |= ~0u;
		break;
	case HL_AGENT_ACT_DISMISS:
		hl_tui_toast_dismiss(&a->toast);
		break;
	default:
		break;
	}
}

void hl_agent_perform_state(hl_agent_app *a, const char *state, const char *reason)
{
	req_state(a, state, reason);
}

void hl_agent_perform_transfer(hl_agent_app *a, const char *contact, const char *to, bool agent,
			       const char *note)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__ChatTransfer t = HOTLINE__CHAT_TRANSFER__INIT;
	hl_cm_conv *c = hl_cm_find(&a->desk, contact);

	if (!c || c->kind != HL_CM_CHAT) {
		none_of(a, HL_CM_CHAT);
		return;
	}
	t.contact = c->id;
	t.to_queue = agent ? "" : (char *)to;
	t.to_agent = agent ? (char *)to : "";
	t.note = (char *)(note ? note : "");
	rq.body_case = HOTLINE__REQUEST__BODY_CHAT_TRANSFER;
	rq.chat_transfer = &t;
	if (c->typing_sent)
		req_typing(a, c, false);
	send_rq(a, &rq, HL_AGENT_TAG_TRANSFER, c->id, to);
}

void hl_agent_perform_wrap(hl_agent_app *a, const char *code, const char *note)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__AgentWrapup w = HOTLINE__AGENT_WRAPUP__INIT;
	hl_cm_conv *c = target(a, HL_CM_WRAPUP, "", 0);

	/* No conversation of ours in wrap-up: the broker takes the newest
	 * one that ended. */
	w.contact = c ? c->id : "";
	w.code = (char *)code;
	w.note = (char *)(note ? note : "");
	rq.body_case = HOTLINE__REQUEST__BODY_AGENT_WRAPUP;
	rq.agent_wrapup = &w;
	send_rq(a, &rq, HL_AGENT_TAG_WRAP, c ? c->id : "", NULL);
}

void hl_agent_perform_agent_list(hl_agent_app *a)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	Hotline__AgentList al = HOTLINE__AGENT_LIST__INIT;

	rq.body_case = HOTLINE__REQUEST__BODY_AGENT_LIST;
	rq.agent_list = &al;
	send_rq(a, &rq, HL_AGENT_TAG_AGENTS, NULL, NULL);
}

/* Runs a parsed slash command. */
static void command(hl_agent_app *a, const hl_agent_cmdline *cl)
{
	char state[32], reason[32], who[68];
	hl_cm_conv *c;

	switch (cl->action) {
	case HL_AGENT_ACT_ACCEPT:
	case HL_AGENT_ACT_DECLINE:
	case HL_AGENT_ACT_END:
		contact_action(a, cl->action, cl->word, cl->word_len);
		break;
	case HL_AGENT_ACT_STATE:
		if (hl_agent_command_state(cl->word, cl->word_len, cl->rest, state, reason,
					   sizeof state) < 0) {
			hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, "%s",
					  _("/state wants available, offline, or a reason such as "
					    "break, lunch, meeting, training"));
			break;
		}
		req_state(a, state, reason);
		break;
	case HL_AGENT_ACT_TRANSFER: {
		bool agent;
		if (!(c = target(a, HL_CM_CHAT, "", 0))) {
			none_of(a, HL_CM_CHAT);
			break;
		}
		agent = hl_agent_command_target(cl->word, cl->word_len, who, sizeof who);
		if (!who[0]) {
			hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, "%s",
					  _("Name a queue or @agent to transfer to"));
			break;
		}
		hl_agent_perform_transfer(a, c->id, who, agent, cl->rest);
		break;
	}
	case HL_AGENT_ACT_WRAP: {
		char code[64];
		snprintf(code, sizeof code, "%.*s", (int)cl->word_len, cl->word);
		hl_agent_perform_wrap(a, code, cl->rest);
		break;
	}
	default:
		hl_agent_perform(a, cl->action, 0);
		break;
	}
}

void hl_agent_perform_line(hl_agent_app *a, const char *line)
{
	hl_agent_cmdline cl;
	hl_cm_conv *c;

	hl_agent_command_parse(line, &cl);
	if (cl.error) {
		char msg[256];
		const char *name = cl.cmd ? cl.cmd->name : "";
		snprintf(msg, sizeof msg, _(cl.error), name);
		hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, "%s", msg);
		return;
	}
	if (cl.action == HL_AGENT_ACT_SEND) {
		if (!(c = target(a, HL_CM_CHAT, "", 0))) {
			none_of(a, HL_CM_CHAT);
			hl_tui_editor_set(&a->input, line);
			return;
		}
		req_send(a, c, cl.rest);
		return;
	}
	if (cl.action != HL_AGENT_ACT_NONE)
		command(a, &cl);
}

/* --- replies --- */

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

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strcmp(words[i].reason, reason) == 0)
			return _(words[i].text);
	return reason;
}

void hl_agent_perform_reply(hl_agent_app *a, const hl_evq_item *it)
{
	hl_cm_now now = hl_agent_app_now();
	const Hotline__Reply *rp = it->rp;

	switch (it->tag) {
	case HL_AGENT_TAG_FLOOR:
		a->floor_asked = false;
		if (it->rc == 0 && rp && rp->body_case == HOTLINE__REPLY__BODY_FLOOR)
			a->dirty |= hl_cm_floor(&a->desk, rp->floor, now);
		if (a->figures_open)
			hl_agent_ui_figures(a, false);
		return;
	case HL_AGENT_TAG_QUEUES:
		if (it->rc == 0 && rp && rp->body_case == HOTLINE__REPLY__BODY_QUEUES)
			a->dirty |= hl_cm_queue_list(&a->desk, rp->queues);
		return;
	case HL_AGENT_TAG_TRANSCRIPT:
	case HL_AGENT_TAG_RATING:
		if (it->rc == 0 && rp && rp->body_case == HOTLINE__REPLY__BODY_TRANSCRIPT) {
			a->dirty |= hl_cm_transcript(&a->desk, rp->transcript, now);
			a->side_stale = true;
		}
		if (it->tag == HL_AGENT_TAG_RATING && a->figures_open)
			hl_agent_ui_figures(a, false);
		return;
	case HL_AGENT_TAG_TYPING:
		return;  /* a lost typing indicator is not worth a word */
	case HL_AGENT_TAG_AGENTS:
		/* Without the agents the queues can still be chosen. */
		if (it->rc < 0)
			hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, _("Agents not listed: %s"), it->err);
		hl_agent_choose_transfer(a, it->rc == 0 && rp && rp->body_case ==
					 HOTLINE__REPLY__BODY_AGENTS ? rp->agents : NULL);
		return;
	default:
		break;
	}
	if (it->rc < 0) {
		static const char *const what[] = {
			[HL_AGENT_TAG_STATE] = N_("Your state was not changed: %s"),
			[HL_AGENT_TAG_ACCEPT] = N_("Could not accept: %s"),
			[HL_AGENT_TAG_DECLINE] = N_("Could not decline: %s"),
			[HL_AGENT_TAG_END] = N_("Could not end the conversation: %s"),
			[HL_AGENT_TAG_TRANSFER] = N_("Not transferred: %s"),
			[HL_AGENT_TAG_WRAP] = N_("Wrap-up not recorded: %s"),
			[HL_AGENT_TAG_SEND] = N_("Not sent: %s"),
		};
		const char *fmt = it->tag > 0 && it->tag <= HL_AGENT_TAG_SEND && what[it->tag]
					  ? _(what[it->tag]) : "%s";
		hl_agent_ui_toast(a, HL_TUI_TOAST_ERROR, 0, fmt, it->err);
		/* A line that did not go comes back to be sent again. */
		if (it->tag == HL_AGENT_TAG_SEND && it->ctx && a->input.len == 0 &&
		    strcmp(a->desk.selected, it->ref) == 0) {
			hl_tui_editor_set(&a->input, it->ctx);
			a->dirty |= HL_AGENT_DIRTY_INPUT;
		}
		return;
	}
	switch (it->tag) {
	case HL_AGENT_TAG_TRANSFER:
		hl_agent_ui_toast(a, HL_TUI_TOAST_INFO, 0, _("%s transferred to %s"), it->ref,
				  it->ctx ? it->ctx : "");
		break;
	case HL_AGENT_TAG_WRAP:
		if (it->ref[0])
			a->dirty |= hl_cm_wrapped(&a->desk, it->ref, now);
		a->dirty |= HL_AGENT_DIRTY_INPUT;
		hl_agent_ui_toast(a, HL_TUI_TOAST_INFO, 0, "%s", _("Wrap-up done"));
		break;
	case HL_AGENT_TAG_ACCEPT:
		a->focus = HL_AGENT_FOCUS_INPUT;
		a->dirty |= HL_CM_DIRTY_ALL | HL_AGENT_DIRTY_INPUT;
		break;
	default:
		break;
	}
}

static void news(hl_agent_app *a, const hl_cm_news *n)
{
	const char *ql;
	char masked[sizeof n->text];

	switch (n->kind) {
	case HL_CM_NEWS_OFFER:
		ql = hl_cm_queue_label(&a->desk, n->from);
		beep();
		hl_agent_mask_text(n->text, masked, sizeof masked);
		hl_agent_ui_toast(a, HL_TUI_TOAST_INFO, 0, _("New offer (%s): %s"),
				  ql[0] ? ql : n->from, masked);
		a->floor_due = 0;
		break;
	case HL_CM_NEWS_OFFER_GONE:
		hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, _("Offer %s withdrawn: %s"), n->contact,
				  reason_words(n->text));
		a->floor_due = 0;
		break;
	case HL_CM_NEWS_ENDED:
		hl_agent_ui_toast(a, HL_TUI_TOAST_INFO, 0,
				  _("The customer ended %s. Wrap up with /wrap or F7."), n->contact);
		break;
	case HL_CM_NEWS_MOVED:
		hl_agent_ui_toast(a, HL_TUI_TOAST_INFO, 0, _("%s left your desk: %s"), n->contact,
				  reason_words(n->text));
		break;
	case HL_CM_NEWS_NOTICE:
		hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 20000, _("Broadcast from %s: %s"),
				  n->from[0] ? n->from : _("the floor"), n->text);
		break;
	case HL_CM_NEWS_FETCH:
		req_contact(a, HL_AGENT_TAG_TRANSCRIPT, n->contact);
		a->floor_due = 0;
		break;
	default:
		break;
	}
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
				req_contact(a, HL_AGENT_TAG_TRANSCRIPT, a->desk.conv[i]->id);
		hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, "%s",
				  _("The broker sent a fresh snapshot; conversations reloaded"));
	}
	moved(a, before);
}

void hl_agent_perform_dialog_done(hl_agent_app *a)
{

	switch (a->dialog.id) {
	case HL_AGENT_ASK_QUIT:
		if (a->dialog.result == 1)
			a->quit = true;
		break;
	case HL_AGENT_ASK_TRANSFER:
	case HL_AGENT_ASK_WRAP:
		hl_agent_choose_note_done(a);
		break;
	default:
		break;
	}
	hl_tui_editor_clear(&a->dialog.input);
	a->dirty |= HL_CM_DIRTY_ALL | HL_AGENT_DIRTY_INPUT | HL_AGENT_DIRTY_KEYBAR;
}

void hl_agent_perform_menu_done(hl_agent_app *a)
{
	hl_agent_choose_menu_done(a);
	a->dirty |= HL_CM_DIRTY_ALL | HL_AGENT_DIRTY_INPUT | HL_AGENT_DIRTY_KEYBAR;
}
