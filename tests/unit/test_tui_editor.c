/* Tests the line editor: edits, kills and yanks, cursor display columns
 * with Chinese and emoji, word moves, history and multi-line paste. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "editor.h"
#include "error.h"
#include "keys.h"

/* Types s key by key, as the input side delivers it. */
static void type(hl_tui_editor *ed, const char *s)
{
	assert_int_equal(hl_tui_editor_paste(ed, s, strlen(s)), 0);
}

static void key(hl_tui_editor *ed, int k)
{
	assert_true(hl_tui_editor_key(ed, k) & HL_TUI_HANDLED);
}

static void assert_text(const hl_tui_editor *ed, const char *want)
{
	char *got = hl_tui_editor_text(ed);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static int setup(void **state)
{
	hl_tui_editor *ed = malloc(sizeof *ed);

	hl_tui_editor_init(ed, 0, 10);
	*state = ed;
	return 0;
}

static int teardown(void **state)
{
	hl_tui_editor_free(*state);
	free(*state);
	return 0;
}

static void test_insert_and_columns(void **state)
{
	hl_tui_editor *ed = *state;

	assert_int_equal(hl_tui_editor_key(ed, 'h'), HL_TUI_HANDLED | HL_TUI_REDRAW);
	key(ed, 'i');
	key(ed, 0x4F60);   /* 你 */
	key(ed, 0x1F44B);  /* 👋 */
	assert_text(ed, "hi你👋");
	assert_int_equal(ed->cursor, 4);
	assert_int_equal(hl_tui_editor_cursor_col(ed), 6);
	key(ed, HL_TUI_KEY_LEFT);
	assert_int_equal(hl_tui_editor_cursor_col(ed), 4);
	key(ed, HL_TUI_KEY_LEFT);
	assert_int_equal(hl_tui_editor_cursor_col(ed), 2);
	key(ed, 'X');
	assert_text(ed, "hiX你👋");
	assert_int_equal(hl_tui_editor_cursor_col(ed), 3);
	key(ed, HL_TUI_CTRL('a'));
	assert_int_equal(hl_tui_editor_cursor_col(ed), 0);
	/* Left at the start is used but changes nothing. */
	assert_int_equal(hl_tui_editor_key(ed, HL_TUI_KEY_LEFT), HL_TUI_HANDLED);
	key(ed, HL_TUI_CTRL('e'));
	assert_int_equal(hl_tui_editor_cursor_col(ed), 7);
	key(ed, HL_TUI_KEY_HOME);
	key(ed, HL_TUI_KEY_DELETE);
	assert_text(ed, "iX你👋");
	key(ed, HL_TUI_KEY_END);
	key(ed, HL_TUI_KEY_BACKSPACE);
	assert_text(ed, "iX你");
	/* Keys the editor does not know are left to the program. */
	assert_int_equal(hl_tui_editor_key(ed, HL_TUI_KEY_ENTER), 0);
	assert_int_equal(hl_tui_editor_key(ed, HL_TUI_KEY_F(3)), 0);
	assert_int_equal(hl_tui_editor_key(ed, HL_TUI_CTRL('o')), 0);
}

static void test_combining_moves_whole(void **state)
{
	hl_tui_editor *ed = *state;

	type(ed, "ae\xCC\x81" "b");   /* a é(e + U+0301) b */
	assert_int_equal(hl_tui_editor_cursor_col(ed), 3);
	key(ed, HL_TUI_KEY_LEFT);
	key(ed, HL_TUI_KEY_LEFT);     /* over é in one step */
	assert_int_equal(ed->cursor, 1);
	key(ed, HL_TUI_KEY_DELETE);   /* deletes e and its mark */
	assert_text(ed, "ab");
}

static void test_kills_and_yank(void **state)
{
	hl_tui_editor *ed = *state;

	type(ed, "hello brave new world");
	key(ed, HL_TUI_CTRL('w'));
	assert_text(ed, "hello brave new ");
	key(ed, HL_TUI_CTRL('w'));
	assert_text(ed, "hello brave ");
	key(ed, HL_TUI_CTRL('y'));
	assert_text(ed, "hello brave new ");
	key(ed, HL_TUI_ALT('b'));
	key(ed, HL_TUI_ALT('b'));
	assert_int_equal(ed->cursor, 6);
	key(ed, HL_TUI_CTRL('k'));
	assert_text(ed, "hello ");
	key(ed, HL_TUI_CTRL('u'));
	assert_text(ed, "");
	key(ed, HL_TUI_CTRL('y'));
	assert_text(ed, "hello ");
	/* Ctrl-U kills only what is before the cursor. */
	type(ed, "there");
	key(ed, HL_TUI_KEY_LEFT);
	key(ed, HL_TUI_KEY_LEFT);
	key(ed, HL_TUI_CTRL('u'));
	assert_text(ed, "re");
	assert_int_equal(ed->cursor, 0);
	assert_int_equal(hl_tui_editor_cursor_col(ed), 0);
}

static void test_word_moves_cjk(void **state)
{
	hl_tui_editor *ed = *state;

	type(ed, "你好 world，客服中心");
	key(ed, HL_TUI_KEY_LEFT | HL_TUI_MOD_CTRL);   /* over 客服中心 */
	assert_int_equal(ed->cursor, 9);
	assert_int_equal(hl_tui_editor_cursor_col(ed), 12);
	key(ed, HL_TUI_ALT('b'));                     /* over ， */
	assert_int_equal(ed->cursor, 8);
	key(ed, HL_TUI_ALT('b'));                     /* over world */
	assert_int_equal(ed->cursor, 3);
	assert_int_equal(hl_tui_editor_cursor_col(ed), 5);
	key(ed, HL_TUI_ALT('b'));
	assert_int_equal(ed->cursor, 0);
	key(ed, HL_TUI_KEY_RIGHT | HL_TUI_MOD_CTRL);
	assert_int_equal(ed->cursor, 2);
	key(ed, HL_TUI_ALT('f'));
	assert_int_equal(ed->cursor, 8);
	key(ed, HL_TUI_ALT('d'));                     /* kills ， */
	assert_text(ed, "你好 world客服中心");
	key(ed, HL_TUI_KEY_END);
	key(ed, HL_TUI_ALT(HL_TUI_KEY_BACKSPACE));
	assert_text(ed, "你好 world");
}

static void test_history_keeps_draft(void **state)
{
	hl_tui_editor *ed = *state;
	char *t;

	type(ed, "first");
	t = hl_tui_editor_take(ed);
	assert_string_equal(t, "first");
	free(t);
	type(ed, "第二");
	free(hl_tui_editor_take(ed));
	type(ed, "draft in progress");
	key(ed, HL_TUI_KEY_UP);
	assert_text(ed, "第二");
	assert_int_equal(hl_tui_editor_cursor_col(ed), 4);
	key(ed, HL_TUI_CTRL('p'));
	assert_text(ed, "first");
	assert_int_equal(hl_tui_editor_key(ed, HL_TUI_KEY_UP), HL_TUI_HANDLED);
	assert_text(ed, "first");
	key(ed, HL_TUI_KEY_DOWN);
	assert_text(ed, "第二");
	key(ed, HL_TUI_CTRL('n'));
	assert_text(ed, "draft in progress");
	assert_int_equal(hl_tui_editor_key(ed, HL_TUI_KEY_DOWN), HL_TUI_HANDLED);
	assert_text(ed, "draft in progress");
	/* Empty lines and repeats are not added. */
	hl_tui_editor_clear(ed);
	free(hl_tui_editor_take(ed));
	type(ed, "第二");
	free(hl_tui_editor_take(ed));
	assert_int_equal(ed->hist_n, 2);
	/* The oldest goes when the history is full. */
	for (int i = 0; i < 12; i++) {
		char line[16];
		snprintf(line, sizeof line, "line %d", i);
		type(ed, line);
		free(hl_tui_editor_take(ed));
	}
	assert_int_equal(ed->hist_n, 10);
	assert_string_equal(ed->hist[0], "line 2");
}

static void test_paste_many_lines(void **state)
{
	hl_tui_editor *ed = *state;
	char *t;

	type(ed, "> ");
	assert_int_equal(hl_tui_editor_paste(ed, "one\r\ntwo\rthree\n四\tfive\x01", 24), 0);
	assert_text(ed, "> one\ntwo\nthree\n四 five");
	assert_int_equal(hl_tui_editor_lines(ed), 4);
	key(ed, HL_TUI_ALT(HL_TUI_KEY_ENTER));
	assert_int_equal(hl_tui_editor_lines(ed), 5);
	t = hl_tui_editor_take(ed);
	assert_string_equal(t, "> one\ntwo\nthree\n四 five\n");
	free(t);
	assert_int_equal(ed->len, 0);
}

static void test_limit(void **state)
{
	hl_tui_editor ed;

	(void)state;
	hl_tui_editor_init(&ed, 4, 0);
	assert_int_equal(hl_tui_editor_paste(&ed, "abcdef", 6), HL_E_TOOBIG);
	assert_text(&ed, "abcd");
	assert_int_equal(hl_tui_editor_key(&ed, 'x'), HL_TUI_HANDLED);
	assert_int_equal(hl_tui_editor_insert(&ed, 0x07), HL_E_INVALID);
	hl_tui_editor_free(&ed);
}

static void test_view_scrolls(void **state)
{
	hl_tui_editor *ed = *state;
	size_t first, end;
	int cx;

	/* 20 Chinese characters are 40 columns in a 10-column field. */
	type(ed, "一二三四五六七八九十一二三四五六七八九十");
	hl_tui_editor_view(ed, 10, &first, &end, &cx);
	assert_true(cx >= 0 && cx < 10);
	assert_int_equal(end, ed->len);
	assert_int_equal(hl_tui_editor_cursor_col(ed) -
			 (int)(2 * first), cx);
	/* Every shown character fits whole. */
	assert_true((int)(2 * (end - first)) <= 10);
	key(ed, HL_TUI_KEY_HOME);
	hl_tui_editor_view(ed, 10, &first, &end, &cx);
	assert_int_equal(first, 0);
	assert_int_equal(cx, 0);
	assert_int_equal(end, 5);
	/* Walking right keeps the cursor in the field at all times. */
	for (int i = 0; i < 20; i++) {
		key(ed, HL_TUI_KEY_RIGHT);
		hl_tui_editor_view(ed, 10, &first, &end, &cx);
		assert_true(cx >= 0 && cx + 1 <= 10);
		assert_true(ed->cursor >= first && ed->cursor <= end);
	}
	/* Deleting lets the text fill the field again. */
	key(ed, HL_TUI_CTRL('u'));
	type(ed, "abc");
	hl_tui_editor_view(ed, 10, &first, &end, &cx);
	assert_int_equal(first, 0);
	assert_int_equal(cx, 3);
}

/* An emoji sequence, a flag and e + U+0301 are each one unit for the
 * cursor, backspace and delete. */
static void test_clusters_are_units(void **state)
{
	hl_tui_editor *ed = *state;
	size_t first, end;
	int cx;

	type(ed, "a\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7" "b");
	assert_int_equal(ed->len, 7);
	assert_int_equal(hl_tui_editor_cursor_col(ed), 4);   /* a, family (2), b */
	key(ed, HL_TUI_KEY_LEFT);
	assert_int_equal(hl_tui_editor_cursor_col(ed), 3);
	key(ed, HL_TUI_KEY_LEFT);                            /* over the whole family */
	assert_int_equal(ed->cursor, 1);
	assert_int_equal(hl_tui_editor_cursor_col(ed), 1);
	key(ed, HL_TUI_KEY_RIGHT);
	assert_int_equal(ed->cursor, 6);
	key(ed, HL_TUI_KEY_BACKSPACE);                       /* removes all five code points */
	assert_text(ed, "ab");
	assert_int_equal(ed->cursor, 1);

	hl_tui_editor_clear(ed);
	type(ed, "x\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3\xE2\x9D\xA4\xEF\xB8\x8F" "e\xCC\x81");
	assert_int_equal(hl_tui_editor_cursor_col(ed), 1 + 2 + 2 + 1);
	key(ed, HL_TUI_KEY_BACKSPACE);                       /* e + mark */
	assert_text(ed, "x\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3\xE2\x9D\xA4\xEF\xB8\x8F");
	key(ed, HL_TUI_KEY_BACKSPACE);                       /* ❤️ with its VS16 */
	assert_text(ed, "x\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3");
	key(ed, HL_TUI_KEY_HOME);
	key(ed, HL_TUI_KEY_DELETE);
	key(ed, HL_TUI_KEY_DELETE);                          /* the flag, both halves */
	assert_text(ed, "");

	/* A field 3 wide scrolls by whole clusters. */
	type(ed, "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"
		 "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7");
	hl_tui_editor_view(ed, 3, &first, &end, &cx);
	assert_int_equal(first, 5);
	assert_int_equal(end, 10);
	assert_int_equal(cx, 2);
	/* Word moves take a family as one word, not stopping at its ZWJ. */
	hl_tui_editor_clear(ed);
	type(ed, "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7 ab");
	key(ed, HL_TUI_KEY_HOME);
	key(ed, HL_TUI_ALT('f'));
	assert_int_equal(ed->cursor, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_insert_and_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_combining_moves_whole, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kills_and_yank, setup, teardown),
		cmocka_unit_test_setup_teardown(test_word_moves_cjk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history_keeps_draft, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paste_many_lines, setup, teardown),
		cmocka_unit_test(test_limit),
		cmocka_unit_test_setup_teardown(test_view_scrolls, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clusters_are_units, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
