/* The client model (common/climodel.c) both desks stand on, driven by a
 * sequence of broker events and replies as a desk receives them: the
 * conversations and their kinds, their transcripts (copies of the lines,
 * bounded, replaced whole by a transcript reply), the roster of other
 * agents, the words that come through the desk's translate hook, and the
 * desk's own per-conversation state freed with the conversation. Pure: no
 * broker, no curses, no clock. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "climodel.h"
#include "sysline.h"

#define WALL0 1700000000000LL
#define MONO0 5000000LL

static hl_cm_now at(int64_t ms)
{
	hl_cm_now n = {.mono = MONO0 + ms, .wall = WALL0 + ms};
	return n;
}

static hl_cm_news news[4];
static size_t nnews;

static unsigned apply(hl_cm_model *m, Hotline__Event *ev, int64_t ms)
{
	ev->time_ms = WALL0 + ms;
	return hl_cm_apply(m, ev, at(ms), news, 4, &nnews);
}

static unsigned offer(hl_cm_model *m, const char *id, const char *text, int64_t ms)
{
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__Offer o = HOTLINE__OFFER__INIT;

	o.contact = (char *)id;
	o.queue = "sales";
	o.customer = "u7";
	o.expires_ms = WALL0 + ms + 15000;
	o.first_text = (char *)text;
	ev.body_case = HOTLINE__EVENT__BODY_OFFER;
	ev.offer = &o;
	return apply(m, &ev, ms);
}

static unsigned state(hl_cm_model *m, const char *id, const char *st, const char *by,
		      const char *reason, int64_t ms)
{
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__ContactState cs = HOTLINE__CONTACT_STATE__INIT;

	cs.contact = (char *)id;
	cs.state = (char *)st;
	cs.by = (char *)by;
	cs.reason = (char *)reason;
	ev.body_case = HOTLINE__EVENT__BODY_CONTACT_STATE;
	ev.contact_state = &cs;
	return apply(m, &ev, ms);
}

static unsigned line(hl_cm_model *m, const char *id, uint64_t seq, const char *from,
		     const char *text, int64_t ms)
{
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__ContactLine cl = HOTLINE__CONTACT_LINE__INIT;
	Hotline__ChatLine l = HOTLINE__CHAT_LINE__INIT;

	l.seq = seq;
	l.from = (char *)from;
	l.name = "";
	l.text = (char *)text;
	l.ts_ms = WALL0 + ms;
	cl.contact = (char *)id;
	cl.line = &l;
	ev.body_case = HOTLINE__EVENT__BODY_LINE;
	ev.line = &cl;
	return apply(m, &ev, ms);
}

static unsigned agent_status(hl_cm_model *m, const char *agent, const char *st, int64_t ms)
{
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__AgentStatus as = HOTLINE__AGENT_STATUS__INIT;

	as.agent = (char *)agent;
	as.state = (char *)st;
	as.reason = "";
	as.since_ms = WALL0 + ms;
	ev.body_case = HOTLINE__EVENT__BODY_AGENT_STATUS;
	ev.agent_status = &as;
	return apply(m, &ev, ms);
}

/* The desk's translate hook, made visible: every word the model says in
 * the interface language comes through it. */
static const char *mark(const char *msgid)
{
	static char buf[8][256];
	static int k;

	k = (k + 1) % 8;
	snprintf(buf[k], sizeof buf[k], "<%s>", msgid);
	return buf[k];
}

static int freed;
static void ui_free(void *ui)
{
	freed++;
	free(ui);
}

/* An offer, accepted, lines both ways, the customer ends it, wrap-up: the
 * model's conversation and transcript at each step. */
static void test_a_conversation_from_offer_to_wrap_up(void **st)
{
	hl_cm_model m;
	hl_cm_conv *c;

	(void)st;
	hl_cm_init(&m);
	hl_cm_set_me(&m, "xiaoli", "王小丽");
	assert_int_equal(offer(&m, "c1", "我想查询订单", 0), HL_CM_DIRTY_ALL);
	assert_int_equal(nnews, 1);
	assert_int_equal(news[0].kind, HL_CM_NEWS_OFFER);
	c = hl_cm_find(&m, "c1");
	assert_non_null(c);
	assert_int_equal(c->kind, HL_CM_OFFER);
	assert_ptr_equal(hl_cm_selected(&m), c);
	/* The offer's preview is its transcript: where from, then the first line. */
	assert_int_equal(c->lines.n, 2);
	assert_string_equal(c->lines.v[0]->from, "system");
	assert_string_equal(c->lines.v[1]->from, "customer");
	assert_string_equal(c->lines.v[1]->text, "我想查询订单");

	state(&m, "c1", "active", "agent", "", 2000);
	assert_int_equal(c->kind, HL_CM_CHAT);
	assert_int_equal(nnews, 1);
	assert_int_equal(news[0].kind, HL_CM_NEWS_FETCH);  /* the desk reads the history */

	line(&m, "c1", 1, "customer", "订单 12345", 3000);
	line(&m, "c1", 2, "agent", "已发货", 4000);
	line(&m, "c1", 2, "agent", "已发货", 4100);  /* a repeat: not added twice */
	assert_int_equal(c->lines.n, 4);
	assert_string_equal(c->lines.v[2]->text, "订单 12345");
	assert_string_equal(c->lines.v[3]->text, "已发货");
	assert_int_equal(c->last_seq, 2);
	assert_int_equal(c->waiting_since, 0);  /* the agent answered last */

	state(&m, "c1", "ended", "customer", "", 9000);
	assert_int_equal(c->kind, HL_CM_WRAPUP);
	assert_int_equal(nnews, 1);
	assert_int_equal(news[0].kind, HL_CM_NEWS_ENDED);
	assert_int_equal(m.figures.n, 1);
	assert_int_equal(m.figures.v[0].talk_ms, 7000);

	hl_cm_wrapped(&m, "c1", at(12000));
	assert_null(hl_cm_find(&m, "c1"));
	assert_int_equal(m.n, 0);
	assert_int_equal(m.figures.v[0].wrap_ms, 3000);
	hl_cm_free(&m);
}

/* A transcript reply replaces the lines whole (a new generation, so a view
 * formats them again); lines past the bound push the oldest out while the
 * count of lines added goes on. */
static void test_transcripts_replaced_and_bounded(void **st)
{
	hl_cm_model m;
	hl_cm_conv *c;
	Hotline__TranscriptReply tr = HOTLINE__TRANSCRIPT_REPLY__INIT;
	Hotline__Contact ct = HOTLINE__CONTACT__INIT;
	Hotline__ChatLine l1 = HOTLINE__CHAT_LINE__INIT, l2 = HOTLINE__CHAT_LINE__INIT;
	Hotline__ChatLine *lines[] = {&l1, &l2};
	unsigned gen;
	char text[32];

	(void)st;
	hl_cm_init(&m);
	state(&m, "c2", "active", "agent", "", 0);
	c = hl_cm_find(&m, "c2");
	assert_non_null(c);
	line(&m, "c2", 5, "customer", "before the reply", 100);
	gen = c->lines.gen;
	l1.seq = 1, l1.from = "customer", l1.text = "第一句", l1.ts_ms = WALL0;
	l2.seq = 2, l2.from = "agent", l2.text = "您好", l2.ts_ms = WALL0 + 50;
	ct.id = "c2";
	ct.queue = "sales";
	ct.customer = "u3";
	tr.contact = &ct;
	tr.lines = lines;
	tr.n_lines = 2;
	hl_cm_transcript(&m, &tr, at(200));
	assert_int_not_equal(c->lines.gen, gen);
	assert_int_equal(c->lines.n, 2);
	assert_int_equal(c->lines.added, 2);
	assert_string_equal(c->lines.v[0]->text, "第一句");
	assert_string_equal(c->customer, "u3");
	assert_true(c->history);

	gen = c->lines.gen;
	for (int i = 0; i < HL_CM_LINES_MAX + 5; i++) {
		snprintf(text, sizeof text, "line %d", i);
		line(&m, "c2", (uint64_t)(10 + i), "customer", text, 300 + i);
	}
	assert_int_equal(c->lines.gen, gen);
	assert_int_equal(c->lines.n, HL_CM_LINES_MAX);
	assert_int_equal(c->lines.added, 2 + HL_CM_LINES_MAX + 5);
	/* The two replied lines and the first five added went. */
	assert_string_equal(c->lines.v[0]->text, "line 5");
	snprintf(text, sizeof text, "line %d", HL_CM_LINES_MAX + 4);
	assert_string_equal(c->lines.v[HL_CM_LINES_MAX - 1]->text, text);
	assert_int_equal(c->unread, 0);  /* shown: it was selected on arrival */
	hl_cm_free(&m);
}

/* Other agents' states fill the roster, never the desk's own state; the
 * agent list replaces it. */
static void test_roster(void **st)
{
	hl_cm_model m;
	Hotline__AgentListReply al = HOTLINE__AGENT_LIST_REPLY__INIT;
	Hotline__AgentEntry e1 = HOTLINE__AGENT_ENTRY__INIT, e2 = HOTLINE__AGENT_ENTRY__INIT;
	Hotline__AgentEntry *es[] = {&e1, &e2};

	(void)st;
	hl_cm_init(&m);
	hl_cm_set_me(&m, "xiaoli", "王小丽");
	assert_int_equal(agent_status(&m, "wang", "available", 0), HL_CM_DIRTY_ROSTER);
	assert_int_equal(agent_status(&m, "li", "not_ready", 10), HL_CM_DIRTY_ROSTER);
	assert_string_equal(m.state, "");
	assert_int_equal(m.nroster, 2);
	assert_string_equal(hl_cm_roster_find(&m, "wang")->state, "available");
	assert_int_equal(hl_cm_roster_find(&m, "li")->since_wall, WALL0 + 10);
	agent_status(&m, "wang", "wrap_up", 20);
	assert_int_equal(m.nroster, 2);
	assert_string_equal(hl_cm_roster_find(&m, "wang")->state, "wrap_up");
	/* Our own state is the desk's, not the roster's. */
	assert_int_equal(agent_status(&m, "xiaoli", "available", 30), HL_CM_DIRTY_STATUS);
	assert_string_equal(m.state, "available");
	assert_null(hl_cm_roster_find(&m, "xiaoli"));

	e1.name = "zhao", e1.display = "赵敏", e1.state = "available", e1.reason = "";
	e1.active = 1, e1.capacity = 3;
	e2.name = "wang", e2.display = "王强", e2.state = "offline", e2.reason = "logout";
	al.agents = es;
	al.n_agents = 2;
	assert_int_equal(hl_cm_roster_set(&m, &al), HL_CM_DIRTY_ROSTER);
	assert_int_equal(m.nroster, 2);
	assert_null(hl_cm_roster_find(&m, "li"));
	assert_string_equal(hl_cm_roster_find(&m, "zhao")->display, "赵敏");
	assert_int_equal(hl_cm_roster_find(&m, "zhao")->capacity, 3);
	assert_string_equal(hl_cm_roster_find(&m, "wang")->reason, "logout");
	hl_cm_free(&m);
}

/* The model's own words (the offer's preview, a moved conversation's
 * reason) come through the desk's hook; the desk's per-conversation state
 * goes with the conversation. */
static void test_translate_hook_and_ui_state(void **st)
{
	hl_cm_model m;
	hl_cm_conv *c;

	(void)st;
	hl_cm_init(&m);
	m.tr = mark;
	m.ui_free = ui_free;
	freed = 0;
	offer(&m, "c3", "", 0);
	c = hl_cm_find(&m, "c3");
	assert_non_null(c);
	assert_string_equal(c->lines.v[0]->text, "<Offer from queue sales>");
	c->ui = malloc(16);
	state(&m, "c3", "active", "agent", "", 100);
	state(&m, "c3", "requeued", "system", "The customer ended the conversation", 200);
	assert_null(hl_cm_find(&m, "c3"));
	assert_int_equal(nnews, 1);
	assert_int_equal(news[0].kind, HL_CM_NEWS_MOVED);
	assert_string_equal(news[0].text, "<The customer ended the conversation>");
	assert_int_equal(freed, 1);

	/* Several conversations: the list order is offers, chats, wrap-ups. */
	state(&m, "c4", "active", "agent", "", 300);
	offer(&m, "c5", "hi", 400);
	state(&m, "c6", "active", "agent", "", 500);
	state(&m, "c6", "ended", "agent", "", 600);
	assert_string_equal(hl_cm_at(&m, 0)->id, "c5");
	assert_string_equal(hl_cm_at(&m, 1)->id, "c4");
	assert_string_equal(hl_cm_at(&m, 2)->id, "c6");
	assert_int_equal(hl_cm_pos(&m, "c6"), 2);
	assert_int_equal(hl_cm_count(&m, HL_CM_CHAT), 1);
	hl_cm_free(&m);
	assert_int_equal(freed, 1);
}

static unsigned team_added(hl_cm_model *d, const Hotline__Event *ev, hl_cm_now now, void *arg)
{
	(void)d, (void)now;
	snprintf(arg, 64, "%s", ev->team_added->name);
	return 1u << 12;
}

static unsigned lines_seen(hl_cm_model *d, const Hotline__Event *ev, hl_cm_now now, void *arg)
{
	hl_cm_conv *c = hl_cm_find(d, ev->line->contact);

	(void)now;
	/* After the model's own: the line is already in the transcript. */
	snprintf(arg, 64, "%zu", c ? c->lines.n : 0);
	return 0;
}

/* A desk's own apply table: events the model leaves alone reach it, and
 * it sees the model's after the model. */
static void test_desk_apply_table(void **st)
{
	static const hl_cm_applier extra[] = {
		{HOTLINE__EVENT__BODY_TEAM_ADDED, team_added},
		{HOTLINE__EVENT__BODY_LINE, lines_seen},
	};
	hl_cm_model m;
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__Team t = HOTLINE__TEAM__INIT;
	char seen[64] = "";

	(void)st;
	hl_cm_init(&m);
	t.name = "team-a";
	ev.body_case = HOTLINE__EVENT__BODY_TEAM_ADDED;
	ev.team_added = &t;
	assert_int_equal(apply(&m, &ev, 0), 0);  /* no desk table: ignored */
	m.extra = extra;
	m.nextra = 2;
	m.extra_arg = seen;
	assert_int_equal(apply(&m, &ev, 0), 1u << 12);
	assert_string_equal(seen, "team-a");
	state(&m, "c9", "active", "agent", "", 0);
	line(&m, "c9", 1, "customer", "hi", 10);
	assert_string_equal(seen, "1");
	hl_cm_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_conversation_from_offer_to_wrap_up),
		cmocka_unit_test(test_transcripts_replaced_and_bounded),
		cmocka_unit_test(test_roster),
		cmocka_unit_test(test_translate_hook_and_ui_state),
		cmocka_unit_test(test_desk_apply_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
