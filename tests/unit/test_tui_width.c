/* Tests display widths, truncation, padding and wrapping of mixed
 * Chinese, English and emoji text, without any locale. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "width.h"

static void test_widths(void **state)
{
	(void)state;
	assert_int_equal(hl_tui_width_cp('a'), 1);
	assert_int_equal(hl_tui_width_cp(0x4F60), 2);    /* 你 */
	assert_int_equal(hl_tui_width_cp(0xFF0C), 2);    /* ， fullwidth comma */
	assert_int_equal(hl_tui_width_cp(0xAC00), 2);    /* 가 Hangul */
	assert_int_equal(hl_tui_width_cp(0x1F44B), 2);   /* 👋 */
	assert_int_equal(hl_tui_width_cp(0x1F600), 2);   /* 😀 */
	assert_int_equal(hl_tui_width_cp(0x1FAE0), 2);   /* 🫠 */
	assert_int_equal(hl_tui_width_cp(0x0301), 0);    /* combining acute */
	assert_int_equal(hl_tui_width_cp(0x200B), 0);    /* zero width space */
	assert_int_equal(hl_tui_width_cp(0xFE0F), 0);    /* variation selector */
	assert_int_equal(hl_tui_width_cp(0x2026), 1);    /* … */
	assert_int_equal(hl_tui_width_cp(0x20000), 2);   /* CJK extension B */
	assert_int_equal(hl_tui_width_cp(0xE9), 1);      /* é */

	assert_int_equal(hl_tui_width_str("你好，world 👋 测试"), 19);
	assert_int_equal(hl_tui_width_str("客服中心欢迎您"), 14);
	assert_int_equal(hl_tui_width_str("e\xCC\x81t\xC3\xA9"), 3);  /* é (e+mark) té */
	assert_int_equal(hl_tui_width_str(""), 0);
	assert_int_equal(hl_tui_width_str(NULL), 0);
	assert_int_equal(hl_tui_width_wcs(L"中a", 2), 3);
}

static void test_decode(void **state)
{
	uint32_t cp;
	char buf[4];

	(void)state;
	assert_int_equal(hl_tui_width_decode("\xE4\xBD\xA0", 3, &cp), 3);
	assert_int_equal(cp, 0x4F60);
	/* Invalid bytes are one replacement each, one column each. */
	assert_int_equal(hl_tui_width_decode("\xFF", 1, &cp), 1);
	assert_int_equal(cp, HL_TUI_REPLACEMENT);
	assert_int_equal(hl_tui_width_decode("\xC0\xAF", 2, &cp), 1);  /* overlong */
	assert_int_equal(cp, HL_TUI_REPLACEMENT);
	assert_int_equal(hl_tui_width_decode("\xED\xA0\x80", 3, &cp), 1); /* surrogate */
	assert_int_equal(cp, HL_TUI_REPLACEMENT);
	assert_int_equal(hl_tui_width_decode("\xE4\xBD", 2, &cp), 1);  /* cut short */
	assert_int_equal(hl_tui_width_str("a\xFF\xFE" "b"), 4);
	assert_int_equal(hl_tui_width_encode(0x1F44B, buf), 4);
	assert_memory_equal(buf, "\xF0\x9F\x91\x8B", 4);
	assert_int_equal(hl_tui_width_encode(0xD800, buf), 3);  /* → U+FFFD */
}

static void test_truncate(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(hl_tui_width_truncate("客服中心欢迎您", 7, out, sizeof out), 7);
	assert_string_equal(out, "客服中…");
	/* 6 columns: "客服中" would leave no room for "…", and half a
	 * character is never shown, so one column stays empty. */
	assert_int_equal(hl_tui_width_truncate("客服中心欢迎您", 6, out, sizeof out), 5);
	assert_string_equal(out, "客服…");
	assert_int_equal(hl_tui_width_truncate("客服中心欢迎您", 14, out, sizeof out), 14);
	assert_string_equal(out, "客服中心欢迎您");
	assert_int_equal(hl_tui_width_truncate("hello 世界 👋", 9, out, sizeof out), 9);
	assert_string_equal(out, "hello 世…");
	assert_int_equal(hl_tui_width_truncate("ab👋cd", 4, out, sizeof out), 3);
	assert_string_equal(out, "ab…");
	assert_int_equal(hl_tui_width_truncate("abc", 1, out, sizeof out), 1);
	assert_string_equal(out, "…");
	assert_int_equal(hl_tui_width_truncate("abc", 0, out, sizeof out), 0);
	assert_string_equal(out, "");
	/* A tiny buffer cuts at a character boundary, never inside one. */
	assert_int_equal(hl_tui_width_truncate("你好", 4, out, 5), 2);
	assert_string_equal(out, "你");
	/* Combining marks stay with their base. */
	hl_tui_width_truncate("e\xCC\x81" "abc", 2, out, sizeof out);
	assert_string_equal(out, "e\xCC\x81\xE2\x80\xA6");
}

static void test_pad(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(hl_tui_width_pad("你好", 6, HL_TUI_ALIGN_LEFT, out, sizeof out), 6);
	assert_string_equal(out, "你好  ");
	assert_int_equal(hl_tui_width_pad("你好", 6, HL_TUI_ALIGN_RIGHT, out, sizeof out), 6);
	assert_string_equal(out, "  你好");
	assert_int_equal(hl_tui_width_pad("ab", 5, HL_TUI_ALIGN_CENTER, out, sizeof out), 5);
	assert_string_equal(out, " ab  ");
	/* Cut, then padded: every cell of a column is used exactly. */
	assert_int_equal(hl_tui_width_pad("客服中心欢迎您", 6, HL_TUI_ALIGN_LEFT, out, sizeof out), 6);
	assert_string_equal(out, "客服… ");
	assert_int_equal(hl_tui_width_str(out), 6);
}

static void test_fit(void **state)
{
	int used;
	const char *s = "中文abc";

	(void)state;
	assert_int_equal(hl_tui_width_fit(s, strlen(s), 3, &used), 3);
	assert_int_equal(used, 2);
	assert_int_equal(hl_tui_width_fit(s, strlen(s), 5, &used), 7);
	assert_int_equal(used, 5);
	assert_int_equal(hl_tui_width_clip_bytes(s, strlen(s), 5), 3);
}

/* Wraps s at width and checks the rows against want[] (NULL-ended). */
static void check_wrap(const char *s, int width, const char *const *want)
{
	hl_tui_wrap w;
	hl_tui_span row;
	size_t i = 0;

	hl_tui_width_wrap_init(&w, s, strlen(s), width);
	while (hl_tui_width_wrap_next(&w, &row)) {
		char got[256];
		assert_non_null(want[i]);
		assert_true(row.len < sizeof got);
		memcpy(got, s + row.off, row.len);
		got[row.len] = '\0';
		assert_string_equal(got, want[i]);
		assert_int_equal(row.width, hl_tui_width_str(want[i]));
		assert_true(row.width <= width || width < 2);
		i++;
	}
	assert_null(want[i]);
	assert_int_equal(hl_tui_width_wrap_count(s, strlen(s), width), i);
}

static void test_wrap_latin(void **state)
{
	(void)state;
	check_wrap("the quick brown fox", 10,
		   (const char *const[]){"the quick", "brown fox", NULL});
	check_wrap("supercalifragilistic word", 8,
		   (const char *const[]){"supercal", "ifragili", "stic", "word", NULL});
	check_wrap("a   b", 2, (const char *const[]){"a", "b", NULL});
	check_wrap("", 10, (const char *const[]){"", NULL});
	check_wrap("line one\nline two\n", 20,
		   (const char *const[]){"line one", "line two", "", NULL});
	check_wrap("x\n\ny", 5, (const char *const[]){"x", "", "y", NULL});
}

static void test_wrap_cjk(void **state)
{
	(void)state;
	/* Between Chinese characters a row may break anywhere. */
	check_wrap("客服中心欢迎您", 5,
		   (const char *const[]){"客服", "中心", "欢迎", "您", NULL});
	/* Odd width: the wide character moves down whole. */
	check_wrap("你好世界", 3, (const char *const[]){"你", "好", "世", "界", NULL});
	/* Mixed: English words stay whole, Chinese breaks between chars,
	 * the emoji is one unit. */
	check_wrap("你好，world 👋 测试", 8,
		   (const char *const[]){"你好，", "world 👋", "测试", NULL});
	check_wrap("hello你好world", 7,
		   (const char *const[]){"hello你", "好world", NULL});
	/* "，" does not start a row when an earlier break exists. */
	check_wrap("你好，世界", 4, (const char *const[]){"你", "好，", "世界", NULL});
	/* A one-column row still shows a wide character on its own. */
	check_wrap("你a", 1, (const char *const[]){"你", "a", NULL});
	/* Emoji with a variation selector stays together. */
	check_wrap("ok \xE2\x9C\x85\xEF\xB8\x8F done", 4,
		   (const char *const[]){"ok", "\xE2\x9C\x85\xEF\xB8\x8F", "done", NULL});
}

static void test_wrap_never_splits(void **state)
{
	const char *s = "测试test😀混合mixed🫠文本text with spaces 和标点，。！";

	(void)state;
	for (int width = 1; width <= 30; width++) {
		hl_tui_wrap w;
		hl_tui_span row;
		size_t covered = 0;
		hl_tui_width_wrap_init(&w, s, strlen(s), width);
		while (hl_tui_width_wrap_next(&w, &row)) {
			uint32_t cp;
			/* Each row starts on a character's first byte. */
			if (row.len)
				assert_true(((unsigned char)s[row.off] & 0xC0) != 0x80);
			assert_true(row.width <= (width < 2 ? 2 : width));
			assert_int_equal(hl_tui_width_strn(s + row.off, row.len), row.width);
			for (size_t i = 0, n; i < row.len; i += n) {
				n = hl_tui_width_decode(s + row.off + i, row.len - i, &cp);
				assert_int_not_equal(cp, HL_TUI_REPLACEMENT);
			}
			assert_true(row.off >= covered);
			covered = row.off + row.len;
		}
		assert_int_equal(covered, strlen(s));
	}
}

/* Grapheme clusters, as the terminal draws them (docs/decisions.md). */
#define FAMILY "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7" /* 👨‍👩‍👧 */
#define HEART_VS16 "\xE2\x9D\xA4\xEF\xB8\x8F"     /* ❤️ U+2764 U+FE0F */
#define HEART_VS15 "\xE2\x9D\xA4\xEF\xB8\x8E"     /* ❤︎ U+2764 U+FE0E */
#define FLAG_CN "\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3" /* 🇨🇳 */
#define E_ACUTE "e\xCC\x81"                        /* e + U+0301 */
#define THUMB_TONE "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD" /* 👍🏽 */
#define KEYCAP_1 "1\xEF\xB8\x8F\xE2\x83\xA3"      /* 1️⃣ */
#define ENGLAND "\xF0\x9F\x8F\xB4\xF3\xA0\x81\xA7\xF3\xA0\x81\xA2\xF3\xA0\x81\xA5" \
	"\xF3\xA0\x81\xAE\xF3\xA0\x81\xA7\xF3\xA0\x81\xBF"   /* 🏴 + tags gbeng */
#define KA_I "\xE0\xA4\x95\xE0\xA4\xBF"            /* कि: a spacing mark */

static void test_clusters(void **state)
{
	static const struct {
		const char *s;
		size_t bytes;
		int width;
	} one[] = {
		{FAMILY, sizeof FAMILY - 1, 2},
		{HEART_VS16, sizeof HEART_VS16 - 1, 2},
		{HEART_VS15, sizeof HEART_VS15 - 1, 1},
		{"\xE2\x9D\xA4", 3, 1},
		{FLAG_CN, sizeof FLAG_CN - 1, 2},
		{E_ACUTE, sizeof E_ACUTE - 1, 1},
		{THUMB_TONE, sizeof THUMB_TONE - 1, 2},
		{KEYCAP_1, sizeof KEYCAP_1 - 1, 2},
		{ENGLAND, sizeof ENGLAND - 1, 2},
		{KA_I, sizeof KA_I - 1, 2},
		{"\xE4\xB8\xAD", 3, 2},                       /* 中 unchanged */
		{"\xF0\x9F\x91\x8B", 4, 2},                   /* 👋 alone */
	};
	int w;
	(void)state;
	for (size_t i = 0; i < sizeof one / sizeof one[0]; i++) {
		char buf[64];
		size_t n = hl_tui_width_cluster(one[i].s, strlen(one[i].s), &w);
		if (n != one[i].bytes || w != one[i].width)
			fail_msg("cluster %zu: %zu bytes width %d, wanted %zu width %d", i, n, w,
				 one[i].bytes, one[i].width);
		/* Followed by text, it ends where it should. */
		snprintf(buf, sizeof buf, "%sx", one[i].s);
		assert_int_equal(hl_tui_width_cluster(buf, strlen(buf), NULL), one[i].bytes);
		assert_int_equal(hl_tui_width_str(buf), one[i].width + 1);
	}
	/* Three flags are three clusters; "a" ZWJ "b" is two (no emoji). */
	assert_int_equal(hl_tui_width_str(FLAG_CN FLAG_CN FLAG_CN), 6);
	assert_int_equal(hl_tui_width_str("\xF0\x9F\x87\xA8"), 1);  /* a lone indicator */
	assert_int_equal(hl_tui_width_cluster("a\xE2\x80\x8D" "b", 5, &w), 4);
	assert_int_equal(w, 1);
	assert_int_equal(hl_tui_width_str("a\xE2\x80\x8D" "b"), 2);
	/* A skin tone with no emoji before it is an emoji of its own. */
	assert_int_equal(hl_tui_width_str("a\xF0\x9F\x8F\xBD"), 3);
	/* A newline never joins a cluster. */
	assert_int_equal(hl_tui_width_cluster(FAMILY "\n", sizeof FAMILY, NULL), sizeof FAMILY - 1);
	assert_int_equal(hl_tui_width_cluster("\n\xCC\x81", 3, NULL), 1);
	/* The same over code points and wide strings. */
	{
		const uint32_t fam[] = {0x1F468, 0x200D, 0x1F469, 0x200D, 0x1F467, 'x'};
		assert_int_equal(hl_tui_width_cluster_cps(fam, 6, &w), 5);
		assert_int_equal(w, 2);
		assert_int_equal(hl_tui_width_wcs(L"\U0001F468\u200D\U0001F469\u200D\U0001F467", 5), 2);
	}
	assert_int_equal(hl_tui_width_str("家庭 " FAMILY " 中文"), 12);
}

static void test_clusters_never_split(void **state)
{
	char out[64];
	const char *s = "ab" FAMILY "cd";
	int used;
	(void)state;
	/* Fitting: the family goes whole or not at all. */
	assert_int_equal(hl_tui_width_fit(s, strlen(s), 3, &used), 2);
	assert_int_equal(used, 2);
	assert_int_equal(hl_tui_width_fit(s, strlen(s), 4, &used), 2 + sizeof FAMILY - 1);
	assert_int_equal(used, 4);
	/* Truncating: "ab" and "…" rather than half a family. */
	assert_int_equal(hl_tui_width_truncate(s, 4, out, sizeof out), 3);
	assert_string_equal(out, "ab\xE2\x80\xA6");
	assert_int_equal(hl_tui_width_truncate(s, 5, out, sizeof out), 5);
	assert_string_equal(out, "ab" FAMILY "\xE2\x80\xA6");
	assert_int_equal(hl_tui_width_truncate(FLAG_CN "x", 2, out, sizeof out), 1);
	assert_string_equal(out, "\xE2\x80\xA6");
	assert_int_equal(hl_tui_width_pad(HEART_VS16 "!", 4, HL_TUI_ALIGN_LEFT, out, sizeof out), 4);
	assert_string_equal(out, HEART_VS16 "! ");
	/* Clipping to a buffer: whole clusters. */
	assert_int_equal(hl_tui_width_clip_bytes(s, strlen(s), 10), 2);
	assert_int_equal(hl_tui_width_clip_bytes(s, strlen(s), 20), 2 + sizeof FAMILY - 1);
	assert_int_equal(hl_tui_width_clip_bytes(E_ACUTE E_ACUTE, 6, 5), 3);
}

static void test_wrap_never_splits_clusters(void **state)
{
	const char *s = FAMILY FAMILY FAMILY FAMILY FAMILY;   /* 10 columns */
	hl_tui_wrap w;
	hl_tui_span row;
	size_t rows = 0;
	(void)state;
	/* Width 3: one family per row, each whole and 2 wide. */
	hl_tui_width_wrap_init(&w, s, strlen(s), 3);
	while (hl_tui_width_wrap_next(&w, &row)) {
		assert_int_equal(row.len, sizeof FAMILY - 1);
		assert_memory_equal(s + row.off, FAMILY, sizeof FAMILY - 1);
		assert_int_equal(row.width, 2);
		rows++;
	}
	assert_int_equal(rows, 5);
	/* Width 4: two per row. */
	assert_int_equal(hl_tui_width_wrap_count(s, strlen(s), 4), 3);
	/* Text and flags: "ab🇨🇳" at 3 columns breaks before the flag. */
	hl_tui_width_wrap_init(&w, "ab" FLAG_CN, 2 + sizeof FLAG_CN - 1, 3);
	assert_true(hl_tui_width_wrap_next(&w, &row));
	assert_int_equal(row.len, 2);
	assert_true(hl_tui_width_wrap_next(&w, &row));
	assert_int_equal(row.len, sizeof FLAG_CN - 1);
	assert_int_equal(row.width, 2);
	/* A mark at a row's end stays with its base. */
	hl_tui_width_wrap_init(&w, "abc" E_ACUTE "f", 7, 4);
	assert_true(hl_tui_width_wrap_next(&w, &row));
	assert_int_equal(row.len, 6);
	assert_int_equal(row.width, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_truncate),
		cmocka_unit_test(test_pad),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_wrap_latin),
		cmocka_unit_test(test_wrap_cjk),
		cmocka_unit_test(test_wrap_never_splits),
		cmocka_unit_test(test_clusters),
		cmocka_unit_test(test_clusters_never_split),
		cmocka_unit_test(test_wrap_never_splits_clusters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
