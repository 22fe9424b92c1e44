/* Supervising a live conversation: listen in, whisper to its agent, barge
 * in to the customer, take it over. A team lead reaches the conversations
 * of their own team's agents, a supervisor every one; each is audited. */
#include "chat_supervise.h"

#include <stdio.h>
#include <string.h>

#include "chat.h"
#include "custchan.h"
#include "error.h"
#include "events.h"
#include "requests.h"
#include "session.h"
#include "sysline.h"

/* The `contact` field of the request's body (every request here has one as
 * its field 1), or "". */
static const char *contact_of(const Hotline__Request *rq)
{
	const ProtobufCFieldDescriptor *f, *cf;
	const ProtobufCMessage *m;

	f = protobuf_c_message_descriptor_get_field(&hotline__request__descriptor,
						    (unsigned)rq->body_case);
	m = f ? *(ProtobufCMessage *const *)((const char *)rq + f->offset) : NULL;
	cf = m ? protobuf_c_message_descriptor_get_field_by_name(m->descriptor, "contact") : NULL;
	if (!cf || cf->type != PROTOBUF_C_TYPE_STRING)
		return "";
	return *(const char *const *)((const char *)m + cf->offset);
}

/* The scope's target: the agent holding the conversation, else the agent
 * it is offered to, else "" (no agent's team: only those who reach the
 * whole floor pass). None when there is no such open conversation (the
 * handler says so). */
static int contact_agent(hl_call *c, const Hotline__Request *rq, char *name, size_t cap)
{
	hl_contact *ct = hl_router_contact(c->b, contact_of(rq));
	hl_route_contact_info info;

	if (!ct)
		return 0;
	name[0] = 0;
	if (ct->row.agent[0])
		snprintf(name, cap, "%s", ct->row.agent);
	else if (hl_route_contact_info_get(hl_router_engine(c->b), ct->ref, hl_router_now(c->b),
					   &info) == 0 && info.agent[0])
		snprintf(name, cap, "%s", info.agent);
	return 1;
}

/* The open conversation the request names; with `active`, one in progress
 * with an agent. NULL with the error set on the call. */
static hl_contact *find(hl_call *c, const Hotline__Request *rq, int active, int *rc)
{
	const char *ref = contact_of(rq);
	hl_contact *ct = hl_router_contact(c->b, ref);

	if (!ct) {
		*rc = hl_call_fail(c, HL_E_NOTFOUND, "no open conversation '%s'; 'chat transcript' "
				   "reads one that has ended", ref);
		return NULL;
	}
	if (active && (!hl_contact_state_is(ct->row.state, HL_CONTACT_ACTIVE) || !ct->row.agent[0])) {
		*rc = hl_call_fail(c, HL_E_STATE, "conversation %s is waiting in its queue, not in "
				   "progress with an agent", ct->ref);
		return NULL;
	}
	return ct;
}

static void audit(hl_call *c, const char *action, const hl_contact *ct)
{
	hl_broker_audit(c->b, c->sess->user.name, action, ct->ref, ct->row.agent, "ok");
}

/* A line's reply (strings borrowed from the request and the session). */
static int line_reply(hl_call *c, Hotline__Reply *rp, const char *from, const char *text,
		      const char *client_id, uint64_t seq)
{
	Hotline__ChatLine *l = hl_arena_alloc(c->arena, sizeof *l);

	if (!l)
		return HL_E_NOMEM;
	hotline__chat_line__init(l);
	l->seq = seq;
	l->from = (char *)from;
	l->name = c->sess->user.display;
	l->text = (char *)text;
	l->ts_ms = c->now_ms;
	l->client_id = (char *)client_id;
	rp->body_case = HOTLINE__REPLY__BODY_LINE;
	rp->line = l;
	return 0;
}

/* 0 if a line's text and client id are acceptable, else the error set. */
static int check_line(hl_call *c, const char *text, const char *client_id)
{
	if (!hl_chat_text_ok(text))
		return hl_call_fail(c, HL_E_INVALID, "the text must be 1 to %d characters of "
				    "UTF-8 without control characters", HL_TEXT_MAX);
	if (strlen(client_id) > 64)
		return hl_call_fail(c, HL_E_INVALID, "client id longer than 64 bytes");
	return 0;
}

/* Adds a line from the caller; checks the text and id first. */
static int add_line(hl_call *c, hl_contact *ct, const char *from, const char *text,
		    const char *client_id, Hotline__Reply *rp)
{
	uint64_t seq;
	int rc;

	if ((rc = check_line(c, text, client_id)) < 0)
		return rc;
	rc = hl_chat_add_line(c->b, ct, from, c->sess->user.display, text, client_id, &seq);
	if (rc < 0 && rc != HL_E_EXISTS)
		return hl_call_fail(c, rc, "could not store the line");
	return line_reply(c, rp, from, text, client_id, seq);
}

static int follow(hl_call *c, hl_contact *ct)
{
	if (hl_events_subscribe(c->b, c->sess, HL_TOPIC_CONTACT, ct->ref) < 0)
		return hl_call_fail(c, HL_E_NOMEM, "out of memory; try again");
	return 0;
}

static int listen_req(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	hl_contact *ct;
	int rc = 0;

	if (!(ct = find(c, rq, 0, &rc)))
		return rc;
	/* The transcript and the subscription in one turn: no line falls
	 * between them. */
	if ((rc = hl_chat_transcript_reply(c, &ct->row, rp)) < 0 || (rc = follow(c, ct)) < 0)
		return rc;
	audit(c, "chat listen", ct);
	return 0;
}

static int whisper_req(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__ChatWhisper *w = rq->chat_whisper;
	hl_contact *ct;
	int rc = 0;

	if (!(ct = find(c, rq, 1, &rc)))
		return rc;
	if ((rc = add_line(c, ct, "whisper", w->text, w->client_id, rp)) < 0)
		return rc;
	audit(c, "chat whisper", ct);
	return 0;
}

static int barge_req(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	const Hotline__ChatBarge *w = rq->chat_barge;
	const char *me = c->sess->user.name;
	hl_contact *ct;
	int rc = 0;

	if (!(ct = find(c, rq, 1, &rc)))
		return rc;
	if (strcmp(ct->row.agent, me) == 0)
		return hl_call_fail(c, HL_E_STATE, "conversation %s is yours: use 'chat send'", ct->ref);
	if ((rc = check_line(c, w->text, w->client_id)) < 0)
		return rc;
	/* The first barge tells both sides who joined; later lines and the
	 * supervisor's 'chat send' need no announcement. */
	if (strcmp(ct->barged, me) != 0) {
		snprintf(ct->barged, sizeof ct->barged, "%s", me);
		hl_chat_system(c->b, ct, HL_SYSLINE_BARGED, "agent", me, NULL, 0);
	}
	if ((rc = add_line(c, ct, "supervisor", w->text, w->client_id, rp)) < 0 ||
	    (rc = follow(c, ct)) < 0)
		return rc;
	audit(c, "chat barge", ct);
	return 0;
}

static int takeover_req(hl_call *c, const Hotline__Request *rq, Hotline__Reply *rp)
{
	hl_broker *b = c->b;
	const char *me = c->sess->user.name;
	char agent[sizeof ((hl_contact *)0)->row.agent], line[600];
	hl_contact *ct;
	int rc = 0;

	(void)rp;
	if (!(ct = find(c, rq, 1, &rc)))
		return rc;
	if (strcmp(ct->row.agent, me) == 0)
		return hl_call_fail(c, HL_E_STATE, "conversation %s is yours already", ct->ref);
	snprintf(agent, sizeof agent, "%s", ct->row.agent);
	/* Said while the agent still holds it: the agent, the customer and
	 * those listening all read who serves the customer now. */
	hl_chat_system(b, ct, HL_SYSLINE_TAKEN_OVER, "agent", me, line, sizeof line);
	hl_router_contact_event(b, agent, ct->ref, "taken_over", me, line);
	/* The agent's part ends as if the conversation had: their slot is
	 * free (after their queue's wrap-up). The conversation goes on outside
	 * the engine's count, like one carried over a restart; one already
	 * outside it is not found there. */
	rc = hl_route_end(hl_router_engine(b), hl_router_now(b), ct->ref, hl_router_out(b));
	if (rc < 0 && rc != HL_E_NOTFOUND) {
		hl_router_apply(b);
		return hl_call_fail(c, rc, "the take-over was refused: %s", hl_strerror(rc));
	}
	snprintf(ct->row.agent, sizeof ct->row.agent, "%s", me);
	ct->barged[0] = 0;
	hl_router_touch(b, ct);
	hl_router_contact_event(b, me, ct->ref, "active", me, "taken_over");
	hl_custchan_joined(b, ct, c->sess->user.display);
	hl_router_apply(b);
	/* The detail names the agent it was taken from. */
	hl_broker_audit(b, me, "chat takeover", ct->ref, agent, "ok");
	return 0;
}

/* --- the module --- */

#define LEADS_AND_SUPERVISORS (HL_ROLE_BIT(HOTLINE__ROLE__TEAM_LEAD) | \
			       HL_ROLE_BIT(HOTLINE__ROLE__SUPERVISOR))

static const char denied[] = "permission denied: a team lead supervises only the conversations "
			     "of their own team's agents";

static const hl_request_desc requests[] = {
	/* Following again only says the same thing again. */
	{.body_case = HOTLINE__REQUEST__BODY_CHAT_LISTEN, .name = "chat listen",
	 .roles = LEADS_AND_SUPERVISORS, .needs_login = 1, .effect = HL_REQ_AGAIN,
	 .fn = listen_req, .scope = HL_SCOPE_TEAM,
	 .scope_all = HL_ROLE_BIT(HOTLINE__ROLE__SUPERVISOR), .target = contact_agent,
	 .scope_denied = denied},
	{.body_case = HOTLINE__REQUEST__BODY_CHAT_WHISPER, .name = "chat whisper",
	 .roles = LEADS_AND_SUPERVISORS, .needs_login = 1, .effect = HL_REQ_ONCE,
	 .fn = whisper_req, .scope = HL_SCOPE_TEAM,
	 .scope_all = HL_ROLE_BIT(HOTLINE__ROLE__SUPERVISOR), .target = contact_agent,
	 .scope_denied = denied},
	{.body_case = HOTLINE__REQUEST__BODY_CHAT_BARGE, .name = "chat barge",
	 .roles = HL_ROLE_BIT(HOTLINE__ROLE__SUPERVISOR), .needs_login = 1,
	 .effect = HL_REQ_ONCE, .fn = barge_req},
	{.body_case = HOTLINE__REQUEST__BODY_CHAT_TAKEOVER, .name = "chat takeover",
	 .roles = HL_ROLE_BIT(HOTLINE__ROLE__SUPERVISOR), .needs_login = 1,
	 .effect = HL_REQ_ONCE, .fn = takeover_req},
};

const hl_module hl_mod_supervise = {
	.name = "supervise",
	.requests = requests,
	.n_requests = sizeof requests / sizeof requests[0],
};
