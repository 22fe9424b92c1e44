/* Unit tests of system lines rendered from their code and arguments:
 * templates, the reader's translation, fallbacks, unknown codes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "sysline.h"

static const char *zh(const char *msgid)
{
	if (strcmp(msgid, "{agent_name} joined the chat") == 0)
		return "{agent_name} 已加入会话";
	if (strcmp(msgid, "Transferred to {queue_en}") == 0)
		return "已转接到 {queue_zh}";
	return msgid;
}

static void line(Hotline__ChatLine *l, Hotline__ChatLine__ArgsEntry *e,
		 Hotline__ChatLine__ArgsEntry **p, const char *code, const char *const kv[][2],
		 size_t n)
{
	hotline__chat_line__init(l);
	l->from = "system";
	l->code = (char *)code;
	l->text = "stored English";
	for (size_t i = 0; i < n; i++) {
		hotline__chat_line__args_entry__init(&e[i]);
		e[i].key = (char *)kv[i][0];
		e[i].value = (char *)kv[i][1];
		p[i] = &e[i];
	}
	l->args = p;
	l->n_args = n;
}

static void test_joined_in_both_languages(void **state)
{
	static const char *const kv[][2] = {{"agent", "xiaoli"}, {"agent_name", "王小丽"}};
	Hotline__ChatLine l;
	Hotline__ChatLine__ArgsEntry e[2], *p[2];
	char buf[256];

	(void)state;
	line(&l, e, p, "joined", kv, 2);
	assert_int_equal(hl_sysline_render(&l, NULL, buf, sizeof buf), 0);
	assert_string_equal(buf, "王小丽 joined the chat");
	assert_int_equal(hl_sysline_render(&l, zh, buf, sizeof buf), 0);
	assert_string_equal(buf, "王小丽 已加入会话");
}

static void test_transfer_labels_and_fallbacks(void **state)
{
	static const char *const both[][2] = {
		{"queue", "aftersales"}, {"queue_en", "After-sales"}, {"queue_zh", "售后服务"}};
	static const char *const en_only[][2] = {
		{"queue", "aftersales"}, {"queue_en", "After-sales"}, {"queue_zh", ""}};
	static const char *const none[][2] = {{"queue", "vip"}, {"queue_en", ""}, {"queue_zh", ""}};
	Hotline__ChatLine l;
	Hotline__ChatLine__ArgsEntry e[3], *p[3];
	char buf[256];

	(void)state;
	line(&l, e, p, "transferred", both, 3);
	hl_sysline_render(&l, zh, buf, sizeof buf);
	assert_string_equal(buf, "已转接到 售后服务");
	hl_sysline_render(&l, NULL, buf, sizeof buf);
	assert_string_equal(buf, "Transferred to After-sales");
	/* A queue labelled in English only reads English in Chinese too. */
	line(&l, e, p, "transferred", en_only, 3);
	hl_sysline_render(&l, zh, buf, sizeof buf);
	assert_string_equal(buf, "已转接到 After-sales");
	/* Without labels, the id is all there is. */
	line(&l, e, p, "transferred", none, 3);
	hl_sysline_render(&l, zh, buf, sizeof buf);
	assert_string_equal(buf, "已转接到 vip");
}

static void test_unknown_or_no_code(void **state)
{
	Hotline__ChatLine l;
	Hotline__ChatLine__ArgsEntry e[1], *p[1];
	char buf[64];

	(void)state;
	line(&l, e, p, "", NULL, 0);
	assert_int_equal(hl_sysline_render(&l, zh, buf, sizeof buf), HL_E_NOTFOUND);
	line(&l, e, p, "from_a_newer_broker", NULL, 0);
	assert_int_equal(hl_sysline_render(&l, zh, buf, sizeof buf), HL_E_NOTFOUND);
}

static void test_cut_to_the_buffer(void **state)
{
	static const char *const kv[][2] = {{"agent_name", "A very long display name indeed"}};
	Hotline__ChatLine l;
	Hotline__ChatLine__ArgsEntry e[1], *p[1];
	char buf[8];

	(void)state;
	line(&l, e, p, "joined", kv, 1);
	hl_sysline_render(&l, NULL, buf, sizeof buf);
	assert_int_equal(strlen(buf), 7);
	assert_string_equal(buf, "A very ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_joined_in_both_languages),
		cmocka_unit_test(test_transfer_labels_and_fallbacks),
		cmocka_unit_test(test_unknown_or_no_code),
		cmocka_unit_test(test_cut_to_the_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
