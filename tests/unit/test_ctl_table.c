/* Tests for tools/ctl_table.c: hotline-ctl's tables line up by display
 * columns (Chinese counts two), cut cells with "…", keep to a total width,
 * never print control characters and leave no trailing spaces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ctl_table.h"
#include "width.h"

/* Prints t into a string (caller frees) and frees t. */
static char *render(hl_ctl_table *t)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	hl_ctl_table_print(t, f);
	fclose(f);
	hl_ctl_table_free(t);
	return buf;
}

/* The display column where the n-th cell (0-based) of line starts; cells
 * are separated by two or more spaces. */
static int cell_col(const char *line, size_t len, int n)
{
	int seen = -1;

	for (size_t i = 0; i < len; i++) {
		int start = line[i] != ' ' && (i == 0 || (i >= 2 && line[i - 1] == ' ' && line[i - 2] == ' '));
		if (start && ++seen == n)
			return hl_tui_width_strn(line, i);
	}
	return -1;
}

static void test_chinese_aligns(void **state)
{
	static const char *const cols[] = {"NAME", "DISPLAY", "STATE"};
	hl_ctl_table *t = hl_ctl_table_new(3, cols);
	char *out, *line, *save = NULL;
	int want[3] = {-1, -1, -1}, rows = 0;

	(void)state;
	hl_ctl_table_add(t, "bob");
	hl_ctl_table_add(t, "王小丽");
	hl_ctl_table_add(t, "enabled");
	hl_ctl_table_add(t, "ann");
	hl_ctl_table_add(t, "Ann Lee");
	hl_ctl_table_add(t, "disabled");
	hl_ctl_table_add(t, "chen");
	hl_ctl_table_add(t, "陈Chen静");
	hl_ctl_table_add(t, "enabled");
	out = render(t);
	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save), rows++) {
		size_t len = strlen(line);
		assert_true(len > 0 && line[len - 1] != ' ');  /* no trailing spaces */
		for (int c = 0; c < 3; c++) {
			int at = cell_col(line, len, c);
			if (want[c] < 0)
				want[c] = at;
			if (at != want[c])
				print_error("line '%s' cell %d at %d, header at %d\n", line, c, at, want[c]);
			assert_int_equal(at, want[c]);
		}
	}
	assert_int_equal(rows, 4);
	/* DISPLAY is as wide as its widest cell: 王小丽, Ann Lee and 陈Chen静
	 * take 6, 7 and 8 columns (a byte or character count would differ). */
	assert_int_equal(want[2] - want[1], 8 + 2);
	free(out);
}

static void test_limit_cuts_with_ellipsis(void **state)
{
	static const char *const cols[] = {"QUEUE", ">WAIT"};
	hl_ctl_table *t = hl_ctl_table_new(2, cols);
	char *out;

	(void)state;
	hl_ctl_table_limit(t, 0, 8);
	hl_ctl_table_add(t, "returns-and-refunds");
	hl_ctl_table_add(t, "%u", 3u);
	hl_ctl_table_add(t, "退货退款售后服务");
	hl_ctl_table_add(t, "%u", 12u);
	out = render(t);
	assert_string_equal(out, "QUEUE     WAIT\n"
				 "returns…     3\n"
				 /* 7 columns: three characters and the "…", then a space
				  * where half a character would not fit. */
				 "退货退…     12\n");
	free(out);
}

static void test_fit_narrows_one_column(void **state)
{
	static const char *const cols[] = {"QUEUE", ">A", ">B", ">C"};
	hl_ctl_table *t = hl_ctl_table_new(4, cols);
	char *out, *line, *save = NULL;

	(void)state;
	hl_ctl_table_limit(t, 0, 16);
	hl_ctl_table_fit(t, 40, 0);
	hl_ctl_table_add(t, "a-long-queue-name");
	hl_ctl_table_add(t, "1234567890");
	hl_ctl_table_add(t, "1234567890");
	hl_ctl_table_add(t, "1234567");
	out = render(t);
	/* 16 + 10 + 10 + 7 + 3 gaps of 2 = 49: the name gives 9 of its 16;
	 * the figures themselves are never cut. */
	assert_non_null(strstr(out, "\na-long…  1234567890  1234567890  1234567\n"));
	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		assert_true(hl_tui_width_str(line) <= 40);
	free(out);
}

static void test_controls_never_printed(void **state)
{
	static const char *const cols[] = {"FROM", "TEXT"};
	hl_ctl_table *t = hl_ctl_table_new(2, cols);
	char *out;

	(void)state;
	hl_ctl_table_add(t, "customer");
	hl_ctl_table_add(t, "hi\033[2J\x07 there\xc2\x9b");
	out = render(t);
	for (const char *p = out; *p; p++)
		assert_true(*p == '\n' || (unsigned char)*p >= 0x20);
	assert_null(strstr(out, "\xc2\x9b"));
	assert_non_null(strstr(out, "hi\xef\xbf\xbd[2J\xef\xbf\xbd there\xef\xbf\xbd"));
	free(out);
}

static void test_long_cell_kept_whole(void **state)
{
	static const char *const cols[] = {">SEQ", "TEXT"};
	hl_ctl_table *t = hl_ctl_table_new(2, cols);
	char text[6001], *out;

	(void)state;
	/* 2,000 Chinese characters, 6,000 bytes: a long customer line. */
	for (int i = 0; i < 2000; i++)
		memcpy(text + 3 * i, "好", 3);
	text[6000] = '\0';
	hl_ctl_table_add(t, "%d", 7);
	hl_ctl_table_add(t, "%s", text);
	out = render(t);
	assert_non_null(strstr(out, text));
	assert_int_equal(strlen(out), strlen("SEQ  TEXT\n") + strlen("  7  \n") + 6000);
	free(out);
}

static void test_empty_and_null(void **state)
{
	static const char *const cols[] = {"TEAM", ">MEMBERS"};
	char *out;

	(void)state;
	out = render(hl_ctl_table_new(2, cols));
	assert_string_equal(out, "TEAM  MEMBERS\n");
	free(out);
	assert_null(hl_ctl_table_new(0, cols));
	hl_ctl_table_add(NULL, "x");
	hl_ctl_table_limit(NULL, 0, 3);
	hl_ctl_table_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chinese_aligns),
		cmocka_unit_test(test_limit_cuts_with_ellipsis),
		cmocka_unit_test(test_fit_narrows_one_column),
		cmocka_unit_test(test_controls_never_printed),
		cmocka_unit_test(test_long_cell_kept_whole),
		cmocka_unit_test(test_empty_and_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
