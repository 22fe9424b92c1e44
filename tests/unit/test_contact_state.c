/* Tests for server/contact_state.c: every move the table allows, lands
 * where a person would expect, and every other move is refused, leaving
 * the state as it was; the stored names read back exactly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "contact_state.h"
#include "error.h"

/* The whole table, written out: (from, event) -> to. */
static const struct {
	hl_contact_state from;
	hl_contact_event ev;
	hl_contact_state to;
} allowed[] = {
	{HL_CONTACT_QUEUED, HL_CONTACT_EV_ANSWER, HL_CONTACT_ACTIVE},
	{HL_CONTACT_QUEUED, HL_CONTACT_EV_REQUEUE, HL_CONTACT_QUEUED},
	{HL_CONTACT_ACTIVE, HL_CONTACT_EV_REQUEUE, HL_CONTACT_QUEUED},
	{HL_CONTACT_ACTIVE, HL_CONTACT_EV_TRANSFER, HL_CONTACT_QUEUED},
	{HL_CONTACT_ACTIVE, HL_CONTACT_EV_END, HL_CONTACT_ENDED},
	{HL_CONTACT_QUEUED, HL_CONTACT_EV_ABANDON, HL_CONTACT_ABANDONED},
	{HL_CONTACT_QUEUED, HL_CONTACT_EV_REJECT, HL_CONTACT_REJECTED},
	{HL_CONTACT_QUEUED, HL_CONTACT_EV_LEAVE, HL_CONTACT_LEFT},
};

static int expected(hl_contact_state from, hl_contact_event ev, hl_contact_state *to)
{
	for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
		if (allowed[i].from == from && allowed[i].ev == ev) {
			*to = allowed[i].to;
			return 1;
		}
	return 0;
}

/* Every (state, event) pair: the allowed ones land where listed, the rest
 * (56 - 8 = 48 pairs) are refused and set nothing. */
static void test_full_table(void **state)
{
	int n_ok = 0, n_refused = 0;

	(void)state;
	for (int s = 0; s < HL_CONTACT_N_STATES; s++) {
		for (int e = 0; e < HL_CONTACT_N_EVENTS; e++) {
			hl_contact_state want, got = (hl_contact_state)99;
			int rc = hl_contact_transition((hl_contact_state)s, (hl_contact_event)e, &got);

			if (expected((hl_contact_state)s, (hl_contact_event)e, &want)) {
				assert_int_equal(rc, 0);
				assert_int_equal(got, want);
				n_ok++;
			} else {
				assert_int_equal(rc, HL_E_STATE);
				assert_int_equal(got, 99);
				n_refused++;
			}
		}
	}
	assert_int_equal(n_ok, 8);
	assert_int_equal(n_refused, HL_CONTACT_N_STATES * HL_CONTACT_N_EVENTS - 8);
}

/* A sample a person would check: closed contacts never reopen, a queued one
 * cannot end without an agent, an active one is not abandoned. */
static void test_refused_sample(void **state)
{
	hl_contact_state to;

	(void)state;
	assert_int_equal(hl_contact_transition(HL_CONTACT_ENDED, HL_CONTACT_EV_ANSWER, &to), HL_E_STATE);
	assert_int_equal(hl_contact_transition(HL_CONTACT_ENDED, HL_CONTACT_EV_END, &to), HL_E_STATE);
	assert_int_equal(hl_contact_transition(HL_CONTACT_ABANDONED, HL_CONTACT_EV_REQUEUE, &to),
			 HL_E_STATE);
	assert_int_equal(hl_contact_transition(HL_CONTACT_QUEUED, HL_CONTACT_EV_END, &to), HL_E_STATE);
	assert_int_equal(hl_contact_transition(HL_CONTACT_QUEUED, HL_CONTACT_EV_TRANSFER, &to),
			 HL_E_STATE);
	assert_int_equal(hl_contact_transition(HL_CONTACT_ACTIVE, HL_CONTACT_EV_ABANDON, &to),
			 HL_E_STATE);
	assert_int_equal(hl_contact_transition(HL_CONTACT_ACTIVE, HL_CONTACT_EV_ANSWER, &to),
			 HL_E_STATE);
	assert_int_equal(hl_contact_transition(HL_CONTACT_LEFT, HL_CONTACT_EV_LEAVE, &to), HL_E_STATE);
	assert_int_equal(hl_contact_transition((hl_contact_state)-1, HL_CONTACT_EV_END, &to),
			 HL_E_STATE);
	assert_int_equal(hl_contact_transition(HL_CONTACT_ACTIVE, HL_CONTACT_N_EVENTS, &to),
			 HL_E_STATE);
}

/* The names are the ones the database has always held. */
static void test_names_round_trip(void **state)
{
	static const char *const stored[] = {"queued", "active", "ended", "abandoned",
					     "rejected", "left"};
	hl_contact_state s;

	(void)state;
	assert_int_equal(sizeof stored / sizeof stored[0], HL_CONTACT_N_STATES);
	for (int i = 0; i < HL_CONTACT_N_STATES; i++) {
		assert_string_equal(hl_contact_state_name((hl_contact_state)i), stored[i]);
		assert_int_equal(hl_contact_state_parse(stored[i], &s), 0);
		assert_int_equal(s, i);
		assert_true(hl_contact_state_is(stored[i], (hl_contact_state)i));
	}
	assert_null(hl_contact_state_name(HL_CONTACT_N_STATES));
	assert_null(hl_contact_state_name((hl_contact_state)-1));
	assert_non_null(hl_contact_event_name(HL_CONTACT_EV_LEAVE));
	assert_null(hl_contact_event_name(HL_CONTACT_N_EVENTS));
}

static void test_malformed_names(void **state)
{
	static const char *const bad[] = {"", "Queued", "QUEUED", "queued ", " queued",
					  "queue", "queuedx", "offered", "closed", "active\n"};
	hl_contact_state s = HL_CONTACT_LEFT;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(hl_contact_state_parse(bad[i], &s), HL_E_INVALID);
		assert_false(hl_contact_state_is(bad[i], HL_CONTACT_QUEUED));
	}
	assert_int_equal(hl_contact_state_parse(NULL, &s), HL_E_INVALID);
	assert_int_equal(s, HL_CONTACT_LEFT);
	assert_false(hl_contact_state_is("active", HL_CONTACT_QUEUED));
}

/* Moving a stored name: the allowed move rewrites it, a refused one or an
 * unknown name leaves the buffer as it was. */
static void test_apply_on_stored_names(void **state)
{
	char st[16] = "queued";

	(void)state;
	assert_true(hl_contact_state_may(st, HL_CONTACT_EV_ANSWER));
	assert_int_equal(hl_contact_state_apply(st, sizeof st, HL_CONTACT_EV_ANSWER), 0);
	assert_string_equal(st, "active");
	assert_false(hl_contact_state_may(st, HL_CONTACT_EV_ANSWER));
	assert_int_equal(hl_contact_state_apply(st, sizeof st, HL_CONTACT_EV_ANSWER), HL_E_STATE);
	assert_string_equal(st, "active");
	assert_int_equal(hl_contact_state_apply(st, sizeof st, HL_CONTACT_EV_END), 0);
	assert_string_equal(st, "ended");
	assert_int_equal(hl_contact_state_apply(st, sizeof st, HL_CONTACT_EV_REQUEUE), HL_E_STATE);
	assert_string_equal(st, "ended");
	snprintf(st, sizeof st, "bogus");
	assert_false(hl_contact_state_may(st, HL_CONTACT_EV_END));
	assert_int_equal(hl_contact_state_apply(st, sizeof st, HL_CONTACT_EV_END), HL_E_STATE);
	assert_string_equal(st, "bogus");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_table),
		cmocka_unit_test(test_refused_sample),
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_malformed_names),
		cmocka_unit_test(test_apply_on_stored_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
