/* The panel table (common/tui/panels.c): Tab's focus order skips panels
 * that take no keys or are hidden and wraps round; a key goes to the
 * focused panel only; a draw reaches exactly the panels whose dirty
 * flags are set or that are marked, and never a hidden one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "panels.h"

enum { DIRTY_A = 1, DIRTY_B = 2, DIRTY_C = 4 };

typedef struct desk {
	bool c_shown;
	int drawn[4];
	unsigned asked[4];
	int keys[4];
} desk;

#define PANEL_FNS(i)                                                   \
	static void draw##i(void *ctx, unsigned asked)                 \
	{                                                              \
		((desk *)ctx)->drawn[i]++;                             \
		((desk *)ctx)->asked[i] = asked;                       \
	}                                                              \
	__attribute__((unused)) static int key##i(void *ctx, int key) \
	{                                                              \
		((desk *)ctx)->keys[i] = key;                          \
		return key == 'x' ? HL_PANEL_IGNORED : HL_PANEL_REDRAW; \
	}
PANEL_FNS(0)
PANEL_FNS(1)
PANEL_FNS(2)
PANEL_FNS(3)

static bool c_shown(void *ctx)
{
	return ((desk *)ctx)->c_shown;
}

static const hl_tui_panel panels[] = {
	{"a", DIRTY_A, NULL, draw0, key0},
	{"bar", DIRTY_B, NULL, draw1, NULL},       /* takes no keys */
	{"c", DIRTY_C, c_shown, draw2, key2},      /* sometimes hidden */
	{"d", DIRTY_A | DIRTY_C, NULL, draw3, key3},
};

static void test_focus_order(void **state)
{
	desk d = {0};

	(void)state;
	assert_int_equal(hl_tui_panel_cycle(panels, 4, 0, 1, &d), 3);  /* bar, hidden c skipped */
	assert_int_equal(hl_tui_panel_cycle(panels, 4, 3, 1, &d), 0);  /* wraps */
	assert_int_equal(hl_tui_panel_cycle(panels, 4, 0, -1, &d), 3);
	d.c_shown = true;
	assert_int_equal(hl_tui_panel_cycle(panels, 4, 0, 1, &d), 2);
	assert_int_equal(hl_tui_panel_cycle(panels, 4, 3, -1, &d), 2);
	assert_int_equal(hl_tui_panel_cycle(panels, 1, 0, 1, &d), 0);  /* alone: stays */
}

static void test_keys_and_draws(void **state)
{
	desk d = {0};

	(void)state;
	assert_int_equal(hl_tui_panel_key(&panels[3], &d, 'k'), HL_PANEL_REDRAW);
	assert_int_equal(d.keys[3], 'k');
	assert_int_equal(d.keys[0], 0);
	assert_int_equal(hl_tui_panel_key(&panels[0], &d, 'x'), HL_PANEL_IGNORED);
	assert_int_equal(hl_tui_panel_key(&panels[1], &d, 'k'), HL_PANEL_IGNORED);

	assert_false(hl_tui_panel_draw(panels, 4, &d, 0, 0));
	assert_true(hl_tui_panel_draw(panels, 4, &d, DIRTY_C, 0));
	assert_int_equal(d.drawn[2], 0);        /* c is hidden */
	assert_int_equal(d.drawn[3], 1);
	assert_int_equal(d.asked[3], DIRTY_C);  /* told which of its flags asked */
	assert_int_equal(d.drawn[0] + d.drawn[1], 0);
	assert_true(hl_tui_panel_draw(panels, 4, &d, 0, 1u << 1));  /* bar uncovered */
	assert_int_equal(d.drawn[1], 1);
	assert_int_equal(d.asked[1], 0);
	d.c_shown = true;
	hl_tui_panel_draw(panels, 4, &d, DIRTY_A | DIRTY_C, 0);
	assert_int_equal(d.drawn[0], 1);
	assert_int_equal(d.drawn[2], 1);
	assert_int_equal(d.drawn[3], 2);
	assert_int_equal(d.asked[3], DIRTY_A | DIRTY_C);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_focus_order),
		cmocka_unit_test(test_keys_and_draws),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
