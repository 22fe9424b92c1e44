/* Tests for common/textrule.c, the text rules, and their use by the web
 * chat's line parser (server/web/webmsg.c): every kind of malformed or
 * hostile text is refused with its reason, good text of every script
 * passes, limits refuse rather than cut, and a refused field is named. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "textrule.h"
#include "webmsg.h"

/* Checks a copy on the heap of exactly len bytes, so ASan sees any read
 * past the end. */
static hl_textrule_reason check(const char *s, size_t len, unsigned flags, size_t max)
{
	char *copy = malloc(len ? len : 1);
	hl_textrule_reason r;

	assert_non_null(copy);
	memcpy(copy, s, len);
	r = hl_textrule_check(copy, len, flags, max, NULL);
	free(copy);
	return r;
}

#define CHECK(lit, flags, max) check(lit, sizeof lit - 1, flags, max)
#define BODY (HL_TEXTRULE_MULTILINE | HL_TEXTRULE_MARKS | HL_TEXTRULE_CHARS)

static void good_text_passes(void **state)
{
	(void)state;
	assert_int_equal(CHECK("", 0, 0), HL_TEXTRULE_OK);
	assert_int_equal(CHECK("hello, world", 0, 0), HL_TEXTRULE_OK);
	assert_int_equal(CHECK("王小丽 你好", 0, 0), HL_TEXTRULE_OK);
	assert_int_equal(CHECK("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9", 0, 0), HL_TEXTRULE_OK);
	assert_int_equal(CHECK("e\xcc\x81", 0, 0), HL_TEXTRULE_OK);               /* e + U+0301 */
	assert_int_equal(CHECK("\xc2\xa0\xc2\xa9", 0, 0), HL_TEXTRULE_OK);        /* U+00A0, U+00A9 */
	assert_int_equal(CHECK("\xf4\x8f\xbf\xbf", 0, 0), HL_TEXTRULE_OK);        /* U+10FFFF */
	assert_int_equal(CHECK("\xef\xbb\xbf", 0, 0), HL_TEXTRULE_OK);            /* U+FEFF */
	assert_int_equal(CHECK("line one\nline\ttwo", BODY, 4000), HL_TEXTRULE_OK);
	assert_int_equal(CHECK("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d\xe2\x80\x8f!", BODY, 0),
			 HL_TEXTRULE_OK);                                        /* Hebrew + RLM */
}

/* Malformed UTF-8 is tested with the decoder the rules use, in
 * tests/unit/test_utf8.c, through hl_textrule_check too. */

static void controls_are_refused(void **state)
{
	char one[2] = {0, 0};
	(void)state;
	/* Every C0 control but newline and tab, in any field. */
	for (int c = 1; c < 0x20; c++) {
		one[0] = (char)c;
		if (c == '\n' || c == '\t') {
			assert_int_equal(check(one, 1, BODY, 0), HL_TEXTRULE_OK);
			assert_int_equal(check(one, 1, 0, 0), HL_TEXTRULE_NEWLINE);
		} else if (check(one, 1, BODY, 0) != HL_TEXTRULE_CONTROL) {
			fail_msg("C0 0x%02x was not refused as a control", c);
		}
	}
	assert_int_equal(CHECK("\x7f", BODY, 0), HL_TEXTRULE_CONTROL);
	assert_int_equal(CHECK("a\rb", BODY, 0), HL_TEXTRULE_CONTROL);
	assert_int_equal(CHECK("\x1b[2J", BODY, 0), HL_TEXTRULE_CONTROL);
	/* C1 as UTF-8: U+0080..U+009F, e.g. NEL and the 8-bit CSI. */
	for (int c = 0x80; c <= 0x9F; c++) {
		char two[2] = {(char)0xC2, (char)c};
		if (check(two, 2, BODY, 0) != HL_TEXTRULE_CONTROL)
			fail_msg("C1 U+%04X was not refused as a control", c);
	}
	/* The line separators are lines in a one-line field. */
	assert_int_equal(CHECK("a\xe2\x80\xa8" "b", 0, 0), HL_TEXTRULE_NEWLINE);
	assert_int_equal(CHECK("a\xe2\x80\xa9" "b", 0, 0), HL_TEXTRULE_NEWLINE);
	assert_int_equal(CHECK("a\xe2\x80\xa8" "b", BODY, 0), HL_TEXTRULE_OK);
}

static void nul_is_refused(void **state)
{
	size_t at = 99;
	(void)state;
	assert_int_equal(check("ab\0cd", 5, BODY, 0), HL_TEXTRULE_NUL);
	assert_int_equal(hl_textrule_check("ab\0cd", 5, 0, 0, &at), HL_TEXTRULE_NUL);
	assert_int_equal(at, 2);
	assert_int_equal(check("\0", 1, 0, 0), HL_TEXTRULE_NUL);
}

static void bidi_controls_are_refused(void **state)
{
	static const char *const bidi[] = {
		"\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac", "\xe2\x80\xad", "\xe2\x80\xae",
		"\xe2\x81\xa6", "\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9",
	};
	char buf[32];
	(void)state;
	for (size_t i = 0; i < sizeof bidi / sizeof bidi[0]; i++) {
		int n = snprintf(buf, sizeof buf, "abc%sdef", bidi[i]);
		assert_int_equal(check(buf, (size_t)n, BODY, 0), HL_TEXTRULE_BIDI);
		assert_int_equal(check(buf, (size_t)n, 0, 0), HL_TEXTRULE_BIDI);
	}
	/* The marks pass only where right-to-left prose may be written. */
	assert_int_equal(CHECK("a\xe2\x80\x8e", 0, 0), HL_TEXTRULE_BIDI);   /* LRM */
	assert_int_equal(CHECK("a\xe2\x80\x8f", 0, 0), HL_TEXTRULE_BIDI);   /* RLM */
	assert_int_equal(CHECK("a\xd8\x9c", 0, 0), HL_TEXTRULE_BIDI);       /* ALM */
	assert_int_equal(CHECK("a\xd8\x9c", BODY, 0), HL_TEXTRULE_OK);
	/* U+2069's neighbours are plain text. */
	assert_int_equal(CHECK("\xe2\x81\xa5\xe2\x81\xaa", 0, 0), HL_TEXTRULE_OK);
}

static void limits_refuse_never_cut(void **state)
{
	char big[4 * 4001];
	size_t n = 0;
	(void)state;
	for (int i = 0; i < 4000; i++) {
		memcpy(big + n, "长", 3);
		n += 3;
	}
	assert_int_equal(check(big, n, BODY, 4000), HL_TEXTRULE_OK);
	memcpy(big + n, "x", 1);
	assert_int_equal(check(big, n + 1, BODY, 4000), HL_TEXTRULE_TOO_LONG);
	/* Bytes unless characters are asked for. */
	assert_int_equal(CHECK("王小丽", 0, 8), HL_TEXTRULE_TOO_LONG);
	assert_int_equal(CHECK("王小丽", 0, 9), HL_TEXTRULE_OK);
	assert_int_equal(CHECK("王小丽", HL_TEXTRULE_CHARS, 3), HL_TEXTRULE_OK);
	/* A bad byte is reported as what it is even in an over-long text. */
	assert_int_equal(CHECK("xxxxxxxx\x01", 0, 4), HL_TEXTRULE_CONTROL);
}

static void reasons_have_words(void **state)
{
	(void)state;
	for (int r = 0; r < HL_TEXTRULE_REASONS; r++) {
		assert_non_null(hl_textrule_reason_text((hl_textrule_reason)r));
		assert_true(strlen(hl_textrule_reason_name((hl_textrule_reason)r)) > 0);
	}
	assert_string_equal(hl_textrule_reason_name(HL_TEXTRULE_BIDI), "bidi");
}

/* --- the web chat's parser holds every field to the rules --- */

static const char *refused_field(const char *line, size_t len, const char **code)
{
	static hl_webmsg_error err;
	hl_webmsg m;

	if (hl_webmsg_parse(line, len, &m, &err) == 0) {
		hl_webmsg_free(&m);
		return NULL;
	}
	*code = err.code;
	return err.field;
}

#define REFUSED(lit, code) refused_field(lit, sizeof lit - 1, code)

static void webmsg_names_the_refused_field(void **state)
{
	static const struct {
		const char *line, *field;
	} cases[] = {
		{"{\"type\":\"msg\",\"id\":\"a\\u202eb\",\"text\":\"hi\"}", "id"},
		{"{\"type\":\"msg\",\"id\":\"a\",\"text\":\"\\u0085\"}", "text"},
		{"{\"type\":\"msg\",\"id\":\"a\",\"text\":\"a\\u0000b\"}", "text"},
		{"{\"type\":\"msg\",\"id\":\"a\\nb\",\"text\":\"hi\"}", "id"},
		{"{\"type\":\"leave_message\",\"name\":\"x\\ty\",\"contact\":\"c\",\"text\":\"t\"}", "name"},
		{"{\"type\":\"leave_message\",\"name\":\"x\",\"contact\":\"\\u001b[31m\",\"text\":\"t\"}", "contact"},
		{"{\"type\":\"leave_message\",\"name\":\"x\",\"contact\":\"c\",\"text\":\"t\",\"item\":\"\\u2066\"}", "item"},
		{"{\"type\":\"leave_message\",\"name\":\"\\u0000\",\"contact\":\"c\",\"text\":\"t\"}", "name"},
		{"{\"type\":\"hello\",\"visitor\":\"\\u202e\"}", "visitor"},
		{"{\"type\":\"hello\",\"trail\":{\"referrer\":\"\\u200f\"}}", "trail.referrer"},
		{"{\"type\":\"hello\",\"trail\":{\"pages\":[\"ok\",\"\\u0000\"]}}", "trail.pages"},
		{"{\"type\":\"hello\",\"trail\":{\"pages\":[\"ok\",\"\\u009b\"]}}", "trail.pages"},
		{"{\"type\":\"hello\",\"trail\":{\"device\":7}}", "trail.device"},
		{"{\"type\":\"hello\",\"trail\":\"x\"}", "trail"},
		{"{\"type\":\"start\",\"item\":\"sales\\r\"}", "item"},
		{"{\"type\":\"rate\",\"csat\":5,\"nps\":9,\"comment\":\"\\u202d\"}", "comment"},
		{"{\"type\":\"region\",\"region\":\"north\\u2028\"}", "region"},
	};
	const char *code = "";
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *f = refused_field(cases[i].line, strlen(cases[i].line), &code);
		if (!f)
			fail_msg("accepted: %s", cases[i].line);
		if (strcmp(code, "bad_field") != 0 || strcmp(f, cases[i].field) != 0)
			fail_msg("%s: code %s field '%s', wanted bad_field '%s'", cases[i].line, code,
				 f, cases[i].field);
	}
	/* Raw bytes: invalid UTF-8 and a raw NUL inside a string. */
	assert_string_equal(REFUSED("{\"type\":\"msg\",\"id\":\"a\",\"text\":\"\xc0\xaf\"}", &code),
			    "text");
	assert_string_equal(REFUSED("{\"type\":\"msg\",\"id\":\"a\",\"text\":\"x\0y\"}", &code),
			    "text");
	/* A NUL in a key is refused too: "text\0x" would pass for "text". */
	assert_string_equal(REFUSED("{\"type\":\"msg\",\"id\":\"a\",\"text\\u0000x\":\"hi\"}", &code),
			    "?");
	assert_string_equal(REFUSED("{\"type\":\"msg\",\"id\":\"a\",\"a\\u0000\":1,\"text\":\"hi\"}", &code),
			    "?");
	/* Strings after the object are not looked at (cJSON stops there). */
	assert_null(REFUSED("{\"type\":\"msg\",\"id\":\"a\",\"text\":\"hi\"}\0\"\\u0000\"", &code));
	/* An escaped backslash before u0000 is no NUL. */
	assert_null(REFUSED("{\"type\":\"msg\",\"id\":\"a\",\"text\":\"\\\\u0000\"}", &code));
}

static void webmsg_limits_refuse(void **state)
{
	char line[20000];
	const char *code = "";
	int n;
	(void)state;
	/* 4,000 characters of CJK pass; 4,001 are refused, not cut. */
	n = snprintf(line, sizeof line, "{\"type\":\"msg\",\"id\":\"a\",\"text\":\"");
	for (int i = 0; i < 4000; i++)
		n += snprintf(line + n, sizeof line - (size_t)n, "长");
	assert_null(refused_field(line, (size_t)n + (size_t)snprintf(line + n, 8, "\"}"), &code));
	n += snprintf(line + n, sizeof line - (size_t)n, "x\"}");
	assert_string_equal(refused_field(line, (size_t)n, &code), "text");
	assert_string_equal(code, "bad_field");
	/* An id of 65 bytes. */
	n = snprintf(line, sizeof line, "{\"type\":\"msg\",\"id\":\"%065d\",\"text\":\"hi\"}", 0);
	assert_string_equal(refused_field(line, (size_t)n, &code), "id");
	/* 21 pages. */
	n = snprintf(line, sizeof line, "{\"type\":\"hello\",\"trail\":{\"pages\":[");
	for (int i = 0; i < 21; i++)
		n += snprintf(line + n, sizeof line - (size_t)n, "%s\"/p%d\"", i ? "," : "", i);
	n += snprintf(line + n, sizeof line - (size_t)n, "]}}");
	assert_string_equal(refused_field(line, (size_t)n, &code), "trail.pages");
	/* Ten pages of 390 bytes each pass one by one, not together (3,900 > 3,600). */
	n = snprintf(line, sizeof line, "{\"type\":\"hello\",\"trail\":{\"pages\":[");
	for (int i = 0; i < 10; i++)
		n += snprintf(line + n, sizeof line - (size_t)n, "%s\"/%0389d\"", i ? "," : "", i);
	n += snprintf(line + n, sizeof line - (size_t)n, "]}}");
	assert_string_equal(refused_field(line, (size_t)n, &code), "trail");
	/* Good messages of every type still pass. */
	assert_null(REFUSED("{\"type\":\"hello\",\"visitor\":\"\",\"lang\":\"zh\",\"trail\":"
			    "{\"referrer\":\"https://www.baidu.com/s?wd=%E5%AE%BD%E5%B8%A6\","
			    "\"pages\":[\"/a\",\"/b\"],\"keywords\":\"宽带 报修\",\"device\":\"mobile "
			    "Android WeChat\",\"region\":\"华东\"}}", &code));
	assert_null(REFUSED("{\"type\":\"leave_message\",\"name\":\"王小丽\",\"contact\":"
			    "\"138 0013 8000\",\"text\":\"你好\\n请回电\",\"item\":\"sales\"}", &code));
	assert_null(REFUSED("{\"type\":\"rate\",\"csat\":5,\"nps\":10,\"comment\":\"很好 👍\"}",
			    &code));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_text_passes),
		cmocka_unit_test(controls_are_refused),
		cmocka_unit_test(nul_is_refused),
		cmocka_unit_test(bidi_controls_are_refused),
		cmocka_unit_test(limits_refuse_never_cut),
		cmocka_unit_test(reasons_have_words),
		cmocka_unit_test(webmsg_names_the_refused_field),
		cmocka_unit_test(webmsg_limits_refuse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
