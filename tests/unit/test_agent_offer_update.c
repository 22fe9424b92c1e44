/* Tests the desk's offer when the customer's first line comes after it
 * (offer_update): the preview shows the line, the countdown is kept; and
 * coded system lines rendered in the desk's language, English and, through
 * the build's zh_CN catalogue, Chinese. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <libintl.h>
#include <locale.h>
#include <sys/stat.h>

#include "climodel.h"
#include "view.h"
#include "theme.h"

#define WALL0 1700000000000LL
#define MONO0 5000000LL

static unsigned apply(hl_cm_model *d, Hotline__Event *ev, int64_t ms)
{
	hl_cm_news news[4];
	size_t nn;
	hl_cm_now n = {.mono = MONO0 + ms, .wall = WALL0 + ms};

	ev->time_ms = WALL0 + ms;
	return hl_cm_apply(d, ev, n, news, 4, &nn);
}

static unsigned offer(hl_cm_model *d, int update, const char *text, int64_t ms)
{
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__Offer o = HOTLINE__OFFER__INIT;

	o.contact = "c1";
	o.queue = "sales";
	o.customer = "u7";
	o.expires_ms = update ? 0 : WALL0 + ms + 15000;
	o.first_text = (char *)text;
	ev.body_case = update ? HOTLINE__EVENT__BODY_OFFER_UPDATE : HOTLINE__EVENT__BODY_OFFER;
	if (update)
		ev.offer_update = &o;
	else
		ev.offer = &o;
	return apply(d, &ev, ms);
}

/* The conversation's view, as the desk shows it, has a line with s. */
static int view_has(hl_cm_conv *c, const char *s)
{
	hl_tui_textview *tv = hl_agent_view(c, 60);

	for (size_t i = 0; tv && i < tv->n; i++)
		if (strstr(tv->lines[i].text, s))
			return 1;
	return 0;
}

static void test_first_line_after_the_offer(void **state)
{
	hl_cm_model d;
	hl_cm_conv *c;

	(void)state;
	hl_cm_init(&d);
	hl_agent_view_attach(&d);
	offer(&d, 0, "", 0);
	c = hl_cm_find(&d, "c1");
	assert_non_null(c);
	assert_int_equal(c->lines.n, 1);  /* where from; no first line yet */
	assert_int_equal(offer(&d, 1, "你好，我想退货", 3000), HL_CM_DIRTY_ALL);
	assert_string_equal(c->first_text, "你好，我想退货");
	assert_true(view_has(c, "你好，我想退货"));
	/* The countdown runs from the offer, not from the update. */
	assert_int_equal(c->deadline, MONO0 + 15000);
	assert_int_equal(c->kind, HL_CM_OFFER);
	hl_cm_free(&d);
}

static void test_update_for_no_offer_changes_nothing(void **state)
{
	hl_cm_model d;

	(void)state;
	hl_cm_init(&d);
	hl_agent_view_attach(&d);
	assert_int_equal(offer(&d, 1, "hello", 0), 0);
	assert_null(hl_cm_find(&d, "c1"));
	hl_cm_free(&d);
}

/* Formats a coded system line with these arguments. */
static void format_coded(const char *code, const char *const kv[][2], size_t n, char *buf,
			 size_t cap)
{
	Hotline__ChatLine l = HOTLINE__CHAT_LINE__INIT;
	Hotline__ChatLine__ArgsEntry e[4], *p[4];
	int role, indent;

	setenv("TZ", "UTC", 1);
	for (size_t i = 0; i < n && i < 4; i++) {
		hotline__chat_line__args_entry__init(&e[i]);
		e[i].key = (char *)kv[i][0];
		e[i].value = (char *)kv[i][1];
		p[i] = &e[i];
	}
	l.ts_ms = 1700000000000LL;
	l.from = "system";
	l.name = "";
	l.text = "the English of the moment";
	l.code = (char *)code;
	l.args = p;
	l.n_args = n;
	hl_agent_view_format_line(&l, buf, cap, &role, &indent);
	assert_int_equal(role, HL_TUI_ROLE_SYSTEM);
}

static const char *const transfer[][2] = {
	{"queue", "aftersales"}, {"queue_en", "After-sales"}, {"queue_zh", "售后服务"}};
static const char *const join[][2] = {{"agent", "xiaoli"}, {"agent_name", "王小丽"}};

static void test_coded_system_line(void **state)
{
	char buf[256];

	(void)state;
	format_coded("transferred", transfer, 3, buf, sizeof buf);
	assert_string_equal(buf, "22:13 \u00b7 Transferred to After-sales");
	format_coded("joined", join, 2, buf, sizeof buf);
	assert_string_equal(buf, "22:13 \u00b7 王小丽 joined the chat");
}

static void test_coded_system_line_in_chinese(void **state)
{
	struct stat st;
	char buf[256];

	(void)state;
	if (stat(HL_BUILD_LOCALEDIR "/zh_CN/LC_MESSAGES/hotline.mo", &st) != 0)
		skip();  /* no msgfmt: the build made no catalogue */
	/* gettext's LANGUAGE over C.UTF-8 needs no zh_CN locale installed. */
	setenv("LANGUAGE", "zh_CN", 1);
	if (!setlocale(LC_ALL, "C.UTF-8"))
		skip();
	bindtextdomain("hotline", HL_BUILD_LOCALEDIR);
	bind_textdomain_codeset("hotline", "UTF-8");
	format_coded("transferred", transfer, 3, buf, sizeof buf);
	assert_string_equal(buf, "22:13 \u00b7 已转接到 售后服务");
	format_coded("joined", join, 2, buf, sizeof buf);
	assert_string_equal(buf, "22:13 \u00b7 王小丽 已加入会话");
	setlocale(LC_ALL, "C");
}

/* The notice that a chat was transferred away reads like the transcript's
 * own line, in the desk's language with the queue's label, not the
 * broker's English reason. */
static void test_moved_notice_in_chinese(void **state)
{
	struct stat st;
	hl_cm_model d;
	Hotline__Event ev = HOTLINE__EVENT__INIT;
	Hotline__ContactState cs = HOTLINE__CONTACT_STATE__INIT;
	Hotline__ContactLine cl = HOTLINE__CONTACT_LINE__INIT;
	Hotline__ChatLine l = HOTLINE__CHAT_LINE__INIT;
	Hotline__ChatLine__ArgsEntry e[3], *p[3];
	hl_cm_news news[4];
	size_t nn = 0;
	hl_cm_now n = {.mono = MONO0 + 1000, .wall = WALL0 + 1000};

	(void)state;
	if (stat(HL_BUILD_LOCALEDIR "/zh_CN/LC_MESSAGES/hotline.mo", &st) != 0)
		skip();
	setenv("LANGUAGE", "zh_CN", 1);
	if (!setlocale(LC_ALL, "C.UTF-8"))
		skip();
	bindtextdomain("hotline", HL_BUILD_LOCALEDIR);
	bind_textdomain_codeset("hotline", "UTF-8");
	hl_cm_init(&d);
	hl_agent_view_attach(&d);
	cs.contact = "c1";
	cs.state = "active";
	cs.by = "";
	cs.reason = "";
	ev.body_case = HOTLINE__EVENT__BODY_CONTACT_STATE;
	ev.contact_state = &cs;
	apply(&d, &ev, 0);
	assert_non_null(hl_cm_find(&d, "c1"));

	for (size_t i = 0; i < 3; i++) {
		hotline__chat_line__args_entry__init(&e[i]);
		e[i].key = (char *)transfer[i][0];
		e[i].value = (char *)transfer[i][1];
		p[i] = &e[i];
	}
	l.seq = 1;
	l.from = "system";
	l.name = "";
	l.text = "Transferred to After-sales";
	l.code = "transferred";
	l.args = p;
	l.n_args = 3;
	l.ts_ms = WALL0 + 500;
	cl.contact = "c1";
	cl.line = &l;
	ev.body_case = HOTLINE__EVENT__BODY_LINE;
	ev.line = &cl;
	apply(&d, &ev, 500);

	cs.state = "transferred";
	cs.by = "xiaoli";
	cs.reason = "Transferred to After-sales";
	ev.body_case = HOTLINE__EVENT__BODY_CONTACT_STATE;
	ev.contact_state = &cs;
	ev.time_ms = WALL0 + 1000;
	hl_cm_apply(&d, &ev, n, news, 4, &nn);
	assert_int_equal(nn, 1);
	assert_int_equal(news[0].kind, HL_CM_NEWS_MOVED);
	assert_string_equal(news[0].text, "已转接到 售后服务");
	assert_null(hl_cm_find(&d, "c1"));
	hl_cm_free(&d);
	setlocale(LC_ALL, "C");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_line_after_the_offer),
		cmocka_unit_test(test_update_for_no_offer_changes_nothing),
		cmocka_unit_test(test_coded_system_line),
		cmocka_unit_test(test_coded_system_line_in_chinese),
		cmocka_unit_test(test_moved_notice_in_chinese),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
