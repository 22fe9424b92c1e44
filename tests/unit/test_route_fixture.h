/* Helpers shared by the routing engine's unit tests: set-up shorthands
 * and a compact text form of decisions ("1000 offer c1 a1; ..."), so each
 * test states the expected decisions and their times in one string. */
#ifndef HL_TEST_ROUTE_FIXTURE_H
#define HL_TEST_ROUTE_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "route.h"

typedef struct fx {
	hl_route *r;
	hl_route_out out;
	char text[8192];
} fx;

/* A fresh engine with default settings and `seed`. */
static inline void fx_init(fx *f, uint64_t seed)
{
	hl_route_config c;
	hl_route_config_default(&c);
	c.seed = seed;
	f->r = hl_route_new(&c);
	assert_non_null(f->r);
	hl_route_out_init(&f->out);
}

static inline void fx_init_conf(fx *f, const hl_route_config *c)
{
	f->r = hl_route_new(c);
	assert_non_null(f->r);
	hl_route_out_init(&f->out);
}

static inline void fx_fini(fx *f)
{
	hl_route_out_free(&f->out);
	hl_route_free(f->r);
}

/* The decisions made since the last call, as text; clears them. */
static inline const char *fx_take(fx *f)
{
	size_t n = 0;
	f->text[0] = '\0';
	for (size_t i = 0; i < f->out.n; i++) {
		const hl_route_decision *d = &f->out.v[i];
		char item[256];
		switch (d->kind) {
		case HL_ROUTE_OFFER:
			snprintf(item, sizeof item, "%lld offer %s %s%s%s", (long long)d->t, d->contact, d->agent,
				 d->to[0] ? " via " : "", d->to);
			break;
		case HL_ROUTE_ANSWER:
			snprintf(item, sizeof item, "%lld answer %s %s %lld", (long long)d->t, d->contact, d->agent,
				 (long long)d->wait_ms);
			break;
		case HL_ROUTE_OFFER_TIMEOUT:
			snprintf(item, sizeof item, "%lld timeout %s %s", (long long)d->t, d->contact, d->agent);
			break;
		case HL_ROUTE_OFFER_CANCEL:
			snprintf(item, sizeof item, "%lld cancel %s %s %s", (long long)d->t, d->contact, d->agent,
				 d->reason);
			break;
		case HL_ROUTE_STATE_CHANGE:
			snprintf(item, sizeof item, "%lld state %s %s%s%s", (long long)d->t, d->agent,
				 hl_route_state_name(d->state), d->reason[0] ? " " : "", d->reason);
			break;
		case HL_ROUTE_REQUEUE:
			snprintf(item, sizeof item, "%lld requeue %s %s %s", (long long)d->t, d->contact, d->agent,
				 d->reason);
			break;
		case HL_ROUTE_OVERFLOW:
			snprintf(item, sizeof item, "%lld overflow %s %s", (long long)d->t, d->contact,
				 d->lower_tiers ? "lower_tiers" : d->to);
			break;
		case HL_ROUTE_REJECTED:
			snprintf(item, sizeof item, "%lld rejected %s %s", (long long)d->t, d->contact, d->reason);
			break;
		case HL_ROUTE_WRAPUP_END:
			snprintf(item, sizeof item, "%lld wrapup_end %s %s", (long long)d->t, d->agent, d->contact);
			break;
		case HL_ROUTE_ABANDON:
			snprintf(item, sizeof item, "%lld abandon %s %lld%s", (long long)d->t, d->contact,
				 (long long)d->wait_ms, d->short_abandon ? " short" : "");
			break;
		case HL_ROUTE_LEAVE:
			snprintf(item, sizeof item, "%lld leave %s %s", (long long)d->t, d->contact, d->reason);
			break;
		default:
			snprintf(item, sizeof item, "%lld ?", (long long)d->t);
		}
		n += (size_t)snprintf(f->text + n, sizeof f->text - n, "%s%s", n ? "; " : "", item);
		if (n >= sizeof f->text)
			break;
	}
	hl_route_out_clear(&f->out);
	return f->text;
}

/* Asserts the decisions since the last take. */
#define fx_expect(f, s) assert_string_equal(fx_take(f), (s))

/* A queue with the defaults, strategy `st`, and the tweaks the caller
 * makes in `q` before fx_queue_set. */
static inline hl_route_queue_conf fx_queue_conf(const char *id, hl_route_strategy st)
{
	hl_route_queue_conf q;
	hl_route_queue_conf_default(&q, id);
	q.strategy = st;
	return q;
}

static inline void fx_queue_set(fx *f, int64_t t, const hl_route_queue_conf *q)
{
	assert_int_equal(hl_route_queue_set(f->r, t, q, &f->out), 0);
}

static inline void fx_queue(fx *f, int64_t t, const char *id, hl_route_strategy st)
{
	hl_route_queue_conf q = fx_queue_conf(id, st);
	fx_queue_set(f, t, &q);
}

/* An agent with one skill (queue, level) and capacity `cap`, Offline. */
static inline void fx_agent(fx *f, int64_t t, const char *id, int cap, const char *queue, int level)
{
	hl_route_skill sk = {.queue = queue, .level = level};
	hl_route_agent_conf a = {.id = id, .capacity = cap, .skills = &sk, .n_skills = 1};
	assert_int_equal(hl_route_agent_set(f->r, t, &a, &f->out), 0);
}

/* An agent with two skills. */
static inline void fx_agent2(fx *f, int64_t t, const char *id, const char *q1, int l1, const char *q2,
			     int l2)
{
	hl_route_skill sk[2] = {{.queue = q1, .level = l1}, {.queue = q2, .level = l2}};
	hl_route_agent_conf a = {.id = id, .capacity = 1, .skills = sk, .n_skills = 2};
	assert_int_equal(hl_route_agent_set(f->r, t, &a, &f->out), 0);
}

static inline void fx_state(fx *f, int64_t t, const char *agent, hl_route_state st, const char *reason)
{
	assert_int_equal(hl_route_agent_state(f->r, t, agent, st, reason, &f->out), 0);
}

static inline void fx_avail(fx *f, int64_t t, const char *agent)
{
	fx_state(f, t, agent, HL_ROUTE_STATE_AVAILABLE, NULL);
}

static inline void fx_contact(fx *f, int64_t t, const char *id, const char *queue)
{
	hl_route_contact_conf c = {.id = id, .queue = queue};
	assert_int_equal(hl_route_contact_add(f->r, t, &c, &f->out), 0);
}

static inline void fx_contact_conf(fx *f, int64_t t, const hl_route_contact_conf *c)
{
	assert_int_equal(hl_route_contact_add(f->r, t, c, &f->out), 0);
}

static inline void fx_accept(fx *f, int64_t t, const char *agent, const char *contact)
{
	assert_int_equal(hl_route_accept(f->r, t, agent, contact, &f->out), 0);
}

static inline void fx_end(fx *f, int64_t t, const char *contact)
{
	assert_int_equal(hl_route_end(f->r, t, contact, &f->out), 0);
}

static inline void fx_tick(fx *f, int64_t t)
{
	assert_int_equal(hl_route_tick(f->r, t, &f->out), 0);
}

#endif
