/* The client model, kept from events: each event type has its apply
 * function in a table; conversations live in a small array of owned
 * pointers, each with its transcript as copies of the broker's lines. */
#include "climodel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysline.h"
#include "timefmt.h"

/* Marks a string for the catalogue; the caller's tr translates it. */
#define N_(s) (s)

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define SKEW_MS 5000   /* wall clocks this close are taken to agree */

/* The longest prefix of s, at most max bytes, that ends on a character
 * boundary (a clipped field never ends in half a character). */
static size_t clip_utf8(const char *s, size_t len, size_t max)
{
	size_t n = len < max ? len : max;

	while (n && n < len && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

static void set(char *dst, size_t cap, const char *s)
{
	size_t n = s ? clip_utf8(s, strlen(s), cap - 1) : 0;

	if (n)
		memcpy(dst, s, n);
	dst[n] = 0;
}

static const char *tr(const hl_cm_model *d, const char *msgid)
{
	return d->tr ? d->tr(msgid) : msgid;
}

void hl_cm_init(hl_cm_model *d)
{
	memset(d, 0, sizeof *d);
	hl_cm_figures_init(&d->figures);
}

/* --- transcripts --- */

static void lines_clear(hl_cm_lines *t)
{
	for (size_t i = 0; i < t->n; i++)
		hotline__chat_line__free_unpacked(t->v[i], NULL);
	t->n = 0;
	t->added = 0;
	t->gen++;
}

/* A deep copy of l (packed and read back: protobuf-c's own copy), or NULL
 * when memory runs out. */
static Hotline__ChatLine *line_copy(const Hotline__ChatLine *l)
{
	size_t len = hotline__chat_line__get_packed_size(l);
	uint8_t stack[4096], *buf = len <= sizeof stack ? stack : malloc(len);
	Hotline__ChatLine *out;

	if (!buf)
		return NULL;
	hotline__chat_line__pack(l, buf);
	out = hotline__chat_line__unpack(NULL, len, buf);
	if (buf != stack)
		free(buf);
	return out;
}

/* Appends a copy of l; past HL_CM_LINES_MAX the oldest line goes. A line
 * that cannot be copied is left out (the transcript is fetched again on
 * the next resync). */
static void lines_add(hl_cm_lines *t, const Hotline__ChatLine *l)
{
	Hotline__ChatLine *copy = line_copy(l);

	if (!copy)
		return;
	if (t->n == HL_CM_LINES_MAX) {
		hotline__chat_line__free_unpacked(t->v[0], NULL);
		memmove(&t->v[0], &t->v[1], (t->n - 1) * sizeof t->v[0]);
		t->n--;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		Hotline__ChatLine **v = realloc(t->v, cap * sizeof *v);
		if (!v) {
			hotline__chat_line__free_unpacked(copy, NULL);
			return;
		}
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n++] = copy;
	t->added++;
}

static void conv_free(hl_cm_model *d, hl_cm_conv *c)
{
	if (!c)
		return;
	lines_clear(&c->lines);
	free(c->lines.v);
	if (c->ui && d->ui_free)
		d->ui_free(c->ui);
	free(c->draft);
	free(c);
}

void hl_cm_free(hl_cm_model *d)
{
	for (size_t i = 0; i < d->n; i++)
		conv_free(d, d->conv[i]);
	hl_cm_figures_free(&d->figures);
	memset(d, 0, sizeof *d);
}

void hl_cm_set_me(hl_cm_model *d, const char *name, const char *display)
{
	set(d->me, sizeof d->me, name);
	set(d->display, sizeof d->display, display && display[0] ? display : name);
}

hl_cm_conv *hl_cm_find(const hl_cm_model *d, const char *id)
{
	for (size_t i = 0; id && i < d->n; i++)
		if (strcmp(d->conv[i]->id, id) == 0)
			return d->conv[i];
	return NULL;
}

hl_cm_conv *hl_cm_selected(const hl_cm_model *d)
{
	return d->selected[0] ? hl_cm_find(d, d->selected) : NULL;
}

static bool is_selected(const hl_cm_model *d, const hl_cm_conv *c)
{
	return c && strcmp(d->selected, c->id) == 0;
}

/* A new conversation on the desk, or NULL when it is full. */
static hl_cm_conv *conv_new(hl_cm_model *d, const char *id, int kind, hl_cm_now now)
{
	hl_cm_conv *c;

	if (d->n == HL_CM_CONV_MAX || !(c = calloc(1, sizeof *c)))
		return NULL;
	set(c->id, sizeof c->id, id);
	c->kind = kind;
	c->since = now.mono;
	c->visitor.past_contacts = 0;
	d->conv[d->n++] = c;
	return c;
}

unsigned hl_cm_select(hl_cm_model *d, const char *id)
{
	hl_cm_conv *c = id ? hl_cm_find(d, id) : NULL;

	if (!c) {
		if (!d->selected[0])
			return 0;
		d->selected[0] = 0;
		return HL_CM_DIRTY_ALL;
	}
	if (strcmp(d->selected, c->id) == 0 && !c->unread)
		return 0;
	set(d->selected, sizeof d->selected, c->id);
	c->unread = 0;
	return HL_CM_DIRTY_ALL;
}

/* --- list order --- */

/* Sort key: kind first (offers, chats, wrap-ups), then for offers the
 * deadline (auto-accepted ones, deadline 0, first), for the others the
 * time they got their kind; the id breaks ties so the order is stable. */
static int before(const hl_cm_conv *a, const hl_cm_conv *b)
{
	static const int rank[] = {[HL_CM_OFFER] = 0, [HL_CM_CHAT] = 1, [HL_CM_WRAPUP] = 2};
	int64_t ka, kb;

	if (rank[a->kind] != rank[b->kind])
		return rank[a->kind] < rank[b->kind];
	ka = a->kind == HL_CM_OFFER ? a->deadline : a->since;
	kb = b->kind == HL_CM_OFFER ? b->deadline : b->since;
	if (ka != kb)
		return ka < kb;
	if (strlen(a->id) != strlen(b->id))
		return strlen(a->id) < strlen(b->id);
	return strcmp(a->id, b->id) < 0;
}

size_t hl_cm_order(const hl_cm_model *d, size_t *idx, size_t max)
{
	size_t n = 0;

	/* Insertion sort: a desk holds a few dozen at most. */
	for (size_t i = 0; i < d->n && n < max; i++) {
		size_t j = n++;
		while (j > 0 && before(d->conv[i], d->conv[idx[j - 1]])) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = i;
	}
	return n;
}

hl_cm_conv *hl_cm_at(const hl_cm_model *d, size_t pos)
{
	size_t idx[HL_CM_CONV_MAX];
	size_t n = hl_cm_order(d, idx, N(idx));

	return pos < n ? d->conv[idx[pos]] : NULL;
}

long hl_cm_pos(const hl_cm_model *d, const char *id)
{
	size_t idx[HL_CM_CONV_MAX];
	size_t n = hl_cm_order(d, idx, N(idx));

	for (size_t i = 0; id && i < n; i++)
		if (strcmp(d->conv[idx[i]]->id, id) == 0)
			return (long)i;
	return -1;
}

unsigned hl_cm_remove(hl_cm_model *d, const char *id)
{
	size_t order[HL_CM_CONV_MAX], n, at = 0, k;
	bool was = strcmp(d->selected, id) == 0;
	hl_cm_conv *gone = NULL;

	n = hl_cm_order(d, order, N(order));
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
	conv_free(d, gone);
	if (was) {
		/* The one that took its place in the list, else the one above. */
		d->selected[0] = 0;
		n = hl_cm_order(d, order, N(order));
		if (n)
			hl_cm_select(d, d->conv[order[at < n ? at : n - 1]]->id);
	}
	return HL_CM_DIRTY_ALL;
}

unsigned hl_cm_wrapped(hl_cm_model *d, const char *id, hl_cm_now now)
{
	hl_cm_conv *c = hl_cm_find(d, id);

	if (c && c->ended_mono)
		hl_cm_figures_wrapped(&d->figures, id, now.mono - c->ended_mono);
	return hl_cm_remove(d, id);
}

const char *hl_cm_code_label(const hl_cm_model *d, const char *kind, const char *id)
{
	return hl_cm_codes_label(&d->codes, kind, id, d->zh);
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

void hl_cm_system_text(const char *(*trf)(const char *), const char *text, char *out, size_t cap)
{
	size_t len = strlen(text);

	for (size_t i = 0; i < N(system_texts); i++) {
		const char *p = system_texts[i].prefix, *s = system_texts[i].suffix;
		const char *msg = trf ? trf(system_texts[i].msgid) : system_texts[i].msgid;
		size_t pl = strlen(p), sl = s ? strlen(s) : 0;
		if (!s) {
			if (strcmp(text, p) == 0) {
				snprintf(out, cap, "%s", msg);
				return;
			}
			continue;
		}
		if (len > pl + sl && strncmp(text, p, pl) == 0 && strcmp(text + len - sl, s) == 0) {
			char arg[256];
			snprintf(arg, sizeof arg, "%.*s", (int)(len - pl - sl), text + pl);
			snprintf(out, cap, msg, arg);
			return;
		}
	}
	snprintf(out, cap, "%s", text);
}

/* Adds a line to c's transcript. The notice that the chat moved away
 * says it in the desk's language and with the queue's label, as the
 * transfer line does; the broker's reason text is English. */
static void line_add(hl_cm_model *d, hl_cm_conv *c, const Hotline__ChatLine *l)
{
	lines_add(&c->lines, l);
	if (l->code && (strcmp(l->code, HL_SYSLINE_TRANSFERRED) == 0 ||
			strcmp(l->code, HL_SYSLINE_TRANSFERRED_AGENT) == 0 ||
			strcmp(l->code, HL_SYSLINE_TAKEN_OVER) == 0) &&
	    hl_sysline_render(l, d->tr, c->moved_text, sizeof c->moved_text) < 0)
		c->moved_text[0] = 0;
}

/* An offer's preview as its transcript: where from, the first message, a note. */
static void view_offer(hl_cm_model *d, hl_cm_conv *c, int64_t ts)
{
	Hotline__ChatLine l = HOTLINE__CHAT_LINE__INIT;
	char text[256];

	lines_clear(&c->lines);
	c->last_seq = 0;
	snprintf(text, sizeof text, tr(d, N_("Offer from queue %s")),
		 hl_cm_queue_label(d, c->queue)[0] ? hl_cm_queue_label(d, c->queue)
							     : c->queue);
	l.from = "system";
	l.name = "";
	l.text = text;
	l.ts_ms = ts;
	line_add(d, c, &l);
	if (c->note[0]) {
		l.from = "note";
		l.name = (char *)tr(d, N_("Transfer note"));
		l.text = c->note;
		line_add(d, c, &l);
	}
	if (c->first_text[0]) {
		l.from = "customer";
		l.name = c->customer;
		l.text = c->first_text;
		line_add(d, c, &l);
	}
}

static void visitor_copy(hl_cm_visitor *v, const Hotline__Visitor *pv)
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

static void add_news(hl_cm_news *news, size_t max, size_t *nnews, int kind,
		     const char *contact, const char *text, const char *from)
{
	hl_cm_news *n;

	if (*nnews >= max)
		return;
	n = &news[(*nnews)++];
	memset(n, 0, sizeof *n);
	n->kind = kind;
	set(n->contact, sizeof n->contact, contact);
	set(n->text, sizeof n->text, text);
	set(n->from, sizeof n->from, from);
}


typedef struct apply_ctx {
	hl_cm_model *d;
	const Hotline__Event *ev;
	hl_cm_now now;
	hl_cm_news *news;
	size_t max, *nnews;
} apply_ctx;

/* --- the roster --- */

/* The roster's entry for name, added when missing (NULL when full). */
static hl_cm_agent *roster_get(hl_cm_model *d, const char *name)
{
	hl_cm_agent *a;

	for (size_t i = 0; i < d->nroster; i++)
		if (strcmp(d->roster[i].name, name) == 0)
			return &d->roster[i];
	if (d->nroster == HL_CM_ROSTER_MAX)
		return NULL;
	a = &d->roster[d->nroster++];
	memset(a, 0, sizeof *a);
	set(a->name, sizeof a->name, name);
	set(a->display, sizeof a->display, name);
	return a;
}

const hl_cm_agent *hl_cm_roster_find(const hl_cm_model *d, const char *name)
{
	for (size_t i = 0; name && i < d->nroster; i++)
		if (strcmp(d->roster[i].name, name) == 0)
			return &d->roster[i];
	return NULL;
}

unsigned hl_cm_roster_set(hl_cm_model *d, const Hotline__AgentListReply *al)
{
	d->nroster = 0;
	for (size_t i = 0; al && i < al->n_agents; i++) {
		const Hotline__AgentEntry *e = al->agents[i];
		hl_cm_agent *a = e->name && e->name[0] ? roster_get(d, e->name) : NULL;
		if (!a)
			continue;
		if (e->display && e->display[0])
			set(a->display, sizeof a->display, e->display);
		set(a->state, sizeof a->state, e->state);
		set(a->reason, sizeof a->reason, e->reason);
		a->since_wall = e->since_ms;
		a->chats = e->active;
		a->capacity = e->capacity;
	}
	return HL_CM_DIRTY_ROSTER;
}

/* Another agent's state: the roster follows it. */
static unsigned roster_status(hl_cm_model *d, const Hotline__AgentStatus *as, int64_t ev_time)
{
	hl_cm_agent *a = as->agent && as->agent[0] ? roster_get(d, as->agent) : NULL;

	if (!a)
		return 0;
	set(a->state, sizeof a->state, as->state);
	set(a->reason, sizeof a->reason, as->reason);
	a->since_wall = as->since_ms ? as->since_ms : ev_time;
	return HL_CM_DIRTY_ROSTER;
}

/* --- events --- */

static unsigned set_status(apply_ctx *x, const Hotline__AgentStatus *as)
{
	hl_cm_model *d = x->d;
	int64_t ago = x->ev->time_ms - as->since_ms;

	if (d->me[0] && strcmp(as->agent, d->me) != 0)
		return roster_status(d, as, x->ev->time_ms);
	set(d->state, sizeof d->state, as->state);
	set(d->reason, sizeof d->reason, as->reason);
	d->state_since = x->now.mono - (ago > 0 ? ago : 0);
	return HL_CM_DIRTY_STATUS;
}

/* "Today" is the broker's day: its conversations replace what this desk
 * counted, so a desk started at noon shows the morning too. */
static void day_from_broker(hl_cm_model *d, const Hotline__Snapshot *snap)
{
	d->day_start_ms = snap->day_start_ms;
	hl_cm_figures_clear(&d->figures);
	for (size_t i = 0; i < snap->n_today; i++) {
		const Hotline__DayItem *it = snap->today[i];
		if (!it->contact || hl_cm_figures_ended(&d->figures, it->contact, it->talk_ms) < 0)
			continue;
		if (it->wrap_ms >= 0)
			hl_cm_figures_wrapped(&d->figures, it->contact, it->wrap_ms);
		hl_cm_figures_rating(&d->figures, it->contact, (int)it->csat, it->nps);
	}
}

static unsigned on_snapshot(apply_ctx *x)
{
	const Hotline__Snapshot *snap = x->ev->snapshot;
	const Hotline__User *me = snap->me;
	unsigned flags = HL_CM_DIRTY_STATUS;

	if (me && me->name && me->name[0])
		hl_cm_set_me(x->d, me->name, me->display);
	if (snap->status)
		flags |= set_status(x, snap->status);
	hl_cm_codes_set(&x->d->codes, snap->codes, snap->n_codes);
	if (snap->day_start_ms)
		day_from_broker(x->d, snap);
	/* Conversations in progress come back with their history after a
	 * restart of this client or a resync. */
	for (size_t i = 0; i < snap->n_open_contacts; i++) {
		const char *id = snap->open_contacts[i];
		hl_cm_conv *c = hl_cm_find(x->d, id);
		if (!c && !(c = conv_new(x->d, id, HL_CM_CHAT, x->now)))
			continue;
		add_news(x->news, x->max, x->nnews, HL_CM_NEWS_FETCH, c->id, "", "");
		if (!x->d->selected[0])
			hl_cm_select(x->d, c->id);
		flags |= HL_CM_DIRTY_ALL;
	}
	return flags;
}

static unsigned on_offer(apply_ctx *x)
{
	const Hotline__Offer *o = x->ev->offer;
	hl_cm_model *d = x->d;
	hl_cm_conv *c = hl_cm_find(d, o->contact);

	if (!c && !(c = conv_new(d, o->contact, HL_CM_OFFER, x->now)))
		return 0;
	c->kind = HL_CM_OFFER;
	c->since = x->now.mono;
	set(c->queue, sizeof c->queue, o->queue);
	set(c->customer, sizeof c->customer, o->customer);
	set(c->first_text, sizeof c->first_text, o->first_text);
	set(c->note, sizeof c->note, o->note);
	visitor_copy(&c->visitor, o->visitor);
	c->deadline = o->expires_ms ? hl_timefmt_deadline(o->expires_ms, x->ev->time_ms,
							     x->now.mono, x->now.wall, SKEW_MS)
				    : 0;
	c->waiting_since = 0;
	c->typing = false;
	c->history = false;
	view_offer(d, c, x->ev->time_ms);
	if (!d->selected[0])
		hl_cm_select(d, c->id);
	add_news(x->news, x->max, x->nnews, HL_CM_NEWS_OFFER, c->id, o->first_text, o->queue);
	return HL_CM_DIRTY_ALL;
}

/* The customer's first line came while the offer was pending: shown in
 * the offer's preview; the countdown goes on as it was. */
static unsigned on_offer_update(apply_ctx *x)
{
	const Hotline__Offer *o = x->ev->offer_update;
	hl_cm_conv *c = hl_cm_find(x->d, o->contact);

	if (!c || c->kind != HL_CM_OFFER || !o->first_text[0])
		return 0;
	set(c->first_text, sizeof c->first_text, o->first_text);
	view_offer(x->d, c, x->ev->time_ms);
	return HL_CM_DIRTY_ALL;
}

static unsigned on_line(apply_ctx *x)
{
	const Hotline__ContactLine *cl = x->ev->line;
	const Hotline__ChatLine *l = cl->line;
	hl_cm_model *d = x->d;
	hl_cm_conv *c = hl_cm_find(d, cl->contact);
	unsigned flags = HL_CM_DIRTY_LIST | HL_CM_DIRTY_STATUS;

	if (!l)
		return 0;
	if (!c) {
		/* A conversation the desk did not know (a restart of this
		 * client): take it on and fetch what came before. */
		if (!(c = conv_new(d, cl->contact, HL_CM_CHAT, x->now)))
			return 0;
		add_news(x->news, x->max, x->nnews, HL_CM_NEWS_FETCH, c->id, "", "");
		if (!d->selected[0])
			hl_cm_select(d, c->id);
	}
	if (l->seq && l->seq <= c->last_seq)
		return 0;
	if (l->seq)
		c->last_seq = l->seq;
	line_add(d, c, l);
	if (strcmp(l->from, "customer") == 0) {
		c->waiting_since = x->now.mono;
		c->typing = false;
		flags |= HL_CM_DIRTY_TYPING;
	} else if (strcmp(l->from, "agent") == 0) {
		c->waiting_since = 0;
	}
	if (!is_selected(d, c) && strcmp(l->from, "agent") != 0)
		c->unread++;
	if (is_selected(d, c))
		flags |= HL_CM_DIRTY_VIEW;
	return flags;
}

static unsigned on_typing(apply_ctx *x)
{
	hl_cm_conv *c = hl_cm_find(x->d, x->ev->typing->contact);
	bool on = x->ev->typing->on;

	if (!c)
		return 0;
	if (on)
		c->typing_at = x->now.mono;
	if (c->typing == on)
		return 0;
	c->typing = on;
	return is_selected(x->d, c) ? HL_CM_DIRTY_TYPING | HL_CM_DIRTY_LIST
				    : HL_CM_DIRTY_LIST;
}

static unsigned on_contact_state(apply_ctx *x)
{
	const Hotline__ContactState *cs = x->ev->contact_state;
	hl_cm_model *d = x->d;
	hl_cm_conv *c = hl_cm_find(d, cs->contact);
	const char *st = cs->state;

	if (strcmp(st, "active") == 0) {
		if (!c && !(c = conv_new(d, cs->contact, HL_CM_CHAT, x->now)))
			return 0;
		c->kind = HL_CM_CHAT;
		c->since = x->now.mono;
		c->answered_wall = x->ev->time_ms;
		c->deadline = 0;
		/* The customer has waited for this answer. */
		c->waiting_since = x->now.mono;
		add_news(x->news, x->max, x->nnews, HL_CM_NEWS_FETCH, c->id, "", "");
		if (!d->selected[0])
			hl_cm_select(d, c->id);
		return HL_CM_DIRTY_ALL;
	}
	if (!c)
		return 0;
	if (strcmp(st, "ended") == 0) {
		int64_t talk = c->answered_wall ? x->ev->time_ms - c->answered_wall : 0;
		if (c->kind == HL_CM_CHAT)
			hl_cm_figures_ended(&d->figures, c->id, talk);
		c->kind = HL_CM_WRAPUP;
		c->since = x->now.mono;
		c->ended_mono = x->now.mono;
		c->waiting_since = 0;
		c->typing = false;
		set(c->ended_by, sizeof c->ended_by, cs->by);
		if (strcmp(cs->by, "customer") == 0)
			add_news(x->news, x->max, x->nnews, HL_CM_NEWS_ENDED, c->id, "", "");
		return HL_CM_DIRTY_ALL;
	}
	if (strcmp(st, "cancelled") == 0) {
		add_news(x->news, x->max, x->nnews, HL_CM_NEWS_OFFER_GONE, c->id, cs->reason, "");
		return hl_cm_remove(d, c->id);
	}
	/* A supervisor's take-over moves the chat away as a transfer does. */
	if (strcmp(st, "transferred") == 0 || strcmp(st, "requeued") == 0 ||
	    strcmp(st, "taken_over") == 0) {
		char why[512];
		if (strcmp(st, "requeued") != 0 && c->moved_text[0])
			snprintf(why, sizeof why, "%s", c->moved_text);
		else
			hl_cm_system_text(d->tr, cs->reason && cs->reason[0] ? cs->reason : st, why,
					  sizeof why);
		add_news(x->news, x->max, x->nnews, HL_CM_NEWS_MOVED, c->id, why, cs->by);
		return hl_cm_remove(d, c->id);
	}
	return 0;
}

static unsigned on_agent_status(apply_ctx *x)
{
	return set_status(x, x->ev->agent_status);
}

static unsigned on_notice(apply_ctx *x)
{
	add_news(x->news, x->max, x->nnews, HL_CM_NEWS_NOTICE, "", x->ev->notice->text,
		 x->ev->notice->from);
	return 0;
}

static unsigned on_codes(apply_ctx *x)
{
	const Hotline__CodeListReply *cl = x->ev->codes_changed;

	hl_cm_codes_set(&x->d->codes, cl->codes, cl->n_codes);
	return HL_CM_DIRTY_STATUS;
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

unsigned hl_cm_apply(hl_cm_model *d, const Hotline__Event *ev, hl_cm_now now,
			     hl_cm_news *news, size_t max, size_t *nnews)
{
	apply_ctx x = {.d = d, .ev = ev, .now = now, .news = news, .max = max, .nnews = nnews};
	unsigned flags = 0;

	*nnews = 0;
	for (size_t i = 0; i < N(handlers); i++)
		if (handlers[i].kind == ev->body_case)
			flags |= handlers[i].fn(&x);
	for (size_t i = 0; d->extra && i < d->nextra; i++)
		if (d->extra[i].body_case == (int)ev->body_case)
			flags |= d->extra[i].fn(d, ev, now, d->extra_arg);
	return flags;
}

unsigned hl_cm_transcript(hl_cm_model *d, const Hotline__TranscriptReply *tr,
				  hl_cm_now now)
{
	const Hotline__Contact *ct = tr->contact;
	hl_cm_conv *c;
	const Hotline__ChatLine *last = NULL;

	if (!ct)
		return 0;
	if (ct->csat)
		hl_cm_figures_rating(&d->figures, ct->id, (int)ct->csat, ct->nps);
	if (!(c = hl_cm_find(d, ct->id)))
		return 0;
	lines_clear(&c->lines);
	c->last_seq = 0;
	for (size_t i = 0; i < tr->n_lines; i++) {
		const Hotline__ChatLine *l = tr->lines[i];
		line_add(d, c, l);
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
	if (c->kind == HL_CM_CHAT) {
		int64_t ago = last ? now.wall - last->ts_ms : 0;
		c->waiting_since = last && strcmp(last->from, "customer") == 0
					   ? now.mono - (ago > 0 ? ago : 0)
					   : 0;
	}
	return is_selected(d, c) ? HL_CM_DIRTY_ALL : HL_CM_DIRTY_LIST;
}

/* The queue with id, added when missing (NULL when full). */
static hl_cm_queue *queue_get(hl_cm_model *d, const char *id)
{
	hl_cm_queue *q;

	for (size_t i = 0; i < d->nqueues; i++)
		if (strcmp(d->queues[i].id, id) == 0)
			return &d->queues[i];
	if (d->nqueues == HL_CM_QUEUE_MAX)
		return NULL;
	q = &d->queues[d->nqueues++];
	memset(q, 0, sizeof *q);
	set(q->id, sizeof q->id, id);
	q->sl_pct = q->asa_s = q->aht_s = -1;
	hl_cm_serve(d, d->serve);
	return q;
}

unsigned hl_cm_floor(hl_cm_model *d, const Hotline__FloorReply *fr, hl_cm_now now)
{
	/* Past the broker's midnight the agent's day starts again. */
	if (d->day_start_ms && fr->day_start_ms > d->day_start_ms) {
		hl_cm_figures_clear(&d->figures);
		d->day_start_ms = fr->day_start_ms;
	}
	for (size_t i = 0; i < fr->n_queues; i++) {
		const Hotline__Figures *f = fr->queues[i];
		hl_cm_queue *q;
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
	return HL_CM_DIRTY_STATUS;
}

unsigned hl_cm_queue_list(hl_cm_model *d, const Hotline__QueueListReply *ql)
{
	for (size_t i = 0; i < ql->n_queues; i++) {
		const Hotline__QueueConf *qc = ql->queues[i];
		hl_cm_queue *q = qc->id && qc->id[0] ? queue_get(d, qc->id) : NULL;
		if (!q)
			continue;
		set(q->label_en, sizeof q->label_en, qc->label_en);
		set(q->label_zh, sizeof q->label_zh, qc->label_zh);
	}
	return HL_CM_DIRTY_STATUS | HL_CM_DIRTY_LIST;
}

void hl_cm_serve(hl_cm_model *d, const char *csv)
{
	if (csv != d->serve)
		set(d->serve, sizeof d->serve, csv);
	for (size_t i = 0; i < d->nqueues; i++) {
		hl_cm_queue *q = &d->queues[i];
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

const char *hl_cm_queue_label(const hl_cm_model *d, const char *id)
{
	for (size_t i = 0; id && i < d->nqueues; i++) {
		const hl_cm_queue *q = &d->queues[i];
		if (strcmp(q->id, id) != 0)
			continue;
		if (d->zh && q->label_zh[0])
			return q->label_zh;
		return q->label_en[0] ? q->label_en : q->label_zh;
	}
	return "";
}

unsigned hl_cm_tick(hl_cm_model *d, hl_cm_now now)
{
	unsigned flags = 0;

	for (size_t i = 0; i < d->n; i++) {
		hl_cm_conv *c = d->conv[i];
		if (c->typing && now.mono - c->typing_at >= HL_CM_TYPING_LAPSE_MS) {
			c->typing = false;
			flags |= HL_CM_DIRTY_LIST;
			if (is_selected(d, c))
				flags |= HL_CM_DIRTY_TYPING;
		}
	}
	return flags;
}

unsigned hl_cm_unread(const hl_cm_model *d)
{
	unsigned n = 0;

	for (size_t i = 0; i < d->n; i++)
		n += d->conv[i]->unread;
	return n;
}

size_t hl_cm_count(const hl_cm_model *d, int kind)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n; i++)
		n += kind < 0 || d->conv[i]->kind == kind;
	return n;
}
