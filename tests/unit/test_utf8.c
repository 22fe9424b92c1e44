/* Tests for common/utf8.c, the one UTF-8 decoder: every well-formed length
 * and boundary decodes to its code point; overlong forms, surrogates,
 * values above U+10FFFF, stray continuation bytes and sequences cut short
 * are refused; and both users (the text rules, the terminal width code)
 * agree with it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "textrule.h"
#include "utf8.h"
#include "width.h"

/* Decodes a heap copy of exactly len bytes, so ASan sees a read past it. */
static size_t decode(const char *s, size_t len, uint32_t *cp)
{
	char *copy = malloc(len ? len : 1);
	size_t n;

	assert_non_null(copy);
	memcpy(copy, s, len);
	n = hl_utf8_decode(copy, len, cp);
	free(copy);
	return n;
}

static const struct {
	const char *bytes;
	size_t len;
	uint32_t cp;
} good[] = {
	{"\x00", 1, 0x0},
	{"A", 1, 0x41},
	{"\x7f", 1, 0x7F},
	{"\xc2\x80", 2, 0x80},
	{"\xdf\xbf", 2, 0x7FF},
	{"\xe0\xa0\x80", 3, 0x800},
	{"\xe4\xbd\xa0", 3, 0x4F60},          /* 你 */
	{"\xed\x9f\xbf", 3, 0xD7FF},          /* just below the surrogates */
	{"\xee\x80\x80", 3, 0xE000},          /* just above them */
	{"\xef\xbf\xbf", 3, 0xFFFF},
	{"\xf0\x90\x80\x80", 4, 0x10000},
	{"\xf0\x9f\x98\x80", 4, 0x1F600},     /* an emoji */
	{"\xf4\x8f\xbf\xbf", 4, 0x10FFFF},
};

static const struct {
	const char *bytes;
	size_t len;
	const char *what;
} bad[] = {
	{"\xc0\x80", 2, "overlong NUL"},
	{"\xc0\xaf", 2, "overlong '/' (2 bytes)"},
	{"\xc1\xbf", 2, "overlong 2-byte"},
	{"\xe0\x80\xaf", 3, "overlong '/' (3 bytes)"},
	{"\xe0\x9f\xbf", 3, "overlong U+07FF"},
	{"\xf0\x80\x80\xaf", 4, "overlong '/' (4 bytes)"},
	{"\xf0\x8f\xbf\xbf", 4, "overlong U+FFFF"},
	{"\xed\xa0\x80", 3, "surrogate U+D800"},
	{"\xed\xaf\xbf", 3, "surrogate U+DBFF"},
	{"\xed\xb0\x80", 3, "surrogate U+DC00"},
	{"\xed\xbf\xbf", 3, "surrogate U+DFFF"},
	{"\xed\xa0\xbd\xed\xb8\x80", 6, "CESU-8 surrogate pair"},
	{"\xf4\x90\x80\x80", 4, "U+110000"},
	{"\xf5\x80\x80\x80", 4, "lead byte F5"},
	{"\xf7\xbf\xbf\xbf", 4, "U+1FFFFF"},
	{"\xf8\x88\x80\x80\x80", 5, "5-byte form"},
	{"\xff", 1, "byte FF"},
	{"\xfe", 1, "byte FE"},
	{"\x80", 1, "stray continuation"},
	{"\xbf", 1, "stray continuation BF"},
	{"\xc2", 1, "2-byte cut after the lead"},
	{"\xe4\xbd", 2, "3-byte cut after two"},
	{"\xe4", 1, "3-byte cut after the lead"},
	{"\xf0\x9f\x98", 3, "4-byte cut after three"},
	{"\xc2\x41", 2, "continuation missing"},
	{"\xe4\xbd\x41", 3, "third byte not a continuation"},
	{"\xf0\x9f\x98\xc0", 4, "fourth byte not a continuation"},
};

static void well_formed_sequences_decode(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		uint32_t cp = 0xDEAD;
		assert_int_equal(decode(good[i].bytes, good[i].len, &cp), good[i].len);
		assert_int_equal(cp, good[i].cp);
		/* Only the sequence is taken, never what follows. */
		char buf[8];
		memcpy(buf, good[i].bytes, good[i].len);
		buf[good[i].len] = 'z';
		assert_int_equal(decode(buf, good[i].len + 1, &cp), good[i].len);
		assert_int_equal(cp, good[i].cp);
	}
}

static void ill_formed_sequences_are_refused(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint32_t cp = 0xDEAD;
		if (decode(bad[i].bytes, bad[i].len, &cp) != 0)
			fail_msg("accepted: %s", bad[i].what);
		assert_int_equal(cp, 0xDEAD);
	}
	assert_int_equal(decode("", 0, NULL), 0);
}

/* A well-formed sequence with a byte missing is refused at every cut. */
static void every_truncation_is_refused(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		for (size_t cut = 1; cut < good[i].len; cut++) {
			uint32_t cp;
			if (decode(good[i].bytes, cut, &cp) != 0)
				fail_msg("accepted %zu of the %zu bytes of U+%04X", cut, good[i].len,
					 good[i].cp);
		}
	}
}

/* Bad bytes after good text: the rules say where. */
static const struct {
	const char *bytes;
	size_t len, at;
	const char *what;
} in_text[] = {
	{"a\xbf" "b", 3, 1, "lone continuation in text"},
	{"\xe4\xbd" "a", 3, 0, "3-byte cut before ASCII"},
	{"ok\xf8\x88\x80\x80\x80", 7, 2, "5-byte form after text"},
	{"\xe4\xbd\xa0\xe5\xa5", 5, 3, "3-byte cut at the end"},
};

/* The text rules refuse exactly what the decoder refuses, and the width
 * code shows it as one U+FFFD a byte. */
static void both_users_agree(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof in_text / sizeof in_text[0]; i++) {
		size_t at = 99;
		if (hl_textrule_check(in_text[i].bytes, in_text[i].len, HL_TEXTRULE_MULTILINE, 0,
				      &at) != HL_TEXTRULE_BAD_UTF8)
			fail_msg("the text rules accepted: %s", in_text[i].what);
		assert_int_equal(at, in_text[i].at);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint32_t cp;
		assert_int_equal(hl_textrule_check(bad[i].bytes, bad[i].len, 0, 0, NULL),
				 HL_TEXTRULE_BAD_UTF8);
		assert_int_equal(hl_tui_width_decode(bad[i].bytes, bad[i].len, &cp), 1);
		assert_int_equal(cp, HL_TUI_REPLACEMENT);
	}
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		uint32_t cp;
		assert_int_equal(hl_tui_width_decode(good[i].bytes, good[i].len, &cp), good[i].len);
		assert_int_equal(cp, good[i].cp);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(well_formed_sequences_decode),
		cmocka_unit_test(ill_formed_sequences_are_refused),
		cmocka_unit_test(every_truncation_is_refused),
		cmocka_unit_test(both_users_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
