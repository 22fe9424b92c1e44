/* Tests for the business-hours parser shared by the broker and the replay
 * runner: day ranges and lists, 24:00, ranges past midnight, and errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"
#include "route_hours.h"

static size_t parse(const char *text, hl_route_interval *iv, int *rc)
{
	char err[160];
	size_t n = 0;

	*rc = hl_route_hours_parse(text, iv, HL_ROUTE_HOURS_MAX, &n, err, sizeof err);
	return n;
}

static void test_weekdays(void **state)
{
	hl_route_interval iv[HL_ROUTE_HOURS_MAX];
	int rc;
	size_t n = parse("Mon-Fri 09:00-18:00; sat 10:00-24:00", iv, &rc);

	(void)state;
	assert_int_equal(rc, 0);
	assert_int_equal(n, 6);
	assert_int_equal(iv[0].from, 9 * 60);
	assert_int_equal(iv[0].to, 18 * 60);
	assert_int_equal(iv[4].from, 4 * 1440 + 9 * 60);
	assert_int_equal(iv[5].from, 5 * 1440 + 600);
	assert_int_equal(iv[5].to, 6 * 1440);
}

static void test_past_midnight_wraps_the_week(void **state)
{
	hl_route_interval iv[HL_ROUTE_HOURS_MAX];
	int rc;
	size_t n = parse("sun 22:00-02:00", iv, &rc);

	(void)state;
	assert_int_equal(rc, 0);
	assert_int_equal(n, 2);
	assert_int_equal(iv[0].from, 6 * 1440 + 22 * 60);
	assert_int_equal(iv[0].to, 7 * 1440);
	assert_int_equal(iv[1].from, 0);      /* Monday 00:00 */
	assert_int_equal(iv[1].to, 120);
}

static void test_list_and_empty(void **state)
{
	hl_route_interval iv[HL_ROUTE_HOURS_MAX];
	int rc;

	(void)state;
	assert_int_equal(parse("sat,sun 10:00-16:00", iv, &rc), 2);
	assert_int_equal(rc, 0);
	assert_int_equal(parse("", iv, &rc), 0);
	assert_int_equal(rc, 0);
}

static void test_errors(void **state)
{
	static const char *const bad[] = {
		"mon 9-18", "funday 09:00-18:00", "mon 25:00-26:00", "mon 09:00-09:00",
		"mon 09:60-10:00", "mon 09:00-24:30", "mon-xyz 09:00-10:00", "09:00-18:00",
		"mon 09:00-18:00 extra",
	};
	hl_route_interval iv[HL_ROUTE_HOURS_MAX];
	int rc;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		parse(bad[i], iv, &rc);
		assert_int_equal(rc, HL_E_INVALID);
	}
}

static void test_too_many_intervals(void **state)
{
	hl_route_interval iv[4];
	char err[160];
	size_t n = 0;

	(void)state;
	assert_int_equal(hl_route_hours_parse("mon-sun 09:00-10:00", iv, 4, &n, err, sizeof err),
			 HL_E_INVALID);
	assert_non_null(strstr(err, "more than 4"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weekdays),
		cmocka_unit_test(test_past_midnight_wraps_the_week),
		cmocka_unit_test(test_list_and_empty),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_too_many_intervals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
