/* Unit tests of server/figcount.c: the day's counts kept current contact by
 * contact equal the counts of the contacts as they stand, per queue, agent
 * and interval, whatever order the changes came in. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "figcount.h"
#include "metrics.h"

#define DAY 1764806400000LL   /* some midnight */
#define MIN 60000LL
#define SEC 1000LL

static hl_figcount_contact contact(int64_t id, int64_t created, const char *queue,
				   const char *agent)
{
	hl_figcount_contact c = {.id = id, .created_ms = created, .queue = queue, .agent = agent};
	c.k.nps = -1;
	return c;
}

static void assert_counters_equal(const hl_metrics_counters *a, const hl_metrics_counters *b)
{
	assert_int_equal(a->offered, b->offered);
	assert_int_equal(a->answered, b->answered);
	assert_int_equal(a->answered_within_sl, b->answered_within_sl);
	assert_int_equal(a->abandoned, b->abandoned);
	assert_int_equal(a->short_abandoned, b->short_abandoned);
	assert_int_equal(a->abandoned_within_sl, b->abandoned_within_sl);
	assert_int_equal(a->timed_out, b->timed_out);
	assert_int_equal(a->rejected, b->rejected);
	assert_int_equal(a->wait_answered_ms, b->wait_answered_ms);
	assert_int_equal(a->handled, b->handled);
	assert_int_equal(a->talk_ms, b->talk_ms);
	assert_int_equal(a->wrap_ms, b->wrap_ms);
	assert_int_equal(a->csat_ratings, b->csat_ratings);
	assert_int_equal(a->csat_satisfied, b->csat_satisfied);
	assert_int_equal(a->nps_answers, b->nps_answers);
	assert_int_equal(a->nps_promoters, b->nps_promoters);
	assert_int_equal(a->nps_detractors, b->nps_detractors);
}

/* docs/metrics.md §6, reached the way a day reaches it: each contact
 * arrives queued and is then answered, ended, wrapped up and rated. */
static void test_worked_example_built_step_by_step(void **state)
{
	(void)state;
	hl_figcount *f = hl_figcount_new(DAY);
	hl_figcount_contact c[6];
	const hl_metrics_counters *q;

	assert_non_null(f);
	for (int i = 0; i < 6; i++) {
		c[i] = contact(i + 1, DAY + 9 * 60 * MIN + i * MIN, "sales", "");
		assert_int_equal(hl_figcount_put(f, &c[i], 20, 5), 0);
	}
	/* c1: answered after 20.0 s, 240 s, 30 s wrap-up, CSAT 5 NPS 10. */
	c[0].agent = "alice";
	c[0].k.wait_ms = 20 * SEC;
	c[0].k.answered_ms = DAY + 10 * 60 * MIN;
	hl_figcount_put(f, &c[0], 20, 5);
	c[0].k.ended_ms = c[0].k.answered_ms + 240 * SEC;
	hl_figcount_put(f, &c[0], 20, 5);
	c[0].k.wrap_end_ms = c[0].k.ended_ms + 30 * SEC;
	hl_figcount_put(f, &c[0], 20, 5);
	c[0].k.csat = 5;
	c[0].k.nps = 10;
	hl_figcount_put(f, &c[0], 20, 5);
	/* c2: 25.0 s, 180 s, 20 s, CSAT 3 NPS 6. */
	c[1].agent = "bob";
	c[1].k.wait_ms = 25 * SEC;
	c[1].k.answered_ms = DAY + 10 * 60 * MIN;
	c[1].k.ended_ms = c[1].k.answered_ms + 180 * SEC;
	hl_figcount_put(f, &c[1], 20, 5);
	c[1].k.wrap_end_ms = c[1].k.ended_ms + 20 * SEC;
	c[1].k.csat = 3;
	c[1].k.nps = 6;
	hl_figcount_put(f, &c[1], 20, 5);
	/* c3, c4: abandoned after 3.0 s and 5.0 s; c5 waits; c6 refused. */
	c[2].k.outcome = HL_METRICS_OUT_ABANDONED;
	c[2].k.wait_ms = 3 * SEC;
	hl_figcount_put(f, &c[2], 20, 5);
	c[3].k.outcome = HL_METRICS_OUT_ABANDONED;
	c[3].k.wait_ms = 5 * SEC;
	hl_figcount_put(f, &c[3], 20, 5);
	c[5].k.outcome = HL_METRICS_OUT_REJECTED;
	hl_figcount_put(f, &c[5], 20, 5);

	q = hl_figcount_queue(f, "sales", 20, 5);
	assert_int_equal(q->offered, 5);
	assert_int_equal(q->rejected, 1);
	assert_int_equal(q->answered, 2);
	assert_int_equal(q->answered_within_sl, 1);
	assert_int_equal(q->abandoned, 2);
	assert_int_equal(q->short_abandoned, 1);
	assert_int_equal(q->abandoned_within_sl, 1);
	assert_int_equal(q->handled, 2);
	assert_int_equal(q->talk_ms, 420 * SEC);
	assert_int_equal(q->wrap_ms, 50 * SEC);
	assert_int_equal(q->csat_ratings, 2);
	assert_int_equal(q->csat_satisfied, 1);
	assert_int_equal(q->nps_promoters, 1);
	assert_int_equal(q->nps_detractors, 1);
	assert_true(hl_metrics_sl(q, HL_METRICS_SL_OFFERED) == 25.0);
	assert_true(hl_metrics_asa_s(q) == 22.5);
	assert_true(hl_metrics_aht_s(q) == 235.0);
	/* Each agent has the contact their row names. */
	assert_int_equal(hl_figcount_agent(f, "alice")->handled, 1);
	assert_int_equal(hl_figcount_agent(f, "alice")->talk_ms, 240 * SEC);
	assert_int_equal(hl_figcount_agent(f, "bob")->answered_within_sl, 0);
	assert_int_equal(hl_figcount_agent(f, "nobody")->offered, 0);
	assert_int_equal(hl_figcount_contacts(f), 6);
	hl_figcount_free(f);
}

/* A transfer changes the queue and the agent on the row: the contact
 * counts once, where it is now, and not where it was. */
static void test_transfer_moves_the_counts(void **state)
{
	(void)state;
	hl_figcount *f = hl_figcount_new(DAY);
	hl_figcount_contact c = contact(7, DAY + MIN, "sales", "alice");

	c.k.answered_ms = DAY + 2 * MIN;
	c.k.wait_ms = 10 * SEC;
	hl_figcount_put(f, &c, 20, 5);
	assert_int_equal(hl_figcount_queue(f, "sales", 20, 5)->answered, 1);
	c.queue = "aftersales";
	c.agent = "";
	c.k.answered_ms = 0;
	c.k.wait_ms = 0;
	hl_figcount_put(f, &c, 30, 5);
	assert_int_equal(hl_figcount_queue(f, "sales", 20, 5)->offered, 0);
	assert_int_equal(hl_figcount_queue(f, "sales", 20, 5)->answered, 0);
	assert_int_equal(hl_figcount_agent(f, "alice")->offered, 0);
	assert_int_equal(hl_figcount_queue(f, "aftersales", 30, 5)->offered, 1);
	assert_int_equal(hl_figcount_queue(f, "aftersales", 30, 5)->answered, 0);
	hl_figcount_free(f);
}

/* A target changed at noon applies to the morning's contacts too, in the
 * queue and in its agents' counts. */
static void test_changed_target_rejudges_the_day(void **state)
{
	(void)state;
	hl_figcount *f = hl_figcount_new(DAY);
	hl_figcount_contact c = contact(1, DAY + MIN, "sales", "alice");

	c.k.answered_ms = DAY + 2 * MIN;
	c.k.wait_ms = 25 * SEC;
	hl_figcount_put(f, &c, 20, 5);
	assert_int_equal(hl_figcount_queue(f, "sales", 20, 5)->answered_within_sl, 0);
	assert_int_equal(hl_figcount_queue(f, "sales", 30, 5)->answered_within_sl, 1);
	assert_int_equal(hl_figcount_agent(f, "alice")->answered_within_sl, 1);
	assert_int_equal(hl_figcount_slot(f, HL_FIGCOUNT_QUEUE, "sales", 0)->answered_within_sl, 1);
	/* The new rule also reaches the queue through a contact's change. */
	c.k.csat = 4;
	hl_figcount_put(f, &c, 20, 5);
	assert_int_equal(hl_figcount_queue(f, "sales", 20, 5)->answered_within_sl, 0);
	assert_int_equal(hl_figcount_agent(f, "alice")->answered_within_sl, 0);
	assert_int_equal(hl_figcount_queue(f, "sales", 20, 5)->answered, 1);
	hl_figcount_free(f);
}

struct seen {
	int n;
	int slots[8];
	int kinds[8];
	uint64_t offered[8];
};

static int collect(const hl_figcount_row *r, void *arg)
{
	struct seen *s = arg;

	if (s->n < 8) {
		s->slots[s->n] = r->slot;
		s->kinds[s->n] = r->kind;
		s->offered[s->n] = r->c->offered;
		assert_int_equal(r->start_ms, DAY + r->slot * 15 * MIN);
	}
	s->n++;
	return 0;
}

/* Each contact counts in the 15-minute interval it arrived in; an
 * interval is reported as changed until it is written, once. */
static void test_intervals_by_arrival(void **state)
{
	(void)state;
	hl_figcount *f = hl_figcount_new(DAY);
	hl_figcount_contact a = contact(1, DAY + 14 * MIN + 59 * SEC, "sales", "");
	hl_figcount_contact b = contact(2, DAY + 15 * MIN, "sales", "");
	hl_figcount_contact c = contact(3, DAY + 15 * MIN + 1, "sales", "");
	struct seen s = {0};

	hl_figcount_put(f, &a, 20, 5);
	hl_figcount_put(f, &b, 20, 5);
	hl_figcount_put(f, &c, 20, 5);
	assert_int_equal(hl_figcount_slot(f, HL_FIGCOUNT_QUEUE, "sales", 0)->offered, 1);
	assert_int_equal(hl_figcount_slot(f, HL_FIGCOUNT_QUEUE, "sales", 1)->offered, 2);
	assert_int_equal(hl_figcount_slot(f, HL_FIGCOUNT_QUEUE, "sales", 2)->offered, 0);
	assert_int_equal(hl_figcount_each_dirty(f, collect, &s), 0);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.slots[0], 0);
	assert_int_equal(s.offered[0], 1);
	assert_int_equal(s.slots[1], 1);
	assert_int_equal(s.offered[1], 2);
	/* Written: nothing changed since. A late answer to the first
	 * interval's contact changes that interval again. */
	s.n = 0;
	hl_figcount_each_dirty(f, collect, &s);
	assert_int_equal(s.n, 0);
	a.agent = "alice";
	a.k.answered_ms = DAY + 20 * MIN;
	a.k.wait_ms = 5 * MIN;
	hl_figcount_put(f, &a, 20, 5);
	hl_figcount_each_dirty(f, collect, &s);
	assert_int_equal(s.n, 2);   /* the queue's and alice's, both slot 0 */
	assert_int_equal(s.slots[0], 0);
	assert_int_equal(s.slots[1], 0);
	assert_int_equal(s.kinds[0] + s.kinds[1], HL_FIGCOUNT_QUEUE + HL_FIGCOUNT_AGENT);
	hl_figcount_free(f);
}

/* The last 30 minutes: the contacts that arrived in the current minute
 * and the 30 whole minutes before it, with later changes to them (an
 * answer, an abandon) counted in the window they arrived in. */
static void test_recent_window(void **state)
{
	(void)state;
	hl_figcount *f = hl_figcount_new(DAY);
	int64_t now = DAY + 10 * 60 * MIN + 30 * SEC;   /* 10:00:30 */
	hl_figcount_contact old = contact(1, now - 31 * MIN, "sales", "");  /* 09:29:30 */
	hl_figcount_contact edge = contact(2, DAY + 9 * 60 * MIN + 30 * MIN, "sales", "");
	hl_figcount_contact fresh = contact(3, now - 5 * SEC, "sales", "");
	hl_figcount_contact other = contact(4, now - MIN, "support", "");
	hl_metrics_counters w = {0};

	hl_figcount_put(f, &old, 20, 5);
	hl_figcount_put(f, &edge, 20, 5);
	hl_figcount_put(f, &fresh, 20, 5);
	hl_figcount_put(f, &other, 20, 5);
	hl_figcount_recent(f, "sales", 20, 5, now, 30, &w);
	assert_int_equal(w.offered, 2);   /* 09:30:00 and 10:00:25; not 09:29:30 */
	assert_int_equal(w.answered, 0);
	/* The fresh one is answered within T: the window's service level moves. */
	fresh.agent = "alice";
	fresh.k.wait_ms = 4 * SEC;
	fresh.k.answered_ms = now;
	hl_figcount_put(f, &fresh, 20, 5);
	memset(&w, 0, sizeof w);
	hl_figcount_recent(f, "sales", 20, 5, now, 30, &w);
	assert_int_equal(w.answered, 1);
	assert_int_equal(w.answered_within_sl, 1);
	assert_int_equal(w.wait_answered_ms, 4 * SEC);
	/* A minute later 09:30 has left the window. */
	memset(&w, 0, sizeof w);
	hl_figcount_recent(f, "sales", 20, 5, now + MIN, 30, &w);
	assert_int_equal(w.offered, 1);
	/* Just after midnight the window holds only the new day. */
	hl_figcount_reset(f, DAY + 24 * 60 * MIN);
	memset(&w, 0, sizeof w);
	hl_figcount_recent(f, "sales", 20, 5, DAY + 24 * 60 * MIN + 2 * MIN, 30, &w);
	assert_int_equal(w.offered, 0);
	hl_figcount_recent(f, "nosuch", 20, 5, now, 30, &w);
	assert_int_equal(w.offered, 0);
	hl_figcount_free(f);
}

/* A contact created before the day is in that day's figures only; a new
 * day starts empty. */
static void test_day_boundary(void **state)
{
	(void)state;
	hl_figcount *f = hl_figcount_new(DAY);
	hl_figcount_contact old = contact(1, DAY - 1, "sales", "");
	hl_figcount_contact now = contact(2, DAY, "sales", "");

	hl_figcount_put(f, &old, 20, 5);
	hl_figcount_put(f, &now, 20, 5);
	assert_int_equal(hl_figcount_queue(f, "sales", 20, 5)->offered, 1);
	hl_figcount_reset(f, DAY + 24 * 60 * MIN);
	assert_int_equal(hl_figcount_queue(f, "sales", 20, 5)->offered, 0);
	assert_int_equal(hl_figcount_contacts(f), 0);
	/* A change to yesterday's contact after midnight counts nowhere today. */
	now.k.answered_ms = DAY + 24 * 60 * MIN + MIN;
	hl_figcount_put(f, &now, 20, 5);
	assert_int_equal(hl_figcount_queue(f, "sales", 20, 5)->answered, 0);
	hl_figcount_free(f);
}

/* Random changes in random order: the counts kept current equal the
 * counts of the contacts as they finally stand, counted afresh, per queue,
 * agent and interval. */
static void test_random_changes_equal_a_recount(void **state)
{
	(void)state;
	enum { N = 400, STEPS = 6000 };
	static const char *queues[] = {"sales", "support", "billing"};
	static const char *agents[] = {"", "alice", "bob", "carol"};
	static const int32_t sls[] = {20, 30, 10};
	hl_figcount_contact c[N];
	hl_figcount *f = hl_figcount_new(DAY);
	unsigned seed = 12345;

	for (int i = 0; i < N; i++)
		c[i] = contact(1000 + i * 3 + (i % 7 == 0 ? -2 : 0),
			       DAY + (int64_t)(rand_r(&seed) % (24 * 60)) * MIN, "sales", "");
	for (int s = 0; s < STEPS; s++) {
		hl_figcount_contact *x = &c[rand_r(&seed) % N];
		switch (rand_r(&seed) % 6) {
		case 0: x->queue = queues[rand_r(&seed) % 3]; break;
		case 1: x->agent = agents[rand_r(&seed) % 4]; break;
		case 2: x->k.outcome = (hl_metrics_outcome)(rand_r(&seed) % 4); break;
		case 3:
			x->k.wait_ms = (int64_t)(rand_r(&seed) % 60) * SEC;
			x->k.answered_ms = rand_r(&seed) % 2 ? x->created_ms + x->k.wait_ms : 0;
			break;
		case 4:
			x->k.ended_ms = rand_r(&seed) % 2 ? x->created_ms + 5 * MIN : 0;
			x->k.wrap_end_ms = rand_r(&seed) % 2 ? x->created_ms + 6 * MIN : 0;
			break;
		default:
			x->k.csat = (int)(rand_r(&seed) % 6);
			x->k.nps = (int)(rand_r(&seed) % 12) - 1;
			break;
		}
		int qi = strcmp(x->queue, "sales") == 0 ? 0 : strcmp(x->queue, "support") == 0 ? 1 : 2;
		/* Now and then the queue's target changes under the day. */
		int32_t sl = s % 1000 < 500 ? sls[qi] : sls[qi] + 5;
		assert_int_equal(hl_figcount_put(f, x, sl, 5), 0);
	}
	for (int qi = 0; qi < 3; qi++) {
		hl_metrics_counters want = {0}, slot[HL_FIGCOUNT_SLOTS];
		int32_t sl = sls[qi] + 5;
		memset(slot, 0, sizeof slot);
		for (int i = 0; i < N; i++) {
			if (strcmp(c[i].queue, queues[qi]) != 0)
				continue;
			hl_metrics_count_contact(&want, &c[i].k, sl, 5);
			hl_metrics_count_contact(&slot[hl_figcount_slot_of(f, c[i].created_ms)],
						 &c[i].k, sl, 5);
		}
		assert_counters_equal(hl_figcount_queue(f, queues[qi], sl, 5), &want);
		/* Any 30-minute window equals a recount of its arrivals. */
		for (int h = 0; h < 24; h += 5) {
			int64_t now = DAY + (int64_t)h * 60 * MIN + 17 * MIN + 3 * SEC;
			hl_metrics_counters got = {0}, win = {0};
			int64_t from = DAY + ((now - DAY) / MIN - 30) * MIN;
			for (int i = 0; i < N; i++)
				if (strcmp(c[i].queue, queues[qi]) == 0 &&
				    c[i].created_ms >= from && c[i].created_ms <= now)
					hl_metrics_count_contact(&win, &c[i].k, sl, 5);
			hl_figcount_recent(f, queues[qi], sl, 5, now, 30, &got);
			assert_counters_equal(&got, &win);
		}
		for (int s = 0; s < HL_FIGCOUNT_SLOTS; s++)
			assert_counters_equal(hl_figcount_slot(f, HL_FIGCOUNT_QUEUE, queues[qi], s),
					      &slot[s]);
	}
	for (int ai = 1; ai < 4; ai++) {
		hl_metrics_counters want = {0};
		for (int i = 0; i < N; i++) {
			int qi = strcmp(c[i].queue, "sales") == 0 ? 0 :
				 strcmp(c[i].queue, "support") == 0 ? 1 : 2;
			if (strcmp(c[i].agent, agents[ai]) == 0)
				hl_metrics_count_contact(&want, &c[i].k, sls[qi] + 5, 5);
		}
		assert_counters_equal(hl_figcount_agent(f, agents[ai]), &want);
	}
	hl_figcount_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_worked_example_built_step_by_step),
		cmocka_unit_test(test_transfer_moves_the_counts),
		cmocka_unit_test(test_changed_target_rejudges_the_day),
		cmocka_unit_test(test_intervals_by_arrival),
		cmocka_unit_test(test_day_boundary),
		cmocka_unit_test(test_recent_window),
		cmocka_unit_test(test_random_changes_equal_a_recount),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
