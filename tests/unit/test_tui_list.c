/* Tests the selection widgets' logic: the list (selection, scrolling,
 * pages, clicks), the pop-up menu and the modal dialog. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dialog.h"
#include "keys.h"
#include "list.h"
#include "menu.h"

#define CHANGED (HL_TUI_HANDLED | HL_TUI_REDRAW)

static void test_list_moves(void **state)
{
	hl_tui_list l;

	(void)state;
	hl_tui_list_init(&l, 5);
	hl_tui_list_set_count(&l, 20);
	assert_int_equal(l.selected, 0);
	assert_int_equal(hl_tui_list_key(&l, HL_TUI_KEY_UP), HL_TUI_HANDLED);
	assert_int_equal(hl_tui_list_key(&l, HL_TUI_KEY_DOWN), CHANGED);
	assert_int_equal(l.selected, 1);
	for (int i = 0; i < 4; i++)
		hl_tui_list_key(&l, HL_TUI_KEY_DOWN);
	/* Row 5 is below a 5-row view: it scrolls by one. */
	assert_int_equal(l.selected, 5);
	assert_int_equal(l.top, 1);
	hl_tui_list_key(&l, HL_TUI_KEY_PGDN);
	assert_int_equal(l.selected, 9);
	assert_int_equal(l.top, 5);
	hl_tui_list_key(&l, HL_TUI_KEY_END);
	assert_int_equal(l.selected, 19);
	assert_int_equal(l.top, 15);
	assert_int_equal(hl_tui_list_key(&l, HL_TUI_KEY_PGDN), HL_TUI_HANDLED);
	hl_tui_list_key(&l, HL_TUI_KEY_PGUP);
	assert_int_equal(l.selected, 15);
	assert_int_equal(l.top, 15);
	hl_tui_list_key(&l, HL_TUI_KEY_HOME);
	assert_int_equal(l.selected, 0);
	assert_int_equal(l.top, 0);
	assert_int_equal(hl_tui_list_key(&l, 'x'), 0);
	hl_tui_list_select(&l, 100);
	assert_int_equal(l.selected, 19);
	assert_int_equal(hl_tui_list_move(&l, -100), CHANGED);
	assert_int_equal(l.selected, 0);
}

static void test_list_count_and_height(void **state)
{
	hl_tui_list l;

	(void)state;
	hl_tui_list_init(&l, 5);
	/* An empty list does nothing, safely. */
	assert_int_equal(hl_tui_list_key(&l, HL_TUI_KEY_DOWN), HL_TUI_HANDLED);
	assert_int_equal(hl_tui_list_key(&l, HL_TUI_KEY_END), HL_TUI_HANDLED);
	assert_int_equal(hl_tui_list_row_at(&l, 0), -1);
	hl_tui_list_set_count(&l, 30);
	hl_tui_list_select(&l, 29);
	assert_int_equal(l.top, 25);
	/* Rows went away: the selection stays on the last, the view fills. */
	hl_tui_list_set_count(&l, 8);
	assert_int_equal(l.selected, 7);
	assert_int_equal(l.top, 3);
	hl_tui_list_set_count(&l, 3);
	assert_int_equal(l.top, 0);
	assert_int_equal(l.selected, 2);
	hl_tui_list_set_count(&l, 0);
	assert_int_equal(l.selected, 0);
	/* A taller view after a resize shows more without empty rows. */
	hl_tui_list_set_count(&l, 12);
	hl_tui_list_select(&l, 11);
	assert_int_equal(l.top, 7);
	hl_tui_list_set_height(&l, 10);
	assert_int_equal(l.top, 2);
	hl_tui_list_set_height(&l, 2);
	assert_int_equal(l.top, 10);
	hl_tui_list_set_height(&l, 0);
	assert_int_equal(l.height, 1);
}

static void test_list_mouse(void **state)
{
	hl_tui_list l;

	(void)state;
	hl_tui_list_init(&l, 4);
	hl_tui_list_set_count(&l, 10);
	hl_tui_list_select(&l, 6);      /* top becomes 3 */
	assert_int_equal(l.top, 3);
	assert_int_equal(hl_tui_list_row_at(&l, 0), 3);
	assert_int_equal(hl_tui_list_row_at(&l, 3), 6);
	assert_int_equal(hl_tui_list_row_at(&l, 4), -1);
	assert_int_equal(hl_tui_list_row_at(&l, -1), -1);
	assert_int_equal(hl_tui_list_click(&l, 1), CHANGED);
	assert_int_equal(l.selected, 4);
	assert_int_equal(hl_tui_list_click(&l, 9), 0);
	/* The wheel scrolls the view; the selection follows to stay. */
	assert_int_equal(hl_tui_list_scroll(&l, 3), CHANGED);
	assert_int_equal(l.top, 6);
	assert_int_equal(l.selected, 6);
	assert_int_equal(hl_tui_list_scroll(&l, 3), HL_TUI_HANDLED);
	hl_tui_list_scroll(&l, -100);
	assert_int_equal(l.top, 0);
	assert_int_equal(l.selected, 3);
	/* Past the end of a short list, a click hits nothing. */
	hl_tui_list_set_count(&l, 2);
	assert_int_equal(hl_tui_list_click(&l, 2), 0);
}

enum { ACT_ACCEPT = 10, ACT_TRANSFER, ACT_WRAPUP, ACT_CLOSE };

static const hl_tui_menu_item items[] = {
	{"Accept", HL_TUI_KEY_F(3), ACT_ACCEPT, false},
	{"转接 Transfer", 't', ACT_TRANSFER, false},
	{NULL, 0, 0, false},
	{"Wrap-up", 0, ACT_WRAPUP, true},
	{"Close", 'c', ACT_CLOSE, false},
};

static void test_menu(void **state)
{
	hl_tui_menu m;
	hl_tui_menu_layout lo;

	(void)state;
	hl_tui_menu_open(&m, "Chat", items, 5, 3, 70);
	assert_true(m.open);
	assert_int_equal(m.selected, 0);
	hl_tui_menu_key(&m, HL_TUI_KEY_DOWN, 5);
	assert_int_equal(m.selected, 1);
	/* Down skips the separator and the disabled item. */
	hl_tui_menu_key(&m, HL_TUI_KEY_DOWN, 5);
	assert_int_equal(m.selected, 4);
	assert_int_equal(hl_tui_menu_key(&m, HL_TUI_KEY_DOWN, 5), HL_TUI_HANDLED);
	hl_tui_menu_key(&m, HL_TUI_KEY_UP, 5);
	assert_int_equal(m.selected, 1);
	assert_int_equal(hl_tui_menu_key(&m, HL_TUI_KEY_ENTER, 5), CHANGED | HL_TUI_DONE);
	assert_false(m.open);
	assert_int_equal(m.result, ACT_TRANSFER);

	/* A hotkey chooses; a disabled item cannot be chosen. */
	hl_tui_menu_open(&m, "Chat", items, 5, 3, 70);
	assert_int_equal(hl_tui_menu_key(&m, HL_TUI_KEY_F(3), 5) & HL_TUI_DONE, HL_TUI_DONE);
	assert_int_equal(m.result, ACT_ACCEPT);
	hl_tui_menu_open(&m, "Chat", items, 5, 3, 70);
	assert_int_equal(hl_tui_menu_key(&m, 'w', 5), HL_TUI_HANDLED);
	assert_true(m.open);
	assert_true(hl_tui_menu_key(&m, 'C', 5) & HL_TUI_DONE);
	assert_int_equal(m.result, ACT_CLOSE);
	hl_tui_menu_open(&m, "Chat", items, 5, 3, 70);
	assert_true(hl_tui_menu_key(&m, HL_TUI_KEY_ESC, 5) & HL_TUI_DONE);
	assert_int_equal(m.result, -1);

	/* Layout fits the screen; clicks land on the rows drawn. */
	hl_tui_menu_open(&m, "Chat", items, 5, 3, 70);
	hl_tui_menu_place(&m, 24, 80, &lo);
	assert_int_equal(lo.h, 7);
	assert_true(lo.x + lo.w <= 80);
	assert_int_equal(lo.y, 3);
	/* " 转接 Transfer  F3 " : label 13 columns, key 2, padding 6 */
	assert_int_equal(lo.w, 13 + 2 + 2 + 4);
	assert_int_equal(hl_tui_menu_click(&m, &lo, lo.y + 3, lo.x + 2), HL_TUI_HANDLED);
	assert_true(m.open);   /* the separator */
	assert_true(hl_tui_menu_click(&m, &lo, lo.y + 2, lo.x + 2) & HL_TUI_DONE);
	assert_int_equal(m.result, ACT_TRANSFER);
	hl_tui_menu_open(&m, "Chat", items, 5, 3, 70);
	assert_true(hl_tui_menu_click(&m, &lo, 0, 0) & HL_TUI_DONE);
	assert_int_equal(m.result, -1);
	/* A short screen shows fewer rows and keeps the selection in view. */
	hl_tui_menu_open(&m, NULL, items, 5, 0, 0);
	hl_tui_menu_key(&m, HL_TUI_KEY_END, 2);
	hl_tui_menu_place(&m, 4, 80, &lo);
	assert_int_equal(lo.rows, 2);
	assert_int_equal(m.top, 3);
}

static void test_dialog(void **state)
{
	static const char *const yes_no[] = {"Yes", "No"};
	hl_tui_dialog d;
	hl_tui_dialog_layout lo;

	(void)state;
	hl_tui_dialog_init(&d);
	hl_tui_dialog_open(&d, 7, "结束会话", "End the chat with 王先生? The "
			   "customer sees a goodbye message.", yes_no, 2);
	assert_true(d.open);
	assert_int_equal(d.id, 7);
	assert_int_equal(hl_tui_dialog_key(&d, HL_TUI_KEY_RIGHT), CHANGED);
	assert_int_equal(d.selected, 1);
	hl_tui_dialog_key(&d, HL_TUI_KEY_TAB);
	assert_int_equal(d.selected, 0);
	hl_tui_dialog_key(&d, HL_TUI_KEY_TAB | HL_TUI_MOD_SHIFT);
	assert_int_equal(d.selected, 1);
	/* Modal: unknown keys are swallowed. */
	assert_int_equal(hl_tui_dialog_key(&d, HL_TUI_KEY_F(5)), HL_TUI_HANDLED);
	assert_true(hl_tui_dialog_key(&d, 'y') & HL_TUI_DONE);
	assert_int_equal(d.result, 0);
	assert_false(d.open);
	assert_int_equal(hl_tui_dialog_key(&d, 'y'), 0);

	hl_tui_dialog_open(&d, 7, "结束会话", "End the chat?", yes_no, 2);
	assert_true(hl_tui_dialog_key(&d, HL_TUI_KEY_ESC) & HL_TUI_DONE);
	assert_int_equal(d.result, -1);

	/* Layout: centred, text wrapped inside, buttons clickable. */
	hl_tui_dialog_open(&d, 7, "结束会话", "End the chat with 王先生? The "
			   "customer sees a goodbye message.", yes_no, 2);
	hl_tui_dialog_place(&d, 24, 80, &lo);
	assert_true(lo.x > 0 && lo.x + lo.w <= 80);
	assert_true(lo.y > 0 && lo.y + lo.h <= 24);
	assert_true(lo.text_rows >= 1);
	assert_int_equal(lo.button_w[0], 7);   /* "[ Yes ]" */
	assert_int_equal(hl_tui_dialog_click(&d, &lo, lo.button_y, lo.button_x[1] - 1),
			 HL_TUI_HANDLED);
	assert_true(hl_tui_dialog_click(&d, &lo, lo.button_y, lo.button_x[1] + 2) &
		    HL_TUI_DONE);
	assert_int_equal(d.result, 1);
	/* A narrow screen wraps the text into more rows. */
	hl_tui_dialog_open(&d, 7, "结束会话", "End the chat with 王先生? The "
			   "customer sees a goodbye message.", yes_no, 2);
	hl_tui_dialog_place(&d, 24, 30, &lo);
	assert_true(lo.w <= 30);
	assert_true(lo.text_rows >= 3);

	/* No buttons given: one "OK". */
	hl_tui_dialog_open(&d, 1, "Note", "Saved.", NULL, 0);
	assert_int_equal(d.nbuttons, 1);
	assert_string_equal(d.buttons[0], "OK");
	hl_tui_dialog_free(&d);
}

static void test_dialog_input(void **state)
{
	hl_tui_dialog d;
	hl_tui_dialog_layout lo;
	char *text;

	(void)state;
	hl_tui_dialog_init(&d);
	hl_tui_dialog_open_input(&d, 3, "Transfer", "Transfer to which queue?", "售后");
	/* Letters go into the input line, not to button hotkeys. */
	assert_int_equal(hl_tui_dialog_key(&d, 'O'), CHANGED);
	assert_true(d.open);
	hl_tui_dialog_key(&d, HL_TUI_KEY_BACKSPACE);
	assert_int_equal(hl_tui_dialog_paste(&d, "服务", 6), CHANGED);
	hl_tui_dialog_key(&d, HL_TUI_KEY_LEFT);   /* edits, not buttons */
	assert_int_equal(d.selected, 0);
	assert_true(hl_tui_dialog_key(&d, HL_TUI_KEY_ENTER) & HL_TUI_DONE);
	assert_int_equal(d.result, 0);
	text = hl_tui_editor_text(&d.input);
	assert_string_equal(text, "售后服务");
	free(text);
	hl_tui_dialog_open_input(&d, 3, "Transfer", "Queue?", "");
	hl_tui_dialog_place(&d, 24, 80, &lo);
	assert_true(lo.input_y > lo.text_y);
	assert_true(lo.button_y > lo.input_y);
	assert_true(lo.text_w >= 40);
	hl_tui_dialog_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_moves),
		cmocka_unit_test(test_list_count_and_height),
		cmocka_unit_test(test_list_mouse),
		cmocka_unit_test(test_menu),
		cmocka_unit_test(test_dialog),
		cmocka_unit_test(test_dialog_input),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
