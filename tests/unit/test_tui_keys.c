/* Tests key names both ways, key table lookup, the help overlay built
 * from a table, and the status bar and key bar layouts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "bar.h"
#include "error.h"
#include "help.h"
#include "keys.h"
#include "theme.h"
#include "width.h"

enum { A_NONE, A_HELP, A_NEXT, A_ACCEPT, A_QUEUE1, A_QUIT, A_TRANSFER };

static const hl_tui_key table[] = {
	{.help = "Chats"},
	{HL_TUI_KEY_F(1), A_HELP, NULL, "Help", "Show this help"},
	{HL_TUI_CTRL('n'), A_NEXT, NULL, "Next", "Go to the next chat"},
	{HL_TUI_KEY_F(3), A_ACCEPT, NULL, "Accept", "Accept the offered chat"},
	{HL_TUI_ALT('1'), A_QUEUE1, NULL, NULL, "Show queue 1"},
	{.help = "会话"},
	{HL_TUI_KEY_F(5), A_TRANSFER, "F5", "转接", "转接给其他坐席"},
	{HL_TUI_KEY_F(10), A_QUIT, NULL, "Quit", "Log out and quit"},
};
#define N_TABLE (sizeof table / sizeof table[0])

static void test_names(void **state)
{
	static const struct {
		int key;
		const char *name;
	} cases[] = {
		{HL_TUI_KEY_F(3), "F3"},
		{HL_TUI_CTRL('n'), "Ctrl-N"},
		{HL_TUI_ALT('1'), "Alt-1"},
		{HL_TUI_ALT('x'), "Alt-x"},
		{HL_TUI_KEY_TAB | HL_TUI_MOD_SHIFT, "Shift-Tab"},
		{HL_TUI_KEY_LEFT | HL_TUI_MOD_CTRL, "Ctrl-Left"},
		{HL_TUI_KEY_PGDN, "PgDn"},
		{HL_TUI_KEY_ENTER, "Enter"},
		{HL_TUI_ALT(HL_TUI_KEY_ENTER), "Alt-Enter"},
		{HL_TUI_KEY_ESC, "Esc"},
		{' ', "Space"},
		{'a', "a"},
		{'?', "?"},
		{0x4F60, "你"},
		{HL_TUI_KEY_F(12) | HL_TUI_MOD_SHIFT, "Shift-F12"},
		{HL_TUI_ALT(HL_TUI_CTRL('a')), "Ctrl-Alt-A"},
		{0x1C, "Ctrl-\\"},
	};
	char buf[32];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_true(hl_tui_keys_name(cases[i].key, buf, sizeof buf) > 0);
		assert_string_equal(buf, cases[i].name);
		/* Every name reads back as its key. */
		assert_int_equal(hl_tui_keys_parse(cases[i].name), cases[i].key);
	}
	assert_int_equal(hl_tui_keys_name(0, buf, sizeof buf), HL_E_INVALID);
	assert_int_equal(hl_tui_keys_name(HL_TUI_KEY_SPECIAL + 99, buf, sizeof buf),
			 HL_E_INVALID);
	assert_int_equal(hl_tui_keys_name(HL_TUI_KEY_F(3), buf, 2), HL_E_TOOBIG);
}

static void test_parse_spellings(void **state)
{
	(void)state;
	assert_int_equal(hl_tui_keys_parse("C-n"), HL_TUI_CTRL('n'));
	assert_int_equal(hl_tui_keys_parse("^N"), HL_TUI_CTRL('n'));
	assert_int_equal(hl_tui_keys_parse("ctrl-n"), HL_TUI_CTRL('n'));
	assert_int_equal(hl_tui_keys_parse("M-x"), HL_TUI_ALT('x'));
	assert_int_equal(hl_tui_keys_parse("Meta-x"), HL_TUI_ALT('x'));
	assert_int_equal(hl_tui_keys_parse("S-Tab"), HL_TUI_KEY_TAB | HL_TUI_MOD_SHIFT);
	assert_int_equal(hl_tui_keys_parse("PageUp"), HL_TUI_KEY_PGUP);
	assert_int_equal(hl_tui_keys_parse("pgdn"), HL_TUI_KEY_PGDN);
	assert_int_equal(hl_tui_keys_parse("Return"), HL_TUI_KEY_ENTER);
	assert_int_equal(hl_tui_keys_parse("Escape"), HL_TUI_KEY_ESC);
	assert_int_equal(hl_tui_keys_parse("f12"), HL_TUI_KEY_F(12));
	assert_int_equal(hl_tui_keys_parse("Shift-a"), 'A');
	/* Ctrl-I, Ctrl-M and Ctrl-H are what terminals send for Tab,
	 * Enter and Backspace, so they are those keys. */
	assert_int_equal(hl_tui_keys_parse("Ctrl-I"), HL_TUI_KEY_TAB);
	assert_int_equal(hl_tui_keys_parse("Ctrl-M"), HL_TUI_KEY_ENTER);
	assert_int_equal(hl_tui_keys_parse("Ctrl-H"), HL_TUI_KEY_BACKSPACE);
	assert_int_equal(hl_tui_keys_parse("^"), '^');
	assert_int_equal(hl_tui_keys_parse("-"), '-');

	assert_int_equal(hl_tui_keys_parse(""), HL_E_INVALID);
	assert_int_equal(hl_tui_keys_parse(NULL), HL_E_INVALID);
	assert_int_equal(hl_tui_keys_parse("F25"), HL_E_INVALID);
	assert_int_equal(hl_tui_keys_parse("F0"), HL_E_INVALID);
	assert_int_equal(hl_tui_keys_parse("Ctrl-1"), HL_E_INVALID);
	assert_int_equal(hl_tui_keys_parse("Hyper-x"), HL_E_INVALID);
	assert_int_equal(hl_tui_keys_parse("ab"), HL_E_INVALID);
	assert_int_equal(hl_tui_keys_parse("\xFF"), HL_E_INVALID);
}

static void test_control_bytes(void **state)
{
	(void)state;
	assert_int_equal(hl_tui_keys_control(0x7F), HL_TUI_KEY_BACKSPACE);
	assert_int_equal(hl_tui_keys_control(0x08), HL_TUI_KEY_BACKSPACE);
	assert_int_equal(hl_tui_keys_control('\r'), HL_TUI_KEY_ENTER);
	assert_int_equal(hl_tui_keys_control('\t'), HL_TUI_KEY_TAB);
	assert_int_equal(hl_tui_keys_control(0x1B), HL_TUI_KEY_ESC);
	assert_int_equal(hl_tui_keys_control(0x0E), HL_TUI_CTRL('n'));
	assert_int_equal(hl_tui_keys_control('a'), 'a');
}

static void test_lookup(void **state)
{
	const hl_tui_key *e;

	(void)state;
	e = hl_tui_keys_lookup(table, N_TABLE, HL_TUI_KEY_F(3));
	assert_non_null(e);
	assert_int_equal(e->action, A_ACCEPT);
	e = hl_tui_keys_lookup(table, N_TABLE, hl_tui_keys_parse("Ctrl-N"));
	assert_non_null(e);
	assert_int_equal(e->action, A_NEXT);
	assert_null(hl_tui_keys_lookup(table, N_TABLE, HL_TUI_KEY_F(4)));
	/* Headings (key 0) are never matched. */
	assert_null(hl_tui_keys_lookup(table, N_TABLE, 0));
	assert_int_equal(hl_tui_keys_check(table, N_TABLE), -1);

	static const hl_tui_key dup[] = {
		{HL_TUI_KEY_F(1), 1, NULL, NULL, "a"},
		{.help = "heading"},
		{.help = "another heading"},
		{HL_TUI_KEY_F(2), 2, NULL, NULL, "b"},
		{HL_TUI_KEY_F(1), 3, NULL, NULL, "c"},
	};
	assert_int_equal(hl_tui_keys_check(dup, 5), 4);
}

static void test_help_lines(void **state)
{
	hl_tui_help_line *lines;
	size_t n;

	(void)state;
	assert_int_equal(hl_tui_keys_help(table, N_TABLE, &lines, &n), 0);
	assert_int_equal(n, 9);   /* 2 headings, 1 blank, 6 keys */
	assert_true(lines[0].heading);
	assert_string_equal(lines[0].text, "Chats");
	/* Names are padded to the widest ("Ctrl-N", 6 columns). */
	assert_string_equal(lines[1].text, "  F1      Show this help");
	assert_string_equal(lines[2].text, "  Ctrl-N  Go to the next chat");
	assert_string_equal(lines[4].text, "  Alt-1   Show queue 1");
	assert_false(lines[5].heading);
	assert_string_equal(lines[5].text, "");
	assert_true(lines[6].heading);
	assert_string_equal(lines[6].text, "会话");
	assert_string_equal(lines[7].text, "  F5      转接给其他坐席");
	/* The help text starts in the same column on every key line. */
	for (size_t i = 0; i < n; i++)
		if (!lines[i].heading && lines[i].text[0])
			assert_int_equal(hl_tui_width_strn(lines[i].text, 10), 10);
	hl_tui_keys_help_free(lines, n);
}

static void test_help_overlay(void **state)
{
	hl_tui_help h;
	int y, x, rows, cols;

	(void)state;
	hl_tui_help_init(&h);
	assert_int_equal(hl_tui_help_open(&h, "Keys", table, N_TABLE), 0);
	assert_true(h.open);
	assert_int_equal(h.tv.n, 9);
	assert_int_equal(h.tv.lines[0].role, HL_TUI_ROLE_HELP_HEADING);
	hl_tui_help_place(&h, 24, 80, &y, &x, &rows, &cols);
	assert_int_equal(rows, 9);
	assert_true(x > 0 && cols >= h.text_w);
	/* On a small screen it scrolls instead. */
	hl_tui_help_place(&h, 6, 80, &y, &x, &rows, &cols);
	assert_int_equal(rows, 4);
	assert_int_equal(hl_tui_help_key(&h, HL_TUI_KEY_PGDN),
			 HL_TUI_HANDLED | HL_TUI_REDRAW);
	assert_int_equal(hl_tui_help_key(&h, 'z'), HL_TUI_HANDLED);
	assert_true(hl_tui_help_key(&h, HL_TUI_KEY_ESC) & HL_TUI_DONE);
	assert_false(h.open);
	hl_tui_help_free(&h);
}

static void test_keybar(void **state)
{
	hl_tui_bar_seg segs[8];
	hl_tui_bar_name names[8];
	hl_tui_bar_cell cells[8];
	size_t index[8], n, k;

	(void)state;
	n = hl_tui_bar_keys(table, N_TABLE, segs, names, index, 8);
	assert_int_equal(n, 5);   /* Alt-1 has no label */
	assert_string_equal(segs[0].key, "F1");
	assert_string_equal(segs[0].text, "Help");
	assert_int_equal(segs[0].key_role, HL_TUI_ROLE_KEYBAR_KEY);
	assert_string_equal(segs[3].key, "F5");
	assert_string_equal(segs[3].text, "转接");
	assert_int_equal(index[3], 6);
	/* "F1 Help  Ctrl-N Next  F3 Accept  F5 转接  F10 Quit" = 50 */
	k = hl_tui_bar_layout(segs, n, 80, 2, cells);
	assert_int_equal(k, 5);
	assert_int_equal(cells[1].x, 9);
	assert_int_equal(cells[3].x, 33);
	assert_int_equal(cells[3].width, 7);
	assert_int_equal(cells[4].x + cells[4].width, 50);
	/* Narrower: the last (least important) keys go first. */
	k = hl_tui_bar_layout(segs, n, 40, 2, cells);
	assert_int_equal(k, 4);
	assert_string_equal(cells[3].seg->key, "F5");
	k = hl_tui_bar_layout(segs, n, 20, 2, cells);
	assert_int_equal(k, 2);
	/* A click maps back to the key. */
	assert_int_equal(hl_tui_bar_hit(cells, k, 10), 1);
	assert_int_equal(table[index[hl_tui_bar_hit(cells, k, 10)]].action, A_NEXT);
	assert_int_equal(hl_tui_bar_hit(cells, k, 8), -1);
}

static void test_statusbar(void **state)
{
	hl_tui_bar_seg segs[] = {
		{.text = "坐席 Agent 007", .role = HL_TUI_ROLE_STATUS, .priority = 10},
		{.text = "Available", .role = HL_TUI_ROLE_STATE_AVAILABLE, .priority = 9},
		{.text = "队列: 售后服务与技术支持", .role = HL_TUI_ROLE_STATUS,
		 .priority = 1, .min = 6},
		{.text = "12:30", .role = HL_TUI_ROLE_STATUS, .priority = 5, .right = true},
	};
	hl_tui_bar_cell cells[4];
	size_t k;

	(void)state;
	/* Wide enough: all of it, the clock at the right edge. */
	k = hl_tui_bar_layout(segs, 4, 80, 1, cells);
	assert_int_equal(k, 4);
	assert_int_equal(cells[3].x, 75);
	assert_false(cells[2].ellipsis);
	/* 14+1+9+1+24+1+5 = 55: at 45 the queue name shrinks by 10. */
	k = hl_tui_bar_layout(segs, 4, 45, 1, cells);
	assert_int_equal(k, 4);
	assert_true(cells[2].ellipsis);
	/* 14 columns allowed; "务" would straddle, so 12 + "…". */
	assert_int_equal(cells[2].width, 13);
	assert_true(cells[2].x + cells[2].width <= cells[3].x);
	assert_int_equal(cells[2].len, strlen("队列: 售后服"));
	/* At 35 it cannot shrink enough (min 6) and goes. */
	k = hl_tui_bar_layout(segs, 4, 35, 1, cells);
	assert_int_equal(k, 3);
	assert_string_equal(cells[2].seg->text, "12:30");
	assert_int_equal(cells[2].x, 30);
	/* Very narrow: only the most important survives. */
	k = hl_tui_bar_layout(segs, 4, 14, 1, cells);
	assert_int_equal(k, 1);
	assert_string_equal(cells[0].seg->text, "坐席 Agent 007");
	assert_int_equal(hl_tui_bar_layout(segs, 4, 3, 1, cells), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_parse_spellings),
		cmocka_unit_test(test_control_bytes),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_help_lines),
		cmocka_unit_test(test_help_overlay),
		cmocka_unit_test(test_keybar),
		cmocka_unit_test(test_statusbar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
