/* The agent's desk, kept from events: each event kind has its handler in a
 * table; conversations live in a small array of owned pointers. */
#include "desk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hotlist.h"
#include "sysline.h"
#include "i18n.h"
#include "mask.h"
#include "theme.h"
#include "timefmt.h"
#include "width.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define SKEW_MS 5000   /* wall clocks this close are taken to agree */

static void set(char *dst, size_t cap, const char *s)
{
	size_t n = s ? hl_tui_width_clip_bytes(s, strlen(s), cap - 1) : 0;

	if (n)
		memcpy(dst, s, n);
	dst[n] = 0;
}

void hl_agent_desk_init(hl_agent_desk *d)
{
	memset(d, 0, sizeof *d);
	hl_agent_figures_init(&d->figures);
	d->view_width = 60;
}

static void conv_free(hl_agent_conv *c)
{
	if (!c)
		return;
	hl_tui_textview_free(&c->tv);
	free(c->draft);
	free(c);
}

void hl_agent_desk_free(hl_agent_desk *d)
{
	for (size_t i = 0; i < d->n; i++)
		conv_free(d->conv[i]);
	hl_agent_figures_free(&d->figures);
	memset(d, 0, sizeof *d);
}

void hl_agent_desk_set_me(hl_agent_desk *d, const char *name, const char *display)
{
	set(d->me, sizeof d->me, name);
	set(d->display, sizeof d->display, display && display[0] ? display : name);
}

hl_agent_conv *hl_agent_desk_find(const hl_agent_desk *d, const char *id)
{
	for (size_t i = 0; id && i < d->n; i++)
		if (strcmp(d->conv[i]->id, id) == 0)
			return d->conv[i];
	return NULL;
}

hl_agent_conv *hl_agent_desk_selected(const hl_agent_desk *d)
{
	return d->selected[0] ? hl_agent_desk_find(d, d->selected) : NULL;
}

static bool is_selected(const hl_agent_desk *d, const hl_agent_conv *c)
{
	return c && strcmp(d->selected, c->id) == 0;
}

/* A new conversation on the desk, or NULL when it is full. */
static hl_agent_conv *conv_new(hl_agent_desk *d, const char *id, int kind, hl_agent_now now)
{
	hl_agent_conv *c;

	if (d->n == HL_AGENT_CONV_MAX || !(c = calloc(1, sizeof *c)))
		return NULL;
	set(c->id, sizeof c->id, id);
	c->kind = kind;
	c->since = now.mono;
	c->visitor.past_contacts = 0;
	hl_tui_textview_init(&c->tv, HL_AGENT_LINES_MAX);
	hl_tui_textview_resize(&c->tv, 10, d->view_width > 0 ? d->view_width : 60);
	d->conv[d->n++] = c;
	return c;
}

unsigned hl_agent_desk_select(hl_agent_desk *d, const char *id)
{
	hl_agent_conv *c = id ? hl_agent_desk_find(d, id) : NULL;

	if (!c) {
		if (!d->selected[0])
			return 0;
		d->selected[0] = 0;
		return HL_AGENT_DIRTY_ALL;
	}
	if (strcmp(d->selected, c->id) == 0 && !c->unread)
		return 0;
	set(d->selected, sizeof d->selected, c->id);
	c->unread = 0;
	return HL_AGENT_DIRTY_ALL;
}

unsigned hl_agent_desk_remove(hl_agent_desk *d, const char *id)
{
	size_t order[HL_AGENT_CONV_MAX], n, at = 0, k;
	bool was = strcmp(d->selected, id) == 0;
	hl_agent_conv *gone = NULL;

	n = hl_agent_hotlist_order(d, order, N(order));
	for (k = 0; k < n; k++)
		if (strcmp(d->conv[order[k]]->id, id) == 0)
			at = k;
	for (size_t i = 0; i < d->n; i++) {
		if (strcmp(d->conv[i]->id, id) == 0) {
			gone = d->conv[i];
			memmove(&d->conv[i], &d->conv[i + 1], (d->n - i - 1) * sizeof d->conv[0]);
			d->n--;
			break;
		}
	}
	if (!gone)
		return 0;
	conv_free(gone);
	if (was) {
		/* The one that took its place in the list, else the one above. */
		d->selected[0] = 0;
		n = hl_agent_hotlist_order(d, order, N(order));
		if (n)
			hl_agent_desk_select(d, d->conv[order[at < n ? at : n - 1]]->id);
	}
	return HL_AGENT_DIRTY_ALL;
}

unsigned hl_agent_desk_wrapped(hl_agent_desk *d, const char *id, hl_agent_now now)
{
	hl_agent_conv *c = hl_agent_desk_find(d, id);

	if (c && c->ended_mono)
		hl_agent_figures_wrapped(&d->figures, id, now.mono - c->ended_mono);
	return hl_agent_desk_remove(d, id);
}

const char *hl_agent_desk_code_label(const hl_agent_desk *d, const char *kind, const char *id)
{
	return hl_agent_codes_label(&d->codes, kind, id, d->zh);
}

/* --- transcript lines --- */

/* The broker's fixed English system lines, and patterns with one %s. */
static const struct {
	const char *prefix, *suffix;  /* the text is prefix + %s + suffix */
	const char *msgid;
} system_texts[] = {
	{"The agent ended the conversation", NULL, N_("The agent ended the conversation")},
	{"The customer ended the conversation", NULL, N_("The customer ended the conversation")},
	{"", " joined the conversation", N_("%s joined the conversation")},
	{"Transferred to ", "", N_("Transferred to %s")},
};

/* Writes the system line's text in the interface language. */
static void system_text(const char *text, char *out, size_t cap)
{
	size_t len = strlen(text);

	for (size_t i = 0; i < N(system_texts); i++) {
		const char *p = system_texts[i].prefix, *s = system_texts[i].suffix;
		size_t pl = strlen(p), sl = s ? strlen(s) : 0;
		if (!s) {
			if (strcmp(text, p) == 0) {
				snprintf(out, cap, "%s", _(system_texts[i].msgid));
				return;
			}
			continue;
		}
		if (len > pl + sl && strncmp(text, p, pl) == 0 && strcmp(text + len - sl, s) == 0) {
			char arg[256];
			snprintf(arg, sizeof arg, "%.*s", (int)(len - pl - sl), text + pl);
			snprintf(out, cap, _(system_texts[i].msgid), arg);
			return;
		}
	}
	snprintf(out, cap, "%s", text);
}

static const char *tr(const char *msgid)
{
	return _(msgid);
}

size_t hl_agent_desk_format_line(const Hotline__ChatLine *l, char *buf, size_t cap, int *role,
				 int *indent)
{
	char hm[16] = "--:--", sys[512];
	time_t t = (time_t)(l->ts_ms / 1000);
	struct tm tm;
	const char *from = l->from ? l->from : "";
	const char *name = l->name && l->name[0] ? l->name : NULL;
	int n;

	if (l->ts_ms > 0 && localtime_r(&t, &tm))
		strftime(hm, sizeof hm, "%H:%M", &tm);
	*indent = hl_tui_width_str(hm) + 1;
	if (strcmp(from, "system") == 0) {
		/* A coded line in the desk's language; an old row by its text. */
		if (hl_sysline_render(l, tr, sys, sizeof sys) < 0)
			system_text(l->text, sys, sizeof sys);
		*role = HL_TUI_ROLE_SYSTEM;
		n = snprintf(buf, cap, "%s \u00b7 %s", hm, sys);
	} else if (strcmp(from, "note") == 0 || strcmp(from, "whisper") == 0) {
		/* Only the agent sees these: marked so they are never mistaken
		 * for the customer's words. */
		*role = HL_TUI_ROLE_WHISPER;
		n = snprintf(buf, cap, "%s %s %s: %s", hm,
			     strcmp(from, "note") == 0 ? _("[note]") : _("[whisper]"),
			     name ? name : _("supervisor"), l->text);
	} else if (strcmp(from, "customer") == 0) {
		/* The customer's own words carry their phone numbers and
		 * addresses: masked here as in the side panel, one rule. */
		char masked[16384];
		*role = HL_TUI_ROLE_CUSTOMER;
		hl_agent_mask_text(l->text ? l->text : "", masked, sizeof masked);
		n = snprintf(buf, cap, "%s %s: %s", hm, name ? name : _("Customer"), masked);
	} else {
		*role = HL_TUI_ROLE_AGENT;
		n = snprintf(buf, cap, "%s %s: %s", hm, name ? name : from, l->text);
	}
	if (n < 0)
		n = 0;
	if ((size_t)n >= cap)
		n = (int)hl_tui_width_clip_bytes(buf, cap - 1, cap - 1);
	buf[n] = 0;
	return (size_t)n;
}

/* Appends a line to c's view. */
static void view_add(hl_agent_conv *c, const Hotline__ChatLine *l)
{
	char buf[16384 + 600];
	int role, indent;
	size_t n = hl_agent_desk_format_line(l, buf, sizeof buf, &role, &indent);

	hl_tui_textview_append(&c->tv, buf, n, role, indent);
	/* The notice that the chat moved away says it in the desk's language
	 * and with the queue's label, as this line does; the broker's reason
	 * text is English. */
	if (l->code && (strcmp(l->code, HL_SYSLINE_TRANSFERRED) == 0 ||
			strcmp(l->code, HL_SYSLINE_TRANSFERRED_AGENT) == 0) &&
	    hl_sysline_render(l, tr, c->moved_text, sizeof c->moved_text) < 0)
		c->moved_text[0] = 0;
}

/* An offer's preview in the view: where from, the first message, a note. */
static void view_offer(hl_agent_desk *d, hl_agent_conv *c, int64_t ts)
{
	Hotline__ChatLine l = HOTLINE__CHAT_LINE__INIT;
	char text[256];

	hl_tui_textview_clear(&c->tv);
	c->last_seq = 0;
	snprintf(text, sizeof text, _("Offer from queue %s"),
		 hl_agent_desk_queue_label(d, c->queue)[0] ? hl_agent_desk_queue_label(d, c->queue)
							     : c->queue);
	l.from = "system";
	l.name = "";
	l.text = text;
	l.ts_ms = ts;
	view_add(c, &l);
	if (c->note[0]) {
		l.from = "note";
		l.name = _("Transfer note");
		l.text = c->note;
		view_add(c, &l);
	}
	if (c->first_text[0]) {
		l.from = "customer";
		l.name = c->customer;
		l.text = c->first_text;
		view_add(c, &l);
	}
}

static void visitor_copy(hl_agent_visitor *v, const Hotline__Visitor *pv)
{
	memset(v, 0, sizeof *v);
	if (!pv)
		return;
	v->known = true;
	set(v->referrer, sizeof v->referrer, pv->referrer);
	set(v->landing, sizeof v->landing, pv->landing);
	set(v->keywords, sizeof v->keywords, pv->keywords);
	set(v->region, sizeof v->region, pv->region);
	set(v->device, sizeof v->device, pv->device);
	v->returning = pv->returning;
	v->past_contacts = pv->past_contacts;
	for (size_t i = 0; i < pv->n_pages; i++) {
		size_t len = strlen(v->pages);
		snprintf(v->pages + len, sizeof v->pages - len, "%s%s", i ? " \u2192 " : "",
			 pv->pages[i]);
	}
}

static void add_news(hl_agent_news *news, size_t max, size_t *nnews, int kind,
		     const char *contact, const char *text, const char *from)
{
	hl_agent_news *n;

	if (*nnews >= max)
		return;
	n = &news[(*nnews)++];
	memset(n, 0, sizeof *n);
	n->kind = kind;
	set(n->contact, sizeof n->contact, contact);
	set(n->text, sizeof n->text, text);
	set(n->from, sizeof n->from, from);
}

/* --- events --- */

typedef struct apply_ctx {
	hl_agent_desk *d;
	const Hotline__Event *ev;
	hl_agent_now now;
	hl_agent_news *news;
	size_t max, *nnews;
} apply_ctx;

static unsigned set_status(apply_ctx *x, const Hotline__AgentStatus *as)
{
	hl_agent_desk *d = x->d;
	int64_t ago = x->ev->time_ms - as->since_ms;

	if (d->me[0] && strcmp(as->agent, d->me) != 0)
		return 0;
	set(d->state, sizeof d->state, as->state);
	set(d->reason, sizeof d->reason, as->reason);
	d->state_since = x->now.mono - (ago > 0 ? ago : 0);
	return HL_AGENT_DIRTY_STATUS;
}

/* "Today" is the broker's day: its conversations replace what this desk
 * counted, so a desk started at noon shows the morning too. */
static void day_from_broker(hl_agent_desk *d, const Hotline__Snapshot *snap)
{
	d->day_start_ms = snap->day_start_ms;
	hl_agent_figures_clear(&d->figures);
	for (size_t i = 0; i < snap->n_today; i++) {
		const Hotline__DayItem *it = snap->today[i];
		if (!it->contact || hl_agent_figures_ended(&d->figures, it->contact, it->talk_ms) < 0)
			continue;
		if (it->wrap_ms >= 0)
			hl_agent_figures_wrapped(&d->figures, it->contact, it->wrap_ms);
		hl_agent_figures_rating(&d->figures, it->contact, (int)it->csat, it->nps);
	}
}

static unsigned on_snapshot(apply_ctx *x)
{
	const Hotline__Snapshot *snap = x->ev->snapshot;
	const Hotline__User *me = snap->me;
	unsigned flags = HL_AGENT_DIRTY_STATUS;

	if (me && me->name && me->name[0])
		hl_agent_desk_set_me(x->d, me->name, me->display);
	if (snap->status)
		flags |= set_status(x, snap->status);
	hl_agent_codes_set(&x->d->codes, snap->codes, snap->n_codes);
	if (snap->day_start_ms)
		day_from_broker(x->d, snap);
	/* Conversations in progress come back with their history after a
	 * restart of this client or a resync. */
	for (size_t i = 0; i < snap->n_open_contacts; i++) {
		const char *id = snap->open_contacts[i];
		hl_agent_conv *c = hl_agent_desk_find(x->d, id);
		if (!c && !(c = conv_new(x->d, id, HL_AGENT_CHAT, x->now)))
			continue;
		add_news(x->news, x->max, x->nnews, HL_AGENT_NEWS_FETCH, c->id, "", "");
		if (!x->d->selected[0])
			hl_agent_desk_select(x->d, c->id);
		flags |= HL_AGENT_DIRTY_ALL;
	}
	return flags;
}

static unsigned on_offer(apply_ctx *x)
{
	const Hotline__Offer *o = x->ev->offer;
	hl_agent_desk *d = x->d;
	hl_agent_conv *c = hl_agent_desk_find(d, o->contact);

	if (!c && !(c = conv_new(d, o->contact, HL_AGENT_OFFER, x->now)))
		return 0;
	c->kind = HL_AGENT_OFFER;
	c->since = x->now.mono;
	set(c->queue, sizeof c->queue, o->queue);
	set(c->customer, sizeof c->customer, o->customer);
	set(c->first_text, sizeof c->first_text, o->first_text);
	set(c->note, sizeof c->note, o->note);
	visitor_copy(&c->visitor, o->visitor);
	c->deadline = o->expires_ms ? hl_agent_timefmt_deadline(o->expires_ms, x->ev->time_ms,
							     x->now.mono, x->now.wall, SKEW_MS)
				    : 0;
	c->waiting_since = 0;
	c->typing = false;
	c->history = false;
	view_offer(d, c, x->ev->time_ms);
	if (!d->selected[0])
		hl_agent_desk_select(d, c->id);
	add_news(x->news, x->max, x->nnews, HL_AGENT_NEWS_OFFER, c->id, o->first_text, o->queue);
	return HL_AGENT_DIRTY_ALL;
}

/* The customer's first line came while the offer was pending: shown in
 * the offer's preview; the countdown goes on as it was. */
static unsigned on_offer_update(apply_ctx *x)
{
	const Hotline__Offer *o = x->ev->offer_update;
	hl_agent_conv *c = hl_agent_desk_find(x->d, o->contact);

	if (!c || c->kind != HL_AGENT_OFFER || !o->first_text[0])
		return 0;
	set(c->first_text, sizeof c->first_text, o->first_text);
	view_offer(x->d, c, x->ev->time_ms);
	return HL_AGENT_DIRTY_ALL;
}

static unsigned on_line(apply_ctx *x)
{
	const Hotline__ContactLine *cl = x->ev->line;
	const Hotline__ChatLine *l = cl->line;
	hl_agent_desk *d = x->d;
	hl_agent_conv *c = hl_agent_desk_find(d, cl->contact);
	unsigned flags = HL_AGENT_DIRTY_LIST | HL_AGENT_DIRTY_STATUS;

	if (!l)
		return 0;
	if (!c) {
		/* A conversation the desk did not know (a restart of this
		 * client): take it on and fetch what came before. */
		if (!(c = conv_new(d, cl->contact, HL_AGENT_CHAT, x->now)))
			return 0;
		add_news(x->news, x->max, x->nnews, HL_AGENT_NEWS_FETCH, c->id, "", "");
		if (!d->selected[0])
			hl_agent_desk_select(d, c->id);
	}
	if (l->seq && l->seq <= c->last_seq)
		return 0;
	if (l->seq)
		c->last_seq = l->seq;
	view_add(c, l);
	if (strcmp(l->from, "customer") == 0) {
		c->waiting_since = x->now.mono;
		c->typing = false;
		flags |= HL_AGENT_DIRTY_TYPING;
	} else if (strcmp(l->from, "agent") == 0) {
		c->waiting_since = 0;
	}
	if (!is_selected(d, c) && strcmp(l->from, "agent") != 0)
		c->unread++;
	if (is_selected(d, c))
		flags |= HL_AGENT_DIRTY_VIEW;
	return flags;
}

static unsigned on_typing(apply_ctx *x)
{
	hl_agent_conv *c = hl_agent_desk_find(x->d, x->ev->typing->contact);
	bool on = x->ev->typing->on;

	if (!c)
		return 0;
	if (on)
		c->typing_at = x->now.mono;
	if (c->typing == on)
		return 0;
	c->typing = on;
	return is_selected(x->d, c) ? HL_AGENT_DIRTY_TYPING | HL_AGENT_DIRTY_LIST
				    : HL_AGENT_DIRTY_LIST;
}

static unsigned on_contact_state(apply_ctx *x)
{
	const Hotline__ContactState *cs = x->ev->contact_state;
	hl_agent_desk *d = x->d;
	hl_agent_conv *c = hl_agent_desk_find(d, cs->contact);
	const char *st = cs->state;

	if (strcmp(st, "active") == 0) {
		if (!c && !(c = conv_new(d, cs->contact, HL_AGENT_CHAT, x->now)))
			return 0;
		c->kind = HL_AGENT_CHAT;
		c->since = x->now.mono;
		c->answered_wall = x->ev->time_ms;
		c->deadline = 0;
		/* The customer has waited for this answer. */
		c->waiting_since = x->now.mono;
		add_news(x->news, x->max, x->nnews, HL_AGENT_NEWS_FETCH, c->id, "", "");
		if (!d->selected[0])
			hl_agent_desk_select(d, c->id);
		return HL_AGENT_DIRTY_ALL;
	}
	if (!c)
		return 0;
	if (strcmp(st, "ended") == 0) {
		int64_t talk = c->answered_wall ? x->ev->time_ms - c->answered_wall : 0;
		if (c->kind == HL_AGENT_CHAT)
			hl_agent_figures_ended(&d->figures, c->id, talk);
		c->kind = HL_AGENT_WRAPUP;
		c->since = x->now.mono;
		c->ended_mono = x->now.mono;
		c->waiting_since = 0;
		c->typing = false;
		set(c->ended_by, sizeof c->ended_by, cs->by);
		if (strcmp(cs->by, "customer") == 0)
			add_news(x->news, x->max, x->nnews, HL_AGENT_NEWS_ENDED, c->id, "", "");
		return HL_AGENT_DIRTY_ALL;
	}
	if (strcmp(st, "cancelled") == 0) {
		add_news(x->news, x->max, x->nnews, HL_AGENT_NEWS_OFFER_GONE, c->id, cs->reason, "");
		return hl_agent_desk_remove(d, c->id);
	}
	if (strcmp(st, "transferred") == 0 || strcmp(st, "requeued") == 0) {
		char why[512];
		if (strcmp(st, "transferred") == 0 && c->moved_text[0])
			snprintf(why, sizeof why, "%s", c->moved_text);
		else
			system_text(cs->reason && cs->reason[0] ? cs->reason : st, why, sizeof why);
		add_news(x->news, x->max, x->nnews, HL_AGENT_NEWS_MOVED, c->id, why, cs->by);
		return hl_agent_desk_remove(d, c->id);
	}
	return 0;
}

static unsigned on_agent_status(apply_ctx *x)
{
	return set_status(x, x->ev->agent_status);
}

static unsigned on_notice(apply_ctx *x)
{
	add_news(x->news, x->max, x->nnews, HL_AGENT_NEWS_NOTICE, "", x->ev->notice->text,
		 x->ev->notice->from);
	return 0;
}

static unsigned on_codes(apply_ctx *x)
{
	const Hotline__CodeListReply *cl = x->ev->codes_changed;

	hl_agent_codes_set(&x->d->codes, cl->codes, cl->n_codes);
	return HL_AGENT_DIRTY_STATUS;
}

static const struct {
	Hotline__Event__BodyCase kind;
	unsigned (*fn)(apply_ctx *);
} handlers[] = {
	{HOTLINE__EVENT__BODY_SNAPSHOT, on_snapshot},
	{HOTLINE__EVENT__BODY_OFFER, on_offer},
	{HOTLINE__EVENT__BODY_OFFER_UPDATE, on_offer_update},
	{HOTLINE__EVENT__BODY_LINE, on_line},
	{HOTLINE__EVENT__BODY_TYPING, on_typing},
	{HOTLINE__EVENT__BODY_CONTACT_STATE, on_contact_state},
	{HOTLINE__EVENT__BODY_AGENT_STATUS, on_agent_status},
	{HOTLINE__EVENT__BODY_NOTICE, on_notice},
	{HOTLINE__EVENT__BODY_CODES_CHANGED, on_codes},
};

unsigned hl_agent_desk_apply(hl_agent_desk *d, const Hotline__Event *ev, hl_agent_now now,
			     hl_agent_news *news, size_t max, size_t *nnews)
{
	apply_ctx x = {.d = d, .ev = ev, .now = now, .news = news, .max = max, .nnews = nnews};

	*nnews = 0;
	for (size_t i = 0; i < N(handlers); i++)
		if (handlers[i].kind == ev->body_case)
			return handlers[i].fn(&x);
	return 0;
}

unsigned hl_agent_desk_transcript(hl_agent_desk *d, const Hotline__TranscriptReply *tr,
				  hl_agent_now now)
{
	const Hotline__Contact *ct = tr->contact;
	hl_agent_conv *c;
	const Hotline__ChatLine *last = NULL;

	if (!ct)
		return 0;
	if (ct->csat)
		hl_agent_figures_rating(&d->figures, ct->id, (int)ct->csat, ct->nps);
	if (!(c = hl_agent_desk_find(d, ct->id)))
		return 0;
	hl_tui_textview_clear(&c->tv);
	c->last_seq = 0;
	for (size_t i = 0; i < tr->n_lines; i++) {
		const Hotline__ChatLine *l = tr->lines[i];
		view_add(c, l);
		if (l->seq > c->last_seq)
			c->last_seq = l->seq;
		if (strcmp(l->from, "customer") == 0 || strcmp(l->from, "agent") == 0)
			last = l;
	}
	c->history = true;
	if (ct->queue && ct->queue[0])
		set(c->queue, sizeof c->queue, ct->queue);
	if (ct->customer && ct->customer[0])
		set(c->customer, sizeof c->customer, ct->customer);
	if (ct->visitor)
		visitor_copy(&c->visitor, ct->visitor);
	if (c->kind == HL_AGENT_CHAT) {
		int64_t ago = last ? now.wall - last->ts_ms : 0;
		c->waiting_since = last && strcmp(last->from, "customer") == 0
					   ? now.mono - (ago > 0 ? ago : 0)
					   : 0;
	}
	return is_selected(d, c) ? HL_AGENT_DIRTY_ALL : HL_AGENT_DIRTY_LIST;
}

/* The queue with id, added when missing (NULL when full). */
static hl_agent_queue *queue_get(hl_agent_desk *d, const char *id)
{
	hl_agent_queue *q;

	for (size_t i = 0; i < d->nqueues; i++)
		if (strcmp(d->queues[i].id, id) == 0)
			return &d->queues[i];
	if (d->nqueues == HL_AGENT_QUEUE_MAX)
		return NULL;
	q = &d->queues[d->nqueues++];
	memset(q, 0, sizeof *q);
	set(q->id, sizeof q->id, id);
	q->sl_pct = q->asa_s = q->aht_s = -1;
	hl_agent_desk_serve(d, d->serve);
	return q;
}

unsigned hl_agent_desk_floor(hl_agent_desk *d, const Hotline__FloorReply *fr, hl_agent_now now)
{
	/* Past the broker's midnight the agent's day starts again. */
	if (d->day_start_ms && fr->day_start_ms > d->day_start_ms) {
		hl_agent_figures_clear(&d->figures);
		d->day_start_ms = fr->day_start_ms;
	}
	for (size_t i = 0; i < fr->n_queues; i++) {
		const Hotline__Figures *f = fr->queues[i];
		hl_agent_queue *q;
		if (!f->queue || !f->queue[0] || !(q = queue_get(d, f->queue)))
			continue;
		q->waiting = f->waiting;
		q->longest_wait_ms = f->longest_wait_ms;
		q->figures = true;
		q->sl_pct = f->sl_pct;
		q->asa_s = f->asa_s;
		q->aht_s = f->aht_s;
		q->offered = f->offered;
		q->answered = f->answered;
		q->sl_secs = f->sl_secs;
	}
	d->floor_at = now.mono;
	return HL_AGENT_DIRTY_STATUS;
}

unsigned hl_agent_desk_queue_list(hl_agent_desk *d, const Hotline__QueueListReply *ql)
{
	for (size_t i = 0; i < ql->n_queues; i++) {
		const Hotline__QueueConf *qc = ql->queues[i];
		hl_agent_queue *q = qc->id && qc->id[0] ? queue_get(d, qc->id) : NULL;
		if (!q)
			continue;
		set(q->label_en, sizeof q->label_en, qc->label_en);
		set(q->label_zh, sizeof q->label_zh, qc->label_zh);
	}
	return HL_AGENT_DIRTY_STATUS | HL_AGENT_DIRTY_LIST;
}

void hl_agent_desk_serve(hl_agent_desk *d, const char *csv)
{
	if (csv != d->serve)
		set(d->serve, sizeof d->serve, csv);
	for (size_t i = 0; i < d->nqueues; i++) {
		hl_agent_queue *q = &d->queues[i];
		const char *p = d->serve;
		size_t len = strlen(q->id);
		q->served = !d->serve[0];
		while (*p && !q->served) {
			const char *e = strchr(p, ',');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			while (n && p[0] == ' ')
				p++, n--;
			while (n && p[n - 1] == ' ')
				n--;
			q->served = n == len && strncmp(p, q->id, len) == 0;
			p = e ? e + 1 : p + strlen(p);
		}
	}
}

const char *hl_agent_desk_queue_label(const hl_agent_desk *d, const char *id)
{
	for (size_t i = 0; id && i < d->nqueues; i++) {
		const hl_agent_queue *q = &d->queues[i];
		if (strcmp(q->id, id) != 0)
			continue;
		if (d->zh && q->label_zh[0])
			return q->label_zh;
		return q->label_en[0] ? q->label_en : q->label_zh;
	}
	return "";
}

unsigned hl_agent_desk_tick(hl_agent_desk *d, hl_agent_now now)
{
	unsigned flags = 0;

	for (size_t i = 0; i < d->n; i++) {
		hl_agent_conv *c = d->conv[i];
		if (c->typing && now.mono - c->typing_at >= HL_AGENT_TYPING_LAPSE_MS) {
			c->typing = false;
			flags |= HL_AGENT_DIRTY_LIST;
			if (is_selected(d, c))
				flags |= HL_AGENT_DIRTY_TYPING;
		}
	}
	return flags;
}

unsigned hl_agent_desk_unread(const hl_agent_desk *d)
{
	unsigned n = 0;

	for (size_t i = 0; i < d->n; i++)
		n += d->conv[i]->unread;
	return n;
}

size_t hl_agent_desk_count(const hl_agent_desk *d, int kind)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n; i++)
		n += kind < 0 || d->conv[i]->kind == kind;
	return n;
}
