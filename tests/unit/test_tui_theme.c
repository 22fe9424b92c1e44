/* Tests theme files: the shipped themes parse, a broken file names its
 * line and leaves the default theme, colours and fall-backs, NO_COLOR. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "error.h"
#include "theme.h"

static const char *const shipped[] = {"dark", "light", "high-contrast",
				      "monochrome"};

static void theme_path(char *out, size_t size, const char *name)
{
	snprintf(out, size, "%s/themes/%s.theme", HL_SOURCE_DIR, name);
}

static void assert_same(const hl_tui_theme *a, const hl_tui_theme *b)
{
	for (int r = 0; r < HL_TUI_ROLE_COUNT; r++) {
		const hl_tui_style *x = &a->role[r], *y = &b->role[r];
		if (x->fg != y->fg || x->bg != y->bg || x->fg8 != y->fg8 ||
		    x->bg8 != y->bg8 || x->attr != y->attr)
			fail_msg("role %s differs", hl_tui_theme_role_name(r));
	}
	assert_int_equal(a->mono, b->mono);
}

static void test_role_names(void **state)
{
	(void)state;
	for (int r = 0; r < HL_TUI_ROLE_COUNT; r++) {
		const char *name = hl_tui_theme_role_name(r);
		assert_non_null(name);
		assert_int_equal(hl_tui_theme_role_parse(name), r);
	}
	assert_int_equal(hl_tui_theme_role_parse("value-warn"), HL_TUI_ROLE_VALUE_WARN);
	assert_int_equal(hl_tui_theme_role_parse("state-available"),
			 HL_TUI_ROLE_STATE_AVAILABLE);
	assert_int_equal(hl_tui_theme_role_parse("nonsense"), HL_E_NOTFOUND);
	assert_null(hl_tui_theme_role_name(HL_TUI_ROLE_COUNT));
	assert_null(hl_tui_theme_role_name(-1));
}

static void test_colors(void **state)
{
	short c;
	unsigned a;

	(void)state;
	assert_int_equal(hl_tui_theme_color_parse("default", &c), 0);
	assert_int_equal(c, HL_TUI_COLOR_DEFAULT);
	assert_int_equal(hl_tui_theme_color_parse("Red", &c), 0);
	assert_int_equal(c, 1);
	assert_int_equal(hl_tui_theme_color_parse("bright-blue", &c), 0);
	assert_int_equal(c, 12);
	assert_int_equal(hl_tui_theme_color_parse("208", &c), 0);
	assert_int_equal(c, 208);
	assert_int_equal(hl_tui_theme_color_parse("#ff8700", &c), 0);
	assert_int_equal(c, 208);   /* exactly in the colour cube */
	assert_int_equal(hl_tui_theme_color_parse("#FFFFFF", &c), 0);
	assert_int_equal(c, 231);
	assert_int_equal(hl_tui_theme_color_parse("#808080", &c), 0);
	assert_int_equal(c, 244);   /* grey ramp */
	assert_int_equal(hl_tui_theme_color_parse("#000000", &c), 0);
	assert_int_equal(c, 16);
	assert_int_equal(hl_tui_theme_color_parse("256", &c), HL_E_INVALID);
	assert_int_equal(hl_tui_theme_color_parse("-1", &c), HL_E_INVALID);
	assert_int_equal(hl_tui_theme_color_parse("#12345", &c), HL_E_INVALID);
	assert_int_equal(hl_tui_theme_color_parse("#12345g", &c), HL_E_INVALID);
	assert_int_equal(hl_tui_theme_color_parse("purple", &c), HL_E_INVALID);
	assert_int_equal(hl_tui_theme_color_parse("12abc", &c), HL_E_INVALID);
	assert_int_equal(hl_tui_theme_color_parse("", &c), HL_E_INVALID);

	assert_int_equal(hl_tui_theme_to_8(196), 1);  /* bright red → red */
	assert_int_equal(hl_tui_theme_to_8(21), 4);   /* blue */
	assert_int_equal(hl_tui_theme_to_8(46), 2);   /* green */
	assert_int_equal(hl_tui_theme_to_8(231), 7);  /* white */
	assert_int_equal(hl_tui_theme_to_8(16), 0);   /* black */
	assert_int_equal(hl_tui_theme_to_8(3), 3);
	assert_int_equal(hl_tui_theme_to_8(HL_TUI_COLOR_DEFAULT), HL_TUI_COLOR_DEFAULT);

	assert_int_equal(hl_tui_theme_attr_parse("bold underline", &a), 0);
	assert_int_equal(a, HL_TUI_ATTR_BOLD | HL_TUI_ATTR_UNDERLINE);
	assert_int_equal(hl_tui_theme_attr_parse("reverse,dim+italic", &a), 0);
	assert_int_equal(a, HL_TUI_ATTR_REVERSE | HL_TUI_ATTR_DIM | HL_TUI_ATTR_ITALIC);
	assert_int_equal(hl_tui_theme_attr_parse("none", &a), 0);
	assert_int_equal(a, 0);
	assert_int_equal(hl_tui_theme_attr_parse("bold blink", &a), HL_E_INVALID);
}

static void test_shipped_themes(void **state)
{
	char path[1024], err[256];
	hl_tui_theme t, builtin;

	(void)state;
	for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
		theme_path(path, sizeof path, shipped[i]);
		if (hl_tui_theme_load(&t, path, err, sizeof err) != 0)
			fail_msg("%s", err);
		assert_string_equal(err, "");
		assert_string_equal(t.name, shipped[i]);
	}
	/* The built-in themes are the files, so they never drift apart. */
	theme_path(path, sizeof path, "dark");
	assert_int_equal(hl_tui_theme_load(&t, path, err, sizeof err), 0);
	hl_tui_theme_default(&builtin);
	assert_same(&t, &builtin);
	theme_path(path, sizeof path, "monochrome");
	assert_int_equal(hl_tui_theme_load(&t, path, err, sizeof err), 0);
	hl_tui_theme_monochrome(&builtin);
	assert_same(&t, &builtin);
	assert_true(t.mono);
	assert_int_equal(t.role[HL_TUI_ROLE_SELECTED].attr, HL_TUI_ATTR_REVERSE);
}

static void test_parse_and_fallbacks(void **state)
{
	static const char text[] =
		"; a comment\n"
		"# another\n"
		"[theme]\n"
		"name = test\n"
		"\n"
		"[header]\n"
		"fg = #ffffff\n"
		"bg = 196\n"
		"attr = bold\n"
		"[value-warn]\n"
		"fg8 = yellow\n"
		"[muted]\n"
		"attr = dim ; inline comment\n";
	hl_tui_theme t, d;
	char err[256];

	(void)state;
	assert_int_equal(hl_tui_theme_parse(&t, text, strlen(text), "t.theme",
					    err, sizeof err), 0);
	assert_string_equal(t.name, "test");
	assert_false(t.mono);
	assert_int_equal(t.role[HL_TUI_ROLE_HEADER].fg, 231);
	assert_int_equal(t.role[HL_TUI_ROLE_HEADER].bg, 196);
	/* 8-colour values fall back to the nearest basic colour… */
	assert_int_equal(t.role[HL_TUI_ROLE_HEADER].fg8, 7);
	assert_int_equal(t.role[HL_TUI_ROLE_HEADER].bg8, 1);
	assert_int_equal(t.role[HL_TUI_ROLE_HEADER].attr, HL_TUI_ATTR_BOLD);
	/* …and 256-colour ones to the 8-colour value. */
	assert_int_equal(t.role[HL_TUI_ROLE_VALUE_WARN].fg, 3);
	assert_int_equal(t.role[HL_TUI_ROLE_VALUE_WARN].fg8, 3);
	assert_int_equal(t.role[HL_TUI_ROLE_VALUE_WARN].bg, HL_TUI_COLOR_DEFAULT);
	assert_int_equal(t.role[HL_TUI_ROLE_VALUE_WARN].attr, 0);
	/* A section sets its role wholly. */
	assert_int_equal(t.role[HL_TUI_ROLE_MUTED].fg, HL_TUI_COLOR_DEFAULT);
	assert_int_equal(t.role[HL_TUI_ROLE_MUTED].attr, HL_TUI_ATTR_DIM);
	/* Roles without a section keep the default's. */
	hl_tui_theme_default(&d);
	assert_memory_equal(&t.role[HL_TUI_ROLE_SELECTED],
			    &d.role[HL_TUI_ROLE_SELECTED], sizeof(hl_tui_style));
}

/* Parses text and expects failure with message `want` and the default
 * theme in place. */
static void expect_error(const char *text, const char *want)
{
	hl_tui_theme t, d;
	char err[256];

	memset(&t, 0x5A, sizeof t);
	assert_int_equal(hl_tui_theme_parse(&t, text, strlen(text), "bad.theme",
					    err, sizeof err), HL_E_MALFORMED);
	assert_string_equal(err, want);
	hl_tui_theme_default(&d);
	assert_same(&t, &d);
	assert_string_equal(t.name, "dark");
}

static void test_errors_name_the_line(void **state)
{
	char big[600];

	(void)state;
	expect_error("[header]\nfg = 1\nbg = mauve\n",
		     "bad.theme:3: bad colour 'mauve' for bg (use a name, 0-255 or #rrggbb)");
	expect_error("[header]\nfg = 1\n\n[headr]\nfg = 2\n",
		     "bad.theme:5: unknown role [headr]");
	expect_error("; c\n[value]\ncolour = red\n",
		     "bad.theme:3: unknown key 'colour' in [value] (use fg, bg, fg8, bg8 or attr)");
	expect_error("[value]\nattr = bold shiny\n",
		     "bad.theme:2: bad attribute in 'bold shiny' (use bold, underline, reverse, dim, italic or none)");
	expect_error("[value]\nfg8 = 200\n",
		     "bad.theme:2: fg8 must be one of the 8 basic colours (0-7 or a name), not '200'");
	expect_error("fg = red\n", "bad.theme:1: 'fg' is outside a [role] section");
	expect_error("[value]\nfg = 1\nthis line has no equals sign\n",
		     "bad.theme:3: expected [role] or key = value");
	expect_error("[value\n", "bad.theme:1: expected [role] or key = value");
	expect_error("[theme]\ncolour = 1\n",
		     "bad.theme:2: unknown key 'colour' in [theme] (use name or description)");
	/* Only the first problem is reported. */
	expect_error("[value]\nfg = x\nbg = y\n",
		     "bad.theme:2: bad colour 'x' for fg (use a name, 0-255 or #rrggbb)");
	/* A line longer than inih's buffer is an error, not two lines. */
	memset(big, 'a', sizeof big);
	memcpy(big, "[value]\nfg = ", 13);
	big[sizeof big - 1] = '\0';
	expect_error(big, "bad.theme:2: line too long");
}

static void test_broken_file(void **state)
{
	char path[] = "/tmp/hl-theme-XXXXXX", err[512], want[600];
	hl_tui_theme t, d;
	FILE *f;
	int fd;

	(void)state;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	fputs("[theme]\nname = broken\n\n[header]\nfg = 231\nbg = #zzzzzz\n", f);
	fclose(f);
	assert_int_equal(hl_tui_theme_load(&t, path, err, sizeof err), HL_E_MALFORMED);
	snprintf(want, sizeof want, "%s:6: bad colour '#zzzzzz' for bg "
		 "(use a name, 0-255 or #rrggbb)", path);
	assert_string_equal(err, want);
	hl_tui_theme_default(&d);
	assert_same(&t, &d);
	unlink(path);

	assert_int_equal(hl_tui_theme_load(&t, "/nonexistent/x.theme", err, sizeof err),
			 HL_E_IO);
	assert_non_null(strstr(err, "/nonexistent/x.theme: cannot read the theme"));
	assert_same(&t, &d);
}

static void test_pick_and_find(void **state)
{
	char dir[] = "/tmp/hl-xdg-XXXXXX", sub[512], path[1024], err[256];
	hl_tui_theme t;
	FILE *f;

	(void)state;
	assert_string_equal(hl_tui_theme_pick("light", NULL), "light");
	assert_string_equal(hl_tui_theme_pick("light", ""), "light");
	assert_string_equal(hl_tui_theme_pick("light", "1"), "monochrome");
	assert_string_equal(hl_tui_theme_pick(NULL, NULL), "dark");
	assert_string_equal(hl_tui_theme_pick("", NULL), "dark");

	/* NO_COLOR wins over the configured theme. */
	assert_int_equal(hl_tui_theme_open(&t, "light", "yes", NULL, err, sizeof err), 0);
	assert_true(t.mono);
	assert_int_equal(hl_tui_theme_open(&t, "light", NULL, NULL, err, sizeof err), 0);
	assert_string_equal(t.name, "light");
	assert_int_equal(hl_tui_theme_open(&t, "no-such", NULL, NULL, err, sizeof err),
			 HL_E_NOTFOUND);
	assert_string_equal(t.name, "dark");
	assert_non_null(strstr(err, "no-such"));

	/* A user's theme in $XDG_CONFIG_HOME/hotline/themes comes first. */
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof sub, "%s/hotline", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(sub, sizeof sub, "%s/hotline/themes", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	snprintf(path, sizeof path, "%s/light.theme", sub);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("[theme]\nname = mine\n", f);
	fclose(f);
	assert_int_equal(hl_tui_theme_find("light", dir, sub, sizeof sub), 0);
	assert_string_equal(sub, path);
	assert_int_equal(hl_tui_theme_open(&t, "light", NULL, dir, err, sizeof err), 0);
	assert_string_equal(t.name, "mine");
	assert_int_equal(hl_tui_theme_find("dark", dir, sub, sizeof sub), 0);
	assert_non_null(strstr(sub, "themes/dark.theme"));
	assert_int_equal(hl_tui_theme_find(path, NULL, sub, sizeof sub), 0);
	assert_int_equal(hl_tui_theme_find("nope", dir, sub, sizeof sub), HL_E_NOTFOUND);
	unlink(path);
	snprintf(sub, sizeof sub, "%s/hotline/themes", dir);
	rmdir(sub);
	snprintf(sub, sizeof sub, "%s/hotline", dir);
	rmdir(sub);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_names),
		cmocka_unit_test(test_colors),
		cmocka_unit_test(test_shipped_themes),
		cmocka_unit_test(test_parse_and_fallbacks),
		cmocka_unit_test(test_errors_name_the_line),
		cmocka_unit_test(test_broken_file),
		cmocka_unit_test(test_pick_and_find),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
