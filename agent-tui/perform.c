/* The agent's actions as broker requests, and what their replies and the
 * desk's news do to the screen. Requests go through the worker thread
 * (net.h), so an action never blocks the keyboard. */
#include "perform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "actions.h"
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
#define N(a) (sizeof(a) / sizeof((a)[0]))

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

/* Requests that name only a contact: which body each tag sends. */
typedef union contact_body {
	Hotline__AgentAccept accept;
	Hotline__AgentDecline decline;
	Hotline__ChatEnd end;
	Hotline__ChatTranscript transcript;
} contact_body;

static void body_accept(Hotline__Request *rq, contact_body *b, char *id)
{
	b->accept = (Hotline__AgentAccept)HOTLINE__AGENT_ACCEPT__INIT;
	b->accept.contact = id;
	rq->body_case = HOTLINE__REQUEST__BODY_AGENT_ACCEPT;
	rq->agent_accept = &b->accept;
}

static void body_decline(Hotline__Request *rq, contact_body *b, char *id)
{
	b->decline = (Hotline__AgentDecline)HOTLINE__AGENT_DECLINE__INIT;
	b->decline.contact = id;
	rq->body_case = HOTLINE__REQUEST__BODY_AGENT_DECLINE;
	rq->agent_decline = &b->decline;
}

static void body_end(Hotline__Request *rq, contact_body *b, char *id)
{
	b->end = (Hotline__ChatEnd)HOTLINE__CHAT_END__INIT;
	b->end.contact = id;
	rq->body_case = HOTLINE__REQUEST__BODY_CHAT_END;
	rq->chat_end = &b->end;
}

static void body_transcript(Hotline__Request *rq, contact_body *b, char *id)
{
	b->transcript = (Hotline__ChatTranscript)HOTLINE__CHAT_TRANSCRIPT__INIT;
	b->transcript.contact = id;
	rq->body_case = HOTLINE__REQUEST__BODY_CHAT_TRANSCRIPT;
	rq->chat_transcript = &b->transcript;
}

static const struct {
	int tag;
	void (*body)(Hotline__Request *, contact_body *, char *);
} contact_requests[] = {
	{HL_AGENT_TAG_ACCEPT, body_accept},
	{HL_AGENT_TAG_DECLINE, body_decline},
	{HL_AGENT_TAG_END, body_end},
	{HL_AGENT_TAG_TRANSCRIPT, body_transcript},
	{HL_AGENT_TAG_RATING, body_transcript},
};

void hl_agent_perform_contact(hl_agent_app *a, int tag, const char *id)
{
	Hotline__Request rq = HOTLINE__REQUEST__INIT;
	contact_body body;

	for (size_t i = 0; i < N(contact_requests); i++) {
		if (contact_requests[i].tag != tag)
			continue;
		contact_requests[i].body(&rq, &body, (char *)id);
		send_rq(a, &rq, tag, id, NULL);
		return;
	}
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
		hl_agent_perform_contact(a, HL_AGENT_TAG_RATING, a->desk.figures.v[i].id);
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
		hl_agent_perform_contact(a, map[i].tag, c->id);
		if (action == HL_AGENT_ACT_ACCEPT)
			hl_agent_perform_select(a, c->id);
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

/* --- the actions: one function each, in one table --- */

static void act_contact(hl_agent_app *a, int action, const hl_tui_action_arg *arg)
{
	contact_action(a, action, arg->word, arg->word_len);
}

static void act_accept(void *ctx, const hl_tui_action_arg *arg)
{
	act_contact(ctx, HL_AGENT_ACT_ACCEPT, arg);
}

static void act_decline(void *ctx, const hl_tui_action_arg *arg)
{
	act_contact(ctx, HL_AGENT_ACT_DECLINE, arg);
}

static void act_end(void *ctx, const hl_tui_action_arg *arg)
{
	act_contact(ctx, HL_AGENT_ACT_END, arg);
}

/* The text typed (arg->rest) to the conversation shown. */
static void act_send(void *ctx, const hl_tui_action_arg *arg)
{
	hl_agent_app *a = ctx;
	hl_cm_conv *c = target(a, HL_CM_CHAT, "", 0);

	if (!c) {
		none_of(a, HL_CM_CHAT);
		hl_tui_editor_set(&a->input, arg->rest);
		return;
	}
	req_send(a, c, arg->rest);
}

/* /transfer QUEUE|@AGENT [NOTE] */
static void act_transfer(void *ctx, const hl_tui_action_arg *arg)
{
	hl_agent_app *a = ctx;
	hl_cm_conv *c = target(a, HL_CM_CHAT, "", 0);
	char who[68];
	bool agent;

	if (!c) {
		none_of(a, HL_CM_CHAT);
		return;
	}
	agent = hl_agent_command_target(arg->word, arg->word_len, who, sizeof who);
	if (!who[0]) {
		hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, "%s",
				  _("Name a queue or @agent to transfer to"));
		return;
	}
	hl_agent_perform_transfer(a, c->id, who, agent, arg->rest);
}

/* /state STATE [REASON] */
static void act_state(void *ctx, const hl_tui_action_arg *arg)
{
	hl_agent_app *a = ctx;
	char state[32], reason[32];

	if (hl_agent_command_state(arg->word, arg->word_len, arg->rest, state, reason,
				   sizeof state) < 0) {
		hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, "%s",
				  _("/state wants available, offline, or a reason such as "
				    "break, lunch, meeting, training"));
		return;
	}
	req_state(a, state, reason);
}

/* /wrap [CODE [NOTE]] */
static void act_wrap(void *ctx, const hl_tui_action_arg *arg)
{
	char code[64];

	snprintf(code, sizeof code, "%.*s", (int)arg->word_len, arg->word);
	hl_agent_perform_wrap(ctx, code, arg->rest);
}

static void act_transfer_ask(void *ctx, const hl_tui_action_arg *arg)
{
	hl_agent_app *a = ctx;
	hl_cm_conv *c = target(a, HL_CM_CHAT, "", 0);

	(void)arg;
	if (!c) {
		none_of(a, HL_CM_CHAT);
		return;
	}
	/* The menu opens when the agents' states are in. */
	snprintf(a->pick_contact, sizeof a->pick_contact, "%s", c->id);
	hl_agent_perform_agent_list(a);
}

static void act_wrap_ask(void *ctx, const hl_tui_action_arg *arg)
{
	(void)arg;
	hl_agent_choose_wrap(ctx);
}

static void act_state_menu(void *ctx, const hl_tui_action_arg *arg)
{
	(void)arg;
	hl_agent_choose_state(ctx);
}

static void act_help(void *ctx, const hl_tui_action_arg *arg)
{
	hl_agent_app *a = ctx;
	size_t nk;
	const hl_tui_key *keys = hl_agent_ui_keys(&nk);

	(void)arg;
	if (hl_tui_help_open(&a->help, _("Help: keys and commands"), keys, nk) == 0)
		hl_tui_pane_dirty(a->p_help);
}

static void act_quit(void *ctx, const hl_tui_action_arg *arg)
{
	(void)arg;
	quit(ctx);
}

static void act_figures(void *ctx, const hl_tui_action_arg *arg)
{
	(void)arg;
	open_figures(ctx);
}

static void act_info(void *ctx, const hl_tui_action_arg *arg)
{
	hl_agent_app *a = ctx;

	(void)arg;
	a->side_mode = a->lo.side_shown ? 0 : 1;
	hl_agent_ui_place(a);
}

static void act_goto(void *ctx, const hl_tui_action_arg *arg)
{
	hl_agent_app *a = ctx;
	hl_cm_conv *c = arg->number > 0 ? hl_cm_at(&a->desk, (size_t)(arg->number - 1)) : NULL;

	if (c)
		hl_agent_perform_select(a, c->id);
}

static void act_next(void *ctx, const hl_tui_action_arg *arg)
{
	(void)arg;
	move_selection(ctx, 1);
}

static void act_prev(void *ctx, const hl_tui_action_arg *arg)
{
	(void)arg;
	move_selection(ctx, -1);
}

static void act_focus_next(void *ctx, const hl_tui_action_arg *arg)
{
	(void)arg;
	hl_agent_ui_focus_step(ctx, 1);
}

static void act_focus_prev(void *ctx, const hl_tui_action_arg *arg)
{
	(void)arg;
	hl_agent_ui_focus_step(ctx, -1);
}

static void page(hl_agent_app *a, int pages)
{
	hl_cm_conv *c = hl_cm_selected(&a->desk);
	hl_tui_textview *tv = c ? hl_agent_view(c, a->view_width) : NULL;

	if (tv && hl_tui_textview_page(tv, pages))
		a->dirty |= HL_CM_DIRTY_VIEW;
}

static void act_page_up(void *ctx, const hl_tui_action_arg *arg)
{
	(void)arg;
	page(ctx, -1);
}

static void act_page_down(void *ctx, const hl_tui_action_arg *arg)
{
	(void)arg;
	page(ctx, 1);
}

static void act_repaint(void *ctx, const hl_tui_action_arg *arg)
{
	hl_agent_app *a = ctx;

	(void)arg;
	hl_tui_screen_repaint();
	a->dirty |= ~0u;
}

static void act_dismiss(void *ctx, const hl_tui_action_arg *arg)
{
	hl_agent_app *a = ctx;

	(void)arg;
	hl_tui_toast_dismiss(&a->toast);
}

/* Every action: its id, name, help line (the help overlay's, for the keys
 * bound to it) and what it does. */
static const hl_tui_action actions[] = {
	{HL_AGENT_ACT_SEND, "send", N_("send the line to the customer, or run a /command"), act_send},
	{HL_AGENT_ACT_ACCEPT, "accept", N_("accept the offer"), act_accept},
	{HL_AGENT_ACT_DECLINE, "decline", N_("decline the offer"), act_decline},
	{HL_AGENT_ACT_END, "end", N_("end the conversation"), act_end},
	{HL_AGENT_ACT_TRANSFER, "transfer",
	 N_("transfer to a queue or an agent, with an internal note"), act_transfer},
	{HL_AGENT_ACT_STATE, "state", N_("set your state (a reason alone means Not Ready)"),
	 act_state},
	{HL_AGENT_ACT_WRAP, "wrap", N_("wrap-up code and note, then done"), act_wrap},
	{HL_AGENT_ACT_HELP, "help", N_("this help"), act_help},
	{HL_AGENT_ACT_QUIT, "quit", N_("quit"), act_quit},
	{HL_AGENT_ACT_FIGURES, "figures", N_("your figures for today"), act_figures},
	{HL_AGENT_ACT_INFO, "info", N_("show or hide the customer panel"), act_info},
	{HL_AGENT_ACT_GOTO, "goto", N_("go to conversation 1…9"), act_goto},
	{HL_AGENT_ACT_NEXT, "next", N_("next conversation"), act_next},
	{HL_AGENT_ACT_PREV, "prev", N_("previous conversation"), act_prev},
	{HL_AGENT_ACT_FOCUS_NEXT, "focus-next", N_("move the focus to the next pane"),
	 act_focus_next},
	{HL_AGENT_ACT_FOCUS_PREV, "focus-prev", N_("move the focus to the previous pane"),
	 act_focus_prev},
	{HL_AGENT_ACT_PAGE_UP, "page-up", N_("scroll the transcript up"), act_page_up},
	{HL_AGENT_ACT_PAGE_DOWN, "page-down", N_("scroll the transcript down"), act_page_down},
	{HL_AGENT_ACT_REPAINT, "repaint", N_("repaint the screen"), act_repaint},
	{HL_AGENT_ACT_STATE_MENU, "state-menu", N_("set your state: available, break, lunch, …"),
	 act_state_menu},
	{HL_AGENT_ACT_TRANSFER_ASK, "transfer-ask",
	 N_("transfer to a queue or an agent, with a note"), act_transfer_ask},
	{HL_AGENT_ACT_WRAP_ASK, "wrap-ask", N_("wrap-up code and note, then done"), act_wrap_ask},
	{HL_AGENT_ACT_DISMISS, "dismiss", N_("hide the banner"), act_dismiss},
};

const hl_tui_action *hl_agent_actions(size_t *n)
{
	*n = N(actions);
	return actions;
}

void hl_agent_perform(hl_agent_app *a, int action, int number)
{
	hl_tui_action_arg arg = {.number = number, .word = "", .rest = ""};

	hl_tui_action_run(actions, N(actions), action, a, &arg);
}

void hl_agent_perform_line(hl_agent_app *a, const char *line)
{
	hl_agent_cmdline cl;
	hl_tui_action_arg arg;

	hl_agent_command_parse(line, &cl);
	if (cl.error) {
		char msg[256];
		const char *name = cl.cmd ? cl.cmd->name : "";
		snprintf(msg, sizeof msg, _(cl.error), name);
		hl_agent_ui_toast(a, HL_TUI_TOAST_WARN, 0, "%s", msg);
		return;
	}
	if (cl.action == HL_AGENT_ACT_NONE)
		return;
	if (cl.action == HL_AGENT_ACT_SEND && !target(a, HL_CM_CHAT, "", 0)) {
		/* The line comes back whole, to be sent when a chat is shown. */
		none_of(a, HL_CM_CHAT);
		hl_tui_editor_set(&a->input, line);
		return;
	}
	arg = (hl_tui_action_arg){.word = cl.word, .word_len = cl.word_len, .rest = cl.rest};
	hl_tui_action_run(actions, N(actions), cl.action, a, &arg);
}
