/* Tests the agent's desk from broker events: an offer with its countdown
 * and preview, acceptance, lines and unread counts, the customer's wait,
 * typing that lapses, ends and wrap-ups with the figures, transfers and
 * withdrawn offers, the hotlist's order and numbers, own state, queues. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "climodel.h"
#include "view.h"
#include "climodel_figures.h"
#include "hotlist.h"
#include "theme.h"
#include "timefmt.h"

#define WALL0 1700000000000LL   /* the broker's and our wall clock agree */
#define MONO0 5000000LL

static hl_cm_now at(int64_t ms)
{
	hl_cm_now n = {.mono = MONO0 + ms, .wall = WALL0 + ms};
	return n;
}

static unsigned apply(hl_cm_model *d, Hotline__Event *ev, int64_t ms, hl_cm_news *news,
		      size_t *nn)
{
	hl_cm_news local[4];
	size_t lnn;

	ev->time_ms = WALL0 + ms;
	return hl_cm_apply(d, ev, at(ms), news ? news : local, 4, nn ? nn : &lnn);
}

static unsigned offer(hl_cm_model *d, const char *id, int64_t ms, int64_t timeout_ms,
		      const char *text, hl_cm_news *news, size_t *nn)
{
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__Offer o = HOTLINE__OFFER__INIT;
	Hotline__Visitor v = HOTLINE__VISITOR__INIT;
	char *pages[] = {"/orders", "/help"};

	o.contact = (char *)id;
	o.queue = "sales";
	o.customer = "u7";
	o.expires_ms = timeout_ms ? WALL0 + ms + timeout_ms : 0;
	o.first_text = (char *)text;
	v.referrer = "https://search.example/";
	v.pages = pages;
	v.n_pages = 2;
	v.returning = 1;
	v.past_contacts = 3;
	o.visitor = &v;
	ev.body_case = HOTLINE__EVENT__BODY_OFFER;
	ev.offer = &o;
	return apply(d, &ev, ms, news, nn);
}

static unsigned state(hl_cm_model *d, const char *id, const char *st, const char *by,
		      const char *reason, int64_t ms, hl_cm_news *news, size_t *nn)
{
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__ContactState cs = HOTLINE__CONTACT_STATE__INIT;

	cs.contact = (char *)id;
	cs.state = (char *)st;
	cs.by = (char *)by;
	cs.reason = (char *)reason;
	ev.body_case = HOTLINE__EVENT__BODY_CONTACT_STATE;
	ev.contact_state = &cs;
	return apply(d, &ev, ms, news, nn);
}

static unsigned line(hl_cm_model *d, const char *id, uint64_t seq, const char *from,
		     const char *text, int64_t ms)
{
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__ContactLine cl = HOTLINE__CONTACT_LINE__INIT;
	Hotline__ChatLine l = HOTLINE__CHAT_LINE__INIT;

	l.seq = seq;
	l.from = (char *)from;
	l.name = strcmp(from, "agent") == 0 ? "王小丽" : "";
	l.text = (char *)text;
	l.ts_ms = WALL0 + ms;
	cl.contact = (char *)id;
	cl.line = &l;
	ev.body_case = HOTLINE__EVENT__BODY_LINE;
	ev.line = &cl;
	return apply(d, &ev, ms, NULL, NULL);
}

static void typing(hl_cm_model *d, const char *id, int on, int64_t ms)
{
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__Typing t = HOTLINE__TYPING__INIT;

	t.contact = (char *)id;
	t.on = on;
	ev.body_case = HOTLINE__EVENT__BODY_TYPING;
	ev.typing = &t;
	apply(d, &ev, ms, NULL, NULL);
}

static void test_offer_and_countdown(void **state_)
{
	hl_cm_model d;
	hl_cm_news news[4];
	size_t nn = 0;
	hl_cm_conv *c;
	hl_agent_hotrow r;

	(void)state_;
	hl_cm_init(&d);
	hl_agent_view_attach(&d);
	hl_cm_set_me(&d, "xiaoli", "王小丽");
	assert_int_equal(offer(&d, "c1", 0, 15000, "你好，我想查询订单", news, &nn),
			 HL_CM_DIRTY_ALL);
	assert_int_equal(nn, 1);
	assert_int_equal(news[0].kind, HL_CM_NEWS_OFFER);
	assert_string_equal(news[0].text, "你好，我想查询订单");
	c = hl_cm_find(&d, "c1");
	assert_non_null(c);
	assert_int_equal(c->kind, HL_CM_OFFER);
	assert_int_equal(c->deadline, MONO0 + 15000);
	/* The first offer is shown at once; the preview holds two lines. */
	assert_ptr_equal(hl_cm_selected(&d), c);
	assert_int_equal(c->lines.n, 2);
	assert_true(c->visitor.known);
	assert_string_equal(c->visitor.pages, "/orders \u2192 /help");
	assert_int_equal(c->visitor.past_contacts, 3);
	hl_agent_hotlist_row(&d, c, 0, MONO0 + 2500, &r);
	assert_string_equal(r.num, "1");
	assert_string_equal(r.timer, "13s");
	assert_int_equal(r.label_role, HL_TUI_ROLE_OFFER);
	assert_int_equal(r.timer_role, HL_TUI_ROLE_VALUE_WARN);
	hl_agent_hotlist_row(&d, c, 0, MONO0 + 11000, &r);
	assert_string_equal(r.timer, "4s");
	assert_int_equal(r.timer_role, HL_TUI_ROLE_VALUE_BAD);
	hl_agent_hotlist_row(&d, c, 0, MONO0 + 16000, &r);
	assert_string_equal(r.timer, "0s");
	assert_true(hl_agent_hotlist_ticking(&d));
	/* Withdrawn on timeout: it leaves, and says why. */
	state(&d, "c1", "cancelled", "", "timeout", 15000, news, &nn);
	assert_int_equal(nn, 1);
	assert_int_equal(news[0].kind, HL_CM_NEWS_OFFER_GONE);
	assert_string_equal(news[0].text, "timeout");
	assert_null(hl_cm_find(&d, "c1"));
	assert_null(hl_cm_selected(&d));
	hl_cm_free(&d);
}

static void test_chat_flow(void **state_)
{
	hl_cm_model d;
	hl_cm_news news[4];
	size_t nn = 0;
	hl_cm_conv *c1, *c2;
	hl_agent_hotrow r;
	hl_cm_figures_total t;

	(void)state_;
	hl_cm_init(&d);
	hl_agent_view_attach(&d);
	offer(&d, "c1", 0, 15000, "第一位", NULL, NULL);
	state(&d, "c1", "active", "", "", 2000, news, &nn);
	/* Accepted: the caller is asked to fetch the history. */
	assert_int_equal(nn, 1);
	assert_int_equal(news[0].kind, HL_CM_NEWS_FETCH);
	assert_string_equal(news[0].contact, "c1");
	c1 = hl_cm_find(&d, "c1");
	assert_int_equal(c1->kind, HL_CM_CHAT);
	offer(&d, "c2", 3000, 15000, "第二位", NULL, NULL);
	c2 = hl_cm_find(&d, "c2");
	/* c1 stays shown; the offer goes on top of the list. */
	assert_ptr_equal(hl_cm_selected(&d), c1);
	assert_ptr_equal(hl_cm_at(&d, 0), c2);
	assert_ptr_equal(hl_cm_at(&d, 1), c1);
	assert_int_equal(hl_cm_pos(&d, "c1"), 1);
	/* Lines: unread counts only where the agent is not looking. */
	line(&d, "c1", 3, "customer", "请尽快", 4000);
	assert_int_equal(c1->unread, 0);
	state(&d, "c2", "active", "", "", 5000, NULL, NULL);
	line(&d, "c2", 2, "customer", "在吗？", 6000);
	line(&d, "c2", 3, "customer", "在吗？？", 7000);
	line(&d, "c2", 3, "customer", "在吗？？", 7000);  /* seen: dropped */
	assert_int_equal(c2->unread, 2);
	assert_int_equal(hl_cm_unread(&d), 2);
	/* The customer's wait runs from their last line, coloured as it grows. */
	hl_agent_hotlist_row(&d, c2, 1, MONO0 + 7000 + 45000, &r);
	assert_string_equal(r.badge, "2");
	assert_string_equal(r.timer, "45s");
	assert_int_equal(r.timer_role, HL_TUI_ROLE_VALUE_WARN);
	assert_int_equal(r.label_role, HL_TUI_ROLE_UNREAD);
	hl_agent_hotlist_row(&d, c2, 1, MONO0 + 7000 + 125000, &r);
	assert_string_equal(r.timer, "2:05");
	assert_int_equal(r.timer_role, HL_TUI_ROLE_VALUE_BAD);
	assert_int_equal(hl_cm_select(&d, "c2"), HL_CM_DIRTY_ALL);
	assert_int_equal(c2->unread, 0);
	line(&d, "c2", 4, "agent", "在的，请讲", 8000);
	assert_int_equal(c2->waiting_since, 0);
	hl_agent_hotlist_row(&d, c2, 1, MONO0 + 9000, &r);
	assert_string_equal(r.timer, "");
	/* Chats are listed oldest first: numbers stay put. */
	assert_ptr_equal(hl_cm_at(&d, 0), c1);
	assert_ptr_equal(hl_cm_at(&d, 1), c2);
	/* Typing shows, then lapses without renewal. */
	typing(&d, "c2", 1, 9000);
	assert_true(c2->typing);
	assert_int_equal(hl_cm_tick(&d, at(9000 + 1000)), 0);
	assert_int_equal(hl_cm_tick(&d, at(9000 + HL_CM_TYPING_LAPSE_MS)) &
				 HL_CM_DIRTY_TYPING,
			 HL_CM_DIRTY_TYPING);
	assert_false(c2->typing);
	/* The customer ends c1: wrap-up, listed last, talk time counted. */
	state(&d, "c1", "ended", "customer", "", 62000, news, &nn);
	assert_int_equal(nn, 1);
	assert_int_equal(news[0].kind, HL_CM_NEWS_ENDED);
	assert_int_equal(c1->kind, HL_CM_WRAPUP);
	assert_ptr_equal(hl_cm_at(&d, 1), c1);
	assert_int_equal(hl_cm_count(&d, HL_CM_WRAPUP), 1);
	hl_cm_wrapped(&d, "c1", at(62000 + 30000));
	assert_null(hl_cm_find(&d, "c1"));
	hl_cm_figures_sum(&d.figures, &t);
	assert_int_equal(t.handled, 1);
	assert_int_equal(t.wrapped, 1);
	assert_true(t.aht_s > 89.9 && t.aht_s < 90.1);  /* 60 s talk + 30 s wrap-up */
	assert_true(t.csat_pct < 0);
	/* Transferred away: it leaves the desk, the shown one moves on. */
	state(&d, "c2", "transferred", "xiaoli", "Transferred to aftersales", 70000, news, &nn);
	assert_int_equal(news[0].kind, HL_CM_NEWS_MOVED);
	assert_string_equal(news[0].text, "Transferred to aftersales");
	assert_int_equal(d.n, 0);
	assert_null(hl_cm_selected(&d));
	hl_cm_free(&d);
}

static void test_transcript(void **state_)
{
	hl_cm_model d;
	Hotline__TranscriptReply tr = HOTLINE__TRANSCRIPT_REPLY__INIT;
	Hotline__Contact ct = HOTLINE__CONTACT__INIT;
	Hotline__ChatLine l1 = HOTLINE__CHAT_LINE__INIT, l2 = HOTLINE__CHAT_LINE__INIT,
			  l3 = HOTLINE__CHAT_LINE__INIT;
	Hotline__ChatLine *lines[] = {&l1, &l2, &l3};
	hl_cm_conv *c;

	(void)state_;
	hl_cm_init(&d);
	hl_agent_view_attach(&d);
	offer(&d, "c5", 0, 0, "hi", NULL, NULL);
	c = hl_cm_find(&d, "c5");
	assert_int_equal(c->deadline, 0);  /* auto-accept: no countdown */
	state(&d, "c5", "active", "", "", 100, NULL, NULL);
	l1.seq = 1, l1.from = "customer", l1.name = "", l1.text = "hi", l1.ts_ms = WALL0 - 20000;
	l2.seq = 2, l2.from = "system", l2.name = "", l2.text = "王小丽 joined the conversation";
	l3.seq = 3, l3.from = "note", l3.name = "Wang", l3.text = "VIP", l3.ts_ms = WALL0;
	ct.id = "c5";
	ct.queue = "sales";
	ct.customer = "u9";
	ct.csat = 5;
	tr.contact = &ct;
	tr.lines = lines;
	tr.n_lines = 3;
	hl_cm_transcript(&d, &tr, at(1000));
	assert_int_equal(c->lines.n, 3);
	assert_int_equal(c->last_seq, 3);
	assert_true(c->history);
	assert_string_equal(c->customer, "u9");
	/* The customer wrote last, 21 s before now. */
	assert_int_equal(c->waiting_since, MONO0 + 1000 - 21000);
	/* Lines the transcript had are not added twice. */
	line(&d, "c5", 2, "system", "again", 1500);
	assert_int_equal(c->lines.n, 3);
	line(&d, "c5", 4, "customer", "还在吗", 2000);
	assert_int_equal(c->lines.n, 4);
	hl_cm_free(&d);
}

/* A supervisor takes a chat over: it leaves the desk like a transfer, and
 * the desk says why. */
static void test_taken_over(void **state_)
{
	hl_cm_model d;
	hl_cm_news news[4];
	size_t nn = 0, n;

	(void)state_;
	hl_cm_init(&d);
	hl_agent_view_attach(&d);
	offer(&d, "c7", 0, 0, "hi", NULL, NULL);
	state(&d, "c7", "active", "", "", 100, NULL, NULL);
	n = hl_cm_find(&d, "c7")->lines.n;
	line(&d, "c7", 2, "whisper", "offer the refund", 200);
	assert_int_equal(hl_cm_find(&d, "c7")->lines.n, n + 1);
	state(&d, "c7", "taken_over", "sue", "Sue Chen is now serving you", 300, news, &nn);
	assert_int_equal(nn, 1);
	assert_int_equal(news[0].kind, HL_CM_NEWS_MOVED);
	assert_string_equal(news[0].text, "Sue Chen is now serving you");
	assert_null(hl_cm_find(&d, "c7"));
	hl_cm_free(&d);
}

static void test_format_line(void **state_)
{
	Hotline__ChatLine l = HOTLINE__CHAT_LINE__INIT;
	char buf[256];
	int role, indent;

	(void)state_;
	setenv("TZ", "UTC", 1);
	l.ts_ms = 1700000000000LL;  /* 22:13 UTC */
	l.from = "customer";
	l.name = "";
	l.text = "你好";
	hl_agent_view_format_line(&l, buf, sizeof buf, &role, &indent);
	assert_string_equal(buf, "22:13 Customer: 你好");
	assert_int_equal(role, HL_TUI_ROLE_CUSTOMER);
	assert_int_equal(indent, 6);
	l.from = "whisper";
	l.name = "主管";
	l.text = "先核实身份";
	hl_agent_view_format_line(&l, buf, sizeof buf, &role, &indent);
	assert_string_equal(buf, "22:13 [whisper] 主管: 先核实身份");
	assert_int_equal(role, HL_TUI_ROLE_WHISPER);
	l.from = "note";
	hl_agent_view_format_line(&l, buf, sizeof buf, &role, &indent);
	assert_string_equal(buf, "22:13 [note] 主管: 先核实身份");
	assert_int_equal(role, HL_TUI_ROLE_WHISPER);
	l.from = "system";
	l.text = "Transferred to sales";
	hl_agent_view_format_line(&l, buf, sizeof buf, &role, &indent);
	assert_string_equal(buf, "22:13 \u00b7 Transferred to sales");
	assert_int_equal(role, HL_TUI_ROLE_SYSTEM);
	l.from = "agent";
	l.name = "王小丽";
	l.text = "好的";
	hl_agent_view_format_line(&l, buf, sizeof buf, &role, &indent);
	assert_string_equal(buf, "22:13 王小丽: 好的");
	assert_int_equal(role, HL_TUI_ROLE_AGENT);
}

static void test_own_state_and_queues(void **state_)
{
	hl_cm_model d;
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__AgentStatus as = HOTLINE__AGENT_STATUS__INIT;
	Hotline__FloorReply fr = HOTLINE__FLOOR_REPLY__INIT;
	Hotline__Figures f1 = HOTLINE__FIGURES__INIT, f2 = HOTLINE__FIGURES__INIT;
	Hotline__Figures *fs[] = {&f1, &f2};
	Hotline__QueueListReply ql = HOTLINE__QUEUE_LIST_REPLY__INIT;
	Hotline__QueueConf q1 = HOTLINE__QUEUE_CONF__INIT;
	Hotline__QueueConf *qs[] = {&q1};

	(void)state_;
	hl_cm_init(&d);
	hl_agent_view_attach(&d);
	hl_cm_set_me(&d, "xiaoli", "王小丽");
	as.agent = "someone_else";
	as.state = "available";
	as.reason = "";
	ev.body_case = HOTLINE__EVENT__BODY_AGENT_STATUS;
	ev.agent_status = &as;
	/* Another agent's state is the roster's, not the desk's own. */
	assert_int_equal(apply(&d, &ev, 0, NULL, NULL), HL_CM_DIRTY_ROSTER);
	assert_string_equal(d.state, "");
	assert_non_null(hl_cm_roster_find(&d, "someone_else"));
	assert_string_equal(hl_cm_roster_find(&d, "someone_else")->state, "available");
	as.agent = "xiaoli";
	as.state = "not_ready";
	as.reason = "lunch";
	as.since_ms = WALL0 - 3000;
	assert_int_equal(apply(&d, &ev, 0, NULL, NULL), HL_CM_DIRTY_STATUS);
	assert_string_equal(d.state, "not_ready");
	assert_string_equal(d.reason, "lunch");
	assert_int_equal(d.state_since, MONO0 - 3000);
	/* Queues: labels from the list, waiting from the floor. */
	q1.id = "sales";
	q1.label_en = "Enquiry";
	q1.label_zh = "业务咨询";
	ql.queues = qs;
	ql.n_queues = 1;
	hl_cm_queue_list(&d, &ql);
	f1.queue = "sales";
	f1.waiting = 3;
	f2.queue = "aftersales";
	f2.waiting = 1;
	fr.queues = fs;
	fr.n_queues = 2;
	hl_cm_floor(&d, &fr, at(0));
	assert_int_equal(d.nqueues, 2);
	assert_string_equal(hl_cm_queue_label(&d, "sales"), "Enquiry");
	d.zh = true;
	assert_string_equal(hl_cm_queue_label(&d, "sales"), "业务咨询");
	assert_string_equal(hl_cm_queue_label(&d, "aftersales"), "");
	assert_true(d.queues[0].served && d.queues[1].served);
	hl_cm_serve(&d, " aftersales ,x");
	assert_false(d.queues[0].served);
	assert_true(d.queues[1].served);
	assert_int_equal(d.queues[0].waiting, 3);
	hl_cm_free(&d);
}

static void test_timefmt(void **state_)
{
	char b[24];

	(void)state_;
	assert_string_equal(hl_timefmt_duration(0, b, sizeof b), "0s");
	assert_string_equal(hl_timefmt_duration(-5, b, sizeof b), "0s");
	assert_string_equal(hl_timefmt_duration(59999, b, sizeof b), "59s");
	assert_string_equal(hl_timefmt_duration(60000, b, sizeof b), "1:00");
	assert_string_equal(hl_timefmt_duration(3599000, b, sizeof b), "59:59");
	assert_string_equal(hl_timefmt_duration(3723000, b, sizeof b), "1:02:03");
	assert_string_equal(hl_timefmt_countdown(1000, 0, b, sizeof b), "1s");
	assert_string_equal(hl_timefmt_countdown(1000, 999, b, sizeof b), "1s");
	assert_string_equal(hl_timefmt_countdown(1000, 1000, b, sizeof b), "0s");
	assert_string_equal(hl_timefmt_countdown(15000, 1, b, sizeof b), "15s");
	assert_int_equal(hl_timefmt_next_tick(0, 250), 750);
	assert_int_equal(hl_timefmt_next_tick(0, 1000), 1000);
	/* Clocks that agree: the broker's deadline as it is (a late event
	 * shows less time left). */
	assert_int_equal(hl_timefmt_deadline(WALL0 + 15000, WALL0, 100, WALL0 + 2000, 5000),
			 100 + 13000);
	/* Clocks an hour apart: reckoned from the event's stamp. */
	assert_int_equal(hl_timefmt_deadline(WALL0 + 15000, WALL0, 100, WALL0 + 3600000, 5000),
			 100 + 15000);
}

static void test_figures(void **state_)
{
	hl_cm_figures f;
	hl_cm_figures_total t;

	(void)state_;
	hl_cm_figures_init(&f);
	hl_cm_figures_sum(&f, &t);
	assert_int_equal(t.handled, 0);
	assert_true(t.aht_s < 0 && t.csat_pct < 0);
	hl_cm_figures_ended(&f, "c1", 100000);
	hl_cm_figures_ended(&f, "c1", 999999);  /* once */
	hl_cm_figures_ended(&f, "c2", 200000);
	hl_cm_figures_ended(&f, "c3", -5);
	hl_cm_figures_wrapped(&f, "c1", 20000);
	assert_int_equal(hl_cm_figures_wrapped(&f, "zz", 1), -12);
	hl_cm_figures_rating(&f, "c1", 5, 9);
	hl_cm_figures_rating(&f, "c2", 2, 3);
	hl_cm_figures_rating(&f, "c3", 4, -1);
	hl_cm_figures_sum(&f, &t);
	assert_int_equal(t.handled, 3);
	assert_int_equal(t.wrapped, 1);
	assert_true(t.aht_s > 106.6 && t.aht_s < 106.7);  /* (100+200+0+20)/3 */
	assert_int_equal(t.rated, 3);
	assert_int_equal(t.satisfied, 2);
	assert_true(t.csat_pct > 66.6 && t.csat_pct < 66.7);
	hl_cm_figures_free(&f);
}

static void test_full_desk(void **state_)
{
	hl_cm_model d;
	char id[16];

	(void)state_;
	hl_cm_init(&d);
	hl_agent_view_attach(&d);
	for (int i = 0; i < HL_CM_CONV_MAX + 5; i++) {
		snprintf(id, sizeof id, "c%d", i);
		offer(&d, id, i, 15000, "x", NULL, NULL);
	}
	assert_int_equal(d.n, HL_CM_CONV_MAX);
	/* Numbers stop at nine. */
	{
		hl_agent_hotrow r;
		hl_agent_hotlist_row(&d, hl_cm_at(&d, 9), 9, MONO0, &r);
		assert_string_equal(r.num, "");
	}
	hl_cm_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offer_and_countdown),
		cmocka_unit_test(test_chat_flow),
		cmocka_unit_test(test_transcript),
		cmocka_unit_test(test_taken_over),
		cmocka_unit_test(test_format_line),
		cmocka_unit_test(test_own_state_and_queues),
		cmocka_unit_test(test_timefmt),
		cmocka_unit_test(test_figures),
		cmocka_unit_test(test_full_desk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
