/* Tests what the desk takes from the broker rather than counting itself:
 * the agent's figures are the broker's day (a restarted desk shows the
 * same), a new day starts them again; the configured codes come with the
 * snapshot and follow a change; and the customer's contact details are
 * masked in the transcript as in the side panel. */
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

#define WALL0 1700000000000LL
#define MONO0 5000000LL
#define DAY0 1699920000000LL   /* the broker's midnight before WALL0 */

static hl_cm_now at(int64_t ms)
{
	hl_cm_now n = {.mono = MONO0 + ms, .wall = WALL0 + ms};
	return n;
}

static unsigned apply(hl_cm_model *d, Hotline__Event *ev, int64_t ms)
{
	hl_cm_news news[8];
	size_t nn;

	ev->time_ms = WALL0 + ms;
	return hl_cm_apply(d, ev, at(ms), news, 8, &nn);
}

/* A snapshot with the day's conversations: talk, wrap (-1 open), rating. */
static void snapshot(hl_cm_model *d, int64_t day_start, const int64_t (*items)[4], size_t n,
		     Hotline__ReasonCode **codes, size_t ncodes)
{
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__Snapshot snap = HOTLINE__SNAPSHOT__INIT;
	Hotline__User me = HOTLINE__USER__INIT;
	Hotline__DayItem it[8], *pit[8];
	char ids[8][16];

	me.name = "xiaoli";
	me.display = "王小丽";
	for (size_t i = 0; i < n; i++) {
		hotline__day_item__init(&it[i]);
		snprintf(ids[i], sizeof ids[i], "c%zu", i + 1);
		it[i].contact = ids[i];
		it[i].talk_ms = items[i][0];
		it[i].wrap_ms = items[i][1];
		it[i].csat = (uint32_t)items[i][2];
		it[i].nps = (int32_t)items[i][3];
		pit[i] = &it[i];
	}
	snap.me = &me;
	snap.today = pit;
	snap.n_today = n;
	snap.day_start_ms = day_start;
	snap.codes = codes;
	snap.n_codes = ncodes;
	ev.body_case = HOTLINE__EVENT__BODY_SNAPSHOT;
	ev.snapshot = &snap;
	apply(d, &ev, 0);
}

static void test_figures_are_the_brokers_day(void **state)
{
	static const int64_t day[][4] = {
		{60000, 20000, 5, 9},   /* handled, wrapped, rated 5 */
		{120000, -1, 0, -1},    /* handled, wrap-up open, not rated */
		{30000, 10000, 2, 3},   /* rated 2 */
	};
	hl_cm_model d, again;
	hl_cm_figures_total t, t2;
	Hotline__FloorReply fr = HOTLINE__FLOOR_REPLY__INIT;
	Hotline__Figures all = HOTLINE__FIGURES__INIT;

	(void)state;
	hl_cm_init(&d);
	hl_agent_view_attach(&d);
	/* What this desk counted before (an older session) is replaced. */
	hl_cm_figures_ended(&d.figures, "c99", 999000);
	snapshot(&d, DAY0, day, 3, NULL, 0);
	hl_cm_figures_sum(&d.figures, &t);
	assert_int_equal(t.handled, 3);
	assert_int_equal(t.wrapped, 2);
	assert_int_equal(t.rated, 2);
	assert_int_equal(t.satisfied, 1);
	/* AHT = (60 + 120 + 30 talk + 20 + 10 wrap) / 3 = 80 s. */
	assert_true(t.aht_s > 79.99 && t.aht_s < 80.01);
	assert_int_equal(d.day_start_ms, DAY0);

	/* A desk started again later the same day shows the same figures. */
	hl_cm_init(&again);
	hl_agent_view_attach(&again);
	snapshot(&again, DAY0, day, 3, NULL, 0);
	hl_cm_figures_sum(&again.figures, &t2);
	assert_int_equal(t2.handled, t.handled);
	assert_true(t2.aht_s == t.aht_s);

	/* The same day's floor figures change nothing; the next day's start
	 * the count again. */
	fr.overall = &all;
	fr.day_start_ms = DAY0;
	hl_cm_floor(&d, &fr, at(1000));
	hl_cm_figures_sum(&d.figures, &t);
	assert_int_equal(t.handled, 3);
	fr.day_start_ms = DAY0 + 86400000;
	hl_cm_floor(&d, &fr, at(2000));
	hl_cm_figures_sum(&d.figures, &t);
	assert_int_equal(t.handled, 0);
	assert_int_equal(d.day_start_ms, DAY0 + 86400000);
	hl_cm_free(&d);
	hl_cm_free(&again);
}

static Hotline__ReasonCode code(const char *kind, const char *id, const char *en, const char *zh)
{
	Hotline__ReasonCode c = HOTLINE__REASON_CODE__INIT;

	c.kind = (char *)kind;
	c.id = (char *)id;
	c.label_en = (char *)en;
	c.label_zh = (char *)zh;
	return c;
}

static void test_codes_follow_the_broker(void **state)
{
	Hotline__ReasonCode c[4] = {
		code("not_ready", "break", "Break", "小休"),
		code("wrap_up", "resolved", "Resolved", "已解决"),
		code("not_ready", "sick", "Sick leave", ""),
		code("not_ready", "lunch", "Lunch", "午餐"),
	};
	Hotline__ReasonCode *pc[4] = {&c[0], &c[1], &c[2], &c[3]};
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__CodeListReply cl = HOTLINE__CODE_LIST_REPLY__INIT;
	hl_cm_model d;

	(void)state;
	hl_cm_init(&d);
	hl_agent_view_attach(&d);
	d.zh = true;
	snapshot(&d, DAY0, NULL, 0, pc, 4);
	/* Each kind in the broker's order. */
	assert_int_equal(hl_cm_codes_count(&d.codes, "not_ready"), 3);
	assert_int_equal(hl_cm_codes_count(&d.codes, "wrap_up"), 1);
	assert_string_equal(hl_cm_codes_at(&d.codes, "not_ready", 1)->id, "sick");
	assert_null(hl_cm_codes_at(&d.codes, "not_ready", 3));
	/* Labels in the desk's language, English when there is no Chinese. */
	assert_string_equal(hl_cm_code_label(&d, "not_ready", "lunch"), "午餐");
	assert_string_equal(hl_cm_code_label(&d, "not_ready", "sick"), "Sick leave");
	assert_null(hl_cm_code_label(&d, "not_ready", "resolved"));
	assert_null(hl_cm_code_label(&d, "not_ready", "missed"));
	d.zh = false;
	assert_string_equal(hl_cm_code_label(&d, "wrap_up", "resolved"), "Resolved");

	/* An admin removes two: the desk's list follows the event. */
	cl.codes = pc;
	cl.n_codes = 2;
	ev.body_case = HOTLINE__EVENT__BODY_CODES_CHANGED;
	ev.codes_changed = &cl;
	apply(&d, &ev, 100);
	assert_int_equal(hl_cm_codes_count(&d.codes, "not_ready"), 1);
	assert_null(hl_cm_code_label(&d, "not_ready", "lunch"));
	hl_cm_free(&d);
}

static void test_transcript_masks_contact_details(void **state)
{
	Hotline__ChatLine l = HOTLINE__CHAT_LINE__INIT;
	char buf[512];
	int role, indent;

	(void)state;
	setenv("TZ", "UTC", 1);
	l.ts_ms = WALL0;
	l.from = "customer";
	l.name = "";
	l.text = "我的手机 13812345678，邮箱 wang.wei@example.com，订单 12345";
	hl_agent_view_format_line(&l, buf, sizeof buf, &role, &indent);
	assert_null(strstr(buf, "13812345678"));
	assert_null(strstr(buf, "wang.wei@"));
	assert_non_null(strstr(buf, "138****5678"));
	assert_non_null(strstr(buf, "w***@example.com"));
	/* Order numbers are not contact details. */
	assert_non_null(strstr(buf, "订单 12345"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_figures_are_the_brokers_day),
		cmocka_unit_test(test_codes_follow_the_broker),
		cmocka_unit_test(test_transcript_masks_contact_details),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
