/* Conversations: every line is stored with the next sequence number in the
 * turn's transaction before the agent's sessions or the customer hear of
 * it; the reply or ack leaves only after the commit. */
#include "chat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "figures.h"
#include "role.h"
#include "events.h"
#include "session.h"
#include "sysline.h"
#include "textrule.h"
#include "custchan.h"
#include "module.h"

int hl_chat_text_ok(const char *t)
{
	/* The same rules as a visitor's message body (common/textrule.h). */
	return t && t[0] &&
	       hl_textrule_check(t, strlen(t), HL_TEXTRULE_MULTILINE | HL_TEXTRULE_MARKS |
				 HL_TEXTRULE_CHARS, HL_TEXT_MAX, NULL) == HL_TEXTRULE_OK;
}

/* Fills a wire line's code and resolved arguments (strings borrowed). */
static void line_args(Hotline__ChatLine *l, const char *code, const hl_chat_sysargs *sa,
		      Hotline__ChatLine__ArgsEntry *ents, Hotline__ChatLine__ArgsEntry **ptrs)
{
	l->code = (char *)(code ? code : "");
	for (size_t i = 0; i < sa->n; i++) {
		hotline__chat_line__args_entry__init(&ents[i]);
		ents[i].key = (char *)sa->keys[i];
		ents[i].value = (char *)sa->vals[i];
		ptrs[i] = &ents[i];
	}
	l->n_args = sa->n;
	l->args = sa->n ? ptrs : NULL;
}

int hl_chat_staff_only(const char *sender)
{
	/* An internal note and a supervisor's whisper are for staff alone. */
	return strcmp(sender, "note") == 0 || strcmp(sender, "whisper") == 0;
}

void hl_chat_tell(hl_broker *b, hl_contact *c, Hotline__Event *ev)
{
	if (c->row.agent[0])
		hl_events_publish(b, HL_TOPIC_USER, c->row.agent, ev);
	/* Those listening in (a topic without subscribers costs a look-up). */
	hl_events_publish(b, HL_TOPIC_CONTACT, c->ref, ev);
}

static void line_event(hl_broker *b, hl_contact *c, const hl_store_message *m,
		       const hl_chat_sysargs *sa)
{
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__ContactLine cl = HOTLINE__CONTACT_LINE__INIT;
	Hotline__ChatLine l = HOTLINE__CHAT_LINE__INIT;
	Hotline__ChatLine__ArgsEntry ents[HL_SYSARGS_MAX], *ptrs[HL_SYSARGS_MAX];

	l.seq = m->seq;
	l.from = (char *)m->sender;
	l.name = (char *)m->name;
	l.text = (char *)m->text;
	l.ts_ms = m->ts;
	l.client_id = (char *)(m->client_id ? m->client_id : "");
	line_args(&l, m->code, sa, ents, ptrs);
	cl.contact = c->ref;
	cl.line = &l;
	ev.body_case = HOTLINE__EVENT__BODY_LINE;
	ev.line = &cl;
	hl_chat_tell(b, c, &ev);
}

/* The agent holding the contact's offer, or NULL. */
static const char *offered_to(hl_broker *b, hl_contact *c, hl_route_contact_info *info)
{
	if (!hl_contact_state_is(c->row.state, HL_CONTACT_QUEUED) ||
	    hl_route_contact_info_get(hl_router_engine(b), c->ref, hl_router_now(b), info) < 0 ||
	    info->status != HL_ROUTE_CONTACT_OFFERED || !info->agent[0])
		return NULL;
	return info->agent;
}

/* The customer's first line came while an offer without one was pending:
 * the offered agent gets the offer again with it (offer_update). */
static void offer_update(hl_broker *b, hl_contact *c, const char *agent, const char *text)
{
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__Offer of = HOTLINE__OFFER__INIT;

	of.contact = c->ref;
	of.queue = c->row.queue;
	of.customer = c->customer;
	of.first_text = (char *)text;
	of.note = c->note;
	ev.body_case = HOTLINE__EVENT__BODY_OFFER_UPDATE;
	ev.offer_update = &of;
	hl_events_publish(b, HL_TOPIC_USER, agent, &ev);
}

static int add(hl_broker *b, hl_contact *c, hl_store_message *m, uint64_t *seq)
{
	hl_chat_sysargs sa = {0};
	hl_route_contact_info info;
	const char *offered = NULL;
	char first[8] = "";
	uint64_t dup = 0;
	int rc;

	/* Only a first customer line can update a pending offer. */
	if (strcmp(m->sender, "customer") == 0 && (offered = offered_to(b, c, &info))) {
		hl_chat_first_text(b, c, first, sizeof first);
		if (first[0])
			offered = NULL;
	}
	m->seq = c->row.next_seq;
	m->ts = b->now_ms;
	rc = hl_store_message_insert(b->st, c->row.id, m, &dup);
	if (rc == HL_E_EXISTS) {
		*seq = dup;
		return rc;
	}
	if (rc < 0)
		return rc;
	*seq = c->row.next_seq++;
	hl_router_touch(b, c);
	if (m->code && m->code[0])
		hl_chat_sysline_resolve(b, m->args, &sa);
	line_event(b, c, m, &sa);
	if (offered)
		offer_update(b, c, offered, m->text);
	/* Internal notes and whispers never reach the customer. */
	if (!hl_chat_staff_only(m->sender) && strcmp(m->sender, "customer") != 0)
		hl_custchan_line(b, c, m, &sa);
	return 0;
}

int hl_chat_add_line(hl_broker *b, hl_contact *c, const char *sender, const char *name,
		     const char *text, const char *client_id, uint64_t *seq)
{
	hl_store_message m = {.sender = sender, .name = name, .text = text,
			      .client_id = client_id ? client_id : ""};

	return add(b, c, &m, seq);
}

void hl_chat_system(hl_broker *b, hl_contact *c, const char *code, const char *key,
		    const char *value, char *text, size_t cap)
{
	hl_store_message m = {.sender = "system", .name = "", .client_id = "", .code = code};
	hl_chat_sysargs sa;
	char args[512], en[600];
	uint64_t seq;

	if (hl_chat_sysline_args(key, value, args, sizeof args) < 0)
		hl_chat_sysline_args(NULL, NULL, args, sizeof args);
	/* The text column keeps the English rendering of the moment, for
	 * readers that know no code. */
	hl_chat_sysline_resolve(b, args, &sa);
	hl_sysline_format(hl_sysline_template(code) ? hl_sysline_template(code) : code, sa.keys,
			  sa.vals, sa.n, en, sizeof en);
	m.text = en;
	m.args = args;
	add(b, c, &m, &seq);
	if (text && cap)
		snprintf(text, cap, "%s", en);
}

struct first {
	char *buf;
	size_t cap;
};

static int first_line(const hl_store_message *m, void *arg)
{
	struct first *f = arg;

	if (strcmp(m->sender, "customer") != 0)
		return 0;
	snprintf(f->buf, f->cap, "%s", m->text);
	return 1;
}

void hl_chat_first_text(hl_broker *b, hl_contact *c, char *buf, size_t cap)
{
	struct first f = {buf, cap};

	buf[0] = 0;
	hl_store_message_each(b->st, c->row.id, 0, first_line, &f);
}

int hl_chat_end(hl_broker *b, hl_contact *c, const char *by)
{
	hl_route *eng = hl_router_engine(b);
	int64_t now = hl_router_now(b);
	int rc = 0;

	if (hl_contact_state_is(c->row.state, HL_CONTACT_QUEUED)) {
		hl_route_contact_info info;
		/* Leaving before an agent answered is an abandon; the router's
		 * decision closes the contact. An agent holding its offer is
		 * told the offer is gone. */
		if (hl_route_contact_info_get(eng, c->ref, now, &info) == 0 &&
		    info.status == HL_ROUTE_CONTACT_OFFERED && info.agent[0])
			hl_router_contact_event(b, info.agent, c->ref, "cancelled", by, "abandoned");
		rc = hl_route_abandon(eng, now, c->ref, hl_router_out(b));
		if (rc == HL_E_NOTFOUND && (rc = hl_router_contact_move(b, c, HL_CONTACT_EV_ABANDON)) == 0) {
			snprintf(c->row.ended_by, sizeof c->row.ended_by, "%s", by);
			c->row.ended_ms = now;
			hl_router_contact_close(b, c);
			rc = 0;
		}
		hl_router_apply(b);
		return rc;
	}
	/* Asked before anything is said to anyone. */
	if (!hl_contact_state_may(c->row.state, HL_CONTACT_EV_END))
		return HL_E_STATE;
	hl_chat_system(b, c, strcmp(by, "agent") == 0 ? HL_SYSLINE_ENDED_AGENT
						       : HL_SYSLINE_ENDED_CUSTOMER, NULL, NULL, NULL, 0);
	if ((rc = hl_router_contact_move(b, c, HL_CONTACT_EV_END)) < 0)
		return rc;
	snprintf(c->row.ended_by, sizeof c->row.ended_by, "%s", by);
	c->row.ended_ms = now;
	hl_custchan_ended(b, c, by);
	hl_router_contact_event(b, c->row.agent, c->ref, "ended", by, "");
	/* A conversation carried over a restart is not in the engine. */
	rc = hl_route_end(eng, now, c->ref, hl_router_out(b));
	hl_router_contact_close(b, c);
	hl_router_apply(b);
	return rc == HL_E_NOTFOUND ? 0 : rc;
}

int hl_chat_rate(hl_broker *b, int64_t id, int csat, int nps, const char *comment)
{
	hl_store_contact row;
	int rc;

	if (csat < 1 || csat > 5 || nps < 0 || nps > 10 || strlen(comment) >= sizeof row.comment)
		return HL_E_INVALID;
	if ((rc = hl_store_contact_get(b->st, id, &row)) < 0)
		return rc;
	if (!hl_contact_state_is(row.state, HL_CONTACT_ENDED) || row.csat)
		return HL_E_STATE;
	row.csat = csat;
	row.nps = nps;
	snprintf(row.comment, sizeof row.comment, "%s", comment);
	if ((rc = hl_store_contact_update(b->st, &row)) < 0)
		return rc;
	hl_figures_on_contact(b, &row);
	return 0;
}

/* The caller's open conversation `ref` (held, or barged into by the
 * caller), or an error set on the call. */
static hl_contact *own_contact(hl_call *c, const char *ref, int *rc)
{
	hl_contact *ct = hl_router_contact(c->b, ref);
	const char *me = c->sess->user.name;

	if (!ct) {
		*rc = hl_call_fail(c, HL_E_NOTFOUND, "no open conversation '%s'", ref);
		return NULL;
	}
	if ((strcmp(ct->row.agent, me) != 0 && strcmp(ct->barged, me) != 0) ||
	    !hl_contact_state_is(ct->row.state, HL_CONTACT_ACTIVE)) {
		*rc = hl_call_fail(c, HL_E_STATE, "conversation %s is not yours in progress; "
				   "accept it first", ref);
		return NULL;
	}
	return ct;
}

int hl_chat_send(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__ChatSend *cs = rq->chat_send;
	const char *from;
	Hotline__ChatLine *l;
	hl_contact *ct;
	uint64_t seq;
	int rc = 0;

	if (!hl_chat_text_ok(cs->text))
		return hl_call_fail(c, HL_E_INVALID, "the text must be 1 to %d characters of "
				    "UTF-8 without control characters", HL_TEXT_MAX);
	if (strlen(cs->client_id) > 64)
		return hl_call_fail(c, HL_E_INVALID, "client id longer than 64 bytes");
	if (!(ct = own_contact(c, cs->contact, &rc)))
		return rc;
	/* A supervisor who barged in speaks as one, under their own name. */
	from = strcmp(ct->row.agent, c->sess->user.name) == 0 ? "agent" : "supervisor";
	rc = hl_chat_add_line(c->b, ct, from, c->sess->user.display, cs->text, cs->client_id,
			      &seq);
	if (rc < 0 && rc != HL_E_EXISTS)
		return hl_call_fail(c, rc, "could not store the line");
	l = hl_arena_alloc(c->arena, sizeof *l);
	if (!l)
		return HL_E_NOMEM;
	hotline__chat_line__init(l);
	l->seq = seq;
	l->from = (char *)from;
	l->name = c->sess->user.display;
	l->text = cs->text;
	l->ts_ms = c->now_ms;
	l->client_id = cs->client_id;
	rp->body_case = HOTLINE__REPLY__BODY_LINE;
	rp->line = l;
	return 0;
}

int hl_chat_typing(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	hl_contact *ct;
	int rc = 0;

	(void)rp;
	if (!(ct = own_contact(c, rq->chat_typing->contact, &rc)))
		return rc;
	hl_custchan_typing(c->b, ct, rq->chat_typing->on);
	return 0;
}

int hl_chat_end_req(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	hl_contact *ct;
	int rc = 0;

	(void)rp;
	if (!(ct = own_contact(c, rq->chat_end->contact, &rc)))
		return rc;
	rc = hl_chat_end(c->b, ct, "agent");
	return rc < 0 ? hl_call_fail(c, rc, "could not end the conversation") : 0;
}

int hl_chat_transfer(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__ChatTransfer *t = rq->chat_transfer;
	hl_broker *b = c->b;
	hl_contact *ct;
	char line[600];
	uint64_t seq;
	int rc = 0;

	(void)rp;
	if (!(ct = own_contact(c, t->contact, &rc)))
		return rc;
	if (!!t->to_queue[0] == !!t->to_agent[0])
		return hl_call_fail(c, HL_E_INVALID, "transfer to a queue or to an agent, not both");
	if (t->note[0] && (!hl_chat_text_ok(t->note)))
		return hl_call_fail(c, HL_E_INVALID, "the note is not acceptable text");
	if (t->to_queue[0] && !hl_router_queue(b, t->to_queue))
		return hl_call_fail(c, HL_E_NOTFOUND, "no queue '%s'; see 'queue list'", t->to_queue);
	if (t->to_queue[0])
		rc = hl_route_transfer_queue(hl_router_engine(b), hl_router_now(b), ct->ref,
					     t->to_queue, hl_router_out(b));
	else
		rc = hl_route_transfer_agent(hl_router_engine(b), hl_router_now(b), ct->ref,
					     t->to_agent, hl_router_out(b));
	if (rc < 0) {
		hl_router_apply(b);
		return hl_call_fail(c, rc, "the transfer was refused: %s", hl_strerror(rc));
	}
	/* The note is stored only once the transfer is taken. */
	if (t->note[0])
		hl_chat_add_line(b, ct, "note", c->sess->user.display, t->note, NULL, &seq);
	if (t->to_queue[0])
		hl_chat_system(b, ct, HL_SYSLINE_TRANSFERRED, "queue", t->to_queue, line, sizeof line);
	else
		hl_chat_system(b, ct, HL_SYSLINE_TRANSFERRED_AGENT, "agent", t->to_agent, line,
			       sizeof line);
	snprintf(ct->note, sizeof ct->note, "%s", t->note);
	if (t->to_queue[0])
		snprintf(ct->row.queue, sizeof ct->row.queue, "%s", t->to_queue);
	hl_router_contact_event(b, ct->row.agent, ct->ref, "transferred", c->sess->user.name, line);
	hl_router_contact_move(b, ct, HL_CONTACT_EV_TRANSFER);
	ct->row.agent[0] = 0;
	/* The contact is counted in the queue it ends in (docs/metrics.md):
	 * its wait and answer start over there. */
	ct->row.queued_ms = hl_router_now(b);
	ct->row.answered_ms = 0;
	ct->row.wait_ms = 0;
	ct->last_pos = 0;
	hl_router_touch(b, ct);
	/* The page's header follows the transfer at once, before an agent
	 * there may join in the decisions below. */
	hl_custchan_where(b, ct);
	hl_router_apply(b);
	return 0;
}

struct lines {
	hl_broker *b;
	hl_arena *a;
	Hotline__ChatLine **v;
	size_t n, cap;
	int with_notes;
};

static int collect_line(const hl_store_message *m, void *arg)
{
	struct lines *l = arg;
	Hotline__ChatLine *x;
	hl_chat_sysargs sa = {0};

	if (!l->with_notes && strcmp(m->sender, "note") == 0)
		return 0;
	if (hl_arena_grow(l->a, &l->v, &l->cap, l->n, sizeof *l->v, 32) < 0)
		return 1;
	if (!(x = hl_arena_alloc(l->a, sizeof *x)))
		return 1;
	hotline__chat_line__init(x);
	x->seq = m->seq;
	x->from = hl_arena_strdup(l->a, m->sender);
	x->name = hl_arena_strdup(l->a, m->name);
	x->text = hl_arena_strdup(l->a, m->text);
	x->ts_ms = m->ts;
	x->client_id = hl_arena_strdup(l->a, m->client_id);
	x->code = hl_arena_strdup(l->a, m->code);
	if (m->code[0])
		hl_chat_sysline_resolve(l->b, m->args, &sa);
	if (sa.n && (x->args = hl_arena_alloc(l->a, sa.n * sizeof *x->args))) {
		for (size_t i = 0; i < sa.n; i++) {
			Hotline__ChatLine__ArgsEntry *e = hl_arena_alloc(l->a, sizeof *e);
			if (!e)
				return 1;
			hotline__chat_line__args_entry__init(e);
			e->key = hl_arena_strdup(l->a, sa.keys[i]);
			e->value = hl_arena_strdup(l->a, sa.vals[i]);
			x->args[x->n_args++] = e;
		}
	}
	l->v[l->n++] = x;
	return 0;
}

/* Fills a wire Contact from a row. */
static void contact_to_pb(const hl_store_contact *r, Hotline__Contact *out, hl_arena *a)
{
	char ref[HL_CONTACT_REF_MAX];

	hotline__contact__init(out);
	out->id = hl_arena_strdup(a, hl_contact_ref_format(r->id, ref, sizeof ref));
	out->queue = hl_arena_strdup(a, r->queue);
	out->customer = hl_arena_printf(a, "u%lld", (long long)r->customer_id);
	out->state = hl_arena_strdup(a, r->state);
	out->agent = hl_arena_strdup(a, r->agent);
	out->created_ms = r->created_ms;
	out->answered_ms = r->answered_ms;
	out->ended_ms = r->ended_ms;
	out->ended_by = hl_arena_strdup(a, r->ended_by);
	out->csat = (uint32_t)r->csat;
	out->nps = r->nps;
	out->comment = hl_arena_strdup(a, r->comment);
	out->wrap_code = hl_arena_strdup(a, r->wrap_code);
	out->wrap_note = hl_arena_strdup(a, r->wrap_note);
	out->wait_ms = r->wait_ms;
	if (r->trail_len)
		out->visitor = hotline__visitor__unpack(&a->pb, r->trail_len, r->trail);
}

int hl_chat_transcript_reply(hl_call *c, const hl_store_contact *row, Hotline__Reply *rp)
{
	struct lines l = {.b = c->b, .a = c->arena, .with_notes = 1};
	Hotline__TranscriptReply *tr;

	hl_store_message_each(c->b->st, row->id, 0, collect_line, &l);
	if (!(tr = hl_arena_alloc(c->arena, sizeof *tr)))
		return HL_E_NOMEM;
	hotline__transcript_reply__init(tr);
	if (!(tr->contact = hl_arena_alloc(c->arena, sizeof *tr->contact)))
		return HL_E_NOMEM;
	contact_to_pb(row, tr->contact, c->arena);
	tr->lines = l.v;
	tr->n_lines = l.n;
	rp->body_case = HOTLINE__REPLY__BODY_TRANSCRIPT;
	rp->transcript = tr;
	return 0;
}

int hl_chat_transcript(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const char *ref = rq->chat_transcript->contact;
	hl_store_contact *row = hl_arena_alloc(c->arena, sizeof *row);
	int64_t id = 0;

	/* Whose conversation it was is the request's scope (transcript_agent),
	 * checked before this runs. */
	if (!row)
		return HL_E_NOMEM;
	if (hl_contact_ref_parse(ref, &id) < 0 || hl_store_contact_get(c->b->st, id, row) < 0)
		return hl_call_fail(c, HL_E_NOTFOUND, "no conversation '%s'", ref);
	return hl_chat_transcript_reply(c, row, rp);
}

/* --- the module --- */

/* The agent a transcript request's conversation was with ("" when none
 * answered it); none when there is no such conversation (the handler
 * says so). */
static int transcript_agent(hl_call *c, const Hotline__Request *rq, char *name, size_t cap)
{
	int64_t id;
	hl_store_contact row;

	if (hl_contact_ref_parse(rq->chat_transcript ? rq->chat_transcript->contact : "", &id) < 0 ||
	    hl_store_contact_get(c->b->st, id, &row) < 0)
		return 0;
	snprintf(name, cap, "%s", row.agent);
	return 1;
}

static const hl_request_desc requests[] = {
	{.body_case = HOTLINE__REQUEST__BODY_CHAT_SEND, .name = "chat send",
	 .roles = HL_ROLES_AGENTS, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_chat_send},
	/* Typing is volatile: a repeat only says the same thing again. */
	{.body_case = HOTLINE__REQUEST__BODY_CHAT_TYPING, .name = "chat typing",
	 .roles = HL_ROLES_AGENTS, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_chat_typing},
	{.body_case = HOTLINE__REQUEST__BODY_CHAT_END, .name = "chat end",
	 .roles = HL_ROLES_AGENTS, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_chat_end_req},
	{.body_case = HOTLINE__REQUEST__BODY_CHAT_TRANSFER, .name = "chat transfer",
	 .roles = HL_ROLES_AGENTS, .needs_login = 1, .effect = HL_REQ_ONCE, .fn = hl_chat_transfer},
	/* An agent reads the conversations that were theirs; those who manage
	 * the floor and QA read all. */
	{.body_case = HOTLINE__REQUEST__BODY_CHAT_TRANSCRIPT, .name = "chat transcript",
	 .roles = HL_ROLES_STAFF, .needs_login = 1, .effect = HL_REQ_AGAIN, .fn = hl_chat_transcript,
	 .scope = HL_SCOPE_OWN, .scope_all = HL_ROLES_STAFF & ~HL_ROLE_BIT(HOTLINE__ROLE__AGENT),
	 .target = transcript_agent,
	 .scope_denied = "permission denied: that conversation was not yours; an agent reads "
			 "only their own"},
};

const hl_module hl_mod_chat = {
	.name = "chat",
	.requests = requests,
	.n_requests = sizeof requests / sizeof requests[0],
};
