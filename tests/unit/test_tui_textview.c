/* Tests the transcript view: wrapping by display width with hanging
 * indents, sticking to the bottom, "new below" counting, scrolling and
 * rewrapping on resize; and the toast banner's timing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "keys.h"
#include "textview.h"
#include "theme.h"
#include "toast.h"
#include "width.h"

#define CHANGED (HL_TUI_HANDLED | HL_TUI_REDRAW)

static void add(hl_tui_textview *tv, const char *s, int role, int indent)
{
	assert_int_equal(hl_tui_textview_append(tv, s, strlen(s), role, indent),
			 HL_TUI_REDRAW);
}

/* The text of visible row i as a string. */
static const char *row_text(const hl_tui_tv_row *r)
{
	static char buf[256];

	assert_true(r->len < sizeof buf);
	memcpy(buf, r->text, r->len);
	buf[r->len] = '\0';
	return buf;
}

static void test_wrap_and_roles(void **state)
{
	hl_tui_textview tv;
	hl_tui_tv_row rows[10];
	size_t n;

	(void)state;
	hl_tui_textview_init(&tv, 0);
	hl_tui_textview_resize(&tv, 10, 12);
	add(&tv, "王先生: 你好，我的订单还没有到", HL_TUI_ROLE_CUSTOMER, 4);
	add(&tv, "Agent: checking now", HL_TUI_ROLE_AGENT, 7);
	n = hl_tui_textview_visible(&tv, rows, 10);
	assert_int_equal(tv.total_rows, n);
	/* "，" may not start a row, so "好" moves down with it. */
	assert_string_equal(row_text(&rows[0]), "王先生: 你");
	assert_string_equal(row_text(&rows[1]), "好，我的");
	assert_int_equal(rows[0].x, 0);
	assert_int_equal(rows[0].role, HL_TUI_ROLE_CUSTOMER);
	/* Continuation rows hang under the message at column 4, each at
	 * most 12 - 4 columns wide, no character split. */
	for (size_t i = 1; i < n && rows[i].role == HL_TUI_ROLE_CUSTOMER; i++) {
		assert_int_equal(rows[i].x, 4);
		assert_true(rows[i].width <= 8);
		assert_int_equal(rows[i].width, hl_tui_width_strn(rows[i].text, rows[i].len));
	}
	/* Spaces at a break are dropped; a word longer than the indented
	 * row (5 columns) is hard-broken. */
	assert_string_equal(row_text(&rows[n - 4]), "Agent:");
	assert_string_equal(row_text(&rows[n - 3]), "check");
	assert_int_equal(rows[n - 3].x, 7);
	assert_string_equal(row_text(&rows[n - 2]), "ing");
	assert_string_equal(row_text(&rows[n - 1]), "now");
	hl_tui_textview_free(&tv);
}

static void test_sticks_to_bottom(void **state)
{
	hl_tui_textview tv;
	hl_tui_tv_row rows[4];
	char line[32];
	size_t n;

	(void)state;
	hl_tui_textview_init(&tv, 0);
	hl_tui_textview_resize(&tv, 4, 20);
	for (int i = 0; i < 10; i++) {
		snprintf(line, sizeof line, "line %d", i);
		add(&tv, line, HL_TUI_ROLE_NORMAL, 0);
	}
	n = hl_tui_textview_visible(&tv, rows, 4);
	assert_int_equal(n, 4);
	assert_string_equal(row_text(&rows[0]), "line 6");
	assert_string_equal(row_text(&rows[3]), "line 9");
	assert_true(tv.at_bottom);
	add(&tv, "line 10", HL_TUI_ROLE_NORMAL, 0);
	hl_tui_textview_visible(&tv, rows, 4);
	assert_string_equal(row_text(&rows[3]), "line 10");
	assert_int_equal(tv.new_below, 0);

	/* Scrolled up, the view stays put and counts what arrives. */
	assert_int_equal(hl_tui_textview_key(&tv, HL_TUI_KEY_UP), CHANGED);
	assert_false(tv.at_bottom);
	hl_tui_textview_visible(&tv, rows, 4);
	assert_string_equal(row_text(&rows[0]), "line 6");
	add(&tv, "line 11", HL_TUI_ROLE_NORMAL, 0);
	add(&tv, "line 12", HL_TUI_ROLE_NORMAL, 0);
	assert_int_equal(tv.new_below, 2);
	hl_tui_textview_visible(&tv, rows, 4);
	assert_string_equal(row_text(&rows[0]), "line 6");
	hl_tui_textview_page(&tv, -1);
	hl_tui_textview_visible(&tv, rows, 4);
	assert_string_equal(row_text(&rows[0]), "line 3");
	assert_int_equal(hl_tui_textview_key(&tv, HL_TUI_KEY_HOME), CHANGED);
	hl_tui_textview_visible(&tv, rows, 4);
	assert_string_equal(row_text(&rows[0]), "line 0");
	assert_int_equal(hl_tui_textview_scroll(&tv, -1), CHANGED);

	/* Scrolling back down to the end sticks again and clears the count. */
	hl_tui_textview_scroll(&tv, 100);
	assert_true(tv.at_bottom);
	assert_int_equal(tv.new_below, 0);
	hl_tui_textview_visible(&tv, rows, 4);
	assert_string_equal(row_text(&rows[3]), "line 12");
	assert_int_equal(hl_tui_textview_key(&tv, HL_TUI_KEY_DOWN), HL_TUI_HANDLED);
	assert_int_equal(hl_tui_textview_key(&tv, 'q'), 0);

	/* End jumps to the bottom. */
	hl_tui_textview_scroll(&tv, -5);
	add(&tv, "line 13", HL_TUI_ROLE_NORMAL, 0);
	assert_int_equal(tv.new_below, 1);
	assert_int_equal(hl_tui_textview_key(&tv, HL_TUI_KEY_END), CHANGED);
	assert_int_equal(tv.new_below, 0);
	hl_tui_textview_free(&tv);
}

static void test_short_text_and_resize(void **state)
{
	hl_tui_textview tv;
	hl_tui_tv_row rows[8];
	size_t n;

	(void)state;
	hl_tui_textview_init(&tv, 0);
	hl_tui_textview_resize(&tv, 8, 40);
	add(&tv, "short", HL_TUI_ROLE_SYSTEM, 0);
	/* Less than a screenful: shown from the top, nothing to scroll. */
	n = hl_tui_textview_visible(&tv, rows, 8);
	assert_int_equal(n, 1);
	assert_int_equal(hl_tui_textview_scroll(&tv, -1), HL_TUI_HANDLED);
	assert_true(tv.at_bottom);
	add(&tv, "客服中心欢迎您，请问有什么可以帮您？", HL_TUI_ROLE_AGENT, 0);
	assert_int_equal(tv.total_rows, 2);
	/* Narrower: rewrapped, and still every row within the width. */
	assert_int_equal(hl_tui_textview_resize(&tv, 8, 9), HL_TUI_REDRAW);
	assert_int_equal(hl_tui_textview_resize(&tv, 8, 9), 0);
	n = hl_tui_textview_visible(&tv, rows, 8);
	assert_int_equal(n, 1 + 5);
	for (size_t i = 0; i < n; i++)
		assert_true(rows[i].width <= 9);
	assert_string_equal(row_text(&rows[1]), "客服中心");
	hl_tui_textview_clear(&tv);
	assert_int_equal(tv.total_rows, 0);
	assert_int_equal(hl_tui_textview_visible(&tv, rows, 8), 0);
	hl_tui_textview_free(&tv);
}

static void test_max_lines(void **state)
{
	hl_tui_textview tv;
	hl_tui_tv_row rows[3];
	char line[32];

	(void)state;
	hl_tui_textview_init(&tv, 5);
	hl_tui_textview_resize(&tv, 3, 20);
	for (int i = 0; i < 8; i++) {
		snprintf(line, sizeof line, "line %d", i);
		add(&tv, line, HL_TUI_ROLE_NORMAL, 0);
	}
	assert_int_equal(tv.n, 5);
	assert_int_equal(tv.total_rows, 5);
	assert_string_equal(tv.lines[0].text, "line 3");
	/* Scrolled to the very top while old lines are dropped: the view
	 * moves with the text and stays valid. */
	hl_tui_textview_home(&tv);
	add(&tv, "line 8", HL_TUI_ROLE_NORMAL, 0);
	hl_tui_textview_visible(&tv, rows, 3);
	assert_string_equal(row_text(&rows[0]), "line 4");
	hl_tui_textview_free(&tv);
}

static void test_toast(void **state)
{
	hl_tui_toast t;
	char longtext[1000];

	(void)state;
	hl_tui_toast_init(&t);
	assert_false(t.visible);
	assert_int_equal(hl_tui_toast_remaining(&t, 0), -1);
	assert_int_equal(hl_tui_toast_show(&t, HL_TUI_TOAST_WARN, "队列等待超过 5 分钟",
					   1000, 0), HL_TUI_REDRAW);
	assert_true(t.visible);
	assert_int_equal(hl_tui_toast_role(&t), HL_TUI_ROLE_TOAST_WARN);
	assert_int_equal(hl_tui_toast_remaining(&t, 2000), 4000);
	assert_int_equal(hl_tui_toast_tick(&t, 5999), 0);
	assert_int_equal(hl_tui_toast_tick(&t, 6000), HL_TUI_REDRAW);
	assert_false(t.visible);
	hl_tui_toast_show(&t, HL_TUI_TOAST_ERROR, "lost connection", 0, 100);
	assert_int_equal(hl_tui_toast_role(&t), HL_TUI_ROLE_TOAST_ERROR);
	assert_int_equal(hl_tui_toast_dismiss(&t), HL_TUI_REDRAW);
	assert_int_equal(hl_tui_toast_dismiss(&t), 0);
	/* A long message is cut at a character boundary. */
	for (size_t i = 0; i + 3 < sizeof longtext; i += 3)
		memcpy(longtext + i, "中", 3);
	longtext[999] = '\0';
	hl_tui_toast_show(&t, 99, longtext, 0, 0);
	assert_int_equal(hl_tui_toast_role(&t), HL_TUI_ROLE_TOAST_INFO);
	assert_int_equal(strlen(t.text) % 3, 0);
	assert_true(strlen(t.text) < sizeof t.text);
}

/* A family emoji is one unit two columns wide: rows never split it and
 * never count it wider. */
static void test_clusters_wrap_whole(void **state)
{
	hl_tui_textview tv;
	hl_tui_tv_row rows[8];
	size_t n;
	(void)state;
	hl_tui_textview_init(&tv, 0);
	hl_tui_textview_resize(&tv, 8, 5);
	add(&tv, "ab\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
		 "cd\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7", 0, 0);
	n = hl_tui_textview_visible(&tv, rows, 8);
	assert_int_equal(n, 2);
	/* "ab" + family is 4 columns; "cd" goes to the next row as a word. */
	assert_string_equal(row_text(&rows[0]),
			    "ab\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7");
	assert_int_equal(rows[0].width, 4);
	assert_string_equal(row_text(&rows[1]),
			    "cd\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7");
	assert_int_equal(rows[1].width, 4);
	hl_tui_textview_free(&tv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap_and_roles),
		cmocka_unit_test(test_sticks_to_bottom),
		cmocka_unit_test(test_short_text_and_resize),
		cmocka_unit_test(test_max_lines),
		cmocka_unit_test(test_toast),
		cmocka_unit_test(test_clusters_wrap_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
