/* What each decision of the routing engine does in the broker: offers to
 * agents' sessions, contacts' and agents' states in the store, and the
 * customer told. One table, one handler per kind of decision. */
#include "router.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "figures.h"
#include "events.h"
#include "session.h"
#include "store_chat.h"
#include "sysline.h"
#include "custchan.h"

static void agent_event(hl_broker *b, const char *agent, Hotline__Event *ev)
{
	hl_events_publish(b, HL_TOPIC_USER, agent, ev);
}

void hl_router_contact_event(hl_broker *b, const char *agent, const char *contact,
			     const char *state, const char *by, const char *reason)
{
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__ContactState cs = HOTLINE__CONTACT_STATE__INIT;

	cs.contact = (char *)contact;
	cs.state = (char *)state;
	cs.by = (char *)(by ? by : "");
	cs.reason = (char *)(reason ? reason : "");
	ev.body_case = HOTLINE__EVENT__BODY_CONTACT_STATE;
	ev.contact_state = &cs;
	if (agent && agent[0])
		agent_event(b, agent, &ev);
	/* Those listening in follow the conversation's state too. */
	hl_events_publish(b, HL_TOPIC_CONTACT, contact, &ev);
}

static void on_offer(hl_broker *b, const hl_route_decision *d)
{
	hl_contact *c = hl_router_contact(b, d->contact);
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__Offer of = HOTLINE__OFFER__INIT;
	Hotline__Visitor *v = NULL;
	char first[HL_TEXT_MAX * 4 + 1] = "";

	if (!c)
		return;
	of.contact = c->ref;
	of.queue = c->row.queue;
	of.customer = c->customer;
	of.expires_ms = d->auto_accept ? 0 : d->deadline;
	hl_chat_first_text(b, c, first, sizeof first);
	of.first_text = first;
	of.note = c->note;
	if (c->row.trail_len)
		v = hotline__visitor__unpack(NULL, c->row.trail_len, c->row.trail);
	of.visitor = v;
	ev.body_case = HOTLINE__EVENT__BODY_OFFER;
	ev.offer = &of;
	agent_event(b, d->agent, &ev);
	if (v)
		hotline__visitor__free_unpacked(v, NULL);
}

static void on_answer(hl_broker *b, const hl_route_decision *d)
{
	hl_contact *c = hl_router_contact(b, d->contact);

	if (!c || hl_router_contact_move(b, c, HL_CONTACT_EV_ANSWER) < 0)
		return;
	snprintf(c->row.agent, sizeof c->row.agent, "%s", d->agent);
	c->row.answered_ms = d->t;
	/* The wait runs from joining the queue to the accept, as stored, so a
	 * broker restart in between does not shorten it. */
	c->row.wait_ms = d->t - c->row.queued_ms;
	c->note[0] = 0;
	hl_router_touch(b, c);
	hl_store_customer_set_last_agent(b->st, c->row.customer_id, d->agent);
	hl_router_contact_event(b, d->agent, c->ref, "active", NULL, "");
	hl_chat_system(b, c, HL_SYSLINE_JOINED, "agent", d->agent, NULL, 0);
	hl_custchan_joined(b, c, hl_router_agent_display(b, d->agent));
}

static void on_offer_gone(hl_broker *b, const hl_route_decision *d)
{
	hl_router_contact_event(b, d->agent, d->contact, "cancelled", NULL,
				d->kind == HL_ROUTE_OFFER_TIMEOUT ? "timeout" : d->reason);
}

static void on_state(hl_broker *b, const hl_route_decision *d)
{
	int64_t user_id = hl_router_agent_user_id(b, d->agent);
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__AgentStatus as = HOTLINE__AGENT_STATUS__INIT;

	as.agent = (char *)d->agent;
	as.state = (char *)hl_route_state_name(d->state);
	as.reason = (char *)d->reason;
	as.since_ms = d->t;
	ev.body_case = HOTLINE__EVENT__BODY_AGENT_STATUS;
	ev.agent_status = &as;
	agent_event(b, d->agent, &ev);
	hl_events_publish(b, HL_TOPIC_FLOOR, NULL, &ev);
	if (user_id)
		hl_store_agent_state_set(b->st, user_id, as.state, d->reason, d->t);
}

static void on_requeue(hl_broker *b, const hl_route_decision *d)
{
	hl_contact *c = hl_router_contact(b, d->contact);

	if (!c)
		return;
	/* Its agent hears of it only if the conversation had begun. */
	if (c->row.agent[0] && hl_contact_state_is(c->row.state, HL_CONTACT_ACTIVE))
		hl_router_contact_event(b, c->row.agent, c->ref, "requeued", NULL, d->reason);
	if (hl_router_contact_move(b, c, HL_CONTACT_EV_REQUEUE) < 0)
		return;
	c->row.agent[0] = 0;
	c->row.answered_ms = 0;
	c->last_pos = 0;
	hl_router_touch(b, c);
}

/* The contact's life in the queue ends without a conversation (its state
 * already moved). */
static void finish_unanswered(hl_broker *b, hl_contact *c, const char *by, int64_t t,
			      int64_t wait_ms)
{
	snprintf(c->row.ended_by, sizeof c->row.ended_by, "%s", by);
	c->row.ended_ms = t;
	c->row.wait_ms = wait_ms;
	/* No agent hears of it; anyone listening in does. */
	hl_router_contact_event(b, NULL, c->ref, c->row.state, by, "");
	hl_router_contact_close(b, c);
}

static void on_rejected(hl_broker *b, const hl_route_decision *d)
{
	hl_contact *c = hl_router_contact(b, d->contact);

	if (!c || hl_router_contact_move(b, c, HL_CONTACT_EV_REJECT) < 0)
		return;
	hl_custchan_rejected(b, c, d->reason);
	finish_unanswered(b, c, "system", d->t, 0);
}

static void on_abandon(hl_broker *b, const hl_route_decision *d)
{
	hl_contact *c = hl_router_contact(b, d->contact);

	if (c && hl_router_contact_move(b, c, HL_CONTACT_EV_ABANDON) == 0)
		finish_unanswered(b, c, "customer", d->t, d->t - c->row.queued_ms);
}

static void on_leave(hl_broker *b, const hl_route_decision *d)
{
	hl_contact *c = hl_router_contact(b, d->contact);

	if (!c || hl_router_contact_move(b, c, HL_CONTACT_EV_LEAVE) < 0)
		return;
	hl_chat_system(b, c, HL_SYSLINE_NO_AGENT, NULL, NULL, NULL, 0);
	hl_custchan_ended(b, c, "system");
	finish_unanswered(b, c, "system", d->t, d->t - c->row.queued_ms);
}

static void on_wrapup_end(hl_broker *b, const hl_route_decision *d)
{
	hl_store_contact row;
	int64_t id;

	/* The contact was closed at its end; the wrap-up time goes on its row. */
	if (hl_contact_ref_parse(d->contact, &id) == 0 &&
	    hl_store_contact_get(b->st, id, &row) == 0 && !row.wrap_end_ms) {
		row.wrap_end_ms = d->t;
		hl_store_contact_update(b->st, &row);
		hl_figures_on_contact(b, &row);
	}
}

static void on_nothing(hl_broker *b, const hl_route_decision *d)
{
	(void)b;
	(void)d;
}

typedef void (*apply_fn)(hl_broker *b, const hl_route_decision *d);

/* What each decision of the engine does here. */
static const apply_fn apply_fns[HL_ROUTE_KIND_COUNT] = {
	[HL_ROUTE_OFFER] = on_offer,
	[HL_ROUTE_ANSWER] = on_answer,
	[HL_ROUTE_OFFER_TIMEOUT] = on_offer_gone,
	[HL_ROUTE_OFFER_CANCEL] = on_offer_gone,
	[HL_ROUTE_STATE_CHANGE] = on_state,
	[HL_ROUTE_REQUEUE] = on_requeue,
	[HL_ROUTE_OVERFLOW] = on_nothing,
	[HL_ROUTE_REJECTED] = on_rejected,
	[HL_ROUTE_WRAPUP_END] = on_wrapup_end,
	[HL_ROUTE_ABANDON] = on_abandon,
	[HL_ROUTE_LEAVE] = on_leave,
};

void hl_router_apply(hl_broker *b)
{
	hl_route_out *o = hl_router_out(b);

	/* Handlers may feed the engine again (appending to `o`): index, don't
	 * hold pointers across calls. */
	for (size_t i = 0; i < o->n; i++) {
		hl_route_decision d = o->v[i];
		if (d.kind < HL_ROUTE_KIND_COUNT && apply_fns[d.kind])
			apply_fns[d.kind](b, &d);
	}
	hl_route_out_clear(o);
}


