/* The event fabric: each kind of event is durable or volatile by one table;
 * sessions subscribe to topics (their user, the floor, their team, …) set
 * up from their role at login, and emitters publish to a topic instead of
 * picking sessions. */
#include "events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "hmap.h"
#include "module.h"
#include "role.h"
#include "router.h"
#include "session.h"

#define TOPIC_NAME_MAX 112

struct hl_sub {
	struct topic *t;
	hl_session *s;
	hl_sub *t_prev, *t_next;   /* the topic's subscribers */
	hl_sub *s_next;            /* the session's subscriptions */
};

typedef struct topic {
	hl_hmap_node node;         /* in hl_events.topics, by name's hash */
	hl_sub *subs;
	char name[TOPIC_NAME_MAX];
} topic;

struct hl_events {
	hl_hmap topics;
};

static const char *typing_key(const Hotline__Event *ev)
{
	return ev->typing && ev->typing->contact ? ev->typing->contact : "";
}

static const char *agent_key(const Hotline__Event *ev)
{
	return ev->agent_status && ev->agent_status->agent ? ev->agent_status->agent : "";
}

/* Every kind of event, its class and, if volatile, its coalescing key.
 * Durable: what a desk must not miss or would show wrong without (its
 * contacts, offers, lines, notices, lists it replaces wholesale).
 * Volatile: what the next value makes stale. */
static const hl_event_kind kinds[] = {
	{HOTLINE__EVENT__BODY_SNAPSHOT, HL_EVENT_DURABLE, NULL},
	{HOTLINE__EVENT__BODY_USER_CHANGED, HL_EVENT_DURABLE, NULL},
	{HOTLINE__EVENT__BODY_TEAM_ADDED, HL_EVENT_DURABLE, NULL},
	{HOTLINE__EVENT__BODY_NOTICE, HL_EVENT_DURABLE, NULL},
	{HOTLINE__EVENT__BODY_OFFER, HL_EVENT_DURABLE, NULL},
	{HOTLINE__EVENT__BODY_LINE, HL_EVENT_DURABLE, NULL},
	{HOTLINE__EVENT__BODY_CONTACT_STATE, HL_EVENT_DURABLE, NULL},
	{HOTLINE__EVENT__BODY_OFFER_UPDATE, HL_EVENT_DURABLE, NULL},
	{HOTLINE__EVENT__BODY_CODES_CHANGED, HL_EVENT_DURABLE, NULL},
	{HOTLINE__EVENT__BODY_TYPING, HL_EVENT_VOLATILE, typing_key},
	{HOTLINE__EVENT__BODY_AGENT_STATUS, HL_EVENT_VOLATILE, agent_key},
};

const hl_event_kind *hl_events_kind(int kind)
{
	static const hl_event_kind unknown = {0, HL_EVENT_DURABLE, NULL};

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (kinds[i].kind == kind)
			return &kinds[i];
	return &unknown;
}

/* Which roles subscribe to each keyless topic; the user's own topic is
 * everyone's, and the team topic every member's. These are exactly the
 * audiences the emitters picked by role before topics. */
static const struct {
	hl_topic_kind topic;
	unsigned roles;
} role_topics[] = {
	{HL_TOPIC_FLOOR, HL_ROLE_BIT(HOTLINE__ROLE__SUPERVISOR) | HL_ROLE_BIT(HOTLINE__ROLE__TEAM_LEAD)},
	{HL_TOPIC_STAFF, HL_ROLE_BIT(HOTLINE__ROLE__AGENT) | HL_ROLE_BIT(HOTLINE__ROLE__TEAM_LEAD) |
			 HL_ROLE_BIT(HOTLINE__ROLE__SUPERVISOR) | HL_ROLE_BIT(HOTLINE__ROLE__QA) |
			 HL_ROLE_BIT(HOTLINE__ROLE__ADMIN)},
	{HL_TOPIC_DIRECTORY, HL_ROLE_BIT(HOTLINE__ROLE__ADMIN) | HL_ROLE_BIT(HOTLINE__ROLE__SUPERVISOR)},
};

static const char *const topic_prefix[HL_TOPIC_COUNT] = {
	[HL_TOPIC_USER] = "user/", [HL_TOPIC_FLOOR] = "floor", [HL_TOPIC_STAFF] = "staff",
	[HL_TOPIC_DIRECTORY] = "directory", [HL_TOPIC_TEAM] = "team/",
	[HL_TOPIC_CONTACT] = "contact/",
};

hl_evbuf *hl_evbuf_pack(const hl_event_kind *k, const Hotline__Event *ev)
{
	size_t len = hotline__event__get_packed_size(ev);
	hl_evbuf *e = malloc(sizeof *e + (len ? len : 1));

	if (!e)
		return NULL;
	e->refs = 1;
	e->kind = k->kind;
	snprintf(e->key, sizeof e->key, "%s", k->key ? k->key(ev) : "");
	e->len = hotline__event__pack(ev, e->data);
	return e;
}

hl_evbuf *hl_evbuf_ref(hl_evbuf *e)
{
	e->refs++;
	return e;
}

void hl_evbuf_unref(hl_evbuf *e)
{
	if (e && --e->refs == 0)
		free(e);
}

hl_events *hl_events_new(void)
{
	return calloc(1, sizeof(hl_events));
}

void hl_events_free(hl_events *e)
{
	hl_hmap_iter it;
	hl_hmap_node *n;

	if (!e)
		return;
	for (n = hl_hmap_first(&e->topics, &it); n; n = hl_hmap_next(&it)) {
		topic *t = hl_hmap_entry(n, topic, node);
		hl_sub *x, *xn;
		hl_hmap_del(&e->topics, n);
		/* The sessions are already freed (session.c frees them first):
		 * only the subscriptions themselves are ours to free. */
		for (x = t->subs; x; x = xn) {
			xn = x->t_next;
			free(x);
		}
		free(t);
	}
	hl_hmap_fini(&e->topics);
	free(e);
}

static int topic_name(hl_topic_kind k, const char *key, char *out)
{
	int n;

	if ((unsigned)k >= HL_TOPIC_COUNT)
		return HL_E_INVALID;
	n = snprintf(out, TOPIC_NAME_MAX, "%s%s", topic_prefix[k], key ? key : "");
	return n < 0 || n >= TOPIC_NAME_MAX ? HL_E_INVALID : 0;
}

static topic *find(hl_events *e, const char *name)
{
	for (hl_hmap_node *n = hl_hmap_get(&e->topics, hl_hmap_str(name)); n;
	     n = hl_hmap_get_next(n)) {
		topic *t = hl_hmap_entry(n, topic, node);
		if (strcmp(t->name, name) == 0)
			return t;
	}
	return NULL;
}

int hl_events_subscribe(hl_broker *b, hl_session *s, hl_topic_kind k, const char *key)
{
	hl_events *e = hl_sessions_events(b);
	char name[TOPIC_NAME_MAX];
	topic *t;
	hl_sub *x;

	if (topic_name(k, key, name) < 0)
		return HL_E_INVALID;
	for (x = s->subs; x; x = x->s_next)
		if (strcmp(x->t->name, name) == 0)
			return 0;
	if (!(t = find(e, name))) {
		if (!(t = calloc(1, sizeof *t)))
			return HL_E_NOMEM;
		memcpy(t->name, name, sizeof t->name);
		hl_hmap_put(&e->topics, &t->node, hl_hmap_str(name));
	}
	if (!(x = calloc(1, sizeof *x)))
		return HL_E_NOMEM;
	x->t = t;
	x->s = s;
	x->t_next = t->subs;
	if (t->subs)
		t->subs->t_prev = x;
	t->subs = x;
	x->s_next = s->subs;
	s->subs = x;
	return 0;
}

static void topic_drop_if_empty(hl_events *e, topic *t)
{
	if (t->subs)
		return;
	hl_hmap_del(&e->topics, &t->node);
	free(t);
}

void hl_events_unsubscribe_all(hl_broker *b, hl_session *s)
{
	hl_events *e = hl_sessions_events(b);
	hl_sub *x, *xn;

	for (x = s->subs; x; x = xn) {
		xn = x->s_next;
		if (x->t_prev)
			x->t_prev->t_next = x->t_next;
		else
			x->t->subs = x->t_next;
		if (x->t_next)
			x->t_next->t_prev = x->t_prev;
		topic_drop_if_empty(e, x->t);
		free(x);
	}
	s->subs = NULL;
}

int hl_events_subscribe_user(hl_broker *b, hl_session *s)
{
	unsigned bit = HL_ROLE_BIT(s->user.role);
	int rc;

	hl_events_unsubscribe_all(b, s);
	if ((rc = hl_events_subscribe(b, s, HL_TOPIC_USER, s->user.name)) < 0)
		return rc;
	for (size_t i = 0; i < sizeof role_topics / sizeof role_topics[0]; i++)
		if ((role_topics[i].roles & bit) &&
		    (rc = hl_events_subscribe(b, s, role_topics[i].topic, NULL)) < 0)
			return rc;
	if (s->user.team[0] && (rc = hl_events_subscribe(b, s, HL_TOPIC_TEAM, s->user.team)) < 0)
		return rc;
	return 0;
}

int hl_events_publish(hl_broker *b, hl_topic_kind k, const char *key, Hotline__Event *ev)
{
	const hl_event_kind *kind = hl_events_kind(ev->body_case);
	char name[TOPIC_NAME_MAX];
	hl_evbuf *buf = NULL;
	topic *t;
	int n = 0;

	if (topic_name(k, key, name) < 0 || !(t = find(hl_sessions_events(b), name)))
		return 0;
	if (kind->cls == HL_EVENT_VOLATILE) {
		/* One packing for every subscriber: no per-session sequence. */
		ev->seq = 0;
		ev->time_ms = b->now_ms;
		if (!(buf = hl_evbuf_pack(kind, ev)))
			return 0;
	}
	for (hl_sub *x = t->subs; x; x = x->t_next) {
		if (x->s->dead)
			continue;
		if (buf)
			hl_session_emit_volatile(b, x->s, buf);
		else
			hl_session_emit(b, x->s, ev);
		n++;
	}
	hl_evbuf_unref(buf);
	return n;
}

/* One agent's state as a volatile event to session `s`. */
static void rebuild_agent(hl_broker *b, hl_session *s, const char *agent,
			  const hl_route_agent_info *info)
{
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__AgentStatus as = HOTLINE__AGENT_STATUS__INIT;
	hl_evbuf *buf;

	as.agent = (char *)agent;
	as.state = (char *)hl_route_state_name(info->state);
	as.reason = (char *)info->reason;
	as.since_ms = info->since;
	ev.body_case = HOTLINE__EVENT__BODY_AGENT_STATUS;
	ev.agent_status = &as;
	ev.time_ms = b->now_ms;
	if ((buf = hl_evbuf_pack(hl_events_kind(ev.body_case), &ev))) {
		hl_session_emit_volatile(b, s, buf);
		hl_evbuf_unref(buf);
	}
}

struct rebuild_arg {
	hl_broker *b;
	hl_session *s;
};

static void rebuild_each(const char *name, const char *display, const hl_route_agent_info *info,
			 void *arg)
{
	struct rebuild_arg *r = arg;

	(void)display;
	rebuild_agent(r->b, r->s, name, info);
}

void hl_events_rebuild(hl_broker *b, hl_session *s)
{
	hl_route_agent_info info;
	char name[TOPIC_NAME_MAX];

	/* Before the router is open (broker start) there is nothing to tell. */
	if (!hl_module_state(b, &hl_mod_router))
		return;
	if (topic_name(HL_TOPIC_FLOOR, NULL, name) == 0) {
		for (hl_sub *x = s->subs; x; x = x->s_next) {
			if (strcmp(x->t->name, name) == 0) {
				struct rebuild_arg r = {b, s};
				hl_router_agent_each(b, rebuild_each, &r);
				return;
			}
		}
	}
	if (hl_route_agent_info_get(hl_router_engine(b), s->user.name, hl_router_now(b), &info) == 0)
		rebuild_agent(b, s, s->user.name, &info);
}
