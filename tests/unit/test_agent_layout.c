/* Tests the desk's screen logic that has no curses in it: the layout
 * tiles every size exactly, the status line's segments and colours, the
 * key table (no key bound twice, every entry reachable, Alt-1…9). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "action.h"
#include "climodel.h"
#include "view.h"
#include "keymap.h"
#include "layout.h"
#include "status.h"
#include "theme.h"

static void tiles(int rows, int cols, int side)
{
	static char cell[200][300];
	hl_agent_layout lo;
	const hl_agent_rect *r[6];

	hl_agent_layout_compute(rows, cols, side, &lo);
	r[0] = &lo.status, r[1] = &lo.hotlist, r[2] = &lo.view, r[3] = &lo.side;
	r[4] = &lo.input, r[5] = &lo.keybar;
	memset(cell, 0, sizeof cell);
	for (int k = 0; k < 6; k++) {
		if (k == 3 && !lo.side_shown)
			continue;
		assert_true(r[k]->h >= 1 && r[k]->w >= 1);
		for (int y = r[k]->y; y < r[k]->y + r[k]->h; y++)
			for (int x = r[k]->x; x < r[k]->x + r[k]->w; x++) {
				assert_true(y >= 0 && y < rows && x >= 0 && x < cols);
				cell[y][x]++;
			}
	}
	for (int y = 0; y < rows; y++)
		for (int x = 0; x < cols; x++)
			assert_int_equal(cell[y][x], 1);
	/* The conversation keeps at least half the width. */
	assert_true(lo.view.w * 2 >= cols);
}

static void test_layout(void **state)
{
	hl_agent_layout lo;

	(void)state;
	for (int side = -1; side <= 1; side++) {
		tiles(24, 80, side);
		tiles(50, 200, side);
		tiles(10, 40, side);
		tiles(37, 133, side);
	}
	hl_agent_layout_compute(24, 80, -1, &lo);
	assert_false(lo.side_shown);
	assert_false(lo.too_small);
	assert_int_equal(lo.input.y, 22);
	assert_int_equal(lo.keybar.y, 23);
	hl_agent_layout_compute(50, 200, -1, &lo);
	assert_true(lo.side_shown);
	hl_agent_layout_compute(50, 200, 0, &lo);
	assert_false(lo.side_shown);
	hl_agent_layout_compute(24, 80, 1, &lo);
	assert_true(lo.side_shown);
	hl_agent_layout_compute(5, 30, -1, &lo);
	assert_true(lo.too_small);
}

static const hl_tui_bar_seg *find_seg(const hl_agent_status *st, const char *text)
{
	for (size_t i = 0; i < st->n; i++)
		if (strstr(st->segs[i].text, text))
			return &st->segs[i];
	return NULL;
}

static void test_status(void **state)
{
	hl_cm_model d;
	hl_agent_status st;
	hl_cm_now now = {.mono = 100000, .wall = 1700000000000LL};
	const hl_tui_bar_seg *s;

	(void)state;
	hl_cm_init(&d);
	hl_agent_view_attach(&d);
	hl_cm_set_me(&d, "xiaoli", "王小丽");
	hl_agent_status_build(&st, &d, HL_AGENT_CONN_OK, now);
	assert_non_null(find_seg(&st, "王小丽"));
	assert_non_null((s = find_seg(&st, "State unknown")));
	assert_int_equal(s->role, HL_TUI_ROLE_MUTED);
	assert_non_null((s = find_seg(&st, "online")));
	strcpy(d.state, "available");
	d.state_since = 100000 - 65000;
	d.nqueues = 2;
	strcpy(d.queues[0].id, "sales");
	strcpy(d.queues[0].label_en, "Enquiry");
	d.queues[0].waiting = 2;
	d.queues[0].longest_wait_ms = 90000;
	d.queues[0].served = true;
	strcpy(d.queues[1].id, "night");
	d.queues[1].served = false;
	hl_agent_status_build(&st, &d, HL_AGENT_CONN_RECONNECTING, now);
	assert_non_null((s = find_seg(&st, "Available 1:05")));
	assert_int_equal(s->role, HL_TUI_ROLE_STATE_AVAILABLE);
	assert_non_null((s = find_seg(&st, "Enquiry 2")));
	assert_int_equal(s->role, HL_TUI_ROLE_VALUE_BAD);
	assert_null(find_seg(&st, "night"));
	assert_non_null((s = find_seg(&st, "reconnecting")));
	assert_int_equal(s->role, HL_TUI_ROLE_VALUE_BAD);
	/* Health outlives everything but the state on a narrow screen. */
	assert_true(s->priority > find_seg(&st, "Enquiry")->priority);
	assert_non_null(find_seg(&st, "unread 0"));
	strcpy(d.state, "not_ready");
	strcpy(d.reason, "lunch");
	hl_agent_status_build(&st, &d, HL_AGENT_CONN_DOWN, now);
	assert_non_null((s = find_seg(&st, "Not ready: Lunch")));
	assert_int_equal(s->role, HL_TUI_ROLE_STATE_NOT_READY);
	assert_non_null(find_seg(&st, "unreachable"));
	hl_cm_free(&d);
}

static void test_keymap(void **state)
{
	size_t n, nh;
	const hl_tui_key *k = hl_agent_keymap(&n);
	hl_tui_key help[80];
	int num;

	(void)state;
	assert_int_equal(hl_tui_keys_check(k, n), -1);
	assert_int_equal(hl_agent_keymap_action(HL_TUI_KEY_F(3), &num), HL_AGENT_ACT_ACCEPT);
	assert_int_equal(hl_agent_keymap_action(HL_TUI_KEY_F(4), &num), HL_AGENT_ACT_END);
	assert_int_equal(hl_agent_keymap_action(HL_TUI_KEY_F(1), &num), HL_AGENT_ACT_HELP);
	assert_int_equal(hl_agent_keymap_action(HL_TUI_KEY_F(2), &num), HL_AGENT_ACT_STATE_MENU);
	assert_int_equal(hl_agent_keymap_action(HL_TUI_KEY_F(5), &num), HL_AGENT_ACT_FIGURES);
	assert_int_equal(hl_agent_keymap_action(HL_TUI_CTRL('n'), &num), HL_AGENT_ACT_NEXT);
	assert_int_equal(hl_agent_keymap_action(HL_TUI_CTRL('p'), &num), HL_AGENT_ACT_PREV);
	assert_int_equal(hl_agent_keymap_action(HL_TUI_KEY_TAB, &num), HL_AGENT_ACT_FOCUS_NEXT);
	assert_int_equal(hl_agent_keymap_action(HL_TUI_KEY_PGUP, &num), HL_AGENT_ACT_PAGE_UP);
	assert_int_equal(hl_agent_keymap_action(HL_TUI_ALT('7'), &num), HL_AGENT_ACT_GOTO);
	assert_int_equal(num, 7);
	assert_int_equal(hl_agent_keymap_action(HL_TUI_ALT('0'), &num), HL_AGENT_ACT_NONE);
	assert_int_equal(hl_agent_keymap_action('a', &num), HL_AGENT_ACT_NONE);
	/* The help lists every binding and every slash command. */
	nh = hl_agent_keymap_help(NULL, 0, help, 80);  /* help lines: test_agent_actions */
	assert_true(nh > n);
	assert_int_equal(hl_tui_keys_check(help, nh), -1);
	{
		int found = 0;
		for (size_t i = 0; i < nh; i++)
			if (help[i].name && strcmp(help[i].name, "/transfer") == 0)
				found = 1;
		assert_true(found);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_status),
		cmocka_unit_test(test_keymap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
