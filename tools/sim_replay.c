/* The routing replay runner: reads a JSON Lines scenario, drives the routing engine, prints every decision. */
#define _POSIX_C_SOURCE 200809L /* getline */
#include "sim.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "metrics.h"
#include "route.h"
#include "route_hours.h"

#define REPLAY_LINE_MAX 65536
#define REPLAY_MONDAY_MS 345600000LL  /* 1970-01-05 00:00 UTC, a Monday */
#define REPLAY_SECS_MAX 2592000       /* 30 days, the engine's limit */
#define REPLAY_NUM_MAX 9007199254740992LL /* 2^53: JSON numbers stay exact */

typedef struct replay {
	hl_route *r;
	hl_route_out out;
	hl_route_config conf;
	bool epoch_given, configured;
	bool json;
	int64_t t;                /* time of the last accepted line */
	char err[256];            /* the current line's problem */
} replay;

/* Records the current line's problem; returns -1 so handlers can
 * `return bad(...)`. */
__attribute__((format(printf, 2, 3)))
static int bad(replay *rp, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(rp->err, sizeof rp->err, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- field access: each returns 0, or -1 with the problem recorded ---- */

static int only_fields(replay *rp, const char *ev, const cJSON *obj, const char *const *allowed)
{
	if (!cJSON_IsObject(obj))
		return bad(rp, "%s: expected an object", ev);
	for (const cJSON *f = obj->child; f; f = f->next) {
		bool known = false;
		for (size_t i = 0; allowed[i]; i++)
			known |= strcmp(f->string, allowed[i]) == 0;
		if (!known)
			return bad(rp, "%s: unknown field \"%s\"", ev, f->string);
	}
	return 0;
}

static int get_str(replay *rp, const char *ev, const cJSON *obj, const char *name, bool required,
		   size_t max, const char **out)
{
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, name);
	if (!f) {
		if (required)
			return bad(rp, "%s: missing \"%s\"", ev, name);
		return 0;
	}
	if (!cJSON_IsString(f) || !f->valuestring[0])
		return bad(rp, "%s: \"%s\" must be a non-empty string", ev, name);
	if (strlen(f->valuestring) >= max)
		return bad(rp, "%s: \"%s\" is longer than %zu bytes", ev, name, max - 1);
	*out = f->valuestring;
	return 0;
}

static int get_int(replay *rp, const char *ev, const cJSON *obj, const char *name, int64_t min,
		   int64_t max, int64_t *out)
{
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, name);
	if (!f)
		return 0;
	double d = cJSON_IsNumber(f) ? f->valuedouble : NAN;
	if (!(d == floor(d)) || d < (double)min || d > (double)max)
		return bad(rp, "%s: \"%s\" must be a whole number from %lld to %lld", ev, name,
			   (long long)min, (long long)max);
	*out = (int64_t)d;
	return 0;
}

static int get_i32(replay *rp, const char *ev, const cJSON *obj, const char *name, int32_t min,
		   int32_t max, int32_t *out)
{
	int64_t v = *out;
	if (get_int(rp, ev, obj, name, min, max, &v))
		return -1;
	*out = (int32_t)v;
	return 0;
}

static int get_bool(replay *rp, const char *ev, const cJSON *obj, const char *name, bool *out)
{
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(obj, name);
	if (!f)
		return 0;
	if (!cJSON_IsBool(f))
		return bad(rp, "%s: \"%s\" must be true or false", ev, name);
	*out = cJSON_IsTrue(f);
	return 0;
}

/* Existence checks, so a line naming something unknown prints nothing. */
static int need_queue(replay *rp, const char *ev, const char *id)
{
	return hl_route_queue_counters(rp->r, id) ? 0 : bad(rp, "%s: unknown queue \"%s\"", ev, id);
}

static int need_agent(replay *rp, const char *ev, const char *id)
{
	hl_route_agent_info info;
	return hl_route_agent_info_get(rp->r, id, rp->t, &info) == 0 ? 0 :
	       bad(rp, "%s: unknown agent \"%s\"", ev, id);
}

static int need_contact(replay *rp, const char *ev, const char *id)
{
	hl_route_contact_info info;
	return hl_route_contact_info_get(rp->r, id, rp->t, &info) == 0 ? 0 :
	       bad(rp, "%s: unknown contact \"%s\"", ev, id);
}

/* Turns an engine refusal into the line's problem; `state` explains
 * HL_E_STATE for this event. */
static int engine(replay *rp, const char *ev, int rc, const char *state)
{
	if (rc == 0)
		return 0;
	if (rc == HL_E_STATE && state)
		return bad(rp, "%s: %s", ev, state);
	return bad(rp, "%s: %s", ev, hl_strerror(rc));
}

/* ---- the events ---- */

/* One input event: the key that names it on a line, its handler, and for
 * the events that only name ids, the engine call and what its HL_E_STATE
 * means. */
struct replay_event {
	const char *name;
	int (*run)(replay *rp, const struct replay_event *ev, const cJSON *body, int64_t t);
	const char *id_field;  /* one-id events: "agent" or "contact" */
	int (*one)(hl_route *r, int64_t now, const char *id, hl_route_out *out);
	int (*two)(hl_route *r, int64_t now, const char *agent, const char *contact, hl_route_out *out);
	const char *refused;   /* HL_E_STATE from the engine call */
};

/* The engine, made at the first line that is not config (config must
 * come first). Running out of memory here ends the run. */
static hl_route *engine_get(replay *rp)
{
	if (!rp->r) {
		if (!rp->epoch_given)
			rp->conf.epoch_unix_ms = REPLAY_MONDAY_MS;
		rp->r = hl_route_new(&rp->conf);
		if (!rp->r) {
			fprintf(stderr, "hotline-sim: out of memory\n");
			exit(2);
		}
	}
	return rp->r;
}

static int ev_config(replay *rp, const struct replay_event *ev, const cJSON *b, int64_t t)
{
	(void)ev;
	static const char *const fields[] = {"seed", "epoch_ms", "grace_s", "vip_boost",
					     "day_utc_offset_min", "default_aht_s", NULL};
	(void)t;
	if (rp->r)
		return bad(rp, "config: must come before every other event");
	if (rp->configured)
		return bad(rp, "config: given twice");
	hl_route_config c = rp->conf;
	int64_t seed = (int64_t)c.seed, epoch = 0;
	if (only_fields(rp, "config", b, fields) ||
	    get_int(rp, "config", b, "seed", 0, REPLAY_NUM_MAX, &seed) ||
	    get_int(rp, "config", b, "epoch_ms", -REPLAY_NUM_MAX, REPLAY_NUM_MAX, &epoch) ||
	    get_i32(rp, "config", b, "grace_s", 0, REPLAY_SECS_MAX, &c.grace_s) ||
	    get_i32(rp, "config", b, "vip_boost", -1000000, 1000000, &c.vip_boost) ||
	    get_i32(rp, "config", b, "day_utc_offset_min", -1440, 1440, &c.day_utc_offset_min) ||
	    get_i32(rp, "config", b, "default_aht_s", 1, 86400, &c.default_aht_s))
		return -1;
	c.seed = (uint64_t)seed;
	if (cJSON_GetObjectItemCaseSensitive(b, "epoch_ms")) {
		rp->epoch_given = true;
		c.epoch_unix_ms = epoch;
	}
	rp->conf = c;
	rp->configured = true;
	return 0;
}

static int ev_queue(replay *rp, const struct replay_event *ev, const cJSON *b, int64_t t)
{
	(void)ev;
	static const char *const fields[] = {"id", "strategy", "priority", "sl", "max_wait_s", "max_len",
		"offer_timeout_s", "auto_accept", "wrap_up_s", "missed_limit", "tier_wait_s",
		"short_abandon_s", "preferred_wait_s", "grace_s", "reoffer_s", "region_affinity",
		"overflow", "hours", NULL};
	static const char *const sl_fields[] = {"pct", "secs", NULL};
	static const char *const of_fields[] = {"after_s", "to", "lower_tiers", NULL};
	static const char *const h_fields[] = {"utc_offset_min", "open", NULL};
	const char *id = NULL, *strategy = NULL;
	hl_route_queue_conf q;
	hl_route_overflow of[HL_ROUTE_OVERFLOW_MAX];
	hl_route_interval open[HL_ROUTE_HOURS_MAX];
	size_t n_open = 0;
	if (only_fields(rp, "queue", b, fields) ||
	    get_str(rp, "queue", b, "id", true, HL_ROUTE_ID_MAX, &id) ||
	    get_str(rp, "queue", b, "strategy", true, 32, &strategy))
		return -1;
	hl_route_queue_conf_default(&q, id);
	int s = hl_route_strategy_parse(strategy);
	if (s < 0)
		return bad(rp, "queue: unknown strategy \"%s\" (longest_idle, least_occupied, "
			   "fewest_handled, round_robin, skill_level, random)", strategy);
	q.strategy = (hl_route_strategy)s;
	const int32_t S = REPLAY_SECS_MAX;
	if (get_i32(rp, "queue", b, "priority", -1000000, 1000000, &q.priority) ||
	    get_i32(rp, "queue", b, "max_wait_s", 0, S, &q.max_wait_s) ||
	    get_i32(rp, "queue", b, "max_len", 0, 100000000, &q.max_len) ||
	    get_i32(rp, "queue", b, "offer_timeout_s", 0, S, &q.offer_timeout_s) ||
	    get_bool(rp, "queue", b, "auto_accept", &q.auto_accept) ||
	    get_i32(rp, "queue", b, "wrap_up_s", 0, S, &q.wrap_up_s) ||
	    get_i32(rp, "queue", b, "missed_limit", 0, 1000, &q.missed_limit) ||
	    get_i32(rp, "queue", b, "tier_wait_s", 0, S, &q.tier_wait_s) ||
	    get_i32(rp, "queue", b, "short_abandon_s", 0, S, &q.short_abandon_s) ||
	    get_i32(rp, "queue", b, "preferred_wait_s", 0, S, &q.preferred_wait_s) ||
	    get_i32(rp, "queue", b, "grace_s", 0, S, &q.grace_s) ||
	    get_i32(rp, "queue", b, "reoffer_s", 0, S, &q.reoffer_s) ||
	    get_bool(rp, "queue", b, "region_affinity", &q.region_affinity))
		return -1;
	const cJSON *sl = cJSON_GetObjectItemCaseSensitive(b, "sl");
	if (sl && (only_fields(rp, "queue sl", sl, sl_fields) ||
		   get_i32(rp, "queue sl", sl, "pct", 0, 100, &q.sl_pct) ||
		   get_i32(rp, "queue sl", sl, "secs", 0, S, &q.sl_secs)))
		return -1;
	const cJSON *ofl = cJSON_GetObjectItemCaseSensitive(b, "overflow");
	if (ofl) {
		if (!cJSON_IsArray(ofl) || cJSON_GetArraySize(ofl) > HL_ROUTE_OVERFLOW_MAX)
			return bad(rp, "queue: \"overflow\" must be a list of at most %d rules",
				   HL_ROUTE_OVERFLOW_MAX);
		const cJSON *rule;
		cJSON_ArrayForEach(rule, ofl) {
			hl_route_overflow *o = &of[q.n_overflow];
			memset(o, 0, sizeof *o);
			if (only_fields(rp, "queue overflow", rule, of_fields) ||
			    get_i32(rp, "queue overflow", rule, "after_s", 0, S, &o->after_s) ||
			    get_str(rp, "queue overflow", rule, "to", false, HL_ROUTE_ID_MAX, &o->to) ||
			    get_bool(rp, "queue overflow", rule, "lower_tiers", &o->lower_tiers))
				return -1;
			if (!cJSON_GetObjectItemCaseSensitive(rule, "after_s") || !o->to == !o->lower_tiers)
				return bad(rp, "queue overflow: each rule needs \"after_s\" and either "
					   "\"to\" or \"lower_tiers\":true");
			q.n_overflow++;
		}
		q.overflow = of;
	}
	const cJSON *h = cJSON_GetObjectItemCaseSensitive(b, "hours");
	if (h) {
		if (only_fields(rp, "queue hours", h, h_fields) ||
		    get_i32(rp, "queue hours", h, "utc_offset_min", -1440, 1440, &q.utc_offset_min))
			return -1;
		const cJSON *list = cJSON_GetObjectItemCaseSensitive(h, "open"), *it;
		if (!cJSON_IsArray(list))
			return bad(rp, "queue hours: \"open\" must be a list like [\"mon-fri 09:00-18:00\"]");
		cJSON_ArrayForEach(it, list) {
			if (!cJSON_IsString(it))
				return bad(rp, "queue hours: \"open\" entries are strings");
			char err[160];
			if (hl_route_hours_parse(it->valuestring, open, HL_ROUTE_HOURS_MAX, &n_open,
						 err, sizeof err) < 0)
				return bad(rp, "queue: hours: %s", err);
		}
		q.open = open;
		q.n_open = n_open;
		/* Without an epoch, t=0 is Monday 00:00 in every queue's own time. */
		if (!rp->epoch_given)
			q.utc_offset_min = 0;
	}
	return engine(rp, "queue", hl_route_queue_set(engine_get(rp), t, &q, &rp->out), NULL);
}

static int ev_agent(replay *rp, const struct replay_event *ev, const cJSON *b, int64_t t)
{
	(void)ev;
	static const char *const fields[] = {"id", "skills", "capacity", "region", NULL};
	hl_route_agent_conf a = {.capacity = 1};
	hl_route_skill skills[HL_ROUTE_SKILLS_MAX];
	engine_get(rp);
	if (only_fields(rp, "agent", b, fields) ||
	    get_str(rp, "agent", b, "id", true, HL_ROUTE_ID_MAX, &a.id) ||
	    get_i32(rp, "agent", b, "capacity", 1, HL_ROUTE_CAPACITY_MAX, &a.capacity) ||
	    get_str(rp, "agent", b, "region", false, HL_ROUTE_ID_MAX, &a.region))
		return -1;
	const cJSON *sk = cJSON_GetObjectItemCaseSensitive(b, "skills"), *it;
	if (sk && !cJSON_IsObject(sk))
		return bad(rp, "agent: \"skills\" must be an object like {\"q1\":5}");
	cJSON_ArrayForEach(it, sk) {
		if (a.n_skills == HL_ROUTE_SKILLS_MAX)
			return bad(rp, "agent: more than %d skills", HL_ROUTE_SKILLS_MAX);
		if (need_queue(rp, "agent skill", it->string))
			return -1;
		int32_t level = 0;
		if (get_i32(rp, "agent skills", sk, it->string, HL_ROUTE_LEVEL_MIN, HL_ROUTE_LEVEL_MAX, &level))
			return -1;
		skills[a.n_skills++] = (hl_route_skill){.queue = it->string, .level = level};
	}
	a.skills = skills;
	return engine(rp, "agent", hl_route_agent_set(rp->r, t, &a, &rp->out), NULL);
}

static int ev_state(replay *rp, const struct replay_event *ev, const cJSON *b, int64_t t)
{
	(void)ev;
	static const char *const fields[] = {"agent", "state", "reason", NULL};
	const char *agent = NULL, *state = NULL, *reason = NULL;
	engine_get(rp);
	if (only_fields(rp, "state", b, fields) ||
	    get_str(rp, "state", b, "agent", true, HL_ROUTE_ID_MAX, &agent) ||
	    get_str(rp, "state", b, "state", true, 32, &state) ||
	    get_str(rp, "state", b, "reason", false, HL_ROUTE_REASON_MAX, &reason) ||
	    need_agent(rp, "state", agent))
		return -1;
	int st = hl_route_state_parse(state);
	if (st < 0 || st == HL_ROUTE_STATE_WRAP_UP)
		return bad(rp, "state: \"state\" must be available, not_ready or offline");
	return engine(rp, "state", hl_route_agent_state(rp->r, t, agent, (hl_route_state)st, reason,
							 &rp->out), NULL);
}

static int ev_contact(replay *rp, const struct replay_event *ev, const cJSON *b, int64_t t)
{
	(void)ev;
	static const char *const fields[] = {"id", "queue", "priority", "customer", "vip", "region",
					     "last_agent", NULL};
	hl_route_contact_conf c = {0};
	engine_get(rp);
	if (only_fields(rp, "contact", b, fields) ||
	    get_str(rp, "contact", b, "id", true, HL_ROUTE_ID_MAX, &c.id) ||
	    get_str(rp, "contact", b, "queue", true, HL_ROUTE_ID_MAX, &c.queue) ||
	    get_i32(rp, "contact", b, "priority", -1000000, 1000000, &c.priority) ||
	    get_str(rp, "contact", b, "customer", false, HL_ROUTE_ID_MAX, &c.customer) ||
	    get_bool(rp, "contact", b, "vip", &c.vip) ||
	    get_str(rp, "contact", b, "region", false, HL_ROUTE_ID_MAX, &c.region) ||
	    get_str(rp, "contact", b, "last_agent", false, HL_ROUTE_ID_MAX, &c.last_agent) ||
	    need_queue(rp, "contact", c.queue) ||
	    (c.last_agent && need_agent(rp, "contact last_agent", c.last_agent)))
		return -1;
	hl_route_contact_info info;
	if (hl_route_contact_info_get(rp->r, c.id, t, &info) == 0)
		return bad(rp, "contact: \"%s\" is already in the system", c.id);
	return engine(rp, "contact", hl_route_contact_add(rp->r, t, &c, &rp->out), NULL);
}

static int ev_transfer(replay *rp, const struct replay_event *ev, const cJSON *b, int64_t t)
{
	(void)ev;
	static const char *const fields[] = {"contact", "to_queue", "to_agent", "note", NULL};
	const char *contact, *to_queue = NULL, *to_agent = NULL, *note = NULL;
	engine_get(rp);
	if (only_fields(rp, "transfer", b, fields) ||
	    get_str(rp, "transfer", b, "contact", true, HL_ROUTE_ID_MAX, &contact) ||
	    get_str(rp, "transfer", b, "to_queue", false, HL_ROUTE_ID_MAX, &to_queue) ||
	    get_str(rp, "transfer", b, "to_agent", false, HL_ROUTE_ID_MAX, &to_agent) ||
	    get_str(rp, "transfer", b, "note", false, 4096, &note) ||
	    need_contact(rp, "transfer", contact))
		return -1;
	if (!to_queue == !to_agent)
		return bad(rp, "transfer: give exactly one of \"to_queue\" and \"to_agent\"");
	if (to_queue) {
		if (need_queue(rp, "transfer", to_queue))
			return -1;
		return engine(rp, "transfer", hl_route_transfer_queue(rp->r, t, contact, to_queue, &rp->out),
			      "the contact is not in a conversation, or the queue is full");
	}
	if (need_agent(rp, "transfer", to_agent))
		return -1;
	return engine(rp, "transfer", hl_route_transfer_agent(rp->r, t, contact, to_agent, &rp->out),
		      "the contact is not in a conversation, or the agent is logged out or already has it");
}

static int ev_tick(replay *rp, const struct replay_event *ev, const cJSON *b, int64_t t)
{
	(void)ev;
	static const char *const fields[] = {NULL};
	if (only_fields(rp, "tick", b, fields))
		return -1;
	return engine(rp, "tick", hl_route_tick(engine_get(rp), t, &rp->out), NULL);
}

/* accept and decline: {"agent":…, "contact":…} */
static int ev_agent_contact(replay *rp, const struct replay_event *ev, const cJSON *b, int64_t t)
{
	static const char *const fields[] = {"agent", "contact", NULL};
	const char *agent, *contact;
	engine_get(rp);
	if (only_fields(rp, ev->name, b, fields) ||
	    get_str(rp, ev->name, b, "agent", true, HL_ROUTE_ID_MAX, &agent) ||
	    get_str(rp, ev->name, b, "contact", true, HL_ROUTE_ID_MAX, &contact) ||
	    need_agent(rp, ev->name, agent) || need_contact(rp, ev->name, contact))
		return -1;
	return engine(rp, ev->name, ev->two(rp->r, t, agent, contact, &rp->out), ev->refused);
}

/* end, abandon: {"contact":…}; disconnect, reconnect, wrapup_done: {"agent":…} */
static int ev_one_id(replay *rp, const struct replay_event *ev, const cJSON *b, int64_t t)
{
	const char *const fields[] = {ev->id_field, NULL};
	const char *id;
	engine_get(rp);
	if (only_fields(rp, ev->name, b, fields) ||
	    get_str(rp, ev->name, b, ev->id_field, true, HL_ROUTE_ID_MAX, &id))
		return -1;
	if (strcmp(ev->id_field, "agent") == 0 ? need_agent(rp, ev->name, id) :
						  need_contact(rp, ev->name, id))
		return -1;
	return engine(rp, ev->name, ev->one(rp->r, t, id, &rp->out), ev->refused);
}

static const char *const not_offered = "the contact is not offered to this agent (or the offer ran out)";

static const struct replay_event replay_events[] = {
	{.name = "config", .run = ev_config},
	{.name = "queue", .run = ev_queue},
	{.name = "agent", .run = ev_agent},
	{.name = "state", .run = ev_state},
	{.name = "contact", .run = ev_contact},
	{.name = "accept", .run = ev_agent_contact, .two = hl_route_accept, .refused = not_offered},
	{.name = "decline", .run = ev_agent_contact, .two = hl_route_decline, .refused = not_offered},
	{.name = "end", .run = ev_one_id, .id_field = "contact", .one = hl_route_end,
	 .refused = "the contact is not in a conversation (use abandon)"},
	{.name = "abandon", .run = ev_one_id, .id_field = "contact", .one = hl_route_abandon,
	 .refused = "the contact is in a conversation (use end)"},
	{.name = "transfer", .run = ev_transfer},
	{.name = "disconnect", .run = ev_one_id, .id_field = "agent", .one = hl_route_agent_disconnect,
	 .refused = "the agent is disconnected already"},
	{.name = "reconnect", .run = ev_one_id, .id_field = "agent", .one = hl_route_agent_reconnect,
	 .refused = "the agent is not disconnected"},
	{.name = "wrapup_done", .run = ev_one_id, .id_field = "agent", .one = hl_route_wrapup_done,
	 .refused = "the agent is not in wrap-up"},
	{.name = "tick", .run = ev_tick},
};

/* ---- output ---- */

enum {
	F_CONTACT = 1 << 0, F_AGENT = 1 << 1, F_QUEUE = 1 << 2, F_TO = 1 << 3, F_STATE = 1 << 4,
	F_REASON = 1 << 5, F_WAIT = 1 << 6, F_SHORT = 1 << 7, F_TIERS = 1 << 8, F_AUTO = 1 << 9,
};

/* Which fields each decision kind prints; empty strings are left out. */
static const unsigned kind_fields[HL_ROUTE_KIND_COUNT] = {
	[HL_ROUTE_OFFER] = F_CONTACT | F_AGENT | F_QUEUE | F_TO | F_AUTO,
	[HL_ROUTE_ANSWER] = F_CONTACT | F_AGENT | F_QUEUE | F_WAIT,
	[HL_ROUTE_OFFER_TIMEOUT] = F_CONTACT | F_AGENT | F_QUEUE,
	[HL_ROUTE_OFFER_CANCEL] = F_CONTACT | F_AGENT | F_QUEUE | F_REASON,
	[HL_ROUTE_STATE_CHANGE] = F_AGENT | F_STATE | F_REASON,
	[HL_ROUTE_REQUEUE] = F_CONTACT | F_AGENT | F_QUEUE | F_REASON,
	[HL_ROUTE_OVERFLOW] = F_CONTACT | F_QUEUE | F_TO | F_TIERS,
	[HL_ROUTE_REJECTED] = F_CONTACT | F_QUEUE | F_REASON,
	[HL_ROUTE_WRAPUP_END] = F_AGENT | F_CONTACT | F_QUEUE,
	[HL_ROUTE_ABANDON] = F_CONTACT | F_AGENT | F_QUEUE | F_WAIT | F_SHORT,
	[HL_ROUTE_LEAVE] = F_CONTACT | F_QUEUE | F_REASON | F_WAIT,
};

static void add_str(cJSON *o, const char *k, const char *v)
{
	if (v && *v)
		cJSON_AddStringToObject(o, k, v);
}

static cJSON *decision_json(const hl_route_decision *d)
{
	unsigned f = kind_fields[d->kind];
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "t", (double)d->t);
	cJSON_AddStringToObject(o, "event", hl_route_kind_name(d->kind));
	if (f & F_CONTACT)
		add_str(o, "contact", d->contact);
	if (f & F_AGENT)
		add_str(o, "agent", d->agent);
	if (f & F_QUEUE)
		add_str(o, "queue", d->queue);
	/* An offer's `to` is the overflow queue it came through. */
	if (f & F_TO)
		add_str(o, d->kind == HL_ROUTE_OFFER ? "via" : "to", d->to);
	if (f & F_STATE)
		cJSON_AddStringToObject(o, "state", hl_route_state_name(d->state));
	if (f & F_REASON)
		add_str(o, "reason", d->reason);
	if (f & F_WAIT)
		cJSON_AddNumberToObject(o, "wait_ms", (double)d->wait_ms);
	if (f & F_SHORT)
		cJSON_AddBoolToObject(o, "short", d->short_abandon);
	if ((f & F_TIERS) && d->lower_tiers)
		cJSON_AddTrueToObject(o, "lower_tiers");
	if ((f & F_AUTO) && d->auto_accept)
		cJSON_AddTrueToObject(o, "auto_accept");
	return o;
}

/* Prints " key=value" with whole numbers in full (no exponent). */
static void print_number(const char *key, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		printf(" %s=%lld", key, (long long)v);
	else
		printf(" %s=%g", key, v);
}

/* Prints the fields of `o` but `skip_a` and `skip_b` as " key=value",
 * then ends the line. */
static void print_fields(const cJSON *o, const cJSON *skip_a, const cJSON *skip_b)
{
	for (const cJSON *f = o->child; f; f = f->next) {
		if (f == skip_a || f == skip_b)
			continue;
		if (cJSON_IsString(f))
			printf(" %s=%s", f->string, f->valuestring);
		else if (cJSON_IsBool(f))
			printf(" %s=%s", f->string, cJSON_IsTrue(f) ? "yes" : "no");
		else if (cJSON_IsNumber(f))
			print_number(f->string, f->valuedouble);
		else if (cJSON_IsNull(f))
			printf(" %s=-", f->string);
	}
	putchar('\n');
}

/* Prints `o` as one JSON line, or as "  12.345  event  key=value ...". */
static void print_obj(const replay *rp, cJSON *o)
{
	if (rp->json) {
		char *s = cJSON_PrintUnformatted(o);
		if (s)
			puts(s);
		free(s);
		return;
	}
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "t");
	const cJSON *ev = cJSON_GetObjectItemCaseSensitive(o, "event");
	printf("%9.3f  %-13s", t->valuedouble / 1000.0, ev->valuestring);
	print_fields(o, t, ev);
}

static void flush_out(replay *rp)
{
	for (size_t i = 0; i < rp->out.n; i++) {
		cJSON *o = decision_json(&rp->out.v[i]);
		print_obj(rp, o);
		cJSON_Delete(o);
	}
	hl_route_out_clear(&rp->out);
}

/* A figure rounded to `unit`, or null when undefined. */
static void add_figure(cJSON *o, const char *k, double v, double unit)
{
	if (isnan(v))
		cJSON_AddNullToObject(o, k);
	else
		cJSON_AddNumberToObject(o, k, round(v / unit) * unit);
}

/* The summary's counts, in print order. */
static const struct {
	const char *key;
	size_t off;
} summary_counts[] = {
	{"offered", offsetof(hl_metrics_counters, offered)},
	{"answered", offsetof(hl_metrics_counters, answered)},
	{"abandoned", offsetof(hl_metrics_counters, abandoned)},
	{"short_abandoned", offsetof(hl_metrics_counters, short_abandoned)},
	{"timed_out", offsetof(hl_metrics_counters, timed_out)},
	{"rejected", offsetof(hl_metrics_counters, rejected)},
	{"handled", offsetof(hl_metrics_counters, handled)},
};

static void print_summary(replay *rp)
{
	hl_route *r = engine_get(rp);
	cJSON *o = cJSON_CreateObject(), *qs = cJSON_CreateArray();
	cJSON_AddNumberToObject(o, "t", (double)rp->t);
	cJSON_AddStringToObject(o, "event", "summary");
	for (size_t i = 0; i < hl_route_queue_count(r); i++) {
		const char *id = hl_route_queue_id(r, i);
		const hl_metrics_counters *c = hl_route_queue_counters(r, id);
		hl_route_queue_stats st;
		hl_route_queue_stats_get(r, id, rp->t, &st);
		cJSON *q = cJSON_CreateObject();
		cJSON_AddStringToObject(q, "queue", id);
		for (size_t k = 0; k < sizeof summary_counts / sizeof summary_counts[0]; k++)
			cJSON_AddNumberToObject(q, summary_counts[k].key,
						(double)*(const uint64_t *)((const char *)c + summary_counts[k].off));
		cJSON_AddNumberToObject(q, "waiting", (double)st.queued);
		add_figure(q, "sl_pct", hl_metrics_sl(c, HL_METRICS_SL_OFFERED), 0.1);
		add_figure(q, "asa_s", hl_metrics_asa_s(c), 0.001);
		add_figure(q, "aht_s", hl_metrics_aht_s(c), 0.001);
		add_figure(q, "abandon_pct", hl_metrics_abandon_rate(c), 0.1);
		cJSON_AddItemToArray(qs, q);
	}
	if (rp->json) {
		cJSON_AddItemToObject(o, "queues", qs);
		print_obj(rp, o);
	} else {
		print_obj(rp, o);
		const cJSON *q;
		cJSON_ArrayForEach(q, qs) {
			printf("           ");
			print_fields(q, NULL, NULL);
		}
		cJSON_Delete(qs);
	}
	cJSON_Delete(o);
}

/* ---- the runner ---- */

/* Runs one line; returns 0, or -1 with rp->err set (nothing printed). */
static int run_line(replay *rp, char *line)
{
	cJSON *j = cJSON_ParseWithOpts(line, NULL, true);
	if (!j)
		return bad(rp, "not valid JSON");
	int rc = -1;
	const cJSON *ev = NULL, *f, *tj = cJSON_GetObjectItemCaseSensitive(j, "t");
	const struct replay_event *desc = NULL;
	if (!cJSON_IsObject(j)) {
		bad(rp, "expected a JSON object");
		goto done;
	}
	for (f = j->child; f; f = f->next) {
		if (strcmp(f->string, "t") == 0)
			continue;
		const struct replay_event *d = NULL;
		for (size_t i = 0; i < sizeof replay_events / sizeof replay_events[0]; i++)
			if (strcmp(f->string, replay_events[i].name) == 0)
				d = &replay_events[i];
		if (!d) {
			bad(rp, "unknown event \"%s\"", f->string);
			goto done;
		}
		if (desc) {
			bad(rp, "two events on one line (\"%s\" and \"%s\")", desc->name, d->name);
			goto done;
		}
		desc = d;
		ev = f;
	}
	if (!desc) {
		bad(rp, "no event on the line");
		goto done;
	}
	int64_t t = rp->t;
	/* Only a config line may leave out t. */
	if (tj || strcmp(desc->name, "config") != 0) {
		double d = cJSON_IsNumber(tj) ? tj->valuedouble : NAN;
		if (!tj) {
			bad(rp, "missing \"t\"");
			goto done;
		}
		if (!(d == floor(d)) || d < 0 || d > (double)REPLAY_NUM_MAX) {
			bad(rp, "\"t\" must be a whole number of milliseconds, 0 or more");
			goto done;
		}
		if ((int64_t)d < rp->t) {
			bad(rp, "\"t\" goes back in time (%lld after %lld)", (long long)d, (long long)rp->t);
			goto done;
		}
		t = (int64_t)d;
	}
	rc = desc->run(rp, desc, ev, t);
	if (rc == 0)
		rp->t = t;
done:
	cJSON_Delete(j);
	return rc;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: hotline-sim replay FILE [--json]\n"
		   "  FILE    JSON Lines scenario (\"-\" reads standard input); see docs/routing-replay.md\n"
		   "  --json  print one JSON object per decision instead of readable lines\n");
}

int hl_sim_cmd_replay(int argc, char **argv)
{
	replay rp = {0};
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			rp.json = true;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return 0;
		} else if (!path && (argv[i][0] != '-' || strcmp(argv[i], "-") == 0)) {
			path = argv[i];
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (!path) {
		usage(stderr);
		return 2;
	}
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (!in) {
		fprintf(stderr, "hotline-sim: cannot open %s: check the path and permissions\n", path);
		return 2;
	}
	hl_route_config_default(&rp.conf);
	hl_route_out_init(&rp.out);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	int errors = 0;
	while ((len = getline(&line, &cap, in)) >= 0) {
		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		const char *p = line + strspn(line, " \t");
		if (!*p || *p == '#')
			continue;
		int rc;
		if (len > REPLAY_LINE_MAX)
			rc = bad(&rp, "line longer than %d bytes", REPLAY_LINE_MAX);
		else if (strlen(line) != (size_t)len)
			rc = bad(&rp, "line holds a NUL byte");
		else
			rc = run_line(&rp, line);
		if (rc) {
			fprintf(stderr, "hotline-sim: %s:%ld: %s\n", path, lineno, rp.err);
			errors++;
		}
		/* A refused engine call may still have fired timers due before
		 * its time: those decisions are the clock's, not the line's. */
		flush_out(&rp);
	}
	free(line);
	if (in != stdin)
		fclose(in);
	print_summary(&rp);
	hl_route_out_free(&rp.out);
	hl_route_free(rp.r);
	fflush(stdout);
	return errors ? 1 : 0;
}
