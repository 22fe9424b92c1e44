/* The broker's side of routing: the engine fed with the turn's time, and a
 * table of what each kind of decision does to contacts, agents and the
 * people waiting on them. */
#include "router.h"

#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "error.h"
#include "figures.h"
#include "route_hours.h"
#include "session.h"
#include "store_user.h"
#include "custchan.h"
#include "module.h"

#define PRESENCE_MS 45000   /* a session silent this long (and no poll parked) is gone */
#define PRESENCE_EVERY_MS 2000
#define POSITIONS_EVERY_MS 1000

struct agent_ent {
	int64_t user_id;
	char name[65];
	char display[129];
};

struct hl_router {
	hl_route *eng;
	hl_route_out out;
	int64_t last_now;
	hl_hmap by_id;
	hl_hmap by_customer;  /* a visitor's line finds its contact at once */
	hl_contact *closed;        /* freed at the end of the turn */
	hl_contact *dirty;         /* touched this turn: written at its end */
	Hotline__QueueConf **queues;
	size_t n_queues;
	struct agent_ent *agents;
	size_t n_agents;
	int64_t next_presence, next_positions;
};

static hl_router *R(hl_broker *b)
{
	return hl_module_state(b, &hl_mod_router);
}

hl_route *hl_router_engine(hl_broker *b)
{
	return R(b)->eng;
}

hl_route_out *hl_router_out(hl_broker *b)
{
	return &R(b)->out;
}

int64_t hl_router_now(hl_broker *b)
{
	hl_router *r = R(b);

	/* The engine refuses time going backwards; a wall clock stepped back
	 * by NTP holds still instead. */
	if (b->now_ms > r->last_now)
		r->last_now = b->now_ms;
	return r->last_now;
}

void hl_router_touch(hl_broker *b, hl_contact *c)
{
	/* The turn writes only what it touched, not every open contact. */
	if (c->dirty)
		return;
	c->dirty = 1;
	c->dnext = R(b)->dirty;
	R(b)->dirty = c;
}

/* --- contacts --- */

static hl_contact *by_id(hl_hmap_node *n)
{
	return n ? hl_hmap_entry(n, hl_contact, id_node) : NULL;
}

hl_contact *hl_router_contact(hl_broker *b, const char *ref)
{
	int64_t id;

	if (hl_contact_ref_parse(ref, &id) < 0)
		return NULL;
	return by_id(hl_hmap_get(&R(b)->by_id, (uint64_t)id));
}

int hl_router_contact_move(hl_broker *b, hl_contact *c, hl_contact_event ev)
{
	char was[sizeof c->row.state];

	snprintf(was, sizeof was, "%s", c->row.state);
	if (hl_contact_state_apply(c->row.state, sizeof c->row.state, ev) < 0) {
		/* A decision that does not fit the contact's state is a fault in
		 * the broker: say so rather than store a state out of nowhere. */
		hl_log(HL_LOG_ERROR, "contact %s: '%s' refused in state '%s'", c->ref,
		       hl_contact_event_name(ev), was);
		return HL_E_STATE;
	}
	hl_router_touch(b, c);
	return 0;
}

void hl_router_contact_add(hl_broker *b, hl_contact *c)
{
	hl_contact_ref_format(c->row.id, c->ref, sizeof c->ref);
	snprintf(c->customer, sizeof c->customer, "u%lld", (long long)c->row.customer_id);
	hl_hmap_put(&R(b)->by_id, &c->id_node, (uint64_t)c->row.id);
	hl_hmap_put(&R(b)->by_customer, &c->cust_node, (uint64_t)c->row.customer_id);
}

hl_contact *hl_router_contact_of_customer(hl_broker *b, int64_t customer_id)
{
	hl_hmap_node *n = hl_hmap_get(&R(b)->by_customer, (uint64_t)customer_id);

	return n ? hl_hmap_entry(n, hl_contact, cust_node) : NULL;
}

/* A contact that is over leaves the open set: its row is written now and
 * it is freed at the end of the turn. */
void hl_router_contact_close(hl_broker *b, hl_contact *c)
{
	hl_hmap_del(&R(b)->by_id, &c->id_node);
	hl_hmap_del(&R(b)->by_customer, &c->cust_node);
	hl_store_contact_update(b->st, &c->row);
	hl_figures_on_contact(b, &c->row);
	c->dirty = 0;
	c->next = R(b)->closed;
	R(b)->closed = c;
}

/* --- agents --- */

static struct agent_ent *agent_find(hl_router *r, const char *name)
{
	for (size_t i = 0; i < r->n_agents; i++)
		if (strcmp(r->agents[i].name, name) == 0)
			return &r->agents[i];
	return NULL;
}

int64_t hl_router_agent_user_id(hl_broker *b, const char *agent)
{
	struct agent_ent *a = agent_find(R(b), agent);
	return a ? a->user_id : 0;
}

const char *hl_router_agent_display(hl_broker *b, const char *agent)
{
	struct agent_ent *a = agent_find(R(b), agent);
	return a ? a->display : "";
}

struct skills {
	const char *queue[HL_ROUTE_SKILLS_MAX];
	char names[HL_ROUTE_SKILLS_MAX][65];
	hl_route_skill v[HL_ROUTE_SKILLS_MAX];
	size_t n;
};

static int add_skill(const char *queue, int level, void *arg)
{
	struct skills *s = arg;

	if (s->n == HL_ROUTE_SKILLS_MAX)
		return 1;
	snprintf(s->names[s->n], sizeof s->names[s->n], "%s", queue);
	s->v[s->n].queue = s->names[s->n];
	s->v[s->n].level = level;
	s->n++;
	return 0;
}

static int load_agent(hl_broker *b, const hl_store_agent *a, int restore_state, char *err,
		      size_t errcap)
{
	hl_router *r = R(b);
	struct skills sk;
	struct agent_ent *e = agent_find(r, a->name);
	hl_route_agent_conf ac = {.id = a->name, .capacity = a->capacity ? a->capacity : 1,
				  .region = a->region};
	int rc;

	sk.n = 0;
	hl_store_agent_skill_each(b->st, a->user_id, add_skill, &sk);
	ac.skills = sk.v;
	ac.n_skills = sk.n;
	rc = hl_route_agent_set(r->eng, hl_router_now(b), &ac, &r->out);
	if (rc < 0) {
		snprintf(err, errcap, "the routing engine refused agent %s: %s", a->name,
			 hl_strerror(rc));
		return rc;
	}
	if (!e) {
		void *p = realloc(r->agents, (r->n_agents + 1) * sizeof *r->agents);
		if (!p)
			return HL_E_NOMEM;
		r->agents = p;
		e = &r->agents[r->n_agents++];
	}
	e->user_id = a->user_id;
	snprintf(e->name, sizeof e->name, "%s", a->name);
	snprintf(e->display, sizeof e->display, "%s", a->display);
	if (restore_state) {
		int st = hl_route_state_parse(a->state);
		if (st == HL_ROUTE_STATE_AVAILABLE || st == HL_ROUTE_STATE_NOT_READY)
			hl_route_agent_state(r->eng, hl_router_now(b), a->name, (hl_route_state)st,
					     a->reason[0] ? a->reason : NULL, &r->out);
	}
	return 0;
}

static int load_agent_cb(const hl_store_agent *a, void *arg)
{
	char err[160];
	if (load_agent(arg, a, 1, err, sizeof err) < 0)
		hl_log(HL_LOG_ERROR, "%s", err);
	return 0;
}

struct one_agent {
	int64_t user_id;
	hl_store_agent found;
	int ok;
};

static int find_agent_cb(const hl_store_agent *a, void *arg)
{
	struct one_agent *o = arg;

	if (a->user_id == o->user_id) {
		o->found = *a;
		o->ok = 1;
		return 1;
	}
	return 0;
}

int hl_router_agent_reload(hl_broker *b, int64_t user_id, char *err, size_t errcap)
{
	struct one_agent o = {.user_id = user_id};

	hl_store_agent_each(b->st, find_agent_cb, &o);
	if (!o.ok) {
		snprintf(err, errcap, "no agent profile");
		return HL_E_NOTFOUND;
	}
	return load_agent(b, &o.found, 0, err, errcap);
}

static int by_age(const void *x, const void *y)
{
	int64_t a = (*(hl_contact *const *)x)->row.id, b = (*(hl_contact *const *)y)->row.id;

	return (a > b) - (a < b);
}

void hl_router_snapshot(hl_broker *b, const char *agent, hl_arena *a, Hotline__Snapshot *snap)
{
	hl_router *r = R(b);
	hl_route_agent_info info;
	Hotline__AgentStatus *as;
	hl_contact *c, **mine;
	hl_hmap_iter it;
	size_t n = 0;

	if (!r || hl_route_agent_info_get(r->eng, agent, hl_router_now(b), &info) < 0)
		return;
	if ((as = hl_arena_alloc(a, sizeof *as))) {
		hotline__agent_status__init(as);
		as->agent = hl_arena_strdup(a, agent);
		as->state = hl_arena_strdup(a, hl_route_state_name(info.state));
		as->reason = hl_arena_strdup(a, info.reason);
		as->since_ms = info.since;
		snap->status = as;
	}
	for (c = by_id(hl_hmap_first(&r->by_id, &it)); c; c = by_id(hl_hmap_next(&it)))
		n += strcmp(c->row.agent, agent) == 0 && hl_contact_state_is(c->row.state, HL_CONTACT_ACTIVE);
	if (!n || !(mine = hl_arena_alloc(a, n * sizeof *mine)) ||
	    !(snap->open_contacts = hl_arena_alloc(a, n * sizeof(char *))))
		return;
	n = 0;
	for (c = by_id(hl_hmap_first(&r->by_id, &it)); c; c = by_id(hl_hmap_next(&it)))
		if (strcmp(c->row.agent, agent) == 0 && hl_contact_state_is(c->row.state, HL_CONTACT_ACTIVE))
			mine[n++] = c;
	/* Oldest first, whatever order the table keeps: the desk restores
	 * them in this order and selects the first. */
	qsort(mine, n, sizeof *mine, by_age);
	for (size_t i = 0; i < n; i++)
		snap->open_contacts[snap->n_open_contacts++] = hl_arena_strdup(a, mine[i]->ref);
}

void hl_router_agent_each(hl_broker *b,
			  void (*fn)(const char *name, const char *display,
				     const hl_route_agent_info *info, void *arg),
			  void *arg)
{
	hl_router *r = R(b);
	hl_route_agent_info info;

	for (size_t i = 0; r && i < r->n_agents; i++)
		if (hl_route_agent_info_get(r->eng, r->agents[i].name, hl_router_now(b), &info) == 0)
			fn(r->agents[i].name, r->agents[i].display, &info, arg);
}

void hl_router_agent_states(hl_broker *b, Hotline__Figures *f)
{
	hl_router *r = R(b);
	hl_route_agent_info info;

	for (size_t i = 0; i < r->n_agents; i++) {
		if (hl_route_agent_info_get(r->eng, r->agents[i].name, hl_router_now(b), &info) < 0)
			continue;
		if (info.state == HL_ROUTE_STATE_AVAILABLE && (info.active || info.offers))
			f->agents_busy++;
		else if (info.state == HL_ROUTE_STATE_AVAILABLE)
			f->agents_available++;
		else if (info.state == HL_ROUTE_STATE_NOT_READY)
			f->agents_not_ready++;
		else if (info.state == HL_ROUTE_STATE_WRAP_UP)
			f->agents_wrap_up++;
		else
			f->agents_offline++;
	}
}

/* --- queues --- */

const Hotline__QueueConf *hl_router_queue(hl_broker *b, const char *id)
{
	for (size_t i = 0; i < R(b)->n_queues; i++)
		if (strcmp(R(b)->queues[i]->id, id) == 0)
			return R(b)->queues[i];
	return NULL;
}

void hl_router_queue_each(hl_broker *b, void (*fn)(const Hotline__QueueConf *q, void *arg),
			  void *arg)
{
	for (size_t i = 0; i < R(b)->n_queues; i++)
		fn(R(b)->queues[i], arg);
}

/* Feeds a stored queue configuration to the engine and keeps a copy. */
static int queue_load(hl_broker *b, const Hotline__QueueConf *q, char *err, size_t errcap)
{
	hl_router *r = R(b);
	hl_route_queue_conf qc;
	hl_route_interval open[HL_ROUTE_HOURS_MAX];
	hl_route_overflow ov[HL_ROUTE_OVERFLOW_MAX];
	size_t n_open = 0;
	uint8_t *buf;
	size_t len;
	Hotline__QueueConf *copy;
	int st, rc;

	hl_route_queue_conf_default(&qc, q->id);
	st = hl_route_strategy_parse(q->strategy[0] ? q->strategy : "longest_idle");
	if (st < 0) {
		snprintf(err, errcap, "unknown strategy '%s'; use longest_idle, least_occupied, "
			 "fewest_handled, round_robin, skill_level or random", q->strategy);
		return HL_E_INVALID;
	}
	if (hl_route_hours_parse(q->hours, open, HL_ROUTE_HOURS_MAX, &n_open, err, errcap) < 0)
		return HL_E_INVALID;
	if (q->n_overflow > HL_ROUTE_OVERFLOW_MAX) {
		snprintf(err, errcap, "at most %d overflow rules", HL_ROUTE_OVERFLOW_MAX);
		return HL_E_INVALID;
	}
	qc.strategy = (hl_route_strategy)st;
	qc.priority = q->priority;
	if (q->sl_pct)
		qc.sl_pct = (int32_t)q->sl_pct;
	if (q->sl_secs)
		qc.sl_secs = (int32_t)q->sl_secs;
	qc.max_wait_s = (int32_t)q->max_wait_s;
	qc.max_len = (int32_t)q->max_len;
	if (q->offer_timeout_s)
		qc.offer_timeout_s = (int32_t)q->offer_timeout_s;
	qc.auto_accept = q->auto_accept;
	qc.wrap_up_s = (int32_t)q->wrap_up_s;
	if (q->missed_limit)
		qc.missed_limit = (int32_t)q->missed_limit;
	if (q->tier_wait_s)
		qc.tier_wait_s = (int32_t)q->tier_wait_s;
	if (q->short_abandon_s)
		qc.short_abandon_s = (int32_t)q->short_abandon_s;
	qc.region_affinity = q->region[0] != 0;
	for (size_t i = 0; i < q->n_overflow; i++) {
		ov[i].after_s = (int32_t)q->overflow[i]->after_s;
		ov[i].to = q->overflow[i]->to;
		ov[i].lower_tiers = q->overflow[i]->to[0] == 0;
	}
	qc.overflow = ov;
	qc.n_overflow = q->n_overflow;
	qc.utc_offset_min = q->utc_offset_min;
	qc.open = open;
	qc.n_open = n_open;
	rc = hl_route_queue_set(r->eng, hl_router_now(b), &qc, &r->out);
	if (rc < 0) {
		snprintf(err, errcap, "the routing engine refused the queue: %s", hl_strerror(rc));
		return rc;
	}
	/* Keep our own copy (the caller's may be on an arena). */
	len = hotline__queue_conf__get_packed_size(q);
	if (!(buf = malloc(len ? len : 1)))
		return HL_E_NOMEM;
	hotline__queue_conf__pack(q, buf);
	copy = hotline__queue_conf__unpack(NULL, len, buf);
	free(buf);
	if (!copy)
		return HL_E_NOMEM;
	for (size_t i = 0; i < r->n_queues; i++) {
		if (strcmp(r->queues[i]->id, q->id) == 0) {
			hotline__queue_conf__free_unpacked(r->queues[i], NULL);
			r->queues[i] = copy;
			return 0;
		}
	}
	void *p = realloc(r->queues, (r->n_queues + 1) * sizeof *r->queues);
	if (!p) {
		hotline__queue_conf__free_unpacked(copy, NULL);
		return HL_E_NOMEM;
	}
	r->queues = p;
	r->queues[r->n_queues++] = copy;
	return 0;
}

int hl_router_queue_apply(hl_broker *b, const Hotline__QueueConf *q, int is_new, char *err,
			  size_t errcap)
{
	size_t len = hotline__queue_conf__get_packed_size(q);
	uint8_t *buf = malloc(len ? len : 1);
	int rc;

	if (!buf)
		return HL_E_NOMEM;
	hotline__queue_conf__pack(q, buf);
	rc = queue_load(b, q, err, errcap);
	if (rc == 0)
		rc = is_new ? hl_store_queue_insert(b->st, q->id, buf, len, b->now_ms)
			    : hl_store_queue_put(b->st, q->id, buf, len);
	free(buf);
	if (rc == 0)
		hl_router_apply(b);
	return rc;
}

static int load_queue_cb(const char *id, const void *conf, size_t len, void *arg)
{
	hl_broker *b = arg;
	Hotline__QueueConf *q = hotline__queue_conf__unpack(NULL, len, conf);
	char err[200];

	if (!q || queue_load(b, q, err, sizeof err) < 0)
		hl_log(HL_LOG_ERROR, "queue %s not loaded: %s", id, q ? err : "corrupt");
	if (q)
		hotline__queue_conf__free_unpacked(q, NULL);
	return 0;
}

/* Open contacts come back: queued ones rejoin their queue (their wait
 * still counts from when they first joined, in the store), conversations
 * go on outside the engine's capacity count until they end. */
static int load_contact_cb(const hl_store_contact *row, void *arg)
{
	hl_broker *b = arg;
	hl_contact *c = calloc(1, sizeof *c);
	hl_route_contact_conf cc = {0};

	if (!c)
		return 1;
	c->row = *row;
	hl_router_contact_add(b, c);
	if (hl_contact_state_is(row->state, HL_CONTACT_QUEUED)) {
		cc.id = c->ref;
		cc.queue = row->queue;
		cc.customer = c->customer;
		if (hl_route_contact_add(R(b)->eng, hl_router_now(b), &cc, &R(b)->out) < 0)
			hl_log(HL_LOG_ERROR, "contact %s could not rejoin %s", c->ref,
				row->queue);
	}
	return 0;
}

int hl_router_open(hl_broker *b)
{
	hl_router *r = calloc(1, sizeof *r);
	hl_route_config conf;

	if (!r)
		return HL_E_NOMEM;
	hl_route_config_default(&conf);
	conf.epoch_unix_ms = 0;
	hl_module_set_state(b, &hl_mod_router, r);
	if (!(r->eng = hl_route_new(&conf)))
		return HL_E_NOMEM;
	hl_route_out_init(&r->out);
	r->last_now = b->now_ms;
	if (hl_store_queue_each(b->st, load_queue_cb, b) < 0 ||
	    hl_store_agent_each(b->st, load_agent_cb, b) < 0 ||
	    hl_store_contact_each_open(b->st, load_contact_cb, b) < 0)
		return HL_E_IO;
	hl_router_apply(b);
	return 0;
}

void hl_router_close(hl_broker *b)
{
	hl_router *r = R(b);
	hl_hmap_iter it;

	if (!r)
		return;
	hl_router_flush(b);
	for (hl_contact *c = by_id(hl_hmap_first(&r->by_id, &it)); c; c = by_id(hl_hmap_next(&it)))
		free(c);
	hl_hmap_fini(&r->by_id);
	hl_hmap_fini(&r->by_customer);
	for (size_t i = 0; i < r->n_queues; i++)
		hotline__queue_conf__free_unpacked(r->queues[i], NULL);
	free(r->queues);
	free(r->agents);
	hl_route_out_free(&r->out);
	hl_route_free(r->eng);
	free(r);
	hl_module_set_state(b, &hl_mod_router, NULL);
}

/* --- timers --- */

static void presence(hl_broker *b)
{
	hl_router *r = R(b);
	hl_route_agent_info info;

	for (size_t i = 0; i < r->n_agents; i++) {
		const char *name = r->agents[i].name;
		if (hl_route_agent_info_get(r->eng, name, hl_router_now(b), &info) < 0 ||
		    info.state == HL_ROUTE_STATE_OFFLINE)
			continue;
		int here = hl_sessions_user_present(b, name, PRESENCE_MS);
		if (info.connected && !here) {
			hl_log(HL_LOG_WARN, "agent %s vanished; grace period starts", name);
			hl_route_agent_disconnect(r->eng, hl_router_now(b), name, &r->out);
		} else if (!info.connected && here) {
			hl_route_agent_reconnect(r->eng, hl_router_now(b), name, &r->out);
		}
	}
}

void hl_router_agent_logout(hl_broker *b, const char *agent)
{
	hl_router *r = R(b);

	if (!r || !agent_find(r, agent) || hl_sessions_user_present(b, agent, PRESENCE_MS))
		return;
	hl_log(HL_LOG_INFO, "agent %s logged out", agent);
	hl_route_agent_logout(r->eng, hl_router_now(b), agent, &r->out);
	hl_router_apply(b);
}

static void positions(hl_broker *b)
{
	hl_route_contact_info info;
	hl_hmap_iter it;

	for (hl_contact *c = by_id(hl_hmap_first(&R(b)->by_id, &it)); c; c = by_id(hl_hmap_next(&it))) {
		if (!hl_contact_state_is(c->row.state, HL_CONTACT_QUEUED) || !hl_custchan_reachable(b, c))
			continue;
		if (hl_route_contact_info_get(R(b)->eng, c->ref, hl_router_now(b), &info) < 0 ||
		    info.status != HL_ROUTE_CONTACT_WAITING)
			continue;
		int64_t eta = info.est_wait_ms < 0 ? -1 : info.est_wait_ms / 1000;
		if (info.position != c->last_pos || eta != c->last_eta) {
			c->last_pos = info.position;
			c->last_eta = eta;
			hl_custchan_queued(b, c, info.position, eta);
		}
	}
}

int64_t hl_router_tick(hl_broker *b)
{
	hl_router *r = R(b);
	int64_t now = hl_router_now(b), next;

	hl_route_tick(r->eng, now, &r->out);
	if (now >= r->next_presence) {
		presence(b);
		r->next_presence = now + PRESENCE_EVERY_MS;
	}
	hl_router_apply(b);
	if (now >= r->next_positions) {
		positions(b);
		r->next_positions = now + POSITIONS_EVERY_MS;
	}
	next = hl_route_next_timer(r->eng);
	if (r->next_presence < next)
		next = r->next_presence;
	if (r->next_positions < next)
		next = r->next_positions;
	return next;
}

void hl_router_flush(hl_broker *b)
{
	hl_router *r = R(b);
	hl_contact *c, *n;

	for (c = r->dirty; c; c = n) {
		n = c->dnext;
		/* A contact closed this turn was written then and is freed below. */
		if (c->dirty) {
			hl_store_contact_update(b->st, &c->row);
			hl_figures_on_contact(b, &c->row);
			c->dirty = 0;
		}
	}
	r->dirty = NULL;
	for (c = r->closed; c; c = n) {
		n = c->next;
		free(c);
	}
	r->closed = NULL;
}

/* --- the module --- */

static int mod_open(hl_broker *b)
{
	int rc = hl_router_open(b);

	if (rc < 0)
		hl_log(HL_LOG_ERROR, "cannot load queues, agents and contacts");
	return rc;
}

static int64_t mod_tick(hl_broker *b, int64_t now)
{
	(void)now;  /* the engine's own time: hl_router_now */
	return hl_router_tick(b);
}

/* Those who take contacts: their state and conversations in progress. */
static void mod_snapshot(hl_broker *b, const hl_session *s, hl_arena *a, Hotline__Snapshot *snap)
{
	hl_router_snapshot(b, s->user.name, a, snap);
}

const hl_module hl_mod_router = {
	.name = "router",
	.open = mod_open,
	.close = hl_router_close,
	.tick = mod_tick,
	.flush = hl_router_flush,
	.snapshot = mod_snapshot,
};
