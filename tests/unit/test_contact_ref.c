/* Tests for server/contact_ref.c: "c12" is contact 12; anything else a
 * client or a command line could send is refused, never read as another
 * contact; the formatter's output parses back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "contact_ref.h"
#include "error.h"

static void test_good_refs(void **state)
{
	int64_t id = 0;

	(void)state;
	assert_int_equal(hl_contact_ref_parse("c12", &id), 0);
	assert_int_equal(id, 12);
	assert_int_equal(hl_contact_ref_parse("c1", &id), 0);
	assert_int_equal(id, 1);
	assert_int_equal(hl_contact_ref_parse("c9223372036854775807", &id), 0);
	assert_true(id == INT64_MAX);
}

static void test_malformed_refs(void **state)
{
	static const char *const bad[] = {
		"", "c", "12", "C12", "c12x", "c-1", "c+1", "c 1", " c1", "c1 ", "c0", "c00",
		"c012", "c0x1", "cc1", "c1.5", "c1e3", "x12", "c\n1", "c12\n",
		"c9223372036854775808",      /* INT64_MAX + 1 */
		"c99999999999999999999999",  /* far past it */
		"c18446744073709551617",     /* wraps a uint64 to 1 */
	};
	int64_t id = 77;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(hl_contact_ref_parse(bad[i], &id), HL_E_INVALID);
		assert_int_equal(id, 77);
	}
	assert_int_equal(hl_contact_ref_parse(NULL, &id), HL_E_INVALID);
	assert_int_equal(id, 77);
}

static void test_format_round_trip(void **state)
{
	static const int64_t ids[] = {1, 9, 10, 12345, INT64_MAX};
	char buf[HL_CONTACT_REF_MAX];
	int64_t back;

	(void)state;
	assert_string_equal(hl_contact_ref_format(12, buf, sizeof buf), "c12");
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		hl_contact_ref_format(ids[i], buf, sizeof buf);
		assert_int_equal(hl_contact_ref_parse(buf, &back), 0);
		assert_true(back == ids[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_refs),
		cmocka_unit_test(test_malformed_refs),
		cmocka_unit_test(test_format_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
